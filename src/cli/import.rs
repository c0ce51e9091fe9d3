//! `margin import DIR FILE...`: add transcripts (.txt, .md, .docx, .odt,
//! .srt, .vtt; the reader is chosen by the file's type).

use super::common::{Context, commit, open_for_write};
use crate::edit::Edit;
use crate::import::{doc_id_from_file_name, make_document, read_transcript};
use crate::model::{AttributeDef, AttributeKind, DocId};
use anyhow::{Context as _, Result, anyhow, bail};
use clap::Args;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The project folder.
    pub dir: PathBuf,
    /// Transcript files: .txt or .md (UTF-8, UTF-16 with BOM, or Windows-1252),
    /// .docx (Word), .odt (OpenDocument), .srt or .vtt (subtitles).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The document id (default: the file name without extension). Only with one file.
    #[arg(long)]
    pub id: Option<String>,
    /// The document title (default: the id). Only with one file.
    #[arg(long)]
    pub title: Option<String>,
    /// A case attribute, e.g. --attr role=nurse --attr age=34 (repeatable).
    #[arg(long = "attr", value_name = "KEY=VALUE")]
    pub attrs: Vec<String>,
    /// Import a text even when the project already holds the same text
    /// under another id (by default that is refused: coding one interview
    /// twice splits its codings).
    #[arg(long)]
    pub allow_duplicate: bool,
}

pub fn run(_ctx: &Context, args: ImportArgs) -> Result<()> {
    if args.files.len() > 1 && (args.id.is_some() || args.title.is_some()) {
        bail!("--id and --title name one document; import the files one at a time to use them");
    }
    let attributes = parse_attrs(&args.attrs)?;
    let (mut project, mut session) = open_for_write(&args.dir)?;
    // A value that does not fit its attribute's type would stop the next load.
    for (name, value) in &attributes {
        if let Some(def) = project.manifest.attributes.iter().find(|a| &a.name == name)
            && let Err(message) = def.check(value)
        {
            bail!("--attr {name}={value}: {message}; nothing was imported");
        }
    }

    // Decode everything first, so a bad file stops the import before anything is written.
    let mut edits = Vec::new();
    let mut ids: Vec<DocId> = Vec::new();
    let bar = super::progress::bar(args.files.len() as u64, "importing");
    for file in &args.files {
        let name = file.display().to_string();
        bar.set_message(name.clone());
        let bytes = std::fs::read(file).with_context(|| format!("cannot read {name}"))?;
        let decoded = read_transcript(&bytes, &name).map_err(|e| anyhow!(e))?;
        for warning in &decoded.warnings {
            bar.suspend(|| eprintln!("warning: {warning}"));
        }
        let id = args
            .id
            .as_deref()
            .map_or_else(|| doc_id_from_file_name(&name), DocId::new);
        if !crate::model::is_safe_file_stem(id.as_str()) {
            let why = crate::model::file_name_problem(id.as_str())
                .unwrap_or("use letters, digits, '-', '_' or '.'");
            bail!("{name}: '{id}' cannot be a document id: {why}; give another with --id");
        }
        if project.documents.contains_key(&id) || ids.contains(&id) {
            bail!("{name}: the project already has a document '{id}'; give another with --id");
        }
        let source = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| name.clone());
        let title = args.title.clone().unwrap_or_else(|| id.to_string());
        let mut doc = make_document(id.clone(), title, source, attributes.clone(), decoded.text);
        doc.record.times = decoded.times;
        let twin = project
            .documents
            .values()
            .find(|d| d.text() == doc.text())
            .map(|d| d.id.clone())
            .or_else(|| {
                edits.iter().find_map(|e| match e {
                    Edit::AddDocument { doc: other } if other.text() == doc.text() => {
                        Some(other.id.clone())
                    }
                    _ => None,
                })
            });
        if let Some(twin) = twin {
            if !args.allow_duplicate {
                bail!(
                    "{name}: the project already holds this text as '{twin}'; nothing imported (--allow-duplicate imports it again as '{id}')"
                );
            }
            eprintln!("warning: {name} has the same text as '{twin}'; imported again as '{id}'");
        }
        ids.push(id);
        edits.push(Edit::AddDocument { doc: Box::new(doc) });
        bar.inc(1);
    }
    bar.finish_and_clear();
    let mut manifest = project.manifest.clone();
    for (name, value) in &attributes {
        if !manifest.attributes.iter().any(|a| &a.name == name) {
            let kind = if value.trim().parse::<f64>().is_ok() {
                AttributeKind::Number
            } else {
                AttributeKind::Text
            };
            manifest
                .attributes
                .push(AttributeDef::new(name.clone(), kind));
        }
    }
    if manifest != project.manifest {
        edits.push(Edit::SetManifest {
            before: Box::new(project.manifest.clone()),
            after: Box::new(manifest),
        });
    }
    let label = format!(
        "import {}",
        ids.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    );
    commit(&mut project, &mut session, Edit::Batch { label, edits })?;
    for id in &ids {
        let doc = &project.documents[id];
        let (lines, words) = (
            doc.index().line_count(),
            doc.text().split_whitespace().count(),
        );
        crate::outln!(
            "imported {id}: {lines} line{}, {words} word{}",
            if lines == 1 { "" } else { "s" },
            if words == 1 { "" } else { "s" }
        );
    }
    Ok(())
}

fn parse_attrs(attrs: &[String]) -> Result<BTreeMap<String, String>> {
    let mut map = BTreeMap::new();
    for attr in attrs {
        let Some((key, value)) = attr.split_once('=') else {
            bail!("--attr {attr}: expected KEY=VALUE, e.g. --attr role=nurse");
        };
        let key = key.trim();
        if key.is_empty() {
            bail!("--attr {attr}: the attribute needs a name before '='");
        }
        map.insert(key.to_string(), value.trim().to_string());
    }
    Ok(map)
}
