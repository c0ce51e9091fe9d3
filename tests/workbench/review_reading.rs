//! Review mode reads like phase 4 of thematic analysis needs: the selected
//! extract in full with its attribution, its speaker turn on a key, the
//! definition in full, and back to the same place after a jump.

use crate::common;

use margin::tui::driver::Driver;

use common::fixture::{app, draw, keys, screen_text};
use margin::tui::app::Pane;
use margin::tui::screens::review::{Reading, ReviewView};

fn sample(size: (u16, u16)) -> Driver {
    let (project, _) = margin::store::Store::open(common::sample_project()).expect("sample opens");
    app(project, size)
}

fn review(app: &Driver) -> &ReviewView {
    match app.top::<ReviewView>() {
        Some(view) => view,
        _ => panic!("not in review mode: {}", app.status()),
    }
}

/// Review mode on the first theme, moved down to its first extract longer
/// than `chars` characters; returns that extract's text.
fn review_long_extract(app: &mut Driver, chars: usize) -> String {
    keys(app, "3R");
    for _ in 0..200 {
        let view = review(app);
        let extract = view.selected_extract().expect("an extract").clone();
        let doc = &app.project().documents[&extract.doc];
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
        assert!(app.on_panes(), "Enter shows the transcript");
        assert_eq!(app.focus(), Pane::Transcript);
        assert!(
            app.status().contains("goes back to review"),
            "{}",
            app.status()
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
    assert!(app.on_panes());
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
    let theme = app.project().theme(&review(&app).theme).expect("theme");
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
    let (Some(items), Some(selected)) = (app.results(), app.overlay_selected()) else {
        panic!("Enter lists the code's extracts: {}", app.status());
    };
    let e = items[selected].clone();
    let text = app.project().documents[&e.doc]
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
    assert!(app.reading_turn());
    let screen = screen_text(&app);
    assert!(screen.contains("t the extract alone"), "{screen}");
    keys(&mut app, "t");
    assert!(!app.reading_turn());
}

/// The open extract list's selected index and reading-pane scroll.
fn list_state(app: &Driver) -> (usize, usize) {
    match (app.results(), app.overlay_selected(), app.overlay_scroll()) {
        (Some(_), Some(selected), Some(scroll)) => (selected, scroll),
        _ => panic!("no extract list open: {}", app.status()),
    }
}

/// Opens, code by code, the codebook's extract lists and moves down each
/// until the reading pane cannot hold the selected extract (its rule says
/// what is hidden below); returns that extract's text.
fn list_with_long_extract(app: &mut Driver) -> String {
    let codes = app.codebook_rows().len();
    for code in 0..codes {
        keys(app, "2g");
        keys(app, &"j".repeat(code));
        keys(app, "<cr>");
        let Some(items) = app.results().map(<[_]>::to_vec) else {
            continue;
        };
        for (i, e) in items.iter().enumerate() {
            assert_eq!(list_state(app).0, i);
            let long = app.project().documents[&e.doc]
                .slice(e.start, e.end)
                .chars()
                .count()
                > 400;
            if long && screen_text(app).contains("more below") {
                return app.project().documents[&e.doc]
                    .slice(e.start, e.end)
                    .to_string();
            }
            keys(app, "j");
        }
        keys(app, "<esc>");
    }
    panic!("no extract of the sample study is longer than the reading pane");
}

/// The rows inside the extract list's box, joined, for looking up words.
fn list_words(screen: &str) -> String {
    screen
        .lines()
        .filter_map(|l| l.split('│').max_by_key(|p| p.chars().count()))
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_long_extract_in_a_codes_list_scrolls_with_j_k_and_ctrl_e_ctrl_y() {
    let mut app = sample((80, 24));
    let text = list_with_long_extract(&mut app);
    let words: Vec<&str> = text.split_whitespace().collect();
    let first = words[..6].join(" ");
    let last = words[words.len() - 6..].join(" ");
    let screen = screen_text(&app);
    assert!(list_words(&screen).contains(&first), "its start:\n{screen}");
    assert!(
        !list_words(&screen).contains(&last),
        "cut at first:\n{screen}"
    );
    assert!(screen.contains("more below, J/K scroll"), "{screen}");
    assert!(screen.contains("speaker"), "attribution:\n{screen}");
    insta::assert_snapshot!("retrieval_reading_long_80x24", draw(&app).backend());

    keys(&mut app, "J");
    assert_eq!(list_state(&app).1, 1, "J scrolls one row");
    keys(&mut app, "K");
    assert_eq!(list_state(&app).1, 0, "K scrolls back");
    keys(&mut app, "<c-e>");
    assert_eq!(list_state(&app).1, 1, "ctrl-e scrolls one row");
    keys(&mut app, "<c-y>");
    assert_eq!(list_state(&app).1, 0, "ctrl-y scrolls back");
    keys(&mut app, "K");
    assert_eq!(list_state(&app).1, 0, "no further than the top");

    // To the end: the rest of the extract is read, and scrolling stops there.
    keys(&mut app, &"J".repeat(60));
    let end = list_state(&app).1;
    assert!(end > 0 && end < 60, "stops at the end: {end}");
    let screen = screen_text(&app);
    assert!(list_words(&screen).contains(&last), "its end:\n{screen}");
    assert!(screen.contains("the end, K scrolls back"), "{screen}");
    insta::assert_snapshot!("retrieval_reading_scrolled_80x24", draw(&app).backend());
    keys(&mut app, "K");
    assert_eq!(list_state(&app).1, end - 1, "K comes straight back");

    // Another extract starts at its top.
    let selected = list_state(&app).0;
    keys(&mut app, "k");
    assert_eq!(list_state(&app), (selected - 1, 0));
}

#[test]
fn the_turn_of_a_long_extract_scrolls_too_and_help_lists_the_keys() {
    let mut app = sample((80, 24));
    list_with_long_extract(&mut app);
    keys(&mut app, "t");
    assert!(app.reading_turn());
    keys(&mut app, "J");
    let screen = screen_text(&app);
    assert!(
        screen.contains("in its turn · t the extract alone"),
        "{screen}"
    );
    keys(&mut app, "t");
    assert_eq!(list_state(&app).1, 0, "t starts the passage at its top");
    keys(&mut app, "<esc>?");
    let help: Vec<String> = app
        .help_sections()
        .into_iter()
        .filter(|(title, _)| title.starts_with("A code's extracts"))
        .flat_map(|(_, rows)| rows.into_iter().map(|(k, d)| format!("{k} {d}")))
        .collect();
    assert!(
        help.iter()
            .any(|r| r.starts_with("J ctrl-e Scroll the reading pane down")),
        "{help:?}"
    );
    assert!(
        help.iter()
            .any(|r| r.starts_with("K ctrl-y Scroll the reading pane up")),
        "{help:?}"
    );
    assert!(
        help.iter()
            .any(|r| r.starts_with("t Read the whole speaker turn"))
    );
}

#[test]
fn a_rebound_key_scrolls_the_extract_list() {
    let mut app = sample((80, 24));
    let user = margin::tui::keymap::Keymap::parse(
        r#"{ "extracts": { "ctrl-n": reading_down } }"#,
        std::path::Path::new("keymap.ron"),
    )
    .expect("parses");
    app.merge_keymap(user);
    list_with_long_extract(&mut app);
    keys(&mut app, "<c-n>");
    assert_eq!(list_state(&app).1, 1);
}

#[test]
fn review_mode_scrolling_stops_at_the_passages_end() {
    let mut app = sample((80, 24));
    review_long_extract(&mut app, 300);
    keys(&mut app, "t");
    keys(&mut app, &"J".repeat(60));
    let end = review(&app).scroll;
    assert!(end > 0 && end < 60, "stops at the end of the turn: {end}");
    let screen = screen_text(&app);
    assert!(screen.contains("· the end"), "{screen}");
    keys(&mut app, "K");
    assert_eq!(review(&app).scroll, end - 1, "K comes straight back");
    keys(&mut app, "<c-e><c-e>");
    assert_eq!(review(&app).scroll, end, "ctrl-e stops at the end too");
    keys(&mut app, "<c-y>");
    assert_eq!(review(&app).scroll, end - 1, "ctrl-y comes back");
}
