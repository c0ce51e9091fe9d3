//! Applying the edits of the theme tree: themes in, out, renamed and moved,
//! codes placed into and out of themes.

use super::apply::siblings_mut;
use super::{Edit, EditError};
use crate::model::{CodeId, Project, Theme, ThemeFields, ThemeId, ThemeSlot, theme};

type Result<T> = std::result::Result<T, EditError>;

/// Inserts a theme with its subtree; its ids and member codes must be free.
pub(super) fn add_theme(project: &mut Project, slot: ThemeSlot, theme: Theme) -> Result<Edit> {
    for (_, t) in theme::walk(std::slice::from_ref(&theme)) {
        if project.theme(&t.id).is_some() {
            return Err(EditError::new(format!("a theme with id '{}' exists", t.id)));
        }
        if let Some(why) = crate::model::file_name_problem(t.id.as_str()) {
            return Err(EditError::new(format!(
                "'{}' cannot be a theme id: {why}",
                t.id
            )));
        }
        for code in &t.codes {
            if !project.codes.contains_key(code) {
                return Err(EditError::missing("code", code));
            }
            if let Some(holder) = project.theme_of_code(code) {
                return Err(EditError::new(format!(
                    "code '{}' is already in theme '{}'",
                    project.code_name(code),
                    holder.name
                )));
            }
        }
    }
    let siblings = siblings_mut(project, slot.parent.as_ref())?;
    if slot.index > siblings.len() {
        return Err(EditError::new("no such place in the theme tree"));
    }
    siblings.insert(slot.index, theme.clone());
    Ok(Edit::RemoveTheme { slot, theme })
}

/// Removes the theme at a slot, which must be exactly `theme`.
pub(super) fn remove_theme(project: &mut Project, slot: ThemeSlot, theme: Theme) -> Result<Edit> {
    let siblings = siblings_mut(project, slot.parent.as_ref())?;
    if siblings.get(slot.index) != Some(&theme) {
        return Err(EditError::changed(format!("theme '{}'", theme.name)));
    }
    siblings.remove(slot.index);
    Ok(Edit::AddTheme { slot, theme })
}

/// Changes a theme's name, status and definition.
pub(super) fn change_theme(
    project: &mut Project,
    id: ThemeId,
    before: ThemeFields,
    after: ThemeFields,
) -> Result<Edit> {
    if after.name.trim().is_empty() {
        return Err(EditError::new("a theme needs a name"));
    }
    let current = theme::find_mut(&mut project.themes, &id)
        .ok_or_else(|| EditError::missing("theme", &id))?;
    if current.fields() != before {
        return Err(EditError::changed(format!("theme '{id}'")));
    }
    current.set_fields(after.clone());
    Ok(Edit::ChangeTheme {
        id,
        before: after,
        after: before,
    })
}

/// Moves a code into a theme at an index, or out of all themes.
pub(super) fn place_code(
    project: &mut Project,
    code: CodeId,
    from: Option<(ThemeId, usize)>,
    to: Option<(ThemeId, usize)>,
) -> Result<Edit> {
    if !project.codes.contains_key(&code) {
        return Err(EditError::missing("code", &code));
    }
    let now = theme::holder_of(&project.themes, &code).map(|(t, i)| (t.id.clone(), i));
    if now != from {
        return Err(EditError::new(format!(
            "code '{}' is not where the edit expects it",
            project.code_name(&code)
        )));
    }
    if let Some((target, index)) = &to {
        let fits = match theme::find(&project.themes, target) {
            None => return Err(EditError::missing("theme", target)),
            Some(t) => {
                let len =
                    t.codes.len() - usize::from(from.as_ref().is_some_and(|(f, _)| f == target));
                *index <= len
            }
        };
        if !fits {
            return Err(EditError::new("no such place in the theme"));
        }
    }
    if let Some((holder, index)) = &from
        && let Some(t) = theme::find_mut(&mut project.themes, holder)
    {
        t.codes.remove(*index);
    }
    if let Some((target, index)) = &to
        && let Some(t) = theme::find_mut(&mut project.themes, target)
    {
        t.codes.insert(*index, code.clone());
    }
    Ok(Edit::PlaceCode {
        code,
        from: to,
        to: from,
    })
}

/// Moves a theme (with its subtree) to another parent and index.
pub(super) fn move_theme(
    project: &mut Project,
    id: ThemeId,
    from: ThemeSlot,
    to: ThemeSlot,
) -> Result<Edit> {
    if theme::slot_of(&project.themes, &id).as_ref() != Some(&from) {
        return Err(EditError::new(format!(
            "theme '{id}' is not where the edit expects it"
        )));
    }
    if let Some(parent) = &to.parent
        && theme::is_within(&project.themes, parent, &id)
    {
        return Err(EditError::new("a theme cannot move under itself"));
    }
    if let Some(parent) = &to.parent
        && project.theme(parent).is_none()
    {
        return Err(EditError::missing("theme", parent));
    }
    let siblings = siblings_mut(project, from.parent.as_ref())?;
    let moved = siblings.remove(from.index);
    let target = siblings_mut(project, to.parent.as_ref())?;
    if to.index > target.len() {
        // Put it back before failing, so nothing changes.
        siblings_mut(project, from.parent.as_ref())?.insert(from.index, moved);
        return Err(EditError::new("no such place in the theme tree"));
    }
    target.insert(to.index, moved);
    Ok(Edit::MoveTheme {
        id,
        from: to,
        to: from,
    })
}
