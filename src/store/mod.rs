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
pub mod coding_lines;
mod durable;
mod error;
pub mod fault;
pub mod files;
pub mod git;
mod load;
mod lock;
pub(crate) mod parallel;
pub mod paths;
mod reapply;
pub mod themes_file;
pub mod txn;
mod watch;
mod watcher;

pub use atomic::write_atomic;
pub use error::{Problem, ProblemKind, StoreError, UNRESOLVED_CONFLICT, ron_problem};
pub use files::{CodingLine, FileKey};
pub use load::{Indexing, document_ids, load_project, locate, locate_in, read_document_text};
pub use lock::{LOCK_FILE, LOCK_WAIT, ProjectLock};
pub use reapply::{Reapplied, reapply};
pub use txn::Recovered;
pub use watch::{Changes, Stamps};
pub use watcher::DiskWatcher;

use crate::edit::Edit;
use crate::model::{DocId, Project};
use paths::CheckedFolders;
use std::collections::{BTreeSet, HashMap};
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
    /// Stored excerpts that the text no longer gives (a corrected
    /// transcript, a missing record): written back as they were, never
    /// rewritten from text that does not match them.
    evidence: files::Evidence,
    /// The project lock, when this store was opened for writing: taken
    /// before the first file was read, held until the store is dropped.
    lock: Option<ProjectLock>,
    /// When only some documents were loaded (`open_part_for_writing`):
    /// which. Changes on disk are then looked for among the files read.
    part: Option<BTreeSet<DocId>>,
}

/// What a file held when margin read or wrote it, to tell later whether it
/// changed. Kept in memory only, so any fixed seed will do.
fn fingerprint(content: &[u8]) -> u64 {
    use std::hash::BuildHasher as _;
    foldhash::quality::FixedState::with_seed(0x6d61_7267_696e).hash_one(content)
}

impl Store {
    /// Opens a project folder to read it. An interrupted save is finished
    /// first when no other margin is at work on the project; while another
    /// one is finishing a save, waits for it a moment.
    pub fn open(root: impl AsRef<Path>) -> Result<(Project, Store), StoreError> {
        let root = root.as_ref().to_path_buf();
        if txn::pending(&root) {
            finish_interrupted_save(&root)?;
        }
        Self::load(root, None, None, Indexing::Now)
    }

    /// Opens a project folder to change it: takes the project lock first
    /// (waiting up to `LOCK_WAIT` for another margin, calling `on_wait` once
    /// if it has to), finishes an interrupted save, then reads. The lock is
    /// held until the store is dropped, so nothing can change between
    /// reading, planning and writing.
    pub fn open_for_writing(
        root: impl AsRef<Path>,
        on_wait: impl FnOnce(&StoreError),
    ) -> Result<(Project, Store), StoreError> {
        Self::open_whole_for_writing(root.as_ref(), on_wait, Indexing::Now)
    }

    /// `open_for_writing` for a refactor: every file is read and checked
    /// as a whole load does, but transcripts are indexed only when used and
    /// stored excerpts are not checked against them (`Indexing::OnUse`), so
    /// re-pointing the codings of a thousand documents does not pay for
    /// reading their words. The files it saves are those a whole load would.
    pub fn open_to_refactor(
        root: impl AsRef<Path>,
        on_wait: impl FnOnce(&StoreError),
    ) -> Result<(Project, Store), StoreError> {
        Self::open_whole_for_writing(root.as_ref(), on_wait, Indexing::OnUse)
    }

    /// The lock, an interrupted save finished, then the whole project read.
    fn open_whole_for_writing(
        root: &Path,
        on_wait: impl FnOnce(&StoreError),
        indexing: Indexing,
    ) -> Result<(Project, Store), StoreError> {
        let lock = ProjectLock::acquire_waiting(root, LOCK_WAIT, on_wait)?;
        txn::recover(root)?;
        Self::load(root.to_path_buf(), Some(lock), None, indexing)
    }

    /// Opens part of a project to read it (see `open_part_for_writing` for
    /// what is read). An interrupted save is finished first, as `open`
    /// does; leftover temporary files are hidden and never read.
    pub fn open_part(
        root: impl AsRef<Path>,
        docs: &BTreeSet<DocId>,
    ) -> Result<(Project, Store), StoreError> {
        let root = root.as_ref().to_path_buf();
        if txn::has_record(&root) {
            finish_interrupted_save(&root)?;
        }
        Self::load(root, None, Some(docs), Indexing::Now)
    }

    /// Opens part of a project to change it, for a command that needs no
    /// more: the manifest, codebook, themes and journal, and of the
    /// documents only `docs` with every coder's codings of them (memos are
    /// not read). Lock and checks are `open_for_writing`'s: the files read
    /// are checked as a whole load checks them, an interrupted save is
    /// finished first, and a save writes only files that were read (or are
    /// new) and have not changed on disk. Leftover temporary files of a
    /// killed save are cleaned by the next whole open; they are hidden and
    /// never read.
    pub fn open_part_for_writing(
        root: impl AsRef<Path>,
        docs: &BTreeSet<DocId>,
        on_wait: impl FnOnce(&StoreError),
    ) -> Result<(Project, Store), StoreError> {
        let root = root.as_ref().to_path_buf();
        let lock = ProjectLock::acquire_waiting(&root, LOCK_WAIT, on_wait)?;
        if txn::has_record(&root) {
            txn::recover(&root)?;
        }
        Self::load(root, Some(lock), Some(docs), Indexing::Now)
    }

    /// Reads the whole project, or of the documents only `part` (with their
    /// codings), into a store holding `lock`.
    fn load(
        root: PathBuf,
        lock: Option<ProjectLock>,
        part: Option<&BTreeSet<DocId>>,
        indexing: Indexing,
    ) -> Result<(Project, Store), StoreError> {
        // Stamped before reading: a file changed in between looks changed
        // later (one reload too many), never unchanged.
        let stamps = match part {
            None => Stamps::scan(&root),
            Some(docs) => Stamps::scan_part(&root, docs),
        };
        let loaded = load::load_parts(&root, part, indexing)?;
        let store = Store {
            root,
            fingerprints: loaded.fingerprints,
            stamps,
            evidence: loaded.evidence,
            lock,
            part: part.cloned(),
        };
        Ok((loaded.project, store))
    }

    /// Whether only some documents were loaded (`open_part_for_writing`).
    pub fn is_part(&self) -> bool {
        self.part.is_some()
    }

    /// The stored excerpts the text no longer gives, as the loader found
    /// them: what `margin check` reports, without reading the files again.
    pub fn evidence(&self) -> &files::Evidence {
        &self.evidence
    }

    /// Whether this store holds the project lock.
    pub fn holds_lock(&self) -> bool {
        self.lock.is_some()
    }

    /// Lets go of the project lock, for a store that will write no more
    /// (see `Session::end`).
    pub(crate) fn release_lock(&mut self) {
        self.lock = None;
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
            evidence: files::Evidence::default(),
            lock: None,
            part: None,
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

    /// Saves every file whose content changed. Of a partly loaded project
    /// (`open_part_for_writing`) that is only files it read or holds: a
    /// file not loaded is neither rendered nor removed.
    pub fn save(&mut self, project: &Project) -> Result<SaveReport, StoreError> {
        let keys = self.every_key(project);
        self.save_keys(project, &keys)
    }

    /// The files `save` would write or remove, without writing anything: for
    /// `margin fmt --check` and dry runs.
    pub fn pending(&self, project: &Project) -> Vec<String> {
        self.every_key(project)
            .into_iter()
            .filter(|key| self.differs(key, self.render(project, key).as_deref()))
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

    /// One file as it should be on disk, keeping stored evidence.
    fn render(&self, project: &Project, key: &FileKey) -> Option<String> {
        files::render_keeping(project, key, &self.evidence)
    }

    /// Saves the files `edit` may have changed: fast, however large the
    /// project. An edit depends on more files than it writes (a coding on
    /// its code in the codebook, a merge on every codings file), so it also
    /// checks, before anything is renamed, that no project file changed on
    /// disk since margin read it.
    pub fn save_edit(&mut self, project: &Project, edit: &Edit) -> Result<SaveReport, StoreError> {
        self.save_keys_checking(project, &files::touched_by(edit), Some(edit))
    }

    /// Fails with the first project file `edit` depends on that differs on
    /// disk from what margin last read or wrote: metadata first, content
    /// where metadata alone cannot tell (a file touched but not changed).
    fn check_nothing_changed(&self, edit: &Edit) -> Result<(), StoreError> {
        let changes = match coding_edit_documents(edit) {
            // A coding depends on its code (codebook.ron, themes.ron), the
            // manifest, the document's text and record, and its codings
            // files: only those are looked at, not the whole project (a
            // thousand folders listed and seven thousand files stat'ed,
            // for every keystroke that codes something).
            Some(docs) if docs.len() <= FEW_DOCUMENTS => {
                Stamps::scan_part(&self.root, &docs).changes_since(&self.stamps.part_of(&docs))
            }
            _ => self.changes_on_disk(),
        };
        if changes.is_empty() {
            return Ok(());
        }
        let known: HashMap<String, u64> = self
            .fingerprints
            .iter()
            .map(|(key, print)| (key.rel_path(), *print))
            .collect();
        for rel in changes.paths() {
            let on_disk = match paths::read(&self.root, &rel) {
                Ok(bytes) => Some(fingerprint(&bytes)),
                Err(e) if e.is_not_found() => None,
                Err(_) => return Err(StoreError::ChangedOnDisk(self.root.join(&rel))),
            };
            if on_disk != known.get(&rel).copied() {
                return Err(StoreError::ChangedOnDisk(self.root.join(&rel)));
            }
        }
        Ok(())
    }

    /// Saves the given files, all or none (see `txn`). First checks that
    /// none changed on disk since it was read, so nothing is written unless
    /// everything can be.
    pub fn save_keys(
        &mut self,
        project: &Project,
        keys: &BTreeSet<FileKey>,
    ) -> Result<SaveReport, StoreError> {
        self.save_keys_checking(project, keys, None)
    }

    /// `save_keys`, failing (nothing written) when a file `depends` on
    /// changed on disk since margin read it (`check_nothing_changed`).
    fn save_keys_checking(
        &mut self,
        project: &Project,
        keys: &BTreeSet<FileKey>,
        depends: Option<&Edit>,
    ) -> Result<SaveReport, StoreError> {
        // A transcript about to change takes with it the excerpts read
        // unchecked beside it: they belong to the words it had.
        for key in keys {
            if let FileKey::DocumentText(doc) = key {
                self.evidence.forget_unchecked(doc);
            }
        }
        // Rendering a codings file makes an excerpt per coding, the file on
        // disk is read back to be compared, and a temporary file is
        // written: for a merge that rewrites thousands of files, each file's
        // work is done by one worker, spread over the cores a slice at a
        // time (see `write_changed`). A problem found removes the temporary
        // files (the batch is dropped), so nothing is written unless
        // everything can be.
        let keys: Vec<&FileKey> = keys.iter().collect();
        let plan = self.write_changed(project, &keys, depends)?;
        let mut report = SaveReport::default();
        for (key, print) in plan {
            match print {
                Some(print) => {
                    self.fingerprints.insert(key.clone(), print);
                    report.written.push(key.rel_path());
                }
                None => {
                    self.fingerprints.remove(&key);
                    self.stamps.forget(&key.rel_path());
                    report.removed.push(key.rel_path());
                }
            }
        }
        self.stamps.record_all(&self.root, &report.written);
        Ok(report)
    }

    /// Renders the files of `keys` and writes, all or none, those that
    /// changed; returns each one written (with its fingerprint) or removed.
    fn write_changed(
        &self,
        project: &Project,
        keys: &[&FileKey],
        depends: Option<&Edit>,
    ) -> Result<Vec<(FileKey, Option<u64>)>, StoreError> {
        let check = || depends.map_or(Ok(()), |edit| self.check_nothing_changed(edit));
        let folders = CheckedFolders::default();
        let mut batch = txn::Batch::begin(&self.root)?;
        let mut plan: Vec<(FileKey, Option<u64>)> = Vec::new();
        let written = std::thread::scope(|scope| {
            // A merge's thousands of files are prepared on every core, a
            // slice at a time, so that a problem stops the save early and
            // little content is held at once. Meanwhile the files the edit
            // depends on are looked at on a thread of their own: nothing is
            // renamed before both are done, so a change found removes the
            // temporary files. Reported first, as a change on disk may be
            // why the writing failed too.
            let checking = (keys.len() > SAVE_SLICE).then(|| scope.spawn(check));
            if checking.is_none() {
                check()?;
            }
            let mut wrote = Ok(());
            for slice in keys.chunks(SAVE_SLICE) {
                // A test's fault lands on the change it counted to.
                let shared = &batch;
                let prepared: Vec<_> = if fault::is_installed() {
                    slice
                        .iter()
                        .map(|key| self.prepare(project, key, shared, &folders))
                        .collect()
                } else {
                    parallel::map(slice, |key| self.prepare(project, key, shared, &folders))
                };
                // Every temporary file written goes into the batch, which
                // removes them all if the save stops; the first problem in
                // key order is reported, as one thread would.
                let mut problem = None;
                for result in prepared {
                    match result {
                        Ok(Some((key, print, prepared))) => {
                            batch.push(prepared);
                            plan.push((key, print));
                        }
                        Ok(None) => {}
                        Err(err) => {
                            problem.get_or_insert(err);
                        }
                    }
                }
                if let Some(err) = problem {
                    wrote = Err(err);
                    break;
                }
            }
            let checked = checking.map_or(Ok(()), |checking| {
                checking
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            });
            checked.and(wrote)
        });
        written?;
        batch.finish()?;
        Ok(plan)
    }

    /// One file of `write_changed`, from its content to its temporary file:
    /// rendered, compared with what margin last read or wrote, read back
    /// from disk to see that nothing changed it there, then written beside
    /// it into `batch`. None when it is unchanged.
    fn prepare<'s>(
        &'s self,
        project: &Project,
        key: &FileKey,
        batch: &txn::Batch<'s>,
        folders: &CheckedFolders,
    ) -> Result<Option<Prepared<'s>>, StoreError> {
        let known = self.fingerprints.get(key).copied();
        let content = self.render(project, key);
        let print = content.as_deref().map(|c| fingerprint(c.as_bytes()));
        if print == known {
            return Ok(None);
        }
        self.check_unchanged_on_disk(key, known, folders)?;
        let rel = key.rel_path();
        let change = match content {
            Some(text) => txn::Change::Write {
                rel,
                content: text.into_bytes(),
            },
            None => txn::Change::Remove { rel },
        };
        Ok(Some((key.clone(), print, batch.prepare(&change)?)))
    }

    /// Is the file on disk still what margin last read or wrote?
    fn check_unchanged_on_disk(
        &self,
        key: &FileKey,
        expected: Option<u64>,
        folders: &CheckedFolders,
    ) -> Result<(), StoreError> {
        let path = self.path_of(key);
        let on_disk = match folders.read(&self.root, &key.rel_path()) {
            Ok(bytes) => Some(fingerprint(&bytes)),
            Err(e) if e.is_not_found() => None,
            Err(paths::Refusal::Io(e)) => return Err(StoreError::io(&path, e)),
            Err(other) => {
                return Err(StoreError::Invalid(vec![Problem::whole_file(
                    key.rel_path(),
                    other.to_string(),
                )]));
            }
        };
        if on_disk == expected {
            Ok(())
        } else {
            Err(StoreError::ChangedOnDisk(path))
        }
    }
}

/// How many files a save prepares at once, on every core (rendered, read
/// back, their temporary files written): enough to keep the cores busy,
/// few enough that a problem stops a merge of thousands of files early.
const SAVE_SLICE: usize = 128;

/// A file `save_keys` writes or removes: its key, its new fingerprint
/// (None: removed), and its change prepared in the batch.
type Prepared<'r> = (FileKey, Option<u64>, txn::Prepared<'r>);

/// Up to how many documents an edit of codings is checked document by
/// document before saving (see `check_nothing_changed`).
const FEW_DOCUMENTS: usize = 8;

/// The documents of an edit made only of coding changes (and the manifest
/// listing a new coder); None for any other edit, which may depend on
/// every file.
fn coding_edit_documents(edit: &Edit) -> Option<BTreeSet<crate::model::DocId>> {
    fn walk(edit: &Edit, docs: &mut BTreeSet<crate::model::DocId>) -> bool {
        match edit {
            Edit::AddCoding { doc, .. }
            | Edit::RemoveCoding { doc, .. }
            | Edit::ChangeCoding { doc, .. }
            | Edit::AddCodings { doc, .. }
            | Edit::RemoveCodings { doc, .. } => {
                docs.insert(doc.clone());
                true
            }
            Edit::SetManifest { .. } => true,
            Edit::Batch { edits, .. } => edits.iter().all(|e| walk(e, docs)),
            _ => false,
        }
    }
    let mut docs = BTreeSet::new();
    walk(edit, &mut docs).then_some(docs)
}

/// Finishes a save another margin was killed in, when the project is free;
/// when another margin holds the lock and its save is under way, waits a
/// moment for it to finish.
fn finish_interrupted_save(root: &Path) -> Result<(), StoreError> {
    match ProjectLock::try_acquire(root) {
        Ok(_lock) => {
            txn::recover(root)?;
            Ok(())
        }
        Err(StoreError::Locked { holder, .. }) => {
            let deadline = std::time::Instant::now() + LOCK_WAIT;
            while txn::has_record(root) {
                if std::time::Instant::now() >= deadline {
                    return Err(StoreError::SaveUnderWay {
                        dir: root.to_path_buf(),
                        holder,
                    });
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            Ok(())
        }
        // A project on a read-only disk, say: leftover temporary files are
        // hidden and harmless, but half a save must not be read.
        Err(err) if txn::has_record(root) => Err(err),
        Err(_) => Ok(()),
    }
}
