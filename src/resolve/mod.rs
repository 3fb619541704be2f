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
use crate::recognize::gazetteer::{FxMap, GazKind, Gazetteer};
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

/// Strip possessives, a leading "the" and leading titles from a name.
pub fn clean_name(s: &str, kind: MentionType) -> String {
    let mut s = s.trim();
    for suf in ["’s", "'s", "’", "'"] {
        if let Some(x) = s.strip_suffix(suf) {
            s = x.trim_end();
        }
    }
    let mut words = s.split_whitespace();
    let mut first = words.next();
    if first.is_some_and(|w| w.eq_ignore_ascii_case("the")) {
        first = words.next();
    }
    if kind == MentionType::Person {
        // Titles go while another word follows.
        while first.is_some_and(|w| in_lower_list(TITLES, w)) && words.clone().next().is_some() {
            first = words.next();
        }
    }
    let mut out = String::with_capacity(s.len());
    if let Some(w) = first {
        out.push_str(w);
        for w in words {
            out.push(' ');
            out.push_str(w);
        }
    }
    out
}

/// Whether the lower case of `w` is in `list` (lower-case ASCII words),
/// without allocating for ASCII words.
fn in_lower_list(list: &[&str], w: &str) -> bool {
    if w.is_ascii() {
        list.iter().any(|t| t.eq_ignore_ascii_case(w))
    } else {
        list.contains(&w.to_lowercase().as_str())
    }
}

/// The acronym of a multi-word name: "United States Institute of Peace" → "USIP".
pub fn acronym_of(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().filter(|w| !in_lower_list(ACRONYM_SKIP, w)).collect();
    if words.len() < 2 {
        return None;
    }
    let a: String = words.iter().filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()).collect();
    (a.chars().count() == words.len()).then_some(a)
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

/// Resolve the mentions of one document. Returns the entities and, for
/// every mention, its entity (none for time expressions).
pub fn resolve(
    mentions: &[Mention],
    pubs: &[Publication],
    gaz: &Gazetteer,
    dict: &ActorDictionary,
) -> (Vec<Entity>, Vec<Option<usize>>) {
    let mut entities: Vec<Entity> = Vec::new();
    let mut by_key: FxMap<(EntityKind, String), usize> = FxMap::default();
    let mut link: Vec<Option<usize>> = vec![None; mentions.len()];

    let mut get = |entities: &mut Vec<Entity>, kind: EntityKind, key: String, name: &str| -> usize {
        *by_key.entry((kind, key.clone())).or_insert_with(|| {
            entities.push(Entity {
                key,
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
            entities.len() - 1
        })
    };

    // Full person names first, so surnames can join them.
    let mut persons: Vec<(usize, String)> = Vec::new(); // (mention, clean full name)
    for (i, m) in mentions.iter().enumerate() {
        if m.kind == MentionType::Person {
            let name = clean_name(&m.norm, MentionType::Person);
            if name.split_whitespace().count() >= 2 {
                persons.push((i, name));
            }
        }
    }
    // Organization expansions, for acronyms.
    let mut expansions: Vec<(String, String)> = Vec::new(); // (acronym, full name)
    for m in mentions.iter().filter(|m| m.kind == MentionType::Organization) {
        let name = clean_name(&m.norm, MentionType::Organization);
        if let Some(a) = acronym_of(&name) {
            expansions.push((a, name));
        }
    }

    for (i, m) in mentions.iter().enumerate() {
        let pub_date = pubs.get(m.publication).and_then(|p| p.published).and_then(|d| d.to_naive());
        let e = match m.kind {
            MentionType::Country | MentionType::Nationality => {
                let Some(iso) = m.iso.clone() else { continue };
                let info = gaz.country(&iso);
                let name = info.map(|c| c.name.to_string()).unwrap_or_else(|| m.norm.clone());
                let e = get(&mut entities, EntityKind::Country, iso.clone(), &name);
                entities[e].iso = Some(iso);
                if let Some(c) = info {
                    entities[e].wikidata = Some(c.wikidata.to_string());
                }
                e
            }
            MentionType::Place => {
                let name = clean_name(&m.norm, MentionType::Place);
                // A place the gazetteer does not know may still be a country.
                if m.iso.is_none() {
                    if let Some(c) = gaz.country_by_name(&name) {
                        let e = get(&mut entities, EntityKind::Country, c.iso2.to_string(), c.name);
                        entities[e].iso = Some(c.iso2.to_string());
                        entities[e].wikidata = Some(c.wikidata.to_string());
                        link[i] = Some(e);
                        entities[e].mentions.push(i);
                        push_alias(&mut entities[e], &m.text);
                        continue;
                    }
                }
                let key = match (&m.iso, m.geo_id) {
                    (_, Some(g)) => format!("{name} {g}"),
                    (Some(iso), None) => format!("{name} {iso}"),
                    (None, None) => name.clone(),
                };
                let e = get(&mut entities, EntityKind::Place, key, &name);
                entities[e].country = m.iso.clone();
                e
            }
            MentionType::Organization => {
                let name = clean_name(&m.norm, MentionType::Organization);
                let (key, acr) = if is_acronym(&name) {
                    match expansions.iter().find(|(a, _)| *a == name.replace('.', "")) {
                        Some((a, full)) => (organization_key(full, gaz), Some(a.clone())),
                        None => (organization_key(&name, gaz), None),
                    }
                } else {
                    (organization_key(&name, gaz), acronym_of(&name).filter(|a| expansions.iter().any(|(x, _)| x == a)))
                };
                let display = key.clone();
                let e = get(&mut entities, EntityKind::Organization, key, &display);
                if let Some(a) = acr {
                    entities[e].acronym = Some(a);
                }
                if entities[e].country.is_none() {
                    entities[e].country = m.iso.clone();
                }
                e
            }
            MentionType::Person => {
                let name = clean_name(&m.norm, MentionType::Person);
                let full = if name.split_whitespace().count() >= 2 {
                    name.clone()
                } else {
                    // A single name joins the nearest full name ending (or
                    // starting) with it, preferring one before it.
                    let before = persons.iter().rev().find(|(j, f)| *j < i && ends_with_word(f, &name));
                    let any = persons.iter().find(|(_, f)| ends_with_word(f, &name));
                    before.or(any).map(|(_, f)| f.clone()).unwrap_or(name.clone())
                };
                let actor = dict.lookup(&full).filter(|a| a.kind == ActorKind::Person);
                let canonical = actor.map(|a| a.canonical.clone()).unwrap_or(full);
                let e = get(&mut entities, EntityKind::Person, canonical.clone(), &canonical);
                if let Some(a) = actor {
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

fn ends_with_word(full: &str, word: &str) -> bool {
    full.split_whitespace().last() == Some(word)
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
    fn acronyms() {
        assert_eq!(acronym_of("United States Institute of Peace").as_deref(), Some("USIP"));
        assert_eq!(acronym_of("International Atomic Energy Agency").as_deref(), Some("IAEA"));
        assert_eq!(acronym_of("Hamas"), None);
        assert!(is_acronym("USIP") && is_acronym("U.N.") && !is_acronym("Iran"));
    }
}
