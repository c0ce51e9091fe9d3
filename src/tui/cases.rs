//! The open document's case attributes in the workbench (`@`): a picker lists
//! every attribute with the document's value and type; choosing one asks for
//! the new value, checked against its type, and sets it as one undoable edit.

use super::app::{App, Effect, Tone};
use super::overlay::picker::{PickItem, Picker};
use super::overlay::{InputFor, Overlay, PickFor};
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
    app.overlay = Some(Overlay::Picker {
        picker,
        purpose: PickFor::Attribute { doc, names },
    });
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
    app.overlay = Some(Overlay::Input {
        prompt: format!("{name} of {doc} ({hint}; empty clears): "),
        text: current,
        purpose: InputFor::AttributeValue { doc, name },
    });
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
