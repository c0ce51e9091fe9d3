//! The first screen before the whole project is read (issue 14): the
//! document the analyst left off at is read alone and shown, the rest is
//! read in the background; keys that change anything wait for it, in order;
//! what the whole read finds (a problem, only merge conflicts, check's
//! problems) is acted on when it arrives.

use crate::common;
use margin::model::DocId;
use margin::session::{FirstLook, Opened, Session};
use margin::store::Store;
use margin::tui::driver::Driver;
use std::path::Path;

fn documents(dir: &Path) -> usize {
    margin::store::document_ids(dir).expect("documents").len()
}

#[test]
fn the_document_left_off_at_is_shown_while_the_rest_is_read() {
    let (_tmp, dir) = common::sample_study();
    let p3 = DocId::new("P3");
    let mut d = Driver::first_look(&dir, Some(&p3), (100, 30));
    assert!(d.loading());
    // Only the one document is in, with the whole codebook and themes.
    assert_eq!(d.project().documents.keys().collect::<Vec<_>>(), vec![&p3]);
    let (whole, _) = Store::open(&dir).expect("the study loads");
    assert_eq!(d.project().codes, whole.codes);
    assert_eq!(d.project().themes, whole.themes);
    let screen = d.screen();
    assert!(
        screen.contains("loading the project: 7 documents"),
        "{screen}"
    );
    assert!(screen.contains("P3"), "{screen}");
    // Counts wait for every document rather than show one document's.
    assert!(screen.contains("final …"), "{screen}");

    d.finish_loading().expect("the study loads");
    assert!(!d.loading());
    assert_eq!(d.project().documents.len(), documents(&dir));
    assert_eq!(d.project().codings, whole.codings);
    assert!(d.status().contains("7 documents read in"), "{}", d.status());
    let screen = d.screen();
    assert!(!screen.contains("loading"), "{screen}");
    assert!(!screen.contains("final …"), "{screen}");
    assert!(screen.contains("P3"), "the same document stays: {screen}");
}

#[test]
fn without_a_place_to_resume_the_first_document_is_shown() {
    let (_tmp, dir) = common::sample_study();
    let d = Driver::first_look(&dir, Some(&DocId::new("gone")), (100, 30));
    assert_eq!(
        d.project().documents.keys().collect::<Vec<_>>(),
        vec![&DocId::new("P1")]
    );
}

#[test]
fn reading_keys_act_at_once_and_changing_keys_wait_in_order() {
    let (_tmp, dir) = common::sample_study();
    let mut d = Driver::first_look(&dir, None, (100, 30));
    let before = d.project().clone();
    let (before_whole, _) = Store::open(&dir).expect("loads");
    d.press("j j");
    let cursor = d.cursor();
    assert!(cursor > 0, "moving reads only: it acts at once");
    // Selecting reads only; coding the selection in vivo is an edit, so
    // it waits, and so does any key after it (their order is kept).
    d.press("v w w C j");
    assert_eq!(*d.project(), before, "nothing changed while loading");
    let screen = d.screen();
    assert!(screen.contains("2 keys waiting"), "{screen}");

    d.finish_loading().expect("the study loads");
    let after = d.project();
    let added: Vec<_> = after.codings[&DocId::new("P1")]
        .values()
        .flatten()
        .filter(|c| {
            !before.codings[&DocId::new("P1")]
                .values()
                .flatten()
                .any(|b| b == *c)
        })
        .collect();
    assert_eq!(added.len(), 1, "the in-vivo coding was made once loaded");
    // Exactly what the same keys do on the project read whole.
    let (whole, _) = Store::open(&dir).expect("loads");
    let mut control = Driver::new(before_whole, (100, 30));
    control.press("j j v w w C j");
    assert_eq!(control.project().codings, after.codings);
    assert_eq!(control.project().codes, whole.codes);
    // And saved, as every edit is.
    let (on_disk, _) = Store::open(&dir).expect("loads");
    assert_eq!(on_disk.codings, after.codings);
    assert!(on_disk.codes.len() > before.codes.len());
}

#[test]
fn a_file_the_first_screen_does_not_need_stops_the_workbench_when_read() {
    let (_tmp, dir) = common::sample_study();
    std::fs::write(dir.join("codings/P5/asha.ron"), "[ (code: \n").expect("break P5");
    let mut d = Driver::first_look(&dir, None, (100, 30));
    let refused = d.finish_loading().err().expect("the whole read refuses");
    assert!(refused.contains("codings/P5/asha.ron:"), "{refused}");
}

#[test]
fn a_file_the_first_screen_needs_is_read_whole_before_the_screen() {
    let (_tmp, dir) = common::sample_study();
    std::fs::write(dir.join("codings/P1/asha.ron"), "[ (code: \n").expect("break P1");
    match Session::first_look(&dir, None) {
        FirstLook::Whole(Opened::Refused(err)) => {
            assert!(err.to_string().contains("codings/P1/asha.ron:"), "{err}")
        }
        other => panic!("expected a refusal before the screen, got {other:?}"),
    }
}

#[test]
fn a_save_left_half_done_is_finished_by_a_whole_read_first() {
    let (_tmp, dir) = common::sample_study();
    // An intent record: a save killed before it finished.
    std::fs::write(dir.join(margin::store::txn::RECORD), "[\n]\n").expect("write a record");
    assert!(margin::store::txn::has_record(&dir));
    assert!(matches!(
        Session::first_look(&dir, None),
        FirstLook::Whole(_)
    ));
}

#[test]
fn check_problems_found_by_the_whole_read_make_it_read_only() {
    let (_tmp, dir) = common::sample_study();
    let record = dir.join("documents/P4.ron");
    let text = std::fs::read_to_string(&record).expect("reads");
    assert!(text.contains("attributes: {"), "P4 has attributes");
    std::fs::write(
        &record,
        text.replacen(
            "attributes: {",
            "attributes: {\n        \"mood\": \"calm\",",
            1,
        ),
    )
    .expect("writes");
    let mut d = Driver::first_look(&dir, None, (120, 30));
    d.finish_loading().expect("the study loads");
    let screen = d.screen();
    assert!(screen.contains("READ-ONLY"), "{screen}");
    assert!(
        screen.contains("attribute 'mood' is not defined"),
        "{screen}"
    );
    // And an edit is refused.
    let before = d.project().clone();
    d.press("v w C");
    assert_eq!(*d.project(), before);
}

#[test]
fn conflict_markers_in_another_document_hand_over_to_the_resolver() {
    let (_tmp, dir) = common::sample_study();
    let file = dir.join("codings/P6/asha.ron");
    let text = std::fs::read_to_string(&file).expect("reads");
    let first_line_end = text.find('\n').expect("a line") + 1;
    let (head, rest) = text.split_at(first_line_end);
    let (line, tail) = rest.split_at(rest.find('\n').expect("a second line") + 1);
    let other = line.replace("start: ", "start: 1");
    std::fs::write(
        &file,
        format!("{head}<<<<<<< ours\n{line}=======\n{other}>>>>>>> theirs\n{tail}"),
    )
    .expect("writes markers");
    let mut d = Driver::first_look(&dir, None, (100, 30));
    d.finish_loading().expect("conflicts are no refusal");
    assert_eq!(d.screen_title(), "RESOLVE", "the resolver is on screen");
    let screen = d.screen();
    assert!(screen.contains("Merge conflict 1 of 1"), "{screen}");
    assert!(screen.contains("codings/P6/asha.ron"), "{screen}");
}

/// The background read checks with the excerpts it kept while loading (no
/// codings file is read twice) and finds what `margin check` finds: here a
/// coding whose stored words are no longer in the text.
#[test]
fn the_background_check_finds_what_margin_check_finds() {
    let (_tmp, dir) = common::sample_study();
    let file = dir.join("codings/P4/asha.ron");
    let text = std::fs::read_to_string(&file).expect("reads");
    let edited = text.replacen(
        "text: \"Unpredictable, is the first word",
        "text: \"Predictable, is the first word",
        1,
    );
    assert_ne!(text, edited, "the excerpt is there to change");
    std::fs::write(&file, edited).expect("writes");
    let (whole, _) = Store::open(&dir).expect("loads");
    let expected: Vec<String> = margin::check::validate(&dir, &whole)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        expected.iter().any(|p| p.contains("no longer anchors")),
        "{expected:?}"
    );
    let mut d = Driver::first_look(&dir, None, (120, 30));
    d.finish_loading().expect("the study loads");
    let screen = d.screen();
    assert!(screen.contains("READ-ONLY"), "{screen}");
    let mut d_problems = d.rejected();
    d_problems.sort();
    let mut expected = expected;
    expected.sort();
    assert_eq!(d_problems, expected);
}
