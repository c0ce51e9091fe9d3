//! Each refactor on the fixture: what it changes, that the project stays
//! valid, that the journal records it, and that its inverse restores the
//! project exactly.

use super::fixture::{code, project, stamp, theme_id};
use super::*;
use crate::model::{CodeId, DocId, MemoTarget, Project, ThemeStatus};
use std::path::Path;

/// Applies a plan to a copy; checks validity, the journal entry and the undo.
fn run<R: std::fmt::Display>(before: &Project, planned: Planned<R>) -> Project {
    let mut after = before.clone();
    let inverse = planned
        .edit
        .clone()
        .apply(&mut after)
        .expect("the plan applies");
    let problems = crate::validate::validate(Path::new("/nonexistent"), &after);
    assert!(problems.is_empty(), "{problems:?}");
    let entry = after.journal.last().expect("journaled");
    assert_eq!(entry.what, planned.summary());
    assert_eq!((entry.who.as_str(), entry.why.as_str()), ("ana", "tidy"));
    let mut undone = after.clone();
    inverse.apply(&mut undone).expect("the inverse applies");
    assert_eq!(&undone, before, "undo restores the project exactly");
    after
}

fn codings_of(p: &Project, id: &str) -> Vec<(String, String, usize, usize)> {
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

fn theme_codes(p: &Project, id: &str) -> Vec<String> {
    p.theme(&theme_id(id))
        .map(|t| t.codes.iter().map(ToString::to_string).collect())
        .unwrap_or_default()
}

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
        |from: &[CodeId], into: &str| merge_codes(&p, from, &code(into), &stamp()).unwrap_err().0;
    assert!(err(&[code("chaos")], "chaos").contains("into itself"));
    assert!(err(&[code("nope")], "chaos").contains("no code 'nope'"));
    assert!(err(&[], "chaos").contains("at least one"));
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
    assert!(err.unwrap_err().0.contains("no extract P1/ana/0-10"));
}

#[test]
fn codes_move_between_themes_and_reorder() {
    let p = project();
    let after = run(
        &p,
        move_code(
            &p,
            &code("chaos"),
            &Placement::Before(code("fear")),
            &stamp(),
        )
        .unwrap(),
    );
    assert_eq!(theme_codes(&after, "feelings"), ["chaos", "fear"]);
    let planned = move_code(
        &p,
        &code("calm"),
        &Placement::Before(code("chaos")),
        &stamp(),
    )
    .unwrap();
    assert_eq!(
        planned.summary(),
        "reordered code 'calm' in 'Patterns', first"
    );
    assert_eq!(
        theme_codes(&run(&p, planned), "patterns"),
        ["calm", "chaos"]
    );
    let planned = move_code(&p, &code("chaos"), &Placement::Unsorted, &stamp()).unwrap();
    assert_eq!(
        planned.summary(),
        "moved code 'chaos' from 'Patterns' to the unsorted codes"
    );
    run(&p, planned);
    let into = Placement::Theme {
        theme: theme_id("feelings"),
        index: None,
    };
    let planned = move_code(&p, &code("unpredictable"), &into, &stamp()).unwrap();
    assert_eq!(
        planned.summary(),
        "moved code 'unpredictable' from the unsorted codes to 'Feelings', after 'fear'"
    );
    run(&p, planned);
    let same = Placement::Theme {
        theme: theme_id("patterns"),
        index: Some(0),
    };
    assert!(move_code(&p, &code("chaos"), &same, &stamp()).is_err());
    let far = Placement::Theme {
        theme: theme_id("feelings"),
        index: Some(5),
    };
    assert!(move_code(&p, &code("chaos"), &far, &stamp()).is_err());
}

#[test]
fn themes_move_but_never_under_themselves() {
    let p = project();
    let under = |parent: &str| ThemePlace::Under {
        parent: Some(theme_id(parent)),
        index: None,
    };
    let after = run(
        &p,
        move_theme(&p, &theme_id("feelings"), &under("patterns"), &stamp()).unwrap(),
    );
    assert_eq!(after.themes.len(), 1);
    assert_eq!(after.themes[0].subthemes[1].id, theme_id("feelings"));
    assert!(move_theme(&p, &theme_id("patterns"), &under("sub"), &stamp()).is_err());
    let top = ThemePlace::Before(theme_id("patterns"));
    let planned = move_theme(&p, &theme_id("sub"), &top, &stamp()).unwrap();
    assert_eq!(
        planned.summary(),
        "moved theme 'Sub' from 'Patterns' to the top level, first"
    );
    let after = run(&p, planned);
    assert_eq!(after.themes[0].id, theme_id("sub"));
}

#[test]
fn promote_then_demote_round_trips_the_code() {
    let p = project();
    let planned = promote_code(&p, &code("calm"), &stamp()).unwrap();
    assert_eq!(
        planned.summary(),
        "promoted code 'calm' to a theme under 'Patterns'; the code and its 1 coding moved into it"
    );
    let promoted = run(&p, planned);
    assert_eq!(theme_codes(&promoted, "calm"), ["calm"]);
    assert_eq!(theme_codes(&promoted, "patterns"), ["chaos"]);
    let demoted = run(
        &promoted,
        demote_theme(
            &promoted,
            &theme_id("calm"),
            DemoteMode::OnlyIfEmpty,
            &stamp(),
        )
        .unwrap(),
    );
    assert_eq!(theme_codes(&demoted, "patterns"), ["chaos", "calm"]);
    assert_eq!(demoted.codes, p.codes);
}

#[test]
fn demote_asks_what_to_do_with_other_codes() {
    let p = project();
    let id = theme_id("feelings");
    let err = demote_theme(&p, &id, DemoteMode::OnlyIfEmpty, &stamp()).unwrap_err();
    assert!(
        err.0.contains("1 other code ('fear') with 1 coding"),
        "{err}"
    );
    let kept = run(
        &p,
        demote_theme(&p, &id, DemoteMode::KeepCodes, &stamp()).unwrap(),
    );
    assert!(kept.theme_of_code(&code("fear")).is_none());
    assert!(kept.codes.contains_key(&code("feelings")));
    let merged = run(
        &p,
        demote_theme(&p, &id, DemoteMode::MergeCodes, &stamp()).unwrap(),
    );
    assert!(!merged.codes.contains_key(&code("fear")));
    assert_eq!(codings_of(&merged, "feelings").len(), 1);
    assert!(demote_theme(&p, &theme_id("patterns"), DemoteMode::MergeCodes, &stamp()).is_err());
}

#[test]
fn themes_merge_with_their_codes_subthemes_and_memos() {
    let p = project();
    let planned = merge_themes(&p, &theme_id("sub"), &theme_id("feelings"), &stamp()).unwrap();
    assert_eq!(
        planned.summary(),
        "merged theme 'Sub' into 'Feelings': 1 code and 0 subthemes moved"
    );
    let after = run(&p, planned);
    assert_eq!(theme_codes(&after, "feelings"), ["fear", "risk"]);
    assert!(after.memos[&MemoTarget::Theme(theme_id("feelings"))].contains("A subtheme note."));
    assert!(merge_themes(&p, &theme_id("patterns"), &theme_id("sub"), &stamp()).is_err());
    let after = run(
        &p,
        merge_themes(&p, &theme_id("patterns"), &theme_id("feelings"), &stamp()).unwrap(),
    );
    assert_eq!(after.themes.len(), 1);
    assert_eq!(after.themes[0].subthemes[0].id, theme_id("sub"));
}

#[test]
fn deleting_a_code_needs_a_choice_while_it_has_codings() {
    let p = project();
    let err = delete_code(&p, &code("chaos"), &CodingsPolicy::Refuse, &stamp()).unwrap_err();
    assert!(err.0.contains("has 2 codings in 1 document"), "{err}");
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

#[test]
fn deleting_a_theme_keeps_or_deletes_its_contents_as_asked() {
    let p = project();
    let id = theme_id("patterns");
    let err = delete_theme(&p, &id, &CodingsPolicy::Refuse, &stamp()).unwrap_err();
    assert!(
        err.0
            .contains("holds 1 subtheme and 3 codes with 4 codings in 2 documents"),
        "{err}"
    );
    let kept = run(
        &p,
        delete_theme(&p, &id, &CodingsPolicy::KeepCodes, &stamp()).unwrap(),
    );
    let top: Vec<_> = kept.themes.iter().map(|t| t.id.to_string()).collect();
    assert_eq!(top, ["sub", "feelings"]);
    assert_eq!(kept.unsorted_codes().len(), 3);
    let gone = run(
        &p,
        delete_theme(&p, &id, &CodingsPolicy::DeleteCodings, &stamp()).unwrap(),
    );
    assert_eq!(gone.codes.len(), 2);
    assert!(!gone.memos.contains_key(&MemoTarget::Theme(theme_id("sub"))));
    let into_fear = CodingsPolicy::ReassignTo(code("fear"));
    let moved = run(&p, delete_theme(&p, &id, &into_fear, &stamp()).unwrap());
    assert_eq!(codings_of(&moved, "fear").len(), 5);
    let inside = CodingsPolicy::ReassignTo(code("risk"));
    assert!(delete_theme(&p, &id, &inside, &stamp()).is_err());
}

#[test]
fn status_changes_are_journaled() {
    let p = project();
    let planned = set_theme_status(
        &p,
        &theme_id("sub"),
        ThemeStatus::Reviewed,
        Some("Risk taking."),
        &stamp(),
    )
    .unwrap();
    assert_eq!(
        planned.summary(),
        "marked theme 'Sub' reviewed (was candidate); definition updated"
    );
    let after = run(&p, planned);
    assert_eq!(
        after.theme(&theme_id("sub")).map(|t| t.status),
        Some(ThemeStatus::Reviewed)
    );
    assert!(
        set_theme_status(&p, &theme_id("sub"), ThemeStatus::Candidate, None, &stamp()).is_err()
    );
}
