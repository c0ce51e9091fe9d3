//! `margin export DIR --format ...`: data for statistics and for other tools.

use super::common::{Context, open};
use super::report::write_output;
use anyhow::Result;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The project folder.
    pub dir: PathBuf,
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// The file to write (default: standard output).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// One row per coding: document, its attributes, speaker, start, end,
    /// lines, code, theme path, coder, starred, text (RFC 4180, UTF-8).
    Csv,
    /// One row per code: theme path, id, name, definition, criteria, counts.
    CodebookCsv,
    /// The codebook as Markdown, themes as headings.
    CodebookMd,
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
    };
    write_output(args.output.as_deref(), text.as_bytes())
}
