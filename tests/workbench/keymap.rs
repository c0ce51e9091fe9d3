//! Commands as data: keymap contexts are a closed set (a misspelt one in a
//! user's keymap.ron is an error at its line and column), and no pane
//! binding hides a global one unless the allow-list below says why. The keys
//! of extract lists and questions are in the keymap too, so they can be
//! rebound and help lists them.

use crate::common;
use common::fixture::with_user_keymap;

use margin::model::CodeId;
use margin::tui::action::Action;
use margin::tui::driver::OverlayKind;
use margin::tui::keymap::{Context, Key};
use std::process::Command;

#[test]
fn a_misspelt_context_is_an_error_at_its_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("keymap.ron"),
        "{\n    \"global\": { \"Q\": quit },\n    \"transcirpt\": { \"n\": move_down },\n}\n",
    )
    .expect("write keymap");
    let (keymap, errors) = margin::tui::load_keymap(Some(dir.path()));
    assert_eq!(errors.len(), 1, "{errors:?}");
    let error = &errors[0];
    let file = dir.path().join("keymap.ron");
    assert!(
        error.starts_with(&format!("{}:3:", file.display())),
        "names the file and line 3: {error}"
    );
    let col: usize = error[file.display().to_string().len() + 3..]
        .split(':')
        .next()
        .and_then(|c| c.parse().ok())
        .expect("a column");
    assert!((5..=18).contains(&col), "the column of the name: {error}");
    assert!(error.contains("transcirpt"), "{error}");
    assert!(
        error.contains("`transcript`"),
        "lists the right names: {error}"
    );
    // The defaults stay in force; nothing of the broken file is applied.
    let q = Key::parse("Q").expect("key");
    assert_ne!(keymap.lookup(Context::Global, q), Some(&Action::Quit));
    assert_eq!(
        keymap.lookup(Context::Transcript, Key::parse("j").expect("key")),
        Some(&Action::MoveDown)
    );
}

#[test]
fn margin_keymap_reports_a_misspelt_context_with_line_and_column() {
    let config = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        config.path().join("keymap.ron"),
        "{\n  \"codebok\": { \"n\": move_down },\n}\n",
    )
    .expect("write keymap");
    let out = Command::new(env!("CARGO_BIN_EXE_margin"))
        .arg("keymap")
        .env("MARGIN_CONFIG_DIR", config.path())
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let file = config.path().join("keymap.ron");
    assert!(
        stderr.contains(&format!("{}:2:", file.display())) && stderr.contains("codebok"),
        "{stderr}"
    );
}

/// Pane bindings that knowingly hide a global binding of the same key, and
/// why that is right. A new shadow fails the test below: rebind it, or add
/// it here with its reason.
const ALLOWED_SHADOWS: &[(Context, &str, &str)] = &[
    (
        Context::Transcript,
        "home",
        "in a text, home and end keep to the line as every editor does; g and G go to the top and bottom",
    ),
    (
        Context::Transcript,
        "end",
        "in a text, home and end keep to the line as every editor does; g and G go to the top and bottom",
    ),
    (
        Context::Themes,
        "A",
        "a and A add a theme and a subtheme, the pair the tree is built with; the agreement view stays on A \
         in the transcript and codebook and in the palette, and a stray A only opens a prompt esc closes",
    ),
];

#[test]
fn no_pane_binding_hides_a_global_one_unless_allowed() {
    let (keymap, errors) = margin::tui::load_keymap(None);
    assert!(errors.is_empty(), "{errors:?}");
    let global = &keymap.contexts[&Context::Global];
    let mut shadows: Vec<String> = Vec::new();
    for context in Context::ALL.into_iter().filter(|c| c.is_pane()) {
        let Some(table) = keymap.contexts.get(&context) else {
            continue;
        };
        for (key, action) in table {
            let Some(hidden) = global.get(key) else {
                continue;
            };
            if hidden == action {
                continue;
            }
            let name = key.config_name();
            if ALLOWED_SHADOWS
                .iter()
                .any(|(c, k, _)| *c == context && *k == name)
            {
                continue;
            }
            shadows.push(format!(
                "{context}: {name} does '{}', hiding global '{}'",
                action.description(),
                hidden.description()
            ));
        }
    }
    shadows.sort();
    // An allowed shadow that is gone is taken off the list, so it cannot
    // quietly allow a later one.
    for (context, name, _) in ALLOWED_SHADOWS {
        let key = Key::parse(name).expect("an allowed key parses");
        let here = keymap.contexts[context].get(&key);
        assert!(
            here.is_some() && global.get(&key).is_some_and(|g| Some(g) != here),
            "{context}: {name} no longer hides a global key: take it off ALLOWED_SHADOWS"
        );
    }
    assert!(
        shadows.is_empty(),
        "pane keys hide global ones:\n{}",
        shadows.join("\n")
    );
}

#[test]
fn the_extract_lists_keys_can_be_rebound() {
    let mut d = with_user_keymap(r#"{"extracts": {"m": mark_extract, "x": back}}"#);
    // chaos is the second code; s lists its extracts for splitting.
    d.press("2 j s");
    assert_eq!(d.overlay(), Some(OverlayKind::RESULTS));
    d.press("m");
    let screen = d.screen();
    assert!(screen.contains("✓ P1"), "m marks the extract:\n{screen}");
    assert!(
        screen.contains("Split 'chaos': m space marks extracts, s moves them"),
        "the title names the keys from the keymap:\n{screen}"
    );
    let help = d.help_sections();
    let list = help
        .iter()
        .find(|(title, _)| title.starts_with("A code's extracts"))
        .expect("help has the list's section");
    assert!(
        list.1
            .iter()
            .any(|(keys, what)| keys == "m space" && what == Action::MarkExtract.description()),
        "{list:?}"
    );
    d.press("x");
    assert_eq!(d.overlay(), None, "x closes the list");
}

#[test]
fn a_questions_keys_can_be_rebound_and_other_keys_do_nothing() {
    let mut d = with_user_keymap(r#"{"confirm": {"o": confirm}}"#);
    // Codes sorted by name: calm, chaos; d on chaos asks first.
    d.press("2 j d");
    assert_eq!(d.overlay(), Some(OverlayKind::CONFIRM));
    // A global key does not fall through a question.
    d.press("j u");
    assert_eq!(d.overlay(), Some(OverlayKind::CONFIRM));
    assert!(d.project().codes.contains_key(&CodeId::new("chaos")));
    assert!(
        d.screen().contains(" o yes · n no "),
        "the footer names the bound key:\n{}",
        d.screen()
    );
    d.press("o");
    assert_eq!(d.overlay(), None);
    assert!(!d.project().codes.contains_key(&CodeId::new("chaos")));
    let help = d.help_sections();
    let question = help
        .iter()
        .find(|(title, _)| title == "A question (y or n)")
        .expect("help has the question's section");
    assert!(
        question
            .1
            .iter()
            .any(|(keys, _)| keys.split(' ').any(|k| k == "o")),
        "{question:?}"
    );
}

#[test]
fn picker_and_prompt_keys_can_be_rebound_and_letters_still_type() {
    let mut d = with_user_keymap(r#"{"picker": {"ctrl-j": move_down, "ctrl-k": move_up}}"#);
    d.press("o");
    assert_eq!(d.overlay(), Some(OverlayKind::PICKER));
    assert_eq!(d.overlay_selected(), Some(0));
    d.press("ctrl-j");
    assert_eq!(d.overlay_selected(), Some(1), "ctrl-j moves down");
    d.press("ctrl-k");
    assert_eq!(d.overlay_selected(), Some(0));
    // j is not bound in pickers: it types.
    d.type_text("jp");
    assert_eq!(d.overlay_text(), Some("jp"));
    d.press("ctrl-w");
    assert_eq!(d.overlay_text(), Some(""));
    assert!(
        d.screen().contains(" enter choose · esc close "),
        "{}",
        d.screen()
    );
    d.press("esc");
    assert_eq!(d.overlay(), None);

    let mut d = with_user_keymap(r#"{"prompt": {"ctrl-x": clear_text, "ctrl-o": confirm}}"#);
    // A new code: the prompt takes the name.
    d.press("2 a");
    assert_eq!(d.overlay(), Some(OverlayKind::PROMPT));
    d.type_text("craving").press("ctrl-x");
    assert_eq!(d.overlay_text(), Some(""));
    assert!(
        d.screen()
            .contains(" enter ok · ctrl-u clears · esc cancel ")
    );
    d.type_text("routine").press("ctrl-o");
    assert_eq!(d.overlay(), None);
    assert!(
        d.project().codes.values().any(|c| c.name == "routine"),
        "{}",
        d.status()
    );
}
