//! `margin import-qdpx FILE.qdpx DIR`: a new margin project from a REFI-QDA
//! project. The project is built in a temporary folder beside DIR and renamed
//! into place at the end, so a failure leaves nothing behind.

use super::common::Context;
use super::init::{GITATTRIBUTES, GITIGNORE};
use crate::interop::refi::positions::Reading;
use crate::interop::refi::qde_read::read_qdpx;
use crate::store::{Store, write_atomic};
use crate::text::count;
use anyhow::{Context as _, Result, anyhow, bail};
use clap::Args;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct ImportQdpxArgs {
    /// The REFI-QDA project (.qdpx) to read.
    pub file: PathBuf,
    /// The folder for the new project (must not exist, or be empty).
    pub dir: PathBuf,
}

pub fn run(_ctx: &Context, args: ImportQdpxArgs) -> Result<()> {
    let name = args.file.display().to_string();
    check_target(&args.dir)?;
    let bytes = std::fs::read(&args.file).with_context(|| format!("cannot read {name}"))?;
    let bar = super::progress::bar(0, "importing");
    let imported = read_qdpx(&bytes, &name, &mut |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    })
    .map_err(|e| anyhow!("{e}; no project was made"))?;
    bar.finish_and_clear();

    let parent = parent_of(&args.dir);
    std::fs::create_dir_all(&parent)
        .with_context(|| format!("cannot make the folder {}", parent.display()))?;
    let scratch = tempfile::Builder::new()
        .prefix(".margin-import-")
        .tempdir_in(&parent)
        .with_context(|| format!("cannot make a temporary folder in {}", parent.display()))?;
    let building = scratch.path().join("project");
    Store::create(&building, &imported.project).map_err(|e| anyhow!(e))?;
    for (file, content) in [(".gitattributes", GITATTRIBUTES), (".gitignore", GITIGNORE)] {
        write_atomic(&building.join(file), content.as_bytes())
            .with_context(|| format!("cannot write {file}"))?;
    }
    if args.dir.exists() {
        // Checked empty above; a folder cannot be renamed over a folder.
        std::fs::remove_dir(&args.dir)
            .with_context(|| format!("cannot replace the empty folder {}", args.dir.display()))?;
    }
    std::fs::rename(&building, &args.dir)
        .with_context(|| format!("cannot move the new project to {}", args.dir.display()))?;

    let p = &imported.project;
    crate::outln!(
        "imported {name} into {}: {}, {}, {}, {}",
        args.dir.display(),
        count(p.documents.len(), "document", "documents"),
        count(p.codes.len(), "code", "codes"),
        count(
            crate::model::theme::walk(&p.themes).len(),
            "theme",
            "themes"
        ),
        count(p.coding_count(), "coding", "codings"),
    );
    let mut by_reading: BTreeMap<Reading, Vec<String>> = BTreeMap::new();
    for (doc, reading) in &imported.readings {
        by_reading
            .entry(*reading)
            .or_default()
            .push(doc.to_string());
    }
    for (reading, docs) in by_reading {
        crate::outln!(
            "positions read as {}: {}",
            reading.describe(),
            docs.join(", ")
        );
    }
    for warning in &imported.warnings {
        eprintln!("warning: {warning}");
    }
    Ok(())
}

/// The target must be new or an empty folder: importing never mixes into
/// an existing project.
fn check_target(dir: &Path) -> Result<()> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                bail!(
                    "{} is not empty; import into a new folder (margin import-qdpx FILE.qdpx NEW-FOLDER)",
                    dir.display()
                );
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(anyhow!("{}: {e}", dir.display())),
    }
}

fn parent_of(dir: &Path) -> PathBuf {
    match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}
