//! The model of a qualitative coding project. Pure data and queries: no files,
//! no terminals. `store` reads and writes it; `edit` changes it.

mod code;
mod coding;
mod document;
mod ids;
mod journal;
mod manifest;
mod memo;
mod project;
mod span;
pub mod theme;

pub use code::{Code, PALETTE, parse_hex_colour};
pub use coding::Coding;
pub use document::{Document, DocumentRecord, TurnTime};
pub use ids::{
    CodeId, CoderId, DocId, MAX_ID_CHARS, ThemeId, file_name_problem, is_safe_file_stem, slugify,
    unique_slug,
};
pub use journal::{JournalEntry, RemovedCode, SplitCodes, now_rfc3339, rfc3339_from_unix};
pub use manifest::{AttributeDef, AttributeKind, FORMAT_VERSION, Manifest, is_iso_date};
pub use memo::MemoTarget;
pub use project::{CodingRef, CodingsByCoder, Project};
pub use span::DocSpan;
pub use theme::{Theme, ThemeFields, ThemeSlot, ThemeStatus};
