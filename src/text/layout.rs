//! A document laid out in visual rows for a given width, lazily: a row is
//! named by its line and its place among that line's rows (`RowPos`), and
//! only the lines an operation touches are wrapped. Drawing a screen, a
//! cursor move, `G` or a resize cost a screenful of wrapping whatever the
//! document's size; nothing ever lays out the whole text (a 50 MB transcript
//! took seconds to wrap at every width).

use super::TextIndex;
use super::wrap::{glyphs, wrap_line};

/// One visual row: a piece of one line, in absolute character offsets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VisualRow {
    /// 0-based line the row belongs to.
    pub line: usize,
    pub start: usize,
    pub end: usize,
    /// Is this the line's first row (where its number is shown)?
    pub first: bool,
}

/// Where a visual row is: its 0-based line and its 0-based place among that
/// line's rows. Ordered as the rows are shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RowPos {
    pub line: usize,
    pub sub: usize,
}

/// How a document is laid out: the text width. Rows are computed on demand.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DocLayout {
    pub width: usize,
}

impl DocLayout {
    pub fn new(width: usize) -> Self {
        DocLayout { width }
    }

    /// The rows of 0-based `line` (at least one).
    pub fn line_rows(&self, text: &str, index: &TextIndex, line: usize) -> Vec<VisualRow> {
        let start = index.line_start(line);
        wrap_line(index.line_text(text, line), self.width)
            .into_iter()
            .enumerate()
            .map(|(i, span)| VisualRow {
                line,
                start: start + span.start,
                end: start + span.end,
                first: i == 0,
            })
            .collect()
    }

    /// The row holding character `pos` (the last row of a line holds its end).
    pub fn row_of(&self, text: &str, index: &TextIndex, pos: usize) -> RowPos {
        let line = index.line_of_char(pos);
        let rows = self.line_rows(text, index, line);
        // An offset at a row's end belongs to the next row of the same line.
        let sub = rows.partition_point(|r| r.start <= pos).saturating_sub(1);
        RowPos { line, sub }
    }

    /// The row `at` itself, if the document has it.
    pub fn row(&self, text: &str, index: &TextIndex, at: RowPos) -> Option<VisualRow> {
        if at.line >= index.line_count() {
            return None;
        }
        self.line_rows(text, index, at.line).get(at.sub).copied()
    }

    /// The last row of the document.
    pub fn last_row(&self, text: &str, index: &TextIndex) -> RowPos {
        let line = index.line_count().saturating_sub(1);
        let sub = self.line_rows(text, index, line).len() - 1;
        RowPos { line, sub }
    }

    /// The row `delta` rows after `at` (before it when negative), or None
    /// when the document has no such row. Wraps only the lines it crosses.
    pub fn offset(
        &self,
        text: &str,
        index: &TextIndex,
        at: RowPos,
        delta: isize,
    ) -> Option<RowPos> {
        let lines = index.line_count();
        let mut line = at.line.min(lines.saturating_sub(1));
        let rows = |line| self.line_rows(text, index, line).len() as isize;
        let mut sub = (at.sub as isize).min(rows(line) - 1) + delta;
        while sub < 0 {
            line = line.checked_sub(1)?;
            sub += rows(line);
        }
        loop {
            let here = rows(line);
            if sub < here {
                return Some(RowPos {
                    line,
                    sub: sub as usize,
                });
            }
            sub -= here;
            line += 1;
            if line >= lines {
                return None;
            }
        }
    }

    /// As `offset`, but stopping at the first or last row.
    pub fn step(&self, text: &str, index: &TextIndex, at: RowPos, delta: isize) -> RowPos {
        self.offset(text, index, at, delta).unwrap_or_else(|| {
            if delta < 0 {
                RowPos::default()
            } else {
                self.last_row(text, index)
            }
        })
    }

    /// Up to `count` rows from `top` on, in order.
    pub fn rows_from(
        &self,
        text: &str,
        index: &TextIndex,
        top: RowPos,
        count: usize,
    ) -> Vec<VisualRow> {
        let mut out = Vec::with_capacity(count.min(256));
        let mut line = top.line;
        let mut skip = top.sub;
        while out.len() < count && line < index.line_count() {
            let rows = self.line_rows(text, index, line);
            let skip_here = skip.min(rows.len().saturating_sub(1));
            out.extend(rows.into_iter().skip(skip_here).take(count - out.len()));
            skip = 0;
            line += 1;
        }
        out
    }

    /// Rows from `from` down to `to` (0 when `to` is not below `from`),
    /// counting no further than `limit`.
    pub fn distance(
        &self,
        text: &str,
        index: &TextIndex,
        from: RowPos,
        to: RowPos,
        limit: usize,
    ) -> usize {
        if to <= from {
            return 0;
        }
        let mut counted = 0;
        let mut at = from;
        while at < to && counted < limit {
            match self.offset(text, index, at, 1) {
                Some(next) => at = next,
                None => break,
            }
            counted += 1;
        }
        counted
    }

    /// Display column of `pos` within its row.
    pub fn col_of(&self, text: &str, index: &TextIndex, pos: usize) -> usize {
        let Some(row) = self.row(text, index, self.row_of(text, index, pos)) else {
            return 0;
        };
        glyphs(index.slice(text, row.start, row.end), 0)
            .iter()
            .take_while(|g| row.start + g.char_offset < pos)
            .map(|g| g.width)
            .sum()
    }

    /// The offset of the grapheme shown at display column `col` of `row`
    /// (the last grapheme when the row is shorter).
    pub fn pos_at(&self, text: &str, index: &TextIndex, row: RowPos, col: usize) -> usize {
        let Some(r) = self.row(text, index, row) else {
            return index.char_len();
        };
        let mut x = 0;
        let mut last = r.start;
        for g in glyphs(index.slice(text, r.start, r.end), 0) {
            last = r.start + g.char_offset;
            if col < x + g.width {
                return last;
            }
            x += g.width;
        }
        last
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, sub: usize) -> RowPos {
        RowPos { line, sub }
    }

    #[test]
    fn offsets_map_to_rows_and_columns_and_back() {
        let text = "P1: 日本 is here\n\nsecond line";
        let index = TextIndex::new(text);
        let layout = DocLayout::new(8);
        let rows = layout.rows_from(text, &index, RowPos::default(), 99);
        let lines: Vec<usize> = rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [0, 0, 1, 2, 2]);
        let pos = text.chars().position(|c| c == '本').expect("present");
        let row = layout.row_of(text, &index, pos);
        assert_eq!(row, at(0, 0));
        assert_eq!(layout.col_of(text, &index, pos), 6);
        assert_eq!(layout.pos_at(text, &index, row, 6), pos);
        assert_eq!(layout.pos_at(text, &index, row, 7), pos);
        assert_eq!(layout.row_of(text, &index, index.line_start(1)), at(1, 0));
        assert_eq!(layout.row_of(text, &index, index.char_len()), at(2, 1));
        assert_eq!(layout.last_row(text, &index), at(2, 1));
    }

    #[test]
    fn steps_cross_lines_and_stop_at_the_ends() {
        let text = "P1: 日本 is here\n\nsecond line";
        let index = TextIndex::new(text);
        let layout = DocLayout::new(8);
        let first = RowPos::default();
        assert_eq!(layout.offset(text, &index, first, 1), Some(at(0, 1)));
        assert_eq!(layout.offset(text, &index, first, 2), Some(at(1, 0)));
        assert_eq!(layout.offset(text, &index, first, 4), Some(at(2, 1)));
        assert_eq!(layout.offset(text, &index, first, 5), None);
        assert_eq!(layout.offset(text, &index, at(2, 1), -4), Some(first));
        assert_eq!(layout.offset(text, &index, at(2, 0), -3), Some(first));
        assert_eq!(layout.offset(text, &index, at(2, 0), -4), None);
        assert_eq!(layout.step(text, &index, at(1, 0), 99), at(2, 1));
        assert_eq!(layout.step(text, &index, at(1, 0), -99), first);
        assert_eq!(layout.distance(text, &index, first, at(2, 1), 99), 4);
        assert_eq!(layout.distance(text, &index, first, at(2, 1), 2), 2);
        assert_eq!(layout.distance(text, &index, at(2, 1), first, 99), 0);
        // A row past a line's end (after a wider layout) counts as its last.
        assert_eq!(layout.offset(text, &index, at(1, 5), 1), Some(at(2, 0)));
    }

    /// Every row, walked one step at a time, is the row a whole layout of the
    /// text would have at that place: the lazy layout is the eager one.
    #[test]
    fn stepping_row_by_row_visits_every_row_in_order() {
        let text =
            "Interviewer: a long question that wraps over rows\n\nP1: 日本語 answer\tend\nshort";
        let index = TextIndex::new(text);
        for width in [1, 3, 8, 20, 80] {
            let layout = DocLayout::new(width);
            let all = layout.rows_from(text, &index, RowPos::default(), usize::MAX);
            let mut at = RowPos::default();
            for (i, row) in all.iter().enumerate() {
                assert_eq!(
                    layout.row(text, &index, at),
                    Some(*row),
                    "width {width} row {i}"
                );
                assert_eq!(layout.row_of(text, &index, row.start), at);
                if let Some(next) = layout.offset(text, &index, at, 1) {
                    at = next;
                } else {
                    assert_eq!(i, all.len() - 1);
                }
            }
            assert_eq!(at, layout.last_row(text, &index));
        }
    }
}
