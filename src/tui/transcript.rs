//! The transcript pane's view state and cursor motions. The cursor is a
//! character offset into the open document; rows come from a lazy
//! `DocLayout` that wraps only the lines a motion or the screen touches, so
//! a 50 MB transcript moves, jumps and resizes as fast as a short one.

use super::action::Action;
use super::app::App;
use super::geometry::transcript_text_size;
use crate::model::{DocId, Document};
use crate::text::layout::{DocLayout, RowPos};
use crate::text::words;
use std::collections::HashMap;

#[derive(Clone, Debug, Default)]
pub struct TranscriptView {
    pub doc: Option<DocId>,
    /// Character offset of the cursor.
    pub cursor: usize,
    /// Where a selection started, if one is being made.
    pub anchor: Option<usize>,
    /// Is the selection by whole lines (`V`)?
    pub linewise: bool,
    /// First visible row.
    pub top: RowPos,
    pub layout: DocLayout,
    /// Display column kept across vertical moves.
    pub goal_col: Option<usize>,
    pub search: Option<SearchHits>,
    /// Where the cursor was in documents left, to come back there.
    pub positions: HashMap<DocId, usize>,
}

/// The last in-document search.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchHits {
    pub pattern: String,
    pub hits: Vec<(usize, usize)>,
}

impl TranscriptView {
    /// The selected range [start, end) in characters, if a selection is
    /// active; speaker labels at its ends are left out (as turn scope does),
    /// so what is highlighted is what gets coded.
    pub fn selection(&self, doc: &Document) -> Option<(usize, usize)> {
        let anchor = self.anchor?;
        let (a, b) = (anchor.min(self.cursor), anchor.max(self.cursor));
        let (text, index) = (doc.text(), doc.index());
        let range = if self.linewise {
            let first = index.line_of_char(a);
            let last = index.line_of_char(b);
            (index.line_start(first), index.line_end(last))
        } else {
            (
                a,
                words::next_grapheme(text, index, b)
                    .max(b + 1)
                    .min(doc.char_len()),
            )
        };
        Some(crate::text::without_labels(text, index, doc.turns(), range))
    }
}

/// The open document, if any.
pub fn document(app: &App) -> Option<&Document> {
    app.transcript
        .doc
        .as_ref()
        .and_then(|d| app.project.documents.get(d))
}

/// Opens `doc` where its cursor was last left.
pub fn open_document(app: &mut App, doc: &DocId) {
    if let Some(current) = app.transcript.doc.clone() {
        app.transcript
            .positions
            .insert(current, app.transcript.cursor);
    }
    let cursor = app.transcript.positions.get(doc).copied().unwrap_or(0);
    app.transcript.doc = Some(doc.clone());
    app.transcript.cursor = cursor;
    app.transcript.anchor = None;
    app.transcript.search = None;
    app.transcript.layout = DocLayout::default();
    app.transcript.top = RowPos::default();
    refresh(app);
}

/// Rebuilds the layout if the width changed, keeps the cursor on a character
/// and in view. Called after every change and resize.
pub fn refresh(app: &mut App) {
    let missing = app
        .transcript
        .doc
        .as_ref()
        .is_none_or(|d| !app.project.documents.contains_key(d));
    if missing {
        app.transcript.doc = app.project.documents.keys().next().cloned();
    }
    let Some(doc) = app
        .transcript
        .doc
        .as_ref()
        .and_then(|d| app.project.documents.get(d))
    else {
        app.transcript.layout = DocLayout::default();
        return;
    };
    let (width, _) = transcript_text_size(app.size, doc.index().line_count());
    if app.transcript.layout.width != width {
        app.transcript.layout = DocLayout::new(width);
    }
    let cursor = clamp(doc, app.transcript.cursor);
    app.transcript.cursor = cursor;
    scroll_into_view(app);
}

/// Keeps `pos` on a grapheme of its line (or at the start of an empty line).
fn clamp(doc: &Document, pos: usize) -> usize {
    let index = doc.index();
    let pos = pos.min(doc.char_len());
    let line = index.line_of_char(pos);
    let (start, end) = (index.line_start(line), index.line_end(line));
    if pos >= end && end > start {
        words::prev_grapheme(doc.text(), index, end)
    } else {
        pos.max(start)
    }
}

/// Rows that fit in the transcript pane.
pub fn page_rows(app: &App) -> usize {
    let lines = document(app).map_or(1, |d| d.index().line_count());
    transcript_text_size(app.size, lines).1
}

/// Scrolls so that the cursor row is visible.
pub fn scroll_into_view(app: &mut App) {
    let height = page_rows(app).max(1) as isize;
    let view = &mut app.transcript;
    let Some(doc) = view.doc.as_ref().and_then(|d| app.project.documents.get(d)) else {
        return;
    };
    let (text, index, layout) = (doc.text(), doc.index(), view.layout);
    // The top row as it is at this width (a resize or a reload may have
    // left it past its line's rows or past the end).
    view.top = layout.step(text, index, view.top, 0);
    let row = layout.row_of(text, index, view.cursor);
    if row < view.top {
        view.top = row;
    } else if layout.step(text, index, view.top, height - 1) < row {
        view.top = layout.step(text, index, row, 1 - height);
    }
    let last = layout.last_row(text, index);
    let max_top = layout.step(text, index, last, 1 - height);
    let lowest = layout.step(text, index, row, 1 - height);
    view.top = view.top.min(max_top.max(lowest));
}

/// Scrolls the view by `delta` rows without moving the cursor off screen.
pub fn scroll_by(app: &mut App, delta: isize) {
    let height = page_rows(app).max(1) as isize;
    let Some(doc) = document(app) else { return };
    let (text, index, layout) = (doc.text(), doc.index(), app.transcript.layout);
    let last = layout.last_row(text, index);
    let max_top = layout.step(text, index, last, 1 - height);
    let top = layout
        .step(text, index, app.transcript.top, delta)
        .min(max_top);
    let row = layout.row_of(text, index, app.transcript.cursor);
    let bottom = layout.step(text, index, top, height - 1);
    let target = row.clamp(top, bottom);
    app.transcript.top = top;
    if target != row {
        move_to_row(app, target);
    }
}

/// Moves the cursor to `row`, keeping the goal column.
fn move_to_row(app: &mut App, row: RowPos) {
    let Some(doc) = document(app) else { return };
    let (text, index) = (doc.text(), doc.index());
    let layout = app.transcript.layout;
    let col = app
        .transcript
        .goal_col
        .unwrap_or_else(|| layout.col_of(text, index, app.transcript.cursor));
    let row = layout.step(text, index, row, 0);
    let pos = clamp(doc, layout.pos_at(text, index, row, col));
    app.transcript.cursor = pos;
    app.transcript.goal_col = Some(col);
}

/// Applies a motion; returns false if `action` is not one.
pub fn motion(app: &mut App, action: Action) -> bool {
    let Some(doc) = document(app) else {
        return matches!(action, a if is_motion(a));
    };
    let (text, index) = (doc.text(), doc.index());
    let pos = app.transcript.cursor;
    let line = index.line_of_char(pos);
    let layout = app.transcript.layout;
    let row = layout.row_of(text, index, pos);
    let page = (page_rows(app).max(2) - 1) as isize;
    let target = match action {
        Action::MoveLeft => words::prev_grapheme(text, index, pos),
        Action::MoveRight => {
            let next = words::next_grapheme(text, index, pos);
            if next < index.line_end(line) {
                next
            } else {
                pos
            }
        }
        Action::WordForward => words::next_word_start(text, index, pos),
        Action::WordBackward => words::prev_word_start(text, index, pos),
        Action::WordEnd => words::word_end(text, index, pos),
        Action::NextSentence => words::next_sentence_start(text, index, pos),
        Action::PrevSentence => words::prev_sentence_start(text, index, pos),
        Action::LineStart => index.line_start(line),
        Action::LineEnd => index.line_end(line),
        Action::NextTurn => doc
            .turns()
            .iter()
            .find(|t| t.speech_start > pos)
            .map_or(pos, |t| t.speech_start),
        Action::PrevTurn => doc
            .turns()
            .iter()
            .rev()
            .find(|t| t.speech_start < pos)
            .map_or(0, |t| t.speech_start),
        Action::Top => 0,
        Action::Bottom => index.line_start(index.line_count().saturating_sub(1)),
        // Selecting whole lines, j and k step by lines, not wrapped rows.
        Action::MoveUp if app.transcript.anchor.is_some() && app.transcript.linewise => {
            index.line_start(line.saturating_sub(1))
        }
        Action::MoveDown if app.transcript.anchor.is_some() && app.transcript.linewise => {
            index.line_start((line + 1).min(index.line_count().saturating_sub(1)))
        }
        Action::MoveUp => {
            move_to_row(app, layout.step(text, index, row, -1));
            scroll_into_view(app);
            return true;
        }
        Action::MoveDown => {
            move_to_row(app, layout.step(text, index, row, 1));
            scroll_into_view(app);
            return true;
        }
        Action::PageUp => {
            move_to_row(app, layout.step(text, index, row, -page));
            scroll_into_view(app);
            return true;
        }
        Action::PageDown => {
            move_to_row(app, layout.step(text, index, row, page));
            scroll_into_view(app);
            return true;
        }
        _ => return false,
    };
    app.transcript.cursor = clamp(doc, target);
    app.transcript.goal_col = None;
    scroll_into_view(app);
    true
}

fn is_motion(action: Action) -> bool {
    matches!(
        action,
        Action::MoveLeft
            | Action::MoveRight
            | Action::MoveUp
            | Action::MoveDown
            | Action::WordForward
            | Action::WordBackward
            | Action::WordEnd
            | Action::NextSentence
            | Action::PrevSentence
            | Action::LineStart
            | Action::LineEnd
            | Action::PrevTurn
            | Action::NextTurn
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom
    )
}

/// Puts the cursor at `pos` of `doc` (opening it), e.g. to jump to an extract.
/// Is character `pos` of `doc` on screen now?
pub fn shows(app: &App, doc: &DocId, pos: usize) -> bool {
    let view = &app.transcript;
    let page = page_rows(app) as isize;
    let Some(open) = document(app).filter(|d| &d.id == doc && page > 0) else {
        return false;
    };
    let (text, index) = (open.text(), open.index());
    let row = view.layout.row_of(text, index, pos);
    row >= view.top && row <= view.layout.step(text, index, view.top, page - 1)
}

pub fn jump_to(app: &mut App, doc: &DocId, pos: usize) {
    if app.transcript.doc.as_ref() != Some(doc) {
        open_document(app, doc);
    }
    app.transcript.cursor = pos;
    app.transcript.anchor = None;
    app.transcript.goal_col = None;
    refresh(app);
    // Show some context above the jump target.
    let context = (page_rows(app) / 3) as isize;
    if let Some(doc) = document(app) {
        let (text, index, layout) = (doc.text(), doc.index(), app.transcript.layout);
        let row = layout.row_of(text, index, app.transcript.cursor);
        app.transcript.top = layout.step(text, index, row, -context);
    }
    scroll_into_view(app);
}
