//! The codebook on its own: CSV for spreadsheets, Markdown for a repository.

use super::content::theme_path;
use crate::analysis::query::{Filter, Table, code_order, freq};
use crate::model::Project;
use std::fmt::Write as _;

/// One row per code, in reading order: its theme path, id, name, definition,
/// inclusion and exclusion criteria, example, codings and documents.
pub fn table(project: &Project) -> Table {
    let counts = freq(project, &Filter::default(), false, None)
        .map(|f| f.rows)
        .unwrap_or_default();
    let mut table = Table::new(
        [
            "theme",
            "id",
            "code",
            "definition",
            "inclusion",
            "exclusion",
            "example",
            "codings",
            "documents",
        ]
        .iter()
        .map(ToString::to_string)
        .collect(),
    );
    for id in code_order(project) {
        let Some(code) = project.codes.get(&id) else {
            continue;
        };
        let c = counts
            .iter()
            .find(|r| r.id == id.as_str())
            .map(|r| r.total)
            .unwrap_or_default();
        table.rows.push(vec![
            theme_path(project, &id),
            id.to_string(),
            code.name.clone(),
            code.description.clone(),
            code.inclusion.clone(),
            code.exclusion.clone(),
            code.example.clone(),
            c.codings.to_string(),
            c.documents.to_string(),
        ]);
    }
    table
}

pub fn csv(project: &Project) -> String {
    table(project).to_csv()
}

/// The codebook as Markdown: themes as headings in tree order, each code with
/// its definition and criteria; codes in no theme last.
pub fn markdown(project: &Project) -> String {
    use super::markdown::inline;
    let mut out = format!("# Codebook: {}\n\n", inline(&project.manifest.title));
    let write_code = |out: &mut String, id: &crate::model::CodeId| {
        let Some(code) = project.codes.get(id) else {
            return;
        };
        let _ = writeln!(out, "- **{}** (`{}`)", inline(&code.name), code.id);
        for (label, text) in [
            ("Definition", &code.description),
            ("Include", &code.inclusion),
            ("Exclude", &code.exclusion),
            ("Example", &code.example),
        ] {
            if !text.trim().is_empty() {
                let _ = writeln!(out, "  - {label}: {}", inline(text.trim()));
            }
        }
    };
    for (depth, t) in crate::model::theme::walk(&project.themes) {
        let level = "#".repeat((2 + depth).min(6));
        let _ = writeln!(out, "{level} {} ({})\n", inline(&t.name), t.status.label());
        if !t.definition.is_empty() {
            let _ = writeln!(out, "{}\n", inline(&t.definition));
        }
        for id in &t.codes {
            write_code(&mut out, id);
        }
        if !t.codes.is_empty() {
            out.push('\n');
        }
    }
    let unsorted = project.unsorted_codes();
    if !unsorted.is_empty() {
        out.push_str("## Codes in no theme\n\n");
        for code in unsorted {
            write_code(&mut out, &code.id);
        }
        out.push('\n');
    }
    out
}
