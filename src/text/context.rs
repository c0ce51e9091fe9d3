//! Keyword in context: a search hit shown with the words around it, so that
//! a list of hits can be judged (and auto-coded) without opening each one.

use unicode_width::UnicodeWidthChar;

/// The hit with as much of the text `before` and `after` it as fits in
/// `width` display columns: whitespace collapsed to single spaces, the left
/// side cut from its start and the right side from its end, "…" marking a
/// cut. Returns (left, hit, right); the hit itself is cut only when it alone
/// is wider than `width`.
pub fn keyword_in_context(
    before: &str,
    hit: &str,
    after: &str,
    width: usize,
) -> (String, String, String) {
    let hit = collapse(hit);
    let hit_width = columns(&hit);
    if hit_width >= width {
        return (String::new(), take_front(&hit, width), String::new());
    }
    let room = width - hit_width;
    let left = collapse(before);
    let right = collapse(after);
    // Half the room each; a side that needs less gives the rest to the other.
    let left_room = (room / 2).max(room.saturating_sub(columns(&right)));
    let left = take_back(&left, left_room);
    let right = take_front(&right, room - columns(&left));
    (left, hit, right)
}

fn columns(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Every run of whitespace becomes one space; ends keep a single space so
/// the hit stays apart from its neighbours.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The end of `s` in at most `width` columns, "…" first when cut.
fn take_back(s: &str, width: usize) -> String {
    if columns(s) <= width {
        return s.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1; // the "…"
    for c in s.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        kept.push(c);
    }
    if width == 0 {
        return String::new();
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// The start of `s` in at most `width` columns, "…" last when cut.
fn take_front(s: &str, width: usize) -> String {
    if columns(s) <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 1;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::keyword_in_context;

    #[test]
    fn the_hit_sits_between_its_neighbours_within_the_width() {
        let (l, h, r) = keyword_in_context("they call it a\n", "speedball", " and it is", 40);
        assert_eq!(
            (l.as_str(), h.as_str(), r.as_str()),
            ("they call it a ", "speedball", " and it is")
        );
        let (l, h, r) = keyword_in_context(
            "one two three four five ",
            "hit",
            " six seven eight nine",
            15,
        );
        assert_eq!(h, "hit");
        assert_eq!(l, "…five ");
        assert_eq!(r, " six …");
        assert_eq!(format!("{l}{h}{r}").chars().count(), 15);
    }

    #[test]
    fn a_short_side_gives_its_room_to_the_other_and_wide_text_fits() {
        let (l, _, r) = keyword_in_context("a long stretch of words before", "hit", "", 20);
        assert_eq!(r, "");
        assert_eq!(l, "… of words before");
        let (l, h, r) = keyword_in_context("中文中文中文", "😀", "", 7);
        assert_eq!((l.as_str(), h.as_str(), r.as_str()), ("…中文", "😀", ""));
        let (_, h, _) = keyword_in_context("", "a very long hit indeed", "", 6);
        assert_eq!(h, "a ver…");
    }
}
