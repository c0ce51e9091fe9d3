//! Line-oriented search of one transcript, as `margin search` prints it:
//! every non-empty match with its line, column and the line's text. Works on
//! bytes: newlines are found with memchr (SIMD) only in the gaps between
//! matched lines, and characters are counted only from a matched line's start
//! to its match (nothing at all on ASCII lines), so a search over a large
//! corpus costs little more than the regex itself.

use regex::Regex;

/// One match. `line` and `col` are 1-based, `col` in characters (as every
/// offset in margin); `byte_start` and `byte_end` are its byte offsets in the
/// whole text (a `TextIndex` turns them into character offsets for the few
/// callers that need them); `line_text` is the whole line, without its newline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineHit<'t> {
    pub line: usize,
    pub col: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    pub matched: &'t str,
    pub line_text: &'t str,
}

/// Characters in `bytes` of valid UTF-8: every byte that does not continue a
/// multi-byte sequence starts one character. ASCII (most transcripts, most
/// lines) needs no counting.
pub fn chars_in(bytes: &[u8]) -> usize {
    if bytes.is_ascii() {
        return bytes.len();
    }
    // Counted in runs of at most 255 bytes into a byte-wide sum, which the
    // compiler turns into wide vector additions (a count per byte was a
    // twentieth of a large merge, indexing transcripts for new excerpts).
    bytes
        .chunks(255)
        .map(|run| {
            let starts: u8 = run.iter().map(|&b| u8::from((b as i8) >= -0x40)).sum();
            usize::from(starts)
        })
        .sum()
}

/// Calls `each` with every non-empty match of `regex` in `text`, in order,
/// without collecting them.
pub fn for_each_line_hit<'t>(text: &'t str, regex: &Regex, mut each: impl FnMut(LineHit<'t>)) {
    let bytes = text.as_bytes();
    // The line holding the last match: its number and byte range (the end
    // is its newline, or the text's end).
    let (mut line, mut line_start, mut line_end) = (1usize, 0usize, None::<usize>);
    for m in regex.find_iter(text) {
        if m.start() == m.end() {
            continue;
        }
        let at = m.start();
        match line_end {
            // Still on the line of the last match: nothing to count.
            Some(end) if at <= end => {}
            Some(end) => {
                // Past the known line: its newline, then those in the gap.
                let gap = &bytes[end + 1..at];
                line += 1 + memchr::memchr_iter(b'\n', gap).count();
                line_start = memchr::memrchr(b'\n', gap).map_or(end + 1, |i| end + 1 + i + 1);
            }
            None => {
                let gap = &bytes[..at];
                line += memchr::memchr_iter(b'\n', gap).count();
                line_start = memchr::memrchr(b'\n', gap).map_or(0, |i| i + 1);
            }
        }
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        line_end = Some(end);
        each(LineHit {
            line,
            col: chars_in(&bytes[line_start..at]) + 1,
            byte_start: at,
            byte_end: m.end(),
            matched: m.as_str(),
            line_text: &text[line_start..end],
        });
    }
}

/// Every non-empty match of `regex` in `text`, in order.
pub fn line_hits<'t>(text: &'t str, regex: &Regex) -> Vec<LineHit<'t>> {
    let mut hits = Vec::new();
    for_each_line_hit(text, regex, |hit| hits.push(hit));
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::TextIndex;

    #[test]
    fn chars_in_counts_characters_in_any_run() {
        let samples = ["", "plain", "déjà vu", "你好, café", "‘safe’ …"];
        for sample in samples {
            for times in [1, 37, 255, 256, 600] {
                let text = sample.repeat(times);
                assert_eq!(
                    chars_in(text.as_bytes()),
                    text.chars().count(),
                    "{sample} x{times}"
                );
            }
        }
    }

    fn re(pattern: &str) -> Regex {
        Regex::new(pattern).unwrap()
    }

    #[test]
    fn lines_and_columns_count_characters_from_one() {
        let text = "Interviewer: Hello.\nP1: Crack, and crack again.\n";
        let hits = line_hits(text, &re("(?i)crack"));
        assert_eq!(hits.len(), 2);
        assert_eq!((hits[0].line, hits[0].col), (2, 5));
        assert_eq!((hits[1].line, hits[1].col), (2, 16));
        assert_eq!(hits[0].line_text, "P1: Crack, and crack again.");
        assert_eq!(hits[1].matched, "crack");
        let start = text.find('C').unwrap();
        assert_eq!((hits[0].byte_start, hits[0].byte_end), (start, start + 5));
    }

    #[test]
    fn non_ascii_text_before_a_match_counts_as_characters() {
        let text = "P2: café – naïve\nP3: 你好 crack\n";
        let hits = line_hits(text, &re("crack|naïve"));
        assert_eq!((hits[0].line, hits[0].col), (1, 12));
        assert_eq!((hits[1].line, hits[1].col), (2, 8));
        let index = TextIndex::new(text);
        let (start, end) = (
            index.char_of_byte(text, hits[1].byte_start),
            index.char_of_byte(text, hits[1].byte_end),
        );
        let chars: Vec<char> = text.chars().collect();
        let coded: String = chars[start..end].iter().collect();
        assert_eq!(coded, "crack");
    }

    #[test]
    fn empty_matches_are_skipped_and_the_last_line_needs_no_newline() {
        let hits = line_hits("a\nb crack", &re("crack|x*"));
        assert_eq!(hits.len(), 1);
        assert_eq!(
            (hits[0].line, hits[0].col, hits[0].line_text),
            (2, 3, "b crack")
        );
    }

    #[test]
    fn a_match_across_lines_reports_its_first_line() {
        let hits = line_hits("one\ntwo three\nfour", &re(r"three\nfour"));
        assert_eq!((hits[0].line, hits[0].col), (2, 5));
        assert_eq!(hits[0].line_text, "two three");
    }

    #[test]
    fn a_match_after_one_that_spans_lines_counts_the_lines_between() {
        // The first match ends on line 3; the next starts on line 3, then 5.
        let text = "a\nxb\ncx y\n\nz y\n";
        let hits = line_hits(text, &re(r"b\nc|y"));
        let at: Vec<(usize, usize)> = hits.iter().map(|h| (h.line, h.col)).collect();
        assert_eq!(at, [(2, 2), (3, 4), (5, 3)]);
        assert_eq!(hits[1].line_text, "cx y");
    }

    /// Lines and columns agree with a plain character-by-character count on
    /// any text, ASCII or not, with any number of matches per line.
    #[test]
    fn positions_agree_with_a_naive_count() {
        let texts = [
            "crack\ncrack crack\n\n\nxcrackx\nnaïve crack 日本crack",
            "\n\ncr\nack crack\ncrack",
            "日本語\ncrack",
        ];
        for text in texts {
            let index = TextIndex::new(text);
            for hit in line_hits(text, &re("crack|ack")) {
                let start = index.char_of_byte(text, hit.byte_start);
                assert_eq!((hit.line, hit.col), index.line_col(start), "{text:?}");
            }
        }
    }
}
