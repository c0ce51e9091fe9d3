//! A span of one document: what a search hit, an auto-coded passage or a
//! listed extract is. Offsets are characters (Unicode scalar values), as
//! codings count them; `start..end` is half-open.

use super::DocId;
use std::ops::Range;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocSpan {
    pub doc: DocId,
    pub start: usize,
    pub end: usize,
}

impl DocSpan {
    pub fn new(doc: DocId, start: usize, end: usize) -> DocSpan {
        DocSpan { doc, start, end }
    }

    /// How many characters it covers (0 for an empty or reversed span).
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The characters it covers, as a range.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_measures_its_characters() {
        let span = DocSpan::new(DocId::new("P1"), 4, 10);
        assert_eq!(span.len(), 6);
        assert_eq!(span.range(), 4..10);
        assert!(!span.is_empty());
        assert!(DocSpan::new(DocId::new("P1"), 7, 7).is_empty());
        assert_eq!(DocSpan::new(DocId::new("P1"), 9, 3).len(), 0);
    }

    #[test]
    fn spans_sort_by_document_then_place() {
        let mut spans = [
            DocSpan::new(DocId::new("P2"), 0, 1),
            DocSpan::new(DocId::new("P1"), 5, 6),
            DocSpan::new(DocId::new("P1"), 2, 9),
        ];
        spans.sort();
        let order: Vec<(&str, usize)> = spans.iter().map(|s| (s.doc.as_str(), s.start)).collect();
        assert_eq!(order, [("P1", 2), ("P1", 5), ("P2", 0)]);
    }
}
