//! Vocabularies: namespace IRIs and the prefixes predeclared for queries.

/// Dossier's own ontology (see `ontology/dossier.ttl`).
pub const DOSSIER: &str = "https://w3id.org/dossier/ontology#";
/// Where Dossier's resources live.
pub const ID: &str = "https://w3id.org/dossier/id/";
pub const SCHEMA: &str = "https://schema.org/";
pub const SEM: &str = "http://semanticweb.cs.vu.nl/2009/11/sem/";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const NIF: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
pub const ITSRDF: &str = "http://www.w3.org/2005/11/its/rdf#";
pub const TIME: &str = "http://www.w3.org/2006/time#";
pub const DCT: &str = "http://purl.org/dc/terms/";
pub const WD: &str = "http://www.wikidata.org/entity/";
pub const GEONAMES: &str = "https://sws.geonames.org/";

/// Prefixes every query may use without declaring them.
pub const PREFIXES: &[(&str, &str)] = &[
    ("dossier", DOSSIER),
    ("id", ID),
    ("schema", SCHEMA),
    ("sem", SEM),
    ("prov", PROV),
    ("owl", OWL),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("xsd", XSD),
    ("nif", NIF),
    ("itsrdf", ITSRDF),
    ("time", TIME),
    ("dct", DCT),
    ("wd", WD),
];
