//! Review mode: the theme's definition on top, then every extract of its
//! codes grouped under code headings, with document, speaker and lines.

use super::{fit, selected_style};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::page::keys_in;
use crate::tui::review::{ReviewRow, ReviewView};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

pub fn render(app: &App, view: &ReviewView, frame: &mut Frame, area: Rect) {
    let p = &app.palette;
    let dim = Style::new().fg(p.dim);
    let Some(theme) = app.project.theme(&view.theme) else {
        return;
    };
    let footer = format!(
        " {} jump · {} status · {} definition · {} back ",
        keys_in(app, "review", Action::Retrieve),
        keys_in(app, "review", Action::SetThemeStatus),
        keys_in(app, "review", Action::EditDefinition),
        keys_in(app, "review", Action::Back),
    );
    let title = format!(
        " Review: {} · {} · {} extracts ",
        theme.name,
        theme.status.label(),
        view.extracts.len()
    );
    let block = Block::bordered()
        .border_type(if p.monochrome {
            BorderType::Thick
        } else {
            BorderType::Rounded
        })
        .border_style(Style::new().fg(p.border_focused))
        .title(Span::styled(
            title,
            Style::new().fg(p.accent).add_modifier(Modifier::BOLD),
        ))
        .title_bottom(Span::styled(footer, dim));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let definition_rows = if inner.height >= 8 { 3 } else { 1 };
    let [top, list] =
        Layout::vertical([Constraint::Length(definition_rows + 1), Constraint::Fill(1)])
            .areas(inner);
    let definition = if theme.definition.trim().is_empty() {
        Span::styled("(no definition yet)", dim)
    } else {
        Span::raw(theme.definition.clone())
    };
    let heading = Block::new()
        .borders(Borders::BOTTOM)
        .border_style(Style::new().fg(p.border));
    let text = Paragraph::new(Line::from(vec![
        Span::styled("Definition: ", Style::new().fg(p.accent)),
        definition,
    ]))
    .wrap(Wrap { trim: true })
    .block(heading);
    frame.render_widget(text, top);
    render_rows(app, view, frame, list);
}

fn render_rows(app: &App, view: &ReviewView, frame: &mut Frame, area: Rect) {
    let p = &app.palette;
    let dim = Style::new().fg(p.dim);
    let height = usize::from(area.height);
    let width = usize::from(area.width);
    if view.rows.is_empty() {
        let line = Line::styled("this theme holds no codes yet", dim);
        frame.render_widget(Paragraph::new(line), area);
        return;
    }
    let selected = view.selected_row();
    let team = app.project.coders().len() > 1;
    // Keep the selected row in view, with its code heading when it fits.
    let top = match selected {
        Some(row) if height > 0 && row >= height => row + 1 - height,
        _ => 0,
    };
    let lines: Vec<Line> = view
        .rows
        .iter()
        .enumerate()
        .skip(top)
        .take(height)
        .map(|(i, row)| match row {
            ReviewRow::Code {
                id,
                within,
                codings,
                documents,
            } => {
                let (name, colour) = super::code_look(app, id);
                let mut note = format!(
                    "  {} in {}",
                    crate::text::count(*codings, "coding", "codings"),
                    crate::text::count(*documents, "document", "documents")
                );
                if let Some(sub) = within {
                    note.push_str(&format!(" · in '{sub}'"));
                }
                let name = fit(name, width.saturating_sub(2));
                let room = width.saturating_sub(2 + name.width());
                Line::from(vec![
                    Span::styled("● ", Style::new().fg(colour)),
                    Span::styled(name, Style::new().add_modifier(Modifier::BOLD)),
                    Span::styled(fit(&note, room), dim),
                ])
            }
            ReviewRow::Extract { extract, coders } => {
                let Some(doc) = app.project.documents.get(&extract.doc) else {
                    return Line::raw(extract.doc.to_string());
                };
                let speaker = doc.speaker_at(extract.start).unwrap_or("");
                // Who coded it, when several coders share the project: their
                // near-identical extracts would otherwise look like repeats.
                let who = if team {
                    format!("{:<10} ", fit(&coders.join(","), 10))
                } else {
                    String::new()
                };
                // The code this extract is listed under: the heading above it.
                let code = view.rows[..i].iter().rev().find_map(|r| match r {
                    ReviewRow::Code { id, .. } => Some(id),
                    ReviewRow::Extract { .. } => None,
                });
                let star =
                    if code.is_some_and(|c| crate::tui::quote_bank::is_starred(app, c, extract)) {
                        "★ "
                    } else {
                        "  "
                    };
                let head = format!(
                    "{star}{:<6} {:<12} {:>9}  {who}",
                    fit(extract.doc.as_str(), 6),
                    fit(speaker, 12),
                    doc.index().line_span(extract.start, extract.end)
                );
                let room = width.saturating_sub(head.width());
                let words = crate::text::excerpt(doc.slice(extract.start, extract.end), 400);
                let mut line =
                    Line::from(vec![Span::styled(head, dim), Span::raw(fit(&words, room))]);
                if Some(i) == selected {
                    line = line.patch_style(selected_style(p, true));
                }
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}
