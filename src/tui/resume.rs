//! Picking up where the analyst left off: the workbench's view state to and
//! from `config::resume::Resume` (stored per user, outside the project).

use super::app::App;
use crate::config::resume::Resume;
use crate::model::{CodeId, DocId, ThemeId};

/// What to remember of this session.
pub fn capture(app: &App) -> Resume {
    let mut positions: std::collections::BTreeMap<String, usize> = app
        .transcript
        .positions
        .iter()
        .map(|(d, p)| (d.to_string(), *p))
        .collect();
    if let Some(doc) = &app.transcript.doc {
        positions.insert(doc.to_string(), app.transcript.cursor);
    }
    let mut unfolded: Vec<String> = crate::model::theme::walk(&app.project.themes)
        .into_iter()
        .map(|(_, t)| &t.id)
        .filter(|id| !app.themes.folded.contains(*id))
        .map(ToString::to_string)
        .collect();
    unfolded.sort();
    Resume {
        project: String::new(),
        document: app.transcript.doc.as_ref().map(ToString::to_string),
        positions,
        unfolded,
        unsorted_folded: app.themes.unsorted_folded,
        recent_codes: app.recent_codes.iter().map(ToString::to_string).collect(),
    }
}

/// Reopens the document and cursor, folds and recent codes of `resume`,
/// skipping whatever no longer exists in the project.
pub fn restore(app: &mut App, resume: &Resume) {
    for (doc, pos) in &resume.positions {
        let id = DocId::new(doc);
        if let Some(d) = app.project.documents.get(&id) {
            app.transcript
                .positions
                .insert(id, (*pos).min(d.char_len()));
        }
    }
    app.recent_codes = resume
        .recent_codes
        .iter()
        .map(CodeId::new)
        .filter(|c| app.project.codes.contains_key(c))
        .collect();
    for id in &resume.unfolded {
        app.themes.folded.remove(&ThemeId::new(id));
    }
    app.themes.unsorted_folded = resume.unsorted_folded;
    super::themes::refresh(app);
    let doc = resume
        .document
        .as_ref()
        .map(DocId::new)
        .filter(|d| app.project.documents.contains_key(d));
    if let Some(doc) = doc {
        let pos = app.transcript.positions.get(&doc).copied().unwrap_or(0);
        // Forget the first document's place so it is not overwritten by 0.
        let first = app.transcript.doc.clone();
        super::transcript::jump_to(app, &doc, pos);
        if let Some(first) = first
            && first != doc
            && let Some(p) = resume.positions.get(first.as_str())
        {
            app.transcript.positions.insert(first, *p);
        }
    }
}
