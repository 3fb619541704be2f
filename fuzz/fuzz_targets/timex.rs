//! The temporal tagger on arbitrary text, with and without a reference
//! date, on the whole text and on a sub-range that may cut characters.
#![no_main]
use chrono::NaiveDate;
use dossier::recognize::timex;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    // The first two bytes pick the reference date and a range cut.
    let (a, b) = (data[0], data[1]);
    let Ok(text) = std::str::from_utf8(&data[2..]) else { return };
    let dct = NaiveDate::from_ymd_opt(1990 + (a as i32 % 60), 1 + (b as u32 % 12), 1 + (a as u32 % 28));
    for (range, dct) in [(0..text.len(), dct), (0..text.len(), None), ((b as usize)..text.len().saturating_sub(a as usize), dct)] {
        let hi = range.end.min(text.len());
        let lo = range.start.min(hi);
        for t in timex::tag(text, range, dct) {
            assert!(t.start < t.end && t.end <= text.len(), "timex {t:?} outside the text");
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end), "timex {t:?} off char boundary");
            assert!(t.start >= lo && t.end <= hi, "timex {t:?} outside {lo}..{hi}");
            assert!(!t.value.is_empty());
        }
    }
    let _ = timex::parse_date_line(text);
    let _ = timex::date_from_url(text);
});
