//! Splitting a code: chosen extracts (by document or by extract id) move to a
//! new or an existing code; the rest stay.

use super::draft::Draft;
use super::extract::ExtractId;
use super::rename::{clean_name, code_name_taken};
use super::{Planned, RefactorError, Result, Stamp, count};
use crate::edit::Edit;
use crate::model::{Code, CodeId, CoderId, Coding, DocId, Project, theme, unique_slug};
use std::collections::BTreeSet;
use std::fmt;

/// Which extracts of the code move.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SplitSelection {
    /// Every extract in these documents, by any coder.
    Documents(Vec<DocId>),
    /// These extracts (as `extracts_of` lists them) and every other coder's
    /// coding of the same code that overlaps one of them: a passage coded by
    /// several coders moves as a whole, so splitting never leaves one coder's
    /// copy behind (which lowers agreement without a word).
    Extracts(Vec<ExtractId>),
    /// Only these extracts, whoever else coded the same passages.
    OnlyExtracts(Vec<ExtractId>),
}

/// Where they move.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SplitTarget {
    /// A new code of this name, placed right after the split code in its theme.
    New(String),
    Existing(CodeId),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitReport {
    pub from: String,
    pub into: String,
    pub new_code: bool,
    /// Codings that now carry the target code (or were already there).
    pub moved: usize,
    pub documents: usize,
    /// Moved codings the target already had with the same range and coder.
    pub duplicates: usize,
    /// Codings the split code keeps.
    pub remaining: usize,
    /// Of `moved`: other coders' codings of the chosen passages, moved along.
    pub along: usize,
    /// Whose codings moved, by name.
    pub coders: Vec<String>,
    /// Other coders' codings of the chosen passages left under the split code
    /// (when only the chosen extracts moved).
    pub left_behind: usize,
}

impl fmt::Display for SplitReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "split {} in {} off '{}' into {}'{}'",
            count(self.moved, "coding", "codings"),
            count(self.documents, "document", "documents"),
            self.from,
            if self.new_code { "new code " } else { "" },
            self.into
        )?;
        if self.along > 0 {
            write!(
                f,
                " (every coder's coding of those passages: {}; {} moved along)",
                self.coders.join(", "),
                self.along
            )?;
        }
        if self.left_behind > 0 {
            write!(
                f,
                " (only the chosen extracts: {} of other coders on the same passages stay)",
                count(self.left_behind, "coding", "codings")
            )?;
        }
        if self.duplicates > 0 {
            write!(
                f,
                " ({} it already had removed)",
                count(self.duplicates, "duplicate", "duplicates")
            )?;
        }
        write!(
            f,
            "; '{}' keeps {}",
            self.from,
            count(self.remaining, "coding", "codings")
        )
    }
}

pub fn split_code(
    project: &Project,
    code: &CodeId,
    selection: &SplitSelection,
    target: &SplitTarget,
    stamp: &Stamp,
) -> Result<Planned<SplitReport>> {
    let mut draft = Draft::new(project);
    let source = draft.code(code)?.clone();
    let named = select(project, &source, selection)?;
    let passage = together(project, &source.id, &named);
    let (chosen, left_behind) = match selection {
        SplitSelection::OnlyExtracts(_) => (named.clone(), passage.len() - named.len()),
        _ => (passage, 0),
    };
    let along = chosen.len() - named.len().min(chosen.len());
    let coders: Vec<String> = chosen
        .iter()
        .map(|(_, c, _)| c.to_string())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let (into, new_code) = match target {
        SplitTarget::Existing(id) if id == code => {
            return Err(RefactorError::SplitIntoItself(source.name));
        }
        SplitTarget::Existing(id) => (draft.code(id)?.clone(), false),
        SplitTarget::New(name) => (add_beside(&mut draft, project, &source, name)?, true),
    };
    let mut duplicates = 0;
    let mut documents = BTreeSet::new();
    for (doc, coder, coding) in &chosen {
        documents.insert(doc.clone());
        let same = |c: &&Coding| c.start == coding.start && c.end == coding.end;
        let existing = project
            .codings
            .get(doc)
            .and_then(|m| m.get(coder))
            .and_then(|list| list.iter().filter(|c| c.code == into.id).find(same));
        draft.push(Edit::RemoveCoding {
            doc: doc.clone(),
            coder: coder.clone(),
            coding: coding.clone(),
        })?;
        match existing {
            Some(kept) => {
                duplicates += 1;
                let memo = coding.memo.trim();
                if !memo.is_empty() && !kept.memo.contains(memo) {
                    let mut after = kept.clone();
                    after.memo = [kept.memo.trim(), memo]
                        .iter()
                        .filter(|m| !m.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" / ");
                    draft.push(Edit::ChangeCoding {
                        doc: doc.clone(),
                        coder: coder.clone(),
                        before: kept.clone(),
                        after,
                    })?;
                }
            }
            None => {
                let mut moved = coding.clone();
                moved.code = into.id.clone();
                draft.push(Edit::AddCoding {
                    doc: doc.clone(),
                    coder: coder.clone(),
                    coding: moved,
                })?;
            }
        }
    }
    let report = SplitReport {
        from: source.name.clone(),
        into: into.name.clone(),
        new_code,
        moved: chosen.len(),
        documents: documents.len(),
        duplicates,
        remaining: project.code_usage(code).0 - chosen.len(),
        along,
        coders,
        left_behind,
    };
    draft.splits(code, &into.id);
    Ok(draft.finish(report, stamp))
}

type Chosen = Vec<(DocId, CoderId, Coding)>;

/// The chosen codings plus every other coding of `code`, by any coder, that
/// overlaps one of them in the same document (the same passage), in order.
fn together(project: &Project, code: &CodeId, chosen: &Chosen) -> Chosen {
    let mut all: Chosen = chosen.clone();
    for (doc, _, coding) in chosen {
        for r in project.codings_in(doc) {
            if &r.coding.code == code
                && r.coding.overlaps(coding.start, coding.end)
                && !all
                    .iter()
                    .any(|(d, c, x)| d == doc && c == r.coder && x == r.coding)
            {
                all.push((doc.clone(), r.coder.clone(), r.coding.clone()));
            }
        }
    }
    all
}

/// The codings of `source` the selection names; refuses names that match none.
fn select(project: &Project, source: &Code, selection: &SplitSelection) -> Result<Chosen> {
    let mut chosen: Chosen = Vec::new();
    match selection {
        SplitSelection::Documents(docs) => {
            for doc in docs {
                if !project.documents.contains_key(doc) {
                    return Err(RefactorError::UnknownDocument(doc.to_string()));
                }
            }
            let wanted: BTreeSet<&DocId> = docs.iter().collect();
            for r in project.codings_of(&source.id) {
                if wanted.contains(r.doc) {
                    chosen.push((r.doc.clone(), r.coder.clone(), r.coding.clone()));
                }
            }
            if chosen.is_empty() {
                let names: Vec<String> = docs.iter().map(ToString::to_string).collect();
                return Err(RefactorError::NoCodingsIn {
                    code: source.name.clone(),
                    documents: names,
                });
            }
        }
        SplitSelection::Extracts(ids) | SplitSelection::OnlyExtracts(ids) => {
            let mut missing = Vec::new();
            let unique: BTreeSet<&ExtractId> = ids.iter().collect();
            for id in unique {
                let found = project
                    .codings
                    .get(&id.doc)
                    .and_then(|m| m.get(&id.coder))
                    .and_then(|list| {
                        list.iter()
                            .find(|c| c.start == id.start && c.end == id.end && c.code == source.id)
                    });
                match found {
                    Some(coding) => chosen.push((id.doc.clone(), id.coder.clone(), coding.clone())),
                    None => missing.push(id.to_string()),
                }
            }
            if !missing.is_empty() {
                return Err(RefactorError::NoSuchExtracts {
                    code: source.name.clone(),
                    missing,
                });
            }
            if chosen.is_empty() {
                return Err(RefactorError::NothingToSplit);
            }
        }
    }
    Ok(chosen)
}

/// Plans a new code named `name`, right after `source` in its theme.
fn add_beside(draft: &mut Draft, project: &Project, source: &Code, name: &str) -> Result<Code> {
    let name = clean_name(name)?;
    if code_name_taken(project, &name, None) {
        return Err(RefactorError::SplitTargetExists(name));
    }
    let id = CodeId::new(unique_slug(&name, |s| {
        project.codes.contains_key(&CodeId::new(s))
    }));
    let code = Code::new(id.clone(), name, project.codes.len());
    draft.push(Edit::AddCode { code: code.clone() })?;
    if let Some((holder, index)) = theme::holder_of(&project.themes, &source.id) {
        draft.push(Edit::PlaceCode {
            code: id,
            from: None,
            to: Some((holder.id.clone(), index + 1)),
        })?;
    }
    Ok(code)
}
