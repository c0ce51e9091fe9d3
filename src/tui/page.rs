//! Full-screen pages over the workbench: review mode (read a theme's
//! extracts, set its status and definition) and the decision journal. A page
//! takes the keys of its own keymap context; overlays (pickers, prompts, the
//! definition editor) still open on top of it.

use super::action::Action;
use super::app::{App, Effect};
use super::journal::JournalView;
use super::review::ReviewView;
use crate::model::ThemeId;
use crate::tui::keymap::Context;

#[derive(Clone, Debug)]
pub enum Page {
    Review(ReviewView),
    Journal(JournalView),
    Charts(super::charts::ChartsView),
    ExtractsQuery(super::extracts_query::ExtractsQueryView),
}

pub fn open_review(app: &mut App, theme: &ThemeId) {
    match ReviewView::new(&app.project, theme, &|c| super::layers::shows(app, c)) {
        Some(view) => {
            let message = super::review::summary(app, &view);
            app.page = Some(Page::Review(view));
            app.say(message, super::app::Tone::Info);
        }
        None => app.say(format!("no theme '{theme}'"), super::app::Tone::Warning),
    }
}

pub fn open_journal(app: &mut App) {
    app.page = Some(Page::Journal(JournalView::default()));
    let n = app.project.journal.len();
    app.say(
        format!(
            "decision journal: {}, newest first",
            crate::text::count(n, "entry", "entries")
        ),
        super::app::Tone::Info,
    );
}

/// The keymap context for the keys now.
pub fn context(app: &App) -> Context {
    match &app.page {
        Some(Page::Review(_)) => Context::Review,
        Some(Page::Journal(_)) => Context::Journal,
        Some(Page::Charts(_)) => Context::Charts,
        Some(Page::ExtractsQuery(_)) => Context::ExtractsQuery,
        None => app.focus.context(),
    }
}

/// The status line's mode badge while a page is open.
pub fn badge(app: &App) -> Option<&'static str> {
    match &app.page {
        Some(Page::Review(_)) => Some("REVIEW"),
        Some(Page::Journal(_)) => Some("JOURNAL"),
        Some(Page::Charts(_)) => Some("CHARTS"),
        Some(Page::ExtractsQuery(_)) => Some("EXTRACTS"),
        None => None,
    }
}

/// Keeps the page in step with the project after any change (an undo too).
pub fn refresh(app: &mut App) {
    let rebuilt = match &app.page {
        Some(Page::Review(view)) => {
            Some(view.rebuilt(&app.project, &|c| super::layers::shows(app, c)))
        }
        _ => None,
    };
    if let Some(rebuilt) = rebuilt {
        app.page = rebuilt.map(Page::Review);
    }
}

/// Runs `action` on the open page. None leaves it to the workbench: quitting,
/// help, the palette, undo and redo work as anywhere; moving to a pane or a
/// document closes the page first.
pub fn intercept(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    let page = app.page.as_ref()?;
    match action {
        Action::Quit
        | Action::Help
        | Action::Palette
        | Action::Undo
        | Action::Redo
        | Action::SaveAgain
        // Whose codings are shown: the page follows (see `refresh`).
        | Action::ToggleBlind
        | Action::ChooseLayer
        | Action::ReturnToReview
        | Action::MessageLog => None,
        Action::NextPane
        | Action::PrevPane
        | Action::FocusTranscript
        | Action::FocusCodebook
        | Action::FocusThemes
        | Action::OpenDocument
        | Action::SearchProject
        | Action::ProjectMemo
        | Action::Back => {
            app.page = None;
            // The page's message ("reviewing ...") is no longer true; the
            // log keeps it.
            app.status = super::app::Message::empty();
            // Back is done; the others carry on in the workbench.
            (action == Action::Back).then(Vec::new)
        }
        Action::ShowJournal => {
            open_journal(app);
            Some(Vec::new())
        }
        Action::ReviewTheme => {
            super::refactor_pick::review_picker(app);
            Some(Vec::new())
        }
        _ => Some(match page {
            Page::Review(_) => super::review::act(app, action),
            Page::Journal(_) => super::journal::act(app, action),
            Page::Charts(_) => super::charts::act(app, action),
            Page::ExtractsQuery(_) => super::extracts_query::act(app, action),
        }),
    }
}

/// Keys bound to `action` in `context` (or globally), as "s" or "esc q".
pub fn keys_in(app: &App, context: Context, action: Action) -> String {
    app.keymap
        .keys_for(context, &action)
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}
