//! Resolve: from mentions to entities with stable keys.
//!
//! Within a document, mentions that name the same thing become one
//! [`Entity`]: "Khamenei" joins "Ayatollah Ali Khamenei", "USIP" joins
//! "United States Institute of Peace", "U.S.", "United States" and
//! "America" are one country (keyed by ISO code), and a nationality
//! ("Iranian") points at its country. Keys depend only on names and codes,
//! never on the document, so the rdf module gives the same entity the same
//! IRI in every document and run. Known actors from the dictionaries
//! ([`actors`]) give canonical names and roles as of the publication date.

pub mod actors;
pub mod roles;

use crate::model::{Entity, EntityKind, Mention, MentionType, Publication};
use crate::recognize::gazetteer::{FxHasher, FxMap, GazKind, Gazetteer};
use std::hash::{BuildHasher, BuildHasherDefault};
use actors::{ActorDictionary, ActorKind};

/// Words that stand before a name but are not part of it.
const TITLES: &[&str] = &[
    "president", "vice", "prime", "minister", "foreign", "supreme", "leader", "ayatollah", "grand", "sheikh", "shaikh",
    "king", "queen", "prince", "emir", "sultan", "gen.", "general", "gen", "col.", "colonel", "lt.", "maj.", "capt.",
    "adm.", "admiral", "sen.", "senator", "rep.", "gov.", "governor", "mr.", "mrs.", "ms.", "dr.", "prof.", "mr",
    "mrs", "ms", "dr", "prof", "secretary", "chancellor", "ambassador", "envoy", "commander", "chief", "imam",
    "mullah", "hojatoleslam", "rev.", "pope", "saint", "sir", "dame", "lord", "lady", "judge", "justice",
];

/// Small words of organization names that acronyms skip.
const ACRONYM_SKIP: &[&str] = &["of", "for", "the", "and", "on", "in", "to", "&", "de", "du", "la", "le"];

/// The length of the longest word of `list`.
const fn max_len(list: &[&str]) -> usize {
    let mut m = 0;
    let mut i = 0;
    while i < list.len() {
        if list[i].len() > m {
            m = list[i].len();
        }
        i += 1;
    }
    m
}

/// Strip possessives, a leading "the" and leading titles from a name.
pub fn clean_name(s: &str, kind: MentionType) -> String {
    let mut s = s.trim();
    for suf in ["’s", "'s", "’", "'"] {
        if let Some(x) = s.strip_suffix(suf) {
            s = x.trim_end();
        }
    }
    if s.is_ascii() {
        join_clean(AsciiWords { s, at: 0 }, kind, s.len())
    } else {
        join_clean(s.split_whitespace(), kind, s.len())
    }
}

/// The words of an ASCII text as `str::split_whitespace` cuts them (the
/// ASCII characters it splits at: tab, line feed, vertical tab, form feed,
/// carriage return and space), without decoding characters.
#[derive(Clone)]
struct AsciiWords<'a> {
    s: &'a str,
    at: usize,
}

impl<'a> Iterator for AsciiWords<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let b = self.s.as_bytes();
        let ws = |c: u8| matches!(c, b'\t'..=b'\r' | b' ');
        while self.at < b.len() && ws(b[self.at]) {
            self.at += 1;
        }
        if self.at >= b.len() {
            return None;
        }
        let start = self.at;
        while self.at < b.len() && !ws(b[self.at]) {
            self.at += 1;
        }
        self.s.get(start..self.at)
    }
}

/// The words of a name without a leading "the" and, for a person, without
/// leading titles, joined by single spaces.
fn join_clean<'a>(mut words: impl Iterator<Item = &'a str> + Clone, kind: MentionType, cap: usize) -> String {
    let mut first = words.next();
    if first.is_some_and(|w| w.eq_ignore_ascii_case("the")) {
        first = words.next();
    }
    if kind == MentionType::Person {
        // Titles go while another word follows.
        while first.is_some_and(is_title) && words.clone().next().is_some() {
            first = words.next();
        }
    }
    let mut out = String::with_capacity(cap);
    if let Some(w) = first {
        out.push_str(w);
        for w in words {
            out.push(' ');
            out.push_str(w);
        }
    }
    out
}

/// Whether the lower case of `w` is one of [`TITLES`] (a set built once:
/// one hash instead of a scan of the list; ASCII words are lower-cased on
/// the stack, and longer ones than any title are not looked up).
fn is_title(w: &str) -> bool {
    const MAX: usize = max_len(TITLES);
    static SET: std::sync::OnceLock<FxMap<&'static str, ()>> = std::sync::OnceLock::new();
    if w.is_ascii() {
        if w.len() > MAX {
            return false;
        }
        let set = SET.get_or_init(|| TITLES.iter().map(|t| (*t, ())).collect());
        let mut buf = [0u8; MAX];
        let b = &mut buf[..w.len()];
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        // lower-casing ASCII keeps the bytes valid UTF-8
        std::str::from_utf8(b).is_ok_and(|l| set.contains_key(l))
    } else {
        let set = SET.get_or_init(|| TITLES.iter().map(|t| (*t, ())).collect());
        set.contains_key(w.to_lowercase().as_str())
    }
}

/// Whether the lower case of `w` is one of [`ACRONYM_SKIP`], without
/// allocating for ASCII words (and without comparing longer ones).
fn is_acronym_skip(w: &str) -> bool {
    if w.is_ascii() {
        w.len() <= max_len(ACRONYM_SKIP) && ACRONYM_SKIP.iter().any(|t| t.eq_ignore_ascii_case(w))
    } else {
        ACRONYM_SKIP.contains(&w.to_lowercase().as_str())
    }
}

/// The acronym of a multi-word name: "United States Institute of Peace" → "USIP".
pub fn acronym_of(name: &str) -> Option<String> {
    // every word but the small ones must start with a capital, and there
    // must be two such words at least
    let mut n = 0;
    let mut a = String::new();
    for w in name.split_whitespace().filter(|w| !is_acronym_skip(w)) {
        let c = w.chars().next()?;
        if !c.is_uppercase() {
            return None;
        }
        a.push(c);
        n += 1;
    }
    (n >= 2).then_some(a)
}

fn is_acronym(s: &str) -> bool {
    let n = s.chars().count();
    (2..=8).contains(&n) && s.chars().all(|c| c.is_ascii_uppercase() || c == '.') && s.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
}

/// The canonical key of an organization name, as the gazetteer knows it.
pub fn organization_key(name: &str, gaz: &Gazetteer) -> String {
    let clean = clean_name(name, MentionType::Organization);
    let hits = gaz.find(&clean);
    if let [h] = hits.as_slice() {
        if h.kind == GazKind::Organization && h.start == 0 && h.end == clean.len() {
            return h.canonical.clone();
        }
    }
    clean
}

/// The entity with `key` among those of `kind`, created (named `name`)
/// when new. Entities are found by the hash of their kind and key, through
/// a chain of the entities with that hash, and compared by their own key:
/// nothing is cloned for an entity already known, and no second copy of a
/// new entity's key is kept.
#[derive(Default)]
struct Keyed {
    heads: FxMap<(EntityKind, u64), usize>,
    /// Entity → the previous entity with its hash (`usize::MAX`: none).
    next: Vec<usize>,
}

impl Keyed {
    fn get(&mut self, entities: &mut Vec<Entity>, kind: EntityKind, key: &str, name: &str) -> usize {
        let h = BuildHasherDefault::<FxHasher>::default().hash_one(key);
        let mut at = self.heads.get(&(kind, h)).copied().unwrap_or(usize::MAX);
        while let Some(en) = entities.get(at) {
            if en.kind == kind && en.key == key {
                return at;
            }
            at = self.next.get(at).copied().unwrap_or(usize::MAX);
        }
        let e = entities.len();
        entities.push(Entity {
            key: key.to_string(),
            kind,
            name: name.to_string(),
            aliases: Vec::new(),
            iso: None,
            wikidata: None,
            country: None,
            role: None,
            acronym: None,
            mentions: Vec::new(),
        });
        self.next.resize(e, usize::MAX);
        self.next.push(self.heads.insert((kind, h), e).unwrap_or(usize::MAX));
        e
    }
}

/// [`organization_key`] of `name`, remembered in `memo`.
fn org_key_memo<'m, 'a>(memo: &'m mut FxMap<&'a str, String>, name: &'a str, gaz: &Gazetteer) -> &'m str {
    memo.entry(name).or_insert_with(|| organization_key(name, gaz))
}

/// Set an optional string field to `v`, allocating only when it changes.
fn set_opt(field: &mut Option<String>, v: Option<&str>) {
    if field.as_deref() != v {
        *field = v.map(str::to_string);
    }
}

/// Resolve the mentions of one document. Returns the entities and, for
/// every mention, its entity (none for time expressions).
pub fn resolve(
    mentions: &[Mention],
    pubs: &[Publication],
    gaz: &Gazetteer,
    dict: &ActorDictionary,
) -> (Vec<Entity>, Vec<Option<usize>>) {
    let mut entities: Vec<Entity> = Vec::new();
    let mut keyed = Keyed::default();
    // at most one entity per mention; most documents name fewer things
    entities.reserve(mentions.len() / 2 + 4);
    keyed.next.reserve(mentions.len());
    let mut link: Vec<Option<usize>> = vec![None; mentions.len()];

    // The clean names of person and organization mentions, once each.
    let clean: Vec<String> = mentions
        .iter()
        .map(|m| match m.kind {
            MentionType::Person | MentionType::Organization => clean_name(&m.norm, m.kind),
            _ => String::new(),
        })
        .collect();
    // Full person names first, so surnames can join them.
    // (A clean name's words are joined by single spaces: it has two words
    // when it has a space, and its last word follows the last space.)
    let mut persons: Vec<(usize, &str)> = Vec::new(); // (mention, last word of its clean full name)
    for (i, m) in mentions.iter().enumerate() {
        if m.kind == MentionType::Person && clean[i].contains(' ') {
            persons.push((i, clean[i].rfind(' ').map_or("", |p| &clean[i][p + 1..])));
        }
    }
    // Organization expansions, for acronyms; and each organization name's
    // own acronym.
    let mut expansions: Vec<(String, &str)> = Vec::new(); // (acronym, full name)
    let mut acronyms: Vec<Option<String>> = vec![None; mentions.len()];
    for (i, m) in mentions.iter().enumerate() {
        if m.kind == MentionType::Organization {
            if let Some(a) = acronym_of(&clean[i]) {
                expansions.push((a.clone(), &clean[i]));
                acronyms[i] = Some(a);
            }
        }
    }
    // Per-document memos: names recur, and each lookup is a search.
    let mut org_keys: FxMap<&str, String> = FxMap::default();
    let mut actors_of: FxMap<String, Option<&actors::Actor>> = FxMap::default();

    for (i, m) in mentions.iter().enumerate() {
        let e = match m.kind {
            MentionType::Country | MentionType::Nationality => {
                let Some(iso) = m.iso.as_deref() else { continue };
                let info = gaz.country(iso);
                let name = info.map_or(m.norm.as_str(), |c| c.name);
                let e = keyed.get(&mut entities, EntityKind::Country, iso, name);
                set_opt(&mut entities[e].iso, Some(iso));
                if let Some(c) = info {
                    set_opt(&mut entities[e].wikidata, Some(c.wikidata));
                }
                e
            }
            MentionType::Place => {
                let name = clean_name(&m.norm, MentionType::Place);
                // A place the gazetteer does not know may still be a country.
                if m.iso.is_none() {
                    if let Some(c) = gaz.country_by_name(&name) {
                        let e = keyed.get(&mut entities, EntityKind::Country, c.iso2, c.name);
                        set_opt(&mut entities[e].iso, Some(c.iso2));
                        set_opt(&mut entities[e].wikidata, Some(c.wikidata));
                        link[i] = Some(e);
                        entities[e].mentions.push(i);
                        push_alias(&mut entities[e], &m.text);
                        continue;
                    }
                }
                let e = match (&m.iso, m.geo_id) {
                    (_, Some(g)) => {
                        let mut key = String::with_capacity(name.len() + 11);
                        key.push_str(&name);
                        key.push(' ');
                        push_u32(&mut key, g);
                        keyed.get(&mut entities, EntityKind::Place, &key, &name)
                    }
                    (Some(iso), None) => keyed.get(&mut entities, EntityKind::Place, &[name.as_str(), " ", iso].concat(), &name),
                    (None, None) => keyed.get(&mut entities, EntityKind::Place, &name, &name),
                };
                set_opt(&mut entities[e].country, m.iso.as_deref());
                e
            }
            MentionType::Organization => {
                let name = clean[i].as_str();
                let (key, acr) = if is_acronym(name) {
                    let bare = name.replace('.', "");
                    match expansions.iter().find(|(a, _)| *a == bare) {
                        Some((a, full)) => (org_key_memo(&mut org_keys, full, gaz), Some(a.as_str())),
                        None => (org_key_memo(&mut org_keys, name, gaz), None),
                    }
                } else {
                    (org_key_memo(&mut org_keys, name, gaz), acronyms[i].as_deref().filter(|a| expansions.iter().any(|(x, _)| x == a)))
                };
                let e = keyed.get(&mut entities, EntityKind::Organization, key, key);
                if let Some(a) = acr {
                    entities[e].acronym = Some(a.to_string());
                }
                if entities[e].country.is_none() {
                    entities[e].country = m.iso.clone();
                }
                e
            }
            MentionType::Person => {
                let name = clean[i].as_str();
                let full: &str = if name.contains(' ') {
                    name
                } else {
                    // A single name joins the nearest full name ending (or
                    // starting) with it, preferring one before it.
                    let before = persons.iter().rev().find(|&&(j, last)| j < i && last == name);
                    let any = persons.iter().find(|&&(_, last)| last == name);
                    before.or(any).map_or(name, |&(j, _)| clean[j].as_str())
                };
                let actor = match actors_of.get(full) {
                    Some(a) => *a,
                    None => {
                        let a = dict.lookup(full).filter(|a| a.kind == ActorKind::Person);
                        actors_of.insert(full.to_string(), a);
                        a
                    }
                };
                let canonical = actor.map_or(full, |a| a.canonical.as_str());
                let e = keyed.get(&mut entities, EntityKind::Person, canonical, canonical);
                if let Some(a) = actor {
                    let pub_date = pubs.get(m.publication).and_then(|p| p.published).and_then(|d| d.to_naive());
                    if let Some(r) = dict.role_at(a, pub_date) {
                        if entities[e].role.is_none() {
                            entities[e].role = r.role.clone();
                        }
                        if entities[e].country.is_none() {
                            entities[e].country = r.country.clone();
                        }
                    }
                }
                e
            }
            _ => continue,
        };
        link[i] = Some(e);
        entities[e].mentions.push(i);
        push_alias(&mut entities[e], &m.text);
    }
    (entities, link)
}

fn push_alias(e: &mut Entity, surface: &str) {
    let s = surface.trim();
    if !s.is_empty() && !e.aliases.iter().any(|a| a == s) {
        e.aliases.push(s.to_string());
    }
}

/// Append the decimal digits of `n`.
fn push_u32(s: &mut String, n: u32) {
    crate::text::decimal::Decimal::new(u64::from(n)).push_to_string(s);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_name_strips_the_and_titles() {
        // The plain formulation it must agree with.
        fn reference(s: &str, kind: MentionType) -> String {
            let mut s = s.trim();
            for suf in ["’s", "'s", "’", "'"] {
                if let Some(x) = s.strip_suffix(suf) {
                    s = x.trim_end();
                }
            }
            let mut words: Vec<&str> = s.split_whitespace().collect();
            if words.first().is_some_and(|w| w.eq_ignore_ascii_case("the")) {
                words.remove(0);
            }
            if kind == MentionType::Person {
                while words.len() > 1 && TITLES.contains(&words[0].to_lowercase().as_str()) {
                    words.remove(0);
                }
            }
            words.join(" ")
        }
        for s in [
            "", "the", "The", "President", "President Joe  Biden", "the Supreme Leader Ali Khamenei’s",
            "Dr. Dr. Smith", "Dr.", "DR. SMITH", "\u{212A}ing Charles", "Gen.  Sir John", " Mr Ms ", "THE UN",
            "President\u{0B}Anna\u{0C}Berg", "Prime\tMinister\r\nAnna Berg's", "Hojatoleslam Hassan Rouhani",
            "Hojatoleslamx Rouhani", "Foreign Minister Anna Berg’s", "the The Beatles's", "\u{A0}Mr\u{A0}Alvarez",
        ] {
            for kind in [MentionType::Person, MentionType::Organization] {
                assert_eq!(clean_name(s, kind), reference(s, kind), "{s:?}");
            }
        }
    }

    #[test]
    fn names_are_cleaned() {
        assert_eq!(clean_name("Ayatollah Ali Khamenei", MentionType::Person), "Ali Khamenei");
        assert_eq!(clean_name("Vice President Joe Biden’s", MentionType::Person), "Joe Biden");
        assert_eq!(clean_name("the Houthis", MentionType::Organization), "Houthis");
        assert_eq!(clean_name("President", MentionType::Person), "President");
    }

    #[test]
    fn ascii_words_split_like_split_whitespace() {
        for s in ["", " ", "a", " a  b ", "a\tb\nc\u{0B}d\u{0C}e\rf", "\u{1C}x y\u{1F}", "U.S. State Department", "  tail  "] {
            let want: Vec<&str> = s.split_whitespace().collect();
            let got: Vec<&str> = AsciiWords { s, at: 0 }.collect();
            assert_eq!(got, want, "{s:?}");
        }
    }

    #[test]
    fn acronyms_as_the_plain_rule_gives_them() {
        fn reference(name: &str) -> Option<String> {
            let skip = |w: &str| ACRONYM_SKIP.contains(&w.to_lowercase().as_str());
            let words: Vec<&str> = name.split_whitespace().filter(|w| !skip(w)).collect();
            if words.len() < 2 {
                return None;
            }
            let a: String = words.iter().filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()).collect();
            (a.chars().count() == words.len()).then_some(a)
        }
        for name in [
            "", "Hamas", "United Nations", "the United Nations", "Bank of England", "Banco de la Nación", "New york Times",
            "International Atomic Energy Agency", "Médecins Sans Frontières", "AND OF THE", "Ministry For Foreign Affairs",
            "Élan Vital", "United  States\tInstitute of Peace",
        ] {
            assert_eq!(acronym_of(name), reference(name), "{name:?}");
        }
    }

    #[test]
    fn decimal_digits() {
        for n in [0u32, 7, 10, 2950159, u32::MAX] {
            let mut s = String::from("x ");
            push_u32(&mut s, n);
            assert_eq!(s, format!("x {n}"));
        }
    }

    #[test]
    fn acronyms() {
        assert_eq!(acronym_of("United States Institute of Peace").as_deref(), Some("USIP"));
        assert_eq!(acronym_of("International Atomic Energy Agency").as_deref(), Some("IAEA"));
        assert_eq!(acronym_of("Hamas"), None);
        assert!(is_acronym("USIP") && is_acronym("U.N.") && !is_acronym("Iran"));
    }
}
