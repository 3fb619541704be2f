//! CLI: argument definitions and one function per subcommand.
//!
//! This is the only module (with `serve`) that touches the terminal. Flags
//! are parsed into plain values first; heavy objects (the store, the
//! pipeline) are built after. Data goes to standard output, messages,
//! progress bars and summaries to standard error.

mod corpus_run;
mod graph;
pub mod json;
mod push;
mod questions;
mod query;
mod serve;
mod timeline;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::time::Duration;

/// Exit code when a run finished but skipped some inputs.
pub const EXIT_DONE_WITH_SKIPS: i32 = 3;

#[derive(Parser, Debug)]
#[command(name = "dossier", version, about = "Build a knowledge graph of actors, events and publications from articles, and query it with SPARQL.")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Analyze documents and print one JSON object per document (no store).
    Extract(ExtractArgs),
    /// Analyze documents and load them into the store (one named graph per document).
    Ingest(IngestArgs),
    /// Run a SPARQL query (or a saved one) over the store.
    Query(QueryArgs),
    /// Dump the store as RDF, or export its graph for Gephi, yEd, Cytoscape, Graphviz or a browser.
    Export(ExportArgs),
    /// Count what the store holds.
    Stats(StoreArgs),
    /// List events: type, date, places, actors and number of publications.
    Events(EventsArgs),
    /// Which publications cover an event (by IRI, or by date, country and type).
    Coverage(CoverageArgs),
    /// Events in date order, each with the publications that cover it.
    Timeline(timeline::TimelineArgs),
    /// Serve a SPARQL endpoint and a graph explorer page over HTTP.
    Serve(serve::ServeArgs),
    /// Send the store's graphs (or N-Quads files) to a SPARQL 1.1 Graph Store endpoint.
    Push(push::PushArgs),
}

#[derive(Args, Debug, Clone)]
pub struct StoreArgs {
    /// The store directory.
    #[arg(long, env = "DOSSIER_STORE", default_value = crate::store::DEFAULT_PATH, global = true)]
    pub store: PathBuf,
}

#[derive(Args, Debug, Clone)]
pub struct ReadArgs {
    /// Files or directories (recursed, sorted), or - for standard input.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// A document date (YYYY-MM-DD) for documents that give none.
    #[arg(long)]
    pub date: Option<String>,
    /// Extra actors: a PETRARCH .actors.txt file or a TSV (canonical, aliases, country, role, from, to, sameAs).
    #[arg(long)]
    pub actors: Vec<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// Process only the documents whose id hashes to shard I of N (I/N).
    #[arg(long)]
    pub shard: Option<String>,
    /// Documents per parallel batch.
    #[arg(long, default_value_t = 256, hide = true)]
    pub batch: usize,
    /// No progress bar or summary.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// One JSON object per document.
    Jsonl,
    /// N-Quads, one named graph per document.
    Nquads,
}

#[derive(Args, Debug)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub read: ReadArgs,
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: ExtractFormat,
}

#[derive(Args, Debug)]
pub struct IngestArgs {
    #[command(flatten)]
    pub read: ReadArgs,
    /// Commit after this many documents (default: by size, about 500,000 quads).
    #[arg(long, hide = true)]
    pub commit_every: Option<usize>,
    /// Write with transactions instead of the bulk loader (slower; for comparison).
    #[arg(long, hide = true)]
    pub no_bulk: bool,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    Table,
    Json,
    Xml,
    Csv,
    Tsv,
    Turtle,
    Ntriples,
    Jsonld,
}

#[derive(Args, Debug)]
pub struct QueryArgs {
    /// The SPARQL query text.
    pub query: Option<String>,
    /// Read the query from a file (- for standard input).
    #[arg(long, short = 'f', conflicts_with = "query")]
    pub file: Option<PathBuf>,
    /// Run a saved query from the queries directory.
    #[arg(long, conflicts_with_all = ["query", "file"])]
    pub saved: Option<String>,
    /// A value for a saved query's variable: key=value (repeatable).
    #[arg(long = "param", value_name = "KEY=VALUE")]
    pub params: Vec<String>,
    /// List the saved queries with their descriptions.
    #[arg(long)]
    pub list: bool,
    /// Where saved queries live.
    #[arg(long, env = "DOSSIER_QUERIES", default_value = "examples/queries")]
    pub queries_dir: PathBuf,
    #[arg(long, value_enum)]
    pub format: Option<QueryFormat>,
    /// Seconds before the query is cancelled.
    #[arg(long, default_value_t = 30.0)]
    pub timeout: f64,
    /// Print at most this many rows.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Allow SPARQL Update (changes the store).
    #[arg(long)]
    pub allow_update: bool,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Turtle,
    Ntriples,
    Nquads,
    Trig,
    Jsonld,
    /// Graph: GraphML for Gephi, yEd, Cytoscape, networkx (filters below apply to graph formats).
    Graphml,
    /// Graph: GEXF 1.2 with colours, positions and sizes, for Gephi.
    Gexf,
    /// Graph: Graphviz DOT with the layout's positions.
    Dot,
    /// Graph: Cytoscape.js JSON.
    Cyjs,
    /// Graph: one offline HTML page with an interactive viewer.
    Html,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value = "nquads")]
    pub format: ExportFormat,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub graph: graph::GraphArgs,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Csv,
}

#[derive(Args, Debug, Clone)]
pub struct FilterArgs {
    /// Earliest event date (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Latest event date (YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// A country (ISO code or name) where the event happened or that took part (repeatable).
    #[arg(long)]
    pub country: Vec<String>,
    /// PLOVER event type (ASSAULT, CONSULT, SANCTION, ...).
    #[arg(long = "type")]
    pub plover: Option<String>,
    /// Part of an actor's name.
    #[arg(long)]
    pub actor: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
    /// Seconds before the query is cancelled.
    #[arg(long, default_value_t = 30.0)]
    pub timeout: f64,
    /// Print the SPARQL query instead of running it (to adapt it, or to send it to `serve`).
    #[arg(long)]
    pub sparql: bool,
}

#[derive(Args, Debug)]
pub struct EventsArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Args, Debug)]
pub struct CoverageArgs {
    /// The event's IRI (from `dossier events`).
    pub event: Option<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Run the parsed command; returns the process exit code.
pub fn run(cli: Cli) -> Result<i32> {
    match cli.command {
        Command::Extract(a) => corpus_run::extract(a),
        Command::Ingest(a) => corpus_run::ingest(a),
        Command::Query(a) => query::run(a),
        Command::Export(a) if a.format.graph_format().is_some() => graph::export(a),
        Command::Export(a) => query::export(a),
        Command::Stats(a) => query::stats(a),
        Command::Events(a) => questions::events(a),
        Command::Coverage(a) => questions::coverage(a),
        Command::Timeline(a) => timeline::run(a),
        Command::Serve(a) => serve::run(a),
        Command::Push(a) => push::run(a),
    }
}

fn timeout(secs: f64) -> Option<Duration> {
    (secs > 0.0 && secs.is_finite()).then(|| Duration::from_secs_f64(secs))
}

fn open_store(args: &StoreArgs, mode: crate::store::Mode) -> Result<crate::store::DossierStore> {
    crate::store::DossierStore::open(&args.store, mode).with_context(|| format!("opening the store {}", args.store.display()))
}
