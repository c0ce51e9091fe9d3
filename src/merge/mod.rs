//! Three-way structural merge of margin's RON files, for git's merge driver
//! (`margin merge-driver %O %A %B %P`).
//!
//! Each file is parsed on all three sides and merged as data, not as lines:
//! codes by id and field by field, codings as sets (what either side added,
//! less what either removed), the theme tree part by part, the manifest's
//! coders as a set, the journal as a log in time order. The result is written
//! in margin's own layout, so a merged file reads as if margin had written it.
//! Where both sides changed one thing differently, the file gets git-style
//! conflict blocks around exactly those lines (see `markers`), every block's
//! sides being what margin would have written for that side.

pub mod conflicts;
pub mod markers;
mod themes;
pub mod value;

use crate::model::{Code, DocumentRecord, JournalEntry, Manifest};
use crate::store::files::{self, CodingLine};
use serde::{Serialize, de::DeserializeOwned};
use serde_json::Value;
use value::{Conflicts, Side, merge_opt};

/// Which of margin's files a path names, by its place in the project.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Manifest,
    Codebook,
    Themes,
    Journal,
    DocumentRecord,
    Codings,
}

impl FileKind {
    /// The kind of file at a repository path (the project may sit in a
    /// subfolder); None for files margin does not merge structurally.
    pub fn of_path(path: &str) -> Option<FileKind> {
        let parts: Vec<&str> = path.split(['/', '\\']).filter(|p| !p.is_empty()).collect();
        let name = *parts.last()?;
        let parent = |up: usize| parts.len().checked_sub(up + 1).map(|i| parts[i]);
        if !name.ends_with(".ron") {
            return None;
        }
        if parent(2) == Some("codings") {
            return Some(FileKind::Codings);
        }
        if parent(1) == Some("documents") {
            return Some(FileKind::DocumentRecord);
        }
        match name {
            "margin.ron" => Some(FileKind::Manifest),
            "codebook.ron" => Some(FileKind::Codebook),
            "themes.ron" => Some(FileKind::Themes),
            "journal.ron" => Some(FileKind::Journal),
            _ => None,
        }
    }
}

/// A merged file: its text and the conflicts it holds (none: clean).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merged {
    pub text: String,
    pub conflicts: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// A side could not be read as the file it should be (already holding
    /// conflict markers, say); the caller falls back to a line merge.
    #[error("the {side} version is not a valid {kind:?} file: {message}")]
    Unreadable {
        side: &'static str,
        kind: FileKind,
        message: String,
    },
}

/// Merges three versions of a file of the given kind. An empty base (the
/// file was added on both sides) merges as if nothing came before.
pub fn merge_texts(
    kind: FileKind,
    base: &str,
    ours: &str,
    theirs: &str,
) -> Result<Merged, MergeError> {
    let run = |side: Side, conflicts: &mut Conflicts| -> Result<String, MergeError> {
        match kind {
            FileKind::Manifest => {
                merge_as::<Manifest>(kind, base, ours, theirs, side, conflicts, |m| {
                    files::pretty(&m)
                })
            }
            FileKind::DocumentRecord => {
                merge_as::<DocumentRecord>(kind, base, ours, theirs, side, conflicts, |r| {
                    files::pretty(&r)
                })
            }
            FileKind::Codebook => {
                merge_as::<Vec<Code>>(kind, base, ours, theirs, side, conflicts, |mut codes| {
                    codes.sort_by(|a, b| a.id.cmp(&b.id));
                    files::pretty(&codes)
                })
            }
            FileKind::Codings => merge_as::<Vec<CodingLine>>(
                kind,
                base,
                ours,
                theirs,
                side,
                conflicts,
                |mut lines| {
                    lines.sort_by(|a, b| {
                        (a.start, a.end, &a.code, &a.memo).cmp(&(b.start, b.end, &b.code, &b.memo))
                    });
                    files::one_per_line(&lines)
                },
            ),
            FileKind::Journal => {
                let [b, o, t] = parse_all::<Vec<JournalEntry>>(kind, base, ours, theirs)?;
                Ok(files::one_per_line(&merge_journal(
                    &b.unwrap_or_default(),
                    &o.unwrap_or_default(),
                    &t.unwrap_or_default(),
                )))
            }
            FileKind::Themes => {
                let [b, o, t] =
                    parse_all_with(kind, base, ours, theirs, crate::store::themes_file::parse)?;
                let tree = themes::merge(
                    &b.unwrap_or_default(),
                    &o.unwrap_or_default(),
                    &t.unwrap_or_default(),
                    side,
                    conflicts,
                );
                Ok(crate::store::themes_file::render(&tree))
            }
        }
    };
    let mut conflicts = Vec::new();
    let ours_text = run(Side::Ours, &mut conflicts)?;
    if conflicts.is_empty() {
        return Ok(Merged {
            text: ours_text,
            conflicts,
        });
    }
    let theirs_text = run(Side::Theirs, &mut Vec::new())?;
    if ours_text == theirs_text {
        // The conflicting values did not reach the file (a field of a record
        // both sides then dropped, say): nothing to choose between.
        return Ok(Merged {
            text: ours_text,
            conflicts: Vec::new(),
        });
    }
    // One logical conflict is one choice, wherever it shows in the file.
    let text = if conflicts.len() == 1 {
        markers::as_one_block(&ours_text, &theirs_text)
    } else {
        markers::with_markers(&ours_text, &theirs_text)
    };
    Ok(Merged { text, conflicts })
}

/// Parses base (None when empty), ours and theirs.
fn parse_all<T: DeserializeOwned>(
    kind: FileKind,
    base: &str,
    ours: &str,
    theirs: &str,
) -> Result<[Option<T>; 3], MergeError> {
    parse_all_with(kind, base, ours, theirs, files::parse::<T>)
}

/// Parses base, ours and theirs with `read` (a file with its own layout).
fn parse_all_with<T>(
    kind: FileKind,
    base: &str,
    ours: &str,
    theirs: &str,
    read: impl Fn(&str) -> Result<T, ron::error::SpannedError>,
) -> Result<[Option<T>; 3], MergeError> {
    let parse = |side: &'static str, text: &str| -> Result<Option<T>, MergeError> {
        if text.trim().is_empty() && side == "base" {
            return Ok(None);
        }
        read(text).map(Some).map_err(|e| MergeError::Unreadable {
            side,
            kind,
            message: e.to_string(),
        })
    };
    let b = parse("base", base)?;
    let o = parse("ours", ours)?;
    let t = parse("theirs", theirs)?;
    Ok([b, o, t])
}

/// Merges records of type T field by field (via their JSON shape) and
/// renders the result as margin writes that file.
fn merge_as<T: Serialize + DeserializeOwned>(
    kind: FileKind,
    base: &str,
    ours: &str,
    theirs: &str,
    side: Side,
    conflicts: &mut Conflicts,
    render: impl Fn(T) -> String,
) -> Result<String, MergeError> {
    let [b, o, t] = parse_all::<T>(kind, base, ours, theirs)?;
    let json = |v: &T| serde_json::to_value(v).unwrap_or(Value::Null);
    let (b, o, t) = (
        b.as_ref().map(json),
        o.as_ref().map(json),
        t.as_ref().map(json),
    );
    let what = match kind {
        FileKind::Codebook => "code",
        FileKind::Codings => "coding",
        FileKind::Manifest => "margin.ron",
        _ => "record",
    };
    let merged =
        merge_opt(b.as_ref(), o.as_ref(), t.as_ref(), what, side, conflicts).unwrap_or(Value::Null);
    let value: T = serde_json::from_value(merged).map_err(|e| MergeError::Unreadable {
        side: "merged",
        kind,
        message: e.to_string(),
    })?;
    Ok(render(value))
}

/// The journal is a log: entries both kept, then every new entry of either
/// side in time order. An entry one side removed (an undone refactor) goes.
fn merge_journal(
    base: &[JournalEntry],
    ours: &[JournalEntry],
    theirs: &[JournalEntry],
) -> Vec<JournalEntry> {
    let mut out: Vec<JournalEntry> = base
        .iter()
        .filter(|e| ours.contains(e) && theirs.contains(e))
        .cloned()
        .collect();
    let mut new: Vec<JournalEntry> = Vec::new();
    for e in ours.iter().chain(theirs) {
        if !base.contains(e) && !new.contains(e) {
            new.push(e.clone());
        }
    }
    new.sort_by(|a, b| a.when.cmp(&b.when));
    out.extend(new);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_follow_the_layout() {
        assert_eq!(
            FileKind::of_path("study/codings/P1/ana.ron"),
            Some(FileKind::Codings)
        );
        assert_eq!(FileKind::of_path("codebook.ron"), Some(FileKind::Codebook));
        assert_eq!(
            FileKind::of_path("documents/P1.ron"),
            Some(FileKind::DocumentRecord)
        );
        assert_eq!(FileKind::of_path("x/themes.ron"), Some(FileKind::Themes));
        assert_eq!(FileKind::of_path("themes/dark.ron"), None);
        assert_eq!(FileKind::of_path("documents/P1.txt"), None);
    }
}
