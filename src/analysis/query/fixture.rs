//! A small made-up study whose counts are worked out by hand in the query
//! tests: overlapping codings (two coders on one passage, two codes on one
//! sentence) and nested ones (a code inside another's passage).
//!
//! D1 (nurse, service A), D2 (doctor, service A), D3 (nurse, service B, not
//! coded). Themes: Wellbeing [mood] with subtheme Rest [sleep]; Services [care,
//! work].

use crate::model::{
    AttributeDef, AttributeKind, Code, CodeId, Coding, DocId, Document, DocumentRecord, Manifest,
    Project, Theme, ThemeId,
};
use std::collections::BTreeMap;

pub const D1: &str = "Interviewer: How are the mornings?\nA: Mornings are hard. I sleep badly and wake early.\nInterviewer: And the clinic?\nA: The clinic staff are kind to me.\n";
pub const D2: &str = "Interviewer: Tell me about work.\nB: Work is busy and the days are long.\n";
pub const D3: &str = "Interviewer: Anything else?\nC: Nothing else to add.\n";

/// Character range of `needle` in `text`.
pub fn span(text: &str, needle: &str) -> (usize, usize) {
    let byte = text.find(needle).expect("the fixture holds the needle");
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

fn code(p: &mut Project, doc: &str, coder: &str, code: &str, needle: &str) {
    let text = match doc {
        "D1" => D1,
        "D2" => D2,
        _ => D3,
    };
    let (start, end) = span(text, needle);
    let list = p
        .codings
        .entry(DocId::new(doc))
        .or_default()
        .entry(coder.into())
        .or_default();
    list.push(Coding::new(CodeId::new(code), start, end));
    list.sort();
}

pub fn project() -> Project {
    let mut p = Project::new(Manifest::new("Hand-counted study"));
    p.manifest.attributes = vec![
        AttributeDef::new("role", AttributeKind::Text),
        AttributeDef::new("service", AttributeKind::Text),
    ];
    for (id, text, role, service) in [
        ("D1", D1, "nurse", "A"),
        ("D2", D2, "doctor", "A"),
        ("D3", D3, "nurse", "B"),
    ] {
        let record = DocumentRecord {
            title: format!("{id}: a {role}"),
            source: format!("{id}.txt"),
            attributes: BTreeMap::from([
                ("role".to_string(), role.to_string()),
                ("service".to_string(), service.to_string()),
            ]),
            sha256: String::new(),
            guid: String::new(),
            times: Vec::new(),
        };
        p.documents.insert(
            DocId::new(id),
            Document::new(DocId::new(id), record, text.to_string()),
        );
    }
    for (i, name) in ["mood", "sleep", "care", "work"].into_iter().enumerate() {
        let mut c = Code::new(CodeId::new(name), name, i);
        c.description = format!("Talk of {name}.");
        p.codes.insert(c.id.clone(), c);
    }
    let mut wellbeing = Theme::new(ThemeId::new("wellbeing"), "Wellbeing");
    wellbeing.codes.push(CodeId::new("mood"));
    let mut rest = Theme::new(ThemeId::new("rest"), "Rest");
    rest.codes.push(CodeId::new("sleep"));
    wellbeing.subthemes.push(rest);
    let mut services = Theme::new(ThemeId::new("services"), "Services");
    services
        .codes
        .extend([CodeId::new("care"), CodeId::new("work")]);
    p.themes = vec![wellbeing, services];

    code(
        &mut p,
        "D1",
        "asha",
        "mood",
        "Mornings are hard. I sleep badly and wake early.",
    );
    code(&mut p, "D1", "asha", "sleep", "I sleep badly");
    code(
        &mut p,
        "D1",
        "asha",
        "care",
        "The clinic staff are kind to me.",
    );
    code(&mut p, "D1", "ben", "sleep", "sleep badly and wake early");
    code(&mut p, "D1", "ben", "mood", "The clinic staff are kind");
    code(
        &mut p,
        "D2",
        "asha",
        "work",
        "Work is busy and the days are long.",
    );
    code(&mut p, "D2", "asha", "mood", "the days are long");
    p.manifest.coders = vec!["asha".into(), "ben".into()];
    p
}
