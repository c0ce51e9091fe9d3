//! Drawing: a pure function of `&App` into a frame. The top screen draws
//! itself (see `screens`) and an open overlay draws itself, last; here are
//! the panes, one file each, the status line, and the pieces screens and
//! overlays share. Colours come only from the palette (or none, NO_COLOR).

mod banner;
mod compare;
mod gauge;
pub(crate) mod reading;
mod side;
mod status;
mod transcript;

use super::app::{App, Pane};
use super::geometry;
use crate::tui::palette::{Palette, parse_colour};
use ratatui::Frame;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, BorderType};

/// A full page (charts, an extracts query): plain text lines scrolled to
/// `top`, in a focused frame with a bold title and its keys along the bottom.
pub fn page_text(
    app: &App,
    frame: &mut Frame,
    area: ratatui::layout::Rect,
    (title, footer): (String, String),
    lines: Vec<String>,
    top: usize,
) {
    let p = &app.palette;
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Style::new().fg(p.border_focused))
        .title(ratatui::text::Span::styled(
            title,
            Style::new().fg(p.accent).add_modifier(Modifier::BOLD),
        ))
        .title_bottom(ratatui::text::Span::styled(footer, Style::new().fg(p.dim)));
    let shown: Vec<ratatui::text::Line> = lines
        .into_iter()
        .skip(top)
        .map(ratatui::text::Line::raw)
        .collect();
    frame.render_widget(ratatui::widgets::Paragraph::new(shown).block(block), area);
}

/// The top screen (see `Screens::top`), then the banner, the gauge of long
/// work and the status line, then the overlay over all: in the order keys
/// reach them, the other way round.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let base = Style::new().fg(app.palette.text).bg(app.palette.background);
    frame.buffer_mut().set_style(area, base);
    let top = app.screens.top();
    top.draw(app, frame, area);
    if !top.covers_status_line() {
        let page_area = crate::tui::screens::above_status(area);
        banner::render(app, frame, page_area);
        if let Some(job) = &app.job {
            gauge::render(app, job, frame, page_area);
        }
        crate::tui::loading::draw(app, frame, page_area);
        status::render(app, frame, geometry::screen(area, app.focus).status);
    }
    if let Some(overlay) = &app.overlay {
        overlay.draw(app, frame, area);
    }
}

/// The three panes, as `geometry` places them.
pub(crate) fn panes(app: &App, frame: &mut Frame, screen: &geometry::Screen) {
    if let Some(rect) = screen.transcript {
        transcript::render(app, frame, rect);
    }
    if let Some(rect) = screen.codebook {
        side::render_codebook(app, frame, rect);
    }
    if let Some(rect) = screen.themes {
        side::render_themes(app, frame, rect);
    }
}

/// A pane's border, highlighted when it has the focus. In monochrome the
/// focused pane gets a thick border instead of a colour.
fn pane_block<'a>(app: &App, pane: Pane, title: String) -> Block<'a> {
    let focused = app.focus == pane;
    let p = &app.palette;
    let (border, kind) = if focused {
        (
            Style::new().fg(p.border_focused),
            if p.monochrome {
                BorderType::Thick
            } else {
                BorderType::Rounded
            },
        )
    } else {
        (Style::new().fg(p.border), BorderType::Rounded)
    };
    let title_style = if focused {
        Style::new().fg(p.accent).add_modifier(Modifier::BOLD)
    } else {
        Style::new().fg(p.dim)
    };
    Block::bordered()
        .border_type(kind)
        .border_style(border)
        .title(ratatui::text::Span::styled(title, title_style))
}

/// The display colour of a code (`#rrggbb` in the codebook), or none in
/// monochrome.
pub(crate) fn code_colour(palette: &Palette, hex: &str) -> Color {
    if palette.monochrome {
        Color::Reset
    } else {
        parse_colour(hex).unwrap_or(palette.accent)
    }
}

/// A code's display name and colour; an unknown id shows as itself in the
/// accent colour (as `Project::code_name` does for the name).
pub(crate) fn code_look<'a>(app: &'a App, id: &'a crate::model::CodeId) -> (&'a str, Color) {
    let colour = app
        .project
        .codes
        .get(id)
        .map_or(app.palette.accent, |c| code_colour(&app.palette, &c.color));
    (app.project.code_name(id), colour)
}

/// The style of the selected row of a list.
pub(crate) fn selected_style(palette: &Palette, focused: bool) -> Style {
    if palette.monochrome {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    } else if focused {
        Style::new()
            .fg(palette.selection_fg)
            .bg(palette.selection_bg)
    } else {
        Style::new().add_modifier(Modifier::UNDERLINED)
    }
}

/// Cuts `text` to at most `width` display cells, adding "…" when cut.
pub(crate) fn fit(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}
