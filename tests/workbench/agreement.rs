//! Team coding in the workbench, driven in process on the sample study
//! (asha coded P1-P7, ben coded P1 and P2): the agreement view's order, the
//! side-by-side comparison and its disagreement jumps, layers, and blind
//! mode, checked on the rendered screen.

use crate::common;

use common::fixture::{app, draw, keys, screen_text};
use margin::analysis::coders::usage_of;
use margin::analysis::disagreement::{codes_used, stretches};
use margin::analysis::{Comparison, Group, compare};
use margin::model::{CodeId, DocId, Project};
use margin::tui::driver::{Driver, OverlayKind};
use margin::tui::layers::{Compare, Layer};
use margin::tui::screens::agreement::AgreementView;

fn sample_project() -> Project {
    let (project, _) = margin::store::Store::open(common::sample_project()).expect("sample opens");
    project
}

/// The sample study in the workbench, coding as `coder`.
fn sample(coder: &str, size: (u16, u16)) -> Driver {
    let mut app = app(sample_project(), size);
    app.set_coder(coder);
    app
}

/// Stripe cells ("▌") on screen: one per code shown in the margin.
fn stripes_on_screen(app: &Driver) -> usize {
    screen_text(app).matches('▌').count()
}

#[test]
fn the_agreement_view_lists_codes_worst_first() {
    // ana has coded nothing, so the first two coders are compared.
    let mut app = sample("ana", (120, 40));
    keys(&mut app, "A");
    let view = app.top::<AgreementView>().expect("the view opens");
    assert_eq!(view.coders, ["asha".to_string(), "ben".to_string()]);
    let report = compare(app.project(), &Comparison::coders(["asha", "ben"])).expect("compares");
    let expected: Vec<&CodeId> = report
        .worst_first()
        .into_iter()
        .filter(|r| r.tally.coded.iter().any(|&n| n > 0))
        .map(|r| &r.code)
        .collect();
    let shown: Vec<&CodeId> = view.rows.iter().map(|r| &r.code).collect();
    assert_eq!(shown, expected);
    assert!(shown.len() > 5, "the sample has many compared codes");
    let kappas: Vec<f64> = view
        .rows
        .iter()
        .map(|r| r.scores.kappa.unwrap_or(1.0))
        .collect();
    assert!(kappas.windows(2).all(|w| w[0] <= w[1]), "{kappas:?}");
    assert!(kappas[0] < 1.0, "someone disagrees somewhere");
    let screen = screen_text(&app);
    assert!(
        screen.contains("Agreement: asha and ben · 2 documents"),
        "{screen}"
    );
    assert!(screen.contains(&view.rows[0].name), "{screen}");
    assert!(
        screen.contains(" AGREE "),
        "the mode badge says where the keys go"
    );
    // Esc closes it.
    keys(&mut app, "<esc>");
    assert!(app.top::<AgreementView>().is_none());
}

#[test]
fn the_default_pair_is_me_and_my_closest_co_coder_and_can_be_switched() {
    let mut app = sample("ben", (120, 40));
    keys(&mut app, "A");
    let view = app.top::<AgreementView>().expect("the view opens");
    assert_eq!(view.coders, ["ben".to_string(), "asha".to_string()]);
    keys(&mut app, "c");
    assert_eq!(
        app.overlay(),
        Some(OverlayKind::PICKER),
        "c opens the coder picker: {}",
        app.status()
    );
    assert_eq!(app.picker_labels()[0], "asha and ben");
    keys(&mut app, "<cr>");
    assert!(app.overlay().is_none());
    let view = app.top::<AgreementView>().expect("the view stays open");
    assert_eq!(view.coders, ["asha".to_string(), "ben".to_string()]);
}

/// The comparison the workbench shows, and its stretches in the open document.
fn compared(app: &Driver) -> (Compare, DocId, Vec<usize>) {
    let Layer::Compare(c) = app.layer().clone() else {
        panic!("no comparison shown: {}", app.status());
    };
    let doc = app.document_id().cloned().expect("a document is open");
    let groups: Vec<Group> = c.coders.iter().cloned().map(Group::coder).collect();
    let starts = stretches(app.project(), &doc, std::slice::from_ref(&c.code), &groups)
        .iter()
        .map(|s| s.start)
        .collect();
    (c, doc, starts)
}

#[test]
fn enter_shows_both_coders_side_by_side_and_jumps_between_disagreements() {
    let mut app = sample("ana", (120, 40));
    keys(&mut app, "A");
    // The worst code with at least two disagreements in its worst document.
    let groups = [Group::coder("asha"), Group::coder("ben")];
    let rows = app.top::<AgreementView>().expect("view").rows.clone();
    let (index, row) = rows
        .iter()
        .enumerate()
        .find(|(_, r)| {
            r.worst.as_ref().is_some_and(|(doc, _)| {
                stretches(app.project(), doc, std::slice::from_ref(&r.code), &groups).len() >= 2
            })
        })
        .expect("a code the two disagree on in two places");
    keys(&mut app, &"j".repeat(index));
    keys(&mut app, "<cr>");
    assert!(
        app.top::<AgreementView>().is_none(),
        "the transcript is shown"
    );
    let (c, doc, starts) = compared(&app);
    assert_eq!(c.code, row.code);
    assert_eq!(Some(&doc), row.worst.as_ref().map(|(d, _)| d));
    assert!(starts.len() >= 2, "several disagreements: {starts:?}");
    assert_eq!(app.cursor(), starts[0]);
    assert!(
        app.status()
            .starts_with(&format!("disagreement 1/{}", starts.len()))
    );
    // The stripe margin is labelled with both coders, and the status line
    // says who is compared.
    let screen = screen_text(&app);
    let top = screen.lines().next().unwrap_or_default();
    assert!(top.contains("asha") && top.contains("ben"), "{top}");
    assert!(screen.contains("asha│ben"), "{screen}");
    keys(&mut app, ")");
    assert_eq!(app.cursor(), starts[1]);
    assert!(
        app.status().starts_with("disagreement 2/"),
        "{}",
        app.status()
    );
    keys(&mut app, "(");
    assert_eq!(app.cursor(), starts[0]);
    // Back past the first wraps to the last.
    keys(&mut app, "(");
    assert!(starts.len() >= 2);
    assert_eq!(app.cursor(), starts[starts.len() - 1]);
    assert!(app.status().contains("wrapped"), "{}", app.status());
    // Esc ends the comparison.
    keys(&mut app, "<esc>");
    assert_eq!(*app.layer(), Layer::All);
}

#[test]
fn with_another_coders_layer_jumps_cover_every_code() {
    let mut app = sample("ben", (120, 40));
    // P1 is open; show mine and asha's.
    keys(&mut app, "L");
    assert_eq!(
        app.overlay(),
        Some(OverlayKind::PICKER),
        "L opens the layer picker"
    );
    assert_eq!(
        app.picker_labels(),
        ["all coders", "mine only (ben)", "mine and asha's"]
    );
    keys(&mut app, "<down><down><cr>");
    assert_eq!(*app.layer(), Layer::With("asha".into()));
    assert!(screen_text(&app).contains("ben · mine+asha"));
    let doc = DocId::new("P1");
    let groups = [Group::coder("ben"), Group::coder("asha")];
    let all = stretches(
        app.project(),
        &doc,
        &codes_used(app.project(), &doc, &groups),
        &groups,
    );
    keys(&mut app, "g)");
    let first_after_0 = all.iter().find(|s| s.start > 0).expect("a disagreement");
    assert_eq!(app.cursor(), first_after_0.start);
}

#[test]
fn mine_only_hides_other_coders_codings_and_counts() {
    let mut app = sample("ben", (120, 40));
    let before = stripes_on_screen(&app);
    keys(&mut app, "L<down><cr>");
    assert_eq!(*app.layer(), Layer::Mine);
    assert_eq!(*app.usage(), usage_of(app.project(), |c| c == "ben"));
    assert!(screen_text(&app).contains("ben · mine only"));
    // P3 is asha's alone: nothing of hers shows.
    keys(&mut app, "oP3<cr>");
    assert_eq!(stripes_on_screen(&app), 0);
    keys(&mut app, "L<cr>");
    assert_eq!(*app.layer(), Layer::All);
    assert!(stripes_on_screen(&app) > 0);
    assert!(before > 0);
}

#[test]
fn blind_mode_hides_other_coders_everywhere() {
    let mut app = sample("ben", (120, 40));
    keys(&mut app, "oP3<cr>");
    assert!(stripes_on_screen(&app) > 0, "asha's codings of P3 show");
    assert!(underlined_in_transcript(&app) > 0, "and are highlighted");
    keys(&mut app, "B");
    assert!(app.blind());
    let screen = screen_text(&app);
    assert!(screen.contains("BLIND"), "{screen}");
    // No stripe and no coded passage of asha's in P3.
    assert_eq!(stripes_on_screen(&app), 0, "{screen}");
    assert_eq!(underlined_in_transcript(&app), 0, "no highlighted passage");
    // Counts are ben's only: a code only asha used counts zero.
    assert_eq!(*app.usage(), usage_of(app.project(), |c| c == "ben"));
    // Extracts are ben's only.
    let asha_only = app
        .usage()
        .iter()
        .find(|(code, (n, _))| *n == 0 && app.project().code_usage(code).0 > 0)
        .map(|(code, _)| code.clone())
        .expect("a code only asha used");
    margin_retrieve(&mut app, &asha_only);
    assert!(
        app.overlay().is_none(),
        "no extracts listed: {}",
        app.status()
    );
    // The agreement view refuses, saying why.
    keys(&mut app, "A");
    assert!(app.top::<AgreementView>().is_none());
    assert!(app.status().contains("blind"), "{}", app.status());
    // Blind off: asha's work is back.
    keys(&mut app, "B");
    assert!(!app.blind());
    assert!(stripes_on_screen(&app) > 0);
    assert_eq!(*app.usage(), app.project().usage_table());
}

/// Cells of the transcript pane drawn as coded (underlined).
fn underlined_in_transcript(app: &Driver) -> usize {
    let terminal = draw(app);
    let buffer = terminal.backend().buffer();
    let area = ratatui::layout::Rect::new(0, 0, app.size().0, app.size().1);
    let pane = margin::tui::geometry::screen(area, app.focus())
        .transcript
        .expect("the transcript is shown");
    let inner = margin::tui::geometry::inner(pane);
    inner
        .positions()
        .filter(|p| {
            buffer[(p.x, p.y)]
                .modifier
                .contains(ratatui::style::Modifier::UNDERLINED)
        })
        .count()
}

/// Retrieves a code's extracts through the codebook (filter, then Enter).
fn margin_retrieve(app: &mut Driver, code: &CodeId) {
    let name = app.project().code_name(code).to_string();
    keys(app, &format!("2/{name}<cr><cr>"));
    keys(app, "1");
}

#[test]
fn agreement_view_80x24() {
    let mut app = sample("ana", (80, 24));
    keys(&mut app, "A");
    insta::assert_snapshot!("agreement_80x24", draw(&app).backend());
}

#[test]
fn agreement_view_120x40() {
    let mut app = sample("ana", (120, 40));
    keys(&mut app, "Aj");
    insta::assert_snapshot!("agreement_120x40", draw(&app).backend());
}

#[test]
fn side_by_side_120x40() {
    let mut app = sample("ana", (120, 40));
    keys(&mut app, "A<cr>");
    insta::assert_snapshot!("side_by_side_120x40", draw(&app).backend());
}

/// Issue 9, Deliver 4: where nobody varies (both coders coded every
/// character of the compared document with a code), kappa and alpha are
/// undefined; the view prints "n/a" for them, never a perfect 1, and still
/// prints figures for a code that does vary.
#[test]
fn the_agreement_view_prints_n_a_where_kappa_and_alpha_are_undefined() {
    use margin::model::Coding;
    let mut project = common::fixture::project();
    let p1 = DocId::new("P1");
    let len = project.documents[&p1].text().chars().count();
    let chaos = project.codings[&p1]["ana"][0].clone();
    let whole = Coding::new(CodeId::new("calm"), 0, len);
    let by_coder = project.codings.get_mut(&p1).expect("P1 codings");
    by_coder.get_mut("ana").expect("ana").push(whole.clone());
    // ben agrees on calm everywhere, and codes chaos a little wider.
    let mut wider = chaos.clone();
    wider.end += 20;
    by_coder.insert("ben".into(), vec![wider, whole]);
    project.manifest.coders.push("ben".into());
    let mut app = app(project, (120, 30));
    keys(&mut app, "A");
    let view = app.top::<AgreementView>().expect("the view opens");
    assert_eq!(view.coders, ["ana".to_string(), "ben".to_string()]);
    let screen = screen_text(&app);
    let row = |name: &str| {
        screen
            .lines()
            .find(|l| l.trim_start_matches(['│', ' ']).starts_with(name))
            .unwrap_or_else(|| panic!("a row for {name}: {screen}"))
            .to_string()
    };
    let calm = row("calm");
    assert_eq!(calm.matches("n/a").count(), 2, "kappa and alpha: {calm}");
    assert!(!calm.contains("1.00"), "{calm}");
    let chaos_row = row("chaos");
    assert!(!chaos_row.contains("n/a"), "{chaos_row}");
}
