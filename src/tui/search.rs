//! Search: `/` finds a regular expression in the open document (`n`/`N` step
//! through the hits); project-wide search lists hits in every document, which
//! can then be coded in one step.

use super::app::{App, Tone};
use super::overlay::{Extract, Overlay};
use super::transcript::{SearchHits, document, jump_to};
use crate::model::Document;
use regex::RegexBuilder;

/// Hits of `pattern` in `doc` as character ranges. Empty matches are skipped.
fn hits_in(doc: &Document, regex: &regex::Regex) -> Vec<(usize, usize)> {
    let (text, index) = (doc.text(), doc.index());
    regex
        .find_iter(text)
        .filter(|m| m.start() < m.end())
        .map(|m| {
            (
                index.char_of_byte(text, m.start()),
                index.char_of_byte(text, m.end()),
            )
        })
        .collect()
}

/// Compiles a search; lower-case patterns ignore case ("smart case").
fn compile(app: &mut App, pattern: &str) -> Option<regex::Regex> {
    let smart = !pattern.chars().any(char::is_uppercase);
    match RegexBuilder::new(pattern).case_insensitive(smart).build() {
        Ok(r) => Some(r),
        Err(e) => {
            let first = e
                .to_string()
                .lines()
                .last()
                .unwrap_or("")
                .trim()
                .to_string();
            app.say(format!("not a valid pattern: {first}"), Tone::Error);
            None
        }
    }
}

pub fn search_document(app: &mut App, pattern: &str) {
    if pattern.is_empty() {
        app.transcript.search = None;
        return;
    }
    let Some(regex) = compile(app, pattern) else {
        return;
    };
    let Some(doc) = document(app) else { return };
    let hits = hits_in(doc, &regex);
    let count = hits.len();
    app.transcript.search = Some(SearchHits {
        pattern: pattern.to_string(),
        hits,
    });
    if count == 0 {
        app.say(
            format!("no match for /{pattern}/ in this document"),
            Tone::Warning,
        );
    } else {
        step(app, true, true);
    }
}

/// Moves to the next (or previous) hit; `inclusive` accepts a hit at the cursor.
pub fn step(app: &mut App, forward: bool, inclusive: bool) {
    let Some(search) = &app.transcript.search else {
        app.say("no search yet: / searches", Tone::Info);
        return;
    };
    let pos = app.transcript.cursor;
    let hits = &search.hits;
    if hits.is_empty() {
        return;
    }
    let index = if forward {
        hits.iter()
            .position(|h| h.0 > pos || (inclusive && h.0 == pos))
            .unwrap_or(0)
    } else {
        hits.iter()
            .rposition(|h| h.0 < pos)
            .unwrap_or(hits.len() - 1)
    };
    let (start, _) = hits[index];
    let message = format!("/{}/ hit {} of {}", search.pattern, index + 1, hits.len());
    if let Some(doc) = app.transcript.doc.clone() {
        let search = app.transcript.search.take();
        jump_to(app, &doc, start);
        app.transcript.search = search;
    }
    app.say(message, Tone::Info);
}

pub fn search_project(app: &mut App, pattern: &str) {
    if pattern.is_empty() {
        return;
    }
    let Some(regex) = compile(app, pattern) else {
        return;
    };
    let items: Vec<Extract> = app
        .project
        .documents
        .values()
        .flat_map(|doc| {
            hits_in(doc, &regex)
                .into_iter()
                .map(|(start, end)| Extract {
                    doc: doc.id.clone(),
                    start,
                    end,
                })
        })
        .collect();
    if items.is_empty() {
        app.say(
            format!("no match for /{pattern}/ in any document"),
            Tone::Warning,
        );
        return;
    }
    let docs = items
        .iter()
        .map(|e| &e.doc)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    app.overlay = Some(Overlay::Results {
        title: format!(
            "/{pattern}/: {} hits in {docs} documents · enter jumps · a codes them all",
            items.len()
        ),
        items,
        selected: 0,
        codable: true,
        marks: None,
    });
}
