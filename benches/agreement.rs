//! Agreement over the roadmap's reference corpus (1,000 transcripts of 10,000
//! words, 300 codes, 200,000 codings by 5 coders); the target is about 1 s.
//! Run with `cargo bench --bench agreement`; MARGIN_BENCH_DOCS sets the number
//! of documents (default: the full 1,000).

use criterion::{Criterion, criterion_group, criterion_main};
use margin::analysis::agreement::{Comparison, compare};
use margin::testkit::corpus::{CorpusSize, synthetic};
use std::hint::black_box;

fn benches(c: &mut Criterion) {
    let documents = std::env::var("MARGIN_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CorpusSize::REFERENCE.documents);
    let project = synthetic(CorpusSize {
        documents,
        ..CorpusSize::REFERENCE
    });
    let coders = project.coders();
    println!(
        "corpus: {} documents, {} codes, {} codings, coders {}",
        project.documents.len(),
        project.codes.len(),
        project.coding_count(),
        coders.join(", ")
    );
    let mut group = c.benchmark_group("agreement");
    group.sample_size(10);
    let pair = Comparison::coders(coders.iter().take(2).cloned());
    group.bench_function("two coders, every code and document", |b| {
        b.iter(|| black_box(compare(&project, &pair).map(|r| r.overall.scores)))
    });
    let all = Comparison::coders(coders.iter().cloned());
    group.bench_function("all coders (alpha), every code and document", |b| {
        b.iter(|| black_box(compare(&project, &all).map(|r| r.overall.scores)))
    });
    group.finish();
}

criterion_group!(agreement, benches);
criterion_main!(agreement);
