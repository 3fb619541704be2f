//! `push`: send a store's quads, or N-Quads files, to any SPARQL 1.1 Graph
//! Store HTTP Protocol endpoint (Oxigraph's `/store`, Fuseki's `/data`,
//! GraphDB, Virtuoso's `/sparql-graph-crud`, …), one named graph per request.
//!
//! The first request for a graph is a `PUT ?graph=IRI` (replace), so a
//! re-push leaves the endpoint with exactly the store's graphs; later parts of
//! the same graph in a file where it is not contiguous are `POST`ed (merge).
//! Transient failures (connection errors, 408, 429, 5xx) are retried with
//! exponential back-off; other refusals fail that graph at once. The run
//! goes on after a failed graph, names every failure, and exits with 1 if
//! any graph could not be sent. Files are streamed: memory holds one graph.
//!
//! This is CLI code: it is the only place besides `serve` that touches the
//! network, and only when the user asks for it.

use super::StoreArgs;
use crate::store::{DossierStore, Mode};
use anyhow::{bail, Context, Result};
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use oxhttp::model::header::{AUTHORIZATION, CONTENT_TYPE};
use oxhttp::model::{Method, Request, StatusCode};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphName, GraphNameRef, NamedOrBlankNode, Quad, Triple};
use std::collections::HashSet;
use std::io::{IsTerminal, Read as _};
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(Args, Debug)]
pub struct PushArgs {
    /// The Graph Store endpoint, e.g. http://127.0.0.1:7878/store (Oxigraph server).
    #[arg(long)]
    pub endpoint: String,
    /// N-Quads files to send (from `extract --format nquads` or `export`); without them, the store.
    pub inputs: Vec<PathBuf>,
    /// Attempts per graph before giving up on it.
    #[arg(long, default_value_t = 5)]
    pub retries: u32,
    /// Seconds before one request is abandoned (and retried).
    #[arg(long, default_value_t = 60.0)]
    pub timeout: f64,
    /// Send `Authorization: Bearer TOKEN`.
    #[arg(long, env = "DOSSIER_PUSH_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// No progress bar or summary.
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub store: StoreArgs,
}

/// What happened to one graph.
enum Sent {
    Ok { attempts: u32 },
    Failed(String),
}

struct Pusher {
    client: oxhttp::Client,
    endpoint: String,
    token: Option<String>,
    retries: u32,
    started: HashSet<GraphName>,
    graphs: usize,
    triples: usize,
    retried: usize,
    failed: Vec<(String, String)>,
}

impl Pusher {
    /// Send one graph's triples: PUT the first time, POST after.
    fn send(&mut self, graph: &GraphName, triples: &[Triple]) -> Result<()> {
        let mut body = Vec::with_capacity(triples.len() * 120);
        let mut ser = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(&mut body);
        for t in triples {
            ser.serialize_triple(t)?;
        }
        ser.finish()?;
        let first = self.started.insert(graph.clone());
        // The shared graph collects what every document says about
        // entities and events: it is added to, never replaced.
        let shared = matches!(graph, GraphName::NamedNode(n) if crate::rdf::is_shared_graph(n.as_str()));
        let method = if first && !shared { Method::PUT } else { Method::POST };
        let url = match graph {
            GraphName::NamedNode(n) => format!("{}{}graph={}", self.endpoint, sep(&self.endpoint), percent_encode(n.as_str())),
            _ => format!("{}{}default", self.endpoint, sep(&self.endpoint)),
        };
        let label = match graph {
            GraphName::NamedNode(n) => n.as_str().to_string(),
            _ => "the default graph".to_string(),
        };
        match self.send_with_retries(&method, &url, &body) {
            Sent::Ok { attempts } => {
                self.graphs += usize::from(first);
                self.triples += triples.len();
                self.retried += attempts as usize - 1;
            }
            Sent::Failed(why) => self.failed.push((label, why)),
        }
        Ok(())
    }

    fn send_with_retries(&self, method: &Method, url: &str, body: &[u8]) -> Sent {
        let mut delay = Duration::from_millis(250);
        let mut last = String::new();
        for attempt in 1..=self.retries.max(1) {
            let mut req = Request::builder().method(method.clone()).uri(url).header(CONTENT_TYPE, "application/n-triples");
            if let Some(t) = &self.token {
                req = req.header(AUTHORIZATION, format!("Bearer {t}"));
            }
            let req = match req.body(body.to_vec()) {
                Ok(r) => r,
                Err(e) => return Sent::Failed(format!("bad request: {e}")),
            };
            match self.client.request(req) {
                Ok(resp) if resp.status().is_success() => return Sent::Ok { attempts: attempt },
                Ok(resp) => {
                    let status = resp.status();
                    let mut text = String::new();
                    let _ = resp.into_body().take(500).read_to_string(&mut text);
                    last = format!("HTTP {status}: {}", text.trim());
                    let transient = status.is_server_error()
                        || status == StatusCode::TOO_MANY_REQUESTS
                        || status == StatusCode::REQUEST_TIMEOUT;
                    if !transient {
                        return Sent::Failed(last);
                    }
                }
                Err(e) => last = format!("{e}"),
            }
            if attempt < self.retries {
                std::thread::sleep(delay);
                delay = (delay * 2).min(Duration::from_secs(8));
            }
        }
        Sent::Failed(format!("{last} (after {} attempts)", self.retries.max(1)))
    }
}

fn sep(endpoint: &str) -> char {
    if endpoint.contains('?') {
        '&'
    } else {
        '?'
    }
}

/// Percent-encode a query parameter value (RFC 3986 unreserved kept).
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3 / 2);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Triples of the shared graph sent in one append.
const SHARED_BATCH: usize = 100_000;

fn progress(quiet: bool, total: Option<u64>) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    }
    let pb = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{spinner} pushing [{bar:30}] {pos}/{len} graphs, {per_sec} ({eta})") {
        pb.set_style(style.progress_chars("=> "));
    }
    pb
}

pub fn run(a: PushArgs) -> Result<i32> {
    let start = Instant::now();
    if !(a.endpoint.starts_with("http://") || a.endpoint.starts_with("https://")) {
        bail!("--endpoint {}: expected an http:// URL of a Graph Store endpoint", a.endpoint);
    }
    if a.endpoint.starts_with("https://") {
        bail!("--endpoint {}: this build speaks plain HTTP only; put a TLS proxy in front, or push over a trusted network", a.endpoint);
    }
    let mut client = oxhttp::Client::new().with_redirection_limit(3);
    if let Some(t) = super::timeout(a.timeout) {
        client = client.with_global_timeout(t);
    }
    let mut p = Pusher {
        client,
        endpoint: a.endpoint.clone(),
        token: a.token.clone().filter(|t| !t.is_empty()),
        retries: a.retries.max(1),
        started: HashSet::new(),
        graphs: 0,
        triples: 0,
        retried: 0,
        failed: Vec::new(),
    };
    if a.inputs.is_empty() {
        let store = DossierStore::open(&a.store.store, Mode::ReadOnly).with_context(|| format!("opening the store {}", a.store.store.display()))?;
        let inner = store.inner();
        let names: Vec<_> = inner.named_graphs().collect::<std::result::Result<_, _>>()?;
        let pb = progress(a.quiet, Some(names.len() as u64 + 1));
        let default: Vec<Triple> = inner
            .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
            .map(|q| q.map(Triple::from))
            .collect::<std::result::Result<_, _>>()?;
        if !default.is_empty() {
            p.send(&GraphName::DefaultGraph, &default)?;
        }
        pb.inc(1);
        for g in names {
            let triples: Vec<Triple> = inner
                .quads_for_pattern(None, None, None, Some(g.as_ref().into()))
                .map(|q| q.map(Triple::from))
                .collect::<std::result::Result<_, _>>()?;
            match g {
                NamedOrBlankNode::NamedNode(n) => p.send(&GraphName::NamedNode(n), &triples)?,
                NamedOrBlankNode::BlankNode(b) => {
                    p.failed.push((format!("_:{}", b.as_str()), "a blank-node graph name cannot be addressed over the Graph Store Protocol".into()))
                }
            }
            pb.inc(1);
        }
        pb.finish_and_clear();
    } else {
        let pb = progress(a.quiet, None);
        for path in &a.inputs {
            let file = std::fs::File::open(path).with_context(|| format!("{}: cannot open", path.display()))?;
            let mut current: Option<GraphName> = None;
            let mut triples: Vec<Triple> = Vec::new();
            // Statements of the shared graph come in a run per document;
            // they are gathered and sent in large appends.
            let mut shared: Option<GraphName> = None;
            let mut shared_buf: HashSet<Triple> = HashSet::new();
            for (i, q) in RdfParser::from_format(RdfFormat::NQuads).for_reader(std::io::BufReader::new(file)).enumerate() {
                let q: Quad = q.with_context(|| format!("{}: quad {}", path.display(), i + 1))?;
                if matches!(&q.graph_name, GraphName::NamedNode(n) if crate::rdf::is_shared_graph(n.as_str())) {
                    shared.get_or_insert_with(|| q.graph_name.clone());
                    shared_buf.insert(q.into());
                    if shared_buf.len() >= SHARED_BATCH {
                        if let Some(g) = &shared {
                            p.send(g, &shared_buf.drain().collect::<Vec<_>>())?;
                        }
                    }
                    continue;
                }
                if current.as_ref() != Some(&q.graph_name) {
                    if let Some(g) = current.take() {
                        p.send(&g, &triples)?;
                        pb.inc(1);
                        triples.clear();
                    }
                    current = Some(q.graph_name.clone());
                }
                triples.push(q.into());
            }
            if let Some(g) = current.take() {
                p.send(&g, &triples)?;
                pb.inc(1);
            }
            if let (Some(g), false) = (&shared, shared_buf.is_empty()) {
                p.send(g, &shared_buf.drain().collect::<Vec<_>>())?;
                pb.inc(1);
            }
        }
        pb.finish_and_clear();
    }
    if !a.quiet {
        eprintln!(
            "pushed {} graphs ({} triples) to {} in {:.1}s; {} retried requests; {} failed",
            p.graphs,
            p.triples,
            a.endpoint,
            start.elapsed().as_secs_f64(),
            p.retried,
            p.failed.len()
        );
    }
    for (g, why) in &p.failed {
        eprintln!("error: graph {g}: {why}");
    }
    Ok(if p.failed.is_empty() { 0 } else { 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_iris_are_percent_encoded() {
        assert_eq!(percent_encode("https://w3id.org/dossier/id/doc/a b#x"), "https%3A%2F%2Fw3id.org%2Fdossier%2Fid%2Fdoc%2Fa%20b%23x");
        assert_eq!(sep("http://h/store"), '?');
        assert_eq!(sep("http://h/crud?x=1"), '&');
    }
}
