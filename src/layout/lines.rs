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
    let rest = s.trim_start();
    if rest.is_empty() {
        return Line { start, end, kind: LineKind::Blank };
    }
    // Keep the line's visible text without surrounding spaces.
    let lead = s.len() - rest.len();
    let trail = rest.len() - rest.trim_end().len();
    Line { start: start + lead, end: end - trail, kind: LineKind::Text }
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
        l.kind == LineKind::Text && lower_is_one_of(text[l.start..l.end].trim().trim_end_matches(':'), LISTING_HEADINGS)
    }) {
        Some(h) => (h, h + 1),
        None => {
            let first = headless_listing(text, lines)?;
            (first, first)
        }
    };
    let end = lines[items..]
        .iter()
        .position(|l| l.kind == LineKind::Text && lower_is_one_of(text[l.start..l.end].trim(), LISTING_ENDS))
        .map_or(lines.len(), |p| items + p);
    Some(Listing { main_end, items, end })
}

/// Whether `s.to_lowercase()` is one of `list` (ASCII strings): an ASCII `s`
/// is compared in place, without the lower-case copy; any other (rare) is
/// lower-cased, as some non-ASCII letters lower-case to ASCII ones.
fn lower_is_one_of(s: &str, list: &[&str]) -> bool {
    // lower-casing shortens a character's UTF-8 by at most two thirds
    // (Kelvin sign: three bytes to one)
    if list.iter().all(|w| s.len() > 3 * w.len()) {
        return false;
    }
    if s.is_ascii() {
        list.iter().any(|w| w.len() == s.len() && w.eq_ignore_ascii_case(s))
    } else {
        list.contains(&s.to_lowercase().as_str())
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_is_one_of_is_lowercase_membership() {
        for s in ["Related Publications", "RELATED", "related", "Related Publications!", "View All", "See all publications", "", "Relate", "You may also li\u{212a}e", "Related Pub\u{130}cations", "Ä related"] {
            for list in [LISTING_HEADINGS, LISTING_ENDS] {
                assert_eq!(lower_is_one_of(s, list), list.contains(&s.to_lowercase().as_str()), "{s:?}");
            }
        }
        assert!(lower_is_one_of("You may also li\u{212a}e", LISTING_HEADINGS));
    }

    #[test]
    fn lines_keep_their_visible_text() {
        let t = "  Title  \r\n\n \t \nBody text\n";
        let l = split(t);
        assert_eq!(l.iter().map(|x| x.kind).collect::<Vec<_>>(), [LineKind::Text, LineKind::Blank, LineKind::Blank, LineKind::Text]);
        assert_eq!(&t[l[0].start..l[0].end], "Title");
        assert_eq!((l[1].start, l[1].end, l[2].start, l[2].end), (11, 11, 12, 15));
        assert_eq!(&t[l[3].start..l[3].end], "Body text");
    }
}
