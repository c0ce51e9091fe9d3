//! Workbench bugs found by hand in QA, each pinned by the keys that showed it.

use crate::common;

use common::fixture::{app, keys, project};
use margin::model::{CodeId, DocId, MemoTarget};
use margin::tui::driver::{Driver, OverlayKind};

fn sample(size: (u16, u16)) -> Driver {
    let (project, _) = margin::store::Store::open(common::sample_project()).expect("sample opens");
    app(project, size)
}

fn codebook_cursor(app: &Driver) -> Option<&CodeId> {
    app.codebook_selected()
}

#[test]
fn esc_in_the_codebook_keeps_the_cursor_on_its_code() {
    let mut app = sample((120, 40));
    keys(&mut app, "2jj");
    let before = codebook_cursor(&app).cloned();
    assert!(before.is_some());
    // Esc after closing a split list (or any stray Esc) jumped to the first code.
    keys(&mut app, "<esc>");
    assert_eq!(codebook_cursor(&app), before.as_ref());
    // Clearing a filter keeps the code that was under the cursor.
    keys(&mut app, "/crack<cr>j");
    let filtered = codebook_cursor(&app).cloned();
    keys(&mut app, "<esc>");
    assert!(app.codebook_filter().is_empty());
    assert_eq!(codebook_cursor(&app), filtered.as_ref());
}

#[test]
fn esc_in_the_codebook_clears_marks_when_there_is_no_filter() {
    let mut app = app(project(), (100, 30));
    keys(&mut app, "2 ");
    assert_eq!(app.marked_codes().len(), 1);
    keys(&mut app, "<esc>");
    assert!(app.marked_codes().is_empty());
    assert_eq!(app.status(), "1 mark(s) cleared");
}

#[test]
fn ctrl_u_clears_a_prompt_and_ctrl_w_drops_a_word() {
    let mut app = app(project(), (100, 30));
    // Rename starts from the old name; replacing it took one backspace a letter.
    keys(&mut app, "2r<c-u>order<cr>");
    assert!(
        app.project().codes.values().any(|c| c.name == "order"),
        "{}",
        app.status()
    );
    keys(&mut app, "r<c-w>tidy routine<c-w>habit<cr>");
    assert!(
        app.project().codes.values().any(|c| c.name == "tidy habit"),
        "{}",
        app.status()
    );
    // The code picker too: the typed query is wiped and a new one taken.
    let before = app.project().code_usage(&CodeId::new("chaos")).0;
    keys(&mut app, "1jjVcxyz<c-u>cha<cr>");
    assert_eq!(
        app.project().code_usage(&CodeId::new("chaos")).0,
        before + 1
    );
}

#[test]
fn moving_a_theme_under_its_own_parent_changes_nothing() {
    let mut app = sample((120, 40));
    let before = app.project().themes.clone();
    // T on the first top-level theme, then "(the top level)": it went last.
    keys(&mut app, "3gT<cr>");
    assert_eq!(app.project().themes, before, "{}", app.status());
    assert_eq!(
        app.status(),
        "already at the top level; nothing changed (K and J reorder)"
    );
}

#[test]
fn one_esc_does_not_throw_away_a_typed_memo() {
    let mut app = app(project(), (100, 30));
    keys(&mut app, "Ma long thought about this interview");
    keys(&mut app, "<esc>");
    assert!(app.overlay().is_some(), "the memo closed on one Esc");
    assert!(
        app.status().contains("esc again discards"),
        "{}",
        app.status()
    );
    // Any other key disarms: the next Esc warns again instead of discarding.
    keys(&mut app, ".<esc>");
    assert!(app.overlay().is_some());
    keys(&mut app, "<c-s>");
    assert!(
        app.project()
            .memos
            .get(&MemoTarget::Document(DocId::new("P1")))
            .is_some_and(|m| m.starts_with("a long thought about this interview.")),
        "{}",
        app.status()
    );
    // Esc twice discards; an untouched memo closes at once.
    keys(&mut app, "M more<esc><esc>");
    assert!(app.overlay().is_none());
    assert_eq!(app.status(), "memo edit discarded");
    keys(&mut app, "M<esc>");
    assert!(app.overlay().is_none());
    assert_eq!(app.status(), "memo unchanged");
}

#[test]
fn esc_in_the_code_form_asks_before_dropping_typed_fields() {
    let mut app = app(project(), (100, 30));
    let before = app.project().codes[&CodeId::new("chaos")].clone();
    keys(&mut app, "2/cha<cr>e Often said of crack.<esc>");
    assert!(
        app.overlay().is_some(),
        "typed fields were dropped on one Esc"
    );
    keys(&mut app, "<esc>");
    assert!(app.overlay().is_none());
    assert_eq!(app.status(), "definition edits discarded");
    assert_eq!(app.project().codes[&CodeId::new("chaos")], before);
    keys(&mut app, "e<esc>");
    assert!(app.overlay().is_none());
    assert_eq!(app.status(), "definition unchanged");
}

#[test]
fn counts_of_one_read_in_the_singular() {
    let mut app = app(project(), (120, 40));
    // One hit: "1 hits in 1 documents" before.
    keys(&mut app, "Sabout six<cr>");
    let screen = common::fixture::screen_text(&app);
    assert!(
        screen.contains("/about six/: 1 hit in 1 document"),
        "{screen}"
    );
    keys(&mut app, "a");
    let screen = common::fixture::screen_text(&app);
    assert!(screen.contains("Code what around the hit?"), "{screen}");
}

#[test]
fn the_reason_prompt_shows_the_whole_preview_of_a_deletion() {
    let mut app = sample((120, 40));
    // Delete a theme with all its codes: the preview names every code.
    keys(&mut app, "3gd<down><down><cr>");
    let Some(prompt) = app
        .overlay_title()
        .filter(|_| app.overlay() == Some(OverlayKind::PROMPT))
    else {
        panic!("no reason prompt: {}", app.status());
    };
    let (preview, _) = prompt.split_once('\n').expect("a preview line");
    assert!(preview.chars().count() > 120, "a long preview: {preview}");
    let screen = common::fixture::screen_text(&app);
    let words = |s: &str| {
        s.replace(['│', '╭', '╮', '╰', '╯', '─'], " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(words(&screen).contains(&words(preview)), "{screen}");
}

#[test]
fn code_keys_in_an_empty_codebook_say_it_is_empty() {
    let empty = margin::model::Project::new(margin::model::Manifest::new("Empty"));
    let mut app = app(empty, (80, 24));
    for key in ["M", "s", "D", "P", " "] {
        keys(&mut app, &format!("2{key}"));
        assert_eq!(
            app.status(),
            "the codebook is empty: a adds a code",
            "{key}"
        );
    }
    // A filter that hides every code is named as the reason.
    let mut app = common::fixture::app(project(), (80, 24));
    keys(&mut app, "2/zzzz<cr>M");
    assert_eq!(app.status(), "no code matches the filter: esc clears it");
}

#[test]
fn an_empty_project_search_says_nothing_was_searched() {
    let mut app = app(project(), (100, 30));
    keys(&mut app, "S(<cr>");
    assert!(
        app.status().starts_with("not a valid pattern"),
        "{}",
        app.status()
    );
    keys(&mut app, "S<cr>");
    assert_eq!(app.status(), "nothing searched: type a word or a pattern");
}

#[test]
fn wrapped_journal_entries_keep_a_hanging_indent() {
    let mut app = app(project(), (80, 24));
    let why = "overlap with a long reason that should wrap onto the next line of the journal page";
    keys(&mut app, &format!("2 jM<cr>{why}<cr>"));
    assert_eq!(app.project().journal.len(), 1, "{}", app.status());
    keys(&mut app, ":decision journal<cr>");
    let screen = common::fixture::screen_text(&app);
    let rows: Vec<&str> = screen.lines().collect();
    let why_row = rows
        .iter()
        .position(|r| r.contains("why: overlap"))
        .expect("the reason is shown");
    // The reason's second row starts under its first word, not at the border.
    assert!(
        rows[why_row + 1].starts_with("│         "),
        "{}",
        rows[why_row + 1]
    );
    assert!(screen.contains("journal page"), "{screen}");
}

#[test]
fn coder_pairs_with_one_shared_document_read_in_the_singular() {
    use margin::model::Coding;
    let (mut project, _) =
        margin::store::Store::open(common::sample_project()).expect("sample opens");
    let code = project.codes.keys().next().cloned().expect("a code");
    project
        .codings
        .entry(DocId::new("P1"))
        .or_default()
        .insert("cat".into(), vec![Coding::new(code, 0, 40)]);
    let mut app = app(project, (120, 40));
    keys(&mut app, "Ac");
    assert_eq!(
        app.overlay(),
        Some(OverlayKind::PICKER),
        "no coder picker: {}",
        app.status()
    );
    let hints = app.overlay_hints();
    assert!(
        hints.iter().any(|h| h == "1 document in common"),
        "{hints:?}"
    );
}

#[test]
fn putting_a_code_into_its_own_theme_changes_nothing() {
    let mut app = app(project(), (100, 30));
    let before = app.project().clone();
    // chaos is in 'Unpredictability': t and that theme sent it to the end.
    keys(&mut app, "2/chaos<cr>tUnpred<cr>");
    assert!(*app.project() == before, "{}", app.status());
    assert_eq!(
        app.status(),
        "'chaos' is already in 'Unpredictability'; nothing changed (K and J reorder)"
    );
}
