//! Extracts: the codings of one code, each with a stable printable id
//! (`P3/asha/1203-1290`: document, coder, character range) that the CLI lists
//! and `split` takes. The id stays valid as long as the coding is unchanged.

use super::RefactorError;
use crate::model::{CodeId, CoderId, DocId, Project};
use crate::store::files::EXCERPT_CHARS;
use std::fmt;
use std::str::FromStr;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ExtractId {
    pub doc: DocId,
    pub coder: CoderId,
    pub start: usize,
    pub end: usize,
}

impl fmt::Display for ExtractId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}/{}-{}", self.doc, self.coder, self.start, self.end)
    }
}

impl FromStr for ExtractId {
    type Err = RefactorError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || RefactorError::BadExtractId(s.to_string());
        // Document ids and coder names never hold '/' (they are file names).
        let mut parts = s.trim().split('/');
        let (Some(doc), Some(coder), Some(range), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        let (start, end) = range.split_once('-').ok_or_else(bad)?;
        let (Ok(start), Ok(end)) = (start.parse(), end.parse()) else {
            return Err(bad());
        };
        if doc.is_empty() || coder.is_empty() {
            return Err(bad());
        }
        Ok(ExtractId {
            doc: DocId::new(doc),
            coder: coder.into(),
            start,
            end,
        })
    }
}

/// One extract of a code, for listing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Extract {
    pub id: ExtractId,
    /// "41-43" or "7".
    pub lines: String,
    /// The coded text on one line, cut to a readable length.
    pub text: String,
    pub memo: String,
}

/// Every extract of `code`, by document, coder and position.
pub fn extracts_of(project: &Project, code: &CodeId) -> Vec<Extract> {
    project
        .codings_of(code)
        .map(|r| {
            let document = project.documents.get(r.doc);
            Extract {
                id: ExtractId {
                    doc: r.doc.clone(),
                    coder: r.coder.clone(),
                    start: r.coding.start,
                    end: r.coding.end,
                },
                lines: document.map_or_else(String::new, |d| {
                    d.index().line_span(r.coding.start, r.coding.end)
                }),
                text: document.map_or_else(String::new, |d| {
                    d.excerpt(r.coding.start, r.coding.end, EXCERPT_CHARS)
                }),
                memo: r.coding.memo.clone(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extract_ids_round_trip() {
        let id: ExtractId = "P3/asha/1203-1290".parse().expect("parses");
        assert_eq!(id.doc, DocId::new("P3"));
        assert_eq!(id.coder, "asha");
        assert_eq!((id.start, id.end), (1203, 1290));
        assert_eq!(id.to_string(), "P3/asha/1203-1290");
    }

    #[test]
    fn malformed_extract_ids_are_refused() {
        for bad in [
            "P3/asha",
            "P3/asha/12",
            "P3/asha/a-b",
            "/asha/1-2",
            "a/b/c/1-2",
        ] {
            assert!(bad.parse::<ExtractId>().is_err(), "{bad}");
        }
    }
}
