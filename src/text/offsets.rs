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
        assert_eq!(ascii.span(1, 3), Span { start: 1, end: 3, cstart: 1, cend: 3 });
    }
}
