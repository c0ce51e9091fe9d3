//! The agreement view: a table of codes, worst agreement first, over the
//! panes. Kappa is coloured by the usual reading of it (below 0.4 poor, below
//! 0.7 moderate), or left plain without colour.

use super::{AgreementRow, AgreementView};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Context;
use crate::tui::palette::Palette;
use crate::tui::render::{fit, selected_style};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

/// Width of the figures after the code name: kappa, alpha, agreement.
const FIGURES: usize = 7 + 7 + 8;
/// Width of the worst-document column, shown when there is room.
const WORST: usize = 16;

pub fn render(app: &App, view: &AgreementView, frame: &mut Frame, area: Rect) {
    let p = &app.palette;
    // Over the panes, above the status line.
    let rect = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    frame.render_widget(Clear, rect);
    let title = format!(
        " Agreement: {} and {} · {} · worst first ",
        view.coders[0],
        view.coders[1],
        crate::text::count(view.documents.len(), "document", "documents")
    );
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Style::new().fg(p.border_focused))
        .title(Span::styled(
            fit(&title, usize::from(rect.width.saturating_sub(2))),
            Style::new().fg(p.accent).add_modifier(Modifier::BOLD),
        ))
        .title_bottom(Span::styled(footer(app), Style::new().fg(p.dim)))
        .style(Style::new().fg(p.text).bg(p.background));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let width = usize::from(inner.width);
    let show_worst = width >= 24 + FIGURES + WORST;
    // Names as wide as the longest, so the figures stay next to them.
    let longest = view.rows.iter().map(|r| r.name.width()).max().unwrap_or(0);
    let name_width = width
        .saturating_sub(FIGURES + if show_worst { WORST } else { 0 })
        .min(longest.max(8) + 2);
    let head = Style::new().fg(p.dim).add_modifier(Modifier::BOLD);
    let mut header = format!(
        "{:<name_width$}{:>7}{:>7}{:>8}",
        "code", "kappa", "alpha", "agree"
    );
    if show_worst {
        header.push_str(&format!("  {:<width$}", "most apart", width = WORST - 2));
    }
    let mut lines = vec![Line::styled(fit(&header, width), head)];
    let height = usize::from(inner.height).saturating_sub(2);
    if view.rows.is_empty() {
        lines.push(Line::styled(
            "neither coder has used a code in these documents",
            Style::new().fg(p.dim),
        ));
    }
    let top = view.selected.saturating_sub(height.saturating_sub(1));
    for (i, row) in view.rows.iter().enumerate().skip(top).take(height) {
        let mut line = row_line(p, row, name_width, show_worst);
        if i == view.selected {
            line = line.patch_style(selected_style(p, true));
        }
        lines.push(line);
    }
    // The overall figures on the last row of the box.
    while lines.len() < usize::from(inner.height).saturating_sub(1) {
        lines.push(Line::raw(""));
    }
    let o = &view.overall;
    let mut overall = if o.no_variation {
        format!(
            "overall: kappa, alpha n/a (no variation) · {:.1}% agree",
            o.agreement
        )
    } else {
        format!(
            "overall: kappa {} · alpha {} · {:.1}% agree",
            kappa_text(o.kappa),
            figure(o.alpha),
            o.agreement
        )
    };
    if view.unused > 0 {
        overall.push_str(&format!(
            " · {} codes used by neither not listed",
            view.unused
        ));
    }
    lines.push(Line::styled(
        fit(&overall, width),
        Style::new().fg(p.accent),
    ));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The keys along the foot, as bound now: one of each, the longest name
/// (keys are listed shortest first), so "esc" rather than "q".
fn footer(app: &App) -> String {
    let key = |action| {
        app.keymap
            .keys_for(Context::Agreement, &action)
            .last()
            .map_or_else(|| "?".to_string(), ToString::to_string)
    };
    format!(
        " {} side by side · {} other coders · {} close ",
        key(Action::Retrieve),
        key(Action::ChooseCoderPair),
        key(Action::Back)
    )
}

/// Two decimals, never "-0.00" (a tiny negative rounds to plain zero).
fn figure(value: f64) -> String {
    let text = format!("{value:.2}");
    if text == "-0.00" { "0.00".into() } else { text }
}

fn kappa_text(kappa: Option<f64>) -> String {
    kappa.map_or_else(|| "—".to_string(), figure)
}

/// The colour of a kappa: poor, moderate or good.
fn kappa_colour(p: &Palette, kappa: Option<f64>) -> Color {
    match kappa {
        _ if p.monochrome => Color::Reset,
        Some(k) if k < 0.4 => p.error,
        Some(k) if k < 0.7 => p.warning,
        Some(_) => p.ok,
        None => p.text,
    }
}

fn row_line<'a>(p: &Palette, row: &AgreementRow, name_width: usize, show_worst: bool) -> Line<'a> {
    let name = fit(&row.name, name_width.saturating_sub(1));
    let pad = name_width.saturating_sub(name.width());
    let s = &row.scores;
    let mut spans = vec![
        Span::raw(name),
        Span::raw(" ".repeat(pad)),
        // Undefined (0/0) where nobody varies: "n/a", never a perfect 1.
        Span::styled(
            format!(
                "{:>7}",
                if s.no_variation {
                    "n/a".to_string()
                } else {
                    kappa_text(s.kappa)
                }
            ),
            Style::new().fg(kappa_colour(p, s.kappa.filter(|_| !s.no_variation))),
        ),
        Span::raw(format!(
            "{:>7}",
            if s.no_variation {
                "n/a".to_string()
            } else {
                figure(s.alpha)
            }
        )),
        Span::raw(format!("{:>7.1}%", s.agreement)),
    ];
    if show_worst {
        let worst = row
            .worst
            .as_ref()
            .map_or_else(String::new, |(doc, n)| format!("{doc} ({n} ch)"));
        spans.push(Span::styled(
            format!("  {}", fit(&worst, WORST - 2)),
            Style::new().fg(p.dim),
        ));
    }
    Line::from(spans)
}
