//! One stack of screens under at most one overlay: the panes at the bottom,
//! full screens above. Keys, the mouse and the drawing all go to the top,
//! an overlay first; full pages take each other's place; Enter in review
//! mode pushes the panes over it and going back pops them.

use crate::common;

use common::fixture::{app, keys};
use margin::tui::driver::{Driver, OverlayKind};
use margin::tui::screens::charts::ChartsView;
use margin::tui::screens::journal::JournalView;
use margin::tui::screens::review::ReviewView;
use ratatui::crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

fn sample(size: (u16, u16)) -> Driver {
    let (project, _) = margin::store::Store::open(common::sample_project()).expect("sample opens");
    app(project, size)
}

fn click(d: &mut Driver, column: u16, row: u16) {
    d.event(Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }));
}

/// Every cell but the status line's, with its style (a pane's focus and the
/// cursor show in styles only).
fn above_status(d: &Driver) -> Vec<(String, ratatui::style::Style)> {
    let buffer = d.buffer();
    let width = usize::from(buffer.area.width);
    let cells = &buffer.content[..buffer.content.len() - width];
    cells
        .iter()
        .map(|c| (c.symbol().to_string(), c.style()))
        .collect()
}

#[test]
fn keys_the_mouse_and_the_drawing_follow_the_top_screen() {
    let mut d = sample((100, 30));
    keys(&mut d, "3");
    let panes = above_status(&d);
    keys(&mut d, "R");
    assert_eq!(d.screen_title(), "REVIEW");
    assert_eq!(d.screen_depth(), 2);
    let screen = d.screen();
    assert!(screen.contains("Review:"), "review draws:\n{screen}");
    assert!(screen.contains(" REVIEW "), "its badge:\n{screen}");
    // j moves review's selection, not the theme tree's.
    keys(&mut d, "j");
    assert_eq!(d.top::<ReviewView>().expect("review").selected, 1);
    // A click where the transcript is drawn under review does nothing.
    click(&mut d, 5, 5);
    assert_eq!(d.screen_title(), "REVIEW");
    keys(&mut d, "<esc>");
    assert!(d.on_panes());
    assert_eq!(
        above_status(&d),
        panes,
        "the panes as they were: no key or click reached them"
    );
    // On the panes the click focuses the transcript.
    click(&mut d, 5, 5);
    assert_eq!(d.screen_title(), "NORMAL");
    assert_ne!(above_status(&d), panes);
}

#[test]
fn an_overlay_over_a_screen_takes_the_keys_first() {
    let mut d = sample((100, 30));
    keys(&mut d, "3R");
    keys(&mut d, ":");
    assert_eq!(d.overlay(), Some(OverlayKind::PICKER));
    keys(&mut d, "j");
    assert_eq!(d.overlay_text(), Some("j"), "j types into the palette");
    assert_eq!(d.top::<ReviewView>().expect("review").selected, 0);
    keys(&mut d, "<esc>");
    assert_eq!(d.overlay(), None);
    assert!(d.top::<ReviewView>().is_some(), "review is still on top");
}

#[test]
fn pages_take_each_others_place_and_ctrl_o_pops_back_to_review() {
    let mut d = sample((100, 30));
    keys(&mut d, "3R");
    keys(&mut d, "<cr>");
    assert!(d.on_panes(), "Enter pushes the panes over review");
    assert_eq!(d.screen_depth(), 3);
    keys(&mut d, "F");
    assert!(d.top::<ChartsView>().is_some());
    assert_eq!(d.screen_depth(), 4);
    // Back to review from the charts: everything above it is popped.
    keys(&mut d, "<c-o>");
    assert!(d.top::<ReviewView>().is_some(), "{}", d.status());
    assert_eq!(d.screen_depth(), 2);
    assert!(d.status().starts_with("reviewing '"), "{}", d.status());
    // The journal from review takes its place; closing it shows the panes.
    keys(&mut d, ":");
    d.type_text("decision journal");
    keys(&mut d, "<cr>");
    assert!(d.top::<JournalView>().is_some(), "{}", d.status());
    assert_eq!(d.screen_depth(), 2);
    keys(&mut d, "q");
    assert!(d.on_panes());
    assert_eq!(d.screen_depth(), 1);
    // Nothing to go back to now.
    keys(&mut d, "<c-o>");
    assert!(
        d.status().starts_with("no review to go back to"),
        "{}",
        d.status()
    );
}

#[test]
fn enter_again_keeps_one_way_back_only() {
    let mut d = sample((100, 30));
    keys(&mut d, "3R");
    keys(&mut d, "<cr>");
    keys(&mut d, "<c-o>");
    keys(&mut d, "j<cr>");
    assert_eq!(d.screen_depth(), 3, "the older way back is dropped");
    keys(&mut d, "q");
    assert_eq!(d.top::<ReviewView>().expect("review").selected, 1);
    keys(&mut d, "q");
    assert!(d.on_panes());
    assert_eq!(d.screen_depth(), 1);
}
