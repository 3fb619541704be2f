//! Tokenizer of the temporal tagger: one pass over the bytes that splits
//! words, digit runs and punctuation, records the whitespace between
//! tokens, and classifies every word with the lexicon (`lexicon.rs`): an
//! ASCII word is packed into a number and looked up by that number,
//! without a lower-case copy or a string hash.
//!
//! The grammar (`grammar.rs`) works on these tokens only; offsets stay byte
//! offsets into the original text.

use super::lexicon::{self, Lex};

/// What separates a token from the previous one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Gap {
    /// Directly adjacent ("third-quarter", "10:35").
    None,
    /// Spaces or tabs.
    Space,
    /// A single line break.
    Line,
    /// A blank line (paragraph break).
    Para,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Word,
    /// Digit run; may contain thousands separators or a decimal part
    /// (then `plain` is false).
    Num,
    /// One punctuation or symbol character.
    Punct(char),
}

#[derive(Clone, Copy, Debug)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub lex: Lex,
    pub gap: Gap,
    /// Numbers: the value of a plain digit run (saturating).
    pub num: u32,
    /// Numbers: count of digits; words: byte length.
    pub len: u8,
    /// Numbers: only digits, no separators.
    pub plain: bool,
    /// Words: first letter upper case.
    pub cap: bool,
    /// Words: every letter upper case (and more than one letter).
    pub upper: bool,
    /// Words: "second", which is both an ordinal and a unit.
    pub second: bool,
}

impl Tok {
    fn new(start: usize, end: usize, kind: Kind, gap: Gap) -> Tok {
        Tok {
            start,
            end,
            kind,
            lex: Lex::None,
            gap,
            num: 0,
            len: 0,
            plain: true,
            cap: false,
            upper: false,
            second: false,
        }
    }
}

/// Split `text[range]` into tokens. Never panics: the range is clamped and
/// moved to character boundaries.
#[cfg(test)]
pub fn tokenize(text: &str, range: std::ops::Range<usize>) -> Vec<Tok> {
    let mut v = Vec::new();
    tokenize_into(text, range, &mut v);
    v
}

/// Like `tokenize`, reusing `out` (cleared first).
pub fn tokenize_into(text: &str, range: std::ops::Range<usize>, out: &mut Vec<Tok>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut end = range.end.min(bytes.len());
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut i = range.start.min(end);
    while i < end && !text.is_char_boundary(i) {
        i += 1;
    }
    out.reserve((end - i) / 5 + 4);
    let mut gap = Gap::Para;
    let mut lower = [0u8; 24];
    while i < end {
        let b = bytes[i];
        if b.is_ascii_alphabetic() {
            // a word of ASCII letters (most words): its end found by a tight
            // loop, its case and lexicon key from its bytes
            let s = i;
            let rest = &bytes[i + 1..end];
            let e = i + 1 + rest.iter().position(|c| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
            if e == end || bytes[e] < 0x80 {
                out.push(ascii_word(bytes, s, e, gap));
                gap = Gap::None;
                i = e;
                continue;
            }
        }
        if b.is_ascii_alphabetic() || b >= 0x80 {
            // word: ASCII letters and non-ASCII letters
            let s = i;
            // ASCII letters: all their bits OR-ed and AND-ed (the 0x20 bit
            // says lower case), and the word packed for the lexicon as it
            // goes, each letter with the lower-case bit (see `lexicon::pack`;
            // only used for words of at most PACK_MAX bytes, all ASCII)
            let mut or_bits = 0u8;
            let mut and_bits = 0xFFu8;
            let mut key = 0u128;
            // non-ASCII letters: count, bytes, any upper case, all upper case
            let mut wide = 0usize;
            let mut wide_bytes = 0usize;
            let mut wide_upper = false;
            let mut wide_all_upper = true;
            while i < end {
                let c = bytes[i];
                if c.is_ascii_alphabetic() {
                    or_bits |= c;
                    and_bits &= c;
                    key = key << 8 | (c | 0x20) as u128;
                    i += 1;
                } else if c >= 0x80 {
                    let ch = match text[i..end].chars().next() {
                        Some(ch) => ch,
                        None => break,
                    };
                    if !ch.is_alphabetic() {
                        break;
                    }
                    wide += 1;
                    wide_bytes += ch.len_utf8();
                    if ch.is_uppercase() {
                        wide_upper = true;
                    } else {
                        wide_all_upper = false;
                    }
                    i += ch.len_utf8();
                } else {
                    break;
                }
            }
            if i == s {
                // a non-alphabetic non-ASCII character: punctuation-like
                let ch = text[i..end].chars().next().unwrap_or(' ');
                let l = ch.len_utf8().max(1);
                if ch.is_whitespace() {
                    if gap < Gap::Space {
                        gap = Gap::Space;
                    }
                } else {
                    let c = match ch {
                        '\u{2019}' | '\u{2018}' => '\'',
                        '\u{2013}' | '\u{2014}' | '\u{2010}' | '\u{2011}' => '-',
                        '\u{201c}' | '\u{201d}' => '"',
                        _ => ch,
                    };
                    out.push(Tok::new(i, i + l, Kind::Punct(c), gap));
                    gap = Gap::None;
                }
                i += l;
                continue;
            }
            let mut t = Tok::new(s, i, Kind::Word, gap);
            gap = Gap::None;
            let w = &bytes[s..i];
            let ascii = wide == 0;
            let n_letters = w.len() - wide_bytes + wide;
            // upper case: the ASCII letters with the 0x20 bit clear
            let any_upper = and_bits & 0x20 == 0 || wide_upper;
            let all_upper = or_bits & 0x20 == 0 && wide_all_upper;
            t.len = w.len().min(255) as u8;
            t.cap = w[0].is_ascii_uppercase() || (!w[0].is_ascii() && any_upper);
            t.upper = n_letters > 1 && all_upper;
            if ascii && w.len() <= lexicon::PACK_MAX {
                t.lex = lexicon::lookup_packed(key);
                t.second = key == lexicon::SECOND_PACKED;
            } else if ascii && w.len() <= lower.len() && lexicon::has_long_keys() {
                for (k, c) in w.iter().enumerate() {
                    lower[k] = c.to_ascii_lowercase();
                }
                if let Ok(lw) = std::str::from_utf8(&lower[..w.len()]) {
                    t.lex = lexicon::lookup(lw);
                    t.second = lexicon::is_second(lw);
                }
            }
            out.push(t);
        } else if b.is_ascii_digit() {
            let s = i;
            let mut v: u64 = 0;
            while i < end && bytes[i].is_ascii_digit() {
                v = (v * 10 + (bytes[i] - b'0') as u64).min(u32::MAX as u64);
                i += 1;
            }
            let ndig = i - s;
            let mut plain = true;
            // thousands groups "1,643" and decimals "2.5"
            loop {
                if i + 3 < end
                    && bytes[i] == b','
                    && bytes[i + 1..i + 4].iter().all(|c| c.is_ascii_digit())
                    && (i + 4 >= end || !bytes[i + 4].is_ascii_digit())
                {
                    plain = false;
                    i += 4;
                } else if i + 1 < end && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit() {
                    plain = false;
                    i += 1;
                    while i < end && bytes[i].is_ascii_digit() {
                        i += 1;
                    }
                } else {
                    break;
                }
            }
            let mut t = Tok::new(s, i, Kind::Num, gap);
            gap = Gap::None;
            t.num = v as u32;
            t.len = ndig.min(255) as u8;
            t.plain = plain;
            out.push(t);
        } else if b == b'\n' {
            gap = if gap >= Gap::Line { Gap::Para } else { Gap::Line };
            i += 1;
        } else if b.is_ascii_whitespace() {
            if gap < Gap::Space {
                gap = Gap::Space;
            }
            i += 1;
        } else {
            out.push(Tok::new(i, i + 1, Kind::Punct(b as char), gap));
            gap = Gap::None;
            i += 1;
        }
    }
}

/// The token of the word `bytes[s..e]`, ASCII letters only.
#[inline]
fn ascii_word(bytes: &[u8], s: usize, e: usize, gap: Gap) -> Tok {
    let w = &bytes[s..e];
    let mut t = Tok::new(s, e, Kind::Word, gap);
    t.len = w.len().min(255) as u8;
    // upper-case ASCII letters have the 0x20 bit clear
    t.cap = w[0] & 0x20 == 0;
    if w.len() <= lexicon::PACK_MAX {
        // the letters as one big-endian number (see `lexicon::pack`): from
        // one 16-byte load when the text goes on that far
        let raw = match bytes.get(s..s + 16) {
            Some(b16) => {
                let mut a = [0u8; 16];
                a.copy_from_slice(b16);
                u128::from_be_bytes(a) >> (8 * (16 - w.len()))
            }
            None => lexicon::pack(w),
        };
        // the 0x20 bit of every letter
        let case_bits = u128::from_ne_bytes([0x20; 16]) >> (8 * (lexicon::PACK_MAX - w.len()));
        t.upper = w.len() > 1 && raw & case_bits == 0;
        let key = raw | case_bits;
        t.lex = lexicon::lookup_packed(key);
        t.second = key == lexicon::SECOND_PACKED;
    } else {
        t.upper = w.iter().all(|&c| c & 0x20 == 0);
        if w.len() <= 24 && lexicon::has_long_keys() {
            let mut lower = [0u8; 24];
            for (k, c) in w.iter().enumerate() {
                lower[k] = c.to_ascii_lowercase();
            }
            if let Ok(lw) = std::str::from_utf8(&lower[..w.len()]) {
                t.lex = lexicon::lookup(lw);
                t.second = lexicon::is_second(lw);
            }
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words_numbers_and_punctuation() {
        let t = tokenize("On Feb. 26, 1,643 people", 0..24);
        let kinds: Vec<Kind> = t.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            vec![Kind::Word, Kind::Word, Kind::Punct('.'), Kind::Num, Kind::Punct(','), Kind::Num, Kind::Word]
        );
        assert!(t[3].plain && t[3].num == 26);
        assert!(!t[5].plain);
        assert_eq!(t[1].lex, Lex::MonAbbr(2));
        assert_eq!(t[2].gap, Gap::None);
    }

    /// ASCII words (the fast path) get the lexicon class, case flags and
    /// "second" flag their lower-case spelling gives, whatever their length,
    /// case and place in the text (a 16-byte load near its end falls back).
    #[test]
    fn ascii_words_are_classified_like_their_lower_case() {
        let words = [
            "January", "JANUARY", "jan", "Sept", "second", "Second", "SECOND", "seconds", "Monday", "tues", "a", "I",
            "US", "twenty", "hundred", "quarter", "yesterday", "Christmas", "abcdefghijklmnop", "Abcdefghijklmnopq",
            "internationalization", "SPRING", "fall", "x", "Reuters",
        ];
        for w in words {
            let lw = w.to_ascii_lowercase();
            for text in [w.to_string(), format!("{w} and a long tail of text"), format!("({w}-"), format!("{w}\u{2014}")] {
                let t = tokenize(&text, 0..text.len());
                let tok = t[usize::from(text.starts_with('('))];
                assert_eq!(&text[tok.start..tok.end], w, "{text:?}");
                assert_eq!(tok.lex, lexicon::lookup(&lw), "{text:?}");
                assert_eq!(tok.second, lw == "second", "{text:?}");
                assert_eq!(tok.cap, w.as_bytes()[0].is_ascii_uppercase(), "{text:?}");
                assert_eq!(tok.upper, w.len() > 1 && w.bytes().all(|c| c.is_ascii_uppercase()), "{text:?}");
                assert_eq!(tok.len as usize, w.len());
            }
        }
        // a word running on into non-ASCII letters is one word
        let t = tokenize("Zürich, MÜNCHEN", 0..16);
        assert_eq!((t[0].end, t[0].cap, t[0].upper), (7, true, false));
        assert_eq!((t[2].start, t[2].upper), (9, true));
    }

    #[test]
    fn survives_odd_ranges() {
        let s = "é 2024 – ü";
        for a in 0..=s.len() {
            for b in a..=s.len() + 2 {
                let _ = tokenize(s, a..b);
            }
        }
        assert!(tokenize("", 0..10).is_empty());
    }
}
