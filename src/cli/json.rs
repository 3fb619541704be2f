//! The JSON Lines output contract of `dossier extract` (read by the
//! evaluation scripts). Serde lives here, at the boundary, not in the model.

use crate::model::{Analysis, Document, EntityKind};
use crate::rdf::{self, Iris};
use serde::Serialize;

/// The object of one document (written by [`write_document`]).
pub struct DocOut<'a> {
    pub id: &'a str,
    pub publications: Vec<PubOut>,
    pub mentions: Vec<MentionOut<'a>>,
    pub events: Vec<EventOut>,
    /// Left out when empty.
    pub diagnostics: Vec<DiagOut<'a>>,
}

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

#[derive(Serialize)]
pub struct PlaceOut {
    pub iri: String,
    pub iso: Option<String>,
}

#[derive(Serialize)]
pub struct SpanOut {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

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

/// Append the JSON object of one document, and a newline, to `out`.
pub fn write_document(doc: &Document, an: &Analysis, out: &mut Vec<u8>) -> serde_json::Result<()> {
    let iris = Iris::new(doc);
    let pub_iris: Vec<String> = an.publications.iter().map(|p| iris.publication(p).into_string()).collect();
    let ent_iris: Vec<String> = an.entities.iter().map(|e| rdf::entity_iri(e.kind, &e.key).into_string()).collect();
    let d = document(doc, an, &pub_iris, &ent_iris);
    // The fields in the order of `DocOut`; the mentions, most of the
    // output, written directly (serde's per-field machinery cost more than
    // the rest of the object), the rest through serde.
    out.extend_from_slice(b"{\"id\":");
    serde_json::to_writer(&mut *out, d.id)?;
    out.extend_from_slice(b",\"publications\":");
    serde_json::to_writer(&mut *out, &d.publications)?;
    out.extend_from_slice(b",\"mentions\":[");
    for (i, m) in d.mentions.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_mention(out, m)?;
    }
    out.extend_from_slice(b"],\"events\":");
    serde_json::to_writer(&mut *out, &d.events)?;
    if !d.diagnostics.is_empty() {
        out.extend_from_slice(b",\"diagnostics\":");
        serde_json::to_writer(&mut *out, &d.diagnostics)?;
    }
    out.extend_from_slice(b"}\n");
    Ok(())
}

/// One mention as serde_json would write `MentionOut` (same fields, order,
/// escaping and number formats; a unit test compares the two).
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

fn write_usize(out: &mut Vec<u8>, mut n: usize) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

/// A JSON string with serde_json's escapes: `\"`, `\\`, the short forms
/// of backspace, tab, newline, form feed and carriage return, `\u00xx` for
/// the other control characters; everything else as is.
fn write_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let b = s.as_bytes();
    // Most strings need no escape: skip eight bytes at a time while none of
    // them is a control character, a quote or a backslash.
    let mut clean = 0;
    while let Some(w) = b.get(clean..clean + 8) {
        const LO: u64 = 0x0101_0101_0101_0101;
        const HI: u64 = 0x8080_8080_8080_8080;
        let x = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        let zero = |v: u64| v.wrapping_sub(LO) & !v & HI;
        // bytes below 0x20 (ASCII only: bytes >= 0x80 never flag), `"`, `\`
        let flagged = (x.wrapping_sub(LO * 0x20) & !x & HI) | zero(x ^ (LO * 0x22)) | zero(x ^ (LO * 0x5C));
        if flagged != 0 {
            break;
        }
        clean += 8;
    }
    let mut start = 0;
    for (i, &c) in b.iter().enumerate().skip(clean) {
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

/// Build the output object of one document, given the IRIs of its
/// publications and entities (borrowed by every mention that names them).
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
    let diagnostics = an
        .diagnostics
        .iter()
        .map(|d| DiagOut {
            severity: match d.severity {
                crate::model::Severity::Info => "info",
                crate::model::Severity::Warning => "warning",
                crate::model::Severity::Error => "error",
            },
            code: d.code,
            message: &d.message,
            offset: d.offset,
        })
        .collect();
    DocOut { id: &doc.id, publications, mentions, events, diagnostics }
}

#[cfg(test)]
mod tests {
    use super::*;

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
