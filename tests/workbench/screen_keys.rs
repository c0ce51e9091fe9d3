//! Every full screen's keys come from the key table: help lists each of
//! them, and a user's keymap.ron rebinds them.

use crate::common;

use common::fixture::{app, keys};
use margin::tui::action::Action;
use margin::tui::driver::{Driver, OverlayKind};
use margin::tui::keymap::Context;
use margin::tui::screens::agreement::AgreementView;
use margin::tui::screens::charts::{Chart, ChartsView};
use margin::tui::screens::review::ReviewView;

/// The sample study at 120x40 with the user keymap `ron`.
fn sample(ron: &str) -> Driver {
    let (project, _) = margin::store::Store::open(common::sample_project()).expect("sample opens");
    let mut d = app(project, (120, 40));
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("keymap.ron"), ron).expect("write keymap");
    let (keymap, errors) = margin::tui::load_keymap(Some(dir.path()));
    assert!(errors.is_empty(), "{errors:?}");
    d.set_keymap(keymap);
    d
}

/// Each screen's context and the start of its help section's title.
const SCREENS: [(Context, &str); 6] = [
    (Context::Review, "Review mode"),
    (Context::Journal, "Decision journal"),
    (Context::Charts, "Charts"),
    (Context::ExtractsQuery, "Extracts query"),
    (Context::Agreement, "Agreement view"),
    (Context::Resolver, "Merge conflicts"),
];

#[test]
fn help_lists_every_key_of_every_screen() {
    let d = sample("{}");
    let help = d.help_sections();
    for (context, title) in SCREENS {
        let (_, rows) = help
            .iter()
            .find(|(t, _)| t.starts_with(title))
            .unwrap_or_else(|| panic!("help has no section '{title}'"));
        let table = &d.keymap().contexts[&context];
        assert!(!table.is_empty(), "{context:?} has keys");
        for (key, action) in table {
            let key = key.to_string();
            assert!(
                rows.iter()
                    .any(|(keys, what)| keys.split(' ').any(|k| k == key)
                        && what == action.description()),
                "help's '{title}' lacks {key} ({}): {rows:?}",
                action.description()
            );
        }
    }
}

#[test]
fn review_journal_charts_and_query_keys_can_be_rebound() {
    let mut d = sample(
        r#"{
            "review": {"S": set_theme_status},
            "journal": {"x": back},
            "charts": {"m": show_thematic_map, "T": toggle_theme_counts},
            "extracts_query": {"F": filter_extracts},
        }"#,
    );
    keys(&mut d, "3R");
    assert!(d.top::<ReviewView>().is_some());
    keys(&mut d, "S");
    assert_eq!(
        d.overlay(),
        Some(OverlayKind::PICKER),
        "S asks for a status"
    );
    keys(&mut d, "<esc><esc>");
    assert!(d.on_panes());

    keys(&mut d, ":");
    d.type_text(Action::ShowJournal.description());
    keys(&mut d, "<cr>x");
    assert!(d.on_panes(), "x closes the journal");

    keys(&mut d, "F");
    let screen = d.screen();
    assert!(
        screen.contains("Codings per code (T t: per theme)"),
        "the chart's title names its keys as bound:\n{screen}"
    );
    keys(&mut d, "m");
    let view = d.top::<ChartsView>().expect("charts");
    assert_eq!(view.chart, Chart::ThematicMap);
    keys(&mut d, "q");

    keys(&mut d, "3Q");
    keys(&mut d, "F");
    assert_eq!(
        d.overlay(),
        Some(OverlayKind::PROMPT),
        "F asks for a filter"
    );
}

#[test]
fn the_agreement_views_keys_can_be_rebound_and_its_foot_names_them() {
    let mut d = sample(r#"{"agreement": {"x": back, "ctrl-p": choose_coder_pair}}"#);
    keys(&mut d, "A");
    assert!(d.top::<AgreementView>().is_some());
    let screen = d.screen();
    assert!(
        screen.contains("enter side by side · ctrl-p other coders · esc close"),
        "{screen}"
    );
    keys(&mut d, "<c-p>");
    assert_eq!(
        d.overlay(),
        Some(OverlayKind::PICKER),
        "ctrl-p picks two coders"
    );
    keys(&mut d, "<esc>x");
    assert!(d.on_panes(), "x closes the view");
}
