//! The help screen: every key of the session, generated from the live key
//! table (see tui/help.rs), scrolled in a box.

use super::popup::{bound, centred, footer_key, letter_key, popup};
use super::{Overlay, OverlayKind};
use crate::tui::action::Action;
use crate::tui::app::{App, Effect};
use crate::tui::help::HelpLine;
use crate::tui::keymap::Context;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyEvent, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

impl OverlayKind {
    pub const HELP: OverlayKind = OverlayKind {
        name: "help",
        badge: "HELP",
    };
}

#[derive(Clone, Debug, Default)]
pub struct Help {
    pub scroll: u16,
}

impl Overlay for Help {
    fn kind(&self) -> OverlayKind {
        OverlayKind::HELP
    }

    fn keys(mut self: Box<Self>, app: &mut App, key: KeyEvent) -> Vec<Effect> {
        let scroll = self.scroll;
        self.scroll = match bound(app, Context::Viewer, &key) {
            // The key that opened help closes it too.
            Some(Action::Back | Action::Help) => return Vec::new(),
            Some(Action::MoveUp) => scroll.saturating_sub(1),
            Some(Action::MoveDown) => scroll.saturating_add(1),
            Some(Action::PageUp) => scroll.saturating_sub(10),
            Some(Action::PageDown) => scroll.saturating_add(10),
            Some(Action::Top) => 0,
            Some(Action::Bottom) => u16::MAX,
            _ => scroll,
        }
        // Stop at the last line: scrolling on into blank space hid where
        // the help ends and made the way back up as long.
        .min(crate::tui::help::max_scroll(app));
        app.overlay = Some(self);
        Vec::new()
    }

    /// The wheel scrolls three lines at a time, as in the panes.
    fn mouse(&mut self, app: &mut App, mouse: MouseEvent) {
        self.scroll = match mouse.kind {
            MouseEventKind::ScrollDown => self.scroll.saturating_add(3),
            MouseEventKind::ScrollUp => self.scroll.saturating_sub(3),
            _ => return,
        }
        .min(crate::tui::help::max_scroll(app));
    }

    fn draw(&self, app: &App, frame: &mut Frame, area: Rect) {
        let (p, scroll) = (&app.palette, &self.scroll);
        let (w, h) = crate::tui::help::box_size((area.width, area.height));
        let rect = centred(area, w, h);
        frame.render_widget(Clear, rect);
        let footer = footer(app);
        let block = popup(app, " Help: keys of this session ".into(), &footer);
        let width = usize::from(block.inner(rect).width);
        let lines: Vec<Line> = crate::tui::help::layout(app, width)
            .into_iter()
            .map(|line| match line {
                HelpLine::Title(title) => Line::styled(
                    title,
                    Style::new().fg(p.accent).add_modifier(Modifier::BOLD),
                ),
                HelpLine::Row(keys, description) => Line::from(vec![
                    Span::styled(format!("  {keys:<18} "), Style::new().fg(p.speaker)),
                    Span::raw(description),
                ]),
                HelpLine::Blank => Line::raw(""),
            })
            .collect();
        // The update clamps too, but the terminal may have grown since.
        let scroll = (*scroll).min(crate::tui::help::max_scroll(app));
        let text = Paragraph::new(lines).block(block).scroll((scroll, 0));
        frame.render_widget(text, rect);
    }

    fn scroll(&self) -> Option<usize> {
        Some(usize::from(self.scroll))
    }
}

/// " j/k scroll · g/G top/bottom · esc close ", with the keys as bound.
fn footer(app: &App) -> String {
    let key = |action| letter_key(app, Context::Viewer, action);
    format!(
        " {}/{} scroll · {}/{} top/bottom · {} close ",
        key(Action::MoveDown),
        key(Action::MoveUp),
        key(Action::Top),
        key(Action::Bottom),
        footer_key(app, Context::Viewer, Action::Back)
    )
}
