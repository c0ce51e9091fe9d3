//! The project on disk: load a folder into a `Project`, save only the files
//! whose content changed, atomically. Knows files, not terminals.
//!
//! ```text
//! margin.ron  codebook.ron  themes.ron  journal.ron
//! documents/P1.txt  documents/P1.ron
//! codings/P1/ana.ron          one coder's codings of one document
//! memos/project.md  memos/codes/ID.md  memos/themes/ID.md  memos/documents/ID.md
//! ```

mod atomic;
mod error;
pub mod files;
mod load;
mod lock;
mod reapply;
mod watch;

pub use atomic::write_atomic;
pub use error::{Problem, StoreError, ron_problem};
pub use files::{CodingLine, FileKey};
pub use load::{document_ids, load_project, locate, locate_in};
pub use lock::{LOCK_FILE, ProjectLock};
pub use reapply::{Reapplied, reapply};
pub use watch::{Changes, Stamps};

use crate::edit::Edit;
use crate::model::Project;
use std::collections::{BTreeSet, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

/// What a save did, for the status line ("saved codings/P3/ana.ron").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SaveReport {
    pub written: Vec<String>,
    pub removed: Vec<String>,
}

impl SaveReport {
    pub fn is_empty(&self) -> bool {
        self.written.is_empty() && self.removed.is_empty()
    }

    pub fn summary(&self) -> String {
        let mut parts: Vec<String> = self.written.clone();
        parts.extend(self.removed.iter().map(|p| format!("removed {p}")));
        if parts.is_empty() {
            "nothing to save".to_string()
        } else {
            format!("saved {}", parts.join(", "))
        }
    }
}

/// A project folder, with a fingerprint of each file as margin last read or
/// wrote it. A file is written only when its rendered content differs from its
/// fingerprint, and never when it changed on disk behind margin's back.
#[derive(Debug)]
pub struct Store {
    root: PathBuf,
    fingerprints: HashMap<FileKey, u64>,
    /// Each file's metadata as margin last read or wrote it, to notice
    /// changes on disk without reading (see `watch`).
    stamps: Stamps,
}

fn fingerprint(content: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    content.hash(&mut hasher);
    hasher.finish()
}

impl Store {
    /// Opens a project folder.
    pub fn open(root: impl AsRef<Path>) -> Result<(Project, Store), StoreError> {
        let root = root.as_ref().to_path_buf();
        // Stamped before reading: a file changed in between looks changed
        // later (one reload too many), never unchanged.
        let stamps = Stamps::scan(&root);
        let loaded = load_project(&root)?;
        let store = Store {
            root,
            fingerprints: loaded.fingerprints,
            stamps,
        };
        Ok((loaded.project, store))
    }

    /// Creates a new project folder (which may exist but must not hold a
    /// project) and writes every file of `project` into it.
    pub fn create(root: impl AsRef<Path>, project: &Project) -> Result<Store, StoreError> {
        let root = root.as_ref().to_path_buf();
        if root.join(files::MANIFEST).exists() {
            return Err(StoreError::Invalid(vec![Problem::whole_file(
                root.join(files::MANIFEST),
                "a margin project is already here",
            )]));
        }
        std::fs::create_dir_all(&root).map_err(|e| StoreError::io(&root, e))?;
        let mut store = Store {
            root,
            fingerprints: HashMap::new(),
            stamps: Stamps::default(),
        };
        store.save(project)?;
        Ok(store)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn path_of(&self, key: &FileKey) -> PathBuf {
        self.root.join(key.rel_path())
    }

    /// Saves every file whose content changed.
    pub fn save(&mut self, project: &Project) -> Result<SaveReport, StoreError> {
        let keys = self.every_key(project);
        self.save_keys(project, &keys)
    }

    /// The files `save` would write or remove, without writing anything: for
    /// `margin fmt --check` and dry runs.
    pub fn pending(&self, project: &Project) -> Vec<String> {
        self.every_key(project)
            .into_iter()
            .filter(|key| self.differs(key, files::render(project, key).as_deref()))
            .map(|key| key.rel_path())
            .collect()
    }

    /// The files the project has now plus those margin read or wrote: a file
    /// whose content went away must be looked at too, to be removed.
    fn every_key(&self, project: &Project) -> BTreeSet<FileKey> {
        let mut keys = files::all_keys(project);
        keys.extend(self.fingerprints.keys().cloned());
        keys
    }

    /// Whether `content` (None: no file) is not what margin last read or wrote
    /// at `key`.
    fn differs(&self, key: &FileKey, content: Option<&str>) -> bool {
        content.map(|c| fingerprint(c.as_bytes())) != self.fingerprints.get(key).copied()
    }

    /// Saves the files `edit` may have changed: fast, however large the project.
    pub fn save_edit(&mut self, project: &Project, edit: &Edit) -> Result<SaveReport, StoreError> {
        self.save_keys(project, &files::touched_by(edit))
    }

    /// Saves the given files. First checks that none changed on disk since it
    /// was read, so nothing is written unless everything can be.
    pub fn save_keys(
        &mut self,
        project: &Project,
        keys: &BTreeSet<FileKey>,
    ) -> Result<SaveReport, StoreError> {
        let mut plan: Vec<(FileKey, Option<String>)> = Vec::new();
        for key in keys {
            let content = files::render(project, key);
            if !self.differs(key, content.as_deref()) {
                continue;
            }
            self.check_unchanged_on_disk(key, self.fingerprints.get(key).copied())?;
            plan.push((key.clone(), content));
        }
        let mut report = SaveReport::default();
        for (key, content) in plan {
            let path = self.path_of(&key);
            match content {
                Some(text) => {
                    write_atomic(&path, text.as_bytes()).map_err(|e| StoreError::io(&path, e))?;
                    self.fingerprints
                        .insert(key.clone(), fingerprint(text.as_bytes()));
                    self.stamps.record(&self.root, &key.rel_path());
                    report.written.push(key.rel_path());
                }
                None => {
                    atomic::remove_owned(&path).map_err(|e| StoreError::io(&path, e))?;
                    self.fingerprints.remove(&key);
                    self.stamps.forget(&key.rel_path());
                    report.removed.push(key.rel_path());
                }
            }
        }
        Ok(report)
    }

    /// Is the file on disk still what margin last read or wrote?
    fn check_unchanged_on_disk(
        &self,
        key: &FileKey,
        expected: Option<u64>,
    ) -> Result<(), StoreError> {
        let path = self.path_of(key);
        let on_disk = match std::fs::read(&path) {
            Ok(bytes) => Some(fingerprint(&bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(StoreError::io(&path, e)),
        };
        if on_disk == expected {
            Ok(())
        } else {
            Err(StoreError::ChangedOnDisk(path))
        }
    }
}
