//! One self-contained HTML page with an interactive graph viewer.
//!
//! The page works offline: the viewer (`viewer.js`, plain JavaScript on a
//! canvas, written for Dossier) and its style sheet are inlined, and the
//! graph is embedded as Cytoscape.js JSON (see [`super::cyjs`]) in a
//! `<script type="application/json">` element, with `<`, `>` and `&`
//! written as JSON escapes so no label can close the script element. The
//! server's page (`crate::serve`) uses the same viewer.

use super::{cyjs, Meta};
use crate::error::Result;
use crate::graph::Projection;
use std::io::Write;

/// The viewer's code and style, shared with the server's page.
pub const VIEWER_JS: &str = include_str!("viewer.js");
pub const VIEWER_CSS: &str = include_str!("viewer.css");

/// JSON text that is safe inside an HTML `<script>` element: `<`, `>`,
/// `&` and the JavaScript line separators become `\uXXXX` escapes (they
/// only ever occur inside JSON strings, where the escapes mean the same).
pub fn script_json(v: &serde_json::Value) -> String {
    script_safe(&serde_json::to_string(v).unwrap_or_else(|_| "null".into()))
}

/// [`script_json`] for JSON text already written.
pub fn script_safe(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 64);
    for c in s.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Escape text for HTML content and attributes.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub fn write(p: &Projection, meta: &Meta, w: &mut dyn Write) -> Result<()> {
    let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
    let title = if meta.title.is_empty() { "Dossier graph".to_string() } else { meta.title.clone() };
    let mut json = Vec::new();
    cyjs::write(p, meta, &mut json)?;
    let data = script_safe(String::from_utf8_lossy(&json).trim_end());
    let opts = script_json(&serde_json::json!({ "title": title }));
    write!(
        w,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"Dossier {}\">\n<title>{}</title>\n<style>\nhtml, body {{ margin: 0; height: 100%; }}\n#dossier-viewer {{ height: 100vh; }}\n{}</style>\n</head>\n<body>\n\
         <div id=\"dossier-viewer\"><noscript>This page needs JavaScript to draw the graph.</noscript></div>\n\
         <script type=\"application/json\" id=\"dossier-graph\">{}</script>\n<script>\n{}\n</script>\n\
         <script>\nDossierViewer.mount(document.getElementById('dossier-viewer'), JSON.parse(document.getElementById('dossier-graph').textContent), {});\n</script>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        html_escape(&title),
        VIEWER_CSS,
        data,
        VIEWER_JS,
        opts
    )?;
    w.flush()?;
    Ok(())
}
