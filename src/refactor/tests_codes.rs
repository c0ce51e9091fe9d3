//! Code refactors on the fixture: merge, rename, split, delete. Each is
//! applied by `fixture::run`, which also checks validity, the journal entry
//! and the exact undo.

use super::fixture::{code, codings_of, project, run, stamp, theme_codes, theme_id};
use super::*;
use crate::model::{CodeId, DocId, MemoTarget};

#[test]
fn merge_repoints_joins_and_keeps_definitions_and_memos() {
    let p = project();
    let planned = merge_codes(&p, &[code("unpredictable")], &code("chaos"), &stamp()).unwrap();
    let r = planned.report.clone();
    assert_eq!(
        (r.repointed, r.documents, r.duplicates, r.joined),
        (4, 2, 1, 1)
    );
    assert_eq!(
        planned.summary(),
        "merged 'unpredictable' into 'chaos': 4 codings in 2 documents re-pointed, 1 duplicate removed, 1 overlapping or touching coding joined; 'chaos' now has 4 codings"
    );
    let after = run(&p, planned);
    let expected = [
        ("P1", "ana", 0, 20),
        ("P1", "ana", 30, 40),
        ("P1", "ben", 0, 5),
        ("P2", "ana", 60, 70),
    ];
    let expected: Vec<_> = expected
        .iter()
        .map(|(d, c, s, e)| (d.to_string(), c.to_string(), *s, *e))
        .collect();
    assert_eq!(codings_of(&after, "chaos"), expected);
    assert_eq!(r.target_codings, 2 + 4 - 1 - 1);
    assert!(!after.codes.contains_key(&code("unpredictable")));
    assert_eq!(
        after.codes[&code("chaos")].description,
        "about chaos\n\n[merged from 'unpredictable'] about unpredictable"
    );
    let memo = &after.memos[&MemoTarget::Code(code("chaos"))];
    assert_eq!(memo, "## Merged from 'unpredictable'\n\nFelt random.\n");
}

#[test]
fn merge_refuses_nonsense() {
    let p = project();
    let err =
        |from: &[CodeId], into: &str| merge_codes(&p, from, &code(into), &stamp()).unwrap_err();
    assert_eq!(
        err(&[code("chaos")], "chaos"),
        RefactorError::MergeIntoItself("chaos".into())
    );
    assert_eq!(
        err(&[code("nope")], "chaos"),
        RefactorError::UnknownCode("nope".into())
    );
    assert_eq!(err(&[], "chaos"), RefactorError::NothingToMerge);
}

#[test]
fn merging_a_themed_code_leaves_its_theme() {
    let p = project();
    let after = run(
        &p,
        merge_codes(&p, &[code("calm"), code("risk")], &code("fear"), &stamp()).unwrap(),
    );
    assert_eq!(theme_codes(&after, "patterns"), ["chaos"]);
    assert!(theme_codes(&after, "sub").is_empty());
    assert_eq!(codings_of(&after, "fear").len(), 3);
}

#[test]
fn rename_changes_the_name_only() {
    let p = project();
    let after = run(
        &p,
        rename_code(&p, &code("calm"), "  Calm   moments ", &stamp()).unwrap(),
    );
    assert_eq!(after.codes[&code("calm")].name, "Calm moments");
    assert_eq!(after.codes.len(), p.codes.len());
    assert!(rename_code(&p, &code("calm"), "CHAOS", &stamp()).is_err());
    assert!(rename_code(&p, &code("calm"), " ", &stamp()).is_err());
    let after = run(
        &p,
        rename_theme(&p, &theme_id("sub"), "Risky", &stamp()).unwrap(),
    );
    assert_eq!(
        after.theme(&theme_id("sub")).map(|t| t.name.as_str()),
        Some("Risky")
    );
    assert!(rename_theme(&p, &theme_id("sub"), "feelings", &stamp()).is_err());
}

#[test]
fn a_rename_without_a_reason_is_not_journaled() {
    let p = project();
    let mut bare = stamp();
    bare.why = " ".into();
    let planned = rename_code(&p, &code("calm"), "Calm", &bare).unwrap();
    let mut after = p.clone();
    planned.edit.apply(&mut after).unwrap();
    assert!(after.journal.is_empty());
    assert_eq!(after.codes[&code("calm")].name, "Calm");
}

#[test]
fn split_by_extract_makes_a_code_beside_the_original() {
    let p = project();
    let ids = vec!["P1/ana/30-40".parse().unwrap()];
    let planned = split_code(
        &p,
        &code("chaos"),
        &SplitSelection::Extracts(ids),
        &SplitTarget::New("Chaos again".into()),
        &stamp(),
    )
    .unwrap();
    assert_eq!(
        planned.summary(),
        "split 1 coding in 1 document off 'chaos' into new code 'Chaos again'; 'chaos' keeps 1 coding"
    );
    let after = run(&p, planned);
    assert_eq!(
        theme_codes(&after, "patterns"),
        ["chaos", "chaos-again", "calm"]
    );
    assert_eq!(
        codings_of(&after, "chaos-again"),
        [("P1".into(), "ana".into(), 30, 40)]
    );
}

#[test]
fn split_by_document_into_an_existing_code_drops_duplicates() {
    let p = project();
    let planned = split_code(
        &p,
        &code("unpredictable"),
        &SplitSelection::Documents(vec![DocId::new("P1")]),
        &SplitTarget::Existing(code("chaos")),
        &stamp(),
    )
    .unwrap();
    assert_eq!((planned.report.moved, planned.report.duplicates), (3, 1));
    let after = run(&p, planned);
    assert_eq!(
        codings_of(&after, "unpredictable"),
        [("P2".into(), "ana".into(), 60, 70)]
    );
    assert_eq!(codings_of(&after, "chaos").len(), 4);
    let bad = SplitSelection::Extracts(vec!["P1/ana/0-10".parse().unwrap()]);
    let err = split_code(
        &p,
        &code("calm"),
        &bad,
        &SplitTarget::New("x".into()),
        &stamp(),
    );
    let err = err.unwrap_err();
    assert!(
        matches!(&err, RefactorError::NoSuchExtracts { missing, .. } if missing == &["P1/ana/0-10"])
    );
    assert!(err.to_string().contains("no extract P1/ana/0-10"));
}

#[test]
fn deleting_a_code_needs_a_choice_while_it_has_codings() {
    let p = project();
    let err = delete_code(&p, &code("chaos"), &CodingsPolicy::Refuse, &stamp()).unwrap_err();
    assert!(
        matches!(
            err,
            RefactorError::CodeHasCodings {
                codings: 2,
                documents: 1,
                ..
            }
        ),
        "{err}"
    );
    assert!(
        err.to_string().contains("has 2 codings in 1 document"),
        "{err}"
    );
    let planned = delete_code(&p, &code("chaos"), &CodingsPolicy::DeleteCodings, &stamp()).unwrap();
    assert_eq!(
        planned.summary(),
        "deleted code 'chaos'; its 2 codings in 1 document deleted"
    );
    let after = run(&p, planned);
    assert_eq!(after.coding_count(), p.coding_count() - 2);
    let to_calm = CodingsPolicy::ReassignTo(code("calm"));
    let after = run(
        &p,
        delete_code(&p, &code("unpredictable"), &to_calm, &stamp()).unwrap(),
    );
    assert_eq!(codings_of(&after, "calm").len(), 5);
    assert!(
        !after
            .memos
            .contains_key(&MemoTarget::Code(code("unpredictable")))
    );
}
