//! Synthetic projects of any size, for benchmarks and soak tests (the
//! reference corpus is 1,000 transcripts of 10,000 words, 300 codes, 40
//! themes and 200,000 codings by 5 coders). Deterministic: the same size and
//! seed give the same project, byte for byte.
//!
//! The text reads like an interview transcript: turns that alternate between
//! the interviewer and the participant, sentences of varied length, some
//! words outside ASCII (accents, dashes, curly quotes, a little CJK), so that
//! character offsets, wrapping and search are exercised as real studies do.
//! Codings fall on sentence boundaries where analysts put them, overlap and
//! nest; the first two coders code every document, the others some.

use crate::import::make_document;
use crate::model::{
    AttributeDef, AttributeKind, Code, CodeId, CoderId, Coding, DocId, Manifest, Project, Theme,
    ThemeId,
};
use std::collections::BTreeMap;

/// How big a synthetic project is, and the seed that makes it.
#[derive(Clone, Copy, Debug)]
pub struct CorpusSize {
    pub documents: usize,
    pub words_per_document: usize,
    pub codes: usize,
    pub themes: usize,
    pub codings_per_document: usize,
    pub coders: usize,
    pub seed: u64,
}

impl CorpusSize {
    /// The reference corpus.
    pub const REFERENCE: CorpusSize = CorpusSize {
        documents: 1000,
        words_per_document: 10_000,
        codes: 300,
        themes: 40,
        codings_per_document: 200,
        coders: 5,
        seed: 42,
    };
}

#[rustfmt::skip]
const WORDS: [&str; 95] = [
    "you", "never", "know", "which", "one", "will", "get", "the", "clients", "service", "crack",
    "heroin", "script", "worker", "talk", "about", "it", "honestly", "day", "keyworker", "trust",
    "group", "money", "and", "a", "lot", "of", "them", "people", "is", "that", "we", "they",
    "were", "to", "in", "on", "with", "methadone", "buprenorphine", "housing", "benefits",
    "hostel", "appointment", "pharmacy", "outreach", "naloxone", "overdose", "recovery",
    "support", "family", "children", "court", "probation", "mental", "health", "GP", "referral",
    "waiting", "list", "shift", "night", "morning", "week", "months", "years", "really", "just",
    "kind", "sort", "maybe", "always", "sometimes", "harm", "reduction", "needle", "exchange",
    "café", "naïve", "rôle", "façade", "Zoë", "José", "—", "‘safe’", "“chaos”", "…", "déjà",
    "vu", "über", "São", "Paulo", "你好", "ok", "right",
];

const CODE_STEMS: [&str; 24] = [
    "Unpredictable days",
    "Crack for energy",
    "Opioids to come down",
    "Speedballing",
    "Housing first",
    "Trust built slowly",
    "Shame and silence",
    "Script stability",
    "Missed appointments",
    "Outreach visits",
    "Naloxone carried",
    "Overdose fear",
    "Family contact",
    "Court and probation",
    "Mental health waits",
    "Peer support",
    "Staff burnout",
    "Money pressures",
    "Night-time use",
    "Safer injecting advice",
    "Pharmacy relations",
    "Group work",
    "Recovery capital",
    "Stigmatising labels",
];

const ROLES: [&str; 4] = ["recovery worker", "nurse", "peer mentor", "team leader"];
const SERVICES: [&str; 3] = ["A", "B", "C"];

/// A small linear congruential generator: enough variety for a benchmark,
/// and the same sequence on every machine.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % bound.max(1)
    }
}

pub fn synthetic(size: CorpusSize) -> Project {
    let mut rng = Lcg(size.seed ^ 0x6d61_7267_696e);
    let mut project = Project::new(Manifest::new("Synthetic corpus"));
    project.manifest.description = format!(
        "Generated: {} documents of about {} words, {} codes, {} themes, seed {}.",
        size.documents, size.words_per_document, size.codes, size.themes, size.seed
    );
    project.manifest.attributes = vec![
        AttributeDef::new("role", AttributeKind::Text),
        AttributeDef::new("service", AttributeKind::Text),
        AttributeDef::new("years", AttributeKind::Number),
    ];
    let coders: Vec<CoderId> = (0..size.coders)
        .map(|i| CoderId::new(format!("coder{i}")))
        .collect();
    project.manifest.coders = coders.clone();
    for i in 0..size.codes {
        let stem = CODE_STEMS[i % CODE_STEMS.len()];
        let name = if i < CODE_STEMS.len() {
            stem.to_string()
        } else {
            format!("{stem} {}", i / CODE_STEMS.len() + 1)
        };
        let mut code = Code::new(CodeId::new(format!("code-{i:03}")), name, i);
        code.description = format!("Talk about {}.", stem.to_lowercase());
        project.codes.insert(code.id.clone(), code);
    }
    project.themes = theme_tree(size);
    for d in 0..size.documents {
        let id = DocId::new(format!("D{d:04}"));
        let text = transcript(&mut rng, &id, size.words_per_document);
        let mut attributes = BTreeMap::new();
        attributes.insert("role".into(), ROLES[rng.next(ROLES.len())].to_string());
        attributes.insert(
            "service".into(),
            SERVICES[rng.next(SERVICES.len())].to_string(),
        );
        attributes.insert("years".into(), (1 + rng.next(25)).to_string());
        let doc = make_document(
            id.clone(),
            format!("{id}: {}", attributes["role"]),
            format!("{id}.txt"),
            attributes,
            text,
        );
        let by_coder = codings(&mut rng, doc.text(), size, &coders, d);
        project.documents.insert(id.clone(), doc);
        project.codings.insert(id, by_coder);
    }
    project
}

/// A quarter of the themes at the top, the rest as their subthemes; codes
/// spread over all of them, a few left unsorted.
fn theme_tree(size: CorpusSize) -> Vec<Theme> {
    let top = size.themes.div_ceil(4).max(usize::from(size.themes > 0));
    let mut themes: Vec<Theme> = (0..size.themes)
        .map(|t| {
            let mut theme = Theme::new(ThemeId::new(format!("theme-{t:02}")), format!("Theme {t}"));
            theme.definition = format!("What participants say about theme {t}.");
            theme.codes = (0..size.codes)
                .filter(|c| c % (size.themes + 1) == t)
                .map(|c| CodeId::new(format!("code-{c:03}")))
                .collect();
            theme
        })
        .collect();
    let subthemes = themes.split_off(top.min(themes.len()));
    for (i, sub) in subthemes.into_iter().enumerate() {
        let parent = i % top.max(1);
        themes[parent].subthemes.push(sub);
    }
    themes
}

/// Turns that alternate between the interviewer and the participant, each of
/// a few sentences.
fn transcript(rng: &mut Lcg, id: &DocId, words: usize) -> String {
    let mut text = String::with_capacity(words * 7);
    text.push_str(&format!("Interview {id}\n"));
    let mut written = 0;
    let mut interviewer = true;
    while written < words {
        text.push('\n');
        if interviewer {
            text.push_str("Interviewer: ");
        } else {
            text.push_str(id.as_str());
            text.push_str(": ");
        }
        let turn_words = if interviewer {
            8 + rng.next(20)
        } else {
            30 + rng.next(150)
        };
        let this_turn = turn_words.min(words - written);
        let sentence_len = |rng: &mut Lcg| 6 + rng.next(18);
        let mut in_sentence = 0;
        let mut this_sentence = sentence_len(rng);
        for w in 0..this_turn {
            let word = WORDS[rng.next(WORDS.len())];
            if in_sentence == 0 {
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    text.extend(first.to_uppercase());
                    text.push_str(chars.as_str());
                }
            } else {
                text.push_str(word);
            }
            in_sentence += 1;
            let last = w + 1 == this_turn;
            if in_sentence == this_sentence || last {
                text.push(if interviewer && last { '?' } else { '.' });
                in_sentence = 0;
                this_sentence = sentence_len(rng);
            }
            text.push(if last { '\n' } else { ' ' });
        }
        written += turn_words;
        interviewer = !interviewer;
    }
    text
}

/// Codings of one document: on sentence starts and ends, some nested in
/// others. Coders 0 and 1 code every document; the others every third.
fn codings(
    rng: &mut Lcg,
    text: &str,
    size: CorpusSize,
    coders: &[CoderId],
    doc_index: usize,
) -> BTreeMap<CoderId, Vec<Coding>> {
    let chars: Vec<char> = text.chars().collect();
    let sentence_starts: Vec<usize> = std::iter::once(0)
        .chain(
            chars
                .windows(2)
                .enumerate()
                .filter(|(_, w)| matches!(w[0], '.' | '?') && w[1] == ' ' || w[0] == '\n')
                .map(|(i, _)| i + 1),
        )
        .filter(|&i| i < chars.len())
        .collect();
    let active: Vec<&CoderId> = coders
        .iter()
        .enumerate()
        .filter(|(c, _)| *c < 2 || (doc_index + c).is_multiple_of(3))
        .map(|(_, name)| name)
        .collect();
    let mut by_coder: BTreeMap<CoderId, Vec<Coding>> = BTreeMap::new();
    if sentence_starts.len() < 2 || active.is_empty() || size.codes == 0 {
        return by_coder;
    }
    for _ in 0..size.codings_per_document {
        let first = rng.next(sentence_starts.len() - 1);
        let span = 1 + rng.next(4);
        let start = sentence_starts[first];
        let end = sentence_starts
            .get(first + span)
            .copied()
            .unwrap_or(chars.len());
        // Now and then a phrase inside the passage rather than all of it.
        let (start, end) = if rng.next(5) == 0 && end - start > 40 {
            let s = start + rng.next((end - start) / 2);
            (s, (s + 10 + rng.next(30)).min(end))
        } else {
            (start, end)
        };
        let code = CodeId::new(format!("code-{:03}", rng.next(size.codes)));
        let coder = active[rng.next(active.len())].clone();
        by_coder
            .entry(coder)
            .or_default()
            .push(Coding::new(code, start, end));
    }
    for list in by_coder.values_mut() {
        list.sort();
        list.dedup_by(|a, b| a.key() == b.key());
    }
    by_coder
}

/// The corpus a benchmark runs on: the folder MARGIN_CORPUS names, or else
/// the reference corpus cut to MARGIN_BENCH_DOCS documents (200 unless told)
/// written to a temporary folder, returned with it so it lives as long.
pub fn bench_corpus() -> (std::path::PathBuf, Option<tempfile::TempDir>) {
    if let Some(dir) = std::env::var_os("MARGIN_CORPUS") {
        return (std::path::PathBuf::from(dir), None);
    }
    let documents = std::env::var("MARGIN_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let project = synthetic(CorpusSize {
        documents,
        ..CorpusSize::REFERENCE
    });
    let tmp = tempfile::tempdir().expect("a temporary folder for the corpus");
    let dir = tmp.path().join("corpus");
    crate::store::Store::create(&dir, &project).expect("writes the corpus");
    (dir, Some(tmp))
}

/// A scratch copy of the reference corpus the whole-process benchmarks run
/// on (the folder MARGIN_REFERENCE names, /tmp/reference unless told), so
/// no benchmark writes the original: (the original, the copy, the folder
/// holding the copy).
/// None, after saying how to make one, when there is no corpus there.
pub fn reference_copy() -> Option<(std::path::PathBuf, std::path::PathBuf, tempfile::TempDir)> {
    let source = std::path::PathBuf::from(
        std::env::var("MARGIN_REFERENCE").unwrap_or_else(|_| "/tmp/reference".into()),
    );
    if !source.join("margin.ron").is_file() {
        eprintln!(
            "no corpus at {} (make one: cargo run --release --example gen-corpus -- {0})",
            source.display()
        );
        return None;
    }
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let dir = scratch.path().join("corpus");
    let copied = std::process::Command::new("cp")
        .arg("-a")
        .arg(&source)
        .arg(&dir)
        .status()
        .expect("cp runs");
    assert!(copied.success(), "could not copy {}", source.display());
    Some((source, dir, scratch))
}

/// How many runs a benchmark row takes: MARGIN_BENCH_RUNS, 5 unless told.
pub fn bench_runs() -> usize {
    std::env::var("MARGIN_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small(seed: u64) -> CorpusSize {
        CorpusSize {
            documents: 6,
            words_per_document: 800,
            codes: 30,
            themes: 8,
            codings_per_document: 40,
            coders: 3,
            seed,
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_project_and_another_seed_another() {
        assert_eq!(synthetic(small(7)), synthetic(small(7)));
        assert_ne!(synthetic(small(7)), synthetic(small(8)));
    }

    #[test]
    fn a_generated_project_is_valid_and_reads_like_a_transcript() {
        let project = synthetic(small(1));
        let dir = tempfile::tempdir().expect("tempdir");
        crate::store::Store::create(dir.path(), &project).expect("written");
        let (loaded, _) = crate::store::Store::open(dir.path()).expect("loads");
        assert_eq!(loaded, project, "round-trips through the files");
        let problems = crate::check::validate(dir.path(), &loaded);
        assert!(problems.is_empty(), "{problems:?}");
        let doc = project.documents.values().next().expect("a document");
        assert!(doc.turns().len() > 4, "turns alternate");
        assert!(!doc.text().is_ascii(), "non-ASCII text");
        assert_eq!(project.themes.len(), 2);
        assert_eq!(project.themes[0].subthemes.len(), 3);
        let codings: usize = project
            .codings
            .values()
            .flat_map(|c| c.values())
            .map(Vec::len)
            .sum();
        assert!(codings > 6 * 30, "{codings} codings");
    }
}
