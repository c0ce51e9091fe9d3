//! Picking up where you left off, in a real pseudo-terminal: quit on P3 with
//! a theme unfolded, start again, and the same document, line and folds are
//! back; nothing of it is written into the project.

#![cfg(unix)]

use crate::common;

use common::pty::Tui;
use common::{copy_dir, sample_project, snapshot_files};

/// The status line's "P3 17/79" for the screen.
fn place(tui: &Tui) -> String {
    let contents = tui.contents();
    let status = contents.lines().last().unwrap_or_default().to_string();
    status
        .split('│')
        .find(|part| part.trim().starts_with("P3 "))
        .map(|p| p.trim().to_string())
        .unwrap_or_else(|| panic!("no place on the status line: {status}"))
}

#[test]
fn the_workbench_reopens_at_the_last_document_line_and_folds() {
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path().join("study");
    copy_dir(&sample_project(), &dir);
    let state = temp.path().join("state");
    let state_env = state.to_string_lossy().to_string();
    let env = [("MARGIN_STATE_DIR", state_env.as_str())];
    let before = snapshot_files(&dir);
    let dir_arg = dir.to_string_lossy().to_string();
    let (project, _) = margin::store::Store::open(&dir).expect("opens");
    let subtheme = project.themes[0].subthemes[0].name.clone();
    let sub_start: String = subtheme.chars().take(10).collect();

    let mut tui = Tui::spawn(&["--coder", "tester", &dir_arg], 100, 30, &env);
    tui.wait_for_text("Codebook");
    tui.send("o");
    tui.wait_for_text("Open document");
    tui.send("P3");
    tui.enter();
    tui.wait_for_text("P3 1/");
    tui.send("}}}}");
    tui.wait_until("moved down P3", |s| !s.contents().contains("P3 1/"));
    let left_at = place(&tui);
    tui.send("3 "); // unfold the first theme
    tui.wait_for_text(&sub_start);
    tui.send("q");
    assert!(tui.wait_exit().success());
    assert!(state.is_dir(), "the state is kept in MARGIN_STATE_DIR");

    let mut tui = Tui::spawn(&["--coder", "tester", &dir_arg], 100, 30, &env);
    tui.wait_for_text("Codebook");
    tui.wait_for_text(&left_at);
    tui.wait_for_text(&sub_start);
    tui.send("q");
    assert!(tui.wait_exit().success());
    assert_eq!(
        snapshot_files(&dir),
        before,
        "nothing written into the project"
    );
}

#[test]
fn margin_in_the_documents_folder_opens_the_project_above_it() {
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path().join("study");
    copy_dir(&sample_project(), &dir);
    let mut tui = Tui::spawn_in(
        Some(&dir.join("documents")),
        &["--coder", "tester"],
        100,
        30,
        &[],
    );
    tui.wait_for_text("Codebook (41)");
    tui.send("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn demo_says_where_the_copy_is_after_the_screen_is_given_back() {
    let temp = tempfile::tempdir().expect("temp dir");
    let copy = temp.path().join("demo-copy");
    let copy_arg = copy.to_string_lossy().to_string();
    let mut tui = Tui::spawn(&["demo", &copy_arg], 100, 30, &[]);
    tui.wait_for_text("Codebook (41)");
    tui.send("q");
    assert!(tui.wait_exit().success());
    // The last thing on the terminal, after the workbench's screen is gone.
    tui.wait_for_text("the sample study is in");
    assert!(tui.contents().contains(&copy_arg) || tui.contents().contains("demo-copy"));
}
