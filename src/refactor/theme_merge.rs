//! Merging two themes: the merged theme's codes and subthemes move to the end
//! of the target's, its definition and memo are kept under the target, and
//! the merged theme is removed.

use super::draft::Draft;
use super::merge::append_marked;
use super::{Planned, RefactorError, Result, Stamp, count};
use crate::edit::Edit;
use crate::model::{MemoTarget, Project, ThemeId, ThemeSlot, theme};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThemeMergeReport {
    pub from: String,
    pub into: String,
    pub codes: usize,
    pub subthemes: usize,
}

impl fmt::Display for ThemeMergeReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "merged theme '{}' into '{}': {} and {} moved",
            self.from,
            self.into,
            count(self.codes, "code", "codes"),
            count(self.subthemes, "subtheme", "subthemes")
        )
    }
}

pub fn merge_themes(
    project: &Project,
    from: &ThemeId,
    into: &ThemeId,
    stamp: &Stamp,
) -> Result<Planned<ThemeMergeReport>> {
    let mut draft = Draft::new(project);
    let source = draft.theme(from)?.clone();
    let target = draft.theme(into)?.clone();
    if from == into {
        return Err(RefactorError::MergeIntoItself(source.name));
    }
    if theme::is_within(&project.themes, into, from) {
        return Err(RefactorError::MergeIntoDescendant {
            into: target.name,
            from: source.name,
        });
    }
    for code in &source.codes {
        let end = draft.theme(into)?.codes.len();
        draft.push(Edit::PlaceCode {
            code: code.clone(),
            from: Some((from.clone(), 0)),
            to: Some((into.clone(), end)),
        })?;
    }
    for sub in &source.subthemes {
        let end = draft.theme(into)?.subthemes.len();
        draft.push(Edit::MoveTheme {
            id: sub.id.clone(),
            from: ThemeSlot {
                parent: Some(from.clone()),
                index: 0,
            },
            to: ThemeSlot {
                parent: Some(into.clone()),
                index: end,
            },
        })?;
    }
    let before = draft.theme(into)?.fields();
    let mut after = before.clone();
    let marker = format!("[merged from '{}']", source.name);
    append_marked(&mut after.definition, &marker, &source.definition);
    if after != before {
        draft.push(Edit::ChangeTheme {
            id: into.clone(),
            before,
            after,
        })?;
    }
    draft.fold_memo(
        &MemoTarget::Theme(from.clone()),
        &MemoTarget::Theme(into.clone()),
        &format!("Merged from '{}'", source.name),
    )?;
    let emptied = draft.theme(from)?.clone();
    let slot = theme::slot_of(&draft.state().themes, from)
        .ok_or_else(|| RefactorError::UnknownTheme(from.to_string()))?;
    draft.push(Edit::RemoveTheme {
        slot,
        theme: emptied,
    })?;
    let report = ThemeMergeReport {
        from: source.name,
        into: target.name,
        codes: source.codes.len(),
        subthemes: source.subthemes.len(),
    };
    Ok(draft.finish(report, stamp))
}
