//! Conflict blocks a merge leaves in a memo stop the project like those in
//! a RON file: `margin check` fails on them and the workbench offers its
//! resolver. They used to load as memo text while `margin resolve` listed
//! them, so a team could commit the markers with a clean check.

use crate::common;

use margin::merge::conflicts::{self, Decision};
use margin::merge::value::Side;
use margin::model::MemoTarget;
use margin::store::Store;

const CONFLICTED: &str = "<<<<<<< ours\nMemo from B\n=======\nMemo from A\n>>>>>>> theirs\n";

#[test]
fn a_memo_with_conflict_blocks_stops_the_project_until_resolved() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("study");
    common::copy_dir(&common::sample_project(), &dir);
    std::fs::write(dir.join("memos/project.md"), CONFLICTED).expect("write memo");

    let Err(err) = Store::open(&dir) else {
        panic!("conflict markers loaded as the project memo");
    };
    let shown = err.in_folder(&dir).to_string();
    assert!(
        shown.contains("memos/project.md:1:1: unresolved merge conflict"),
        "{shown}"
    );
    assert!(
        matches!(
            margin::session::Session::open_workbench(&dir),
            margin::session::Opened::OnlyConflicts { .. }
        ),
        "the resolver can open it"
    );

    let found = conflicts::find(&dir).expect("find");
    let [file] = found.as_slice() else {
        panic!("one conflicted file: {found:?}");
    };
    conflicts::write(
        &dir,
        &[Decision {
            file,
            sides: vec![Side::Theirs.into()],
        }],
    )
    .expect("theirs is written");
    let (project, _) = Store::open(&dir).expect("loads once resolved");
    assert_eq!(
        project.memos.get(&MemoTarget::Project).map(String::as_str),
        Some("Memo from A\n")
    );
}

#[test]
fn markdown_quotes_and_rules_in_a_memo_are_not_conflicts() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("study");
    common::copy_dir(&common::sample_project(), &dir);
    let memo = "Heading\n=======\n\n>>>>>>> deeply quoted\n";
    std::fs::write(dir.join("memos/project.md"), memo).expect("write memo");
    let (project, _) = Store::open(&dir).expect("an ordinary memo loads");
    assert_eq!(
        project.memos.get(&MemoTarget::Project).map(String::as_str),
        Some(memo)
    );
}
