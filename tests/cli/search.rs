//! `margin search`: ripgrep-style lines, counts and JSON over the transcripts.

use crate::common;

use common::cli::{fails, margin, ok};

const P1: &str = "Interviewer: How do clients describe the mix?\n\nP1: You never know which one you'll get. Crack in the morning,\nother days it's calm. Café staff know them.\n\nInterviewer: And the crack use?\n\nP1: They don't want to talk about crack at first.\n";
const P2: &str =
    "Interviewer: Tell me about your role.\n\nP2: I run the needle exchange. Nobody mentions it.\n";

/// A project with two documents, in a temporary folder.
fn project() -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("study");
    let d = dir.to_str().expect("utf-8 path").to_string();
    ok(&["init", &d, "--title", "Search study"]);
    for (id, text) in [("P1", P1), ("P2", P2)] {
        let file = tmp.path().join(format!("{id}.txt"));
        std::fs::write(&file, text).expect("write");
        ok(&["import", &d, file.to_str().expect("path"), "--id", id]);
    }
    (tmp, d)
}

#[test]
fn prints_doc_line_col_and_the_line_like_ripgrep() {
    let (_tmp, d) = project();
    let out = ok(&["search", &d, "(?i)crack"]);
    assert_eq!(
        out,
        "P1:3:42: P1: You never know which one you'll get. Crack in the morning,\n\
         P1:6:22: Interviewer: And the crack use?\n\
         P1:8:35: P1: They don't want to talk about crack at first.\n"
    );
}

#[test]
fn columns_count_characters_not_bytes() {
    let (_tmp, d) = project();
    // "Café" has a two-byte é before "staff": column 28 in characters, 29 in bytes.
    let out = ok(&["search", &d, "staff"]);
    assert_eq!(
        out,
        "P1:4:28: other days it's calm. Café staff know them.\n"
    );
}

#[test]
fn counts_per_document_and_filters_by_document_and_speaker() {
    let (_tmp, d) = project();
    assert_eq!(ok(&["search", &d, "-i", "crack", "--count"]), "P1:3\n");
    assert_eq!(
        ok(&["search", &d, "the", "--count", "--docs", "p2"]),
        "P2:1\n"
    );
    let spoken = ok(&["search", &d, "crack", "--speaker", "interviewer"]);
    assert_eq!(spoken, "P1:6:22: Interviewer: And the crack use?\n");
    let err = fails(&["search", &d, "crack", "--speaker", "P9"]);
    assert!(err.contains("nobody is labelled 'P9'"), "{err}");
    let err = fails(&["search", &d, "crack", "--docs", "P7"]);
    assert!(err.contains("no document 'P7'; documents: P1, P2"), "{err}");
}

#[test]
fn json_lines_carry_offsets_and_the_speaker() {
    let (_tmp, d) = project();
    let out = ok(&["search", &d, "needle", "--json"]);
    let row: serde_json::Value = serde_json::from_str(out.trim()).expect("one JSON line");
    assert_eq!(row["doc"], "P2");
    assert_eq!(row["line"], 3);
    assert_eq!(row["speaker"], "P2");
    assert_eq!(row["match"], "needle");
    let start = P2.find("needle").expect("in text");
    assert_eq!(row["start"], start);
    assert_eq!(row["end"], start + "needle".len());
}

#[test]
fn fixed_strings_and_bad_patterns() {
    let (_tmp, d) = project();
    assert_eq!(
        ok(&["search", &d, "-F", "you'll get.", "--count"]),
        "P1:1\n"
    );
    let err = fails(&["search", &d, "(crack"]);
    assert!(err.contains("not a valid pattern: unclosed group"), "{err}");
    assert!(!err.contains("error: "), "said 'error' twice: {err}");
}

#[test]
fn no_match_exits_one_with_a_note_and_no_output() {
    let (_tmp, d) = project();
    let out = margin(&["search", &d, "methadone"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no match in 2 documents"));
    // Outside any project, with a first word that is no project folder.
    let outside = tempfile::tempdir().expect("tempdir");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_margin"))
        .args(["search", "/nonexistent-study", "crack"])
        .current_dir(outside.path())
        .output()
        .expect("margin runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("margin project"), "{err}");
}
