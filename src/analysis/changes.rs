//! What changed between two states of a project, as a reviewer reads it:
//! codings as the coded text with their code and coder, codes and themes by
//! name. Pure: the faces load the two projects (from git refs or the folder).

use crate::model::{Code, CodeId, CoderId, Coding, DocId, Project, theme};
use crate::text::reanchor::{Placement, TextMap};
use std::collections::{BTreeMap, BTreeSet};

/// How much coded text a change shows.
pub const SHOWN_CHARS: usize = 200;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    CodingAdded(CodingView),
    CodingRemoved(CodingView),
    /// Same range and code, another memo.
    CodingMemo {
        coding: CodingView,
        before: String,
    },
    /// Same range and code, starred for the quote bank (or unstarred).
    CodingStar {
        coding: CodingView,
        starred: bool,
    },
    CodeAdded {
        name: String,
    },
    CodeRemoved {
        name: String,
    },
    /// One line per changed field: (field, before, after).
    CodeChanged {
        name: String,
        fields: Vec<(String, String, String)>,
    },
    ThemeAdded {
        name: String,
    },
    ThemeRemoved {
        name: String,
    },
    ThemeChanged {
        name: String,
        fields: Vec<(String, String, String)>,
    },
    CodeMoved {
        code: String,
        from: String,
        to: String,
    },
    DocumentAdded {
        doc: DocId,
    },
    DocumentRemoved {
        doc: DocId,
    },
    /// The transcript's text was corrected; `followed` codings moved with
    /// their words (re-anchored) and are not listed one by one.
    TextCorrected {
        doc: DocId,
        followed: usize,
    },
}

/// A coding as a reviewer reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodingView {
    pub doc: DocId,
    pub coder: CoderId,
    pub code: String,
    pub lines: String,
    pub text: String,
    pub memo: String,
}

fn view(project: &Project, doc: &DocId, coder: &str, coding: &Coding) -> CodingView {
    let document = project.documents.get(doc);
    CodingView {
        doc: doc.clone(),
        coder: coder.into(),
        code: project.code_name(&coding.code).to_string(),
        lines: document.map_or_else(String::new, |d| {
            d.index().line_span(coding.start, coding.end)
        }),
        text: document.map_or_else(String::new, |d| {
            d.excerpt(coding.start, coding.end, SHOWN_CHARS)
        }),
        memo: coding.memo.clone(),
    }
}

/// Every change from `before` to `after`: documents, then codings by
/// document and coder, then codes, then themes.
pub fn changes(before: &Project, after: &Project) -> Vec<Change> {
    let mut out = Vec::new();
    for doc in after
        .documents
        .keys()
        .filter(|d| !before.documents.contains_key(*d))
    {
        out.push(Change::DocumentAdded { doc: doc.clone() });
    }
    for doc in before
        .documents
        .keys()
        .filter(|d| !after.documents.contains_key(*d))
    {
        out.push(Change::DocumentRemoved { doc: doc.clone() });
    }
    let mut corrected = BTreeMap::new();
    for (id, doc) in &after.documents {
        if let Some(was) = before.documents.get(id)
            && was.text() != doc.text()
        {
            corrected.insert(id, TextMap::new(was.text(), doc.text()));
        }
    }
    let followed = coding_changes(before, after, &corrected, &mut out);
    for doc in corrected.keys() {
        out.insert(
            0,
            Change::TextCorrected {
                doc: (*doc).clone(),
                followed: followed.get(*doc).copied().unwrap_or(0),
            },
        );
    }
    code_changes(&before.codes, &after.codes, &mut out);
    theme_changes(before, after, &mut out);
    out
}

type Key<'a> = (usize, usize, &'a CodeId);

/// Codings changes by document and coder. Where a document's text was
/// corrected, a coding that moved with its words (as re-anchoring moves it)
/// is no change; how many did so is returned per document.
fn coding_changes(
    before: &Project,
    after: &Project,
    corrected: &BTreeMap<&DocId, TextMap>,
    out: &mut Vec<Change>,
) -> BTreeMap<DocId, usize> {
    let mut followed: BTreeMap<DocId, usize> = BTreeMap::new();
    let slots: BTreeSet<(&DocId, &CoderId)> = [before, after]
        .iter()
        .flat_map(|p| {
            p.codings
                .iter()
                .flat_map(|(d, m)| m.keys().map(move |c| (d, c)))
        })
        .collect();
    for (doc, coder) in slots {
        let (mut old, new) = (keyed(before, doc, coder), keyed(after, doc, coder));
        if let Some(map) = corrected.get(doc) {
            old = old
                .into_iter()
                .map(|(key, coding)| {
                    let moved = match map.place(coding.start, coding.end) {
                        Placement::Moved { start, end } => (start, end, key.2),
                        _ => key,
                    };
                    if moved != key && new.contains_key(&moved) {
                        *followed.entry(doc.clone()).or_default() += 1;
                    }
                    (moved, coding)
                })
                .collect();
        }
        for (key, coding) in &new {
            match old.get(key) {
                None => out.push(Change::CodingAdded(view(after, doc, coder, coding))),
                Some(was) => {
                    if was.memo != coding.memo {
                        out.push(Change::CodingMemo {
                            coding: view(after, doc, coder, coding),
                            before: was.memo.clone(),
                        });
                    }
                    if was.star != coding.star {
                        out.push(Change::CodingStar {
                            coding: view(after, doc, coder, coding),
                            starred: coding.star,
                        });
                    }
                }
            }
        }
        for (key, coding) in &old {
            if !new.contains_key(key) {
                out.push(Change::CodingRemoved(view(before, doc, coder, coding)));
            }
        }
    }
    followed
}

/// One coder's codings of one document, by (start, end, code).
fn keyed<'a>(p: &'a Project, doc: &DocId, coder: &str) -> BTreeMap<Key<'a>, &'a Coding> {
    p.codings
        .get(doc)
        .and_then(|m| m.get(coder))
        .into_iter()
        .flatten()
        .map(|c| ((c.start, c.end, &c.code), c))
        .collect()
}

fn themes_by_id(p: &Project) -> BTreeMap<crate::model::ThemeId, &crate::model::Theme> {
    theme::walk(&p.themes)
        .into_iter()
        .map(|(_, t)| (t.id.clone(), t))
        .collect()
}

fn code_fields(code: &Code) -> [(&'static str, &str); 6] {
    [
        ("name", &code.name),
        ("description", &code.description),
        ("inclusion", &code.inclusion),
        ("exclusion", &code.exclusion),
        ("example", &code.example),
        ("color", &code.color),
    ]
}

fn field_diffs<'a>(
    old: impl IntoIterator<Item = (&'a str, String)>,
    new: impl IntoIterator<Item = (&'a str, String)>,
) -> Vec<(String, String, String)> {
    old.into_iter()
        .zip(new)
        .filter(|((_, a), (_, b))| a != b)
        .map(|((field, a), (_, b))| (field.to_string(), a, b))
        .collect()
}

fn code_changes(
    before: &BTreeMap<CodeId, Code>,
    after: &BTreeMap<CodeId, Code>,
    out: &mut Vec<Change>,
) {
    for (id, code) in after {
        match before.get(id) {
            None => out.push(Change::CodeAdded {
                name: code.name.clone(),
            }),
            Some(old) => {
                let owned = |c: &Code| code_fields(c).map(|(f, v)| (f, v.to_string()));
                let fields = field_diffs(owned(old), owned(code));
                if !fields.is_empty() {
                    out.push(Change::CodeChanged {
                        name: old.name.clone(),
                        fields,
                    });
                }
            }
        }
    }
    for (id, code) in before {
        if !after.contains_key(id) {
            out.push(Change::CodeRemoved {
                name: code.name.clone(),
            });
        }
    }
}

fn theme_changes(before: &Project, after: &Project, out: &mut Vec<Change>) {
    let (old, new) = (themes_by_id(before), themes_by_id(after));
    for (id, t) in &new {
        match old.get(id) {
            None => out.push(Change::ThemeAdded {
                name: t.name.clone(),
            }),
            Some(was) => {
                let fields_of = |t: &crate::model::Theme| {
                    [
                        ("name", t.name.clone()),
                        ("status", t.status.label().to_string()),
                        ("definition", t.definition.clone()),
                    ]
                };
                let fields = field_diffs(fields_of(was), fields_of(t));
                if !fields.is_empty() {
                    out.push(Change::ThemeChanged {
                        name: was.name.clone(),
                        fields,
                    });
                }
            }
        }
    }
    for (id, t) in &old {
        if !new.contains_key(id) {
            out.push(Change::ThemeRemoved {
                name: t.name.clone(),
            });
        }
    }
    let place = |p: &Project, code: &CodeId| {
        p.theme_of_code(code)
            .map_or_else(|| "unsorted".to_string(), |t| format!("'{}'", t.name))
    };
    for id in after
        .codes
        .keys()
        .filter(|id| before.codes.contains_key(*id))
    {
        let (from, to) = (place(before, id), place(after, id));
        let moved =
            before.theme_of_code(id).map(|t| &t.id) != after.theme_of_code(id).map(|t| &t.id);
        if moved {
            out.push(Change::CodeMoved {
                code: after.code_name(id).to_string(),
                from,
                to,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, DocumentRecord, Manifest};

    #[test]
    fn starring_an_extract_is_a_change() {
        let mut before = Project::new(Manifest::new("t"));
        let record = DocumentRecord {
            title: "P1".into(),
            source: String::new(),
            attributes: Default::default(),
            sha256: String::new(),
            guid: String::new(),
            times: Vec::new(),
        };
        let doc = DocId::new("P1");
        before.documents.insert(
            doc.clone(),
            Document::new(doc.clone(), record, "A: calm days\n".into()),
        );
        before.codes.insert(
            CodeId::new("calm"),
            Code::new(CodeId::new("calm"), "calm", 0),
        );
        let coding = Coding::new(CodeId::new("calm"), 3, 12);
        before
            .codings
            .entry(doc.clone())
            .or_default()
            .insert("asha".into(), vec![coding]);
        let mut after = before.clone();
        if let Some(list) = after.codings.get_mut(&doc).and_then(|m| m.get_mut("asha")) {
            list[0].star = true;
        }
        let found = changes(&before, &after);
        assert!(
            matches!(found.as_slice(), [Change::CodingStar { starred: true, coding }] if coding.text == "calm days"),
            "{found:?}"
        );
    }
}
