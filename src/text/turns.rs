//! Speaker turns. A turn starts at a line like `Interviewer: ...`, `P3: ...`,
//! `INT: ...`, `[00:01:02] Dr Amara Obi: ...`, `Jane Smith (Nurse): ...` or,
//! in Markdown, `**Jane:** ...`, and runs until the next such line.
//!
//! Not every `Word:` line is a speaker. A label is taken for one when
//! - it is not a word transcripts use for notes and headers (`Note:`,
//!   `Time: 10am`, `Date:`, `Location:`... see `NOT_SPEAKERS`), and
//! - it recurs in the document (people in a conversation speak more than
//!   once), or it comes after the dialogue has begun, or what follows it
//!   reads as speech: a label seen once before the first recurring one,
//!   followed by a short value rather than a sentence, is a header line
//!   (`Site: Leeds`), while `Interviewer: How did you start?` stays a turn.
//!   A document where no label recurs keeps every label.

use super::TextIndex;
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// One speaker turn, in character offsets. `speech_start` is where the words
/// begin, after the label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpeakerTurn {
    pub speaker: String,
    /// The role in parentheses after the name (`Jane Smith (Nurse):`), if any.
    pub role: Option<String>,
    pub start: usize,
    pub speech_start: usize,
    pub end: usize,
}

/// Labels that head notes, times and metadata rather than anyone's words
/// (compared without case).
pub const NOT_SPEAKERS: &[&str] = &[
    "note",
    "notes",
    "nb",
    "time",
    "date",
    "day",
    "location",
    "place",
    "site",
    "setting",
    "duration",
    "length",
    "transcript",
    "transcriber",
    "transcribed by",
    "transcription",
    "interview",
    "comment",
    "comments",
    "context",
    "present",
    "attendees",
    "title",
    "source",
    "summary",
    "recording",
    "file",
    "language",
    "keywords",
    "tags",
    "topic",
    "subject",
    "re",
    "ps",
    "start",
    "end",
    "pause",
    "inaudible",
    "crosstalk",
];

fn label_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        // Optional timestamp; then a name of at most four words, optionally a
        // role in parentheses, then a colon and a space (or end of line);
        // either bare or in Markdown bold (`**Jane:**` or `**Jane**:`). The
        // first word begins with a letter, later words with a capital or a
        // digit ("Dr Amara Obi", "Participant 3"), so prose such as "Note
        // that: ..." is not taken for a speaker.
        const NAME: &str = r"\p{L}[\p{L}\p{N}.'\-]*(?: [\p{Lu}\p{N}][\p{L}\p{N}.'\-]*){0,3}";
        const ROLE: &str = r"(?:\s*\(([^()\n]{1,40})\))?";
        Regex::new(&format!(
            r"^(?:\[\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\.\d+)?\]\s*)?(?:\*\*({NAME}){ROLE}(?::\*\*|\*\*:)|({NAME}){ROLE}:)(?:[ \t]+|$)"
        ))
        .expect("speaker pattern is valid")
    })
}

/// A line that looks like it starts a turn.
struct Label {
    start: usize,
    speech_start: usize,
    speaker: String,
    role: Option<String>,
    /// What follows the label on its line is a short value (at most four
    /// words, no sentence end), as in a header line, not speech.
    value_like: bool,
}

fn labels(text: &str, index: &TextIndex) -> Vec<Label> {
    let pattern = label_pattern();
    let mut out = Vec::new();
    for line in 0..index.line_count() {
        let start = index.line_start(line);
        let line_text = index.line_text(text, line);
        let Some(caps) = pattern.captures(line_text) else {
            continue;
        };
        let whole = caps.get(0).map_or(0, |m| m.end());
        let (name, role) = match caps.get(1) {
            Some(name) => (name, caps.get(2)),
            None => match caps.get(3) {
                Some(name) => (name, caps.get(4)),
                None => continue,
            },
        };
        let rest = line_text[whole..].trim();
        out.push(Label {
            start,
            speech_start: start + line_text[..whole].chars().count(),
            speaker: name.as_str().to_string(),
            role: role.map(|r| r.as_str().trim().to_string()),
            value_like: rest.split_whitespace().nth(4).is_none()
                && !rest.ends_with(['.', '?', '!', '"', '\u{201d}']),
        });
    }
    out
}

/// Which labels are speakers (see the module comment).
fn speakers(labels: &[Label]) -> Vec<bool> {
    // Each label lower-cased once (a long transcript has thousands).
    let keys: Vec<String> = labels.iter().map(|l| l.speaker.to_lowercase()).collect();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for key in &keys {
        if !NOT_SPEAKERS.contains(&key.as_str()) {
            *seen.entry(key.as_str()).or_default() += 1;
        }
    }
    let first_recurring = keys
        .iter()
        .position(|k| seen.get(k.as_str()).is_some_and(|n| *n > 1));
    labels
        .iter()
        .zip(&keys)
        .enumerate()
        .map(|(i, (l, key))| match seen.get(key.as_str()) {
            None => false,
            Some(n) if *n > 1 => true,
            Some(_) => first_recurring.is_none_or(|first| i > first) || !l.value_like,
        })
        .collect()
}

/// Finds the speaker turns of a transcript. Text before the first label (a
/// heading, say) belongs to no turn; a line that is not a speaker's (a note)
/// belongs to the turn it is in.
pub fn speaker_turns(text: &str, index: &TextIndex) -> Vec<SpeakerTurn> {
    let found = labels(text, index);
    let keep = speakers(&found);
    let mut turns: Vec<SpeakerTurn> = Vec::new();
    for (label, _) in found.into_iter().zip(keep).filter(|(_, k)| *k) {
        if let Some(last) = turns.last_mut() {
            last.end = trim_end(text, index, last.speech_start, label.start);
        }
        turns.push(SpeakerTurn {
            speaker: label.speaker,
            role: label.role,
            start: label.start,
            speech_start: label.speech_start,
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
    // Back from the end over the whitespace only: a turn's words are never
    // walked (each end is found from its line's start).
    let end = end.min(index.char_len()).max(floor);
    let (from, to) = (
        index.byte_of_char(text, floor),
        index.byte_of_char(text, end),
    );
    let kept = from + text[from..to].trim_end().len();
    end - super::grep::chars_in(&text.as_bytes()[kept..to])
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

    proptest::proptest! {
        /// Trimming back from the end gives what trimming the whole slice gives.
        #[test]
        fn trim_end_trims_the_slice(
            text in "[a-z \u{e9}\u{65e5}\t\n]{0,80}",
            floor in 0usize..90,
            end in 0usize..90,
        ) {
            let index = TextIndex::new(&text);
            let whole = index.slice(&text, floor, end).trim_end();
            let expected = floor + crate::text::grep::chars_in(whole.as_bytes());
            proptest::prop_assert_eq!(trim_end(&text, &index, floor, end), expected);
        }
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
    fn markdown_bold_labels_and_roles_in_parentheses_are_speakers() {
        let text = "**Jane:** Hello.\n**Sam**: Hi.\nJane Smith (Nurse): Welcome.\n**Jane:** Bye.\nSam: Bye.\n";
        let turns = turns_of(text);
        let names: Vec<_> = turns.iter().map(|t| t.speaker.as_str()).collect();
        assert_eq!(names, ["Jane", "Sam", "Jane Smith", "Jane", "Sam"]);
        assert_eq!(turns[2].role.as_deref(), Some("Nurse"));
        let chars: Vec<char> = text.chars().collect();
        let speech: String = chars[turns[0].speech_start..turns[0].end].iter().collect();
        assert_eq!(speech, "Hello.");
    }

    #[test]
    fn notes_times_and_header_lines_are_not_speakers() {
        let text = "Site: Leeds\nTime: 10am\nInterviewer: How are you?\nP1: Fine.\nNote: phone rings\nInterviewer: Go on.\nP1: Where was I.\n";
        let turns = turns_of(text);
        let names: Vec<_> = turns.iter().map(|t| t.speaker.as_str()).collect();
        assert_eq!(names, ["Interviewer", "P1", "Interviewer", "P1"]);
        // The note stays in the turn it interrupts.
        let chars: Vec<char> = text.chars().collect();
        let speech: String = chars[turns[1].speech_start..turns[1].end].iter().collect();
        assert_eq!(speech, "Fine.\nNote: phone rings");
    }

    #[test]
    fn a_speaker_heard_once_after_the_dialogue_began_is_still_a_speaker() {
        let text = "Interviewer: Hello.\nP1: Hi.\nDr Amara Obi: Sorry I'm late.\nInterviewer: Welcome.\nP1: Hi.\n";
        let names: Vec<_> = turns_of(text).into_iter().map(|t| t.speaker).collect();
        assert_eq!(
            names,
            ["Interviewer", "P1", "Dr Amara Obi", "Interviewer", "P1"]
        );
    }

    #[test]
    fn a_one_off_question_before_the_dialogue_is_a_turn_not_a_header() {
        let text = "Site: Leeds\nInterviewer: How do clients first reach you?\nP11: Mostly through the exchange.\nP11: It takes time.\n";
        let names: Vec<_> = turns_of(text).into_iter().map(|t| t.speaker).collect();
        assert_eq!(names, ["Interviewer", "P11", "P11"]);
    }

    #[test]
    fn ignores_prose_with_colons() {
        let turns = turns_of("This is a long sentence with words: and more\nNote that: no\n");
        assert!(turns.is_empty(), "{turns:?}");
    }
}
