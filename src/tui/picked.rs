//! What happens when a picker choice or a prompt is confirmed: each purpose
//! turns into an edit (through `App::apply`) or a view change.

use super::app::{App, Effect, MemoSubject, Pane, Tone};
use super::overlay::picker::Choice;
use super::overlay::{InputFor, PickFor};
use crate::edit::{Edit, compose, names};
use crate::model::{Code, CodeId, parse_hex_colour};

/// The code a choice names: an existing one, or a new one to add first
/// (see `names::code_or_new`: a typed name of an existing code takes it).
fn code_choice(app: &mut App, codes: &[CodeId], choice: Choice) -> Option<(CodeId, Option<Code>)> {
    match choice {
        Choice::Item(i) => codes.get(i).map(|id| (id.clone(), None)),
        Choice::Create(name) => match names::code_or_new(&app.project, &name) {
            Ok(chosen) => Some(chosen),
            Err(refused) => {
                app.say(format!("{refused}; nothing changed"), Tone::Warning);
                None
            }
        },
    }
}

pub fn picked(app: &mut App, purpose: PickFor, choice: Choice) -> Vec<Effect> {
    match purpose {
        PickFor::CodeRange { doc, range, codes } => {
            let Some((code, new)) = code_choice(app, &codes, choice) else {
                return Vec::new();
            };
            let edit = compose::code_range(&app.project, &doc, &app.coder, range, &code, new);
            app.transcript.anchor = None;
            let effects = app.apply(edit);
            if !effects.is_empty() {
                app.used_code(&code);
            }
            effects
        }
        PickFor::AutoCode { hits, codes } => {
            let Some((code, new)) = code_choice(app, &codes, choice) else {
                return Vec::new();
            };
            let edit = names::with_new_code(&app.project, new, |project| {
                compose::auto_code(project, &hits, &app.coder, &code)
            });
            match edit {
                Some(edit) => {
                    app.used_code(&code);
                    app.apply(edit)
                }
                None => {
                    app.say("every hit is already coded so", Tone::Info);
                    Vec::new()
                }
            }
        }
        PickFor::OpenDocument(docs) => {
            if let Choice::Item(i) = choice
                && let Some(doc) = docs.get(i)
            {
                super::transcript::open_document(app, doc);
                app.focus = Pane::Transcript;
                app.say(format!("opened {doc}"), Tone::Info);
            }
            Vec::new()
        }
        PickFor::Palette(actions) => match choice {
            Choice::Item(i) => actions
                .get(i)
                .map(|a| super::update::update(app, *a))
                .unwrap_or_default(),
            Choice::Create(_) => Vec::new(),
        },
        PickFor::PutInTheme { code, themes } => {
            let Choice::Item(i) = choice else {
                return Vec::new();
            };
            let Some(theme) = themes.get(i).cloned() else {
                return Vec::new();
            };
            // Its own theme again: moving would only send it to the end
            // (and journal a reorder nobody asked for).
            let holder = crate::model::theme::holder_of(&app.project.themes, &code);
            if let Some((held, _)) = holder.filter(|(t, _)| t.id == theme) {
                let text = format!(
                    "'{}' is already in '{}'; nothing changed (K and J reorder)",
                    app.project.code_name(&code),
                    held.name
                );
                app.say(text, Tone::Info);
                return Vec::new();
            }
            let placement = crate::refactor::Placement::Theme { theme, index: None };
            let op = super::refactor_ops::RefactorOp::MoveCode { code, placement };
            super::refactor_ops::run(app, &op, "")
        }
        PickFor::Refactor(pick) => super::refactor_pick::picked(app, *pick, choice),
        PickFor::AutoCodeScope(hits) => {
            super::search::scope_chosen(app, hits, choice);
            Vec::new()
        }
        PickFor::Reload(offer) => super::reload::picked(app, *offer, choice),
        PickFor::Unplaced(all) => super::unplaced::picked(app, all, choice),
        PickFor::Decide(rows) => super::decisions::picked(app, rows, choice),
        PickFor::SplitNotices(all) => super::decisions::split_picked(app, all, choice),
        PickFor::SettleSplit(notice) => super::decisions::settle_split(app, *notice, choice),
        PickFor::SettleUnplaced {
            unplaced,
            selection,
        } => super::unplaced::settle(app, *unplaced, selection, choice),
        PickFor::Recolour { code, colours } => {
            let (colour, typed) = match choice {
                Choice::Item(i) => (colours.get(i).cloned(), String::new()),
                Choice::Create(text) => (
                    parse_hex_colour(&text).map(|_| text.to_ascii_lowercase()),
                    text,
                ),
            };
            let Some(before) = app.project.codes.get(&code).cloned() else {
                return Vec::new();
            };
            let Some(colour) = colour else {
                // Stay in the picker with what was typed, to correct it.
                super::codebook::recolour_picker(app, &code, &typed);
                app.say(
                    format!("'{typed}' is not a colour: pick one, or type one like #e06c75"),
                    Tone::Warning,
                );
                return Vec::new();
            };
            let mut after = before.clone();
            after.color = colour;
            app.apply(Edit::ChangeCode { before, after })
        }
        PickFor::RemoveCoding(options) => match choice {
            Choice::Item(i) => match options.get(i) {
                Some((doc, coder, coding)) => app.apply(Edit::RemoveCoding {
                    doc: doc.clone(),
                    coder: coder.clone(),
                    coding: coding.clone(),
                }),
                None => Vec::new(),
            },
            Choice::Create(_) => Vec::new(),
        },
        PickFor::Layer(layers) => {
            super::layers::picked_layer(app, &layers, choice);
            Vec::new()
        }
        PickFor::CoderPair(pairs) => {
            super::screens::agreement::picked_pair(app, &pairs, choice);
            Vec::new()
        }
        PickFor::Attribute { doc, names } => {
            let name = match choice {
                Choice::Item(i) => names.get(i).cloned(),
                Choice::Create(text) => Some(text.trim().to_string()).filter(|t| !t.is_empty()),
            };
            if let Some(name) = name {
                super::cases::ask_value(app, doc, name);
            }
            Vec::new()
        }
        PickFor::CodingMemo(options) => {
            if let Choice::Item(i) = choice
                && let Some((doc, coder, coding)) = options.get(i)
            {
                super::memo::open(
                    app,
                    MemoSubject::Coding {
                        doc: doc.clone(),
                        coder: coder.clone(),
                        coding: coding.clone(),
                    },
                );
            }
            Vec::new()
        }
    }
}

pub fn entered(app: &mut App, purpose: InputFor, text: String) -> Vec<Effect> {
    let name = text.trim().to_string();
    match purpose {
        InputFor::Search => {
            super::search::search_document(app, &text);
            Vec::new()
        }
        InputFor::SearchProject => {
            super::search::search_project(app, &text);
            Vec::new()
        }
        InputFor::FilterCodes => {
            super::codebook::set_filter(app, text);
            Vec::new()
        }
        InputFor::Refactor(op) => super::refactor_ops::entered(app, &op, &text),
        InputFor::AttributeValue { doc, name } => super::cases::set(app, &doc, &name, &text),
        InputFor::ExtractsFilter => super::screens::extracts_query::set_filter(app, &text),
        _ if name.is_empty() => {
            app.say("a name cannot be empty; nothing changed", Tone::Warning);
            Vec::new()
        }
        InputFor::AddCode => {
            let code = match names::new_code(&app.project, &name) {
                Ok(code) => code,
                Err(refused) => {
                    app.say(format!("{refused}; nothing changed"), Tone::Warning);
                    return Vec::new();
                }
            };
            let id = code.id.clone();
            let effects = app.apply(Edit::AddCode { code });
            super::codebook::select_code(app, &id);
            effects
        }
        InputFor::RenameCode(code) => {
            let op = super::refactor_ops::RefactorOp::RenameCode { code, name };
            super::refactor_ops::run(app, &op, "")
        }
        InputFor::RenameTheme(theme) => {
            let op = super::refactor_ops::RefactorOp::RenameTheme { theme, name };
            super::refactor_ops::run(app, &op, "")
        }
        InputFor::AddTheme { parent } => {
            let (id, edit) = match names::add_theme(&app.project, &name, parent) {
                Ok(added) => added,
                Err(refused) => {
                    app.say(format!("{refused}; nothing changed"), Tone::Warning);
                    return Vec::new();
                }
            };
            let effects = app.apply(edit);
            super::themes::select_theme(app, &id);
            effects
        }
    }
}
