//! A yes-or-no question before a change that deserves one (deleting a code):
//! yes applies the edit it holds, no changes nothing.

use super::popup::{centred, popup};
use super::{Overlay, OverlayKind};
use crate::edit::Edit;
use crate::tui::action::Action;
use crate::tui::app::{App, Effect, Tone};
use crate::tui::keymap::{Context, Key};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Clear, Paragraph, Wrap};

impl OverlayKind {
    pub const CONFIRM: OverlayKind = OverlayKind {
        name: "confirm",
        badge: "CONFIRM",
    };
}

pub struct Confirm {
    pub message: String,
    // Boxed: an edit is large.
    pub edit: Box<Edit>,
}

/// Asks `message`; yes applies `edit`.
pub fn open(app: &mut App, message: String, edit: Edit) {
    super::open(
        app,
        Confirm {
            message,
            edit: Box::new(edit),
        },
    );
}

impl Overlay for Confirm {
    fn kind(&self) -> OverlayKind {
        OverlayKind::CONFIRM
    }

    fn keys(self: Box<Self>, app: &mut App, key: KeyEvent) -> Vec<Effect> {
        match app
            .keymap
            .lookup_only(Context::Confirm, Key::from_event(&key))
        {
            Some(Action::Confirm) => app.apply(*self.edit),
            Some(Action::Decline) => {
                app.say("nothing changed", Tone::Info);
                Vec::new()
            }
            _ => {
                app.overlay = Some(self);
                Vec::new()
            }
        }
    }

    fn draw(&self, app: &App, frame: &mut Frame, area: Rect) {
        let (message, p) = (&self.message, &app.palette);
        let rect = centred(area, 60, 7);
        frame.render_widget(Clear, rect);
        let footer = format!(
            " {} yes · {} no ",
            answer_key(app, Action::Confirm),
            answer_key(app, Action::Decline)
        );
        let block = popup(app, " Are you sure? ".into(), &footer);
        let text = Paragraph::new(message.clone())
            .wrap(Wrap { trim: true })
            .style(Style::new().fg(p.warning))
            .block(block);
        frame.render_widget(text, rect);
    }

    fn title(&self) -> Option<&str> {
        Some(&self.message)
    }
}

/// The key a question's footer names for an answer: a lowercase letter
/// (y, n) where one is bound, as the question itself says "(y/n)".
fn answer_key(app: &App, action: Action) -> String {
    let keys = app.keymap.keys_for(Context::Confirm, &action);
    keys.iter()
        .find(|k| {
            matches!(k.code, ratatui::crossterm::event::KeyCode::Char(c) if c.is_lowercase())
                && k.modifiers.is_empty()
        })
        .or(keys.first())
        .map_or_else(|| ":".to_string(), ToString::to_string)
}
