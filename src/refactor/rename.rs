//! Renaming a code or a theme: the id stays, so one `name:` line changes.
//!
//! A rename is journaled when the analyst gives a reason for it (a decision,
//! such as naming a theme in phase 5); a bare rename is a label fix, and
//! stays what the issue asks of it: one changed line in one file. Git keeps
//! the old name either way.

use super::draft::Draft;
use super::{Kind, Planned, RefactorError, Result, Stamp};
use crate::edit::{Edit, names};
use crate::model::{CodeId, Project, ThemeId};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenameReport {
    /// "code" or "theme".
    pub kind: &'static str,
    pub old: String,
    pub new: String,
}

impl fmt::Display for RenameReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "renamed {} '{}' to '{}'", self.kind, self.old, self.new)
    }
}

/// A name for a code or theme: trimmed, non-empty, one line.
pub(crate) fn clean_name(name: &str) -> Result<String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(RefactorError::EmptyName);
    }
    Ok(name)
}

/// Is `name` taken by a code other than `except`? References resolve by
/// name too, so two codes must not share one (ignoring case).
pub(crate) fn code_name_taken(project: &Project, name: &str, except: Option<&CodeId>) -> bool {
    names::code_named(project, name, except).is_some()
}

/// Is `name` taken by a theme other than `except`? (the same rule).
pub(crate) fn theme_name_taken(project: &Project, name: &str, except: Option<&ThemeId>) -> bool {
    names::theme_named(project, name, except).is_some()
}

pub fn rename_code(
    project: &Project,
    code: &CodeId,
    new_name: &str,
    stamp: &Stamp,
) -> Result<Planned<RenameReport>> {
    let new_name = clean_name(new_name)?;
    let mut draft = Draft::new(project);
    let old = draft.code(code)?.name.clone();
    if old == new_name {
        return Err(RefactorError::SameName {
            kind: Kind::Code,
            name: old.to_string(),
        });
    }
    if code_name_taken(project, &new_name, Some(code)) {
        return Err(RefactorError::NameTaken {
            kind: Kind::Code,
            name: new_name,
        });
    }
    draft.change_code(code, |c| c.name = new_name.clone())?;
    let report = RenameReport {
        kind: "code",
        old,
        new: new_name,
    };
    Ok(draft.finish_journaled(report, journal_if_reasoned(stamp)))
}

pub fn rename_theme(
    project: &Project,
    id: &ThemeId,
    new_name: &str,
    stamp: &Stamp,
) -> Result<Planned<RenameReport>> {
    let new_name = clean_name(new_name)?;
    let mut draft = Draft::new(project);
    let before = draft.theme(id)?.fields();
    if before.name == new_name {
        return Err(RefactorError::SameName {
            kind: Kind::Theme,
            name: before.name,
        });
    }
    if theme_name_taken(project, &new_name, Some(id)) {
        return Err(RefactorError::NameTaken {
            kind: Kind::Theme,
            name: new_name,
        });
    }
    let mut after = before.clone();
    after.name = new_name.clone();
    draft.push(Edit::ChangeTheme {
        id: id.clone(),
        before: before.clone(),
        after,
    })?;
    let report = RenameReport {
        kind: "theme",
        old: before.name,
        new: new_name,
    };
    Ok(draft.finish_journaled(report, journal_if_reasoned(stamp)))
}

/// The stamp, when it carries a reason.
fn journal_if_reasoned(stamp: &Stamp) -> Option<&Stamp> {
    (!stamp.why.trim().is_empty()).then_some(stamp)
}
