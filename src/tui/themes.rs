//! The theme tree pane: themes, subthemes and member codes, foldable, with
//! counts and status; add, rename, restatus themes, place codes.

use super::app::{App, Effect, MemoSubject, Tone};
use super::overlay::prompt::{self, PromptPurpose};
use crate::model::{CodeId, MemoTarget, Theme, ThemeId, ThemeStatus};
use crate::tui::keymap::Context;
use std::collections::HashSet;

/// One visible row of the tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TreeRow {
    Theme {
        id: ThemeId,
        depth: usize,
    },
    Code {
        id: CodeId,
        depth: usize,
    },
    /// The heading of the codes that are in no theme yet, listed after the
    /// themes so that a code taken out of a theme stays in sight.
    Unsorted,
}

#[derive(Clone, Debug, Default)]
pub struct ThemesView {
    pub rows: Vec<TreeRow>,
    pub selected: usize,
    pub folded: HashSet<ThemeId>,
    pub unsorted_folded: bool,
}

/// Recomputes the visible rows, keeping the selection on the same row.
pub fn refresh(app: &mut App) {
    fn go(themes: &[Theme], depth: usize, folded: &HashSet<ThemeId>, out: &mut Vec<TreeRow>) {
        for theme in themes {
            out.push(TreeRow::Theme {
                id: theme.id.clone(),
                depth,
            });
            if folded.contains(&theme.id) {
                continue;
            }
            go(&theme.subthemes, depth + 1, folded, out);
            for code in &theme.codes {
                out.push(TreeRow::Code {
                    id: code.clone(),
                    depth: depth + 1,
                });
            }
        }
    }
    let current = app.themes.rows.get(app.themes.selected).cloned();
    let mut rows = Vec::new();
    go(&app.project.themes, 0, &app.themes.folded, &mut rows);
    let unsorted = app.project.unsorted_codes();
    if !unsorted.is_empty() {
        rows.push(TreeRow::Unsorted);
        if !app.themes.unsorted_folded {
            rows.extend(unsorted.iter().map(|c| TreeRow::Code {
                id: c.id.clone(),
                depth: 1,
            }));
        }
    }
    app.themes.rows = rows;
    app.themes.selected = current
        .and_then(|r| app.themes.rows.iter().position(|x| *x == r))
        .unwrap_or(app.themes.selected)
        .min(app.themes.rows.len().saturating_sub(1));
}

pub fn select_theme(app: &mut App, id: &ThemeId) {
    if let Some(i) = app
        .themes
        .rows
        .iter()
        .position(|r| matches!(r, TreeRow::Theme { id: t, .. } if t == id))
    {
        app.themes.selected = i;
    }
}

/// Codings of every code in the theme and its subthemes.
pub fn theme_count(app: &App, theme: &Theme) -> usize {
    theme
        .all_codes()
        .iter()
        .map(|c| app.usage.get(c).map_or(0, |u| u.0))
        .sum()
}

fn selected_theme(app: &App) -> Option<ThemeId> {
    match app.themes.rows.get(app.themes.selected)? {
        TreeRow::Theme { id, .. } => Some(id.clone()),
        TreeRow::Code { .. } | TreeRow::Unsorted => None,
    }
}

fn next_status(status: ThemeStatus) -> ThemeStatus {
    match status {
        ThemeStatus::Candidate => ThemeStatus::Reviewed,
        ThemeStatus::Reviewed => ThemeStatus::Final,
        ThemeStatus::Final => ThemeStatus::Candidate,
    }
}

/// Runs a theme-pane action on the selected row.
pub fn act(app: &mut App, action: super::action::Action) -> Vec<Effect> {
    use super::action::Action;
    if action == Action::AddTheme {
        prompt::open(app, "New theme: ", "", AddTheme { parent: None });
        return Vec::new();
    }
    let row = app.themes.rows.get(app.themes.selected).cloned();
    // Code rows take the code actions (retrieve, rename, move out...).
    if let Some(TreeRow::Code { id, .. }) = &row {
        return match action {
            Action::ToggleFold | Action::CycleThemeStatus | Action::AddSubtheme => {
                app.say("that works on a theme row", Tone::Info);
                Vec::new()
            }
            _ => super::codebook::act_on(app, action, id),
        };
    }
    if row == Some(TreeRow::Unsorted) {
        if matches!(action, Action::ToggleFold | Action::Retrieve) {
            app.themes.unsorted_folded = !app.themes.unsorted_folded;
            refresh(app);
        } else {
            app.say(
                "codes in no theme yet: t on one of them puts it into a theme",
                Tone::Info,
            );
        }
        return Vec::new();
    }
    let Some(id) = selected_theme(app) else {
        app.say("there are no themes yet: a adds one", Tone::Warning);
        return Vec::new();
    };
    let Some(theme) = app.project.theme(&id).cloned() else {
        return Vec::new();
    };
    match action {
        Action::ToggleFold | Action::Retrieve => {
            let folding = !app.themes.folded.remove(&id);
            if folding {
                app.themes.folded.insert(id);
            }
            refresh(app);
            // Say what happened: on an empty theme nothing visibly changes.
            let review = app.keys_label(Action::ReviewTheme);
            let message = if theme.subthemes.is_empty() && theme.codes.is_empty() {
                let put = super::screens::keys_in(app, Context::Codebook, Action::PutInTheme);
                format!(
                    "theme '{}' holds no codes yet: {put} on a code in the codebook puts it here",
                    theme.name
                )
            } else {
                format!(
                    "{} '{}': {}, {}; {review} reads all its extracts",
                    if folding { "folded" } else { "unfolded" },
                    theme.name,
                    crate::text::count(theme.subthemes.len(), "subtheme", "subthemes"),
                    crate::text::count(theme.codes.len(), "code", "codes"),
                )
            };
            app.say(message, Tone::Info);
            Vec::new()
        }
        Action::AddSubtheme => {
            let question = format!("New subtheme of '{}': ", theme.name);
            prompt::open(app, question, "", AddTheme { parent: Some(id) });
            Vec::new()
        }
        Action::Rename => {
            let question = format!("Rename theme '{}' to: ", theme.name);
            prompt::open(app, question, theme.name.clone(), RenameTheme(id));
            Vec::new()
        }
        Action::CycleThemeStatus => {
            let op = super::refactor_ops::RefactorOp::SetStatus {
                theme: id,
                status: next_status(theme.status),
                definition: None,
            };
            super::refactor_ops::run(app, &op, "")
        }
        Action::EditMemo => {
            super::memo::open(app, MemoSubject::Target(MemoTarget::Theme(id)));
            Vec::new()
        }
        Action::EditMemoInEditor => vec![Effect::EditInEditor(Box::new(MemoSubject::Target(
            MemoTarget::Theme(id),
        )))],
        Action::PutInTheme | Action::MoveOutOfTheme => {
            app.say("choose a code row (or use the codebook)", Tone::Info);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// The name of a new theme (under `parent`, or at the top).
pub struct AddTheme {
    pub parent: Option<ThemeId>,
}

impl PromptPurpose for AddTheme {
    fn entered(self: Box<Self>, app: &mut App, text: String) -> Vec<Effect> {
        let Some(name) = prompt::name_given(app, &text) else {
            return Vec::new();
        };
        let (id, edit) = match crate::edit::names::add_theme(&app.project, &name, self.parent) {
            Ok(added) => added,
            Err(refused) => {
                app.say(format!("{refused}; nothing changed"), Tone::Warning);
                return Vec::new();
            }
        };
        let effects = app.apply(edit);
        select_theme(app, &id);
        effects
    }
}

/// A theme's new name.
pub struct RenameTheme(pub ThemeId);

impl PromptPurpose for RenameTheme {
    fn entered(self: Box<Self>, app: &mut App, text: String) -> Vec<Effect> {
        let Some(name) = prompt::name_given(app, &text) else {
            return Vec::new();
        };
        let op = super::refactor_ops::RefactorOp::RenameTheme {
            theme: self.0,
            name,
        };
        super::refactor_ops::run(app, &op, "")
    }
}
