//! Speaker turns. A turn starts at a line like `Interviewer: ...`, `P3: ...`,
//! `INT: ...` or `[00:01:02] Name: ...`, and runs until the next such line.

use super::TextIndex;
use regex::Regex;
use std::sync::OnceLock;

/// One speaker turn, in character offsets. `speech_start` is where the words
/// begin, after the label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpeakerTurn {
    pub speaker: String,
    pub start: usize,
    pub speech_start: usize,
    pub end: usize,
}

fn label_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        // Optional timestamp, then a name of at most four words, then a colon and
        // a space (or end of line). The first word begins with a letter, later
        // words with a capital or a digit ("Dr Amara Obi", "Participant 3"), so
        // prose such as "Note that: ..." is not taken for a speaker.
        Regex::new(
            r"^(?:\[\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\]\s*)?(\p{L}[\p{L}\p{N}.'\-]*(?: [\p{Lu}\p{N}][\p{L}\p{N}.'\-]*){0,3}):(?:[ \t]+|$)",
        )
        .expect("speaker pattern is valid")
    })
}

/// Finds the speaker turns of a transcript. Text before the first label (a
/// heading, say) belongs to no turn.
pub fn speaker_turns(text: &str, index: &TextIndex) -> Vec<SpeakerTurn> {
    let pattern = label_pattern();
    let mut turns: Vec<SpeakerTurn> = Vec::new();
    for line in 0..index.line_count() {
        let start = index.line_start(line);
        let end = index.line_end(line);
        let line_text = index.slice(text, start, end);
        let Some(caps) = pattern.captures(line_text) else {
            continue;
        };
        let whole = caps.get(0).map_or(0, |m| m.end());
        let speaker = caps.get(1).map_or("", |m| m.as_str()).to_string();
        if let Some(last) = turns.last_mut() {
            last.end = trim_end(text, index, last.speech_start, start);
        }
        turns.push(SpeakerTurn {
            speaker,
            start,
            speech_start: start + line_text[..whole].chars().count(),
            end: index.char_len(),
        });
    }
    if let Some(last) = turns.last_mut() {
        last.end = trim_end(text, index, last.speech_start, index.char_len());
    }
    turns
}

/// Moves `end` back over trailing whitespace, but not before `floor`.
fn trim_end(text: &str, index: &TextIndex, floor: usize, end: usize) -> usize {
    let trimmed = index.slice(text, floor, end).trim_end();
    floor + trimmed.chars().count()
}

/// The turn containing character `pos`, if any.
pub fn turn_at(turns: &[SpeakerTurn], pos: usize) -> Option<&SpeakerTurn> {
    let i = turns.partition_point(|t| t.start <= pos);
    turns[..i].last().filter(|t| pos <= t.end)
}

/// `range` with the speaker labels at its ends left out, the one rule every
/// way of choosing a passage follows (line selections, in-vivo names, scopes,
/// `apply --lines`): a range starting on `P1: ` starts at the words, and one
/// running into the next turn's label ends before it, trailing whitespace
/// trimmed. A range of nothing but a label is returned as it was.
pub fn without_labels(
    text: &str,
    index: &TextIndex,
    turns: &[SpeakerTurn],
    (start, end): (usize, usize),
) -> (usize, usize) {
    let mut from = start;
    if let Some(t) = turn_at(turns, start).filter(|t| start < t.speech_start) {
        from = t.speech_start;
    }
    let mut to = end;
    let i = turns.partition_point(|t| t.start < end);
    if let Some(t) = turns[..i].last().filter(|t| end <= t.speech_start) {
        to = trim_end(text, index, from.min(t.start), t.start);
    }
    if from < to { (from, to) } else { (start, end) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn turns_of(text: &str) -> Vec<SpeakerTurn> {
        speaker_turns(text, &TextIndex::new(text))
    }

    #[test]
    fn recognises_common_labels() {
        let text = "Title line\nInterviewer: How long?\nP3: About six years.\nStill there.\nINT: OK.\n[00:01:02] Dr Amara Obi: Yes.\n";
        let turns = turns_of(text);
        let names: Vec<_> = turns.iter().map(|t| t.speaker.as_str()).collect();
        assert_eq!(names, ["Interviewer", "P3", "INT", "Dr Amara Obi"]);
        let second = &turns[1];
        let chars: Vec<char> = text.chars().collect();
        let speech: String = chars[second.speech_start..second.end].iter().collect();
        assert_eq!(speech, "About six years.\nStill there.");
        assert_eq!(turn_at(&turns, second.speech_start + 3), Some(second));
        assert_eq!(turn_at(&turns, 2), None);
    }

    fn chars(text: &str, (a, b): (usize, usize)) -> String {
        text.chars().skip(a).take(b - a).collect()
    }

    #[test]
    fn labels_are_left_out_at_both_ends_of_a_range() {
        let text = "P1: A lot of reasons.\nInterviewer: Why?\nP1: Money.\n";
        let index = TextIndex::new(text);
        let turns = turns_of(text);
        let line = |n| (index.line_start(n), index.line_end(n));
        // The first line as V selects it.
        let r = without_labels(text, &index, &turns, line(0));
        assert_eq!(chars(text, r), "A lot of reasons.");
        // Two lines: starts at the words; the label inside stays.
        let r = without_labels(text, &index, &turns, (line(0).0, line(1).1));
        assert_eq!(chars(text, r), "A lot of reasons.\nInterviewer: Why?");
        // A range running into the next label ends before it.
        let into_label = index.line_start(2) + 2;
        let r = without_labels(text, &index, &turns, (4, into_label));
        assert_eq!(chars(text, r), "A lot of reasons.\nInterviewer: Why?");
        // Words alone are untouched; a bare label is kept as chosen.
        assert_eq!(without_labels(text, &index, &turns, (4, 9)), (4, 9));
        assert_eq!(without_labels(text, &index, &turns, (0, 3)), (0, 3));
    }

    #[test]
    fn ignores_prose_with_colons() {
        let turns = turns_of("This is a long sentence with words: and more\nNote that: no\n");
        assert!(turns.is_empty(), "{turns:?}");
    }
}
