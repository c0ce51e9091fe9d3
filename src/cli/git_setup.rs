//! `margin git-setup DIR`: registers margin's merge driver and diff textconv
//! in the repository's git config. Git keeps drivers out of the repository
//! for safety, so every clone needs this once.

use super::common::Context;
use crate::store::write_atomic;
use anyhow::{Context as _, Result};
use clap::Args;
use std::path::{Path, PathBuf};

/// The lines of a project's .gitattributes that assign margin's drivers.
/// Without `git-setup` git ignores them and merges and diffs line by line.
pub const GITATTRIBUTES_DRIVERS: &str = "# margin's structural merge and readable coding diffs (margin git-setup DIR enables them per clone).\n*.ron merge=margin\ncodings/**/*.ron diff=margin\n";

#[derive(Debug, Args)]
pub struct GitSetupArgs {
    /// The project folder, inside a git repository.
    pub dir: PathBuf,
    /// The margin command git should run (default: this margin's full path).
    #[arg(long, value_name = "COMMAND")]
    pub program: Option<String>,
}

pub fn run(_ctx: &Context, args: GitSetupArgs) -> Result<()> {
    crate::store::git::top_level(&args.dir)?;
    let program = match args.program {
        Some(p) => p,
        None => shell_quote(
            &std::env::current_exe()
                .context("cannot tell where this margin is; pass --program")?
                .display()
                .to_string(),
        ),
    };
    let settings = [
        (
            "merge.margin.name",
            "margin structural merge of project files".to_string(),
        ),
        (
            "merge.margin.driver",
            format!("{program} merge-driver %O %A %B %P"),
        ),
        ("diff.margin.textconv", format!("{program} diff --textconv")),
    ];
    for (key, value) in &settings {
        crate::store::git::config_set(&args.dir, key, value)?;
        crate::outln!("git config {key} '{value}'");
    }
    let added = ensure_attributes(&args.dir)?;
    if added {
        crate::outln!(
            "added margin's drivers to {}",
            args.dir.join(".gitattributes").display()
        );
    }
    crate::outln!(
        "merges and diffs of this clone now go through margin; run this once in every clone"
    );
    Ok(())
}

/// Adds the driver lines to the project's .gitattributes if they are missing.
fn ensure_attributes(dir: &Path) -> Result<bool> {
    let path = dir.join(".gitattributes");
    let current = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let missing: Vec<&str> = GITATTRIBUTES_DRIVERS
        .lines()
        .filter(|l| !l.starts_with('#') && !current.lines().any(|c| c.trim() == *l))
        .collect();
    if missing.is_empty() {
        return Ok(false);
    }
    let mut next = current;
    if !next.is_empty() && !next.ends_with('\n') {
        next.push('\n');
    }
    next.push_str(GITATTRIBUTES_DRIVERS.lines().next().unwrap_or_default());
    next.push('\n');
    for line in missing {
        next.push_str(line);
        next.push('\n');
    }
    write_atomic(&path, next.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(true)
}

/// Quotes a path for the shell git runs drivers through.
fn shell_quote(s: &str) -> String {
    if s.chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}
