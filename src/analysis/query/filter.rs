//! What a query looks at: codings of some documents (`--where ATTR=VALUE`) by
//! some coders (`--coder C`), and a subject (a code, or a theme with all its
//! subthemes' codes).

use crate::model::{CodeId, CodingRef, Document, Project, ThemeId};
use std::collections::{BTreeMap, BTreeSet};

/// Conditions that compose: every attribute named must have one of the values
/// given for it (so `--where role=nurse --where role=doctor` is either, and
/// `--where role=nurse --where service=A` is both), and the coding must be by
/// one of `coders` when any are given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub conditions: BTreeMap<String, BTreeSet<String>>,
    pub coders: BTreeSet<String>,
}

impl Filter {
    /// Adds `ATTR=VALUE`; the error says what was expected.
    pub fn add_where(&mut self, condition: &str) -> Result<(), String> {
        let Some((name, value)) = condition.split_once('=') else {
            return Err(format!(
                "--where {condition}: expected ATTR=VALUE, e.g. --where role=nurse"
            ));
        };
        let name = name.trim();
        if name.is_empty() {
            return Err(format!("--where {condition}: the attribute needs a name"));
        }
        self.conditions
            .entry(name.to_string())
            .or_default()
            .insert(value.trim().to_string());
        Ok(())
    }

    pub fn add_coder(&mut self, coder: &str) {
        self.coders.insert(coder.trim().to_string());
    }

    /// Attributes named in conditions that the project does not define.
    pub fn unknown_attributes(&self, project: &Project) -> Vec<String> {
        self.conditions
            .keys()
            .filter(|name| !project.manifest.attributes.iter().any(|a| &a.name == *name))
            .cloned()
            .collect()
    }

    pub fn admits_document(&self, doc: &Document) -> bool {
        self.conditions.iter().all(|(name, values)| {
            doc.record
                .attributes
                .get(name)
                .is_some_and(|v| values.contains(v.trim()))
        })
    }

    pub fn admits_coder(&self, coder: &str) -> bool {
        self.coders.is_empty() || self.coders.contains(coder)
    }

    /// The documents the filter admits, by id.
    pub fn documents<'a>(&'a self, project: &'a Project) -> impl Iterator<Item = &'a Document> {
        project
            .documents
            .values()
            .filter(|d| self.admits_document(d))
    }

    /// Every coding of an admitted document by an admitted coder, in project order.
    pub fn codings<'a>(&'a self, project: &'a Project) -> impl Iterator<Item = CodingRef<'a>> {
        // Documents and coders are checked once each, not once per coding.
        project
            .codings
            .iter()
            .filter(move |(doc, _)| {
                project
                    .documents
                    .get(*doc)
                    .is_some_and(|d| self.admits_document(d))
            })
            .flat_map(move |(doc, by_coder)| {
                by_coder
                    .iter()
                    .filter(move |(coder, _)| self.admits_coder(coder.as_str()))
                    .flat_map(move |(coder, list)| {
                        list.iter()
                            .map(move |coding| CodingRef { doc, coder, coding })
                    })
            })
    }

    /// A one-line description for report headings and chart titles
    /// ("role = nurse; coder asha"), empty when the filter admits everything.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = self
            .conditions
            .iter()
            .map(|(name, values)| {
                format!(
                    "{name} = {}",
                    values.iter().cloned().collect::<Vec<_>>().join(" or ")
                )
            })
            .collect();
        if !self.coders.is_empty() {
            parts.push(format!(
                "coded by {}",
                self.coders.iter().cloned().collect::<Vec<_>>().join(" or ")
            ));
        }
        parts.join("; ")
    }
}

/// What an extracts query or report section is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    Code(CodeId),
    /// A theme and, through it, every subtheme's codes.
    Theme(ThemeId),
}

impl Subject {
    /// A code by id or name, else a theme by id or name.
    pub fn find(project: &Project, reference: &str) -> Option<Subject> {
        let reference = reference.trim();
        if let Some(code) = project.code_by_ref(reference) {
            return Some(Subject::Code(code.id.clone()));
        }
        project
            .theme_by_ref(reference)
            .map(|t| Subject::Theme(t.id.clone()))
    }

    /// The codes the subject covers.
    pub fn codes(&self, project: &Project) -> BTreeSet<CodeId> {
        match self {
            Subject::Code(id) => BTreeSet::from([id.clone()]),
            Subject::Theme(id) => project
                .theme(id)
                .map(|t| t.all_codes().into_iter().collect())
                .unwrap_or_default(),
        }
    }

    pub fn name<'a>(&'a self, project: &'a Project) -> &'a str {
        match self {
            Subject::Code(id) => project.code_name(id),
            Subject::Theme(id) => project.theme(id).map_or(id.as_str(), |t| t.name.as_str()),
        }
    }
}
