//! `y`: copying a passage with its citation, for a report or an email. The
//! mouse is captured by the workbench, so the terminal's own selection needs
//! shift-drag; `y` copies exactly the selected words instead: through the
//! terminal (OSC 52, which reaches the local clipboard over SSH too), or
//! through `copy_command` in config.ron.

use super::app::{App, Effect, Tone};
use super::transcript::document;
use base64::Engine as _;
use std::io::Write as _;

/// The passage `y` copies: the selection, else the innermost coding under
/// the cursor, else the cursor's line (without its speaker label).
fn passage(app: &App) -> Option<(usize, usize)> {
    let doc = document(app)?;
    if let Some(range) = app.transcript.selection(doc) {
        return Some(range);
    }
    let cursor = app.transcript.cursor;
    let coded = app
        .project
        .codings_in(&doc.id)
        .into_iter()
        .filter(|r| r.coding.contains(cursor))
        .min_by_key(|r| r.coding.len())
        .map(|r| (r.coding.start, r.coding.end));
    coded.or_else(|| {
        let index = doc.index();
        let line = index.line_of_char(cursor);
        let range = (index.line_start(line), index.line_end(line));
        Some(crate::text::without_labels(
            doc.text(),
            index,
            doc.turns(),
            range,
        ))
    })
}

/// `"words" (P1, recovery worker, service A; P1, line 13)`: the passage as
/// a quotation with where it comes from.
pub fn citation(doc: &crate::model::Document, start: usize, end: usize) -> String {
    let words = doc
        .slice(start, end)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let mut source = doc.id.to_string();
    if !doc.title().is_empty() && doc.title() != doc.id.as_str() {
        source.push_str(&format!(", {}", doc.title()));
    }
    let mut place = Vec::new();
    if let Some(speaker) = doc.speaker_at(start) {
        place.push(speaker.to_string());
    }
    let lines = doc.index().line_span(start, end);
    let word = if lines.contains('-') { "lines" } else { "line" };
    place.push(format!("{word} {lines}"));
    format!("\"{words}\" ({source}; {})", place.join(", "))
}

pub fn copy_passage(app: &mut App) -> Vec<Effect> {
    let Some((start, end)) = passage(app).filter(|(a, b)| a < b) else {
        app.say("nothing to copy here", Tone::Info);
        return Vec::new();
    };
    let Some(doc) = document(app) else {
        return Vec::new();
    };
    let text = citation(doc, start, end);
    app.transcript.anchor = None;
    vec![Effect::Copy(text)]
}

/// Hands `text` to the configured command, or to the terminal as OSC 52.
pub fn to_clipboard(app: &mut App, text: &str) {
    let config_dir = crate::config::config_dir();
    let (settings, _) = crate::config::settings::load(config_dir.as_deref());
    let shown = crate::text::excerpt(text, 60);
    let result = match settings.copy_command.filter(|c| !c.trim().is_empty()) {
        Some(command) => through_command(&command, text).map(|()| format!("with {command}")),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(osc52(text).as_bytes())
                .and_then(|()| out.flush())
                .map(|()| "through the terminal (OSC 52)".to_string())
                .map_err(|e| e.to_string())
        }
    };
    match result {
        Ok(how) => app.say(format!("copied {how}: {shown}"), Tone::Ok),
        Err(problem) => app.say(format!("could not copy: {problem}"), Tone::Error),
    }
}

/// The escape sequence that asks the terminal to put `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{encoded}\x07")
}

fn through_command(command: &str, text: &str) -> Result<(), String> {
    let mut child = std::process::Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("{command}: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(text.as_bytes())
            .map_err(|e| format!("{command}: {e}"))?;
    }
    let status = child.wait().map_err(|e| format!("{command}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{command} exited with {status}"))
    }
}
