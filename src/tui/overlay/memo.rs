//! The memo editor: a memo (on the project, a document, a code, a theme or
//! one coding) or a theme's definition, edited in a text area. Esc over
//! changed text asks first; ctrl-e carries on in $EDITOR.

use super::popup::{centred, popup, text_area};
use super::textarea::TextArea;
use super::{Overlay, OverlayKind};
use crate::tui::app::{App, Effect, MemoSubject, Tone};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::widgets::Clear;

impl OverlayKind {
    pub const MEMO: OverlayKind = OverlayKind {
        name: "memo",
        badge: "EDIT",
    };
}

pub struct MemoEditor {
    pub subject: MemoSubject,
    pub title: String,
    pub area: TextArea,
    pub original: String,
    /// Esc was pressed once over changed text: a second Esc discards.
    pub armed: bool,
}

pub const DISCARD_WARNING: &str = "not saved yet: ctrl-s saves, esc again discards the changes";

impl Overlay for MemoEditor {
    fn kind(&self) -> OverlayKind {
        OverlayKind::MEMO
    }

    fn keys(mut self: Box<Self>, app: &mut App, key: KeyEvent) -> Vec<Effect> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let (subject, area, original, armed) =
            (&self.subject, &mut self.area, &self.original, self.armed);
        let mut arm = false;
        match key.code {
            KeyCode::Esc => {
                let changed = area.text() != *original;
                // One stray Esc threw away a whole memo: it asks first.
                if changed && !armed {
                    arm = true;
                    app.say(DISCARD_WARNING, Tone::Warning);
                } else {
                    let what = match subject {
                        MemoSubject::ThemeDefinition(_) => "definition",
                        _ => "memo",
                    };
                    let outcome = if changed {
                        "edit discarded"
                    } else {
                        "unchanged"
                    };
                    app.say(format!("{what} {outcome}"), Tone::Info);
                    return Vec::new();
                }
            }
            KeyCode::Char('s') if ctrl => {
                return crate::tui::memo::save(app, subject, area.text());
            }
            KeyCode::Char('e') if ctrl => {
                return vec![Effect::EditInEditor(Box::new(self.subject))];
            }
            _ => area.edit(key),
        }
        self.armed = arm;
        app.overlay = Some(self);
        Vec::new()
    }

    fn draw(&self, app: &App, frame: &mut Frame, area: Rect) {
        let (title, text) = (&self.title, &self.area);
        let rect = centred(area, 80, area.height.saturating_sub(4));
        frame.render_widget(Clear, rect);
        let block = popup(
            app,
            format!(" {title} "),
            " ctrl-s save · esc twice discards · ctrl-e $EDITOR ",
        );
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        text_area(app, frame, inner, text, true);
    }

    fn title(&self) -> Option<&str> {
        Some(&self.title)
    }
}
