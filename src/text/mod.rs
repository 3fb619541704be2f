//! Text: sentences and tokens with their offsets.
//!
//! This is the first stage after the corpus readers. It never changes the
//! text: every token and sentence is a [`Span`] into the document as read,
//! with byte offsets (for slicing) and code point offsets (for users and the
//! evaluation). Later stages (layout, recognize, events) work on these spans.
//!
//! Tokens start from Unicode word boundaries (UAX #29, via
//! `unicode-segmentation`) and are then adjusted for news text: "U.S.",
//! "Feb." and "Ph.D." stay whole, possessive "'s"/"’s" and "n't" split off,
//! hyphens between capitalized parts split ("U.S.-Iran"), lowercase compounds
//! stay whole ("cross-border"). Sentences end at `.`, `!`, `?` (not after an
//! abbreviation unless the next word plainly starts a sentence) and at line
//! breaks, except hard-wrapped lines of running prose.

pub mod decimal;
mod offsets;

#[allow(unused_imports)] // the build script mounts this module and uses only the segmenter
pub use offsets::{CharCursor, CharIndex};

use crate::model::Span;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    Symbol,
}

/// One token of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// True when whitespace (or the start of the text) precedes the token.
    pub space_before: bool,
}

/// One sentence: its span and the range of its tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub tokens: Range<usize>,
}

/// A segmented text.
#[derive(Clone, Debug, Default)]
pub struct Segmented {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
}

impl Segmented {
    /// The text of token `i`.
    pub fn token_text<'a>(&self, text: &'a str, i: usize) -> &'a str {
        let s = self.tokens[i].span;
        &text[s.start..s.end]
    }
    /// Index of the sentence holding byte offset `pos`, if any.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= pos);
        (i < self.sentences.len() && self.sentences[i].span.start <= pos).then_some(i)
    }
    /// Index of the first token starting at or after byte offset `pos`.
    pub fn token_from(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < pos)
    }
}

/// Abbreviations that take a final period and do not end a sentence by
/// themselves (titles, months, common Latin and institutional forms).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm", "cmdr", "gov",
    "sen", "rep", "rev", "hon", "pres", "amb", "st", "sr", "jr", "messrs", "mt", "ft", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu",
    "thur", "thurs", "fri", "sat", "sun", "no", "nos", "vol", "vols", "pp", "p", "fig", "figs", "etc",
    "vs", "v", "al", "approx", "dept", "est", "inc", "ltd", "co", "corp", "bros", "univ", "assn", "ave",
    "blvd", "rd", "ph.d", "e.g", "i.e", "a.m", "p.m", "u.s", "u.k", "u.n", "u.s.a", "e.u", "d.c", "b.a",
    "m.a", "m.d", "b.sc", "m.sc", "ph", "sq", "cf", "ibid", "op", "jr", "esq", "lieut", "supt", "insp",
];

/// Abbreviations that often stand last in a sentence ("... by the U.S. But
/// the ..."): they end one when a plain sentence starter follows.
const FINAL_ABBREVIATIONS: &[&str] = &["u.s", "u.k", "u.n", "u.s.a", "e.u", "d.c", "etc", "a.m", "p.m", "inc", "ltd", "co", "corp", "jr", "sr"];

/// Words that start sentences and are seldom part of a name.
const SENTENCE_STARTERS: &[&str] = &[
    "the", "but", "and", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those",
    "in", "on", "at", "for", "as", "if", "when", "while", "after", "before", "so", "yet", "however", "there",
    "his", "her", "its", "their", "our", "a", "an", "what", "why", "how", "who", "meanwhile", "still",
    "since", "although", "though", "because", "then", "now", "also", "both", "many", "some", "most",
];

fn is_abbreviation(word: &str, list: &[&str]) -> bool {
    let w = word.trim_end_matches('.');
    if w.is_empty() || w.len() > 8 {
        return false;
    }
    list.iter().any(|a| a.eq_ignore_ascii_case(w) && a.len() == w.len())
}

/// A single capital letter, as in an initial ("J.").
fn is_initial(word: &str) -> bool {
    let mut cs = word.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase())
}

/// Dotted acronym without its last period: "U.S", "Ph.D", "e.g".
fn is_dotted(word: &str) -> bool {
    word.contains('.')
        && word.split('.').all(|p| !p.is_empty() && p.chars().count() <= 2 && p.chars().all(char::is_alphabetic))
}

/// [`classify`] of the token `text[r]`, from its bytes when it starts with an
/// ASCII letter or punctuation, or with a digit and holds an ASCII letter
/// (most tokens); the others go to [`classify`].
#[inline]
fn classify_at(text: &str, r: Range<usize>) -> TokenKind {
    let b = text.as_bytes();
    match b[r.start] {
        c if c.is_ascii_alphabetic() => TokenKind::Word,
        c if c.is_ascii_digit() => {
            if b[r.clone()].iter().any(u8::is_ascii_alphabetic) {
                TokenKind::Word
            } else {
                classify(&text[r])
            }
        }
        c if c.is_ascii_punctuation() => TokenKind::Punct,
        _ => classify(&text[r]),
    }
}

fn classify(s: &str) -> TokenKind {
    // ASCII first characters (most) without decoding: the tests below are
    // the ones `char` gives for them
    if let Some(&b) = s.as_bytes().first().filter(|b| b.is_ascii()) {
        return if b.is_ascii_alphabetic() {
            TokenKind::Word
        } else if b.is_ascii_digit() {
            let alpha = if s.is_ascii() { s.bytes().any(|x| x.is_ascii_alphabetic()) } else { s.chars().any(char::is_alphabetic) };
            if alpha {
                TokenKind::Word
            } else {
                TokenKind::Number
            }
        } else if b.is_ascii_punctuation() {
            TokenKind::Punct
        } else {
            TokenKind::Symbol
        };
    }
    let c = s.chars().next().unwrap_or(' ');
    if c.is_alphabetic() {
        TokenKind::Word
    } else if c.is_ascii_digit() || c.is_numeric() {
        if s.chars().any(char::is_alphabetic) {
            TokenKind::Word
        } else {
            TokenKind::Number
        }
    } else if c.is_ascii_punctuation() || is_unicode_punct(c) {
        TokenKind::Punct
    } else {
        TokenKind::Symbol
    }
}

fn is_unicode_punct(c: char) -> bool {
    matches!(
        c,
        '\u{2018}'..='\u{201F}' | '\u{2010}'..='\u{2015}' | '\u{2026}' | '\u{00AB}' | '\u{00BB}' | '\u{00A1}' | '\u{00BF}' | '\u{2039}' | '\u{203A}'
    )
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn is_hyphen(s: &str) -> bool {
    s == "-" || s == "\u{2010}" || s == "\u{2011}"
}

/// [`is_hyphen`] of the piece `r` of `text`.
#[inline]
fn is_hyphen_at(text: &str, r: &Range<usize>) -> bool {
    match r.end - r.start {
        1 => text.as_bytes()[r.start] == b'-',
        3 => is_hyphen(&text[r.clone()]),
        _ => false,
    }
}

/// Split a text into tokens and sentences.
pub fn segment(text: &str) -> Segmented {
    // tokens come in text order: their code point offsets are counted as
    // the text is read
    let mut cur = CharCursor::new(text);
    let pieces = word_pieces(text);
    let mut tokens: Vec<Token> = Vec::with_capacity(pieces.len() + pieces.len() / 16);
    raw_tokens(text, &pieces, |r, space_before| {
        tokens.push(Token { span: cur.span(r.start, r.end), kind: classify_at(text, r), space_before });
    });
    let sentences = sentences(text, &tokens);
    Segmented { tokens, sentences }
}

/// Byte ranges of tokens made from the word pieces of `text`, with whether
/// whitespace precedes each, handed to `emit` in text order.
fn raw_tokens(text: &str, pieces: &[(Range<usize>, bool)], mut emit: impl FnMut(Range<usize>, bool)) {
    let b = text.as_bytes();
    let mut k = 0;
    while k < pieces.len() {
        let (r, sp) = pieces[k].clone();
        let next = pieces.get(k + 1).filter(|(n, nsp)| !nsp && n.start == r.end);
        if let Some((n, _)) = next {
            // "U.S" + "." → "U.S."; "Feb" + "." → "Feb."; "J" + "." → "J."
            let w = &text[r.clone()];
            if n.end - n.start == 1 && b[n.start] == b'.' && (is_dotted(w) || is_abbreviation(w, ABBREVIATIONS) || is_initial(w)) {
                emit(r.start..n.end, sp);
                k += 2;
                continue;
            }
            // Lowercase or numeric compounds stay whole: "cross-border", "2024-01-30", "34-year-old".
            if is_hyphen_at(text, n) {
                let mut end = r.end;
                let mut j = k;
                while let (Some((h, hsp)), Some((n, nsp))) = (pieces.get(j + 1), pieces.get(j + 2)) {
                    let prev = &text[pieces[j].0.clone()];
                    let nw = &text[n.clone()];
                    if *hsp || *nsp || h.start != end || n.start != h.end || !is_hyphen_at(text, h) {
                        break;
                    }
                    if !joins_compound(prev, nw) {
                        break;
                    }
                    end = n.end;
                    j += 2;
                }
                if j > k {
                    emit(r.start..end, sp);
                    k = j + 1;
                    continue;
                }
            }
        }
        // Possessive and negation clitics split off: "Iran’s" → "Iran" "’s"
        // (both end in s/S or t/T: the last byte first).
        if let Some(cut) = matches!(b[r.end - 1], b's' | b'S' | b't' | b'T').then(|| clitic_cut(&text[r.clone()])).flatten() {
            emit(r.start..r.start + cut, sp);
            emit(r.start + cut..r.end, false);
            k += 1;
            continue;
        }
        emit(r, sp);
        k += 1;
    }
}

/// The UAX #29 word-boundary pieces of `text` that are not all whitespace,
/// each with whether whitespace (or the start of the text) precedes it.
///
/// The text is cut into chunks after ASCII whitespace that is followed by
/// an ASCII non-whitespace character: UAX #29 always breaks there, and no
/// rule looks across such a whitespace character, so each chunk splits on
/// its own as it does inside the whole text. Pure-ASCII chunks (most of
/// them, in English news) are split by [`ascii_pieces`], a direct coding
/// of the rules for ASCII; the others by `unicode-segmentation`.
fn word_pieces(text: &str) -> Vec<(Range<usize>, bool)> {
    let b = text.as_bytes();
    let mut pieces: Vec<(Range<usize>, bool)> = Vec::with_capacity(text.len() / 5);
    let mut space = true;
    if text.is_ascii() {
        // One chunk: splitting at the cuts would give the same pieces.
        ascii_pieces(b, 0, b.len(), &mut space, &mut pieces);
        return pieces;
    }
    let mut start = 0;
    let mut ascii = true;
    for p in 0..=b.len() {
        let cut = p == b.len()
            || (p > start && is_ascii_ws(b[p - 1]) && b[p] < 0x80 && !is_ascii_ws(b[p]));
        if cut {
            if p > start {
                if ascii {
                    ascii_pieces(b, start, p, &mut space, &mut pieces);
                } else {
                    for (i, w) in text[start..p].split_word_bound_indices() {
                        if w.chars().all(char::is_whitespace) {
                            space = true;
                            continue;
                        }
                        pieces.push((start + i..start + i + w.len(), space));
                        space = false;
                    }
                }
            }
            start = p;
            ascii = true;
        }
        if p < b.len() && b[p] >= 0x80 {
            ascii = false;
        }
    }
    pieces
}

/// The ASCII characters `char::is_whitespace` accepts.
#[inline]
const fn is_ascii_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

/// UAX #29 word-break classes of the ASCII characters, and whitespace, as
/// a table: letters (ALetter), digits (Numeric) and `_` (ExtendNumLet)
/// join one another (WB5, WB8–WB10, WB13a–b); `:` is MidLetter; `.` and
/// `'` are MidNumLet (and Single_Quote); `,` and `;` are MidNum.
const WB_OTHER: u8 = 0;
const WB_WORD: u8 = 1;
const WB_MID_LETTER: u8 = 2;
const WB_MID_NUM_LET: u8 = 3;
const WB_MID_NUM: u8 = 4;
const WB_SPACE: u8 = 5;
static WB_CLASS: [u8; 256] = {
    let mut t = [WB_OTHER; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        t[c] = if b.is_ascii_alphanumeric() || b == b'_' {
            WB_WORD
        } else if b == b':' {
            WB_MID_LETTER
        } else if b == b'.' || b == b'\'' {
            WB_MID_NUM_LET
        } else if b == b',' || b == b';' {
            WB_MID_NUM
        } else if is_ascii_ws(b) {
            WB_SPACE
        } else {
            WB_OTHER
        };
        c += 1;
    }
    t
};

/// [`word_pieces`] of the pure-ASCII chunk `b[start..end]`, which ends at
/// whitespace or at the end of the text. Letters join letters across `:`,
/// `.` and `'` (WB6–7), digits join digits across `,`, `;`, `.` and `'`
/// (WB11–12); whitespace is skipped; everything else stands alone (WB999).
fn ascii_pieces(b: &[u8], start: usize, end: usize, space: &mut bool, out: &mut Vec<(Range<usize>, bool)>) {
    let b = &b[..end];
    let mut p = start;
    while p < end {
        let class = WB_CLASS[b[p] as usize];
        if class == WB_SPACE {
            *space = true;
            p += 1;
            continue;
        }
        let s = p;
        p += 1;
        if class == WB_WORD {
            loop {
                while p < end && WB_CLASS[b[p] as usize] == WB_WORD {
                    p += 1;
                }
                // A middle character joins when the same kind follows.
                if p + 1 >= end {
                    break;
                }
                let (prev, next) = (b[p - 1], b[p + 1]);
                let join = match WB_CLASS[b[p] as usize] {
                    WB_MID_LETTER => prev.is_ascii_alphabetic() && next.is_ascii_alphabetic(),
                    WB_MID_NUM_LET => {
                        (prev.is_ascii_alphabetic() && next.is_ascii_alphabetic()) || (prev.is_ascii_digit() && next.is_ascii_digit())
                    }
                    WB_MID_NUM => prev.is_ascii_digit() && next.is_ascii_digit(),
                    _ => false,
                };
                if !join {
                    break;
                }
                p += 2;
            }
        }
        out.push((s..p, *space));
        *space = false;
    }
}

fn starts_lower_or_digit(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
}

/// Whether `a-b` is one token: both parts lowercase words or numbers.
fn joins_compound(a: &str, b: &str) -> bool {
    let word = |w: &str| w.chars().all(|c| c.is_alphanumeric() || c == '.') && !w.is_empty();
    word(a) && word(b) && starts_lower_or_digit(a) && starts_lower_or_digit(b)
}

/// Where to cut a clitic off a word, if it ends in one.
fn clitic_cut(w: &str) -> Option<usize> {
    // both clitics end in s/S or t/T
    if !matches!(w.as_bytes().last(), Some(b's' | b'S' | b't' | b'T')) {
        return None;
    }
    // The last four characters, from the end, and how many the word has
    // (up to four); no allocation, as this runs on every piece.
    let mut last = [(0usize, '\0'); 4];
    let mut n = 0;
    for (i, c) in w.char_indices().rev().take(4) {
        last[n] = (i, c);
        n += 1;
    }
    if n >= 3 {
        let (ia, a) = last[1];
        let (_, s) = last[0];
        if is_apostrophe(a) && (s == 's' || s == 'S') {
            return Some(ia);
        }
    }
    if n >= 4 {
        let (i_n, nn) = last[2];
        let (_, a) = last[1];
        let (_, t) = last[0];
        if (nn == 'n' || nn == 'N') && is_apostrophe(a) && (t == 't' || t == 'T') {
            return Some(i_n);
        }
    }
    None
}

/// Sentence spans over the tokens.
fn sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut first = 0usize;
    let close = |first: usize, last: usize, out: &mut Vec<Sentence>| {
        if last >= first {
            let a = tokens[first].span;
            let b = tokens[last].span;
            out.push(Sentence {
                span: Span { start: a.start, end: b.end, cstart: a.cstart, cend: b.cend },
                tokens: first..last + 1,
            });
        }
    };
    for i in 0..tokens.len() {
        let t = &tokens[i];
        let next = tokens.get(i + 1);
        let Some(next) = next else { break };
        // Adjacent tokens: no line break, and no sentence end between them.
        if t.span.end == next.span.start {
            continue;
        }
        let gap = &bytes[t.span.end..next.span.start];
        // Line breaks.
        let newlines = gap.iter().filter(|&&b| b == b'\n').count();
        if newlines >= 2 || (newlines == 1 && !is_wrapped_line(text, tokens, i)) {
            close(first, i, &mut out);
            first = i + 1;
            continue;
        }
        // Only a token that ends in `.`, `!`, `?` or `…` (its last byte
        // 0xA6), or a closing quote or bracket (its first byte `"`, `'`,
        // `)`, `]`, or the lead byte of `”`, `’`, `»`), may end a sentence.
        let (f, l) = (bytes[t.span.start], bytes[t.span.end - 1]);
        if !matches!(l, b'.' | b'!' | b'?' | 0xA6) && !matches!(f, b'"' | b'\'' | b')' | b']' | 0xE2 | 0xC2) {
            continue;
        }
        let w = &text[t.span.start..t.span.end];
        let ends = match w {
            "." | "!" | "?" | "…" => true,
            _ if w.ends_with('.') && w.len() > 1 => ends_after_abbreviation(text, w, next),
            _ => false,
        };
        let ends = ends || (is_closer(w) && i > first && ends_sentence_punct(text, &tokens[i - 1]));
        if ends && starts_sentence(text, next) {
            // Let closing quotes and brackets stay with the sentence they close.
            close(first, i, &mut out);
            first = i + 1;
        }
    }
    if !tokens.is_empty() {
        close(first, tokens.len() - 1, &mut out);
    }
    out
}

fn is_closer(w: &str) -> bool {
    matches!(w, "\"" | "'" | "\u{201D}" | "\u{2019}" | ")" | "]" | "\u{00BB}")
}

fn ends_sentence_punct(text: &str, t: &Token) -> bool {
    matches!(&text[t.span.start..t.span.end], "." | "!" | "?" | "…")
}

/// Whether a word with a final period ("U.S.", "Feb.", "J.") ends a sentence.
fn ends_after_abbreviation(text: &str, w: &str, next: &Token) -> bool {
    let core = &w[..w.len() - 1];
    if is_abbreviation(core, FINAL_ABBREVIATIONS) || (is_dotted(core) && core.len() > 3) {
        let nw = &text[next.span.start..next.span.end];
        return SENTENCE_STARTERS.contains(&nw.to_lowercase().as_str()) && nw.chars().next().is_some_and(char::is_uppercase);
    }
    false
}

fn starts_sentence(text: &str, next: &Token) -> bool {
    let c = text[next.span.start..].chars().next().unwrap_or(' ');
    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\u{201C}' | '\'' | '\u{2018}' | '(' | '[' | '\u{00AB}') || !c.is_alphabetic() && !c.is_ascii_punctuation()
}

/// A single line break inside running prose that was hard-wrapped: the
/// line is long, does not end a sentence, and the next line starts lowercase.
fn is_wrapped_line(text: &str, tokens: &[Token], i: usize) -> bool {
    let t = tokens[i];
    let Some(next) = tokens.get(i + 1) else { return false };
    let w = &text[t.span.start..t.span.end];
    let next_lower = text[next.span.start..].chars().next().is_some_and(char::is_lowercase);
    // the line's length (a search back to its start) only when the rest holds
    next_lower && !matches!(w, "." | "!" | "?" | ":") && {
        let line_start = text[..t.span.end].rfind('\n').map_or(0, |p| p + 1);
        t.span.end - line_start >= 50
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<String> {
        let s = segment(text);
        (0..s.tokens.len()).map(|i| s.token_text(text, i).to_string()).collect()
    }

    fn sents(text: &str) -> Vec<String> {
        let s = segment(text);
        s.sentences.iter().map(|x| text[x.span.start..x.span.end].to_string()).collect()
    }

    #[test]
    fn abbreviations_stay_whole() {
        assert_eq!(toks("the U.S. offer"), ["the", "U.S.", "offer"]);
        assert_eq!(toks("on Feb. 26 in Almaty"), ["on", "Feb.", "26", "in", "Almaty"]);
        assert_eq!(toks("Asfandyar Mir, Ph.D."), ["Asfandyar", "Mir", ",", "Ph.D."]);
        assert_eq!(toks("Gen. J. Smith"), ["Gen.", "J.", "Smith"]);
    }

    #[test]
    fn clitics_and_hyphens() {
        assert_eq!(toks("Iran’s Supreme Leader"), ["Iran", "’s", "Supreme", "Leader"]);
        assert_eq!(toks("comments aren’t surprising"), ["comments", "are", "n’t", "surprising"]);
        assert_eq!(toks("U.S.-Iran talks"), ["U.S.", "-", "Iran", "talks"]);
        assert_eq!(toks("Iran-Pakistan Cross-Border Strikes"), ["Iran", "-", "Pakistan", "Cross", "-", "Border", "Strikes"]);
        assert_eq!(toks("cross-border strikes on 2024-01-30"), ["cross-border", "strikes", "on", "2024-01-30"]);
        assert_eq!(toks("O'Brien said"), ["O'Brien", "said"]);
    }

    #[test]
    fn numbers_and_quotes() {
        assert_eq!(toks("“I'm not a diplomat,” he said"), ["“", "I'm", "not", "a", "diplomat", ",", "”", "he", "said"]);
        assert_eq!(toks("1,643 wounded"), ["1,643", "wounded"]);
    }

    #[test]
    fn sentences_respect_abbreviations() {
        let t = "The U.S. offer stands. Talks on Feb. 26 will proceed. Dr. Smith agreed.";
        assert_eq!(sents(t), ["The U.S. offer stands.", "Talks on Feb. 26 will proceed.", "Dr. Smith agreed."]);
        let t = "positive steps by the U.S. But the Supreme Leader disagreed.";
        assert_eq!(sents(t), ["positive steps by the U.S.", "But the Supreme Leader disagreed."]);
        let t = "Asfandyar Mir, Ph.D. wrote it.";
        assert_eq!(sents(t).len(), 1);
    }

    #[test]
    fn sentences_at_lines_and_quotes() {
        let t = "Related Publications\n\nA Title Line\nTuesday, January 30, 2024\n“He is serious.” She left.";
        assert_eq!(sents(t), ["Related Publications", "A Title Line", "Tuesday, January 30, 2024", "“He is serious.”", "She left."]);
        // A hard-wrapped paragraph stays one sentence.
        let t = "The ministers of the seven countries met in the city for two days of\ntalks about the programme.";
        assert_eq!(sents(t).len(), 1);
    }

    #[test]
    fn classify_at_is_classify() {
        let t = "The U.S. said 1,643 34-year-old 2024-01-30 $5 % ½ ² 3½ 1st ١٢ ٣a 🙂 “quoted” — Zürich’s x_y _ \u{0} 7\u{301}";
        let s = segment(t);
        assert!(s.tokens.len() > 20);
        for tok in &s.tokens {
            let r = tok.span.start..tok.span.end;
            assert_eq!(classify_at(t, r.clone()), classify(&t[r.clone()]), "{:?}", &t[r]);
        }
        for w in ["7a", "77", "7é", "7", "a", "-", "$", "\u{1}", "é", "½x"] {
            assert_eq!(classify_at(w, 0..w.len()), classify(w), "{w:?}");
        }
    }

    #[test]
    fn sentence_ends_after_marks_and_closers() {
        let t = "Is it over? Yes! He waited… Then he left. «It ended.» Next (see above.) Last ’quoted.’ Done";
        assert_eq!(
            sents(t),
            ["Is it over?", "Yes!", "He waited…", "Then he left.", "«It ended.»", "Next (see above.)", "Last ’quoted.’", "Done"]
        );
        let t = "He said \"stop.\" She went; it ended. (Really.) 2024-01-30 was a Tuesday.";
        assert_eq!(sents(t), ["He said \"stop.\"", "She went; it ended.", "(Really.)", "2024-01-30 was a Tuesday."]);
    }

    #[test]
    fn offsets_are_bytes_and_code_points() {
        let t = "Iran’s leader — Khamenei";
        let s = segment(t);
        let k = s.tokens.iter().find(|x| &t[x.span.start..x.span.end] == "Khamenei").unwrap();
        assert_eq!(k.span.cstart, t[..k.span.start].chars().count());
        assert_eq!(k.span.cend - k.span.cstart, 8);
        assert!(k.span.start > k.span.cstart);
        assert_eq!(s.sentence_at(k.span.start), Some(0));
    }

    /// The pieces as `unicode-segmentation` gives them for the whole text.
    fn pieces_by_crate(text: &str) -> Vec<(Range<usize>, bool)> {
        let mut pieces = Vec::new();
        let mut space = true;
        for (i, w) in text.split_word_bound_indices() {
            if w.chars().all(char::is_whitespace) {
                space = true;
                continue;
            }
            pieces.push((i..i + w.len(), space));
            space = false;
        }
        pieces
    }

    #[test]
    fn word_pieces_agree_with_unicode_segmentation() {
        let alphabet: Vec<&str> = vec![
            "a", "Z", "q", "0", "7", "_", ":", ".", "'", ",", ";", "\"", "-", "(", "$", "%", "&", "/", "#",
            " ", " ", "  ", "\t", "\n", "\r", "\r\n", "\u{b}", "\u{c}", "\u{1c}", "\u{0}", "é", "’", "“", "\u{301}",
            "\u{200d}", "\u{a0}", "\u{3000}", "日本", "🙂", "🇺🇸", "\u{5d0}", "ab", "12", "U.S.", "don't", "1,000.5",
        ];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for round in 0..20_000 {
            let len = (next() % 14) as usize;
            // Half of the rounds ASCII only.
            let ascii = round % 2 == 0;
            let mut t = String::new();
            while t.chars().count() < len {
                let w = alphabet[(next() % alphabet.len() as u64) as usize];
                if !ascii || w.is_ascii() {
                    t.push_str(w);
                }
            }
            assert_eq!(word_pieces(&t), pieces_by_crate(&t), "{t:?}");
        }
        for t in ["The U.S. offer, 1,643 wounded: a.b.c 3.5 x_1 a:b 1:2 'quoted' don't\r\nnext", "", " ", "a", "\n\n"] {
            assert_eq!(word_pieces(t), pieces_by_crate(t), "{t:?}");
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for t in ["", " ", "\n\n\n", "...", "’s", "-", "U.S.", "a\u{0301}b", "\u{feff}x", "🙂🙂 . 🙂", "n't"] {
            let s = segment(t);
            for tok in &s.tokens {
                assert!(tok.span.start < tok.span.end && tok.span.end <= t.len());
            }
        }
    }
}
