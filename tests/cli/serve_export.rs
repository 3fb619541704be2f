//! `dossier serve`, the graph exports and the timeline, end to end on the
//! example corpus in a persistent store.

use super::*;

#[test]
fn serve_answers_sparql_and_refuses_while_a_writer_holds_the_store() {
    use std::io::{Read, Write};
    let store = temp_store("serve");
    ok(bin().args(["ingest", "-q", "--store"]).arg(&store).arg(root().join("examples/corpus")));
    // Refused while an ingest (here: this process) writes the store.
    let holder = dossier::store::DossierStore::open(&store, dossier::store::Mode::ReadWrite).unwrap();
    let out = run(bin().args(["serve", "--bind", "127.0.0.1:0", "--store"]).arg(&store));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("retry after the ingest finishes"), "{}", String::from_utf8_lossy(&out.stderr));
    drop(holder);

    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = bin()
        .args(["serve", "--bind", &format!("127.0.0.1:{port}"), "--store"])
        .arg(&store)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let request = |req: &str| -> String {
        for _ in 0..100 {
            if let Ok(mut c) = std::net::TcpStream::connect(("127.0.0.1", port)) {
                c.write_all(req.as_bytes()).unwrap();
                let mut resp = String::new();
                c.read_to_string(&mut resp).unwrap();
                return resp;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!("the server never listened");
    };
    let resp = request("GET /sparql?query=ASK%20%7B%20%3Fs%20a%20sem%3AEvent%20%7D HTTP/1.1\r\nHost: x\r\nAccept: text/csv\r\nConnection: close\r\n\r\n");
    assert!(resp.starts_with("HTTP/1.1 200"), "{resp}");
    let upd = "DELETE WHERE { ?s ?p ?o }";
    let resp = request(&format!(
        "POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-update\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{upd}",
        upd.len()
    ));
    assert!(resp.starts_with("HTTP/1.1 403"), "{resp}");
    let resp = request("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert!(resp.contains("DossierViewer"));
    child.kill().unwrap();
    let _ = child.wait();
    // The store is untouched and free again.
    assert!(count_quads(&store) > 500);
}

#[test]
fn graph_exports_timeline_and_filters() {
    let store = temp_store("graph");
    ok(bin().args(["ingest", "-q", "--store"]).arg(&store).arg(root().join("examples/corpus")));
    let dir = store.parent().unwrap().to_path_buf();
    let mut counts = Vec::new();
    for f in ["graphml", "gexf", "dot", "cyjs", "html"] {
        let path = dir.join(format!("graph.{f}"));
        let out = run(bin().args(["export", "--format", f, "-o"]).arg(&path).arg("--store").arg(&store));
        assert!(out.status.success(), "{f}: {}", String::from_utf8_lossy(&out.stderr));
        counts.push(graph_counts(&out.stderr));
        let text = std::fs::read_to_string(&path).unwrap();
        match f {
            "graphml" => {
                assert_eq!(text.matches("<node id=").count(), counts[0].0);
                assert_eq!(text.matches("<edge id=").count(), counts[0].1);
            }
            "gexf" => assert_eq!(text.matches("<node id=").count(), counts[0].0),
            "dot" => assert_eq!(text.matches(" -> ").count(), counts[0].1),
            "cyjs" => {
                let v: Value = serde_json::from_str(&text).unwrap();
                assert_eq!(v["elements"]["nodes"].as_array().unwrap().len(), counts[0].0);
            }
            _ => assert!(text.contains("DossierViewer.mount(") && text.contains("Houthi")),
        }
    }
    // Every format exports the same graph.
    assert!(counts.iter().all(|c| *c == counts[0]), "{counts:?}");
    assert!(counts[0].0 > 30 && counts[0].1 > 100, "{counts:?}");
    // Filters shrink it.
    let out = run(bin().args(["export", "--format", "cyjs", "--kinds", "person,country", "--min-weight", "2", "--store"]).arg(&store));
    assert!(out.status.success());
    let v: Value = serde_json::from_str(&String::from_utf8_lossy(&out.stdout)).unwrap();
    let nodes = v["elements"]["nodes"].as_array().unwrap();
    assert!(!nodes.is_empty() && nodes.len() < counts[0].0);
    assert!(nodes.iter().all(|n| n["data"]["kind"] == "person" || n["data"]["kind"] == "country"));
    assert!(v["elements"]["edges"].as_array().unwrap().iter().all(|e| e["data"]["weight"].as_f64().unwrap() >= 2.0));
    let out = run(bin().args(["export", "--format", "cyjs", "--around", "id:country/JO", "--depth", "1", "--from", "2024-01-01", "--store"]).arg(&store));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_str(&String::from_utf8_lossy(&out.stdout)).unwrap();
    assert!(v["elements"]["nodes"].as_array().unwrap().iter().any(|n| n["data"]["iri"].as_str().unwrap().ends_with("/country/JO")));
    let out = run(bin().args(["export", "--format", "graphml", "--query"]).arg(root().join("examples/queries/actor-network.rq")).arg("--store").arg(&store));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("dossier:coParticipant"));
    let bad = run(bin().args(["export", "--format", "dot", "--kinds", "widgets", "--store"]).arg(&store));
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--kinds"));
    let bad = run(bin().args(["export", "--format", "dot", "--around", "Nobody Atall", "--store"]).arg(&store));
    assert_eq!(bad.status.code(), Some(1));
    // RDF exports are unchanged.
    assert!(ok(bin().args(["export", "--format", "ntriples", "--store"]).arg(&store)).lines().count() > 100);

    // The timeline: events in date order with the publications covering them.
    let json = ok(bin().args(["timeline", "--country", "JO", "--format", "json", "--store"]).arg(&store));
    let v: Value = serde_json::from_str(&json).unwrap();
    let evs = v["timeline"].as_array().unwrap();
    let dates: Vec<&str> = evs.iter().filter_map(|e| e["date"].as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    let strike = evs.iter().find(|e| e["type"] == "ASSAULT" && e["date"] == "2024-01-28").expect("the strike in Jordan");
    assert!(strike["publications"].as_array().unwrap().len() >= 3, "{strike}");
    let csv = ok(bin().args(["timeline", "--country", "JO", "--format", "csv", "--store"]).arg(&store));
    assert!(csv.starts_with("date,type,event,"));
    let table = ok(bin().args(["timeline", "--from", "2024-01-28", "--to", "2024-01-28", "--store"]).arg(&store));
    assert!(table.contains("2024-01-28"));
}
