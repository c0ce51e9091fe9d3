//! `margin merge-driver %O %A %B %P`: git's merge driver for project files.
//! Contract (gitattributes(5)): merge into %A, exit 0 when clean, non-zero
//! when conflicts are left in %A for the user.

use super::common::Context;
use crate::merge::{FileKind, merge_texts};
use crate::store::write_atomic;
use anyhow::{Context as _, Result, bail};
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct MergeDriverArgs {
    /// The common ancestor's version (%O; empty when both sides added the file).
    pub base: PathBuf,
    /// Our version (%A); the merge result is written here.
    pub ours: PathBuf,
    /// Their version (%B).
    pub theirs: PathBuf,
    /// The file's path in the repository (%P), which tells what file it is.
    pub path: Option<String>,
}

pub fn run(_ctx: &Context, args: MergeDriverArgs) -> Result<()> {
    let shown = args
        .path
        .clone()
        .unwrap_or_else(|| args.ours.display().to_string());
    let kind = FileKind::of_path(&shown);
    let read = |p: &Path| {
        std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))
    };
    let merged = match kind {
        Some(kind) => merge_texts(
            kind,
            &read(&args.base)?,
            &read(&args.ours)?,
            &read(&args.theirs)?,
        ),
        None => return line_merge(&args, &shown, "not a file margin merges structurally"),
    };
    let merged = match merged {
        Ok(merged) => merged,
        Err(e) => return line_merge(&args, &shown, &e.to_string()),
    };
    write_atomic(&args.ours, merged.text.as_bytes())
        .with_context(|| format!("cannot write {}", args.ours.display()))?;
    if merged.conflicts.is_empty() {
        return Ok(());
    }
    for conflict in &merged.conflicts {
        eprintln!("margin: {shown}: conflict: {conflict}");
    }
    bail!(
        "{shown}: {} conflict(s) marked <<<<<<< ours / >>>>>>> theirs; keep one side of each block, then `margin check` and `git add {shown}`",
        merged.conflicts.len()
    )
}

/// Falls back to git's own line merge (markers included) for what margin
/// cannot merge as data.
fn line_merge(args: &MergeDriverArgs, shown: &str, why: &str) -> Result<()> {
    let conflicts = crate::store::git::merge_file(&args.ours, &args.base, &args.theirs)?;
    if conflicts == 0 {
        return Ok(());
    }
    bail!("{shown}: merged line by line ({why}); {conflicts} conflict(s) left")
}
