//! `.` remembers its code across a restart (through the resume state), and
//! undo moves the view to the change it undoes.

use crate::common;

use common::fixture::{app, keys};
use margin::model::DocId;
use margin::tui::driver::Driver;

fn sample() -> Driver {
    let (project, _) = margin::store::Store::open(common::sample_project()).expect("sample opens");
    app(project, (100, 30))
}

#[test]
fn dot_repeats_the_last_code_after_a_restart() {
    let mut first = sample();
    keys(&mut first, "}Vcchaotic daily<cr>");
    assert!(
        first.status().starts_with("saved") || first.status().contains("code"),
        "{}",
        first.status()
    );
    let remembered = first.remembered();
    assert_eq!(
        remembered.recent_codes.first().map(String::as_str),
        Some("chaotic-daily-life")
    );

    let mut second = sample();
    second.restore(&remembered);
    let before = second
        .project()
        .code_usage(&margin::model::CodeId::new("chaotic-daily-life"))
        .0;
    keys(&mut second, "}}V.");
    let after = second
        .project()
        .code_usage(&margin::model::CodeId::new("chaotic-daily-life"))
        .0;
    assert_eq!(after, before + 1, "{}", second.status());
}

#[test]
fn undo_moves_the_view_to_the_change_it_undoes() {
    let mut app = sample();
    let p1 = DocId::new("P1");
    let start = app.project().documents[&p1].index().line_start(12);
    app.jump_to(&p1, start);
    keys(&mut app, "Vcchaotic daily<cr>");
    // Far away: the end of another document.
    let p5 = DocId::new("P5");
    let end = app.project().documents[&p5].char_len();
    app.jump_to(&p5, end);
    keys(&mut app, "u");
    assert!(app.status().starts_with("undid"), "{}", app.status());
    assert_eq!(app.document_id(), Some(&p1));
    assert!(
        app.shows(&p1, start + 4),
        "the undone coding's place is on screen"
    );
}
