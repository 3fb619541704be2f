//! TIMEX3 values of the temporal tagger: calendar points at any
//! granularity (day, month, quarter, season, week, year, decade, century,
//! time of day), their arithmetic, and their TIMEX3 spelling.
//!
//! The grammar (`grammar.rs`) builds semantic descriptions; `mod.rs`
//! resolves them to these values against the document creation time or the
//! moving reference time.

use chrono::{Datelike, Duration, NaiveDate};

use super::lexicon::{Pod, Unit};

/// A point or stretch of the calendar, at some granularity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Val {
    Day(NaiveDate),
    DayPod(NaiveDate, Pod),
    DayTime(NaiveDate, u32, u32),
    Week(i32, u32),
    Weekend(i32, u32),
    Month(i32, u32),
    Quarter(i32, u32),
    Half(i32, u32),
    Season(i32, u8),
    Year(i32),
    /// 199 for the 1990s.
    Decade(i32),
    /// 19 for the 1900s.
    Century(i32),
    /// Month and day of an unknown year: XXXX-02-26.
    XMonthDay(u32, u32),
    /// Month of an unknown year: XXXX-02.
    XMonth(u32),
    /// Weekday of an unknown week: XXXX-WXX-5.
    XWeekday(u32),
}

pub fn season_code(s: u8) -> &'static str {
    match s {
        1 => "SP",
        2 => "SU",
        3 => "FA",
        _ => "WI",
    }
}

/// A short text written on the stack.
struct Short {
    b: [u8; 40],
    n: usize,
}

impl Short {
    fn push(&mut self, bytes: &[u8]) -> Option<()> {
        self.b.get_mut(self.n..self.n + bytes.len())?.copy_from_slice(bytes);
        self.n += bytes.len();
        Some(())
    }

    /// `n` in decimal, zero-padded to `width` digits (what `{:0width$}` writes
    /// for a number that is not negative).
    fn padded(&mut self, n: u32, width: usize) -> Option<()> {
        self.push(crate::text::decimal::Decimal::padded(u64::from(n), width).as_bytes())
    }
}

impl Val {
    /// The value as [`Display`](std::fmt::Display) writes it, for the forms
    /// with a year that is not negative (dates, weeks, months, quarters,
    /// halves, years), digit by digit without the formatting machinery;
    /// `None` for the others.
    fn fast_text(&self, out: &mut Short) -> Option<()> {
        let year = |out: &mut Short, y: i32| out.padded(u32::try_from(y).ok()?, 4);
        // a year, a separator and one zero-padded part
        let part = |out: &mut Short, y: i32, sep: &[u8], n: u32, width: usize| {
            year(out, y)?;
            out.push(sep)?;
            out.padded(n, width)
        };
        match *self {
            Val::Day(d) => {
                part(out, d.year(), b"-", d.month(), 2)?;
                out.push(b"-")?;
                out.padded(d.day(), 2)
            }
            Val::Week(y, w) => part(out, y, b"-W", w, 2),
            Val::Month(y, m) => part(out, y, b"-", m, 2),
            Val::Quarter(y, q) => part(out, y, b"-Q", q, 1),
            Val::Half(y, h) => part(out, y, b"-H", h, 1),
            Val::Year(y) => year(out, y),
            _ => None,
        }
    }
}

impl std::fmt::Display for Val {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut short = Short { b: [0; 40], n: 0 };
        if self.fast_text(&mut short).is_some() {
            if let Ok(s) = std::str::from_utf8(&short.b[..short.n]) {
                return f.write_str(s);
            }
        }
        match *self {
            Val::Day(d) => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Val::DayPod(d, p) => write!(f, "{:04}-{:02}-{:02}T{}", d.year(), d.month(), d.day(), p.code()),
            Val::DayTime(d, h, m) => write!(f, "{:04}-{:02}-{:02}T{:02}:{:02}", d.year(), d.month(), d.day(), h, m),
            Val::Week(y, w) => write!(f, "{:04}-W{:02}", y, w),
            Val::Weekend(y, w) => write!(f, "{:04}-W{:02}-WE", y, w),
            Val::Month(y, m) => write!(f, "{:04}-{:02}", y, m),
            Val::Quarter(y, q) => write!(f, "{:04}-Q{}", y, q),
            Val::Half(y, h) => write!(f, "{:04}-H{}", y, h),
            Val::Season(y, s) => write!(f, "{:04}-{}", y, season_code(s)),
            Val::Year(y) => write!(f, "{:04}", y),
            Val::Decade(d) => write!(f, "{:03}", d),
            Val::Century(c) => write!(f, "{:02}", c),
            Val::XMonthDay(m, d) => write!(f, "XXXX-{:02}-{:02}", m, d),
            Val::XMonth(m) => write!(f, "XXXX-{:02}", m),
            Val::XWeekday(d) => write!(f, "XXXX-WXX-{}", d),
        }
    }
}

/// Add months to a (year, month) pair.
pub fn add_months(y: i32, m: u32, n: i32) -> (i32, u32) {
    let t = y as i64 * 12 + (m as i64 - 1) + n as i64;
    ((t.div_euclid(12)) as i32, (t.rem_euclid(12) + 1) as u32)
}

/// Add days, saturating at chrono's range.
pub fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    d.checked_add_signed(Duration::days(n.clamp(-3_000_000, 3_000_000))).unwrap_or(d)
}

pub fn quarter_of(d: NaiveDate) -> u32 {
    (d.month() - 1) / 3 + 1
}

pub fn iso_week(d: NaiveDate) -> (i32, u32) {
    let w = d.iso_week();
    (w.year(), w.week())
}

/// `n`-th weekday `dow` of a month (n = -1: last).
pub fn nth_weekday(y: i32, m: u32, dow: u32, n: i32) -> Option<NaiveDate> {
    if n > 0 {
        let first = NaiveDate::from_ymd_opt(y, m, 1)?;
        let off = (dow as i64 - first.weekday().number_from_monday() as i64).rem_euclid(7);
        let d = add_days(first, off + 7 * (n as i64 - 1));
        (d.month() == m).then_some(d)
    } else {
        let (ny, nm) = add_months(y, m, 1);
        let last = add_days(NaiveDate::from_ymd_opt(ny, nm, 1)?, -1);
        let off = (last.weekday().number_from_monday() as i64 - dow as i64).rem_euclid(7);
        Some(add_days(last, -off))
    }
}

/// Western Easter Sunday (anonymous Gregorian algorithm).
pub fn easter(y: i32) -> Option<NaiveDate> {
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(y, month as u32, day as u32)
}

impl Val {
    /// The granularity of the value, as the unit one step of it moves by.
    pub fn unit(&self) -> Unit {
        match self {
            Val::Day(_) | Val::DayPod(..) | Val::DayTime(..) | Val::XMonthDay(..) | Val::XWeekday(_) => {
                Unit::Day
            }
            Val::Week(..) => Unit::Week,
            Val::Weekend(..) => Unit::Weekend,
            Val::Month(..) | Val::XMonth(_) => Unit::Month,
            Val::Quarter(..) | Val::Half(..) | Val::Season(..) => Unit::Quarter,
            Val::Year(_) => Unit::Year,
            Val::Decade(_) => Unit::Decade,
            Val::Century(_) => Unit::Century,
        }
    }

    /// A representative day (the first day of the stretch), when known.
    pub fn day(&self) -> Option<NaiveDate> {
        match *self {
            Val::Day(d) | Val::DayPod(d, _) | Val::DayTime(d, ..) => Some(d),
            Val::Week(y, w) | Val::Weekend(y, w) => NaiveDate::from_isoywd_opt(y, w.max(1), chrono::Weekday::Mon),
            Val::Month(y, m) => NaiveDate::from_ymd_opt(y, m, 1),
            Val::Quarter(y, q) => NaiveDate::from_ymd_opt(y, (q.clamp(1, 4) - 1) * 3 + 1, 1),
            Val::Half(y, h) => NaiveDate::from_ymd_opt(y, if h == 2 { 7 } else { 1 }, 1),
            Val::Season(y, s) => NaiveDate::from_ymd_opt(y, [3, 6, 9, 12][(s.clamp(1, 4) - 1) as usize], 1),
            Val::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1),
            Val::Decade(d) => NaiveDate::from_ymd_opt(d * 10, 1, 1),
            Val::Century(c) => NaiveDate::from_ymd_opt(c * 100, 1, 1),
            _ => None,
        }
    }

    pub fn year(&self) -> Option<i32> {
        match *self {
            Val::Week(y, _) | Val::Weekend(y, _) => Some(y),
            Val::Month(y, _) | Val::Quarter(y, _) | Val::Half(y, _) | Val::Season(y, _) | Val::Year(y) => Some(y),
            _ => self.day().filter(|_| !matches!(self, Val::Decade(_) | Val::Century(_))).map(|d| d.year()),
        }
    }

    /// The value `n` units later (earlier for negative `n`), expressed at the
    /// granularity of `unit`.
    pub fn shift(&self, unit: Unit, n: i32) -> Option<Val> {
        // quarter granularity is kept when shifting a quarter by years
        if let Val::Quarter(y, q) = *self {
            match unit {
                Unit::Year => return Some(Val::Quarter(y + n, q)),
                Unit::Quarter => {
                    let t = y as i64 * 4 + (q as i64 - 1) + n as i64;
                    return Some(Val::Quarter(t.div_euclid(4) as i32, (t.rem_euclid(4) + 1) as u32));
                }
                _ => {}
            }
        }
        if let Val::Season(y, s) = *self {
            if unit == Unit::Year {
                return Some(Val::Season(y + n, s));
            }
        }
        if let Val::Half(y, h) = *self {
            if unit == Unit::Year {
                return Some(Val::Half(y + n, h));
            }
        }
        if let Val::Month(y, m) = *self {
            if unit == Unit::Year {
                return Some(Val::Month(y + n, m));
            }
        }
        let d = self.day()?;
        Some(match unit {
            Unit::Second | Unit::Minute | Unit::Hour => match *self {
                Val::DayTime(d, h, m) => {
                    let mins = match unit {
                        Unit::Hour => n as i64 * 60,
                        Unit::Minute => n as i64,
                        _ => 0,
                    };
                    let total = h as i64 * 60 + m as i64 + mins;
                    let nd = add_days(d, total.div_euclid(1440));
                    let t = total.rem_euclid(1440);
                    Val::DayTime(nd, (t / 60) as u32, (t % 60) as u32)
                }
                _ => Val::Day(d),
            },
            Unit::Day => Val::Day(add_days(d, n as i64)),
            Unit::Week => {
                let (y, w) = iso_week(add_days(d, 7 * n as i64));
                Val::Week(y, w)
            }
            Unit::Weekend => {
                let (y, w) = iso_week(add_days(d, 7 * n as i64));
                Val::Weekend(y, w)
            }
            Unit::Month => {
                let (y, m) = add_months(d.year(), d.month(), n);
                Val::Month(y, m)
            }
            Unit::Quarter => {
                let t = d.year() as i64 * 4 + (quarter_of(d) as i64 - 1) + n as i64;
                Val::Quarter(t.div_euclid(4) as i32, (t.rem_euclid(4) + 1) as u32)
            }
            Unit::Year => Val::Year(d.year() + n),
            Unit::Decade => Val::Decade((d.year() + 10 * n).div_euclid(10)),
            Unit::Century => Val::Century((d.year() + 100 * n).div_euclid(100)),
            Unit::Millennium => Val::Year(d.year() + 1000 * n),
        })
    }
}

/// Spell a duration of `n` units (`None`: unknown amount) as TIMEX3 `P…`.
pub fn duration(n: Option<f64>, unit: Unit) -> String {
    let (letter, time, mult): (&str, bool, f64) = match unit {
        Unit::Second => ("S", true, 1.0),
        Unit::Minute => ("M", true, 1.0),
        Unit::Hour => ("H", true, 1.0),
        Unit::Day => ("D", false, 1.0),
        Unit::Weekend => ("WE", false, 1.0),
        Unit::Week => ("W", false, 1.0),
        Unit::Month => ("M", false, 1.0),
        Unit::Quarter => ("Q", false, 1.0),
        Unit::Year => ("Y", false, 1.0),
        Unit::Decade => ("DE", false, 1.0),
        Unit::Century => ("CE", false, 1.0),
        Unit::Millennium => ("L", false, 1.0),
    };
    let t = if time { "T" } else { "" };
    let n = match n {
        None => {
            let letter = match unit {
                Unit::Decade => "Y",
                Unit::Century => "C",
                _ => letter,
            };
            return format!("P{t}X{letter}");
        }
        Some(n) => n * mult,
    };
    // decades and centuries are written in years when the amount is known
    let (n, letter) = match unit {
        Unit::Decade => (n * 10.0, "Y"),
        Unit::Century => (n * 100.0, "Y"),
        _ => (n, letter),
    };
    if (n - n.round()).abs() < 1e-9 {
        return format!("P{t}{}{letter}", n.round() as i64);
    }
    // halves: spell the remainder in the next smaller unit
    let whole = n.trunc() as i64;
    let frac = n - n.trunc();
    let sub = match (unit, time) {
        (Unit::Year, _) | (Unit::Decade, _) | (Unit::Century, _) => Some((12.0, "M", false)),
        (Unit::Month, false) => Some((30.0, "D", false)),
        (Unit::Week, _) => Some((7.0, "D", false)),
        (Unit::Day, _) => Some((24.0, "H", true)),
        (Unit::Hour, _) => Some((60.0, "M", true)),
        (Unit::Minute, _) => Some((60.0, "S", true)),
        _ => None,
    };
    match sub {
        Some((k, l2, t2)) => {
            let rest = (frac * k).round() as i64;
            let mut s = String::from("P");
            if time {
                s.push('T');
            }
            if whole > 0 {
                s.push_str(&format!("{whole}{letter}"));
            }
            if t2 && !time {
                s.push('T');
            }
            s.push_str(&format!("{rest}{l2}"));
            s
        }
        None => format!("P{t}{}{letter}", n.round() as i64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The digit-by-digit writer gives what the format strings give.
    #[test]
    fn fast_display_matches_format() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        for y in [-44, 0, 7, 99, 999, 1996, 2024, 12345, 262_142] {
            assert_eq!(Val::Year(y).to_string(), format!("{:04}", y));
            for n in [0u32, 1, 4, 9, 12, 53, 100, 4_000_000_000] {
                assert_eq!(Val::Week(y, n).to_string(), format!("{:04}-W{:02}", y, n));
                assert_eq!(Val::Month(y, n).to_string(), format!("{:04}-{:02}", y, n));
                assert_eq!(Val::Quarter(y, n).to_string(), format!("{:04}-Q{}", y, n));
                assert_eq!(Val::Half(y, n).to_string(), format!("{:04}-H{}", y, n));
            }
            if let Some(d) = NaiveDate::from_ymd_opt(y, 2, 9) {
                assert_eq!(Val::Day(d).to_string(), format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()));
            }
        }
        assert_eq!(Val::Day(day(1996, 8, 30)).to_string(), "1996-08-30");
        assert_eq!(Val::Day(day(-5, 12, 31)).to_string(), "-005-12-31");
    }

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn spells_values() {
        assert_eq!(Val::Week(2024, 4).to_string(), "2024-W04");
        assert_eq!(Val::Decade(199).to_string(), "199");
        assert_eq!(Val::XMonthDay(2, 26).to_string(), "XXXX-02-26");
        assert_eq!(Val::DayPod(d(1998, 8, 7), Pod::Morning).to_string(), "1998-08-07TMO");
    }

    #[test]
    fn shifts() {
        assert_eq!(Val::Quarter(1989, 3).shift(Unit::Year, -1), Some(Val::Quarter(1988, 3)));
        assert_eq!(Val::Day(d(2024, 1, 16)).shift(Unit::Day, 2), Some(Val::Day(d(2024, 1, 18))));
        assert_eq!(Val::Day(d(2024, 1, 19)).shift(Unit::Week, -1), Some(Val::Week(2024, 2)));
        assert_eq!(Val::Day(d(2024, 1, 19)).shift(Unit::Month, -1), Some(Val::Month(2023, 12)));
    }

    #[test]
    fn durations() {
        assert_eq!(duration(Some(3.0), Unit::Year), "P3Y");
        assert_eq!(duration(Some(24.0), Unit::Hour), "PT24H");
        assert_eq!(duration(None, Unit::Month), "PXM");
        assert_eq!(duration(Some(2.5), Unit::Year), "P2Y6M");
        assert_eq!(duration(Some(5.5), Unit::Hour), "PT5H30M");
        assert_eq!(duration(Some(2.0), Unit::Decade), "P20Y");
    }

    #[test]
    fn holidays() {
        assert_eq!(easter(2000), Some(d(2000, 4, 23)));
        assert_eq!(nth_weekday(1999, 11, 4, 4), Some(d(1999, 11, 25)));
        assert_eq!(nth_weekday(2024, 5, 1, -1), Some(d(2024, 5, 27)));
    }
}
