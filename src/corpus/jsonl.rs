//! JSON Lines reader: one JSON object per line, streamed with a
//! `BufReader` so huge files use bounded memory (at most one line, itself
//! capped by `ReadOptions::max_bytes`).
//!
//! Fields: `id`, `text` (or `body`/`content`), and optional `title`,
//! `url`, `published` (or `date`), `authors` (string or list), `publisher`,
//! `site`, `description`. The text is used unchanged, so offsets refer to
//! it. Blank lines are skipped silently; every other line yields a
//! `Document` or a `Skip` naming the file and line. Explicit ids must be
//! unique across the whole run (the first wins); missing ids are derived
//! from the url, else `<file stem>-<line>`.

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;

use serde_json::{Map, Value};

use crate::model::{DocMeta, Format, Origin, Severity, Diagnostic};

use super::decode::{self, Bom, Line};
use super::{finish, new_doc, parse_date, url_id, IdRegistry, Input, Item, ReadOptions, Skip, SkipReason};

/// The streaming state of one JSON Lines input.
pub struct Lines {
    reader: Box<dyn BufRead + Send>,
    path: Option<PathBuf>,
    stem: String,
    opts: ReadOptions,
    line_no: usize,
    /// Byte offset of the next line (in the UTF-8 stream; for UTF-16
    /// input, in its UTF-8 transcoding).
    offset: u64,
    /// True once a non-blank line was seen.
    any: bool,
    done: bool,
}

impl Lines {
    pub fn new<R: Read + Send + 'static>(stream: R, input: &Input, opts: ReadOptions) -> Self {
        let mut br = BufReader::with_capacity(64 * 1024, stream);
        let bom = br.fill_buf().map(Bom::detect).unwrap_or(Bom::None);
        br.consume(bom.len());
        let reader: Box<dyn BufRead + Send> = if bom.is_utf16() {
            Box::new(BufReader::with_capacity(
                64 * 1024,
                decode::Utf16ToUtf8::new(br, bom == Bom::Utf16Be),
            ))
        } else {
            Box::new(br)
        };
        let path = match &input.source {
            super::InputSource::Path(p) => Some(p.clone()),
            super::InputSource::Stdin => None,
        };
        Lines {
            reader,
            path,
            stem: input.stem(),
            opts,
            line_no: 0,
            offset: bom.len() as u64,
            any: false,
            done: false,
        }
    }

    fn origin(&self, line: Option<usize>) -> Origin {
        Origin { path: self.path.clone(), line }
    }

    /// The next document or skip; `None` at the end of the input.
    pub fn next_item(&mut self, ids: &mut IdRegistry) -> Option<Item> {
        while !self.done {
            let read = decode::read_line_limited(&mut self.reader, self.opts.max_bytes);
            let (line, consumed) = match read {
                Ok(Some(x)) => x,
                Ok(None) => {
                    self.done = true;
                    if !self.any {
                        return Some(Item::Skip(Skip::new(
                            self.origin(None),
                            SkipReason::Empty,
                            "no records (empty or blank lines only)",
                            Some(0),
                        )));
                    }
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    let at = self.offset as usize;
                    return Some(Item::Skip(Skip::new(
                        self.origin(Some(self.line_no + 1)),
                        SkipReason::Unreadable,
                        e.to_string(),
                        Some(at),
                    )));
                }
            };
            self.line_no += 1;
            let at = self.offset as usize;
            self.offset += consumed;
            let origin = self.origin(Some(self.line_no));
            let bytes = match line {
                Line::TooLong(n) => {
                    self.any = true;
                    let msg = format!("line of {n} bytes exceeds the limit of {} bytes", self.opts.max_bytes);
                    return Some(Item::Skip(Skip::new(origin, SkipReason::TooLarge, msg, Some(at))));
                }
                Line::Ok(b) => b,
            };
            if bytes.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            self.any = true;
            return Some(self.record(&bytes, origin, at, ids));
        }
        None
    }

    fn record(&self, bytes: &[u8], origin: Origin, at: usize, ids: &mut IdRegistry) -> Item {
        let skip = |reason, msg: String| Item::Skip(Skip::new(origin.clone(), reason, msg, Some(at)));
        if bytes.contains(&0) {
            return skip(SkipReason::NotText, "NUL byte in line".into());
        }
        let (line, decode_diag) = decode::decode_line(bytes);
        let value: Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(e) => return skip(SkipReason::BadJson, format!("column {}: {e}", e.column())),
        };
        let Value::Object(obj) = value else {
            return skip(SkipReason::BadJson, format!("expected a JSON object, found {}", kind(&value)));
        };
        let text = match ["text", "body", "content"].iter().find_map(|k| obj.get(*k).filter(|v| !v.is_null()).map(|v| (*k, v))) {
            None => return skip(SkipReason::MissingText, "no `text`, `body` or `content` field".into()),
            Some((_, Value::String(s))) => s.clone(),
            Some((k, v)) => return skip(SkipReason::TextNotString, format!("`{k}` is {}, not a string", kind(v))),
        };
        if text.trim().is_empty() {
            return skip(SkipReason::Empty, "the text is empty".into());
        }
        let explicit = match obj.get("id") {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        if let Some(id) = &explicit {
            if ids.contains(id) {
                return skip(SkipReason::DuplicateId, format!("id `{id}` was already used; the first record wins"));
            }
        }
        let mut diags: Vec<Diagnostic> = decode_diag.into_iter().collect();
        let meta = meta_of(&obj, &mut diags);
        let id = match explicit {
            Some(id) => {
                ids.claim(&id);
                id
            }
            None => {
                let base = meta.url.as_deref().map(url_id).unwrap_or_else(|| format!("{}-{}", self.stem, origin.line.unwrap_or(0)));
                ids.claim_derived(&base)
            }
        };
        let mut doc = new_doc(Format::JsonLines, origin, text, meta);
        doc.id = id;
        finish(&mut doc, &self.opts);
        Item::Doc(doc, diags)
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn string_field(obj: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter()
        .find_map(|k| obj.get(*k).and_then(Value::as_str))
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

fn meta_of(obj: &Map<String, Value>, diags: &mut Vec<Diagnostic>) -> DocMeta {
    let mut meta = DocMeta {
        title: string_field(obj, &["title", "headline"]),
        url: string_field(obj, &["url", "link"]),
        publisher: string_field(obj, &["publisher"]).or_else(|| {
            obj.get("publisher").and_then(|p| p.get("name")).and_then(Value::as_str).map(|s| s.trim().to_string())
        }),
        site: string_field(obj, &["site"]),
        description: string_field(obj, &["description", "summary"]),
        ..Default::default()
    };
    for key in ["published", "date", "datePublished", "published_at"] {
        match obj.get(key) {
            None | Some(Value::Null) => continue,
            Some(Value::String(s)) => match parse_date(s) {
                Some(d) => meta.published = Some(d),
                None => diags.push(Diagnostic::new(
                    Severity::Warning,
                    "unparsed-date",
                    format!("`{key}` value {s:?} is not a recognised date"),
                )),
            },
            Some(v) => diags.push(Diagnostic::new(
                Severity::Warning,
                "unparsed-date",
                format!("`{key}` is {}, not a date string", kind(v)),
            )),
        }
        break;
    }
    for key in ["authors", "author"] {
        if let Some(v) = obj.get(key) {
            meta.authors = authors_of(v);
            if !meta.authors.is_empty() {
                break;
            }
        }
    }
    meta
}

/// Author names from a string, an object with `name`, or a list of either.
pub(crate) fn authors_of(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |s: &str| {
        for name in split_authors(s) {
            if !out.contains(&name) {
                out.push(name);
            }
        }
    };
    match v {
        Value::String(s) => push(s),
        Value::Object(o) => {
            if let Some(n) = o.get("name").and_then(Value::as_str) {
                push(n)
            }
        }
        Value::Array(a) => {
            for x in a {
                match x {
                    Value::String(s) => push(s),
                    Value::Object(o) => {
                        if let Some(n) = o.get("name").and_then(Value::as_str) {
                            push(n)
                        }
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
    out
}

/// Split "A and B", "A; B", "A & B", "A, B" (when each part is a
/// multi-word name, so "Doe, Jane" stays whole) into names.
pub(crate) fn split_authors(s: &str) -> Vec<String> {
    let s = s.trim();
    let s = s.strip_prefix("By ").or_else(|| s.strip_prefix("by ")).unwrap_or(s);
    let mut parts: Vec<String> = Vec::new();
    for p in s.split([';', '|', '&']).flat_map(|p| p.split(" and ")) {
        let commas: Vec<&str> = p.split(',').map(str::trim).filter(|x| !x.is_empty()).collect();
        if commas.len() > 1 && commas.iter().all(|c| c.split_whitespace().count() >= 2) {
            parts.extend(commas.iter().map(|c| c.to_string()));
        } else {
            parts.push(p.trim().to_string());
        }
    }
    parts.into_iter().map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|p| !p.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::super::tests::{docs, read_paths, skips, temp_dir};
    use super::super::*;
    use super::*;
    use crate::model::PartialDate;
    use std::fs;

    const BRIEFS: &str = concat!(
        r#"{"id":"b-001","url":"https://example.org/briefs/tower-22","title":"Drone kills three U.S. soldiers in Jordan","published":"2024-01-29","authors":["Lena Park","Sam Ortiz"],"publisher":"Example Brief","text":"Three U.S. soldiers were killed on Sunday at Tower 22."}"#,
        "\n\n",
        r#"{"id":"b-002","text":"Pakistan struck back on January 18.","published":"January 18, 2024","authors":"Nadia Rahim and Tom Blake"}"#,
        "\r\n",
        r#"{"url":"https://example.org/briefs/red-sea#top","text":"Strikes hit Houthi radar sites.","date":"2024-01-12T04:00:00Z"}"#,
        "\n",
        r#"{"text":"No id, no url.","authors":{"name":"Ana Diaz"}}"#,
        "\n"
    );

    #[test]
    fn reads_records_with_metadata() {
        let d = temp_dir("jsonl");
        let p = d.join("briefs.jsonl");
        fs::write(&p, BRIEFS).unwrap();
        let (items, _) = read_paths(std::slice::from_ref(&p), ReadOptions::default());
        assert!(skips(&items).is_empty(), "{:?}", skips(&items));
        let ds = docs(&items);
        assert_eq!(ds.len(), 4);
        assert_eq!(ds[0].id, "b-001");
        assert_eq!(ds[0].format, Format::JsonLines);
        assert_eq!(ds[0].origin.line, Some(1));
        assert_eq!(ds[0].meta.authors, vec!["Lena Park", "Sam Ortiz"]);
        assert_eq!(ds[0].meta.site.as_deref(), Some("example.org"));
        assert_eq!(ds[0].meta.published, Some(PartialDate::ymd(2024, 1, 29)));
        assert_eq!(ds[0].text, "Three U.S. soldiers were killed on Sunday at Tower 22.");
        assert_eq!(ds[1].origin.line, Some(3), "blank line 2 is skipped silently but counted");
        assert_eq!(ds[1].meta.published, Some(PartialDate::ymd(2024, 1, 18)));
        assert_eq!(ds[1].meta.authors, vec!["Nadia Rahim", "Tom Blake"]);
        assert_eq!(ds[2].id, "https://example.org/briefs/red-sea");
        assert_eq!(ds[2].meta.published, Some(PartialDate::ymd(2024, 1, 12)));
        assert_eq!(ds[3].id, "briefs-5");
        assert_eq!(ds[3].meta.authors, vec!["Ana Diaz"]);
    }

    #[test]
    fn each_bad_line_is_a_skip_with_its_line_and_offset() {
        let d = temp_dir("jsonlbad");
        let p = d.join("bad.jsonl");
        let lines = [
            r#"{"id":"a","text":"Fine."}"#,
            r#"{"id":"b","text":"Broken"#,
            r#"{"id":"c","title":"No text"}"#,
            r#"{"id":"d","text":42}"#,
            r#"{"id":"a","text":"Duplicate of a."}"#,
            r#"["an","array"]"#,
            r#"{"id":"e","text":"   "}"#,
            r#"{"id":"f","body":"Body field works.","published":"next week"}"#,
        ];
        let content = lines.join("\n");
        fs::write(&p, &content).unwrap();
        let (items, _) = read_paths(std::slice::from_ref(&p), ReadOptions::default());
        let got: Vec<(usize, SkipReason, usize)> =
            skips(&items).iter().map(|s| (s.origin.line.unwrap(), s.reason, s.offset.unwrap())).collect();
        let off = |i: usize| lines[..i].iter().map(|l| l.len() + 1).sum::<usize>();
        assert_eq!(
            got,
            vec![
                (2, SkipReason::BadJson, off(1)),
                (3, SkipReason::MissingText, off(2)),
                (4, SkipReason::TextNotString, off(3)),
                (5, SkipReason::DuplicateId, off(4)),
                (6, SkipReason::BadJson, off(5)),
                (7, SkipReason::Empty, off(6)),
            ]
        );
        let s = skips(&items)[0].to_string();
        assert!(s.contains("bad.jsonl:2: bad-json"), "{s}");
        // The last record is read, with a warning for its date.
        match items.last().unwrap() {
            Item::Doc(doc, diags) => {
                assert_eq!(doc.id, "f");
                assert_eq!(doc.text, "Body field works.");
                assert_eq!(diags[0].code, "unparsed-date");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn long_lines_are_too_large_and_reading_goes_on() {
        let d = temp_dir("jsonllong");
        let p = d.join("long.jsonl");
        let big = format!("{{\"id\":\"big\",\"text\":\"{}\"}}", "x".repeat(500));
        fs::write(&p, format!("{big}\n{{\"id\":\"ok\",\"text\":\"Short.\"}}\n")).unwrap();
        let opts = ReadOptions { max_bytes: 100, ..Default::default() };
        let (items, _) = read_paths(&[p], opts);
        assert_eq!(skips(&items)[0].reason, SkipReason::TooLarge);
        assert_eq!(docs(&items)[0].id, "ok");
    }

    #[test]
    fn empty_jsonl_file_is_reported() {
        let d = temp_dir("jsonlempty");
        let p = d.join("none.jsonl");
        fs::write(&p, "\n\n  \n").unwrap();
        let (items, _) = read_paths(&[p], ReadOptions::default());
        assert_eq!(items.len(), 1);
        assert_eq!(skips(&items)[0].reason, SkipReason::Empty);
    }

    #[test]
    fn utf16_and_windows_1252_lines() {
        let d = temp_dir("jsonlenc");
        let s = "{\"id\":\"u1\",\"text\":\"Tehran’s strikes\"}\n{\"id\":\"u2\",\"text\":\"Islamabad’s reply\"}\n";
        let mut b = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            b.extend_from_slice(&u.to_be_bytes());
        }
        fs::write(d.join("u16.jsonl"), b).unwrap();
        fs::write(d.join("w.jsonl"), b"{\"id\":\"w1\",\"text\":\"Iran\x92s move\"}\n").unwrap();
        let (items, _) = read_paths(std::slice::from_ref(&d), ReadOptions::default());
        let ds = docs(&items);
        assert_eq!(ds.iter().map(|d| d.text.as_str()).collect::<Vec<_>>(),
            vec!["Tehran’s strikes", "Islamabad’s reply", "Iran’s move"]);
        match &items[2] {
            Item::Doc(_, diags) => assert_eq!(diags[0].code, "decoded-as-windows-1252"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn streams_without_reading_everything_first() {
        // An endless reader: the first items must come out anyway.
        struct Endless(usize);
        impl Read for Endless {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let line = format!("{{\"id\":\"n{}\",\"text\":\"Record.\"}}\n", self.0);
                self.0 += 1;
                let n = line.len().min(buf.len());
                buf[..n].copy_from_slice(&line.as_bytes()[..n]);
                Ok(n)
            }
        }
        let input = Input { source: InputSource::Stdin, format: Some(Format::JsonLines), unknown_ext: false, id: "stdin".into() };
        let mut lines = Lines::new(Endless(0), &input, ReadOptions::default());
        let mut ids = IdRegistry::new();
        for i in 0..3 {
            match lines.next_item(&mut ids) {
                Some(Item::Doc(d, _)) => assert_eq!(d.id, format!("n{i}")),
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn author_strings_split() {
        assert_eq!(split_authors("Sarhang Hamasaeed; Mona Yacoubian"), vec!["Sarhang Hamasaeed", "Mona Yacoubian"]);
        assert_eq!(split_authors("Doe, Jane"), vec!["Doe, Jane"]);
        assert_eq!(split_authors("Jane Doe, Omar Said"), vec!["Jane Doe", "Omar Said"]);
    }
}
