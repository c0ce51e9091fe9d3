//! The reading pane under an extract list: the selected extract in full,
//! wrapped, under its attribution (document, speaker, lines, coders,
//! attributes); or the speaker turn around it with the extract set off.

use super::fit;
use crate::model::Document;
use crate::text::wrap::wrap_line;
use crate::tui::action::Action;
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// What to read: a range of a document, who coded it, and whether to show
/// its whole speaker turn.
pub struct Passage<'a> {
    pub doc: &'a Document,
    pub start: usize,
    pub end: usize,
    pub coders: &'a [String],
    pub whole_turn: bool,
}

/// "P1 · recovery worker, service A · P1 · line 13 · asha, ben · role: ..."
pub fn attribution(passage: &Passage) -> String {
    let doc = passage.doc;
    let mut parts = vec![doc.id.to_string()];
    if !doc.title().is_empty() && doc.title() != doc.id.as_str() {
        parts.push(doc.title().to_string());
    }
    if let Some(speaker) = doc.speaker_at(passage.start) {
        parts.push(format!("speaker {speaker}"));
    }
    let lines = doc.index().line_span(passage.start, passage.end);
    let word = if lines.contains('-') { "lines" } else { "line" };
    parts.push(format!("{word} {lines}"));
    if !passage.coders.is_empty() {
        parts.push(format!("coded by {}", passage.coders.join(", ")));
    }
    let attributes: Vec<String> = doc
        .record
        .attributes
        .iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .collect();
    if !attributes.is_empty() {
        parts.push(attributes.join(", "));
    }
    parts.join(" · ")
}

/// The passage as wrapped lines of `width` cells: attribution first (itself
/// wrapped), then the words. In a whole turn the extract is set off (bold and
/// underlined, which NO_COLOR keeps).
pub fn lines<'a>(app: &App, passage: &Passage, width: usize) -> Vec<Line<'a>> {
    let p = &app.palette;
    let doc = passage.doc;
    let (from, to) = if passage.whole_turn {
        crate::text::turn_at(doc.turns(), passage.start).map_or((passage.start, passage.end), |t| {
            (t.start.min(passage.start), t.end.max(passage.end))
        })
    } else {
        (passage.start, passage.end)
    };
    let mut out = Vec::new();
    let head = attribution(passage);
    for row in wrap_line(&head, width) {
        let text: String = head
            .chars()
            .skip(row.start)
            .take(row.end - row.start)
            .collect();
        out.push(Line::styled(text, Style::new().fg(p.dim)));
    }
    let marked = Style::new()
        .fg(p.accent)
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let plain = Style::new().fg(p.text);
    let mut offset = from;
    for line in doc.slice(from, to).split('\n') {
        let len = line.chars().count();
        for row in wrap_line(line, width) {
            let (a, b) = (offset + row.start, offset + row.end);
            let mut spans = Vec::new();
            // Up to three runs: before, inside and after the extract.
            let cuts = [a, passage.start.clamp(a, b), passage.end.clamp(a, b), b];
            for pair in cuts.windows(2) {
                if pair[0] < pair[1] {
                    let inside =
                        passage.whole_turn && pair[0] >= passage.start && pair[1] <= passage.end;
                    let style = if inside { marked } else { plain };
                    spans.push(Span::styled(
                        doc.slice(pair[0], pair[1])
                            .trim_end_matches('\n')
                            .to_string(),
                        style,
                    ));
                }
            }
            out.push(Line::from(spans));
        }
        offset += len + 1;
    }
    out
}

/// Draws a reading pane into `area`: a rule naming what it shows (`what`)
/// and, when the passage is taller than the pane, how much is hidden and
/// which keys of keymap `context` scroll it; then `lines` from `scroll`
/// (clamped so the last row stays at the bottom). Review mode and the
/// extract lists both draw their reading pane here.
pub fn draw(app: &App, frame: &mut Frame, area: Rect, pane: Pane, lines: Vec<Line>) {
    let [rule, below] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let width = usize::from(area.width);
    let rows = usize::from(below.height);
    let scroll = pane.scroll.min(lines.len().saturating_sub(rows));
    let hidden_below = lines.len().saturating_sub(scroll + rows);
    // The first key of each way only: "J ctrl-e/K ctrl-y" did not fit at 80.
    let first = |action| {
        app.keymap
            .keys_for(pane.context, &action)
            .first()
            .map_or_else(|| ":".to_string(), ToString::to_string)
    };
    let more = if hidden_below > 0 {
        format!(
            " · {hidden_below} more below, {}/{} scroll",
            first(Action::ReadingDown),
            first(Action::ReadingUp)
        )
    } else if scroll > 0 {
        format!(" · the end, {} scrolls back", first(Action::ReadingUp))
    } else {
        String::new()
    };
    let label = fit(&format!("── {}{more} ", pane.what), width);
    let fill = "─".repeat(width.saturating_sub(label.width()));
    frame.render_widget(
        Paragraph::new(Line::styled(
            format!("{label}{fill}"),
            Style::new().fg(app.palette.border),
        )),
        rule,
    );
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(rows).collect();
    frame.render_widget(Paragraph::new(shown), below);
}

/// What a reading pane shows and how far it is scrolled.
pub struct Pane {
    /// The keymap context whose keys scroll it (review, extracts).
    pub context: crate::tui::keymap::Context,
    /// "extract 3 of 12 · t its turn".
    pub what: String,
    /// Rows scrolled past (clamped when drawn).
    pub scroll: usize,
}
