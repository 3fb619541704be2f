//! The JSON Lines output contract of `dossier extract` (read by the
//! evaluation scripts). Serde lives here, at the boundary, not in the model.
//!
//! The contract is the serde structs below ([`DocOut`] and its parts, built
//! only for the tests): [`write_document`] writes the bytes serde_json
//! writes for them, straight from the analysis, and the tests compare the
//! two on analyzed news pages and on awkward strings.

use crate::model::{Analysis, Document, EntityKind};
use crate::rdf::{self, Iris};
use serde::Serialize;

#[cfg(test)]
/// The object of one document (written by [`write_document`]).
pub struct DocOut<'a> {
    pub id: &'a str,
    pub publications: Vec<PubOut>,
    pub mentions: Vec<MentionOut<'a>>,
    pub events: Vec<EventOut>,
    /// Left out when empty.
    pub diagnostics: Vec<DiagOut<'a>>,
}

#[cfg(test)]
#[derive(Serialize)]
pub struct PubOut {
    pub iri: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub types: Vec<String>,
    pub topics: Vec<String>,
    pub url: Option<String>,
    pub role: &'static str,
    pub start: usize,
    pub end: usize,
}

#[cfg(test)]
#[derive(Serialize)]
pub struct MentionOut<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub iri: Option<&'a str>,
    pub publication: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iso: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<&'a str>,
    /// For a duration counted from the reference time ("two days later"):
    /// the date it reaches.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor: Option<&'a str>,
    pub confidence: f32,
    /// Which recognizer found it: gazetteer, tagger, rule, timex, layout.
    pub source: &'static str,
}

#[cfg(test)]
#[derive(Serialize)]
pub struct PlaceOut {
    pub iri: String,
    pub iso: Option<String>,
}

#[cfg(test)]
#[derive(Serialize)]
pub struct SpanOut {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[cfg(test)]
#[derive(Serialize)]
pub struct EventOut {
    pub iri: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub mode: Option<&'static str>,
    pub cameo: Option<&'static str>,
    pub label: String,
    pub date: Option<String>,
    pub places: Vec<PlaceOut>,
    pub sources: Vec<String>,
    pub targets: Vec<String>,
    pub actors: Vec<String>,
    pub mentions: Vec<SpanOut>,
    pub publications: Vec<String>,
    pub confidence: f32,
    pub evidence: Vec<String>,
}

#[derive(Serialize)]
pub struct DiagOut<'a> {
    pub severity: &'static str,
    pub code: &'static str,
    pub message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<usize>,
}

/// Append the JSON object of one document, and a newline, to `out`: what
/// serde_json writes for the [`DocOut`] of the document (a unit test compares
/// the two), written directly from the analysis. serde's per-field machinery,
/// and building `DocOut` with a copy of every IRI an event names, cost more
/// than the rest of the output; and every publication and entity IRI is
/// escaped once, then copied wherever it stands.
pub fn write_document(doc: &Document, an: &Analysis, out: &mut Vec<u8>) -> serde_json::Result<()> {
    let iris = Iris::new(doc);
    // The JSON strings of the publication and entity IRIs, one after the
    // other in `quoted`, each at its range.
    let mut quoted: Vec<u8> = Vec::new();
    let mut quote = |iri: &str| {
        let a = quoted.len();
        write_str(&mut quoted, iri);
        a..quoted.len()
    };
    let pub_iris: Vec<std::ops::Range<usize>> = an.publications.iter().map(|p| quote(iris.publication(p).as_str())).collect();
    let ent_iris: Vec<std::ops::Range<usize>> = an.entities.iter().map(|e| quote(rdf::entity_iri(e.kind, &e.key).as_str())).collect();
    let q = |r: &std::ops::Range<usize>| &quoted[r.clone()];
    // room for the whole object, roughly, so it grows once or twice at most
    out.reserve(512 + 300 * an.mentions.len() + 1200 * an.events.len());
    out.extend_from_slice(b"{\"id\":");
    write_str(out, &doc.id);
    out.extend_from_slice(b",\"publications\":[");
    for (i, (p, iri)) in an.publications.iter().zip(&pub_iris).enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"iri\":");
        out.extend_from_slice(q(iri));
        out.extend_from_slice(b",\"title\":");
        write_opt_str(out, p.title.as_deref());
        out.extend_from_slice(b",\"published\":");
        match p.published {
            Some(d) => write_str(out, &d.to_string()),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"authors\":");
        write_strs(out, &p.authors);
        out.extend_from_slice(b",\"publisher\":");
        write_opt_str(out, p.publisher.as_deref());
        out.extend_from_slice(b",\"types\":");
        write_strs(out, &p.types);
        out.extend_from_slice(b",\"topics\":");
        write_strs(out, &p.topics);
        out.extend_from_slice(b",\"url\":");
        write_opt_str(out, p.url.as_deref());
        out.extend_from_slice(b",\"role\":");
        write_str(out, p.role.as_str());
        out.extend_from_slice(b",\"start\":");
        write_usize(out, p.span.cstart);
        out.extend_from_slice(b",\"end\":");
        write_usize(out, p.span.cend);
        out.push(b'}');
    }
    out.extend_from_slice(b"],\"mentions\":[");
    for (i, m) in an.mentions.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"start\":");
        write_usize(out, m.span.cstart);
        out.extend_from_slice(b",\"end\":");
        write_usize(out, m.span.cend);
        out.extend_from_slice(b",\"text\":");
        write_str(out, &m.text);
        out.extend_from_slice(b",\"type\":");
        write_name(out, m.kind.as_str());
        out.extend_from_slice(b",\"iri\":");
        match an.mention_entity.get(i).copied().flatten() {
            Some(e) => out.extend_from_slice(q(&ent_iris[e])),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"publication\":");
        match pub_iris.get(m.publication) {
            Some(r) => out.extend_from_slice(q(r)),
            None => write_str(out, ""),
        }
        for (key, v) in [(&b",\"iso\":"[..], m.iso.as_deref()), (b",\"value\":", m.value.as_deref()), (b",\"anchor\":", m.anchor())] {
            if let Some(v) = v {
                out.extend_from_slice(key);
                write_str(out, v);
            }
        }
        out.extend_from_slice(b",\"confidence\":");
        serde_json::to_writer(&mut *out, &((m.confidence * 1000.0).round() / 1000.0))?;
        out.extend_from_slice(b",\"source\":");
        write_name(out, m.source.as_str());
        out.push(b'}');
    }
    out.extend_from_slice(b"],\"events\":[");
    for (i, e) in an.events.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"iri\":");
        write_str(out, rdf::event_iri(&e.key).as_str());
        out.extend_from_slice(b",\"type\":");
        write_str(out, e.plover);
        out.extend_from_slice(b",\"mode\":");
        write_opt_str(out, e.mode);
        out.extend_from_slice(b",\"cameo\":");
        write_opt_str(out, e.cameo);
        out.extend_from_slice(b",\"label\":");
        write_str(out, &e.label);
        out.extend_from_slice(b",\"date\":");
        match e.date {
            Some(d) => write_str(out, &d.to_string()),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"places\":[");
        for (k, &p) in e.places.iter().enumerate() {
            if k > 0 {
                out.push(b',');
            }
            let ent = &an.entities[p];
            out.extend_from_slice(b"{\"iri\":");
            out.extend_from_slice(q(&ent_iris[p]));
            out.extend_from_slice(b",\"iso\":");
            write_opt_str(out, if ent.kind == EntityKind::Country { ent.iso.as_deref() } else { ent.country.as_deref() });
            out.push(b'}');
        }
        for (key, list) in [(&b"],\"sources\":["[..], &e.sources), (b"],\"targets\":[", &e.targets), (b"],\"actors\":[", &e.actors)] {
            out.extend_from_slice(key);
            for (k, &a) in list.iter().enumerate() {
                if k > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(q(&ent_iris[a]));
            }
        }
        out.extend_from_slice(b"],\"mentions\":[");
        for (k, t) in e.triggers.iter().enumerate() {
            if k > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"{\"start\":");
            write_usize(out, t.cstart);
            out.extend_from_slice(b",\"end\":");
            write_usize(out, t.cend);
            out.extend_from_slice(b",\"text\":");
            write_str(out, doc.text.get(t.start..t.end).unwrap_or(""));
            out.push(b'}');
        }
        out.extend_from_slice(b"],\"publications\":[");
        let mut first = true;
        for r in e.publications.iter().filter_map(|&p| pub_iris.get(p)) {
            if !first {
                out.push(b',');
            }
            first = false;
            out.extend_from_slice(q(r));
        }
        out.extend_from_slice(b"],\"confidence\":");
        serde_json::to_writer(&mut *out, &((e.confidence * 1000.0).round() / 1000.0))?;
        out.extend_from_slice(b",\"evidence\":");
        write_strs(out, &e.evidence);
        out.push(b'}');
    }
    out.push(b']');
    if !an.diagnostics.is_empty() {
        let diagnostics: Vec<DiagOut> = an.diagnostics.iter().map(diag_out).collect();
        out.extend_from_slice(b",\"diagnostics\":");
        serde_json::to_writer(&mut *out, &diagnostics)?;
    }
    out.extend_from_slice(b"}\n");
    Ok(())
}

fn diag_out(d: &crate::model::Diagnostic) -> DiagOut<'_> {
    DiagOut {
        severity: match d.severity {
            crate::model::Severity::Info => "info",
            crate::model::Severity::Warning => "warning",
            crate::model::Severity::Error => "error",
        },
        code: d.code,
        message: &d.message,
        offset: d.offset,
    }
}

/// The JSON string of one of the model's names for its enum values
/// ("Person", "gazetteer"): letters only, nothing to escape (a test checks
/// every one), so no scan.
#[inline]
fn write_name(out: &mut Vec<u8>, name: &'static str) {
    debug_assert!(!needs_escape(name.as_bytes()));
    out.reserve(name.len() + 2);
    out.push(b'"');
    out.extend_from_slice(name.as_bytes());
    out.push(b'"');
}

/// A JSON string, or `null`.
fn write_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => write_str(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// A JSON array of strings.
fn write_strs(out: &mut Vec<u8>, list: &[String]) {
    out.push(b'[');
    for (i, s) in list.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_str(out, s);
    }
    out.push(b']');
}

/// One mention as serde_json would write `MentionOut` (same fields, order,
/// escaping and number formats; a unit test compares the two).
#[cfg(test)]
fn write_mention(out: &mut Vec<u8>, m: &MentionOut) -> serde_json::Result<()> {
    out.extend_from_slice(b"{\"start\":");
    write_usize(out, m.start);
    out.extend_from_slice(b",\"end\":");
    write_usize(out, m.end);
    out.extend_from_slice(b",\"text\":");
    write_str(out, m.text);
    out.extend_from_slice(b",\"type\":");
    write_str(out, m.kind);
    out.extend_from_slice(b",\"iri\":");
    match m.iri {
        Some(iri) => write_str(out, iri),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"publication\":");
    write_str(out, m.publication);
    for (key, v) in [(&b",\"iso\":"[..], m.iso), (b",\"value\":", m.value), (b",\"anchor\":", m.anchor)] {
        if let Some(v) = v {
            out.extend_from_slice(key);
            write_str(out, v);
        }
    }
    out.extend_from_slice(b",\"confidence\":");
    serde_json::to_writer(&mut *out, &m.confidence)?;
    out.extend_from_slice(b",\"source\":");
    write_str(out, m.source);
    out.push(b'}');
    Ok(())
}

fn write_usize(out: &mut Vec<u8>, n: usize) {
    crate::text::decimal::Decimal::new(n as u64).push_to(out);
}

/// A JSON string with serde_json's escapes: `\"`, `\\`, the short forms
/// of backspace, tab, newline, form feed and carriage return, `\u00xx` for
/// the other control characters; everything else as is.
fn write_str(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    out.reserve(b.len() + 2);
    out.push(b'"');
    // Most strings need no escape: then they go out in one copy.
    if !needs_escape(b) {
        out.extend_from_slice(b);
        out.push(b'"');
        return;
    }
    let mut start = 0;
    for (i, &c) in b.iter().enumerate() {
        if c >= 0x20 && c != b'"' && c != b'\\' {
            continue;
        }
        out.extend_from_slice(&b[start..i]);
        match c {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x09 => out.extend_from_slice(b"\\t"),
            0x0A => out.extend_from_slice(b"\\n"),
            0x0C => out.extend_from_slice(b"\\f"),
            0x0D => out.extend_from_slice(b"\\r"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[(c >> 4) as usize]);
                out.push(HEX[(c & 15) as usize]);
            }
        }
        start = i + 1;
    }
    out.extend_from_slice(&b[start..]);
    out.push(b'"');
}

/// Whether `b` holds a control character, a quote or a backslash: eight
/// bytes at a time, the last eight (overlapping) for the tail.
#[inline]
fn needs_escape(b: &[u8]) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // bytes below 0x20 (ASCII only: bytes >= 0x80 never flag), `"`, `\`
    let flagged = |w: &[u8]| {
        let x = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        let zero = |v: u64| v.wrapping_sub(LO) & !v & HI;
        (x.wrapping_sub(LO * 0x20) & !x & HI) | zero(x ^ (LO * 0x22)) | zero(x ^ (LO * 0x5C)) != 0
    };
    if b.len() < 8 {
        return b.iter().any(|&c| c < 0x20 || c == b'"' || c == b'\\');
    }
    b.chunks_exact(8).any(flagged) || flagged(&b[b.len() - 8..])
}

/// Build the output object of one document, given the IRIs of its
/// publications and entities (borrowed by every mention that names them):
/// what [`write_document`] writes, through serde (the tests' reference).
#[cfg(test)]
fn document<'a>(doc: &'a Document, an: &'a Analysis, pub_iris: &'a [String], ent_iris: &'a [String]) -> DocOut<'a> {
    let publications = an
        .publications
        .iter()
        .zip(pub_iris)
        .map(|(p, iri)| PubOut {
            iri: iri.clone(),
            title: p.title.clone(),
            published: p.published.map(|d| d.to_string()),
            authors: p.authors.clone(),
            publisher: p.publisher.clone(),
            types: p.types.clone(),
            topics: p.topics.clone(),
            url: p.url.clone(),
            role: p.role.as_str(),
            start: p.span.cstart,
            end: p.span.cend,
        })
        .collect();
    let mentions = an
        .mentions
        .iter()
        .enumerate()
        .map(|(i, m)| MentionOut {
            start: m.span.cstart,
            end: m.span.cend,
            text: &m.text,
            kind: m.kind.as_str(),
            iri: an.mention_entity.get(i).copied().flatten().map(|e| ent_iris[e].as_str()),
            publication: pub_iris.get(m.publication).map_or("", String::as_str),
            iso: m.iso.as_deref(),
            value: m.value.as_deref(),
            anchor: m.anchor(),
            confidence: (m.confidence * 1000.0).round() / 1000.0,
            source: m.source.as_str(),
        })
        .collect();
    let events = an
        .events
        .iter()
        .map(|e| EventOut {
            iri: rdf::event_iri(&e.key).into_string(),
            kind: e.plover,
            mode: e.mode,
            cameo: e.cameo,
            label: e.label.clone(),
            date: e.date.map(|d| d.to_string()),
            places: e
                .places
                .iter()
                .map(|&p| {
                    let ent = &an.entities[p];
                    PlaceOut {
                        iri: ent_iris[p].clone(),
                        iso: if ent.kind == EntityKind::Country { ent.iso.clone() } else { ent.country.clone() },
                    }
                })
                .collect(),
            sources: e.sources.iter().map(|&a| ent_iris[a].clone()).collect(),
            targets: e.targets.iter().map(|&a| ent_iris[a].clone()).collect(),
            actors: e.actors.iter().map(|&a| ent_iris[a].clone()).collect(),
            mentions: e
                .triggers
                .iter()
                .map(|t| SpanOut { start: t.cstart, end: t.cend, text: doc.text.get(t.start..t.end).unwrap_or("").to_string() })
                .collect(),
            publications: e.publications.iter().filter_map(|&p| pub_iris.get(p).cloned()).collect(),
            confidence: (e.confidence * 1000.0).round() / 1000.0,
            evidence: e.evidence.clone(),
        })
        .collect();
    let diagnostics = an.diagnostics.iter().map(diag_out).collect();
    DocOut { id: &doc.id, publications, mentions, events, diagnostics }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, text: &str, meta: crate::model::DocMeta) -> Document {
        Document { id: id.into(), format: crate::model::Format::Text, origin: crate::model::Origin::default(), text: text.into(), meta }
    }

    /// What serde_json writes for the document's `DocOut`.
    fn by_serde(doc: &Document, an: &Analysis) -> String {
        let iris = Iris::new(doc);
        let pub_iris: Vec<String> = an.publications.iter().map(|p| iris.publication(p).into_string()).collect();
        let ent_iris: Vec<String> = an.entities.iter().map(|e| rdf::entity_iri(e.kind, &e.key).into_string()).collect();
        let d = document(doc, an, &pub_iris, &ent_iris);
        #[derive(Serialize)]
        struct Whole<'a> {
            id: &'a str,
            publications: &'a [PubOut],
            mentions: &'a [MentionOut<'a>],
            events: &'a [EventOut],
            #[serde(skip_serializing_if = "<[_]>::is_empty")]
            diagnostics: &'a [DiagOut<'a>],
        }
        let w = Whole { id: d.id, publications: &d.publications, mentions: &d.mentions, events: &d.events, diagnostics: &d.diagnostics };
        serde_json::to_string(&w).unwrap() + "\n"
    }

    fn by_writer(doc: &Document, an: &Analysis) -> String {
        let mut out = Vec::new();
        write_document(doc, an, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The direct writer gives serde_json's bytes for whole analyzed pages:
    /// publications with authors, types and topics, mentions of every kind,
    /// events with places, actors and triggers, diagnostics.
    #[test]
    fn document_writer_matches_serde() {
        let pipeline = crate::pipeline::Pipeline::embedded();
        let listing = "Ministers met again in Vienna on Tuesday, officials said. Iran and the European Union \"agreed\" to talk.\n\n\
Amira Haddad is a senior fellow at the Middle East Policy Forum.\n\nRelated Publications\n\nWhy the Vienna Talks Stalled\n\n\
Why the Vienna Talks Stalled\n\nMonday, March 4, 2024\n\nBy: Tomas Berg;  Leila Nouri, Ph.D.\n\n\
Negotiators in Vienna said Iran had attacked the proposal.\n\nType: AnalysisQuestion and Answer\n\nIranNuclear Security\n";
        let pages = [
            doc("news/1", "VIENNA (Reuters) -- Iran and world powers met in Vienna on Tuesday, April 6, 2021, to revive the nuclear deal. \
Abbas Araghchi led the Iranian delegation; Enrique Mora of the European Union chaired the talks. Two days later, \
Russian troops attacked a village near Kharkiv, Ukraine, and police arrested 12 protesters in Moscow.", Default::default()),
            doc("listing \"q\"\\x", listing, crate::model::DocMeta {
                title: Some("Vienna Talks \u{2014} \"Stalled\"".into()),
                url: Some("https://example.org/2024/03/05/vienna".into()),
                ..Default::default()
            }),
            doc("empty", "", Default::default()),
        ];
        for d in &pages {
            let mut an = pipeline.analyze(d);
            assert_eq!(by_writer(d, &an), by_serde(d, &an), "{}", d.id);
            an.diagnostics.push(crate::model::Diagnostic::new(crate::model::Severity::Warning, "odd-text", "a \"quoted\"\tmessage"));
            an.diagnostics.push(crate::model::Diagnostic { offset: Some(17), ..crate::model::Diagnostic::new(crate::model::Severity::Info, "note", "x") });
            assert_eq!(by_writer(d, &an), by_serde(d, &an), "{}", d.id);
        }
        let an = pipeline.analyze(&pages[0]);
        assert!(!an.events.is_empty() && an.events.iter().any(|e| !e.places.is_empty()));
        let an = pipeline.analyze(&pages[1]);
        assert!(an.publications.len() > 1 && an.publications.iter().any(|p| !p.authors.is_empty() && !p.types.is_empty()));
    }

    /// The enum names written without escaping need none.
    #[test]
    fn enum_names_need_no_escape() {
        use crate::model::{MentionType as M, Source as S};
        for k in [M::Person, M::Organization, M::Country, M::Nationality, M::Place, M::Date, M::Time, M::Duration, M::Set] {
            assert!(k.as_str().bytes().all(|b| b.is_ascii_alphabetic()), "{k:?}");
        }
        for s in [S::Gazetteer, S::Tagger, S::Rule, S::Timex, S::Actors, S::Layout] {
            assert!(s.as_str().bytes().all(|b| b.is_ascii_alphabetic()), "{s:?}");
        }
    }

    /// The hand-written mention writer gives what serde_json gives for the
    /// same struct: control characters, quotes, backslashes, non-ASCII,
    /// absent fields and awkward floats.
    #[test]
    fn mention_writer_matches_serde() {
        let texts = ["Ayatollah Ali Khamenei", "a long clean string of forty bytes here", "twelve bytes\"then a quote", "eight by\\tes", "\u{80}\u{a0}\u{ff} Ää ÿ\u{9f}\u{1}x", "the \"Quds\" Force", "C:\\path", "tab\there\nnew line\r", "\u{1}\u{8}\u{c}\u{1f}\u{7f}", "Münster – São Paulo 東京", ""];
        for (k, text) in texts.iter().enumerate() {
            for confidence in [0.0f32, 0.95, 0.333, 1.0, 0.1 + 0.2, f32::NAN] {
                let m = MentionOut {
                    start: k * 1000,
                    end: k * 1000 + text.chars().count(),
                    text,
                    kind: "Person",
                    iri: if k % 2 == 0 { Some("https://w3id.org/dossier/id/person/ali-khamenei") } else { None },
                    publication: "https://w3id.org/dossier/id/publication/doc-1",
                    iso: if k % 3 == 0 { Some("IR") } else { None },
                    value: if k % 3 == 1 { Some(text) } else { None },
                    anchor: if k % 2 == 1 { Some("2020-02-29") } else { None },
                    confidence,
                    source: "tagger",
                };
                let mut mine = Vec::new();
                write_mention(&mut mine, &m).unwrap();
                let theirs = serde_json::to_vec(&m).unwrap();
                assert_eq!(String::from_utf8(mine).unwrap(), String::from_utf8(theirs).unwrap());
            }
        }
        // Every ASCII character at every place of an eight-byte word.
        for c in 0u8..128 {
            for pos in 0..18 {
                let mut t = "a".repeat(pos);
                t.push(c as char);
                t.push_str("bcdefghijklmnop");
                let (mut mine, mut theirs) = (Vec::new(), Vec::new());
                write_str(&mut mine, &t);
                serde_json::to_writer(&mut theirs, &t).unwrap();
                assert_eq!(mine, theirs, "{c} at {pos}");
            }
        }
    }
}
