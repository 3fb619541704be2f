//! Batch: stream documents through the pipeline in parallel, in order.
//!
//! Documents are read one batch at a time (bounded memory), analyzed in
//! parallel with rayon, and handed to the caller in input order, so the
//! output is the same whatever the thread count. Skips keep their place in
//! the stream too. `--shard I/N` keeps the documents whose id hashes to I.

use crate::corpus::{Input, Item, ReadOptions, Reader, Skip};
use crate::model::{Analysis, Document};
use crate::pipeline::Pipeline;
use rayon::prelude::*;

/// One processed input item.
pub enum Processed {
    Doc(Box<Document>, Box<Analysis>),
    Skip(Skip),
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

/// Read every input, analyze the documents `batch` at a time, and call
/// `sink` with each item in input order. Documents outside the shard are
/// passed over (they are counted by the caller through `on_other_shard`).
pub fn run(
    inputs: &[Input],
    opts: ReadOptions,
    pipeline: &Pipeline,
    pool: &rayon::ThreadPool,
    batch: usize,
    shard: Option<Shard>,
    mut sink: impl FnMut(Processed),
    mut on_other_shard: impl FnMut(&Document),
) {
    let mut reader = Reader::new(opts);
    let mut pending: Vec<Item> = Vec::with_capacity(batch);
    let flush = |pending: &mut Vec<Item>, sink: &mut dyn FnMut(Processed)| {
        let items = std::mem::take(pending);
        let done: Vec<Processed> = pool.install(|| {
            items
            .into_par_iter()
            .map(|it| match it {
                Item::Doc(doc, diags) => {
                    let mut an = pipeline.analyze(&doc);
                    let mut d = diags;
                    d.append(&mut an.diagnostics);
                    an.diagnostics = d;
                    Processed::Doc(Box::new(doc), Box::new(an))
                }
                Item::Skip(s) => Processed::Skip(s),
            })
            .collect()
        });
        for p in done {
            sink(p);
        }
    };
    for item in reader.read_all(inputs) {
        if let (Some(sh), Item::Doc(doc, _)) = (shard, &item) {
            if !sh.keeps(&doc.id) {
                on_other_shard(doc);
                continue;
            }
        }
        pending.push(item);
        if pending.len() >= batch {
            flush(&mut pending, &mut sink);
        }
    }
    flush(&mut pending, &mut sink);
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
