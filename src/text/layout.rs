//! A whole document laid out in visual rows for a given width, and the
//! mapping between character offsets and (row, display column) that cursor
//! motions and mouse clicks need.

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

/// The visual rows of a document at one width.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocLayout {
    pub width: usize,
    pub rows: Vec<VisualRow>,
}

impl DocLayout {
    pub fn new(text: &str, index: &TextIndex, width: usize) -> Self {
        let mut rows = Vec::with_capacity(index.line_count());
        for line in 0..index.line_count() {
            let start = index.line_start(line);
            let end = index.line_end(line);
            for (i, span) in wrap_line(index.slice(text, start, end), width)
                .into_iter()
                .enumerate()
            {
                rows.push(VisualRow {
                    line,
                    start: start + span.start,
                    end: start + span.end,
                    first: i == 0,
                });
            }
        }
        DocLayout { width, rows }
    }

    /// The row holding character `pos` (the last row of a line holds its end).
    pub fn row_of(&self, pos: usize) -> usize {
        let i = self.rows.partition_point(|r| r.start <= pos);
        let i = i.saturating_sub(1);
        // An offset at a row's end belongs to the next row of the same line.
        match self.rows.get(i + 1) {
            Some(next) if next.start == pos && next.line == self.rows[i].line => i + 1,
            _ => i,
        }
    }

    /// Display column of `pos` within its row.
    pub fn col_of(&self, text: &str, index: &TextIndex, pos: usize) -> usize {
        let Some(row) = self.rows.get(self.row_of(pos)) else {
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
    pub fn pos_at(&self, text: &str, index: &TextIndex, row: usize, col: usize) -> usize {
        let Some(r) = self.rows.get(row) else {
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

    #[test]
    fn offsets_map_to_rows_and_columns_and_back() {
        let text = "P1: 日本 is here\n\nsecond line";
        let index = TextIndex::new(text);
        let layout = DocLayout::new(text, &index, 8);
        let lines: Vec<usize> = layout.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [0, 0, 1, 2, 2]);
        let pos = text.chars().position(|c| c == '本').expect("present");
        let row = layout.row_of(pos);
        assert_eq!(row, 0);
        assert_eq!(layout.col_of(text, &index, pos), 6);
        assert_eq!(layout.pos_at(text, &index, row, 6), pos);
        assert_eq!(layout.pos_at(text, &index, row, 7), pos);
        assert_eq!(layout.row_of(index.line_start(1)), 2);
        assert_eq!(layout.row_of(index.char_len()), 4);
    }
}
