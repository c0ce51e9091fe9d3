//! Long work in the workbench: a project-wide search over many documents runs
//! a few documents per step with a gauge on screen; keys keep working, esc
//! cancels, and the hits are listed when it is done.

use margin::model::{DocId, Document, DocumentRecord, Manifest, Project};
use margin::tui::app::Tone;
use margin::tui::driver::{Driver, OverlayKind};

/// A study of `n` short interviews; every third participant talks about
/// their routine, the others about their week.
fn many_interviews(n: usize) -> Project {
    let mut project = Project::new(Manifest::new("Many interviews"));
    for i in 1..=n {
        let id = format!("P{i:03}");
        let topic = if i % 3 == 0 {
            "Having a routine helps me get through the day."
        } else {
            "The week was busy, with appointments most mornings."
        };
        let text = format!("Interviewer: How has it been?\n{id}: {topic}\n");
        let record = DocumentRecord {
            title: format!("{id}: interview"),
            source: format!("{id}.txt"),
            attributes: Default::default(),
            sha256: String::new(),
            guid: String::new(),
            times: Vec::new(),
        };
        project.documents.insert(
            DocId::new(&id),
            Document::new(DocId::new(&id), record, text),
        );
    }
    project
}

#[test]
fn a_search_over_many_documents_shows_a_gauge_then_the_hits() {
    let mut d = Driver::new(many_interviews(90), (100, 30));
    d.press("S").type_text("routine").press("enter");
    assert!(d.job_running(), "90 documents take more than one step");
    assert_eq!(d.overlay(), None);
    let screen = d.screen();
    assert!(
        screen.contains("searching /routine/: 16 of 90 documents · esc cancels"),
        "{screen}"
    );
    // The gauge's bar is drawn with the accent colour, the rest dim.
    let buffer = d.buffer();
    let row = buffer.area.height - 2;
    let accent = d.palette().accent;
    let dim = d.palette().dim;
    let cells = |colour| {
        (0..buffer.area.width)
            .filter(|&x| buffer[(x, row)].symbol() == "─" && buffer[(x, row)].fg == colour)
            .count()
    };
    let (filled, unfilled) = (cells(accent), cells(dim));
    assert!(
        filled > 0 && unfilled > filled * 3,
        "{filled} {unfilled}\n{screen}"
    );

    d.step_job();
    assert!(d.screen().contains("32 of 90 documents"), "{}", d.screen());

    d.finish_jobs();
    assert!(!d.job_running());
    assert_eq!(d.overlay(), Some(OverlayKind::RESULTS));
    assert_eq!(d.overlay_items().len(), 30, "every third of 90 interviews");
    assert_eq!(
        d.overlay_title(),
        Some("/routine/: 30 hits in 30 documents · enter jumps · a codes them all")
    );
    assert!(!d.screen().contains("searching /routine/"));
}

#[test]
fn esc_cancels_a_long_search_and_says_how_far_it_went() {
    let mut d = Driver::new(many_interviews(90), (100, 30));
    d.press("S").type_text("routine").press("enter");
    d.press("esc");
    assert!(!d.job_running());
    assert_eq!(
        d.status(),
        "searching /routine/ cancelled after 16 of 90 documents"
    );
    assert_eq!(d.tone(), Tone::Info);
    d.finish_jobs();
    assert_eq!(d.overlay(), None, "nothing listed after a cancel");
    assert!(!d.screen().contains("esc cancels"), "{}", d.screen());
}

#[test]
fn keys_keep_working_while_a_search_runs() {
    let mut d = Driver::new(many_interviews(90), (100, 30));
    d.press("S").type_text("routine").press("enter");
    // Moving to the codebook pane and back while the search runs.
    d.press("2");
    assert!(d.job_running());
    assert!(d.screen().contains("of 90 documents"));
    // A prompt opened meanwhile is not thrown away when the search ends:
    // the hits wait until it closes.
    d.press("S").type_text("wee");
    d.finish_jobs();
    assert_eq!(d.overlay(), Some(OverlayKind::PROMPT));
    assert_eq!(d.overlay_text(), Some("wee"));
    assert!(d.job_running(), "done, waiting for the prompt to close");
    d.press("esc");
    d.finish_jobs();
    assert_eq!(d.overlay(), Some(OverlayKind::RESULTS));
    assert_eq!(d.overlay_items().len(), 30);
}

#[test]
fn a_small_project_is_searched_at_once_without_a_gauge() {
    let mut d = Driver::new(many_interviews(9), (100, 30));
    d.press("S").type_text("routine").press("enter");
    assert!(!d.job_running());
    assert_eq!(d.overlay(), Some(OverlayKind::RESULTS));
    assert_eq!(
        d.overlay_items(),
        ["P003 45-52", "P006 45-52", "P009 45-52"]
    );
}

#[test]
fn a_search_with_no_hit_over_many_documents_says_so_when_done() {
    let mut d = Driver::new(many_interviews(40), (100, 30));
    d.press("S").type_text("relapse").press("enter");
    d.finish_jobs();
    assert_eq!(d.overlay(), None);
    assert_eq!(d.status(), "no match for /relapse/ in any document");
    assert_eq!(d.tone(), Tone::Warning);
}
