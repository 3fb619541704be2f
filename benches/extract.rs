//! Steady-state throughput of `extract --format jsonl` on one core: read the
//! CoNLL-2003 dev set once (the texts the actors issue measures), then
//! analyze every document and write its JSON line, as `dossier extract -j 1`
//! does, in each iteration. Process start-up and the reading of the file
//! are outside the timing; `bench/extract_speed.sh` measures the whole
//! command, start-up included. Each iteration of `conll_dev_jsonl` starts
//! with the tagger's per-thread word cache dropped, as a fresh process has
//! it; `conll_dev_jsonl_words_cached` keeps it, for comparison.
//!
//! The throughput is in bytes of document text (the `text` fields), the
//! unit of the "MB of text per second"; the target is 2 MB/s.
//!
//! Input: `$DOSSIER_BENCH_GOLD`, or `../shared/data/conll2003/dev.jsonl`
//! beside the repository. Without it the bench says so and measures nothing.

mod common;

use common::documents;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dossier::pipeline::Pipeline;
use dossier::recognize::tagger;
use std::path::PathBuf;

fn input() -> Option<PathBuf> {
    let p = match std::env::var_os("DOSSIER_BENCH_GOLD") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/conll2003/dev.jsonl"),
    };
    p.is_file().then_some(p)
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
    let run = |out: &mut Vec<u8>| {
        out.clear();
        for d in &docs {
            let an = pipeline.analyze(std::hint::black_box(d));
            dossier::cli::json::write_document(d, &an, out).expect("serialize");
        }
        out.len()
    };
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(text_bytes as u64));
    g.sample_size(20);
    // The figure to quote: each pass starts with the tagger's word cache
    // empty, as a process reading the file once does (the cache keeps what
    // the tagger works out per word type, across documents).
    g.bench_function("conll_dev_jsonl", |b| {
        b.iter(|| {
            tagger::clear_thread_cache();
            run(&mut out)
        })
    });
    // The same text again with the cache kept from the previous pass: every
    // word is known. An upper bound, approached on a long run over text
    // with a small vocabulary, not a figure for CoNLL dev.
    g.bench_function("conll_dev_jsonl_words_cached", |b| b.iter(|| run(&mut out)));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
