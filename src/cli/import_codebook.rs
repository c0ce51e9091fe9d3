//! `margin import-codebook DIR FILE.qdc`: bring a REFI-QDA codebook's codes
//! and themes into a project, matching what is already there by GUID or name.

use super::common::{Context, commit, open_session};
use crate::edit::Edit;
use crate::interop::refi::{codebook_merge, qdc};
use anyhow::{Context as _, Result, anyhow};
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ImportCodebookArgs {
    /// The project folder.
    pub dir: PathBuf,
    /// The REFI-QDA codebook (.qdc) to read.
    pub file: PathBuf,
}

pub fn run(_ctx: &Context, args: ImportCodebookArgs) -> Result<()> {
    let name = args.file.display().to_string();
    let bytes = std::fs::read(&args.file).with_context(|| format!("cannot read {name}"))?;
    let (tree, warnings) = qdc::read(&bytes, &name).map_err(|e| anyhow!(e))?;
    let (mut project, mut session) = open_session(&args.dir)?;
    let plan = codebook_merge::plan(&project, &tree)
        .map_err(|e| anyhow!("{name}: {e}; nothing was written"))?;
    for warning in &warnings {
        eprintln!("warning: {warning}");
    }
    let summary = plan.summary();
    if plan.edits.is_empty() {
        crate::outln!("{name}: the project already has this codebook; nothing to change");
        return Ok(());
    }
    let label = format!("import codebook {}", file_name(&args.file));
    commit(
        &mut project,
        &mut session,
        Edit::Batch {
            label,
            edits: plan.edits,
        },
    )?;
    crate::outln!("imported {name}: {summary}");
    Ok(())
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
