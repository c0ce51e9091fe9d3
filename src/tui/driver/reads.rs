//! What a test reads of the workbench's view state, by name: where the
//! cursor is, which pane has the focus, which layer shows, what is marked.
//! Tests ask these instead of reaching into `App`'s fields, so the fields
//! can move without touching the tests. (Overlays, pages and the agreement
//! view are read in `driver.rs` and by their own modules.)

use super::Driver;
use crate::edit::Edit;
use crate::model::{CodeId, DocId, Document};
use crate::store::Store;
use crate::text::scope::Scope;
use crate::tui::action::Action;
use crate::tui::app::Pane;
use crate::tui::keymap::{Context, Key, Keymap};
use crate::tui::layers::Layer;
use crate::tui::palette::Palette;
use crate::tui::themes::TreeRow;
use std::collections::{BTreeMap, BTreeSet};

impl Driver {
    /// What `margin check` finds wrong with the project, which keeps the
    /// workbench read-only while any.
    pub fn rejected(&self) -> Vec<String> {
        self.app.session.rejected().to_vec()
    }

    /// The transcript's cursor: a character offset into the open document.
    pub fn cursor(&self) -> usize {
        self.app.transcript.cursor
    }

    /// The cursor as (line, column) of the open document, both from 0.
    pub fn cursor_line_col(&self) -> Option<(usize, usize)> {
        let doc = self.document()?;
        Some(doc.index().line_col(self.cursor()))
    }

    /// The id of the document open in the transcript.
    pub fn document_id(&self) -> Option<&DocId> {
        self.app.transcript.doc.as_ref()
    }

    /// The document open in the transcript.
    pub fn document(&self) -> Option<&Document> {
        self.app.project.documents.get(self.document_id()?)
    }

    /// The selected characters of the open document, as `start..end`.
    pub fn selection(&self) -> Option<(usize, usize)> {
        self.app.transcript.selection(self.document()?)
    }

    /// Is character `pos` of `doc` on screen?
    pub fn shows(&self, doc: &DocId, pos: usize) -> bool {
        crate::tui::transcript::shows(&self.app, doc, pos)
    }

    /// How many hits the transcript's search found, if one is active.
    pub fn search_hits(&self) -> Option<usize> {
        self.app.transcript.search.as_ref().map(|s| s.hits.len())
    }

    /// The pane with the focus.
    pub fn focus(&self) -> Pane {
        self.app.focus
    }

    /// Is blind coding on (other coders' work hidden)?
    pub fn blind(&self) -> bool {
        self.app.layers.blind
    }

    /// Whose codings the transcript shows.
    pub fn layer(&self) -> &Layer {
        &self.app.layers.layer
    }

    /// The codes the codebook lists, in its order (filtered).
    pub fn codebook_rows(&self) -> &[CodeId] {
        &self.app.codebook.rows
    }

    /// The code under the codebook's cursor.
    pub fn codebook_selected(&self) -> Option<&CodeId> {
        self.app.codebook.rows.get(self.app.codebook.selected)
    }

    /// The codebook's filter text.
    pub fn codebook_filter(&self) -> &str {
        &self.app.codebook.filter
    }

    /// The codes marked in the codebook (for merging).
    pub fn marked_codes(&self) -> &BTreeSet<CodeId> {
        &self.app.codebook.marked
    }

    /// The rows of the theme tree as shown.
    pub fn theme_rows(&self) -> &[TreeRow] {
        &self.app.themes.rows
    }

    /// Codings and documents per code, as the codebook counts them (only the
    /// layer shown).
    pub fn usage(&self) -> &BTreeMap<CodeId, (usize, usize)> {
        &self.app.usage
    }

    /// Does the extract list's reading pane show the whole speaker turn?
    pub fn reading_turn(&self) -> bool {
        self.app.reading_turn
    }

    /// What auto-coding codes around each hit.
    pub fn autocode_scope(&self) -> Scope {
        self.app.autocode_scope
    }

    /// The edits applied but not yet written.
    pub fn unsaved_edits(&self) -> &[Edit] {
        self.app.session.unsaved()
    }

    /// The store the workbench saves through, if any.
    pub fn store(&self) -> Option<&Store> {
        self.app.session.store()
    }

    /// The colours the screen is drawn in.
    pub fn palette(&self) -> &Palette {
        &self.app.palette
    }

    /// The keys in force.
    pub fn keymap(&self) -> &Keymap<Action> {
        &self.app.keymap
    }

    /// What `key` does in `context`.
    pub fn binding(&self, context: Context, key: Key) -> Option<&Action> {
        self.app.keymap.lookup(context, key)
    }

    /// Help's sections as `?` lists them where the focus is now.
    pub fn help_sections(&self) -> Vec<crate::tui::help::Section> {
        crate::tui::help::sections(&self.app)
    }

    /// Help's lines laid out `width` columns wide.
    pub fn help_layout(&self, width: usize) -> Vec<crate::tui::help::HelpLine> {
        crate::tui::help::layout(&self.app, width)
    }

    /// How far help can scroll at this terminal size.
    pub fn help_max_scroll(&self) -> u16 {
        crate::tui::help::max_scroll(&self.app)
    }

    /// What the workbench would remember for next time if it quit now.
    pub fn remembered(&self) -> crate::config::resume::Resume {
        crate::tui::resume::capture(&self.app)
    }

    /// The terminal's size, as (columns, rows).
    pub fn size(&self) -> (u16, u16) {
        self.app.size
    }
}
