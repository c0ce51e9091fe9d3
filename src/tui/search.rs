//! Search: `/` finds a regular expression in the open document (`n`/`N` step
//! through the hits); project-wide search lists hits in every document, which
//! can then be coded in one step: the matches, or the sentence, paragraph or
//! speaker turn around each.

use super::app::{App, Effect, Tone};
use super::overlay::picker::{self, Choice, PickItem, PickPurpose, Picker};
use super::overlay::prompt::PromptPurpose;
use super::transcript::{SearchHits, document, jump_to};
use crate::model::{DocSpan, Document};
use crate::text::count;
use crate::text::scope::{self, Scope};
use regex::RegexBuilder;

/// Hits of `pattern` in `doc` as character ranges. Empty matches are skipped.
pub(super) fn hits_in(doc: &Document, regex: &regex::Regex) -> Vec<(usize, usize)> {
    scope::regex_hits(doc.text(), doc.index(), regex)
}

/// Compiles a search; lower-case patterns ignore case ("smart case").
fn compile(app: &mut App, pattern: &str) -> Option<regex::Regex> {
    let smart = !pattern.chars().any(char::is_uppercase);
    match RegexBuilder::new(pattern).case_insensitive(smart).build() {
        Ok(r) => Some(r),
        Err(e) => {
            let reason = crate::text::pattern_problem(&e);
            app.say(format!("not a valid pattern: {reason}"), Tone::Error);
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
        // Silence left the last message (often an old error) on screen.
        app.say("nothing searched: type a word or a pattern", Tone::Info);
        return;
    }
    let Some(regex) = compile(app, pattern) else {
        return;
    };
    // Many documents take a while: the search runs as a job with a gauge.
    let job = super::jobs::Job::search_project(app, pattern, regex);
    super::jobs::start(app, job);
}

/// `a` on project-search hits: asks which unit to code around each hit,
/// with the last choice selected.
pub fn choose_scope(app: &mut App, hits: Vec<DocSpan>) {
    let items = Scope::ALL
        .iter()
        .map(|s| {
            let hint = if *s == app.autocode_scope {
                "last used"
            } else {
                ""
            };
            PickItem::new(s.label(), hint)
        })
        .collect();
    let mut picker = Picker::new(
        match hits.len() {
            1 => "Code what around the hit?".to_string(),
            n => format!("Code what around each of {n} hits?"),
        },
        items,
    );
    picker.selected = Scope::ALL
        .iter()
        .position(|s| *s == app.autocode_scope)
        .unwrap_or(0);
    picker::open(app, picker, AutoCodeScope(hits));
}

/// The scope is chosen: expands the hits, merges those in one unit, and asks
/// for the code.
pub fn scope_chosen(app: &mut App, hits: Vec<DocSpan>, choice: Choice) {
    let Choice::Item(i) = choice else { return };
    let Some(&chosen) = Scope::ALL.get(i) else {
        return;
    };
    app.autocode_scope = chosen;
    let passages = crate::edit::compose::passages_of_hits(&app.project, &hits, chosen, None).ranges;
    if passages.is_empty() {
        app.say(
            format!(
                "no hit lies in a speaker's words: no {} to code",
                chosen.label()
            ),
            Tone::Warning,
        );
        return;
    }
    let unit = match (chosen, passages.len()) {
        (Scope::Match, 1) => "match".to_string(),
        (Scope::Match, _) => "matches".to_string(),
        (_, 1) => chosen.label().to_string(),
        (_, _) => format!("{}s", chosen.label()),
    };
    let title = format!(
        "Code {} {unit} (from {}) as",
        passages.len(),
        count(hits.len(), "hit", "hits")
    );
    super::codebook::open_code_picker_for_hits(app, passages);
    if let Some(picker) = picker::open_picker(app) {
        picker.title = title;
    }
}

/// Which unit to code around each project-search hit (then the code).
pub struct AutoCodeScope(pub Vec<DocSpan>);

impl PickPurpose for AutoCodeScope {
    fn picked(self: Box<Self>, app: &mut App, choice: Choice) -> Vec<Effect> {
        scope_chosen(app, self.0, choice);
        Vec::new()
    }
}

/// `/`: a pattern to find in the open document.
pub struct SearchDocument;

impl PromptPurpose for SearchDocument {
    fn entered(self: Box<Self>, app: &mut App, text: String) -> Vec<Effect> {
        search_document(app, &text);
        Vec::new()
    }
}

/// `S`: a pattern to find in every document.
pub struct SearchProject;

impl PromptPurpose for SearchProject {
    fn entered(self: Box<Self>, app: &mut App, text: String) -> Vec<Effect> {
        search_project(app, &text);
        Vec::new()
    }
}
