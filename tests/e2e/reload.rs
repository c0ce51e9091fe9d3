//! Files changed behind a running workbench, in a real pseudo-terminal: a
//! pull-like change to a codings file and the codebook is reloaded on its own
//! (status message, the new code in the codebook pane); then a save refused
//! because its file changed first is re-applied onto the files on disk, which
//! end up holding both changes.

#![cfg(unix)]

use crate::common;

use common::pty::{Tui, wait_for_file};
use common::{copy_dir, sample_project};
use margin::edit::{Edit, compose};
use margin::model::{Coding, DocId};
use margin::store::Store;
use std::path::Path;
use std::sync::Mutex;

/// PTY tests run one at a time: the CI machine has two cores.
static SERIAL: Mutex<()> = Mutex::new(());

/// What a `git pull` would bring: a new code, and a coding with it by
/// `coder` in `doc`, written by another margin's store.
fn change_behind(dir: &Path, name: &str, doc: &str, coder: &str) {
    let (mut project, mut store) = Store::open(dir).expect("loads");
    let code = compose::new_code(&project, name);
    let id = code.id.clone();
    let edit = Edit::Batch {
        label: "pulled".into(),
        edits: vec![
            Edit::AddCode { code },
            Edit::AddCoding {
                doc: DocId::new(doc),
                coder: coder.into(),
                coding: Coding::new(id, 0, 9),
            },
        ],
    };
    edit.clone().apply(&mut project).expect("applies");
    store.save_edit(&project, &edit).expect("saves");
}

#[test]
fn a_pull_is_reloaded_and_a_refused_save_reapplied() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path().join("study");
    copy_dir(&sample_project(), &dir);
    let dir_arg = dir.to_string_lossy().to_string();
    let mut tui = Tui::spawn(&["--coder", "tester", &dir_arg], 160, 48, &[]);
    tui.wait_for_text("Codebook");

    change_behind(&dir, "Aaa pulled code", "P3", "ben");
    tui.wait_for_text("reloaded: 2 files changed on disk (codebook.ron, codings/P3/ben.ron)");
    tui.wait_for_text("Aaa pulled code");

    // Start coding; while the picker is open, someone codes P1 as tester
    // too, so the save of the same file is refused.
    tui.send("}Vj");
    tui.wait_for_text("V-LINE");
    tui.send("c");
    tui.wait_for_text("Code the selection");
    tui.send("zqxv mine");
    tui.wait_for_text("create code 'zqxv mine'");
    change_behind(&dir, "Aab theirs", "P1", "tester");
    tui.enter();
    tui.wait_for_text("reload and re-apply my 1 unsaved edit(s)");
    tui.enter();
    tui.wait_for_text("re-applied 1 of 1 unsaved edit(s)");
    wait_for_file("both codings", &dir.join("codings/P1/tester.ron"), |c| {
        c.is_some_and(|t| t.contains("aab-theirs") && t.contains("zqxv-mine"))
    });
    wait_for_file("both codes", &dir.join("codebook.ron"), |c| {
        c.is_some_and(|t| t.contains("name: \"Aab theirs\"") && t.contains("name: \"zqxv mine\""))
    });
    tui.send("q");
    assert!(tui.wait_exit().success());
}
