//! `margin theme add|list`: the theme tree from the command line.

use super::common::{Context, commit, open, open_for_write};
use crate::edit::{Edit, names};
use crate::model::{Project, ThemeStatus, theme};
use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum ThemeCommand {
    /// Add a theme, or a subtheme with --parent.
    #[command(
        after_help = "Example:\n  margin theme add study 'Chaos and unpredictability' --parent 'People who use both drugs'"
    )]
    Add(AddArgs),
    /// Show the theme tree with its codes and counts.
    #[command(after_help = "Example:\n  margin theme list study")]
    List(ListArgs),
    // Refactoring (src/cli/theme_refactor.rs); the about text is on each Args.
    Rename(super::theme_refactor::RenameArgs),
    Move(super::theme_refactor::MoveArgs),
    Demote(super::theme_refactor::DemoteArgs),
    Merge(super::theme_refactor::MergeArgs),
    Delete(super::theme_refactor::DeleteArgs),
    Status(super::theme_refactor::StatusArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The project folder.
    pub dir: PathBuf,
    /// The theme's name.
    pub name: String,
    /// Make it a subtheme of this theme (id or name).
    #[arg(long)]
    pub parent: Option<String>,
    /// What the theme captures.
    #[arg(long, default_value = "")]
    pub definition: String,
    /// candidate, reviewed or final.
    #[arg(long, default_value = "candidate")]
    pub status: String,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// The project folder.
    pub dir: PathBuf,
}

pub fn run(ctx: &Context, command: ThemeCommand) -> Result<()> {
    match command {
        ThemeCommand::Add(args) => add(ctx, args),
        ThemeCommand::List(args) => list(&args),
        ThemeCommand::Rename(args) => super::theme_refactor::rename(ctx, args),
        ThemeCommand::Move(args) => super::theme_refactor::move_theme(ctx, args),
        ThemeCommand::Demote(args) => super::theme_refactor::demote(ctx, args),
        ThemeCommand::Merge(args) => super::theme_refactor::merge(ctx, args),
        ThemeCommand::Delete(args) => super::theme_refactor::delete(ctx, args),
        ThemeCommand::Status(args) => super::theme_refactor::status(ctx, args),
    }
}

fn add(_ctx: &Context, args: AddArgs) -> Result<()> {
    let (mut project, mut session) = open_for_write(&args.dir)?;
    let Some(status) = ThemeStatus::parse(&args.status) else {
        bail!(
            "--status {}: expected candidate, reviewed or final",
            args.status
        );
    };
    let parent = match &args.parent {
        None => None,
        Some(reference) => match project.theme_by_ref(reference) {
            Some(t) => Some(t.id.clone()),
            None => bail!("no theme '{reference}'; see `margin theme list`"),
        },
    };
    let (id, mut edit) = names::add_theme(&project, &args.name, parent.clone())?;
    let name = names::clean(&args.name);
    // Confirm in the past tense, as every other command does.
    let confirmation = match parent.as_ref().and_then(|p| project.theme(p)) {
        Some(under) => format!("added theme '{name}' under '{}' (id {id})", under.name),
        None => format!("added theme '{name}' (id {id})"),
    };
    if let Edit::AddTheme { theme, .. } = &mut edit {
        theme.definition = args.definition;
        theme.status = status;
    }
    commit(&mut project, &mut session, edit)?;
    crate::outln!("{confirmation}");
    Ok(())
}

fn list(args: &ListArgs) -> Result<()> {
    let (project, _) = open(&args.dir)?;
    crate::out!("{}", render_tree(&project));
    Ok(())
}

/// The theme tree as indented text, with each theme's status and codings.
pub fn render_tree(project: &Project) -> String {
    let usage = project.usage_table();
    let mut out = String::new();
    for (depth, t) in theme::walk(&project.themes) {
        let codings: usize = t
            .all_codes()
            .iter()
            .map(|c| usage.get(c).map_or(0, |u| u.0))
            .sum();
        let indent = "  ".repeat(depth);
        out.push_str(&format!(
            "{indent}{} [{}] ({codings} codings)\n",
            t.name,
            t.status.label()
        ));
        for code in &t.codes {
            let count = usage.get(code).map_or(0, |u| u.0);
            out.push_str(&format!(
                "{indent}  - {} ({count})\n",
                project.code_name(code)
            ));
        }
    }
    let unsorted = project.unsorted_codes();
    if !unsorted.is_empty() {
        out.push_str("(unsorted)\n");
        for code in unsorted {
            let count = usage.get(&code.id).map_or(0, |u| u.0);
            out.push_str(&format!("  - {} ({count})\n", code.name));
        }
    }
    if out.is_empty() {
        out.push_str("no themes yet; add one with `margin theme add DIR NAME`\n");
    }
    out
}
