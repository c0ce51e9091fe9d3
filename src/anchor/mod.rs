//! Re-anchoring codings when a transcript is corrected after coding.
//!
//! A document whose text no longer has the SHA-256 in its record was changed
//! behind margin's back (a corrected transcript, `sed -i`). Its codings still
//! count characters of the old text. The planner maps each onto the new text,
//! exactly through a diff when the old text is known (git history keeps it),
//! and by the excerpt stored beside each coding otherwise. The result is one
//! `Edit::Batch`: moved codings re-pointed, lost ones kept as unplaced (they
//! cover no text until the analyst places or deletes them: nothing is lost),
//! and the record's SHA-256 brought up to date. Pure: `sources` gathers the
//! old texts and excerpts from disk and git.

pub mod sources;

use crate::edit::Edit;
use crate::import::sha256_hex;
use crate::model::{CodeId, CoderId, Coding, DocId, Project};
use crate::text::reanchor::{Placement, TextMap, find_by_excerpt};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// The excerpt stored beside each coding on disk, by (document, coder,
/// start, end, code).
pub type Excerpts = BTreeMap<(DocId, CoderId, usize, usize, CodeId), String>;

/// What is known of the text a document's codings were made on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OldText {
    pub text: String,
    /// Where it came from, for the report ("git commit 1a2b3c4").
    pub from: String,
}

/// A coding that moved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Moved {
    pub coder: CoderId,
    pub before: Coding,
    pub after: Coding,
}

/// What re-anchoring did to one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocReport {
    pub doc: DocId,
    /// "the text at git commit 1a2b3c4", or "the stored excerpts".
    pub method: String,
    pub unchanged: usize,
    pub moved: Vec<Moved>,
    /// Codings whose words are gone, now unplaced (after the edit).
    pub unplaceable: Vec<Moved>,
}

impl fmt::Display for DocReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} moved, {} unchanged, {} unplaceable (by {})",
            self.doc,
            count(self.moved.len()),
            self.unchanged,
            self.unplaceable.len(),
            self.method
        )
    }
}

fn count(n: usize) -> String {
    if n == 1 {
        "1 coding".to_string()
    } else {
        format!("{n} codings")
    }
}

/// Re-anchoring of every changed document: one undoable edit and a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reanchored {
    pub edit: Edit,
    pub docs: Vec<DocReport>,
}

impl Reanchored {
    pub fn moved(&self) -> usize {
        self.docs.iter().map(|d| d.moved.len()).sum()
    }
    pub fn unchanged(&self) -> usize {
        self.docs.iter().map(|d| d.unchanged).sum()
    }
    pub fn unplaceable(&self) -> usize {
        self.docs.iter().map(|d| d.unplaceable.len()).sum()
    }

    /// One sentence for the status line and the CLI.
    pub fn summary(&self) -> String {
        let docs: Vec<&str> = self.docs.iter().map(|d| d.doc.as_str()).collect();
        format!(
            "re-anchored codings on {} after the text changed: {} moved, {} unchanged, {} unplaceable",
            docs.join(", "),
            count(self.moved()),
            self.unchanged(),
            self.unplaceable()
        )
    }
}

/// Documents whose text is not the one their record's SHA-256 names.
pub fn changed_documents(project: &Project) -> Vec<DocId> {
    project
        .documents
        .values()
        .filter(|d| !d.record.sha256.is_empty() && sha256_hex(d.text()) != d.record.sha256)
        .map(|d| d.id.clone())
        .collect()
}

/// Plans re-anchoring of the changed documents. `old` gives the old text
/// where it is known; other documents go by `excerpts`. None when no
/// document changed.
pub fn plan(
    project: &Project,
    old: &BTreeMap<DocId, OldText>,
    excerpts: &Excerpts,
) -> Option<Reanchored> {
    let changed = changed_documents(project);
    if changed.is_empty() {
        return None;
    }
    let mut edits = Vec::new();
    let mut docs = Vec::new();
    for doc in changed {
        let (doc_edits, report) = plan_document(project, &doc, old.get(&doc), excerpts);
        edits.extend(doc_edits);
        docs.push(report);
    }
    let mut planned = Reanchored {
        edit: Edit::Batch {
            label: String::new(),
            edits,
        },
        docs,
    };
    let label = planned.summary();
    if let Edit::Batch { label: l, .. } = &mut planned.edit {
        *l = label;
    }
    Some(planned)
}

fn plan_document(
    project: &Project,
    doc: &DocId,
    old: Option<&OldText>,
    excerpts: &Excerpts,
) -> (Vec<Edit>, DocReport) {
    let document = &project.documents[doc];
    let new_text = document.text();
    let map = old.map(|o| TextMap::new(&o.text, new_text));
    let mut report = DocReport {
        doc: doc.clone(),
        method: old.map_or_else(
            || "the stored excerpts".to_string(),
            |o| format!("the text at {}", o.from),
        ),
        unchanged: 0,
        moved: Vec::new(),
        unplaceable: Vec::new(),
    };
    let empty = BTreeMap::new();
    let by_coder = project.codings.get(doc).unwrap_or(&empty);
    for (coder, list) in by_coder {
        for coding in list {
            let placement = match (&map, &coding.unplaced) {
                // Already waiting for the analyst: it only follows the text.
                (Some(map), Some(_)) => match map.place(coding.start, coding.start + 1) {
                    Placement::Moved { start, .. } | Placement::Unplaceable { at: start } => {
                        Placement::Unplaceable { at: start }
                    }
                    Placement::Unchanged => Placement::Unchanged,
                },
                (None, Some(_)) => Placement::Unchanged,
                (Some(map), None) => map.place(coding.start, coding.end),
                (None, None) => by_excerpt(project, doc, coder, coding, excerpts),
            };
            let after = match placement {
                Placement::Unchanged => {
                    report.unchanged += 1;
                    continue;
                }
                Placement::Moved { start, end } => Coding {
                    start,
                    end,
                    ..coding.clone()
                },
                Placement::Unplaceable { at } => {
                    let was = match (&coding.unplaced, old) {
                        (Some(was), _) => was.clone(),
                        (None, Some(old)) => crate::text::excerpt(
                            &old.text
                                .chars()
                                .skip(coding.start)
                                .take(coding.len())
                                .collect::<String>(),
                            crate::store::files::EXCERPT_CHARS,
                        ),
                        (None, None) => stored_excerpt(doc, coder, coding, excerpts)
                            .unwrap_or_default()
                            .to_string(),
                    };
                    Coding {
                        start: at.min(document.char_len()),
                        end: at.min(document.char_len()),
                        unplaced: Some(was),
                        ..coding.clone()
                    }
                }
            };
            let moved = Moved {
                coder: coder.clone(),
                before: coding.clone(),
                after,
            };
            if moved.after.is_unplaced() {
                report.unplaceable.push(moved);
            } else {
                report.moved.push(moved);
            }
        }
    }
    // All removals first, then the additions: a coding may move onto the
    // place another one leaves.
    let changes: Vec<&Moved> = report.moved.iter().chain(&report.unplaceable).collect();
    let mut edits: Vec<Edit> = changes
        .iter()
        .map(|m| Edit::RemoveCoding {
            doc: doc.clone(),
            coder: m.coder.clone(),
            coding: m.before.clone(),
        })
        .collect();
    let mut added: BTreeSet<(CoderId, usize, usize, CodeId)> = by_coder
        .iter()
        .flat_map(|(coder, list)| list.iter().map(move |c| (coder, c)))
        .filter(|(coder, c)| {
            !changes
                .iter()
                .any(|m| &m.coder == *coder && &m.before == *c)
        })
        .map(|(coder, c)| (coder.clone(), c.start, c.end, c.code.clone()))
        .collect();
    for m in &changes {
        // Two codings that land on one range become one.
        if added.insert((
            m.coder.clone(),
            m.after.start,
            m.after.end,
            m.after.code.clone(),
        )) {
            edits.push(Edit::AddCoding {
                doc: doc.clone(),
                coder: m.coder.clone(),
                coding: m.after.clone(),
            });
        }
    }
    let mut record = document.record.clone();
    record.sha256 = sha256_hex(new_text);
    edits.push(Edit::ChangeDocumentRecord {
        id: doc.clone(),
        before: document.record.clone(),
        after: record,
    });
    (edits, report)
}

fn stored_excerpt<'a>(
    doc: &DocId,
    coder: &str,
    coding: &Coding,
    excerpts: &'a Excerpts,
) -> Option<&'a str> {
    excerpts
        .get(&(
            doc.clone(),
            coder.into(),
            coding.start,
            coding.end,
            coding.code.clone(),
        ))
        .map(String::as_str)
}

/// Without the old text: the stored excerpt still reads at the offsets
/// (unchanged), is found elsewhere (moved, nearest the old place), or not.
fn by_excerpt(
    project: &Project,
    doc: &DocId,
    coder: &str,
    coding: &Coding,
    excerpts: &Excerpts,
) -> Placement {
    let document = &project.documents[doc];
    let Some(was) = stored_excerpt(doc, coder, coding, excerpts).filter(|e| !e.is_empty()) else {
        // Nothing to go by: keep it where it is if it still fits.
        return if coding.end <= document.char_len() {
            Placement::Unchanged
        } else {
            Placement::Unplaceable {
                at: document.char_len(),
            }
        };
    };
    if coding.end <= document.char_len()
        && crate::text::excerpt(
            document.slice(coding.start, coding.end),
            crate::store::files::EXCERPT_CHARS,
        ) == was
    {
        return Placement::Unchanged;
    }
    match find_by_excerpt(document.text(), was, coding.start, coding.len()) {
        Some((start, end)) if (start, end) == (coding.start, coding.end) => Placement::Unchanged,
        Some((start, end)) => Placement::Moved { start, end },
        None => Placement::Unplaceable {
            at: coding.start.min(document.char_len()),
        },
    }
}

/// A coding waiting for the analyst: its words were lost to a correction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unplaced {
    /// "P1/asha/2": the document, the coder and its place among that coder's
    /// unplaced codings of the document (1-based), for `margin reanchor`.
    pub id: String,
    pub doc: DocId,
    pub coder: CoderId,
    pub coding: Coding,
}

impl Unplaced {
    /// The words it was made on.
    pub fn words(&self) -> &str {
        self.coding.unplaced.as_deref().unwrap_or_default()
    }

    /// Places it on `start..end` of its document: one undoable edit.
    pub fn place(&self, project: &Project, start: usize, end: usize) -> Edit {
        let after = Coding {
            start,
            end,
            unplaced: None,
            ..self.coding.clone()
        };
        let change = Edit::ChangeCoding {
            doc: self.doc.clone(),
            coder: self.coder.clone(),
            before: self.coding.clone(),
            after: after.clone(),
        };
        let placed = Edit::AddCoding {
            doc: self.doc.clone(),
            coder: self.coder.clone(),
            coding: after,
        };
        Edit::Batch {
            label: format!("place unplaced {}", placed.describe(project)),
            edits: vec![change],
        }
    }

    /// Deletes it: one undoable edit.
    pub fn delete(&self, project: &Project) -> Edit {
        Edit::Batch {
            label: format!(
                "delete unplaced coding '{}' of {} by {} (\"{}\")",
                project.code_name(&self.coding.code),
                self.doc,
                self.coder,
                self.words()
            ),
            edits: vec![Edit::RemoveCoding {
                doc: self.doc.clone(),
                coder: self.coder.clone(),
                coding: self.coding.clone(),
            }],
        }
    }
}

/// Every unplaced coding, by document, coder and position.
pub fn unplaced(project: &Project) -> Vec<Unplaced> {
    let mut out = Vec::new();
    for (doc, by_coder) in &project.codings {
        for (coder, list) in by_coder {
            for (n, coding) in list.iter().filter(|c| c.is_unplaced()).enumerate() {
                out.push(Unplaced {
                    id: format!("{doc}/{coder}/{}", n + 1),
                    doc: doc.clone(),
                    coder: coder.clone(),
                    coding: coding.clone(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
