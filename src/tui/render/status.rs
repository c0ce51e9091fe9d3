//! The status line: mode, the latest message, then the project's title (when
//! it fits), document and position, and coder. Unsaved edits are shown loudly
//! until they are saved.

use crate::tui::app::{App, Tone};
use crate::tui::transcript::document;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// Cells kept between the message and the title.
const TITLE_GAP: usize = 2;
/// Below this many cells a shortened title says too little to be worth it.
const TITLE_MIN: usize = 12;

/// The mode badge: what the keys do now.
pub fn mode(app: &App) -> &'static str {
    match &app.overlay {
        Some(overlay) => overlay.kind().badge,
        None => app.screens.top().title(app),
    }
}

pub fn render(app: &App, frame: &mut Frame, rect: Rect) {
    let p = &app.palette;
    let bar = Style::new().fg(p.status_fg).bg(p.status_bg);
    let badge = if p.monochrome {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    } else {
        Style::new()
            .fg(p.mode_fg)
            .bg(p.mode_bg)
            .add_modifier(Modifier::BOLD)
    };
    let mut spans = vec![
        Span::styled(format!(" {} ", mode(app)), badge),
        Span::raw(" "),
    ];
    if !app.session.unsaved().is_empty() {
        let loud = if p.monochrome {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::new()
                .fg(p.status_bg)
                .bg(p.error)
                .add_modifier(Modifier::BOLD)
        };
        spans.push(Span::styled(
            format!(" {} UNSAVED (ctrl-s retries) ", app.session.unsaved().len()),
            loud,
        ));
        spans.push(Span::raw(" "));
    }
    // Where and who, on the right; the message gets the room that is left.
    let place = match document(app) {
        Some(doc) => {
            let (line, _) = doc.index().line_col(app.transcript.cursor);
            format!("{} {line}/{}", doc.id, doc.index().line_count())
        }
        None => "no document".to_string(),
    };
    let layer = crate::tui::layers::status_label(app);
    let mut right = format!(" {place} │ {}{layer} ", app.coder);
    let used: usize = spans.iter().map(|s| s.width()).sum();
    let mut room = usize::from(rect.width).saturating_sub(used + right.width() + 1);
    let crate::tui::app::Message { text, tone } = &app.status;
    // The project's title takes what the message leaves, shortened to fit,
    // and goes first when space is short: the message may say what failed.
    let spare = room.saturating_sub(text.width() + TITLE_GAP + " │".width());
    if spare >= TITLE_MIN && !app.title().trim().is_empty() {
        let title = super::fit(app.title().trim(), spare);
        right = format!(" {title} │{right}");
        room = usize::from(rect.width).saturating_sub(used + right.width() + 1);
    }
    let colour = match tone {
        Tone::Info => p.status_fg,
        Tone::Ok => p.ok,
        Tone::Warning => p.warning,
        Tone::Error => p.error,
    };
    let mut message = Style::new().fg(colour).bg(p.status_bg);
    if *tone == Tone::Error {
        message = message.add_modifier(Modifier::BOLD);
    }
    // A message cut short ends in "…"; the message log (help says which
    // key) holds it whole. A hint here would cost the message its words.
    let text = super::fit(text, room);
    let pad = room.saturating_sub(text.width()) + 1;
    spans.push(Span::styled(text, message));
    spans.push(Span::styled(" ".repeat(pad), bar));
    spans.push(Span::styled(right, Style::new().fg(p.dim).bg(p.status_bg)));
    frame.render_widget(Paragraph::new(Line::from(spans)).style(bar), rect);
}
