//! Building the compound edits that the faces offer: code a range (creating
//! the code if it is new), list a new coder in the manifest,
//! auto-code search hits. Each returns one `Edit` (a `Batch` when compound) so
//! that one keystroke is one undo step.

use super::Edit;
use crate::model::{Code, CodeId, Coding, DocId, Manifest, PALETTE, Project, unique_slug};

/// A new code named `name` with a fresh id and the next palette colour.
pub fn new_code(project: &Project, name: &str) -> Code {
    let name = name.trim();
    let id = CodeId::new(unique_slug(name, |s| {
        project.codes.contains_key(&CodeId::new(s))
    }));
    let mut code = Code::new(id, name, 0);
    code.color = PALETTE[project.codes.len() % PALETTE.len()].to_string();
    code
}

/// The manifest with `coder` listed, if it is not yet.
pub fn manifest_listing(manifest: &Manifest, coder: &str) -> Option<Manifest> {
    if manifest.coders.iter().any(|c| c == coder) {
        return None;
    }
    let mut next = manifest.clone();
    next.coders.push(coder.to_string());
    next.coders.sort();
    Some(next)
}

/// Codes `start..end` of `doc` for `coder`. When `new_code` is given it is
/// added first; when the coder is new to the project the manifest lists them.
pub fn code_range(
    project: &Project,
    doc: &DocId,
    coder: &str,
    (start, end): (usize, usize),
    code: &CodeId,
    new_code: Option<Code>,
) -> Edit {
    let coding = Edit::AddCoding {
        doc: doc.clone(),
        coder: coder.to_string(),
        coding: Coding::new(code.clone(), start, end),
    };
    let mut edits = Vec::new();
    let mut label = match &new_code {
        Some(code) => {
            // Describe against a project that has the code, so the name shows.
            let mut with_code = Project::new(project.manifest.clone());
            with_code.codes.insert(code.id.clone(), code.clone());
            if let Some(d) = project.documents.get(doc) {
                with_code.documents.insert(doc.clone(), d.clone());
            }
            format!("{} (new code)", coding.describe(&with_code))
        }
        None => coding.describe(project),
    };
    if let Some(code) = new_code {
        edits.push(Edit::AddCode { code });
    }
    if let Some(after) = manifest_listing(&project.manifest, coder) {
        edits.push(Edit::SetManifest {
            before: Box::new(project.manifest.clone()),
            after: Box::new(after),
        });
    }
    if edits.is_empty() {
        return coding;
    }
    edits.push(coding);
    label = label.replace(&format!(" ({coder})"), "");
    Edit::Batch { label, edits }
}

/// Codes every hit `(doc, start, end)` with `code` for `coder`, skipping hits
/// this coder already coded with it. None when there is nothing to add.
pub fn auto_code(
    project: &Project,
    hits: &[(DocId, usize, usize)],
    coder: &str,
    code: &CodeId,
) -> Option<Edit> {
    let already = |doc: &DocId, start: usize, end: usize| {
        project
            .codings
            .get(doc)
            .and_then(|m| m.get(coder))
            .is_some_and(|list| {
                list.iter()
                    .any(|c| c.start == start && c.end == end && &c.code == code)
            })
    };
    let mut edits: Vec<Edit> = Vec::new();
    for (doc, start, end) in hits {
        if start < end && !already(doc, *start, *end) {
            edits.push(Edit::AddCoding {
                doc: doc.clone(),
                coder: coder.to_string(),
                coding: Coding::new(code.clone(), *start, *end),
            });
        }
    }
    if edits.is_empty() {
        return None;
    }
    let docs: std::collections::BTreeSet<&DocId> = hits.iter().map(|(d, _, _)| d).collect();
    let label = format!(
        "auto-code {} passage{} in {} document{} as '{}'",
        edits.len(),
        if edits.len() == 1 { "" } else { "s" },
        docs.len(),
        if docs.len() == 1 { "" } else { "s" },
        project.code_name(code)
    );
    if let Some(after) = manifest_listing(&project.manifest, coder) {
        edits.insert(
            0,
            Edit::SetManifest {
                before: Box::new(project.manifest.clone()),
                after: Box::new(after),
            },
        );
    }
    Some(Edit::Batch { label, edits })
}

/// A code name taken from the coded words themselves ("in vivo"): whitespace
/// collapsed, surrounding punctuation and quotes dropped, at most six words.
pub fn in_vivo_name(selected: &str) -> Option<String> {
    let words: Vec<&str> = selected
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-'))
        .filter(|w| !w.is_empty())
        .take(6)
        .collect();
    let name = words.join(" ");
    let name = name.trim_matches('\'').trim();
    (!name.is_empty()).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, DocumentRecord};

    fn project() -> Project {
        let mut p = Project::new(Manifest::new("t"));
        let record = DocumentRecord {
            title: "P1".into(),
            source: String::new(),
            attributes: Default::default(),
            sha256: String::new(),
            guid: String::new(),
            times: Vec::new(),
        };
        let text = "Interviewer: Hello.\nP1: You never know which one you get.\n";
        p.documents.insert(
            DocId::new("P1"),
            Document::new(DocId::new("P1"), record, text.to_string()),
        );
        p
    }

    #[test]
    fn coding_with_a_new_code_is_one_undoable_step() {
        let mut p = project();
        let before = p.clone();
        let code = new_code(&p, "Chaos");
        let id = code.id.clone();
        let edit = code_range(&p, &DocId::new("P1"), "ana", (24, 33), &id, Some(code));
        assert_eq!(edit.describe(&p), "code 'Chaos' on P1 line 2 (new code)");
        let undo = edit.apply(&mut p).expect("applies");
        assert_eq!(p.coding_count(), 1);
        assert_eq!(p.manifest.coders, ["ana"]);
        undo.apply(&mut p).expect("undoes");
        assert_eq!(p, before);
    }

    /// Deleting lives in `refactor::delete_code` (journaled, with a choice for
    /// the codings); this checks it against codings made through compose.
    #[test]
    fn deleting_a_code_removes_its_codings_and_can_be_undone() {
        use crate::refactor::{CodingsPolicy, Stamp, delete_code};
        let mut p = project();
        let code = new_code(&p, "chaos");
        let id = code.id.clone();
        code_range(&p, &DocId::new("P1"), "ana", (0, 5), &id, Some(code))
            .apply(&mut p)
            .expect("codes");
        let hits = [(DocId::new("P1"), 24, 33), (DocId::new("P1"), 0, 5)];
        auto_code(&p, &hits, "ana", &id)
            .expect("one new hit")
            .apply(&mut p)
            .expect("auto-codes");
        assert_eq!(p.coding_count(), 2);
        let before = p.clone();
        let stamp = Stamp::now("ana", "");
        let planned = delete_code(&p, &id, &CodingsPolicy::DeleteCodings, &stamp).expect("plans");
        let removed = planned.report.codings;
        assert_eq!(removed, 2);
        let undo = planned.edit.apply(&mut p).expect("deletes");
        assert!(p.codes.is_empty());
        undo.apply(&mut p).expect("restores");
        assert_eq!(p, before);
    }

    #[test]
    fn in_vivo_names_come_from_the_words() {
        assert_eq!(
            in_vivo_name("  \"you never know,\n which one\" ").as_deref(),
            Some("you never know which one")
        );
        assert_eq!(in_vivo_name(" ... "), None);
    }
}
