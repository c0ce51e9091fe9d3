//! The transcript pane: line numbers, speaker labels set off, coded passages
//! in their code's colour, selection, search hits, cursor, and the coding-
//! stripe margin that names the codes covering each visible row.

use super::pane_block;
use crate::model::{CodeId, CodingRef, Document};
use crate::text::layout::VisualRow;
use crate::text::wrap::glyphs;
use crate::tui::app::{App, Pane};
use crate::tui::geometry::{TranscriptColumns, transcript_columns};
use crate::tui::transcript::document;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, frame: &mut Frame, rect: Rect) {
    let Some(doc) = document(app) else {
        let block = pane_block(app, Pane::Transcript, " Transcript ".into());
        let hint = "No documents yet. Import transcripts with: margin import DIR FILE.txt";
        frame.render_widget(Paragraph::new(hint).block(block), rect);
        return;
    };
    let title = if doc.title() == doc.id.as_str() || doc.title().is_empty() {
        format!(" {} ", doc.id)
    } else {
        format!(" {} · {} ", doc.id, doc.title())
    };
    let mut codings = app.project.codings_in(&doc.id);
    // An unplaced coding marks where its words were; it covers no text.
    // Nor is a coding of a code the project does not have (after a merge,
    // until the analyst decides).
    codings.retain(|r| {
        !r.coding.is_unplaced()
            && app.project.codes.contains_key(&r.coding.code)
            && crate::tui::layers::shows(app, r.coder)
    });
    let tags = crate::tui::stripe_tags::code_tags(&app.project);
    let view = &app.transcript;
    let cursor_line = doc.index().line_of_char(view.cursor);
    let line_span = (
        doc.index().line_start(cursor_line),
        doc.index().line_end(cursor_line),
    );
    let block = pane_block(
        app,
        Pane::Transcript,
        super::fit(&title, rect.width as usize),
    )
    .title_bottom(legend(
        app,
        &codings,
        line_span,
        &tags,
        usize::from(rect.width.saturating_sub(4)),
    ));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let cols = transcript_columns(inner.width, doc.index().line_count());
    let compare = crate::tui::layers::compare(app);
    let buf = frame.buffer_mut();
    let rows = view
        .layout
        .rows_from(doc.text(), doc.index(), view.top, usize::from(inner.height));
    for (i, row) in rows.iter().enumerate() {
        let y = inner.y + i as u16;
        let covering: Vec<&CodingRef> = codings
            .iter()
            .filter(|r| r.coding.overlaps(row.start, row.end.max(row.start + 1)))
            .collect();
        render_gutter(app, buf, inner.x, y, cols, row, row.line == cursor_line);
        let text_x = inner.x + cols.gutter;
        render_row(app, doc, buf, (text_x, y), cols.text, row, &covering);
        if cols.stripes > 0 {
            let x = text_x + cols.text + 1;
            match compare {
                Some(c) => super::compare::render_stripes(
                    app,
                    buf,
                    (x, y),
                    cols.stripes,
                    &covering,
                    c,
                    &tags,
                ),
                None => render_stripes(app, buf, (x, y), cols.stripes, &covering, &tags),
            }
        }
    }
    if let Some(c) = compare.filter(|_| cols.stripes > 0) {
        let x = inner.x + cols.gutter + cols.text + 1;
        super::compare::render_labels(app, buf, (x, rect.y), cols.stripes, c);
    }
}

fn render_gutter(
    app: &App,
    buf: &mut Buffer,
    x: u16,
    y: u16,
    cols: TranscriptColumns,
    row: &VisualRow,
    on_cursor_line: bool,
) {
    let width = usize::from(cols.gutter.saturating_sub(1));
    let number = if row.first {
        format!("{:>width$} ", row.line + 1)
    } else {
        " ".repeat(width + 1)
    };
    let mut style = Style::new().fg(app.palette.line_number);
    if on_cursor_line {
        style = style.fg(app.palette.accent).add_modifier(Modifier::BOLD);
    }
    buf.set_stringn(x, y, number, usize::from(cols.gutter), style);
}

/// The style of one character of the transcript.
struct Marks {
    label: bool,
    coded: Option<CodeId>,
    hit: bool,
    selected: bool,
    cursor: bool,
}

fn style_of(app: &App, marks: &Marks) -> Style {
    let p = &app.palette;
    let mut style = Style::new().fg(p.text);
    if marks.label {
        style = style.fg(p.speaker).add_modifier(Modifier::BOLD);
    }
    if let Some(code) = &marks.coded {
        let (_, colour) = super::code_look(app, code);
        style = style.fg(colour).add_modifier(Modifier::UNDERLINED);
    }
    if marks.hit {
        style = if p.monochrome {
            style.add_modifier(Modifier::BOLD | Modifier::ITALIC)
        } else {
            style.fg(p.search_fg).bg(p.search_bg)
        };
    }
    if marks.selected {
        style = if p.monochrome {
            style.add_modifier(Modifier::REVERSED)
        } else {
            style.fg(p.selection_fg).bg(p.selection_bg)
        };
    }
    if marks.cursor {
        style = if p.monochrome {
            style.add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            style.fg(p.cursor_fg).bg(p.cursor_bg)
        };
    }
    style
}

fn render_row(
    app: &App,
    doc: &Document,
    buf: &mut Buffer,
    (x0, y): (u16, u16),
    width: u16,
    row: &VisualRow,
    covering: &[&CodingRef],
) {
    let view = &app.transcript;
    let selection = view.selection(doc);
    let hits: &[(usize, usize)] = view.search.as_ref().map_or(&[], |s| &s.hits);
    let turns = doc.turns();
    // The turn whose label may be on this row.
    let row_end = row.end.max(row.start + 1);
    let label = turns[..turns.partition_point(|t| t.start < row_end)]
        .last()
        .filter(|t| t.speech_start > row.start)
        .map(|t| (t.start, t.speech_start));
    let hit_from = hits.partition_point(|h| h.1 <= row.start);
    let text = doc.slice(row.start, row.end);
    let limit = usize::from(width);
    let mut x = 0usize;
    for g in glyphs(text, 0) {
        let pos = row.start + g.char_offset;
        if x + g.width > limit {
            break;
        }
        let innermost = covering
            .iter()
            .filter(|r| r.coding.contains(pos))
            .min_by_key(|r| r.coding.len());
        let marks = Marks {
            label: label.is_some_and(|(a, b)| a <= pos && pos < b),
            coded: innermost.map(|r| r.coding.code.clone()),
            hit: hits[hit_from..]
                .iter()
                .take_while(|h| h.0 <= pos)
                .any(|h| h.0 <= pos && pos < h.1),
            selected: selection.is_some_and(|(a, b)| a <= pos && pos < b),
            cursor: view.cursor == pos,
        };
        let style = style_of(app, &marks);
        buf.set_stringn(x0 + x as u16, y, &g.symbol, g.width, style);
        x += g.width;
    }
    // A subtitle import keeps when each turn starts: show it beside the
    // speaker when the row has room for it after its text.
    if let Some(time) = label
        .and_then(|(start, _)| doc.record.time_at(start))
        .map(short_time)
    {
        let at = x + 2;
        if at + time.chars().count() <= limit {
            let style = Style::new().fg(app.palette.dim);
            buf.set_stringn(x0 + at as u16, y, &time, limit - at, style);
        }
    }
    // The cursor on an empty line, or past a line's last character.
    if view.cursor == row.end && row.start == row.end && x < limit {
        let marks = Marks {
            label: false,
            coded: None,
            hit: false,
            selected: selection.is_some_and(|(a, b)| a <= row.end && row.end <= b),
            cursor: true,
        };
        buf.set_stringn(x0 + x as u16, y, " ", 1, style_of(app, &marks));
    }
}

/// A turn time as the workbench shows it: `HH:MM:SS` without milliseconds,
/// and without the hours when they are zero (`01:02`).
fn short_time(time: &str) -> String {
    let whole = time.split(['.', ',']).next().unwrap_or(time);
    whole.strip_prefix("00:").unwrap_or(whole).to_string()
}

/// Each code's stripe tag (see `stripe_tags`), computed once per frame.
pub type Tags = std::collections::BTreeMap<CodeId, String>;

/// The tag of `code`; a code missing from the codebook shows its id's start.
pub fn tag<'a>(tags: &'a Tags, code: &'a CodeId) -> &'a str {
    tags.get(code).map_or_else(
        || {
            let id = code.as_str();
            &id[..id.char_indices().nth(2).map_or(id.len(), |(i, _)| i)]
        },
        String::as_str,
    )
}

/// The codes covering the cursor's line, named in full beside their tags in
/// the pane's bottom border, so a stripe never has to be guessed.
fn legend<'a>(
    app: &App,
    codings: &[CodingRef],
    (start, end): (usize, usize),
    tags: &Tags,
    width: usize,
) -> Line<'a> {
    let mut codes: Vec<&CodeId> = Vec::new();
    for r in codings
        .iter()
        .filter(|r| r.coding.overlaps(start, end.max(start + 1)))
    {
        if !codes.contains(&&r.coding.code) {
            codes.push(&r.coding.code);
        }
    }
    let mut spans = Vec::new();
    let mut used = 0usize;
    for (i, code) in codes.iter().enumerate() {
        let (name, colour) = super::code_look(app, code);
        let style = Style::new().fg(colour);
        let tag = format!("▌{} ", tag(tags, code));
        let room = width.saturating_sub(used + tag.chars().count() + 1);
        if room < 4 {
            let more = format!("+{}", codes.len() - i);
            if used + more.len() <= width {
                spans.push(Span::styled(more, Style::new().fg(app.palette.dim)));
            }
            break;
        }
        let name = super::fit(name, room);
        used += tag.chars().count() + unicode_width::UnicodeWidthStr::width(name.as_str()) + 1;
        spans.push(Span::styled(tag, style.add_modifier(Modifier::BOLD)));
        spans.push(Span::styled(name, style));
        spans.push(Span::raw(" "));
    }
    Line::from(spans)
}

fn render_stripes(
    app: &App,
    buf: &mut Buffer,
    (x0, y): (u16, u16),
    width: u16,
    covering: &[&CodingRef],
    tags: &Tags,
) {
    let mut codes: Vec<&CodeId> = Vec::new();
    for r in covering {
        if !codes.contains(&&r.coding.code) {
            codes.push(&r.coding.code);
        }
    }
    let slots = usize::from(width / 3);
    let mut x = x0;
    for (i, code) in codes.iter().enumerate() {
        if i + 1 == slots && codes.len() > slots {
            let more = format!("+{}", codes.len() - i);
            buf.set_stringn(x, y, more, 3, Style::new().fg(app.palette.dim));
            break;
        }
        if i >= slots {
            break;
        }
        let (_, colour) = super::code_look(app, code);
        let style = Style::new().fg(colour);
        buf.set_stringn(x, y, "▌", 1, style.add_modifier(Modifier::BOLD));
        buf.set_stringn(x + 1, y, format!("{:<2}", tag(tags, code)), 2, style);
        x += 3;
    }
}
