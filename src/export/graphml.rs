//! GraphML, with typed keys the way Gephi, yEd and Cytoscape read them.
//!
//! Node keys: `label`, `kind`, `iri`, `date`, `detail`, `x`, `y`, `size`,
//! `r`, `g`, `b` (Gephi's importer turns these names into positions, sizes
//! and colours), `degree`, `pagerank`; edge keys: `label`, `kind`,
//! `weight`. The graph is directed; co-mention edges say so in their
//! `kind` (networkx refuses `directed="false"` edges in a directed graph).

use super::{num, xml_escape, Meta};
use crate::error::Result;
use crate::graph::Projection;
use std::io::Write;

const NODE_KEYS: &[(&str, &str, &str)] = &[
    ("label", "label", "string"),
    ("kind", "kind", "string"),
    ("iri", "iri", "string"),
    ("date", "date", "string"),
    ("detail", "detail", "string"),
    ("x", "x", "double"),
    ("y", "y", "double"),
    ("size", "size", "double"),
    ("r", "r", "int"),
    ("g", "g", "int"),
    ("b", "b", "int"),
    ("degree", "degree", "int"),
    ("pagerank", "pagerank", "double"),
];

const EDGE_KEYS: &[(&str, &str, &str)] = &[("elabel", "label", "string"), ("ekind", "kind", "string"), ("weight", "weight", "double")];

pub fn write(p: &Projection, meta: &Meta, w: &mut dyn Write) -> Result<()> {
    let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    if !meta.title.is_empty() || !meta.description.is_empty() {
        writeln!(w, "  <desc>{}</desc>", xml_escape(&[meta.title.as_str(), meta.description.as_str()].join(": ").trim_matches([':', ' '])))?;
    }
    for (id, name, ty) in NODE_KEYS {
        writeln!(w, r#"  <key id="{id}" for="node" attr.name="{name}" attr.type="{ty}"/>"#)?;
    }
    for (id, name, ty) in EDGE_KEYS {
        writeln!(w, r#"  <key id="{id}" for="edge" attr.name="{name}" attr.type="{ty}"/>"#)?;
    }
    writeln!(w, r#"  <graph id="dossier" edgedefault="directed">"#)?;
    for (i, n) in p.nodes() {
        let (r, g, b) = n.kind.color();
        write!(w, r#"    <node id="n{}">"#, i.index())?;
        write!(w, r#"<data key="label">{}</data><data key="kind">{}</data><data key="iri">{}</data>"#, xml_escape(&n.label), n.kind.as_str(), xml_escape(&n.iri))?;
        if let Some(d) = &n.date {
            write!(w, r#"<data key="date">{}</data>"#, xml_escape(d))?;
        }
        if let Some(d) = &n.detail {
            write!(w, r#"<data key="detail">{}</data>"#, xml_escape(d))?;
        }
        write!(
            w,
            r#"<data key="x">{}</data><data key="y">{}</data><data key="size">{}</data><data key="r">{r}</data><data key="g">{g}</data><data key="b">{b}</data><data key="degree">{}</data><data key="pagerank">{}</data>"#,
            num(n.x),
            num(n.y),
            num(n.size),
            n.degree,
            num(n.rank)
        )?;
        writeln!(w, "</node>")?;
    }
    for (k, (s, t, e)) in p.edges().enumerate() {
        writeln!(
            w,
            r#"    <edge id="e{k}" source="n{}" target="n{}"><data key="elabel">{}</data><data key="ekind">{}</data><data key="weight">{}</data></edge>"#,
            s.index(),
            t.index(),
            xml_escape(&e.label),
            e.kind.as_str(),
            num(e.weight)
        )?;
    }
    writeln!(w, "  </graph>")?;
    writeln!(w, "</graphml>")?;
    w.flush()?;
    Ok(())
}
