//! One open project and its folder, for both faces: apply an edit as an undo
//! step, persist it, undo, redo, keep what could not be saved for a retry,
//! notice changes on disk, reload, re-apply, overwrite after a choice.
//! Knows files (through the store), never terminals.
//!
//! The project itself is not held here: the face that shows it owns it (the
//! workbench's `App`, a command's local), and hands it to each call. What a
//! session holds is everything that ties that project to its folder.
//!
//! The one way an edit reaches the disk is `Session::apply` (in memory, with
//! its undo step) followed by `Session::persist` (the files it touched, all
//! or none). `Session::commit` is the two in a row, which is all a command
//! needs; the workbench runs the second as an effect of the first, after
//! drawing.

mod disk;
mod first_look;
pub mod message;
mod open;
#[cfg(test)]
mod tests;

pub use disk::{Broken, OnDisk, Reapplied, Reloaded};
pub use first_look::{Arrival, FirstLook, Loaded, Loading};
pub use message::{Message, Tone};
pub use open::Opened;

use crate::edit::{Edit, EditError, History};
use crate::model::Project;
use crate::store::{ProjectLock, SaveReport, Store, StoreError};
use std::path::Path;

/// Why an edit was not applied.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum NotDone {
    /// The project is read-only now: its files on disk do not load, or
    /// `margin check` finds problems. The message says which and what to do.
    #[error("{0}")]
    ReadOnly(String),
    /// The edit does not apply to the project (a code gone, a bad span...).
    #[error("not done: {0}")]
    Refused(#[from] EditError),
}

impl NotDone {
    /// What the analyst is told: the reason, as an error.
    pub fn message(&self) -> Message {
        Message::new(self.to_string(), Tone::Error)
    }
}

/// Why `commit` changed nothing on disk.
#[derive(Debug, thiserror::Error)]
pub enum CommitError {
    #[error(transparent)]
    NotDone(#[from] NotDone),
    /// Applied in memory, but the files could not be written: nothing on
    /// disk changed (saves are all or none).
    #[error("could not save '{description}': {cause}")]
    NotSaved {
        description: String,
        cause: StoreError,
    },
    /// The project lock could not be taken.
    #[error(transparent)]
    Locked(StoreError),
}

/// One undo or redo done: what it was and the edit that did it (to persist).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stepped {
    pub description: String,
    pub edit: Edit,
}

/// An open project's link to its folder.
#[derive(Debug, Default)]
pub struct Session {
    /// None for a project held in memory only (tests, previews): persisting
    /// writes nothing.
    store: Option<Store>,
    /// The project lock for a long session (the workbench), held apart from
    /// the store: a reload replaces the store, never the lock.
    lock: Option<ProjectLock>,
    history: History,
    /// Edits applied in memory whose files could not be written, oldest
    /// first: retried on demand, re-applied after a reload, or written over
    /// the disk after the analyst chose so.
    unsaved: Vec<Edit>,
    /// Set while the files on disk do not load: edits are refused.
    broken: Option<Broken>,
    /// What `margin check` finds wrong with a project that loads: while any,
    /// edits are refused.
    rejected: Vec<String>,
}

/// `Session::persist`, over the session's parts, so that an edit held by
/// the session's own history can be persisted without a copy.
fn persist_into(
    store: Option<&mut Store>,
    unsaved: &mut Vec<Edit>,
    project: &Project,
    edit: &Edit,
) -> Result<SaveReport, StoreError> {
    let Some(store) = store else {
        return Ok(SaveReport::default());
    };
    match store.save_edit(project, edit) {
        Ok(report) => {
            unsaved.retain(|e| e != edit);
            Ok(report)
        }
        Err(err) => {
            if !unsaved.contains(edit) {
                unsaved.push(edit.clone());
            }
            Err(err)
        }
    }
}

impl Session {
    /// A session over a project held in memory only: edits apply and undo,
    /// nothing is written.
    pub fn in_memory() -> Session {
        Session::default()
    }

    /// A session saving into `store`.
    pub fn with_store(store: Store) -> Session {
        Session {
            store: Some(store),
            ..Session::default()
        }
    }

    /// Opens a project to change it from a command: takes the project lock
    /// before reading (waiting up to `LOCK_WAIT`, calling `on_wait` once if
    /// it must), so nothing can change between reading, planning and writing.
    pub fn open_to_write(
        dir: &Path,
        on_wait: impl FnOnce(&StoreError),
    ) -> Result<(Project, Session), StoreError> {
        let (project, store) = Store::open_for_writing(dir, on_wait)?;
        Ok((project, Session::with_store(store)))
    }

    /// `open_to_write` for a refactor that changes no transcript (see
    /// `Store::open_to_refactor`).
    pub fn open_to_refactor(
        dir: &Path,
        on_wait: impl FnOnce(&StoreError),
    ) -> Result<(Project, Session), StoreError> {
        let (project, store) = Store::open_to_refactor(dir, on_wait)?;
        Ok((project, Session::with_store(store)))
    }

    /// `open_to_write` for a command that needs only some documents: the
    /// manifest, codebook, themes and journal, and of the documents only
    /// `docs` with their codings (see `Store::open_part_for_writing`).
    pub fn open_part_to_write(
        dir: &Path,
        docs: &std::collections::BTreeSet<crate::model::DocId>,
        on_wait: impl FnOnce(&StoreError),
    ) -> Result<(Project, Session), StoreError> {
        let (project, store) = Store::open_part_for_writing(dir, docs, on_wait)?;
        Ok((project, Session::with_store(store)))
    }

    /// The project folder, when there is one.
    pub fn root(&self) -> Option<&Path> {
        self.store.as_ref().map(Store::root)
    }

    /// The store, when there is one (for dry runs and listings).
    pub fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }

    /// Replaces the store (a test opening the folder itself, a reload).
    pub fn attach(&mut self, store: Store) {
        self.store = Some(store);
    }

    /// Why edits are refused now, if they are.
    pub fn refusal(&self) -> Option<String> {
        if let Some(b) = &self.broken {
            return Some(format!(
                "not done: the project on disk does not load ({}); fix it (margin resolve for merge conflicts), then ctrl-l",
                b.problem
            ));
        }
        (!self.rejected.is_empty()).then(|| {
            format!(
                "not done: read-only while `margin check` finds {} problem(s) (see the banner); fix them, then ctrl-l",
                self.rejected.len()
            )
        })
    }

    /// Applies `edit` to `project` as one undo step, unless the project is
    /// read-only now. Returns what was done, to tell the analyst. Nothing is
    /// written: see `persist`.
    pub fn apply(&mut self, project: &mut Project, edit: Edit) -> Result<Message, NotDone> {
        if let Some(refused) = self.refusal() {
            return Err(NotDone::ReadOnly(refused));
        }
        let description = self.history.apply(project, edit)?;
        Ok(Message::new(description, Tone::Ok))
    }

    /// Writes the files an applied `edit` touched, all or none. A failure
    /// keeps the edit as unsaved (once), for `retry`, `reapply` or
    /// `overwrite`; a success forgets it.
    pub fn persist(&mut self, project: &Project, edit: &Edit) -> Result<SaveReport, StoreError> {
        persist_into(self.store.as_mut(), &mut self.unsaved, project, edit)
    }

    /// Applies and persists at once, under the project lock (taken here when
    /// the store does not hold it already, so a command never writes under a
    /// running workbench). Nothing changes on disk unless all of it can.
    pub fn commit(&mut self, project: &mut Project, edit: Edit) -> Result<String, CommitError> {
        let _lock = match &self.store {
            Some(store) if self.lock.is_none() && !store.holds_lock() => {
                Some(ProjectLock::acquire(store.root()).map_err(CommitError::Locked)?)
            }
            _ => None,
        };
        let description = self.apply(project, edit)?.text;
        // Persisted from the undo step's own copy: an auto-coding of a
        // hundred thousand passages is one large edit, held once less.
        let applied = &self.history.last().expect("the edit was just applied").redo;
        match persist_into(self.store.as_mut(), &mut self.unsaved, project, applied) {
            Ok(_) => Ok(description),
            Err(cause) => Err(CommitError::NotSaved { description, cause }),
        }
    }

    /// Ends the session of a command about to exit: the project lock is let
    /// go at once, and the session and `project` are freed on a thread of
    /// their own. Freeing a thousand-interview study (texts, codings, the
    /// undo history of a merge) took 15 ms on one core, and the command
    /// need not wait for it: the commands that write a whole project's worth
    /// (refactors, `autocode`) end this way.
    pub fn end(mut self, project: Project) {
        self.lock = None;
        if let Some(store) = &mut self.store {
            store.release_lock();
        }
        std::thread::spawn(move || drop((self, project)));
    }

    /// The files `rewrite_all` would write or remove (`margin fmt --check`).
    pub fn pending(&self, project: &Project) -> Vec<String> {
        self.store
            .as_ref()
            .map_or_else(Vec::new, |s| s.pending(project))
    }

    /// Writes every file whose content differs from margin's own layout
    /// (`margin fmt`): no edit, so no undo step.
    pub fn rewrite_all(&mut self, project: &Project) -> Result<SaveReport, StoreError> {
        match self.store.as_mut() {
            Some(store) => store.save(project),
            None => Ok(SaveReport::default()),
        }
    }

    /// Undoes the last step in memory, unless the project is read-only now;
    /// the returned edit is to be persisted.
    pub fn undo(&mut self, project: &mut Project) -> Result<Option<Stepped>, NotDone> {
        if let Some(refused) = self.refusal() {
            return Err(NotDone::ReadOnly(refused));
        }
        let Some(edit) = self.history.last().map(|s| s.undo.clone()) else {
            return Ok(None);
        };
        Ok(self
            .history
            .undo(project)?
            .map(|description| Stepped { description, edit }))
    }

    /// Redoes the last undone step in memory, unless the project is
    /// read-only now; the returned edit is to be persisted.
    pub fn redo(&mut self, project: &mut Project) -> Result<Option<Stepped>, NotDone> {
        if let Some(refused) = self.refusal() {
            return Err(NotDone::ReadOnly(refused));
        }
        let Some(edit) = self.history.next_redo().map(|s| s.redo.clone()) else {
            return Ok(None);
        };
        Ok(self
            .history
            .redo(project)?
            .map(|description| Stepped { description, edit }))
    }

    /// The undo history.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Edits applied in memory whose files could not be written.
    pub fn unsaved(&self) -> &[Edit] {
        &self.unsaved
    }

    /// Takes the unsaved edits to persist them again (ctrl-s); each that
    /// fails again comes back through `persist`.
    pub fn take_unsaved(&mut self) -> Vec<Edit> {
        std::mem::take(&mut self.unsaved)
    }

    /// What the disk problem is, while the files do not load.
    pub fn broken(&self) -> Option<&Broken> {
        self.broken.as_ref()
    }

    /// What `margin check` finds wrong, while the session is read-only.
    pub fn rejected(&self) -> &[String] {
        &self.rejected
    }

    /// Sets what `check` would find (for a test, or a caller that checked).
    pub fn set_rejected(&mut self, problems: Vec<String>) {
        self.rejected = problems;
    }

    /// Runs `margin check`'s validation on `project` as loaded from the
    /// folder: the session is read-only while it finds problems.
    ///
    /// Unplaced codings and codings of codes removed on another branch are
    /// left out: the workbench settles those itself (`U`), so they must not
    /// lock it.
    pub fn check(&mut self, project: &Project) {
        let Some(root) = self.root().map(Path::to_path_buf) else {
            return;
        };
        self.rejected = check_problems(&root, project);
    }
}

/// `margin check`'s problems with `project`, leaving out what the workbench
/// settles itself (see `Session::check`).
pub(crate) fn check_problems(root: &Path, project: &Project) -> Vec<String> {
    check_problems_with(root, project, None)
}

/// `check_problems` with the stored excerpts a load of `project` just
/// kept (`Store::evidence`), so no codings file is read a second time.
/// Only a project that has codings to leave out is copied to check.
pub(crate) fn check_problems_with(
    root: &Path,
    project: &Project,
    evidence: Option<&crate::store::files::Evidence>,
) -> Vec<String> {
    let settled_here =
        |c: &crate::model::Coding| c.unplaced.is_some() || !project.codes.contains_key(&c.code);
    let any_settled = project
        .codings
        .values()
        .flat_map(|c| c.values())
        .flatten()
        .any(settled_here);
    let problems = if any_settled {
        let mut checked = project.clone();
        let codes = checked.codes.clone();
        for list in checked.codings.values_mut().flat_map(|c| c.values_mut()) {
            list.retain(|c| c.unplaced.is_none() && codes.contains_key(&c.code));
        }
        crate::check::validate(root, &checked)
    } else {
        match evidence {
            Some(evidence) => crate::check::validate_loaded(root, project, evidence),
            None => crate::check::validate(root, project),
        }
    };
    problems.iter().map(ToString::to_string).collect()
}
