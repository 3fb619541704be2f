//! The layout stage (publications: main page and listed items, titles,
//! dates, bylines) on arbitrary text.
#![no_main]
use dossier::layout;
use dossier::model::{DocMeta, Document, Format, Origin};
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for format in [Format::Text, Format::Html] {
        let doc = Document { id: "fuzz".into(), format, origin: Origin::default(), text: text.to_string(), meta: DocMeta::default() };
        let pubs = layout::publications(&doc);
        for p in &pubs {
            common::check_span(text, &p.span, "publication");
            common::check_span(text, &p.body, "body");
            for s in p.title_span.iter().chain(p.date_span.iter()).chain(&p.headings).chain(&p.furniture) {
                common::check_span(text, s, "layout span");
            }
        }
    }
    let _ = layout::split_run_together(text);
});
