//! Export speed on a 10,000-document in-memory store.
//!
//! The example corpus (`examples/corpus`) is analyzed once; its analyses
//! are then copied 10,000 times with new document ids, dates shifted by up
//! to a year (publications and events, event keys included, so events
//! merge only within a day) and person names varied over 40 variants, then
//! loaded through the RDF mapping. Measured: the projection of the store
//! (SPARQL, co-mention counting, PageRank, Barnes–Hut layout), each graph
//! writer on that projection, and the N-Quads dump. The target is under
//! 10 s per format (projection + writer).

mod common;

use common::documents;
use criterion::{criterion_group, criterion_main, Criterion};
use dossier::export::{self, Format, Meta};
use dossier::graph;
use dossier::model::{Analysis, Document, EntityKind, PartialDate};
use dossier::pipeline::Pipeline;
use dossier::store::DossierStore;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Documents in the store when benchmarking (`cargo bench`).
const DOCS: usize = 10_000;
/// Documents when `cargo test --benches` runs each benchmark once as a
/// smoke test: enough to exercise every writer, small enough for CI.
const SMOKE_DOCS: usize = 200;

/// Whether criterion was started by `cargo bench` (it passes `--bench`).
fn benchmarking() -> bool {
    std::env::args().any(|a| a == "--bench")
}

fn shift(d: &PartialDate, days: i64) -> PartialDate {
    match (d.year, d.month, d.day) {
        (Some(y), Some(m), Some(day)) => match chrono::NaiveDate::from_ymd_opt(y, m, day) {
            Some(nd) => {
                let n = nd + chrono::Duration::days(days);
                use chrono::Datelike;
                PartialDate::ymd(n.year(), n.month(), n.day())
            }
            None => d.clone(),
        },
        _ => d.clone(),
    }
}

/// A variant of an analyzed document: new id, shifted dates, varied names.
fn variant(doc: &Document, an: &Analysis, i: usize) -> (Document, Analysis) {
    let mut d = doc.clone();
    let mut a = an.clone();
    d.id = format!("{}-{i}", doc.id);
    let days = (i % 365) as i64;
    for p in &mut a.publications {
        if let Some(date) = &p.published {
            p.published = Some(shift(date, days));
        }
        if p.title.is_some() && i > 0 {
            p.title = Some(format!("{} ({i})", p.title.as_deref().unwrap_or("")));
        }
    }
    for e in &mut a.events {
        if let Some(date) = &e.date {
            let new = shift(date, days);
            e.key = e.key.replace(&date.to_string(), &new.to_string());
            e.date = Some(new);
        }
    }
    let v = i % 40;
    for e in &mut a.entities {
        if e.kind == EntityKind::Person && v > 0 {
            e.key = format!("{} {v}", e.key);
            e.name = format!("{} {v}", e.name);
        }
    }
    (d, a)
}

/// The store the CLI uses: on disk (RocksDB) in Cargo's scratch directory
/// for benches (`target/tmp`), or in memory when built without RocksDB or
/// with `EXPORT_BENCH_STORE=memory`.
/// `EXPORT_BENCH_DIR=DIR` keeps the on-disk store in DIR and reuses it in
/// later runs (building it takes minutes).
fn open_store() -> (DossierStore, &'static str, bool) {
    #[cfg(feature = "rocksdb")]
    if std::env::var("EXPORT_BENCH_STORE").as_deref() != Ok("memory") {
        let path = match std::env::var_os("EXPORT_BENCH_DIR") {
            Some(d) => PathBuf::from(d).join(format!("store-{}", if benchmarking() { DOCS } else { SMOKE_DOCS })),
            None => {
                // Cargo's scratch directory for benches, emptied first.
                let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("export-bench-store");
                let _ = std::fs::remove_dir_all(&d);
                d
            }
        };
        let existing = path.join("CURRENT").exists();
        let store = DossierStore::open(&path, dossier::store::Mode::ReadWrite).unwrap();
        return (store, "RocksDB on disk", existing);
    }
    (DossierStore::memory().unwrap(), "in memory", false)
}

fn big_store() -> DossierStore {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let pipeline = Pipeline::embedded();
    let base: Vec<(Document, Analysis)> = documents(root.join("examples/corpus"))
        .into_iter()
        .map(|d| {
            let an = pipeline.analyze(&d);
            (d, an)
        })
        .collect();
    let (store, kind, existing) = open_store();
    if existing {
        eprintln!("store: {kind}, reused: {} quads", store.len().unwrap());
        return store;
    }
    let t = Instant::now();
    let mut batch = Vec::new();
    let docs = if benchmarking() { DOCS } else { SMOKE_DOCS };
    for i in 0..docs {
        let (d, a) = &base[i % base.len()];
        let (d, a) = variant(d, a, i / base.len());
        batch.push((d.id.clone(), dossier::rdf::document_quads(&d, &a)));
        if batch.len() == 500 {
            store.bulk_replace_documents(&batch, 256).unwrap();
            batch.clear();
        }
    }
    store.bulk_replace_documents(&batch, 256).unwrap();
    eprintln!("store: {kind}");
    eprintln!("store: {docs} documents, {} quads, built in {:.1}s", store.len().unwrap(), t.elapsed().as_secs_f64());
    store
}

fn bench(c: &mut Criterion) {
    let store = big_store();
    // Where the projection's time goes: reading and counting, then layout.
    let t = Instant::now();
    let p = graph::project(store.inner(), &graph::Options { layout: false, ..Default::default() }).unwrap();
    eprintln!("projection without layout: {} nodes, {} edges in {:.2}s", p.node_count(), p.edge_count(), t.elapsed().as_secs_f64());
    let t = Instant::now();
    let p = graph::project(store.inner(), &graph::Options::default()).unwrap();
    eprintln!("projection: {} nodes, {} edges in {:.2}s", p.node_count(), p.edge_count(), t.elapsed().as_secs_f64());
    for (name, d) in &p.phases {
        eprintln!("  {name}: {:.2}s", d.as_secs_f64());
    }
    let meta = Meta::new("Benchmark", "10,000 documents");
    let mut g = c.benchmark_group("export_10k");
    g.sample_size(10).measurement_time(Duration::from_secs(20)).warm_up_time(Duration::from_secs(1));
    g.bench_function("project", |b| b.iter(|| graph::project(store.inner(), &graph::Options::default()).unwrap()));
    for f in Format::ALL {
        g.bench_function(f.as_str(), |b| {
            b.iter(|| {
                let mut out = Vec::with_capacity(64 << 20);
                export::write(&p, f, &meta, &mut out).unwrap();
                out.len()
            })
        });
    }
    g.bench_function("nquads", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(256 << 20);
            store.inner().dump_to_writer(oxigraph::io::RdfFormat::NQuads, &mut out).unwrap();
            out.len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
