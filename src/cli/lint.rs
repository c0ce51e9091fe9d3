//! `margin lint DIR [--min-kappa K]`: quality gates for CI. One line per
//! finding (`DIR/file:line:col: [rule] message`) and a non-zero exit if any.

use super::common::{Context, open};
use crate::analysis::lint::{LintOptions, lint};
use crate::model::{Coding, DocId};
use crate::store::files::{self, CodingLine, FileKey};
use crate::store::locate;
use anyhow::{Result, bail};
use clap::Args;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(
    after_help = "Rules: no-definition, unused-code, duplicate-name, near-duplicate-name\n(plurals, or one or two letters apart), not-anchored (the text under a coding\nchanged since it was made), low-agreement (with --min-kappa: kappa between every\ncoder with codings, alpha when there are more than two, on the documents they\nall coded; see `margin agree --help`).\n\nExamples:\n  margin lint study\n  margin lint study --min-kappa 0.6 || exit 1     guard the main branch in CI"
)]
pub struct LintArgs {
    /// The project folder.
    pub dir: PathBuf,
    /// Fail on codes whose agreement (Cohen's kappa) is below K.
    #[arg(long, value_name = "K")]
    pub min_kappa: Option<f64>,
}

pub fn run(_ctx: &Context, args: LintArgs) -> Result<()> {
    let (project, _) = open(&args.dir)?;
    // The excerpts stored beside the codings, read once per coding file.
    let mut stored: BTreeMap<(DocId, String), Vec<CodingLine>> = BTreeMap::new();
    for (doc, by_coder) in &project.codings {
        for coder in by_coder.keys() {
            let rel = FileKey::Codings(doc.clone(), coder.clone()).rel_path();
            let text = crate::store::paths::read(&args.dir, &rel)
                .ok()
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .unwrap_or_default();
            let lines = files::parse::<Vec<CodingLine>>(&text).unwrap_or_default();
            stored.insert((doc.clone(), coder.clone()), lines);
        }
    }
    let excerpt_of = |doc: &DocId, coder: &str, coding: &Coding| {
        stored
            .get(&(doc.clone(), coder.to_string()))
            .and_then(|lines| {
                lines
                    .iter()
                    .find(|l| {
                        l.start == coding.start && l.end == coding.end && l.code == coding.code
                    })
                    .map(|l| l.text.clone())
            })
    };
    let options = LintOptions {
        min_kappa: args.min_kappa,
    };
    let findings = lint(&project, &options, &excerpt_of);
    for f in &findings {
        let (line, col) = locate(&args.dir, &f.path, &f.needle, 1);
        crate::outln!(
            "{}:{line}:{col}: [{}] {}",
            args.dir.join(&f.path).display(),
            f.rule,
            f.message
        );
    }
    if findings.is_empty() {
        crate::outln!("{}: no findings", args.dir.display());
        Ok(())
    } else {
        bail!("{} finding(s) in {}", findings.len(), args.dir.display())
    }
}
