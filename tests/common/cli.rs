//! Running the real `margin` binary as a user would, for the CLI tests.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs margin with a fixed coder ("tester") and no NO_COLOR from outside.
pub fn margin(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_margin"))
        .args(args)
        .env("MARGIN_CODER", "tester")
        .env_remove("NO_COLOR")
        .output()
        .expect("margin runs")
}

/// Runs a command that must succeed; returns its stdout.
pub fn ok(args: &[&str]) -> String {
    let out = margin(args);
    assert!(
        out.status.success(),
        "margin {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs a command that must fail (without a panic); returns its stderr.
pub fn fails(args: &[&str]) -> String {
    let out = margin(args);
    assert!(!out.status.success(), "margin {args:?} should have failed");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    stderr
}

/// Every file under `dir` with its bytes, leaving out .git and the lock file
/// (which only says who was writing).
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("readable") {
            let path = entry.expect("entry").path();
            if path
                .file_name()
                .is_some_and(|n| n == ".git" || n == ".margin.lock" || n == ".margin")
            {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).expect("under root").to_path_buf();
                out.insert(rel, std::fs::read(&path).expect("readable"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}
