//! The event loop: read events, turn them into actions, run the effects
//! (save each edit at once, suspend for $EDITOR), draw when something changed.

use super::app::{App, Effect, Tone};
use super::loading::{self, Arrived};
use super::{input, memo, render, terminal};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event;
use std::time::{Duration, Instant};

pub fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    signals: &terminal::Signals,
) -> anyhow::Result<()> {
    let mut dirty = true;
    // A project held in memory only has no disk to watch; nor has the
    // resolver before the project it holds back opens.
    let mut watch = None;
    let mut drawn_at = Instant::now();
    loop {
        // The whole project, read in the background (see `loading`).
        match loading::tick(app) {
            Arrived::NotYet => {}
            Arrived::Ready { effects, replay } => {
                dirty = true;
                if run_effects(terminal, app, effects)? {
                    return Ok(());
                }
                for event in replay {
                    let effects = input::handle_event(app, event);
                    if run_effects(terminal, app, effects)? {
                        return Ok(());
                    }
                }
            }
            Arrived::Refused(problem) => return Err(anyhow::anyhow!(problem)),
        }
        if watch.is_none()
            && let Some(root) = app.session.root()
        {
            watch = Some(super::reload::Watch::start(
                root,
                super::reload::CHECK_EVERY,
            ));
        }
        if signals.stopped() {
            return Ok(());
        }
        if signals.take_suspend() {
            terminal::suspend(terminal)?;
            dirty = true;
        }
        if dirty {
            terminal.draw(|frame| render::render(app, frame))?;
            dirty = false;
            drawn_at = Instant::now();
        }
        // Long work goes on a step at a time while no key waits; else wake
        // up now and then to notice a termination signal, or often while
        // the project is read.
        let busy = app.job.as_ref().is_some_and(|job| !job.waiting());
        let wait = if busy {
            Duration::ZERO
        } else if loading::is_loading(app) {
            Duration::from_millis(10)
        } else {
            Duration::from_millis(100)
        };
        if !event::poll(wait)? {
            dirty |= super::jobs::step(app);
            // Idle: take what the watcher thread noticed on disk.
            if let (false, Some(watch)) = (busy, watch.as_mut()) {
                dirty |= super::reload::tick(app, watch);
            }
            // The loading line's clock moves a few times a second.
            dirty |= loading::is_loading(app) && drawn_at.elapsed() >= Duration::from_millis(250);
            continue;
        }
        // Drain what is queued, then draw once.
        loop {
            let effects = input::handle_event(app, event::read()?);
            if run_effects(terminal, app, effects)? {
                return Ok(());
            }
            if !event::poll(Duration::ZERO)? {
                break;
            }
        }
        dirty = true;
    }
}

/// Runs effects; returns true when the workbench should close.
fn run_effects(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    effects: Vec<Effect>,
) -> anyhow::Result<bool> {
    for effect in effects {
        match effect {
            Effect::Quit => return Ok(true),
            Effect::Save(edit) => save(app, *edit),
            Effect::Reload(mode) => super::reload::run(app, mode),
            Effect::Copy(text) => super::copy::to_clipboard(app, &text),
            Effect::Fail(problem) => anyhow::bail!(problem),
            Effect::EditConflict => {
                let Some(text) = super::screens::resolver::edit_text(app) else {
                    continue;
                };
                let edited = terminal::edit_in_editor(terminal, &text)?;
                let more = super::screens::resolver::edited(app, edited);
                if run_effects(terminal, app, more)? {
                    return Ok(true);
                }
            }
            Effect::EditInEditor(subject) => {
                let before = memo::text_of(app, &subject);
                match terminal::edit_in_editor(terminal, &before)? {
                    terminal::Edited::Text(text) => {
                        let more = memo::save(app, &subject, text);
                        if run_effects(terminal, app, more)? {
                            return Ok(true);
                        }
                    }
                    terminal::Edited::Failed => {
                        app.say("the editor failed; the memo is unchanged", Tone::Error)
                    }
                    terminal::Edited::NotUtf8 { kept } => app.say(
                        format!(
                            "memo not saved: the editor saved text that is not UTF-8; what you wrote is kept in {}",
                            kept.display()
                        ),
                        Tone::Error,
                    ),
                }
            }
        }
    }
    Ok(false)
}

/// Persists one applied edit through the session. A failure keeps the edit
/// in memory, listed as unsaved, and says so loudly; ctrl-s tries again.
pub(super) fn save(app: &mut App, edit: crate::edit::Edit) {
    let done = app.status.text.clone();
    match app.session.persist(&app.project, &edit) {
        Ok(report) => {
            let mut files: Vec<String> = report.written.clone();
            files.extend(report.removed.iter().map(|f| format!("removed {f}")));
            let files = match files.as_slice() {
                [] => "nothing to write".to_string(),
                [one] => one.clone(),
                [first, rest @ ..] => format!("{first} +{} more", rest.len()),
            };
            app.say(format!("saved: {done} ({files})"), Tone::Ok);
        }
        Err(err) => {
            app.say(
                format!("NOT SAVED: {err}. The edit is kept in memory; ctrl-s retries"),
                Tone::Error,
            );
            if let crate::store::StoreError::ChangedOnDisk(path) = &err {
                let root = app.session.root().unwrap_or(std::path::Path::new(""));
                let rel = path.strip_prefix(root).unwrap_or(path);
                let rel = rel.to_string_lossy().replace('\\', "/");
                super::reload::offer(app, Some(rel));
            }
        }
    }
}
