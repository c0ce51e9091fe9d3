//! Overlays drawn over the panes: pickers, prompts, confirmations, result
//! lists, help and the memo and definition editors.

use super::{code_colour, fit, selected_style};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::help::HelpLine;
use crate::tui::keymap::Context;
use crate::tui::overlay::textarea::TextArea;
use crate::tui::overlay::{CODE_FIELDS, Extract, Overlay};
use crate::tui::page::keys_in;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

/// A centred rectangle of at most `w`x`h` inside `area`.
fn centred(area: Rect, w: u16, h: u16) -> Rect {
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
fn clear_of_selection(app: &App, area: Rect, w: u16, h: u16) -> Rect {
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
    if app.page.is_some() || app.agreement.is_some() {
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

/// 70 columns, or wider (up to the screen) when the title or a row needs it:
/// the reload offer's title and hints were cut off at 70 on a wide screen.
fn picker_width(picker: &crate::tui::overlay::picker::Picker) -> u16 {
    use unicode_width::UnicodeWidthStr as _;
    let title = picker.title.width() + 4;
    let rows = picker
        .items
        .iter()
        .map(|i| i.label.width() + i.hint.width() + 6)
        .max()
        .unwrap_or(0);
    u16::try_from(title.max(rows)).unwrap_or(u16::MAX).max(70)
}

/// `text` wrapped to `width` cells, one string per row (none for "").
fn wrapped(text: &str, width: usize) -> Vec<String> {
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

fn popup<'a>(app: &App, title: String, footer: &'a str) -> Block<'a> {
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

pub fn render(app: &App, overlay: &Overlay, frame: &mut Frame, area: Rect) {
    let p = &app.palette;
    let dim = Style::new().fg(p.dim);
    match overlay {
        Overlay::Picker { picker, .. } => {
            let rect = clear_of_selection(app, area, picker_width(picker), 20);
            frame.render_widget(Clear, rect);
            let footer = format!(
                " {} choose · {} close ",
                footer_key(app, Context::Picker, Action::Confirm),
                footer_key(app, Context::Picker, Action::Back)
            );
            let block = popup(app, format!(" {} ", picker.title), &footer);
            let mut inner = block.inner(rect);
            frame.render_widget(block, rect);
            let width = usize::from(inner.width);
            // The highlighted entry's detail under the list, up to half of it.
            let detail = picker
                .matches
                .get(picker.selected)
                .map(|&i| picker.items[i].detail.as_str())
                .filter(|d| !d.is_empty())
                .map(|d| wrapped(d, width))
                .unwrap_or_default();
            if !detail.is_empty() && inner.height >= 8 {
                let rows = (detail.len() as u16).min(inner.height / 2 - 1);
                let [list, rule, below] = Layout::vertical([
                    Constraint::Fill(1),
                    Constraint::Length(1),
                    Constraint::Length(rows),
                ])
                .areas(inner);
                frame.render_widget(
                    Paragraph::new(Line::styled("─".repeat(width), Style::new().fg(p.border))),
                    rule,
                );
                let mut shown: Vec<Line> = detail
                    .iter()
                    .take(usize::from(rows))
                    .map(|l| Line::styled(l.clone(), dim))
                    .collect();
                if detail.len() > usize::from(rows)
                    && let Some(last) = shown.last_mut()
                {
                    let text = fit(&format!("{} …", detail[usize::from(rows) - 1]), width);
                    *last = Line::styled(text, dim);
                }
                frame.render_widget(Paragraph::new(shown), below);
                inner = list;
            }
            let mut lines = vec![Line::from(vec![
                Span::styled("> ", Style::new().fg(p.accent)),
                Span::raw(picker.query.clone()),
                Span::styled("▏", Style::new().fg(p.accent)),
            ])];
            let height = usize::from(inner.height).saturating_sub(1);
            let top = picker.selected.saturating_sub(height.saturating_sub(1));
            let mut rows: Vec<Line> = picker
                .matches
                .iter()
                .map(|&i| {
                    let item = &picker.items[i];
                    let swatch = match &item.colour {
                        Some(c) => Span::styled("● ", Style::new().fg(code_colour(p, c))),
                        None => Span::raw("  "),
                    };
                    let label = fit(&item.label, width.saturating_sub(4).max(1));
                    let room = width.saturating_sub(
                        2 + unicode_width::UnicodeWidthStr::width(label.as_str()) + 2,
                    );
                    Line::from(vec![
                        swatch,
                        Span::raw(label),
                        Span::raw("  "),
                        Span::styled(fit(&item.hint, room), dim),
                    ])
                })
                .collect();
            if picker.offers_create() {
                let label = picker.create_label.clone().unwrap_or_default();
                rows.push(Line::styled(
                    format!("+ {label} '{}'", picker.query.trim()),
                    Style::new().fg(p.ok).add_modifier(Modifier::BOLD),
                ));
            }
            if rows.is_empty() {
                rows.push(Line::styled("nothing matches", dim));
            }
            for (i, mut line) in rows.into_iter().enumerate().skip(top).take(height) {
                if i == picker.selected {
                    line = line.patch_style(selected_style(p, true));
                }
                lines.push(line);
            }
            frame.render_widget(Paragraph::new(lines), inner);
        }
        Overlay::Input { prompt, text, .. } => {
            // Lines before the last one of the prompt explain it (a
            // refactor's preview), wrapped above the input line.
            let (notes, prompt) = prompt.rsplit_once('\n').unwrap_or(("", prompt));
            let note_rows = wrapped(notes, usize::from(area.width.saturating_sub(2)));
            let height = u16::try_from(note_rows.len() + 3)
                .unwrap_or(u16::MAX)
                .min(area.height.saturating_sub(1));
            let rect = Rect {
                x: area.x,
                y: area.bottom().saturating_sub(height + 1),
                width: area.width,
                height,
            };
            frame.render_widget(Clear, rect);
            let footer = format!(
                " {} ok · {} clears · {} cancel ",
                footer_key(app, Context::Prompt, Action::Confirm),
                footer_key(app, Context::Prompt, Action::ClearText),
                footer_key(app, Context::Prompt, Action::Back)
            );
            let block = popup(app, String::new(), &footer);
            let inner = block.inner(rect);
            frame.render_widget(block, rect);
            let line = Line::from(vec![
                Span::styled(prompt.to_string(), Style::new().fg(p.accent)),
                Span::raw(text.clone()),
                Span::styled("▏", Style::new().fg(p.accent)),
            ]);
            let mut lines: Vec<Line> = note_rows.into_iter().map(Line::raw).collect();
            // Keep the input line in view when the notes do not all fit
            // (their first rows say the most).
            lines.truncate(usize::from(inner.height).saturating_sub(1));
            lines.push(line);
            frame.render_widget(Paragraph::new(lines), inner);
        }
        Overlay::Confirm { message, .. } => {
            let rect = centred(area, 60, 7);
            frame.render_widget(Clear, rect);
            let block = popup(app, " Are you sure? ".into(), " y yes · n no ");
            let text = Paragraph::new(message.clone())
                .wrap(Wrap { trim: true })
                .style(Style::new().fg(p.warning))
                .block(block);
            frame.render_widget(text, rect);
        }
        Overlay::Results {
            title,
            items,
            selected,
            codable,
            marks,
            scroll,
        } => {
            let rect = results_rect(area);
            frame.render_widget(Clear, rect);
            let marked = marks.as_ref().map_or(0, |m| m.marked.len());
            let key = |action| footer_key(app, Context::Extracts, action);
            let close = key(Action::Back);
            let footer = if *codable {
                format!(
                    " {} jump · {} code all hits · {close} close ",
                    key(Action::Retrieve),
                    key(Action::CodeAllHits)
                )
            } else if marked > 0 {
                format!(
                    " {} mark · {} move the marked extracts to another code · {close} close ",
                    key(Action::MarkExtract),
                    key(Action::SplitMarked)
                )
            } else {
                format!(" {} jump · {close} close ", key(Action::Retrieve))
            };
            let block = popup(app, format!(" {title} "), &footer);
            let mut inner = block.inner(rect);
            frame.render_widget(block, rect);
            if let Some((reading, rows)) = results_reading(app, overlay, inner) {
                let [list, below] =
                    Layout::vertical([Constraint::Fill(1), Constraint::Length(rows + 1)])
                        .areas(inner);
                let turn = keys_in(app, Context::Extracts, Action::ReadTurn);
                let pane = super::reading::Pane {
                    context: Context::Extracts,
                    what: if app.reading_turn {
                        format!(
                            "extract {} of {} in its turn · {turn} the extract alone",
                            selected + 1,
                            items.len()
                        )
                    } else {
                        format!(
                            "extract {} of {} · {turn} its turn",
                            selected + 1,
                            items.len()
                        )
                    },
                    scroll: *scroll,
                };
                super::reading::draw(app, frame, below, pane, reading);
                inner = list;
            }
            let height = usize::from(inner.height);
            let width = usize::from(inner.width);
            let top = selected.saturating_sub(height.saturating_sub(1));
            let several_coders = marks.as_ref().is_some_and(|m| {
                let mut coders = app
                    .project
                    .codings_of(&m.code)
                    .map(|r| r.coder)
                    .filter(|c| crate::tui::layers::shows(app, c));
                coders
                    .next()
                    .is_some_and(|first| coders.any(|c| c != first))
            });
            let any_starred = marks.as_ref().is_some_and(|m| {
                items
                    .iter()
                    .any(|e| crate::tui::quote_bank::is_starred(app, &m.code, e))
            });
            let speaker_of = |e: &Extract| -> String {
                app.project
                    .documents
                    .get(&e.doc)
                    .and_then(|d| crate::text::turn_at(d.turns(), e.start))
                    .map(|t| t.speaker.clone())
                    .filter(|s| s != e.doc.as_str())
                    .unwrap_or_default()
            };
            let speakers = items.iter().any(|e| !speaker_of(e).is_empty());
            let lines: Vec<Line> = items
                .iter()
                .enumerate()
                .skip(top)
                .take(height)
                .map(|(i, e)| {
                    let Some(doc) = app.project.documents.get(&e.doc) else {
                        return Line::raw(e.doc.to_string());
                    };
                    // The speaker only where it is not the document's id:
                    // "P1 P1" said the same thing twice.
                    let speaker = if speakers {
                        format!("{:<12} ", fit(&speaker_of(e), 12))
                    } else {
                        String::new()
                    };
                    // Once anything is marked, a column shows which rows are.
                    let mark = match marks {
                        Some(m) if m.marked.contains(&i) => "✓ ",
                        Some(_) if marked > 0 => "  ",
                        _ => "",
                    };
                    // With several coders, say whose extract each row is:
                    // otherwise two coders' near-identical rows look doubled.
                    let coders = match marks {
                        Some(m) if several_coders => {
                            format!("{:<10} ", fit(&extract_coders(app, &m.code, e), 10))
                        }
                        _ => String::new(),
                    };
                    // Once anything is starred, a column shows which rows are.
                    let star = match marks {
                        Some(m) if crate::tui::quote_bank::is_starred(app, &m.code, e) => "★ ",
                        Some(_) if any_starred => "  ",
                        _ => "",
                    };
                    let head = format!(
                        "{mark}{star}{:<4} {coders}{speaker}{:>5}  ",
                        e.doc.as_str(),
                        doc.index().line_span(e.start, e.end)
                    );
                    let room =
                        width.saturating_sub(unicode_width::UnicodeWidthStr::width(head.as_str()));
                    let mut line = if *codable {
                        // Search hits: the words around each hit, so the list
                        // can be judged before coding them all.
                        let before = doc.slice(e.start.saturating_sub(room), e.start);
                        let after = doc.slice(e.end, (e.end + room).min(doc.char_len()));
                        let (left, hit, right) = crate::text::keyword_in_context(
                            before,
                            doc.slice(e.start, e.end),
                            after,
                            room,
                        );
                        let hit_style =
                            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
                        Line::from(vec![
                            Span::styled(head, dim),
                            Span::styled(left, dim),
                            Span::styled(hit, hit_style),
                            Span::styled(right, dim),
                        ])
                    } else {
                        let words =
                            fit(&crate::text::excerpt(doc.slice(e.start, e.end), 400), room);
                        Line::from(vec![Span::styled(head, dim), Span::raw(words)])
                    };
                    if i == *selected {
                        line = line.patch_style(selected_style(p, true));
                    }
                    line
                })
                .collect();
            frame.render_widget(Paragraph::new(lines), inner);
        }
        Overlay::Messages { scroll } => {
            let rect = centred(area, area.width.saturating_sub(4).min(120), area.height);
            frame.render_widget(Clear, rect);
            let block = popup(
                app,
                format!(" Messages of this session ({}) ", app.messages.len()),
                " j/k scroll · g/G oldest/newest · esc close ",
            );
            let inner = block.inner(rect);
            frame.render_widget(block, rect);
            let width = usize::from(inner.width).saturating_sub(2);
            let mut lines: Vec<Line> = Vec::new();
            let shown = app.messages.len().saturating_sub(usize::from(*scroll));
            for crate::tui::app::Message { text, tone } in &app.messages[..shown] {
                let colour = match tone {
                    crate::tui::app::Tone::Info => p.text,
                    crate::tui::app::Tone::Ok => p.ok,
                    crate::tui::app::Tone::Warning => p.warning,
                    crate::tui::app::Tone::Error => p.error,
                };
                for (i, row) in wrapped(text, width).into_iter().enumerate() {
                    let lead = if i == 0 { "• " } else { "  " };
                    lines.push(Line::styled(
                        format!("{lead}{row}"),
                        Style::new().fg(colour),
                    ));
                }
            }
            // Newest at the bottom, as a terminal scrolls.
            let skip = lines.len().saturating_sub(usize::from(inner.height));
            frame.render_widget(Paragraph::new(lines.split_off(skip)), inner);
        }
        Overlay::Help { scroll } => {
            let (w, h) = crate::tui::help::box_size((area.width, area.height));
            let rect = centred(area, w, h);
            frame.render_widget(Clear, rect);
            let block = popup(
                app,
                " Help: keys of this session ".into(),
                " j/k scroll · g/G top/bottom · esc close ",
            );
            let width = usize::from(block.inner(rect).width);
            let lines: Vec<Line> = crate::tui::help::layout(app, width)
                .into_iter()
                .map(|line| match line {
                    HelpLine::Title(title) => Line::styled(
                        title,
                        Style::new().fg(p.accent).add_modifier(Modifier::BOLD),
                    ),
                    HelpLine::Row(keys, description) => Line::from(vec![
                        Span::styled(format!("  {keys:<18} "), Style::new().fg(p.speaker)),
                        Span::raw(description),
                    ]),
                    HelpLine::Blank => Line::raw(""),
                })
                .collect();
            // The update clamps too, but the terminal may have grown since.
            let scroll = (*scroll).min(crate::tui::help::max_scroll(app));
            let text = Paragraph::new(lines).block(block).scroll((scroll, 0));
            frame.render_widget(text, rect);
        }
        Overlay::Memo {
            title, area: text, ..
        } => {
            let rect = centred(area, 80, area.height.saturating_sub(4));
            frame.render_widget(Clear, rect);
            let block = popup(
                app,
                format!(" {title} "),
                " ctrl-s save · esc twice discards · ctrl-e $EDITOR ",
            );
            let inner = block.inner(rect);
            frame.render_widget(block, rect);
            render_text_area(app, frame, inner, text, true);
        }
        Overlay::CodeForm {
            code,
            fields,
            focus,
            ..
        } => {
            let rect = centred(area, 80, area.height.saturating_sub(2));
            frame.render_widget(Clear, rect);
            let name = app.project.code_name(code).to_string();
            let block = popup(
                app,
                format!(" Code '{name}' "),
                " tab next field · ctrl-s save · esc close ",
            );
            let inner = block.inner(rect);
            frame.render_widget(block, rect);
            let parts = Layout::vertical([Constraint::Fill(1); 4]).split(inner);
            for (i, (field, part)) in fields.iter().zip(parts.iter()).enumerate() {
                let style = if i == *focus {
                    Style::new().fg(p.accent).add_modifier(Modifier::BOLD)
                } else {
                    dim
                };
                let label = Block::new()
                    .borders(ratatui::widgets::Borders::TOP)
                    .border_style(style)
                    .title(Span::styled(format!(" {} ", CODE_FIELDS[i]), style));
                let field_area = label.inner(*part);
                frame.render_widget(label, *part);
                render_text_area(app, frame, field_area, field, i == *focus);
            }
        }
    }
}

fn render_text_area(app: &App, frame: &mut Frame, area: Rect, text: &TextArea, focused: bool) {
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

/// The box of an extract list on a screen of `area`.
fn results_rect(area: Rect) -> Rect {
    centred(
        area,
        area.width.saturating_sub(6).max(40),
        area.height.saturating_sub(4),
    )
}

/// The reading pane of an extract list whose box has `inner` room: the
/// selected extract in full (or its turn) and the rows it gets under the
/// rule: what the list leaves over once it has its rows, up to half the
/// box, and never less than half; None for search hits, whose list already shows
/// each hit in its context, and for a box too low to share.
fn results_reading<'a>(app: &App, overlay: &Overlay, inner: Rect) -> Option<(Vec<Line<'a>>, u16)> {
    let Overlay::Results {
        items,
        selected,
        codable: false,
        marks,
        ..
    } = overlay
    else {
        return None;
    };
    let e = items.get(*selected)?;
    let doc = app.project.documents.get(&e.doc)?;
    if inner.height < 8 {
        return None;
    }
    let coders: Vec<String> = marks
        .as_ref()
        .map(|m| extract_coders(app, &m.code, e))
        .filter(|c| !c.is_empty())
        .map(|c| c.split(',').map(str::to_string).collect())
        .unwrap_or_default();
    let passage = super::reading::Passage {
        doc,
        start: e.start,
        end: e.end,
        coders: &coders,
        whole_turn: app.reading_turn,
    };
    let lines = super::reading::lines(app, &passage, usize::from(inner.width));
    let list = u16::try_from(items.len())
        .unwrap_or(u16::MAX)
        .min(inner.height / 2);
    let room = (inner.height - 1 - list).max(inner.height / 2);
    let rows = (lines.len() as u16).clamp(1, room);
    Some((lines, rows))
}

/// How many rows of an extract list's reading pane can be scrolled past on
/// the current screen (0 when it all fits), so that scrolling stops at the
/// end instead of running on unseen.
pub fn reading_overflow(app: &App, overlay: &Overlay) -> usize {
    let screen = Rect::new(0, 0, app.size.0, app.size.1);
    let inner = Block::bordered().inner(results_rect(screen));
    results_reading(app, overlay, inner).map_or(0, |(lines, rows)| {
        lines.len().saturating_sub(usize::from(rows))
    })
}

/// The coders (shown in the current layer) who coded exactly this extract
/// with `code`, joined by commas.
fn extract_coders(app: &App, code: &crate::model::CodeId, e: &Extract) -> String {
    let Some(by_coder) = app.project.codings.get(&e.doc) else {
        return String::new();
    };
    by_coder
        .iter()
        .filter(|(coder, list)| {
            crate::tui::layers::shows(app, coder)
                && list
                    .iter()
                    .any(|k| k.code == *code && k.start == e.start && k.end == e.end)
        })
        .map(|(coder, _)| coder.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// The key a footer names for `action`: a named key (esc, space) reads
/// better there than a letter bound beside it; ":" when none is bound.
fn footer_key(app: &App, context: Context, action: Action) -> String {
    let keys = app.keymap.keys_for(context, &action);
    keys.iter()
        .find(|k| !matches!(k.code, ratatui::crossterm::event::KeyCode::Char(c) if c != ' '))
        .or(keys.first())
        .map_or_else(|| ":".to_string(), ToString::to_string)
}
