//! A document's figures, as NVivo's or MAXQDA's document properties show
//! them: its title, source and attributes; its words, lines and speaker
//! turns; each speaker's turns and words; each coder's codings, codes and
//! coverage; its most used codes; its memo. The workbench's overview (`i`)
//! draws them.

use super::intervals::{Span, covered, union};
use crate::model::{CodeId, DocId, Document, MemoTarget, Project};
use std::collections::BTreeMap;

/// How many codes the overview lists, most used first.
const TOP_CODES: usize = 10;

/// One speaker's share of the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpeakerFigures {
    pub speaker: String,
    pub turns: usize,
    pub words: usize,
}

/// Codings counted for one coder or one code, and the share of the text
/// they cover (overlaps counted once).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodingFigures {
    pub name: String,
    pub codings: usize,
    /// Different codes used (for a coder; 1 for a code).
    pub codes: usize,
    pub covered: usize,
}

/// A document's figures, counted when the overview opens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figures {
    pub doc: DocId,
    pub title: String,
    pub source: String,
    pub attributes: Vec<(String, String)>,
    pub words: usize,
    pub characters: usize,
    pub lines: usize,
    pub speakers: Vec<SpeakerFigures>,
    pub coders: Vec<CodingFigures>,
    /// Most used first, at most `TOP_CODES`, with each code's colour.
    pub codes: Vec<(CodingFigures, String)>,
    /// How many codes are used in all.
    pub codes_used: usize,
    pub memo: Option<String>,
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// The figures of `doc`, counting the codings of the coders `shown` lets
/// through.
pub fn figures(project: &Project, doc: &Document, shown: impl Fn(&str) -> bool) -> Figures {
    let mut speakers: Vec<SpeakerFigures> = Vec::new();
    for turn in doc.turns() {
        let spoken = words(doc.slice(turn.speech_start, turn.end));
        match speakers.iter_mut().find(|s| s.speaker == turn.speaker) {
            Some(s) => {
                s.turns += 1;
                s.words += spoken;
            }
            None => speakers.push(SpeakerFigures {
                speaker: turn.speaker.clone(),
                turns: 1,
                words: spoken,
            }),
        }
    }
    let len = doc.char_len();
    let mut by_coder: BTreeMap<&str, Vec<(&CodeId, Span)>> = BTreeMap::new();
    let mut by_code: BTreeMap<&CodeId, Vec<Span>> = BTreeMap::new();
    for r in project.codings_in(&doc.id) {
        if !shown(r.coder) {
            continue;
        }
        let span = (r.coding.start, r.coding.end);
        by_coder
            .entry(r.coder)
            .or_default()
            .push((&r.coding.code, span));
        by_code.entry(&r.coding.code).or_default().push(span);
    }
    let coders = by_coder
        .into_iter()
        .map(|(coder, codings)| {
            let mut codes: Vec<&CodeId> = codings.iter().map(|(c, _)| *c).collect();
            codes.sort();
            codes.dedup();
            let spans = codings.iter().map(|(_, s)| *s).collect();
            CodingFigures {
                name: coder.to_string(),
                codings: codings.len(),
                codes: codes.len(),
                covered: covered(&union(spans, len)),
            }
        })
        .collect();
    let codes_used = by_code.len();
    let mut codes: Vec<(CodingFigures, String)> = by_code
        .into_iter()
        .map(|(code, spans)| {
            let colour = project
                .codes
                .get(code)
                .map(|c| c.color.clone())
                .unwrap_or_default();
            let figures = CodingFigures {
                name: project.code_name(code).to_string(),
                codings: spans.len(),
                codes: 1,
                covered: covered(&union(spans, len)),
            };
            (figures, colour)
        })
        .collect();
    codes.sort_by(|(a, _), (b, _)| b.codings.cmp(&a.codings).then(a.name.cmp(&b.name)));
    codes.truncate(TOP_CODES);
    Figures {
        doc: doc.id.clone(),
        title: doc.title().to_string(),
        source: doc.record.source.clone(),
        attributes: doc
            .record
            .attributes
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        words: words(doc.text()),
        characters: len,
        lines: doc.index().line_count(),
        speakers,
        coders,
        codes,
        codes_used,
        memo: project
            .memos
            .get(&MemoTarget::Document(doc.id.clone()))
            .map(|m| m.trim().to_string())
            .filter(|m| !m.is_empty()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Code, Coding, DocumentRecord, Manifest};

    #[test]
    fn figures_count_speakers_coders_and_codes_with_overlaps_once() {
        let text = "Interviewer: How did you start?\nP4: With friends at a party, then alone.\nInterviewer: And now?\nP4: Now I am on a script.\n";
        let mut project = Project::new(Manifest::new("Study"));
        let record = DocumentRecord {
            title: "P4: a person in treatment".into(),
            source: "P4.docx".into(),
            attributes: [("role".to_string(), "client".to_string())].into(),
            sha256: String::new(),
            guid: String::new(),
            times: Vec::new(),
        };
        let id = DocId::new("P4");
        project
            .documents
            .insert(id.clone(), Document::new(id.clone(), record, text.into()));
        for (code, n) in [("initiation", 0), ("treatment", 1)] {
            let code = CodeId::new(code);
            project
                .codes
                .insert(code.clone(), Code::new(code.clone(), code.as_str(), n));
        }
        let coded = |code: &str, start, end| Coding::new(CodeId::new(code), start, end);
        let by_coder = project.codings.entry(id.clone()).or_default();
        by_coder.insert(
            "ana".into(),
            vec![coded("initiation", 36, 72), coded("initiation", 40, 50)],
        );
        by_coder.insert("ben".into(), vec![coded("treatment", 99, 120)]);
        let doc = &project.documents[&id];
        let all = figures(&project, doc, |_| true);
        assert_eq!(all.words, text.split_whitespace().count());
        assert_eq!(
            all.speakers,
            vec![
                SpeakerFigures {
                    speaker: "Interviewer".into(),
                    turns: 2,
                    words: 6
                },
                SpeakerFigures {
                    speaker: "P4".into(),
                    turns: 2,
                    words: 13
                },
            ]
        );
        assert_eq!(all.coders.len(), 2);
        let ana = &all.coders[0];
        assert_eq!((ana.codings, ana.codes, ana.covered), (2, 1, 36));
        assert_eq!(all.codes[0].0.name, "initiation");
        assert_eq!(all.codes[0].0.codings, 2);
        assert_eq!(all.attributes, vec![("role".into(), "client".into())]);
        // Blind: ben's codings are not counted.
        let mine = figures(&project, doc, |coder| coder == "ana");
        assert_eq!(mine.coders.len(), 1);
        assert_eq!(mine.codes_used, 1);
    }
}
