//! The refactor subcommands driven as an analyst would: reports, dry runs,
//! refusals that write nothing, `margin check` clean after every operation,
//! and the journal that records them.

use crate::refactor_common;

use refactor_common::{check_clean, fails, ok, per_code, snapshot, study};
use std::path::Path;

/// The number before `word` in a report sentence ("2 duplicates removed").
fn number_before(report: &str, word: &str) -> usize {
    let at = report
        .find(word)
        .unwrap_or_else(|| panic!("'{word}' in {report}"));
    report[..at]
        .split_whitespace()
        .last()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a number before '{word}' in {report}"))
}

#[test]
fn merge_report_agrees_with_stats() {
    let (_tmp, d) = study();
    let before = per_code(&d);
    let report = ok(&["code", "merge", &d, "unpredictable", "--into", "chaos"]);
    let after = per_code(&d);
    let repointed = number_before(&report, "codings in");
    let duplicates = number_before(&report, "duplicate");
    let joined = number_before(&report, "overlapping or touching");
    assert_eq!(repointed, before["unpredictable"]);
    assert_eq!((duplicates, joined), (1, 2), "{report}");
    assert_eq!(
        after["chaos"],
        before["chaos"] + before["unpredictable"] - duplicates - joined
    );
    assert!(report.contains(&format!("'chaos' now has {} codings", after["chaos"])));
    assert!(!after.contains_key("unpredictable"));
    check_clean(&d);
}

#[test]
fn dry_run_reports_and_writes_nothing() {
    let (_tmp, d) = study();
    let before = snapshot(Path::new(&d));
    let out = ok(&[
        "code",
        "merge",
        &d,
        "unpredictable",
        "--into",
        "chaos",
        "--dry-run",
    ]);
    assert!(out.starts_with("dry run, nothing written: merged 'unpredictable' into 'chaos'"));
    assert!(out.contains("M codebook.ron"), "{out}");
    assert!(out.contains("M codings/P1/ana.ron"), "{out}");
    assert!(!out.contains("codings/P2/ben.ron"), "{out}");
    let out = ok(&[
        "theme",
        "delete",
        &d,
        "Feelings",
        "--keep-codes",
        "--dry-run",
    ]);
    assert!(out.contains("M themes.ron"), "{out}");
    assert_eq!(snapshot(Path::new(&d)), before);
}

#[test]
fn refusals_say_why_and_write_nothing() {
    let (_tmp, d) = study();
    let before = snapshot(Path::new(&d));
    let cases: [(&[&str], &str); 9] = [
        (
            &["code", "delete", &d, "chaos"],
            "has 3 codings in 2 documents",
        ),
        (
            &["code", "merge", &d, "chaos", "--into", "chaos"],
            "into itself",
        ),
        (
            &["code", "merge", &d, "nope", "--into", "chaos"],
            "no code 'nope'",
        ),
        (
            &["code", "rename", &d, "calm", "Chaos"],
            "another code is called",
        ),
        (
            &[
                "code",
                "split",
                &d,
                "chaos",
                "--to",
                "x",
                "--extracts",
                "P1/ana/1-2",
            ],
            "no extract P1/ana/1-2",
        ),
        (
            &[
                "code",
                "split",
                &d,
                "chaos",
                "--to",
                "x",
                "--extracts",
                "P1",
            ],
            "not an extract id",
        ),
        (
            &["theme", "delete", &d, "Patterns"],
            "holds 0 subthemes and 2 codes with 4 codings",
        ),
        (&["theme", "demote", &d, "Feelings"], "--merge-codes"),
        (
            &["theme", "status", &d, "Feelings", "done"],
            "expected candidate, reviewed or final",
        ),
    ];
    for (args, expected) in cases {
        let err = fails(args);
        assert!(err.contains(expected), "{args:?}: {err}");
    }
    ok(&["theme", "add", &d, "Inner", "--parent", "Patterns"]);
    let err = fails(&["theme", "move", &d, "Patterns", "--parent", "Inner"]);
    assert!(err.contains("inside it"), "{err}");
    ok(&["theme", "delete", &d, "Inner"]);
    let mut after = snapshot(Path::new(&d));
    // Adding and deleting "Inner" journals the deletion (adding is not a refactor).
    after.remove(Path::new("journal.ron"));
    let mut expected = before.clone();
    expected.remove(Path::new("journal.ron"));
    assert_eq!(after, expected);
}

#[test]
fn every_refactor_keeps_the_project_valid_and_is_journaled() {
    let (_tmp, d) = study();
    let extracts = ok(&["code", "extracts", &d, "chaos"]);
    let first = extracts.split_whitespace().next().expect("an extract id");
    assert_eq!(first, "P1/ana/80-120", "{extracts}");
    let steps: Vec<Vec<&str>> = vec![
        vec![
            "code",
            "rename",
            &d,
            "calm",
            "Calm days",
            "--reason",
            "clearer",
        ],
        vec![
            "code",
            "split",
            &d,
            "chaos",
            "--to",
            "Chaos at home",
            "--extracts",
            first,
        ],
        vec!["code", "split", &d, "chaos", "--to", "fear", "--docs", "P2"],
        vec!["code", "move", &d, "worry", "--before", "chaos"],
        vec![
            "code",
            "move",
            &d,
            "unpredictable",
            "--theme",
            "Feelings",
            "--index",
            "0",
        ],
        vec!["code", "promote", &d, "fear"],
        vec!["theme", "move", &d, "fear", "--top", "--index", "0"],
        vec!["theme", "demote", &d, "fear"],
        vec!["theme", "merge", &d, "Feelings", "--into", "Patterns"],
        vec!["code", "merge", &d, "worry", "Calm days", "--into", "chaos"],
        vec![
            "code",
            "delete",
            &d,
            "Chaos at home",
            "--reassign-to",
            "chaos",
        ],
        vec!["theme", "add", &d, "Later"],
        vec![
            "theme",
            "status",
            &d,
            "Patterns",
            "final",
            "--definition",
            "How use varies",
        ],
        vec!["theme", "rename", &d, "Patterns", "Patterns of use"],
        vec!["theme", "delete", &d, "Patterns of use", "--keep-codes"],
        vec!["code", "delete", &d, "unpredictable", "--delete-codings"],
        vec!["theme", "delete", &d, "Later"],
    ];
    for step in &steps {
        let out = ok(step);
        assert!(!out.trim().is_empty(), "{step:?} reports what it did");
        check_clean(&d);
    }
    let journal = ok(&["journal", &d]);
    let entries = journal
        .lines()
        .filter(|l| !l.starts_with("    why:"))
        .count();
    // All but `theme add` and the theme rename, given without a reason.
    assert_eq!(entries, steps.len() - 2, "{journal}");
    assert!(journal.contains("    why: clearer"), "{journal}");
    assert!(
        journal.contains("tester  renamed code 'calm' to 'Calm days'"),
        "{journal}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["journal", &d, "--json"])).expect("JSON");
    assert_eq!(json.as_array().map(Vec::len), Some(steps.len() - 2));
}

#[test]
fn every_refactor_subcommand_has_an_example() {
    let subcommands: [&[&str]; 14] = [
        &["code", "rename"],
        &["code", "merge"],
        &["code", "split"],
        &["code", "move"],
        &["code", "promote"],
        &["code", "delete"],
        &["code", "extracts"],
        &["theme", "rename"],
        &["theme", "move"],
        &["theme", "demote"],
        &["theme", "merge"],
        &["theme", "delete"],
        &["theme", "status"],
        &["journal"],
    ];
    for sub in subcommands {
        let mut args = sub.to_vec();
        args.push("--help");
        let help = ok(&args);
        assert!(help.contains("Example"), "{sub:?}:\n{help}");
        assert!(
            help.contains(&format!("margin {}", sub.join(" "))),
            "{sub:?}:\n{help}"
        );
    }
}
