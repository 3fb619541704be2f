//! Recognize: find the mentions of people, organizations, countries,
//! nationalities, places and time expressions in a document.
//!
//! Three recognizers propose candidates, and an arbitration step keeps one
//! reading for every stretch of text:
//!
//! - [`timex`]: rule-based TIMEX3 tagger, run per publication with that
//!   publication's own date as reference (a listed item uses its date line);
//! - [`gazetteer`]: embedded dictionaries of countries, demonyms, places,
//!   organizations and known actors, with ISO codes;
//! - [`tagger`]: the averaged-perceptron sequence tagger trained on
//!   CoNLL-2003, for names no dictionary holds.
//!
//! Layout adds the authors it found in bylines. A last pass propagates names
//! through the document (a surname seen once as part of a full name is a
//! person elsewhere too). No I/O, no IRIs; the result is mentions plus
//! diagnostics, never an error.

pub mod gazetteer;
pub mod tagger;
pub mod timex;

use crate::layout;
use crate::model::{Diagnostic, Document, Mention, MentionType, Publication, PubRole, Source, Span};
use crate::text::{CharIndex, Segmented, TokenKind};
use gazetteer::{GazHit, GazKind, Gazetteer};
use tagger::{NerLabel, Tagger};

/// The recognizers' resources: embedded by default, shared across threads.
pub struct Recognizers<'a> {
    pub gazetteer: &'a Gazetteer,
    pub tagger: &'a Tagger,
}

impl Recognizers<'static> {
    /// The embedded gazetteer and tagger (parsed once, lazily).
    pub fn embedded() -> Self {
        Recognizers { gazetteer: Gazetteer::embedded(), tagger: Tagger::embedded() }
    }
}

/// One proposal before arbitration.
#[derive(Clone, Debug)]
struct Candidate {
    start: usize,
    end: usize,
    kind: MentionType,
    iso: Option<String>,
    value: Option<String>,
    norm: String,
    confidence: f32,
    source: Source,
    geo_id: Option<u32>,
    /// Higher wins overlaps.
    priority: u8,
}

/// Find the mentions of a segmented document with its publications.
pub fn recognize(doc: &Document, seg: &Segmented, pubs: &[Publication], rec: &Recognizers) -> (Vec<Mention>, Vec<Diagnostic>) {
    let text = doc.text.as_str();
    let diags = Vec::new();
    let mut cands: Vec<Candidate> = Vec::new();

    temporal_candidates(text, pubs, &mut cands);
    let tagged = tagger_spans(text, seg, rec.tagger);
    let hits = rec.gazetteer.find(text);
    gazetteer_candidates(text, &hits, &tagged, &mut cands);
    tagger_candidates(text, &tagged, &hits, rec.gazetteer, &mut cands);
    drop_in_layout_lines(pubs, &mut cands);
    author_candidates(text, pubs, &mut cands);

    let mut chosen = arbitrate(cands);
    propagate_names(text, seg, &mut chosen);

    let idx = CharIndex::new(text);
    let mentions = chosen
        .into_iter()
        .map(|c| {
            let span = idx.span(c.start, c.end);
            Mention {
                publication: layout::owner(pubs, &span),
                span,
                text: text[c.start..c.end].to_string(),
                kind: c.kind,
                iso: c.iso,
                value: c.value,
                norm: c.norm,
                confidence: c.confidence,
                source: c.source,
                geo_id: c.geo_id,
            }
        })
        .collect();
    (mentions, diags)
}

/// Time expressions, publication by publication, each with its own
/// reference date. The main article covers the text outside listed items.
fn temporal_candidates(text: &str, pubs: &[Publication], out: &mut Vec<Candidate>) {
    let mut listed: Vec<&Publication> = pubs.iter().filter(|p| p.role == PubRole::Listed).collect();
    listed.sort_by_key(|p| p.span.start);
    let main_dct = pubs.first().and_then(|p| p.published).and_then(|d| d.to_naive());
    let mut regions: Vec<(usize, usize, Option<chrono::NaiveDate>)> = Vec::new();
    let mut pos = 0;
    for p in &listed {
        if p.span.start > pos {
            regions.push((pos, p.span.start, main_dct));
        }
        regions.push((p.span.start, p.span.end, p.published.and_then(|d| d.to_naive())));
        pos = pos.max(p.span.end);
    }
    if pos < text.len() {
        regions.push((pos, text.len(), main_dct));
    }
    for (a, b, dct) in regions {
        for t in timex::tag(text, a..b, dct) {
            let kind = match t.kind {
                timex::TimexKind::Date => MentionType::Date,
                timex::TimexKind::Time => MentionType::Time,
                timex::TimexKind::Duration => MentionType::Duration,
                timex::TimexKind::Set => MentionType::Set,
            };
            out.push(Candidate {
                start: t.start,
                end: t.end,
                kind,
                iso: None,
                // a duration counted from the reference time ("two days
                // later") is normalized to the date it reaches
                norm: match (t.kind, t.anchor) {
                    (timex::TimexKind::Duration, Some(anchor)) => anchor,
                    _ => t.value.clone(),
                },
                value: Some(t.value),
                confidence: if t.anchored && dct.is_none() { 0.6 } else { 0.9 },
                source: Source::Timex,
                geo_id: None,
                priority: 80,
            });
        }
    }
}

/// A tagger span in byte offsets.
#[derive(Clone, Copy, Debug)]
struct Tagged {
    start: usize,
    end: usize,
    label: NerLabel,
    confidence: f32,
}

fn tagger_spans(text: &str, seg: &Segmented, tagger: &Tagger) -> Vec<Tagged> {
    let sentences: Vec<Vec<&str>> = seg
        .sentences
        .iter()
        .map(|s| s.tokens.clone().map(|i| seg.token_text(text, i)).collect())
        .collect();
    let tagged = tagger.tag_document(&sentences);
    let mut out = Vec::new();
    for (s, spans) in seg.sentences.iter().zip(tagged) {
        for sp in spans {
            let a = s.tokens.start + sp.start_token;
            let b = s.tokens.start + sp.end_token;
            if a >= b || b > seg.tokens.len() {
                continue;
            }
            out.push(Tagged {
                start: seg.tokens[a].span.start,
                end: seg.tokens[b - 1].span.end,
                label: sp.label,
                confidence: sp.confidence,
            });
        }
    }
    out
}

/// Indices of `items` stably sorted by start, so the items that start in a
/// range are found by binary search: without it, matching every hit against
/// every tagger span is quadratic and a document of some megabytes takes
/// hours.
fn order_by_start<T>(items: &[T], start: impl Fn(&T) -> usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| start(&items[i]));
    order
}

/// The items (in `order`, from [`order_by_start`]) whose start is in `lo..hi`.
fn starting_in<'a, T>(
    items: &'a [T],
    order: &'a [usize],
    start: impl Fn(&T) -> usize + Copy + 'a,
    lo: usize,
    hi: usize,
) -> impl Iterator<Item = &'a T> + 'a {
    let a = order.partition_point(|&i| start(&items[i]) < lo);
    order[a..].iter().map(move |&i| &items[i]).take_while(move |t| start(t) < hi)
}

/// Tagger spans overlapping `start..end`; `order` sorts `tagged` by start
/// and no span is longer than `max_len`.
fn tagged_over<'a>(tagged: &'a [Tagged], order: &'a [usize], max_len: usize, start: usize, end: usize) -> impl Iterator<Item = &'a Tagged> {
    starting_in(tagged, order, |t: &Tagged| t.start, (start + 1).saturating_sub(max_len), end)
        .filter(move |t| t.start < end && start < t.end)
}

fn gazetteer_candidates(text: &str, hits: &[GazHit], tagged: &[Tagged], out: &mut Vec<Candidate>) {
    let order = order_by_start(tagged, |t| t.start);
    let max_len = tagged.iter().map(|t| t.end.saturating_sub(t.start)).max().unwrap_or(0);
    for h in hits {
        let over: Vec<&Tagged> = tagged_over(tagged, &order, max_len, h.start, h.end).collect();
        // A longer name that holds this hit ("United States Institute of
        // Peace", "Iran Primer", "Michael Jordan") is read as that name.
        let inside_longer_name = over.iter().any(|t| {
            matches!(t.label, NerLabel::Org | NerLabel::Per | NerLabel::Misc)
                && t.start <= h.start
                && h.end <= t.end
                && (t.end - t.start) > (h.end - h.start)
                && !(t.label == NerLabel::Misc && matches!(h.kind, GazKind::Country | GazKind::Nationality))
        });
        let tagger_says_person = over.iter().any(|t| t.label == NerLabel::Per);
        let tagger_says_loc = over.iter().any(|t| t.label == NerLabel::Loc);
        if h.ambiguous {
            let ctx = gazetteer::context_says_place(text, h);
            let keep = match h.kind {
                GazKind::Country | GazKind::Place => ctx.unwrap_or(tagger_says_loc) && !tagger_says_person,
                _ => ctx != Some(false) && !tagger_says_person,
            };
            if !keep {
                continue;
            }
        }
        let (kind, priority) = match h.kind {
            GazKind::Country => (MentionType::Country, 70),
            GazKind::Nationality => (MentionType::Nationality, 70),
            GazKind::Place => (MentionType::Place, 60),
            GazKind::Organization => (MentionType::Organization, 65),
            GazKind::Person => (MentionType::Person, 65),
        };
        // Inside a longer tagged name, the gazetteer reading loses unless the
        // name is also a dictionary entry of its own (checked by length).
        let priority = if inside_longer_name { 20 } else { priority };
        // A place or organization name the tagger reads as another class in
        // this context ("Somerset beat Essex": teams) yields unless the
        // dictionary is near certain.
        let tagger_disagrees = over.iter().any(|t| {
            t.confidence >= 0.5
                && match h.kind {
                    GazKind::Place => t.label != NerLabel::Loc,
                    GazKind::Organization => t.label != NerLabel::Org,
                    _ => false,
                }
        });
        let priority = if tagger_disagrees && h.confidence < 0.9 { 30 } else { priority };
        out.push(Candidate {
            start: h.start,
            end: h.end,
            kind,
            iso: h.iso.map(str::to_string),
            value: None,
            norm: h.canonical.clone(),
            confidence: h.confidence,
            source: Source::Gazetteer,
            geo_id: h.geo_id,
            priority,
        });
    }
}

fn tagger_candidates(text: &str, tagged: &[Tagged], hits: &[GazHit], gaz: &Gazetteer, out: &mut Vec<Candidate>) {
    let order = order_by_start(hits, |h| h.start);
    for t in tagged {
        let surface = &text[t.start..t.end];
        // Hits inside the span, in their original order (the sort is stable).
        let inside = || starting_in(hits, &order, |h: &GazHit| h.start, t.start, t.end.max(t.start + 1));
        let exact = inside().find(|h| h.start == t.start && h.end == t.end);
        // A "person" whose name holds a country or demonym ("Iran Primer")
        // is the name of an organization or a work, not a person.
        let holds_country = inside().any(|h| {
            !h.ambiguous && matches!(h.kind, GazKind::Country | GazKind::Nationality) && t.start <= h.start && h.end <= t.end && (h.end - h.start) < (t.end - t.start)
        });
        let (kind, iso, norm, geo) = match t.label {
            NerLabel::Per if holds_country => (MentionType::Organization, None, surface.to_string(), None),
            NerLabel::Per => (MentionType::Person, None, surface.to_string(), None),
            NerLabel::Org => (MentionType::Organization, None, surface.to_string(), None),
            NerLabel::Loc => match exact {
                Some(h) if h.kind == GazKind::Country => (MentionType::Country, h.iso.map(str::to_string), h.canonical.clone(), h.geo_id),
                Some(h) if h.kind == GazKind::Place => (MentionType::Place, h.iso.map(str::to_string), h.canonical.clone(), h.geo_id),
                _ => match gaz.country_by_name(surface) {
                    Some(c) => (MentionType::Country, Some(c.iso2.to_string()), c.name.to_string(), None),
                    None => (MentionType::Place, None, surface.to_string(), None),
                },
            },
            NerLabel::Misc => match exact {
                Some(h) if h.kind == GazKind::Nationality => (MentionType::Nationality, h.iso.map(str::to_string), h.canonical.clone(), None),
                _ => continue,
            },
        };
        // Names of one or two letters, or pure punctuation, are noise.
        if surface.chars().filter(|c| c.is_alphabetic()).count() < 2 {
            continue;
        }
        out.push(Candidate {
            start: t.start,
            end: t.end,
            kind,
            iso,
            value: None,
            norm,
            confidence: t.confidence,
            source: Source::Tagger,
            geo_id: geo,
            priority: 50,
        });
    }
}

/// Layout lines are not prose: in headings (title case) only dictionary and
/// time readings count; in furniture (bylines, type and topic lines) none
/// does (layout adds the authors itself).
fn drop_in_layout_lines(pubs: &[Publication], cands: &mut Vec<Candidate>) {
    let heads: Vec<(usize, usize)> = pubs.iter().flat_map(|p| p.headings.iter().map(|s| (s.start, s.end))).collect();
    let furn: Vec<(usize, usize)> = pubs.iter().flat_map(|p| p.furniture.iter().map(|s| (s.start, s.end))).collect();
    let within = |set: &[(usize, usize)], c: &Candidate| set.iter().any(|&(a, b)| c.start < b && a < c.end);
    cands.retain(|c| {
        if within(&furn, c) {
            return false;
        }
        !(c.source == Source::Tagger && within(&heads, c))
    });
}

/// Authors found by layout, where their names stand in the text.
fn author_candidates(text: &str, pubs: &[Publication], out: &mut Vec<Candidate>) {
    for p in pubs {
        for a in &p.authors {
            if a.is_empty() {
                continue;
            }
            let region = &text[p.span.start..p.span.end];
            for (i, _) in region.match_indices(a.as_str()) {
                let start = p.span.start + i;
                let end = start + a.len();
                if !is_word_boundary(text, start, end) {
                    continue;
                }
                out.push(Candidate {
                    start,
                    end,
                    kind: MentionType::Person,
                    iso: None,
                    value: None,
                    norm: a.clone(),
                    confidence: 0.95,
                    source: Source::Layout,
                    geo_id: None,
                    priority: 90,
                });
            }
        }
    }
}

fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Keep the best non-overlapping candidates: higher priority first, then
/// longer, then earlier. The result is in text order.
fn arbitrate(mut cands: Vec<Candidate>) -> Vec<Candidate> {
    cands.sort_by(|a, b| {
        b.priority
            .cmp(&a.priority)
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.start.cmp(&b.start))
    });
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut out: Vec<Candidate> = Vec::new();
    for c in cands {
        if c.start >= c.end {
            continue;
        }
        let i = taken.partition_point(|&(s, _)| s < c.start);
        let clash_prev = i > 0 && taken[i - 1].1 > c.start;
        let clash_next = i < taken.len() && taken[i].0 < c.end;
        if clash_prev || clash_next {
            continue;
        }
        taken.insert(i, (c.start, c.end));
        out.push(c);
    }
    out.sort_by_key(|c| (c.start, c.end));
    out
}

/// Name propagation: a person's surname, or an organization's full name,
/// found once is recognized wherever else it stands capitalized and free.
fn propagate_names(text: &str, seg: &Segmented, chosen: &mut Vec<Candidate>) {
    let mut names: Vec<(String, MentionType, String)> = Vec::new();
    for c in chosen.iter() {
        let surface = &text[c.start..c.end];
        match c.kind {
            MentionType::Person => {
                let words: Vec<&str> = surface.split_whitespace().collect();
                if words.len() >= 2 {
                    names.push((surface.to_string(), MentionType::Person, c.norm.clone()));
                    let last = words[words.len() - 1];
                    if last.chars().next().is_some_and(char::is_uppercase) && last.chars().count() >= 3 {
                        names.push((last.to_string(), MentionType::Person, c.norm.clone()));
                    }
                }
            }
            MentionType::Organization if surface.chars().count() >= 3 => {
                names.push((surface.to_string(), MentionType::Organization, c.norm.clone()));
            }
            _ => {}
        }
    }
    if names.is_empty() {
        return;
    }
    // Longest names first, so "Osama Gharizi" wins over "Gharizi".
    names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    names.dedup_by(|a, b| a.0 == b.0);
    let mut added = Vec::new();
    for tok in &seg.tokens {
        if tok.kind != TokenKind::Word {
            continue;
        }
        let w = &text[tok.span.start..tok.span.end];
        if !w.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let first = text.as_bytes()[tok.span.start];
        for (name, kind, norm) in &names {
            // first byte before the full comparison (most names fail there)
            if name.as_bytes().first() != Some(&first) || !text[tok.span.start..].starts_with(name.as_str()) {
                continue;
            }
            let (s, e) = (tok.span.start, tok.span.start + name.len());
            if !is_word_boundary(text, s, e) {
                continue;
            }
            let i = chosen.partition_point(|c| c.start < s);
            let clash = (i > 0 && chosen[i - 1].end > s) || (i < chosen.len() && chosen[i].start < e) || added.iter().any(|c: &Candidate| c.start < e && s < c.end);
            if clash {
                continue;
            }
            added.push(Candidate {
                start: s,
                end: e,
                kind: *kind,
                iso: None,
                value: None,
                norm: norm.clone(),
                confidence: 0.7,
                source: Source::Rule,
                geo_id: None,
                priority: 40,
            });
        }
    }
    if !added.is_empty() {
        chosen.extend(added);
        chosen.sort_by_key(|c| (c.start, c.end));
    }
}

/// Spans of a mention type, for tests and callers that only need spans.
pub fn spans_of(mentions: &[Mention], kind: MentionType) -> Vec<Span> {
    mentions.iter().filter(|m| m.kind == kind).map(|m| m.span).collect()
}
