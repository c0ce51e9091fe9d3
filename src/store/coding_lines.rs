//! Reading a codings file (codings/DOC/CODER.ron) quickly. margin writes
//! one coding per line in one layout (`files::one_per_line`); lines in that
//! layout are read here directly, borrowing their strings, instead of through
//! RON's general parser, which was half of loading a large project. Anything
//! else (a hand edit, an escape, a comment, another field order, a missing
//! comma) is left to `ron`, which stays the authority on what a file means
//! and on how its errors are reported: this reader only ever says "not mine".

use super::files::{self, CodingLine};
use crate::model::{CodeId, Coding};
use std::collections::BTreeMap;

/// A codebook's ids by their text, for handing each coding read the
/// codebook's own id. Hashed with foldhash: asked once per coding of a
/// large study, where a search of the codebook's tree compared nine ids.
#[derive(Debug, Default)]
pub struct CodeIds<'a>(foldhash::HashMap<&'a str, &'a CodeId>);

impl<'a> CodeIds<'a> {
    pub fn of<T>(codes: &'a BTreeMap<CodeId, T>) -> Self {
        CodeIds(codes.keys().map(|id| (id.as_str(), id)).collect())
    }

    /// The codebook's own id written `code`, if it has one.
    pub fn get(&self, code: &str) -> Option<&'a CodeId> {
        self.0.get(code).copied()
    }
}

/// One coding line, its strings borrowed from the file's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineRef<'a> {
    pub code: &'a str,
    pub start: usize,
    pub end: usize,
    pub lines: &'a str,
    pub text: &'a str,
    pub memo: &'a str,
    pub star: bool,
    pub unplaced: bool,
}

impl LineRef<'_> {
    /// The coding this line stores (as `CodingLine::into_coding` gives it).
    pub fn coding(&self) -> Coding {
        self.coding_in(&CodeIds::default())
    }

    /// `coding`, naming its code with the codebook's own id where `ids`
    /// has it: shared, not a copy per coding.
    pub fn coding_in(&self, ids: &CodeIds<'_>) -> Coding {
        let code = ids
            .get(self.code)
            .cloned()
            .unwrap_or_else(|| CodeId::new(self.code));
        Coding {
            start: self.start,
            end: self.end,
            code,
            memo: self.memo.to_string(),
            star: self.star,
            unplaced: self.unplaced.then(|| self.text.to_string()),
        }
    }

    pub fn to_line(self) -> CodingLine {
        CodingLine {
            code: CodeId::new(self.code),
            start: self.start,
            end: self.end,
            lines: self.lines.to_string(),
            text: self.text.to_string(),
            memo: self.memo.to_string(),
            star: self.star,
            unplaced: self.unplaced,
        }
    }
}

impl CodingLine {
    /// This line with its strings borrowed.
    pub fn borrowed(&self) -> LineRef<'_> {
        LineRef {
            code: self.code.as_str(),
            start: self.start,
            end: self.end,
            lines: &self.lines,
            text: &self.text,
            memo: &self.memo,
            star: self.star,
            unplaced: self.unplaced,
        }
    }
}

/// The codings of a file in margin's own layout, or None when the file is
/// in any other form (then `ron` must read it).
pub fn read_own_layout(text: &str) -> Option<Vec<LineRef<'_>>> {
    let mut lines = text.split('\n');
    if trim(lines.next()?) != "[" {
        return None;
    }
    let mut out = Vec::new();
    let mut comma_due = false;
    while let Some(line) = lines.next() {
        let line = trim(line);
        if line == "]" {
            return lines.all(|rest| trim(rest).is_empty()).then_some(out);
        }
        // RON needs a comma between two elements, not after the last.
        if comma_due {
            return None;
        }
        let (coding, comma) = read_line(line)?;
        comma_due = !comma;
        out.push(coding);
    }
    None
}

/// RON's whitespace that margin or an editor may leave at a line's ends.
fn trim(line: &str) -> &str {
    line.trim_matches(|c| c == ' ' || c == '\t' || c == '\r')
}

/// `(code: "…", start: N, end: N, lines: "…", text: "…"[, memo: "…"][, star:
/// true][, unplaced: true])` and whether a comma follows it.
fn read_line(line: &str) -> Option<(LineRef<'_>, bool)> {
    let mut at = Cursor(line);
    at.eat("(code: ")?;
    let code = at.string()?;
    at.eat(", start: ")?;
    let start = at.number()?;
    at.eat(", end: ")?;
    let end = at.number()?;
    at.eat(", lines: ")?;
    let lines = at.string()?;
    at.eat(", text: ")?;
    let text = at.string()?;
    let memo = match at.eat(", memo: ") {
        Some(()) => at.string()?,
        None => "",
    };
    let star = at.eat(", star: true").is_some();
    let unplaced = at.eat(", unplaced: true").is_some();
    at.eat(")")?;
    let comma = at.eat(",").is_some();
    at.0.is_empty().then_some((
        LineRef {
            code,
            start,
            end,
            lines,
            text,
            memo,
            star,
            unplaced,
        },
        comma,
    ))
}

struct Cursor<'a>(&'a str);

impl<'a> Cursor<'a> {
    fn eat(&mut self, literal: &str) -> Option<()> {
        self.0 = self.0.strip_prefix(literal)?;
        Some(())
    }

    /// A string without escapes: what lies between its quotes is its value.
    fn string(&mut self) -> Option<&'a str> {
        self.eat("\"")?;
        let close = memchr::memchr2(b'"', b'\\', self.0.as_bytes())?;
        if self.0.as_bytes()[close] == b'\\' {
            return None;
        }
        let value = &self.0[..close];
        self.0 = &self.0[close + 1..];
        Some(value)
    }

    /// A plain decimal number that fits (no sign, separator or prefix).
    fn number(&mut self) -> Option<usize> {
        let digits = self.0.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 1 && self.0.starts_with('0') {
            return None;
        }
        let value = self.0[..digits].parse().ok()?;
        self.0 = &self.0[digits..];
        Some(value)
    }
}

/// A codings file's text as `files::one_per_line` writes it, written
/// directly: a merge rewriting thousands of files spent a third of its
/// rendering in RON's general serializer. Lines holding a quote, a
/// backslash or a line break, which RON writes in another form, are left to
/// it: None.
pub fn write_own_layout(lines: &[LineRef<'_>]) -> Option<String> {
    // Every byte a merge writes passes here: a fold over bytes, which the
    // compiler vectorises, is five times faster on excerpts than a search
    // for any of four chars.
    let plain = |s: &str| {
        !s.bytes().fold(false, |found, b| {
            found | matches!(b, b'"' | b'\\' | b'\n' | b'\r')
        })
    };
    let all_plain = lines
        .iter()
        .all(|l| plain(l.code) && plain(l.lines) && plain(l.text) && plain(l.memo));
    if !all_plain {
        return None;
    }
    let size: usize = lines
        .iter()
        .map(|l| 80 + l.code.len() + l.lines.len() + l.text.len() + l.memo.len())
        .sum();
    let mut out = String::with_capacity(size + 4);
    out.push_str("[\n");
    let mut number = itoa::Buffer::new();
    let field = |out: &mut String, name: &str, value: &str| {
        out.push_str(name);
        out.push_str(": \"");
        out.push_str(value);
        out.push('"');
    };
    for line in lines {
        out.push_str("    (");
        field(&mut out, "code", line.code);
        out.push_str(", start: ");
        out.push_str(number.format(line.start));
        out.push_str(", end: ");
        out.push_str(number.format(line.end));
        field(&mut out, ", lines", line.lines);
        field(&mut out, ", text", line.text);
        if !line.memo.is_empty() {
            field(&mut out, ", memo", line.memo);
        }
        if line.star {
            out.push_str(", star: true");
        }
        if line.unplaced {
            out.push_str(", unplaced: true");
        }
        out.push_str("),\n");
    }
    out.push_str("]\n");
    Some(out)
}

/// A codings file's lines, owned: margin's own layout read directly, any
/// other through `ron` (with its error and place).
pub fn parse(text: &str) -> Result<Vec<CodingLine>, ron::error::SpannedError> {
    match read_own_layout(text) {
        Some(lines) => Ok(lines.into_iter().map(LineRef::to_line).collect()),
        None => files::parse(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn coding_line() -> impl Strategy<Value = CodingLine> {
        (
            "[a-z0-9-]{1,12}",
            0usize..100_000,
            0usize..100_000,
            "[0-9-]{0,8}",
            // Quotes, backslashes, newlines and non-ASCII words: RON escapes
            // some, and a file holding any of them is left to RON.
            "[a-zA-Z \u{e9}\u{2019}\u{2026}\"\\\\\n\t]{0,40}",
            "[a-z .\"]{0,12}",
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(
                |(code, start, end, lines, text, memo, star, unplaced)| CodingLine {
                    code: CodeId::new(code),
                    start,
                    end,
                    lines,
                    text,
                    memo,
                    star,
                    unplaced,
                },
            )
    }

    proptest! {
        /// Whatever margin writes reads back the same through either path,
        /// and this reader takes the file whenever no string needs escaping
        /// (RON writes a quote in a raw string, a backslash escaped).
        #[test]
        fn reads_what_margin_writes(lines in proptest::collection::vec(coding_line(), 0..8)) {
            let text = files::one_per_line(&lines);
            let by_ron: Vec<CodingLine> = files::parse(&text).unwrap();
            prop_assert_eq!(&by_ron, &lines);
            prop_assert_eq!(&parse(&text).unwrap(), &lines);
            let plain = |s: &str| !s.contains(['"', '\\', '\n']);
            if lines.iter().all(|l| plain(l.code.as_str()) && plain(&l.lines) && plain(&l.text) && plain(&l.memo)) {
                prop_assert!(read_own_layout(&text).is_some(), "own layout not read: {}", text);
            }
            // The coding a borrowed line gives is the one its owned line gives.
            if let Some(read) = read_own_layout(&text) {
                let codings: Vec<Coding> = read.iter().map(LineRef::coding).collect();
                let owned: Vec<Coding> = lines.into_iter().map(CodingLine::into_coding).collect();
                prop_assert_eq!(codings, owned);
            }
        }

        /// The direct writer writes, byte for byte, what RON writes, or
        /// leaves the file to it.
        #[test]
        fn writes_what_ron_writes(lines in proptest::collection::vec(coding_line(), 0..8)) {
            let by_ron = files::one_per_line(&lines);
            let borrowed: Vec<LineRef<'_>> = lines.iter().map(CodingLine::borrowed).collect();
            match write_own_layout(&borrowed) {
                Some(direct) => prop_assert_eq!(direct, by_ron),
                None => {
                    let needs_ron = lines.iter().any(|l| {
                        [l.code.as_str(), &l.lines, &l.text, &l.memo]
                            .iter()
                            .any(|s| s.contains(['"', '\\', '\n', '\r']))
                    });
                    prop_assert!(needs_ron, "left to RON: {:?}", lines);
                }
            }
        }

        /// A file edited by hand (any byte changed, dropped or doubled) is
        /// read by this reader only when RON reads it the same way.
        #[test]
        fn never_disagrees_with_ron(
            lines in proptest::collection::vec(coding_line(), 1..5),
            at in any::<prop::sample::Index>(),
            change in 0u8..3,
            byte in prop::sample::select(vec![b' ', b',', b')', b'(', b'"', b'\n', b'1', b'x', b']', b'/', b':']),
        ) {
            let mut bytes = files::one_per_line(&lines).into_bytes();
            let i = at.index(bytes.len());
            match change {
                0 => bytes[i] = byte,
                1 => { bytes.remove(i); }
                _ => bytes.insert(i, byte),
            }
            let Ok(text) = String::from_utf8(bytes) else { return Ok(()) };
            if let Some(fast) = read_own_layout(&text) {
                let fast: Vec<CodingLine> = fast.into_iter().map(LineRef::to_line).collect();
                let by_ron = files::parse::<Vec<CodingLine>>(&text);
                prop_assert_eq!(by_ron.ok(), Some(fast), "text: {}", text);
            }
        }
    }

    #[test]
    fn other_forms_are_left_to_ron() {
        for text in [
            "[\n    (code: \"a\", start: 1, end: 2, lines: \"1\", text: \"x\")\n    (code: \"b\", start: 1, end: 2, lines: \"1\", text: \"x\"),\n]\n",
            "[\n    (start: 1, code: \"a\", end: 2, lines: \"1\", text: \"x\"),\n]\n",
            "[\n    (code: \"a\", start: 1, end: 2, lines: \"1\", text: \"x\\\"\"),\n]\n",
            "[\n    (code: \"a\", start: 1, end: 2, lines: \"1\", text: \"x\", star: false),\n]\n",
            "[\n    (code: \"a\", start: 0x1, end: 2, lines: \"1\", text: \"x\"),\n]\n",
            "[\n    // a note\n]\n",
            "[\n]\n]\n",
            "[\n    (code: \"a\", start: 1, end: 2, lines: \"1\", text: \"x\"),\n",
        ] {
            assert_eq!(read_own_layout(text), None, "{text}");
        }
        let own = "[\n    (code: \"a\", start: 1, end: 2, lines: \"1\", text: \"x y\", memo: \"m\", star: true),\n]\n";
        let read = read_own_layout(own).unwrap();
        assert_eq!(read.len(), 1);
        assert_eq!(
            (read[0].text, read[0].memo, read[0].star),
            ("x y", "m", true)
        );
        assert_eq!(read_own_layout("[\n]\n"), Some(Vec::new()));
    }
}
