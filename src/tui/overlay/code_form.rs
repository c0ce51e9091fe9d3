//! The code form: a code's description, inclusion and exclusion criteria
//! and example, one text area each, saved together as one edit.

use super::popup::{bound_only, centred, discard_warning, editor_key, popup, text_area};
use super::textarea::TextArea;
use super::{Overlay, OverlayKind};
use crate::model::CodeId;
use crate::tui::action::Action;
use crate::tui::app::{App, Effect, Tone};
use crate::tui::keymap::Context;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::{Block, Clear};

impl OverlayKind {
    pub const CODE_FORM: OverlayKind = OverlayKind {
        name: "code form",
        badge: "EDIT",
    };
}

/// The names of the code form's fields, in order.
pub const CODE_FIELDS: [&str; 4] = ["description", "inclusion", "exclusion", "example"];

pub struct CodeForm {
    pub code: CodeId,
    pub fields: [TextArea; 4],
    pub focus: usize,
    /// Esc was pressed once over changed fields: a second Esc discards.
    pub armed: bool,
}

impl CodeForm {
    /// The form for `code` as the codebook has it.
    pub fn new(code: &crate::model::Code) -> CodeForm {
        CodeForm {
            code: code.id.clone(),
            fields: [
                TextArea::at_end(&code.description),
                TextArea::at_end(&code.inclusion),
                TextArea::at_end(&code.exclusion),
                TextArea::at_end(&code.example),
            ],
            focus: 0,
            armed: false,
        }
    }
}

impl Overlay for CodeForm {
    fn kind(&self) -> OverlayKind {
        OverlayKind::CODE_FORM
    }

    fn keys(mut self: Box<Self>, app: &mut App, key: KeyEvent) -> Vec<Effect> {
        let mut arm = false;
        let fields = self.fields.len();
        match bound_only(app, Context::CodeForm, &key) {
            Some(Action::Back) => {
                // Esc dropped the typed definition and said "unchanged".
                let changed = crate::tui::codebook::form_changed(app, &self.code, &self.fields);
                if changed && !self.armed {
                    arm = true;
                    let warning = discard_warning(app, Context::CodeForm);
                    app.say(warning, Tone::Warning);
                } else {
                    app.say(
                        if changed {
                            "definition edits discarded"
                        } else {
                            "definition unchanged"
                        },
                        Tone::Info,
                    );
                    return Vec::new();
                }
            }
            Some(Action::Save) => {
                return crate::tui::codebook::save_form(app, &self.code, &self.fields);
            }
            Some(Action::NextField) => self.focus = (self.focus + 1) % fields,
            Some(Action::PrevField) => self.focus = (self.focus + fields - 1) % fields,
            _ => self.fields[self.focus].edit(key),
        }
        self.armed = arm;
        app.overlay = Some(self);
        Vec::new()
    }

    fn draw(&self, app: &App, frame: &mut Frame, area: Rect) {
        let (code, fields, focus) = (&self.code, &self.fields, &self.focus);
        let p = &app.palette;
        let dim = Style::new().fg(p.dim);
        let rect = centred(area, 80, area.height.saturating_sub(2));
        frame.render_widget(Clear, rect);
        let name = app.project.code_name(code).to_string();
        let key = |action| editor_key(app, Context::CodeForm, action);
        let footer = format!(
            " {} next field · {} save · {} close ",
            key(Action::NextField),
            key(Action::Save),
            key(Action::Back)
        );
        let block = popup(app, format!(" Code '{name}' "), &footer);
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
            text_area(app, frame, field_area, field, i == *focus);
        }
    }

    fn title(&self) -> Option<&str> {
        Some(CODE_FIELDS[self.focus])
    }
}
