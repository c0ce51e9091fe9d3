//! Property: code counts kept up to date edit by edit (`UsageCounts::follow`,
//! what the workbench shows in its codebook) equal a full recount
//! (`Project::usage_table`) after any sequence of coding edits and code
//! refactors, auto-codings, their undos and their redos.

use margin::analysis::usage::UsageCounts;
use margin::edit::{Edit, History, compose};
use margin::model::{
    Code, CodeId, Coding, DocId, DocSpan, Document, DocumentRecord, Manifest, Project,
};
use margin::refactor::{self, CodingsPolicy, SplitSelection, SplitTarget, Stamp};
use proptest::prelude::*;
use std::collections::BTreeMap;

const TEXT: &str = "Ana: some weeks I used every day, other weeks nothing at all.\nBen: the outreach van — “no questions asked” — made it easier 日本.\nAna: then the supply changed again.\n";

fn base() -> Project {
    let mut p = Project::new(Manifest::new("Usage"));
    p.manifest.coders = vec!["ana".into(), "ben".into()];
    for (i, name) in ["routine", "outreach", "supply", "risk"].iter().enumerate() {
        let code = Code::new(CodeId::new(*name), *name, i);
        p.codes.insert(code.id.clone(), code);
    }
    for id in ["P1", "P2", "P3"] {
        let record = DocumentRecord {
            title: id.into(),
            source: String::new(),
            attributes: BTreeMap::new(),
            sha256: String::new(),
            guid: String::new(),
            times: Vec::new(),
        };
        p.documents.insert(
            DocId::new(id),
            Document::new(DocId::new(id), record, TEXT.into()),
        );
    }
    p
}

#[derive(Clone, Debug)]
enum Op {
    AddCoding(usize, bool, usize, usize, usize),
    RemoveCoding(usize),
    Recode(usize, usize),
    AddCode(String),
    MergeCodes(usize, usize),
    SplitByDoc(usize, usize),
    DeleteCode(usize, bool, usize),
    /// Auto-coding hits (document, start, length) for ana or ben with a code.
    AutoCode(bool, usize, Vec<(usize, usize, usize)>),
    Undo,
    Redo,
}

fn op() -> impl Strategy<Value = Op> {
    let i = 0..8usize;
    prop_oneof![
        4 => (0..3usize, any::<bool>(), i.clone(), 0..100usize, 1..30usize)
            .prop_map(|(d, b, k, s, l)| Op::AddCoding(d, b, k, s, l)),
        2 => (0..64usize).prop_map(Op::RemoveCoding),
        2 => (0..64usize, i.clone()).prop_map(|(c, k)| Op::Recode(c, k)),
        1 => "[a-z]{3,8}".prop_map(Op::AddCode),
        1 => (i.clone(), i.clone()).prop_map(|(a, b)| Op::MergeCodes(a, b)),
        1 => (i.clone(), 0..3usize).prop_map(|(a, d)| Op::SplitByDoc(a, d)),
        1 => (i.clone(), any::<bool>(), i.clone()).prop_map(|(a, r, t)| Op::DeleteCode(a, r, t)),
        2 => (any::<bool>(), i, prop::collection::vec((0..3usize, 0..110usize, 1..25usize), 1..6))
            .prop_map(|(b, k, hits)| Op::AutoCode(b, k, hits)),
        2 => Just(Op::Undo),
        2 => Just(Op::Redo),
    ]
}

fn nth_code(p: &Project, i: usize) -> Option<CodeId> {
    let n = p.codes.len();
    (n > 0).then(|| p.codes.keys().nth(i % n).cloned())?
}

fn plan(p: &Project, op: &Op, stamp: &Stamp) -> Option<Edit> {
    let nth_coding = |i: usize| {
        let all: Vec<_> = p.all_codings().collect();
        all.get(i % all.len().max(1))
            .map(|r| (r.doc.clone(), r.coder.clone(), r.coding.clone()))
    };
    Some(match op {
        Op::AddCoding(d, ben, k, start, len) => Edit::AddCoding {
            doc: p.documents.keys().nth(*d)?.clone(),
            coder: if *ben { "ben" } else { "ana" }.into(),
            coding: Coding::new(nth_code(p, *k)?, *start, start + len),
        },
        Op::RemoveCoding(i) => {
            let (doc, coder, coding) = nth_coding(*i)?;
            Edit::RemoveCoding { doc, coder, coding }
        }
        Op::Recode(i, k) => {
            let (doc, coder, before) = nth_coding(*i)?;
            let after = Coding {
                code: nth_code(p, *k)?,
                ..before.clone()
            };
            Edit::ChangeCoding {
                doc,
                coder,
                before,
                after,
            }
        }
        Op::AddCode(name) => Edit::AddCode {
            code: Code::new(CodeId::new(name.as_str()), name.as_str(), p.codes.len()),
        },
        Op::MergeCodes(a, b) => {
            refactor::merge_codes(p, &[nth_code(p, *a)?], &nth_code(p, *b)?, stamp)
                .ok()?
                .edit
        }
        Op::SplitByDoc(a, d) => {
            let doc = p.documents.keys().nth(*d)?.clone();
            let target = SplitTarget::New(format!("split {}", p.codes.len()));
            refactor::split_code(
                p,
                &nth_code(p, *a)?,
                &SplitSelection::Documents(vec![doc]),
                &target,
                stamp,
            )
            .ok()?
            .edit
        }
        Op::DeleteCode(a, reassign, t) => {
            let policy = if *reassign {
                CodingsPolicy::ReassignTo(nth_code(p, *t)?)
            } else {
                CodingsPolicy::DeleteCodings
            };
            refactor::delete_code(p, &nth_code(p, *a)?, &policy, stamp)
                .ok()?
                .edit
        }
        Op::AutoCode(ben, k, hits) => {
            let hits: Vec<DocSpan> = hits
                .iter()
                .filter_map(|(d, start, len)| {
                    let doc = p.documents.keys().nth(*d)?.clone();
                    Some(DocSpan::new(doc, *start, start + len))
                })
                .collect();
            let coder = if *ben { "ben" } else { "ana" };
            compose::auto_code(p, &hits, coder, &nth_code(p, *k)?)?
        }
        Op::Undo | Op::Redo => return None,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn counts_kept_per_edit_equal_a_recount(ops in prop::collection::vec(op(), 1..30)) {
        let mut project = base();
        let mut history = History::new();
        let mut counts = UsageCounts::new(&project);
        let stamp = Stamp { who: "ana".into(), when: "2026-11-30T00:00:00Z".into(), why: "prop".into() };
        for op in &ops {
            // The edit that was applied: the step's redo, or its undo.
            let applied = match op {
                Op::Undo => {
                    let Some(step) = history.last().cloned() else { continue };
                    if history.undo(&mut project).is_err() { continue }
                    step.undo
                }
                Op::Redo => {
                    let Some(step) = history.next_redo().cloned() else { continue };
                    if history.redo(&mut project).is_err() { continue }
                    step.redo
                }
                _ => {
                    let Some(edit) = plan(&project, op, &stamp) else { continue };
                    if history.apply(&mut project, edit.clone()).is_err() { continue }
                    edit
                }
            };
            counts.follow(&project, &applied);
            prop_assert_eq!(counts.table(), &project.usage_table(), "after {:?}", op);
        }
    }
}
