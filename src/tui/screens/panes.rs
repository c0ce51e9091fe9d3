//! The three panes (transcript, codebook, theme tree): the screen at the
//! bottom of the stack. Their keys are the workbench's own (see `update`,
//! which runs them after the keys that work everywhere), so this screen
//! passes every action on; it owns the panes' drawing and the mouse.

use super::{Screen, Step};
use crate::tui::action::Action;
use crate::tui::app::{App, Pane};
use crate::tui::geometry::{self, inner, transcript_columns};
use crate::tui::keymap::Context;
use crate::tui::{transcript, update};
use ratatui::Frame;
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

/// The panes, as the focus and their views in `App` have them.
pub struct Panes;

impl Screen for Panes {
    fn context(&self, app: &App) -> Context {
        app.focus.context()
    }

    fn title(&self, app: &App) -> &'static str {
        match app.focus {
            Pane::Transcript if app.transcript.anchor.is_some() => {
                if app.transcript.linewise {
                    "V-LINE"
                } else {
                    "VISUAL"
                }
            }
            _ => "NORMAL",
        }
    }

    fn act(&mut self, _app: &mut App, _action: Action) -> Step {
        Step::Pass
    }

    fn mouse(&mut self, app: &mut App, mouse: MouseEvent) {
        handle_mouse(app, mouse);
    }

    fn draw(&self, app: &App, frame: &mut Frame, area: Rect) {
        crate::tui::render::panes(app, frame, &geometry::screen(area, app.focus));
    }
}

fn contains(rect: Option<Rect>, x: u16, y: u16) -> bool {
    rect.is_some_and(|r| r.contains(Position { x, y }))
}

fn handle_mouse(app: &mut App, mouse: MouseEvent) {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let s = geometry::screen(area, app.focus);
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

fn click(app: &mut App, pane: Pane, s: geometry::Screen, x: u16, y: u16) {
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
