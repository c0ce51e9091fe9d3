//! `margin query cooc`: a code x code table of how often two codes occur
//! together, counted in one of three units:
//! - `overlap`: passages where the two codes overlap. A code's passages in a
//!   document are its coded ranges joined (over coders); a pair counts the
//!   passages of one code that overlap a passage of the other (the smaller of
//!   the two ways round, so the table is symmetric);
//! - `turn`: speaker turns in which both codes are applied;
//! - `document`: documents in which both codes are applied.
//!
//! The diagonal holds each code's own number of units (passages, turns or
//! documents); Jaccard is shared / (a + b - shared) on those numbers.

use super::{Filter, code_order};
use crate::analysis::intervals::{Span, union};
use crate::model::{CodeId, DocId, Project};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Overlap,
    Turn,
    Document,
}

impl Unit {
    pub fn label(self) -> &'static str {
        match self {
            Unit::Overlap => "overlapping passages",
            Unit::Turn => "speaker turns",
            Unit::Document => "documents",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cooc {
    pub unit: Unit,
    /// Code ids, in reading order (the rows and columns).
    pub codes: Vec<String>,
    pub names: Vec<String>,
    /// `counts[i][j]`: units shared by codes i and j; `counts[i][i]`: code i's units.
    pub counts: Vec<Vec<usize>>,
    /// Jaccard per pair, when asked for (rounded to 3 decimals).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jaccard: Option<Vec<Vec<f64>>>,
}

/// Per code and document, the units the code is applied in: passages (for
/// overlap), turn indices (turn) or a single unit (document).
enum Units {
    Passages(Vec<Span>),
    Set(BTreeSet<usize>),
}

pub fn cooc(project: &Project, filter: &Filter, unit: Unit, jaccard: bool) -> Cooc {
    let codes = code_order(project);
    let index: BTreeMap<&CodeId, usize> = codes.iter().enumerate().map(|(i, c)| (c, i)).collect();
    let mut ranges: BTreeMap<(&DocId, usize), Vec<Span>> = BTreeMap::new();
    for r in filter.codings(project) {
        if let Some(&i) = index.get(&r.coding.code) {
            ranges
                .entry((r.doc, i))
                .or_default()
                .push((r.coding.start, r.coding.end));
        }
    }
    // Per document: code index -> its units there.
    let mut by_doc: BTreeMap<&DocId, Vec<(usize, Units)>> = BTreeMap::new();
    for ((doc, i), spans) in ranges {
        let Some(document) = project.documents.get(doc) else {
            continue;
        };
        let units = match unit {
            Unit::Overlap => Units::Passages(union(spans, document.char_len())),
            Unit::Turn => Units::Set(
                document
                    .turns()
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| spans.iter().any(|&(s, e)| s < t.end && t.start < e))
                    .map(|(k, _)| k)
                    .collect(),
            ),
            Unit::Document => Units::Set(BTreeSet::from([0])),
        };
        by_doc.entry(doc).or_default().push((i, units));
    }
    let n = codes.len();
    let mut counts = vec![vec![0usize; n]; n];
    for list in by_doc.values() {
        for (a, units_a) in list {
            counts[*a][*a] += match units_a {
                Units::Passages(p) => p.len(),
                Units::Set(s) => s.len(),
            };
            for (b, units_b) in list {
                if a == b {
                    continue;
                }
                counts[*a][*b] += match (units_a, units_b) {
                    (Units::Passages(pa), Units::Passages(pb)) => pa
                        .iter()
                        .filter(|&&(s, e)| pb.iter().any(|&(t, u)| s < u && t < e))
                        .count()
                        .min(
                            pb.iter()
                                .filter(|&&(t, u)| pa.iter().any(|&(s, e)| s < u && t < e))
                                .count(),
                        ),
                    (Units::Set(sa), Units::Set(sb)) => sa.intersection(sb).count(),
                    _ => 0,
                };
            }
        }
    }
    let jaccard = jaccard.then(|| {
        (0..n)
            .map(|i| {
                (0..n)
                    .map(|j| {
                        let shared = counts[i][j] as f64;
                        let denominator = (counts[i][i] + counts[j][j]) as f64 - shared;
                        if denominator > 0.0 {
                            (shared / denominator * 1000.0).round() / 1000.0
                        } else {
                            0.0
                        }
                    })
                    .collect()
            })
            .collect()
    });
    Cooc {
        unit,
        names: codes
            .iter()
            .map(|c| project.code_name(c).to_string())
            .collect(),
        codes: codes.iter().map(ToString::to_string).collect(),
        counts,
        jaccard,
    }
}

impl Cooc {
    /// The pairs of different codes that occur together most, strongest
    /// first (ties by reading order): (row, column, count).
    pub fn strongest_pairs(&self, max: usize) -> Vec<(usize, usize, usize)> {
        let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
        for i in 0..self.counts.len() {
            for j in (i + 1)..self.counts.len() {
                if self.counts[i][j] > 0 {
                    pairs.push((i, j, self.counts[i][j]));
                }
            }
        }
        pairs.sort_by(|a, b| b.2.cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
        pairs.truncate(max);
        pairs
    }

    /// Code names down the first column and across the header; counts (or
    /// Jaccard values when computed) in the cells.
    pub fn table(&self) -> super::Table {
        let mut header = vec!["code".to_string()];
        header.extend(self.names.iter().cloned());
        let mut table = super::Table::new(header);
        for (i, name) in self.names.iter().enumerate() {
            let mut row = vec![name.clone()];
            for j in 0..self.names.len() {
                row.push(match &self.jaccard {
                    Some(values) => format!("{}", values[i][j]),
                    None => self.counts[i][j].to_string(),
                });
            }
            table.rows.push(row);
        }
        table
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;

    fn at(c: &Cooc, a: &str, b: &str) -> usize {
        let i = c.names.iter().position(|n| n == a).expect("code a");
        let j = c.names.iter().position(|n| n == b).expect("code b");
        c.counts[i][j]
    }

    #[test]
    fn overlapping_passages_by_hand() {
        let p = fixture::project();
        let c = cooc(&p, &Filter::default(), Unit::Overlap, false);
        // mood has three passages (two in D1, one in D2); sleep's two coders
        // join into one passage.
        assert_eq!(at(&c, "mood", "mood"), 3);
        assert_eq!(at(&c, "sleep", "sleep"), 1);
        // sleep is nested in mood's first passage; ben's mood overlaps care;
        // mood is nested in work in D2.
        assert_eq!(at(&c, "mood", "sleep"), 1);
        assert_eq!(at(&c, "sleep", "mood"), 1);
        assert_eq!(at(&c, "mood", "care"), 1);
        assert_eq!(at(&c, "mood", "work"), 1);
        assert_eq!(
            at(&c, "sleep", "care"),
            0,
            "same document, different sentences"
        );
        assert_eq!(at(&c, "care", "work"), 0, "different documents");
        assert_eq!(c.strongest_pairs(10).len(), 3);
    }

    #[test]
    fn turns_and_documents_by_hand() {
        let p = fixture::project();
        let t = cooc(&p, &Filter::default(), Unit::Turn, false);
        assert_eq!(at(&t, "mood", "mood"), 3, "D1's two answers and D2's");
        assert_eq!(at(&t, "sleep", "care"), 0, "different turns");
        assert_eq!(at(&t, "mood", "care"), 1);
        let d = cooc(&p, &Filter::default(), Unit::Document, true);
        assert_eq!(at(&d, "mood", "mood"), 2);
        assert_eq!(at(&d, "sleep", "care"), 1, "both in D1");
        let jaccard = d.jaccard.as_ref().expect("asked for");
        // mood {D1, D2}, sleep {D1}: 1 / (2 + 1 - 1).
        assert_eq!(jaccard[0][1], 0.5);
        assert_eq!(jaccard[0][0], 1.0);
    }

    #[test]
    fn a_coder_filter_drops_the_other_coders_passages() {
        let p = fixture::project();
        let mut asha = Filter::default();
        asha.add_coder("asha");
        let c = cooc(&p, &asha, Unit::Overlap, false);
        assert_eq!(at(&c, "mood", "mood"), 2);
        assert_eq!(at(&c, "mood", "care"), 0, "only ben's mood touched care");
    }
}
