//! `margin search`: every match of a regular expression in the project's
//! transcripts, as `doc:line:col: text` lines (like ripgrep), as a count per
//! document, or as JSON lines. It reads only the transcripts, never the
//! codings, and searches the documents on every core at once, printing them
//! in document order.

use super::common::Context;
use crate::model::DocId;
use crate::store::{StoreError, files};
use crate::text::grep::{LineHit, for_each_line_hit, line_hits};
use crate::text::{SpeakerTurn, TextIndex, speaker_turns, turn_at};
use anyhow::{Result, anyhow, bail};
use clap::Args;
use regex::{Regex, RegexBuilder};
use std::collections::BTreeMap;
use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The project folder.
    pub dir: PathBuf,
    /// A regular expression (Rust regex syntax, like ripgrep's).
    pub pattern: String,
    /// Match without regard to case.
    #[arg(short = 'i', long)]
    pub ignore_case: bool,
    /// Take the pattern as plain text, not a regular expression.
    #[arg(short = 'F', long)]
    pub fixed_strings: bool,
    /// Only these documents (ids, comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub docs: Option<Vec<String>>,
    /// Only matches in this speaker's words (the label before the colon, any case).
    #[arg(long)]
    pub speaker: Option<String>,
    /// Print the number of matches per document (`doc:N`) instead of the matches.
    #[arg(long)]
    pub count: bool,
    /// Print one JSON object per line: doc, line, col, start, end, speaker, match, text.
    #[arg(long)]
    pub json: bool,
}

/// What every worker needs to search one document.
struct Query {
    regex: Regex,
    speaker: Option<String>,
    count: bool,
    json: bool,
    colour: bool,
}

/// Exit status 0 when something matched, 1 when nothing did (as grep and
/// ripgrep do), with a note on stderr saying so.
pub fn run(_ctx: &Context, args: SearchArgs) -> Result<()> {
    let root = args.dir.as_path();
    if !root.join(files::MANIFEST).is_file() {
        return Err(anyhow!(StoreError::NotAProject(root.to_path_buf())));
    }
    let pattern = if args.fixed_strings {
        regex::escape(&args.pattern)
    } else {
        args.pattern.clone()
    };
    let regex = RegexBuilder::new(&pattern)
        .case_insensitive(args.ignore_case)
        .build()
        .map_err(|e| anyhow!("not a valid pattern: {}", first_line_of(&e.to_string())))?;
    let docs = chosen_documents(root, args.docs.as_deref())?;
    let query = Query {
        regex,
        speaker: args.speaker.clone(),
        count: args.count,
        json: args.json,
        colour: !args.json
            && !args.count
            && std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none(),
    };
    let outcome = search_all(root, &docs, &query)?;
    if let Some(name) = &args.speaker
        && !outcome.speaker_seen
    {
        bail!("--speaker: nobody is labelled '{name}' in these documents");
    }
    if outcome.matches == 0 {
        eprintln!(
            "margin: no match in {}",
            crate::text::count(docs.len(), "document", "documents")
        );
        std::process::exit(1);
    }
    Ok(())
}

/// The regex crate's message repeats "error:" and draws a caret diagram;
/// its last line says what is wrong.
fn first_line_of(message: &str) -> String {
    message
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(message)
        .trim()
        .trim_start_matches("error: ")
        .to_string()
}

/// Every document, or those named by id (any case); an unknown id is an
/// error that lists the documents.
fn chosen_documents(root: &Path, wanted: Option<&[String]>) -> Result<Vec<DocId>> {
    let all = crate::store::document_ids(root).map_err(|e| anyhow!(e.in_folder(root)))?;
    let Some(wanted) = wanted else {
        return Ok(all);
    };
    let mut chosen = Vec::new();
    for name in wanted.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        match all.iter().find(|id| id.as_str().eq_ignore_ascii_case(name)) {
            Some(id) if !chosen.contains(id) => chosen.push(id.clone()),
            Some(_) => {}
            None => {
                let list: Vec<&str> = all.iter().map(DocId::as_str).collect();
                bail!(
                    "--docs: no document '{name}'; documents: {}",
                    list.join(", ")
                );
            }
        }
    }
    if chosen.is_empty() {
        bail!("--docs names no document");
    }
    chosen.sort();
    Ok(chosen)
}

#[derive(Default)]
struct Outcome {
    matches: usize,
    speaker_seen: bool,
}

/// One document's output, ready to print.
struct Found {
    text: Vec<u8>,
    matches: usize,
    speaker_seen: bool,
}

/// Searches the documents on every core; prints each document's output as
/// soon as every document before it has been printed.
fn search_all(root: &Path, docs: &[DocId], query: &Query) -> Result<Outcome> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(docs.len().max(1));
    let next = AtomicUsize::new(0);
    let (send, receive) = mpsc::channel::<(usize, Result<Found>)>();
    let mut outcome = Outcome::default();
    std::thread::scope(|scope| -> Result<()> {
        for _ in 0..workers {
            let send = send.clone();
            let next = &next;
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(id) = docs.get(i) else { break };
                    if send.send((i, search_one(root, id, query))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        let mut pending: BTreeMap<usize, Result<Found>> = BTreeMap::new();
        let mut printed = 0;
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
        for (i, found) in receive {
            pending.insert(i, found);
            while let Some(found) = pending.remove(&printed) {
                let found = found?;
                outcome.matches += found.matches;
                outcome.speaker_seen |= found.speaker_seen;
                write_or_quit(&mut out, &found.text);
                printed += 1;
            }
        }
        if let Err(err) = out.flush() {
            quit_on_write_error(err);
        }
        Ok(())
    })?;
    Ok(outcome)
}

fn write_or_quit(out: &mut impl std::io::Write, bytes: &[u8]) {
    if let Err(err) = out.write_all(bytes) {
        quit_on_write_error(err);
    }
}

/// As `outln!`: a closed pipe (`margin search ... | head`) ends quietly.
fn quit_on_write_error(err: std::io::Error) -> ! {
    if err.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    eprintln!("margin: cannot write the output: {err}");
    std::process::exit(1);
}

fn search_one(root: &Path, id: &DocId, query: &Query) -> Result<Found> {
    let text =
        crate::store::read_document_text(root, id).map_err(|e| anyhow!(e.in_folder(root)))?;
    let mut found = Found {
        text: Vec::new(),
        matches: 0,
        speaker_seen: false,
    };
    if query.speaker.is_none() && !query.json {
        // The common case, kept lean: no character offsets, no speaker
        // turns, each line written straight into the output.
        for_each_line_hit(&text, &query.regex, |hit| {
            found.matches += 1;
            if !query.count {
                write_plain(&mut found.text, id, &hit, query.colour);
            }
        });
        if query.count && found.matches > 0 {
            let _ = writeln!(found.text, "{id}:{}", found.matches);
        }
        return Ok(found);
    }
    let index = TextIndex::new(&text);
    let turns: Vec<SpeakerTurn> = speaker_turns(&text, &index);
    let mut hits: Vec<(LineHit<'_>, usize, usize)> = line_hits(&text, &query.regex)
        .into_iter()
        .map(|hit| {
            let start = index.char_of_byte(&text, hit.byte_start);
            let end = index.char_of_byte(&text, hit.byte_end);
            (hit, start, end)
        })
        .collect();
    if let Some(name) = &query.speaker {
        found.speaker_seen = turns.iter().any(|t| t.speaker.eq_ignore_ascii_case(name));
        hits.retain(|(_, start, _)| spoken_by(&turns, *start, name));
    }
    found.matches = hits.len();
    if query.count {
        if !hits.is_empty() {
            if query.json {
                let row = serde_json::json!({ "doc": id.as_str(), "count": hits.len() });
                let _ = writeln!(found.text, "{row}");
            } else {
                let _ = writeln!(found.text, "{id}:{}", hits.len());
            }
        }
        return Ok(found);
    }
    for (hit, start, end) in &hits {
        if query.json {
            let speaker = turn_at(&turns, *start)
                .filter(|t| *start >= t.speech_start)
                .map(|t| t.speaker.as_str());
            let row = serde_json::json!({
                "doc": id.as_str(),
                "line": hit.line,
                "col": hit.col,
                "start": start,
                "end": end,
                "speaker": speaker,
                "match": hit.matched,
                "text": hit.line_text,
            });
            let _ = writeln!(found.text, "{row}");
        } else {
            write_plain(&mut found.text, id, hit, query.colour);
        }
    }
    Ok(found)
}

/// `doc:line:col: text` and a newline, as ripgrep's `--vimgrep` prints it;
/// numbers through itoa, since this line is written 400,000 times a search.
fn write_plain(out: &mut Vec<u8>, id: &DocId, hit: &LineHit<'_>, colour: bool) {
    let mut number = itoa::Buffer::new();
    out.extend_from_slice(id.as_str().as_bytes());
    out.push(b':');
    out.extend_from_slice(number.format(hit.line).as_bytes());
    out.push(b':');
    out.extend_from_slice(number.format(hit.col).as_bytes());
    out.extend_from_slice(b": ");
    if colour {
        out.extend_from_slice(shown_line(hit).as_bytes());
    } else {
        out.extend_from_slice(hit.line_text.as_bytes());
    }
    out.push(b'\n');
}

fn spoken_by(turns: &[SpeakerTurn], start: usize, name: &str) -> bool {
    turn_at(turns, start)
        .is_some_and(|t| start >= t.speech_start && t.speaker.eq_ignore_ascii_case(name))
}

/// The hit's line, with the match in bold red (for a colour terminal).
fn shown_line(hit: &LineHit<'_>) -> String {
    let Some(at) = hit
        .line_text
        .char_indices()
        .nth(hit.col - 1)
        .map(|(byte, _)| byte)
    else {
        return hit.line_text.to_string();
    };
    let matched_on_line = hit.matched.split('\n').next().unwrap_or("");
    let end = (at + matched_on_line.len()).min(hit.line_text.len());
    format!(
        "{}\x1b[1;31m{}\x1b[0m{}",
        &hit.line_text[..at],
        &hit.line_text[at..end],
        &hit.line_text[end..]
    )
}
