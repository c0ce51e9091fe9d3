//! The codebook in view while coding: the code picker shows the highlighted
//! code's definition, inclusion and exclusion, and opens clear of the
//! selection it is about to code.

use crate::common;

use common::fixture::{app, draw, keys, screen_text};
use margin::model::DocId;
use margin::tui::driver::Driver;

fn sample(size: (u16, u16)) -> Driver {
    let (project, _) = margin::store::Store::open(common::sample_project()).expect("sample opens");
    app(project, size)
}

#[test]
fn the_code_picker_shows_the_highlighted_codes_definition() {
    let mut app = sample((80, 24));
    keys(&mut app, "}Vcchaotic");
    let code = app
        .project()
        .codes
        .values()
        .find(|c| c.name == "Chaotic daily life")
        .expect("sample code")
        .clone();
    let screen = screen_text(&app);
    let first_words: String = code
        .description
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        screen.contains(&format!("Definition: {first_words}")),
        "{screen}"
    );
    insta::assert_snapshot!("code_picker_detail_80x24", draw(&app).backend());
}

#[test]
fn the_picker_opens_clear_of_the_selection_at_80x24() {
    for line in [3usize, 13, 41, 101] {
        let mut app = sample((80, 24));
        let p1 = DocId::new("P1");
        let start = app.project().documents[&p1].index().line_start(line - 1);
        app.jump_to(&p1, start);
        keys(&mut app, "V");
        let doc = &app.project().documents[&p1];
        let (a, b) = app.selection().expect("selection");
        let selected = doc.slice(a, b).to_string();
        let first_words: String = selected
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            screen_text(&app).contains(&first_words),
            "line {line} on screen"
        );
        keys(&mut app, "c");
        let screen = screen_text(&app);
        assert!(screen.contains("Code the selection"), "{screen}");
        assert!(
            screen.contains(&first_words),
            "line {line}: the selection's first words stay visible under the picker:\n{screen}"
        );
    }
}

#[test]
fn a_cut_status_message_is_whole_in_the_message_log() {
    let mut app = sample((80, 24));
    let long = "saved: code 'Routine and structure in daily life' on P1 lines 13-15 (ana) (codings/P1/ana.ron)";
    app.say(long, margin::tui::app::Tone::Ok);
    let screen = screen_text(&app);
    let status = screen.lines().last().expect("status line");
    assert!(status.contains('…'), "{status}");
    let help = app.help_sections();
    assert!(
        help.iter()
            .flat_map(|(_, rows)| rows)
            .any(|(k, d)| k == "… (ctrl-g)" && d.contains("message log")),
        "help names the log's key"
    );
    keys(&mut app, "<c-g>");
    let joined: String = screen_text(&app)
        .lines()
        .map(|l| l.trim_matches(|c| c == '│' || c == ' '))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(joined.contains("(codings/P1/ana.ron)"), "{joined}");
    assert!(
        joined.contains("Routine and structure in daily life"),
        "{joined}"
    );
    keys(&mut app, "<esc>");
    assert!(app.overlay().is_none());
}

#[test]
fn help_explains_the_counts_in_the_panes() {
    let mut app = sample((160, 48));
    keys(&mut app, "?");
    let sections = app.help_sections();
    let legend = sections
        .iter()
        .find(|(title, _)| title == "Reading the screen")
        .expect("a legend section");
    for mark in ["4·3d", "final 95", "▌ce"] {
        assert!(legend.1.iter().any(|(k, _)| k == mark), "{mark}");
    }
}
