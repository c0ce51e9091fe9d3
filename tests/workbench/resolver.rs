//! The merge-conflict resolver as the first screen of the workbench, in the
//! same event loop: it shows the conflicts, its keys come from the keymap,
//! and once the last conflict is written the project opens through the
//! session and the panes take its place, saving edits as usual.

use crate::common;

use common::conflict::{CODE, Conflicted, OURS_NAME, THEIRS_NAME};
use margin::edit::Edit;
use margin::model::{CodeId, MemoTarget};
use margin::store::Store;
use margin::tui::app::{Effect, Tone};
use margin::tui::driver::Driver;
use margin::tui::screens::resolver::ResolverScreen;

fn resolving(repo: &Conflicted, size: (u16, u16)) -> Driver {
    Driver::resolving(&repo.dir, size).expect("only merge conflicts stop the project")
}

#[test]
fn t_keeps_theirs_then_the_panes_replace_the_resolver_and_edits_are_saved() {
    let repo = Conflicted::new(false);
    let mut d = resolving(&repo, (80, 24));
    assert!(d.top::<ResolverScreen>().is_some());
    assert_eq!(d.screen_title(), "RESOLVE");
    let screen = d.screen();
    assert!(screen.contains("Merge conflict 1 of 1"), "{screen}");
    assert!(
        screen.contains(&format!("name: \"{OURS_NAME}\"")),
        "{screen}"
    );
    assert!(!screen.contains("NORMAL"), "no status line yet:\n{screen}");
    // A stray key is answered with the resolver's keys, from the keymap.
    d.press("x");
    assert!(d.screen().contains("o keeps ours"), "{}", d.screen());
    assert!(d.project().codes.is_empty(), "nothing is open yet");

    d.press("t");
    assert!(d.on_panes(), "the panes take the resolver's place");
    assert_eq!(d.screen_depth(), 1);
    assert_eq!(
        d.status(),
        "resolved 1 conflict in 1 file; git add them and commit"
    );
    assert_eq!(d.tone(), Tone::Ok);
    assert_eq!(d.project().codes[&CodeId::new(CODE)].name, THEIRS_NAME);
    let screen = d.screen();
    assert!(
        screen.contains("Codebook") && screen.contains("NORMAL"),
        "{screen}"
    );
    assert!(!repo.read("codebook.ron").contains("<<<<<<<"));

    // The session now holds the project: an edit is saved to its folder.
    let before = d.project().memos.get(&MemoTarget::Project).cloned();
    let memo = "Merged the two renames; kept the longer name.\n".to_string();
    d.apply(Edit::SetMemo {
        target: MemoTarget::Project,
        before,
        after: Some(memo.clone()),
    });
    assert_eq!(d.unsaved(), 0, "{}", d.status());
    let (on_disk, _) = Store::open(&repo.dir).expect("the project opens");
    assert_eq!(on_disk.memos.get(&MemoTarget::Project), Some(&memo));
    assert_eq!(on_disk.codes[&CodeId::new(CODE)].name, THEIRS_NAME);
}

#[test]
fn e_asks_for_the_editor_and_what_it_saved_is_written() {
    let repo = Conflicted::new(false);
    let mut d = resolving(&repo, (100, 30));
    d.press("e");
    assert!(
        matches!(d.take_effects().as_slice(), [Effect::EditConflict]),
        "e asks the event loop for $EDITOR"
    );
    assert!(d.top::<ResolverScreen>().is_some(), "still resolving");
    d.edited_conflict("    name: \"Everyday unpredictability\",\n");
    assert!(d.on_panes(), "{}", d.status());
    assert_eq!(
        d.project().codes[&CodeId::new(CODE)].name,
        "Everyday unpredictability"
    );
}

#[test]
fn q_asks_to_quit_and_writes_nothing() {
    let repo = Conflicted::new(true);
    let before = (repo.read("codebook.ron"), repo.read("themes.ron"));
    let mut d = resolving(&repo, (120, 40));
    d.press("o");
    assert!(
        d.screen().contains("Merge conflict 2 of 2"),
        "{}",
        d.screen()
    );
    d.press("q");
    assert!(matches!(d.take_effects().as_slice(), [Effect::Quit]));
    assert!(d.top::<ResolverScreen>().is_some());
    assert_eq!((repo.read("codebook.ron"), repo.read("themes.ron")), before);
}

#[test]
fn the_resolvers_keys_can_be_rebound_and_its_screen_names_them() {
    let repo = Conflicted::new(false);
    let mut d = resolving(&repo, (120, 30));
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("keymap.ron"),
        r#"{"resolver": {"T": keep_theirs, "O": keep_ours}}"#,
    )
    .expect("write keymap");
    let (keymap, errors) = margin::tui::load_keymap(Some(dir.path()));
    assert!(errors.is_empty(), "{errors:?}");
    d.set_keymap(keymap);
    let screen = d.screen();
    assert!(
        screen.contains("O  keep ours") && screen.contains("T  keep theirs"),
        "the sides' titles name the keys as bound:\n{screen}"
    );
    d.press("T");
    assert!(d.on_panes(), "{}", d.status());
    assert_eq!(d.project().codes[&CodeId::new(CODE)].name, THEIRS_NAME);
}
