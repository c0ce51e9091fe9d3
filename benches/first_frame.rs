//! Launch to first frame, as a user meets it: the real `margin` binary in a
//! pseudo-terminal on the reference corpus, timed from the moment it is
//! started until the first document's text is on the screen, and until the
//! whole project is loaded and indexed (the loading gauge gone). Target: the
//! first usable frame in 150 ms.
//!
//! ```sh
//! cargo run --release --example gen-corpus -- /tmp/reference
//! MARGIN_REFERENCE=/tmp/reference cargo bench --bench first_frame
//! ```
//!
//! The corpus is copied to a scratch folder first (opening a project may
//! write beside it: a copy of each transcript as its codings see it) and
//! never written. MARGIN_BENCH_RUNS sets the launches (default 5).

#[path = "../tests/common/pty.rs"]
#[allow(dead_code)]
mod pty;

use std::time::{Duration, Instant};

fn main() {
    let runs = margin::testkit::corpus::bench_runs();
    // A whole load on a busy machine can take seconds; the harness's waits
    // are for tests.
    // SAFETY: set before any thread of this process starts.
    unsafe { std::env::set_var("MARGIN_TEST_TIMEOUT_SECS", "60") };
    let Some((_, dir, _scratch)) = margin::testkit::corpus::reference_copy() else {
        return;
    };
    let mut docs = margin::store::document_ids(&dir).expect("documents");
    docs.sort();
    let first = docs.first().expect("a document").to_string();
    let dir_arg = dir.to_str().expect("a UTF-8 path").to_string();

    // One launch unmeasured: the page cache then holds the corpus, as it
    // does for a user who opens the study they worked on yesterday.
    launch(&dir_arg, &first);
    let mut frames = Vec::new();
    let mut loads = Vec::new();
    for _ in 0..runs {
        let (frame, loaded) = launch(&dir_arg, &first);
        frames.push(frame);
        loads.push(loaded);
    }
    println!(
        "{} documents; median of {runs} launches (whole process, 120x40 pseudo-terminal):",
        docs.len()
    );
    println!(
        "  launch to first usable frame: {} (target 150 ms; all: {})",
        ms(median(&mut frames)),
        all(&frames)
    );
    println!(
        "  launch to everything loaded:  {} (all: {})",
        ms(median(&mut loads)),
        all(&loads)
    );
}

/// Starts margin on `dir`, waits for the first frame (`first`'s transcript
/// and, on the last rows, the line saying the rest is being read), then for
/// the status line saying every document is read; quits. Returns both times
/// from the start.
fn launch(dir: &str, first: &str) -> (Duration, Duration) {
    let start = Instant::now();
    let mut tui = pty::Tui::spawn(&[dir], 120, 40, &[("MARGIN_CODER", "coder0")]);
    tui.wait_until("the first frame", |screen| {
        let text = screen.contents();
        text.contains(first) && text.contains("loading the project")
    });
    let frame = start.elapsed();
    tui.wait_for_text("documents read in");
    let loaded = start.elapsed();
    tui.send("q");
    tui.wait_exit();
    (frame, loaded)
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn all(times: &[Duration]) -> String {
    times.iter().map(|t| ms(*t)).collect::<Vec<_>>().join(", ")
}
