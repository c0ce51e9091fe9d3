//! What every refactor subcommand shares: the project folder, `--dry-run`
//! and `--reason`; resolving code and theme names; applying a planned
//! refactor (or showing what it would change) and printing its report.

use super::common::{
    Context, commit, open_for_write, open_part_for_write, open_session, open_to_refactor,
};
use crate::edit::Edit;
use crate::model::{CodeId, DocId, Document, Project, ThemeId};
use crate::refactor::op::RefactorOp;
use crate::refactor::{Planned, RefactorError, Stamp};
use crate::store::files::{self, FileKey};
use crate::text::count;
use anyhow::{Result, anyhow, bail};
use clap::Args;
use std::collections::BTreeSet;
use std::fmt::Display;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;

/// Options every refactor takes. Flattened first, so DIR is the first
/// positional argument.
#[derive(Debug, Args)]
pub struct RefactorOpts {
    /// The project folder.
    pub dir: PathBuf,
    /// Print the report and the files that would change; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Why, for the decision journal (journal.ron).
    #[arg(long, default_value = "", hide_default_value = true)]
    pub reason: String,
}

/// Opens the project, plans the refactor, then applies and saves it (or,
/// with --dry-run, shows what it would change). Errors leave disk untouched.
/// For a refactor of codes and themes, which never changes a transcript.
pub fn execute<R: Display>(
    ctx: &Context,
    opts: &RefactorOpts,
    plan: impl FnOnce(&Project, &Stamp) -> Result<Planned<R>>,
) -> Result<()> {
    run_planned(ctx, opts, Reads::ForRefactor, planned(plan))
}

/// `execute` for a refactor that rewrites transcripts (a speaker renamed):
/// the whole project is read and indexed, every stored excerpt checked.
pub fn execute_rewriting_transcripts<R: Display>(
    ctx: &Context,
    opts: &RefactorOpts,
    plan: impl FnOnce(&Project, &Stamp) -> Result<Planned<R>>,
) -> Result<()> {
    run_planned(ctx, opts, Reads::Whole, planned(plan))
}

fn planned<R: Display>(
    plan: impl FnOnce(&Project, &Stamp) -> Result<Planned<R>>,
) -> impl FnOnce(&Project, &Stamp) -> Result<(Edit, String)> {
    |project, stamp| {
        let planned = plan(project, stamp)?;
        let summary = planned.summary();
        Ok((planned.edit, summary))
    }
}

/// `execute` for a refactor the workbench offers too: the arguments become
/// the core's `RefactorOp`, planned by `refactor::op::plan` as the
/// workbench's keys are.
pub fn execute_op(
    ctx: &Context,
    opts: &RefactorOpts,
    choose: impl FnOnce(&Project) -> Result<RefactorOp>,
) -> Result<()> {
    run_planned(ctx, opts, Reads::ForRefactor, plan_op(choose))
}

/// `execute_op` for a refactor that reads and writes no document or
/// codings (a rename): only the manifest, codebook, themes and journal are
/// loaded, so it takes as long in a thousand-interview study as in one.
pub fn execute_op_on_codebook(
    ctx: &Context,
    opts: &RefactorOpts,
    choose: impl FnOnce(&Project) -> Result<RefactorOp>,
) -> Result<()> {
    run_planned(ctx, opts, Reads::Part(&BTreeSet::new()), plan_op(choose))
}

fn plan_op(
    choose: impl FnOnce(&Project) -> Result<RefactorOp>,
) -> impl FnOnce(&Project, &Stamp) -> Result<(Edit, String)> {
    |project, stamp| {
        let op = choose(project)?;
        crate::refactor::op::plan(project, &op, stamp).map_err(refused)
    }
}

/// What a refactor reads to plan and save.
enum Reads<'a> {
    /// The whole project, as the workbench does.
    Whole,
    /// The whole project, transcripts indexed only where used (see
    /// `Store::open_to_refactor`): a refactor of codes and themes, which
    /// never changes a transcript.
    ForRefactor,
    /// The documents named (see `Store::open_part_for_writing`).
    Part(&'a BTreeSet<DocId>),
}

/// Plans and commits a refactor on what `reads` says.
fn run_planned(
    ctx: &Context,
    opts: &RefactorOpts,
    reads: Reads<'_>,
    plan: impl FnOnce(&Project, &Stamp) -> Result<(Edit, String)>,
) -> Result<()> {
    let (mut project, mut session) = match reads {
        _ if opts.dry_run => open_session(&opts.dir)?,
        Reads::Part(docs) => open_part_for_write(&opts.dir, docs)?,
        Reads::ForRefactor => open_to_refactor(&opts.dir)?,
        Reads::Whole => open_for_write(&opts.dir)?,
    };
    let stamp = Stamp::now(ctx.coder(&opts.dir)?, opts.reason.clone());
    let (edit, summary) = plan(&project, &stamp)?;
    if opts.dry_run {
        let changes = file_changes(project, &edit)?;
        crate::outln!("dry run, nothing written: {summary}");
        crate::outln!("would change {}:", count(changes.len(), "file", "files"));
        for (mark, path) in changes {
            crate::outln!("  {mark} {path}");
        }
        return Ok(());
    }
    commit(&mut project, &mut session, edit)?;
    crate::outln!("{summary}");
    session.end(project);
    Ok(())
}

/// The files an edit would change, each marked A (added), M (modified) or D
/// (deleted), found by rendering them before and after applying it. Takes
/// the project (a dry run has no use for it afterwards): applied in place,
/// not on a copy of every transcript and coding. Files are rendered on
/// every core and compared by content hash, so a merge's thousands of
/// files are not held twice.
pub fn file_changes(mut project: Project, edit: &Edit) -> Result<Vec<(char, String)>> {
    let keys: Vec<FileKey> = files::touched_by(edit).into_iter().collect();
    let hashed = |project: &Project| -> Vec<Option<u64>> {
        crate::store::parallel::map(&keys, |key| {
            files::render(project, key).map(|text| {
                let mut hasher = DefaultHasher::new();
                text.hash(&mut hasher);
                hasher.finish()
            })
        })
    };
    let before = hashed(&project);
    edit.clone()
        .apply(&mut project)
        .map_err(|e| anyhow!("{e}; nothing was written"))?;
    let after = hashed(&project);
    let mut changes = Vec::new();
    for ((key, old), new) in keys.iter().zip(before).zip(after) {
        let mark = match (old, new) {
            (None, Some(_)) => 'A',
            (Some(_), None) => 'D',
            (Some(a), Some(b)) if a != b => 'M',
            _ => continue,
        };
        changes.push((mark, key.rel_path()));
    }
    Ok(changes)
}

/// A code named by id or name.
pub fn code_ref(project: &Project, reference: &str) -> Result<CodeId> {
    match project.code_by_ref(reference.trim()) {
        Some(code) => Ok(code.id.clone()),
        None => bail!("no code '{reference}'; see `margin code list`"),
    }
}

/// A document named by id or title; the error lists the documents there are.
pub fn doc_ref<'p>(project: &'p Project, reference: &str) -> Result<&'p Document> {
    match project.document_by_ref(reference.trim()) {
        Some(doc) => Ok(doc),
        None if project.documents.is_empty() => {
            bail!("no document '{reference}'; no documents yet (margin import)")
        }
        None => {
            let ids: Vec<&str> = project.documents.keys().map(|d| d.as_str()).collect();
            bail!(
                "no document '{reference}'; the project has: {}",
                ids.join(", ")
            )
        }
    }
}

/// A theme named by id or name.
pub fn theme_ref(project: &Project, reference: &str) -> Result<ThemeId> {
    match project.theme_by_ref(reference.trim()) {
        Some(theme) => Ok(theme.id.clone()),
        None => bail!("no theme '{reference}'; see `margin theme list`"),
    }
}

/// Core refusals become CLI errors that say nothing was written.
pub fn refused(err: RefactorError) -> anyhow::Error {
    anyhow!("{err}; nothing was written")
}
