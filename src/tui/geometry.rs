//! Where each pane goes for a terminal size. Shared by update (text width,
//! page size, mouse hits) and render, so the two always agree.

use super::app::Pane;
use ratatui::layout::{Constraint, Layout, Rect};

/// The screen's areas. A pane that has folded away is None.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Screen {
    pub transcript: Option<Rect>,
    pub codebook: Option<Rect>,
    pub themes: Option<Rect>,
    pub status: Rect,
}

/// Below this width only the focused pane is shown.
const FOLD_WIDTH: u16 = 60;

pub fn screen(area: Rect, focus: Pane) -> Screen {
    let [main, status] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    if area.width < FOLD_WIDTH {
        let mut s = Screen {
            transcript: None,
            codebook: None,
            themes: None,
            status,
        };
        match focus {
            Pane::Transcript => s.transcript = Some(main),
            Pane::Codebook => s.codebook = Some(main),
            Pane::Themes => s.themes = Some(main),
        }
        return s;
    }
    let side_width = if area.width >= 90 {
        (area.width / 3).clamp(30, 48)
    } else {
        26
    };
    let [left, side] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(side_width)]).areas(main);
    let [codebook, themes] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(side);
    Screen {
        transcript: Some(left),
        codebook: Some(codebook),
        themes: Some(themes),
        status,
    }
}

/// Columns of the transcript pane's inside: line numbers, text, stripes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TranscriptColumns {
    pub gutter: u16,
    pub text: u16,
    pub stripes: u16,
}

/// Splits the transcript's inner width (inside the border).
pub fn transcript_columns(inner_width: u16, line_count: usize) -> TranscriptColumns {
    let digits = line_count.max(1).to_string().len() as u16;
    let gutter = digits + 1;
    let stripes = if inner_width >= 70 {
        12
    } else if inner_width >= 40 {
        7
    } else {
        0
    };
    // One space between text and stripes.
    let text = inner_width
        .saturating_sub(gutter + stripes + u16::from(stripes > 0))
        .max(1);
    TranscriptColumns {
        gutter,
        text,
        stripes,
    }
}

/// Inside of a bordered pane.
pub fn inner(area: Rect) -> Rect {
    Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    }
}

/// The transcript text width and height for a terminal size.
pub fn transcript_text_size(size: (u16, u16), line_count: usize) -> (usize, usize) {
    let area = Rect::new(0, 0, size.0, size.1);
    // The transcript's width does not depend on which pane has the focus,
    // unless the screen is folded, where it takes the whole width.
    let rect = screen(area, Pane::Transcript).transcript.unwrap_or(area);
    let inner = inner(rect);
    let cols = transcript_columns(inner.width, line_count);
    (usize::from(cols.text), usize::from(inner.height.max(1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_panes_at_80_by_24_and_folded_when_narrow() {
        let s = screen(Rect::new(0, 0, 80, 24), Pane::Transcript);
        assert!(s.transcript.is_some() && s.codebook.is_some() && s.themes.is_some());
        assert_eq!(s.status.y, 23);
        let narrow = screen(Rect::new(0, 0, 50, 20), Pane::Codebook);
        assert!(narrow.transcript.is_none() && narrow.codebook.is_some());
        let cols = transcript_columns(52, 300);
        assert_eq!(cols.gutter + cols.text + cols.stripes + 1, 52);
    }
}
