//! The workbench while the project loads (see `session::first_look`): the
//! document the analyst left off at is on screen at once, read alone; the
//! rest is read in the background. Keys that only read what is on screen
//! (moving, scrolling, selecting, changing pane) act at once; anything else
//! (coding, opening a picker, searching) waits, in order, and runs the
//! moment the whole project is in, so nothing typed is lost. A line above
//! the status line says so until then.

use super::action::Action;
use super::app::{App, Effect, Tone};
use super::keymap::Key;
use crate::config::resume::Resume;
use crate::model::DocId;
use crate::session::{Arrival, Opened};
use ratatui::Frame;
use ratatui::crossterm::event::Event;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};
use std::path::Path;

/// The background read and what waits for it.
#[derive(Debug)]
pub struct Loading {
    read: crate::session::Loading,
    /// Events that wait for the whole project, oldest first.
    queued: Vec<Event>,
    /// What opening does, should the read find only merge conflicts (the
    /// resolver, then opening as usual).
    opening: super::opening::Opening,
}

/// Actions that only read what is on screen: safe on the one document read.
const READING: &[Action] = &[
    Action::Quit,
    Action::NextPane,
    Action::PrevPane,
    Action::FocusTranscript,
    Action::FocusCodebook,
    Action::FocusThemes,
    Action::MoveLeft,
    Action::MoveRight,
    Action::MoveUp,
    Action::MoveDown,
    Action::WordForward,
    Action::WordBackward,
    Action::WordEnd,
    Action::LineStart,
    Action::LineEnd,
    Action::PrevTurn,
    Action::NextTurn,
    Action::NextSentence,
    Action::PrevSentence,
    Action::PageUp,
    Action::PageDown,
    Action::Top,
    Action::Bottom,
    Action::Select,
    Action::SelectLines,
    Action::Cancel,
    Action::ToggleFold,
];

/// How the background read ended, for the event loop.
pub enum Arrived {
    /// Still reading (or nothing was being read).
    NotYet,
    /// The whole project is in: run `effects`, then `replay` the events
    /// that waited, as if they came now. Or only merge conflicts stop it:
    /// the resolver is on screen, and the keys typed for the project are
    /// dropped rather than taken as decisions.
    Ready {
        effects: Vec<Effect>,
        replay: Vec<Event>,
    },
    /// It does not load: the workbench closes and says why (the file, line
    /// and column, as a refusal before the screen does).
    Refused(String),
}

/// Starts the workbench on the one document read, `read` reading the rest.
pub fn start(
    app: &mut App,
    read: crate::session::Loading,
    resume: Resume,
    opening: super::opening::Opening,
) {
    // Kept as they were for documents not read yet, so leaving now forgets
    // no place (`resume::capture` saves what these hold).
    for (doc, position) in &resume.positions {
        app.transcript
            .positions
            .entry(DocId::new(doc))
            .or_insert(*position);
    }
    app.loading = Some(Loading {
        read,
        queued: Vec::new(),
        opening,
    });
}

/// Whether the project is still being read.
pub fn is_loading(app: &App) -> bool {
    app.loading.is_some()
}

/// Handles an event while loading: a reading key acts now (unless others
/// wait before it, to keep their order); anything else waits.
pub fn handle_event(app: &mut App, event: Event) -> Vec<Effect> {
    let Some(loading) = &app.loading else {
        return super::input::handle_now(app, event);
    };
    let now = match &event {
        Event::Resize(..) | Event::FocusGained | Event::FocusLost => true,
        Event::Key(key) if loading.queued.is_empty() => app
            .keymap
            .lookup(app.focus.context(), Key::from_event(key))
            .is_some_and(|action| READING.contains(action)),
        _ => false,
    };
    if now {
        return super::input::handle_now(app, event);
    }
    if let Some(loading) = &mut app.loading {
        loading.queued.push(event);
    }
    Vec::new()
}

/// Takes the background read if it is done: installs the whole project
/// (keeping the view), does what opening does, and hands back what waited.
pub fn tick(app: &mut App) -> Arrived {
    let Some(loaded) = app.loading.as_ref().and_then(|l| l.read.try_take()) else {
        return Arrived::NotYet;
    };
    let Some(loading) = app.loading.take() else {
        return Arrived::NotYet;
    };
    let root = loading.read.root.clone();
    let root = root.as_path();
    match loaded.opened {
        Opened::Ready(ready) => {
            let (project, session) = *ready;
            let documents = project.documents.len();
            let Some(arrival) = loaded.arrival else {
                return Arrived::Refused(format!(
                    "{}: the project was read without what opening finds",
                    root.display()
                ));
            };
            let said_before = app.status.clone();
            let effects = install(app, root, project, session, arrival);
            // Said unless opening said something (or config problems were).
            if app.status == said_before && app.status.tone == Tone::Info {
                app.say(
                    format!(
                        "{} read in {:.1} s; {} for help",
                        crate::text::count(documents, "document", "documents"),
                        loaded.took.as_secs_f64(),
                        app.keys_label(Action::Help)
                    ),
                    Tone::Info,
                );
            }
            Arrived::Ready {
                effects,
                replay: loading.queued,
            }
        }
        Opened::OnlyConflicts { files, lock } => match loading.opening.resolver(files, lock) {
            Some(resolver) => {
                app.screens = super::screens::Screens::on(Box::new(resolver));
                Arrived::Ready {
                    effects: Vec::new(),
                    replay: Vec::new(),
                }
            }
            None => Arrived::Refused(format!(
                "{}: merge conflicts were reported but none found",
                root.display()
            )),
        },
        Opened::Refused(err) => Arrived::Refused(err.in_folder(root)),
    }
}

/// Puts the whole project in place of the one document read, keeping the
/// view (the document, cursor, selection, focus, folds are the same), then
/// does what opening a project does, with what the read worked out ahead.
fn install(
    app: &mut App,
    root: &Path,
    project: crate::model::Project,
    session: crate::session::Session,
    arrival: Arrival,
) -> Vec<Effect> {
    app.project = project;
    app.session = session;
    app.counts = arrival.counts;
    // Places kept for documents not read yet (see `start`): those that are
    // gone are forgotten, the others fitted to their text.
    let documents = &app.project.documents;
    app.transcript
        .positions
        .retain(|id, position| match documents.get(id) {
            Some(d) => {
                *position = (*position).min(d.char_len());
                true
            }
            None => false,
        });
    app.after_change();
    let effects = super::unplaced::on_open_with(
        app,
        root,
        arrival.followed,
        Some((arrival.reanchor, arrival.split_notices)),
    );
    if effects.is_empty() {
        // Worked out on the project as read, which opening left unchanged.
        app.session.set_rejected(arrival.problems);
    } else {
        super::reload::recheck(app);
    }
    effects
}

/// The line above the status line while loading.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let Some(loading) = &app.loading else {
        return;
    };
    if area.height < 2 {
        return;
    }
    let waiting = if loading.queued.is_empty() {
        String::new()
    } else {
        format!(
            " · {} waiting",
            crate::text::count(loading.queued.len(), "key", "keys")
        )
    };
    let text = format!(
        " loading the project: {} · {:.1} s · keys that change it wait{waiting} ",
        crate::text::count(loading.read.documents, "document", "documents"),
        loading.read.started.elapsed().as_secs_f64(),
    );
    let p = &app.palette;
    let style = if p.monochrome {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new().fg(p.background).bg(p.accent)
    };
    let rect = Rect {
        y: area.y + area.height - 1,
        height: 1,
        ..area
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(Line::from(text)).style(style), rect);
}
