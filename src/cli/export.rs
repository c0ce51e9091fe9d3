//! `margin export DIR --format FORMAT -o FILE`: the project in another
//! tool's format. The formats themselves are written in `interop`.

use super::common::{Context, open};
use crate::interop::refi::{qdc, qde_write};
use crate::store::write_atomic;
use crate::text::count;
use anyhow::{Context as _, Result, anyhow};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The project folder.
    pub dir: PathBuf,
    /// What to write.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// The file to write (replaced if it exists).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// REFI-QDA codebook (.qdc): codes and themes as one tree, for NVivo, ATLAS.ti, MAXQDA, QualCoder.
    Qdc,
    /// REFI-QDA project (.qdpx): documents, codes, codings, coders, memos and attributes.
    Qdpx,
}

pub fn run(_ctx: &Context, args: ExportArgs) -> Result<()> {
    let (project, _store) = open(&args.dir)?;
    let out = args.output.display().to_string();
    let (bytes, what) = match args.format {
        ExportFormat::Qdc => {
            let text = qdc::write(&project).map_err(|e| anyhow!("cannot export {out}: {e}"))?;
            let themes = crate::model::theme::walk(&project.themes).len();
            (
                text.into_bytes(),
                format!(
                    "{}, {}",
                    count(project.codes.len(), "code", "codes"),
                    count(themes, "theme", "themes")
                ),
            )
        }
        ExportFormat::Qdpx => {
            let bar = super::progress::bar(project.documents.len() as u64, "exporting");
            let bytes = qde_write::write_qdpx(&project, &mut |id| {
                bar.set_message(id.to_string());
                bar.inc(1);
            })
            .map_err(|e| anyhow!("cannot export {out}: {e}"))?;
            bar.finish_and_clear();
            (
                bytes,
                format!(
                    "{}, {}, {}",
                    count(project.documents.len(), "document", "documents"),
                    count(project.codes.len(), "code", "codes"),
                    count(project.coding_count(), "coding", "codings")
                ),
            )
        }
    };
    write_atomic(&args.output, &bytes).with_context(|| format!("cannot write {out}"))?;
    crate::outln!("wrote {out}: {what}");
    Ok(())
}
