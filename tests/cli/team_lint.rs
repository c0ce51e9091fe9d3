//! `margin lint`: one line per finding and a non-zero exit, for CI.

use crate::common;

use common::copy_dir;

use std::path::Path;
use std::process::{Command, Output};

fn margin(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_margin"))
        .args(args)
        .output()
        .expect("run margin")
}

fn sample_copy() -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("study");
    copy_dir(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/sample-project")),
        &dir,
    );
    let dir = dir.to_str().expect("utf-8 path").to_string();
    (tmp, dir)
}

#[test]
fn the_sample_study_passes_and_a_strict_threshold_fails() {
    let (_tmp, dir) = sample_copy();
    let out = margin(&["lint", &dir]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = margin(&["lint", &dir, "--min-kappa", "0.99"]);
    assert!(!out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.lines().count() >= 5, "{stdout}");
    for line in stdout.lines() {
        assert!(line.starts_with(&format!("{dir}/codebook.ron:")), "{line}");
        assert!(line.contains(": [low-agreement] code '"), "{line}");
    }
}

#[test]
fn each_rule_reports_a_line_with_its_place() {
    let (_tmp, dir) = sample_copy();
    // A code without a definition, unused, and close to an existing name.
    let existing = {
        let out = margin(&["code", "list", &dir]);
        assert!(out.status.success());
        let (project, _) = margin::store::Store::open(&dir).expect("opens");
        project.codes.values().next().expect("a code").name.clone()
    };
    let near = format!("{existing}s");
    assert!(margin(&["code", "add", &dir, &near]).status.success());
    // A coding whose text changed under it: edit the transcript in place.
    let text_path = Path::new(&dir).join("documents/P1.txt");
    let text = std::fs::read_to_string(&text_path).expect("P1");
    let (project, _) = margin::store::Store::open(&dir).expect("opens");
    let first = &project.codings[&margin::model::DocId::new("P1")]["asha"][0];
    let mut chars: Vec<char> = text.chars().collect();
    for c in &mut chars[first.start..first.start + 3] {
        *c = 'Z';
    }
    std::fs::write(&text_path, chars.into_iter().collect::<String>()).expect("write");

    let out = margin(&["lint", &dir]);
    assert!(!out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let rule_line = |rule: &str| {
        stdout
            .lines()
            .find(|l| l.contains(&format!("[{rule}]")))
            .unwrap_or_else(|| panic!("no {rule} in:\n{stdout}"))
            .to_string()
    };
    assert!(rule_line("no-definition").contains(&format!("code '{near}' has no definition")));
    assert!(rule_line("unused-code").starts_with(&format!("{dir}/codebook.ron:")));
    assert!(rule_line("near-duplicate-name").contains(&existing));
    let anchored = rule_line("not-anchored");
    assert!(
        anchored.starts_with(&format!("{dir}/codings/P1/asha.ron:2:")),
        "{anchored}"
    );
    assert!(anchored.contains("ZZZ"), "{anchored}");
}
