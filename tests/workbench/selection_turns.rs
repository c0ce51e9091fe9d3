//! Selections respect speaker turns: a line selection and an in-vivo name
//! leave the speaker's label out, as turn-scoped auto-coding does.

use crate::common;

use common::fixture::{app, keys, screen_text};
use margin::model::{CodeId, DocId};
use margin::tui::driver::Driver;

fn sample_at_p1_line(line: usize) -> (Driver, usize) {
    let (project, _) = margin::store::Store::open(common::sample_project()).expect("sample opens");
    let mut app = app(project, (100, 30));
    let p1 = DocId::new("P1");
    let start = app.project().documents[&p1].index().line_start(line - 1);
    app.jump_to(&p1, start);
    (app, start)
}

/// The codings of `code` by ana in P1, as text.
fn coded_text(app: &Driver, code: &CodeId) -> Vec<String> {
    let doc = &app.project().documents[&DocId::new("P1")];
    app.project()
        .codings_of(code)
        .filter(|r| r.coder == "ana")
        .map(|r| doc.slice(r.coding.start, r.coding.end).to_string())
        .collect()
}

#[test]
fn v_then_c_codes_the_words_without_the_label() {
    let (mut app, _) = sample_at_p1_line(13);
    keys(&mut app, "Vcpeer talk<cr>");
    let code = app
        .project()
        .codes
        .values()
        .find(|c| c.name == "peer talk")
        .map(|c| c.id.clone())
        .unwrap_or_else(|| panic!("code created: {}", app.status()));
    let texts = coded_text(&app, &code);
    assert_eq!(texts.len(), 1, "{texts:?}");
    assert!(texts[0].starts_with("A lot of reasons."), "{texts:?}");
}

#[test]
fn v_then_capital_c_names_the_code_after_the_words_not_the_speaker() {
    let (mut app, _) = sample_at_p1_line(21);
    keys(&mut app, "VC");
    let names: Vec<&str> = app
        .project()
        .codes
        .values()
        .map(|c| c.name.as_str())
        .collect();
    assert!(
        names.iter().any(|n| n.starts_with("So some of them smoke")),
        "{names:?} / {}",
        app.status()
    );
    assert!(!names.iter().any(|n| n.starts_with("P1 ")), "{names:?}");
}

#[test]
fn the_highlighted_selection_is_what_gets_coded() {
    let (mut app, start) = sample_at_p1_line(13);
    keys(&mut app, "V");
    assert_eq!(app.document_id(), Some(&DocId::new("P1")));
    let (a, _) = app.selection().expect("a selection");
    assert_eq!(a, start + "P1: ".len(), "the selection starts at the words");
    assert!(screen_text(&app).contains("P1: A lot of reasons"));
}
