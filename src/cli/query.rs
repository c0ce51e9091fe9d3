//! `margin query freq|cooc|matrix|extracts`: the analysis queries, as a
//! table, CSV (--csv) or JSON (--json).

use super::common::{Context, open};
use crate::analysis::query::{self, Filter, MatrixBy, Subject, Table, Unit};
use crate::model::Project;
use anyhow::{Result, anyhow, bail};
use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum QueryCommand {
    /// Codings, documents and words per code (or theme), overall and by an attribute.
    #[command(
        after_help = "Examples:\n  margin query freq study --by role\n  margin query freq study --themes --csv > themes.csv\nWords are counted once per passage: overlapping codings of one code (or of\none theme's codes) in a document are joined first."
    )]
    Freq(FreqArgs),
    /// A code x code table of co-occurrence: overlapping passages, shared turns or documents.
    #[command(
        after_help = "Examples:\n  margin query cooc study\n  margin query cooc study --unit turn --jaccard --csv"
    )]
    Cooc(CoocArgs),
    /// Codings per code and document, or per code and attribute value.
    #[command(
        after_help = "Examples:\n  margin query matrix study --by role\n  margin query matrix study --by document --binary --csv > codes.csv   # 0/1 for R"
    )]
    Matrix(MatrixArgs),
    /// Every extract of a code or theme (with its subthemes): document, speaker, lines, coder, text.
    #[command(
        after_help = "Examples:\n  margin query extracts study 'Chaos and unpredictability'\n  margin query extracts study chaotic-daily-life --where role=nurse --coder asha"
    )]
    Extracts(ExtractsArgs),
}

/// Options every query shares.
#[derive(Debug, Args)]
pub struct Common {
    /// The project folder.
    pub dir: PathBuf,
    /// Only documents whose attribute has this value (repeatable: different
    /// attributes must all match, values of one attribute are alternatives).
    /// The global --coder C (comma-separated for several) keeps one coder's codings.
    #[arg(long = "where", value_name = "ATTR=VALUE")]
    pub conditions: Vec<String>,
    /// Print CSV (RFC 4180, header row).
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct FreqArgs {
    #[command(flatten)]
    pub common: Common,
    /// Split the counts by this attribute's values.
    #[arg(long, value_name = "ATTR")]
    pub by: Option<String>,
    /// Count per theme (each with its subthemes' codes) instead of per code.
    #[arg(long)]
    pub themes: bool,
}

#[derive(Debug, Args)]
pub struct CoocArgs {
    #[command(flatten)]
    pub common: Common,
    /// What counts as occurring together.
    #[arg(long, value_enum, default_value = "overlap")]
    pub unit: UnitArg,
    /// Jaccard coefficients instead of counts.
    #[arg(long)]
    pub jaccard: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum UnitArg {
    Overlap,
    Turn,
    Document,
}

#[derive(Debug, Args)]
pub struct MatrixArgs {
    #[command(flatten)]
    pub common: Common,
    /// `document`, or an attribute's name.
    #[arg(long, value_name = "ATTR|document")]
    pub by: String,
    /// 0/1: was the code applied there at all.
    #[arg(long)]
    pub binary: bool,
}

#[derive(Debug, Args)]
pub struct ExtractsArgs {
    #[command(flatten)]
    pub common: Common,
    /// A code or a theme, by id or name.
    pub subject: String,
}

pub fn run(ctx: &Context, command: QueryCommand) -> Result<()> {
    match command {
        QueryCommand::Freq(args) => {
            let (project, filter) = prepare(ctx, &args.common)?;
            let result = query::freq(&project, &filter, args.themes, args.by.as_deref())
                .map_err(|e| anyhow!(e))?;
            if !args.common.csv && !args.common.json && result.by.is_some() {
                crate::outln!(
                    "codings per value of {} in the last columns\n",
                    args.by.as_deref().unwrap_or("")
                );
                crate::out!("{}", result.compact_table().to_text());
                return Ok(());
            }
            emit(&args.common, &result, &result.table())
        }
        QueryCommand::Cooc(args) => {
            let (project, filter) = prepare(ctx, &args.common)?;
            let unit = match args.unit {
                UnitArg::Overlap => Unit::Overlap,
                UnitArg::Turn => Unit::Turn,
                UnitArg::Document => Unit::Document,
            };
            let result = query::cooc(&project, &filter, unit, args.jaccard);
            if !args.common.csv && !args.common.json {
                crate::outln!(
                    "{} shared by two codes (diagonal: each code's own)\n",
                    unit.label()
                );
            }
            emit(&args.common, &result, &result.table())
        }
        QueryCommand::Matrix(args) => {
            let (project, filter) = prepare(ctx, &args.common)?;
            let by = if args.by == "document" {
                MatrixBy::Document
            } else {
                MatrixBy::Attribute(args.by.clone())
            };
            let result =
                query::matrix(&project, &filter, &by, args.binary).map_err(|e| anyhow!(e))?;
            emit(&args.common, &result, &result.table())
        }
        QueryCommand::Extracts(args) => {
            let (project, filter) = prepare(ctx, &args.common)?;
            let Some(subject) = Subject::find(&project, &args.subject) else {
                bail!(
                    "no code or theme '{}'; `margin code list {}` lists them",
                    args.subject,
                    args.common.dir.display()
                );
            };
            let list = query::extracts(&project, Some(&subject), &filter);
            if args.common.csv || args.common.json {
                return emit(&args.common, &list, &query::extracts::table(&list));
            }
            for e in &list {
                let star = if e.starred { " *" } else { "" };
                crate::outln!(
                    "{} {} lines {} [{}, {}]{star}",
                    e.document,
                    e.speaker.as_deref().unwrap_or("-"),
                    e.lines,
                    e.code_name,
                    e.coder
                );
                crate::outln!("  {}\n", e.text.replace('\n', "\n  "));
            }
            crate::outln!(
                "{} of '{}'",
                crate::text::count(list.len(), "extract", "extracts"),
                subject.name(&project)
            );
            Ok(())
        }
    }
}

/// Opens the project and builds the filter from --where and the global --coder.
fn prepare(ctx: &Context, common: &Common) -> Result<(Project, Filter)> {
    let (project, _) = open(&common.dir)?;
    let mut filter = Filter::default();
    for condition in &common.conditions {
        filter.add_where(condition).map_err(|e| anyhow!(e))?;
    }
    let unknown = filter.unknown_attributes(&project);
    if !unknown.is_empty() {
        bail!(
            "--where names no attribute of this project: {}; it has: {}",
            unknown.join(", "),
            project
                .manifest
                .attributes
                .iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if let Some(coders) = &ctx.coder_flag {
        for coder in coders.split(',').filter(|c| !c.trim().is_empty()) {
            filter.add_coder(coder);
        }
    }
    Ok((project, filter))
}

fn emit<T: Serialize>(common: &Common, value: &T, table: &Table) -> Result<()> {
    if common.json {
        crate::outln!("{}", serde_json::to_string_pretty(value)?);
    } else if common.csv {
        crate::out!("{}", table.to_csv());
    } else {
        crate::out!("{}", table.to_text());
    }
    Ok(())
}
