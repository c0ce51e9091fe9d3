//! Getting data in and out of other tools' formats: Word and OpenDocument
//! transcripts, subtitle files, and REFI-QDA codebooks (.qdc) and projects
//! (.qdpx). Pure: bytes in, model values out, and back; no files, no
//! terminal. The CLI reads and writes the files and shows the warnings.
//!
//! Everything read here may be hostile: archives are unpacked into memory
//! within limits (`archive`), and XML is parsed without a DTD and without
//! expanding any entity but the five predefined ones (`xml`).

pub mod archive;
pub mod docx;
pub mod odt;
pub mod refi;
pub mod subtitles;
pub mod xml;

/// A file margin could not read or write, and why; shown as `FILE: problem`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {problem}")]
pub struct InteropError {
    pub file: String,
    pub problem: String,
}

impl InteropError {
    pub fn new(file: impl Into<String>, problem: impl Into<String>) -> Self {
        InteropError {
            file: file.into(),
            problem: problem.into(),
        }
    }
}

/// Text as margin keeps a transcript read from a document format: LF line
/// ends, no blank lines at the end, and a final newline.
pub(crate) fn finish_text(text: &str) -> String {
    let text = crate::import::normalise_line_ends(text);
    let trimmed = text.trim_end_matches(['\n', ' ', '\t']);
    if trimmed.is_empty() {
        String::new()
    } else {
        format!("{trimmed}\n")
    }
}
