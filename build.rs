//! Build script: freezes the gazetteer and the embedded actor dictionary.
//!
//! Reads `data/lexicon/{gazetteer.tsv,actors.tsv,first_names.txt}` and writes
//! `gazetteer.bin` and `actors.bin` to `OUT_DIR`: read-only hash tables laid out in
//! one byte image each, which the library embeds with `include_bytes!` and reads in
//! place, so startup parses nothing. The table code is the library's own
//! (`src/recognize/gazetteer/{fold,frozen,tables}.rs`, std-only), mounted here with
//! `#[path]`, so build-time and run-time key folding are the same code.

#![allow(dead_code)]

use std::path::Path;

#[path = "src/recognize/gazetteer/fold.rs"]
mod fold;
#[path = "src/recognize/gazetteer/frozen.rs"]
mod frozen;
#[path = "src/recognize/gazetteer/tables.rs"]
mod tables;

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
}

fn write(path: &Path, bytes: &[u8]) {
    // leave an unchanged file alone, so dependents are not rebuilt for nothing
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return;
    }
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}
