//! `margin journal DIR`: the decision journal, oldest first — the audit
//! trail of refactors and theme status changes.

use super::common::open;
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

/// Print the decision journal (journal.ron): when, who, what, and why.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  margin journal study\n  margin journal study --json | jq '.[] | select(.who == \"ana\")'"
)]
pub struct JournalArgs {
    /// The project folder.
    pub dir: PathBuf,
    /// Print JSON: a list of {when, who, what, why}.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &JournalArgs) -> Result<()> {
    let (project, _) = open(&args.dir)?;
    if args.json {
        crate::outln!("{}", serde_json::to_string_pretty(&project.journal)?);
        return Ok(());
    }
    if project.journal.is_empty() {
        crate::outln!("the journal is empty: refactors and theme status changes are recorded here");
        return Ok(());
    }
    for entry in &project.journal {
        crate::outln!("{}  {}  {}", entry.when, entry.who, entry.what);
        if !entry.why.is_empty() {
            crate::outln!("    why: {}", entry.why);
        }
    }
    Ok(())
}
