//! The memo editor: a memo (on the project, a document, a code, a theme or
//! one coding) or a theme's definition, edited in a text area. Esc over
//! changed text asks first; ctrl-e carries on in $EDITOR.

use super::popup::{bound_only, centred, discard_warning, editor_key, popup, text_area};
use super::textarea::TextArea;
use super::{Overlay, OverlayKind};
use crate::tui::action::Action;
use crate::tui::app::{App, Effect, MemoSubject, Tone};
use crate::tui::keymap::Context;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
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

impl Overlay for MemoEditor {
    fn kind(&self) -> OverlayKind {
        OverlayKind::MEMO
    }

    fn keys(mut self: Box<Self>, app: &mut App, key: KeyEvent) -> Vec<Effect> {
        let mut arm = false;
        match bound_only(app, Context::Memo, &key) {
            Some(Action::Back) => {
                let changed = self.area.text() != self.original;
                // One stray Esc threw away a whole memo: it asks first.
                if changed && !self.armed {
                    arm = true;
                    let warning = discard_warning(app, Context::Memo);
                    app.say(warning, Tone::Warning);
                } else {
                    let what = match self.subject {
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
            Some(Action::Save) => {
                return crate::tui::memo::save(app, &self.subject, self.area.text());
            }
            Some(Action::EditMemoInEditor) => {
                return vec![Effect::EditInEditor(Box::new(self.subject))];
            }
            _ => self.area.edit(key),
        }
        self.armed = arm;
        app.overlay = Some(self);
        Vec::new()
    }

    fn draw(&self, app: &App, frame: &mut Frame, area: Rect) {
        let (title, text) = (&self.title, &self.area);
        let rect = centred(area, 80, area.height.saturating_sub(4));
        frame.render_widget(Clear, rect);
        let key = |action| editor_key(app, Context::Memo, action);
        let footer = format!(
            " {} save · {} twice discards · {} $EDITOR ",
            key(Action::Save),
            key(Action::Back),
            key(Action::EditMemoInEditor)
        );
        let block = popup(app, format!(" {title} "), &footer);
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        text_area(app, frame, inner, text, true);
    }

    fn title(&self) -> Option<&str> {
        Some(&self.title)
    }
}
