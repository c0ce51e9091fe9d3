//! `margin reconcile DIR`: after a merge of branches where one side merged,
//! deleted or demoted codes while the other kept coding with them, replay
//! the journal onto those codings (see `refactor::follow`), and settle the
//! cases that need a decision.

use super::common::{Context, commit, open_as_on_disk};
use crate::refactor::follow::{self, Decision};
use crate::refactor::{Stamp, split_notice};
use anyhow::{Result, bail};
use clap::{ArgGroup, Args};
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(
    group(ArgGroup::new("settle").args(["restore", "delete_codings", "keep_split"])),
    after_help = "After `git merge`, codings made on one branch with a code another branch\nmerged away follow it to the code it became (every margin command sees them\nthere at once; reconcile writes it down). Codings of a code deleted with its\ncodings, or of a code the journal does not know, need a decision. Codings of a split code made on another branch beside the\nsplit are named by `margin check`: move them with `margin code split\n--extracts`, or keep them with --keep-split.\n\nExamples:\n  margin reconcile study --dry-run\n  margin reconcile study && git commit -am 'follow the codebook tidy-up'\n  margin reconcile study --restore hose-rules\n  margin reconcile study --delete-codings hose-rules"
)]
pub struct ReconcileArgs {
    /// The project folder.
    pub dir: PathBuf,
    /// Print what would change; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Bring back a removed code (as the journal kept it) so its codings stand.
    #[arg(long, value_name = "CODE")]
    pub restore: Option<String>,
    /// Delete the codings of a removed code.
    #[arg(long, value_name = "CODE")]
    pub delete_codings: Option<String>,
    /// Keep under a split code the codings of it made on another branch
    /// beside the split (journaled; `margin check` stops naming them).
    #[arg(long, value_name = "CODE")]
    pub keep_split: Option<String>,
}

pub fn run(ctx: &Context, args: ReconcileArgs) -> Result<()> {
    let (mut project, store) = open_as_on_disk(&args.dir)?;
    let mut session = crate::session::Session::with_store(store);
    if let Some(code) = &args.keep_split {
        let id = project
            .codes
            .values()
            .find(|c| c.id.as_str() == code.trim() || c.name == code.trim())
            .map(|c| c.id.clone())
            .ok_or_else(|| anyhow::anyhow!("no code '{code}'"))?;
        let notices = split_notice::beside_splits(&args.dir, &project);
        let stamp = Stamp::now(ctx.coder(&args.dir)?, "");
        let edit = split_notice::keep(&project, &id, &notices, &stamp)
            .map_err(|e| anyhow::anyhow!(e.to_string()))?;
        return write(&args, &mut project, &mut session, edit);
    }
    let followed = follow::follow(&project);
    let chosen = args.restore.as_ref().or(args.delete_codings.as_ref());
    if let Some(code) = chosen {
        let Some(decision) = followed
            .decisions
            .iter()
            .find(|d| d.code.as_str() == code.trim() || d.name() == code.trim())
        else {
            let open: Vec<&str> = followed.decisions.iter().map(|d| d.code.as_str()).collect();
            bail!(
                "no decision about code '{code}'; {}",
                if open.is_empty() {
                    "none is open".to_string()
                } else {
                    format!("open: {}", open.join(", "))
                }
            );
        };
        let edit = if args.restore.is_some() {
            decision.restore(&project)
        } else {
            decision.delete_codings()
        };
        return write(&args, &mut project, &mut session, edit);
    }
    match &followed.edit {
        Some(edit) => write(&args, &mut project, &mut session, edit.clone())?,
        None => crate::outln!("no coding needs to follow a refactor"),
    }
    list(&args, &followed.decisions);
    Ok(())
}

fn write(
    args: &ReconcileArgs,
    project: &mut crate::model::Project,
    session: &mut crate::session::Session,
    edit: crate::edit::Edit,
) -> Result<()> {
    if args.dry_run {
        crate::outln!("dry run: {}; nothing written", edit.describe(project));
        return Ok(());
    }
    let message = commit(project, session, edit)?;
    crate::outln!("{message}");
    Ok(())
}

fn list(args: &ReconcileArgs, decisions: &[Decision]) {
    for d in decisions {
        crate::outln!(
            "decide: {}; `margin reconcile {dir} --restore {code}` or `margin reconcile {dir} --delete-codings {code}`",
            d.describe(),
            dir = args.dir.display(),
            code = d.code
        );
    }
}
