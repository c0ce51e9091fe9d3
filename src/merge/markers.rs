//! Conflicts written into a file as git writes them, line-wise:
//!
//! ```text
//! <<<<<<< ours
//!         description: "what ours says",
//! =======
//!         description: "what theirs says",
//! >>>>>>> theirs
//! ```
//!
//! The merge renders the whole file once with every conflict resolved to our
//! side and once to theirs; the two texts differ only where the conflicts
//! are, and a line diff between them gives the smallest blocks. Keeping
//! either side of every block gives a file margin can read; git, editors and
//! `git checkout --ours/--theirs` all know the markers, and the loader names
//! the first marker line of a file as `file:line:col: unresolved merge
//! conflict`.

use super::value::Side;
pub use crate::text::markers::first_marker;

pub const OURS: &str = "<<<<<<< ours";
pub const SEPARATOR: &str = "=======";
pub const THEIRS: &str = ">>>>>>> theirs";

/// Above this many differing lines the diff gives up on finding a smallest
/// set of blocks and marks the whole differing middle as one block.
const MAX_EDITS: usize = 1000;

/// `ours` and `theirs` merged with a conflict block wherever they differ.
pub fn with_markers(ours: &str, theirs: &str) -> String {
    let a: Vec<&str> = ours.lines().collect();
    let b: Vec<&str> = theirs.lines().collect();
    let mut out = String::with_capacity(ours.len() + theirs.len() / 4);
    let (mut i, mut j) = (0, 0);
    for (ai, bj) in matching_lines(&a, &b) {
        push_block(&mut out, &a[i..ai], &b[j..bj]);
        out.push_str(a[ai]);
        out.push('\n');
        (i, j) = (ai + 1, bj + 1);
    }
    push_block(&mut out, &a[i..], &b[j..]);
    out
}

/// `ours` and `theirs` merged with one conflict block from their first
/// differing line to their last: for a merge with one logical conflict, so
/// that it is one choice even where it shows in two places of the file (a
/// code moved to two different themes: taken out of one, put into another).
pub fn as_one_block(ours: &str, theirs: &str) -> String {
    let a: Vec<&str> = ours.lines().collect();
    let b: Vec<&str> = theirs.lines().collect();
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let mut out = String::with_capacity(ours.len() + theirs.len() / 4);
    for line in &a[..head] {
        out.push_str(line);
        out.push('\n');
    }
    push_block(&mut out, &a[head..a.len() - tail], &b[head..b.len() - tail]);
    for line in &a[a.len() - tail..] {
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn push_block(out: &mut String, ours: &[&str], theirs: &[&str]) {
    if ours.is_empty() && theirs.is_empty() {
        return;
    }
    for (marker, lines) in [(OURS, ours), (SEPARATOR, theirs)] {
        out.push_str(marker);
        out.push('\n');
        for line in lines {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push_str(THEIRS);
    out.push('\n');
}

/// Pairs (i, j) of equal lines of a and b in a longest common subsequence,
/// by Myers' O((N+M)D) algorithm after trimming the common prefix and suffix.
fn matching_lines(a: &[&str], b: &[&str]) -> Vec<(usize, usize)> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let mid_a = &a[prefix..a.len() - suffix];
    let mid_b = &b[prefix..b.len() - suffix];
    let mut pairs: Vec<(usize, usize)> = (0..prefix).map(|i| (i, i)).collect();
    for (x, y) in myers(mid_a, mid_b).unwrap_or_default() {
        pairs.push((prefix + x, prefix + y));
    }
    let (tail_a, tail_b) = (a.len() - suffix, b.len() - suffix);
    pairs.extend((0..suffix).map(|k| (tail_a + k, tail_b + k)));
    pairs
}

/// The matching lines of a shortest edit script, or None past `MAX_EDITS`.
fn myers(a: &[&str], b: &[&str]) -> Option<Vec<(usize, usize)>> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = (a.len() + b.len()).min(MAX_EDITS) as isize;
    let offset = max + 1;
    let mut v = vec![0isize; 2 * max as usize + 3];
    let mut trace: Vec<Vec<isize>> = Vec::new();
    let at = |k: isize| (k + offset) as usize;
    let mut found = None;
    'search: for d in 0..=max {
        trace.push(v.clone());
        let mut k = -d;
        while k <= d {
            let mut x = if k == -d || (k != d && v[at(k - 1)] < v[at(k + 1)]) {
                v[at(k + 1)]
            } else {
                v[at(k - 1)] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[at(k)] = x;
            if x >= n && y >= m {
                found = Some(d);
                break 'search;
            }
            k += 2;
        }
    }
    let depth = found?;
    let mut pairs = Vec::new();
    let (mut x, mut y) = (n, m);
    for d in (1..=depth).rev() {
        let v = &trace[d as usize];
        let k = x - y;
        let prev_k = if k == -d || (k != d && v[at(k - 1)] < v[at(k + 1)]) {
            k + 1
        } else {
            k - 1
        };
        let prev_x = v[at(prev_k)];
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            x -= 1;
            y -= 1;
            pairs.push((x as usize, y as usize));
        }
        (x, y) = (prev_x, prev_y);
    }
    while x > 0 && y > 0 {
        x -= 1;
        y -= 1;
        pairs.push((x as usize, y as usize));
    }
    pairs.reverse();
    Some(pairs)
}

/// One conflict block found in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// 1-based line of the `<<<<<<<` marker.
    pub line: usize,
    pub ours: String,
    pub theirs: String,
}

/// The conflict blocks of a text, in order. A block left open at the end of
/// the text is reported with what it has.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut current: Option<(Block, bool)> = None; // (block, past the separator?)
    for (n, line) in text.lines().enumerate() {
        if line.starts_with("<<<<<<<") {
            current = Some((
                Block {
                    line: n + 1,
                    ours: String::new(),
                    theirs: String::new(),
                },
                false,
            ));
        } else if let Some((block, past)) = current.as_mut() {
            if line.starts_with(SEPARATOR) && !*past {
                *past = true;
            } else if line.starts_with(">>>>>>>") {
                if let Some((block, _)) = current.take() {
                    out.push(block);
                }
            } else {
                let part = if *past {
                    &mut block.theirs
                } else {
                    &mut block.ours
                };
                part.push_str(line);
                part.push('\n');
            }
        }
    }
    out.extend(current.map(|(block, _)| block));
    out
}

/// The text with every conflict block replaced by one side of it.
pub fn resolve(text: &str, side: Side) -> String {
    let mut out = String::with_capacity(text.len());
    let mut state: Option<bool> = None; // Some(past separator?) inside a block
    for line in text.lines() {
        match state {
            None if line.starts_with("<<<<<<<") => state = Some(false),
            None => {
                out.push_str(line);
                out.push('\n');
            }
            Some(false) if line.starts_with(SEPARATOR) => state = Some(true),
            Some(_) if line.starts_with(">>>>>>>") => state = None,
            Some(past) => {
                if past == (side == Side::Theirs) {
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_cover_only_the_differing_lines() {
        let ours = "a\nb\nc\nd\ne\n";
        let theirs = "a\nB\nc\nd\nE\nf\n";
        let merged = with_markers(ours, theirs);
        assert_eq!(
            merged,
            "a\n<<<<<<< ours\nb\n=======\nB\n>>>>>>> theirs\nc\nd\n<<<<<<< ours\ne\n=======\nE\nf\n>>>>>>> theirs\n"
        );
        assert_eq!(resolve(&merged, Side::Ours), ours);
        assert_eq!(resolve(&merged, Side::Theirs), theirs);
        let found = blocks(&merged);
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].line, found[0].ours.as_str()), (2, "b\n"));
        assert_eq!(first_marker(&merged), Some(2));
    }

    #[test]
    fn insertions_and_deletions_in_the_middle() {
        let ours = "x\n1\n2\n3\ny\n";
        let theirs = "x\n1\n3\n4\ny\n";
        let merged = with_markers(ours, theirs);
        assert_eq!(resolve(&merged, Side::Ours), ours);
        assert_eq!(resolve(&merged, Side::Theirs), theirs);
        assert_eq!(blocks(&merged).len(), 2);
    }

    #[test]
    fn equal_texts_have_no_markers() {
        assert_eq!(with_markers("a\nb\n", "a\nb\n"), "a\nb\n");
        assert_eq!(first_marker("a\nb\n"), None);
    }
}
