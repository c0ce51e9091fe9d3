use super::*;
use crate::model::{Code, Document, DocumentRecord, Manifest};

const OLD: &str = "Interviewer: Thanks for joining. How do clients describe the mix?\n\nP1: You never know which one you'll get.\n\nP1: They don't want to talk about it.\n";

fn chars(text: &str, needle: &str) -> (usize, usize) {
    let byte = text.find(needle).expect("needle in text");
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

/// A project coded on OLD whose transcript now reads `new`.
fn project(new: &str) -> Project {
    let mut p = Project::new(Manifest::new("t"));
    p.manifest.coders = vec!["asha".into(), "ben".into()];
    for name in ["chaos", "reluctance", "thanks"] {
        p.codes
            .insert(CodeId::new(name), Code::new(CodeId::new(name), name, 0));
    }
    let record = DocumentRecord {
        title: "P1".into(),
        source: String::new(),
        attributes: Default::default(),
        sha256: sha256_hex(OLD),
        guid: String::new(),
        times: Vec::new(),
    };
    let id = DocId::new("P1");
    p.documents.insert(
        id.clone(),
        Document::new(id.clone(), record, new.to_string()),
    );
    let code = |name: &str, (s, e): (usize, usize)| Coding::new(CodeId::new(name), s, e);
    let asha = vec![
        code("thanks", chars(OLD, "Thanks for joining")),
        code("chaos", chars(OLD, "You never know which one")),
        code("reluctance", chars(OLD, "They don't want to talk")),
    ];
    let ben = vec![code("chaos", chars(OLD, "never know which one you'll get"))];
    let codings = p.codings.entry(id).or_default();
    codings.insert("asha".into(), asha);
    codings.insert("ben".into(), ben);
    p
}

fn excerpts_of(p: &Project) -> Excerpts {
    p.all_codings()
        .map(|r| {
            let (s, e) = (r.coding.start, r.coding.end);
            let old: String = OLD.chars().skip(s).take(e - s).collect();
            (
                (r.doc.clone(), r.coder.clone(), s, e, r.coding.code.clone()),
                crate::text::excerpt(&old, crate::store::files::EXCERPT_CHARS),
            )
        })
        .collect()
}

fn words_of(p: &Project, coder: &str, code: &str) -> String {
    let doc = &p.documents[&DocId::new("P1")];
    let c = p.codings[&DocId::new("P1")][coder]
        .iter()
        .find(|c| c.code.as_str() == code)
        .expect("coding");
    doc.slice(c.start, c.end).to_string()
}

/// Seen 1: "Thanks for joining" corrected to "Thank you so much for
/// joining" left every later coding 12 characters off.
#[test]
fn a_corrected_transcript_keeps_every_coding_on_its_words() {
    let new = OLD.replace("Thanks for joining", "Thank you so much for joining");
    for with_history in [true, false] {
        let mut p = project(&new);
        assert_eq!(changed_documents(&p), vec![DocId::new("P1")]);
        let mut old = BTreeMap::new();
        if with_history {
            old.insert(
                DocId::new("P1"),
                OldText {
                    text: OLD.to_string(),
                    from: "git commit abc".into(),
                },
            );
        }
        let before = p.clone();
        let planned = plan(&p, &old, &excerpts_of(&p)).expect("P1 changed");
        // With the old text even the corrected words keep their coding;
        // by excerpt alone "Thanks for joining" is nowhere to be found.
        let (moved, lost) = if with_history { (4, 0) } else { (3, 1) };
        assert_eq!(planned.unplaceable(), lost, "{}", planned.summary());
        assert_eq!(planned.moved(), moved, "{}", planned.summary());
        let undo = planned.edit.clone().apply(&mut p).expect("applies");
        assert_eq!(words_of(&p, "asha", "chaos"), "You never know which one");
        assert_eq!(
            words_of(&p, "asha", "reluctance"),
            "They don't want to talk"
        );
        assert_eq!(
            words_of(&p, "ben", "chaos"),
            "never know which one you'll get"
        );
        if with_history {
            // The diff takes the corrected words with the coding.
            assert_eq!(
                words_of(&p, "asha", "thanks"),
                "Thank you so much for joining"
            );
        }
        assert!(
            changed_documents(&p).is_empty(),
            "the record has the new hash"
        );
        undo.apply(&mut p).expect("undoes");
        assert_eq!(p, before);
    }
}

#[test]
fn a_deleted_passage_leaves_an_unplaced_coding_that_covers_nothing() {
    let new = OLD.replace("P1: You never know which one you'll get.\n\n", "");
    let mut p = project(&new);
    let old: BTreeMap<DocId, OldText> = [(
        DocId::new("P1"),
        OldText {
            text: OLD.to_string(),
            from: "git commit abc".into(),
        },
    )]
    .into();
    let planned = plan(&p, &old, &excerpts_of(&p)).expect("changed");
    assert_eq!(planned.unplaceable(), 2, "{}", planned.summary());
    planned.edit.apply(&mut p).expect("applies");
    let lost: Vec<&Coding> = p
        .all_codings()
        .map(|r| r.coding)
        .filter(|c| c.is_unplaced())
        .collect();
    assert_eq!(lost.len(), 2);
    assert!(lost.iter().all(|c| c.start == c.end));
    assert_eq!(
        lost[0].unplaced.as_deref(),
        Some("You never know which one")
    );
    assert_eq!(
        words_of(&p, "asha", "reluctance"),
        "They don't want to talk"
    );
    // Nothing more to do: the record is up to date.
    assert!(plan(&p, &old, &Excerpts::new()).is_none());
}

#[test]
fn without_history_an_excerpt_that_is_nowhere_is_unplaceable() {
    let new = OLD.replace("You never know which one", "It is all so unpredictable");
    let mut p = project(&new);
    let planned = plan(&p, &BTreeMap::new(), &excerpts_of(&p)).expect("changed");
    assert!(planned.docs[0].method.contains("excerpts"));
    assert_eq!(planned.unplaceable(), 2, "{}", planned.summary());
    planned.edit.apply(&mut p).expect("applies");
    assert_eq!(
        words_of(&p, "asha", "reluctance"),
        "They don't want to talk"
    );
}
