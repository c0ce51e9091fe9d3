//! Pure text helpers: offsets, lines and speaker turns. Offsets on disk and in
//! the model are characters (Unicode scalar values); this module maps them to
//! bytes and lines quickly.

mod context;
pub mod grep;
mod index;
pub mod layout;
pub mod markers;
pub mod reanchor;
pub mod scope;
mod turns;
pub mod words;
pub mod wrap;

pub use context::keyword_in_context;
pub use index::TextIndex;
pub use turns::{SpeakerTurn, speaker_turns, turn_at, without_labels};

/// Why a search pattern does not compile, in one line: the regex crate's
/// last line ("unclosed group"), without its "error: " (the callers say
/// "not a valid pattern: ...", so it read "error" twice).
pub fn pattern_problem(err: &regex::Error) -> String {
    let text = err.to_string();
    let reason = text.lines().last().unwrap_or("").trim();
    reason.strip_prefix("error: ").unwrap_or(reason).to_string()
}

/// "1 hit", "3 hits": a count with its noun in the right number (messages
/// read "1 hits in 1 documents" before).
///
/// ```
/// use margin::text::count;
/// assert_eq!(count(1, "entry", "entries"), "1 entry");
/// assert_eq!(count(0, "hit", "hits"), "0 hits");
/// ```
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// How many characters of coded text are kept beside a coding, for the
/// reader of a diff and for re-anchoring.
pub const EXCERPT_CHARS: usize = 60;

/// Collapses runs of whitespace to one space and cuts the result to at most
/// `max_chars` characters at a word boundary, adding "…" when cut. Used for the
/// one-line excerpts stored beside codings.
///
/// ```
/// use margin::text::excerpt;
/// assert_eq!(excerpt("you  never\nknow which one you will get", 20), "you never know which…");
/// ```
pub fn excerpt(text: &str, max_chars: usize) -> String {
    excerpt_of(text.chars(), max_chars)
}

/// `excerpt` of the characters `chars` gives, read only as far as the cut.
pub fn excerpt_of(chars: impl Iterator<Item = char>, max_chars: usize) -> String {
    // Collapsed as `split_whitespace` + `join(" ")` would, but only as far
    // as the cut needs (max_chars + 1 characters): every coding's excerpt
    // is made on each load and save, and a coding may span pages.
    let mut collapsed = String::with_capacity(max_chars + 8);
    let mut count = 0;
    let mut space_due = false;
    for c in chars {
        if c.is_whitespace() {
            space_due = count > 0;
            continue;
        }
        if space_due {
            space_due = false;
            collapsed.push(' ');
            count += 1;
            if count > max_chars {
                break;
            }
        }
        collapsed.push(c);
        count += 1;
        if count > max_chars {
            break;
        }
    }
    if count <= max_chars {
        return collapsed;
    }
    // One character past the cut: is the cut at the end of a word?
    let (cut_at, next) = collapsed
        .char_indices()
        .nth(max_chars)
        .unwrap_or((collapsed.len(), ' '));
    let ends_at_word = next == ' ';
    let cut = &collapsed[..cut_at];
    let at_word = match cut.rfind(' ') {
        Some(pos) if !ends_at_word && pos > max_chars / 2 => &cut[..pos],
        _ => cut,
    };
    format!("{}…", at_word.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The excerpt as it was first written: collapse everything, then cut.
    fn excerpt_whole(text: &str, max_chars: usize) -> String {
        let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if collapsed.chars().count() <= max_chars {
            return collapsed;
        }
        let cut: String = collapsed.chars().take(max_chars).collect();
        let ends_at_word = collapsed.chars().nth(max_chars) == Some(' ');
        let at_word = match cut.rfind(' ') {
            Some(pos) if !ends_at_word && pos > max_chars / 2 => &cut[..pos],
            _ => &cut[..],
        };
        format!("{}…", at_word.trim_end())
    }

    proptest::proptest! {
        /// Stored excerpts must not change with the faster way of making
        /// them: a changed excerpt would rewrite every codings file.
        #[test]
        fn excerpts_are_what_collapsing_everything_gave(
            text in "[ a-zé\\t\\n\u{a0}\u{2003}\u{1F600}]{0,90}",
            max in 0usize..70,
        ) {
            proptest::prop_assert_eq!(excerpt(&text, max), excerpt_whole(&text, max));
        }
    }

    #[test]
    fn excerpts_cut_where_collapsing_everything_did() {
        for text in [
            "",
            "   ",
            " a ",
            "exactly twenty chars",
            "exactly twenty chars ",
            "exactly twenty chars and more",
            "exactly twenty charsX and more",
            "  lead and  trail   spaces that go on past the cut  ",
            "ünïcödé wörds with àccents that run on and on",
            "averyveryverylongwordwithoutanyspacesatall and more",
        ] {
            for max in [0, 1, 5, 10, 19, 20, 21, 40] {
                assert_eq!(
                    excerpt(text, max),
                    excerpt_whole(text, max),
                    "{text:?} {max}"
                );
            }
        }
    }

    #[test]
    fn excerpts_collapse_and_cut() {
        assert_eq!(excerpt("a\n  b\tc", 20), "a b c");
        assert_eq!(
            excerpt("you never know which one you will get", 20),
            "you never know which…"
        );
    }
}
