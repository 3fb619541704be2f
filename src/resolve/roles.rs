//! Role anaphora: "the Supreme Leader" refers to Khamenei when, in this
//! document, exactly one person holds that role.
//!
//! A person's roles come from the actor dictionary (as of the publication
//! date) and from titles printed right before their name ("Vice President
//! Joe Biden"). A definite description "the <Role>" elsewhere in the same
//! document becomes a Person mention of that person, unless the role is
//! shared by two people of the document (then it stays unlinked).

use crate::model::{Entity, EntityKind, Mention, MentionType, Source};
use crate::text::CharIndex;
use std::collections::HashMap;

/// Titles that can be printed before a name and used alone later.
const ROLE_TITLES: &[&str] = &[
    "Supreme Leader", "President", "Vice President", "Prime Minister", "Foreign Minister", "Defense Minister",
    "Defence Minister", "Secretary of State", "Defense Secretary", "Chancellor", "King", "Queen", "Crown Prince",
    "Emir", "Pope", "Secretary-General", "Secretary General", "Speaker", "Governor", "Mayor", "Chief Justice",
];

/// Add mentions for role descriptions and link them. Returns how many were added.
pub fn link_role_mentions(
    text: &str,
    mentions: &mut Vec<Mention>,
    entities: &mut [Entity],
    link: &mut Vec<Option<usize>>,
    owner: impl Fn(&crate::model::Span) -> usize,
) -> usize {
    // Roles per person entity.
    let mut holders: HashMap<String, Vec<usize>> = HashMap::new();
    for (e, ent) in entities.iter().enumerate() {
        if ent.kind != EntityKind::Person {
            continue;
        }
        let mut roles: Vec<String> = Vec::new();
        if let Some(r) = &ent.role {
            if ROLE_TITLES.iter().any(|t| t.eq_ignore_ascii_case(r)) {
                roles.push(r.to_lowercase());
            }
        }
        for &m in &ent.mentions {
            let before = &text[..mentions[m].span.start];
            let before = before.trim_end_matches([' ', ',']);
            // "Vice President Joe Biden", "Supreme Leader, Ayatollah Ali Khamenei"
            let tail = strip_honorific(before);
            for t in ROLE_TITLES {
                if tail.ends_with(t) && tail[..tail.len() - t.len()].chars().next_back().is_none_or(|c| !c.is_alphanumeric()) {
                    roles.push(t.to_lowercase());
                }
            }
        }
        roles.sort();
        roles.dedup();
        for r in roles {
            holders.entry(r).or_default().push(e);
        }
    }
    let mut added = 0;
    if holders.is_empty() {
        return 0;
    }
    let idx = CharIndex::new(text);
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        // Case folding changed byte lengths (rare scripts): match on the text itself only.
        return 0;
    }
    for (role, who) in &holders {
        let [e] = who.as_slice() else { continue };
        let pat = format!("the {role}");
        let mut from = 0;
        while let Some(p) = lower[from..].find(&pat) {
            let at = from + p;
            from = at + pat.len();
            let start = at + 4;
            let end = start + role.len();
            // The role must be capitalized in the text and end at a word boundary.
            let surface = &text[start..end];
            if !surface.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            if text[end..].chars().next().is_some_and(char::is_alphanumeric) {
                continue;
            }
            // Not "the President of France": a complement names someone else.
            if text[end..].starts_with(" of ") {
                continue;
            }
            if mentions.iter().any(|m| m.span.start < end && start < m.span.end) {
                continue;
            }
            let span = idx.span(start, end);
            mentions.push(Mention {
                publication: owner(&span),
                span,
                text: surface.to_string(),
                kind: MentionType::Person,
                iso: None,
                value: None,
                norm: entities[*e].name.clone(),
                confidence: 0.7,
                source: Source::Rule,
                geo_id: None,
            });
            link.push(Some(*e));
            entities[*e].mentions.push(mentions.len() - 1);
            added += 1;
        }
    }
    added
}

/// Drop a trailing honorific such as ", Ayatollah" before a name.
fn strip_honorific(s: &str) -> &str {
    const HON: &[&str] = &["Ayatollah", "Grand Ayatollah", "Sheikh", "Dr.", "Gen.", "General", "Mr.", "Ms.", "Mrs."];
    let t = s.trim_end();
    for h in HON {
        if let Some(x) = t.strip_suffix(h) {
            return x.trim_end().trim_end_matches(',').trim_end();
        }
    }
    t
}
