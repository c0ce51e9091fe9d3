//! The workbench and files changed on disk behind it, driven in process: a
//! pull-like change is reloaded with the view kept; a save refused because
//! its file changed offers re-apply or overwrite; a project that no longer
//! loads is kept in memory and edits are refused until it loads again.

use crate::common;

use margin::tui::driver::{Driver, OverlayKind};

use common::fixture::{app, keys, screen_text};
use margin::edit::{Edit, compose};
use margin::model::{CodeId, Coding, DocId, Project};
use margin::store::Store;
use margin::tui::app::Pane;
use margin::tui::reload;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A copy of the sample study opened in the workbench (coder ana).
fn open() -> (tempfile::TempDir, PathBuf, Driver) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("study");
    common::copy_dir(&common::sample_project(), &dir);
    let (project, store) = Store::open(&dir).expect("the sample loads");
    let mut app = app(project, (120, 40));
    app.attach(store);
    (tmp, dir, app)
}

/// Another margin (or a `git pull`) adds a code and codes P3 with it as ben.
fn change_behind(dir: &Path, name: &str) -> CodeId {
    let (mut project, mut store) = Store::open(dir).expect("loads");
    let code = compose::new_code(&project, name);
    let id = code.id.clone();
    let edit = Edit::Batch {
        label: "pulled".into(),
        edits: vec![
            Edit::AddCode { code },
            Edit::AddCoding {
                doc: DocId::new("P3"),
                coder: "ben".into(),
                coding: Coding::new(id.clone(), 0, 9),
            },
        ],
    };
    edit.clone().apply(&mut project).expect("applies");
    store.save_edit(&project, &edit).expect("saves");
    id
}

fn code_named(project: &Project, name: &str) -> CodeId {
    project
        .codes
        .values()
        .find(|c| c.name == name)
        .map_or_else(|| CodeId::new("no such code"), |c| c.id.clone())
}

fn on_disk(dir: &Path) -> Project {
    Store::open(dir).expect("the files on disk load").0
}

fn has_coding(project: &Project, doc: &str, coder: &str, code: &CodeId) -> bool {
    project
        .codings
        .get(&DocId::new(doc))
        .and_then(|m| m.get(coder))
        .is_some_and(|list| list.iter().any(|c| &c.code == code))
}

/// ana codes the first lines of the open document with a new code.
fn code_lines(app: &mut Driver, name: &str) {
    let effects = keys(app, &format!("1ggVjc{name}<cr>"));
    assert!(!effects.is_empty(), "{}", app.status());
    app.run_effects(effects);
}

#[test]
fn a_pull_is_reloaded_keeping_the_view() {
    let (_tmp, dir, mut app) = open();
    keys(&mut app, "oP3<cr>jjjjw");
    keys(&mut app, "u"); // an undo step to be cleared: nothing to undo yet
    code_lines(&mut app, "mine first");
    keys(&mut app, "jjj2");
    let cursor = app.cursor();
    assert!(!app.check_disk(), "own saves are not changes");
    let id = change_behind(&dir, "Aaa pulled code");
    assert!(app.check_disk());
    assert_eq!(
        app.status(),
        "reloaded: 2 files changed on disk (codebook.ron, codings/P3/ben.ron); undo history cleared"
    );
    assert!(app.project().codes.contains_key(&id));
    assert_eq!(app.document_id(), Some(&DocId::new("P3")));
    assert_eq!(app.cursor(), cursor);
    assert_eq!(app.focus(), Pane::Codebook);
    assert!(app.codebook_rows().contains(&id));
    assert!(screen_text(&app).contains("Aaa pulled code"));
    keys(&mut app, "u");
    assert_eq!(app.status(), "nothing to undo");
    assert!(!app.check_disk(), "once is enough");
}

/// Ticks as the idle event loop does until one changes the screen (at most 10 s).
fn tick_until_drawn(app: &mut Driver, watch: &mut reload::Watch) -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if app.tick(watch) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    false
}

#[test]
fn the_watcher_thread_brings_a_pull_and_holds_it_while_a_picker_is_open() {
    let (_tmp, dir, mut app) = open();
    let mut watch = reload::Watch::start(&dir, Duration::from_millis(10));
    std::thread::sleep(Duration::from_millis(50));
    assert!(
        !app.tick(&mut watch),
        "the disk as it was opened is no change"
    );
    keys(&mut app, "o");
    assert!(app.overlay().is_some(), "the document picker is open");
    let id = change_behind(&dir, "Aaa pulled code");
    std::thread::sleep(Duration::from_millis(100));
    assert!(!app.tick(&mut watch));
    assert!(
        !app.project().codes.contains_key(&id),
        "not reloaded under the picker"
    );
    keys(&mut app, "<esc>");
    assert!(tick_until_drawn(&mut app, &mut watch));
    assert_eq!(
        app.status(),
        "reloaded: 2 files changed on disk (codebook.ron, codings/P3/ben.ron); undo history cleared"
    );
    assert!(app.project().codes.contains_key(&id));
    assert!(!app.tick(&mut watch), "once is enough");
}

/// Seen on the reference corpus: after auto-coding a thousand files, the
/// workbench reloaded the whole project ("reloaded: no file had changed on
/// disk"), holding two projects at once. The watcher's scan had been taken
/// before the save finished; it is not a change made behind the workbench.
#[test]
fn a_scan_taken_before_an_own_save_reloads_nothing() {
    let (_tmp, dir, mut app) = open();
    // One scan, sent at once: the disk as it was opened, before the save.
    let mut watch = reload::Watch::start(&dir, Duration::from_secs(3600));
    std::thread::sleep(Duration::from_millis(200));
    code_lines(&mut app, "mine first");
    let saved = app.status().to_string();
    assert!(!app.tick(&mut watch), "{}", app.status());
    assert_eq!(app.status(), saved, "no reload, no message");
    keys(&mut app, "u");
    assert!(app.status().starts_with("undid"), "{}", app.status());
}

#[test]
fn a_manual_reload_with_nothing_changed_keeps_the_undo_history() {
    let (_tmp, _dir, mut app) = open();
    code_lines(&mut app, "kept");
    let effects = keys(&mut app, "<c-l>");
    app.run_effects(effects);
    assert_eq!(app.status(), "reloaded: no file had changed on disk");
    keys(&mut app, "u");
    assert!(
        app.status().starts_with("undid: code 'kept'"),
        "{}",
        app.status()
    );
}

/// The other margin codes P1 for ana too: ana's next save there is refused.
fn refused_save(app: &mut Driver, dir: &Path) -> CodeId {
    keys(app, "oP1<cr>");
    let (mut project, mut other) = Store::open(dir).expect("loads");
    let theirs = compose::new_code(&project, "Theirs");
    let id = theirs.id.clone();
    let edit = Edit::Batch {
        label: "theirs".into(),
        edits: vec![
            Edit::AddCode { code: theirs },
            Edit::AddCoding {
                doc: DocId::new("P1"),
                coder: "ana".into(),
                coding: Coding::new(id.clone(), 200, 240),
            },
        ],
    };
    edit.clone().apply(&mut project).expect("applies");
    other.save_edit(&project, &edit).expect("saves");
    code_lines(app, "Zqxv mine");
    assert!(app.status().starts_with("NOT SAVED"), "{}", app.status());
    assert_eq!(app.unsaved(), 1);
    let Some(_offer) = app.pick_purpose::<margin::tui::reload::Offer>() else {
        panic!("no offer: {:?}", (app.status(), app.tone()));
    };
    let title = app.overlay_title().unwrap_or_default();
    assert!(title.contains("codebook.ron"), "{title}");
    assert_eq!(
        app.picker_labels()[0],
        "reload and re-apply my 1 unsaved edit(s)"
    );
    id
}

#[test]
fn a_refused_save_is_reapplied_onto_the_files_on_disk() {
    let (_tmp, dir, mut app) = open();
    let theirs = refused_save(&mut app, &dir);
    let effects = keys(&mut app, "<cr>");
    app.run_effects(effects);
    assert!(
        app.status().contains("re-applied 1 of 1 unsaved edit(s)"),
        "{}",
        app.status()
    );
    assert!(app.unsaved_edits().is_empty());
    let disk = on_disk(&dir);
    assert!(has_coding(&disk, "P1", "ana", &theirs));
    assert!(has_coding(
        &disk,
        "P1",
        "ana",
        &code_named(&disk, "Zqxv mine")
    ));
    assert!(app.store().expect("a store").changes_on_disk().is_empty());
}

#[test]
fn keep_mine_overwrites_only_after_a_confirm() {
    let (_tmp, dir, mut app) = open();
    let theirs = refused_save(&mut app, &dir);
    // "keep mine and overwrite" asks first; "no" goes back to the offer.
    let effects = keys(&mut app, "<down><cr><down><cr>");
    assert!(effects.is_empty());
    assert!(!on_disk(&dir).codes.values().any(|c| c.name == "Zqxv mine"));
    let effects = keys(&mut app, "<down><cr><cr>");
    app.run_effects(effects);
    assert!(
        app.status().starts_with("overwrote with your 1 edit(s)"),
        "{}",
        app.status()
    );
    assert!(app.unsaved_edits().is_empty());
    let disk = on_disk(&dir);
    assert!(has_coding(
        &disk,
        "P1",
        "ana",
        &code_named(&disk, "Zqxv mine")
    ));
    assert!(
        !has_coding(&disk, "P1", "ana", &theirs),
        "theirs was overwritten"
    );
}

#[test]
fn decide_later_keeps_the_edits_and_does_not_nag() {
    let (_tmp, dir, mut app) = open();
    refused_save(&mut app, &dir);
    keys(&mut app, "<down><down><cr>");
    assert!(app.overlay().is_none());
    assert_eq!(app.unsaved(), 1);
    assert!(!app.check_disk());
    assert!(app.overlay().is_none());
    let effects = keys(&mut app, "<c-l>");
    app.run_effects(effects);
    assert!(app.overlay() == Some(OverlayKind::PICKER));
}

#[test]
fn a_project_that_no_longer_loads_is_kept_and_edits_are_refused() {
    let (_tmp, dir, mut app) = open();
    let codebook = dir.join("codebook.ron");
    let good = std::fs::read_to_string(&codebook).expect("reads");
    std::fs::write(
        &codebook,
        format!("<<<<<<< ours\n=======\n>>>>>>> theirs\n{good}"),
    )
    .expect("writes");
    let codes = app.project().codes.len();
    assert!(app.check_disk());
    assert!(
        app.status()
            .contains("codebook.ron:1:1: unresolved merge conflict"),
        "{}",
        app.status()
    );
    assert_eq!(
        app.project().codes.len(),
        codes,
        "the last good project stays"
    );
    assert!(!app.check_disk(), "no retry until the files change");
    let effects = keys(&mut app, "1ggVjcrefused<cr>");
    assert!(effects.is_empty());
    assert!(
        app.status()
            .starts_with("not done: the project on disk does not load")
    );
    std::fs::write(&codebook, &good).expect("writes");
    assert!(app.check_disk());
    assert!(
        app.status()
            .starts_with("reloaded: 1 file changed on disk (codebook.ron)")
    );
    code_lines(&mut app, "allowed again");
    assert!(app.status().starts_with("saved:"), "{}", app.status());
}

#[test]
fn an_edit_that_no_longer_fits_is_named_when_dropped() {
    let (_tmp, dir, mut app) = open();
    refused_save(&mut app, &dir);
    // A colleague made the very same edit meanwhile: re-applying it fails.
    let (mut project, mut other) = Store::open(&dir).expect("loads");
    let same = app.unsaved_edits()[0].clone();
    same.clone().apply(&mut project).expect("applies");
    other.save_edit(&project, &same).expect("saves");
    let effects = keys(&mut app, "<cr>");
    app.run_effects(effects);
    assert!(
        app.status()
            .starts_with("re-applied 0 of 1 unsaved edit(s); dropped 'code 'Zqxv mine'"),
        "{}",
        app.status()
    );
    assert!(
        app.status().ends_with("undo history cleared"),
        "{}",
        app.status()
    );
    assert!(app.unsaved_edits().is_empty());
    assert!(app.store().expect("a store").changes_on_disk().is_empty());
}

#[test]
fn the_offer_is_shown_whole_on_a_wide_screen() {
    let (_tmp, dir, mut app) = open();
    refused_save(&mut app, &dir);
    // The title and hints were cut at 70 columns though 120 were there.
    let screen = screen_text(&app);
    assert!(
        screen.contains("1 edit(s) of yours are not saved"),
        "{screen}"
    );
    assert!(
        screen.contains("those that no longer fit are named"),
        "{screen}"
    );
}
