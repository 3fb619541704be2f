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
            blocks.reserve(text.len() / BLOCK + 1);
            let mut count = 0u32;
            for (i, b) in text.bytes().enumerate() {
                if i % BLOCK == 0 {
                    blocks.push(count);
                }
                // Count bytes that start a code point.
                if (b as i8) >= -0x40 {
                    count += 1;
                }
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
        base + self.text.as_bytes()[from..byte].iter().filter(|&&x| (x as i8) >= -0x40).count()
    }

    /// A span with both kinds of offsets.
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span { start, end, cstart: self.char_at(start), cend: self.char_at(end) }
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
}
