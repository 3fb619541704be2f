//! Embedded gazetteer: countries, nationalities (demonyms), places, organizations
//! and known persons, found in text by dictionary lookup.
//!
//! The tables under `data/lexicon/` are built by `tools/build_lexicons.py` from the
//! shared lexicons (mledoze countries, country-codes, GeoNames cities, PETRARCH2
//! dictionaries) plus small hand-curated lists (see `data/lexicon/README.md`). The
//! build script (`build.rs`, with [`tables`](self) code) freezes them at compile time
//! into one byte image (`frozen.rs` describes the layout) that is compiled in with
//! `include_bytes!` and read in place: startup parses nothing, and there is no I/O at
//! run time. Key folding (`fold.rs`) is shared by the build script and the lookups.
//!
//! Matching works on tokens (maximal runs of letters/digits, every other non-space
//! character is a token of its own), so a name never matches inside a word and
//! "U.S.-Iran", "Iran’s", "anti-Iran" give the country mention "Iran" alone. Lookups
//! are case- and diacritic-insensitive on the key, then each candidate's own surface
//! decides the case it needs: acronyms ("US", "NATO") only match in capitals,
//! capitalised names need capitalised words, particles ("al", "of") take any case.
//! The longest match starting at the leftmost position wins; hits never overlap.
//!
//! The recognizer stage uses [`Gazetteer::find`] as one of its sources and arbitrates
//! hits flagged `ambiguous` with [`context_says_place`] and its own models; the
//! resolver (`crate::resolve::actors`) uses [`fold_key`], [`name_key`] and
//! [`cameo_country`] from here for its dictionary keys and CAMEO country codes, and
//! the frozen-table reader for its own embedded image.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

mod fold;
pub(crate) mod frozen;
#[cfg(test)]
pub(crate) mod tables;

pub use fold::{fold_key, name_key};
pub(crate) use fold::is_title_word;
#[allow(unused_imports)]
pub(crate) use fold::strip_titles;
use fold::{all_upper, first_upper, is_word_char, key_into};
use frozen::{FrozenMap, Image};

/// A small, fast, non-cryptographic hasher (Fx-style) for the lookup tables: the keys
/// are our own dictionary strings, so hash flooding is not a concern.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            h = (h.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
        self.0 = h;
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
#[allow(dead_code)]
pub(crate) type FxSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

static GAZETTEER_BIN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.bin"));
static COUNTRIES_TSV: &str = include_str!("../../../data/lexicon/countries.tsv");

/// What a gazetteer entry names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GazKind {
    Country,
    Nationality,
    Place,
    Organization,
    Person,
}

/// One dictionary match in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct GazHit {
    /// Byte offset of the first byte of the match.
    pub start: usize,
    /// Byte offset one past the match.
    pub end: usize,
    pub kind: GazKind,
    /// Display name of the entry: "United States", "Almaty", "Jaish al-Adl".
    pub canonical: String,
    /// ISO 3166-1 alpha-2: the country itself, a nationality's country, a place's or an
    /// organization's country when known.
    pub iso: Option<&'static str>,
    /// GeoNames id for countries and GeoNames places.
    pub geo_id: Option<u32>,
    /// The surface also names something else (Jordan, Georgia, Chad, Nice, "US" in an
    /// all-capitals headline …): callers should look at the context.
    pub ambiguous: bool,
    /// 0..1, from the entry kind, its flags, population and simple context cues.
    pub confidence: f32,
}

/// Facts about one country from the embedded table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CountryInfo {
    pub name: &'static str,
    pub official: &'static str,
    pub iso2: &'static str,
    pub iso3: &'static str,
    /// Wikidata QID, e.g. "Q794".
    pub wikidata: &'static str,
    /// Main English demonym, e.g. "Iranian".
    pub demonym: Option<&'static str>,
    pub population: u64,
}

/// One entry, decoded from its record.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Entry {
    kind: GazKind,
    canonical: &'static str,
    iso: Option<&'static str>,
    geo_id: Option<u32>,
    flags: u8,
    conf: f32,
    rank: u16,
}

/// One candidate of a surface key, decoded from its record.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Cand {
    entry: u32,
    surface: &'static str,
    /// Other entities share this surface.
    shared: bool,
}

/// The embedded dictionaries and their lookup index, read in place from the image.
pub struct Gazetteer {
    n_entries: usize,
    n_keys: usize,
    /// Entry records (`frozen::ENTRY_SIZE` bytes each).
    entries: &'static [u8],
    /// The strings the records point into.
    pool: &'static str,
    /// Token key ("u . s .") → first-token length byte, flag byte (`frozen::X_*`) and
    /// candidates, best rank first.
    index: FrozenMap<'static>,
    first_names: FrozenMap<'static>,
    /// The first-token keys flagged `X_LOWER` by first byte: bit `n` (`n` < 31) of
    /// entry `b` is set when such a key starts with byte `b` and is `n` bytes long,
    /// bit 31 for 31 bytes and more (see [`lower_keys_table`]).
    lower_keys: Box<[u32; 256]>,
}

/// The table of [`Gazetteer::lower_keys`] from the image's map of `X_LOWER` keys;
/// all bits set (every word looked up) when the section is missing.
fn lower_keys_table(sec: &[u8]) -> Box<[u32; 256]> {
    let mut t = Box::new([0u32; 256]);
    match FrozenMap::open(sec) {
        Some(m) => {
            for (k, _) in m.iter() {
                if let Some(&b) = k.first() {
                    t[b as usize] |= 1 << k.len().min(31);
                }
            }
        }
        None => t.fill(u32::MAX),
    }
    t
}

// ------------------------------------------------------------------ text folding

#[derive(Clone, Copy, Debug)]
struct Tok {
    start: usize,
    end: usize,
    word: bool,
    /// A line break lies between this token and the previous one.
    nl_before: bool,
    /// Every byte is ASCII (the token's key is then its lower case).
    ascii: bool,
}

/// Classes of the ASCII bytes for [`scan`]: letters and digits (word characters),
/// the whitespace `char::is_whitespace` accepts, the rest (tokens of their own).
const A_WORD: u8 = 1;
const A_SPACE: u8 = 2;
const A_PUNCT: u8 = 0;
static ASCII_CLASS: [u8; 128] = {
    let mut t = [A_PUNCT; 128];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        if b.is_ascii_alphanumeric() {
            t[c] = A_WORD;
        } else if matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r') {
            t[c] = A_SPACE;
        }
        c += 1;
    }
    t
};

/// Split `text` into tokens, appended to `toks`.
///
/// A token is a maximal run of word characters (`is_word_char`) or one other
/// character that is not whitespace. ASCII bytes are classified by a table and a
/// run of ASCII letters and digits is taken in one tight loop; other characters are
/// decoded and classified one by one. Keys are made later, only for the tokens
/// looked up ([`key_of`]).
fn scan(text: &str, toks: &mut Vec<Tok>) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut nl = false;
    let mut i = 0;
    while i < n {
        let x = bytes[i];
        if x < 0x80 {
            match ASCII_CLASS[x as usize] {
                A_WORD => {}
                A_SPACE => {
                    if x == b'\n' || x == b'\r' {
                        nl = true;
                    }
                    i += 1;
                    continue;
                }
                _ => {
                    toks.push(Tok { start: i, end: i + 1, word: false, nl_before: nl, ascii: true });
                    nl = false;
                    i += 1;
                    continue;
                }
            }
        } else {
            let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else { break };
            if !is_word_char(c) {
                let end = i + c.len_utf8();
                if c.is_whitespace() {
                    if c == '\u{2028}' || c == '\u{2029}' {
                        nl = true;
                    }
                } else {
                    toks.push(Tok { start: i, end, word: false, nl_before: nl, ascii: false });
                    nl = false;
                }
                i = end;
                continue;
            }
        }
        // a word starts at `i`
        let start = i;
        let mut ascii = true;
        loop {
            // the ASCII letters and digits of the run
            while let Some(&b) = bytes.get(i) {
                if b >= 0x80 || ASCII_CLASS[b as usize] != A_WORD {
                    break;
                }
                i += 1;
            }
            // a non-ASCII word character continues it
            if bytes.get(i).is_some_and(|&b| b >= 0x80) {
                if let Some(c) = text.get(i..).and_then(|r| r.chars().next()).filter(|&c| is_word_char(c)) {
                    ascii = false;
                    i += c.len_utf8();
                    continue;
                }
            }
            break;
        }
        toks.push(Tok { start, end: i, word: true, nl_before: nl, ascii });
        nl = false;
    }
}

/// Append the key of token `t` of `text` to `out`: its characters folded one by
/// one (`fold::fold_into`); for an ASCII token its lower case, '`' apart.
#[inline]
fn key_of(text: &str, t: &Tok, out: &mut Vec<u8>) {
    let Some(s) = text.get(t.start..t.end) else { return };
    if t.ascii && t.word {
        out.extend(s.bytes().map(|b| b.to_ascii_lowercase()));
    } else {
        for c in s.chars() {
            fold::fold_char_into_bytes(c, out);
        }
    }
}

/// The tokens of `text` (no keys).
#[cfg(test)]
fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    scan(text, &mut toks);
    toks
}

/// The buffers of one [`Gazetteer::find`], kept per thread between calls (the
/// resolver calls it on every organization name, mostly a few words long).
#[derive(Default)]
struct Scratch {
    toks: Vec<Tok>,
    /// the key of the n-gram being looked up
    key: Vec<u8>,
    /// (n, index value) of the n-grams starting at a word that may match
    grams: Vec<(usize, &'static [u8])>,
    /// the tokens of a candidate's surface
    stoks: Vec<Tok>,
}

impl Scratch {
    /// Let go of the buffers a very long text grew.
    fn trim(&mut self) {
        const KEEP: usize = 1 << 20;
        if self.toks.capacity() > KEEP / 8 {
            *self = Scratch::default();
        }
    }
}

fn surface_key(s: &str) -> (String, usize) {
    let mut k = String::with_capacity(s.len() + 4);
    let n = key_into(s, &mut k, &mut 0);
    (k, n)
}


/// Does the text span (tokens `toks`) have the case the entry surface asks for?
/// `stoks` is scratch space for the surface's tokens.
fn case_ok(text: &str, toks: &[Tok], surface: &str, stoks: &mut Vec<Tok>) -> bool {
    // A surface of ASCII letters and digits only (most) is one word token:
    // no scan needed.
    if !surface.is_empty() && surface.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return match toks {
            [t] => word_case_ok(surface, &text[t.start..t.end]),
            _ => false,
        };
    }
    stoks.clear();
    scan(surface, stoks);
    if stoks.len() != toks.len() {
        return false;
    }
    stoks.iter().zip(toks).all(|(st, tt)| !st.word || word_case_ok(&surface[st.start..st.end], &text[tt.start..tt.end]))
}

/// Does the text word `tw` have the case the surface word `sw` asks for?
fn word_case_ok(sw: &str, tw: &str) -> bool {
    if sw.is_ascii() && tw.is_ascii() {
        return ascii_word_case_ok(sw.as_bytes(), tw.as_bytes());
    }
    if sw.chars().all(|c| !c.is_alphabetic()) {
        return true; // digits
    }
    if sw.chars().count() >= 2 && all_upper(sw) {
        // acronym: capitals only
        return all_upper(tw);
    }
    if first_upper(sw) {
        if !first_upper(tw) {
            return false;
        }
        // mixed case ("LeT", "DoD", "McCain"): short ones exactly, others also in capitals
        // ("IRAN" is fine for "Iran", but a one-letter capital word is not "Ia"-style)
        return !(sw.chars().skip(1).any(|c| c.is_uppercase()) && sw != tw && (sw.chars().count() <= 3 || !all_upper(tw)));
    }
    // particles ("al", "Jaish al-Adl"; "of", "Bosnia and Herzegovina") and
    // other lower-case words take any case
    true
}

/// [`word_case_ok`] of two ASCII words, byte by byte: a letter is upper or
/// lower case, `all_upper` is "some letter and no small one".
fn ascii_word_case_ok(s: &[u8], t: &[u8]) -> bool {
    let all_upper = |x: &[u8]| x.iter().any(u8::is_ascii_alphabetic) && !x.iter().any(u8::is_ascii_lowercase);
    if !s.iter().any(u8::is_ascii_alphabetic) {
        return true; // digits
    }
    if s.len() >= 2 && all_upper(s) {
        return all_upper(t);
    }
    if s[0].is_ascii_uppercase() {
        if !t.first().is_some_and(u8::is_ascii_uppercase) {
            return false;
        }
        return !(s[1..].iter().any(u8::is_ascii_uppercase) && s != t && (s.len() <= 3 || !all_upper(t)));
    }
    true
}

// ------------------------------------------------------------------ tables

fn country_table() -> &'static (Vec<CountryInfo>, HashMap<&'static str, usize>) {
    static T: OnceLock<(Vec<CountryInfo>, HashMap<&'static str, usize>)> = OnceLock::new();
    T.get_or_init(|| {
        let mut v = Vec::new();
        let mut cameo = HashMap::new();
        for line in COUNTRIES_TSV.lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let f: Vec<&'static str> = line.split('\t').collect();
            if f.len() < 8 {
                continue;
            }
            let idx = v.len();
            v.push(CountryInfo {
                iso2: f[0],
                iso3: f[1],
                wikidata: f[2],
                name: f[3],
                official: f[4],
                demonym: f[5].split('|').next().filter(|s| !s.is_empty()),
                population: f[7].parse().unwrap_or(0),
            });
            for c in f[6].split('|').filter(|c| !c.is_empty()) {
                cameo.entry(c).or_insert(idx);
            }
        }
        (v, cameo)
    })
}

/// ISO alpha-2 of a CAMEO / ISO alpha-3 country code ("IRN" → "IR", "ROM" → "RO").
pub fn cameo_country(code3: &str) -> Option<&'static str> {
    let (v, m) = country_table();
    m.get(code3).map(|&i| v[i].iso2)
}

/// Is `w` (folded) one of the given names used by [`context_says_place`]?
fn is_first_name(w: &str) -> bool {
    Gazetteer::embedded().first_names.get(w.as_bytes()).is_some()
}

fn kind_of(code: u8) -> Option<GazKind> {
    Some(match code {
        frozen::K_COUNTRY => GazKind::Country,
        frozen::K_NATIONALITY => GazKind::Nationality,
        frozen::K_PLACE => GazKind::Place,
        frozen::K_ORGANIZATION => GazKind::Organization,
        frozen::K_PERSON => GazKind::Person,
        _ => return None,
    })
}

impl Gazetteer {
    /// The gazetteer compiled into the binary (its image is checked on first use).
    pub fn embedded() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| Gazetteer::from_image(GAZETTEER_BIN).unwrap_or_else(Gazetteer::empty))
    }

    /// A gazetteer that knows nothing (what a damaged image gives).
    fn empty() -> Gazetteer {
        Gazetteer {
            n_entries: 0,
            n_keys: 0,
            entries: &[],
            pool: "",
            index: FrozenMap::EMPTY_MAP,
            first_names: FrozenMap::EMPTY_MAP,
            lower_keys: Box::new([u32::MAX; 256]),
        }
    }

    /// Open an image written by `tables.rs`; `None` when its header or sections do not
    /// fit. Damage inside the tables only makes lookups miss.
    fn from_image(bytes: &'static [u8]) -> Option<Gazetteer> {
        let img = Image::open(bytes, frozen::GAZ_MAGIC)?;
        let meta = img.section(frozen::GAZ_META);
        let n_entries = frozen::rd32(meta, 0)? as usize;
        let n_keys = frozen::rd32(meta, 4)? as usize;
        let entries = img.section(frozen::GAZ_ENTRIES);
        if entries.len() / frozen::ENTRY_SIZE < n_entries {
            return None;
        }
        Some(Gazetteer {
            n_entries,
            n_keys,
            entries,
            pool: std::str::from_utf8(img.section(frozen::GAZ_POOL)).ok()?,
            index: FrozenMap::open(img.section(frozen::GAZ_INDEX))?,
            first_names: FrozenMap::open(img.section(frozen::GAZ_FIRST_NAMES))?,
            lower_keys: lower_keys_table(img.section(frozen::GAZ_LOWER)),
        })
    }

    fn pool_str(&self, off: u32, len: u32) -> Option<&'static str> {
        let off = off as usize;
        self.pool.get(off..off.checked_add(len as usize)?)
    }

    fn entry(&self, id: u32) -> Option<Entry> {
        let id = id as usize;
        if id >= self.n_entries {
            return None;
        }
        let r = self.entries.get(id * frozen::ENTRY_SIZE..(id + 1) * frozen::ENTRY_SIZE)?;
        let w = |i: usize| frozen::rd32(r, 4 * i).unwrap_or(0);
        let w0 = w(0);
        Some(Entry {
            kind: kind_of(w0 as u8)?,
            canonical: self.pool_str(w(4), w(5))?,
            iso: if w0 >> 24 & 1 != 0 { Some(self.pool_str(w(6), w(7))?) } else { None },
            geo_id: if w0 >> 16 & 1 != 0 { Some(w(3)) } else { None },
            flags: (w0 >> 8) as u8,
            conf: f32::from_bits(w(2)),
            rank: w(1) as u16,
        })
    }

    /// Longest entry length (in tokens) among entries whose first token has this key.
    #[cfg(test)]
    fn first_len(&self, key: &str) -> Option<u8> {
        self.index.get(key.as_bytes()).and_then(|v| v.first().copied()).filter(|&n| n > 0)
    }

    /// The candidates of a token key, best rank first (`None` when there are none).
    fn cands(&self, key: &str) -> Option<impl Iterator<Item = Cand> + '_> {
        self.cands_of(self.index.get(key.as_bytes())?)
    }

    /// The first candidate of index value `value` whose case fits the text
    /// span, and whether another fitting candidate of a different country
    /// ranks close to it (an ambiguous reading).
    fn choose(&self, value: &'static [u8], text: &str, span: &[Tok], stoks: &mut Vec<Tok>) -> Option<(Cand, bool)> {
        let mut ok = self.cands_of(value)?.filter(|c| case_ok(text, span, c.surface, stoks));
        let best = ok.next()?;
        let a = self.entry(best.entry);
        let rival = ok.any(|c| match (&a, self.entry(c.entry)) {
            (Some(a), Some(b)) => a.iso != b.iso && b.rank as u32 + 40 >= a.rank as u32,
            _ => false,
        });
        Some((best, rival))
    }

    /// The candidates in an index value (see [`Gazetteer::cands`]).
    fn cands_of(&self, v: &'static [u8]) -> Option<impl Iterator<Item = Cand> + '_> {
        let recs = v.get(2..)?;
        if recs.len() < frozen::CAND_SIZE {
            return None;
        }
        Some(recs.chunks_exact(frozen::CAND_SIZE).filter_map(|r| {
            let entry = frozen::rd32(r, 0)?;
            let len = frozen::rd32(r, 8)?;
            let surface = self.pool_str(frozen::rd32(r, 4)?, len & !frozen::SHARED_BIT)?;
            Some(Cand { entry, surface, shared: len & frozen::SHARED_BIT != 0 })
        }))
    }

    /// All non-overlapping dictionary mentions in `text`, leftmost-longest, in order.
    ///
    /// At each word, the n-grams starting there that are index keys are found by
    /// walking forward: every proper prefix (whole tokens) of a key is in the index,
    /// flagged as extended, so the walk stops at the first n-gram that is absent or
    /// not extended. The keys found are then tried longest first, as candidates
    /// whose surface case fits the text.
    pub fn find(&self, text: &str) -> Vec<GazHit> {
        thread_local! {
            static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
        }
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut s) => {
                let hits = self.find_with(text, &mut s);
                s.trim();
                hits
            }
            // not reentered today, but a nested call would just allocate
            Err(_) => self.find_with(text, &mut Scratch::default()),
        })
    }

    /// [`Gazetteer::find`] with the buffers of `s` (cleared first).
    fn find_with(&self, text: &str, s: &mut Scratch) -> Vec<GazHit> {
        let Scratch { toks, key, grams, stoks } = s;
        toks.clear();
        toks.reserve(text.len() / 4);
        scan(text, toks);
        let toks = &toks[..];
        let mut hits = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            if !t.word {
                i += 1;
                continue;
            }
            let w = &text[t.start..t.end];
            // A word neither capitalised nor in capitals matches only under a
            // first-token key flagged `X_LOWER`; the few such keys are known by
            // their first byte and length, so most words skip the lookup. (An
            // ASCII letter first settles the case: a capital is `first_upper`,
            // a small letter fails `all_upper`.)
            let lower = match w.as_bytes()[0] {
                b'a'..=b'z' => true,
                b'A'..=b'Z' => false,
                _ => !first_upper(w) && !all_upper(w),
            };
            key.clear();
            if lower {
                let may = if t.ascii {
                    // the key is the word in lower case
                    self.may_be_lower_first(w.as_bytes()[0].to_ascii_lowercase(), w.len())
                } else {
                    key_of(text, t, key);
                    self.may_be_lower_key(key)
                };
                if !may {
                    i += 1;
                    continue;
                }
            }
            if key.is_empty() {
                key_of(text, t, key);
            }
            // the first token's index value: its longest n-gram, flags and its own candidates
            let Some(first_v) = self.index.get(key).filter(|v| v.first().is_some_and(|&n| n > 0)) else {
                i += 1;
                continue;
            };
            // no surface starting with this word accepts a word in lower case here
            if lower && first_v.get(1).is_none_or(|&f| f & frozen::X_LOWER == 0) {
                i += 1;
                continue;
            }
            let maxn = first_v[0];
            // an n-gram may not cross a line break
            let mut limit = 1;
            while limit < maxn as usize && i + limit < toks.len() && !toks[i + limit].nl_before {
                limit += 1;
            }
            // the n-grams from `i` that are keys: the key of tokens `i..i + n`
            // is their keys joined by single spaces
            grams.clear();
            let mut v = first_v;
            let mut n = 1;
            loop {
                let last = &toks[i + n - 1];
                // (the key of a one-character token is "." or ")" only for those characters)
                if last.word || matches!(&text[last.start..last.end], "." | ")") {
                    grams.push((n, v));
                }
                if n >= limit || v.get(1).is_none_or(|&f| f & frozen::X_EXT == 0) {
                    break;
                }
                key.push(b' ');
                key_of(text, &toks[i + n], key);
                match self.index.get(key) {
                    Some(next) => {
                        v = next;
                        n += 1;
                    }
                    None => break,
                }
            }
            let mut found = None;
            for &(n, value) in grams.iter().rev() {
                let span = &toks[i..i + n];
                if let Some((best, rival)) = self.choose(value, text, span, stoks) {
                    found = Some((n, best, rival));
                    break;
                }
            }
            match found.and_then(|(n, cand, rival)| Some((n, self.entry(cand.entry)?, cand, rival))) {
                Some((n, e, cand, rival)) => {
                    let hit = make_hit(text, toks, i, n, &e, cand, rival);
                    hits.push(hit);
                    i += n;
                }
                None => i += 1,
            }
        }
        hits
    }

    /// Whether `key` may be a first-token key flagged `X_LOWER`: false only when no
    /// such key has its first byte and its length (see [`lower_keys_table`]).
    #[inline]
    fn may_be_lower_key(&self, key: &[u8]) -> bool {
        match key.first() {
            Some(&b) => self.may_be_lower_first(b, key.len()),
            None => true,
        }
    }

    /// [`Gazetteer::may_be_lower_key`] of a key with this first byte and length.
    #[inline]
    fn may_be_lower_first(&self, first: u8, len: usize) -> bool {
        self.lower_keys[first as usize] >> len.min(31) & 1 != 0
    }

    /// The country with this ISO alpha-2 (or alpha-3) code.
    pub fn country(&self, iso: &str) -> Option<CountryInfo> {
        // The first row whose alpha-2 or alpha-3 code equals `iso` (ASCII
        // case-insensitively), through an index by upper-cased code.
        static BY_CODE: OnceLock<FxMap<String, usize>> = OnceLock::new();
        let (v, _) = country_table();
        let by_code = BY_CODE.get_or_init(|| {
            let mut m: FxMap<String, usize> = FxMap::default();
            for (i, c) in v.iter().enumerate() {
                m.entry(c.iso2.to_ascii_uppercase()).or_insert(i);
                m.entry(c.iso3.to_ascii_uppercase()).or_insert(i);
            }
            m
        });
        let iso = iso.trim();
        let mut buf = [0u8; 8];
        let i = if iso.len() <= buf.len() {
            let b = &mut buf[..iso.len()];
            b.copy_from_slice(iso.as_bytes());
            b.make_ascii_uppercase();
            // upper-casing ASCII letters keeps the bytes valid UTF-8
            by_code.get(std::str::from_utf8(b).ok()?)
        } else {
            by_code.get(&iso.to_ascii_uppercase())
        };
        i.map(|&i| v[i])
    }

    /// The country named `name` (any known name or alias, case-insensitive), e.g.
    /// "the United Kingdom", "Britain", "U.S.", "Türkiye".
    pub fn country_by_name(&self, name: &str) -> Option<CountryInfo> {
        let name = name.trim();
        let name = name.strip_prefix("the ").or_else(|| name.strip_prefix("The ")).unwrap_or(name);
        let (k, _) = surface_key(name);
        let cands = self.cands(&k)?;
        let e = cands.filter_map(|c| self.entry(c.entry)).find(|e| e.kind == GazKind::Country)?;
        self.country(e.iso?)
    }

    /// Number of entries and of indexed surface keys (for reports).
    pub fn stats(&self) -> (usize, usize) {
        (self.n_entries, self.n_keys)
    }
}

fn make_hit(text: &str, toks: &[Tok], i: usize, n: usize, e: &Entry, cand: Cand, rival: bool) -> GazHit {
    let start = toks[i].start;
    let end = toks[i + n - 1].end;
    let mut ambiguous = cand.shared || rival || e.flags & frozen::F_AMBIGUOUS != 0;
    let mut conf = e.conf;
    let surf = &text[start..end];
    // a short all-capitals acronym inside an all-capitals line ("LET US KNOW")
    if n <= 2 && all_upper(surf) && surf.chars().filter(|c| c.is_alphabetic()).count() <= 3 {
        let prev_caps = toks[..i].iter().rev().find(|t| t.word).is_some_and(|t| {
            let w = &text[t.start..t.end];
            all_upper(w) && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        });
        let next_caps = toks[i + n..].iter().find(|t| t.word).is_some_and(|t| {
            let w = &text[t.start..t.end];
            all_upper(w) && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        });
        if prev_caps && next_caps {
            ambiguous = true;
            conf *= 0.5;
        }
    }
    // single common-word names at the start of a sentence are weak
    if n == 1 && e.flags & (frozen::F_WORD | frozen::F_FIRST | frozen::F_SURNAME) != 0 {
        let sentence_start = toks[..i]
            .iter()
            .rev()
            .find(|_| true)
            .is_none_or(|t| t.nl_before || matches!(&text[t.start..t.end], "." | "!" | "?" | "\"" | "“" | ":"));
        if sentence_start {
            conf *= 0.7;
        }
    }
    let mut hit = GazHit {
        start,
        end,
        kind: e.kind,
        canonical: e.canonical.to_string(),
        iso: e.iso,
        geo_id: e.geo_id,
        ambiguous,
        confidence: conf,
    };
    if ambiguous {
        match context_says_place(text, &hit) {
            Some(true) => hit.confidence = (hit.confidence + 0.15).min(0.95),
            Some(false) => hit.confidence *= 0.3,
            None => hit.confidence *= 0.8,
        }
    }
    hit.confidence = hit.confidence.clamp(0.0, 1.0);
    hit
}

// ------------------------------------------------------------------ context cues

const PLACE_PREPS: &[&str] = &[
    "in", "to", "from", "into", "near", "across", "via", "toward", "towards", "throughout", "within",
    "inside", "outside", "around", "through", "visit", "visited", "visiting", "entered", "invaded",
    "bordering", "onto", "at", "between",
];
const DIRECTIONS: &[&str] = &[
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "northern",
    "southern", "eastern", "western", "central", "northeastern", "northwestern", "southeastern",
    "southwestern", "neighboring", "neighbouring", "northeast", "north-east", "south-east",
    "north-west", "south-west", "coastal", "rural", "downtown",
];
const OF_HEADS: &[&str] = &[
    "capital", "government", "king", "kingdom", "president", "republic", "people", "city", "province",
    "region", "state", "north", "south", "east", "west", "part", "parts", "border", "borders",
    "coast", "minister", "embassy", "ambassador", "outskirts", "territory", "citizens", "residents",
    "army", "military", "leaders", "leader", "foreign", "queen", "emir", "parliament",
];
const POSSESSIVE_HEADS: &[&str] = &[
    "capital", "government", "president", "foreign", "border", "borders", "prime", "king", "army",
    "military", "ministry", "parliament", "economy", "embassy", "territory", "north", "south",
    "east", "west", "northeast", "northwest", "southeast", "southwest", "leader", "regime",
    "interior", "defense", "defence", "nuclear", "population", "coast",
];
/// Capitalised words that commonly precede a place name inside the name or as a modifier.
const PLACE_ADJ: &[&str] = &[
    "new", "old", "greater", "upper", "lower", "north", "south", "east", "west", "northern",
    "southern", "eastern", "western", "central", "great", "little", "port", "saint", "st", "san",
    "santa", "fort", "mount", "lake", "cape", "in", "to", "from", "near", "of", "at", "the",
];
const PERSON_TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "coach", "sen", "rep", "gov", "miss", "mx", "sir", "dame", "lady",
    "actor", "actress", "singer", "player", "striker", "forward", "guard", "quarterback",
];
const PLACE_SUFFIXES: &[&str] = &[
    "river", "valley", "sea", "strait", "state", "province", "street", "tech", "university",
    "city", "county", "region", "border", "bay", "gulf", "island", "islands", "airport", "times",
    "post", "basin", "lake", "coast", "republic", "avenue", "road", "square", "park", "mountains",
];

fn prev_words(text: &str, pos: usize, n: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut end = pos;
    for _ in 0..n {
        // skip spaces (same line only)
        let trimmed = text[..end].trim_end_matches([' ', '\t', '\u{a0}']);
        let e = trimmed.len();
        if e == 0 {
            break;
        }
        let last = trimmed.chars().next_back().unwrap_or(' ');
        if !is_word_char(last) && last != '.' {
            break;
        }
        let mut s = e;
        for (i, c) in trimmed.char_indices().rev() {
            if is_word_char(c) || c == '.' || c == '-' {
                s = i;
            } else {
                break;
            }
        }
        if s >= e {
            break;
        }
        out.push(&text[s..e]);
        end = s;
    }
    out
}

fn next_word(text: &str, pos: usize) -> Option<&str> {
    let after = &text[pos.min(text.len())..];
    let t = after.trim_start_matches([' ', '\t', '\u{a0}']);
    let e = t.find(|c: char| !(is_word_char(c) || c == '-')).unwrap_or(t.len());
    if e == 0 {
        None
    } else {
        Some(&t[..e])
    }
}

/// Simple context cues for a place/country hit: `Some(true)` when the context says
/// place ("in Jordan", "northeast Jordan", "Jordan's capital", "Almaty, Kazakhstan"),
/// `Some(false)` when it says person or not-a-place ("Michael Jordan", "Mr. Chad",
/// "Jordan Peterson"), `None` when it says nothing.
pub fn context_says_place(text: &str, hit: &GazHit) -> Option<bool> {
    if hit.start > hit.end || hit.end > text.len() || !text.is_char_boundary(hit.start) || !text.is_char_boundary(hit.end) {
        return None;
    }
    if !matches!(hit.kind, GazKind::Country | GazKind::Place | GazKind::Nationality) {
        return None;
    }
    let surf = &text[hit.start..hit.end];
    let after = &text[hit.end..];
    // possessive + state noun: "Jordan's capital", "Iran’s government"
    for ap in ["'s ", "\u{2019}s ", "' ", "\u{2019} "] {
        if let Some(rest) = after.strip_prefix(ap) {
            let w = fold_key(next_word(rest, 0).unwrap_or(""));
            if POSSESSIVE_HEADS.contains(&w.as_str()) {
                return Some(true);
            }
        }
    }
    // "Almaty, Kazakhstan": followed by a country name
    if let Some(rest) = after.strip_prefix(", ") {
        if let Some(w) = next_word(rest, 0) {
            if first_upper(w) && Gazetteer::embedded().country_by_name(w).is_some() {
                return Some(true);
            }
        }
    }
    let prev = prev_words(text, hit.start, 2);
    if let Some(p) = prev.first() {
        let lp = fold_key(p.trim_end_matches('.'));
        if PERSON_TITLES.contains(&lp.as_str()) {
            return Some(false);
        }
        if DIRECTIONS.contains(&lp.as_str()) {
            return Some(true);
        }
        if PLACE_PREPS.contains(&lp.as_str()) {
            return Some(true);
        }
        if lp == "of" {
            if let Some(pp) = prev.get(1) {
                if OF_HEADS.contains(&fold_key(pp).as_str()) {
                    return Some(true);
                }
            }
        }
        // "Michael Jordan": a capitalised given name right before
        if first_upper(p) && !all_upper(p) && is_first_name(&lp) && !is_title_word(&lp) {
            return Some(false);
        }
        // "Barack Obama", "Zachary Taylor": a one-word hit glued to a preceding capitalised
        // word that does not start the sentence reads as the end of a name
        let single = !surf.contains(char::is_whitespace);
        let glued = text[..hit.start].ends_with(' ') && !text[..hit.start].ends_with("  ");
        if single && glued && first_upper(p) && !all_upper(p) && !PLACE_ADJ.contains(&lp.as_str()) {
            let before = text[..hit.start].trim_end();
            let before = &before[..before.len() - p.len()];
            let b = before.trim_end_matches([' ', '\t']);
            let sentence_start = b.is_empty()
                || b.ends_with(['.', '!', '?', '\n', ':', '"', '\u{201c}', '(', ';'])
                || before.ends_with('\n');
            if !sentence_start && !is_title_word(&lp) && Gazetteer::embedded().country_by_name(p).is_none() {
                return Some(false);
            }
        }
    }
    // "Jordan Peterson": the hit is itself a given name followed by a capitalised word
    let ls = fold_key(surf);
    if is_first_name(&ls) {
        if let Some(w) = next_word(text, hit.end) {
            let lw = fold_key(w);
            let immediate = text[hit.end..].starts_with(' ');
            if immediate
                && first_upper(w)
                && !all_upper(w)
                && !PLACE_SUFFIXES.contains(&lw.as_str())
                && Gazetteer::embedded().country_by_name(w).is_none()
                && !is_title_word(&lw)
            {
                return Some(false);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(text: &str) -> Vec<(String, GazKind, Option<&'static str>)> {
        Gazetteer::embedded()
            .find(text)
            .into_iter()
            .map(|h| (text[h.start..h.end].to_string(), h.kind, h.iso))
            .collect()
    }

    fn first_hit(text: &str, surf: &str) -> Option<GazHit> {
        Gazetteer::embedded().find(text).into_iter().find(|h| &text[h.start..h.end] == surf)
    }

    #[test]
    fn us_forms() {
        let t = "The U.S. said on Monday that the United States and America would act. US officials agreed.";
        let h = hits(t);
        let us: Vec<_> = h.iter().filter(|x| x.2 == Some("US")).map(|x| x.0.as_str()).collect();
        assert_eq!(us, vec!["U.S.", "United States", "America", "US"]);
        assert!(h.iter().all(|x| x.1 == GazKind::Country));
        // the pronoun "us" is not the country
        assert!(hits("Tell us what you think by submitting a comment.").is_empty());
        assert!(hits("Let us know.").iter().all(|x| x.2 != Some("US")));
    }

    #[test]
    fn latin_america_and_american() {
        let h = hits("Trade between Latin America and South America grew, American officials said.");
        assert_eq!(h[0], ("Latin America".into(), GazKind::Place, None));
        assert_eq!(h[1], ("South America".into(), GazKind::Place, None));
        assert_eq!(h[2], ("American".into(), GazKind::Nationality, Some("US")));
        let h = hits("Latin American leaders met.");
        assert_eq!(h[0].0, "Latin American");
        assert_eq!(h[0].2, None);
    }

    #[test]
    fn uk_forms() {
        let t = "The U.K. and the UK, Britain, Great Britain and the United Kingdom agreed.";
        let h = hits(t);
        let gb: Vec<_> = h.iter().filter(|x| x.2 == Some("GB")).map(|x| x.0.as_str()).collect();
        assert_eq!(gb, vec!["U.K.", "UK", "Britain", "Great Britain", "United Kingdom"]);
    }

    #[test]
    fn compounds_and_apostrophes() {
        let h = hits("Comments on U.S.-Iran talks and Iran-Pakistan strikes.");
        let got: Vec<_> = h.iter().map(|x| (x.0.as_str(), x.2)).collect();
        assert_eq!(got, vec![("U.S.", Some("US")), ("Iran", Some("IR")), ("Iran", Some("IR")), ("Pakistan", Some("PK"))]);
        let h = hits("Iran\u{2019}s Supreme Leader spoke about Iran's economy.");
        assert_eq!(h[0].0, "Iran");
        assert_eq!(h[1].0, "Iran");
        let h = hits("Strikes on Iran-backed militias by an anti-Iran group.");
        let got: Vec<_> = h.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(got, vec!["Iran", "Iran"]);
        // never inside a word
        assert!(hits("Iranian").iter().all(|x| x.0 == "Iranian"));
        assert!(hits("the Omanis and Nigerians").iter().all(|x| x.1 == GazKind::Nationality));
    }

    #[test]
    fn demonyms() {
        let h = hits("Iranian, Pakistani, American, British and Israeli diplomats met.");
        let got: Vec<_> = h.iter().map(|x| (x.0.as_str(), x.1, x.2)).collect();
        assert_eq!(
            got,
            vec![
                ("Iranian", GazKind::Nationality, Some("IR")),
                ("Pakistani", GazKind::Nationality, Some("PK")),
                ("American", GazKind::Nationality, Some("US")),
                ("British", GazKind::Nationality, Some("GB")),
                ("Israeli", GazKind::Nationality, Some("IL")),
            ]
        );
        let h = hits("Iranians and Pakistanis crossed.");
        assert_eq!(h[0].2, Some("IR"));
        assert_eq!(h[1].2, Some("PK"));
    }

    #[test]
    fn cities_and_regions() {
        let t = "Talks in Almaty, Kazakhstan, followed a bombing in Kabul.";
        let almaty = first_hit(t, "Almaty").unwrap();
        assert_eq!((almaty.kind, almaty.iso), (GazKind::Place, Some("KZ")));
        assert!(almaty.geo_id.is_some());
        assert_eq!(first_hit(t, "Kabul").unwrap().iso, Some("AF"));
        let t = "Missiles hit Pakistan\u{2019}s Baluchistan province and Iran\u{2019}s Sistan-Baluchistan province.";
        assert_eq!(first_hit(t, "Baluchistan").unwrap().iso, Some("PK"));
        assert_eq!(first_hit(t, "Sistan-Baluchistan").unwrap().iso, Some("IR"));
        let t = "The governor of Sistan and Baluchestan spoke.";
        assert_eq!(first_hit(t, "Sistan and Baluchestan").unwrap().iso, Some("IR"));
        let t = "Fighting in the Gaza Strip, the West Bank and Crimea; ships in the Red Sea and the Persian Gulf.";
        assert_eq!(first_hit(t, "Gaza Strip").unwrap().iso, Some("PS"));
        assert_eq!(first_hit(t, "West Bank").unwrap().iso, Some("PS"));
        assert_eq!(first_hit(t, "Crimea").unwrap().iso, Some("UA"));
        let red = first_hit(t, "Red Sea").unwrap();
        assert_eq!((red.kind, red.iso), (GazKind::Place, None));
        assert_eq!(first_hit(t, "Persian Gulf").unwrap().iso, None);
        let t = "Clashes in Darfur, Tigray, Kashmir and Kurdistan; shelling in Donbas and Gaza.";
        assert_eq!(first_hit(t, "Darfur").unwrap().iso, Some("SD"));
        assert_eq!(first_hit(t, "Tigray").unwrap().iso, Some("ET"));
        assert_eq!(first_hit(t, "Kashmir").unwrap().iso, None);
        assert_eq!(first_hit(t, "Donbas").unwrap().iso, Some("UA"));
        assert_eq!(first_hit(t, "Gaza").unwrap().iso, Some("PS"));
    }

    #[test]
    fn ambiguous_names() {
        let t = "A drone hit a base in northeast Jordan on Sunday.";
        let j = first_hit(t, "Jordan").unwrap();
        assert_eq!((j.kind, j.iso, j.ambiguous), (GazKind::Country, Some("JO"), true));
        assert_eq!(context_says_place(t, &j), Some(true));
        let t = "Michael Jordan scored 40 points.";
        let j = first_hit(t, "Jordan").unwrap();
        assert!(j.ambiguous);
        assert_eq!(context_says_place(t, &j), Some(false));
        assert!(j.confidence < 0.5);
        let t = "Jordan Peterson wrote a book.";
        let j = first_hit(t, "Jordan").unwrap();
        assert_eq!(context_says_place(t, &j), Some(false));
        let t = "Former president Barack Obama spoke.";
        if let Some(o) = first_hit(t, "Obama") {
            assert_ne!(o.kind, GazKind::Place);
        }
        let t = "The writer Zachary Taylor spoke in Tulsa.";
        if let Some(h) = first_hit(t, "Taylor") {
            assert!(h.kind == GazKind::Person || context_says_place(t, &h) == Some(false));
        }
        let t = "In Georgia, protests continued.";
        assert_eq!(context_says_place(t, &first_hit(t, "Georgia").unwrap()), Some(true));
        // "LeT" needs its own case: the verb "Let" is not Lashkar-e-Taiba
        assert!(hits("Let me explain. LeT denied it.").iter().map(|x| x.0.as_str()).eq(["LeT"]));
        let t = "Jordan's capital Amman was calm.";
        assert_eq!(context_says_place(t, &first_hit(t, "Jordan").unwrap()), Some(true));
        for (t, w) in [
            ("Troops moved into Georgia last week.", "Georgia"),
            ("Refugees fled to Chad.", "Chad"),
            ("He flew to Turkey.", "Turkey"),
            ("Floods in Niger killed dozens.", "Niger"),
            ("Elections in Guinea were delayed.", "Guinea"),
            ("Jihadists in Mali attacked.", "Mali"),
        ] {
            let h = first_hit(t, w).unwrap_or_else(|| panic!("{w} not found"));
            assert!(h.ambiguous, "{w} should be ambiguous");
            assert_eq!(h.kind, GazKind::Country);
            assert_eq!(context_says_place(t, &h), Some(true), "{w}");
        }
        for (t, w) in [
            ("He lives in Jersey now.", "Jersey"),
            ("The festival in Nice drew crowds.", "Nice"),
            ("A meeting in Reading ended.", "Reading"),
            ("Storms hit Mobile overnight.", "Mobile"),
            ("The ferry to Split was late.", "Split"),
            ("Rain fell in Victoria.", "Victoria"),
        ] {
            let h = first_hit(t, w).unwrap_or_else(|| panic!("{w} not found"));
            assert!(h.ambiguous, "{w} should be ambiguous");
        }
    }

    #[test]
    fn common_words_do_not_fire() {
        for t in [
            "Of course the Police said the Best Man would come.",
            "Independence Day was marked with parades; Aurora lights too.",
            "Man of the match.",
        ] {
            for h in Gazetteer::embedded().find(t) {
                let s = &t[h.start..h.end];
                assert!(
                    !matches!(s, "Of" | "Police" | "Best" | "Independence") || h.ambiguous,
                    "{s} fired in {t:?}"
                );
                if matches!(s, "Man" | "Aurora") {
                    assert!(h.ambiguous && h.confidence < 0.6, "{s} too confident");
                }
            }
        }
        // lower-case words never match a capitalised name
        assert!(hits("a nice split reading of the mobile police report").is_empty());
    }

    #[test]
    fn organizations() {
        let t = "Hamas, Hezbollah, the Houthis, the Taliban and Jaish al-Adl were discussed at the United Nations, \
                 the UN, NATO, the IAEA and the European Union (EU).";
        let h = hits(t);
        let orgs: Vec<_> = h.iter().filter(|x| x.1 == GazKind::Organization).map(|x| x.0.as_str()).collect();
        assert_eq!(
            orgs,
            vec!["Hamas", "Hezbollah", "Houthis", "Taliban", "Jaish al-Adl", "United Nations", "UN", "NATO", "IAEA", "European Union", "EU"]
        );
        let g = Gazetteer::embedded();
        let usip = g.find("USIP\u{2019}s Iran Primer and the United States Institute of Peace.");
        assert_eq!(usip[0].canonical, "United States Institute of Peace");
        assert_eq!(usip[0].kind, GazKind::Organization);
        assert_eq!(usip.iter().filter(|h| h.canonical == "United States Institute of Peace").count(), 2);
        let jaa = g.find("the group Jaish al-Adl (Army of Justice)");
        assert_eq!(jaa[0].canonical, "Jaish al-Adl");
        assert_eq!(jaa[0].iso, Some("IR"));
        // "un" in running text is not the UN
        assert!(hits("an un-named official").iter().all(|x| x.0 != "un"));
    }

    #[test]
    fn persons() {
        let g = Gazetteer::embedded();
        let t = "Ayatollah Ali Khamenei rejected the offer, said Mahmoud Ahmadinejad.";
        let h = g.find(t);
        let p: Vec<_> = h.iter().filter(|x| x.kind == GazKind::Person).map(|x| &t[x.start..x.end]).collect();
        assert!(p.contains(&"Ali Khamenei"), "{p:?}");
        assert!(p.contains(&"Mahmoud Ahmadinejad"), "{p:?}");
    }

    #[test]
    fn countries_table() {
        let g = Gazetteer::embedded();
        let ir = g.country("IR").unwrap();
        assert_eq!((ir.name, ir.iso3, ir.wikidata, ir.demonym), ("Iran", "IRN", "Q794", Some("Iranian")));
        assert_eq!(g.country("US").unwrap().wikidata, "Q30");
        assert_eq!(g.country("GBR").unwrap().iso2, "GB");
        assert_eq!(g.country("NA").unwrap().wikidata, "Q1030");
        assert_eq!(g.country_by_name("the United Kingdom").unwrap().iso2, "GB");
        assert_eq!(g.country_by_name("Britain").unwrap().iso2, "GB");
        assert_eq!(g.country_by_name("U.S.").unwrap().iso2, "US");
        assert_eq!(g.country_by_name("Türkiye").unwrap().iso2, "TR");
        assert_eq!(g.country_by_name("turkey").unwrap().iso2, "TR");
        assert!(g.country_by_name("Atlantis").is_none());
        assert_eq!(cameo_country("IRN"), Some("IR"));
        assert_eq!(cameo_country("ROM"), Some("RO"));
        assert_eq!(cameo_country("IGO"), None);
    }

    #[test]
    fn robustness() {
        let g = Gazetteer::embedded();
        assert!(g.find("").is_empty());
        let weird = "\u{0}\u{301}é’‘—\u{2028}🙂 U.S.\n-Iran \u{200d}Iran";
        let h = g.find(weird);
        for x in &h {
            assert!(weird.is_char_boundary(x.start) && weird.is_char_boundary(x.end));
            let _ = context_says_place(weird, x);
        }
        // names do not run across line breaks
        assert!(hits("United\nStates").iter().all(|x| x.0 != "United\nStates"));
        let big = "Iran and Iraq. ".repeat(20_000);
        assert_eq!(g.find(&big).len(), 40_000);
        // bad hit offsets are tolerated
        let bogus = GazHit { start: 5, end: 2, kind: GazKind::Place, canonical: String::new(), iso: None, geo_id: None, ambiguous: true, confidence: 0.0 };
        assert_eq!(context_says_place("abc", &bogus), None);
    }

    #[test]
    fn hits_do_not_overlap_and_are_ordered() {
        let t = "The United States Institute of Peace and the United States met in New York City.";
        let h = Gazetteer::embedded().find(t);
        for w in h.windows(2) {
            assert!(w[0].end <= w[1].start);
        }
        assert_eq!(&t[h[0].start..h[0].end], "United States Institute of Peace");
    }

    /// The frozen image answers exactly like the tables built in memory from the
    /// lexicons (the startup build the gazetteer used to do): every entry, every key's
    /// candidates and first-token length, no extra keys, the same given names.
    #[test]
    fn frozen_image_matches_runtime_build() {
        let t = tables::build_gazetteer(
            include_str!("../../../data/lexicon/gazetteer.tsv"),
            include_str!("../../../data/lexicon/actors.tsv"),
            include_str!("../../../data/lexicon/first_names.txt"),
        );
        let g = Gazetteer::embedded();
        assert_eq!(g.stats(), (t.entries.len(), t.index.len()));
        // the build is deterministic: the same tables give the same bytes
        assert!(t.image() == GAZETTEER_BIN);
        assert!(t.entries.len() > 40_000 && t.index.len() > 60_000);
        for (i, b) in t.entries.iter().enumerate() {
            let e = g.entry(i as u32).unwrap();
            let want = Entry {
                kind: kind_of(b.kind).unwrap(),
                canonical: e.canonical,
                iso: e.iso,
                geo_id: b.geo_id,
                flags: b.flags,
                conf: b.conf,
                rank: b.rank,
            };
            assert_eq!(e, want, "entry {i}");
            assert_eq!((e.canonical, e.iso), (b.canonical, b.iso), "entry {i}");
        }
        assert!(g.entry(t.entries.len() as u32).is_none());
        for (k, cands) in &t.index {
            let got: Vec<Cand> = g.cands(k).unwrap().collect();
            assert_eq!(got.len(), cands.len(), "{k}");
            for (a, b) in got.iter().zip(cands) {
                assert_eq!((a.entry, a.surface, a.shared), (b.entry, b.surface, b.shared), "{k}");
            }
        }
        for (k, n) in &t.first {
            assert_eq!(g.first_len(k), Some(*n), "{k}");
        }
        let mut keys = 0;
        for (k, v) in g.index.iter() {
            let k = std::str::from_utf8(k).unwrap();
            assert!(t.index.contains_key(k) || t.first.contains_key(k) || t.ext.contains(k), "{k}");
            assert_eq!(v[0], t.first.get(k).copied().unwrap_or(0));
            assert_eq!(v[1] & frozen::X_EXT != 0, t.ext.contains(k), "{k}");
            assert_eq!(v[1] & frozen::X_LOWER != 0, t.lower.contains(k), "{k}");
            // every proper prefix of a key is a key, flagged as extended
            for (p, _) in k.match_indices(' ') {
                let pv = g.index.get(k[..p].as_bytes()).unwrap();
                assert!(pv[1] & frozen::X_EXT != 0, "{k}");
            }
            keys += 1;
        }
        assert_eq!(keys, g.index.len());
        assert_eq!(g.first_names.len(), t.first_names.len());
        for n in &t.first_names {
            assert!(is_first_name(n));
        }
        for w in ["michael", "jordan", "zzyzx", "", "Michael"] {
            assert_eq!(is_first_name(w), t.first_names.contains(w), "{w}");
        }
        for k in ["", "zzyzx qwerty", "iran iran", "u . s", "the"] {
            assert_eq!(g.cands(k).is_some(), t.index.contains_key(k), "{k}");
            assert_eq!(g.first_len(k), t.first.get(k).copied(), "{k}");
        }
    }

    /// The lookup as it was before the forward walk: the tokens folded one by one,
    /// then every n-gram length from the longest down, each key built and looked up.
    fn find_exhaustive(g: &Gazetteer, text: &str) -> Vec<GazHit> {
        let toks = tokenize(text);
        let keys: Vec<String> = toks.iter().map(|t| fold_key(&text[t.start..t.end])).collect();
        let mut hits = Vec::new();
        let mut stoks = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            if !toks[i].word {
                i += 1;
                continue;
            }
            let Some(first_v) = g.index.get(keys[i].as_bytes()).filter(|v| v.first().is_some_and(|&n| n > 0)) else {
                i += 1;
                continue;
            };
            let mut limit = 1;
            while limit < first_v[0] as usize && i + limit < toks.len() && !toks[i + limit].nl_before {
                limit += 1;
            }
            let mut found = None;
            for n in (1..=limit).rev() {
                let span = &toks[i..i + n];
                if !span[n - 1].word && !matches!(keys[i + n - 1].as_str(), "." | ")") {
                    continue;
                }
                let key = keys[i..i + n].join(" ");
                if let Some((best, rival)) = g.index.get(key.as_bytes()).and_then(|v| g.choose(v, text, span, &mut stoks)) {
                    found = Some((n, best, rival));
                    break;
                }
            }
            match found.and_then(|(n, c, rival)| Some((n, g.entry(c.entry)?, c, rival))) {
                Some((n, e, c, rival)) => {
                    hits.push(make_hit(text, &toks, i, n, &e, c, rival));
                    i += n;
                }
                None => i += 1,
            }
        }
        hits
    }

    #[test]
    fn scan_keys_are_the_folded_tokens() {
        let t = "Ünïted  States’ İstanbul-based ﬁrm\nÆON, U.S.`s  Straße \u{301}x ΣΑΣ 🙂 e\u{301} a`b";
        let toks = tokenize(t);
        for x in &toks {
            let mut k = Vec::new();
            key_of(t, x, &mut k);
            assert_eq!(k, fold_key(&t[x.start..x.end]).as_bytes(), "{:?}", &t[x.start..x.end]);
            assert_eq!(x.ascii, t[x.start..x.end].is_ascii());
        }
    }

    /// The scan as it was: character by character, every character decoded.
    fn scan_by_chars(text: &str) -> (Vec<Tok>, Vec<String>) {
        let mut toks = Vec::new();
        let mut keys: Vec<String> = Vec::new();
        let mut nl = false;
        let mut word_start: Option<usize> = None;
        for (i, c) in text.char_indices() {
            if is_word_char(c) {
                if word_start.is_none() {
                    word_start = Some(i);
                    keys.push(String::new());
                }
                if let Some(k) = keys.last_mut() {
                    fold::fold_char_into(c, k);
                }
                continue;
            }
            if let Some(s) = word_start.take() {
                toks.push(Tok { start: s, end: i, word: true, nl_before: nl, ascii: false });
                nl = false;
            }
            if c.is_whitespace() {
                if c == '\n' || c == '\r' || c == '\u{2028}' || c == '\u{2029}' {
                    nl = true;
                }
            } else {
                toks.push(Tok { start: i, end: i + c.len_utf8(), word: false, nl_before: nl, ascii: false });
                let mut k = String::new();
                fold::fold_char_into(c, &mut k);
                keys.push(k);
                nl = false;
            }
        }
        if let Some(s) = word_start {
            toks.push(Tok { start: s, end: text.len(), word: true, nl_before: nl, ascii: false });
        }
        (toks, keys)
    }

    /// The table-driven scan gives the tokens, line-break flags and keys of the
    /// character-by-character one.
    #[test]
    fn scan_matches_char_by_char_scan() {
        let texts = [
            "The U.S.-Iran talks in Zürich\r\nended; İstanbul’s mayor, ÆON and Straße 12b`s",
            "a1b2 __ x_y \u{0}\u{1f}\u{7f} tab\there\u{b}\u{c}done \u{2028}next\u{2029} e\u{301}\u{301} \u{301}",
            "ΣΑΣ σας 🙂🙂 日本語 ﬁrm Ǆemal Ⅻ ½ ²",
            "",
            " ",
            "x",
            "\n\nIran",
        ];
        for t in texts {
            let toks = tokenize(t);
            let (want, want_keys) = scan_by_chars(t);
            assert_eq!(toks.len(), want.len(), "{t:?}");
            for (i, (a, b)) in toks.iter().zip(&want).enumerate() {
                assert_eq!((a.start, a.end, a.word, a.nl_before), (b.start, b.end, b.word, b.nl_before), "{t:?} {i}");
                let mut k = Vec::new();
                key_of(t, a, &mut k);
                assert_eq!(k, want_keys[i].as_bytes(), "{t:?} {i}");
            }
        }
    }

    /// Every first-token key flagged `X_LOWER` passes the first-byte and length
    /// table, and common lower-case words do not (they skip the lookup).
    #[test]
    fn lower_key_table_holds_every_lower_key() {
        let g = Gazetteer::embedded();
        let mut n = 0;
        for (k, v) in g.index.iter() {
            if v.get(1).is_some_and(|&f| f & frozen::X_LOWER != 0) {
                assert!(g.may_be_lower_key(k), "{:?}", std::str::from_utf8(k));
                n += 1;
            }
        }
        assert!(n > 0);
        assert!(g.may_be_lower_key(b"the") && g.may_be_lower_key(b"al") && g.may_be_lower_key(b""));
        for w in ["took", "said", "minister", "38", "of", "and"] {
            assert!(!g.may_be_lower_key(w.as_bytes()), "{w}");
        }
        // without the section every word is looked up
        assert!(lower_keys_table(&[]).iter().all(|&b| b == u32::MAX));
    }

    /// The per-thread buffers do not leak between calls: a long text, then short
    /// ones, then the long one again give what fresh buffers give.
    #[test]
    fn scratch_reuse_gives_fresh_answers() {
        let g = Gazetteer::embedded();
        let long = "The United States and Iran met in Almaty, Kazakhstan; NATO said no. ".repeat(50);
        let first = g.find(&long);
        assert_eq!(g.find("Iran"), g.find_with("Iran", &mut Scratch::default()));
        assert!(g.find("").is_empty());
        assert_eq!(g.find(&long), first);
        assert_eq!(first, g.find_with(&long, &mut Scratch::default()));
    }

    /// The byte-wise case check of ASCII words answers like the general one.
    #[test]
    fn ascii_case_check_matches_general() {
        fn general(sw: &str, tw: &str) -> bool {
            if sw.chars().all(|c| !c.is_alphabetic()) {
                return true;
            }
            if sw.chars().count() >= 2 && all_upper(sw) {
                return all_upper(tw);
            }
            if first_upper(sw) {
                return first_upper(tw) && !(sw.chars().skip(1).any(|c| c.is_uppercase()) && sw != tw && (sw.chars().count() <= 3 || !all_upper(tw)));
            }
            true
        }
        let words = ["Iran", "IRAN", "iran", "US", "us", "Us", "LeT", "Let", "LET", "McCain", "MCCAIN", "Mccain", "al", "Al", "AL", "1st", "1ST", "38", "A", "a", "I", "DoD", "DOD", "Dod", "iPhone", "IPHONE", "x1", "X1"];
        for sw in words {
            for tw in words {
                assert_eq!(ascii_word_case_ok(sw.as_bytes(), tw.as_bytes()), general(sw, tw), "{sw} {tw}");
                assert_eq!(word_case_ok(sw, tw), general(sw, tw), "{sw} {tw}");
            }
        }
    }

    #[test]
    fn may_start_lower_follows_case_ok() {
        for (s, lower) in [("Iran", false), ("NATO", false), ("al-Qaeda", true), ("de Gaulle", true), ("1st Army", true), ("A", false), ("iPhone", true), ("", true), ("-", true)] {
            assert_eq!(tables::may_start_lower(s), lower, "{s}");
        }
    }

    /// The forward walk answers exactly like the exhaustive lookup: on news-style text
    /// and on names from the index itself in several cases and contexts.
    #[test]
    fn walk_matches_exhaustive_lookup() {
        let g = Gazetteer::embedded();
        let texts = [
            "The United States Institute of Peace and the United States met in New York City on Monday.",
            "Sistan and Baluchestan, Sistan-Baluchistan: the governor of the province of Sistan and said no.",
            "BRUSSELS (Reuters) - The European Union (EU) and NATO said the U.S. and U.K. would\nattend.",
            "new york times reporters in new york; NEW YORK CITY police; New\nYork.",
            "Ayatollah Ali Khamenei, Mahmoud Ahmadinejad and Michael Jordan in Jordan's capital Amman.",
            "Let me explain. LeT denied it. The Gaza Strip, the West Bank, Red Sea ports, al-Adl, Jaish al-Adl.",
            "Ünïted Státes’ officials; İstanbul and Zürich; São Paulo; Côte d'Ivoire; e\u{301} \u{0}\u{2028}Iran",
        ];
        for t in texts {
            assert_eq!(g.find(t), find_exhaustive(g, t), "{t}");
        }
        let mut surfaces = Vec::new();
        for (k, v) in g.index.iter().step_by(41) {
            if let Some(c) = g.cands_of(v).and_then(|mut c| c.next()) {
                surfaces.push(c.surface);
            } else if let Ok(k) = std::str::from_utf8(k) {
                surfaces.push(k);
            }
        }
        assert!(surfaces.len() > 1000);
        let mut text = String::new();
        for (n, s) in surfaces.iter().enumerate() {
            match n % 5 {
                0 => text.push_str(&format!("Officials in {s} said. ")),
                1 => text.push_str(&format!("{} and the {s}, ", s.to_lowercase())),
                2 => text.push_str(&format!("{}: {s}\u{2019}s ", s.to_uppercase())),
                3 => text.push_str(&format!("({s}) {s}.\n")),
                _ => text.push_str(&format!("{s} {s} of ")),
            }
        }
        let got = g.find(&text);
        assert!(got.len() > surfaces.len());
        assert_eq!(got, find_exhaustive(g, &text));
    }

    #[test]
    fn damaged_images_are_harmless() {
        let text = "The U.S. and Iran met in Almaty, Kazakhstan. Michael Jordan spoke to NATO.";
        let n = GAZETTEER_BIN.len();
        for cut in [0, 1, 8, 11, 12, 30, 64, 1000, n / 5, n / 3, n / 2, 2 * n / 3, n - 100, n - 1] {
            if let Some(g) = Gazetteer::from_image(&GAZETTEER_BIN[..cut.min(n)]) {
                let _ = g.find(text);
                let _ = g.country_by_name("Iran");
                let _ = g.stats();
            }
        }
        // scrambled tables behind a valid header
        let mut bad = GAZETTEER_BIN.to_vec();
        for i in (100..bad.len()).step_by(7) {
            bad[i] = bad[i].wrapping_mul(13).wrapping_add(i as u8);
        }
        let bad: &'static [u8] = Box::leak(bad.into_boxed_slice());
        if let Some(g) = Gazetteer::from_image(bad) {
            for h in g.find(text) {
                assert!(text.is_char_boundary(h.start) && text.is_char_boundary(h.end) && h.start < h.end);
            }
            let _ = g.country_by_name("Iran");
        }
        assert!(Gazetteer::from_image(b"DOSGAZ01").is_none());
        assert!(Gazetteer::empty().find(text).is_empty());
    }
}
