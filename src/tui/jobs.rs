//! Long work in the workbench: a job that goes through many documents runs a
//! few documents per step, between key reads, so the screen shows how far it
//! is (a gauge above the status line), keys keep working and the cancel key
//! (esc) stops it. The work itself is the core's; a job only cuts it up.

use super::app::{App, Tone};
use super::overlay::Extract;
use super::overlay::results::Results;
use crate::model::DocId;
use crate::text::count;

/// At most this many documents per step: a step stays short enough that a
/// key waits for it no longer than a frame.
const DOCS_PER_STEP: usize = 16;
/// A step also stops after this many characters of text, so a few very
/// long transcripts do not make one step slow.
const CHARS_PER_STEP: usize = 1 << 18;

/// One long piece of work under way.
pub struct Job {
    /// What is being done, for the gauge ("searching /chaos/").
    pub what: String,
    /// The documents to go through, in order, and how many are done.
    docs: Vec<DocId>,
    done: usize,
    work: Work,
}

/// What a job does with each document, and what it has found so far.
enum Work {
    /// Project-wide search: the hits of a pattern in every document.
    SearchProject {
        pattern: String,
        regex: regex::Regex,
        hits: Vec<Extract>,
    },
}

impl Job {
    /// A search of every document for `regex` (typed as `pattern`).
    pub fn search_project(app: &App, pattern: &str, regex: regex::Regex) -> Job {
        Job {
            what: format!("searching /{pattern}/"),
            docs: app.project.documents.keys().cloned().collect(),
            done: 0,
            work: Work::SearchProject {
                pattern: pattern.to_string(),
                regex,
                hits: Vec::new(),
            },
        }
    }

    /// Done, but its result waits for the open overlay to close.
    pub fn waiting(&self) -> bool {
        self.done == self.docs.len()
    }

    /// How far the job is, as documents done and in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.done, self.docs.len())
    }
}

/// Starts `job` (replacing one under way, which is said) and runs its first
/// step at once: a small project is done before the next frame, with no
/// gauge flashing by.
pub fn start(app: &mut App, job: Job) {
    if let Some(old) = app.job.take() {
        app.say(format!("{} stopped for a new one", old.what), Tone::Info);
    }
    app.job = Some(job);
    step(app);
}

/// Runs one step of the job under way; false when there is none, or when
/// it is done and waits for the open overlay to close before its result
/// takes the screen (a prompt half typed is never thrown away).
pub fn step(app: &mut App) -> bool {
    let Some(mut job) = app.job.take() else {
        return false;
    };
    if job.waiting() && app.overlay.is_some() {
        app.job = Some(job);
        return false;
    }
    let mut chars = 0;
    let end = (job.done + DOCS_PER_STEP).min(job.docs.len());
    while job.done < end && chars < CHARS_PER_STEP {
        // A document gone since the job started (a reload) is skipped.
        if let Some(doc) = app.project.documents.get(&job.docs[job.done]) {
            chars += doc.text().len();
            match &mut job.work {
                Work::SearchProject { regex, hits, .. } => {
                    hits.extend(super::search::hits_in(doc, regex).into_iter().map(
                        |(start, end)| Extract {
                            doc: doc.id.clone(),
                            start,
                            end,
                        },
                    ))
                }
            }
        }
        job.done += 1;
    }
    if job.done < job.docs.len() || app.overlay.is_some() {
        app.job = Some(job);
    } else {
        finish(app, job.work);
    }
    true
}

/// Stops the job under way, if any; true when there was one.
pub fn cancel(app: &mut App) -> bool {
    match app.job.take() {
        Some(job) => {
            let (done, total) = job.progress();
            app.say(
                format!("{} cancelled after {done} of {total} documents", job.what),
                Tone::Info,
            );
            true
        }
        None => false,
    }
}

fn finish(app: &mut App, work: Work) {
    match work {
        Work::SearchProject { pattern, hits, .. } => search_done(app, &pattern, hits),
    }
}

/// The hits of a project search, as a list that can be coded in one step.
fn search_done(app: &mut App, pattern: &str, items: Vec<Extract>) {
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
    let title = format!(
        "/{pattern}/: {} in {} · enter jumps · a codes them all",
        count(items.len(), "hit", "hits"),
        count(docs, "document", "documents")
    );
    let list = Results {
        codable: true,
        ..Results::new(title, items)
    };
    super::overlay::open(app, list);
}
