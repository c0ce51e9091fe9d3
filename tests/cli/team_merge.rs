//! The structural merge, file by file, on texts as margin writes them.

use margin::merge::{FileKind, markers, merge_texts, value::Side};
use margin::model::{Code, CodeId, JournalEntry, Manifest, Theme, ThemeId, ThemeStatus};
use margin::store::files::{self, CodingLine};

fn theme(id: &str, codes: &[&str], subthemes: Vec<Theme>) -> Theme {
    let mut t = Theme::new(ThemeId::new(id), id.to_uppercase());
    t.codes = codes.iter().map(|c| CodeId::new(*c)).collect();
    t.subthemes = subthemes;
    t
}

fn merged(kind: FileKind, base: &str, ours: &str, theirs: &str) -> margin::merge::Merged {
    merge_texts(kind, base, ours, theirs).expect("merges")
}

fn themes_of(text: &str) -> Vec<Theme> {
    margin::store::themes_file::parse(text).expect("themes parse")
}

#[test]
fn theme_moved_on_one_side_and_renamed_on_the_other() {
    let base = vec![theme("a", &["c1"], vec![]), theme("b", &["c2"], vec![])];
    let mut ours = base.clone();
    let moved = ours.remove(1);
    ours[0].subthemes.push(moved); // b under a
    let mut theirs = base.clone();
    theirs[1].name = "Bravo".into();
    theirs[1].status = ThemeStatus::Final;
    let m = merged(
        FileKind::Themes,
        &files::pretty(&base),
        &files::pretty(&ours),
        &files::pretty(&theirs),
    );
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let tree = themes_of(&m.text);
    assert_eq!(tree.len(), 1);
    assert_eq!(tree[0].subthemes[0].name, "Bravo");
    assert_eq!(tree[0].subthemes[0].status, ThemeStatus::Final);
    assert_eq!(tree[0].subthemes[0].codes, vec![CodeId::new("c2")]);
    assert_eq!(
        m.text,
        margin::store::themes_file::render(&tree),
        "written in margin's layout"
    );
}

#[test]
fn code_moved_on_one_side_while_the_other_adds_codes_and_themes() {
    let base = vec![
        theme("a", &["c1", "c2"], vec![]),
        theme("b", &["c3"], vec![]),
    ];
    let mut ours = base.clone();
    ours[0].codes.retain(|c| c.as_str() != "c1");
    ours[1].codes.insert(0, CodeId::new("c1"));
    let mut theirs = base.clone();
    theirs[0].codes.push(CodeId::new("c4"));
    theirs.push(theme("new", &["c5"], vec![]));
    let m = merged(
        FileKind::Themes,
        &files::pretty(&base),
        &files::pretty(&ours),
        &files::pretty(&theirs),
    );
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let tree = themes_of(&m.text);
    let ids = |t: &Theme| t.codes.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    assert_eq!(ids(&tree[0]), ["c2", "c4"]);
    assert_eq!(ids(&tree[1]), ["c1", "c3"]);
    assert_eq!(tree[2].id.0, "new");
}

#[test]
fn code_moved_to_two_different_themes_is_a_conflict() {
    let base = vec![
        theme("a", &["c1"], vec![]),
        theme("b", &[], vec![]),
        theme("c", &[], vec![]),
    ];
    let mut ours = base.clone();
    ours[0].codes.clear();
    ours[1].codes.push(CodeId::new("c1"));
    let mut theirs = base.clone();
    theirs[0].codes.clear();
    theirs[2].codes.push(CodeId::new("c1"));
    let m = merged(
        FileKind::Themes,
        &files::pretty(&base),
        &files::pretty(&ours),
        &files::pretty(&theirs),
    );
    assert_eq!(m.conflicts.len(), 1, "{:?}", m.conflicts);
    // Out of a, into b or c: one logical conflict, one block to choose.
    assert_eq!(
        margin::merge::conflicts::conflicts_in(&m.text).len(),
        1,
        "{}",
        m.text
    );
    assert_eq!(themes_of(&markers::resolve(&m.text, Side::Ours)), ours);
    assert_eq!(themes_of(&markers::resolve(&m.text, Side::Theirs)), theirs);
}

#[test]
fn crossing_theme_moves_do_not_make_a_cycle() {
    let base = vec![theme("a", &[], vec![]), theme("b", &[], vec![])];
    let ours = vec![theme("a", &[], vec![theme("b", &[], vec![])])];
    let theirs = vec![theme("b", &[], vec![theme("a", &[], vec![])])];
    let m = merged(
        FileKind::Themes,
        &files::pretty(&base),
        &files::pretty(&ours),
        &files::pretty(&theirs),
    );
    assert!(!m.conflicts.is_empty());
    for side in [Side::Ours, Side::Theirs] {
        let tree = themes_of(&markers::resolve(&m.text, side));
        let count = margin::model::theme::walk(&tree).len();
        assert_eq!(count, 2, "both themes kept once: {tree:?}");
    }
}

/// Format 2: a reorder of top-level themes on one side and edits inside
/// them on the other merge cleanly, and the merged file is in the new layout
/// with the order list changed on two lines against ours' base.
#[test]
fn a_top_level_reorder_merges_with_edits_inside_the_themes() {
    use margin::store::themes_file::render;
    let base = vec![
        theme("a", &["c1"], vec![theme("a1", &[], vec![])]),
        theme("b", &["c2"], vec![]),
        theme("c", &[], vec![]),
    ];
    let mut ours = base.clone();
    let moved = ours.remove(2);
    ours.insert(0, moved); // c first
    let mut theirs = base.clone();
    theirs[0].name = "Alpha".into();
    theirs[2].codes.push(CodeId::new("c3"));
    let m = merged(
        FileKind::Themes,
        &render(&base),
        &render(&ours),
        &render(&theirs),
    );
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let tree = themes_of(&m.text);
    let order: Vec<&str> = tree.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(order, ["c", "a", "b"]);
    assert_eq!(tree[1].name, "Alpha");
    assert_eq!(tree[0].codes, [CodeId::new("c3")]);
    assert_eq!(m.text, render(&tree));
    // The themes block is theirs to the byte: the reorder touched only the
    // order list.
    let block = |text: &str| text[text.find("themes: [").expect("themes")..].to_string();
    assert_eq!(block(&m.text), block(&render(&theirs)));
}

fn code(id: &str) -> Code {
    Code::new(CodeId::new(id), id, 0)
}

#[test]
fn codes_added_on_both_sides_and_the_same_code_added_twice() {
    let base = vec![code("a")];
    let ours = vec![code("a"), code("b")];
    let theirs = vec![code("a"), code("c")];
    let m = merged(
        FileKind::Codebook,
        &files::pretty(&base),
        &files::pretty(&ours),
        &files::pretty(&theirs),
    );
    let codes: Vec<Code> = files::parse(&m.text).expect("codebook");
    assert_eq!(
        codes.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        ["a", "b", "c"]
    );
    // Both added "d", with different colours: a conflict on the colour only.
    let mut d1 = code("d");
    d1.color = "#111111".into();
    let mut d2 = code("d");
    d2.color = "#222222".into();
    let m = merged(
        FileKind::Codebook,
        "",
        &files::pretty(&vec![d1]),
        &files::pretty(&vec![d2]),
    );
    assert_eq!(m.conflicts.len(), 1);
    let block = &markers::blocks(&m.text)[0];
    assert_eq!(block.ours.trim(), "color: \"#111111\",");
    assert_eq!(block.theirs.trim(), "color: \"#222222\",");
}

#[test]
fn codings_merge_as_sets() {
    let line = |start: usize, code: &str| CodingLine {
        code: CodeId::new(code),
        start,
        end: start + 5,
        lines: "1".into(),
        text: "x".into(),
        memo: String::new(),
        star: false,
        unplaced: false,
    };
    let base = vec![line(0, "a"), line(10, "a")];
    let ours = vec![line(0, "a"), line(5, "b")]; // removed 10, added 5
    let theirs = vec![line(0, "a"), line(10, "a"), line(20, "c")];
    let m = merged(
        FileKind::Codings,
        &files::one_per_line(&base),
        &files::one_per_line(&ours),
        &files::one_per_line(&theirs),
    );
    assert!(m.conflicts.is_empty());
    assert_eq!(
        m.text,
        files::one_per_line(&[line(0, "a"), line(5, "b"), line(20, "c")])
    );
}

#[test]
fn coders_and_journal_merge_without_conflict() {
    let mut base = Manifest::new("Study");
    base.coders = vec!["ana".into()];
    let mut ours = base.clone();
    ours.coders.push("ben".into());
    let mut theirs = base.clone();
    theirs.coders.push("cy".into());
    theirs.description = "described".into();
    let m = merged(
        FileKind::Manifest,
        &files::pretty(&base),
        &files::pretty(&ours),
        &files::pretty(&theirs),
    );
    let manifest: Manifest = files::parse(&m.text).expect("manifest");
    assert_eq!(manifest.coders, ["ana", "ben", "cy"]);
    assert_eq!(manifest.description, "described");

    let entry = |when: &str| JournalEntry {
        when: when.into(),
        who: "ana".into(),
        what: format!("did something at {when}"),
        why: String::new(),
        removed: Vec::new(),
        removed_themes: Vec::new(),
        split: None,
    };
    let base = vec![entry("2026-01-01T00:00:00Z")];
    let ours = vec![base[0].clone(), entry("2026-01-03T00:00:00Z")];
    let theirs = vec![base[0].clone(), entry("2026-01-02T00:00:00Z")];
    let m = merged(
        FileKind::Journal,
        &files::one_per_line(&base),
        &files::one_per_line(&ours),
        &files::one_per_line(&theirs),
    );
    let log: Vec<JournalEntry> = files::parse(&m.text).expect("journal");
    let whens: Vec<&str> = log.iter().map(|e| e.when.as_str()).collect();
    assert_eq!(
        whens,
        [
            "2026-01-01T00:00:00Z",
            "2026-01-02T00:00:00Z",
            "2026-01-03T00:00:00Z"
        ]
    );
}

#[test]
fn unreadable_sides_are_refused_for_a_line_merge() {
    let err = merge_texts(FileKind::Codebook, "[]", "<<<<<<< ours\n", "[]");
    assert!(err.is_err());
}
