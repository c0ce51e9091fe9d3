//! Picking a side of a merge conflict in a real pseudo-terminal: `margin DIR`
//! on a project that a `git merge` left with conflicts opens the resolver
//! screen, `t` keeps theirs, the workbench opens on the now-valid project,
//! and the files on disk pass `margin check`.

#![cfg(unix)]

use crate::common;

use common::conflict::{CODE, Conflicted, OURS_NAME, THEIRS_NAME, THEIRS_THEME};
use common::pty::Tui;
use margin::model::CodeId;
use margin::store::Store;

#[test]
fn t_keeps_theirs_then_the_workbench_opens_at_80x24() {
    let repo = Conflicted::new(false);
    let mut tui = Tui::spawn(&[repo.d()], 80, 24, &[("MARGIN_CODER", "ana")]);
    tui.wait_for_text("Merge conflict 1 of 1");
    // Stacked at 80 columns: both sides, with their keys and what they say.
    tui.wait_for_text("keep theirs");
    let screen = tui.contents();
    assert!(screen.contains("codebook.ron:"), "{screen}");
    assert!(
        screen.contains(&format!("name: \"{OURS_NAME}\"")),
        "{screen}"
    );
    assert!(
        screen.contains(&format!("name: \"{THEIRS_NAME}\"")),
        "{screen}"
    );
    assert!(screen.contains("keep ours"), "{screen}");
    tui.send("t");
    tui.wait_for_text("resolved 1 conflict in 1 file; git add them and commit");
    tui.wait_for_text("Codebook");
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    // One terminal program: the resolver is the first screen of the
    // workbench's loop, so the alternate screen is entered and left once.
    assert_eq!(tui.count_written(b"\x1b[?1049h"), 1, "entered once");
    assert_eq!(tui.count_written(b"\x1b[?1049l"), 1, "left once");

    let codebook = repo.read("codebook.ron");
    assert!(!codebook.contains("<<<<<<<"), "{codebook}");
    let (project, _) = Store::open(&repo.dir).expect("the project opens");
    assert_eq!(project.codes[&CodeId::new(CODE)].name, THEIRS_NAME);
    repo.margin_ok(&["check", repo.d()]);
}

#[test]
fn two_files_side_by_side_and_q_writes_nothing() {
    let repo = Conflicted::new(true);
    let before = (repo.read("codebook.ron"), repo.read("themes.ron"));
    let mut tui = Tui::spawn(&[repo.d()], 120, 40, &[("MARGIN_CODER", "ana")]);
    tui.wait_for_text("Merge conflict 1 of 2");
    tui.send("o");
    tui.wait_for_text("Merge conflict 2 of 2");
    tui.wait_for_text("themes.ron:");
    tui.wait_for_text(THEIRS_THEME);
    // Back to the first: it shows as kept; then leave without writing.
    tui.send("k");
    tui.wait_for_text("keep ours · kept");
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert!(
        tui.contents().contains("nothing was written"),
        "{}",
        tui.contents()
    );
    assert_eq!((repo.read("codebook.ron"), repo.read("themes.ron")), before);
}

#[test]
fn other_problems_are_refused_before_the_screen_is_taken() {
    let repo = Conflicted::new(false);
    std::fs::write(repo.dir.join("themes.ron"), "[ (oops ]\n").expect("break themes");
    let out = repo.margin(&[repo.d()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("themes.ron:1:"), "{err}");
    assert!(err.contains("unresolved merge conflict"), "{err}");
}

/// Deliver 7: `e` opens the shown conflict in $EDITOR, starting from both
/// sides; what the analyst saves is written (once the file reads), and the
/// workbench opens on it.
#[test]
fn e_edits_a_conflict_in_the_editor_and_writes_the_edit() {
    use std::os::unix::fs::PermissionsExt;
    let repo = Conflicted::new(false);
    let editor = repo.dir.join("../editor.sh");
    // Checks it was given both names, then writes one of its own.
    let script = format!(
        "#!/bin/sh\ngrep -q '{OURS_NAME}' \"$1\" && grep -q '{THEIRS_NAME}' \"$1\" || exit 1\nprintf '    name: \"Everyday unpredictability\",\\n' > \"$1\"\n"
    );
    std::fs::write(&editor, script).expect("write the editor");
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let editor = editor.to_str().expect("utf-8 path").to_string();
    let mut tui = Tui::spawn(
        &[repo.d()],
        100,
        30,
        &[("MARGIN_CODER", "ana"), ("EDITOR", &editor), ("VISUAL", "")],
    );
    tui.wait_for_text("Merge conflict 1 of 1");
    tui.wait_for_text("e edit");
    tui.send("e");
    tui.wait_for_text("resolved 1 conflict in 1 file; git add them and commit");
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    let (project, _) = Store::open(&repo.dir).expect("the project opens");
    assert_eq!(
        project.codes[&CodeId::new(CODE)].name,
        "Everyday unpredictability"
    );
    repo.margin_ok(&["check", repo.d()]);
}
