//! Where coders disagree, in a form a reader can step through: the stretches
//! of one document where the compared groups code differently (over one code
//! or several), the next or previous stretch from a position, and the
//! document where a code's disagreement is largest.

use super::agreement::{CodeRow, Group, disagreements};
use super::tally::Tally;
use crate::model::{CodeId, DocId, Project};
use std::collections::BTreeSet;

/// A stretch of text where the groups disagree about one code; `coded_by[g]`
/// says whether group g coded it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stretch {
    pub start: usize,
    pub end: usize,
    pub code: CodeId,
    pub coded_by: Vec<bool>,
}

/// Codes that any coder of `groups` used in `doc`, sorted by id.
pub fn codes_used(project: &Project, doc: &DocId, groups: &[Group]) -> Vec<CodeId> {
    let Some(by_coder) = project.codings.get(doc) else {
        return Vec::new();
    };
    let codes: BTreeSet<&CodeId> = groups
        .iter()
        .flat_map(|g| g.coders.iter())
        .filter_map(|coder| by_coder.get(coder.as_str()))
        .flatten()
        .map(|coding| &coding.code)
        .collect();
    codes.into_iter().cloned().collect()
}

/// Every stretch of `doc` where the groups disagree about one of `codes`, in
/// text order (by start, end, then code).
pub fn stretches(
    project: &Project,
    doc: &DocId,
    codes: &[CodeId],
    groups: &[Group],
) -> Vec<Stretch> {
    let mut out: Vec<Stretch> = codes
        .iter()
        .flat_map(|code| {
            disagreements(project, doc, code, groups)
                .into_iter()
                .map(move |d| Stretch {
                    start: d.start,
                    end: d.end,
                    code: code.clone(),
                    coded_by: d.coded_by,
                })
        })
        .collect();
    out.sort_by(|a, b| (a.start, a.end, &a.code).cmp(&(b.start, b.end, &b.code)));
    out
}

/// The stretch to go to from `pos`: forward, the first starting after it;
/// backward, the last starting before it. Past either end it wraps around,
/// and the flag says so. None when there are no stretches.
pub fn step(stretches: &[Stretch], pos: usize, forward: bool) -> Option<(usize, bool)> {
    if stretches.is_empty() {
        return None;
    }
    if forward {
        match stretches.iter().position(|s| s.start > pos) {
            Some(i) => Some((i, false)),
            None => Some((0, true)),
        }
    } else {
        match stretches.iter().rposition(|s| s.start < pos) {
            Some(i) => Some((i, false)),
            None => Some((stretches.len() - 1, true)),
        }
    }
}

/// Characters on which the groups of a tally do not all agree.
pub fn disagreeing_characters(tally: &Tally) -> usize {
    tally.characters.saturating_sub(tally.agreeing())
}

/// The compared document where the groups disagree on most characters for
/// this code (the first such by document id on a tie), with that count.
/// None when they agree everywhere.
pub fn most_disagreeing_document(row: &CodeRow) -> Option<(&DocId, usize)> {
    row.documents
        .iter()
        .map(|r| (&r.doc, disagreeing_characters(&r.tally)))
        .filter(|(_, n)| *n > 0)
        .fold(None, |best: Option<(&DocId, usize)>, (doc, n)| match best {
            Some((_, m)) if m >= n => best,
            _ => Some((doc, n)),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::agreement::{Comparison, compare};
    use crate::model::{Code, Coding, Document, DocumentRecord, Manifest};

    fn project() -> Project {
        let mut p = Project::new(Manifest::new("t"));
        for (id, len) in [("D1", 100), ("D2", 100)] {
            let record = DocumentRecord {
                title: id.into(),
                source: format!("{id}.txt"),
                attributes: Default::default(),
                sha256: String::new(),
                guid: String::new(),
                times: Vec::new(),
            };
            let doc = Document::new(DocId::new(id), record, "x".repeat(len));
            p.documents.insert(DocId::new(id), doc);
        }
        for (i, id) in ["a", "b"].iter().enumerate() {
            p.codes
                .insert(CodeId::new(*id), Code::new(CodeId::new(*id), *id, i));
        }
        let put = |p: &mut Project, doc: &str, coder: &str, code: &str, s: usize, e: usize| {
            p.codings
                .entry(DocId::new(doc))
                .or_default()
                .entry(coder.into())
                .or_default()
                .push(Coding::new(CodeId::new(code), s, e));
        };
        // D1: code a, x 10-20, y 15-30 -> disagree 10-15 (x) and 20-30 (y).
        put(&mut p, "D1", "x", "a", 10, 20);
        put(&mut p, "D1", "y", "a", 15, 30);
        // D1: code b, x only at 50-52.
        put(&mut p, "D1", "x", "b", 50, 52);
        // D2: code a, x 0-40, y 0-10 -> disagree 10-40.
        put(&mut p, "D2", "x", "a", 0, 40);
        put(&mut p, "D2", "y", "a", 0, 10);
        p
    }

    fn pair() -> Vec<Group> {
        vec![Group::coder("x"), Group::coder("y")]
    }

    #[test]
    fn stretches_cover_every_code_in_text_order() {
        let p = project();
        let doc = DocId::new("D1");
        let codes = codes_used(&p, &doc, &pair());
        assert_eq!(codes, vec![CodeId::new("a"), CodeId::new("b")]);
        let found: Vec<(usize, usize, String, Vec<bool>)> = stretches(&p, &doc, &codes, &pair())
            .into_iter()
            .map(|s| (s.start, s.end, s.code.to_string(), s.coded_by))
            .collect();
        let want = |s, e, code: &str, who: [bool; 2]| (s, e, code.to_string(), who.to_vec());
        assert_eq!(
            found,
            vec![
                want(10, 15, "a", [true, false]),
                want(20, 30, "a", [false, true]),
                want(50, 52, "b", [true, false]),
            ]
        );
    }

    #[test]
    fn stepping_goes_forward_and_back_and_wraps() {
        let p = project();
        let doc = DocId::new("D1");
        let all = stretches(&p, &doc, &codes_used(&p, &doc, &pair()), &pair());
        assert_eq!(step(&all, 0, true), Some((0, false)));
        assert_eq!(step(&all, 10, true), Some((1, false)));
        assert_eq!(step(&all, 50, true), Some((0, true)));
        assert_eq!(step(&all, 50, false), Some((1, false)));
        assert_eq!(step(&all, 10, false), Some((2, true)));
        assert_eq!(step(&[], 10, false), None);
    }

    #[test]
    fn the_worst_document_has_the_most_disagreeing_characters() {
        let p = project();
        let report = compare(&p, &Comparison::coders(["x", "y"])).expect("compares");
        let a = report
            .codes
            .iter()
            .find(|r| r.code.as_str() == "a")
            .expect("row of a");
        // D1 disagrees on 5 + 10 characters, D2 on 30.
        assert_eq!(most_disagreeing_document(a), Some((&DocId::new("D2"), 30)));
        let b = report
            .codes
            .iter()
            .find(|r| r.code.as_str() == "b")
            .expect("row of b");
        assert_eq!(most_disagreeing_document(b), Some((&DocId::new("D1"), 2)));
    }
}
