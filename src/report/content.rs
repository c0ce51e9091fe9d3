//! What a report says, independent of its format: the study, where it was
//! made from, the thematic map, each theme with its codes and quotes, the
//! codebook, frequency tables and the decision journal.

use super::quotes;
use crate::analysis::query::{self, Counts, Extract, Filter, Subject, freq};
use crate::model::{JournalEntry, Project, ThemeId, theme};

/// The git state a report was made from. Every report prints it so a paper
/// can cite the exact state of the analysis.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Provenance {
    /// The full commit hash, when the project is in a git repository with one.
    pub commit: Option<String>,
    /// The working tree has changes not in that commit.
    pub dirty: bool,
}

impl Provenance {
    /// "Made from commit 1a2b3c4d5e6f (with uncommitted changes)."
    pub fn sentence(&self) -> String {
        match (&self.commit, self.dirty) {
            (Some(hash), false) => format!("Made from commit {hash}."),
            (Some(hash), true) => format!(
                "Made from commit {hash}, with uncommitted changes: this report shows work not yet in any commit."
            ),
            (None, _) => {
                "Made from a folder with no git commit: this report cannot be traced to a commit."
                    .to_string()
            }
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Quotes per theme (default 3).
    pub quotes: usize,
    /// Only this theme and its subthemes.
    pub theme: Option<ThemeId>,
    pub filter: Filter,
}

#[derive(Clone, Debug)]
pub struct Report {
    pub title: String,
    pub description: String,
    pub provenance: String,
    /// The filter in words, empty when the report covers every document.
    pub scope: String,
    pub quote_rule: &'static str,
    /// Theme sections in tree order.
    pub themes: Vec<ThemeSection>,
    pub codebook: Vec<CodebookRow>,
    pub theme_counts: Vec<(usize, String, Counts)>,
    pub journal: Vec<JournalEntry>,
}

#[derive(Clone, Debug)]
pub struct ThemeSection {
    pub id: String,
    pub name: String,
    /// 0 for a top-level theme (of the report).
    pub depth: usize,
    /// Index of the parent section, None at the top.
    pub parent: Option<usize>,
    pub status: String,
    pub definition: String,
    pub subthemes: Vec<String>,
    /// The theme's own codes: (name, definition).
    pub codes: Vec<(String, String)>,
    pub counts: Counts,
    pub quotes: Vec<Quote>,
}

#[derive(Clone, Debug)]
pub struct Quote {
    pub text: String,
    /// "P3, speaker P3, lines 65; role: nurse prescriber, service: B"
    pub attribution: String,
    pub code: String,
    pub starred: bool,
}

#[derive(Clone, Debug)]
pub struct CodebookRow {
    pub theme_path: String,
    pub code: String,
    pub definition: String,
    pub codings: usize,
    pub documents: usize,
}

pub fn build(
    project: &Project,
    provenance: &Provenance,
    options: &Options,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Report, String> {
    let roots: Vec<&crate::model::Theme> = match &options.theme {
        Some(id) => vec![
            project
                .theme(id)
                .ok_or_else(|| format!("no theme '{id}'"))?,
        ],
        None => project.themes.iter().collect(),
    };
    let walked: Vec<(usize, &crate::model::Theme)> = roots
        .iter()
        .flat_map(|t| theme::walk(std::slice::from_ref(*t)))
        .collect();
    let theme_freq = freq(project, &options.filter, true, None)?;
    let code_freq = freq(project, &options.filter, false, None)?;
    let counts_of = |id: &str, rows: &[query::FreqRow]| {
        rows.iter()
            .find(|r| r.id == id)
            .map(|r| r.total)
            .unwrap_or_default()
    };
    // All extracts once, then per theme those of its codes.
    let all = query::extracts::outlines(project, None, &options.filter);
    let mut by_code: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for (i, e) in all.iter().enumerate() {
        by_code.entry(e.code.as_str()).or_default().push(i);
    }
    let quotes_wanted = if options.quotes == 0 {
        0
    } else {
        options.quotes
    };
    let mut used = Vec::new();
    let mut sections: Vec<ThemeSection> = Vec::new();
    let mut stack: Vec<(usize, usize)> = Vec::new(); // (depth, section index)
    for (step, (depth, t)) in walked.iter().enumerate() {
        progress(step, walked.len());
        while stack.last().is_some_and(|(d, _)| d >= depth) {
            stack.pop();
        }
        let parent = stack.last().map(|(_, i)| *i);
        let codes = Subject::Theme(t.id.clone()).codes(project);
        let mut picked: Vec<usize> = codes
            .iter()
            .flat_map(|c| by_code.get(c.as_str()).into_iter().flatten().copied())
            .collect();
        picked.sort_unstable();
        let candidates: Vec<&Extract> = picked.iter().map(|&i| &all[i]).collect();
        let chosen = quotes::choose(&candidates, quotes_wanted, &mut used);
        sections.push(ThemeSection {
            id: t.id.to_string(),
            name: t.name.clone(),
            depth: *depth,
            parent,
            status: t.status.label().to_string(),
            definition: t.definition.clone(),
            subthemes: t.subthemes.iter().map(|s| s.name.clone()).collect(),
            codes: t
                .codes
                .iter()
                .map(|c| {
                    let def = project.codes.get(c).map(|c| c.description.clone());
                    (project.code_name(c).to_string(), def.unwrap_or_default())
                })
                .collect(),
            counts: counts_of(t.id.as_str(), &theme_freq.rows),
            quotes: chosen
                .into_iter()
                .map(|mut e| {
                    query::extracts::fill(project, &mut e);
                    quote(project, &e)
                })
                .collect(),
        });
        stack.push((*depth, sections.len() - 1));
    }
    progress(walked.len(), walked.len());
    let in_report: Vec<crate::model::CodeId> = match &options.theme {
        Some(_) => walked
            .iter()
            .flat_map(|(_, t)| t.codes.iter().cloned())
            .collect(),
        None => query::code_order(project),
    };
    let codebook = in_report
        .iter()
        .filter_map(|id| {
            let code = project.codes.get(id)?;
            let counts = counts_of(id.as_str(), &code_freq.rows);
            Some(CodebookRow {
                theme_path: theme_path(project, id),
                code: code.name.clone(),
                definition: code.description.clone(),
                codings: counts.codings,
                documents: counts.documents,
            })
        })
        .collect();
    let theme_counts = sections
        .iter()
        .map(|s| (s.depth, s.name.clone(), s.counts))
        .collect();
    Ok(Report {
        title: project.manifest.title.clone(),
        description: project.manifest.description.clone(),
        provenance: provenance.sentence(),
        scope: options.filter.describe(),
        quote_rule: quotes::RULE,
        themes: sections,
        codebook,
        theme_counts,
        journal: project.journal.clone(),
    })
}

/// "Parent > Child" for the theme holding `code`, empty when unsorted.
pub fn theme_path(project: &Project, code: &crate::model::CodeId) -> String {
    fn path_to(themes: &[crate::model::Theme], code: &crate::model::CodeId) -> Option<Vec<String>> {
        for t in themes {
            if t.codes.contains(code) {
                return Some(vec![t.name.clone()]);
            }
            if let Some(mut rest) = path_to(&t.subthemes, code) {
                rest.insert(0, t.name.clone());
                return Some(rest);
            }
        }
        None
    }
    path_to(&project.themes, code)
        .map(|p| p.join(" > "))
        .unwrap_or_default()
}

fn quote(project: &Project, e: &Extract) -> Quote {
    let mut attribution = e.document.clone();
    if let Some(speaker) = &e.speaker
        && speaker != &e.document
    {
        attribution.push_str(&format!(", speaker {speaker}"));
    }
    let word = if e.lines.contains('-') {
        "lines"
    } else {
        "line"
    };
    attribution.push_str(&format!(", {word} {}", e.lines));
    let values: Vec<String> = project
        .manifest
        .attributes
        .iter()
        .filter_map(|a| {
            let v = e.attributes.get(&a.name)?;
            Some(format!("{}: {v}", a.name))
        })
        .collect();
    if !values.is_empty() {
        attribution.push_str("; ");
        attribution.push_str(&values.join(", "));
    }
    Quote {
        text: e.text.split_whitespace().collect::<Vec<_>>().join(" "),
        attribution,
        code: e.code_name.clone(),
        starred: e.starred,
    }
}
