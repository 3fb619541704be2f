//! Query: SPARQL evaluation over the store, with timeouts and the SPARQL 1.1
//! result formats.
//!
//! Every query sees all documents' named graphs as one default graph, and
//! the common prefixes (schema, sem, prov, owl, rdfs, xsd, nif, dossier, …)
//! are predeclared. A timer cancels evaluation after the timeout. Results are
//! collected (up to a row limit) so that both the CLI and the HTTP endpoint
//! can write them in any format: an aligned text table, SPARQL JSON, XML, CSV
//! and TSV for SELECT/ASK; Turtle, N-Triples and JSON-LD for CONSTRUCT and
//! DESCRIBE.

use crate::error::{Error, Result};
use crate::rdf::vocab::PREFIXES;
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{Literal, NamedNode, Term, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryResults, QuerySolution, SparqlEvaluator, Variable};
use oxigraph::store::Store;
use std::io::Write;
use std::sync::mpsc;
use std::time::Duration;

/// How to run a query.
#[derive(Clone, Debug)]
pub struct Options {
    pub timeout: Option<Duration>,
    /// Stop collecting rows (or triples) after this many.
    pub limit: Option<usize>,
    /// Values for variables: name → term.
    pub bindings: Vec<(String, Term)>,
    /// Allow SPARQL Update (the caller checks this before calling `update`).
    pub allow_update: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { timeout: Some(Duration::from_secs(30)), limit: None, bindings: Vec::new(), allow_update: false }
    }
}

/// Collected results.
#[derive(Debug)]
pub enum Output {
    Solutions { variables: Vec<Variable>, rows: Vec<QuerySolution>, truncated: bool },
    Boolean(bool),
    Graph { triples: Vec<Triple>, truncated: bool },
}

/// Result formats for SELECT and ASK.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SolutionsFormat {
    Table,
    Json,
    Xml,
    Csv,
    Tsv,
}

/// Result formats for CONSTRUCT and DESCRIBE.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphFormat {
    Turtle,
    NTriples,
    JsonLd,
    RdfXml,
}

impl SolutionsFormat {
    pub fn media_type(&self) -> &'static str {
        match self {
            SolutionsFormat::Table => "text/plain; charset=utf-8",
            SolutionsFormat::Json => "application/sparql-results+json",
            SolutionsFormat::Xml => "application/sparql-results+xml",
            SolutionsFormat::Csv => "text/csv; charset=utf-8",
            SolutionsFormat::Tsv => "text/tab-separated-values; charset=utf-8",
        }
    }
}

impl GraphFormat {
    pub fn media_type(&self) -> &'static str {
        match self {
            GraphFormat::Turtle => "text/turtle",
            GraphFormat::NTriples => "application/n-triples",
            GraphFormat::JsonLd => "application/ld+json",
            GraphFormat::RdfXml => "application/rdf+xml",
        }
    }
    fn rdf_format(&self) -> RdfFormat {
        match self {
            GraphFormat::Turtle => RdfFormat::Turtle,
            GraphFormat::NTriples => RdfFormat::NTriples,
            GraphFormat::JsonLd => RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() },
            GraphFormat::RdfXml => RdfFormat::RdfXml,
        }
    }
}

#[allow(clippy::expect_used)] // the PREFIXES constants are valid IRIs (tested)
fn evaluator(token: Option<CancellationToken>) -> SparqlEvaluator {
    let mut ev = SparqlEvaluator::new();
    for (p, ns) in PREFIXES {
        ev = ev.with_prefix(*p, *ns).expect("valid prefix");
    }
    // Federated SERVICE calls are never made: Oxigraph is built without
    // its HTTP client, so a SERVICE clause to another host fails.
    if let Some(t) = token {
        ev = ev.with_cancellation_token(t);
    }
    ev
}

/// Cancels a token when the time is up, unless dropped first.
struct Timer {
    stop: Option<mpsc::Sender<()>>,
}

impl Timer {
    fn start(token: CancellationToken, timeout: Duration) -> Self {
        let (tx, rx) = mpsc::channel::<()>();
        std::thread::spawn(move || {
            if let Err(mpsc::RecvTimeoutError::Timeout) = rx.recv_timeout(timeout) {
                token.cancel();
            }
        });
        Timer { stop: Some(tx) }
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
    }
}

/// Parse and evaluate a query on the store.
pub fn evaluate(store: &Store, query: &str, opts: &Options) -> Result<Output> {
    let token = CancellationToken::new();
    let mut prepared = if opts.bindings.is_empty() {
        evaluator(Some(token.clone())).parse_query(query)?
    } else {
        evaluator(Some(token.clone())).for_query(parse_with_bindings(query, &opts.bindings)?)
    };
    // A query without FROM or FROM NAMED sees every graph as one default
    // graph; one that names its dataset gets what it names.
    if prepared.dataset().is_default_dataset() {
        prepared.dataset_mut().set_default_graph_as_union();
    }
    let _timer = opts.timeout.map(|t| Timer::start(token.clone(), t));
    let bound = prepared.on_store(store);
    let timed_out = |e: oxigraph::sparql::QueryEvaluationError| -> Error {
        if token.is_cancelled() {
            Error::Timeout(opts.timeout.unwrap_or_default())
        } else {
            Error::QueryEvaluation(e)
        }
    };
    let limit = opts.limit.unwrap_or(usize::MAX);
    match bound.execute().map_err(timed_out)? {
        QueryResults::Boolean(b) => Ok(Output::Boolean(b)),
        QueryResults::Solutions(sols) => {
            let variables = sols.variables().to_vec();
            let mut rows = Vec::new();
            let mut truncated = false;
            for s in sols {
                if rows.len() >= limit {
                    truncated = true;
                    break;
                }
                rows.push(s.map_err(timed_out)?);
            }
            Ok(Output::Solutions { variables, rows, truncated })
        }
        QueryResults::Graph(triples) => {
            let mut out = Vec::new();
            let mut truncated = false;
            for t in triples {
                if out.len() >= limit {
                    truncated = true;
                    break;
                }
                out.push(t.map_err(timed_out)?);
            }
            Ok(Output::Graph { triples: out, truncated })
        }
    }
}

/// Parse a query and bind variables to values by joining a one-row
/// `VALUES` table at the top of its pattern: under the projection,
/// modifiers, grouping and filters, so that a bound variable is seen by
/// every triple pattern and FILTER of the outer query (sub-selects keep
/// their own scope). Oxigraph's `substitute_variable` only binds variables
/// of the SELECT clause, which most saved queries do not project.
#[allow(clippy::expect_used)] // the PREFIXES constants are valid IRIs (tested)
fn parse_with_bindings(query: &str, bindings: &[(String, Term)]) -> Result<spargebra::Query> {
    use spargebra::algebra::GraphPattern;
    use spargebra::term::GroundTerm;
    let mut parser = spargebra::SparqlParser::new();
    for (p, ns) in PREFIXES {
        parser = parser.with_prefix(*p, *ns).expect("valid prefix");
    }
    let mut q = parser.parse_query(query)?;
    let mut variables = Vec::new();
    let mut row = Vec::new();
    for (name, term) in bindings {
        let var = Variable::new(name.trim_start_matches(['?', '$'])).map_err(|e| Error::Invalid(format!("bad parameter name {name}: {e}")))?;
        let value = match term {
            Term::NamedNode(n) => GroundTerm::NamedNode(n.clone()),
            Term::Literal(l) => GroundTerm::Literal(l.clone()),
            other => return Err(Error::Invalid(format!("parameter {name}: {other} cannot be bound (give an IRI or a literal)"))),
        };
        if let Some(i) = variables.iter().position(|v| *v == var) {
            row[i] = Some(value);
        } else {
            variables.push(var);
            row.push(Some(value));
        }
    }
    let values = GraphPattern::Values { variables, bindings: vec![row] };
    fn inject(p: GraphPattern, values: &GraphPattern) -> GraphPattern {
        let down = |inner: Box<GraphPattern>| Box::new(inject(*inner, values));
        match p {
            GraphPattern::Project { inner, variables } => GraphPattern::Project { inner: down(inner), variables },
            GraphPattern::Distinct { inner } => GraphPattern::Distinct { inner: down(inner) },
            GraphPattern::Reduced { inner } => GraphPattern::Reduced { inner: down(inner) },
            GraphPattern::Slice { inner, start, length } => GraphPattern::Slice { inner: down(inner), start, length },
            GraphPattern::OrderBy { inner, expression } => GraphPattern::OrderBy { inner: down(inner), expression },
            GraphPattern::Group { inner, variables, aggregates } => GraphPattern::Group { inner: down(inner), variables, aggregates },
            GraphPattern::Extend { inner, variable, expression } => GraphPattern::Extend { inner: down(inner), variable, expression },
            GraphPattern::Filter { expr, inner } => GraphPattern::Filter { expr, inner: down(inner) },
            other => GraphPattern::Join { left: Box::new(values.clone()), right: Box::new(other) },
        }
    }
    match &mut q {
        spargebra::Query::Select { pattern, .. }
        | spargebra::Query::Construct { pattern, .. }
        | spargebra::Query::Describe { pattern, .. }
        | spargebra::Query::Ask { pattern, .. } => {
            let p = std::mem::replace(pattern, GraphPattern::Bgp { patterns: Vec::new() });
            *pattern = inject(p, &values);
        }
    }
    Ok(q)
}

/// Run a SPARQL Update (callers decide whether updates are allowed).
pub fn update(store: &Store, update: &str) -> Result<()> {
    evaluator(None)
        .parse_update(update)
        .map_err(Error::QuerySyntax)?
        .on_store(store)
        .execute()
        .map_err(|e| Error::Invalid(format!("update failed: {e}")))
}

/// Whether the text is a SPARQL Update rather than a query.
pub fn looks_like_update(text: &str) -> bool {
    let body = strip_prologue(text).to_ascii_uppercase();
    ["INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"]
        .iter()
        .any(|k| body.starts_with(k))
}

fn strip_prologue(text: &str) -> &str {
    let mut rest = text;
    loop {
        let t = rest.trim_start();
        if t.starts_with('#') {
            rest = t.split_once('\n').map_or("", |x| x.1);
            continue;
        }
        let upper: String = t.chars().take(6).collect::<String>().to_ascii_uppercase();
        if upper.starts_with("PREFIX") || upper.starts_with("BASE") {
            // Skip to the end of the IRI of this declaration.
            rest = t.split_once('>').map_or("", |x| x.1);
            continue;
        }
        return t;
    }
}

/// Write SELECT/ASK results.
pub fn write_solutions(out: &Output, format: SolutionsFormat, w: &mut dyn Write) -> Result<()> {
    match out {
        Output::Boolean(b) => match format {
            SolutionsFormat::Table => writeln!(w, "{b}")?,
            f => {
                let ser = QueryResultsSerializer::from_format(results_format(f));
                ser.serialize_boolean_to_writer(&mut *w, *b)?;
            }
        },
        Output::Solutions { variables, rows, .. } => match format {
            SolutionsFormat::Table => write_table(variables, rows, w)?,
            f => {
                let ser = QueryResultsSerializer::from_format(results_format(f));
                let mut s = ser.serialize_solutions_to_writer(&mut *w, variables.clone())?;
                for r in rows {
                    s.serialize(r)?;
                }
                s.finish()?;
            }
        },
        Output::Graph { .. } => return Err(Error::Invalid("a CONSTRUCT or DESCRIBE result needs a graph format".into())),
    }
    Ok(())
}

/// Write CONSTRUCT/DESCRIBE results.
#[allow(clippy::expect_used)] // the PREFIXES constants are valid IRIs (tested)
pub fn write_graph(out: &Output, format: GraphFormat, w: &mut dyn Write) -> Result<()> {
    let Output::Graph { triples, .. } = out else {
        return Err(Error::Invalid("only CONSTRUCT and DESCRIBE results have a graph format".into()));
    };
    let mut ser = RdfSerializer::from_format(format.rdf_format());
    if format != GraphFormat::NTriples {
        for (p, ns) in PREFIXES {
            ser = ser.with_prefix(*p, *ns).expect("valid prefix");
        }
    }
    let mut s = ser.for_writer(&mut *w);
    for t in triples {
        s.serialize_triple(t)?;
    }
    s.finish()?;
    Ok(())
}

fn results_format(f: SolutionsFormat) -> QueryResultsFormat {
    match f {
        SolutionsFormat::Json | SolutionsFormat::Table => QueryResultsFormat::Json,
        SolutionsFormat::Xml => QueryResultsFormat::Xml,
        SolutionsFormat::Csv => QueryResultsFormat::Csv,
        SolutionsFormat::Tsv => QueryResultsFormat::Tsv,
    }
}

/// A compact, human-readable form of a term: prefixed IRIs, plain values.
pub fn display_term(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => compact_iri(n.as_str()),
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
        Term::Literal(l) => l.value().to_string(),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

/// `https://schema.org/Person` → `schema:Person`; IRIs whose local part is
/// not a valid SPARQL prefixed name (e.g. `…/id/person/x`) stay whole, so
/// what is printed can be pasted back into a query.
pub fn compact_iri(iri: &str) -> String {
    for (p, ns) in PREFIXES {
        if let Some(rest) = iri.strip_prefix(ns) {
            let simple = !rest.is_empty()
                && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                && !rest.starts_with('-');
            if simple {
                return format!("{p}:{rest}");
            }
        }
    }
    format!("<{iri}>")
}

fn write_table(variables: &[Variable], rows: &[QuerySolution], w: &mut dyn Write) -> Result<()> {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| variables.iter().map(|v| r.get(v).map(display_term).unwrap_or_default()).collect())
        .collect();
    let mut width: Vec<usize> = variables.iter().map(|v| v.as_str().chars().count()).collect();
    for row in &cells {
        for (i, c) in row.iter().enumerate() {
            width[i] = width[i].max(c.chars().count().min(80));
        }
    }
    let line = |w: &mut dyn Write, vals: &[String]| -> std::io::Result<()> {
        let parts: Vec<String> = vals
            .iter()
            .zip(&width)
            .map(|(v, &n)| {
                let v: String = if v.chars().count() > 80 { v.chars().take(79).chain(['…']).collect() } else { v.clone() };
                let pad = n.saturating_sub(v.chars().count());
                format!("{v}{}", " ".repeat(pad))
            })
            .collect();
        writeln!(w, "{}", parts.join(" | ").trim_end())
    };
    line(w, &variables.iter().map(|v| v.as_str().to_string()).collect::<Vec<_>>())?;
    writeln!(w, "{}", width.iter().map(|n| "-".repeat(*n)).collect::<Vec<_>>().join("-+-"))?;
    for row in &cells {
        line(w, row)?;
    }
    Ok(())
}

/// Parse a `--param key=value` value into an RDF term: `<iri>`, a prefixed
/// name (`id:country/JO`), a date (`2024-01-28` → `xsd:date`), an integer,
/// or a plain string.
pub fn parse_param(value: &str) -> Term {
    let v = value.trim();
    if let Some(iri) = v.strip_prefix('<').and_then(|x| x.strip_suffix('>')) {
        if let Ok(n) = NamedNode::new(iri) {
            return n.into();
        }
    }
    if let Some((p, local)) = v.split_once(':') {
        if let Some((_, ns)) = PREFIXES.iter().find(|(q, _)| *q == p) {
            if !local.contains(char::is_whitespace) {
                if let Ok(n) = NamedNode::new(format!("{ns}{local}")) {
                    return n.into();
                }
            }
        }
    }
    if crate::model::PartialDate::parse(v).is_some_and(|d| d.is_complete()) && v.len() == 10 {
        return Literal::new_typed_literal(v, NamedNode::new_unchecked(format!("{}date", crate::rdf::vocab::XSD))).into();
    }
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) && v.len() < 18 {
        return Literal::new_typed_literal(v, NamedNode::new_unchecked(format!("{}integer", crate::rdf::vocab::XSD))).into();
    }
    Literal::new_simple_literal(v).into()
}

/// A saved query from `examples/queries/NAME.rq`: its text and its
/// one-line description (the first `#` comment line).
pub struct SavedQuery {
    pub name: String,
    pub description: String,
    pub text: String,
}

/// Read the saved queries of a directory, sorted by name.
pub fn saved_queries(dir: &std::path::Path) -> Result<Vec<SavedQuery>> {
    let mut out = Vec::new();
    let rd = std::fs::read_dir(dir).map_err(|source| Error::Io { path: dir.to_path_buf(), source })?;
    for e in rd.flatten() {
        let p = e.path();
        if p.extension().and_then(|x| x.to_str()) != Some("rq") {
            continue;
        }
        let text = std::fs::read_to_string(&p).map_err(|source| Error::Io { path: p.clone(), source })?;
        let description = text
            .lines()
            .find_map(|l| l.trim().strip_prefix('#').map(|d| d.trim().to_string()))
            .unwrap_or_default();
        let name = p.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        out.push(SavedQuery { name, description, text });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{GraphName, Literal, NamedNode, Quad};

    fn store() -> Store {
        let s = Store::new().unwrap();
        for (g, v) in [("http://example.org/g1", "one"), ("http://example.org/g2", "two")] {
            s.insert(&Quad::new(
                NamedNode::new("http://example.org/s").unwrap(),
                NamedNode::new("http://example.org/p").unwrap(),
                Literal::new_simple_literal(v),
                GraphName::NamedNode(NamedNode::new(g).unwrap()),
            ))
            .unwrap();
        }
        s
    }

    fn values(out: Output) -> Vec<String> {
        let Output::Solutions { rows, .. } = out else { panic!("not solutions") };
        let mut v: Vec<String> = rows.iter().filter_map(|r| r.get("o").map(|t| t.to_string())).collect();
        v.sort();
        v
    }

    #[test]
    fn the_default_graph_is_the_union_unless_the_query_names_its_dataset() {
        let s = store();
        let all = "SELECT ?o WHERE { ?s <http://example.org/p> ?o }";
        assert_eq!(values(evaluate(&s, all, &Options::default()).unwrap()), ["\"one\"", "\"two\""]);
        // Words that look like a dataset clause inside a string or an IRI change nothing.
        let lookalike = r#"SELECT ?o WHERE { ?s <http://example.org/p> ?o FILTER(?o != "copied FROM <x> and FROM NAMED") }"#;
        assert_eq!(values(evaluate(&s, lookalike, &Options::default()).unwrap()), ["\"one\"", "\"two\""]);
        let from = "SELECT ?o FROM <http://example.org/g1> WHERE { ?s <http://example.org/p> ?o }";
        assert_eq!(values(evaluate(&s, from, &Options::default()).unwrap()), ["\"one\""]);
        let named = "SELECT ?o FROM NAMED <http://example.org/g2> WHERE { GRAPH ?g { ?s <http://example.org/p> ?o } }";
        assert_eq!(values(evaluate(&s, named, &Options::default()).unwrap()), ["\"two\""]);
    }
}
