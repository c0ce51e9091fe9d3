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
    Code, CodeId, Coding, DocId, Document, DocumentRecord, JournalEntry, Manifest, MemoTarget,
    Theme, ThemeFields, ThemeId, ThemeSlot,
};

/// One change to a project. `apply` returns the exact inverse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    AddCoding {
        doc: DocId,
        coder: String,
        coding: Coding,
    },
    RemoveCoding {
        doc: DocId,
        coder: String,
        coding: Coding,
    },
    /// Replace one coding by another in the same document and coder (memo,
    /// widened or narrowed range, re-pointed code).
    ChangeCoding {
        doc: DocId,
        coder: String,
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

/// Why an edit could not be applied. The project is unchanged when one is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct EditError(pub String);

impl EditError {
    pub fn new(message: impl Into<String>) -> Self {
        EditError(message.into())
    }
}

#[cfg(test)]
mod tests;
