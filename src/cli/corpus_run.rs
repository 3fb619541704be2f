//! `extract` and `ingest`: read inputs, analyze, then print or store.

use super::{json, open_store, ExtractArgs, ExtractFormat, IngestArgs, ReadArgs, EXIT_DONE_WITH_SKIPS};
use crate::batch::{self, Processed, Shard};
use crate::corpus::{self, ReadOptions, Skip};
use crate::model::PartialDate;
use crate::pipeline::Pipeline;
use crate::resolve::actors::ActorDictionary;
use crate::store::Mode;
use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::BTreeMap;
use std::io::{BufWriter, IsTerminal, Write};

/// What a run read, by outcome.
#[derive(Default)]
struct Summary {
    read: usize,
    done: usize,
    other_shard: usize,
    skipped: BTreeMap<&'static str, usize>,
    publications: usize,
    mentions: usize,
    entities: usize,
    events: usize,
    quads: usize,
    bytes: usize,
}

impl Summary {
    fn skip(&mut self, s: &Skip, quiet: bool) {
        self.read += 1;
        *self.skipped.entry(s.reason.as_str()).or_default() += 1;
        if !quiet {
            eprintln!("skipped: {s}");
        }
    }
    fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }
    fn print(&self, verb: &str, elapsed: std::time::Duration, to_stdout: bool) {
        let mut lines = vec![format!(
            "documents read: {}  {verb}: {}  skipped: {}{}",
            self.read,
            self.done,
            self.skipped_total(),
            if self.other_shard > 0 { format!("  other shards: {}", self.other_shard) } else { String::new() }
        )];
        for (reason, n) in &self.skipped {
            lines.push(format!("  skipped ({reason}): {n}"));
        }
        lines.push(format!(
            "publications: {}  mentions: {}  entities: {}  events: {}{}",
            self.publications,
            self.mentions,
            self.entities,
            self.events,
            if self.quads > 0 { format!("  quads: {}", self.quads) } else { String::new() }
        ));
        let secs = elapsed.as_secs_f64().max(1e-9);
        lines.push(format!(
            "time: {:.2}s  ({:.0} documents/s, {:.2} MB/s)",
            secs,
            self.done as f64 / secs,
            self.bytes as f64 / 1e6 / secs
        ));
        for l in lines {
            if to_stdout {
                println!("{l}");
            } else {
                eprintln!("{l}");
            }
        }
    }
}

fn read_options(a: &ReadArgs) -> Result<ReadOptions> {
    let default_date = match &a.date {
        Some(d) => {
            let pd = PartialDate::parse(d).with_context(|| format!("--date {d}: expected YYYY-MM-DD"))?;
            if !pd.is_complete() {
                bail!("--date {d}: expected a full date YYYY-MM-DD");
            }
            Some(pd)
        }
        None => None,
    };
    Ok(ReadOptions { default_date, ..ReadOptions::default() })
}

fn pipeline(a: &ReadArgs) -> Result<Pipeline> {
    let p = Pipeline::embedded();
    if a.actors.is_empty() {
        return Ok(p);
    }
    let mut extra = ActorDictionary::default();
    for path in &a.actors {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading actors from {}", path.display()))?;
        let is_tsv = path.extension().is_some_and(|e| e == "tsv") || text.lines().next().is_some_and(|l| l.contains('\t'));
        let d = if is_tsv { ActorDictionary::from_tsv(&text) } else { ActorDictionary::from_phoenix(&text) }
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        extra.merge(d);
    }
    Ok(p.with_actors(extra))
}

/// The worker pool, or none for one thread (the calling thread does the work).
fn thread_pool(a: &ReadArgs) -> Result<Option<rayon::ThreadPool>> {
    let mut b = rayon::ThreadPoolBuilder::new();
    match a.threads {
        Some(0) => bail!("--threads must be at least 1"),
        Some(1) => return Ok(None),
        Some(n) => b = b.num_threads(n),
        None if std::thread::available_parallelism().map_or(1, |n| n.get()) == 1 => return Ok(None),
        None => {}
    }
    Ok(Some(b.build()?))
}

fn progress(quiet: bool, total_bytes: u64) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    }
    let pb = ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr());
    pb.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    pb
}

/// Shared driver: expand inputs, run the pipeline, hand each result over.
///
/// `render` runs on the worker threads, right after a document's analysis,
/// so that serializing (JSON, quads) scales with the threads too; `on_doc`
/// gets its result on this thread, in input order.
fn drive<R: Send>(
    a: &ReadArgs,
    render: impl Fn(&crate::model::Document, &crate::model::Analysis) -> R + Sync,
    mut on_doc: impl FnMut(Processed<R>, &mut Summary) -> Result<()>,
) -> Result<Summary> {
    let opts = read_options(a)?;
    let shard = a.shard.as_deref().map(Shard::parse).transpose().map_err(anyhow::Error::msg)?;
    let (inputs, early) = corpus::inputs(&a.inputs, &opts);
    let mut summary = Summary::default();
    for s in &early {
        summary.skip(s, a.quiet);
    }
    let total: u64 = inputs
        .iter()
        .map(|i| match &i.source {
            corpus::InputSource::Path(p) => std::fs::metadata(p).map(|m| m.len()).unwrap_or(0),
            corpus::InputSource::Stdin => 0,
        })
        .sum();
    let pb = progress(a.quiet, total);
    let pipe = pipeline(a)?;
    let pool = thread_pool(a)?;
    let mut err: Option<anyhow::Error> = None;
    let mut other_shard = 0usize;
    {
        batch::run(
            &inputs,
            opts,
            &pipe,
            pool.as_ref(),
            a.batch.max(1),
            shard,
            render,
            |p| {
                match &p {
                    Processed::Skip(s) => {
                        summary.skip(s, a.quiet);
                        return true;
                    }
                    Processed::Doc(d, _) => {
                        summary.read += 1;
                        summary.done += 1;
                        summary.bytes += d.bytes;
                        summary.publications += d.publications;
                        summary.mentions += d.mentions;
                        summary.entities += d.entities;
                        summary.events += d.events;
                        pb.inc(d.bytes as u64);
                    }
                }
                if let Err(e) = on_doc(p, &mut summary) {
                    err = Some(e);
                    return false;
                }
                true
            },
            |_| other_shard += 1,
        )
    }
    pb.finish_and_clear();
    if let Some(e) = err {
        return Err(e);
    }
    summary.other_shard = other_shard;
    summary.read += other_shard;
    Ok(summary)
}

fn exit_code(s: &Summary) -> i32 {
    if s.skipped_total() > 0 {
        EXIT_DONE_WITH_SKIPS
    } else {
        0
    }
}

pub fn extract(a: ExtractArgs) -> Result<i32> {
    let start = std::time::Instant::now();
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let format = a.format;
    let render = |doc: &crate::model::Document, an: &crate::model::Analysis| -> std::result::Result<Vec<u8>, String> {
        match format {
            ExtractFormat::Jsonl => {
                let mut buf = Vec::with_capacity(256 + doc.text.len() / 2);
                json::write_document(doc, an, &mut buf).map_err(|e| e.to_string())?;
                Ok(buf)
            }
            ExtractFormat::Nquads => {
                let quads = crate::rdf::document_quads(doc, an);
                let mut buf = Vec::with_capacity(quads.len() * 160);
                let mut ser = oxigraph::io::RdfSerializer::from_format(oxigraph::io::RdfFormat::NQuads).for_writer(&mut buf);
                for q in &quads {
                    ser.serialize_quad(q).map_err(|e| e.to_string())?;
                }
                ser.finish().map_err(|e| e.to_string())?;
                Ok(buf)
            }
        }
    };
    let summary = drive(&a.read, render, |p, _| {
        let Processed::Doc(doc, bytes) = p else { return Ok(()) };
        let bytes = bytes.map_err(|e| anyhow::anyhow!("serializing {}: {e}", doc.id))?;
        out.write_all(&bytes)?;
        Ok(())
    })?;
    out.flush()?;
    if !a.read.quiet {
        summary.print("extracted", start.elapsed(), false);
    }
    Ok(exit_code(&summary))
}

/// Quads per store commit, at most (about 150 MB of pending quads).
const COMMIT_QUADS: usize = 500_000;
/// Memory for the bulk loader's sort buffers, in MB.
const BULK_MEMORY_MB: usize = 256;

pub fn ingest(a: IngestArgs) -> Result<i32> {
    let start = std::time::Instant::now();
    let store = open_store(&a.store, Mode::ReadWrite)?;
    let mut pending: Vec<(String, Vec<oxigraph::model::Quad>)> = Vec::new();
    let mut pending_quads = 0usize;
    // A commit holds whole documents: each document's graph is replaced
    // atomically, so a killed ingest leaves every graph absent, old or new,
    // and a re-run completes the store (crash safety).
    let commit_docs = a.commit_every.unwrap_or(usize::MAX).max(1);
    let commit = |pending: &[(String, Vec<oxigraph::model::Quad>)]| -> Result<()> {
        if a.no_bulk {
            store.replace_documents(pending)?;
        } else {
            store.bulk_replace_documents(pending, BULK_MEMORY_MB)?;
        }
        Ok(())
    };
    let summary = drive(&a.read, crate::rdf::document_quads, |p, summary| {
        let Processed::Doc(doc, quads) = p else { return Ok(()) };
        summary.quads += quads.len();
        pending_quads += quads.len();
        pending.push((doc.id, quads));
        if pending_quads >= COMMIT_QUADS || pending.len() >= commit_docs {
            commit(&pending)?;
            pending.clear();
            pending_quads = 0;
        }
        Ok(())
    })?;
    commit(&pending)?;
    store.optimize()?;
    if !a.read.quiet {
        summary.print("ingested", start.elapsed(), true);
        println!("store: {}  ({} quads in all)", a.store.store.display(), store.len()?);
    }
    Ok(exit_code(&summary))
}
