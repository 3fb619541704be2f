//! Store: the embedded, persistent Oxigraph database.
//!
//! One directory (default `./dossier.db`) holds the RocksDB files,
//! `dossier.lock` and `dossier.ready` (written once the store's creation has
//! completed, so a writer killed while creating it leaves nothing a reader
//! trips on). Writers take an exclusive lock on that file and readers a
//! shared one, so a reader never opens the database beside a live writer
//! (Oxigraph's read-only open beside a writer is undefined behaviour) and a
//! second writer gets an error naming the holder. Every document lives in
//! its own named graph; replacing a document clears its graph and inserts
//! the new quads in one transaction, so re-ingesting is idempotent and a
//! crash leaves either the old or the new graph.

use crate::error::{Error, Result};
use crate::rdf::{self, vocab};
use fs2::FileExt;
use oxigraph::model::{GraphNameRef, NamedNode, Quad};
use oxigraph::store::Store;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The default store directory.
pub const DEFAULT_PATH: &str = "dossier.db";
const LOCK_FILE: &str = "dossier.lock";
/// Present once the store's creation has completed (see [`DossierStore::open`]).
pub const READY_FILE: &str = "dossier.ready";

/// How a store is opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    ReadWrite,
    ReadOnly,
}

/// An open store with its lock.
pub struct DossierStore {
    store: Store,
    path: Option<PathBuf>,
    _lock: Option<File>,
}

/// Counts shown by `dossier stats` and after `ingest`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub quads: usize,
    pub documents: usize,
    pub publications: usize,
    pub persons: usize,
    pub organizations: usize,
    pub countries: usize,
    pub places: usize,
    pub events: usize,
    pub mentions: usize,
}

impl DossierStore {
    /// An in-memory store (tests, one-shot runs).
    pub fn memory() -> Result<Self> {
        Ok(DossierStore { store: Store::new()?, path: None, _lock: None })
    }

    /// Open the store at `path`, creating it when writing.
    ///
    /// Creating a RocksDB database is several steps (the `CURRENT` file
    /// first, then one column family after another), so a writer killed
    /// during creation leaves a database that a read-only open rejects. A
    /// writer therefore marks a store complete with [`READY_FILE`] once its
    /// first open has returned and been flushed. A reader that finds
    /// `CURRENT` without the mark finishes the creation first, as a writer
    /// (RocksDB adds the missing column families), then opens read-only.
    pub fn open(path: &Path, mode: Mode) -> Result<Self> {
        if mode == Mode::ReadOnly && !path.join("CURRENT").exists() {
            return Err(Error::NoStore(path.to_path_buf()));
        }
        std::fs::create_dir_all(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
        let mut held = lock(path, mode)?;
        if mode == Mode::ReadOnly && !path.join(READY_FILE).exists() {
            drop(held);
            drop(DossierStore::open(path, Mode::ReadWrite)?);
            held = lock(path, mode)?;
        }
        let store = open_rocksdb(path, mode)?;
        if mode == Mode::ReadWrite && !path.join(READY_FILE).exists() {
            mark_ready(&store, path)?;
        }
        Ok(DossierStore { store, path: Some(path.to_path_buf()), _lock: Some(held) })
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn inner(&self) -> &Store {
        &self.store
    }

    /// Replace the graphs of these documents with the given quads, in one
    /// transaction. Each entry is (document id, quads of its graph).
    pub fn replace_documents(&self, docs: &[(String, Vec<Quad>)]) -> Result<()> {
        let mut tx = self.store.start_transaction()?;
        for (id, quads) in docs {
            let g = rdf::graph_iri(id);
            tx.clear_graph(GraphNameRef::NamedNode(g.as_ref()))?;
            tx.extend(quads.iter());
        }
        tx.commit()?;
        Ok(())
    }

    /// Load the graphs of these documents with Oxigraph's bulk loader
    /// (sorted runs written straight to the database files: several times
    /// faster than transactions for big loads), keeping the one-graph-per-
    /// document rule: graphs of these documents already in the store are
    /// first cleared in one transaction. The load itself commits atomically,
    /// so after a crash each document's graph is absent, old or new, never
    /// partial; a re-run completes the store. `max_memory_mb` bounds the
    /// loader's buffers.
    pub fn bulk_replace_documents(&self, docs: &[(String, Vec<Quad>)], max_memory_mb: usize) -> Result<()> {
        if docs.is_empty() {
            return Ok(());
        }
        let mut present = Vec::new();
        for (id, _) in docs {
            let g = rdf::graph_iri(id);
            if self.store.contains_named_graph(g.as_ref())? {
                present.push(g);
            }
        }
        if !present.is_empty() {
            let mut tx = self.store.start_transaction()?;
            for g in &present {
                tx.clear_graph(GraphNameRef::NamedNode(g.as_ref()))?;
            }
            tx.commit()?;
        }
        let mut loader = self.store.bulk_loader().with_max_memory_size_in_megabytes(max_memory_mb.max(16));
        loader.load_quads(docs.iter().flat_map(|(_, quads)| quads.iter().cloned()))?;
        loader.commit()?;
        Ok(())
    }

    /// Remove a document's graph.
    pub fn remove_document(&self, id: &str) -> Result<()> {
        let g = rdf::graph_iri(id);
        self.store.remove_named_graph(g.as_ref())?;
        Ok(())
    }

    /// Load quads as they are (e.g. an N-Quads dump), in one transaction.
    pub fn insert_quads(&self, quads: impl IntoIterator<Item = Quad>) -> Result<usize> {
        let mut tx = self.store.start_transaction()?;
        let mut n = 0;
        for q in quads {
            tx.insert(&q);
            n += 1;
        }
        tx.commit()?;
        Ok(n)
    }

    pub fn len(&self) -> Result<usize> {
        Ok(self.store.len()?)
    }

    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.store.is_empty()?)
    }

    /// Counts of the main kinds of resources.
    pub fn stats(&self) -> Result<Stats> {
        let count_class = |ns: &str, class: &str| -> Result<usize> {
            let q = format!("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a <{ns}{class}> }}");
            count(&self.store, &q)
        };
        Ok(Stats {
            quads: self.store.len()?,
            documents: self
                .store
                .named_graphs()
                .filter(|g| !matches!(g, Ok(oxigraph::model::NamedOrBlankNode::NamedNode(n)) if rdf::is_shared_graph(n.as_str())))
                .count(),
            publications: count_class(vocab::SCHEMA, "Article")?,
            persons: count_class(vocab::SCHEMA, "Person")?,
            organizations: count_class(vocab::SCHEMA, "Organization")?,
            countries: count_class(vocab::SCHEMA, "Country")?,
            places: count_class(vocab::SCHEMA, "Place")?,
            events: count_class(vocab::SEM, "Event")?,
            mentions: count_class(vocab::DOSSIER, "Mention")?,
        })
    }

    /// Flush to disk (after big loads).
    pub fn optimize(&self) -> Result<()> {
        #[cfg(feature = "rocksdb")]
        if self.path.is_some() {
            self.store.flush()?;
        }
        Ok(())
    }
}

#[cfg(feature = "rocksdb")]
fn open_rocksdb(path: &Path, mode: Mode) -> Result<Store> {
    Ok(match mode {
        Mode::ReadWrite => Store::open(path)?,
        Mode::ReadOnly => Store::open_read_only(path)?,
    })
}

/// Flush a store that a writer has just opened and record that its creation
/// is complete. The mark is written beside and renamed into place, so it is
/// either absent or whole.
fn mark_ready(store: &Store, dir: &Path) -> Result<()> {
    #[cfg(feature = "rocksdb")]
    store.flush()?;
    #[cfg(not(feature = "rocksdb"))]
    let _ = store;
    let tmp = dir.join(format!("{READY_FILE}.tmp"));
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    std::fs::write(&tmp, format!("created by dossier {}\n", env!("CARGO_PKG_VERSION"))).map_err(io(&tmp))?;
    let ready = dir.join(READY_FILE);
    std::fs::rename(&tmp, &ready).map_err(io(&ready))?;
    Ok(())
}

#[cfg(not(feature = "rocksdb"))]
fn open_rocksdb(path: &Path, _mode: Mode) -> Result<Store> {
    Err(Error::Invalid(format!(
        "cannot open {}: this dossier was built without the `rocksdb` feature (in-memory store only)",
        path.display()
    )))
}

fn count(store: &Store, q: &str) -> Result<usize> {
    use oxigraph::sparql::{QueryResults, SparqlEvaluator};
    let mut prepared = SparqlEvaluator::new().parse_query(q)?;
    prepared.dataset_mut().set_default_graph_as_union();
    if let QueryResults::Solutions(mut sols) = prepared.on_store(store).execute()? {
        if let Some(sol) = sols.next() {
            let sol = sol?;
            if let Some(oxigraph::model::Term::Literal(l)) = sol.get("n") {
                return Ok(l.value().parse().unwrap_or(0));
            }
        }
    }
    Ok(0)
}

/// Take the store lock: exclusive for writers, shared for readers. On
/// failure, name the holder recorded in the lock file.
fn lock(dir: &Path, mode: Mode) -> Result<File> {
    let path = dir.join(LOCK_FILE);
    let mut f = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|source| Error::Io { path: path.clone(), source })?;
    let got = match mode {
        Mode::ReadWrite => f.try_lock_exclusive(),
        Mode::ReadOnly => FileExt::try_lock_shared(&f),
    };
    if got.is_err() {
        let mut holder = String::new();
        let _ = f.read_to_string(&mut holder);
        let holder = holder.trim();
        let holder = if holder.is_empty() { "unknown process".to_string() } else { holder.to_string() };
        return Err(Error::StoreLocked { path: dir.to_path_buf(), holder });
    }
    // Record who holds it, for the error another process will show.
    let role = if mode == Mode::ReadWrite { "writer" } else { "reader" };
    let me = format!(
        "{role} pid {} running `{}`",
        std::process::id(),
        std::env::args().collect::<Vec<_>>().join(" ")
    );
    let _ = f.set_len(0);
    let _ = f.seek(SeekFrom::Start(0));
    let _ = f.write_all(me.as_bytes());
    let _ = f.flush();
    Ok(f)
}

/// The IRI of a document's named graph (re-exported for callers that
/// delete by id).
pub fn document_graph(id: &str) -> NamedNode {
    rdf::graph_iri(id)
}
