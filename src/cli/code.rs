//! `margin code add|list`: the codebook from the command line.

use super::common::{Context, commit, open, open_for_write};
use crate::edit::{Edit, names};
use crate::model::{Code, parse_hex_colour, theme};
use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use std::path::PathBuf;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Subcommand)]
pub enum CodeCommand {
    /// Add a code to the codebook.
    #[command(
        after_help = "Example:\n  margin code add study 'Chaos' --description 'Life felt out of control' --theme 'Patterns of use'"
    )]
    Add(AddArgs),
    /// List the codebook with usage counts.
    #[command(after_help = "Example:\n  margin code list study")]
    List(ListArgs),
    // Refactoring (src/cli/code_refactor.rs); the about text is on each Args.
    Rename(super::code_refactor::RenameArgs),
    Merge(super::code_refactor::MergeArgs),
    Split(super::code_refactor::SplitArgs),
    Move(super::code_refactor::MoveArgs),
    Promote(super::code_refactor::PromoteArgs),
    Delete(super::code_refactor::DeleteArgs),
    Extracts(super::code_refactor::ExtractsArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The project folder.
    pub dir: PathBuf,
    /// The code's name.
    pub name: String,
    /// What the code means.
    #[arg(long, default_value = "")]
    pub description: String,
    /// When to use it.
    #[arg(long, default_value = "")]
    pub inclusion: String,
    /// When not to use it.
    #[arg(long, default_value = "")]
    pub exclusion: String,
    /// A typical passage.
    #[arg(long, default_value = "")]
    pub example: String,
    /// Colour as #rrggbb (default: the next colour of the palette).
    #[arg(long)]
    pub color: Option<String>,
    /// Put the code into this theme (id or name).
    #[arg(long)]
    pub theme: Option<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// The project folder.
    pub dir: PathBuf,
}

pub fn run(ctx: &Context, command: CodeCommand) -> Result<()> {
    match command {
        CodeCommand::Add(args) => add(ctx, args),
        CodeCommand::List(args) => list(&args),
        CodeCommand::Rename(args) => super::code_refactor::rename(ctx, args),
        CodeCommand::Merge(args) => super::code_refactor::merge(ctx, args),
        CodeCommand::Split(args) => super::code_refactor::split(ctx, args),
        CodeCommand::Move(args) => super::code_refactor::move_code(ctx, args),
        CodeCommand::Promote(args) => super::code_refactor::promote(ctx, args),
        CodeCommand::Delete(args) => super::code_refactor::delete(ctx, args),
        CodeCommand::Extracts(args) => super::code_refactor::extracts(&args),
    }
}

fn add(_ctx: &Context, args: AddArgs) -> Result<()> {
    let (mut project, mut session) = open_for_write(&args.dir)?;
    let mut code = names::new_code(&project, &args.name)?;
    let id = code.id.clone();
    match args.color {
        Some(c) if parse_hex_colour(&c).is_some() => code.color = c.to_ascii_lowercase(),
        Some(c) => bail!("--color {c}: expected a colour like #e06c75"),
        None => {}
    }
    code.description = args.description;
    code.inclusion = args.inclusion;
    code.exclusion = args.exclusion;
    code.example = args.example;
    let mut edits = vec![Edit::AddCode { code }];
    if let Some(reference) = &args.theme {
        let Some(target) = project.theme_by_ref(reference) else {
            bail!("no theme '{reference}'; see `margin theme list`");
        };
        edits.push(Edit::PlaceCode {
            code: id.clone(),
            from: None,
            to: Some((target.id.clone(), target.codes.len())),
        });
    }
    let label = edits
        .iter()
        .map(|e| e.describe(&project))
        .collect::<Vec<_>>()
        .join(", ");
    commit(&mut project, &mut session, Edit::Batch { label, edits })?;
    crate::outln!("added code '{}' (id {id})", project.code_name(&id));
    Ok(())
}

fn list(args: &ListArgs) -> Result<()> {
    let (project, _) = open(&args.dir)?;
    let usage = project.usage_table();
    let mut codes: Vec<&Code> = project.codes.values().collect();
    codes.sort_by_key(|c| c.name.to_lowercase());
    // Columns by display width: accented, CJK and emoji names stay aligned,
    // and the NAME column is as wide as the longest name.
    let width = codes
        .iter()
        .map(|c| c.id.as_str().width())
        .max()
        .unwrap_or(2)
        .max(2);
    let name_width = codes
        .iter()
        .map(|c| c.name.width())
        .max()
        .unwrap_or(4)
        .max(4);
    crate::outln!(
        "{}  {:>7}  {:>4}  {}  THEME",
        pad("ID", width),
        "CODINGS",
        "DOCS",
        pad("NAME", name_width)
    );
    for code in codes {
        let (count, docs) = usage.get(&code.id).copied().unwrap_or_default();
        let theme_name = theme::holder_of(&project.themes, &code.id)
            .map_or("(unsorted)", |(t, _)| t.name.as_str());
        crate::outln!(
            "{}  {count:>7}  {docs:>4}  {}  {theme_name}",
            pad(code.id.as_str(), width),
            pad(&code.name, name_width)
        );
    }
    Ok(())
}

/// `text` followed by spaces up to `width` display columns.
fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}
