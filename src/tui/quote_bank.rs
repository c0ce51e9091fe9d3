//! `*` in a code's extracts and in review mode: star an extract as
//! illustrative for the report's quote bank, or unstar it. One undoable edit
//! changing one line of one coding file.

use super::app::{App, Effect, Tone};
use super::overlay::Extract;
use crate::edit::Edit;
use crate::edit::cases::set_star;
use crate::model::CodeId;

/// Whether any shown coding of `code` on exactly this extract is starred.
pub fn is_starred(app: &App, code: &CodeId, extract: &Extract) -> bool {
    codings_on(app, code, extract).iter().any(|(_, c)| c.star)
}

/// The shown coders' codings of `code` on exactly this extract.
fn codings_on(
    app: &App,
    code: &CodeId,
    extract: &Extract,
) -> Vec<(crate::model::CoderId, crate::model::Coding)> {
    app.project
        .codings
        .get(&extract.doc)
        .into_iter()
        .flatten()
        .filter(|(coder, _)| super::layers::shows(app, coder))
        .flat_map(|(coder, list)| {
            list.iter()
                .filter(|c| &c.code == code && c.start == extract.start && c.end == extract.end)
                .map(move |c| (coder.clone(), c.clone()))
        })
        .collect()
}

/// Stars the extract (the coding of the workbench's coder if they coded it,
/// else the first coder's) or, when it is starred, unstars it.
pub fn toggle(app: &mut App, code: &CodeId, extract: &Extract) -> Vec<Effect> {
    let codings = codings_on(app, code, extract);
    if codings.is_empty() {
        app.say("no coding here to star", Tone::Warning);
        return Vec::new();
    }
    let starred: Vec<&(crate::model::CoderId, crate::model::Coding)> =
        codings.iter().filter(|(_, c)| c.star).collect();
    let edits: Vec<Edit> = if starred.is_empty() {
        let (coder, coding) = codings
            .iter()
            .find(|(coder, _)| *coder == app.coder)
            .unwrap_or(&codings[0]);
        vec![set_star(&extract.doc, coder, coding, true)]
    } else {
        starred
            .iter()
            .map(|(coder, coding)| set_star(&extract.doc, coder, coding, false))
            .collect()
    };
    match <[Edit; 1]>::try_from(edits) {
        Ok([one]) => app.apply(one),
        Err(edits) => {
            let label = edits[0].describe(&app.project);
            app.apply(Edit::Batch { label, edits })
        }
    }
}
