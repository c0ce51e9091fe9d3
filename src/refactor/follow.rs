//! Refactors that survive a merge. When one branch merges, deletes or
//! demotes codes while another keeps coding with them, `git merge` is clean
//! but leaves codings whose code no longer exists. The journal (merged from
//! both branches) records what became of each removed code; this module
//! replays that onto the dangling codings:
//!
//! - a code merged (or reassigned on delete, or merged by a demote) into
//!   another: its codings follow to that code, joined with the coder's own
//!   codings of it they overlap or touch. No human decision is needed, so the
//!   faces do it on open (the CLI in memory, the workbench as a saved step).
//! - a code deleted with its codings, or a code the journal does not know:
//!   a decision. Restore the code (from the journal's copy) or delete the
//!   codings; `margin reconcile` and the workbench offer both.
//!
//! Other coders' files are rewritten only where they hold such a coding.

use crate::edit::Edit;
use crate::model::{Code, CodeId, CoderId, Coding, DocId, JournalEntry, Project};
use std::collections::{BTreeMap, BTreeSet};

/// A coding whose code does not exist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dangling {
    pub doc: DocId,
    pub coder: CoderId,
    pub coding: Coding,
}

/// What the journal says became of a missing code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fate {
    /// Its codings go to this (existing) code; `by` names the decision.
    Into { code: CodeId, by: String },
    /// Deleted with its codings; `code` is its definition then.
    Deleted { code: Box<Code>, by: String },
    /// Nothing in the journal.
    Unknown,
}

/// Codings of one missing code that need the analyst.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub code: CodeId,
    pub fate: Fate,
    pub codings: Vec<Dangling>,
}

impl Decision {
    /// "2 codings by bob of 'Hose rules', which alice deleted with its
    /// codings on 2026-11-30 (\"tidy\")".
    pub fn describe(&self) -> String {
        let coders: BTreeSet<&str> = self.codings.iter().map(|d| d.coder.as_str()).collect();
        let what = format!(
            "{} by {} of '{}'",
            super::count(self.codings.len(), "coding", "codings"),
            coders.into_iter().collect::<Vec<_>>().join(", "),
            self.name()
        );
        match &self.fate {
            Fate::Deleted { by, .. } => format!("{what}, which {by}"),
            _ => format!("{what}, a code the project does not have"),
        }
    }

    pub fn name(&self) -> &str {
        match &self.fate {
            Fate::Deleted { code, .. } => &code.name,
            _ => self.code.as_str(),
        }
    }

    /// Brings the code back (as it was when deleted, or named by its id)
    /// so the codings stand: one undoable edit.
    pub fn restore(&self, project: &Project) -> Edit {
        let code = match &self.fate {
            Fate::Deleted { code, .. } => (**code).clone(),
            _ => Code::new(self.code.clone(), self.code.as_str(), project.codes.len()),
        };
        Edit::Batch {
            label: format!(
                "restore code '{}' for {}",
                code.name,
                super::count(self.codings.len(), "coding", "codings")
            ),
            edits: vec![Edit::AddCode { code }],
        }
    }

    /// Deletes the codings, as the decision on the other branch did.
    pub fn delete_codings(&self) -> Edit {
        Edit::Batch {
            label: format!(
                "delete {} of removed code '{}'",
                super::count(self.codings.len(), "coding", "codings"),
                self.name()
            ),
            edits: self
                .codings
                .iter()
                .map(|d| Edit::RemoveCoding {
                    doc: d.doc.clone(),
                    coder: d.coder.clone(),
                    coding: d.coding.clone(),
                })
                .collect(),
        }
    }
}

/// The replay of the journal onto dangling codings: the edit that re-points
/// those that can follow, and the decisions left.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Followed {
    /// None when nothing could follow.
    pub edit: Option<Edit>,
    /// (missing code, code followed to, codings re-pointed, who decided).
    pub moved: Vec<(CodeId, CodeId, usize, String)>,
    pub decisions: Vec<Decision>,
}

impl Followed {
    pub fn summary(&self, project: &Project) -> String {
        self.moved
            .iter()
            .map(|(from, to, n, by)| {
                format!(
                    "{} of '{from}' followed to '{}' ({by})",
                    super::count(*n, "coding", "codings"),
                    project.code_name(to)
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Every coding whose code does not exist, by code.
pub fn dangling(project: &Project) -> BTreeMap<CodeId, Vec<Dangling>> {
    let mut out: BTreeMap<CodeId, Vec<Dangling>> = BTreeMap::new();
    // Hashed, with foldhash: a large study asks this of 200,000 codings at
    // every opening.
    let known: foldhash::HashSet<&str> = project.codes.keys().map(CodeId::as_str).collect();
    for r in project.all_codings() {
        if !known.contains(r.coding.code.as_str()) {
            out.entry(r.coding.code.clone())
                .or_default()
                .push(Dangling {
                    doc: r.doc.clone(),
                    coder: r.coder.clone(),
                    coding: r.coding.clone(),
                });
        }
    }
    out
}

fn by(entry: &JournalEntry) -> String {
    let day = entry.when.split('T').next().unwrap_or_default();
    format!("{} on {day}: {}", entry.who, entry.what)
}

/// What became of `code`, following merges of merges to a code that exists.
pub fn fate(project: &Project, code: &CodeId) -> Fate {
    let mut current = code.clone();
    let mut seen = BTreeSet::new();
    let mut decided = String::new();
    loop {
        if !seen.insert(current.clone()) {
            return Fate::Unknown;
        }
        // The latest decision about it counts.
        let found = project.journal.iter().rev().find_map(|entry| {
            entry
                .removed
                .iter()
                .find(|r| r.code.id == current)
                .map(|r| (entry, r))
        });
        let Some((entry, removed)) = found else {
            return Fate::Unknown;
        };
        if decided.is_empty() {
            decided = by(entry);
        }
        match &removed.into {
            None => {
                return Fate::Deleted {
                    code: Box::new(removed.code.clone()),
                    by: decided,
                };
            }
            Some(next) if project.codes.contains_key(next) => {
                return Fate::Into {
                    code: next.clone(),
                    by: decided,
                };
            }
            Some(next) => current = next.clone(),
        }
    }
}

/// Replays the journal onto every dangling coding.
pub fn follow(project: &Project) -> Followed {
    let mut edits = Vec::new();
    let mut moved = Vec::new();
    let mut decisions = Vec::new();
    // Where each coder's list will stand, so that joins see earlier ones.
    let mut lists: BTreeMap<(DocId, CoderId), Vec<Coding>> = BTreeMap::new();
    for (code, codings) in dangling(project) {
        match fate(project, &code) {
            Fate::Into { code: into, by } => {
                for d in &codings {
                    let key = (d.doc.clone(), d.coder.clone());
                    let list = lists.entry(key).or_insert_with(|| {
                        project
                            .codings
                            .get(&d.doc)
                            .and_then(|m| m.get(&d.coder))
                            .cloned()
                            .unwrap_or_default()
                    });
                    edits.extend(repoint(&d.doc, &d.coder, list, &d.coding, &into));
                }
                moved.push((code, into, codings.len(), by));
            }
            fate => decisions.push(Decision {
                code,
                fate,
                codings,
            }),
        }
    }
    let mut followed = Followed {
        edit: None,
        moved,
        decisions,
    };
    if !edits.is_empty() {
        followed.edit = Some(Edit::Batch {
            label: format!("after the merge: {}", followed.summary(project)),
            edits,
        });
    }
    followed
}

/// Re-points one coding in `list` (kept up to date) to `into`, joined with
/// the coder's own codings of `into` it overlaps or touches.
fn repoint(
    doc: &DocId,
    coder: &str,
    list: &mut Vec<Coding>,
    coding: &Coding,
    into: &CodeId,
) -> Vec<Edit> {
    let mut start = coding.start;
    let mut end = coding.end;
    let mut memos: Vec<String> = Vec::new();
    if !coding.memo.trim().is_empty() {
        memos.push(coding.memo.trim().to_string());
    }
    let mut removed = vec![coding.clone()];
    loop {
        let reach: Vec<Coding> = list
            .iter()
            .filter(|c| &c.code == into && !removed.contains(c))
            .filter(|c| c.start <= end && start <= c.end && !c.is_unplaced())
            .cloned()
            .collect();
        if reach.is_empty() {
            break;
        }
        for c in reach {
            start = start.min(c.start);
            end = end.max(c.end);
            let memo = c.memo.trim().to_string();
            if !memo.is_empty() && !memos.contains(&memo) {
                memos.push(memo);
            }
            removed.push(c);
        }
    }
    let mut joined = Coding::new(into.clone(), start, end);
    joined.memo = memos.join(" / ");
    joined.unplaced = coding.unplaced.clone();
    let mut edits: Vec<Edit> = removed
        .iter()
        .map(|c| Edit::RemoveCoding {
            doc: doc.clone(),
            coder: coder.into(),
            coding: c.clone(),
        })
        .collect();
    list.retain(|c| !removed.contains(c));
    list.push(joined.clone());
    edits.push(Edit::AddCoding {
        doc: doc.clone(),
        coder: coder.into(),
        coding: joined,
    });
    edits
}
