//! A list of extracts: a code's (enter on a code; s splits it) or the hits
//! of a project search (S). A reading pane under the list shows the selected
//! extract in full, or its whole speaker turn.

use super::popup::{centred, footer_key, popup};
use super::{Overlay, OverlayKind};
use crate::tui::action::Action;
use crate::tui::app::{App, Effect, Tone};
use crate::tui::keymap::{Context, Key};
use crate::tui::render::{fit, reading, selected_style};
use crate::tui::screens::keys_in;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

impl OverlayKind {
    pub const RESULTS: OverlayKind = OverlayKind {
        name: "results",
        badge: "LIST",
    };
}

/// One extract in a result list: a span of a document.
pub use crate::model::DocSpan as Extract;

#[derive(Clone, Debug)]
pub struct Results {
    pub title: String,
    pub items: Vec<Extract>,
    pub selected: usize,
    /// Set for project-wide search hits, which can be auto-coded.
    pub codable: bool,
    /// Set for a code's extracts, which can be marked and split off.
    pub marks: Option<crate::tui::extract_marks::ExtractMarks>,
    /// Rows of the reading pane (the selected extract) scrolled past.
    pub scroll: usize,
}

impl Results {
    /// A list titled `title` of `items`, the first selected.
    pub fn new(title: String, items: Vec<Extract>) -> Results {
        Results {
            title,
            items,
            selected: 0,
            codable: false,
            marks: None,
            scroll: 0,
        }
    }
}

impl Overlay for Results {
    fn kind(&self) -> OverlayKind {
        OverlayKind::RESULTS
    }

    fn keys(mut self: Box<Self>, app: &mut App, key: KeyEvent) -> Vec<Effect> {
        let len = self.items.len();
        let was = self.selected;
        // Every key of a list goes through the keymap ("extracts", then
        // "global" for the motions), so each can be rebound and help
        // lists them.
        let bound = app
            .keymap
            .lookup(Context::Extracts, Key::from_event(&key))
            .copied();
        let marking = self.marks.is_some();
        match bound {
            Some(Action::Back) => return Vec::new(),
            Some(Action::Retrieve) => {
                if let Some(item) = self.items.get(self.selected) {
                    crate::tui::transcript::jump_to(app, &item.doc, item.start);
                    app.focus = crate::tui::app::Pane::Transcript;
                    app.say(
                        format!("extract {} of {len}", self.selected + 1),
                        Tone::Info,
                    );
                }
                return Vec::new();
            }
            Some(Action::CodeAllHits) if self.codable => {
                crate::tui::search::choose_scope(app, self.items.clone());
                return Vec::new();
            }
            Some(Action::MarkExtract) if marking => {
                if let Some(m) = &mut self.marks {
                    m.toggle(self.selected);
                }
                self.selected = (self.selected + 1).min(len.saturating_sub(1));
            }
            Some(Action::ToggleStar) if marking => {
                if let (Some(m), Some(item)) = (&self.marks, self.items.get(self.selected)) {
                    let code = m.code.clone();
                    let item = item.clone();
                    app.overlay = Some(self);
                    return crate::tui::quote_bank::toggle(app, &code, &item);
                }
            }
            Some(Action::SplitMarked) if marking => {
                if let Some(m) = &self.marks {
                    return crate::tui::extract_marks::split(app, m, &self.items, self.selected);
                }
            }
            Some(Action::ReadTurn) if !self.codable => {
                app.reading_turn = !app.reading_turn;
                self.scroll = 0;
            }
            Some(Action::ReadingDown) => self.scroll += 1,
            Some(Action::ReadingUp) => self.scroll = self.scroll.saturating_sub(1),
            Some(motion) => {
                if let Some(next) = motion.list_motion(self.selected, len, 10) {
                    self.selected = next;
                }
            }
            None => {}
        }
        if self.selected != was {
            self.scroll = 0;
        }
        // Scrolling stops at the passage's end, so K comes straight back.
        self.scroll = self.scroll.min(reading_overflow(app, &self));
        app.overlay = Some(self);
        Vec::new()
    }

    fn draw(&self, app: &App, frame: &mut Frame, area: Rect) {
        let Results {
            title,
            items,
            selected,
            codable,
            marks,
            scroll,
        } = self;
        let p = &app.palette;
        let dim = Style::new().fg(p.dim);
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
        if let Some((reading, rows)) = results_reading(app, self, inner) {
            let [list, below] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(rows + 1)]).areas(inner);
            let turn = keys_in(app, Context::Extracts, Action::ReadTurn);
            let pane = reading::Pane {
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
            reading::draw(app, frame, below, pane, reading);
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
                    let words = fit(&doc.excerpt(e.start, e.end, 400), room);
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

    fn title(&self) -> Option<&str> {
        Some(&self.title)
    }

    fn items(&self) -> Vec<String> {
        self.items
            .iter()
            .map(|e| format!("{} {}-{}", e.doc, e.start, e.end))
            .collect()
    }

    fn selected(&self) -> Option<usize> {
        Some(self.selected)
    }

    fn scroll(&self) -> Option<usize> {
        Some(self.scroll)
    }
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
fn results_reading<'a>(app: &App, list: &Results, inner: Rect) -> Option<(Vec<Line<'a>>, u16)> {
    let Results {
        items,
        selected,
        codable: false,
        marks,
        ..
    } = list
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
    let passage = reading::Passage {
        doc,
        start: e.start,
        end: e.end,
        coders: &coders,
        whole_turn: app.reading_turn,
    };
    let lines = reading::lines(app, &passage, usize::from(inner.width));
    let listed = u16::try_from(items.len())
        .unwrap_or(u16::MAX)
        .min(inner.height / 2);
    let room = (inner.height - 1 - listed).max(inner.height / 2);
    let rows = (lines.len() as u16).clamp(1, room);
    Some((lines, rows))
}

/// How many rows of an extract list's reading pane can be scrolled past on
/// the current screen (0 when it all fits), so that scrolling stops at the
/// end instead of running on unseen.
fn reading_overflow(app: &App, list: &Results) -> usize {
    let screen = Rect::new(0, 0, app.size.0, app.size.1);
    let inner = Block::bordered().inner(results_rect(screen));
    results_reading(app, list, inner).map_or(0, |(lines, rows)| {
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
