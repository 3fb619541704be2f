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

pub fn write(p: &Projection, meta: &Meta, w: &mut dyn Write) -> Result<()> {
    let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
    serde_json::to_writer(&mut w, &to_value(p, meta)).map_err(std::io::Error::from)?;
    writeln!(w)?;
    w.flush()?;
    Ok(())
}
