//! Export: writers that serialize a [`Projection`] for graph tools.
//!
//! One small module per format, each a plain writer over `io::Write` with
//! its own escaping (no third-party serializers): [`graphml`] (Gephi, yEd,
//! Cytoscape, networkx), [`gexf`] (Gephi, networkx; the 1.2draft namespace
//! with `viz` colours, positions and sizes), [`dot`] (Graphviz, with the
//! layout's positions pinned), [`cyjs`] (Cytoscape.js JSON, also what the
//! viewer and the server's `/graph` use) and [`html`] (one offline page
//! with an interactive viewer). The projection, filters and layout are in
//! [`crate::graph`]; the RDF formats are dumped by the store itself.

pub mod cyjs;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod html;

use crate::error::Result;
use crate::graph::Projection;
use std::io::Write;

/// The graph formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    GraphMl,
    Gexf,
    Dot,
    CyJs,
    Html,
}

impl Format {
    pub const ALL: [Format; 5] = [Format::GraphMl, Format::Gexf, Format::Dot, Format::CyJs, Format::Html];

    pub fn as_str(&self) -> &'static str {
        match self {
            Format::GraphMl => "graphml",
            Format::Gexf => "gexf",
            Format::Dot => "dot",
            Format::CyJs => "cyjs",
            Format::Html => "html",
        }
    }
    pub fn extension(&self) -> &'static str {
        match self {
            Format::CyJs => "cyjs",
            f => f.as_str(),
        }
    }
    pub fn media_type(&self) -> &'static str {
        match self {
            Format::GraphMl => "application/graphml+xml",
            Format::Gexf => "application/gexf+xml",
            Format::Dot => "text/vnd.graphviz",
            Format::CyJs => "application/json",
            Format::Html => "text/html; charset=utf-8",
        }
    }
}

/// Words about the graph, for titles and metadata.
#[derive(Clone, Debug, Default)]
pub struct Meta {
    pub title: String,
    pub description: String,
}

impl Meta {
    pub fn new(title: impl Into<String>, description: impl Into<String>) -> Meta {
        Meta { title: title.into(), description: description.into() }
    }
}

/// Write the projection in a format.
pub fn write(p: &Projection, format: Format, meta: &Meta, w: &mut dyn Write) -> Result<()> {
    match format {
        Format::GraphMl => graphml::write(p, meta, w),
        Format::Gexf => gexf::write(p, meta, w),
        Format::Dot => dot::write(p, meta, w),
        Format::CyJs => cyjs::write(p, meta, w),
        Format::Html => html::write(p, meta, w),
    }
}

/// Escape text for XML 1.0 content and attribute values. Characters XML
/// cannot hold at all (most C0 controls, lone surrogates cannot occur in
/// `str`, U+FFFE/U+FFFF) are replaced by U+FFFD.
pub(crate) fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A number as the XML and JSON writers print it (no NaN or infinities).
pub(crate) fn num(v: f64) -> String {
    if v.is_finite() {
        let s = format!("{v}");
        if s == "-0" {
            "0".into()
        } else {
            s
        }
    } else {
        "0".into()
    }
}

#[cfg(test)]
pub(crate) mod tests;
