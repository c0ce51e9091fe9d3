//! Marking extracts in a code's extract list (Enter on a code) so that a
//! split can move just those to another code.

use super::app::{App, Effect, Tone};
use super::overlay::Extract;
use crate::model::CodeId;
use crate::refactor::ExtractId;
use std::collections::BTreeSet;

/// The code whose extracts are listed, and which rows are marked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExtractMarks {
    pub code: CodeId,
    pub marked: BTreeSet<usize>,
}

impl ExtractMarks {
    pub fn new(code: CodeId) -> Self {
        ExtractMarks {
            code,
            marked: BTreeSet::new(),
        }
    }

    /// Marks row `index`, or unmarks it when it was marked.
    pub fn toggle(&mut self, index: usize) {
        if !self.marked.remove(&index) {
            self.marked.insert(index);
        }
    }
}

/// The extract ids behind the marked rows (or the selected row when none is
/// marked): a row is one range, which several coders may have coded.
pub fn chosen(
    app: &App,
    marks: &ExtractMarks,
    items: &[Extract],
    selected: usize,
) -> Vec<ExtractId> {
    let rows: Vec<usize> = if marks.marked.is_empty() {
        vec![selected]
    } else {
        marks.marked.iter().copied().collect()
    };
    let mut ids: Vec<ExtractId> = rows
        .iter()
        .filter_map(|&i| items.get(i))
        .flat_map(|e| {
            app.project
                .codings_of(&marks.code)
                .filter(|r| r.doc == &e.doc && r.coding.start == e.start && r.coding.end == e.end)
                .map(|r| ExtractId {
                    doc: r.doc.clone(),
                    coder: r.coder.clone(),
                    start: r.coding.start,
                    end: r.coding.end,
                })
                .collect::<Vec<_>>()
        })
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// `s` in a code's extract list: choose where the marked extracts go.
pub fn split(
    app: &mut App,
    marks: &ExtractMarks,
    items: &[Extract],
    selected: usize,
) -> Vec<Effect> {
    let ids = chosen(app, marks, items, selected);
    if ids.is_empty() {
        app.say("no extract to move", Tone::Info);
        return Vec::new();
    }
    super::refactor_pick::split_picker(app, marks.code.clone(), ids);
    Vec::new()
}
