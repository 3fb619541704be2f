//! Tests of the projection on a store filled through the real pipeline
//! from hand-written news pages; [`fixture_store`] is shared with the
//! export, serve and questions tests.

use super::*;
use crate::model::{DocMeta, Document, Format, Origin, PartialDate};
use crate::store::DossierStore;

/// Hand-written pages in the style of wire stories.
pub(crate) const PAGES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "wire-strike",
        "2024-01-29",
        "Drone Strike Kills Three U.S. Soldiers in Jordan",
        "Lena Marsh",
        "AMMAN, Jordan (Newswire) -- A drone strike on a military outpost in Jordan killed three American soldiers on Sunday, January 28, 2024, the Pentagon said. \
President Joe Biden blamed militant groups backed by Iran and promised to respond. \
Iran denied any role in the attack. King Abdullah II of Jordan condemned the strike. \
Officials in Washington said the outpost near the border with Syria housed about 350 troops.",
    ),
    (
        "paper-strike",
        "2024-01-30",
        "Biden Weighs Response After Jordan Attack",
        "Omar Reyes",
        "WASHINGTON -- President Joe Biden met his national security team on Monday after the drone strike in Jordan on January 28, 2024. \
Iran said it had nothing to do with the attack. Lloyd Austin, the defense secretary, said the United States would respond at a time of its choosing. \
Diplomats in Baghdad and Damascus watched for signs of escalation.",
    ),
    (
        "talks-vienna",
        "2021-04-07",
        "Iran and World Powers Resume Talks in Vienna",
        "Lena Marsh",
        "VIENNA (Newswire) -- Iran and world powers met in Vienna on Tuesday, April 6, 2021, to revive the nuclear deal. \
Abbas Araghchi led the Iranian delegation; Enrique Mora of the European Union chaired the talks. \
Russia and China attended, and American envoy Robert Malley held separate meetings in the Austrian capital.",
    ),
];

pub(crate) fn page(id: &str, date: &str, title: &str, author: &str, text: &str) -> Document {
    Document {
        id: id.into(),
        format: Format::Text,
        origin: Origin::default(),
        text: text.into(),
        meta: DocMeta {
            title: Some(title.into()),
            published: PartialDate::parse(date),
            authors: vec![author.into()],
            ..Default::default()
        },
    }
}

/// An in-memory store holding the analyzed pages.
pub(crate) fn fixture_store() -> DossierStore {
    let store = DossierStore::memory().unwrap();
    let pipeline = crate::pipeline::Pipeline::embedded();
    let docs: Vec<(String, Vec<oxigraph::model::Quad>)> = PAGES
        .iter()
        .map(|(id, date, title, author, text)| {
            let d = page(id, date, title, author, text);
            let an = pipeline.analyze(&d);
            (d.id.clone(), crate::rdf::document_quads(&d, &an))
        })
        .collect();
    store.replace_documents(&docs).unwrap();
    store
}

fn project_with(store: &DossierStore, f: impl FnOnce(&mut Options)) -> Projection {
    let mut o = Options { layout: false, ..Default::default() };
    f(&mut o);
    project(store.inner(), &o).unwrap()
}

fn labels(p: &Projection, kind: NodeKind) -> Vec<String> {
    p.nodes().filter(|(_, n)| n.kind == kind).map(|(_, n)| n.label.clone()).collect()
}

fn node<'a>(p: &'a Projection, label: &str) -> &'a Node {
    p.nodes().map(|(_, n)| n).find(|n| n.label == label).unwrap_or_else(|| panic!("no node {label}"))
}

/// The edges between two labels, as (kind, weight), either direction.
fn between(p: &Projection, a: &str, b: &str) -> Vec<(EdgeKind, f64, bool)> {
    p.edges()
        .filter_map(|(s, t, e)| {
            let (ls, lt) = (&p.graph[s].label, &p.graph[t].label);
            if ls == a && lt == b {
                Some((e.kind, e.weight, true))
            } else if ls == b && lt == a {
                Some((e.kind, e.weight, false))
            } else {
                None
            }
        })
        .collect()
}

#[test]
fn the_standard_projection_has_every_kind_and_edge() {
    let store = fixture_store();
    let p = project_with(&store, |_| {});
    for k in [NodeKind::Person, NodeKind::Organization, NodeKind::Country, NodeKind::Place, NodeKind::Event, NodeKind::Publication] {
        assert!(p.kind_counts().iter().any(|(x, n)| *x == k && *n > 0), "no {k:?}");
    }
    assert!(labels(&p, NodeKind::Person).contains(&"Joe Biden".to_string()));
    assert!(labels(&p, NodeKind::Country).contains(&"Jordan".to_string()));
    // Nodes are numbered by kind, then IRI.
    let order: Vec<(NodeKind, String)> = p.nodes().map(|(_, n)| (n.kind, n.iri.clone())).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    // Events carry their date and PLOVER type, countries their ISO code,
    // publications their headline and date.
    let strike = p.nodes().map(|(_, n)| n).find(|n| n.iri.ends_with("/event/assault-2024-01-28-jo")).expect("the strike");
    assert_eq!(strike.date.as_deref(), Some("2024-01-28"));
    assert_eq!(strike.detail.as_deref(), Some("ASSAULT"));
    assert_eq!(node(&p, "Jordan").detail.as_deref(), Some("JO"));
    assert_eq!(node(&p, "Biden Weighs Response After Jordan Attack").date.as_deref(), Some("2024-01-30"));
    // Edge directions.
    let strike_label = strike.label.clone();
    assert!(between(&p, "United States", &strike_label).contains(&(EdgeKind::ParticipatesIn, 1.0, true)));
    assert!(between(&p, &strike_label, "Jordan").contains(&(EdgeKind::LocatedIn, 1.0, true)));
    assert!(between(&p, "Vienna", "Austria").contains(&(EdgeKind::LocatedIn, 1.0, true)));
    assert!(between(&p, "Drone Strike Kills Three U.S. Soldiers in Jordan", "Lena Marsh").contains(&(EdgeKind::AuthoredBy, 1.0, true)));
    assert!(between(&p, "Iran and World Powers Resume Talks in Vienna", "Lena Marsh").contains(&(EdgeKind::AuthoredBy, 1.0, true)));
    assert!(between(&p, "Drone Strike Kills Three U.S. Soldiers in Jordan", &strike_label).contains(&(EdgeKind::Mentions, 1.0, true)));
    // Co-mention: one edge per pair, weighted by shared publications.
    let iran_us = between(&p, "Iran", "United States");
    let co: Vec<_> = iran_us.iter().filter(|e| e.0 == EdgeKind::CoMention).collect();
    assert_eq!(co.len(), 1, "{iran_us:?}");
    assert_eq!(co[0].1, 3.0);
    assert!(between(&p, "Joe Biden", "Jordan").iter().any(|e| e.0 == EdgeKind::CoMention && e.1 == 2.0));
    assert!(between(&p, "Abbas Araghchi", "Joe Biden").is_empty(), "never in the same publication");
    // Publications and events never take part in co-mention.
    for (s, t, e) in p.edges() {
        if e.kind == EdgeKind::CoMention {
            assert!(p.graph[s].kind.is_entity() && p.graph[t].kind.is_entity());
            assert!(!e.kind.is_directed());
        }
    }
}

#[test]
fn degrees_sizes_ranks_and_layout() {
    let store = fixture_store();
    let a = project(store.inner(), &Options::default()).unwrap();
    let b = project(store.inner(), &Options::default()).unwrap();
    let mut deg = vec![0usize; a.node_count()];
    for (s, t, _) in a.edges() {
        deg[s.index()] += 1;
        deg[t.index()] += 1;
    }
    let total: f64 = a.nodes().map(|(_, n)| n.rank).sum();
    assert!((total - 1.0).abs() < 1e-6, "{total}");
    for (i, n) in a.nodes() {
        assert_eq!(n.degree, deg[i.index()]);
        assert!((6.0..=32.0).contains(&n.size), "{}", n.size);
        assert!(n.x.is_finite() && n.y.is_finite());
    }
    // The busiest node is the biggest.
    let big = a.nodes().max_by(|x, y| x.1.size.partial_cmp(&y.1.size).unwrap()).unwrap().1;
    assert_eq!(big.degree, *deg.iter().max().unwrap());
    // Same store, same picture.
    let pa: Vec<(f64, f64)> = a.nodes().map(|(_, n)| (n.x, n.y)).collect();
    let pb: Vec<(f64, f64)> = b.nodes().map(|(_, n)| (n.x, n.y)).collect();
    assert_eq!(pa, pb);
    assert!(pa.iter().any(|p| p.0 != 0.0));
    // PageRank sizes differ from degree sizes but stay in range.
    let r = project(store.inner(), &Options { size_by: SizeBy::PageRank, layout: false, ..Default::default() }).unwrap();
    assert!(r.nodes().all(|(_, n)| (6.0..=32.0).contains(&n.size)));
}

#[test]
fn kinds_and_min_weight_filters() {
    let store = fixture_store();
    let p = project_with(&store, |o| o.kinds = vec![NodeKind::Person, NodeKind::Country]);
    assert!(p.nodes().all(|(_, n)| matches!(n.kind, NodeKind::Person | NodeKind::Country)));
    assert!(p.node_count() >= 10);
    // Only co-mention links join persons and countries.
    assert!(p.edges().all(|(_, _, e)| e.kind == EdgeKind::CoMention));
    assert!(p.edge_count() > 0);

    let heavy = project_with(&store, |o| o.min_weight = 2.0);
    let co: Vec<f64> = heavy.edges().filter(|(_, _, e)| e.kind == EdgeKind::CoMention).map(|(_, _, e)| e.weight).collect();
    assert!(!co.is_empty() && co.iter().all(|w| *w >= 2.0), "{co:?}");
    assert!(between(&heavy, "Iran", "United States").iter().any(|e| e.0 == EdgeKind::CoMention));
    assert!(between(&heavy, "Austria", "China").is_empty());
    // Other links are not weighted, so they stay.
    assert!(heavy.edges().any(|(_, _, e)| e.kind == EdgeKind::Mentions));
}

#[test]
fn date_filter_keeps_what_happened_in_the_window() {
    let store = fixture_store();
    let p = project_with(&store, |o| o.from = Some("2024-01-01".into()));
    let pubs = labels(&p, NodeKind::Publication);
    assert_eq!(pubs.len(), 2, "{pubs:?}");
    assert!(!pubs.iter().any(|t| t.contains("Vienna")));
    // Dated events in the window stay; undated ones and older ones go.
    for (_, n) in p.nodes().filter(|(_, n)| n.kind == NodeKind::Event) {
        assert!(n.date.as_deref().is_some_and(|d| d >= "2024-01-01"), "{n:?}");
    }
    // Entities only linked to what was dropped go too.
    let people = labels(&p, NodeKind::Person);
    assert!(people.contains(&"Joe Biden".to_string()));
    assert!(!people.contains(&"Abbas Araghchi".to_string()), "{people:?}");
    assert!(!labels(&p, NodeKind::Country).contains(&"Austria".to_string()));
    // Co-mention counts only the kept publications.
    assert!(between(&p, "Iran", "United States").iter().any(|e| e.0 == EdgeKind::CoMention && e.1 == 2.0));

    let old = project_with(&store, |o| {
        o.from = Some("2021-01-01".into());
        o.to = Some("2021-12-31".into());
    });
    assert_eq!(labels(&old, NodeKind::Publication), vec!["Iran and World Powers Resume Talks in Vienna".to_string()]);
    assert!(labels(&old, NodeKind::Country).contains(&"Austria".to_string()));
    assert!(project(store.inner(), &Options { from: Some("28/01/2024".into()), ..Default::default() }).is_err());
}

#[test]
fn around_an_entity_by_label_or_iri() {
    let store = fixture_store();
    let by_label = project_with(&store, |o| {
        o.around = Some("abbas araghchi".into());
        o.depth = 1;
    });
    let all: Vec<String> = by_label.nodes().map(|(_, n)| n.label.clone()).collect();
    assert!(all.contains(&"Abbas Araghchi".to_string()));
    assert!(all.contains(&"Iran and World Powers Resume Talks in Vienna".to_string()));
    assert!(all.contains(&"Iran".to_string()), "co-mentioned: {all:?}");
    assert!(!all.contains(&"Biden Weighs Response After Jordan Attack".to_string()));
    let by_iri = project_with(&store, |o| {
        o.around = Some("id:person/abbas-araghchi".into());
        o.depth = 1;
    });
    assert_eq!(by_iri.node_count(), by_label.node_count());
    let alone = project_with(&store, |o| {
        o.around = Some("https://w3id.org/dossier/id/person/abbas-araghchi".into());
        o.depth = 0;
    });
    assert_eq!(alone.node_count(), 1);
    assert_eq!(alone.edge_count(), 0);
    let wider = project_with(&store, |o| {
        o.around = Some("Abbas Araghchi".into());
        o.depth = 2;
    });
    assert!(wider.node_count() > by_label.node_count());
    let err = project(store.inner(), &Options { around: Some("Nobody Atall".into()), ..Default::default() }).unwrap_err();
    assert!(err.to_string().contains("no node matches"), "{err}");
}

#[test]
fn a_construct_result_is_projected_with_kinds_from_the_store() {
    let store = fixture_store();
    let q = "CONSTRUCT { ?a dossier:coParticipant ?b } WHERE { ?e a sem:Event ; sem:hasActor ?a , ?b . FILTER(STR(?a) < STR(?b)) }";
    let p = project_with(&store, |o| o.construct = Some(q.into()));
    assert!(p.edge_count() > 0);
    assert!(p.edges().all(|(_, _, e)| e.kind == EdgeKind::Other && e.label == "dossier:coParticipant"));
    // Kinds and labels come from the store.
    assert!(p.nodes().all(|(_, n)| n.kind != NodeKind::Other), "{:?}", p.nodes().map(|(_, n)| (n.kind, &n.label)).collect::<Vec<_>>());
    assert!(p.nodes().any(|(_, n)| n.label == "United States" && n.kind == NodeKind::Country));
    // Labels in the result win; literals are not nodes.
    let q2 = "CONSTRUCT { <https://w3id.org/dossier/id/country/JO> rdfs:label \"Hashemite Kingdom\" ; schema:mentions <https://w3id.org/dossier/id/country/SY> } WHERE {}";
    let p2 = project_with(&store, |o| o.construct = Some(q2.into()));
    assert_eq!(p2.node_count(), 2);
    assert!(p2.nodes().any(|(_, n)| n.label == "Hashemite Kingdom" && n.kind == NodeKind::Country));
    assert!(p2.nodes().any(|(_, n)| n.label == "Syria"));
    assert_eq!(p2.edges().next().unwrap().2.kind, EdgeKind::Mentions);
    // A SELECT is refused.
    let err = project(store.inner(), &Options { construct: Some("SELECT * WHERE { ?s ?p ?o }".into()), ..Default::default() }).unwrap_err();
    assert!(err.to_string().contains("CONSTRUCT"));
}

#[test]
fn partial_dates_cover_their_interval() {
    assert_eq!(date_bounds("2024-01-28"), Some(("2024-01-28".into(), "2024-01-28".into())));
    assert_eq!(date_bounds("2024-01"), Some(("2024-01-01".into(), "2024-01-31".into())));
    assert_eq!(date_bounds("2024"), Some(("2024-01-01".into(), "2024-12-31".into())));
    assert_eq!(date_bounds("XXXX-01-28"), None);
    assert!(date_in("2024", Some("2024-06-01"), None));
    assert!(date_in("2024-01", Some("2024-01-15"), Some("2024-01-20")));
    assert!(!date_in("2023-12-31", Some("2024-01-01"), None));
    assert!(!date_in("2024-02-01", None, Some("2024-01-31")));
    assert!(!date_in("soon", None, None));
    assert_eq!(NodeKind::parse("People"), Some(NodeKind::Person));
    assert_eq!(NodeKind::parse("orgs"), Some(NodeKind::Organization));
    assert_eq!(NodeKind::parse("widgets"), None);
}
