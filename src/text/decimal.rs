//! Decimal numbers written without the formatting machinery.
//!
//! Offsets, years, months and counts are written many times per document
//! (JSON offsets, entity and event keys, TIMEX values). `format!` goes
//! through `fmt::Write` and dynamic dispatch for each of them; [`Decimal`]
//! writes the digits into a stack buffer that the caller copies where it
//! needs them.

/// The decimal digits of a number, at most 20 (a `u64`).
#[derive(Clone, Copy)]
pub struct Decimal {
    buf: [u8; 20],
    start: usize,
}

impl Decimal {
    /// `n` in decimal, as `{}` writes it.
    #[inline]
    pub fn new(n: u64) -> Decimal {
        Decimal::padded(n, 1)
    }

    /// `n` in decimal, zero-padded to at least `width` digits (as
    /// `{:0width$}` writes it); widths over 20 count as 20.
    #[inline]
    pub fn padded(n: u64, width: usize) -> Decimal {
        let mut buf = [b'0'; 20];
        let mut i = buf.len();
        let mut n = n;
        loop {
            i -= 1;
            buf[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        let start = buf.len().saturating_sub(width).min(i);
        Decimal { buf, start }
    }

    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        self.buf.get(self.start..).unwrap_or_default()
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        // Only ASCII digits are ever written.
        std::str::from_utf8(self.as_bytes()).unwrap_or_default()
    }

    /// Append the digits to `out` byte by byte: a handful of bytes, cheaper
    /// than a call to copy them.
    #[inline]
    pub fn push_to(&self, out: &mut Vec<u8>) {
        let d = self.as_bytes();
        out.reserve(d.len());
        for &b in d {
            out.push(b);
        }
    }

    /// Append the digits to a string (as characters: they are ASCII, so
    /// there is nothing to validate).
    #[inline]
    pub fn push_to_string(&self, out: &mut String) {
        let d = self.as_bytes();
        out.reserve(d.len());
        for &b in d {
            out.push(char::from(b));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Decimal;

    #[test]
    fn writes_what_format_writes() {
        for n in [0u64, 1, 9, 10, 99, 100, 2013, 65_535, 4_294_967_295, 1 << 40, u64::MAX] {
            assert_eq!(Decimal::new(n).as_str(), n.to_string());
            for w in [0usize, 1, 2, 4, 12, 20, 25] {
                assert_eq!(Decimal::padded(n, w).as_str(), format!("{n:0w$}", w = w.min(20)), "{n} {w}");
            }
        }
        let mut v = b"x=".to_vec();
        Decimal::new(307).push_to(&mut v);
        assert_eq!(v, b"x=307");
        let mut s = String::from("y-");
        Decimal::padded(7, 2).push_to_string(&mut s);
        assert_eq!(s, "y-07");
    }
}
