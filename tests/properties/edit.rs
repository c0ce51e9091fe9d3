//! Property: any sequence of edits — refactors and primitive edits — saved
//! after each step with `Store::save_edit`, then undone step by step (saving
//! each undo), leaves the project folder byte-identical to how it was before
//! each step; redoing them all gives back the same files as before the undo.
//! Directories emptied on the way may stay; files are compared.

use margin::edit::Edit;
use margin::model::{
    Code, CodeId, Coding, DocId, Document, DocumentRecord, Manifest, MemoTarget, Project, Theme,
    ThemeId, ThemeStatus,
};
use margin::refactor::{
    self, CodingsPolicy, DemoteMode, Placement, SplitSelection, SplitTarget, Stamp, ThemePlace,
};
use margin::store::Store;
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const TEXT: &str = "Ana: you never know which one you'll get, it's chaos.\nBen: some days are calm — “quiet” even 日本.\nAna: then it starts again.\n";

/// Three documents, six codes, a theme tree two deep, memos, overlapping
/// codings by two coders.
fn base() -> Project {
    let mut p = Project::new(Manifest::new("Properties"));
    p.manifest.coders = vec!["ana".into(), "ben".into()];
    let names = ["chaos", "calm", "risk", "fear", "hope", "supply"];
    for (i, name) in names.iter().enumerate() {
        let mut code = Code::new(CodeId::new(*name), *name, i);
        code.description = format!("about {name}");
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
    let mut patterns = Theme::new(ThemeId::new("patterns"), "Patterns");
    patterns.codes = vec![CodeId::new("chaos"), CodeId::new("calm")];
    let mut inner = Theme::new(ThemeId::new("inner"), "Inner");
    inner.codes = vec![CodeId::new("risk")];
    patterns.subthemes = vec![inner];
    let mut feelings = Theme::new(ThemeId::new("feelings"), "Feelings");
    feelings.codes = vec![CodeId::new("fear"), CodeId::new("hope")];
    p.themes = vec![patterns, feelings];
    p.memos
        .insert(MemoTarget::Code(CodeId::new("calm")), "Calm memo.\n".into());
    p.memos.insert(
        MemoTarget::Theme(ThemeId::new("inner")),
        "Inner memo.\n".into(),
    );
    for (i, (doc, coder)) in [("P1", "ana"), ("P1", "ben"), ("P2", "ana"), ("P3", "ben")]
        .iter()
        .enumerate()
    {
        let mut list: Vec<Coding> = (0..6)
            .map(|k| Coding::new(CodeId::new(names[(i + k) % 6]), k * 12, k * 12 + 15))
            .collect();
        list.sort_by(|a, b| a.key().cmp(&b.key()));
        p.codings
            .entry(DocId::new(*doc))
            .or_default()
            .insert((*coder).into(), list);
    }
    p
}

/// One step, with indices into whatever exists when it runs.
#[derive(Clone, Debug)]
enum Op {
    MergeCodes(usize, usize),
    RenameCode(usize, String),
    SplitByDoc(usize, usize, bool),
    MoveCode(usize, Option<usize>, Option<usize>),
    MoveTheme(usize, Option<usize>, Option<usize>),
    Promote(usize),
    Demote(usize, u8),
    MergeThemes(usize, usize),
    DeleteCode(usize, u8, usize),
    DeleteTheme(usize, u8, usize),
    Status(usize, u8, Option<String>),
    AddCoding(usize, bool, usize, usize, usize),
    RemoveCoding(usize),
    SetCodeMemo(usize, Option<String>),
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,8}( [a-z]{1,6})?",
        Just("it's “quoted”".to_string()),
        Just("two\nlines".to_string()),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let i = 0..12usize;
    prop_oneof![
        (i.clone(), i.clone()).prop_map(|(a, b)| Op::MergeCodes(a, b)),
        (i.clone(), name()).prop_map(|(a, n)| Op::RenameCode(a, n)),
        (i.clone(), 0..3usize, any::<bool>()).prop_map(|(a, d, new)| Op::SplitByDoc(a, d, new)),
        (
            i.clone(),
            prop::option::of(i.clone()),
            prop::option::of(0..4usize)
        )
            .prop_map(|(a, t, x)| Op::MoveCode(a, t, x)),
        (
            i.clone(),
            prop::option::of(i.clone()),
            prop::option::of(0..3usize)
        )
            .prop_map(|(a, t, x)| Op::MoveTheme(a, t, x)),
        i.clone().prop_map(Op::Promote),
        (i.clone(), 0..3u8).prop_map(|(a, m)| Op::Demote(a, m)),
        (i.clone(), i.clone()).prop_map(|(a, b)| Op::MergeThemes(a, b)),
        (i.clone(), 0..3u8, i.clone()).prop_map(|(a, p, t)| Op::DeleteCode(a, p, t)),
        (i.clone(), 0..4u8, i.clone()).prop_map(|(a, p, t)| Op::DeleteTheme(a, p, t)),
        (i.clone(), 0..3u8, prop::option::of(name())).prop_map(|(a, s, d)| Op::Status(a, s, d)),
        (0..3usize, any::<bool>(), i.clone(), 0..100usize, 1..40usize)
            .prop_map(|(d, c, k, s, l)| Op::AddCoding(d, c, k, s, l)),
        (0..64usize).prop_map(Op::RemoveCoding),
        (i, prop::option::of(name())).prop_map(|(a, m)| Op::SetCodeMemo(a, m)),
    ]
}

fn nth_code(p: &Project, i: usize) -> Option<CodeId> {
    let n = p.codes.len();
    (n > 0)
        .then(|| p.codes.keys().nth(i % n).cloned())
        .flatten()
}

fn nth_theme(p: &Project, i: usize) -> Option<ThemeId> {
    let all = margin::model::theme::walk(&p.themes);
    (!all.is_empty()).then(|| all[i % all.len()].1.id.clone())
}

fn policy(p: &Project, kind: u8, target: usize) -> CodingsPolicy {
    match kind {
        0 => CodingsPolicy::Refuse,
        1 => CodingsPolicy::DeleteCodings,
        2 => nth_code(p, target).map_or(CodingsPolicy::Refuse, CodingsPolicy::ReassignTo),
        _ => CodingsPolicy::KeepCodes,
    }
}

/// The edit for `op` on `p`, or None when it does not fit (a refusal).
fn plan(p: &Project, op: &Op, stamp: &Stamp) -> Option<Edit> {
    let edit = match op {
        Op::MergeCodes(a, b) => {
            refactor::merge_codes(p, &[nth_code(p, *a)?], &nth_code(p, *b)?, stamp)
                .ok()?
                .edit
        }
        Op::RenameCode(a, n) => {
            refactor::rename_code(p, &nth_code(p, *a)?, n, stamp)
                .ok()?
                .edit
        }
        Op::SplitByDoc(a, d, new) => {
            let doc = p.documents.keys().nth(*d)?.clone();
            let target = if *new {
                SplitTarget::New(format!("split {}", p.codes.len()))
            } else {
                SplitTarget::Existing(nth_code(p, a + 1)?)
            };
            let selection = SplitSelection::Documents(vec![doc]);
            refactor::split_code(p, &nth_code(p, *a)?, &selection, &target, stamp)
                .ok()?
                .edit
        }
        Op::MoveCode(a, t, index) => {
            let placement = match t {
                None => Placement::Unsorted,
                Some(t) => Placement::Theme {
                    theme: nth_theme(p, *t)?,
                    index: *index,
                },
            };
            refactor::move_code(p, &nth_code(p, *a)?, &placement, stamp)
                .ok()?
                .edit
        }
        Op::MoveTheme(a, parent, index) => {
            let parent = match parent {
                None => None,
                Some(t) => Some(nth_theme(p, *t)?),
            };
            let place = ThemePlace::Under {
                parent,
                index: *index,
            };
            refactor::move_theme(p, &nth_theme(p, *a)?, &place, stamp)
                .ok()?
                .edit
        }
        Op::Promote(a) => {
            refactor::promote_code(p, &nth_code(p, *a)?, stamp)
                .ok()?
                .edit
        }
        Op::Demote(a, m) => {
            let mode = [
                DemoteMode::OnlyIfEmpty,
                DemoteMode::MergeCodes,
                DemoteMode::KeepCodes,
            ][usize::from(*m) % 3];
            refactor::demote_theme(p, &nth_theme(p, *a)?, mode, stamp)
                .ok()?
                .edit
        }
        Op::MergeThemes(a, b) => {
            refactor::merge_themes(p, &nth_theme(p, *a)?, &nth_theme(p, *b)?, stamp)
                .ok()?
                .edit
        }
        Op::DeleteCode(a, k, t) => {
            refactor::delete_code(p, &nth_code(p, *a)?, &policy(p, *k, *t), stamp)
                .ok()?
                .edit
        }
        Op::DeleteTheme(a, k, t) => {
            refactor::delete_theme(p, &nth_theme(p, *a)?, &policy(p, *k, *t), stamp)
                .ok()?
                .edit
        }
        Op::Status(a, s, definition) => {
            let status = [
                ThemeStatus::Candidate,
                ThemeStatus::Reviewed,
                ThemeStatus::Final,
            ][usize::from(*s) % 3];
            let id = nth_theme(p, *a)?;
            refactor::set_theme_status(p, &id, status, definition.as_deref(), stamp)
                .ok()?
                .edit
        }
        Op::AddCoding(d, ben, k, start, len) => Edit::AddCoding {
            doc: p.documents.keys().nth(*d)?.clone(),
            coder: if *ben { "ben" } else { "ana" }.into(),
            coding: Coding::new(nth_code(p, *k)?, *start, start + len),
        },
        Op::RemoveCoding(i) => {
            let all: Vec<_> = p.all_codings().collect();
            let r = all.get(i % all.len().max(1))?;
            Edit::RemoveCoding {
                doc: r.doc.clone(),
                coder: r.coder.clone(),
                coding: r.coding.clone(),
            }
        }
        Op::SetCodeMemo(a, text) => {
            let target = MemoTarget::Code(nth_code(p, *a)?);
            Edit::SetMemo {
                before: p.memos.get(&target).cloned(),
                target,
                // Memo files end with a newline; the store adds one on save,
                // so give one here to keep memory and disk alike.
                after: text.as_ref().map(|t| format!("{t}\n")),
            }
        }
    };
    Some(edit)
}

fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).expect("under root").to_path_buf();
                out.insert(rel, std::fs::read(&path).expect("readable"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The suite's number of cases; scripts/soak.sh asks for many more.
fn cases() -> u32 {
    std::env::var("MARGIN_SOAK_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(96)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn undo_all_restores_the_files_and_redo_all_repeats_them(
        ops in prop::collection::vec(op(), 1..14)
    ) {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("p");
        Store::create(&dir, &base()).expect("creates");
        let (mut project, mut store) = Store::open(&dir).expect("opens");
        let stamp = Stamp { who: "ana".into(), when: "2026-01-01T00:00:00Z".into(), why: "prop".into() };
        let mut steps: Vec<(Edit, Edit)> = Vec::new();
        let mut disk = vec![snapshot(&dir)];
        for op in &ops {
            let Some(edit) = plan(&project, op, &stamp) else { continue };
            let Ok(inverse) = edit.clone().apply(&mut project) else { continue };
            store.save_edit(&project, &edit).expect("saves");
            prop_assert!(margin::check::validate(&dir, &project).is_empty(), "{:?}", op);
            disk.push(snapshot(&dir));
            steps.push((edit, inverse));
        }
        for (i, (_, inverse)) in steps.iter().enumerate().rev() {
            inverse.clone().apply(&mut project).expect("undo applies");
            store.save_edit(&project, inverse).expect("saves the undo");
            prop_assert_eq!(&snapshot(&dir), &disk[i], "undo of step {}", i);
        }
        for (i, (edit, _)) in steps.iter().enumerate() {
            edit.clone().apply(&mut project).expect("redo applies");
            store.save_edit(&project, edit).expect("saves the redo");
            prop_assert_eq!(&snapshot(&dir), &disk[i + 1], "redo of step {}", i);
        }
        let (reloaded, _) = Store::open(&dir).expect("reopens");
        prop_assert_eq!(reloaded, project);
    }
}
