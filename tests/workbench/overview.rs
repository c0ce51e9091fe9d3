//! The document overview (`i` in the transcript), the overlay added as one
//! file with its own command: it opens on the sample study's P1, shows its
//! figures, scrolls, closes on Esc, is listed in help and the palette, and
//! can be rebound.

use crate::common;

use common::fixture::{app, draw};
use margin::tui::action::Action;
use margin::tui::driver::{Driver, OverlayKind};

fn sample(size: (u16, u16)) -> Driver {
    let (project, _) = margin::store::Store::open(common::sample_project()).expect("sample opens");
    app(project, size)
}

#[test]
fn i_shows_the_documents_figures_and_esc_closes_it() {
    let mut d = sample((80, 24));
    d.press("i");
    assert_eq!(d.overlay(), Some(OverlayKind::OVERVIEW));
    assert_eq!(d.overlay_title(), Some("P1: recovery worker, service A"));
    let screen = d.screen();
    for shown in [
        " Overview of P1 ",
        "P1.txt · ",
        " words · ",
        "Attributes",
        "recovery worker",
        "Speakers",
        "Interviewer",
        "Codings by coder",
        "coverage",
        " INFO ",
    ] {
        assert!(screen.contains(shown), "'{shown}' missing:\n{screen}");
    }
    // The figures are the document's own.
    let project = d.project();
    let p1 = &project.documents[&margin::model::DocId::new("P1")];
    let words = p1.text().split_whitespace().count();
    assert!(
        screen.contains(&format!(" {words} words · ")),
        "{words} words:\n{screen}"
    );
    // It scrolls (the codes are further down) and stops at its end.
    d.press("G");
    let end = d.overlay_scroll().expect("scrolls");
    assert!(end > 0, "the overview is longer than 80x24");
    let screen = d.screen();
    assert!(screen.contains("Most used codes"), "{screen}");
    d.press("j");
    assert_eq!(d.overlay_scroll(), Some(end), "no scrolling past the end");
    insta::assert_snapshot!("overview_end_80x24", draw(&d).backend());
    d.press("esc");
    assert_eq!(d.overlay(), None);
    // i again opens it; i closes it too.
    d.press("i i");
    assert_eq!(d.overlay(), None);
}

#[test]
fn the_overview_at_80x24() {
    let mut d = sample((80, 24));
    d.press("i");
    insta::assert_snapshot!("overview_80x24", draw(&d).backend());
}

#[test]
fn blind_mode_counts_only_my_own_codings() {
    // The sample study is coded by asha and ben; the driver codes as ana.
    let mut d = sample((80, 24));
    d.press("i");
    let screen = d.screen();
    assert!(
        screen.contains("  asha ") && screen.contains("  ben "),
        "{screen}"
    );
    d.press("esc B i");
    let screen = d.screen();
    assert!(
        !screen.contains("  asha ") && !screen.contains("  ben "),
        "blind mode hides the others' codings:\n{screen}"
    );
    assert!(screen.contains("no codings yet"), "{screen}");
}

#[test]
fn the_overview_is_in_help_and_the_palette_and_can_be_rebound() {
    let overview = Action::from_name("document_overview").expect("declared");
    let mut d = sample((100, 30));
    let help = d.help_sections();
    let transcript = help
        .iter()
        .find(|(title, _)| title.starts_with("Transcript"))
        .expect("help has the transcript");
    assert!(
        transcript
            .1
            .iter()
            .any(|(keys, what)| keys == "i" && what == overview.description()),
        "{transcript:?}"
    );
    // The palette finds it by its description and runs it.
    d.press(":");
    d.type_text("document's overview");
    assert_eq!(
        d.overlay_items().first().map(String::as_str),
        Some(overview.description())
    );
    d.press("enter");
    assert_eq!(d.overlay(), Some(OverlayKind::OVERVIEW));

    // A user's keymap.ron moves it to f6.
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("keymap.ron"),
        r#"{"transcript": {"f6": document_overview, "i": move_up}}"#,
    )
    .expect("write keymap");
    let (keymap, errors) = margin::tui::load_keymap(Some(dir.path()));
    assert!(errors.is_empty(), "{errors:?}");
    let mut d = sample((100, 30));
    d.set_keymap(keymap);
    d.press("i");
    assert_eq!(d.overlay(), None, "i no longer opens it");
    d.press("f6");
    assert_eq!(d.overlay(), Some(OverlayKind::OVERVIEW));
    assert_eq!(d.keys_label(overview), "f6");
}

#[test]
fn the_overview_draws_and_scrolls_on_tiny_terminals() {
    for size in [(1, 1), (10, 3), (20, 5), (59, 12)] {
        let mut d = sample(size);
        d.press("i G k j");
        assert_eq!(d.overlay(), Some(OverlayKind::OVERVIEW), "{size:?}");
        assert_eq!(d.screen().lines().count(), usize::from(size.1), "{size:?}");
    }
}
