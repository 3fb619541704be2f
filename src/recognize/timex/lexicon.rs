//! Word table of the temporal tagger: every word that can start or take
//! part in a temporal expression, with its class.
//!
//! The tokenizer (`token.rs`) looks each word up here once, in lower case;
//! the grammar (`grammar.rs`) then only compares small enum values. Words
//! not in the table are ordinary text and cost one hash probe.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Calendar and clock units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Weekend,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
    Millennium,
}

/// Parts of the day (TIMEX3 `TMO`, `TAF`, `TEV`, `TNI`, `TDT`?).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pod {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl Pod {
    pub fn code(self) -> &'static str {
        match self {
            Pod::Morning => "MO",
            Pod::Afternoon => "AF",
            Pod::Evening => "EV",
            Pod::Night => "NI",
        }
    }
}

/// Function words and single-word expressions the grammar tests for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum W {
    The,
    A,
    An,
    This,
    That,
    These,
    Those,
    Last,
    Next,
    Past,
    Coming,
    Previous,
    Following,
    Same,
    Current,
    Currently,
    Recent,
    Recently,
    Latest,
    Early,
    Earlier,
    Late,
    Later,
    Mid,
    Middle,
    End,
    Beginning,
    Start,
    Ago,
    Before,
    After,
    Hence,
    From,
    Now,
    Today,
    Tomorrow,
    Yesterday,
    Tonight,
    Overnight,
    Future,
    Near,
    Of,
    In,
    On,
    At,
    By,
    And,
    Or,
    To,
    Than,
    More,
    Less,
    Least,
    Nearly,
    Almost,
    About,
    Around,
    Over,
    Up,
    Some,
    Several,
    Few,
    Many,
    Couple,
    Dozen,
    Half,
    Every,
    Each,
    Per,
    Other,
    Daily,
    Weekly,
    Monthly,
    Annually,
    Yearly,
    Hourly,
    Nightly,
    Fiscal,
    Noon,
    Midnight,
    Midday,
    Period,
    Ended,
    Ending,
    Its,
    Trading,
    Business,
    Calendar,
    Old,
    Long,
    Right,
    Present,
    Presently,
    Nowadays,
    Eve,
    S, // the "s" of "1990s", "'80s"
    Am,
    Pm,
    Post,
    Pre,
    No,
    Only,
    Just,
    Roughly,
    Approximately,
    Within,
    Under,
    Additional,
    Another,
    Whole,
    Full,
    Entire,
    Times,
    Twice,
    When,
    Then,
    Corresponding,
    Comparable,
    Prior,
    Term,
    Short,
    Time,
    Since,
    Until,
    Till,
    Through,
    During,
    Between,
    For,
    Straight,
    Consecutive,
    So,
    Once,
    Into,
    Ahead,
    Soon,
}

/// Named days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Holiday {
    Christmas,
    NewYear,
    Thanksgiving,
    Independence,
    Halloween,
    Valentine,
    ChristmasEve,
    NewYearsEve,
    EasterWeek,
    Election,
    Labor,
    Memorial,
    Easter,
}

/// Verbs and auxiliaries that tell the tense of a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cue {
    /// will, would, shall, could, might, planned …
    Future,
    /// Future when followed by "to": expected, plan, set, due, going …
    ToFuture,
    /// Irregular past forms: went, took, met …
    Past,
    /// Past auxiliaries: was, were, had, did, been.
    AuxPast,
    /// Present auxiliaries: is, are (future before "to"), be, has, have.
    Aux,
    /// Reporting verbs: said, told, says.
    Report,
}

/// The class of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lex {
    #[default]
    None,
    /// Full month name, 1-12.
    Month(u8),
    /// Abbreviated month name ("Jan", "Sept"), usually followed by a period.
    MonAbbr(u8),
    /// Weekday, 1 = Monday … 7 = Sunday.
    Wday(u8),
    /// Abbreviated weekday ("Tue", "Thurs").
    WdayAbbr(u8),
    /// Cardinal number word.
    NumW(u32),
    /// Ordinal number word ("first", "third"), also "second".
    Ord(u8),
    /// Unit word; the flag is true for plurals.
    Unit(Unit, bool),
    /// 1 spring, 2 summer, 3 fall, 4 winter.
    Season(u8),
    /// Part of the day; flag true for plurals ("nights").
    Pod(Pod, bool),
    Holiday(Holiday),
    /// Time zone abbreviation.
    Zone,
    Cue(Cue),
    W(W),
}

fn build() -> Table {
    use Lex::*;
    let mut m: Table = HashMap::with_capacity_and_hasher(512, Default::default());
    let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ];
    for (i, w) in months.iter().enumerate() {
        m.insert(w, Month(i as u8 + 1));
    }
    for (w, n) in [
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("sept", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
    ] {
        m.insert(w, MonAbbr(n));
    }
    let days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    for (i, w) in days.iter().enumerate() {
        m.insert(w, Wday(i as u8 + 1));
    }
    for (w, n) in [
        ("mon", 1),
        ("tue", 2),
        ("tues", 2),
        ("wed", 3),
        ("thu", 4),
        ("thur", 4),
        ("thurs", 4),
        ("fri", 5),
        ("sat", 6),
        ("sun", 7),
    ] {
        m.insert(w, WdayAbbr(n));
    }
    for (w, n) in [
        ("zero", 0),
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
        ("thirteen", 13),
        ("fourteen", 14),
        ("fifteen", 15),
        ("sixteen", 16),
        ("seventeen", 17),
        ("eighteen", 18),
        ("nineteen", 19),
        ("twenty", 20),
        ("thirty", 30),
        ("forty", 40),
        ("fifty", 50),
        ("sixty", 60),
        ("seventy", 70),
        ("eighty", 80),
        ("ninety", 90),
        ("hundred", 100),
        ("thousand", 1000),
    ] {
        m.insert(w, NumW(n));
    }
    for (w, n) in [
        ("first", 1),
        ("second", 2),
        ("third", 3),
        ("fourth", 4),
        ("fifth", 5),
        ("sixth", 6),
        ("seventh", 7),
        ("eighth", 8),
        ("ninth", 9),
        ("tenth", 10),
        ("eleventh", 11),
        ("twelfth", 12),
        ("thirteenth", 13),
        ("fourteenth", 14),
        ("fifteenth", 15),
        ("sixteenth", 16),
        ("seventeenth", 17),
        ("eighteenth", 18),
        ("nineteenth", 19),
        ("twentieth", 20),
        ("thirtieth", 30),
    ] {
        m.insert(w, Ord(n));
    }
    for (w, u, pl) in [
        ("second", self::Unit::Second, false),
        ("seconds", self::Unit::Second, true),
        ("minute", self::Unit::Minute, false),
        ("minutes", self::Unit::Minute, true),
        ("hour", self::Unit::Hour, false),
        ("hours", self::Unit::Hour, true),
        ("day", self::Unit::Day, false),
        ("days", self::Unit::Day, true),
        ("weekend", self::Unit::Weekend, false),
        ("weekends", self::Unit::Weekend, true),
        ("week", self::Unit::Week, false),
        ("weeks", self::Unit::Week, true),
        ("fortnight", self::Unit::Week, false),
        ("month", self::Unit::Month, false),
        ("months", self::Unit::Month, true),
        ("quarter", self::Unit::Quarter, false),
        ("quarters", self::Unit::Quarter, true),
        ("year", self::Unit::Year, false),
        ("years", self::Unit::Year, true),
        ("decade", self::Unit::Decade, false),
        ("decades", self::Unit::Decade, true),
        ("century", self::Unit::Century, false),
        ("centuries", self::Unit::Century, true),
        ("millennium", self::Unit::Millennium, false),
        ("millennia", self::Unit::Millennium, true),
    ] {
        // "second" is both an ordinal and a unit; the grammar asks for both.
        if w != "second" {
            m.insert(w, Unit(u, pl));
        }
    }
    for (w, s) in [("spring", 1), ("summer", 2), ("fall", 3), ("autumn", 3), ("winter", 4)] {
        m.insert(w, Season(s));
    }
    for (w, s) in [("springs", 1), ("summers", 2), ("winters", 4)] {
        m.insert(w, Season(s + 10));
    }
    for (w, p, pl) in [
        ("morning", self::Pod::Morning, false),
        ("mornings", self::Pod::Morning, true),
        ("afternoon", self::Pod::Afternoon, false),
        ("afternoons", self::Pod::Afternoon, true),
        ("evening", self::Pod::Evening, false),
        ("evenings", self::Pod::Evening, true),
        ("night", self::Pod::Night, false),
        ("nights", self::Pod::Night, true),
    ] {
        m.insert(w, Pod(p, pl));
    }
    for (w, h) in [
        ("christmas", self::Holiday::Christmas),
        ("thanksgiving", self::Holiday::Thanksgiving),
        ("halloween", self::Holiday::Halloween),
        ("easter", self::Holiday::Easter),
    ] {
        m.insert(w, Holiday(h));
    }
    for w in ["will", "shall", "ll", "wo", "would", "might", "upcoming", "planned", "planning", "scheduled", "slated", "payable"] {
        m.insert(w, Cue(self::Cue::Future));
    }
    for w in ["expected", "expects", "expect", "plan", "plans", "set", "due", "going"] {
        m.insert(w, Cue(self::Cue::ToFuture));
    }
    for w in [
        "told", "met", "came", "went", "took", "made", "gave", "began", "left", "held", "saw", "found", "got", "became",
        "fell", "rose", "won", "lost", "sent", "brought", "spoke", "led", "paid", "sold", "bought", "struck", "wrote",
        "ran", "hit", "shot", "knew", "thought", "felt", "kept", "broke", "chose", "drove", "flew", "grew", "hung",
        "stood", "sat", "fought", "caught", "taught", "heard", "meant", "built", "spent", "arose", "withdrew",
    ] {
        m.insert(w, Cue(self::Cue::Past));
    }
    for w in ["was", "were", "had", "did", "been"] {
        m.insert(w, Cue(self::Cue::AuxPast));
    }
    for w in ["is", "are", "be", "being", "has", "have"] {
        m.insert(w, Cue(self::Cue::Aux));
    }
    for w in ["said", "says", "say", "added", "reported"] {
        m.insert(w, Cue(self::Cue::Report));
    }
    for z in [
        "gmt", "utc", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "bst", "cet", "cest", "ist", "jst",
    ] {
        m.insert(z, Zone);
    }
    for (w, x) in [
        ("the", self::W::The),
        ("a", self::W::A),
        ("an", self::W::An),
        ("this", self::W::This),
        ("that", self::W::That),
        ("these", self::W::These),
        ("those", self::W::Those),
        ("last", self::W::Last),
        ("next", self::W::Next),
        ("past", self::W::Past),
        ("coming", self::W::Coming),
        ("previous", self::W::Previous),
        ("preceding", self::W::Previous),
        ("following", self::W::Following),
        ("same", self::W::Same),
        ("current", self::W::Current),
        ("currently", self::W::Currently),
        ("recent", self::W::Recent),
        ("recently", self::W::Recently),
        ("latest", self::W::Latest),
        ("early", self::W::Early),
        ("earlier", self::W::Earlier),
        ("late", self::W::Late),
        ("later", self::W::Later),
        ("mid", self::W::Mid),
        ("middle", self::W::Middle),
        ("end", self::W::End),
        ("beginning", self::W::Beginning),
        ("start", self::W::Start),
        ("ago", self::W::Ago),
        ("before", self::W::Before),
        ("after", self::W::After),
        ("hence", self::W::Hence),
        ("from", self::W::From),
        ("now", self::W::Now),
        ("today", self::W::Today),
        ("tomorrow", self::W::Tomorrow),
        ("yesterday", self::W::Yesterday),
        ("tonight", self::W::Tonight),
        ("overnight", self::W::Overnight),
        ("future", self::W::Future),
        ("near", self::W::Near),
        ("of", self::W::Of),
        ("in", self::W::In),
        ("on", self::W::On),
        ("at", self::W::At),
        ("by", self::W::By),
        ("and", self::W::And),
        ("or", self::W::Or),
        ("to", self::W::To),
        ("than", self::W::Than),
        ("more", self::W::More),
        ("less", self::W::Less),
        ("least", self::W::Least),
        ("nearly", self::W::Nearly),
        ("almost", self::W::Almost),
        ("about", self::W::About),
        ("around", self::W::Around),
        ("over", self::W::Over),
        ("up", self::W::Up),
        ("some", self::W::Some),
        ("several", self::W::Several),
        ("few", self::W::Few),
        ("many", self::W::Many),
        ("couple", self::W::Couple),
        ("dozen", self::W::Dozen),
        ("half", self::W::Half),
        ("every", self::W::Every),
        ("each", self::W::Each),
        ("per", self::W::Per),
        ("other", self::W::Other),
        ("daily", self::W::Daily),
        ("weekly", self::W::Weekly),
        ("monthly", self::W::Monthly),
        ("annually", self::W::Annually),
        ("annual", self::W::Yearly),
        ("yearly", self::W::Yearly),
        ("hourly", self::W::Hourly),
        ("nightly", self::W::Nightly),
        ("fiscal", self::W::Fiscal),
        ("noon", self::W::Noon),
        ("midnight", self::W::Midnight),
        ("midday", self::W::Midday),
        ("period", self::W::Period),
        ("ended", self::W::Ended),
        ("ending", self::W::Ending),
        ("its", self::W::Its),
        ("trading", self::W::Trading),
        ("business", self::W::Business),
        ("calendar", self::W::Calendar),
        ("old", self::W::Old),
        ("long", self::W::Long),
        ("right", self::W::Right),
        ("present", self::W::Present),
        ("presently", self::W::Presently),
        ("nowadays", self::W::Nowadays),
        ("eve", self::W::Eve),
        ("s", self::W::S),
        ("am", self::W::Am),
        ("pm", self::W::Pm),
        ("post", self::W::Post),
        ("pre", self::W::Pre),
        ("no", self::W::No),
        ("only", self::W::Only),
        ("just", self::W::Just),
        ("roughly", self::W::Roughly),
        ("approximately", self::W::Approximately),
        ("within", self::W::Within),
        ("under", self::W::Under),
        ("additional", self::W::Additional),
        ("another", self::W::Another),
        ("whole", self::W::Whole),
        ("full", self::W::Full),
        ("entire", self::W::Entire),
        ("times", self::W::Times),
        ("twice", self::W::Twice),
        ("when", self::W::When),
        ("then", self::W::Then),
        ("corresponding", self::W::Corresponding),
        ("comparable", self::W::Comparable),
        ("prior", self::W::Prior),
        ("term", self::W::Term),
        ("short", self::W::Short),
        ("time", self::W::Time),
        ("since", self::W::Since),
        ("until", self::W::Until),
        ("till", self::W::Till),
        ("through", self::W::Through),
        ("throughout", self::W::Through),
        ("during", self::W::During),
        ("between", self::W::Between),
        ("for", self::W::For),
        ("straight", self::W::Straight),
        ("consecutive", self::W::Consecutive),
        ("so", self::W::So),
        ("once", self::W::Once),
        ("into", self::W::Into),
        ("ahead", self::W::Ahead),
        ("soon", self::W::Soon),
    ] {
        m.insert(w, W(x));
    }
    m
}

/// FNV-1a: the keys are short ASCII words, for which it is much faster
/// than the default SipHash.
#[derive(Default)]
pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf29ce484222325 } else { self.0 };
        for b in bytes {
            h ^= *b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
        self.0 = h;
    }
}

type Table = HashMap<&'static str, Lex, std::hash::BuildHasherDefault<Fnv>>;

static TABLE: OnceLock<Table> = OnceLock::new();

/// Class of a lower-case word.
pub fn lookup(lower: &str) -> Lex {
    TABLE.get_or_init(build).get(lower).copied().unwrap_or(Lex::None)
}

/// Longest word [`pack`] holds.
pub const PACK_MAX: usize = 16;

/// A lower-case ASCII word of at most [`PACK_MAX`] bytes as one number,
/// its bytes in order from the most significant used byte down (words have
/// no NUL byte, so distinct words give distinct numbers). The tokenizer
/// builds it while it scans a word.
pub const fn pack(word: &[u8]) -> u128 {
    let mut k = 0u128;
    let mut i = 0;
    while i < word.len() && i < PACK_MAX {
        k = k << 8 | word[i] as u128;
        i += 1;
    }
    k
}

/// The table again, keyed by packed words (open addressing, linear
/// probing): the tokenizer's lookup costs one multiply and a probe or two
/// instead of a UTF-8 check, a byte-by-byte hash and a string compare.
/// Keys longer than [`PACK_MAX`] or not ASCII are left out ([`lookup`]
/// still has them).
struct Packed {
    slots: Vec<(u128, Lex)>,
    shift: u32,
}

static PACKED: OnceLock<Packed> = OnceLock::new();

fn slot_of(key: u128, shift: u32) -> usize {
    let x = (key as u64) ^ ((key >> 64) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (x.wrapping_mul(0xFF51_AFD7_ED55_8CCD) >> shift) as usize
}

fn build_packed() -> Packed {
    let table = TABLE.get_or_init(build);
    let mut bits = 4;
    while (1usize << bits) < table.len() * 4 {
        bits += 1;
    }
    let shift = 64 - bits;
    let mut slots = vec![(0u128, Lex::None); 1 << bits];
    let mask = slots.len() - 1;
    for (w, &lex) in table {
        let b = w.as_bytes();
        if b.is_empty() || b.len() > PACK_MAX || !b.iter().all(|c| c.is_ascii() && *c != 0) {
            continue;
        }
        let key = pack(b);
        let mut at = slot_of(key, shift);
        while slots[at].0 != 0 {
            at = (at + 1) & mask;
        }
        slots[at] = (key, lex);
    }
    Packed { slots, shift }
}

/// True when some key of the table is longer than [`PACK_MAX`] bytes:
/// then longer words need [`lookup`].
pub fn has_long_keys() -> bool {
    static LONG: OnceLock<bool> = OnceLock::new();
    *LONG.get_or_init(|| TABLE.get_or_init(build).keys().any(|w| w.len() > PACK_MAX))
}

/// Class of a packed lower-case ASCII word (see [`pack`]) of at most
/// [`PACK_MAX`] bytes; the same as [`lookup`] of the word.
pub fn lookup_packed(key: u128) -> Lex {
    let p = PACKED.get_or_init(build_packed);
    let mask = p.slots.len() - 1;
    let mut at = slot_of(key, p.shift);
    loop {
        let (k, lex) = p.slots[at];
        if k == key {
            return lex;
        }
        if k == 0 {
            return Lex::None;
        }
        at = (at + 1) & mask;
    }
}

/// "second" packed (see [`pack`]).
pub const SECOND_PACKED: u128 = pack(b"second");

/// True for words that are the second part of "second" as unit; the
/// ordinal/unit ambiguity of "second" is resolved by the grammar.
pub fn is_second(lower: &str) -> bool {
    lower == "second"
}

#[cfg(test)]
mod packed_tests {
    use super::*;

    #[test]
    fn packed_lookup_agrees_with_the_table() {
        let table = TABLE.get_or_init(build);
        for (w, &lex) in table {
            if w.len() <= PACK_MAX && w.is_ascii() {
                assert_eq!(lookup_packed(pack(w.as_bytes())), lex, "{w}");
            }
        }
        for w in ["reuters", "said", "x", "tuesdays", "januaryx", "secon", "seconds", "abcdefghijklmnop"] {
            assert_eq!(lookup_packed(pack(w.as_bytes())), lookup(w), "{w}");
        }
        assert_eq!(pack(b"second"), SECOND_PACKED);
    }
}
