//! Applying an edit: check that it fits the project, change it, return the inverse.

use super::{Edit, EditError};
use crate::model::{CodeId, CoderId, Coding, DocId, Project, ThemeId, ThemeSlot, theme};
use std::collections::BTreeMap;

type Result<T> = std::result::Result<T, EditError>;

impl Edit {
    /// Applies the edit and returns its inverse. On error nothing has changed.
    pub fn apply(self, project: &mut Project) -> Result<Edit> {
        match self {
            Edit::AddCoding { doc, coder, coding } => {
                check_coding(project, &doc, &coder, &coding)?;
                let list = codings_mut(project, &doc, &coder);
                match list.binary_search_by(|c| c.key().cmp(&coding.key())) {
                    Ok(_) => {
                        tidy_codings(project, &doc, &coder);
                        return Err(already_coded(project, &doc, &coder, &coding));
                    }
                    Err(at) => list.insert(at, coding.clone()),
                }
                Ok(Edit::RemoveCoding { doc, coder, coding })
            }
            Edit::RemoveCoding { doc, coder, coding } => {
                let list = project
                    .codings
                    .get_mut(&doc)
                    .and_then(|m| m.get_mut(&coder))
                    .ok_or_else(|| EditError::new(format!("{coder} has no codings in {doc}")))?;
                let at = list
                    .iter()
                    .position(|c| c == &coding)
                    .ok_or_else(|| EditError::new("that coding is no longer there"))?;
                list.remove(at);
                tidy_codings(project, &doc, &coder);
                Ok(Edit::AddCoding { doc, coder, coding })
            }
            Edit::AddCodings {
                doc,
                coder,
                codings,
            } => {
                add_codings(project, &doc, &coder, &codings)?;
                Ok(Edit::RemoveCodings {
                    doc,
                    coder,
                    codings,
                })
            }
            Edit::RemoveCodings {
                doc,
                coder,
                codings,
            } => {
                remove_codings(project, &doc, &coder, &codings)?;
                Ok(Edit::AddCodings {
                    doc,
                    coder,
                    codings,
                })
            }
            Edit::ChangeCoding {
                doc,
                coder,
                before,
                after,
            } => {
                let batch = Edit::Batch {
                    label: String::new(),
                    edits: vec![
                        Edit::RemoveCoding {
                            doc: doc.clone(),
                            coder: coder.clone(),
                            coding: before.clone(),
                        },
                        Edit::AddCoding {
                            doc: doc.clone(),
                            coder: coder.clone(),
                            coding: after.clone(),
                        },
                    ],
                };
                batch.apply(project)?;
                Ok(Edit::ChangeCoding {
                    doc,
                    coder,
                    before: after,
                    after: before,
                })
            }
            Edit::AddCode { code } => {
                if project.codes.contains_key(&code.id) {
                    return Err(EditError::new(format!(
                        "a code with id '{}' exists",
                        code.id
                    )));
                }
                if let Some(why) = crate::model::file_name_problem(code.id.as_str()) {
                    return Err(EditError::new(format!(
                        "'{}' cannot be a code id: {why}",
                        code.id
                    )));
                }
                if code.name.trim().is_empty() {
                    return Err(EditError::new("a code needs a name"));
                }
                project.codes.insert(code.id.clone(), code.clone());
                Ok(Edit::RemoveCode { code })
            }
            Edit::RemoveCode { code } => {
                let (uses, _) = project.code_usage(&code.id);
                remove_code(project, code, uses)
            }
            Edit::ChangeCode { before, after } => {
                if before.id != after.id {
                    return Err(EditError::new("a code's id never changes"));
                }
                if after.name.trim().is_empty() {
                    return Err(EditError::new("a code needs a name"));
                }
                let current = project
                    .codes
                    .get_mut(&before.id)
                    .ok_or_else(|| EditError::missing("code", &before.id))?;
                if *current != before {
                    return Err(EditError::changed(format!("code '{}'", before.id)));
                }
                *current = after.clone();
                Ok(Edit::ChangeCode {
                    before: after,
                    after: before,
                })
            }
            Edit::AddTheme { slot, theme } => super::apply_themes::add_theme(project, slot, theme),
            Edit::RemoveTheme { slot, theme } => {
                super::apply_themes::remove_theme(project, slot, theme)
            }
            Edit::ChangeTheme { id, before, after } => {
                super::apply_themes::change_theme(project, id, before, after)
            }
            Edit::PlaceCode { code, from, to } => {
                super::apply_themes::place_code(project, code, from, to)
            }
            Edit::MoveTheme { id, from, to } => {
                super::apply_themes::move_theme(project, id, from, to)
            }
            Edit::AddDocument { doc } => {
                if project.documents.contains_key(&doc.id) {
                    return Err(EditError::new(format!(
                        "a document with id '{}' exists",
                        doc.id
                    )));
                }
                if !crate::model::is_safe_file_stem(doc.id.as_str()) {
                    return Err(EditError::new(format!(
                        "'{}' cannot be a document id: use letters, digits, '-', '_' or '.', not starting with a dot",
                        doc.id
                    )));
                }
                project.documents.insert(doc.id.clone(), (*doc).clone());
                Ok(Edit::RemoveDocument { doc })
            }
            Edit::RemoveDocument { doc } => {
                if project.documents.get(&doc.id) != Some(&*doc) {
                    return Err(EditError::changed(format!("document '{}'", doc.id)));
                }
                if project.codings.contains_key(&doc.id) {
                    return Err(EditError::new(format!(
                        "document '{}' still has codings",
                        doc.id
                    )));
                }
                project.documents.remove(&doc.id);
                Ok(Edit::AddDocument { doc })
            }
            Edit::ChangeDocumentRecord { id, before, after } => {
                let doc = project
                    .documents
                    .get_mut(&id)
                    .ok_or_else(|| EditError::missing("document", &id))?;
                if doc.record != before {
                    return Err(EditError::changed(format!("document '{id}'")));
                }
                doc.record = after.clone();
                Ok(Edit::ChangeDocumentRecord {
                    id,
                    before: after,
                    after: before,
                })
            }
            Edit::SetMemo {
                target,
                before,
                after,
            } => {
                if project.memos.get(&target) != before.as_ref() {
                    return Err(EditError::changed(format!("the memo on {target}")));
                }
                match &after {
                    Some(text) => project.memos.insert(target.clone(), text.clone()),
                    None => project.memos.remove(&target),
                };
                Ok(Edit::SetMemo {
                    target,
                    before: after,
                    after: before,
                })
            }
            Edit::AppendJournal { entry } => {
                project.journal.push(entry.clone());
                Ok(Edit::RemoveJournal { entry })
            }
            Edit::RemoveJournal { entry } => {
                if project.journal.last() != Some(&entry) {
                    return Err(EditError::new("the journal has changed since"));
                }
                project.journal.pop();
                Ok(Edit::AppendJournal { entry })
            }
            Edit::SetManifest { before, after } => {
                if project.manifest != *before {
                    return Err(EditError::changed("the manifest"));
                }
                project.manifest = (*after).clone();
                Ok(Edit::SetManifest {
                    before: after,
                    after: before,
                })
            }
            Edit::Batch { label, edits } => {
                // Each code removed must have no codings left. A batch that
                // removes several (a merge of eight codes removes seven)
                // counts them in one pass over the codings, not one per
                // code: at its first removal, and again only after an edit
                // that may change codings.
                let removals = edits
                    .iter()
                    .filter(|edit| matches!(edit, Edit::RemoveCode { .. }))
                    .count();
                let mut usage: Option<BTreeMap<CodeId, (usize, usize)>> = None;
                let mut inverses: Vec<Edit> = Vec::with_capacity(edits.len());
                for edit in edits {
                    let keeps_codings = keeps_codings(&edit);
                    let applied = match edit {
                        Edit::RemoveCode { code } if removals > 1 => {
                            let usage = usage.get_or_insert_with(|| project.usage_table());
                            let uses = usage.get(&code.id).map_or(0, |(codings, _)| *codings);
                            remove_code(project, code, uses)
                        }
                        edit => edit.apply(project),
                    };
                    if !keeps_codings {
                        usage = None;
                    }
                    match applied {
                        Ok(inverse) => inverses.push(inverse),
                        Err(err) => {
                            // Roll back what was done, newest first.
                            for inverse in inverses.into_iter().rev() {
                                let _ = inverse.apply(project);
                            }
                            return Err(err);
                        }
                    }
                }
                inverses.reverse();
                Ok(Edit::Batch {
                    label,
                    edits: inverses,
                })
            }
        }
    }
}

/// Whether `edit` leaves every coding as it is.
fn keeps_codings(edit: &Edit) -> bool {
    let mut keeps = true;
    edit.for_each_coded_document(&mut |_| keeps = false);
    keeps
}

/// Removes `code`, which `uses` codings still carry (counted by the caller).
fn remove_code(project: &mut Project, code: crate::model::Code, uses: usize) -> Result<Edit> {
    if project.codes.get(&code.id) != Some(&code) {
        return Err(EditError::changed(format!("code '{}'", code.id)));
    }
    if uses > 0 {
        return Err(EditError::new(format!(
            "code '{}' still has {uses} codings",
            code.name
        )));
    }
    if let Some(t) = project.theme_of_code(&code.id) {
        return Err(EditError::new(format!(
            "code '{}' is still in theme '{}'",
            code.name, t.name
        )));
    }
    let memo = crate::model::MemoTarget::Code(code.id.clone());
    if project.memos.contains_key(&memo) {
        return Err(EditError::new(format!(
            "code '{}' still has a memo",
            code.name
        )));
    }
    project.codes.remove(&code.id);
    Ok(Edit::AddCode { code })
}

fn check_coding(
    project: &Project,
    doc: &crate::model::DocId,
    coder: &str,
    coding: &Coding,
) -> Result<()> {
    let document = project
        .documents
        .get(doc)
        .ok_or_else(|| EditError::missing("document", doc))?;
    if !project.codes.contains_key(&coding.code) {
        return Err(EditError::missing("code", &coding.code));
    }
    if !crate::model::is_safe_file_stem(coder) {
        return Err(EditError::new(format!(
            "'{coder}' cannot be a coder name: use letters, digits, '-', '_' or '.', not starting with a dot"
        )));
    }
    // An unplaced coding covers nothing: it marks where its words were.
    let empty_ok = coding.is_unplaced() && coding.start == coding.end;
    if (coding.start >= coding.end && !empty_ok) || coding.end > document.char_len() {
        return Err(EditError::new(format!(
            "range {}..{} is outside {doc}, which has {} characters",
            coding.start,
            coding.end,
            document.char_len()
        )));
    }
    Ok(())
}

/// Drops empty coder lists and documents so that the model has one form for
/// "no codings" (undo then gives back an equal project).
/// `AddCodings`: every coding checked as `AddCoding` checks one (none
/// twice, none already there) before any is added.
fn add_codings(
    project: &mut Project,
    doc: &DocId,
    coder: &CoderId,
    codings: &[Coding],
) -> Result<()> {
    for coding in codings {
        check_coding(project, doc, coder, coding)?;
    }
    let already = |coding: &Coding| {
        project
            .codings
            .get(doc)
            .and_then(|m| m.get(coder.as_str()))
            .is_some_and(|list| {
                list.binary_search_by(|c| c.key().cmp(&coding.key()))
                    .is_ok()
            })
    };
    let mut keys: Vec<_> = codings.iter().map(Coding::key).collect();
    keys.sort_unstable();
    let twice = keys.windows(2).position(|pair| pair[0] == pair[1]);
    let duplicate = twice
        .and_then(|i| codings.iter().find(|c| c.key() == keys[i]))
        .or_else(|| codings.iter().find(|c| already(c)));
    if let Some(coding) = duplicate {
        return Err(already_coded(project, doc, coder, coding));
    }
    let list = codings_mut(project, doc, coder);
    list.extend(codings.iter().cloned());
    list.sort_by(|a, b| a.key().cmp(&b.key()));
    Ok(())
}

/// The coder's codings of `doc`, an empty list made for them if need be
/// (`tidy_codings` removes it again if it stays empty).
fn codings_mut<'p>(project: &'p mut Project, doc: &DocId, coder: &CoderId) -> &'p mut Vec<Coding> {
    project
        .codings
        .entry(doc.clone())
        .or_default()
        .entry(coder.clone())
        .or_default()
}

fn already_coded(project: &Project, doc: &DocId, coder: &CoderId, coding: &Coding) -> EditError {
    EditError::new(format!(
        "{coder} already coded {doc} {}..{} with '{}'",
        coding.start,
        coding.end,
        project.code_name(&coding.code)
    ))
}

/// `RemoveCodings`: every coding must be there (each once) before any goes.
fn remove_codings(
    project: &mut Project,
    doc: &DocId,
    coder: &CoderId,
    codings: &[Coding],
) -> Result<()> {
    let list = project
        .codings
        .get_mut(doc)
        .and_then(|m| m.get_mut(coder))
        .ok_or_else(|| EditError::new(format!("{coder} has no codings in {doc}")))?;
    let mut at = Vec::with_capacity(codings.len());
    for coding in codings {
        let found = list
            .binary_search_by(|c| c.key().cmp(&coding.key()))
            .ok()
            .filter(|&i| &list[i] == coding)
            .or_else(|| list.iter().position(|c| c == coding));
        at.push(found.ok_or_else(|| EditError::new("that coding is no longer there"))?);
    }
    at.sort_unstable();
    if at.windows(2).any(|pair| pair[0] == pair[1]) {
        return Err(EditError::new("that coding is no longer there"));
    }
    let mut index = 0;
    list.retain(|_| {
        let keep = at.binary_search(&index).is_err();
        index += 1;
        keep
    });
    tidy_codings(project, doc, coder);
    Ok(())
}

fn tidy_codings(project: &mut Project, doc: &crate::model::DocId, coder: &str) {
    if let Some(by_coder) = project.codings.get_mut(doc) {
        if by_coder.get(coder).is_some_and(Vec::is_empty) {
            by_coder.remove(coder);
        }
        if by_coder.is_empty() {
            project.codings.remove(doc);
        }
    }
}

pub(super) fn siblings_mut<'a>(
    project: &'a mut Project,
    parent: Option<&ThemeId>,
) -> Result<&'a mut Vec<crate::model::Theme>> {
    match parent {
        None => Ok(&mut project.themes),
        Some(id) => theme::find_mut(&mut project.themes, id)
            .map(|t| &mut t.subthemes)
            .ok_or_else(|| EditError::missing("theme", id)),
    }
}

/// Where a new theme would go as the last child of `parent`.
pub fn last_slot(project: &Project, parent: Option<&ThemeId>) -> ThemeSlot {
    let index = match parent {
        None => project.themes.len(),
        Some(id) => project.theme(id).map_or(0, |t| t.subthemes.len()),
    };
    ThemeSlot {
        parent: parent.cloned(),
        index,
    }
}
