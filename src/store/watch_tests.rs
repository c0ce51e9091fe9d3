//! Change detection by metadata: edits from outside are seen (changed, new,
//! removed files), margin's own saves are not.

use super::*;
use crate::edit::Edit;
use crate::model::{Code, CodeId, Coding, DocId, Document, DocumentRecord, Manifest};

fn project() -> Project {
    let mut p = Project::new(Manifest::new("watch"));
    for id in ["P1", "P2"] {
        let record = DocumentRecord {
            title: id.into(),
            source: format!("{id}.txt"),
            attributes: Default::default(),
            sha256: String::new(),
            guid: String::new(),
            times: Vec::new(),
        };
        p.documents.insert(
            DocId::new(id),
            Document::new(DocId::new(id), record, "one two three four\n".into()),
        );
    }
    p.codes
        .insert(CodeId::new("a"), Code::new(CodeId::new("a"), "a", 0));
    p
}

fn add_coding(doc: &str, coder: &str) -> Edit {
    Edit::AddCoding {
        doc: DocId::new(doc),
        coder: coder.into(),
        coding: Coding::new(CodeId::new("a"), 0, 3),
    }
}

fn opened() -> (tempfile::TempDir, Project, Store) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("p");
    Store::create(&dir, &project()).expect("creates");
    let (project, store) = Store::open(&dir).expect("opens");
    (tmp, project, store)
}

#[test]
fn nothing_changed_right_after_open_or_create() {
    let (_tmp, _project, store) = opened();
    assert!(store.changes_on_disk().is_empty());
    assert!(store.stamps().len() >= 8, "{:?}", store.stamps());
    let tmp = tempfile::tempdir().expect("tempdir");
    let created = Store::create(tmp.path().join("q"), &project()).expect("creates");
    assert!(created.changes_on_disk().is_empty());
}

#[test]
fn margins_own_saves_are_not_external_changes() {
    let (_tmp, mut project, mut store) = opened();
    let edit = add_coding("P1", "ana");
    let inverse = edit.clone().apply(&mut project).expect("applies");
    store.save_edit(&project, &edit).expect("saves");
    assert!(store.changes_on_disk().is_empty());
    // Removing the coder's last coding removes the file: still margin's own.
    inverse.clone().apply(&mut project).expect("undoes");
    store.save_edit(&project, &inverse).expect("saves");
    assert!(store.changes_on_disk().is_empty());
}

#[test]
fn a_changed_file_is_seen() {
    let (_tmp, _project, store) = opened();
    let path = store.root().join("codebook.ron");
    let text = std::fs::read_to_string(&path).expect("reads");
    std::fs::write(&path, format!("{text}\n")).expect("writes");
    let changes = store.changes_on_disk();
    assert_eq!(changes.changed, vec!["codebook.ron".to_string()]);
    assert!(changes.added.is_empty() && changes.removed.is_empty());
}

#[test]
fn a_rewrite_of_the_same_length_is_seen_by_its_time() {
    let (_tmp, _project, store) = opened();
    let path = store.root().join("documents/P2.txt");
    let file = std::fs::File::options()
        .write(true)
        .open(&path)
        .expect("opens");
    let later = SystemTime::now() + std::time::Duration::from_secs(5);
    file.set_modified(later).expect("sets the time");
    assert_eq!(store.changes_on_disk().changed, vec!["documents/P2.txt"]);
}

#[test]
fn new_and_removed_files_are_seen_in_every_folder() {
    let (_tmp, _project, store) = opened();
    let root = store.root().to_path_buf();
    std::fs::create_dir_all(root.join("codings/P2")).expect("mkdir");
    std::fs::write(root.join("codings/P2/ben.ron"), "[\n]\n").expect("writes");
    std::fs::create_dir_all(root.join("memos/codes")).expect("mkdir");
    std::fs::write(root.join("memos/codes/a.md"), "why\n").expect("writes");
    std::fs::remove_file(root.join("documents/P1.ron")).expect("removes");
    // Not project files: hidden temporaries and other names are ignored.
    std::fs::write(root.join("codings/P2/.margin-x.tmp"), "").expect("writes");
    std::fs::write(root.join("README.md"), "notes").expect("writes");
    let changes = store.changes_on_disk();
    assert_eq!(
        changes.added,
        vec!["codings/P2/ben.ron", "memos/codes/a.md"]
    );
    assert_eq!(changes.removed, vec!["documents/P1.ron"]);
    assert_eq!(
        changes.summary(2),
        "3 files changed on disk (codings/P2/ben.ron, documents/P1.ron, +1 more)"
    );
}

#[test]
fn overwrite_writes_over_a_file_changed_on_disk() {
    let (_tmp, mut project, mut store) = opened();
    let edit = add_coding("P1", "ana");
    edit.clone().apply(&mut project).expect("applies");
    let path = store.root().join("codings/P1/ana.ron");
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(&path, "[\n]\n").expect("writes");
    let refused = store.save_edit(&project, &edit);
    assert!(
        matches!(refused, Err(StoreError::ChangedOnDisk(_))),
        "{refused:?}"
    );
    let keys = files::touched_by(&edit);
    let report = store.overwrite_keys(&project, &keys).expect("overwrites");
    assert_eq!(report.written, vec!["codings/P1/ana.ron"]);
    assert!(store.changes_on_disk().is_empty());
    let (reloaded, _) = Store::open(store.root()).expect("loads");
    assert_eq!(reloaded.coding_count(), 1);
}

#[test]
fn a_save_of_many_files_is_not_an_external_change() {
    // Enough coders' files to be looked at on every core (`record_all`).
    let (_tmp, mut project, mut store) = opened();
    let edits: Vec<Edit> = (0..40)
        .flat_map(|i| ["P1", "P2"].map(|doc| add_coding(doc, &format!("coder{i}"))))
        .collect();
    let edit = Edit::Batch {
        label: "many".into(),
        edits,
    };
    edit.clone().apply(&mut project).expect("applies");
    let report = store.save_edit(&project, &edit).expect("saves");
    assert!(report.written.len() >= 80, "{:?}", report.written);
    assert!(store.changes_on_disk().is_empty());
}
