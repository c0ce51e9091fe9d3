//! Refactor benchmarks on the synthetic corpus: planning a merge (re-pointing
//! and joining codings across every document), and each refactor as the
//! analyst feels it — plan, apply, save the touched files, then undo and save
//! again so every iteration starts from the same project.
//! Run with `cargo bench --bench refactor`; MARGIN_BENCH_DOCS sets the corpus
//! size (default 200 documents of 10,000 words; the roadmap's reference is 1,000).

use criterion::{Criterion, criterion_group, criterion_main};
use margin::edit::Edit;
use margin::model::{CodeId, Project, ThemeId};
use margin::refactor::{self, Placement, Stamp};
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

/// Applies and saves `edit`, then its inverse: one refactor and its undo.
fn round_trip(project: &mut Project, store: &mut Store, edit: Edit) {
    let inverse = edit.clone().apply(project).expect("applies");
    store.save_edit(project, &edit).expect("saves");
    inverse.clone().apply(project).expect("undoes");
    store.save_edit(project, &inverse).expect("saves the undo");
}

fn benches(c: &mut Criterion) {
    let size = size();
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("corpus");
    Store::create(&dir, &synthetic(size)).expect("writes the corpus");
    let (mut project, mut store) = Store::open(&dir).expect("loads");
    let stamp = Stamp::now("bench", "");
    let (a, b) = (CodeId::new("code-001"), CodeId::new("code-002"));
    println!(
        "corpus: {} documents, {} codings; merging {} codings into {}",
        project.documents.len(),
        project.coding_count(),
        project.code_usage(&a).0,
        project.code_usage(&b).0
    );

    let mut group = c.benchmark_group("refactor");
    group.sample_size(10);
    group.bench_function("plan a merge of two codes", |bench| {
        bench.iter(|| {
            black_box(refactor::merge_codes(
                &project,
                std::slice::from_ref(&a),
                &b,
                &stamp,
            ))
        })
    });
    group.bench_function(
        "merge two codes (plan + apply + save, then undo + save)",
        |bench| {
            bench.iter(|| {
                let planned = refactor::merge_codes(&project, std::slice::from_ref(&a), &b, &stamp)
                    .expect("plans");
                round_trip(&mut project, &mut store, planned.edit);
            })
        },
    );
    group.bench_function(
        "rename a code (plan + apply + save, then undo + save)",
        |bench| {
            bench.iter(|| {
                let planned =
                    refactor::rename_code(&project, &a, "Renamed", &stamp).expect("plans");
                round_trip(&mut project, &mut store, planned.edit);
            })
        },
    );
    let last_theme = margin::model::theme::walk(&project.themes)
        .last()
        .map(|(_, t)| t.id.clone())
        .unwrap_or_else(|| ThemeId::new("none"));
    let into = Placement::Theme {
        theme: last_theme,
        index: Some(0),
    };
    group.bench_function(
        "move a code (plan + apply + save, then undo + save)",
        |bench| {
            bench.iter(|| {
                let planned = refactor::move_code(&project, &a, &into, &stamp).expect("plans");
                round_trip(&mut project, &mut store, planned.edit);
            })
        },
    );
    group.finish();
}

criterion_group!(refactor_benches, benches);
criterion_main!(refactor_benches);
