//! Plain-text reader on arbitrary bytes: BOMs, UTF-16, invalid UTF-8
//! (Windows-1252 fallback), binary sniffing, header metadata; and format
//! sniffing of files with no extension.
#![no_main]
use dossier::corpus::{decode, text};
use dossier::model::{Format, Origin};
use libfuzzer_sys::fuzz_target;
use std::io::Read;

mod common;

fuzz_target!(|data: &[u8]| {
    for d in common::read(data, Some(Format::Text), "page.txt") {
        assert_eq!(d.format, Format::Text);
    }
    // No extension: the content decides the format.
    common::read(data, None, "page");
    if let Ok((d, _)) = text::read(data, Origin::default()) {
        assert!(!d.text.trim().is_empty());
    }
    let (s, _) = decode::decode(data, Some("iso-8859-2"));
    let _ = text::header_meta(&s);
    let _ = decode::decode_line(data);
    let _ = decode::binary_offset(data);
    // The streaming UTF-16 adapter agrees with whole-buffer decoding.
    let mut out = String::new();
    decode::Utf16ToUtf8::new(data, false).read_to_string(&mut out).unwrap();
    let (whole, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(data);
    assert_eq!(out, whole);
});
