//! Bringing a REFI-QDA codebook into an existing project: a pure planner
//! that returns one edit (all or nothing) and what it will do. A code or
//! theme of the codebook is matched to one of the project by GUID, else by
//! name (ignoring case); a match takes the codebook's name, colour and
//! description (an empty description or a missing colour leaves the
//! project's), anything else is added. Codes are placed in the theme the
//! codebook puts them in; codes at the codebook's top level stay where they
//! are in the project.

use super::tree::{RefiCode, code_guid, theme_guid};
use super::{normal_colour, split_code_description, split_theme_description};
use crate::edit::Edit;
use crate::model::{Code, CodeId, Project, Theme, ThemeId, ThemeSlot, theme, unique_slug};

/// The planned edit and its counts.
#[derive(Debug, Default)]
pub struct CodebookPlan {
    pub edits: Vec<Edit>,
    pub added_codes: usize,
    pub changed_codes: usize,
    pub added_themes: usize,
    pub changed_themes: usize,
    pub placed_codes: usize,
}

impl CodebookPlan {
    pub fn summary(&self) -> String {
        use crate::text::count;
        format!(
            "codes: {} added, {} updated; themes: {} added, {} updated; {} placed in a theme",
            self.added_codes,
            self.changed_codes,
            self.added_themes,
            self.changed_themes,
            count(self.placed_codes, "code", "codes"),
        )
    }
}

/// Plans bringing `tree` into `project`.
pub fn plan(project: &Project, tree: &[RefiCode]) -> Result<CodebookPlan, String> {
    let mut planner = Planner {
        work: project.clone(),
        plan: CodebookPlan::default(),
    };
    for node in tree {
        planner.visit(node, None)?;
    }
    Ok(planner.plan)
}

struct Planner {
    work: Project,
    plan: CodebookPlan,
}

impl Planner {
    fn push(&mut self, edit: Edit) -> Result<(), String> {
        edit.clone()
            .apply(&mut self.work)
            .map_err(|e| e.to_string())?;
        self.plan.edits.push(edit);
        Ok(())
    }

    fn visit(&mut self, node: &RefiCode, parent: Option<&ThemeId>) -> Result<(), String> {
        if node.children.is_empty() && node.codable {
            let code = self.code(node)?;
            if let Some(parent) = parent {
                self.place(&code, parent)?;
            }
            return Ok(());
        }
        let theme = self.theme(node, parent)?;
        if node.codable {
            let code = self.code(node)?;
            self.place(&code, &theme)?;
        }
        for child in &node.children {
            self.visit(child, Some(&theme))?;
        }
        Ok(())
    }

    fn code(&mut self, node: &RefiCode) -> Result<CodeId, String> {
        let name = node.name.trim();
        let existing = self
            .work
            .codes
            .values()
            .find(|c| code_guid(c) == node.guid)
            .or_else(|| {
                self.work
                    .codes
                    .values()
                    .find(|c| !name.is_empty() && c.name.to_lowercase() == name.to_lowercase())
            })
            .cloned();
        let [description, inclusion, exclusion, example] =
            split_code_description(&node.description);
        let fill = |code: &mut Code| {
            if !name.is_empty() {
                code.name = name.to_string();
            }
            if let Some(colour) = node.color.as_deref().and_then(normal_colour) {
                code.color = colour;
            }
            if !node.description.is_empty() {
                code.description = description.clone();
                code.inclusion = inclusion.clone();
                code.exclusion = exclusion.clone();
                code.example = example.clone();
            }
            if code_guid(code) != node.guid {
                code.guid = node.guid.clone();
            }
        };
        match existing {
            Some(before) => {
                let mut after = before.clone();
                fill(&mut after);
                let id = before.id.clone();
                if after != before {
                    self.push(Edit::ChangeCode { before, after })?;
                    self.plan.changed_codes += 1;
                }
                Ok(id)
            }
            None => {
                let shown = if name.is_empty() {
                    "unnamed code"
                } else {
                    name
                };
                let id = CodeId::new(unique_slug(shown, |s| {
                    self.work.codes.contains_key(&CodeId::new(s))
                }));
                let mut code = Code::new(id.clone(), shown, self.work.codes.len());
                fill(&mut code);
                code.guid = node.guid.clone();
                self.push(Edit::AddCode { code })?;
                self.plan.added_codes += 1;
                Ok(id)
            }
        }
    }

    fn theme(&mut self, node: &RefiCode, parent: Option<&ThemeId>) -> Result<ThemeId, String> {
        let name = node.name.trim();
        let all = theme::walk(&self.work.themes);
        let existing = all
            .iter()
            .map(|(_, t)| *t)
            .find(|t| theme_guid(t) == node.guid)
            .or_else(|| {
                all.iter()
                    .map(|(_, t)| *t)
                    .find(|t| !name.is_empty() && t.name.to_lowercase() == name.to_lowercase())
            })
            .cloned();
        let (definition, status) = if node.codable {
            let [d, ..] = split_code_description(&node.description);
            (d, None)
        } else {
            let (d, s) = split_theme_description(&node.description);
            (d, Some(s))
        };
        match existing {
            Some(theme) => {
                let before = theme.fields();
                let mut after = before.clone();
                if !name.is_empty() {
                    after.name = name.to_string();
                }
                if !node.description.is_empty() {
                    after.definition = definition;
                    if let Some(s) = status {
                        after.status = s;
                    }
                }
                if after != before {
                    self.push(Edit::ChangeTheme {
                        id: theme.id.clone(),
                        before,
                        after,
                    })?;
                    self.plan.changed_themes += 1;
                }
                Ok(theme.id)
            }
            None => {
                let shown = if name.is_empty() {
                    "unnamed theme"
                } else {
                    name
                };
                let id = ThemeId::new(unique_slug(shown, |s| {
                    theme::find(&self.work.themes, &ThemeId::new(s)).is_some()
                }));
                let mut new = Theme::new(id.clone(), shown);
                new.definition = definition;
                new.status = status.unwrap_or_default();
                new.guid = node.guid.clone();
                let index = match parent {
                    Some(p) => theme::find(&self.work.themes, p).map_or(0, |t| t.subthemes.len()),
                    None => self.work.themes.len(),
                };
                self.push(Edit::AddTheme {
                    slot: ThemeSlot {
                        parent: parent.cloned(),
                        index,
                    },
                    theme: new,
                })?;
                self.plan.added_themes += 1;
                Ok(id)
            }
        }
    }

    fn place(&mut self, code: &CodeId, theme_id: &ThemeId) -> Result<(), String> {
        let from = theme::holder_of(&self.work.themes, code).map(|(t, i)| (t.id.clone(), i));
        if from.as_ref().is_some_and(|(t, _)| t == theme_id) {
            return Ok(());
        }
        let len = theme::find(&self.work.themes, theme_id).map_or(0, |t| t.codes.len());
        // Leaving a theme earlier in the same list does not shift `len`:
        // the target is another theme.
        self.push(Edit::PlaceCode {
            code: code.clone(),
            from,
            to: Some((theme_id.clone(), len)),
        })?;
        self.plan.placed_codes += 1;
        Ok(())
    }
}
