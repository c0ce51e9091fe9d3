//! `margin speakers`: list who speaks, rename a speaker's label with every
//! coding still on its words, and the Markdown / role / note label rules on
//! an imported transcript.

use crate::common;

use common::cli::{fails, ok};
use margin::model::DocId;

fn coded_words(dir: &std::path::Path, doc: &str) -> Vec<String> {
    let (project, _) = margin::store::Store::open(dir).expect("opens");
    let d = &project.documents[&DocId::new(doc)];
    let mut out: Vec<String> = project
        .codings_in(&d.id)
        .iter()
        .map(|r| {
            format!(
                "{} {}",
                r.coding.code,
                d.slice(r.coding.start, r.coding.end)
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn list_and_rename_keep_every_coding_on_its_words() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("study");
    common::copy_dir(&common::sample_project(), &dir);
    let d = dir.to_str().expect("path");
    let listed = ok(&["speakers", "list", d]);
    assert!(listed.contains("Interviewer"), "{listed}");
    assert!(
        listed
            .lines()
            .any(|l| l.starts_with("P3 ") && l.contains(" P3")),
        "{listed}"
    );
    let before = coded_words(&dir, "P3");
    let out = ok(&[
        "speakers",
        "rename",
        d,
        "P3",
        "Nurse P3",
        "--reason",
        "clearer label",
    ]);
    assert!(out.contains("19 turns"), "{out}");
    assert_eq!(
        coded_words(&dir, "P3"),
        before,
        "codings moved with their words"
    );
    assert!(ok(&["check", d]).contains("clean"));
    assert!(ok(&["journal", d]).contains("renamed speaker 'P3' to 'Nurse P3'"));
    assert!(fails(&["speakers", "rename", d, "Nobody", "X"]).contains("no speaker 'Nobody'"));
}

#[test]
fn markdown_roles_and_notes_in_an_imported_transcript() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("study");
    let d = dir.to_str().expect("path");
    ok(&["init", d]);
    let file = tmp.path().join("focus-group.md");
    std::fs::write(
        &file,
        "Time: 10am\nLocation: community centre\n\n**Facilitator:** Thanks for coming.\n\nJane Smith (Nurse): Happy to help.\n\n**Facilitator:** What works?\n\nNote: a phone rings\n\nJane Smith (Nurse): Keeping the door open.\n",
    )
    .expect("write");
    ok(&["import", d, file.to_str().expect("path"), "--id", "FG1"]);
    let listed = ok(&["speakers", "list", d]);
    assert!(listed.contains("Facilitator"), "{listed}");
    assert!(
        listed.contains("Jane Smith") && listed.contains("(Nurse)"),
        "{listed}"
    );
    for not_a_speaker in ["Time", "Location", "Note"] {
        assert!(
            !listed.lines().any(|l| l.starts_with(not_a_speaker)),
            "{not_a_speaker} listed:\n{listed}"
        );
    }
}
