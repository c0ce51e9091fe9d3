//! A project margin cannot break, and a repository that cannot attack its
//! reader: each case a hostile tester found, driven through the real binary
//! (the store-level ones through the library).

#![cfg(unix)]

use crate::common;

use common::cli::{fails, margin, ok};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A fresh copy of the sample study, in a folder of its own (so that
/// "outside the project" is a place the test can look at).
fn s(p: &Path) -> String {
    p.display().to_string()
}

/// Every file under `dir` (not following links) whose bytes contain `needle`.
fn files_containing(dir: &Path, needle: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(read) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in read.filter_map(Result::ok) {
        let path = entry.path();
        let kind = entry.file_type().expect("file type");
        if kind.is_dir() {
            found.extend(files_containing(&path, needle));
        } else if kind.is_file()
            && std::fs::read(&path).is_ok_and(|b| String::from_utf8_lossy(&b).contains(needle))
        {
            found.push(path);
        }
    }
    found
}

/// Runs margin, killing it if it has not finished in `secs`: a hang is a
/// failure, named as such.
fn margin_within(secs: u64, args: &[&str]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_margin"))
        .args(args)
        .env("MARGIN_CODER", "tester")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("margin runs");
    let end = Instant::now() + Duration::from_secs(secs);
    while child.try_wait().expect("poll").is_none() {
        if Instant::now() > end {
            let _ = child.kill();
            panic!("margin {args:?} hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn mkfifo(path: &Path) {
    let _ = std::fs::remove_file(path);
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

// Seen 1, Must show: the strace reproduction.

/// `strace` kills margin at its Nth rename, for every N the merge makes;
/// after each, `margin check` is clean and the project is as before or
/// after the merge (and the merge can be run again when it is before).
#[test]
fn a_kill_at_every_rename_of_a_merge_leaves_it_whole() {
    assert!(
        Command::new("strace").arg("-V").output().is_ok(),
        "this test needs strace (.ci/run installs it)"
    );
    let merge = |dir: &Path| {
        vec![
            "code".to_string(),
            "merge".into(),
            s(dir),
            "mandated-attendance".into(),
            "practical-help-as-a-way-in".into(),
            "--into".into(),
            "stigmatising-labels".into(),
        ]
    };
    let codes = |dir: &Path| ok(&["code", "list", &s(dir)]);
    let (_keep, before_dir) = common::sample_study();
    let before = codes(&before_dir);
    let (_keep2, after_dir) = common::sample_study();
    let args = merge(&after_dir);
    ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    let after = codes(&after_dir);
    assert_ne!(before, after);
    let mut kills = 0;
    for n in 1.. {
        let (_tmp, dir) = common::sample_study();
        let when = format!("when={n}");
        let mut argv = vec![
            "-f".to_string(),
            "-qq".into(),
            "-o".into(),
            "/dev/null".into(),
            "-e".into(),
            "trace=rename,renameat,renameat2".into(),
            "-e".into(),
            format!("inject=rename,renameat,renameat2:signal=KILL:{when}"),
            env!("CARGO_BIN_EXE_margin").into(),
        ];
        argv.extend(merge(&dir));
        let status = Command::new("strace")
            .args(&argv)
            .env("MARGIN_CODER", "tester")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("strace runs");
        if status.success() {
            break;
        }
        kills += 1;
        let check = margin(&["check", &s(&dir)]);
        assert!(
            check.status.success(),
            "kill at rename {n}: check finds {}",
            String::from_utf8_lossy(&check.stderr)
        );
        let now = codes(&dir);
        assert!(
            now == before || now == after,
            "kill at rename {n}: neither before nor after:\n{now}"
        );
        if now == before {
            let args = merge(&dir);
            ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
            assert_eq!(codes(&dir), after, "kill at rename {n}: the merge re-run");
        }
    }
    assert!(kills >= 3, "the merge renames several files ({kills})");
}

// Seen 2: the lock covers the read.

#[test]
fn a_writer_waits_for_a_held_lock_and_then_writes() {
    let (_tmp, dir) = common::sample_study();
    let lock = margin::store::ProjectLock::acquire(&dir).expect("free");
    let child = Command::new(env!("CARGO_BIN_EXE_margin"))
        .args(["code", "add", &s(&dir), "Peer support"])
        .env("MARGIN_CODER", "tester")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    std::thread::sleep(Duration::from_millis(1000));
    drop(lock);
    let out = child.wait_with_output().expect("waits");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("waiting up to"), "{stderr}");
    assert!(ok(&["code", "list", &s(&dir)]).contains("Peer support"));

    let _held = margin::store::ProjectLock::acquire(&dir).expect("free");
    let started = Instant::now();
    let err = fails(&["code", "add", &s(&dir), "Harm reduction"]);
    assert!(err.contains("another margin"), "{err}");
    assert!(started.elapsed() >= Duration::from_secs(4), "it waited");
}

/// `apply --code X` racing `code delete X`: one of them goes first, and the
/// project never holds a coding with the deleted code.
#[test]
fn a_coding_and_the_deletion_of_its_code_never_both_land() {
    for round in 0..30 {
        let (_tmp, dir) = common::sample_study();
        let d = s(&dir);
        let spawn = |args: &[&str]| {
            Command::new(env!("CARGO_BIN_EXE_margin"))
                .args(args)
                .env("MARGIN_CODER", "tester")
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        };
        let apply = spawn(&[
            "apply",
            &d,
            "--doc",
            "P1",
            "--match",
            "rhythm",
            "--code",
            "mandated-attendance",
        ]);
        let delete = spawn(&[
            "code",
            "delete",
            &d,
            "mandated-attendance",
            "--delete-codings",
        ]);
        let applied = apply.wait_with_output().expect("apply ends");
        let deleted = delete.wait_with_output().expect("delete ends");
        assert!(
            deleted.status.success(),
            "round {round}: {}",
            String::from_utf8_lossy(&deleted.stderr)
        );
        let check = margin(&["check", &d]);
        assert!(
            check.status.success(),
            "round {round}: apply {:?}, delete {:?}: {}",
            applied.status,
            deleted.status,
            String::from_utf8_lossy(&check.stderr)
        );
    }
}

/// A pull deletes a code while the workbench, busy with keys, has not yet
/// looked at the disk: the coding that depends on that code is not saved.
#[test]
fn a_save_checks_the_files_an_edit_depends_on_not_only_those_it_writes() {
    use margin::edit::Edit;
    use margin::model::{CodeId, Coding, DocId};
    use margin::store::{Store, StoreError};
    let (_tmp, dir) = common::sample_study();
    let (mut project, mut store) = Store::open(&dir).expect("opens");
    let edit = Edit::AddCoding {
        doc: DocId::new("P1"),
        coder: "asha".into(),
        coding: Coding::new(CodeId::new("mandated-attendance"), 10, 20),
    };
    edit.clone().apply(&mut project).expect("applies in memory");
    // The pull: the code and its codings go, behind the workbench's back.
    ok(&[
        "code",
        "delete",
        &s(&dir),
        "mandated-attendance",
        "--delete-codings",
    ]);
    let codings = dir.join("codings/P1/asha.ron");
    let on_disk = std::fs::read(&codings).expect("reads");
    let err = store.save_edit(&project, &edit).expect_err("refused");
    assert!(
        matches!(&err, StoreError::ChangedOnDisk(p) if p.ends_with("codebook.ron")),
        "{err}"
    );
    assert_eq!(std::fs::read(&codings).expect("reads"), on_disk);
    ok(&["check", &s(&dir)]);
}

// Seen 3: unknown fields.

#[test]
fn an_unknown_field_is_an_error_with_its_place_and_never_dropped() {
    let (_tmp, dir) = common::sample_study();
    let path = dir.join("codebook.ron");
    let text = std::fs::read_to_string(&path).expect("reads");
    let typo = text.replacen(
        "        description: \"Art, cooking",
        "        descripton: \"Art, cooking",
        1,
    );
    assert_ne!(typo, text);
    std::fs::write(&path, &typo).expect("writes");
    let err = fails(&["check", &s(&dir)]);
    assert!(err.contains("codebook.ron:5:"), "{err}");
    assert!(err.contains("descripton"), "{err}");
    let err = fails(&["code", "add", &s(&dir), "Peer support"]);
    assert!(err.contains("descripton"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).expect("reads"), typo);
}

// Seen 4: ids trusted as paths.

#[test]
fn an_id_that_is_a_path_is_refused_and_nothing_lands_outside() {
    let (tmp, dir) = common::sample_study();
    let path = dir.join("codebook.ron");
    let text = std::fs::read_to_string(&path).expect("reads");
    std::fs::write(
        &path,
        text.replacen("\"activities-and-groups\"", "\"../../../evil-id\"", 1),
    )
    .expect("writes");
    let err = fails(&["check", &s(&dir)]);
    assert!(
        err.contains("codebook.ron:3:")
            && err.contains("code id \"../../../evil-id\" cannot be used"),
        "{err}"
    );
    let err = fails(&["memo", &s(&dir), "code:../../../evil-id", "--set", "x"]);
    assert!(err.contains("evil-id"), "{err}");
    // memos/codes/../../../evil-id.md from the project is beside it.
    assert!(!tmp.path().join("evil-id.md").exists());
    assert_eq!(
        files_containing(tmp.path(), "evil-id").len(),
        1,
        "only the codebook"
    );

    let (_tmp2, dir) = common::sample_study();
    let path = dir.join("themes.ron");
    let text = std::fs::read_to_string(&path).expect("reads");
    let first_id = text.find("id: \"").expect("a theme id") + 5;
    let mut bad = text.clone();
    bad.insert_str(first_id, "CON.");
    let end = bad[first_id..].find('"').expect("closing quote") + first_id;
    bad.replace_range(first_id..end, "CON");
    std::fs::write(&path, bad).expect("writes");
    let err = fails(&["check", &s(&dir)]);
    assert!(err.contains("theme id \"CON\" cannot be used"), "{err}");
}

#[test]
fn import_refuses_a_hidden_id() {
    let (tmp, dir) = common::sample_study();
    let file = tmp.path().join("P9.txt");
    std::fs::write(&file, "Interviewer: How are things?\nP9: Better, thanks.\n").expect("writes");
    let err = fails(&["import", &s(&dir), &s(&file), "--id", ".hidden"]);
    assert!(err.contains("'.hidden' cannot be a document id"), "{err}");
    assert!(!dir.join("documents/.hidden.ron").exists());
    ok(&["check", &s(&dir)]);
}

// Seen 5: symlinks.

#[test]
fn a_transcript_that_is_a_link_is_refused_and_never_copied() {
    let (tmp, dir) = common::sample_study();
    let private = tmp.path().join("private-notes.txt");
    std::fs::write(&private, "PRIVATE-NOTE not part of the study\n".repeat(200)).expect("writes");
    let transcript = dir.join("documents/P1.txt");
    std::fs::remove_file(&transcript).expect("rm");
    std::os::unix::fs::symlink(&private, &transcript).expect("symlink");
    for args in [vec!["fmt", &*s(&dir)], vec!["check", &*s(&dir)]] {
        let err = fails(&args);
        assert!(
            err.contains("documents/P1.txt") && err.contains("symbolic link"),
            "{err}"
        );
    }
    let leaked = files_containing(&dir, "PRIVATE-NOTE");
    assert!(leaked.is_empty(), "copied into {leaked:?}");
}

#[test]
fn a_linked_codings_folder_is_refused_not_skipped() {
    let (tmp, dir) = common::sample_study();
    let real = tmp.path().join("elsewhere");
    std::fs::rename(dir.join("codings/P2"), &real).expect("move");
    std::os::unix::fs::symlink(&real, dir.join("codings/P2")).expect("symlink");
    let err = fails(&["check", &s(&dir)]);
    assert!(
        err.contains("codings/P2") && err.contains("symbolic link"),
        "{err}"
    );
}

#[test]
fn a_linked_memo_folder_gets_no_writes() {
    let (tmp, dir) = common::sample_study();
    let outside = tmp.path().join("outside");
    std::fs::rename(dir.join("memos/codes"), &outside).expect("move");
    std::os::unix::fs::symlink(&outside, dir.join("memos/codes")).expect("symlink");
    let before: Vec<_> = std::fs::read_dir(&outside)
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    let err = fails(&[
        "memo",
        &s(&dir),
        "code:mandated-attendance",
        "--set",
        "A note on court orders",
    ]);
    assert!(
        err.contains("memos") && err.contains("symbolic link"),
        "{err}"
    );
    let after: Vec<_> = std::fs::read_dir(&outside)
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(before, after);
}

/// A link to /dev/zero was read until memory ran out.
#[test]
fn a_link_to_dev_zero_is_refused_at_once() {
    for rel in ["codebook.ron", "documents/P3.txt", "memos/project.md"] {
        let (_tmp, dir) = common::sample_study();
        let path = dir.join(rel);
        std::fs::remove_file(&path).expect("rm");
        std::os::unix::fs::symlink("/dev/zero", &path).expect("symlink");
        let out = margin_within(20, &["check", &s(&dir)]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{rel}");
        assert!(
            err.contains(rel) && err.contains("symbolic link"),
            "{rel}: {err}"
        );
    }
}

// Seen 6: FIFOs.

#[test]
fn a_fifo_in_place_of_a_project_file_is_refused_not_waited_on() {
    for rel in [
        "codebook.ron",
        "journal.ron",
        "documents/P1.ron",
        "codings/P1/asha.ron",
    ] {
        let (_tmp, dir) = common::sample_study();
        mkfifo(&dir.join(rel));
        for args in [
            vec!["check", &*s(&dir)],
            vec!["code", "add", &*s(&dir), "Peer support"],
        ] {
            let out = margin_within(20, &args);
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(!out.status.success(), "{rel}: {args:?}");
            assert!(err.contains(rel) && err.contains("FIFO"), "{rel}: {err}");
        }
    }
}

// Seen 7: evidence.

#[test]
fn a_missing_document_record_is_an_error_not_a_reason_to_blank_excerpts() {
    let (_tmp, dir) = common::sample_study();
    std::fs::remove_file(dir.join("documents/P1.ron")).expect("rm");
    let codings = dir.join("codings/P1/asha.ron");
    let before = std::fs::read(&codings).expect("reads");
    let err = fails(&["fmt", &s(&dir)]);
    assert!(
        err.contains("codings/P1/asha.ron") && err.contains("documents/P1.ron is missing"),
        "{err}"
    );
    assert_eq!(std::fs::read(&codings).expect("reads"), before);
}

#[test]
fn a_changed_transcript_does_not_rewrite_stored_excerpts() {
    let (_tmp, dir) = common::sample_study();
    let transcript = dir.join("documents/P1.txt");
    let text = std::fs::read_to_string(&transcript).expect("reads");
    // A correction near the start shifts every later character by 14.
    std::fs::write(&transcript, format!("[Recording 1] {text}")).expect("writes");
    let codings = dir.join("codings/P1/asha.ron");
    let stored = |text: &str| -> Vec<String> {
        text.lines()
            .filter_map(|l| l.split_once(" text: ").map(|(_, t)| t.to_string()))
            .collect()
    };
    let before = stored(&std::fs::read_to_string(&codings).expect("reads"));
    assert!(!before.is_empty());
    ok(&[
        "apply",
        &s(&dir),
        "--doc",
        "P1",
        "--match",
        "Recording 1",
        "--code",
        "chaotic-daily-life",
        "--coder",
        "asha",
    ]);
    let after = stored(&std::fs::read_to_string(&codings).expect("reads"));
    for excerpt in &before {
        assert!(after.contains(excerpt), "rewritten: {excerpt}");
    }
    assert_eq!(after.len(), before.len() + 1);
    // A merge changes the codings' code, not the evidence of what was coded.
    ok(&[
        "code",
        "merge",
        &s(&dir),
        "chaotic-daily-life",
        "--into",
        "heroin-to-manage-the-comedown",
    ]);
    let merged = std::fs::read_to_string(&codings).expect("reads");
    assert!(!merged.contains("chaotic-daily-life"), "{merged}");
    let merged = stored(&merged);
    for excerpt in &before {
        assert!(
            merged.contains(excerpt),
            "rewritten by the merge: {excerpt}"
        );
    }
}

// Seen 8: the smaller points.

#[test]
fn leftover_temporary_files_are_removed_by_the_next_writer_and_by_repair() {
    let (_tmp, dir) = common::sample_study();
    let stale = [
        dir.join(".margin-AbC123.tmp"),
        dir.join("codings/P1/.margin-XyZ789.tmp"),
    ];
    for path in &stale {
        std::fs::write(path, "half a file").expect("writes");
    }
    let out = ok(&["check", &s(&dir), "--repair"]);
    assert!(out.contains("removed a leftover temporary file"), "{out}");
    assert!(stale.iter().all(|p| !p.exists()));
    std::fs::write(&stale[1], "half a file").expect("writes");
    ok(&["code", "add", &s(&dir), "Peer support"]);
    assert!(!stale[1].exists());
}

#[test]
fn an_io_error_and_a_project_problem_name_the_file_once_under_the_folder() {
    let (_tmp, dir) = common::sample_study();
    std::fs::write(dir.join("codebook.ron"), "[ (id: \"x\", name: ]\n").expect("writes");
    let prefix = format!("{}/codebook.ron:1:", dir.display());
    for cmd in ["check", "stats", "lint"] {
        let err = fails(&[cmd, &s(&dir)]);
        assert!(err.contains(&prefix), "{cmd}: {err}");
    }
}

/// The workbench's side of the same: keys come faster than the idle check,
/// a pull deletes the code in between, and the coding is kept unsaved (with
/// the reload offered) instead of being written against a codebook that no
/// longer has its code.
#[test]
fn a_busy_workbench_does_not_save_over_a_pull() {
    use margin::edit::Edit;
    use margin::model::{CodeId, Coding, DocId};
    use margin::store::Store;
    let (_tmp, dir) = common::sample_study();
    let (project, store) = Store::open(&dir).expect("opens");
    let mut app = common::fixture::app(project, (100, 30));
    app.attach(store);
    // Applied in memory only: the save runs below, after the pull.
    let effects = app.apply(Edit::AddCoding {
        doc: DocId::new("P1"),
        coder: "asha".into(),
        coding: Coding::new(CodeId::new("mandated-attendance"), 10, 20),
    });
    assert_eq!(effects.len(), 1, "a save is asked for");
    ok(&[
        "code",
        "delete",
        &s(&dir),
        "mandated-attendance",
        "--delete-codings",
    ]);
    let codings = dir.join("codings/P1/asha.ron");
    let on_disk = std::fs::read(&codings).expect("reads");
    app.run_effects(effects);
    assert_eq!(app.unsaved(), 1, "{}", app.status());
    assert!(app.status().contains("NOT SAVED"), "{}", app.status());
    assert_eq!(std::fs::read(&codings).expect("reads"), on_disk);
    ok(&["check", &s(&dir)]);
}
