//! Events: find event mentions, type them with PLOVER (keeping the CAMEO
//! code), attach their arguments and give each a cross-document key.
//!
//! This stage runs after `resolve` and before `rdf`: it reads the text, its
//! segmentation, the publications found by `layout`, the mentions found by
//! `recognize` and the entities built by `resolve`, and returns one
//! [`Event`] per real-world occurrence in the document. Pure: no I/O, no
//! IRIs, never panics. Inside, one way:
//!
//! 1. triggers: verbs and nouns from the embedded lexicon ([`lexicon`]),
//!    with guards against non-event senses ("strike a balance", "deal
//!    with", "he talks about");
//! 2. arguments within the sentence, without a parser ([`args`]): source
//!    actor before the trigger, target after "on/against/into" or as the
//!    object, places after "in/at/near", participants of "X-Y talks" and
//!    "talks among A, B and C", passives ("were killed in … by …"), dates
//!    by proximity (a comma counts as a clause boundary) and prepositions,
//!    "the February 1, 2021, coup", "the coup of February 1, 2021", and
//!    dates counted back from anniversaries ("one year since …", "three
//!    years after …", "the third anniversary of …");
//! 3. named events ([`named`]: a general-knowledge table of major world
//!    events) and "Operation <Name>";
//! 4. merging: triggers of one occurrence in one sentence ("killed … in a
//!    drone strike", but not across a fronted "Following the coup …,"),
//!    anaphors ("the attack") to the latest compatible event of the same
//!    publication, then equal keys ([`key`]) across publications of the
//!    page. A key names one canonical country ([`key_countries`]: primary
//!    place, else target/source or participants, else the one country of
//!    the sentence or of the publication); a publication's main event with
//!    no date-and-place key is keyed on its central person
//!    ([`main_participant_keys`]). Every merge records its evidence.

pub mod args;
pub mod key;
pub mod lexicon;
pub mod named;
mod tables;
pub mod words;

use crate::model::{Diagnostic, Entity, EntityKind, Event, Mention, MentionType, PartialDate, Publication, Severity, Span};
use crate::text::{Segmented, TokenKind};
use key::KeyConfig;
use lexicon::{Entry, Lexicon, Pos};
use named::Named;
use tables::WordInfo;
pub use words::class;

/// What the event stage reads.
pub struct Input<'a> {
    pub text: &'a str,
    pub seg: &'a Segmented,
    pub publications: &'a [Publication],
    pub mentions: &'a [Mention],
    pub entities: &'a [Entity],
    pub mention_entity: &'a [Option<usize>],
}

/// Tunable settings of the stage.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Config {
    pub key: KeyConfig,
}

/// Find the events of one document with the default settings.
pub fn extract(input: &Input) -> (Vec<Event>, Vec<Diagnostic>) {
    extract_with(input, &Config::default())
}

/// Find the events of one document.
pub fn extract_with(input: &Input, cfg: &Config) -> (Vec<Event>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    if input.mention_entity.len() != input.mentions.len() {
        diags.push(Diagnostic::new(
            Severity::Warning,
            "events-mention-entity-length",
            format!("{} mentions but {} mention→entity links", input.mentions.len(), input.mention_entity.len()),
        ));
    }
    let doc = Doc::new(input);
    let mut cands = Vec::new();
    for s in 0..input.seg.sentences.len() {
        let start = cands.len();
        find_triggers(&doc, s, &mut cands);
        let ranges: Vec<(usize, usize)> = cands[start..].iter().filter(|c| c.entry.tier == 1).map(|c| c.tok).collect();
        for c in &mut cands[start..] {
            args::attach(&doc, c, &ranges);
        }
        args::assign_dates(&doc, s, &mut cands[start..]);
        args::anniversary_dates(&doc, s, &mut cands[start..]);
        absorb_themes(&doc, &mut cands, start);
        apply_named(&doc, s, &mut cands, start);
        merge_in_sentence(&doc, &mut cands[start..], &cfg.key);
    }
    cands.retain(|c| c.alive);
    resolve_anaphora(&doc, &mut cands, &cfg.key);
    let events = build_events(&doc, cands, &cfg.key);
    (events, diags)
}

/// The document as the event stage sees it.
pub struct Doc<'a> {
    pub input: &'a Input<'a>,
    /// Lower-case token texts: token `t` is `low[ranges[t].0..ranges[t].1]`
    /// (one buffer, not one allocation per token; for an ASCII text, the
    /// whole text lower-cased at once, and the ranges are the token spans).
    low: String,
    ranges: Vec<(usize, usize)>,
    /// Token → the longest non-temporal or temporal mention covering it.
    pub ment_tok: Vec<Option<usize>>,
    /// Mention → token range.
    pub ment_range: Vec<(usize, usize)>,
    /// The text's hash for local keys ([`Doc::text_hash`]), computed when
    /// a first event needs one.
    text_hash: std::cell::OnceCell<u64>,
    /// Publication → its dominant country (ISO), when one stands out.
    pub pub_country: Vec<Option<String>>,
    /// Token → its word in the vocabulary (`super::tables`; `u32::MAX`: a
    /// word the stage does not know).
    voc: Vec<u32>,
}

impl<'a> Doc<'a> {
    fn new(input: &'a Input<'a>) -> Doc<'a> {
        let seg = input.seg;
        let text = input.text;
        let (low, ranges) = if text.is_ascii() {
            // ASCII words need neither Unicode lowercasing nor the apostrophe fix
            (text.to_ascii_lowercase(), seg.tokens.iter().map(|t| (t.span.start, t.span.end)).collect())
        } else {
            let mut low = String::with_capacity(text.len());
            let mut ranges = Vec::with_capacity(seg.tokens.len());
            for t in &seg.tokens {
                let w = text.get(t.span.start..t.span.end).unwrap_or("");
                let at = low.len();
                if w.is_ascii() {
                    low.push_str(w);
                    low[at..].make_ascii_lowercase();
                } else {
                    low.push_str(&w.to_lowercase().replace('\u{2019}', "'"));
                }
                ranges.push((at, low.len()));
            }
            (low, ranges)
        };
        let mut ment_tok: Vec<Option<usize>> = vec![None; seg.tokens.len()];
        let mut ment_range = Vec::with_capacity(input.mentions.len());
        for (mi, m) in input.mentions.iter().enumerate() {
            let s = seg.token_from(m.span.start);
            let e = seg.token_from(m.span.end).max(s);
            ment_range.push((s, e));
            for t in s..e.min(seg.tokens.len()) {
                let better = match ment_tok[t] {
                    None => true,
                    Some(o) => input.mentions[o].span.len() < m.span.len(),
                };
                if better {
                    ment_tok[t] = Some(mi);
                }
            }
        }
        let mut doc = Doc { input, low, ranges, ment_tok, ment_range, text_hash: std::cell::OnceCell::new(), pub_country: Vec::new(), voc: Vec::new() };
        doc.voc = (0..seg.tokens.len()).map(|t| tables::word_id(doc.word(t)).unwrap_or(u32::MAX)).collect();
        doc.pub_country = (0..input.publications.len()).map(|p| doc.dominant_country(p)).collect();
        doc
    }

    /// The hash of the document text that local keys carry.
    pub fn text_hash(&self) -> u64 {
        *self.text_hash.get_or_init(|| key::text_hash(self.input.text))
    }

    pub fn word(&self, t: usize) -> &str {
        match self.ranges.get(t) {
            Some(&(start, end)) => self.low.get(start..end).unwrap_or(""),
            None => "",
        }
    }

    fn info(&self, t: usize) -> Option<&'static WordInfo> {
        tables::info(*self.voc.get(t)?)
    }

    /// Token `t`'s word is in one of the word lists `c` ([`class`] bits);
    /// false past the end, like the empty word.
    pub fn is(&self, t: usize, c: u32) -> bool {
        self.info(t).is_some_and(|w| w.class & c != 0)
    }

    /// The lexicon rows whose form starts with token `t`'s word.
    fn lex_group(&self, t: usize) -> &'static [(usize, Entry)] {
        self.info(t).map_or(&[], WordInfo::lex)
    }

    /// The named-event aliases that may start at token `t`.
    fn aliases_at(&self, t: usize) -> &'static [named::Alias] {
        self.info(t).map_or(&[], WordInfo::aliases)
    }

    pub fn is_word(&self, t: usize) -> bool {
        self.input.seg.tokens.get(t).is_some_and(|k| matches!(k.kind, TokenKind::Word | TokenKind::Number))
    }

    pub fn capitalized(&self, t: usize) -> bool {
        let Some(tok) = self.input.seg.tokens.get(t) else { return false };
        self.input.text.get(tok.span.start..tok.span.end).and_then(|s| s.chars().next()).is_some_and(char::is_uppercase)
    }

    pub fn mention(&self, m: usize) -> &Mention {
        &self.input.mentions[m]
    }

    pub fn entity_of(&self, m: usize) -> Option<usize> {
        self.input.mention_entity.get(m).copied().flatten().filter(|e| *e < self.input.entities.len())
    }

    pub fn entity(&self, e: usize) -> Option<&Entity> {
        self.input.entities.get(e)
    }

    /// The ISO country of an entity: a country's own code, a place's or an
    /// actor's country.
    pub fn country_of(&self, e: usize) -> Option<&str> {
        let en = self.entity(e)?;
        match en.kind {
            EntityKind::Country => en.iso.as_deref().or(en.country.as_deref()),
            _ => en.country.as_deref(),
        }
    }

    /// The publication a byte offset belongs to (innermost span).
    pub fn publication_at(&self, pos: usize) -> Option<usize> {
        let mut best: Option<usize> = None;
        for (i, p) in self.input.publications.iter().enumerate() {
            if p.span.start <= pos && pos < p.span.end.max(p.span.start + 1) && best.is_none_or(|b| self.input.publications[b].span.len() > p.span.len()) {
                best = Some(i);
            }
        }
        best
    }

    fn dominant_country(&self, p: usize) -> Option<String> {
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for (mi, m) in self.input.mentions.iter().enumerate() {
            if m.publication != p || !matches!(m.kind, MentionType::Country | MentionType::Nationality | MentionType::Place) {
                continue;
            }
            let iso = self.entity_of(mi).and_then(|e| self.country_of(e)).or(m.iso.as_deref());
            if let Some(iso) = iso {
                match counts.iter_mut().find(|(c, _)| *c == iso) {
                    Some(x) => x.1 += 1,
                    None => counts.push((iso, 1)),
                }
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        match counts.as_slice() {
            // the only country the publication names
            [(c, _)] => Some(c.to_string()),
            [(c, n), (_, m), ..] if *n >= 2 && *n >= 2 * *m => Some(c.to_string()),
            _ => None,
        }
    }
}

/// An event mention under construction.
#[derive(Clone, Debug)]
pub struct Cand {
    pub alive: bool,
    pub sent: usize,
    /// Trigger token range.
    pub tok: (usize, usize),
    pub entry: Entry,
    pub plover: &'static str,
    pub mode: Option<&'static str>,
    pub cameo: &'static str,
    pub publication: Option<usize>,
    /// "the attack", "these strikes": may refer back.
    pub definite: bool,
    /// Headline-like sentence (no final punctuation).
    pub title: bool,
    pub passive: bool,
    pub sources: Vec<usize>,
    pub targets: Vec<usize>,
    pub actors: Vec<usize>,
    pub places: Vec<usize>,
    pub date: Option<PartialDate>,
    pub date_end: Option<PartialDate>,
    /// Token of the date mention used.
    pub date_tok: Option<usize>,
    pub named: Option<&'static Named>,
    pub op_name: Option<String>,
    pub triggers: Vec<Span>,
    pub publications: Vec<usize>,
    pub evidence: Vec<String>,
    pub confidence: f32,
    /// Needs an actor argument to be kept.
    pub needs_actor: bool,
}

impl Cand {
    /// A fresh candidate for the trigger `span` (tokens `tok` of sentence
    /// `sent`), typed by its lexicon entry, with no arguments yet.
    fn new(sent: usize, tok: (usize, usize), entry: Entry, publication: Option<usize>, span: Span) -> Cand {
        Cand {
            alive: true,
            sent,
            tok,
            entry,
            plover: entry.plover,
            mode: entry.mode,
            cameo: entry.cameo,
            publication,
            definite: false,
            title: false,
            passive: false,
            sources: Vec::new(),
            targets: Vec::new(),
            actors: Vec::new(),
            places: Vec::new(),
            date: None,
            date_end: None,
            date_tok: None,
            named: None,
            op_name: None,
            triggers: vec![span],
            publications: Vec::new(),
            evidence: Vec::new(),
            confidence: 0.7,
            needs_actor: false,
        }
    }
}

const NOT_EVENT_AFTER_NOUN: &[&str] = &[
    "force", "forces", "group", "groups", "helicopter", "helicopters", "aircraft", "capability", "capabilities", "dog", "dogs",
    "surface", "zone", "team", "teams", "fighter", "fighters", "ship", "ships", "boat", "boats", "submarine", "submarines",
    "rifle", "rifles", "vector", "vectors", "package", "price", "prices",
];
const LABOUR: &[&str] = &["workers", "union", "unions", "teachers", "employees", "staff", "doctors", "nurses", "drivers", "miners", "dockworkers", "students"];

fn find_triggers(doc: &Doc, s: usize, out: &mut Vec<Cand>) {
    let seg = doc.input.seg;
    let Some(sent) = seg.sentences.get(s) else { return };
    let (start, end) = (sent.tokens.start, sent.tokens.end.min(seg.tokens.len()));
    let title = {
        let last = (start..end).rev().find(|&t| seg.tokens[t].kind != TokenKind::Symbol);
        !last.is_some_and(|t| matches!(doc.word(t), "." | "!" | "?" | "\"" | "”" | ")" | "'"))
    };
    let mut i = start;
    while i < end {
        if !doc.is_word(i) {
            i += 1;
            continue;
        }
        if let Some(m) = doc.ment_tok[i] {
            if !doc.mention(m).kind.is_temporal() {
                i += 1;
                continue;
            }
        }
        // the lexicon rows starting with this word (most words: none)
        let group = doc.lex_group(i);
        if group.is_empty() {
            i += 1;
            continue;
        }
        let mut wbuf = [""; 4];
        let nw = (i + 4).min(end) - i;
        for (k, w) in wbuf.iter_mut().enumerate().take(nw) {
            *w = doc.word(i + k);
        }
        let words = &wbuf[..nw];
        // the longest matching form, and all matching rows of its length
        let Some(len) = group.iter().find(|(n, e)| lexicon::form_matches(*n, e.form, words)).map(|x| x.0) else {
            i += 1;
            continue;
        };
        // the first matching row of that length, and the first of each part of speech
        let (mut first, mut verb, mut noun) = (None, None, None);
        for (_, e) in group.iter().filter(|(n, e)| *n == len && lexicon::form_matches(*n, e.form, words)) {
            first = first.or(Some(e));
            match e.pos {
                Pos::Verb => verb = verb.or(Some(e)),
                Pos::Noun => noun = noun.or(Some(e)),
            }
        }
        let pos = choose_pos(doc, i, verb.is_some(), noun.is_some(), start);
        let Some(entry) = (if pos == Pos::Verb { verb } else { noun }).or(first).copied() else {
            i += 1;
            continue;
        };
        match guard(doc, i, i + len, &entry, start, end) {
            Guard::Skip => {
                i += 1;
                continue;
            }
            Guard::Keep(plover, cameo, mode) => {
                let span = span_of(doc, i, i + len);
                let definite = entry.pos == Pos::Noun && definite_np(doc, i, start);
                let ambiguous = entry.tier >= 2 || entry.ambiguous;
                let mut c = Cand::new(s, (i, i + len), entry, doc.publication_at(span.start), span);
                (c.plover, c.mode, c.cameo) = (plover, mode, cameo);
                c.definite = definite;
                c.title = title;
                c.confidence = if entry.tier == 1 { 0.8 } else { 0.55 };
                c.needs_actor = ambiguous;
                out.push(c);
                i += len;
            }
        }
    }
}

/// "the attack", "the U.S.-led strikes", "this latest attack": a definite
/// noun phrase before the trigger (up to five tokens back).
fn definite_np(doc: &Doc, i: usize, start: usize) -> bool {
    let mut j = i;
    while j > start && i - j < 6 {
        j -= 1;
        let w = doc.word(j);
        if doc.is(j, class::DEFINITE) {
            return true;
        }
        if doc.is_mention_tok(j) || matches!(w, "-" | "led" | "-led" | "'s" | "latest" | "recent" | "new" | "deadly" | "military" | "missile" | "drone" | "air" | "cross-border" | "retaliatory" | "same" | "reported" | "alleged") {
            continue;
        }
        return false;
    }
    false
}

impl Doc<'_> {
    pub fn is_mention_tok(&self, t: usize) -> bool {
        self.ment_tok.get(t).copied().flatten().is_some_and(|m| !self.mention(m).kind.is_temporal())
    }
}

/// The date a mention can give an event: a Date mention's value, or the
/// date a duration counted from the reference time reaches ("three days
/// later": its norm, when that is a calendar date, `YYYY[-MM[-DD]]`).
fn mention_date(m: &Mention) -> Option<PartialDate> {
    match m.kind {
        MentionType::Date => m.value.as_deref().and_then(PartialDate::parse),
        MentionType::Duration => m.anchor().and_then(PartialDate::parse),
        _ => None,
    }
}

fn span_of(doc: &Doc, s: usize, e: usize) -> Span {
    let toks = &doc.input.seg.tokens;
    let a = toks[s].span;
    let b = toks[e.saturating_sub(1).max(s)].span;
    Span { start: a.start, end: b.end, cstart: a.cstart, cend: b.cend }
}

/// The part of speech of a trigger at token `i` whose matching rows
/// include verbs (`verb`) and nouns (`noun`).
fn choose_pos(doc: &Doc, i: usize, verb: bool, noun: bool, start: usize) -> Pos {
    if !verb {
        return Pos::Noun;
    }
    if !noun {
        return Pos::Verb;
    }
    let w = doc.word(i);
    if w.ends_with("ed") {
        return Pos::Verb;
    }
    if i == start {
        return Pos::Noun;
    }
    let prev = doc.word(i - 1);
    if doc.is(i - 1, class::VERB_LEFT) {
        return Pos::Verb;
    }
    if doc.is(i - 1, class::NOUN_LEFT) || prev.ends_with("al") || prev.ends_with("ary") || prev.ends_with("-led") || prev.ends_with("-border") {
        return Pos::Noun;
    }
    if doc.is_mention_tok(i - 1) {
        // "U.S. strikes" (nationality modifier) vs "Iran attacks Israel"
        let m = doc.ment_tok[i - 1].unwrap_or(0);
        if doc.mention(m).kind == MentionType::Nationality {
            return Pos::Noun;
        }
        return Pos::Verb;
    }
    Pos::Noun
}

enum Guard {
    Skip,
    Keep(&'static str, &'static str, Option<&'static str>),
}

fn guard(doc: &Doc, s: usize, e: usize, entry: &Entry, start: usize, end: usize) -> Guard {
    let w = |t: usize| if t >= start && t < end { doc.word(t) } else { "" };
    let prev = if s > start { w(s - 1) } else { "" };
    let next = w(e);
    let next2 = w(e + 1);
    let form = entry.form;
    let lemma = entry.lemma;
    let keep = Guard::Keep(entry.plover, entry.cameo, entry.mode);
    // names: "Strike Force", months: "March"
    if matches!(form, "march" | "fall" | "rally" | "deal" | "hit" | "release" | "relief") && doc.capitalized(s) && s > start && !doc.title_case(start, end) {
        return Guard::Skip;
    }
    if form == "march" && doc.capitalized(s) {
        return Guard::Skip;
    }
    // verb "deal" never; noun "deal with", "a great deal"
    if lemma == "deal" && (entry.pos == Pos::Verb || matches!(next, "with" | "in") || matches!(prev, "great" | "good" | "big")) {
        return Guard::Skip;
    }
    // participles of support: ", supported by Australia,"
    if entry.pos == Pos::Verb && next == "by" && entry.tier >= 2 {
        return Guard::Skip;
    }
    if entry.pos == Pos::Verb && matches!(form, "deal" | "deals" | "dealt" | "dealing") {
        return Guard::Skip;
    }
    if lemma == "strike" || form == "struck" || form == "strike" || form == "strikes" {
        if matches!(next, "a" | "an" | "the") && matches!(next2, "balance" | "chord" | "note" | "tone" | "pose" | "deal" | "bargain" | "compromise" | "blow" | "nerve" | "match" | "agreement" | "accord") {
            return Guard::Skip;
        }
        if matches!(next, "deal" | "deals" | "agreement" | "balance" | "down" | "out" | "up") {
            return Guard::Skip;
        }
        if entry.pos == Pos::Noun && (matches!(prev, "on" | "general" | "labor" | "labour" | "workers" | "workers'" | "national") || (next == "by" && LABOUR.contains(&next2))) {
            return Guard::Keep("PROTEST", "143", Some("strike"));
        }
        if matches!(prev, "lucky" | "first" | "preemptive") && prev == "first" {
            return keep;
        }
    }
    if form == "hit" && (matches!(next, "record" | "records" | "high" | "highs" | "low" | "lows" | "headlines" | "home" | "shelves" | "stores" | "theaters" | "the") && matches!(next2, "record" | "headlines" | "market" | "markets" | "road" | "ground" | "mark" | "spot" | "" | "high" | "low")) {
        return Guard::Skip;
    }
    if form == "hit" && matches!(next, "record" | "records" | "headlines" | "highs" | "lows") {
        return Guard::Skip;
    }
    if entry.pos == Pos::Noun && matches!(lemma, "attack" | "strike" | "airstrike" | "drone strike" | "missile strike") && NOT_EVENT_AFTER_NOUN.contains(&next) {
        return Guard::Skip;
    }
    if lemma == "attack" && matches!(prev, "heart" | "panic" | "asthma" | "anxiety" | "shark" | "dog") {
        return Guard::Skip;
    }
    if form == "talks" {
        if matches!(next, "about" | "to") || matches!(prev, "he" | "she" | "who" | "it" | "one" | "everyone" | "nobody") {
            return Guard::Skip;
        }
        if s > start && doc.ment_tok[s - 1].is_some_and(|m| doc.mention(m).kind == MentionType::Person) {
            return Guard::Skip;
        }
    }
    if matches!(form, "fall" | "capture" | "release" | "seizure") && next != "of" {
        return Guard::Skip;
    }
    if form == "fall" && !(e + 1..(e + 4).min(end)).any(|t| doc.is_mention_tok(t)) {
        return Guard::Skip;
    }
    if matches!(form, "fighting" | "battle" | "crackdown") && matches!(next, "corruption" | "terrorism" | "crime" | "poverty" | "climate" | "disease" | "covid" | "covid-19" | "inflation" | "cancer" | "for") {
        return Guard::Skip;
    }
    if form == "shot" && matches!(prev, "a" | "the" | "big" | "long") {
        return Guard::Skip;
    }
    if matches!(form, "sanction" | "sanctions") && entry.pos == Pos::Noun && matches!(next, "relief") {
        // "sanctions relief" is the lifting of sanctions
        return Guard::Keep("RETREAT", "085", None);
    }
    // PETRARCH object patterns refine or cancel verb codes
    if entry.pos == Pos::Verb && !entry.block.is_empty() {
        let mut after = [""; 6];
        let n = (e + 6).min(end).saturating_sub(e);
        for (k, w) in after.iter_mut().enumerate().take(n) {
            *w = doc.word(e + k);
        }
        match Lexicon::get().pattern(entry.block, &after[..n]) {
            Some(None) if entry.tier >= 2 => return Guard::Skip,
            Some(Some((c, p, m))) if entry.tier >= 2 || (entry.plover == p && entry.mode.is_none()) => {
                return Guard::Keep(p, c, m.or(if entry.plover == p { entry.mode } else { None }));
            }
            _ => {}
        }
    }
    keep
}

impl Doc<'_> {
    /// Most words of the sentence capitalized: a headline.
    fn title_case(&self, start: usize, end: usize) -> bool {
        let words: Vec<usize> = (start..end).filter(|&t| self.input.seg.tokens[t].kind == TokenKind::Word && self.word(t).len() > 3).collect();
        words.len() >= 2 && words.iter().filter(|&&t| self.capitalized(t)).count() * 4 >= words.len() * 3
    }
}

/// Verbal events that take another event as their theme: "rejecting the
/// U.S. offer of direct talks", "called for a ceasefire". The theme noun is
/// not an occurrence of its own; it refines the verbal event's code.
fn absorb_themes(doc: &Doc, cands: &mut [Cand], start: usize) {
    for i in start..cands.len() {
        if !cands[i].alive || cands[i].entry.pos != Pos::Noun {
            continue;
        }
        let (t0, _) = cands[i].tok;
        // the nearest verbal event before it, within 6 tokens
        let Some(j) = (start..i).rev().find(|&j| cands[j].alive && cands[i].tok.0.saturating_sub(cands[j].tok.1) <= 6) else { continue };
        let verbal = matches!(cands[j].plover, "REJECT" | "AGREE" | "REQUEST" | "THREATEN" | "CONCEDE");
        let theme_ok = matches!(cands[i].plover, "CONSULT" | "AGREE" | "SUPPORT" | "RETREAT" | "AID" | "SANCTION" | "COOPERATE")
            || (cands[j].plover == "THREATEN" && cands[i].plover == "ASSAULT");
        if !theme_ok || cands[i].date.is_some() {
            continue;
        }
        let theme_word = cands[j].entry.form == "offer" || cands[j].entry.form == "overture" || cands[j].entry.form == "proposal";
        if !verbal && !theme_word {
            continue;
        }
        let between: Vec<&str> = (cands[j].tok.1..t0).map(|t| doc.word(t)).collect();
        if between.iter().any(|w| matches!(*w, "," | ";" | "and" | "but" | "while" | "after" | "following" | "since" | "because")) {
            continue;
        }
        let theme = cands[i].plover;
        let (p, c, m): (&'static str, &'static str, Option<&'static str>) = match (cands[j].plover, theme) {
            ("REJECT", "CONSULT") => ("REJECT", "125", Some("meet")),
            ("REJECT", "AGREE" | "SUPPORT") => ("REJECT", "127", Some("meet")),
            ("REJECT", "RETREAT") => ("REJECT", "124", Some("yield")),
            ("REQUEST", "CONSULT") => ("REQUEST", "106", Some("meet")),
            ("REQUEST", "RETREAT") => ("REQUEST", "1056", Some("yield")),
            ("REQUEST", "AID") => ("REQUEST", "103", Some("assist")),
            ("AGREE", "CONSULT") => ("AGREE", "036", None),
            ("AGREE", "RETREAT") => ("AGREE", "0356", None),
            ("THREATEN", "SANCTION") => ("THREATEN", "1312", Some("restrict")),
            ("THREATEN", "ASSAULT") => ("THREATEN", "138", Some("violence")),
            (p, _) => (p, cands[j].cameo, cands[j].mode),
        };
        let (src, tgt, acts) = (cands[i].sources.clone(), cands[i].targets.clone(), cands[i].actors.clone());
        let span = cands[i].triggers[0];
        let c2 = &mut cands[j];
        c2.plover = p;
        c2.cameo = c;
        c2.mode = m;
        if c2.targets.is_empty() {
            c2.targets = if src.is_empty() { tgt } else { src };
        }
        for a in acts {
            if !c2.actors.contains(&a) {
                c2.actors.push(a);
            }
        }
        c2.evidence.push(format!("theme:{}", doc.input.text.get(span.start..span.end).unwrap_or("").to_lowercase()));
        cands[i].alive = false;
    }
}

/// Named events and "Operation <Name>" in sentence `s`.
fn apply_named(doc: &Doc, s: usize, cands: &mut Vec<Cand>, start: usize) {
    let seg = doc.input.seg;
    let Some(sent) = seg.sentences.get(s) else { return };
    let (a, b) = (sent.tokens.start, sent.tokens.end.min(seg.tokens.len()));
    // most sentences have no word an alias or "Operation <Name>" starts at
    if !(a..b).any(|t| !doc.aliases_at(t).is_empty() || doc.word(t) == "operation") {
        return;
    }
    let words: Vec<&str> = (a..b).map(|t| doc.word(t)).collect();
    // which words are capitalized, computed when "operation" first needs it
    let mut caps: Option<Vec<bool>> = None;
    let pub_at = seg.tokens.get(a).and_then(|t| doc.publication_at(t.span.start));
    // The countries and years of the sentence's mentions, computed when a
    // named-event alias first needs them (most sentences have none).
    let context = || {
        let sent_isos: Vec<String> = (a..b)
            .filter_map(|t| doc.ment_tok[t])
            .filter_map(|m| {
                let mm = doc.mention(m);
                doc.entity_of(m).and_then(|e| doc.country_of(e).map(str::to_string)).or_else(|| mm.iso.clone())
            })
            .collect();
        let sent_years: Vec<i32> = (a..b)
            .filter_map(|t| doc.ment_tok[t])
            .filter_map(|m| mention_date(doc.mention(m)).and_then(|d| d.year))
            .collect();
        (sent_isos, sent_years)
    };
    let mut sent_context: Option<(Vec<String>, Vec<i32>)> = None;
    let dominant = pub_at.and_then(|p| doc.pub_country.get(p).cloned().flatten());
    let mut i = 0;
    while i < words.len() {
        let mut matched: Option<(&'static Named, usize)> = None;
        for al in doc.aliases_at(a + i) {
            // the words first: the sentence's context is needed only for an
            // alias that matches (the checks are independent of each other)
            let Some(e) = named::match_at(al.word_bytes(), &words, i) else { continue };
            let (sent_isos, sent_years) = sent_context.get_or_insert_with(&context);
            let n = &named::NAMED[al.event];
            let year = al.year;
            if !sent_years.is_empty() && year.is_some_and(|y| !sent_years.contains(&y)) {
                continue;
            }
            if al.context && !(sent_isos.iter().any(|c| c == n.iso) || dominant.as_deref() == Some(n.iso)) {
                continue;
            }
            if matched.is_none_or(|(_, me)| e > me) {
                matched = Some((n, e));
            }
        }
        if let Some((n, e)) = matched {
            annotate_named(doc, cands, start, a + i, a + e, Some(n), None, pub_at, s);
            i = e;
            continue;
        }
        if words[i] == "operation" {
            let caps = caps.get_or_insert_with(|| (a..b).map(|t| doc.capitalized(t)).collect());
            if let Some((id, e)) = named::operation_id(&words, caps, i) {
                annotate_named(doc, cands, start, a + i, a + e, None, Some(id), pub_at, s);
                i = e;
                continue;
            }
        }
        i += 1;
    }
}

#[allow(clippy::too_many_arguments)]
fn annotate_named(doc: &Doc, cands: &mut Vec<Cand>, start: usize, ts: usize, te: usize, n: Option<&'static Named>, op: Option<String>, pub_at: Option<usize>, s: usize) {
    // the trigger inside the alias (or right after it: "Operation X strikes")
    let idx = (start..cands.len()).find(|&k| cands[k].alive && cands[k].tok.0 < te + 2 && cands[k].tok.1 > ts);
    let compatible = |c: &Cand| n.is_none_or(|n| key::compatible(c.plover, n.plover, &KeyConfig::default()) || c.entry.pos == Pos::Noun && matches!(c.plover, "ASSAULT" | "COERCE" | "AGREE" | "SUPPORT"));
    let k = match idx {
        Some(k) if compatible(&cands[k]) => k,
        _ => {
            let span = span_of(doc, ts, te);
            let entry = Entry {
                form: "",
                lemma: "",
                pos: Pos::Noun,
                cameo: n.map_or("190", |n| n.cameo),
                plover: n.map_or("ASSAULT", |n| n.plover),
                mode: n.and_then(|n| n.mode),
                tier: 1,
                block: "",
                ambiguous: false,
            };
            let mut c = Cand::new(s, (ts, te), entry, pub_at, span);
            c.confidence = 0.7;
            args::attach(doc, &mut c, &[]);
            cands.push(c);
            cands.len() - 1
        }
    };
    let c = &mut cands[k];
    c.needs_actor = false;
    if let Some(n) = n {
        c.named = Some(n);
        c.plover = n.plover;
        c.cameo = n.cameo;
        c.mode = n.mode.or(c.mode);
        c.confidence = c.confidence.max(0.9);
        c.evidence.push(format!("named:{}", n.id));
    }
    if let Some(op) = op {
        c.evidence.push(format!("named:{op}"));
        c.op_name = Some(op);
    }
}

/// Same-sentence triggers of one occurrence: "were killed and 34 injured in
/// a drone strike". Compatible type, no conflicting date or place, no
/// "in response to"/"after" between them.
fn merge_in_sentence(doc: &Doc, cands: &mut [Cand], cfg: &KeyConfig) {
    for i in 0..cands.len() {
        if !cands[i].alive {
            continue;
        }
        for j in (i + 1)..cands.len() {
            if !cands[j].alive || !cands[i].alive {
                continue;
            }
            if !key::compatible(cands[i].plover, cands[j].plover, cfg) {
                continue;
            }
            // the words between the two triggers: tokens a..hi
            let (a, hi) = (cands[i].tok.1, cands[j].tok.0.max(cands[i].tok.1));
            let sep = (a..hi).any(|x| {
                let w = doc.word(x);
                matches!(w, "after" | "following" | "since" | "before" | "amid" | "than" | "while" | "whereas" | "against" | ";" | "—" | "–" | "but" | "also" | "its" | "their")
                    || (x + 1 < hi && matches!((w, doc.word(x + 1)), ("in", "response") | ("in", "retaliation") | ("response", "to") | ("as", "well") | ("concurrent", "to") | ("along", "with")))
            });
            // "Following the coup …, fighting exploded": a fronted
            // adverbial holds an earlier occurrence
            let fronted = (a..hi).any(|x| doc.word(x) == ",")
                && (cands[i].tok.0.saturating_sub(4)..cands[i].tok.0).any(|t| matches!(doc.word(t), "following" | "after" | "since" | "before" | "amid" | "despite"));
            if sep || fronted {
                continue;
            }
            if !args_compatible(doc, &cands[i], &cands[j]) {
                continue;
            }
            // keep the more specific trigger's type (drone strike over killed)
            let (keep, drop) = if specificity(&cands[j]) > specificity(&cands[i]) { (j, i) } else { (i, j) };
            let other = cands[drop].clone();
            absorb(&mut cands[keep], other, "same-sentence");
            cands[drop].alive = false;
        }
    }
}

fn specificity(c: &Cand) -> u8 {
    // a curated trigger before a PETRARCH-only verb, which needs both
    // actors to survive
    u8::from(c.entry.tier == 1) * 8 + u8::from(c.named.is_some()) * 4 + u8::from(c.mode.is_some()) * 2 + u8::from(c.entry.pos == Pos::Noun)
}

/// No conflicting date, place country or source.
fn args_compatible(doc: &Doc, a: &Cand, b: &Cand) -> bool {
    if let (Some(x), Some(y)) = (&a.date, &b.date) {
        if !dates_agree(x, y) {
            return false;
        }
    }
    let ca = place_countries(doc, a);
    let cb = place_countries(doc, b);
    if !ca.is_empty() && !cb.is_empty() && !ca.iter().any(|c| cb.contains(c)) {
        return false;
    }
    // sources conflict only when neither side's sources take part in the other
    let all = |c: &Cand| {
        let mut v: Vec<usize> = c.sources.iter().chain(&c.targets).chain(&c.actors).copied().collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let (aa, ab) = (countries(doc, &all(a)), countries(doc, &all(b)));
    let sa = countries(doc, &a.sources);
    let sb = countries(doc, &b.sources);
    if !sa.is_empty() && !sb.is_empty() && !sa.iter().any(|c| ab.contains(c)) && !sb.iter().any(|c| aa.contains(c)) {
        return false;
    }
    true
}

fn dates_agree(x: &PartialDate, y: &PartialDate) -> bool {
    let f = |a: Option<i64>, b: Option<i64>| a.is_none() || b.is_none() || a == b;
    f(x.year.map(i64::from), y.year.map(i64::from)) && f(x.month.map(i64::from), y.month.map(i64::from)) && f(x.day.map(i64::from), y.day.map(i64::from))
}

fn countries<'d>(doc: &'d Doc, ents: &[usize]) -> Vec<&'d str> {
    let mut v: Vec<&str> = ents.iter().filter_map(|&e| doc.country_of(e)).collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn place_countries<'d>(doc: &'d Doc, c: &Cand) -> Vec<&'d str> {
    countries(doc, &c.places)
}

fn absorb(into: &mut Cand, other: Cand, why: &str) {
    for (dst, src) in [
        (&mut into.sources, other.sources),
        (&mut into.targets, other.targets),
        (&mut into.actors, other.actors),
        (&mut into.places, other.places),
        (&mut into.publications, other.publications),
    ] {
        for x in src {
            if !dst.contains(&x) {
                dst.push(x);
            }
        }
    }
    for t in other.triggers {
        if !into.triggers.contains(&t) {
            into.triggers.push(t);
        }
    }
    if let Some(p) = other.publication {
        if !into.publications.contains(&p) {
            into.publications.push(p);
        }
    }
    if into.date.is_none() || (other.date.is_some_and(|d| d.day.is_some()) && into.date.is_some_and(|d| d.day.is_none())) {
        if other.date.is_some() {
            into.date = other.date;
            into.date_tok = other.date_tok;
        }
    }
    if into.named.is_none() {
        into.named = other.named;
    }
    if into.op_name.is_none() {
        into.op_name = other.op_name;
    }
    if into.mode.is_none() && other.entry.tier == 1 && other.plover == into.plover {
        into.mode = other.mode;
    }
    into.needs_actor &= other.needs_actor;
    into.confidence = into.confidence.max(other.confidence);
    for e in other.evidence {
        if !into.evidence.contains(&e) {
            into.evidence.push(e);
        }
    }
    let w = why.to_string();
    if !into.evidence.contains(&w) {
        into.evidence.push(w);
    }
}

/// How many event candidates back (or forward, for headlines) an anaphor
/// looks for its antecedent. News prose names its antecedent within a few
/// paragraphs; the bound keeps huge documents linear.
const ANAPHORA_WINDOW: usize = 100;

/// Anaphors ("the attack", "these strikes") join the latest compatible
/// event of the same publication; headline mentions join the first
/// compatible event that follows them in the publication.
fn resolve_anaphora(doc: &Doc, cands: &mut [Cand], cfg: &KeyConfig) {
    // drop candidates that lack the evidence their trigger needs
    for c in cands.iter_mut() {
        let has_actor = !c.sources.is_empty() || !c.targets.is_empty() || !c.actors.is_empty();
        if c.entry.tier >= 2 && !(c.named.is_some() || (!c.sources.is_empty() && !c.targets.is_empty())) {
            c.alive = false;
        } else if c.needs_actor && !has_actor && !c.definite {
            c.alive = false;
        }
    }
    for i in 0..cands.len() {
        if !cands[i].alive || cands[i].named.is_some() || cands[i].op_name.is_some() {
            continue;
        }
        let anaphor = cands[i].definite && cands[i].date.is_none() && cands[i].entry.pos == Pos::Noun;
        let title = cands[i].title && cands[i].date.is_none() && cands[i].entry.pos == Pos::Noun;
        if !anaphor && !title {
            if cands[i].needs_actor && cands[i].sources.is_empty() && cands[i].targets.is_empty() && cands[i].actors.is_empty() {
                cands[i].alive = false;
            }
            continue;
        }
        let pb = cands[i].publication;
        let found = if anaphor {
            (i.saturating_sub(ANAPHORA_WINDOW)..i).rev().find(|&j| cands[j].alive && cands[j].publication == pb && cands[j].sent < cands[i].sent && key::compatible(cands[i].plover, cands[j].plover, cfg) && args_compatible(doc, &cands[i], &cands[j]) && actors_subset(doc, &cands[i], &cands[j]))
        } else {
            None
        };
        let found = found.or_else(|| {
            if title {
                ((i + 1)..cands.len().min(i + 1 + ANAPHORA_WINDOW)).find(|&j| cands[j].alive && cands[j].publication == pb && cands[j].sent > cands[i].sent && key::compatible(cands[i].plover, cands[j].plover, cfg) && args_compatible(doc, &cands[i], &cands[j]) && actors_subset(doc, &cands[i], &cands[j]))
            } else {
                None
            }
        });
        match found {
            Some(j) => {
                let other = cands[i].clone();
                let why = if anaphor { "same-publication:anaphor" } else { "same-publication:headline" };
                absorb(&mut cands[j], other, why);
                cands[i].alive = false;
            }
            None => {
                if cands[i].needs_actor && cands[i].sources.is_empty() && cands[i].targets.is_empty() && cands[i].actors.is_empty() {
                    cands[i].alive = false;
                }
            }
        }
    }
}

/// The anaphor's actors (by country) appear among the antecedent's.
fn actors_subset(doc: &Doc, ana: &Cand, ante: &Cand) -> bool {
    let mine = countries(doc, &ana.sources);
    if mine.is_empty() {
        return true;
    }
    let mut theirs = countries(doc, &ante.sources);
    theirs.extend(countries(doc, &ante.actors));
    mine.iter().all(|c| theirs.contains(c)) || ana.sources.iter().all(|s| ante.actors.contains(s) || ante.sources.contains(s))
}

fn build_events(doc: &Doc, cands: Vec<Cand>, cfg: &KeyConfig) -> Vec<Event> {
    let mut events: Vec<Event> = Vec::new();
    for mut c in cands.into_iter().filter(|c| c.alive) {
        if let Some(p) = c.publication {
            if !c.publications.contains(&p) {
                c.publications.insert(0, p);
            }
        }
        // named events give date and place when the text does not
        if let Some(n) = c.named {
            let nd = PartialDate::parse(n.date);
            if c.date.is_none_or(|d| nd.is_some_and(|nd| !dates_agree(&d, &nd)) || d.day.is_none()) {
                c.date = nd;
            }
        }
        let mut actors: Vec<usize> = Vec::new();
        for x in c.sources.iter().chain(&c.targets).chain(&c.actors) {
            if !actors.contains(x) {
                actors.push(*x);
            }
        }
        let (pc, why) = match c.named {
            Some(n) => (vec![n.iso.to_string()], "named"),
            None => key_countries(doc, &mut c),
        };
        let key = if let Some(op) = &c.op_name {
            ["named:", op.as_str()].concat()
        } else {
            key::global_key(c.plover, c.date.as_ref(), &pc, &[], cfg)
                .unwrap_or_else(|| key::local_key(c.plover, doc.text_hash(), c.triggers.first().map_or(0, |s| s.cstart)))
        };
        if !key.starts_with("local:") && !why.is_empty() && why != "named" {
            c.evidence.push(["key-country:", why].concat());
        }
        if !key.starts_with("local:") {
            c.evidence.push(["key:", key.as_str()].concat());
        }
        let label = label(doc, &c, &pc);
        let ev = Event {
            key,
            plover: c.plover,
            mode: c.mode,
            cameo: Some(c.cameo).filter(|s| !s.is_empty()),
            label,
            date: c.date,
            date_end: c.date_end,
            places: c.places,
            sources: c.sources,
            targets: c.targets,
            actors,
            triggers: c.triggers,
            publications: c.publications,
            confidence: c.confidence,
            evidence: c.evidence,
        };
        match events.iter_mut().find(|e| e.key == ev.key) {
            Some(e) => merge_event(e, ev),
            None => events.push(ev),
        }
    }
    main_participant_keys(doc, &mut events, cfg);
    for e in &mut events {
        e.triggers.sort();
        e.publications.sort();
        e.publications.dedup();
    }
    events
}

/// Characters from a publication's start that count as its headline and lede.
const LEDE: usize = 300;

/// A publication's main event and its central participant. News without a
/// usable date or place (no dateline, "on Tuesday") still names who the
/// story is about: the publication's main event (the one its headline and
/// lede mention most) gets a key on the person the publication names most
/// (headline and lede counting double; named twice at least), with the
/// publication's year when known: `EVENT+2013+person:ellen-degeneres`.
/// Only a main event left with a document-local key is re-keyed; the type
/// family is left out because one story's main event is typed differently
/// by different reports ("hosts", "named host", "picked").
fn main_participant_keys(doc: &Doc, events: &mut Vec<Event>, cfg: &KeyConfig) {
    if !cfg.participant_keys {
        return;
    }
    for (p, pb) in doc.input.publications.iter().enumerate() {
        let lede_end = pb.span.start + LEDE;
        // the person named most
        let mut weight: Vec<(usize, usize, usize, usize)> = Vec::new(); // entity, weight, first offset, mentions
        for (mi, m) in doc.input.mentions.iter().enumerate() {
            if m.kind != MentionType::Person || m.publication != p {
                continue;
            }
            let Some(e) = doc.entity_of(mi).filter(|&e| doc.entity(e).is_some_and(|en| en.kind == EntityKind::Person)) else { continue };
            let w = if m.span.start < lede_end { 2 } else { 1 };
            match weight.iter_mut().find(|x| x.0 == e) {
                Some(x) => {
                    x.1 += w;
                    x.3 += 1;
                }
                None => weight.push((e, w, m.span.start, 1)),
            }
        }
        let Some(&(person, _, _, n)) = weight.iter().max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2))) else { continue };
        if n < 2 {
            continue;
        }
        // the main event
        let score = |e: &Event| -> usize {
            e.triggers.iter().filter(|t| pb.span.start <= t.start && t.start < pb.span.end.max(pb.span.start + 1)).map(|t| if t.start < lede_end { 2 } else { 1 }).sum()
        };
        let Some(main) = (0..events.len()).filter(|&i| events[i].publications.contains(&p)).max_by(|&a, &b| {
            score(&events[a]).cmp(&score(&events[b])).then_with(|| events[b].triggers.first().map(|t| t.start).cmp(&events[a].triggers.first().map(|t| t.start)))
        }) else {
            continue;
        };
        if score(&events[main]) == 0 || !events[main].key.starts_with("local:") {
            continue;
        }
        let Some(en) = doc.entity(person) else { continue };
        let year = pb.published.and_then(|d| d.year).filter(|_| cfg.participant_year);
        let key = match year {
            Some(y) => format!("EVENT+{y:04}+person:{}", en.key),
            None => format!("EVENT+person:{}", en.key),
        };
        let ev = &mut events[main];
        ev.key = key.clone();
        ev.evidence.push(format!("key:main-participant:{}", en.name));
        ev.evidence.push(format!("key:{key}"));
        if !ev.actors.contains(&person) {
            ev.actors.push(person);
        }
        // another main event of the page with the same key: one event
        if let Some(other) = (0..events.len()).find(|&i| i != main && events[i].key == key) {
            let e = events.remove(main);
            let o = if other > main { other - 1 } else { other };
            merge_event(&mut events[o], e);
        }
    }
}

/// The country part of an event's key: one canonical country where the
/// event happened, so that reports naming different sets of places and
/// actors still meet. In order: the most often named place country (first
/// named on ties); for a directed event the target country, else the
/// source country (countries themselves before the countries of people and
/// organizations); for a symmetric event (talks, agreements) the sorted
/// participant countries; else the publication's dominant country, which
/// then also becomes the event's place. Returns the countries and why.
fn key_countries(doc: &Doc, c: &mut Cand) -> (Vec<String>, &'static str) {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for &p in &c.places {
        if let Some(iso) = doc.country_of(p) {
            match counts.iter_mut().find(|(x, _)| x == iso) {
                Some(x) => x.1 += 1,
                None => counts.push((iso.to_string(), 1)),
            }
        }
    }
    if let Some(best) = counts.iter().map(|x| x.1).max() {
        // ties: where it happened rather than who it happened to ("a U.S.
        // base in Jordan" is in Jordan): a tied country that takes no part,
        // else the first named
        let part: Vec<String> = c.targets.iter().chain(&c.sources).chain(&c.actors).filter_map(|&e| doc.country_of(e).map(str::to_string)).collect();
        let tied: Vec<&String> = counts.iter().filter(|x| x.1 == best).map(|x| &x.0).collect();
        let first = tied.iter().find(|t| !part.contains(t)).or(tied.first()).map(|t| t.to_string()).unwrap_or_default();
        return (vec![first], if counts.len() > 1 { "primary-place" } else { "place" });
    }
    let is_country = |e: &usize| doc.entity(*e).is_some_and(|en| en.kind == EntityKind::Country);
    let country_list = |ents: &[usize], strict: bool| -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        for e in ents.iter().filter(|e| !strict || is_country(e)) {
            if let Some(iso) = doc.country_of(*e) {
                if !v.iter().any(|x| x == iso) {
                    v.push(iso.to_string());
                }
            }
        }
        v
    };
    if args::is_symmetric(c.plover) {
        let all: Vec<usize> = c.sources.iter().chain(&c.targets).chain(&c.actors).copied().collect();
        for strict in [true, false] {
            let mut v = country_list(&all, strict);
            if !v.is_empty() {
                v.sort();
                return (v, "participants");
            }
        }
    } else {
        for strict in [true, false] {
            for (list, why) in [(&c.targets, "target"), (&c.sources, "source")] {
                if let Some(iso) = country_list(list, strict).into_iter().next() {
                    return (vec![iso], why);
                }
            }
        }
    }
    // the one country its sentence names ("the conflict in Myanmar
    // following the military coup of February 1, 2021")
    let dated = c.date.is_some_and(|d| d.year.is_some() && d.month.is_some());
    if dated {
        if let Some(sent) = doc.input.seg.sentences.get(c.sent) {
            let mut isos: Vec<String> = Vec::new();
            let mut t = sent.tokens.start;
            while t < sent.tokens.end.min(doc.ment_tok.len()) {
                let Some(m) = doc.ment_tok[t] else {
                    t += 1;
                    continue;
                };
                let mm = doc.mention(m);
                if matches!(mm.kind, MentionType::Country | MentionType::Nationality | MentionType::Place) {
                    if let Some(iso) = doc.entity_of(m).and_then(|e| doc.country_of(e).map(str::to_string)).or_else(|| mm.iso.clone()) {
                        if !isos.contains(&iso) {
                            isos.push(iso);
                        }
                    }
                }
                t = doc.ment_range[m].1.max(t + 1);
            }
            if let [iso] = isos.as_slice() {
                let iso = iso.clone();
                if let Some(e) = doc.input.entities.iter().position(|en| en.kind == EntityKind::Country && en.iso.as_deref() == Some(iso.as_str())) {
                    if !c.places.contains(&e) {
                        c.places.push(e);
                    }
                }
                return (vec![iso], "sentence-country");
            }
        }
    }
    // the publication's country, when the event names no other
    let others = country_list(&c.actors, false);
    if let Some(dom) = c.publication.and_then(|p| doc.pub_country.get(p).cloned().flatten()).filter(|_| dated) {
        if others.is_empty() || others.contains(&dom) {
            if let Some(e) = doc.input.entities.iter().position(|en| en.kind == EntityKind::Country && en.iso.as_deref() == Some(dom.as_str())) {
                if !c.places.contains(&e) {
                    c.places.push(e);
                }
            }
            return (vec![dom], "publication-country");
        }
    }
    (others, "actors")
}

fn merge_event(into: &mut Event, other: Event) {
    for (dst, src) in [
        (&mut into.places, other.places),
        (&mut into.sources, other.sources),
        (&mut into.targets, other.targets),
        (&mut into.actors, other.actors),
        (&mut into.publications, other.publications),
    ] {
        for x in src {
            if !dst.contains(&x) {
                dst.push(x);
            }
        }
    }
    into.triggers.extend(other.triggers);
    if into.mode.is_none() {
        into.mode = other.mode;
    }
    into.confidence = into.confidence.max(other.confidence);
    for e in other.evidence {
        if !into.evidence.contains(&e) {
            into.evidence.push(e);
        }
    }
    if !into.evidence.iter().any(|e| e == "same-key") {
        into.evidence.push("same-key".into());
    }
}

fn label(doc: &Doc, c: &Cand, pc: &[String]) -> String {
    if let Some(n) = c.named {
        return n.label.to_string();
    }
    let trig = c
        .triggers
        .iter()
        .filter(|s| s.end <= doc.input.text.len())
        .max_by_key(|s| (s.len(), std::cmp::Reverse(s.start)))
        .and_then(|s| doc.input.text.get(s.start..s.end))
        .unwrap_or(c.plover);
    let mut head = trig.to_lowercase();
    if let Some(op) = &c.op_name {
        head = op.replace('-', " ");
    }
    let name_of = |e: usize| doc.entity(e).map(|en| en.name.as_str());
    // the most specific place: a city or region first, else the country
    let place = c
        .places
        .iter()
        .find(|&&p| doc.entity(p).is_some_and(|en| en.kind == EntityKind::Country))
        .or(c.places.first())
        .and_then(|&p| name_of(p));
    let _ = pc;
    if let Some(p) = place {
        return [head.as_str(), " in ", p].concat();
    }
    if let Some(t) = c.targets.first().and_then(|&t| name_of(t)) {
        return [head.as_str(), " against ", t].concat();
    }
    if let Some(s) = c.sources.first().and_then(|&t| name_of(t)) {
        return [head.as_str(), " by ", s].concat();
    }
    head
}

#[cfg(test)]
mod tests;
