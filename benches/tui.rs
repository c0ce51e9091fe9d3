//! Keystroke to frame: apply one key to the workbench and draw the whole
//! screen into a TestBackend at 120x40, on the sample study and on a
//! generated project with long transcripts and many codings. The target is
//! one frame (16 ms); the roadmap asks for under 2 ms median.

use criterion::{Criterion, criterion_group, criterion_main};
use margin::model::Project;
use margin::testkit::corpus::{CorpusSize, synthetic};
use margin::tui::app::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::hint::black_box;
use std::path::Path;

fn workbench(project: Project) -> App {
    let (keymap, _) = margin::tui::load_keymap(None);
    let (palette, _) =
        margin::config::theme::load(Some("dark"), None, false).expect("the dark theme loads");
    App::new(project, "bench".into(), keymap, palette, (120, 40))
}

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

/// Alternates `forward` and `back` so the cursor stays in the same region.
fn bench_keys(c: &mut Criterion, name: &str, project: Project, forward: char, back: char) {
    let mut app = workbench(project);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
    // Start in the middle of the document, among codings.
    for _ in 0..30 {
        margin::tui::input::handle_event(&mut app, key('}'));
    }
    let mut flip = false;
    c.bench_function(name, |b| {
        b.iter(|| {
            flip = !flip;
            let k = if flip { forward } else { back };
            black_box(margin::tui::input::handle_event(&mut app, key(k)));
            terminal
                .draw(|frame| margin::tui::render::render(&app, frame))
                .expect("draws");
        });
    });
}

fn keystroke_to_frame(c: &mut Criterion) {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-project");
    let (project, _) = margin::store::Store::open(&sample).expect("the sample study opens");
    bench_keys(c, "key_to_frame/sample/j-k", project.clone(), 'j', 'k');
    bench_keys(c, "key_to_frame/sample/w-b", project, 'w', 'b');
    // 50 transcripts as long as the reference corpus's, with its codebook
    // and theme tree.
    let large = synthetic(CorpusSize {
        documents: 50,
        ..CorpusSize::REFERENCE
    });
    bench_keys(c, "key_to_frame/large/j-k", large, 'j', 'k');
}

criterion_group!(benches, keystroke_to_frame);
criterion_main!(benches);
