//! The decision journal, newest first: who did what to the codebook and the
//! theme tree, when, and why (journal.ron, read-only here; undo removes an
//! entry with the edit that made it). One entry per paragraph; its keys are
//! the keymap's "journal" context (motions scroll, from "global").

use super::{Screen, Step, page_rule};
use crate::model::JournalEntry;
use crate::tui::action::Action;
use crate::tui::app::{App, Tone};
use crate::tui::keymap::Context;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr as _;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JournalView {
    /// The first entry shown (0 = the newest).
    pub top: usize,
}

/// Opens the journal, saying how long it is.
pub fn open(app: &mut App) {
    super::open(app, Box::new(JournalView::default()));
    let n = app.project.journal.len();
    app.say(
        format!(
            "decision journal: {}, newest first",
            crate::text::count(n, "entry", "entries")
        ),
        Tone::Info,
    );
}

/// The entries, newest first.
pub fn newest_first(app: &App) -> impl Iterator<Item = &JournalEntry> {
    app.project.journal.iter().rev()
}

/// "2026-11-24 09:15" from an RFC 3339 time; other text as it is.
pub fn short_time(when: &str) -> String {
    match when.split_once('T') {
        Some((date, time)) => format!("{date} {}", time.get(..5).unwrap_or(time)),
        None => when.to_string(),
    }
}

impl Screen for JournalView {
    fn context(&self, _app: &App) -> Context {
        Context::Journal
    }

    fn title(&self, _app: &App) -> &'static str {
        "JOURNAL"
    }

    fn act(&mut self, app: &mut App, action: Action) -> Step {
        if let Some(step) = page_rule(app, action) {
            return step;
        }
        let len = app.project.journal.len();
        let page = usize::from(app.size.1.saturating_sub(4)).max(1) / 2;
        match action {
            Action::Cancel => return Step::Close(Vec::new()),
            _ => {
                if let Some(top) = action.list_motion(self.top, len, page.max(1)) {
                    self.top = top;
                }
            }
        }
        Step::Stay(Vec::new())
    }

    fn draw(&self, app: &App, frame: &mut Frame, area: Rect) {
        render(app, self, frame, super::above_status(area));
    }
}

fn render(app: &App, view: &JournalView, frame: &mut Frame, area: Rect) {
    let p = &app.palette;
    let dim = Style::new().fg(p.dim);
    let title = format!(
        " Decision journal · {} · newest first ",
        crate::text::count(app.project.journal.len(), "entry", "entries")
    );
    let footer = super::footer(
        app,
        Context::Journal,
        &[(Action::MoveDown, "scroll"), (Action::Back, "back")],
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
    let width = usize::from(area.width.saturating_sub(2)).max(1);
    for entry in newest_first(app).skip(view.top) {
        let head = vec![
            Span::styled(format!("{}  ", short_time(&entry.when)), dim),
            Span::styled(format!("{}  ", entry.who), Style::new().fg(p.speaker)),
        ];
        lines.extend(hanging(head, &entry.what, width, 4));
        if !entry.why.trim().is_empty() {
            let head = vec![Span::styled("    why: ", Style::new().fg(p.accent))];
            lines.extend(hanging(head, entry.why.trim(), width, 9));
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

/// `head` then `text`, wrapped to `width` with later rows indented by
/// `indent`, so the date and "why:" stay the left edge one scans down
/// (wrapped text ran back to the border and hid where entries start).
fn hanging<'a>(head: Vec<Span<'a>>, text: &str, width: usize, indent: usize) -> Vec<Line<'a>> {
    let used: usize = head.iter().map(|s| s.content.width()).sum();
    let mut out = Vec::new();
    let mut rest: Vec<String> = Vec::new();
    let first_room = width.saturating_sub(used).max(1);
    let rows = crate::text::wrap::wrap_line(text, first_room);
    let first = rows
        .first()
        .map_or(String::new(), |r| slice(text, r.start, r.end));
    let after = rows.first().map_or(0, |r| r.end);
    let tail: String = text.chars().skip(after).collect();
    if !tail.is_empty() {
        let room = width.saturating_sub(indent).max(1);
        for row in crate::text::wrap::wrap_line(&tail, room) {
            rest.push(slice(&tail, row.start, row.end));
        }
    }
    let mut spans = head;
    spans.push(Span::raw(first));
    out.push(Line::from(spans));
    out.extend(
        rest.into_iter()
            .map(|row| Line::raw(format!("{}{}", " ".repeat(indent), row.trim_start()))),
    );
    out
}

fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[cfg(test)]
mod tests {
    use super::short_time;

    #[test]
    fn times_read_to_the_minute() {
        assert_eq!(short_time("2026-11-24T09:15:42Z"), "2026-11-24 09:15");
        assert_eq!(short_time("yesterday"), "yesterday");
    }
}
