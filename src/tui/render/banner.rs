//! The read-only banner: shown across the foot of the screen, above the
//! status line (the panes keep their titles), while `margin check` finds
//! problems with the project, naming them, so that nobody codes on a project
//! that check rejects without knowing it.

use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

/// At most this many problems are named; the count says how many there are.
const SHOWN: usize = 3;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let problems = app.session.rejected();
    if problems.is_empty() || area.height < 3 {
        return;
    }
    let p = &app.palette;
    let style = if p.monochrome {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    } else {
        Style::new()
            .fg(p.status_bg)
            .bg(p.error)
            .add_modifier(Modifier::BOLD)
    };
    let mut lines = vec![Line::from(format!(
        " READ-ONLY: `margin check` finds {} problem(s); fix them, then ctrl-l reloads",
        problems.len()
    ))];
    lines.extend(
        problems
            .iter()
            .take(SHOWN)
            .map(|problem| Line::from(format!("  {problem}"))),
    );
    if problems.len() > SHOWN {
        lines.push(Line::from(format!(
            "  +{} more (margin check lists them all)",
            problems.len() - SHOWN
        )));
    }
    let height = (lines.len() as u16).min(area.height - 1);
    let rect = Rect {
        y: area.y + area.height - height,
        height,
        ..area
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).style(style), rect);
}
