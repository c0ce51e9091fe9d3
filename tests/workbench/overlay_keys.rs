//! The keys of the memo editor, the code form, help and the message log
//! live in the keymap ("memo", "code_form", "viewer"): a user's keymap.ron
//! rebinds them, help lists them from the table, and the footers and
//! warnings name the keys as bound.

use crate::common;
use common::fixture::with_user_keymap;

use margin::model::{CodeId, DocId, MemoTarget};
use margin::tui::action::Action;
use margin::tui::driver::{Driver, OverlayKind};

/// The help section titled starting with `title`: its (keys, description) rows.
fn help_rows(d: &Driver, title: &str) -> Vec<(String, String)> {
    d.help_sections()
        .into_iter()
        .find(|(t, _)| t.starts_with(title))
        .unwrap_or_else(|| panic!("help has no section '{title}'"))
        .1
}

fn document_memo(d: &Driver) -> Option<&String> {
    d.project()
        .memos
        .get(&MemoTarget::Document(DocId::new("P1")))
}

#[test]
fn the_memo_editors_keys_can_be_rebound_and_its_footer_and_warning_name_them() {
    let mut d = with_user_keymap(r#"{"memo": {"f2": save, "f3": back}}"#);
    d.press("M");
    assert_eq!(d.overlay(), Some(OverlayKind::MEMO));
    d.type_text("Talks about the unpredictability of supply");
    let screen = d.screen();
    assert!(
        screen.contains(" f2 save · f3 twice discards · ctrl-e $EDITOR "),
        "the footer names the bound keys:\n{screen}"
    );
    // f3 closes as esc did: over changed text it asks first, naming the keys.
    d.press("f3");
    assert_eq!(d.overlay(), Some(OverlayKind::MEMO));
    assert!(
        d.status().contains("f2 saves, f3 again discards"),
        "{}",
        d.status()
    );
    d.press("f2");
    assert_eq!(d.overlay(), None, "f2 saves and closes");
    assert_eq!(
        document_memo(&d).map(|m| m.trim_end()),
        Some("Talks about the unpredictability of supply")
    );
    let memo = help_rows(&d, "A memo");
    assert!(
        memo.iter()
            .any(|(keys, what)| keys.split(' ').any(|k| k == "f2")
                && what == Action::Save.description()),
        "{memo:?}"
    );
}

#[test]
fn the_code_forms_keys_can_be_rebound() {
    let mut d = with_user_keymap(r#"{"code_form": {"ctrl-n": next_field, "f2": save}}"#);
    // The codebook, sorted by name: calm, chaos; e opens chaos's definition.
    d.press("2 j e");
    assert_eq!(d.overlay(), Some(OverlayKind::CODE_FORM));
    assert_eq!(d.overlay_title(), Some("description"));
    d.press("ctrl-n");
    assert_eq!(d.overlay_title(), Some("inclusion"), "ctrl-n: next field");
    d.type_text("Says events could not be planned for");
    // shift-tab is still bound by default: back to the description.
    d.press("shift-tab");
    assert_eq!(d.overlay_title(), Some("description"));
    assert!(
        d.screen()
            .contains(" tab next field · f2 save · esc close "),
        "{}",
        d.screen()
    );
    d.press("f2");
    assert_eq!(d.overlay(), None, "{}", d.status());
    let chaos = &d.project().codes[&CodeId::new("chaos")];
    assert_eq!(chaos.inclusion, "Says events could not be planned for");
    let form = help_rows(&d, "A code's definition");
    assert!(
        form.iter()
            .any(|(keys, what)| keys.split(' ').any(|k| k == "ctrl-n")
                && what == Action::NextField.description()),
        "{form:?}"
    );
}

#[test]
fn help_and_the_message_log_scroll_with_keys_from_the_keymap() {
    let mut d = with_user_keymap(r#"{"viewer": {"n": move_down, "p": move_up, "x": back}}"#);
    d.press("?");
    assert_eq!(d.overlay(), Some(OverlayKind::HELP));
    d.press("n n n");
    assert_eq!(d.overlay_scroll(), Some(3), "n scrolls down");
    d.press("p");
    assert_eq!(d.overlay_scroll(), Some(2));
    // The global motions still scroll it, and G goes to the end.
    d.press("j");
    assert_eq!(d.overlay_scroll(), Some(3));
    d.press("G");
    let end = d.overlay_scroll().expect("scrolled");
    assert!(end > 3);
    d.press("g");
    assert_eq!(d.overlay_scroll(), Some(0));
    let viewer = help_rows(&d, "Help, the message log");
    assert!(
        viewer
            .iter()
            .any(|(keys, what)| keys == "n" && what == Action::MoveDown.description()),
        "{viewer:?}"
    );
    d.press("x");
    assert_eq!(d.overlay(), None, "x closes help");

    // The log: up goes back to older messages, the opening key closes it.
    for n in 1..=5 {
        d.say(format!("message {n}"), margin::tui::app::Tone::Info);
    }
    d.press("ctrl-g");
    assert_eq!(d.overlay(), Some(OverlayKind::MESSAGES));
    d.press("p p");
    assert_eq!(d.overlay_scroll(), Some(2));
    d.press("n");
    assert_eq!(d.overlay_scroll(), Some(1));
    assert!(
        d.screen()
            .contains(" j/k scroll · g/G oldest/newest · esc close "),
        "{}",
        d.screen()
    );
    d.press("ctrl-g");
    assert_eq!(d.overlay(), None, "ctrl-g closes the log it opened");
}

#[test]
fn the_mouse_wheel_reaches_the_open_overlay_not_the_panes_under_it() {
    use ratatui::crossterm::event::{Event, KeyModifiers, MouseEvent, MouseEventKind};
    let wheel = |kind| {
        Event::Mouse(MouseEvent {
            kind,
            column: 10,
            row: 10,
            modifiers: KeyModifiers::NONE,
        })
    };
    let mut d = Driver::new(common::fixture::project(), (100, 30));
    d.press("?");
    d.event(wheel(MouseEventKind::ScrollDown));
    assert_eq!(d.overlay_scroll(), Some(3), "the wheel scrolls help");
    d.event(wheel(MouseEventKind::ScrollUp));
    d.event(wheel(MouseEventKind::ScrollUp));
    assert_eq!(d.overlay_scroll(), Some(0));
    // A click does not reach the codebook under the help.
    d.event(Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(ratatui::crossterm::event::MouseButton::Left),
        column: 90,
        row: 5,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(d.overlay(), Some(OverlayKind::HELP));
    d.press("esc");
    // Still in the transcript, where a adds nothing (in the codebook it
    // would ask for a new code's name).
    d.press("a");
    assert_eq!(d.overlay(), None, "the click went through to the codebook");
}
