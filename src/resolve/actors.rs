//! Actor dictionary: known persons and groups with dated political roles.
//!
//! The embedded dictionary is a compact table (`data/lexicon/actors.tsv`) that
//! `tools/build_lexicons.py` derives from the PETRARCH2 / Phoenix actor files
//! (Countries, International, MilNonState): one line per actor with its display name,
//! aliases and date-bounded CAMEO codes (`IRNGOV 1989-06-04..` → Iran, government,
//! "Supreme Leader" when the dictionary comment names the office). The build script
//! freezes it into a byte image (name-key index + the actor lines, see
//! `crate::recognize::gazetteer::frozen`) that is read in place: startup parses
//! nothing, and each actor is parsed from its line the first time a lookup returns it.
//! Users can add their own dictionaries in the PETRARCH `.actors.txt` format
//! ([`ActorDictionary::from_phoenix`]) or a simple TSV ([`ActorDictionary::from_tsv`])
//! and [`ActorDictionary::merge`] them; later dictionaries win lookups. A dictionary is
//! an owned overlay (user actors, embedded actors changed by a merge, extra index
//! entries) over the shared frozen embedded part, so cloning the embedded one is cheap.
//!
//! The recognizer (`crate::recognize`) finds person and organization mentions; the
//! resolver calls [`ActorDictionary::lookup`] with a full name (titles like
//! "Ayatollah" or "President" are ignored, case and diacritics too) and
//! [`ActorDictionary::role_at`] with the document date to know who held which office.
//! Surname-only matching ("Khamenei" → "Ali Khamenei") is coreference work and is not
//! done here, beyond single-word aliases that the dictionary itself lists.

use std::sync::OnceLock;

use chrono::NaiveDate;

use crate::recognize::gazetteer::frozen::{self, FrozenMap, Image};
use crate::recognize::gazetteer::{cameo_country, fold_key, is_title_word, FxMap};
/// Lookup key of a name: folded, punctuation-free, leading titles removed.
/// "Ayatollah Ali Khamenei" → "ali khamenei"; "Ban Ki-moon" → "ban ki moon".
pub use crate::recognize::gazetteer::name_key;

static ACTORS_BIN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/actors.bin"));

/// One role an actor held, possibly bounded in time (bounds inclusive).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorRole {
    /// ISO alpha-2 of the country the role belongs to.
    pub country: Option<String>,
    /// Readable role: the office when known ("Supreme Leader"), else the CAMEO role
    /// ("Government", "Military", "Elite" …).
    pub role: Option<String>,
    /// The full CAMEO actor code, e.g. "IRNGOV".
    pub cameo: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// Person or group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActorKind {
    Person,
    Group,
}

/// A known actor.
#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    pub canonical: String,
    pub aliases: Vec<String>,
    pub roles: Vec<ActorRole>,
    /// An external identifier (Wikidata IRI/QID, …) when the source gives one.
    pub same_as: Option<String>,
    pub kind: ActorKind,
}

/// A set of actors with a normalized-name index.
/// A set of actors with a normalized-name index: an owned overlay over the frozen
/// embedded actors (when built from [`ActorDictionary::embedded`]).
#[derive(Clone, Debug, Default)]
pub struct ActorDictionary {
    /// The embedded actors (ids `0..base.len()`), shared and read-only.
    base: Option<&'static FrozenActors>,
    /// Embedded actors changed by a merge, with their merge generation.
    patched: FxMap<u32, (Actor, u16)>,
    /// Own actors (ids from `base.len()` on).
    actors: Vec<Actor>,
    /// Merge generation of each own actor: later dictionaries win lookups.
    generation: Vec<u16>,
    /// Name key → ids, added to the embedded index (own actors, merged aliases).
    index: FxMap<String, Vec<u32>>,
}

/// The embedded actors, read in place from the frozen image: a name-key index and one
/// `actors.tsv` line per actor, parsed on first use and kept.
struct FrozenActors {
    /// `(offset, length)` of each actor's line in `text`.
    lines: &'static [u8],
    text: &'static [u8],
    /// Name key → actor ids (`u32`, ascending).
    index: FrozenMap<'static>,
    /// Number of actors.
    n: usize,
    /// Parsed actors, in chunks of [`CHUNK`] allocated on first use.
    cache: Box<[OnceLock<CacheChunk>]>,
}

/// Actors per cache chunk.
const CHUNK: usize = 256;
type CacheChunk = Box<[OnceLock<Actor>]>;

impl std::fmt::Debug for FrozenActors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FrozenActors({} actors)", self.n)
    }
}

impl FrozenActors {
    fn embedded() -> &'static FrozenActors {
        static F: OnceLock<FrozenActors> = OnceLock::new();
        F.get_or_init(|| FrozenActors::open(ACTORS_BIN).unwrap_or_else(FrozenActors::empty))
    }

    fn empty() -> FrozenActors {
        FrozenActors { lines: &[], text: &[], index: FrozenMap::EMPTY_MAP, n: 0, cache: Box::new([]) }
    }

    /// Open an image written by the build script; `None` when its header or sections
    /// do not fit. Damage inside the tables only makes lookups miss.
    fn open(bytes: &'static [u8]) -> Option<FrozenActors> {
        let img = Image::open(bytes, frozen::ACT_MAGIC)?;
        let n = frozen::rd32(img.section(frozen::ACT_META), 0)? as usize;
        let lines = img.section(frozen::ACT_LINES);
        if lines.len() / 8 < n {
            return None;
        }
        Some(FrozenActors {
            lines,
            text: img.section(frozen::ACT_TEXT),
            index: FrozenMap::open(img.section(frozen::ACT_INDEX))?,
            n,
            cache: (0..n.div_ceil(CHUNK)).map(|_| OnceLock::new()).collect(),
        })
    }

    fn len(&self) -> usize {
        self.n
    }

    fn line(&self, id: u32) -> Option<&'static str> {
        let at = (id as usize).checked_mul(8)?;
        let off = frozen::rd32(self.lines, at)? as usize;
        let len = frozen::rd32(self.lines, at + 4)? as usize;
        std::str::from_utf8(self.text.get(off..off.checked_add(len)?)?).ok()
    }

    fn actor(&self, id: u32) -> Option<&Actor> {
        let i = id as usize;
        if i >= self.n {
            return None;
        }
        let chunk = self.cache.get(i / CHUNK)?.get_or_init(|| (0..CHUNK).map(|_| OnceLock::new()).collect());
        let slot = chunk.get(i % CHUNK)?;
        if let Some(a) = slot.get() {
            return Some(a);
        }
        let a = parse_embedded_line(self.line(id)?)?;
        Some(slot.get_or_init(|| a))
    }

    /// The embedded actors indexed under `key`, in id order.
    fn ids(&self, key: &str) -> impl Iterator<Item = u32> + '_ {
        let n = self.len();
        self.index
            .get(key.as_bytes())
            .unwrap_or(&[])
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .filter(move |&i| (i as usize) < n)
    }
}

/// One line of the embedded table: `kind \t canonical \t aliases(|) \t roles(;) …`,
/// a role being `CODE,from,to[,title]`.
fn parse_embedded_line(line: &str) -> Option<Actor> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() < 4 {
        return None;
    }
    let kind = if f[0] == "P" { ActorKind::Person } else { ActorKind::Group };
    let aliases = f[2].split('|').filter(|s| !s.is_empty()).map(str::to_string).collect();
    let mut roles = Vec::new();
    for r in f[3].split(';').filter(|s| !s.is_empty()) {
        let p: Vec<&str> = r.splitn(4, ',').collect();
        let code = p[0];
        let (country, label) = split_cameo(code);
        let title = p.get(3).filter(|t| !t.is_empty()).map(|t| t.to_string());
        roles.push(ActorRole {
            country,
            role: title.or(label),
            cameo: Some(code.to_string()),
            from: p.get(1).and_then(|s| ymd(s)),
            to: p.get(2).and_then(|s| ymd(s)),
        });
    }
    Some(Actor { canonical: f[1].to_string(), aliases, roles, same_as: None, kind })
}

// ------------------------------------------------------------------ names

const PARTICLES: &[&str] = &[
    "of", "the", "and", "for", "in", "on", "at", "to", "de", "du", "des", "la", "le", "el", "al",
    "da", "di", "del", "della", "van", "von", "der", "den", "y", "e", "bin", "ibn", "wal", "ul",
];

fn title_word(w: &str, first: bool) -> String {
    let lw = w.to_lowercase();
    if !first && PARTICLES.contains(&lw.as_str()) {
        return lw;
    }
    if matches!(lw.as_str(), "ii" | "iii" | "iv" | "vi" | "vii" | "viii" | "ix") {
        return w.to_uppercase();
    }
    if w.contains('.') && w.chars().filter(|c| *c != '.').count() <= 4 {
        return w.to_uppercase();
    }
    let mut cs = lw.chars();
    match cs.next() {
        Some(c) => {
            let mut s: String = c.to_uppercase().collect();
            let rest: String = cs.collect();
            if lw.starts_with("mc") && rest.len() > 2 {
                let mut r = rest.chars();
                s.push(r.next().unwrap_or('c'));
                s.extend(r.next().into_iter().flat_map(|c| c.to_uppercase()));
                s.push_str(r.as_str());
                return s;
            }
            s.push_str(&rest);
            s
        }
        None => String::new(),
    }
}

/// PETRARCH phrase ("JAISH_AL-ADL_") → display case ("Jaish al-Adl"). Phrases that
/// already have lower-case letters are only cleaned.
pub fn display_name(phrase: &str) -> String {
    let cleaned: Vec<&str> = phrase.split(['_', ' ', '\t']).filter(|w| !w.is_empty()).collect();
    let joined = cleaned.join(" ");
    if joined.chars().any(|c| c.is_lowercase()) {
        return joined;
    }
    let mut out = Vec::new();
    for (i, w) in cleaned.iter().enumerate() {
        if w.starts_with('(') && w.ends_with(')') {
            out.push(w.to_string());
            continue;
        }
        let mut s = String::new();
        let mut seg = String::new();
        let mut prev_sep: Option<char> = None;
        let mut first_seg = true;
        let flush = |seg: &mut String, s: &mut String, prev: Option<char>, first_seg: bool| {
            if seg.is_empty() {
                return;
            }
            if prev == Some('\'') && seg.chars().count() <= 2 {
                s.push_str(&seg.to_lowercase());
            } else {
                s.push_str(&title_word(seg, i == 0 && first_seg));
            }
            seg.clear();
        };
        for c in w.chars() {
            if c == '-' || c == '\'' {
                flush(&mut seg, &mut s, prev_sep, first_seg);
                first_seg = false;
                s.push(c);
                prev_sep = Some(c);
            } else {
                seg.push(c);
            }
        }
        flush(&mut seg, &mut s, prev_sep, first_seg);
        out.push(s);
    }
    out.join(" ")
}

fn strip_title_words(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut start = 0;
    while words.len() - start > 2 && is_title_word(&fold_key(words[start])) {
        start += 1;
    }
    if words.len() - start == 2 && is_title_word(&fold_key(words[start])) {
        start += 1;
    }
    if words.get(start).is_some_and(|w| w.chars().next().is_some_and(|c| c.is_lowercase())) {
        return name.to_string(); // a role phrase, not a name
    }
    words[start..].join(" ")
}

// ------------------------------------------------------------------ codes and dates

/// Readable label of a CAMEO role code.
pub fn cameo_role_label(code: &str) -> Option<&'static str> {
    Some(match code {
        "GOV" => "Government",
        "MIL" => "Military",
        "ELI" => "Elite",
        "REL" => "Religious",
        "LEG" => "Legislature",
        "JUD" => "Judiciary",
        "OPP" => "Opposition",
        "REB" => "Rebel",
        "INS" => "Insurgent",
        "SEP" => "Separatist",
        "SPY" => "Intelligence",
        "COP" => "Police",
        "UAF" => "Armed forces",
        "BUS" => "Business",
        "MED" => "Media",
        "LAB" => "Labor",
        "EDU" => "Education",
        "HLH" => "Health",
        "HRI" => "Human rights",
        "ENV" => "Environment",
        "DEV" => "Development",
        "AGR" => "Agriculture",
        "CRM" => "Criminal",
        "CVL" => "Civilian",
        "REF" => "Refugees",
        "PTY" => "Political party",
        "IGO" => "Intergovernmental organization",
        "NGO" => "Non-governmental organization",
        "IMG" => "International militarized group",
        "MNC" => "Multinational corporation",
        "NGM" => "Non-governmental movement",
        _ => return None,
    })
}

/// Country and readable role of a CAMEO actor code: "IRNGOV" → (IR, Government).
fn split_cameo(code: &str) -> (Option<String>, Option<String>) {
    if code.len() < 3 || !code.is_ascii() {
        return (None, None);
    }
    let head = &code[..3];
    let country = cameo_country(head).map(str::to_string);
    let mut role = None;
    let mut i = if country.is_some() { 3 } else { 0 };
    while i + 3 <= code.len() {
        if let Some(l) = cameo_role_label(&code[i..i + 3]) {
            role = Some(l.to_string());
            break;
        }
        i += 3;
    }
    (country, role)
}

/// TABARI date: YYMMDD (years < 30 are 20xx) or YYYYMMDD.
fn phoenix_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, m, d): (i32, u32, u32) = match s.len() {
        6 => {
            let yy: i32 = s[..2].parse().ok()?;
            (if yy < 30 { 2000 + yy } else { 1900 + yy }, s[2..4].parse().ok()?, s[4..6].parse().ok()?)
        }
        8 => (s[..4].parse().ok()?, s[4..6].parse().ok()?, s[6..8].parse().ok()?),
        _ => return None,
    };
    clamp_date(y, m, d)
}

fn clamp_date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(1..=12).contains(&m) {
        return None;
    }
    let mut d = d.clamp(1, 31);
    loop {
        if let Some(nd) = NaiveDate::from_ymd_opt(y, m, d) {
            return Some(nd);
        }
        if d <= 28 {
            return None;
        }
        d -= 1;
    }
}

/// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; `end` picks the last day of a partial date.
fn iso_date(s: &str, end: bool) -> Result<Option<NaiveDate>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let p: Vec<&str> = s.split('-').collect();
    let num = |x: &str| x.parse::<u32>().map_err(|_| format!("bad date {s:?}"));
    let (y, m, d) = match p.len() {
        1 => (num(p[0])? as i32, if end { 12 } else { 1 }, if end { 31 } else { 1 }),
        2 => (num(p[0])? as i32, num(p[1])?, if end { 31 } else { 1 }),
        3 => (num(p[0])? as i32, num(p[1])?, num(p[2])?),
        _ => return Err(format!("bad date {s:?}")),
    };
    if p.len() == 3 {
        return NaiveDate::from_ymd_opt(y, m, d).map(Some).ok_or_else(|| format!("bad date {s:?}"));
    }
    clamp_date(y, m, d).map(Some).ok_or_else(|| format!("bad date {s:?}"))
}

/// `YYYY-MM-DD` of the embedded table.
fn ymd(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(s[..4].parse().ok()?, s[5..7].parse().ok()?, s[8..10].parse().ok()?)
}

/// A role title from a dictionary comment, when the comment names an office.
fn role_from_comment(c: &str) -> Option<String> {
    let c = c.trim();
    if c.is_empty() || c.len() > 60 || c.chars().any(|ch| ch.is_ascii_digit() || ch == '?') {
        return None;
    }
    let lc = c.to_lowercase();
    const NOISE: &[&str] = &["countryinfo", "ngo_actors", "igorulers", "kkl", "mleh", "http", "need", "figure", "check", "maybe"];
    if NOISE.iter().any(|n| lc.contains(n)) {
        return None;
    }
    const OFFICES: &[&str] = &[
        "leader", "president", "minister", "secretary", "chancellor", "governor", "senator", "king",
        "queen", "emir", "general", "chief", "director", "ambassador", "speaker", "advisor", "adviser",
        "commander", "chairman", "mayor", "pm",
    ];
    let words: Vec<String> = lc.split(|ch: char| !ch.is_alphanumeric()).map(str::to_string).collect();
    if !words.iter().any(|w| OFFICES.contains(&w.as_str())) {
        return None;
    }
    if c == "PM" {
        return Some("Prime Minister".into());
    }
    Some(c.replace(',', " "))
}

// ------------------------------------------------------------------ dictionary

impl ActorDictionary {
    /// The dictionary compiled into the binary (PETRARCH2 Phoenix persons and groups).
    pub fn embedded() -> &'static ActorDictionary {
        static D: OnceLock<ActorDictionary> = OnceLock::new();
        D.get_or_init(|| ActorDictionary { base: Some(FrozenActors::embedded()), ..Default::default() })
    }

    /// The old startup build of the embedded dictionary, for the equivalence tests.
    #[cfg(test)]
    fn from_embedded_table(text: &str) -> ActorDictionary {
        let mut d = ActorDictionary::default();
        for line in text.lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            if let Some(a) = parse_embedded_line(line) {
                d.push(a, 0);
            }
        }
        d
    }

    fn base_len(&self) -> usize {
        self.base.map_or(0, FrozenActors::len)
    }

    /// The actor with this id.
    fn get(&self, id: u32) -> Option<&Actor> {
        let bl = self.base_len();
        if (id as usize) < bl {
            if let Some((a, _)) = self.patched.get(&id) {
                return Some(a);
            }
            return self.base?.actor(id);
        }
        self.actors.get(id as usize - bl)
    }

    /// The actor with this id, ready to change (an embedded one is copied first).
    fn get_mut(&mut self, id: u32) -> Option<(&mut Actor, &mut u16)> {
        let bl = self.base_len();
        if (id as usize) < bl {
            if !self.patched.contains_key(&id) {
                let a = self.base?.actor(id)?.clone();
                self.patched.insert(id, (a, 0));
            }
            return self.patched.get_mut(&id).map(|(a, g)| (a, g));
        }
        let i = id as usize - bl;
        Some((self.actors.get_mut(i)?, self.generation.get_mut(i)?))
    }

    fn generation_of(&self, id: u32) -> u16 {
        let bl = self.base_len();
        if (id as usize) < bl {
            return self.patched.get(&id).map_or(0, |p| p.1);
        }
        self.generation.get(id as usize - bl).copied().unwrap_or(0)
    }

    /// The ids indexed under `key`: the embedded ones, then those added since, in order.
    fn ids(&self, key: &str) -> Vec<u32> {
        let mut v: Vec<u32> = match self.base {
            Some(b) => b.ids(key).collect(),
            None => Vec::new(),
        };
        if let Some(more) = self.index.get(key) {
            v.extend_from_slice(more);
        }
        v
    }

    fn push(&mut self, actor: Actor, generation: u16) {
        let id = self.len() as u32;
        let mut keys: Vec<String> = Vec::new();
        for n in std::iter::once(&actor.canonical).chain(actor.aliases.iter()) {
            let k = name_key(n);
            if !k.is_empty() && !keys.contains(&k) {
                keys.push(k);
            }
        }
        for k in keys {
            match self.index.get_mut(k.as_str()) {
                Some(v) => v.push(id),
                None => {
                    self.index.insert(k, vec![id]);
                }
            }
        }
        self.actors.push(actor);
        self.generation.push(generation);
    }

    /// All actors by value, in id order.
    fn into_actors(self) -> Vec<Actor> {
        if self.base_len() == 0 {
            return self.actors;
        }
        let mut v: Vec<Actor> = (0..self.base_len() as u32).filter_map(|i| self.get(i).cloned()).collect();
        v.extend(self.actors);
        v
    }


    /// Parse a PETRARCH / TABARI `.actors.txt` dictionary: a head phrase, `+synonym`
    /// lines and tab-indented `[CODE date-restriction]` lines (`<date`, `>date`,
    /// `date-date`, dates YYMMDD or YYYYMMDD). Country blocks (a bare three-letter
    /// country code) are skipped: they name countries, not actors.
    pub fn from_phoenix(text: &str) -> Result<ActorDictionary, String> {
        struct Rec {
            head: String,
            syns: Vec<String>,
            codes: Vec<(String, Option<NaiveDate>, Option<NaiveDate>, String)>,
            comment: String,
        }
        fn parse_codes(s: &str, comment: &str, out: &mut Vec<(String, Option<NaiveDate>, Option<NaiveDate>, String)>) {
            let mut rest = s;
            while let Some(open) = rest.find('[') {
                let Some(close) = rest[open..].find(']') else { break };
                let body = &rest[open + 1..open + close];
                rest = &rest[open + close + 1..];
                let mut parts = body.split_whitespace();
                let Some(code) = parts.next() else { continue };
                if code.starts_with("---") || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
                    continue;
                }
                let restr: String = parts.collect();
                let (mut from, mut to) = (None, None);
                if let Some(d) = restr.strip_prefix('<') {
                    to = phoenix_date(d);
                } else if let Some(d) = restr.strip_prefix('>') {
                    from = phoenix_date(d);
                } else if let Some((a, b)) = restr.split_once('-') {
                    from = phoenix_date(a);
                    to = phoenix_date(b);
                }
                out.push((code.to_string(), from, to, comment.to_string()));
            }
        }
        let mut recs: Vec<Rec> = Vec::new();
        for (ln, raw) in text.lines().enumerate() {
            if raw.trim().is_empty() || raw.trim_start().starts_with('#') {
                continue;
            }
            let (body, comment) = match raw.find('#') {
                Some(i) => (&raw[..i], raw[i + 1..].trim()),
                None => (raw, ""),
            };
            if body.trim().is_empty() {
                continue;
            }
            let trimmed = body.trim();
            if body.starts_with([' ', '\t']) && trimmed.starts_with('[') {
                let Some(cur) = recs.last_mut() else {
                    return Err(format!("line {}: date restriction before any actor", ln + 1));
                };
                parse_codes(trimmed, comment, &mut cur.codes);
            } else if let Some(s) = trimmed.strip_prefix('+') {
                let Some(cur) = recs.last_mut() else {
                    return Err(format!("line {}: synonym before any actor", ln + 1));
                };
                let phrase = s.split('[').next().unwrap_or("");
                for p in phrase.split('+') {
                    if !p.trim().is_empty() {
                        cur.syns.push(p.trim().to_string());
                    }
                }
                if s.contains('[') {
                    parse_codes(s, comment, &mut cur.codes);
                }
            } else {
                let head = trimmed.split('[').next().unwrap_or("").trim().to_string();
                if head.is_empty() {
                    return Err(format!("line {}: code without an actor phrase", ln + 1));
                }
                let mut r = Rec { head, syns: Vec::new(), codes: Vec::new(), comment: comment.to_string() };
                parse_codes(trimmed, comment, &mut r.codes);
                recs.push(r);
            }
        }
        let mut d = ActorDictionary::default();
        for r in recs {
            let country_block = !r.codes.is_empty()
                && r.codes.iter().all(|(c, f, t, _)| c.len() == 3 && f.is_none() && t.is_none() && cameo_country(c).is_some());
            if country_block {
                continue;
            }
            let dated = r.codes.iter().any(|(_, f, t, _)| f.is_some() || t.is_some());
            let display = display_name(&r.head);
            let lw: Vec<String> = display.split_whitespace().map(fold_key).collect();
            const ORG_HEADS: &[&str] = &[
                "organization", "organisation", "agency", "council", "union", "bank", "fund", "commission",
                "court", "party", "front", "army", "movement", "brigade", "brigades", "group", "association",
                "federation", "league", "committee", "alliance", "forces", "force", "corps", "institute",
                "foundation", "ministry", "department", "office", "service", "network", "society", "guard",
                "guards", "bureau", "authority", "company", "corporation", "police", "militia", "assembly",
                "parliament", "government", "navy",
            ];
            let has_head = lw.iter().any(|w| ORG_HEADS.contains(&w.as_str()));
            let person = r.comment.to_lowercase().contains("countryinfo")
                || (dated && !has_head)
                || (!has_head && lw.len() >= 2 && is_title_word(&lw[0]));
            let kind = if person { ActorKind::Person } else { ActorKind::Group };
            let canonical = if person { strip_title_words(&display) } else { display.clone() };
            let mut aliases: Vec<String> = Vec::new();
            if canonical != display {
                aliases.push(display);
            }
            for s in &r.syns {
                let a = display_name(s);
                if a != canonical && !aliases.contains(&a) {
                    aliases.push(a);
                }
            }
            let roles = r
                .codes
                .iter()
                .map(|(code, from, to, comment)| {
                    let (country, label) = split_cameo(code);
                    ActorRole {
                        country,
                        role: role_from_comment(comment).or(label),
                        cameo: Some(code.clone()),
                        from: *from,
                        to: *to,
                    }
                })
                .collect();
            d.push(Actor { canonical, aliases, roles, same_as: None, kind }, 0);
        }
        Ok(d)
    }

    /// Parse the user TSV format, one role per line:
    /// `canonical \t aliases(|) \t country \t role \t from \t to \t sameAs [\t cameo]`.
    /// Empty fields are allowed (all but `canonical`); dates are `YYYY-MM-DD`, `YYYY-MM`
    /// or `YYYY`; the country is ISO alpha-2 (alpha-3 and CAMEO codes are converted).
    /// Consecutive lines with the same canonical name and sameAs add roles to one actor.
    /// `#` lines, blank lines and a header line starting with `canonical` are skipped.
    /// The kind is Person unless the role or name says group (cameo IGO/NGO/…, or a
    /// role like "organization"); callers needing more can edit the result.
    pub fn from_tsv(text: &str) -> Result<ActorDictionary, String> {
        let mut d = ActorDictionary::default();
        let mut pending: Option<Actor> = None;
        for (ln, raw) in text.lines().enumerate() {
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').map(str::trim).collect();
            if ln == 0 && f[0].eq_ignore_ascii_case("canonical") {
                continue;
            }
            let canonical = f[0];
            if canonical.is_empty() {
                return Err(format!("line {}: empty canonical name", ln + 1));
            }
            let get = |i: usize| f.get(i).copied().unwrap_or("");
            let err = |e: String| format!("line {}: {e}", ln + 1);
            let country = match get(2) {
                "" => None,
                c if c.len() == 2 && c.chars().all(|ch| ch.is_ascii_alphabetic()) => Some(c.to_ascii_uppercase()),
                c if c.len() == 3 => Some(
                    cameo_country(&c.to_ascii_uppercase()).ok_or_else(|| err(format!("unknown country {c:?}")))?.to_string(),
                ),
                c => return Err(err(format!("bad country {c:?}"))),
            };
            let from = iso_date(get(4), false).map_err(err)?;
            let to = iso_date(get(5), true).map_err(err)?;
            let same_as = Some(get(6)).filter(|s| !s.is_empty()).map(str::to_string);
            let cameo = Some(get(7)).filter(|s| !s.is_empty()).map(str::to_string);
            let role_s = Some(get(3)).filter(|s| !s.is_empty()).map(str::to_string);
            let country = country.or_else(|| cameo.as_deref().and_then(|c| split_cameo(c).0));
            let has_role = country.is_some() || role_s.is_some() || from.is_some() || to.is_some() || cameo.is_some();
            let role = ActorRole { country, role: role_s, cameo, from, to };
            let aliases: Vec<String> = get(1).split('|').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect();
            let same = pending.as_mut().filter(|p| name_key(&p.canonical) == name_key(canonical) && p.same_as == same_as);
            if let Some(p) = same {
                for a in aliases {
                    if !p.aliases.contains(&a) {
                        p.aliases.push(a);
                    }
                }
                if has_role {
                    p.roles.push(role);
                }
            } else {
                if let Some(p) = pending.take() {
                    d.push(p, 0);
                }
                let group = role.cameo.as_deref().is_some_and(|c| {
                    ["IGO", "NGO", "IMG", "MNC", "NGM"].iter().any(|g| c.starts_with(g))
                }) || role.role.as_deref().is_some_and(|r| {
                    let r = r.to_lowercase();
                    r.contains("organization") || r.contains("group") || r.contains("party")
                });
                pending = Some(Actor {
                    canonical: canonical.to_string(),
                    aliases,
                    roles: if has_role { vec![role] } else { Vec::new() },
                    same_as,
                    kind: if group { ActorKind::Group } else { ActorKind::Person },
                });
            }
        }
        if let Some(p) = pending.take() {
            d.push(p, 0);
        }
        Ok(d)
    }

    /// Add `other`'s actors. An actor with the same normalized name and the same
    /// `same_as` as one already here is merged into it (aliases and roles added);
    /// otherwise it is appended. Actors from `other` win later lookups.
    pub fn merge(&mut self, other: ActorDictionary) {
        let max = self.generation.iter().chain(self.patched.values().map(|p| &p.1)).copied().max();
        let generation = max.unwrap_or(0) + 1;
        for a in other.into_actors() {
            let key = name_key(&a.canonical);
            let existing = self.ids(&key).into_iter().find(|&i| {
                self.get(i).is_some_and(|e| name_key(&e.canonical) == key && e.same_as == a.same_as)
            });
            let Some((e, g)) = existing.and_then(|i| self.get_mut(i)) else {
                self.push(a, generation);
                continue;
            };
            let i = existing.unwrap_or(0);
            let mut new_keys = Vec::new();
            for al in a.aliases {
                if !e.aliases.contains(&al) && al != e.canonical {
                    new_keys.push(name_key(&al));
                    e.aliases.push(al);
                }
            }
            for r in a.roles {
                if !e.roles.contains(&r) {
                    e.roles.push(r);
                }
            }
            *g = generation;
            for k in new_keys {
                if !self.ids(&k).contains(&i) {
                    self.index.entry(k).or_default().push(i);
                }
            }
        }
    }

    /// The actor named `name` (canonical name or listed alias), ignoring case,
    /// diacritics, punctuation and leading titles. When several actors share the
    /// name, the most recently merged dictionary wins, then the actor with the most
    /// government roles, then the one with the most roles.
    pub fn lookup(&self, name: &str) -> Option<&Actor> {
        self.lookup_all(name).into_iter().next()
    }

    /// Every actor with this name, best first (see [`ActorDictionary::lookup`]).
    pub fn lookup_all(&self, name: &str) -> Vec<&Actor> {
        let key = name_key(name);
        let mut scored: Vec<(u16, bool, usize, usize, u32, &Actor)> = self
            .ids(&key)
            .into_iter()
            .filter_map(|i| {
                let a = self.get(i)?;
                let gov = a.roles.iter().filter(|r| r.cameo.as_deref().is_some_and(|c| c.contains("GOV"))).count();
                let canonical_hit = name_key(&a.canonical) == key;
                Some((self.generation_of(i), canonical_hit, gov, a.roles.len(), i, a))
            })
            .collect();
        // best score first, then the lower id
        scored.sort_by(|a, b| (b.0, b.1, b.2, b.3).cmp(&(a.0, a.1, a.2, a.3)).then(a.4.cmp(&b.4)));
        scored.into_iter().map(|s| s.5).collect()
    }


    /// The role `actor` held on `date`: among the roles whose bounds contain the date,
    /// a dated one before an open default, the latest-starting first. Without a date,
    /// the current role (open-ended, latest start), else the default role, else the
    /// most recent one.
    pub fn role_at<'a>(&self, actor: &'a Actor, date: Option<NaiveDate>) -> Option<&'a ActorRole> {
        let dated = |r: &ActorRole| r.from.is_some() || r.to.is_some();
        match date {
            Some(d) => actor
                .roles
                .iter()
                .filter(|r| r.from.is_none_or(|f| f <= d) && r.to.is_none_or(|t| d <= t))
                .max_by(|a, b| {
                    (dated(a), a.from, a.to.is_none()).cmp(&(dated(b), b.from, b.to.is_none())).then(std::cmp::Ordering::Greater)
                }),
            None => actor
                .roles
                .iter()
                .filter(|r| r.from.is_some() && r.to.is_none())
                .max_by_key(|r| r.from)
                .or_else(|| actor.roles.iter().find(|r| !dated(r)))
                .or_else(|| actor.roles.iter().max_by_key(|r| r.to.or(r.from))),
        }
    }

    /// All actors, in insertion order (embedded actors are parsed as they are visited).
    pub fn actors(&self) -> impl Iterator<Item = &Actor> + '_ {
        (0..self.len() as u32).filter_map(move |i| self.get(i))
    }

    pub fn len(&self) -> usize {
        self.base_len() + self.actors.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn embedded_khamenei() {
        let d = ActorDictionary::embedded();
        assert!(d.len() > 10_000);
        let a = d.lookup("Ayatollah Ali Khamenei").expect("Khamenei");
        assert_eq!(a.canonical, "Ali Khamenei");
        assert_eq!(a.kind, ActorKind::Person);
        assert!(std::ptr::eq(a, d.lookup("ALI KHAMENEI").unwrap()));
        let r = d.role_at(a, date(2013, 2, 8)).unwrap();
        assert_eq!(r.country.as_deref(), Some("IR"));
        assert_eq!(r.role.as_deref(), Some("Supreme Leader"));
        let r = d.role_at(a, date(1985, 1, 1)).unwrap();
        assert_eq!(r.role.as_deref(), Some("Government"));
        assert_eq!(r.cameo.as_deref(), Some("IRNGOV"));
        assert_eq!(d.role_at(a, None).unwrap().role.as_deref(), Some("Supreme Leader"));
    }

    #[test]
    fn embedded_groups_and_people() {
        let d = ActorDictionary::embedded();
        let h = d.lookup("Hezbollah").expect("Hezbollah");
        assert_eq!(h.kind, ActorKind::Group);
        assert_eq!(h.roles[0].country.as_deref(), Some("LB"));
        let o = d.lookup("President Barack Obama").expect("Obama");
        assert_eq!(o.canonical, "Barack Obama");
        let r = d.role_at(o, date(2012, 6, 1)).unwrap();
        assert_eq!((r.country.as_deref(), r.role.as_deref()), (Some("US"), Some("Government")));
        // between his dated roles (elite until 2000, government from 2009) nothing applies
        assert_eq!(d.role_at(o, date(2005, 6, 1)), None);
        assert_eq!(d.role_at(o, date(1990, 6, 1)).unwrap().role.as_deref(), Some("Elite"));
        // diacritics and case do not matter
        assert!(d.lookup("mahmoud ahmadinéjad").is_some());
        assert!(d.lookup("Nobody Atall Zzyzx").is_none());
    }

    #[test]
    fn phoenix_format() {
        let text = "\
# a tiny dictionary
ATLANTIS_  [ATL]
+ATLANTEAN_
IRAN_  [IRN]
+TEHRAN_

HOJATOLISLAM_SAYYED_ALI_KHAMENEI_  # CountryInfo.txt
+AYATOLLAH_KHAMENEI
\t[IRNGOV 811013-890803]
\t[IRNGOV >19890604] # Supreme Leader
\t[IRNELI]
JAISH_AL-ADL_ [IRNREB]
+ARMY_OF_JUSTICE_
UN_SECRETARY_GENERAL
\t[IGOUNO]
KOFI_ANNAN_\t[IGOUNO 970101-061231] [ELI]# IGOrulers.txt
";
        let d = ActorDictionary::from_phoenix(text).unwrap();
        // the IRN country block is skipped; ATL is not a known country code, so it stays
        assert!(d.lookup("Tehran").is_none());
        let k = d.lookup("Ali Khamenei").unwrap();
        assert_eq!(k.kind, ActorKind::Person);
        assert!(k.aliases.iter().any(|a| a == "Ayatollah Khamenei"));
        assert_eq!(k.roles.len(), 3);
        assert_eq!(k.roles[0].from, date(1981, 10, 13));
        assert_eq!(k.roles[0].to, date(1989, 8, 3));
        assert_eq!(k.roles[1].from, date(1989, 6, 4));
        assert_eq!(k.roles[1].role.as_deref(), Some("Supreme Leader"));
        let r = d.role_at(k, date(1988, 1, 1)).unwrap();
        assert_eq!(r.role.as_deref(), Some("Government"));
        let r = d.role_at(k, date(2024, 1, 1)).unwrap();
        assert_eq!(r.role.as_deref(), Some("Supreme Leader"));
        let j = d.lookup("army of justice").unwrap();
        assert_eq!(j.canonical, "Jaish al-Adl");
        assert_eq!(j.kind, ActorKind::Group);
        assert_eq!(j.roles[0].country.as_deref(), Some("IR"));
        assert_eq!(j.roles[0].role.as_deref(), Some("Rebel"));
        let a = d.lookup("Kofi Annan").unwrap();
        assert_eq!(a.roles.len(), 2);
        assert_eq!(a.roles[0].country, None);
        assert_eq!(d.role_at(a, date(2000, 1, 1)).unwrap().cameo.as_deref(), Some("IGOUNO"));
        assert_eq!(d.role_at(a, date(2010, 1, 1)).unwrap().cameo.as_deref(), Some("ELI"));
        // malformed input
        assert!(ActorDictionary::from_phoenix("\t[IRNGOV]\n").is_err());
        assert!(ActorDictionary::from_phoenix("+SYNONYM\n").is_err());
        assert!(ActorDictionary::from_phoenix("").unwrap().is_empty());
    }

    #[test]
    fn tsv_format() {
        let text = "\
canonical\taliases\tcountry\trole\tfrom\tto\tsameAs
# user actors
Jane Roe\tJ. Roe|Janie Roe\tUS\tSenator\t2001-01-03\t2013-01-03\thttp://www.wikidata.org/entity/Q1
Jane Roe\t\tUS\tAmbassador\t2014\t\thttp://www.wikidata.org/entity/Q1
Example Front\t\tIRN\tarmed group\t\t\t
";
        let d = ActorDictionary::from_tsv(text).unwrap();
        assert_eq!(d.len(), 2);
        let j = d.lookup("Senator Jane Roe").unwrap();
        assert_eq!(j.same_as.as_deref(), Some("http://www.wikidata.org/entity/Q1"));
        assert_eq!(j.roles.len(), 2);
        assert_eq!(d.role_at(j, date(2005, 5, 5)).unwrap().role.as_deref(), Some("Senator"));
        assert_eq!(d.role_at(j, date(2013, 6, 1)), None);
        assert_eq!(d.role_at(j, date(2020, 6, 1)).unwrap().role.as_deref(), Some("Ambassador"));
        assert_eq!(d.role_at(j, None).unwrap().role.as_deref(), Some("Ambassador"));
        assert!(d.lookup("janie roe").is_some());
        let f = d.lookup("Example Front").unwrap();
        assert_eq!(f.roles[0].country.as_deref(), Some("IR"));
        assert_eq!(f.kind, ActorKind::Group);
        assert!(ActorDictionary::from_tsv("X\t\tUS\t\tnot-a-date\n").is_err());
        assert!(ActorDictionary::from_tsv("X\t\tZZZZ\n").is_err());
        assert!(ActorDictionary::from_tsv("\tJ\n").is_err());
    }

    #[test]
    fn merge_prefers_later() {
        let mut d = ActorDictionary::from_tsv("Ali Khamenei\t\tIR\tSupreme Leader\t1989-06-04\t\n").unwrap();
        let user = ActorDictionary::from_tsv(
            "Ali Khamenei\tKhamenei\tIR\tSupreme Leader\t1989-06-04\t\nAli Khamenei\t\tIR\tPresident\t1981-10-13\t1989-08-03\n",
        )
        .unwrap();
        d.merge(user);
        assert_eq!(d.len(), 1);
        let a = d.lookup("Khamenei").unwrap();
        assert_eq!(a.roles.len(), 2);
        assert_eq!(d.role_at(a, date(1985, 1, 1)).unwrap().role.as_deref(), Some("President"));
        let mut e = ActorDictionary::from_tsv("Abdul Qadir\t\tAF\tGeneral\t\t\n").unwrap();
        e.merge(ActorDictionary::from_tsv("Abdul Qadir\t\tPK\tMinister\t\t\tQ42\n").unwrap());
        assert_eq!(e.len(), 2);
        assert_eq!(e.lookup("Abdul Qadir").unwrap().same_as.as_deref(), Some("Q42"));
    }

    #[test]
    fn names() {
        assert_eq!(display_name("JAISH_AL-ADL_"), "Jaish al-Adl");
        assert_eq!(display_name("UNITED_NATIONS_CHILDREN'S_FUND_"), "United Nations Children's Fund");
        assert_eq!(display_name("JOHN_MCCAIN"), "John McCain");
        assert_eq!(name_key("Ayatollah Ali Khamenei"), "ali khamenei");
        assert_eq!(name_key("Ban Ki-moon"), "ban ki moon");
        assert_eq!(name_key("President"), "president");
        assert_eq!(phoenix_date("890601"), date(1989, 6, 1));
        assert_eq!(phoenix_date("090120"), date(2009, 1, 20));
        assert_eq!(phoenix_date("19890604"), date(1989, 6, 4));
        assert_eq!(phoenix_date("2004017"), None);
        assert_eq!(phoenix_date("890231"), date(1989, 2, 28));
    }

    static ACTORS_TSV: &str = include_str!("../../data/lexicon/actors.tsv");

    /// The frozen embedded dictionary answers exactly like the old startup build:
    /// same actors in the same order, same ids under every name key, same lookups.
    #[test]
    fn frozen_embedded_matches_runtime_build() {
        let old = ActorDictionary::from_embedded_table(ACTORS_TSV);
        let new = ActorDictionary::embedded();
        assert_eq!(new.len(), old.len());
        for i in 0..old.len() as u32 {
            assert_eq!(new.get(i), old.get(i), "actor {i}");
        }
        let built = crate::recognize::gazetteer::tables::build_actors(ACTORS_TSV);
        assert!(built.image() == ACTORS_BIN);
        assert_eq!(built.lines.len(), old.len());
        let base = new.base.unwrap();
        assert_eq!(base.index.len(), old.index.len());
        for (k, ids) in &old.index {
            assert_eq!(&new.ids(k), ids, "{k}");
        }
        for a in old.actors.iter().take(3000) {
            for n in std::iter::once(&a.canonical).chain(&a.aliases) {
                let (x, y) = (new.lookup_all(n), old.lookup_all(n));
                assert_eq!(x, y, "{n}");
            }
        }
        assert!(new.lookup_all("").is_empty() && old.lookup_all("").is_empty());
        assert_eq!(new.actors().count(), old.len());
    }

    /// Merging user actors into the embedded dictionary gives what merging them into
    /// the old fully owned one gave (user actors win; merged aliases are indexed).
    #[test]
    fn merge_over_frozen_matches_owned_merge() {
        let user = "\
Ali Khamenei\tKhamenei|The Leader\tIR\tPresident\t1981-10-13\t1989-08-03
Barack Obama\t\tUS\tSenator\t2005-01-03\t2008-11-16
Hezbollah\tParty of God\tLB\tarmed group\t\t\t
Jane Roe\tJ. Roe\tUS\tSenator\t2001\t2013\tQ1
Jane Roe\t\tUS\tAmbassador\t2014\t\tQ1
";
        let mut old = ActorDictionary::from_embedded_table(ACTORS_TSV);
        old.merge(ActorDictionary::from_tsv(user).unwrap());
        let mut new = ActorDictionary::embedded().clone();
        new.merge(ActorDictionary::from_tsv(user).unwrap());
        assert_eq!(new.len(), old.len());
        for i in 0..old.len() as u32 {
            assert_eq!(new.get(i), old.get(i), "actor {i}");
            assert_eq!(new.generation_of(i), old.generation_of(i), "actor {i}");
        }
        for n in ["Khamenei", "The Leader", "Ali Khamenei", "Barack Obama", "Hezbollah", "Party of God", "Jane Roe", "J. Roe", "Kofi Annan"] {
            assert_eq!(new.lookup_all(n), old.lookup_all(n), "{n}");
        }
        assert_eq!(new.lookup("Khamenei").unwrap().roles.last().unwrap().role.as_deref(), Some("President"));
        // a second merge wins again; the embedded dictionary itself is untouched
        new.merge(ActorDictionary::from_tsv("Ali Khamenei\t\tIR\tPoet\t\t\tQ57\n").unwrap());
        assert_eq!(new.lookup("Ali Khamenei").unwrap().same_as.as_deref(), Some("Q57"));
        let e = ActorDictionary::embedded().lookup("Ali Khamenei").unwrap();
        assert!(e.aliases.iter().all(|a| a != "The Leader"));
        // merging the embedded dictionary into an empty one (namesakes without sameAs
        // fold into one actor, as they always did)
        let mut d = ActorDictionary::default();
        d.merge(ActorDictionary::embedded().clone());
        let mut o = ActorDictionary::default();
        o.merge(ActorDictionary::from_embedded_table(ACTORS_TSV));
        assert_eq!(d.len(), o.len());
        assert!(d.actors().eq(o.actors()));
        assert_eq!(d.lookup("Ayatollah Ali Khamenei").unwrap().canonical, "Ali Khamenei");
    }

    #[test]
    fn damaged_images_are_harmless() {
        let n = ACTORS_BIN.len();
        for cut in [0, 8, 12, 40, 1000, n / 4, n / 2, 3 * n / 4, n - 1] {
            if let Some(f) = FrozenActors::open(&ACTORS_BIN[..cut]) {
                let d = ActorDictionary { base: Some(Box::leak(Box::new(f))), ..Default::default() };
                let _ = d.lookup("Ali Khamenei");
                let _ = d.actors().count();
            }
        }
        let mut bad = ACTORS_BIN.to_vec();
        for i in (60..bad.len()).step_by(5) {
            bad[i] = bad[i].wrapping_mul(7).wrapping_add(i as u8);
        }
        let bad: &'static [u8] = Box::leak(bad.into_boxed_slice());
        if let Some(f) = FrozenActors::open(bad) {
            let mut d = ActorDictionary { base: Some(Box::leak(Box::new(f))), ..Default::default() };
            for name in ["Ali Khamenei", "Barack Obama", "Hezbollah", ""] {
                let _ = d.lookup_all(name);
            }
            let _ = d.actors().count();
            d.merge(ActorDictionary::from_tsv("Ali Khamenei\t\tIR\tPoet\t\t\n").unwrap());
        }
        assert!(FrozenActors::open(b"DOSACT01").is_none());
    }
}
