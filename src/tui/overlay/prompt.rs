//! A one-line prompt at the bottom of the screen (a new name, a search, the
//! reason for a refactor). What the answer is for is a `PromptPurpose` each
//! feature defines and completes in its own file.

use super::popup::{footer_key, popup, wrapped};
use super::{Overlay, OverlayKind};
use crate::tui::action::Action;
use crate::tui::app::{App, Effect, Tone};
use crate::tui::keymap::{Context, Key};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use std::any::Any;

impl OverlayKind {
    pub const PROMPT: OverlayKind = OverlayKind {
        name: "prompt",
        badge: "PROMPT",
    };
}

/// What a prompt's answer is for: completed by the feature that asked.
pub trait PromptPurpose: Any {
    /// Enter gave `text` (the prompt is closed by then).
    fn entered(self: Box<Self>, app: &mut App, text: String) -> Vec<Effect>;

    /// The text changed (a filter follows the typing).
    fn edited(&self, _app: &mut App, _text: &str) {}

    /// Esc closed the prompt.
    fn cancelled(&self, _app: &mut App) {}
}

/// An open prompt: its question, what is typed, and what it is for.
pub struct Prompt {
    /// Lines before the last explain the question (a refactor's preview).
    pub prompt: String,
    pub text: String,
    pub purpose: Box<dyn PromptPurpose>,
}

/// Asks `prompt`, starting from `text`, for `purpose`.
pub fn open(
    app: &mut App,
    prompt: impl Into<String>,
    text: impl Into<String>,
    purpose: impl PromptPurpose,
) {
    super::open(
        app,
        Prompt {
            prompt: prompt.into(),
            text: text.into(),
            purpose: Box::new(purpose),
        },
    );
}

/// The trimmed name typed, or None (and a warning) when it is empty.
pub fn name_given(app: &mut App, text: &str) -> Option<String> {
    let name = text.trim();
    if name.is_empty() {
        app.say("a name cannot be empty; nothing changed", Tone::Warning);
        return None;
    }
    Some(name.to_string())
}

impl Prompt {
    /// What the prompt is for, if it is a `P`.
    pub fn purpose<P: PromptPurpose>(&self) -> Option<&P> {
        (self.purpose.as_ref() as &dyn Any).downcast_ref()
    }
}

impl Overlay for Prompt {
    fn kind(&self) -> OverlayKind {
        OverlayKind::PROMPT
    }

    fn keys(mut self: Box<Self>, app: &mut App, key: KeyEvent) -> Vec<Effect> {
        let bound = app
            .keymap
            .lookup_only(Context::Prompt, Key::from_event(&key))
            .copied();
        let text = &mut self.text;
        match bound {
            Some(Action::Back) => {
                self.purpose.cancelled(app);
                app.say("cancelled", Tone::Info);
                return Vec::new();
            }
            Some(Action::Confirm) => return self.purpose.entered(app, self.text),
            Some(Action::EraseChar) => {
                text.pop();
            }
            // A rename starts from the old name: ctrl-u clears it.
            Some(Action::ClearText) => text.clear(),
            Some(Action::EraseWord) => super::fuzzy::erase_word(text),
            _ => match key.code {
                KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => text.push(c),
                _ => {}
            },
        }
        self.purpose.edited(app, &self.text);
        app.overlay = Some(self);
        Vec::new()
    }

    fn draw(&self, app: &App, frame: &mut Frame, area: Rect) {
        let (prompt, text) = (&self.prompt, &self.text);
        let p = &app.palette;
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

    fn title(&self) -> Option<&str> {
        Some(&self.prompt)
    }

    fn typed(&self) -> Option<&str> {
        Some(&self.text)
    }
}
