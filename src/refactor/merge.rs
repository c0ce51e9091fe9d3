//! Merging codes: every coding re-pointed to the target (overlapping or
//! touching ones joined), the merged codes' definitions and memos kept under
//! the target, the merged codes removed from their themes and the codebook.

use super::coalesce::{CodeSet, repoint_list};
use super::draft::Draft;
use super::{Planned, RefactorError, Result, Stamp, count, quoted_list};
use crate::edit::Edit;
use crate::model::{Code, CodeId, MemoTarget, Project};
use std::fmt;

/// What a merge did. Codings of the target afterwards =
/// `target_before + repointed - duplicates - joined`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeReport {
    pub from: Vec<String>,
    pub into: String,
    /// Codings of the merged codes, all re-pointed.
    pub repointed: usize,
    /// Documents those codings are in.
    pub documents: usize,
    /// Codings dropped because one of the same coder had the same range.
    pub duplicates: usize,
    /// Codings joined into an overlapping or touching one.
    pub joined: usize,
    /// Codings of the target after the merge.
    pub target_codings: usize,
}

impl fmt::Display for MergeReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "merged {} into '{}': {} in {} re-pointed, {}",
            quoted_list(&self.from),
            self.into,
            count(self.repointed, "coding", "codings"),
            count(self.documents, "document", "documents"),
            tidied(self.duplicates, self.joined),
        )?;
        write!(
            f,
            "; '{}' now has {}",
            self.into,
            count(self.target_codings, "coding", "codings")
        )
    }
}

/// Merges the codes `from` into `into`.
pub fn merge_codes(
    project: &Project,
    from: &[CodeId],
    into: &CodeId,
    stamp: &Stamp,
) -> Result<Planned<MergeReport>> {
    let target = project
        .codes
        .get(into)
        .ok_or_else(|| RefactorError::UnknownCode(into.to_string()))?;
    let mut merged: Vec<CodeId> = Vec::new();
    for id in from {
        if !project.codes.contains_key(id) {
            return Err(RefactorError::UnknownCode(id.to_string()));
        }
        if id == into {
            return Err(RefactorError::MergeIntoItself(target.name.clone()));
        }
        if !merged.contains(id) {
            merged.push(id.clone());
        }
    }
    if merged.is_empty() {
        return Err(RefactorError::NothingToMerge);
    }
    let mut draft = Draft::new(project);
    let absorbed = absorb(&mut draft, project, &merged, into)?;
    let report = MergeReport {
        from: merged
            .iter()
            .map(|id| project.code_name(id).to_string())
            .collect(),
        into: target.name.clone(),
        repointed: absorbed.repointed,
        documents: absorbed.documents,
        duplicates: absorbed.duplicates,
        joined: absorbed.joined,
        target_codings: absorbed.target_before + absorbed.repointed
            - absorbed.duplicates
            - absorbed.joined,
    };
    Ok(draft.finish(report, stamp))
}

/// Counts of codings moved by `absorb` or `repoint`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Repointed {
    pub repointed: usize,
    pub documents: usize,
    pub duplicates: usize,
    pub joined: usize,
    /// Codings of the target before: counted while each list is at hand,
    /// not in a second pass over a large study's codings.
    pub target_before: usize,
}

/// Plans the merge of `merged` into `into` on `draft`: codings, definitions,
/// memos, theme memberships, and the removal of the merged codes. `project`
/// supplies the codings, which nothing planned before has changed.
pub(crate) fn absorb(
    draft: &mut Draft,
    project: &Project,
    merged: &[CodeId],
    into: &CodeId,
) -> Result<Repointed> {
    let counts = repoint(draft, project, merged, into)?;
    let sources: Vec<Code> = merged
        .iter()
        .map(|id| draft.code(id).cloned())
        .collect::<Result<_>>()?;
    draft.change_code(into, |target| {
        for source in &sources {
            let marker = format!("[merged from '{}']", source.name);
            append_marked(&mut target.description, &marker, &source.description);
            append_marked(&mut target.inclusion, &marker, &source.inclusion);
            append_marked(&mut target.exclusion, &marker, &source.exclusion);
            append_marked(&mut target.example, &marker, &source.example);
        }
    })?;
    for source in &sources {
        draft.fold_memo(
            &MemoTarget::Code(source.id.clone()),
            &MemoTarget::Code(into.clone()),
            &format!("Merged from '{}'", source.name),
        )?;
        draft.unplace_code(&source.id)?;
        draft.removes(source, Some(into));
        draft.push(Edit::RemoveCode {
            code: source.clone(),
        })?;
    }
    Ok(counts)
}

/// Plans re-pointing every coding of `merged` to `into`, joining overlapping
/// or touching codings of one coder in one document.
pub(crate) fn repoint(
    draft: &mut Draft,
    project: &Project,
    merged: &[CodeId],
    into: &CodeId,
) -> Result<Repointed> {
    let from: CodeSet = merged.iter().cloned().collect();
    let mut counts = Repointed::default();
    for (doc, by_coder) in &project.codings {
        let mut in_doc = false;
        for (coder, list) in by_coder {
            counts.target_before += list.iter().filter(|c| &c.code == into).count();
            for run in repoint_list(list, &from, into) {
                in_doc = true;
                counts.repointed += run.repointed;
                counts.duplicates += run.duplicates;
                counts.joined += run.joined;
                for coding in run.removed {
                    draft.push(Edit::RemoveCoding {
                        doc: doc.clone(),
                        coder: coder.clone(),
                        coding,
                    })?;
                }
                if let Some(coding) = run.added {
                    draft.push(Edit::AddCoding {
                        doc: doc.clone(),
                        coder: coder.clone(),
                        coding,
                    })?;
                }
            }
        }
        counts.documents += usize::from(in_doc);
    }
    Ok(counts)
}

/// "2 duplicates removed, 3 overlapping or touching codings joined": what
/// re-pointing tidied up (the joined part only when there was any).
pub(crate) fn tidied(duplicates: usize, joined: usize) -> String {
    let mut text = format!("{} removed", count(duplicates, "duplicate", "duplicates"));
    if joined > 0 {
        text.push_str(&format!(
            ", {} joined",
            count(
                joined,
                "overlapping or touching coding",
                "overlapping or touching codings"
            )
        ));
    }
    text
}

/// Appends `text` to a definition field under `marker`, so the reader sees
/// where each part came from.
pub(crate) fn append_marked(field: &mut String, marker: &str, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    if field.trim().is_empty() {
        *field = format!("{marker} {text}");
    } else {
        *field = format!("{}\n\n{marker} {text}", field.trim_end());
    }
}
