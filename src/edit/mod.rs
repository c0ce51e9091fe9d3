//! Every change to a project is an `Edit`: a value that can be applied,
//! inverted and described. Undo and redo, the decision journal, the CLI and the
//! TUI all go through `Edit::apply`, so they can never disagree.

mod apply;
mod apply_themes;
pub mod cases;
pub use apply::last_slot;
pub mod compose;
mod describe;
mod history;
pub mod names;

pub use history::{History, Step};

use crate::model::{
    Code, CodeId, CoderId, Coding, DocId, Document, DocumentRecord, JournalEntry, Manifest,
    MemoTarget, Theme, ThemeFields, ThemeId, ThemeSlot,
};
use std::sync::Arc;

/// One change to a project. `apply` returns the exact inverse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    AddCoding {
        doc: DocId,
        coder: CoderId,
        coding: Coding,
    },
    RemoveCoding {
        doc: DocId,
        coder: CoderId,
        coding: Coding,
    },
    /// Several codings of one coder in one document at once, as auto-coding
    /// adds a hundred thousand: one entry each rather than one edit each.
    /// All or nothing, as that many `AddCoding`s in a batch. The list is
    /// shared: the edit, its inverse in the undo history and the copy a save
    /// takes hold it once.
    AddCodings {
        doc: DocId,
        coder: CoderId,
        codings: Arc<Vec<Coding>>,
    },
    RemoveCodings {
        doc: DocId,
        coder: CoderId,
        codings: Arc<Vec<Coding>>,
    },
    /// Replace one coding by another in the same document and coder (memo,
    /// widened or narrowed range, re-pointed code).
    ChangeCoding {
        doc: DocId,
        coder: CoderId,
        before: Coding,
        after: Coding,
    },
    AddCode {
        code: Code,
    },
    /// Removes a code that has no codings, no memo and no theme.
    RemoveCode {
        code: Code,
    },
    /// Rename, recolour, redefine: every field but the id.
    ChangeCode {
        before: Code,
        after: Code,
    },
    /// Insert a theme (with its subtree) at a slot.
    AddTheme {
        slot: ThemeSlot,
        theme: Theme,
    },
    RemoveTheme {
        slot: ThemeSlot,
        theme: Theme,
    },
    ChangeTheme {
        id: ThemeId,
        before: ThemeFields,
        after: ThemeFields,
    },
    /// Put a code into a theme at an index, or take it out of all themes.
    PlaceCode {
        code: CodeId,
        from: Option<(ThemeId, usize)>,
        to: Option<(ThemeId, usize)>,
    },
    /// Move a theme to another parent (or the top) and index. `to.index` counts
    /// siblings after the theme has left its old place.
    MoveTheme {
        id: ThemeId,
        from: ThemeSlot,
        to: ThemeSlot,
    },
    AddDocument {
        doc: Box<Document>,
    },
    /// Removes a document that has no codings.
    RemoveDocument {
        doc: Box<Document>,
    },
    ChangeDocumentRecord {
        id: DocId,
        before: DocumentRecord,
        after: DocumentRecord,
    },
    /// Create (before None), change, or delete (after None) a memo.
    SetMemo {
        target: MemoTarget,
        before: Option<String>,
        after: Option<String>,
    },
    AppendJournal {
        entry: JournalEntry,
    },
    /// Removes the last journal entry, which must equal `entry`.
    RemoveJournal {
        entry: JournalEntry,
    },
    SetManifest {
        before: Box<Manifest>,
        after: Box<Manifest>,
    },
    /// Several edits as one step, described by `label`. All or nothing.
    Batch {
        label: String,
        edits: Vec<Edit>,
    },
}

impl Edit {
    /// Calls `each` with the document of every coding this edit adds,
    /// removes or changes, nested batches included.
    pub fn for_each_coded_document(&self, each: &mut impl FnMut(&DocId)) {
        match self {
            Edit::AddCoding { doc, .. }
            | Edit::RemoveCoding { doc, .. }
            | Edit::ChangeCoding { doc, .. }
            | Edit::AddCodings { doc, .. }
            | Edit::RemoveCodings { doc, .. } => each(doc),
            Edit::Batch { edits, .. } => {
                for edit in edits {
                    edit.for_each_coded_document(each);
                }
            }
            // No other edit adds, removes or recodes a coding (a document or
            // a code is removed only once it has none). Listed, not `_`, so a
            // new kind of edit is a compile error here until someone decides.
            Edit::AddCode { .. }
            | Edit::RemoveCode { .. }
            | Edit::ChangeCode { .. }
            | Edit::AddTheme { .. }
            | Edit::RemoveTheme { .. }
            | Edit::ChangeTheme { .. }
            | Edit::PlaceCode { .. }
            | Edit::MoveTheme { .. }
            | Edit::AddDocument { .. }
            | Edit::RemoveDocument { .. }
            | Edit::ChangeDocumentRecord { .. }
            | Edit::SetMemo { .. }
            | Edit::AppendJournal { .. }
            | Edit::RemoveJournal { .. }
            | Edit::SetManifest { .. } => {}
        }
    }
}

/// Why an edit could not be applied. The project is unchanged when one is
/// returned. The sorts a caller may handle differently are variants: an edit
/// made against a project that has since changed (re-applying after a
/// reload drops it, naming why) is not the same as a malformed one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// What the edit works on is not in the project (any more).
    #[error("no {kind} '{id}'")]
    Missing { kind: &'static str, id: String },
    /// What the edit expects to find differs from what is there: it was
    /// made against another version of the project.
    #[error("{0} has changed")]
    Changed(String),
    /// Anything else the edit cannot do, said in words.
    #[error("{0}")]
    Refused(String),
}

impl EditError {
    pub fn new(message: impl Into<String>) -> Self {
        EditError::Refused(message.into())
    }

    /// No `kind` (code, theme, document) with this id.
    pub fn missing(kind: &'static str, id: impl std::fmt::Display) -> Self {
        EditError::Missing {
            kind,
            id: id.to_string(),
        }
    }

    /// `what` ("code 'chaos'", "the manifest") is not as the edit expects.
    pub fn changed(what: impl Into<String>) -> Self {
        EditError::Changed(what.into())
    }
}

#[cfg(test)]
mod tests;
