//! `margin init DIR`: an empty project, ready for git.

use super::common::Context;
use crate::model::{Manifest, Project};
use crate::store::{Store, write_atomic};
use anyhow::{Context as _, Result, anyhow};
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the project in (created if missing; default: the
    /// current folder, as `git init`).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The study's title (default: the folder name).
    #[arg(long)]
    pub title: Option<String>,
    /// A short description of the study.
    #[arg(long, default_value = "")]
    pub description: String,
}

/// Lines margin puts in a new project's .gitattributes: keep every file LF so
/// offsets and hashes agree on every platform, and assign margin's merge
/// driver and coding diff (active once `margin git-setup` has run).
pub const GITATTRIBUTES: &str = "# Written by margin init. Transcripts and project files are UTF-8 text with LF line ends.\n* text=auto eol=lf\n# margin's structural merge and readable coding diffs (margin git-setup DIR enables them per clone).\n*.ron merge=margin\ncodings/**/*.ron diff=margin\n";

pub const GITIGNORE: &str =
    "# Written by margin init.\n.margin.lock\n.margin-*.tmp\n.margin-txn.ron\n";

pub fn run(_ctx: &Context, args: InitArgs) -> Result<()> {
    let title = args.title.unwrap_or_else(|| folder_name(&args.dir));
    let mut manifest = Manifest::new(title);
    manifest.description = args.description;
    let project = Project::new(manifest);
    Store::create(&args.dir, &project).map_err(|e| anyhow!(e))?;
    for (name, content) in [(".gitattributes", GITATTRIBUTES), (".gitignore", GITIGNORE)] {
        let path = args.dir.join(name);
        if !path.exists() {
            write_atomic(&path, content.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
    }
    crate::outln!(
        "created project '{}' in {}",
        project.manifest.title,
        args.dir.display()
    );
    crate::outln!("{}", next_steps(&args.dir));
    Ok(())
}

/// What a newcomer does next, with the folder they named.
fn next_steps(dir: &Path) -> String {
    let d = dir.display().to_string();
    let d = if d.contains(' ') { format!("'{d}'") } else { d };
    let enter = if d == "." {
        String::new()
    } else {
        format!("cd {d} && ")
    };
    format!(
        "next steps:\n  {enter}margin import . ~/interviews/*.txt    add transcripts (.txt, .md)\n  git init && git add -A && git commit -m 'new study'    keep the study in git\n  margin git-setup .    margin's merge driver and readable coding diffs (once per clone)\n  margin    open the workbench (inside the project folder)"
    )
}

fn folder_name(dir: &Path) -> String {
    std::path::absolute(dir)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "Untitled study".to_string())
}
