//! Synthetic projects of any size, for benchmarks and soak tests (the roadmap's
//! reference corpus is 1,000 transcripts of 10,000 words, 300 codes, 40 themes
//! and 200,000 codings by 5 coders). Deterministic: the same sizes give the
//! same project.

use crate::import::make_document;
use crate::model::{Code, CodeId, Coding, DocId, Manifest, Project, Theme, ThemeId};
use std::collections::BTreeMap;

/// How big a synthetic project is.
#[derive(Clone, Copy, Debug)]
pub struct CorpusSize {
    pub documents: usize,
    pub words_per_document: usize,
    pub codes: usize,
    pub themes: usize,
    pub codings_per_document: usize,
    pub coders: usize,
}

impl CorpusSize {
    /// The roadmap's reference corpus.
    pub const REFERENCE: CorpusSize = CorpusSize {
        documents: 1000,
        words_per_document: 10_000,
        codes: 300,
        themes: 40,
        codings_per_document: 200,
        coders: 5,
    };
}

const WORDS: [&str; 24] = [
    "you",
    "never",
    "know",
    "which",
    "one",
    "will",
    "get",
    "the",
    "clients",
    "service",
    "crack",
    "heroin",
    "script",
    "worker",
    "talk",
    "about",
    "it",
    "honestly",
    "chaos",
    "day",
    "keyworker",
    "trust",
    "group",
    "money",
];

/// A small linear congruential generator: enough variety for a benchmark.
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
    let mut rng = Lcg(42);
    let mut project = Project::new(Manifest::new("Synthetic corpus"));
    let coders: Vec<String> = (0..size.coders).map(|i| format!("coder{i}")).collect();
    project.manifest.coders = coders.clone();
    for i in 0..size.codes {
        let code = Code::new(CodeId::new(format!("code-{i:03}")), format!("Code {i}"), i);
        project.codes.insert(code.id.clone(), code);
    }
    for t in 0..size.themes {
        let mut theme = Theme::new(ThemeId::new(format!("theme-{t:02}")), format!("Theme {t}"));
        theme.codes = (0..size.codes)
            .filter(|c| c % size.themes.max(1) == t)
            .map(|c| CodeId::new(format!("code-{c:03}")))
            .collect();
        project.themes.push(theme);
    }
    for d in 0..size.documents {
        let mut text = String::with_capacity(size.words_per_document * 7);
        for w in 0..size.words_per_document {
            if w % 60 == 0 {
                text.push_str(if w % 120 == 0 {
                    "\n\nInterviewer: "
                } else {
                    "\n\nP: "
                });
            }
            text.push_str(WORDS[rng.next(WORDS.len())]);
            text.push(' ');
        }
        text.push('\n');
        let id = DocId::new(format!("D{d:04}"));
        let chars = text.chars().count();
        let doc = make_document(
            id.clone(),
            id.to_string(),
            "synthetic".into(),
            BTreeMap::new(),
            text,
        );
        project.documents.insert(id.clone(), doc);
        let mut by_coder: BTreeMap<String, Vec<Coding>> = BTreeMap::new();
        for _ in 0..size.codings_per_document {
            let start = rng.next(chars.saturating_sub(400));
            let end = start + 20 + rng.next(300);
            let code = CodeId::new(format!("code-{:03}", rng.next(size.codes)));
            let coder = coders[rng.next(coders.len())].clone();
            by_coder
                .entry(coder)
                .or_default()
                .push(Coding::new(code, start, end.min(chars)));
        }
        for list in by_coder.values_mut() {
            list.sort();
            list.dedup_by(|a, b| a.key() == b.key());
        }
        project.codings.insert(id, by_coder);
    }
    project
}
