//! The decision journal, newest first: who did what to the codebook and the
//! theme tree, when, and why (journal.ron, read-only here; undo removes an
//! entry with the edit that made it).

use super::action::Action;
use super::app::{App, Effect};
use crate::model::JournalEntry;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JournalView {
    /// The first entry shown (0 = the newest).
    pub top: usize,
}

/// The entries, newest first.
pub fn newest_first(app: &App) -> impl Iterator<Item = &JournalEntry> {
    app.project.journal.iter().rev()
}

/// "2026-11-24 09:15" from an RFC 3339 time; other text as it is.
pub fn short_time(when: &str) -> String {
    match when.split_once('T') {
        Some((date, time)) => format!("{date} {}", time.get(..5).unwrap_or(time)),
        None => when.to_string(),
    }
}

pub fn act(app: &mut App, action: Action) -> Vec<Effect> {
    let len = app.project.journal.len();
    let page = usize::from(app.size.1.saturating_sub(4)).max(1) / 2;
    if let Some(super::page::Page::Journal(view)) = &mut app.page {
        match action {
            Action::Cancel => app.page = None,
            _ => {
                if let Some(top) = action.list_motion(view.top, len, page.max(1)) {
                    view.top = top;
                }
            }
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::short_time;

    #[test]
    fn times_read_to_the_minute() {
        assert_eq!(short_time("2026-11-24T09:15:42Z"), "2026-11-24 09:15");
        assert_eq!(short_time("yesterday"), "yesterday");
    }
}
