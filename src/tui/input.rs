//! Turning terminal events into actions: keys through the keymap of the top
//! screen (or to the open overlay), the mouse to the top screen, resizes.

use super::action::Action;
use super::app::{App, Effect};
use super::{transcript, update};
use crate::tui::keymap::Key;
use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind, MouseEvent};

pub fn handle_event(app: &mut App, event: Event) -> Vec<Effect> {
    // While the project is read, most keys wait for it (see `loading`).
    if super::loading::is_loading(app) {
        return super::loading::handle_event(app, event);
    }
    handle_now(app, event)
}

/// Handles an event at once, loading or not.
pub fn handle_now(app: &mut App, event: Event) -> Vec<Effect> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => handle_key(app, key),
        Event::Mouse(mouse) => {
            handle_mouse(app, mouse);
            Vec::new()
        }
        Event::Resize(w, h) => {
            resize(app, (w, h));
            Vec::new()
        }
        _ => Vec::new(),
    }
}

pub fn resize(app: &mut App, size: (u16, u16)) {
    app.size = size;
    transcript::refresh(app);
}

pub fn handle_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    if let Some(open) = app.overlay.take() {
        return open.keys(app, key);
    }
    let key = Key::from_event(&key);
    let context = app.screens.top().context(app);
    match app.keymap.lookup(context, key).copied() {
        // The cancel key stops long work first; other keys keep working.
        Some(Action::Cancel) if super::jobs::cancel(app) => Vec::new(),
        Some(action) => update::update(app, action),
        None => {
            super::screens::unbound(app, key);
            Vec::new()
        }
    }
}

/// The mouse goes to the top screen, unless an overlay is open.
fn handle_mouse(app: &mut App, mouse: MouseEvent) {
    if let Some(mut open) = app.overlay.take() {
        open.mouse(app, mouse);
        app.overlay.get_or_insert(open);
    } else {
        super::screens::mouse(app, mouse);
    }
}
