//! Re-applying edits that could not be saved onto a project freshly read from
//! disk, after someone else changed the files: each edit that still fits is
//! kept, each that no longer does is named with the reason, never dropped
//! silently.

use crate::edit::Edit;
use crate::model::Project;

/// The outcome of re-applying edits, in their original order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reapplied {
    /// The edits applied to the fresh project (to be saved).
    pub applied: Vec<Edit>,
    /// Each edit that no longer applies: its description and why not.
    pub dropped: Vec<(String, String)>,
}

/// Applies `edits` in order to `project`. An edit that fails leaves the
/// project as it was (edits are all-or-nothing) and the later ones are still
/// tried: they may not depend on it.
pub fn reapply(project: &mut Project, edits: Vec<Edit>) -> Reapplied {
    let mut out = Reapplied::default();
    for edit in edits {
        let description = edit.describe(project);
        match edit.clone().apply(project) {
            Ok(_inverse) => out.applied.push(edit),
            Err(err) => out.dropped.push((description, err.to_string())),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Code, CodeId, Coding, DocId, Document, DocumentRecord, Manifest};

    fn project() -> Project {
        let mut p = Project::new(Manifest::new("t"));
        let record = DocumentRecord {
            title: "P1".into(),
            source: "P1.txt".into(),
            attributes: Default::default(),
            sha256: String::new(),
            guid: String::new(),
            times: Vec::new(),
        };
        p.documents.insert(
            DocId::new("P1"),
            Document::new(DocId::new("P1"), record, "one two three four".into()),
        );
        p.codes
            .insert(CodeId::new("a"), Code::new(CodeId::new("a"), "a", 0));
        p
    }

    fn coding(code: &str, start: usize) -> Edit {
        Edit::AddCoding {
            doc: DocId::new("P1"),
            coder: "ana".into(),
            coding: Coding::new(CodeId::new(code), start, start + 3),
        }
    }

    #[test]
    fn edits_that_fit_are_applied_and_the_others_named_with_the_reason() {
        let mut fresh = project();
        let edits = vec![coding("a", 0), coding("gone", 4), coding("a", 8)];
        let out = reapply(&mut fresh, edits.clone());
        assert_eq!(out.applied, vec![edits[0].clone(), edits[2].clone()]);
        assert_eq!(out.dropped.len(), 1, "{out:?}");
        assert!(out.dropped[0].1.contains("gone"), "{out:?}");
        assert_eq!(fresh.coding_count(), 2);
    }

    #[test]
    fn an_edit_already_made_on_disk_is_reported_not_doubled() {
        let mut fresh = project();
        coding("a", 0).apply(&mut fresh).expect("applies");
        let out = reapply(&mut fresh, vec![coding("a", 0)]);
        assert!(out.applied.is_empty());
        assert_eq!(out.dropped.len(), 1);
        assert_eq!(fresh.coding_count(), 1);
    }
}
