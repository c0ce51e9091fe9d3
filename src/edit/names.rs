//! Adding a code or a theme, with the one rule for their names that both
//! faces and the refactor planners follow: a name is trimmed with its inner
//! whitespace collapsed, is not empty, and is not another code's (or
//! theme's) name when case is ignored, since commands and pickers find a
//! code by its name. Before, `margin code add` compared ASCII case only, the
//! workbench compared with ids too, and a rename compared Unicode case: the
//! same name was refused by one face and accepted by the other.

use super::Edit;
use crate::model::{Code, CodeId, Project, Theme, ThemeId, theme, unique_slug};

/// Why a name was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("a {0} needs a name")]
    Empty(&'static str),
    #[error("the codebook already has a code '{name}' (id {id})")]
    CodeTaken { name: String, id: CodeId },
    #[error("the theme tree already has a theme '{name}' (id {id})")]
    ThemeTaken { name: String, id: ThemeId },
}

/// A name as it is stored: trimmed, inner whitespace collapsed to one space.
pub fn clean(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What two names are compared by: clean and lower case (all of Unicode).
fn key(name: &str) -> String {
    clean(name).to_lowercase()
}

/// The code other than `except` named `name`, by the rule above.
pub fn code_named<'a>(
    project: &'a Project,
    name: &str,
    except: Option<&CodeId>,
) -> Option<&'a Code> {
    let wanted = key(name);
    project
        .codes
        .values()
        .find(|c| Some(&c.id) != except && key(&c.name) == wanted)
}

/// The theme other than `except` named `name`, by the rule above.
pub fn theme_named<'a>(
    project: &'a Project,
    name: &str,
    except: Option<&ThemeId>,
) -> Option<&'a Theme> {
    let wanted = key(name);
    theme::walk(&project.themes)
        .into_iter()
        .map(|(_, t)| t)
        .find(|t| Some(&t.id) != except && key(&t.name) == wanted)
}

/// A new code named `name`: a fresh id (a slug of the name) and the next
/// palette colour; refused when the name is empty or taken.
pub fn new_code(project: &Project, name: &str) -> Result<Code, NameError> {
    let name = clean(name);
    if name.is_empty() {
        return Err(NameError::Empty("code"));
    }
    if let Some(existing) = code_named(project, &name, None) {
        return Err(NameError::CodeTaken {
            name: existing.name.clone(),
            id: existing.id.clone(),
        });
    }
    Ok(super::compose::new_code(project, &name))
}

/// The code named `name`, or a new one to add first ("code with a new
/// code"): the picker's "create" and in-vivo coding both take an existing
/// code of that name rather than make a second.
pub fn code_or_new(project: &Project, name: &str) -> Result<(CodeId, Option<Code>), NameError> {
    match code_named(project, name, None) {
        Some(existing) => Ok((existing.id.clone(), None)),
        None => new_code(project, name).map(|code| (code.id.clone(), Some(code))),
    }
}

/// Adding a theme named `name` as the last child of `parent` (None: the
/// last top-level theme), with a fresh id; refused when the name is empty
/// or taken.
pub fn add_theme(
    project: &Project,
    name: &str,
    parent: Option<ThemeId>,
) -> Result<(ThemeId, Edit), NameError> {
    let name = clean(name);
    if name.is_empty() {
        return Err(NameError::Empty("theme"));
    }
    if let Some(existing) = theme_named(project, &name, None) {
        return Err(NameError::ThemeTaken {
            name: existing.name.clone(),
            id: existing.id.clone(),
        });
    }
    let id = ThemeId::new(unique_slug(&name, |s| {
        project.theme(&ThemeId::new(s)).is_some()
    }));
    let edit = Edit::AddTheme {
        slot: super::last_slot(project, parent.as_ref()),
        theme: Theme::new(id.clone(), name),
    };
    Ok((id, edit))
}

/// `make(project with the new code)` as one step with adding that code:
/// an edit planned against a code that does not exist yet (auto-coding hits
/// with a code typed into the picker). None when `make` finds nothing to do.
pub fn with_new_code(
    project: &Project,
    new: Option<Code>,
    make: impl FnOnce(&Project) -> Option<Edit>,
) -> Option<Edit> {
    let Some(code) = new else {
        return make(project);
    };
    let mut with_code = project.clone();
    with_code.codes.insert(code.id.clone(), code.clone());
    let edit = make(&with_code)?;
    let label = format!("{} (new code)", edit.describe(&with_code));
    Some(Edit::Batch {
        label,
        edits: vec![Edit::AddCode { code }, edit],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Manifest;

    fn project() -> Project {
        let mut p = Project::new(Manifest::new("names"));
        for (id, name) in [("craving", "Craving"), ("peer-support", "Peer support")] {
            p.codes
                .insert(CodeId::new(id), Code::new(CodeId::new(id), name, 0));
        }
        let (_, edit) = add_theme(&p, "Ways of coping", None).expect("adds");
        edit.apply(&mut p).expect("applies");
        p
    }

    #[test]
    fn a_name_differing_only_in_case_or_spacing_is_taken() {
        let p = project();
        for name in ["craving", "  CRAVING ", "peer   SUPPORT"] {
            assert!(
                matches!(new_code(&p, name), Err(NameError::CodeTaken { .. })),
                "{name:?}"
            );
        }
        assert_eq!(
            new_code(&p, "ÉCOUTE").expect("new").name,
            "ÉCOUTE",
            "a new name is kept as typed"
        );
        let mut q = p.clone();
        q.codes.insert(
            CodeId::new("ecoute"),
            Code::new(CodeId::new("ecoute"), "Écoute", 0),
        );
        assert_eq!(
            new_code(&q, "ÉCOUTE").expect_err("taken").to_string(),
            "the codebook already has a code 'Écoute' (id ecoute)",
            "case is ignored beyond ASCII"
        );
        assert_eq!(new_code(&p, " \t"), Err(NameError::Empty("code")));
        assert_eq!(new_code(&p, "new   code").expect("new").name, "new code");
    }

    #[test]
    fn code_or_new_takes_the_existing_code_of_that_name() {
        let p = project();
        assert_eq!(
            code_or_new(&p, "CRAVING").expect("found"),
            (CodeId::new("craving"), None)
        );
        let (id, new) = code_or_new(&p, "Routine").expect("new");
        assert_eq!(id, CodeId::new("routine"));
        assert_eq!(new.map(|c| c.name), Some("Routine".into()));
    }

    #[test]
    fn themes_follow_the_same_rule() {
        let p = project();
        assert!(matches!(
            add_theme(&p, "ways OF coping", None),
            Err(NameError::ThemeTaken { .. })
        ));
        let parent = p.themes[0].id.clone();
        let (id, edit) = add_theme(&p, "Routines", Some(parent.clone())).expect("adds");
        let mut q = p.clone();
        edit.apply(&mut q).expect("applies");
        assert_eq!(q.theme(&parent).expect("parent").subthemes[0].id, id);
    }
}
