//! Where the old text of a changed transcript and the stored excerpts come
//! from: git's history and the codings files as they are on disk. Reads
//! files and runs git; knows nothing of terminals.

use super::{Excerpts, OldText, changed_documents};
use crate::import::sha256_hex;
use crate::model::{DocId, Project};
use crate::store::files::{self, CodingLine, FileKey};
use std::collections::BTreeMap;
use std::path::Path;

/// How far back git's history is searched for a transcript's old text.
const HISTORY_DEPTH: usize = 50;

/// The old text of every changed document that git's history still holds:
/// the most recent committed version whose SHA-256 is the one in the
/// document's record (the text its codings were made on).
pub fn old_texts(root: &Path, project: &Project) -> BTreeMap<DocId, OldText> {
    let mut found = BTreeMap::new();
    for doc in changed_documents(project) {
        let want = &project.documents[&doc].record.sha256;
        let rel = FileKey::DocumentText(doc.clone()).rel_path();
        let version =
            crate::git::find_version(root, &rel, HISTORY_DEPTH, |text| &sha256_hex(text) == want);
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
            let lines: Vec<CodingLine> = files::parse(&text).unwrap_or_default();
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
