//! A coding: one coder tagged one range of one document with one code.

use super::ids::CodeId;
use serde::{Deserialize, Serialize};

/// A coded range, in characters (Unicode scalar values), end exclusive. Which
/// document and coder it belongs to is given by where it is kept
/// (`Project::codings[doc][coder]`), as on disk (codings/DOC/CODER.ron).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Coding {
    pub start: usize,
    pub end: usize,
    pub code: CodeId,
    /// An optional note on this coding.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub memo: String,
    /// Starred as an illustrative extract for the quote bank: reports quote
    /// starred extracts first.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub star: bool,
    /// Set when re-anchoring could not find this coding's words in a corrected
    /// transcript: the excerpt of the words it was made on. Such a coding
    /// covers no text (start == end, where the words were) until the analyst
    /// places or deletes it; nothing draws or counts it on the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unplaced: Option<String>,
}

impl Coding {
    pub fn new(code: CodeId, start: usize, end: usize) -> Self {
        Coding {
            start,
            end,
            code,
            memo: String::new(),
            star: false,
            unplaced: None,
        }
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the coding lost its words to a transcript correction.
    pub fn is_unplaced(&self) -> bool {
        self.unplaced.is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn contains(&self, pos: usize) -> bool {
        self.start <= pos && pos < self.end
    }

    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        self.start < end && start < self.end
    }

    /// The sort key on disk and in memory: (start, end, code).
    pub fn key(&self) -> (usize, usize, &CodeId) {
        (self.start, self.end, &self.code)
    }
}
