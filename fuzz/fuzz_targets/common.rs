//! Checks shared by the fuzz targets: the invariants every stage promises
//! (spans on char boundaries and inside the text, code point offsets that
//! agree with byte offsets, no empty documents, unique ids).

#![allow(dead_code)]

use dossier::corpus::{self, IdRegistry, Input, InputSource, Item, ReadOptions};
use dossier::model::{Document, Format, Span};
use std::path::PathBuf;

/// An input named like a file of the given format (nothing is opened).
pub fn input(format: Option<Format>, name: &str) -> Input {
    Input { source: InputSource::Path(PathBuf::from(name)), format, unknown_ext: format.is_none(), id: "fuzz".into() }
}

/// Options with a small size limit, so the limit paths are exercised too.
pub fn opts() -> ReadOptions {
    ReadOptions { max_bytes: 64 * 1024, ..ReadOptions::default() }
}

/// Read bytes as one input and check what comes out.
pub fn read(data: &[u8], format: Option<Format>, name: &str) -> Vec<Document> {
    let inp = input(format, name);
    let o = opts();
    let mut ids = IdRegistry::new();
    let mut docs = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for item in corpus::read_bytes(data.to_vec(), &inp, &o, &mut ids) {
        match item {
            Item::Doc(d, _) => {
                check_doc(&d);
                assert!(seen.insert(d.id.clone()), "duplicate id {}", d.id);
                docs.push(d);
            }
            Item::Skip(s) => {
                // Every skip names the file; an offset, when given, lies in the input.
                assert!(s.origin.path.is_some());
                if let Some(o) = s.offset {
                    assert!(o <= data.len() * 3 + 3, "offset {o} past the input ({} bytes)", data.len());
                }
                let _ = s.to_string();
            }
        }
    }
    docs
}

pub fn check_doc(d: &Document) {
    assert!(!d.id.is_empty());
    assert!(!d.text.trim().is_empty(), "a document with no text was produced");
}

/// A span is inside `text`, on char boundaries, with matching code points.
pub fn check_span(text: &str, s: &Span, what: &str) {
    assert!(s.start <= s.end && s.end <= text.len(), "{what}: span {s:?} outside text of {} bytes", text.len());
    assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "{what}: span {s:?} off char boundary");
    let cs = text[..s.start].chars().count();
    let ce = cs + text[s.start..s.end].chars().count();
    assert_eq!((s.cstart, s.cend), (cs, ce), "{what}: code point offsets disagree with bytes");
}
