//! Typed errors of the library. The binary wraps them with `anyhow`.

use std::path::PathBuf;

/// What went wrong, by kind. New kinds may be added.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Another process holds the store.
    #[error("the store {path} is in use by another process ({holder}); wait for it to finish or use another --store")]
    StoreLocked { path: PathBuf, holder: String },
    /// The store does not exist.
    #[error("no store at {0}: run `dossier ingest` first, or pass --store")]
    NoStore(PathBuf),
    #[error("store error: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
    #[error("SPARQL syntax error: {0}")]
    QuerySyntax(#[from] oxigraph::sparql::SparqlSyntaxError),
    #[error("query failed: {0}")]
    QueryEvaluation(#[from] oxigraph::sparql::QueryEvaluationError),
    #[error("the query ran longer than the {0:?} timeout and was cancelled")]
    Timeout(std::time::Duration),
    #[error("{0}")]
    Invalid(String),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Output(#[from] std::io::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
