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
use std::sync::Arc;
use std::time::Duration;

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
}

impl ServerState {
    pub fn new(store: DossierStore, opts: ServerOptions) -> ServerState {
        ServerState { store, opts, saved: Vec::new() }
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
    let out = match query::evaluate(state.store.inner(), &q, &opts) {
        Ok(o) => o,
        Err(e) => return error_response(e),
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
        Ok(()) => Response::builder().status(StatusCode::NO_CONTENT).body(Body::empty()).expect("valid response"),
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
    let p = match graph::project(state.store.inner(), &opts) {
        Ok(p) => p,
        Err(e) => return error_response(e),
    };
    if p.node_count() > state.opts.max_results {
        return text(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!("the graph has {} nodes, more than the limit of {}: narrow it with around, kinds, from/to or min-weight", p.node_count(), state.opts.max_results),
        );
    }
    let title = match (&opts.around, &opts.construct) {
        (Some(a), _) => format!("Around {a} (depth {})", opts.depth),
        (None, Some(_)) => "CONSTRUCT result".to_string(),
        _ => "Dossier graph".to_string(),
    };
    let v = cyjs::to_value(&p, &Meta::new(title, ""));
    body_response(StatusCode::OK, "application/json", serde_json::to_vec(&v).unwrap_or_default())
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
mod tests {}
