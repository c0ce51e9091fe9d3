//! How often each code is used, kept up to date edit by edit. Recounting
//! 200,000 codings after every keystroke that codes something took 45 ms;
//! an edit changes the codings of a few documents, so only those are
//! counted again.

use crate::edit::Edit;
use crate::model::{CodeId, DocId, Project};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Code id -> (codings, documents), as `Project::usage_table` counts them:
/// every code of the codebook (unused ones at zero) and every code that
/// codings name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UsageCounts {
    /// Codings of each code in each document, every coder together.
    per_doc: HashMap<DocId, HashMap<CodeId, usize>>,
    table: BTreeMap<CodeId, (usize, usize)>,
}

impl UsageCounts {
    /// Counts every coding once.
    pub fn new(project: &Project) -> Self {
        let mut counts = UsageCounts::default();
        for doc in project.codings.keys() {
            counts.recount_doc(project, doc);
        }
        counts.sync_codebook(project);
        counts
    }

    pub fn table(&self) -> &BTreeMap<CodeId, (usize, usize)> {
        &self.table
    }

    /// Brings the counts up to date after `edit` (or its inverse, for undo)
    /// was applied to `project`: the documents whose codings it changed are
    /// counted again, and the codebook's codes are listed.
    pub fn follow(&mut self, project: &Project, edit: &Edit) {
        let mut docs = BTreeSet::new();
        edit.for_each_coded_document(&mut |doc| {
            docs.insert(doc.clone());
        });
        for doc in &docs {
            self.recount_doc(project, doc);
        }
        self.sync_codebook(project);
    }

    fn recount_doc(&mut self, project: &Project, doc: &DocId) {
        let mut now: HashMap<CodeId, usize> = HashMap::new();
        for coding in project
            .codings
            .get(doc)
            .into_iter()
            .flat_map(|by| by.values().flatten())
        {
            *now.entry(coding.code.clone()).or_default() += 1;
        }
        if let Some(before) = self.per_doc.remove(doc) {
            for (code, n) in before {
                if let Some(entry) = self.table.get_mut(&code) {
                    entry.0 -= n;
                    entry.1 -= 1;
                }
            }
        }
        for (code, n) in &now {
            let entry = self.table.entry(code.clone()).or_default();
            entry.0 += n;
            entry.1 += 1;
        }
        if !now.is_empty() {
            self.per_doc.insert(doc.clone(), now);
        }
    }

    /// Every code of the codebook is listed; a code neither in it nor used
    /// any more is not.
    fn sync_codebook(&mut self, project: &Project) {
        self.table
            .retain(|code, uses| uses.0 > 0 || project.codes.contains_key(code));
        for code in project.codes.keys() {
            self.table.entry(code.clone()).or_default();
        }
    }
}
