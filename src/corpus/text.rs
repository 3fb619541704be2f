//! Plain-text reader: the whole file is the document text, unchanged
//! except for a stripped byte-order mark, so every offset computed later
//! refers to the file as the user sees it.
//!
//! Light metadata comes from the header only: the first line becomes the
//! title when it looks like one (short, no final period, not running
//! prose, followed by a blank line or a longer paragraph), and a date line
//! or a `By …` byline among the first few short lines fill `published` and
//! `authors`. The `layout` stage does the full job (spans, listed items);
//! this is just document-level metadata.

use crate::model::{DocMeta, Document, Diagnostic, Format, Origin};

use super::{decode, new_doc, parse_date, Skip, SkipReason};

/// Read a plain-text document from raw bytes.
pub fn read(bytes: &[u8], origin: Origin) -> Result<(Document, Vec<Diagnostic>), Skip> {
    let (text, diags) = decode::decode(bytes, None);
    if text.trim().is_empty() {
        let msg = if text.is_empty() { "empty file" } else { "only whitespace" };
        return Err(Skip::new(origin, SkipReason::Empty, msg, Some(0)));
    }
    let meta = header_meta(&text);
    Ok((new_doc(Format::Text, origin, text, meta), diags))
}

/// Words that do not end a title (a line ending in one is wrapped prose).
const OPEN_ENDERS: &[&str] = &[
    "the", "a", "an", "of", "and", "or", "to", "in", "on", "at", "for", "with", "by", "from", "that", "which", "as",
    "is", "was", "but",
];

/// Metadata from the first lines of a plain-text page.
pub fn header_meta(text: &str) -> DocMeta {
    let mut meta = DocMeta::default();
    let lines: Vec<&str> = text.lines().take(40).map(|l| l.trim()).collect();
    let Some(first) = lines.iter().position(|l| !l.is_empty()) else {
        return meta;
    };
    let mut rest = first + 1;
    if looks_like_title(&lines[first..]) {
        meta.title = Some(lines[first].to_string());
    } else {
        rest = first;
    }
    // Date line and byline among the next short header lines.
    let mut seen = 0;
    for line in lines.iter().skip(rest) {
        if line.is_empty() {
            continue;
        }
        seen += 1;
        if seen > 6 || line.chars().count() > 150 {
            break;
        }
        if meta.published.is_none() {
            if let Some(d) = parse_date(strip_label(line)) {
                meta.published = Some(d);
                continue;
            }
        }
        if meta.authors.is_empty() {
            if let Some(a) = byline(line) {
                meta.authors = a;
            }
        }
    }
    meta
}

fn strip_label(line: &str) -> &str {
    for label in ["published:", "updated:", "posted:", "date:", "published", "posted on", "posted"] {
        if line.len() > label.len() && line.is_char_boundary(label.len()) && line[..label.len()].eq_ignore_ascii_case(label) {
            return line[label.len()..].trim();
        }
    }
    line
}

/// Authors from a `By …` / `By: …` line.
pub fn byline(line: &str) -> Option<Vec<String>> {
    let rest = line.strip_prefix("By").or_else(|| line.strip_prefix("BY"))?;
    if !rest.starts_with([' ', ':']) {
        return None;
    }
    let rest = rest.trim_start_matches([' ', ':']).trim();
    if rest.is_empty() || rest.split_whitespace().count() > 16 || rest.ends_with('.') && !rest.ends_with("D.") {
        return None;
    }
    let mut out = Vec::new();
    for part in rest.split([',', ';', '&', '|']).flat_map(|p| p.split(" and ")) {
        let p = part.trim();
        // Degrees and credentials after a comma belong to the name before.
        if p.is_empty() || ["Ph.D.", "PhD", "Jr.", "Sr.", "M.D.", "II", "III"].contains(&p) {
            continue;
        }
        if p.chars().next().is_some_and(|c| c.is_uppercase()) {
            out.push(p.to_string());
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Whether `lines[0]` is a title: `lines` starts at the first non-empty
/// line of the text.
fn looks_like_title(lines: &[&str]) -> bool {
    let t = lines[0];
    let n = t.chars().count();
    if !(3..150).contains(&n) {
        return false;
    }
    let first = t.chars().next().unwrap_or(' ');
    if first.is_lowercase() || !(first.is_alphanumeric() || "\"'“‘«[(".contains(first)) {
        return false;
    }
    if t.ends_with(['.', ',', ';', ':']) && !t.ends_with("...") || t.ends_with('…') {
        return false;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.len() > 25 {
        return false;
    }
    let last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
    if OPEN_ENDERS.contains(&last.as_str()) {
        return false;
    }
    // Two sentences of prose ("… talks. USIP's …"): a period after a word
    // longer than an abbreviation, then a capital.
    for w in words.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a.ends_with('.')
            && a.matches('.').count() == 1
            && a.chars().filter(|c| c.is_alphabetic()).count() > 3
            && b.chars().next().is_some_and(|c| c.is_uppercase())
        {
            return false;
        }
    }
    if parse_date(t).is_some() || byline(t).is_some() {
        return false;
    }
    // What follows: a blank line, or a longer paragraph.
    match lines.get(1) {
        None => false,
        Some(&"") => lines[2..].iter().any(|l| !l.is_empty()),
        Some(next) => {
            let m = next.chars().count();
            m > n + n / 2 || (m > n && !next.chars().next().is_some_and(|c| c.is_lowercase()) && m > 100)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{docs, read_paths, skips, temp_dir};
    use super::super::*;
    use super::*;
    use crate::model::PartialDate;
    use std::fs;

    fn meta(s: &str) -> DocMeta {
        header_meta(s)
    }

    #[test]
    fn first_line_title_when_it_looks_like_one() {
        let m = meta("U.S. and U.K. Strike Houthi Targets in Yemen\n\nJanuary 12, 2024\n\nBy Jane Doe and Omar Said\n\nThe strikes hit radar sites.\n");
        assert_eq!(m.title.as_deref(), Some("U.S. and U.K. Strike Houthi Targets in Yemen"));
        assert_eq!(m.published, Some(PartialDate::ymd(2024, 1, 12)));
        assert_eq!(m.authors, vec!["Jane Doe", "Omar Said"]);
        // A title followed directly by a longer paragraph.
        let m = meta("A Slippery Slope? Strikes on the Houthis\nOn January 12, the United States and the United Kingdom launched strikes against Houthi targets in Yemen.\n");
        assert_eq!(m.title.as_deref(), Some("A Slippery Slope? Strikes on the Houthis"));
    }

    #[test]
    fn prose_first_line_is_not_a_title() {
        // Reference-page style: a lead sentence, not a headline.
        let m = meta("Khamenei has become an avid user of Twitter and posted more than 30 comments on the topic of U.S.-Iran talks. USIP's Iran Primer has the highlights.\n\nMore text here.\n");
        assert_eq!(m.title, None);
        assert_eq!(meta("the lowercase start of a line\n\nBody text.").title, None);
        assert_eq!(meta("Officials said the drone struck the base.\n\nBody.").title, None);
        assert_eq!(meta("Just one line").title, None);
        // Hard-wrapped prose: line 1 continues on line 2.
        assert_eq!(
            meta("Pakistan said on Thursday that its jets had struck hideouts of\nseparatist militants inside Iran, two days after Iranian missiles hit\n").title,
            None
        );
        assert_eq!(meta("Two sentences here. Then more\n\nBody").title, None);
    }

    #[test]
    fn text_file_is_kept_unchanged_and_named_by_stem() {
        let d = temp_dir("text");
        let body = "\u{FEFF}Strikes in Yemen\r\n\r\nThe first strikes began at 2:30 a.m.\r\n";
        fs::write(d.join("000_abc.txt"), body).unwrap();
        let (items, _) = read_paths(&[d.join("000_abc.txt")], ReadOptions::default());
        let ds = docs(&items);
        assert_eq!(ds[0].id, "000_abc");
        assert_eq!(ds[0].text, &body[3..], "only the BOM is stripped");
        assert_eq!(ds[0].meta.title.as_deref(), Some("Strikes in Yemen"));
        assert_eq!(ds[0].origin.path.as_deref(), Some(d.join("000_abc.txt").as_path()));
    }

    #[test]
    fn windows_1252_text_gets_a_warning() {
        let d = temp_dir("cp1252");
        fs::write(d.join("old.txt"), b"Iran\x92s missile strikes \x96 Pakistan responds\n").unwrap();
        let (items, _) = read_paths(&[d.join("old.txt")], ReadOptions::default());
        match &items[0] {
            Item::Doc(doc, diags) => {
                assert_eq!(doc.text, "Iran\u{2019}s missile strikes \u{2013} Pakistan responds\n");
                assert_eq!(diags[0].code, "decoded-as-windows-1252");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn empty_and_binary_text_files_are_skipped() {
        let d = temp_dir("emptybin");
        fs::write(d.join("empty.txt"), "").unwrap();
        fs::write(d.join("blank.txt"), " \n\t\r\n ").unwrap();
        fs::write(d.join("bin.txt"), b"GIF89a\x00\x01\x00").unwrap();
        fs::write(d.join("noext"), b"\x7fELF\x02\x01\x01\x00\x00").unwrap();
        let (items, _) = read_paths(std::slice::from_ref(&d), ReadOptions::default());
        let s = skips(&items);
        let r: Vec<(&str, SkipReason, Option<usize>)> = s
            .iter()
            .map(|s| (s.origin.path.as_ref().unwrap().file_name().unwrap().to_str().unwrap(), s.reason, s.offset))
            .collect();
        assert_eq!(
            r,
            vec![
                ("bin.txt", SkipReason::NotText, Some(6)),
                ("blank.txt", SkipReason::Empty, Some(0)),
                ("empty.txt", SkipReason::Empty, Some(0)),
                ("noext", SkipReason::NotText, Some(7)),
            ]
        );
    }

    #[test]
    fn utf16_text_file() {
        let d = temp_dir("utf16");
        let s = "Iran–Pakistan strikes\n\nTehran hit targets in Balochistan.\n";
        let mut b = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        fs::write(d.join("u.txt"), b).unwrap();
        let (items, _) = read_paths(&[d.join("u.txt")], ReadOptions::default());
        assert_eq!(docs(&items)[0].text, s);
    }
}
