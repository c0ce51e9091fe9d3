//! Coding motions a vim user expects: `e` to a word's end, `]` `[` by
//! sentence, alt-< alt-> to move a coding's start; `y` copies the passage
//! with its citation (OSC 52).

use crate::common;

use margin::tui::driver::Driver;

use common::fixture::{app, keys};
use margin::model::{CodeId, DocId};
use margin::tui::action::Action;
use margin::tui::app::Effect;
use margin::tui::keymap::Key;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn sample_at(line: usize) -> (Driver, usize) {
    let (project, _) = margin::store::Store::open(common::sample_project()).expect("sample opens");
    let mut app = app(project, (100, 30));
    let p1 = DocId::new("P1");
    let start = app.project().documents[&p1].index().line_start(line - 1);
    app.jump_to(&p1, start);
    (app, start)
}

fn text_at(app: &Driver, a: usize, b: usize) -> String {
    app.project().documents[&DocId::new("P1")]
        .slice(a, b)
        .to_string()
}

#[test]
fn e_goes_to_the_end_of_the_word_and_brackets_by_sentence() {
    // P1 line 13: "P1: A lot of reasons. The one I hear most is ..."
    let (mut app, start) = sample_at(13);
    keys(&mut app, "}"); // to the words
    let words = app.cursor();
    assert_eq!(text_at(&app, words, words + 1), "A");
    keys(&mut app, "e"); // from "A", already a word's end, to the next one's
    assert_eq!(
        text_at(&app, app.cursor(), app.cursor() + 1),
        "t",
        "end of 'lot'"
    );
    keys(&mut app, "]");
    let s = app.cursor();
    assert!(
        text_at(&app, s, s + 12).starts_with("The one I"),
        "{}",
        text_at(&app, s, s + 12)
    );
    keys(&mut app, "[");
    assert!(
        app.cursor() <= words && app.cursor() >= start,
        "back to the turn's first sentence"
    );
}

#[test]
fn alt_angle_brackets_move_a_codings_start_and_undo_restores_it() {
    let (mut app, _) = sample_at(13);
    keys(&mut app, "}wvecnew code<cr>");
    let code = CodeId::new("new-code");
    let coding = |app: &Driver| {
        app.project()
            .codings_of(&code)
            .next()
            .map(|r| (r.coding.start, r.coding.end))
            .expect("coded")
    };
    let (s0, e0) = coding(&app);
    assert_eq!(text_at(&app, s0, e0), "lot");
    app.press("alt-<");
    let (s1, e1) = coding(&app);
    assert_eq!((text_at(&app, s1, e1).as_str(), e1), ("A lot", e0));
    app.press("alt->");
    assert_eq!(coding(&app), (s0, e0));
    // Bound in the keymap, as shown in help.
    let alt = |c| Key::new(KeyCode::Char(c), KeyModifiers::ALT);
    assert_eq!(
        app.binding(margin::tui::keymap::Context::Transcript, alt('<')),
        Some(&Action::WidenCodingStart)
    );
    assert_eq!(
        app.binding(margin::tui::keymap::Context::Transcript, alt('>')),
        Some(&Action::NarrowCodingStart)
    );
}

#[test]
fn y_copies_the_selection_with_its_citation() {
    let (mut app, _) = sample_at(13);
    keys(&mut app, "}wve");
    let effects = keys(&mut app, "y");
    let Some(Effect::Copy(text)) = effects.first() else {
        panic!("y should copy: {effects:?}");
    };
    assert_eq!(
        text,
        "\"lot\" (P1, P1: recovery worker, service A; P1, line 13)"
    );
    let osc = margin::tui::copy::osc52("lot");
    assert_eq!(osc, "\u{1b}]52;c;bG90\u{7}");
    // Without a selection: the line, without the speaker's label.
    let effects = keys(&mut app, "y");
    let Some(Effect::Copy(text)) = effects.first() else {
        panic!("y should copy: {effects:?}");
    };
    assert!(text.starts_with("\"A lot of reasons."), "{text}");
}
