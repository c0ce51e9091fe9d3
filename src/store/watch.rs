//! Noticing that project files changed on disk behind margin's back (a `git
//! pull`, a checkout, an editor, a sync tool). Reading every file to compare
//! fingerprints would cost a full load; instead margin keeps each file's
//! modification time and length as it last read or wrote it, and compares
//! metadata only: one stat per file and one listing per folder, cheap enough
//! to run every second on a thousand transcripts.

use super::{Store, StoreError, fingerprint};
use super::{files, files::FileKey};
use crate::model::{DocId, Project};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::time::SystemTime;

/// What a file looked like on disk, by metadata alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
}

impl Stamp {
    fn of(meta: &fs::Metadata) -> Stamp {
        Stamp {
            modified: meta.modified().ok(),
            len: meta.len(),
        }
    }
}

/// The stamp of every project file, by path relative to the project root
/// (with '/' separators, as `FileKey::rel_path` names it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stamps(BTreeMap<String, Stamp>);

/// Which project files differ between two scans.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub changed: Vec<String>,
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn len(&self) -> usize {
        self.changed.len() + self.added.len() + self.removed.len()
    }

    /// Every path that differs, sorted.
    pub fn paths(&self) -> Vec<String> {
        let all: BTreeSet<&String> = self
            .changed
            .iter()
            .chain(&self.added)
            .chain(&self.removed)
            .collect();
        all.into_iter().cloned().collect()
    }

    /// "2 files changed on disk (codebook.ron, codings/P3/ben.ron)", naming
    /// at most `shown` files so a large pull stays on one status line.
    pub fn summary(&self, shown: usize) -> String {
        let paths = self.paths();
        let mut names = paths.iter().take(shown).cloned().collect::<Vec<_>>();
        if paths.len() > shown {
            names.push(format!("+{} more", paths.len() - shown));
        }
        let noun = if paths.len() == 1 { "file" } else { "files" };
        format!(
            "{} {noun} changed on disk ({})",
            paths.len(),
            names.join(", ")
        )
    }
}

impl Stamps {
    /// Stats every file the loader would read, listing the folders so that
    /// new files (a coder's first codings after a pull) are noticed too.
    pub fn scan(root: &Path) -> Stamps {
        let mut stamps = BTreeMap::new();
        let mut note = |rel: String, meta: &fs::Metadata| {
            stamps.insert(rel, Stamp::of(meta));
        };
        for name in [
            files::MANIFEST,
            files::CODEBOOK,
            files::THEMES,
            files::JOURNAL,
        ] {
            if let Ok(meta) = fs::metadata(root.join(name)) {
                note(name.to_string(), &meta);
            }
        }
        for (name, meta) in listing(&root.join(files::DOCUMENTS_DIR), false) {
            if name.ends_with(".txt") || name.ends_with(".ron") {
                note(format!("{}/{name}", files::DOCUMENTS_DIR), &meta);
            }
        }
        // A thousand folders of codings: listed and stat'ed on every core.
        let folders: Vec<String> = listing(&root.join(files::CODINGS_DIR), true)
            .into_iter()
            .map(|(doc, _)| doc)
            .collect();
        let codings = super::parallel::map(&folders, |doc| {
            let dir = root.join(files::CODINGS_DIR).join(doc);
            listing(&dir, false)
                .into_iter()
                .filter(|(name, _)| name.ends_with(".ron"))
                .map(|(name, meta)| (format!("{}/{doc}/{name}", files::CODINGS_DIR), meta))
                .collect::<Vec<_>>()
        });
        for (rel, meta) in codings.into_iter().flatten() {
            note(rel, &meta);
        }
        let memos = root.join(files::MEMOS_DIR);
        if let Ok(meta) = fs::metadata(memos.join("project.md")) {
            note(format!("{}/project.md", files::MEMOS_DIR), &meta);
        }
        for folder in ["documents", "codes", "themes"] {
            for (name, meta) in listing(&memos.join(folder), false) {
                if name.ends_with(".md") {
                    note(format!("{}/{folder}/{name}", files::MEMOS_DIR), &meta);
                }
            }
        }
        Stamps(stamps)
    }

    /// Stats the files a partial load reads (see `load_parts`): the
    /// manifest, codebook, themes and journal, and the records, texts and
    /// codings files of `docs` only. Nothing else is listed.
    pub fn scan_part(root: &Path, docs: &BTreeSet<DocId>) -> Stamps {
        let mut stamps = BTreeMap::new();
        let mut rels: Vec<String> = [
            files::MANIFEST,
            files::CODEBOOK,
            files::THEMES,
            files::JOURNAL,
        ]
        .map(str::to_string)
        .to_vec();
        for doc in docs {
            rels.push(FileKey::DocumentText(doc.clone()).rel_path());
            rels.push(FileKey::DocumentRecord(doc.clone()).rel_path());
            let dir = root.join(files::CODINGS_DIR).join(doc.as_str());
            for (name, meta) in listing(&dir, false) {
                if name.ends_with(".ron") {
                    stamps.insert(
                        format!("{}/{doc}/{name}", files::CODINGS_DIR),
                        Stamp::of(&meta),
                    );
                }
            }
        }
        for rel in rels {
            if let Ok(meta) = fs::metadata(root.join(&rel)) {
                stamps.insert(rel, Stamp::of(&meta));
            }
        }
        Stamps(stamps)
    }

    /// The stamps of the files `scan_part(root, docs)` looks at.
    pub fn part_of(&self, docs: &BTreeSet<DocId>) -> Stamps {
        let mut part = BTreeMap::new();
        let mut take = |rel: &str| {
            if let Some((rel, stamp)) = self.0.get_key_value(rel) {
                part.insert(rel.clone(), *stamp);
            }
        };
        for rel in [
            files::MANIFEST,
            files::CODEBOOK,
            files::THEMES,
            files::JOURNAL,
        ] {
            take(rel);
        }
        for doc in docs {
            take(&FileKey::DocumentText(doc.clone()).rel_path());
            take(&FileKey::DocumentRecord(doc.clone()).rel_path());
            let folder = format!("{}/{doc}/", files::CODINGS_DIR);
            let in_folder: Vec<&String> = self
                .0
                .range(folder.clone()..)
                .map(|(rel, _)| rel)
                .take_while(|rel| rel.starts_with(&folder))
                .collect();
            for rel in in_folder {
                let Some(name) = rel.strip_prefix(&folder) else {
                    break;
                };
                if !name.contains('/') && name.ends_with(".ron") {
                    take(rel);
                }
            }
        }
        Stamps(part)
    }

    /// What differs in `self` (the newer scan) from `earlier`.
    pub fn changes_since(&self, earlier: &Stamps) -> Changes {
        let mut changes = Changes::default();
        for (path, stamp) in &self.0 {
            match earlier.0.get(path) {
                None => changes.added.push(path.clone()),
                Some(old) if old != stamp => changes.changed.push(path.clone()),
                Some(_) => {}
            }
        }
        changes.removed = earlier
            .0
            .keys()
            .filter(|path| !self.0.contains_key(*path))
            .cloned()
            .collect();
        changes
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Notes a file as margin just wrote it (or finds it gone).
    pub(super) fn record(&mut self, root: &Path, rel: &str) {
        self.note(rel, fs::metadata(root.join(rel)).ok());
    }

    /// `record` for files just written: a save of thousands (a merge) looks
    /// at them on every core; a few, on this thread.
    pub(super) fn record_all(&mut self, root: &Path, rels: &[String]) {
        let meta_of = |rel: &String| fs::metadata(root.join(rel)).ok();
        let metas = if rels.len() < super::parallel::QUICK_ITEMS_ON_THREADS_FROM {
            rels.iter().map(meta_of).collect()
        } else {
            super::parallel::map(rels, meta_of)
        };
        for (rel, meta) in rels.iter().zip(metas) {
            self.note(rel, meta);
        }
    }

    /// Notes what stands at `rel` now: a file's metadata, or nothing.
    fn note(&mut self, rel: &str, meta: Option<fs::Metadata>) {
        match meta {
            Some(meta) => {
                self.0.insert(rel.to_string(), Stamp::of(&meta));
            }
            None => self.forget(rel),
        }
    }

    pub(super) fn forget(&mut self, rel: &str) {
        self.0.remove(rel);
    }
}

/// The non-hidden entries of a folder (files, or folders when `dirs`) with
/// their metadata; a missing folder has none. Hidden names are left out: the
/// atomic writer's temporary files start with a dot.
fn listing(dir: &Path, dirs: bool) -> Vec<(String, fs::Metadata)> {
    let Ok(read) = fs::read_dir(dir) else {
        return Vec::new();
    };
    read.filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            if name.starts_with('.') {
                return None;
            }
            let meta = entry.metadata().ok()?;
            (meta.is_dir() == dirs).then_some((name, meta))
        })
        .collect()
}

impl Store {
    /// The stamps of the files as margin last read or wrote them.
    pub fn stamps(&self) -> &Stamps {
        &self.stamps
    }

    /// The stamps of the files on disk now.
    pub fn scan_disk(&self) -> Stamps {
        match &self.part {
            None => Stamps::scan(&self.root),
            Some(docs) => Stamps::scan_part(&self.root, docs),
        }
    }

    /// Which project files changed on disk since margin read or wrote them:
    /// metadata only, nothing is read.
    pub fn changes_on_disk(&self) -> Changes {
        self.scan_disk().changes_since(&self.stamps)
    }

    /// Writes the given files from `project` even where they changed on disk
    /// since margin read them: what is on disk there is lost. Only for an
    /// analyst who confirmed "keep mine and overwrite".
    pub fn overwrite_keys(
        &mut self,
        project: &Project,
        keys: &BTreeSet<FileKey>,
    ) -> Result<super::SaveReport, StoreError> {
        for key in keys {
            let rel = key.rel_path();
            let path = self.root.join(&rel);
            match fs::read(&path) {
                Ok(bytes) => {
                    self.fingerprints.insert(key.clone(), fingerprint(&bytes));
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    self.fingerprints.remove(key);
                }
                Err(e) => return Err(StoreError::io(&path, e)),
            }
            self.stamps.record(&self.root, &rel);
        }
        self.save_keys(project, keys)
    }
}

#[cfg(test)]
#[path = "watch_tests.rs"]
mod tests;
