//! Coding in the transcript: `c` through the picker, `C` in vivo, `.` to
//! repeat, `x` to remove, `>`/`<` to widen or narrow by a word.

use super::app::{App, Effect, Tone};
use super::overlay::picker::{self, Choice, PickItem, PickPurpose, Picker};
use super::transcript::document;
use crate::edit::{Edit, compose};
use crate::model::{CodeId, CoderId, Coding, DocId};
use crate::text::words;

/// The open document and the selected range, or a message saying what to do.
fn selected_range(app: &mut App) -> Option<(DocId, (usize, usize))> {
    let doc = document(app)?;
    match app.transcript.selection(doc) {
        Some((start, end)) if start < end => Some((doc.id.clone(), (start, end))),
        _ => {
            let select = app.keys_label(super::action::Action::Select);
            let lines = app.keys_label(super::action::Action::SelectLines);
            app.say(
                format!("select a passage first ({select} by characters, {lines} by lines)"),
                Tone::Warning,
            );
            None
        }
    }
}

/// Codes in picker order: recently used first, then by name.
pub fn codes_for_picker(app: &App) -> (Vec<CodeId>, Vec<PickItem>) {
    let usage = &app.usage;
    let mut ids: Vec<CodeId> = app.recent_codes.clone();
    let mut rest: Vec<&crate::model::Code> = app
        .project
        .codes
        .values()
        .filter(|c| !ids.contains(&c.id))
        .collect();
    rest.sort_by_key(|c| c.name.to_lowercase());
    ids.extend(rest.into_iter().map(|c| c.id.clone()));
    let items = ids
        .iter()
        .filter_map(|id| app.project.codes.get(id))
        .map(|code| {
            let (n, docs) = usage.get(&code.id).copied().unwrap_or_default();
            let recent = if app.recent_codes.contains(&code.id) {
                "recent · "
            } else {
                ""
            };
            PickItem::new(
                &code.name,
                format!(
                    "{recent}{} in {}",
                    crate::text::count(n, "coding", "codings"),
                    crate::text::count(docs, "doc", "docs")
                ),
            )
            .coloured(&code.color)
            .with_detail(code_detail(code))
        })
        .collect();
    (ids, items)
}

/// A code's definition, inclusion and exclusion criteria, for the picker's
/// detail pane: the codebook in view while coding.
pub fn code_detail(code: &crate::model::Code) -> String {
    let mut parts = Vec::new();
    for (label, text) in [
        ("Definition", &code.description),
        ("Include", &code.inclusion),
        ("Exclude", &code.exclusion),
    ] {
        if !text.trim().is_empty() {
            parts.push(format!("{label}: {}", text.trim()));
        }
    }
    if parts.is_empty() {
        "(no definition yet: e on the code in the codebook writes one)".to_string()
    } else {
        parts.join("\n")
    }
}

pub fn code_selection(app: &mut App) -> Vec<Effect> {
    let Some((doc, range)) = selected_range(app) else {
        return Vec::new();
    };
    let (codes, items) = codes_for_picker(app);
    let picker = Picker::new("Code the selection", items).with_create("create code");
    picker::open(app, picker, CodeRange { doc, range, codes });
    Vec::new()
}

pub fn code_in_vivo(app: &mut App) -> Vec<Effect> {
    let Some((doc, range)) = selected_range(app) else {
        return Vec::new();
    };
    let selected = document(app).map_or("", |d| d.slice(range.0, range.1));
    let Some(name) = compose::in_vivo_name(selected) else {
        app.say(
            "the selection has no words to name a code after",
            Tone::Warning,
        );
        return Vec::new();
    };
    let (code, new) = match crate::edit::names::code_or_new(&app.project, &name) {
        Ok(chosen) => chosen,
        Err(refused) => {
            app.say(refused.to_string(), Tone::Warning);
            return Vec::new();
        }
    };
    let edit = compose::code_range(&app.project, &doc, &app.coder, range, &code, new);
    app.transcript.anchor = None;
    let effects = app.apply(edit);
    if !effects.is_empty() {
        app.used_code(&code);
    }
    effects
}

pub fn repeat_coding(app: &mut App) -> Vec<Effect> {
    let Some(code) = app.recent_codes.first().cloned() else {
        app.say(
            "no code used yet: code a passage with c first",
            Tone::Warning,
        );
        return Vec::new();
    };
    let Some((doc, range)) = selected_range(app) else {
        return Vec::new();
    };
    let edit = compose::code_range(&app.project, &doc, &app.coder, range, &code, None);
    app.transcript.anchor = None;
    app.apply(edit)
}

/// This coder's codings that cover the cursor, narrowest first.
pub fn own_codings_at_cursor(app: &App) -> Vec<(DocId, CoderId, Coding)> {
    let Some(doc) = document(app) else {
        return Vec::new();
    };
    let pos = app.transcript.cursor;
    let mut found: Vec<(DocId, CoderId, Coding)> = app
        .project
        .codings
        .get(&doc.id)
        .and_then(|m| m.get_key_value(app.coder.as_str()))
        .into_iter()
        .flat_map(|(coder, list)| list.iter().map(move |c| (coder, c)))
        .filter(|(_, c)| c.contains(pos))
        .map(|(coder, c)| (doc.id.clone(), coder.clone(), c.clone()))
        .collect();
    found.sort_by_key(|(_, _, c)| c.len());
    found
}

/// Picker items naming codings ("chaos, lines 41-43").
pub fn coding_items(app: &App, codings: &[(DocId, CoderId, Coding)]) -> Vec<PickItem> {
    codings
        .iter()
        .map(|(doc, _, c)| {
            let lines = app
                .project
                .documents
                .get(doc)
                .map(|d| d.index().line_span(c.start, c.end))
                .unwrap_or_default();
            let colour = app
                .project
                .codes
                .get(&c.code)
                .map_or("#888888", |code| code.color.as_str());
            PickItem::new(app.project.code_name(&c.code), format!("lines {lines}")).coloured(colour)
        })
        .collect()
}

pub fn remove_coding(app: &mut App) -> Vec<Effect> {
    let found = own_codings_at_cursor(app);
    match found.as_slice() {
        [] => {
            app.say(
                format!("no coding of yours ({}) under the cursor", app.coder),
                Tone::Warning,
            );
            Vec::new()
        }
        [(doc, coder, coding)] => {
            let edit = Edit::RemoveCoding {
                doc: doc.clone(),
                coder: coder.clone(),
                coding: coding.clone(),
            };
            app.apply(edit)
        }
        _ => {
            let items = coding_items(app, &found);
            picker::open(
                app,
                Picker::new("Remove which coding?", items),
                RemoveWhich(found),
            );
            Vec::new()
        }
    }
}

/// `>` / `<`: the end of your coding under the cursor moves a word later
/// (`widen`) or earlier.
pub fn resize_coding(app: &mut App, widen: bool) -> Vec<Effect> {
    resize_edge(app, Edge::End, widen)
}

/// `alt-<` / `alt->`: the coding under the cursor starts a word earlier
/// (`widen`) or later.
pub fn resize_coding_start(app: &mut App, widen: bool) -> Vec<Effect> {
    resize_edge(app, Edge::Start, widen)
}

#[derive(Clone, Copy)]
enum Edge {
    Start,
    End,
}

/// Moves one edge of your coding under the cursor by a word, as one
/// undoable edit; a move that would empty the coding or change nothing is
/// refused with a word.
fn resize_edge(app: &mut App, edge: Edge, widen: bool) -> Vec<Effect> {
    let Some((doc_id, coder, before)) = own_codings_at_cursor(app).into_iter().next() else {
        app.say("no coding of yours under the cursor", Tone::Warning);
        return Vec::new();
    };
    let Some(doc) = app.project.documents.get(&doc_id) else {
        return Vec::new();
    };
    let (text, index) = (doc.text(), doc.index());
    let mut after = before.clone();
    match (edge, widen) {
        (Edge::Start, true) => after.start = words::prev_word_start(text, index, before.start),
        (Edge::Start, false) => after.start = words::next_word_start(text, index, before.start),
        (Edge::End, true) => after.end = words::next_word_end(text, index, before.end),
        (Edge::End, false) => {
            after.end = words::prev_word_end(text, index, before.end, before.start);
        }
    }
    if after.start >= after.end || after == before {
        app.say("the coding cannot change size that way", Tone::Warning);
        return Vec::new();
    }
    app.apply(Edit::ChangeCoding {
        doc: doc_id,
        coder,
        before,
        after,
    })
}

/// The code a choice names: an existing one, or a new one to add first
/// (see `names::code_or_new`: a typed name of an existing code takes it).
pub fn code_choice(
    app: &mut App,
    codes: &[CodeId],
    choice: Choice,
) -> Option<(CodeId, Option<crate::model::Code>)> {
    match choice {
        Choice::Item(i) => codes.get(i).map(|id| (id.clone(), None)),
        Choice::Create(name) => match crate::edit::names::code_or_new(&app.project, &name) {
            Ok(chosen) => Some(chosen),
            Err(refused) => {
                app.say(format!("{refused}; nothing changed"), Tone::Warning);
                None
            }
        },
    }
}

/// `c`: code this range of `doc` with the code chosen (items are `codes`).
pub struct CodeRange {
    pub doc: DocId,
    pub range: (usize, usize),
    pub codes: Vec<CodeId>,
}

impl PickPurpose for CodeRange {
    fn picked(self: Box<Self>, app: &mut App, choice: Choice) -> Vec<Effect> {
        let Some((code, new)) = code_choice(app, &self.codes, choice) else {
            return Vec::new();
        };
        let edit = compose::code_range(&app.project, &self.doc, &app.coder, self.range, &code, new);
        app.transcript.anchor = None;
        let effects = app.apply(edit);
        if !effects.is_empty() {
            app.used_code(&code);
        }
        effects
    }
}

/// `x` over several codings: which one to remove.
pub struct RemoveWhich(pub Vec<(DocId, crate::model::CoderId, Coding)>);

impl PickPurpose for RemoveWhich {
    fn picked(self: Box<Self>, app: &mut App, choice: Choice) -> Vec<Effect> {
        let Choice::Item(i) = choice else {
            return Vec::new();
        };
        match self.0.get(i) {
            Some((doc, coder, coding)) => app.apply(Edit::RemoveCoding {
                doc: doc.clone(),
                coder: coder.clone(),
                coding: coding.clone(),
            }),
            None => Vec::new(),
        }
    }
}
