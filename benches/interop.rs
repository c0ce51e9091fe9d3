//! REFI-QDA exchange on a generated corpus: writing a .qdpx (project.qde plus
//! every transcript, deflated) and reading one back into a project (unzip
//! within limits, parse, detect positions, build the project).
//! Run with `cargo bench --bench interop`; MARGIN_BENCH_DOCS sets the corpus
//! size (default 200 documents of 10,000 words).

use criterion::{Criterion, criterion_group, criterion_main};
use margin::interop::refi::{qde_read, qde_write};
use margin::testkit::corpus::{CorpusSize, synthetic};
use std::hint::black_box;

fn benches(c: &mut Criterion) {
    let documents = std::env::var("MARGIN_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let project = synthetic(CorpusSize {
        documents,
        ..CorpusSize::REFERENCE
    });
    let package = qde_write::write_qdpx(&project, &mut |_| {}).expect("writes");
    println!(
        "corpus: {} documents, {} codings; .qdpx {} MB",
        project.documents.len(),
        project.coding_count(),
        package.len() / 1_000_000
    );
    let mut group = c.benchmark_group("refi");
    group.sample_size(10);
    group.bench_function(format!("export qdpx, {documents} documents"), |b| {
        b.iter(|| black_box(qde_write::write_qdpx(&project, &mut |_| {}).expect("writes")))
    });
    group.bench_function(format!("import qdpx, {documents} documents"), |b| {
        b.iter(|| {
            black_box(qde_read::read_qdpx(&package, "bench.qdpx", &mut |_, _| {}).expect("reads"))
        })
    });
    group.finish();
}

criterion_group!(interop, benches);
criterion_main!(interop);
