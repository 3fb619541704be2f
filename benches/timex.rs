//! Throughput of the temporal tagger (`dossier::recognize::timex::tag`) on
//! hand-written news-like text, repeated to about 1 MB. The target is at
//! least 20 MB/s on one core.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dossier::recognize::timex::tag;

const SAMPLE: &str = "\
WASHINGTON, Jan. 19 (Newswire) -- The finance ministry said on Tuesday that exports fell 4.2 percent \
in the fourth quarter of 2023, the third decline in a row, after a strong first half. Officials expect \
a recovery early next year, although several analysts warned that the next two quarters could be weak.\n\n\
On January 16, the central bank left its main rate unchanged at 5.25%. Less than two days later the \
governor told reporters that inflation had eased in recent months and would probably fall below 3 percent \
by mid-2024. \"We are not there yet,\" she said at a news conference at 10:35 a.m. (0735 GMT) Thursday.\n\n\
The company, founded in 1987, reported revenue of $1,643 million for the year ended Sept. 30, up from \
$1.2 billion a year earlier. Its 700 stores employ about 12,000 people; 2882015 shares changed hands \
yesterday. The board meets every month and publishes a report each quarter.\n\n\
Protesters gathered for the third straight day on Friday morning and planned another march this weekend. \
Police said 24 hours of talks had produced nothing, and that the standoff, now in its 12th day, may last \
for weeks. Talks are expected to resume on Monday, Feb. 26, or later this month.\n\n\
In the 1990s the region grew at 7% a year; over the past three years growth has averaged 2%. Some \
residents remember the winter of 1996 and the floods of 19-Nov-12, which came two days after the \
storm of 11/17/2012. \"May we never see that again,\" one said. Currently the dam is being rebuilt.\n\n";

fn bench(c: &mut Criterion) {
    let text = SAMPLE.repeat(1_000_000 / SAMPLE.len() + 1);
    let dct = chrono::NaiveDate::from_ymd_opt(2024, 1, 19);
    let mut g = c.benchmark_group("timex");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("tag_news_1mb", |b| b.iter(|| tag(std::hint::black_box(&text), 0..text.len(), dct)));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
