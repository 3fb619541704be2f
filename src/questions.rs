//! Questions: the analysts' canned questions as SPARQL over the store.
//!
//! "Which events happened in country X between D1 and D2?" and "which
//! publications cover event E?" are asked often enough to deserve typed
//! answers. Each function builds a SPARQL query, runs it through [`query`],
//! and returns plain rows; the CLI and the HTTP endpoint print them.

use crate::error::{Error, Result};
use crate::query::{self, Output};
use oxigraph::model::Term;
use oxigraph::store::Store;
use std::collections::BTreeMap;

/// Filters shared by `events`, `coverage` and `timeline`.
#[derive(Clone, Debug, Default)]
pub struct EventFilter {
    /// Inclusive date bounds, `YYYY-MM-DD`.
    pub from: Option<String>,
    pub to: Option<String>,
    /// ISO codes or names of countries where the event happened or that took part.
    pub countries: Vec<String>,
    /// PLOVER type, e.g. "ASSAULT".
    pub plover: Option<String>,
    /// A part of an actor's name.
    pub actor: Option<String>,
    /// One event's IRI.
    pub event: Option<String>,
}

/// One event with its arguments, as stored.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventRow {
    pub iri: String,
    pub plover: String,
    pub cameo: Option<String>,
    pub date: Option<String>,
    pub label: String,
    pub places: Vec<(String, Option<String>)>,
    pub actors: Vec<String>,
    pub publications: Vec<String>,
    pub confidence: Option<f64>,
}

/// One publication covering an event.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CoverageRow {
    pub iri: String,
    pub title: Option<String>,
    pub document: String,
    pub published: Option<String>,
    pub url: Option<String>,
    pub role: Option<String>,
    pub events: Vec<String>,
}

fn check_date(d: &str) -> Result<()> {
    chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
        .map(|_| ())
        .map_err(|_| Error::Invalid(format!("not a date (YYYY-MM-DD): {d}")))
}

fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Resolve a country argument (ISO alpha-2 code or a name) to its code.
pub fn country_code(arg: &str) -> Result<String> {
    let gaz = crate::recognize::gazetteer::Gazetteer::embedded();
    let a = arg.trim();
    if a.len() == 2 && a.chars().all(|c| c.is_ascii_alphabetic()) {
        if let Some(c) = gaz.country(&a.to_ascii_uppercase()) {
            return Ok(c.iso2.to_string());
        }
    }
    gaz.country_by_name(a)
        .map(|c| c.iso2.to_string())
        .ok_or_else(|| Error::Invalid(format!("unknown country: {arg} (give an ISO 3166-1 alpha-2 code or a country name)")))
}

/// The days from `from` to `to` inclusive, when both are given and the
/// range is at most [`MAX_LISTED_DAYS`] long.
fn days_between(from: Option<&str>, to: Option<&str>) -> Option<Vec<String>> {
    let parse = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
    let (a, b) = (parse(from?)?, parse(to?)?);
    let n = (b - a).num_days();
    if !(0..MAX_LISTED_DAYS).contains(&n) {
        return if n < 0 { Some(Vec::new()) } else { None };
    }
    Some(a.iter_days().take(n as usize + 1).map(|d| d.format("%Y-%m-%d").to_string()).collect())
}

/// The longest date range whose days are listed in the query.
const MAX_LISTED_DAYS: i64 = 62;

/// The WHERE clause that selects `?event` under the filter.
fn event_pattern(f: &EventFilter) -> Result<String> {
    // The most selective patterns come first (a listed event, the
    // countries, the dates); the class only when nothing else constrains
    // the event (joining on it costs more than it filters).
    let mut w = String::new();
    if let Some(e) = &f.event {
        let iri = if e.starts_with("http") { format!("<{e}>") } else { e.clone() };
        w.push_str(&format!("VALUES ?event {{ {iri} }}\n"));
    }
    for c in &f.countries {
        // Countries are named by their code, so the country is a constant
        // and the store goes straight to its events.
        let iso = country_code(c)?;
        let ci = crate::rdf::entity_iri(crate::model::EntityKind::Country, &iso);
        w.push_str(&format!(
            "{{ SELECT DISTINCT ?event WHERE {{ {{ ?event dossier:placeCountry <{ci}> }} UNION {{ ?event sem:hasActor <{ci}> }} }} }}\n",
            ci = ci.as_str()
        ));
    }
    if f.from.is_some() || f.to.is_some() {
        if let Some(d) = &f.from {
            check_date(d)?;
        }
        if let Some(d) = &f.to {
            check_date(d)?;
        }
        let when = "{ ?event sem:hasTimeStamp ?when } UNION { ?event sem:hasBeginTimeStamp ?when }\n";
        match days_between(f.from.as_deref(), f.to.as_deref()) {
            // A short range is listed day by day, so the store looks the
            // dates up in its index instead of comparing every event's date.
            Some(days) => {
                w.push_str("VALUES ?when {");
                for d in days {
                    w.push_str(&format!(" \"{d}\"^^xsd:date"));
                }
                w.push_str(" }\n");
                w.push_str(when);
            }
            None => {
                w.push_str(when);
                if let Some(d) = &f.from {
                    w.push_str(&format!("FILTER(?when >= \"{d}\"^^xsd:date)\n"));
                }
                if let Some(d) = &f.to {
                    w.push_str(&format!("FILTER(?when <= \"{d}\"^^xsd:date)\n"));
                }
            }
        }
    }
    if let Some(t) = &f.plover {
        w.push_str(&format!("?event dossier:plover {} .\n", quote(&t.to_ascii_uppercase())));
    }
    if let Some(a) = &f.actor {
        w.push_str(&format!(
            "?event sem:hasActor ?who . ?who rdfs:label ?whoName . FILTER(CONTAINS(LCASE(STR(?whoName)), LCASE({})))\n",
            quote(a)
        ));
    }
    if w.is_empty() {
        w.push_str("?event a sem:Event .\n");
    }
    Ok(w)
}

fn lit(t: Option<&Term>) -> Option<String> {
    t.map(|t| match t {
        Term::Literal(l) => l.value().to_string(),
        Term::NamedNode(n) => n.as_str().to_string(),
        other => other.to_string(),
    })
}

/// The SPARQL of [`events`] (what `dossier events --sparql` prints).
pub fn events_query(f: &EventFilter) -> Result<String> {
    Ok(format!(
        "SELECT ?event ?plover ?cameo ?date ?label ?p ?place ?placeIso ?a ?actor ?pub ?conf WHERE {{
           {{ SELECT DISTINCT ?event WHERE {{ {} }} }}
           ?event dossier:plover ?plover .
           OPTIONAL {{ ?event sem:hasTimeStamp|sem:hasBeginTimeStamp ?date }}
           {{ ?event dossier:cameo ?cameo }}
           UNION {{ ?event rdfs:label ?label }}
           UNION {{ ?m itsrdf:taIdentRef ?event ; dossier:confidence ?conf }}
           UNION {{ ?event sem:hasPlace ?p . ?p rdfs:label ?place . OPTIONAL {{ ?p dossier:iso3166|schema:containedInPlace/dossier:iso3166 ?placeIso }} }}
           UNION {{ ?event sem:hasActor ?a . ?a rdfs:label ?actor }}
           UNION {{ ?pubIri schema:mentions ?event . BIND(STR(?pubIri) AS ?pub) }}
         }}",
        event_pattern(f)?
    ))
}

/// Events matching the filter, in date order (undated last).
///
/// The attributes of an event are read in separate branches of a UNION, so
/// an event with many places, actors, labels and publications costs the
/// sum of their numbers, not their product.
pub fn events(store: &Store, f: &EventFilter, timeout: Option<std::time::Duration>) -> Result<Vec<EventRow>> {
    let q = events_query(f)?;
    let out = query::evaluate(store, &q, &query::Options { timeout, ..Default::default() })?;
    let Output::Solutions { rows, .. } = out else { return Ok(Vec::new()) };
    // Per event: the places and actors by IRI (one label each), labels and
    // CAMEO codes as sets, so the choice does not depend on row order.
    #[derive(Default)]
    struct Acc {
        row: EventRow,
        labels: std::collections::BTreeSet<String>,
        cameos: std::collections::BTreeSet<String>,
        places: BTreeMap<String, (String, Option<String>)>,
        actors: BTreeMap<String, String>,
    }
    let mut by: BTreeMap<String, Acc> = BTreeMap::new();
    // The preferred of two labels: the shorter, then the first in order.
    let better = |new: &str, old: &str| (new.chars().count(), new) < (old.chars().count(), old);
    for r in rows {
        let Some(iri) = lit(r.get("event")) else { continue };
        let e = by.entry(iri.clone()).or_insert_with(|| Acc { row: EventRow { iri, ..Default::default() }, ..Default::default() });
        if let Some(v) = lit(r.get("plover")) {
            e.row.plover = v;
        }
        if let Some(d) = lit(r.get("date")) {
            if e.row.date.as_ref().is_none_or(|old| d < *old) {
                e.row.date = Some(d);
            }
        }
        if let Some(c) = lit(r.get("cameo")) {
            e.cameos.insert(c);
        }
        if let Some(l) = lit(r.get("label")) {
            e.labels.insert(l);
        }
        if let Some(c) = lit(r.get("conf")).and_then(|c| c.parse::<f64>().ok()) {
            if e.row.confidence.is_none_or(|old| c > old) {
                e.row.confidence = Some(c);
            }
        }
        if let (Some(p), Some(name)) = (lit(r.get("p")), lit(r.get("place"))) {
            let iso = lit(r.get("placeIso"));
            let slot = e.places.entry(p).or_insert_with(|| (name.clone(), iso.clone()));
            if better(&name, &slot.0) {
                slot.0 = name;
            }
            if slot.1.is_none() {
                slot.1 = iso;
            }
        }
        if let (Some(a), Some(name)) = (lit(r.get("a")), lit(r.get("actor"))) {
            let slot = e.actors.entry(a).or_insert_with(|| name.clone());
            if better(&name, slot) {
                *slot = name;
            }
        }
        if let Some(p) = lit(r.get("pub")) {
            if !e.row.publications.contains(&p) {
                e.row.publications.push(p);
            }
        }
    }
    let mut v: Vec<EventRow> = by
        .into_values()
        .map(|acc| {
            let mut e = acc.row;
            e.label = acc.labels.iter().min_by_key(|l| (l.chars().count(), l.as_str())).cloned().unwrap_or_default();
            e.cameo = acc.cameos.into_iter().next();
            e.places = acc.places.into_values().collect();
            e.places.sort();
            e.places.dedup();
            e.actors = acc.actors.into_values().collect();
            e.actors.sort();
            e.actors.dedup();
            e.publications.sort();
            e
        })
        .collect();
    v.sort_by(|a, b| {
        (a.date.is_none(), &a.date, &a.plover, &a.iri).cmp(&(b.date.is_none(), &b.date, &b.plover, &b.iri))
    });
    Ok(v)
}

/// The SPARQL of [`coverage`] (what `dossier coverage --sparql` prints).
pub fn coverage_query(f: &EventFilter) -> Result<String> {
    Ok(format!(
        "SELECT ?pub ?title ?doc ?published ?url ?role ?event WHERE {{
           {{ SELECT DISTINCT ?event WHERE {{ {} }} }}
           ?pub schema:mentions ?event ; dossier:document ?doc .
           OPTIONAL {{ ?pub schema:headline ?title }}
           OPTIONAL {{ ?pub schema:datePublished ?published }}
           OPTIONAL {{ ?pub schema:url ?url }}
           OPTIONAL {{ ?pub dossier:role ?role }}
         }}",
        event_pattern(f)?
    ))
}

/// Publications that mention the events matching the filter.
pub fn coverage(store: &Store, f: &EventFilter, timeout: Option<std::time::Duration>) -> Result<Vec<CoverageRow>> {
    let q = coverage_query(f)?;
    let out = query::evaluate(store, &q, &query::Options { timeout, ..Default::default() })?;
    let Output::Solutions { rows, .. } = out else { return Ok(Vec::new()) };
    let mut by: BTreeMap<(String, String), CoverageRow> = BTreeMap::new();
    for r in rows {
        let (Some(iri), Some(doc)) = (lit(r.get("pub")), lit(r.get("doc"))) else { continue };
        let c = by.entry((iri.clone(), doc.clone())).or_insert_with(|| CoverageRow { iri, document: doc, ..Default::default() });
        if c.title.is_none() {
            c.title = lit(r.get("title"));
        }
        if c.published.is_none() {
            c.published = lit(r.get("published"));
        }
        if c.url.is_none() {
            c.url = lit(r.get("url"));
        }
        if c.role.is_none() {
            c.role = lit(r.get("role"));
        }
        if let Some(e) = lit(r.get("event")) {
            if !c.events.contains(&e) {
                c.events.push(e);
            }
        }
    }
    let mut v: Vec<CoverageRow> = by.into_values().collect();
    v.sort_by(|a, b| (&a.published, &a.document, &a.iri).cmp(&(&b.published, &b.document, &b.iri)));
    Ok(v)
}

/// One event of a timeline, with the publications that cover it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimelineRow {
    pub event: EventRow,
    /// In order of publication date, then document.
    pub publications: Vec<CoverageRow>,
}

/// Events matching the filter in date order (undated last), each with the
/// publications that mention it: [`events`] joined with [`coverage`].
pub fn timeline(store: &Store, f: &EventFilter, timeout: Option<std::time::Duration>) -> Result<Vec<TimelineRow>> {
    let evs = events(store, f, timeout)?;
    let cov = coverage(store, f, timeout)?;
    let mut by_event: BTreeMap<&str, Vec<&CoverageRow>> = BTreeMap::new();
    for c in &cov {
        for e in &c.events {
            by_event.entry(e.as_str()).or_default().push(c);
        }
    }
    Ok(evs
        .into_iter()
        .map(|e| {
            let publications = by_event.get(e.iri.as_str()).map(|v| v.iter().map(|c| (*c).clone()).collect()).unwrap_or_default();
            TimelineRow { event: e, publications }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_timeline_lists_events_in_date_order_with_their_publications() {
        let store = crate::graph::tests::fixture_store();
        let rows = timeline(store.inner(), &EventFilter::default(), None).unwrap();
        assert!(rows.len() >= 5);
        // Dated events first, in order; undated ones last.
        let dates: Vec<Option<&str>> = rows.iter().map(|r| r.event.date.as_deref()).collect();
        let first_undated = dates.iter().position(Option::is_none).unwrap_or(dates.len());
        assert!(dates[first_undated..].iter().all(Option::is_none), "{dates:?}");
        let dated: Vec<&str> = dates[..first_undated].iter().map(|d| d.unwrap()).collect();
        let mut sorted = dated.clone();
        sorted.sort();
        assert_eq!(dated, sorted);
        assert_eq!(dated.first(), Some(&"2021-04-06"));
        // The strike is covered by both 2024 stories, oldest first.
        let strike = rows.iter().find(|r| r.event.iri.ends_with("/event/assault-2024-01-28-jo")).expect("the strike");
        let docs: Vec<&str> = strike.publications.iter().map(|p| p.document.as_str()).collect();
        assert_eq!(docs, ["wire-strike", "paper-strike"]);
        assert_eq!(strike.publications[0].published.as_deref(), Some("2024-01-29"));
        // Filters are those of `events`.
        let jo = timeline(store.inner(), &EventFilter { countries: vec!["Jordan".into()], ..Default::default() }, None).unwrap();
        assert!(jo.iter().any(|r| r.event.iri == strike.event.iri));
        assert!(!jo.iter().any(|r| r.event.date.as_deref() == Some("2021-04-06")));
        let recent = timeline(store.inner(), &EventFilter { from: Some("2024-01-29".into()), ..Default::default() }, None).unwrap();
        assert!(!recent.is_empty() && recent.iter().all(|r| r.event.date.as_deref() >= Some("2024-01-29")));
        // Each publication lists the event among the events it covers.
        for r in &rows {
            assert!(r.publications.iter().all(|p| p.events.contains(&r.event.iri)));
        }
    }
}
