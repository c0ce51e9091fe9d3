//! Running git: who the user is, and a project as it stands at a ref, read
//! from git's object store without checking anything out (so a coder's
//! working tree is never touched).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("cannot run git ({0}); is git installed and on PATH?")]
    Unavailable(std::io::Error),
    #[error("{dir}: not inside a git repository")]
    NotARepository { dir: PathBuf },
    #[error("git {args} failed: {stderr}")]
    Failed { args: String, stderr: String },
    #[error("{dir}: no commit '{rev}' in this repository (a branch, tag or commit is expected)")]
    UnknownRevision { dir: PathBuf, rev: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Runs `git -C dir ARGS` and returns its output, successful or not.
fn run(dir: &Path, args: &[&str]) -> Result<Output, GitError> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(GitError::Unavailable)
}

/// Runs git and returns its trimmed stdout, or the failure with git's message.
fn run_ok(dir: &Path, args: &[&str]) -> Result<String, GitError> {
    let out = run(dir, args)?;
    if !out.status.success() {
        return Err(GitError::Failed {
            args: args.join(" "),
            stderr: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        });
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim_end().to_string())
}

/// git's user.name as seen from `dir`, if set.
pub fn user_name(dir: &Path) -> Option<String> {
    run_ok(dir, &["config", "user.name"])
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// The top folder of the work tree holding `dir`.
pub fn top_level(dir: &Path) -> Result<PathBuf, GitError> {
    run_ok(dir, &["rev-parse", "--show-toplevel"])
        .map(PathBuf::from)
        .map_err(|_| GitError::NotARepository {
            dir: dir.to_path_buf(),
        })
}

/// Sets a key in the repository's own git config (.git/config).
pub fn config_set(dir: &Path, key: &str, value: &str) -> Result<(), GitError> {
    run_ok(dir, &["config", "--local", key, value]).map(|_| ())
}

/// The most recent committed version of the file `rel` (relative to `dir`)
/// among the last `depth` commits that touched it, for which `wanted` holds:
/// (short commit id, content). None outside git or when none fits.
pub fn find_version(
    dir: &Path,
    rel: &str,
    depth: usize,
    wanted: impl Fn(&str) -> bool,
) -> Option<(String, String)> {
    let depth = depth.to_string();
    let log = run_ok(dir, &["log", "--format=%h", "-n", &depth, "--", rel]).ok()?;
    log.lines().find_map(|commit| {
        let out = run(dir, &["show", &format!("{commit}:./{rel}")]).ok()?;
        let text = String::from_utf8(out.stdout).ok()?;
        (out.status.success() && wanted(&text)).then(|| (commit.to_string(), text))
    })
}

/// Whether the repository holding `dir` is in the middle of a merge (its
/// conflicts may be waiting to be resolved).
pub fn merge_in_progress(dir: &Path) -> bool {
    run_ok(dir, &["rev-parse", "--verify", "--quiet", "MERGE_HEAD"]).is_ok()
}

/// The branches behind a merge in progress in the repository holding `dir`:
/// (ours, theirs), e.g. ("alice", "bob"); a detached side by its short
/// commit id. None when no merge is in progress.
pub fn merge_sides(dir: &Path) -> Option<(String, String)> {
    run_ok(dir, &["rev-parse", "--verify", "--quiet", "MERGE_HEAD"]).ok()?;
    let ours = match run_ok(dir, &["rev-parse", "--abbrev-ref", "HEAD"]).ok()? {
        head if head == "HEAD" => run_ok(dir, &["rev-parse", "--short", "HEAD"]).ok()?,
        branch => branch,
    };
    let theirs = run_ok(
        dir,
        &[
            "name-rev",
            "--name-only",
            "--refs=refs/heads/*",
            "MERGE_HEAD",
        ],
    )
    .ok()
    .map(|n| n.trim().to_string())
    .filter(|n| !n.is_empty() && n != "undefined")
    .or_else(|| run_ok(dir, &["rev-parse", "--short", "MERGE_HEAD"]).ok())?;
    Some((ours, theirs))
}

/// The files of a project folder: what a project at a ref is made of.
fn is_project_file(rel: &str) -> bool {
    matches!(
        rel,
        "margin.ron" | "codebook.ron" | "themes.ron" | "journal.ron"
    ) || ["documents/", "codings/", "memos/"]
        .iter()
        .any(|dir| rel.starts_with(dir))
}

/// Writes the project folder `dir` as it stands at `rev` into `into` (which
/// should be empty), reading every file from git's object store in one
/// `git cat-file --batch`. Returns how many files were written.
pub fn export_project_at(dir: &Path, rev: &str, into: &Path) -> Result<usize, GitError> {
    export_project_files_at(dir, rev, into, &|_| true)
}

/// `export_project_at`, of the project files `keep` accepts (paths relative
/// to the project folder) only.
pub fn export_project_files_at(
    dir: &Path,
    rev: &str,
    into: &Path,
    keep: &dyn Fn(&str) -> bool,
) -> Result<usize, GitError> {
    let top = top_level(dir)?;
    let prefix = run_ok(dir, &["rev-parse", "--show-prefix"])?;
    let commit = format!("{rev}^{{commit}}");
    if !run(dir, &["rev-parse", "--verify", "--quiet", &commit])?
        .status
        .success()
    {
        return Err(GitError::UnknownRevision {
            dir: dir.to_path_buf(),
            rev: rev.to_string(),
        });
    }
    // With each file's object id: cat-file is then asked for objects, not
    // for `rev:path`, which git resolves by scanning every tree on the way
    // (a codings/ tree of ten thousand folders, once per file).
    let mut args = vec!["ls-tree", "-r", "-z", rev];
    if !prefix.is_empty() {
        args.extend(["--", prefix.as_str()]);
    }
    let listing = run(&top, &args)?;
    if !listing.status.success() {
        return Err(GitError::Failed {
            args: args.join(" "),
            stderr: String::from_utf8_lossy(&listing.stderr).trim().to_string(),
        });
    }
    // Each entry is "<mode> <type> <object>\t<path>".
    let (paths, objects): (Vec<String>, Vec<String>) = listing
        .stdout
        .split(|&b| b == 0)
        .filter_map(|p| std::str::from_utf8(p).ok())
        .filter_map(|entry| {
            let (head, path) = entry.split_once('\t')?;
            let object = head.rsplit(' ').next()?;
            Some((path, object))
        })
        .filter(|(p, _)| !p.is_empty() && !p.contains('\n'))
        .filter(|(p, _)| {
            p.strip_prefix(&prefix)
                .is_some_and(|rel| is_project_file(rel) && keep(rel))
        })
        .map(|(p, o)| (p.to_string(), o.to_string()))
        .unzip();
    let request: String = objects.iter().map(|o| format!("{o}\n")).collect();
    let blobs = cat_file_batch(&top, &request)?;
    let mut written = 0;
    let mut rest = blobs.as_slice();
    for path in &paths {
        let (content, tail) = next_blob(rest).ok_or_else(|| GitError::Failed {
            args: "cat-file --batch".to_string(),
            stderr: format!("no content for {rev}:{path}"),
        })?;
        rest = tail;
        let Some(content) = content else { continue };
        let target = into.join(path.strip_prefix(&prefix).unwrap_or(path));
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|source| GitError::Io {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        std::fs::write(&target, content).map_err(|source| GitError::Io {
            path: target.clone(),
            source,
        })?;
        written += 1;
    }
    Ok(written)
}

/// The project files (relative to the project folder `dir`) that differ
/// between `from` and `to`, or between `from` and the folder when `to` is
/// None (files git does not track yet included): what `git diff
/// --name-only` says, without reading any content.
pub fn changed_project_files(
    dir: &Path,
    from: &str,
    to: Option<&str>,
) -> Result<Vec<String>, GitError> {
    let prefix = run_ok(dir, &["rev-parse", "--show-prefix"])?;
    let prefix = prefix.trim_end_matches('\n');
    for rev in std::iter::once(from).chain(to) {
        let commit = format!("{rev}^{{commit}}");
        if !run(dir, &["rev-parse", "--verify", "--quiet", &commit])?
            .status
            .success()
        {
            return Err(GitError::UnknownRevision {
                dir: dir.to_path_buf(),
                rev: rev.to_string(),
            });
        }
    }
    let top = top_level(dir)?;
    let mut asks: Vec<Vec<&str>> = vec![
        ["diff", "--name-only", "-z", "--no-renames", from]
            .into_iter()
            .chain(to)
            .collect(),
    ];
    if to.is_none() {
        asks.push(vec!["ls-files", "-z", "--others", "--exclude-standard"]);
    }
    let mut paths = std::collections::BTreeSet::new();
    for mut args in asks {
        if !prefix.is_empty() {
            args.extend(["--", prefix]);
        }
        let out = run(&top, &args)?;
        if !out.status.success() {
            return Err(GitError::Failed {
                args: args.join(" "),
                stderr: String::from_utf8_lossy(&out.stderr).trim().to_string(),
            });
        }
        for path in out.stdout.split(|&b| b == 0) {
            let Ok(path) = std::str::from_utf8(path) else {
                continue;
            };
            if let Some(rel) = path.strip_prefix(prefix)
                && is_project_file(rel)
            {
                paths.insert(rel.to_string());
            }
        }
    }
    Ok(paths.into_iter().collect())
}

fn cat_file_batch(top: &Path, request: &str) -> Result<Vec<u8>, GitError> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(GitError::Unavailable)?;
    let stdin = child.stdin.take();
    let request = request.to_string();
    // Write in a thread so that git can fill its output pipe meanwhile.
    let writer = std::thread::spawn(move || {
        if let Some(mut stdin) = stdin {
            let _ = stdin.write_all(request.as_bytes());
        }
    });
    let out = child.wait_with_output().map_err(GitError::Unavailable)?;
    let _ = writer.join();
    if !out.status.success() {
        return Err(GitError::Failed {
            args: "cat-file --batch".to_string(),
            stderr: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        });
    }
    Ok(out.stdout)
}

/// Splits one `<oid> blob <size>\n<content>\n` record off a `cat-file
/// --batch` output (content None for a missing object or a non-blob).
fn next_blob(data: &[u8]) -> Option<(Option<&[u8]>, &[u8])> {
    let header_end = data.iter().position(|&b| b == b'\n')?;
    let header = std::str::from_utf8(&data[..header_end]).ok()?;
    let after = &data[header_end + 1..];
    let mut fields = header.split(' ');
    let _oid = fields.next()?;
    let kind = fields.next()?;
    let Some(size) = fields.next().and_then(|s| s.parse::<usize>().ok()) else {
        return Some((None, after)); // "<name> missing"
    };
    let content = after.get(..size)?;
    let tail = after.get(size + 1..).unwrap_or_default();
    Some(((kind == "blob").then_some(content), tail))
}

/// Three-way text merge of files, as git's own: writes the result into
/// `ours` and returns the number of conflicts (0 when clean).
pub fn merge_file(ours: &Path, base: &Path, theirs: &Path) -> Result<i32, GitError> {
    let out = Command::new("git")
        .arg("merge-file")
        .args(["-L", "ours", "-L", "base", "-L", "theirs"])
        .args([ours, base, theirs])
        .stdin(Stdio::null())
        .output()
        .map_err(GitError::Unavailable)?;
    match out.status.code() {
        // Negative counts (errors) come back as codes above 127.
        Some(n) if (0..128).contains(&n) => Ok(n),
        _ => Err(GitError::Failed {
            args: "merge-file".to_string(),
            stderr: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        }),
    }
}

/// The commit HEAD of the repository holding `dir` points at, and whether the
/// project folder has changes not in it (tracked or untracked, leaving out the
/// paths in `ignore`, such as the report being written). None outside a
/// repository or before its first commit.
pub fn head_state(dir: &Path, ignore: &[&Path]) -> Option<(String, bool)> {
    let commit = run_ok(dir, &["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]).ok()?;
    let excludes: Vec<String> = ignore
        .iter()
        .filter_map(|p| std::path::absolute(p).ok())
        .map(|p| format!(":(exclude,top){}", relative_to_top(dir, &p)))
        .collect();
    let mut args = vec!["status", "--porcelain", "--", "."];
    args.extend(excludes.iter().map(String::as_str));
    let dirty = match run_ok(dir, &args) {
        Ok(out) => !out.trim().is_empty(),
        // Unknown means not known to be clean.
        Err(_) => true,
    };
    Some((commit.trim().to_string(), dirty))
}

/// `path` relative to the work tree's top folder, with '/' separators.
fn relative_to_top(dir: &Path, path: &Path) -> String {
    let top = top_level(dir)
        .ok()
        .and_then(|t| t.canonicalize().ok())
        .unwrap_or_default();
    let parent = path
        .parent()
        .and_then(|p| p.canonicalize().ok())
        .unwrap_or_default();
    let full = parent.join(path.file_name().unwrap_or_default());
    full.strip_prefix(&top)
        .unwrap_or(&full)
        .to_string_lossy()
        .replace('\\', "/")
}

/// The oldest commit that added `needle` to the file at `rel` (a path inside
/// `dir`), following git's pickaxe; None outside git or when no commit has it.
pub fn commit_adding(dir: &Path, rel: &str, needle: &str) -> Option<String> {
    let pickaxe = format!("-S{needle}");
    let out = run_ok(
        dir,
        &["log", "--no-textconv", "--format=%H", &pickaxe, "--", rel],
    )
    .ok()?;
    out.lines().last().map(str::to_string)
}

/// The commit behind each line of the file at `rel` as committed or in the
/// work tree (the file's own lines, not margin's readable diff of them) (all zeros for a line not yet committed), with the line.
pub fn blame(dir: &Path, rel: &str) -> Option<Vec<(String, String)>> {
    let out = run_ok(dir, &["blame", "--porcelain", "--no-textconv", "--", rel]).ok()?;
    let mut lines = Vec::new();
    let mut commit = String::new();
    for line in out.lines() {
        if let Some(text) = line.strip_prefix('\t') {
            lines.push((commit.clone(), text.to_string()));
        } else if let Some(first) = line.split(' ').next()
            && first.len() == 40
            && first.bytes().all(|b| b.is_ascii_hexdigit())
        {
            commit = first.to_string();
        }
    }
    Some(lines)
}

/// Whether commit `a` is `b` or one of its ancestors.
pub fn is_ancestor(dir: &Path, a: &str, b: &str) -> bool {
    run(dir, &["merge-base", "--is-ancestor", a, b]).is_ok_and(|o| o.status.success())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_records_split_with_missing_objects() {
        let data = b"abc blob 3\nxyz\nHEAD:nope missing\ndef blob 0\n\n";
        let (first, rest) = next_blob(data).expect("first");
        assert_eq!(first, Some(&b"xyz"[..]));
        let (second, rest) = next_blob(rest).expect("second");
        assert_eq!(second, None);
        let (third, rest) = next_blob(rest).expect("third");
        assert_eq!(third, Some(&b""[..]));
        assert!(rest.is_empty());
    }

    #[test]
    fn only_project_files_are_exported() {
        assert!(is_project_file("codings/P1/ana.ron"));
        assert!(is_project_file("margin.ron"));
        assert!(!is_project_file("README.md"));
        assert!(!is_project_file("target/x"));
    }
}
