//! The workbench and signals, an $EDITOR that saves bytes that are not text,
//! and a project `margin check` rejects: the terminal is always given back,
//! the exit status says what ended margin, nothing typed is lost, and a
//! rejected project opens read-only with a banner naming its problems.

#![cfg(unix)]

use crate::common;

use common::pty::Tui;
use std::path::Path;
use std::process::Command;

fn open(dir: &Path, env: &[(&str, &str)]) -> Tui {
    let mut env = env.to_vec();
    env.push(("MARGIN_CODER", "ana"));
    let mut tui = Tui::spawn(&[&dir.display().to_string()], 100, 30, &env);
    tui.wait_for_text("Codebook");
    tui
}

fn signal(tui: &Tui, name: &str) {
    let pid = tui.pid().expect("a pid");
    let sent = Command::new("kill")
        .args([&format!("-{name}"), &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(sent.success());
}

/// SIGTERM, SIGHUP, SIGINT and SIGQUIT end the workbench with 128 + the
/// signal's number (they exited 0, and SIGQUIT left the alternate screen
/// and mouse capture on).
#[test]
fn ending_signals_restore_the_terminal_and_give_their_exit_status() {
    for (name, code) in [("TERM", 143), ("HUP", 129), ("INT", 130), ("QUIT", 131)] {
        let (_tmp, dir) = common::sample_study();
        let mut tui = open(&dir, &[]);
        assert!(tui.screen().alternate_screen());
        signal(&tui, name);
        let status = tui.wait_exit();
        assert_eq!(
            (status.exit_code(), status.signal()),
            (code, None),
            "SIG{name}"
        );
        assert!(
            !tui.screen().alternate_screen(),
            "SIG{name}: alternate screen left on"
        );
        assert_eq!(
            tui.screen().mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "SIG{name}: mouse capture left on"
        );
    }
}

/// `kill -TSTP` from outside gives the terminal back before stopping; `fg`
/// (SIGCONT) brings the workbench back.
#[test]
fn a_stop_from_outside_gives_the_terminal_back_and_continue_takes_it_again() {
    let (_tmp, dir) = common::sample_study();
    let mut tui = open(&dir, &[]);
    signal(&tui, "TSTP");
    tui.wait_until("the terminal given back", |s| {
        !s.alternate_screen() && s.mouse_protocol_mode() == vt100::MouseProtocolMode::None
    });
    let pid = tui.pid().expect("a pid").to_string();
    let stopped = || {
        let out = Command::new("ps")
            .args(["-o", "stat=", "-p", &pid])
            .output()
            .expect("ps");
        String::from_utf8_lossy(&out.stdout).trim().starts_with('T')
    };
    let end = std::time::Instant::now() + common::pty::deadline();
    while !stopped() {
        assert!(std::time::Instant::now() < end, "margin did not stop");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    signal(&tui, "CONT");
    tui.wait_until("the workbench back", |s| {
        s.alternate_screen() && s.contents().contains("Codebook")
    });
    tui.send("q");
    assert!(tui.wait_exit().success());
}

/// An editor that saves a memo that is not UTF-8 used to end the workbench
/// and lose the memo: now the bytes are kept in a file that is named.
#[test]
fn a_memo_saved_as_other_than_utf8_is_kept_and_the_workbench_goes_on() {
    let (tmp, dir) = common::sample_study();
    let editor = tmp.path().join("latin1-editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nprintf 'Caf\\351 notes: the drop-in helps\\n' > \"$1\"\n",
    )
    .expect("write the editor");
    let mut perms = std::fs::metadata(&editor).expect("stat").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&editor, perms).expect("chmod");
    let scratch = tmp.path().join("scratch");
    std::fs::create_dir(&scratch).expect("mkdir");
    let editor_arg = editor.display().to_string();
    let scratch_arg = scratch.display().to_string();
    let mut tui = open(
        &dir,
        &[
            ("EDITOR", &editor_arg),
            ("VISUAL", ""),
            ("TMPDIR", &scratch_arg),
        ],
    );
    tui.send("E");
    tui.wait_for_text("memo not saved");
    assert!(tui.screen().alternate_screen(), "the workbench came back");
    assert!(!dir.join("memos/documents/P1.md").exists());
    let kept: Vec<Vec<u8>> = std::fs::read_dir(&scratch)
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| std::fs::read(e.path()).expect("reads"))
        .collect();
    assert_eq!(kept, vec![b"Caf\xe9 notes: the drop-in helps\n".to_vec()]);
    tui.send("q");
    assert!(tui.wait_exit().success());
}

/// A project that loads but that `margin check` rejects opens read-only,
/// with a banner naming the problems (it opened without a word).
#[test]
fn a_project_check_rejects_opens_read_only_with_a_banner() {
    let (_tmp, dir) = common::sample_study();
    let record = dir.join("documents/P1.ron");
    let text = std::fs::read_to_string(&record).expect("reads");
    std::fs::write(
        &record,
        text.replacen(
            "\"age\": \"31\",",
            "\"age\": \"31\",\n        \"mood\": \"calm\",",
            1,
        ),
    )
    .expect("writes");
    assert!(
        !common::cli::margin(&["check", &dir.display().to_string()])
            .status
            .success()
    );
    let mut tui = open(&dir, &[]);
    tui.wait_for_text("READ-ONLY");
    tui.wait_for_text("attribute 'mood' is not defined");
    // Fixed on disk: the workbench reloads by itself and allows edits again.
    std::fs::write(&record, &text).expect("writes");
    tui.wait_until("the banner gone", |s| !s.contents().contains("READ-ONLY"));
    tui.send("q");
    assert!(tui.wait_exit().success());
}

/// While check rejects the project, an edit is refused and says why.
#[test]
fn edits_are_refused_while_the_project_is_rejected() {
    use margin::edit::Edit;
    use margin::model::{CodeId, Coding, DocId};
    let mut app = common::fixture::app(common::fixture::project(), (100, 30));
    app.reject(vec![
        "documents/P1.ron:9:9: attribute 'mood' is not defined".into(),
    ]);
    let before = app.project().clone();
    let effects = app.apply(Edit::AddCoding {
        doc: DocId::new("P1"),
        coder: "ana".into(),
        coding: Coding::new(CodeId::new("calm"), 0, 9),
    });
    assert!(effects.is_empty());
    assert_eq!(*app.project(), before);
    assert!(app.status().contains("read-only"), "{}", app.status());
    let screen = common::fixture::screen_text(&app);
    assert!(screen.contains("READ-ONLY"), "{screen}");
    assert!(
        screen.contains("attribute 'mood' is not defined"),
        "{screen}"
    );
}
