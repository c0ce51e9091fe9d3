//! Issue 9, seen 3 in the workbench: splitting off a passage that two coders
//! coded moves both codings by default (the picker and the preview say so);
//! only the marked extract is a choice.

use crate::common;

use margin::tui::driver::OverlayKind;

use common::fixture::{app, keys, project};
use margin::model::{CodeId, Coding, DocId, Project};
use margin::tui::refactor_ops::RefactorReason;

/// The fixture plus "It is chaos." in P2 coded chaos by ana and by ben.
fn two_coders() -> Project {
    let mut p = project();
    let p2 = p.documents[&DocId::new("P2")].text().to_string();
    let at = p2.chars().count() - p2[p2.find("It is chaos").unwrap_or(0)..].chars().count();
    let by = p.codings.entry(DocId::new("P2")).or_default();
    by.insert(
        "ana".into(),
        vec![Coding::new(CodeId::new("chaos"), at, at + 11)],
    );
    by.insert(
        "ben".into(),
        vec![Coding::new(CodeId::new("chaos"), at, at + 12)],
    );
    p.manifest.coders.push("ben".into());
    p
}

fn coders_of(p: &Project, code: &str) -> Vec<String> {
    p.codings_of(&CodeId::new(code))
        .map(|r| format!("{}/{}", r.doc, r.coder))
        .collect()
}

#[test]
fn a_passage_two_coders_coded_moves_whole_unless_one_coder_is_chosen() {
    let mut app = app(two_coders(), (100, 30));
    let before = app.project().clone();
    // chaos's extracts: P1 ana, P2 ana, P2 ben. Mark ana's in P2.
    keys(&mut app, "2js");
    keys(&mut app, "j ");
    keys(&mut app, "svolatility<cr>");
    let Some(title) = app
        .overlay_title()
        .filter(|_| app.overlay() == Some(OverlayKind::PICKER))
    else {
        panic!("asks whose codings move: {}", app.status());
    };
    assert!(
        title.contains("Other coders coded these passages too"),
        "{title}"
    );
    // Enter takes the default: every coder's coding of the passage.
    keys(&mut app, "<cr>");
    let (Some(RefactorReason(_)), Some(prompt)) =
        (app.prompt_purpose::<RefactorReason>(), app.overlay_title())
    else {
        panic!("the preview asks why");
    };
    assert!(
        prompt.contains("every coder's coding of those passages: ana, ben"),
        "{prompt}"
    );
    keys(&mut app, "<cr>");
    assert_eq!(coders_of(app.project(), "chaos"), ["P1/ana"]);
    let id = app
        .project()
        .code_by_ref("volatility")
        .expect("new code")
        .id
        .clone();
    assert_eq!(coders_of(app.project(), id.as_str()), ["P2/ana", "P2/ben"]);
    keys(&mut app, "u");
    assert!(*app.project() == before);

    // One coder only, as a choice.
    keys(&mut app, "2js");
    keys(&mut app, "j ");
    keys(&mut app, "svolatility<cr><down><cr>");
    let Some(prompt) = app
        .overlay_title()
        .filter(|_| app.overlay() == Some(OverlayKind::PROMPT))
    else {
        panic!("the preview asks why");
    };
    assert!(
        prompt.contains("1 coding of other coders on the same passages stay"),
        "{prompt}"
    );
    keys(&mut app, "<cr>");
    assert_eq!(coders_of(app.project(), "chaos"), ["P1/ana", "P2/ben"]);
}
