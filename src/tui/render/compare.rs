//! Two coders side by side in the transcript's stripe margin: one column per
//! coder, labelled with the coder's name in the pane's top border, each
//! naming the codes that coder applied on the row, the compared code first.

use super::fit;
use super::transcript::Tags;
use crate::model::{CodeId, CodingRef};
use crate::tui::app::App;
use crate::tui::layers::Compare;
use ratatui::buffer::Buffer;
use ratatui::style::{Modifier, Style};

/// Width of one coder's column in a stripe margin of `width` cells (one cell
/// between the two columns).
fn column_width(width: u16) -> u16 {
    width.saturating_sub(1) / 2
}

/// The coders' names above their columns, in the border row `y`.
pub fn render_labels(
    app: &App,
    buf: &mut Buffer,
    (x0, y): (u16, u16),
    width: u16,
    compare: &Compare,
) {
    let column = column_width(width);
    let style = Style::new()
        .fg(app.palette.accent)
        .add_modifier(Modifier::BOLD);
    for (i, coder) in compare.coders.iter().enumerate() {
        let x = x0 + i as u16 * (column + 1);
        let label = fit(coder, usize::from(column));
        buf.set_stringn(x, y, label, usize::from(column), style);
    }
}

/// One row of the two columns.
pub fn render_stripes(
    app: &App,
    buf: &mut Buffer,
    (x0, y): (u16, u16),
    width: u16,
    covering: &[&CodingRef],
    compare: &Compare,
    tags: &Tags,
) {
    let column = column_width(width);
    for (i, coder) in compare.coders.iter().enumerate() {
        let mut codes: Vec<&CodeId> = Vec::new();
        for r in covering.iter().filter(|r| r.coder == coder.as_str()) {
            if !codes.contains(&&r.coding.code) {
                codes.push(&r.coding.code);
            }
        }
        // The compared code first: it is what the columns are read for.
        codes.sort_by_key(|c| **c != compare.code);
        let x = x0 + i as u16 * (column + 1);
        render_column(app, buf, (x, y), column, (&codes, tags), &compare.code);
    }
}

fn render_column(
    app: &App,
    buf: &mut Buffer,
    (x0, y): (u16, u16),
    width: u16,
    (codes, tags): (&[&CodeId], &Tags),
    compared: &CodeId,
) {
    let slots = usize::from(width / 3);
    // When not all fit, what is left (or the last slot) counts the rest;
    // a single slot keeps the compared code rather than a bare count.
    let leftover = width - 3 * (width / 3);
    let shown = if codes.len() <= slots || leftover >= 2 || slots <= 1 {
        slots.min(codes.len())
    } else {
        slots - 1
    };
    let mut x = x0;
    for code in &codes[..shown] {
        let (_, colour) = super::code_look(app, code);
        let mut style = Style::new().fg(colour);
        if *code != compared {
            style = style.add_modifier(Modifier::DIM);
        }
        buf.set_stringn(x, y, "▌", 1, style.add_modifier(Modifier::BOLD));
        let tag = super::transcript::tag(tags, code);
        buf.set_stringn(x + 1, y, format!("{tag:<2}"), 2, style);
        x += 3;
    }
    let room = usize::from(x0 + width - x);
    if codes.len() > shown && room >= 2 {
        let more = format!("+{}", codes.len() - shown);
        buf.set_stringn(x, y, more, room, Style::new().fg(app.palette.dim));
    }
}
