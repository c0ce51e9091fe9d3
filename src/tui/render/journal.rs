//! The decision journal page: one entry per paragraph, newest first.

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::journal::{JournalView, newest_first, short_time};
use crate::tui::page::keys_in;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

pub fn render(app: &App, view: &JournalView, frame: &mut Frame, area: Rect) {
    let p = &app.palette;
    let dim = Style::new().fg(p.dim);
    let title = format!(
        " Decision journal · {} · newest first ",
        crate::text::count(app.project.journal.len(), "entry", "entries")
    );
    let footer = format!(
        " {} scroll · {} back ",
        keys_in(app, "journal", Action::MoveDown),
        keys_in(app, "journal", Action::Back)
    );
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Style::new().fg(p.border_focused))
        .title(Span::styled(
            title,
            Style::new().fg(p.accent).add_modifier(Modifier::BOLD),
        ))
        .title_bottom(Span::styled(footer, dim));
    let mut lines: Vec<Line> = Vec::new();
    if app.project.journal.is_empty() {
        lines.push(Line::styled(
            "nothing journaled yet: merges, splits, moves, deletions and status changes are recorded here",
            dim,
        ));
    }
    for entry in newest_first(app).skip(view.top) {
        lines.push(Line::from(vec![
            Span::styled(format!("{}  ", short_time(&entry.when)), dim),
            Span::styled(format!("{}  ", entry.who), Style::new().fg(p.speaker)),
            Span::raw(entry.what.clone()),
        ]));
        if !entry.why.trim().is_empty() {
            lines.push(Line::from(vec![
                Span::styled("    why: ", Style::new().fg(p.accent)),
                Span::raw(entry.why.clone()),
            ]));
        }
        if lines.len() > usize::from(area.height) {
            break;
        }
    }
    let text = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block);
    frame.render_widget(text, area);
}
