//! What the benches share: reading a corpus path into documents, as
//! `dossier extract` reads it.

use dossier::corpus::{self, Item, ReadOptions, Reader};
use dossier::model::Document;
use std::path::PathBuf;

/// The documents of `path` (a file or a directory), in reading order. A
/// bench measures known inputs, so a skipped input or document panics.
pub fn documents(path: PathBuf) -> Vec<Document> {
    let opts = ReadOptions::default();
    let (inputs, skips) = corpus::inputs(&[path], &opts);
    assert!(skips.is_empty(), "input skipped: {skips:?}");
    let mut reader = Reader::new(opts);
    reader
        .read_all(&inputs)
        .map(|item| match item {
            Item::Doc(doc, _) => doc,
            Item::Skip(s) => panic!("document skipped: {s}"),
        })
        .collect()
}
