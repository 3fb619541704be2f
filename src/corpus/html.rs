//! HTML reader: a tolerant tokenizer written for this crate (no parser
//! dependency), visible-text extraction, and page metadata.
//!
//! Everything is linear-time and iterative — no recursion anywhere — so
//! 10,000-level nesting, unclosed tags and truncated files are fine. The
//! page is tokenized twice: the first pass collects metadata (`<title>`,
//! Open Graph and `<meta name>` tags, `<link rel=canonical>`,
//! `<time datetime>`, JSON-LD `NewsArticle`-family objects) and notes
//! whether an `<article>`/`<main>` exists; the second pass writes the
//! visible text. Scripts, styles, hidden elements and navigation are
//! dropped, and when the page has an `<article>` or `<main>`, so are
//! asides and the page header/footer outside it. Block elements become
//! blank lines, `<br>`/list items/table rows line breaks; whitespace
//! inside a paragraph collapses to one space, except in `<pre>`.
//!
//! The extracted text is what every later offset refers to; the `layout`
//! stage works on it as on plain text.

use std::borrow::Cow;
use std::collections::HashMap;

use serde_json::Value;

use crate::model::{DocMeta, Document, Diagnostic, Format, Origin, Severity};

use super::jsonl::authors_of;
use super::{decode, new_doc, parse_date, Skip, SkipReason};

/// Read an HTML document from raw bytes.
pub fn read(bytes: &[u8], origin: Origin) -> Result<(Document, Vec<Diagnostic>), Skip> {
    let declared = declared_charset(bytes);
    let (html, mut diags) = decode::decode(bytes, declared.as_deref());
    let ex = extract(&html);
    diags.extend(ex.diagnostics);
    if ex.text.trim().is_empty() {
        let msg = if html.trim().is_empty() { "empty file" } else { "no visible text" };
        return Err(Skip::new(origin, SkipReason::Empty, msg, Some(0)));
    }
    Ok((new_doc(Format::Html, origin, ex.text, ex.meta), diags))
}

/// The charset named by `<meta charset>` or `http-equiv` in the first
/// kilobytes, if any.
pub fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let i = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let rest = &head[i..];
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let end = rest.iter().position(|b| !(b.is_ascii_alphanumeric() || b"-_:.".contains(b))).unwrap_or(rest.len());
    let label = std::str::from_utf8(&rest[..end]).ok()?;
    (!label.is_empty()).then(|| label.to_string())
}

/// Visible text, metadata and diagnostics extracted from a page.
#[derive(Clone, Debug, Default)]
pub struct Extracted {
    pub text: String,
    pub meta: DocMeta,
    pub diagnostics: Vec<Diagnostic>,
}

// ---------------------------------------------------------------------------
// Tokenizer

/// One token of HTML.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok<'a> {
    /// Start tag: lowercase name, attributes (lowercase names, decoded
    /// values), whether it ended in `/>`.
    Start { name: String, attrs: Vec<(String, String)>, self_closing: bool },
    End { name: String },
    /// Character data, entities not yet decoded (raw for script/style).
    Text(&'a str),
}

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"];

/// A streaming tokenizer over a string. Comments, doctypes and processing
/// instructions are dropped. Never fails: malformed markup degrades to text.
pub struct Tokenizer<'a> {
    s: &'a str,
    pos: usize,
    /// Inside a raw-text element: its name.
    raw: Option<String>,
    /// Set when the input ended inside a tag or comment.
    pub truncated: bool,
}

impl<'a> Tokenizer<'a> {
    pub fn new(s: &'a str) -> Self {
        Tokenizer { s, pos: 0, raw: None, truncated: false }
    }

    fn find_ci(&self, from: usize, needle: &str) -> Option<usize> {
        // `needle` is lowercase ASCII starting with '<'.
        let b = self.s.as_bytes();
        let n = needle.as_bytes();
        let mut i = from;
        while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
            let at = i + off;
            if b.len() - at >= n.len() && b[at..at + n.len()].iter().zip(n).all(|(x, y)| x.to_ascii_lowercase() == *y) {
                // Must end the name.
                match b.get(at + n.len()) {
                    None => return Some(at),
                    Some(c) if c.is_ascii_whitespace() || *c == b'>' || *c == b'/' => return Some(at),
                    _ => {}
                }
            }
            i = at + 1;
        }
        None
    }

    fn tag(&mut self, start: usize) -> Option<Tok<'a>> {
        // self.s[start] == '<' followed by a letter or '/'+letter.
        let b = self.s.as_bytes();
        let mut i = start + 1;
        let end_tag = b[i] == b'/';
        if end_tag {
            i += 1;
        }
        let name_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
            i += 1;
        }
        let name = self.s[name_start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        let mut self_closing = false;
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || (b[i] == b'/' && b.get(i + 1) != Some(&b'>'))) {
                i += 1;
            }
            if i >= b.len() {
                self.truncated = true;
                self.pos = b.len();
                return None;
            }
            if b[i] == b'>' {
                i += 1;
                break;
            }
            if b[i] == b'/' {
                // "/>"
                self_closing = true;
                i += 2;
                break;
            }
            let an = i;
            i += 1; // an attribute name may start with '='
            while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
                i += 1;
            }
            let aname = self.s[an..i].to_ascii_lowercase();
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = "";
            if i < b.len() && b[i] == b'=' {
                i += 1;
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i];
                    let vs = i + 1;
                    match b[vs..].iter().position(|&c| c == q) {
                        Some(off) => {
                            value = &self.s[vs..vs + off];
                            i = vs + off + 1;
                        }
                        None => {
                            self.truncated = true;
                            self.pos = b.len();
                            return None;
                        }
                    }
                } else {
                    let vs = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = &self.s[vs..i];
                }
            } else {
                // Not followed by '=': back to the attribute loop without
                // consuming (whitespace was consumed above).
            }
            // Attributes past the 64th are scanned but dropped, keeping the
            // duplicate check (first wins) bounded.
            if !end_tag && attrs.len() < 64 && !attrs.iter().any(|(n, _): &(String, String)| *n == aname) {
                attrs.push((aname, decode_entities(value, true).into_owned()));
            }
        }
        self.pos = i;
        if end_tag {
            Some(Tok::End { name })
        } else {
            if RAW_TEXT.contains(&name.as_str()) && !self_closing {
                self.raw = Some(name.clone());
            }
            Some(Tok::Start { name, attrs, self_closing })
        }
    }

    /// Skip past `end` from `from`, or to the end of input (truncated).
    fn skip_past(&mut self, from: usize, end: &str) {
        match self.s[from..].find(end) {
            Some(off) => self.pos = from + off + end.len(),
            None => {
                self.truncated = true;
                self.pos = self.s.len();
            }
        }
    }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Tok<'a>;
    fn next(&mut self) -> Option<Tok<'a>> {
        let b = self.s.as_bytes();
        loop {
            if self.pos >= b.len() {
                return None;
            }
            if let Some(name) = self.raw.take() {
                let close = format!("</{name}");
                let start = self.pos;
                let end = self.find_ci(start, &close).unwrap_or(b.len());
                self.pos = end;
                if end > start {
                    return Some(Tok::Text(&self.s[start..end]));
                }
                continue;
            }
            let start = self.pos;
            if b[start] != b'<' {
                let end = b[start..].iter().position(|&c| c == b'<').map_or(b.len(), |o| start + o);
                // A '<' that starts no markup is text; include it.
                let mut end = end;
                while end < b.len() && !self.starts_markup(end) {
                    end = b[end + 1..].iter().position(|&c| c == b'<').map_or(b.len(), |o| end + 1 + o);
                }
                self.pos = end;
                return Some(Tok::Text(&self.s[start..end]));
            }
            if !self.starts_markup(start) {
                let end = b[start + 1..].iter().position(|&c| c == b'<').map_or(b.len(), |o| start + 1 + o);
                self.pos = end;
                return Some(Tok::Text(&self.s[start..end]));
            }
            let next = b.get(start + 1).copied().unwrap_or(0);
            match next {
                b'!' => {
                    if self.s[start..].starts_with("<!--") {
                        self.skip_past(start + 4, "-->");
                    } else if self.s[start..].starts_with("<![CDATA[") {
                        let from = start + 9;
                        let end = self.s[from..].find("]]>").map_or(b.len(), |o| from + o);
                        self.pos = (end + 3).min(b.len());
                        if end > from {
                            return Some(Tok::Text(&self.s[from..end]));
                        }
                    } else {
                        self.skip_past(start + 2, ">");
                    }
                }
                b'?' => self.skip_past(start + 2, ">"),
                b'/' if !b.get(start + 2).is_some_and(|c| c.is_ascii_alphabetic()) => {
                    // "</ >" and the like: a bogus comment.
                    self.skip_past(start + 2, ">");
                }
                _ => {
                    if let Some(t) = self.tag(start) {
                        return Some(t);
                    }
                }
            }
        }
    }
}

impl Tokenizer<'_> {
    fn starts_markup(&self, i: usize) -> bool {
        let b = self.s.as_bytes();
        match b.get(i + 1) {
            Some(c) if c.is_ascii_alphabetic() || *c == b'!' || *c == b'?' => true,
            Some(b'/') => b.get(i + 2).is_some_and(|c| c.is_ascii_alphabetic() || *c == b'>' || *c == b' '),
            _ => false,
        }
    }
}

// ---------------------------------------------------------------------------
// Entities

/// Named character references most often met on news pages.
const ENTITIES: &[(&str, &str)] = &[
    ("amp", "&"), ("lt", "<"), ("gt", ">"), ("quot", "\""), ("apos", "'"), ("nbsp", "\u{A0}"),
    ("ndash", "–"), ("mdash", "—"), ("hellip", "…"), ("lsquo", "‘"), ("rsquo", "’"), ("sbquo", "‚"),
    ("ldquo", "“"), ("rdquo", "”"), ("bdquo", "„"), ("laquo", "«"), ("raquo", "»"), ("lsaquo", "‹"),
    ("rsaquo", "›"), ("bull", "•"), ("middot", "·"), ("copy", "©"), ("reg", "®"), ("trade", "™"),
    ("deg", "°"), ("plusmn", "±"), ("times", "×"), ("divide", "÷"), ("minus", "−"), ("frac12", "½"),
    ("frac14", "¼"), ("frac34", "¾"), ("sup2", "²"), ("sup3", "³"), ("micro", "µ"), ("para", "¶"),
    ("sect", "§"), ("dagger", "†"), ("Dagger", "‡"), ("prime", "′"), ("Prime", "″"), ("euro", "€"),
    ("pound", "£"), ("yen", "¥"), ("cent", "¢"), ("curren", "¤"), ("iexcl", "¡"), ("iquest", "¿"),
    ("shy", "\u{AD}"), ("zwj", "\u{200D}"), ("zwnj", "\u{200C}"), ("lrm", "\u{200E}"), ("rlm", "\u{200F}"),
    ("ensp", "\u{2002}"), ("emsp", "\u{2003}"), ("thinsp", "\u{2009}"), ("larr", "←"), ("rarr", "→"),
    ("uarr", "↑"), ("darr", "↓"), ("harr", "↔"), ("hyphen", "‐"), ("dash", "‐"), ("ordf", "ª"), ("ordm", "º"),
    ("Agrave", "À"), ("Aacute", "Á"), ("Acirc", "Â"), ("Atilde", "Ã"), ("Auml", "Ä"), ("Aring", "Å"),
    ("AElig", "Æ"), ("Ccedil", "Ç"), ("Egrave", "È"), ("Eacute", "É"), ("Ecirc", "Ê"), ("Euml", "Ë"),
    ("Igrave", "Ì"), ("Iacute", "Í"), ("Icirc", "Î"), ("Iuml", "Ï"), ("ETH", "Ð"), ("Ntilde", "Ñ"),
    ("Ograve", "Ò"), ("Oacute", "Ó"), ("Ocirc", "Ô"), ("Otilde", "Õ"), ("Ouml", "Ö"), ("Oslash", "Ø"),
    ("Ugrave", "Ù"), ("Uacute", "Ú"), ("Ucirc", "Û"), ("Uuml", "Ü"), ("Yacute", "Ý"), ("THORN", "Þ"),
    ("szlig", "ß"), ("agrave", "à"), ("aacute", "á"), ("acirc", "â"), ("atilde", "ã"), ("auml", "ä"),
    ("aring", "å"), ("aelig", "æ"), ("ccedil", "ç"), ("egrave", "è"), ("eacute", "é"), ("ecirc", "ê"),
    ("euml", "ë"), ("igrave", "ì"), ("iacute", "í"), ("icirc", "î"), ("iuml", "ï"), ("eth", "ð"),
    ("ntilde", "ñ"), ("ograve", "ò"), ("oacute", "ó"), ("ocirc", "ô"), ("otilde", "õ"), ("ouml", "ö"),
    ("oslash", "ø"), ("ugrave", "ù"), ("uacute", "ú"), ("ucirc", "û"), ("uuml", "ü"), ("yacute", "ý"),
    ("thorn", "þ"), ("yuml", "ÿ"), ("Scaron", "Š"), ("scaron", "š"), ("Zcaron", "Ž"), ("zcaron", "ž"),
    ("OElig", "Œ"), ("oelig", "œ"), ("Yuml", "Ÿ"), ("circ", "ˆ"), ("tilde", "˜"), ("fnof", "ƒ"),
    ("Alpha", "Α"), ("alpha", "α"), ("beta", "β"), ("gamma", "γ"), ("delta", "δ"), ("pi", "π"),
    ("sigma", "σ"), ("omega", "ω"), ("mu", "μ"), ("lambda", "λ"), ("check", "✓"), ("star", "☆"),
    ("colon", ":"), ("comma", ","), ("period", "."), ("excl", "!"), ("quest", "?"), ("num", "#"),
    ("dollar", "$"), ("percnt", "%"), ("lpar", "("), ("rpar", ")"), ("ast", "*"), ("plus", "+"),
    ("sol", "/"), ("bsol", "\\"), ("semi", ";"), ("equals", "="), ("lsqb", "["), ("rsqb", "]"),
    ("lowbar", "_"), ("grave", "`"), ("lcub", "{"), ("rcub", "}"), ("verbar", "|"), ("vert", "|"),
    ("commat", "@"), ("Hat", "^"), ("NewLine", "\n"), ("Tab", "\t"),
];

/// Entities recognised without a trailing semicolon in text (legacy).
const LEGACY: &[&str] = &["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"];

/// Windows-1252 meanings of numeric references 0x80–0x9F.
const C1: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘',
    '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

fn entity(name: &str) -> Option<&'static str> {
    ENTITIES.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
}

/// Decode character references. In attributes, references without a
/// semicolon are left alone (they are usually URL parameters).
pub fn decode_entities(s: &str, attribute: bool) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let mut last = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'&') {
        let amp = i + off;
        i = amp + 1;
        let mut j = amp + 1;
        let decoded: Option<(Cow<'static, str>, usize)> = if b.get(j) == Some(&b'#') {
            j += 1;
            let hex = matches!(b.get(j), Some(b'x') | Some(b'X'));
            if hex {
                j += 1;
            }
            let ds = j;
            while j < b.len() && j - ds < 8 && (if hex { b[j].is_ascii_hexdigit() } else { b[j].is_ascii_digit() }) {
                j += 1;
            }
            if j == ds {
                None
            } else {
                let n = u32::from_str_radix(&s[ds..j], if hex { 16 } else { 10 }).unwrap_or(0xFFFD);
                let c = match n {
                    0x80..=0x9F => C1[(n - 0x80) as usize],
                    0 => '\u{FFFD}',
                    _ => char::from_u32(n).unwrap_or('\u{FFFD}'),
                };
                let end = if b.get(j) == Some(&b';') { j + 1 } else { j };
                Some((Cow::Owned(c.to_string()), end))
            }
        } else {
            let ns = j;
            while j < b.len() && j - ns < 32 && b[j].is_ascii_alphanumeric() {
                j += 1;
            }
            let name = &s[ns..j];
            if b.get(j) == Some(&b';') {
                entity(name).map(|v| (Cow::Borrowed(v), j + 1))
            } else if !attribute {
                // Legacy references without a semicolon: "&ampb" → "&b".
                LEGACY
                    .iter()
                    .find(|l| name.starts_with(**l))
                    .and_then(|l| entity(l).map(|v| (Cow::Borrowed(v), ns + l.len())))
            } else {
                None
            }
        };
        if let Some((text, end)) = decoded {
            out.push_str(&s[last..amp]);
            out.push_str(&text);
            last = end;
            i = end;
        }
    }
    out.push_str(&s[last..]);
    Cow::Owned(out)
}

// ---------------------------------------------------------------------------
// Text extraction

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    "keygen", "basefont", "bgsound", "frame", "image",
];

/// Never visible.
const ALWAYS_SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "head", "title", "iframe", "object", "canvas",
    "button", "select", "datalist", "textarea", "audio", "video", "map", "dialog", "nav", "noembed", "noframes",
];

/// Blocks separated by a blank line.
const PARA: &[&str] = &[
    "address", "article", "aside", "blockquote", "body", "caption", "center", "details", "div", "dl", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html",
    "legend", "main", "menu", "ol", "p", "pre", "section", "summary", "table", "ul",
];

/// Blocks separated by a line break.
const LINE: &[&str] = &["li", "dt", "dd", "tr", "option"];

fn attr<'x>(attrs: &'x [(String, String)], name: &str) -> Option<&'x str> {
    attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

fn role(attrs: &[(String, String)]) -> Option<String> {
    attr(attrs, "role").map(|r| r.trim().to_ascii_lowercase())
}

fn is_hidden(attrs: &[(String, String)]) -> bool {
    if attrs.iter().any(|(n, _)| n == "hidden") {
        return true;
    }
    if attr(attrs, "aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
        return true;
    }
    if let Some(style) = attr(attrs, "style") {
        let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

/// Class or id tokens (or their `-`/`_` parts) of page furniture that is
/// never article text: share bars, cookie notices, newsletter boxes, ads,
/// screen-reader-only labels. "Related" lists are kept on purpose: the
/// layout stage reads them as listed publications.
const CHROME_PARTS: &[&str] = &[
    "share", "sharing", "sharebar", "social", "cookie", "cookies", "consent", "newsletter", "subscribe",
    "advert", "advertisement", "ad", "ads", "sponsored", "promo", "paywall",
];
const CHROME_TOKENS: &[&str] = &["sr-only", "visually-hidden", "screen-reader-text", "skip-link", "print-only"];

fn is_chrome(attrs: &[(String, String)]) -> bool {
    let class = attr(attrs, "class").unwrap_or("");
    let id = attr(attrs, "id").unwrap_or("");
    class.split_whitespace().chain(id.split_whitespace()).take(16).any(|tok| {
        let t = tok.to_ascii_lowercase();
        CHROME_TOKENS.contains(&t.as_str()) || t.split(['-', '_']).any(|p| CHROME_PARTS.contains(&p))
    })
}

/// Is this element the page's main content?
fn is_main(name: &str, attrs: &[(String, String)]) -> bool {
    name == "article" || name == "main" || role(attrs).as_deref() == Some("main")
}

/// The text being written, with pending breaks between blocks.
struct Out {
    s: String,
    /// 0 none, 1 space, 2 line break, 3 blank line.
    pending: u8,
}

impl Out {
    fn brk(&mut self, level: u8) {
        self.pending = self.pending.max(level);
    }
    fn flush(&mut self) {
        if !self.s.is_empty() {
            match self.pending {
                1 => self.s.push(' '),
                2 => self.s.push('\n'),
                3 => self.s.push_str("\n\n"),
                _ => {}
            }
        }
        self.pending = 0;
    }
    fn text(&mut self, t: &str, pre: bool) {
        let t = decode_entities(t, false);
        if pre {
            if !t.is_empty() {
                self.flush();
                self.s.push_str(&t);
            }
            return;
        }
        for c in t.chars() {
            if c.is_whitespace() || c == '\u{A0}' {
                self.brk(1);
            } else if c == '\u{AD}' || c == '\u{200B}' {
                // Soft hyphen, zero-width space: invisible.
            } else {
                if self.pending > 0 {
                    self.flush();
                }
                self.s.push(c);
            }
        }
    }
}

struct Frame {
    name: String,
    skip: bool,
    main: bool,
    pre: bool,
}

/// Extract visible text and metadata from an HTML page.
pub fn extract(html: &str) -> Extracted {
    let mut diagnostics = Vec::new();
    let pre = prescan(html);
    let has_main = pre.has_main;

    let mut out = Out { s: String::new(), pending: 0 };
    let mut stack: Vec<Frame> = Vec::new();
    let mut open: HashMap<String, usize> = HashMap::new();
    let (mut skip_depth, mut main_depth, mut pre_depth) = (0usize, 0usize, 0usize);
    let mut tok = Tokenizer::new(html);
    for t in tok.by_ref() {
        match t {
            Tok::Text(s) => {
                if skip_depth == 0 {
                    out.text(s, pre_depth > 0);
                }
            }
            Tok::Start { name, attrs, self_closing } => {
                let n = name.as_str();
                if skip_depth == 0 {
                    if n == "br" {
                        out.brk(if out.pending >= 2 { 3 } else { 2 });
                    } else if PARA.contains(&n) {
                        out.brk(3);
                    } else if LINE.contains(&n) {
                        out.brk(2);
                    } else if n == "td" || n == "th" {
                        out.brk(1);
                    } else if n == "img" {
                        // Images contribute nothing; a word boundary at most.
                    }
                }
                if VOID.contains(&n) || self_closing {
                    continue;
                }
                let r = role(&attrs);
                let r = r.as_deref();
                let nav_like = n == "nav" || r == Some("navigation");
                let page_chrome = has_main
                    && (n == "aside"
                        || r == Some("complementary")
                        || main_depth == 0
                            && (n == "header" || n == "footer" || r == Some("banner") || r == Some("contentinfo")));
                let skip = ALWAYS_SKIP.contains(&n) || nav_like || page_chrome || is_hidden(&attrs) || is_chrome(&attrs);
                let main = is_main(n, &attrs);
                let is_pre = n == "pre" || n == "listing" || n == "plaintext";
                skip_depth += skip as usize;
                main_depth += main as usize;
                pre_depth += is_pre as usize;
                *open.entry(name.clone()).or_insert(0) += 1;
                stack.push(Frame { name, skip, main, pre: is_pre });
            }
            Tok::End { name } => {
                let n = name.as_str();
                if skip_depth == 0 {
                    if n == "br" {
                        out.brk(if out.pending >= 2 { 3 } else { 2 });
                    } else if PARA.contains(&n) {
                        out.brk(3);
                    } else if LINE.contains(&n) {
                        out.brk(2);
                    } else if n == "td" || n == "th" {
                        out.brk(1);
                    }
                }
                if open.get(n).copied().unwrap_or(0) == 0 {
                    continue;
                }
                // Pop up to and including the matching element; every
                // frame is pushed once and popped once, so this is linear.
                while let Some(f) = stack.pop() {
                    skip_depth -= f.skip as usize;
                    main_depth -= f.main as usize;
                    pre_depth -= f.pre as usize;
                    if let Some(c) = open.get_mut(&f.name) {
                        *c -= 1;
                    }
                    if f.name == name {
                        break;
                    }
                    // An implicitly closed element ends its block too.
                    if skip_depth == 0 && (PARA.contains(&f.name.as_str()) || LINE.contains(&f.name.as_str())) {
                        out.brk(2);
                    }
                }
            }
        }
    }
    if tok.truncated || pre.truncated {
        diagnostics.push(
            Diagnostic::new(Severity::Info, "truncated-html", "the HTML ends inside a tag or comment").at(html.len()),
        );
    }
    let mut text = out.s;
    let trimmed = text.trim_end().len();
    text.truncate(trimmed);
    let meta = pre.into_meta(&mut diagnostics);
    Extracted { text, meta, diagnostics }
}

// ---------------------------------------------------------------------------
// Metadata

#[derive(Default)]
struct Prescan {
    has_main: bool,
    truncated: bool,
    title: Option<String>,
    /// `<meta>` by lowercase property/name/itemprop → first content.
    metas: HashMap<String, String>,
    /// Every value of repeatable meta keys (authors).
    meta_authors: Vec<String>,
    canonical: Option<String>,
    time_main: Option<String>,
    time_any: Option<String>,
    ld: Vec<String>,
}

fn prescan(html: &str) -> Prescan {
    let mut p = Prescan::default();
    let mut tok = Tokenizer::new(html);
    let mut svg_depth = 0usize;
    let mut main_depth = 0usize;
    // What the next text token belongs to.
    enum Grab {
        None,
        Title,
        Ld,
    }
    let mut grab = Grab::None;
    let mut buf = String::new();
    for t in tok.by_ref() {
        match t {
            Tok::Text(s) => match grab {
                Grab::Title | Grab::Ld => buf.push_str(s),
                Grab::None => {}
            },
            Tok::End { name } => {
                match (&grab, name.as_str()) {
                    (Grab::Title, "title") => {
                        let t = collapse(&decode_entities(&buf, false));
                        if p.title.is_none() && !t.is_empty() {
                            p.title = Some(t);
                        }
                        grab = Grab::None;
                        buf.clear();
                    }
                    (Grab::Ld, "script") => {
                        p.ld.push(std::mem::take(&mut buf));
                        grab = Grab::None;
                    }
                    _ => {}
                }
                match name.as_str() {
                    "svg" => svg_depth = svg_depth.saturating_sub(1),
                    "article" | "main" => main_depth = main_depth.saturating_sub(1),
                    _ => {}
                }
            }
            Tok::Start { name, attrs, self_closing } => {
                if !matches!(grab, Grab::None) {
                    // A raw-text element closed only by EOF: keep going.
                }
                let n = name.as_str();
                if is_main(n, &attrs) {
                    p.has_main = true;
                    if !self_closing && (n == "article" || n == "main") {
                        main_depth += 1;
                    }
                }
                match n {
                    "svg" if !self_closing => svg_depth += 1,
                    "title" if svg_depth == 0 && !self_closing => {
                        grab = Grab::Title;
                        buf.clear();
                    }
                    "script" if !self_closing => {
                        let ty = attr(&attrs, "type").unwrap_or("").trim().to_ascii_lowercase();
                        if ty == "application/ld+json" {
                            grab = Grab::Ld;
                            buf.clear();
                        }
                    }
                    "meta" => {
                        let key = attr(&attrs, "property")
                            .or_else(|| attr(&attrs, "name"))
                            .or_else(|| attr(&attrs, "itemprop"))
                            .map(|k| k.trim().to_ascii_lowercase());
                        let content = attr(&attrs, "content").map(collapse);
                        if let (Some(k), Some(c)) = (key, content) {
                            if !c.is_empty() {
                                if matches!(k.as_str(), "author" | "article:author" | "citation_author" | "parsely-author" | "sailthru.author" | "dc.creator") {
                                    p.meta_authors.push(c.clone());
                                }
                                p.metas.entry(k).or_insert(c);
                            }
                        }
                    }
                    "link" => {
                        let rel = attr(&attrs, "rel").unwrap_or("").to_ascii_lowercase();
                        if p.canonical.is_none() && rel.split_whitespace().any(|r| r == "canonical") {
                            p.canonical = attr(&attrs, "href").map(|h| h.trim().to_string()).filter(|h| !h.is_empty());
                        }
                    }
                    "time" => {
                        if let Some(dt) = attr(&attrs, "datetime").map(str::trim).filter(|d| !d.is_empty()) {
                            if main_depth > 0 && p.time_main.is_none() {
                                p.time_main = Some(dt.to_string());
                            }
                            if p.time_any.is_none() {
                                p.time_any = Some(dt.to_string());
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    match grab {
        Grab::Ld => p.ld.push(buf),
        Grab::Title if p.title.is_none() => {
            p.title = Some(collapse(&decode_entities(&buf, false))).filter(|t| !t.is_empty())
        }
        _ => {}
    }
    p.truncated = tok.truncated;
    p
}

fn collapse(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{A0}').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

fn is_absolute_url(u: &str) -> bool {
    let l = u.trim_start().to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://")
}

/// Fields of the first JSON-LD object of an article type.
#[derive(Default, Debug)]
struct LdArticle {
    headline: Option<String>,
    published: Option<String>,
    authors: Vec<String>,
    publisher: Option<String>,
    url: Option<String>,
    description: Option<String>,
}

fn is_article_type(t: &str) -> bool {
    let t = t.rsplit(['/', ':', '#']).next().unwrap_or(t);
    matches!(t, "Article" | "BlogPosting" | "Report" | "LiveBlogPosting" | "ScholarlyArticle" | "SocialMediaPosting")
        || t.ends_with("NewsArticle")
}

fn types_of(v: &Value) -> Vec<&str> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn str_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(collapse(&decode_entities(s, false))).filter(|s| !s.is_empty()),
        Value::Object(o) => str_of(o.get("name")).or_else(|| str_of(o.get("@id"))).or_else(|| str_of(o.get("url"))),
        Value::Array(a) => a.iter().find_map(|x| str_of(Some(x))),
        _ => None,
    }
}

fn find_ld_article(scripts: &[String]) -> Option<LdArticle> {
    for raw in scripts {
        let s = raw.trim();
        let s = s.strip_prefix("<!--").unwrap_or(s);
        let s = s.strip_suffix("-->").unwrap_or(s);
        let s = s.trim().strip_prefix("//<![CDATA[").unwrap_or(s.trim());
        let s = s.strip_suffix("//]]>").unwrap_or(s);
        let Ok(root) = serde_json::from_str::<Value>(s.trim()) else { continue };
        // Iterative depth-first walk in document order, bounded.
        let mut stack: Vec<&Value> = vec![&root];
        let mut visited = 0usize;
        while let Some(v) = stack.pop() {
            visited += 1;
            if visited > 100_000 {
                break;
            }
            match v {
                Value::Array(a) => stack.extend(a.iter().rev()),
                Value::Object(o) => {
                    if types_of(v).iter().any(|t| is_article_type(t)) {
                        let authors = o.get("author").or_else(|| o.get("creator")).map(authors_of).unwrap_or_default();
                        let url = str_of(o.get("url"))
                            .filter(|u| is_absolute_url(u))
                            .or_else(|| str_of(o.get("mainEntityOfPage")).filter(|u| is_absolute_url(u)));
                        return Some(LdArticle {
                            headline: str_of(o.get("headline")).or_else(|| str_of(o.get("name"))),
                            published: str_of(o.get("datePublished")).or_else(|| str_of(o.get("dateCreated"))),
                            authors: authors.into_iter().map(|a| collapse(&decode_entities(&a, false))).collect(),
                            publisher: str_of(o.get("publisher")).filter(|p| !is_absolute_url(p)),
                            url,
                            description: str_of(o.get("description")),
                        });
                    }
                    stack.extend(o.values().rev().filter(|x| x.is_object() || x.is_array()));
                }
                _ => {}
            }
        }
    }
    None
}

impl Prescan {
    fn meta(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| self.metas.get(*k)).cloned()
    }

    fn into_meta(self, diags: &mut Vec<Diagnostic>) -> DocMeta {
        let ld = find_ld_article(&self.ld).unwrap_or_default();
        let mut m = DocMeta::default();
        m.publisher = ld.publisher.clone().or_else(|| self.meta(&["og:site_name"]));
        m.title = self.meta(&["og:title"]).or(ld.headline.clone()).or_else(|| self.meta(&["twitter:title"])).or_else(|| {
            self.title.as_ref().map(|t| strip_site_suffix(t, m.publisher.as_deref()))
        });
        let canonical = self.canonical.clone().filter(|u| is_absolute_url(u));
        m.url = canonical.or_else(|| self.meta(&["og:url"]).filter(|u| is_absolute_url(u))).or(ld.url.clone());
        let date_candidates: Vec<String> = ld
            .published
            .iter()
            .cloned()
            .chain(self.meta(&[
                "article:published_time",
                "og:published_time",
                "datepublished",
                "date",
                "pubdate",
                "publish-date",
                "publishdate",
                "dc.date.issued",
                "dc.date",
                "citation_publication_date",
                "parsely-pub-date",
                "sailthru.date",
            ]))
            .chain(self.time_main.clone())
            .chain(self.time_any.clone())
            .collect();
        m.published = date_candidates.iter().find_map(|d| parse_date(d));
        if m.published.is_none() && !date_candidates.is_empty() {
            diags.push(Diagnostic::new(
                Severity::Warning,
                "unparsed-date",
                format!("page date {:?} is not a recognised date", date_candidates[0]),
            ));
        }
        m.authors = if !ld.authors.is_empty() {
            ld.authors.clone()
        } else {
            let mut a: Vec<String> = Vec::new();
            for v in self.meta_authors.iter().filter(|v| !is_absolute_url(v)) {
                for name in super::jsonl::split_authors(v) {
                    if !a.contains(&name) {
                        a.push(name);
                    }
                }
            }
            a
        };
        m.description = self.meta(&["description", "og:description", "twitter:description"]).or(ld.description);
        m
    }
}

/// "Headline | Site" → "Headline" when the suffix is the site's name.
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    if let Some(site) = site {
        for sep in [" | ", " - ", " – ", " — ", " :: "] {
            if let Some((head, tail)) = title.rsplit_once(sep) {
                if tail.trim().eq_ignore_ascii_case(site.trim()) && !head.trim().is_empty() {
                    return head.trim().to_string();
                }
            }
        }
    }
    title.to_string()
}

#[cfg(test)]
mod tests {
    use super::super::tests::{docs, read_paths, skips, temp_dir};
    use super::super::*;
    use super::*;
    use crate::model::PartialDate;
    use std::fs;

    const NEWS: &str = r##"<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Iran and Pakistan trade strikes | Example World News</title>
<meta property="og:title" content="Iran and Pakistan Trade Cross-Border Strikes">
<meta property="og:url" content="https://news.example.com/world/iran-pakistan-strikes">
<meta property="og:site_name" content="Example World News">
<meta name="description" content="Pakistan hit back two days after Iranian missiles struck Balochistan.">
<link rel="canonical" href="https://news.example.com/world/iran-pakistan-strikes?ref=canon">
<script>window.dataLayer = [{"page":"<p>not text</p>"}];</script>
<style>p { color: red } </style>
<script type="application/ld+json">
{"@context":"https://schema.org","@graph":[
 {"@type":"WebSite","name":"Example World News","url":"https://news.example.com/"},
 {"@type":["NewsArticle"],"headline":"Iran, Pakistan Trade Strikes","datePublished":"2024-01-18T09:30:00+05:00",
  "author":[{"@type":"Person","name":"Sara Malik"},{"@type":"Person","name":"John Reed"}],
  "publisher":{"@type":"Organization","name":"Example World News"}}
]}
</script>
</head>
<body>
<header class="site-header"><a href="/">Example World News</a><nav><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li></ul></nav></header>
<main>
<article>
<header><h1>Iran and Pakistan Trade Cross-Border Strikes</h1>
<p class="byline">By Sara Malik and John Reed</p><time datetime="2024-01-18">Jan.&nbsp;18, 2024</time>
<div class="social-share"><a href="#">Facebook</a><a href="#">Email</a></div><span class="sr-only">Listen</span></header>
<p>Pakistan  struck   targets inside Iran&rsquo;s Sistan-Baluchestan province on Thursday,
two days after Iranian missiles hit   what Tehran called bases of Jaish al-Adl.</p>
<aside class="related"><h3>Read more</h3><a href="/x">Houthis fire at ships</a></aside>
<p>Islamabad said the strikes were &quot;highly coordinated&quot; &amp; precise.<br>Tehran summoned<br><br>Pakistan&#x2019;s envoy.</p>
<figure><img src="a.jpg" alt="map"><figcaption>A map of the border region.</figcaption></figure>
<div hidden>Hidden promo</div><div style="display: none">Also hidden</div><span aria-hidden="true">icon</span>
<ul><li>First point</li><li>Second point</li></ul>
<pre>  Line one
    Line two</pre>
</article>
</main>
<footer><p>&copy; 2024 Example World News. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
<noscript>Enable JavaScript</noscript>
</body></html>"##;

    #[test]
    fn news_page_text_and_metadata() {
        let ex = extract(NEWS);
        let t = &ex.text;
        assert!(t.starts_with("Iran and Pakistan Trade Cross-Border Strikes\n\nBy Sara Malik and John Reed\n\nJan. 18, 2024"), "{t}");
        assert!(t.contains("Pakistan struck targets inside Iran’s Sistan-Baluchestan province on Thursday, two days after Iranian missiles hit what Tehran called bases of Jaish al-Adl.\n\n"), "{t}");
        assert!(t.contains("\"highly coordinated\" & precise.\nTehran summoned\n\nPakistan’s envoy."), "{t}");
        assert!(t.contains("A map of the border region."));
        assert!(t.contains("First point\nSecond point"), "{t}");
        assert!(t.contains("  Line one\n    Line two"), "{t}");
        for noise in ["World", "Politics", "Read more", "Houthis fire", "rights reserved", "Privacy", "Hidden promo",
            "Also hidden", "icon", "JavaScript", "not text", "color: red", "dataLayer", "Facebook", "Listen"] {
            assert!(!t.contains(noise), "{noise:?} leaked into {t}");
        }
        let m = &ex.meta;
        assert_eq!(m.title.as_deref(), Some("Iran and Pakistan Trade Cross-Border Strikes"));
        assert_eq!(m.url.as_deref(), Some("https://news.example.com/world/iran-pakistan-strikes?ref=canon"));
        assert_eq!(m.published, Some(PartialDate::ymd(2024, 1, 18)));
        assert_eq!(m.authors, vec!["Sara Malik", "John Reed"]);
        assert_eq!(m.publisher.as_deref(), Some("Example World News"));
        assert_eq!(m.description.as_deref(), Some("Pakistan hit back two days after Iranian missiles struck Balochistan."));
    }

    #[test]
    fn html_file_id_comes_from_the_canonical_url() {
        let d = temp_dir("html");
        fs::write(d.join("page.html"), NEWS).unwrap();
        fs::write(d.join("plain.htm"), "<p>Strikes on Houthi radar sites.</p>").unwrap();
        let (items, _) = read_paths(std::slice::from_ref(&d), ReadOptions::default());
        let ds = docs(&items);
        assert_eq!(ds[0].id, "https://news.example.com/world/iran-pakistan-strikes?ref=canon");
        assert_eq!(ds[0].format, Format::Html);
        assert_eq!(ds[0].meta.site.as_deref(), Some("news.example.com"));
        assert_eq!(ds[1].id, "plain");
        assert_eq!(ds[1].text, "Strikes on Houthi radar sites.");
    }

    #[test]
    fn metadata_fallbacks_without_json_ld() {
        let html = r#"<html><head><title>Drone strike kills three &ndash; Daily Wire Service</title>
<meta property="og:site_name" content="Daily Wire Service">
<meta property="article:published_time" content="2024-01-28T18:05:00Z">
<meta name="author" content="Alex Kim">
<meta property="article:author" content="https://www.facebook.com/someone">
</head><body><p>Three soldiers were killed.</p></body></html>"#;
        let m = extract(html).meta;
        assert_eq!(m.title.as_deref(), Some("Drone strike kills three"));
        assert_eq!(m.published, Some(PartialDate::ymd(2024, 1, 28)));
        assert_eq!(m.authors, vec!["Alex Kim"]);
        assert_eq!(m.url, None);
        let m = extract(r#"<main><time datetime="2024-01-12T02:30:00Z">Friday</time><p>Strikes.</p></main>"#).meta;
        assert_eq!(m.published, Some(PartialDate::ymd(2024, 1, 12)));
        // A JSON-LD object nested under another object, author as a plain string.
        let m = extract(r#"<script type="application/ld+json">{"@type":"WebPage","mainEntity":{"@type":"ReportageNewsArticle","headline":"Red Sea strikes","author":"Maya Chen","datePublished":"January 12, 2024","url":"https://wire.example.net/red-sea"}}</script><p>Body.</p>"#).meta;
        assert_eq!(m.title.as_deref(), Some("Red Sea strikes"));
        assert_eq!(m.authors, vec!["Maya Chen"]);
        assert_eq!(m.published, Some(PartialDate::ymd(2024, 1, 12)));
        assert_eq!(m.url.as_deref(), Some("https://wire.example.net/red-sea"));
    }

    #[test]
    fn without_main_header_and_footer_are_kept_but_nav_is_dropped() {
        let ex = extract("<body><header><p>Site Name</p></header><nav>Home | World</nav><div>Story text.</div><footer>Contact us</footer></body>");
        assert_eq!(ex.text, "Site Name\n\nStory text.\n\nContact us");
    }

    #[test]
    fn related_publication_lists_are_kept() {
        // Think-tank style: the listed publications are content for the
        // layout stage, not boilerplate.
        let ex = extract(r#"<main><article><h1>Analysis</h1><p>Body.</p></article>
<section class="related-publications"><h2>Related Publications</h2>
<div class="card"><h3>Making Sense of Iran-Pakistan Cross-Border Strikes</h3><p>Friday, January 19, 2024</p><p>By: Jane Roe</p></div>
</section></main>"#);
        assert_eq!(
            ex.text,
            "Analysis\n\nBody.\n\nRelated Publications\n\nMaking Sense of Iran-Pakistan Cross-Border Strikes\n\nFriday, January 19, 2024\n\nBy: Jane Roe"
        );
    }

    #[test]
    fn deep_nesting_is_fine() {
        let n = 10_000;
        let mut html = String::from("<html><body>");
        for _ in 0..n {
            html.push_str("<div><span>");
        }
        html.push_str("Deep text about the strike.");
        for _ in 0..n {
            html.push_str("</span></div>");
        }
        html.push_str("<p>After.</p>");
        // And 10,000 unclosed elements followed by stray end tags.
        for _ in 0..n {
            html.push_str("<b>");
        }
        for _ in 0..n {
            html.push_str("</i>");
        }
        html.push_str("tail");
        let ex = extract(&html);
        assert_eq!(ex.text, "Deep text about the strike.\n\nAfter.\n\ntail");
    }

    #[test]
    fn truncated_and_malformed_html_never_panics() {
        let cases = [
            "<p>Start of a story <a href=\"https://x",
            "<p>Text <!-- an unclosed comment",
            "<p>1 < 2 and 3 > 2 &amp; &notanentity; &#xZZ; &#99999999; &#128;</p>",
            "<script>var s = '</scr' + 'ipt>';</script><p>After script</p>",
            "<<<>>></></ ><a<b>text",
            "<p>é</p><p\u{FFFD}>",
            "<title>Only a title",
            "",
            "<",
            "&",
            "<!DOCTYPE",
            "<p attr='unterminated>text",
            "<svg><title>Icon</title><path d='M0'/></svg><p>Visible</p>",
        ];
        for c in cases {
            let _ = extract(c);
        }
        assert_eq!(extract(cases[0]).text, "Start of a story");
        assert_eq!(extract(cases[0]).diagnostics[0].code, "truncated-html");
        assert_eq!(extract(cases[2]).text, "1 < 2 and 3 > 2 & &notanentity; &#xZZ; \u{FFFD} €");
        assert_eq!(extract(cases[3]).text, "After script", "script content stays hidden");
        assert_eq!(extract(cases[12]).text, "Visible");
        assert_eq!(extract(cases[6]).meta.title.as_deref(), Some("Only a title"));
    }

    #[test]
    fn random_markup_never_panics() {
        // A small linear congruential generator over an HTML-ish alphabet
        // with multi-byte characters.
        let alphabet: Vec<&str> = vec![
            "<", ">", "/", "!", "-", "&", "#", ";", "=", "\"", "'", " ", "\n", "a", "p", "div", "script", "title",
            "é", "€", "日本", "&amp;", "&#x", "<!--", "-->", "<![CDATA[", "]]>", "<?", "x", "1", "\u{FEFF}", "main",
            "nav", "article", "pre", "br", "ld+json", "{", "}", "\u{A0}",
        ];
        let mut seed: u64 = 0x2024_0128;
        for _ in 0..3000 {
            let mut s = String::new();
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let len = (seed >> 33) % 60;
            for _ in 0..len {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                s.push_str(alphabet[((seed >> 33) as usize) % alphabet.len()]);
            }
            let ex = extract(&s);
            assert_eq!(ex.text.trim_end(), ex.text, "no trailing whitespace");
            let _ = crate::corpus::text::header_meta(&s);
            let _ = parse_date(&s);
            let _ = declared_charset(s.as_bytes());
            let _ = decode::decode(s.as_bytes(), Some("shift_jis"));
        }
    }

    #[test]
    fn large_page_is_linear() {
        // 20,000 paragraphs with attributes and entities: must stay fast.
        let mut html = String::from("<html><body><main>");
        for i in 0..20_000 {
            html.push_str(&format!("<p class=\"para\" data-i=\"{i}\">Strike number {i} &amp; more text&nbsp;here.</p>\n"));
        }
        let t = std::time::Instant::now();
        let ex = extract(&html);
        assert!(ex.text.ends_with("Strike number 19999 & more text here."));
        assert!(t.elapsed().as_secs() < 5, "took {:?}", t.elapsed());
    }

    #[test]
    fn entity_decoding() {
        assert_eq!(decode_entities("Q&amp;A &ldquo;hi&rdquo; &#8212; &#x41;&eacute;", false), "Q&A “hi” — Aé");
        assert_eq!(decode_entities("a&ampb", false), "a&b");
        assert_eq!(decode_entities("?a=1&copy=2", true), "?a=1&copy=2");
    }

    #[test]
    fn declared_charset_is_honoured() {
        let d = temp_dir("charset");
        let mut bytes = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-15\"></head><body><p>Co\xFBt: 5 \xA4</p></body></html>".to_vec();
        bytes.push(b'\n');
        fs::write(d.join("latin.html"), bytes).unwrap();
        let (items, _) = read_paths(&[d.join("latin.html")], ReadOptions::default());
        match &items[0] {
            Item::Doc(doc, diags) => {
                assert_eq!(doc.text, "Coût: 5 €");
                assert_eq!(diags[0].code, "decoded-as-declared-charset");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn page_without_visible_text_is_empty() {
        let d = temp_dir("htmlempty");
        fs::write(d.join("shell.html"), "<html><head><title>App</title><script>render()</script></head><body><div id=root></div></body></html>").unwrap();
        let (items, _) = read_paths(&[d.join("shell.html")], ReadOptions::default());
        let s = skips(&items);
        assert_eq!(s[0].reason, SkipReason::Empty);
        assert_eq!(s[0].message, "no visible text");
    }
}
