//! The workbench's analysis views, driven by keys: starring extracts for the
//! quote bank (retrieval and review mode), editing a document's attributes,
//! and the charts page (frequencies, co-occurrence, codes by attribute, the
//! thematic map), snapshotted at 80x24 with a monochrome palette.

use crate::common;

use margin::tui::driver::Driver;

use common::fixture::{app, keys, project, screen_text};
use margin::model::{AttributeDef, AttributeKind, CodeId, DocId};
use margin::tui::app::Effect;
use margin::tui::screens::charts::ChartsView;
use margin::tui::screens::extracts_query::ExtractsQueryView;
use margin::tui::screens::review::ReviewView;

fn starred(app: &Driver) -> usize {
    app.project()
        .all_codings()
        .filter(|r| r.coding.star)
        .count()
}

fn sample(size: (u16, u16)) -> Driver {
    let (project, _) = margin::store::Store::open(common::sample_project()).expect("sample opens");
    let mut app = app(project, size);
    // NO_COLOR: charts must read by their characters alone.
    app.set_palette(margin::tui::palette::Palette::monochrome());
    app
}

#[test]
fn star_in_a_codes_extracts_is_one_undoable_edit() {
    let mut app = app(project(), (100, 30));
    keys(&mut app, "2");
    // The codebook lists calm then chaos: move to chaos and list its extracts.
    let chaos = app
        .codebook_rows()
        .iter()
        .position(|c| c == &CodeId::new("chaos"))
        .expect("chaos is listed");
    keys(&mut app, &"j".repeat(chaos));
    keys(&mut app, "<cr>");
    let effects = keys(&mut app, "*");
    assert!(
        matches!(effects.as_slice(), [Effect::Save(_)]),
        "{effects:?}"
    );
    assert_eq!(app.status(), "star 'chaos' on P1 line 4");
    assert_eq!(starred(&app), 1);
    assert!(screen_text(&app).contains("★ P1"), "the row shows its star");
    keys(&mut app, "*");
    assert_eq!(app.status(), "unstar 'chaos' on P1 line 4");
    assert_eq!(starred(&app), 0);
    keys(&mut app, "<esc>u");
    assert_eq!(app.status(), "undid: unstar 'chaos' on P1 line 4");
    assert_eq!(starred(&app), 1);
}

#[test]
fn star_in_review_mode_marks_the_row() {
    let mut app = sample((100, 30));
    keys(&mut app, "3R");
    assert!(app.top::<ReviewView>().is_some());
    keys(&mut app, "j*");
    assert!(app.status().starts_with("star '"), "{}", app.status());
    assert_eq!(starred(&app), 1);
    let text = screen_text(&app);
    assert!(text.contains("★ P"), "{text}");
}

#[test]
fn attributes_are_shown_and_edited_one_undoable_edit_each() {
    let mut p = project();
    let mut role = AttributeDef::new("role", AttributeKind::Choice);
    role.values = vec!["nurse".into(), "doctor".into()];
    p.manifest.attributes = vec![AttributeDef::new("age", AttributeKind::Number), role];
    let mut app = app(p, (100, 30));
    keys(&mut app, "@");
    let text = screen_text(&app);
    assert!(text.contains("Attributes of P1"), "{text}");
    assert!(text.contains("role = —"), "{text}");
    assert!(text.contains("choice: nurse, doctor"), "{text}");
    keys(&mut app, "role<cr>");
    keys(&mut app, "porter<cr>");
    assert!(
        app.status().contains("should be one of: nurse, doctor"),
        "{}",
        app.status()
    );
    keys(&mut app, "@role<cr>nurse<cr>");
    assert_eq!(app.status(), "set role of P1 to 'nurse'");
    let record = &app.project().documents[&DocId::new("P1")].record;
    assert_eq!(record.attributes["role"], "nurse");
    keys(&mut app, "u");
    assert!(
        !app.project().documents[&DocId::new("P1")]
            .record
            .attributes
            .contains_key("role")
    );
}

#[test]
fn charts_open_by_key_and_from_the_palette() {
    let mut app = sample((80, 24));
    keys(&mut app, "F");
    assert!(app.top::<ChartsView>().is_some());
    insta::assert_snapshot!("charts_frequencies_80x24", screen_text(&app));
    keys(&mut app, "t");
    insta::assert_snapshot!("charts_theme_frequencies_80x24", screen_text(&app));
    keys(&mut app, "c");
    insta::assert_snapshot!("charts_cooccurrence_80x24", screen_text(&app));
    keys(&mut app, "x");
    insta::assert_snapshot!("charts_by_attribute_80x24", screen_text(&app));
    keys(&mut app, "d");
    insta::assert_snapshot!("charts_by_document_80x24", screen_text(&app));
    keys(&mut app, "M");
    insta::assert_snapshot!("charts_thematic_map_80x24", screen_text(&app));
    keys(&mut app, "q");
    assert!(app.on_panes());
    keys(&mut app, ":thematic map<cr>");
    let Some(view) = app.top::<ChartsView>() else {
        panic!("the palette opens the charts: {}", app.status());
    };
    assert_eq!(view.chart, margin::tui::screens::charts::Chart::ThematicMap);
    keys(&mut app, "q:per code and document<cr>");
    let Some(view) = app.top::<ChartsView>() else {
        panic!("the palette opens the charts: {}", app.status());
    };
    assert_eq!(
        view.chart,
        margin::tui::screens::charts::Chart::CodeByDocument
    );
}

#[test]
fn charts_count_what_the_workbench_shows() {
    let mut app = sample((100, 60));
    keys(&mut app, "F");
    let all = screen_text(&app);
    assert!(!all.contains("│0 codings; one bar per code"), "{all}");
    assert!(all.contains(" codings; one bar per code"), "{all}");
    // Blind mode hides asha's and ben's codings from "ana": the charts follow.
    keys(&mut app, "qBF");
    let blind = screen_text(&app);
    assert!(blind.contains("│0 codings; one bar per code"), "{blind}");
}

#[test]
fn extracts_query_lists_a_themes_extracts_and_filters_from_the_keyboard() {
    let mut app = sample((80, 24));
    // The theme tree's first row is a theme: its extracts, subthemes' too.
    keys(&mut app, "3Q");
    let Some(view) = app.top::<ExtractsQueryView>() else {
        panic!("Q opens the extracts query: {}", app.status());
    };
    let subject = view.subject.clone();
    let everything = margin::analysis::query::extracts(
        app.project(),
        Some(&subject),
        &margin::analysis::query::Filter::default(),
    );
    assert!(
        app.status()
            .starts_with(&format!("{} extracts of", everything.len())),
        "{}",
        app.status()
    );
    insta::assert_snapshot!("extracts_query_theme_80x24", screen_text(&app));
    // The filter as the CLI's --where service=B --coder asha; a value with a
    // space needs no quotes.
    keys(&mut app, "/service=B coder:asha<cr>");
    let mut filter = margin::analysis::query::Filter::default();
    filter.add_where("service=B").expect("reads");
    filter.add_coder("asha");
    let expected = margin::analysis::query::extracts(app.project(), Some(&subject), &filter);
    assert!(!expected.is_empty() && expected.len() < everything.len());
    assert!(
        app.status()
            .starts_with(&format!("{} extracts of", expected.len())),
        "{}",
        app.status()
    );
    let text = screen_text(&app);
    assert!(text.contains("service = B"), "{text}");
    assert!(!text.contains(" · ben · "), "{text}");
    insta::assert_snapshot!("extracts_query_filtered_80x24", text);
    keys(&mut app, "/<c-u>role=nurse prescriber<cr>");
    let text = screen_text(&app);
    assert!(text.contains("nurse prescriber"), "{text}");
    // A bad filter leaves the page as it was and says what was expected.
    keys(&mut app, "/<c-u>colour=blue<cr>");
    assert!(
        app.status()
            .contains("no attribute colour; the study has: age, role, service"),
        "{}",
        app.status()
    );
    keys(&mut app, "/<c-u>nurse<cr>");
    assert!(
        app.status().contains("expected ATTR=VALUE"),
        "{}",
        app.status()
    );
    // Scrolling, then back to the workbench.
    keys(&mut app, "G");
    keys(&mut app, "q");
    assert!(app.on_panes());
    // From the palette, on the code under the cursor of the codebook.
    keys(&mut app, "2:query every extract<cr>");
    let Some(view) = app.top::<ExtractsQueryView>() else {
        panic!("the palette opens the extracts query: {}", app.status());
    };
    assert!(matches!(
        view.subject,
        margin::analysis::query::Subject::Code(_)
    ));
}
