//! Theme refactoring: rename, merge, split, move, promote, demote and delete
//! codes and themes (Braun & Clarke phases 3 to 5).
//!
//! Every operation is a pure function from `(&Project, arguments)` to a
//! [`Planned`] change: one `Edit::Batch` built from primitive edits (so its
//! inverse is exact and undo is free) plus a report whose `Display` is the
//! sentence shown to the analyst. The batch ends with the journal entry that
//! records it, so undoing the refactor also removes its entry. (Renames are
//! journaled only when given a reason: a bare rename stays one changed line.)
//!
//! A face applies a plan in one line:
//! `history.apply(&mut project, refactor::merge_codes(&project, &from, &into, &stamp)?.edit)`.

mod coalesce;
mod delete;
mod draft;
mod error;
mod extract;
pub mod follow;
mod journal;
mod merge;
mod move_ops;
pub mod op;
mod promote;
mod rename;
pub mod speakers;
mod split;
pub mod split_notice;
mod status;
mod theme_merge;

pub use delete::{CodingsPolicy, DeleteReport, delete_code, delete_theme};
pub use error::{Kind, RefactorError};
pub use extract::{Extract, ExtractId, extracts_of};
pub use journal::Stamp;
pub use merge::{MergeReport, Repointed, merge_codes};
pub use move_ops::{MoveReport, Placement, ThemePlace, move_code, move_theme};
pub use promote::{DemoteMode, PromoteReport, demote_theme, promote_code};
pub use rename::{RenameReport, rename_code, rename_theme};
pub use split::{SplitReport, SplitSelection, SplitTarget, split_code};
pub use status::{StatusReport, set_theme_status};
pub use theme_merge::{ThemeMergeReport, merge_themes};

use crate::edit::Edit;
use std::fmt;

/// A refactor ready to apply: the batch and what it will have done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Planned<R> {
    /// An `Edit::Batch` labelled with the report sentence, ending with the
    /// journal entry.
    pub edit: Edit,
    pub report: R,
}

impl<R: fmt::Display> Planned<R> {
    /// The sentence for the status line, the CLI and the journal.
    pub fn summary(&self) -> String {
        self.report.to_string()
    }
}

pub type Result<T> = std::result::Result<T, RefactorError>;

/// "'a'", "'a' and 'b'", "'a', 'b' and 'c'": names as a sentence lists them.
pub(crate) fn quoted_list<S: AsRef<str>>(names: &[S]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{}'", n.as_ref())).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// "1 coding", "3 codings".
pub(crate) fn count(n: usize, singular: &str, plural: &str) -> String {
    if n == 1 {
        format!("1 {singular}")
    } else {
        format!("{n} {plural}")
    }
}

#[cfg(test)]
pub(crate) mod fixture;
#[cfg(test)]
mod tests_codes;
#[cfg(test)]
mod tests_themes;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_sentences() {
        assert_eq!(quoted_list::<&str>(&[]), "");
        assert_eq!(quoted_list(&["a"]), "'a'");
        assert_eq!(quoted_list(&["a", "b"]), "'a' and 'b'");
        assert_eq!(quoted_list(&["a", "b", "c"]), "'a', 'b' and 'c'");
        assert_eq!(count(1, "coding", "codings"), "1 coding");
        assert_eq!(count(0, "coding", "codings"), "0 codings");
    }
}
