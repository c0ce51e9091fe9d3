//! The many-file commands at scale: `margin code merge` renders and checks
//! its files on every core, writing their temporary files a slice at a
//! time, and `--dry-run` works without a copy of the project; `margin
//! agree` prints each pair of coders as it is compared instead of holding
//! every report; `margin lint` reads again only the codings files the
//! loader found a stale excerpt in. Each must give exactly what the plain,
//! one-thread way gave, and a save must stay all or nothing.

use crate::common;

use common::cli::{fails, ok, snapshot};
use common::{copy_dir, sample_project};
use margin::analysis::pairwise::{PairwiseOptions, compare_pairs};
use margin::edit::Edit;
use margin::model::{CodeId, Project};
use margin::refactor::Stamp;
use margin::refactor::op::{MergeTarget, RefactorOp, plan};
use margin::store::Store;
use margin::store::files;
use margin::testkit::corpus::{CorpusSize, synthetic};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn s(p: &Path) -> String {
    p.display().to_string()
}

/// The sample study, and a generated one with four coders and non-ASCII
/// text, each copied twice: one for the command, one for the reference.
fn studies() -> Vec<(tempfile::TempDir, PathBuf, PathBuf)> {
    let mut out = Vec::new();
    let generated = synthetic(CorpusSize {
        documents: 12,
        words_per_document: 900,
        codes: 20,
        themes: 6,
        codings_per_document: 60,
        coders: 4,
        seed: 14,
    });
    for source in [None, Some(&generated)] {
        let tmp = tempfile::tempdir().expect("tempdir");
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        match source {
            None => {
                copy_dir(&sample_project(), &a);
                copy_dir(&sample_project(), &b);
            }
            Some(project) => {
                Store::create(&a, project).expect("written");
                Store::create(&b, project).expect("written");
            }
        }
        out.push((tmp, a, b));
    }
    out
}

/// The three most used codes: the first two are merged into the third.
fn most_used(project: &Project) -> Vec<CodeId> {
    let mut usage: Vec<(usize, CodeId)> = project
        .usage_table()
        .into_iter()
        .map(|(code, (n, _))| (n, code))
        .collect();
    usage.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    usage.into_iter().take(3).map(|(_, code)| code).collect()
}

fn merge_args<'a>(dir: &'a str, codes: &'a [CodeId]) -> Vec<&'a str> {
    let mut args = vec!["code", "merge", dir];
    args.extend(codes[..2].iter().map(CodeId::as_str));
    args.extend(["--into", codes[2].as_str()]);
    args
}

/// Edits by hand, in every codings file, the stored excerpt of the first
/// coding of `stale` (words the transcript does not have: evidence to keep)
/// and of `empty` (no excerpt: one claims nothing, and is written afresh).
fn hand_edit_excerpts(dir: &Path, stale: &CodeId, empty: &CodeId) {
    let mut edited = 0;
    for folder in std::fs::read_dir(dir.join("codings")).expect("codings") {
        for file in std::fs::read_dir(folder.expect("entry").path()).expect("folder") {
            let path = file.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("reads");
            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            for (code, excerpt) in [(stale, "words this transcript does not have"), (empty, "")] {
                let marker = format!("(code: \"{code}\",");
                // (A line whose excerpt holds a quote is a raw string: left.)
                let plain =
                    |l: &String| l.trim_start().starts_with(&marker) && l.contains(", text: \"");
                if let Some(line) = lines.iter_mut().find(|l| plain(l)) {
                    let at = line.find(", text: \"").expect("an excerpt");
                    let end = line[at + 9..].find('"').expect("its end") + at + 9;
                    line.replace_range(at + 9..end, excerpt);
                    edited += 1;
                }
            }
            std::fs::write(&path, lines.join("\n") + "\n").expect("writes");
        }
    }
    assert!(edited > 2, "excerpts edited: {edited}");
}

#[test]
fn merge_writes_what_one_thread_rendering_a_whole_load_writes() {
    for (_tmp, dir, reference) in studies() {
        let (project, _) = Store::open(&dir).expect("loads");
        let codes = most_used(&project);
        // A refactor loads without checking stored excerpts: one that no
        // longer matches its words must still be kept, and a missing one
        // written, as a whole load does.
        hand_edit_excerpts(&dir, &codes[0], &codes[1]);
        hand_edit_excerpts(&reference, &codes[0], &codes[1]);
        let dir_s = s(&dir);
        ok(&merge_args(&dir_s, &codes));

        let (merged, _) = Store::open(&dir).expect("the merged project loads");
        let stamp = stamp_of(&merged);
        let op = RefactorOp::MergeCodes {
            from: codes[..2].to_vec(),
            into: MergeTarget::Existing(codes[2].clone()),
        };
        let written = write_as_a_whole_load(&reference, |project| {
            plan(project, &op, &stamp).expect("plans").0
        });
        assert!(written > 3, "a merge of real size: {written} files");
        assert_eq!(snapshot(&dir), snapshot(&reference), "{}", dir.display());
        only_the_stale_excerpts_are_named(&dir_s);
    }
}

#[test]
fn split_writes_what_a_whole_load_writes() {
    // Split opens as merge does (transcripts indexed on use, stored
    // excerpts unchecked); the files must be those of a whole load.
    for (_tmp, dir, reference) in studies() {
        let (project, _) = Store::open(&dir).expect("loads");
        let codes = most_used(&project);
        let doc = project
            .codings
            .iter()
            .find(|(_, by)| by.values().flatten().any(|c| c.code == codes[0]))
            .map(|(doc, _)| doc.clone())
            .expect("a document coded with the code");
        drop(project);
        hand_edit_excerpts(&dir, &codes[0], &codes[1]);
        hand_edit_excerpts(&reference, &codes[0], &codes[1]);
        let dir_s = s(&dir);
        ok(&[
            "code",
            "split",
            &dir_s,
            codes[0].as_str(),
            "--to",
            "Split off",
            "--docs",
            doc.as_str(),
        ]);
        let (split, _) = Store::open(&dir).expect("the split project loads");
        let stamp = stamp_of(&split);
        let written = write_as_a_whole_load(&reference, |project| {
            margin::refactor::split_code(
                project,
                &codes[0],
                &margin::refactor::SplitSelection::Documents(vec![doc.clone()]),
                &margin::refactor::SplitTarget::New("Split off".into()),
                &stamp,
            )
            .expect("plans")
            .edit
        });
        assert!(written > 2, "a split: {written} files");
        assert_eq!(snapshot(&dir), snapshot(&reference), "{}", dir.display());
        only_the_stale_excerpts_are_named(&dir_s);
    }
}

/// The stamp of the refactor `project` last journaled, to plan it again.
fn stamp_of(project: &Project) -> Stamp {
    Stamp {
        who: "tester".into(),
        when: project.journal.last().expect("journaled").when.clone(),
        why: String::new(),
    }
}

/// The reference: `plan`'s edit on a whole load of `dir`, each touched file
/// rendered one after another and written plainly. Returns how many files
/// it wrote.
fn write_as_a_whole_load(dir: &Path, plan: impl FnOnce(&Project) -> Edit) -> usize {
    let (mut project, store) = Store::open(dir).expect("loads");
    let edit = plan(&project);
    let keys = files::touched_by(&edit);
    edit.apply(&mut project).expect("applies");
    let mut written = 0;
    for key in &keys {
        let path = dir.join(key.rel_path());
        match files::render_keeping(&project, key, store.evidence()) {
            Some(text) => {
                std::fs::create_dir_all(path.parent().expect("a folder")).expect("folder");
                std::fs::write(&path, text).expect("written");
                written += 1;
            }
            None => {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
    written
}

/// The hand-made stale excerpts are still there for `margin check` to
/// name, and nothing else is wrong.
fn only_the_stale_excerpts_are_named(dir: &str) {
    let problems = fails(&["check", dir]);
    let named: Vec<&str> = problems
        .lines()
        .filter(|l| l.contains(": coding no longer anchors: it was made on \"words this"))
        .collect();
    assert!(!named.is_empty(), "{problems}");
    assert!(
        problems.lines().filter(|l| l.contains(".ron:")).count() == named.len(),
        "{problems}"
    );
}

#[test]
fn merge_dry_run_lists_exactly_the_files_the_merge_changes() {
    for (_tmp, dir, _) in studies() {
        let (project, _) = Store::open(&dir).expect("loads");
        let codes = most_used(&project);
        drop(project);
        let dir_s = s(&dir);
        let before = snapshot(&dir);
        let mut args = merge_args(&dir_s, &codes);
        args.push("--dry-run");
        let out = ok(&args);
        assert_eq!(snapshot(&dir), before, "a dry run writes nothing");
        let listed: BTreeMap<PathBuf, char> = out
            .lines()
            .filter_map(|line| {
                let (mark, path) = line.trim_start().split_once(' ')?;
                let mark = mark.chars().next().filter(|_| mark.len() == 1)?;
                Some((PathBuf::from(path), mark))
            })
            .collect();
        ok(&merge_args(&dir_s, &codes));
        let after = snapshot(&dir);
        let mut changed: BTreeMap<PathBuf, char> = BTreeMap::new();
        for (path, bytes) in &after {
            match before.get(path) {
                None => changed.insert(path.clone(), 'A'),
                Some(old) if old != bytes => changed.insert(path.clone(), 'M'),
                _ => None,
            };
        }
        for path in before.keys().filter(|p| !after.contains_key(*p)) {
            changed.insert(path.clone(), 'D');
        }
        assert!(changed.len() > 3, "{changed:?}");
        assert_eq!(listed, changed, "{out}");
    }
}

#[test]
fn agree_prints_every_pair_as_one_json_document_gave_them() {
    let (_tmp, dir, _) = studies().pop().expect("the generated study");
    let (project, _) = Store::open(&dir).expect("loads");
    let pairs = compare_pairs(&project, &PairwiseOptions::default()).expect("compares");
    assert_eq!(pairs.len(), 6, "four coders, six pairs");
    let json: Vec<serde_json::Value> = pairs
        .iter()
        .map(|p| serde_json::json!({ "coders": [p.a, p.b], "notes": p.notes, "report": p.report }))
        .collect();
    let whole = serde_json::json!({ "units": "characters", "pairs": json });
    let expected = format!(
        "{}\n",
        serde_json::to_string_pretty(&whole).expect("prints")
    );
    let printed = ok(&["agree", &s(&dir), "--json"]);
    assert_eq!(printed, expected);

    // As text, each pair under its heading, in order, a blank line between.
    let text = ok(&["agree", &s(&dir)]);
    let headings: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("agreement of "))
        .collect();
    assert_eq!(headings.len(), 6, "{text}");
    for (heading, pair) in headings.iter().zip(&pairs) {
        // "... on N document(s)", or "...: no document both have coded".
        let names = format!("agreement of {} / {}", pair.a, pair.b);
        assert!(heading.starts_with(&names), "{heading} for {names}");
    }
    assert_eq!(text.matches("\n\nagreement of ").count(), 5, "{text}");
}

#[test]
fn lint_finds_every_stale_excerpt_reading_only_the_files_that_hold_one() {
    let (_tmp, dir, _) = studies().pop().expect("the generated study");
    let (project, _) = Store::open(&dir).expect("loads");
    // Change the first three characters under every coding of one
    // document's first coder: those excerpts no longer anchor.
    let (doc, by_coder) = project.codings.iter().next().expect("codings");
    let document = &project.documents[doc];
    let mut chars: Vec<char> = document.text().chars().collect();
    let (coder, list) = by_coder.iter().next().expect("a coder");
    for coding in list {
        for c in &mut chars[coding.start..(coding.start + 3).min(coding.end)] {
            *c = 'Z';
        }
    }
    let changed: String = chars.into_iter().collect();
    std::fs::write(dir.join(format!("documents/{doc}.txt")), &changed).expect("write");
    let stale = |text: &str| {
        let mut n = 0;
        for list in by_coder.values() {
            for c in list {
                let at = |t: &str| {
                    let slice: String = t.chars().skip(c.start).take(c.end - c.start).collect();
                    margin::text::excerpt(&slice, margin::text::EXCERPT_CHARS)
                };
                n += usize::from(at(document.text()) != at(text));
            }
        }
        n
    };
    let expected = stale(&changed);
    assert!(expected >= list.len(), "{expected}");

    let out = common::cli::margin(&["lint", &s(&dir)]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let found: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("[not-anchored]"))
        .collect();
    assert_eq!(found.len(), expected, "{stdout}");
    let folder = format!("{}/codings/{doc}/", dir.display());
    assert!(found.iter().all(|l| l.starts_with(&folder)), "{stdout}");
    assert!(
        found.iter().any(|l| l.contains(&format!("/{coder}.ron:"))),
        "{stdout}"
    );
}

/// Every file under `dir` whose name marks a temporary file of a save.
fn temporary_files(dir: &Path) -> Vec<PathBuf> {
    snapshot(dir)
        .into_keys()
        .filter(|p| {
            p.to_string_lossy().contains(".margin-") && p.extension().is_some_and(|e| e == "tmp")
        })
        .collect()
}

/// A study of 70 documents on disk, opened to write, and a merge of its
/// three most used codes planned: enough files that saving it takes several
/// slices.
fn merge_of_several_slices(seed: u64) -> (tempfile::TempDir, PathBuf, Project, Store, Edit) {
    let project = synthetic(CorpusSize {
        documents: 70,
        words_per_document: 300,
        codes: 12,
        themes: 4,
        codings_per_document: 24,
        coders: 4,
        seed,
    });
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("study");
    Store::create(&dir, &project).expect("written");
    let (project, store) = Store::open_for_writing(&dir, |_| {}).expect("opens");
    let codes = most_used(&project);
    let stamp = Stamp::now("tester", "");
    let op = RefactorOp::MergeCodes {
        from: codes[..2].to_vec(),
        into: MergeTarget::Existing(codes[2].clone()),
    };
    let (edit, _) = plan(&project, &op, &stamp).expect("plans");
    (tmp, dir, project, store, edit)
}

#[test]
fn a_save_that_finds_a_change_late_removes_the_files_it_had_begun() {
    // Enough files that the save renders and writes them in several
    // slices: a file changed on disk, met in the last slice, must undo the
    // temporary files of the first ones and change nothing.
    let (_tmp, dir, mut project, mut store, edit) = merge_of_several_slices(3);
    let keys = files::touched_by(&edit);
    edit.apply(&mut project).expect("applies");
    let codings_files = keys
        .iter()
        .filter(|k| matches!(k, files::FileKey::Codings(..)))
        .count();
    // A save renders 128 files at a time.
    assert!(codings_files > 150, "several slices: {codings_files} files");
    let last = keys.iter().next_back().expect("keys").rel_path();
    let late = dir.join(&last);
    let mut changed = std::fs::read_to_string(&late).expect("the last file");
    changed.push('\n');
    std::fs::write(&late, &changed).expect("changed behind margin's back");
    let before = snapshot(&dir);

    let err = store.save_keys(&project, &keys).expect_err("refused");
    assert!(
        matches!(err, margin::store::StoreError::ChangedOnDisk(ref p) if p.ends_with(&last)),
        "{err}"
    );
    assert_eq!(temporary_files(&dir), Vec::<PathBuf>::new());
    assert_eq!(snapshot(&dir), before, "nothing written");
}

#[test]
fn a_large_save_refuses_a_change_to_a_file_it_depends_on_but_does_not_write() {
    // A merge depends on every file of the project; a save of several
    // slices looks for changes while it writes. A transcript changed behind
    // margin's back must still stop it before anything is renamed.
    let (_tmp, dir, mut project, mut store, edit) = merge_of_several_slices(5);
    let keys = files::touched_by(&edit);
    assert!(keys.len() > 150, "several slices: {} files", keys.len());
    edit.clone().apply(&mut project).expect("applies");
    let transcript = project.documents.keys().next().expect("a document").clone();
    let rel = files::FileKey::DocumentText(transcript).rel_path();
    assert!(!keys.iter().any(|k| k.rel_path() == rel), "not written");
    let mut changed = std::fs::read_to_string(dir.join(&rel)).expect("the transcript");
    changed.push_str("A line added in another editor.\n");
    std::fs::write(dir.join(&rel), &changed).expect("changed behind margin's back");
    let before = snapshot(&dir);

    let err = store.save_edit(&project, &edit).expect_err("refused");
    assert!(
        matches!(err, margin::store::StoreError::ChangedOnDisk(ref p) if p.ends_with(&rel)),
        "{err}"
    );
    assert_eq!(temporary_files(&dir), Vec::<PathBuf>::new());
    assert_eq!(snapshot(&dir), before, "nothing written");
}
