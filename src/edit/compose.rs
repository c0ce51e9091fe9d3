//! Building the compound edits that the faces offer: code a range (creating
//! the code if it is new), list a new coder in the manifest,
//! auto-code search hits. Each returns one `Edit` (a `Batch` when compound) so
//! that one keystroke is one undo step.

use super::Edit;
use crate::model::{
    Code, CodeId, Coding, DocId, DocSpan, Manifest, MemoTarget, PALETTE, Project, unique_slug,
};
use crate::text::scope::{self, Scope};
use std::collections::BTreeSet;

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
    next.coders.push(coder.into());
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
    let coding = add_coding(project, doc, coder, Coding::new(code.clone(), start, end));
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

/// Adds `coding` for `coder`, keeping one coding per passage per coder and
/// code: where it overlaps or touches the coder's own codings of the same
/// code it joins them into one (their memos kept), as one undoable edit,
/// rather than nesting a copy that would inflate every count. A coding that
/// lies inside one of the coder's own is refused as already coded.
pub fn add_coding(project: &Project, doc: &DocId, coder: &str, coding: Coding) -> Edit {
    let own: &[Coding] = project
        .codings
        .get(doc)
        .and_then(|m| m.get(coder))
        .map_or(&[], Vec::as_slice);
    let add = |coding: Coding| Edit::AddCoding {
        doc: doc.clone(),
        coder: coder.into(),
        coding,
    };
    match join(own, &coding) {
        // Applying this fails with "already coded", which is what to say.
        Join::Inside(holder) => add(holder),
        Join::Alone => add(coding),
        Join::Union { removed, union } => {
            let label = format!(
                "{}, joined with {} coding{} of the same code",
                add(union.clone()).describe(project),
                removed.len(),
                if removed.len() == 1 { "" } else { "s" }
            );
            let mut edits = removals(doc, coder, &removed);
            edits.push(add(union));
            Edit::Batch { label, edits }
        }
    }
}

/// How a new coding meets the coder's own codings of its code.
enum Join {
    /// It lies inside this one: nothing to add.
    Inside(Coding),
    /// It touches none.
    Alone,
    /// It overlaps or touches these, and joins them into `union` (their
    /// memos kept).
    Union { removed: Vec<Coding>, union: Coding },
}

fn join(own: &[Coding], coding: &Coding) -> Join {
    let same_code: Vec<&Coding> = own
        .iter()
        .filter(|c| c.code == coding.code && !c.is_unplaced())
        .collect();
    // Joining may reach further codings that touch the joined range.
    let (mut start, mut end) = (coding.start, coding.end);
    let mut joined: Vec<&Coding> = Vec::new();
    loop {
        let reach: Vec<&Coding> = same_code
            .iter()
            .copied()
            .filter(|c| c.start <= end && start <= c.end)
            .collect();
        if reach.len() == joined.len() {
            break;
        }
        start = reach.iter().map(|c| c.start).fold(start, usize::min);
        end = reach.iter().map(|c| c.end).fold(end, usize::max);
        joined = reach;
    }
    if let Some(holder) = joined
        .iter()
        .find(|c| c.start <= coding.start && coding.end <= c.end)
    {
        return Join::Inside((*holder).clone());
    }
    if joined.is_empty() {
        return Join::Alone;
    }
    let mut memos: Vec<&str> = Vec::new();
    for memo in joined
        .iter()
        .map(|c| c.memo.trim())
        .chain([coding.memo.trim()])
    {
        if !memo.is_empty() && !memos.contains(&memo) {
            memos.push(memo);
        }
    }
    let mut union = Coding::new(coding.code.clone(), start, end);
    union.memo = memos.join(" / ");
    Join::Union {
        removed: joined.into_iter().cloned().collect(),
        union,
    }
}

fn removals(doc: &DocId, coder: &str, codings: &[Coding]) -> Vec<Edit> {
    codings
        .iter()
        .map(|c| Edit::RemoveCoding {
            doc: doc.clone(),
            coder: coder.into(),
            coding: c.clone(),
        })
        .collect()
}

/// Passages to auto-code, found from search hits.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Passages {
    /// Document by document in the order of the hits, each document's
    /// passages in text order.
    pub ranges: Vec<DocSpan>,
    /// Hits outside any speaker's words (a turn scope codes speech only).
    pub skipped: usize,
}

/// The search-to-passages step of auto-coding, for both faces: each hit
/// is expanded to `scope` (the match, its sentence, its
/// turn...), kept only when `speaker` (if any) says it, and hits that fall
/// in one unit become one passage.
pub fn passages_of_hits(
    project: &Project,
    hits: &[DocSpan],
    scope: Scope,
    speaker: Option<&str>,
) -> Passages {
    let mut by_doc: Vec<(&DocId, Vec<(usize, usize)>)> = Vec::new();
    for hit in hits {
        match by_doc.iter_mut().find(|(d, _)| *d == &hit.doc) {
            Some((_, ranges)) => ranges.push((hit.start, hit.end)),
            None => by_doc.push((&hit.doc, vec![(hit.start, hit.end)])),
        }
    }
    let mut out = Passages::default();
    for (id, ranges) in by_doc {
        let Some(doc) = project.documents.get(id) else {
            continue;
        };
        let found = scope::passages(
            doc.text(),
            doc.index(),
            doc.turns(),
            &ranges,
            scope,
            speaker,
        );
        out.skipped += found.skipped;
        out.ranges.extend(
            found
                .ranges
                .into_iter()
                .map(|(s, e)| DocSpan::new(id.clone(), s, e)),
        );
    }
    out
}

/// Setting the memo on `target` to `text`, by one rule for both faces:
/// trailing whitespace is dropped and the file ends with one newline; an
/// empty memo is removed. None when that changes nothing.
pub fn set_memo(project: &Project, target: &MemoTarget, text: &str) -> Option<Edit> {
    let text = text.trim_end();
    let after = (!text.is_empty()).then(|| format!("{text}\n"));
    let before = project.memos.get(target).cloned();
    (after != before).then(|| Edit::SetMemo {
        target: target.clone(),
        before,
        after,
    })
}

/// Codes every hit with `code` for `coder`, skipping hits
/// inside the coder's own codings of it and joining those that overlap or
/// touch them (one coding per passage per coder and code). None when there
/// is nothing to add.
pub fn auto_code(project: &Project, hits: &[DocSpan], coder: &str, code: &CodeId) -> Option<Edit> {
    let mut plan = AutoCodePlan::new(project, coder, code);
    for hit in hits {
        plan.add(&hit.doc, (hit.start, hit.end));
    }
    plan.into_edit()
}

/// An auto-coding planned hit by hit, each hit meeting the coder's codings
/// of its document as the earlier hits left them. It keeps per passage only
/// its offsets (and, when it joins codings, what it removes and the joined
/// memo), and the working list of one document at a time: a run over a
/// whole corpus costs a few bytes a passage, where an `Edit` for each
/// (with its document, coder and code) cost a hundred more.
pub struct AutoCodePlan<'p> {
    project: &'p Project,
    coder: &'p str,
    code: &'p CodeId,
    /// The steps, in order, in runs of one document.
    runs: Vec<(DocId, Vec<Step>)>,
    /// The coder's codings of the current run's document, as planned so far.
    list: Vec<Coding>,
    /// Every document a hit fell in (the edit's label counts them).
    hit_docs: BTreeSet<DocId>,
}

/// One planned change: a coding of the coder's removed (joined into the
/// next addition), or a coding of the plan's code added.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    Remove(Box<Coding>),
    Add {
        start: usize,
        end: usize,
        memo: String,
    },
}

impl<'p> AutoCodePlan<'p> {
    pub fn new(project: &'p Project, coder: &'p str, code: &'p CodeId) -> Self {
        AutoCodePlan {
            project,
            coder,
            code,
            runs: Vec::new(),
            list: Vec::new(),
            hit_docs: BTreeSet::new(),
        }
    }

    /// Plans the hit `start..end` of `doc`.
    pub fn add(&mut self, doc: &DocId, (start, end): (usize, usize)) {
        if !self.hit_docs.contains(doc) {
            self.hit_docs.insert(doc.clone());
        }
        if start >= end {
            return;
        }
        if self.runs.last().is_none_or(|(d, _)| d != doc) {
            self.list = self.list_of(doc);
            self.runs.push((doc.clone(), Vec::new()));
        }
        let coding = Coding::new(self.code.clone(), start, end);
        let steps = &mut self.runs.last_mut().expect("a run was just pushed").1;
        match join(&self.list, &coding) {
            Join::Inside(_) => {}
            Join::Alone => {
                self.list.push(coding);
                steps.push(Step::Add {
                    start,
                    end,
                    memo: String::new(),
                });
            }
            Join::Union { removed, union } => {
                self.list.retain(|c| !removed.contains(c));
                steps.extend(removed.into_iter().map(|c| Step::Remove(Box::new(c))));
                steps.push(Step::Add {
                    start: union.start,
                    end: union.end,
                    memo: union.memo.clone(),
                });
                self.list.push(union);
            }
        }
    }

    /// The coder's codings of `doc` as the steps planned so far leave them:
    /// those on disk, with every earlier run of `doc` replayed (hits of one
    /// document usually come together, so this is mostly a copy).
    fn list_of(&self, doc: &DocId) -> Vec<Coding> {
        let mut list = self
            .project
            .codings
            .get(doc)
            .and_then(|m| m.get(self.coder))
            .cloned()
            .unwrap_or_default();
        for (_, steps) in self.runs.iter().filter(|(d, _)| d == doc) {
            for step in steps {
                match step {
                    Step::Remove(coding) => list.retain(|c| c != coding.as_ref()),
                    Step::Add { .. } => list.push(self.coding(step)),
                }
            }
        }
        list
    }

    /// The coding an `Add` step adds (a removal's own coding otherwise).
    fn coding(&self, step: &Step) -> Coding {
        match step {
            Step::Remove(coding) => coding.as_ref().clone(),
            Step::Add { start, end, memo } => {
                let mut coding = Coding::new(self.code.clone(), *start, *end);
                coding.memo.clone_from(memo);
                coding
            }
        }
    }

    /// The codings the plan adds, in order: document and character range.
    pub fn added(&self) -> impl Iterator<Item = (&DocId, usize, usize)> + '_ {
        self.runs.iter().flat_map(|(doc, steps)| {
            steps.iter().filter_map(move |step| match step {
                Step::Add { start, end, .. } => Some((doc, *start, *end)),
                Step::Remove(_) => None,
            })
        })
    }

    /// True when nothing is to be added: every hit already coded so.
    pub fn is_empty(&self) -> bool {
        self.runs.iter().all(|(_, steps)| steps.is_empty())
    }

    /// The plan as one undoable edit, listing the coder in the manifest when
    /// they are new; None when there is nothing to add.
    pub fn into_edit(self) -> Option<Edit> {
        if self.is_empty() {
            return None;
        }
        let passages = self.added().count();
        let mut edits: Vec<Edit> = Vec::new();
        if let Some(after) = manifest_listing(&self.project.manifest, self.coder) {
            edits.push(Edit::SetManifest {
                before: Box::new(self.project.manifest.clone()),
                after: Box::new(after),
            });
        }
        let label = format!(
            "auto-code {} passage{} in {} document{} as '{}'",
            passages,
            if passages == 1 { "" } else { "s" },
            self.hit_docs.len(),
            if self.hit_docs.len() == 1 { "" } else { "s" },
            self.project.code_name(self.code)
        );
        // Each document's change as its steps leave it, in one entry per
        // coding (`Edit::AddCodings`): a corpus-wide run is one edit a
        // document, not one a passage.
        let mut seen = BTreeSet::new();
        for (doc, _) in &self.runs {
            if !seen.insert(doc) {
                continue;
            }
            let before = self
                .project
                .codings
                .get(doc)
                .and_then(|m| m.get(self.coder))
                .map_or(&[][..], Vec::as_slice);
            let (removed, added) = difference(before, self.list_of(doc));
            let coder = crate::model::CoderId::new(self.coder);
            if !removed.is_empty() {
                edits.push(Edit::RemoveCodings {
                    doc: doc.clone(),
                    coder: coder.clone(),
                    codings: std::sync::Arc::new(removed),
                });
            }
            if !added.is_empty() {
                edits.push(Edit::AddCodings {
                    doc: doc.clone(),
                    coder,
                    codings: std::sync::Arc::new(added),
                });
            }
        }
        Some(Edit::Batch { label, edits })
    }
}

/// The codings of `before` that `after` no longer has, and those it adds
/// (a coding whose memo changed is both), each in coding order.
fn difference(before: &[Coding], after: Vec<Coding>) -> (Vec<Coding>, Vec<Coding>) {
    let before: BTreeSet<&Coding> = before.iter().collect();
    let after: BTreeSet<Coding> = after.into_iter().collect();
    let removed = before
        .iter()
        .filter(|c| !after.contains(**c))
        .map(|c| (*c).clone())
        .collect();
    let added = after
        .iter()
        .filter(|c| !before.contains(c))
        .cloned()
        .collect();
    (removed, added)
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
    use crate::model::{CoderId, Document, DocumentRecord};

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
        let hits = [
            DocSpan::new(DocId::new("P1"), 24, 33),
            DocSpan::new(DocId::new("P1"), 0, 5),
        ];
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

    /// Seen: coding inside or next to one's own coding with the same code
    /// nested a duplicate and inflated the counts.
    #[test]
    fn coding_over_or_next_to_ones_own_coding_extends_it() {
        let mut p = project();
        let doc = DocId::new("P1");
        let code = new_code(&p, "Chaos");
        let id = code.id.clone();
        code_range(&p, &doc, "ana", (24, 33), &id, Some(code))
            .apply(&mut p)
            .expect("codes");
        // Inside: refused, nothing nests.
        let inside = code_range(&p, &doc, "ana", (26, 30), &id, None);
        assert!(inside.apply(&mut p).is_err());
        // Touching at the end and overlapping at the start: one coding.
        let before = p.clone();
        let edit = code_range(&p, &doc, "ana", (20, 40), &id, None);
        assert!(
            edit.describe(&p).contains("joined with 1 coding"),
            "{}",
            edit.describe(&p)
        );
        let undo = edit.clone().apply(&mut p).expect("extends");
        let own = &p.codings[&doc]["ana"];
        assert_eq!(own.len(), 1);
        assert_eq!((own[0].start, own[0].end), (20, 40));
        // One undoable step.
        undo.apply(&mut p).expect("undoes");
        assert_eq!(p, before);
        edit.apply(&mut p).expect("redoes");
        code_range(&p, &doc, "ana", (40, 45), &id, None)
            .apply(&mut p)
            .expect("touching");
        assert_eq!(p.codings[&doc]["ana"].len(), 1);
        assert_eq!(p.codings[&doc]["ana"][0].end, 45);
        // Another coder's coding of the same passage stands on its own.
        code_range(&p, &doc, "ben", (26, 30), &id, None)
            .apply(&mut p)
            .expect("ben codes");
        assert_eq!(p.coding_count(), 2);
    }

    /// The plan keeps one document's working list at a time: a document
    /// whose hits come back after another's is planned against what its
    /// earlier hits left, memos kept, exactly as one list per document did.
    #[test]
    fn auto_coding_plans_documents_whose_hits_come_back() {
        let mut p = project();
        let (p1, p2) = (DocId::new("P1"), DocId::new("P2"));
        let record = p.documents[&p1].record.clone();
        p.documents.insert(
            p2.clone(),
            Document::new(p2.clone(), record, "P2: Some days calm.\n".into()),
        );
        let code = new_code(&p, "Chaos");
        let id = code.id.clone();
        let mut own = Coding::new(id.clone(), 0, 5);
        own.memo = "greeting".into();
        code_range(&p, &p1, "ana", (0, 5), &id, Some(code))
            .apply(&mut p)
            .expect("codes");
        let ana_codings = p.codings.get_mut(&p1).and_then(|m| m.get_mut("ana"));
        ana_codings.expect("coded")[0] = own.clone();
        let hits = [
            DocSpan::new(p1.clone(), 10, 15),
            DocSpan::new(p2.clone(), 0, 4),
            DocSpan::new(p1.clone(), 3, 12),
            DocSpan::new(p2.clone(), 1, 3),
        ];
        let mut plan = AutoCodePlan::new(&p, "ana", &id);
        for hit in &hits {
            plan.add(&hit.doc, (hit.start, hit.end));
        }
        let added: Vec<(&DocId, usize, usize)> = plan.added().collect();
        assert_eq!(added, [(&p1, 10, 15), (&p2, 0, 4), (&p1, 0, 15)]);
        let edit = plan.into_edit().expect("something to add");
        let mut joined = Coding::new(id.clone(), 0, 15);
        joined.memo = "greeting".into();
        let ana = || CoderId::new("ana");
        let Edit::Batch { label, edits } = &edit else {
            panic!("a batch: {edit:?}");
        };
        assert_eq!(label, "auto-code 3 passages in 2 documents as 'Chaos'");
        assert_eq!(
            edits,
            &[
                Edit::RemoveCodings {
                    doc: p1.clone(),
                    coder: ana(),
                    codings: vec![own].into(),
                },
                Edit::AddCodings {
                    doc: p1.clone(),
                    coder: ana(),
                    codings: vec![joined.clone()].into(),
                },
                Edit::AddCodings {
                    doc: p2.clone(),
                    coder: ana(),
                    codings: vec![Coding::new(id.clone(), 0, 4)].into(),
                },
            ]
        );
        assert_eq!(auto_code(&p, &hits, "ana", &id), Some(edit.clone()));
        edit.apply(&mut p).expect("auto-codes");
        assert_eq!(p.codings[&p1]["ana"], [joined]);
        assert_eq!(p.codings[&p2]["ana"], [Coding::new(id.clone(), 0, 4)]);
    }

    #[test]
    fn auto_coding_joins_ones_own_codings_instead_of_nesting() {
        let mut p = project();
        let doc = DocId::new("P1");
        let code = new_code(&p, "Chaos");
        let id = code.id.clone();
        code_range(&p, &doc, "ana", (24, 33), &id, Some(code))
            .apply(&mut p)
            .expect("codes");
        // Inside, overlapping, and touching the previous hit.
        let hits = [
            DocSpan::new(doc.clone(), 25, 30),
            DocSpan::new(doc.clone(), 30, 40),
            DocSpan::new(doc.clone(), 40, 45),
        ];
        let edit = auto_code(&p, &hits, "ana", &id).expect("something to add");
        assert!(
            edit.describe(&p).starts_with("auto-code 2 passages"),
            "{}",
            edit.describe(&p)
        );
        edit.apply(&mut p).expect("applies");
        let own = &p.codings[&doc]["ana"];
        assert_eq!(own.len(), 1, "{own:?}");
        assert_eq!((own[0].start, own[0].end), (24, 45));
        assert!(auto_code(&p, &hits, "ana", &id).is_none(), "all inside now");
    }

    #[test]
    fn in_vivo_names_come_from_the_words() {
        assert_eq!(
            in_vivo_name("  \"you never know,\n which one\" ").as_deref(),
            Some("you never know which one")
        );
        assert_eq!(in_vivo_name(" ... "), None);
    }

    #[test]
    fn a_memo_is_set_by_one_rule_for_both_faces() {
        let mut p = project();
        let target = MemoTarget::Project;
        assert_eq!(set_memo(&p, &target, "  \n"), None, "nothing to remove");
        let edit = set_memo(&p, &target, "Braun & Clarke, phase 2.\n\n").expect("sets");
        edit.apply(&mut p).expect("applies");
        assert_eq!(
            p.memos.get(&target).map(String::as_str),
            Some("Braun & Clarke, phase 2.\n")
        );
        assert_eq!(set_memo(&p, &target, "Braun & Clarke, phase 2."), None);
        let clear = set_memo(&p, &target, "").expect("clears");
        clear.apply(&mut p).expect("applies");
        assert!(!p.memos.contains_key(&target));
    }

    #[test]
    fn hits_become_passages_per_document_in_scope() {
        let p = project();
        let doc = DocId::new("P1");
        // "never" and "which": two hits in one sentence are one passage.
        let hits = vec![
            DocSpan::new(doc.clone(), 28, 33),
            DocSpan::new(doc.clone(), 39, 44),
        ];
        let sentence = passages_of_hits(&p, &hits, Scope::Sentence, None);
        assert_eq!(sentence.ranges.len(), 1, "{sentence:?}");
        let matches = passages_of_hits(&p, &hits, Scope::Match, None);
        assert_eq!(
            matches.ranges,
            vec![
                DocSpan::new(doc.clone(), 28, 33),
                DocSpan::new(doc.clone(), 39, 44)
            ]
        );
        let theirs = passages_of_hits(&p, &hits, Scope::Match, Some("Interviewer"));
        assert!(theirs.ranges.is_empty(), "P1 says it, not the interviewer");
    }
}
