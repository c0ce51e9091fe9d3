//! Issue 4's must-show in a real pseudo-terminal: on a copy of the sample
//! study, merge two codes from the codebook pane as a new user would (mark
//! both, the merge key, the picker, Enter), see the report, press u, and
//! every file on disk is byte-identical to before the merge.

#![cfg(unix)]

use crate::common;

use common::pty::{Tui, wait_for_file};
use common::{copy_dir, sample_project, snapshot_files, wait_until_files_equal};
use std::sync::Mutex;

/// PTY tests run one at a time: the CI machine has two cores.
static SERIAL: Mutex<()> = Mutex::new(());

#[test]
fn merge_two_codes_from_the_codebook_then_undo_to_the_exact_files() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path().join("study");
    copy_dir(&sample_project(), &dir);
    let before = snapshot_files(&dir);
    let dir_arg = dir.to_string_lossy().to_string();
    let mut tui = Tui::spawn(&["--coder", "tester", &dir_arg], 120, 40, &[]);
    tui.wait_for_text("Codebook");
    // The codebook lists codes by name: mark the first two.
    tui.send("2");
    tui.send(" ");
    tui.wait_for_text("1 code(s) marked");
    tui.send(" ");
    tui.wait_for_text("2 code(s) marked");
    tui.send("M");
    tui.wait_for_text("Merge 'Activities and groups' and 'Binge and crash cycles' into");
    tui.send("Binge and");
    tui.enter();
    tui.wait_for_text("why? (optional, enter to skip)");
    tui.enter();
    tui.wait_for_text("merged 'Activities and groups' into 'Binge and crash cycles'");
    wait_for_file("the merged code gone", &dir.join("codebook.ron"), |c| {
        c.is_some_and(|t| !t.contains("name: \"Activities and groups\""))
    });
    wait_for_file("the journal entry", &dir.join("journal.ron"), |c| {
        c.is_some_and(|t| t.contains("merged 'Activities and groups'"))
    });
    tui.wait_for_text("saved");
    assert_ne!(snapshot_files(&dir), before);
    tui.send("u");
    tui.wait_for_text("undid: merged 'Activities and groups'");
    wait_until_files_equal(&dir, &before);
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
}
