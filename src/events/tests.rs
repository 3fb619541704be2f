//! Unit tests of the event stage on hand-written news sentences with
//! hand-built mentions and entities (no shared data files).

use super::*;
use crate::model::{Entity, EntityKind, Mention, MentionType, PubRole, Publication, Source, Span};
use crate::text::segment;

struct B {
    text: String,
    mentions: Vec<Mention>,
    entities: Vec<Entity>,
    me: Vec<Option<usize>>,
    pubs: Vec<Publication>,
}

fn span(text: &str, start: usize, end: usize) -> Span {
    Span { start, end, cstart: text[..start].chars().count(), cend: text[..end].chars().count() }
}

impl B {
    fn new(text: &str) -> B {
        let pubs = vec![Publication {
            role: PubRole::Main,
            span: span(text, 0, text.len()),
            title: None,
            title_span: None,
            published: None,
            date_span: None,
            authors: vec![],
            publisher: None,
            types: vec![],
            topics: vec![],
            url: None,
            body: span(text, 0, text.len()),
            headings: vec![],
            furniture: vec![],
        }];
        B { text: text.to_string(), mentions: vec![], entities: vec![], me: vec![], pubs }
    }

    /// Split into publications at the byte offsets of the given markers.
    fn pubs_at(mut self, markers: &[&str]) -> B {
        let mut starts = vec![0];
        for m in markers {
            starts.push(self.text.find(m).expect("marker"));
        }
        starts.push(self.text.len());
        let t = self.text.clone();
        self.pubs = starts
            .windows(2)
            .enumerate()
            .map(|(i, w)| Publication {
                role: if i == 0 { PubRole::Main } else { PubRole::Listed },
                span: span(&t, w[0], w[1]),
                body: span(&t, w[0], w[1]),
                ..self.pubs[0].clone()
            })
            .collect();
        self
    }

    fn entity(&mut self, key: &str, kind: EntityKind, iso: Option<&str>, country: Option<&str>) -> usize {
        if let Some(i) = self.entities.iter().position(|e| e.key == key) {
            return i;
        }
        self.entities.push(Entity {
            key: key.into(),
            kind,
            name: key.into(),
            aliases: vec![],
            iso: iso.map(Into::into),
            wikidata: None,
            country: country.map(Into::into),
            role: None,
            acronym: None,
            mentions: vec![],
        });
        self.entities.len() - 1
    }

    fn add(&mut self, needle: &str, nth: usize, kind: MentionType, ent: Option<usize>, iso: Option<&str>, value: Option<&str>) {
        let start = self.text.match_indices(needle).nth(nth).unwrap_or_else(|| panic!("{needle} #{nth}")).0;
        let end = start + needle.len();
        let publication = self.pubs.iter().rposition(|p| p.span.start <= start && start < p.span.end).unwrap_or(0);
        let idx = self.mentions.len();
        self.mentions.push(Mention {
            span: span(&self.text, start, end),
            text: needle.into(),
            kind,
            iso: iso.map(Into::into),
            value: value.map(Into::into),
            norm: needle.into(),
            publication,
            confidence: 1.0,
            source: Source::Rule,
            geo_id: None,
        });
        self.me.push(ent);
        if let Some(e) = ent {
            self.entities[e].mentions.push(idx);
        }
    }

    fn country(&mut self, needle: &str, nth: usize, iso: &str) -> usize {
        let e = self.entity(iso, EntityKind::Country, Some(iso), Some(iso));
        self.add(needle, nth, MentionType::Country, Some(e), Some(iso), None);
        e
    }

    fn nationality(&mut self, needle: &str, nth: usize, iso: &str) -> usize {
        let e = self.entity(iso, EntityKind::Country, Some(iso), Some(iso));
        self.add(needle, nth, MentionType::Nationality, Some(e), Some(iso), None);
        e
    }

    fn place(&mut self, needle: &str, nth: usize, iso: &str) -> usize {
        let e = self.entity(needle, EntityKind::Place, None, Some(iso));
        self.add(needle, nth, MentionType::Place, Some(e), Some(iso), None);
        e
    }

    fn org(&mut self, needle: &str, nth: usize, iso: Option<&str>) -> usize {
        let e = self.entity(needle, EntityKind::Organization, None, iso);
        self.add(needle, nth, MentionType::Organization, Some(e), None, None);
        e
    }

    fn person(&mut self, needle: &str, nth: usize, key: &str) -> usize {
        let e = self.entity(key, EntityKind::Person, None, None);
        self.add(needle, nth, MentionType::Person, Some(e), None, None);
        e
    }

    fn published(mut self, date: &str) -> B {
        for p in &mut self.pubs {
            p.published = PartialDate::parse(date);
        }
        self
    }

    fn date(&mut self, needle: &str, nth: usize, value: &str) {
        self.add(needle, nth, MentionType::Date, None, None, Some(value));
    }

    /// A duration counted from the reference time, as the tagger gives it:
    /// "three days" (of "three days later") with its TIMEX3 value, and the
    /// date it reaches as norm.
    fn counted(&mut self, needle: &str, nth: usize, value: &str, reached: &str) {
        self.add(needle, nth, MentionType::Duration, None, None, Some(value));
        if let Some(m) = self.mentions.last_mut() {
            m.norm = reached.into();
        }
    }

    fn run(&mut self) -> Vec<Event> {
        // mentions in text order, as the recognizers hand them over
        let mut order: Vec<usize> = (0..self.mentions.len()).collect();
        order.sort_by_key(|&i| self.mentions[i].span.start);
        let mentions: Vec<Mention> = order.iter().map(|&i| self.mentions[i].clone()).collect();
        let me: Vec<Option<usize>> = order.iter().map(|&i| self.me[i]).collect();
        let seg = segment(&self.text);
        let input = Input { text: &self.text, seg: &seg, publications: &self.pubs, mentions: &mentions, entities: &self.entities, mention_entity: &me };
        let (ev, diags) = extract(&input);
        assert!(diags.is_empty(), "{diags:?}");
        ev
    }
}

fn d(s: &str) -> Option<PartialDate> {
    PartialDate::parse(s)
}

fn find<'a>(evs: &'a [Event], plover: &str, text: &str, needle: &str) -> &'a Event {
    evs.iter()
        .find(|e| e.plover == plover && e.triggers.iter().any(|t| text[t.start..t.end].contains(needle)))
        .unwrap_or_else(|| panic!("no {plover} event with trigger {needle:?} in {evs:#?}"))
}

#[test]
fn multilateral_talks_with_date_place_and_participants() {
    let text = "Multilateral talks on March 3 in Geneva, Switzerland, will go ahead as planned among Iran, the U.S., Britain, Germany, France, Russia and China. Tell us what you think.";
    let mut b = B::new(text);
    b.date("March 3", 0, "2013-03-03");
    let geneva = b.place("Geneva", 0, "CH");
    let ch = b.country("Switzerland", 0, "CH");
    let mut parts = vec![];
    for (n, iso) in [("Iran", "IR"), ("U.S.", "US"), ("Britain", "GB"), ("Germany", "DE"), ("France", "FR"), ("Russia", "RU"), ("China", "CN")] {
        parts.push(b.country(n, 0, iso));
    }
    let evs = b.run();
    let e = find(&evs, "CONSULT", text, "talks");
    assert_eq!(e.cameo, Some("046"));
    assert_eq!(e.date, d("2013-03-03"));
    assert!(e.places.contains(&geneva) && e.places.contains(&ch));
    for p in parts {
        assert!(e.actors.contains(&p), "participant {p} missing: {e:?}");
    }
    assert_eq!(e.key, "CONSULT+2013-03-03+CH");
}

#[test]
fn passive_killing_in_drone_strike_and_anaphor() {
    let text = "Two U.S. soldiers were killed and at least 20 wounded in a drone strike on a U.S. outpost in eastern Syria on March 5. The attack comes against a backdrop of rising tensions since the October 7 Hamas attack on Israel.";
    let mut b = B::new(text);
    let us = b.nationality("U.S.", 0, "US");
    b.nationality("U.S.", 1, "US");
    let sy = b.country("Syria", 0, "SY");
    b.date("March 5", 0, "2024-03-05");
    b.date("October 7", 0, "2023-10-07");
    let hamas = b.org("Hamas", 0, Some("PS"));
    let il = b.country("Israel", 0, "IL");
    let evs = b.run();
    let e = find(&evs, "ASSAULT", text, "drone strike");
    assert_eq!(e.mode, Some("drone"));
    assert_eq!(e.cameo, Some("195"));
    assert_eq!(e.date, d("2024-03-05"));
    assert!(e.places.contains(&sy), "{e:?}");
    assert!(e.targets.contains(&us), "{e:?}");
    assert!(!e.sources.contains(&us));
    assert_eq!(e.key, "ASSAULT+2024-03-05+SY");
    // "killed", "wounded" and "The attack" are the same occurrence
    assert!(e.triggers.iter().any(|t| &text[t.start..t.end] == "killed"));
    assert!(e.triggers.iter().any(|t| &text[t.start..t.end] == "attack" && t.start < text.find("October").unwrap()));
    assert!(e.evidence.iter().any(|x| x == "same-publication:anaphor"));
    // the October 7 attack is another event, dated by its noun phrase
    let o = evs.iter().find(|x| x.date == d("2023-10-07")).expect("october 7 attack");
    assert_ne!(o.key, e.key);
    assert_eq!(o.key, "ASSAULT+2023-10-07+IL");
    assert!(o.sources.contains(&hamas) && o.targets.contains(&il), "{o:?}");
}

#[test]
fn cross_border_strikes_and_retaliation() {
    let text = "In a surprising move on February 2, India launched missile strikes into Pakistan's Punjab province, claiming it had hit two militant camps. Less than two days later, Pakistan hit back with drones and fighter jets in India's Kashmir region.";
    let mut b = B::new(text);
    b.date("February 2", 0, "2024-02-02");
    let ind = b.country("India", 0, "IN");
    let pk = b.country("Pakistan", 0, "PK");
    let punjab = b.place("Punjab province", 0, "PK");
    b.counted("Less than two days", 0, "P2D", "2024-02-04");
    b.country("Pakistan", 1, "PK");
    b.country("India", 1, "IN");
    let kashmir = b.place("Kashmir region", 0, "IN");
    let evs = b.run();
    let e = find(&evs, "ASSAULT", text, "missile strikes");
    assert_eq!(e.date, d("2024-02-02"));
    assert_eq!(e.sources, vec![ind]);
    assert!(e.targets.contains(&pk));
    assert!(e.places.contains(&punjab));
    assert_eq!(e.key, "ASSAULT+2024-02-02+PK");
    let r = find(&evs, "ASSAULT", text, "hit back");
    assert_eq!(r.date, d("2024-02-04"));
    assert!(r.sources.contains(&pk));
    assert!(r.places.contains(&kashmir));
    assert_eq!(r.key, "ASSAULT+2024-02-04+IN");
}

#[test]
fn a_duration_counted_from_a_date_dates_the_event() {
    let text = "Rebels seized the town of Kidal on May 2. Three days later, Malian troops attacked the rebels in Kidal. Malian troops shelled Kidal for three days.";
    let mut b = B::new(text).published("2024-05-20");
    b.date("May 2", 0, "2024-05-02");
    b.place("Kidal", 0, "ML");
    b.counted("Three days", 0, "P3D", "2024-05-05");
    let ml = b.nationality("Malian", 0, "ML");
    b.place("Kidal", 1, "ML");
    b.nationality("Malian", 1, "ML");
    b.place("Kidal", 2, "ML");
    // a plain duration names no date
    b.add("three days", 0, MentionType::Duration, None, None, Some("P3D"));
    let evs = b.run();
    let e = find(&evs, "ASSAULT", text, "attacked");
    assert_eq!(e.date, d("2024-05-05"));
    assert!(e.sources.contains(&ml));
    let s = find(&evs, "ASSAULT", text, "shelled");
    assert_eq!(s.date, None);
}

#[test]
fn coalition_strikes_keep_supporters_apart() {
    let text = "On March 9, the United States and the United Kingdom, supported by Australia, Canada and the Netherlands, launched military strikes against Houthi targets in Yemen in response to the group's attacks on ships in the Red Sea.";
    let mut b = B::new(text);
    b.date("March 9", 0, "2024-03-09");
    let us = b.country("United States", 0, "US");
    let gb = b.country("United Kingdom", 0, "GB");
    let au = b.country("Australia", 0, "AU");
    b.country("Canada", 0, "CA");
    b.country("Netherlands", 0, "NL");
    let houthi = b.org("Houthi", 0, Some("YE"));
    let ye = b.country("Yemen", 0, "YE");
    b.place("Red Sea", 0, "YE");
    let evs = b.run();
    let e = find(&evs, "ASSAULT", text, "strikes");
    assert_eq!(e.date, d("2024-03-09"));
    let mut s = e.sources.clone();
    s.sort();
    assert_eq!(s, vec![us, gb]);
    assert!(e.actors.contains(&au) && !e.sources.contains(&au));
    assert!(e.targets.contains(&houthi));
    assert!(e.places.contains(&ye));
    assert_eq!(e.key, "ASSAULT+2024-03-09+YE");
    // the group's attacks are a different occurrence ("in response to")
    assert!(!e.triggers.iter().any(|t| &text[t.start..t.end] == "attacks"));
}

#[test]
fn sanctions_dated_by_yesterday() {
    let text = "The comments are not surprising, considering his earlier statements and the U.S. announcement yesterday of further sanctions against Iran.";
    let mut b = B::new(text);
    let us = b.nationality("U.S.", 0, "US");
    b.date("yesterday", 0, "2013-02-07");
    let ir = b.country("Iran", 0, "IR");
    let evs = b.run();
    let e = find(&evs, "SANCTION", text, "sanctions");
    assert_eq!(e.cameo, Some("163"));
    assert_eq!(e.mode, Some("discontinue"));
    assert_eq!(e.date, d("2013-02-07"));
    assert_eq!(e.sources, vec![us]);
    assert_eq!(e.targets, vec![ir]);
}

#[test]
fn same_strike_described_differently_gets_one_key() {
    // article published Monday: "Sunday's attack" resolved by the timex stage
    let a = "Sunday's attack on a base in Jordan killed three soldiers.";
    let mut ba = B::new(a);
    ba.date("Sunday", 0, "2024-01-28");
    ba.country("Jordan", 0, "JO");
    let ea = ba.run();
    let b_ = "Officials are still investigating the January 28 strike in Jordan, which was launched by a militia.";
    let mut bb = B::new(b_);
    bb.date("January 28", 0, "2024-01-28");
    bb.country("Jordan", 0, "JO");
    let eb = bb.run();
    let ka = &find(&ea, "ASSAULT", a, "attack").key;
    let kb = &find(&eb, "ASSAULT", b_, "strike").key;
    assert_eq!(ka, "ASSAULT+2024-01-28+JO");
    assert_eq!(ka, kb);
}

#[test]
fn same_day_strikes_in_different_countries_differ() {
    let text = "A drone strike hit a base in Jordan on January 28. A separate drone strike hit a depot in Iraq on January 28.";
    let mut b = B::new(text);
    b.country("Jordan", 0, "JO");
    b.date("January 28", 0, "2024-01-28");
    b.country("Iraq", 0, "IQ");
    b.date("January 28", 1, "2024-01-28");
    let evs = b.run();
    let assaults: Vec<&Event> = evs.iter().filter(|e| e.plover == "ASSAULT").collect();
    assert_eq!(assaults.len(), 2, "{evs:#?}");
    assert_ne!(assaults[0].key, assaults[1].key);
    assert!(assaults.iter().any(|e| e.key == "ASSAULT+2024-01-28+JO"));
    assert!(assaults.iter().any(|e| e.key == "ASSAULT+2024-01-28+IQ"));
}

#[test]
fn non_event_senses_give_nothing() {
    let text = "Negotiators tried to strike a balance between the two positions. The ministry must deal with rising prices. A great deal of money was spent. He talks about the economy every week. The company struck a deal on pricing.";
    let mut b = B::new(text);
    let evs = b.run();
    assert!(evs.iter().all(|e| e.plover != "ASSAULT"), "{evs:#?}");
    assert!(!evs.iter().any(|e| e.plover == "CONSULT"), "{evs:#?}");
    assert!(!evs.iter().any(|e| e.triggers.iter().any(|t| text[t.start..t.end].starts_with("deal") && t.start < 120)), "{evs:#?}");
}

#[test]
fn typing_follows_the_lexicon() {
    let text = "Rebels staged a coup in Mali. Russia's invasion of Georgia began on August 7, 2008. Air strikes pounded Gaza.";
    let mut b = B::new(text);
    b.country("Mali", 0, "ML");
    let ru = b.country("Russia", 0, "RU");
    let ge = b.country("Georgia", 0, "GE");
    b.date("August 7, 2008", 0, "2008-08-07");
    b.place("Gaza", 0, "PS");
    let evs = b.run();
    assert_eq!(find(&evs, "COERCE", text, "coup").cameo, Some("170"));
    let inv = find(&evs, "ASSAULT", text, "invasion");
    assert_eq!(inv.sources, vec![ru]);
    assert!(inv.targets.contains(&ge) && inv.places.contains(&ge));
    assert_eq!(inv.key, "ASSAULT+2008-08-07+GE");
    assert_eq!(find(&evs, "ASSAULT", text, "Air strikes").mode, Some("aerial"));
}

#[test]
fn named_event_keys_meet_explicit_ones() {
    let a = "Russia's invasion of Ukraine shattered decades of peace in Europe.";
    let mut ba = B::new(a);
    ba.country("Russia", 0, "RU");
    ba.country("Ukraine", 0, "UA");
    ba.place("Europe", 0, "XX");
    let ea = ba.run();
    let b_ = "Russia began a full-scale invasion of Ukraine on 24 February 2022.";
    let mut bb = B::new(b_);
    bb.country("Russia", 0, "RU");
    bb.country("Ukraine", 0, "UA");
    bb.date("24 February 2022", 0, "2022-02-24");
    let eb = bb.run();
    let x = find(&ea, "ASSAULT", a, "invasion");
    let y = find(&eb, "ASSAULT", b_, "invasion");
    assert_eq!(x.date, d("2022-02-24"));
    assert_eq!(x.key, "ASSAULT+2022-02-24+UA");
    assert_eq!(x.key, y.key);
    assert!(x.evidence.iter().any(|e| e.starts_with("named:")));
    // a coup needs its country in context
    let c = "We are now 14 months out since the coup. The military in Myanmar has failed to gain control.";
    let mut bc = B::new(c);
    bc.country("Myanmar", 0, "MM");
    let ec = bc.run();
    assert!(ec.iter().all(|e| e.plover != "COERCE" || e.key.starts_with("local:") || e.key == "ASSAULT+2021-02-01+MM"), "{ec:#?}");
    let c2 = "Myanmar's coup in 2021 ended a decade of reform. Myanmar remains in crisis.";
    let mut bc2 = B::new(c2);
    bc2.country("Myanmar", 0, "MM");
    bc2.country("Myanmar", 1, "MM");
    bc2.date("2021", 0, "2021");
    let ec2 = bc2.run();
    assert_eq!(find(&ec2, "COERCE", c2, "coup").key, "ASSAULT+2021-02-01+MM");
}

#[test]
fn anaphors_stay_in_their_publication() {
    let text = "Militants attacked a checkpoint in Mali on May 2.\n\nRelated\n\nThe attack was the third this year.";
    let mut b = B::new(text).pubs_at(&["Related"]);
    b.country("Mali", 0, "ML");
    b.date("May 2", 0, "2024-05-02");
    let evs = b.run();
    let first = find(&evs, "ASSAULT", text, "attacked");
    assert_eq!(first.publications, vec![0]);
    assert!(!first.evidence.iter().any(|e| e == "same-publication:anaphor"));
}

#[test]
fn one_event_per_key_across_publications() {
    let text = "A drone strike hit a base in Jordan on January 28.\n\nRelated\n\nThe January 28 drone strike in Jordan killed three soldiers.";
    let mut b = B::new(text).pubs_at(&["Related"]);
    b.country("Jordan", 0, "JO");
    b.date("January 28", 0, "2024-01-28");
    b.date("January 28", 1, "2024-01-28");
    b.country("Jordan", 1, "JO");
    let evs = b.run();
    let a: Vec<&Event> = evs.iter().filter(|e| e.key == "ASSAULT+2024-01-28+JO").collect();
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].publications, vec![0, 1]);
}

#[test]
fn arbitrary_text_never_panics() {
    for t in ["", "strike", "the the the", "Операция «Буря» началась. 攻撃があった。", "talks,,,;; — attack\u{2019}s", &"attack on ".repeat(500)] {
        let mut b = B::new(t);
        let _ = b.run();
    }
    // mention/entity lists out of step with each other
    let text = "Iran attacked Israel.";
    let seg = segment(text);
    let m = Mention {
        span: span(text, 0, 4),
        text: "Iran".into(),
        kind: MentionType::Country,
        iso: Some("IR".into()),
        value: None,
        norm: "Iran".into(),
        publication: 7,
        confidence: 1.0,
        source: Source::Rule,
        geo_id: None,
    };
    let input = Input { text, seg: &seg, publications: &[], mentions: std::slice::from_ref(&m), entities: &[], mention_entity: &[Some(3), Some(9)] };
    let (_, diags) = extract(&input);
    assert_eq!(diags.len(), 1);
}

#[test]
fn anniversaries_count_back_from_a_date_of_the_sentence() {
    let text = "Next Friday, March 15, will mark three years since the suicide bombing in Karachi, Pakistan. The city is still in mourning.";
    let mut b = B::new(text);
    b.date("Next Friday, March 15", 0, "2024-03-15");
    b.place("Karachi", 0, "PK");
    b.country("Pakistan", 0, "PK");
    let evs = b.run();
    let e = find(&evs, "ASSAULT", text, "bombing");
    assert_eq!(e.date, d("2021-03-15"), "{e:?}");
    assert_eq!(e.key, "ASSAULT+2021-03-15+PK");
    assert!(e.evidence.iter().any(|x| x == "date:anniversary"));
}

#[test]
fn anniversaries_of_the_publication_keep_the_month_and_approximations_less() {
    let text = "Three years after the coup in Chad, the junta still rules. Nearly twenty years after the invasion by the army of Chad, the border is quiet.";
    let mut b = B::new(text).published("2024-04-22");
    b.country("Chad", 0, "TD");
    b.country("Chad", 1, "TD");
    let evs = b.run();
    let coup = find(&evs, "COERCE", text, "coup");
    assert_eq!(coup.date, d("2021-04"), "{coup:?}");
    assert!(coup.evidence.iter().any(|x| x == "date:anniversary-of-publication"));
    let inv = find(&evs, "ASSAULT", text, "invasion");
    assert_eq!(inv.date, d("2004"), "{inv:?}");
    assert!(inv.key.starts_with("local:"), "a year alone makes no key: {}", inv.key);
}

#[test]
fn noun_phrase_dates_with_a_closing_comma_or_of() {
    let a = "Analysts met on the anniversary of the April 20, 2021, coup in Chad.";
    let mut ba = B::new(a);
    ba.date("April 20, 2021", 0, "2021-04-20");
    ba.country("Chad", 0, "TD");
    let ea = ba.run();
    assert_eq!(find(&ea, "COERCE", a, "coup").date, d("2021-04-20"));
    let c = "The report describes the crisis that followed the coup of April 20, 2021 in Chad.";
    let mut bc = B::new(c);
    bc.date("April 20, 2021", 0, "2021-04-20");
    bc.country("Chad", 0, "TD");
    let ec = bc.run();
    let e = find(&ec, "COERCE", c, "coup");
    assert_eq!(e.date, d("2021-04-20"));
    assert_eq!(e.key, "ASSAULT+2021-04-20+TD");
}

#[test]
fn a_fronted_adverbial_dates_its_own_event() {
    let text = "Following the coup by the army of Chad on April 20, 2021, fighting spread across the north of Chad.";
    let mut b = B::new(text);
    b.country("Chad", 0, "TD");
    b.date("April 20, 2021", 0, "2021-04-20");
    b.country("Chad", 1, "TD");
    let evs = b.run();
    let e = find(&evs, "COERCE", text, "coup");
    assert_eq!(e.date, d("2021-04-20"), "{e:?}");
    assert_eq!(e.key, "ASSAULT+2021-04-20+TD");
}

#[test]
fn events_without_arguments_take_the_sentence_or_publication_country() {
    // the one country of the sentence
    let a = "Aid groups fear a wider conflict in Chad after the coup of April 20, 2021.";
    let mut ba = B::new(a);
    let td = ba.country("Chad", 0, "TD");
    ba.date("April 20, 2021", 0, "2021-04-20");
    let ea = ba.run();
    let e = find(&ea, "COERCE", a, "coup");
    assert_eq!(e.key, "ASSAULT+2021-04-20+TD");
    assert!(e.places.contains(&td));
    assert!(e.evidence.iter().any(|x| x == "key-country:sentence-country"), "{e:?}");
    // the publication's country, when the sentence names none
    let b_ = "Chad has been ruled by generals for years. The coup of April 20, 2021 changed little. Chad's neighbours watch.";
    let mut bb = B::new(b_);
    bb.country("Chad", 0, "TD");
    bb.date("April 20, 2021", 0, "2021-04-20");
    bb.country("Chad", 1, "TD");
    let eb = bb.run();
    let e = find(&eb, "COERCE", b_, "coup");
    assert_eq!(e.key, "ASSAULT+2021-04-20+TD");
    assert!(e.evidence.iter().any(|x| x == "key-country:publication-country"), "{e:?}");
    // a date alone never makes a key
    let c = "Chad has been ruled by generals for years. The coup changed little. Chad's neighbours watch.";
    let mut bc = B::new(c);
    bc.country("Chad", 0, "TD");
    bc.country("Chad", 1, "TD");
    let ec = bc.run();
    assert!(ec.iter().all(|e| e.key.starts_with("local:")), "{ec:?}");
}

#[test]
fn several_place_countries_give_one_key_country() {
    let text = "Missile strikes hit Quetta and Gwadar in Pakistan and Zahedan in Iran on January 16.";
    let mut b = B::new(text);
    b.place("Quetta", 0, "PK");
    b.place("Gwadar", 0, "PK");
    b.country("Pakistan", 0, "PK");
    b.place("Zahedan", 0, "IR");
    b.country("Iran", 0, "IR");
    b.date("January 16", 0, "2024-01-16");
    let evs = b.run();
    let e = find(&evs, "ASSAULT", text, "strikes");
    assert_eq!(e.key, "ASSAULT+2024-01-16+PK", "{e:?}");
    assert!(e.evidence.iter().any(|x| x == "key-country:primary-place"));
}

#[test]
fn undated_reports_meet_on_the_person_their_main_event_is_about() {
    let a = "Tom Baxter arrested after crash\n\nPolice arrested Tom Baxter early Tuesday after his car hit a wall. Baxter was released on bail.";
    let mut ba = B::new(a);
    ba.person("Tom Baxter", 0, "tom-baxter");
    ba.person("Tom Baxter", 1, "tom-baxter");
    ba.person("Baxter", 2, "tom-baxter");
    let ea = ba.run();
    let b_ = "Receiver detained on suspicion of drunken driving\n\nTom Baxter was detained by officers who stopped his car. His coach said Baxter would play on Sunday.";
    let mut bb = B::new(b_);
    bb.person("Tom Baxter", 0, "tom-baxter");
    bb.person("Baxter", 1, "tom-baxter");
    let eb = bb.run();
    let ka = ea.iter().find(|e| e.key.contains("person:")).unwrap_or_else(|| panic!("{ea:#?}"));
    let kb = eb.iter().find(|e| e.key.contains("person:")).unwrap_or_else(|| panic!("{eb:#?}"));
    assert_eq!(ka.key, "EVENT+person:tom-baxter");
    assert_eq!(ka.key, kb.key);
    assert!(ka.evidence.iter().any(|x| x == "key:main-participant:tom-baxter"));
    // a report dated to a year keys on the year too: another year, another event
    let mut bc = B::new(a).published("2015-03-03");
    bc.person("Tom Baxter", 0, "tom-baxter");
    bc.person("Tom Baxter", 1, "tom-baxter");
    bc.person("Baxter", 2, "tom-baxter");
    let ec = bc.run();
    assert!(ec.iter().any(|e| e.key == "EVENT+2015+person:tom-baxter"), "{ec:#?}");
    // a person named once is not enough
    let c = "Police arrested a driver early Tuesday, said Ann Lee.";
    let mut bd = B::new(c);
    bd.person("Ann Lee", 0, "ann-lee");
    assert!(bd.run().iter().all(|e| !e.key.contains("person:")));
}

#[test]
fn token_words_are_lower_case_in_ascii_and_other_texts() {
    for text in [
        "Foreign Minister Anna Berg met President Alvarez in MADRID on Monday.",
        "Iran’s Supreme Leader ÇAĞLAR said the U.S.-led STRIKES were “illegal”.",
    ] {
        let b = B::new(text);
        let seg = segment(text);
        let input = Input { text, seg: &seg, publications: &b.pubs, mentions: &[], entities: &[], mention_entity: &[] };
        let doc = Doc::new(&input);
        for t in 0..seg.tokens.len() {
            let w = seg.token_text(text, t);
            let want = if w.is_ascii() { w.to_ascii_lowercase() } else { w.to_lowercase().replace('\u{2019}', "'") };
            assert_eq!(doc.word(t), want, "{text:?} token {t}");
        }
        assert_eq!(doc.word(seg.tokens.len()), "");
    }
}
