//! The whole project in memory, with the queries every face needs.

use super::{
    Code, CodeId, CoderId, Coding, DocId, Document, JournalEntry, Manifest, MemoTarget, Theme,
    ThemeId, theme,
};
use std::collections::BTreeMap;

/// Codings of one document, by coder, each list sorted by (start, end, code).
pub type CodingsByCoder = BTreeMap<CoderId, Vec<Coding>>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Project {
    pub manifest: Manifest,
    pub codes: BTreeMap<CodeId, Code>,
    pub themes: Vec<Theme>,
    pub documents: BTreeMap<DocId, Document>,
    pub codings: BTreeMap<DocId, CodingsByCoder>,
    pub memos: BTreeMap<MemoTarget, String>,
    pub journal: Vec<JournalEntry>,
}

/// A coding together with where it lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodingRef<'a> {
    pub doc: &'a DocId,
    pub coder: &'a CoderId,
    pub coding: &'a Coding,
}

impl Project {
    pub fn new(manifest: Manifest) -> Self {
        Project {
            manifest,
            codes: BTreeMap::new(),
            themes: Vec::new(),
            documents: BTreeMap::new(),
            codings: BTreeMap::new(),
            memos: BTreeMap::new(),
            journal: Vec::new(),
        }
    }

    /// A code named by id, or else by name (ignoring case).
    pub fn code_by_ref(&self, reference: &str) -> Option<&Code> {
        self.codes.get(&CodeId::new(reference)).or_else(|| {
            self.codes
                .values()
                .find(|c| c.name.eq_ignore_ascii_case(reference) || c.name == reference)
        })
    }

    /// A theme named by id, or else by name (ignoring case).
    pub fn theme_by_ref(&self, reference: &str) -> Option<&Theme> {
        theme::find(&self.themes, &ThemeId::new(reference)).or_else(|| {
            theme::walk(&self.themes)
                .into_iter()
                .map(|(_, t)| t)
                .find(|t| t.name.eq_ignore_ascii_case(reference) || t.name == reference)
        })
    }

    pub fn theme(&self, id: &ThemeId) -> Option<&Theme> {
        theme::find(&self.themes, id)
    }

    /// A document named by id, or else by title (ignoring case).
    pub fn document_by_ref(&self, reference: &str) -> Option<&Document> {
        self.documents.get(&DocId::new(reference)).or_else(|| {
            self.documents
                .values()
                .find(|d| d.title().eq_ignore_ascii_case(reference))
        })
    }

    /// The theme that holds `code` directly, if any.
    pub fn theme_of_code(&self, code: &CodeId) -> Option<&Theme> {
        theme::holder_of(&self.themes, code).map(|(t, _)| t)
    }

    /// Codes in no theme, by name.
    pub fn unsorted_codes(&self) -> Vec<&Code> {
        let mut codes: Vec<&Code> = self
            .codes
            .values()
            .filter(|c| self.theme_of_code(&c.id).is_none())
            .collect();
        codes.sort_by_key(|c| c.name.to_lowercase());
        codes
    }

    /// Every coding in the project: by document, then coder, then position.
    pub fn all_codings(&self) -> impl Iterator<Item = CodingRef<'_>> {
        self.codings.iter().flat_map(|(doc, by_coder)| {
            by_coder.iter().flat_map(move |(coder, list)| {
                list.iter()
                    .map(move |coding| CodingRef { doc, coder, coding })
            })
        })
    }

    /// Every coding with code `code`.
    pub fn codings_of<'a>(&'a self, code: &'a CodeId) -> impl Iterator<Item = CodingRef<'a>> {
        self.all_codings().filter(move |r| &r.coding.code == code)
    }

    /// Codings of one document by every coder, sorted by position.
    pub fn codings_in<'a>(&'a self, doc: &'a DocId) -> Vec<CodingRef<'a>> {
        let mut out: Vec<CodingRef<'a>> = self
            .codings
            .get(doc)
            .into_iter()
            .flat_map(|by_coder| {
                by_coder.iter().flat_map(move |(coder, list)| {
                    list.iter()
                        .map(move |coding| CodingRef { doc, coder, coding })
                })
            })
            .collect();
        out.sort_by(|a, b| {
            a.coding
                .key()
                .cmp(&b.coding.key())
                .then(a.coder.cmp(b.coder))
        });
        out
    }

    pub fn coding_count(&self) -> usize {
        self.codings
            .values()
            .flat_map(|m| m.values())
            .map(Vec::len)
            .sum()
    }

    /// (codings, distinct documents) of one code.
    pub fn code_usage(&self, code: &CodeId) -> (usize, usize) {
        let mut count = 0;
        let mut docs = 0;
        for by_coder in self.codings.values() {
            let n: usize = by_coder
                .values()
                .map(|list| list.iter().filter(|c| &c.code == code).count())
                .sum();
            count += n;
            docs += usize::from(n > 0);
        }
        (count, docs)
    }

    /// Usage of every code at once: id -> (codings, documents). One pass,
    /// one hashed lookup per coding (foldhash: a large study has 200,000).
    pub fn usage_table(&self) -> BTreeMap<CodeId, (usize, usize)> {
        // Per code: codings, documents, and the last document counted.
        let mut counts: foldhash::HashMap<&CodeId, (usize, usize, usize)> =
            foldhash::HashMap::default();
        for (doc, by_coder) in self.codings.values().enumerate() {
            for coding in by_coder.values().flatten() {
                let (codings, documents, last) =
                    counts.entry(&coding.code).or_insert((0, 0, usize::MAX));
                *codings += 1;
                if *last != doc {
                    *documents += 1;
                    *last = doc;
                }
            }
        }
        let mut table: BTreeMap<CodeId, (usize, usize)> =
            self.codes.keys().map(|id| (id.clone(), (0, 0))).collect();
        for (code, (codings, documents, _)) in counts {
            table.insert(code.clone(), (codings, documents));
        }
        table
    }

    /// Coders who have codings, plus those listed in the manifest, sorted.
    pub fn coders(&self) -> Vec<CoderId> {
        let mut coders: Vec<CoderId> = self.manifest.coders.clone();
        for by_coder in self.codings.values() {
            coders.extend(by_coder.keys().cloned());
        }
        coders.sort();
        coders.dedup();
        coders
    }

    /// Display name of a code id (the id itself if the code is unknown).
    pub fn code_name<'a>(&'a self, id: &'a CodeId) -> &'a str {
        self.codes.get(id).map_or(id.as_str(), |c| c.name.as_str())
    }
}
