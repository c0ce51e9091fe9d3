//! A very long transcript in the workbench: the layout is lazy (only the
//! lines on screen are wrapped), so these check that it still behaves as a
//! whole layout would: `G` shows the end, a resize keeps the cursor on
//! screen, `gg` comes back, and paging visits every line in order. Their
//! speed is measured by `cargo bench --bench huge_transcript`.

use crate::common;

use common::fixture::{app, keys, screen_text};
use margin::model::{DocId, Document, DocumentRecord, Manifest, Project};
use margin::tui::driver::Driver;

/// A day-long group interview: 1,500 exchanges, answers wrapping over
/// several rows, a few non-ASCII words.
fn long_project() -> Project {
    let mut text = String::from("Focus group, day one\n");
    for n in 1..=1500 {
        text.push_str(&format!(
            "\nInterviewer: What happened next, part {n}?\nPeer worker: Part {n} of the answer. \
             We met at the drop-in café most mornings, talked about script changes, housing \
             and what the outreach team could do; naïve questions were welcome there. End {n}.\n"
        ));
    }
    let record = DocumentRecord {
        title: "Focus group".into(),
        source: "FG.txt".into(),
        attributes: Default::default(),
        sha256: String::new(),
        guid: String::new(),
        times: Vec::new(),
    };
    let mut project = Project::new(Manifest::new("Long transcript"));
    project.documents.insert(
        DocId::new("FG"),
        Document::new(DocId::new("FG"), record, text),
    );
    project
}

fn cursor_line(app: &Driver) -> usize {
    let doc = &app.project().documents[&DocId::new("FG")];
    doc.index().line_of_char(app.cursor()) + 1
}

#[test]
fn g_shows_the_end_and_a_resize_keeps_the_cursor_on_screen() {
    let mut app = app(long_project(), (100, 30));
    keys(&mut app, "1G");
    assert_eq!(cursor_line(&app), 4501);
    let screen = screen_text(&app);
    assert!(screen.contains("Part 1500 of the answer"), "{screen}");
    assert!(screen.contains("4501"), "{screen}");

    app.resize((70, 24));
    keys(&mut app, "k");
    let screen = screen_text(&app);
    assert!(
        screen.contains("4500"),
        "the cursor's line is shown: {screen}"
    );
    assert!(cursor_line(&app) >= 4500);

    keys(&mut app, "gg");
    assert_eq!(app.cursor(), 0);
    assert!(screen_text(&app).contains("Focus group, day one"));
}

#[test]
fn moving_down_row_by_row_visits_every_line_in_order() {
    let mut app = app(long_project(), (80, 30));
    keys(&mut app, "1");
    let mut line = cursor_line(&app);
    let mut seen = 1;
    for _ in 0..400 {
        keys(&mut app, "j");
        let now = cursor_line(&app);
        assert!(now == line || now == line + 1, "from line {line} to {now}");
        if now != line {
            seen += 1;
        }
        line = now;
    }
    assert!(seen > 100, "only {seen} lines in 400 rows");
    let screen = screen_text(&app);
    assert!(screen.contains(&line.to_string()), "{screen}");
}
