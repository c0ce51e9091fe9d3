//! Where the old text of a changed transcript and the stored excerpts come
//! from: git's history and the codings files as they are on disk. Reads
//! files and runs git; knows nothing of terminals.

use super::{Excerpts, OldText, changed_documents};
use crate::import::sha256_hex;
use crate::model::{DocId, Project};
use crate::store::files::FileKey;
use std::collections::BTreeMap;
use std::path::Path;

/// Where margin keeps a copy of each transcript text its codings were made
/// on, named by its SHA-256, so a correction made outside margin can be
/// diffed exactly even when git never saw the old text. Derived data: the
/// folder ignores itself in git, and deleting it only makes re-anchoring
/// fall back to git history and the stored excerpts.
pub const KEPT_TEXTS: &str = ".margin/texts";

/// How far back git's history is searched for a transcript's old text.
const HISTORY_DEPTH: usize = 50;

/// The old text of every changed document that git's history still holds:
/// the most recent committed version whose SHA-256 is the one in the
/// document's record (the text its codings were made on).
pub fn old_texts(root: &Path, project: &Project) -> BTreeMap<DocId, OldText> {
    let mut found = BTreeMap::new();
    for doc in changed_documents(project) {
        let want = &project.documents[&doc].record.sha256;
        let kept = root.join(KEPT_TEXTS).join(format!("{want}.txt"));
        if let Ok(text) = std::fs::read_to_string(&kept)
            && &sha256_hex(&text) == want
        {
            found.insert(
                doc,
                OldText {
                    text,
                    from: "the copy margin kept".to_string(),
                },
            );
            continue;
        }
        let rel = FileKey::DocumentText(doc.clone()).rel_path();
        let version = crate::store::git::find_version(root, &rel, HISTORY_DEPTH, |text| {
            &sha256_hex(text) == want
        });
        if let Some((commit, text)) = version {
            found.insert(
                doc,
                OldText {
                    text,
                    from: format!("git commit {commit}"),
                },
            );
        }
    }
    found
}

/// The excerpt beside each coding of the changed documents, as on disk.
pub fn stored_excerpts(root: &Path, project: &Project) -> Excerpts {
    let mut excerpts = Excerpts::new();
    for doc in changed_documents(project) {
        let Some(by_coder) = project.codings.get(&doc) else {
            continue;
        };
        for coder in by_coder.keys() {
            let rel = FileKey::Codings(doc.clone(), coder.clone()).rel_path();
            let Ok(text) = std::fs::read_to_string(root.join(rel)) else {
                continue;
            };
            let lines = crate::store::coding_lines::parse(&text).unwrap_or_default();
            for line in lines {
                excerpts.insert(
                    (doc.clone(), coder.clone(), line.start, line.end, line.code),
                    line.text,
                );
            }
        }
    }
    excerpts
}

/// Plans re-anchoring of the project in `root` from everything known.
pub fn plan_from_disk(root: &Path, project: &Project) -> Option<super::Reanchored> {
    if changed_documents(project).is_empty() {
        return None;
    }
    let old = old_texts(root, project);
    let excerpts = stored_excerpts(root, project);
    super::plan(project, &old, &excerpts)
}

/// Keeps a copy of every transcript whose text is the one its codings were
/// made on (see `KEPT_TEXTS`). Best effort: a copy that cannot be written
/// only costs precision later, so errors are ignored.
pub fn keep_copies(root: &Path, project: &Project) {
    let dir = root.join(KEPT_TEXTS);
    for doc in project.documents.values() {
        let sha = &doc.record.sha256;
        if sha.is_empty() || sha256_hex(doc.text()) != *sha {
            continue;
        }
        let path = dir.join(format!("{sha}.txt"));
        if path.is_file() {
            continue;
        }
        if std::fs::create_dir_all(&dir).is_err() {
            return;
        }
        let ignore = root.join(".margin/.gitignore");
        if !ignore.exists() {
            let _ = crate::store::write_atomic(
                &ignore,
                b"# margin's derived data: never committed\n*\n",
            );
        }
        let _ = crate::store::write_atomic(&path, doc.text().as_bytes());
    }
}
