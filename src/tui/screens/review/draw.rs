//! Review mode: the theme's definition on top, then every extract of its
//! codes grouped under code headings, with document, speaker and lines, and
//! under them the reading pane with the selected extract in full.

use super::{Reading, ReviewRow, ReviewView};
use crate::text::wrap::wrap_line;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Context;
use crate::tui::render::reading::{self, Passage};
use crate::tui::render::{code_look, fit, selected_style};
use crate::tui::screens::{footer, keys_in};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

pub fn render(app: &App, view: &ReviewView, frame: &mut Frame, area: Rect) {
    let p = &app.palette;
    let dim = Style::new().fg(p.dim);
    let Some(theme) = app.project.theme(&view.theme) else {
        return;
    };
    let footer = footer(
        app,
        Context::Review,
        &[
            (Action::Retrieve, "jump"),
            (Action::ReadTurn, "turn"),
            (Action::ReadDefinition, "definition"),
            (Action::SetThemeStatus, "status"),
            (Action::EditDefinition, "edit"),
            (Action::Back, "back"),
        ],
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
    let width = usize::from(inner.width);
    let definition = definition_text(theme);
    let reading_lines = reading_lines(app, view, &definition, width);
    // The definition on top in brief (d reads it all), the list, and the
    // reading pane: as tall as the passage, up to about half the page.
    let definition_rows: u16 = if inner.height >= 30 { 3 } else { 1 };
    let reading_rows = reading_rows(inner, reading_lines.len());
    let [top, list, reading] = Layout::vertical([
        Constraint::Length(definition_rows + 1),
        Constraint::Fill(1),
        Constraint::Length(reading_rows + 1),
    ])
    .areas(inner);
    let read_key = keys_in(app, Context::Review, Action::ReadDefinition);
    let mut brief = wrapped(&format!("Definition: {definition}"), width);
    if brief.len() > usize::from(definition_rows) {
        brief.truncate(usize::from(definition_rows));
        if let Some(last) = brief.last_mut() {
            let hint = format!(" ({read_key}: all)");
            *last = format!("{}{hint}", fit(last, width.saturating_sub(hint.width())));
        }
    }
    let brief: Vec<Line> = brief
        .into_iter()
        .enumerate()
        .map(
            |(i, text)| match text.strip_prefix("Definition: ").filter(|_| i == 0) {
                Some(rest) => Line::from(vec![
                    Span::styled("Definition: ", Style::new().fg(p.accent)),
                    Span::raw(rest.to_string()),
                ]),
                None => Line::raw(text),
            },
        )
        .collect();
    let heading = Block::new()
        .borders(Borders::BOTTOM)
        .border_style(Style::new().fg(p.border));
    frame.render_widget(Paragraph::new(brief).block(heading), top);
    render_rows(app, view, frame, list);
    // The rule over the reading pane says what it shows and how to see more.
    let what = match view.reading {
        Reading::Extract => format!(
            "extract {} of {} · {} its turn",
            view.selected + 1,
            view.extracts.len(),
            keys_in(app, Context::Review, Action::ReadTurn)
        ),
        Reading::Turn => format!(
            "extract {} of {} in its turn · {} the extract alone",
            view.selected + 1,
            view.extracts.len(),
            keys_in(app, Context::Review, Action::ReadTurn)
        ),
        Reading::Definition => format!("definition · {read_key} back to the extract"),
    };
    let pane = reading::Pane {
        context: Context::Review,
        what,
        scroll: view.scroll,
    };
    reading::draw(app, frame, reading, pane, reading_lines);
}

/// What the reading pane shows, wrapped to `width`: the selected extract
/// (or its turn), or the theme's `definition`.
fn reading_lines<'a>(
    app: &App,
    view: &ReviewView,
    definition: &str,
    width: usize,
) -> Vec<Line<'a>> {
    match (view.reading, view.selected_extract()) {
        (Reading::Definition, _) => wrapped(definition, width)
            .into_iter()
            .map(Line::raw)
            .collect(),
        (_, Some(extract)) => match app.project.documents.get(&extract.doc) {
            Some(doc) => {
                let coders = view
                    .selected_row()
                    .and_then(|i| match &view.rows[i] {
                        ReviewRow::Extract { coders, .. } => Some(coders.clone()),
                        ReviewRow::Code { .. } => None,
                    })
                    .unwrap_or_default();
                let passage = Passage {
                    doc,
                    start: extract.start,
                    end: extract.end,
                    coders: &coders,
                    whole_turn: view.reading == Reading::Turn,
                };
                reading::lines(app, &passage, width)
            }
            None => Vec::new(),
        },
        (_, None) => Vec::new(),
    }
}

/// The reading pane's rows under its rule for a passage of `len` rows in a
/// page of `inner` room: as tall as the passage, up to about half the page.
fn reading_rows(inner: Rect, len: usize) -> u16 {
    let room = (inner.height / 2).max(4);
    u16::try_from(len).unwrap_or(u16::MAX).clamp(1, room)
}

/// How many rows of the reading pane can be scrolled past on the current
/// screen (0 when it all fits), so that scrolling stops at the end instead
/// of running on unseen.
pub fn reading_overflow(app: &App, view: &ReviewView) -> usize {
    let Some(theme) = app.project.theme(&view.theme) else {
        return 0;
    };
    // The page is the screen less the status line, inside its border.
    let page = Rect::new(0, 0, app.size.0, app.size.1.saturating_sub(1));
    let inner = Block::bordered().inner(page);
    let definition = definition_text(theme);
    let lines = reading_lines(app, view, &definition, usize::from(inner.width));
    lines
        .len()
        .saturating_sub(usize::from(reading_rows(inner, lines.len())))
}

/// The theme's definition as review mode shows it.
fn definition_text(theme: &crate::model::Theme) -> String {
    match theme.definition.trim() {
        "" => "(no definition yet)".to_string(),
        text => text.to_string(),
    }
}

/// `text` wrapped to `width` cells, paragraph by paragraph.
fn wrapped(text: &str, width: usize) -> Vec<String> {
    text.split('\n')
        .flat_map(|line| {
            wrap_line(line, width)
                .into_iter()
                .map(|row| {
                    line.chars()
                        .skip(row.start)
                        .take(row.end - row.start)
                        .collect::<String>()
                        .trim_end()
                        .to_string()
                })
                .collect::<Vec<_>>()
        })
        .collect()
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
    let columns = Columns::new(app, view);
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
                let (name, colour) = code_look(app, id);
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
                // The code this extract is listed under: the heading above it.
                let code = view.rows[..i].iter().rev().find_map(|r| match r {
                    ReviewRow::Code { id, .. } => Some(id),
                    ReviewRow::Extract { .. } => None,
                });
                let starred =
                    code.is_some_and(|c| crate::tui::quote_bank::is_starred(app, c, extract));
                let head = columns.head(doc, extract, coders, starred);
                let room = width.saturating_sub(head.width());
                let words = doc.excerpt(extract.start, extract.end, 400);
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

/// Widths of the columns before an extract's words, fitted to what the list
/// holds: the speaker only where it is not the document's id ("P1 P1" said
/// the same thing twice), coders only in a team project.
struct Columns {
    doc: usize,
    speaker: usize,
    lines: usize,
    who: usize,
}

impl Columns {
    fn new(app: &App, view: &ReviewView) -> Self {
        let team = app.project.coders().len() > 1;
        let mut c = Columns {
            doc: 0,
            speaker: 0,
            lines: 0,
            who: 0,
        };
        for row in &view.rows {
            let ReviewRow::Extract { extract, coders } = row else {
                continue;
            };
            let Some(doc) = app.project.documents.get(&extract.doc) else {
                continue;
            };
            c.doc = c.doc.max(extract.doc.as_str().width().min(8));
            c.speaker = c
                .speaker
                .max(Self::speaker(doc, extract.start).width().min(12));
            c.lines = c
                .lines
                .max(doc.index().line_span(extract.start, extract.end).len());
            if team {
                c.who = c.who.max(coders.join(",").width().min(10));
            }
        }
        c
    }

    fn speaker(doc: &crate::model::Document, at: usize) -> &str {
        doc.speaker_at(at)
            .filter(|s| *s != doc.id.as_str())
            .unwrap_or("")
    }

    fn head(
        &self,
        doc: &crate::model::Document,
        extract: &crate::tui::overlay::Extract,
        coders: &[String],
        starred: bool,
    ) -> String {
        let mut head = format!(
            "{}{:<w$} ",
            if starred { "★ " } else { "  " },
            fit(extract.doc.as_str(), self.doc),
            w = self.doc
        );
        if self.speaker > 0 {
            let speaker = fit(Self::speaker(doc, extract.start), self.speaker);
            head.push_str(&format!("{speaker:<w$} ", w = self.speaker));
        }
        let lines = doc.index().line_span(extract.start, extract.end);
        head.push_str(&format!("{lines:>w$} ", w = self.lines));
        if self.who > 0 {
            let who = fit(&coders.join(","), self.who);
            head.push_str(&format!("{who:<w$} ", w = self.who));
        }
        head.push(' ');
        head
    }
}
