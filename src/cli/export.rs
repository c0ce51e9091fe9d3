//! `margin export DIR --format FORMAT [-o FILE]`: the project for statistics
//! (CSV tables, the codebook as CSV or Markdown) and for other QDA tools
//! (REFI-QDA codebook and project). The formats themselves are written in
//! `report` and `interop`; this file only picks one and writes the result.

use super::common::{Context, open};
use super::report::write_output;
use crate::interop::refi::{qdc, qde_write};
use crate::model::Project;
use crate::store::write_atomic;
use crate::text::count;
use anyhow::{Context as _, Result, anyhow, bail};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The project folder.
    pub dir: PathBuf,
    /// What to write.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// The file to write, replaced if it exists (default for the text formats:
    /// standard output; a .qdpx needs a file).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One row per coding: document, its attributes, speaker, start, end,
    /// lines, code, theme path, coder, starred, text (RFC 4180, UTF-8).
    Csv,
    /// One row per code: theme path, id, name, definition, criteria, counts.
    CodebookCsv,
    /// The codebook as Markdown, themes as headings.
    CodebookMd,
    /// REFI-QDA codebook (.qdc): codes and themes as one tree, for NVivo, ATLAS.ti, MAXQDA, QualCoder.
    Qdc,
    /// REFI-QDA project (.qdpx): documents, codes, codings, coders, memos and attributes.
    Qdpx,
}

pub fn run(_ctx: &Context, args: ExportArgs) -> Result<()> {
    let (project, _) = open(&args.dir)?;
    let text = match args.format {
        ExportFormat::Csv => {
            let bar = super::progress::bar(project.coding_count() as u64, "exporting");
            let table = crate::report::exports::codings_table(&project, &mut |done, _| {
                bar.set_position(done as u64);
            });
            bar.finish_and_clear();
            table.to_csv()
        }
        ExportFormat::CodebookCsv => crate::report::codebook::csv(&project),
        ExportFormat::CodebookMd => crate::report::codebook::markdown(&project),
        ExportFormat::Qdc | ExportFormat::Qdpx => return refi(&project, &args),
    };
    write_output(args.output.as_deref(), text.as_bytes())
}

/// The REFI-QDA formats, written to a file with a line saying what went in.
fn refi(project: &Project, args: &ExportArgs) -> Result<()> {
    let Some(output) = &args.output else {
        bail!("--format qdc and qdpx need a file: -o FILE");
    };
    let out = output.display().to_string();
    let (bytes, what) = if args.format == ExportFormat::Qdc {
        let text = qdc::write(project).map_err(|e| anyhow!("cannot export {out}: {e}"))?;
        let themes = crate::model::theme::walk(&project.themes).len();
        (
            text.into_bytes(),
            format!(
                "{}, {}",
                count(project.codes.len(), "code", "codes"),
                count(themes, "theme", "themes")
            ),
        )
    } else {
        let bar = super::progress::bar(project.documents.len() as u64, "exporting");
        let bytes = qde_write::write_qdpx(project, &mut |id| {
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
    };
    write_atomic(output, &bytes).with_context(|| format!("cannot write {out}"))?;
    crate::outln!("wrote {out}: {what}");
    Ok(())
}
