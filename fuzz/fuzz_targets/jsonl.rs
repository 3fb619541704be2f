//! JSON Lines reader on arbitrary bytes (BOMs, UTF-16, long lines, bad JSON).
#![no_main]
use dossier::model::Format;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    for d in common::read(data, Some(Format::JsonLines), "feed.jsonl") {
        assert_eq!(d.format, Format::JsonLines);
    }
});
