//! Review mode shows only the codings the workbench shows: in blind mode,
//! only my own extracts and counts; toggling blind mode in review mode
//! rebuilds the list at once.

use crate::common;

use common::fixture::{app, keys, project, screen_text};
use margin::model::{CodeId, Coding, DocId, Project};
use margin::tui::driver::Driver;
use margin::tui::screens::review::{ReviewRow, ReviewView};

/// The fixture (ana codes chaos in P1) plus ben's chaos coding in P2.
fn with_ben() -> Project {
    let mut p = project();
    let p2 = p.documents[&DocId::new("P2")].text().to_string();
    let at = p2.chars().count() - p2[p2.find("It is chaos").unwrap_or(0)..].chars().count();
    p.codings.entry(DocId::new("P2")).or_default().insert(
        "ben".into(),
        vec![Coding::new(CodeId::new("chaos"), at, at + 11)],
    );
    p.manifest.coders.push("ben".into());
    p
}

/// (extract rows' coders, the chaos heading's codings and documents).
fn review(app: &Driver) -> (Vec<Vec<String>>, (usize, usize)) {
    let Some(view) = app.top::<ReviewView>() else {
        panic!("review mode is open: {}", app.status());
    };
    let mut coders = Vec::new();
    let mut counts = (0, 0);
    for row in &view.rows {
        match row {
            ReviewRow::Extract { coders: who, .. } => coders.push(who.clone()),
            ReviewRow::Code {
                id,
                codings,
                documents,
                ..
            } if id.as_str() == "chaos" => counts = (*codings, *documents),
            ReviewRow::Code { .. } => {}
        }
    }
    (coders, counts)
}

#[test]
fn blind_review_lists_only_my_extracts_and_follows_the_toggle() {
    let mut app = app(with_ben(), (100, 30));
    keys(&mut app, "3R");
    assert_eq!(
        review(&app),
        (
            vec![vec!["ana".to_string()], vec!["ben".to_string()]],
            (2, 2)
        )
    );
    assert!(screen_text(&app).contains("It is chaos"));

    // Blind mode from inside review mode: ben's extract goes, at once.
    keys(&mut app, "B");
    assert!(app.blind(), "{}", app.status());
    assert_eq!(review(&app), (vec![vec!["ana".to_string()]], (1, 1)));
    let text = screen_text(&app);
    assert!(!text.contains("It is chaos"), "{text}");
    assert!(!text.contains("ben"), "{text}");
    assert!(text.contains("You never know which one"), "{text}");

    // Leaving and opening review again stays blind.
    keys(&mut app, "<esc>3R");
    assert_eq!(review(&app).0.len(), 1);

    keys(&mut app, "B");
    assert!(!app.blind());
    assert_eq!(review(&app).1, (2, 2));
}
