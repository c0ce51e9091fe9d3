//! Core benchmarks on a generated corpus: loading a project, persisting one
//! coding (apply + atomic save of the one touched file), persisting an edit
//! of several files (all-or-nothing, through the intent record), noticing files
//! changed on disk (metadata only), validating, counting.
//! Run with `cargo bench --bench core`; MARGIN_BENCH_DOCS sets the corpus size
//! (default 200 documents of 10,000 words; the roadmap's reference is 1,000).

use criterion::{Criterion, criterion_group, criterion_main};
use margin::edit::Edit;
use margin::model::{CodeId, Coding, DocId};
use margin::store::Store;
use margin::testkit::corpus::{CorpusSize, synthetic};
use std::hint::black_box;

fn size() -> CorpusSize {
    let documents = std::env::var("MARGIN_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    CorpusSize {
        documents,
        ..CorpusSize::REFERENCE
    }
}

fn benches(c: &mut Criterion) {
    let size = size();
    let project = synthetic(size);
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("corpus");
    Store::create(&dir, &project).expect("writes the corpus");
    println!(
        "corpus: {} documents, {} codes, {} codings",
        project.documents.len(),
        project.codes.len(),
        project.coding_count()
    );

    let mut group = c.benchmark_group("store");
    group.sample_size(10);
    group.bench_function(format!("load {} documents", size.documents), |b| {
        b.iter(|| black_box(Store::open(&dir).expect("loads")))
    });
    group.finish();

    let (mut loaded, mut store) = Store::open(&dir).expect("loads");
    // What the workbench runs about once a second when idle.
    c.bench_function(
        &format!("detect external changes ({} documents)", size.documents),
        |b| b.iter(|| black_box(store.changes_on_disk())),
    );
    let doc = DocId::new("D0000");
    c.bench_function("persist one coding (apply + save, then undo + save)", |b| {
        b.iter(|| {
            let edit = Edit::AddCoding {
                doc: doc.clone(),
                coder: "coder0".into(),
                coding: Coding::new(CodeId::new("code-000"), 7, 19),
            };
            let inverse = edit.clone().apply(&mut loaded).expect("applies");
            store.save_edit(&loaded, &edit).expect("saves");
            inverse.clone().apply(&mut loaded).expect("undoes");
            store.save_edit(&loaded, &inverse).expect("saves");
        })
    });

    // An edit of several files goes through the intent record (txn.rs):
    // temporary files, the record, the renames, the record removed.
    let docs: Vec<DocId> = loaded.documents.keys().take(10).cloned().collect();
    c.bench_function(
        &format!(
            "persist an edit of {} files, all-or-nothing (then undo)",
            docs.len()
        ),
        |b| {
            b.iter(|| {
                let edit = Edit::Batch {
                    label: "bench".into(),
                    edits: docs
                        .iter()
                        .map(|doc| Edit::AddCoding {
                            doc: doc.clone(),
                            coder: "coder0".into(),
                            coding: Coding::new(CodeId::new("code-000"), 7, 19),
                        })
                        .collect(),
                };
                let inverse = edit.clone().apply(&mut loaded).expect("applies");
                store.save_edit(&loaded, &edit).expect("saves");
                inverse.clone().apply(&mut loaded).expect("undoes");
                store.save_edit(&loaded, &inverse).expect("saves");
            })
        },
    );

    let mut group = c.benchmark_group("analysis");
    group.sample_size(10);
    group.bench_function("validate (margin check)", |b| {
        b.iter(|| black_box(margin::check::validate(&dir, &loaded)))
    });
    group.bench_function("stats", |b| {
        b.iter(|| black_box(margin::analysis::stats::compute(&loaded)))
    });
    group.finish();
}

criterion_group!(core, benches);
criterion_main!(core);
