//! Steady-state throughput of `extract --format jsonl` on one core: read the
//! CoNLL-2003 dev set once (the texts the actors issue measures), then
//! analyze every document and write its JSON line, as `dossier extract -j 1`
//! does, in each iteration. Process start-up and the reading of the file
//! are outside the timing; `bench/extract_speed.sh` measures the whole
//! command, start-up included.
//!
//! The throughput is in bytes of document text (the `text` fields), the
//! unit of the "MB of text per second"; the target is 2 MB/s.
//!
//! Input: `$DOSSIER_BENCH_GOLD`, or `../shared/data/conll2003/dev.jsonl`
//! beside the repository. Without it the bench says so and measures nothing.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dossier::corpus::{self, Item, ReadOptions, Reader};
use dossier::model::Document;
use dossier::pipeline::Pipeline;
use std::path::PathBuf;

fn input() -> Option<PathBuf> {
    let p = match std::env::var_os("DOSSIER_BENCH_GOLD") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/conll2003/dev.jsonl"),
    };
    p.is_file().then_some(p)
}

fn documents(path: PathBuf) -> Vec<Document> {
    let opts = ReadOptions::default();
    let (inputs, skips) = corpus::inputs(&[path], &opts);
    assert!(skips.is_empty(), "input skipped: {skips:?}");
    let mut reader = Reader::new(opts);
    reader
        .read_all(&inputs)
        .filter_map(|item| match item {
            Item::Doc(doc, _) => Some(doc),
            Item::Skip(s) => panic!("document skipped: {s}"),
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let Some(path) = input() else {
        eprintln!("extract bench: no CoNLL-2003 dev file (set DOSSIER_BENCH_GOLD); nothing measured");
        return;
    };
    let docs = documents(path);
    let text_bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let pipeline = Pipeline::embedded();
    // The embedded model and tables load on first use: load them before
    // timing, as a long run would have.
    let mut out = Vec::with_capacity(text_bytes * 4);
    for d in docs.iter().take(1) {
        dossier::cli::json::write_document(d, &pipeline.analyze(d), &mut out).expect("serialize");
    }
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(text_bytes as u64));
    g.sample_size(20);
    g.bench_function("conll_dev_jsonl", |b| {
        b.iter(|| {
            out.clear();
            for d in &docs {
                let an = pipeline.analyze(std::hint::black_box(d));
                dossier::cli::json::write_document(d, &an, &mut out).expect("serialize");
            }
            out.len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
