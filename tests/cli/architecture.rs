//! The architecture of docs/architecture.md, held: which part of src/ may
//! use which. A rule broken names the file and line, so a newcomer sees the
//! boundary they crossed. Comment lines are not code and are not read.

use std::path::{Path, PathBuf};

/// Every .rs file under `dir`, as a path relative to the crate root.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The files under src/ whose path inside src/ starts with one of `parts`.
fn files_in(parts: &[&str]) -> Vec<PathBuf> {
    let mut all = Vec::new();
    rust_files(&src(), &mut all);
    all.into_iter()
        .filter(|p| {
            let rel = rel(p);
            parts.iter().any(|part| rel.starts_with(part))
        })
        .collect()
}

fn rel(path: &Path) -> String {
    path.strip_prefix(src())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// `file:line: text` for each code line of `files` holding one of `needles`.
fn uses(files: &[PathBuf], needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file).expect("reads");
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            if needles.iter().any(|needle| code.contains(needle)) {
                found.push(format!("src/{}:{}: {}", rel(file), n + 1, code));
            }
        }
    }
    found
}

#[test]
fn the_rules_look_at_real_files() {
    // A rule over no files would hold for nothing: each folder is there.
    for part in [
        "store/",
        "analysis/",
        "model/",
        "text/",
        "edit/",
        "session/",
        "tui/",
    ] {
        assert!(!files_in(&[part]).is_empty(), "no files in src/{part}");
    }
    let all = files_in(&[""]);
    assert!(all.len() > 100, "{} files", all.len());
    // And the check finds what it is looking for where it is.
    assert!(!uses(&files_in(&["tui/"]), &["ratatui"]).is_empty());
    assert!(!uses(&files_in(&["cli/"]), &["crate::store"]).is_empty());
}

#[test]
fn the_store_does_not_import_the_merge_module() {
    let found = uses(&files_in(&["store/"]), &["crate::merge", "margin::merge"]);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn analysis_does_not_import_the_store_or_the_session() {
    let found = uses(
        &files_in(&["analysis/"]),
        &["crate::store", "crate::session"],
    );
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn model_text_and_edit_know_no_files() {
    let found = uses(
        &files_in(&["model/", "text/", "edit/"]),
        &["crate::store", "crate::session", "std::fs"],
    );
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_core_does_not_import_the_faces() {
    let mut all = Vec::new();
    rust_files(&src(), &mut all);
    let core: Vec<PathBuf> = all
        .into_iter()
        .filter(|p| {
            let rel = rel(p);
            !rel.starts_with("cli/")
                && !rel.starts_with("tui/")
                && rel != "main.rs"
                && rel != "lib.rs"
        })
        .collect();
    let found = uses(
        &core,
        &["crate::cli", "crate::tui", "margin::cli", "margin::tui"],
    );
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// Holds once the keymap and colour-theme config live under src/tui/
/// (issue 8, the workbench half); until then it names those two files.
#[test]
fn only_the_workbench_uses_the_terminal_crates() {
    let mut all = Vec::new();
    rust_files(&src(), &mut all);
    let outside: Vec<PathBuf> = all
        .into_iter()
        .filter(|p| !rel(p).starts_with("tui/"))
        .collect();
    let found = uses(&outside, &["ratatui", "crossterm"]);
    assert!(found.is_empty(), "{}", found.join("\n"));
}
