//! Moving codes between themes and themes within the tree, and reordering
//! siblings. One `PlaceCode` or `MoveTheme`: moving a code between themes
//! changes two lines of themes.ron.

use super::draft::Draft;
use super::{Kind, Planned, RefactorError, Result, Stamp};
use crate::edit::Edit;
use crate::model::{CodeId, Project, ThemeId, ThemeSlot, theme};
use std::fmt;

/// Where a code goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Placement {
    /// Out of all themes.
    Unsorted,
    /// Into a theme at `index` among its codes, counted once the code has
    /// left its old place (0 = first; None = last).
    Theme {
        theme: ThemeId,
        index: Option<usize>,
    },
    /// Just before another code, in that code's theme.
    Before(CodeId),
    /// Just after another code, in that code's theme.
    After(CodeId),
}

/// Where a theme goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ThemePlace {
    /// Under `parent` (None: the top level) at `index` among its subthemes,
    /// counted once the theme has left its old place (None = last).
    Under {
        parent: Option<ThemeId>,
        index: Option<usize>,
    },
    Before(ThemeId),
    After(ThemeId),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MoveReport {
    /// "code" or "theme".
    pub kind: &'static str,
    pub name: String,
    /// Where it was: a theme name, or None for unsorted / the top level.
    pub from: Option<String>,
    pub to: Option<String>,
    /// The sibling it now follows, or None when it comes first.
    pub after: Option<String>,
}

impl fmt::Display for MoveReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let nowhere = if self.kind == "code" {
            "the unsorted codes"
        } else {
            "the top level"
        };
        let place =
            |p: &Option<String>| p.as_ref().map_or(nowhere.to_string(), |n| format!("'{n}'"));
        if self.from == self.to {
            write!(
                f,
                "reordered {} '{}' in {}",
                self.kind,
                self.name,
                place(&self.to)
            )?;
        } else {
            write!(
                f,
                "moved {} '{}' from {} to {}",
                self.kind,
                self.name,
                place(&self.from),
                place(&self.to)
            )?;
        }
        if self.kind == "code" && self.to.is_none() {
            return Ok(());
        }
        match &self.after {
            Some(sibling) => write!(f, ", after '{sibling}'"),
            None => write!(f, ", first"),
        }
    }
}

pub fn move_code(
    project: &Project,
    code: &CodeId,
    placement: &Placement,
    stamp: &Stamp,
) -> Result<Planned<MoveReport>> {
    let mut draft = Draft::new(project);
    let name = draft.code(code)?.name.clone();
    let from = theme::holder_of(&project.themes, code).map(|(t, i)| (t.id.clone(), i));
    let to = match placement {
        Placement::Unsorted => None,
        Placement::Theme { theme, index } => Some((theme.clone(), *index)),
        Placement::Before(sibling) | Placement::After(sibling) => {
            if sibling == code {
                return Err(RefactorError::NextToItself(Kind::Code));
            }
            let (holder, mut at) = theme::holder_of(&project.themes, sibling).ok_or_else(|| {
                RefactorError::SiblingUnplaced(project.code_name(sibling).to_string())
            })?;
            if from
                .as_ref()
                .is_some_and(|(t, i)| t == &holder.id && *i < at)
            {
                at -= 1;
            }
            let after = matches!(placement, Placement::After(_));
            Some((holder.id.clone(), Some(at + usize::from(after))))
        }
    };
    let to = match to {
        None => None,
        Some((target, index)) => {
            let holder = draft.theme(&target)?;
            let room =
                holder.codes.len() - usize::from(from.as_ref().is_some_and(|(t, _)| t == &target));
            let index = index.unwrap_or(room);
            if index > room {
                return Err(RefactorError::CodeIndexPastEnd {
                    index,
                    theme: holder.name.clone(),
                    room,
                });
            }
            Some((target, index))
        }
    };
    if to == from {
        return Err(RefactorError::AlreadyThere {
            kind: Kind::Code,
            name,
        });
    }
    let theme_name = |t: &Option<(ThemeId, usize)>| {
        t.as_ref()
            .and_then(|(id, _)| project.theme(id))
            .map(|t| t.name.clone())
    };
    let (from_name, to_name) = (theme_name(&from), theme_name(&to));
    draft.push(Edit::PlaceCode {
        code: code.clone(),
        from,
        to: to.clone(),
    })?;
    let after = to.as_ref().and_then(|(target, index)| {
        let holder = draft.state().theme(target)?;
        let sibling = holder.codes.get(index.checked_sub(1)?)?;
        Some(project.code_name(sibling).to_string())
    });
    let report = MoveReport {
        kind: "code",
        name,
        from: from_name,
        to: to_name,
        after,
    };
    Ok(draft.finish(report, stamp))
}

pub fn move_theme(
    project: &Project,
    id: &ThemeId,
    place: &ThemePlace,
    stamp: &Stamp,
) -> Result<Planned<MoveReport>> {
    let mut draft = Draft::new(project);
    let name = draft.theme(id)?.name.clone();
    let from = theme::slot_of(&project.themes, id)
        .ok_or_else(|| RefactorError::UnknownTheme(id.to_string()))?;
    let (parent, index) = match place {
        ThemePlace::Under { parent, index } => (parent.clone(), *index),
        ThemePlace::Before(sibling) | ThemePlace::After(sibling) => {
            if sibling == id {
                return Err(RefactorError::NextToItself(Kind::Theme));
            }
            let slot = theme::slot_of(&project.themes, sibling)
                .ok_or_else(|| RefactorError::UnknownTheme(sibling.to_string()))?;
            let mut at = slot.index;
            if from.parent == slot.parent && from.index < at {
                at -= 1;
            }
            let after = matches!(place, ThemePlace::After(_));
            (slot.parent, Some(at + usize::from(after)))
        }
    };
    if let Some(parent) = &parent {
        let target = draft.theme(parent)?;
        if theme::is_within(&project.themes, parent, id) {
            return Err(RefactorError::WouldCycle {
                theme: name,
                under: target.name.clone(),
            });
        }
    }
    let siblings = match &parent {
        None => project.themes.len(),
        Some(p) => draft.theme(p)?.subthemes.len(),
    };
    let room = siblings - usize::from(from.parent == parent);
    let index = index.unwrap_or(room);
    if index > room {
        return Err(RefactorError::ThemeIndexPastEnd { index, room });
    }
    let to = ThemeSlot { parent, index };
    if to == from {
        return Err(RefactorError::AlreadyThere {
            kind: Kind::Theme,
            name,
        });
    }
    let parent_name = |p: &Option<ThemeId>| {
        p.as_ref()
            .and_then(|id| project.theme(id))
            .map(|t| t.name.clone())
    };
    let (from_name, to_name) = (parent_name(&from.parent), parent_name(&to.parent));
    draft.push(Edit::MoveTheme {
        id: id.clone(),
        from,
        to: to.clone(),
    })?;
    let after = to.index.checked_sub(1).and_then(|i| {
        let siblings = match &to.parent {
            None => &draft.state().themes,
            Some(p) => &draft.state().theme(p)?.subthemes,
        };
        siblings.get(i).map(|t| t.name.clone())
    });
    let report = MoveReport {
        kind: "theme",
        name,
        from: from_name,
        to: to_name,
        after,
    };
    Ok(draft.finish(report, stamp))
}
