//! The resolver screen: which conflict of how many, its file and line, the
//! lines just before it, then the two sides, side by side when there is room
//! and stacked otherwise (80x24), and the keys as bound now.

use super::{Resolver, key_for};
use crate::merge::conflicts::Keep;
use crate::merge::value::Side;
use crate::tui::action::Action;
use crate::tui::keymap::Keymap;
use crate::tui::palette::Palette;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};
use std::path::Path;

/// Below this width the two sides are stacked.
const SIDE_BY_SIDE_MIN_WIDTH: u16 = 100;

/// Draws `resolver` for the project in `dir` over the whole of `area`.
pub fn render(
    resolver: &Resolver,
    dir: &Path,
    (p, keymap): (&Palette, &Keymap<Action>),
    frame: &mut Frame,
    area: Rect,
) {
    frame
        .buffer_mut()
        .set_style(area, Style::new().fg(p.text).bg(p.background));
    let Some(shown) = resolver.shown() else {
        return;
    };
    let context_rows = shown.conflict.context.len() as u16;
    let [title, context, sides, footer] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(context_rows),
        Constraint::Min(4),
        Constraint::Length(1),
    ])
    .areas(area);

    let accent = Style::new().fg(p.accent).add_modifier(Modifier::BOLD);
    let dim = Style::new().fg(p.dim);
    let heading = Line::from(vec![
        Span::styled(
            format!(
                " Merge conflict {} of {} ",
                resolver.selected + 1,
                resolver.order.len()
            ),
            accent,
        ),
        Span::styled(
            format!(
                " {}:{} ",
                dir.join(&shown.file.rel).display(),
                shown.conflict.line
            ),
            Style::new().fg(p.text),
        ),
        Span::styled(
            format!(
                "· {} of {} decided",
                resolver.decided(),
                resolver.order.len()
            ),
            dim,
        ),
    ]);
    let explain = Line::styled(
        " Both branches changed these lines; keep one side. Written when all are decided.",
        dim,
    );
    frame.render_widget(Paragraph::new(vec![heading, explain]), title);

    let first = shown
        .conflict
        .line
        .saturating_sub(shown.conflict.context.len());
    let lines: Vec<Line> = shown
        .conflict
        .context
        .iter()
        .enumerate()
        .map(|(i, text)| {
            Line::from(vec![
                Span::styled(format!("{:>5} ", first + i), Style::new().fg(p.line_number)),
                Span::styled(text.clone(), dim),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), context);

    let [ours, theirs] = if sides.width >= SIDE_BY_SIDE_MIN_WIDTH {
        Layout::horizontal([Constraint::Percentage(50); 2]).areas(sides)
    } else {
        Layout::vertical([Constraint::Percentage(50); 2]).areas(sides)
    };
    let names = resolver.sides.as_ref();
    side(
        (p, keymap),
        frame,
        ours,
        (Side::Ours, names.map(|n| n.0.as_str())),
        &shown.conflict.ours,
        shown.kept.as_ref(),
    );
    side(
        (p, keymap),
        frame,
        theirs,
        (Side::Theirs, names.map(|n| n.1.as_str())),
        &shown.conflict.theirs,
        shown.kept.as_ref(),
    );

    let (text, style) = match &resolver.message {
        Some(message) => (format!(" {message}"), Style::new().fg(p.warning)),
        None => (
            format!(
                " {}",
                Resolver::key_hint(
                    keymap,
                    [
                        "keep ours",
                        "keep theirs",
                        "keep both",
                        "edit",
                        "next/previous",
                        "leave without writing",
                    ]
                )
            ),
            Style::new().fg(p.status_fg).bg(p.status_bg),
        ),
    };
    frame.render_widget(
        Paragraph::new(Line::styled(text, style)).style(style),
        footer,
    );
}

/// One side's box: its key and name in the title, marked when kept.
/// `branch` names the branch behind the side ("ours (alice)").
fn side(
    (p, keymap): (&Palette, &Keymap<Action>),
    frame: &mut Frame,
    area: Rect,
    (this, branch): (Side, Option<&str>),
    text: &str,
    kept: Option<&Keep>,
) {
    let (key, side) = match this {
        Side::Ours => (key_for(keymap, Action::KeepOurs), "ours"),
        Side::Theirs => (key_for(keymap, Action::KeepTheirs), "theirs"),
    };
    let (both, edit) = (
        key_for(keymap, Action::KeepBoth),
        key_for(keymap, Action::EditConflict),
    );
    let name = match branch.filter(|b| *b != side) {
        Some(branch) => format!("{side} ({branch})"),
        None => side.to_string(),
    };
    let chosen =
        kept == Some(&Keep::from(this)) || matches!(kept, Some(Keep::Both | Keep::Edited(_)));
    let title = if kept == Some(&Keep::Both) {
        format!(" {key}  keep {name} · kept, with the other side ({both}) ")
    } else if let Some(Keep::Edited(_)) = kept {
        format!(" {key}  keep {name} · replaced by your edit ({edit}) ")
    } else if chosen {
        format!(" {key}  keep {name} · kept ")
    } else {
        format!(" {key}  keep {name} ")
    };
    let (border, kind, title_style) = if chosen {
        (
            Style::new().fg(p.ok),
            if p.monochrome {
                BorderType::Thick
            } else {
                BorderType::Rounded
            },
            Style::new().fg(p.ok).add_modifier(Modifier::BOLD),
        )
    } else {
        (
            Style::new().fg(p.border),
            BorderType::Rounded,
            Style::new().fg(p.accent),
        )
    };
    let block = Block::bordered()
        .border_type(kind)
        .border_style(border)
        .title(Span::styled(title, title_style));
    let body: Vec<Line> = if text.is_empty() {
        vec![Line::styled(
            "(nothing: these lines are removed)",
            Style::new().fg(p.dim),
        )]
    } else {
        text.lines().map(|l| Line::raw(l.to_string())).collect()
    };
    frame.render_widget(
        Paragraph::new(body).block(block).wrap(Wrap { trim: false }),
        area,
    );
}
