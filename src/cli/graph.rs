//! `export --format graphml|gexf|dot|cyjs|html`: project the store into a
//! graph ([`crate::graph`]), lay it out and write it ([`crate::export`]).

use super::{open_store, timeout, ExportArgs, ExportFormat};
use crate::export::{self, Format, Meta};
use crate::graph::{self, NodeKind, SizeBy};
use crate::store::Mode;
use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use std::io::Write;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum SizeArg {
    /// Number of links.
    #[default]
    Degree,
    /// PageRank.
    Pagerank,
}

/// Filters of the graph formats.
#[derive(Args, Debug, Clone)]
pub struct GraphArgs {
    /// Node kinds to keep, comma-separated: person, organization, country, place, event, publication.
    #[arg(long, value_delimiter = ',', value_name = "KINDS")]
    pub kinds: Vec<String>,
    /// Earliest event or publication date (YYYY-MM-DD); entities stay when linked to what is kept.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Latest event or publication date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Keep co-mention links shared by at least this many publications.
    #[arg(long, default_value_t = 1.0, value_name = "N")]
    pub min_weight: f64,
    /// Keep only the neighbourhood of this entity: an IRI, id:country/JO, or a label.
    #[arg(long, value_name = "ENTITY")]
    pub around: Option<String>,
    /// Hops from --around.
    #[arg(long, default_value_t = 1)]
    pub depth: usize,
    /// Project the result of this CONSTRUCT query (text, or a .rq file) instead of the standard graph.
    #[arg(long = "query", value_name = "CONSTRUCT")]
    pub construct: Option<String>,
    /// What sizes the nodes.
    #[arg(long, value_enum, default_value = "degree")]
    pub size: SizeArg,
    /// Title of the graph (HTML page, metadata).
    #[arg(long)]
    pub title: Option<String>,
    /// Print how long each step took (store reads, filters, layout, writing) to stderr.
    #[arg(long)]
    pub timings: bool,
    /// Seconds before each query is cancelled (0: never).
    #[arg(long = "graph-timeout", default_value_t = 300.0, hide = true)]
    pub timeout: f64,
}

impl ExportFormat {
    /// The graph format, for the formats this module writes.
    pub fn graph_format(&self) -> Option<Format> {
        Some(match self {
            ExportFormat::Graphml => Format::GraphMl,
            ExportFormat::Gexf => Format::Gexf,
            ExportFormat::Dot => Format::Dot,
            ExportFormat::Cyjs => Format::CyJs,
            ExportFormat::Html => Format::Html,
            _ => return None,
        })
    }
}

/// The library options of the graph arguments.
pub fn options(a: &GraphArgs) -> Result<graph::Options> {
    let mut kinds = Vec::new();
    for k in &a.kinds {
        if k.trim().is_empty() {
            continue;
        }
        match NodeKind::parse(k) {
            Some(kind) => kinds.push(kind),
            None => bail!("--kinds {k}: expected person, organization, country, place, event or publication"),
        }
    }
    let construct = match &a.construct {
        Some(q) if q.trim_end().ends_with(".rq") || std::path::Path::new(q.trim()).is_file() => {
            Some(std::fs::read_to_string(q.trim()).with_context(|| format!("reading --query {q}"))?)
        }
        other => other.clone(),
    };
    if !a.min_weight.is_finite() {
        bail!("--min-weight must be a number");
    }
    Ok(graph::Options {
        kinds,
        from: a.from.clone(),
        to: a.to.clone(),
        min_weight: a.min_weight,
        around: a.around.clone(),
        depth: a.depth,
        construct,
        size_by: if a.size == SizeArg::Pagerank { SizeBy::PageRank } else { SizeBy::Degree },
        timeout: timeout(a.timeout),
        ..Default::default()
    })
}

/// A title describing the filters.
fn describe(a: &GraphArgs) -> String {
    let mut parts = Vec::new();
    if let Some(c) = &a.around {
        parts.push(format!("around {c} (depth {})", a.depth));
    }
    if a.construct.is_some() {
        parts.push("CONSTRUCT result".to_string());
    }
    if !a.kinds.is_empty() {
        parts.push(a.kinds.join(", "));
    }
    match (&a.from, &a.to) {
        (Some(f), Some(t)) => parts.push(format!("{f} to {t}")),
        (Some(f), None) => parts.push(format!("from {f}")),
        (None, Some(t)) => parts.push(format!("until {t}")),
        _ => {}
    }
    if a.min_weight > 1.0 {
        parts.push(format!("co-mention ≥ {}", a.min_weight));
    }
    parts.join("; ")
}

pub fn export(a: ExportArgs) -> Result<i32> {
    let Some(format) = a.format.graph_format() else { bail!("{:?} is not a graph format", a.format) };
    let opts = options(&a.graph)?;
    let t_open = std::time::Instant::now();
    let store = open_store(&a.store, Mode::ReadOnly)?;
    let opened = t_open.elapsed();
    let t = std::time::Instant::now();
    let p = graph::project(store.inner(), &opts)?;
    let built = t.elapsed();
    let title = a.graph.title.clone().unwrap_or_else(|| "Dossier graph".to_string());
    let meta = Meta::new(title, describe(&a.graph));
    let out: Box<dyn Write> = match &a.output {
        Some(p) => Box::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut w = std::io::BufWriter::with_capacity(1 << 16, out);
    let t_write = std::time::Instant::now();
    export::write(&p, format, &meta, &mut w)?;
    w.flush()?;
    if a.graph.timings {
        for (name, d) in [("open store", opened)].into_iter().chain(p.phases.iter().map(|(n, d)| (*n, *d))).chain([("write", t_write.elapsed())]) {
            eprintln!("  {name:<24} {:>8.3}s", d.as_secs_f64());
        }
    }
    let kinds: Vec<String> = p.kind_counts().iter().map(|(k, n)| format!("{} {n}", k.as_str())).collect();
    eprintln!(
        "exported {}: nodes: {}  edges: {}  ({})  in {:.2}s",
        format.as_str(),
        p.node_count(),
        p.edge_count(),
        kinds.join(", "),
        built.as_secs_f64().max(t.elapsed().as_secs_f64())
    );
    Ok(0)
}
