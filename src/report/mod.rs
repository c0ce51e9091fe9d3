//! The write-up: reports (Markdown, self-contained HTML, Word .docx) and the
//! exports for statistics (codings CSV, codebook CSV and Markdown). Pure: each
//! writer turns a loaded project and a `Provenance` into bytes; the CLI writes
//! the file. The same project and provenance always give the same bytes.

pub mod codebook;
pub mod content;
pub mod docx;
pub mod exports;
pub mod html;
pub mod markdown;
pub mod quotes;
pub mod svg;

pub use content::{Options, Provenance, Report, build};

/// Which file a report is written as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Docx,
}

/// Builds the report and renders it. `progress` is called once per theme
/// section as it is gathered (step, of how many), for a progress bar.
pub fn render(
    project: &crate::model::Project,
    provenance: &Provenance,
    options: &Options,
    format: Format,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<u8>, String> {
    let report = build(project, provenance, options, progress)?;
    Ok(match format {
        Format::Markdown => markdown::render(&report).into_bytes(),
        Format::Html => html::render(&report).into_bytes(),
        Format::Docx => docx::render(&report)?,
    })
}
