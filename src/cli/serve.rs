//! `serve`: the SPARQL endpoint and explorer page of [`crate::serve`] on a
//! socket, over the store opened read-only (or read-write with
//! `--allow-update`).

use super::StoreArgs;
use crate::error::Error;
use crate::serve::{self, ServerOptions, ServerState};
use crate::store::{DossierStore, Mode};
use anyhow::{bail, Context, Result};
use clap::Args;
use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub bind: String,
    /// Require `Authorization: Bearer TOKEN` on /sparql and /graph.
    #[arg(long, env = "DOSSIER_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Accept SPARQL Update (opens the store for writing).
    #[arg(long)]
    pub allow_update: bool,
    /// Seconds before a query is cancelled.
    #[arg(long, default_value_t = 30.0)]
    pub timeout: f64,
    /// Largest request body, in bytes.
    #[arg(long, default_value_t = 1 << 20)]
    pub max_body: usize,
    /// Most rows or triples returned by a query.
    #[arg(long, default_value_t = 100_000)]
    pub max_results: usize,
    /// Saved queries offered on the page.
    #[arg(long, env = "DOSSIER_QUERIES", default_value = "examples/queries")]
    pub queries_dir: PathBuf,
    #[command(flatten)]
    pub store: StoreArgs,
}

pub fn run(a: ServeArgs) -> Result<i32> {
    let addr: SocketAddr = a
        .bind
        .to_socket_addrs()
        .with_context(|| format!("--bind {}: expected HOST:PORT", a.bind))?
        .next()
        .with_context(|| format!("--bind {}: no address", a.bind))?;
    let mode = if a.allow_update { Mode::ReadWrite } else { Mode::ReadOnly };
    let store = match DossierStore::open(&a.store.store, mode) {
        Ok(s) => s,
        Err(e @ Error::StoreLocked { .. }) => {
            bail!("{e}\n`dossier serve` cannot open the store while an ingest is writing it: retry after the ingest finishes")
        }
        Err(e) => return Err(e).with_context(|| format!("opening the store {}", a.store.store.display())),
    };
    if !serve::is_loopback(&addr) {
        eprintln!(
            "warning: {addr} is not a loopback address: anyone who can reach this machine can query the store{}",
            if a.token.is_none() { " (no --token given)" } else { "" }
        );
    }
    let saved = crate::query::saved_queries(&a.queries_dir)
        .map(|v| v.into_iter().map(|q| (q.name, q.description, q.text)).collect())
        .unwrap_or_default();
    let opts = ServerOptions {
        timeout: super::timeout(a.timeout),
        max_body: a.max_body,
        max_results: a.max_results.max(1),
        allow_update: a.allow_update,
        token: a.token.clone().filter(|t| !t.is_empty()),
    };
    let mut state = ServerState::new(store, opts);
    state.saved = saved;
    let state = Arc::new(state);
    let server = serve::spawn(state, addr).with_context(|| format!("listening on {addr}"))?;
    eprintln!(
        "serving {} on http://{addr}/ (SPARQL endpoint http://{addr}/sparql){}; Ctrl-C to stop",
        a.store.store.display(),
        if a.allow_update { ", updates allowed" } else { ", read-only" }
    );
    server.join()?;
    Ok(0)
}
