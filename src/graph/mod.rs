//! Graph: the projection of the RDF store into a property graph people can
//! look at.
//!
//! The store holds quads (see [`crate::rdf`]); this module reads them back
//! with SPARQL through [`crate::query::evaluate`] and builds a
//! [`petgraph`] graph whose nodes are persons, organizations, countries,
//! places, events and publications, and whose edges say who took part in
//! what (`participates-in`, actor → event, from `sem:hasActor`), where
//! things happened (`located-in`, event → place or country from
//! `sem:hasPlace`, place → country from `schema:containedInPlace`), what a
//! publication mentions (`mentions`) and who wrote it (`authored-by`), plus
//! `co-mention` edges between two entities mentioned by the same
//! publications, weighted by the number of such publications.
//!
//! [`Options`] filter the projection (kinds, dates, co-mention weight, the
//! neighbourhood of one entity) or replace it with the result of an
//! arbitrary CONSTRUCT query. Every projection is laid out in Rust
//! ([`layout`], a Barnes–Hut Fruchterman–Reingold with a fixed seed),
//! ranked ([`rank`], PageRank) and sized, so that the writers in
//! [`crate::export`] only serialize. Output is deterministic: nodes and
//! edges are sorted by kind and IRI before layout.

pub mod build;
pub mod layout;
pub mod rank;

use petgraph::graph::{DiGraph, NodeIndex};
use std::time::Duration;

pub use build::project;

/// What a node stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeKind {
    Person,
    Organization,
    Country,
    Place,
    Event,
    Publication,
    /// Anything else (a CONSTRUCT result may hold any resource).
    Other,
}

impl NodeKind {
    pub const ALL: [NodeKind; 7] = [
        NodeKind::Person,
        NodeKind::Organization,
        NodeKind::Country,
        NodeKind::Place,
        NodeKind::Event,
        NodeKind::Publication,
        NodeKind::Other,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            NodeKind::Person => "person",
            NodeKind::Organization => "organization",
            NodeKind::Country => "country",
            NodeKind::Place => "place",
            NodeKind::Event => "event",
            NodeKind::Publication => "publication",
            NodeKind::Other => "other",
        }
    }

    /// Parse a kind name as users type it: singular or plural, a few
    /// abbreviations, any case.
    pub fn parse(s: &str) -> Option<NodeKind> {
        let s = s.trim().to_ascii_lowercase();
        Some(match s.as_str() {
            "person" | "persons" | "people" | "per" => NodeKind::Person,
            "organization" | "organizations" | "organisation" | "organisations" | "org" | "orgs" => NodeKind::Organization,
            "country" | "countries" => NodeKind::Country,
            "place" | "places" | "location" | "locations" | "loc" => NodeKind::Place,
            "event" | "events" => NodeKind::Event,
            "publication" | "publications" | "article" | "articles" | "pub" | "pubs" => NodeKind::Publication,
            "other" | "others" => NodeKind::Other,
            _ => return None,
        })
    }

    /// The fill colour of the kind (a colour-blind-friendly palette).
    pub fn color(&self) -> (u8, u8, u8) {
        match self {
            NodeKind::Person => (0x1f, 0x77, 0xb4),
            NodeKind::Organization => (0xff, 0x7f, 0x0e),
            NodeKind::Country => (0x2c, 0xa0, 0x2c),
            NodeKind::Place => (0x8c, 0x56, 0x4b),
            NodeKind::Event => (0xd6, 0x27, 0x28),
            NodeKind::Publication => (0x94, 0x67, 0xbd),
            NodeKind::Other => (0x7f, 0x7f, 0x7f),
        }
    }

    /// `#rrggbb`.
    pub fn hex(&self) -> String {
        let (r, g, b) = self.color();
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// Entities (not events or publications).
    pub fn is_entity(&self) -> bool {
        matches!(self, NodeKind::Person | NodeKind::Organization | NodeKind::Country | NodeKind::Place)
    }
}

/// What an edge says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EdgeKind {
    /// actor → event (`sem:hasActor`).
    ParticipatesIn,
    /// event → place or country (`sem:hasPlace`), place → country (`schema:containedInPlace`).
    LocatedIn,
    /// publication → entity or event (`schema:mentions`).
    Mentions,
    /// publication → person (`schema:author`).
    AuthoredBy,
    /// entity ↔ entity, mentioned by the same publications (undirected; weight = publications).
    CoMention,
    /// Any other predicate (CONSTRUCT projections); the edge label names it.
    Other,
}

impl EdgeKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            EdgeKind::ParticipatesIn => "participates-in",
            EdgeKind::LocatedIn => "located-in",
            EdgeKind::Mentions => "mentions",
            EdgeKind::AuthoredBy => "authored-by",
            EdgeKind::CoMention => "co-mention",
            EdgeKind::Other => "other",
        }
    }
    /// Co-mention is symmetric; every other edge has a direction.
    pub fn is_directed(&self) -> bool {
        *self != EdgeKind::CoMention
    }
}

/// A node of the projection.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub iri: String,
    pub label: String,
    pub kind: NodeKind,
    /// Event date (`sem:hasTimeStamp` or begin) or publication date, as stored (`YYYY[-MM[-DD]]`).
    pub date: Option<String>,
    /// A short extra: the PLOVER type of an event, the ISO code of a country.
    pub detail: Option<String>,
    /// Number of edges touching the node (either direction).
    pub degree: usize,
    /// PageRank (sums to 1 over the graph).
    pub rank: f64,
    pub x: f64,
    pub y: f64,
    /// Display size (diameter in layout units), from degree or PageRank.
    pub size: f64,
}

impl Node {
    pub fn new(iri: impl Into<String>, label: impl Into<String>, kind: NodeKind) -> Node {
        Node { iri: iri.into(), label: label.into(), kind, date: None, detail: None, degree: 0, rank: 0.0, x: 0.0, y: 0.0, size: 1.0 }
    }
    /// `#rrggbb` of the node's kind.
    pub fn hex(&self) -> String {
        self.kind.hex()
    }
}

/// An edge of the projection.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    pub kind: EdgeKind,
    /// `participates-in`, …, or the compact predicate for CONSTRUCT projections.
    pub label: String,
    /// 1, or the number of shared publications for co-mention edges.
    pub weight: f64,
}

impl Edge {
    pub fn new(kind: EdgeKind, weight: f64) -> Edge {
        Edge { kind, label: kind.as_str().to_string(), weight }
    }
}

/// What decides a node's size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SizeBy {
    #[default]
    Degree,
    PageRank,
}

/// How to project the store.
#[derive(Clone, Debug)]
pub struct Options {
    /// Keep only these kinds (empty: all).
    pub kinds: Vec<NodeKind>,
    /// Inclusive date bounds (`YYYY-MM-DD`) for events and publications;
    /// entities stay when they touch a kept event or publication.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Co-mention edges need at least this many shared publications.
    pub min_weight: f64,
    /// Keep only the neighbourhood of this entity (an IRI, `id:…`, or a label).
    pub around: Option<String>,
    /// Hops from `around` (breadth-first, either direction).
    pub depth: usize,
    /// Project this CONSTRUCT (or DESCRIBE) result instead of the standard graph.
    pub construct: Option<String>,
    pub size_by: SizeBy,
    /// Compute a layout (otherwise positions stay at 0).
    pub layout: bool,
    /// Layout seed.
    pub seed: u64,
    /// Timeout of each query.
    pub timeout: Option<Duration>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            kinds: Vec::new(),
            from: None,
            to: None,
            min_weight: 1.0,
            around: None,
            depth: 1,
            construct: None,
            size_by: SizeBy::Degree,
            layout: true,
            seed: 42,
            timeout: Some(Duration::from_secs(300)),
        }
    }
}

/// The projected graph.
#[derive(Clone, Debug, Default)]
pub struct Projection {
    pub graph: DiGraph<Node, Edge>,
    /// How long each step of building it took, in order (for benchmarks
    /// and `--verbose` output).
    pub phases: Vec<(&'static str, std::time::Duration)>,
}

impl Projection {
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }
    /// Nodes in index order.
    pub fn nodes(&self) -> impl Iterator<Item = (NodeIndex, &Node)> {
        self.graph.node_indices().map(move |i| (i, &self.graph[i]))
    }
    /// Edges in index order: (source, target, edge).
    pub fn edges(&self) -> impl Iterator<Item = (NodeIndex, NodeIndex, &Edge)> {
        use petgraph::visit::EdgeRef;
        self.graph.edge_references().map(|e| (e.source(), e.target(), e.weight()))
    }
    /// The node with this IRI.
    pub fn find(&self, iri: &str) -> Option<NodeIndex> {
        self.graph.node_indices().find(|&i| self.graph[i].iri == iri)
    }
    /// Node counts by kind, in kind order.
    pub fn kind_counts(&self) -> Vec<(NodeKind, usize)> {
        let mut v: Vec<(NodeKind, usize)> = Vec::new();
        for k in NodeKind::ALL {
            let n = self.graph.node_weights().filter(|n| n.kind == k).count();
            if n > 0 {
                v.push((k, n));
            }
        }
        v
    }

    /// Recompute degrees, PageRank, sizes and (optionally) the layout.
    pub fn finish(&mut self, size_by: SizeBy, do_layout: bool, seed: u64) {
        let n = self.graph.node_count();
        let mut deg = vec![0usize; n];
        let mut links: Vec<(usize, usize, f64, bool)> = Vec::with_capacity(self.graph.edge_count());
        for (s, t, e) in self.edges() {
            deg[s.index()] += 1;
            deg[t.index()] += 1;
            links.push((s.index(), t.index(), e.weight, e.kind.is_directed()));
        }
        let ranks = rank::page_rank(n, &links, 0.85, 60);
        let max_deg = deg.iter().copied().max().unwrap_or(0).max(1) as f64;
        let max_rank = ranks.iter().copied().fold(0.0f64, f64::max).max(f64::MIN_POSITIVE);
        for (i, node) in self.graph.node_weights_mut().enumerate() {
            node.degree = deg[i];
            node.rank = ranks[i];
            let rel = match size_by {
                SizeBy::Degree => deg[i] as f64 / max_deg,
                SizeBy::PageRank => ranks[i] / max_rank,
            };
            node.size = round3(6.0 + 26.0 * rel.sqrt());
        }
        if do_layout {
            let seeds: Vec<u64> = self.graph.node_weights().map(|n| layout::hash_str(&n.iri) ^ seed).collect();
            let edges: Vec<(usize, usize, f64)> = links.iter().map(|&(s, t, w, _)| (s, t, w)).collect();
            let pos = layout::force_directed(&seeds, &edges, &layout::LayoutOptions::default());
            for (node, (x, y)) in self.graph.node_weights_mut().zip(pos) {
                node.x = round3(x);
                node.y = round3(y);
            }
        }
    }
}

fn round3(v: f64) -> f64 {
    if v.is_finite() {
        (v * 1000.0).round() / 1000.0
    } else {
        0.0
    }
}

/// The interval a possibly partial date covers: "2024" → 2024-01-01..2024-12-31.
pub fn date_bounds(d: &str) -> Option<(String, String)> {
    let d = d.trim();
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r.clone()).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if d.len() >= 10 && digits(0..4) && digits(5..7) && digits(8..10) {
        let day = &d[..10];
        return Some((day.to_string(), day.to_string()));
    }
    if d.len() == 7 && digits(0..4) && digits(5..7) {
        return Some((format!("{d}-01"), format!("{d}-31")));
    }
    if d.len() == 4 && digits(0..4) {
        return Some((format!("{d}-01-01"), format!("{d}-12-31")));
    }
    None
}

/// Whether a date (possibly partial) overlaps the inclusive window.
pub fn date_in(d: &str, from: Option<&str>, to: Option<&str>) -> bool {
    let Some((lo, hi)) = date_bounds(d) else { return false };
    from.is_none_or(|f| hi.as_str() >= f) && to.is_none_or(|t| lo.as_str() <= t)
}

#[cfg(test)]
pub(crate) mod tests;
