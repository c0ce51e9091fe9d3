//! Issue 9, seen 2 in the workbench: after a merge, a coding of a code the
//! other branch merged away follows it on open (announced and saved);
//! a coding of a code deleted with its codings is never drawn and is a
//! decision offered on open: restore the code or delete the codings.

use crate::common;

use common::fixture::{app, keys};
use margin::model::{CodeId, DocId, Project};
use margin::refactor::{CodingsPolicy, Stamp, delete_code, merge_codes};
use margin::store::Store;
use margin::tui::decisions::{Decisions, SettleSplit, SplitNotices};
use std::path::Path;

const CODE: &str = "chaotic-daily-life";

/// A sample copy where alice's refactor is saved and bob's coding of the old
/// code (made on his branch) arrives in codings/P3/bob.ron, as after a merge.
fn merged(dir: &Path, refactor: impl Fn(&Project) -> margin::edit::Edit) {
    common::copy_dir(&common::sample_project(), dir);
    let (mut project, mut store) = Store::open(dir).expect("loads");
    let edit = refactor(&project);
    edit.clone().apply(&mut project).expect("applies");
    store.save_edit(&project, &edit).expect("saves");
    let p3 = &project.documents[&DocId::new("P3")];
    let words = margin::text::excerpt(p3.slice(10, 40), 60);
    let text = format!(
        "[\n    (code: \"chaotic-daily-life\", start: 10, end: 40, lines: \"1\", text: \"{words}\"),\n]\n"
    );
    std::fs::write(dir.join("codings/P3/bob.ron"), text).expect("bob's file");
    let manifest = std::fs::read_to_string(dir.join("margin.ron")).expect("manifest");
    std::fs::write(
        dir.join("margin.ron"),
        manifest.replace("\"ben\",", "\"ben\",\n        \"bob\","),
    )
    .expect("manifest");
}

fn bob_codes(project: &Project) -> Vec<String> {
    project.codings[&DocId::new("P3")]["bob"]
        .iter()
        .map(|c| c.code.to_string())
        .collect()
}

#[test]
fn a_coding_of_a_merged_code_follows_it_on_open() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("study");
    merged(&dir, |p| {
        let stamp = Stamp::now("alice", "tidy");
        merge_codes(
            p,
            &[CodeId::new(CODE)],
            &CodeId::new("binge-and-crash-cycles"),
            &stamp,
        )
        .expect("plans")
        .edit
    });
    let (project, store) = Store::open(&dir).expect("loads");
    let mut app = app(project, (120, 40));
    app.attach(store);
    let effects = app.on_open(&dir);
    app.run_effects(effects);
    assert!(
        app.status().contains(
            "after the merge: 1 coding of 'chaotic-daily-life' followed to 'Binge and crash cycles'"
        ),
        "{}",
        app.status()
    );
    assert_eq!(bob_codes(app.project()), ["binge-and-crash-cycles"]);
    // Saved in bob's file.
    assert_eq!(
        bob_codes(&Store::open(&dir).expect("loads").0),
        ["binge-and-crash-cycles"]
    );
    // A replay of alice's decision, not a step of this session: u leaves it.
    keys(&mut app, "u");
    assert_eq!(bob_codes(app.project()), ["binge-and-crash-cycles"]);
}

#[test]
fn a_coding_of_a_deleted_code_is_a_decision_on_open() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("study");
    merged(&dir, |p| {
        let stamp = Stamp::now("alice", "not needed");
        delete_code(p, &CodeId::new(CODE), &CodingsPolicy::DeleteCodings, &stamp)
            .expect("plans")
            .edit
    });
    let (project, store) = Store::open(&dir).expect("loads");
    let mut app = app(project, (120, 40));
    app.attach(store);
    let effects = app.on_open(&dir);
    app.run_effects(effects);
    let Some(Decisions(rows)) = app.pick_purpose::<Decisions>() else {
        panic!("a decision is asked on open: {}", app.status());
    };
    assert_eq!(rows.len(), 2);
    let title = app.overlay_title().unwrap_or_default();
    assert!(title.contains("need a decision"), "{title}");
    // Esc: later; U asks again. Enter restores the code as alice deleted it.
    keys(&mut app, "<esc>U");
    assert!(app.pick_purpose::<Decisions>().is_some());
    let effects = keys(&mut app, "<cr>");
    app.run_effects(effects);
    let restored = app
        .project()
        .codes
        .get(&CodeId::new(CODE))
        .expect("restored");
    assert_eq!(restored.name, "Chaotic daily life");
    assert!(
        !restored.description.is_empty(),
        "its definition comes back from the journal"
    );
    let on_disk = Store::open(&dir).expect("loads").0;
    let problems = margin::check::validate(&dir, &on_disk);
    assert!(problems.is_empty(), "{problems:?}");
}

/// Runs `program` in `dir` as `coder`, away from the user's git config.
fn run(dir: &Path, program: &str, args: &[&str], coder: &str) -> String {
    let out = std::process::Command::new(program)
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", dir.join("../no-global-config"))
        .env("MARGIN_CODER", coder)
        .env_remove("NO_COLOR")
        .output()
        .expect("runs");
    common::conflict::ok(out, &format!("{program} {args:?}"))
}

/// The sample study in git: alice splits "Chaotic daily life" (P1 into
/// "Unstable days") on her branch while bob codes a new P3 passage with it
/// on his; alice merges bob's branch. Bob's coding is beside the split.
fn beside_a_split(dir: &Path) {
    common::copy_dir(&common::sample_project(), dir);
    let git = |args: &[&str]| run(dir, "git", args, "alice");
    let margin = |coder: &str, args: &[&str]| run(dir, env!("CARGO_BIN_EXE_margin"), args, coder);
    let commit = |message: &str| {
        git(&["add", "-A"]);
        git(&["commit", "-q", "-m", message]);
    };
    git(&["init", "-q", "-b", "main"]);
    git(&["config", "user.name", "Test Runner"]);
    git(&["config", "user.email", "test@example.org"]);
    margin("alice", &["git-setup", "."]);
    commit("sample study");
    git(&["checkout", "-q", "-b", "alice"]);
    margin(
        "alice",
        &[
            "code",
            "split",
            ".",
            CODE,
            "--to",
            "Unstable days",
            "--docs",
            "P1",
        ],
    );
    commit("alice splits");
    git(&["checkout", "-q", "-b", "bob", "main"]);
    margin(
        "bob",
        &[
            "apply",
            ".",
            "--doc",
            "P3",
            "--match",
            "That's the big one.",
            "--code",
            CODE,
        ],
    );
    commit("bob codes P3");
    git(&["checkout", "-q", "alice"]);
    git(&["merge", "-q", "--no-edit", "bob"]);
}

/// Issue 9, Deliver 2 (split): the workbench choice for a coding made
/// beside a split. `U` lists it; it can be gone to, moved to the split's new
/// code (the edit `margin code split --extracts` makes) or kept under the
/// old one (the journal entry `margin reconcile --keep-split` writes); both
/// are saved, and `margin check` has nothing more to say once committed.
#[test]
fn a_coding_beside_a_split_is_moved_or_kept_from_the_workbench() {
    for settle in ["move", "keep"] {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("study");
        beside_a_split(&dir);
        let check = |what: &str| run(&dir, env!("CARGO_BIN_EXE_margin"), &["check", "."], what);
        assert!(check("alice").contains("notice:"), "named before");

        let (project, store) = Store::open(&dir).expect("loads");
        let mut app = app(project, (120, 40));
        app.attach(store);
        let effects = app.on_open(&dir);
        assert!(effects.is_empty(), "nothing to write on open");
        assert!(
            app.status().contains("U to move or keep"),
            "{}",
            app.status()
        );
        keys(&mut app, "U");
        let Some(SplitNotices(all)) = app.pick_purpose::<SplitNotices>() else {
            panic!("U lists the coding beside the split: {}", app.status());
        };
        assert_eq!(all.len(), 1);
        let title = app.overlay_title().unwrap_or_default();
        assert!(title.contains("1 coding made beside a split"), "{title}");
        let start = all[0].start;
        // Go to the passage: P3 opens at bob's coding; U again comes back.
        keys(&mut app, "<cr><down><down><cr>");
        assert_eq!(app.document_id(), Some(&DocId::new("P3")));
        assert!(
            app.status().contains("bob's coding beside the split"),
            "{}",
            app.status()
        );
        keys(&mut app, "U<cr>");
        assert!(app.pick_purpose::<SettleSplit>().is_some());
        let effects = keys(
            &mut app,
            if settle == "move" {
                "<cr>"
            } else {
                "<down><cr>"
            },
        );
        assert!(!effects.is_empty(), "{settle}: {}", app.status());
        app.run_effects(effects);
        assert!(app.overlay().is_none(), "nothing left to settle");

        let bob = std::fs::read_to_string(dir.join("codings/P3/bob.ron")).expect("bob's file");
        let journal = std::fs::read_to_string(dir.join("journal.ron")).expect("journal");
        let line = bob
            .lines()
            .find(|l| l.contains(&format!("start: {start},")))
            .expect("bob's coding is still there");
        if settle == "move" {
            assert!(line.contains("code: \"unstable-days\""), "{line}");
            // One undoable step: u brings it back under the split code, and
            // U offers it again; the move is then made once more.
            let effects = keys(&mut app, "u");
            app.run_effects(effects);
            let back = std::fs::read_to_string(dir.join("codings/P3/bob.ron")).expect("bob");
            assert!(
                back.contains(&format!("code: \"{CODE}\", start: {start},")),
                "{back}"
            );
            let effects = keys(&mut app, "U<cr><cr>");
            assert!(!effects.is_empty(), "moved again: {}", app.status());
            app.run_effects(effects);
        } else {
            assert!(line.contains(&format!("code: \"{CODE}\"")), "{line}");
            assert!(
                journal.contains("kept 1 coding of 'Chaotic daily life' made beside its split"),
                "{journal}"
            );
        }
        run(&dir, "git", &["commit", "-q", "-am", settle], "alice");
        let after = check("alice");
        assert!(!after.contains("notice"), "{settle}: {after}");
        assert!(after.contains("clean"), "{settle}: {after}");
    }
}
