//! `timeline`: events in date order, each with the publications covering it.

use super::{open_store, timeout, FilterArgs, ListFormat, StoreArgs};
use crate::query::compact_iri;
use super::questions::csv_field;
use crate::questions;
use crate::store::Mode;
use anyhow::Result;
use clap::Args;
use serde_json::json;
use std::io::Write;

#[derive(Args, Debug)]
pub struct TimelineArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub store: StoreArgs,
}

pub fn run(a: TimelineArgs) -> Result<i32> {
    let f = &a.filter;
    let filter = super::questions::filter(f, None);
    if f.sparql {
        // The timeline runs the two queries of `events` and `coverage`.
        println!("# events\n{}\n\n# coverage\n{}", questions::events_query(&filter)?, questions::coverage_query(&filter)?);
        return Ok(0);
    }
    let store = open_store(&a.store, Mode::ReadOnly)?;
    let rows = questions::timeline(store.inner(), &filter, timeout(f.timeout))?;
    let mut w = std::io::BufWriter::new(std::io::stdout().lock());
    match f.format {
        ListFormat::Json => {
            let v: Vec<_> = rows
                .iter()
                .map(|r| {
                    let mut m = super::questions::event_json(&r.event);
                    m.insert(
                        "publications".into(),
                        r.publications
                            .iter()
                            .map(|p| json!({"iri": p.iri, "title": p.title, "document": p.document,
                                "published": p.published, "url": p.url, "role": p.role}))
                            .collect(),
                    );
                    serde_json::Value::Object(m)
                })
                .collect();
            serde_json::to_writer_pretty(&mut w, &json!({ "timeline": v }))?;
            writeln!(w)?;
        }
        ListFormat::Csv => {
            writeln!(w, "date,type,event,places,actors,event_iri,published,document,title,publication_iri")?;
            for r in &rows {
                let e = &r.event;
                let places: Vec<&str> = e.places.iter().map(|(n, _)| n.as_str()).collect();
                let head = format!(
                    "{},{},{},{},{},{}",
                    e.date.clone().unwrap_or_default(),
                    e.plover,
                    csv_field(&e.label),
                    csv_field(&places.join("; ")),
                    csv_field(&e.actors.join("; ")),
                    e.iri
                );
                if r.publications.is_empty() {
                    writeln!(w, "{head},,,,")?;
                }
                for p in &r.publications {
                    writeln!(w, "{head},{},{},{},{}", p.published.clone().unwrap_or_default(), csv_field(&p.document),
                        csv_field(p.title.as_deref().unwrap_or("")), p.iri)?;
                }
            }
        }
        ListFormat::Table => {
            for r in &rows {
                let e = &r.event;
                let places: Vec<String> = e.places.iter().map(|(n, i)| match i { Some(i) => format!("{n} ({i})"), None => n.clone() }).collect();
                writeln!(w, "{:<10}  {:<9} {}  [{}]  {}", e.date.clone().unwrap_or_else(|| "?".into()), e.plover, e.label, places.join(", "), compact_iri(&e.iri))?;
                if !e.actors.is_empty() {
                    writeln!(w, "{:<10}  actors: {}", "", e.actors.join(", "))?;
                }
                for p in &r.publications {
                    writeln!(w, "{:<10}    {:<10} {:<24} {}", "", p.published.clone().unwrap_or_else(|| "?".into()), p.document,
                        p.title.clone().unwrap_or_else(|| "(untitled)".into()))?;
                }
            }
            if rows.is_empty() {
                eprintln!("no events match");
            }
        }
    }
    w.flush()?;
    Ok(0)
}
