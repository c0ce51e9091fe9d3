//! Queries over a loaded project, for `margin query`, the workbench's charts
//! and reports: frequencies, co-occurrence, code by case matrices and
//! extracts. Each is a pure function of the project and a `Filter`; none reads
//! a file or knows a terminal.

pub mod cooc;
pub mod extracts;
pub mod filter;
pub mod freq;
pub mod matrix;
pub mod table;

pub use cooc::{Cooc, Unit, cooc};
pub use extracts::{Extract, extracts};
pub use filter::{Filter, Subject};
pub use freq::{Counts, Freq, FreqRow, freq};
pub use matrix::{Matrix, MatrixBy, matrix};
pub use table::Table;

use crate::model::{CodeId, Project, theme};

/// Every code in reading order: the theme tree's codes as the tree lists them,
/// then codes in no theme by name.
pub fn code_order(project: &Project) -> Vec<CodeId> {
    let mut out: Vec<CodeId> = Vec::new();
    for (_, t) in theme::walk(&project.themes) {
        for code in &t.codes {
            if project.codes.contains_key(code) && !out.contains(code) {
                out.push(code.clone());
            }
        }
    }
    out.extend(project.unsorted_codes().into_iter().map(|c| c.id.clone()));
    out
}

#[cfg(test)]
pub(crate) mod fixture;
