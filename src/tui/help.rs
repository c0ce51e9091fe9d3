//! The help screen's content, generated from the live key table, so that it
//! can never disagree with the keys (including the user's overrides).

use super::action::Action;
use super::app::App;
use super::keymap::Context;

/// The keys of the text areas themselves, which type rather than command.
const TYPING_KEYS: [(&str, &str); 4] = [
    ("type", "write in a memo or a field of a code's definition"),
    ("enter", "a new line"),
    ("arrows home end", "move the cursor"),
    ("backspace delete", "delete a character"),
];

/// One section of help: a title and (keys, description) rows.
pub type Section = (String, Vec<(String, String)>);

const CONTEXTS: [(Context, &str); 17] = [
    (Context::Global, "Everywhere"),
    (Context::Transcript, "Transcript (1)"),
    (Context::Codebook, "Codebook (2)"),
    (Context::Themes, "Theme tree (3)"),
    (Context::Review, "Review mode (R on a theme)"),
    (
        Context::Extracts,
        "A code's extracts and search hits (enter on a code, s to split, S)",
    ),
    (Context::Agreement, "Agreement view (A)"),
    (Context::Journal, "Decision journal"),
    (Context::Charts, "Charts (F)"),
    (
        Context::ExtractsQuery,
        "Extracts query (Q on a code or theme)",
    ),
    (Context::Confirm, "A question (y or n)"),
    (Context::Picker, "Pickers (c, o, :...): type to filter"),
    (Context::Prompt, "Prompts (a new name, a search...)"),
    (
        Context::Viewer,
        "Help, the message log and other boxes to read (motions scroll)",
    ),
    (
        Context::Memo,
        "A memo (m, M...): esc over changed text asks first",
    ),
    (Context::CodeForm, "A code's definition (e in the codebook)"),
    (
        Context::Resolver,
        "Merge conflicts (before the workbench, when a merge left some)",
    ),
];

pub fn sections(app: &App) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for (context, title) in CONTEXTS {
        let Some(table) = app.keymap.contexts.get(&context) else {
            continue;
        };
        let rows: Vec<(String, String)> = Action::every()
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
        out.push((title.to_string(), rows));
    }
    out.push((
        "Typing in a memo or a code's definition".to_string(),
        TYPING_KEYS
            .iter()
            .map(|(k, d)| (k.to_string(), d.to_string()))
            .collect(),
    ));
    out.push(("Reading the screen".to_string(), legend(app)));
    let unbound: Vec<(String, String)> = Action::every()
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

/// What the marks and counts in the panes mean.
fn legend(app: &App) -> Vec<(String, String)> {
    let log = format!("… ({})", app.keys_label(Action::MessageLog));
    let mut rows: Vec<(String, String)> = [
        ("4·3d", "codebook: the code has 4 codings in 3 documents"),
        ("final 95", "theme tree: the theme's status (c, r, f when narrow) and the codings of all its codes, subthemes included"),
        ("● 12", "theme tree: a code of the theme and its codings"),
        ("▌ce", "transcript stripe: a code covering the row, by a tag unique in the project; the pane's bottom border names the codes of the cursor's line"),
        ("+2", "transcript stripe: two more codes than the margin has room for"),
        ("P1 13/103", "status line: document, cursor line and its number of lines"),
        ("shift-drag", "the terminal's own text selection (margin captures the mouse); y copies a passage with its citation"),
    ]
    .into_iter()
    .map(|(k, d)| (k.to_string(), d.to_string()))
    .collect();
    rows.push((
        log,
        "status line: a message ending in … was cut; the message log holds it whole".to_string(),
    ));
    rows
}

/// One line of the help screen once it is laid out for a width.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HelpLine {
    Title(String),
    /// Keys (empty on a continuation line) and a piece of the description.
    Row(String, String),
    Blank,
}

/// Columns taken by the keys before a description starts.
const KEYS_COLUMNS: usize = 21;

/// The help screen laid out for `width` columns of text: descriptions wrap
/// at word boundaries under themselves instead of being cut at the border.
pub fn layout(app: &App, width: usize) -> Vec<HelpLine> {
    let room = width.saturating_sub(KEYS_COLUMNS).max(12);
    let mut out = Vec::new();
    for (title, rows) in sections(app) {
        out.push(HelpLine::Title(title));
        for (keys, description) in rows {
            for (i, piece) in wrap_words(&description, room).into_iter().enumerate() {
                let keys = if i == 0 { keys.clone() } else { String::new() };
                out.push(HelpLine::Row(keys, piece));
            }
        }
        out.push(HelpLine::Blank);
    }
    out
}

/// The size of the help box for a terminal of `size`: the render and the
/// scroll limit must agree on it.
pub fn box_size(size: (u16, u16)) -> (u16, u16) {
    let (w, h) = size;
    (84.min(w), h.saturating_sub(2).min(h.saturating_sub(1)))
}

/// How far the help can scroll before its last line would leave the box.
pub fn max_scroll(app: &App) -> u16 {
    let (w, h) = box_size(app.size);
    let inner = (usize::from(w.saturating_sub(2)), h.saturating_sub(2));
    let lines = layout(app, inner.0).len();
    u16::try_from(lines)
        .unwrap_or(u16::MAX)
        .saturating_sub(inner.1)
}

/// Splits `text` into lines of at most `width` display columns at spaces;
/// a single word longer than the line is left whole.
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap_words;

    #[test]
    fn descriptions_wrap_at_spaces_within_the_width() {
        assert_eq!(
            wrap_words("Edit the memo here: on the coding", 12),
            ["Edit the", "memo here:", "on the", "coding"]
        );
        assert_eq!(wrap_words("short", 40), ["short"]);
        assert_eq!(wrap_words("", 40), [""]);
    }
}
