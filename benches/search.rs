//! Project-wide search beside ripgrep on the same transcripts: `margin
//! search` (the whole process, output to a pipe as a user would read it) and
//! the workbench's `S` search (key, pattern, Enter, on a loaded project).
//! Both must stay within 2x of `rg --vimgrep` (case-insensitive for the
//! workbench, whose lower-case patterns ignore case).
//!
//! Run with `cargo bench --bench search`; MARGIN_CORPUS=/tmp/reference runs
//! on an existing project (the reference corpus, from `cargo run --release
//! --example gen-corpus -- /tmp/reference`), otherwise a corpus of
//! MARGIN_BENCH_DOCS documents (default 200) is generated.

use criterion::{Criterion, criterion_group, criterion_main};
use margin::store::Store;
use margin::tui::driver::Driver;
use std::path::Path;
use std::process::{Command, Stdio};

const PATTERN: &str = "cr[a-z]ck";

/// Runs a search command with its output read through a pipe and thrown
/// away (ripgrep stops at the first match when it sees /dev/null).
fn run_piped(program: &Path, args: &[&str]) {
    let mut child = Command::new(program)
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .expect("the search runs");
    let mut out = child.stdout.take().expect("piped");
    std::io::copy(&mut out, &mut std::io::sink()).expect("reads the output");
    let status = child.wait().expect("ends");
    assert!(
        matches!(status.code(), Some(0 | 1)),
        "{program:?}: {status}"
    );
}

fn benches(c: &mut Criterion) {
    let (dir, _tmp) = margin::testkit::corpus::bench_corpus();
    let dir_arg = dir.to_str().expect("a UTF-8 path");
    let documents = dir.join("documents");
    let docs_arg = documents.to_str().expect("a UTF-8 path");
    let rg = Path::new("rg");
    let has_rg = Command::new(rg).arg("--version").output().is_ok();

    let mut group = c.benchmark_group("search");
    group.sample_size(10);
    let margin = Path::new(env!("CARGO_BIN_EXE_margin"));
    group.bench_function(format!("margin search /{PATTERN}/ (CLI)"), |b| {
        b.iter(|| run_piped(margin, &["search", dir_arg, PATTERN]))
    });
    if has_rg {
        group.bench_function(format!("rg --vimgrep /{PATTERN}/"), |b| {
            b.iter(|| run_piped(rg, &["--vimgrep", PATTERN, docs_arg, "--glob", "*.txt"]))
        });
        group.bench_function(format!("rg -i --vimgrep /{PATTERN}/"), |b| {
            b.iter(|| {
                run_piped(
                    rg,
                    &["-i", "--vimgrep", PATTERN, docs_arg, "--glob", "*.txt"],
                )
            })
        });
    }

    // The workbench searches as a job stepped between key reads and draws
    // (so keys are never held up): the driver runs it to its end, as the
    // event loop does.
    let (project, _) = Store::open(&dir).expect("the corpus opens");
    let mut workbench = Driver::new(project, (120, 40));
    group.bench_function(format!("workbench S /{PATTERN}/ (smart case)"), |b| {
        b.iter(|| {
            workbench
                .press("S")
                .type_text(PATTERN)
                .press("enter")
                .finish_jobs();
            assert!(workbench.overlay().is_some(), "the hits are listed");
            workbench.press("esc");
        })
    });
    group.finish();
}

criterion_group!(search, benches);
criterion_main!(search);
