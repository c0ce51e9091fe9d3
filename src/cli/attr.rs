//! `margin attr set|list|import|define`: the case attributes of documents.

use super::common::{Context, commit, open, open_session};
use super::refactor::doc_ref;
use crate::edit::cases::{define_attribute, set_attribute, set_attributes};
use crate::model::{AttributeDef, AttributeKind, DocId, Project};
use anyhow::{Context as _, Result, anyhow, bail};
use clap::{Args, Subcommand, ValueEnum};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum AttrCommand {
    /// Set attributes of one document: KEY=VALUE ... (an empty value clears one).
    #[command(after_help = "Example:\n  margin attr set study P3 role=nurse age=38")]
    Set(SetArgs),
    /// List the attribute definitions and every document's values.
    #[command(after_help = "Example:\n  margin attr list study --csv > cases.csv")]
    List(ListArgs),
    /// Set attributes from a CSV file: a header `document,ATTR,...`, one row per document.
    #[command(
        after_help = "Example:\n  margin attr import study cases.csv\nAll or nothing: unknown documents and values that do not fit their type are\nreported as FILE:ROW:COLUMN and nothing is written unless every row is good."
    )]
    Import(ImportArgs),
    /// Declare an attribute's type: text, number, date (YYYY-MM-DD) or choice.
    #[command(
        after_help = "Examples:\n  margin attr define study role --kind choice --values 'nurse,recovery worker,team leader'\n  margin attr define study interviewed --kind date"
    )]
    Define(DefineArgs),
}

#[derive(Debug, Args)]
pub struct SetArgs {
    /// The project folder.
    pub dir: PathBuf,
    /// The document (id or title).
    pub doc: String,
    /// KEY=VALUE pairs.
    #[arg(required = true, value_name = "KEY=VALUE")]
    pub pairs: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// The project folder.
    pub dir: PathBuf,
    /// One CSV row per document (the format `attr import` reads).
    #[arg(long)]
    pub csv: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The project folder.
    pub dir: PathBuf,
    /// A CSV file (UTF-8, header row): the first column names the document.
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct DefineArgs {
    /// The project folder.
    pub dir: PathBuf,
    /// The attribute's name.
    pub name: String,
    #[arg(long, value_enum)]
    pub kind: Kind,
    /// A choice's allowed values, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub values: Vec<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Kind {
    Text,
    Number,
    Date,
    Choice,
}

impl From<Kind> for AttributeKind {
    fn from(kind: Kind) -> Self {
        match kind {
            Kind::Text => AttributeKind::Text,
            Kind::Number => AttributeKind::Number,
            Kind::Date => AttributeKind::Date,
            Kind::Choice => AttributeKind::Choice,
        }
    }
}

pub fn run(_ctx: &Context, command: AttrCommand) -> Result<()> {
    match command {
        AttrCommand::Set(args) => set(args),
        AttrCommand::List(args) => list(&args),
        AttrCommand::Import(args) => import(args),
        AttrCommand::Define(args) => define(args),
    }
}

fn set(args: SetArgs) -> Result<()> {
    let (mut project, mut session) = open_session(&args.dir)?;
    let doc = doc_ref(&project, &args.doc)?.id.clone();
    let mut values = BTreeMap::new();
    for pair in &args.pairs {
        let Some((key, value)) = pair.split_once('=') else {
            bail!("{pair}: expected KEY=VALUE, e.g. role=nurse");
        };
        values.insert(key.trim().to_string(), value.trim().to_string());
    }
    let edit = match values.iter().collect::<Vec<_>>().as_slice() {
        [(name, value)] => set_attribute(&project, &doc, name, value).map_err(|e| anyhow!(e))?,
        _ => set_attributes(&project, &BTreeMap::from([(doc.clone(), values)]))
            .map_err(|errors| anyhow!(errors.join("\n")))?,
    };
    if matches!(&edit, crate::edit::Edit::Batch { edits, .. } if edits.is_empty()) {
        crate::outln!("{doc}: unchanged");
        return Ok(());
    }
    crate::outln!("{}", commit(&mut project, &mut session, edit)?);
    Ok(())
}

fn list(args: &ListArgs) -> Result<()> {
    let (project, _) = open(&args.dir)?;
    if args.csv {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(header(&project))?;
        for doc in project.documents.values() {
            let mut row = vec![doc.id.to_string()];
            row.extend(project.manifest.attributes.iter().map(|a| {
                doc.record
                    .attributes
                    .get(&a.name)
                    .cloned()
                    .unwrap_or_default()
            }));
            writer.write_record(row)?;
        }
        let bytes = writer.into_inner().map_err(|e| anyhow!("{e}"))?;
        crate::out!("{}", String::from_utf8_lossy(&bytes));
        return Ok(());
    }
    if project.manifest.attributes.is_empty() {
        crate::outln!("no attributes defined; set one with `margin attr set DIR DOC key=value`");
    }
    for def in &project.manifest.attributes {
        let values = if def.values.is_empty() {
            String::new()
        } else {
            format!(": {}", def.values.join(", "))
        };
        crate::outln!("{} ({}{values})", def.name, def.kind.label());
    }
    crate::outln!();
    for doc in project.documents.values() {
        let pairs: Vec<String> = project
            .manifest
            .attributes
            .iter()
            .filter_map(|a| {
                let value = doc.record.attributes.get(&a.name)?;
                Some(format!("{}={value}", a.name))
            })
            .collect();
        crate::outln!("{}  {}", doc.id, pairs.join("  "));
    }
    Ok(())
}

fn header(project: &Project) -> Vec<String> {
    let mut header = vec!["document".to_string()];
    header.extend(project.manifest.attributes.iter().map(|a| a.name.clone()));
    header
}

fn import(args: ImportArgs) -> Result<()> {
    let (mut project, mut session) = open_session(&args.dir)?;
    let values = read_cases(&project, &args.file)?;
    let n = values.len();
    let edit = set_attributes(&project, &values).map_err(|errors| anyhow!(errors.join("\n")))?;
    if matches!(&edit, crate::edit::Edit::Batch { edits, .. } if edits.is_empty()) {
        crate::outln!("every value was already set; nothing changed");
        return Ok(());
    }
    commit(&mut project, &mut session, edit)?;
    crate::outln!(
        "set attributes of {} from {}",
        crate::text::count(n, "document", "documents"),
        args.file.display()
    );
    Ok(())
}

/// Reads and checks a cases CSV; every problem is named FILE:ROW:COLUMN
/// (1-based, the header being row 1) and all are reported at once.
fn read_cases(project: &Project, file: &Path) -> Result<BTreeMap<DocId, BTreeMap<String, String>>> {
    let name = file.display().to_string();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_path(file)
        .with_context(|| format!("cannot read {name}"))?;
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| anyhow!("{name}:1: {e}"))?
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
        .collect();
    if header.len() < 2 {
        bail!(
            "{name}:1:1: expected a header naming the document column and at least one attribute, e.g. document,role,age"
        );
    }
    let mut problems = Vec::new();
    let mut seen_names = std::collections::BTreeSet::new();
    for (col, h) in header.iter().enumerate().skip(1) {
        if h.is_empty() {
            problems.push(format!(
                "{name}:1:{}: the column needs an attribute name",
                col + 1
            ));
        } else if !seen_names.insert(h.clone()) {
            problems.push(format!(
                "{name}:1:{}: attribute '{h}' appears twice",
                col + 1
            ));
        }
    }
    let defs: BTreeMap<&str, &AttributeDef> = project
        .manifest
        .attributes
        .iter()
        .map(|a| (a.name.as_str(), a))
        .collect();
    let mut out: BTreeMap<DocId, BTreeMap<String, String>> = BTreeMap::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(err) => {
                let row = err.position().map_or(0, |p| p.line());
                problems.push(format!("{name}:{row}: {err}"));
                continue;
            }
        };
        let row = record.position().map_or(0, |p| p.line());
        let doc_name = record.get(0).unwrap_or("").trim();
        let Some(doc) = project.document_by_ref(doc_name) else {
            problems.push(format!(
                "{name}:{row}:1: no document '{doc_name}' in the project"
            ));
            continue;
        };
        if out.contains_key(&doc.id) {
            problems.push(format!(
                "{name}:{row}:1: document '{doc_name}' has a second row"
            ));
            continue;
        }
        let mut values = BTreeMap::new();
        for (col, value) in record.iter().enumerate().skip(1) {
            let attr = &header[col];
            let value = value.trim();
            if let Some(def) = defs.get(attr.as_str())
                && !value.is_empty()
                && let Err(message) = def.check(value)
            {
                problems.push(format!("{name}:{row}:{}: {message}", col + 1));
            }
            values.insert(attr.clone(), value.to_string());
        }
        out.insert(doc.id.clone(), values);
    }
    if !problems.is_empty() {
        bail!("{}\nnothing was written", problems.join("\n"));
    }
    Ok(out)
}

fn define(args: DefineArgs) -> Result<()> {
    let (mut project, mut session) = open_session(&args.dir)?;
    let kind = AttributeKind::from(args.kind);
    if kind != AttributeKind::Choice && !args.values.is_empty() {
        bail!("--values only applies to --kind choice");
    }
    let def = AttributeDef {
        name: args.name.trim().to_string(),
        kind,
        values: args.values.iter().map(|v| v.trim().to_string()).collect(),
    };
    let edit = define_attribute(&project, def)
        .map_err(|errors| anyhow!("{}\nnothing was written", errors.join("\n")))?;
    crate::outln!("{}", commit(&mut project, &mut session, edit)?);
    Ok(())
}
