//! Lines of a page and the listing blocks among them.

/// What a line looks like, for layout decisions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    Blank,
    Text,
}

/// One line: byte range without its line break.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    pub kind: LineKind,
}

/// Split on `\n` (a trailing `\r` stays outside the line).
pub fn split(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            out.push(make(text, start, i));
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(make(text, start, text.len()));
    }
    out
}

fn make(text: &str, start: usize, mut end: usize) -> Line {
    if end > start && text.as_bytes()[end - 1] == b'\r' {
        end -= 1;
    }
    let s = &text[start..end];
    let kind = if s.trim().is_empty() { LineKind::Blank } else { LineKind::Text };
    // Keep the line's visible text without surrounding spaces.
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if kind == LineKind::Blank {
        Line { start, end, kind }
    } else {
        Line { start: start + lead, end: end - trail, kind }
    }
}

/// Headings that open a block listing other publications.
const LISTING_HEADINGS: &[&str] = &[
    "related publications",
    "related content",
    "related articles",
    "related analysis",
    "related stories",
    "related reading",
    "related",
    "more publications",
    "recent publications",
    "latest publications",
    "more from usip",
    "more on this topic",
    "you may also like",
    "read more",
    "further reading",
    "more analysis",
    "latest news",
    "related news",
    "publications",
];

/// Lines that close a listing block.
const LISTING_ENDS: &[&str] = &["view all publications", "view all", "see all publications", "see all", "load more"];

/// A listing block: where the main text stops, where the items begin, and
/// the line after the last item (indices into the lines).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Listing {
    pub main_end: usize,
    pub items: usize,
    pub end: usize,
}

/// Find the listing block: after a heading such as "Related Publications",
/// or, on a listing page without one, from the first item on.
pub fn find_listing(text: &str, lines: &[Line]) -> Option<Listing> {
    let (main_end, items) = match lines.iter().position(|l| {
        l.kind == LineKind::Text && {
            let s = text[l.start..l.end].trim().trim_end_matches(':').to_lowercase();
            LISTING_HEADINGS.contains(&s.as_str())
        }
    }) {
        Some(h) => (h, h + 1),
        None => {
            let first = headless_listing(text, lines)?;
            (first, first)
        }
    };
    let end = lines[items..]
        .iter()
        .position(|l| {
            l.kind == LineKind::Text && LISTING_ENDS.contains(&text[l.start..l.end].trim().to_lowercase().as_str())
        })
        .map_or(lines.len(), |p| items + p);
    Some(Listing { main_end, items, end })
}

/// A listing page without a heading: it starts at the first item, a title
/// printed twice and followed by a date line. Returns that item's first line.
fn headless_listing(text: &str, lines: &[Line]) -> Option<usize> {
    let content: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].kind == LineKind::Text).collect();
    content.windows(3).find_map(|w| {
        let (a, b, c) = (&lines[w[0]], &lines[w[1]], &lines[w[2]]);
        let ta = text[a.start..a.end].trim();
        let repeated = ta.len() >= 8 && ta == text[b.start..b.end].trim();
        // the date parse only when the title repeats (it is the costly test)
        let dated = || crate::recognize::timex::parse_date_line(text[c.start..c.end].trim()).is_some_and(|d| d.year.is_some());
        (repeated && dated()).then_some(w[0])
    })
}
