//! The workbench driven in process by key strings: coding, undo and redo
//! messages, the codebook and theme tree, retrieval, search, memos, help and
//! palette. Fast and deterministic; the PTY tests cover the real terminal.

use crate::common;

use margin::tui::driver::{Driver, OverlayKind};

use common::fixture::{app, keys, project, screen_text};
use margin::model::{CodeId, DocId, MemoTarget, ThemeStatus};
use margin::tui::app::{Effect, Pane};

fn codings_of(app: &Driver, code: &str) -> usize {
    app.project().code_usage(&CodeId::new(code)).0
}

#[test]
fn code_a_selection_with_a_new_code_then_undo_and_redo() {
    let mut app = app(project(), (100, 30));
    // Line 3 is the first speaker turn: select it and the next line.
    let effects = keys(&mut app, "jjVjc");
    assert!(effects.is_empty());
    assert!(app.overlay() == Some(OverlayKind::PICKER));
    let effects = keys(&mut app, "unpredictable<cr>");
    assert!(
        matches!(effects.as_slice(), [Effect::Save(_)]),
        "{effects:?}"
    );
    assert_eq!(codings_of(&app, "unpredictable"), 1);
    assert_eq!(
        app.status(),
        "code 'unpredictable' on P1 lines 3-4 (new code)"
    );
    keys(&mut app, "u");
    assert_eq!(
        app.status(),
        "undid: code 'unpredictable' on P1 lines 3-4 (new code)"
    );
    assert!(
        !app.project()
            .codes
            .contains_key(&CodeId::new("unpredictable"))
    );
    keys(&mut app, "<c-r>");
    assert!(app.status().starts_with("redid: code 'unpredictable'"));
    assert_eq!(codings_of(&app, "unpredictable"), 1);
}

#[test]
fn recent_codes_come_first_and_dot_repeats_the_last_code() {
    let mut app = app(project(), (100, 30));
    keys(&mut app, "jjVccalm<cr>");
    assert_eq!(codings_of(&app, "calm"), 1);
    keys(&mut app, "jjjvw.");
    assert_eq!(codings_of(&app, "calm"), 2);
    keys(&mut app, "vc");
    assert_eq!(app.overlay(), Some(OverlayKind::PICKER), "no picker");
    assert_eq!(
        app.picker_labels()[0],
        "calm",
        "the recent code is listed first"
    );
    assert!(app.overlay_hints()[0].starts_with("recent"));
}

#[test]
fn in_vivo_coding_names_the_code_after_the_words() {
    let mut app = app(project(), (100, 30));
    // Line 4: "P1: About six years. ..." -> select "About six".
    keys(&mut app, "jjjwvwwhC");
    let code = app
        .project()
        .code_by_ref("About six")
        .expect("an in vivo code")
        .id
        .clone();
    assert_eq!(app.project().code_usage(&code).0, 1);
}

#[test]
fn removing_asks_which_coding_when_several_cover_the_cursor() {
    let mut app = app(project(), (100, 30));
    // Put the cursor inside ana's chaos coding on line 4, code it again as calm.
    keys(&mut app, "jjjwwwvwwwccalm<cr>");
    assert_eq!(codings_of(&app, "calm"), 1);
    keys(&mut app, "hx");
    assert_eq!(
        app.overlay(),
        Some(OverlayKind::PICKER),
        "x should ask which coding: {}",
        app.status()
    );
    assert_eq!(app.picker_labels().len(), 2);
    keys(&mut app, "chaos<cr>");
    assert_eq!(codings_of(&app, "chaos"), 0);
    assert_eq!(codings_of(&app, "calm"), 1);
    assert!(
        app.status().starts_with("uncode 'chaos'"),
        "{}",
        app.status()
    );
}

#[test]
fn codings_widen_and_narrow_by_whole_words() {
    let mut app = app(project(), (100, 30));
    // Line 4, fifth word: "never", inside ana's chaos coding.
    keys(&mut app, "jjjwwwww");
    let before = app.project().codings[&DocId::new("P1")]["ana"][0].clone();
    keys(&mut app, ">");
    let wider = app.project().codings[&DocId::new("P1")]["ana"][0].clone();
    assert!(wider.end > before.end);
    keys(&mut app, "<lt><lt>");
    let narrower = app.project().codings[&DocId::new("P1")]["ana"][0].clone();
    assert!(narrower.end < before.end && narrower.end > narrower.start);
}

#[test]
fn deleting_a_code_says_how_many_codings_go() {
    let mut app = app(project(), (100, 30));
    keys(&mut app, "2");
    assert_eq!(app.focus(), Pane::Codebook);
    // Codes sorted by name: calm, chaos.
    keys(&mut app, "jd");
    let Some(message) = app
        .overlay_title()
        .filter(|_| app.overlay() == Some(OverlayKind::CONFIRM))
    else {
        panic!("no confirmation");
    };
    assert!(message.contains("removes 1 coding"), "{message}");
    keys(&mut app, "y");
    assert!(!app.project().codes.contains_key(&CodeId::new("chaos")));
    assert!(app.project().theme_of_code(&CodeId::new("chaos")).is_none());
    keys(&mut app, "u");
    assert_eq!(codings_of(&app, "chaos"), 1);
    assert!(app.project().theme_of_code(&CodeId::new("chaos")).is_some());
}

#[test]
fn codebook_adds_renames_recolours_filters_and_edits_definitions() {
    let mut app = app(project(), (100, 30));
    keys(&mut app, "2afear of relapse<cr>");
    assert!(app.project().code_by_ref("fear of relapse").is_some());
    keys(&mut app, "r<bs><bs><bs><bs><bs><bs><bs>using<cr>");
    assert!(app.project().code_by_ref("fear of using").is_some());
    keys(&mut app, "p#123456<cr>");
    assert_eq!(
        app.project()
            .code_by_ref("fear of using")
            .map(|c| c.color.as_str()),
        Some("#123456")
    );
    keys(&mut app, "/cha");
    assert_eq!(app.codebook_rows(), [CodeId::new("chaos")]);
    keys(&mut app, "<cr>e");
    keys(
        &mut app,
        " Often said of crack.<tab>When life is chaotic.<c-s>",
    );
    let chaos = &app.project().codes[&CodeId::new("chaos")];
    assert_eq!(
        chaos.description,
        "Life felt out of control. Often said of crack."
    );
    assert_eq!(chaos.inclusion, "When life is chaotic.");
    keys(&mut app, "<esc>");
    assert_eq!(app.codebook_rows().len(), 3);
}

#[test]
fn theme_tree_adds_places_and_restatuses() {
    let mut app = app(project(), (100, 30));
    keys(&mut app, "3");
    let text = screen_text(&app);
    assert!(
        text.contains("Unpredictability") && text.contains("Services"),
        "{text}"
    );
    keys(&mut app, "aCoping<cr>");
    let coping = app
        .project()
        .theme_by_ref("Coping")
        .expect("added")
        .id
        .clone();
    keys(&mut app, "ARelapse<cr>");
    assert!(
        app.project()
            .theme(&coping)
            .is_some_and(|t| t.subthemes.len() == 1)
    );
    keys(&mut app, "s");
    let relapse = app.project().theme_by_ref("Relapse").expect("added");
    assert_eq!(relapse.status, ThemeStatus::Reviewed);
    // Put calm into Services from the codebook, then take it out in the tree.
    keys(&mut app, "2gtServices<cr>");
    assert_eq!(
        app.project()
            .theme_of_code(&CodeId::new("calm"))
            .map(|t| t.name.as_str()),
        Some("Services")
    );
    // Rows: Unpredictability (folded), Services (folded), Coping, Relapse.
    // Unfold Services, go down to calm, take it out.
    keys(&mut app, "3gj jx");
    assert!(
        app.project().theme_of_code(&CodeId::new("calm")).is_none(),
        "{}",
        app.status()
    );
}

#[test]
fn theme_tree_lists_unsorted_codes_after_the_themes() {
    let mut app = app(project(), (100, 30));
    keys(&mut app, "3");
    let text = screen_text(&app);
    // calm is in no theme: it stays in sight under its own heading.
    assert!(text.contains("Unsorted codes"), "{text}");
    assert!(
        text.lines()
            .skip_while(|l| !l.contains("Unsorted codes"))
            .any(|l| l.contains("calm")),
        "{text}"
    );
    // The last row is calm: t puts it into a theme from the tree.
    keys(&mut app, "GtServices<cr>");
    assert_eq!(
        app.project()
            .theme_of_code(&CodeId::new("calm"))
            .map(|t| t.name.as_str()),
        Some("Services"),
        "{}",
        app.status()
    );
    // Nothing is unsorted now, so the heading goes.
    assert!(!screen_text(&app).contains("Unsorted codes"));
    // Taking chaos out of its theme puts it under the heading.
    keys(&mut app, "g jx");
    assert!(app.project().theme_of_code(&CodeId::new("chaos")).is_none());
    assert!(screen_text(&app).contains("Unsorted codes"));
}

#[test]
fn extracts_of_several_coders_say_whose_each_is() {
    let mut project = project();
    let ana = project.codings[&DocId::new("P1")]["ana"][0].clone();
    let ben = margin::model::Coding::new(ana.code.clone(), ana.start, ana.end + 10);
    project
        .codings
        .entry(DocId::new("P1"))
        .or_default()
        .insert("ben".into(), vec![ben]);
    let mut app = app(project, (100, 30));
    keys(&mut app, "2j<cr>");
    let Some(items) = app.results() else {
        panic!("no extract list: {}", app.status());
    };
    assert_eq!(items.len(), 2);
    let list = screen_text(&app);
    // List rows (the reading pane under them shows the words again).
    let rows: Vec<&str> = list
        .lines()
        .filter(|l| l.contains("You never") && l.contains("P1 "))
        .collect();
    assert_eq!(rows.len(), 2, "{list}");
    assert!(rows[0].contains("ana") && rows[1].contains("ben"), "{list}");
}

#[test]
fn retrieval_lists_extracts_and_enter_jumps() {
    let mut app = app(project(), (100, 30));
    keys(&mut app, "2j<cr>");
    let Some(items) = app.results() else {
        panic!("no extract list: {}", app.status());
    };
    assert_eq!(items.len(), 1);
    let target = items[0].start;
    let text = screen_text(&app);
    assert!(
        text.contains("P1") && text.contains("You never know"),
        "{text}"
    );
    keys(&mut app, "<cr>");
    assert_eq!(app.focus(), Pane::Transcript);
    assert_eq!(app.cursor(), target);
}

#[test]
fn search_steps_through_hits_and_project_search_auto_codes() {
    let mut app = app(project(), (100, 30));
    keys(&mut app, "/interviewer<cr>");
    let hits = app.search_hits();
    assert_eq!(hits, Some(2));
    let first = app.cursor();
    keys(&mut app, "n");
    assert!(app.cursor() > first);
    keys(&mut app, "N");
    assert_eq!(app.cursor(), first);
    keys(&mut app, "/([<cr>");
    assert!(
        app.status().starts_with("not a valid pattern"),
        "{}",
        app.status()
    );
    keys(&mut app, "Snever know<cr>");
    let Some(items) = app.results() else {
        panic!("no hit list");
    };
    assert!(app.results_codable());
    assert_eq!(items.len(), 2);
    // Each hit is shown in its context, not as the matched words alone.
    let list = screen_text(&app);
    assert!(
        list.contains("About six years. You never know which one you'll get"),
        "{list}"
    );
    assert!(list.contains("You never know with crack."), "{list}");
    keys(&mut app, "a<cr>unknowable<cr>");
    assert_eq!(codings_of(&app, "unknowable"), 2);
    assert!(
        app.status().contains("auto-code 2 passages in 2 documents"),
        "{}",
        app.status()
    );
    keys(&mut app, "u");
    assert!(!app.project().codes.contains_key(&CodeId::new("unknowable")));
}

#[test]
fn memos_on_documents_codings_and_codes() {
    let mut app = app(project(), (100, 30));
    keys(&mut app, "Mfirst interview<c-s>");
    assert_eq!(
        app.project()
            .memos
            .get(&MemoTarget::Document(DocId::new("P1")))
            .map(String::as_str),
        Some("first interview\n")
    );
    keys(&mut app, "jjjwwwwwmsaid twice<c-s>");
    assert_eq!(
        app.project().codings[&DocId::new("P1")]["ana"][0].memo,
        "said twice"
    );
    keys(&mut app, "2jmdefinition drifted<cr>again<c-s>");
    assert_eq!(
        app.project()
            .memos
            .get(&MemoTarget::Code(CodeId::new("chaos")))
            .map(String::as_str),
        Some("definition drifted\nagain\n")
    );
    let effects = keys(&mut app, "E");
    assert!(matches!(effects.as_slice(), [Effect::EditInEditor(_)]));
}

#[test]
fn help_and_palette_come_from_the_key_table() {
    let mut app = app(project(), (100, 30));
    let sections = app.help_sections();
    let listed: Vec<&str> = sections
        .iter()
        .flat_map(|(_, rows)| rows.iter().map(|(_, d)| d.as_str()))
        .collect();
    for action in margin::tui::action::Action::ALL {
        assert!(
            listed.contains(&action.description()),
            "{action:?} is not in help"
        );
    }
    keys(&mut app, "?");
    let help = screen_text(&app);
    assert!(
        help.contains("Quit margin") && help.contains("Undo the last edit"),
        "{help}"
    );
    keys(&mut app, "<esc>:focus the codebook<cr>");
    assert_eq!(app.focus(), Pane::Codebook);
    keys(&mut app, "o");
    keys(&mut app, "P2<cr>");
    assert_eq!(app.document_id(), Some(&DocId::new("P2")));
}

#[test]
fn help_wraps_long_descriptions_and_scrolls_to_its_end_and_no_further() {
    let mut app = app(project(), (80, 40));
    keys(&mut app, "?");
    // A long description wraps inside the box instead of being cut.
    let memo = margin::tui::action::Action::EditMemo.description();
    let last_word = memo.split_whitespace().last().unwrap_or_default();
    let help = screen_text(&app);
    assert!(help.contains(last_word), "{help}");
    keys(&mut app, "G");
    assert_eq!(app.overlay(), Some(OverlayKind::HELP), "help closed");
    let end = app.overlay_scroll().expect("help scrolls") as u16;
    assert!(end > 0);
    assert_eq!(end, app.help_max_scroll());
    // The last section's last row is on screen, not blank space.
    let layout = app.help_layout(78);
    let last = layout
        .iter()
        .rev()
        .find_map(|l| match l {
            margin::tui::help::HelpLine::Row(_, text) => Some(text.clone()),
            _ => None,
        })
        .unwrap_or_default();
    assert!(screen_text(&app).contains(&last), "{last}");
    keys(&mut app, "jjj<c-d>");
    assert_eq!(app.overlay(), Some(OverlayKind::HELP));
    assert_eq!(app.overlay_scroll(), Some(end as usize));
    keys(&mut app, "g");
    assert_eq!(app.overlay(), Some(OverlayKind::HELP));
    assert_eq!(app.overlay_scroll(), Some(0));
}

#[test]
fn user_key_bindings_override_the_defaults() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("keymap.ron"),
        r#"{"transcript": {"K": code_selection}}"#,
    )
    .expect("write keymap");
    let (keymap, errors) = margin::tui::load_keymap(Some(dir.path()));
    assert!(errors.is_empty(), "{errors:?}");
    let mut app = app(project(), (100, 30));
    app.set_keymap(keymap);
    keys(&mut app, "vK");
    assert!(app.overlay() == Some(OverlayKind::PICKER));
    assert!(
        app.keys_label(margin::tui::action::Action::CodeSelection)
            .contains('K')
    );
}

#[test]
fn motions_cover_characters_words_turns_pages_and_ends() {
    let mut app = app(project(), (100, 30));
    keys(&mut app, "}");
    assert_eq!(app.document_id(), Some(&DocId::new("P1")));
    let at = |app: &margin::tui::driver::Driver| app.cursor_line_col().expect("a document is open");
    assert_eq!(at(&app), (3, 14));
    keys(&mut app, "}");
    assert_eq!(at(&app).0, 4);
    keys(&mut app, "{");
    assert_eq!(at(&app), (3, 14));
    keys(&mut app, "w");
    assert_eq!(at(&app), (3, 18));
    keys(&mut app, "b0l$");
    assert_eq!(at(&app).1, 43);
    keys(&mut app, "G");
    assert_eq!(at(&app).0, 7);
    keys(&mut app, "g<c-d>");
    assert!(app.cursor() > 0);
}

#[test]
fn a_tiny_terminal_folds_the_side_panes() {
    let mut app = app(project(), (50, 16));
    let text = screen_text(&app);
    assert!(!text.contains("Codebook"), "{text}");
    keys(&mut app, "2");
    assert!(screen_text(&app).contains("Codebook"));
    app.resize((120, 40));
    keys(&mut app, "1");
    let text = screen_text(&app);
    assert!(
        text.contains("Codebook") && text.contains("Themes"),
        "{text}"
    );
}

#[test]
fn tiny_terminals_and_every_overlay_draw_without_panicking() {
    for size in [(1, 1), (10, 3), (20, 5), (59, 12), (61, 8)] {
        for script in ["", "vc", "?", "2e", "2d", "Snever<cr>", "M", "2/c", "o"] {
            let mut app = app(project(), size);
            keys(&mut app, script);
            let text = screen_text(&app);
            assert_eq!(
                text.lines().count(),
                usize::from(size.1),
                "{size:?} {script}"
            );
        }
    }
}
