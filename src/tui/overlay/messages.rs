//! The message log: every message of the session, newest at the bottom, so
//! one cut short on the status line (or replaced by the next) can be read.

use super::popup::{centred, popup, wrapped};
use super::{Overlay, OverlayKind};
use crate::tui::app::{App, Effect};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
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
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let mut scroll = self.scroll;
        match key.code {
            KeyCode::Char('g') if ctrl => return Vec::new(),
            KeyCode::Esc | KeyCode::Char('q') | KeyCode::Enter => return Vec::new(),
            KeyCode::Up | KeyCode::Char('k') => scroll = scroll.saturating_add(1),
            KeyCode::Down | KeyCode::Char('j') => scroll = scroll.saturating_sub(1),
            KeyCode::PageUp => scroll = scroll.saturating_add(10),
            KeyCode::PageDown | KeyCode::Char(' ') => scroll = scroll.saturating_sub(10),
            KeyCode::Home | KeyCode::Char('g') => scroll = u16::MAX,
            KeyCode::End | KeyCode::Char('G') => scroll = 0,
            _ => {}
        }
        let most = u16::try_from(app.messages.len().saturating_sub(1)).unwrap_or(u16::MAX);
        self.scroll = scroll.min(most);
        app.overlay = Some(self);
        Vec::new()
    }

    fn draw(&self, app: &App, frame: &mut Frame, area: Rect) {
        let (p, scroll) = (&app.palette, &self.scroll);
        let rect = centred(area, area.width.saturating_sub(4).min(120), area.height);
        frame.render_widget(Clear, rect);
        let block = popup(
            app,
            format!(" Messages of this session ({}) ", app.messages.len()),
            " j/k scroll · g/G oldest/newest · esc close ",
        );
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let width = usize::from(inner.width).saturating_sub(2);
        let mut lines: Vec<Line> = Vec::new();
        let shown = app.messages.len().saturating_sub(usize::from(*scroll));
        for (text, tone) in &app.messages[..shown] {
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
