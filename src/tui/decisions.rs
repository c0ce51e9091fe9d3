//! After a merge: codings of codes another branch refactored away. On open
//! and on reload they follow the journal to the code they became (saved and
//! announced; a replay of the other branch's decision, so not undone here); a code deleted with its codings, or unknown,
//! is a decision the analyst makes here: restore the code, or delete them.

use super::app::{App, Effect, Tone};
use super::overlay::picker::{Choice, PickItem, Picker};
use super::overlay::{Overlay, PickFor};
use crate::refactor::follow::{self, Decision};

/// One row of the decision picker: a decision and whether it restores.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decide {
    pub decision: Decision,
    pub restore: bool,
}

/// Replays the journal onto dangling codings and asks about the rest.
pub fn notice(app: &mut App) -> Vec<Effect> {
    let followed = follow::follow(&app.project);
    let mut effects = Vec::new();
    if let Some(edit) = followed.edit.clone()
        && super::reload::refusal(app).is_none()
    {
        // A replay of a decision already taken, not a step of this session:
        // its undo would bring back a coding of a code that is gone, so it
        // stays out of the undo history.
        match edit.clone().apply(&mut app.project) {
            Ok(_) => {
                app.after_change();
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
    app.overlay = Some(Overlay::Picker {
        picker: Picker::new(title, items),
        purpose: PickFor::Decide(rows),
    });
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
