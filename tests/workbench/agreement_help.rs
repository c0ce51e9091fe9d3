//! Help lists the agreement view's keys, from the key table like review
//! mode's.

use crate::common;

use common::fixture::{app, project};

#[test]
fn help_has_an_agreement_section_with_its_keys() {
    let app = app(project(), (120, 40));
    let all = app.help_sections();
    let (_, rows) = all
        .iter()
        .find(|(title, _)| title.starts_with("Agreement view"))
        .expect("an agreement section");
    let has = |key: &str, words: &str| {
        rows.iter()
            .any(|(k, d)| k.split(' ').any(|x| x == key) && d.contains(words))
    };
    assert!(has("enter", ""), "{rows:?}");
    assert!(has("c", "pair of coders"), "{rows:?}");
    assert!(
        has(")", "next place") && has("(", "previous place"),
        "{rows:?}"
    );
    assert!(has("esc", "") && has("q", ""), "{rows:?}");
    // j/k move the list everywhere, so they are in "Everywhere".
    let (_, global) = all.iter().find(|(t, _)| t == "Everywhere").expect("global");
    assert!(global.iter().any(|(k, _)| k.split(' ').any(|x| x == "j")));
}
