//! `margin autocode`, driven as a user would: the real binary on a temporary
//! project with two transcripts.

use crate::common;

use common::cli::{fails, ok};
use common::snapshot_files;

const P1: &str = "Interview P1\n\nInterviewer: How do clients describe the mix?\n\nP1: You never know which one you'll get. Some days it's calm,\nother days it's chaos. You never know.\n\nInterviewer: Never? And the crack use?\n\nP1: They don't want to talk about it at first.\n";
const P2: &str = "Interviewer: Tell me about crack.\nP2: You never know with crack. It is chaos.\n";

/// A project with P1, P2 and the code "Unpredictable".
fn project() -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("study");
    let d = dir.to_str().expect("utf-8 path").to_string();
    ok(&["init", &d, "--title", "Autocode study"]);
    for (name, text) in [("P1.txt", P1), ("P2.txt", P2)] {
        let file = tmp.path().join(name);
        std::fs::write(&file, text).expect("write");
        ok(&["import", &d, file.to_str().expect("path")]);
    }
    ok(&["code", "add", &d, "Unpredictable"]);
    (tmp, d)
}

/// The coded text of every coding, from `margin diff`-free inspection: the
/// codings file of each document holds start and end offsets.
fn coded_texts(d: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (doc, text) in [("P1", P1), ("P2", P2)] {
        let path = format!("{d}/codings/{doc}/tester.ron");
        let Ok(ron) = std::fs::read_to_string(&path) else {
            continue;
        };
        let chars: Vec<char> = text.chars().collect();
        let number = |key: &str, from: usize| -> Option<(usize, usize)> {
            let at = ron[from..].find(key)? + from + key.len();
            let digits: String = ron[at..]
                .chars()
                .skip_while(|c| !c.is_ascii_digit())
                .take_while(char::is_ascii_digit)
                .collect();
            Some((digits.parse().ok()?, at))
        };
        let mut from = 0;
        while let Some((start, at)) = number("start:", from) {
            let Some((end, at)) = number("end:", at) else {
                break;
            };
            out.push(format!(
                "{doc}: {}",
                chars[start..end].iter().collect::<String>()
            ));
            from = at;
        }
    }
    out
}

#[test]
fn sentence_scope_codes_each_sentence_once() {
    let (_tmp, d) = project();
    let out = ok(&[
        "autocode",
        &d,
        "--pattern",
        "never know|you'll get",
        "--code",
        "Unpredictable",
        "--scope",
        "sentence",
    ]);
    // P1 has two sentences with hits (one holds two), P2 one.
    assert_eq!(
        out.trim(),
        "coded 3 passages in 2 documents with 'Unpredictable'"
    );
    assert_eq!(
        coded_texts(&d),
        [
            "P1: You never know which one you'll get.",
            "P1: You never know.",
            "P2: You never know with crack.",
        ]
    );
    // Running it again finds everything coded already.
    let again = ok(&[
        "autocode",
        &d,
        "--pattern",
        "never know",
        "--code",
        "unpredictable",
        "--scope",
        "sentence",
    ]);
    assert!(
        again.starts_with("every passage found (3) is already coded with 'Unpredictable'"),
        "{again}"
    );
    // A pattern that matches nothing says so, dry run or not.
    for dry in [false, true] {
        let mut args = vec!["autocode", &d, "--pattern", "^", "--code", "unpredictable"];
        if dry {
            args.push("--dry-run");
        }
        let none = ok(&args);
        assert!(
            none.starts_with("no match for /^/ in 2 documents; nothing coded"),
            "{none}"
        );
    }
    let elsewhere = ok(&[
        "autocode",
        &d,
        "--pattern",
        "Tell me",
        "--code",
        "unpredictable",
        "--speaker",
        "P2",
    ]);
    assert!(
        elsewhere.starts_with("no match for /Tell me/ in what P2 says in 2 documents"),
        "{elsewhere}"
    );
}

#[test]
fn turn_scope_with_speaker_and_docs_filters() {
    let (_tmp, d) = project();
    let out = ok(&[
        "autocode",
        &d,
        "--pattern",
        "crack",
        "--code",
        "Unpredictable",
        "--scope",
        "turn",
        "--speaker",
        "p2",
        "--docs",
        "P1,P2",
    ]);
    assert_eq!(
        out.trim(),
        "coded 1 passage in 1 document with 'Unpredictable'"
    );
    assert_eq!(
        coded_texts(&d),
        ["P2: You never know with crack. It is chaos."]
    );
    let out = ok(&[
        "autocode",
        &d,
        "--pattern",
        "never",
        "--code",
        "Unpredictable",
        "--scope",
        "paragraph",
        "--docs",
        "P1",
    ]);
    assert_eq!(
        out.trim(),
        "coded 2 passages in 1 document with 'Unpredictable'"
    );
    let texts = coded_texts(&d);
    assert!(
        texts.contains(&"P1: Never? And the crack use?".to_string()),
        "{texts:?}"
    );
}

#[test]
fn dry_run_lists_passages_and_writes_nothing() {
    let (_tmp, d) = project();
    let before = snapshot_files(std::path::Path::new(&d));
    let out = ok(&[
        "autocode",
        &d,
        "--pattern",
        "chaos",
        "--code",
        "Unpredictable",
        "--scope",
        "match",
        "--dry-run",
    ]);
    assert!(out.contains("P2 2: chaos"), "{out}");
    assert!(
        out.ends_with(
            "would code 2 passages in 2 documents with 'Unpredictable' (dry run: nothing written)\n"
        ),
        "{out}"
    );
    assert_eq!(snapshot_files(std::path::Path::new(&d)), before);
}

#[test]
fn bad_input_gives_clear_errors_and_writes_nothing() {
    let (_tmp, d) = project();
    let before = snapshot_files(std::path::Path::new(&d));
    let err = fails(&["autocode", &d, "--pattern", "([", "--code", "Unpredictable"]);
    assert!(
        err.contains("--pattern '([' is not a valid regular expression"),
        "{err}"
    );
    let err = fails(&["autocode", &d, "--pattern", "x", "--code", "nope"]);
    assert!(err.contains("no code 'nope'"), "{err}");
    let err = fails(&[
        "autocode",
        &d,
        "--pattern",
        "x",
        "--code",
        "Unpredictable",
        "--docs",
        "P9",
    ]);
    assert!(err.contains("no document 'P9'"), "{err}");
    let err = fails(&[
        "autocode",
        &d,
        "--pattern",
        "x",
        "--code",
        "Unpredictable",
        "--docs",
        "",
    ]);
    assert!(err.contains("--docs names no document"), "{err}");
    let err = fails(&[
        "autocode",
        &d,
        "--pattern",
        "x",
        "--code",
        "Unpredictable",
        "--speaker",
        "Bob",
    ]);
    assert!(err.contains("nobody is labelled 'Bob'"), "{err}");
    assert!(err.contains("Interviewer, P1, P2"), "{err}");
    let err = fails(&[
        "autocode",
        &d,
        "--pattern",
        "x",
        "--code",
        "Unpredictable",
        "--scope",
        "chapter",
    ]);
    assert!(err.contains("chapter"), "{err}");
    assert_eq!(snapshot_files(std::path::Path::new(&d)), before);
}
