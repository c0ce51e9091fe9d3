//! Issue 4's must-show points on a copy of the sample study (sample-project/):
//! a merge whose report agrees with `margin stats --json`, with overlapping
//! codings joined; `margin check` clean; a rename that git sees as one
//! changed line in one file.

use crate::common;

use common::copy_dir;

use crate::refactor_common;

use margin::refactor::{Stamp, merge_codes};
use margin::store::Store;
use refactor_common::{check_clean, git, numstat, ok, per_code};
use std::path::Path;

/// A copy of the sample study in a fresh git repository.
fn sample_copy() -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("sample");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-project"),
        &dir,
    );
    let d = dir.to_str().expect("utf-8 path").to_string();
    git(&d, &["init", "-q"]);
    git(&d, &["add", "-A"]);
    git(&d, &["commit", "-q", "-m", "sample"]);
    (tmp, d)
}

#[test]
fn merging_two_sample_codes_agrees_with_stats() {
    let (_tmp, d) = sample_copy();
    check_clean(&d);
    // The first pair of codes whose merge joins overlapping codings, so the
    // test shows coalescing whatever the sample holds.
    let (project, _) = Store::open(&d).expect("opens");
    let stamp = Stamp::now("tester", "");
    let ids: Vec<_> = project.codes.keys().cloned().collect();
    let (from, into, planned) = ids
        .iter()
        .flat_map(|a| ids.iter().map(move |b| (a, b)))
        .filter(|(a, b)| a != b)
        .find_map(|(a, b)| {
            let planned = merge_codes(&project, std::slice::from_ref(a), b, &stamp).ok()?;
            let tidied = planned.report.duplicates + planned.report.joined;
            (tidied > 0).then(|| (a.clone(), b.clone(), planned))
        })
        .expect("the sample has overlapping codings of two codes by one coder");
    let (from_name, into_name) = (
        project.code_name(&from).to_string(),
        project.code_name(&into).to_string(),
    );
    let before = per_code(&d);
    let out = ok(&["code", "merge", &d, &from_name, "--into", &into_name]);
    assert_eq!(out.trim(), planned.summary());
    let after = per_code(&d);
    let r = planned.report;
    assert_eq!(r.repointed, before[&from_name]);
    assert_eq!(
        after[&into_name],
        before[&into_name] + before[&from_name] - r.duplicates - r.joined,
        "{out}"
    );
    assert!(!after.contains_key(&from_name));
    check_clean(&d);
}

#[test]
fn renaming_a_sample_code_changes_one_line_of_one_file() {
    let (_tmp, d) = sample_copy();
    let (project, _) = Store::open(&d).expect("opens");
    let code = project.codes.values().next().expect("a code").name.clone();
    ok(&["code", "rename", &d, &code, "Renamed in the test"]);
    let stats = numstat(&d);
    assert_eq!(stats.len(), 1, "{stats:?}");
    assert_eq!(stats.get("codebook.ron"), Some(&(1, 1)), "{stats:?}");
    check_clean(&d);
}
