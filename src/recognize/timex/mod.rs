//! Rule-based temporal tagger: finds TimeML TIMEX3 expressions (DATE, TIME,
//! DURATION, SET) in English news text and normalizes them to TIMEX3 values.
//!
//! It is the `recognize` stage's source of Date/Time/Duration/Set mentions
//! and the layout stage's parser of standalone date lines and URL dates.
//! Pipeline inside the module, one way:
//! `token` (bytes → classified tokens) → `grammar` (tokens → expressions
//! with unresolved meaning) → resolution here (meaning → value against the
//! document creation time and a reference time that moves through the text)
//! using the calendar arithmetic of `value`. Pure: no I/O, no clock — the
//! same text and reference date always give the same values.

mod grammar;
mod lexicon;
mod token;
mod value;

#[cfg(test)]
mod tests;

use chrono::{Datelike, NaiveDate};

use crate::model::PartialDate;
use grammar::{Cand, Rel, Sem, YearSpec};
use lexicon::{Cue, Holiday, Lex, Unit, W};
use token::{Gap, Kind, Tok};
use value::Val;

/// TIMEX3 types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimexKind {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexKind {
    /// The mention type the pipeline stores for this TIMEX3 type.
    pub fn mention_type(&self) -> crate::model::MentionType {
        use crate::model::MentionType;
        match self {
            TimexKind::Date => MentionType::Date,
            TimexKind::Time => MentionType::Time,
            TimexKind::Duration => MentionType::Duration,
            TimexKind::Set => MentionType::Set,
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            TimexKind::Date => "DATE",
            TimexKind::Time => "TIME",
            TimexKind::Duration => "DURATION",
            TimexKind::Set => "SET",
        }
    }
}

/// One temporal expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timex {
    /// Byte offset of the first byte in the text passed to [`tag`].
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    pub kind: TimexKind,
    /// TIMEX3 value: `2024-01-30`, `XXXX-02-26`, `2024-W04`, `P3Y`, `PRESENT_REF` …
    pub value: String,
    /// True when the value depended on the reference date (or would have,
    /// when no reference date was given).
    pub anchored: bool,
    /// For a duration counted from the reference time ("two days later":
    /// `P2D` over "two days"), the date it reaches, written as a DATE value
    /// (`2024-02-01`); None otherwise, and when that date is unknown.
    pub anchor: Option<String>,
}

/// Tag `text[range]` (range in bytes, on char boundaries) using `dct` as
/// document creation time; returned offsets are absolute byte offsets into
/// `text`. Never panics; a range off char boundaries is narrowed.
pub fn tag(text: &str, range: std::ops::Range<usize>, dct: Option<NaiveDate>) -> Vec<Timex> {
    let mut end = range.end.min(text.len());
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut pos = range.start.min(end);
    while pos < end && !text.is_char_boundary(pos) {
        pos += 1;
    }
    let mut out = Vec::new();
    let mut refs = Refs::default();
    let mut toks = Vec::new();
    // Work paragraph by paragraph (in pieces of some tens of kilobytes) so
    // the token buffer stays small; expressions never cross a blank line.
    while pos < end {
        let cut = chunk_end(text, pos, end);
        token::tokenize_into(text, pos..cut, &mut toks);
        pos = cut;
        if toks.is_empty() {
            continue;
        }
        let p = grammar::P { t: &toks, text };
        let cands = p.run();
        let mut r = Resolver { dct, toks: &toks, text, refv: refs.refv, ref_at: refs.ref_at, ref_quarter: refs.ref_quarter, named_quarter: refs.named_quarter, ref_day: refs.ref_day, period_at: refs.period_at, yearly: false, before_word: false, prev: None };
        for c in &cands {
            if c.e == 0 || c.e > toks.len() || c.s >= c.e {
                continue;
            }
            let Some((value, anchored, kind, anchor)) = r.resolve(c) else { continue };
            out.push(Timex { start: toks[c.s].start, end: toks[c.e - 1].end, kind, value, anchored, anchor });
        }
        refs = Refs { refv: r.refv, ref_at: r.ref_at, ref_quarter: r.ref_quarter, named_quarter: r.named_quarter, ref_day: r.ref_day, period_at: r.period_at };
    }
    out
}

/// The reference times carried from one piece of text to the next.
#[derive(Clone, Copy, Default)]
struct Refs {
    refv: Option<Val>,
    ref_at: usize,
    ref_quarter: Option<(Val, usize)>,
    named_quarter: Option<(Val, usize)>,
    ref_day: Option<NaiveDate>,
    period_at: Option<(usize, u8)>,
}

/// Where the piece of text starting at `pos` ends: after a blank line found
/// past 16 KB, else after a line break past 64 KB, else at a space past
/// 256 KB (always on a char boundary).
fn chunk_end(text: &str, pos: usize, end: usize) -> usize {
    const MIN: usize = 16 << 10;
    if end - pos <= 4 * MIN {
        return end;
    }
    let b = text.as_bytes();
    let lim = (pos + 16 * MIN).min(end);
    let mut i = pos + MIN;
    while i + 1 < lim {
        if b[i] == b'\n' && b[i + 1] == b'\n' {
            return i + 2;
        }
        i += 1;
    }
    let mut i = pos + 4 * MIN;
    while i < lim {
        if b[i] == b'\n' {
            return i + 1;
        }
        i += 1;
    }
    if lim == end {
        return end;
    }
    // no line breaks: cut after a sentence end, else at a space
    let mut i = lim;
    while i + 1 < end && i < lim + 8192 && !(matches!(b[i], b'.' | b'!' | b'?') && b[i + 1] == b' ') {
        i += 1;
    }
    if !(i + 1 < end && i < lim + 8192) {
        i = lim;
        while i < end && !(b[i] == b' ' || b[i] == b'\t') {
            i += 1;
        }
    } else {
        i += 1;
    }
    while i < end && !text.is_char_boundary(i) {
        i += 1;
    }
    i.max(pos + 1).min(end)
}

/// Parse a standalone date line such as "Tuesday, January 30, 2024",
/// "Feb. 26, 2013", "2024-01-30", "30 January 2024", "January 2024".
/// A few label words ("Published", "Updated on") may surround the date.
pub fn parse_date_line(s: &str) -> Option<PartialDate> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    let found = tag(s, 0..s.len(), None);
    let t = found.iter().find(|t| {
        matches!(t.kind, TimexKind::Date | TimexKind::Time)
            && (t.value.starts_with("XXXX-") || t.value.as_bytes().get(..4).is_some_and(|y| y.iter().all(u8::is_ascii_digit)))
            && !t.value.starts_with("XXXX-WXX")
            && t.value != "XXXX-XX-XX"
    })?;
    // the rest of the line (without the date and any clock time): a few
    // words, no other numbers
    let mut rest = String::new();
    let mut at = 0;
    for o in found.iter().filter(|o| o.start == t.start || o.kind == TimexKind::Time) {
        if o.start >= at {
            rest.push_str(&s[at..o.start]);
            rest.push(' ');
            at = o.end;
        }
    }
    rest.push_str(&s[at..]);
    let words = rest.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).count();
    let digits_outside = found.iter().filter(|o| o.start != t.start).all(|o| o.kind == TimexKind::Time);
    if words > 4 || (!digits_outside && rest.chars().any(|c| c.is_ascii_digit())) {
        return None;
    }
    let v = t.value.split('T').next()?;
    if v.len() == 4 || v.len() == 7 || v.len() == 10 {
        PartialDate::parse(v)
    } else {
        None
    }
}

/// Whether `s` may hold a year: an ASCII digit, or a number word (a year in
/// words: "nineteen ninety-six", "the year two thousand"). Without either,
/// no expression [`tag`] finds in `s` without a reference date has a known
/// year, so callers that need one can skip the tagging.
pub fn may_hold_year(s: &str) -> bool {
    if s.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    let mut toks = Vec::new();
    token::tokenize_into(s, 0..s.len(), &mut toks);
    toks.iter().any(|t| matches!(t.lex, Lex::NumW(_)))
}

/// Date in a URL path: `…/2013/02/…` → 2013-02; `…/2024/01/30/…` →
/// 2024-01-30; also `…/2024-01-30-title` and `…/20240130/…`.
pub fn date_from_url(url: &str) -> Option<PartialDate> {
    // drop scheme and host
    let path = match url.find("://") {
        Some(i) => {
            let rest = &url[i + 3..];
            rest.find('/').map_or("", |j| &rest[j..])
        }
        None => url,
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    let segs: Vec<&str> = path.split('/').collect();
    let year_of = |s: &str| -> Option<i32> {
        (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten().filter(|y| (1990..=2100).contains(y))
    };
    let small = |s: &str, max: u32| -> Option<u32> {
        (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten().filter(|v| (1..=max).contains(v))
    };
    for (k, seg) in segs.iter().enumerate() {
        if let Some(y) = year_of(seg) {
            if let Some(m) = segs.get(k + 1).and_then(|s| small(s, 12)) {
                if let Some(d) = segs.get(k + 2).and_then(|s| small(s, 31)) {
                    if NaiveDate::from_ymd_opt(y, m, d).is_some() {
                        return Some(PartialDate::ymd(y, m, d));
                    }
                }
                return Some(PartialDate { year: Some(y), month: Some(m), day: None });
            }
            continue;
        }
        // 2024-01-30 at the start of a segment, or 20240130 as a segment
        let b = seg.as_bytes();
        if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
            if let Some(pd) = seg.get(..10).and_then(PartialDate::parse) {
                if pd.is_complete() && pd.year.is_some_and(|y| (1990..=2100).contains(&y)) && b.get(10).is_none_or(|c| !c.is_ascii_digit()) {
                    return Some(pd);
                }
            }
        }
        if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
            let y: i32 = seg[..4].parse().ok()?;
            let m: u32 = seg[4..6].parse().ok()?;
            let d: u32 = seg[6..].parse().ok()?;
            if (1990..=2100).contains(&y) && NaiveDate::from_ymd_opt(y, m, d).is_some() {
                return Some(PartialDate::ymd(y, m, d));
            }
        }
    }
    None
}

// ---- resolution -----------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
    /// Only inside `Resolver::tense`: a present-tense verb stops the search
    /// for cues; it resolves like `None`.
    Present,
    None,
}

enum Out {
    V(Val),
    S(String),
}

struct Resolver<'a> {
    dct: Option<NaiveDate>,
    toks: &'a [Tok],
    text: &'a str,
    /// The reference time: the last date resolved in the text.
    refv: Option<Val>,
    /// Byte offset where the reference time was mentioned.
    ref_at: usize,
    /// The last quarter mentioned.
    ref_quarter: Option<(Val, usize)>,
    /// The last quarter named by its number ("fourth-quarter earnings"),
    /// even one not yet over: "the latest period" of a report.
    named_quarter: Option<(Val, usize)>,
    /// The last day mentioned.
    ref_day: Option<NaiveDate>,
    /// Where the last six- or nine-month reporting period was mentioned
    /// ("for the nine months"): after it, "a year earlier" compares whole
    /// periods, no longer the quarter under discussion.
    period_at: Option<(usize, u8)>,
    /// Set while resolving an expression that follows such a period and
    /// does not itself say "quarter": year-ago references resolve to years.
    yearly: bool,
    /// Set while resolving an expression that ends in "before".
    before_word: bool,
    /// The token just past the last date resolved, and its value: an
    /// expression right after it may lean on it ("the second quarter ended
    /// Oct. 31").
    /// (Only a quarter named in its own right, not one worked out from an
    /// end date.)
    prev: Option<(usize, Val)>,
}

/// The year for a month, day or holiday without one: the occurrence nearest
/// to the document date, biased by the tense of the sentence (a past-tense
/// sentence prefers the last occurrence unless the next one is very close;
/// a future-tense sentence prefers the next one).
fn pick_year(dct: NaiveDate, tense: Tense, at: impl Fn(i32) -> Option<NaiveDate>, month_only: bool) -> i32 {
    let y = dct.year();
    let (prev, next) = match at(y) {
        Some(d) if d <= dct || (month_only && (d - dct).num_days() < 16) => (Some((y, d)), at(y + 1).map(|n| (y + 1, n))),
        Some(d) => (at(y - 1).map(|p| (y - 1, p)), Some((y, d))),
        None => return y,
    };
    let bp = prev.map(|(_, d)| (dct - d).num_days());
    let bf = next.map(|(_, d)| (d - dct).num_days());
    let (py, ny) = (prev.map_or(y, |p| p.0), next.map_or(y, |n| n.0));
    let (Some(bp), Some(bf)) = (bp, bf) else { return y };
    match tense {
        Tense::Future => {
            if bp <= 0 || month_only && bp < 16 || (bp <= 31 && bf > 180) {
                py
            } else {
                ny
            }
        }
        Tense::Past => {
            // a past-tense report of next month is an announcement ("cut its
            // supply in September", written in August)
            if (!month_only && bf <= 62 || month_only && bf <= 45) && bf < bp {
                ny
            } else {
                py
            }
        }
        Tense::None | Tense::Present => {
            if bf * NONE_BIAS < bp {
                ny
            } else {
                py
            }
        }
    }
}

/// Capitalized abbreviations that take a period inside a sentence.
const ABBREVS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "maj", "sen", "rep",
    "gov", "pres", "prof", "rev", "inc", "co", "corp", "ltd", "bros", "no", "vol", "mt", "ft", "ave", "blvd", "ariz",
    "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "ky", "la", "md", "mass", "mich", "minn", "miss",
    "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo", "messrs", "sept",
];

/// Without tense cues the past occurrence wins unless the future one is
/// this many times closer.
const NONE_BIAS: i64 = 4;

fn season_of_month(m: u32) -> u8 {
    match m {
        3..=5 => 1,
        6..=8 => 2,
        9..=11 => 3,
        _ => 4,
    }
}

impl<'a> Resolver<'a> {
    fn word_is(&self, i: usize, w: &str) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Word && self.text[t.start..t.end].eq_ignore_ascii_case(w))
    }

    fn cue(&self, i: usize) -> Option<Cue> {
        match self.toks.get(i)?.lex {
            Lex::Cue(c) => Some(c),
            _ => None,
        }
    }

    /// Does the sentence boundary lie between token `i` and `i + 1`?
    fn boundary_after(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else { return true };
        let next = self.toks.get(i + 1);
        if next.is_none_or(|n| n.gap >= Gap::Para) {
            return true;
        }
        match t.kind {
            Kind::Punct('!') | Kind::Punct('?') | Kind::Punct(';') => true,
            Kind::Punct('.') => {
                // not after abbreviations ("U.S.", "Oct.", "Mr.")
                let prev_short = i > 0 && self.is_abbrev(i - 1);
                let next_cap = next.is_some_and(|n| n.cap || matches!(n.kind, Kind::Punct('"') | Kind::Punct('`') | Kind::Punct('\'')));
                next_cap && !prev_short
            }
            _ => false,
        }
    }

    /// Is the word at `i`, followed by a period, an abbreviation ("U.S.",
    /// "Mr.", "Oct.", "Corp.") rather than a sentence end ("the West.")?
    fn is_abbrev(&self, i: usize) -> bool {
        let t = &self.toks[i];
        if t.kind != Kind::Word || !t.cap || t.len > 5 {
            return false;
        }
        // single letters and dotted initialisms ("U.S.", "N.Y.")
        if t.len == 1 || (i > 0 && t.gap == Gap::None && self.toks[i - 1].kind == Kind::Punct('.')) {
            return true;
        }
        if matches!(t.lex, Lex::MonAbbr(_)) {
            return true;
        }
        let w = &self.text[t.start..t.end];
        ABBREVS.iter().any(|a| w.eq_ignore_ascii_case(a))
    }

    /// The tense around an expression spanning tokens `s..e`: the nearest
    /// verb cue before it in the sentence, else the nearest after it.
    fn tense(&self, s: usize, e: usize) -> Tense {
        // (tense, strong): modals and auxiliaries are strong cues, "-ed"
        // words weak ones (they are often adjectives or participles)
        let classify = |i: usize| -> (Tense, bool) {
            let Some(t) = self.toks.get(i) else { return (Tense::None, false) };
            if t.kind != Kind::Word {
                return (Tense::None, false);
            }
            let to = self.toks.get(i + 1).is_some_and(|n| n.lex == Lex::W(W::To));
            let after_aux = i > 0
                && (matches!(self.cue(i - 1), Some(Cue::Aux) | Some(Cue::AuxPast))
                    || self.toks[i - 1].lex == Lex::W(W::To)
                    || (self.cue(i - 1) == Some(Cue::Future) && self.toks[i - 1].len <= 5));
            // "had been due to", "had planned to": a plan in the past
            let after_had = (1..=2).any(|b| i >= b && self.word_is(i - b, "had"));
            match t.lex {
                Lex::Cue(c) => match c {
                    Cue::Future | Cue::ToFuture if after_had && (c == Cue::Future || to) => return (Tense::Past, true),
                    // "as planned", "the hastily planned trip": a participle
                    Cue::Future
                        if t.len > 5
                            && i > 0
                            && (self.word_is(i - 1, "as")
                                || (self.toks[i - 1].kind == Kind::Word && self.text[self.toks[i - 1].start..self.toks[i - 1].end].ends_with("ly"))) =>
                    {
                        return (Tense::None, false)
                    }
                    // "a memorial service planned for Saturday was canceled":
                    // a participle after its noun; the clause's own verb
                    // tells the tense
                    Cue::Future
                        if t.len > 5
                            && self.text[t.start..t.end].ends_with("ed")
                            && i > 0
                            && !after_aux
                            && self.toks[i - 1].kind == Kind::Word
                            && !self.toks[i - 1].cap
                            && self.toks[i - 1].lex == Lex::None
                            && ["at", "for", "in", "on", "during"].iter().any(|w| self.word_is(i + 1, w)) =>
                    {
                        return (Tense::None, false)
                    }
                    Cue::Future => return (Tense::Future, true),
                    Cue::ToFuture if to => return (Tense::Future, true),
                    Cue::Aux if to && (self.word_is(i, "is") || self.word_is(i, "are")) => return (Tense::Future, true),
                    // "guidelines to be published in November"
                    Cue::Aux if i > 0 && self.word_is(i, "be") && self.toks[i - 1].lex == Lex::W(W::To) => {
                        return (Tense::Future, true)
                    }
                    Cue::AuxPast => return (Tense::Past, true),
                    // present tense: the clause is about now or what is ahead
                    // ("when the case is heard in May"); cues further back
                    // belong to another clause
                    // "has said", "have already agreed": a present perfect
                    // reports the past
                    Cue::Aux
                        if (self.word_is(i, "has") || self.word_is(i, "have"))
                            && (i + 1..i + 3).take_while(|&k| self.toks.get(k).is_some_and(|t| t.kind == Kind::Word)).any(|k| {
                                let w = &self.text[self.toks[k].start..self.toks[k].end];
                                matches!(self.cue(k), Some(Cue::Past) | Some(Cue::Report) | Some(Cue::AuxPast))
                                    || (w.len() >= 4 && (w.ends_with("ed") || w.ends_with("en") || w.ends_with("wn")))
                            }) =>
                    {
                        return (Tense::Past, false)
                    }
                    Cue::Aux if ["is", "are", "am", "has", "have"].iter().any(|w| self.word_is(i, w)) => {
                        return (Tense::Present, true)
                    }
                    Cue::Past | Cue::Report if !after_aux => return (Tense::Past, true),
                    Cue::ToFuture if !after_aux && t.len >= 5 && self.text[t.start..t.end].ends_with("ed") => {
                        return (Tense::Past, false)
                    }
                    _ => return (Tense::None, false),
                },
                // the modal "may" (lower case), "tomorrow"
                Lex::Month(5) if !t.cap => return (Tense::Future, true),
                Lex::W(W::Tomorrow) => return (Tense::Future, true),
                Lex::W(W::Ago) => return (Tense::Past, true),
                // "the year ended Jan. 31": a closed period
                Lex::W(W::Ended) => return (Tense::Past, false),
                Lex::None => {}
                _ => return (Tense::None, false),
            }
            let w = &self.text[t.start..t.end];
            // a present-tense verb of scheduling right before the expression
            // ("the leaders meet Monday", "the session opens on Friday"):
            // a timetable, so ahead
            let negated = i > 0 && (self.word_is(i - 1, "not") || self.word_is(i - 1, "never") || self.word_is(i - 1, "t"));
            let between = |k: usize| self.toks.get(k).is_some_and(|b| b.lex == Lex::W(W::On) || (b.kind == Kind::Word && self.text[b.start..b.end].ends_with("ly")));
            if !after_aux && !negated && (i + 1 == s || (i + 2 == s && between(i + 1))) && !t.cap {
                let lw = w.to_ascii_lowercase();
                let stem = lw.strip_suffix('s').unwrap_or(&lw);
                if matches!(stem, "meet" | "begin" | "start" | "open" | "resume" | "convene" | "vote" | "arrive" | "leave" | "return" | "travel" | "visit") {
                    return (Tense::Present, true);
                }
            }
            if w.len() >= 5 && !after_aux && (w.ends_with("ed") || w.ends_with("ED")) {
                let lw = w.to_ascii_lowercase();
                if matches!(lw.as_str(), "indeed" | "proceed" | "succeed" | "exceed" | "hundred" | "united" | "limited" | "based" | "related" | "proposed") {
                    return (Tense::None, false);
                }
                // an "-ed" word before a content word is an adjective
                // ("unspecified date"); before a function word, a timex or
                // punctuation it is a verb ("announced the plan", "issued July 1")
                let verb = match self.toks.get(i + 1) {
                    None => true,
                    Some(n) if n.kind != Kind::Word => true,
                    Some(n) => {
                        n.lex != Lex::None
                            || n.cap
                            || ["it", "its", "his", "her", "their", "them", "him", "with", "into", "as", "out", "up", "down", "off", "about", "against", "when", "while", "because", "here", "there", "back", "away"]
                                .iter()
                                .any(|x| self.word_is(i + 1, x))
                    }
                };
                if verb {
                    return (Tense::Past, false);
                }
            }
            (Tense::None, false)
        };
        // "until Tuesday", "as early as Tuesday": the future
        let mut p = s;
        if p > 0 && self.toks[p - 1].lex == Lex::W(W::On) {
            p -= 1;
        }
        let mut deadline = false;
        if p >= 2 {
            let prev = self.toks[p - 1].lex;
            if matches!(prev, Lex::W(W::Until) | Lex::W(W::Till)) && !self.boundary_after(p - 2) {
                return Tense::Future;
            }
            if p >= 3 && self.word_is(p - 1, "as") && (self.word_is(p - 2, "soon") || self.toks[p - 2].lex == Lex::W(W::Early)) {
                return Tense::Future;
            }
            // "by February": a deadline, ahead unless the clause is
            // plainly past ("had filed reports by Wednesday")
            // "loans through January", "effective Feb. 1" likewise
            deadline = (prev == Lex::W(W::By) || prev == Lex::W(W::Through) || self.word_is(p - 1, "effective"))
                && !self.boundary_after(p - 2);
        }
        // the nearest cue before the expression in its sentence, else the
        // nearest after it (reporting verbs after it are skipped: in
        // "… in March, an official said" the tense is that of the clause)
        let scan = |back: bool| -> (Tense, bool) {
            let mut i = if back { s } else { e };
            let mut steps = 0;
            loop {
                if back {
                    if i == 0 || steps >= 30 {
                        break;
                    }
                    i -= 1;
                    if self.boundary_after(i) {
                        break;
                    }
                } else if i >= self.toks.len() || steps >= 20 || (i > e && self.boundary_after(i - 1)) {
                    break;
                }
                steps += 1;
                // a reporting verb right after the expression is its
                // clause's verb ("Bush on Tuesday said")
                if back || i == e || self.cue(i) != Some(Cue::Report) {
                    let (t, strong) = classify(i);
                    // "On Friday, the government planned to pay …": a
                    // fronted day is when the planning happened
                    if !back && t == Tense::Future && self.cue(i) == Some(Cue::Future) && self.toks[i].len > 5 && self.text[self.toks[i].start..self.toks[i].end].ends_with("ed") && self.word_is(i + 1, "to") {
                        return (Tense::Past, false);
                    }
                    if t != Tense::None {
                        return (t, strong);
                    }
                }
                if !back {
                    i += 1;
                }
            }
            (Tense::None, false)
        };
        if deadline {
            return match scan(true) {
                (Tense::Past, true) => Tense::Past,
                _ => Tense::Future,
            };
        }
        // "Wednesday's ruling": a possessive names something that happened
        if e + 1 < self.toks.len()
            && self.toks[e].kind == Kind::Punct('\'')
            && self.toks[e + 1].gap == Gap::None
            && self.word_is(e + 1, "s")
        {
            return Tense::Past;
        }
        // "since Tuesday": a time past
        if p >= 1 && self.toks[p - 1].lex == Lex::W(W::Since) {
            return Tense::Past;
        }
        // a present tense counts only in the clause before the expression
        // ("the council is in session Monday"), not in a later one
        match scan(true).0 {
            Tense::None => match scan(false).0 {
                Tense::Present => Tense::None,
                t => t,
            },
            t => t,
        }
    }

    /// The value, whether it depended on the reference date, the TIMEX3
    /// type and, for a duration counted from the reference time, the date
    /// it reaches (see [`Timex::anchor`]).
    fn resolve(&mut self, c: &Cand) -> Option<(String, bool, TimexKind, Option<String>)> {
        let tense = if needs_tense(&c.sem) { self.tense(c.s, c.e) } else { Tense::None };
        // "in five years": a date ahead in a future clause, else a duration
        let (kind, anchored) = match &c.sem {
            Sem::InTime { .. } if tense == Tense::Future => (TimexKind::Date, true),
            Sem::InTime { .. } => (TimexKind::Duration, false),
            _ => (c.kind, needs_anchor(&c.sem)),
        };
        let at = self.toks[c.s].start;
        self.before_word = self.toks.get(c.e - 1).is_some_and(|t| t.lex == Lex::W(W::Before));
        self.yearly = match (self.period_at, self.ref_quarter) {
            (Some((p, _)), Some((_, qat))) => p > qat && !self.toks.get(c.e - 1).is_some_and(|t| t.lex == Lex::Unit(Unit::Quarter, false)),
            _ => false,
        };
        // "for the nine months … in the year-earlier period": that many
        // months a year before, a duration like the period itself
        if let (true, Sem::RefQuarter { years: -1 }, Some((_, months))) = (self.yearly, &c.sem, self.period_at) {
            if self.word_is(c.e - 1, "period") {
                return Some((format!("P{months}M"), false, TimexKind::Duration, None));
            }
        }
        // "two days later": the duration, and the date it reaches becomes
        // the reference time
        if let Sem::Counted { unit, n, dur } = &c.sem {
            self.prev = None;
            let anchor = match self.value(&Sem::Anaphoric { unit: *unit, n: *n }, tense, at) {
                Some(Out::V(v)) => {
                    self.set_ref(v, at);
                    Some(v.to_string())
                }
                _ => None,
            };
            return Some((dur.clone(), true, TimexKind::Duration, anchor));
        }
        // "this quarter's loss": results are reported for the quarter under
        // discussion, not for the one still running
        let results = matches!(c.sem, Sem::Deictic { unit: Unit::Quarter, n: 0 })
            && self.toks.get(c.e).is_some_and(|t| t.kind == Kind::Punct('\''))
            && self.word_is(c.e + 1, "s")
            && ["loss", "losses", "profit", "profits", "earnings", "results", "sales", "revenue", "net", "income"].iter().any(|w| self.word_is(c.e + 2, w));
        let leaned = self.leaned(c);
        // "compared with a loss of $3 million last year", "from last year's
        // $1.55 billion": a quarterly figure set against the same quarter a
        // year before
        let year_ago_figure = matches!(c.sem, Sem::Deictic { unit: Unit::Year, n: -1 }) && !self.yearly && matches!(self.refv, Some(Val::Quarter(..))) && {
            let amount_before = c.s > 0 && (self.toks[c.s - 1].kind == Kind::Num || ["million", "billion", "cents", "share", "percent"].iter().any(|w| self.word_is(c.s - 1, w)));
            let amount_after = self.toks.get(c.e).is_some_and(|t| t.kind == Kind::Punct('\''))
                && self.word_is(c.e + 1, "s")
                && self.toks.get(c.e + 2).is_some_and(|t| t.kind == Kind::Num || t.kind == Kind::Punct('$'));
            amount_before || amount_after
        };
        let in_view = if year_ago_figure { self.quarter_in_view() } else { None };
        let mut out = match (self.ref_quarter, in_view) {
            (Some((q @ Val::Quarter(..), _)), _) if results => Out::V(q),
            (_, Some(q @ Val::Quarter(..))) => Out::V(q.shift(Unit::Year, -1)?),
            _ => self.value(leaned.as_ref().unwrap_or(&c.sem), tense, at)?,
        };
        // "the year-ago quarter ended Oct. 31": the end day of a quarter of
        // another year moves with it
        if let (Out::V(Val::Day(day)), Some(years)) = (&out, self.end_of_quarter_shift(c)) {
            if let Some(d) = day.with_year(day.year() + years) {
                out = Out::V(Val::Day(d));
            }
        }
        self.prev = match out {
            Out::V(v) if kind == TimexKind::Date && !matches!(c.sem, Sem::QuarterEnding { .. }) => Some((c.e, v)),
            _ => None,
        };
        let s = match out {
            Out::V(v) => {
                if kind == TimexKind::Date || kind == TimexKind::Time {
                    // the quarter under discussion: a named one, not "the
                    // 1988 period" and not one still ahead (a forecast)
                    let explicit_quarter = matches!(c.sem, Sem::Quarter { .. } | Sem::Half { .. } | Sem::RefQuarter { years: 0 } | Sem::QuarterEnding { .. } | Sem::LatestQuarter)
                        && !matches!(c.sem, Sem::Quarter { q: 0, .. })
                        || matches!(c.sem, Sem::Deictic { unit: Unit::Quarter, .. });
                    let ahead = match (v, self.dct) {
                        (Val::Quarter(..) | Val::Half(..), Some(dct)) if !matches!(c.sem, Sem::Deictic { .. }) => {
                            v.shift(Unit::Quarter, if matches!(v, Val::Half(..)) { 2 } else { 1 }).and_then(|n| n.day()).is_some_and(|end| end > dct)
                        }
                        _ => false,
                    };
                    // an earlier quarter named in passing ("after a flat
                    // second quarter") does not replace the one under
                    // discussion
                    let older = match (v, self.ref_quarter) {
                        // nor does "this quarter", still running
                        (_, Some(_)) if matches!(c.sem, Sem::Deictic { unit: Unit::Quarter, n: 0 }) => true,
                        (Val::Quarter(y, q), Some((Val::Quarter(y0, q0), _))) => (y, q) < (y0, q0),
                        _ => false,
                    };
                    if let (Sem::Quarter { q: 1..=4, .. }, Val::Quarter(..)) = (&c.sem, v) {
                        self.named_quarter = Some((v, at));
                    }
                    if explicit_quarter && !ahead && !older {
                        self.ref_quarter = Some((v, at));
                    } else if let (Val::Quarter(_, q), Some((rq @ Val::Quarter(_, q0), _))) = (v, self.ref_quarter) {
                        // "the 1989 period", "the year-earlier quarter" keep
                        // the quarter under discussion in view
                        if q == q0 {
                            self.ref_quarter = Some((rq, at));
                        }
                    }
                    self.set_ref(v, at);
                }
                v.to_string()
            }
            Out::S(s) => {
                if kind == TimexKind::Duration && (s == "P6M" || s == "P9M") {
                    self.period_at = Some((at, if s == "P6M" { 6 } else { 9 }));
                }
                s
            }
        };
        Some((s, anchored, kind, None))
    }

    /// The quarter under discussion, or one named by its number since.
    fn quarter_in_view(&self) -> Option<Val> {
        match (self.named_quarter, self.ref_quarter) {
            (Some((q, nat)), Some((_, qat))) if nat > qat => Some(q),
            (Some((q, _)), None) => Some(q),
            (_, r) => r.map(|r| r.0),
        }
    }

    /// A quarter in apposition to the quarter just before it takes its
    /// year ("the year-ago quarter, the second quarter ended Oct. 31": that
    /// year's second quarter).
    fn leaned(&self, c: &Cand) -> Option<Sem> {
        let (end, Val::Quarter(y, _)) = self.prev? else { return None };
        let Sem::Quarter { q, year: YearSpec::Infer } = c.sem else { return None };
        let k = if self.word_is(c.s, "the") { c.s } else { c.s.checked_sub(1).filter(|&k| self.word_is(k, "the"))? };
        let comma = k.checked_sub(1)?;
        (self.toks.get(comma)?.kind == Kind::Punct(',') && end == comma).then_some(Sem::Quarter { q, year: YearSpec::Abs(y) })
    }

    /// For a day right after "<quarter> ended": how many years that quarter
    /// lies from the document year (the day as read against the document
    /// date moves by as much).
    fn end_of_quarter_shift(&self, c: &Cand) -> Option<i32> {
        let (end, Val::Quarter(y, _)) = self.prev? else { return None };
        if !matches!(c.sem, Sem::Month { d: Some(_), year: YearSpec::Infer, .. }) {
            return None;
        }
        let k = c.s.checked_sub(1)?;
        let ended = matches!(self.toks.get(k)?.lex, Lex::W(W::Ended) | Lex::W(W::Ending));
        let years = y - self.dct?.year();
        (ended && end == k && years != 0).then_some(years)
    }

    fn set_ref(&mut self, v: Val, at: usize) {
        match v {
            Val::XMonthDay(..) | Val::XMonth(_) | Val::XWeekday(_) => return,
            _ => {}
        }
        let v = match v {
            Val::DayPod(d, _) | Val::DayTime(d, ..) => Val::Day(d),
            v => v,
        };
        if let Val::Day(d) = v {
            self.ref_day = Some(d);
        }
        self.refv = Some(v);
        self.ref_at = at;
    }

    /// In earnings reports "a year earlier" is the quarter under discussion
    /// a year before.
    fn quarter_context(&self, unit: Unit, n: i32, at: usize) -> Option<Val> {
        if unit != Unit::Year || n >= 0 {
            return None;
        }
        match self.ref_quarter {
            Some((q @ Val::Quarter(..), _)) if self.yearly => Some(Val::Year(q.year()?.checked_add(n)?)),
            Some((q @ Val::Quarter(..), qat)) if at.saturating_sub(qat) < 1500 => q.shift(Unit::Year, n),
            _ => None,
        }
    }

    fn year_of(&self, spec: YearSpec) -> Option<i32> {
        match spec {
            YearSpec::Abs(y) => Some(y),
            YearSpec::Dct(off) => self.dct.map(|d| d.year() + off),
            YearSpec::Ref(off) => self.refv.and_then(|v| v.year()).or(self.dct.map(|d| d.year())).map(|y| y + off),
            _ => None,
        }
    }

    fn value(&mut self, sem: &Sem, tense: Tense, at: usize) -> Option<Out> {
        use Out::{S, V};
        Some(match sem {
            Sem::Abs(v) => V(*v),
            Sem::Lit(s) => S(s.clone()),
            Sem::Counted { dur, .. } => S(dur.clone()),
            Sem::Month { m, d, year } => {
                let (m, d) = (*m, *d);
                let y = match year {
                    YearSpec::Infer | YearSpec::Last | YearSpec::Next => match self.dct {
                        None => {
                            return Some(V(match d {
                                Some(d) => Val::XMonthDay(m, d),
                                None => Val::XMonth(m),
                            }))
                        }
                        Some(dct) => {
                            let key = (m, d.unwrap_or(0));
                            let dkey = (dct.month(), if d.is_some() { dct.day() } else { 0 });
                            match year {
                                YearSpec::Last => {
                                    // the month just past is "last month";
                                    // "last February" written in March is
                                    // the February of the year before
                                    if key < dkey && (m + 1 < dct.month() || d.is_some()) {
                                        dct.year()
                                    } else {
                                        dct.year() - 1
                                    }
                                }
                                YearSpec::Next => {
                                    if key > dkey {
                                        dct.year()
                                    } else {
                                        dct.year() + 1
                                    }
                                }
                                _ => pick_year(dct, tense, |y| NaiveDate::from_ymd_opt(y, m, d.unwrap_or(1)).map(|x| if d.is_some() { x } else { value::add_days(x, 14) }), d.is_none()),
                            }
                        }
                    },
                    spec => match self.year_of(*spec) {
                        Some(y) => y,
                        None => {
                            return Some(V(match d {
                                Some(d) => Val::XMonthDay(m, d),
                                None => Val::XMonth(m),
                            }))
                        }
                    },
                };
                match d {
                    Some(d) => V(Val::Day(NaiveDate::from_ymd_opt(y, m, d)?)),
                    None => V(Val::Month(y, m)),
                }
            }
            Sem::Weekday { dow, rel } => {
                let Some(dct) = self.dct else { return Some(V(Val::XWeekday(*dow))) };
                let cur = dct.weekday().number_from_monday() as i64;
                let dow = *dow as i64;
                let back = (cur - dow).rem_euclid(7); // days since the last such weekday (0 = today)
                let fwd = (dow - cur).rem_euclid(7);
                let off = match rel {
                    Rel::Last => -(if back == 0 { 7 } else { back }),
                    Rel::Next => {
                        if fwd == 0 {
                            7
                        } else {
                            fwd
                        }
                    }
                    Rel::This => dow - cur,
                    Rel::BeforeRef => {
                        let base = self.ref_day.unwrap_or(dct);
                        let cur = base.weekday().number_from_monday() as i64;
                        let back = (cur - dow).rem_euclid(7);
                        let back = if back == 0 { 7 } else { back };
                        return Some(V(Val::Day(value::add_days(base, -back))));
                    }
                    Rel::Auto => {
                        // a present-tense clause with a weekday is a schedule
                        // ("the council is in session Monday", "talks are set
                        // for Tuesday")
                        if matches!(tense, Tense::Future | Tense::Present) && fwd != 0 {
                            fwd
                        } else {
                            -back
                        }
                    }
                };
                V(Val::Day(value::add_days(dct, off)))
            }
            Sem::Deictic { unit, n } => {
                let Some(dct) = self.dct else { return Some(S(unknown(*unit))) };
                let base = Val::Day(dct);
                match unit {
                    Unit::Century if *n == 0 => V(Val::Century(dct.year() / 100)),
                    Unit::Weekend => {
                        let (y, w) = value::iso_week(value::add_days(dct, 7 * *n as i64));
                        V(Val::Weekend(y, w))
                    }
                    Unit::Second | Unit::Minute | Unit::Hour => S("PRESENT_REF".into()),
                    u => V(base.shift(*u, *n)?),
                }
            }
            Sem::InTime { unit, n, dur } => {
                if tense != Tense::Future {
                    return Some(S(dur.clone()));
                }
                // (hours ahead of a document known only by its day: soon)
                let (Some(n), Some(dct), false) = (n, self.dct, matches!(unit, Unit::Second | Unit::Minute | Unit::Hour)) else {
                    return Some(S("FUTURE_REF".into()));
                };
                V(Val::Day(dct).shift(*unit, *n)?)
            }
            Sem::Ago { unit, n } => {
                // "a year ago" next to a quarter means that quarter a year before
                if let Some(v) = self.quarter_context(*unit, *n, at) {
                    return Some(V(v));
                }
                let Some(dct) = self.dct else { return Some(S(unknown(*unit))) };
                V(Val::Day(dct).shift(*unit, *n)?)
            }
            Sem::Anaphoric { unit, n } => {
                if let Some(v) = self.quarter_context(*unit, *n, at) {
                    return Some(V(v));
                }
                // "that quarter", "the following quarter": from the quarter
                // under discussion, not from a day mentioned since
                // (or from a quarter named by its number since: "the second
                // quarter ended Oct. 31 … results for that quarter")
                if *unit == Unit::Quarter {
                    if let Some(q @ Val::Quarter(..)) = self.quarter_in_view() {
                        return Some(V(q.shift(Unit::Quarter, *n)?));
                    }
                }
                let base = match self.refv {
                    Some(v) if v.unit() <= *unit || *n == 0 || (matches!(v, Val::Quarter(..)) && *unit == Unit::Year) => v,
                    _ => match self.dct {
                        Some(d) => Val::Day(d),
                        None => return Some(S(unknown(*unit))),
                    },
                };
                if *n == 0 {
                    // "that day" after "in October 1998": 1998-10-XX
                    // ("that day" after "in 1987": 1987-XX-XX)
                    if base.unit() > *unit && *unit == Unit::Day {
                        match base {
                            Val::Month(y, m) => return Some(S(format!("{y:04}-{m:02}-XX"))),
                            Val::Year(y) => return Some(S(format!("{y:04}-XX-XX"))),
                            _ => {}
                        }
                    }
                    // "that day", "that year", "the same day"
                    return Some(V(match (base, unit) {
                        (v, u) if v.unit() == *u => v,
                        // "later that year" after "in June 1998": 1998
                        (v, Unit::Year) => Val::Year(v.year()?),
                        (v, u) => v.shift(*u, 0).unwrap_or(v),
                    }));
                }
                // "the next year" after a quarter is a year, not that quarter
                // a year on (only "a year earlier" keeps the quarter)
                if *unit == Unit::Year && *n > 0 {
                    return Some(V(Val::Year(base.year()?.checked_add(*n)?)));
                }
                V(base.shift(*unit, *n)?)
            }
            Sem::Quarter { q, year } => {
                let q = &if *q == 0 {
                    // "the 1988 period": the quarter under discussion, or
                    // the year after "the nine months"
                    if self.yearly {
                        if let YearSpec::Abs(y) = year {
                            return Some(V(Val::Year(*y)));
                        }
                    }
                    match self.ref_quarter {
                        Some((Val::Quarter(_, rq), _)) => rq,
                        _ => match self.dct {
                            Some(d) => match Val::Day(d).shift(Unit::Quarter, -1) {
                                Some(Val::Quarter(_, pq)) => pq,
                                _ => 1,
                            },
                            None => return Some(S("XXXX-QX".into())),
                        },
                    }
                } else {
                    *q
                };
                let y = match year {
                    YearSpec::Infer => {
                        let Some(dct) = self.dct else { return Some(S(format!("XXXX-Q{q}"))) };
                        let dq = value::quarter_of(dct);
                        if *q > dq && (tense == Tense::Past || (*q > dq + 1 && tense != Tense::Future)) {
                            dct.year() - 1
                        } else {
                            dct.year()
                        }
                    }
                    spec => match self.year_of(*spec) {
                        Some(y) => y,
                        None => return Some(S(format!("XXXX-Q{q}"))),
                    },
                };
                V(Val::Quarter(y, *q))
            }
            Sem::Half { h, year } => {
                let y = match year {
                    YearSpec::Infer => match self.dct {
                        Some(d) => {
                            if *h == 2 && d.month() <= 6 && tense == Tense::Past {
                                d.year() - 1
                            } else {
                                d.year()
                            }
                        }
                        None => return Some(S(format!("XXXX-H{h}"))),
                    },
                    spec => match self.year_of(*spec) {
                        Some(y) => y,
                        None => return Some(S(format!("XXXX-H{h}"))),
                    },
                };
                V(Val::Half(y, *h))
            }
            Sem::Season { s, year } => {
                let y = match year {
                    YearSpec::Abs(_) | YearSpec::Dct(_) | YearSpec::Ref(_) => match self.year_of(*year) {
                        Some(y) => y,
                        None => return Some(S(format!("XXXX-{}", value::season_code(*s)))),
                    },
                    _ => {
                        let Some(dct) = self.dct else { return Some(S(format!("XXXX-{}", value::season_code(*s)))) };
                        let cur = season_of_month(dct.month());
                        // January and February belong to the winter of the year before
                        let sy = if dct.month() <= 2 { dct.year() - 1 } else { dct.year() };
                        match year {
                            YearSpec::Last => {
                                if *s < cur {
                                    sy
                                } else {
                                    sy - 1
                                }
                            }
                            YearSpec::Next => {
                                if *s > cur {
                                    sy
                                } else {
                                    sy + 1
                                }
                            }
                            _ => {
                                if tense == Tense::Past && *s > cur {
                                    sy - 1
                                } else if tense == Tense::Future && *s < cur {
                                    sy + 1
                                } else {
                                    sy
                                }
                            }
                        }
                    }
                };
                V(Val::Season(y, *s))
            }
            Sem::LatestQuarter => {
                // the quarter the report is about when one was named ("a
                // fourth-quarter decline … sales in the latest period"),
                // else the last complete one
                // (a recent one: begun by the document date, not years back)
                if let (Some((q @ Val::Quarter(..), _)), Some(dct)) = (self.named_quarter, self.dct) {
                    if q.day().is_some_and(|start| start <= dct) && q.year().is_some_and(|y| dct.year() - y <= 1) {
                        return Some(V(q));
                    }
                }
                let Some(dct) = self.dct else { return Some(S("XXXX-QX".into())) };
                V(Val::Day(dct).shift(Unit::Quarter, -1)?)
            }
            Sem::YearEnd { since } => {
                let Some(dct) = self.dct else { return Some(S("XXXX-12-31".into())) };
                let y = if *since { dct.year() - 1 } else { dct.year() };
                V(Val::Day(NaiveDate::from_ymd_opt(y, 12, 31)?))
            }
            Sem::QuarterEnding { m, d } => {
                if let Some((q @ Val::Quarter(..), _)) = self.ref_quarter {
                    return Some(V(q));
                }
                let Some(dct) = self.dct else { return Some(S("XXXX-QX".into())) };
                // the end day as a past date, then the month before it
                let y = pick_year(dct, Tense::Past, |y| NaiveDate::from_ymd_opt(y, *m, *d), false);
                let (y, mid) = if *m == 1 { (y - 1, 12) } else { (y, *m - 1) };
                V(Val::Quarter(y, (mid - 1) / 3 + 1))
            }
            Sem::RefQuarter { years } => {
                // "down from $450 million the year before" after "last year":
                // a year named since is the reference ("year-ago results"
                // still mean the year before the report)
                if let (Some(Val::Year(y)), true) = (self.refv, self.before_word) {
                    if self.ref_quarter.is_none_or(|(_, qat)| self.ref_at > qat) && *years != 0 {
                        return Some(V(Val::Year(y.checked_add(*years)?)));
                    }
                }
                if let Some((q, _)) = self.ref_quarter {
                    if let Val::Quarter(..) = q {
                        if self.yearly && *years != 0 {
                            return Some(V(Val::Year(q.year()?.checked_add(*years)?)));
                        }
                        return Some(V(q.shift(Unit::Year, *years)?));
                    }
                }
                let Some(dct) = self.dct else { return Some(S("XXXX-QX".into())) };
                let prev = Val::Day(dct).shift(Unit::Quarter, -1)?;
                V(prev.shift(Unit::Year, *years)?)
            }
            Sem::Weekend => {
                let Some(dct) = self.dct else { return Some(S("XXXX-WXX-WE".into())) };
                // the weekend just past, unless the sentence looks ahead or
                // the document date is itself in a weekend
                let wd = dct.weekday().number_from_monday();
                let past = match tense {
                    Tense::Past => wd < 6,
                    Tense::Future => false,
                    Tense::None | Tense::Present => wd <= 3,
                };
                let base = if past { value::add_days(dct, -7) } else { dct };
                let (y, w) = value::iso_week(base);
                V(Val::Weekend(y, w))
            }
            Sem::Holiday { h, year } => {
                let y = match year {
                    YearSpec::Abs(_) | YearSpec::Dct(_) | YearSpec::Ref(_) => self.year_of(*year),
                    _ => self.dct.map(|d| d.year()),
                };
                let Some(y) = y else { return Some(S(holiday_unknown(*h))) };
                let date = |y: i32| holiday_date(*h, y);
                let d0 = date(y)?;
                let d = match (year, self.dct) {
                    (YearSpec::Infer, Some(dct)) => {
                        let yy = pick_year(dct, tense, |y| date(y), false);
                        date(yy)?
                    }
                    (YearSpec::Last, Some(dct)) => {
                        if d0 < dct {
                            d0
                        } else {
                            date(y - 1)?
                        }
                    }
                    (YearSpec::Next, Some(dct)) => {
                        if d0 > dct {
                            d0
                        } else {
                            date(y + 1)?
                        }
                    }
                    _ => d0,
                };
                if *h == Holiday::EasterWeek {
                    let (y, w) = value::iso_week(d);
                    V(Val::Week(y, w))
                } else {
                    V(Val::Day(d))
                }
            }
            Sem::Overnight => match (self.ref_day, self.dct) {
                (Some(d), _) if at.saturating_sub(self.ref_at) < 400 && matches!(self.refv, Some(Val::Day(_))) => {
                    V(Val::DayPod(value::add_days(d, -1), lexicon::Pod::Night))
                }
                (_, Some(d)) => V(Val::DayPod(d, lexicon::Pod::Night)),
                _ => S("XXXX-XX-XXTNI".into()),
            },
            Sem::WeekX => match self.dct {
                Some(d) => S(format!("{:04}-WXX", d.year())),
                None => S("XXXX-WXX".into()),
            },
            Sem::DayShift(day, n) => match self.value(day, tense, at)? {
                V(Val::Day(d)) => V(Val::Day(value::add_days(d, *n as i64))),
                _ => S("XXXX-XX-XX".into()),
            },
            Sem::WeekOf(day) => match self.value(day, tense, at)? {
                V(Val::Day(d)) => {
                    let (y, w) = value::iso_week(d);
                    V(Val::Week(y, w))
                }
                _ => S("XXXX-WXX".into()),
            },
            Sem::Pod(base, p) => match self.value(base, tense, at)? {
                V(Val::Day(d)) => V(Val::DayPod(d, *p)),
                V(Val::XWeekday(w)) => S(format!("XXXX-WXX-{w}T{}", p.code())),
                V(v) => V(v),
                S(s) if s == "XXXX-XX-XX" => S(format!("XXXX-XX-XXT{}", p.code())),
                S(s) => S(s),
            },
            Sem::Clock { h, m, date } => {
                let day = match date {
                    Some(b) => match self.value(b, tense, at)? {
                        V(Val::Day(d)) | V(Val::DayPod(d, _)) => Some(d),
                        _ => None,
                    },
                    None => self.ref_day.or(self.dct),
                };
                match day {
                    Some(d) => V(Val::DayTime(d, *h, *m)),
                    None => S(format!("XXXX-XX-XXT{h:02}:{m:02}")),
                }
            }
        })
    }
}

fn unknown(u: Unit) -> String {
    match u {
        Unit::Day => "XXXX-XX-XX",
        Unit::Week | Unit::Weekend => "XXXX-WXX",
        Unit::Month => "XXXX-XX",
        Unit::Quarter => "XXXX-QX",
        _ => "XXXX",
    }
    .to_string()
}

fn holiday_unknown(h: Holiday) -> String {
    let (m, d) = match h {
        Holiday::Christmas => (12, 25),
        Holiday::ChristmasEve => (12, 24),
        Holiday::NewYear => (1, 1),
        Holiday::NewYearsEve => (12, 31),
        Holiday::Independence => (7, 4),
        Holiday::Halloween => (10, 31),
        Holiday::Valentine => (2, 14),
        _ => return "XXXX-XX-XX".into(),
    };
    format!("XXXX-{m:02}-{d:02}")
}

fn holiday_date(h: Holiday, y: i32) -> Option<NaiveDate> {
    match h {
        Holiday::Christmas => NaiveDate::from_ymd_opt(y, 12, 25),
        Holiday::ChristmasEve => NaiveDate::from_ymd_opt(y, 12, 24),
        Holiday::NewYear => NaiveDate::from_ymd_opt(y, 1, 1),
        Holiday::NewYearsEve => NaiveDate::from_ymd_opt(y, 12, 31),
        Holiday::Independence => NaiveDate::from_ymd_opt(y, 7, 4),
        Holiday::Halloween => NaiveDate::from_ymd_opt(y, 10, 31),
        Holiday::Valentine => NaiveDate::from_ymd_opt(y, 2, 14),
        Holiday::Thanksgiving => value::nth_weekday(y, 11, 4, 4),
        Holiday::Labor => value::nth_weekday(y, 9, 1, 1),
        Holiday::Memorial => value::nth_weekday(y, 5, 1, -1),
        Holiday::Election => value::nth_weekday(y, 11, 1, 1).map(|d| value::add_days(d, 1)),
        Holiday::Easter | Holiday::EasterWeek => value::easter(y),
    }
}

fn needs_anchor(sem: &Sem) -> bool {
    match sem {
        Sem::Abs(_) | Sem::Lit(_) => false,
        Sem::Month { year: YearSpec::Abs(_), .. } => false,
        Sem::Quarter { year: YearSpec::Abs(_), .. } | Sem::Half { year: YearSpec::Abs(_), .. } => false,
        Sem::Season { year: YearSpec::Abs(_), .. } | Sem::Holiday { year: YearSpec::Abs(_), .. } => false,
        Sem::Pod(b, _) | Sem::WeekOf(b) | Sem::DayShift(b, _) => needs_anchor(b),
        Sem::Clock { date: Some(b), .. } => needs_anchor(b),
        _ => true,
    }
}

fn needs_tense(sem: &Sem) -> bool {
    match sem {
        Sem::Month { year: YearSpec::Infer, .. }
        | Sem::Weekday { rel: Rel::Auto, .. }
        | Sem::Quarter { year: YearSpec::Infer, .. }
        | Sem::Half { year: YearSpec::Infer, .. }
        | Sem::Season { year: YearSpec::Infer, .. }
        | Sem::Holiday { year: YearSpec::Infer, .. }
        | Sem::Weekend
        | Sem::InTime { .. } => true,
        Sem::Pod(b, _) | Sem::WeekOf(b) | Sem::DayShift(b, _) => needs_tense(b),
        Sem::Clock { date: Some(b), .. } => needs_tense(b),
        _ => false,
    }
}
