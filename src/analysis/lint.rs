//! Quality gates a team can run in CI (`margin lint`): codes without a
//! definition, unused codes, duplicate or near-duplicate code names, codings
//! that no longer anchor to their text, and agreement below a threshold.
//! Pure: findings say what they are about (the codebook, one coder's
//! codings of a document) and what text to point at; the face turns that
//! into `file:line:col`. Nothing here knows the files.

use super::pairwise::{PairwiseOptions, compare_pairs};
use crate::model::{CoderId, Coding, DocId, Project};
use crate::text::EXCERPT_CHARS;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rule {
    NoDefinition,
    Unused,
    DuplicateName,
    NearDuplicateName,
    NotAnchored,
    LowAgreement,
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Rule::NoDefinition => "no-definition",
            Rule::Unused => "unused-code",
            Rule::DuplicateName => "duplicate-name",
            Rule::NearDuplicateName => "near-duplicate-name",
            Rule::NotAnchored => "not-anchored",
            Rule::LowAgreement => "low-agreement",
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: Rule,
    /// What the finding is about (the face knows its file).
    pub place: Place,
    /// Text in that file to point at (its first occurrence).
    pub needle: String,
    pub message: String,
}

/// What a finding points into.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// The codebook.
    Codebook,
    /// One coder's codings of one document.
    Codings { doc: DocId, coder: CoderId },
}

#[derive(Clone, Debug, Default)]
pub struct LintOptions {
    /// Flag codes whose Cohen's kappa, for a pair of coders, is below this.
    pub min_kappa: Option<f64>,
    /// Flag codes whose Krippendorff's alpha, for a pair, is below this.
    pub min_alpha: Option<f64>,
    /// Which coders and documents agreement is measured on (see
    /// `pairwise`: by default every pair, on the documents both coded).
    pub agreement: PairwiseOptions,
}

/// Every finding, by rule and then by place. `stored_excerpt` gives the
/// excerpt a coding file holds beside a coding (what it was made on), if any.
pub fn lint(
    project: &Project,
    options: &LintOptions,
    stored_excerpt: &dyn Fn(&DocId, &str, &Coding) -> Option<String>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let code_at = |id: &str| format!("id: \"{id}\"");
    let usage = project.usage_table();
    for code in project.codes.values() {
        if code.description.trim().is_empty() {
            out.push(finding(
                Rule::NoDefinition,
                Place::Codebook,
                code_at(code.id.as_str()),
                format!("code '{}' has no definition (description)", code.name),
            ));
        }
        if usage.get(&code.id).is_none_or(|(n, _)| *n == 0) {
            out.push(finding(
                Rule::Unused,
                Place::Codebook,
                code_at(code.id.as_str()),
                format!("code '{}' is not used in any coding", code.name),
            ));
        }
    }
    let codes: Vec<_> = project.codes.values().collect();
    for (i, a) in codes.iter().enumerate() {
        for b in &codes[i + 1..] {
            let (na, nb) = (normalise(&a.name), normalise(&b.name));
            let rule = if na == nb {
                Rule::DuplicateName
            } else if near(&na, &nb) {
                Rule::NearDuplicateName
            } else {
                continue;
            };
            let how = if rule == Rule::DuplicateName {
                "the same name as"
            } else {
                "a name close to"
            };
            out.push(finding(
                rule,
                Place::Codebook,
                code_at(b.id.as_str()),
                format!("code '{}' has {how} '{}'", b.name, a.name),
            ));
        }
    }
    for (doc, by_coder) in &project.codings {
        let Some(document) = project.documents.get(doc) else {
            continue;
        };
        for (coder, list) in by_coder {
            for coding in list {
                if let Some(was) = &coding.unplaced {
                    out.push(finding(
                        Rule::NotAnchored,
                        Place::Codings {
                            doc: doc.clone(),
                            coder: coder.clone(),
                        },
                        format!("start: {}, end: {}", coding.start, coding.end),
                        format!("coding of '{}' is unplaced: its words (\"{was}\") are no longer in the transcript (margin reanchor --list)", project.code_name(&coding.code)),
                    ));
                    continue;
                }
                let Some(was) = stored_excerpt(doc, coder, coding).filter(|w| !w.is_empty()) else {
                    continue;
                };
                let now = document.excerpt(coding.start, coding.end, EXCERPT_CHARS);
                if was != now {
                    out.push(finding(
                        Rule::NotAnchored,
                        Place::Codings {
                            doc: doc.clone(),
                            coder: coder.clone(),
                        },
                        format!("start: {}, end: {}", coding.start, coding.end),
                        format!("coding of '{}' was made on \"{was}\" but the text there now reads \"{now}\"", project.code_name(&coding.code)),
                    ));
                }
            }
        }
    }
    if options.min_kappa.is_some() || options.min_alpha.is_some() {
        low_agreement(project, options, &mut out);
    }
    out.sort_by_key(|f| f.rule);
    out
}

fn finding(rule: Rule, place: Place, needle: String, message: String) -> Finding {
    Finding {
        rule,
        place,
        needle,
        message,
    }
}

/// Codes whose agreement between every coder with codings is below `min`.
/// Codes below a threshold, pair by pair (each pair on the documents both
/// coded), naming the statistic tested. Codes nobody in a pair used have no
/// variation and nothing to test.
fn low_agreement(project: &Project, options: &LintOptions, out: &mut Vec<Finding>) {
    let Ok(pairs) = compare_pairs(project, &options.agreement) else {
        return;
    };
    for pair in pairs {
        let Some(report) = &pair.report else {
            continue;
        };
        let docs = report
            .documents
            .iter()
            .map(DocId::as_str)
            .collect::<Vec<_>>()
            .join(", ");
        for row in report.worst_first() {
            if row.documents.is_empty() || row.scores.no_variation {
                continue;
            }
            let tests = [
                ("kappa", options.min_kappa, row.scores.kappa),
                ("alpha", options.min_alpha, Some(row.scores.alpha)),
            ];
            for (stat, min, value) in tests {
                let (Some(min), Some(value)) = (min, value) else {
                    continue;
                };
                if value >= min {
                    continue;
                }
                out.push(finding(
                    Rule::LowAgreement,
                    Place::Codebook,
                    format!("id: \"{}\"", row.code),
                    format!(
                        "code '{}': {stat} {value:.3} is below {min} ({} / {} on {docs})",
                        row.name, pair.a, pair.b
                    ),
                ));
            }
        }
    }
}

/// A name reduced to what tells codes apart: lower-case letters and digits,
/// single spaces.
fn normalise(name: &str) -> String {
    name.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Names an analyst would likely confuse: a plural of the other, or one or
/// two edits apart (one for short names).
fn near(a: &str, b: &str) -> bool {
    if singular(a) == singular(b) {
        return true;
    }
    let shorter = a.chars().count().min(b.chars().count());
    let allowed = match shorter {
        0..=4 => 0,
        5..=9 => 1,
        _ => 2,
    };
    allowed > 0 && edit_distance(a, b, allowed) <= allowed
}

/// Each word of a name in a rough singular (boundaries -> boundary).
fn singular(name: &str) -> String {
    name.split(' ')
        .map(|w| match w.strip_suffix("ies") {
            Some(stem) if !stem.is_empty() => format!("{stem}y"),
            _ => w.strip_suffix('s').unwrap_or(w).to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Levenshtein distance, stopping early once it must exceed `limit`.
fn edit_distance(a: &str, b: &str, limit: usize) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut row = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            row[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(row[j] + 1);
        }
        if row.iter().min().is_some_and(|&m| m > limit) {
            return limit + 1;
        }
        prev = row;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_names() {
        assert!(near("boundary", "boundaries"));
        assert!(near("stigma", "stigmas"));
        assert!(near("chaotic lives", "chaotic life"));
        assert!(near(
            "motivational interviewing",
            "motivational interviewng"
        ));
        assert!(!near("chaos", "trust"));
        assert!(!near("risk", "rusk"), "short names must match exactly");
        assert_eq!(normalise("  Power--in the Room "), "power in the room");
        assert_eq!(edit_distance("kitten", "sitting", 5), 3);
        assert_eq!(edit_distance("kitten", "sitting", 1), 2);
    }
}
