//! `margin check`: everything that can be wrong with a loaded project, each
//! problem pointed at the file, line and column that causes it.

use crate::import::sha256_hex;
use crate::model::{AttributeDef, CoderId, MemoTarget, Project, theme};
use crate::store::files::{self, CodingLine, EXCERPT_CHARS, Evidence, FileKey};
use crate::store::{Problem, locate, locate_in};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every problem of a project that loaded (parse errors stop loading and are
/// reported by the store). `root` is the folder it was loaded from.
pub fn validate(root: &Path, project: &Project) -> Vec<Problem> {
    validate_loaded(root, project, &read_evidence(root, project))
}

/// `validate` with the stored excerpts the loader kept (`Store::evidence`),
/// so that no codings file is read or parsed a second time.
pub fn validate_loaded(root: &Path, project: &Project, evidence: &Evidence) -> Vec<Problem> {
    let mut problems = Vec::new();
    check_documents(root, project, &mut problems);
    check_codings(root, project, evidence, &mut problems);
    check_themes(root, project, &mut problems);
    check_memos(project, &mut problems);
    check_coders(root, project, &mut problems);
    problems
}

fn check_documents(root: &Path, project: &Project, problems: &mut Vec<Problem>) {
    let defs: BTreeMap<&str, &AttributeDef> = project
        .manifest
        .attributes
        .iter()
        .map(|a| (a.name.as_str(), a))
        .collect();
    // Hashing every transcript is most of a check: spread over the cores.
    let docs: Vec<&crate::model::Document> = project.documents.values().collect();
    let text_changed = crate::store::parallel::map(&docs, |doc| {
        !doc.record.sha256.is_empty() && sha256_hex(doc.text()) != doc.record.sha256
    });
    for (doc, text_changed) in docs.into_iter().zip(text_changed) {
        let record_path = FileKey::DocumentRecord(doc.id.clone()).rel_path();
        if text_changed {
            problems.push(Problem::whole_file(
                FileKey::DocumentText(doc.id.clone()).rel_path(),
                format!(
                    "the text changed since its codings were made (its SHA-256 differs from {record_path}); run `margin reanchor {}` (or open the workbench) to move them onto the new text",
                    root.display()
                ),
            ));
        }
        for (name, value) in &doc.record.attributes {
            let problem = match defs.get(name.as_str()) {
                None => Some(format!("attribute '{name}' is not defined in margin.ron")),
                Some(def) => def.check(value).err(),
            };
            // Placed only when there is a problem: reading the record again
            // for every attribute was thousands of reads on a clean project.
            if let Some(message) = problem {
                let (line, col) = locate(root, &record_path, &format!("\"{name}\""), 1);
                problems.push(Problem::new(&record_path, line, col, message));
            }
        }
    }
}

fn check_codings(root: &Path, project: &Project, evidence: &Evidence, problems: &mut Vec<Problem>) {
    for (doc_id, by_coder) in &project.codings {
        let document = project.documents.get(doc_id);
        for (coder, list) in by_coder {
            let rel = FileKey::Codings(doc_id.clone(), coder.clone()).rel_path();
            let Some(document) = document else {
                problems.push(Problem::whole_file(
                    &rel,
                    format!("codings of document '{doc_id}', which the project does not have"),
                ));
                continue;
            };
            // The file is read again only to place a problem in it: a clean
            // project costs no second read or search.
            let mut file_text: Option<String> = None;
            let mut seen = BTreeSet::new();
            for coding in list {
                let mut report = |message: String| {
                    let text = file_text.get_or_insert_with(|| {
                        crate::store::paths::read(root, &rel)
                            .ok()
                            .and_then(|bytes| String::from_utf8(bytes).ok())
                            .unwrap_or_default()
                    });
                    let needle = format!("start: {}, end: {}", coding.start, coding.end);
                    let (line, col) = locate_in(text, &needle, 1);
                    problems.push(Problem::new(&rel, line, col, message))
                };
                if !project.codes.contains_key(&coding.code) {
                    let code = &coding.code;
                    let settle = format!(
                        "settle it with `margin reconcile {d} --restore {code}` or `margin reconcile {d} --delete-codings {code}` (or in the workbench)",
                        d = root.display()
                    );
                    report(match crate::refactor::follow::fate(project, code) {
                        crate::refactor::follow::Fate::Deleted { by, .. } => format!(
                            "coding of code '{code}', which was deleted with its codings ({by}); {settle}"
                        ),
                        crate::refactor::follow::Fate::Into { code: into, by } => format!(
                            "coding of code '{code}', which became '{into}' ({by}); `margin reconcile {}` moves it there",
                            root.display()
                        ),
                        crate::refactor::follow::Fate::Unknown => {
                            format!("unknown code '{code}'; {settle}")
                        }
                    });
                }
                if let Some(was) = &coding.unplaced {
                    report(format!(
                        "unplaced coding: its words (\"{was}\") are no longer in the transcript; place or delete it (`margin reanchor {} --list`, or U in the workbench)",
                        root.display()
                    ));
                    continue;
                }
                if coding.start >= coding.end || coding.end > document.char_len() {
                    report(format!(
                        "range {}..{} is outside the text of {doc_id} ({} characters)",
                        coding.start,
                        coding.end,
                        document.char_len()
                    ));
                    continue;
                }
                if !seen.insert((coding.start, coding.end, &coding.code)) {
                    report(format!("the same coding ('{}') appears twice", coding.code));
                }
                // The loader kept every stored excerpt the text no longer
                // gives; nothing to compare for the others.
                if let Some((_, was)) = evidence.stored(doc_id, coder, coding.start, coding.end)
                    && !was.is_empty()
                {
                    let now = document.excerpt(coding.start, coding.end, EXCERPT_CHARS);
                    report(format!(
                        "coding no longer anchors: it was made on \"{was}\" but the text there now reads \"{now}\""
                    ));
                }
            }
        }
    }
}

/// The stored excerpts that no longer match the text, read from the
/// codings files: what the loader keeps (`Store::evidence`), for a caller
/// that has only the project.
fn read_evidence(root: &Path, project: &Project) -> Evidence {
    let mut evidence = Evidence::default();
    for (doc_id, by_coder) in &project.codings {
        let Some(document) = project.documents.get(doc_id) else {
            continue;
        };
        for coder in by_coder.keys() {
            let rel = FileKey::Codings(doc_id.clone(), coder.clone()).rel_path();
            let file_text = crate::store::paths::read(root, &rel)
                .ok()
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .unwrap_or_default();
            let stored: Vec<CodingLine> = files::parse(&file_text).unwrap_or_default();
            for line in stored {
                if !line.text.is_empty()
                    && line.start < line.end
                    && line.end <= document.char_len()
                    && document.excerpt(line.start, line.end, EXCERPT_CHARS) != line.text
                {
                    evidence.keep(doc_id, coder, &line);
                }
            }
        }
    }
    evidence
}

fn check_themes(root: &Path, project: &Project, problems: &mut Vec<Problem>) {
    let mut theme_ids = BTreeSet::new();
    let mut holders: BTreeMap<&str, &str> = BTreeMap::new();
    for (_, t) in theme::walk(&project.themes) {
        let at = |needle: &str| locate(root, files::THEMES, needle, 1);
        if !theme_ids.insert(t.id.as_str()) {
            let (line, col) = locate(root, files::THEMES, &format!("id: \"{}\"", t.id), 2);
            problems.push(Problem::new(
                files::THEMES,
                line,
                col,
                format!("theme id '{}' appears twice", t.id),
            ));
        }
        for code in &t.codes {
            // Placed only when there is a problem (see check_documents).
            let place = || at(&format!("\"{code}\""));
            if !project.codes.contains_key(code) {
                let (line, col) = place();
                problems.push(Problem::new(
                    files::THEMES,
                    line,
                    col,
                    format!("theme '{}' lists unknown code '{code}'", t.name),
                ));
            }
            if let Some(other) = holders.insert(code.as_str(), t.name.as_str()) {
                let (line, col) = place();
                problems.push(Problem::new(
                    files::THEMES,
                    line,
                    col,
                    format!("code '{code}' is in two themes, '{other}' and '{}'", t.name),
                ));
            }
        }
    }
}

fn check_memos(project: &Project, problems: &mut Vec<Problem>) {
    for target in project.memos.keys() {
        let exists = match target {
            MemoTarget::Project => true,
            MemoTarget::Document(id) => project.documents.contains_key(id),
            MemoTarget::Code(id) => project.codes.contains_key(id),
            MemoTarget::Theme(id) => project.theme(id).is_some(),
        };
        if !exists {
            problems.push(Problem::whole_file(
                target.rel_path(),
                format!("memo on {target}, which the project does not have"),
            ));
        }
    }
}

fn check_coders(root: &Path, project: &Project, problems: &mut Vec<Problem>) {
    let listed: BTreeSet<&CoderId> = project.manifest.coders.iter().collect();
    let mut reported = BTreeSet::new();
    for by_coder in project.codings.values() {
        for coder in by_coder.keys() {
            if !listed.contains(coder) && reported.insert(coder.clone()) {
                let (line, col) = locate(root, files::MANIFEST, "coders:", 1);
                problems.push(Problem::new(
                    files::MANIFEST,
                    line,
                    col,
                    format!("coder '{coder}' has codings but is not listed under coders"),
                ));
            }
        }
    }
}
