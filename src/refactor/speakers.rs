//! The project's speakers: who speaks in which documents, and renaming a
//! speaker's label in the transcripts (a typo, a pseudonym for a real name),
//! with every coding after a changed label moved so it still covers the same
//! words. Pure: a plan is one `Edit::Batch`, undone exactly.

use crate::edit::Edit;
use crate::model::{Coding, DocId, Document, Project};
use crate::refactor::{Planned, RefactorError, Stamp};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// One speaker across the project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    pub name: String,
    /// Roles given in parentheses (`Jane Smith (Nurse):`).
    pub roles: BTreeSet<String>,
    pub turns: usize,
    pub documents: Vec<DocId>,
}

/// Every speaker of the project, by name.
pub fn speakers(project: &Project) -> Vec<Speaker> {
    let mut by_name: BTreeMap<&str, Speaker> = BTreeMap::new();
    for doc in project.documents.values() {
        for turn in doc.turns() {
            let s = by_name.entry(&turn.speaker).or_insert_with(|| Speaker {
                name: turn.speaker.clone(),
                roles: BTreeSet::new(),
                turns: 0,
                documents: Vec::new(),
            });
            s.turns += 1;
            if let Some(role) = &turn.role {
                s.roles.insert(role.clone());
            }
            if s.documents.last() != Some(&doc.id) {
                s.documents.push(doc.id.clone());
            }
        }
    }
    by_name.into_values().collect()
}

/// What a speaker rename did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenameSpeakerReport {
    pub from: String,
    pub to: String,
    pub turns: usize,
    pub documents: Vec<DocId>,
    pub codings_moved: usize,
}

impl fmt::Display for RenameSpeakerReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let docs: Vec<&str> = self.documents.iter().map(DocId::as_str).collect();
        write!(
            f,
            "renamed speaker '{}' to '{}': {} in {} ({}); {} moved with the text",
            self.from,
            self.to,
            crate::text::count(self.turns, "turn", "turns"),
            crate::text::count(docs.len(), "document", "documents"),
            docs.join(", "),
            crate::text::count(self.codings_moved, "coding", "codings"),
        )
    }
}

/// Renames speaker `from` to `to` in the labels of `docs` (every document
/// when None). Only labels change; codings keep covering the same words.
pub fn rename_speaker(
    project: &Project,
    from: &str,
    to: &str,
    docs: Option<&[DocId]>,
    stamp: &Stamp,
) -> Result<Planned<RenameSpeakerReport>, RefactorError> {
    let to = to.trim();
    if to.is_empty() || to.contains([':', '\n', '*', '(', ')']) {
        return Err(RefactorError::BadSpeakerName(to.to_string()));
    }
    if let Some(missing) = docs
        .unwrap_or_default()
        .iter()
        .find(|d| !project.documents.contains_key(*d))
    {
        return Err(RefactorError::UnknownDocument(missing.to_string()));
    }
    let mut edits = Vec::new();
    let mut report = RenameSpeakerReport {
        from: from.to_string(),
        to: to.to_string(),
        turns: 0,
        documents: Vec::new(),
        codings_moved: 0,
    };
    for doc in project.documents.values() {
        if docs.is_some_and(|d| !d.contains(&doc.id)) {
            continue;
        }
        let Some((renamed, places)) = renamed_text(doc, from, to) else {
            continue;
        };
        report.turns += places.len();
        report.documents.push(doc.id.clone());
        let shift = |pos: usize, is_end: bool| shifted(&places, pos, is_end);
        let mut record = doc.record.clone();
        record.sha256 = crate::import::sha256_hex(&renamed);
        let mut added = Vec::new();
        for (coder, list) in project.codings.get(&doc.id).into_iter().flatten() {
            for coding in list {
                edits.push(Edit::RemoveCoding {
                    doc: doc.id.clone(),
                    coder: coder.clone(),
                    coding: coding.clone(),
                });
                let moved = Coding {
                    start: shift(coding.start, false),
                    end: shift(coding.end, true),
                    ..coding.clone()
                };
                if (moved.start, moved.end) != (coding.start, coding.end) {
                    report.codings_moved += 1;
                }
                added.push(Edit::AddCoding {
                    doc: doc.id.clone(),
                    coder: coder.clone(),
                    coding: moved,
                });
            }
        }
        edits.push(Edit::RemoveDocument {
            doc: Box::new(doc.clone()),
        });
        edits.push(Edit::AddDocument {
            doc: Box::new(Document::new(doc.id.clone(), record, renamed)),
        });
        edits.extend(added);
    }
    if report.turns == 0 {
        return Err(RefactorError::NoSpeaker {
            speaker: from.to_string(),
            in_documents: docs.is_some(),
        });
    }
    let label = report.to_string();
    edits.push(Edit::AppendJournal {
        entry: stamp.entry(label.clone()),
    });
    Ok(Planned {
        edit: Edit::Batch { label, edits },
        report,
    })
}

/// A replaced name: at `pos` (characters, in the old text), `old` characters
/// became `new`.
struct Place {
    pos: usize,
    old: usize,
    new: usize,
}

/// The text with `from` renamed in every label of a turn of `from`, and where.
fn renamed_text(doc: &Document, from: &str, to: &str) -> Option<(String, Vec<Place>)> {
    let mut places = Vec::new();
    for turn in doc.turns().iter().filter(|t| t.speaker == from) {
        let label = doc.slice(turn.start, turn.speech_start);
        let byte = label.find(from)?;
        places.push(Place {
            pos: turn.start + label[..byte].chars().count(),
            old: from.chars().count(),
            new: to.chars().count(),
        });
    }
    if places.is_empty() {
        return None;
    }
    let mut out = String::new();
    let mut at = 0;
    for place in &places {
        out.push_str(doc.slice(at, place.pos));
        out.push_str(to);
        at = place.pos + place.old;
    }
    out.push_str(doc.slice(at, doc.char_len()));
    Some((out, places))
}

/// Where old position `pos` is in the renamed text. A position inside a
/// replaced name goes to the name's start, or its end for a range's end.
fn shifted(places: &[Place], pos: usize, is_end: bool) -> usize {
    let mut delta: isize = 0;
    for p in places {
        if pos >= p.pos + p.old {
            delta += p.new as isize - p.old as isize;
        } else if pos > p.pos {
            let base = (p.pos as isize + delta) as usize;
            return if is_end { base + p.new } else { base };
        } else {
            break;
        }
    }
    (pos as isize + delta) as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CodeId, DocumentRecord, Manifest};

    fn project() -> Project {
        let mut p = Project::new(Manifest::new("t"));
        let text = "Interviewer: Hello.\nJo (Nurse): Hi there.\nInterviewer: Why?\nJo: Because it helps.\n";
        let record = DocumentRecord {
            title: "P1".into(),
            source: String::new(),
            attributes: Default::default(),
            sha256: crate::import::sha256_hex(text),
            guid: String::new(),
            times: Vec::new(),
        };
        p.documents.insert(
            DocId::new("P1"),
            Document::new(DocId::new("P1"), record, text.to_string()),
        );
        let code = crate::edit::compose::new_code(&p, "help");
        p.codes.insert(code.id.clone(), code);
        let helps = text.find("it helps").expect("in text");
        p.codings.entry(DocId::new("P1")).or_default().insert(
            "ana".into(),
            vec![Coding::new(CodeId::new("help"), helps, helps + 8)],
        );
        p
    }

    #[test]
    fn lists_speakers_with_roles_turns_and_documents() {
        let list = speakers(&project());
        let jo = list.iter().find(|s| s.name == "Jo").expect("Jo");
        assert_eq!(jo.turns, 2);
        assert!(jo.roles.contains("Nurse"));
        assert_eq!(jo.documents, [DocId::new("P1")]);
    }

    #[test]
    fn renaming_moves_codings_with_their_words_and_undoes_exactly() {
        let mut p = project();
        let before = p.clone();
        let plan =
            rename_speaker(&p, "Jo", "Joanna Reid", None, &Stamp::now("ana", "")).expect("plans");
        assert_eq!(plan.report.turns, 2);
        assert_eq!(plan.report.codings_moved, 1);
        let inverse = plan.edit.apply(&mut p).expect("applies");
        let doc = &p.documents[&DocId::new("P1")];
        assert!(doc.text().contains("Joanna Reid (Nurse): Hi there."));
        assert!(doc.text().contains("\nJoanna Reid: Because"));
        let coding = &p.codings[&DocId::new("P1")]["ana"][0];
        assert_eq!(doc.slice(coding.start, coding.end), "it helps");
        assert_eq!(doc.record.sha256, crate::import::sha256_hex(doc.text()));
        inverse.apply(&mut p).expect("undoes");
        assert!(p == before);
    }

    #[test]
    fn unknown_speakers_and_bad_names_are_refused() {
        let p = project();
        let stamp = Stamp::now("ana", "");
        assert!(rename_speaker(&p, "Sam", "Samuel", None, &stamp).is_err());
        assert!(rename_speaker(&p, "Jo", "Jo: x", None, &stamp).is_err());
        assert!(rename_speaker(&p, "Jo", "Joanna", Some(&[DocId::new("P9")]), &stamp).is_err());
    }
}
