//! Issue 9, seen 1 in the workbench: a transcript corrected behind its back
//! is re-anchored on reload (and on open), the status line says what moved,
//! codings whose words are gone are never drawn, and `U` lists them to place
//! or delete.

use crate::common;

use common::fixture::{app, keys};
use margin::model::{DocId, Project};
use margin::store::Store;
use margin::tui::unplaced::UnplacedList;
use std::collections::BTreeSet;

/// (coder, code, coded words) of every placed coding of P1.
fn coded_words(project: &Project) -> BTreeSet<(String, String, String)> {
    let doc = &project.documents[&DocId::new("P1")];
    project
        .codings_in(&DocId::new("P1"))
        .into_iter()
        .filter(|r| !r.coding.is_unplaced())
        .map(|r| {
            (
                r.coder.to_string(),
                r.coding.code.to_string(),
                doc.slice(r.coding.start, r.coding.end).to_string(),
            )
        })
        .collect()
}

#[test]
fn a_corrected_transcript_is_reanchored_and_lost_codings_are_listed() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("study");
    common::copy_dir(&common::sample_project(), &dir);
    let (project, store) = Store::open(&dir).expect("the sample loads");
    let mut app = app(project, (120, 40));
    app.attach(store);
    // As the workbench does on open: nothing to re-anchor, so it keeps a
    // copy of each transcript to diff a later correction against.
    let effects = app.notice_corrections(&dir);
    assert!(effects.is_empty());
    assert!(dir.join(".margin/texts").is_dir() && dir.join(".margin/.gitignore").is_file());
    let before = coded_words(app.project());

    // Behind the workbench: a correction near the top, and one coded
    // passage taken out of the transcript.
    let path = dir.join("documents/P1.txt");
    let text = std::fs::read_to_string(&path).expect("P1");
    let doc = &app.project().documents[&DocId::new("P1")];
    let first = &app.project().codings[&DocId::new("P1")]["asha"][0];
    let gone = doc.slice(first.start, first.end).to_string();
    let corrected = text
        .replacen(
            "Thanks for making time",
            "Thank you so much for making time",
            1,
        )
        .replacen(&gone, "", 1);
    std::fs::write(&path, corrected).expect("write");

    assert!(app.check_disk(), "the change is noticed");
    let status = app.status().to_string();
    assert!(status.contains("re-anchored codings on P1"), "{status}");
    assert!(status.contains("U lists the unplaced"), "{status}");
    // Every coding whose words remain is on them; the lost ones are unplaced.
    let after = coded_words(app.project());
    let lost: Vec<_> = before.difference(&after).collect();
    assert!(!lost.is_empty());
    assert!(
        lost.iter()
            .all(|(_, _, words)| gone.contains(words.as_str()) || words.contains(&gone)),
        "{lost:?}"
    );
    let extra: Vec<_> = after.difference(&before).collect();
    assert!(extra.is_empty(), "{extra:?}");
    // Saved as it happened.
    assert_eq!(Store::open(&dir).expect("loads").0, *app.project());

    // U lists them; the first is deleted (and undo brings it back).
    keys(&mut app, "U");
    let Some(UnplacedList(listed)) = app.pick_purpose::<UnplacedList>() else {
        panic!("U lists the unplaced codings");
    };
    let n = listed.len();
    assert!(n >= 1);
    let effects = keys(&mut app, "<cr><down><cr>");
    app.run_effects(effects);
    assert_eq!(margin::anchor::unplaced(app.project()).len(), n - 1);
    let effects = keys(&mut app, "u");
    app.run_effects(effects);
    assert_eq!(margin::anchor::unplaced(app.project()).len(), n);

    // Placed on a selection, it is a coding of those words again.
    app.jump_to(&DocId::new("P1"), 0);
    keys(&mut app, &format!("v{}", "l".repeat(11)));
    let effects = keys(&mut app, "U<cr><cr>");
    app.run_effects(effects);
    assert_eq!(margin::anchor::unplaced(app.project()).len(), n - 1);
    let placed = coded_words(app.project());
    assert_eq!(placed.len(), after.len() + 1);
    assert!(
        placed.iter().any(|(_, _, w)| w == "Interview P1"),
        "{placed:?}"
    );
    assert_eq!(Store::open(&dir).expect("loads").0, *app.project());
}
