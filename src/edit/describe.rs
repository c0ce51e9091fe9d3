//! Describing an edit in the analyst's words, for the status line, undo
//! messages and the journal ("code 'chaos' on P3 lines 41-43").

use super::Edit;
use crate::model::{Coding, DocId, Project};

impl Edit {
    /// A short description of what applying this edit does to `project` (which
    /// should be the project before the edit).
    pub fn describe(&self, project: &Project) -> String {
        match self {
            Edit::AddCoding { doc, coder, coding } => {
                format!("code {} ({coder})", coding_place(project, doc, coding))
            }
            Edit::RemoveCoding { doc, coder, coding } => {
                format!("uncode {} ({coder})", coding_place(project, doc, coding))
            }
            Edit::AddCodings {
                doc,
                coder,
                codings,
            } => format!(
                "code {} in {doc} ({coder})",
                crate::text::count(codings.len(), "passage", "passages")
            ),
            Edit::RemoveCodings {
                doc,
                coder,
                codings,
            } => format!(
                "uncode {} in {doc} ({coder})",
                crate::text::count(codings.len(), "passage", "passages")
            ),
            Edit::ChangeCoding {
                doc, before, after, ..
            } => {
                if before.star != after.star {
                    let verb = if after.star { "star" } else { "unstar" };
                    format!("{verb} {}", coding_place(project, doc, after))
                } else if before.memo != after.memo {
                    format!("memo on {}", coding_place(project, doc, after))
                } else if before.code != after.code {
                    format!(
                        "recode {} as '{}'",
                        coding_place(project, doc, before),
                        project.code_name(&after.code)
                    )
                } else {
                    format!("resize {}", coding_place(project, doc, after))
                }
            }
            Edit::AddCode { code } => format!("add code '{}'", code.name),
            Edit::RemoveCode { code } => format!("delete code '{}'", code.name),
            Edit::ChangeCode { before, after } => {
                if before.name != after.name {
                    format!("rename code '{}' to '{}'", before.name, after.name)
                } else if before.color != after.color {
                    format!("recolour code '{}' to {}", after.name, after.color)
                } else {
                    format!("edit the definition of code '{}'", after.name)
                }
            }
            Edit::AddTheme { slot, theme } => match &slot.parent {
                Some(parent) => format!(
                    "add theme '{}' under '{}'",
                    theme.name,
                    theme_name(project, parent)
                ),
                None => format!("add theme '{}'", theme.name),
            },
            Edit::RemoveTheme { theme, .. } => format!("delete theme '{}'", theme.name),
            Edit::ChangeTheme { before, after, .. } => {
                if before.name != after.name {
                    format!("rename theme '{}' to '{}'", before.name, after.name)
                } else if before.status != after.status {
                    format!("mark theme '{}' {}", after.name, after.status.label())
                } else {
                    format!("edit the definition of theme '{}'", after.name)
                }
            }
            Edit::PlaceCode { code, from, to } => {
                let name = project.code_name(code);
                match (from, to) {
                    (_, Some((theme, _))) if from.as_ref().map(|f| &f.0) == Some(theme) => {
                        format!("reorder code '{name}' in '{}'", theme_name(project, theme))
                    }
                    (_, Some((theme, _))) => {
                        format!("move code '{name}' into '{}'", theme_name(project, theme))
                    }
                    (Some((theme, _)), None) => {
                        format!("move code '{name}' out of '{}'", theme_name(project, theme))
                    }
                    (None, None) => format!("leave code '{name}' unsorted"),
                }
            }
            Edit::MoveTheme { id, to, .. } => match &to.parent {
                Some(parent) => format!(
                    "move theme '{}' under '{}'",
                    theme_name(project, id),
                    theme_name(project, parent)
                ),
                None => format!("move theme '{}' to the top", theme_name(project, id)),
            },
            Edit::AddDocument { doc } => format!("import document {}", doc.id),
            Edit::RemoveDocument { doc } => format!("remove document {}", doc.id),
            Edit::ChangeDocumentRecord { id, before, after } => attribute_change(id, before, after)
                .unwrap_or_else(|| format!("edit the record of {id}")),
            Edit::SetMemo { target, after, .. } => match after {
                Some(_) => format!("edit the memo on {target}"),
                None => format!("delete the memo on {target}"),
            },
            Edit::AppendJournal { entry } => format!("journal: {}", entry.what),
            Edit::RemoveJournal { entry } => format!("unjournal: {}", entry.what),
            Edit::SetManifest { .. } => "edit the project settings".to_string(),
            Edit::Batch { label, edits } => {
                if label.is_empty() {
                    edits
                        .iter()
                        .map(|e| e.describe(project))
                        .collect::<Vec<_>>()
                        .join("; ")
                } else {
                    label.clone()
                }
            }
        }
    }
}

/// "'chaos' on P3 lines 41-43"
pub fn coding_place(project: &Project, doc: &DocId, coding: &Coding) -> String {
    let lines = project
        .documents
        .get(doc)
        .map(|d| d.index().line_span(coding.start, coding.end))
        .unwrap_or_else(|| format!("{}..{}", coding.start, coding.end));
    let word = if lines.contains('-') { "lines" } else { "line" };
    format!(
        "'{}' on {doc} {word} {lines}",
        project.code_name(&coding.code)
    )
}

fn theme_name(project: &Project, id: &crate::model::ThemeId) -> String {
    project
        .theme(id)
        .map_or_else(|| id.to_string(), |t| t.name.clone())
}

/// "set role of P1 to 'nurse'" when exactly one attribute changed.
fn attribute_change(
    id: &DocId,
    before: &crate::model::DocumentRecord,
    after: &crate::model::DocumentRecord,
) -> Option<String> {
    if before.title != after.title || before.source != after.source {
        return None;
    }
    let mut names = before.attributes.keys().chain(after.attributes.keys());
    let mut changed = names
        .by_ref()
        .filter(|name| before.attributes.get(*name) != after.attributes.get(*name));
    let name = changed.next()?;
    if changed.any(|other| other != name) {
        return None;
    }
    Some(match after.attributes.get(name) {
        Some(value) => format!("set {name} of {id} to '{value}'"),
        None => format!("clear {name} of {id}"),
    })
}
