//! Auto-coding project-search hits in the workbench with a chosen scope:
//! `S` lists the hits, `a` asks for the unit (match, sentence, paragraph,
//! speaker turn; the last choice selected), then for the code.

use crate::common;

use common::fixture::{app, keys, project};
use margin::model::CodeId;
use margin::tui::driver::Driver;

/// The coded words of every coding of `code` by ana, by document and offset.
fn coded(app: &Driver, code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (doc, by_coder) in &app.project().codings {
        let Some(list) = by_coder.get("ana") else {
            continue;
        };
        let text = &app.project().documents[doc];
        let mut found: Vec<_> = list.iter().filter(|c| c.code.as_str() == code).collect();
        found.sort_by_key(|c| c.start);
        for c in found {
            out.push(format!("{doc}: {}", text.slice(c.start, c.end)));
        }
    }
    out
}

fn picker(app: &Driver) -> (String, Vec<(String, String)>, usize) {
    let (Some(title), Some(selected)) = (app.overlay_title(), app.overlay_selected()) else {
        panic!("no picker: {:?}", (app.status(), app.tone()));
    };
    let items = app
        .picker_labels()
        .into_iter()
        .zip(app.overlay_hints())
        .collect();
    (title.to_string(), items, selected)
}

#[test]
fn sentences_around_hits_become_one_coding_each_and_undo_in_one_step() {
    let mut app = app(project(), (100, 30));
    keys(&mut app, "Syou<cr>a");
    let (title, items, selected) = picker(&app);
    assert_eq!(title, "Code what around each of 4 hits?");
    let labels: Vec<&str> = items.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(labels, ["match", "sentence", "paragraph", "speaker turn"]);
    assert_eq!((selected, items[0].1.as_str()), (0, "last used"));
    keys(&mut app, "<down><cr>");
    // Two hits share P1's second sentence: three sentences, not four.
    let (title, _, _) = picker(&app);
    assert_eq!(title, "Code 3 sentences (from 4 hits) as");
    keys(&mut app, "unknowable<cr>");
    assert_eq!(
        coded(&app, "unknowable"),
        [
            "P1: How long have you worked here?",
            "P1: You never know which one you'll get, honestly.",
            "P2: You never know with crack.",
        ]
    );
    keys(&mut app, "u");
    assert!(coded(&app, "unknowable").is_empty());
    assert!(!app.project().codes.contains_key(&CodeId::new("unknowable")));

    // The last choice is remembered: sentence is selected next time.
    keys(&mut app, "Syou<cr>a");
    let (_, items, selected) = picker(&app);
    assert_eq!(selected, 1);
    assert_eq!(items[1].1, "last used");
    assert_eq!(items[0].1, "");
    keys(&mut app, "<down><down><cr>");
    let (title, _, _) = picker(&app);
    assert_eq!(title, "Code 3 speaker turns (from 4 hits) as");
    keys(&mut app, "calm<cr>");
    assert_eq!(
        coded(&app, "calm"),
        [
            "P1: How long have you worked here?",
            "P1: About six years. You never know which one you'll get, honestly.",
            "P2: You never know with crack. It is chaos.",
        ]
    );
    assert_eq!(app.autocode_scope(), margin::text::scope::Scope::Turn);
}

#[test]
fn paragraphs_end_at_speaker_labels_and_turns_skip_headings() {
    let mut app = app(project(), (100, 30));
    // Typing filters the scope picker like any other.
    keys(&mut app, "Scrack<cr>apar<cr>");
    let (title, _, _) = picker(&app);
    assert_eq!(title, "Code 2 paragraphs (from 2 hits) as");
    keys(&mut app, "drugs<cr>");
    assert_eq!(
        coded(&app, "drugs"),
        [
            "P2: Tell me about crack.",
            "P2: You never know with crack. It is chaos.",
        ]
    );
    // The heading is nobody's speech: nothing to code as a turn.
    keys(&mut app, "SInterview P1<cr>aspeaker<cr>");
    assert!(app.overlay().is_none());
    assert_eq!(
        app.status(),
        "no hit lies in a speaker's words: no speaker turn to code"
    );
    // Esc in the scope picker codes nothing.
    let before = app.project().coding_count();
    keys(&mut app, "Snever<cr>a<esc>");
    assert_eq!(app.project().coding_count(), before);
}
