//! Codings of a split code made on another branch while the split was made.
//!
//! A split keeps its code: the passages it moved went to the new code, the
//! rest stay, and a passage coded with the old code on another branch at the
//! same time is a valid coding of it. margin cannot tell whether that new
//! passage belongs with the ones split off, so after the merge it names each
//! such coding as a notice with the two ways to settle it: move it (`margin
//! code split ... --extracts`) or keep it (`margin reconcile --keep-split`,
//! which journals the decision). Not an error: the project is consistent.
//!
//! "Made at the same time" is read from git: the coding's line in its codings
//! file comes from a commit that neither contains the split's journal entry
//! nor is contained in it, for some journal entry that splits the code (the
//! split itself, or a later move of other extracts, which settles only
//! those). A keep (`reconcile --keep-split`) settles every coding its commit
//! contains. Outside git, or while the entries are not committed, nothing is
//! named.

use crate::model::{CodeId, CoderId, DocId, Project, SplitCodes};
use crate::store::files::{CodingLine, FileKey, JOURNAL, parse};
use crate::store::git;
use std::collections::BTreeMap;
use std::path::Path;

/// One coding of a split code made beside the split.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitNotice {
    pub doc: DocId,
    pub coder: CoderId,
    pub start: usize,
    pub end: usize,
    pub split: SplitCodes,
    /// Who split, and when (from the journal).
    pub who: String,
    pub when: String,
}

impl SplitNotice {
    /// The extract reference `code split --extracts` takes.
    pub fn extract(&self) -> String {
        format!("{}/{}/{}-{}", self.doc, self.coder, self.start, self.end)
    }
}

/// How a keep's journal entry says what it did (and how it is told from a
/// split, which records the same two codes).
const KEPT: &str = "made beside its split into";

/// Every coding of a split code that a merge brought in beside the split.
pub fn beside_splits(dir: &Path, project: &Project) -> Vec<SplitNotice> {
    // Per split code whose two codes still exist: its splits (the first
    // split, and later moves of extracts to the new code) and its keeps,
    // each with the commit that journaled it.
    type Entries<'a> = Vec<(&'a crate::model::JournalEntry, String)>;
    let mut by_code: BTreeMap<&CodeId, (Entries, Entries)> = BTreeMap::new();
    for entry in &project.journal {
        let Some(split) = &entry.split else { continue };
        if !project.codes.contains_key(&split.from) || !project.codes.contains_key(&split.into) {
            continue;
        }
        let needle = format!("when: \"{}\", who: \"{}\"", entry.when, entry.who);
        let Some(at) = git::commit_adding(dir, JOURNAL, &needle) else {
            continue;
        };
        let (splits, keeps) = by_code.entry(&split.from).or_default();
        if entry.what.contains(KEPT) {
            keeps.push((entry, at));
        } else {
            splits.push((entry, at));
        }
    }
    let mut notices = Vec::new();
    for (code, (splits, keeps)) in by_code {
        for (doc, by_coder) in &project.codings {
            for (coder, list) in by_coder {
                if !list.iter().any(|c| &c.code == code && c.unplaced.is_none()) {
                    continue;
                }
                let rel = FileKey::Codings(doc.clone(), coder.clone()).rel_path();
                let Some(lines) = git::blame(dir, &rel) else {
                    continue;
                };
                for (commit, text) in lines {
                    let Ok(line) = parse::<CodingLine>(text.trim().trim_end_matches(',')) else {
                        continue;
                    };
                    if &line.code != code || line.unplaced || commit.bytes().all(|b| b == b'0') {
                        continue;
                    }
                    // A keep that saw the coding settled it.
                    if keeps
                        .iter()
                        .any(|(_, at)| git::is_ancestor(dir, &commit, at))
                    {
                        continue;
                    }
                    // Beside a split: neither saw the other. A later move of
                    // another extract does not settle this one.
                    let beside = splits.iter().find(|(_, at)| {
                        !git::is_ancestor(dir, at, &commit) && !git::is_ancestor(dir, &commit, at)
                    });
                    let Some((entry, _)) = beside else { continue };
                    let Some(split) = &entry.split else { continue };
                    notices.push(SplitNotice {
                        doc: doc.clone(),
                        coder: coder.clone(),
                        start: line.start,
                        end: line.end,
                        split: split.clone(),
                        who: entry.who.clone(),
                        when: entry.when.clone(),
                    });
                }
            }
        }
    }
    notices
}

/// Moves the coding a notice names to the code the split made: the edit
/// `margin code split DIR FROM --to INTO --extracts DOC/CODER/S-E` makes
/// (other coders' codings of the same passage move along, as there).
pub fn move_to_split(
    project: &Project,
    notice: &SplitNotice,
    stamp: &super::Stamp,
) -> Result<super::Planned<super::SplitReport>, super::RefactorError> {
    let id = super::ExtractId {
        doc: notice.doc.clone(),
        coder: notice.coder.clone(),
        start: notice.start,
        end: notice.end,
    };
    super::split_code(
        project,
        &notice.split.from,
        &super::SplitSelection::Extracts(vec![id]),
        &super::SplitTarget::Existing(notice.split.into.clone()),
        stamp,
    )
}

/// Whether the coding a notice names is still under the split code (a
/// settled notice, or one undone away, is not).
pub fn still_open(project: &Project, notice: &SplitNotice) -> bool {
    project
        .codings
        .get(&notice.doc)
        .and_then(|m| m.get(&notice.coder))
        .is_some_and(|list| {
            list.iter().any(|c| {
                c.code == notice.split.from
                    && c.start == notice.start
                    && c.end == notice.end
                    && c.unplaced.is_none()
            })
        })
}

/// The analyst's word that the codings of `code` named in `notices` stay
/// under it: a journal entry that records the split again, so that those
/// codings are no longer beside it once it is committed.
pub fn keep(
    project: &Project,
    code: &CodeId,
    notices: &[SplitNotice],
    stamp: &super::Stamp,
) -> Result<crate::edit::Edit, super::RefactorError> {
    let mine: Vec<&SplitNotice> = notices.iter().filter(|n| &n.split.from == code).collect();
    let Some(first) = mine.first() else {
        return Err(super::RefactorError::NoSplitBeside(code.to_string()));
    };
    let name = |id: &CodeId| {
        project
            .codes
            .get(id)
            .map_or(id.to_string(), |c| c.name.clone())
    };
    let mut entry = stamp.entry(format!(
        "kept {} coding{} of '{}' {KEPT} '{}' under '{}'",
        mine.len(),
        if mine.len() == 1 { "" } else { "s" },
        name(code),
        name(&first.split.into),
        name(code),
    ));
    entry.split = Some(first.split.clone());
    Ok(crate::edit::Edit::AppendJournal { entry })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outside_git_nothing_is_named() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let mut project = crate::refactor::fixture::project();
        let from = project.codes.keys().next().expect("a code").clone();
        let into = project.codes.keys().nth(1).expect("two codes").clone();
        let mut entry = super::super::Stamp::now("alice", "").entry("split".into());
        entry.split = Some(SplitCodes { from, into });
        project.journal.push(entry);
        assert!(beside_splits(tmp.path(), &project).is_empty());
    }
}
