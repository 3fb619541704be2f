//! HTML reader on arbitrary bytes: charset sniffing, the tokenizer, visible
//! text and metadata extraction.
#![no_main]
use dossier::corpus::html;
use dossier::model::{Format, Origin};
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    // The reader as the corpus stage calls it (with sniffing and limits)...
    for d in common::read(data, Some(Format::Html), "page.html") {
        assert_eq!(d.format, Format::Html);
    }
    // ...and the HTML entry points directly, without the size limit.
    if let Ok((d, _)) = html::read(data, Origin::default()) {
        assert!(!d.text.trim().is_empty());
    }
    let _ = html::declared_charset(data);
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = html::decode_entities(s, true);
        let _ = html::decode_entities(s, false);
        for _ in html::Tokenizer::new(s) {}
    }
});
