//! Read-only hash maps from `u64` keys (already well-mixed hashes) to small
//! fixed-size values, the stuff the tagger's model is made of (gazetteer
//! phrases, word statistics, feature weights; see `features.rs`,
//! `perceptron.rs`).
//!
//! A table is a run of sorted keys and a parallel run of values, both
//! little-endian bytes exactly as `ner.bin` stores them (`mod.rs` writes
//! and reads the sections with `io.rs`), plus a small bucket index: bucket
//! `b` of `nb` holds the keys whose top 32 bits scale to `b`, and
//! `index[b]..index[b + 1]` is their position range. A lookup reads two
//! adjacent index entries and scans about two keys in one cache line. An
//! optional blocked Bloom filter rejects most absent keys first.
//! The index and the filter are built when the model is trained and stored
//! in the model next to the runs ([`HashTable::write_lookup`]), so the
//! embedded model is used entirely in place (`Blob::Static`): loading
//! builds nothing, copies nothing and touches no fresh memory.

use std::marker::PhantomData;
use std::sync::Arc;

/// Bytes holding one or more tables: the embedded model, or an owned copy.
#[derive(Clone, Debug)]
pub(crate) enum Blob {
    Static(&'static [u8]),
    Shared(Arc<Vec<u8>>),
}

impl Default for Blob {
    fn default() -> Self {
        Blob::Static(&[])
    }
}

impl Blob {
    #[inline(always)]
    pub fn bytes(&self) -> &[u8] {
        match self {
            Blob::Static(b) => b,
            Blob::Shared(v) => v,
        }
    }
}

/// A table value with a fixed little-endian byte form.
pub(crate) trait Val: Copy + Default {
    const SIZE: usize;
    /// Decode from exactly `SIZE` bytes.
    fn read(b: &[u8]) -> Self;
    fn write(&self, out: &mut Vec<u8>);
}

impl Val for () {
    const SIZE: usize = 0;
    fn read(_: &[u8]) -> Self {}
    fn write(&self, _: &mut Vec<u8>) {}
}

impl Val for u16 {
    const SIZE: usize = 2;
    #[inline]
    fn read(b: &[u8]) -> Self {
        u16::from_le_bytes([b[0], b[1]])
    }
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
}

impl Val for [u8; 2] {
    const SIZE: usize = 2;
    #[inline]
    fn read(b: &[u8]) -> Self {
        [b[0], b[1]]
    }
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(self);
    }
}

/// Ask the CPU to start loading the cache line at `p` into the caches, so
/// that a later read of it does not wait for memory. A hint: it never
/// faults (any address will do) and changes no result; a no-op off x86-64.
#[inline(always)]
pub(crate) fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        // SAFETY: prefetching reads nothing architecturally and cannot
        // fault; SSE is part of the x86-64 baseline.
        #[allow(unused_unsafe)]
        unsafe {
            _mm_prefetch::<_MM_HINT_T0>(p as *const i8)
        };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// "Not found" in [`HashTable::find_many`] results.
pub(crate) const NONE: u32 = u32::MAX;

/// Eight zero bytes: the bucket index (`[0, 0]`) of an empty table.
static EMPTY_INDEX: [u8; 8] = [0; 8];

/// See the module doc. Key 0 is never found (the model format reserves
/// it for "no feature").
#[derive(Clone, Debug)]
pub(crate) struct HashTable<V: Val> {
    blob: Blob,
    /// Byte offsets of the key and value runs in `blob`.
    keys_at: usize,
    vals_at: usize,
    /// Entries in the runs (a leading key 0, if any, included).
    n: usize,
    /// Entries with a non-zero key.
    len: usize,
    /// Byte offset in `blob` of the `nb + 1` bucket starts (positions in
    /// the runs, `u32` little-endian).
    index_at: usize,
    nb: u64,
    /// Byte offset and length in 64-bit words of the optional blocked
    /// Bloom filter over the keys (see [`HashTable::add_filter`]); no
    /// filter when `filter_words` is 0.
    filter_at: usize,
    filter_words: usize,
    _v: PhantomData<V>,
}

impl<V: Val> Default for HashTable<V> {
    fn default() -> Self {
        HashTable {
            blob: Blob::Static(&EMPTY_INDEX),
            keys_at: 0,
            vals_at: 0,
            n: 0,
            len: 0,
            index_at: 0,
            nb: 1,
            filter_at: 0,
            filter_words: 0,
            _v: PhantomData,
        }
    }
}

#[inline(always)]
fn key_at(keys: &[u8], i: usize) -> u64 {
    match keys.get(i * 8..i * 8 + 8) {
        Some(s) => u64::from_le_bytes([s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]]),
        None => u64::MAX,
    }
}

/// Bucket starts `b` and `b + 1` from an index section.
#[inline(always)]
fn bucket(index: &[u8], b: usize) -> Option<(u32, u32)> {
    let s = index.get(b * 4..b * 4 + 8)?;
    Some((
        u32::from_le_bytes([s[0], s[1], s[2], s[3]]),
        u32::from_le_bytes([s[4], s[5], s[6], s[7]]),
    ))
}

/// The bucket index of sorted keys (`nb + 1` starts, `nb = max(n / 2, 1)`),
/// or `None` if the keys are not strictly increasing (a key 0 may lead).
fn build_index(keys: &[u8]) -> Option<Vec<u32>> {
    let n = keys.len() / 8;
    let nb = (n / 2).max(1) as u64;
    // index[b] is the position of the first key whose bucket is b or
    // later: count the keys of each bucket, then sum up.
    let mut index = vec![0u32; nb as usize + 1];
    let mut last = 0u64;
    let mut len = 0;
    let mut lead = 0u32;
    for (i, c) in keys.chunks_exact(8).enumerate() {
        let k = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        if k == 0 {
            if i > 0 {
                return None;
            }
            lead = 1;
            continue;
        }
        if len > 0 && k <= last {
            return None;
        }
        last = k;
        len += 1;
        let home = (((k >> 32) * nb) >> 32) as usize;
        if let Some(x) = index.get_mut(home + 1) {
            *x += 1;
        }
    }
    let mut sum = lead;
    for x in index.iter_mut() {
        sum += *x;
        *x = sum;
    }
    Some(index)
}

impl<V: Val> HashTable<V> {
    /// Build from pairs sorted by key without duplicates (else `None`).
    /// The table owns its bytes: keys, values, then the bucket index.
    pub fn from_sorted(pairs: impl ExactSizeIterator<Item = (u64, V)>) -> Option<Self> {
        let n = pairs.len();
        let mut keys = Vec::with_capacity(n * (8 + V::SIZE) + n * 2 + 8);
        let mut vals = Vec::with_capacity(n * V::SIZE);
        let mut count = 0;
        for (k, v) in pairs {
            keys.extend_from_slice(&k.to_le_bytes());
            v.write(&mut vals);
            count += 1;
        }
        if count >= u32::MAX as usize {
            return None;
        }
        let index = build_index(&keys)?;
        let keys_len = keys.len();
        keys.extend_from_slice(&vals);
        let index_at = keys.len();
        for x in &index {
            keys.extend_from_slice(&x.to_le_bytes());
        }
        Self::from_parts(
            Blob::Shared(Arc::new(keys)),
            (0, keys_len, count),
            (index_at, index.len()),
            (0, 0),
        )
    }

    /// A table read in place from `blob`: `n` keys at byte `keys_at`
    /// (sorted, 8 bytes each, little-endian), `n` values at `vals_at`, a
    /// bucket index of `ni` `u32`s at `index_at` (as [`HashTable::write_lookup`]
    /// writes it) and a filter of `fw` `u64`s at `filter_at` (none if 0).
    /// `None` if a run is out of bounds or the index is empty. The contents
    /// are trusted (a corrupt index or filter gives wrong answers, never a
    /// panic).
    pub fn from_parts(
        blob: Blob,
        (keys_at, vals_at, n): (usize, usize, usize),
        (index_at, ni): (usize, usize),
        (filter_at, fw): (usize, usize),
    ) -> Option<Self> {
        let b = blob.bytes();
        let keys = b.get(keys_at..keys_at.checked_add(n.checked_mul(8)?)?)?;
        b.get(vals_at..vals_at.checked_add(n.checked_mul(V::SIZE)?)?)?;
        b.get(index_at..index_at.checked_add(ni.checked_mul(4)?)?)?;
        b.get(filter_at..filter_at.checked_add(fw.checked_mul(8)?)?)?;
        if n >= u32::MAX as usize || ni < 2 {
            return None;
        }
        let len = n - (n > 0 && key_at(keys, 0) == 0) as usize;
        Some(HashTable {
            blob,
            keys_at,
            vals_at,
            n,
            len,
            index_at,
            nb: (ni - 1) as u64,
            filter_at,
            filter_words: fw,
            _v: PhantomData,
        })
    }

    /// Write the bucket index and the filter (length-prefixed `u32` and
    /// `u64` arrays), for [`HashTable::read_lookup`].
    pub fn write_lookup(&self, w: &mut super::io::Writer) {
        let b = self.blob.bytes();
        let ni = self.nb as usize + 1;
        w.u32(ni as u32);
        w.buf
            .extend_from_slice(b.get(self.index_at..self.index_at + ni * 4).unwrap_or(&[]));
        w.u32(self.filter_words as u32);
        w.buf.extend_from_slice(
            b.get(self.filter_at..self.filter_at + self.filter_words * 8)
                .unwrap_or(&[]),
        );
    }

    /// Read the sections [`HashTable::write_lookup`] wrote and make the
    /// table over the runs `(keys_at, vals_at, n)` of `blob`, in place.
    pub fn read_lookup(
        r: &mut super::io::Reader,
        blob: &Blob,
        runs: (usize, usize, usize),
    ) -> Result<Self, String> {
        let index = r.array(4)?;
        let filter = r.array(8)?;
        Self::from_parts(blob.clone(), runs, index, filter)
            .ok_or_else(|| "table sections out of bounds".to_string())
    }

    /// Build a blocked Bloom filter with about `bits` bits per key, so that
    /// [`HashTable::find_many`] rejects most absent keys with one load from
    /// a small array (e.g. 100 KB for 50,000 features at 16 bits) instead
    /// of two from the big ones. It has no false negatives, so results do
    /// not change. The table's bytes are copied with the filter appended
    /// (done when a model is built, not when it is loaded).
    pub fn add_filter(&mut self, bits: usize) {
        let words = (self.len * bits.max(1) / 64).max(1);
        let mut f = vec![0u64; words];
        let b = self.blob.bytes();
        let Some(keys) = b.get(self.keys_at..self.keys_at + self.n * 8) else {
            return;
        };
        for c in keys.chunks_exact(8) {
            let k = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            if k != 0 {
                let (w, m) = Self::filter_slot(k, words);
                if let Some(x) = f.get_mut(w) {
                    *x |= m;
                }
            }
        }
        let mut bytes = Vec::with_capacity(b.len() + words * 8);
        bytes.extend_from_slice(b);
        self.filter_at = bytes.len();
        for x in &f {
            bytes.extend_from_slice(&x.to_le_bytes());
        }
        self.blob = Blob::Shared(Arc::new(bytes));
        self.filter_words = words;
    }

    /// Filter word and bit mask of `k` (3 bits in one 64-bit word).
    #[inline(always)]
    fn filter_slot(k: u64, words: usize) -> (usize, u64) {
        let w = (((k & 0xFFFF_FFFF) * words as u64) >> 32) as usize;
        let m =
            (1u64 << ((k >> 32) & 63)) | (1u64 << ((k >> 38) & 63)) | (1u64 << ((k >> 44) & 63));
        (w, m)
    }

    /// Position of `k` in the runs, if present.
    #[inline]
    pub fn find(&self, k: u64) -> Option<usize> {
        let b = (((k >> 32) * self.nb) >> 32) as usize;
        let bytes = self.blob.bytes();
        let (lo, hi) = bucket(bytes.get(self.index_at..)?, b)?;
        let keys = bytes.get(self.keys_at..self.keys_at + self.n * 8)?;
        for i in lo as usize..hi as usize {
            let kk = key_at(keys, i);
            if kk >= k {
                return if kk == k && k != 0 { Some(i) } else { None };
            }
        }
        None
    }

    #[inline]
    pub fn get(&self, k: u64) -> Option<V> {
        self.find(k).map(|i| self.val(i))
    }

    /// The value at position `i` (a result of [`HashTable::find`]).
    #[inline(always)]
    pub fn val(&self, i: usize) -> V {
        let at = self.vals_at + i * V::SIZE;
        match self.blob.bytes().get(at..at + V::SIZE) {
            Some(s) => V::read(s),
            None => V::default(),
        }
    }

    /// The `SIZE` value bytes at position `i` (empty if out of range).
    #[inline(always)]
    pub fn val_bytes(&self, i: usize) -> &[u8] {
        let at = self.vals_at + i * V::SIZE;
        self.blob.bytes().get(at..at + V::SIZE).unwrap_or(&[])
    }

    /// Look up many keys at once: `out[i]` is the position of `ks[i]` or
    /// [`NONE`]. The index and key loads of all keys are issued in separate
    /// passes before any result is needed, so their cache misses overlap
    /// instead of forming one chain per key; keys the filter rejects (most
    /// absent ones) drop out after the first pass. `tmp` is scratch space.
    pub fn find_many(&self, ks: &[u64], tmp: &mut Vec<u32>, out: &mut Vec<u32>) {
        out.clear();
        out.resize(ks.len(), NONE);
        tmp.clear();
        let bytes = self.blob.bytes();
        let words = self.filter_words;
        let (Some(keys), Some(index), Some(filter)) = (
            bytes.get(self.keys_at..self.keys_at + self.n * 8),
            bytes.get(self.index_at..self.index_at + (self.nb as usize + 1) * 4),
            bytes.get(self.filter_at..self.filter_at + words * 8),
        ) else {
            return;
        };
        // (key number, first position, end position) of the keys to scan.
        for (j, &k) in ks.iter().enumerate() {
            if words > 0 {
                let (w, m) = Self::filter_slot(k, words);
                let x = match filter.get(w * 8..w * 8 + 8) {
                    Some(s) => u64::from_le_bytes([s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]]),
                    None => 0,
                };
                if x & m != m {
                    continue;
                }
            }
            let b = (((k >> 32) * self.nb) >> 32) as usize;
            if let Some((lo, hi)) = bucket(index, b) {
                if lo < hi {
                    tmp.extend_from_slice(&[j as u32, lo, hi]);
                }
            }
        }
        let mut x = 0u64;
        for r in tmp.chunks_exact(3) {
            x ^= key_at(keys, r[1] as usize);
        }
        std::hint::black_box(x);
        for r in tmp.chunks_exact(3) {
            let j = r[0] as usize;
            let Some(&k) = ks.get(j) else { continue };
            for i in r[1] as usize..r[2] as usize {
                let kk = key_at(keys, i);
                if kk >= k {
                    if kk == k && k != 0 {
                        if let Some(o) = out.get_mut(j) {
                            *o = i as u32;
                        }
                        // The caller reads the value next: start loading it.
                        if V::SIZE > 0 {
                            prefetch(bytes.as_ptr().wrapping_add(self.vals_at + i * V::SIZE));
                        }
                    }
                    break;
                }
            }
        }
    }

    /// Entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (u64, V)> + '_ {
        let keys = self
            .blob
            .bytes()
            .get(self.keys_at..self.keys_at + self.n * 8)
            .unwrap_or(&[]);
        (0..self.n)
            .map(move |i| (key_at(keys, i), self.val(i)))
            .filter(|e| e.0 != 0)
    }

    pub fn len(&self) -> usize {
        self.len
    }
}

/// A growable open-addressing map from `u64` to `u32` (linear probing,
/// power-of-two size, at most half full, Fibonacci hashing of the whole
/// key), for the tagger's per-thread caches. Keys are kept exactly, so
/// they may be hashes (word forms) or packed ids (word pairs, shape
/// triples). Lookups of a batch of keys overlap their cache misses
/// ([`U64Map::touch`]).
#[derive(Clone, Debug)]
pub(crate) struct U64Map {
    /// (key, value); key 0 marks an empty slot (key 0 itself is `zero`).
    slots: Vec<(u64, u32)>,
    len: usize,
    /// 64 - log2(slots.len()).
    shift: u32,
    zero: Option<u32>,
}

impl Default for U64Map {
    fn default() -> Self {
        U64Map {
            slots: Vec::new(),
            len: 0,
            shift: 63,
            zero: None,
        }
    }
}

impl U64Map {
    #[inline(always)]
    fn home(&self, k: u64) -> usize {
        ((k ^ (k >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }
    pub fn len(&self) -> usize {
        self.len
    }
    pub fn clear(&mut self) {
        self.slots.clear();
        self.len = 0;
        self.shift = 63;
        self.zero = None;
    }
    /// Load the home slot of each key so the misses of a batch overlap.
    pub fn touch(&self, ks: &[u64]) {
        if self.slots.is_empty() {
            return;
        }
        let mut x = 0u64;
        for &k in ks {
            if let Some(s) = self.slots.get(self.home(k)) {
                x ^= s.0;
            }
        }
        std::hint::black_box(x);
    }
    #[inline]
    pub fn get(&self, k: u64) -> Option<u32> {
        if k == 0 {
            return self.zero;
        }
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(k);
        loop {
            let s = self.slots[i & mask];
            if s.0 == k {
                return Some(s.1);
            }
            if s.0 == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }
    /// Insert or overwrite.
    pub fn insert(&mut self, k: u64, v: u32) {
        if k == 0 {
            if self.zero.is_none() {
                self.len += 1;
            }
            self.zero = Some(v);
            return;
        }
        if (self.len + 1) * 2 > self.slots.len() {
            let old = std::mem::take(&mut self.slots);
            let size = (old.len() * 2).max(64);
            self.slots = vec![(0, 0); size];
            self.shift = 64 - size.trailing_zeros();
            self.len = self.zero.is_some() as usize;
            for (ok, ov) in old {
                if ok != 0 {
                    self.put(ok, ov);
                }
            }
        }
        self.put(k, v);
    }
    fn put(&mut self, k: u64, v: u32) {
        let mask = self.slots.len() - 1;
        let mut i = self.home(k);
        loop {
            let s = &mut self.slots[i & mask];
            if s.0 == k {
                s.1 = v;
                return;
            }
            if s.0 == 0 {
                *s = (k, v);
                self.len += 1;
                return;
            }
            i = (i + 1) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(n: u64) -> Vec<u64> {
        // Well-spread keys, sorted.
        let mut v: Vec<u64> = (1..=n)
            .map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
            .collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn finds_present_and_rejects_absent_keys() {
        let ks = keys(1000);
        let t = HashTable::from_sorted(ks.iter().map(|&k| (k, (k % 65521) as u16))).unwrap();
        assert_eq!(t.len(), 1000);
        for &k in &ks {
            assert_eq!(t.get(k), Some((k % 65521) as u16));
        }
        for &k in &ks {
            // Neighbouring values are absent.
            assert_eq!(t.get(k + 1), None);
            assert_eq!(t.get(k - 1), None);
        }
        assert_eq!(t.get(0), None);
        assert_eq!(t.get(u64::MAX), None);
        let back: Vec<(u64, u16)> = t.iter().collect();
        assert_eq!(back.len(), 1000);
        assert!(back.iter().zip(&ks).all(|(a, &k)| a.0 == k));
    }

    #[test]
    fn colliding_buckets_and_edge_cases() {
        // Many keys with the same top 32 bits land in one bucket.
        let ks: Vec<u64> = (1..=50u64).map(|i| (7u64 << 32) | i * 3).collect();
        let t = HashTable::from_sorted(ks.iter().map(|&k| (k, [k as u8, 1]))).unwrap();
        for &k in &ks {
            assert_eq!(t.get(k), Some([k as u8, 1]));
            assert_eq!(t.get(k + 1), None);
        }
        assert_eq!(t.get(7u64 << 32), None);
        assert_eq!(t.get((7u64 << 32) | 1000), None);
        // Unsorted or duplicate keys are refused; empty tables work.
        assert!(HashTable::from_sorted([(5u64, ()), (3, ())].into_iter()).is_none());
        assert!(HashTable::from_sorted([(5u64, ()), (5, ())].into_iter()).is_none());
        let e: HashTable<()> = HashTable::from_sorted(std::iter::empty()).unwrap();
        assert_eq!(e.len(), 0);
        assert_eq!(e.get(42), None);
        assert_eq!(HashTable::<u16>::default().get(42), None);
        // Key 0 is skipped, as the model format reserves it.
        let z = HashTable::from_sorted([(0u64, 9u16), (8, 1)].into_iter()).unwrap();
        assert_eq!((z.len(), z.get(0), z.get(8)), (1, None, Some(1)));
    }

    #[test]
    fn batch_lookup_matches_single_lookups() {
        let ks = keys(300);
        let t = HashTable::from_sorted(ks.iter().map(|&k| (k, 1u16))).unwrap();
        let mut q: Vec<u64> = ks.iter().step_by(3).copied().collect();
        q.extend(ks.iter().step_by(5).map(|k| k + 2));
        q.push(0);
        let (mut tmp, mut out) = (Vec::new(), Vec::new());
        t.find_many(&q, &mut tmp, &mut out);
        assert_eq!(out.len(), q.len());
        for (&k, &p) in q.iter().zip(&out) {
            assert_eq!(t.find(k).map(|x| x as u32).unwrap_or(NONE), p);
        }
        // With a filter the answers are the same.
        let mut tf = t.clone();
        tf.add_filter(16);
        let mut out2 = Vec::new();
        tf.find_many(&q, &mut tmp, &mut out2);
        assert_eq!(out, out2);
        HashTable::<u16>::default().find_many(&q, &mut tmp, &mut out);
        assert!(out.iter().all(|&p| p == NONE) && out.len() == q.len());
    }

    #[test]
    fn word_map_inserts_grows_and_overwrites() {
        let mut m = U64Map::default();
        assert_eq!(m.get(5), None);
        for i in 0..5000u64 {
            m.insert((i + 1).wrapping_mul(0x2545_F491_4F6C_DD1D), i as u32);
        }
        assert_eq!(m.len(), 5000);
        for i in 0..5000u64 {
            assert_eq!(
                m.get((i + 1).wrapping_mul(0x2545_F491_4F6C_DD1D)),
                Some(i as u32)
            );
        }
        assert_eq!(m.get(12345), None);
        m.insert(0, 7);
        assert_eq!(m.get(0), Some(7));
        m.insert(0, 8);
        assert_eq!((m.get(0), m.len()), (Some(8), 5001));
        m.touch(&[1, 2, 3]);
        m.clear();
        assert_eq!((m.get(0), m.len()), (None, 0));
        // Keys are exact: packed small ids that differ in one low bit, or
        // only in their high half, stay apart.
        for a in 0..40u64 {
            for b in 0..40u64 {
                m.insert(a << 32 | b, (a * 100 + b) as u32);
            }
        }
        assert_eq!(m.len(), 1600);
        for a in 0..40u64 {
            for b in 0..40u64 {
                assert_eq!(m.get(a << 32 | b), Some((a * 100 + b) as u32));
            }
        }
        assert_eq!(m.get(40 << 32), None);
        assert_eq!(m.get(1 << 32 | 40), None);
    }

    #[test]
    fn reads_tables_in_place_and_checks_bounds() {
        let ks = keys(10);
        let mut t0 = HashTable::from_sorted(ks.iter().enumerate().map(|(i, &k)| (k, i as u16))).unwrap();
        t0.add_filter(16);
        // A model-like byte layout: runs, then the lookup sections.
        let mut w = super::super::io::Writer::new();
        w.buf.extend_from_slice(&[0xAA; 3]);
        let keys_at = w.buf.len();
        for k in &ks {
            w.u64(*k);
        }
        let vals_at = w.buf.len();
        for i in 0..10u16 {
            w.buf.extend_from_slice(&i.to_le_bytes());
        }
        let look_at = w.buf.len();
        t0.write_lookup(&mut w);
        let b = w.buf;
        let blob = Blob::Shared(Arc::new(b.clone()));
        let mut r = super::super::io::Reader::new(&b);
        r.skip(look_at).unwrap();
        let t: HashTable<u16> = HashTable::read_lookup(&mut r, &blob, (keys_at, vals_at, 10)).unwrap();
        assert!(r.done());
        for (i, &k) in ks.iter().enumerate() {
            assert_eq!(t.get(k), Some(i as u16));
        }
        let (mut tmp, mut out) = (Vec::new(), Vec::new());
        t.find_many(&ks, &mut tmp, &mut out);
        assert_eq!(out, (0..10u32).collect::<Vec<_>>());
        assert!(HashTable::<u16>::from_parts(blob.clone(), (keys_at, vals_at, 1000), (look_at + 4, 6), (0, 0)).is_none());
        assert!(HashTable::<u16>::from_parts(blob.clone(), (usize::MAX - 2, 0, 10), (look_at + 4, 6), (0, 0)).is_none());
        assert!(HashTable::<u16>::from_parts(blob.clone(), (keys_at, vals_at, 10), (look_at + 4, 1 << 20), (0, 0)).is_none());
        assert!(HashTable::<u16>::from_parts(blob, (keys_at, vals_at, 10), (look_at + 4, 0), (0, 0)).is_none());
        let mut r = super::super::io::Reader::new(&b[..b.len() - 1]);
        r.skip(look_at).unwrap();
        assert!(HashTable::<u16>::read_lookup(&mut r, &Blob::Shared(Arc::new(b.clone())), (keys_at, vals_at, 10)).is_err());
    }
}
