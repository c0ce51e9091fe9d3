//! Who refactors, when and why: the stamp every refactor's journal entry
//! carries.

use crate::model::{JournalEntry, now_rfc3339};

/// The attribution of a refactor, turned into its journal entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    /// The coder doing it.
    pub who: String,
    /// UTC time, RFC 3339.
    pub when: String,
    /// The reason typed at the time; may be empty.
    pub why: String,
}

impl Stamp {
    /// A stamp for now.
    pub fn now(who: impl Into<String>, why: impl Into<String>) -> Self {
        Stamp {
            who: who.into(),
            when: now_rfc3339(),
            why: why.into(),
        }
    }

    /// The journal entry recording `what` (the report sentence).
    pub fn entry(&self, what: String) -> JournalEntry {
        JournalEntry {
            when: self.when.clone(),
            who: self.who.clone(),
            what,
            // One line per entry keeps journal.ron readable in a diff.
            why: self.why.split_whitespace().collect::<Vec<_>>().join(" "),
            removed: Vec::new(),
            removed_themes: Vec::new(),
            split: None,
        }
    }
}
