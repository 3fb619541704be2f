//! Build script: freezes the gazetteer and the embedded actor dictionary, and
//! compiles the event stage's tables.
//!
//! Reads `data/lexicon/{gazetteer.tsv,actors.tsv,first_names.txt}` and writes
//! `gazetteer.bin` and `actors.bin` to `OUT_DIR`: read-only hash tables laid out in
//! one byte image each, which the library embeds with `include_bytes!` and reads in
//! place, so startup parses nothing. The table code is the library's own
//! (`src/recognize/gazetteer/{fold,frozen,tables}.rs`, std-only), mounted here with
//! `#[path]`, so build-time and run-time key folding are the same code.
//!
//! Reads `data/events/{triggers,patterns,synsets}.tsv` and writes
//! `events_tables.rs` (Rust statics, see `src/events/generate.rs`), which
//! `src/events/tables.rs` includes. The event word lists and the named-event
//! table are the library's own files, and the aliases are cut into words by
//! the library's own segmenter (`src/text`, mounted with a stand-in for the one
//! model type it uses), so build-time and run-time words are the same.

#![allow(dead_code)]

use std::path::Path;

#[path = "src/recognize/gazetteer/fold.rs"]
mod fold;
#[path = "src/recognize/gazetteer/frozen.rs"]
mod frozen;
#[path = "src/recognize/gazetteer/tables.rs"]
mod tables;

#[path = "src/events/generate.rs"]
mod events_generate;
#[path = "src/events/named_table.rs"]
mod named_table;
#[path = "src/text/mod.rs"]
mod text;
#[path = "src/events/words.rs"]
mod words;

/// The one model type `text` uses.
mod model {
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub struct Span {
        pub start: usize,
        pub end: usize,
        pub cstart: usize,
        pub cend: usize,
    }
}

fn main() {
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    run(Path::new(&root));
}

/// Build both images from the lexicons under `root/data/lexicon` into `OUT_DIR`.
pub fn run(root: &Path) {
    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    let out = Path::new(&out);
    for f in ["fold.rs", "frozen.rs", "tables.rs"] {
        println!("cargo:rerun-if-changed={}", root.join("src/recognize/gazetteer").join(f).display());
    }
    println!("cargo:rerun-if-changed={}", root.join("build.rs").display());
    let read = |name: &str| {
        let p = root.join("data/lexicon").join(name);
        println!("cargo:rerun-if-changed={}", p.display());
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("reading {}: {e}", p.display()))
    };
    let gaz = read("gazetteer.tsv");
    let actors = read("actors.tsv");
    let first_names = read("first_names.txt");
    let g = tables::build_gazetteer(&gaz, &actors, &first_names);
    write(&out.join("gazetteer.bin"), &g.image());
    let a = tables::build_actors(&actors);
    write(&out.join("actors.bin"), &a.image());

    for f in ["src/events/generate.rs", "src/events/named_table.rs", "src/events/words.rs", "src/text/mod.rs", "src/text/offsets.rs"] {
        println!("cargo:rerun-if-changed={}", root.join(f).display());
    }
    let read_events = |name: &str| {
        let p = root.join("data/events").join(name);
        println!("cargo:rerun-if-changed={}", p.display());
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("reading {}: {e}", p.display()))
    };
    let src = events_generate::generate(&read_events("triggers.tsv"), &read_events("patterns.tsv"), &read_events("synsets.tsv"));
    write(&out.join("events_tables.rs"), src.as_bytes());
}

fn write(path: &Path, bytes: &[u8]) {
    // leave an unchanged file alone, so dependents are not rebuilt for nothing
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return;
    }
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}
