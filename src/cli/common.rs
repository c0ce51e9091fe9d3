//! What every subcommand needs: open a project, know the coder, apply an edit
//! and save exactly the files it touched.

use crate::edit::Edit;
use crate::edit::compose::manifest_listing;
use crate::model::{DocId, Project, slugify};
use crate::session::{CommitError, NotDone, Session};
use crate::store::{FileKey, Store};
use anyhow::{Context as _, Result, anyhow};
use std::collections::BTreeSet;
use std::path::Path;

/// Options shared by all subcommands.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub coder_flag: Option<String>,
}

impl Context {
    /// The coder for new codings and journal entries, in order: --coder,
    /// $MARGIN_CODER, `coder` in config.ron, git's user.name in the project
    /// folder, $USER. A name given on purpose that makes no file name is
    /// refused rather than turned into someone else's.
    pub fn coder(&self, dir: &Path) -> Result<String> {
        resolve_coder(self.coder_flag.as_deref(), dir)
    }
}

pub fn resolve_coder(flag: Option<&str>, dir: &Path) -> Result<String> {
    if let Some(name) = flag {
        return coder_slug(name).map_err(|e| anyhow!("--coder: {e}"));
    }
    // Names the analyst chose for margin are checked; git's and the
    // system's are only tried, so an odd login name falls through.
    if let Some(name) = std::env::var("MARGIN_CODER")
        .ok()
        .filter(|s| !s.trim().is_empty())
    {
        return coder_slug(&name).map_err(|e| anyhow!("$MARGIN_CODER: {e}"));
    }
    if let Some(name) = config_coder() {
        return coder_slug(&name).map_err(|e| anyhow!("coder in config.ron: {e}"));
    }
    let fallback = crate::store::git::user_name(dir)
        .and_then(|n| coder_slug(&n).ok())
        .or_else(|| std::env::var("USER").ok().and_then(|n| coder_slug(&n).ok()));
    Ok(fallback.unwrap_or_else(|| "analyst".to_string()))
}

/// The coder set in config.ron; a broken file is named on stderr and
/// skipped, so the next source decides.
fn config_coder() -> Option<String> {
    let dir = crate::config::config_dir();
    let (settings, problem) = crate::config::settings::load(dir.as_deref());
    if let Some(problem) = problem {
        eprintln!("margin: config ignored: {problem}");
    }
    settings.coder.filter(|s| !s.trim().is_empty())
}

/// Coder names are file names (codings/DOC/CODER.ron): reduced to lower case
/// letters, digits and hyphens, so two coders' files can only coincide when
/// their names do. A name with nothing left (empty, all punctuation) is
/// refused, and so is one that is no file name on Windows.
pub fn coder_slug(name: &str) -> std::result::Result<String, String> {
    if !name.chars().any(char::is_alphanumeric) {
        return Err(format!(
            "'{name}' is no coder name: it needs at least one letter or digit (e.g. --coder asha)"
        ));
    }
    let slug = slugify(name);
    if is_reserved_file_name(&slug) {
        return Err(format!(
            "'{name}' cannot be a coder name: '{slug}.ron' is a reserved file name on Windows"
        ));
    }
    Ok(slug)
}

fn is_reserved_file_name(slug: &str) -> bool {
    const DEVICES: [&str; 4] = ["con", "prn", "aux", "nul"];
    let numbered = |prefix: &str| {
        slug.strip_prefix(prefix)
            .is_some_and(|n| n.len() == 1 && n.chars().all(|c| c.is_ascii_digit()))
    };
    DEVICES.contains(&slug) || numbered("com") || numbered("lpt")
}

/// Opens a project; problems are reported with the folder in their paths
/// (`study/codebook.ron:4:14: expected string`), one per line.
///
/// Codings of codes that a refactor on another branch merged away follow
/// the journal to their new code here, in memory (see `refactor::follow`):
/// every command sees a consistent project right after `git merge`, and the
/// files are rewritten when margin next writes them (`margin reconcile`,
/// `margin fmt`, the workbench).
pub fn open(dir: &Path) -> Result<(Project, Store)> {
    let (mut project, store) = open_as_on_disk(dir)?;
    follow_in_memory(&mut project);
    Ok((project, store))
}

/// Replays the journal onto codings of codes refactored away (see `open`).
pub fn follow_in_memory(project: &mut Project) {
    if let Some(edit) = crate::refactor::follow::follow(project).edit {
        // A replay that does not apply leaves the project as it is on disk;
        // `margin check` then names the codings.
        let mut followed = project.clone();
        if edit.apply(&mut followed).is_ok() {
            *project = followed;
        }
    }
}

/// Opens a project exactly as its files are.
pub fn open_as_on_disk(dir: &Path) -> Result<(Project, Store)> {
    Store::open(dir).map_err(|e| anyhow!(e.in_folder(dir)))
}

/// Tells the user, on stderr, that another margin holds the project lock
/// and this command waits for it (up to `LOCK_WAIT`).
pub fn say_waiting(held: &dyn std::fmt::Display) {
    eprintln!(
        "margin: waiting up to {} s: {held}",
        crate::store::LOCK_WAIT.as_secs()
    );
}

/// Opens a project to change it: takes the project lock before reading, so
/// nothing can change between reading, planning and writing. Waits a few
/// seconds, saying so on stderr, when another margin holds the lock.
pub fn open_for_write(dir: &Path) -> Result<(Project, Session)> {
    let (mut project, session) = Session::open_to_write(dir, |held| say_waiting(&held))
        .map_err(|e| anyhow!(e.in_folder(dir)))?;
    follow_in_memory(&mut project);
    Ok((project, session))
}

/// `open_for_write` for a refactor that changes no transcript: transcripts
/// are indexed only where used (see `Store::open_to_refactor`).
pub fn open_to_refactor(dir: &Path) -> Result<(Project, Session)> {
    let (mut project, session) = Session::open_to_refactor(dir, |held| say_waiting(&held))
        .map_err(|e| anyhow!(e.in_folder(dir)))?;
    follow_in_memory(&mut project);
    Ok((project, session))
}

/// Opens a project as `open` does, in a session that takes the project lock
/// only to write (for a dry run, or a change planned quickly).
pub fn open_session(dir: &Path) -> Result<(Project, Session)> {
    let (project, store) = open(dir)?;
    Ok((project, Session::with_store(store)))
}

/// Opens for writing only what a command about one document needs (see
/// `Store::open_part_for_writing`) when `doc` names a document by its id;
/// the whole project otherwise (a title is found among every record).
/// Reading one transcript instead of a thousand keeps a one-coding command
/// as fast in a large study as in a small one.
pub fn open_doc_for_write(dir: &Path, doc: &str) -> Result<(Project, Session)> {
    let doc = doc.trim();
    let by_id = crate::model::is_safe_file_stem(doc)
        && std::fs::symlink_metadata(dir.join(FileKey::DocumentRecord(DocId::new(doc)).rel_path()))
            .is_ok_and(|meta| meta.is_file());
    if !by_id {
        return open_for_write(dir);
    }
    open_part_for_write(dir, &BTreeSet::from([DocId::new(doc)]))
}

/// Opens for writing the manifest, codebook, themes and journal, and of
/// the documents only `docs`, with their codings (see
/// `Store::open_part_for_writing`).
pub fn open_part_for_write(dir: &Path, docs: &BTreeSet<DocId>) -> Result<(Project, Session)> {
    let (mut project, session) = Session::open_part_to_write(dir, docs, |held| say_waiting(&held))
        .map_err(|e| anyhow!(e.in_folder(dir)))?;
    follow_in_memory(&mut project);
    Ok((project, session))
}

/// The project as committed at git ref `rev` of the repository holding `dir`,
/// or None when there was no project there yet (no manifest at that ref).
/// Read from a scratch copy, which is gone once loaded: the project is held in
/// memory.
pub fn open_at_ref(dir: &Path, rev: &str) -> Result<Option<Project>> {
    let scratch = tempfile::tempdir().context("cannot make a temporary folder")?;
    crate::store::git::export_project_at(dir, rev, scratch.path())?;
    if !scratch.path().join(crate::store::files::MANIFEST).is_file() {
        return Ok(None);
    }
    let (project, _) =
        Store::open(scratch.path()).map_err(|e| anyhow!("the project at {rev}: {e}"))?;
    Ok(Some(project))
}

/// Applies an edit and saves the files it touched, through the session (the
/// workbench's way too); returns its description. Never writes under a
/// running workbench: the session takes the project lock if it lacks it.
pub fn commit(project: &mut Project, session: &mut Session, edit: Edit) -> Result<String> {
    session.commit(project, edit).map_err(|err| match err {
        CommitError::NotDone(NotDone::Refused(e)) => anyhow!("{e}; nothing was written"),
        CommitError::NotDone(read_only) => anyhow!(read_only),
        CommitError::NotSaved { description, cause } => {
            anyhow::Error::new(cause).context(format!("could not save '{description}'"))
        }
        CommitError::Locked(e) => anyhow!(e),
    })
}

/// An edit plus, when `coder` is new to the project, the manifest change that
/// lists them.
pub fn with_coder_listed(project: &Project, coder: &str, edit: Edit) -> Edit {
    match manifest_listing(&project.manifest, coder) {
        None => edit,
        Some(after) => {
            let label = edit.describe(project);
            Edit::Batch {
                label,
                edits: vec![
                    Edit::SetManifest {
                        before: Box::new(project.manifest.clone()),
                        after: Box::new(after),
                    },
                    edit,
                ],
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::coder_slug;

    #[test]
    fn coder_names_that_make_no_file_name_are_refused() {
        assert_eq!(coder_slug("Asha K").as_deref(), Ok("asha-k"));
        for bad in ["", "   ", "!!!", "--", "nul", "COM1"] {
            assert!(coder_slug(bad).is_err(), "{bad:?} should be refused");
        }
    }
}
