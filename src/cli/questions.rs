//! `events` and `coverage`: the analysts' questions, printed.

use super::{open_store, timeout, CoverageArgs, EventsArgs, FilterArgs, ListFormat};
use crate::query::compact_iri;
use crate::questions::{self, EventFilter};
use crate::store::Mode;
use anyhow::Result;
use serde_json::json;
use std::io::Write;

/// The event filter of the `events`, `coverage` and `timeline` flags.
pub(super) fn filter(f: &FilterArgs, event: Option<String>) -> EventFilter {
    EventFilter {
        from: f.from.clone(),
        to: f.to.clone(),
        countries: f.country.clone(),
        plover: f.plover.clone(),
        actor: f.actor.clone(),
        event,
    }
}

/// One event as the JSON of `events` and `timeline` (their own fields added by the caller).
pub(super) fn event_json(e: &questions::EventRow) -> serde_json::Map<String, serde_json::Value> {
    let serde_json::Value::Object(m) = json!({"iri": e.iri, "type": e.plover, "cameo": e.cameo, "date": e.date, "label": e.label,
        "places": e.places.iter().map(|(n, i)| json!({"name": n, "iso": i})).collect::<Vec<_>>(),
        "actors": e.actors}) else { return serde_json::Map::new() };
    m
}

/// A CSV field, quoted when it needs to be.
pub(super) fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub fn events(a: EventsArgs) -> Result<i32> {
    if a.filter.sparql {
        println!("{}", questions::events_query(&filter(&a.filter, None))?);
        return Ok(0);
    }
    let store = open_store(&a.store, Mode::ReadOnly)?;
    let rows = questions::events(store.inner(), &filter(&a.filter, None), timeout(a.filter.timeout))?;
    let mut w = std::io::stdout().lock();
    match a.filter.format {
        ListFormat::Json => {
            let v: Vec<_> = rows
                .iter()
                .map(|e| {
                    let mut m = event_json(e);
                    m.insert("publications".into(), json!(e.publications.len()));
                    m.insert("confidence".into(), json!(e.confidence));
                    serde_json::Value::Object(m)
                })
                .collect();
            serde_json::to_writer_pretty(&mut w, &json!({ "events": v }))?;
            writeln!(w)?;
        }
        ListFormat::Csv => {
            writeln!(w, "iri,type,date,places,actors,label,publications")?;
            for e in &rows {
                let places: Vec<String> = e.places.iter().map(|(n, _)| n.clone()).collect();
                writeln!(w, "{},{},{},{},{},{},{}", e.iri, e.plover, e.date.clone().unwrap_or_default(),
                    csv_field(&places.join("; ")), csv_field(&e.actors.join("; ")), csv_field(&e.label), e.publications.len())?;
            }
        }
        ListFormat::Table => {
            writeln!(w, "{:<10} {:<9} {:<24} {:<28} {:>4}  {}", "date", "type", "places", "actors", "pubs", "event")?;
            for e in &rows {
                let places: Vec<String> = e.places.iter().map(|(n, i)| match i { Some(i) => format!("{n} ({i})"), None => n.clone() }).collect();
                writeln!(w, "{:<10} {:<9} {:<24} {:<28} {:>4}  {}  {}", e.date.clone().unwrap_or_else(|| "?".into()), e.plover,
                    clip(&places.join(", "), 24), clip(&e.actors.join(", "), 28), e.publications.len(), e.label, compact_iri(&e.iri))?;
            }
            if rows.is_empty() {
                eprintln!("no events match");
            }
        }
    }
    Ok(0)
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n { s.to_string() } else { s.chars().take(n - 1).chain(['…']).collect() }
}

pub fn coverage(a: CoverageArgs) -> Result<i32> {
    if a.event.is_none() && a.filter.from.is_none() && a.filter.to.is_none() && a.filter.country.is_empty() && a.filter.plover.is_none() && a.filter.actor.is_none() {
        anyhow::bail!("give an event IRI, or at least one of --from, --to, --country, --type, --actor");
    }
    let f = filter(&a.filter, a.event.clone());
    if a.filter.sparql {
        println!("{}", questions::coverage_query(&f)?);
        return Ok(0);
    }
    let store = open_store(&a.store, Mode::ReadOnly)?;
    let rows = questions::coverage(store.inner(), &f, timeout(a.filter.timeout))?;
    let mut w = std::io::stdout().lock();
    match a.filter.format {
        ListFormat::Json => {
            let v: Vec<_> = rows
                .iter()
                .map(|p| json!({"iri": p.iri, "title": p.title, "document": p.document, "published": p.published,
                                "url": p.url, "role": p.role, "events": p.events}))
                .collect();
            serde_json::to_writer_pretty(&mut w, &json!({ "publications": v }))?;
            writeln!(w)?;
        }
        ListFormat::Csv => {
            writeln!(w, "document,published,title,role,url,iri")?;
            for p in &rows {
                writeln!(w, "{},{},{},{},{},{}", csv_field(&p.document), p.published.clone().unwrap_or_default(),
                    csv_field(p.title.as_deref().unwrap_or("")), p.role.clone().unwrap_or_default(), csv_field(p.url.as_deref().unwrap_or("")), p.iri)?;
            }
        }
        ListFormat::Table => {
            writeln!(w, "{:<10} {:<24} {:<7} title", "published", "document", "role")?;
            for p in &rows {
                writeln!(w, "{:<10} {:<24} {:<7} {}", p.published.clone().unwrap_or_else(|| "?".into()), clip(&p.document, 24),
                    p.role.clone().unwrap_or_default(), p.title.clone().unwrap_or_else(|| "(untitled)".into()))?;
            }
            if rows.is_empty() {
                eprintln!("no publications cover a matching event");
            }
        }
    }
    Ok(0)
}
