//! `margin completions SHELL` and `margin man`: generated from the clap
//! definitions, so they can never disagree with `--help`.

use super::common::Context;
use anyhow::{Context as _, Result};
use clap::{Args, CommandFactory};
use std::io::Write;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write margin.1 and one page per subcommand (margin-stats.1, ...) into
    /// this folder instead of printing margin.1.
    #[arg(long, value_name = "FOLDER")]
    pub out: Option<std::path::PathBuf>,
}

pub fn completions(_ctx: &Context, args: CompletionsArgs) -> Result<()> {
    let mut cmd = super::Cli::command();
    let mut out = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut cmd, "margin", &mut out);
    out.flush().context("cannot write the completions")
}

pub fn man(_ctx: &Context, args: ManArgs) -> Result<()> {
    let cmd = super::Cli::command();
    if let Some(folder) = args.out {
        std::fs::create_dir_all(&folder)
            .with_context(|| format!("cannot create {}", folder.display()))?;
        clap_mangen::generate_to(cmd, &folder)
            .with_context(|| format!("cannot write the man pages into {}", folder.display()))?;
        crate::outln!("wrote the man pages into {}", folder.display());
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    clap_mangen::Man::new(cmd)
        .render(&mut out)
        .context("cannot write the man page")?;
    out.flush().context("cannot write the man page")
}
