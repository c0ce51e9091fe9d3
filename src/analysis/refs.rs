//! Agreement between git refs: each coder codes blind on a branch, and the
//! projects as they stand at each ref are combined into one project in which
//! every ref is one "coder", so the ordinary comparison applies.
//!
//! Which codings of a ref count: those of the coders named in the spec
//! (`REF:CODER` or `REF:CODER+CODER`); with a bare `REF`, those of the coder
//! named like the ref's last path component (`alice` for `origin/alice`) if
//! that coder has codings there, and otherwise every coding at the ref (a
//! branch holding one coder's blind work, whatever name they coded under).

use crate::analysis::agreement::Group;
use crate::model::{CoderId, DocId, Project};
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
        let all: Vec<String> = project.coders().iter().map(ToString::to_string).collect();
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
    /// Per label, the coders whose codings were actually taken at that ref
    /// (a bare `alice` may stand for every coder there).
    pub sources: BTreeMap<String, Vec<String>>,
}

/// Names in `groups` (compared under their ref labels) the coders really
/// behind each label, from `Combined::sources`, so reports do not claim
/// `alice` coded what ana did.
pub fn name_sources(sources: &BTreeMap<String, Vec<String>>, groups: &mut [Group]) {
    for group in groups {
        if let Some(coders) = sources.get(&group.name) {
            group.coders = coders.clone();
        }
    }
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
    let mut sources = BTreeMap::new();
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
        let mut found: Vec<String> = Vec::new();
        for (doc, by_coder) in &side.codings {
            if skipped.contains(doc) {
                continue;
            }
            let mut list: Vec<_> = coders
                .iter()
                .filter_map(|c| by_coder.get(c.as_str()))
                .flatten()
                .cloned()
                .collect();
            if list.is_empty() {
                continue;
            }
            for coder in coders
                .iter()
                .filter(|c| by_coder.get(c.as_str()).is_some_and(|l| !l.is_empty()))
            {
                if !found.contains(coder) {
                    found.push(coder.clone());
                }
            }
            list.sort();
            list.dedup();
            let slot: &mut BTreeMap<CoderId, _> = project.codings.entry(doc.clone()).or_default();
            slot.insert(CoderId::new(label.clone()), list);
        }
        found.sort();
        sources.insert(label.clone(), found);
        labels.push(label);
    }
    Combined {
        project,
        labels,
        skipped,
        sources,
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

    #[test]
    fn groups_name_the_coders_really_found_at_each_ref() {
        use crate::model::{Code, CodeId, Coding, Document, DocumentRecord, Manifest};
        let side = |coders: &[&str]| {
            let mut p = Project::new(Manifest::new("study"));
            let record = DocumentRecord {
                title: "P1".into(),
                source: String::new(),
                attributes: Default::default(),
                sha256: String::new(),
                guid: String::new(),
                times: Vec::new(),
            };
            let doc = DocId::new("P1");
            p.documents.insert(
                doc.clone(),
                Document::new(doc.clone(), record, "some words here".into()),
            );
            p.codes
                .insert(CodeId::new("c"), Code::new(CodeId::new("c"), "c", 0));
            for (i, coder) in coders.iter().enumerate() {
                p.manifest.coders.push((*coder).into());
                let coding = Coding::new(CodeId::new("c"), i, i + 4);
                p.codings
                    .entry(doc.clone())
                    .or_default()
                    .insert((*coder).into(), vec![coding]);
            }
            p
        };
        let spec = |s: &str| RefSpec::parse(s).expect("spec");
        // alice's branch holds ana's and ben's work, none by an "alice";
        // bob's holds bob's own beside cy's, and only bob's counts.
        let combined = combine(&[
            (spec("alice"), side(&["ana", "ben"])),
            (spec("origin/bob"), side(&["bob", "cy"])),
        ]);
        let mut groups: Vec<Group> = combined.labels.iter().map(Group::coder).collect();
        name_sources(&combined.sources, &mut groups);
        let coders: Vec<(&str, Vec<&str>)> = groups
            .iter()
            .map(|g| {
                (
                    g.name.as_str(),
                    g.coders.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            coders,
            [("alice", vec!["ana", "ben"]), ("origin/bob", vec!["bob"])]
        );
    }
}
