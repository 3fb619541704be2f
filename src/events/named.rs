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

/// One known event.
#[derive(Clone, Copy, Debug)]
pub struct Named {
    pub id: &'static str,
    pub plover: &'static str,
    pub cameo: &'static str,
    pub mode: Option<&'static str>,
    /// `YYYY-MM-DD`
    pub date: &'static str,
    /// Place country (ISO alpha-2).
    pub iso: &'static str,
    /// Source / target countries when known ("" for none).
    pub source: &'static str,
    pub target: &'static str,
    pub label: &'static str,
    /// Aliases: words in order, `…` allows a gap of up to five words.
    pub aliases: &'static [&'static str],
    /// Aliases that also need this country mentioned in the sentence or as
    /// the publication's dominant country ("the coup" → Myanmar).
    pub context_aliases: &'static [&'static str],
}

macro_rules! ev {
    ($id:expr, $pl:expr, $cameo:expr, $mode:expr, $date:expr, $iso:expr, $src:expr, $tgt:expr, $label:expr, [$($a:expr),* $(,)?], [$($c:expr),* $(,)?]) => {
        Named { id: $id, plover: $pl, cameo: $cameo, mode: $mode, date: $date, iso: $iso, source: $src, target: $tgt, label: $label, aliases: &[$($a),*], context_aliases: &[$($c),*] }
    };
}

/// The table.
pub const NAMED: &[Named] = &[
    ev!("sept11-2001", "ASSAULT", "1831", Some("suicide-attack"), "2001-09-11", "US", "", "US", "September 11 attacks",
        ["9/11 attacks", "9/11", "september 11 attacks", "sept. 11 attacks", "september 11, 2001, attacks"], []),
    ev!("afghanistan-invasion-2001", "ASSAULT", "190", None, "2001-10-07", "AF", "US", "AF", "U.S. invasion of Afghanistan",
        ["operation enduring freedom", "invasion of afghanistan", "invaded afghanistan"], []),
    ev!("iraq-invasion-2003", "ASSAULT", "190", None, "2003-03-20", "IQ", "US", "IQ", "U.S.-led invasion of Iraq",
        ["operation iraqi freedom", "invasion of iraq", "invaded iraq", "2003 invasion"], []),
    ev!("georgia-war-2008", "ASSAULT", "190", None, "2008-08-07", "GE", "RU", "GE", "Russia–Georgia war",
        ["russia-georgia war", "russo-georgian war", "invasion of georgia", "invaded georgia"], []),
    ev!("egypt-coup-2013", "COERCE", "170", None, "2013-07-03", "EG", "EG", "EG", "Military coup in Egypt",
        [], ["coup", "ousted … morsi", "overthrow … morsi"]),
    ev!("crimea-annexation-2014", "COERCE", "192", Some("seize"), "2014-03-18", "UA", "RU", "UA", "Russian annexation of Crimea",
        ["annexation of crimea", "annexed crimea", "seizure of crimea", "crimea annexation"], []),
    ev!("jcpoa-2015", "SUPPORT", "057", None, "2015-07-14", "AT", "", "IR", "Iran nuclear deal (JCPOA)",
        ["jcpoa", "joint comprehensive plan of action", "iran nuclear deal", "iran deal", "2015 nuclear deal", "2015 nuclear agreement", "2015 iran nuclear deal"],
        ["nuclear deal", "nuclear agreement", "nuclear accord"]),
    ev!("paris-agreement-2015", "SUPPORT", "057", None, "2015-12-12", "FR", "", "", "Paris climate agreement",
        ["paris climate agreement", "paris agreement", "paris climate accord"], []),
    ev!("turkey-coup-attempt-2016", "COERCE", "170", None, "2016-07-15", "TR", "TR", "TR", "Coup attempt in Turkey",
        ["failed coup … turkey", "turkey's … coup"], ["coup attempt", "failed coup"]),
    ev!("jcpoa-withdrawal-2018", "SANCTION", "164", Some("withdraw"), "2018-05-08", "US", "US", "IR", "U.S. withdrawal from the JCPOA",
        ["withdrawal from the jcpoa", "withdrew from the jcpoa", "withdrew from the nuclear deal", "withdrawal from the nuclear deal", "withdrew from the iran nuclear deal", "pulled out of the nuclear deal", "exit from the nuclear deal"], []),
    ev!("soleimani-killing-2020", "ASSAULT", "186", Some("targeted"), "2020-01-03", "IQ", "US", "IR", "Killing of Qassem Soleimani",
        ["killing of … soleimani", "killed … soleimani", "soleimani … killed", "assassination of … soleimani", "strike … killed … soleimani"], []),
    ev!("us-taliban-doha-2020", "SUPPORT", "057", None, "2020-02-29", "QA", "US", "AF", "U.S.–Taliban agreement (Doha)",
        ["doha agreement", "doha accord", "u.s.-taliban agreement", "u.s.-taliban deal", "us-taliban deal", "us-taliban agreement"], []),
    ev!("abraham-accords-2020", "SUPPORT", "057", None, "2020-09-15", "US", "", "", "Abraham Accords",
        ["abraham accords"], []),
    ev!("myanmar-coup-2021", "COERCE", "170", None, "2021-02-01", "MM", "MM", "MM", "Military coup in Myanmar",
        ["myanmar coup", "myanmar's coup", "burma coup", "burma's coup", "myanmar … military … coup", "coup in myanmar", "coup in burma"],
        ["coup", "post-coup", "coup d'etat", "coup d'état", "overthrew", "seized power", "seize power"]),
    ev!("kabul-fall-2021", "ASSAULT", "190", None, "2021-08-15", "AF", "", "AF", "The Taliban take Kabul",
        ["fall of kabul", "kabul fell", "taliban … took … kabul", "taliban … taken … kabul", "taliban … take … kabul", "taliban … takeover",
         "taliban … seized … kabul", "taliban … seized … control", "taliban … captured … kabul", "taliban … walked … kabul",
         "takeover of afghanistan", "taliban … took … control", "taliban … taking … control", "taliban's … return to power"], []),
    ev!("sudan-coup-2021", "COERCE", "170", None, "2021-10-25", "SD", "SD", "SD", "Military coup in Sudan",
        ["sudan's … october 2021 coup", "coup in sudan"], []),
    ev!("ukraine-invasion-2022", "ASSAULT", "190", None, "2022-02-24", "UA", "RU", "UA", "Russia invades Ukraine",
        ["invasion of ukraine", "invaded ukraine", "invade ukraine", "invading ukraine", "invasion … ukraine", "war … ukraine … began",
         "russia's full-scale invasion", "russian invasion"],
        ["full-scale invasion", "the invasion"]),
    ev!("mahsa-amini-protests-2022", "PROTEST", "141", Some("demo"), "2022-09-16", "IR", "IR", "IR", "Protests after Mahsa Amini's death",
        ["mahsa amini … protests", "amini … protests", "woman, life, freedom"], []),
    ev!("wagner-mutiny-2023", "COERCE", "170", None, "2023-06-24", "RU", "", "RU", "Wagner Group mutiny",
        ["wagner … mutiny", "wagner … rebellion", "prigozhin … mutiny", "prigozhin's … march"], []),
    ev!("niger-coup-2023", "COERCE", "170", None, "2023-07-26", "NE", "NE", "NE", "Military coup in Niger",
        ["coup in niger", "niger coup", "niger's coup"], []),
    ev!("sudan-war-2023", "ASSAULT", "190", None, "2023-04-15", "SD", "", "SD", "Outbreak of war in Sudan",
        ["war in sudan … broke out", "fighting … broke out … sudan", "since april 2023"], []),
    ev!("october7-2023", "ASSAULT", "190", None, "2023-10-07", "IL", "", "IL", "Hamas attack on Israel of October 7",
        ["october 7 attack", "october 7 attacks", "oct. 7 attack", "oct. 7 attacks", "7 october attack", "october 7 hamas", "oct. 7 hamas",
         "october 7 massacre", "hamas-led attack", "october 7 terrorist attack"], []),
    ev!("tower22-2024", "ASSAULT", "195", Some("drone"), "2024-01-28", "JO", "", "US", "Drone strike on Tower 22",
        ["tower 22"], []),
    ev!("iran-israel-april-2024", "ASSAULT", "195", Some("drone"), "2024-04-13", "IL", "IR", "IL", "Iranian drone and missile attack on Israel",
        ["operation true promise"], []),
];

/// Tokens of an alias pattern, cut like document text (`crate::text`):
/// lower case, typographic apostrophes made plain, "'s" split off; `…`
/// stays a gap marker.
pub fn alias_words(alias: &str) -> Vec<String> {
    let seg = crate::text::segment(alias);
    (0..seg.tokens.len()).map(|i| seg.token_text(alias, i).to_lowercase().replace('\u{2019}', "'")).collect()
}

/// One alias, compiled.
#[derive(Debug)]
pub struct Alias {
    /// Index into [`NAMED`].
    pub event: usize,
    pub words: Vec<String>,
    /// Needs the event's country in context.
    pub context: bool,
}

/// All aliases, compiled once, indexed by their first word (and the first
/// part of a hyphenated first word, which title case splits).
pub struct Aliases {
    pub by_first: std::collections::HashMap<String, Vec<Alias>>,
}

impl Aliases {
    pub fn get() -> &'static Aliases {
        static A: std::sync::OnceLock<Aliases> = std::sync::OnceLock::new();
        A.get_or_init(|| {
            let mut by_first: std::collections::HashMap<String, Vec<Alias>> = std::collections::HashMap::new();
            for (k, n) in NAMED.iter().enumerate() {
                for (list, context) in [(n.aliases, false), (n.context_aliases, true)] {
                    for al in list {
                        let words = alias_words(al);
                        let Some(first) = words.first().cloned() else { continue };
                        let head = first.split('-').next().unwrap_or("").to_string();
                        if !head.is_empty() && head != first {
                            by_first.entry(head).or_default().push(Alias { event: k, words: words.clone(), context });
                        }
                        by_first.entry(first).or_default().push(Alias { event: k, words, context });
                    }
                }
            }
            Aliases { by_first }
        })
    }

    /// Aliases that may start at a word.
    pub fn starting(&self, w: &str) -> &[Alias] {
        self.by_first.get(w).map_or(&[], Vec::as_slice)
    }
}

/// How many words from `words[j..]` spell the pattern word `p`: one equal
/// word, or a hyphenated compound split in the text ("Full", "-", "Scale").
fn spell(p: &str, words: &[&str], j: usize) -> Option<usize> {
    if words.get(j) == Some(&p) {
        return Some(1);
    }
    if p.len() > 1 && p.contains('-') {
        let mut acc = String::new();
        for (k, w) in words.iter().enumerate().skip(j).take(7) {
            acc.push_str(w);
            if acc == p {
                return Some(k + 1 - j);
            }
            if !p.starts_with(acc.as_str()) {
                return None;
            }
        }
    }
    None
}

/// Match `pat` (words, `…` = gap of up to five words) at `words[i..]`;
/// returns the end index.
pub fn match_at<S: AsRef<str>>(pat: &[S], words: &[&str], i: usize) -> Option<usize> {
    let mut k = i;
    let mut gap = false;
    for p in pat {
        let p = p.as_ref();
        if p == "…" {
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
    fn gapped_aliases_match() {
        let w = ["the", "taliban", "took", "kabul", "on", "sunday"];
        assert_eq!(match_at(&alias_words("taliban … took … kabul"), &w, 1), Some(4));
        assert_eq!(match_at(&alias_words("fall of kabul"), &w, 1), None);
        let caps = [false, true, true, true];
        let w2 = ["an", "operation", "prosperity", "guardian"];
        assert_eq!(operation_id(&w2, &caps, 1).map(|x| x.0).as_deref(), Some("operation-prosperity-guardian"));
    }
}
