//! Word and grapheme steps in character offsets, for cursor motions and for
//! widening or narrowing a coded range by whole words.

use super::TextIndex;
use unicode_segmentation::UnicodeSegmentation;

/// Words of line `line` as character ranges (absolute offsets). A word is a
/// Unicode word segment holding a letter or digit.
pub fn words_in_line(text: &str, index: &TextIndex, line: usize) -> Vec<(usize, usize)> {
    let start = index.line_start(line);
    let end = index.line_end(line);
    let mut out = Vec::new();
    let mut offset = start;
    for segment in index.slice(text, start, end).split_word_bounds() {
        let len = segment.chars().count();
        if segment.chars().any(char::is_alphanumeric) {
            out.push((offset, offset + len));
        }
        offset += len;
    }
    out
}

/// Start of the first word after `pos`, looking into later lines; the end of
/// the text when there is none.
pub fn next_word_start(text: &str, index: &TextIndex, pos: usize) -> usize {
    let first = index.line_of_char(pos);
    for line in first..index.line_count() {
        if let Some(&(s, _)) = words_in_line(text, index, line)
            .iter()
            .find(|(s, _)| *s > pos)
        {
            return s;
        }
    }
    index.char_len()
}

/// Start of the word before `pos` (or of the word `pos` is inside), looking
/// into earlier lines; 0 when there is none.
pub fn prev_word_start(text: &str, index: &TextIndex, pos: usize) -> usize {
    let first = index.line_of_char(pos);
    for line in (0..=first).rev() {
        if let Some(&(s, _)) = words_in_line(text, index, line)
            .iter()
            .rev()
            .find(|(s, _)| *s < pos)
        {
            return s;
        }
    }
    0
}

/// The last character of the first word ending after `pos`, as vim's `e`.
pub fn word_end(text: &str, index: &TextIndex, pos: usize) -> usize {
    next_word_end(text, index, pos + 1)
        .saturating_sub(1)
        .max(pos)
}

/// Where each sentence of the text starts (characters), by Unicode's
/// sentence rules; a line break ends a sentence too.
fn sentence_starts(text: &str, index: &TextIndex) -> Vec<usize> {
    text.split_sentence_bound_indices()
        .filter(|(_, s)| !s.trim().is_empty())
        .map(|(byte, s)| {
            index.char_of_byte(text, byte) + (s.chars().count() - s.trim_start().chars().count())
        })
        .collect()
}

/// Start of the next sentence after `pos`; the end of the text when none.
pub fn next_sentence_start(text: &str, index: &TextIndex, pos: usize) -> usize {
    sentence_starts(text, index)
        .into_iter()
        .find(|s| *s > pos)
        .unwrap_or(index.char_len())
}

/// Start of the sentence before `pos` (or of the one `pos` is inside).
pub fn prev_sentence_start(text: &str, index: &TextIndex, pos: usize) -> usize {
    sentence_starts(text, index)
        .into_iter()
        .rev()
        .find(|s| *s < pos)
        .unwrap_or(0)
}

/// End of the first word that ends after `end` (to widen a range by a word).
pub fn next_word_end(text: &str, index: &TextIndex, end: usize) -> usize {
    let first = index.line_of_char(end);
    for line in first..index.line_count() {
        if let Some(&(_, e)) = words_in_line(text, index, line)
            .iter()
            .find(|(_, e)| *e > end)
        {
            return e;
        }
    }
    index.char_len()
}

/// End of the last word that ends before `end` (to narrow a range by a word);
/// `floor` when none ends after it.
pub fn prev_word_end(text: &str, index: &TextIndex, end: usize, floor: usize) -> usize {
    let last = index.line_of_char(end);
    for line in (index.line_of_char(floor)..=last).rev() {
        if let Some(&(_, e)) = words_in_line(text, index, line)
            .iter()
            .rev()
            .find(|(_, e)| *e < end && *e > floor)
        {
            return e;
        }
    }
    floor
}

/// Character offset of the grapheme boundary after `pos` within its line (or
/// the line end).
pub fn next_grapheme(text: &str, index: &TextIndex, pos: usize) -> usize {
    let line = index.line_of_char(pos);
    let end = index.line_end(line);
    if pos >= end {
        return end;
    }
    index
        .slice(text, pos, end)
        .graphemes(true)
        .next()
        .map_or(end, |g| pos + g.chars().count())
}

/// Character offset of the grapheme boundary before `pos` within its line (or
/// the line start).
pub fn prev_grapheme(text: &str, index: &TextIndex, pos: usize) -> usize {
    let line = index.line_of_char(pos);
    let start = index.line_start(line);
    if pos <= start {
        return start;
    }
    index
        .slice(text, start, pos)
        .graphemes(true)
        .next_back()
        .map_or(start, |g| pos - g.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_steps_cross_lines() {
        let text = "Hi there, you.\nNext line";
        let idx = TextIndex::new(text);
        assert_eq!(next_word_start(text, &idx, 0), 3);
        assert_eq!(next_word_start(text, &idx, 10), 15);
        assert_eq!(prev_word_start(text, &idx, 15), 10);
        assert_eq!(prev_word_start(text, &idx, 4), 3);
        assert_eq!(next_word_end(text, &idx, 3), 8);
        assert_eq!(prev_word_end(text, &idx, 13, 0), 8);
        assert_eq!(prev_word_end(text, &idx, 2, 0), 0);
    }

    #[test]
    fn grapheme_steps_keep_marks_with_bases() {
        let text = "e\u{301}x\nb";
        let idx = TextIndex::new(text);
        assert_eq!(next_grapheme(text, &idx, 0), 2);
        assert_eq!(prev_grapheme(text, &idx, 2), 0);
        assert_eq!(next_grapheme(text, &idx, 3), 3);
        assert_eq!(prev_grapheme(text, &idx, 4), 4);
    }
}
