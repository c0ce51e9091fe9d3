//! The message log: every message of the session, newest at the bottom, so
//! one cut short on the status line (or replaced by the next) can be read.

use super::popup::{bound, centred, footer_key, letter_key, popup, wrapped};
use super::{Overlay, OverlayKind};
use crate::tui::action::Action;
use crate::tui::app::{App, Effect};
use crate::tui::keymap::Context;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyEvent, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

impl OverlayKind {
    pub const MESSAGES: OverlayKind = OverlayKind {
        name: "messages",
        badge: "LOG",
    };
}

/// The log, scrolled back from the newest message by `scroll` messages.
#[derive(Clone, Debug, Default)]
pub struct Messages {
    pub scroll: u16,
}

impl Overlay for Messages {
    fn kind(&self) -> OverlayKind {
        OverlayKind::MESSAGES
    }

    fn keys(mut self: Box<Self>, app: &mut App, key: KeyEvent) -> Vec<Effect> {
        // Scrolled back from the newest: up goes to older messages.
        let scroll = self.scroll;
        let scroll = match bound(app, Context::Viewer, &key) {
            // The key that opened the log closes it too.
            Some(Action::Back | Action::MessageLog) => return Vec::new(),
            Some(Action::MoveUp) => scroll.saturating_add(1),
            Some(Action::MoveDown) => scroll.saturating_sub(1),
            Some(Action::PageUp) => scroll.saturating_add(10),
            Some(Action::PageDown) => scroll.saturating_sub(10),
            Some(Action::Top) => u16::MAX,
            Some(Action::Bottom) => 0,
            _ => scroll,
        };
        let most = u16::try_from(app.messages.len().saturating_sub(1)).unwrap_or(u16::MAX);
        self.scroll = scroll.min(most);
        app.overlay = Some(self);
        Vec::new()
    }

    /// The wheel scrolls three messages at a time; up goes to older ones.
    fn mouse(&mut self, app: &mut App, mouse: MouseEvent) {
        let most = u16::try_from(app.messages.len().saturating_sub(1)).unwrap_or(u16::MAX);
        self.scroll = match mouse.kind {
            MouseEventKind::ScrollUp => self.scroll.saturating_add(3),
            MouseEventKind::ScrollDown => self.scroll.saturating_sub(3),
            _ => return,
        }
        .min(most);
    }

    fn draw(&self, app: &App, frame: &mut Frame, area: Rect) {
        let (p, scroll) = (&app.palette, &self.scroll);
        let rect = centred(area, area.width.saturating_sub(4).min(120), area.height);
        frame.render_widget(Clear, rect);
        let key = |action| letter_key(app, Context::Viewer, action);
        let footer = format!(
            " {}/{} scroll · {}/{} oldest/newest · {} close ",
            key(Action::MoveDown),
            key(Action::MoveUp),
            key(Action::Top),
            key(Action::Bottom),
            footer_key(app, Context::Viewer, Action::Back)
        );
        let block = popup(
            app,
            format!(" Messages of this session ({}) ", app.messages.len()),
            &footer,
        );
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let width = usize::from(inner.width).saturating_sub(2);
        let mut lines: Vec<Line> = Vec::new();
        let shown = app.messages.len().saturating_sub(usize::from(*scroll));
        for crate::tui::app::Message { text, tone } in &app.messages[..shown] {
            let colour = match tone {
                crate::tui::app::Tone::Info => p.text,
                crate::tui::app::Tone::Ok => p.ok,
                crate::tui::app::Tone::Warning => p.warning,
                crate::tui::app::Tone::Error => p.error,
            };
            for (i, row) in wrapped(text, width).into_iter().enumerate() {
                let lead = if i == 0 { "• " } else { "  " };
                lines.push(Line::styled(
                    format!("{lead}{row}"),
                    Style::new().fg(colour),
                ));
            }
        }
        // Newest at the bottom, as a terminal scrolls.
        let skip = lines.len().saturating_sub(usize::from(inner.height));
        frame.render_widget(Paragraph::new(lines.split_off(skip)), inner);
    }

    fn scroll(&self) -> Option<usize> {
        Some(usize::from(self.scroll))
    }
}
