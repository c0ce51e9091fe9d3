//! A small project for the refactor unit tests: two documents, three
//! coders' worth of codings, two themes with a subtheme, memos.

use super::{Planned, Stamp};
use crate::model::{
    Code, CodeId, Coding, DocId, Document, DocumentRecord, Manifest, MemoTarget, Project, Theme,
    ThemeId,
};
use std::path::Path;

pub fn stamp() -> Stamp {
    Stamp {
        who: "ana".into(),
        when: "2026-01-02T03:04:05Z".into(),
        why: "tidy".into(),
    }
}

pub fn code(id: &str) -> CodeId {
    CodeId::new(id)
}

pub fn theme_id(id: &str) -> ThemeId {
    ThemeId::new(id)
}

/// Themes: "Patterns" [chaos, calm] > "Sub" [risk]; "Feelings" [fear].
/// Codes: chaos, calm, risk, fear, unpredictable (unsorted).
pub fn project() -> Project {
    let mut p = Project::new(Manifest::new("Fixture"));
    p.manifest.coders = vec!["ana".into(), "ben".into()];
    for (i, name) in ["chaos", "calm", "risk", "fear", "unpredictable"]
        .iter()
        .enumerate()
    {
        let mut c = Code::new(code(name), *name, i);
        c.description = format!("about {name}");
        p.codes.insert(c.id.clone(), c);
    }
    let text = "Ana: you never know which one you will get.\nBen: it was calm then chaos again.\n";
    for id in ["P1", "P2"] {
        let record = DocumentRecord {
            title: id.into(),
            source: format!("{id}.txt"),
            attributes: Default::default(),
            sha256: String::new(),
            guid: String::new(),
            times: Vec::new(),
        };
        p.documents.insert(
            DocId::new(id),
            Document::new(DocId::new(id), record, text.into()),
        );
    }
    let mut patterns = Theme::new(theme_id("patterns"), "Patterns");
    patterns.codes = vec![code("chaos"), code("calm")];
    let mut sub = Theme::new(theme_id("sub"), "Sub");
    sub.codes = vec![code("risk")];
    patterns.subthemes = vec![sub];
    let mut feelings = Theme::new(theme_id("feelings"), "Feelings");
    feelings.codes = vec![code("fear")];
    p.themes = vec![patterns, feelings];
    let codings = [
        ("P1", "ana", "chaos", 0, 10),
        ("P1", "ana", "unpredictable", 8, 20),
        ("P1", "ana", "unpredictable", 30, 40),
        ("P1", "ana", "chaos", 30, 40),
        ("P1", "ben", "unpredictable", 0, 5),
        ("P1", "ben", "calm", 50, 60),
        ("P2", "ana", "unpredictable", 60, 70),
        ("P2", "ana", "fear", 1, 4),
        ("P2", "ben", "risk", 10, 20),
    ];
    for (doc, coder, c, start, end) in codings {
        let list = p
            .codings
            .entry(DocId::new(doc))
            .or_default()
            .entry(coder.into())
            .or_default();
        list.push(Coding::new(code(c), start, end));
        list.sort_by(|a, b| a.key().cmp(&b.key()));
    }
    p.memos.insert(
        MemoTarget::Code(code("unpredictable")),
        "Felt random.\n".into(),
    );
    p.memos.insert(
        MemoTarget::Theme(theme_id("sub")),
        "A subtheme note.\n".into(),
    );
    p
}

/// Applies a plan to a copy; checks validity, the journal entry and the undo.
pub fn run<R: std::fmt::Display>(before: &Project, planned: Planned<R>) -> Project {
    let mut after = before.clone();
    let inverse = planned
        .edit
        .clone()
        .apply(&mut after)
        .expect("the plan applies");
    let problems = crate::check::validate(Path::new("/nonexistent"), &after);
    assert!(problems.is_empty(), "{problems:?}");
    let entry = after.journal.last().expect("journaled");
    assert_eq!(entry.what, planned.summary());
    assert_eq!((entry.who.as_str(), entry.why.as_str()), ("ana", "tidy"));
    let mut undone = after.clone();
    inverse.apply(&mut undone).expect("the inverse applies");
    assert_eq!(&undone, before, "undo restores the project exactly");
    after
}

pub fn codings_of(p: &Project, id: &str) -> Vec<(String, String, usize, usize)> {
    p.codings_of(&code(id))
        .map(|r| {
            (
                r.doc.to_string(),
                r.coder.to_string(),
                r.coding.start,
                r.coding.end,
            )
        })
        .collect()
}

pub fn theme_codes(p: &Project, id: &str) -> Vec<String> {
    p.theme(&theme_id(id))
        .map(|t| t.codes.iter().map(ToString::to_string).collect())
        .unwrap_or_default()
}
