//! `margin agree`: inter-coder agreement on character units, between coders,
//! groups of coders, or the work on several git refs.

use super::common::{Context, open, open_at_ref};
use crate::analysis::agreement::{AgreementError, CodeRow, Comparison, Group, Report, compare};
use crate::analysis::coders::active_coders;
use crate::analysis::coders::pairs;
use crate::analysis::pairwise::{PairResult, PairwiseOptions, compare_pairs, for_each_pair};
use crate::analysis::refs::{RefSpec, combine, name_sources};
use crate::model::{DocId, Project};
use crate::store::files;
use anyhow::{Result, anyhow, bail};
use clap::Args;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Examples, and how the figures are counted and degenerate cases reported.
const HELP: &str = "\
Examples:
  margin agree study
  margin agree study --coders ana,ben --docs P1,P2 --json
  margin agree study --coders ana,ben --against cy
  margin agree study --refs alice,bob

Units are characters: for each code and document every character is coded or
not by each coder (or group: a group codes a character if any member does), as
NVivo's coding comparison counts. Reported: percentage agreement (characters on
which all agree), Cohen's kappa (two coders or groups only) and Krippendorff's
alpha (nominal, two or more).
  per code and document   the characters of that document
  per code                the characters of every compared document, pooled
  overall                 every code x document unit pooled (a character
                          counts once per code), as NVivo pools
Who is compared: by default, and with --coders alone, every pair of coders,
each pair on the documents both have coded (named in the heading), so a coder
who has coded one interview adds pairs of their own and never narrows the
others. --docs compares those documents whoever coded them. A coder named in
--coders who has coded nothing there counts as coding nothing (with a note),
so blind work can be compared before one side has started; a name that is no
coder is an error. --against compares two groups on the documents both coded.
Where nobody used a code (or all coded every character) there is nothing to
disagree on and kappa, alpha are 0/0: margin prints 'n/a (no variation)'; the
JSON keeps 1 (as NVivo reports) with no_variation: true.
JSON: one pair gives one report; several give {pairs: [{coders, notes,
report}]}.
Per-document rows list only documents where someone used the code.
--refs REF[:CODER[+CODER]],...: reads the project at each git ref without
checking out; a bare REF counts the codings of the coder named like the ref
(alice for origin/alice) if there are any, else every coding at that ref.
Documents whose text differs between refs are left out (and named).";

#[derive(Debug, Args)]
#[command(after_help = HELP)]
pub struct AgreeArgs {
    /// The project folder.
    pub dir: PathBuf,
    /// Coders to compare, pair by pair (default: every coder with codings).
    #[arg(long, value_delimiter = ',', value_name = "A,B,...")]
    pub coders: Vec<String>,
    /// Compare the --coders as one group against these as another.
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "C,D,...",
        requires = "coders"
    )]
    pub against: Vec<String>,
    /// Only these documents (ids or titles).
    #[arg(long, value_delimiter = ',', value_name = "P1,P2,...")]
    pub docs: Vec<String>,
    /// Only these codes (ids or names).
    #[arg(long, value_delimiter = ',', value_name = "CODE,...")]
    pub codes: Vec<String>,
    /// Compare the project as it stands at these git refs.
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "REF[:CODER],...",
        conflicts_with_all = ["coders", "against"]
    )]
    pub refs: Vec<String>,
    /// Print JSON: groups, documents, codes (each with code, name, agreement,
    /// kappa, alpha, tally and per-document rows) and overall.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    units: &'static str,
    #[serde(flatten)]
    report: &'a Report,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    skipped_documents: Vec<DocId>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notes: Vec<String>,
}

/// By default (and with --coders alone): every pair of coders, each on the
/// documents both coded (or on --docs), so a coder who has coded one
/// interview never narrows the comparison of the others.
fn run_pairwise(args: &AgreeArgs) -> Result<()> {
    let (project, _) = open(&args.dir)?;
    let options = PairwiseOptions {
        coders: if args.coders.is_empty() {
            None
        } else {
            check_coders(&project, &args.coders)?;
            Some(args.coders.clone())
        },
        docs: docs_of(&project, args)?,
        codes: codes_of(&project, args)?,
    };
    let too_few = |e: AgreementError| match e {
        AgreementError::TooFewGroups(_) => {
            let active = active_coders(&project);
            anyhow!(
                "agreement needs two coders with codings; this project has {}",
                if active.is_empty() {
                    "none".to_string()
                } else {
                    active.join(", ")
                }
            )
        }
        other => anyhow!(other),
    };
    let pair_count = pairs(
        &options
            .coders
            .clone()
            .unwrap_or_else(|| active_coders(&project)),
    )
    .len();
    if args.json && pair_count == 1 {
        let results = compare_pairs(&project, &options).map_err(too_few)?;
        let only = &results[0];
        let Some(report) = &only.report else {
            bail!("{} and {} have no document both coded", only.a, only.b);
        };
        let json = JsonReport {
            units: "characters",
            report,
            skipped_documents: Vec::new(),
            notes: only.notes.clone(),
        };
        crate::outln!("{}", serde_json::to_string_pretty(&json)?);
        return Ok(());
    }
    // Several pairs: each is printed as soon as it is compared, then
    // dropped, so the reports of every pair are never held at once.
    let mut failed = None;
    let mut printed = 0usize;
    for_each_pair(&project, &options, |pair| {
        if failed.is_some() {
            return;
        }
        let shown = if args.json {
            json_pair(&pair, printed == 0)
        } else {
            Ok(text_pair(&pair, options.docs.is_none(), printed == 0))
        };
        match shown {
            Ok(text) => crate::out!("{text}"),
            Err(e) => failed = Some(e),
        }
        printed += 1;
    })
    .map_err(too_few)?;
    if let Some(e) = failed {
        return Err(e);
    }
    if args.json {
        crate::outln!("\n  ],\n  \"units\": \"characters\"\n}}");
    }
    Ok(())
}

/// One pair of `{"pairs": [...], "units": "characters"}`, printed as
/// serde_json pretty-prints the whole document as a `Value` (keys sorted,
/// two spaces a level), with the opening of the document before the first
/// pair. Code rows become values one at a time: a pair's rows for every
/// code and document, as one value, took several times the text's size.
/// Prints as it goes; returns what is left to print.
fn json_pair(pair: &PairResult, first: bool) -> Result<String> {
    let mut out = String::from(if first { "{\n  \"pairs\": [\n" } else { ",\n" });
    out.push_str("    {\n");
    push_field(&mut out, 6, "coders", &[&pair.a, &pair.b], true)?;
    push_field(&mut out, 6, "notes", &pair.notes, true)?;
    match &pair.report {
        None => out.push_str("      \"report\": null\n"),
        Some(report) => {
            out.push_str("      \"report\": {\n        \"codes\": ");
            if report.codes.is_empty() {
                out.push_str("[]");
            } else {
                out.push_str("[\n");
                for (i, row) in report.codes.iter().enumerate() {
                    if i > 0 {
                        out.push_str(",\n");
                    }
                    out.push_str(&" ".repeat(10));
                    out.push_str(&pretty_at(row, 10)?);
                    // Printed as it grows: a pair's rows run to tens of MB.
                    if out.len() > 1 << 16 {
                        crate::out!("{out}");
                        out.clear();
                    }
                }
                out.push_str("\n        ]");
            }
            out.push_str(",\n");
            push_field(&mut out, 8, "documents", &report.documents, true)?;
            push_field(&mut out, 8, "groups", &report.groups, true)?;
            push_field(&mut out, 8, "overall", &report.overall, false)?;
            out.push_str("      }\n");
        }
    }
    out.push_str("    }");
    Ok(out)
}

/// `"key": value` at `indent` spaces, as a pretty-printed `Value` has it
/// there, with a comma when more fields follow.
fn push_field(
    out: &mut String,
    indent: usize,
    key: &str,
    value: &impl Serialize,
    more: bool,
) -> Result<()> {
    out.push_str(&" ".repeat(indent));
    out.push_str(&serde_json::to_string(key)?);
    out.push_str(": ");
    out.push_str(&pretty_at(value, indent)?);
    out.push_str(if more { ",\n" } else { "\n" });
    Ok(())
}

/// A value pretty-printed as serde_json prints it as a `Value` (keys
/// sorted), its lines after the first indented by `indent` spaces (JSON
/// strings hold no raw newline, so lines are the layout's).
fn pretty_at(value: &impl Serialize, indent: usize) -> Result<String> {
    let text = serde_json::to_string_pretty(&serde_json::to_value(value)?)?;
    Ok(text.replace('\n', &format!("\n{}", " ".repeat(indent))))
}

/// One pair as text, a blank line before all but the first.
fn text_pair(pair: &PairResult, default_docs: bool, first: bool) -> String {
    let mut out = String::new();
    if !first {
        out.push('\n');
    }
    match &pair.report {
        Some(report) => {
            let both = if default_docs && pair.notes.is_empty() {
                " both coded"
            } else {
                ""
            };
            let text = render_report(report, &[]);
            out.push_str(&text.replacen(" document(s)", &format!(" document(s){both}"), 1));
            for note in &pair.notes {
                out.push_str(&format!("note: {note}\n"));
            }
        }
        None => out.push_str(&format!(
            "agreement of {} / {}: no document both have coded; nothing to compare\n",
            pair.a, pair.b
        )),
    }
    out
}

/// Every name must be a coder of the project (listed or with codings).
fn check_coders(project: &Project, names: &[String]) -> Result<()> {
    let known = project.coders();
    for name in names {
        if !known.iter().any(|k| k == name) {
            bail!(
                "no coder '{name}' in this project (coders: {})",
                known.join(", ")
            );
        }
    }
    Ok(())
}

fn docs_of(project: &Project, args: &AgreeArgs) -> Result<Option<Vec<DocId>>> {
    resolve(&args.docs, |r| {
        project.document_by_ref(r).map(|d| d.id.clone())
    })
    .map_err(|r| anyhow!("no document '{r}' in {}", args.dir.display()))
}

fn codes_of(project: &Project, args: &AgreeArgs) -> Result<Option<Vec<crate::model::CodeId>>> {
    resolve(&args.codes, |r| {
        project.code_by_ref(r).map(|c| c.id.clone())
    })
    .map_err(|r| anyhow!("no code '{r}' in {}", args.dir.display()))
}

pub fn run(_ctx: &Context, args: AgreeArgs) -> Result<()> {
    if args.refs.is_empty() && args.against.is_empty() {
        return run_pairwise(&args);
    }
    let (project, groups, skipped, sources) = if args.refs.is_empty() {
        let (project, _) = open(&args.dir)?;
        let groups = groups_of(&project, &args.coders, &args.against)?;
        (project, groups, Vec::new(), None)
    } else {
        let combined = at_refs(&args.dir, &args.refs)?;
        // Each ref is compared as one "coder" named by its label.
        let groups = combined.labels.iter().map(Group::coder).collect();
        (
            combined.project,
            groups,
            combined.skipped,
            Some(combined.sources),
        )
    };
    let comparison = Comparison {
        groups,
        docs: resolve(&args.docs, |r| {
            project.document_by_ref(r).map(|d| d.id.clone())
        })
        .map_err(|r| anyhow!("no document '{r}' in {}", args.dir.display()))?,
        codes: resolve(&args.codes, |r| {
            project.code_by_ref(r).map(|c| c.id.clone())
        })
        .map_err(|r| anyhow!("no code '{r}' in {}", args.dir.display()))?,
    };
    let mut report = compare(&project, &comparison)?;
    if let Some(sources) = &sources {
        name_sources(sources, &mut report.groups);
    }
    if args.json {
        let json = JsonReport {
            units: "characters",
            report: &report,
            skipped_documents: skipped,
            notes: Vec::new(),
        };
        crate::outln!("{}", serde_json::to_string_pretty(&json)?);
    } else {
        crate::out!("{}", render_report(&report, &skipped));
    }
    Ok(())
}

/// Names resolved to ids; None when no names were given (the default set).
fn resolve<T>(
    names: &[String],
    find: impl Fn(&str) -> Option<T>,
) -> Result<Option<Vec<T>>, String> {
    if names.is_empty() {
        return Ok(None);
    }
    names
        .iter()
        .map(|n| find(n.trim()).ok_or_else(|| n.clone()))
        .collect::<Result<Vec<T>, String>>()
        .map(Some)
}

fn groups_of(project: &Project, coders: &[String], against: &[String]) -> Result<Vec<Group>> {
    let known = project.coders();
    for name in coders.iter().chain(against) {
        if !known.iter().any(|k| k == name) {
            bail!(
                "no coder '{name}' in this project (coders: {})",
                known.join(", ")
            );
        }
    }
    if !against.is_empty() {
        return Ok(vec![
            Group {
                name: coders.join("+"),
                coders: coders.to_vec(),
            },
            Group {
                name: against.join("+"),
                coders: against.to_vec(),
            },
        ]);
    }
    let chosen: Vec<String> = if coders.is_empty() {
        let with_codings: Vec<String> = known
            .into_iter()
            .filter(|c| project.codings.values().any(|m| m.contains_key(c)))
            .map(|c| c.to_string())
            .collect();
        if with_codings.len() < 2 {
            bail!(
                "agreement needs two coders with codings; this project has {}",
                if with_codings.is_empty() {
                    "none".to_string()
                } else {
                    with_codings.join(", ")
                }
            );
        }
        with_codings
    } else {
        coders.to_vec()
    };
    Ok(chosen.into_iter().map(Group::coder).collect())
}

fn at_refs(dir: &Path, specs: &[String]) -> Result<crate::analysis::refs::Combined> {
    let mut sides = Vec::new();
    for spec in specs {
        let parsed =
            RefSpec::parse(spec).ok_or_else(|| anyhow!("'{spec}' is not REF or REF:CODER"))?;
        if sides
            .iter()
            .any(|(s, _): &(RefSpec, Project)| s.label() == parsed.label())
        {
            bail!("'{spec}' is named twice in --refs");
        }
        let Some(project) = open_at_ref(dir, &parsed.rev)? else {
            bail!("no project at {} (no {})", parsed.rev, files::MANIFEST);
        };
        sides.push((parsed, project));
    }
    Ok(combine(&sides))
}

fn fmt_kappa(k: Option<f64>) -> String {
    k.map_or_else(|| "    -".to_string(), |k| format!("{k:>6.3}"))
}

/// kappa and alpha columns; "n/a" where there is no variation (0/0).
fn fmt_stats(s: &crate::analysis::Scores) -> String {
    if s.no_variation {
        "   n/a    n/a".to_string()
    } else {
        format!("{} {:>6.3}", fmt_kappa(s.kappa), s.alpha)
    }
}

fn render_report(report: &Report, skipped: &[DocId]) -> String {
    use std::fmt::Write as _;
    // Writing to a String cannot fail.
    let mut out = String::new();
    let names: Vec<&str> = report.groups.iter().map(|g| g.name.as_str()).collect();
    let docs: Vec<&str> = report.documents.iter().map(DocId::as_str).collect();
    let _ = writeln!(
        out,
        "agreement of {} on {} document(s){}{}, characters as units",
        names.join(" / "),
        docs.len(),
        if docs.is_empty() { "" } else { ": " },
        docs.join(", ")
    );
    for doc in skipped {
        let _ = writeln!(out, "left out {doc}: its text differs between the refs");
    }
    let _ = writeln!(out, "\n kappa  alpha  agree  code (worst first)");
    let (used, unused): (Vec<&CodeRow>, Vec<&CodeRow>) = report
        .worst_first()
        .into_iter()
        .partition(|r| !r.documents.is_empty());
    for row in &used {
        let _ = writeln!(
            out,
            "{} {:>5.1}%  {} ({}){}",
            fmt_stats(&row.scores),
            row.scores.agreement,
            row.name,
            row.code,
            if row.scores.no_variation {
                "  n/a: no variation"
            } else {
                ""
            }
        );
        for d in &row.documents {
            let _ = writeln!(
                out,
                "{} {:>5.1}%      {}",
                fmt_stats(&d.scores),
                d.scores.agreement,
                d.doc
            );
        }
    }
    if !unused.is_empty() {
        let _ = writeln!(
            out,
            "\n{} code(s) not used by anyone compared: kappa and alpha n/a (no variation).",
            unused.len()
        );
    }
    let o = &report.overall.scores;
    if o.no_variation {
        let _ = writeln!(
            out,
            "\noverall: kappa n/a (no variation) alpha n/a (no variation) agreement {:.1}%",
            o.agreement
        );
    } else {
        let _ = writeln!(
            out,
            "\noverall: kappa {} alpha {:.3} agreement {:.1}%",
            fmt_kappa(o.kappa).trim(),
            o.alpha,
            o.agreement
        );
    }
    out
}
