//! Turning terminal events into actions: keys through the keymap (or to the
//! open overlay), mouse clicks and wheel, and resizes.

use super::action::Action;
use super::app::{App, Effect, Pane, Tone};
use super::geometry::{inner, screen, transcript_columns};
use super::{transcript, update};
use crate::tui::keymap::Key;
use ratatui::crossterm::event::{
    Event, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect};

pub fn handle_event(app: &mut App, event: Event) -> Vec<Effect> {
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
    if app.agreement.is_some() {
        return super::agreement::handle_key(app, key);
    }
    let key = Key::from_event(&key);
    match app.keymap.lookup(super::page::context(app), key).copied() {
        // The cancel key stops long work first; other keys keep working.
        Some(Action::Cancel) if super::jobs::cancel(app) => Vec::new(),
        Some(action) => update::update(app, action),
        None => {
            let help = app.keys_label(Action::Help);
            app.say(
                format!("{key} does nothing here ({help} for help)"),
                Tone::Info,
            );
            Vec::new()
        }
    }
}

fn contains(rect: Option<Rect>, x: u16, y: u16) -> bool {
    rect.is_some_and(|r| r.contains(Position { x, y }))
}

fn handle_mouse(app: &mut App, mouse: MouseEvent) {
    if let Some(mut open) = app.overlay.take() {
        open.mouse(app, mouse);
        app.overlay.get_or_insert(open);
        return;
    }
    if app.agreement.is_some() {
        return;
    }
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let s = screen(area, app.focus);
    let (x, y) = (mouse.column, mouse.row);
    let pane = if contains(s.transcript, x, y) {
        Pane::Transcript
    } else if contains(s.codebook, x, y) {
        Pane::Codebook
    } else if contains(s.themes, x, y) {
        Pane::Themes
    } else {
        return;
    };
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => {
            app.focus = pane;
            click(app, pane, s, x, y);
        }
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            let down = mouse.kind == MouseEventKind::ScrollDown;
            match pane {
                Pane::Transcript => transcript::scroll_by(app, if down { 3 } else { -3 }),
                Pane::Codebook | Pane::Themes => {
                    let previous = app.focus;
                    app.focus = pane;
                    let action = if down {
                        Action::MoveDown
                    } else {
                        Action::MoveUp
                    };
                    update::update(app, action);
                    app.focus = previous;
                }
            }
        }
        _ => {}
    }
}

fn click(app: &mut App, pane: Pane, s: super::geometry::Screen, x: u16, y: u16) {
    match pane {
        Pane::Transcript => {
            let (Some(rect), Some(doc)) = (s.transcript, transcript::document(app)) else {
                return;
            };
            let inside = inner(rect);
            let cols = transcript_columns(inside.width, doc.index().line_count());
            let text_x = inside.x + cols.gutter;
            if y < inside.y || x < text_x {
                return;
            }
            let (text, index, layout) = (doc.text(), doc.index(), app.transcript.layout);
            let down = (y - inside.y) as isize;
            let Some(row) = layout.offset(text, index, app.transcript.top, down) else {
                return;
            };
            let col = usize::from(x - text_x);
            let pos = layout.pos_at(text, index, row, col);
            app.transcript.cursor = pos;
            app.transcript.goal_col = None;
            transcript::refresh(app);
        }
        Pane::Codebook => {
            let Some(rect) = s.codebook else { return };
            let inside = inner(rect);
            let filter_rows = u16::from(!app.codebook.filter.is_empty());
            let height = usize::from(inside.height.saturating_sub(filter_rows));
            let top = app
                .codebook
                .selected
                .saturating_sub(height.saturating_sub(1));
            if let Some(offset) = y.checked_sub(inside.y + filter_rows) {
                let index = top + usize::from(offset);
                if index < app.codebook.rows.len() {
                    app.codebook.selected = index;
                }
            }
        }
        Pane::Themes => {
            let Some(rect) = s.themes else { return };
            let inside = inner(rect);
            let height = usize::from(inside.height);
            let top = app.themes.selected.saturating_sub(height.saturating_sub(1));
            if let Some(offset) = y.checked_sub(inside.y) {
                let index = top + usize::from(offset);
                if index < app.themes.rows.len() {
                    app.themes.selected = index;
                }
            }
        }
    }
}
