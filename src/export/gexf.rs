//! GEXF 1.2 (the `1.2draft` namespace networkx writes by default), with
//! the `viz` module for colours, positions and sizes.
//!
//! Attributes are declared in `<attributes>` before `<nodes>` and
//! `<edges>`: kind, iri, date, detail, degree and pagerank for nodes; kind
//! for edges (their label and weight are GEXF's own). The graph is
//! directed; co-mention edges are marked by their kind, since networkx
//! refuses undirected edges in a directed graph.

use super::{num, xml_escape, Meta};
use crate::error::Result;
use crate::graph::Projection;
use std::io::Write;

const NODE_ATTRS: &[(&str, &str)] =
    &[("kind", "string"), ("iri", "string"), ("date", "string"), ("detail", "string"), ("degree", "integer"), ("pagerank", "double")];

pub fn write(p: &Projection, meta: &Meta, w: &mut dyn Write) -> Result<()> {
    let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">"#
    )?;
    writeln!(w, "  <meta>")?;
    writeln!(w, "    <creator>Dossier {}</creator>", env!("CARGO_PKG_VERSION"))?;
    if !meta.description.is_empty() || !meta.title.is_empty() {
        let d = if meta.description.is_empty() { &meta.title } else { &meta.description };
        writeln!(w, "    <description>{}</description>", xml_escape(d))?;
    }
    writeln!(w, "  </meta>")?;
    writeln!(w, r#"  <graph defaultedgetype="directed" mode="static">"#)?;
    writeln!(w, r#"    <attributes class="node" mode="static">"#)?;
    for (i, (name, ty)) in NODE_ATTRS.iter().enumerate() {
        writeln!(w, r#"      <attribute id="{i}" title="{name}" type="{ty}"/>"#)?;
    }
    writeln!(w, "    </attributes>")?;
    writeln!(w, r#"    <attributes class="edge" mode="static">"#)?;
    writeln!(w, r#"      <attribute id="0" title="kind" type="string"/>"#)?;
    writeln!(w, "    </attributes>")?;
    writeln!(w, "    <nodes>")?;
    for (i, n) in p.nodes() {
        let (r, g, b) = n.kind.color();
        write!(w, r#"      <node id="n{}" label="{}"><attvalues>"#, i.index(), xml_escape(&n.label))?;
        let vals: [Option<String>; 6] = [
            Some(n.kind.as_str().to_string()),
            Some(xml_escape(&n.iri)),
            n.date.as_deref().map(xml_escape),
            n.detail.as_deref().map(xml_escape),
            Some(n.degree.to_string()),
            Some(num(n.rank)),
        ];
        for (k, v) in vals.iter().enumerate() {
            if let Some(v) = v {
                write!(w, r#"<attvalue for="{k}" value="{v}"/>"#)?;
            }
        }
        writeln!(
            w,
            r#"</attvalues><viz:color r="{r}" g="{g}" b="{b}" a="1.0"/><viz:position x="{}" y="{}" z="0.0"/><viz:size value="{}"/></node>"#,
            num(n.x),
            // GEXF's y axis points up; the layout's points down (screen).
            num(-n.y),
            num(n.size)
        )?;
    }
    writeln!(w, "    </nodes>")?;
    writeln!(w, "    <edges>")?;
    for (k, (s, t, e)) in p.edges().enumerate() {
        writeln!(
            w,
            r#"      <edge id="e{k}" source="n{}" target="n{}" label="{}" weight="{}"><attvalues><attvalue for="0" value="{}"/></attvalues></edge>"#,
            s.index(),
            t.index(),
            xml_escape(&e.label),
            num(e.weight),
            e.kind.as_str()
        )?;
    }
    writeln!(w, "    </edges>")?;
    writeln!(w, "  </graph>")?;
    writeln!(w, "</gexf>")?;
    w.flush()?;
    Ok(())
}
