//! RDF: the only module that knows IRIs and vocabularies.
//!
//! It turns one document's [`Analysis`] into quads in two named graphs:
//!
//! - the **document graph** (`id:graph/<doc id>`) holds what only this
//!   document says: the document itself, its main publication, every
//!   mention with its offsets, the event mentions with the arguments this
//!   document reports, and which entities and events its publications
//!   mention. Re-ingesting a changed document replaces this graph.
//! - the **shared graph** (`id:graph/shared`, [`shared_graph_iri`]) holds
//!   the statements about resources named by stable keys: entities, events
//!   and listed publications. Every document that mentions them writes the
//!   same statements there, and a store keeps one copy, so the union of all
//!   graphs states each shared fact once: joins over the default graph do
//!   not multiply with the number of documents, and the store does not grow
//!   with repeated facts. Contributions are additive (re-ingesting a
//!   document does not retract what an earlier version added here); the
//!   document graphs keep the evidence of every fact (mentions with offsets,
//!   `taIdentRef` links, reported arguments).
//!
//! The mapping reuses standard vocabularies:
//!
//! - publications and agents: schema.org (`schema:Article`, `schema:Person`,
//!   `schema:Organization`, `schema:Country`, `schema:Place`, `schema:mentions`);
//! - events: SEM (`sem:Event`, `sem:hasActor`, `sem:hasPlace`,
//!   `sem:hasTimeStamp`, `sem:hasBeginTimeStamp`/`sem:hasEndTimeStamp`),
//!   typed with Dossier's PLOVER classes and carrying the CAMEO code;
//! - mentions: NIF (`nif:beginIndex`/`nif:endIndex` in code points,
//!   `nif:anchorOf`, `itsrdf:taIdentRef`), plus byte offsets and the
//!   publication they belong to;
//! - provenance: PROV-O (`prov:wasDerivedFrom`, `prov:wasGeneratedBy`);
//! - countries: ISO 3166-1 codes and `owl:sameAs` Wikidata IRIs.
//!
//! IRIs are derived only from stable keys (document ids, entity and event
//! keys), so the same input gives the same IRIs in every run.

pub mod vocab;

use crate::model::{Analysis, Document, EntityKind, Mention, PartialDate, PubRole, Publication};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use vocab::*;

/// Build a named node from a namespace and a local name that is known to
/// be a valid IRI part.
fn nn(ns: &str, local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ns}{local}"))
}

/// Percent-encode anything outside a conservative IRI path alphabet.
pub fn escape_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_segment_into(&mut out, s);
    out
}

fn escape_segment_into(out: &mut String, s: &str) {
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => push_percent(out, b),
        }
    }
}

fn push_percent(out: &mut String, b: u8) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push('%');
    out.push(HEX[(b >> 4) as usize] as char);
    out.push(HEX[(b & 15) as usize] as char);
}

/// A lowercase ASCII slug for names: "Ali Khamenei" → "ali-khamenei".
/// Always ASCII: letters outside ASCII are folded or percent-encoded.
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    slug_into(&mut out, s);
    out
}

/// Append the slug of `s` to `out` (see [`slug`]).
fn slug_into(out: &mut String, s: &str) {
    let start = out.len();
    let mut dash = false;
    for c in s.chars() {
        let c = fold_diacritic(c);
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            dash = false;
        } else if c.is_alphanumeric() {
            // Keep non-Latin letters, percent-encoded.
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                push_percent(out, b);
            }
            dash = false;
        } else if !dash && out.len() > start {
            out.push('-');
            dash = true;
        }
    }
    while out.len() > start && out.ends_with('-') {
        out.pop();
    }
    if out.len() == start {
        out.push('_');
    }
}

fn fold_diacritic(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'ç' | 'č' | 'ć' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ñ' | 'ń' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
        'ý' | 'ÿ' => 'y',
        'š' | 'ś' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' => 'A',
        'É' | 'È' | 'Ê' | 'Ë' => 'E',
        'Í' | 'Ì' | 'Î' | 'Ï' => 'I',
        'Ó' | 'Ò' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => 'O',
        'Ú' | 'Ù' | 'Û' | 'Ü' => 'U',
        'Ç' | 'Č' => 'C',
        'Š' => 'S',
        'Ž' => 'Z',
        '\'' | '’' => '\u{0}',
        c => c,
    }
}

/// A short stable hash (FNV-1a, 64 bits) in hex, for IRIs built from text.
pub fn short_hash(s: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{:012x}", h >> 16)
}

/// The IRIs of one document's resources.
pub struct Iris<'a> {
    doc: &'a Document,
}

impl<'a> Iris<'a> {
    pub fn new(doc: &'a Document) -> Self {
        Iris { doc }
    }
    pub fn document(&self) -> NamedNode {
        document_iri(&self.doc.id)
    }
    pub fn graph(&self) -> NamedNode {
        graph_iri(&self.doc.id)
    }
    /// Main publications are named after their document; listed ones after
    /// their title and date, so the same listed item on many pages is one
    /// publication.
    pub fn publication(&self, p: &Publication) -> NamedNode {
        match p.role {
            PubRole::Main => nn(ID, &format!("publication/{}", escape_segment(&self.doc.id))),
            PubRole::Listed => listed_publication_iri(p),
        }
    }
    pub fn mention(&self, m: &Mention) -> NamedNode {
        nn(ID, &format!("mention/{}/{}-{}", escape_segment(&self.doc.id), m.span.cstart, m.span.cend))
    }
    pub fn event_mention(&self, event: usize, trigger: usize, span: &crate::model::Span) -> NamedNode {
        let _ = (event, trigger);
        nn(ID, &format!("mention/{}/{}-{}", escape_segment(&self.doc.id), span.cstart, span.cend))
    }
}

pub fn document_iri(id: &str) -> NamedNode {
    nn(ID, &format!("document/{}", escape_segment(id)))
}

pub fn graph_iri(id: &str) -> NamedNode {
    nn(ID, &format!("graph/{}", escape_segment(id)))
}

/// The local name of the shared graph. A document id cannot produce it:
/// document graphs are `graph/<id>` with `/` in ids percent-encoded, and
/// the shared graph's name has a second path segment.
const SHARED_GRAPH: &str = "graph/shared/kb";

/// The graph of statements about key-named resources (entities, events,
/// listed publications), written once whatever the number of documents.
pub fn shared_graph_iri() -> NamedNode {
    nn(ID, SHARED_GRAPH)
}

/// Whether a graph IRI is the shared graph (which is appended to, never
/// replaced, when graphs are sent elsewhere).
pub fn is_shared_graph(iri: &str) -> bool {
    iri.strip_prefix(ID) == Some(SHARED_GRAPH)
}

fn listed_publication_iri(p: &Publication) -> NamedNode {
    let title = p.title.as_deref().unwrap_or("");
    let date = p.published.map(|d| d.to_string()).unwrap_or_default();
    let s = slug(title);
    let s: String = s.chars().take(60).collect();
    nn(ID, &format!("publication/{}-{}", s.trim_end_matches('-'), &short_hash(&format!("{}|{date}", title.to_lowercase()))[..8]))
}

/// IRI of an entity from its kind and resolver key.
pub fn entity_iri(kind: EntityKind, key: &str) -> NamedNode {
    let kind_name = kind.as_str();
    let mut iri = String::with_capacity(ID.len() + kind_name.len() + 1 + key.len() + 8);
    iri.push_str(ID);
    iri.push_str(kind_name);
    iri.push('/');
    match kind {
        EntityKind::Country => escape_segment_into(&mut iri, &key.to_ascii_uppercase()),
        _ => slug_into(&mut iri, key),
    }
    NamedNode::new_unchecked(iri)
}

/// IRI of an event from its cross-document key (its slug cut to 80
/// characters).
pub fn event_iri(key: &str) -> NamedNode {
    const PREFIX: &str = "event/";
    let mut iri = String::with_capacity(ID.len() + PREFIX.len() + key.len().min(80) + 8);
    iri.push_str(ID);
    iri.push_str(PREFIX);
    let start = iri.len();
    slug_into(&mut iri, key);
    iri.truncate(start + 80); // the slug is ASCII
    NamedNode::new_unchecked(iri)
}

/// IRI of a PLOVER event class in Dossier's ontology ("ASSAULT" → dossier:Assault).
pub fn plover_class(plover: &str) -> NamedNode {
    let mut name = String::new();
    for (i, c) in plover.chars().enumerate() {
        name.push(if i == 0 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() });
    }
    nn(DOSSIER, &name)
}

pub fn wikidata_iri(qid: &str) -> NamedNode {
    nn(WD, qid)
}

/// A literal for a possibly partial date: `xsd:date`, `xsd:gYearMonth` or
/// `xsd:gYear`; `None` when the year is unknown.
pub fn date_literal(d: &PartialDate) -> Option<Literal> {
    let y = d.year?;
    Some(match (d.month, d.day) {
        (Some(m), Some(day)) => Literal::new_typed_literal(format!("{y:04}-{m:02}-{day:02}"), nn(XSD, "date")),
        (Some(m), None) => Literal::new_typed_literal(format!("{y:04}-{m:02}"), nn(XSD, "gYearMonth")),
        _ => Literal::new_typed_literal(format!("{y:04}"), nn(XSD, "gYear")),
    })
}

fn int(v: usize) -> Literal {
    Literal::new_typed_literal(v.to_string(), nn(XSD, "nonNegativeInteger"))
}

fn dec(v: f32) -> Literal {
    Literal::new_typed_literal(format!("{:.3}", v.clamp(0.0, 1.0)), nn(XSD, "decimal"))
}

fn str_lit(s: &str) -> Literal {
    Literal::new_simple_literal(s)
}

/// Collects quads into the document graph and the shared graph.
struct Sink {
    doc: GraphName,
    shared: GraphName,
    quads: Vec<Quad>,
    shared_quads: Vec<Quad>,
}

/// Which of the two graphs a statement goes to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum To {
    Doc,
    Shared,
}

impl Sink {
    /// A statement of the document graph.
    fn add(&mut self, s: impl Into<NamedOrBlankNode>, p: NamedNode, o: impl Into<Term>) {
        self.quads.push(Quad::new(s, p, o, self.doc.clone()));
    }
    /// A statement of the shared graph.
    fn sh(&mut self, s: impl Into<NamedOrBlankNode>, p: NamedNode, o: impl Into<Term>) {
        self.shared_quads.push(Quad::new(s, p, o, self.shared.clone()));
    }
    fn to(&mut self, to: To, s: impl Into<NamedOrBlankNode>, p: NamedNode, o: impl Into<Term>) {
        match to {
            To::Doc => self.add(s, p, o),
            To::Shared => self.sh(s, p, o),
        }
    }
    fn a(&mut self, s: &NamedNode, class: NamedNode) {
        self.add(s.clone(), nn(RDF, "type"), class);
    }
    fn sh_a(&mut self, s: &NamedNode, class: NamedNode) {
        self.sh(s.clone(), nn(RDF, "type"), class);
    }
}

/// The quads of one analyzed document: its own statements in its named
/// graph, statements about key-named resources in the shared graph.
pub fn document_quads(doc: &Document, an: &Analysis) -> Vec<Quad> {
    let iris = Iris::new(doc);
    let mut g = Sink {
        doc: GraphName::NamedNode(iris.graph()),
        shared: GraphName::NamedNode(shared_graph_iri()),
        quads: Vec::with_capacity(64 + an.mentions.len() * 12),
        shared_quads: Vec::with_capacity(16 + an.entities.len() * 6 + an.events.len() * 12),
    };
    let d = iris.document();

    // The document as read.
    g.a(&d, nn(DOSSIER, "Document"));
    g.a(&d, nn(PROV, "Entity"));
    g.add(d.clone(), nn(DOSSIER, "documentId"), str_lit(&doc.id));
    g.add(d.clone(), nn(DOSSIER, "format"), str_lit(&doc.format.to_string()));
    g.add(d.clone(), nn(DOSSIER, "charLength"), int(doc.text.chars().count()));
    if let Some(u) = &doc.meta.url {
        g.add(d.clone(), nn(SCHEMA, "url"), str_lit(u));
    }
    if let Some(p) = &doc.origin.path {
        g.add(d.clone(), nn(DOSSIER, "sourcePath"), str_lit(&p.display().to_string()));
    }

    // Publications. The main one is the document's own; a listed one is
    // named by its title and date, so its description is shared, while
    // where this page lists it stays in the document graph.
    let pub_iris: Vec<NamedNode> = an.publications.iter().map(|p| iris.publication(p)).collect();
    let pub_to: Vec<To> = an.publications.iter().map(|p| if p.role == PubRole::Main { To::Doc } else { To::Shared }).collect();
    for ((p, pi), &to) in an.publications.iter().zip(&pub_iris).zip(&pub_to) {
        g.to(to, pi.clone(), nn(RDF, "type"), nn(SCHEMA, "Article"));
        g.to(to, pi.clone(), nn(DOSSIER, "role"), str_lit(p.role.as_str()));
        g.add(pi.clone(), nn(DOSSIER, "document"), str_lit(&doc.id));
        g.add(pi.clone(), nn(PROV, "wasDerivedFrom"), d.clone());
        g.add(pi.clone(), nn(DOSSIER, "beginIndex"), int(p.span.cstart));
        g.add(pi.clone(), nn(DOSSIER, "endIndex"), int(p.span.cend));
        if let Some(t) = &p.title {
            g.to(to, pi.clone(), nn(SCHEMA, "headline"), str_lit(t));
            g.to(to, pi.clone(), nn(RDFS, "label"), str_lit(t));
        }
        if let Some(date) = &p.published {
            if let Some(l) = date_literal(date) {
                g.to(to, pi.clone(), nn(SCHEMA, "datePublished"), l);
            }
            g.to(to, pi.clone(), nn(DOSSIER, "timexValue"), str_lit(&date.to_string()));
        }
        for a in &p.authors {
            let ai = entity_iri(EntityKind::Person, a);
            g.to(to, pi.clone(), nn(SCHEMA, "author"), ai.clone());
            g.sh_a(&ai, nn(SCHEMA, "Person"));
            g.sh(ai.clone(), nn(SCHEMA, "name"), str_lit(a));
            g.sh(ai, nn(RDFS, "label"), str_lit(a));
        }
        if let Some(pb) = &p.publisher {
            let oi = entity_iri(EntityKind::Organization, pb);
            g.to(to, pi.clone(), nn(SCHEMA, "publisher"), oi.clone());
            g.sh_a(&oi, nn(SCHEMA, "Organization"));
            g.sh(oi.clone(), nn(SCHEMA, "name"), str_lit(pb));
            g.sh(oi, nn(RDFS, "label"), str_lit(pb));
        }
        for t in &p.types {
            g.to(to, pi.clone(), nn(SCHEMA, "genre"), str_lit(t));
        }
        for t in &p.topics {
            g.to(to, pi.clone(), nn(SCHEMA, "keywords"), str_lit(t));
        }
        if let Some(u) = &p.url {
            g.to(to, pi.clone(), nn(SCHEMA, "url"), str_lit(u));
        }
    }

    // Entities: named by their keys, described in the shared graph.
    let ent_iris: Vec<NamedNode> = an.entities.iter().map(|e| entity_iri(e.kind, &e.key)).collect();
    for (e, ei) in an.entities.iter().zip(&ent_iris) {
        let class = match e.kind {
            EntityKind::Person => "Person",
            EntityKind::Organization => "Organization",
            EntityKind::Country => "Country",
            EntityKind::Place => "Place",
        };
        g.sh_a(ei, nn(SCHEMA, class));
        if matches!(e.kind, EntityKind::Person | EntityKind::Organization | EntityKind::Country) {
            g.sh_a(ei, nn(DOSSIER, "Actor"));
        }
        g.sh(ei.clone(), nn(SCHEMA, "name"), str_lit(&e.name));
        g.sh(ei.clone(), nn(RDFS, "label"), str_lit(&e.name));
        for al in &e.aliases {
            if al != &e.name {
                g.sh(ei.clone(), nn(SCHEMA, "alternateName"), str_lit(al));
            }
        }
        if let Some(iso) = &e.iso {
            g.sh(ei.clone(), nn(DOSSIER, "iso3166"), str_lit(iso));
        }
        if let Some(q) = &e.wikidata {
            g.sh(ei.clone(), nn(OWL, "sameAs"), wikidata_iri(q));
        }
        if let Some(c) = &e.country {
            if e.kind != EntityKind::Country {
                let ci = entity_iri(EntityKind::Country, c);
                let prop = match e.kind {
                    EntityKind::Place => "containedInPlace",
                    EntityKind::Organization => "location",
                    _ => "nationality",
                };
                g.sh(ei.clone(), nn(SCHEMA, prop), ci);
            }
        }
        if let Some(r) = &e.role {
            g.sh(ei.clone(), nn(SCHEMA, "jobTitle"), str_lit(r));
        }
        if let Some(a) = &e.acronym {
            g.sh(ei.clone(), nn(DOSSIER, "acronym"), str_lit(a));
        }
    }

    // Mentions: NIF strings inside the document, linked to their entity and
    // publication. A mention of an entity whose role depends on the date
    // keeps the role as of this publication.
    for (i, m) in an.mentions.iter().enumerate() {
        let mi = iris.mention(m);
        let pix = m.publication.min(pub_iris.len() - 1);
        let pi = &pub_iris[pix];
        g.a(&mi, nn(NIF, "Phrase"));
        g.a(&mi, nn(DOSSIER, "Mention"));
        g.add(mi.clone(), nn(NIF, "referenceContext"), d.clone());
        g.add(mi.clone(), nn(NIF, "beginIndex"), int(m.span.cstart));
        g.add(mi.clone(), nn(NIF, "endIndex"), int(m.span.cend));
        g.add(mi.clone(), nn(DOSSIER, "byteBegin"), int(m.span.start));
        g.add(mi.clone(), nn(DOSSIER, "byteEnd"), int(m.span.end));
        g.add(mi.clone(), nn(NIF, "anchorOf"), str_lit(&m.text));
        g.add(mi.clone(), nn(DOSSIER, "mentionType"), str_lit(m.kind.as_str()));
        g.add(mi.clone(), nn(DOSSIER, "inPublication"), pi.clone());
        g.add(mi.clone(), nn(DOSSIER, "confidence"), dec(m.confidence));
        if let Some(v) = &m.value {
            g.add(mi.clone(), nn(DOSSIER, "timexValue"), str_lit(v));
            if m.kind == crate::model::MentionType::Date {
                if let Some(l) = PartialDate::parse(v).as_ref().and_then(date_literal) {
                    g.add(mi.clone(), nn(DOSSIER, "date"), l);
                }
            }
        }
        if let Some(l) = m.anchor().and_then(PartialDate::parse).as_ref().and_then(date_literal) {
            g.add(mi.clone(), nn(DOSSIER, "anchorDate"), l);
        }
        if let Some(iso) = &m.iso {
            g.add(mi.clone(), nn(DOSSIER, "iso3166"), str_lit(iso));
        }
        if let Some(ei) = an.mention_entity.get(i).copied().flatten() {
            g.add(mi.clone(), nn(ITSRDF, "taIdentRef"), ent_iris[ei].clone());
            if let Some(r) = &an.entities[ei].role {
                g.add(mi.clone(), nn(DOSSIER, "roleAtDate"), str_lit(r));
            }
            g.to(pub_to[pix], pi.clone(), nn(SCHEMA, "mentions"), ent_iris[ei].clone());
        }
    }

    // Events: named by their cross-document keys and described in the
    // shared graph, so an event reported by many publications is one
    // resource with the union of their arguments. What this document
    // reports (its trigger words, the arguments it gives, its confidence)
    // hangs on its event mentions in the document graph.
    for (ei, ev) in an.events.iter().enumerate() {
        let evi = event_iri(&ev.key);
        g.sh_a(&evi, nn(SEM, "Event"));
        g.sh_a(&evi, plover_class(ev.plover));
        g.sh(evi.clone(), nn(DOSSIER, "plover"), str_lit(ev.plover));
        if let Some(m) = ev.mode {
            g.sh(evi.clone(), nn(DOSSIER, "ploverMode"), str_lit(m));
        }
        if let Some(c) = ev.cameo {
            g.sh(evi.clone(), nn(DOSSIER, "cameo"), str_lit(c));
        }
        g.sh(evi.clone(), nn(RDFS, "label"), str_lit(&ev.label));
        g.sh(evi.clone(), nn(DOSSIER, "eventKey"), str_lit(&ev.key));
        if let Some(date) = &ev.date {
            g.sh(evi.clone(), nn(DOSSIER, "timexValue"), str_lit(&date.to_string()));
            if let Some(l) = date_literal(date) {
                match ev.date_end.as_ref().and_then(date_literal) {
                    Some(end) => {
                        g.sh(evi.clone(), nn(SEM, "hasBeginTimeStamp"), l);
                        g.sh(evi.clone(), nn(SEM, "hasEndTimeStamp"), end);
                    }
                    None => g.sh(evi.clone(), nn(SEM, "hasTimeStamp"), l),
                }
            }
        }
        for &p in &ev.places {
            g.sh(evi.clone(), nn(SEM, "hasPlace"), ent_iris[p].clone());
            if let Some(iso) = an.entities[p].iso.as_ref().or(an.entities[p].country.as_ref()) {
                g.sh(evi.clone(), nn(DOSSIER, "placeCountry"), entity_iri(EntityKind::Country, iso));
            }
        }
        for &a in &ev.actors {
            g.sh(evi.clone(), nn(SEM, "hasActor"), ent_iris[a].clone());
        }
        for &a in &ev.sources {
            g.sh(evi.clone(), nn(DOSSIER, "source"), ent_iris[a].clone());
        }
        for &a in &ev.targets {
            g.sh(evi.clone(), nn(DOSSIER, "target"), ent_iris[a].clone());
        }
        for &p in &ev.publications {
            if let Some(pi) = pub_iris.get(p) {
                g.to(pub_to[p], pi.clone(), nn(SCHEMA, "mentions"), evi.clone());
            }
        }
        for e in &ev.evidence {
            g.sh(evi.clone(), nn(DOSSIER, "mergeEvidence"), str_lit(e));
        }
        for (ti, t) in ev.triggers.iter().enumerate() {
            let mi = iris.event_mention(ei, ti, t);
            let owner = crate::layout::owner(&an.publications, t);
            g.a(&mi, nn(NIF, "Phrase"));
            g.a(&mi, nn(DOSSIER, "EventMention"));
            g.add(mi.clone(), nn(NIF, "referenceContext"), d.clone());
            g.add(mi.clone(), nn(NIF, "beginIndex"), int(t.cstart));
            g.add(mi.clone(), nn(NIF, "endIndex"), int(t.cend));
            g.add(mi.clone(), nn(DOSSIER, "byteBegin"), int(t.start));
            g.add(mi.clone(), nn(DOSSIER, "byteEnd"), int(t.end));
            g.add(mi.clone(), nn(NIF, "anchorOf"), str_lit(doc.text.get(t.start..t.end).unwrap_or("")));
            g.add(mi.clone(), nn(ITSRDF, "taIdentRef"), evi.clone());
            g.add(mi.clone(), nn(DOSSIER, "inPublication"), pub_iris[owner].clone());
            if ti == 0 {
                // The arguments as this document reports them, once per
                // event and document, on its first trigger.
                g.add(mi.clone(), nn(DOSSIER, "confidence"), dec(ev.confidence));
                for &a in &ev.actors {
                    g.add(mi.clone(), nn(DOSSIER, "reportsActor"), ent_iris[a].clone());
                }
                for &p in &ev.places {
                    g.add(mi.clone(), nn(DOSSIER, "reportsPlace"), ent_iris[p].clone());
                }
            }
        }
    }
    // Some statements recur within a document (a publication mentions an
    // entity many times; a person is an author and is mentioned): write
    // each once, the document graph first, then the shared graph.
    let mut quads = g.quads;
    quads.append(&mut g.shared_quads);
    dedup(&mut quads);
    quads
}

/// Drop repeated quads, keeping the first of each in place.
fn dedup(quads: &mut Vec<Quad>) {
    let keep: Vec<bool> = {
        let mut seen: std::collections::HashSet<&Quad> = std::collections::HashSet::with_capacity(quads.len());
        quads.iter().map(|q| seen.insert(q)).collect()
    };
    let mut it = keep.into_iter();
    quads.retain(|_| it.next().unwrap_or(true));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_and_event_iris_are_stable_slugs() {
        assert_eq!(entity_iri(EntityKind::Person, "Ali Khamenei").as_str(), format!("{ID}person/ali-khamenei"));
        assert_eq!(entity_iri(EntityKind::Person, " José  Peña! ").as_str(), format!("{ID}person/jose-pena"));
        assert_eq!(entity_iri(EntityKind::Place, "Łódź").as_str(), format!("{ID}place/%C5%81odz"));
        assert_eq!(entity_iri(EntityKind::Country, "jo").as_str(), format!("{ID}country/JO"));
        assert_eq!(entity_iri(EntityKind::Country, "a b").as_str(), format!("{ID}country/A%20B"));
        assert_eq!(entity_iri(EntityKind::Organization, "«»").as_str(), format!("{ID}organization/_"));
        assert_eq!(entity_iri(EntityKind::Organization, "Ансар Аллах").as_str(), format!("{ID}organization/%D0%90%D0%BD%D1%81%D0%B0%D1%80-%D0%90%D0%BB%D0%BB%D0%B0%D1%85"));
        let key = "ASSAULT|JO|2024-01-28|".to_string() + &"tower ".repeat(30);
        let iri = event_iri(&key);
        let local = iri.as_str().strip_prefix(&format!("{ID}event/")).unwrap();
        assert_eq!(local.len(), 80);
        assert!(local.starts_with("assault-jo-2024-01-28-tower-tower"));
        assert_eq!(event_iri("—").as_str(), format!("{ID}event/_"));
        for s in ["", "-", "a-", "Ça va", "x\u{301}"] {
            let sl = slug(s);
            assert!(sl.is_ascii() && !sl.is_empty() && !sl.ends_with('-') && !sl.starts_with('-'), "{s:?} -> {sl:?}");
        }
    }
}
