//! `margin autocode`: code every match of a pattern across documents, or the
//! sentence, paragraph or speaker turn around it, in one undoable step.

use super::common::{Context, commit, open_for_write, open_session};
use crate::edit::compose;
use crate::model::{Document, Project};
use crate::text::count;
use crate::text::scope::{self, Scope, regex_hits};
use anyhow::{Result, bail};
use clap::{Args, ValueEnum};
use regex::{Regex, RegexBuilder};
use std::collections::BTreeSet;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct AutocodeArgs {
    /// The project folder.
    pub dir: PathBuf,
    /// A regular expression; all lower-case ignores case, as in the workbench.
    #[arg(long, value_name = "REGEX")]
    pub pattern: String,
    /// The code (id or name).
    #[arg(long)]
    pub code: String,
    /// The unit coded around each match; overlapping units become one coding.
    #[arg(long, value_enum, default_value_t = ScopeArg::Match)]
    pub scope: ScopeArg,
    /// Only these documents (ids or titles, comma-separated); default: all.
    #[arg(long, value_delimiter = ',', value_name = "P1,P2")]
    pub docs: Vec<String>,
    /// Only matches in this speaker's turns (the label before the colon).
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// List what would be coded and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// The command-line spelling of a scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ScopeArg {
    Match,
    Sentence,
    Paragraph,
    Turn,
}

impl From<ScopeArg> for Scope {
    fn from(arg: ScopeArg) -> Scope {
        match arg {
            ScopeArg::Match => Scope::Match,
            ScopeArg::Sentence => Scope::Sentence,
            ScopeArg::Paragraph => Scope::Paragraph,
            ScopeArg::Turn => Scope::Turn,
        }
    }
}

pub fn run(ctx: &Context, args: AutocodeArgs) -> Result<()> {
    let regex = compile(&args.pattern)?;
    let (mut project, mut session) = if args.dry_run {
        open_session(&args.dir)?
    } else {
        open_for_write(&args.dir)?
    };
    let coder = ctx.coder(&args.dir)?;
    let Some(code) = project.code_by_ref(&args.code).map(|c| c.id.clone()) else {
        bail!(
            "no code '{}'; see `margin code list`, or add it with `margin code add`",
            args.code
        );
    };
    let docs = chosen_docs(&project, &args.docs)?;
    if let Some(name) = &args.speaker {
        check_speaker(&docs, name)?;
    }
    let scope = Scope::from(args.scope);
    let speaker = args.speaker.as_deref();
    // Document by document: only one document's hits and passages are held
    // at a time, and the plan keeps a few bytes a passage.
    let mut plan = compose::AutoCodePlan::new(&project, &coder, &code);
    let (mut found, mut skipped) = (0, 0);
    for doc in &docs {
        let hits = regex_hits(doc.text(), doc.index(), &regex);
        if hits.is_empty() {
            continue;
        }
        let passages = scope::passages(doc.text(), doc.index(), doc.turns(), &hits, scope, speaker);
        skipped += passages.skipped;
        found += passages.ranges.len();
        for range in passages.ranges {
            plan.add(&doc.id, range);
        }
    }
    if skipped > 0 {
        eprintln!(
            "margin: {skipped} match{} outside any speaker's words left uncoded (--scope turn)",
            if skipped == 1 { "" } else { "es" }
        );
    }
    let name = project.code_name(&code).to_string();
    if plan.is_empty() {
        // Said plainly: "coded 0 passages" read as done, even on a dry run.
        if found == 0 && skipped > 0 {
            // There were matches: "no match" on stdout contradicted stderr.
            crate::outln!(
                "{} for /{}/, all outside any speaker's words (--scope turn codes speech only); nothing coded",
                count(skipped, "match", "matches"),
                args.pattern
            );
        } else if found == 0 {
            // With --speaker, matches elsewhere are not "no match".
            let said = args
                .speaker
                .as_ref()
                .map_or(String::new(), |s| format!(" in what {s} says"));
            crate::outln!(
                "no match for /{}/{said} in {}; nothing coded",
                args.pattern,
                count(docs.len(), "document", "documents")
            );
        } else {
            crate::outln!(
                "every passage found ({found}) is already coded with '{name}'; nothing coded"
            );
        }
        return Ok(());
    }
    let summary = format!(
        "{} in {} with '{name}'",
        count(plan.added().count(), "passage", "passages"),
        count(count_docs(&plan), "document", "documents"),
    );
    if args.dry_run {
        for (doc, start, end) in plan.added() {
            if let Some(d) = project.documents.get(doc) {
                let lines = d.index().line_span(start, end);
                let words = d.excerpt(start, end, 60);
                crate::outln!("{doc} {lines}: {words}");
            }
        }
        crate::outln!("would code {summary} (dry run: nothing written)");
        return Ok(());
    }
    let edit = plan
        .into_edit()
        .expect("a plan that adds something is an edit");
    commit(&mut project, &mut session, edit)?;
    crate::outln!("coded {summary}");
    session.end(project);
    Ok(())
}

/// Compiles the pattern, smart case as in the workbench's search.
fn compile(pattern: &str) -> Result<Regex> {
    if pattern.is_empty() {
        bail!("--pattern needs a regular expression, e.g. --pattern 'never know'");
    }
    let smart = !pattern.chars().any(char::is_uppercase);
    match RegexBuilder::new(pattern).case_insensitive(smart).build() {
        Ok(regex) => Ok(regex),
        Err(err) => {
            let reason = crate::text::pattern_problem(&err);
            bail!("--pattern '{pattern}' is not a valid regular expression: {reason}")
        }
    }
}

fn chosen_docs<'p>(project: &'p Project, refs: &[String]) -> Result<Vec<&'p Document>> {
    if refs.is_empty() {
        return Ok(project.documents.values().collect());
    }
    let mut docs = Vec::new();
    for reference in refs.iter().map(|r| r.trim()).filter(|r| !r.is_empty()) {
        let Some(doc) = project.document_by_ref(reference) else {
            let known: Vec<&str> = project.documents.keys().map(|d| d.as_str()).collect();
            bail!(
                "--docs: no document '{reference}'; the project has: {}",
                known.join(", ")
            );
        };
        if !docs.iter().any(|d: &&Document| d.id == doc.id) {
            docs.push(doc);
        }
    }
    // `--docs ""` (an empty shell variable) searched nothing and said so.
    if docs.is_empty() {
        bail!("--docs names no document; leave it out to search every document");
    }
    Ok(docs)
}

/// A speaker nobody is labelled as is a typo, not an empty result.
fn check_speaker(docs: &[&Document], name: &str) -> Result<()> {
    let speakers: BTreeSet<&str> = docs
        .iter()
        .flat_map(|d| d.turns().iter().map(|t| t.speaker.as_str()))
        .collect();
    if !speakers.iter().any(|s| s.eq_ignore_ascii_case(name)) {
        let list: Vec<&str> = speakers.into_iter().collect();
        bail!(
            "--speaker: nobody is labelled '{name}' in these documents; speakers: {}",
            if list.is_empty() {
                "none".to_string()
            } else {
                list.join(", ")
            }
        );
    }
    Ok(())
}

/// How many documents the plan adds codings to.
fn count_docs(plan: &compose::AutoCodePlan<'_>) -> usize {
    plan.added()
        .map(|(doc, _, _)| doc)
        .collect::<BTreeSet<_>>()
        .len()
}
