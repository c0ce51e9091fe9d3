//! Diff minimality of refactors (issue 4), as git sees it: each refactor is
//! run by the real binary on a study in a temporary git repository, and
//! `git diff` must show only what the refactor is about. Refactors also
//! append one line to journal.ron (their audit entry, issue 4 item 3; a
//! rename only when given a reason); the study starts with one journal entry
//! so that this is exactly one added line.

use crate::refactor_common;

use refactor_common::{check_clean, git, git_commit, numstat, ok, study};
use std::collections::BTreeMap;

/// A study whose journal already holds an entry, all committed.
fn journaled_study() -> (tempfile::TempDir, String) {
    let (tmp, d) = study();
    ok(&["theme", "status", &d, "Feelings", "reviewed"]);
    git_commit(&d, "first journal entry");
    (tmp, d)
}

fn stat(pairs: &[(&str, (usize, usize))]) -> BTreeMap<String, (usize, usize)> {
    pairs.iter().map(|(p, n)| (p.to_string(), *n)).collect()
}

#[test]
fn renaming_a_code_changes_one_line_of_one_file() {
    let (_tmp, d) = study();
    ok(&["code", "rename", &d, "chaos", "Chaos and unpredictability"]);
    assert_eq!(numstat(&d), stat(&[("codebook.ron", (1, 1))]));
    let diff = git(&d, &["diff", "-U0", "--", "codebook.ron"]);
    assert!(diff.contains("-        name: \"chaos\","), "{diff}");
    assert!(
        diff.contains("+        name: \"Chaos and unpredictability\","),
        "{diff}"
    );
    check_clean(&d);
}

#[test]
fn a_rename_with_a_reason_adds_its_journal_line() {
    let (_tmp, d) = journaled_study();
    ok(&[
        "code",
        "rename",
        &d,
        "calm",
        "Calm days",
        "--reason",
        "clearer",
    ]);
    assert_eq!(
        numstat(&d),
        stat(&[("codebook.ron", (1, 1)), ("journal.ron", (1, 0))])
    );
    check_clean(&d);
}

#[test]
fn renaming_a_theme_changes_one_line_of_the_theme_file() {
    let (_tmp, d) = study();
    ok(&["theme", "rename", &d, "Patterns", "Patterns of use"]);
    assert_eq!(numstat(&d), stat(&[("themes.ron", (1, 1))]));
    check_clean(&d);
}

#[test]
fn moving_a_code_between_themes_changes_two_lines_of_the_theme_file() {
    let (_tmp, d) = journaled_study();
    ok(&[
        "code", "move", &d, "calm", "--theme", "Feelings", "--index", "1",
    ]);
    assert_eq!(
        numstat(&d),
        stat(&[("themes.ron", (1, 1)), ("journal.ron", (1, 0))])
    );
    git_commit(&d, "moved");
    ok(&["code", "move", &d, "fear", "--after", "chaos"]);
    let stats = numstat(&d);
    let (added, deleted) = stats["themes.ron"];
    assert!(added + deleted <= 2, "{stats:?}");
    assert_eq!(stats.len(), 2, "{stats:?}");
    check_clean(&d);
}

#[test]
fn a_merge_touches_only_the_merged_codes_the_repointed_codings_and_the_journal() {
    let (_tmp, d) = journaled_study();
    let old_codebook = std::fs::read_to_string(format!("{d}/codebook.ron")).expect("codebook");
    ok(&["code", "merge", &d, "unpredictable", "--into", "chaos"]);
    let stats = numstat(&d);
    let files: Vec<&str> = stats.keys().map(String::as_str).collect();
    assert_eq!(
        files,
        [
            "codebook.ron",
            "codings/P1/ana.ron",
            "codings/P1/ben.ron",
            "codings/P2/ana.ron",
            "journal.ron"
        ],
        "no theme holds 'unpredictable', no memo exists, and P2/ben has none of its codings"
    );
    assert_eq!(stats["journal.ron"], (1, 0));
    // Codings: every removed line is of the merged code or of the target it
    // joined with; every added line is of the target.
    for file in files.iter().filter(|f| f.starts_with("codings/")) {
        let diff = git(&d, &["diff", "-U0", "--", file]);
        for line in diff
            .lines()
            .filter(|l| !l.starts_with("---") && !l.starts_with("+++"))
        {
            if let Some(removed) = line.strip_prefix('-') {
                assert!(
                    removed.contains("code: \"unpredictable\"")
                        || removed.contains("code: \"chaos\""),
                    "{file}: {line}"
                );
            }
            if let Some(added) = line.strip_prefix('+') {
                assert!(added.contains("code: \"chaos\""), "{file}: {line}");
            }
        }
    }
    // The codebook: the merged code's entry goes, and the target's entry
    // gains its definition; no other entry is touched.
    let entries = entry_spans(&old_codebook);
    let diff = git(&d, &["diff", "-U0", "--", "codebook.ron"]);
    for (start, len) in hunk_old_ranges(&diff) {
        // A pure insertion (len 0) goes after line `start`: check that line.
        for line in start..start + len.max(1) {
            let owner = entries.iter().find(|(_, a, b)| (*a..=*b).contains(&line));
            let owner = owner.map(|(id, _, _)| id.as_str());
            assert!(
                matches!(owner, Some("unpredictable" | "chaos")),
                "codebook line {line} of {owner:?} changed:\n{diff}"
            );
        }
    }
    check_clean(&d);
}

/// (id, first line, last line) of each entry of codebook.ron, 1-based.
fn entry_spans(codebook: &str) -> Vec<(String, usize, usize)> {
    let mut spans = Vec::new();
    let mut open: Option<(String, usize)> = None;
    for (i, line) in codebook.lines().enumerate() {
        let n = i + 1;
        if line == "    (" {
            open = Some((String::new(), n));
        } else if let Some(id) = line.trim().strip_prefix("id: \"") {
            if let Some((current, _)) = open.as_mut() {
                *current = id.trim_end_matches("\",").to_string();
            }
        } else if line == "    ),"
            && let Some((id, first)) = open.take()
        {
            spans.push((id, first, n));
        }
    }
    spans
}

/// The old-file line ranges of `git diff -U0` hunks: `@@ -a,b +c,d @@`.
fn hunk_old_ranges(diff: &str) -> Vec<(usize, usize)> {
    diff.lines()
        .filter_map(|l| l.strip_prefix("@@ -"))
        .filter_map(|rest| {
            let old = rest.split(' ').next()?;
            let (start, len) = old.split_once(',').unwrap_or((old, "1"));
            Some((start.parse().ok()?, len.parse().ok()?))
        })
        .collect()
}
