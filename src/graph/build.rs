//! Building a [`Projection`] from the store with SPARQL.
//!
//! SPARQL rather than a scan of quads: the query engine joins and removes
//! duplicates on the store's internal ids and turns only the answers into
//! strings, which on disk is most of the cost. Three queries read the
//! standard graph: the typed resources (persons,
//! organizations, countries, places, events, publications), their labels,
//! dates and details, and the links between them. Co-mention edges are
//! counted here from the `mentions` links of the publications kept by the
//! date filter. A CONSTRUCT projection takes the triples of the query
//! result instead and looks up the kinds, labels and dates of the
//! resources it names in the store.

use super::{date_in, Edge, EdgeKind, Node, NodeKind, Options, Projection};
use crate::error::{Error, Result};
use crate::query::{self, compact_iri, Output};
use crate::rdf::vocab::{ID, PREFIXES, RDF, RDFS, SCHEMA, SEM};
use oxigraph::model::{NamedOrBlankNode, Term};
use oxigraph::store::Store;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};

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

/// Nodes and edges before the kind and neighbourhood filters.
struct Raw {
    nodes: BTreeMap<String, Node>,
    /// (source IRI, target IRI, kind, label) → weight.
    edges: BTreeMap<(String, String, EdgeKind, String), f64>,
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

fn value_of(t: Option<&Term>) -> Option<&str> {
    match t {
        Some(Term::Literal(l)) => Some(l.value()),
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

/// Labels, dates and details of `nodes`, read from the store.
/// `restrict`: look up only these IRIs (CONSTRUCT projections).
fn describe(store: &Store, nodes: &mut BTreeMap<String, Node>, restrict: Option<&[String]>, opts: &Options) -> Result<()> {
    let mut labels: HashMap<String, BTreeMap<String, usize>> = HashMap::new();
    let mut dates: HashMap<String, BTreeSet<String>> = HashMap::new();
    // One query per predicate, with the predicate a constant, so the store
    // reads just that predicate's index (a VALUES list of predicates is
    // joined after a scan of every statement). Without a list of IRIs, each
    // is limited to the classes that carry it: mentions carry ISO codes too,
    // and there are many more of them.
    let lists: Vec<String> = match restrict {
        None => vec![String::new()],
        Some(iris) => iris.chunks(400).map(|c| format!("VALUES ?s {{ {} }}", c.iter().map(|i| format!("<{i}>")).collect::<Vec<_>>().join(" "))).collect(),
    };
    for (pred, classes) in DESCRIBING {
        for values in &lists {
            let typed = if values.is_empty() && !classes.is_empty() { format!("?s a {classes} .") } else { String::new() };
            let q = format!("SELECT ?s ?o WHERE {{ {values} ?s {pred} ?o . {typed} }}");
            for r in solutions(store, &q, opts)? {
                let (Some(s), Some(o)) = (iri_of(r.get("s")), value_of(r.get("o"))) else { continue };
                let Some(node) = nodes.get_mut(s) else { continue };
                match *pred {
                    "rdfs:label" | "schema:headline" => *labels.entry(s.to_string()).or_default().entry(o.to_string()).or_default() += 1,
                    "sem:hasTimeStamp" | "sem:hasBeginTimeStamp" | "schema:datePublished" => {
                        dates.entry(s.to_string()).or_default().insert(o.to_string());
                    }
                    "dossier:plover" | "dossier:iso3166" => node.detail = Some(o.to_string()),
                    "dossier:document" => {
                        // The fallback label of an untitled publication.
                        labels.entry(s.to_string()).or_default().entry(format!("\u{0}{o}")).or_default();
                    }
                    _ => {}
                }
            }
        }
    }
    for (iri, node) in nodes.iter_mut() {
        if let Some(ls) = labels.get(iri) {
            // The most used label; ties go to the longer, then the first.
            let best = ls
                .iter()
                .filter(|(l, _)| !l.starts_with('\u{0}'))
                .max_by(|a, b| a.1.cmp(b.1).then(a.0.chars().count().cmp(&b.0.chars().count())).then(b.0.cmp(a.0)));
            match best {
                Some((l, _)) => node.label = l.clone(),
                None => {
                    if let Some((l, _)) = ls.iter().next() {
                        node.label = format!("(untitled) {}", l.trim_start_matches('\u{0}'));
                    }
                }
            }
        }
        if let Some(ds) = dates.get(iri) {
            // The earliest date.
            node.date = ds.iter().next().cloned();
        }
    }
    Ok(())
}

/// The standard projection: typed resources and their links.
fn standard(store: &Store, opts: &Options, ph: &mut Phases) -> Result<Raw> {
    let mut nodes: BTreeMap<String, Node> = BTreeMap::new();
    let q = format!("SELECT DISTINCT ?s ?t WHERE {{ VALUES ?t {{ {CLASSES} }} ?s a ?t }}");
    for r in solutions(store, &q, opts)? {
        let (Some(s), Some(t)) = (iri_of(r.get("s")), iri_of(r.get("t"))) else { continue };
        let Some(kind) = kind_of_class(t) else { continue };
        // A resource with two kinds keeps the first in kind order.
        nodes
            .entry(s.to_string())
            .and_modify(|n| n.kind = n.kind.min(kind))
            .or_insert_with(|| Node::new(s, iri_label(s), kind));
    }
    ph.lap("nodes");
    describe(store, &mut nodes, None, opts)?;
    ph.lap("labels and dates");

    // Date filter on events and publications.
    let dated = opts.from.is_some() || opts.to.is_some();
    if dated {
        let (from, to) = (opts.from.as_deref(), opts.to.as_deref());
        nodes.retain(|_, n| match n.kind {
            NodeKind::Event | NodeKind::Publication => n.date.as_deref().is_some_and(|d| date_in(d, from, to)),
            _ => true,
        });
    }

    let mut edges: BTreeMap<(String, String, EdgeKind, String), f64> = BTreeMap::new();
    let add = |edges: &mut BTreeMap<_, f64>, s: &str, t: &str, kind: EdgeKind| {
        edges.insert((s.to_string(), t.to_string(), kind, kind.as_str().to_string()), 1.0);
    };
    // publication → mentioned entities, for co-mention.
    let mut mentioned: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for pred in ["sem:hasActor", "sem:hasPlace", "schema:containedInPlace", "schema:mentions", "schema:author"] {
        let q = format!("SELECT DISTINCT ?s ?o WHERE {{ ?s {pred} ?o }}");
        for r in solutions(store, &q, opts)? {
            let (Some(s), Some(o)) = (iri_of(r.get("s")), iri_of(r.get("o"))) else { continue };
            let (Some(sn), Some(on)) = (nodes.get(s), nodes.get(o)) else { continue };
            match pred {
                "sem:hasActor" if sn.kind == NodeKind::Event => add(&mut edges, o, s, EdgeKind::ParticipatesIn),
                "sem:hasPlace" | "schema:containedInPlace" => add(&mut edges, s, o, EdgeKind::LocatedIn),
                "schema:mentions" if sn.kind == NodeKind::Publication => {
                    add(&mut edges, s, o, EdgeKind::Mentions);
                    if on.kind.is_entity() {
                        mentioned.entry(s.to_string()).or_default().insert(o.to_string());
                    }
                }
                "schema:author" if sn.kind == NodeKind::Publication => add(&mut edges, s, o, EdgeKind::AuthoredBy),
                _ => {}
            }
        }
    }

    ph.lap("links");
    // Co-mention: pairs of entities mentioned by the same publication.
    let mut pairs: HashMap<(&str, &str), u32> = HashMap::new();
    for ents in mentioned.values() {
        let v: Vec<&str> = ents.iter().map(String::as_str).collect();
        for i in 0..v.len() {
            for j in i + 1..v.len() {
                *pairs.entry((v[i], v[j])).or_default() += 1;
            }
        }
    }
    let min_w = if opts.min_weight.is_finite() { opts.min_weight } else { 1.0 };
    for ((a, b), w) in pairs {
        if (w as f64) >= min_w {
            edges.insert((a.to_string(), b.to_string(), EdgeKind::CoMention, EdgeKind::CoMention.as_str().to_string()), w as f64);
        }
    }

    if dated {
        // Entities stay when they touch a kept event or publication, and
        // countries when a kept place lies in them.
        let anchored: HashSet<&str> = edges
            .keys()
            .filter(|(s, t, k, _)| {
                *k != EdgeKind::CoMention
                    && (nodes.get(s).is_some_and(|n| !n.kind.is_entity()) || nodes.get(t).is_some_and(|n| !n.kind.is_entity()))
            })
            .flat_map(|(s, t, _, _)| [s.as_str(), t.as_str()])
            .collect();
        let mut keep: HashSet<String> = nodes.iter().filter(|(i, n)| !n.kind.is_entity() || anchored.contains(i.as_str())).map(|(i, _)| i.clone()).collect();
        let extra: Vec<String> = edges
            .keys()
            .filter(|(s, t, k, _)| *k == EdgeKind::LocatedIn && keep.contains(s) && !keep.contains(t))
            .map(|(_, t, _, _)| t.clone())
            .collect();
        keep.extend(extra);
        nodes.retain(|i, _| keep.contains(i));
        edges.retain(|(s, t, _, _), _| nodes.contains_key(s) && nodes.contains_key(t));
    }
    ph.lap("co-mention");
    Ok(Raw { nodes, edges })
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
    let mut nodes: BTreeMap<String, Node> = BTreeMap::new();
    let mut edges: BTreeMap<(String, String, EdgeKind, String), f64> = BTreeMap::new();
    let mut labelled: HashSet<String> = HashSet::new();
    let mut typed: HashSet<String> = HashSet::new();
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
        let sn = nodes.entry(s.clone()).or_insert_with(|| Node::new(s.as_str(), iri_label(&s), NodeKind::Other));
        match &t.object {
            Term::Literal(l) if label_preds.iter().any(|x| x == p) => {
                // The first label given wins.
                if labelled.insert(s.clone()) {
                    sn.label = l.value().to_string();
                }
            }
            Term::Literal(_) => {}
            Term::NamedNode(o) if p == rdf_type => {
                if let Some(k) = kind_of_class(o.as_str()) {
                    sn.kind = if typed.contains(&s) { sn.kind.min(k) } else { k };
                    typed.insert(s.clone());
                }
            }
            o => {
                let o = match o {
                    Term::NamedNode(n) => n.as_str().to_string(),
                    Term::BlankNode(b) => format!("_:{}", b.as_str()),
                    other => other.to_string(),
                };
                nodes.entry(o.clone()).or_insert_with(|| Node::new(o.as_str(), iri_label(&o), NodeKind::Other));
                let (kind, label) = predicate_kind(p);
                *edges.entry((s, o, kind, label)).or_default() += 1.0;
            }
        }
    }
    // Fill in kinds, labels and dates from the store.
    // Only Dossier's own resources are worth looking up.
    let iris: Vec<String> = nodes.keys().filter(|k| k.starts_with(ID)).cloned().collect();
    if !iris.is_empty() {
        for chunk in iris.chunks(400) {
            let values = chunk.iter().map(|i| format!("<{i}>")).collect::<Vec<_>>().join(" ");
            let q = format!(
                "SELECT DISTINCT ?s ?t WHERE {{ VALUES ?s {{ {values} }} VALUES ?t {{ {CLASSES} }} ?s a ?t }}"
            );
            for r in solutions(store, &q, opts)? {
                let (Some(s), Some(t)) = (iri_of(r.get("s")), iri_of(r.get("t"))) else { continue };
                if let (Some(n), Some(k)) = (nodes.get_mut(s), kind_of_class(t)) {
                    if !typed.contains(s) {
                        n.kind = if n.kind == NodeKind::Other { k } else { n.kind.min(k) };
                    }
                }
            }
        }
        let saved: HashMap<String, String> = nodes.iter().filter(|(k, _)| labelled.contains(*k)).map(|(k, n)| (k.clone(), n.label.clone())).collect();
        describe(store, &mut nodes, Some(&iris), opts)?;
        for (k, l) in saved {
            if let Some(n) = nodes.get_mut(&k) {
                n.label = l;
            }
        }
    }
    if opts.from.is_some() || opts.to.is_some() {
        let (from, to) = (opts.from.as_deref(), opts.to.as_deref());
        nodes.retain(|_, n| match n.kind {
            NodeKind::Event | NodeKind::Publication => n.date.as_deref().is_some_and(|d| date_in(d, from, to)),
            _ => true,
        });
        edges.retain(|(s, t, _, _), _| nodes.contains_key(s) && nodes.contains_key(t));
    }
    ph.lap("kinds, labels and dates");
    Ok(Raw { nodes, edges })
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
    let Raw { mut nodes, edges } = raw;
    if !opts.kinds.is_empty() {
        nodes.retain(|_, n| opts.kinds.contains(&n.kind));
    }
    // Sort nodes by kind, then IRI, for a stable numbering.
    let mut order: Vec<Node> = nodes.into_values().collect();
    order.sort_by(|a, b| (a.kind, &a.iri).cmp(&(b.kind, &b.iri)));
    let mut g: DiGraph<Node, super::Edge> = DiGraph::with_capacity(order.len(), edges.len());
    let mut index: HashMap<String, NodeIndex> = HashMap::with_capacity(order.len());
    for n in order {
        let iri = n.iri.clone();
        let i = g.add_node(n);
        index.insert(iri, i);
    }
    let mut list: Vec<(NodeIndex, NodeIndex, EdgeKind, String, f64)> = edges
        .into_iter()
        .filter_map(|((s, t, k, l), w)| Some((*index.get(&s)?, *index.get(&t)?, k, l, w)))
        .filter(|(s, t, _, _, _)| s != t)
        .collect();
    list.sort_by(|a, b| (a.0, a.1, a.2, &a.3).cmp(&(b.0, b.1, b.2, &b.3)));
    for (s, t, kind, label, weight) in list {
        g.add_edge(s, t, Edge { kind, label, weight });
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
