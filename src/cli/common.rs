//! What every subcommand needs: open a project, know the coder, apply an edit
//! and save exactly the files it touched.

use crate::edit::Edit;
use crate::edit::compose::manifest_listing;
use crate::model::{Project, slugify};
use crate::store::{ProjectLock, Store};
use anyhow::{Context as _, Result, anyhow};
use std::path::Path;

/// Options shared by all subcommands.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub coder_flag: Option<String>,
}

impl Context {
    /// The coder for new codings and journal entries, in order: --coder,
    /// $MARGIN_CODER, `coder` in config.ron, git's user.name in the project
    /// folder, $USER.
    pub fn coder(&self, dir: &Path) -> String {
        resolve_coder(self.coder_flag.as_deref(), dir)
    }
}

pub fn resolve_coder(flag: Option<&str>, dir: &Path) -> String {
    let name = flag
        .map(str::to_string)
        .or_else(|| {
            std::env::var("MARGIN_CODER")
                .ok()
                .filter(|s| !s.trim().is_empty())
        })
        .or_else(config_coder)
        .or_else(|| crate::git::user_name(dir))
        .or_else(|| std::env::var("USER").ok().filter(|s| !s.trim().is_empty()))
        .unwrap_or_else(|| "analyst".to_string());
    coder_slug(&name)
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

/// Coder names are file names (codings/DOC/CODER.ron): keep them short and safe.
pub fn coder_slug(name: &str) -> String {
    let slug = slugify(name);
    if slug == "untitled" {
        "analyst".to_string()
    } else {
        slug
    }
}

/// Opens a project; problems are reported with the folder in their paths
/// (`study/codebook.ron:4:14: expected string`), one per line.
pub fn open(dir: &Path) -> Result<(Project, Store)> {
    Store::open(dir).map_err(|e| anyhow!(e.in_folder(dir)))
}

/// Opens a project to change it: takes the project lock before reading, so
/// nothing can change between reading, planning and writing. Waits a few
/// seconds, saying so on stderr, when another margin holds the lock.
pub fn open_for_write(dir: &Path) -> Result<(Project, Store)> {
    Store::open_for_writing(dir, |held| {
        eprintln!(
            "margin: waiting up to {} s: {held}",
            crate::store::LOCK_WAIT.as_secs()
        );
    })
    .map_err(|e| anyhow!(e.in_folder(dir)))
}

/// The project as committed at git ref `rev` of the repository holding `dir`,
/// or None when there was no project there yet (no manifest at that ref).
/// Read from a scratch copy, which is gone once loaded: the project is held in
/// memory.
pub fn open_at_ref(dir: &Path, rev: &str) -> Result<Option<Project>> {
    let scratch = tempfile::tempdir().context("cannot make a temporary folder")?;
    crate::git::export_project_at(dir, rev, scratch.path())?;
    if !scratch.path().join(crate::store::files::MANIFEST).is_file() {
        return Ok(None);
    }
    let (project, _) =
        Store::open(scratch.path()).map_err(|e| anyhow!("the project at {rev}: {e}"))?;
    Ok(Some(project))
}

/// Applies an edit and saves the files it touched; returns its description.
pub fn commit(project: &mut Project, store: &mut Store, edit: Edit) -> Result<String> {
    // Never write under a running workbench: it would find its files
    // changed. A store opened for writing holds the lock since it read.
    let _lock = if store.holds_lock() {
        None
    } else {
        Some(ProjectLock::acquire(store.root()).map_err(|e| anyhow!(e))?)
    };
    let description = edit.describe(project);
    edit.clone()
        .apply(project)
        .map_err(|e| anyhow!("{e}; nothing was written"))?;
    store
        .save_edit(project, &edit)
        .with_context(|| format!("could not save '{description}'"))?;
    Ok(description)
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
