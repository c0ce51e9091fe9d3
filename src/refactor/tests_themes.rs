//! Theme refactors on the fixture: moves, promote and demote, theme merge,
//! theme deletion and status. Each is applied by `fixture::run`, which also
//! checks validity, the journal entry and the exact undo.

use super::fixture::{code, codings_of, project, run, stamp, theme_codes, theme_id};
use super::*;
use crate::model::{MemoTarget, ThemeStatus};

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
        matches!(&err, RefactorError::DemoteNeedsChoice { others, codings: 1, .. } if others == &["fear"]),
        "{err}"
    );
    assert!(
        err.to_string()
            .contains("1 other code ('fear') with 1 coding"),
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
fn deleting_a_theme_keeps_or_deletes_its_contents_as_asked() {
    let p = project();
    let id = theme_id("patterns");
    let err = delete_theme(&p, &id, &CodingsPolicy::Refuse, &stamp()).unwrap_err();
    assert!(
        matches!(
            err,
            RefactorError::ThemeNotEmpty {
                subthemes: 1,
                codes: 3,
                codings: 4,
                documents: 2,
                ..
            }
        ),
        "{err}"
    );
    assert!(
        err.to_string()
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

#[test]
fn demote_counts_codings_joined_with_the_namesake_s_own() {
    let mut p = project();
    let ana = p
        .codings
        .get_mut(&crate::model::DocId::new("P1"))
        .and_then(|m| m.get_mut("ana"))
        .unwrap();
    // Two overlapping codings of 'chaos' and one of 'calm' touching both.
    ana.push(crate::model::Coding::new(code("chaos"), 5, 12));
    ana.push(crate::model::Coding::new(code("calm"), 9, 11));
    ana.sort_by(|a, b| a.key().cmp(&b.key()));
    let promoted = run(&p, promote_code(&p, &code("chaos"), &stamp()).unwrap());
    let into_theme = Placement::Theme {
        theme: theme_id("chaos"),
        index: None,
    };
    let moved = run(
        &promoted,
        move_code(&promoted, &code("calm"), &into_theme, &stamp()).unwrap(),
    );
    let planned =
        demote_theme(&moved, &theme_id("chaos"), DemoteMode::MergeCodes, &stamp()).unwrap();
    let after = run(&moved, planned.clone());
    assert_eq!(planned.report.codings, codings_of(&after, "chaos").len());
}

/// Deliver 8: deleting a theme keeps its definition in the journal, and a
/// deleted code keeps its definition and fate there too (see `follow`).
#[test]
fn deleted_themes_and_codes_are_kept_in_the_journal() {
    let mut p = project();
    let id = theme_id("feelings");
    if let Some(t) = p.themes.iter_mut().find(|t| t.id == id) {
        t.definition = "How clients feel about their use.".into();
    }
    let after = run(
        &p,
        delete_theme(&p, &id, &CodingsPolicy::DeleteCodings, &stamp()).unwrap(),
    );
    let entry = after.journal.last().expect("journaled");
    assert_eq!(entry.removed_themes.len(), 1);
    assert_eq!(
        entry.removed_themes[0].definition,
        "How clients feel about their use."
    );
    assert_eq!(entry.removed.len(), 1, "its code 'fear' with it");
    assert_eq!(entry.removed[0].code.id, code("fear"));
    assert_eq!(entry.removed[0].into, None);
    let merged = run(
        &p,
        merge_codes(&p, &[code("calm")], &code("chaos"), &stamp()).unwrap(),
    );
    let entry = merged.journal.last().expect("journaled");
    assert_eq!(entry.removed[0].into, Some(code("chaos")));
}
