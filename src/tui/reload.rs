//! Reloading the project when its files change on disk behind the workbench
//! (a `git pull`, a checkout, an editor). About once a second when idle the
//! event loop asks the store which files changed (metadata only). With every
//! edit saved, the project is simply read again, keeping the view; with
//! unsaved edits the analyst chooses: reload and re-apply them, or keep them
//! and overwrite. A project that no longer loads is never swapped in: the
//! last good one stays on screen and edits are refused until it loads.

use super::app::{App, Effect, Tone};
use super::overlay::picker::{Choice, PickItem, Picker};
use super::overlay::{Overlay, PickFor};
use crate::edit::{Edit, History};
use crate::store::{FileKey, Stamps, Store, StoreError, files};
use crate::text::layout::DocLayout;
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

/// How often an idle workbench looks at the disk.
pub const CHECK_EVERY: Duration = Duration::from_secs(1);

/// How many changed files the status line names before "+N more".
const NAMED: usize = 3;

/// The watcher's memory between checks.
#[derive(Clone, Debug)]
pub struct ReloadState {
    last_check: Instant,
    /// Set while the files on disk do not load.
    pub broken: Option<Broken>,
    /// What `margin check` finds wrong with a project that loads: while
    /// any, the workbench is read-only and a banner names them.
    pub rejected: Vec<String>,
    /// The disk as it was when the choice was last offered, so that closing
    /// the offer does not bring it back every second for the same change.
    offered: Option<Stamps>,
}

impl Default for ReloadState {
    fn default() -> Self {
        ReloadState {
            last_check: Instant::now(),
            broken: None,
            rejected: Vec::new(),
            offered: None,
        }
    }
}

/// The project on disk failed to load: the problem, and the disk as it was
/// then, so the load is only retried once the files change again.
#[derive(Clone, Debug)]
pub struct Broken {
    pub problem: String,
    scan: Stamps,
}

/// What to do with the files on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReloadMode {
    /// Read the project again (there are no unsaved edits).
    Fresh,
    /// Read it again and re-apply the unsaved edits on top.
    Reapply,
    /// Write the unsaved edits' files over the disk copies, then catch up
    /// with any other file that changed.
    Overwrite,
}

/// The choice offered when files changed while edits are unsaved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Offer {
    /// The files that changed on disk.
    pub changed: Vec<String>,
    /// The files the unsaved edits would write.
    pub mine: Vec<String>,
    pub edits: usize,
    /// "keep mine and overwrite" was chosen: waiting for y or n.
    pub confirming: bool,
}

/// Why an edit is refused now, if it is.
pub fn refusal(app: &App) -> Option<String> {
    if let Some(b) = &app.reload.broken {
        return Some(format!(
            "not done: the project on disk does not load ({}); fix it (margin resolve for merge conflicts), then ctrl-l",
            b.problem
        ));
    }
    (!app.reload.rejected.is_empty()).then(|| {
        format!(
            "not done: read-only while `margin check` finds {} problem(s) (see the banner); fix them, then ctrl-l",
            app.reload.rejected.len()
        )
    })
}

/// Runs `margin check`'s validation on the project as loaded from `root`:
/// the workbench is read-only while it finds problems.
///
/// Unplaced codings and codings of codes removed on another branch are left
/// out: the workbench settles those itself (`U`), so they must not lock it.
pub fn recheck(app: &mut App, root: &std::path::Path) {
    let mut checked = app.project.clone();
    let codes = checked.codes.clone();
    for list in checked.codings.values_mut().flat_map(|c| c.values_mut()) {
        list.retain(|c| c.unplaced.is_none() && codes.contains_key(&c.code));
    }
    app.reload.rejected = crate::validate::validate(root, &checked)
        .iter()
        .map(ToString::to_string)
        .collect();
}

/// The idle check. Returns true when something changed on screen.
pub fn tick(app: &mut App, store: &mut Store) -> bool {
    if app.reload.last_check.elapsed() < CHECK_EVERY {
        return false;
    }
    app.reload.last_check = Instant::now();
    check_now(app, store)
}

/// The check itself, whenever it last ran: reloads, offers the choice, or
/// does nothing. Returns true when something changed on screen.
pub fn check_now(app: &mut App, store: &mut Store) -> bool {
    // An open prompt, picker or memo is not pulled from under the analyst's
    // fingers; the next check after it closes catches up.
    if app.overlay.is_some() {
        return false;
    }
    let scan = store.scan_disk();
    let changes = scan.changes_since(store.stamps());
    if changes.is_empty() {
        if app.reload.broken.take().is_some() {
            // Put back exactly as it was read: nothing to reload.
            app.say("the files on disk load again; edits are allowed", Tone::Ok);
            return true;
        }
        return false;
    }
    if app.reload.broken.as_ref().is_some_and(|b| b.scan == scan) {
        return false;
    }
    if app.unsaved.is_empty() {
        reload(app, store, "");
    } else if app.reload.offered.as_ref() != Some(&scan) {
        offer(app, store, None);
    } else {
        return false;
    }
    true
}

/// Opens the choice between re-applying and overwriting; `refused` is the
/// file a failed save named, listed even if its metadata looks the same.
pub fn offer(app: &mut App, store: &Store, refused: Option<String>) {
    let scan = store.scan_disk();
    let mut changed: BTreeSet<String> = scan
        .changes_since(store.stamps())
        .paths()
        .into_iter()
        .collect();
    changed.extend(refused);
    app.reload.offered = Some(scan);
    let offer = Offer {
        changed: changed.into_iter().collect(),
        mine: touched(&app.unsaved)
            .iter()
            .map(FileKey::rel_path)
            .collect(),
        edits: app.unsaved.len(),
        confirming: false,
    };
    show(app, offer);
}

/// The offer as a picker: the first row (re-apply, the safe choice) is
/// selected, so Enter takes it.
fn show(app: &mut App, offer: Offer) {
    let n = offer.edits;
    let mine = offer.mine.join(", ");
    let (title, items) = if offer.confirming {
        (
            format!("Overwrite {mine}? What changed there on disk is lost"),
            vec![
                PickItem::new(format!("yes, overwrite {mine}"), "your version is written"),
                PickItem::new("no, go back", "choose again"),
            ],
        )
    } else {
        let changed = offer.changed.join(", ");
        (
            format!("Changed on disk: {changed}. {n} edit(s) of yours are not saved"),
            vec![
                PickItem::new(
                    format!("reload and re-apply my {n} unsaved edit(s)"),
                    "those that no longer fit are named",
                ),
                PickItem::new(
                    "keep mine and overwrite",
                    format!("asks first; writes {mine}"),
                ),
                PickItem::new("decide later", "the edits stay unsaved; ctrl-l asks again"),
            ],
        )
    };
    app.overlay = Some(Overlay::Picker {
        picker: Picker::new(title, items),
        purpose: PickFor::Reload(Box::new(offer)),
    });
}

/// The analyst's choice in the offer.
pub fn picked(app: &mut App, mut offer: Offer, choice: Choice) -> Vec<Effect> {
    let Choice::Item(row) = choice else {
        show(app, offer);
        return Vec::new();
    };
    match (offer.confirming, row) {
        (false, 0) => vec![Effect::Reload(ReloadMode::Reapply)],
        (false, 1) => {
            offer.confirming = true;
            show(app, offer);
            Vec::new()
        }
        (true, 0) => vec![Effect::Reload(ReloadMode::Overwrite)],
        (true, _) => {
            offer.confirming = false;
            show(app, offer);
            Vec::new()
        }
        (false, _) => {
            app.say(
                format!(
                    "{} edit(s) still unsaved; ctrl-l offers the choice again",
                    app.unsaved.len()
                ),
                Tone::Warning,
            );
            Vec::new()
        }
    }
}

/// Runs a reload effect (the event loop's side of `Effect::Reload`).
pub fn run(app: &mut App, store: &mut Store, mode: ReloadMode) {
    match mode {
        ReloadMode::Fresh if !app.unsaved.is_empty() => offer(app, store, None),
        ReloadMode::Fresh => reload(app, store, ""),
        ReloadMode::Reapply => reapply(app, store),
        ReloadMode::Overwrite => overwrite(app, store),
    }
}

/// Runs the effects that need the store but not the terminal (saves and
/// reloads), as the event loop does: for tests that drive the workbench in
/// process. Quitting $EDITOR and the clipboard are left out.
pub fn run_effects(app: &mut App, store: &mut Store, effects: Vec<Effect>) {
    for effect in effects {
        match effect {
            Effect::Save(edit) => super::runner::save(app, store, *edit),
            Effect::Reload(mode) => run(app, store, mode),
            Effect::EditInEditor(_) | Effect::Quit | Effect::Copy(_) => {}
        }
    }
}

/// Reads the project again; `done` says what came before ("overwrote ...; ").
fn reload(app: &mut App, store: &mut Store, done: &str) {
    let scan = store.scan_disk();
    let changes = scan.changes_since(store.stamps());
    match Store::open(store.root()) {
        Ok((project, fresh)) => {
            *store = fresh;
            app.reload.broken = None;
            if changes.is_empty() {
                // Same files: the undo history still fits them.
                install(app, project, false);
                app.say(
                    format!("{done}reloaded: no file had changed on disk"),
                    Tone::Ok,
                );
            } else {
                install(app, project, true);
                app.say(
                    format!(
                        "{done}reloaded: {}; undo history cleared",
                        changes.summary(NAMED)
                    ),
                    Tone::Warning,
                );
                let effects = super::unplaced::on_open(app, store.root());
                run_effects(app, store, effects);
            }
            recheck(app, store.root());
        }
        Err(err) => broken(app, &err, scan, done),
    }
}

fn reapply(app: &mut App, store: &mut Store) {
    let scan = store.scan_disk();
    let changes = scan.changes_since(store.stamps());
    let (mut project, mut fresh) = match Store::open(store.root()) {
        Ok(opened) => opened,
        Err(err) => return broken(app, &err, scan, ""),
    };
    let edits = std::mem::take(&mut app.unsaved);
    let total = edits.len();
    let outcome = crate::store::reapply(&mut project, edits);
    let mut save_error = None;
    for edit in &outcome.applied {
        if let Err(err) = fresh.save_edit(&project, edit) {
            app.unsaved.push(edit.clone());
            save_error = Some(err.to_string());
        }
    }
    *store = fresh;
    app.reload.broken = None;
    install(app, project, true);
    recheck(app, store.root());
    // The status line is cut at its width: what happened to the analyst's
    // edits comes first, the reload after.
    let mut message = format!(
        "re-applied {} of {total} unsaved edit(s)",
        outcome.applied.len()
    );
    for (description, why) in &outcome.dropped {
        message.push_str(&format!("; dropped '{description}': {why}"));
    }
    if let Some(err) = save_error {
        message.push_str(&format!("; NOT SAVED: {err}"));
    }
    message.push_str(&format!(
        "; reloaded: {}; undo history cleared",
        changes.summary(NAMED)
    ));
    let tone = if app.unsaved.is_empty() && outcome.dropped.is_empty() {
        Tone::Warning
    } else {
        Tone::Error
    };
    app.say(message, tone);
    let effects = super::unplaced::on_open(app, store.root());
    run_effects(app, store, effects);
}

fn overwrite(app: &mut App, store: &mut Store) {
    let edits = std::mem::take(&mut app.unsaved);
    let keys = touched(&edits);
    match store.overwrite_keys(&app.project, &keys) {
        Ok(report) => {
            let done = format!("overwrote with your {} edit(s): {}", edits.len(), {
                let mut files = report.written.clone();
                files.extend(report.removed.iter().map(|f| format!("removed {f}")));
                files.join(", ")
            });
            if store.changes_on_disk().is_empty() {
                app.say(done, Tone::Ok);
            } else {
                reload(app, store, &format!("{done}; "));
            }
        }
        Err(err) => {
            app.unsaved = edits;
            app.say(format!("NOT SAVED: {err}"), Tone::Error);
        }
    }
}

/// Keeps the last good project and refuses edits until the files load.
fn broken(app: &mut App, err: &StoreError, scan: Stamps, done: &str) {
    let problem = match err {
        StoreError::Invalid(problems) => {
            let first = problems
                .first()
                .map(ToString::to_string)
                .unwrap_or_default();
            match problems.len() {
                0 | 1 => first,
                n => format!("{first} (+{} more)", n - 1),
            }
        }
        other => other.to_string(),
    };
    app.say(
        format!("{done}the project on disk does not load: {problem}; showing the last good version, edits refused until it loads"),
        Tone::Error,
    );
    app.reload.broken = Some(Broken { problem, scan });
}

/// Swaps in a freshly read project, keeping the view where it was: the same
/// document (cursor clamped), focus, folds, filter and the open page.
fn install(app: &mut App, project: crate::model::Project, clear_history: bool) {
    app.project = project;
    // A search half done read the old texts: its offsets may not fit.
    super::jobs::cancel(app);
    if clear_history {
        // Its steps were computed against the old files and may not apply.
        app.history = History::new();
    }
    app.reload.offered = None;
    app.quit_armed = false;
    // The text itself may have changed: lay it out again, forget offsets.
    app.transcript.layout = DocLayout::default();
    app.transcript.search = None;
    app.transcript.anchor = None;
    app.after_change();
    if let Some(view) = &app.agreement {
        let selected = view.selected;
        app.agreement = super::agreement::build(&app.project, view.coders.clone())
            .ok()
            .map(|mut v| {
                v.selected = selected.min(v.rows.len().saturating_sub(1));
                v
            });
    }
}

fn touched(edits: &[Edit]) -> BTreeSet<FileKey> {
    edits.iter().flat_map(files::touched_by).collect()
}
