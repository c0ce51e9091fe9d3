//! A picker: a fuzzy list over the screen (codes, documents, commands...).
//! What a choice is for is a `PickPurpose` each feature defines and
//! completes in its own file, beside the code that opens the picker.

pub use super::fuzzy::{Choice, PickItem, Picker, erase_word};

use super::popup::{clear_of_selection, footer_key, popup, wrapped};
use super::{Overlay, OverlayKind};
use crate::tui::action::Action;
use crate::tui::app::{App, Effect, Tone};
use crate::tui::keymap::{Context, Key};
use crate::tui::render::{code_colour, fit, selected_style};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use std::any::Any;

impl OverlayKind {
    pub const PICKER: OverlayKind = OverlayKind {
        name: "picker",
        badge: "PICK",
    };
}

/// What a picker's choice is for: completed by the feature that opened it.
pub trait PickPurpose: Any {
    /// Enter chose `choice` (the picker is closed by then).
    fn picked(self: Box<Self>, app: &mut App, choice: Choice) -> Vec<Effect>;
}

/// An open picker and what its choice is for.
pub struct PickerOverlay {
    pub picker: Picker,
    pub purpose: Box<dyn PickPurpose>,
}

/// Opens `picker` to choose for `purpose`.
pub fn open(app: &mut App, picker: Picker, purpose: impl PickPurpose) {
    super::open(
        app,
        PickerOverlay {
            picker,
            purpose: Box::new(purpose),
        },
    );
}

/// The open picker's list, to change (a title set after opening).
pub fn open_picker(app: &mut App) -> Option<&mut Picker> {
    super::open_mut::<PickerOverlay>(app).map(|o| &mut o.picker)
}

impl PickerOverlay {
    /// What the picker is for, if it is a `P`.
    pub fn purpose<P: PickPurpose>(&self) -> Option<&P> {
        (self.purpose.as_ref() as &dyn Any).downcast_ref()
    }
}

impl Overlay for PickerOverlay {
    fn kind(&self) -> OverlayKind {
        OverlayKind::PICKER
    }

    fn keys(mut self: Box<Self>, app: &mut App, key: KeyEvent) -> Vec<Effect> {
        let picker = &mut self.picker;
        let bound = app
            .keymap
            .lookup_only(Context::Picker, Key::from_event(&key))
            .copied();
        match bound {
            Some(Action::Back) => {
                app.say("cancelled", Tone::Info);
                return Vec::new();
            }
            Some(Action::Confirm) => match picker.choice() {
                Some(choice) => return self.purpose.picked(app, choice),
                None => app.say("nothing to choose", Tone::Warning),
            },
            Some(Action::MoveUp) => picker.move_by(-1),
            Some(Action::MoveDown) => picker.move_by(1),
            Some(Action::EraseChar) => picker.backspace(),
            Some(Action::ClearText) => picker.erase(true),
            Some(Action::EraseWord) => picker.erase(false),
            _ => match key.code {
                KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    picker.type_char(c)
                }
                _ => {}
            },
        }
        app.overlay = Some(self);
        Vec::new()
    }

    fn draw(&self, app: &App, frame: &mut Frame, area: Rect) {
        let picker = &self.picker;
        let p = &app.palette;
        let dim = Style::new().fg(p.dim);
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
                let room = width
                    .saturating_sub(2 + unicode_width::UnicodeWidthStr::width(label.as_str()) + 2);
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

    fn title(&self) -> Option<&str> {
        Some(&self.picker.title)
    }

    fn items(&self) -> Vec<String> {
        self.picker
            .matches
            .iter()
            .map(|&i| self.picker.items[i].label.clone())
            .collect()
    }

    fn selected(&self) -> Option<usize> {
        Some(self.picker.selected)
    }

    fn typed(&self) -> Option<&str> {
        Some(&self.picker.query)
    }
}

/// 70 columns, or wider (up to the screen) when the title or a row needs it:
/// the reload offer's title and hints were cut off at 70 on a wide screen.
fn picker_width(picker: &Picker) -> u16 {
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
