//! Keys at human typing pace on a large project, with the disk watched as
//! the workbench watches it: the event loop is replayed (wait up to 100 ms
//! for a key, look at the disk when idle) and each key's latency is taken
//! from the moment it "arrived" to its frame drawn, so a key that arrives
//! while the loop is busy with the disk pays for it. Two ways of watching:
//! the old scan of every file in the loop once a second, and the watcher
//! thread (what the workbench does). Target: worst key under 16 ms.
//!
//! Run with `cargo bench --bench typing`; MARGIN_CORPUS=/tmp/reference runs
//! on an existing project, otherwise MARGIN_BENCH_DOCS documents (default
//! 200) are generated. MARGIN_TYPING_KEYS sets the keys per run (default 150,
//! one every 150 ms).

use margin::store::Store;
use margin::tui::app::App;
use margin::tui::reload;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::time::{Duration, Instant};

const EVERY_KEY: Duration = Duration::from_millis(150);
const POLL: Duration = Duration::from_millis(100);

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Watching {
    ScanInTheLoop,
    Thread,
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let (dir, _tmp) = margin::testkit::corpus::bench_corpus();
    let keys: usize = std::env::var("MARGIN_TYPING_KEYS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(150);
    let (project, store) = Store::open(&dir).expect("the corpus opens");
    let files_watched = store.stamps().len();
    println!(
        "{} documents, {} files watched; {keys} keys, one every {} ms",
        project.documents.len(),
        files_watched,
        EVERY_KEY.as_millis()
    );
    let (keymap, _) = margin::tui::load_keymap(None);
    let (palette, _) =
        margin::tui::palette::load(Some("dark"), None, false).expect("the dark theme loads");
    let mut app = App::new(project, "bench".into(), keymap, palette, (120, 40));
    app.attach(store);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
    for _ in 0..30 {
        margin::tui::input::handle_event(&mut app, key('}'));
    }
    let typed: Vec<char> = "jjjjwwwkkkkbbb".chars().collect();

    for watching in [Watching::ScanInTheLoop, Watching::Thread] {
        let mut watch =
            (watching == Watching::Thread).then(|| reload::Watch::start(&dir, reload::CHECK_EVERY));
        let mut last_scan = Instant::now();
        let mut latencies = Vec::with_capacity(keys);
        // The longest the loop was busy with the disk, keys or not.
        let mut longest_look = Duration::ZERO;
        let mut arrives = Instant::now() + EVERY_KEY;
        for i in 0..keys {
            // The loop waits for a key at most 100 ms, then looks at the disk.
            while Instant::now() < arrives {
                std::thread::sleep((arrives - Instant::now()).min(POLL));
                if Instant::now() >= arrives {
                    break;
                }
                let looking = Instant::now();
                match &mut watch {
                    Some(watch) => {
                        reload::tick(&mut app, watch);
                    }
                    None if last_scan.elapsed() >= reload::CHECK_EVERY => {
                        last_scan = Instant::now();
                        reload::check_now(&mut app);
                    }
                    None => {}
                }
                longest_look = longest_look.max(looking.elapsed());
            }
            margin::tui::input::handle_event(&mut app, key(typed[i % typed.len()]));
            terminal
                .draw(|frame| margin::tui::render::render(&app, frame))
                .expect("draws");
            latencies.push(arrives.elapsed());
            arrives += EVERY_KEY;
        }
        latencies.sort();
        let name = match watching {
            Watching::ScanInTheLoop => "typing/disk scanned in the event loop (before)",
            Watching::Thread => "typing/disk watched by a thread (now)",
        };
        println!(
            "{name:<48} p50 {}  p99 {}  max {}  (longest look at the disk {})",
            ms(percentile(&latencies, 0.5)),
            ms(percentile(&latencies, 0.99)),
            ms(*latencies.last().expect("keys were typed")),
            ms(longest_look)
        );
    }
}
