//! `margin autocode` pinned byte for byte on a generated study: what
//! `--dry-run` prints and what a real run writes, for every scope, a new
//! coder and one who already coded (whose codings the new ones join), a
//! speaker and a document filter. The snapshots were taken before the plan
//! was made lighter on memory (issue 14), so that work cannot change a
//! single byte a user sees or gets.

use crate::common;

use common::cli::{margin, snapshot};
use margin::store::Store;
use margin::testkit::corpus::{CorpusSize, synthetic};
use std::fmt::Write as _;
use std::path::Path;

/// Six transcripts with overlapping codings by three coders.
fn study(dir: &Path) {
    let project = synthetic(CorpusSize {
        documents: 6,
        words_per_document: 700,
        codes: 12,
        themes: 3,
        codings_per_document: 30,
        coders: 3,
        seed: 1414,
    });
    Store::create(dir, &project).expect("written");
}

/// The commands pinned: (coder flag, arguments after DIR).
const CASES: &[(&str, &[&str])] = &[
    // A coder new to the project: the manifest lists them.
    ("", &["--pattern", "cr[a-z]ck", "--code", "code-002"]),
    (
        "coder0",
        &[
            "--pattern",
            "cr[a-z]ck|never know",
            "--code",
            "code-001",
            "--scope",
            "sentence",
        ],
    ),
    (
        "coder1",
        &[
            "--pattern",
            "clients",
            "--code",
            "code-000",
            "--scope",
            "paragraph",
        ],
    ),
    (
        "coder0",
        &[
            "--pattern",
            "service",
            "--code",
            "code-003",
            "--scope",
            "turn",
            "--docs",
            "D0001,D0004",
        ],
    ),
    (
        "coder2",
        &[
            "--pattern",
            "Crack",
            "--code",
            "code-002",
            "--scope",
            "sentence",
            "--speaker",
            "interviewer",
        ],
    ),
    // Whole paragraphs swallow the coder's own codings of the code: joins.
    (
        "coder0",
        &[
            "--pattern",
            "the",
            "--code",
            "code-005",
            "--scope",
            "paragraph",
        ],
    ),
    // Headings and speaker labels are no speech: skipped, and said so.
    (
        "",
        &[
            "--pattern",
            "interview",
            "--code",
            "code-004",
            "--scope",
            "turn",
        ],
    ),
    ("coder1", &["--pattern", "zzzz", "--code", "code-001"]),
];

fn run(dir: &Path, coder: &str, args: &[&str], dry: bool) -> String {
    let d = dir.to_str().expect("utf-8 path");
    let mut all: Vec<&str> = Vec::new();
    if !coder.is_empty() {
        all.extend(["--coder", coder]);
    }
    all.extend(["autocode", d]);
    all.extend(args);
    if dry {
        all.push("--dry-run");
    }
    let out = margin(&all);
    let mut said = format!(
        "$ margin {}\nexit: {}\n",
        all.join(" ").replace(d, "DIR"),
        out.status.code().unwrap_or(-1)
    );
    said.push_str("--- stdout\n");
    said.push_str(&String::from_utf8_lossy(&out.stdout));
    said.push_str("--- stderr\n");
    said.push_str(&String::from_utf8_lossy(&out.stderr));
    said
}

#[test]
fn dry_run_prints_what_it_printed_before() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("study");
    study(&dir);
    let before = snapshot(&dir);
    let mut out = String::new();
    for (coder, args) in CASES {
        out.push_str(&run(&dir, coder, args, true));
    }
    assert_eq!(snapshot(&dir), before, "a dry run wrote something");
    insta::assert_snapshot!("autocode_dry_runs", out);
}

#[test]
fn real_runs_write_what_they_wrote_before() {
    let mut out = String::new();
    for (coder, args) in CASES {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("study");
        study(&dir);
        let before = snapshot(&dir);
        out.push_str(&run(&dir, coder, args, false));
        let after = snapshot(&dir);
        for (path, bytes) in &after {
            if before.get(path) != Some(bytes) {
                let _ = writeln!(out, "--- changed {}", path.display());
                out.push_str(&String::from_utf8_lossy(bytes));
            }
        }
        for path in before.keys().filter(|p| !after.contains_key(*p)) {
            let _ = writeln!(out, "--- removed {}", path.display());
        }
        // Run again: every passage is now coded, which is said.
        out.push_str(&run(&dir, coder, args, true));
    }
    insta::assert_snapshot!("autocode_real_runs", out);
}
