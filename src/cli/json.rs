//! The JSON Lines output contract of `dossier extract` (read by the
//! evaluation scripts). Serde lives here, at the boundary, not in the model.

use crate::model::{Analysis, Document, EntityKind};
use crate::rdf::{self, Iris};
use serde::Serialize;

#[derive(Serialize)]
pub struct DocOut<'a> {
    pub id: &'a str,
    pub publications: Vec<PubOut>,
    pub mentions: Vec<MentionOut<'a>>,
    pub events: Vec<EventOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
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
    serde_json::to_writer(&mut *out, &document(doc, an, &pub_iris, &ent_iris))?;
    out.push(b'\n');
    Ok(())
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
