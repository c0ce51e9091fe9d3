//! `margin check` and `margin stats`: read-only looks at a project.

use super::common::Context;
use crate::check::validate_loaded;
use crate::store::{Store, StoreError};
use anyhow::{Result, anyhow, bail};
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The project folder.
    pub dir: PathBuf,
    /// First finish a save that was interrupted (a killed margin, a full
    /// disk) and remove the temporary files it left; says what it did.
    #[arg(long)]
    pub repair: bool,
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
    if args.repair {
        repair(&args.dir)?;
    }
    let mut notices = Vec::new();
    let problems = match Store::open(&args.dir) {
        Ok((mut project, store)) => {
            super::common::follow_in_memory(&mut project);
            notices = split_notices(&args.dir, &project);
            validate_loaded(&args.dir, &project, store.evidence())
        }
        Err(StoreError::Invalid(problems)) => problems,
        Err(other) => return Err(anyhow!(other.in_folder(&args.dir))),
    };
    for problem in &problems {
        eprintln!("{}", problem.under(&args.dir));
    }
    for notice in &notices {
        crate::outln!("{notice}");
    }
    if problems.is_empty() {
        crate::outln!("{}: clean", args.dir.display());
        Ok(())
    } else {
        bail!("{} problem(s) in {}", problems.len(), args.dir.display())
    }
}

/// Codings of a split code made on another branch beside the split, each
/// with the two commands that settle it (see `refactor::split_notice`).
fn split_notices(dir: &std::path::Path, project: &crate::model::Project) -> Vec<String> {
    let name = |id: &crate::model::CodeId| {
        project
            .codes
            .get(id)
            .map_or(id.to_string(), |c| c.name.clone())
    };
    crate::refactor::split_notice::beside_splits(dir, project)
        .iter()
        .map(|n| {
            format!(
                "notice: {extract}: coded with '{from}' on another branch while {who} split it into '{into}' ({when}); it stays under '{from}'. Move it: `margin code split {dir} {from_id} --to {into_id} --extracts {extract}`; keep it: `margin reconcile {dir} --keep-split {from_id}`",
                extract = n.extract(),
                from = name(&n.split.from),
                into = name(&n.split.into),
                who = n.who,
                when = n.when,
                dir = dir.display(),
                from_id = n.split.from,
                into_id = n.split.into,
            )
        })
        .collect()
}

/// Finishes an interrupted save under the project lock and says what it did.
fn repair(dir: &std::path::Path) -> Result<()> {
    let _lock = crate::store::ProjectLock::acquire_waiting(dir, crate::store::LOCK_WAIT, |held| {
        super::common::say_waiting(&held)
    })
    .map_err(|e| anyhow!(e))?;
    let done = crate::store::txn::recover(dir).map_err(|e| anyhow!(e.in_folder(dir)))?;
    for file in &done.finished {
        crate::outln!("finished an interrupted save: {}", dir.join(file).display());
    }
    for file in &done.cleaned {
        crate::outln!(
            "removed a leftover temporary file: {}",
            dir.join(file).display()
        );
    }
    if done.is_empty() {
        crate::outln!("{}: no interrupted save to repair", dir.display());
    }
    Ok(())
}

pub fn stats(_ctx: &Context, args: StatsArgs) -> Result<()> {
    let (project, _) = super::common::open(&args.dir)?;
    let stats = crate::analysis::stats::compute(&project);
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
    let (project, mut session) = if args.check {
        super::common::open_session(&args.dir)?
    } else {
        super::common::open_for_write(&args.dir)?
    };
    if args.check {
        let pending = session.pending(&project);
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
    let report = session
        .rewrite_all(&project)
        .map_err(|e| anyhow!(e.in_folder(&args.dir)))?;
    crate::outln!("{}", report.summary());
    Ok(())
}
