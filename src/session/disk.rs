//! The session and files changed on disk behind it (a `git pull`, a
//! checkout, an editor, another margin): notice, reload, re-apply the
//! unsaved edits on a fresh read, or write them over the disk after the
//! analyst chose so. A project that no longer loads is never swapped in: the
//! caller keeps the last good one, and edits are refused until it loads.

use super::Session;
use crate::edit::{Edit, History};
use crate::model::Project;
use crate::store::{Changes, FileKey, SaveReport, Stamps, Store, StoreError, files};
use std::collections::BTreeSet;

/// The project on disk failed to load: the problem, and the disk as it was
/// then, so the load is only retried once the files change again.
#[derive(Clone, Debug)]
pub struct Broken {
    pub problem: String,
    scan: Stamps,
}

/// What a look at the disk found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OnDisk {
    /// Nothing changed since the session read or wrote the files.
    Same,
    /// The files that did not load are back as they were read: edits are
    /// allowed again, nothing to reload.
    LoadsAgain,
    /// Still the same files that did not load: nothing to try.
    StillBroken,
    /// Files changed: the disk as it is now.
    Changed(Stamps),
}

/// A project read again from disk.
#[derive(Debug)]
pub struct Reloaded {
    pub project: Project,
    /// What had changed on disk (empty: a reload asked for by hand); when
    /// anything had, the undo history was cleared, as its steps were
    /// computed against the old files.
    pub changes: Changes,
}

/// A project read again with the unsaved edits re-applied on top.
#[derive(Debug)]
pub struct Reapplied {
    pub reloaded: Reloaded,
    /// How many unsaved edits there were, and how many applied again.
    pub total: usize,
    pub applied: usize,
    /// Each edit that no longer applies: its description and why not.
    pub dropped: Vec<(String, String)>,
    /// Why a re-applied edit could not be saved (it stays unsaved).
    pub save_error: Option<String>,
}

impl Session {
    /// Looks at the files' metadata (nothing is read) and says what changed.
    pub fn look(&mut self) -> OnDisk {
        let Some(store) = &self.store else {
            return OnDisk::Same;
        };
        let scan = store.scan_disk();
        self.judge(scan)
    }

    /// `look` with a scan made elsewhere (the workbench's watcher thread
    /// scans off the event loop, so a key never waits for the disk). Such a
    /// scan may predate a save of the session's own (made while it was taken,
    /// or since): a change it shows is confirmed by a scan made now.
    pub fn look_at(&mut self, scan: Stamps) -> OnDisk {
        match self.judge(scan) {
            OnDisk::Changed(_) => self.look(),
            seen => seen,
        }
    }

    /// What `scan` says of the disk against what the session last read or
    /// wrote.
    fn judge(&mut self, scan: Stamps) -> OnDisk {
        let Some(store) = &self.store else {
            return OnDisk::Same;
        };
        if scan.changes_since(store.stamps()).is_empty() {
            return if self.broken.take().is_some() {
                OnDisk::LoadsAgain
            } else {
                OnDisk::Same
            };
        }
        if self.broken.as_ref().is_some_and(|b| b.scan == scan) {
            return OnDisk::StillBroken;
        }
        OnDisk::Changed(scan)
    }

    /// The disk as it is now, and the files changed since the session read
    /// or wrote them.
    pub fn disk_changes(&self) -> Option<(Stamps, Changes)> {
        let store = self.store.as_ref()?;
        let scan = store.scan_disk();
        let changes = scan.changes_since(store.stamps());
        Some((scan, changes))
    }

    /// The files the unsaved edits would write.
    pub fn unsaved_files(&self) -> Vec<String> {
        touched(&self.unsaved)
            .iter()
            .map(FileKey::rel_path)
            .collect()
    }

    /// Reads the project again. On failure the session is marked broken
    /// (edits refused) and the problem, first of its list, is returned: the
    /// caller keeps showing the last good project.
    pub fn reload(&mut self) -> Result<Reloaded, String> {
        let (scan, changes, fresh) = self.read_again()?;
        let (project, store) = match fresh {
            Ok(opened) => opened,
            Err(err) => return Err(self.mark_broken(&err, scan)),
        };
        self.install(store, !changes.is_empty());
        Ok(Reloaded { project, changes })
    }

    /// Reads the project again and re-applies the unsaved edits on top, in
    /// order, saving each that still fits; those that no longer apply are
    /// named, never dropped silently.
    pub fn reapply(&mut self) -> Result<Reapplied, String> {
        let (scan, changes, fresh) = self.read_again()?;
        let (mut project, mut store) = match fresh {
            Ok(opened) => opened,
            Err(err) => return Err(self.mark_broken(&err, scan)),
        };
        let edits = std::mem::take(&mut self.unsaved);
        let total = edits.len();
        let outcome = crate::store::reapply(&mut project, edits);
        let mut save_error = None;
        for edit in &outcome.applied {
            if let Err(err) = store.save_edit(&project, edit) {
                self.unsaved.push(edit.clone());
                save_error = Some(err.to_string());
            }
        }
        self.install(store, true);
        Ok(Reapplied {
            reloaded: Reloaded { project, changes },
            total,
            applied: outcome.applied.len(),
            dropped: outcome.dropped,
            save_error,
        })
    }

    /// Writes the unsaved edits' files from `project` over what is on disk
    /// there (the analyst confirmed "keep mine and overwrite"). On failure
    /// the edits stay unsaved.
    pub fn overwrite(&mut self, project: &Project) -> Result<SaveReport, StoreError> {
        let Some(store) = self.store.as_mut() else {
            return Ok(SaveReport::default());
        };
        let edits = std::mem::take(&mut self.unsaved);
        match store.overwrite_keys(project, &touched(&edits)) {
            Ok(report) => Ok(report),
            Err(err) => {
                self.unsaved = edits;
                Err(err)
            }
        }
    }

    /// Whether files other than those just written changed on disk.
    pub fn more_changed(&self) -> bool {
        self.store
            .as_ref()
            .is_some_and(|s| !s.changes_on_disk().is_empty())
    }

    #[allow(clippy::type_complexity)]
    fn read_again(
        &self,
    ) -> Result<(Stamps, Changes, Result<(Project, Store), StoreError>), String> {
        let store = self
            .store
            .as_ref()
            .ok_or_else(|| "the project is held in memory only: nothing to reload".to_string())?;
        let scan = store.scan_disk();
        let changes = scan.changes_since(store.stamps());
        Ok((scan, changes, Store::open(store.root())))
    }

    fn install(&mut self, store: Store, clear_history: bool) {
        self.store = Some(store);
        self.broken = None;
        if clear_history {
            self.history = History::new();
        }
    }

    fn mark_broken(&mut self, err: &StoreError, scan: Stamps) -> String {
        let problem = match err {
            StoreError::Invalid(problems) => {
                let first = problems
                    .first()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                match problems.len() {
                    0 | 1 => first,
                    n => format!("{first} (+{} more)", n - 1),
                }
            }
            other => other.to_string(),
        };
        self.broken = Some(Broken {
            problem: problem.clone(),
            scan,
        });
        problem
    }
}

fn touched(edits: &[Edit]) -> BTreeSet<FileKey> {
    edits.iter().flat_map(files::touched_by).collect()
}
