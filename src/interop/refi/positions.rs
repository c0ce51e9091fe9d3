//! Where a REFI selection's positions fall in its source. The standard counts
//! Unicode code points, end exclusive; NVivo counts UTF-16 code units (and,
//! on Windows, a CRLF line end as two), as QualCoder does; other tools count
//! a CRLF as one. margin tries each reading and keeps the one that puts the
//! selections on the source text: every selection inside the text, on the
//! words its name quotes when it has one, and starting and ending at word
//! boundaries. Positions come out as character offsets into the text with
//! LF line ends that margin keeps.

const INSIDE: u32 = u32::MAX;

/// Characters a coded passage may start or end on besides letters and digits.
const OPENING: &str = "\"'\u{2018}\u{201c}([";
const CLOSING: &str = ".!?\"'\u{2019}\u{201d})]\u{2026}";

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reading {
    /// The standard: code points of the text as stored (a CRLF is two).
    CodePoints,
    /// UTF-16 code units, a CRLF counted as two (NVivo for Windows).
    Utf16,
    /// Code points with a CRLF counted as one.
    CodePointsCrlfAsOne,
    /// UTF-16 code units with a CRLF counted as one.
    Utf16CrlfAsOne,
}

impl Reading {
    pub const ALL: [Reading; 4] = [
        Reading::CodePoints,
        Reading::Utf16,
        Reading::CodePointsCrlfAsOne,
        Reading::Utf16CrlfAsOne,
    ];

    pub fn describe(self) -> &'static str {
        match self {
            Reading::CodePoints => "Unicode code points (the REFI-QDA standard)",
            Reading::Utf16 => "UTF-16 code units, CRLF as two (as NVivo for Windows counts)",
            Reading::CodePointsCrlfAsOne => "Unicode code points, CRLF as one",
            Reading::Utf16CrlfAsOne => "UTF-16 code units, CRLF as one",
        }
    }
}

/// Maps positions of one reading to character offsets in the LF text.
pub struct Positions {
    table: Vec<u32>,
}

impl Positions {
    /// The LF-text offset of position `p`, if `p` is a position of this
    /// reading that falls between two characters.
    pub fn map(&self, p: i64) -> Option<usize> {
        let p = usize::try_from(p).ok()?;
        match self.table.get(p) {
            Some(&INSIDE) | None => None,
            Some(&n) => Some(n as usize),
        }
    }
}

/// The tables of every reading for a source as stored (`raw`, any line ends).
pub fn tables(raw: &str) -> Vec<(Reading, Positions)> {
    let mut t: [Vec<u32>; 4] = Default::default();
    let mut n: u32 = 0;
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            chars.next();
            // Both units of a CRLF counted as two fall before the line end.
            t[0].extend([n, n]);
            t[1].extend([n, n]);
            t[2].push(n);
            t[3].push(n);
        } else {
            t[0].push(n);
            t[2].push(n);
            t[1].push(n);
            t[3].push(n);
            if c.len_utf16() == 2 {
                t[1].push(INSIDE);
                t[3].push(INSIDE);
            }
        }
        n += 1;
    }
    for table in &mut t {
        table.push(n);
    }
    Reading::ALL
        .into_iter()
        .zip(t)
        .map(|(r, table)| (r, Positions { table }))
        .collect()
}

/// A selection as read: start, end, and the quoted text if the tool wrote one.
pub struct Selection<'a> {
    pub start: i64,
    pub end: i64,
    pub name: &'a str,
}

/// The reading that puts `selections` best on `text` (LF line ends), with
/// its table. Ties go to the standard.
pub fn best<'t>(
    tables: &'t [(Reading, Positions)],
    text: &[char],
    selections: &[Selection],
) -> &'t (Reading, Positions) {
    let score = |positions: &Positions| {
        let mut fits = 0usize;
        let mut quotes = 0usize;
        let mut bounds = 0usize;
        for s in selections {
            let (Some(a), Some(b)) = (positions.map(s.start), positions.map(s.end)) else {
                continue;
            };
            if a > b || b > text.len() {
                continue;
            }
            fits += 1;
            let name = squash(s.name.chars());
            if !name.is_empty() {
                let slice = squash(text[a..b].iter().copied());
                // A quote of the whole selection counts double; a long
                // start of it (a name cut short) once.
                if slice == name {
                    quotes += 2;
                } else if name.chars().count() >= 12 && slice.starts_with(&name) {
                    quotes += 1;
                }
            }
            let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
            // Coders start on a word (or an opening quote) and end on one (or
            // on closing punctuation), never inside a word.
            let starts = a == b
                || (!word(a.checked_sub(1).and_then(|i| text.get(i)))
                    && (text[a].is_alphanumeric() || OPENING.contains(text[a])));
            let ends = a == b
                || ((text[b - 1].is_alphanumeric() || CLOSING.contains(text[b - 1]))
                    && !word(text.get(b)));
            bounds += usize::from(starts) + usize::from(ends);
        }
        (fits, quotes, bounds)
    };
    let mut best = &tables[0];
    let mut best_score = score(&best.1);
    for candidate in &tables[1..] {
        let s = score(&candidate.1);
        if s > best_score {
            best = candidate;
            best_score = s;
        }
    }
    best
}

/// Text with runs of white space as one space, trimmed (names quote text
/// with its line ends flattened).
fn squash(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    for c in chars {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lf_chars(raw: &str) -> Vec<char> {
        crate::import::normalise_line_ends(raw).chars().collect()
    }

    /// Positions of `needle` in `raw` counted in UTF-16 units, CRLF as two.
    fn utf16_range(raw: &str, needle: &str) -> (i64, i64) {
        let at = raw.find(needle).expect("present");
        let start = raw[..at].encode_utf16().count() as i64;
        (start, start + needle.encode_utf16().count() as i64)
    }

    #[test]
    fn nvivo_utf16_with_crlf_is_detected() {
        let raw = "Interviewer: How was the week? \u{1f642}\r\nP2: Honestly \u{1f62c} hard. The script ran out on Friday.\r\nP2: The pharmacy was shut.\r\n";
        let text = lf_chars(raw);
        let t = tables(raw);
        let wanted = ["hard", "The script ran out", "pharmacy was shut"];
        let selections: Vec<Selection> = wanted
            .iter()
            .map(|w| {
                let (start, end) = utf16_range(raw, w);
                Selection {
                    start,
                    end,
                    name: "",
                }
            })
            .collect();
        let (reading, positions) = best(&t, &text, &selections);
        assert_eq!(*reading, Reading::Utf16);
        for (s, w) in selections.iter().zip(wanted) {
            let a = positions.map(s.start).expect("maps");
            let b = positions.map(s.end).expect("maps");
            assert_eq!(text[a..b].iter().collect::<String>(), w);
        }
    }

    #[test]
    fn the_standard_wins_ties_and_names_decide() {
        let raw = "P1: plain text with no surprises\n";
        let text = lf_chars(raw);
        let t = tables(raw);
        let s = [Selection {
            start: 4,
            end: 9,
            name: "plain",
        }];
        assert_eq!(best(&t, &text, &s).0, Reading::CodePoints);
        // Code points counting CRLF as one: only the name tells.
        let raw = "A: one\r\nB: two three\r\n";
        let text = lf_chars(raw);
        let t = tables(raw);
        let s = [Selection {
            start: 10,
            end: 13,
            name: "two",
        }];
        assert_eq!(best(&t, &text, &s).0, Reading::CodePointsCrlfAsOne);
    }

    #[test]
    fn positions_inside_a_character_do_not_map() {
        let t = tables("a\u{1f642}b");
        let utf16 = &t[1].1;
        assert_eq!(utf16.map(1), Some(1));
        assert_eq!(utf16.map(2), None);
        assert_eq!(utf16.map(3), Some(2));
        assert_eq!(utf16.map(-1), None);
        assert_eq!(utf16.map(99), None);
    }
}
