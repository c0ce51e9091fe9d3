//! Subtitle transcripts (.srt, .vtt), as Zoom, Teams and transcription
//! services write them. Cues become speaker turns: a WebVTT voice tag
//! (`<v Ana Ruiz>`) or a `Name:` prefix names the speaker; a cue without one
//! continues the turn before it; consecutive cues of one speaker join into
//! one turn. Each turn keeps the start time of its first cue.
//!
//! A turn is written as its speaker's label on a line of its own, then the
//! words, then a blank line, the way transcription services lay out their
//! transcripts; the workbench shows the time beside the label.

use super::InteropError;
use crate::model::TurnTime;
use regex::Regex;
use std::sync::OnceLock;

/// One cue: when it starts, who speaks (if said), and its words on one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cue {
    pub start_ms: u64,
    pub speaker: Option<String>,
    pub text: String,
}

/// A transcript made from cues: its text and the start time of each turn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transcript {
    pub text: String,
    pub times: Vec<TurnTime>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Srt,
    Vtt,
}

/// Reads decoded subtitle text (LF line ends) into a transcript.
pub fn transcript_of(text: &str, format: Format, file: &str) -> Result<Transcript, InteropError> {
    let cues = parse(text, format, file)?;
    Ok(join(&cues))
}

/// Parses the cues of a subtitle file.
pub fn parse(text: &str, format: Format, file: &str) -> Result<Vec<Cue>, InteropError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.lines().collect();
    let mut blocks: Vec<(usize, Vec<&str>)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match blocks.last_mut() {
            Some((first, block)) if *first + block.len() == i => block.push(line),
            _ => blocks.push((i, vec![line])),
        }
    }
    let mut blocks = blocks.into_iter();
    if format == Format::Vtt {
        let header = blocks.next();
        let ok = header.as_ref().is_some_and(|(_, b)| {
            b[0].starts_with("WEBVTT")
                && b[0][6..]
                    .chars()
                    .next()
                    .is_none_or(|c| c == ' ' || c == '\t')
        });
        if !ok {
            return Err(InteropError::new(
                format!("{file}:1"),
                "a WebVTT file starts with the line WEBVTT; this one does not (is it .srt?)",
            ));
        }
    }
    let mut cues = Vec::new();
    for (first, block) in blocks {
        if format == Format::Vtt
            && ["NOTE", "STYLE", "REGION"]
                .iter()
                .any(|k| block[0] == *k || block[0].starts_with(&format!("{k} ")))
        {
            continue;
        }
        let Some(timing) = block.iter().take(2).position(|l| l.contains("-->")) else {
            return Err(InteropError::new(
                format!("{file}:{}", first + 1),
                format!(
                    "expected a cue timing like 00:00:01{}000 --> 00:00:04{}000, found '{}'",
                    if format == Format::Srt { ',' } else { '.' },
                    if format == Format::Srt { ',' } else { '.' },
                    block[0].chars().take(60).collect::<String>()
                ),
            ));
        };
        let line_no = first + timing + 1;
        let start = block[timing].split("-->").next().unwrap_or("").trim();
        let start_ms = parse_time(start).ok_or_else(|| {
            InteropError::new(
                format!("{file}:{line_no}"),
                format!(
                    "'{start}' is not a time like 00:01:02{}500",
                    if format == Format::Srt { ',' } else { '.' }
                ),
            )
        })?;
        let raw = block[timing + 1..].join(" ");
        let (speaker, words) = speaker_and_words(&raw);
        if words.is_empty() && speaker.is_none() {
            continue;
        }
        cues.push(Cue {
            start_ms,
            speaker,
            text: words,
        });
    }
    if cues.is_empty() {
        return Err(InteropError::new(file, "holds no subtitle cues"));
    }
    Ok(cues)
}

/// `HH:MM:SS,mmm`, `HH:MM:SS.mmm` or `MM:SS.mmm` in milliseconds.
fn parse_time(s: &str) -> Option<u64> {
    let (clock, millis) = s.split_once([',', '.']).unwrap_or((s, "0"));
    if millis.is_empty() || millis.len() > 3 || !millis.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let millis: u64 = format!("{millis:0<3}").parse().ok()?;
    let parts: Vec<u64> = clock
        .split(':')
        .map(|p| p.trim().parse::<u64>().ok().filter(|_| !p.is_empty()))
        .collect::<Option<_>>()?;
    let seconds = match parts.as_slice() {
        [h, m, s] if *m < 60 && *s < 60 => h * 3600 + m * 60 + s,
        [m, s] if *s < 60 => m * 60 + s,
        _ => return None,
    };
    Some(seconds * 1000 + millis)
}

/// `HH:MM:SS.mmm`.
pub fn format_time(ms: u64) -> String {
    let (s, ms) = (ms / 1000, ms % 1000);
    format!("{:02}:{:02}:{:02}.{ms:03}", s / 3600, s / 60 % 60, s % 60)
}

fn voice_tag() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| Regex::new(r"<v(?:\.[^\s>]*)?\s+([^>]*)>").expect("valid"))
}

fn name_prefix() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    // A name of at most five words, starting with a letter, then a colon and
    // a space: "Ana Ruiz: ...", "Participant 3: ...", "Dr. Obi: ...".
    PATTERN.get_or_init(|| {
        Regex::new(r"^(\p{L}[\p{L}\p{N}.'\-]*(?: [\p{L}\p{N}][\p{L}\p{N}.'\-]*){0,4}):\s+(.*)$")
            .expect("valid")
    })
}

fn tag() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| Regex::new(r"<[^>]*>").expect("valid"))
}

/// The speaker a cue names, if any, and its words without markup.
fn speaker_and_words(raw: &str) -> (Option<String>, String) {
    let voice = voice_tag()
        .captures(raw)
        .map(|c| clean_name(&unescape(&c[1])));
    let words = unescape(&tag().replace_all(raw, ""));
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(name) = voice.filter(|n| !n.is_empty()) {
        return (Some(name), words);
    }
    if let Some(caps) = name_prefix().captures(&words) {
        return (Some(clean_name(&caps[1])), caps[2].to_string());
    }
    (None, words)
}

fn clean_name(name: &str) -> String {
    name.replace(':', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&lrm;", "\u{200e}")
        .replace("&rlm;", "\u{200f}")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Joins cues into turns and lays them out.
pub fn join(cues: &[Cue]) -> Transcript {
    struct Turn<'a> {
        speaker: Option<&'a str>,
        start_ms: u64,
        words: Vec<&'a str>,
    }
    let mut turns: Vec<Turn> = Vec::new();
    for cue in cues {
        let continues = match (&cue.speaker, turns.last()) {
            (None, Some(last)) => last.speaker.is_some(),
            (Some(name), Some(last)) => last.speaker == Some(name.as_str()),
            (_, None) => false,
        };
        match turns.last_mut() {
            Some(last) if continues => {
                if !cue.text.is_empty() {
                    last.words.push(&cue.text);
                }
            }
            _ => turns.push(Turn {
                speaker: cue.speaker.as_deref(),
                start_ms: cue.start_ms,
                words: if cue.text.is_empty() {
                    vec![]
                } else {
                    vec![&cue.text]
                },
            }),
        }
    }
    let mut text = String::new();
    let mut times = Vec::new();
    let mut chars = 0usize;
    for turn in &turns {
        times.push(TurnTime {
            at: chars,
            time: format_time(turn.start_ms),
        });
        let block = match turn.speaker {
            Some(name) => format!("{name}:\n{}\n\n", turn.words.join(" ")),
            None => format!("{}\n\n", turn.words.join(" ")),
        };
        chars += block.chars().count();
        text.push_str(&block);
    }
    Transcript {
        text: super::finish_text(&text),
        times,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{TextIndex, speaker_turns};

    const SRT: &str = "1\n00:00:01,000 --> 00:00:04,200\nInterviewer: Thanks for making time today.\n\n2\n00:00:04,500 --> 00:00:07,000\nHow long have you worked\nat the service?\n\n3\n00:00:07,800 --> 00:00:10,000\nParticipant 6: Nearly eight years now.\n\n4\n00:00:10,100 --> 00:00:12,000\nParticipant 6: Mostly on the needle exchange.\n";

    #[test]
    fn srt_cues_join_into_timed_turns() {
        let t = transcript_of(SRT, Format::Srt, "P6.srt").expect("reads");
        assert_eq!(
            t.text,
            "Interviewer:\nThanks for making time today. How long have you worked at the service?\n\nParticipant 6:\nNearly eight years now. Mostly on the needle exchange.\n"
        );
        let turns = speaker_turns(&t.text, &TextIndex::new(&t.text));
        let names: Vec<&str> = turns.iter().map(|t| t.speaker.as_str()).collect();
        assert_eq!(names, ["Interviewer", "Participant 6"]);
        let at: Vec<usize> = turns.iter().map(|t| t.start).collect();
        assert_eq!(
            t.times,
            vec![
                TurnTime {
                    at: at[0],
                    time: "00:00:01.000".into()
                },
                TurnTime {
                    at: at[1],
                    time: "00:00:07.800".into()
                },
            ]
        );
    }

    #[test]
    fn vtt_voice_tags_notes_and_markup() {
        let vtt = "WEBVTT - Teams export\n\nNOTE written by the tool\nover two lines\n\nSTYLE\n::cue { color: white }\n\n1f2e-intro\n00:00.500 --> 00:03.000 align:start\n<v Sam Okafor>Hello, <i>welcome</i> &amp; thanks.</v>\n\n00:01:03.250 --> 00:01:05.000\n<v.loud Dee>It&#39;s been a year.\n\n00:01:05.100 --> 00:01:06.000\n<v Dee>A good year.</v>\n";
        let t = transcript_of(vtt, Format::Vtt, "x.vtt").expect("reads");
        assert_eq!(
            t.text,
            "Sam Okafor:\nHello, welcome & thanks.\n\nDee:\nIt's been a year. A good year.\n"
        );
        assert_eq!(t.times[1].time, "00:01:03.250");
    }

    #[test]
    fn bad_files_name_the_line() {
        let err = parse("1\nnot a time\nhello\n", Format::Srt, "bad.srt").expect_err("refused");
        assert!(
            err.to_string()
                .starts_with("bad.srt:1: expected a cue timing"),
            "{err}"
        );
        let err = parse(
            "1\n00:00:01,000 --> x\nhi\n\n2\n00:99:01,000 --> x\nhi\n",
            Format::Srt,
            "b.srt",
        )
        .expect_err("refused");
        assert!(
            err.to_string().starts_with("b.srt:6: '00:99:01,000'"),
            "{err}"
        );
        let err = parse(
            "1\n00:00:01,000 --> 00:00:02,000\nhi\n",
            Format::Vtt,
            "x.vtt",
        )
        .expect_err("refused");
        assert!(err.to_string().contains("WEBVTT"), "{err}");
        assert!(parse("WEBVTT\n", Format::Vtt, "e.vtt").is_err());
    }

    #[test]
    fn times_parse_and_format() {
        assert_eq!(parse_time("01:02:03,456"), Some(3_723_456));
        assert_eq!(parse_time("02:03.4"), Some(123_400));
        assert_eq!(parse_time("1:2"), Some(62_000));
        assert_eq!(parse_time("aa:bb"), None);
        assert_eq!(format_time(3_723_456), "01:02:03.456");
    }
}
