//! Building a [`Projection`] from the store with SPARQL.
//!
//! SPARQL rather than a scan of quads: the query engine joins and removes
//! duplicates on the store's internal ids and turns only the answers into
//! strings. One query per predicate reads the standard graph: the typed
//! resources (persons, organizations, countries, places, events,
//! publications), their labels, dates and details, and the links between
//! them. Turning an answer back into strings costs a store lookup per
//! term, which on disk is most of the time, so the queries run side by
//! side on all cores. Nodes are then numbered in IRI order, and the rest
//! (links, co-mention counts, date filter) works on numbers. Co-mention
//! edges are counted from the `mentions` links of the publications kept
//! by the date filter. A CONSTRUCT projection takes the triples of the
//! query result instead and looks up the kinds, labels and dates of the
//! resources it names in the store.

use super::{date_in, Edge, EdgeKind, Node, NodeKind, Options, Projection};
use crate::error::{Error, Result};
use crate::query::{self, compact_iri, Output};
use crate::rdf::vocab::{ID, PREFIXES, RDF, RDFS, SCHEMA, SEM};
use oxigraph::model::{NamedOrBlankNode, Term};
use oxigraph::store::Store;
use petgraph::graph::{DiGraph, NodeIndex};
use crate::recognize::gazetteer::FxMap;
use std::collections::{HashSet, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Project the store under the options: build, filter, rank, lay out.
pub fn project(store: &Store, opts: &Options) -> Result<Projection> {
    if let Some(d) = &opts.from {
        check_date(d)?;
    }
    if let Some(d) = &opts.to {
        check_date(d)?;
    }
    let mut ph = Phases::start();
    let raw = match &opts.construct {
        Some(q) => from_construct(store, q, opts, &mut ph)?,
        None => standard(store, opts, &mut ph)?,
    };
    let mut p = filter(raw, opts)?;
    ph.lap("filter");
    p.finish(opts.size_by, opts.layout, opts.seed);
    ph.lap("rank and layout");
    p.phases = ph.done;
    Ok(p)
}

/// Times the steps of a projection.
struct Phases {
    at: std::time::Instant,
    done: Vec<(&'static str, std::time::Duration)>,
}

impl Phases {
    fn start() -> Phases {
        Phases { at: std::time::Instant::now(), done: Vec::new() }
    }
    fn lap(&mut self, name: &'static str) {
        let now = std::time::Instant::now();
        self.done.push((name, now - self.at));
        self.at = now;
    }
}

fn check_date(d: &str) -> Result<()> {
    chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
        .map(|_| ())
        .map_err(|_| Error::Invalid(format!("not a date (YYYY-MM-DD): {d}")))
}

/// Nodes and edges before the kind and neighbourhood filters, by number: a
/// node is its index in `nodes`, an edge label its index in `labels`.
#[derive(Default)]
struct Raw {
    nodes: Vec<Node>,
    /// Nodes left out by the date filter.
    dropped: Vec<bool>,
    index: FxMap<String, u32>,
    labels: Vec<String>,
    label_index: FxMap<String, u32>,
    /// (source, target, kind, label) → weight.
    edges: FxMap<(u32, u32, EdgeKind, u32), f64>,
}

impl Raw {
    fn id(&self, iri: &str) -> Option<u32> {
        self.index.get(iri).copied()
    }

    /// The number of the node with this IRI, made with `make` if new.
    fn node(&mut self, iri: &str, make: impl FnOnce() -> Node) -> u32 {
        if let Some(&i) = self.index.get(iri) {
            return i;
        }
        let i = self.nodes.len() as u32;
        self.index.insert(iri.to_string(), i);
        self.nodes.push(make());
        self.dropped.push(false);
        i
    }

    fn label(&mut self, l: &str) -> u32 {
        if let Some(&i) = self.label_index.get(l) {
            return i;
        }
        let i = self.labels.len() as u32;
        self.labels.push(l.to_string());
        self.label_index.insert(l.to_string(), i);
        i
    }

    fn kind(&self, i: u32) -> NodeKind {
        self.nodes[i as usize].kind
    }

    fn kept(&self, i: u32) -> bool {
        !self.dropped[i as usize]
    }

    /// Leave out the events and publications dated outside the window, and
    /// the edges that touch them.
    fn drop_undated(&mut self, from: Option<&str>, to: Option<&str>) {
        for (n, d) in self.nodes.iter().zip(self.dropped.iter_mut()) {
            if matches!(n.kind, NodeKind::Event | NodeKind::Publication) && !n.date.as_deref().is_some_and(|x| date_in(x, from, to)) {
                *d = true;
            }
        }
        let dropped = &self.dropped;
        self.edges.retain(|(s, t, _, _), _| !dropped[*s as usize] && !dropped[*t as usize]);
    }
}

fn solutions(store: &Store, q: &str, opts: &Options) -> Result<Vec<oxigraph::sparql::QuerySolution>> {
    match query::evaluate(store, q, &query::Options { timeout: opts.timeout, ..Default::default() })? {
        Output::Solutions { rows, .. } => Ok(rows),
        _ => Err(Error::Invalid("expected a SELECT result".into())),
    }
}

fn iri_of(t: Option<&Term>) -> Option<&str> {
    match t {
        Some(Term::NamedNode(n)) => Some(n.as_str()),
        _ => None,
    }
}

fn kind_of_class(class: &str) -> Option<NodeKind> {
    let local = class.strip_prefix(SCHEMA).or_else(|| class.strip_prefix(SEM))?;
    Some(match local {
        "Person" => NodeKind::Person,
        "Organization" => NodeKind::Organization,
        "Country" => NodeKind::Country,
        "Place" => NodeKind::Place,
        "Event" if class.starts_with(SEM) => NodeKind::Event,
        "Article" => NodeKind::Publication,
        _ => return None,
    })
}

/// A readable fallback label: the last path segment of the IRI, decoded.
fn iri_label(iri: &str) -> String {
    let tail = iri.rsplit(['/', '#']).find(|s| !s.is_empty()).unwrap_or(iri);
    let mut bytes = Vec::with_capacity(tail.len());
    let b = tail.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Some(v) = tail.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok()) {
                bytes.push(v);
                i += 3;
                continue;
            }
        }
        bytes.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The classes of the nodes of the standard projection.
const CLASSES: &str = "schema:Person schema:Organization schema:Country schema:Place sem:Event schema:Article";

/// The predicates that label, date and detail a node, with the classes
/// that carry them.
/// Empty: any subject (a subject that is not a node is skipped anyway);
/// a class is given where mentions carry the predicate too, since they are
/// many and joining on the class is cheaper than reading them all.
const DESCRIBING: &[(&str, &str)] = &[
    ("rdfs:label", ""),
    ("schema:headline", ""),
    ("schema:datePublished", ""),
    ("dossier:document", ""),
    ("sem:hasTimeStamp", ""),
    ("sem:hasBeginTimeStamp", ""),
    ("dossier:plover", ""),
    ("dossier:iso3166", "schema:Country"),
];

/// Runs `SELECT ?s ?o` queries, on as many threads as there are cores,
/// and gives each query's answers as (subject IRI, object IRI or literal
/// value) pairs, in query order. Turning each answer's internal ids into
/// strings is a store lookup per term and most of the cost on disk, so the
/// queries run side by side.
/// (subject, object) strings of a `SELECT ?s ?o` query.
type Pairs = Vec<(String, String)>;

fn pairs_of(store: &Store, queries: &[String], opts: &Options) -> Result<Vec<Pairs>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, queries.len().max(1));
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, Result<Pairs>)> = Vec::with_capacity(queries.len());
    std::thread::scope(|scope| -> Result<()> {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(q) = queries.get(i) else { break };
                        out.push((i, pairs(store, q, opts)));
                    }
                    out
                })
            })
            .collect();
        for w in workers {
            done.extend(w.join().map_err(|_| Error::Invalid("a projection query failed unexpectedly".into()))?);
        }
        Ok(())
    })?;
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

fn pairs(store: &Store, q: &str, opts: &Options) -> Result<Pairs> {
    let rows = solutions(store, q, opts)?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            let s = iri_of(r.get("s"))?;
            let o = match r.get("o") {
                Some(Term::NamedNode(n)) => n.as_str(),
                Some(Term::Literal(l)) => l.value(),
                _ => return None,
            };
            Some((s.to_string(), o.to_string()))
        })
        .collect())
}

/// The queries that read labels, dates and details (see [`DESCRIBING`]).
/// `restrict`: only for these IRIs (CONSTRUCT projections).
fn describing_queries(restrict: Option<&[String]>) -> Vec<(&'static str, String)> {
    // One query per predicate, with the predicate a constant, so the store
    // reads just that predicate's index (a VALUES list of predicates is
    // joined after a scan of every statement). Without a list of IRIs, each
    // is limited to the classes that carry it: mentions carry ISO codes too,
    // and there are many more of them.
    let lists: Vec<String> = match restrict {
        None => vec![String::new()],
        Some(iris) => iris.chunks(400).map(|c| format!("VALUES ?s {{ {} }}", c.iter().map(|i| format!("<{i}>")).collect::<Vec<_>>().join(" "))).collect(),
    };
    let mut out = Vec::new();
    for (pred, classes) in DESCRIBING {
        for values in &lists {
            let typed = if values.is_empty() && !classes.is_empty() { format!("?s a {classes} .") } else { String::new() };
            out.push((*pred, format!("SELECT ?s ?o WHERE {{ {values} ?s {pred} ?o . {typed} }}")));
        }
    }
    out
}

/// Keep the least of the values seen.
fn keep_least(slot: &mut Option<String>, v: String) {
    if slot.as_ref().is_none_or(|d| v < *d) {
        *slot = Some(v);
    }
}

/// Labels, dates and details from the answers of [`describing_queries`].
fn describe(raw: &mut Raw, preds: &[&'static str], answers: Vec<Pairs>) {
    let n = raw.nodes.len();
    // Per node: label → uses, the document of an untitled publication, dates.
    let mut labels: Vec<Vec<(String, usize)>> = vec![Vec::new(); n];
    let mut untitled: Vec<Option<String>> = vec![None; n];
    let mut earliest: Vec<Option<String>> = vec![None; n];
    for (pred, rows) in preds.iter().zip(answers) {
        for (s, o) in rows {
            let Some(i) = raw.id(&s) else { continue };
            let i = i as usize;
            match *pred {
                "rdfs:label" | "schema:headline" => match labels[i].iter_mut().find(|(l, _)| *l == o) {
                    Some((_, c)) => *c += 1,
                    None => labels[i].push((o, 1)),
                },
                "sem:hasTimeStamp" | "sem:hasBeginTimeStamp" | "schema:datePublished" => keep_least(&mut earliest[i], o),
                "dossier:plover" | "dossier:iso3166" => raw.nodes[i].detail = Some(o),
                // The fallback label of an untitled publication.
                "dossier:document" => keep_least(&mut untitled[i], o),
                _ => {}
            }
        }
    }
    for (i, node) in raw.nodes.iter_mut().enumerate() {
        // The most used label; ties go to the longer, then the first.
        let best = labels[i]
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(a.0.chars().count().cmp(&b.0.chars().count())).then(b.0.cmp(&a.0)));
        if let Some((l, _)) = best {
            node.label = l.clone();
        } else if let Some(d) = &untitled[i] {
            node.label = format!("(untitled) {d}");
        }
        if let Some(d) = earliest[i].take() {
            node.date = Some(d);
        }
    }
}

/// The links of the standard projection: (predicate, query).
const LINKS: [&str; 5] = ["schema:mentions", "sem:hasActor", "sem:hasPlace", "schema:containedInPlace", "schema:author"];

/// The standard projection: typed resources and their links.
fn standard(store: &Store, opts: &Options, ph: &mut Phases) -> Result<Raw> {
    // Every query at once: nodes, their descriptions and the links.
    let describing = describing_queries(None);
    // No DISTINCT: repeats are merged below, and removing them in the
    // engine costs more than reading them.
    let mut queries = vec![format!("SELECT ?s ?o WHERE {{ VALUES ?o {{ {CLASSES} }} ?s a ?o }}")];
    queries.extend(LINKS.iter().map(|p| format!("SELECT ?s ?o WHERE {{ ?s {p} ?o }}")));
    queries.extend(describing.iter().map(|(_, q)| q.clone()));
    let mut answers = pairs_of(store, &queries, opts)?.into_iter();
    ph.lap("store reads");

    // Nodes, numbered in IRI order so that numbers compare as IRIs do.
    let mut kinds: FxMap<String, NodeKind> = FxMap::default();
    for (s, t) in answers.next().unwrap_or_default() {
        let Some(kind) = kind_of_class(&t) else { continue };
        // A resource with two kinds keeps the first in kind order.
        kinds.entry(s).and_modify(|k| *k = (*k).min(kind)).or_insert(kind);
    }
    let mut sorted: Vec<(String, NodeKind)> = kinds.into_iter().collect();
    sorted.sort_unstable();
    let mut raw = Raw::default();
    for (iri, kind) in sorted {
        raw.node(&iri, || Node::new(iri.as_str(), iri_label(&iri), kind));
    }
    let links: Vec<Pairs> = answers.by_ref().take(LINKS.len()).collect();
    let preds: Vec<&'static str> = describing.iter().map(|(p, _)| *p).collect();
    describe(&mut raw, &preds, answers.collect());
    ph.lap("nodes, labels and dates");

    let dated = opts.from.is_some() || opts.to.is_some();
    if dated {
        raw.drop_undated(opts.from.as_deref(), opts.to.as_deref());
    }
    let n = raw.nodes.len();
    let kind_labels: Vec<u32> = [EdgeKind::ParticipatesIn, EdgeKind::LocatedIn, EdgeKind::Mentions, EdgeKind::AuthoredBy, EdgeKind::CoMention]
        .iter()
        .map(|k| raw.label(k.as_str()))
        .collect();
    let label_of = |k: EdgeKind| match k {
        EdgeKind::ParticipatesIn => kind_labels[0],
        EdgeKind::LocatedIn => kind_labels[1],
        EdgeKind::Mentions => kind_labels[2],
        EdgeKind::AuthoredBy => kind_labels[3],
        _ => kind_labels[4],
    };
    // Publication → mentioned entities, for co-mention.
    let mut mentioned: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (pred, rows) in LINKS.iter().zip(links) {
        for (s, o) in rows {
            let (Some(si), Some(oi)) = (raw.id(&s), raw.id(&o)) else { continue };
            if !raw.kept(si) || !raw.kept(oi) {
                continue;
            }
            let (sk, ok) = (raw.kind(si), raw.kind(oi));
            let edge = match *pred {
                "sem:hasActor" if sk == NodeKind::Event => (oi, si, EdgeKind::ParticipatesIn),
                "sem:hasPlace" | "schema:containedInPlace" => (si, oi, EdgeKind::LocatedIn),
                "schema:mentions" if sk == NodeKind::Publication => {
                    if ok.is_entity() {
                        mentioned[si as usize].push(oi);
                    }
                    (si, oi, EdgeKind::Mentions)
                }
                "schema:author" if sk == NodeKind::Publication => (si, oi, EdgeKind::AuthoredBy),
                _ => continue,
            };
            raw.edges.insert((edge.0, edge.1, edge.2, label_of(edge.2)), 1.0);
        }
    }
    ph.lap("links");

    // Co-mention: pairs of entities mentioned by the same publication,
    // counted as one sorted list of (smaller, larger) node numbers.
    let mut pairs: Vec<u64> = Vec::new();
    for ents in &mut mentioned {
        ents.sort_unstable();
        ents.dedup();
        for (i, &a) in ents.iter().enumerate() {
            pairs.extend(ents[i + 1..].iter().map(|&b| ((a as u64) << 32) | b as u64));
        }
    }
    pairs.sort_unstable();
    let min_w = if opts.min_weight.is_finite() { opts.min_weight } else { 1.0 };
    let co = label_of(EdgeKind::CoMention);
    for run in pairs.chunk_by(|a, b| a == b) {
        if run.len() as f64 >= min_w {
            let (a, b) = ((run[0] >> 32) as u32, run[0] as u32);
            raw.edges.insert((a, b, EdgeKind::CoMention, co), run.len() as f64);
        }
    }

    if dated {
        // Entities stay when they touch a kept event or publication, and
        // countries when a kept place lies in them.
        let mut keep: Vec<bool> = raw.nodes.iter().zip(&raw.dropped).map(|(nd, d)| !d && !nd.kind.is_entity()).collect();
        let anchored: Vec<u32> = raw
            .edges
            .keys()
            .filter(|(s, t, k, _)| *k != EdgeKind::CoMention && (!raw.kind(*s).is_entity() || !raw.kind(*t).is_entity()))
            .flat_map(|(s, t, _, _)| [*s, *t])
            .collect();
        for i in anchored {
            keep[i as usize] = true;
        }
        let extra: Vec<u32> = raw
            .edges
            .keys()
            .filter(|(s, t, k, _)| *k == EdgeKind::LocatedIn && keep[*s as usize] && !keep[*t as usize])
            .map(|(_, t, _, _)| *t)
            .collect();
        for i in extra {
            keep[i as usize] = true;
        }
        for (d, k) in raw.dropped.iter_mut().zip(&keep) {
            *d = !k;
        }
        let dropped = &raw.dropped;
        raw.edges.retain(|(s, t, _, _), _| !dropped[*s as usize] && !dropped[*t as usize]);
    }
    ph.lap("co-mention");
    Ok(raw)
}

/// A CONSTRUCT (or DESCRIBE) result as a graph: IRIs and blank nodes are
/// nodes, triples between them are edges, `rdfs:label`/`schema:name`
/// literals label them and `rdf:type` gives their kind; the store fills in
/// what the result leaves out.
fn from_construct(store: &Store, q: &str, opts: &Options, ph: &mut Phases) -> Result<Raw> {
    let out = query::evaluate(store, q, &query::Options { timeout: opts.timeout, ..Default::default() })?;
    ph.lap("query");
    let Output::Graph { triples, .. } = out else {
        return Err(Error::Invalid("--query needs a CONSTRUCT or DESCRIBE query (a graph result)".into()));
    };
    let mut raw = Raw::default();
    // Nodes the result labels or types itself (the store does not override those).
    let mut labelled: HashSet<u32> = HashSet::new();
    let mut typed: HashSet<u32> = HashSet::new();
    let key = |s: &NamedOrBlankNode| -> String {
        match s {
            NamedOrBlankNode::NamedNode(n) => n.as_str().to_string(),
            NamedOrBlankNode::BlankNode(b) => format!("_:{}", b.as_str()),
            #[allow(unreachable_patterns)]
            other => other.to_string(),
        }
    };
    let rdf_type = format!("{RDF}type");
    let label_preds = [format!("{RDFS}label"), format!("{SCHEMA}name"), format!("{SCHEMA}headline")];
    for t in &triples {
        let s = key(&t.subject);
        let p = t.predicate.as_str();
        let si = raw.node(&s, || Node::new(s.as_str(), iri_label(&s), NodeKind::Other));
        match &t.object {
            Term::Literal(l) if label_preds.iter().any(|x| x == p) => {
                // The first label given wins.
                if labelled.insert(si) {
                    raw.nodes[si as usize].label = l.value().to_string();
                }
            }
            Term::Literal(_) => {}
            Term::NamedNode(o) if p == rdf_type => {
                if let Some(k) = kind_of_class(o.as_str()) {
                    let sn = &mut raw.nodes[si as usize];
                    sn.kind = if typed.insert(si) { k } else { sn.kind.min(k) };
                }
            }
            o => {
                let o = match o {
                    Term::NamedNode(n) => n.as_str().to_string(),
                    Term::BlankNode(b) => format!("_:{}", b.as_str()),
                    other => other.to_string(),
                };
                let oi = raw.node(&o, || Node::new(o.as_str(), iri_label(&o), NodeKind::Other));
                let (kind, label) = predicate_kind(p);
                let li = raw.label(&label);
                *raw.edges.entry((si, oi, kind, li)).or_default() += 1.0;
            }
        }
    }
    // Fill in kinds, labels and dates from the store.
    // Only Dossier's own resources are worth looking up.
    let iris: Vec<String> = raw.nodes.iter().filter(|n| n.iri.starts_with(ID)).map(|n| n.iri.clone()).collect();
    if !iris.is_empty() {
        let mut queries: Vec<String> = iris
            .chunks(400)
            .map(|chunk| {
                let values = chunk.iter().map(|i| format!("<{i}>")).collect::<Vec<_>>().join(" ");
                format!("SELECT DISTINCT ?s ?o WHERE {{ VALUES ?s {{ {values} }} VALUES ?o {{ {CLASSES} }} ?s a ?o }}")
            })
            .collect();
        let n_kinds = queries.len();
        let describing = describing_queries(Some(&iris));
        queries.extend(describing.iter().map(|(_, q)| q.clone()));
        let mut answers = pairs_of(store, &queries, opts)?;
        let rest = answers.split_off(n_kinds);
        for (s, t) in answers.into_iter().flatten() {
            let (Some(i), Some(k)) = (raw.id(&s), kind_of_class(&t)) else { continue };
            if !typed.contains(&i) {
                let n = &mut raw.nodes[i as usize];
                n.kind = if n.kind == NodeKind::Other { k } else { n.kind.min(k) };
            }
        }
        let saved: Vec<(u32, String)> = labelled.iter().map(|&i| (i, raw.nodes[i as usize].label.clone())).collect();
        let preds: Vec<&'static str> = describing.iter().map(|(p, _)| *p).collect();
        describe(&mut raw, &preds, rest);
        for (i, l) in saved {
            raw.nodes[i as usize].label = l;
        }
    }
    if opts.from.is_some() || opts.to.is_some() {
        raw.drop_undated(opts.from.as_deref(), opts.to.as_deref());
    }
    ph.lap("kinds, labels and dates");
    Ok(raw)
}

/// The edge kind and label of a predicate in a CONSTRUCT result.
fn predicate_kind(p: &str) -> (EdgeKind, String) {
    // `sem:hasActor` points from the event to the actor, the other way
    // round from `participates-in`, so it keeps its own name.
    let kind = if p == format!("{SCHEMA}mentions") {
        EdgeKind::Mentions
    } else if p == format!("{SCHEMA}author") {
        EdgeKind::AuthoredBy
    } else if p == format!("{SEM}hasPlace") || p == format!("{SCHEMA}containedInPlace") {
        EdgeKind::LocatedIn
    } else {
        EdgeKind::Other
    };
    let label = if kind == EdgeKind::Other { compact_iri(p) } else { kind.as_str().to_string() };
    (kind, label)
}

/// Apply the kind and neighbourhood filters and build the petgraph graph.
fn filter(raw: Raw, opts: &Options) -> Result<Projection> {
    let Raw { nodes, dropped, labels, edges, .. } = raw;
    // Sort nodes by kind, then IRI, for a stable numbering.
    let mut order: Vec<u32> = (0..nodes.len() as u32)
        .filter(|&i| !dropped[i as usize] && (opts.kinds.is_empty() || opts.kinds.contains(&nodes[i as usize].kind)))
        .collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&nodes[a as usize], &nodes[b as usize]);
        (a.kind, &a.iri).cmp(&(b.kind, &b.iri))
    });
    let mut g: DiGraph<Node, super::Edge> = DiGraph::with_capacity(order.len(), edges.len());
    let mut index: Vec<Option<NodeIndex>> = vec![None; nodes.len()];
    let mut nodes: Vec<Option<Node>> = nodes.into_iter().map(Some).collect();
    for i in order {
        if let Some(n) = nodes[i as usize].take() {
            index[i as usize] = Some(g.add_node(n));
        }
    }
    let mut list: Vec<(NodeIndex, NodeIndex, EdgeKind, &str, f64)> = edges
        .into_iter()
        .filter_map(|((s, t, k, l), w)| Some((index[s as usize]?, index[t as usize]?, k, labels[l as usize].as_str(), w)))
        .filter(|(s, t, _, _, _)| s != t)
        .collect();
    list.sort_unstable_by(|a, b| (a.0, a.1, a.2, a.3).cmp(&(b.0, b.1, b.2, b.3)));
    for (s, t, kind, label, weight) in list {
        g.add_edge(s, t, Edge { kind, label: label.to_string(), weight });
    }
    if let Some(center) = &opts.around {
        let seeds = find_nodes(&g, center);
        if seeds.is_empty() {
            return Err(Error::Invalid(format!("no node matches {center:?} (give an IRI, id:…, or a label)")));
        }
        let keep = bfs(&g, &seeds, opts.depth);
        g = g.filter_map(|i, n| keep.contains(&i).then(|| n.clone()), |_, e| Some(e.clone()));
    }
    Ok(Projection { graph: g, phases: Vec::new() })
}

/// Nodes matching an IRI (full or prefixed), else a label (case-insensitive,
/// exact first, then every node whose label contains it).
pub fn find_nodes(g: &DiGraph<Node, Edge>, what: &str) -> Vec<NodeIndex> {
    let w = what.trim();
    let w = w.strip_prefix('<').and_then(|x| x.strip_suffix('>')).unwrap_or(w);
    let mut iri = w.to_string();
    if let Some((p, local)) = w.split_once(':') {
        if let Some((_, ns)) = PREFIXES.iter().find(|(q, _)| *q == p) {
            iri = format!("{ns}{local}");
        }
    }
    let by_iri: Vec<NodeIndex> = g.node_indices().filter(|&i| g[i].iri == iri).collect();
    if !by_iri.is_empty() {
        return by_iri;
    }
    let lw = w.to_lowercase();
    let exact: Vec<NodeIndex> = g.node_indices().filter(|&i| g[i].label.to_lowercase() == lw).collect();
    if !exact.is_empty() || lw.is_empty() {
        return exact;
    }
    g.node_indices().filter(|&i| g[i].label.to_lowercase().contains(&lw)).collect()
}

/// Nodes within `depth` hops of the seeds, following edges either way.
fn bfs(g: &DiGraph<Node, Edge>, seeds: &[NodeIndex], depth: usize) -> HashSet<NodeIndex> {
    let mut seen: HashSet<NodeIndex> = seeds.iter().copied().collect();
    let mut queue: VecDeque<(NodeIndex, usize)> = seeds.iter().map(|&s| (s, 0)).collect();
    while let Some((n, d)) = queue.pop_front() {
        if d >= depth {
            continue;
        }
        for m in g.neighbors_undirected(n) {
            if seen.insert(m) {
                queue.push_back((m, d + 1));
            }
        }
    }
    seen
}
