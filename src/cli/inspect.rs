//! `margin check` and `margin stats`: read-only looks at a project.

use super::common::Context;
use crate::store::{Store, StoreError};
use crate::validate::validate;
use anyhow::{Result, anyhow, bail};
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The project folder.
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// The project folder.
    pub dir: PathBuf,
    /// Only list the files that are not in margin's layout; exit 1 if any.
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The project folder.
    pub dir: PathBuf,
    /// Print JSON (keys: documents, codes, themes, codings, per_code, per_coder, per_document).
    #[arg(long)]
    pub json: bool,
}

/// Exit status 0 only when the project is clean; each problem on stderr as
/// `DIR/file:line:col: message`.
pub fn check(_ctx: &Context, args: CheckArgs) -> Result<()> {
    let problems = match Store::open(&args.dir) {
        Ok((mut project, _)) => {
            super::common::follow_in_memory(&mut project);
            validate(&args.dir, &project)
        }
        Err(StoreError::Invalid(problems)) => problems,
        Err(other) => return Err(anyhow!(other)),
    };
    for problem in &problems {
        eprintln!("{}", problem.under(&args.dir));
    }
    if problems.is_empty() {
        crate::outln!("{}: clean", args.dir.display());
        Ok(())
    } else {
        bail!("{} problem(s) in {}", problems.len(), args.dir.display())
    }
}

pub fn stats(_ctx: &Context, args: StatsArgs) -> Result<()> {
    let (mut project, _) = Store::open(&args.dir).map_err(|e| anyhow!(e))?;
    super::common::follow_in_memory(&mut project);
    let stats = crate::stats::compute(&project);
    if args.json {
        crate::outln!("{}", serde_json::to_string_pretty(&stats)?);
        return Ok(());
    }
    crate::outln!("{}", stats.title);
    crate::outln!(
        "{} documents ({} words), {} codes ({} unsorted), {} themes, {} codings",
        stats.documents,
        stats.words,
        stats.codes,
        stats.unsorted_codes,
        stats.themes,
        stats.codings
    );
    crate::outln!("\nper coder:");
    for (coder, n) in &stats.per_coder {
        crate::outln!("  {n:>6}  {coder}");
    }
    crate::outln!("\nper document:");
    for (doc, n) in &stats.per_document {
        crate::outln!("  {n:>6}  {doc}");
    }
    crate::outln!("\nper code:");
    let mut codes: Vec<_> = stats.per_code.iter().collect();
    codes.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (code, n) in codes {
        crate::outln!("  {n:>6}  {code}");
    }
    Ok(())
}

/// Rewrites every project file in margin's own layout (after hand edits or a
/// merge), so the next change is a minimal diff.
pub fn fmt(_ctx: &Context, args: FmtArgs) -> Result<()> {
    let (project, mut store) = Store::open(&args.dir).map_err(|e| anyhow!(e))?;
    if args.check {
        let pending = store.pending(&project);
        for path in &pending {
            crate::outln!("{}", args.dir.join(path).display());
        }
        if pending.is_empty() {
            return Ok(());
        }
        bail!(
            "{} file(s) are not in margin's layout; run `margin fmt {}`",
            pending.len(),
            args.dir.display()
        );
    }
    let _lock = crate::store::ProjectLock::acquire(&args.dir).map_err(|e| anyhow!(e))?;
    let report = store.save(&project).map_err(|e| anyhow!(e))?;
    crate::outln!("{}", report.summary());
    Ok(())
}
