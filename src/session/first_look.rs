//! The workbench's first screen without waiting for the whole project: one
//! document is read alone (with the codebook, themes and journal) and shown
//! at once, while a background thread reads everything under the project
//! lock and works out what opening finds (journal decisions to follow,
//! transcripts to re-anchor, `margin check`'s problems, the code counts).
//! The first screen waits for a few files, not for a thousand.
//!
//! Whenever the quick read might say less than the whole one would (a save
//! to finish, a merge under way, a problem in the files read), the whole
//! project is read before the screen, as `Session::open_workbench` does.

use super::{Opened, Session};
use crate::analysis::usage::UsageCounts;
use crate::anchor::{self, Reanchored};
use crate::model::{DocId, Project};
use crate::refactor::follow::{self, Followed};
use crate::refactor::split_notice::{self, SplitNotice};
use crate::store::{ProjectLock, Store};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

/// What the workbench can show first.
#[derive(Debug)]
pub enum FirstLook {
    /// One document read alone (`project` holds it, the codebook, themes and
    /// journal; no memos, no other document): shown while `loading` reads
    /// the rest. Nothing may be changed until it is loaded.
    Partial {
        project: Box<Project>,
        loading: Loading,
    },
    /// Read in full before the screen, classified as `open_workbench` does.
    Whole(Opened),
}

/// The whole project being read in the background.
#[derive(Debug)]
pub struct Loading {
    arrived: Receiver<Loaded>,
    /// The project folder being read.
    pub root: PathBuf,
    /// How many documents are being read (for the status line).
    pub documents: usize,
    pub started: Instant,
}

/// What the background read found.
#[derive(Debug)]
pub struct Loaded {
    pub opened: Opened,
    /// For a project that opened: what opening it finds.
    pub arrival: Option<Arrival>,
    /// How long the read and the look took.
    pub took: Duration,
}

/// What a freshly read project asks of the workbench: codings to follow the
/// journal, transcripts to re-anchor, split notices, its code counts and
/// `margin check`'s problems — each worked out on the project as read.
#[derive(Debug)]
pub struct Arrival {
    pub followed: Followed,
    /// Re-anchoring of transcripts corrected behind the workbench's back.
    pub reanchor: Option<Reanchored>,
    pub split_notices: Vec<SplitNotice>,
    pub counts: UsageCounts,
    /// `margin check`'s problems (see `Session::check`).
    pub problems: Vec<String>,
}

impl Arrival {
    /// Works out what opening `project` finds, as read from `root` with the
    /// stored excerpts the load kept (`evidence`, so check reads no codings
    /// file again). Keeps a copy of each transcript as its codings see it
    /// when nothing is to be re-anchored, as the workbench does on open.
    pub fn gather(
        root: &Path,
        project: &Project,
        evidence: Option<&crate::store::files::Evidence>,
    ) -> Arrival {
        let followed = follow::follow(project);
        let reanchor = anchor::sources::plan_from_disk(root, project);
        if reanchor.is_none() {
            anchor::sources::keep_copies(root, project);
        }
        Arrival {
            followed,
            reanchor,
            split_notices: split_notice::beside_splits(root, project),
            counts: UsageCounts::new(project),
            problems: super::check_problems_with(root, project, evidence),
        }
    }
}

impl Session {
    /// Opens the project in `dir` for the workbench, showing `wanted` (the
    /// document the analyst left off at) or else the first document as soon
    /// as it is read: takes the project lock without waiting, then reads
    /// that document alone and starts reading the rest in the background.
    pub fn first_look(dir: &Path, wanted: Option<&DocId>) -> FirstLook {
        let lock = match ProjectLock::acquire(dir) {
            Ok(lock) => lock,
            Err(err) => return FirstLook::Whole(Opened::Refused(err)),
        };
        // A save to finish, or conflicts to resolve: the whole read decides.
        if crate::store::txn::has_record(dir) || crate::store::git::merge_in_progress(dir) {
            return FirstLook::Whole(Session::open_locked(dir, lock));
        }
        let docs = crate::store::document_ids(dir).unwrap_or_default();
        let Some(doc) = first_document(&docs, wanted) else {
            return FirstLook::Whole(Session::open_locked(dir, lock));
        };
        match Store::open_part(dir, &BTreeSet::from([doc])) {
            Ok((project, _)) => {
                let documents = docs.len();
                FirstLook::Partial {
                    project: Box::new(project),
                    loading: Loading::start(dir.to_path_buf(), lock, documents),
                }
            }
            // The whole read names the problem (or finds only conflicts).
            Err(_) => FirstLook::Whole(Session::open_locked(dir, lock)),
        }
    }
}

/// `wanted` when the project has it, else its first document by id.
fn first_document(docs: &[DocId], wanted: Option<&DocId>) -> Option<DocId> {
    match wanted.filter(|w| docs.contains(w)) {
        Some(wanted) => Some(wanted.clone()),
        None => docs.iter().min().cloned(),
    }
}

impl Loading {
    /// Reads the project in `dir` under `lock` on a thread of its own.
    pub fn start(dir: PathBuf, lock: ProjectLock, documents: usize) -> Loading {
        let (send, arrived) = channel();
        let started = Instant::now();
        let root = dir.clone();
        std::thread::spawn(move || {
            let opened = Session::open_locked(&dir, lock);
            let arrival = match &opened {
                Opened::Ready(ready) => {
                    let (project, session) = &**ready;
                    let evidence = session.store().map(|s| s.evidence());
                    Some(Arrival::gather(&dir, project, evidence))
                }
                _ => None,
            };
            // The workbench may have closed meanwhile: nobody to tell.
            let _ = send.send(Loaded {
                opened,
                arrival,
                took: started.elapsed(),
            });
        });
        Loading {
            arrived,
            root,
            documents,
            started,
        }
    }

    /// The read, if it is done.
    pub fn try_take(&self) -> Option<Loaded> {
        match self.arrived.try_recv() {
            Ok(loaded) => Some(loaded),
            Err(TryRecvError::Empty) => None,
            // The thread died without a word (it panicked): say so as a
            // refusal rather than wait for ever.
            Err(TryRecvError::Disconnected) => Some(Loaded {
                opened: Opened::Refused(crate::store::StoreError::io(
                    &self.root,
                    std::io::Error::other("reading the project stopped unexpectedly"),
                )),
                arrival: None,
                took: self.started.elapsed(),
            }),
        }
    }
}
