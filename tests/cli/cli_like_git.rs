//! The command line behaves like git: the project is found from any folder
//! inside it, DIR is optional, mistakes get "did you mean" or "no such folder",
//! `margin init` says what comes next, and keymap, completions and the man
//! page come from the one definition.

use crate::common;

use std::path::Path;
use std::process::{Command, Output};

/// Runs margin in `cwd` as a user at a shell prompt there would.
fn margin_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_margin"))
        .args(args)
        .current_dir(cwd)
        .env("MARGIN_CODER", "tester")
        .env("MARGIN_CONFIG_DIR", cwd.join("no-config-here"))
        .env_remove("NO_COLOR")
        .output()
        .expect("margin runs")
}

fn ok_in(cwd: &Path, args: &[&str]) -> String {
    let out = margin_in(cwd, args);
    assert!(
        out.status.success(),
        "margin {args:?} in {} failed:\n{}",
        cwd.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn fails_in(cwd: &Path, args: &[&str]) -> String {
    let out = margin_in(cwd, args);
    assert!(!out.status.success(), "margin {args:?} should have failed");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    stderr
}

fn sample_copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("sample-project");
    common::copy_dir(&common::sample_project(), &root);
    (tmp, root)
}

#[test]
fn stats_works_from_the_documents_folder() {
    let (_tmp, root) = sample_copy();
    let here = ok_in(&root.join("documents"), &["stats"]);
    let named = ok_in(&root, &["stats", "."]);
    assert_eq!(here, named);
    assert!(here.contains("7 documents"), "{here}");
}

#[test]
fn every_project_subcommand_finds_its_project_without_dir() {
    let (_tmp, root) = sample_copy();
    let docs = root.join("documents");
    assert!(ok_in(&docs, &["check"]).contains("clean"));
    assert!(ok_in(&docs, &["code", "list"]).contains("Crack for energy and survival"));
    assert!(ok_in(&docs, &["theme", "list"]).contains("final"));
    assert!(ok_in(&docs, &["memo", "project"]).contains("Analytic approach"));
    assert!(ok_in(&docs, &["journal"]).lines().count() > 0);
    // With further positionals the first is the project only when it holds margin.ron.
    ok_in(
        &docs,
        &[
            "code",
            "add",
            "Peer support",
            "--description",
            "Help from peers",
        ],
    );
    assert!(ok_in(&root, &["code", "list", "."]).contains("Peer support"));
    std::fs::write(root.join("extra.txt"), "Interviewer: Hello.\nP9: Hello.\n").expect("write");
    ok_in(&root, &["import", "extra.txt", "--id", "P9"]);
    assert!(root.join("documents/P9.txt").is_file());
    // And the project named first still works, from anywhere.
    let elsewhere = tempfile::tempdir().expect("tempdir");
    let dir = root.to_str().expect("path");
    assert!(ok_in(elsewhere.path(), &["code", "list", dir]).contains("Peer support"));
}

#[test]
fn dash_c_runs_as_if_started_there() {
    let (tmp, _root) = sample_copy();
    assert!(
        ok_in(tmp.path(), &["-C", "sample-project/documents", "stats"]).contains("7 documents")
    );
    assert!(fails_in(tmp.path(), &["-C", "nowhere", "stats"]).contains("no such folder: nowhere"));
}

#[test]
fn dir_before_the_subcommand_as_the_usage_line_shows() {
    let (tmp, root) = sample_copy();
    assert!(ok_in(&root, &[".", "stats"]).contains("7 documents"));
    assert!(ok_in(tmp.path(), &["sample-project", "stats"]).contains("7 documents"));
}

#[test]
fn outside_a_project_says_how_to_get_one() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let err = fails_in(tmp.path(), &["stats"]);
    assert!(err.contains("not inside a margin project"), "{err}");
    assert!(err.contains("margin init"), "{err}");
}

#[test]
fn unknown_words_get_did_you_mean_or_no_such_folder() {
    let (_tmp, root) = sample_copy();
    let err = fails_in(&root, &["stat", "."]);
    assert!(err.contains("did you mean 'stats'"), "{err}");
    let err = fails_in(&root, &["frobnicate"]);
    assert!(
        err.contains("'frobnicate' is neither a margin command nor a folder"),
        "{err}"
    );
    assert!(!err.contains("not a margin project"), "{err}");
    let err = fails_in(&root, &["/nonexistent"]);
    assert!(err.contains("no such folder: /nonexistent"), "{err}");
    // clap's own suggestion one level down.
    let err = fails_in(&root, &["code", "lst"]);
    assert!(err.contains("list"), "{err}");
}

#[test]
fn init_prints_the_next_steps_and_defaults_to_here() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = ok_in(tmp.path(), &["init", "study"]);
    for step in ["margin import", "git init", "margin git-setup"] {
        assert!(out.contains(step), "{step} missing from:\n{out}");
    }
    let here = tmp.path().join("here");
    std::fs::create_dir(&here).expect("mkdir");
    ok_in(&here, &["init"]);
    assert!(here.join("margin.ron").is_file());
}

#[test]
fn keymap_prints_the_effective_table_in_its_own_format() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let config = tmp.path().join("config");
    std::fs::create_dir(&config).expect("mkdir");
    std::fs::write(config.join("keymap.ron"), "{ \"global\": { \"Q\": quit } }").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_margin"))
        .arg("keymap")
        .env("MARGIN_CONFIG_DIR", &config)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("\"Q\": quit,"), "the user's key is listed");
    assert!(text.contains("\"q\": quit,"), "the built-in key too");
    assert!(
        text.contains("\"down\": move_down,"),
        "arrows by their names"
    );
    // What it prints is a keymap margin reads back.
    let parsed = margin::tui::keymap::Keymap::<margin::tui::action::Action>::parse(
        &text,
        Path::new("printed"),
    )
    .expect("the printed keymap parses");
    assert!(
        parsed
            .contexts
            .contains_key(&margin::tui::keymap::Context::Transcript)
    );
}

#[test]
fn completions_and_man_page_come_from_the_definitions() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let bash = ok_in(tmp.path(), &["completions", "bash"]);
    assert!(bash.contains("margin") && bash.contains("stats") && bash.contains("autocode"));
    let zsh = ok_in(tmp.path(), &["completions", "zsh"]);
    assert!(zsh.contains("#compdef margin"));
    let man = ok_in(tmp.path(), &["man"]);
    assert!(
        man.contains(".TH margin") && man.contains("autocode"),
        "{man}"
    );
    ok_in(tmp.path(), &["man", "--out", "pages"]);
    assert!(tmp.path().join("pages/margin-stats.1").is_file());
}

#[test]
fn autocode_dry_run_does_not_say_no_match_when_matches_were_outside_speech() {
    let (_tmp, root) = sample_copy();
    // The heading line of P1 is in no speaker's turn.
    let out = margin_in(
        &root,
        &[
            "autocode",
            "--pattern",
            "14 March 2024",
            "--code",
            "chaotic-daily-life",
            "--scope",
            "turn",
            "--docs",
            "P1",
            "--dry-run",
        ],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("no match"), "{stdout}");
    assert!(
        stdout.contains("1 match for /14 March 2024/, all outside any speaker's words"),
        "{stdout}"
    );
}

#[test]
fn importing_the_same_text_twice_is_refused_unless_asked_for() {
    let (_tmp, root) = sample_copy();
    std::fs::copy(root.join("documents/P1.txt"), root.join("again.txt")).expect("copy");
    let err = fails_in(&root, &["import", "again.txt", "--id", "P1b"]);
    assert!(err.contains("already holds this text as 'P1'"), "{err}");
    assert!(!root.join("documents/P1b.txt").exists());
    let out = margin_in(
        &root,
        &["import", "again.txt", "--id", "P1b", "--allow-duplicate"],
    );
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("same text as 'P1'"));
}

#[test]
fn code_extracts_prints_each_extract_whole() {
    let (_tmp, root) = sample_copy();
    let out = ok_in(&root, &["code", "extracts", "Chaotic daily life"]);
    assert!(
        out.contains(
            "they've been kicked out of wherever they were staying. It's a lot of firefighting."
        ),
        "{out}"
    );
    assert!(!out.contains('…'), "{out}");
    let short = ok_in(
        &root,
        &["code", "extracts", "Chaotic daily life", "--short"],
    );
    assert!(short.contains('…'), "{short}");
}

#[test]
fn diff_finds_its_project_too_and_a_file_is_not_a_project() {
    let (_tmp, root) = sample_copy();
    let git = |args: &[&str]| {
        let ok = Command::new("git")
            .args(args)
            .current_dir(&root)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.org")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.org")
            .output()
            .expect("git runs")
            .status
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-qm", "sample"]);
    assert!(ok_in(&root.join("documents"), &["diff"]).contains("no changes"));
    let err = fails_in(&root, &["documents/P1.txt"]);
    assert!(err.contains("is a file, not a project folder"), "{err}");
}
