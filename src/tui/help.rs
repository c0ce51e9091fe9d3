//! The help screen's content, generated from the live key table, so that it
//! can never disagree with the keys (including the user's overrides).

use super::action::Action;
use super::app::App;
use super::overlay::OVERLAY_KEYS;

/// One section of help: a title and (keys, description) rows.
pub type Section = (String, Vec<(String, String)>);

const CONTEXTS: [(&str, &str); 6] = [
    ("global", "Everywhere"),
    ("transcript", "Transcript (1)"),
    ("codebook", "Codebook (2)"),
    ("themes", "Theme tree (3)"),
    ("review", "Review mode (R on a theme)"),
    ("journal", "Decision journal"),
];

pub fn sections(app: &App) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for (context, title) in CONTEXTS {
        let Some(table) = app.keymap.contexts.get(context) else {
            continue;
        };
        let mut rows: Vec<(String, String)> = Action::ALL
            .iter()
            .filter_map(|action| {
                let mut keys: Vec<String> = table
                    .iter()
                    .filter(|(_, a)| *a == action)
                    .map(|(k, _)| k.to_string())
                    .collect();
                if keys.is_empty() {
                    return None;
                }
                keys.sort_by_key(|k| (k.chars().count(), k.clone()));
                Some((keys.join(" "), action.description().to_string()))
            })
            .collect();
        rows.sort_by_key(|(_, d)| {
            Action::ALL
                .iter()
                .position(|a| a.description() == d)
                .unwrap_or(usize::MAX)
        });
        out.push((title.to_string(), rows));
    }
    out.push((
        "Pickers, prompts, lists and editors".to_string(),
        OVERLAY_KEYS
            .iter()
            .map(|(k, d)| (k.to_string(), d.to_string()))
            .collect(),
    ));
    let unbound: Vec<(String, String)> = Action::ALL
        .iter()
        .filter(|a| {
            app.keymap
                .contexts
                .values()
                .all(|t| !t.values().any(|b| b == *a))
        })
        .map(|a| (":".to_string(), a.description().to_string()))
        .collect();
    if !unbound.is_empty() {
        out.push(("From the palette only".to_string(), unbound));
    }
    out
}
