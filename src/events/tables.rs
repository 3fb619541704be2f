//! The event stage's static tables, generated at build time.
//!
//! `build.rs` runs `generate.rs` over the lexicon TSVs, the word lists
//! (`super::words`) and the named-event aliases (`super::named`) and writes
//! the statics included here: the trigger rows grouped by first word, the
//! object patterns of each verb block with an index of the words that can
//! start them, the aliases grouped by the words they may start at, and one
//! vocabulary of every word the stage reacts to. Nothing is parsed or
//! indexed at start-up, and apart from the trigger rows the tables hold no
//! pointers (which the loader would have to relocate when the program
//! starts): every string is an `(offset, length)` span of one string
//! constant, compared as bytes, every list a range of another table. A
//! lookup hashes the word ([`hash`], the frozen tables' hash, which the
//! build script uses too) and probes a table of tagged slots
//! (`tag << shift | index + 1`, 0 when empty).

use super::lexicon::{Entry, Pos};
use super::named::Alias;
use crate::recognize::gazetteer::frozen::hash;

include!(concat!(env!("OUT_DIR"), "/events_tables.rs"));

/// The string at a span of [`STR`].
#[inline]
pub fn text(span: (u32, u32)) -> &'static str {
    STR.get(span.0 as usize..span.0 as usize + span.1 as usize).unwrap_or("")
}

/// The bytes at a span of [`STR`] (what matching compares: no character
/// boundary to check).
#[inline]
pub fn bytes(span: (u32, u32)) -> &'static [u8] {
    STR.as_bytes().get(span.0 as usize..span.0 as usize + span.1 as usize).unwrap_or(&[])
}

/// The span `span` of [`STR`] holds the bytes of `w`.
#[inline]
fn text_is(span: (u32, u32), w: &str) -> bool {
    span.1 as usize == w.len() && STR.as_bytes().get(span.0 as usize..span.0 as usize + w.len()) == Some(w.as_bytes())
}

/// The elements `range` of a table (empty when out of bounds).
#[inline]
fn range<T>(table: &'static [T], range: (u32, u32)) -> &'static [T] {
    table.get(range.0 as usize..range.1 as usize).unwrap_or(&[])
}

/// What the stage knows about one lower-case word: its classes
/// ([`super::class`] bits), the lexicon rows whose form starts with it and
/// the named-event aliases that may start at it.
#[derive(Debug)]
pub struct WordInfo {
    pub class: u32,
    lex: (u32, u32),
    aliases: (u32, u32),
}

impl WordInfo {
    /// The lexicon rows whose form starts with the word, as (number of
    /// words, entry), longest forms first.
    pub fn lex(&self) -> &'static [(usize, Entry)] {
        range(&ENTRIES, self.lex)
    }

    /// The named-event aliases that may start at the word, in table order.
    pub fn aliases(&self) -> &'static [Alias] {
        range(&ALIASES, self.aliases)
    }
}

/// The words of an alias (its range of the alias word table), as spans.
pub fn alias_words(words: (u32, u32)) -> &'static [(u32, u32)] {
    range(&ALIAS_WORDS, words)
}

/// A PETRARCH2 object pattern: `block * object → code`.
#[derive(Debug)]
pub struct Pattern {
    /// Its object words, a range of [`OBJECTS`].
    objects: (u32, u32),
    /// `None` for `---` (no event); else the CAMEO code, the PLOVER type
    /// and the mode (`(0, 0)`: none).
    code: Option<((u32, u32), (u32, u32), (u32, u32))>,
}

impl Pattern {
    /// The code the pattern gives; `None` when it cancels the event.
    #[allow(clippy::type_complexity)]
    pub fn code(&self) -> Option<(&'static str, &'static str, Option<&'static str>)> {
        self.code.map(|(c, p, m)| (text(c), text(p), (m.1 > 0).then(|| text(m))))
    }

    /// The object words: per word, its alternatives, each a run of words
    /// (spans of [`STR`], see [`text`] and [`bytes`]).
    pub fn objects(&self) -> impl Iterator<Item = impl Iterator<Item = &'static [(u32, u32)]> + Clone> + Clone {
        range(&OBJECTS, self.objects).iter().map(|&alts| range(&ALTS, alts).iter().map(|&words| range(&ALT_WORDS, words)))
    }
}

/// Probe `slots` (16-bit tag, 16-bit index + 1) for a key of hash `h`;
/// `eq` says whether the key at an index is the one sought.
#[inline]
fn probe16(slots: &[u32], h: u64, eq: impl Fn(usize) -> bool) -> Option<usize> {
    let mask = slots.len().checked_sub(1)?;
    let tag = (h >> 48) as u32;
    let mut at = h as usize & mask;
    loop {
        let s = *slots.get(at)?;
        if s == 0 {
            return None;
        }
        let i = (s & 0xffff) as usize - 1;
        if s >> 16 == tag && eq(i) {
            return Some(i);
        }
        at = (at + 1) & mask;
    }
}

/// The vocabulary id of a lower-case word.
#[inline]
pub fn word_id(w: &str) -> Option<u32> {
    probe16(&WORD_SLOTS, hash(w.as_bytes()), |i| WORDS.get(i).is_some_and(|&k| text_is(k, w))).map(|i| i as u32)
}

/// What the stage knows about the word with this id.
#[inline]
pub fn info(id: u32) -> Option<&'static WordInfo> {
    INFO.get(id as usize)
}

/// What the stage knows about a lower-case word.
pub fn word(w: &str) -> Option<&'static WordInfo> {
    word_id(w).and_then(info)
}

/// A verb block of the patterns table, by name.
pub fn block(name: &str) -> Option<u32> {
    probe16(&BLOCK_SLOTS, hash(name.as_bytes()), |i| BLOCKS.get(i).is_some_and(|b| text_is(b.0, name))).map(|i| i as u32)
}

/// The patterns of a block, in table order, with the index in
/// [`PATTERNS`] of the first.
#[cfg(test)]
pub fn block_patterns(b: u32) -> (u32, &'static [Pattern]) {
    BLOCKS.get(b as usize).map_or((0, &[]), |&(_, from, to)| (from, range(&PATTERNS, (from, to))))
}

/// The indices in [`PATTERNS`] of the patterns of block `b` that the word
/// `w` can start, ascending. (The key's hash is the generator's
/// `start_hash`.)
pub fn starting(b: u32, w: &str) -> &'static [u32] {
    let h = hash(w.as_bytes()) ^ u64::from(b + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let mask = START_SLOTS.len() - 1;
    let tag = h >> 32;
    let mut at = h as usize & mask;
    loop {
        let s = START_SLOTS[at];
        if s == 0 {
            return &[];
        }
        if s >> 32 == tag {
            if let Some(&(kb, kw, from, to)) = STARTS.get((s & 0xffff_ffff) as usize - 1) {
                if kb == b && text_is(kw, w) {
                    return range(&START_LIST, (from, to));
                }
            }
        }
        at = (at + 1) & mask;
    }
}

/// The pattern with a global index (see [`starting`]).
pub fn pattern(i: u32) -> Option<&'static Pattern> {
    PATTERNS.get(i as usize)
}
