//! `margin query matrix`: codings per code and document, or per code and
//! value of an attribute; `binary` gives 0/1 (was the code applied there),
//! the code x document matrix statistics packages expect.

use super::freq::{attribute_values, value_of};
use super::{Filter, code_order};
use crate::model::Project;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MatrixBy {
    Document,
    Attribute(String),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Matrix {
    /// "document" or the attribute's name.
    pub by: String,
    pub columns: Vec<String>,
    /// Code ids and names, in reading order.
    pub codes: Vec<String>,
    pub names: Vec<String>,
    /// `cells[code][column]`: codings (or 0/1 when binary).
    pub cells: Vec<Vec<usize>>,
    pub binary: bool,
}

pub fn matrix(
    project: &Project,
    filter: &Filter,
    by: &MatrixBy,
    binary: bool,
) -> Result<Matrix, String> {
    let columns: Vec<String> = match by {
        MatrixBy::Document => filter
            .documents(project)
            .map(|d| d.id.to_string())
            .collect(),
        MatrixBy::Attribute(name) => {
            if !project.manifest.attributes.iter().any(|a| &a.name == name) {
                return Err(format!(
                    "no attribute '{name}'; use --by document or one of: {}",
                    project
                        .manifest
                        .attributes
                        .iter()
                        .map(|a| a.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            attribute_values(project, filter, name)
        }
    };
    let codes = code_order(project);
    let mut cells = vec![vec![0usize; columns.len()]; codes.len()];
    for r in filter.codings(project) {
        let Some(row) = codes.iter().position(|c| c == &r.coding.code) else {
            continue;
        };
        let column = match by {
            MatrixBy::Document => r.doc.to_string(),
            MatrixBy::Attribute(name) => match project.documents.get(r.doc) {
                Some(d) => value_of(d, name),
                None => continue,
            },
        };
        if let Some(col) = columns.iter().position(|c| *c == column) {
            cells[row][col] += 1;
        }
    }
    if binary {
        for cell in cells.iter_mut().flatten() {
            *cell = usize::from(*cell > 0);
        }
    }
    Ok(Matrix {
        by: match by {
            MatrixBy::Document => "document".to_string(),
            MatrixBy::Attribute(name) => name.clone(),
        },
        columns,
        names: codes
            .iter()
            .map(|c| project.code_name(c).to_string())
            .collect(),
        codes: codes.iter().map(ToString::to_string).collect(),
        cells,
        binary,
    })
}

impl Matrix {
    pub fn table(&self) -> super::Table {
        let mut header = vec!["code".to_string()];
        header.extend(self.columns.iter().cloned());
        let mut table = super::Table::new(header);
        for (name, row) in self.names.iter().zip(&self.cells) {
            let mut cells = vec![name.clone()];
            cells.extend(row.iter().map(ToString::to_string));
            table.rows.push(cells);
        }
        table
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;

    #[test]
    fn code_by_document_and_binary_by_hand() {
        let p = fixture::project();
        let m = matrix(&p, &Filter::default(), &MatrixBy::Document, false).expect("runs");
        assert_eq!(m.columns, ["D1", "D2", "D3"]);
        assert_eq!(m.names, ["mood", "sleep", "care", "work"]);
        assert_eq!(m.cells, [[2, 1, 0], [2, 0, 0], [1, 0, 0], [0, 1, 0]]);
        let b = matrix(&p, &Filter::default(), &MatrixBy::Document, true).expect("runs");
        assert_eq!(b.cells, [[1, 1, 0], [1, 0, 0], [1, 0, 0], [0, 1, 0]]);
    }

    #[test]
    fn code_by_attribute_value_by_hand() {
        let p = fixture::project();
        let by = MatrixBy::Attribute("role".into());
        let m = matrix(&p, &Filter::default(), &by, false).expect("runs");
        assert_eq!(m.columns, ["doctor", "nurse"]);
        assert_eq!(m.cells, [[1, 2], [0, 2], [0, 1], [1, 0]]);
        let mut ben = Filter::default();
        ben.add_coder("ben");
        let m = matrix(&p, &ben, &by, false).expect("runs");
        assert_eq!(m.cells, [[0, 1], [0, 1], [0, 0], [0, 0]]);
        assert!(
            matrix(
                &p,
                &Filter::default(),
                &MatrixBy::Attribute("age".into()),
                false
            )
            .is_err()
        );
    }
}
