//! `margin theme rename|move|demote|merge|delete|status`: theme tree
//! refactoring from the command line. Parsing only; the work is in
//! `crate::refactor`.

use super::common::Context;
use super::refactor::{RefactorOpts, code_ref, execute_op, theme_ref};
use crate::model::ThemeStatus;
use crate::refactor::op::RefactorOp;
use crate::refactor::{CodingsPolicy, DemoteMode, ThemePlace};
use anyhow::{Result, bail};
use clap::{ArgGroup, Args};

/// Rename a theme.
///
/// Its id stays, so one line of themes.ron changes. With --reason the rename
/// is also recorded in the decision journal; without, it is a label fix (git
/// keeps the old name).
#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  margin theme rename study 'Patterns of use' 'Patterns of drug use'"
)]
pub struct RenameArgs {
    #[command(flatten)]
    pub opts: RefactorOpts,
    /// The theme (id or name).
    pub theme: String,
    /// Its new name.
    pub new_name: String,
}

/// Move a theme under another theme, to the top level, or next to a sibling.
///
/// --index counts the other themes at the destination from 0 (0 = first;
/// default: last).
#[derive(Debug, Args)]
#[command(
    group(ArgGroup::new("place").required(true).args(["parent", "top", "before", "after"])),
    after_help = "Examples:\n  margin theme move study 'Chaos' --parent 'People who use both drugs'\n  margin theme move study 'Chaos' --top --index 0\n  margin theme move study 'Chaos' --after 'Stigma'"
)]
pub struct MoveArgs {
    #[command(flatten)]
    pub opts: RefactorOpts,
    /// The theme (id or name).
    pub theme: String,
    /// Make it a subtheme of this theme (id or name).
    #[arg(long)]
    pub parent: Option<String>,
    /// Make it a top-level theme.
    #[arg(long)]
    pub top: bool,
    /// Its position among the other themes there, from 0.
    #[arg(long, conflicts_with_all = ["before", "after"])]
    pub index: Option<usize>,
    /// Put it just before this theme, at that theme's level.
    #[arg(long)]
    pub before: Option<String>,
    /// Put it just after this theme, at that theme's level.
    #[arg(long)]
    pub after: Option<String>,
}

/// Turn a theme without subthemes back into a code of its name.
///
/// The code goes where the theme was (into its parent theme, or among the
/// unsorted codes). A member code of the theme's name becomes that code (so
/// this reverses `margin code promote`); otherwise a new code is made, with
/// the theme's definition as its description. The theme's memo moves to the
/// code. Other member codes are never dropped silently: without
/// --merge-codes (merge them into the code, codings re-pointed) or
/// --keep-codes (move them beside it) the demotion is refused.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  margin theme demote study 'Chaos'\n  margin theme demote study 'Chaos' --merge-codes --dry-run"
)]
pub struct DemoteArgs {
    #[command(flatten)]
    pub opts: RefactorOpts,
    /// The theme (id or name).
    pub theme: String,
    /// Merge its other codes into the new code.
    #[arg(long, conflicts_with = "keep_codes")]
    pub merge_codes: bool,
    /// Keep its other codes, beside the new code.
    #[arg(long)]
    pub keep_codes: bool,
}

/// Merge one theme into another.
///
/// Its codes and subthemes move to the end of the target's, its definition
/// is appended to the target's under "[merged from 'NAME']", its memo to the
/// target's memo, and the theme is removed. The target keeps its status.
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  margin theme merge study 'Unpredictability' --into 'Chaos'")]
pub struct MergeArgs {
    #[command(flatten)]
    pub opts: RefactorOpts,
    /// The theme to merge (id or name).
    pub from: String,
    /// The theme it merges into.
    #[arg(long)]
    pub into: String,
}

/// Delete a theme.
///
/// An empty theme (no codes, no subthemes) just goes. Otherwise choose:
/// --keep-codes moves its codes and subthemes to where it was (its parent,
/// or the unsorted codes and the top level); --delete-codings deletes it with
/// its subthemes, their codes and all their codings; --reassign-to CODE does
/// the same but first re-points the codings to CODE. Without a choice it is
/// refused, saying what it holds.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  margin theme delete study 'Old idea' --keep-codes\n  margin theme delete study 'Old idea' --reassign-to chaos --reason 'folded into chaos'"
)]
pub struct DeleteArgs {
    #[command(flatten)]
    pub opts: RefactorOpts,
    /// The theme (id or name).
    pub theme: String,
    /// Keep its codes and subthemes, one level up.
    #[arg(long, conflicts_with_all = ["delete_codings", "reassign_to"])]
    pub keep_codes: bool,
    /// Delete its codes and their codings too.
    #[arg(long, conflicts_with = "reassign_to")]
    pub delete_codings: bool,
    /// Re-point its codes' codings to this code (id or name), then delete the codes.
    #[arg(long)]
    pub reassign_to: Option<String>,
}

/// Set a theme's review status: candidate, reviewed or final.
///
/// Optionally with a new definition. Recorded in the journal.
#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  margin theme status study 'Chaos' reviewed --definition 'Life felt out of control' --reason 'coheres across P1-P6'"
)]
pub struct StatusArgs {
    #[command(flatten)]
    pub opts: RefactorOpts,
    /// The theme (id or name).
    pub theme: String,
    /// candidate, reviewed or final.
    pub status: String,
    /// The theme's definition (replaces the old one).
    #[arg(long)]
    pub definition: Option<String>,
}

pub fn rename(ctx: &Context, args: RenameArgs) -> Result<()> {
    execute_op(ctx, &args.opts, |project| {
        Ok(RefactorOp::RenameTheme {
            theme: theme_ref(project, &args.theme)?,
            name: args.new_name.clone(),
        })
    })
}

pub fn move_theme(ctx: &Context, args: MoveArgs) -> Result<()> {
    execute_op(ctx, &args.opts, |project| {
        let theme = theme_ref(project, &args.theme)?;
        let place = match (&args.parent, &args.before, &args.after) {
            (Some(parent), _, _) => ThemePlace::Under {
                parent: Some(theme_ref(project, parent)?),
                index: args.index,
            },
            (_, Some(sibling), _) => ThemePlace::Before(theme_ref(project, sibling)?),
            (_, _, Some(sibling)) => ThemePlace::After(theme_ref(project, sibling)?),
            _ => ThemePlace::Under {
                parent: None,
                index: args.index,
            },
        };
        Ok(RefactorOp::MoveTheme { theme, place })
    })
}

pub fn demote(ctx: &Context, args: DemoteArgs) -> Result<()> {
    execute_op(ctx, &args.opts, |project| {
        let theme = theme_ref(project, &args.theme)?;
        let mode = if args.merge_codes {
            DemoteMode::MergeCodes
        } else if args.keep_codes {
            DemoteMode::KeepCodes
        } else {
            DemoteMode::OnlyIfEmpty
        };
        Ok(RefactorOp::DemoteTheme { theme, mode })
    })
}

pub fn merge(ctx: &Context, args: MergeArgs) -> Result<()> {
    execute_op(ctx, &args.opts, |project| {
        Ok(RefactorOp::MergeThemes {
            from: theme_ref(project, &args.from)?,
            into: theme_ref(project, &args.into)?,
        })
    })
}

pub fn delete(ctx: &Context, args: DeleteArgs) -> Result<()> {
    execute_op(ctx, &args.opts, |project| {
        let theme = theme_ref(project, &args.theme)?;
        let policy = match &args.reassign_to {
            Some(code) => CodingsPolicy::ReassignTo(code_ref(project, code)?),
            None if args.delete_codings => CodingsPolicy::DeleteCodings,
            None if args.keep_codes => CodingsPolicy::KeepCodes,
            None => CodingsPolicy::Refuse,
        };
        Ok(RefactorOp::DeleteTheme { theme, policy })
    })
}

pub fn status(ctx: &Context, args: StatusArgs) -> Result<()> {
    let Some(status) = ThemeStatus::parse(args.status.trim()) else {
        bail!(
            "status '{}': expected candidate, reviewed or final",
            args.status
        );
    };
    execute_op(ctx, &args.opts, |project| {
        Ok(RefactorOp::SetStatus {
            theme: theme_ref(project, &args.theme)?,
            status,
            definition: args.definition.clone(),
        })
    })
}
