//! `margin query freq`: codings, documents and words per code (or per theme,
//! counting its subthemes' codes), overall and split by an attribute's values.
//!
//! Words are counted once per passage: the coded ranges of a code (or theme)
//! in a document are joined first, so two coders (or two of a theme's codes)
//! on the same sentence do not count its words twice.

use super::{Filter, code_order};
use crate::analysis::intervals::{Span, union};
use crate::model::{CodeId, DocId, Project, theme};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub codings: usize,
    pub documents: usize,
    pub words: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FreqRow {
    /// The code's or theme's id.
    pub id: String,
    pub name: String,
    /// Depth in the theme tree (0 at the top; always 0 for codes).
    pub depth: usize,
    #[serde(flatten)]
    pub total: Counts,
    /// Counts per value of the `by` attribute, in `Freq::values` order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub by_value: Vec<Counts>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Freq {
    /// "code" or "theme".
    pub unit: &'static str,
    /// The attribute split by, if any.
    pub by: Option<String>,
    /// Its values, as columns: a choice's in its order, others sorted; "(none)"
    /// last for documents without one.
    pub values: Vec<String>,
    pub rows: Vec<FreqRow>,
}

/// The text value of documents that have no value for the `by` attribute.
pub const NO_VALUE: &str = "(none)";

/// The values of attribute `name` among the documents the filter admits, in
/// display order.
pub fn attribute_values(project: &Project, filter: &Filter, name: &str) -> Vec<String> {
    let def = project.manifest.attributes.iter().find(|a| a.name == name);
    let present: BTreeSet<String> = filter
        .documents(project)
        .map(|d| value_of(d, name))
        .collect();
    let mut out: Vec<String> = match def {
        Some(def) if !def.values.is_empty() => def
            .values
            .iter()
            .filter(|v| present.contains(*v))
            .cloned()
            .collect(),
        _ => present.iter().filter(|v| *v != NO_VALUE).cloned().collect(),
    };
    if def.is_some_and(|d| d.kind == crate::model::AttributeKind::Number) {
        out.sort_by(|a, b| {
            let (x, y) = (a.parse::<f64>(), b.parse::<f64>());
            match (x, y) {
                (Ok(x), Ok(y)) => x.total_cmp(&y),
                _ => a.cmp(b),
            }
        });
    }
    if present.contains(NO_VALUE) {
        out.push(NO_VALUE.to_string());
    }
    out
}

pub fn value_of(doc: &crate::model::Document, name: &str) -> String {
    doc.record
        .attributes
        .get(name)
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| NO_VALUE.to_string())
}

/// Frequencies of every code (`themes` false) or theme, under `filter`, split
/// by attribute `by` when given. An unknown attribute is an error naming the
/// ones there are.
pub fn freq(
    project: &Project,
    filter: &Filter,
    themes: bool,
    by: Option<&str>,
) -> Result<Freq, String> {
    if let Some(name) = by
        && !project.manifest.attributes.iter().any(|a| a.name == name)
    {
        let names: Vec<&str> = project
            .manifest
            .attributes
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        return Err(format!(
            "no attribute '{name}'; the project has: {}",
            if names.is_empty() {
                "none".to_string()
            } else {
                names.join(", ")
            }
        ));
    }
    let values = by.map_or_else(Vec::new, |name| attribute_values(project, filter, name));
    let column_of = |doc: &DocId| -> Option<usize> {
        let name = by?;
        let value = value_of(project.documents.get(doc)?, name);
        values.iter().position(|v| *v == value)
    };
    let groups: Vec<(String, String, usize, BTreeSet<CodeId>)> = if themes {
        theme::walk(&project.themes)
            .into_iter()
            .map(|(depth, t)| {
                let codes = t.all_codes().into_iter().collect();
                (t.id.to_string(), t.name.clone(), depth, codes)
            })
            .collect()
    } else {
        code_order(project)
            .into_iter()
            .map(|id| {
                let name = project.code_name(&id).to_string();
                (id.to_string(), name, 0, BTreeSet::from([id]))
            })
            .collect()
    };
    // One pass over the codings: per document and code, codings and ranges.
    let mut per_doc: BTreeMap<&DocId, BTreeMap<&CodeId, (usize, Vec<Span>)>> = BTreeMap::new();
    for r in filter.codings(project) {
        let entry = per_doc
            .entry(r.doc)
            .or_default()
            .entry(&r.coding.code)
            .or_default();
        entry.0 += 1;
        entry.1.push((r.coding.start, r.coding.end));
    }
    // Document by document, so that one document's word index is built once
    // and stays in cache while every code and theme is counted in it.
    let mut totals: Vec<Counts> = vec![Counts::default(); groups.len()];
    let mut splits: Vec<Vec<Counts>> = vec![vec![Counts::default(); values.len()]; groups.len()];
    for (doc, by_code) in &per_doc {
        let Some(document) = project.documents.get(*doc) else {
            continue;
        };
        let index = WordSpans::new(document.text());
        let col = column_of(doc);
        for (g, (_, _, _, codes)) in groups.iter().enumerate() {
            let mut n = 0;
            let mut ranges: Vec<Span> = Vec::new();
            for code in codes {
                if let Some((count, spans)) = by_code.get(code) {
                    n += count;
                    ranges.extend(spans);
                }
            }
            if n == 0 {
                continue;
            }
            let words: usize = union(ranges, document.char_len())
                .into_iter()
                .map(|(s, e)| index.touching(s, e))
                .sum();
            let add = |c: &mut Counts| {
                c.codings += n;
                c.documents += 1;
                c.words += words;
            };
            add(&mut totals[g]);
            if let Some(col) = col {
                add(&mut splits[g][col]);
            }
        }
    }
    let rows = groups
        .into_iter()
        .zip(totals.into_iter().zip(splits))
        .map(|((id, name, depth, _), (total, by_value))| FreqRow {
            id,
            name,
            depth,
            total,
            by_value,
        })
        .collect();
    Ok(Freq {
        unit: if themes { "theme" } else { "code" },
        by: by.map(str::to_string),
        values,
        rows,
    })
}

/// The words of a text as character ranges (runs of non-whitespace, as
/// `split_whitespace` finds them), so that the words a range touches are
/// counted in O(log n) instead of by scanning its text.
pub struct WordSpans {
    starts: Vec<u32>,
    ends: Vec<u32>,
}

impl WordSpans {
    pub fn new(text: &str) -> Self {
        let guess = text.len() / 5;
        let (mut starts, mut ends) = (Vec::with_capacity(guess), Vec::with_capacity(guess));
        let bytes = text.as_bytes();
        let mut in_word = false;
        let (mut i, mut pos) = (0usize, 0u32);
        // Byte by byte: ASCII needs no decoding, which makes this several
        // times faster on transcripts; other characters are decoded.
        while i < bytes.len() {
            let b = bytes[i];
            let (space, len) = if b.is_ascii() {
                (b.is_ascii_whitespace() || b == 0x0b, 1)
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                (c.is_whitespace(), c.len_utf8())
            };
            if !space && !in_word {
                starts.push(pos);
            } else if space && in_word {
                ends.push(pos);
            }
            in_word = !space;
            i += len;
            pos += 1;
        }
        if in_word {
            ends.push(pos);
        }
        WordSpans { starts, ends }
    }

    /// Words that overlap `start..end` (a word cut by either end counts).
    pub fn touching(&self, start: usize, end: usize) -> usize {
        if start >= end {
            return 0;
        }
        let (start, end) = (clamp(start), clamp(end));
        let begun = self.starts.partition_point(|&s| s < end);
        let finished = self.ends.partition_point(|&e| e <= start);
        begun.saturating_sub(finished)
    }
}

fn clamp(pos: usize) -> u32 {
    u32::try_from(pos).unwrap_or(u32::MAX)
}

impl Freq {
    /// For reading in a terminal: totals, then only the codings per value
    /// (the CSV and JSON keep documents and words per value too).
    pub fn compact_table(&self) -> super::Table {
        let mut header = vec![
            self.unit.to_string(),
            "codings".into(),
            "documents".into(),
            "words".into(),
        ];
        header.extend(self.values.iter().cloned());
        let mut table = super::Table::new(header);
        for row in &self.rows {
            let mut cells = vec![
                format!("{}{}", "  ".repeat(row.depth), row.name),
                row.total.codings.to_string(),
                row.total.documents.to_string(),
                row.total.words.to_string(),
            ];
            cells.extend(row.by_value.iter().map(|c| c.codings.to_string()));
            table.rows.push(cells);
        }
        table
    }

    /// One row per code or theme: totals, then codings, documents and words
    /// for each value ("codings: nurse", ...).
    pub fn table(&self) -> super::Table {
        let mut header = vec![
            self.unit.to_string(),
            "codings".into(),
            "documents".into(),
            "words".into(),
        ];
        for value in &self.values {
            for what in ["codings", "documents", "words"] {
                header.push(format!("{what}: {value}"));
            }
        }
        let mut table = super::Table::new(header);
        for row in &self.rows {
            let mut cells = vec![
                row.name.clone(),
                row.total.codings.to_string(),
                row.total.documents.to_string(),
                row.total.words.to_string(),
            ];
            for c in &row.by_value {
                cells.extend([
                    c.codings.to_string(),
                    c.documents.to_string(),
                    c.words.to_string(),
                ]);
            }
            table.rows.push(cells);
        }
        table
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;

    fn counts(codings: usize, documents: usize, words: usize) -> Counts {
        Counts {
            codings,
            documents,
            words,
        }
    }

    fn row<'a>(f: &'a Freq, name: &str) -> &'a FreqRow {
        f.rows.iter().find(|r| r.name == name).expect("a row")
    }

    #[test]
    fn codes_count_codings_documents_and_words_once_per_passage() {
        let p = fixture::project();
        let f = freq(&p, &Filter::default(), false, None).expect("runs");
        let names: Vec<&str> = f.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["mood", "sleep", "care", "work"], "tree order");
        // mood: D1 "Mornings are hard. I sleep badly and wake early." (9) and
        // "The clinic staff are kind" (5); D2 "the days are long" (4).
        assert_eq!(row(&f, "mood").total, counts(3, 2, 18));
        // sleep: two coders' overlapping ranges join to "I sleep badly and wake early".
        assert_eq!(row(&f, "sleep").total, counts(2, 1, 6));
        assert_eq!(row(&f, "care").total, counts(1, 1, 7));
        assert_eq!(row(&f, "work").total, counts(1, 1, 8));
    }

    #[test]
    fn a_theme_counts_its_subthemes_codes() {
        let p = fixture::project();
        let f = freq(&p, &Filter::default(), true, None).expect("runs");
        let names: Vec<(usize, &str)> = f.rows.iter().map(|r| (r.depth, r.name.as_str())).collect();
        assert_eq!(names, [(0, "Wellbeing"), (1, "Rest"), (0, "Services")]);
        // Wellbeing = mood + sleep; sleep lies inside mood's first passage.
        assert_eq!(row(&f, "Wellbeing").total, counts(5, 2, 18));
        assert_eq!(row(&f, "Rest").total, counts(2, 1, 6));
        assert_eq!(row(&f, "Services").total, counts(2, 2, 15));
    }

    #[test]
    fn split_by_an_attribute_and_filtered() {
        let p = fixture::project();
        let f = freq(&p, &Filter::default(), false, Some("role")).expect("runs");
        assert_eq!(f.values, ["doctor", "nurse"]);
        assert_eq!(
            row(&f, "mood").by_value,
            [counts(1, 1, 4), counts(2, 1, 14)]
        );
        assert_eq!(row(&f, "work").by_value, [counts(1, 1, 8), counts(0, 0, 0)]);

        let mut only_asha = Filter::default();
        only_asha.add_coder("asha");
        only_asha.add_where("service=A").expect("parses");
        let f = freq(&p, &only_asha, false, None).expect("runs");
        assert_eq!(row(&f, "mood").total, counts(2, 2, 13));
        assert_eq!(row(&f, "sleep").total, counts(1, 1, 3));

        let err = freq(&p, &Filter::default(), false, Some("age")).unwrap_err();
        assert_eq!(err, "no attribute 'age'; the project has: role, service");
    }

    #[test]
    fn word_spans_count_as_split_whitespace_does() {
        let text = "  Mornings are hard.\nI  sleep\u{a0}badly — café\u{2003}日本語 ";
        let index = WordSpans::new(text);
        let chars: Vec<char> = text.chars().collect();
        for start in 0..chars.len() {
            for end in start..=chars.len() {
                let slice: String = chars[start..end].iter().collect();
                assert_eq!(
                    index.touching(start, end),
                    slice.split_whitespace().count(),
                    "{start}..{end} {slice:?}"
                );
            }
        }
    }

    #[test]
    fn the_table_has_a_column_triple_per_value() {
        let p = fixture::project();
        let f = freq(&p, &Filter::default(), false, Some("role")).expect("runs");
        let t = f.table();
        assert_eq!(t.header[4], "codings: doctor");
        assert_eq!(
            t.rows[0],
            ["mood", "3", "2", "18", "1", "1", "4", "2", "1", "14"]
        );
    }
}
