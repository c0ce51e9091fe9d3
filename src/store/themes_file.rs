//! How the theme tree is laid out in themes.ron.
//!
//! Since format 2 the top-level themes are written sorted by id, and their
//! order is a separate list of ids, one per line:
//!
//! ```ron
//! (
//!     order: [
//!         "worker-client-relationship",
//!         "people-who-use-both-drugs",
//!     ],
//!     themes: [ (id: "people-who-use-both-drugs", ...), (id: "worker-...", ...) ],
//! )
//! ```
//!
//! Why: reordering a top-level theme (`K`/`J`, `margin theme move`) then
//! changes two lines of the order list instead of moving a whole theme block
//! (over a hundred lines in the sample), so the diff reads as what it is and a
//! colleague's edit inside the theme on another branch does not collide with
//! it. Format 1 files (a plain list in the analyst's order) still load; they
//! are written in the new layout the next time themes.ron is written.

use crate::model::{Theme, ThemeId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[derive(Serialize)]
struct Written<'a> {
    order: Vec<&'a ThemeId>,
    themes: Vec<&'a Theme>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Read {
    #[serde(default)]
    order: Vec<ThemeId>,
    #[serde(default)]
    themes: Vec<Theme>,
}

/// themes.ron as margin writes it.
pub fn render(themes: &[Theme]) -> String {
    let mut sorted: Vec<&Theme> = themes.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    super::files::pretty(&Written {
        order: themes.iter().map(|t| &t.id).collect(),
        themes: sorted,
    })
}

/// Reads themes.ron in either layout, top-level themes in the analyst's order.
///
/// The order list is taken leniently, as a hand edit or a text merge may
/// leave it: ids of no theme and repeats are passed over, and themes it does
/// not list follow the listed ones as written. Nothing is dropped.
pub fn parse(text: &str) -> Result<Vec<Theme>, ron::error::SpannedError> {
    if first_token(text) == Some('[') {
        return super::files::parse::<Vec<Theme>>(text);
    }
    let Read { order, themes } = super::files::parse::<Read>(text)?;
    let mut slots: Vec<Option<Theme>> = themes.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(slots.len());
    let mut seen = BTreeSet::new();
    for id in &order {
        if !seen.insert(id) {
            continue;
        }
        if let Some(slot) = slots
            .iter_mut()
            .find(|s| s.as_ref().is_some_and(|t| &t.id == id))
        {
            out.extend(slot.take());
        }
    }
    out.extend(slots.into_iter().flatten());
    Ok(out)
}

/// The first character that is not white space or a comment.
fn first_token(text: &str) -> Option<char> {
    let mut rest = text.trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, r)| r).trim_start();
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, r)| r).trim_start();
        } else {
            return rest.chars().next();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> Vec<Theme> {
        let mut zeta = Theme::new(ThemeId::new("zeta"), "Zeta");
        zeta.subthemes
            .push(Theme::new(ThemeId::new("inner"), "Inner"));
        vec![
            zeta,
            Theme::new(ThemeId::new("alpha"), "Alpha"),
            Theme::new(ThemeId::new("mid"), "Mid"),
        ]
    }

    #[test]
    fn round_trips_in_the_analysts_order() {
        let themes = tree();
        let text = render(&themes);
        assert_eq!(parse(&text).expect("parses"), themes);
        // Written sorted by id, order kept in the list.
        let alpha = text.find("id: \"alpha\"").expect("alpha");
        let zeta = text.find("id: \"zeta\"").expect("zeta");
        assert!(alpha < zeta, "{text}");
        assert!(
            text.contains("order: [\n        \"zeta\",\n        \"alpha\",\n"),
            "{text}"
        );
    }

    #[test]
    fn reordering_changes_only_the_order_list() {
        let themes = tree();
        let mut moved = themes.clone();
        moved.swap(0, 2);
        let (a, b) = (render(&themes), render(&moved));
        let changed = a.lines().zip(b.lines()).filter(|(x, y)| x != y).count();
        assert_eq!(a.lines().count(), b.lines().count());
        assert_eq!(changed, 2, "{a}\n{b}");
    }

    #[test]
    fn format_one_lists_still_load() {
        let themes = tree();
        let old = super::super::files::pretty(&themes);
        assert_eq!(parse(&format!("// kept\n{old}")).expect("parses"), themes);
    }

    #[test]
    fn a_loose_order_list_drops_nothing() {
        let text = "(order: [\"mid\", \"gone\", \"mid\"], themes: [(id: \"zeta\", name: \"Z\"), (id: \"mid\", name: \"M\"), (id: \"alpha\", name: \"A\")])";
        let ids: Vec<String> = parse(text)
            .expect("parses")
            .into_iter()
            .map(|t| t.id.0)
            .collect();
        assert_eq!(ids, ["mid", "zeta", "alpha"]);
    }

    #[test]
    fn errors_keep_their_place() {
        let err = parse("(\n  order: [],\n  themes: [(id: 3)],\n)").expect_err("bad id");
        assert_eq!(err.span.start.line, 3);
    }
}
