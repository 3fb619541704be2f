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

/// The WHERE clause that selects `?event` under the filter.
fn event_pattern(f: &EventFilter) -> Result<String> {
    let mut w = String::from("?event a sem:Event .\n");
    if let Some(e) = &f.event {
        let iri = if e.starts_with("http") { format!("<{e}>") } else { e.clone() };
        w = format!("VALUES ?event {{ {iri} }}\n{w}");
    }
    if let Some(t) = &f.plover {
        w.push_str(&format!("?event dossier:plover {} .\n", quote(&t.to_ascii_uppercase())));
    }
    if f.from.is_some() || f.to.is_some() {
        w.push_str("?event sem:hasTimeStamp|sem:hasBeginTimeStamp ?when .\n");
        if let Some(d) = &f.from {
            check_date(d)?;
            w.push_str(&format!("FILTER(?when >= \"{d}\"^^xsd:date)\n"));
        }
        if let Some(d) = &f.to {
            check_date(d)?;
            w.push_str(&format!("FILTER(?when <= \"{d}\"^^xsd:date)\n"));
        }
    }
    for c in &f.countries {
        let iso = country_code(c)?;
        w.push_str(&format!(
            "{{ ?event dossier:placeCountry ?pc{iso} . ?pc{iso} dossier:iso3166 \"{iso}\" }} UNION {{ ?event sem:hasActor ?ac{iso} . ?ac{iso} dossier:iso3166 \"{iso}\" }}\n"
        ));
    }
    if let Some(a) = &f.actor {
        w.push_str(&format!(
            "?event sem:hasActor ?who . ?who rdfs:label ?whoName . FILTER(CONTAINS(LCASE(STR(?whoName)), LCASE({})))\n",
            quote(a)
        ));
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

/// Events matching the filter, in date order (undated last).
pub fn events(store: &Store, f: &EventFilter, timeout: Option<std::time::Duration>) -> Result<Vec<EventRow>> {
    let q = format!(
        "SELECT ?event ?plover ?cameo ?date ?label ?place ?placeIso ?actor ?pub ?conf WHERE {{
           {{ SELECT DISTINCT ?event WHERE {{ {} }} }}
           ?event dossier:plover ?plover .
           OPTIONAL {{ ?event dossier:cameo ?cameo }}
           OPTIONAL {{ ?event sem:hasTimeStamp|sem:hasBeginTimeStamp ?date }}
           OPTIONAL {{ ?event rdfs:label ?label }}
           OPTIONAL {{ ?event dossier:confidence ?conf }}
           OPTIONAL {{ ?event sem:hasPlace ?p . ?p rdfs:label ?place . OPTIONAL {{ ?p dossier:iso3166|schema:containedInPlace/dossier:iso3166 ?placeIso }} }}
           OPTIONAL {{ ?event sem:hasActor ?a . ?a rdfs:label ?actor }}
           OPTIONAL {{ ?pubIri schema:mentions ?event . BIND(STR(?pubIri) AS ?pub) }}
         }}",
        event_pattern(f)?
    );
    let out = query::evaluate(store, &q, &query::Options { timeout, ..Default::default() })?;
    let Output::Solutions { rows, .. } = out else { return Ok(Vec::new()) };
    let mut by: BTreeMap<String, EventRow> = BTreeMap::new();
    for r in rows {
        let Some(iri) = lit(r.get("event")) else { continue };
        let e = by.entry(iri.clone()).or_insert_with(|| EventRow { iri, ..Default::default() });
        if let Some(v) = lit(r.get("plover")) {
            e.plover = v;
        }
        if e.cameo.is_none() {
            e.cameo = lit(r.get("cameo"));
        }
        if e.date.is_none() {
            e.date = lit(r.get("date"));
        }
        if e.label.is_empty() {
            e.label = lit(r.get("label")).unwrap_or_default();
        }
        if e.confidence.is_none() {
            e.confidence = lit(r.get("conf")).and_then(|c| c.parse().ok());
        }
        if let Some(p) = lit(r.get("place")) {
            let iso = lit(r.get("placeIso"));
            if !e.places.iter().any(|(x, i)| *x == p && *i == iso) {
                e.places.push((p, iso));
            }
        }
        if let Some(a) = lit(r.get("actor")) {
            if !e.actors.contains(&a) {
                e.actors.push(a);
            }
        }
        if let Some(p) = lit(r.get("pub")) {
            if !e.publications.contains(&p) {
                e.publications.push(p);
            }
        }
    }
    let mut v: Vec<EventRow> = by.into_values().collect();
    for e in &mut v {
        e.places.sort();
        e.actors.sort();
        e.publications.sort();
    }
    v.sort_by(|a, b| {
        (a.date.is_none(), &a.date, &a.plover, &a.iri).cmp(&(b.date.is_none(), &b.date, &b.plover, &b.iri))
    });
    Ok(v)
}

/// Publications that mention the events matching the filter.
pub fn coverage(store: &Store, f: &EventFilter, timeout: Option<std::time::Duration>) -> Result<Vec<CoverageRow>> {
    let q = format!(
        "SELECT ?pub ?title ?doc ?published ?url ?role ?event WHERE {{
           {{ SELECT DISTINCT ?event WHERE {{ {} }} }}
           ?pub schema:mentions ?event ; dossier:document ?doc .
           OPTIONAL {{ ?pub schema:headline ?title }}
           OPTIONAL {{ ?pub schema:datePublished ?published }}
           OPTIONAL {{ ?pub schema:url ?url }}
           OPTIONAL {{ ?pub dossier:role ?role }}
         }}",
        event_pattern(f)?
    );
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
