//! The code form: a code's description, inclusion and exclusion criteria
//! and example, one text area each, saved together as one edit.

use super::memo::DISCARD_WARNING;
use super::popup::{centred, popup, text_area};
use super::textarea::TextArea;
use super::{Overlay, OverlayKind};
use crate::model::CodeId;
use crate::tui::app::{App, Effect, Tone};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
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
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let (code, fields, armed) = (&self.code, &mut self.fields, self.armed);
        let mut focus = self.focus;
        let mut arm = false;
        match key.code {
            KeyCode::Esc => {
                // Esc dropped the typed definition and said "unchanged".
                let changed = crate::tui::codebook::form_changed(app, code, fields);
                if changed && !armed {
                    arm = true;
                    app.say(DISCARD_WARNING, Tone::Warning);
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
            KeyCode::Char('s') if ctrl => {
                return crate::tui::codebook::save_form(app, code, fields);
            }
            KeyCode::Tab => focus = (focus + 1) % fields.len(),
            KeyCode::BackTab => focus = (focus + fields.len() - 1) % fields.len(),
            _ => fields[focus].edit(key),
        }
        self.focus = focus;
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
        let block = popup(
            app,
            format!(" Code '{name}' "),
            " tab next field · ctrl-s save · esc close ",
        );
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
