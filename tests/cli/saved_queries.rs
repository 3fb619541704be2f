//! The saved queries of `examples/queries` and the graph exports, run
//! against an in-memory store holding `examples/corpus` analyzed by the
//! real pipeline (no RocksDB needed).

use dossier::corpus::{self, Item, ReadOptions, Reader};
use dossier::export::{self, Format, Meta};
use dossier::graph;
use dossier::pipeline::Pipeline;
use dossier::query::{self, Output};
use dossier::store::DossierStore;
use super::root;
use std::path::PathBuf;

/// `examples/corpus` in an in-memory store, as `dossier ingest` loads it.
fn example_store() -> DossierStore {
    let opts = ReadOptions::default();
    let (inputs, skips) = corpus::inputs(&[root().join("examples/corpus")], &opts);
    assert!(skips.is_empty(), "{skips:?}");
    let mut reader = Reader::new(opts);
    let pipeline = Pipeline::embedded();
    let mut docs = Vec::new();
    for item in reader.read_all(&inputs) {
        if let Item::Doc(d, _) = item {
            let an = pipeline.analyze(&d);
            docs.push((d.id.clone(), dossier::rdf::document_quads(&d, &an)));
        }
    }
    assert!(docs.len() >= 6, "{}", docs.len());
    let store = DossierStore::memory().unwrap();
    store.replace_documents(&docs).unwrap();
    store
}

/// Example values for the variables the saved queries take.
fn params(name: &str) -> Vec<(&'static str, &'static str)> {
    match name {
        "coverage-by-date-country" => vec![("country", "JO"), ("from", "2024-01-27"), ("to", "2024-01-29")],
        "events-country-range" => vec![("country", "JO"), ("from", "2024-01-01"), ("to", "2024-12-31")],
        "country-pair-events" => vec![("a", "IR"), ("b", "PK")],
        "co-mentioned-people" | "entity-mentions" => vec![("name", "Joe Biden")],
        "publications" => vec![("author", "Farah Qureshi")],
        _ => vec![],
    }
}

fn rows(out: &Output) -> usize {
    match out {
        Output::Solutions { rows, .. } => rows.len(),
        Output::Boolean(_) => 1,
        Output::Graph { triples, .. } => triples.len(),
    }
}

#[test]
fn every_saved_query_parses_and_runs_on_the_example_corpus() {
    let store = example_store();
    let saved = query::saved_queries(&root().join("examples/queries")).unwrap();
    assert!(saved.len() >= 10, "{}", saved.len());
    let mut answered = Vec::new();
    for q in &saved {
        assert!(!q.description.is_empty(), "{} has no description line", q.name);
        // Without parameters: parses and runs (unbound variables match anything or nothing).
        let bare = query::evaluate(store.inner(), &q.text, &query::Options::default());
        assert!(bare.is_ok(), "{}: {:?}", q.name, bare.err());
        // With example parameters.
        let bindings = params(&q.name).into_iter().map(|(k, v)| (k.to_string(), query::parse_param(v))).collect();
        let out = query::evaluate(store.inner(), &q.text, &query::Options { bindings, ..Default::default() })
            .unwrap_or_else(|e| panic!("{}: {e}", q.name));
        // Every result can be written in its default format.
        let mut buf = Vec::new();
        match &out {
            Output::Graph { .. } => query::write_graph(&out, query::GraphFormat::Turtle, &mut buf).unwrap(),
            _ => query::write_solutions(&out, query::SolutionsFormat::Json, &mut buf).unwrap(),
        }
        if rows(&out) > 0 {
            answered.push(q.name.clone());
        }
    }
    // The questions the README shows answer on the example corpus.
    for name in ["coverage-by-date-country", "events-country-range", "countries", "publications", "actor-network", "co-mentioned-people", "entity-mentions"] {
        assert!(answered.contains(&name.to_string()), "{name} returned nothing; answered: {answered:?}");
    }
}

#[test]
fn the_actor_network_query_projects_as_a_graph() {
    let store = example_store();
    let text = std::fs::read_to_string(root().join("examples/queries/actor-network.rq")).unwrap();
    let p = graph::project(store.inner(), &graph::Options { construct: Some(text), ..Default::default() }).unwrap();
    assert!(p.node_count() > 3 && p.edge_count() > 2);
    assert!(p.nodes().all(|(_, n)| n.kind != graph::NodeKind::Other));
}

/// With `DOSSIER_EXPORT_DIR` set, write every format of the example corpus
/// there (to look at; `tools/check_exports.sh` does it with the binary).
#[test]
fn example_corpus_exports() {
    let store = example_store();
    let p = graph::project(store.inner(), &graph::Options::default()).unwrap();
    assert!(p.node_count() > 30, "{}", p.node_count());
    let dir = std::env::var_os("DOSSIER_EXPORT_DIR").map(PathBuf::from);
    for f in Format::ALL {
        let mut buf = Vec::new();
        export::write(&p, f, &Meta::new("Example corpus", "examples/corpus"), &mut buf).unwrap();
        assert!(buf.len() > 1000);
        if let Some(d) = &dir {
            std::fs::create_dir_all(d).unwrap();
            std::fs::write(d.join(format!("graph.{}", f.extension())), &buf).unwrap();
        }
    }
}
