//! `margin report DIR --format md|html|docx -o FILE`: the write-up, naming the
//! commit it was made from.

use super::common::{Context, open};
use crate::analysis::query::Filter;
use crate::model::Project;
use crate::report::{self, Format, Options, Provenance};
use anyhow::{Context as _, Result, anyhow, bail};
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The project folder.
    pub dir: PathBuf,
    #[arg(long, value_enum, default_value = "md")]
    pub format: ReportFormat,
    /// The file to write (default for md and html: standard output; docx needs a file).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Quotes per theme: starred extracts first, then the rule the report states.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub quotes: usize,
    /// Only this theme (id or name) and its subthemes.
    #[arg(long, value_name = "THEME")]
    pub theme: Option<String>,
    /// Only documents whose attribute has this value (repeatable; the global
    /// --coder C keeps one coder's codings).
    #[arg(long = "where", value_name = "ATTR=VALUE")]
    pub conditions: Vec<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    /// Markdown for GitHub and GitLab (Mermaid thematic map).
    Md,
    /// One self-contained HTML file with inline SVG, printable to PDF.
    Html,
    /// A Word document.
    Docx,
}

pub fn run(ctx: &Context, args: ReportArgs) -> Result<()> {
    let (project, _) = open(&args.dir)?;
    let format = match args.format {
        ReportFormat::Md => Format::Markdown,
        ReportFormat::Html => Format::Html,
        ReportFormat::Docx => Format::Docx,
    };
    if format == Format::Docx && args.output.is_none() {
        bail!("a .docx is a binary file: name it with -o FILE, e.g. -o report.docx");
    }
    let filter = filter_from(&project, &args.conditions, ctx.coder_flag.as_deref())?;
    let theme = match &args.theme {
        Some(name) => Some(
            project
                .theme_by_ref(name)
                .ok_or_else(|| anyhow!("no theme '{name}'; `margin theme list` lists them"))?
                .id
                .clone(),
        ),
        None => None,
    };
    let ignore: Vec<&Path> = args.output.iter().map(PathBuf::as_path).collect();
    let provenance = provenance(&args.dir, &ignore);
    let options = Options {
        quotes: args.quotes,
        theme,
        filter,
    };
    let bar = super::progress::bar(
        crate::model::theme::walk(&project.themes).len() as u64,
        "report",
    );
    let bytes = report::render(&project, &provenance, &options, format, &mut |step, _| {
        bar.set_position(step as u64);
    })
    .map_err(|e| anyhow!(e))?;
    bar.finish_and_clear();
    write_output(args.output.as_deref(), &bytes)?;
    if provenance.dirty {
        eprintln!(
            "note: the project has uncommitted changes; the report says so. Commit first to cite it."
        );
    }
    Ok(())
}

/// The commit the project folder is at, and whether it has changes since.
pub fn provenance(dir: &Path, ignore: &[&Path]) -> Provenance {
    match crate::store::git::head_state(dir, ignore) {
        Some((commit, dirty)) => Provenance {
            commit: Some(commit),
            dirty,
        },
        None => Provenance::default(),
    }
}

/// A filter from --where conditions and the global --coder (comma-separated).
pub fn filter_from(
    project: &Project,
    conditions: &[String],
    coders: Option<&str>,
) -> Result<Filter> {
    let mut filter = Filter::default();
    for condition in conditions {
        filter.add_where(condition).map_err(|e| anyhow!(e))?;
    }
    let unknown = filter.unknown_attributes(project);
    if !unknown.is_empty() {
        let names: Vec<&str> = project
            .manifest
            .attributes
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        bail!(
            "--where names no attribute of this project: {}; it has: {}",
            unknown.join(", "),
            names.join(", ")
        );
    }
    for coder in coders
        .unwrap_or("")
        .split(',')
        .filter(|c| !c.trim().is_empty())
    {
        filter.add_coder(coder);
    }
    Ok(filter)
}

/// Writes to FILE all at once (a temporary file renamed over it), or to stdout.
pub fn write_output(output: Option<&Path>, bytes: &[u8]) -> Result<()> {
    let Some(path) = output else {
        crate::out!("{}", String::from_utf8_lossy(bytes));
        return Ok(());
    };
    crate::store::write_atomic(path, bytes)
        .with_context(|| format!("cannot write {}", path.display()))?;
    eprintln!("wrote {}", path.display());
    Ok(())
}
