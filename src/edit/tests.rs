//! Every primitive edit, applied and then inverted, gives back the project it
//! started from; invalid edits change nothing.

use super::{Edit, EditError, History, last_slot};
use crate::import::make_document;
use crate::model::{
    Code, CodeId, Coding, DocId, JournalEntry, Manifest, MemoTarget, Project, Theme, ThemeId,
    ThemeSlot, ThemeStatus,
};
use std::collections::BTreeMap;

fn project() -> Project {
    let mut p = Project::new(Manifest::new("t"));
    let doc = make_document(
        DocId::new("P1"),
        "P1".into(),
        "P1.txt".into(),
        BTreeMap::new(),
        "Interviewer: Hi\nP1: You never know which one you'll get.\n".into(),
    );
    p.documents.insert(doc.id.clone(), doc);
    for (i, name) in ["Chaos", "Calm", "Crack"].iter().enumerate() {
        let code = Code::new(CodeId::new(name.to_lowercase()), *name, i);
        p.codes.insert(code.id.clone(), code);
    }
    let mut user = Theme::new(ThemeId::new("user"), "The user");
    user.codes.push(CodeId::new("chaos"));
    user.subthemes.push(Theme::new(ThemeId::new("sub"), "Sub"));
    p.themes.push(user);
    p.themes.push(Theme::new(ThemeId::new("work"), "Work"));
    p
}

fn round_trip(edit: Edit) {
    let original = project();
    let mut p = original.clone();
    let inverse = edit.clone().apply(&mut p).expect("applies");
    assert_ne!(p, original, "{edit:?} changed nothing");
    let again = inverse.apply(&mut p).expect("inverse applies");
    assert_eq!(p, original, "inverse of {edit:?} did not restore");
    assert_eq!(again, edit, "inverse of the inverse is the edit");
}

fn coding(start: usize, end: usize) -> Coding {
    Coding::new(CodeId::new("chaos"), start, end)
}

#[test]
fn primitive_edits_invert_exactly() {
    let p = project();
    let chaos = p.codes[&CodeId::new("chaos")].clone();
    let mut renamed = chaos.clone();
    renamed.name = "Chaos and unpredictability".into();
    let user = p.themes[0].clone();
    let mut fields = user.fields();
    fields.status = ThemeStatus::Final;
    let add = |start, end| Edit::AddCoding {
        doc: DocId::new("P1"),
        coder: "ana".into(),
        coding: coding(start, end),
    };
    let cases = vec![
        add(20, 36),
        Edit::AddCode {
            code: Code::new(CodeId::new("new"), "New", 0),
        },
        Edit::RemoveCode {
            code: p.codes[&CodeId::new("crack")].clone(),
        },
        Edit::ChangeCode {
            before: chaos.clone(),
            after: renamed,
        },
        Edit::AddTheme {
            slot: last_slot(&p, Some(&ThemeId::new("user"))),
            theme: Theme::new(ThemeId::new("n"), "N"),
        },
        Edit::RemoveTheme {
            slot: ThemeSlot {
                parent: None,
                index: 1,
            },
            theme: p.themes[1].clone(),
        },
        Edit::ChangeTheme {
            id: user.id.clone(),
            before: user.fields(),
            after: fields,
        },
        Edit::PlaceCode {
            code: CodeId::new("chaos"),
            from: Some((ThemeId::new("user"), 0)),
            to: Some((ThemeId::new("work"), 0)),
        },
        Edit::PlaceCode {
            code: CodeId::new("calm"),
            from: None,
            to: Some((ThemeId::new("sub"), 0)),
        },
        Edit::PlaceCode {
            code: CodeId::new("chaos"),
            from: Some((ThemeId::new("user"), 0)),
            to: None,
        },
        Edit::MoveTheme {
            id: ThemeId::new("work"),
            from: ThemeSlot {
                parent: None,
                index: 1,
            },
            to: ThemeSlot {
                parent: Some(ThemeId::new("user")),
                index: 0,
            },
        },
        Edit::MoveTheme {
            id: ThemeId::new("sub"),
            from: ThemeSlot {
                parent: Some(ThemeId::new("user")),
                index: 0,
            },
            to: ThemeSlot {
                parent: None,
                index: 0,
            },
        },
        Edit::SetMemo {
            target: MemoTarget::Project,
            before: None,
            after: Some("m\n".into()),
        },
        Edit::AppendJournal {
            entry: JournalEntry {
                removed: Vec::new(),
                removed_themes: Vec::new(),
                split: None,
                when: "w".into(),
                who: "ana".into(),
                what: "x".into(),
                why: String::new(),
            },
        },
        Edit::SetManifest {
            before: Box::new(p.manifest.clone()),
            after: Box::new(Manifest::new("other")),
        },
        Edit::Batch {
            label: "two".into(),
            edits: vec![add(20, 36), add(0, 5)],
        },
    ];
    for edit in cases {
        round_trip(edit);
    }
}

#[test]
fn invalid_edits_change_nothing() {
    let original = project();
    let bad = vec![
        Edit::AddCoding {
            doc: DocId::new("P9"),
            coder: "ana".into(),
            coding: coding(0, 1),
        },
        Edit::AddCoding {
            doc: DocId::new("P1"),
            coder: "ana".into(),
            coding: coding(5, 500),
        },
        Edit::AddCoding {
            doc: DocId::new("P1"),
            coder: "../x".into(),
            coding: coding(0, 1),
        },
        Edit::AddCode {
            code: Code::new(CodeId::new("chaos"), "Dup", 0),
        },
        Edit::RemoveCode {
            code: original.codes[&CodeId::new("chaos")].clone(),
        },
        Edit::MoveTheme {
            id: ThemeId::new("user"),
            from: ThemeSlot {
                parent: None,
                index: 0,
            },
            to: ThemeSlot {
                parent: Some(ThemeId::new("sub")),
                index: 0,
            },
        },
        Edit::PlaceCode {
            code: CodeId::new("calm"),
            from: None,
            to: Some((ThemeId::new("nope"), 0)),
        },
        // A batch whose second edit fails rolls back its first.
        Edit::Batch {
            label: "half".into(),
            edits: vec![
                Edit::AddCode {
                    code: Code::new(CodeId::new("ok"), "Ok", 0),
                },
                Edit::AddCode {
                    code: Code::new(CodeId::new("chaos"), "Dup", 0),
                },
            ],
        },
    ];
    for edit in bad {
        let mut p = original.clone();
        assert!(edit.clone().apply(&mut p).is_err(), "{edit:?} should fail");
        assert_eq!(p, original, "{edit:?} left a change behind");
    }
}

#[test]
fn history_undoes_and_redoes_with_descriptions() {
    let original = project();
    let mut p = original.clone();
    let mut history = History::new();
    let message = history
        .apply(
            &mut p,
            Edit::AddCoding {
                doc: DocId::new("P1"),
                coder: "ana".into(),
                coding: coding(16, 40),
            },
        )
        .expect("applies");
    assert_eq!(message, "code 'Chaos' on P1 line 2 (ana)");
    let after = p.clone();
    assert_eq!(
        history.undo(&mut p).expect("undo").as_deref(),
        Some(message.as_str())
    );
    assert_eq!(p, original);
    assert_eq!(
        history.redo(&mut p).expect("redo").as_deref(),
        Some(message.as_str())
    );
    assert_eq!(p, after);
    assert!(history.redo(&mut p).expect("nothing to redo").is_none());
}

#[test]
fn errors_say_what_sort_they_are() {
    let mut p = project();
    let gone = Edit::AddCoding {
        doc: DocId::new("P1"),
        coder: "ana".into(),
        coding: Coding::new(CodeId::new("nope"), 0, 3),
    };
    assert_eq!(
        gone.apply(&mut p),
        Err(EditError::Missing {
            kind: "code",
            id: "nope".into()
        })
    );
    let mut stale = p.codes.get(&CodeId::new("chaos")).expect("chaos").clone();
    stale.name = "Chaos, as it was".into();
    let mut after = stale.clone();
    after.name = "Chaos renamed".into();
    let err = Edit::ChangeCode {
        before: stale,
        after,
    }
    .apply(&mut p)
    .expect_err("made against another version");
    assert_eq!(err, EditError::changed("code 'chaos'"));
    assert_eq!(err.to_string(), "code 'chaos' has changed");
}

fn add_codings(codings: Vec<Coding>) -> Edit {
    Edit::AddCodings {
        doc: DocId::new("P1"),
        coder: "ana".into(),
        codings: codings.into(),
    }
}

/// Many codings in one entry (auto-coding) apply, invert and refuse as the
/// same codings one `AddCoding` each in a batch.
#[test]
fn codings_added_at_once_invert_and_refuse_as_one_by_one() {
    round_trip(add_codings(vec![
        coding(20, 36),
        coding(0, 5),
        coding(3, 9),
    ]));
    let one_by_one = |codings: &[Coding]| Edit::Batch {
        label: String::new(),
        edits: codings
            .iter()
            .map(|c| Edit::AddCoding {
                doc: DocId::new("P1"),
                coder: "ana".into(),
                coding: c.clone(),
            })
            .collect(),
    };
    let codings = vec![coding(20, 36), coding(0, 5), coding(3, 9)];
    let (mut at_once, mut each) = (project(), project());
    add_codings(codings.clone())
        .apply(&mut at_once)
        .expect("applies");
    one_by_one(&codings).apply(&mut each).expect("applies");
    assert_eq!(at_once, each);

    // Twice in the list, already there, unknown code, out of range: refused,
    // nothing changed.
    let mut p = at_once.clone();
    let refused = [
        vec![coding(40, 42), coding(40, 42)],
        vec![coding(40, 42), coding(0, 5)],
        vec![coding(40, 42), Coding::new(CodeId::new("gone"), 1, 2)],
        vec![coding(40, 42), coding(1, 999)],
    ];
    for codings in refused {
        let err = add_codings(codings.clone())
            .apply(&mut p)
            .expect_err("refused");
        assert_eq!(p, at_once, "{codings:?}: {err}");
    }
    let err = add_codings(vec![coding(0, 5)]).apply(&mut p).unwrap_err();
    assert_eq!(err.to_string(), "ana already coded P1 0..5 with 'Chaos'");

    // Removing: each must be there, once.
    let remove = |codings: Vec<Coding>| Edit::RemoveCodings {
        doc: DocId::new("P1"),
        coder: "ana".into(),
        codings: codings.into(),
    };
    for codings in [
        vec![coding(0, 5), coding(0, 5)],
        vec![coding(0, 5), coding(1, 2)],
    ] {
        assert!(remove(codings).apply(&mut p).is_err());
        assert_eq!(p, at_once);
    }
    let undo = remove(vec![coding(3, 9), coding(20, 36)])
        .apply(&mut p)
        .expect("removes");
    assert_eq!(p.codings[&DocId::new("P1")]["ana"], [coding(0, 5)]);
    assert_eq!(
        undo.describe(&p),
        "code 2 passages in P1 (ana)",
        "the inverse adds them back"
    );
    undo.apply(&mut p).expect("adds back");
    assert_eq!(p, at_once);
    remove(codings).apply(&mut p).expect("removes all");
    assert!(p.codings.is_empty(), "no empty lists left: {:?}", p.codings);
}

#[test]
fn a_batch_removing_codes_counts_codings_added_between_removals() {
    // "calm" and "crack" carry no coding and are in no theme: removable.
    let original = project();
    let remove = |id: &str| Edit::RemoveCode {
        code: original.codes[&CodeId::new(id)].clone(),
    };
    let both = Edit::Batch {
        label: "remove two".into(),
        edits: vec![remove("calm"), remove("crack")],
    };
    let mut p = original.clone();
    both.apply(&mut p)
        .expect("two unused codes are removed together");
    assert!(!p.codes.contains_key(&CodeId::new("crack")));

    // A coding of "crack" added after the first removal is counted: the
    // batch's one count of its removed codes is not trusted past it.
    let with_coding_between = Edit::Batch {
        label: "remove two, coding one between".into(),
        edits: vec![
            remove("calm"),
            Edit::AddCoding {
                doc: DocId::new("P1"),
                coder: "ana".into(),
                coding: Coding::new(CodeId::new("crack"), 0, 5),
            },
            remove("crack"),
        ],
    };
    let mut p = original.clone();
    let err = with_coding_between
        .apply(&mut p)
        .expect_err("crack has a coding when it is removed");
    assert!(err.to_string().contains("still has 1 codings"), "{err}");
    assert_eq!(p, original, "nothing of the batch is left");
}
