//! After a merge: codings of codes another branch refactored away. On open
//! and on reload they follow the journal to the code they became (saved and
//! announced; a replay of the other branch's decision, so not undone here); a code deleted with its codings, or unknown,
//! is a decision the analyst makes here: restore the code, or delete them.
//! A coding of a split code made beside the split is valid where it is;
//! `U` offers to move it to the split's new code or keep it.

use super::app::{App, Effect, Tone};
use super::overlay::picker::{self as pick, PickPurpose};
use super::overlay::picker::{Choice, PickItem, Picker};
use crate::refactor::Stamp;
use crate::refactor::follow::{self, Decision};
use crate::refactor::split_notice::{self, SplitNotice};

/// One row of the decision picker: a decision and whether it restores.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decide {
    pub decision: Decision,
    pub restore: bool,
}

/// Replays the journal onto dangling codings and asks about the rest.
pub fn notice(app: &mut App, followed: follow::Followed) -> Vec<Effect> {
    let mut effects = Vec::new();
    if let Some(edit) = followed.edit.clone()
        && app.session.refusal().is_none()
    {
        // A replay of a decision already taken, not a step of this session:
        // its undo would bring back a coding of a code that is gone, so it
        // stays out of the undo history.
        match edit.clone().apply(&mut app.project) {
            Ok(_) => {
                app.after_edit(&edit);
                effects.push(Effect::Save(Box::new(edit)));
                app.say(
                    format!("after the merge: {}", followed.summary(&app.project)),
                    Tone::Warning,
                );
            }
            Err(err) => app.say(
                format!("could not follow the journal after the merge: {err}"),
                Tone::Error,
            ),
        }
    }
    if !followed.decisions.is_empty() {
        open(app, &followed.decisions);
    }
    effects
}

/// The picker: for each decision, restore the code or delete the codings.
pub fn open(app: &mut App, decisions: &[Decision]) {
    let mut rows = Vec::new();
    let mut items = Vec::new();
    for d in decisions {
        items.push(PickItem::new(
            format!("restore code '{}'", d.name()),
            d.describe(),
        ));
        rows.push(Decide {
            decision: d.clone(),
            restore: true,
        });
        items.push(PickItem::new(
            format!(
                "delete the {} of '{}'",
                crate::text::count(d.codings.len(), "coding", "codings"),
                d.name()
            ),
            "as the decision on the other branch did",
        ));
        rows.push(Decide {
            decision: d.clone(),
            restore: false,
        });
    }
    let title = format!(
        "After the merge, {} need a decision (esc: later, U asks again)",
        crate::text::count(
            decisions.len(),
            "removed code's codings",
            "removed codes' codings"
        )
    );
    pick::open(app, Picker::new(title, items), Decisions(rows));
}

/// After a merge: restore a removed code or delete its codings.
pub struct Decisions(pub Vec<Decide>);

impl PickPurpose for Decisions {
    fn picked(self: Box<Self>, app: &mut App, choice: Choice) -> Vec<Effect> {
        picked(app, self.0, choice)
    }
}

/// After a merge: codings of a split code made beside the split.
pub struct SplitNotices(pub Vec<SplitNotice>);

impl PickPurpose for SplitNotices {
    fn picked(self: Box<Self>, app: &mut App, choice: Choice) -> Vec<Effect> {
        split_picked(app, self.0, choice)
    }
}

/// Move one of them to the split's new code, keep it, or go to it.
pub struct SettleSplit(pub Box<SplitNotice>);

impl PickPurpose for SettleSplit {
    fn picked(self: Box<Self>, app: &mut App, choice: Choice) -> Vec<Effect> {
        settle_split(app, *self.0, choice)
    }
}

/// A decision was made.
pub fn picked(app: &mut App, rows: Vec<Decide>, choice: Choice) -> Vec<Effect> {
    let Choice::Item(i) = choice else {
        return Vec::new();
    };
    let Some(row) = rows.into_iter().nth(i) else {
        return Vec::new();
    };
    let edit = if row.restore {
        row.decision.restore(&app.project)
    } else {
        row.decision.delete_codings()
    };
    let effects = app.apply(edit);
    let left = follow::follow(&app.project).decisions;
    if !effects.is_empty() && !left.is_empty() {
        open(app, &left);
    }
    effects
}

/// Codings of a split code made beside the split on another branch (found
/// on open and reload): the list to settle one, if any is still open.
pub fn open_splits(app: &mut App) -> bool {
    // Not dropped when moved: an undo brings the coding back under the
    // split code, and the notice with it.
    let open: Vec<SplitNotice> = app
        .split_notices
        .iter()
        .filter(|n| split_notice::still_open(&app.project, n))
        .cloned()
        .collect();
    if open.is_empty() {
        return false;
    }
    let mut items: Vec<PickItem> = open
        .iter()
        .map(|n| {
            let words = app
                .project
                .documents
                .get(&n.doc)
                .filter(|d| n.start <= n.end && n.end <= d.text().len())
                .map(|d| d.excerpt(n.start, n.end, 40))
                .unwrap_or_default();
            PickItem::new(
                format!(
                    "{} {} '{}'",
                    n.doc,
                    n.coder,
                    app.project.code_name(&n.split.from)
                ),
                format!(
                    "\"{words}\": {} split it into '{}'",
                    n.who,
                    app.project.code_name(&n.split.into)
                ),
            )
        })
        .collect();
    let unplaced = crate::anchor::unplaced(&app.project).len();
    if unplaced > 0 {
        items.push(PickItem::new(
            crate::text::count(unplaced, "unplaced coding", "unplaced codings"),
            "their words are no longer in the transcript",
        ));
    }
    let title = format!(
        "After the merge, {} made beside a split: move or keep (esc: later)",
        crate::text::count(open.len(), "coding", "codings")
    );
    pick::open(app, Picker::new(title, items), SplitNotices(open));
    true
}

/// One coding beside a split was chosen: what to do with it.
pub fn split_picked(app: &mut App, all: Vec<SplitNotice>, choice: Choice) -> Vec<Effect> {
    let Choice::Item(i) = choice else {
        return Vec::new();
    };
    let Some(notice) = all.get(i).cloned() else {
        if i == all.len() {
            super::unplaced::list_unplaced(app);
        }
        return Vec::new();
    };
    let (from, into) = (
        app.project.code_name(&notice.split.from),
        app.project.code_name(&notice.split.into),
    );
    let same_code = all
        .iter()
        .filter(|n| n.split.from == notice.split.from)
        .count();
    let keep = if same_code == 1 {
        format!("keep it under '{from}'")
    } else {
        format!("keep the {same_code} codings of '{from}' made beside the split under it")
    };
    let items = vec![
        PickItem::new(
            format!("move it to '{into}'"),
            "as `margin code split --extracts` does; u undoes",
        ),
        PickItem::new(keep, "journaled, as `margin reconcile --keep-split` does"),
        PickItem::new("go to the passage", "then U again"),
        PickItem::new("leave it for now", "margin check names it until settled"),
    ];
    let picker = Picker::new(format!("{} {} '{from}'", notice.doc, notice.coder), items);
    pick::open(app, picker, SettleSplit(Box::new(notice)));
    Vec::new()
}

/// What to do with one coding beside a split was chosen.
pub fn settle_split(app: &mut App, notice: SplitNotice, choice: Choice) -> Vec<Effect> {
    let Choice::Item(row) = choice else {
        return Vec::new();
    };
    let stamp = Stamp::now(app.coder.clone(), "");
    let planned = match row {
        0 => split_notice::move_to_split(&app.project, &notice, &stamp).map(|p| p.edit),
        1 => split_notice::keep(&app.project, &notice.split.from, &app.split_notices, &stamp),
        2 if app.project.documents.contains_key(&notice.doc) => {
            super::transcript::jump_to(app, &notice.doc, notice.start);
            app.focus = super::app::Pane::Transcript;
            app.say(
                format!("{}'s coding beside the split is here", notice.coder),
                Tone::Info,
            );
            return Vec::new();
        }
        2 => {
            app.say(
                format!("the project has no document '{}'", notice.doc),
                Tone::Warning,
            );
            return Vec::new();
        }
        _ => return Vec::new(),
    };
    let edit = match planned {
        Ok(edit) => edit,
        Err(err) => {
            app.say(format!("not done: {err}"), Tone::Error);
            return Vec::new();
        }
    };
    let effects = app.apply(edit);
    if effects.is_empty() {
        return effects;
    }
    if row == 1 {
        // The keep settles every coding of the code made beside the split
        // (an undo of it shows them again on the next reload).
        app.split_notices
            .retain(|n| n.split.from != notice.split.from);
    }
    let status = app.status.clone();
    if open_splits(app) {
        app.status = status;
    }
    effects
}
