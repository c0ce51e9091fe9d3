//! All-or-nothing saves. An edit may change several files (a code merge
//! rewrites the codebook, the themes, the journal and many codings files);
//! a kill or an I/O error between two of them must not leave half an edit.
//!
//! 1. every new content is written to a temporary file beside its target;
//!    then, in one pass, every temporary file and its folder are synced
//!    (many at once: syncs that wait together share the disk's journal
//!    commits; a save of thousands starts syncing in the background as it
//!    writes, so that pass finds most of the writing done); a failure here
//!    removes them: the project is as before;
//! 2. an intent record (`.margin-txn.ron`, gitignored) lists the renames and
//!    removals, written atomically: from here on the edit will happen;
//! 3. the renames and removals are done, the folders synced;
//! 4. the record is removed.
//!
//! The next writer to open the project (or `margin check --repair`) finds a
//! record and finishes it (rolls forward), or finds only temporary files and
//! removes them (the edit never happened). Either way the project is as it
//! was before or after the edit. A save of one file needs no record: one
//! rename is atomic by itself.

use super::atomic::{new_temp_beside, new_temp_replacing};
use super::durable;
use super::error::{Problem, StoreError};
use super::fault;
use super::files;
use super::paths::{self, CheckedFolders, Refusal};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The intent record's name in the project folder.
pub const RECORD: &str = ".margin-txn.ron";

/// One change a save makes, by path relative to the project root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Write { rel: String, content: Vec<u8> },
    Remove { rel: String },
}

impl Change {
    fn rel(&self) -> &str {
        match self {
            Change::Write { rel, .. } | Change::Remove { rel } => rel,
        }
    }
}

/// A step of the intent record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
enum Step {
    Replace { tmp: String, target: String },
    Remove { target: String },
}

/// What `recover` found and did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Recovered {
    /// Files an interrupted save had still to put in place, now in place.
    pub finished: Vec<String>,
    /// Temporary files of a save that never got to its record, removed.
    pub cleaned: Vec<String>,
}

impl Recovered {
    pub fn is_empty(&self) -> bool {
        self.finished.is_empty() && self.cleaned.is_empty()
    }
}

fn refused(rel: &str, why: Refusal) -> StoreError {
    match why {
        Refusal::Io(e) => StoreError::io(rel, e),
        other => StoreError::Invalid(vec![Problem::whole_file(rel, other.to_string())]),
    }
}

/// Makes every change or none. The caller holds the project lock.
pub fn commit(root: &Path, changes: &[Change]) -> Result<(), StoreError> {
    let mut batch = Batch::begin(root)?;
    // Every target is checked before anything is written.
    for change in changes {
        check_target_of(root, change.rel())?;
    }
    for change in changes {
        batch.add(change)?;
    }
    batch.finish()
}

fn check_target_of(root: &Path, rel: &str) -> Result<(), StoreError> {
    let path = paths::inside(root, rel).map_err(|e| refused(rel, e))?;
    paths::check_target(&path)
        .map(|_| ())
        .map_err(|e| refused(rel, e))
}

/// An all-or-nothing save in the making, for a caller that produces its
/// changes one by one (a merge renders thousands of files): each change's
/// temporary file is written as it is added, so its content need not be
/// held until the end; `finish` then makes them all happen. A batch
/// dropped unfinished (an error while producing the changes) removes its
/// temporary files: nothing changed.
pub struct Batch<'r> {
    root: &'r Path,
    steps: Vec<Step>,
    /// An early sync of what is written so far (see `EARLY_SYNC_EVERY`).
    early_sync: Option<std::thread::JoinHandle<()>>,
    /// The folders on the way to the batch's files, checked once each.
    folders: CheckedFolders,
}

/// Every how many temporary files a batch starts syncing, in the
/// background, what it has written so far: the one sync that makes the
/// batch durable then finds most of the writing done, instead of starting
/// it after the last file (a merge of 2,451 files waited 80 ms for it).
const EARLY_SYNC_EVERY: usize = 128;

impl<'r> Batch<'r> {
    /// Starts a save. A record left by an earlier save of this process that
    /// could not finish is finished first, or it would later undo this one.
    pub fn begin(root: &'r Path) -> Result<Self, StoreError> {
        if record_exists(root) {
            recover(root)?;
        }
        Ok(Batch {
            root,
            steps: Vec::new(),
            early_sync: None,
            folders: CheckedFolders::default(),
        })
    }

    /// Adds one change: its target is checked and, for a write, its
    /// temporary file written (synced later, with the others). On an error
    /// every temporary file of the batch is removed.
    pub fn add(&mut self, change: &Change) -> Result<(), StoreError> {
        match self.prepare(change) {
            Ok(prepared) => {
                self.push(prepared);
                Ok(())
            }
            Err(err) => {
                discard(self.root, &std::mem::take(&mut self.steps));
                Err(err)
            }
        }
    }

    /// What `add` does before adding, for a caller that prepares many
    /// changes at once on several threads: the target checked and, for a
    /// write, the temporary file written. `push` then adds it; a prepared
    /// change dropped instead removes its temporary file.
    pub fn prepare(&self, change: &Change) -> Result<Prepared<'r>, StoreError> {
        let rel = change.rel();
        let (existing, target) = self
            .folders
            .inside(self.root, rel)
            .and_then(|target| Ok((paths::check_target(&target)?, target)))
            .map_err(|e| refused(rel, e))?;
        let step = match change {
            Change::Write { content, .. } => {
                let beside = (target.as_path(), existing.as_ref());
                let tmp = write_temp_unsynced(self.root, rel, beside, &self.folders, content)?;
                Step::Replace {
                    tmp,
                    target: rel.to_string(),
                }
            }
            Change::Remove { .. } => Step::Remove {
                target: rel.to_string(),
            },
        };
        Ok(Prepared {
            root: self.root,
            step: Some(step),
        })
    }

    /// Adds a prepared change; from here the batch makes it happen, or
    /// removes its temporary file.
    pub fn push(&mut self, mut prepared: Prepared<'_>) {
        let Some(step) = prepared.step.take() else {
            return;
        };
        self.steps.push(step);
        if self.steps.len().is_multiple_of(EARLY_SYNC_EVERY)
            && self.early_sync.as_ref().is_none_or(|s| s.is_finished())
        {
            self.early_sync = durable::start_syncing(self.root);
        }
    }

    /// Makes every change added, or none. One change needs no record: one
    /// rename is atomic by itself.
    pub fn finish(mut self) -> Result<(), StoreError> {
        self.wait_for_early_sync();
        let steps = std::mem::take(&mut self.steps);
        match steps.as_slice() {
            [] => Ok(()),
            [only] => finish_one(self.root, only, &self.folders),
            _ => finish_many(self.root, &steps, &self.folders),
        }
    }

    fn wait_for_early_sync(&mut self) {
        if let Some(sync) = self.early_sync.take() {
            let _ = sync.join();
        }
    }
}

impl Drop for Batch<'_> {
    fn drop(&mut self) {
        self.wait_for_early_sync();
        discard(self.root, &self.steps);
    }
}

/// A change whose temporary file is written, on its way into a batch
/// (`Batch::prepare`, `Batch::push`). Dropped without being pushed, it
/// removes its temporary file.
pub struct Prepared<'r> {
    root: &'r Path,
    step: Option<Step>,
}

impl Drop for Prepared<'_> {
    fn drop(&mut self) {
        if let Some(step) = self.step.take() {
            discard(self.root, &[step]);
        }
    }
}

/// One file: its temporary file synced, then one rename.
fn finish_one(root: &Path, step: &Step, folders: &CheckedFolders) -> Result<(), StoreError> {
    // As a temporary file written and synced at once: the folder is synced
    // after the rename, by `apply`.
    if let Step::Replace { tmp, .. } = step
        && let Err(err) = durable::file(root, tmp)
    {
        discard(root, std::slice::from_ref(step));
        return Err(err);
    }
    apply(root, std::slice::from_ref(step), folders).inspect_err(|_| {
        discard(root, std::slice::from_ref(step));
    })
}

/// Several files: every temporary file synced, the intent record, the
/// renames and removals, the record removed.
fn finish_many(root: &Path, steps: &[Step], folders: &CheckedFolders) -> Result<(), StoreError> {
    if let Err(err) = sync_temps(root, steps) {
        discard(root, steps);
        return Err(err);
    }
    if let Err(err) = write_record(root, steps) {
        discard(root, steps);
        return Err(err);
    }
    if let Err(err) = apply(root, steps, folders) {
        // An I/O error part-way: finish from the record if the disk lets us
        // now; otherwise the record stays, and the next open finishes it.
        return match recover(root) {
            Ok(_) => Ok(()),
            Err(_) => Err(err),
        };
    }
    remove_record(root)
}

/// Writes and syncs a temporary file beside `rel`; returns its relative path.
fn write_temp(root: &Path, rel: &str, content: &[u8]) -> Result<String, StoreError> {
    let target = paths::inside(root, rel).map_err(|e| refused(rel, e))?;
    let io = |e| StoreError::io(rel, e);
    fault::point(&format!("write {rel}")).map_err(io)?;
    fs::create_dir_all(target.parent().unwrap_or(root)).map_err(io)?;
    let tmp = new_temp_beside(&target).map_err(io)?;
    keep_temp(rel, tmp, content, true)
}

/// Writes a temporary file beside `rel` without waiting for the disk: the
/// caller syncs it (`sync_temps`) before any record names it. `beside` is
/// the target's checked path and what stands there, if anything; returns
/// the temporary file's path relative to the root.
fn write_temp_unsynced(
    root: &Path,
    rel: &str,
    (target, existing): (&Path, Option<&fs::Metadata>),
    folders: &CheckedFolders,
    content: &[u8],
) -> Result<String, StoreError> {
    let io = |e| StoreError::io(rel, e);
    fault::point(&format!("write {rel}")).map_err(io)?;
    let dir = target.parent().unwrap_or(root);
    if !folders.holds(dir) {
        fs::create_dir_all(dir).map_err(io)?;
    }
    let tmp = new_temp_replacing(target, existing).map_err(io)?;
    keep_temp(rel, tmp, content, false)
}

/// Fills a temporary file made for `rel` and keeps it; returns its path
/// relative to the root.
fn keep_temp(
    rel: &str,
    mut tmp: tempfile::NamedTempFile,
    content: &[u8],
    sync: bool,
) -> Result<String, StoreError> {
    let io = |e| StoreError::io(rel, e);
    tmp.write_all(content).map_err(io)?;
    if sync {
        tmp.as_file().sync_all().map_err(io)?;
    }
    let kept = tmp.into_temp_path().keep().map_err(|e| io(e.error))?;
    let name = kept
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string();
    Ok(match rel.rsplit_once('/') {
        Some((folder, _)) => format!("{folder}/{name}"),
        None => name,
    })
}

/// Makes the temporary files of `steps` durable, with the folders that
/// name them, before the record that names them is written.
fn sync_temps(root: &Path, steps: &[Step]) -> Result<(), StoreError> {
    let temps: Vec<&str> = steps
        .iter()
        .filter_map(|step| match step {
            Step::Replace { tmp, .. } => Some(tmp.as_str()),
            Step::Remove { .. } => None,
        })
        .collect();
    durable::files_and_folders(root, &temps)
}

fn record_path(root: &Path) -> PathBuf {
    root.join(RECORD)
}

fn record_exists(root: &Path) -> bool {
    fs::symlink_metadata(record_path(root)).is_ok()
}

/// Is a save of this project unfinished (a record, or temporary files)?
pub fn pending(root: &Path) -> bool {
    record_exists(root) || !stale_temps(root).is_empty()
}

/// Is there an intent record (a save that must be finished before reading)?
pub fn has_record(root: &Path) -> bool {
    record_exists(root)
}

fn write_record(root: &Path, steps: &[Step]) -> Result<(), StoreError> {
    let text = files::one_per_line(steps);
    let tmp = write_temp(root, RECORD, text.as_bytes())?;
    let io = |e| StoreError::io(RECORD, e);
    let done = fault::point("rename the intent record")
        .and_then(|()| fs::rename(root.join(&tmp), record_path(root)));
    if let Err(e) = done {
        let _ =
            fault::point("remove a temporary file").and_then(|()| fs::remove_file(root.join(&tmp)));
        return Err(io(e));
    }
    durable::folder(root);
    Ok(())
}

fn remove_record(root: &Path) -> Result<(), StoreError> {
    fault::point("remove the intent record")
        .and_then(|()| fs::remove_file(record_path(root)))
        .map_err(|e| StoreError::io(RECORD, e))?;
    durable::folder(root);
    Ok(())
}

/// Does the renames and removals; done again after a crash, each step is
/// harmless (a temporary file already renamed is simply gone). The steps
/// are independent files, so they are done many at once: a rename that
/// replaces a file frees the old one's blocks, which on some disks waits
/// for the device; the record makes the order of no matter.
fn apply(root: &Path, steps: &[Step], folders: &CheckedFolders) -> Result<(), StoreError> {
    // A few steps are done in order on this thread, as quick items are
    // (`parallel::QUICK_ITEMS_ON_THREADS_FROM`): what a test that kills
    // margin at its Nth rename counts, as `strace` counts per thread.
    let few = steps.len() < super::parallel::QUICK_ITEMS_ON_THREADS_FROM;
    let done: Vec<_> = if fault::is_installed() || few {
        steps
            .iter()
            .map(|step| apply_step(root, step, folders))
            .collect()
    } else {
        super::parallel::map_io(steps, |step| apply_step(root, step, folders))
    };
    let mut folders = BTreeSet::new();
    for folder in done {
        folders.extend(folder?);
    }
    durable::folders(root, &folders);
    Ok(())
}

/// One step of `apply`; the folder whose entries it changed, if it did.
fn apply_step(
    root: &Path,
    step: &Step,
    folders: &CheckedFolders,
) -> Result<Option<PathBuf>, StoreError> {
    match step {
        Step::Replace { tmp, target } => {
            let from = folders.inside(root, tmp).map_err(|e| refused(tmp, e))?;
            let to = folders
                .inside(root, target)
                .map_err(|e| refused(target, e))?;
            if fs::symlink_metadata(&from).is_err() {
                return Ok(None);
            }
            paths::check_target(&to).map_err(|e| refused(target, e))?;
            fault::point(&format!("rename {target}"))
                .and_then(|()| fs::rename(&from, &to))
                .map_err(|e| StoreError::io(target, e))?;
            Ok(Some(to.parent().unwrap_or(root).to_path_buf()))
        }
        Step::Remove { target } => {
            let path = folders
                .inside(root, target)
                .map_err(|e| refused(target, e))?;
            paths::check_target(&path).map_err(|e| refused(target, e))?;
            match fs::symlink_metadata(&path) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
                _ => {}
            }
            fault::point(&format!("remove {target}"))
                .and_then(|()| fs::remove_file(&path))
                .map_err(|e| StoreError::io(target, e))?;
            let Some(folder) = path.parent() else {
                return Ok(None);
            };
            // Fails harmlessly when the folder still holds something.
            if folder != root {
                let _ = fs::remove_dir(folder);
            }
            Ok(Some(folder.parent().unwrap_or(root).to_path_buf()))
        }
    }
}

/// Removes the temporary files of steps that will not happen.
fn discard(root: &Path, steps: &[Step]) {
    for step in steps {
        if let Step::Replace { tmp, .. } = step {
            let _ = fault::point("remove a temporary file")
                .and_then(|()| fs::remove_file(root.join(tmp)));
        }
    }
}

/// Finishes an interrupted save (from its record) and removes temporary
/// files no record names. The caller holds the project lock.
pub fn recover(root: &Path) -> Result<Recovered, StoreError> {
    let mut out = Recovered::default();
    if record_exists(root) {
        let bytes = paths::read(root, RECORD).map_err(|e| refused(RECORD, e))?;
        let text = String::from_utf8_lossy(&bytes);
        let steps: Vec<Step> = files::parse(&text).map_err(|e| {
            let mut problem = super::ron_problem(RECORD, &e);
            problem.message = format!(
                "the record of an interrupted save is damaged ({}); look at the files it names, then delete it",
                problem.message
            );
            StoreError::Invalid(vec![problem])
        })?;
        for step in &steps {
            if let Step::Replace { tmp, target } = step
                && fs::symlink_metadata(root.join(tmp)).is_ok()
            {
                out.finished.push(target.clone());
            }
            if let Step::Remove { target } = step
                && fs::symlink_metadata(root.join(target)).is_ok()
            {
                out.finished.push(target.clone());
            }
        }
        apply(root, &steps, &CheckedFolders::default())?;
        remove_record(root)?;
    }
    for tmp in stale_temps(root) {
        fault::point("remove a temporary file")
            .and_then(|()| fs::remove_file(root.join(&tmp)))
            .map_err(|e| StoreError::io(&tmp, e))?;
        out.cleaned.push(tmp);
    }
    Ok(out)
}

/// The temporary files margin's writers leave when killed, in the folders
/// margin writes to (links are not followed).
fn stale_temps(root: &Path) -> Vec<String> {
    let mut folders: Vec<String> = vec![
        String::new(),
        files::DOCUMENTS_DIR.to_string(),
        files::MEMOS_DIR.to_string(),
    ];
    for sub in ["documents", "codes", "themes"] {
        folders.push(format!("{}/{sub}", files::MEMOS_DIR));
    }
    if let Ok(read) = fs::read_dir(root.join(files::CODINGS_DIR)) {
        folders.push(files::CODINGS_DIR.to_string());
        for entry in read.filter_map(Result::ok) {
            if entry.file_type().is_ok_and(|t| t.is_dir())
                && let Ok(name) = entry.file_name().into_string()
            {
                folders.push(format!("{}/{name}", files::CODINGS_DIR));
            }
        }
    }
    // A thousand folders of codings: listed on every core.
    let listed = super::parallel::map(&folders, |folder| {
        let dir = if folder.is_empty() {
            root.to_path_buf()
        } else {
            root.join(folder)
        };
        let mut found = Vec::new();
        if fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink()) {
            return found;
        }
        let Ok(read) = fs::read_dir(&dir) else {
            return found;
        };
        for entry in read.filter_map(Result::ok) {
            let Ok(name) = entry.file_name().into_string() else {
                continue;
            };
            if name.starts_with(".margin-")
                && name.ends_with(".tmp")
                && entry.file_type().is_ok_and(|t| t.is_file())
            {
                found.push(if folder.is_empty() {
                    name
                } else {
                    format!("{folder}/{name}")
                });
            }
        }
        found
    });
    let mut found: Vec<String> = listed.into_iter().flatten().collect();
    found.sort();
    found
}
