use super::*;
use crate::model::{DocMeta, Format, Origin};

fn doc(text: &str, meta: DocMeta) -> Document {
    Document { id: "t".into(), format: Format::Text, origin: Origin::default(), text: text.into(), meta }
}

const PAGE: &str = "Ministers met again in Vienna on Tuesday, officials said. The talks were described as useful.

Amira Haddad is a senior fellow at the Middle East Policy Forum.

Related Publications

Why the Vienna Talks Stalled

Why the Vienna Talks Stalled

Monday, March 4, 2024

By: Tomas Berg;  Leila Nouri, Ph.D.

Negotiators left Vienna on March 1 without a date for a new round. Iran and the E3 blamed each other.

Type: AnalysisQuestion and Answer

Nuclear PolicyGlobal PolicyConflict Analysis & Prevention

Sanctions After the Deal

Sanctions After the Deal

Friday, February 2, 2024

By: Tomas Berg

New measures took effect on January 31.

Type: Analysis

Economics & Environment

View All Publications";

#[test]
fn main_article_and_listed_items() {
    let d = doc(PAGE, DocMeta::default());
    let pubs = publications(&d);
    assert_eq!(pubs.len(), 3);
    let main = &pubs[0];
    assert_eq!(main.role, PubRole::Main);
    assert_eq!(main.title, None);
    assert_eq!(main.published, None);
    assert_eq!(main.authors, ["Amira Haddad"]);
    assert_eq!(main.publisher.as_deref(), Some("Middle East Policy Forum"));

    let a = &pubs[1];
    assert_eq!(a.role, PubRole::Listed);
    assert_eq!(a.title.as_deref(), Some("Why the Vienna Talks Stalled"));
    assert_eq!(a.published, Some(PartialDate::ymd(2024, 3, 4)));
    assert_eq!(a.authors, ["Tomas Berg", "Leila Nouri"]);
    assert_eq!(a.types, ["Analysis", "Question and Answer"]);
    assert_eq!(a.topics, ["Nuclear Policy", "Global Policy", "Conflict Analysis & Prevention"]);
    assert_eq!(a.publisher.as_deref(), Some("Middle East Policy Forum"));
    assert!(PAGE[a.body.start..a.body.end].starts_with("Negotiators left Vienna"));
    assert!(PAGE[a.body.start..a.body.end].ends_with("blamed each other."));
    let ds = a.date_span.unwrap();
    assert_eq!(&PAGE[ds.start..ds.end], "Monday, March 4, 2024");

    let b = &pubs[2];
    assert_eq!(b.title.as_deref(), Some("Sanctions After the Deal"));
    assert_eq!(b.published, Some(PartialDate::ymd(2024, 2, 2)));
    assert_eq!(b.authors, ["Tomas Berg"]);
    assert_eq!(b.types, ["Analysis"]);
    assert_eq!(b.topics, ["Economics & Environment"]);
    assert!(!PAGE[b.span.start..b.span.end].contains("View All"));
}

#[test]
fn mentions_belong_to_the_innermost_publication() {
    let d = doc(PAGE, DocMeta::default());
    let pubs = publications(&d);
    let idx = CharIndex::new(PAGE);
    let at = |needle: &str, nth: usize| {
        let p = PAGE.match_indices(needle).nth(nth).unwrap().0;
        idx.span(p, p + needle.len())
    };
    assert_eq!(owner(&pubs, &at("Vienna", 0)), 0);
    assert_eq!(owner(&pubs, &at("Vienna", 3)), 1); // in the first item's summary
    assert_eq!(owner(&pubs, &at("January 31", 0)), 2);
    assert_eq!(owner(&pubs, &at("Related Publications", 0)), 0);
}

#[test]
fn main_metadata_from_the_page_top() {
    let text = "Border Clashes Resume\n\nPublished: Feb. 26, 2013\n\nBy Karim Saleh and Ana Ruiz\n\nFighting resumed on Monday.";
    let d = doc(text, DocMeta { title: Some("Border Clashes Resume".into()), ..Default::default() });
    let pubs = publications(&d);
    assert_eq!(pubs.len(), 1);
    let m = &pubs[0];
    assert_eq!(m.published, Some(PartialDate::ymd(2013, 2, 26)));
    assert_eq!(m.authors, ["Karim Saleh", "Ana Ruiz"]);
    let ts = m.title_span.unwrap();
    assert_eq!(&text[ts.start..ts.end], "Border Clashes Resume");
}

#[test]
fn metadata_date_wins_and_url_date_is_a_fallback() {
    let d = doc("Text without a date line.", DocMeta { published: Some(PartialDate::ymd(2020, 5, 1)), ..Default::default() });
    assert_eq!(publications(&d)[0].published, Some(PartialDate::ymd(2020, 5, 1)));
    let d = doc(
        "Text without a date line.",
        DocMeta { url: Some("https://example.org/publications/2013/02/some-story".into()), ..Default::default() },
    );
    let p = publications(&d)[0].published.unwrap();
    assert_eq!((p.year, p.month, p.day), (Some(2013), Some(2), None));
}

#[test]
fn run_together_lists() {
    assert_eq!(split_run_together("AnalysisQuestion and Answer"), ["Analysis", "Question and Answer"]);
    assert_eq!(split_run_together("Global PolicyHuman Rights"), ["Global Policy", "Human Rights"]);
    assert_eq!(split_run_together("McDonald Studies"), ["McDonald Studies"]);
}

#[test]
fn odd_pages_do_not_panic() {
    for t in ["", "\n\n", "Related Publications", "Related Publications\n\nMonday, March 4, 2024", "By:\n", "Type:"] {
        let pubs = publications(&doc(t, DocMeta::default()));
        assert!(!pubs.is_empty());
    }
}

#[test]
fn organization_bylines_name_the_publisher() {
    let text = "What to Know About the Takeover\n\nBy Atlantic Council\n\nThe group took the capital on Sunday.";
    let d = doc(text, DocMeta { title: Some("What to Know About the Takeover".into()), ..Default::default() });
    let p = &publications(&d)[0];
    assert!(p.authors.is_empty());
    assert_eq!(p.publisher.as_deref(), Some("Atlantic Council"));
}

#[test]
fn listing_pages_without_a_heading() {
    let text = "How Sanctions Shape the War\n\nHow Sanctions Shape the War\n\nWednesday, March 30, 2022\n\nBy: Lena Ortiz\n\nThe measures have cut revenue.\n\nType: Analysis and Commentary\n\nGlobal PolicyEconomics\n\nWhat the Talks Mean\n\nWhat the Talks Mean\n\nMonday, March 28, 2022\n\nBy: Omar Said\n\nDelegations met in Istanbul.\n\nType: Analysis";
    let pubs = publications(&doc(text, DocMeta::default()));
    assert_eq!(pubs.len(), 3, "{pubs:#?}");
    assert_eq!(pubs[1].title.as_deref(), Some("How Sanctions Shape the War"));
    assert_eq!(pubs[1].types, ["Analysis and Commentary"]);
    assert_eq!(pubs[1].topics, ["Global Policy", "Economics"]);
    assert_eq!(pubs[2].published, Some(PartialDate::ymd(2022, 3, 28)));
    assert_eq!(pubs[2].authors, ["Omar Said"]);
}

#[test]
fn ascii_bio_pattern_agrees_on_ascii_lines() {
    let full = Regex::new(BIO_PATTERN).unwrap();
    let ascii = Regex::new(&ascii_pattern(BIO_PATTERN)).unwrap();
    for line in [
        "Amira Haddad is a senior fellow at the Middle East Policy Forum.",
        "  Jon O'Neill was the bureau chief and head of news for Gulf Times",
        "Maria de la Cruz serves as a program officer with the Institute of Peace and Security.",
        "Ana Lee is an expert.",
        "The talks is a senior fellow at the forum.",
        "Sam Ray is a\tsenior\x0Bwriter at Acme-Corp's Desk of the Year .  ",
        "By the close Yorkshire had turned that into a lead",
    ] {
        let a = full.captures(line).map(|c| (c.get(1).map(|m| m.range()), c.get(2).map(|m| m.range())));
        let b = ascii.captures(line).map(|c| (c.get(1).map(|m| m.range()), c.get(2).map(|m| m.range())));
        assert_eq!(a, b, "{line:?}");
    }
    assert!(bio_line("Amira Haddad is a senior fellow at the Middle East Policy Forum.").is_some());
}

#[test]
fn date_prefix_matches_like_its_regex() {
    let re = Regex::new(r"(?i)^(?:date|published(?: on)?|posted(?: on)?|updated(?: on)?|last updated)\s*:?\s+").unwrap();
    for s in [
        "Published on: March 4, 2024",
        "published online March 4",
        "Posted  :March 4",
        "Posted :  March 4",
        "UPDATED ON Tuesday",
        "Last Updated: 2024-01-30",
        "Date:2024",
        "Date: ",
        "Dated 2024",
        "Publiſhed 2024",
        "posted\u{a0}on\u{2003}March",
        "last  updated 2024",
        "updated",
    ] {
        assert_eq!(date_prefix_end(s), re.find(s).map(|m| m.end()), "{s:?}");
    }
}

/// `byline` answers what its pattern's captures answered (the regex it
/// replaced): the names of the group, or nothing.
#[test]
fn byline_matches_like_its_regex() {
    let re = Regex::new(r"^\s*(?i:by|authors?|written by)\s*:?\s+(.+?)\s*$").unwrap();
    let by_regex = |line: &str| -> Option<Vec<String>> {
        let list = re.captures(line)?.get(1)?.as_str();
        if list.len() > 200 {
            return None;
        }
        let names = split_names(list);
        (!names.is_empty() && names.iter().all(|n| looks_like_name(n) || is_organization_name(n))).then_some(names)
    };
    let long = format!("By {}", "Tomas Berg, ".repeat(20));
    for line in [
        "By: Tomas Berg;  Leila Nouri, Ph.D.",
        "By Tomas Berg and Leila Nouri",
        "  BY  Tomas Berg  ",
        "By:Tomas Berg",
        "By :Tomas Berg",
        "By : Tomas Berg",
        "by\u{a0}Tomas Berg\u{2003}",
        "Authors: Tomas Berg & Leila Nouri",
        "Author Tomas Berg",
        "Authors Tomas Berg",
        "Authorship Tomas Berg",
        "Written by Reuters Staff",
        "written  by Tomas Berg",
        "Written by: Gulf News Desk",
        "Byline Tomas Berg",
        "By the close Yorkshire had turned that into a lead",
        "By",
        "By   ",
        "By: ",
        "ſtop by Tomas Berg",
        "Autho\u{17f}s: Tomas Berg",
        "By Tomas\rBerg",
        "By Tomas Berg.",
        long.as_str(),
        "",
    ] {
        assert_eq!(byline(line), by_regex(line), "{line:?}");
    }
    assert_eq!(byline("By: Tomas Berg;  Leila Nouri, Ph.D."), Some(vec!["Tomas Berg".to_string(), "Leila Nouri".to_string()]));
}

/// Every line the bio pattern matches opens as `bio_opening` says; lines
/// that do not open so are not tried.
#[test]
fn bio_opening_is_necessary_for_the_pattern() {
    let re = Regex::new(BIO_PATTERN).unwrap();
    for line in [
        "Amira Haddad is a senior fellow at the Middle East Policy Forum.",
        "Viola Gienger was the senior editor",
        "Viola J. Gienger serves as an adviser to the board",
        "Viola Gienger serves  as an adviser",
        "  Mary Ann O'Neil-Smith is a writer",
        "Ann Mary Beth Lou Smith is a writer",
        "Amira\u{a0}Haddad\u{2003}is\ta director.",
        "Amira Haddad is an expert with USIP",
        "The loss was the Mets ' eighth straight",
        "He was the first black head of South Africa 's Anglicans .",
        "NOTE - Apic Yamada Corp is a leading manufacturer of semiconductor leadframes .",
        "A B is a writer",
        "Amira is a writer",
        "Amira Haddad is thea writer",
        "",
    ] {
        if re.is_match(line) {
            assert!(bio_opening(line), "{line:?}");
        }
    }
    assert!(bio_opening("Amira Haddad is a senior fellow"));
    assert!(bio_opening("Viola J. Gienger serves as an adviser"));
    assert!(!bio_opening("He was the first black head"));
    assert!(!bio_opening("Amira Haddad said she is a writer"));
    assert!(bio_line("Amira Haddad is a senior fellow at the Middle East Policy Forum.").is_some());
}

#[test]
fn date_lines_need_a_year() {
    assert!(date_line("LONDON 1996-08-30").is_some());
    assert!(date_line("Monday, March 4, 2024").is_some());
    assert!(date_line("Nineteen ninety-six").is_some() == timex::parse_date_line("Nineteen ninety-six").is_some_and(|d| d.year.is_some()));
    assert!(date_line("CRICKET - LEICESTERSHIRE TAKE OVER").is_none());
    assert!(date_line("Monday, March 4").is_none());
    for s in ["the year two thousand", "Nineteen ninety-six", "Christmas", "Monday, March 4", "1996", "late 1990s", "last year", "two days ago"] {
        let parsed = timex::parse_date_line(s).is_some_and(|d| d.year.is_some());
        assert!(!parsed || timex::may_hold_year(s), "{s:?}");
    }
    assert!(!timex::may_hold_year("CRICKET - LEICESTERSHIRE TAKE OVER AT TOP"));
}
