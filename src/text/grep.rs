//! Line-oriented search of one transcript, as `margin search` prints it:
//! every non-empty match with its line, column and the line's text. Works on
//! bytes and counts characters only between successive matches, so a search
//! over a large corpus costs little more than the regex itself.

use regex::Regex;

/// One match. `line` and `col` are 1-based, `col` in characters (as every
/// offset in margin); `start` and `end` are character offsets in the whole
/// text, end exclusive; `line_text` is the whole line, without its newline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineHit<'t> {
    pub line: usize,
    pub col: usize,
    pub start: usize,
    pub end: usize,
    pub matched: &'t str,
    pub line_text: &'t str,
}

/// Characters in `bytes` of valid UTF-8: every byte that does not continue a
/// multi-byte sequence starts one character.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

/// Characters and newlines in `bytes` of valid UTF-8, in one pass that the
/// compiler can vectorise: the scan between matches is most of a search.
fn chars_and_newlines(bytes: &[u8]) -> (usize, usize) {
    bytes.iter().fold((0, 0), |(chars, newlines), &b| {
        (
            chars + usize::from((b & 0xC0) != 0x80),
            newlines + usize::from(b == b'\n'),
        )
    })
}

/// Every non-empty match of `regex` in `text`, in order.
pub fn line_hits<'t>(text: &'t str, regex: &Regex) -> Vec<LineHit<'t>> {
    let bytes = text.as_bytes();
    let mut hits = Vec::new();
    // A cursor that only moves forward: where it stands in bytes, characters
    // and lines, and where its line starts.
    let (mut at_byte, mut at_char, mut line) = (0usize, 0usize, 1usize);
    let mut line_start_byte = 0usize;
    let mut line_start_char = 0usize;
    let mut line_end_byte = None;
    for m in regex.find_iter(text) {
        if m.start() == m.end() {
            continue;
        }
        let gap = &bytes[at_byte..m.start()];
        let (gap_chars, newlines) = chars_and_newlines(gap);
        if newlines > 0 {
            line += newlines;
            let last = gap.iter().rposition(|&b| b == b'\n').unwrap_or(0);
            line_start_byte = at_byte + last + 1;
            line_start_char = at_char + gap_chars - chars_in(&gap[last + 1..]);
            line_end_byte = None;
        }
        at_char += gap_chars;
        at_byte = m.start();
        let start = at_char;
        let end = start + chars_in(&bytes[m.start()..m.end()]);
        let line_end = *line_end_byte.get_or_insert_with(|| {
            text[line_start_byte..]
                .find('\n')
                .map_or(text.len(), |i| line_start_byte + i)
        });
        hits.push(LineHit {
            line,
            col: start - line_start_char + 1,
            start,
            end,
            matched: m.as_str(),
            line_text: &text[line_start_byte..line_end],
        });
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let start = text.chars().position(|c| c == 'C').unwrap();
        assert_eq!((hits[0].start, hits[0].end), (start, start + 5));
    }

    #[test]
    fn non_ascii_text_before_a_match_counts_as_characters() {
        let text = "P2: café – naïve\nP3: 你好 crack\n";
        let hits = line_hits(text, &re("crack|naïve"));
        assert_eq!((hits[0].line, hits[0].col), (1, 12));
        assert_eq!((hits[1].line, hits[1].col), (2, 8));
        let chars: Vec<char> = text.chars().collect();
        let coded: String = chars[hits[1].start..hits[1].end].iter().collect();
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
}
