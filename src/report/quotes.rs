//! The quote bank's rule for choosing a theme's quotes, stated in every
//! report (`RULE`): starred extracts first, then the rest spread over as many
//! participants as possible.

use crate::analysis::query::Extract;

/// The rule, in the words the report prints.
pub const RULE: &str = "Quotes: extracts starred as illustrative come first, in document order; \
then, to hear from as many participants as possible, one extract per document in turn \
(in document order), each document's longest extract first. A passage already quoted \
above, or overlapping one, is not quoted again.";

/// Chooses up to `max` of `candidates` (extracts of one theme, in document
/// order) by `RULE`, skipping any passage in `used` (document, start, end) and
/// adding what it chooses to `used`.
pub fn choose(
    candidates: &[&Extract],
    max: usize,
    used: &mut Vec<(String, usize, usize)>,
) -> Vec<Extract> {
    let mut chosen: Vec<Extract> = Vec::new();
    let overlaps_used = |e: &Extract, used: &[(String, usize, usize)]| {
        used.iter()
            .any(|(doc, s, t)| *doc == e.document && e.start < *t && *s < e.end)
    };
    for &e in candidates.iter().filter(|e| e.starred) {
        if chosen.len() >= max {
            return chosen;
        }
        if !overlaps_used(e, used) {
            used.push((e.document.clone(), e.start, e.end));
            chosen.push(e.clone());
        }
    }
    // Per document, the rest longest first (ties: earlier first).
    let mut by_doc: Vec<Vec<&Extract>> = Vec::new();
    for &e in candidates.iter().filter(|e| !e.starred) {
        match by_doc.last_mut() {
            Some(list) if list[0].document == e.document => list.push(e),
            _ => by_doc.push(vec![e]),
        }
    }
    for list in &mut by_doc {
        list.sort_by(|a, b| {
            (b.end - b.start)
                .cmp(&(a.end - a.start))
                .then(a.start.cmp(&b.start))
                .then(a.code.cmp(&b.code))
                .then(a.coder.cmp(&b.coder))
        });
    }
    let mut cursors = vec![0usize; by_doc.len()];
    loop {
        let mut progressed = false;
        for (list, cursor) in by_doc.iter().zip(cursors.iter_mut()) {
            while *cursor < list.len() {
                let e = list[*cursor];
                *cursor += 1;
                if !overlaps_used(e, used) {
                    if chosen.len() >= max {
                        return chosen;
                    }
                    used.push((e.document.clone(), e.start, e.end));
                    chosen.push(e.clone());
                    progressed = true;
                    break;
                }
            }
        }
        if !progressed {
            return chosen;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(doc: &str, start: usize, end: usize, starred: bool) -> Extract {
        Extract {
            document: doc.into(),
            title: doc.into(),
            attributes: Default::default(),
            speaker: None,
            lines: "1".into(),
            start,
            end,
            code: "c".into(),
            code_name: "c".into(),
            coder: "asha".into(),
            starred,
            memo: String::new(),
            text: "words".into(),
        }
    }

    #[test]
    fn starred_first_then_one_document_at_a_time_longest_first() {
        let candidates = [
            e("P1", 0, 10, false),
            e("P1", 20, 80, false),
            e("P1", 22, 30, false), // overlaps the longest of P1
            e("P2", 0, 5, false),
            e("P3", 0, 40, true),
        ];
        let candidates: Vec<&Extract> = candidates.iter().collect();
        let mut used = Vec::new();
        let chosen = choose(&candidates, 4, &mut used);
        let got: Vec<(&str, usize)> = chosen
            .iter()
            .map(|x| (x.document.as_str(), x.start))
            .collect();
        assert_eq!(got, [("P3", 0), ("P1", 20), ("P2", 0), ("P1", 0)]);
        // Already quoted passages are not chosen again.
        let again = choose(&candidates, 4, &mut used);
        assert!(again.is_empty(), "{again:?}");
    }
}
