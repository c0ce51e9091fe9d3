//! `margin export --format csv`: one row per coding, for R, pandas or SPSS.

use super::content::theme_path;
use crate::analysis::query::{Filter, Table, extracts};
use crate::model::Project;

/// Columns: document, each defined attribute, speaker, start, end, lines,
/// code, theme (path), coder, starred, text. Offsets are characters (Unicode
/// scalar values), end exclusive.
pub fn codings_table(project: &Project, progress: &mut dyn FnMut(usize, usize)) -> Table {
    let attributes: Vec<&str> = project
        .manifest
        .attributes
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    let mut header = vec!["document".to_string()];
    header.extend(attributes.iter().map(ToString::to_string));
    header.extend(
        [
            "speaker", "start", "end", "lines", "code", "theme", "coder", "starred", "text",
        ]
        .iter()
        .map(ToString::to_string),
    );
    let mut table = Table::new(header);
    let list = extracts::extracts(project, None, &Filter::default());
    let mut paths: std::collections::BTreeMap<String, String> = Default::default();
    let total = list.len();
    for (i, e) in list.into_iter().enumerate() {
        if i % 1024 == 0 {
            progress(i, total);
        }
        let path = paths
            .entry(e.code.clone())
            .or_insert_with(|| theme_path(project, &crate::model::CodeId::new(&e.code)))
            .clone();
        let mut row = vec![e.document.clone()];
        row.extend(
            attributes
                .iter()
                .map(|a| e.attributes.get(*a).cloned().unwrap_or_default()),
        );
        row.extend([
            e.speaker.unwrap_or_default(),
            e.start.to_string(),
            e.end.to_string(),
            e.lines,
            e.code_name,
            path,
            e.coder,
            if e.starred { "TRUE" } else { "FALSE" }.to_string(),
            e.text,
        ]);
        table.rows.push(row);
    }
    progress(total, total);
    table
}
