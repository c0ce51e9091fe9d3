//! Soft wrapping by display width. A transcript line becomes one or more
//! visual rows; each row is a run of whole grapheme clusters whose display
//! width fits the pane. Wide CJK characters and emoji take two cells, combining
//! marks stay with their base, tabs expand to the next tab stop of the row, and
//! control characters are shown as a visible replacement so they can never move
//! the terminal cursor.

use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Columns between tab stops.
pub const TAB_WIDTH: usize = 4;

/// One grapheme cluster as it is drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Glyph<'a> {
    /// Offset of the cluster's first character, counted in characters from the
    /// start of the text given to `glyphs`.
    pub char_offset: usize,
    /// How many characters (Unicode scalar values) the cluster holds.
    pub chars: usize,
    /// Cells it occupies (at least 1).
    pub width: usize,
    /// What to put in the cells: the cluster itself, or a safe stand-in.
    pub symbol: Cow<'a, str>,
    /// Is the cluster whitespace (a place to break a row)?
    pub is_space: bool,
}

/// A visual row of one line, in character offsets relative to the line start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RowSpan {
    pub start: usize,
    pub end: usize,
}

/// The glyphs of `text` laid out from column `start_col`, in order.
pub fn glyphs(text: &str, start_col: usize) -> Vec<Glyph<'_>> {
    let mut out = Vec::new();
    let mut col = start_col;
    let mut char_offset = 0;
    for cluster in text.graphemes(true) {
        let glyph = glyph_at(cluster, char_offset, col);
        col += glyph.width;
        char_offset += glyph.chars;
        out.push(glyph);
    }
    out
}

/// How one cluster is drawn when it starts at column `col`.
fn glyph_at(cluster: &str, char_offset: usize, col: usize) -> Glyph<'_> {
    let chars = cluster.chars().count();
    let first = cluster.chars().next().unwrap_or(' ');
    let (width, symbol): (usize, Cow<'_, str>) = if cluster == "\t" {
        let width = TAB_WIDTH - col % TAB_WIDTH;
        (width, Cow::Owned(" ".repeat(width)))
    } else if first.is_control() {
        // Carriage returns, escapes, NULs: shown, never sent raw to the terminal.
        (1, Cow::Borrowed("\u{fffd}"))
    } else {
        match cluster.width() {
            0 if first.is_whitespace() || is_format_char(first) => (1, Cow::Borrowed(" ")),
            // A mark with no base: draw it on a dotted circle, as typesetters do.
            0 => (1, Cow::Owned(format!("\u{25cc}{cluster}"))),
            w => (w, Cow::Borrowed(cluster)),
        }
    };
    Glyph {
        char_offset,
        chars,
        width,
        symbol,
        is_space: first.is_whitespace(),
    }
}

/// Zero-width joiners, zero-width spaces, byte-order marks and the like.
fn is_format_char(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

/// Splits one line (without its newline) into rows of at most `width` cells,
/// breaking after whitespace where it can and inside a word only when a word
/// is wider than the row. An empty line gives one empty row. A single cluster
/// wider than `width` gets a row of its own.
pub fn wrap_line(line: &str, width: usize) -> Vec<RowSpan> {
    let width = width.max(1);
    let clusters: Vec<(usize, &str)> = {
        let mut offset = 0;
        line.graphemes(true)
            .map(|g| {
                let at = offset;
                offset += g.chars().count();
                (at, g)
            })
            .collect()
    };
    let total_chars = clusters.last().map_or(0, |(at, g)| at + g.chars().count());
    let mut rows = Vec::new();
    let mut row_first = 0; // index into clusters
    while row_first < clusters.len() {
        let mut col = 0;
        let mut last_break: Option<usize> = None; // cluster index after a space
        let mut next = row_first;
        let mut end = clusters.len();
        while next < clusters.len() {
            let (at, cluster) = clusters[next];
            let glyph = glyph_at(cluster, at, col);
            // Trailing spaces may hang past the edge: breaking there costs nothing.
            if col + glyph.width > width && next > row_first && !glyph.is_space {
                end = match last_break {
                    Some(b) if b > row_first => b,
                    _ => next,
                };
                break;
            }
            col += glyph.width;
            next += 1;
            if glyph.is_space {
                last_break = Some(next);
            }
        }
        let start_char = clusters[row_first].0;
        let end_char = clusters.get(end).map_or(total_chars, |(at, _)| *at);
        rows.push(RowSpan {
            start: start_char,
            end: end_char,
        });
        row_first = end;
    }
    if rows.is_empty() {
        rows.push(RowSpan { start: 0, end: 0 });
    }
    rows
}

/// Total display width of `text` laid out from column 0.
pub fn display_width(text: &str) -> usize {
    glyphs(text, 0).iter().map(|g| g.width).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rows_of(line: &str, width: usize) -> Vec<String> {
        let chars: Vec<char> = line.chars().collect();
        wrap_line(line, width)
            .iter()
            .map(|r| chars[r.start..r.end].iter().collect())
            .collect()
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(
            rows_of("you never know which one", 10),
            ["you never ", "know which ", "one"]
        );
        assert_eq!(rows_of("", 10), [""]);
    }

    #[test]
    fn breaks_long_words_and_keeps_wide_chars_whole() {
        assert_eq!(rows_of("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        // Each CJK character is two cells wide: two fit in five cells.
        assert_eq!(rows_of("日本語です", 5), ["日本", "語で", "す"]);
        // Wider than the row: gets a row of its own instead of looping forever.
        assert_eq!(rows_of("日本", 1), ["日", "本"]);
    }

    #[test]
    fn combining_marks_stay_with_their_base() {
        let line = "cafe\u{301} cafe\u{301}";
        let rows = rows_of(line, 4);
        assert_eq!(rows, ["cafe\u{301} ", "cafe\u{301}"]);
        let g = glyphs("e\u{301}", 0);
        assert_eq!(g.len(), 1);
        assert_eq!((g[0].chars, g[0].width), (2, 1));
    }

    #[test]
    fn tabs_expand_to_stops_and_controls_are_replaced() {
        let g = glyphs("a\tb\u{1b}", 0);
        assert_eq!(g[1].width, TAB_WIDTH - 1);
        assert_eq!(g[3].symbol, "\u{fffd}");
        assert_eq!(display_width("a\tb"), TAB_WIDTH + 1);
        let emoji = glyphs("👩‍🔬", 0);
        assert_eq!((emoji.len(), emoji[0].width), (1, 2));
    }

    proptest! {
        #[test]
        fn rows_cover_the_line_and_fit(line in "[a-z 日é\u{301}\t👍]{0,60}", width in 1usize..30) {
            let rows = wrap_line(&line, width);
            let chars: Vec<char> = line.chars().collect();
            prop_assert_eq!(rows[0].start, 0);
            prop_assert_eq!(rows.last().map(|r| r.end), Some(chars.len()));
            for pair in rows.windows(2) {
                prop_assert_eq!(pair[0].end, pair[1].start);
                prop_assert!(pair[0].start < pair[0].end);
            }
            for row in &rows {
                let text: String = chars[row.start..row.end].iter().collect();
                let cells: Vec<Glyph> = glyphs(&text, 0);
                let visible: usize = cells
                    .iter()
                    .rev()
                    .skip_while(|g| g.is_space)
                    .map(|g| g.width)
                    .sum();
                prop_assert!(visible <= width || cells.len() == 1 || cells.iter().filter(|g| !g.is_space).count() == 1,
                    "row {:?} is {} wide at width {}", text, visible, width);
            }
        }
    }
}
