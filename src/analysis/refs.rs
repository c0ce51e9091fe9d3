//! Agreement between git refs: each coder codes blind on a branch, and the
//! projects as they stand at each ref are combined into one project in which
//! every ref is one "coder", so the ordinary comparison applies.
//!
//! Which codings of a ref count: those of the coders named in the spec
//! (`REF:CODER` or `REF:CODER+CODER`); with a bare `REF`, those of the coder
//! named like the ref's last path component (`alice` for `origin/alice`) if
//! that coder has codings there, and otherwise every coding at the ref (a
//! branch holding one coder's blind work, whatever name they coded under).

use crate::model::{DocId, Project};
use std::collections::BTreeMap;

/// One side of a comparison between refs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefSpec {
    pub rev: String,
    /// Coders whose codings count; empty: decided by the rule above.
    pub coders: Vec<String>,
}

impl RefSpec {
    /// Parses `REF` or `REF:CODER[+CODER...]` (a ref name cannot hold ':').
    pub fn parse(spec: &str) -> Option<RefSpec> {
        let (rev, coders) = match spec.split_once(':') {
            Some((rev, coders)) => (
                rev,
                coders
                    .split('+')
                    .map(|c| c.trim().to_string())
                    .filter(|c| !c.is_empty())
                    .collect(),
            ),
            None => (spec, Vec::new()),
        };
        let rev = rev.trim();
        (!rev.is_empty()).then(|| RefSpec {
            rev: rev.to_string(),
            coders,
        })
    }

    /// The name this side goes by in reports: the spec as typed.
    pub fn label(&self) -> String {
        if self.coders.is_empty() {
            self.rev.clone()
        } else {
            format!("{}:{}", self.rev, self.coders.join("+"))
        }
    }

    /// The coders whose codings count in `project` (the project at this ref).
    pub fn coders_in(&self, project: &Project) -> Vec<String> {
        if !self.coders.is_empty() {
            return self.coders.clone();
        }
        let all = project.coders();
        let own = self.rev.rsplit('/').next().unwrap_or(&self.rev);
        let has_codings = |coder: &str| {
            project
                .codings
                .values()
                .any(|m| m.get(coder).is_some_and(|l| !l.is_empty()))
        };
        match all.iter().find(|c| c.eq_ignore_ascii_case(own)) {
            Some(coder) if has_codings(coder) => vec![coder.clone()],
            _ => all,
        }
    }
}

/// What combining refs found: the combined project, and documents left out
/// because their text differs between refs (offsets would not compare).
#[derive(Debug)]
pub struct Combined {
    pub project: Project,
    pub labels: Vec<String>,
    pub skipped: Vec<DocId>,
}

/// Combines the projects at several refs: documents and codes of all refs
/// (the first ref's version wins), and as the codings of "coder" LABEL, the
/// codings of that ref's chosen coders.
pub fn combine(sides: &[(RefSpec, Project)]) -> Combined {
    let mut labels = Vec::new();
    let mut project = match sides.first() {
        Some((_, first)) => Project::new(first.manifest.clone()),
        None => Project::new(crate::model::Manifest::new("")),
    };
    let mut skipped = Vec::new();
    for (_, side) in sides {
        for (id, code) in &side.codes {
            project
                .codes
                .entry(id.clone())
                .or_insert_with(|| code.clone());
        }
        for (id, doc) in &side.documents {
            match project.documents.get(id) {
                None => {
                    project.documents.insert(id.clone(), doc.clone());
                }
                Some(known) if known.text() != doc.text() && !skipped.contains(id) => {
                    skipped.push(id.clone());
                }
                Some(_) => {}
            }
        }
    }
    for id in &skipped {
        project.documents.remove(id);
    }
    for (spec, side) in sides {
        let label = spec.label();
        let coders = spec.coders_in(side);
        for (doc, by_coder) in &side.codings {
            if skipped.contains(doc) {
                continue;
            }
            let mut list: Vec<_> = coders
                .iter()
                .filter_map(|c| by_coder.get(c))
                .flatten()
                .cloned()
                .collect();
            if list.is_empty() {
                continue;
            }
            list.sort();
            list.dedup();
            let slot: &mut BTreeMap<String, _> = project.codings.entry(doc.clone()).or_default();
            slot.insert(label.clone(), list);
        }
        labels.push(label);
    }
    Combined {
        project,
        labels,
        skipped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_parse() {
        assert_eq!(
            RefSpec::parse("alice"),
            Some(RefSpec {
                rev: "alice".into(),
                coders: vec![]
            })
        );
        assert_eq!(
            RefSpec::parse("main:ana+ben").map(|s| s.coders),
            Some(vec!["ana".to_string(), "ben".to_string()])
        );
        assert_eq!(RefSpec::parse(":ana"), None);
    }
}
