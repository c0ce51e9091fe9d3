//! Transcripts corrected behind the workbench's back. On open and on every
//! reload the codings of a changed transcript are re-anchored onto its new
//! text (one undoable, saved step) and the status line says what moved.
//! Codings whose words are gone are never drawn on the text; `U` lists them
//! to place on a selection or delete.

use super::app::{App, Effect, Tone};
use super::overlay::picker::{self as pick, PickPurpose};
use super::overlay::picker::{Choice, PickItem, Picker};
use crate::anchor::{self, Unplaced};
use crate::refactor::split_notice::SplitNotice;
use std::path::Path;

/// What the workbench does on open and on every reload: codings of codes
/// refactored away on another branch follow the journal (see `decisions`),
/// then changed transcripts are re-anchored.
pub fn on_open(app: &mut App, root: &Path) -> Vec<Effect> {
    let followed = crate::refactor::follow::follow(&app.project);
    on_open_with(app, root, followed, None)
}

/// `on_open` with what was worked out ahead on the project as read (on
/// launch, in the background: see `session::Arrival`): the journal to
/// follow and, unless following it changes the project, the re-anchoring
/// and the split notices too.
pub fn on_open_with(
    app: &mut App,
    root: &Path,
    followed: crate::refactor::follow::Followed,
    ahead: Option<(Option<anchor::Reanchored>, Vec<SplitNotice>)>,
) -> Vec<Effect> {
    let ahead = ahead.filter(|_| followed.edit.is_none());
    let mut effects = super::decisions::notice(app, followed);
    let (planned, splits) = match ahead {
        Some((planned, splits)) => (Some(planned), Some(splits)),
        None => (None, None),
    };
    // The decision picker, if any, comes first; re-anchoring waits for the
    // next reload or U.
    if app.overlay.is_none() {
        effects.extend(match planned {
            Some(planned) => notice_planned(app, root, planned, true),
            None => notice(app, root),
        });
    }
    // Found where the folder is known, for `U` to offer.
    app.split_notices =
        splits.unwrap_or_else(|| crate::refactor::split_notice::beside_splits(root, &app.project));
    if app.overlay.is_none() && effects.is_empty() {
        split_notice(app);
    }
    effects
}

/// Codings of a split code made on another branch beside the split: valid
/// where they are, so only said (see `refactor::split_notice`); `U` offers
/// to move or keep each, as `margin check` names them with the commands.
fn split_notice(app: &mut App) {
    let notices = &app.split_notices;
    let Some(first) = notices.first() else {
        return;
    };
    let (from, into) = (
        app.project.code_name(&first.split.from),
        app.project.code_name(&first.split.into),
    );
    let text = format!(
        "after the merge: {} of '{from}' made beside {}'s split into '{into}' stay under '{from}'; {} to move or keep",
        crate::text::count(notices.len(), "coding", "codings"),
        first.who,
        app.keys_label(super::action::Action::UnplacedCodings)
    );
    app.say(text, Tone::Warning);
}

/// Re-anchors the changed transcripts of the project in `root`, if any.
/// Keeps a copy of every transcript as its codings see it (for an exact
/// diff after the next correction).
pub fn notice(app: &mut App, root: &Path) -> Vec<Effect> {
    let planned = anchor::sources::plan_from_disk(root, &app.project);
    notice_planned(app, root, planned, false)
}

/// `notice` with the re-anchoring already planned; `copies_kept` when the
/// copies of unchanged transcripts were kept with the plan.
fn notice_planned(
    app: &mut App,
    root: &Path,
    planned: Option<anchor::Reanchored>,
    copies_kept: bool,
) -> Vec<Effect> {
    let Some(planned) = planned else {
        if !copies_kept {
            anchor::sources::keep_copies(root, &app.project);
        }
        return Vec::new();
    };
    let effects = app.apply(planned.edit.clone());
    if effects.is_empty() {
        // Refused (the project on disk does not load): the status says why.
        return effects;
    }
    anchor::sources::keep_copies(root, &app.project);
    let lost = planned.unplaceable();
    let key = app.keys_label(super::action::Action::UnplacedCodings);
    if lost == 0 {
        app.say(planned.summary(), Tone::Warning);
    } else {
        app.say(
            format!(
                "{}; {key} lists the unplaced to place or delete",
                planned.summary()
            ),
            Tone::Error,
        );
    }
    effects
}

/// `U`: what needs the analyst, first things first: decisions about
/// removed codes, codings beside a split, then unplaced codings.
pub fn open_list(app: &mut App) {
    let decisions = crate::refactor::follow::follow(&app.project).decisions;
    if !decisions.is_empty() {
        super::decisions::open(app, &decisions);
        return;
    }
    if super::decisions::open_splits(app) {
        return;
    }
    list_unplaced(app);
}

/// The codings whose words a transcript correction removed, to settle one.
pub fn list_unplaced(app: &mut App) {
    let all = anchor::unplaced(&app.project);
    if all.is_empty() {
        app.say(
            "no unplaced codings: every coding is on its text",
            Tone::Info,
        );
        return;
    }
    let items = all
        .iter()
        .map(|u| {
            PickItem::new(
                format!(
                    "{} {} '{}'",
                    u.doc,
                    u.coder,
                    app.project.code_name(&u.coding.code)
                ),
                format!("\"{}\"", u.words()),
            )
        })
        .collect();
    let title = format!(
        "{} unplaced coding(s): their words are no longer in the transcript",
        all.len()
    );
    pick::open(app, Picker::new(title, items), UnplacedList(all));
}

/// Codings whose words a transcript correction removed.
pub struct UnplacedList(pub Vec<Unplaced>);

impl PickPurpose for UnplacedList {
    fn picked(self: Box<Self>, app: &mut App, choice: Choice) -> Vec<Effect> {
        picked(app, self.0, choice)
    }
}

/// What to do with one of them (`selection`: place it there).
pub struct SettleUnplaced {
    pub unplaced: Box<Unplaced>,
    pub selection: Option<(usize, usize)>,
}

impl PickPurpose for SettleUnplaced {
    fn picked(self: Box<Self>, app: &mut App, choice: Choice) -> Vec<Effect> {
        settle(app, *self.unplaced, self.selection, choice)
    }
}

/// One unplaced coding was chosen: what to do with it.
pub fn picked(app: &mut App, all: Vec<Unplaced>, choice: Choice) -> Vec<Effect> {
    let Choice::Item(i) = choice else {
        return Vec::new();
    };
    let Some(chosen) = all.into_iter().nth(i) else {
        return Vec::new();
    };
    let selection = selection_in(app, &chosen);
    let mut items = Vec::new();
    if let Some((start, end)) = selection {
        let doc = &app.project.documents[&chosen.doc];
        items.push(PickItem::new(
            format!(
                "place it on the selection (lines {})",
                doc.index().line_span(start, end)
            ),
            format!("\"{}\"", doc.excerpt(start, end, 40)),
        ));
    }
    items.push(PickItem::new(
        "go to where its words were",
        "select the passage there (v), then U again",
    ));
    items.push(PickItem::new("delete it", "undo (u) brings it back"));
    items.push(PickItem::new(
        "leave it for now",
        "margin check names it until settled",
    ));
    let picker = Picker::new(format!("\"{}\"", chosen.words()), items);
    let settle = SettleUnplaced {
        unplaced: Box::new(chosen),
        selection,
    };
    pick::open(app, picker, settle);
    Vec::new()
}

/// What to do with one unplaced coding was chosen.
pub fn settle(
    app: &mut App,
    chosen: Unplaced,
    selection: Option<(usize, usize)>,
    choice: Choice,
) -> Vec<Effect> {
    let Choice::Item(mut row) = choice else {
        return Vec::new();
    };
    if let Some((start, end)) = selection {
        if row == 0 {
            app.transcript.anchor = None;
            let edit = chosen.place(&app.project, start, end);
            return app.apply(edit);
        }
        row -= 1;
    }
    match row {
        0 if !app.project.documents.contains_key(&chosen.doc) => {
            app.say(
                format!("the project has no document '{}'", chosen.doc),
                Tone::Warning,
            );
            Vec::new()
        }
        0 => {
            super::transcript::jump_to(app, &chosen.doc, chosen.coding.start);
            app.focus = super::app::Pane::Transcript;
            app.say(
                format!("its words were here: \"{}\"", chosen.words()),
                Tone::Info,
            );
            Vec::new()
        }
        1 => {
            let edit = chosen.delete(&app.project);
            app.apply(edit)
        }
        _ => Vec::new(),
    }
}

/// The analyst's selection, if it lies in the chosen coding's document.
fn selection_in(app: &App, chosen: &Unplaced) -> Option<(usize, usize)> {
    if app.transcript.doc.as_ref() != Some(&chosen.doc) {
        return None;
    }
    let doc = app.project.documents.get(&chosen.doc)?;
    app.transcript
        .selection(doc)
        .filter(|(start, end)| start < end)
}
