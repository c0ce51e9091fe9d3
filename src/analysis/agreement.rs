//! Inter-coder agreement on character units, as NVivo's coding comparison.
//!
//! For one code and one document every character is coded or not by each
//! group (a group codes a character if any of its coders does; a coder alone
//! is a group of one). From those units margin reports percentage agreement,
//! Cohen's kappa (two groups) and Krippendorff's alpha (nominal, two or more
//! groups): per code and document, per code over all compared documents
//! (pooling their characters) and overall (pooling every code x document
//! unit, so a character counts once per code, as NVivo pools).
//!
//! Conventions:
//! - Compared documents are, by default, those every group has coded at least
//!   once: a document a coder has not worked on yet is not a disagreement.
//!   Naming documents explicitly compares them whoever coded them.
//! - Where no group used a code (or every group coded every character) the
//!   groups agree on every character but kappa and alpha are 0/0; margin
//!   reports agreement 100 and kappa = alpha = 1, as NVivo does, since there
//!   is no disagreement to measure. `Tally::coded` shows when this happened.
//! - Per-document rows are listed only where some group used the code; the
//!   other compared documents count as agreeing characters in the pooled
//!   figures.

use super::intervals::{Span, coverage_histogram, sweep, union_in_place};
use super::tally::{Scores, Tally};
use crate::model::{CodeId, DocId, Project};
use serde::Serialize;
use std::collections::HashMap;

/// A named set of coders compared as one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Group {
    pub name: String,
    pub coders: Vec<String>,
}

impl Group {
    /// A group of one coder, named after them.
    pub fn coder(name: impl Into<String>) -> Self {
        let name = name.into();
        Group {
            coders: vec![name.clone()],
            name,
        }
    }
}

/// What to compare. `docs` and `codes` of None mean the defaults (documents
/// every group coded; every code in the codebook).
#[derive(Clone, Debug, Default)]
pub struct Comparison {
    pub groups: Vec<Group>,
    pub docs: Option<Vec<DocId>>,
    pub codes: Option<Vec<CodeId>>,
}

impl Comparison {
    /// Each of `coders` on their own, on the default documents and codes.
    pub fn coders<S: Into<String>>(coders: impl IntoIterator<Item = S>) -> Self {
        Comparison {
            groups: coders.into_iter().map(Group::coder).collect(),
            ..Comparison::default()
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocRow {
    pub doc: DocId,
    #[serde(flatten)]
    pub scores: Scores,
    pub tally: Tally,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CodeRow {
    pub code: CodeId,
    pub name: String,
    #[serde(flatten)]
    pub scores: Scores,
    pub tally: Tally,
    pub documents: Vec<DocRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Overall {
    #[serde(flatten)]
    pub scores: Scores,
    pub tally: Tally,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub groups: Vec<Group>,
    pub documents: Vec<DocId>,
    /// One row per compared code, by code id.
    pub codes: Vec<CodeRow>,
    pub overall: Overall,
}

impl Report {
    /// The code rows, worst first: by kappa (alpha when there is no kappa),
    /// then by name. What an agreement view lists.
    pub fn worst_first(&self) -> Vec<&CodeRow> {
        let key = |r: &CodeRow| r.scores.kappa.unwrap_or(r.scores.alpha);
        let mut rows: Vec<&CodeRow> = self.codes.iter().collect();
        rows.sort_by(|a, b| key(a).total_cmp(&key(b)).then(a.name.cmp(&b.name)));
        rows
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgreementError {
    #[error("agreement needs at least two coders or groups to compare (found {0})")]
    TooFewGroups(usize),
    #[error("group '{0}' has no coders")]
    EmptyGroup(String),
    #[error("the project has no document '{0}'")]
    UnknownDocument(DocId),
    #[error("the project has no code '{0}'")]
    UnknownCode(CodeId),
}

/// Compares the groups' codings. Cost grows with the number of codings of the
/// compared coders, not with the length of the text.
pub fn compare(project: &Project, comparison: &Comparison) -> Result<Report, AgreementError> {
    let groups = &comparison.groups;
    if groups.len() < 2 {
        return Err(AgreementError::TooFewGroups(groups.len()));
    }
    if let Some(empty) = groups.iter().find(|g| g.coders.is_empty()) {
        return Err(AgreementError::EmptyGroup(empty.name.clone()));
    }
    let docs = compared_documents(project, comparison)?;
    let codes = compared_codes(project, comparison)?;
    let mut spans = DocSpans::new(&codes, groups.len());
    let mut rows: Vec<(Tally, Vec<DocRow>)> = codes
        .iter()
        .map(|_| (Tally::new(groups.len()), Vec::new()))
        .collect();
    let mut total_chars = 0usize;
    for doc in &docs {
        let Some(document) = project.documents.get(doc) else {
            continue;
        };
        let len = document.char_len();
        total_chars += len;
        spans.gather(project, doc, groups, len);
        for (code, sets) in spans.used() {
            let tally = tally_of(sets, len);
            let (pooled, doc_rows) = &mut rows[code];
            pooled.add(&tally);
            doc_rows.push(DocRow {
                doc: doc.clone(),
                scores: tally.scores(),
                tally,
            });
        }
    }

    let mut overall = Tally::new(groups.len());
    let codes: Vec<CodeRow> = codes
        .iter()
        .zip(rows)
        .map(|(code, (mut tally, documents))| {
            let listed: usize = documents.iter().map(|r| r.tally.characters).sum();
            tally.add_uncoded(total_chars - listed);
            overall.add(&tally);
            CodeRow {
                code: code.clone(),
                name: project.code_name(code).to_string(),
                scores: tally.scores(),
                tally,
                documents,
            }
        })
        .collect();
    Ok(Report {
        groups: groups.clone(),
        documents: docs,
        codes,
        overall: Overall {
            scores: overall.scores(),
            tally: overall,
        },
    })
}

/// A stretch of a document where the groups disagree about one code, with
/// which groups coded it. What a side-by-side view jumps between.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Disagreement {
    pub start: usize,
    pub end: usize,
    pub coded_by: Vec<bool>,
}

/// The stretches of `doc` where the groups disagree on `code`, in text order.
pub fn disagreements(
    project: &Project,
    doc: &DocId,
    code: &CodeId,
    groups: &[Group],
) -> Vec<Disagreement> {
    let Some(document) = project.documents.get(doc) else {
        return Vec::new();
    };
    let len = document.char_len();
    let mut spans = DocSpans::new(std::slice::from_ref(code), groups.len());
    spans.gather(project, doc, groups, len);
    let Some((_, sets)) = spans.used().next() else {
        return Vec::new();
    };
    let mut out: Vec<Disagreement> = Vec::new();
    sweep(sets, len, |(start, end), count, who| {
        if count == 0 || count == groups.len() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.end == start && last.coded_by == who => last.end = end,
            _ => out.push(Disagreement {
                start,
                end,
                coded_by: who.to_vec(),
            }),
        }
    });
    out
}

fn tally_of(sets: &[Vec<Span>], len: usize) -> Tally {
    Tally {
        characters: len,
        coded: sets.iter().map(|s| super::intervals::covered(s)).collect(),
        by_count: coverage_histogram(sets, len),
    }
}

/// Each group's coded characters of each compared code in one document, as
/// disjoint spans. Agreement visits every code of every document, so codes
/// are found by index and the buffers are kept from one document to the next.
struct DocSpans<'c> {
    index: HashMap<&'c str, usize>,
    /// By code index, by group.
    by_code: Vec<Vec<Vec<Span>>>,
    /// The code indexes some group used in the document gathered last.
    used: Vec<usize>,
}

impl<'c> DocSpans<'c> {
    fn new(codes: &'c [CodeId], groups: usize) -> Self {
        DocSpans {
            index: codes
                .iter()
                .enumerate()
                .map(|(i, c)| (c.as_str(), i))
                .collect(),
            by_code: vec![vec![Vec::new(); groups]; codes.len()],
            used: Vec::new(),
        }
    }

    /// Takes in `doc`'s codings by `groups`, each group's spans joined.
    fn gather(&mut self, project: &Project, doc: &DocId, groups: &[Group], len: usize) {
        for &code in &self.used {
            self.by_code[code].iter_mut().for_each(Vec::clear);
        }
        self.used.clear();
        let Some(by_coder) = project.codings.get(doc) else {
            return;
        };
        for (g, group) in groups.iter().enumerate() {
            for coder in &group.coders {
                for coding in by_coder.get(coder.as_str()).into_iter().flatten() {
                    let Some(&code) = self.index.get(coding.code.as_str()) else {
                        continue;
                    };
                    let sets = &mut self.by_code[code];
                    if sets.iter().all(Vec::is_empty) {
                        self.used.push(code);
                    }
                    sets[g].push((coding.start, coding.end));
                }
            }
        }
        for &code in &self.used {
            for set in &mut self.by_code[code] {
                union_in_place(set, len);
            }
        }
    }

    /// The codes some group used in the document, with each group's spans.
    fn used(&self) -> impl Iterator<Item = (usize, &[Vec<Span>])> {
        self.used
            .iter()
            .map(|&code| (code, &self.by_code[code][..]))
    }
}

fn compared_documents(
    project: &Project,
    comparison: &Comparison,
) -> Result<Vec<DocId>, AgreementError> {
    if let Some(docs) = &comparison.docs {
        let mut out = Vec::new();
        for doc in docs {
            if !project.documents.contains_key(doc) {
                return Err(AgreementError::UnknownDocument(doc.clone()));
            }
            if !out.contains(doc) {
                out.push(doc.clone());
            }
        }
        return Ok(out);
    }
    let coded_by_every_group = |doc: &DocId| {
        let by_coder = project.codings.get(doc);
        comparison.groups.iter().all(|group| {
            group.coders.iter().any(|coder| {
                by_coder
                    .and_then(|m| m.get(coder.as_str()))
                    .is_some_and(|list| !list.is_empty())
            })
        })
    };
    Ok(project
        .documents
        .keys()
        .filter(|doc| coded_by_every_group(doc))
        .cloned()
        .collect())
}

fn compared_codes(
    project: &Project,
    comparison: &Comparison,
) -> Result<Vec<CodeId>, AgreementError> {
    match &comparison.codes {
        None => Ok(project.codes.keys().cloned().collect()),
        Some(codes) => {
            let mut out: Vec<CodeId> = Vec::new();
            for code in codes {
                if !project.codes.contains_key(code) {
                    return Err(AgreementError::UnknownCode(code.clone()));
                }
                out.push(code.clone());
            }
            out.sort();
            out.dedup();
            Ok(out)
        }
    }
}
