//! The workbench end to end, in a real pseudo-terminal: open a copy of the
//! sample study, select two lines, code them with a new code, check the RON
//! on disk, undo (the files are exactly as before), redo, quit cleanly.

#![cfg(unix)]

use crate::common;

use common::pty::{Tui, wait_for_file};
use common::{copy_dir, sample_project, snapshot_files, wait_until_files_equal};
use std::sync::Mutex;

/// PTY tests run one at a time: the CI machine has two cores.
static SERIAL: Mutex<()> = Mutex::new(());

fn code_a_passage_undo_redo_quit(cols: u16, rows: u16, env: &[(&str, &str)]) -> Tui {
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path().join("study");
    copy_dir(&sample_project(), &dir);
    let before = snapshot_files(&dir);
    let dir_arg = dir.to_string_lossy().to_string();
    let mut tui = Tui::spawn(&["--coder", "tester", &dir_arg], cols, rows, env);
    tui.wait_for_text("Codebook");
    // The three top-level themes are in view.
    let (project, _) = margin::store::Store::open(&dir).expect("the sample opens");
    assert_eq!(project.themes.len(), 3);
    for theme in &project.themes {
        let start: String = theme.name.chars().take(12).collect();
        tui.wait_until(&format!("theme {}", theme.name), |s| {
            s.contents().contains(&start)
        });
    }
    // Go to the first speaker turn, select it and the next line, code them
    // with a new code.
    tui.send("}Vj");
    tui.wait_for_text("V-LINE");
    tui.send("c");
    tui.wait_for_text("Code the selection");
    tui.send("unpredictability");
    tui.wait_for_text("create code 'unpredictability'");
    tui.enter();
    let codings = dir.join("codings/P1/tester.ron");
    wait_for_file("the new coding", &codings, |c| {
        c.is_some_and(|t| t.contains("code: \"unpredictability\""))
    });
    wait_for_file("the new code", &dir.join("codebook.ron"), |c| {
        c.is_some_and(|t| t.contains("name: \"unpredictability\""))
    });
    tui.wait_for_text("saved");
    // Undo puts every file back exactly as it was.
    tui.send("u");
    tui.wait_for_text("undid: code 'unpredictability' on P1 line");
    wait_until_files_equal(&dir, &before);
    // Redo brings the coding back.
    tui.ctrl('r');
    tui.wait_for_text("redid:");
    wait_for_file("the coding again", &codings, |c| {
        c.is_some_and(|t| t.contains("unpredictability"))
    });
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert!(
        !tui.screen().alternate_screen(),
        "the alternate screen was not left"
    );
    assert_eq!(
        tui.screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse capture was not turned off"
    );
    tui
}

#[test]
fn code_undo_redo_at_120_by_40() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    code_a_passage_undo_redo_quit(120, 40, &[]);
}

#[test]
fn code_undo_redo_at_80_by_24() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    code_a_passage_undo_redo_quit(80, 24, &[]);
}

#[test]
fn no_color_gives_a_monochrome_screen() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path().join("study");
    copy_dir(&sample_project(), &dir);
    let dir_arg = dir.to_string_lossy().to_string();
    let mut tui = Tui::spawn(&[&dir_arg], 100, 30, &[("NO_COLOR", "1")]);
    tui.wait_for_text("Codebook");
    tui.wait_stable(std::time::Duration::from_millis(200));
    let screen = tui.screen();
    for row in 0..30 {
        for col in 0..100 {
            if let Some(cell) = screen.cell(row, col) {
                assert_eq!(
                    (cell.fgcolor(), cell.bgcolor()),
                    (vt100::Color::Default, vt100::Color::Default),
                    "cell {row},{col} ({:?}) is coloured",
                    cell.contents()
                );
            }
        }
    }
    tui.send("q");
    assert!(tui.wait_exit().success());
    // And the coding scenario works the same without colour.
    drop(tui);
    code_a_passage_undo_redo_quit(100, 30, &[("NO_COLOR", "1")]);
}

#[test]
fn a_second_instance_is_refused_and_a_non_project_errors_before_the_screen() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path().join("study");
    copy_dir(&sample_project(), &dir);
    let dir_arg = dir.to_string_lossy().to_string();
    let mut first = Tui::spawn(&[&dir_arg], 100, 30, &[]);
    first.wait_for_text("Codebook");
    let mut second = Tui::spawn(&[&dir_arg], 100, 30, &[]);
    let status = second.wait_exit();
    assert!(!status.success());
    assert!(
        second.contents().contains("already working on"),
        "{}",
        second.contents()
    );
    first.send("q");
    assert!(first.wait_exit().success());

    let empty = temp.path().join("empty");
    std::fs::create_dir(&empty).expect("mkdir");
    let mut none = Tui::spawn(&[&empty.to_string_lossy()], 100, 30, &[]);
    let status = none.wait_exit();
    assert!(!status.success());
    assert!(!none.screen().alternate_screen());
    assert!(none.contents().contains("margin"), "{}", none.contents());
}

#[test]
fn sigterm_restores_the_terminal_and_keeps_every_edit() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path().join("study");
    copy_dir(&sample_project(), &dir);
    let dir_arg = dir.to_string_lossy().to_string();
    let mut tui = Tui::spawn(&["--coder", "tester", &dir_arg], 100, 30, &[]);
    tui.wait_for_text("Codebook");
    tui.send("vwwC");
    let codings = dir.join("codings/P1/tester.ron");
    wait_for_file("the in vivo coding", &codings, |c| c.is_some());
    let pid = tui.pid().expect("a pid");
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(killed.success());
    tui.wait_exit();
    assert!(!tui.screen().alternate_screen());
    assert!(std::fs::read_to_string(&codings).is_ok_and(|t| t.contains("code:")));
}

#[test]
fn editor_suspends_and_resumes_the_screen_and_saves_the_memo() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path().join("study");
    copy_dir(&sample_project(), &dir);
    let editor = temp.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\necho 'written in the editor' >> \"$1\"\n",
    )
    .expect("write the editor");
    let mut perms = std::fs::metadata(&editor).expect("stat").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&editor, perms).expect("chmod");
    let dir_arg = dir.to_string_lossy().to_string();
    let editor_arg = editor.to_string_lossy().to_string();
    let mut tui = Tui::spawn(
        &[&dir_arg],
        100,
        30,
        &[("EDITOR", &editor_arg), ("VISUAL", "")],
    );
    tui.wait_for_text("Codebook");
    // On line 1 no coding is under the cursor: E edits the document's memo.
    tui.send("E");
    let memo = dir.join("memos/documents/P1.md");
    wait_for_file("the memo from the editor", &memo, |c| {
        c.is_some_and(|t| t.contains("written in the editor"))
    });
    tui.wait_for_text("saved: edit the memo on document P1");
    assert!(tui.screen().alternate_screen(), "the workbench came back");
    tui.send("q");
    assert!(tui.wait_exit().success());
}
