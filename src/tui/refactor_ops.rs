//! Theme refactoring from the keys: every operation is a `RefactorOp` value
//! (`refactor::op`, the core's one operation type), planned there (which also
//! writes its journal entry) and
//! applied through `App::apply`, so history, undo and saving are the same as
//! for any other edit. Decisions that reshape the analysis (merge, split,
//! promote, demote, delete, a theme's status) first ask "why?": Enter skips,
//! Esc cancels, and any text becomes the journal entry's reason.

mod reorder;

use super::action::Action;
use super::app::{App, Effect, Pane, Tone};
use super::overlay::prompt::{self, PromptPurpose};
use super::overlay::results::Results;
use super::refactor_pick as pick;
use super::themes::TreeRow;
use crate::model::{CodeId, ThemeId};
pub use crate::refactor::op::{MergeTarget, RefactorOp, plan};
use crate::refactor::{CodingsPolicy, Stamp};

/// Plans and applies `op` now, with `why` as the journal's reason.
pub fn run(app: &mut App, op: &RefactorOp, why: &str) -> Vec<Effect> {
    let stamp = Stamp::now(app.coder.clone(), why.trim());
    match plan(&app.project, op, &stamp) {
        Ok((edit, _)) => {
            let effects = app.apply(edit);
            if !effects.is_empty() && matches!(op, RefactorOp::MergeCodes { .. }) {
                app.codebook.marked.clear();
            }
            effects
        }
        Err(err) => {
            app.say(format!("not done: {err}"), Tone::Warning);
            Vec::new()
        }
    }
}

/// Checks that `op` can be done, then asks why (optional) before doing it.
pub fn ask_why(app: &mut App, op: RefactorOp) -> Vec<Effect> {
    let preview = Stamp::now(app.coder.clone(), "");
    match plan(&app.project, &op, &preview) {
        Ok((_, summary)) => {
            app.say("enter does it, esc cancels", Tone::Info);
            // The whole preview goes in the prompt, wrapped: in the status
            // line a deletion's consequences were cut off mid-sentence.
            let question = format!("enter does it: {summary}\nwhy? (optional, enter to skip): ");
            prompt::open(app, question, "", RefactorReason(Box::new(op)));
        }
        Err(err) => app.say(format!("not done: {err}"), Tone::Warning),
    }
    Vec::new()
}

/// The optional reason for a refactor, asked just before doing it.
pub struct RefactorReason(pub Box<RefactorOp>);

impl PromptPurpose for RefactorReason {
    fn entered(self: Box<Self>, app: &mut App, why: String) -> Vec<Effect> {
        run(app, &self.0, &why)
    }
}

/// The actions this module answers (the rest of the workbench handles the
/// others).
pub fn owns(action: Action) -> bool {
    matches!(
        action,
        Action::ToggleMark
            | Action::MergeCodes
            | Action::SplitCode
            | Action::DeleteCodeReassign
            | Action::PromoteCode
            | Action::DemoteTheme
            | Action::MoveTheme
            | Action::MergeThemes
            | Action::DeleteTheme
            | Action::MoveItemUp
            | Action::MoveItemDown
            | Action::ReviewTheme
            | Action::SetThemeStatus
            | Action::EditDefinition
            | Action::ShowJournal
    )
}

/// The code under the cursor of the focused side pane.
pub fn code_here(app: &App) -> Option<CodeId> {
    match app.focus {
        Pane::Codebook => super::codebook::selected(app),
        Pane::Themes => match app.themes.rows.get(app.themes.selected)? {
            TreeRow::Code { id, .. } => Some(id.clone()),
            TreeRow::Theme { .. } | TreeRow::Unsorted => None,
        },
        Pane::Transcript => None,
    }
}

/// The theme under the cursor of the theme pane.
pub fn theme_here(app: &App) -> Option<ThemeId> {
    if app.focus != Pane::Themes {
        return None;
    }
    match app.themes.rows.get(app.themes.selected)? {
        TreeRow::Theme { id, .. } => Some(id.clone()),
        TreeRow::Code { .. } | TreeRow::Unsorted => None,
    }
}

pub fn act(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::ShowJournal => {
            super::screens::journal::open(app);
            Vec::new()
        }
        Action::ReviewTheme => {
            match theme_here(app) {
                Some(theme) => super::screens::review::open(app, &theme),
                None => pick::review_picker(app),
            }
            Vec::new()
        }
        Action::MoveItemUp | Action::MoveItemDown => {
            reorder::reorder(app, action == Action::MoveItemUp)
        }
        Action::ToggleMark
        | Action::MergeCodes
        | Action::SplitCode
        | Action::DeleteCodeReassign
        | Action::PromoteCode => {
            let Some(code) = code_here(app) else {
                // In an empty codebook, "2 focuses the codebook" pointed
                // at where the analyst already was.
                let hint = if app.project.codes.is_empty() {
                    "the codebook is empty: a adds a code"
                } else if app.focus == Pane::Codebook {
                    "no code matches the filter: esc clears it"
                } else {
                    "that works on a code: 2 focuses the codebook"
                };
                app.say(hint, Tone::Info);
                return Vec::new();
            };
            code_action(app, action, code)
        }
        _ => {
            let Some(theme) = theme_here(app) else {
                app.say(
                    "that works on a theme row of the theme tree (3)",
                    Tone::Info,
                );
                return Vec::new();
            };
            theme_action(app, action, theme)
        }
    }
}

fn code_action(app: &mut App, action: Action, code: CodeId) -> Vec<Effect> {
    match action {
        Action::ToggleMark => {
            let name = app.project.code_name(&code).to_string();
            if !app.codebook.marked.remove(&code) {
                app.codebook.marked.insert(code);
            }
            let n = app.codebook.marked.len();
            let keys = app.keys_label(Action::MergeCodes);
            app.say(
                format!("{n} code(s) marked ('{name}' toggled); {keys} merges them"),
                Tone::Info,
            );
            if app.focus == Pane::Codebook {
                let last = app.codebook.rows.len().saturating_sub(1);
                app.codebook.selected = (app.codebook.selected + 1).min(last);
            }
            Vec::new()
        }
        Action::MergeCodes => {
            let mut from: Vec<CodeId> = app.codebook.marked.iter().cloned().collect();
            if from.is_empty() {
                from.push(code);
            }
            pick::merge_picker(app, from);
            Vec::new()
        }
        Action::SplitCode => {
            super::codebook::retrieve(app, &code);
            // The keys as the keymap has them, so a rebinding is told right.
            let context = crate::tui::keymap::Context::Extracts;
            let mark = super::screens::keys_in(app, context, Action::MarkExtract);
            let split = super::screens::keys_in(app, context, Action::SplitMarked);
            let name = app.project.code_name(&code).to_string();
            if let Some(list) = super::overlay::open_mut::<Results>(app) {
                list.title = format!("Split '{name}': {mark} marks extracts, {split} moves them");
                app.say(
                    format!("{mark} marks extracts; {split} moves the marked ones to another code"),
                    Tone::Info,
                );
            }
            Vec::new()
        }
        Action::DeleteCodeReassign => {
            pick::reassign_picker(app, code);
            Vec::new()
        }
        _ => ask_why(app, RefactorOp::PromoteCode(code)),
    }
}

fn theme_action(app: &mut App, action: Action, theme: ThemeId) -> Vec<Effect> {
    match action {
        Action::DemoteTheme => pick::demote(app, theme),
        Action::MoveTheme => {
            pick::move_theme_picker(app, &theme);
            Vec::new()
        }
        Action::MergeThemes => {
            pick::merge_themes_picker(app, &theme);
            Vec::new()
        }
        Action::DeleteTheme => pick::delete_theme(app, theme),
        Action::SetThemeStatus => {
            pick::status_picker(app, &theme);
            Vec::new()
        }
        Action::EditDefinition => {
            super::memo::open(app, super::app::MemoSubject::ThemeDefinition(theme));
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// `d` on a code: one confirmation that says how many codings go with it.
pub fn confirm_delete_code(app: &mut App, code: &CodeId) -> Vec<Effect> {
    let (codings, documents) = app.project.code_usage(code);
    let policy = if codings == 0 {
        CodingsPolicy::Refuse
    } else {
        CodingsPolicy::DeleteCodings
    };
    let stamp = Stamp::now(app.coder.clone(), "");
    let op = RefactorOp::DeleteCode {
        code: code.clone(),
        policy,
    };
    match plan(&app.project, &op, &stamp) {
        Ok((edit, _)) => {
            let name = app.project.code_name(code).to_string();
            let message = if codings == 0 {
                format!("Delete code '{name}'? It has no codings. (y/n)")
            } else {
                let reassign = app.keys_label(Action::DeleteCodeReassign);
                format!(
                    "Delete code '{name}'? This removes {} in {} by all coders ({reassign} gives them to another code instead). (y/n)",
                    crate::text::count(codings, "coding", "codings"),
                    crate::text::count(documents, "document", "documents"),
                )
            };
            super::overlay::confirm::open(app, message, edit);
        }
        Err(err) => app.say(format!("not done: {err}"), Tone::Warning),
    }
    Vec::new()
}
