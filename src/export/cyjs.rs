//! Cytoscape.js JSON (`.cyjs`), as Cytoscape desktop and Cytoscape.js read
//! it: `elements.nodes[].data` (id, label, kind, iri, date, detail, degree,
//! pagerank, size, color) with `position`, and `elements.edges[].data`
//! (id, source, target, kind, label, weight). The HTML viewer and the
//! server's `/graph` use the same document.

use super::Meta;
use crate::error::Result;
use crate::graph::Projection;
use serde_json::{json, Value};
use std::io::Write;

fn finite(v: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        0.0
    }
}

/// The projection as a Cytoscape.js JSON value.
pub fn to_value(p: &Projection, meta: &Meta) -> Value {
    let nodes: Vec<Value> = p
        .nodes()
        .map(|(i, n)| {
            let mut data = json!({
                "id": format!("n{}", i.index()),
                "label": n.label,
                "kind": n.kind.as_str(),
                "iri": n.iri,
                "degree": n.degree,
                "pagerank": finite(n.rank),
                "size": finite(n.size),
                "color": n.hex(),
            });
            if let Some(d) = &n.date {
                data["date"] = json!(d);
            }
            if let Some(d) = &n.detail {
                data["detail"] = json!(d);
            }
            json!({ "data": data, "position": { "x": finite(n.x), "y": finite(n.y) } })
        })
        .collect();
    let edges: Vec<Value> = p
        .edges()
        .enumerate()
        .map(|(k, (s, t, e))| {
            json!({ "data": {
                "id": format!("e{k}"),
                "source": format!("n{}", s.index()),
                "target": format!("n{}", t.index()),
                "kind": e.kind.as_str(),
                "label": e.label,
                "weight": finite(e.weight),
                "directed": e.kind.is_directed(),
            }})
        })
        .collect();
    json!({
        "format_version": "1.0",
        "generated_by": format!("dossier-{}", env!("CARGO_PKG_VERSION")),
        "target_cytoscapejs_version": "~3.0",
        "data": { "name": meta.title, "description": meta.description },
        "elements": { "nodes": nodes, "edges": edges },
    })
}

/// A JSON string literal.
fn js(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// A JSON number, as serde_json writes it (finite only).
fn jn(v: f64) -> String {
    serde_json::to_string(&finite(v)).unwrap_or_else(|_| "0".into())
}

/// Stream the document (the same JSON as [`to_value`], without building it
/// in memory: a 300,000-edge graph is written in a fraction of a second).
pub fn write(p: &Projection, meta: &Meta, w: &mut dyn Write) -> Result<()> {
    let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
    write!(
        w,
        r#"{{"format_version":"1.0","generated_by":{},"target_cytoscapejs_version":"~3.0","data":{{"name":{},"description":{}}},"elements":{{"nodes":["#,
        js(&format!("dossier-{}", env!("CARGO_PKG_VERSION"))),
        js(&meta.title),
        js(&meta.description)
    )?;
    for (k, (i, n)) in p.nodes().enumerate() {
        if k > 0 {
            w.write_all(b",")?;
        }
        write!(
            w,
            r#"{{"data":{{"id":"n{}","label":{},"kind":"{}","iri":{},"degree":{},"pagerank":{},"size":{},"color":"{}""#,
            i.index(),
            js(&n.label),
            n.kind.as_str(),
            js(&n.iri),
            n.degree,
            jn(n.rank),
            jn(n.size),
            n.hex()
        )?;
        if let Some(d) = &n.date {
            write!(w, r#","date":{}"#, js(d))?;
        }
        if let Some(d) = &n.detail {
            write!(w, r#","detail":{}"#, js(d))?;
        }
        write!(w, r#"}},"position":{{"x":{},"y":{}}}}}"#, jn(n.x), jn(n.y))?;
    }
    w.write_all(br#"],"edges":["#)?;
    for (k, (s, t, e)) in p.edges().enumerate() {
        if k > 0 {
            w.write_all(b",")?;
        }
        write!(
            w,
            r#"{{"data":{{"id":"e{k}","source":"n{}","target":"n{}","kind":"{}","label":{},"weight":{},"directed":{}}}}}"#,
            s.index(),
            t.index(),
            e.kind.as_str(),
            js(&e.label),
            jn(e.weight),
            e.kind.is_directed()
        )?;
    }
    w.write_all(b"]}}\n")?;
    w.flush()?;
    Ok(())
}
