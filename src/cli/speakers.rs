//! `margin speakers list` and `margin speakers rename`: who speaks in the
//! transcripts, and renaming a speaker's label (codings move with the text).

use super::common::{Context, open};
use super::refactor::{RefactorOpts, execute_rewriting_transcripts};
use crate::model::DocId;
use anyhow::{Result, anyhow};
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum SpeakersCommand {
    /// Every speaker with roles, turns and documents.
    #[command(after_help = "Example:\n  margin speakers list study")]
    List(ListArgs),
    /// Rename a speaker in the transcripts' labels; codings keep their words.
    #[command(
        after_help = "Examples:\n  margin speakers rename study 'Jane Smith' P3 --reason 'pseudonymise'\n  margin speakers rename study INT Interviewer --docs P1,P2 --dry-run"
    )]
    Rename(RenameArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// The project folder.
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct RenameArgs {
    #[command(flatten)]
    pub opts: RefactorOpts,
    /// The speaker's name as the labels write it.
    pub from: String,
    /// The new name.
    pub to: String,
    /// Only in these documents (comma-separated ids).
    #[arg(long, value_delimiter = ',')]
    pub docs: Vec<String>,
}

pub fn run(ctx: &Context, command: SpeakersCommand) -> Result<()> {
    match command {
        SpeakersCommand::List(args) => list(&args),
        SpeakersCommand::Rename(args) => rename(ctx, &args),
    }
}

fn list(args: &ListArgs) -> Result<()> {
    let (project, _) = open(&args.dir)?;
    let speakers = crate::refactor::speakers::speakers(&project);
    if speakers.is_empty() {
        crate::outln!("no speaker labels found (lines such as 'Interviewer: ...')");
        return Ok(());
    }
    let width = speakers
        .iter()
        .map(|s| s.name.chars().count())
        .max()
        .unwrap_or(0);
    crate::outln!("{:<width$}  {:>5}  documents", "speaker", "turns");
    for s in &speakers {
        let docs: Vec<&str> = s.documents.iter().map(DocId::as_str).collect();
        let roles = if s.roles.is_empty() {
            String::new()
        } else {
            let roles: Vec<&str> = s.roles.iter().map(String::as_str).collect();
            format!("  ({})", roles.join(", "))
        };
        crate::outln!(
            "{:<width$}  {:>5}  {}{roles}",
            s.name,
            s.turns,
            docs.join(",")
        );
    }
    Ok(())
}

fn rename(ctx: &Context, args: &RenameArgs) -> Result<()> {
    execute_rewriting_transcripts(ctx, &args.opts, |project, stamp| {
        let docs: Vec<DocId> = args.docs.iter().map(|d| DocId::new(d.trim())).collect();
        let docs = (!docs.is_empty()).then_some(docs.as_slice());
        crate::refactor::speakers::rename_speaker(project, &args.from, &args.to, docs, stamp)
            .map_err(|e| anyhow!(e))
    })
}
