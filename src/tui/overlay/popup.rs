//! What overlays share: where a box goes, its frame with a title and the
//! keys along the bottom, wrapped text, and drawing a text area.

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Context;
use crate::tui::overlay::textarea::TextArea;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

/// A centred rectangle of at most `w`x`h` inside `area`.
pub fn centred(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height.saturating_sub(1));
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height.saturating_sub(1) - h) / 2,
        width: w,
        height: h,
    }
}

/// Where a picker of at most `w`x`h` goes: above or below the transcript's
/// selection (or cursor line), on the side with more room, so that what is
/// being coded stays in view; centred when neither side has room for a
/// useful picker (8 rows) or nothing is selected.
pub fn clear_of_selection(app: &App, area: Rect, w: u16, h: u16) -> Rect {
    let centre = centred(area, w, h);
    let Some((first, last)) = selection_rows(app, area) else {
        return centre;
    };
    let bottom = area.bottom().saturating_sub(1); // the status line stays
    let above = first.saturating_sub(area.y);
    let below = bottom.saturating_sub(last + 1);
    let w = w.min(area.width);
    let x = area.x + (area.width - w) / 2;
    if below >= above && below >= 8 {
        Rect::new(x, last + 1, w, h.min(below))
    } else if above >= 8 {
        let height = h.min(above);
        Rect::new(x, first - height, w, height)
    } else {
        centre
    }
}

/// The screen rows (first, last) of the transcript's selection or, without
/// one, of the cursor's row; None when the transcript is not on screen.
fn selection_rows(app: &App, area: Rect) -> Option<(u16, u16)> {
    if !app.screens.on_panes() {
        return None;
    }
    let pane = crate::tui::geometry::screen(area, app.focus).transcript?;
    let doc = crate::tui::transcript::document(app)?;
    let view = &app.transcript;
    let (start, end) = view
        .selection(doc)
        .unwrap_or((view.cursor, view.cursor + 1));
    let (text, index, layout) = (doc.text(), doc.index(), view.layout);
    let first = layout.row_of(text, index, start);
    let last = layout.row_of(text, index, end.saturating_sub(1).max(start));
    let height = usize::from(pane.height.saturating_sub(2));
    if height == 0 {
        return None;
    }
    let bottom = layout.step(text, index, view.top, height as isize - 1);
    if last < view.top || first > bottom {
        return None;
    }
    let to_screen = |row: crate::text::layout::RowPos| {
        let down = layout.distance(text, index, view.top, row.clamp(view.top, bottom), height);
        pane.y + 1 + down as u16
    };
    Some((to_screen(first), to_screen(last)))
}

/// `text` wrapped to `width` cells, one string per row (none for "").
pub fn wrapped(text: &str, width: usize) -> Vec<String> {
    text.lines()
        .flat_map(|line| {
            crate::text::wrap::wrap_line(line, width)
                .into_iter()
                .map(move |row| {
                    line.chars()
                        .skip(row.start)
                        .take(row.end - row.start)
                        .collect()
                })
        })
        .collect()
}

/// An overlay's box: a rounded frame, its title in bold and its keys
/// along the bottom.
pub fn popup<'a>(app: &App, title: String, footer: &'a str) -> Block<'a> {
    let p = &app.palette;
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Style::new().fg(p.border_focused))
        .title(Span::styled(
            title,
            Style::new().fg(p.accent).add_modifier(Modifier::BOLD),
        ))
        .title_bottom(Span::styled(footer, Style::new().fg(p.dim)))
        .style(Style::new().fg(p.text).bg(p.background))
}

/// Draws a text area's visible rows, with its cursor when `focused`.
pub fn text_area(app: &App, frame: &mut Frame, area: Rect, text: &TextArea, focused: bool) {
    let height = usize::from(area.height);
    let top = text.row.saturating_sub(height.saturating_sub(1));
    let cursor = if app.palette.monochrome {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new()
            .fg(app.palette.cursor_fg)
            .bg(app.palette.cursor_bg)
    };
    let lines: Vec<Line> = text
        .lines
        .iter()
        .enumerate()
        .skip(top)
        .take(height)
        .map(|(row, line)| {
            if !focused || row != text.row {
                return Line::raw(line.clone());
            }
            let before: String = line.chars().take(text.col).collect();
            let at: String = line.chars().nth(text.col).map_or(" ".into(), String::from);
            let after: String = line.chars().skip(text.col + 1).collect();
            Line::from(vec![
                Span::raw(before),
                Span::styled(at, cursor),
                Span::raw(after),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

/// The key a footer names for `action`: a named key (esc, space) reads
/// better there than a letter bound beside it; ":" when none is bound.
pub fn footer_key(app: &App, context: Context, action: Action) -> String {
    let keys = app.keymap.keys_for(context, &action);
    keys.iter()
        .find(|k| !matches!(k.code, ratatui::crossterm::event::KeyCode::Char(c) if c != ' '))
        .or(keys.first())
        .map_or_else(|| ":".to_string(), ToString::to_string)
}

/// The key a footer names for a motion: the letter (j, G) where one is
/// bound, as vim users read them, else the first key; ":" when none is.
pub fn letter_key(app: &App, context: Context, action: Action) -> String {
    let keys = app.keymap.keys_for(context, &action);
    keys.iter()
        .find(|k| {
            matches!(k.code, ratatui::crossterm::event::KeyCode::Char(c) if c != ' ')
                && k.modifiers.is_empty()
        })
        .or(keys.first())
        .map_or_else(|| ":".to_string(), ToString::to_string)
}

/// The action bound to `key` in `context` alone (an editor, where every
/// other key types).
pub fn bound_only(
    app: &App,
    context: Context,
    key: &ratatui::crossterm::event::KeyEvent,
) -> Option<Action> {
    app.keymap
        .lookup_only(context, crate::tui::keymap::Key::from_event(key))
        .copied()
}

/// The action bound to `key` in `context`, or else globally (a box to read,
/// whose motions are the global ones).
pub fn bound(
    app: &App,
    context: Context,
    key: &ratatui::crossterm::event::KeyEvent,
) -> Option<Action> {
    app.keymap
        .lookup(context, crate::tui::keymap::Key::from_event(key))
        .copied()
}

/// The key an editor's footer names for `action`: bound in `context`
/// alone (the global keys type there), a named key before a letter.
pub fn editor_key(app: &App, context: Context, action: Action) -> String {
    let mut keys: Vec<_> = app
        .keymap
        .contexts
        .get(&context)
        .into_iter()
        .flat_map(|t| t.iter().filter(|(_, a)| **a == action).map(|(k, _)| *k))
        .collect();
    keys.sort_by_key(|k| (k.to_string().chars().count(), k.to_string()));
    keys.iter()
        .find(|k| !matches!(k.code, ratatui::crossterm::event::KeyCode::Char(c) if c != ' '))
        .or(keys.first())
        .map_or_else(|| ":".to_string(), ToString::to_string)
}

/// What a second press of the close key does over unsaved changes, said
/// with the keys as bound.
pub fn discard_warning(app: &App, context: Context) -> String {
    format!(
        "not saved yet: {} saves, {} again discards the changes",
        editor_key(app, context, Action::Save),
        editor_key(app, context, Action::Back)
    )
}
