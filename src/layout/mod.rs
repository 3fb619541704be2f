//! Layout: the publications on a page.
//!
//! A saved page often holds more than one publication: the article itself,
//! then a "Related Publications" block listing others, each with its own
//! title (sometimes printed twice), date line, byline, summary, type line and
//! run-together topics. This stage finds them, so that every later mention
//! can belong to the publication whose text contains it.
//!
//! It works on lines of the document text and never changes the text; every
//! field it finds keeps its [`Span`]. Dates in date lines are parsed with the
//! temporal tagger's date-line parser; the main article's date comes from the
//! input metadata first, then a date line near the top, then the URL.

mod lines;

use crate::model::{Document, PartialDate, PubRole, Publication, Span};
use crate::recognize::timex;
use crate::text::CharIndex;
use lines::{Line, LineKind};
use regex::Regex;
use std::sync::OnceLock;

/// Find the publications on a page. The first is always the main one.
pub fn publications(doc: &Document) -> Vec<Publication> {
    let idx = CharIndex::new(&doc.text);
    let lines = lines::split(&doc.text);
    let listing = lines::find_listing(&doc.text, &lines);
    let main_end = listing.map_or(doc.text.len(), |l| lines.get(l.main_end).map_or(doc.text.len(), |x| x.start));
    let main_lines: Vec<&Line> = lines.iter().filter(|l| l.end <= main_end).collect();

    let mut main = main_publication(doc, &main_lines, &idx, main_end);
    let mut out = Vec::new();
    if let Some(l) = listing {
        for mut item in listed_items(&doc.text, &lines[l.items..l.end], &idx) {
            if item.publisher.is_none() {
                item.publisher = main.publisher.clone();
            }
            out.push(item);
        }
    }
    main.span = idx.span(0, doc.text.len());
    let mut all = vec![main];
    all.extend(out);
    all
}

/// Index of the innermost publication whose span contains `span`.
pub fn owner(pubs: &[Publication], span: &Span) -> usize {
    let mut best = 0;
    for (i, p) in pubs.iter().enumerate() {
        if p.span.contains(span) && p.span.len() <= pubs[best].span.len() {
            best = i;
        }
    }
    best
}

fn main_publication(doc: &Document, lines: &[&Line], idx: &CharIndex, end: usize) -> Publication {
    let text = &doc.text;
    let meta = &doc.meta;
    let title = meta.title.clone();
    let mut title_span = None;
    let mut headings = Vec::new();
    let mut furniture = Vec::new();
    // The title as printed at the top of the text (sometimes twice).
    let content: Vec<&&Line> = lines.iter().filter(|l| l.kind != LineKind::Blank).collect();
    if let Some(t) = title.as_deref() {
        for l in content.iter().take(3) {
            if same_title(t, &text[l.start..l.end]) {
                let sp = idx.span(l.start, l.end);
                title_span.get_or_insert(sp);
                headings.push(sp);
            }
        }
    }
    // Date: metadata, then a date line near the top, then the URL.
    let mut published = meta.published;
    let mut date_span = None;
    let mut authors = meta.authors.clone();
    let mut byline_org: Option<String> = None;
    for l in lines.iter().take(12) {
        let s = &text[l.start..l.end];
        if date_span.is_none() {
            if let Some((d, r)) = date_line(s) {
                date_span = Some(idx.span(l.start + r.start, l.start + r.end));
                if published.is_none() {
                    published = Some(d);
                }
                continue;
            }
        }
        if let Some(names) = byline(s) {
            furniture.push(idx.span(l.start, l.end));
            let (persons, org) = split_byline(names);
            if authors.is_empty() {
                authors = persons;
            }
            if byline_org.is_none() {
                byline_org = org;
            }
        }
    }
    if published.is_none() {
        published = meta.url.as_deref().and_then(timex::date_from_url);
    }
    // Author bios such as "Viola Gienger is a senior writer at USIP." name
    // authors and the publisher.
    let mut publisher = meta.publisher.clone().or(byline_org);
    for l in lines.iter().rev().take(40) {
        let s = &text[l.start..l.end];
        if let Some((name, org)) = bio_line(s) {
            if !authors.iter().any(|a| a == &name) {
                authors.push(name);
            }
            if publisher.is_none() {
                publisher = org;
            }
        }
    }
    // Other short title-case lines are headings too (section titles, the
    // headline of a page saved without metadata).
    for (i, l) in lines.iter().enumerate() {
        if l.kind == LineKind::Blank {
            continue;
        }
        // A heading stands alone: a blank line (or the edge of the text) on each side.
        let alone = (i == 0 || lines[i - 1].kind == LineKind::Blank) && lines.get(i + 1).is_none_or(|n| n.kind == LineKind::Blank);
        let sp = idx.span(l.start, l.end);
        if alone && !headings.contains(&sp) && !furniture.contains(&sp) && is_title_case_line(&text[l.start..l.end]) {
            headings.push(sp);
        }
    }
    let body_start = lines.iter().find(|l| l.kind != LineKind::Blank).map_or(0, |l| l.start);
    Publication {
        role: PubRole::Main,
        span: idx.span(0, end),
        title,
        title_span,
        published,
        date_span,
        authors,
        publisher,
        types: Vec::new(),
        topics: Vec::new(),
        url: meta.url.clone(),
        body: idx.span(body_start.min(end), end),
        headings,
        furniture,
    }
}

/// A heading-like line: 2 to 16 words, no final period, and most words of
/// four or more letters capitalized.
fn is_title_case_line(s: &str) -> bool {
    let s = s.trim();
    if s.ends_with(['.', ',', ';', ':']) || s.len() > 140 {
        return false;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    if !(2..=16).contains(&words.len()) {
        return false;
    }
    let long: Vec<&&str> = words.iter().filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4).collect();
    if long.len() < 2 {
        return false;
    }
    // All-capital headlines are left to the tagger, which knows them.
    if !s.chars().any(char::is_lowercase) {
        return false;
    }
    let caps = long.iter().filter(|w| w.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase)).count();
    caps * 10 >= long.len() * 8
}

/// Parse the items of a listing block.
fn listed_items(text: &str, lines: &[Line], idx: &CharIndex) -> Vec<Publication> {
    let content: Vec<&Line> = lines.iter().filter(|l| l.kind != LineKind::Blank).collect();
    // An item is anchored on its date line; its title is the line(s) before.
    let dates: Vec<usize> = content
        .iter()
        .enumerate()
        .filter(|(_, l)| date_line(&text[l.start..l.end]).is_some_and(|(_, r)| r.len() + 2 >= l.end - l.start))
        .map(|(i, _)| i)
        .collect();
    let mut items = Vec::new();
    for (n, &di) in dates.iter().enumerate() {
        // Title: the non-blank line before the date, and the one before that
        // when it repeats it.
        if di == 0 {
            continue;
        }
        let prev_limit = if n == 0 { 0 } else { dates[n - 1] + 1 };
        let t1 = di - 1;
        if t1 < prev_limit {
            continue;
        }
        let mut first = t1;
        let title_text = text[content[t1].start..content[t1].end].trim();
        if t1 >= prev_limit + 1 && t1 > 0 && same_title(title_text, &text[content[t1 - 1].start..content[t1 - 1].end]) {
            first = t1 - 1;
        }
        let next_title = dates.get(n + 1).map(|&d| item_start(text, &content, d, di + 1));
        let last = next_title.unwrap_or(content.len());
        // `dates` holds the lines where `date_line` matched
        let Some((date, dr)) = date_line(&text[content[di].start..content[di].end]) else { continue };
        let mut pubn = Publication {
            role: PubRole::Listed,
            span: idx.span(content[first].start, content[last - 1].end),
            title: Some(title_text.to_string()),
            title_span: Some(idx.span(content[t1].start, content[t1].end)),
            published: Some(date),
            date_span: Some(idx.span(content[di].start + dr.start, content[di].start + dr.end)),
            authors: Vec::new(),
            publisher: None,
            types: Vec::new(),
            topics: Vec::new(),
            url: None,
            body: Span::default(),
            headings: (first..=t1).map(|i| idx.span(content[i].start, content[i].end)).collect(),
            furniture: Vec::new(),
        };
        let mut body: Option<(usize, usize)> = None;
        let mut after_type = false;
        for l in &content[di + 1..last] {
            let s = text[l.start..l.end].trim();
            let line_span = idx.span(l.start, l.end);
            if let Some(names) = byline(s) {
                let (persons, org) = split_byline(names);
                pubn.authors = persons;
                pubn.publisher = org;
                pubn.furniture.push(line_span);
                continue;
            }
            if let Some(rest) = strip_label(s, "Type") {
                pubn.types = split_run_together(rest);
                pubn.furniture.push(line_span);
                after_type = true;
                continue;
            }
            if let Some(rest) = strip_label(s, "Topics").or_else(|| strip_label(s, "Topic")) {
                pubn.topics = split_run_together(rest);
                pubn.furniture.push(line_span);
                continue;
            }
            if after_type && looks_like_topics(s) {
                pubn.topics = split_run_together(s);
                pubn.furniture.push(line_span);
                continue;
            }
            if is_navigation(s) {
                pubn.furniture.push(line_span);
                continue;
            }
            body = Some(match body {
                None => (l.start, l.end),
                Some((a, _)) => (a, l.end),
            });
        }
        let (bs, be) = body.unwrap_or((content[di].end, content[di].end));
        pubn.body = idx.span(bs, be);
        // The item's span ends with its last line that is not navigation.
        items.push(pubn);
    }
    items
}

/// Where the item anchored on date line `d` starts (its title lines).
fn item_start(text: &str, content: &[&Line], d: usize, min: usize) -> usize {
    let t1 = d.saturating_sub(1).max(min);
    if t1 > min && same_title(&text[content[t1].start..content[t1].end], &text[content[t1 - 1].start..content[t1 - 1].end]) {
        t1 - 1
    } else {
        t1
    }
}

fn same_title(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && a == b
}

/// A line that is a date and little else: "Tuesday, January 30, 2024",
/// "date 2024-01-30", "Published: Feb. 26, 2013". Returns the date and its
/// byte range within the line.
#[allow(clippy::unwrap_used)] // constant patterns, compiled by every layout test
fn date_line(line: &str) -> Option<(PartialDate, std::ops::Range<usize>)> {
    let trimmed = line.trim();
    if trimmed.is_empty() || trimmed.len() > 60 {
        return None;
    }
    let lead = line.len() - line.trim_start().len();
    let skip = date_prefix_end(trimmed).unwrap_or(0);
    let rest = &trimmed[skip..];
    // a date line needs a year (most lines hold none: no parse)
    if !timex::may_hold_year(rest) {
        return None;
    }
    let d = timex::parse_date_line(rest)?;
    d.year?;
    Some((d, lead + skip..lead + trimmed.len()))
}

/// End of a date-line label at the start of `s`: what the regex
/// `(?i)^(?:date|published(?: on)?|posted(?: on)?|updated(?: on)?|last updated)\s*:?\s+`
/// finds, matched by hand (leftmost-first, as the regex engine does: the
/// first label form, in that order, after which the spacing matches).
/// Case-insensitive like the regex (`ſ` is a case variant of `s`); `\s` is
/// White_Space, as `char::is_whitespace`.
fn date_prefix_end(s: &str) -> Option<usize> {
    const LABELS: [&str; 8] = ["date", "published on", "published", "posted on", "posted", "updated on", "updated", "last updated"];
    LABELS.iter().find_map(|label| label_spacing_end(s, strip_label_ci(s, label)?))
}

/// Byte length of the prefix of `s` that spells `label` (ASCII lowercase
/// letters and spaces) case-insensitively.
fn strip_label_ci(s: &str, label: &str) -> Option<usize> {
    let mut it = s.char_indices();
    for p in label.chars() {
        let (_, c) = it.next()?;
        if !(c.to_ascii_lowercase() == p || (p == 's' && c == '\u{017F}')) {
            return None;
        }
    }
    Some(it.next().map_or(s.len(), |(i, _)| i))
}

/// Where `\s*:?\s+` matching at byte `at` of `s` ends (greedy, with the
/// regex engine's backtracking), if it matches.
fn label_spacing_end(s: &str, at: usize) -> Option<usize> {
    let ws_end = |from: usize| s[from..].char_indices().find(|(_, c)| !c.is_whitespace()).map_or(s.len(), |(i, _)| from + i);
    let q = ws_end(at);
    if s[q..].starts_with(':') {
        let r = ws_end(q + 1);
        if r > q + 1 {
            return Some(r);
        }
    }
    // without the colon: `\s+` takes the last of the spaces
    (q > at).then_some(q)
}

/// A byline: "By: A;  B", "By A and B", "By A, Ph.D.". Returns the names.
///
/// The line is what the pattern `^\s*(?i:by|authors?|written by)\s*:?\s+(.+?)\s*$`
/// matches (the line holds no line break), the names its group, matched by
/// hand: after the leading spaces a keyword and the spacing after it (the first
/// keyword, in that order, after which the spacing matches, as the regex engine
/// would take it), then the rest of the line without its trailing spaces (`\s`
/// and `trim` both mean Unicode White_Space). A rest of spaces only (the group
/// would hold one of them) names nobody.
fn byline(line: &str) -> Option<Vec<String>> {
    let t = line.trim_start();
    let at = ["by", "authors", "author", "written by"].iter().find_map(|k| label_spacing_end(t, strip_label_ci(t, k)?))?;
    let list = t[at..].trim_end();
    // `.` stops at a line break (not found in a line, but the pattern says so)
    if list.is_empty() || list.len() > 200 || list.contains('\n') {
        return None;
    }
    let names: Vec<String> = split_names(list);
    (!names.is_empty() && names.iter().all(|n| looks_like_name(n) || is_organization_name(n))).then_some(names)
}

/// Words that end the names of organizations, not people ("Atlantic
/// Council", "Reuters Staff", "Gulf News Desk").
const ORG_HEADS: &[&str] = &[
    "council", "institute", "institution", "center", "centre", "foundation", "agency", "group", "staff", "news",
    "press", "editors", "editorial", "board", "team", "office", "desk", "service", "committee", "program",
    "programme", "forum", "review", "times", "post", "journal", "network", "association", "university",
    "ministry", "department", "reporters", "correspondents", "wire", "media", "project", "initiative",
];

fn is_organization_name(s: &str) -> bool {
    s.split_whitespace()
        .last()
        .is_some_and(|w| ORG_HEADS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase().as_str()))
}

/// Split byline names into persons and an organization.
fn split_byline(names: Vec<String>) -> (Vec<String>, Option<String>) {
    let (orgs, persons): (Vec<String>, Vec<String>) = names.into_iter().partition(|n| is_organization_name(n));
    (persons, orgs.into_iter().next())
}

/// Split an author list on ";", ",", " and ", "&", dropping degrees.
fn split_names(list: &str) -> Vec<String> {
    const DEGREES: &[&str] = &["Ph.D.", "PhD", "Ph.D", "M.D.", "MD", "J.D.", "Jr.", "Sr.", "Esq.", "MBA", "M.A.", "MPP"];
    let mut out = Vec::new();
    for part in list.split([';', ',', '&', '|']) {
        for name in part.split(" and ") {
            let name = name.trim();
            if name.is_empty() || DEGREES.contains(&name) {
                continue;
            }
            out.push(name.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    out
}

/// Two to five words, each starting uppercase (particles allowed).
fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if !(2..=5).contains(&words.len()) {
        return false;
    }
    words.iter().all(|w| {
        w.chars().next().is_some_and(char::is_uppercase)
            || matches!(*w, "al" | "al-" | "bin" | "ibn" | "de" | "da" | "van" | "von" | "der" | "le" | "la" | "el" | "du" | "dos")
            || w.starts_with("al-")
            || w.starts_with("el-")
    }) && !s.ends_with('.')
}

/// Whether `line` opens as every match of the bio pattern does: two to four
/// words that start with an ASCII capital and have a second character (the
/// name), then `is` or `was` or `serves as`, then `a`, `an` or `the`, as
/// whitespace-separated words (the pattern's `\s` and `split_whitespace`
/// both mean Unicode White_Space). A few words from the start, not a search
/// through the line.
fn bio_opening(line: &str) -> bool {
    let name = |x: &str| x.len() >= 2 && x.as_bytes()[0].is_ascii_uppercase();
    let article = |x: Option<&str>| matches!(x, Some("a" | "an" | "the"));
    // word by word, stopping at the first that fits neither the name nor the verb
    let mut words = line.split_whitespace();
    let mut names = 0;
    while let Some(x) = words.next() {
        match x {
            "is" | "was" if names >= 2 => return article(words.next()),
            "serves" if names >= 2 => return words.next() == Some("as") && article(words.next()),
            _ if names < 4 && name(x) => names += 1,
            _ => return false,
        }
    }
    false
}

/// The role words of the bio pattern (kept in step with it).
const BIO_ROLES: &[&str] = &[
    "writer", "editor", "fellow", "director", "analyst", "researcher", "scholar", "expert", "correspondent", "reporter",
    "professor", "associate", "officer", "advisor", "adviser", "specialist", "manager", "president", "chair", "journalist",
    "contributor", "columnist", "head", "lead", "coordinator", "consultant",
];

/// The author-bio pattern of [`bio_line`].
const BIO_PATTERN: &str = r"^\s*((?:[A-Z][\p{L}'’.-]+\s+){1,3}[A-Z][\p{L}'’-]+)\s+(?:is|was|serves as)\s+(?:a|an|the)\s+(?:[\p{L}-]+\s+){0,6}?(?:writer|editor|fellow|director|analyst|researcher|scholar|expert|correspondent|reporter|professor|associate|officer|advisor|adviser|specialist|manager|president|chair|journalist|contributor|columnist|head|lead|coordinator|consultant)\b(?:[^.]*?\b(?:at|with|of|for)\s+(?:the\s+)?([A-Z][\p{L}&.’'-]*(?:\s+(?:[A-Z][\p{L}&.’'-]*|of|for|on|and|the))*))?\s*\.?\s*$";

/// `pattern` for ASCII haystacks only: `\p{L}` (always inside a class)
/// becomes `A-Za-z`, the non-ASCII `’` goes, and `\s` becomes its ASCII
/// members (Unicode White_Space below 128: tab to carriage return, space).
/// On an ASCII text it matches exactly where `pattern` does.
fn ascii_pattern(pattern: &str) -> String {
    pattern.replace(r"\p{L}", "A-Za-z").replace('’', "").replace(r"\s", r"[\t\n\x0B\x0C\r ]")
}

/// "X is a senior writer at USIP." → ("X", Some("USIP")).
#[allow(clippy::unwrap_used)] // constant patterns, compiled by every layout test
fn bio_line(line: &str) -> Option<(String, Option<String>)> {
    static BIO: OnceLock<Regex> = OnceLock::new();
    static BIO_ASCII: OnceLock<Regex> = OnceLock::new();
    if line.len() > 300 {
        return None;
    }
    // Necessary for a match, checked before the (costly to compile) regex:
    // an ASCII capital first, the name, linking verb and article, and a role
    // word somewhere.
    if !line.trim_start().starts_with(|c: char| c.is_ascii_uppercase()) || !bio_opening(line) || !BIO_ROLES.iter().any(|r| line.contains(r)) {
        return None;
    }
    // On an ASCII line the pattern's Unicode classes reduce to their ASCII
    // members, and that regex compiles in a fraction of the time.
    let re = if line.is_ascii() {
        BIO_ASCII.get_or_init(|| Regex::new(&ascii_pattern(BIO_PATTERN)).unwrap())
    } else {
        BIO.get_or_init(|| Regex::new(BIO_PATTERN).unwrap())
    };
    if line.len() > 300 {
        return None;
    }
    let caps = re.captures(line)?;
    let name = caps.get(1)?.as_str().trim().to_string();
    if !looks_like_name(&name) {
        return None;
    }
    let org = caps.get(2).map(|m| m.as_str().trim().trim_end_matches('.').to_string());
    Some((name, org))
}

fn strip_label<'a>(s: &'a str, label: &str) -> Option<&'a str> {
    let rest = s.strip_prefix(label)?;
    let rest = rest.trim_start();
    let rest = rest.strip_prefix(':')?;
    let rest = rest.trim();
    (!rest.is_empty()).then_some(rest)
}

/// A topics line: title-case phrases run together, no sentence punctuation.
fn looks_like_topics(s: &str) -> bool {
    s.len() < 200
        && !s.contains(['.', '?', '!', ','])
        && s.split_whitespace().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || c == '&') || matches!(w, "and" | "of" | "the" | "in" | "for" | "on"))
}

/// Split "AnalysisQuestion and Answer" into "Analysis", "Question and Answer":
/// a lowercase letter directly followed by an uppercase one starts a new item.
pub fn split_run_together(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev: Option<char> = None;
    for c in s.chars() {
        if let Some(p) = prev {
            if p.is_lowercase() && c.is_uppercase() && !cur.ends_with("Mc") && !cur.ends_with("Mac") {
                out.push(cur.trim().to_string());
                cur = String::new();
            }
        }
        cur.push(c);
        prev = Some(c);
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out.retain(|x| !x.is_empty());
    out
}

fn is_navigation(s: &str) -> bool {
    let l = s.to_lowercase();
    l.len() < 40
        && (l.starts_with("view all") || l.starts_with("see all") || l.starts_with("read more") || l.starts_with("more ") || l == "share" || l.starts_with("load more"))
}

#[cfg(test)]
mod tests;
