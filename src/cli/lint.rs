//! `margin lint DIR [--min-kappa K]`: quality gates for CI. One line per
//! finding (`DIR/file:line:col: [rule] message`) and a non-zero exit if any.

use super::common::{Context, open};
use crate::analysis::lint::{LintOptions, Place, lint};
use crate::analysis::pairwise::PairwiseOptions;
use crate::model::{CoderId, Coding, DocId};
use crate::store::coding_lines;
use crate::store::files::{CodingLine, FileKey};
use crate::store::locate;
use anyhow::{Result, bail};
use clap::Args;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(
    after_help = "Rules: no-definition, unused-code, duplicate-name, near-duplicate-name\n(plurals, or one or two letters apart), not-anchored (the text under a coding\nchanged since it was made), low-agreement (with --min-kappa or --min-alpha: that\nstatistic for every pair of coders, each pair on the documents both coded,\nor --coders and --docs; codes without variation are not tested; see\n`margin agree --help`).\n\nExamples:\n  margin lint study\n  margin lint study --min-kappa 0.6 || exit 1     guard the main branch in CI\n  margin lint study --min-alpha 0.667 --coders asha,ben"
)]
pub struct LintArgs {
    /// The project folder.
    pub dir: PathBuf,
    /// Fail on codes whose Cohen's kappa, for any pair of coders, is below K.
    #[arg(long, value_name = "K")]
    pub min_kappa: Option<f64>,
    /// Fail on codes whose Krippendorff's alpha, for any pair of coders, is below A.
    #[arg(long, value_name = "A")]
    pub min_alpha: Option<f64>,
    /// Coders whose agreement is tested, pair by pair (default: every coder with codings).
    #[arg(long, value_delimiter = ',', value_name = "A,B,...")]
    pub coders: Vec<String>,
    /// Documents agreement is tested on (default: for each pair, those both coded).
    #[arg(long, value_delimiter = ',', value_name = "P1,P2,...")]
    pub docs: Vec<String>,
}

pub fn run(_ctx: &Context, args: LintArgs) -> Result<()> {
    let (project, store) = open(&args.dir)?;
    // The excerpts stored beside the codings, read once per coding file, of
    // the files where the loader found one the text no longer gives: in
    // every other file each stored excerpt is empty or what the text gives
    // now, so none can be a finding (and a large study's codings are not
    // all held a second time).
    let mut stored: BTreeMap<(DocId, CoderId), Vec<CodingLine>> = BTreeMap::new();
    for (doc, by_coder) in &project.codings {
        for coder in by_coder
            .keys()
            .filter(|coder| store.evidence().holds(doc, coder))
        {
            let rel = FileKey::Codings(doc.clone(), coder.clone()).rel_path();
            let text = crate::store::paths::read(&args.dir, &rel)
                .ok()
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .unwrap_or_default();
            let lines = coding_lines::parse(&text).unwrap_or_default();
            stored.insert((doc.clone(), coder.clone()), lines);
        }
    }
    let excerpt_of = |doc: &DocId, coder: &str, coding: &Coding| {
        stored
            .get(&(doc.clone(), CoderId::from(coder)))
            .and_then(|lines| {
                lines
                    .iter()
                    .find(|l| {
                        l.start == coding.start && l.end == coding.end && l.code == coding.code
                    })
                    .map(|l| l.text.clone())
            })
    };
    let known = project.coders();
    if let Some(name) = args.coders.iter().find(|c| !known.iter().any(|k| k == *c)) {
        bail!(
            "no coder '{name}' in this project (coders: {})",
            known.join(", ")
        );
    }
    let mut docs = Vec::new();
    for name in &args.docs {
        match project.document_by_ref(name.trim()) {
            Some(d) => docs.push(d.id.clone()),
            None => bail!("no document '{name}' in {}", args.dir.display()),
        }
    }
    let options = LintOptions {
        min_kappa: args.min_kappa,
        min_alpha: args.min_alpha,
        agreement: PairwiseOptions {
            coders: (!args.coders.is_empty()).then(|| args.coders.clone()),
            docs: (!docs.is_empty()).then_some(docs),
            codes: None,
        },
    };
    let findings = lint(&project, &options, &excerpt_of);
    for f in &findings {
        let path = match &f.place {
            Place::Codebook => crate::store::files::CODEBOOK.to_string(),
            Place::Codings { doc, coder } => {
                crate::store::FileKey::Codings(doc.clone(), coder.clone()).rel_path()
            }
        };
        let (line, col) = locate(&args.dir, &path, &f.needle, 1);
        crate::outln!(
            "{}:{line}:{col}: [{}] {}",
            args.dir.join(&path).display(),
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
