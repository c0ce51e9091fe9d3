//! The two-letter tags of the coding stripes, unique within the project so
//! that every code can be told apart without colour (NO_COLOR): "cs" for
//! "Crack for energy and survival" would also be "Combined use and
//! speedballing", so colliding codes take another pair from their own words
//! ("ce", "cu"), then a letter or a digit.

use crate::model::{CodeId, Project};
use std::collections::{BTreeMap, BTreeSet};

/// Words that say little about a code and make poor initials.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
    "with",
];

/// The tag of every code of the project.
pub fn code_tags(project: &Project) -> BTreeMap<CodeId, String> {
    tags(
        project
            .codes
            .iter()
            .map(|(id, code)| (id, code.name.as_str())),
    )
}

/// Unique tags for `codes` (id, name): a code keeps its plain initials when no
/// other code shares them; the others take, in id order, their first candidate
/// that nobody holds and nobody else claimed first.
pub fn tags<'a>(codes: impl Iterator<Item = (&'a CodeId, &'a str)>) -> BTreeMap<CodeId, String> {
    let candidates: BTreeMap<&CodeId, Vec<String>> =
        codes.map(|(id, name)| (id, candidates(name))).collect();
    let mut firsts: BTreeMap<&str, usize> = BTreeMap::new();
    for list in candidates.values() {
        *firsts.entry(list[0].as_str()).or_default() += 1;
    }
    let mut out = BTreeMap::new();
    let mut used = BTreeSet::new();
    for (id, list) in &candidates {
        if firsts[list[0].as_str()] == 1 {
            used.insert(list[0].clone());
            out.insert((*id).clone(), list[0].clone());
        }
    }
    // A shared tag goes to none of its claimants: "cs" would still leave
    // the reader guessing which code it is.
    used.extend(
        firsts
            .iter()
            .filter(|(_, n)| **n > 1)
            .map(|(t, _)| (*t).to_string()),
    );
    for (id, list) in &candidates {
        if out.contains_key(*id) {
            continue;
        }
        let tag = list
            .iter()
            .find(|t| !used.contains(*t))
            .cloned()
            .or_else(|| any_pair().find(|t| !used.contains(t)))
            .unwrap_or_else(|| list[0].clone());
        used.insert(tag.clone());
        out.insert((*id).clone(), tag);
    }
    out
}

/// A name's possible tags, best first: first and last word's initials, first
/// and another word's, the first word's first two letters, the first letter
/// and any later letter, the first letter and a digit (then `any_pair`).
fn candidates(name: &str) -> Vec<String> {
    let lower = name.to_lowercase();
    let all_words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let significant: Vec<&str> = all_words
        .iter()
        .copied()
        .filter(|w| !SMALL_WORDS.contains(w))
        .collect();
    let words = if significant.is_empty() {
        all_words
    } else {
        significant
    };
    let mut out: Vec<String> = Vec::new();
    let mut push = |tag: String| {
        if tag.chars().count() == 2 && !out.contains(&tag) {
            out.push(tag);
        }
    };
    let Some(first) = words.first().and_then(|w| w.chars().next()) else {
        return vec!["··".to_string()];
    };
    let initial = |w: &str| w.chars().next().unwrap_or(first);
    match words.as_slice() {
        [one] => push(one.chars().take(2).collect()),
        [_, .., last] => push([first, initial(last)].iter().collect()),
        [] => {}
    }
    for w in words.iter().skip(1) {
        push([first, initial(w)].iter().collect());
    }
    push(words[0].chars().take(2).collect());
    for c in words.iter().flat_map(|w| w.chars()).skip(1) {
        push([first, c].iter().collect());
    }
    for d in '2'..='9' {
        push([first, d].iter().collect());
    }
    out
}

/// The last resort, any pair at all, generated only for a code whose own
/// candidates are all taken: listing all 1,296 for every code, with a
/// linear duplicate check, cost 0.7 s a frame at 300 codes.
fn any_pair() -> impl Iterator<Item = String> {
    ('a'..='z').chain('0'..='9').flat_map(|a| {
        ('a'..='z')
            .chain('0'..='9')
            .map(move |b| [a, b].iter().collect())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags_of(names: &[&str]) -> Vec<String> {
        let ids: Vec<CodeId> = names
            .iter()
            .map(|n| CodeId::new(crate::model::slugify(n)))
            .collect();
        let tags = tags(ids.iter().zip(names.iter().copied()));
        ids.iter().map(|id| tags[id].clone()).collect()
    }

    #[test]
    fn plain_initials_when_nobody_shares_them() {
        assert_eq!(tags_of(&["chaos", "power of language"]), ["ch", "pl"]);
    }

    #[test]
    fn colliding_initials_take_other_words() {
        // Both are "cs" by first and last word.
        let t = tags_of(&[
            "Crack for energy and survival",
            "Combined use and speedballing",
        ]);
        assert_eq!(t, ["ce", "cu"]);
    }

    #[test]
    fn every_tag_is_unique_even_for_many_alike_names() {
        let names: Vec<String> = (0..60).map(|i| format!("Mood {i} anxiety")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let t = tags_of(&refs);
        let unique: BTreeSet<&String> = t.iter().collect();
        assert_eq!(unique.len(), t.len(), "{t:?}");
        assert!(t.iter().all(|tag| tag.chars().count() == 2));
    }
}
