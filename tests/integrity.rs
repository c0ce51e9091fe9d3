//! Issue 9: the analysis stays true when transcripts, branches and coders
//! change. Each test drives the real binary on a temporary project, as the
//! analyst would.

mod common;

use common::cli::{fails, ok};
use std::path::Path;

const P1: &str = "Interview P1\n\nInterviewer: Thanks for joining. How do clients describe the mix?\n\nP1: You never know which one you'll get. Some days it's calm,\nother days it's chaos.\n\nInterviewer: And the crack use?\n\nP1: They don't want to talk about it at first.\n";

/// A project with one transcript and two codes, not in git.
fn project() -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("study");
    let d = dir.to_str().expect("utf-8 path").to_string();
    ok(&["init", &d, "--title", "Integrity study"]);
    let file = tmp.path().join("P1.txt");
    std::fs::write(&file, P1).expect("write");
    ok(&["import", &d, file.to_str().expect("path")]);
    ok(&[
        "code",
        "add",
        &d,
        "Chaos",
        "--description",
        "Life out of control",
    ]);
    ok(&[
        "code",
        "add",
        &d,
        "Reluctance",
        "--description",
        "Not wanting to talk",
    ]);
    (tmp, d)
}

fn codings_file(d: &str, coder: &str) -> String {
    std::fs::read_to_string(Path::new(d).join(format!("codings/P1/{coder}.ron")))
        .unwrap_or_default()
}

/// Seen 5: coding inside one's own coding with the same code nested a
/// duplicate; next to it, a second fragment. Now it extends the one coding.
#[test]
fn coding_over_or_next_to_ones_own_coding_extends_it() {
    let (_tmp, d) = project();
    let apply = |chars: &str| {
        [
            "apply", &d, "--doc", "P1", "--chars", chars, "--code", "Chaos",
        ]
        .map(str::to_string)
        .to_vec()
    };
    let run = |args: Vec<String>| ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    run(apply("80..100"));
    let inside = apply("85..90");
    let err = fails(&inside.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(err.contains("already coded"), "{err}");
    let said = run(apply("100..120"));
    assert!(said.contains("joined with 1 coding"), "{said}");
    let said = run(apply("70..85"));
    assert!(said.contains("joined with 1 coding"), "{said}");
    let file = codings_file(&d, "tester");
    assert_eq!(file.matches("code:").count(), 1, "{file}");
    assert!(file.contains("start: 70, end: 120"), "{file}");
    let stats = ok(&["stats", &d, "--json"]);
    assert!(stats.contains("\"codings\": 1"), "{stats}");
}
