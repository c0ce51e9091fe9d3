//! The smaller points of issue 10, each as the user met it.

use crate::common;

use common::fixture::{app, keys, screen_text};
use margin::tui::driver::{Driver, OverlayKind};

fn sample() -> Driver {
    let (project, _) = margin::store::Store::open(common::sample_project()).expect("sample opens");
    app(project, (100, 30))
}

#[test]
fn enter_on_a_theme_row_says_what_it_did() {
    let mut app = sample();
    keys(&mut app, "3<cr>");
    assert!(app.status().starts_with("unfolded '"), "{}", app.status());
    assert!(
        app.status().contains("reads all its extracts"),
        "{}",
        app.status()
    );
}

#[test]
fn the_recolour_picker_names_colours_and_stays_open_on_a_bad_entry() {
    let mut app = sample();
    keys(&mut app, "2p");
    let screen = screen_text(&app);
    assert!(
        screen.contains("red") && screen.contains("#e06c75"),
        "{screen}"
    );
    keys(&mut app, "#zz12<cr>");
    assert_eq!(
        app.overlay(),
        Some(OverlayKind::PICKER),
        "the picker closed"
    );
    assert_eq!(app.overlay_text(), Some("#zz12"));
    assert!(app.status().contains("is not a colour"), "{}", app.status());
    keys(&mut app, "<c-u>#123456<cr>");
    assert!(app.overlay().is_none());
    assert!(app.project().codes.values().any(|c| c.color == "#123456"));
}

#[test]
fn a_theme_memo_is_titled_with_the_themes_name() {
    let mut app = sample();
    keys(&mut app, "3m");
    let name = app.project().themes[0].name.clone();
    assert_eq!(app.overlay(), Some(OverlayKind::MEMO), "no memo editor");
    assert_eq!(
        app.overlay_title(),
        Some(format!("Memo on theme '{name}'").as_str())
    );
}

#[test]
fn leaving_review_mode_clears_its_message() {
    let mut app = sample();
    keys(&mut app, "3R");
    assert!(app.status().starts_with("reviewing"));
    keys(&mut app, "q");
    assert!(app.on_panes());
    assert!(!app.status().starts_with("reviewing"), "{}", app.status());
}

#[test]
fn a_bad_search_pattern_says_error_once() {
    let mut app = sample();
    keys(&mut app, "/(<cr>");
    assert!(
        app.status().starts_with("not a valid pattern: "),
        "{}",
        app.status()
    );
    assert!(!app.status().contains("error:"), "{}", app.status());
}
