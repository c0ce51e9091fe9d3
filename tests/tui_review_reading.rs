//! Review mode reads like phase 4 of thematic analysis needs: the selected
//! extract in full with its attribution, its speaker turn on a key, the
//! definition in full, and back to the same place after a jump.

mod common;

use common::fixture::{app, draw, keys, screen_text};
use margin::tui::app::{App, Pane};
use margin::tui::page::Page;
use margin::tui::review::{Reading, ReviewView};

fn sample(size: (u16, u16)) -> App {
    let (project, _) = margin::store::Store::open(common::sample_project()).expect("sample opens");
    app(project, size)
}

fn review(app: &App) -> &ReviewView {
    match &app.page {
        Some(Page::Review(view)) => view,
        _ => panic!("not in review mode: {}", app.status.0),
    }
}

/// Review mode on the first theme, moved down to its first extract longer
/// than `chars` characters; returns that extract's text.
fn review_long_extract(app: &mut App, chars: usize) -> String {
    keys(app, "3R");
    for _ in 0..200 {
        let view = review(app);
        let extract = view.selected_extract().expect("an extract").clone();
        let doc = &app.project.documents[&extract.doc];
        let text = doc.slice(extract.start, extract.end).to_string();
        if text.chars().count() > chars {
            return text;
        }
        keys(app, "j");
    }
    panic!("no extract over {chars} characters");
}

/// The screen's text with the rows joined, so that a wrapped passage can be
/// looked for word by word.
fn words_on(screen: &str) -> String {
    screen
        .lines()
        .map(|l| l.trim_matches(|c| c == '│' || c == '┃').trim())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn review_at_80x24_shows_a_whole_long_extract_with_its_attribution() {
    let mut app = sample((80, 24));
    let text = review_long_extract(&mut app, 300);
    let screen = screen_text(&app);
    let joined = words_on(&screen);
    let words: Vec<&str> = text.split_whitespace().collect();
    assert!(
        joined.contains(&words.join(" ")),
        "the whole extract ({} chars) is on screen:\n{screen}",
        text.chars().count()
    );
    assert!(screen.contains("speaker"), "attribution:\n{screen}");
    assert!(screen.contains("coded by"), "attribution:\n{screen}");
    insta::assert_snapshot!("review_reading_80x24", draw(&app).backend());
}

#[test]
fn enter_jumps_and_esc_q_or_ctrl_o_come_back_to_the_same_extract() {
    for back in ["<esc>", "q", "<c-o>"] {
        let mut app = sample((80, 24));
        review_long_extract(&mut app, 300);
        let before = review(&app).clone();
        keys(&mut app, "<cr>");
        assert!(app.page.is_none(), "Enter shows the transcript");
        assert_eq!(app.focus, Pane::Transcript);
        assert!(
            app.status.0.contains("goes back to review"),
            "{}",
            app.status.0
        );
        keys(&mut app, back);
        let after = review(&app);
        assert_eq!(after.selected, before.selected, "back with {back}");
        assert_eq!(after.theme, before.theme);
    }
}

#[test]
fn q_in_the_panes_quits_only_when_there_is_nothing_to_go_back_to() {
    let mut app = sample((80, 24));
    review_long_extract(&mut app, 300);
    keys(&mut app, "<cr>");
    let effects = keys(&mut app, "q");
    assert!(effects.is_empty(), "q went back, it did not quit");
    keys(&mut app, "q"); // leaves review mode
    assert!(app.page.is_none());
    let effects = keys(&mut app, "q");
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, margin::tui::app::Effect::Quit)),
        "q quits from the panes once nothing is left to go back to"
    );
}

#[test]
fn t_reads_the_turn_and_d_the_whole_definition() {
    let mut app = sample((80, 24));
    let text = review_long_extract(&mut app, 100);
    keys(&mut app, "t");
    assert_eq!(review(&app).reading, Reading::Turn);
    let screen = screen_text(&app);
    assert!(screen.contains("in its turn"), "{screen}");
    let _ = text;
    keys(&mut app, "d");
    assert_eq!(review(&app).reading, Reading::Definition);
    let theme = app.project.theme(&review(&app).theme).expect("theme");
    let definition = theme.definition.clone();
    let joined = words_on(&screen_text(&app));
    let words: Vec<&str> = definition.split_whitespace().collect();
    assert!(
        joined.contains(&words.join(" ")),
        "the definition in full:\n{joined}"
    );
    keys(&mut app, "d");
    assert_eq!(review(&app).reading, Reading::Extract);
}

#[test]
fn a_codes_extract_list_shows_the_selected_extract_in_full() {
    let mut app = sample((80, 24));
    keys(&mut app, "2jj<cr>"); // "Chaotic daily life"
    let Some(margin::tui::overlay::Overlay::Results {
        items, selected, ..
    }) = &app.overlay
    else {
        panic!("Enter lists the code's extracts: {}", app.status.0);
    };
    let e = items[*selected].clone();
    let text = app.project.documents[&e.doc]
        .slice(e.start, e.end)
        .to_string();
    assert!(text.chars().count() > 200, "a long extract");
    let screen = screen_text(&app);
    // The overlay's rows: the widest piece between box edges on each line.
    let joined = screen
        .lines()
        .filter_map(|l| l.split('│').max_by_key(|p| p.chars().count()))
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    let words: Vec<&str> = text.split_whitespace().collect();
    assert!(
        joined.contains(&words.join(" ")),
        "whole extract:\n{joined}"
    );
    assert!(screen.contains("coded by"), "{screen}");
    insta::assert_snapshot!("retrieval_reading_80x24", draw(&app).backend());
}

#[test]
fn t_in_a_codes_extract_list_reads_the_whole_turn() {
    let mut app = sample((100, 40));
    keys(&mut app, "2jj<cr>t");
    assert!(app.reading_turn);
    let screen = screen_text(&app);
    assert!(screen.contains("t the extract alone"), "{screen}");
    keys(&mut app, "t");
    assert!(!app.reading_turn);
}
