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

/// The listing block: index of its heading line and of the line after its
/// last item (exclusive).
pub fn find_listing(text: &str, lines: &[Line]) -> Option<(usize, usize)> {
    let heading = lines.iter().position(|l| {
        l.kind == LineKind::Text && {
            let s = text[l.start..l.end].trim().trim_end_matches(':').to_lowercase();
            LISTING_HEADINGS.contains(&s.as_str())
        }
    })?;
    let end = lines[heading + 1..]
        .iter()
        .position(|l| {
            l.kind == LineKind::Text && LISTING_ENDS.contains(&text[l.start..l.end].trim().to_lowercase().as_str())
        })
        .map_or(lines.len(), |p| heading + 1 + p);
    Some((heading, end))
}
