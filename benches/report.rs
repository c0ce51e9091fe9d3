//! The write-up on the reference corpus (1,000 documents of 10,000 words, 300
//! codes, 40 themes, 200,000 codings): building and rendering each report
//! format from a loaded project, and the codings CSV export. Target: a report
//! in under 2 s. Run with `cargo bench --bench report`; MARGIN_BENCH_DOCS
//! sets the number of documents (default: the reference 1,000).

use criterion::{Criterion, criterion_group, criterion_main};
use margin::report::{Format, Options, Provenance, render};
use margin::testkit::corpus::{CorpusSize, synthetic};
use std::hint::black_box;

fn benches(c: &mut Criterion) {
    let documents = std::env::var("MARGIN_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let project = synthetic(CorpusSize {
        documents,
        ..CorpusSize::REFERENCE
    });
    println!(
        "corpus: {} documents, {} codes, {} codings",
        project.documents.len(),
        project.codes.len(),
        project.coding_count()
    );
    let provenance = Provenance {
        commit: Some("0".repeat(40)),
        dirty: false,
    };
    let options = Options {
        quotes: 3,
        ..Options::default()
    };
    let mut group = c.benchmark_group("report");
    group.sample_size(10);
    for (name, format) in [
        ("markdown", Format::Markdown),
        ("html", Format::Html),
        ("docx", Format::Docx),
    ] {
        group.bench_function(format!("{name} ({documents} documents)"), |b| {
            b.iter(|| {
                black_box(
                    render(&project, &provenance, &options, format, &mut |_, _| {})
                        .expect("renders"),
                )
            })
        });
    }
    group.bench_function(format!("codings csv ({documents} documents)"), |b| {
        b.iter(|| {
            black_box(margin::report::exports::codings_table(&project, &mut |_, _| {}).to_csv())
        })
    });
    group.finish();
}

criterion_group!(report, benches);
criterion_main!(report);
