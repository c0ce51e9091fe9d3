//! The CLI's fast paths read only part of a project: `margin apply --doc ID`
//! loads that document and its codings, `margin code rename` only the
//! codebook, themes, manifest and journal. They must write exactly what a
//! whole load would, hold the same lock and all-or-nothing rules, and never
//! write over a change made on disk since they read.

use crate::common;

use common::cli::{margin, ok, snapshot};
use margin::edit::Edit;
use margin::model::{CodeId, Coding, DocId};
use margin::store::Store;
use margin::store::fault::{self, FaultKind};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn s(p: &Path) -> String {
    p.display().to_string()
}

#[test]
fn apply_by_id_writes_what_a_whole_load_writes() {
    // By id the command reads one document; by title it must read every
    // record to find it, so it loads the whole project. Same files after.
    let (_a, part) = common::sample_study();
    let (_b, whole) = common::sample_study();
    let title = "P2: team leader, service A";
    for (dir, doc) in [(&part, "P2"), (&whole, title)] {
        ok(&[
            "apply",
            &s(dir),
            "--doc",
            doc,
            "--code",
            "chaotic-daily-life",
            "--match",
            "comedown",
        ]);
        // A second coding beside the first, joined with it as usual.
        ok(&[
            "apply",
            &s(dir),
            "--doc",
            doc,
            "--code",
            "chaotic-daily-life",
            "--chars",
            "10..40",
        ]);
    }
    assert_eq!(snapshot(&part), snapshot(&whole));
    let written = std::fs::read_to_string(part.join("codings/P2/tester.ron")).expect("written");
    assert!(written.contains("chaotic-daily-life"), "{written}");
    assert!(
        std::fs::read_to_string(part.join("margin.ron"))
            .expect("manifest")
            .contains("\"tester\""),
        "the new coder is listed"
    );
    ok(&["check", &s(&part)]);
}

#[test]
fn rename_reads_no_transcript_and_changes_one_line() {
    let (_t, dir) = common::sample_study();
    let before = snapshot(&dir);
    // A transcript that cannot be read does not stop a rename, which never
    // reads one; the codebook is still checked as a whole load checks it.
    std::fs::write(dir.join("documents/P5.txt"), b"\xff\xfe not text").expect("spoil");
    ok(&[
        "code",
        "rename",
        &s(&dir),
        "chaotic-daily-life",
        "Chaos in daily life",
        "--reason",
        "clearer",
    ]);
    let after = snapshot(&dir);
    let changed: Vec<&PathBuf> = after
        .keys()
        .filter(|k| before.get(*k) != after.get(*k))
        .collect();
    assert_eq!(
        changed,
        vec![
            &PathBuf::from("codebook.ron"),
            &PathBuf::from("documents/P5.txt"),
            &PathBuf::from("journal.ron"),
        ]
    );
    let old = String::from_utf8_lossy(&before[&PathBuf::from("codebook.ron")]).into_owned();
    let new = String::from_utf8_lossy(&after[&PathBuf::from("codebook.ron")]).into_owned();
    let differing = old.lines().zip(new.lines()).filter(|(a, b)| a != b).count();
    assert_eq!((differing, old.lines().count()), (1, new.lines().count()));
    assert!(new.contains("name: \"Chaos in daily life\""), "{new}");
}

#[test]
fn a_broken_codebook_still_stops_the_fast_paths_with_its_place() {
    let (_t, dir) = common::sample_study();
    let codebook = dir.join("codebook.ron");
    let text = std::fs::read_to_string(&codebook).expect("codebook");
    std::fs::write(&codebook, text.replacen("name:", "name", 1)).expect("spoil");
    let before = snapshot(&dir);
    for args in [
        vec![
            "apply",
            "DIR",
            "--doc",
            "P1",
            "--code",
            "chaotic-daily-life",
            "--chars",
            "0..9",
        ],
        vec!["code", "rename", "DIR", "chaotic-daily-life", "Chaos"],
    ] {
        let args = common::with_dir(&args, &dir);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = margin(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} refused");
        assert!(err.contains("codebook.ron:4:"), "{args:?}: {err}");
        assert_eq!(snapshot(&dir), before, "{args:?} wrote nothing");
    }
}

fn part(dir: &Path, docs: &[&str]) -> (margin::model::Project, Store) {
    let docs: BTreeSet<DocId> = docs.iter().map(|d| DocId::new(*d)).collect();
    Store::open_part_for_writing(dir, &docs, |_| {}).expect("opens part")
}

fn add(doc: &str, start: usize) -> Edit {
    Edit::AddCoding {
        doc: DocId::new(doc),
        coder: "asha".into(),
        coding: Coding::new(CodeId::new("chaotic-daily-life"), start, start + 12),
    }
}

#[test]
fn a_part_loads_what_it_names_and_refuses_what_changed_under_it() {
    let (_t, dir) = common::sample_study();
    let (mut project, mut store) = part(&dir, &["P3"]);
    assert!(store.is_part() && store.holds_lock());
    assert_eq!(
        project.documents.keys().collect::<Vec<_>>(),
        vec![&DocId::new("P3")]
    );
    assert_eq!(
        project.codings.keys().collect::<Vec<_>>(),
        vec![&DocId::new("P3")]
    );
    assert!(project.memos.is_empty(), "memos are not read");
    let (whole, _) = Store::open(&dir).expect("opens");
    assert_eq!(project.codes, whole.codes);
    assert_eq!(
        project.codings[&DocId::new("P3")],
        whole.codings[&DocId::new("P3")]
    );

    // A change to a file the part never read is not its business.
    std::fs::write(
        dir.join("documents/P1.ron"),
        b"(title: \"edited elsewhere\")\n",
    )
    .expect("edit");
    let edit = add("P3", 100);
    edit.clone().apply(&mut project).expect("applies");
    store.save_edit(&project, &edit).expect("saves");

    // A change to one it read is: nothing is written over it.
    let theirs = dir.join("codebook.ron");
    let mut text = std::fs::read_to_string(&theirs).expect("codebook");
    text.push('\n');
    std::fs::write(&theirs, &text).expect("edit");
    let edit = add("P3", 200);
    edit.clone().apply(&mut project).expect("applies");
    let err = store.save_edit(&project, &edit).expect_err("refused");
    assert!(
        err.to_string().contains("codebook.ron: changed on disk"),
        "{err}"
    );
    let saved = std::fs::read_to_string(dir.join("codings/P3/asha.ron")).expect("codings");
    assert!(
        saved.contains("start: 100") && !saved.contains("start: 200"),
        "{saved}"
    );
}

#[test]
fn a_part_waits_for_the_lock_and_finishes_an_interrupted_save_first() {
    let (_t, dir) = common::sample_study();
    // A save of two files killed after its intent record: the next writer
    // must finish it before reading, part or whole.
    let (mut project, mut store) = Store::open_for_writing(&dir, |_| {}).expect("opens");
    let edit = Edit::Batch {
        label: "two files".into(),
        edits: vec![add("P3", 100), add("P4", 100)],
    };
    edit.clone().apply(&mut project).expect("applies");
    fault::install(FaultKind::Crash, 5);
    assert!(store.save_edit(&project, &edit).is_err(), "killed part-way");
    fault::clear();
    drop(store);
    assert!(dir.join(".margin-txn.ron").exists(), "the record stayed");

    let (loaded, store) = part(&dir, &["P4"]);
    assert!(!dir.join(".margin-txn.ron").exists(), "finished");
    assert!(
        loaded.codings[&DocId::new("P4")]["asha"]
            .iter()
            .any(|c| c.start == 100)
    );
    // While it holds the lock, no other writer gets in.
    let out = margin(&[
        "apply",
        &s(&dir),
        "--doc",
        "P3",
        "--code",
        "chaotic-daily-life",
        "--chars",
        "0..9",
    ]);
    drop(store);
    assert!(!out.status.success(), "the lock is held");
    let (whole, _) = Store::open(&dir).expect("whole");
    assert!(
        whole.codings[&DocId::new("P3")]["asha"]
            .iter()
            .any(|c| c.start == 100)
    );
}

/// Runs margin's command line in this process, so a fault (which lives on
/// this thread) applies.
fn run(args: &[&str]) -> Result<(), String> {
    use clap::Parser as _;
    let mut argv = vec!["margin", "--coder", "tester"];
    argv.extend_from_slice(args);
    let cli = margin::cli::Cli::try_parse_from(argv).map_err(|e| e.to_string())?;
    let command = cli.command.expect("a subcommand");
    margin::cli::run(command, cli.coder).map_err(|e| format!("{e:#}"))
}

#[test]
fn a_fast_apply_is_all_or_nothing_at_every_disk_change() {
    // A new coder's first coding writes two files (the manifest lists the
    // coder): a transaction, through the partial load.
    let args = |dir: &Path| {
        vec![
            "apply".to_string(),
            s(dir),
            "--doc".into(),
            "P2".into(),
            "--code".into(),
            "chaotic-daily-life".into(),
            "--chars".into(),
            "10..40".into(),
        ]
    };
    let (_t, done) = common::sample_study();
    let (_u, fresh) = common::sample_study();
    let before = snapshot(&fresh);
    fault::install(FaultKind::Error, usize::MAX);
    let a = args(&done);
    run(&a.iter().map(String::as_str).collect::<Vec<_>>()).expect("applies");
    let (changes, _) = fault::clear();
    let after = snapshot(&done);
    assert!(changes >= 3, "temporary files, record, renames: {changes}");
    for kind in [FaultKind::Error, FaultKind::Crash] {
        for at in 1..=changes {
            let (_v, dir) = common::sample_study();
            let a = args(&dir);
            fault::install(kind, at);
            let result = run(&a.iter().map(String::as_str).collect::<Vec<_>>());
            let (_, fired) = fault::clear();
            assert!(fired, "{kind:?} at {at}: {result:?}");
            // The next open finishes or forgets the save. It waits for the
            // lock: a child another test forks at this moment holds it until
            // it execs, and a read-only open leaves the hidden temporary
            // files of a crash to whoever holds the lock.
            Store::open_for_writing(&dir, |_| {}).expect("reopens");
            let now = snapshot(&dir);
            assert!(now == before || now == after, "{kind:?} at {at}: between");
        }
    }
}

#[test]
fn check_reads_each_file_once_yet_places_every_problem() {
    // `margin check` takes stored excerpts from the load instead of parsing
    // the codings again, and reads a file again only to place a problem.
    let (_t, dir) = common::sample_study();
    let record = dir.join("documents/P1.ron");
    let text = std::fs::read_to_string(&record).expect("record");
    std::fs::write(
        &record,
        text.replace(
            "\"years\": \"6\",",
            "\"years\": \"6\",\n        \"site\": \"north\",",
        ),
    )
    .expect("spoil");
    let themes = dir.join("themes.ron");
    let text = std::fs::read_to_string(&themes).expect("themes");
    std::fs::write(
        &themes,
        text.replacen(
            "codes: [\n",
            "codes: [\n                \"no-such-code\",\n",
            1,
        ),
    )
    .expect("spoil");
    let transcript = dir.join("documents/P2.txt");
    let coded = std::fs::read_to_string(dir.join("codings/P2/ben.ron")).expect("codings");
    let line = coded.lines().nth(1).expect("a coding");
    let start: usize = line
        .split("start: ")
        .nth(1)
        .and_then(|r| r.split(',').next())
        .and_then(|n| n.parse().ok())
        .expect("start");
    // A corrected word inside that coding, the length kept.
    let mut words: Vec<char> = std::fs::read_to_string(&transcript)
        .expect("text")
        .chars()
        .collect();
    words[start + 1] = if words[start + 1] == 'x' { 'y' } else { 'x' };
    std::fs::write(&transcript, words.into_iter().collect::<String>()).expect("spoil");

    let out = margin(&["check", &s(&dir)]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    let d = s(&dir);
    assert!(
        err.contains(&format!(
            "{d}/documents/P1.ron:9:9: attribute 'site' is not defined in margin.ron"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{d}/themes.ron:"))
            && err.contains("lists unknown code 'no-such-code'"),
        "{err}"
    );
    assert!(
        err.contains(&format!("{d}/codings/P2/ben.ron:2:")) && err.contains("no longer anchors"),
        "{err}"
    );
}

fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Tester", "-c", "user.email=t@example.org"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn diff_reads_only_what_git_says_changed_and_misses_nothing() {
    let (_t, dir) = common::sample_study();
    git(&dir, &["init", "-q"]);
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-qm", "study"]);
    // A transcript no command needs, spoiled and committed: a diff that
    // read it would fail; this one never does.
    std::fs::write(dir.join("documents/P6.txt"), b"\xff not text").expect("spoil");
    git(&dir, &["commit", "-qam", "spoil P6"]);
    // One change of each kind: a new coder's first coding (an untracked
    // file), a coding removed by hand, a code renamed, a transcript
    // corrected.
    let d = s(&dir);
    ok(&[
        "apply",
        &d,
        "--doc",
        "P2",
        "--code",
        "chaotic-daily-life",
        "--chars",
        "10..40",
    ]);
    let asha = dir.join("codings/P1/asha.ron");
    let text = std::fs::read_to_string(&asha).expect("codings");
    let removed = text.lines().nth(1).expect("a coding").to_string();
    std::fs::write(&asha, text.replacen(&format!("{removed}\n"), "", 1)).expect("edit");
    ok(&[
        "code",
        "rename",
        &d,
        "binge-and-crash-cycles",
        "Binges and crashes",
    ]);
    let p3 = dir.join("documents/P3.txt");
    let t = std::fs::read_to_string(&p3).expect("text");
    std::fs::write(&p3, t.replacen("the", "teh", 1)).expect("edit");

    let folder = ok(&["diff", &d]);
    for expected in [
        "P2 (tester)\n  + [Chaotic daily life]",
        "P1 (asha)\n  - [",
        "~ code 'Binge and crash cycles': name \"Binge and crash cycles\" -> \"Binges and crashes\"",
        "~ P3: transcript corrected",
    ] {
        assert!(folder.contains(expected), "{expected:?} in:\n{folder}");
    }
    assert!(!folder.contains("P6"), "{folder}");
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-qm", "changes"]);
    let commits = ok(&["diff", &d, "--from", "HEAD~1", "--to", "HEAD"]);
    assert_eq!(commits, folder, "the same changes, read from git");
    assert!(ok(&["diff", &d]).contains("no changes"));
}

#[test]
fn a_coding_saved_looks_for_changes_among_the_files_it_depends_on() {
    // The workbench's store holds the whole project; saving one coding
    // stats that document's files, its codings and the codebook, not all.
    let (_t, dir) = common::sample_study();
    let (mut project, mut store) = Store::open_for_writing(&dir, |_| {}).expect("opens");
    std::fs::write(
        dir.join("documents/P1.ron"),
        b"(title: \"edited elsewhere\")\n",
    )
    .expect("edit");
    let edit = add("P3", 100);
    edit.clone().apply(&mut project).expect("applies");
    store
        .save_edit(&project, &edit)
        .expect("another document's change is not this edit's");
    for (rel, grow) in [
        ("codebook.ron", true),
        ("codings/P3/ben.ron", false),
        ("documents/P3.txt", true),
    ] {
        let (_u, dir) = common::sample_study();
        let (mut project, mut store) = Store::open_for_writing(&dir, |_| {}).expect("opens");
        let path = dir.join(rel);
        if grow {
            let mut text = std::fs::read_to_string(&path).expect("read");
            text.push('\n');
            std::fs::write(&path, text).expect("edit");
        } else {
            // A second coder's first codings of the same document.
            std::fs::write(&path, b"[]\n").expect("new file");
        }
        let edit = add("P3", 100);
        edit.clone().apply(&mut project).expect("applies");
        let err = store.save_edit(&project, &edit).expect_err("refused");
        assert!(
            err.to_string().contains(&format!("{rel}: changed on disk")),
            "{rel}: {err}"
        );
    }
}

#[test]
fn every_coding_shares_its_codebook_id() {
    // A large study names its codes hundreds of thousands of times: each
    // coding holds the codebook's own id, not a copy, whether its file is
    // in margin's layout or was edited by hand (another field order, read
    // by RON).
    let (_tmp, dir) = common::sample_study();
    let path = dir.join("codings/P1/asha.ron");
    let text = std::fs::read_to_string(&path).expect("reads");
    let hand_edited = text.replacen(
        "(code: \"chaotic-daily-life\", start: 1150,",
        "(start: 1150, code: \"chaotic-daily-life\",",
        1,
    );
    assert_ne!(hand_edited, text, "the sample study's first coding moved");
    std::fs::write(&path, hand_edited).expect("writes");
    let (project, _) = Store::open(&dir).expect("loads");
    let mut codings = 0;
    for r in project.all_codings() {
        let (shared, _) = project
            .codes
            .get_key_value(r.coding.code.as_str())
            .expect("a code of the codebook");
        assert!(
            std::ptr::eq(shared.as_str().as_ptr(), r.coding.code.as_str().as_ptr()),
            "{} in {} names a copy of its code",
            r.coding.code,
            r.doc
        );
        codings += 1;
    }
    assert!(codings > 10);
}

#[test]
fn a_refactor_opening_saves_a_changed_transcript_as_a_whole_load_does() {
    // `Store::open_to_refactor` keeps stored excerpts unchecked; when an
    // edit then changes a transcript (a speaker renamed to a name of the
    // same length: the codings keep their offsets, their words change),
    // the excerpts must come from the new text, as after a whole load.
    use margin::refactor::Stamp;
    use margin::testkit::corpus::{CorpusSize, synthetic};
    let project = synthetic(CorpusSize {
        documents: 6,
        words_per_document: 700,
        codes: 12,
        themes: 3,
        codings_per_document: 40,
        coders: 2,
        seed: 5,
    });
    let tmp = tempfile::tempdir().expect("tempdir");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    Store::create(&a, &project).expect("written");
    Store::create(&b, &project).expect("written");
    let stamp = Stamp {
        who: "tester".into(),
        when: "2026-11-30T12:00:00Z".into(),
        why: String::new(),
    };
    let before = common::cli::snapshot(&a);
    let mut covering_a_label = 0;
    for (dir, to_refactor) in [(&a, true), (&b, false)] {
        let (mut project, mut store) = if to_refactor {
            Store::open_to_refactor(dir, |_| {}).expect("opens")
        } else {
            Store::open_for_writing(dir, |_| {}).expect("opens")
        };
        covering_a_label = project
            .all_codings()
            .filter(|r| {
                let doc = &project.documents[r.doc];
                doc.slice(r.coding.start, r.coding.end)
                    .contains("Interviewer:")
            })
            .count();
        let planned = margin::refactor::speakers::rename_speaker(
            &project,
            "Interviewer",
            "Interviewed",
            None,
            &stamp,
        )
        .expect("plans");
        planned.edit.clone().apply(&mut project).expect("applies");
        store.save_edit(&project, &planned.edit).expect("saves");
    }
    assert!(covering_a_label > 0, "some codings cover a speaker's label");
    let after = common::cli::snapshot(&a);
    assert_ne!(after, before, "the rename changed files");
    assert_eq!(after, common::cli::snapshot(&b));
}
