//! Tests of the writers: well-formed output read back by small checkers
//! written here, hostile labels escaped, node and edge counts kept.

use super::*;
use crate::graph::{Edge, EdgeKind, Node, NodeKind, Projection};
use std::collections::BTreeMap;

/// Labels that try to break every format.
pub(crate) const HOSTILE: &str = "Tom \"The Bomb\" O'Neil <b>&amp;</b> \\N \\ back\nslash </script><script>alert(1)</script> \u{1}\u{2028} ]]> -->";

/// A small graph with hostile labels and every edge kind.
pub(crate) fn hostile() -> Projection {
    let mut p = Projection::default();
    let g = &mut p.graph;
    let mut a = Node::new("https://w3id.org/dossier/id/person/tom?x=1&y=<2>", HOSTILE, NodeKind::Person);
    a.date = Some("2024-01-28".into());
    let mut b = Node::new("https://w3id.org/dossier/id/event/e1", "strike \"at\" <Tower 22>", NodeKind::Event);
    b.detail = Some("ASSAULT".into());
    let c = Node::new("https://w3id.org/dossier/id/country/JO", "Jordan", NodeKind::Country);
    let d = Node::new("https://w3id.org/dossier/id/publication/p1", "", NodeKind::Publication);
    let (a, b, c, d) = (g.add_node(a), g.add_node(b), g.add_node(c), g.add_node(d));
    g.add_edge(a, b, Edge::new(EdgeKind::ParticipatesIn, 1.0));
    g.add_edge(b, c, Edge::new(EdgeKind::LocatedIn, 1.0));
    g.add_edge(d, a, Edge::new(EdgeKind::Mentions, 1.0));
    g.add_edge(d, a, Edge::new(EdgeKind::AuthoredBy, 1.0));
    g.add_edge(a, c, Edge::new(EdgeKind::CoMention, 3.0));
    g.add_edge(c, a, Edge { kind: EdgeKind::Other, label: "ex:<rel>&\"q\"".into(), weight: 2.0 });
    p.finish(crate::graph::SizeBy::Degree, true, 1);
    p
}

fn out(p: &Projection, f: Format) -> String {
    let mut v = Vec::new();
    write(p, f, &Meta::new("Test <graph> & \"co\"", "hostile </script>"), &mut v).unwrap();
    String::from_utf8(v).unwrap()
}

/// One XML element as read by [`xml_check`].
#[derive(Debug, Default)]
pub(crate) struct XmlElement {
    pub name: String,
    pub attrs: BTreeMap<String, String>,
    pub text: String,
}

fn xml_unescape(s: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let end = rest[i..].find(';').ok_or_else(|| format!("unterminated entity in {s:?}"))? + i;
        let ent = &rest[i + 1..end];
        match ent {
            "amp" => out.push('&'),
            "lt" => out.push('<'),
            "gt" => out.push('>'),
            "quot" => out.push('"'),
            "apos" => out.push('\''),
            e if e.starts_with("#x") => out.push(char::from_u32(u32::from_str_radix(&e[2..], 16).map_err(|x| x.to_string())?).ok_or("bad char")?),
            e if e.starts_with('#') => out.push(char::from_u32(e[1..].parse().map_err(|_| format!("bad entity {e}"))?).ok_or("bad char")?),
            e => return Err(format!("unknown entity &{e};")),
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// A strict little XML reader: balanced tags, quoted attributes, known
/// entities only, no raw `<` or `&`, no characters XML forbids. Returns
/// the elements in document order.
pub(crate) fn xml_check(doc: &str) -> Result<Vec<XmlElement>, String> {
    if let Some(c) = doc.chars().find(|&c| (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')) {
        return Err(format!("forbidden character {c:?}"));
    }
    let mut rest = doc.trim_start();
    if let Some(r) = rest.strip_prefix("<?xml") {
        rest = &r[r.find("?>").ok_or("unterminated declaration")? + 2..];
    }
    let mut stack: Vec<usize> = Vec::new();
    let mut els: Vec<XmlElement> = Vec::new();
    let mut root_closed = false;
    loop {
        let i = match rest.find('<') {
            Some(i) => i,
            None => {
                if !rest.trim().is_empty() {
                    return Err("text after the root".into());
                }
                break;
            }
        };
        let text = &rest[..i];
        if text.contains('>') && text.contains("]]>") {
            return Err("]]> in text".into());
        }
        let t = xml_unescape(text)?;
        match stack.last() {
            Some(&e) => els[e].text.push_str(&t),
            None if !t.trim().is_empty() => return Err(format!("text outside the root: {t:?}")),
            None => {}
        }
        rest = &rest[i..];
        if let Some(r) = rest.strip_prefix("<!--") {
            rest = &r[r.find("-->").ok_or("unterminated comment")? + 3..];
            continue;
        }
        let end = find_tag_end(rest).ok_or("unterminated tag")?;
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack.pop().ok_or_else(|| format!("close </{name}> without open"))?;
            if els[open].name != name.trim() {
                return Err(format!("</{}> closes <{}>", name.trim(), els[open].name));
            }
            if stack.is_empty() {
                root_closed = true;
            }
            continue;
        }
        if root_closed {
            return Err("a second root element".into());
        }
        let self_closing = tag.ends_with('/');
        let body = tag.trim_end_matches('/');
        let name_end = body.find(char::is_whitespace).unwrap_or(body.len());
        let name = &body[..name_end];
        if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || matches!(c, ':' | '_' | '-' | '.')) {
            return Err(format!("bad element name {name:?}"));
        }
        let mut el = XmlElement { name: name.to_string(), ..Default::default() };
        let mut a = body[name_end..].trim_start();
        while !a.is_empty() {
            let eq = a.find('=').ok_or_else(|| format!("attribute without value in <{name}>"))?;
            let key = a[..eq].trim();
            let after = a[eq + 1..].trim_start();
            let q = after.chars().next().ok_or("missing quote")?;
            if q != '"' && q != '\'' {
                return Err(format!("unquoted attribute {key}"));
            }
            let close = after[1..].find(q).ok_or("unterminated attribute")? + 1;
            let raw = &after[1..close];
            if raw.contains('<') {
                return Err(format!("raw < in attribute {key}"));
            }
            if el.attrs.insert(key.to_string(), xml_unescape(raw)?).is_some() {
                return Err(format!("duplicate attribute {key}"));
            }
            a = after[close + 1..].trim_start();
        }
        els.push(el);
        if !self_closing {
            stack.push(els.len() - 1);
        } else if stack.is_empty() {
            root_closed = true;
        }
    }
    if !stack.is_empty() {
        return Err(format!("unclosed <{}>", els[*stack.last().unwrap()].name));
    }
    Ok(els)
}

/// The `>` that ends the tag starting at 0, skipping quoted attribute values.
fn find_tag_end(s: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"') | (None, '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

/// What XML escaping keeps of a label: forbidden characters become U+FFFD.
fn xml_kept(s: &str) -> String {
    s.chars().map(|c| if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') { '\u{FFFD}' } else { c }).collect()
}

#[test]
fn the_xml_checker_rejects_broken_documents() {
    assert!(xml_check("<a><b x=\"1\"/>t &amp; u</a>").is_ok());
    assert!(xml_check("<a><b></a>").is_err());
    assert!(xml_check("<a x=\"<\"/>").is_err());
    assert!(xml_check("<a>&nbsp;</a>").is_err());
    assert!(xml_check("<a>x & y</a>").is_err());
    assert!(xml_check("<a x=1/>").is_err());
    assert!(xml_check("<a/><b/>").is_err());
    assert!(xml_check("<a>\u{1}</a>").is_err());
}

#[test]
fn graphml_is_well_formed_typed_and_complete() {
    let p = hostile();
    let doc = out(&p, Format::GraphMl);
    let els = xml_check(&doc).unwrap_or_else(|e| panic!("{e}\n{doc}"));
    assert_eq!(els[0].name, "graphml");
    assert_eq!(els[0].attrs["xmlns"], "http://graphml.graphdrawing.org/xmlns");
    let count = |n: &str| els.iter().filter(|e| e.name == n).count();
    assert_eq!(count("node"), p.node_count());
    assert_eq!(count("edge"), p.edge_count());
    // Typed keys under the names Gephi reads.
    let keys: BTreeMap<(String, String), String> = els
        .iter()
        .filter(|e| e.name == "key")
        .map(|e| ((e.attrs["for"].clone(), e.attrs["attr.name"].clone()), e.attrs["attr.type"].clone()))
        .collect();
    for (name, ty) in [("label", "string"), ("kind", "string"), ("iri", "string"), ("x", "double"), ("y", "double"), ("size", "double"), ("r", "int"), ("g", "int"), ("b", "int")] {
        assert_eq!(keys.get(&("node".into(), name.into())).map(String::as_str), Some(ty), "{name}");
    }
    assert_eq!(keys.get(&("edge".into(), "weight".into())).map(String::as_str), Some("double"));
    // Keys come before the graph.
    let gi = els.iter().position(|e| e.name == "graph").unwrap();
    assert!(els.iter().rposition(|e| e.name == "key").unwrap() < gi);
    // The hostile label and IRI read back exactly.
    let labels: Vec<&str> = els.iter().filter(|e| e.name == "data" && e.attrs["key"] == "label").map(|e| e.text.as_str()).collect();
    assert!(labels.contains(&xml_kept(HOSTILE).as_str()), "{labels:?}");
    assert!(els.iter().any(|e| e.name == "data" && e.attrs["key"] == "iri" && e.text == "https://w3id.org/dossier/id/person/tom?x=1&y=<2>"));
    // Every edge names existing nodes.
    let ids: Vec<&str> = els.iter().filter(|e| e.name == "node").map(|e| e.attrs["id"].as_str()).collect();
    for e in els.iter().filter(|e| e.name == "edge") {
        assert!(ids.contains(&e.attrs["source"].as_str()) && ids.contains(&e.attrs["target"].as_str()));
    }
    assert!(els.iter().any(|e| e.name == "data" && e.attrs["key"] == "weight" && e.text == "3"));
}

#[test]
fn gexf_declares_attributes_first_and_has_viz() {
    let p = hostile();
    let doc = out(&p, Format::Gexf);
    let els = xml_check(&doc).unwrap_or_else(|e| panic!("{e}\n{doc}"));
    assert_eq!(els[0].name, "gexf");
    assert_eq!(els[0].attrs["xmlns"], "http://www.gexf.net/1.2draft");
    assert_eq!(els[0].attrs["xmlns:viz"], "http://www.gexf.net/1.2draft/viz");
    assert_eq!(els[0].attrs["version"], "1.2");
    let pos = |n: &str| els.iter().position(|e| e.name == n).unwrap();
    assert!(pos("attributes") < pos("nodes"));
    assert!(els.iter().rposition(|e| e.name == "attributes").unwrap() < pos("nodes"));
    let count = |n: &str| els.iter().filter(|e| e.name == n).count();
    assert_eq!(count("node"), p.node_count());
    assert_eq!(count("edge"), p.edge_count());
    assert_eq!(count("viz:color"), p.node_count());
    assert_eq!(count("viz:position"), p.node_count());
    assert_eq!(count("viz:size"), p.node_count());
    assert!(els.iter().any(|e| e.name == "node" && e.attrs["label"] == xml_kept(HOSTILE)));
    let person = els.iter().position(|e| e.name == "node" && e.attrs["label"] == xml_kept(HOSTILE)).unwrap();
    let color = els[person..].iter().find(|e| e.name == "viz:color").unwrap();
    assert_eq!((color.attrs["r"].as_str(), color.attrs["g"].as_str(), color.attrs["b"].as_str()), ("31", "119", "180"));
    // Every attvalue refers to a declared attribute.
    assert!(els.iter().filter(|e| e.name == "attvalue").all(|e| e.attrs["for"].parse::<usize>().unwrap() < 6));
    assert!(els.iter().any(|e| e.name == "edge" && e.attrs["weight"] == "3"));
}

/// Read the DOT statements back: ids and `key="value"` attributes with the
/// escapes undone; fails on anything unbalanced.
fn dot_read(doc: &str) -> Result<Vec<(String, BTreeMap<String, String>)>, String> {
    let mut out = Vec::new();
    for line in doc.lines() {
        let l = line.trim();
        if l.is_empty() || l == "}" || l.starts_with("digraph") || l.starts_with("graph [") || l.starts_with("node [") || l.starts_with("edge [") {
            continue;
        }
        let open = l.find('[').ok_or_else(|| format!("no attributes: {l}"))?;
        let head = l[..open].trim().to_string();
        let mut attrs = BTreeMap::new();
        let mut rest = &l[open + 1..];
        loop {
            rest = rest.trim_start_matches([' ', ',']);
            if let Some(r) = rest.strip_prefix("];") {
                if !r.is_empty() {
                    return Err(format!("text after the statement: {r}"));
                }
                break;
            }
            let eq = rest.find('=').ok_or_else(|| format!("no = in {rest}"))?;
            let key = rest[..eq].trim().to_string();
            let v = &rest[eq + 1..];
            let (value, after) = if let Some(q) = v.strip_prefix('"') {
                let mut val = String::new();
                let mut chars = q.char_indices();
                let mut end = None;
                while let Some((i, c)) = chars.next() {
                    match c {
                        '\\' => match chars.next() {
                            Some((_, '"')) => val.push('"'),
                            Some((_, '\\')) => val.push('\\'),
                            Some((_, 'n')) => val.push('\n'),
                            Some((_, o)) => {
                                val.push('\\');
                                val.push(o)
                            }
                            None => return Err("dangling backslash".into()),
                        },
                        '"' => {
                            end = Some(i);
                            break;
                        }
                        c => val.push(c),
                    }
                }
                let end = end.ok_or_else(|| format!("unterminated string in {l}"))?;
                (val, &q[end + 1..])
            } else {
                let end = v.find([',', ']']).ok_or("unterminated value")?;
                (v[..end].to_string(), &v[end..])
            };
            attrs.insert(key, value);
            rest = after;
        }
        out.push((head, attrs));
    }
    Ok(out)
}

#[test]
fn dot_escapes_quotes_backslashes_newlines_and_keeps_angle_brackets_as_text() {
    let p = hostile();
    let doc = out(&p, Format::Dot);
    assert!(doc.starts_with("digraph dossier {"));
    assert!(doc.trim_end().ends_with('}'));
    let stmts = dot_read(&doc).unwrap_or_else(|e| panic!("{e}\n{doc}"));
    let nodes: Vec<_> = stmts.iter().filter(|(h, _)| !h.contains("->")).collect();
    let edges: Vec<_> = stmts.iter().filter(|(h, _)| h.contains("->")).collect();
    assert_eq!(nodes.len(), p.node_count());
    assert_eq!(edges.len(), p.edge_count());
    // The label reads back (control characters dropped), and is a quoted
    // string, never an HTML-like <...> label.
    let want: String = HOSTILE.chars().filter(|c| !c.is_control() || *c == '\n').collect();
    assert!(nodes.iter().any(|(_, a)| a["xlabel"] == want), "{doc}");
    assert!(doc.lines().all(|l| !l.contains("label=<")));
    // No raw newline inside a statement, positions pinned.
    assert!(nodes.iter().all(|(_, a)| a["pos"].ends_with('!')));
    assert!(edges.iter().any(|(_, a)| a.get("dir").map(String::as_str) == Some("none")));
    assert!(edges.iter().any(|(_, a)| a["label"] == "ex:<rel>&\"q\""));
    assert_eq!(dot::quote("a\"b\\c\nd\re\u{7}"), "\"a\\\"b\\\\c\\nde\"");
}

#[test]
fn cyjs_has_elements_with_data_and_positions() {
    let p = hostile();
    let doc = out(&p, Format::CyJs);
    let v: serde_json::Value = serde_json::from_str(&doc).unwrap();
    let nodes = v["elements"]["nodes"].as_array().unwrap();
    let edges = v["elements"]["edges"].as_array().unwrap();
    assert_eq!(nodes.len(), p.node_count());
    assert_eq!(edges.len(), p.edge_count());
    let ids: Vec<&str> = nodes.iter().map(|n| n["data"]["id"].as_str().unwrap()).collect();
    for e in edges {
        assert!(ids.contains(&e["data"]["source"].as_str().unwrap()));
        assert!(ids.contains(&e["data"]["target"].as_str().unwrap()));
    }
    assert!(nodes.iter().all(|n| n["position"]["x"].is_number() && n["position"]["y"].is_number()));
    assert!(nodes.iter().any(|n| n["data"]["label"] == HOSTILE));
    assert!(nodes.iter().any(|n| n["data"]["kind"] == "event" && n["data"]["detail"] == "ASSAULT"));
    assert!(edges.iter().any(|e| e["data"]["kind"] == "co-mention" && e["data"]["weight"] == 3.0 && e["data"]["directed"] == false));
    assert_eq!(v["data"]["name"], "Test <graph> & \"co\"");
    // The streamed document is the one `to_value` builds (numbers equal up
    // to the last bit lost when parsing them back).
    fn same(a: &serde_json::Value, b: &serde_json::Value) -> bool {
        use serde_json::Value::*;
        match (a, b) {
            (Number(x), Number(y)) => (x.as_f64().unwrap() - y.as_f64().unwrap()).abs() <= 1e-12 * x.as_f64().unwrap().abs().max(1.0),
            (Array(x), Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
            (Object(x), Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w))),
            _ => a == b,
        }
    }
    assert!(same(&v, &cyjs::to_value(&p, &Meta::new("Test <graph> & \"co\"", "hostile </script>"))));
}

#[test]
fn html_is_one_offline_page_that_no_label_can_break() {
    let p = hostile();
    let doc = out(&p, Format::Html);
    assert!(doc.starts_with("<!DOCTYPE html>"));
    // Three script elements, and exactly three closing tags: no label closes one.
    assert_eq!(doc.matches("<script").count(), 3);
    assert_eq!(doc.to_ascii_lowercase().matches("</script").count(), 3);
    assert!(!doc.contains("<script>alert(1)"));
    // Nothing is fetched: no external scripts, styles or fonts.
    for bad in ["src=\"http", "src='http", "href=\"http", "@import", "url(http", "//cdn"] {
        assert!(!doc.contains(bad), "{bad}");
    }
    // The embedded data reads back exactly.
    let start = doc.find("<script type=\"application/json\" id=\"dossier-graph\">").unwrap();
    let body = &doc[start..];
    let body = &body[body.find('>').unwrap() + 1..body.find("</script>").unwrap()];
    let v: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(v["elements"]["nodes"].as_array().unwrap().len(), p.node_count());
    assert!(v["elements"]["nodes"].as_array().unwrap().iter().any(|n| n["data"]["label"] == HOSTILE));
    assert!(!body.contains('<') && !body.contains('>'));
    // The title is escaped; the viewer and its controls are there.
    assert!(doc.contains("<title>Test &lt;graph&gt; &amp; &quot;co&quot;</title>"));
    assert!(doc.contains("DossierViewer.mount("));
    assert!(!html::VIEWER_JS.to_ascii_lowercase().contains("</script"));
    for feature in ["wheel", "mousemove", "dv-search", "dv-kinds", "'From date'", "fillText"] {
        assert!(html::VIEWER_JS.contains(feature), "viewer lacks {feature}");
    }
}

#[test]
fn a_projected_store_keeps_its_counts_in_every_format() {
    let store = crate::graph::tests::fixture_store();
    let p = crate::graph::project(store.inner(), &crate::graph::Options::default()).unwrap();
    assert!(p.node_count() > 20 && p.edge_count() > 50);
    for f in Format::ALL {
        let doc = out(&p, f);
        match f {
            Format::GraphMl | Format::Gexf => {
                let els = xml_check(&doc).unwrap();
                assert_eq!(els.iter().filter(|e| e.name == "node").count(), p.node_count(), "{f:?}");
                assert_eq!(els.iter().filter(|e| e.name == "edge").count(), p.edge_count(), "{f:?}");
            }
            Format::Dot => {
                let st = dot_read(&doc).unwrap();
                assert_eq!(st.iter().filter(|(h, _)| h.contains("->")).count(), p.edge_count());
            }
            Format::CyJs => {
                let v: serde_json::Value = serde_json::from_str(&doc).unwrap();
                assert_eq!(v["elements"]["edges"].as_array().unwrap().len(), p.edge_count());
            }
            Format::Html => assert!(doc.contains("Joe Biden")),
        }
    }
    // Empty graphs are valid too.
    let empty = Projection::default();
    assert!(xml_check(&out(&empty, Format::GraphMl)).is_ok());
    assert!(xml_check(&out(&empty, Format::Gexf)).is_ok());
    assert!(dot_read(&out(&empty, Format::Dot)).unwrap().is_empty());
}
