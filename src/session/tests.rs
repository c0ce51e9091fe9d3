//! The session's rules without a terminal: what is applied, saved, kept
//! unsaved, refused, re-applied and overwritten.

use super::*;
use crate::model::{Code, CodeId, Coding, DocId, Document, DocumentRecord, Manifest};
use crate::store::Store;

fn project() -> Project {
    let mut p = Project::new(Manifest::new("session"));
    let record = DocumentRecord {
        title: "P1".into(),
        source: "P1.txt".into(),
        attributes: Default::default(),
        sha256: String::new(),
        guid: String::new(),
        times: Vec::new(),
    };
    p.documents.insert(
        DocId::new("P1"),
        Document::new(
            DocId::new("P1"),
            record,
            "I keep a routine so the days hold together\n".into(),
        ),
    );
    p.codes.insert(
        CodeId::new("routine"),
        Code::new(CodeId::new("routine"), "Routine", 0),
    );
    p
}

fn coding(start: usize, coder: &str) -> Edit {
    Edit::AddCoding {
        doc: DocId::new("P1"),
        coder: coder.into(),
        coding: Coding::new(CodeId::new("routine"), start, start + 6),
    }
}

fn opened() -> (tempfile::TempDir, std::path::PathBuf, Project, Session) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("study");
    Store::create(&dir, &project()).expect("creates");
    let (project, session) = Session::open_to_write(&dir, |_| {}).expect("opens");
    (tmp, dir, project, session)
}

fn on_disk(dir: &std::path::Path) -> Project {
    Store::open(dir).expect("loads").0
}

fn codings(project: &Project, coder: &str) -> usize {
    project
        .codings
        .get(&DocId::new("P1"))
        .and_then(|m| m.get(coder))
        .map_or(0, Vec::len)
}

/// Another margin writes ana's codings file behind the session's back.
fn change_behind(dir: &std::path::Path) {
    let (mut other, mut store) = Store::open(dir).expect("loads");
    let edit = coding(20, "ana");
    edit.clone().apply(&mut other).expect("applies");
    store.save_edit(&other, &edit).expect("saves");
}

#[test]
fn commit_applies_with_an_undo_step_and_writes_the_file() {
    let (_tmp, dir, mut project, mut session) = opened();
    let said = session
        .commit(&mut project, coding(2, "ana"))
        .expect("commits");
    assert!(said.contains("Routine"), "{said}");
    assert_eq!(codings(&on_disk(&dir), "ana"), 1);
    let undone = session.undo(&mut project).expect("undoes").expect("a step");
    session
        .persist(&project, &undone.edit)
        .expect("saves the undo");
    assert_eq!(codings(&on_disk(&dir), "ana"), 0);
    let redone = session.redo(&mut project).expect("redoes").expect("a step");
    session
        .persist(&project, &redone.edit)
        .expect("saves the redo");
    assert_eq!(codings(&on_disk(&dir), "ana"), 1);
    assert!(session.unsaved().is_empty());
}

#[test]
fn an_edit_that_does_not_apply_changes_nothing() {
    let (_tmp, dir, mut project, mut session) = opened();
    let bad = Edit::AddCoding {
        doc: DocId::new("P9"),
        coder: "ana".into(),
        coding: Coding::new(CodeId::new("routine"), 0, 3),
    };
    let err = session.commit(&mut project, bad).expect_err("refused");
    assert!(err.to_string().starts_with("not done: "), "{err}");
    assert!(!session.history().can_undo());
    assert_eq!(on_disk(&dir), project);
}

#[test]
fn a_refused_save_keeps_the_edit_once_for_a_retry() {
    let (_tmp, dir, mut project, mut session) = opened();
    change_behind(&dir);
    let edit = coding(2, "ana");
    let err = session
        .commit(&mut project, edit.clone())
        .expect_err("the file changed on disk");
    assert!(
        matches!(
            err,
            CommitError::NotSaved {
                cause: StoreError::ChangedOnDisk(_),
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(codings(&project, "ana"), 1, "applied in memory");
    assert_eq!(session.unsaved(), std::slice::from_ref(&edit));
    // A retry that fails again keeps it once, not twice.
    for edit in session.take_unsaved() {
        assert!(session.persist(&project, &edit).is_err());
    }
    assert_eq!(session.unsaved().len(), 1);
    assert_eq!(session.unsaved_files(), ["codings/P1/ana.ron"]);
}

#[test]
fn reapply_reads_the_disk_again_and_saves_what_still_fits() {
    let (_tmp, dir, mut project, mut session) = opened();
    change_behind(&dir);
    let _ = session.commit(&mut project, coding(2, "ana"));
    assert!(matches!(session.look(), OnDisk::Changed(_)));
    let done = session.reapply().expect("reloads");
    assert_eq!((done.applied, done.total), (1, 1));
    assert!(done.dropped.is_empty() && done.save_error.is_none());
    assert!(session.unsaved().is_empty());
    assert!(!session.history().can_undo(), "history cleared");
    assert_eq!(codings(&done.reloaded.project, "ana"), 2);
    assert_eq!(on_disk(&dir), done.reloaded.project);
    assert_eq!(session.look(), OnDisk::Same, "its own writes are no change");
}

#[test]
fn overwrite_writes_mine_over_the_disk_after_the_choice() {
    let (_tmp, dir, mut project, mut session) = opened();
    change_behind(&dir);
    let _ = session.commit(&mut project, coding(2, "ana"));
    session.overwrite(&project).expect("overwrites");
    assert!(session.unsaved().is_empty());
    let disk = on_disk(&dir);
    assert_eq!(
        codings(&disk, "ana"),
        1,
        "the other margin's coding is gone"
    );
    assert_eq!(disk, project);
}

#[test]
fn a_project_that_no_longer_loads_makes_the_session_read_only_until_it_does() {
    let (_tmp, dir, mut project, mut session) = opened();
    let codebook = dir.join("codebook.ron");
    let good = std::fs::read_to_string(&codebook).expect("reads");
    std::fs::write(&codebook, "(codes: [oops").expect("breaks");
    assert!(matches!(session.look(), OnDisk::Changed(_)));
    let problem = session.reload().expect_err("does not load");
    assert!(problem.starts_with("codebook.ron:"), "{problem}");
    assert_eq!(session.look(), OnDisk::StillBroken, "not tried again");
    let refused = session
        .apply(&mut project, coding(2, "ana"))
        .expect_err("refused");
    assert!(
        matches!(&refused, NotDone::ReadOnly(m) if m.contains("does not load")),
        "{refused}"
    );
    assert!(!session.history().can_undo());
    std::fs::write(&codebook, good).expect("mends");
    // Same content, new metadata: a reload reads it, and edits are allowed.
    let reloaded = session.reload().expect("loads again");
    assert_eq!(reloaded.project, project);
    assert!(session.refusal().is_none());
    session
        .commit(&mut project, coding(2, "ana"))
        .expect("commits");
}

#[test]
fn check_problems_make_the_session_read_only() {
    let (_tmp, _dir, mut project, mut session) = opened();
    session.check(&project);
    assert!(session.rejected().is_empty(), "{:?}", session.rejected());
    session.set_rejected(vec![
        "documents/P1.ron:3:5: attribute 'mood' is not defined".into(),
    ]);
    let refused = session
        .apply(&mut project, coding(2, "ana"))
        .expect_err("refused");
    assert_eq!(
        refused.to_string(),
        "not done: read-only while `margin check` finds 1 problem(s) (see the banner); fix them, then ctrl-l"
    );
}

#[test]
fn a_session_in_memory_applies_and_undoes_and_writes_nothing() {
    let mut project = project();
    let mut session = Session::in_memory();
    session
        .commit(&mut project, coding(2, "ana"))
        .expect("applies");
    assert_eq!(codings(&project, "ana"), 1);
    assert!(session.undo(&mut project).expect("undoes").is_some());
    assert_eq!(codings(&project, "ana"), 0);
    assert!(session.reload().is_err(), "nothing to reload from");
}

#[test]
fn opening_for_the_workbench_tells_conflicts_from_other_problems_in_one_load() {
    let (_tmp, dir, _project, session) = opened();
    drop(session);
    let codebook = dir.join("codebook.ron");
    let good = std::fs::read_to_string(&codebook).expect("reads");
    let conflicted = good.replacen(
        "        name: \"Routine\",\n",
        "<<<<<<< ours\n    name: \"Routine\",\n=======\n    name: \"Daily routine\",\n>>>>>>> theirs\n",
        1,
    );
    assert_ne!(conflicted, good);
    std::fs::write(&codebook, &conflicted).expect("writes");
    match Session::open_workbench(&dir) {
        Opened::OnlyConflicts { files, .. } => assert_eq!(files[0].rel, "codebook.ron"),
        other => panic!("expected only conflicts, got {other:?}"),
    }
    std::fs::write(&codebook, "(codes: [oops").expect("breaks");
    match Session::open_workbench(&dir) {
        Opened::Refused(StoreError::Invalid(problems)) => {
            assert!(problems[0].to_string().starts_with("codebook.ron:"))
        }
        other => panic!("expected refused, got {other:?}"),
    }
    std::fs::write(&codebook, &good).expect("mends");
    let Opened::Ready(opened) = Session::open_workbench(&dir) else {
        panic!("expected the project to open");
    };
    let (_project, session) = *opened;
    // A second workbench is refused while the first holds the lock.
    assert!(matches!(
        Session::open_workbench(&dir),
        Opened::Refused(StoreError::Locked { .. })
    ));
    drop(session);
    assert!(matches!(Session::open_workbench(&dir), Opened::Ready(..)));
}

#[test]
fn applying_says_what_was_done_and_a_refusal_says_why() {
    let mut project = project();
    let mut session = Session::in_memory();
    let done = session
        .apply(&mut project, coding(2, "ana"))
        .expect("applies");
    assert_eq!(done.tone, Tone::Ok);
    assert!(done.text.contains("Routine"), "{done}");
    let gone = Edit::AddCoding {
        doc: DocId::new("P9"),
        coder: "ana".into(),
        coding: Coding::new(CodeId::new("routine"), 0, 4),
    };
    let refused = session
        .apply(&mut project, gone)
        .expect_err("no such document");
    let said = refused.message();
    assert_eq!(said.tone, Tone::Error);
    assert!(said.text.starts_with("not done: "), "{said}");
}
