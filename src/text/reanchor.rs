//! Re-anchoring: where a range of characters of one version of a transcript
//! lies in a corrected version. Exactly, through a diff of the two texts, when
//! the old text is known; by the excerpt kept beside each coding otherwise.
//! Offsets count characters (Unicode scalar values), as codings do.

use similar::{Algorithm, DiffOp, DiffTag, capture_diff_slices_deadline};
use std::time::{Duration, Instant};

/// Where a range ended up in the new text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// Same offsets, same words.
    Unchanged,
    /// The same words (or most of them, corrected) at other offsets.
    Moved { start: usize, end: usize },
    /// The words are gone; `at` is where they were in the new text.
    Unplaceable { at: usize },
}

/// The share of a coded passage's characters that must survive a correction
/// for the coding to follow it: a typo fixed inside a passage keeps it, a
/// passage rewritten or deleted asks the analyst.
const SURVIVING_SHARE: f64 = 0.5;

/// A character diff of two versions of a text: runs of equal and changed
/// characters, in order.
#[derive(Clone, Debug)]
pub struct TextMap {
    ops: Vec<DiffOp>,
    old_len: usize,
    new_len: usize,
}

impl TextMap {
    /// Diffs two texts by characters. A pathological pair (two unrelated
    /// long texts) is cut short after a few seconds and gives a coarser, still
    /// correct, map.
    pub fn new(old: &str, new: &str) -> TextMap {
        let old_chars: Vec<char> = old.chars().collect();
        let new_chars: Vec<char> = new.chars().collect();
        let deadline = Instant::now() + Duration::from_secs(3);
        let ops =
            capture_diff_slices_deadline(Algorithm::Myers, &old_chars, &new_chars, Some(deadline));
        TextMap {
            ops,
            old_len: old_chars.len(),
            new_len: new_chars.len(),
        }
    }

    /// Where the old range `start..end` lies in the new text.
    pub fn place(&self, start: usize, end: usize) -> Placement {
        if start >= end || end > self.old_len {
            return Placement::Unplaceable {
                at: self.map_start(start.min(self.old_len)),
            };
        }
        let kept = self.surviving(start, end);
        let (new_start, new_end) = (self.map_start(start), self.map_end(end));
        if new_start >= new_end || (kept as f64) < SURVIVING_SHARE * (end - start) as f64 {
            return Placement::Unplaceable { at: new_start };
        }
        if (new_start, new_end) == (start, end) && kept == end - start {
            Placement::Unchanged
        } else {
            Placement::Moved {
                start: new_start,
                end: new_end,
            }
        }
    }

    /// Characters of `start..end` that are unchanged in the new text.
    fn surviving(&self, start: usize, end: usize) -> usize {
        self.ops
            .iter()
            .filter(|op| op.tag() == DiffTag::Equal)
            .map(|op| {
                let r = op.old_range();
                r.end.min(end).saturating_sub(r.start.max(start))
            })
            .sum()
    }

    /// A range's first character: inside a changed run it takes the run's
    /// replacement with it; text inserted just before it is not taken.
    fn map_start(&self, pos: usize) -> usize {
        for op in &self.ops {
            let (tag, old, new) = op.as_tag_tuple();
            if old.start <= pos && pos < old.end {
                return match tag {
                    DiffTag::Equal => new.start + (pos - old.start),
                    _ => new.start,
                };
            }
        }
        self.new_len
    }

    /// A range's end (exclusive), found through its last character; text
    /// inserted just after it is not taken.
    fn map_end(&self, end: usize) -> usize {
        let last = end - 1;
        for op in &self.ops {
            let (tag, old, new) = op.as_tag_tuple();
            if old.start <= last && last < old.end {
                return match tag {
                    DiffTag::Equal => new.start + (end - old.start),
                    _ => new.end,
                };
            }
        }
        self.new_len
    }
}

/// Finds a coded passage in `text` by its stored excerpt (whitespace
/// collapsed, perhaps cut short with "…", as `text::excerpt` writes it). Of
/// several matches the one nearest `near` wins; a cut excerpt keeps the old
/// length `len`. None when the words are nowhere.
pub fn find_by_excerpt(
    text: &str,
    excerpt: &str,
    near: usize,
    len: usize,
) -> Option<(usize, usize)> {
    let (stem, cut) = match excerpt.strip_suffix('…') {
        Some(stem) => (stem.trim_end(), true),
        None => (excerpt, false),
    };
    if stem.trim().is_empty() {
        return None;
    }
    // The text with whitespace collapsed as excerpts are, and for each of its
    // characters the character offset it came from.
    let mut collapsed = String::with_capacity(text.len());
    let mut origin: Vec<usize> = Vec::with_capacity(text.len());
    let mut in_space = false;
    let mut total = 0;
    for (at, ch) in text.chars().enumerate() {
        total = at + 1;
        if ch.is_whitespace() {
            if !in_space {
                collapsed.push(' ');
                origin.push(at);
            }
            in_space = true;
        } else {
            collapsed.push(ch);
            origin.push(at);
            in_space = false;
        }
    }
    let stem_chars = stem.chars().count();
    let best = collapsed
        .match_indices(stem)
        .map(|(byte, _)| collapsed[..byte].chars().count())
        .min_by_key(|&i| origin[i].abs_diff(near))?;
    let start = origin[best];
    let last = origin[best + stem_chars - 1] + 1;
    let end = if cut {
        (start + len).max(last).min(total)
    } else {
        last
    };
    Some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str =
        "Interviewer: Thanks for joining. How is it?\n\nP1: You never know which one you'll get.\n";

    fn slice(text: &str, start: usize, end: usize) -> String {
        text.chars().skip(start).take(end - start).collect()
    }

    #[test]
    fn a_correction_above_moves_later_codings_onto_their_words() {
        let new = OLD.replace("Thanks for joining", "Thank you so much for joining");
        let map = TextMap::new(OLD, &new);
        let start = OLD.find("You never").unwrap();
        let end = start + "You never know".len();
        let Placement::Moved { start: s, end: e } = map.place(start, end) else {
            panic!("moved");
        };
        assert_eq!(s - start, 11);
        assert_eq!(slice(&new, s, e), "You never know");
        // Before the correction nothing moves.
        assert_eq!(map.place(0, 11), Placement::Unchanged);
    }

    #[test]
    fn a_corrected_passage_keeps_its_coding_and_a_deleted_one_is_unplaceable() {
        let new = OLD.replace("You never know", "You never knew");
        let map = TextMap::new(OLD, &new);
        let start = OLD.find("You never").unwrap();
        let end = start + "You never know which".len();
        let Placement::Moved { start: s, end: e } = map.place(start, end) else {
            panic!("a fixed typo keeps the coding");
        };
        assert_eq!(slice(&new, s, e), "You never knew which");
        let gone = OLD.replace("You never know which one you'll get.", "");
        let map = TextMap::new(OLD, &gone);
        assert!(matches!(
            map.place(start, end),
            Placement::Unplaceable { .. }
        ));
    }

    #[test]
    fn text_inserted_at_either_edge_is_not_taken() {
        let new = OLD.replace("You never know", "Well. You never know, honestly");
        let map = TextMap::new(OLD, &new);
        let start = OLD.find("You never").unwrap();
        let Placement::Moved { start: s, end: e } = map.place(start, start + 14) else {
            panic!("moved");
        };
        assert_eq!(slice(&new, s, e), "You never know");
    }

    #[test]
    fn excerpts_find_their_words_nearest_the_old_place() {
        let text = "ab cd\nab  cd ef gh\n";
        assert_eq!(find_by_excerpt(text, "ab cd", 0, 5), Some((0, 5)));
        assert_eq!(find_by_excerpt(text, "ab cd", 9, 5), Some((6, 12)));
        // A cut excerpt keeps the old length, at least to its last word.
        assert_eq!(find_by_excerpt(text, "cd e…", 9, 7), Some((10, 17)));
        // Mid-word starts are found too.
        assert_eq!(find_by_excerpt(text, "d ef", 9, 4), Some((11, 15)));
        assert_eq!(find_by_excerpt(text, "zz", 0, 2), None);
    }
}
