//! A document: a transcript's text plus its record (title, source, attributes).

use super::ids::DocId;
use crate::text::{SpeakerTurn, TextIndex, speaker_turns, turn_at};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A transcript. The text is kept exactly as imported (UTF-8, LF line ends);
/// `index` maps between characters, bytes and lines. The index and the
/// speaker turns are derived from the text: built with the document, or on
/// first use for a command that reads few transcripts' words (a refactor
/// re-points codings without looking at them).
#[derive(Clone, Debug)]
pub struct Document {
    pub id: DocId,
    pub record: DocumentRecord,
    text: String,
    char_len: usize,
    index: OnceLock<TextIndex>,
    turns: OnceLock<Vec<SpeakerTurn>>,
}

/// Documents are equal when their ids, records and texts are: what is
/// derived from the text is the same whether it was built yet or not.
impl PartialEq for Document {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && self.record == other.record && self.text == other.text
    }
}

impl Eq for Document {}

/// What documents/ID.ron holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentRecord {
    pub title: String,
    /// The file name it was imported from.
    #[serde(default)]
    pub source: String,
    /// Case attributes (role, age, years of experience, service...).
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
    /// SHA-256 of the text file, hex; tells `check` when the text was changed.
    #[serde(default)]
    pub sha256: String,
    /// The REFI-QDA GUID of the source this document was imported from;
    /// empty for documents imported as files (exports derive one from the id).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub guid: String,
    /// When each speaker turn starts in the recording (subtitle imports),
    /// in text order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub times: Vec<TurnTime>,
}

/// The start time of the passage that begins at character `at`, as
/// `HH:MM:SS.mmm` (what subtitle files write, readable in a diff).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TurnTime {
    pub at: usize,
    pub time: String,
}

impl DocumentRecord {
    /// The time of the turn that starts at character `at`, if one was kept.
    /// A search, not a lookup: a hand-edited record need not be in order.
    pub fn time_at(&self, at: usize) -> Option<&str> {
        self.times
            .iter()
            .find(|t| t.at == at)
            .map(|t| t.time.as_str())
    }
}

impl Document {
    /// A document with its index and speaker turns built now.
    pub fn new(id: DocId, record: DocumentRecord, text: String) -> Self {
        let index = TextIndex::new(&text);
        let turns = speaker_turns(&text, &index);
        Document {
            id,
            record,
            char_len: index.char_len(),
            text,
            index: OnceLock::from(index),
            turns: OnceLock::from(turns),
        }
    }

    /// A document whose index and speaker turns are built on first use.
    pub fn unindexed(id: DocId, record: DocumentRecord, text: String) -> Self {
        Document {
            id,
            record,
            char_len: crate::text::grep::chars_in(text.as_bytes()),
            text,
            index: OnceLock::new(),
            turns: OnceLock::new(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn index(&self) -> &TextIndex {
        self.index.get_or_init(|| TextIndex::new(&self.text))
    }

    /// The speaker turns, in order.
    pub fn turns(&self) -> &[SpeakerTurn] {
        self.turns
            .get_or_init(|| speaker_turns(&self.text, self.index()))
    }

    /// Who is speaking at character `pos`, if anyone.
    pub fn speaker_at(&self, pos: usize) -> Option<&str> {
        turn_at(self.turns(), pos).map(|t| t.speaker.as_str())
    }

    /// Number of Unicode scalar values in the text.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    pub fn title(&self) -> &str {
        &self.record.title
    }

    /// The text between two character offsets (clamped to the text).
    pub fn slice(&self, start: usize, end: usize) -> &str {
        self.index().slice(&self.text, start, end)
    }

    /// `text::excerpt` of the text between two character offsets, read only
    /// as far as the excerpt needs.
    pub fn excerpt(&self, start: usize, end: usize, max_chars: usize) -> String {
        self.index().excerpt(&self.text, start, end, max_chars)
    }
}
