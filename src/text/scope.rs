//! Auto-coding scope: the unit coded around each search hit (the match
//! itself, its sentence, its paragraph or its speaker turn), as MAXQDA and
//! NVivo offer. Pure range arithmetic in character offsets, shared by the
//! workbench's project search and `margin autocode`.

use super::{SpeakerTurn, TextIndex, turn_at};
use regex::Regex;
use unicode_segmentation::UnicodeSegmentation;

/// The unit coded around a hit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Scope {
    /// The matched characters only.
    #[default]
    Match,
    /// The sentence (or sentences) holding the hit, inside its paragraph.
    Sentence,
    /// The paragraph holding the hit. Paragraphs end at blank lines and at
    /// speaker labels, so one turn never swallows the next speaker's words.
    Paragraph,
    /// The speech of the speaker turn holding the hit, without the label.
    Turn,
}

impl Scope {
    pub const ALL: [Scope; 4] = [Scope::Match, Scope::Sentence, Scope::Paragraph, Scope::Turn];

    /// The name shown in pickers and messages.
    pub fn label(self) -> &'static str {
        match self {
            Scope::Match => "match",
            Scope::Sentence => "sentence",
            Scope::Paragraph => "paragraph",
            Scope::Turn => "speaker turn",
        }
    }

    /// Parses the command-line spelling: match, sentence, paragraph, turn.
    pub fn parse(name: &str) -> Option<Scope> {
        match name.trim().to_lowercase().as_str() {
            "match" => Some(Scope::Match),
            "sentence" => Some(Scope::Sentence),
            "paragraph" => Some(Scope::Paragraph),
            "turn" | "speaker turn" | "speaker-turn" => Some(Scope::Turn),
            _ => None,
        }
    }
}

/// What to code in one document: the merged passages, and how many hits
/// could not be expanded (outside any speaker's speech, for `Scope::Turn`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Passages {
    pub ranges: Vec<(usize, usize)>,
    pub skipped: usize,
}

/// Non-empty matches of `regex` in `text` as character ranges. Matches come
/// in order, so characters are counted forward from the last match (no
/// counting at all over ASCII); past a long gap the index finds the line.
pub fn regex_hits(text: &str, index: &TextIndex, regex: &Regex) -> Vec<(usize, usize)> {
    /// Gaps longer than this are crossed by the index, not counted.
    const COUNTED_GAP: usize = 4096;
    let bytes = text.as_bytes();
    let (mut at_byte, mut at_char) = (0, 0);
    let mut hits = Vec::new();
    for m in regex.find_iter(text) {
        if m.start() == m.end() {
            continue;
        }
        let start = if m.start() - at_byte > COUNTED_GAP {
            index.char_of_byte(text, m.start())
        } else {
            at_char + super::grep::chars_in(&bytes[at_byte..m.start()])
        };
        let end = start + super::grep::chars_in(m.as_str().as_bytes());
        hits.push((start, end));
        (at_byte, at_char) = (m.end(), end);
    }
    hits
}

/// Expands every hit to `scope`, keeps only hits spoken by `speaker` (when
/// given, compared without case) and merges overlapping expansions, so two
/// hits in one sentence become one coding, not two.
pub fn passages(
    text: &str,
    index: &TextIndex,
    turns: &[SpeakerTurn],
    hits: &[(usize, usize)],
    scope: Scope,
    speaker: Option<&str>,
) -> Passages {
    let mut out = Passages::default();
    let mut ranges = Vec::new();
    for &hit in hits {
        if let Some(name) = speaker {
            let spoken_by = turn_at(turns, hit.0)
                .is_some_and(|t| hit.0 >= t.speech_start && t.speaker.eq_ignore_ascii_case(name));
            if !spoken_by {
                continue;
            }
        }
        match expand(text, index, turns, hit, scope) {
            Some(range) => ranges.push(range),
            None => out.skipped += 1,
        }
    }
    out.ranges = merge(ranges);
    out
}

/// Sorts ranges and joins the overlapping ones. Ranges that only touch stay
/// apart: two adjacent matches are two passages.
pub fn merge(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        match out.last_mut() {
            Some(last) if start < last.1 => last.1 = last.1.max(end),
            _ => out.push((start, end)),
        }
    }
    out
}

/// The range coded around the hit `(start, end)`. It always contains the
/// hit and lies within the text. None for an empty or out-of-range hit, and,
/// for `Scope::Turn`, for a hit outside every turn's speech (a heading, a
/// speaker label).
pub fn expand(
    text: &str,
    index: &TextIndex,
    turns: &[SpeakerTurn],
    (start, end): (usize, usize),
    scope: Scope,
) -> Option<(usize, usize)> {
    if start >= end || end > index.char_len() {
        return None;
    }
    match scope {
        Scope::Match => Some((start, end)),
        Scope::Paragraph => Some(paragraph(text, index, turns, start, end)),
        Scope::Sentence => Some(sentence(text, index, turns, start, end)),
        Scope::Turn => turn(turns, start, end),
    }
}

/// True when `line` holds only whitespace.
fn is_blank(text: &str, index: &TextIndex, line: usize) -> bool {
    index
        .slice(text, index.line_start(line), index.line_end(line))
        .trim()
        .is_empty()
}

/// True when a speaker turn begins at the start of `line`.
fn starts_turn(turns: &[SpeakerTurn], index: &TextIndex, line: usize) -> bool {
    let pos = index.line_start(line);
    turns.binary_search_by_key(&pos, |t| t.start).is_ok()
}

fn paragraph(
    text: &str,
    index: &TextIndex,
    turns: &[SpeakerTurn],
    start: usize,
    end: usize,
) -> (usize, usize) {
    let mut first = index.line_of_char(start);
    let mut last = index.line_of_char(end - 1);
    while first > 0 && !is_blank(text, index, first - 1) && !starts_turn(turns, index, first) {
        first -= 1;
    }
    while last + 1 < index.line_count()
        && !is_blank(text, index, last + 1)
        && !starts_turn(turns, index, last + 1)
    {
        last += 1;
    }
    let paragraph = (index.line_start(first), index.line_end(last));
    // Code the words, not the label in front of them (unless the hit is in it).
    let words = super::without_labels(text, index, turns, paragraph);
    let paragraph = if start >= words.0 { words } else { paragraph };
    trim_around(text, index, paragraph, (start, end))
}

/// Shrinks `outer` by the whitespace at its ends, never past `hit`.
fn trim_around(
    text: &str,
    index: &TextIndex,
    (outer_start, outer_end): (usize, usize),
    (start, end): (usize, usize),
) -> (usize, usize) {
    let inner = index.slice(text, outer_start, outer_end);
    let lead = inner.chars().take_while(|c| c.is_whitespace()).count();
    let trail = inner
        .chars()
        .rev()
        .take_while(|c| c.is_whitespace())
        .count();
    let trimmed_start = (outer_start + lead).min(outer_end.saturating_sub(trail));
    let trimmed_end = outer_end.saturating_sub(trail).max(trimmed_start);
    (trimmed_start.min(start), trimmed_end.max(end))
}

fn sentence(
    text: &str,
    index: &TextIndex,
    turns: &[SpeakerTurn],
    start: usize,
    end: usize,
) -> (usize, usize) {
    let (para_start, para_end) = paragraph(text, index, turns, start, end);
    // Line breaks inside a paragraph are wrapping, not sentence ends; both
    // are one byte, so byte offsets stay those of the text.
    let flat = index.slice(text, para_start, para_end).replace('\n', " ");
    let mut bounds: Vec<(usize, usize)> = Vec::new();
    let mut offset = para_start;
    for piece in flat.split_sentence_bounds() {
        let len = piece.chars().count();
        bounds.push((offset, offset + len));
        offset += len;
    }
    let first = bounds
        .iter()
        .find(|b| b.1 > start)
        .map_or(para_start, |b| b.0);
    let last = bounds.iter().find(|b| b.1 >= end).map_or(para_end, |b| b.1);
    trim_around(text, index, (first, last), (start, end))
}

fn turn(turns: &[SpeakerTurn], start: usize, end: usize) -> Option<(usize, usize)> {
    let first = turn_at(turns, start).filter(|t| start >= t.speech_start)?;
    let last = turns[..turns.partition_point(|t| t.start < end)].last()?;
    (end <= last.end).then_some((first.speech_start, last.end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::speaker_turns;
    use proptest::prelude::*;

    const TEXT: &str = "Interview P1\n\nInterviewer: How long? And why?\nP1: About six years. You never know\nwhich one you'll get. Honestly.\n\nIt is hard. You never know.\nInterviewer: Thanks.\n";

    fn expanded(needle: &str, nth: usize, scope: Scope) -> Option<String> {
        let index = TextIndex::new(TEXT);
        let turns = speaker_turns(TEXT, &index);
        let byte = TEXT.match_indices(needle).nth(nth)?.0;
        let start = index.char_of_byte(TEXT, byte);
        let hit = (start, start + needle.chars().count());
        let (a, b) = expand(TEXT, &index, &turns, hit, scope)?;
        Some(index.slice(TEXT, a, b).to_string())
    }

    #[test]
    fn scopes_grow_from_match_to_turn() {
        let s = |scope| expanded("never know", 0, scope);
        assert_eq!(s(Scope::Match).as_deref(), Some("never know"));
        assert_eq!(
            s(Scope::Sentence).as_deref(),
            Some("You never know\nwhich one you'll get.")
        );
        assert_eq!(
            s(Scope::Paragraph).as_deref(),
            Some("About six years. You never know\nwhich one you'll get. Honestly.")
        );
        assert_eq!(
            s(Scope::Turn).as_deref(),
            Some(
                "About six years. You never know\nwhich one you'll get. Honestly.\n\nIt is hard. You never know."
            )
        );
        // The second paragraph of the same turn is a paragraph of its own.
        assert_eq!(
            expanded("never know", 1, Scope::Paragraph).as_deref(),
            Some("It is hard. You never know.")
        );
    }

    #[test]
    fn paragraphs_end_at_speaker_labels() {
        assert_eq!(
            expanded("How long", 0, Scope::Paragraph).as_deref(),
            Some("How long? And why?")
        );
        assert_eq!(
            expanded("why", 0, Scope::Sentence).as_deref(),
            Some("And why?")
        );
    }

    #[test]
    fn turns_skip_headings_and_labels() {
        assert_eq!(expanded("Interview P1", 0, Scope::Turn), None);
        assert_eq!(expanded("P1:", 0, Scope::Turn), None);
        // The heading is still a paragraph and a sentence.
        assert_eq!(
            expanded("P1", 0, Scope::Paragraph).as_deref(),
            Some("Interview P1")
        );
    }

    #[test]
    fn hits_in_one_unit_become_one_passage_and_speakers_filter() {
        let index = TextIndex::new(TEXT);
        let turns = speaker_turns(TEXT, &index);
        let re = Regex::new("(?i)you|how|interview").expect("valid");
        let hits = regex_hits(TEXT, &index, &re);
        let turn = passages(TEXT, &index, &turns, &hits, Scope::Turn, None);
        // Heading and two labels are skipped; two turns hold the rest.
        assert_eq!((turn.ranges.len(), turn.skipped), (2, 3), "{turn:?}");
        let p1 = passages(TEXT, &index, &turns, &hits, Scope::Sentence, Some("p1"));
        // "You" and "you'll" share a sentence: one passage, not two.
        assert_eq!(p1.ranges.len(), 2, "{p1:?}");
        assert_eq!(merge(vec![(5, 9), (0, 3), (3, 4), (2, 6)]), [(0, 9)]);
        assert_eq!(merge(vec![(0, 2), (2, 4)]), [(0, 2), (2, 4)]);
    }

    #[test]
    fn hits_count_characters_across_short_and_long_gaps() {
        let long = "ä".repeat(3000);
        let text = format!("日本 crack, crack\n{long} é crack\nü crack");
        let index = TextIndex::new(&text);
        let re = Regex::new("crack").expect("valid");
        let expected: Vec<(usize, usize)> = re
            .find_iter(&text)
            .map(|m| {
                (
                    text[..m.start()].chars().count(),
                    text[..m.end()].chars().count(),
                )
            })
            .collect();
        assert_eq!(expected.len(), 4);
        assert_eq!(regex_hits(&text, &index, &re), expected);
    }

    #[test]
    fn scope_names_parse() {
        for scope in Scope::ALL {
            assert_eq!(Scope::parse(scope.label()), Some(scope));
        }
        assert_eq!(Scope::parse("turn"), Some(Scope::Turn));
        assert_eq!(Scope::parse("chapter"), None);
    }

    fn transcript() -> impl Strategy<Value = String> {
        let line = prop_oneof![
            Just(String::new()),
            Just("  ".to_string()),
            "(Interviewer|P[1-9]|Dr Obi): [a-zé日 .?!]{0,30}",
            "[a-zé日 .?!\t]{1,30}",
        ];
        prop::collection::vec(line, 1..12).prop_map(|lines| lines.join("\n"))
    }

    proptest! {
        #[test]
        fn expansions_contain_the_hit_and_stay_in_bounds(
            text in transcript(),
            a in 0usize..400,
            len in 1usize..40,
            scope_index in 0usize..4,
        ) {
            let index = TextIndex::new(&text);
            let turns = speaker_turns(&text, &index);
            let n = index.char_len();
            prop_assume!(n > 0);
            let start = a % n;
            let end = (start + len).min(n);
            let scope = Scope::ALL[scope_index];
            let got = expand(&text, &index, &turns, (start, end), scope);
            if let Some((s, e)) = got {
                prop_assert!(s <= start && end <= e && e <= n, "{s}..{e} for {start}..{end}");
                if scope == Scope::Turn {
                    let t = turn_at(&turns, start).expect("a turn holds the hit");
                    prop_assert_eq!(s, t.speech_start);
                    prop_assert!(turns.iter().any(|t| t.end == e));
                    // A hit inside one turn's speech codes exactly that speech.
                    if end <= t.end {
                        prop_assert_eq!((s, e), (t.speech_start, t.end));
                    }
                }
            } else {
                prop_assert_eq!(scope, Scope::Turn);
            }
        }
    }
}
