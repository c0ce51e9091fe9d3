//! Agreement by default: every pair of coders, each pair on the documents
//! both have coded. A third coder who has coded one interview then adds a
//! pair of their own and never shrinks or skews the figures of the others
//! (comparing all coders at once would restrict every figure to the
//! documents all of them coded).

use super::agreement::{AgreementError, Comparison, Report, compare};
use super::coders::{active_coders, pairs};
use crate::model::{CodeId, DocId, Project};
use std::collections::BTreeSet;

/// One pair of coders and what comparing them gave.
#[derive(Clone, Debug, PartialEq)]
pub struct PairResult {
    pub a: String,
    pub b: String,
    /// None when the pair has no document to compare on.
    pub report: Option<Report>,
    /// How the documents were chosen, and coders counted as coding nothing.
    pub notes: Vec<String>,
}

/// What to compare pairwise.
#[derive(Clone, Debug, Default)]
pub struct PairwiseOptions {
    /// The coders (default: every coder with codings). Named coders who coded
    /// nothing in the compared documents count as coding nothing there.
    pub coders: Option<Vec<String>>,
    /// The documents (default: for each pair, those both coded).
    pub docs: Option<Vec<DocId>>,
    pub codes: Option<Vec<CodeId>>,
}

/// Documents `coder` has at least one coding in, sorted (as the project
/// keeps them).
fn coded_by(project: &Project, coder: &str) -> BTreeSet<DocId> {
    project
        .codings
        .iter()
        .filter(|(_, m)| {
            m.get(coder)
                .is_some_and(|l| l.iter().any(|c| !c.is_unplaced()))
        })
        .map(|(d, _)| d.clone())
        .collect()
}

fn list(docs: &[DocId]) -> String {
    docs.iter()
        .map(DocId::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Compares every pair. Errors when fewer than two coders are compared.
pub fn compare_pairs(
    project: &Project,
    options: &PairwiseOptions,
) -> Result<Vec<PairResult>, AgreementError> {
    let mut out = Vec::new();
    for_each_pair(project, options, |pair| out.push(pair))?;
    Ok(out)
}

/// Compares every pair, handing each result to `each` in pair order. Pairs
/// are compared on every core, a few at a time, and each is handed on as
/// soon as those before it are: a caller that prints and drops them holds
/// a few reports, not one per pair (ten for five coders, each with a row
/// per code and document). Errors when fewer than two coders are compared.
pub fn for_each_pair(
    project: &Project,
    options: &PairwiseOptions,
    mut each: impl FnMut(PairResult),
) -> Result<(), AgreementError> {
    let named = options.coders.is_some();
    let coders = options
        .coders
        .clone()
        .unwrap_or_else(|| active_coders(project));
    if coders.len() < 2 {
        return Err(AgreementError::TooFewGroups(coders.len()));
    }
    let pairs = pairs(&coders);
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    for batch in pairs.chunks(cores) {
        let results: Vec<Result<PairResult, AgreementError>> = std::thread::scope(|scope| {
            let running: Vec<_> = batch
                .iter()
                .map(|(a, b)| scope.spawn(move || compare_pair(project, options, named, a, b)))
                .collect();
            running
                .into_iter()
                .map(|worker| match worker.join() {
                    Ok(result) => result,
                    Err(panic) => std::panic::resume_unwind(panic),
                })
                .collect()
        });
        for result in results {
            each(result?);
        }
    }
    Ok(())
}

/// One pair, on the documents both coded (or on `options.docs`).
fn compare_pair(
    project: &Project,
    options: &PairwiseOptions,
    named: bool,
    a: &str,
    b: &str,
) -> Result<PairResult, AgreementError> {
    let (of_a, of_b) = (coded_by(project, a), coded_by(project, b));
    let mut notes = Vec::new();
    let docs: Vec<DocId> = match &options.docs {
        Some(docs) => docs.clone(),
        None => {
            let both: Vec<DocId> = of_a.intersection(&of_b).cloned().collect();
            if both.is_empty() && named {
                // Blind work compared before one side has started.
                of_a.union(&of_b).cloned().collect()
            } else {
                both
            }
        }
    };
    for (who, theirs) in [(a, &of_a), (b, &of_b)] {
        let none: Vec<DocId> = docs
            .iter()
            .filter(|d| !theirs.contains(*d))
            .cloned()
            .collect();
        if !none.is_empty() && (named || options.docs.is_some()) {
            notes.push(format!(
                "{who} has coded nothing in {}: counted as coding nothing there",
                list(&none)
            ));
        }
    }
    let report = if docs.is_empty() {
        None
    } else {
        let comparison = Comparison {
            docs: Some(docs),
            codes: options.codes.clone(),
            ..Comparison::coders([a.to_string(), b.to_string()])
        };
        Some(compare(project, &comparison)?)
    };
    Ok(PairResult {
        a: a.to_string(),
        b: b.to_string(),
        report,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Code, Coding, Document, DocumentRecord, Manifest};

    fn project() -> Project {
        let mut p = Project::new(Manifest::new("t"));
        p.codes
            .insert(CodeId::new("c"), Code::new(CodeId::new("c"), "c", 0));
        for d in ["P1", "P2"] {
            let record = DocumentRecord {
                title: d.into(),
                source: String::new(),
                attributes: Default::default(),
                sha256: String::new(),
                guid: String::new(),
                times: Vec::new(),
            };
            p.documents.insert(
                DocId::new(d),
                Document::new(DocId::new(d), record, "x".repeat(100)),
            );
        }
        let mut code = |doc: &str, coder: &str, s: usize, e: usize| {
            p.codings
                .entry(DocId::new(doc))
                .or_default()
                .entry(coder.into())
                .or_default()
                .push(Coding::new(CodeId::new("c"), s, e));
        };
        code("P1", "asha", 0, 50);
        code("P1", "ben", 10, 50);
        code("P2", "asha", 0, 20);
        code("P2", "ben", 0, 30);
        p
    }

    /// Seen 4: a third coder with a few codings in P1 narrowed the
    /// comparison of everyone to P1.
    #[test]
    fn a_partial_third_coder_leaves_the_pair_of_main_coders_as_it_was() {
        let two = compare_pairs(&project(), &PairwiseOptions::default()).expect("compares");
        let mut p = project();
        p.codings
            .get_mut(&DocId::new("P1"))
            .expect("P1")
            .insert("cy".into(), vec![Coding::new(CodeId::new("c"), 5, 15)]);
        let three = compare_pairs(&p, &PairwiseOptions::default()).expect("compares");
        assert_eq!(three.len(), 3);
        assert_eq!(three[0].a, "asha");
        assert_eq!(three[0].b, "ben");
        assert_eq!(three[0].report, two[0].report);
        let docs = &three[0].report.as_ref().expect("compared").documents;
        assert_eq!(docs.len(), 2);
        // cy is compared on P1 only, with each main coder.
        let cy = &three[1];
        assert_eq!(
            cy.report.as_ref().expect("compared").documents,
            vec![DocId::new("P1")]
        );
    }

    #[test]
    fn a_named_coder_who_has_not_started_counts_as_coding_nothing() {
        let mut p = project();
        p.manifest.coders = vec!["asha".into(), "ben".into(), "dee".into()];
        let options = PairwiseOptions {
            coders: Some(vec!["asha".into(), "dee".into()]),
            ..PairwiseOptions::default()
        };
        let got = compare_pairs(&p, &options).expect("compares");
        assert_eq!(got.len(), 1);
        let report = got[0]
            .report
            .as_ref()
            .expect("compared on asha's documents");
        assert_eq!(report.documents.len(), 2);
        assert!(
            got[0].notes[0].contains("dee has coded nothing in P1, P2"),
            "{:?}",
            got[0].notes
        );
        assert_eq!(report.overall.tally.coded[1], 0);
    }
}
