//! Shared by the refactor CLI tests: run the real binary, build a small study
//! through the CLI, snapshot its files, and read git's view of a change.

#![allow(dead_code)] // each test crate uses a different part

// The test crates that use this module also declare `mod common;`.
#[allow(unused_imports)] // each test crate uses a different part
pub use crate::common::cli::{fails, margin, ok, snapshot};

use std::collections::BTreeMap;
use std::process::Command;

/// `margin check DIR` must pass.
pub fn check_clean(dir: &str) {
    ok(&["check", dir]);
}

const P1: &str = "Interviewer: How do clients describe the mix?\nP1: You never know which one you'll get. Some days it's calm,\nother days it's chaos. Nobody can plan a week.\nInterviewer: And the crack use?\nP1: They don't want to talk about it at first.\n";
const P2: &str = "Interviewer: What changed?\nP2: Everything is unpredictable now, the supply, the people.\nYou can't rely on anything, it's chaos every single day.\n";

/// A study built through the CLI, in a git repository with everything
/// committed. Themes: "Patterns" [chaos, calm], "Feelings" [fear, worry];
/// "unpredictable" is unsorted. Codings by ana and ben overlap and touch.
pub fn study() -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("study");
    let d = dir.to_str().expect("utf-8 path").to_string();
    ok(&["init", &d, "--title", "Refactor study"]);
    for (id, text) in [("P1", P1), ("P2", P2)] {
        let file = tmp.path().join(format!("{id}.txt"));
        std::fs::write(&file, text).expect("write");
        ok(&["import", &d, file.to_str().expect("path"), "--id", id]);
    }
    ok(&["theme", "add", &d, "Patterns"]);
    ok(&["theme", "add", &d, "Feelings"]);
    for (name, theme, description) in [
        ("chaos", Some("Patterns"), "Life out of control"),
        ("calm", Some("Patterns"), "Quiet days"),
        ("fear", Some("Feelings"), "Being afraid"),
        ("worry", Some("Feelings"), ""),
        ("unpredictable", None, "Never knowing what comes"),
    ] {
        let mut args = vec!["code", "add", &d, name, "--description", description];
        if let Some(theme) = theme {
            args.extend(["--theme", theme]);
        }
        ok(&args);
    }
    for (doc, chars, code, coder) in [
        ("P1", "50..90", "unpredictable", "ana"),
        ("P1", "80..120", "chaos", "ana"),
        ("P1", "120..140", "unpredictable", "ana"),
        ("P1", "50..90", "chaos", "ben"),
        ("P1", "50..90", "unpredictable", "ben"),
        ("P1", "95..110", "calm", "ana"),
        ("P1", "150..170", "fear", "ben"),
        ("P2", "30..60", "unpredictable", "ana"),
        ("P2", "100..130", "chaos", "ana"),
        ("P2", "60..80", "worry", "ben"),
    ] {
        ok(&[
            "apply", &d, "--doc", doc, "--chars", chars, "--code", code, "--coder", coder,
        ]);
    }
    git(&d, &["init", "-q"]);
    git(&d, &["add", "-A"]);
    git(&d, &["commit", "-q", "-m", "study"]);
    (tmp, d)
}

pub fn git(dir: &str, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Commits whatever changed, so the next diff shows one step.
pub fn git_commit(dir: &str, message: &str) {
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", message]);
}

/// `git diff --numstat` (untracked files included) as path -> (added, deleted).
pub fn numstat(dir: &str) -> BTreeMap<String, (usize, usize)> {
    git(dir, &["add", "-A", "--intent-to-add"]);
    git(dir, &["diff", "--numstat"])
        .lines()
        .filter_map(|line| {
            let mut parts = line.split('\t');
            let added = parts.next()?.parse().ok()?;
            let deleted = parts.next()?.parse().ok()?;
            Some((parts.next()?.to_string(), (added, deleted)))
        })
        .collect()
}

/// Codings per code name, from `margin stats --json`.
pub fn per_code(dir: &str) -> BTreeMap<String, usize> {
    let stats: serde_json::Value =
        serde_json::from_str(&ok(&["stats", dir, "--json"])).expect("stats is JSON");
    stats["per_code"]
        .as_object()
        .expect("per_code")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().unwrap_or(0) as usize))
        .collect()
}
