//! Batch: stream documents through the pipeline in parallel, in order.
//!
//! Three stages overlap: a reader thread reads documents into batches, the
//! rayon pool analyzes a batch and renders each result (JSON bytes, quads:
//! whatever the caller's `render` makes) in parallel, and the calling thread
//! hands the results to the sink in input order while the next batch is being
//! analyzed. At most two batches wait between stages, so memory is bounded
//! by the batch size, not the corpus. With one thread (no pool) everything
//! runs on the calling thread, one document at a time: no hand-offs, and
//! one allocator heap instead of three. The output is the same whatever the
//! thread count. Skips keep their place in the stream too. `--shard I/N`
//! keeps the documents whose id hashes to I.

use crate::corpus::{Input, Item, ReadOptions, Reader, Skip};
use crate::model::{Analysis, Document};
use crate::pipeline::Pipeline;
use rayon::prelude::*;
use std::sync::mpsc::sync_channel;

/// One processed input item, with what the caller's `render` made of it.
pub enum Processed<R = ()> {
    Doc(DocInfo, R),
    Skip(Skip),
}

/// What is left of an analyzed document once `render` has run: its id and
/// sizes. The document and its analysis are dropped on the thread that
/// analyzed it, so the allocator frees their many small blocks where they
/// were made instead of handing them to the sink's thread.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocInfo {
    pub id: String,
    /// UTF-8 bytes of the text.
    pub bytes: usize,
    pub publications: usize,
    pub mentions: usize,
    pub entities: usize,
    pub events: usize,
}

/// A stable partition of documents by id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl Shard {
    /// Parse `I/N` with 0 ≤ I < N.
    pub fn parse(s: &str) -> Result<Shard, String> {
        let (i, n) = s.split_once('/').ok_or_else(|| format!("--shard wants I/N, got {s}"))?;
        let index: u32 = i.trim().parse().map_err(|_| format!("bad shard index in {s}"))?;
        let count: u32 = n.trim().parse().map_err(|_| format!("bad shard count in {s}"))?;
        if count == 0 || index >= count {
            return Err(format!("--shard {s}: need 0 <= I < N"));
        }
        Ok(Shard { index, count })
    }
    pub fn keeps(&self, id: &str) -> bool {
        // FNV-1a: stable across platforms and releases.
        let mut h: u64 = 0xcbf29ce484222325;
        for b in id.bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
        (h % self.count as u64) as u32 == self.index
    }
}

/// Batches waiting between two stages.
const QUEUE: usize = 2;

/// Read `inputs`, analyze and render documents in parallel on `pool` (on
/// the calling thread without one), and call `sink` for every item in input
/// order (documents of other shards go
/// to `on_other_shard` instead, also in order). When `sink` returns false the
/// run stops: the stages wind down without reading further.
#[allow(clippy::too_many_arguments)]
pub fn run<R: Send>(
    inputs: &[Input],
    opts: ReadOptions,
    pipeline: &Pipeline,
    pool: Option<&rayon::ThreadPool>,
    batch: usize,
    shard: Option<Shard>,
    render: impl Fn(&Document, &Analysis) -> R + Sync,
    mut sink: impl FnMut(Processed<R>) -> bool,
    mut on_other_shard: impl FnMut(&Document),
) {
    let Some(pool) = pool else {
        let mut reader = Reader::new(opts);
        for item in reader.read_all(inputs) {
            if let (Some(sh), Item::Doc(doc, _)) = (shard, &item) {
                if !sh.keeps(&doc.id) {
                    on_other_shard(doc);
                    continue;
                }
            }
            if !sink(process(pipeline, &render, item)) {
                return;
            }
        }
        return;
    };
    let batch = batch.max(1);
    /// What the reader sends: documents to analyze, or a document of another shard.
    enum Read {
        Batch(Vec<Item>),
        Other(Box<Document>),
    }
    enum Done<R> {
        Batch(Vec<Processed<R>>),
        Other(Box<Document>),
    }
    std::thread::scope(|scope| {
        let (read_tx, read_rx) = sync_channel::<Read>(QUEUE);
        let (done_tx, done_rx) = sync_channel::<Done<R>>(QUEUE);
        scope.spawn(move || {
            let mut reader = Reader::new(opts);
            let mut pending: Vec<Item> = Vec::with_capacity(batch);
            for item in reader.read_all(inputs) {
                if let (Some(sh), Item::Doc(doc, _)) = (shard, &item) {
                    if !sh.keeps(&doc.id) {
                        if !pending.is_empty() && read_tx.send(Read::Batch(std::mem::take(&mut pending))).is_err() {
                            return;
                        }
                        let Item::Doc(doc, _) = item else { continue };
                        if read_tx.send(Read::Other(Box::new(doc))).is_err() {
                            return;
                        }
                        continue;
                    }
                }
                pending.push(item);
                if pending.len() >= batch && read_tx.send(Read::Batch(std::mem::replace(&mut pending, Vec::with_capacity(batch)))).is_err() {
                    return;
                }
            }
            if !pending.is_empty() {
                let _ = read_tx.send(Read::Batch(pending));
            }
        });
        let render = &render;
        scope.spawn(move || {
            for r in read_rx {
                let done = match r {
                    Read::Other(d) => Done::Other(d),
                    Read::Batch(items) => Done::Batch(pool.install(|| {
                        items.into_par_iter().map(|it| process(pipeline, render, it)).collect()
                    })),
                };
                if done_tx.send(done).is_err() {
                    return;
                }
            }
        });
        'outer: for d in done_rx {
            match d {
                Done::Other(doc) => on_other_shard(&doc),
                Done::Batch(ps) => {
                    for p in ps {
                        if !sink(p) {
                            break 'outer;
                        }
                    }
                }
            }
        }
    });
}

/// Analyze and render one item (skips pass through).
fn process<R>(pipeline: &Pipeline, render: &impl Fn(&Document, &Analysis) -> R, item: Item) -> Processed<R> {
    match item {
        Item::Doc(doc, diags) => {
            let mut an = pipeline.analyze(&doc);
            let mut d = diags;
            d.append(&mut an.diagnostics);
            an.diagnostics = d;
            let out = render(&doc, &an);
            let info = DocInfo {
                bytes: doc.text.len(),
                publications: an.publications.len(),
                mentions: an.mentions.len(),
                entities: an.entities.len(),
                events: an.events.len(),
                id: doc.id,
            };
            Processed::Doc(info, out)
        }
        Item::Skip(s) => Processed::Skip(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_ids() {
        let ids: Vec<String> = (0..1000).map(|i| format!("doc-{i}")).collect();
        let shards: Vec<Shard> = (0..3).map(|i| Shard { index: i, count: 3 }).collect();
        for id in &ids {
            assert_eq!(shards.iter().filter(|s| s.keeps(id)).count(), 1);
        }
        let n0 = ids.iter().filter(|id| shards[0].keeps(id)).count();
        assert!((250..420).contains(&n0), "{n0}");
        assert!(Shard::parse("3/3").is_err());
        assert_eq!(Shard::parse("1/4").unwrap(), Shard { index: 1, count: 4 });
    }
}
