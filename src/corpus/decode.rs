//! Byte-level helpers shared by the corpus readers: encoding detection and
//! decoding, binary sniffing, a streaming UTF-16 → UTF-8 adapter for JSON
//! Lines, and a bounded line reader.
//!
//! The readers in `text`, `html` and `jsonl` never look at raw bytes
//! themselves: they get a decoded `String` (plus diagnostics) from here.
//! Offsets elsewhere in the pipeline refer to the decoded text, so decoding
//! choices never disturb them.

use std::io::{self, BufRead, Read};

use crate::model::{Diagnostic, Severity};

/// How many leading bytes are inspected to tell text from binary.
pub const SNIFF_BYTES: usize = 8 * 1024;

/// The byte-order mark found at the start of an input, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bom {
    None,
    Utf8,
    Utf16Le,
    Utf16Be,
}

impl Bom {
    pub fn detect(bytes: &[u8]) -> Bom {
        if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
            Bom::Utf8
        } else if bytes.starts_with(&[0xFF, 0xFE]) {
            Bom::Utf16Le
        } else if bytes.starts_with(&[0xFE, 0xFF]) {
            Bom::Utf16Be
        } else {
            Bom::None
        }
    }
    /// Length of the mark in bytes.
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> usize {
        match self {
            Bom::None => 0,
            Bom::Utf8 => 3,
            Bom::Utf16Le | Bom::Utf16Be => 2,
        }
    }
    pub fn is_utf16(&self) -> bool {
        matches!(self, Bom::Utf16Le | Bom::Utf16Be)
    }
}

/// Where binary content was detected: the byte offset of the first NUL, or
/// of the first control character when they are too frequent.
/// UTF-16 input with a BOM is never binary.
pub fn binary_offset(prefix: &[u8]) -> Option<usize> {
    if Bom::detect(prefix).is_utf16() {
        return None;
    }
    let head = &prefix[..prefix.len().min(SNIFF_BYTES)];
    if let Some(i) = head.iter().position(|&b| b == 0) {
        return Some(i);
    }
    let is_ctrl = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B) || b == 0x7F;
    let n = head.iter().filter(|&&b| is_ctrl(b)).count();
    // More than 1 in 10 bytes (and not just one stray byte) is not text.
    if n > 2 && n * 10 > head.len() {
        return head.iter().position(|&b| is_ctrl(b));
    }
    None
}

/// Decode a whole input. `declared` is a charset label found in the
/// document (HTML `<meta charset>`), used only when the bytes are not valid
/// UTF-8. Returns the text (BOM stripped) and any diagnostics.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> (String, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let bom = Bom::detect(bytes);
    let body = &bytes[bom.len()..];
    let text = match bom {
        Bom::Utf16Le | Bom::Utf16Be => {
            let enc = if bom == Bom::Utf16Le { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE };
            let (cow, had_errors) = enc.decode_without_bom_handling(body);
            if had_errors {
                diags.push(Diagnostic::new(
                    Severity::Warning,
                    "invalid-utf16",
                    "malformed UTF-16 sequences were replaced with U+FFFD",
                ));
            }
            cow.into_owned()
        }
        _ => match std::str::from_utf8(body) {
            Ok(s) => s.to_string(),
            Err(e) => {
                let at = e.valid_up_to() + bom.len();
                let declared_enc = declared
                    .and_then(|l| encoding_rs::Encoding::for_label(l.trim().as_bytes()))
                    .filter(|e| *e != encoding_rs::UTF_8 && *e != encoding_rs::UTF_16LE && *e != encoding_rs::UTF_16BE);
                match declared_enc {
                    Some(enc) => {
                        let (cow, _) = enc.decode_without_bom_handling(body);
                        diags.push(
                            Diagnostic::new(
                                Severity::Info,
                                "decoded-as-declared-charset",
                                format!("not valid UTF-8; decoded as the declared charset {}", enc.name()),
                            )
                            .at(at),
                        );
                        cow.into_owned()
                    }
                    None => {
                        diags.push(windows_1252_warning(at));
                        let (cow, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(body);
                        cow.into_owned()
                    }
                }
            }
        },
    };
    (text, diags)
}

/// Decode one line (no BOM handling): UTF-8, else Windows-1252 with a warning.
pub fn decode_line(bytes: &[u8]) -> (String, Option<Diagnostic>) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), None),
        Err(e) => {
            let (cow, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (cow.into_owned(), Some(windows_1252_warning(e.valid_up_to())))
        }
    }
}

fn windows_1252_warning(at: usize) -> Diagnostic {
    Diagnostic::new(
        Severity::Warning,
        "decoded-as-windows-1252",
        format!("invalid UTF-8 at byte {at}; the input was decoded as Windows-1252"),
    )
    .at(at)
}

/// Read until `buf` holds `n` bytes or the reader is exhausted.
pub fn read_prefix<R: Read>(r: &mut R, n: usize) -> io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(n.min(64 * 1024));
    r.by_ref().take(n as u64).read_to_end(&mut buf)?;
    Ok(buf)
}

/// A `Read` adapter that turns a UTF-16 stream (BOM already consumed) into
/// UTF-8, chunk by chunk, so JSON Lines in UTF-16 still stream.
pub struct Utf16ToUtf8<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    inbuf: Vec<u8>,
    out: Vec<u8>,
    out_pos: usize,
    eof: bool,
}

impl<R: Read> Utf16ToUtf8<R> {
    pub fn new(inner: R, big_endian: bool) -> Self {
        let enc = if big_endian { encoding_rs::UTF_16BE } else { encoding_rs::UTF_16LE };
        Utf16ToUtf8 {
            inner,
            decoder: enc.new_decoder_without_bom_handling(),
            inbuf: vec![0; 16 * 1024],
            out: Vec::new(),
            out_pos: 0,
            eof: false,
        }
    }
}

impl<R: Read> Read for Utf16ToUtf8<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.out_pos >= self.out.len() {
            if self.eof {
                return Ok(0);
            }
            let n = self.inner.read(&mut self.inbuf)?;
            let last = n == 0;
            self.eof = last;
            self.out.clear();
            self.out_pos = 0;
            let cap = self.decoder.max_utf8_buffer_length(n).unwrap_or(n * 3 + 16);
            self.out.resize(cap, 0);
            let (_, _, written, _) = self.decoder.decode_to_utf8(&self.inbuf[..n], &mut self.out, last);
            self.out.truncate(written);
        }
        let n = buf.len().min(self.out.len() - self.out_pos);
        buf[..n].copy_from_slice(&self.out[self.out_pos..self.out_pos + n]);
        self.out_pos += n;
        Ok(n)
    }
}

/// Outcome of reading one line with a length limit.
pub enum Line {
    /// The line's bytes, without the terminator (`\n` or `\r\n`).
    Ok(Vec<u8>),
    /// The line was longer than the limit; it has been consumed and dropped.
    TooLong(u64),
}

/// Read one line of at most `max` bytes. Longer lines are consumed without
/// being kept, so memory stays bounded. Returns `None` at end of input and
/// the number of bytes consumed (terminator included) with each line.
pub fn read_line_limited<R: BufRead>(r: &mut R, max: u64) -> io::Result<Option<(Line, u64)>> {
    let mut buf = Vec::new();
    let mut total: u64 = 0;
    let mut too_long = false;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            if total == 0 {
                return Ok(None);
            }
            break;
        }
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        if !too_long {
            let content = if done { take - 1 } else { take };
            if buf.len() as u64 + content as u64 > max {
                too_long = true;
                buf = Vec::new();
            } else {
                buf.extend_from_slice(&chunk[..content]);
            }
        }
        total += take as u64;
        r.consume(take);
        if done {
            break;
        }
    }
    if too_long {
        return Ok(Some((Line::TooLong(total), total)));
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(Some((Line::Ok(buf), total)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_stripped() {
        let (t, d) = decode(b"\xEF\xBB\xBFHello", None);
        assert_eq!(t, "Hello");
        assert!(d.is_empty());
    }

    #[test]
    fn utf16_both_orders() {
        let s = "Strike on Tower 22 – Jordan";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&le, None).0, s);
        assert_eq!(decode(&be, None).0, s);
        assert_eq!(binary_offset(&le), None);
    }

    #[test]
    fn invalid_utf8_falls_back_to_windows_1252() {
        let (t, d) = decode(b"caf\xE9 \x93quoted\x94", None);
        assert_eq!(t, "café \u{201C}quoted\u{201D}");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "decoded-as-windows-1252");
        assert_eq!(d[0].offset, Some(3));
    }

    #[test]
    fn declared_charset_is_used_for_invalid_utf8() {
        let (t, d) = decode(b"\xC4\xE8", Some("iso-8859-5"));
        assert_eq!(t, "Фш");
        assert_eq!(d[0].code, "decoded-as-declared-charset");
    }

    #[test]
    fn binary_detection() {
        assert_eq!(binary_offset(b"PK\x03\x04\x00\x00"), Some(4));
        assert_eq!(binary_offset(b"plain text\nwith lines\r\n\tand tabs"), None);
        let ctrl: Vec<u8> = (0..100).map(|i| if i % 3 == 0 { 0x01 } else { b'a' }).collect();
        assert_eq!(binary_offset(&ctrl), Some(0));
    }

    #[test]
    fn utf16_stream_adapter() {
        let s = "{\"id\":\"a\"}\n{\"id\":\"é\"}\n";
        let mut le = Vec::new();
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        // Tiny reads to exercise chunk boundaries.
        struct Slow<'a>(&'a [u8]);
        impl Read for Slow<'_> {
            fn read(&mut self, b: &mut [u8]) -> io::Result<usize> {
                let n = b.len().min(3).min(self.0.len());
                b[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut out = String::new();
        Utf16ToUtf8::new(Slow(&le), false).read_to_string(&mut out).unwrap();
        assert_eq!(out, s);
    }

    #[test]
    fn limited_lines() {
        let data = b"short\r\nthis line is far too long\nok";
        let mut r = io::BufReader::with_capacity(4, &data[..]);
        let mut got = Vec::new();
        while let Some((l, n)) = read_line_limited(&mut r, 10).unwrap() {
            got.push((
                match l {
                    Line::Ok(b) => String::from_utf8(b).unwrap(),
                    Line::TooLong(_) => "<too long>".into(),
                },
                n,
            ));
        }
        assert_eq!(got, vec![("short".into(), 7), ("<too long>".into(), 26), ("ok".into(), 2)]);
    }
}
