//! Promoting a code to a theme, and demoting a theme back to a code.
//!
//! Promote: a new theme of the code's name takes the code's place (as a
//! subtheme of the code's theme, or at the top level for an unsorted code),
//! and the code, with all its codings, moves into it. Its description seeds
//! the theme's definition.
//!
//! Demote (the reverse): a theme without subthemes becomes a code of its name,
//! in the theme's parent (or unsorted). A member code of the same name is that
//! code (so demote undoes promote); otherwise a new code is made, its
//! description taken from the theme's definition. Other member codes are never
//! dropped silently: the analyst chooses to merge them into the new code or to
//! keep them beside it, and without a choice the demotion is refused.

use super::draft::Draft;
use super::merge::{Repointed, absorb, append_marked, tidied};
use super::rename::code_name_taken;
use super::{Planned, RefactorError, Result, Stamp, count, quoted_list};
use crate::edit::{Edit, last_slot};
use crate::model::{Code, CodeId, MemoTarget, Project, Theme, ThemeId, theme, unique_slug};
use std::fmt;

/// What happens to a demoted theme's other member codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemoteMode {
    /// Refuse when the theme holds codes other than its namesake.
    OnlyIfEmpty,
    /// Merge them into the new code (codings re-pointed and joined).
    MergeCodes,
    /// Move them to where the theme was, beside the new code.
    KeepCodes,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PromoteReport {
    /// "promoted" or "demoted".
    pub verb: &'static str,
    pub name: String,
    /// The parent theme, or None for the top level / unsorted codes.
    pub parent: Option<String>,
    /// Codings of the code.
    pub codings: usize,
    /// Demote: the other member codes, and whether they were merged.
    pub others: Vec<String>,
    pub merged: Option<Repointed>,
}

impl fmt::Display for PromoteReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let codings = count(self.codings, "coding", "codings");
        if self.verb == "promoted" {
            write!(f, "promoted code '{}' to a theme ", self.name)?;
            match &self.parent {
                Some(p) => write!(f, "under '{p}'")?,
                None => write!(f, "at the top level")?,
            }
            return write!(f, "; the code and its {codings} moved into it");
        }
        write!(f, "demoted theme '{}' to a code ", self.name)?;
        match &self.parent {
            Some(p) => write!(f, "in '{p}'")?,
            None => write!(f, "among the unsorted codes")?,
        }
        match (&self.merged, self.others.is_empty()) {
            (_, true) => {}
            (Some(m), false) => write!(
                f,
                ", merging {} into it ({} in {} re-pointed, {})",
                quoted_list(&self.others),
                count(m.repointed, "coding", "codings"),
                count(m.documents, "document", "documents"),
                tidied(m.duplicates, m.joined)
            )?,
            (None, false) => write!(f, ", with {} beside it", quoted_list(&self.others))?,
        }
        write!(f, "; it has {codings}")
    }
}

pub fn promote_code(
    project: &Project,
    code: &CodeId,
    stamp: &Stamp,
) -> Result<Planned<PromoteReport>> {
    let mut draft = Draft::new(project);
    let source = draft.code(code)?.clone();
    if super::rename::theme_name_taken(project, &source.name, None) {
        return Err(RefactorError::ThemeExists(source.name));
    }
    let parent = project.theme_of_code(code).map(|t| t.id.clone());
    let id = ThemeId::new(unique_slug(&source.name, |s| {
        project.theme(&ThemeId::new(s)).is_some()
    }));
    let mut promoted = Theme::new(id, source.name.clone());
    promoted.definition = source.description.trim().to_string();
    promoted.codes = vec![code.clone()];
    draft.unplace_code(code)?;
    let slot = last_slot(draft.state(), parent.as_ref());
    draft.push(Edit::AddTheme {
        slot,
        theme: promoted,
    })?;
    let report = PromoteReport {
        verb: "promoted",
        name: source.name,
        parent: parent
            .and_then(|p| project.theme(&p))
            .map(|t| t.name.clone()),
        codings: project.code_usage(code).0,
        others: Vec::new(),
        merged: None,
    };
    Ok(draft.finish(report, stamp))
}

pub fn demote_theme(
    project: &Project,
    id: &ThemeId,
    mode: DemoteMode,
    stamp: &Stamp,
) -> Result<Planned<PromoteReport>> {
    let mut draft = Draft::new(project);
    let demoted = draft.theme(id)?.clone();
    if !demoted.subthemes.is_empty() {
        return Err(RefactorError::HasSubthemes {
            theme: demoted.name,
            subthemes: demoted.subthemes.len(),
        });
    }
    let same_name = |c: &CodeId| project.code_name(c).to_lowercase() == demoted.name.to_lowercase();
    let namesake = demoted.codes.iter().find(|c| same_name(c)).cloned();
    let others: Vec<CodeId> = demoted
        .codes
        .iter()
        .filter(|c| !same_name(c))
        .cloned()
        .collect();
    let slot = theme::slot_of(&project.themes, id)
        .ok_or_else(|| RefactorError::UnknownTheme(id.to_string()))?;
    let parent = slot.parent.clone();
    let parent_name = parent
        .as_ref()
        .and_then(|p| project.theme(p))
        .map(|t| t.name.clone());
    let other_names: Vec<String> = others
        .iter()
        .map(|c| project.code_name(c).to_string())
        .collect();
    if !others.is_empty() && mode == DemoteMode::OnlyIfEmpty {
        let codings: usize = others.iter().map(|c| project.code_usage(c).0).sum();
        return Err(RefactorError::DemoteNeedsChoice {
            theme: demoted.name,
            others: other_names,
            codings,
            keep_in: parent_name
                .as_ref()
                .map_or("the unsorted codes".to_string(), |p| format!("'{p}'")),
        });
    }
    let target = match &namesake {
        Some(code) => {
            draft.change_code(code, |c| {
                let marker = format!("[from theme '{}']", demoted.name);
                if !c.description.contains(demoted.definition.trim()) {
                    append_marked(&mut c.description, &marker, &demoted.definition);
                }
            })?;
            code.clone()
        }
        None => new_code_for(&mut draft, project, &demoted)?,
    };
    draft.fold_memo(
        &MemoTarget::Theme(id.clone()),
        &MemoTarget::Code(target.clone()),
        &format!("From theme '{}'", demoted.name),
    )?;
    let merged = match mode {
        DemoteMode::MergeCodes if !others.is_empty() => {
            Some(absorb(&mut draft, project, &others, &target)?)
        }
        _ => {
            for other in &others {
                place_in(&mut draft, other, parent.as_ref())?;
            }
            None
        }
    };
    draft.unplace_code(&target)?;
    let emptied = draft.theme(id)?.clone();
    let slot = theme::slot_of(&draft.state().themes, id)
        .ok_or_else(|| RefactorError::UnknownTheme(id.to_string()))?;
    draft.push(Edit::RemoveTheme {
        slot,
        theme: emptied,
    })?;
    place_in(&mut draft, &target, parent.as_ref())?;
    // Add before subtracting: joined codings may include the target's own.
    let base = project.code_usage(&target).0;
    let codings = merged.map_or(base, |m| base + m.repointed - m.duplicates - m.joined);
    let report = PromoteReport {
        verb: "demoted",
        name: demoted.name.clone(),
        parent: parent_name,
        codings,
        others: other_names,
        merged,
    };
    Ok(draft.finish(report, stamp))
}

/// Plans a new code named after the theme, described by its definition.
fn new_code_for(draft: &mut Draft, project: &Project, demoted: &Theme) -> Result<CodeId> {
    if code_name_taken(project, &demoted.name, None) {
        return Err(RefactorError::CodeExistsOutside(demoted.name.clone()));
    }
    let id = CodeId::new(unique_slug(&demoted.name, |s| {
        project.codes.contains_key(&CodeId::new(s))
    }));
    let mut code = Code::new(id.clone(), demoted.name.clone(), project.codes.len());
    code.description = demoted.definition.trim().to_string();
    draft.push(Edit::AddCode { code })?;
    Ok(id)
}

/// Moves `code` to the end of theme `parent`, or out of all themes.
fn place_in(draft: &mut Draft, code: &CodeId, parent: Option<&ThemeId>) -> Result<()> {
    let from = theme::holder_of(&draft.state().themes, code).map(|(t, i)| (t.id.clone(), i));
    let to = match parent {
        None => None,
        Some(p) => {
            let len = draft.theme(p)?.codes.len();
            let same = from.as_ref().is_some_and(|(t, _)| t == p);
            Some((p.clone(), len - usize::from(same)))
        }
    };
    if from != to {
        draft.push(Edit::PlaceCode {
            code: code.clone(),
            from,
            to,
        })?;
    }
    Ok(())
}
