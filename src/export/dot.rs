//! Graphviz DOT, with the layout's positions pinned.
//!
//! Every id and attribute value is a double-quoted string escaped here:
//! quotes and backslashes are escaped, line breaks become `\n`, other
//! control characters are dropped. Labels are never HTML-like (`<…>`)
//! strings, so `<` and `>` are plain text. The graph asks for the `neato`
//! engine with pinned positions (`pos="x,y!"`), so `dot -Tsvg` draws the
//! layout computed in Rust instead of laying out again (`inputscale=72`:
//! positions are in points, half a point per layout unit).

use super::{num, Meta};
use crate::error::Result;
use crate::graph::Projection;
use std::io::Write;

/// A DOT double-quoted string.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Points per layout unit.
const SCALE: f64 = 0.5;

pub fn write(p: &Projection, meta: &Meta, w: &mut dyn Write) -> Result<()> {
    let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
    writeln!(w, "digraph dossier {{")?;
    let label = if meta.title.is_empty() { "Dossier graph" } else { &meta.title };
    writeln!(
        w,
        "  graph [layout=neato, inputscale=72, outputorder=edgesfirst, overlap=true, splines=false, fontname=\"Helvetica\", label={}, labelloc=t];",
        quote(label)
    )?;
    writeln!(w, "  node [shape=circle, style=filled, fixedsize=true, fontname=\"Helvetica\", fontsize=8, color=\"#333333\", penwidth=0.5];")?;
    writeln!(w, "  edge [color=\"#99999988\", arrowsize=0.4, fontname=\"Helvetica\", fontsize=6];")?;
    for (i, n) in p.nodes() {
        // Diameter in inches (72 points each).
        let d = (n.size * SCALE / 72.0).max(0.05);
        let mut tip = format!("{} ({})", n.label, n.kind.as_str());
        if let Some(date) = &n.date {
            tip.push_str(&format!(" {date}"));
        }
        writeln!(
            w,
            "  n{} [label={}, xlabel={}, tooltip={}, fillcolor={}, width={}, pos={}, kind={}, iri={}];",
            i.index(),
            quote(""),
            quote(&n.label),
            quote(&tip),
            quote(&n.hex()),
            num((d * 1000.0).round() / 1000.0),
            quote(&format!("{},{}!", num(n.x * SCALE), num(-n.y * SCALE))),
            quote(n.kind.as_str()),
            quote(&n.iri)
        )?;
    }
    for (s, t, e) in p.edges() {
        let dir = if e.kind.is_directed() { "" } else { ", dir=none" };
        writeln!(
            w,
            "  n{} -> n{} [kind={}, label={}, weight={}, penwidth={}{dir}];",
            s.index(),
            t.index(),
            quote(e.kind.as_str()),
            quote(if e.kind == crate::graph::EdgeKind::Other { &e.label } else { "" }),
            num(e.weight.max(1.0).round()),
            num(((0.5 + e.weight.ln_1p() * 0.5) * 100.0).round() / 100.0)
        )?;
    }
    writeln!(w, "}}")?;
    w.flush()?;
    Ok(())
}
