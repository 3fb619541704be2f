//! Serve: a SPARQL 1.1 Protocol endpoint and a page to explore the graph.
//!
//! Routes:
//! - `GET /` — a page with a query box, a results table and the graph
//!   viewer of [`crate::export::html`] (same code) for CONSTRUCT results or
//!   an entity's neighbourhood;
//! - `GET|POST /sparql` — queries by `?query=`, by an
//!   `application/sparql-query` body or an `application/x-www-form-urlencoded`
//!   form; results negotiated by `Accept` (or `?format=`): SPARQL JSON
//!   (default), XML, CSV, TSV for SELECT/ASK; Turtle (default), N-Triples,
//!   JSON-LD, RDF/XML for CONSTRUCT/DESCRIBE. Updates (`update=` or
//!   `application/sparql-update`) are refused with 403 unless the server
//!   was started with `--allow-update`; federated `SERVICE` is refused;
//! - `GET /graph?around=IRI&depth=N` (or `?query=CONSTRUCT…`, with `kinds`,
//!   `from`, `to`, `min-weight`, `size`) — a projection from
//!   [`crate::graph`] as Cytoscape.js JSON.
//!
//! Limits: a per-query timeout (503 when hit), a request body limit (413),
//! a result size limit (results are cut and the `Dossier-Truncated` header
//! says so), and an optional bearer token (401 without it). [`handle`] is
//! a plain function from a request to a response, tested without sockets;
//! [`spawn`] runs it on an `oxhttp` server, one thread per connection.

use crate::error::Error;
use crate::export::{cyjs, html, Meta};
use crate::graph::{self, NodeKind, SizeBy};
use crate::query::{self, GraphFormat, Output, SolutionsFormat};
use crate::store::DossierStore;
use oxhttp::model::header::{HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE};
use oxhttp::model::{Body, Method, Request, Response, StatusCode};
use std::io::Read;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Limits and switches of a server.
#[derive(Clone, Debug)]
pub struct ServerOptions {
    /// Per-query timeout.
    pub timeout: Option<Duration>,
    /// Largest request body accepted, in bytes.
    pub max_body: usize,
    /// Most rows (or triples) returned by one query.
    pub max_results: usize,
    /// Accept SPARQL Update.
    pub allow_update: bool,
    /// Require `Authorization: Bearer TOKEN` on `/sparql` and `/graph`.
    pub token: Option<String>,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions { timeout: Some(Duration::from_secs(30)), max_body: 1 << 20, max_results: 100_000, allow_update: false, token: None }
    }
}

/// What the handler needs: the store, the limits, the saved queries.
pub struct ServerState {
    pub store: DossierStore,
    pub opts: ServerOptions,
    /// (name, description, text) shown on the page.
    pub saved: Vec<(String, String, String)>,
    /// Evaluations still running after their deadline.
    runaway: Arc<Mutex<usize>>,
    /// Evaluation slots: at most one running query per core, the others
    /// wait their turn (within their deadline) instead of thrashing.
    slots: Arc<Slots>,
}

/// A counting semaphore.
struct Slots {
    free: Mutex<usize>,
    freed: std::sync::Condvar,
}

impl Slots {
    /// Take a slot, waiting until `deadline` at most.
    fn acquire(&self, deadline: Instant) -> bool {
        let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
        while *free == 0 {
            let now = Instant::now();
            if now >= deadline {
                return false;
            }
            free = self.freed.wait_timeout(free, deadline - now).unwrap_or_else(|e| e.into_inner()).0;
        }
        *free -= 1;
        true
    }

    fn release(&self) {
        *self.free.lock().unwrap_or_else(|e| e.into_inner()) += 1;
        self.freed.notify_one();
    }
}

/// Lower the scheduling priority of a thread that runs past its deadline,
/// so it only takes CPU time nobody else wants until it ends.
#[cfg(target_os = "linux")]
fn deprioritize(tid: i64) {
    if tid > 0 {
        // SAFETY: setpriority takes plain integers and only affects the given thread.
        unsafe {
            libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, 19);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn deprioritize(_tid: i64) {}

#[cfg(target_os = "linux")]
fn current_tid() -> i64 {
    // SAFETY: gettid has no preconditions.
    i64::from(unsafe { libc::gettid() })
}

#[cfg(not(target_os = "linux"))]
fn current_tid() -> i64 {
    0
}

/// At most this many timed-out evaluations may still be running before
/// new queries are turned away.
const MAX_RUNAWAY: usize = 2;

impl ServerState {
    pub fn new(store: DossierStore, opts: ServerOptions) -> ServerState {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get()).max(2);
        ServerState {
            store,
            opts,
            saved: Vec::new(),
            runaway: Arc::new(Mutex::new(0)),
            slots: Arc::new(Slots { free: Mutex::new(cores), freed: std::sync::Condvar::new() }),
        }
    }

    /// Run an evaluation with the per-query deadline. Oxigraph checks its
    /// cancellation token only while reading the store, so a query that
    /// works on data already read (a cross product, a big COUNT) does not
    /// stop when cancelled; the evaluation therefore runs on its own thread
    /// and the caller gets `Timeout` when the deadline passes. A late
    /// evaluation is counted until it ends, and while more than
    /// [`MAX_RUNAWAY`] are running new queries get `Busy`.
    fn bounded<T: Send + 'static>(&self, f: impl FnOnce(&oxigraph::store::Store) -> crate::error::Result<T> + Send + 'static) -> Result<T, Refusal> {
        let Some(limit) = self.opts.timeout else { return f(self.store.inner()).map_err(Refusal::Error) };
        let deadline = Instant::now() + limit;
        if *self.runaway.lock().unwrap_or_else(|e| e.into_inner()) >= MAX_RUNAWAY {
            return Err(Refusal::Busy);
        }
        if !self.slots.acquire(deadline) {
            return Err(Refusal::Error(Error::Timeout(limit)));
        }
        let store = self.store.inner().clone();
        let (tx, rx) = std::sync::mpsc::channel();
        let abandoned = Arc::new(Mutex::new(false));
        let tid = Arc::new(std::sync::atomic::AtomicI64::new(0));
        let (flag, runaway, slots, worker_tid) = (abandoned.clone(), self.runaway.clone(), self.slots.clone(), tid.clone());
        std::thread::spawn(move || {
            worker_tid.store(current_tid(), std::sync::atomic::Ordering::SeqCst);
            let r = f(&store);
            let late = flag.lock().unwrap_or_else(|e| e.into_inner());
            if *late {
                *runaway.lock().unwrap_or_else(|e| e.into_inner()) -= 1;
            } else {
                slots.release();
                let _ = tx.send(r);
            }
        });
        match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(r) => r.map_err(Refusal::Error),
            Err(_) => {
                let mut late = abandoned.lock().unwrap_or_else(|e| e.into_inner());
                // The result may have arrived while we took the lock.
                if let Ok(r) = rx.try_recv() {
                    return r.map_err(Refusal::Error);
                }
                *late = true;
                *self.runaway.lock().unwrap_or_else(|e| e.into_inner()) += 1;
                // The late evaluation gives its slot back now and runs on at
                // the lowest priority: it cannot be stopped mid-join, but it
                // must not slow the queries behind it.
                self.slots.release();
                deprioritize(tid.load(std::sync::atomic::Ordering::SeqCst));
                Err(Refusal::Error(Error::Timeout(limit)))
            }
        }
    }
}

/// Why an evaluation gave no result.
enum Refusal {
    Error(Error),
    Busy,
}

fn refusal_response(r: Refusal) -> Response<Body> {
    match r {
        Refusal::Error(e) => error_response(e),
        Refusal::Busy => {
            let mut r = text(StatusCode::SERVICE_UNAVAILABLE, "the server is still finishing queries that ran past their timeout; retry later");
            r.headers_mut().insert("Retry-After", HeaderValue::from_static("30"));
            r
        }
    }
}

/// Whether an address is loopback (a server on any other address is
/// reachable from the network).
pub fn is_loopback(addr: &SocketAddr) -> bool {
    addr.ip().is_loopback()
}

/// Serve on `addr` until the process ends.
pub fn spawn(state: Arc<ServerState>, addr: SocketAddr) -> std::io::Result<oxhttp::ListeningServer> {
    oxhttp::Server::new(move |req| respond(&state, req))
        .bind(addr)
        .with_global_timeout(Duration::from_secs(120))
        .with_max_concurrent_connections(64)
        .spawn()
}

/// Answer one request.
pub fn handle(state: &ServerState, mut req: Request<Body>) -> Response<Body> {
    respond(state, &mut req)
}

/// Answer one request, reading its body in place (the server drains what
/// is left of it afterwards).
pub fn respond(state: &ServerState, req: &mut Request<Body>) -> Response<Body> {
    let path = req.uri().path().to_string();
    if path != "/" && !authorized(state, req) {
        let mut r = text(StatusCode::UNAUTHORIZED, "a bearer token is required: send `Authorization: Bearer TOKEN`");
        r.headers_mut().insert("WWW-Authenticate", HeaderValue::from_static("Bearer realm=\"dossier\""));
        return r;
    }
    let method = req.method().clone();
    match path.as_str() {
        "/" | "/index.html" => match method {
            Method::GET | Method::HEAD => page(state),
            _ => not_allowed("GET, HEAD"),
        },
        "/sparql" => match method {
            Method::GET | Method::POST => sparql(state, req),
            _ => not_allowed("GET, POST"),
        },
        "/graph" => match method {
            Method::GET => graph_route(state, req),
            _ => not_allowed("GET"),
        },
        _ => text(StatusCode::NOT_FOUND, "not found: try /, /sparql or /graph"),
    }
}

#[allow(clippy::expect_used)] // a status and a constant header always make a valid response
fn text(status: StatusCode, msg: &str) -> Response<Body> {
    Response::builder()
        .status(status)
        .header(CONTENT_TYPE, "text/plain; charset=utf-8")
        .body(Body::from(format!("{msg}\n")))
        .expect("valid response")
}

fn not_allowed(allow: &'static str) -> Response<Body> {
    let mut r = text(StatusCode::METHOD_NOT_ALLOWED, &format!("method not allowed; use {allow}"));
    r.headers_mut().insert("Allow", HeaderValue::from_static(allow));
    r
}

#[allow(clippy::expect_used)] // media types are our constants
fn body_response(status: StatusCode, media: &str, body: Vec<u8>) -> Response<Body> {
    Response::builder().status(status).header(CONTENT_TYPE, media).body(Body::from(body)).expect("valid response")
}

fn authorized(state: &ServerState, req: &Request<Body>) -> bool {
    let Some(token) = &state.opts.token else { return true };
    let Some(h) = req.headers().get(AUTHORIZATION).and_then(|v| v.to_str().ok()) else { return false };
    let Some(given) = h.strip_prefix("Bearer ").or_else(|| h.strip_prefix("bearer ")) else { return false };
    constant_time_eq(given.trim().as_bytes(), token.as_bytes())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Decode `application/x-www-form-urlencoded` text (also query strings).
pub fn parse_form(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(v) => {
                        out.push(v);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn query_params(req: &Request<Body>) -> Vec<(String, String)> {
    req.uri().query().map(parse_form).unwrap_or_default()
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// Read the body up to the limit; `Err` is the 413 response.
fn read_body(state: &ServerState, req: &mut Request<Body>) -> Result<String, Response<Body>> {
    let limit = state.opts.max_body;
    let too_big = || text(StatusCode::PAYLOAD_TOO_LARGE, &format!("the request body is larger than the limit of {limit} bytes"));
    if let Some(n) = req.headers().get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse::<u64>().ok()) {
        if n > limit as u64 {
            return Err(too_big());
        }
    }
    let mut buf = Vec::new();
    if let Err(e) = req.body_mut().take(limit as u64 + 1).read_to_end(&mut buf) {
        return Err(text(StatusCode::BAD_REQUEST, &format!("could not read the request body: {e}")));
    }
    if buf.len() > limit {
        return Err(too_big());
    }
    String::from_utf8(buf).map_err(|_| text(StatusCode::BAD_REQUEST, "the request body is not UTF-8"))
}

fn media_type(req: &Request<Body>) -> String {
    req.headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
        .unwrap_or_default()
}

/// The SPARQL 1.1 Protocol.
fn sparql(state: &ServerState, req: &mut Request<Body>) -> Response<Body> {
    let params = query_params(req);
    let mut query_text = param(&params, "query").map(str::to_string);
    let mut update_text = param(&params, "update").map(str::to_string);
    let mut all = params.clone();
    if req.method() == Method::POST {
        let mt = media_type(req);
        let body = match read_body(state, req) {
            Ok(b) => b,
            Err(r) => return r,
        };
        match mt.as_str() {
            "application/sparql-query" => query_text = Some(body),
            "application/sparql-update" => update_text = Some(body),
            "application/x-www-form-urlencoded" => {
                let form = parse_form(&body);
                if let Some(q) = param(&form, "query") {
                    query_text = Some(q.to_string());
                }
                if let Some(u) = param(&form, "update") {
                    update_text = Some(u.to_string());
                }
                all.extend(form);
            }
            other => {
                return text(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    &format!("unsupported content type {other:?}: use application/sparql-query, application/sparql-update or application/x-www-form-urlencoded"),
                )
            }
        }
    } else if update_text.is_some() {
        return text(StatusCode::BAD_REQUEST, "SPARQL Update must be sent with POST");
    }
    if all.iter().any(|(k, _)| k == "default-graph-uri" || k == "named-graph-uri" || k == "using-graph-uri" || k == "using-named-graph-uri") {
        return text(StatusCode::BAD_REQUEST, "dataset parameters are not supported: the default graph is the union of all documents (use FROM/GRAPH in the query)");
    }
    if let Some(u) = update_text {
        return update(state, &u);
    }
    let Some(q) = query_text else {
        return text(StatusCode::BAD_REQUEST, "give a query: ?query=…, a POST with application/sparql-query, or a form with query=…");
    };
    if query::looks_like_update(&q) {
        return update(state, &q);
    }
    if mentions_service(&q) {
        return text(StatusCode::BAD_REQUEST, "federated queries (SERVICE) are not allowed on this endpoint");
    }
    let opts = query::Options { timeout: state.opts.timeout, limit: Some(state.opts.max_results), ..Default::default() };
    let text_q = q.clone();
    let out = match state.bounded(move |store| query::evaluate(store, &text_q, &opts)) {
        Ok(o) => o,
        Err(r) => return refusal_response(r),
    };
    let accept = req.headers().get(ACCEPT).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let forced = param(&all, "format").map(str::to_ascii_lowercase);
    let mut buf = Vec::new();
    let (media, res, truncated) = match &out {
        Output::Graph { truncated, .. } => {
            let Some(f) = negotiate_graph(&accept, forced.as_deref()) else {
                return text(StatusCode::NOT_ACCEPTABLE, "no acceptable format: a graph result is text/turtle, application/n-triples, application/ld+json or application/rdf+xml");
            };
            (f.media_type(), query::write_graph(&out, f, &mut buf), *truncated)
        }
        Output::Solutions { .. } | Output::Boolean(_) => {
            let truncated = matches!(out, Output::Solutions { truncated: true, .. });
            let Some(f) = negotiate_solutions(&accept, forced.as_deref()) else {
                return text(
                    StatusCode::NOT_ACCEPTABLE,
                    "no acceptable format: results are application/sparql-results+json, application/sparql-results+xml, text/csv or text/tab-separated-values",
                );
            };
            (f.media_type(), query::write_solutions(&out, f, &mut buf), truncated)
        }
    };
    if let Err(e) = res {
        return error_response(e);
    }
    let mut r = body_response(StatusCode::OK, media, buf);
    if truncated {
        r.headers_mut().insert("Dossier-Truncated", HeaderValue::from(state.opts.max_results as u64));
    }
    r
}

fn update(state: &ServerState, u: &str) -> Response<Body> {
    if !state.opts.allow_update {
        return text(StatusCode::FORBIDDEN, "SPARQL Update is not allowed: this endpoint is read-only (start `dossier serve --allow-update` to change the store)");
    }
    match query::update(state.store.inner(), u) {
        Ok(()) => {
            let mut r = Response::new(Body::empty());
            *r.status_mut() = StatusCode::NO_CONTENT;
            r
        }
        Err(e) => error_response(e),
    }
}

fn error_response(e: Error) -> Response<Body> {
    match &e {
        Error::QuerySyntax(_) | Error::Invalid(_) => text(StatusCode::BAD_REQUEST, &e.to_string()),
        Error::Timeout(_) => text(StatusCode::SERVICE_UNAVAILABLE, &e.to_string()),
        Error::QueryEvaluation(inner) if inner.to_string().to_ascii_lowercase().contains("service") => {
            text(StatusCode::BAD_REQUEST, &format!("federated queries (SERVICE) are not allowed: {inner}"))
        }
        _ => text(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

/// Whether the query uses the SERVICE keyword outside strings, IRIs and comments.
fn mentions_service(q: &str) -> bool {
    let mut cleaned = String::with_capacity(q.len());
    let mut chars = q.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '#' => {
                for d in chars.by_ref() {
                    if d == '\n' {
                        break;
                    }
                }
                cleaned.push(' ');
            }
            '<' => {
                // An IRI, unless it is a comparison (followed by space or =).
                if chars.peek().is_some_and(|d| !d.is_whitespace() && *d != '=') {
                    for d in chars.by_ref() {
                        if d == '>' || d == '\n' {
                            break;
                        }
                    }
                }
                cleaned.push(' ');
            }
            '"' | '\'' => {
                let mut escaped = false;
                for d in chars.by_ref() {
                    if escaped {
                        escaped = false;
                    } else if d == '\\' {
                        escaped = true;
                    } else if d == c {
                        break;
                    }
                }
                cleaned.push(' ');
            }
            c => cleaned.push(c),
        }
    }
    cleaned
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':' || c == '?' || c == '$'))
        .any(|w| w.eq_ignore_ascii_case("service"))
}

/// Media ranges of an Accept header, best first (q = 0 dropped).
fn accept_ranges(accept: &str) -> Vec<String> {
    let mut v: Vec<(f32, usize, String)> = Vec::new();
    for (i, part) in accept.split(',').enumerate() {
        let mut it = part.split(';');
        let media = it.next().unwrap_or("").trim().to_ascii_lowercase();
        if media.is_empty() {
            continue;
        }
        let mut q = 1.0f32;
        for p in it {
            if let Some(val) = p.trim().strip_prefix("q=") {
                q = val.trim().parse().unwrap_or(1.0);
            }
        }
        if q > 0.0 {
            v.push((q, i, media));
        }
    }
    v.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal).then(a.1.cmp(&b.1)));
    v.into_iter().map(|x| x.2).collect()
}

fn negotiate<T: Copy>(accept: &str, table: &[(&str, T)], default: T) -> Option<T> {
    let ranges = accept_ranges(accept);
    if ranges.is_empty() {
        return Some(default);
    }
    for r in ranges {
        if r == "*/*" {
            return Some(default);
        }
        if let Some(prefix) = r.strip_suffix("/*") {
            if let Some((_, f)) = table.iter().find(|(m, _)| m.split('/').next() == Some(prefix)) {
                return Some(*f);
            }
            continue;
        }
        if let Some((_, f)) = table.iter().find(|(m, _)| *m == r) {
            return Some(*f);
        }
    }
    None
}

fn negotiate_solutions(accept: &str, forced: Option<&str>) -> Option<SolutionsFormat> {
    if let Some(f) = forced {
        return match f {
            "json" | "srj" => Some(SolutionsFormat::Json),
            "xml" | "srx" => Some(SolutionsFormat::Xml),
            "csv" => Some(SolutionsFormat::Csv),
            "tsv" => Some(SolutionsFormat::Tsv),
            "text" | "table" | "txt" => Some(SolutionsFormat::Table),
            _ => None,
        };
    }
    negotiate(
        accept,
        &[
            ("application/sparql-results+json", SolutionsFormat::Json),
            ("application/json", SolutionsFormat::Json),
            ("application/sparql-results+xml", SolutionsFormat::Xml),
            ("application/xml", SolutionsFormat::Xml),
            ("text/xml", SolutionsFormat::Xml),
            ("text/csv", SolutionsFormat::Csv),
            ("text/tab-separated-values", SolutionsFormat::Tsv),
            ("text/plain", SolutionsFormat::Table),
        ],
        SolutionsFormat::Json,
    )
}

fn negotiate_graph(accept: &str, forced: Option<&str>) -> Option<GraphFormat> {
    if let Some(f) = forced {
        return match f {
            "turtle" | "ttl" => Some(GraphFormat::Turtle),
            "ntriples" | "nt" => Some(GraphFormat::NTriples),
            "jsonld" | "json-ld" | "json" => Some(GraphFormat::JsonLd),
            "rdfxml" | "xml" => Some(GraphFormat::RdfXml),
            _ => None,
        };
    }
    negotiate(
        accept,
        &[
            ("text/turtle", GraphFormat::Turtle),
            ("application/x-turtle", GraphFormat::Turtle),
            ("application/n-triples", GraphFormat::NTriples),
            ("text/plain", GraphFormat::NTriples),
            ("application/ld+json", GraphFormat::JsonLd),
            ("application/json", GraphFormat::JsonLd),
            ("application/rdf+xml", GraphFormat::RdfXml),
            ("application/xml", GraphFormat::RdfXml),
        ],
        GraphFormat::Turtle,
    )
}

/// `/graph`: a projection as Cytoscape.js JSON.
fn graph_route(state: &ServerState, req: &Request<Body>) -> Response<Body> {
    let params = query_params(req);
    let mut opts = graph::Options { timeout: state.opts.timeout, ..Default::default() };
    opts.around = param(&params, "around").filter(|s| !s.trim().is_empty()).map(str::to_string);
    opts.construct = param(&params, "query").filter(|s| !s.trim().is_empty()).map(str::to_string);
    if let Some(d) = param(&params, "depth") {
        match d.trim().parse::<usize>() {
            Ok(d) if d <= 6 => opts.depth = d,
            _ => return text(StatusCode::BAD_REQUEST, "depth must be a number from 0 to 6"),
        }
    }
    if let Some(k) = param(&params, "kinds") {
        for name in k.split(',').filter(|s| !s.trim().is_empty()) {
            match NodeKind::parse(name) {
                Some(kind) => opts.kinds.push(kind),
                None => return text(StatusCode::BAD_REQUEST, &format!("unknown kind {name:?}")),
            }
        }
    }
    opts.from = param(&params, "from").filter(|s| !s.is_empty()).map(str::to_string);
    opts.to = param(&params, "to").filter(|s| !s.is_empty()).map(str::to_string);
    if let Some(w) = param(&params, "min-weight").or_else(|| param(&params, "min_weight")) {
        match w.trim().parse::<f64>() {
            Ok(w) if w.is_finite() => opts.min_weight = w,
            _ => return text(StatusCode::BAD_REQUEST, "min-weight must be a number"),
        }
    }
    if param(&params, "size") == Some("pagerank") {
        opts.size_by = SizeBy::PageRank;
    }
    if let Some(q) = &opts.construct {
        if mentions_service(q) {
            return text(StatusCode::BAD_REQUEST, "federated queries (SERVICE) are not allowed on this endpoint");
        }
        if query::looks_like_update(q) {
            return text(StatusCode::FORBIDDEN, "SPARQL Update is not allowed here");
        }
    }
    let title = match (&opts.around, &opts.construct) {
        (Some(a), _) => format!("Around {a} (depth {})", opts.depth),
        (None, Some(_)) => "CONSTRUCT result".to_string(),
        _ => "Dossier graph".to_string(),
    };
    let p = match state.bounded(move |store| graph::project(store, &opts)) {
        Ok(p) => p,
        Err(r) => return refusal_response(r),
    };
    if p.node_count() > state.opts.max_results {
        return text(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!("the graph has {} nodes, more than the limit of {}: narrow it with around, kinds, from/to or min-weight", p.node_count(), state.opts.max_results),
        );
    }
    let mut body = Vec::new();
    if let Err(e) = cyjs::write(&p, &Meta::new(title, ""), &mut body) {
        return error_response(e);
    }
    body_response(StatusCode::OK, "application/json", body)
}

/// The explorer page.
fn page(state: &ServerState) -> Response<Body> {
    let saved: Vec<serde_json::Value> =
        state.saved.iter().map(|(n, d, t)| serde_json::json!({ "name": n, "description": d, "text": t })).collect();
    let cfg = serde_json::json!({ "saved": saved, "tokenRequired": state.opts.token.is_some() });
    let body = PAGE
        .replace("/*CSS*/", html::VIEWER_CSS)
        .replace("/*VIEWER*/", html::VIEWER_JS)
        .replace("/*CONFIG*/null", &html::script_json(&cfg));
    body_response(StatusCode::OK, "text/html; charset=utf-8", body.into_bytes())
}

const PAGE: &str = r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dossier — SPARQL and graph explorer</title>
<style>
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #222; background: #fbfbf8; }
header { padding: 8px 14px; background: #23303f; color: #fff; }
header h1 { font-size: 17px; margin: 0; display: inline; }
header span { margin-left: 12px; color: #c9d3de; }
main { padding: 10px 14px; }
textarea { width: 100%; box-sizing: border-box; height: 150px; font: 13px/1.35 ui-monospace, Menlo, Consolas, monospace; padding: 6px; }
.row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin: 6px 0; }
button { padding: 4px 12px; }
#status { color: #555; }
#status.err { color: #b00020; white-space: pre-wrap; }
#results { max-height: 40vh; overflow: auto; margin: 8px 0; }
table { border-collapse: collapse; font-size: 12.5px; }
th, td { border: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top; max-width: 480px; overflow-wrap: anywhere; }
th { background: #eef0f2; position: sticky; top: 0; }
td a { color: #1a4d8f; }
pre { background: #f3f3f0; padding: 8px; max-height: 30vh; overflow: auto; }
#viewer { height: 70vh; border: 1px solid #ccc; margin-top: 8px; }
/*CSS*/
</style>
</head>
<body>
<header><h1>Dossier</h1><span>SPARQL endpoint at <code>/sparql</code> · graph at <code>/graph</code></span></header>
<main>
<div class="row"><label>Saved query <select id="saved"><option value="">(choose)</option></select></label>
<span id="tokenbox" hidden><label>Token <input id="token" type="password" size="24"></label></span></div>
<textarea id="query" spellcheck="false">SELECT ?type (COUNT(?s) AS ?n) WHERE { ?s a ?type } GROUP BY ?type ORDER BY DESC(?n)</textarea>
<div class="row"><button id="run" type="button">Run query</button>
<span>Neighbourhood of <input id="around" size="48" placeholder="IRI, id:country/JO or a label"></span>
<label>depth <input id="depth" type="number" min="0" max="6" value="1" style="width:3em"></label>
<button id="go" type="button">Show graph</button>
<span id="status"></span></div>
<div id="results"></div>
<div id="viewer"></div>
</main>
<script>
/*VIEWER*/
</script>
<script>
(function () {
  'use strict';
  var cfg = /*CONFIG*/null;
  var $ = function (id) { return document.getElementById(id); };
  var viewer = DossierViewer.mount($('viewer'), { elements: { nodes: [], edges: [] } }, {
    title: 'Graph', onSelect: function (n) { if (n.iri) $('around').value = n.iri; }
  });
  if (cfg.tokenRequired) $('tokenbox').hidden = false;
  cfg.saved.forEach(function (q) {
    var o = document.createElement('option');
    o.value = q.name; o.textContent = q.name + ' \u2014 ' + q.description;
    $('saved').appendChild(o);
  });
  $('saved').addEventListener('change', function () {
    var q = cfg.saved.filter(function (x) { return x.name === $('saved').value; })[0];
    if (q) $('query').value = q.text;
  });
  function headers(extra) {
    var h = extra || {};
    var t = $('token').value;
    if (t) h['Authorization'] = 'Bearer ' + t;
    return h;
  }
  function status(msg, err) { $('status').textContent = msg; $('status').className = err ? 'err' : ''; }
  function cell(term) {
    var td = document.createElement('td');
    if (!term) return td;
    if (term.type === 'uri') {
      var a = document.createElement('a');
      a.href = '#'; a.textContent = term.value; a.title = 'Show the neighbourhood of this resource';
      a.addEventListener('click', function (ev) { ev.preventDefault(); $('around').value = term.value; showGraph(); });
      td.appendChild(a);
    } else {
      td.textContent = term.value;
    }
    return td;
  }
  function table(json) {
    var box = $('results');
    box.textContent = '';
    if (typeof json.boolean === 'boolean') { box.textContent = 'ASK: ' + json.boolean; return; }
    var vars = json.head.vars, rows = json.results.bindings;
    var t = document.createElement('table'), tr = document.createElement('tr');
    vars.forEach(function (v) { var th = document.createElement('th'); th.textContent = v; tr.appendChild(th); });
    t.appendChild(tr);
    rows.forEach(function (r) {
      var tr = document.createElement('tr');
      vars.forEach(function (v) { tr.appendChild(cell(r[v])); });
      t.appendChild(tr);
    });
    box.appendChild(t);
    status(rows.length + ' rows');
  }
  function fail(r) { return r.text().then(function (t) { throw new Error(r.status + ' ' + t); }); }
  function run() {
    var q = $('query').value;
    status('running\u2026');
    var t0 = Date.now();
    fetch('sparql', { method: 'POST', headers: headers({ 'Content-Type': 'application/sparql-query', 'Accept': 'application/sparql-results+json, text/turtle;q=0.9' }), body: q })
      .then(function (r) {
        if (!r.ok) return fail(r);
        var ct = r.headers.get('Content-Type') || '';
        if (ct.indexOf('sparql-results+json') >= 0) return r.json().then(function (j) { table(j); status($('status').textContent + ' in ' + (Date.now() - t0) + ' ms'); });
        return r.text().then(function (ttl) {
          var pre = document.createElement('pre'); pre.textContent = ttl;
          $('results').textContent = ''; $('results').appendChild(pre);
          return fetch('graph?query=' + encodeURIComponent(q), { headers: headers() }).then(function (g) {
            if (!g.ok) return fail(g);
            return g.json().then(function (doc) { viewer.setData(doc); status(doc.elements.nodes.length + ' nodes, ' + doc.elements.edges.length + ' links'); });
          });
        });
      })
      .catch(function (e) { status(String(e.message || e), true); });
  }
  function showGraph() {
    var a = $('around').value.trim();
    var url = 'graph?depth=' + encodeURIComponent($('depth').value || '1') + (a ? '&around=' + encodeURIComponent(a) : '');
    status('loading graph\u2026');
    fetch(url, { headers: headers() })
      .then(function (r) { if (!r.ok) return fail(r); return r.json(); })
      .then(function (doc) { viewer.setData(doc); status(doc.elements.nodes.length + ' nodes, ' + doc.elements.edges.length + ' links'); })
      .catch(function (e) { status(String(e.message || e), true); });
  }
  $('run').addEventListener('click', run);
  $('go').addEventListener('click', showGraph);
  $('query').addEventListener('keydown', function (ev) { if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) run(); });
})();
</script>
</body>
</html>
"##;

#[cfg(test)]
mod tests {
    use super::*;

    fn state_with(f: impl FnOnce(&mut ServerOptions)) -> ServerState {
        let mut opts = ServerOptions::default();
        f(&mut opts);
        let mut s = ServerState::new(crate::graph::tests::fixture_store(), opts);
        s.saved.push(("countries".into(), "Countries </script> & codes".into(), "SELECT ?c WHERE { ?c a schema:Country }".into()));
        s
    }

    fn enc(s: &str) -> String {
        let mut out = String::new();
        for b in s.bytes() {
            match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
                b' ' => out.push('+'),
                _ => out.push_str(&format!("%{b:02X}")),
            }
        }
        out
    }

    fn get(st: &ServerState, path: &str, headers: &[(&str, &str)]) -> (u16, String, String) {
        let mut b = Request::builder().method("GET").uri(path);
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        finish(handle(st, b.body(Body::empty()).unwrap()))
    }

    fn post(st: &ServerState, path: &str, ctype: &str, body: &str, headers: &[(&str, &str)]) -> (u16, String, String) {
        let mut b = Request::builder().method("POST").uri(path).header("Content-Type", ctype);
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        finish(handle(st, b.body(Body::from(body.to_string())).unwrap()))
    }

    fn finish(r: Response<Body>) -> (u16, String, String) {
        let status = r.status().as_u16();
        let ct = r.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
        (status, ct, r.into_body().to_string().unwrap())
    }

    const PERSONS: &str = "SELECT ?n WHERE { ?p a schema:Person ; schema:name ?n } ORDER BY ?n";

    #[test]
    fn get_and_post_queries_with_content_negotiation() {
        let st = state_with(|_| {});
        let url = format!("/sparql?query={}", enc(PERSONS));
        let (code, ct, body) = get(&st, &url, &[]);
        assert_eq!(code, 200, "{body}");
        assert_eq!(ct, "application/sparql-results+json");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["head"]["vars"][0], "n");
        assert!(v["results"]["bindings"].as_array().unwrap().iter().any(|b| b["n"]["value"] == "Joe Biden"));
        let (code, ct, body) = get(&st, &url, &[("Accept", "application/sparql-results+xml")]);
        assert_eq!((code, ct.as_str()), (200, "application/sparql-results+xml"));
        assert!(body.contains("<sparql") && body.contains("Joe Biden"));
        let (_, ct, body) = get(&st, &url, &[("Accept", "text/html;q=0.9, text/csv")]);
        assert!(ct.starts_with("text/csv"), "{ct}");
        assert!(body.starts_with("n\r\n"), "{body}");
        let (_, ct, _) = get(&st, &url, &[("Accept", "text/tab-separated-values")]);
        assert!(ct.starts_with("text/tab-separated-values"));
        let (_, ct, _) = get(&st, &url, &[("Accept", "*/*")]);
        assert_eq!(ct, "application/sparql-results+json");
        let (_, ct, _) = get(&st, &format!("{url}&format=csv"), &[("Accept", "application/sparql-results+xml")]);
        assert!(ct.starts_with("text/csv"));
        let (code, _, _) = get(&st, &url, &[("Accept", "image/png")]);
        assert_eq!(code, 406);
        let (code, _, _) = get(&st, &url, &[("Accept", "application/sparql-results+json;q=0, image/png")]);
        assert_eq!(code, 406);

        // POST: a query body, and a form.
        let (code, _, body) = post(&st, "/sparql", "application/sparql-query", PERSONS, &[]);
        assert_eq!(code, 200);
        assert!(body.contains("Lloyd Austin"));
        let (code, _, body) = post(&st, "/sparql", "application/x-www-form-urlencoded; charset=UTF-8", &format!("query={}", enc(PERSONS)), &[("Accept", "text/csv")]);
        assert_eq!(code, 200, "{body}");
        assert!(body.contains("Lloyd Austin"));
        let (code, _, _) = post(&st, "/sparql", "text/plain", PERSONS, &[]);
        assert_eq!(code, 415);

        // ASK and CONSTRUCT.
        let (_, _, body) = get(&st, &format!("/sparql?query={}", enc("ASK { ?e a sem:Event }")), &[]);
        assert!(body.contains("\"boolean\":true"), "{body}");
        let c = enc("CONSTRUCT { ?c rdfs:label ?l } WHERE { ?c a schema:Country ; rdfs:label ?l }");
        let (code, ct, body) = get(&st, &format!("/sparql?query={c}"), &[]);
        assert_eq!((code, ct.as_str()), (200, "text/turtle"));
        assert!(body.contains("\"Jordan\""));
        let (_, ct, body) = get(&st, &format!("/sparql?query={c}"), &[("Accept", "application/n-triples")]);
        assert_eq!(ct, "application/n-triples");
        assert!(body.lines().all(|l| l.is_empty() || l.ends_with(" .")));
        let (_, ct, body) = get(&st, &format!("/sparql?query={c}"), &[("Accept", "application/ld+json")]);
        assert_eq!(ct, "application/ld+json");
        assert!(serde_json::from_str::<serde_json::Value>(&body).is_ok());
        let (code, _, _) = get(&st, &format!("/sparql?query={c}"), &[("Accept", "application/sparql-results+json")]);
        assert_eq!(code, 406);
    }

    #[test]
    fn errors_have_the_right_status() {
        let st = state_with(|o| o.max_body = 200);
        assert_eq!(get(&st, "/sparql", &[]).0, 400);
        assert_eq!(get(&st, &format!("/sparql?query={}", enc("SELECT WHERE {")), &[]).0, 400);
        assert_eq!(get(&st, "/nowhere", &[]).0, 404);
        assert_eq!(post(&st, "/", "text/plain", "", &[]).0, 405);
        let r = handle(&st, Request::builder().method("DELETE").uri("/sparql").body(Body::empty()).unwrap());
        assert_eq!(r.status().as_u16(), 405);
        assert_eq!(r.headers().get("Allow").unwrap(), "GET, POST");
        // Body limit.
        let big = format!("{PERSONS} # {}", "x".repeat(300));
        let (code, _, body) = post(&st, "/sparql", "application/sparql-query", &big, &[]);
        assert_eq!(code, 413, "{body}");
        let (code, _, _) = post(&st, "/sparql", "application/sparql-query", PERSONS, &[("Content-Length", "99999999")]);
        assert_eq!(code, 413);
        assert_eq!(post(&st, "/sparql", "application/sparql-query", PERSONS, &[]).0, 200);
        // Federated queries.
        let svc = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }";
        let (code, _, body) = get(&st, &format!("/sparql?query={}", enc(svc)), &[]);
        assert_eq!(code, 400);
        assert!(body.contains("SERVICE"));
        // The word inside a string or IRI is not a SERVICE clause.
        let ok = "SELECT ?x WHERE { BIND(\"service\" AS ?x) FILTER(?x != <http://example.org/service>) }";
        assert_eq!(get(&st, &format!("/sparql?query={}", enc(ok)), &[]).0, 200);
        // Dataset parameters.
        assert_eq!(get(&st, &format!("/sparql?query={}&default-graph-uri=http%3A%2F%2Fx", enc(PERSONS)), &[]).0, 400);
    }

    #[test]
    fn updates_are_refused_unless_allowed() {
        let st = state_with(|_| {});
        let before = st.store.len().unwrap();
        let upd = "DELETE WHERE { ?s ?p ?o }";
        let (code, _, body) = post(&st, "/sparql", "application/sparql-update", upd, &[]);
        assert_eq!(code, 403);
        assert!(body.contains("--allow-update"));
        assert_eq!(post(&st, "/sparql", "application/x-www-form-urlencoded", &format!("update={}", enc(upd)), &[]).0, 403);
        assert_eq!(post(&st, "/sparql", "application/sparql-query", upd, &[]).0, 403);
        assert_eq!(get(&st, &format!("/sparql?update={}", enc(upd)), &[]).0, 400);
        assert_eq!(st.store.len().unwrap(), before);

        let rw = state_with(|o| o.allow_update = true);
        let ins = "INSERT DATA { GRAPH <https://w3id.org/dossier/id/graph/x> { <https://example.org/a> rdfs:label \"A\" } }";
        let (code, _, body) = post(&rw, "/sparql", "application/sparql-update", ins, &[]);
        assert_eq!(code, 204, "{body}");
        let (_, _, body) = get(&rw, &format!("/sparql?query={}", enc("ASK { <https://example.org/a> rdfs:label \"A\" }")), &[]);
        assert!(body.contains("true"));
    }

    #[test]
    fn a_cross_product_times_out_and_results_are_capped() {
        let st = state_with(|o| {
            o.timeout = Some(Duration::from_millis(20));
            o.max_results = 3;
        });
        // About a million rows to count: a fraction of a second, far past 20 ms.
        let q = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }";
        let t = std::time::Instant::now();
        let (code, _, body) = get(&st, &format!("/sparql?query={}", enc(q)), &[]);
        assert_eq!(code, 503, "{body}");
        assert!(body.contains("timeout"), "{body}");
        assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
        // The late evaluation is counted until it ends.
        let t = std::time::Instant::now();
        while *st.runaway.lock().unwrap() > 0 {
            assert!(t.elapsed() < Duration::from_secs(60), "the runaway never ended");
            std::thread::sleep(Duration::from_millis(20));
        }
        // While too many are running, queries are turned away.
        *st.runaway.lock().unwrap() = MAX_RUNAWAY;
        let r = handle(&st, Request::builder().uri(format!("/sparql?query={}", enc(PERSONS))).body(Body::empty()).unwrap());
        assert_eq!(r.status().as_u16(), 503);
        assert!(r.headers().get("Retry-After").is_some());
        *st.runaway.lock().unwrap() = 0;
        let st = state_with(|o| o.max_results = 3);
        let r = handle(&st, Request::builder().uri(format!("/sparql?query={}", enc(PERSONS))).body(Body::empty()).unwrap());
        assert_eq!(r.headers().get("Dossier-Truncated").unwrap(), "3");
        let v: serde_json::Value = serde_json::from_str(&r.into_body().to_string().unwrap()).unwrap();
        assert_eq!(v["results"]["bindings"].as_array().unwrap().len(), 3);
    }

    #[test]
    fn a_bearer_token_guards_the_data_but_not_the_page() {
        let st = state_with(|o| o.token = Some("s3cret".into()));
        let url = format!("/sparql?query={}", enc(PERSONS));
        let r = handle(&st, Request::builder().uri(url.as_str()).body(Body::empty()).unwrap());
        assert_eq!(r.status().as_u16(), 401);
        assert!(r.headers().get("WWW-Authenticate").is_some());
        assert_eq!(get(&st, &url, &[("Authorization", "Bearer wrong")]).0, 401);
        assert_eq!(get(&st, &url, &[("Authorization", "Basic czNjcmV0")]).0, 401);
        assert_eq!(get(&st, &url, &[("Authorization", "Bearer s3cret")]).0, 200);
        assert_eq!(get(&st, "/graph?around=Jordan", &[]).0, 401);
        let (code, _, page) = get(&st, "/", &[]);
        assert_eq!(code, 200);
        assert!(page.contains("\"tokenRequired\":true"));
    }

    #[test]
    fn the_graph_route_returns_a_neighbourhood_as_cytoscape_json() {
        let st = state_with(|_| {});
        let (code, ct, body) = get(&st, "/graph?around=id%3Acountry%2FJO&depth=1", &[]);
        assert_eq!((code, ct.as_str()), (200, "application/json"), "{body}");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        let nodes = v["elements"]["nodes"].as_array().unwrap();
        assert!(nodes.iter().any(|n| n["data"]["label"] == "Jordan"));
        assert!(nodes.iter().any(|n| n["data"]["label"] == "Amman"));
        assert!(!nodes.iter().any(|n| n["data"]["label"] == "Enrique Mora"));
        assert!(nodes.iter().all(|n| n["position"]["x"].is_number()));
        let q = enc("CONSTRUCT { ?a dossier:with ?b } WHERE { ?e sem:hasActor ?a , ?b FILTER(STR(?a) < STR(?b)) }");
        let (code, _, body) = get(&st, &format!("/graph?query={q}&kinds=country,person"), &[]);
        assert_eq!(code, 200, "{body}");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert!(v["elements"]["edges"].as_array().unwrap().iter().all(|e| e["data"]["label"] == "dossier:with"));
        assert_eq!(get(&st, "/graph?around=Nobody+Atall", &[]).0, 400);
        assert_eq!(get(&st, "/graph?around=Jordan&depth=99", &[]).0, 400);
        assert_eq!(get(&st, "/graph?kinds=widgets", &[]).0, 400);
        assert_eq!(get(&st, "/graph?from=yesterday", &[]).0, 400);
        let small = state_with(|o| o.max_results = 5);
        assert_eq!(get(&small, "/graph", &[]).0, 413);
    }

    #[test]
    fn the_page_has_the_query_box_the_viewer_and_safe_config() {
        let st = state_with(|_| {});
        let (code, ct, page) = get(&st, "/", &[]);
        assert_eq!((code, ct.as_str()), (200, "text/html; charset=utf-8"));
        assert!(page.contains("<textarea id=\"query\""));
        assert!(page.contains("DossierViewer.mount("));
        assert!(page.contains("graph?query="));
        // Two script elements, two closing tags: the saved query's
        // description cannot close one.
        assert_eq!(page.matches("<script").count(), 2);
        assert_eq!(page.matches("</script>").count(), 2);
        assert!(page.contains("Countries \\u003c/script\\u003e \\u0026 codes"));
        for bad in ["src=\"http", "href=\"http", "@import"] {
            assert!(!page.contains(bad), "{bad}");
        }
    }

    #[test]
    fn forms_and_service_detection() {
        assert_eq!(parse_form("query=a+b%3Dc&x=%E2%82%AC&bad=%zz&flag"), vec![
            ("query".to_string(), "a b=c".to_string()),
            ("x".to_string(), "€".to_string()),
            ("bad".to_string(), "%zz".to_string()),
            ("flag".to_string(), String::new()),
        ]);
        assert!(mentions_service("SELECT * { service <x> { ?s ?p ?o } }"));
        assert!(!mentions_service("SELECT ?service WHERE { ?service a <http://x/Service> } # SERVICE"));
        assert!(!mentions_service("SELECT * WHERE { FILTER(?a <?b) BIND('SERVICE' AS ?c) }"));
        assert_eq!(accept_ranges("text/csv;q=0.5, application/json, */*;q=0.1"), vec!["application/json", "text/csv", "*/*"]);
        assert!(is_loopback(&"127.0.0.1:7878".parse().unwrap()));
        assert!(is_loopback(&"[::1]:7878".parse().unwrap()));
        assert!(!is_loopback(&"0.0.0.0:7878".parse().unwrap()));
    }

    #[test]
    fn a_real_socket_serves_queries() {
        use std::io::Write;
        let state = Arc::new(state_with(|_| {}));
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let _server = spawn(state, addr).unwrap();
        let mut conn = None;
        for _ in 0..50 {
            match std::net::TcpStream::connect(addr) {
                Ok(c) => {
                    conn = Some(c);
                    break;
                }
                Err(_) => std::thread::sleep(Duration::from_millis(50)),
            }
        }
        let mut c = conn.expect("the server listens");
        c.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let q = enc("ASK { ?c a schema:Country }");
        write!(c, "GET /sparql?query={q} HTTP/1.1\r\nHost: localhost\r\nAccept: application/sparql-results+json\r\nConnection: close\r\n\r\n").unwrap();
        let mut resp = String::new();
        c.read_to_string(&mut resp).unwrap();
        assert!(resp.starts_with("HTTP/1.1 200"), "{resp}");
        assert!(resp.to_ascii_lowercase().contains("content-type: application/sparql-results+json"));
        assert!(resp.contains("\"boolean\":true"), "{resp}");
    }
}
