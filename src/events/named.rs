//! Named events: a small curated table of widely known occurrences
//! (general knowledge, not taken from any evaluation set) with their type,
//! date and country, plus the general rule for "Operation <Name>".
//!
//! `super` matches the aliases against each sentence's lower-case words.
//! A match annotates the event whose trigger lies inside the alias (or
//! creates one), giving it the table's date and country so that its key
//! (`super::key`) is the one the same occurrence gets when a text dates
//! and places it explicitly. A date written in the sentence that
//! contradicts the table's year blocks the match ("the 2014 invasion").
//! The table itself is `named_table.rs` (std-only, mounted here and by the
//! build script), whose aliases are compiled at build time into an index by
//! the words they may start at ([`starting`]).

#[path = "named_table.rs"]
mod table;
pub use table::{alias_words, Named, NAMED};
#[cfg(test)]
use table::{keyed_aliases, plain_words};

/// One alias, compiled (at build time, into `super::tables`).
#[derive(Debug, PartialEq, Eq)]
pub struct Alias {
    /// Index into [`NAMED`].
    pub event: usize,
    /// Its words, a range of the tables' alias words.
    pub(super) words: (u32, u32),
    /// Needs the event's country in context.
    pub context: bool,
    /// The year of the event's date.
    pub year: Option<i32>,
}

impl Alias {
    /// The alias's words as [`alias_words`] cuts them.
    pub fn words(&self) -> impl Iterator<Item = &'static str> + Clone {
        super::tables::alias_words(self.words).iter().map(|&w| super::tables::text(w))
    }

    /// The alias's words as bytes (what [`match_at`] compares).
    pub fn word_bytes(&self) -> impl Iterator<Item = &'static [u8]> + Clone {
        super::tables::alias_words(self.words).iter().map(|&w| super::tables::bytes(w))
    }
}

/// The aliases that may start at the lower-case word `w`: those whose first
/// word is `w`, or whose hyphenated first word starts with `w` and a hyphen
/// (title case splits "Full-Scale"), in table order.
pub fn starting(w: &str) -> &'static [Alias] {
    super::tables::word(w).map_or(&[], |info| info.aliases())
}

/// How many words from `words[j..]` spell the pattern word `p`: one equal
/// word, or a hyphenated compound split in the text ("Full", "-", "Scale").
/// On bytes, as the tables keep the aliases' words.
fn spell(p: &[u8], words: &[&str], j: usize) -> Option<usize> {
    if words.get(j).is_some_and(|w| w.as_bytes() == p) {
        return Some(1);
    }
    if p.len() > 1 && p.contains(&b'-') {
        // the words put together must spell `p`: each must continue it
        // (no string is built: `at` is how much of `p` they spelled)
        let mut at = 0;
        for (k, w) in words.iter().enumerate().skip(j).take(7) {
            if !p[at..].starts_with(w.as_bytes()) {
                return None;
            }
            at += w.len();
            if at == p.len() {
                return Some(k + 1 - j);
            }
        }
    }
    None
}

/// Match `pat` (words, `…` = gap of up to five words) at `words[i..]`;
/// returns the end index.
pub fn match_at<P: AsRef<[u8]>>(pat: impl IntoIterator<Item = P>, words: &[&str], i: usize) -> Option<usize> {
    let mut k = i;
    let mut gap = false;
    for p in pat {
        let p = p.as_ref();
        if p == "…".as_bytes() {
            gap = true;
            continue;
        }
        let limit = if gap { 6 } else { 1 };
        let mut found = None;
        for j in k..(k + limit).min(words.len()) {
            if let Some(n) = spell(p, words, j) {
                found = Some(j + n);
                break;
            }
        }
        k = found?;
        gap = false;
    }
    (k > i).then_some(k)
}

/// "Operation <Name>" → a normalized id (`operation-prosperity-guardian`),
/// `caps` tells which words are capitalized in the text.
pub fn operation_id(words: &[&str], caps: &[bool], i: usize) -> Option<(String, usize)> {
    if words.get(i) != Some(&"operation") || !caps.get(i).copied().unwrap_or(false) {
        return None;
    }
    let mut j = i + 1;
    let mut parts = Vec::new();
    while j < words.len() && j < i + 5 && caps.get(j).copied().unwrap_or(false) && words[j].chars().all(|c| c.is_alphanumeric() || c == '-' || c == '\'') {
        parts.push(words[j]);
        j += 1;
    }
    if parts.is_empty() {
        return None;
    }
    Some((format!("operation-{}", parts.join("-")), j))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PartialDate;

    #[test]
    fn table_is_well_formed() {
        for n in NAMED {
            assert!(PartialDate::parse(n.date).is_some_and(|d| d.is_complete()), "{}", n.id);
            assert!(super::super::lexicon::PLOVER_TYPES.contains(&n.plover), "{}", n.id);
            assert_eq!(n.iso.len(), 2);
        }
    }

    #[test]
    fn aliases_are_indexed_by_first_word() {
        assert!(starting("fall").iter().any(|al| NAMED[al.event].id == "kabul-fall-2021"));
        // a hyphenated first word is found from its first part too
        assert!(starting("full").iter().any(|al| al.context && NAMED[al.event].id == "ukraine-invasion-2022"));
        assert!(starting("no-such-word").is_empty());
        let mut ids: Vec<&str> = NAMED.iter().map(|n| n.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), NAMED.len(), "ids are unique");
    }

    #[test]
    fn generated_alias_index_is_the_table() {
        // the generator's keying, grouped by word with the years as the
        // stage's date parser reads them
        let mut want: std::collections::BTreeMap<String, Vec<(usize, Vec<String>, bool, Option<i32>)>> = Default::default();
        for (w, k, words, context) in keyed_aliases() {
            let year = PartialDate::parse(NAMED[k].date).and_then(|d| d.year);
            want.entry(w).or_default().push((k, words, context, year));
        }
        let mut total = 0;
        for (w, list) in &want {
            let got: Vec<(usize, Vec<String>, bool, Option<i32>)> =
                starting(w).iter().map(|a| (a.event, a.words().map(str::to_string).collect(), a.context, a.year)).collect();
            assert_eq!(&got, list, "{w}");
            total += list.len();
        }
        assert_eq!(super::super::tables::ALIASES.len(), total);
    }

    #[test]
    fn plain_aliases_split_as_the_segmenter_splits_them() {
        let segmented = |a: &str| -> Vec<String> {
            let seg = crate::text::segment(a);
            (0..seg.tokens.len()).map(|i| seg.token_text(a, i).to_lowercase().replace('\u{2019}', "'")).collect()
        };
        let mut plain = 0;
        for n in NAMED {
            for a in n.aliases.iter().chain(n.context_aliases) {
                if let Some(w) = plain_words(a) {
                    plain += 1;
                    assert_eq!(w, segmented(a), "{a}");
                }
            }
        }
        assert!(plain > 10);
        for a in ["the 2020 coup", "Gaza War", "operation desert storm", "g20 summit", "9/11", "u.s. invasion", "a  b", ""] {
            if let Some(w) = plain_words(a) {
                assert_eq!(w, segmented(a), "{a}");
            }
        }
    }

    #[test]
    fn gapped_aliases_match() {
        let w = ["the", "taliban", "took", "kabul", "on", "sunday"];
        assert_eq!(match_at(&alias_words("taliban … took … kabul"), &w, 1), Some(4));
        assert_eq!(match_at(&alias_words("fall of kabul"), &w, 1), None);
        // possessives split off and title-case hyphen compounds split in the text
        let w3 = ["russia", "'s", "full", "-", "scale", "invasion", "of"];
        assert_eq!(match_at(&alias_words("russia's full-scale invasion"), &w3, 0), Some(6));
        assert_eq!(match_at(&alias_words("Russia’s full-scale invasion"), &["russia", "'s", "full-scale", "invasion"], 0), Some(4));
        assert_eq!(match_at(&alias_words("9/11 attacks"), &["9", "/", "11", "attacks"], 0), Some(4));
        let caps = [false, true, true, true];
        let w2 = ["an", "operation", "prosperity", "guardian"];
        assert_eq!(operation_id(&w2, &caps, 1).map(|x| x.0).as_deref(), Some("operation-prosperity-guardian"));
    }
}
