//! Unresolved merge conflicts in a project folder, and picking a side of
//! each: the core of `margin resolve` and of the workbench's resolver screen.
//!
//! A conflicted file holds git-style blocks (see `markers`); every block is
//! decided on its own, ours or theirs. Nothing is written unless every
//! resolved file parses as the file it is, and each file is replaced
//! atomically, so a refused or interrupted resolution leaves the folder as
//! it was.

use super::FileKind;
use super::value::Side;
use crate::model::{Code, DocumentRecord, JournalEntry, Manifest};
use crate::store::Problem;
use crate::store::files::{self, CodingLine};
pub use crate::text::markers::{Conflict, conflicts_in};
use crate::text::markers::{Part, marker};
use std::path::Path;

/// A project file holding conflict blocks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConflictedFile {
    /// The path inside the project folder, with `/` separators.
    pub rel: String,
    pub text: String,
    pub conflicts: Vec<Conflict>,
}

/// Is this loader problem an unresolved merge conflict?
pub fn is_conflict(problem: &Problem) -> bool {
    problem.kind == crate::store::ProblemKind::Conflict
}

/// True when there are problems and every one of them is a merge conflict:
/// the case a resolver can fix.
pub fn only_conflicts(problems: &[Problem]) -> bool {
    !problems.is_empty() && problems.iter().all(is_conflict)
}

/// Every project file with conflict blocks, in path order: the RON files and
/// the memos (transcripts are never merged).
pub fn find(root: &Path) -> std::io::Result<Vec<ConflictedFile>> {
    let mut paths = Vec::new();
    collect(root, root, &mut paths)?;
    paths.sort();
    let mut out = Vec::new();
    for rel in paths {
        // Not UTF-8, a link or a FIFO: the loader names it; it cannot hold
        // our markers.
        let Some(text) = crate::store::paths::read(root, &rel)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
        else {
            continue;
        };
        let conflicts = conflicts_in(&text);
        if !conflicts.is_empty() {
            out.push(ConflictedFile {
                rel,
                text,
                conflicts,
            });
        }
    }
    Ok(out)
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let rel = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        if entry.file_type()?.is_dir() {
            collect(root, &path, out)?;
        } else if name.ends_with(".ron") || (rel.starts_with("memos/") && name.ends_with(".md")) {
            out.push(rel);
        }
    }
    Ok(())
}

/// What the analyst keeps of one conflict block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Keep {
    Ours,
    Theirs,
    /// Both sides, where both can stand: one field on each side (two
    /// definitions, say) is joined into one value, ours first, with a blank
    /// line between; anything else (new codes, entries or codings on both
    /// sides) is ours then theirs. `write` refuses a file this leaves
    /// unreadable (the same record changed on both sides), writing nothing.
    Both,
    /// Lines the analyst wrote for the block (in $EDITOR, starting from
    /// both sides); checked like any choice before anything is written.
    Edited(String),
}

impl From<Side> for Keep {
    fn from(side: Side) -> Keep {
        match side {
            Side::Ours => Keep::Ours,
            Side::Theirs => Keep::Theirs,
        }
    }
}

/// The lines that stand for a block kept as `Keep::Both`.
pub fn both(ours: &str, theirs: &str) -> String {
    if let (Some((key, a)), Some((key_b, b))) = (one_string_field(ours), one_string_field(theirs))
        && key == key_b
    {
        if a == b || b.is_empty() {
            return ours.to_string();
        }
        if a.is_empty() {
            return theirs.to_string();
        }
        return format!("{key}: \"{a}\\n\\n{b}\",\n");
    }
    format!("{ours}{theirs}")
}

/// `    definition: "text",` as (`    definition`, `text`, still escaped).
fn one_string_field(side: &str) -> Option<(&str, &str)> {
    let mut lines = side.lines();
    let line = lines.next()?;
    if lines.next().is_some() {
        return None;
    }
    let (key, value) = line.split_once(": \"")?;
    let value = value
        .strip_suffix("\",")
        .or_else(|| value.strip_suffix('"'))?;
    if key.trim().contains([' ', '"', '(']) || key.trim().is_empty() {
        return None;
    }
    Some((key, value))
}

/// The text with block i replaced by what `sides[i]` keeps; blocks without
/// a choice (past the end of `sides`) keep their markers.
pub fn resolve_text(text: &str, sides: &[Keep]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut part = Part::Outside;
    let mut blocks = 0;
    // The choice for the block we are in (None outside or undecided).
    let mut side: Option<Keep> = None;
    // Both sides of a block kept whole, joined when the block closes.
    let (mut ours, mut theirs) = (String::new(), String::new());
    for line in text.lines() {
        let keep = match marker(line, part) {
            Some(next) => {
                if part == Part::Outside {
                    side = sides.get(blocks).cloned();
                    blocks += 1;
                }
                part = next;
                // An undecided block keeps its markers, so nothing is lost.
                let keep = side.is_none();
                if part == Part::Outside {
                    match &side {
                        Some(Keep::Both) => out.push_str(&both(&ours, &theirs)),
                        Some(Keep::Edited(text)) => {
                            out.push_str(text);
                            if !text.is_empty() && !text.ends_with('\n') {
                                out.push('\n');
                            }
                        }
                        _ => {}
                    }
                    ours.clear();
                    theirs.clear();
                    side = None;
                }
                keep
            }
            None => match (part, &side) {
                (Part::Outside, _) | (_, None) => true,
                (Part::Ours, Some(Keep::Both)) => {
                    ours.push_str(line);
                    ours.push('\n');
                    false
                }
                (Part::Theirs, Some(Keep::Both)) => {
                    theirs.push_str(line);
                    theirs.push('\n');
                    false
                }
                (Part::Ours, Some(s)) => *s == Keep::Ours,
                (Part::Theirs, Some(s)) => *s == Keep::Theirs,
                (Part::Base, Some(_)) => false,
            },
        };
        if keep {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Checks that `text` reads as the project file at `rel`; memos are text and
/// always do. The error is `line:col: message`.
pub fn check_parses(rel: &str, text: &str) -> Result<(), String> {
    fn try_parse<T: for<'de> serde::Deserialize<'de>>(text: &str) -> Result<(), String> {
        files::parse::<T>(text)
            .map(drop)
            .map_err(|e| format!("{}:{}: {}", e.span.start.line, e.span.start.col, e.code))
    }
    if let Some(line) = super::markers::first_marker(text) {
        return Err(format!("{line}:1: conflict markers are left"));
    }
    match FileKind::of_path(rel) {
        None => Ok(()),
        Some(FileKind::Manifest) => try_parse::<Manifest>(text),
        Some(FileKind::Codebook) => try_parse::<Vec<Code>>(text),
        Some(FileKind::Themes) => crate::store::themes_file::parse(text)
            .map(drop)
            .map_err(|e| format!("{}:{}: {}", e.span.start.line, e.span.start.col, e.code)),
        Some(FileKind::Journal) => try_parse::<Vec<JournalEntry>>(text),
        Some(FileKind::DocumentRecord) => try_parse::<DocumentRecord>(text),
        Some(FileKind::Codings) => try_parse::<Vec<CodingLine>>(text),
    }
}

/// A file with a side chosen for each of its blocks.
#[derive(Clone, Debug)]
pub struct Decision<'a> {
    pub file: &'a ConflictedFile,
    pub sides: Vec<Keep>,
}

#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    /// Keeping the chosen sides would leave a file margin cannot read.
    #[error("{rel}:{detail} with the chosen sides; nothing was written")]
    WouldNotParse { rel: String, detail: String },
    /// Writing failed; all or none of the files were written.
    #[error("{0}")]
    Store(#[from] crate::store::StoreError),
}

/// Writes every decided file under `root`, all or none, after checking that
/// all of them parse; returns the paths written (relative to `root`). The
/// caller holds the project lock.
pub fn write(root: &Path, decisions: &[Decision<'_>]) -> Result<Vec<String>, ResolveError> {
    let mut plan = Vec::new();
    for decision in decisions {
        let text = resolve_text(&decision.file.text, &decision.sides);
        check_parses(&decision.file.rel, &text).map_err(|detail| ResolveError::WouldNotParse {
            rel: decision.file.rel.clone(),
            detail,
        })?;
        plan.push((decision.file.rel.clone(), text));
    }
    // All the files or none, like every save (store::txn).
    let changes: Vec<crate::store::txn::Change> = plan
        .iter()
        .map(|(rel, text)| crate::store::txn::Change::Write {
            rel: rel.clone(),
            content: text.clone().into_bytes(),
        })
        .collect();
    crate::store::txn::commit(root, &changes)?;
    Ok(plan.into_iter().map(|(rel, _)| rel).collect())
}

/// A side's lines, trimmed and joined, for one-line listings:
/// `name: "Chaos"` (a trailing comma dropped), or `(nothing)`.
pub fn summary(side: &str) -> String {
    let parts: Vec<&str> = side
        .lines()
        .map(|l| l.trim().trim_end_matches(','))
        .filter(|l| !l.is_empty())
        .collect();
    if parts.is_empty() {
        "(nothing)".to_string()
    } else {
        parts.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::merge::markers::with_markers;

    const OURS: &str = "(\n    id: \"chaos\",\n    name: \"Chaos\",\n    order: 0,\n)\n";
    const THEIRS: &str =
        "(\n    id: \"chaos\",\n    name: \"Chaos and unpredictability\",\n    order: 1,\n)\n";

    #[test]
    fn each_block_takes_its_own_side() {
        let merged = with_markers(OURS, THEIRS);
        let found = conflicts_in(&merged);
        assert_eq!(found.len(), 1, "adjacent lines form one block: {merged}");
        assert_eq!(found[0].line, 3);
        assert_eq!(found[0].context, vec!["(", "    id: \"chaos\","]);
        assert_eq!(
            summary(&found[0].theirs),
            "name: \"Chaos and unpredictability\" order: 1"
        );
        assert_eq!(resolve_text(&merged, &[Keep::Ours]), OURS);
        assert_eq!(resolve_text(&merged, &[Keep::Theirs]), THEIRS);
        // Undecided blocks keep their markers, so nothing is lost.
        assert_eq!(resolve_text(&merged, &[]), merged);

        let two = with_markers("a\nb\nc\nd\n", "A\nb\nc\nD\n");
        assert_eq!(conflicts_in(&two).len(), 2);
        assert_eq!(
            resolve_text(&two, &[Keep::Theirs, Keep::Ours]),
            "A\nb\nc\nd\n"
        );
        assert_eq!(resolve_text(&two, &[Keep::Ours]), {
            let mut rest = "a\nb\nc\n".to_string();
            rest.push_str("<<<<<<< ours\nd\n=======\nD\n>>>>>>> theirs\n");
            rest
        });
    }

    #[test]
    fn diff3_blocks_drop_the_base() {
        let text = "x\n<<<<<<< ours\n1\n||||||| base\n0\n=======\n2\n>>>>>>> theirs\ny\n";
        let found = conflicts_in(text);
        assert_eq!(
            (found[0].ours.as_str(), found[0].theirs.as_str()),
            ("1\n", "2\n")
        );
        assert_eq!(resolve_text(text, &[Keep::Ours]), "x\n1\ny\n");
        assert_eq!(resolve_text(text, &[Keep::Theirs]), "x\n2\ny\n");
    }

    #[test]
    fn a_side_that_does_not_parse_is_refused_before_anything_is_written() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let good = "[\n<<<<<<< ours\n]\n=======\n]\n>>>>>>> theirs\n";
        let bad = "[\n<<<<<<< ours\n]\n=======\n(oops\n>>>>>>> theirs\n";
        for (rel, text) in [("themes.ron", good), ("codebook.ron", bad)] {
            std::fs::write(tmp.path().join(rel), text).expect("write");
        }
        let files = find(tmp.path()).expect("find");
        assert_eq!(
            files.iter().map(|f| f.rel.as_str()).collect::<Vec<_>>(),
            ["codebook.ron", "themes.ron"]
        );
        let decisions: Vec<Decision<'_>> = files
            .iter()
            .map(|file| Decision {
                file,
                sides: vec![Keep::Theirs],
            })
            .collect();
        let err = write(tmp.path(), &decisions).expect_err("theirs breaks the codebook");
        assert!(err.to_string().starts_with("codebook.ron:"), "{err}");
        // Neither file changed, not even the one that would have parsed.
        for (rel, text) in [("themes.ron", good), ("codebook.ron", bad)] {
            assert_eq!(
                std::fs::read_to_string(tmp.path().join(rel)).expect("read"),
                text
            );
        }
        let written = write(tmp.path(), &decisions[1..]).expect("themes parse");
        assert_eq!(written, ["themes.ron"]);
        assert_eq!(
            std::fs::read_to_string(tmp.path().join("themes.ron")).expect("read"),
            "[\n]\n"
        );
    }

    #[test]
    fn only_conflicts_needs_every_problem_to_be_one() {
        let conflict = Problem::conflict("codebook.ron", 4);
        let other = Problem::new("themes.ron", 1, 1, "expected string");
        assert!(only_conflicts(std::slice::from_ref(&conflict)));
        assert!(!only_conflicts(&[conflict, other]));
        assert!(!only_conflicts(&[]));
    }
}

#[cfg(test)]
mod keep_both_tests {
    use super::*;

    #[test]
    fn two_values_of_one_field_are_joined_ours_first() {
        let text = "(\n<<<<<<< ours\n    definition: \"Days without a plan.\",\n=======\n    definition: \"Living from one score to the next.\",\n>>>>>>> theirs\n)\n";
        let kept = resolve_text(text, &[Keep::Both]);
        assert_eq!(
            kept,
            "(\n    definition: \"Days without a plan.\\n\\nLiving from one score to the next.\",\n)\n"
        );
        // The same value on both sides, or one side empty: kept once.
        assert_eq!(
            both("    a: \"x\",\n", "    a: \"x\",\n"),
            "    a: \"x\",\n"
        );
        assert_eq!(both("    a: \"\",\n", "    a: \"y\",\n"), "    a: \"y\",\n");
    }

    #[test]
    fn new_entries_on_both_sides_are_all_kept() {
        let text =
            "[\n<<<<<<< ours\n    (a: 1),\n=======\n    (b: 2),\n    (c: 3),\n>>>>>>> theirs\n]\n";
        assert_eq!(
            resolve_text(text, &[Keep::Both]),
            "[\n    (a: 1),\n    (b: 2),\n    (c: 3),\n]\n"
        );
    }
}
