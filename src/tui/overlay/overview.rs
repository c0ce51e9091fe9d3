//! The document overview (`i` in the transcript): what a document's
//! properties show in NVivo or MAXQDA. Its title, source and attributes;
//! its words, lines and speaker turns; each speaker's turns and words; each
//! coder's codings, codes and coverage; its most used codes; its memo.
//! Codings follow the layers: blind mode shows only your own.
//!
//! This file is the whole overlay: the command (keymap.ron binds its name),
//! the keys (the "viewer" context: motions scroll, esc closes) and the
//! drawing; the figures are counted by `analysis::overview`.

use super::popup::{bound, centred, footer_key, letter_key, popup};
use super::{Overlay, OverlayKind};
use crate::analysis::overview::{Figures, figures};
use crate::tui::action::Action;
use crate::tui::app::{App, Effect, Tone};
use crate::tui::command::Command;
use crate::tui::keymap::{Context, Key};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyEvent, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span as Text};
use ratatui::widgets::{Clear, Paragraph};

/// The command's name in keymap.ron.
const NAME: &str = "document_overview";

crate::command!(Command {
    name: NAME,
    description: "Show the open document's overview: attributes, words, speakers, codings by coder, most used codes",
    run: open,
});

impl OverlayKind {
    pub const OVERVIEW: OverlayKind = OverlayKind {
        name: "overview",
        badge: "INFO",
    };
}

/// The open overview, scrolled `scroll` rows.
pub struct Overview {
    pub figures: Figures,
    pub scroll: usize,
}

/// The command: the overview of the open document.
fn open(app: &mut App) -> Vec<Effect> {
    let Some(doc) = crate::tui::transcript::document(app) else {
        app.say("no document is open (o opens one)", Tone::Info);
        return Vec::new();
    };
    let figures = figures(&app.project, doc, |coder| {
        crate::tui::layers::shows(app, coder)
    });
    super::open(app, Overview { figures, scroll: 0 });
    Vec::new()
}

/// `part` of `whole` as a whole percentage ("<1%" for a sliver).
fn percent(part: usize, whole: usize) -> String {
    match (part * 100).checked_div(whole) {
        Some(0) if part > 0 => "<1%".to_string(),
        Some(p) => format!("{p}%"),
        None => "0%".to_string(),
    }
}

impl Overview {
    fn lines(&self, app: &App, width: usize) -> Vec<Line<'static>> {
        let p = &app.palette;
        let f = &self.figures;
        let heading = Style::new().fg(p.accent).add_modifier(Modifier::BOLD);
        let dim = Style::new().fg(p.dim);
        let cut = |text: &str, room: usize| crate::tui::render::fit(text, room);
        let name_room = width.saturating_sub(32).clamp(8, 40);
        let mut out = vec![
            Line::styled(cut(&f.title, width), heading),
            Line::styled(
                format!(
                    "{} · {} · {} · {} · {}",
                    f.source,
                    crate::text::count(f.words, "word", "words"),
                    crate::text::count(f.characters, "character", "characters"),
                    crate::text::count(f.lines, "line", "lines"),
                    crate::text::count(
                        f.speakers.iter().map(|s| s.turns).sum(),
                        "speaker turn",
                        "speaker turns"
                    ),
                ),
                dim,
            ),
            Line::raw(""),
        ];
        out.push(Line::styled("Attributes", heading));
        if f.attributes.is_empty() {
            out.push(Line::styled("  none yet (@ sets them)", dim));
        }
        for (name, value) in &f.attributes {
            out.push(Line::raw(format!(
                "  {:<name_room$}  {}",
                cut(name, name_room),
                cut(value, width.saturating_sub(name_room + 4))
            )));
        }
        out.push(Line::raw(""));
        out.push(Line::styled(
            format!(
                "{:<w$}  {:>6}  {:>7}  {}",
                "Speakers",
                "turns",
                "words",
                "share",
                w = name_room + 2
            ),
            heading,
        ));
        if f.speakers.is_empty() {
            out.push(Line::styled(
                "  no speaker labels (Name: at a line's start)",
                dim,
            ));
        }
        for s in &f.speakers {
            out.push(Line::raw(format!(
                "  {:<name_room$}  {:>6}  {:>7}  {:>5}",
                cut(&s.speaker, name_room),
                s.turns,
                s.words,
                percent(s.words, f.words)
            )));
        }
        out.push(Line::raw(""));
        out.push(Line::styled(
            format!(
                "{:<w$}  {:>6}  {:>7}  {}",
                "Codings by coder",
                "codes",
                "codings",
                "coverage",
                w = name_room + 2
            ),
            heading,
        ));
        if f.coders.is_empty() {
            out.push(Line::styled("  no codings yet (v selects, c codes)", dim));
        }
        for c in &f.coders {
            out.push(Line::raw(format!(
                "  {:<name_room$}  {:>6}  {:>7}  {:>8}",
                cut(&c.name, name_room),
                c.codes,
                c.codings,
                percent(c.covered, f.characters)
            )));
        }
        if !f.codes.is_empty() {
            out.push(Line::raw(""));
            let title = if f.codes_used > f.codes.len() {
                format!("Most used codes ({} of {})", f.codes.len(), f.codes_used)
            } else {
                "Most used codes".to_string()
            };
            out.push(Line::styled(
                format!(
                    "{:<w$}  {:>6}  {:>7}  {}",
                    cut(&title, name_room + 2),
                    "",
                    "codings",
                    "coverage",
                    w = name_room + 2
                ),
                heading,
            ));
            for (c, colour) in &f.codes {
                let swatch = Style::new().fg(crate::tui::render::code_colour(p, colour));
                out.push(Line::from(vec![
                    Text::styled("● ", swatch),
                    Text::raw(format!(
                        "{:<name_room$}  {:>6}  {:>7}  {:>8}",
                        cut(&c.name, name_room),
                        "",
                        c.codings,
                        percent(c.covered, f.characters)
                    )),
                ]));
            }
        }
        out.push(Line::raw(""));
        match &f.memo {
            Some(memo) => {
                let first = memo.lines().next().unwrap_or_default();
                out.push(Line::from(vec![
                    Text::styled("Memo ", heading),
                    Text::raw(cut(first, width.saturating_sub(5))),
                ]));
            }
            None => out.push(Line::styled("No memo on this document (M writes one)", dim)),
        }
        out
    }

    /// The box on a screen of `area`, and its inner width.
    fn rect(area: Rect) -> Rect {
        centred(area, area.width.saturating_sub(4).min(78), area.height)
    }

    /// Rows that can be scrolled past on the current screen.
    fn most(&self, app: &App) -> usize {
        let rect = Overview::rect(Rect::new(0, 0, app.size.0, app.size.1));
        let inner = (
            usize::from(rect.width.saturating_sub(2)),
            usize::from(rect.height.saturating_sub(2)),
        );
        self.lines(app, inner.0).len().saturating_sub(inner.1)
    }
}

impl Overlay for Overview {
    fn kind(&self) -> OverlayKind {
        OverlayKind::OVERVIEW
    }

    fn keys(mut self: Box<Self>, app: &mut App, key: KeyEvent) -> Vec<Effect> {
        // The key that opened it (bound where the keys were) closes it.
        let here = app.screens.top().context(app);
        let opener = app.keymap.lookup(here, Key::from_event(&key));
        if matches!(opener, Some(Action::Command(c)) if c.name == NAME) {
            return Vec::new();
        }
        let scroll = self.scroll;
        self.scroll = match bound(app, Context::Viewer, &key) {
            Some(Action::Back) => return Vec::new(),
            Some(Action::MoveUp) => scroll.saturating_sub(1),
            Some(Action::MoveDown) => scroll + 1,
            Some(Action::PageUp) => scroll.saturating_sub(10),
            Some(Action::PageDown) => scroll + 10,
            Some(Action::Top) => 0,
            Some(Action::Bottom) => usize::MAX,
            _ => scroll,
        }
        .min(self.most(app));
        app.overlay = Some(self);
        Vec::new()
    }

    /// The wheel scrolls three rows at a time, as in the panes.
    fn mouse(&mut self, app: &mut App, mouse: MouseEvent) {
        self.scroll = match mouse.kind {
            MouseEventKind::ScrollDown => self.scroll + 3,
            MouseEventKind::ScrollUp => self.scroll.saturating_sub(3),
            _ => return,
        }
        .min(self.most(app));
    }

    fn draw(&self, app: &App, frame: &mut Frame, area: Rect) {
        let rect = Overview::rect(area);
        frame.render_widget(Clear, rect);
        let key = |action| letter_key(app, Context::Viewer, action);
        let footer = format!(
            " {}/{} scroll · {} close ",
            key(Action::MoveDown),
            key(Action::MoveUp),
            footer_key(app, Context::Viewer, Action::Back)
        );
        let block = popup(app, format!(" Overview of {} ", self.figures.doc), &footer);
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let lines = self.lines(app, usize::from(inner.width));
        let scroll = self.scroll.min(self.most(app));
        let shown: Vec<Line> = lines.into_iter().skip(scroll).collect();
        frame.render_widget(Paragraph::new(shown), inner);
    }

    fn title(&self) -> Option<&str> {
        Some(&self.figures.title)
    }

    fn scroll(&self) -> Option<usize> {
        Some(self.scroll)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_sliver_is_less_than_one_percent() {
        assert_eq!(super::percent(1, 1000), "<1%");
        assert_eq!(super::percent(0, 0), "0%");
    }
}
