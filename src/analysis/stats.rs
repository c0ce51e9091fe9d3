//! Counts for `margin stats`: documents, codes, themes, codings, per code and
//! per coder.

use crate::model::{Project, theme};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub title: String,
    pub documents: usize,
    pub codes: usize,
    /// Themes and subthemes at every depth.
    pub themes: usize,
    pub codings: usize,
    /// Code name -> codings.
    pub per_code: BTreeMap<String, usize>,
    /// Coder -> codings.
    pub per_coder: BTreeMap<String, usize>,
    /// Document id -> codings.
    pub per_document: BTreeMap<String, usize>,
    /// Codes in no theme.
    pub unsorted_codes: usize,
    pub words: usize,
}

pub fn compute(project: &Project) -> Stats {
    let mut per_code: BTreeMap<String, usize> = project
        .codes
        .values()
        .map(|c| (c.name.clone(), 0))
        .collect();
    let mut per_coder: BTreeMap<String, usize> = BTreeMap::new();
    let mut per_document: BTreeMap<String, usize> = project
        .documents
        .keys()
        .map(|id| (id.to_string(), 0))
        .collect();
    for r in project.all_codings() {
        *per_code
            .entry(project.code_name(&r.coding.code).to_string())
            .or_default() += 1;
        *per_coder.entry(r.coder.to_string()).or_default() += 1;
        *per_document.entry(r.doc.to_string()).or_default() += 1;
    }
    Stats {
        title: project.manifest.title.clone(),
        documents: project.documents.len(),
        codes: project.codes.len(),
        themes: theme::walk(&project.themes).len(),
        codings: project.coding_count(),
        per_code,
        per_coder,
        per_document,
        unsorted_codes: project.unsorted_codes().len(),
        words: project
            .documents
            .values()
            .map(|d| d.text().split_whitespace().count())
            .sum(),
    }
}
