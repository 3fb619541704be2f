//! Byte ↔ code point offset conversion.
//!
//! Rust slices strings by byte; users, RDF selectors and the evaluation count
//! Unicode code points. `CharIndex` converts in O(1) amortized for ASCII
//! text and O(block) otherwise, by keeping the code point count at the start
//! of every 64-byte block.

use crate::model::Span;

const BLOCK: usize = 64;

/// Precomputed code point counts for one text.
#[derive(Clone, Debug)]
pub struct CharIndex<'a> {
    text: &'a str,
    /// Code points before the start of each block.
    blocks: Vec<u32>,
    ascii: bool,
}

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let ascii = text.is_ascii();
        let mut blocks = Vec::new();
        if !ascii {
            blocks.reserve(text.len() / BLOCK + 2);
            let mut count = 0u32;
            // Whole blocks counted a block at a time (the compiler turns the
            // count into vector code), then the last partial block.
            let mut chunks = text.as_bytes().chunks_exact(BLOCK);
            for c in &mut chunks {
                blocks.push(count);
                count += code_points(c) as u32;
            }
            let rest = chunks.remainder();
            if !rest.is_empty() {
                blocks.push(count);
                count += code_points(rest) as u32;
            }
            // The end of a text whose length is a whole number of blocks
            // starts a block of its own: without this entry it counted 0.
            if text.len() % BLOCK == 0 {
                blocks.push(count);
            }
        }
        CharIndex { text, blocks, ascii }
    }

    /// Code point offset of byte offset `byte` (which must be a char boundary
    /// or the end of the text; other values are rounded down).
    pub fn char_at(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if self.ascii {
            return byte;
        }
        let b = byte / BLOCK;
        let base = self.blocks.get(b).copied().unwrap_or(0) as usize;
        let from = b * BLOCK;
        base + code_points(&self.text.as_bytes()[from..byte])
    }

    /// A span with both kinds of offsets.
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span { start, end, cstart: self.char_at(start), cend: self.char_at(end) }
    }
}

/// The code points that start in `bytes` (bytes that are not UTF-8
/// continuation bytes).
#[inline]
fn code_points(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&x| (x as i8) >= -0x40).count()
}

/// Code point offsets of byte offsets that never decrease, as a text is
/// read from start to end: each byte is counted once, however many offsets
/// are asked for (where [`CharIndex::char_at`] counts from the start of a
/// block every time). An offset before the previous one is answered by
/// counting again from the start.
#[derive(Clone, Debug)]
pub struct CharCursor<'a> {
    bytes: &'a [u8],
    ascii: bool,
    byte: usize,
    chars: usize,
}

impl<'a> CharCursor<'a> {
    pub fn new(text: &'a str) -> Self {
        CharCursor { bytes: text.as_bytes(), ascii: text.is_ascii(), byte: 0, chars: 0 }
    }

    /// Code point offset of byte offset `byte` (a char boundary or the end
    /// of the text; other values are rounded down).
    #[inline]
    pub fn char_at(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.bytes.len());
        if self.ascii {
            return byte;
        }
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += code_points(&self.bytes[self.byte..byte]);
        self.byte = byte;
        self.chars
    }

    /// A span with both kinds of offsets.
    #[inline]
    pub fn span(&mut self, start: usize, end: usize) -> Span {
        let cstart = self.char_at(start);
        Span { start, end, cstart, cend: self.char_at(end) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_code_points() {
        let t = "a’b".repeat(100) + "é";
        let idx = CharIndex::new(&t);
        for (ci, (bi, _)) in t.char_indices().enumerate() {
            assert_eq!(idx.char_at(bi), ci);
        }
        assert_eq!(idx.char_at(t.len()), t.chars().count());
        let ascii = CharIndex::new("hello");
        assert_eq!(ascii.char_at(5), 5);
        assert_eq!(ascii.span(1, 3), Span { start: 1, end: 3, cstart: 1, cend: 3 });
    }

    /// Fuzz finding (layout target): the end of a non-ASCII text whose
    /// length is a multiple of the block size was put at code point 0, so
    /// the main publication of such a page spanned nothing.
    #[test]
    fn end_of_text_on_a_block_boundary() {
        for len in [64usize, 128, 1664] {
            let mut t = String::from("\u{201c}No talks,\u{201d} Iran\u{2019}s President said. ");
            while t.len() < len {
                t.push_str("Rouhani has turned to Instagram to answer critics. ");
            }
            t.truncate(len);
            assert_eq!(t.len() % BLOCK, 0);
            let idx = CharIndex::new(&t);
            let n = t.chars().count();
            assert_eq!(idx.char_at(t.len()), n, "len {len}");
            assert_eq!(idx.span(0, t.len()), Span { start: 0, end: t.len(), cstart: 0, cend: n });
            for (ci, (bi, _)) in t.char_indices().enumerate() {
                assert_eq!(idx.char_at(bi), ci);
            }
        }
        // And one block exactly, all of it multi-byte.
        let t = "\u{00e9}".repeat(32);
        assert_eq!(CharIndex::new(&t).char_at(64), 32);
    }

    #[test]
    fn cursor_agrees_with_the_index() {
        let t = "Iran\u{2019}s leader \u{2014} Khamenei said \u{201c}no\u{201d}. ".repeat(9) + "\u{00e9}";
        let idx = CharIndex::new(&t);
        let mut cur = CharCursor::new(&t);
        let bounds: Vec<usize> = t.char_indices().map(|(b, _)| b).chain([t.len()]).collect();
        for &b in &bounds {
            assert_eq!(cur.char_at(b), idx.char_at(b), "{b}");
            assert_eq!(cur.char_at(b), idx.char_at(b), "again at {b}");
        }
        // going back starts over
        for &b in bounds.iter().rev().step_by(7) {
            assert_eq!(cur.char_at(b), idx.char_at(b), "back to {b}");
        }
        assert_eq!(cur.span(3, 9), idx.span(3, 9));
        let mut ascii = CharCursor::new("hello");
        assert_eq!(ascii.span(1, 5), Span { start: 1, end: 5, cstart: 1, cend: 5 });
    }
}
