//! Embedded gazetteer: countries, nationalities (demonyms), places, organizations
//! and known persons, found in text by dictionary lookup.
//!
//! The tables under `data/lexicon/` are built by `tools/build_lexicons.py` from the
//! shared lexicons (mledoze countries, country-codes, GeoNames cities, PETRARCH2
//! dictionaries) plus small hand-curated lists (see `data/lexicon/README.md`). They are
//! compiled in with `include_str!` and parsed once, lazily, on first use; there is no
//! I/O at run time.
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
//! resolver (`crate::resolve::actors`) uses [`fold_key`] and [`cameo_country`] from
//! here for its dictionary keys and CAMEO country codes.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

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
pub(crate) type FxSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

static GAZETTEER_TSV: &str = include_str!("../../data/lexicon/gazetteer.tsv");
static COUNTRIES_TSV: &str = include_str!("../../data/lexicon/countries.tsv");
static ACTORS_TSV: &str = include_str!("../../data/lexicon/actors.tsv");
static FIRST_NAMES_TXT: &str = include_str!("../../data/lexicon/first_names.txt");

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

const F_AMBIGUOUS: u8 = 1;
const F_WORD: u8 = 2;
const F_FIRST: u8 = 4;
const F_SURNAME: u8 = 8;
const F_CURATED: u8 = 16;

struct Entry {
    kind: GazKind,
    canonical: &'static str,
    iso: Option<&'static str>,
    geo_id: Option<u32>,
    flags: u8,
    conf: f32,
    rank: u16,
}

#[derive(Clone, Copy)]
struct Cand {
    entry: u32,
    surface: &'static str,
    /// Other entities share this surface.
    shared: bool,
}

/// The embedded dictionaries and their lookup index.
pub struct Gazetteer {
    entries: Vec<Entry>,
    /// Token key ("u . s .") → candidates, best rank first.
    index: FxMap<String, Vec<Cand>>,
    /// First-token key → longest entry length in tokens.
    first: FxMap<String, u8>,
    first_names: FxSet<String>,
}

// ------------------------------------------------------------------ text folding

/// Base letter(s) of a Latin letter with diacritics, for the ones common in names.
fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' | 'Ǎ' | 'Ạ' | 'Ả' | 'Ấ' | 'Ầ' | 'Ậ' => "a",
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' | 'ạ' | 'ả' | 'ấ' | 'ầ' | 'ậ' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'Ć' | 'Ĉ' | 'Ċ' | 'Č' | 'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'Ð' | 'Ď' | 'Đ' | 'ð' | 'ď' | 'đ' | 'Ḍ' | 'ḍ' => "d",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ĕ' | 'Ė' | 'Ę' | 'Ě' | 'Ẹ' | 'Ế' | 'Ề' | 'Ệ' => "e",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ẹ' | 'ế' | 'ề' | 'ệ' => "e",
        'Ĝ' | 'Ğ' | 'Ġ' | 'Ģ' | 'ĝ' | 'ğ' | 'ġ' | 'ģ' | 'Ǧ' | 'ǧ' => "g",
        'Ĥ' | 'Ħ' | 'ĥ' | 'ħ' | 'Ḥ' | 'ḥ' | 'Ḫ' | 'ḫ' => "h",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ĩ' | 'Ī' | 'Ĭ' | 'Į' | 'İ' | 'Ǐ' | 'Ị' => "i",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' | 'ị' => "i",
        'Ĵ' | 'ĵ' => "j",
        'Ķ' | 'ķ' => "k",
        'Ĺ' | 'Ļ' | 'Ľ' | 'Ŀ' | 'Ł' | 'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'Ñ' | 'Ń' | 'Ņ' | 'Ň' | 'ñ' | 'ń' | 'ņ' | 'ň' | 'Ṇ' | 'ṇ' => "n",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ŏ' | 'Ő' | 'Ơ' | 'Ǒ' | 'Ọ' | 'Ố' | 'Ồ' | 'Ộ' | 'Ờ' | 'Ớ' => "o",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ơ' | 'ǒ' | 'ọ' | 'ố' | 'ồ' | 'ộ' | 'ờ' | 'ớ' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ' | 'Ŗ' | 'Ř' | 'ŕ' | 'ŗ' | 'ř' | 'Ṛ' | 'ṛ' => "r",
        'Ś' | 'Ŝ' | 'Ş' | 'Š' | 'Ș' | 'ś' | 'ŝ' | 'ş' | 'š' | 'ș' | 'Ṣ' | 'ṣ' => "s",
        'ß' => "ss",
        'Ţ' | 'Ť' | 'Ŧ' | 'Ț' | 'ţ' | 'ť' | 'ŧ' | 'ț' | 'Ṭ' | 'ṭ' => "t",
        'Þ' | 'þ' => "th",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ũ' | 'Ū' | 'Ŭ' | 'Ů' | 'Ű' | 'Ų' | 'Ư' | 'Ǔ' | 'Ụ' | 'Ủ' | 'Ừ' | 'Ứ' => "u",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ư' | 'ǔ' | 'ụ' | 'ủ' | 'ừ' | 'ứ' => "u",
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'Ÿ' | 'Ŷ' | 'ý' | 'ÿ' | 'ŷ' | 'Ỳ' | 'ỳ' => "y",
        'Ź' | 'Ż' | 'Ž' | 'ź' | 'ż' | 'ž' | 'Ẓ' | 'ẓ' => "z",
        '\u{2019}' | '\u{2018}' | '`' | '\u{00B4}' | '\u{02BC}' | '\u{02BB}' | '\u{02BF}' | '\u{02BE}' => "'",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => "-",
        _ => return None,
    })
}

/// Lower-case `s`, strip common diacritics, unify apostrophes and dashes.
/// The same folding is used for gazetteer keys and actor-dictionary keys.
pub fn fold_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if let Some(f) = fold_char(c) {
            out.push_str(f);
        } else if is_combining(c) {
            continue;
        } else if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining(c)
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    start: usize,
    end: usize,
    word: bool,
    /// A line break lies between this token and the previous one.
    nl_before: bool,
}

fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut nl = false;
    let mut word_start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            if word_start.is_none() {
                word_start = Some(i);
            }
            continue;
        }
        if let Some(s) = word_start.take() {
            toks.push(Tok { start: s, end: i, word: true, nl_before: nl });
            nl = false;
        }
        if c.is_whitespace() {
            if c == '\n' || c == '\r' || c == '\u{2028}' || c == '\u{2029}' {
                nl = true;
            }
        } else {
            toks.push(Tok { start: i, end: i + c.len_utf8(), word: false, nl_before: nl });
            nl = false;
        }
    }
    if let Some(s) = word_start {
        toks.push(Tok { start: s, end: text.len(), word: true, nl_before: nl });
    }
    toks
}

fn token_keys(text: &str, toks: &[Tok]) -> Vec<String> {
    toks.iter().map(|t| fold_key(&text[t.start..t.end])).collect()
}

fn surface_key(s: &str) -> (String, usize) {
    let mut k = String::with_capacity(s.len() + 4);
    let n = key_into(s, &mut k, &mut 0);
    (k, n)
}

/// Append the token key of `s` to `out` ("U.S.-Iran" → "u . s . - iran"); returns the
/// number of tokens and sets `first_end` to the byte length of the first token's key.
fn key_into(s: &str, out: &mut String, first_end: &mut usize) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in s.chars() {
        if is_word_char(c) {
            if !in_word {
                if n > 0 {
                    out.push(' ');
                }
                n += 1;
                in_word = true;
            }
            if let Some(f) = fold_char(c) {
                out.push_str(f);
            } else if is_combining(c) {
            } else if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else {
            if n == 1 && in_word {
                *first_end = out.len();
            }
            in_word = false;
            if c.is_whitespace() {
                continue;
            }
            if n > 0 {
                out.push(' ');
            }
            n += 1;
            match fold_char(c) {
                Some(f) => out.push_str(f),
                None => out.push(c),
            }
            if n == 1 {
                *first_end = out.len();
            }
        }
    }
    if n == 1 && in_word {
        *first_end = out.len();
    }
    n
}

/// Words that keep any case inside a name ("Jaish al-Adl", "Bosnia and Herzegovina").
fn is_particle(w: &str) -> bool {
    matches!(
        w,
        "of" | "the" | "and" | "for" | "in" | "on" | "at" | "to" | "de" | "du" | "des" | "la" | "le"
            | "el" | "al" | "da" | "di" | "del" | "della" | "van" | "von" | "der" | "den" | "y" | "e"
            | "bin" | "ibn" | "wal" | "ul" | "ad" | "as" | "ash" | "an" | "ar" | "az" | "bint" | "dos"
            | "das" | "do" | "et" | "a" | "with" | "without" | "by" | "from" | "ye" | "i" | "ez" | "es"
            | "ed" | "s" | "t" | "ng" | "sur" | "upon" | "over" | "under" | "al-" | "e-"
    )
}

fn first_upper(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

fn all_upper(s: &str) -> bool {
    let mut any = false;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            any = true;
        }
    }
    any
}

/// Does the text span (tokens `toks`) have the case the entry surface asks for?
fn case_ok(text: &str, toks: &[Tok], surface: &str) -> bool {
    let stoks = tokenize(surface);
    if stoks.len() != toks.len() {
        return false;
    }
    for (st, tt) in stoks.iter().zip(toks) {
        if !st.word {
            continue;
        }
        let sw = &surface[st.start..st.end];
        let tw = &text[tt.start..tt.end];
        if sw.chars().all(|c| !c.is_alphabetic()) {
            continue; // digits
        }
        if sw.chars().count() >= 2 && all_upper(sw) {
            // acronym: capitals only
            if !all_upper(tw) {
                return false;
            }
        } else if first_upper(sw) {
            if !first_upper(tw) {
                return false;
            }
            // mixed case ("LeT", "DoD", "McCain"): short ones exactly, others also in capitals
            if sw.chars().skip(1).any(|c| c.is_uppercase())
                && sw != tw
                && (sw.chars().count() <= 3 || !all_upper(tw))
            {
                return false;
            }
            // "IRAN" is fine for "Iran", but a one-letter capital word is not "Ia"-style.
        } else if is_particle(sw) || !first_upper(sw) {
            continue;
        }
    }
    true
}

// ------------------------------------------------------------------ tables

fn parse_flags(s: &str) -> u8 {
    let mut f = 0;
    for c in s.chars() {
        f |= match c {
            'a' => F_AMBIGUOUS,
            'w' => F_WORD,
            'f' => F_FIRST,
            's' => F_SURNAME,
            'c' => F_CURATED,
            _ => 0,
        };
    }
    f
}

/// Title words stripped from the front of person aliases ("President Barack Obama").
pub(crate) fn is_title_word(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    matches!(
        w,
        "president" | "vice" | "prime" | "minister" | "foreign" | "secretary" | "general"
            | "secretary-general" | "mr" | "mrs" | "ms" | "dr" | "ayatollah" | "hojatolislam"
            | "hojatoleslam" | "hojjatoleslam" | "grand" | "sheikh" | "shaikh" | "sheik" | "king"
            | "queen" | "prince" | "princess" | "emir" | "amir" | "sultan" | "senator" | "sen"
            | "rep" | "governor" | "gov" | "gen" | "lt" | "col" | "maj" | "capt" | "admiral" | "adm"
            | "chancellor" | "premier" | "mullah" | "imam" | "pope" | "cardinal" | "archbishop"
            | "bishop" | "rev" | "reverend" | "sir" | "lord" | "dame" | "crown" | "former" | "ex"
            | "deputy" | "acting" | "chief" | "justice" | "judge" | "speaker" | "ambassador"
            | "envoy" | "commander" | "marshal" | "field" | "colonel" | "major" | "captain"
            | "lieutenant" | "sergeant" | "brigadier" | "president-elect" | "supreme" | "leader"
            | "defense" | "defence" | "interior" | "finance" | "state" | "u.s" | "us" | "american"
            | "un" | "u.n" | "united" | "nations" | "sayyed" | "seyyed" | "sayed" | "haji" | "hajji"
            | "maulana" | "mufti" | "his" | "her" | "majesty" | "highness" | "excellency"
            | "honorable" | "hon" | "the" | "congressman" | "congresswoman" | "chairman"
            | "chairwoman" | "director" | "spokesman" | "sec"
    )
}

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

/// The given names used by [`context_says_place`] (lower case).
fn first_names() -> &'static FxSet<String> {
    &Gazetteer::embedded().first_names
}

impl Gazetteer {
    /// The gazetteer compiled into the binary, parsed on first use.
    pub fn embedded() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(Gazetteer::build)
    }

    fn build() -> Gazetteer {
        let mut g = Gazetteer {
            entries: Vec::with_capacity(64_000),
            index: FxMap::with_capacity_and_hasher(140_000, Default::default()),
            first: FxMap::with_capacity_and_hasher(100_000, Default::default()),
            first_names: FxSet::default(),
        };
        let mut buf = String::with_capacity(256);
        for line in GAZETTEER_TSV.lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let f: Vec<&'static str> = line.split('\t').collect();
            if f.len() < 8 {
                continue;
            }
            let kind = match f[0] {
                "C" => GazKind::Country,
                "N" => GazKind::Nationality,
                "P" => GazKind::Place,
                "O" => GazKind::Organization,
                _ => continue,
            };
            let id = g.entries.len() as u32;
            g.entries.push(Entry {
                kind,
                canonical: f[1],
                iso: Some(f[2]).filter(|s| !s.is_empty()),
                geo_id: f[3].parse().ok(),
                flags: parse_flags(f[4]),
                conf: f[5].parse::<f32>().unwrap_or(70.0) / 100.0,
                rank: f[7].parse().unwrap_or(0),
            });
            for s in f[6].split('|') {
                let (shared, s) = match s.strip_prefix('~') {
                    Some(r) => (true, r),
                    None => (false, s),
                };
                if !s.is_empty() {
                    g.add_surface(&mut buf, id, s, shared);
                }
            }
        }
        // persons: multi-word names of PETRARCH person actors, titles stripped
        for line in ACTORS_TSV.lines() {
            if !line.starts_with("P\t") {
                continue;
            }
            let f: Vec<&'static str> = line.split('\t').collect();
            if f.len() < 3 {
                continue;
            }
            let id = g.entries.len() as u32;
            g.entries.push(Entry {
                kind: GazKind::Person,
                canonical: f[1],
                iso: None,
                geo_id: None,
                flags: 0,
                conf: 0.7,
                rank: 640,
            });
            let mut seen: Vec<&str> = Vec::new();
            for s in std::iter::once(f[1]).chain(f[2].split('|')) {
                let s = strip_titles(s);
                if s.split_whitespace().count() < 2 || seen.contains(&s) {
                    continue;
                }
                // names need capitalised words and no digits
                if s.chars().any(|c| c.is_ascii_digit()) || !first_upper(s) {
                    continue;
                }
                // "Russian President Vladimir Putin", "Obama Administration": not a bare name
                let mut words = s.split(' ');
                let w0 = words.next().unwrap_or("");
                if s.split(' ').any(|w| is_title_word(&fold_key(w)) || is_org_word(&fold_key(w))) {
                    continue;
                }
                if g.index.get(fold_key(w0).as_str()).is_some_and(|c| {
                    c.iter().any(|c| matches!(g.entries[c.entry as usize].kind, GazKind::Country | GazKind::Nationality))
                }) {
                    continue;
                }
                seen.push(s);
                g.add_surface(&mut buf, id, s, false);
            }
        }
        for cands in g.index.values_mut() {
            if cands.len() > 1 {
                let entries = &g.entries;
                cands.sort_by(|a, b| entries[b.entry as usize].rank.cmp(&entries[a.entry as usize].rank));
                // two persons with the same name, or a person and something else
                let top = &entries[cands[0].entry as usize];
                let clash = cands[1..].iter().any(|c| {
                    let e = &entries[c.entry as usize];
                    (e.kind == GazKind::Person || top.kind == GazKind::Person) && e.canonical != top.canonical
                });
                if clash {
                    cands[0].shared = true;
                }
            }
        }
        for l in FIRST_NAMES_TXT.lines() {
            if !l.starts_with('#') && !l.is_empty() {
                g.first_names.insert(l.to_string());
            }
        }
        g
    }

    fn add_surface(&mut self, buf: &mut String, id: u32, s: &'static str, shared: bool) {
        buf.clear();
        let mut first_end = 0;
        let n = key_into(s, buf, &mut first_end);
        if n == 0 || n > 255 {
            return;
        }
        let first = &buf[..first_end.min(buf.len())];
        match self.first.get_mut(first) {
            Some(m) => *m = (*m).max(n as u8),
            None => {
                self.first.insert(first.to_string(), n as u8);
            }
        }
        let cand = Cand { entry: id, surface: s, shared };
        match self.index.get_mut(buf.as_str()) {
            Some(v) => {
                if v.last().is_none_or(|c| c.entry != id) {
                    v.push(cand);
                }
            }
            None => {
                self.index.insert(buf.clone(), vec![cand]);
            }
        }
    }

    /// All non-overlapping dictionary mentions in `text`, leftmost-longest, in order.
    pub fn find(&self, text: &str) -> Vec<GazHit> {
        let toks = tokenize(text);
        let keys = token_keys(text, &toks);
        let mut hits = Vec::new();
        let mut i = 0;
        let mut key = String::new();
        while i < toks.len() {
            if !toks[i].word {
                i += 1;
                continue;
            }
            let Some(&maxn) = self.first.get(&keys[i]) else {
                i += 1;
                continue;
            };
            // an n-gram may not cross a line break
            let mut limit = 1;
            while limit < maxn as usize && i + limit < toks.len() && !toks[i + limit].nl_before {
                limit += 1;
            }
            let mut found = None;
            for n in (1..=limit).rev() {
                let span = &toks[i..i + n];
                if !span[n - 1].word && !matches!(&keys[i + n - 1][..], "." | ")") {
                    continue;
                }
                key.clear();
                for (j, k) in keys[i..i + n].iter().enumerate() {
                    if j > 0 {
                        key.push(' ');
                    }
                    key.push_str(k);
                }
                if let Some(cands) = self.index.get(&key) {
                    let ok: Vec<&Cand> = cands.iter().filter(|c| case_ok(text, span, c.surface)).collect();
                    if let Some(best) = ok.first() {
                        let rival = ok[1..].iter().any(|c| {
                            let a = &self.entries[best.entry as usize];
                            let b = &self.entries[c.entry as usize];
                            a.iso != b.iso && b.rank + 40 >= a.rank
                        });
                        found = Some((n, **best, rival));
                        break;
                    }
                }
            }
            match found {
                Some((n, cand, rival)) => {
                    let hit = self.make_hit(text, &toks, i, n, cand, rival);
                    hits.push(hit);
                    i += n;
                }
                None => i += 1,
            }
        }
        hits
    }

    fn make_hit(&self, text: &str, toks: &[Tok], i: usize, n: usize, cand: Cand, rival: bool) -> GazHit {
        let e = &self.entries[cand.entry as usize];
        let start = toks[i].start;
        let end = toks[i + n - 1].end;
        let mut ambiguous = cand.shared || rival || e.flags & F_AMBIGUOUS != 0;
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
        if n == 1 && e.flags & (F_WORD | F_FIRST | F_SURNAME) != 0 {
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

    /// The country with this ISO alpha-2 (or alpha-3) code.
    pub fn country(&self, iso: &str) -> Option<CountryInfo> {
        let (v, _) = country_table();
        let iso = iso.trim();
        v.iter().find(|c| c.iso2.eq_ignore_ascii_case(iso) || c.iso3.eq_ignore_ascii_case(iso)).copied()
    }

    /// The country named `name` (any known name or alias, case-insensitive), e.g.
    /// "the United Kingdom", "Britain", "U.S.", "Türkiye".
    pub fn country_by_name(&self, name: &str) -> Option<CountryInfo> {
        let name = name.trim();
        let name = name.strip_prefix("the ").or_else(|| name.strip_prefix("The ")).unwrap_or(name);
        let (k, _) = surface_key(name);
        let cands = self.index.get(&k)?;
        let c = cands.iter().find(|c| self.entries[c.entry as usize].kind == GazKind::Country)?;
        self.country(self.entries[c.entry as usize].iso?)
    }

    /// Number of entries and of indexed surface keys (for reports).
    pub fn stats(&self) -> (usize, usize) {
        (self.entries.len(), self.index.len())
    }
}

fn is_org_word(w: &str) -> bool {
    matches!(
        w,
        "administration" | "government" | "ministry" | "party" | "office" | "council" | "family"
            | "regime" | "camp" | "foundation" | "group" | "cabinet"
    )
}

/// Drop leading title words: "President Barack Obama" → "Barack Obama".
pub(crate) fn strip_titles(s: &str) -> &str {
    let mut rest = s.trim();
    loop {
        let Some((w, tail)) = rest.split_once(' ') else { return rest };
        if is_title_word(&fold_key(w)) && !tail.is_empty() {
            rest = tail.trim_start();
        } else {
            return rest;
        }
    }
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
        if first_upper(p) && !all_upper(p) && first_names().contains(&lp) && !is_title_word(&lp) {
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
    if first_names().contains(&ls) {
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
}
