//! Stripes that name their codes: tags unique within the project, a legend of
//! the codes on the cursor's line, and marks that tell codes apart without
//! colour (NO_COLOR).

use crate::common;

use common::fixture::{draw, screen_text};
use margin::model::DocId;
use margin::tui::app::App;
use margin::tui::driver::Driver;

fn sample_monochrome(size: (u16, u16)) -> Driver {
    let (project, _) = margin::store::Store::open(common::sample_project()).expect("sample opens");
    let (keymap, errors) = margin::tui::load_keymap(None);
    assert!(errors.is_empty(), "{errors:?}");
    // What NO_COLOR gives: the monochrome palette.
    let (palette, _) =
        margin::tui::palette::load(Some("dark"), None, true).expect("monochrome palette");
    assert!(palette.monochrome);
    Driver::from_app(App::new(project, "ana".into(), keymap, palette, size))
}

/// The stripe marks of the screen's rows (the text after each `▌`).
fn marks(screen: &str) -> Vec<String> {
    screen
        .split('▌')
        .skip(1)
        .map(|s| s.chars().take(2).collect())
        .collect()
}

#[test]
fn no_color_marks_tell_the_two_cs_codes_of_p1_apart() {
    let mut app = sample_monochrome((160, 40));
    let p1 = DocId::new("P1");
    // "Crack for energy and survival" on P1 line 13.
    app.jump_to(&p1, 1620);
    let crack = screen_text(&app);
    // "Combined use and speedballing" on P1 line 21.
    app.jump_to(&p1, 2655);
    let combined = screen_text(&app);
    assert!(
        crack.contains("▌ce Crack for energy and survival"),
        "{crack}"
    );
    assert!(
        combined.contains("▌co Combined use and speedballing"),
        "{combined}"
    );
    assert!(marks(&crack).contains(&"ce".to_string()));
    assert!(marks(&combined).contains(&"co".to_string()));
    assert!(
        !marks(&crack).contains(&"cs".to_string()),
        "no shared tag left"
    );
    insta::assert_snapshot!("p1_no_color_line_21", draw(&app).backend());
}

#[test]
fn every_code_of_the_sample_has_its_own_tag() {
    let (project, _) = margin::store::Store::open(common::sample_project()).expect("sample opens");
    let tags = margin::tui::stripe_tags::code_tags(&project);
    let mut seen = std::collections::BTreeMap::new();
    for (id, tag) in &tags {
        if let Some(other) = seen.insert(tag.clone(), id.clone()) {
            panic!("{id} and {other} share the tag {tag}");
        }
    }
    assert_eq!(tags.len(), project.codes.len());
}
