//! Opening a project for the workbench, classified in one load: it opens, or
//! only merge conflicts stop it (the resolver can fix that), or it is refused
//! with the store's precise problems. Before, the workbench loaded a project
//! up to three times to tell these apart.
//!
//! Whether a project that opens is read-only (`margin check` finds problems)
//! is decided by `Session::check` once the workbench has re-anchored changed
//! transcripts: re-anchoring is itself an edit that settles one such problem.

use super::Session;
use crate::merge::conflicts::{self, ConflictedFile};
use crate::model::Project;
use crate::store::{ProjectLock, Store, StoreError};
use std::path::Path;

/// What opening a project for the workbench found.
#[derive(Debug)]
pub enum Opened {
    /// The project loaded; the session holds the project lock.
    Ready(Box<(Project, Session)>),
    /// Only unresolved merge conflicts stop the project from loading: each
    /// file with its blocks, for the resolver. The lock is still held.
    OnlyConflicts {
        files: Vec<ConflictedFile>,
        lock: ProjectLock,
    },
    /// Anything else: the lock is held by another margin, a file does not
    /// parse, the folder is no project. Nothing was changed.
    Refused(StoreError),
}

impl Session {
    /// Opens the project in `dir` for a long session (the workbench): takes
    /// the project lock without waiting (a second workbench must not wait
    /// for the first to close), finishes a save a killed margin left half
    /// done, then reads every file once.
    pub fn open_workbench(dir: &Path) -> Opened {
        let lock = match ProjectLock::acquire(dir) {
            Ok(lock) => lock,
            Err(err) => return Opened::Refused(err),
        };
        Session::open_locked(dir, lock)
    }

    /// Opens the project in `dir` under a lock already taken (after the
    /// resolver wrote its decisions, say).
    pub fn open_locked(dir: &Path, lock: ProjectLock) -> Opened {
        if let Err(err) = crate::store::txn::recover(dir) {
            return Opened::Refused(err);
        }
        match Store::open(dir) {
            Ok((project, store)) => {
                let mut session = Session::with_store(store);
                session.lock = Some(lock);
                Opened::Ready(Box::new((project, session)))
            }
            Err(StoreError::Invalid(problems)) if conflicts::only_conflicts(&problems) => {
                match conflicts::find(dir) {
                    Ok(files) if !files.is_empty() => Opened::OnlyConflicts { files, lock },
                    // The loader saw markers the scan does not (a file
                    // changed in between): the store's own words stand.
                    Ok(_) => Opened::Refused(StoreError::Invalid(problems)),
                    Err(e) => Opened::Refused(StoreError::io(dir, e)),
                }
            }
            Err(err) => Opened::Refused(err),
        }
    }
}
