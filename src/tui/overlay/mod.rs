//! Overlays on top of the panes: pickers, prompts, confirmations, result
//! lists, help and text editors. While one is open it takes the keys; these
//! keys are fixed (type, arrows, Enter, Esc) and listed in the help screen.

pub mod picker;
pub mod textarea;

use super::action::Action;
use super::app::{App, Effect, MemoSubject, Tone};
use crate::edit::Edit;
use crate::model::{CodeId, CoderId, Coding, DocId, DocSpan, ThemeId};
use crate::tui::keymap::{Context, Key};
use picker::Picker;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use textarea::TextArea;

/// What a picker's choice is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PickFor {
    /// Code this range; items are `codes`.
    CodeRange {
        doc: DocId,
        range: (usize, usize),
        codes: Vec<CodeId>,
    },
    /// Which unit to code around each project-search hit (then the code).
    AutoCodeScope(Vec<DocSpan>),
    /// Code every hit; items are `codes`.
    AutoCode {
        hits: Vec<DocSpan>,
        codes: Vec<CodeId>,
    },
    OpenDocument(Vec<DocId>),
    Palette(Vec<super::action::Action>),
    PutInTheme {
        code: CodeId,
        themes: Vec<ThemeId>,
    },
    Recolour {
        code: CodeId,
        colours: Vec<String>,
    },
    /// Which of several codings under the cursor to remove.
    RemoveCoding(Vec<(DocId, CoderId, Coding)>),
    /// Which coding's memo to edit.
    CodingMemo(Vec<(DocId, CoderId, Coding)>),
    /// Whose codings the transcript shows.
    Layer(Vec<super::layers::Layer>),
    /// Which two coders the agreement view compares.
    CoderPair(Vec<(String, String)>),
    /// A theme-refactoring choice (target code, place, policy, status).
    Refactor(Box<super::refactor_pick::RefactorPick>),
    /// Files changed on disk while edits are unsaved: re-apply or overwrite.
    Reload(Box<super::reload::Offer>),
    /// Which attribute of a document to edit; items follow `names`.
    Attribute {
        doc: DocId,
        names: Vec<String>,
    },
    /// Codings whose words a transcript correction removed.
    Unplaced(Vec<crate::anchor::Unplaced>),
    /// After a merge: restore a removed code or delete its codings.
    Decide(Vec<super::decisions::Decide>),
    /// After a merge: codings of a split code made beside the split.
    SplitNotices(Vec<crate::refactor::split_notice::SplitNotice>),
    /// Move one of them to the split's new code, keep it, or go to it.
    SettleSplit(Box<crate::refactor::split_notice::SplitNotice>),
    /// What to do with one of them (`selection`: place it there).
    SettleUnplaced {
        unplaced: Box<crate::anchor::Unplaced>,
        selection: Option<(usize, usize)>,
    },
}

/// What a one-line prompt is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputFor {
    Search,
    SearchProject,
    AddCode,
    RenameCode(CodeId),
    RenameTheme(ThemeId),
    AddTheme {
        parent: Option<ThemeId>,
    },
    FilterCodes,
    // The optional reason for a refactor, asked just before doing it.
    Refactor(Box<super::refactor_ops::RefactorOp>),
    /// A new value of a document's attribute.
    AttributeValue {
        doc: DocId,
        name: String,
    },
    /// The extracts query page's filter (role=nurse coder:asha).
    ExtractsFilter,
}

/// One extract in a result list: a span of a document.
pub use crate::model::DocSpan as Extract;

#[derive(Clone, Debug)]
pub enum Overlay {
    Picker {
        picker: Picker,
        purpose: PickFor,
    },
    Input {
        prompt: String,
        text: String,
        purpose: InputFor,
    },
    Confirm {
        message: String,
        // Boxed: an edit is large, and the overlay is moved often.
        edit: Box<Edit>,
    },
    Results {
        title: String,
        items: Vec<Extract>,
        selected: usize,
        /// Set for project-wide search hits, which can be auto-coded.
        codable: bool,
        /// Set for a code's extracts, which can be marked and split off.
        marks: Option<super::extract_marks::ExtractMarks>,
        /// Rows of the reading pane (the selected extract) scrolled past.
        scroll: usize,
    },
    Help {
        scroll: u16,
    },
    /// The message log (`App::messages`), scrolled from the newest.
    Messages {
        scroll: u16,
    },
    Memo {
        subject: MemoSubject,
        title: String,
        area: TextArea,
        original: String,
        /// Esc was pressed once over changed text: a second Esc discards.
        armed: bool,
    },
    CodeForm {
        code: CodeId,
        fields: [TextArea; 4],
        focus: usize,
        /// Esc was pressed once over changed fields: a second Esc discards.
        armed: bool,
    },
}

/// The names of the code form's fields, in order.
pub const CODE_FIELDS: [&str; 4] = ["description", "inclusion", "exclusion", "example"];

const DISCARD_WARNING: &str = "not saved yet: ctrl-s saves, esc again discards the changes";

/// Handles a key while an overlay is open.
pub fn handle_key(app: &mut App, overlay: Overlay, key: KeyEvent) -> Vec<Effect> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match overlay {
        Overlay::Picker {
            mut picker,
            purpose,
        } => {
            let bound = app
                .keymap
                .lookup_only(Context::Picker, Key::from_event(&key))
                .copied();
            let cancelled = bound == Some(Action::Back);
            match bound {
                Some(Action::Back) => app.say("cancelled", Tone::Info),
                Some(Action::Confirm) => {
                    return match picker.choice() {
                        Some(choice) => super::picked::picked(app, purpose, choice),
                        None => {
                            app.say("nothing to choose", Tone::Warning);
                            app.overlay = Some(Overlay::Picker { picker, purpose });
                            Vec::new()
                        }
                    };
                }
                Some(Action::MoveUp) => picker.move_by(-1),
                Some(Action::MoveDown) => picker.move_by(1),
                Some(Action::EraseChar) => picker.backspace(),
                Some(Action::ClearText) => picker.erase(true),
                Some(Action::EraseWord) => picker.erase(false),
                _ => match key.code {
                    KeyCode::Char(c) if !ctrl => picker.type_char(c),
                    _ => {}
                },
            }
            if !cancelled {
                app.overlay = Some(Overlay::Picker { picker, purpose });
            }
            Vec::new()
        }
        Overlay::Input {
            prompt,
            mut text,
            purpose,
        } => {
            let bound = app
                .keymap
                .lookup_only(Context::Prompt, Key::from_event(&key))
                .copied();
            match bound {
                Some(Action::Back) => {
                    if purpose == InputFor::FilterCodes {
                        super::codebook::set_filter(app, String::new());
                    }
                    app.say("cancelled", Tone::Info);
                    return Vec::new();
                }
                Some(Action::Confirm) => return super::picked::entered(app, purpose, text),
                Some(Action::EraseChar) => {
                    text.pop();
                }
                // A rename starts from the old name: ctrl-u clears it.
                Some(Action::ClearText) => text.clear(),
                Some(Action::EraseWord) => picker::erase_word(&mut text),
                _ => match key.code {
                    KeyCode::Char(c) if !ctrl => text.push(c),
                    _ => {}
                },
            }
            if purpose == InputFor::FilterCodes {
                super::codebook::set_filter(app, text.clone());
            }
            app.overlay = Some(Overlay::Input {
                prompt,
                text,
                purpose,
            });
            Vec::new()
        }
        Overlay::Confirm { message, edit } => match app
            .keymap
            .lookup_only(Context::Confirm, Key::from_event(&key))
        {
            Some(Action::Confirm) => app.apply(*edit),
            Some(Action::Decline) => {
                app.say("nothing changed", Tone::Info);
                Vec::new()
            }
            _ => {
                app.overlay = Some(Overlay::Confirm { message, edit });
                Vec::new()
            }
        },
        Overlay::Results {
            title,
            items,
            mut selected,
            codable,
            mut marks,
            mut scroll,
        } => {
            let len = items.len();
            let was = selected;
            // Every key of a list goes through the keymap ("extracts", then
            // "global" for the motions), so each can be rebound and help
            // lists them.
            let bound = app
                .keymap
                .lookup(Context::Extracts, Key::from_event(&key))
                .copied();
            match bound {
                Some(Action::Back) => return Vec::new(),
                Some(Action::Retrieve) => {
                    if let Some(item) = items.get(selected) {
                        super::transcript::jump_to(app, &item.doc, item.start);
                        app.focus = super::app::Pane::Transcript;
                        app.say(format!("extract {} of {len}", selected + 1), Tone::Info);
                    }
                    return Vec::new();
                }
                Some(Action::CodeAllHits) if codable => {
                    super::search::choose_scope(app, items.clone());
                    return Vec::new();
                }
                Some(Action::MarkExtract) if marks.is_some() => {
                    if let Some(m) = &mut marks {
                        m.toggle(selected);
                    }
                    selected = (selected + 1).min(len.saturating_sub(1));
                }
                Some(Action::ToggleStar) if marks.is_some() => {
                    if let (Some(m), Some(item)) = (&marks, items.get(selected)) {
                        let code = m.code.clone();
                        let effects = super::quote_bank::toggle(app, &code, item);
                        app.overlay = Some(Overlay::Results {
                            title,
                            items,
                            selected,
                            codable,
                            marks,
                            scroll,
                        });
                        return effects;
                    }
                }
                Some(Action::SplitMarked) if marks.is_some() => {
                    if let Some(m) = &marks {
                        return super::extract_marks::split(app, m, &items, selected);
                    }
                }
                Some(Action::ReadTurn) if !codable => {
                    app.reading_turn = !app.reading_turn;
                    scroll = 0;
                }
                Some(Action::ReadingDown) => scroll += 1,
                Some(Action::ReadingUp) => {
                    scroll = scroll.saturating_sub(1);
                }
                Some(motion) => {
                    if let Some(next) = motion.list_motion(selected, len, 10) {
                        selected = next;
                    }
                }
                None => {}
            }
            if selected != was {
                scroll = 0;
            }
            let mut overlay = Overlay::Results {
                title,
                items,
                selected,
                codable,
                marks,
                scroll,
            };
            // Scrolling stops at the passage's end, so K comes straight back.
            let most = crate::tui::render::reading_overflow(app, &overlay);
            if let Overlay::Results { scroll, .. } = &mut overlay {
                *scroll = (*scroll).min(most);
            }
            app.overlay = Some(overlay);
            Vec::new()
        }
        Overlay::Help { mut scroll } => {
            match key.code {
                KeyCode::Esc | KeyCode::Char('q' | '?') | KeyCode::Enter => return Vec::new(),
                KeyCode::Up | KeyCode::Char('k') => scroll = scroll.saturating_sub(1),
                KeyCode::Down | KeyCode::Char('j') => scroll = scroll.saturating_add(1),
                KeyCode::Char('u') if ctrl => scroll = scroll.saturating_sub(10),
                KeyCode::Char('d') if ctrl => scroll = scroll.saturating_add(10),
                KeyCode::PageUp => scroll = scroll.saturating_sub(10),
                KeyCode::PageDown | KeyCode::Char(' ') => scroll = scroll.saturating_add(10),
                KeyCode::Home | KeyCode::Char('g') => scroll = 0,
                KeyCode::End | KeyCode::Char('G') => scroll = u16::MAX,
                _ => {}
            }
            // Stop at the last line: scrolling on into blank space hid where
            // the help ends and made the way back up as long.
            let scroll = scroll.min(crate::tui::help::max_scroll(app));
            app.overlay = Some(Overlay::Help { scroll });
            Vec::new()
        }
        Overlay::Messages { mut scroll } => {
            match key.code {
                KeyCode::Char('g') if ctrl => return Vec::new(),
                KeyCode::Esc | KeyCode::Char('q') | KeyCode::Enter => return Vec::new(),
                KeyCode::Up | KeyCode::Char('k') => scroll = scroll.saturating_add(1),
                KeyCode::Down | KeyCode::Char('j') => scroll = scroll.saturating_sub(1),
                KeyCode::PageUp => scroll = scroll.saturating_add(10),
                KeyCode::PageDown | KeyCode::Char(' ') => scroll = scroll.saturating_sub(10),
                KeyCode::Home | KeyCode::Char('g') => scroll = u16::MAX,
                KeyCode::End | KeyCode::Char('G') => scroll = 0,
                _ => {}
            }
            let most = u16::try_from(app.messages.len().saturating_sub(1)).unwrap_or(u16::MAX);
            app.overlay = Some(Overlay::Messages {
                scroll: scroll.min(most),
            });
            Vec::new()
        }
        Overlay::Memo {
            subject,
            title,
            mut area,
            original,
            armed,
        } => {
            let mut arm = false;
            match key.code {
                KeyCode::Esc => {
                    let changed = area.text() != original;
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
                    return super::memo::save(app, &subject, area.text());
                }
                KeyCode::Char('e') if ctrl => {
                    return vec![Effect::EditInEditor(Box::new(subject))];
                }
                _ => edit_area(&mut area, key),
            }
            app.overlay = Some(Overlay::Memo {
                subject,
                title,
                area,
                original,
                armed: arm,
            });
            Vec::new()
        }
        Overlay::CodeForm {
            code,
            mut fields,
            mut focus,
            armed,
        } => {
            let mut arm = false;
            match key.code {
                KeyCode::Esc => {
                    // Esc dropped the typed definition and said "unchanged".
                    let changed = super::codebook::form_changed(app, &code, &fields);
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
                    return super::codebook::save_form(app, &code, &fields);
                }
                KeyCode::Tab => focus = (focus + 1) % fields.len(),
                KeyCode::BackTab => focus = (focus + fields.len() - 1) % fields.len(),
                _ => edit_area(&mut fields[focus], key),
            }
            app.overlay = Some(Overlay::CodeForm {
                code,
                fields,
                focus,
                armed: arm,
            });
            Vec::new()
        }
    }
}

/// Keys of a text area: typing, arrows, Enter for a new line.
fn edit_area(area: &mut TextArea, key: KeyEvent) {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return;
    }
    match key.code {
        KeyCode::Char(c) => area.insert_char(c),
        KeyCode::Enter => area.newline(),
        KeyCode::Backspace => area.backspace(),
        KeyCode::Delete => area.delete(),
        KeyCode::Left => area.left(),
        KeyCode::Right => area.right(),
        KeyCode::Up => area.up(),
        KeyCode::Down => area.down(),
        KeyCode::Home => area.home(),
        KeyCode::End => area.end(),
        KeyCode::Tab => {
            for _ in 0..4 {
                area.insert_char(' ');
            }
        }
        _ => {}
    }
}

/// The fixed keys of overlays, for the help screen.
pub const OVERLAY_KEYS: [(&str, &str); 6] = [
    ("type", "write in a memo or a code's definition"),
    ("enter", "new line in a memo"),
    ("esc", "close (over changed text: twice, to discard)"),
    ("ctrl-s", "save a memo or a code's definition"),
    ("ctrl-e", "continue a memo in $EDITOR"),
    ("tab", "next field of a code's definition"),
];
