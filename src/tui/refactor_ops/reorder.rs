//! `K`/`J` in the theme tree: reordering a code or a theme among its
//! siblings, one journaled move per key press, without asking why.

use super::{RefactorOp, run};
use crate::refactor::{Placement, ThemePlace};
use crate::tui::app::{App, Effect, Pane, Tone};
use crate::tui::themes::TreeRow;

/// `K`/`J` in the theme tree: the row under the cursor swaps with its
/// neighbour among its siblings.
pub(super) fn reorder(app: &mut App, up: bool) -> Vec<Effect> {
    let row = (app.focus == Pane::Themes)
        .then(|| app.themes.rows.get(app.themes.selected).cloned())
        .flatten();
    let op = match row {
        Some(TreeRow::Code { id, .. }) => {
            let Some((holder, index)) = crate::model::theme::holder_of(&app.project.themes, &id)
            else {
                app.say("unsorted codes are listed by name", Tone::Info);
                return Vec::new();
            };
            let Some(to) = neighbour(index, holder.codes.len(), up) else {
                app.say(edge_message(up), Tone::Info);
                return Vec::new();
            };
            let theme = holder.id.clone();
            RefactorOp::MoveCode {
                code: id,
                placement: Placement::Theme {
                    theme,
                    index: Some(to),
                },
            }
        }
        Some(TreeRow::Theme { id, .. }) => {
            let Some(slot) = crate::model::theme::slot_of(&app.project.themes, &id) else {
                return Vec::new();
            };
            let siblings = match &slot.parent {
                Some(p) => app.project.theme(p).map_or(0, |t| t.subthemes.len()),
                None => app.project.themes.len(),
            };
            let Some(to) = neighbour(slot.index, siblings, up) else {
                app.say(edge_message(up), Tone::Info);
                return Vec::new();
            };
            RefactorOp::MoveTheme {
                theme: id,
                place: ThemePlace::Under {
                    parent: slot.parent,
                    index: Some(to),
                },
            }
        }
        Some(TreeRow::Unsorted) => {
            app.say("unsorted codes are listed by name", Tone::Info);
            return Vec::new();
        }
        None => {
            app.say("reordering works in the theme tree (3)", Tone::Info);
            return Vec::new();
        }
    };
    run(app, &op, "")
}

/// The index an item at `index` of `len` siblings moves to, counted once it
/// has left its place (as the planners count), or None at the edge.
fn neighbour(index: usize, len: usize, up: bool) -> Option<usize> {
    if up {
        index.checked_sub(1)
    } else {
        (index + 1 < len).then_some(index + 1)
    }
}

fn edge_message(up: bool) -> &'static str {
    if up {
        "already first among its siblings"
    } else {
        "already last among its siblings"
    }
}

#[cfg(test)]
mod tests {
    use super::neighbour;

    #[test]
    fn neighbours_stop_at_the_edges() {
        assert_eq!(neighbour(0, 3, true), None);
        assert_eq!(neighbour(1, 3, true), Some(0));
        assert_eq!(neighbour(1, 3, false), Some(2));
        assert_eq!(neighbour(2, 3, false), None);
    }
}
