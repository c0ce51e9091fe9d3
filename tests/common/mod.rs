//! Helpers shared by the TUI tests: a pseudo-terminal harness for the real
//! binary, and copies of the sample project in temporary folders.

#![allow(dead_code)]

pub mod cli;
pub mod conflict;
pub mod fixture;
pub mod pty;
pub mod refi;

use std::path::{Path, PathBuf};

/// The repository's sample study.
pub fn sample_project() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-project")
}

/// A copy of the sample study in a temporary folder (`study/` inside it),
/// with the folder that holds it: the copy lives as long as that does.
pub fn sample_study() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let dir = tmp.path().join("study");
    copy_dir(&sample_project(), &dir);
    (tmp, dir)
}

/// `args` with every "DIR" replaced by `dir`: one command line for any copy.
pub fn with_dir(args: &[&str], dir: &Path) -> Vec<String> {
    args.iter()
        .map(|a| {
            if *a == "DIR" {
                dir.display().to_string()
            } else {
                a.to_string()
            }
        })
        .collect()
}

/// Copies a folder tree (files only, no symlinks).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create the copy's folder");
    for entry in std::fs::read_dir(from).expect("read the folder") {
        let entry = entry.expect("read an entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

/// Every file under `root` (relative path, bytes), sorted, leaving out the
/// lock file, which only says that margin was running, and `.margin/`,
/// margin's derived data (the transcript copies re-anchoring diffs against).
pub fn snapshot_files(root: &Path) -> Vec<(String, Vec<u8>)> {
    fn go(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).expect("read the folder") {
            let path = entry.expect("entry").path();
            if path.file_name().is_some_and(|n| n == ".margin") {
                continue;
            }
            if path.is_dir() {
                go(root, &path, out);
            } else if path.file_name().is_some_and(|n| n != ".margin.lock") {
                let rel = path
                    .strip_prefix(root)
                    .expect("inside root")
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read(&path).expect("read a file")));
            }
        }
    }
    let mut out = Vec::new();
    go(root, root, &mut out);
    out.sort();
    out
}

/// Waits until the files under `dir` are exactly `before` again (after an
/// undo in a running workbench); panics naming the files that differ.
pub fn wait_until_files_equal(dir: &Path, before: &[(String, Vec<u8>)]) {
    let end = std::time::Instant::now() + pty::deadline();
    loop {
        let now = snapshot_files(dir);
        if now == before {
            return;
        }
        if std::time::Instant::now() > end {
            let changed: Vec<&String> = now
                .iter()
                .filter(|f| !before.contains(f))
                .map(|(p, _)| p)
                .collect();
            panic!("after undo these files differ from before: {changed:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}
