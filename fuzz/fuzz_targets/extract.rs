//! The whole per-document pipeline: arbitrary bytes read as a file with no
//! extension (so the content picks the format), then every document
//! through `Pipeline::embedded().analyze`.
#![no_main]
use dossier::pipeline::Pipeline;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

mod common;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(Pipeline::embedded)
}

fuzz_target!(|data: &[u8]| {
    for doc in common::read(data, None, "page") {
        let a = pipeline().analyze(&doc);
        for m in &a.mentions {
            common::check_span(&doc.text, &m.span, "mention");
            assert_eq!(&doc.text[m.span.start..m.span.end], m.text, "mention text differs from its span");
        }
        for (i, l) in a.mention_entity.iter().enumerate() {
            if let Some(e) = l {
                assert!(*e < a.entities.len(), "mention {i} links to a missing entity");
            }
        }
        for e in &a.entities {
            for &m in &e.mentions {
                assert!(m < a.mentions.len());
            }
        }
    }
});
