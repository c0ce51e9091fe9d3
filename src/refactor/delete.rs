//! Deleting a code or a theme. Codings are never lost by accident: while a
//! code has codings, deleting it needs a choice (delete them too, or reassign
//! them to another code); a theme that holds anything needs one as well.

use super::draft::Draft;
use super::merge::{Repointed, repoint, tidied};
use super::{Planned, RefactorError, Result, Stamp, count, quoted_list};
use crate::edit::Edit;
use crate::model::{CodeId, MemoTarget, Project, ThemeId, ThemeSlot, theme};
use std::collections::BTreeSet;
use std::fmt;

/// What to do with the codings of a deleted code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodingsPolicy {
    /// Refuse while there are any (the safe default).
    Refuse,
    /// Delete them with the code.
    DeleteCodings,
    /// Re-point them to this code (overlapping ones joined, as in a merge).
    ReassignTo(CodeId),
    /// Themes only: keep the codes and subthemes, moving them to where the
    /// theme was (its parent, or the unsorted codes and the top level).
    KeepCodes,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeleteReport {
    /// "code" or "theme".
    pub kind: &'static str,
    pub name: String,
    pub codes: Vec<String>,
    pub subthemes: usize,
    pub codings: usize,
    pub documents: usize,
    /// Set when the codings were reassigned: to which code, and how.
    pub reassigned: Option<(String, Repointed)>,
    /// Set when codes and subthemes were kept: where they went.
    pub kept_in: Option<String>,
    pub memos_deleted: usize,
}

impl fmt::Display for DeleteReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "deleted {} '{}'", self.kind, self.name)?;
        if self.kind == "theme" {
            let held = format!(
                "{} and {}",
                count(self.subthemes, "subtheme", "subthemes"),
                count(self.codes.len(), "code", "codes")
            );
            if let Some(place) = &self.kept_in {
                write!(f, "; its {held} moved to {place}")?;
            } else {
                write!(f, " with its {held}")?;
                if !self.codes.is_empty() {
                    write!(f, " ({})", quoted_list(&self.codes))?;
                }
            }
        }
        let codings = format!(
            "{} in {}",
            count(self.codings, "coding", "codings"),
            count(self.documents, "document", "documents")
        );
        match (&self.reassigned, self.codings, &self.kept_in) {
            (_, _, Some(_)) => {}
            (_, 0, None) => write!(f, "; there were no codings")?,
            (Some((to, r)), _, None) => write!(
                f,
                "; its {codings} re-pointed to '{to}' ({})",
                tidied(r.duplicates, r.joined)
            )?,
            (None, _, None) => write!(f, "; its {codings} deleted")?,
        }
        if self.memos_deleted > 0 {
            write!(
                f,
                "; {} deleted",
                count(self.memos_deleted, "memo", "memos")
            )?;
        }
        Ok(())
    }
}

pub fn delete_code(
    project: &Project,
    code: &CodeId,
    policy: &CodingsPolicy,
    stamp: &Stamp,
) -> Result<Planned<DeleteReport>> {
    let mut draft = Draft::new(project);
    let name = draft.code(code)?.name.clone();
    let codes = vec![code.clone()];
    let (codings, documents) = project.code_usage(code);
    let reassigned = dispose_codings(&mut draft, project, &codes, policy, || {
        RefactorError::CodeHasCodings {
            code: name.clone(),
            codings,
            documents,
        }
    })?;
    draft.unplace_code(code)?;
    let memos_deleted = delete_codes(&mut draft, &codes, policy)?;
    let report = DeleteReport {
        kind: "code",
        name,
        codes: Vec::new(),
        subthemes: 0,
        codings,
        documents,
        reassigned,
        kept_in: None,
        memos_deleted,
    };
    Ok(draft.finish(report, stamp))
}

pub fn delete_theme(
    project: &Project,
    id: &ThemeId,
    policy: &CodingsPolicy,
    stamp: &Stamp,
) -> Result<Planned<DeleteReport>> {
    let mut draft = Draft::new(project);
    let doomed = draft.theme(id)?.clone();
    let slot = theme::slot_of(&project.themes, id)
        .ok_or_else(|| RefactorError::UnknownTheme(id.to_string()))?;
    let codes = doomed.all_codes();
    let subtree: Vec<ThemeId> = theme::walk(std::slice::from_ref(&doomed))
        .into_iter()
        .map(|(_, t)| t.id.clone())
        .collect();
    let subthemes = subtree.len() - 1;
    let mut docs = BTreeSet::new();
    let mut codings = 0;
    for code in &codes {
        for r in project.codings_of(code) {
            codings += 1;
            docs.insert(r.doc.clone());
        }
    }
    let code_names: Vec<String> = codes
        .iter()
        .map(|c| project.code_name(c).to_string())
        .collect();
    let parent_name = slot
        .parent
        .as_ref()
        .and_then(|p| project.theme(p))
        .map(|t| format!("'{}'", t.name));
    let mut report = DeleteReport {
        kind: "theme",
        name: doomed.name.clone(),
        codes: code_names,
        subthemes,
        codings,
        documents: docs.len(),
        reassigned: None,
        kept_in: None,
        memos_deleted: 0,
    };
    if *policy == CodingsPolicy::KeepCodes {
        release(&mut draft, id, &slot)?;
        report.kept_in =
            Some(parent_name.unwrap_or_else(|| "the top level (codes: unsorted)".to_string()));
        let emptied = draft.theme(id)?.clone();
        match &slot.parent {
            Some(parent) => draft.fold_memo(
                &MemoTarget::Theme(id.clone()),
                &MemoTarget::Theme(parent.clone()),
                &format!("From deleted theme '{}'", doomed.name),
            )?,
            None => {
                report.memos_deleted += delete_memo(&mut draft, &MemoTarget::Theme(id.clone()))?
            }
        }
        draft.push(Edit::RemoveTheme {
            slot,
            theme: emptied,
        })?;
        return Ok(draft.finish(report, stamp));
    }
    let not_empty = RefactorError::ThemeNotEmpty {
        theme: doomed.name.clone(),
        subthemes,
        codes: codes.len(),
        codings,
        documents: docs.len(),
        keep_in: parent_name.unwrap_or_else(|| "the top level".to_string()),
    };
    if *policy == CodingsPolicy::Refuse && !(codes.is_empty() && subthemes == 0) {
        return Err(not_empty);
    }
    if let CodingsPolicy::ReassignTo(target) = policy
        && codes.contains(target)
    {
        return Err(RefactorError::ReassignInside {
            code: project.code_name(target).to_string(),
            theme: doomed.name,
        });
    }
    draft.push(Edit::RemoveTheme {
        slot,
        theme: doomed,
    })?;
    for t in subtree {
        report.memos_deleted += delete_memo(&mut draft, &MemoTarget::Theme(t))?;
    }
    report.reassigned = dispose_codings(&mut draft, project, &codes, policy, || not_empty)?;
    report.memos_deleted += delete_codes(&mut draft, &codes, policy)?;
    Ok(draft.finish(report, stamp))
}

/// Removes or re-points the codings of `codes` as `policy` says; `refusal`
/// explains a refusal while there are codings.
fn dispose_codings(
    draft: &mut Draft,
    project: &Project,
    codes: &[CodeId],
    policy: &CodingsPolicy,
    refusal: impl FnOnce() -> RefactorError,
) -> Result<Option<(String, Repointed)>> {
    let doomed: BTreeSet<&CodeId> = codes.iter().collect();
    let any = project
        .all_codings()
        .any(|r| doomed.contains(&r.coding.code));
    match policy {
        CodingsPolicy::ReassignTo(target) => {
            if doomed.contains(target) {
                return Err(RefactorError::ReassignToDeleted);
            }
            let name = draft.code(target)?.name.clone();
            Ok(Some((name, repoint(draft, project, codes, target)?)))
        }
        CodingsPolicy::Refuse | CodingsPolicy::KeepCodes if any => Err(refusal()),
        _ => {
            for r in project
                .all_codings()
                .filter(|r| doomed.contains(&r.coding.code))
            {
                draft.push(Edit::RemoveCoding {
                    doc: r.doc.clone(),
                    coder: r.coder.clone(),
                    coding: r.coding.clone(),
                })?;
            }
            Ok(None)
        }
    }
}

/// Removes codes (already out of every theme and without codings) and their
/// memos; returns how many memos went.
fn delete_codes(draft: &mut Draft, codes: &[CodeId], policy: &CodingsPolicy) -> Result<usize> {
    let into = match policy {
        CodingsPolicy::ReassignTo(target) => Some(target),
        _ => None,
    };
    let mut memos = 0;
    for code in codes {
        memos += delete_memo(draft, &MemoTarget::Code(code.clone()))?;
        let current = draft.code(code)?.clone();
        draft.removes(&current, into);
        draft.push(Edit::RemoveCode { code: current })?;
    }
    Ok(memos)
}

fn delete_memo(draft: &mut Draft, target: &MemoTarget) -> Result<usize> {
    let had = draft.state().memos.contains_key(target);
    draft.delete_memo(target)?;
    Ok(usize::from(had))
}

/// Moves the direct codes and subthemes of theme `id` to its slot's parent.
fn release(draft: &mut Draft, id: &ThemeId, slot: &ThemeSlot) -> Result<()> {
    let held = draft.theme(id)?.clone();
    for code in &held.codes {
        let to = match &slot.parent {
            None => None,
            Some(parent) => Some((parent.clone(), draft.theme(parent)?.codes.len())),
        };
        draft.push(Edit::PlaceCode {
            code: code.clone(),
            from: Some((id.clone(), 0)),
            to,
        })?;
    }
    for (moved, sub) in held.subthemes.iter().enumerate() {
        // Subthemes go right after the theme, in their order, so the tree
        // reads as before with one level fewer.
        draft.push(Edit::MoveTheme {
            id: sub.id.clone(),
            from: ThemeSlot {
                parent: Some(id.clone()),
                index: 0,
            },
            to: ThemeSlot {
                parent: slot.parent.clone(),
                index: slot.index + 1 + moved,
            },
        })?;
    }
    Ok(())
}
