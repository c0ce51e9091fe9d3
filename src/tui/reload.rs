//! Reloading the project when its files change on disk behind the workbench
//! (a `git pull`, a checkout, an editor). About once a second a watcher
//! thread stats the project files (metadata only); the event loop, when
//! idle, only takes the scans it sent, so a key never waits for the disk.
//! With every edit saved, the project is simply read again, keeping the
//! view; with unsaved edits the analyst chooses: reload and re-apply them,
//! or keep them and overwrite. A project that no longer loads is never
//! swapped in: the last good one stays on screen and the session refuses
//! edits until it loads. The rules live in `session`; this module is the
//! workbench's side: the offer, the messages, keeping the view.

use super::app::{App, Effect, Tone};
use super::overlay::picker::PickPurpose;
use super::overlay::picker::{Choice, PickItem, Picker};
use crate::session::OnDisk;
use crate::store::{DiskWatcher, Stamps};
use crate::text::layout::DocLayout;
use std::collections::BTreeSet;
use std::time::Duration;

/// How often the watcher thread looks at the disk.
pub const CHECK_EVERY: Duration = Duration::from_secs(1);

/// How many changed files the status line names before "+N more".
const NAMED: usize = 3;

/// The watcher's memory between checks.
#[derive(Clone, Debug, Default)]
pub struct ReloadState {
    /// The disk as it was when the choice was last offered, so that closing
    /// the offer does not bring it back every second for the same change.
    offered: Option<Stamps>,
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

/// Runs `margin check`'s validation on the project (see `Session::check`):
/// the workbench is read-only while it finds problems.
pub fn recheck(app: &mut App) {
    app.session.check(&app.project);
}

/// The disk as the watcher thread sees it, and the newest scan the
/// workbench has not looked at yet (held while an overlay is open).
pub struct Watch {
    watcher: DiskWatcher,
    unchecked: Option<Stamps>,
}

impl Watch {
    /// Starts watching `root` every `every` (`CHECK_EVERY` in the workbench).
    pub fn start(root: &std::path::Path, every: Duration) -> Watch {
        Watch {
            watcher: DiskWatcher::start(root.to_path_buf(), every),
            unchecked: None,
        }
    }
}

/// The idle check: takes what the watcher thread sent, scanning here only to
/// confirm a change it reported, so it costs a key nothing unless the disk
/// changed. Returns true when
/// something changed on screen.
pub fn tick(app: &mut App, watch: &mut Watch) -> bool {
    if let Some(scan) = watch.watcher.newest() {
        watch.unchecked = Some(scan);
    }
    // An open prompt, picker or memo is not pulled from under the analyst's
    // fingers; the first tick after it closes catches up.
    if app.overlay.is_some() {
        return false;
    }
    match watch.unchecked.take() {
        Some(scan) => {
            let seen = app.session.look_at(scan);
            act_on(app, seen)
        }
        None => false,
    }
}

/// The check, scanning the disk here and now: reloads, offers the choice,
/// or does nothing. Returns true when something changed on screen.
pub fn check_now(app: &mut App) -> bool {
    if app.overlay.is_some() {
        return false;
    }
    let seen = app.session.look();
    act_on(app, seen)
}

/// What to do about the disk as the session saw it.
fn act_on(app: &mut App, seen: OnDisk) -> bool {
    let scan = match seen {
        OnDisk::Same | OnDisk::StillBroken => return false,
        OnDisk::LoadsAgain => {
            // Put back exactly as it was read: nothing to reload.
            app.say("the files on disk load again; edits are allowed", Tone::Ok);
            return true;
        }
        OnDisk::Changed(scan) => scan,
    };
    if app.session.unsaved().is_empty() {
        reload(app, "");
    } else if app.reload.offered.as_ref() != Some(&scan) {
        offer(app, None);
    } else {
        return false;
    }
    true
}

/// Opens the choice between re-applying and overwriting; `refused` is the
/// file a failed save named, listed even if its metadata looks the same.
pub fn offer(app: &mut App, refused: Option<String>) {
    let Some((scan, changes)) = app.session.disk_changes() else {
        return;
    };
    let mut changed: BTreeSet<String> = changes.paths().into_iter().collect();
    changed.extend(refused);
    app.reload.offered = Some(scan);
    let offer = Offer {
        changed: changed.into_iter().collect(),
        mine: app.session.unsaved_files(),
        edits: app.session.unsaved().len(),
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
    super::overlay::picker::open(app, Picker::new(title, items), offer);
}

/// Files changed on disk while edits are unsaved: re-apply or overwrite.
impl PickPurpose for Offer {
    fn picked(self: Box<Self>, app: &mut App, choice: Choice) -> Vec<Effect> {
        picked(app, *self, choice)
    }
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
                    app.session.unsaved().len()
                ),
                Tone::Warning,
            );
            Vec::new()
        }
    }
}

/// Runs a reload effect (the event loop's side of `Effect::Reload`).
pub fn run(app: &mut App, mode: ReloadMode) {
    match mode {
        ReloadMode::Fresh if !app.session.unsaved().is_empty() => offer(app, None),
        ReloadMode::Fresh => reload(app, ""),
        ReloadMode::Reapply => reapply(app),
        ReloadMode::Overwrite => overwrite(app),
    }
}

/// Runs the effects that need the disk but not the terminal (saves and
/// reloads), as the event loop does: for tests that drive the workbench in
/// process. Quitting $EDITOR and the clipboard are left out.
pub fn run_effects(app: &mut App, effects: Vec<Effect>) {
    for effect in effects {
        match effect {
            Effect::Save(edit) => super::runner::save(app, *edit),
            Effect::Reload(mode) => run(app, mode),
            Effect::EditInEditor(_)
            | Effect::EditConflict
            | Effect::Fail(_)
            | Effect::Quit
            | Effect::Copy(_) => {}
        }
    }
}

/// Reads the project again; `done` says what came before ("overwrote ...; ").
fn reload(app: &mut App, done: &str) {
    match app.session.reload() {
        Ok(reloaded) => {
            if reloaded.changes.is_empty() {
                // Same files: the undo history still fits them.
                install(app, reloaded.project);
                app.say(
                    format!("{done}reloaded: no file had changed on disk"),
                    Tone::Ok,
                );
            } else {
                install(app, reloaded.project);
                app.say(
                    format!(
                        "{done}reloaded: {}; undo history cleared",
                        reloaded.changes.summary(NAMED)
                    ),
                    Tone::Warning,
                );
                settle_on_open(app);
            }
            recheck(app);
        }
        Err(problem) => broken(app, &problem, done),
    }
}

/// What the workbench does on open after a reload that changed files:
/// follow the journal, re-anchor, name the split codings.
fn settle_on_open(app: &mut App) {
    let Some(root) = app.session.root().map(std::path::Path::to_path_buf) else {
        return;
    };
    let effects = super::unplaced::on_open(app, &root);
    run_effects(app, effects);
}

fn reapply(app: &mut App) {
    let done = match app.session.reapply() {
        Ok(done) => done,
        Err(problem) => return broken(app, &problem, ""),
    };
    install(app, done.reloaded.project);
    recheck(app);
    // The status line is cut at its width: what happened to the analyst's
    // edits comes first, the reload after.
    let mut message = format!(
        "re-applied {} of {} unsaved edit(s)",
        done.applied, done.total
    );
    for (description, why) in &done.dropped {
        message.push_str(&format!("; dropped '{description}': {why}"));
    }
    if let Some(err) = &done.save_error {
        message.push_str(&format!("; NOT SAVED: {err}"));
    }
    message.push_str(&format!(
        "; reloaded: {}; undo history cleared",
        done.reloaded.changes.summary(NAMED)
    ));
    let tone = if app.session.unsaved().is_empty() && done.dropped.is_empty() {
        Tone::Warning
    } else {
        Tone::Error
    };
    app.say(message, tone);
    settle_on_open(app);
}

fn overwrite(app: &mut App) {
    let edits = app.session.unsaved().len();
    match app.session.overwrite(&app.project) {
        Ok(report) => {
            let done = format!("overwrote with your {edits} edit(s): {}", {
                let mut files = report.written.clone();
                files.extend(report.removed.iter().map(|f| format!("removed {f}")));
                files.join(", ")
            });
            if app.session.more_changed() {
                reload(app, &format!("{done}; "));
            } else {
                app.say(done, Tone::Ok);
            }
        }
        Err(err) => app.say(format!("NOT SAVED: {err}"), Tone::Error),
    }
}

/// Keeps the last good project (the session refuses edits until the files
/// load) and says why.
fn broken(app: &mut App, problem: &str, done: &str) {
    app.say(
        format!("{done}the project on disk does not load: {problem}; showing the last good version, edits refused until it loads"),
        Tone::Error,
    );
}

/// Swaps in a freshly read project, keeping the view where it was: the same
/// document (cursor clamped), focus, folds, filter and the open page.
fn install(app: &mut App, project: crate::model::Project) {
    app.project = project;
    app.counts = crate::analysis::usage::UsageCounts::new(&app.project);
    // A search half done read the old texts: its offsets may not fit.
    super::jobs::cancel(app);
    app.reload.offered = None;
    app.quit_armed = false;
    // The text itself may have changed: lay it out again, forget offsets.
    app.transcript.layout = DocLayout::default();
    app.transcript.search = None;
    app.transcript.anchor = None;
    // The open screen follows: the agreement view compares again.
    app.after_change();
}
