//! `margin query extracts`: every coded extract of a code or theme (with its
//! subthemes), with where it comes from, under a filter.

use super::{Filter, Subject};
use crate::model::Project;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Extract {
    pub document: String,
    pub title: String,
    /// The document's attribute values.
    pub attributes: BTreeMap<String, String>,
    /// Who speaks where the extract starts, if the transcript has turns.
    pub speaker: Option<String>,
    /// Lines, e.g. "41-43".
    pub lines: String,
    pub start: usize,
    pub end: usize,
    pub code: String,
    pub code_name: String,
    pub coder: String,
    pub starred: bool,
    pub memo: String,
    pub text: String,
}

/// Extracts of `subject` (every code when None) under `filter`, in document
/// order, then by position, code and coder.
pub fn extracts(project: &Project, subject: Option<&Subject>, filter: &Filter) -> Vec<Extract> {
    collect(project, subject, filter, true)
}

/// Like `extracts`, without the text, speaker and lines, which `fill` adds,
/// and in document order only (then by coder and position, unsorted across
/// coders): for choosing a few quotes among many extracts cheaply.
pub fn outlines(project: &Project, subject: Option<&Subject>, filter: &Filter) -> Vec<Extract> {
    collect(project, subject, filter, false)
}

/// Adds the text, speaker and lines to an extract from `outlines`.
pub fn fill(project: &Project, e: &mut Extract) {
    if let Some(doc) = project
        .documents
        .get(&crate::model::DocId::new(&e.document))
    {
        e.speaker = doc.speaker_at(e.start).map(str::to_string);
        e.lines = doc.index().line_span(e.start, e.end);
        e.text = doc.slice(e.start, e.end).trim().to_string();
    }
}

fn collect(
    project: &Project,
    subject: Option<&Subject>,
    filter: &Filter,
    with_text: bool,
) -> Vec<Extract> {
    let codes = subject.map(|s| s.codes(project));
    let mut out: Vec<Extract> = filter
        .codings(project)
        .filter(|r| {
            codes
                .as_ref()
                .is_none_or(|set| set.contains(&r.coding.code))
        })
        .filter_map(|r| {
            let doc = project.documents.get(r.doc)?;
            let c = r.coding;
            let mut e = Extract {
                document: r.doc.to_string(),
                title: doc.title().to_string(),
                attributes: doc.record.attributes.clone(),
                speaker: None,
                lines: String::new(),
                start: c.start,
                end: c.end,
                code: c.code.to_string(),
                code_name: project.code_name(&c.code).to_string(),
                coder: r.coder.to_string(),
                starred: c.star,
                memo: c.memo.clone(),
                text: String::new(),
            };
            if with_text {
                fill(project, &mut e);
            }
            Some(e)
        })
        .collect();
    if !with_text {
        return out;
    }
    out.sort_by(|a, b| {
        (&a.document, a.start, a.end, &a.code, &a.coder).cmp(&(
            &b.document,
            b.start,
            b.end,
            &b.code,
            &b.coder,
        ))
    });
    out
}

/// A table of extracts: one row each, the text last.
pub fn table(list: &[Extract]) -> super::Table {
    let header = [
        "document", "speaker", "lines", "code", "coder", "starred", "text",
    ];
    let mut table = super::Table::new(header.iter().map(ToString::to_string).collect());
    for e in list {
        table.rows.push(vec![
            e.document.clone(),
            e.speaker.clone().unwrap_or_default(),
            e.lines.clone(),
            e.code_name.clone(),
            e.coder.clone(),
            if e.starred { "yes" } else { "no" }.to_string(),
            e.text.clone(),
        ]);
    }
    table
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;
    use crate::model::ThemeId;

    #[test]
    fn a_theme_brings_its_subthemes_extracts_and_filters_compose() {
        let p = fixture::project();
        let wellbeing = Subject::Theme(ThemeId::new("wellbeing"));
        assert_eq!(extracts(&p, Some(&wellbeing), &Filter::default()).len(), 5);
        let mut nurses = Filter::default();
        nurses.add_where("role=nurse").expect("parses");
        let list = extracts(&p, Some(&wellbeing), &nurses);
        let seen: Vec<(&str, &str, &str)> = list
            .iter()
            .map(|e| (e.code_name.as_str(), e.coder.as_str(), e.text.as_str()))
            .collect();
        assert_eq!(
            seen,
            [
                (
                    "mood",
                    "asha",
                    "Mornings are hard. I sleep badly and wake early."
                ),
                ("sleep", "asha", "I sleep badly"),
                ("sleep", "ben", "sleep badly and wake early"),
                ("mood", "ben", "The clinic staff are kind"),
            ]
        );
        assert_eq!(list[0].speaker.as_deref(), Some("A"));
        assert_eq!(list[0].lines, "2");
        assert_eq!(list[3].lines, "4");
        nurses.add_coder("ben");
        assert_eq!(extracts(&p, Some(&wellbeing), &nurses).len(), 2);
        let care = Subject::find(&p, "care").expect("a code");
        assert_eq!(
            extracts(&p, Some(&care), &nurses).len(),
            0,
            "care is asha's"
        );
    }
}
