//! Event arguments within one sentence, without a parser.
//!
//! PETRARCH-style positional rules over the tokens and the mentions the
//! `recognize`/`resolve` stages found (`super::Doc`):
//! - source: the actor group before the trigger (the subject, skipping
//!   ", supported by A, B and C," which become plain actors), or the noun
//!   phrase modifier of a nominal trigger ("U.S.-led strikes", "Iran's
//!   invasion", "the October 7 Hamas attack");
//! - target: the object, or an actor after "on/against/into/of/with/to";
//!   in the passive ("troops were killed") the subject is the target and
//!   "by X" the source;
//! - participants: "U.S.-Iran talks", "talks among A, B and C";
//! - places: Place/Country mentions after "in/at/near/into …", "X's
//!   <province>";
//! - dates ([`assign_dates`]): a date inside the trigger's noun phrase
//!   ("the January 28 strike", "Sunday's attack") first, else the nearest
//!   date mention of the sentence that no other trigger is nearer to and
//!   that no "after/since/following" separates from it (a duration
//!   counted from the reference time, "three days later", counts as the
//!   date it reaches).

use super::{class, mention_date, Cand, Doc};
use crate::model::{EntityKind, MentionType, PartialDate};
use super::lexicon::Pos;

fn push(v: &mut Vec<usize>, e: usize) {
    if !v.contains(&e) {
        v.push(e);
    }
}

/// Sentence token bounds of a candidate.
fn bounds(doc: &Doc, c: &Cand) -> (usize, usize) {
    let seg = doc.input.seg;
    seg.sentences.get(c.sent).map_or((c.tok.0, c.tok.1), |s| (s.tokens.start, s.tokens.end.min(seg.tokens.len())))
}

/// A non-temporal mention at token `t` with its entity.
fn mention_at(doc: &Doc, t: usize) -> Option<(usize, usize, MentionType)> {
    let m = doc.ment_tok.get(t).copied().flatten()?;
    let mm = doc.mention(m);
    if mm.kind.is_temporal() {
        return None;
    }
    let e = doc.entity_of(m)?;
    Some((m, e, mm.kind))
}

fn is_temporal_tok(doc: &Doc, t: usize) -> bool {
    doc.ment_tok.get(t).copied().flatten().is_some_and(|m| doc.mention(m).kind.is_temporal())
}

/// Talks, agreements, cooperation: no direction between participants.
pub fn is_symmetric(plover: &str) -> bool {
    symmetric(plover)
}

fn symmetric(plover: &str) -> bool {
    matches!(plover, "CONSULT" | "AGREE" | "SUPPORT" | "COOPERATE")
}

fn forceful(plover: &str) -> bool {
    matches!(plover, "ASSAULT" | "COERCE" | "MOBILIZE" | "THREATEN")
}

/// Attach sources, targets, actors and places to `c`.
/// `others` are the trigger token ranges of the sentence: the subject
/// search does not cross another trigger.
pub fn attach(doc: &Doc, c: &mut Cand, others: &[(usize, usize)]) {
    let (a, b) = bounds(doc, c);
    let (ts, te) = c.tok;
    if ts < a || te > b {
        return;
    }
    // passive: "were killed", "was attacked"
    if c.entry.pos == Pos::Verb {
        let mut j = ts;
        while j > a && matches!(doc.word(j - 1), "reportedly" | "allegedly" | "also" | "later" | "all" | "both" | "not" | "being") {
            j -= 1;
        }
        if j > a && doc.is(j - 1, class::PASSIVE_AUX) && (doc.word(ts).ends_with("ed") || doc.word(ts).ends_with("en") || matches!(doc.word(ts), "hit" | "shot" | "struck" | "slain" | "held" | "fought")) {
            c.passive = true;
        }
    }
    // noun phrase modifiers of a nominal trigger
    let mut np_found = false;
    if c.entry.pos == Pos::Noun {
        let mods = np_modifiers(doc, ts, a);
        if !mods.is_empty() {
            np_found = true;
            let pair = mods.len() >= 2 && mods.iter().all(|m| !m.possessive);
            for m in &mods {
                if m.backed {
                    push(&mut c.actors, m.entity);
                } else if pair {
                    push(&mut c.actors, m.entity);
                } else {
                    push(&mut c.sources, m.entity);
                }
            }
        }
    }
    if !np_found {
        let stop = others.iter().filter(|r| r.1 <= ts).map(|r| r.1).max().unwrap_or(a).max(a);
        let (group, supporters) = subject_group(doc, ts, stop, if c.entry.pos == Pos::Noun { 24 } else { 30 });
        for e in group {
            if c.passive {
                push(&mut c.targets, e);
            } else {
                push(&mut c.sources, e);
            }
        }
        for e in supporters {
            push(&mut c.actors, e);
        }
    }
    let fstop = others.iter().filter(|r| r.0 >= te).map(|r| r.0).min().unwrap_or(b).min(b);
    forward(doc, c, te, fstop);
    // participants of "talks among A, B and C" anywhere later in the sentence
    if symmetric(c.plover) {
        let mut j = te;
        while j < b {
            if matches!(doc.word(j), "among" | "between" | "amongst") {
                let list = actor_list(doc, j + 1, b);
                for e in list {
                    push(&mut c.actors, e);
                }
                break;
            }
            if j > te && doc.word(j) == "." {
                break;
            }
            j += 1;
        }
    }
    // a country struck is where the strike happened
    if forceful(c.plover) && c.places.is_empty() && !c.passive {
        let ts: Vec<usize> = c.targets.iter().copied().filter(|&t| doc.entity(t).is_some_and(|e| e.kind == EntityKind::Country)).collect();
        if ts.len() == 1 && c.plover == "ASSAULT" {
            push(&mut c.places, ts[0]);
        }
    }
    // the source is never also the target
    let srcs = &c.sources;
    c.targets.retain(|t| !srcs.contains(t));
}

struct Modifier {
    entity: usize,
    possessive: bool,
    backed: bool,
}

/// Actor mentions inside the noun phrase before a nominal trigger.
fn np_modifiers(doc: &Doc, ts: usize, a: usize) -> Vec<Modifier> {
    let mut out = Vec::new();
    let mut j = ts;
    let mut steps = 0;
    while j > a && steps < 8 {
        steps += 1;
        let t = j - 1;
        if let Some((m, e, kind)) = mention_at(doc, t) {
            if !matches!(kind, MentionType::Place) {
                let (ms, _) = doc.ment_range[m];
                let after = doc.word(doc.ment_range[m].1);
                let after2 = doc.word(doc.ment_range[m].1 + 1);
                let possessive = after == "'s" || after == "'";
                let backed = (after == "-" || after.starts_with('-')) && matches!(after2, "backed" | "supported" | "allied" | "aligned" | "sponsored")
                    || after.ends_with("-backed");
                out.push(Modifier { entity: e, possessive, backed });
                j = ms.min(t);
                continue;
            }
            break;
        }
        let w = doc.word(t);
        if is_temporal_tok(doc, t)
            || matches!(w, "-" | "'s" | "'" | "led" | "-led" | "backed" | "fresh" | "new" | "latest" | "recent" | "renewed" | "deadly" | "major" | "massive" | "retaliatory" | "terrorist" | "terror" | "military" | "missile" | "drone" | "air" | "direct" | "nuclear" | "peace" | "bilateral" | "multilateral" | "cross-border" | "joint" | "overnight")
            || w.ends_with("-led")
            || (doc.is_word(t) && (w.ends_with("al") || w.ends_with("ic")) && !doc.capitalized(t))
        {
            j = t;
            continue;
        }
        break;
    }
    out.reverse();
    out
}

/// The actor group before `ts` (subject), and supporters named in a
/// ", supported by …," parenthetical.
fn subject_group(doc: &Doc, ts: usize, a: usize, max: usize) -> (Vec<usize>, Vec<usize>) {
    let mut group: Vec<usize> = Vec::new();
    let mut supporters: Vec<usize> = Vec::new();
    let mut in_group = false;
    let mut commas = 0;
    let mut j = ts;
    let mut steps = 0;
    while j > a && steps < max {
        steps += 1;
        let t = j - 1;
        let w = doc.word(t);
        if let Some((m, e, kind)) = mention_at(doc, t) {
            let (ms, _) = doc.ment_range[m];
            let ms = ms.min(t);
            let before = if ms > a { doc.word(ms - 1) } else { "" };
            let prep = ms > a && doc.is(ms - 1, class::PREP) && !matches!(before, "by");
            if kind == MentionType::Place || (prep && !in_group) {
                // "in Pakistan", "of Iran": not a subject
                j = ms;
                if in_group {
                    break;
                }
                continue;
            }
            if !group.contains(&e) {
                group.push(e);
            }
            in_group = true;
            j = ms;
            continue;
        }
        if is_temporal_tok(doc, t) {
            if in_group {
                break;
            }
            j = t;
            continue;
        }
        if in_group {
            if matches!(w, "and" | "," | "&" | "the" | "both" | "as" | "well") {
                // a list goes on only when another actor follows within 3 tokens
                let more = (t.saturating_sub(3).max(a)..t).any(|k| mention_at(doc, k).is_some_and(|(_, _, k2)| k2 != MentionType::Place));
                if w == "the" || more {
                    j = t;
                    continue;
                }
                if w == "," {
                    break;
                }
                j = t;
                continue;
            }
            if w == "by" && t > a && doc.is(t - 1, class::SUPPORTER_VERB) {
                supporters.append(&mut group);
                in_group = false;
                j = t - 1;
                if j > a && doc.word(j - 1) == "," {
                    j -= 1;
                }
                continue;
            }
            if w == "including" || (w == "with" && t > a && matches!(doc.word(t - 1), "along" | "together")) {
                supporters.append(&mut group);
                in_group = false;
                j = if w == "with" { t - 1 } else { t };
                continue;
            }
            if w == "'s" || w == "'" {
                // "Iran's Supreme Leader said": the group was a possessor
                j = t;
                continue;
            }
            break;
        }
        if doc.is(t, class::CLAUSE_STOP) || w == "." {
            break;
        }
        // "troops were killed": a passive clause's subject is not ours
        if matches!(w, "was" | "were") && (doc.word(t + 1).ends_with("ed") || doc.word(t + 1).ends_with("en")) && t + 1 != ts {
            break;
        }
        if w == "," {
            commas += 1;
            if commas > 2 {
                break;
            }
        }
        j = t;
    }
    group.reverse();
    supporters.reverse();
    (group, supporters)
}

/// A comma/and list of actor mentions starting at `j`.
fn actor_list(doc: &Doc, mut j: usize, b: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut gap = 0;
    while j < b && gap <= 2 {
        if let Some((m, e, kind)) = mention_at(doc, j) {
            if kind != MentionType::Place {
                push(&mut out, e);
            }
            j = doc.ment_range[m].1.max(j + 1);
            gap = 0;
            continue;
        }
        let w = doc.word(j);
        if matches!(w, "," | "and" | "the" | "&" | "or") {
            gap = if w == "the" { gap } else { gap + 1 };
            j += 1;
            continue;
        }
        break;
    }
    out
}

/// Targets and places after the trigger, up to the end of its clause.
fn forward(doc: &Doc, c: &mut Cand, te: usize, b: usize) {
    let mut prep: Option<&str> = None; // a preposition of `words::PREPS`
    let mut j = te;
    let mut steps = 0;
    let mut not_only = false;
    while j < b && steps < 24 {
        steps += 1;
        let w = doc.word(j);
        if let Some((m, e, kind)) = mention_at(doc, j) {
            let (_, me) = doc.ment_range[m];
            let after = doc.word(me);
            let possessive = after == "'s" || after == "'";
            // "a U.S. base", "U.S. troops": the country modifies a noun; it
            // is who is hit, not where.
            let attributive = after.chars().next().is_some_and(char::is_lowercase) && !doc.is(me, class::FUNCTION_WORD);
            let role_prep = prep.unwrap_or("");
            // "Iran-backed Houthis": a modifier, not an argument
            let after2 = doc.word(me + 1);
            if (after == "-" && matches!(after2, "backed" | "supported" | "allied" | "aligned" | "sponsored" | "led")) || after.ends_with("-backed") {
                j = me.max(j + 1) + 1;
                continue;
            }
            match kind {
                MentionType::Place => {
                    if role_prep != "from" || c.plover == "RETREAT" {
                        push(&mut c.places, e);
                    }
                }
                MentionType::Country | MentionType::Nationality | MentionType::Person | MentionType::Organization => {
                    let country = kind == MentionType::Country;
                    match role_prep {
                        "in" | "at" | "near" | "inside" | "across" | "throughout" | "within" | "outside" | "over" => {
                            if country {
                                push(&mut c.places, e);
                                if possessive && forceful(c.plover) {
                                    push(&mut c.targets, e);
                                }
                            } else if kind != MentionType::Nationality && !possessive {
                                push(&mut c.actors, e);
                            }
                        }
                        "into" | "onto" => {
                            push(&mut c.targets, e);
                            if country {
                                push(&mut c.places, e);
                            }
                        }
                        "on" | "against" | "targeting" => {
                            push(&mut c.targets, e);
                            if country && c.plover == "ASSAULT" && !possessive && !attributive {
                                push(&mut c.places, e);
                            }
                        }
                        "of" => {
                            if c.entry.pos == Pos::Noun {
                                push(&mut c.targets, e);
                                if country && forceful(c.plover) && !possessive {
                                    push(&mut c.places, e);
                                }
                            } else {
                                push(&mut c.actors, e);
                            }
                        }
                        "with" | "to" | "toward" | "towards" => {
                            push(&mut c.targets, e);
                            if country && role_prep == "to" && c.plover == "CONSULT" {
                                push(&mut c.places, e);
                            }
                        }
                        "between" | "among" | "amongst" => push(&mut c.actors, e),
                        "by" => {
                            if c.passive || c.entry.pos == Pos::Noun {
                                push(&mut c.sources, e);
                            } else {
                                push(&mut c.actors, e);
                            }
                        }
                        "from" => {
                            if country && c.plover == "RETREAT" {
                                push(&mut c.places, e);
                            }
                        }
                        "" => {
                            if c.entry.pos == Pos::Verb && !c.passive {
                                push(&mut c.targets, e);
                            } else {
                                push(&mut c.actors, e);
                            }
                        }
                        _ => push(&mut c.actors, e),
                    }
                }
                _ => {}
            }
            j = me.max(j + 1);
            if possessive {
                j += 1;
            }
            continue;
        }
        if is_temporal_tok(doc, j) {
            j += 1;
            continue;
        }
        if w == "not" && doc.word(j + 1) == "only" {
            not_only = true;
        }
        if w == "but" && !not_only {
            break;
        }
        if doc.is(j, class::CLAUSE_STOP) || w == "." || w == "?" || w == "!" {
            break;
        }
        // a nominal trigger's phrase ends at the verb: "the strikes are …"
        if c.entry.pos == Pos::Noun && doc.is(j, class::NOUN_PHRASE_END) {
            break;
        }
        if w == "," {
            // lists and appositions go on ("in Almaty, Kazakhstan"), clauses stop
            let next_is_mention = mention_at(doc, j + 1).is_some() || doc.word(j + 1) == "and";
            if !next_is_mention {
                break;
            }
            j += 1;
            continue;
        }
        if w == "in" && doc.word(j + 1) == "response" {
            break;
        }
        if doc.is(j, class::PREP) {
            prep = Some(w);
        } else if doc.is_word(j) && !matches!(w, "a" | "an" | "the" | "its" | "their" | "his" | "her" | "and" | "or") && prep.is_none() && c.entry.pos == Pos::Verb && !c.passive {
            // "launched missile strikes into": a bare object word ends the direct-object slot
            prep = Some("·");
        }
        j += 1;
    }
}

/// Give the candidates of one sentence their dates.
pub fn assign_dates(doc: &Doc, s: usize, cands: &mut [Cand]) {
    if cands.is_empty() {
        return;
    }
    let seg = doc.input.seg;
    let Some(sent) = seg.sentences.get(s) else { return };
    let (a, b) = (sent.tokens.start, sent.tokens.end.min(seg.tokens.len()));
    // date mentions of the sentence: (first token, last token + 1, value)
    let mut dates: Vec<(usize, usize, PartialDate)> = Vec::new();
    let mut t = a;
    while t < b {
        if let Some(m) = doc.ment_tok[t] {
            let mm = doc.mention(m);
            let (ms, me) = doc.ment_range[m];
            // (a duration counted from the reference time, "three days
            // later", gives the date it reaches)
            let date = match mm.kind {
                MentionType::Time => mm.value.as_deref().and_then(PartialDate::parse),
                _ => mention_date(mm),
            };
            if let Some(d) = date {
                let prev = if ms > a { doc.word(ms - 1) } else { "" };
                let excluded = matches!(prev, "since" | "until" | "till" | "through" | "before" | "after" | "by" | "from" | "to" | "following");
                if !excluded {
                    dates.push((ms.max(a), me.max(ms + 1), d));
                }
            }
            t = me.max(t + 1);
            continue;
        }
        t += 1;
    }
    if dates.is_empty() {
        return;
    }
    let mut claimed = vec![false; dates.len()];
    // 1. dates inside the trigger's noun phrase
    for c in cands.iter_mut() {
        if c.entry.pos != Pos::Noun {
            continue;
        }
        for (k, d) in dates.iter().enumerate() {
            let prev = if d.0 > a { doc.word(d.0 - 1) } else { "" };
            // "the February 1, 2021, coup": the comma closing the date
            let closing = |x: usize| x == d.1 && matches!(prev, "the" | "its" | "their" | "this" | "last");
            if d.1 <= c.tok.0 && c.tok.0 - d.1 <= 4 && (d.1..c.tok.0).all(|x| closing(x) || !matches!(doc.word(x), "," | "on" | "in" | "of" | "and" | "to" | "at" | "." | "the" | "a")) {
                if matches!(prev, "the" | "a" | "an" | "last" | "this" | "its" | "their" | "," | "") || d.0 == a || doc.word(d.1) == "'s" || (d.1 < c.tok.0 && doc.word(d.1) == "'s") {
                    c.date = Some(d.2);
                    c.date_tok = Some(d.0);
                    claimed[k] = true;
                    break;
                }
            }
        }
    }
    // 1b. "the coup of February 1, 2021": a date right after the noun and "of"
    for c in cands.iter_mut() {
        if c.entry.pos != Pos::Noun || c.date.is_some() {
            continue;
        }
        for (k, d) in dates.iter().enumerate() {
            if !claimed[k] && d.0 == c.tok.1 + 1 && doc.word(c.tok.1) == "of" && d.2.day.is_some() {
                c.date = Some(d.2);
                c.date_tok = Some(d.0);
                claimed[k] = true;
                break;
            }
        }
    }
    // 2. nearest free date, unless another trigger is nearer or a separator intervenes
    // token distance, a comma counting as a clause boundary: "Following
    // the coup by the army on February 1, 2021, fighting exploded" dates
    // the coup, not the fighting
    let dist = |c: &Cand, d: &(usize, usize, PartialDate)| {
        let (lo, hi) = if d.1 <= c.tok.0 { (d.1, c.tok.0) } else { (c.tok.1, d.0) };
        hi.saturating_sub(lo) + 6 * (lo..hi).filter(|&x| doc.word(x) == ",").count()
    };
    let n = cands.len();
    for i in 0..n {
        if cands[i].date.is_some() || !cands[i].alive {
            continue;
        }
        let mut best: Option<(usize, usize)> = None;
        for (k, d) in dates.iter().enumerate() {
            if claimed[k] {
                continue;
            }
            let dd = dist(&cands[i], d);
            let nearer_other = (0..n).any(|o| o != i && cands[o].alive && cands[o].date.is_none() && !cands[o].definite && dist(&cands[o], d) < dd);
            if nearer_other {
                continue;
            }
            let (lo, hi) = if d.1 <= cands[i].tok.0 { (d.1, cands[i].tok.0) } else { (cands[i].tok.1, d.0) };
            let separated = (lo..hi).any(|x| matches!(doc.word(x), "after" | "following" | "since" | "before" | ";" | "amid" | "while" | "—" | "–"))
                || (lo..hi.saturating_sub(1)).any(|x| doc.word(x) == "in" && matches!(doc.word(x + 1), "response" | "retaliation"));
            if separated {
                continue;
            }
            if best.is_none_or(|(_, bd)| dd < bd) {
                best = Some((k, dd));
            }
        }
        if let Some((k, _)) = best {
            cands[i].date = Some(dates[k].2);
            cands[i].date_tok = Some(dates[k].0);
        }
    }
}

/// A small count word or number: "one", "a", "three", "3", "third".
fn count_word(w: &str) -> Option<i32> {
    const WORDS: [&str; 21] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
        "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    ];
    const ORD: [&str; 21] = [
        "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
        "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
    ];
    if matches!(w, "a" | "an") {
        return Some(1);
    }
    if let Some(i) = WORDS.iter().position(|x| *x == w).or_else(|| ORD.iter().position(|x| !x.is_empty() && *x == w)) {
        return i32::try_from(i).ok().filter(|n| *n > 0);
    }
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if !digits.is_empty() && digits.len() <= 3 && digits.bytes().all(|b| b.is_ascii_digit()) {
        return digits.parse().ok().filter(|n| *n > 0 && *n < 200);
    }
    None
}

/// Subtract years and months from a date, keeping its precision (a day
/// that does not exist in the target month keeps the month only).
fn minus(d: PartialDate, years: i32, months: i32) -> Option<PartialDate> {
    let y = d.year?;
    let Some(m) = d.month else {
        return (months == 0).then_some(PartialDate { year: Some(y - years), month: None, day: None });
    };
    let total = y * 12 + i32::try_from(m).ok()? - 1 - years * 12 - months;
    let (ny, nm) = (total.div_euclid(12), u32::try_from(total.rem_euclid(12)).ok()? + 1);
    let mut out = PartialDate { year: Some(ny), month: Some(nm), day: d.day };
    if d.day.is_some() && !out.is_complete() {
        out.day = None;
    }
    Some(out)
}

/// Dates counted back from an anniversary: "one year since Russia's
/// invasion", "three years after the military overthrew", "the third
/// anniversary of the coup", "the coup two years ago". The reference is a
/// complete date earlier in the sentence ("February 24 will mark one year
/// since …"), which keeps the day, else the publication's date, which
/// keeps the month only (a page published near an anniversary is rarely
/// published on it). A date the trigger's own phrase gives ("the
/// anniversary of the February 1, 2021, coup") is kept.
pub fn anniversary_dates(doc: &Doc, s: usize, cands: &mut [Cand]) {
    let seg = doc.input.seg;
    let Some(sent) = seg.sentences.get(s) else { return };
    let (a, b) = (sent.tokens.start, sent.tokens.end.min(seg.tokens.len()));
    for c in cands.iter_mut() {
        if !c.alive || c.tok.0 < a || c.tok.0 > b {
            continue;
        }
        let mut span: Option<(i32, i32, usize)> = None; // years, months, phrase start
        let lo = c.tok.0.saturating_sub(10).max(a);
        let mut j = c.tok.0;
        while j > lo {
            j -= 1;
            let w = doc.word(j);
            if matches!(w, "," | ";" | "." | ":" | "—" | "–") {
                break;
            }
            if matches!(w, "after" | "since") && j >= a + 2 {
                let unit = doc.word(j - 1);
                if let Some(n) = count_word(doc.word(j - 2)) {
                    match unit {
                        "year" | "years" => span = Some((n, 0, j - 2)),
                        "month" | "months" => span = Some((0, n, j - 2)),
                        _ => {}
                    }
                }
                break;
            }
            if w == "of" && j > a && doc.word(j - 1) == "anniversary" {
                // "third anniversary", "one-year anniversary", "One - Year Anniversary", "10th anniversary"
                let k = j - 1;
                let p1 = if k > a { doc.word(k - 1) } else { "" };
                let n = count_word(p1)
                    .or_else(|| p1.strip_suffix("-year").and_then(count_word))
                    .or_else(|| (p1 == "year" && k >= a + 3 && doc.word(k - 2) == "-").then(|| count_word(doc.word(k - 3))).flatten());
                if let Some(n) = n {
                    span = Some((n, 0, k.saturating_sub(3).max(a)));
                }
                break;
            }
        }
        if span.is_none() {
            // "the coup two years ago"
            let mut t = c.tok.1;
            while t + 2 < b && t < c.tok.1 + 8 {
                if doc.word(t + 2) == "ago" && matches!(doc.word(t + 1), "year" | "years") {
                    if let Some(n) = count_word(doc.word(t)) {
                        span = Some((n, 0, c.tok.0));
                    }
                    break;
                }
                if matches!(doc.word(t), "," | ";" | ".") {
                    break;
                }
                t += 1;
            }
        }
        let Some((years, months, phrase)) = span else { continue };
        // "nearly twenty years after", "more than a year since": approximate
        let approx = phrase > a && matches!(doc.word(phrase - 1), "nearly" | "almost" | "about" | "around" | "roughly" | "some" | "over" | "than" | "just" | "under" | "approximately" | "several");
        // the trigger's own date, given after the anniversary phrase
        if c.date.is_some_and(|d| d.is_complete()) && c.date_tok.is_some_and(|t| t > phrase) {
            continue;
        }
        // a complete date before the phrase, else the publication's
        let mut reference: Option<(PartialDate, bool)> = None;
        let mut t = a;
        while t < phrase {
            if let Some(m) = doc.ment_tok[t] {
                let mm = doc.mention(m);
                if let Some(d) = mention_date(mm).filter(PartialDate::is_complete) {
                    reference = Some((d, true));
                }
                t = doc.ment_range[m].1.max(t + 1);
                continue;
            }
            t += 1;
        }
        if reference.is_none() {
            let published = c.publication.and_then(|p| doc.input.publications.get(p)).and_then(|p| p.published);
            reference = published.filter(|d| d.year.is_some()).map(|d| (d, false));
        }
        let Some((mut r, exact)) = reference else { continue };
        if !exact || approx {
            r.day = None;
        }
        if approx && years > 0 {
            r.month = None;
        }
        if let Some(d) = minus(r, years, months) {
            c.date = Some(d);
            c.date_tok = None;
            c.evidence.push(if exact { "date:anniversary".to_string() } else { "date:anniversary-of-publication".to_string() });
        }
    }
}
