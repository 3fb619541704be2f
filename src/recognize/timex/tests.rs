//! Table-driven tests of the temporal tagger: hand-written news sentences
//! with the TIMEX3 span and value expected under a fixed document date.

use super::*;

/// The default document creation time: Friday, 19 January 2024 (ISO week 3).
const DCT: &str = "2024-01-19";

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// (document date or "" for none, sentence, expected span, expected value, expected kind)
type Case = (&'static str, &'static str, &'static str, &'static str, TimexKind);

use TimexKind::{Date as D, Duration as U, Set as S, Time as T};

const CASES: &[Case] = &[
    // ---- absolute dates in news forms ----
    (DCT, "The accord was signed on Tuesday, January 30, 2024, in Geneva.", "Tuesday, January 30, 2024", "2024-01-30", D),
    (DCT, "Shares closed higher on Jan. 30, 2024.", "Jan. 30, 2024", "2024-01-30", D),
    ("2013-02-08", "The hearing is set for Feb. 26.", "Feb. 26", "2013-02-26", D),
    ("", "The hearing is set for Feb. 26.", "Feb. 26", "XXXX-02-26", D),
    ("", "Prices peaked in January 2024 before falling.", "January 2024", "2024-01", D),
    (DCT, "He was born on 26 February 2013 in Lyon.", "26 February 2013", "2013-02-26", D),
    (DCT, "The ministry published the figures on 2024-01-30.", "2024-01-30", "2024-01-30", D),
    (DCT, "The filing, dated 1/30/2024, was made public.", "1/30/2024", "2024-01-30", D),
    (DCT, "The floods of 19-Nov-12 destroyed the bridge.", "19-Nov-12", "2012-11-19", D),
    (DCT, "Construction is due to finish by mid-2013.", "mid-2013", "2013", D),
    (DCT, "The company was founded in 1987 by two engineers.", "1987", "1987", D),
    (DCT, "Inflation was high in the 1990s.", "1990s", "199", D),
    (DCT, "Growth slowed in the early 1980s.", "early 1980s", "198", D),
    (DCT, "Music from the '80s is back in fashion.", "'80s", "198", D),
    (DCT, "Hate groups declined through the nineties.", "the nineties", "199", D),
    (DCT, "The bridge was built in the 20th century.", "the 20th century", "19", D),
    (DCT, "The town was founded in the eleventh century.", "the eleventh century", "10", D),
    (DCT, "Talks resumed on the 5th of March 2021.", "5th of March 2021", "2021-03-05", D),
    (DCT, "The treaty took effect on March 5, 1946.", "March 5, 1946", "1946-03-05", D),
    (DCT, "Parliament met in December 1999 to vote.", "December 1999", "1999-12", D),
    (DCT, "Talks collapsed in the winter of 1996.", "the winter of 1996", "1996-WI", D),
    (DCT, "The plant opened in the spring of 2022.", "the spring of 2022", "2022-SP", D),
    (DCT, "Profit fell in the third quarter of 2022.", "the third quarter of 2022", "2022-Q3", D),
    (DCT, "Sales rose in the first half of 2023.", "the first half of 2023", "2023-H1", D),
    (DCT, "The company earned $2 million in fiscal 2023.", "fiscal 2023", "2023", D),
    (DCT, "The rules changed after 2008, analysts said.", "2008", "2008", D),
    (DCT, "Voters went to the polls on Election Day 2020.", "Election Day 2020", "2020-11-03", D),
    (DCT, "Crowds gathered on Christmas Eve.", "Christmas Eve", "2023-12-24", D),
    (DCT, "The offer expires on New Year's Day.", "New Year's Day", "2024-01-01", D),
    (DCT, "Families met last Thanksgiving.", "last Thanksgiving", "2023-11-23", D),
    (DCT, "The summit will be held on April 24 and 25.", "25", "2024-04-25", D),
    (DCT, "The summit will be held on April 24 and 25.", "April 24", "2024-04-24", D),
    (DCT, "The year two thousand was a turning point.", "The year two thousand", "2000", D),
    (DCT, "She arrived in nineteen ninety-six.", "nineteen ninety-six", "1996", D),
    (DCT, "Results were better than in the last half of 1989.", "the last half of 1989", "1989-H2", D),
    // ---- months without a year: document date and tense ----
    (DCT, "Sales fell sharply in December.", "December", "2023-12", D),
    (DCT, "The vote will take place in March.", "March", "2024-03", D),
    (DCT, "The minister resigned on Jan. 16.", "Jan. 16", "2024-01-16", D),
    (DCT, "The company reported a loss on Nov. 30.", "Nov. 30", "2023-11-30", D),
    (DCT, "The offer was extended to Feb. 2.", "Feb. 2", "2024-02-02", D),
    (DCT, "A new law takes effect in early February.", "early February", "2024-02", D),
    (DCT, "Talks are scheduled for late-March.", "late-March", "2024-03", D),
    (DCT, "The report, released in mid-November, was criticized.", "mid-November", "2023-11", D),
    (DCT, "He left the company last April.", "last April", "2023-04", D),
    (DCT, "The station reopens next June.", "next June", "2024-06", D),
    (DCT, "The deal closed in June last year.", "June last year", "2023-06", D),
    (DCT, "They married in the summer.", "the summer", "2023-SU", D),
    (DCT, "Protests began last fall.", "last fall", "2023-FA", D),
    (DCT, "The team plans to return this summer.", "this summer", "2024-SU", D),
    // ---- relative to the document date ----
    (DCT, "The strike ends today.", "today", "2024-01-19", D),
    (DCT, "The minister spoke yesterday.", "yesterday", "2024-01-18", D),
    (DCT, "The vote is expected tomorrow.", "tomorrow", "2024-01-20", D),
    (DCT, "Police made two arrests last week.", "last week", "2024-W02", D),
    (DCT, "The council meets this week.", "this week", "2024-W03", D),
    (DCT, "Results are due next week.", "next week", "2024-W04", D),
    (DCT, "Prices rose this month.", "this month", "2024-01", D),
    (DCT, "Prices fell last month.", "last month", "2023-12", D),
    (DCT, "The law takes effect next month.", "next month", "2024-02", D),
    (DCT, "Elections are due next year.", "next year", "2025", D),
    (DCT, "Exports grew last year.", "last year", "2023", D),
    (DCT, "This year will be difficult.", "This year", "2024", D),
    (DCT, "The company lost money last quarter.", "last quarter", "2023-Q4", D),
    (DCT, "Output rose in the current quarter.", "the current quarter", "2024-Q1", D),
    (DCT, "Growth will pick up early next year.", "early next year", "2025", D),
    (DCT, "The minister said earlier this month that taxes would rise.", "earlier this month", "2024-01", D),
    (DCT, "The firm was sold a year ago.", "a year ago", "2023", D),
    (DCT, "The law was passed three years ago.", "three years ago", "2021", D),
    (DCT, "The ship sank two weeks ago.", "two weeks ago", "2024-W01", D),
    (DCT, "He moved here 11 days ago.", "11 days ago", "2024-01-08", D),
    (DCT, "The crisis started six months ago.", "six months ago", "2023-07", D),
    (DCT, "Rents rose over the weekend.", "the weekend", "2024-W02-WE", D),
    (DCT, "Fighting resumed last weekend.", "last weekend", "2024-W02-WE", D),
    (DCT, "The mayor spoke on Friday.", "Friday", "2024-01-19", D),
    (DCT, "The mayor spoke on Monday.", "Monday", "2024-01-15", D),
    (DCT, "Rebels attacked the town Wednesday, officials said.", "Wednesday", "2024-01-17", D),
    (DCT, "The minister will visit the region on Monday.", "Monday", "2024-01-22", D),
    (DCT, "The court adjourned until Tuesday.", "Tuesday", "2024-01-23", D),
    (DCT, "Trading resumed last Friday.", "last Friday", "2024-01-12", D),
    (DCT, "The board meets next Thursday.", "next Thursday", "2024-01-25", D),
    (DCT, "He voted on Saturday and left Sunday.", "Sunday", "2024-01-14", D),
    (DCT, "Markets were closed Thursday's afternoon session.", "Thursday", "2024-01-18", D),
    // possessive weekdays name past events; reporting verbs right after
    // the weekday set the tense; "by" + date is a deadline ahead
    (DCT, "Lawyers would look for ways around Wednesday's ruling by the court.", "Wednesday", "2024-01-17", D),
    (DCT, "The president on Tuesday said the embargo may be extended.", "Tuesday", "2024-01-16", D),
    (DCT, "The talks, which collapsed, must conclude by May.", "May", "2024-05", D),
    (DCT, "Final guidelines to be published in early March will settle it.", "early March", "2024-03", D),
    (DCT, "The prosecutor has scheduled a news conference Tuesday to announce charges.", "Tuesday", "2024-01-23", D),
    // a capitalized word of four letters ending a sentence is not an
    // abbreviation: the sentence before does not lend its tense
    (DCT, "Exports will recover with help from the West. So the king on Monday tried to rally support.", "Monday", "2024-01-15", D),
    // ---- the moving reference time ----
    (DCT, "Troops entered the city on January 16. Less than two days later the rebels withdrew.", "Less than two days", "P2D", U),
    (DCT, "The plant closed on March 3, 2020. Two weeks later it reopened.", "Two weeks", "P2W", U),
    (DCT, "The index recovered eight trading days after the crash.", "eight trading days", "P8D", U),
    (DCT, "The talks lasted just over two hours.", "over two hours", "PT2H", U),
    (DCT, "The doctor was shot at home. Just under an hour later he died.", "under an hour", "PT1H", U),
    (DCT, "He arrived in Kabul on Oct. 5, 2001, and left the next day.", "the next day", "2001-10-06", D),
    (DCT, "The riots began on May 2, 1998. Three days later the government fell.", "Three days", "P3D", U),
    (DCT, "The ceasefire was signed on June 1, 1995. The following year war resumed.", "The following year", "1996", D),
    (DCT, "The accord was signed in 1995 and collapsed later that year.", "later that year", "1995", D),
    (DCT, "Rebels attacked on Aug. 7, 1998. A day earlier, the embassy had warned staff.", "A day", "P1D", U),
    (DCT, "Protests began on Feb. 3, 2011. That same day the army deployed.", "That same day", "2011-02-03", D),
    (DCT, "The bomb exploded on Aug. 7, 1998, at 10:35 a.m.", "10:35 a.m.", "1998-08-07T10:35", T),
    // ---- vague references ----
    (DCT, "Prices are now falling.", "now", "PRESENT_REF", D),
    (DCT, "The factory currently employs 300 people.", "currently", "PRESENT_REF", D),
    (DCT, "The current system is flawed.", "current", "PRESENT_REF", D),
    (DCT, "Violence has increased in recent years.", "recent years", "PAST_REF", D),
    (DCT, "The bank recently cut rates.", "recently", "PAST_REF", D),
    (DCT, "Such attacks were rare in the past.", "the past", "PAST_REF", D),
    (DCT, "The dam may fail in the future.", "the future", "FUTURE_REF", D),
    (DCT, "A deal is likely in the near future.", "the near future", "FUTURE_REF", D),
    (DCT, "The rebels seized the town several years ago.", "several years ago", "PAST_REF", D),
    // ---- parts of the day and clock times ----
    (DCT, "The embassy was hit Friday morning.", "Friday morning", "2024-01-19TMO", D),
    (DCT, "The talks ended Wednesday night.", "Wednesday night", "2024-01-17TNI", D),
    (DCT, "The minister spoke yesterday afternoon.", "yesterday afternoon", "2024-01-18TAF", T),
    (DCT, "Shots were heard last night.", "last night", "2024-01-18TNI", T),
    (DCT, "The results come this evening.", "this evening", "2024-01-19TEV", T),
    (DCT, "The president speaks tonight.", "tonight", "2024-01-19TNI", T),
    (DCT, "He was seen this morning near the border.", "this morning", "2024-01-19TMO", T),
    (DCT, "The blast occurred at about 10:35 a.m. local time.", "10:35 a.m.", "2024-01-19T10:35", T),
    (DCT, "The blast occurred at 0735 GMT.", "0735 GMT", "2024-01-19T07:35", T),
    (DCT, "The deadline expired at 5 p.m. EST Wednesday.", "5 p.m. EST Wednesday", "2024-01-17T17:00", T),
    (DCT, "The train left at 6:15 pm.", "6:15 pm", "2024-01-19T18:15", T),
    (DCT, "Voting ends at noon.", "noon", "2024-01-19T12:00", T),
    (DCT, "The siege began at midnight Friday.", "midnight Friday", "2024-01-19T00:00", T),
    (DCT, "He called at 4 in the morning.", "4 in the morning", "2024-01-19T04:00", T),
    // ---- durations ----
    (DCT, "The strike lasted 12 days.", "12 days", "P12D", U),
    (DCT, "He served two years in prison.", "two years", "P2Y", U),
    (DCT, "The project will take several months.", "several months", "PXM", U),
    (DCT, "Rescuers worked for 24 hours without a break.", "24 hours", "PT24H", U),
    (DCT, "The war lasted nearly a decade.", "nearly a decade", "P10Y", U),
    (DCT, "Talks went on for more than four hours.", "more than four hours", "PT4H", U),
    (DCT, "He signed a five-year contract.", "five-year", "P5Y", U),
    (DCT, "The flight took 5 1/2 hours.", "5 1/2 hours", "PT5H30M", U),
    (DCT, "It took a year and a half to rebuild.", "a year and a half", "P1Y6M", U),
    (DCT, "The meeting lasted 90 minutes.", "90 minutes", "PT90M", U),
    (DCT, "Output has fallen over the past three years.", "the past three years", "P3Y", U),
    (DCT, "Prices rose in the last two months.", "the last two months", "P2M", U),
    (DCT, "Aid will arrive in the next few days.", "the next few days", "PXD", U),
    (DCT, "The ban lasted for decades.", "decades", "PXY", U),
    (DCT, "The ruling follows months of talks.", "months", "PXM", U),
    (DCT, "Profit rose 5% in the first nine months.", "the first nine months", "P9M", U),
    (DCT, "The drug must be taken within 72 hours.", "72 hours", "PT72H", U),
    (DCT, "Delivery takes two to three weeks.", "two to three weeks", "P2W", U),
    (DCT, "Shipments stopped for a couple of years.", "a couple of years", "P2Y", U),
    (DCT, "Loans are due in 30 days.", "30 days", "P30D", U),
    (DCT, "The truce held for a fortnight.", "a fortnight", "P1W", U),
    (DCT, "Repairs took three quarters to finish.", "three quarters", "P3Q", U),
    (DCT, "The church stood for centuries.", "centuries", "PXC", U),
    (DCT, "The 16-hour shift ended at dawn.", "16-hour", "PT16H", U),
    // ---- sets ----
    (DCT, "The festival is held every year.", "every year", "P1Y", S),
    (DCT, "The magazine appears weekly.", "weekly", "P1W", S),
    (DCT, "The board meets each month.", "each month", "P1M", S),
    (DCT, "Rallies were held daily.", "daily", "P1D", S),
    (DCT, "The market opens every Tuesday.", "every Tuesday", "XXXX-WXX-2", S),
    (DCT, "Flights leave twice a week.", "a week", "P1W", S),
    (DCT, "Meetings are held every other week.", "every other week", "P2W", S),
    (DCT, "Clubs open on Tuesday nights.", "Tuesday nights", "XXXX-WXX-2TNI", S),
    (DCT, "Inspections take place each July.", "each July", "XXXX-07", S),
    (DCT, "Rates are reviewed every quarter.", "every quarter", "P1Q", S),
    // ---- quarters and earnings reports ----
    (DCT, "Profit fell in the third quarter.", "the third quarter", "2023-Q3", D),
    (DCT, "Fourth-quarter profit rose 8%.", "Fourth-quarter", "2023-Q4", D),
    ("1989-10-26", "Net income rose in the third quarter. A year earlier, the company lost money.", "A year earlier", "1988-Q3", D),
    ("1989-10-26", "Sales in the quarter rose 9%, compared with the year-earlier quarter.", "the year-earlier quarter", "1988-Q3", D),
    ("1989-10-26", "Earnings in the latest quarter were flat.", "the latest quarter", "1989-Q3", D),
    ("1989-10-26", "For the year ended Sept. 30, sales rose.", "the year", "P1Y", U),
    ("1989-10-26", "The plant will close by year-end.", "year-end", "1989-12-31", D),
    // a forecast quarter is not the quarter under discussion
    ("2024-10-26", "Analysts expect losses through the third quarter of 2025. In the year-ago period, the company earned $3 million.", "the year-ago period", "2023-Q3", D),
    // "the 2023 period" does not become the quarter under discussion
    ("2024-10-26", "The company earned $20 million in the 2023 period. It expected to break even for the quarter.", "the quarter", "2024-Q3", D),
    ("2024-10-26", "Sales rose 5% in the third quarter. Sales for last year's quarter were $3 million.", "last year's quarter", "2023-Q3", D),
    // "the next year" after a quarter is a year, not that quarter a year on
    ("2024-10-26", "Profit fell in the third quarter. The battery plant will be closed over the next year or so.", "the next year", "2025", D),
    ("2024-10-26", "Losses will continue through at least the first two quarters of 2025.", "the first two quarters of 2025", "2025-H1", D),
    ("2024-10-31", "In the fiscal year ended Jan. 31, the company had sales of $59.5 million.", "Jan. 31", "2024-01-31", D),
    // after "the nine months", "a year earlier" compares whole periods
    ("2024-10-26", "Net rose 9% in the third quarter. For the nine months, net was $81 million, up from $77 million a year earlier.", "a year earlier", "2023", D),
    ("2024-10-26", "Net rose 9% in the third quarter. For the first nine months, profit rose, compared with year-earlier net of $9 million.", "year-earlier", "2023", D),
    ("2024-10-26", "Net rose 9% in the third quarter. In the first nine months, net was $30 million, against a loss in the 2023 period.", "the 2023 period", "2023", D),
    ("2024-10-26", "Net rose 9% in the third quarter. For the nine months, sales rose 5%. In the year-earlier quarter, the company lost money.", "the year-earlier quarter", "2023-Q3", D),
    // an older quarter named in passing, or the quarter still running, does
    // not replace the quarter under discussion
    ("2024-11-01", "The company posted a 20% gain in third-quarter net income. After a flat second quarter, results improved. Interest costs were lower than a year ago.", "a year ago", "2023-Q3", D),
    ("2024-11-01", "It reported a loss for the third quarter. This quarter's loss includes charges. Sales for last year's quarter were $3 million.", "last year's quarter", "2023-Q3", D),
    // "that quarter": the quarter under discussion, not a day named since
    ("2024-10-26", "The company reported results for the third quarter ended Sept. 30. Results for that quarter included a charge.", "that quarter", "2024-Q3", D),
    // ---- tense cues ----
    // a present-tense clause is not ruled by a past verb further back
    (DCT, "The relatives signed nothing, and the case is heard in March.", "March", "2024-03", D),
    ("2023-10-30", "Lenders, led by two banks, have extended credit lines through January.", "January", "2024-01", D),
    ("2023-10-26", "The bank created a new office of the chairman, effective Feb. 1.", "Feb. 1", "2024-02-01", D),
    // a plan that was already past
    ("2024-01-22", "The offer had been due to expire Friday.", "Friday", "2024-01-19", D),
    ("2024-01-22", "The attack began as previously planned on Saturday.", "Saturday", "2024-01-20", D),
    ("2024-01-22", "On Friday, when the minister set aside vacation plans for a hastily planned trip, the ministry lifted a warning.", "Friday", "2024-01-19", D),
    // a past-tense report about next month announces it
    (DCT, "The company told customers of a cut in supplies in February.", "February", "2024-02", D),
    (DCT, "Experts say the region will one day be a major exporter.", "one day", "FUTURE_REF", D),
    // ---- anchored to the reference time ----
    (DCT, "Shares closed at 2082.1 on Wednesday, Jan. 17, down 4.5% from the previous Friday.", "the previous Friday", "2024-01-12", D),
    (DCT, "A court hearing is set for the week of March 4.", "the week of March 4", "2024-W10", D),
    (DCT, "He fled to Florida in June 1998 and returned to Cuba later that year.", "later that year", "1998", D),
    // "overnight": the night leading into the day under discussion
    (DCT, "Shares fell on Wednesday, Jan. 17, after overnight losses in Asia.", "overnight", "2024-01-16TNI", T),
    ("2024-01-22", "Tokyo stocks closed lower Friday. Overnight losses on Wall Street weighed, and the index was down 3% from the previous Friday.", "the previous Friday", "2024-01-12", D),
    // a day next to another
    ("2024-02-24", "The day before last Tuesday's hearing, the lawyers met the judge.", "The day before last Tuesday", "2024-02-19", D),
    (DCT, "Stores reopen the day after Christmas.", "the day after Christmas", "2023-12-26", D),
    // a part of the day before its day
    ("1989-11-02", "In London at mid-afternoon yesterday, the shares were up 2 pence.", "mid-afternoon yesterday", "1989-11-01TAF", T),
    // "a week or so ago": the hedge belongs to the expression
    ("2024-02-26", "Then, a week or so ago, the general picked the date.", "a week or so ago", "2024-W08", D),
    // part of a decade is that decade
    (DCT, "Sales have been flat through the last half of the '80s.", "the last half of the '80s", "198", D),
    (DCT, "Reforms began in the first half of the 1990s.", "the first half of the 1990s", "199", D),
    // "last February" written in March: the month just past is "last month"
    ("2024-03-02", "Two helicopters crashed last February.", "last February", "2023-02", D),
    ("2024-03-02", "Inflation peaked last January.", "last January", "2024-01", D),
    // a dividend payable on a date lies ahead
    ("1989-10-27", "The reduced dividend is payable Jan. 2 to stock of record Dec. 15.", "Jan. 2", "1990-01-02", D),
    // a part of the day under discussion
    ("2024-01-22", "Stocks fell on Friday. Dealers placed heavy buy orders in the morning to start the session.", "the morning", "2024-01-19TMO", T),
    (DCT, "By mid afternoon, officials were saying the fighting had stopped.", "mid afternoon", "2024-01-19TAF", T),
    // vague stretches of time
    (DCT, "Residents will have to live without power for a while.", "a while", "PXX", U),
    (DCT, "The bonds may be sold at a later date.", "a later date", "FUTURE_REF", D),
    (DCT, "The unit turned a profit after several quarters of losses.", "several quarters", "PXQ", U),
    (DCT, "Lawyers emerged from their third day-long meeting with officials.", "day-long", "P1D", U),
    // the day of writing, named by its place in an ongoing event
    ("1990-08-15", "In Saudi Arabia, today is the eighth day of the operation.", "the eighth day", "1990-08-15", D),
    ("1998-03-06", "Heavy gunfire again. It's the second day of an offensive by the police.", "the second day", "1998-03-06", D),
    // the present of a past time
    ("1989-10-26", "Holders may buy shares at half the then current market price.", "then current", "PAST_REF", D),
    // "the year before" after a year: the year before that one
    ("1998-09-07", "Revenue dropped to $300 million last year, down from $450 million the year before.", "the year before", "1996", D),
    // a month without tense cues: the past one wins unless the next is much closer
    ("1998-10-25", "In January, a week after the anniversary of the court decision that legalized abortion nationwide in the United States, a clinic bombing in a southern city killed a guard.", "January", "1998-01", D),
    // a week the text does not place: the week of the document year left open
    (DCT, "The index fell 2% for the week, its worst showing since March.", "the week", "2024-WXX", D),
    (DCT, "Turnover on Thursday was the week's heaviest.", "the week", "2024-WXX", D),
    // "soon" next to a modal: the near future
    (DCT, "Prosecutors may soon seek an indictment against the former mayor.", "soon", "FUTURE_REF", D),
    (DCT, "The ministry said the new rules soon will apply to all airlines.", "soon", "FUTURE_REF", D),
    // a weekday in a present-tense clause is ahead; in a present perfect or
    // after "since" it is past
    (DCT, "The envoy is in Cairo on Monday for talks with the president.", "Monday", "2024-01-22", D),
    (DCT, "The company has said Monday that it would cut 300 jobs.", "Monday", "2024-01-15", D),
    (DCT, "Since Tuesday, the shares have gained 5 percent.", "Tuesday", "2024-01-16", D),
    (DCT, "After touring the port Thursday, the minister said that he is satisfied with the inquiry.", "Thursday", "2024-01-18", D),
    // an amount before "after"/"before" and a date: a duration anchored by
    // the signal word; the date is its own expression
    (DCT, "Ten days after Oct. 3, the rebels withdrew from the town.", "Ten days", "P10D", U),
    (DCT, "Ten days after Oct. 3, the rebels withdrew from the town.", "Oct. 3", "2023-10-03", D),
    (DCT, "Two weeks before Tuesday's vote, the party changed its leader.", "Two weeks", "P2W", U),
    // an amount after "in" in a future clause is a point ahead; elsewhere a
    // duration
    (DCT, "The bonds will mature in ten years.", "ten years", "2034", D),
    (DCT, "Talks may resume in a month or two, the envoy said.", "a month or two", "FUTURE_REF", D),
    (DCT, "It was his second visit to the region in two weeks.", "two weeks", "P2W", U),
    (DCT, "Sales rose at the fastest pace in a decade.", "a decade", "P10Y", U),
    (DCT, "Prices will rise for the first time in five years.", "five years", "P5Y", U),
    (DCT, "The council will vote in an hour.", "an hour", "FUTURE_REF", D),
    // a plural part of the day shared by coordinated weekdays
    (DCT, "The ferry sails on Friday and Saturday nights in summer.", "Friday", "XXXX-WXX-5TNI", S),
    (DCT, "The ferry sails on Friday and Saturday nights in summer.", "Saturday nights", "XXXX-WXX-6TNI", S),
    // coordinated ordinals sharing "quarters": a quarter each, recurring
    // in a habitual clause
    (DCT, "Retail sales typically peak in the third and fourth quarters.", "third", "XXXX-Q3", S),
    (DCT, "Retail sales typically peak in the third and fourth quarters.", "fourth quarters", "XXXX-Q4", S),
    ("1989-10-26", "Results for the first and second quarters of 1990 are expected to be weak.", "first", "1990-Q1", D),
    // an apposition naming the day just given
    (DCT, "The mayor resigned on Dec. 4, the day before the audit was published.", "the day", "2023-12-04", D),
    // "in a year that …": some such period, a duration
    (DCT, "Taxes would be low in a year that produced such losses.", "a year", "P1Y", U),
    // "the latest period" of a report is the quarter it named, even one
    // not over by the document date (a fiscal fourth quarter)
    ("1989-11-02", "The brewer reported lower fourth-quarter profit. Sales in the latest period rose 4%.", "the latest period", "1989-Q4", D),
    ("1989-11-02", "Sales in the latest quarter rose 4%, the bank said.", "the latest quarter", "1989-Q3", D),
    // "this quarter's loss" in a report: the quarter reported on
    ("1989-11-01", "The publisher lost $8 million in the third quarter. This quarter's loss includes a charge for closing a plant.", "This quarter", "1989-Q3", D),
    ("1989-11-01", "Sales in this quarter are running ahead of plan.", "this quarter", "1989-Q4", D),
    // an apposition and an end date lean on the quarter just before them;
    // "that quarter" is the one named last
    ("1989-10-27", "The chain earned 40 cents a share in the third quarter. In the comparable year-ago quarter, the second quarter ended Oct. 31, it lost money.", "the second quarter", "1988-Q2", D),
    ("1989-10-27", "The chain earned 40 cents a share in the third quarter. In the comparable year-ago quarter, the second quarter ended Oct. 31, it lost money.", "Oct. 31", "1988-10-31", D),
    ("1989-10-27", "The chain earned 40 cents a share in the third quarter. In the comparable year-ago quarter, the second quarter ended Oct. 31, it lost money. Results for that quarter included a charge.", "that quarter", "1988-Q2", D),
    // after a nine-month period, "the year-earlier period" is such a period
    ("1989-10-27", "Net fell in the third quarter. For the nine months, net rose 4%. In the year-earlier period, the company had net of $77 million.", "the year-earlier period", "P9M", U),
    // a quarter ending off the calendar quarters: the calendar quarter
    // holding most of its months
    ("1989-10-30", "In the quarter ended July 31, the retailer had 5.6 million shares outstanding.", "the quarter", "1989-Q2", D),
    ("1989-10-30", "For the quarter ended Jan. 31, sales rose 3%.", "the quarter", "1988-Q4", D),
    ("1989-10-30", "For the quarter ended Jan. 31, sales rose 3%.", "Jan. 31", "1989-01-31", D),
    // a present-tense verb of scheduling right before a weekday: ahead
    (DCT, "The two leaders meet separately Monday with the envoy.", "Monday", "2024-01-22", D),
    (DCT, "The new session opens on Tuesday, officials said.", "Tuesday", "2024-01-23", D),
    (DCT, "The two leaders did not meet Monday, officials said.", "Monday", "2024-01-15", D),
    // a quarterly figure set against "last year": the same quarter a year
    // before; a plain mention of last year stays the year
    ("1989-10-30", "In the third quarter, the unit earned $24 million, compared with a loss of $3 million last year.", "last year", "1988-Q3", D),
    ("1989-10-30", "In the third quarter, the unit earned $24 million. Last year, it closed two plants.", "Last year", "1988", D),
    // "planned" as a participle after its noun is no future cue
    ("2024-01-21", "A concert planned at the stadium for Saturday was canceled after the storm.", "Saturday", "2024-01-20", D),
    ("2024-01-21", "The band planned a concert at the stadium for Saturday.", "Saturday", "2024-01-27", D),
    // a day fronted before "planned to" is when the planning happened; a
    // day inside the plan lies ahead
    (DCT, "On Tuesday, the ministry planned to publish the report.", "Tuesday", "2024-01-16", D),
    (DCT, "The team planned to leave the capital on Tuesday.", "Tuesday", "2024-01-23", D),
    // "that day" when the text has named only a year: a day of that year
    (DCT, "The crash of 1987 is well remembered. Traders who sold that day lost a fortune.", "that day", "1987-XX-XX", D),
];

/// Sentences that must not produce any temporal expression.
const NONE: &[&str] = &[
    "Account number 2882015 was frozen.",
    // a rate after an amount is left unmarked (TimeML news convention)
    "The fee is $5 a day.",
    "The airline runs four flights a week to the island.",
    // "now" inside an adjective, "today's" for the present age, "soon" in
    // conjunctions
    "The now-defunct airline owed creditors millions.",
    "The case matters to today's youth, the bishop said.",
    "Violence is common in today's world.",
    "He was released soon after his arrest.",
    "As soon as the ballots are counted, the troops will leave.",
    "The plan will save $500 million a year in costs.",
    "The accident injured 1,643 people.",
    "About 700 soldiers were deployed.",
    "May we never see such a war again.",
    "Officials said the plan may fail.",
    "The former minister was arrested.",
    "The 6-year-old boy was returned to his father.",
    "Mr. Smith, 52 years old, will retire.",
    "The building is 1,500 feet tall.",
    "They counted 1990 people at the rally.",
    "Prices fall when supply rises.",
    "She read it in USA Today.",
    "Iraq imports three-quarters of its food.",
    "The tower rose 2.5 meters.",
    // compound adjectives made of units
    "The quarter-to-quarter comparison was helped by charges.",
    "Sales rose on a year-over-year basis.",
    "For the coalition it is high noon.",
    "",
];

fn find<'a>(found: &'a [Timex], text: &str, span: &str) -> Option<&'a Timex> {
    found.iter().find(|t| &text[t.start..t.end] == span)
}

#[test]
fn table_of_expressions() {
    assert!(CASES.len() >= 150, "only {} cases", CASES.len());
    let mut failures = Vec::new();
    for &(dct, text, span, value, kind) in CASES {
        let found = tag(text, 0..text.len(), date(dct));
        match find(&found, text, span) {
            Some(t) if t.value == value && t.kind == kind => {}
            _ => failures.push(format!(
                "{text:?} [dct {dct}]: want {span:?}={value} {kind:?}, got {:?}",
                found.iter().map(|t| (&text[t.start..t.end], t.value.as_str(), t.kind)).collect::<Vec<_>>()
            )),
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn non_temporal_numbers_and_words() {
    let mut failures = Vec::new();
    for &text in NONE {
        let found = tag(text, 0..text.len(), date(DCT));
        if !found.is_empty() {
            failures.push(format!("{text:?}: {:?}", found.iter().map(|t| &text[t.start..t.end]).collect::<Vec<_>>()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// "two days later": the duration over "two days" (the word is a TimeML
/// signal), with the date it reaches as anchor; that date moves the
/// reference time on.
#[test]
fn counted_durations_reach_a_date() {
    let text = "Troops entered the city on January 30, 2024. Two days later the rebels withdrew. The next day talks began. A week earlier, the army had massed at the border.";
    let found = tag(text, 0..text.len(), date(DCT));
    let got: Vec<(&str, &str, TimexKind, Option<&str>)> = found.iter().map(|t| (&text[t.start..t.end], t.value.as_str(), t.kind, t.anchor.as_deref())).collect();
    assert_eq!(
        got,
        [
            ("January 30, 2024", "2024-01-30", D, None),
            ("Two days", "P2D", U, Some("2024-02-01")),
            ("The next day", "2024-02-02", D, None),
            ("A week", "P1W", U, Some("2024-W04")),
        ]
    );
    // the reference time defaults to the document date
    let text = "Three days later the rebels withdrew.";
    let found = tag(text, 0..text.len(), date(DCT));
    assert_eq!(found[0].anchor.as_deref(), Some("2024-01-22"));
    // with no date to count from there is none to reach
    let found = tag(text, 0..text.len(), None);
    assert_eq!((found[0].value.as_str(), found[0].anchor.as_deref()), ("P3D", None));
    // a year on is a date, the word included
    let text = "Net rose in 1988. A year earlier, it fell.";
    let found = tag(text, 0..text.len(), date(DCT));
    assert_eq!((&text[found[1].start..found[1].end], found[1].value.as_str(), found[1].kind, found[1].anchor.as_deref()), ("A year earlier", "1987", D, None));
}

#[test]
fn monday_is_deterministic() {
    let text = "The talks collapsed on Monday.";
    let first = tag(text, 0..text.len(), date(DCT));
    for _ in 0..5 {
        assert_eq!(tag(text, 0..text.len(), date(DCT)), first);
    }
    assert_eq!(first[0].value, "2024-01-15");
    // without a document date the weekday stays unresolved
    let bare = tag(text, 0..text.len(), None);
    assert_eq!(bare[0].value, "XXXX-WXX-1");
    assert!(bare[0].anchored);
}

#[test]
fn offsets_are_absolute_bytes() {
    let text = "Résumé — l’été: the vote was held on Friday, Jan. 12, 2024.";
    let start = text.find("the vote").unwrap();
    let found = tag(text, start..text.len(), None);
    assert_eq!(found.len(), 1);
    assert_eq!(&text[found[0].start..found[0].end], "Friday, Jan. 12, 2024");
    assert!(!found[0].anchored);
}

#[test]
fn never_panics_on_odd_input() {
    let texts = [
        "",
        "'",
        "12:",
        "1/",
        "Jan.",
        "the",
        "a year and a",
        "0735",
        "99999999999999999999 days",
        "\u{1F600} 2024 \u{1F600}",
        "Tuesday,",
        "19-Nov-",
        "the end of the",
        "5 1/",
        "mid-",
        "\n\n\n",
    ];
    for t in texts {
        for a in 0..=t.len() {
            let _ = tag(t, a..t.len() + 3, date(DCT));
            let _ = tag(t, a..a, None);
        }
    }
    // a long text without blank lines is cut into pieces safely
    let long = "On Friday the index fell 2% in the third quarter of 2023. ".repeat(20_000);
    let found = tag(&long, 0..long.len(), date(DCT));
    assert_eq!(found.len(), 40_000);
}

#[test]
fn date_lines() {
    let cases = [
        ("Tuesday, January 30, 2024", "2024-01-30"),
        ("Feb. 26, 2013", "2013-02-26"),
        ("2024-01-30", "2024-01-30"),
        ("30 January 2024", "2024-01-30"),
        ("January 2024", "2024-01"),
        ("Published: March 5, 2021 10:35 a.m.", "2021-03-05"),
        ("Updated on 12 May 2020", "2020-05-12"),
        ("Feb. 26", "XXXX-02-26"),
    ];
    for (line, want) in cases {
        assert_eq!(parse_date_line(line).map(|d| d.to_string()).as_deref(), Some(want), "{line}");
    }
    for line in ["The vote was held on Feb. 26 after a long debate in parliament", "Monday", "no date here", "", "1,643"] {
        assert_eq!(parse_date_line(line), None, "{line}");
    }
}

#[test]
fn url_dates() {
    let cases = [
        ("https://example.com/news/2013/02/story-title", "2013-02"),
        ("https://example.com/2024/01/30/world/story.html", "2024-01-30"),
        ("https://example.com/politics/2024-01-30-vote-count", "2024-01-30"),
        ("https://example.com/a/20240130/b", "2024-01-30"),
    ];
    for (url, want) in cases {
        assert_eq!(date_from_url(url).map(|d| d.to_string()).as_deref(), Some(want), "{url}");
    }
    for url in ["https://example.com/2013/story", "https://example.com/id/1234567", "https://example.com/2024/13/01/x", ""] {
        assert_eq!(date_from_url(url), None, "{url}");
    }
}

/// Fuzz finding (timex target): a URL segment whose tenth byte falls inside
/// a character used to panic on `&seg[..10]`.
#[test]
fn url_date_with_a_multibyte_character_at_byte_ten() {
    assert_eq!(date_from_url("https://news.example/2024-01-3\u{e9}/story"), None);
    assert_eq!(date_from_url("\r2099-0.-0\u{4d9}fmi'ciam "), None);
    assert!(date_from_url("https://news.example/2024-01-30/story").is_some());
}
