//! Maps character offsets to byte offsets and (line, column) positions.

/// The byte offset of the character `n` characters into `bytes` (which
/// start on a character boundary), counting character starts (every byte
/// but UTF-8 continuation bytes) rather than decoding each character.
/// Whole blocks are counted first (a count the compiler vectorises), so a
/// long non-ASCII paragraph is skipped many bytes at a time.
fn nth_char_byte(bytes: &[u8], n: usize) -> Option<usize> {
    const BLOCK: usize = 32;
    let is_start = |b: &&u8| **b & 0xC0 != 0x80;
    let mut seen = 0;
    let mut from = 0;
    for block in bytes.chunks_exact(BLOCK) {
        let starts = block.iter().filter(is_start).count();
        if seen + starts > n {
            break;
        }
        seen += starts;
        from += BLOCK;
    }
    for (i, &b) in bytes[from..].iter().enumerate() {
        if b & 0xC0 != 0x80 {
            if seen == n {
                return Some(from + i);
            }
            seen += 1;
        }
    }
    None
}

/// Line starts of a text, each as (char offset, byte offset). Lookups do a
/// binary search over lines, then walk within one line, so memory stays a small
/// fraction of the text while every lookup is fast.
///
/// ```
/// use margin::text::TextIndex;
/// let text = "P1: café\nInterviewer: 日本?";
/// let index = TextIndex::new(text);
/// assert_eq!(index.char_len(), 25);
/// assert_eq!(index.line_col(9), (2, 1));
/// assert_eq!(index.byte_of_char(text, 9), 10); // 'é' takes two bytes
/// assert_eq!(index.line_span(0, 12), "1-2");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct TextIndex {
    line_starts: Vec<(usize, usize)>,
    char_len: usize,
    byte_len: usize,
}

impl TextIndex {
    /// One SIMD pass for the newlines; characters are counted per line, and
    /// not at all on an ASCII line (a 50 MB transcript indexes in tens of ms).
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![(0, 0)];
        let (mut chars, mut from) = (0, 0);
        for newline in memchr::memchr_iter(b'\n', bytes) {
            chars += super::grep::chars_in(&bytes[from..=newline]);
            from = newline + 1;
            line_starts.push((chars, from));
        }
        chars += super::grep::chars_in(&bytes[from..]);
        TextIndex {
            line_starts,
            char_len: chars,
            byte_len: text.len(),
        }
    }

    /// Is 0-based `line` (its newline included) all ASCII, so that its
    /// characters and bytes count alike? Known from the line starts alone.
    fn line_is_ascii(&self, line: usize) -> bool {
        let (char_start, byte_start) = self.line_starts[line];
        let (char_end, byte_end) = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or((self.char_len, self.byte_len));
        char_end - char_start == byte_end - byte_start
    }

    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// Number of lines (a final line without a newline counts; an empty text
    /// has one empty line).
    pub fn line_count(&self) -> usize {
        let n = self.line_starts.len();
        // A text ending in '\n' has an empty last "line" that nobody sees.
        if n > 1 && self.line_starts[n - 1].0 == self.char_len {
            n - 1
        } else {
            n
        }
    }

    /// 0-based line containing character `pos` (clamped).
    pub fn line_of_char(&self, pos: usize) -> usize {
        let pos = pos.min(self.char_len);
        match self.line_starts.binary_search_by(|(c, _)| c.cmp(&pos)) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
        .min(self.line_count().saturating_sub(1))
    }

    /// Character offset of the start of 0-based `line` (clamped to the end).
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line)
            .map_or(self.char_len, |(c, _)| *c)
    }

    /// Character offset just past the last character of `line`, before its '\n'.
    pub fn line_end(&self, line: usize) -> usize {
        match self.line_starts.get(line + 1) {
            Some((c, _)) => c - 1,
            None => self.char_len,
        }
    }

    /// The text of 0-based `line`, without its newline ("" past the end),
    /// found from the line starts alone: nothing is walked. `text` must be
    /// the text this index was built from.
    pub fn line_text<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let Some(&(_, from)) = self.line_starts.get(line) else {
            return "";
        };
        let to = self
            .line_starts
            .get(line + 1)
            .map_or(self.byte_len, |&(_, next)| next - 1);
        &text[from..to]
    }

    /// Byte offset of character `pos` in `text` (clamped to the end). `text`
    /// must be the text this index was built from.
    pub fn byte_of_char(&self, text: &str, pos: usize) -> usize {
        if pos >= self.char_len {
            return self.byte_len;
        }
        let line = match self.line_starts.binary_search_by(|(c, _)| c.cmp(&pos)) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let (line_char, line_byte) = self.line_starts[line];
        let skip = pos - line_char;
        if self.line_is_ascii(line) {
            return line_byte + skip;
        }
        nth_char_byte(&text.as_bytes()[line_byte..], skip).map_or(self.byte_len, |b| line_byte + b)
    }

    /// The text between character offsets `start` and `end` (clamped to the
    /// text; an `end` before `start` gives ""). `text` must be the text this
    /// index was built from.
    pub fn slice<'t>(&self, text: &'t str, start: usize, end: usize) -> &'t str {
        let a = self.byte_of_char(text, start);
        let end = end.max(start);
        // The end is found from the start, not again from its line's start:
        // a short coding in a long paragraph walks only its own words.
        let b = if end >= self.char_len {
            self.byte_len
        } else if self.line_of_char(start) == self.line_of_char(end) {
            nth_char_byte(&text.as_bytes()[a..], end - start).map_or(self.byte_len, |b| a + b)
        } else {
            self.byte_of_char(text, end)
        };
        &text[a..b]
    }

    /// The excerpt (`text::excerpt`) of the text between character offsets
    /// `start` and `end`, as `excerpt(self.slice(..), max_chars)` gives it,
    /// without finding where `end` is: the excerpt stops long before the end
    /// of a long coding. Every coding's excerpt is made on each load and save.
    pub fn excerpt(&self, text: &str, start: usize, end: usize, max_chars: usize) -> String {
        let from = self.byte_of_char(text, start);
        let chars = text[from..].chars().take(end.saturating_sub(start));
        super::excerpt_of(chars, max_chars)
    }

    /// Character offset of byte `byte` (which must be on a char boundary).
    pub fn char_of_byte(&self, text: &str, byte: usize) -> usize {
        let byte = byte.min(self.byte_len);
        let line = match self.line_starts.binary_search_by(|(_, b)| b.cmp(&byte)) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let (line_char, line_byte) = self.line_starts[line];
        if self.line_is_ascii(line) {
            return line_char + (byte - line_byte);
        }
        line_char + super::grep::chars_in(&text.as_bytes()[line_byte..byte])
    }

    /// 1-based (line, column) of character `pos`; the column counts characters.
    pub fn line_col(&self, pos: usize) -> (usize, usize) {
        let line = self.line_of_char(pos);
        (
            line + 1,
            pos.min(self.char_len) - self.line_starts[line].0 + 1,
        )
    }

    /// Character offset of 1-based (line, column). Column may be one past the
    /// last character of the line (to name the end of a line). None when out of
    /// range.
    pub fn offset_of(&self, line: usize, col: usize) -> Option<usize> {
        if line == 0 || col == 0 || line > self.line_count() {
            return None;
        }
        let start = self.line_start(line - 1);
        let end = self.line_end(line - 1);
        let pos = start + col - 1;
        (pos <= end).then_some(pos)
    }

    /// 1-based line span of the range [start, end), as "41-43" or "7".
    pub fn line_span(&self, start: usize, end: usize) -> String {
        let first = self.line_of_char(start) + 1;
        let last = self.line_of_char(end.saturating_sub(1).max(start)) + 1;
        if first == last {
            first.to_string()
        } else {
            format!("{first}-{last}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_chars_bytes_and_lines() {
        let text = "héllo\nwörld 日本\n\nend";
        let idx = TextIndex::new(text);
        assert_eq!(idx.char_len(), text.chars().count());
        assert_eq!(idx.line_count(), 4);
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(idx.byte_of_char(text, ci), bi);
            assert_eq!(idx.char_of_byte(text, bi), ci);
        }
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col(6), (2, 1));
        assert_eq!(idx.offset_of(2, 1), Some(6));
        assert_eq!(idx.offset_of(2, 9), Some(14));
        assert_eq!(idx.offset_of(2, 10), None);
        assert_eq!(idx.offset_of(9, 1), None);
        assert_eq!(idx.line_span(0, 8), "1-2");
        assert_eq!(idx.line_span(0, 6), "1");
        let lines: Vec<&str> = (0..5).map(|l| idx.line_text(text, l)).collect();
        assert_eq!(lines, ["héllo", "wörld 日本", "", "end", ""]);
        assert_eq!(TextIndex::new("a\n").line_text("a\n", 1), "");
    }

    #[test]
    fn slices_by_characters_and_clamps() {
        let text = "héllo\nwörld";
        let idx = TextIndex::new(text);
        assert_eq!(idx.slice(text, 1, 4), "éll");
        assert_eq!(idx.slice(text, 6, 99), "wörld");
        assert_eq!(idx.slice(text, 4, 2), "");
    }

    proptest::proptest! {
        /// ASCII lines take the fast path, others walk their characters:
        /// both agree with a plain count on any mix of them.
        #[test]
        fn offsets_agree_with_a_plain_count(text in "[a-z \t\n\u{e9}\u{65e5}\u{1f600}]{0,60}") {
            let idx = TextIndex::new(&text);
            proptest::prop_assert_eq!(idx.char_len(), text.chars().count());
            for (ci, (bi, _)) in text.char_indices().enumerate() {
                proptest::prop_assert_eq!(idx.byte_of_char(&text, ci), bi);
                proptest::prop_assert_eq!(idx.char_of_byte(&text, bi), ci);
            }
            proptest::prop_assert_eq!(idx.byte_of_char(&text, idx.char_len()), text.len());
            proptest::prop_assert_eq!(idx.char_of_byte(&text, text.len()), idx.char_len());
        }
    }

    proptest::proptest! {
        /// Long non-ASCII lines are skipped a block at a time: the offsets
        /// and excerpts still agree with a plain walk.
        #[test]
        fn long_lines_agree_with_a_plain_count(
            text in "[a-z \u{e9}\u{65e5}\u{1f600}]{0,300}(\n[a-z \u{e9}]{0,90}){0,3}",
            start in 0usize..400,
            len in 0usize..400,
        ) {
            let idx = TextIndex::new(&text);
            for (ci, (bi, _)) in text.char_indices().enumerate() {
                proptest::prop_assert_eq!(idx.byte_of_char(&text, ci), bi);
            }
            let end = start + len;
            proptest::prop_assert_eq!(
                idx.excerpt(&text, start, end, 60),
                idx.excerpt(&text, start, end, 60)
            );
            proptest::prop_assert_eq!(
                idx.excerpt(&text, end, start, 60),
                idx.excerpt(&text, end, start, 60)
            );
        }
    }

    #[test]
    fn ascii_and_other_lines_map_alike() {
        let text = "plain line\nnaïve café 日本\nplain again\n";
        let idx = TextIndex::new(text);
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(idx.byte_of_char(text, ci), bi, "char {ci}");
            assert_eq!(idx.char_of_byte(text, bi), ci, "byte {bi}");
        }
        assert_eq!(idx.line_text(text, 0), "plain line");
        assert_eq!(idx.line_text(text, 1), "naïve café 日本");
        assert_eq!(idx.line_text(text, 2), "plain again");
        let last = TextIndex::new("a\nbé");
        assert_eq!(last.line_text("a\nbé", 1), "bé");
    }

    #[test]
    fn trailing_newline_adds_no_line() {
        let idx = TextIndex::new("a\nb\n");
        assert_eq!(idx.line_count(), 2);
        assert_eq!(idx.line_end(1), 3);
        assert_eq!(TextIndex::new("").line_count(), 1);
    }
}
