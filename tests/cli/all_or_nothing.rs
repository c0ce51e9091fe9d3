//! Edits that write several files are all-or-nothing. A failure is injected
//! at every disk change (each temporary file written, the intent record,
//! each rename and removal) of a code merge, a split, a delete with
//! reassignment and an auto-coding, both as an I/O error (margin's own
//! clean-up runs) and as a crash (nothing after that point happens, as after
//! a SIGKILL); the project reopened must then be as before or as after the
//! edit, and `margin check` clean.
//!
//! Before: the store wrote each file in turn, so a kill or an error
//! part-way left, for a merge, codings pointing at codes that the codebook
//! no longer had.

use crate::common;

use clap::Parser as _;
use common::{copy_dir, sample_project};
use margin::model::Project;
use margin::store::Store;
use margin::store::fault::{self, FaultKind};
use std::path::Path;

/// Runs margin's command line in this process (so the fault, which lives on
/// this thread, applies); Ok or the error it printed.
fn run(args: &[&str]) -> Result<(), String> {
    let mut argv = vec!["margin", "--coder", "tester"];
    argv.extend_from_slice(args);
    let cli = margin::cli::Cli::try_parse_from(argv).map_err(|e| e.to_string())?;
    let command = cli.command.expect("a subcommand");
    margin::cli::run(command, cli.coder).map_err(|e| format!("{e:#}"))
}

/// The project as loaded, with the journal's clock left out (the same edit
/// made twice is stamped at two times).
fn state(dir: &Path) -> Project {
    let (mut project, _) = Store::open(dir).unwrap_or_else(|e| panic!("{}", e.in_folder(dir)));
    for entry in &mut project.journal {
        entry.when.clear();
    }
    project
}

fn assert_clean(dir: &Path, what: &str) {
    let (project, _) = Store::open(dir).unwrap_or_else(|e| panic!("{what}: {}", e.in_folder(dir)));
    let problems = margin::check::validate(dir, &project);
    assert!(problems.is_empty(), "{what}: check finds {problems:?}");
    let leftovers: Vec<String> = std::fs::read_dir(dir)
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".margin-"))
        .collect();
    assert!(leftovers.is_empty(), "{what}: left {leftovers:?}");
}

/// Injects a fault at every disk change of `args` (DIR is replaced by a
/// fresh copy of the sample study each time) and checks each outcome.
/// Returns how many disk changes the edit makes.
fn every_fault(name: &str, args: &[&str]) -> usize {
    let tmp = tempfile::tempdir().expect("tempdir");
    let fresh = |label: &str| {
        let dir = tmp.path().join(label);
        copy_dir(&sample_project(), &dir);
        dir
    };
    let with_dir = |dir: &Path| common::with_dir(args, dir);
    let before_dir = fresh("before");
    let before = state(&before_dir);
    let after_dir = fresh("after");
    let argv = with_dir(&after_dir);
    let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
    fault::install(FaultKind::Error, usize::MAX);
    run(&argv).unwrap_or_else(|e| panic!("{name} without a fault: {e}"));
    let (changes, _) = fault::clear();
    let after = state(&after_dir);
    assert_ne!(before, after, "{name} changes the project");
    assert!(
        changes >= 3,
        "{name} writes several files ({changes} changes)"
    );

    for kind in [FaultKind::Error, FaultKind::Crash] {
        for at in 1..=changes {
            let label = format!("{kind:?}-{at}");
            let dir = fresh(&label);
            let argv = with_dir(&dir);
            let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
            fault::install(kind, at);
            let outcome = run(&argv);
            let (_, fired) = fault::clear();
            assert!(fired, "{name} {label}: the fault fired");
            if kind == FaultKind::Crash {
                assert!(outcome.is_err(), "{name} {label}: a crash is not a success");
            }
            let now = state(&dir);
            assert!(
                now == before || now == after,
                "{name} {label}: the project is neither as before nor as after the edit ({outcome:?})"
            );
            assert_clean(&dir, &format!("{name} {label}"));
            if outcome.is_ok() {
                assert_eq!(
                    now, after,
                    "{name} {label}: success means the edit is there"
                );
            }
            // The edit can be made (again) on what was left.
            if now == before {
                run(&argv).unwrap_or_else(|e| panic!("{name} {label}: re-running fails: {e}"));
                assert_eq!(state(&dir), after, "{name} {label}: re-run");
            }
        }
    }
    changes
}

#[test]
fn a_code_merge_is_all_or_nothing() {
    let changes = every_fault(
        "merge",
        &[
            "code",
            "merge",
            "DIR",
            "mandated-attendance",
            "practical-help-as-a-way-in",
            "--into",
            "stigmatising-labels",
        ],
    );
    // Temporary files, the record, the renames, the record's removal.
    assert!(changes >= 8, "{changes}");
}

#[test]
fn a_split_is_all_or_nothing() {
    every_fault(
        "split",
        &[
            "code",
            "split",
            "DIR",
            "mandated-attendance",
            "--to",
            "Referred by the courts",
            "--extracts",
            "P2/asha/8314-8778,P7/asha/6789-7134",
        ],
    );
}

#[test]
fn a_delete_with_reassignment_is_all_or_nothing() {
    every_fault(
        "delete",
        &[
            "code",
            "delete",
            "DIR",
            "mandated-attendance",
            "--reassign-to",
            "stigmatising-labels",
        ],
    );
}

#[test]
fn an_auto_coding_is_all_or_nothing() {
    every_fault(
        "autocode",
        &[
            "autocode",
            "DIR",
            "--pattern",
            "(?i)methadone",
            "--code",
            "mandated-attendance",
            "--scope",
            "sentence",
        ],
    );
}

/// An I/O error says what failed and why once: the cause used to be
/// printed twice ("could not save ...: P: error: error").
#[test]
fn a_write_error_names_its_cause_once_and_changes_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("study");
    copy_dir(&sample_project(), &dir);
    let before = state(&dir);
    fault::install(FaultKind::Error, 1);
    let err = run(&["code", "add", &dir.display().to_string(), "Peer support"])
        .expect_err("the write fails");
    fault::clear();
    assert_eq!(err.matches("injected fault").count(), 1, "{err}");
    assert!(err.contains("could not save"), "{err}");
    assert_eq!(state(&dir), before);
    assert_clean(&dir, "after a failed write");
}

/// `margin resolve --theirs` over two conflicted files writes both or
/// neither, whatever fails part-way.
#[test]
fn resolving_conflicts_in_several_files_is_all_or_nothing() {
    let conflicted = common::conflict::Conflicted::new(true);
    let pristine = conflicted.dir.clone();
    let files = ["codebook.ron", "themes.ron"];
    let read = |dir: &Path| -> Vec<String> {
        files
            .iter()
            .map(|f| std::fs::read_to_string(dir.join(f)).expect("reads"))
            .collect()
    };
    let before = read(&pristine);
    let tmp = tempfile::tempdir().expect("tempdir");
    let resolve = |dir: &Path| run(&["resolve", &dir.display().to_string(), "--theirs"]);
    let after_dir = tmp.path().join("after");
    copy_dir(&pristine, &after_dir);
    fault::install(FaultKind::Error, usize::MAX);
    resolve(&after_dir).expect("resolves");
    let (changes, _) = fault::clear();
    let after = read(&after_dir);
    assert!(changes >= 4, "{changes}");
    for kind in [FaultKind::Error, FaultKind::Crash] {
        for at in 1..=changes {
            let dir = tmp.path().join(format!("{kind:?}-{at}"));
            copy_dir(&pristine, &dir);
            fault::install(kind, at);
            let outcome = resolve(&dir);
            fault::clear();
            // The next open finishes or forgets the interrupted save.
            let _ = Store::open(&dir);
            let now = read(&dir);
            assert!(
                now == before || now == after,
                "{kind:?} at {at}: one file resolved, the other not ({outcome:?})"
            );
        }
    }
}
