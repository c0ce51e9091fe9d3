//! Questions about who coded what: which coders have worked on the project,
//! which two to compare by default, and code counts restricted to some
//! coders (what a coder working blind, or looking at one layer, may see).

use crate::model::{CodeId, CoderId, Project};
use std::collections::{BTreeMap, BTreeSet};

/// Coders with at least one coding, sorted.
pub fn active_coders(project: &Project) -> Vec<String> {
    let coders: BTreeSet<&CoderId> = project
        .codings
        .values()
        .flat_map(|by_coder| by_coder.iter())
        .filter(|(_, list)| !list.is_empty())
        .map(|(coder, _)| coder)
        .collect();
    coders.into_iter().map(ToString::to_string).collect()
}

/// Documents both coders have coded at least once.
pub fn shared_documents(project: &Project, a: &str, b: &str) -> usize {
    let coded = |by_coder: &crate::model::CodingsByCoder, who: &str| {
        by_coder.get(who).is_some_and(|list| !list.is_empty())
    };
    project
        .codings
        .values()
        .filter(|by_coder| coded(by_coder, a) && coded(by_coder, b))
        .count()
}

/// The two coders an agreement view starts with: `me` and the other coder
/// who shares the most coded documents with me (the first by name on a tie),
/// or, when I share none, the first two coders who have coded. None when
/// fewer than two coders have coded anything.
pub fn default_pair(project: &Project, me: &str) -> Option<(String, String)> {
    let coders = active_coders(project);
    let partner = coders
        .iter()
        .filter(|c| c.as_str() != me)
        .map(|c| (shared_documents(project, me, c), c))
        .filter(|(n, _)| *n > 0)
        // max_by_key keeps the last maximum; reversing keeps the first by name.
        .rev()
        .max_by_key(|(n, _)| *n);
    if let Some((_, other)) = partner {
        return Some((me.to_string(), other.clone()));
    }
    match coders.as_slice() {
        [first, second, ..] => Some((first.clone(), second.clone())),
        _ => None,
    }
}

/// Every unordered pair of `coders`, in order: (a, b), (a, c), (b, c)...
pub fn pairs(coders: &[String]) -> Vec<(String, String)> {
    coders
        .iter()
        .enumerate()
        .flat_map(|(i, a)| coders[i + 1..].iter().map(move |b| (a.clone(), b.clone())))
        .collect()
}

/// Codings and documents per code, counting only the codings of coders for
/// whom `shown` holds. Every code of the codebook has a row.
pub fn usage_of(
    project: &Project,
    shown: impl Fn(&str) -> bool,
) -> BTreeMap<CodeId, (usize, usize)> {
    let mut table: BTreeMap<CodeId, (usize, usize)> = project
        .codes
        .keys()
        .map(|id| (id.clone(), (0, 0)))
        .collect();
    for by_coder in project.codings.values() {
        let mut seen: BTreeMap<&CodeId, usize> = BTreeMap::new();
        for (_, list) in by_coder.iter().filter(|(coder, _)| shown(coder.as_str())) {
            for coding in list {
                *seen.entry(&coding.code).or_default() += 1;
            }
        }
        for (code, n) in seen {
            let entry = table.entry(code.clone()).or_default();
            entry.0 += n;
            entry.1 += 1;
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Code, Coding, DocId, Manifest};

    fn project(codings: &[(&str, &str)]) -> Project {
        let mut p = Project::new(Manifest::new("t"));
        p.codes
            .insert(CodeId::new("c"), Code::new(CodeId::new("c"), "c", 0));
        for (doc, coder) in codings {
            p.codings
                .entry(DocId::new(*doc))
                .or_default()
                .entry((*coder).into())
                .or_default()
                .push(Coding::new(CodeId::new("c"), 0, 1));
        }
        p
    }

    #[test]
    fn the_default_partner_shares_most_documents() {
        let p = project(&[
            ("D1", "me"),
            ("D2", "me"),
            ("D1", "ann"),
            ("D1", "zed"),
            ("D2", "zed"),
            ("D3", "bob"),
        ]);
        assert_eq!(default_pair(&p, "me"), Some(("me".into(), "zed".into())));
        // A tie goes to the first by name.
        let tie = project(&[("D1", "me"), ("D1", "zed"), ("D1", "ann")]);
        assert_eq!(default_pair(&tie, "me"), Some(("me".into(), "ann".into())));
        // Someone who shares nothing compares the first two coders.
        assert_eq!(
            default_pair(&p, "newcomer"),
            Some(("ann".into(), "bob".into()))
        );
        assert_eq!(default_pair(&project(&[("D1", "me")]), "me"), None);
    }

    #[test]
    fn usage_counts_only_the_coders_shown() {
        let p = project(&[("D1", "me"), ("D2", "me"), ("D2", "ann"), ("D3", "ann")]);
        assert_eq!(usage_of(&p, |_| true)[&CodeId::new("c")], (4, 3));
        assert_eq!(usage_of(&p, |c| c == "me")[&CodeId::new("c")], (2, 2));
        assert_eq!(usage_of(&p, |_| false)[&CodeId::new("c")], (0, 0));
        assert_eq!(usage_of(&p, |_| true), p.usage_table());
    }

    #[test]
    fn pairs_are_unordered_and_in_order() {
        let coders: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        let got = pairs(&coders);
        assert_eq!(got.len(), 3);
        assert_eq!(got[0], ("a".into(), "b".into()));
        assert_eq!(got[2], ("b".into(), "c".into()));
    }
}
