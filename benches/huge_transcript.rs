//! One very long transcript (50 MB, as a day-long focus group or a year of
//! field notes) in the workbench: launch to the first screen (load from disk,
//! lay out, draw), the first `G`, the first move after a resize, and the
//! slowest of a run of ordinary keys afterwards. Targets: first screen
//! 300 ms, no key over 100 ms. Each figure is a first time, so this bench
//! times single runs and prints them rather than use criterion.
//!
//! Run with `cargo bench --bench huge_transcript`; MARGIN_HUGE_MB sets the
//! size (default 50).

use margin::store::Store;
use margin::testkit::corpus::{CorpusSize, synthetic};
use margin::tui::app::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::time::{Duration, Instant};

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// One transcript of about `megabytes` MB, with 2,000 codings by 2 coders.
fn huge(megabytes: usize) -> margin::model::Project {
    let sample = |words| {
        synthetic(CorpusSize {
            documents: 1,
            words_per_document: words,
            codings_per_document: 2000,
            coders: 2,
            ..CorpusSize::REFERENCE
        })
    };
    let probe = sample(100_000);
    let bytes_per_word = probe
        .documents
        .values()
        .next()
        .map_or(7.0, |d| d.text().len() as f64 / 100_000.0);
    sample((megabytes as f64 * 1e6 / bytes_per_word) as usize)
}

fn main() {
    // `cargo bench` passes --bench; a filter argument is ignored.
    let megabytes = std::env::var("MARGIN_HUGE_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let project = huge(megabytes);
    let doc = project.documents.values().next().expect("one document");
    println!(
        "one transcript of {:.1} MB, {} lines, {} codings",
        doc.text().len() as f64 / 1e6,
        doc.index().line_count(),
        project.coding_count()
    );
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("huge");
    Store::create(&dir, &project).expect("writes the project");
    drop(project);

    let (keymap, _) = margin::tui::load_keymap(None);
    let (palette, _) =
        margin::tui::palette::load(Some("dark"), None, false).expect("the dark theme loads");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");

    let started = Instant::now();
    let (project, _store) = Store::open(&dir).expect("the project opens");
    let loaded = started.elapsed();
    let mut app = App::new(project, "bench".into(), keymap, palette, (120, 40));
    terminal
        .draw(|frame| margin::tui::render::render(&app, frame))
        .expect("draws");
    let first_screen = started.elapsed();
    println!(
        "huge/first screen (load + lay out + draw)   {} (of which loading {})",
        ms(first_screen),
        ms(loaded)
    );

    let timed = |app: &mut App, terminal: &mut Terminal<TestBackend>, event: Event| {
        let started = Instant::now();
        margin::tui::input::handle_event(app, event);
        terminal
            .draw(|frame| margin::tui::render::render(app, frame))
            .expect("draws");
        started.elapsed()
    };
    println!(
        "huge/first G                               {}",
        ms(timed(&mut app, &mut terminal, key('G')))
    );
    terminal.backend_mut().resize(100, 40);
    let resize = timed(&mut app, &mut terminal, Event::Resize(100, 40));
    let moved = timed(&mut app, &mut terminal, key('k'));
    println!(
        "huge/resize, then first move               {} + {}",
        ms(resize),
        ms(moved)
    );
    let mut slowest = Duration::ZERO;
    for k in "gjjjjwwwbbb}}}{{GkkkggGgg".chars() {
        slowest = slowest.max(timed(&mut app, &mut terminal, key(k)));
    }
    println!(
        "huge/slowest of 25 keys (g G j w b {{ }})     {}",
        ms(slowest)
    );
}
