//! Theme refactoring from the workbench's keys, in process: merge, split,
//! move, reorder, promote, demote, theme merge, delete with a choice, review
//! mode and the journal. Every operation is undone and the project must be
//! exactly as before.

use crate::common;

use margin::tui::driver::{Driver, OverlayKind};

use common::fixture::{app, keys, project, screen_text};
use margin::model::{CodeId, Coding, DocId, Project, ThemeId, ThemeStatus};
use margin::tui::app::Pane;
use margin::tui::screens::journal::JournalView;
use margin::tui::screens::review::ReviewView;

/// The fixture plus a calm coding in P1 (line 7) and a second chaos coding in
/// P2, so that merges and splits have something to move.
fn richer() -> Project {
    let mut p = project();
    let p1 = p.documents[&DocId::new("P1")].text().to_string();
    let calm_at = p1.chars().count() - p1[p1.find("Café").unwrap_or(0)..].chars().count();
    p.codings
        .get_mut(&DocId::new("P1"))
        .and_then(|c| c.get_mut("ana"))
        .expect("ana codes P1")
        .push(Coding::new(CodeId::new("calm"), calm_at, calm_at + 12));
    let p2 = p.documents[&DocId::new("P2")].text().to_string();
    let chaos_at = p2.chars().count() - p2[p2.find("It is chaos").unwrap_or(0)..].chars().count();
    p.codings.entry(DocId::new("P2")).or_default().insert(
        "ana".into(),
        vec![Coding::new(CodeId::new("chaos"), chaos_at, chaos_at + 11)],
    );
    for list in p.codings.values_mut().flat_map(|c| c.values_mut()) {
        list.sort_by(|a, b| a.key().cmp(&b.key()));
    }
    p
}

fn codings_of(app: &Driver, code: &str) -> usize {
    app.project().code_usage(&CodeId::new(code)).0
}

fn theme_codes(app: &Driver, theme: &str) -> Vec<String> {
    app.project()
        .theme(&ThemeId::new(theme))
        .map(|t| t.codes.iter().map(ToString::to_string).collect())
        .unwrap_or_default()
}

/// Focuses the theme tree on theme `id`.
fn select_theme(app: &mut Driver, id: &str) {
    keys(app, "3g");
    let row = app.theme_rows().iter().position(
        |r| matches!(r, margin::tui::themes::TreeRow::Theme { id: t, .. } if t.as_str() == id),
    );
    keys(app, &"j".repeat(row.expect("the theme is shown")));
}

/// Undoes once and checks that the project is exactly `before` again.
fn undo_restores(app: &mut Driver, before: &Project) {
    keys(app, "u");
    assert!(app.status().starts_with("undid: "), "{}", app.status());
    assert!(*app.project() == *before, "undo left the project changed");
}

#[test]
fn marked_codes_merge_into_a_picked_code_and_undo_restores_them() {
    let mut app = app(richer(), (100, 30));
    let before = app.project().clone();
    // Codebook rows by name: calm, chaos. Mark both, merge into chaos.
    keys(&mut app, "2 ");
    assert_eq!(app.marked_codes().len(), 1);
    assert!(screen_text(&app).contains("✓ calm"));
    keys(&mut app, " M");
    let Some(title) = app
        .overlay_title()
        .filter(|_| app.overlay() == Some(OverlayKind::PICKER))
    else {
        panic!("M should open the target picker: {}", app.status());
    };
    assert!(title.contains("'calm' and 'chaos'"), "{title}");
    keys(&mut app, "chaos<cr>");
    let Some(prompt) = app
        .overlay_title()
        .filter(|_| app.overlay() == Some(OverlayKind::PROMPT))
    else {
        panic!("the merge should ask why first");
    };
    // The preview is shown whole in the prompt, above the question.
    assert!(prompt.ends_with("\nwhy? (optional, enter to skip): "));
    assert!(prompt.starts_with("enter does it: merged 'calm' into 'chaos'"));
    assert!(*app.project() == before, "nothing changes before Enter");
    keys(&mut app, "<cr>");
    assert!(
        app.status()
            .starts_with("merged 'calm' into 'chaos': 1 coding in 1 document re-pointed"),
        "{}",
        app.status()
    );
    assert!(!app.project().codes.contains_key(&CodeId::new("calm")));
    assert_eq!(codings_of(&app, "chaos"), 3);
    assert_eq!(app.project().journal.len(), 1);
    assert!(app.marked_codes().is_empty());
    undo_restores(&mut app, &before);
}

#[test]
fn a_code_merges_into_a_new_code_with_a_reason() {
    let mut app = app(richer(), (100, 30));
    let before = app.project().clone();
    keys(&mut app, "2M");
    keys(&mut app, "steadiness<cr>same idea, clearer name<cr>");
    let steady = app.project().code_by_ref("steadiness").expect("created");
    assert_eq!(app.project().code_usage(&steady.id).0, 1);
    assert!(!app.project().codes.contains_key(&CodeId::new("calm")));
    let entry = app.project().journal.last().expect("journaled");
    assert_eq!(entry.why, "same idea, clearer name");
    assert_eq!(entry.who, "ana");
    assert!(app.status().contains("(new code)"), "{}", app.status());
    undo_restores(&mut app, &before);
}

#[test]
fn escape_at_the_reason_prompt_changes_nothing() {
    let mut app = app(richer(), (100, 30));
    let before = app.project().clone();
    keys(&mut app, "2Mchaos<cr><esc>");
    assert!(app.overlay().is_none());
    assert!(*app.project() == before);
}

#[test]
fn marked_extracts_split_off_to_a_new_code() {
    let mut app = app(richer(), (100, 30));
    let before = app.project().clone();
    // chaos is the second code; s lists its two extracts for splitting.
    keys(&mut app, "2js");
    let (Some(items), Some(title)) = (app.results(), app.overlay_title()) else {
        panic!("s should list the extracts: {}", app.status());
    };
    assert_eq!(items.len(), 2);
    assert!(title.starts_with("Split 'chaos'"), "{title}");
    // Mark the second extract (P2) and move it to a new code.
    keys(&mut app, "j ");
    assert!(screen_text(&app).contains("✓ P2"));
    keys(&mut app, "svolatility<cr><cr>");
    assert!(
        app.status()
            .starts_with("split 1 coding in 1 document off 'chaos'"),
        "{}",
        app.status()
    );
    assert_eq!(codings_of(&app, "chaos"), 1);
    let volatility = app.project().code_by_ref("volatility").expect("new code");
    assert_eq!(app.project().code_usage(&volatility.id), (1, 1));
    assert_eq!(
        app.project().codings[&DocId::new("P2")]["ana"][0].code,
        volatility.id
    );
    undo_restores(&mut app, &before);
}

#[test]
fn enter_on_a_code_lists_extracts_that_can_be_split_too() {
    let mut app = app(richer(), (100, 30));
    keys(&mut app, "2j<cr>scalm<cr><cr>");
    assert_eq!(codings_of(&app, "chaos"), 1);
    assert_eq!(codings_of(&app, "calm"), 2);
}

#[test]
fn codes_move_into_and_out_of_themes_and_reorder() {
    let mut app = app(richer(), (100, 30));
    let before = app.project().clone();
    // calm into Unpredictability (after chaos), from the codebook.
    keys(&mut app, "2tUnpred<cr>");
    assert_eq!(theme_codes(&app, "unpredictability"), ["chaos", "calm"]);
    assert!(
        app.status().contains("moved code 'calm'"),
        "{}",
        app.status()
    );
    // In the tree: unfold Unpredictability, go to calm, move it up.
    keys(&mut app, "3g jjK");
    assert_eq!(theme_codes(&app, "unpredictability"), ["calm", "chaos"]);
    assert!(
        app.status().contains("reordered code 'calm'"),
        "{}",
        app.status()
    );
    keys(&mut app, "K");
    assert!(app.status().contains("already first"), "{}", app.status());
    keys(&mut app, "J");
    assert_eq!(theme_codes(&app, "unpredictability"), ["chaos", "calm"]);
    // Out of all themes from the codebook.
    keys(&mut app, "2gx");
    assert_eq!(theme_codes(&app, "unpredictability"), ["chaos"]);
    for _ in 0..3 {
        keys(&mut app, "u");
    }
    undo_restores(&mut app, &before);
}

#[test]
fn themes_reorder_move_under_another_and_back_to_the_top() {
    let mut app = app(richer(), (100, 30));
    let before = app.project().clone();
    // Rows: Unpredictability, Services. Services up.
    keys(&mut app, "3jK");
    assert_eq!(app.project().themes[0].id, ThemeId::new("services"));
    // Services (still selected) under Unpredictability.
    keys(&mut app, "TUnpred<cr>");
    assert_eq!(app.project().themes.len(), 1);
    assert_eq!(
        app.project().themes[0].subthemes[0].id,
        ThemeId::new("services")
    );
    // Back to the top level.
    select_theme(&mut app, "services");
    keys(&mut app, "T(the top<cr>");
    assert_eq!(app.project().themes.len(), 2);
    keys(&mut app, "uu");
    undo_restores(&mut app, &before);
}

#[test]
fn a_code_is_promoted_to_a_theme_and_demoted_back() {
    let mut app = app(richer(), (100, 30));
    let before = app.project().clone();
    keys(&mut app, "2P<cr>");
    let calm = app.project().theme_by_ref("calm").expect("promoted");
    assert_eq!(calm.codes, [CodeId::new("calm")]);
    assert!(app.status().starts_with("promoted"), "{}", app.status());
    let promoted = app.project().clone();
    select_theme(&mut app, "calm");
    keys(&mut app, "D<cr>");
    assert!(
        app.project().theme_by_ref("calm").is_none(),
        "{}",
        app.status()
    );
    assert_eq!(codings_of(&app, "calm"), 1);
    undo_restores(&mut app, &promoted);
    undo_restores(&mut app, &before);
}

#[test]
fn two_themes_merge() {
    let mut app = app(richer(), (100, 30));
    let before = app.project().clone();
    keys(&mut app, "3MServ<cr><cr>");
    assert_eq!(app.project().themes.len(), 1);
    assert_eq!(theme_codes(&app, "services"), ["chaos"]);
    assert!(
        app.status()
            .starts_with("merged theme 'Unpredictability' into 'Services'")
    );
    undo_restores(&mut app, &before);
}

#[test]
fn deleting_a_code_can_give_its_codings_to_another() {
    let mut app = app(richer(), (100, 30));
    let before = app.project().clone();
    // d says how many codings would go and offers D instead.
    keys(&mut app, "2jd");
    let Some(message) = app
        .overlay_title()
        .filter(|_| app.overlay() == Some(OverlayKind::CONFIRM))
    else {
        panic!("d should confirm");
    };
    assert!(
        message.contains("removes 2 codings in 2 documents"),
        "{message}"
    );
    assert!(
        message.contains("D gives them to another code"),
        "{message}"
    );
    keys(&mut app, "n");
    assert!(*app.project() == before);
    keys(&mut app, "Dcalm<cr><cr>");
    assert!(!app.project().codes.contains_key(&CodeId::new("chaos")));
    assert_eq!(codings_of(&app, "calm"), 3);
    assert!(
        app.status().contains("re-pointed to 'calm'"),
        "{}",
        app.status()
    );
    undo_restores(&mut app, &before);
}

#[test]
fn deleting_a_theme_asks_what_happens_to_its_codes() {
    let mut app = app(richer(), (100, 30));
    let before = app.project().clone();
    keys(&mut app, "3d");
    let Some(title) = app
        .overlay_title()
        .filter(|_| app.overlay() == Some(OverlayKind::PICKER))
    else {
        panic!("d on a theme with codes should ask: {}", app.status());
    };
    assert!(title.contains("1 code, 2 codings"), "{title}");
    assert!(app.status().contains("esc keeps"), "{}", app.status());
    keys(&mut app, "<esc>");
    assert!(*app.project() == before);
    // Keep its codes: chaos becomes unsorted, its codings stay.
    keys(&mut app, "d<cr><cr>");
    assert!(app.project().theme_by_ref("Unpredictability").is_none());
    assert_eq!(codings_of(&app, "chaos"), 2);
    undo_restores(&mut app, &before);
    // Or delete its codes and their codings.
    keys(&mut app, "3gddelete<cr><cr>");
    assert!(!app.project().codes.contains_key(&CodeId::new("chaos")));
    undo_restores(&mut app, &before);
}

#[test]
fn renames_go_through_the_planner_and_refuse_a_taken_name() {
    let mut app = app(richer(), (100, 30));
    // The prompt starts with the old name: erase it, type the other code's.
    keys(&mut app, "2r<bs><bs><bs><bs>chaos<cr>");
    assert!(app.status().contains("merge them"), "{}", app.status());
    keys(&mut app, "r<bs><bs><bs><bs>quiet<cr>");
    assert!(app.project().code_by_ref("quiet").is_some());
    assert!(
        app.project().journal.is_empty(),
        "a bare rename is not journaled"
    );
}

#[test]
fn review_mode_reads_every_extract_and_sets_status_and_definition() {
    let mut app = app(richer(), (100, 30));
    let before = app.project().clone();
    keys(&mut app, "3R");
    let Some(view) = app.top::<ReviewView>() else {
        panic!("R should open review mode: {}", app.status());
    };
    assert_eq!(view.extracts.len(), 2);
    let text = screen_text(&app);
    assert!(text.contains("Review: Unpredictability"), "{text}");
    assert!(text.contains("You never know which one"), "{text}");
    assert!(text.contains("REVIEW"), "{text}");
    // The status, with a reason.
    keys(&mut app, "sfinal<cr>coheres across both<cr>");
    let theme = app
        .project()
        .theme(&ThemeId::new("unpredictability"))
        .expect("theme");
    assert_eq!(theme.status, ThemeStatus::Final);
    assert_eq!(
        app.project().journal.last().map(|e| e.why.as_str()),
        Some("coheres across both")
    );
    assert!(app.top::<ReviewView>().is_some(), "still reviewing");
    // The definition, in the text area.
    keys(&mut app, "eUncertainty about supply.<c-s>");
    let theme = app
        .project()
        .theme(&ThemeId::new("unpredictability"))
        .expect("theme");
    assert_eq!(theme.definition, "Uncertainty about supply.");
    assert!(screen_text(&app).contains("Definition: Uncertainty about supply."));
    // Enter on the second extract jumps to it in P2.
    keys(&mut app, "j<cr>");
    assert!(app.on_panes());
    assert_eq!(app.focus(), Pane::Transcript);
    assert_eq!(app.document_id(), Some(&DocId::new("P2")));
    keys(&mut app, "uu");
    assert!(*app.project() == before);
}

#[test]
fn review_from_the_palette_picks_a_theme_and_esc_leaves() {
    let mut app = app(richer(), (100, 30));
    keys(&mut app, ":review a theme<cr>");
    assert!(app.overlay() == Some(OverlayKind::PICKER));
    keys(&mut app, "Services<cr>");
    assert!(screen_text(&app).contains("this theme holds no codes yet"));
    keys(&mut app, "<esc>");
    assert!(app.on_panes());
}

#[test]
fn the_journal_lists_decisions_newest_first() {
    let mut app = app(richer(), (100, 30));
    keys(&mut app, "3s");
    keys(&mut app, "2Mchaos<cr>because<cr>");
    keys(&mut app, ":decision journal<cr>");
    assert!(app.top::<JournalView>().is_some());
    let text = screen_text(&app);
    let merge = text
        .find("merged 'calm' into 'chaos'")
        .expect("merge listed");
    let status = text
        .find("marked theme 'Unpredictability' reviewed")
        .expect("status listed");
    assert!(merge < status, "newest first:\n{text}");
    assert!(text.contains("why: because"), "{text}");
    keys(&mut app, "q");
    assert!(app.on_panes());
}

#[test]
fn help_and_palette_list_the_refactoring_commands() {
    let mut app = app(richer(), (100, 30));
    let sections = app.help_sections();
    let review = sections
        .iter()
        .find(|(title, _)| title.starts_with("Review mode"))
        .expect("a review section");
    assert!(review.1.iter().any(|(k, _)| k == "s"));
    keys(&mut app, ":");
    assert_eq!(app.overlay(), Some(OverlayKind::PICKER), "no palette");
    let labels = app.picker_labels();
    for wanted in [
        "Merge the marked codes",
        "Split a code",
        "Promote the code",
        "Demote the theme",
        "Merge the theme",
        "Show the decision journal",
        "Review a theme",
    ] {
        assert!(
            labels.iter().any(|label| label.starts_with(wanted)),
            "{wanted} is not in the palette"
        );
    }
}

fn sample(size: (u16, u16)) -> Driver {
    let (project, _) = margin::store::Store::open(common::sample_project()).expect("sample opens");
    app(project, size)
}

#[test]
fn review_mode_snapshot_80x24() {
    let mut app = sample((80, 24));
    keys(&mut app, "3Rjj");
    insta::assert_snapshot!("review_80x24", common::fixture::draw(&app).backend());
}

#[test]
fn review_mode_snapshot_120x40() {
    let mut app = sample((120, 40));
    keys(&mut app, "3jR");
    insta::assert_snapshot!("review_120x40", common::fixture::draw(&app).backend());
}
