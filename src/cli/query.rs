//! `query`, `export` and `stats`.

use super::{open_store, timeout, ExportArgs, ExportFormat, QueryArgs, QueryFormat, StoreArgs};
use crate::query::{self, GraphFormat, Output, SolutionsFormat};
use crate::store::Mode;
use anyhow::{bail, Context, Result};
use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use std::io::{BufWriter, Read, Write};

pub fn run(a: QueryArgs) -> Result<i32> {
    if a.list {
        for q in query::saved_queries(&a.queries_dir)? {
            println!("{:<28} {}", q.name, q.description);
        }
        return Ok(0);
    }
    let mut bindings = Vec::new();
    for p in &a.params {
        let (k, v) = p.split_once('=').with_context(|| format!("--param {p}: expected key=value"))?;
        bindings.push((k.trim().to_string(), query::parse_param(v)));
    }
    let text = match (&a.query, &a.file, &a.saved) {
        (Some(q), _, _) => q.clone(),
        (_, Some(f), _) if f.as_os_str() == "-" => {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s)?;
            s
        }
        (_, Some(f), _) => std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?,
        (_, _, Some(name)) => {
            let all = query::saved_queries(&a.queries_dir)?;
            match all.into_iter().find(|q| &q.name == name) {
                Some(q) => q.text,
                None => bail!("no saved query {name} in {} (see `dossier query --list`)", a.queries_dir.display()),
            }
        }
        _ => bail!("give a query, -f FILE, --saved NAME or --list"),
    };
    if query::looks_like_update(&text) {
        if !a.allow_update {
            bail!("this is a SPARQL Update, which changes the store; pass --allow-update to run it");
        }
        let store = open_store(&a.store, Mode::ReadWrite)?;
        query::update(store.inner(), &text)?;
        eprintln!("update done; the store holds {} quads", store.len()?);
        return Ok(0);
    }
    let store = open_store(&a.store, Mode::ReadOnly)?;
    let opts = query::Options { timeout: timeout(a.timeout), limit: a.limit, bindings, allow_update: false };
    let out = query::evaluate(store.inner(), &text, &opts)?;
    let stdout = std::io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    match &out {
        Output::Graph { truncated, .. } => {
            let f = match a.format.unwrap_or(QueryFormat::Turtle) {
                QueryFormat::Ntriples => GraphFormat::NTriples,
                QueryFormat::Jsonld => GraphFormat::JsonLd,
                QueryFormat::Turtle => GraphFormat::Turtle,
                QueryFormat::Xml => GraphFormat::RdfXml,
                other => bail!("{other:?} is for SELECT and ASK; use turtle, ntriples or jsonld"),
            };
            query::write_graph(&out, f, &mut w)?;
            if *truncated {
                eprintln!("note: output cut at {} triples (--limit)", a.limit.unwrap_or(0));
            }
        }
        Output::Solutions { truncated, rows, .. } => {
            let f = solutions_format(a.format.unwrap_or(QueryFormat::Table))?;
            query::write_solutions(&out, f, &mut w)?;
            if *truncated {
                eprintln!("note: output cut at {} rows (--limit)", rows.len());
            }
        }
        Output::Boolean(_) => {
            let f = solutions_format(a.format.unwrap_or(QueryFormat::Table))?;
            query::write_solutions(&out, f, &mut w)?;
        }
    }
    w.flush()?;
    Ok(0)
}

fn solutions_format(f: QueryFormat) -> Result<SolutionsFormat> {
    Ok(match f {
        QueryFormat::Table => SolutionsFormat::Table,
        QueryFormat::Json => SolutionsFormat::Json,
        QueryFormat::Xml => SolutionsFormat::Xml,
        QueryFormat::Csv => SolutionsFormat::Csv,
        QueryFormat::Tsv => SolutionsFormat::Tsv,
        other => bail!("{other:?} is for CONSTRUCT and DESCRIBE; use table, json, xml, csv or tsv"),
    })
}

pub fn export(a: ExportArgs) -> Result<i32> {
    let store = open_store(&a.store, Mode::ReadOnly)?;
    let out: Box<dyn Write> = match &a.output {
        Some(p) => Box::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut w = BufWriter::with_capacity(1 << 16, out);
    let s = store.inner();
    match a.format {
        ExportFormat::Nquads => s.dump_to_writer(RdfFormat::NQuads, &mut w).map(|_| ())?,
        ExportFormat::Trig => s.dump_to_writer(RdfFormat::TriG, &mut w).map(|_| ())?,
        ExportFormat::Jsonld => s.dump_to_writer(RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() }, &mut w).map(|_| ())?,
        ExportFormat::Turtle | ExportFormat::Ntriples => {
            // Triples formats: the union of all documents' graphs, without duplicates.
            let q = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }";
            let out = query::evaluate(s, q, &query::Options { timeout: None, ..Default::default() })?;
            let f = if a.format == ExportFormat::Turtle { GraphFormat::Turtle } else { GraphFormat::NTriples };
            query::write_graph(&out, f, &mut w)?;
        }
        other => anyhow::bail!("{other:?} is a graph format, exported by `cli::graph`"),
    }
    w.flush()?;
    Ok(0)
}

pub fn stats(a: StoreArgs) -> Result<i32> {
    let store = open_store(&a, Mode::ReadOnly)?;
    let s = store.stats()?;
    println!("store:         {}", a.store.display());
    println!("quads:         {}", s.quads);
    println!("documents:     {}", s.documents);
    println!("publications:  {}", s.publications);
    println!("persons:       {}", s.persons);
    println!("organizations: {}", s.organizations);
    println!("countries:     {}", s.countries);
    println!("places:        {}", s.places);
    println!("events:        {}", s.events);
    println!("mentions:      {}", s.mentions);
    Ok(0)
}
