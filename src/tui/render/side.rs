//! The side panes: the codebook (colour, name, codings and documents) and the
//! theme tree (fold marker, name, status, codings).

use super::{code_colour, fit, pane_block, selected_style};
use crate::tui::app::{App, Pane};
use crate::tui::themes::{TreeRow, theme_count};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// First row to show so that `selected` is visible in `height` rows.
fn top_for(selected: usize, height: usize) -> usize {
    if height == 0 || selected < height {
        0
    } else {
        selected + 1 - height
    }
}

/// A row: a marker, a name cut to fit, and a right-aligned note.
fn row_line<'a>(
    indent: usize,
    marker: Span<'a>,
    name: &str,
    note: String,
    width: usize,
    note_style: Style,
) -> Line<'a> {
    let note_width = note.width();
    let used = indent + marker.width() + 1 + note_width + 1;
    let name = fit(name, width.saturating_sub(used));
    let pad = width.saturating_sub(indent + marker.width() + name.width() + note_width);
    Line::from(vec![
        Span::raw(" ".repeat(indent)),
        marker,
        Span::raw(name),
        Span::raw(" ".repeat(pad)),
        Span::styled(note, note_style),
    ])
}

pub fn render_codebook(app: &App, frame: &mut Frame, rect: Rect) {
    let title = format!(" 2 Codebook ({}) ", app.project.codes.len());
    let block = pane_block(app, Pane::Codebook, title);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let width = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::new();
    let p = &app.palette;
    if !app.codebook.filter.is_empty() {
        lines.push(Line::styled(
            fit(&format!("filter: {}", app.codebook.filter), width),
            Style::new().fg(p.accent),
        ));
    }
    let height = usize::from(inner.height).saturating_sub(lines.len());
    if app.project.codes.is_empty() {
        lines.push(Line::styled(
            "no codes yet: a adds one",
            Style::new().fg(p.dim),
        ));
    } else if app.codebook.rows.is_empty() {
        lines.push(Line::styled("no code matches", Style::new().fg(p.dim)));
    }
    let usage = &app.usage;
    let focused = app.focus == Pane::Codebook;
    let top = top_for(app.codebook.selected, height);
    for (i, id) in app.codebook.rows.iter().enumerate().skip(top).take(height) {
        let Some(code) = app.project.codes.get(id) else {
            continue;
        };
        let (n, docs) = usage.get(id).copied().unwrap_or_default();
        // A code marked for merging shows a tick in place of its dot.
        let dot = if app.codebook.marked.contains(id) {
            "✓ "
        } else {
            "● "
        };
        let marker = Span::styled(dot, Style::new().fg(code_colour(p, &code.color)));
        let note = if app.loading.is_some() {
            // Counted once every document is in.
            "…".to_string()
        } else if width >= 28 {
            format!("{n}·{docs}d")
        } else {
            n.to_string()
        };
        let mut line = row_line(0, marker, &code.name, note, width, Style::new().fg(p.dim));
        if i == app.codebook.selected {
            line = line.style(selected_style(p, focused));
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn render_themes(app: &App, frame: &mut Frame, rect: Rect) {
    let title = format!(
        " 3 Themes ({}) ",
        crate::model::theme::walk(&app.project.themes).len()
    );
    let block = pane_block(app, Pane::Themes, title);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    let p = &app.palette;
    let mut lines: Vec<Line> = Vec::new();
    if app.themes.rows.is_empty() {
        lines.push(Line::styled(
            "no themes yet: a adds one",
            Style::new().fg(p.dim),
        ));
    }
    let focused = app.focus == Pane::Themes;
    let top = top_for(app.themes.selected, height);
    for (i, row) in app.themes.rows.iter().enumerate().skip(top).take(height) {
        let mut line = match row {
            TreeRow::Theme { id, depth } => {
                let Some(theme) = app.project.theme(id) else {
                    continue;
                };
                let folded = app.themes.folded.contains(id);
                let marker =
                    Span::styled(if folded { "▸ " } else { "▾ " }, Style::new().fg(p.accent));
                let status = theme.status.label();
                let status = if width >= 30 { status } else { &status[..1] };
                let note = if app.loading.is_some() {
                    format!("{status} …")
                } else {
                    format!("{status} {}", theme_count(app, theme))
                };
                let mut l = row_line(
                    depth * 2,
                    marker,
                    &theme.name,
                    note,
                    width,
                    Style::new().fg(p.dim),
                );
                l = l.style(Style::new().add_modifier(Modifier::BOLD));
                l
            }
            TreeRow::Code { id, depth } => {
                let (name, colour) = super::code_look(app, id);
                let marker = Span::styled("● ", Style::new().fg(colour));
                let n = app.usage.get(id).map_or(0, |u| u.0);
                let n = if app.loading.is_some() {
                    "…".to_string()
                } else {
                    n.to_string()
                };
                row_line(depth * 2, marker, name, n, width, Style::new().fg(p.dim))
            }
            TreeRow::Unsorted => {
                let folded = app.themes.unsorted_folded;
                let marker = Span::styled(if folded { "▸ " } else { "▾ " }, Style::new().fg(p.dim));
                let n = app.project.unsorted_codes().len();
                row_line(
                    0,
                    marker,
                    "Unsorted codes",
                    n.to_string(),
                    width,
                    Style::new().fg(p.dim),
                )
                .style(Style::new().add_modifier(Modifier::ITALIC))
            }
        };
        if i == app.themes.selected {
            line = line.patch_style(selected_style(p, focused));
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
