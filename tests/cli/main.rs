//! End-to-end tests of the `dossier` binary on in-repo fixtures: readers,
//! layout, recognizers, resolution, events, the RDF mapping, the store and
//! the CLI, as a user runs them.

mod crash;
mod hostile;
mod saved_queries;
mod serve_export;
mod train;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(p: &str) -> PathBuf {
    root().join("tests/fixtures").join(p)
}

fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("run dossier");
    out
}

fn ok(cmd: &mut Command) -> String {
    let out = run(cmd);
    assert!(
        out.status.success(),
        "command failed ({:?}): {}\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn extract(args: &[&str]) -> Vec<Value> {
    let out = ok(bin().arg("extract").arg("-q").args(args));
    out.lines().map(|l| serde_json::from_str(l).expect("one JSON object per line")).collect()
}

/// A fresh, empty directory for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dossier-test-{}-{}", name, std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A store path in a fresh directory for one test.
fn temp_store(name: &str) -> PathBuf {
    temp_dir(name).join("store.db")
}

fn mentions<'a>(doc: &'a Value, kind: &str) -> Vec<&'a Value> {
    doc["mentions"].as_array().unwrap().iter().filter(|m| m["type"] == kind).collect()
}

fn texts(ms: &[&Value]) -> Vec<String> {
    ms.iter().map(|m| m["text"].as_str().unwrap().to_string()).collect()
}

fn count_quads(store: &Path) -> usize {
    let out = ok(bin().args(["stats", "--store"]).arg(store));
    let line = out.lines().find(|l| l.starts_with("quads:")).expect("quads line");
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

const PAGE: &str = "pages/vienna_commentary.txt";

#[test]
fn seed_style_page_has_main_and_listed_publications() {
    let docs = extract(&[fixture(PAGE).to_str().unwrap()]);
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    assert_eq!(d["id"], "vienna_commentary");
    let pubs = d["publications"].as_array().unwrap();
    assert_eq!(pubs.len(), 3);
    assert_eq!(pubs[0]["role"], "main");
    assert_eq!(pubs[0]["title"], Value::Null);
    assert_eq!(pubs[0]["published"], Value::Null);
    assert_eq!(pubs[0]["authors"], serde_json::json!(["Dana Whitfield"]));
    assert_eq!(pubs[0]["publisher"], "United States Institute of Peace");
    assert_eq!(pubs[1]["role"], "listed");
    assert_eq!(pubs[1]["title"], "Why Baghdad Is Caught Between Tehran and Washington");
    assert_eq!(pubs[1]["published"], "2020-02-06");
    assert_eq!(pubs[1]["authors"], serde_json::json!(["Omar Haddad", "Claire Dubois"]));
    assert_eq!(pubs[1]["types"], serde_json::json!(["Analysis", "Question and Answer"]));
    assert_eq!(pubs[1]["topics"], serde_json::json!(["Conflict Analysis & Prevention", "Middle East"]));
    assert_eq!(pubs[2]["title"], "Turkey and Syria After the Idlib Clashes");
    assert_eq!(pubs[2]["published"], "2020-03-02");
    assert_eq!(pubs[2]["types"], serde_json::json!(["Analysis"]));
    assert_eq!(pubs[2]["topics"], serde_json::json!(["Global Policy", "Violent Extremism"]));
    // The same author on two items is one person.
    assert_ne!(pubs[1]["iri"], pubs[2]["iri"]);
}

#[test]
fn offsets_are_code_points_into_the_text() {
    let path = fixture(PAGE);
    let text = std::fs::read_to_string(&path).unwrap();
    let chars: Vec<char> = text.chars().collect();
    let docs = extract(&[path.to_str().unwrap()]);
    let ms = docs[0]["mentions"].as_array().unwrap();
    assert!(ms.len() > 40);
    for m in ms {
        let (s, e) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
        let got: String = chars[s..e].iter().collect();
        assert_eq!(got, m["text"].as_str().unwrap());
    }
}

#[test]
fn people_countries_places_and_organizations() {
    let docs = extract(&[fixture(PAGE).to_str().unwrap()]);
    let d = &docs[0];
    let persons = mentions(d, "Person");
    let names = texts(&persons);
    for want in ["Hassan Rouhani", "Javad Zarif", "Angela Merkel", "Dana Whitfield", "Omar Haddad", "Claire Dubois"] {
        assert!(names.iter().any(|n| n == want), "missing person {want} in {names:?}");
    }
    // "Rouhani" and "Hassan Rouhani" are one person.
    let iris: std::collections::BTreeSet<&str> = persons
        .iter()
        .filter(|m| m["text"].as_str().unwrap().contains("Rouhani"))
        .map(|m| m["iri"].as_str().unwrap())
        .collect();
    assert_eq!(iris.len(), 1, "{iris:?}");
    // A platform is not a person.
    assert!(!names.iter().any(|n| n == "Instagram"));
    assert!(texts(&mentions(d, "Organization")).iter().any(|n| n == "Instagram"));

    let countries = mentions(d, "Country");
    let iso = |text: &str| -> Vec<String> {
        countries.iter().filter(|m| m["text"] == text).map(|m| m["iso"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(iso("Britain")[0], "GB");
    assert_eq!(iso("Austria")[0], "AT");
    assert!(iso("U.S.").iter().all(|i| i == "US"));
    // "U.S.-Iran" is two mentions.
    let text = std::fs::read_to_string(fixture(PAGE)).unwrap();
    let at = text[..text.find("U.S.-Iran").unwrap()].chars().count() as u64;
    assert!(countries.iter().any(|m| m["start"] == at && m["text"] == "U.S."));
    assert!(countries.iter().any(|m| m["start"] == at + 5 && m["text"] == "Iran"));
    // All countries carry ISO codes and country IRIs.
    for c in &countries {
        let code = c["iso"].as_str().unwrap();
        assert!(c["iri"].as_str().unwrap().ends_with(&format!("/country/{code}")));
    }
    let places = mentions(d, "Place");
    assert!(places.iter().any(|m| m["text"] == "Vienna" && m["iso"] == "AT"));
    assert!(places.iter().any(|m| m["text"] == "Kirkuk" && m["iso"] == "IQ"));
    let nat = mentions(d, "Nationality");
    assert!(nat.iter().any(|m| m["text"] == "Iranian" && m["iso"] == "IR"));
}

#[test]
fn mentions_belong_to_the_publication_that_contains_them() {
    let docs = extract(&[fixture(PAGE).to_str().unwrap()]);
    let d = &docs[0];
    let pubs = d["publications"].as_array().unwrap();
    let kirkuk = mentions(d, "Place").into_iter().find(|m| m["text"] == "Kirkuk").unwrap();
    assert_eq!(kirkuk["publication"], pubs[1]["iri"]);
    let vienna = mentions(d, "Place").into_iter().find(|m| m["text"] == "Vienna").unwrap();
    assert_eq!(vienna["publication"], pubs[0]["iri"]);
}

#[test]
fn dates_resolve_against_each_publications_own_date() {
    let value_of = |docs: &[Value], text: &str| -> Vec<String> {
        mentions(&docs[0], "Date").iter().filter(|m| m["text"] == text).map(|m| m["value"].as_str().unwrap().to_string()).collect()
    };
    let docs = extract(&[fixture(PAGE).to_str().unwrap()]);
    assert_eq!(value_of(&docs, "March 3"), ["XXXX-03-03"]);
    assert_eq!(value_of(&docs, "Thursday, February 6, 2020"), ["2020-02-06"]);
    assert_eq!(value_of(&docs, "February 4"), ["2020-02-04"]);
    assert_eq!(value_of(&docs, "February 27"), ["2020-02-27"]);
    // "Less than two days later": a TimeML duration, with the date it reaches.
    let two_days = mentions(&docs[0], "Duration").into_iter().find(|m| m["text"] == "Less than two days").expect("the duration");
    assert_eq!(two_days["value"], "P2D");
    assert_eq!(two_days["anchor"], "2020-02-29");
    let docs = extract(&["--date", "2020-02-24", fixture(PAGE).to_str().unwrap()]);
    assert_eq!(value_of(&docs, "March 3"), ["2020-03-03"]);
    assert_eq!(value_of(&docs, "yesterday"), ["2020-02-23"]);
    // Listed items keep their own date whatever --date says.
    assert_eq!(docs[0]["publications"][1]["published"], "2020-02-06");
}

#[test]
fn events_are_typed_dated_and_placed() {
    let docs = extract(&["--date", "2020-02-24", fixture(PAGE).to_str().unwrap()]);
    let evs = docs[0]["events"].as_array().unwrap();
    let find = |t: &str, date: &str| evs.iter().find(|e| e["type"] == t && e["date"] == date);
    let talks = find("CONSULT", "2020-03-03").expect("the Vienna talks");
    assert!(talks["places"].as_array().unwrap().iter().any(|p| p["iso"] == "AT"));
    assert!(talks["actors"].as_array().unwrap().len() >= 7);
    let rocket = find("ASSAULT", "2020-02-04").expect("the rocket attack");
    assert!(rocket["places"].as_array().unwrap().iter().any(|p| p["iso"] == "IQ"));
    assert_eq!(rocket["publications"][0], docs[0]["publications"][1]["iri"]);
    let retaliation = find("ASSAULT", "2020-02-29").expect("the drone strikes two days later");
    assert!(retaliation["places"].as_array().unwrap().iter().any(|p| p["iso"] == "SY"));
    assert!(find("SANCTION", "2020-02-23").is_some());
}

#[test]
fn html_jsonl_and_text_examples_are_read() {
    let docs = extract(&[root().join("examples/corpus").to_str().unwrap()]);
    assert!(docs.len() >= 6, "{}", docs.len());
    let by_id = |id: &str| docs.iter().find(|d| d["id"] == id).unwrap_or_else(|| panic!("no doc {id}"));
    let j = by_id("brief-2024-0117-iran-pakistan");
    assert_eq!(j["publications"][0]["published"], "2024-01-17");
    assert_eq!(j["publications"][0]["authors"], serde_json::json!(["Farah Qureshi"]));
    let html = docs.iter().find(|d| d["publications"][0]["url"].as_str().is_some_and(|u| u.contains("tower-22") || u.contains("tower22"))).expect("html page");
    assert!(html["publications"][0]["title"].is_string());
    assert!(html["publications"][0]["published"].as_str().unwrap().starts_with("2024-01"));
    let t = by_id("houthi-strikes");
    assert_eq!(t["publications"][0]["title"], "U.S. and Britain Strike Houthi Targets Across Yemen");
    assert_eq!(t["publications"][0]["published"], "2024-01-12");
}

#[test]
fn the_same_strike_merges_across_documents() {
    let docs = extract(&[root().join("examples/corpus").to_str().unwrap()]);
    // Every page that reports the January 28 strike in Jordan names one event.
    let mut keys = std::collections::BTreeMap::<String, Vec<String>>::new();
    for d in &docs {
        for e in d["events"].as_array().unwrap() {
            if e["type"] == "ASSAULT" && e["date"] == "2024-01-28" {
                keys.entry(e["iri"].as_str().unwrap().to_string()).or_default().push(d["id"].as_str().unwrap().to_string());
            }
        }
    }
    let (best, ids) = keys.iter().max_by_key(|(_, v)| v.len()).expect("a January 28 strike");
    assert!(best.contains("jo"), "{best}");
    let mut ids = ids.clone();
    ids.sort();
    ids.dedup();
    assert!(ids.len() >= 3, "the strike is merged across only {ids:?}");
    // A different strike that day elsewhere (Khan Younis, Gaza) is a different event.
    let gaza = keys.keys().find(|iri| iri.ends_with("-ps")).expect("the same-day strike in Gaza");
    assert_ne!(gaza, best);
    for (iri, _) in &keys {
        if iri != best {
            assert!(!iri.ends_with("-jo"), "two events for the Jordan strike: {iri} and {best}");
        }
    }
}

#[test]
fn ingest_query_and_reingest() {
    let store = temp_store("ingest");
    let out = ok(bin().args(["ingest", "-q", "--date", "2020-02-24", "--store"]).arg(&store).arg(fixture(PAGE)).arg(root().join("examples/corpus")));
    assert!(out.is_empty(), "quiet ingest prints nothing: {out}");
    let quads = count_quads(&store);
    assert!(quads > 500, "{quads}");
    // Re-ingesting the same input replaces graphs: the count is unchanged.
    ok(bin().args(["ingest", "-q", "--date", "2020-02-24", "--store"]).arg(&store).arg(fixture(PAGE)).arg(root().join("examples/corpus")));
    assert_eq!(count_quads(&store), quads);

    // "Which publications cover the rocket attack near Kirkuk on 4 February 2020?"
    let json = ok(bin()
        .args(["query", "--saved", "coverage-by-date-country", "--format", "json", "--queries-dir"])
        .arg(root().join("examples/queries"))
        .args(["--param", "country=IQ", "--param", "from=2020-02-03", "--param", "to=2020-02-05", "--store"])
        .arg(&store));
    let v: Value = serde_json::from_str(&json).unwrap();
    let titles: Vec<&str> = v["results"]["bindings"].as_array().unwrap().iter().filter_map(|b| b["title"]["value"].as_str()).collect();
    assert!(titles.contains(&"Why Baghdad Is Caught Between Tehran and Washington"), "{titles:?}");

    // The coverage command answers the same question.
    let json = ok(bin().args(["coverage", "--from", "2020-02-03", "--to", "2020-02-05", "--country", "IQ", "--format", "json", "--store"]).arg(&store));
    let v: Value = serde_json::from_str(&json).unwrap();
    let pubs = v["publications"].as_array().unwrap();
    assert!(pubs.iter().any(|p| p["title"] == "Why Baghdad Is Caught Between Tehran and Washington" && p["document"] == "vienna_commentary"));
    // Country names work as well as codes.
    let json2 = ok(bin().args(["coverage", "--from", "2020-02-03", "--to", "2020-02-05", "--country", "Iraq", "--format", "json", "--store"]).arg(&store));
    assert_eq!(json, json2);
    // --sparql prints the query the command runs; `query` gives the same publications.
    let q = ok(bin().args(["coverage", "--sparql", "--from", "2020-02-03", "--to", "2020-02-05", "--country", "IQ"]));
    assert!(q.contains("country/IQ>") && q.contains("\"2020-02-04\"^^xsd:date"), "{q}");
    let csv = ok(bin().args(["query", "--format", "csv", "--store"]).arg(&store).arg(q.trim()));
    assert!(csv.lines().any(|l| l.contains("vienna_commentary") && l.contains("Why Baghdad Is Caught")), "{csv}");

    // Events in order, filtered by country and type.
    let json = ok(bin().args(["events", "--country", "JO", "--type", "ASSAULT", "--format", "json", "--store"]).arg(&store));
    let v: Value = serde_json::from_str(&json).unwrap();
    let evs = v["events"].as_array().unwrap();
    assert!(evs.iter().any(|e| e["date"] == "2024-01-28" && e["publications"].as_u64().unwrap() >= 3), "{evs:?}");

    // Countries carry their ISO code and Wikidata IRI.
    let csv = ok(bin().args(["query", "--format", "csv", "--store"]).arg(&store).arg(
        "SELECT ?wd WHERE { ?c a schema:Country ; dossier:iso3166 \"AT\" ; owl:sameAs ?wd }",
    ));
    assert!(csv.contains("http://www.wikidata.org/entity/Q40"), "{csv}");

    // Mentions carry publication, offsets and exact text.
    let tsv = ok(bin().args(["query", "--format", "tsv", "--store"]).arg(&store).arg(
        "SELECT ?b ?e ?t WHERE { ?m a dossier:Mention ; nif:anchorOf ?t ; nif:beginIndex ?b ; nif:endIndex ?e ; dossier:inPublication ?p ; itsrdf:taIdentRef <https://w3id.org/dossier/id/place/kirkuk-94787> }",
    ));
    assert!(tsv.lines().count() >= 2, "{tsv}");

    // Export N-Quads: one line per quad.
    let nq = ok(bin().args(["export", "--format", "nquads", "--store"]).arg(&store));
    assert_eq!(nq.lines().filter(|l| !l.trim().is_empty()).count(), quads);
    // Turtle export parses back as the union of graphs.
    let ttl = ok(bin().args(["export", "--format", "turtle", "--store"]).arg(&store));
    assert!(ttl.contains("@prefix schema:"));
}

#[test]
fn query_formats_and_errors() {
    let store = temp_store("formats");
    ok(bin().args(["ingest", "-q", "--store"]).arg(&store).arg(fixture(PAGE)));
    let q = "SELECT ?n WHERE { ?p a schema:Person ; schema:name ?n } ORDER BY ?n";
    let json: Value = serde_json::from_str(&ok(bin().args(["query", "--format", "json", "--store"]).arg(&store).arg(q))).unwrap();
    assert_eq!(json["head"]["vars"][0], "n");
    let xml = ok(bin().args(["query", "--format", "xml", "--store"]).arg(&store).arg(q));
    assert!(xml.contains("<sparql") && xml.contains("Claire Dubois"));
    let csv = ok(bin().args(["query", "--format", "csv", "--store"]).arg(&store).arg(q));
    assert!(csv.starts_with("n\r\n") || csv.starts_with("n\n"));
    let table = ok(bin().args(["query", "--limit", "2", "--store"]).arg(&store).arg(q));
    assert_eq!(table.lines().count(), 4, "{table}");
    let ask = ok(bin().args(["query", "--store"]).arg(&store).arg("ASK { ?s a sem:Event }"));
    assert_eq!(ask.trim(), "true");
    let ttl = ok(bin().args(["query", "--store"]).arg(&store).arg("CONSTRUCT { ?p schema:name ?n } WHERE { ?p a schema:Person ; schema:name ?n }"));
    assert!(ttl.contains("schema:name"));
    // A syntax error and an update without --allow-update are refused.
    let bad = run(bin().args(["query", "--store"]).arg(&store).arg("SELECT WHERE {"));
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("SPARQL"));
    let upd = run(bin().args(["query", "--store"]).arg(&store).arg("DELETE WHERE { ?s ?p ?o }"));
    assert_eq!(upd.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&upd.stderr).contains("--allow-update"));
    // Saved queries are listed with their descriptions.
    let list = ok(bin().args(["query", "--list", "--queries-dir"]).arg(root().join("examples/queries")));
    assert!(list.lines().count() >= 8);
    assert!(list.contains("coverage") && list.contains("co-mentioned-people"));
}

#[test]
fn a_second_writer_is_told_who_holds_the_store() {
    let store = temp_store("lock");
    ok(bin().args(["ingest", "-q", "--store"]).arg(&store).arg(fixture(PAGE)));
    let holder = dossier::store::DossierStore::open(&store, dossier::store::Mode::ReadWrite).unwrap();
    let out = run(bin().args(["ingest", "-q", "--store"]).arg(&store).arg(fixture(PAGE)));
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("in use by another process") && err.contains(&format!("pid {}", std::process::id())), "{err}");
    // Readers are refused too while a writer holds it.
    let out = run(bin().args(["stats", "--store"]).arg(&store));
    assert_eq!(out.status.code(), Some(1));
    drop(holder);
    ok(bin().args(["stats", "--store"]).arg(&store));
}

#[test]
fn bad_inputs_are_reported_and_counted() {
    let dir = std::env::temp_dir().join(format!("dossier-inputs-bad-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.jsonl"), "{\"id\":\"j1\",\"text\":\"Iran and Iraq met in Baghdad.\"}\nnot json\n{\"id\":\"j2\"}\n{\"id\":\"j3\",\"text\":5}\n{\"id\":\"j1\",\"text\":\"again\"}\n\n{\"id\":\"j4\",\"text\":\"Talks in Vienna.\"}\n").unwrap();
    std::fs::write(dir.join("b.txt"), [0u8, 159, 146, 150, 0, 1, 2, 3, 0, 0]).unwrap();
    std::fs::write(dir.join("c.txt"), "   \n\n ").unwrap();
    std::fs::write(dir.join("d.txt"), "Kabul fell to the Taliban on August 15, 2021.").unwrap();
    let store = temp_store("bad");
    let out = run(bin().args(["ingest", "--store"]).arg(&store).arg(&dir));
    assert_eq!(out.status.code(), Some(3), "done with skips");
    let err = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(err.contains("a.jsonl:2"), "{err}");
    assert!(err.contains("a.jsonl:3"), "{err}");
    assert!(err.contains("a.jsonl:4"), "{err}");
    assert!(err.contains("a.jsonl:5"), "{err}");
    assert!(err.contains("b.txt"), "{err}");
    assert!(err.contains("c.txt"), "{err}");
    assert!(stdout.contains("documents read: 9  ingested: 3  skipped: 6"), "{stdout}");
    // The good documents are all in the store.
    let csv = ok(bin().args(["query", "--format", "csv", "--store"]).arg(&store).arg("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a dossier:Document }"));
    assert!(csv.lines().nth(1).unwrap().trim() == "3", "{csv}");
}

#[test]
fn extract_is_the_same_with_one_or_two_threads() {
    let a = ok(bin().args(["extract", "-q", "-j", "1"]).arg(root().join("examples/corpus")).arg(fixture(PAGE)));
    let b = ok(bin().args(["extract", "-q", "-j", "2", "--batch", "2"]).arg(root().join("examples/corpus")).arg(fixture(PAGE)));
    assert_eq!(a, b);
}

#[test]
fn shards_split_the_input() {
    let all = extract(&[root().join("examples/corpus").to_str().unwrap()]);
    let mut want: Vec<String> = all.iter().map(|d| d["id"].as_str().unwrap().to_string()).collect();
    want.sort();
    // One thread runs on the calling thread, two on a pool: both partition.
    for jobs in ["1", "2"] {
        let mut ids: Vec<String> = Vec::new();
        for i in 0..3 {
            let shard = format!("{i}/3");
            let part = extract(&["-j", jobs, "--shard", &shard, root().join("examples/corpus").to_str().unwrap()]);
            assert!(part.len() < all.len(), "shard {shard} kept every document");
            ids.extend(part.iter().map(|d| d["id"].as_str().unwrap().to_string()));
        }
        ids.sort();
        assert_eq!(ids, want, "-j {jobs}");
    }
}

#[test]
fn stdin_and_nquads_output() {
    use std::io::Write;
    let mut child = bin()
        .args(["extract", "-q", "--format", "nquads", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"{\"id\":\"s1\",\"text\":\"Germany and France signed a deal in Berlin on May 5, 2021.\"}\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let nq = String::from_utf8(out.stdout).unwrap();
    // The document's own statements are in its graph, those about
    // key-named resources (countries, events) in the shared graph, each once.
    let doc_graph = "<https://w3id.org/dossier/id/graph/s1> .";
    let shared_graph = "<https://w3id.org/dossier/id/graph/shared/kb> .";
    let lines: Vec<&str> = nq.lines().map(str::trim_end).filter(|l| !l.is_empty()).collect();
    assert!(lines.iter().all(|l| l.ends_with(doc_graph) || l.ends_with(shared_graph)), "{nq}");
    let unique: std::collections::BTreeSet<&&str> = lines.iter().collect();
    assert_eq!(unique.len(), lines.len(), "no repeated quads");
    let de = "<https://w3id.org/dossier/id/country/DE>";
    assert!(lines.iter().any(|l| l.starts_with(de) && l.contains("iso3166> \"DE\"") && l.ends_with(shared_graph)), "{nq}");
    assert!(lines.iter().any(|l| l.contains("taIdentRef> <https://w3id.org/dossier/id/country/DE>") && l.ends_with(doc_graph)), "{nq}");
    assert!(lines.iter().any(|l| l.contains("/event/") && l.contains("sem/Event>") && l.ends_with(shared_graph)), "{nq}");
}

#[test]
fn one_person_across_documents() {
    // "Khamenei", "Ayatollah Ali Khamenei", "Iran's Supreme Leader Ali Khamenei"
    // in three documents of three formats are one person with three publications.
    let store = temp_store("khamenei");
    ok(bin().args(["ingest", "-q", "--store"]).arg(&store).arg(fixture("multi")));
    let csv = ok(bin().args(["query", "--format", "csv", "--store"]).arg(&store).arg(
        "SELECT ?p (COUNT(DISTINCT ?pub) AS ?n) WHERE { ?pub schema:mentions ?p . ?p a schema:Person ; schema:alternateName|schema:name ?name . FILTER(CONTAINS(?name, \"Khamenei\")) } GROUP BY ?p",
    ));
    let rows: Vec<&str> = csv.lines().skip(1).filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(rows.len(), 1, "one person IRI: {csv}");
    assert!(rows[0].starts_with("https://w3id.org/dossier/id/person/ali-khamenei,3"), "{csv}");
    // Facts about him are stated once, not once per document: the union
    // graph does not multiply joins by the number of documents.
    let csv = ok(bin().args(["query", "--format", "csv", "--store"]).arg(&store).arg(
        "SELECT (COUNT(*) AS ?n) WHERE { <https://w3id.org/dossier/id/person/ali-khamenei> a schema:Person ; schema:nationality ?c }",
    ));
    assert_eq!(csv.lines().nth(1).map(str::trim), Some("1"), "{csv}");
    // Each document's evidence stays in its own graph: three graphs hold mentions of him.
    let csv = ok(bin().args(["query", "--format", "csv", "--store"]).arg(&store).arg(
        "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?m itsrdf:taIdentRef <https://w3id.org/dossier/id/person/ali-khamenei> } }",
    ));
    assert_eq!(csv.lines().nth(1).map(str::trim), Some("3"), "{csv}");
    // Role and affiliation as of the publication date, from the actor dictionary.
    let csv = ok(bin().args(["query", "--format", "csv", "--store"]).arg(&store).arg(
        "SELECT DISTINCT ?role ?iso WHERE { <https://w3id.org/dossier/id/person/ali-khamenei> schema:jobTitle ?role ; schema:nationality/dossier:iso3166 ?iso }",
    ));
    assert!(csv.contains("Supreme Leader,IR"), "{csv}");
    // "the Supreme Leader" joins him where he is the only one with that role.
    let docs = extract(&[fixture("multi/khamenei_speech.txt").to_str().unwrap()]);
    let role = mentions(&docs[0], "Person").into_iter().find(|m| m["text"] == "Supreme Leader").expect("role mention");
    assert!(role["iri"].as_str().unwrap().ends_with("/person/ali-khamenei"));
}

#[test]
fn user_actor_dictionary_with_dated_roles() {
    let docs = extract(&["--format", "jsonl", "--actors", fixture("actors.tsv").to_str().unwrap(), fixture("pages/okonjo.txt").to_str().unwrap()]);
    let persons = mentions(&docs[0], "Person");
    let iris: std::collections::BTreeSet<&str> = persons.iter().map(|m| m["iri"].as_str().unwrap()).collect();
    assert_eq!(iris.len(), 1, "Okonjo and Amara Okonjo are one person: {iris:?}");
    // The role as of the publication date (June 2023) is the later one.
    let store = temp_store("actors");
    ok(bin().args(["ingest", "-q", "--actors"]).arg(fixture("actors.tsv")).arg("--store").arg(&store).arg(fixture("pages/okonjo.txt")));
    let csv = ok(bin().args(["query", "--format", "csv", "--store"]).arg(&store).arg(
        "SELECT ?role ?iso WHERE { ?p a schema:Person ; schema:name \"Amara Okonjo\" ; schema:jobTitle ?role ; schema:nationality/dossier:iso3166 ?iso }",
    ));
    assert!(csv.contains("Ambassador to the United Nations,NG"), "{csv}");
    // A malformed actors file is an error naming the file.
    let bad = std::env::temp_dir().join(format!("dossier-bad-actors-{}.tsv", std::process::id()));
    std::fs::write(&bad, "canonical\taliases\tcountry\trole\tfrom\tto\tsameAs\nX\t\tZZZZ\t\tnot-a-date\t\t\n").unwrap();
    let out = run(bin().args(["extract", "-q", "--actors"]).arg(&bad).arg(fixture("pages/okonjo.txt")));
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("dossier-bad-actors") && err.contains("line 2"), "{err}");
}

/// `nodes: N  edges: M` from the export summary on standard error.
fn graph_counts(stderr: &[u8]) -> (usize, usize) {
    let s = String::from_utf8_lossy(stderr);
    let num = |key: &str| -> usize {
        let at = s.find(key).unwrap_or_else(|| panic!("no {key} in {s}")) + key.len();
        s[at..].trim_start().split_whitespace().next().unwrap().parse().unwrap()
    };
    (num("nodes:"), num("edges:"))
}
