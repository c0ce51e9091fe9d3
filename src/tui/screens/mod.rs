//! The screen stack: the three panes at the bottom, full screens above them
//! (review mode, the decision journal, the charts, an extracts query, the
//! agreement view), or the merge-conflict resolver alone before the project
//! opens. The top screen takes the keys, the mouse and the whole drawing;
//! an overlay (a picker, a prompt...) opens above whichever it is.
//!
//! Each screen is one module here owning its state, its keys (through
//! `Keymap::lookup` in its own keymap context) and its drawing: a new one is
//! added in one file by implementing `Screen` and opening it with `open`.

pub mod agreement;
pub mod charts;
pub mod extracts_query;
pub mod journal;
pub mod panes;
pub mod resolver;
pub mod review;

use super::action::Action;
use super::app::{App, Effect, Tone};
use super::keymap::{Context, Key};
use ratatui::Frame;
use ratatui::crossterm::event::MouseEvent;
use ratatui::layout::Rect;
use std::any::Any;

/// One full screen of the workbench.
pub trait Screen: Any {
    /// The keymap context of the keys while this screen is on top.
    fn context(&self, app: &App) -> Context;

    /// The status line's mode badge ("REVIEW", "NORMAL"...).
    fn title(&self, app: &App) -> &'static str;

    /// Runs an action (from a key or the palette) on the screen.
    fn act(&mut self, app: &mut App, action: Action) -> Step;

    /// A key bound to nothing here.
    fn unbound(&mut self, app: &mut App, key: Key) {
        let help = app.keys_label(Action::Help);
        app.say(
            format!("{key} does nothing here ({help} for help)"),
            Tone::Info,
        );
    }

    /// A click or the wheel (screens without a mouse ignore it).
    fn mouse(&mut self, _app: &mut App, _mouse: MouseEvent) {}

    /// Draws the screen into `area`: the terminal less its status line, or
    /// all of it for a screen that `covers_status_line`.
    fn draw(&self, app: &App, frame: &mut Frame, area: Rect);

    /// Keeps the screen in step after the project, or whose codings are
    /// shown, changed (an edit, an undo, a reload); false closes it.
    fn refresh(&mut self, _app: &App) -> bool {
        true
    }

    /// Shown again when the panes pushed over it are popped (`return_to`):
    /// false when there is nothing left to show (it closes).
    fn returned(&mut self, app: &mut App) -> bool {
        self.refresh(app)
    }

    /// Draws over the status line too (the resolver has its own foot).
    fn covers_status_line(&self) -> bool {
        false
    }
}

/// What a screen did with an action.
pub enum Step {
    /// Done; the screen stays.
    Stay(Vec<Effect>),
    /// Done; the screen closes.
    Close(Vec<Effect>),
    /// Not the screen's: the workbench runs it (quit, help, undo...).
    Pass,
    /// The screen closes and the workbench runs the action (moving to a
    /// pane, opening a document...).
    CloseAndPass,
    /// The panes are pushed over the screen, which comes back when they are
    /// popped (Enter on an extract in review mode: see `return_to`).
    PanesOver(Vec<Effect>),
    /// Another screen takes this one's place (the resolver, once every
    /// conflict is written, gives way to the panes).
    Replace(Box<dyn Screen>, Vec<Effect>),
}

/// The stack. Never empty: the panes (or the resolver) are at the bottom.
pub struct Screens {
    stack: Vec<Box<dyn Screen>>,
    /// Counts changes to the project, so that a screen taken off the stack
    /// to run an action is refreshed if the action changed the project.
    changes: u64,
}

impl Screens {
    /// The three panes alone.
    pub fn panes() -> Screens {
        Screens::on(Box::new(panes::Panes))
    }

    /// `base` alone at the bottom (the resolver before the project opens).
    pub fn on(base: Box<dyn Screen>) -> Screens {
        Screens {
            stack: vec![base],
            changes: 0,
        }
    }

    /// What takes the keys, the mouse and the drawing (under any overlay).
    pub fn top(&self) -> &dyn Screen {
        self.stack
            .last()
            .map(AsRef::as_ref)
            .unwrap_or(&panes::Panes)
    }

    /// The top screen as its own type, when it is one.
    pub fn top_as<S: Screen>(&self) -> Option<&S> {
        let top: &dyn Any = self.stack.last()?.as_ref();
        top.downcast_ref::<S>()
    }

    /// The top screen as its own type, to change it.
    pub fn top_mut_as<S: Screen>(&mut self) -> Option<&mut S> {
        let top: &mut dyn Any = self.stack.last_mut()?.as_mut();
        top.downcast_mut::<S>()
    }

    /// The bottom screen as its own type, when it is one.
    pub fn base_as<S: Screen>(&self) -> Option<&S> {
        let base: &dyn Any = self.stack.first()?.as_ref();
        base.downcast_ref::<S>()
    }

    /// Are the panes on top?
    pub fn on_panes(&self) -> bool {
        self.top_as::<panes::Panes>().is_some()
    }

    /// How many screens are stacked (1: the panes, or the resolver, alone).
    pub fn depth(&self) -> usize {
        self.stack.len()
    }

    fn push(&mut self, screen: Box<dyn Screen>) {
        self.stack.push(screen);
    }

    /// Takes the top screen off to run it; the panes stand in meanwhile.
    fn take_top(&mut self) -> Box<dyn Screen> {
        if self.stack.len() == 1 {
            std::mem::replace(&mut self.stack[0], Box::new(panes::Panes))
        } else {
            self.stack.pop().unwrap_or_else(|| Box::new(panes::Panes))
        }
    }

    /// Puts back what `take_top` took (above anything opened meanwhile).
    fn put_back(&mut self, screen: Box<dyn Screen>, was_alone: bool) {
        if was_alone {
            self.stack[0] = screen;
        } else {
            self.stack.push(screen);
        }
    }
}

/// Opens `screen`: over the panes, or in place of the full screen on top
/// (one full screen leads to another, as the journal from review mode).
pub fn open(app: &mut App, screen: Box<dyn Screen>) {
    if !app.screens.on_panes() && app.screens.depth() > 1 {
        app.screens.stack.pop();
    }
    app.screens.push(screen);
}

/// Runs `action` on the top screen; None leaves it to the workbench (see
/// `update`), after closing the screen if it asked to.
pub fn dispatch(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    if app.screens.on_panes() {
        return None;
    }
    run_top(app, |screen, app| screen.act(app, action))
}

/// Runs `run` on the top screen, taken off the stack meanwhile (it and the
/// workbench are both changed), then does what it asked; None: the
/// workbench runs the action (`Step::Pass`, `Step::CloseAndPass`).
pub fn run_top(
    app: &mut App,
    run: impl FnOnce(&mut dyn Screen, &mut App) -> Step,
) -> Option<Vec<Effect>> {
    let was_alone = app.screens.depth() == 1;
    let before = app.screens.changes;
    let mut screen = app.screens.take_top();
    let step = run(screen.as_mut(), app);
    let stays = matches!(step, Step::Stay(_) | Step::Pass | Step::PanesOver(_));
    // The action changed the project while the screen was off the stack.
    if stays && app.screens.changes != before && !screen.refresh(app) {
        return match step {
            Step::Stay(effects) | Step::PanesOver(effects) => Some(effects),
            _ => None,
        };
    }
    match step {
        Step::Stay(effects) => {
            app.screens.put_back(screen, was_alone);
            Some(effects)
        }
        Step::Close(effects) => Some(effects),
        Step::CloseAndPass => None,
        Step::Pass => {
            app.screens.put_back(screen, was_alone);
            None
        }
        Step::PanesOver(effects) => {
            // One way back at a time: an older return point is dropped.
            app.screens.stack.truncate(1);
            app.screens.push(screen);
            app.screens.push(Box::new(panes::Panes));
            Some(effects)
        }
        Step::Replace(next, effects) => {
            app.screens.put_back(next, was_alone);
            Some(effects)
        }
    }
}

/// Keys bound to nothing in the top screen's context.
pub fn unbound(app: &mut App, key: Key) {
    let was_alone = app.screens.depth() == 1;
    let mut screen = app.screens.take_top();
    screen.unbound(app, key);
    app.screens.put_back(screen, was_alone);
}

/// A mouse event for the top screen.
pub fn mouse(app: &mut App, event: MouseEvent) {
    let was_alone = app.screens.depth() == 1;
    let mut screen = app.screens.take_top();
    screen.mouse(app, event);
    app.screens.put_back(screen, was_alone);
}

/// Keeps the top screen in step with the project after any change (an undo
/// too); one whose subject is gone closes. Screens under it are refreshed
/// when they come back (`return_to`).
pub fn refresh(app: &mut App) {
    app.screens.changes += 1;
    if app.screens.on_panes() || app.screens.depth() == 1 {
        return;
    }
    let mut screen = app.screens.take_top();
    if screen.refresh(app) {
        app.screens.put_back(screen, false);
    }
}

/// Pops the panes pushed over a screen (Enter in review mode), and anything
/// opened above them, so that screen is on top again; false when there is
/// nothing to go back to.
pub fn return_to(app: &mut App) -> bool {
    let stack = &app.screens.stack;
    let Some(at) = (1..stack.len().saturating_sub(1)).rev().find(|&i| {
        let above: &dyn Any = stack[i + 1].as_ref();
        let here: &dyn Any = stack[i].as_ref();
        above.is::<panes::Panes>() && !here.is::<panes::Panes>()
    }) else {
        return false;
    };
    app.screens.stack.truncate(at + 1);
    let mut screen = app.screens.take_top();
    if screen.returned(app) {
        app.screens.put_back(screen, false);
    }
    true
}

/// The shared rule of the full pages (review, journal, charts, an extracts
/// query) for actions that are not their own: quitting, help, the palette,
/// undo and redo work as anywhere; moving to a pane or a document closes
/// the page first. None: the page's own.
pub fn page_rule(app: &mut App, action: Action) -> Option<Step> {
    Some(match action {
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
        | Action::MessageLog => Step::Pass,
        Action::NextPane
        | Action::PrevPane
        | Action::FocusTranscript
        | Action::FocusCodebook
        | Action::FocusThemes
        | Action::OpenDocument
        | Action::SearchProject
        | Action::ProjectMemo => {
            // The page's message ("reviewing ...") is no longer true; the
            // log keeps it.
            app.say("", Tone::Info);
            Step::CloseAndPass
        }
        Action::Back => {
            app.say("", Tone::Info);
            Step::Close(Vec::new())
        }
        Action::ShowJournal => {
            // The journal takes the page's place (`open` saw the panes on
            // top while the page was off the stack to run this).
            journal::open(app);
            Step::Close(Vec::new())
        }
        Action::ReviewTheme => {
            super::refactor_pick::review_picker(app);
            Step::Stay(Vec::new())
        }
        _ => return None,
    })
}

/// The part of the terminal `area` above the status line.
pub fn above_status(area: Rect) -> Rect {
    Rect {
        height: area.height.saturating_sub(1),
        ..area
    }
}

/// Keys bound to `action` in `context` (or globally), as "s" or "esc q".
/// A screen's footer: each action's keys as bound in `context`, then what
/// it does, as " j jump · esc q back ".
pub fn footer(app: &App, context: Context, entries: &[(Action, &str)]) -> String {
    let parts: Vec<String> = entries
        .iter()
        .map(|(action, what)| format!("{} {what}", keys_in(app, context, *action)))
        .collect();
    format!(" {} ", parts.join(" · "))
}

pub fn keys_in(app: &App, context: Context, action: Action) -> String {
    app.keymap
        .keys_for(context, &action)
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}
