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
//! adjacent index entries and scans about two keys in one cache line.
//! The embedded model is used in place (`Blob::Static`), so loading only
//! builds the index: no copy of the keys or weights and no page faults for
//! fresh memory.

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

/// "Not found" in [`HashTable::find_many`] results.
pub(crate) const NONE: u32 = u32::MAX;

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
    /// `nb + 1` bucket starts (positions in the runs).
    index: Vec<u32>,
    nb: u64,
    /// Optional blocked Bloom filter over the keys (see
    /// [`HashTable::add_filter`]); empty when not built.
    filter: Vec<u64>,
    _v: PhantomData<V>,
}

impl<V: Val> Default for HashTable<V> {
    fn default() -> Self {
        HashTable {
            blob: Blob::default(),
            keys_at: 0,
            vals_at: 0,
            n: 0,
            len: 0,
            index: vec![0, 0],
            nb: 1,
            filter: Vec::new(),
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

impl<V: Val> HashTable<V> {
    /// Build from pairs sorted by key without duplicates (else `None`).
    pub fn from_sorted(pairs: impl ExactSizeIterator<Item = (u64, V)>) -> Option<Self> {
        let n = pairs.len();
        let mut keys = Vec::with_capacity(n * (8 + V::SIZE));
        let mut vals = Vec::with_capacity(n * V::SIZE);
        let mut count = 0;
        for (k, v) in pairs {
            keys.extend_from_slice(&k.to_le_bytes());
            v.write(&mut vals);
            count += 1;
        }
        let keys_len = keys.len();
        keys.extend_from_slice(&vals);
        Self::from_blob(Blob::Shared(Arc::new(keys)), 0, keys_len, count)
    }

    /// A table over `n` keys at byte `keys_at` of `blob` (sorted, 8 bytes
    /// each, little-endian) and `n` values at `vals_at`. `None` if the runs
    /// are out of bounds or the keys are not strictly increasing.
    pub fn from_blob(blob: Blob, keys_at: usize, vals_at: usize, n: usize) -> Option<Self> {
        let b = blob.bytes();
        let keys = b.get(keys_at..keys_at.checked_add(n.checked_mul(8)?)?)?;
        b.get(vals_at..vals_at.checked_add(n.checked_mul(V::SIZE)?)?)?;
        if n >= u32::MAX as usize {
            return None;
        }
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
        Some(HashTable {
            blob,
            keys_at,
            vals_at,
            n,
            len,
            index,
            nb,
            filter: Vec::new(),
            _v: PhantomData,
        })
    }

    /// Build a blocked Bloom filter with about `bits` bits per key, so that
    /// [`HashTable::find_many`] rejects most absent keys with one load from
    /// a small array (e.g. 100 KB for 50,000 features at 16 bits) instead
    /// of two from the big ones. It has no false negatives, so results do
    /// not change.
    pub fn add_filter(&mut self, bits: usize) {
        let words = (self.len * bits.max(1) / 64).max(1);
        let mut f = vec![0u64; words];
        let Some(keys) = self
            .blob
            .bytes()
            .get(self.keys_at..self.keys_at + self.n * 8)
        else {
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
        self.filter = f;
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
        let lo = *self.index.get(b)? as usize;
        let hi = *self.index.get(b + 1)? as usize;
        let keys = self
            .blob
            .bytes()
            .get(self.keys_at..self.keys_at + self.n * 8)?;
        for i in lo..hi {
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
        let Some(keys) = self
            .blob
            .bytes()
            .get(self.keys_at..self.keys_at + self.n * 8)
        else {
            return;
        };
        let words = self.filter.len();
        // (key number, first position, end position) of the keys to scan.
        for (j, &k) in ks.iter().enumerate() {
            if words > 0 {
                let (w, m) = Self::filter_slot(k, words);
                if self.filter.get(w).is_none_or(|&x| x & m != m) {
                    continue;
                }
            }
            let b = (((k >> 32) * self.nb) >> 32) as usize;
            if let (Some(&lo), Some(&hi)) = (self.index.get(b), self.index.get(b + 1)) {
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
/// power-of-two size, at most half full), for the tagger's per-thread word
/// cache. Lookups of a batch of keys overlap their cache misses
/// ([`U64Map::touch`]).
#[derive(Clone, Debug, Default)]
pub(crate) struct U64Map {
    /// (key | 1, value); key 0 marks an empty slot.
    slots: Vec<(u64, u32)>,
    len: usize,
}

impl U64Map {
    #[inline(always)]
    fn norm(k: u64) -> u64 {
        // Keys are hashes: folding the low bit keeps 0 free for "empty".
        k | 1
    }
    #[inline(always)]
    fn home(&self, k: u64) -> usize {
        (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 20) as usize & (self.slots.len().wrapping_sub(1))
    }
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.len
    }
    pub fn clear(&mut self) {
        self.slots.clear();
        self.len = 0;
    }
    /// Load the home slot of each key so the misses of a batch overlap.
    pub fn touch(&self, ks: &[u64]) {
        if self.slots.is_empty() {
            return;
        }
        let mut x = 0u64;
        for &k in ks {
            if let Some(s) = self.slots.get(self.home(Self::norm(k))) {
                x ^= s.0;
            }
        }
        std::hint::black_box(x);
    }
    pub fn get(&self, k: u64) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let k = Self::norm(k);
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
        if (self.len + 1) * 2 > self.slots.len() {
            let old = std::mem::take(&mut self.slots);
            self.slots = vec![(0, 0); (old.len() * 2).max(64)];
            self.len = 0;
            for (ok, ov) in old {
                if ok != 0 {
                    self.put(ok, ov);
                }
            }
        }
        self.put(Self::norm(k), v);
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
    }

    #[test]
    fn reads_tables_in_place_and_checks_bounds() {
        let ks = keys(10);
        let mut b = vec![0xAAu8; 3];
        for k in &ks {
            b.extend_from_slice(&k.to_le_bytes());
        }
        let vals_at = b.len();
        for i in 0..10u16 {
            b.extend_from_slice(&i.to_le_bytes());
        }
        let blob = Blob::Shared(Arc::new(b));
        let t: HashTable<u16> = HashTable::from_blob(blob.clone(), 3, vals_at, 10).unwrap();
        for (i, &k) in ks.iter().enumerate() {
            assert_eq!(t.get(k), Some(i as u16));
        }
        assert!(HashTable::<u16>::from_blob(blob.clone(), 3, vals_at, 11).is_none());
        assert!(HashTable::<u16>::from_blob(blob, usize::MAX - 2, 0, 10).is_none());
    }
}
