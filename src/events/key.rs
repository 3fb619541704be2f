//! Cross-document event keys.
//!
//! A key names one real-world occurrence so that every publication and
//! every document describing it gets the same string (the rdf stage turns
//! it into an IRI). It is built only from what the event stage resolved:
//! the PLOVER type family, the date, and one canonical country (chosen by
//! `super::key_countries`: the primary place country, else the target or
//! source country; symmetric events such as talks keep their sorted
//! participant countries):
//!
//! `ASSAULT+2024-01-28+JO`, `CONSULT+2013-02-26+KZ`, `CONSULT+2013-02-08+IR-US`.
//!
//! Undated news (no dateline, "on Tuesday") gets a participant key on the
//! publication's main event instead: `EVENT+person:<key>` or, with the
//! publication's year, `EVENT+2013+person:<key>` (`super::main_participant_keys`).
//!
//! Events without a usable date or country get a document-local key
//! (`local:…`, unique to the document text and trigger offset) unless a
//! named event (`super::named`) vouches for them, in which case the named
//! event's own date and country build the key, so "the October 7 attack"
//! and "Hamas attacked Israel on October 7, 2023" meet. [`KeyConfig`]
//! holds the knobs an evaluation can tune.

use crate::model::PartialDate;

/// Knobs for key building.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyConfig {
    /// Group PLOVER types that news describes interchangeably for one
    /// occurrence (ASSAULT/COERCE, AGREE/SUPPORT/CONCEDE, COOPERATE/AID).
    pub families: bool,
    /// Accept a date known to the month only (key carries `YYYY-MM`).
    pub month_dates: bool,
    /// Accept a date without a year (`XXXX-02-26`).
    pub yearless_dates: bool,
    /// When no place is known, key on the actor countries instead.
    pub actor_countries: bool,
    /// At most this many countries in a key (more: too vague, local key).
    pub max_countries: usize,
    /// Key a publication's main event on its central person when it has no
    /// date-and-place key (`super::main_participant_keys`).
    pub participant_keys: bool,
    /// Add the publication's year to participant keys when it is known.
    pub participant_year: bool,
}

impl Default for KeyConfig {
    fn default() -> Self {
        KeyConfig { families: true, month_dates: true, yearless_dates: false, actor_countries: true, max_countries: 3, participant_keys: true, participant_year: true }
    }
}

/// The key family of a PLOVER type.
pub fn family(plover: &str, cfg: &KeyConfig) -> &'static str {
    // one match (no scan of the type list): the type itself, or "EVENT"
    match plover {
        "ASSAULT" | "COERCE" if cfg.families => "ASSAULT",
        "AGREE" | "SUPPORT" | "CONCEDE" if cfg.families => "AGREE",
        "COOPERATE" | "AID" if cfg.families => "COOPERATE",
        "AGREE" => "AGREE",
        "CONSULT" => "CONSULT",
        "SUPPORT" => "SUPPORT",
        "CONCEDE" => "CONCEDE",
        "COOPERATE" => "COOPERATE",
        "AID" => "AID",
        "RETREAT" => "RETREAT",
        "REQUEST" => "REQUEST",
        "ACCUSE" => "ACCUSE",
        "REJECT" => "REJECT",
        "THREATEN" => "THREATEN",
        "PROTEST" => "PROTEST",
        "SANCTION" => "SANCTION",
        "MOBILIZE" => "MOBILIZE",
        "COERCE" => "COERCE",
        "ASSAULT" => "ASSAULT",
        _ => "EVENT",
    }
}

/// True when two PLOVER types may describe one occurrence.
pub fn compatible(a: &str, b: &str, cfg: &KeyConfig) -> bool {
    family(a, cfg) == family(b, cfg)
}

/// The date part of a key, when precise enough.
pub fn date_part(d: &PartialDate, cfg: &KeyConfig) -> Option<String> {
    match (d.year, d.month, d.day) {
        (Some(_), Some(_), Some(_)) => d.is_complete().then(|| d.to_string()),
        (Some(_), Some(_), None) if cfg.month_dates => Some(d.to_string()),
        (None, Some(_), Some(_)) if cfg.yearless_dates => Some(d.to_string()),
        _ => None,
    }
}

/// The global key, or `None` when the event needs a local one.
/// `countries` are ISO alpha-2 codes (place countries first choice).
pub fn global_key(plover: &str, date: Option<&PartialDate>, place_countries: &[String], actor_countries: &[String], cfg: &KeyConfig) -> Option<String> {
    let d = date_part(date?, cfg)?;
    let mut cs: Vec<String> = if !place_countries.is_empty() {
        place_countries.to_vec()
    } else if cfg.actor_countries {
        actor_countries.to_vec()
    } else {
        Vec::new()
    };
    cs.sort();
    cs.dedup();
    if cs.is_empty() || cs.len() > cfg.max_countries {
        return None;
    }
    let fam = family(plover, cfg);
    let mut key = String::with_capacity(fam.len() + d.len() + 3 * cs.len() + 2);
    key.push_str(fam);
    key.push('+');
    key.push_str(&d);
    key.push('+');
    for (i, c) in cs.iter().enumerate() {
        if i > 0 {
            key.push('-');
        }
        key.push_str(c);
    }
    Some(key)
}

/// A key that never leaves the document: the text hash and the code point
/// offset of the first trigger.
pub fn local_key(plover: &str, text_hash: u64, cstart: usize) -> String {
    // `local:{plover}:{text_hash:016x}:{cstart}`, without the formatting machinery
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut key = String::with_capacity(plover.len() + 48);
    key.push_str("local:");
    key.push_str(plover);
    key.push(':');
    for i in (0..16).rev() {
        key.push(char::from(HEX[(text_hash >> (4 * i)) as usize & 0xf]));
    }
    key.push(':');
    crate::text::decimal::Decimal::new(cstart as u64).push_to_string(&mut key);
    key
}

/// FNV-1a over the text, for local keys (stable across runs and builds).
pub fn text_hash(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_need_date_and_country() {
        let cfg = KeyConfig::default();
        let d = PartialDate::ymd(2024, 1, 28);
        assert_eq!(global_key("ASSAULT", Some(&d), &["JO".into()], &[], &cfg).as_deref(), Some("ASSAULT+2024-01-28+JO"));
        assert_eq!(global_key("COERCE", Some(&d), &["JO".into()], &[], &cfg).as_deref(), Some("ASSAULT+2024-01-28+JO"));
        assert_eq!(global_key("ASSAULT", None, &["JO".into()], &[], &cfg), None);
        assert_eq!(global_key("ASSAULT", Some(&d), &[], &[], &cfg), None);
        let y = PartialDate { year: Some(2015), month: None, day: None };
        assert_eq!(global_key("AGREE", Some(&y), &["AT".into()], &[], &cfg), None);
        let m = PartialDate { year: Some(2013), month: Some(2), day: None };
        assert_eq!(global_key("SANCTION", Some(&m), &[], &["US".into(), "IR".into()], &cfg).as_deref(), Some("SANCTION+2013-02+IR-US"));
        assert_ne!(local_key("ASSAULT", text_hash("a"), 3), local_key("ASSAULT", text_hash("b"), 3));
        for (h, at) in [(0u64, 0usize), (0x0123_4567_89ab_cdef, 7), (u64::MAX, 1234567), (42, usize::MAX)] {
            assert_eq!(local_key("PROTEST", h, at), format!("local:PROTEST:{h:016x}:{at}"));
        }
    }

    #[test]
    fn families_cover_every_type() {
        let on = KeyConfig::default();
        let off = KeyConfig { families: false, ..KeyConfig::default() };
        for t in super::super::lexicon::PLOVER_TYPES {
            assert_eq!(family(t, &off), t);
        }
        assert_eq!(family("COERCE", &on), "ASSAULT");
        assert_eq!(family("AID", &on), "COOPERATE");
        assert_eq!(family("strike", &on), "EVENT");
    }
}
