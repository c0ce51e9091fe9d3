//! Conflict blocks git leaves in a text after a merge it could not finish:
//!
//! ```text
//! <<<<<<< ours
//!         description: "what ours says",
//! =======
//!         description: "what theirs says",
//! >>>>>>> theirs
//! ```
//!
//! Finding them is a matter of text, so it lives here: the loader names
//! them (`file:line:col: unresolved merge conflict`) without knowing how a
//! merge is made, and the resolver (`merge::conflicts`) decides them.

/// The 1-based line of the first conflict marker in a text, if any.
pub fn first_marker(text: &str) -> Option<usize> {
    // Nearly every file holds neither marker anywhere: two SIMD searches
    // say so without walking its lines (every codings file is asked).
    let bytes = text.as_bytes();
    if memchr::memmem::find(bytes, b"<<<<<<<").is_none()
        && memchr::memmem::find(bytes, b">>>>>>>").is_none()
    {
        return None;
    }
    text.lines()
        .position(|l| l.starts_with("<<<<<<<") || l.starts_with(">>>>>>>"))
        .map(|n| n + 1)
}

/// How many lines before a block are kept to show what it is about.
const CONTEXT_LINES: usize = 3;

/// One conflict block of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// 1-based line of the `<<<<<<<` marker.
    pub line: usize,
    /// The lines just before the block (the code or theme it belongs to).
    pub context: Vec<String>,
    pub ours: String,
    pub theirs: String,
}

/// Where a line is inside a conflict block.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Outside,
    Ours,
    /// The common ancestor's lines of a diff3-style block: never kept.
    Base,
    Theirs,
}

/// The part a marker line starts, or None for an ordinary line.
pub fn marker(line: &str, part: Part) -> Option<Part> {
    match part {
        Part::Outside if line.starts_with("<<<<<<<") => Some(Part::Ours),
        Part::Ours if line.starts_with("|||||||") => Some(Part::Base),
        Part::Ours | Part::Base if line.starts_with("=======") => Some(Part::Theirs),
        Part::Theirs if line.starts_with(">>>>>>>") => Some(Part::Outside),
        _ => None,
    }
}

/// The conflict blocks of a text, with their context lines. A block left
/// open at the end of the text is reported with what it has.
pub fn conflicts_in(text: &str) -> Vec<Conflict> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<Conflict> = Vec::new();
    let mut part = Part::Outside;
    for (n, line) in lines.iter().enumerate() {
        if let Some(next) = marker(line, part) {
            if part == Part::Outside {
                let from = n.saturating_sub(CONTEXT_LINES);
                out.push(Conflict {
                    line: n + 1,
                    context: lines[from..n].iter().map(|l| l.to_string()).collect(),
                    ours: String::new(),
                    theirs: String::new(),
                });
            }
            part = next;
            continue;
        }
        let Some(current) = out.last_mut() else {
            continue;
        };
        let side = match part {
            Part::Ours => &mut current.ours,
            Part::Theirs => &mut current.theirs,
            Part::Outside | Part::Base => continue,
        };
        side.push_str(line);
        side.push('\n');
    }
    out
}
