//! `margin diff`: coding changes as coded text with code and coder, between
//! a git ref and the folder (or two refs); `--textconv FILE` is the form git
//! runs (set up by `margin git-setup`) to show a coding file readably in
//! `git diff`, `git log -p` and pull requests.

use super::common::{Context, follow_in_memory};
use crate::analysis::changes::{Change, CodingView, changes};
use crate::model::{DocId, Project};
use crate::store::Store;
use crate::store::files;
use anyhow::{Context as _, Result};
use clap::Args;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  margin diff study                       what changed since the last commit\n  margin diff study --from main --to ana  what ana's branch adds to main\n  git diff                                after `margin git-setup`, coding files read as coded text"
)]
pub struct DiffArgs {
    /// The project folder (inside a git repository; default: the project
    /// holding the current folder).
    pub dir: Option<PathBuf>,
    /// The state to compare from: a git ref (default HEAD).
    #[arg(long, default_value = "HEAD")]
    pub from: String,
    /// The state to compare to: a git ref (default: the folder as it is now).
    #[arg(long)]
    pub to: Option<String>,
    /// Print one file readably for git (a coding file as one coding a line,
    /// other files as they are); what `diff.margin.textconv` runs.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["dir", "to"])]
    pub textconv: Option<PathBuf>,
}

pub fn run(_ctx: &Context, args: DiffArgs) -> Result<()> {
    if let Some(file) = &args.textconv {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("cannot read {}", file.display()))?;
        crate::out!("{}", textconv(&text));
        return Ok(());
    }
    // DIR is optional in clap here (--textconv takes none), so it is found
    // here rather than by project_dir::normalise.
    let dir = match args.dir {
        Some(dir) => dir,
        None => super::project_dir::project_here().map_err(|e| anyhow::anyhow!(e))?,
    };
    // Only what git says changed is read, at both ends: the manifest,
    // codebook, themes and journal (small, and what every change is named
    // by) and the documents whose text, record or codings changed. A
    // document unchanged at both ends has no change to show.
    let changed = crate::store::git::changed_project_files(&dir, &args.from, args.to.as_deref())?;
    let docs = documents_of(&changed);
    let before = at_ref(&dir, &args.from, &docs)?;
    let after = match &args.to {
        Some(rev) => at_ref(&dir, rev, &docs)?,
        None => {
            let (mut project, _) =
                Store::open_part(&dir, &docs).map_err(|e| anyhow::anyhow!(e.in_folder(&dir)))?;
            follow_in_memory(&mut project);
            project
        }
    };
    let to = args.to.as_deref().unwrap_or("the folder");
    let list = changes(&before, &after);
    if list.is_empty() {
        crate::outln!("no changes from {} to {to}", args.from);
    } else {
        crate::out!("{}", render(&list));
    }
    Ok(())
}

/// The documents a list of changed project files belongs to (a
/// transcript, its record, or a coder's codings of it).
fn documents_of(changed: &[String]) -> BTreeSet<DocId> {
    changed
        .iter()
        .filter_map(|rel| document_of(rel))
        .map(DocId::new)
        .collect()
}

fn document_of(rel: &str) -> Option<&str> {
    if let Some(name) = rel.strip_prefix("documents/") {
        return name
            .strip_suffix(".txt")
            .or_else(|| name.strip_suffix(".ron"))
            .filter(|id| !id.contains('/'));
    }
    let rest = rel.strip_prefix("codings/")?;
    rest.split_once('/').map(|(doc, _)| doc)
}

/// Whether `rel` is read to compare `docs`: the project-wide files, and the
/// files of those documents.
fn wanted(rel: &str, docs: &BTreeSet<DocId>) -> bool {
    matches!(
        rel,
        "margin.ron" | "codebook.ron" | "themes.ron" | "journal.ron"
    ) || document_of(rel).is_some_and(|doc| docs.contains(&DocId::new(doc)))
}

/// The project at a git ref, of the project-wide files and `docs` only;
/// empty where the project did not exist yet (the first commit comes later).
fn at_ref(dir: &Path, rev: &str, docs: &BTreeSet<DocId>) -> Result<Project> {
    let scratch = tempfile::tempdir().context("cannot make a temporary folder")?;
    crate::store::git::export_project_files_at(dir, rev, scratch.path(), &|rel| wanted(rel, docs))?;
    if !scratch.path().join(files::MANIFEST).is_file() {
        return Ok(Project::new(crate::model::Manifest::new("")));
    }
    let (project, _) =
        Store::open(scratch.path()).map_err(|e| anyhow::anyhow!("the project at {rev}: {e}"))?;
    Ok(project)
}

fn coding_line(sign: char, c: &CodingView) -> String {
    let mut line = format!("  {sign} [{}] lines {}: \"{}\"", c.code, c.lines, c.text);
    if !c.memo.is_empty() {
        let _ = write!(line, "  (memo: {})", c.memo);
    }
    line
}

fn fields_text(fields: &[(String, String, String)]) -> String {
    fields
        .iter()
        .map(|(f, a, b)| format!("{f} \"{a}\" -> \"{b}\""))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The changes as text: codings under a `DOC (coder)` heading each.
pub fn render(list: &[Change]) -> String {
    let mut out = String::new();
    let mut heading = String::new();
    let mut head = |out: &mut String, title: String| {
        if title != heading {
            let _ = writeln!(out, "{title}");
            heading = title;
        }
    };
    for change in list {
        let line = match change {
            Change::CodingAdded(c)
            | Change::CodingRemoved(c)
            | Change::CodingMemo { coding: c, .. }
            | Change::CodingStar { coding: c, .. } => {
                head(&mut out, format!("{} ({})", c.doc, c.coder));
                match change {
                    Change::CodingAdded(_) => coding_line('+', c),
                    Change::CodingRemoved(_) => coding_line('-', c),
                    Change::CodingStar { starred, .. } => format!(
                        "{}  ({})",
                        coding_line('~', c),
                        if *starred {
                            "starred for the quote bank"
                        } else {
                            "unstarred"
                        }
                    ),
                    _ => coding_line('~', c),
                }
            }
            Change::DocumentAdded { doc } => {
                head(&mut out, "documents".into());
                format!("  + {doc}")
            }
            Change::DocumentRemoved { doc } => {
                head(&mut out, "documents".into());
                format!("  - {doc}")
            }
            Change::TextCorrected { doc, followed } => {
                head(&mut out, "documents".into());
                format!(
                    "  ~ {doc}: transcript corrected; {} moved with {} words",
                    crate::text::count(*followed, "coding", "codings"),
                    if *followed == 1 { "its" } else { "their" }
                )
            }
            Change::CodeAdded { name } => {
                head(&mut out, "codebook".into());
                format!("  + code '{name}'")
            }
            Change::CodeRemoved { name } => {
                head(&mut out, "codebook".into());
                format!("  - code '{name}'")
            }
            Change::CodeChanged { name, fields } => {
                head(&mut out, "codebook".into());
                format!("  ~ code '{name}': {}", fields_text(fields))
            }
            Change::ThemeAdded { name } => {
                head(&mut out, "themes".into());
                format!("  + theme '{name}'")
            }
            Change::ThemeRemoved { name } => {
                head(&mut out, "themes".into());
                format!("  - theme '{name}'")
            }
            Change::ThemeChanged { name, fields } => {
                head(&mut out, "themes".into());
                format!("  ~ theme '{name}': {}", fields_text(fields))
            }
            Change::CodeMoved { code, from, to } => {
                head(&mut out, "themes".into());
                format!("  ~ code '{code}' moved from {from} to {to}")
            }
        };
        let _ = writeln!(out, "{line}");
    }
    out
}

/// A coding file as one readable line per coding; any other text unchanged.
pub fn textconv(text: &str) -> String {
    let Ok(lines) = crate::store::coding_lines::parse(text) else {
        return text.to_string();
    };
    let mut out = String::new();
    for l in lines {
        let _ = write!(out, "lines {:<7} {}  \"{}\"", l.lines, l.code, l.text);
        let _ = write!(out, "  [{}..{}]", l.start, l.end);
        if !l.memo.is_empty() {
            let _ = write!(out, "  memo: {}", l.memo);
        }
        out.push('\n');
    }
    out
}
