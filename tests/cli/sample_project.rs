//! The sample study: valid, of the promised size, and what `margin demo` writes.

use std::path::Path;
use std::process::Command;

fn margin(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_margin"))
        .args(args)
        .output()
        .expect("margin runs")
}

fn sample() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-project")
        .display()
        .to_string()
}

#[test]
fn sample_project_is_clean_and_complete() {
    let out = margin(&["check", &sample()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = margin(&["stats", &sample(), "--json"]);
    assert!(out.status.success());
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(stats["documents"], 7);
    assert!(stats["codes"].as_u64().expect("number") >= 30, "{stats}");
    assert!(stats["codings"].as_u64().expect("number") >= 200, "{stats}");
    let coders = stats["per_coder"].as_object().expect("object");
    assert_eq!(coders.len(), 2, "{stats}");

    let (project, _) = margin::store::Store::open(sample()).expect("loads");
    let theme_names: Vec<&str> = project.themes.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        theme_names,
        [
            "People who use both drugs",
            "Worker-client relationship",
            "Interventions for people who use both drugs"
        ]
    );
    for doc in project.documents.values() {
        let words = doc.text().split_whitespace().count();
        assert!(
            (1500..=3000).contains(&words),
            "{} has {words} words",
            doc.id
        );
        assert!(doc.turns().len() > 10, "{} has few speaker turns", doc.id);
        for key in ["role", "age", "years", "service"] {
            assert!(
                doc.record.attributes.contains_key(key),
                "{} lacks {key}",
                doc.id
            );
        }
    }
    // Both coders coded P1 and P2, so agreement can be shown.
    for doc in ["P1", "P2"] {
        let by_coder = &project.codings[&margin::model::DocId::new(doc)];
        assert_eq!(by_coder.len(), 2, "{doc} should have two coders");
    }
}

#[test]
fn demo_writes_a_copy_identical_to_the_sample_project() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("copy");
    let out = margin(&["demo", dir.to_str().expect("path"), "--no-open"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (original, _) = margin::store::Store::open(sample()).expect("loads");
    let (copy, _) = margin::store::Store::open(&dir).expect("loads the copy");
    assert_eq!(original, copy);
    let out = margin(&["check", dir.to_str().expect("path")]);
    assert!(out.status.success());
    // A second demo into the same folder refuses rather than overwrite.
    let out = margin(&["demo", dir.to_str().expect("path"), "--no-open"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not empty"));
}

#[test]
fn demo_without_a_folder_uses_a_fresh_one_under_the_data_dir() {
    let tmp = tempfile::tempdir().expect("tempdir");
    for expected in ["sample-study", "sample-study-2"] {
        let out = Command::new(env!("CARGO_BIN_EXE_margin"))
            .args(["demo", "--no-open"])
            .env("MARGIN_DATA_DIR", tmp.path())
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(tmp.path().join(expected).join("margin.ron").is_file());
    }
}

/// Every project file of the sample study, as margin writes it: the study
/// loaded and written afresh is byte-for-byte the study in the repository
/// (ids, coder names and all), so a change of in-memory types cannot change
/// the file format unnoticed.
#[test]
fn the_sample_study_written_afresh_is_byte_identical() {
    fn files(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("reads")
            .map(|e| e.expect("entry").path())
            .collect();
        entries.sort();
        for path in entries {
            let rel = path
                .strip_prefix(root)
                .expect("inside")
                .display()
                .to_string();
            if path.is_dir() {
                files(root, &path, out);
            } else if rel.ends_with(".ron") || rel.ends_with(".txt") || rel.starts_with("memos") {
                out.push((rel, std::fs::read(&path).expect("reads")));
            }
        }
    }
    let (project, _) = margin::store::Store::open(sample()).expect("loads");
    assert!(
        project.manifest.coders.len() >= 2,
        "the sample has coders to write"
    );
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("fresh");
    margin::store::Store::create(&dir, &project).expect("writes");
    let (mut before, mut after) = (Vec::new(), Vec::new());
    files(Path::new(&sample()), Path::new(&sample()), &mut before);
    files(&dir, &dir, &mut after);
    let names =
        |list: &[(String, Vec<u8>)]| list.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&after), names(&before));
    assert!(names(&before).contains(&"margin.ron".to_string()));
    assert!(
        before
            .iter()
            .filter(|(n, _)| n.starts_with("codings/"))
            .count()
            >= 4
    );
    for ((name, old), (_, new)) in before.iter().zip(&after) {
        assert!(old == new, "{name} differs when written afresh");
    }
}
