//! `margin memo DIR TARGET [--set TEXT | --file F | --clear]`.

use super::common::{Context, commit, open_for_write, open_session};
use super::refactor::{code_ref, doc_ref, theme_ref};
use crate::edit::compose;
use crate::model::{MemoTarget, Project};
use anyhow::{Context as _, Result, bail};
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct MemoArgs {
    /// The project folder.
    pub dir: PathBuf,
    /// project, doc:ID, code:CODE or theme:THEME (codes and themes by id or name).
    pub target: String,
    /// Replace the memo with this text.
    #[arg(long, conflicts_with_all = ["file", "clear"])]
    pub set: Option<String>,
    /// Replace the memo with the content of this Markdown file.
    #[arg(long, conflicts_with = "clear")]
    pub file: Option<PathBuf>,
    /// Delete the memo.
    #[arg(long)]
    pub clear: bool,
}

pub fn run(_ctx: &Context, args: MemoArgs) -> Result<()> {
    let writes = args.clear || args.set.is_some() || args.file.is_some();
    let (mut project, mut session) = if writes {
        open_for_write(&args.dir)?
    } else {
        open_session(&args.dir)?
    };
    let target = parse_target(&project, &args.target)?;
    let after = if args.clear {
        String::new()
    } else if let Some(text) = args.set {
        text
    } else if let Some(file) = &args.file {
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?
    } else {
        match project.memos.get(&target) {
            Some(text) => crate::out!("{text}"),
            None => crate::outln!("no memo on {target}"),
        }
        return Ok(());
    };
    let Some(edit) = compose::set_memo(&project, &target, &after) else {
        crate::outln!("the memo on {target} is unchanged");
        return Ok(());
    };
    let message = commit(&mut project, &mut session, edit)?;
    crate::outln!("{message}");
    Ok(())
}

/// Parses `project`, `doc:ID`, `code:CODE`, `theme:THEME`.
pub fn parse_target(project: &Project, spec: &str) -> Result<MemoTarget> {
    if spec == "project" {
        return Ok(MemoTarget::Project);
    }
    let Some((kind, reference)) = spec.split_once(':') else {
        bail!("memo target '{spec}': expected project, doc:ID, code:CODE or theme:THEME");
    };
    match kind {
        "doc" | "document" => Ok(MemoTarget::Document(
            doc_ref(project, reference)?.id.clone(),
        )),
        "code" => Ok(MemoTarget::Code(code_ref(project, reference)?)),
        "theme" => Ok(MemoTarget::Theme(theme_ref(project, reference)?)),
        _ => bail!("memo target '{spec}': expected project, doc:ID, code:CODE or theme:THEME"),
    }
}
