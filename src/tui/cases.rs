//! The open document's case attributes in the workbench (`@`): a picker lists
//! every attribute with the document's value and type; choosing one asks for
//! the new value, checked against its type, and sets it as one undoable edit.

use super::app::{App, Effect, Tone};
use super::overlay::picker::{Choice, PickPurpose};
use super::overlay::picker::{PickItem, Picker};
use super::overlay::prompt::{self, PromptPurpose};
use crate::model::{AttributeKind, DocId};

/// Opens the attribute picker for the open document.
pub fn open(app: &mut App) {
    let Some(doc) = app.transcript.doc.clone() else {
        app.say("open a document first (o)", Tone::Info);
        return;
    };
    let Some(document) = app.project.documents.get(&doc) else {
        return;
    };
    let names: Vec<String> = app
        .project
        .manifest
        .attributes
        .iter()
        .map(|a| a.name.clone())
        .collect();
    let items = app
        .project
        .manifest
        .attributes
        .iter()
        .map(|a| {
            let value = document
                .record
                .attributes
                .get(&a.name)
                .map_or("—", String::as_str);
            PickItem::new(format!("{} = {value}", a.name), kind_hint(a))
        })
        .collect();
    let picker = Picker::new(
        format!("Attributes of {doc}: enter edits one (type a new name to add it)"),
        items,
    )
    .with_create("add attribute");
    super::overlay::picker::open(app, picker, AttributePick { doc, names });
}

fn kind_hint(def: &crate::model::AttributeDef) -> String {
    match def.kind {
        AttributeKind::Choice => format!("choice: {}", def.values.join(", ")),
        AttributeKind::Date => "date YYYY-MM-DD".to_string(),
        kind => kind.label().to_string(),
    }
}

/// An attribute was chosen (or a new name typed): ask for its value.
pub fn ask_value(app: &mut App, doc: DocId, name: String) {
    let current = app
        .project
        .documents
        .get(&doc)
        .and_then(|d| d.record.attributes.get(&name).cloned())
        .unwrap_or_default();
    let hint = app
        .project
        .manifest
        .attributes
        .iter()
        .find(|a| a.name == name)
        .map_or_else(|| "new".to_string(), kind_hint);
    let question = format!("{name} of {doc} ({hint}; empty clears): ");
    prompt::open(app, question, current, AttributeValue { doc, name });
}

/// Sets the value typed, or says why it does not fit.
pub fn set(app: &mut App, doc: &DocId, name: &str, value: &str) -> Vec<Effect> {
    match crate::edit::cases::set_attribute(&app.project, doc, name, value) {
        Ok(edit) => app.apply(edit),
        Err(err) => {
            app.say(format!("not set: {err}"), Tone::Warning);
            Vec::new()
        }
    }
}

/// Which attribute of a document to edit; items follow `names`.
pub struct AttributePick {
    pub doc: DocId,
    pub names: Vec<String>,
}

impl PickPurpose for AttributePick {
    fn picked(self: Box<Self>, app: &mut App, choice: Choice) -> Vec<Effect> {
        let name = match choice {
            Choice::Item(i) => self.names.get(i).cloned(),
            Choice::Create(text) => Some(text.trim().to_string()).filter(|t| !t.is_empty()),
        };
        if let Some(name) = name {
            ask_value(app, self.doc, name);
        }
        Vec::new()
    }
}

/// A new value of a document's attribute.
pub struct AttributeValue {
    pub doc: DocId,
    pub name: String,
}

impl PromptPurpose for AttributeValue {
    fn entered(self: Box<Self>, app: &mut App, text: String) -> Vec<Effect> {
        set(app, &self.doc, &self.name, &text)
    }
}
