//! Memos on the project, a document, a code, a theme or one coding: edited
//! in a text area inside the workbench, or in $EDITOR.

use super::app::{App, Effect, MemoSubject, Tone};
use super::overlay::memo::MemoEditor;
use super::overlay::textarea::TextArea;
use crate::edit::Edit;

/// The memo's current text (empty when there is none).
pub fn text_of(app: &App, subject: &MemoSubject) -> String {
    match subject {
        MemoSubject::Target(target) => app.project.memos.get(target).cloned().unwrap_or_default(),
        MemoSubject::Coding { coding, .. } => coding.memo.clone(),
        MemoSubject::ThemeDefinition(id) => app
            .project
            .theme(id)
            .map(|t| t.definition.clone())
            .unwrap_or_default(),
    }
}

/// A title such as "Memo on code chaos".
pub fn title_of(app: &App, subject: &MemoSubject) -> String {
    match subject {
        // Names, not ids: "theme worker-strengths" said less than its name.
        MemoSubject::Target(crate::model::MemoTarget::Code(id)) => {
            format!("Memo on code '{}'", app.project.code_name(id))
        }
        MemoSubject::Target(crate::model::MemoTarget::Theme(id)) => format!(
            "Memo on theme '{}'",
            app.project
                .theme(id)
                .map_or(id.as_str(), |t| t.name.as_str())
        ),
        MemoSubject::Target(crate::model::MemoTarget::Document(id)) => {
            match app.project.documents.get(id).map(|d| d.title()) {
                Some(title) if !title.is_empty() && title != id.as_str() => {
                    format!("Memo on document {id} · {title}")
                }
                _ => format!("Memo on document {id}"),
            }
        }
        MemoSubject::Target(target) => format!("Memo on {target}"),
        MemoSubject::Coding { doc, coding, .. } => {
            let lines = app
                .project
                .documents
                .get(doc)
                .map(|d| d.index().line_span(coding.start, coding.end))
                .unwrap_or_default();
            format!(
                "Memo on the coding '{}' of {doc} lines {lines}",
                app.project.code_name(&coding.code)
            )
        }
        MemoSubject::ThemeDefinition(id) => format!(
            "Definition of theme '{}'",
            app.project.theme(id).map_or("", |t| t.name.as_str())
        ),
    }
}

pub fn open(app: &mut App, subject: MemoSubject) {
    let text = text_of(app, &subject);
    let area = TextArea::at_end(&text);
    let editor = MemoEditor {
        title: title_of(app, &subject),
        subject,
        area,
        original: text,
        armed: false,
    };
    super::overlay::open(app, editor);
}

/// Saves `text` as the memo, as one edit (an empty text deletes the memo).
pub fn save(app: &mut App, subject: &MemoSubject, text: String) -> Vec<Effect> {
    let text = text.trim_end().to_string();
    if text == text_of(app, subject).trim_end() {
        app.say("memo unchanged", Tone::Info);
        return Vec::new();
    }
    let edit = match subject {
        MemoSubject::Target(target) => {
            match crate::edit::compose::set_memo(&app.project, target, &text) {
                Some(edit) => edit,
                None => {
                    app.say("memo unchanged", Tone::Info);
                    return Vec::new();
                }
            }
        }
        MemoSubject::Coding { doc, coder, coding } => {
            let mut after = coding.clone();
            after.memo = text;
            Edit::ChangeCoding {
                doc: doc.clone(),
                coder: coder.clone(),
                before: coding.clone(),
                after,
            }
        }
        MemoSubject::ThemeDefinition(id) => {
            return super::screens::review::save_definition(app, id, &text);
        }
    };
    app.apply(edit)
}
