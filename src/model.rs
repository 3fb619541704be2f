//! Plain data shared by every stage of the pipeline.
//!
//! Nothing here does I/O, knows an IRI or a vocabulary, or derives serde:
//! serialization happens at the boundaries (`corpus` reads input records,
//! `cli` writes JSON). Every stage consumes the types of the stage before it
//! and produces its own, so the data flows one way:
//!
//! `Document` → `Segmented` (text) → `Publication`s (layout) → `Mention`s
//! (recognize) → `Entity`s (resolve) → `Event`s (events).

use std::fmt;
use std::path::PathBuf;

/// A half-open range of a document's text, in bytes and in Unicode code
/// points. Both are kept because Rust slices by byte while users and the
/// evaluation count code points.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Code point offset of the first character.
    pub cstart: usize,
    /// Code point offset one past the last character.
    pub cend: usize,
}

impl Span {
    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// True when `other` lies inside `self`.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

/// The input format a document was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Html,
    JsonLines,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::JsonLines => "jsonl",
        })
    }
}

/// Where a document came from, for messages and provenance.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Origin {
    /// The file, or `None` for standard input.
    pub path: Option<PathBuf>,
    /// 1-based line for JSON Lines input.
    pub line: Option<usize>,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(p) => write!(f, "{}", p.display())?,
            None => f.write_str("<stdin>")?,
        }
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        Ok(())
    }
}

/// A calendar date whose parts may be unknown, as in TIMEX3 `XXXX-02-26`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    pub fn ymd(year: i32, month: u32, day: u32) -> Self {
        PartialDate { year: Some(year), month: Some(month), day: Some(day) }
    }
    pub fn from_naive(d: chrono::NaiveDate) -> Self {
        use chrono::Datelike;
        PartialDate::ymd(d.year(), d.month(), d.day())
    }
    /// The full date, when every part is known and valid.
    pub fn to_naive(&self) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::from_ymd_opt(self.year?, self.month?, self.day?)
    }
    pub fn is_complete(&self) -> bool {
        self.to_naive().is_some()
    }
    /// Parse `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `XXXX-MM-DD`, or a longer ISO
    /// timestamp (only its date part is kept).
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        let date = s.split(['T', ' ']).next()?;
        let mut parts = date.split('-');
        let y = parts.next()?;
        let year = if y.eq_ignore_ascii_case("xxxx") {
            None
        } else if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) {
            Some(y.parse().ok()?)
        } else {
            return None;
        };
        let month = match parts.next() {
            None => None,
            Some(m) if m.eq_ignore_ascii_case("xx") => None,
            Some(m) if m.len() == 2 => Some(m.parse().ok().filter(|m| (1..=12).contains(m))?),
            Some(_) => return None,
        };
        let day = match parts.next() {
            None => None,
            Some(d) if d.eq_ignore_ascii_case("xx") => None,
            Some(d) if d.len() == 2 => Some(d.parse().ok().filter(|d| (1..=31).contains(d))?),
            Some(_) => return None,
        };
        if parts.next().is_some() || (year.is_none() && month.is_none() && day.is_none()) {
            return None;
        }
        let pd = PartialDate { year, month, day };
        if let (Some(_), Some(_), Some(_)) = (year, month, day) {
            pd.to_naive()?;
        }
        Some(pd)
    }
}

impl fmt::Display for PartialDate {
    /// TIMEX3 form: `2024-01-28`, `2024-01`, `2024`, `XXXX-02-26`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Some(y) => write!(f, "{y:04}")?,
            None => f.write_str("XXXX")?,
        }
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "-{m:02}-{d:02}"),
            (Some(m), None) => write!(f, "-{m:02}"),
            (None, Some(d)) => write!(f, "-XX-{d:02}"),
            (None, None) => Ok(()),
        }
    }
}

/// Metadata that came with a document (input fields, HTML meta tags).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocMeta {
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<PartialDate>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub site: Option<String>,
    pub description: Option<String>,
}

/// One input document, as read.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// Stable id: the given id, else derived from the path or URL.
    pub id: String,
    pub format: Format,
    pub origin: Origin,
    /// The text every offset refers to. For JSON Lines it is the `text`
    /// field unchanged; for HTML it is the extracted visible text.
    pub text: String,
    pub meta: DocMeta,
}

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// Something a stage noticed and the user may want to know. Stages return
/// these beside their results instead of failing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Short machine-readable reason, e.g. `invalid-utf8`, `no-text`.
    pub code: &'static str,
    pub message: String,
    /// Byte offset into the document text or the file, when known.
    pub offset: Option<usize>,
}

impl Diagnostic {
    pub fn new(severity: Severity, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic { severity, code, message: message.into(), offset: None }
    }
    pub fn at(mut self, offset: usize) -> Self {
        self.offset = Some(offset);
        self
    }
}

/// Whether a publication is the page's own article or one listed on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PubRole {
    Main,
    Listed,
}

impl PubRole {
    pub fn as_str(&self) -> &'static str {
        match self {
            PubRole::Main => "main",
            PubRole::Listed => "listed",
        }
    }
}

/// A publication found on a page: the main article or a listed item.
#[derive(Clone, Debug, PartialEq)]
pub struct Publication {
    pub role: PubRole,
    /// The text that belongs to this publication. Mentions inside it belong
    /// to it (the innermost publication wins).
    pub span: Span,
    pub title: Option<String>,
    pub title_span: Option<Span>,
    pub published: Option<PartialDate>,
    pub date_span: Option<Span>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    /// Publication types, e.g. "Analysis", "Question and Answer".
    pub types: Vec<String>,
    /// Topics, e.g. "Conflict Analysis & Prevention".
    pub topics: Vec<String>,
    pub url: Option<String>,
    /// The body (summary for a listed item) where mentions are looked for.
    pub body: Span,
    /// Title lines (often in title case, where the name tagger is unreliable).
    pub headings: Vec<Span>,
    /// Page furniture: byline, type and topic lines. Not prose; only layout
    /// reads them.
    pub furniture: Vec<Span>,
}

/// The kind of thing a mention names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MentionType {
    Person,
    Organization,
    Country,
    Nationality,
    Place,
    Date,
    Time,
    Duration,
    Set,
}

impl MentionType {
    pub fn as_str(&self) -> &'static str {
        match self {
            MentionType::Person => "Person",
            MentionType::Organization => "Organization",
            MentionType::Country => "Country",
            MentionType::Nationality => "Nationality",
            MentionType::Place => "Place",
            MentionType::Date => "Date",
            MentionType::Time => "Time",
            MentionType::Duration => "Duration",
            MentionType::Set => "Set",
        }
    }
    pub fn is_temporal(&self) -> bool {
        matches!(self, MentionType::Date | MentionType::Time | MentionType::Duration | MentionType::Set)
    }
    pub fn is_actor(&self) -> bool {
        matches!(
            self,
            MentionType::Person | MentionType::Organization | MentionType::Country | MentionType::Nationality
        )
    }
}

/// Which recognizer produced a mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    Gazetteer,
    Tagger,
    Rule,
    Timex,
    Actors,
    Layout,
}

impl Source {
    pub fn as_str(&self) -> &'static str {
        match self {
            Source::Gazetteer => "gazetteer",
            Source::Tagger => "tagger",
            Source::Rule => "rule",
            Source::Timex => "timex",
            Source::Actors => "actors",
            Source::Layout => "layout",
        }
    }
}

/// A stretch of text that names something.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    pub span: Span,
    pub text: String,
    pub kind: MentionType,
    /// ISO 3166-1 alpha-2 for Country, Nationality and Place mentions.
    pub iso: Option<String>,
    /// TIMEX3 value for temporal mentions.
    pub value: Option<String>,
    /// A normalized key the resolver starts from: canonical name for
    /// gazetteer hits, the text otherwise. For temporal mentions the TIMEX3
    /// value, except for a duration counted from the reference time ("two
    /// days later": value `P2D`): the date it reaches (`2024-02-01`).
    pub norm: String,
    /// Index into the document's publications.
    pub publication: usize,
    pub confidence: f32,
    pub source: Source,
    /// For Place mentions: the GeoNames id when known.
    pub geo_id: Option<u32>,
}

impl Mention {
    /// The date a duration counted from the reference time reaches ("two
    /// days later": `2024-02-01`), kept in `norm`; None for anything else.
    pub fn anchor(&self) -> Option<&str> {
        if self.kind != MentionType::Duration {
            return None;
        }
        let b = self.norm.as_bytes();
        let calendar = matches!(b.len(), 4 | 7 | 10) && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
        calendar.then_some(self.norm.as_str())
    }
}

/// A real-world thing a set of mentions refers to. `key` is stable across
/// documents and runs (the rdf module turns it into an IRI).
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    pub key: String,
    pub kind: EntityKind,
    pub name: String,
    pub aliases: Vec<String>,
    pub iso: Option<String>,
    pub wikidata: Option<String>,
    /// Country of a place or of a person's affiliation (ISO alpha-2).
    pub country: Option<String>,
    /// Role or title known from a dictionary or the text ("Supreme Leader").
    pub role: Option<String>,
    /// Acronym and its expansion for organizations.
    pub acronym: Option<String>,
    /// Indices of the mentions that refer to it.
    pub mentions: Vec<usize>,
}

/// Entity classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityKind {
    Person,
    Organization,
    Country,
    Place,
}

impl EntityKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Country => "country",
            EntityKind::Place => "place",
        }
    }
}

/// A typed event found in a document, with its arguments. `key` merges the
/// same real-world occurrence across publications and documents.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub key: String,
    /// PLOVER event type, e.g. "ASSAULT".
    pub plover: &'static str,
    /// PLOVER mode when known, e.g. "aerial".
    pub mode: Option<&'static str>,
    /// CAMEO code kept alongside, e.g. "195".
    pub cameo: Option<&'static str>,
    pub label: String,
    /// TIMEX3 value of the event date, when known.
    pub date: Option<PartialDate>,
    pub date_end: Option<PartialDate>,
    /// Entity indices.
    pub places: Vec<usize>,
    pub sources: Vec<usize>,
    pub targets: Vec<usize>,
    pub actors: Vec<usize>,
    /// Trigger spans that mention this event.
    pub triggers: Vec<Span>,
    /// Publications (indices) that mention it.
    pub publications: Vec<usize>,
    pub confidence: f32,
    /// Why mentions were merged into this event ("same-sentence",
    /// "key:type+date+country", ...).
    pub evidence: Vec<String>,
}

/// Everything the pipeline found in one document.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    pub publications: Vec<Publication>,
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
    /// For every mention, the entity it refers to (temporal mentions: none).
    pub mention_entity: Vec<Option<usize>>,
    pub events: Vec<Event>,
    pub diagnostics: Vec<Diagnostic>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_round_trip() {
        for s in ["2024-01-28", "2024-01", "2024", "XXXX-02-26"] {
            assert_eq!(PartialDate::parse(s).unwrap().to_string(), s);
        }
        assert_eq!(PartialDate::parse("2024-01-28T10:00:00Z").unwrap().to_string(), "2024-01-28");
        assert!(PartialDate::parse("2024-02-30").is_none());
        assert!(PartialDate::parse("20240").is_none());
        assert!(PartialDate::parse("hello").is_none());
    }
}
