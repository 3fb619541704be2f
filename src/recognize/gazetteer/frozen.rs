//! Frozen tables: read-only hash maps laid out in one byte image, built at compile
//! time and read in place at run time (no parsing, no allocation at startup).
//!
//! Std-only: `build.rs` mounts this file to write the images (`tables.rs` fills
//! them), and the gazetteer (`super`) and the actor dictionary
//! (`crate::resolve::actors`) read them from `include_bytes!` data. Both sides use the
//! same [`hash`], so a key hashed at build time is found at run time.
//!
//! Layout (all integers little-endian `u32`):
//! - an image: 8 magic bytes, a section count, `(offset, length)` per section,
//!   then the section bytes ([`Image`]);
//! - a map section: slot count (a power of two), key count, one byte of hash tag per
//!   slot (0 = empty slot), 12-byte slots `(blob offset, key length, value length)`,
//!   then the blob where each key is followed by its value ([`FrozenMap`]).
//!
//! Lookups use linear probing over the compact tag array (a miss, the common case
//! when scanning text, rarely touches more than one cache line of it). Every read is bounds-checked: a truncated or corrupt
//! image gives `None` or empty answers, never a panic.

/// Hash of a key (Fx-style word loop, then a final mix so the low bits are good).
pub(crate) fn hash(key: &[u8]) -> u64 {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut h = (key.len() as u64).wrapping_mul(K);
    let mut chunks = key.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ v).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        h = (h.rotate_left(5) ^ tail_word(rest)).wrapping_mul(K);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

/// The 1 to 7 bytes of `rest` as a little-endian word padded with zeros, built from
/// (possibly overlapping) loads instead of a copy: OR-ing a byte into its own place
/// twice changes nothing.
#[inline]
fn tail_word(rest: &[u8]) -> u64 {
    let n = rest.len();
    if n >= 4 {
        let lo = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]) as u64;
        let hi = u32::from_le_bytes([rest[n - 4], rest[n - 3], rest[n - 2], rest[n - 1]]) as u64;
        lo | hi << (8 * (n - 4))
    } else if n > 0 {
        rest[0] as u64 | (rest[n / 2] as u64) << (8 * (n / 2)) | (rest[n - 1] as u64) << (8 * (n - 1))
    } else {
        0
    }
}

/// The little-endian `u32` at `at`, if the bytes are there.
#[inline]
pub(crate) fn rd32(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// A sectioned image.
#[derive(Clone, Copy)]
pub(crate) struct Image<'a> {
    bytes: &'a [u8],
    count: usize,
}

impl<'a> Image<'a> {
    /// Check the magic and that every section lies inside the image.
    pub(crate) fn open(bytes: &'a [u8], magic: &[u8; 8]) -> Option<Image<'a>> {
        if bytes.get(..8)? != magic {
            return None;
        }
        let count = rd32(bytes, 8)? as usize;
        let img = Image { bytes, count };
        for i in 0..count {
            let (off, len) = img.bounds(i)?;
            bytes.get(off..off.checked_add(len)?)?;
        }
        Some(img)
    }

    fn bounds(&self, i: usize) -> Option<(usize, usize)> {
        let at = 12usize.checked_add(i.checked_mul(8)?)?;
        Some((rd32(self.bytes, at)? as usize, rd32(self.bytes, at + 4)? as usize))
    }

    /// Section `i` (empty when missing).
    pub(crate) fn section(&self, i: usize) -> &'a [u8] {
        if i >= self.count {
            return &[];
        }
        self.bounds(i).and_then(|(off, len)| self.bytes.get(off..off.checked_add(len)?)).unwrap_or(&[])
    }
}

const SLOT: usize = 12;

/// The non-zero tag of a hash.
#[inline]
fn tag_of(h: u64) -> u8 {
    ((h >> 56) as u8).max(1)
}

/// A read-only hash map from byte keys to byte values, read in place.
#[derive(Clone, Copy)]
pub(crate) struct FrozenMap<'a> {
    tags: &'a [u8],
    slots: &'a [u8],
    blob: &'a [u8],
    mask: usize,
    #[allow(dead_code)]
    len: usize,
}

impl<'a> FrozenMap<'a> {
    /// An empty map (what a corrupt section opens as).
    pub(crate) const EMPTY_MAP: FrozenMap<'static> = FrozenMap { tags: &[], slots: &[], blob: &[], mask: 0, len: 0 };

    /// Open a map section; `None` when its header does not fit.
    pub(crate) fn open(sec: &'a [u8]) -> Option<FrozenMap<'a>> {
        let nslots = rd32(sec, 0)? as usize;
        let len = rd32(sec, 4)? as usize;
        if nslots == 0 || !nslots.is_power_of_two() || len > nslots {
            return None;
        }
        let tend = 8usize.checked_add(nslots)?;
        let send = tend.checked_add(nslots.checked_mul(SLOT)?)?;
        Some(FrozenMap { tags: sec.get(8..tend)?, slots: sec.get(tend..send)?, blob: sec.get(send..)?, mask: nslots - 1, len })
    }

    /// Number of keys.
    #[allow(dead_code)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    #[inline]
    fn tag(&self, i: usize) -> u8 {
        self.tags.get(i).copied().unwrap_or(0)
    }

    /// Key and value of slot `i`.
    fn pair(&self, i: usize) -> Option<(&'a [u8], &'a [u8])> {
        let s = self.slots.get(i * SLOT..i * SLOT + SLOT)?;
        let off = rd32(s, 0)? as usize;
        let kend = off.checked_add(rd32(s, 4)? as usize)?;
        let vend = kend.checked_add(rd32(s, 8)? as usize)?;
        Some((self.blob.get(off..kend)?, self.blob.get(kend..vend)?))
    }

    /// The value stored under `key`.
    ///
    /// Probes eight tags at a time: most keys looked up while scanning text
    /// are absent, and a miss walks the run of full slots up to the next
    /// empty one (several slots at this table's load). Slots are still
    /// examined in probe order, so the answer is the one-by-one scan's.
    #[inline]
    pub(crate) fn get(&self, key: &[u8]) -> Option<&'a [u8]> {
        if self.tags.is_empty() {
            return None;
        }
        let h = hash(key);
        let tag = tag_of(h);
        let mut i = h as usize & self.mask;
        let mut probed = 0usize;
        while probed <= self.mask {
            if let Some(w) = self.tags.get(i..i + 8) {
                // Bytes that are empty (0) or equal to the tag: the high bit
                // of each such byte is set in `m` (possibly also for a few
                // bytes after a real hit, which the exact check below skips).
                let w = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
                const LO: u64 = 0x0101_0101_0101_0101;
                const HI: u64 = 0x8080_8080_8080_8080;
                let zero = |x: u64| x.wrapping_sub(LO) & !x & HI;
                let mut m = zero(w) | zero(w ^ (LO * tag as u64));
                while m != 0 {
                    let b = (m.trailing_zeros() / 8) as usize;
                    m &= m - 1;
                    if probed + b > self.mask {
                        return None;
                    }
                    match self.tag(i + b) {
                        0 => return None,
                        t if t == tag => {
                            if let Some((k, v)) = self.pair(i + b) {
                                if k == key {
                                    return Some(v);
                                }
                            }
                        }
                        _ => {}
                    }
                }
                i = (i + 8) & self.mask;
                probed += 8;
            } else {
                // Near the end of the tag array: one slot at a time.
                let t = self.tag(i);
                if t == 0 {
                    return None;
                }
                if t == tag {
                    if let Some((k, v)) = self.pair(i) {
                        if k == key {
                            return Some(v);
                        }
                    }
                }
                i = (i + 1) & self.mask;
                probed += 1;
            }
        }
        None
    }

    /// Every `(key, value)` pair, in slot order (for tests and reports).
    #[allow(dead_code)]
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&'a [u8], &'a [u8])> + '_ {
        (0..=self.mask).filter(|&i| self.tag(i) != 0).filter_map(|i| self.pair(i))
    }
}

// ------------------------------------------------------------------ writing (build time)

#[allow(clippy::expect_used)] // build time only: the embedded tables are a few MB
fn push32(out: &mut Vec<u8>, v: usize) {
    out.extend_from_slice(&u32::try_from(v).expect("frozen table larger than 4 GiB").to_le_bytes());
}

/// Write a map section from distinct keys (their order only decides the blob order).
#[allow(dead_code)]
pub(crate) fn write_map(pairs: &[(&[u8], &[u8])]) -> Vec<u8> {
    let n = pairs.len();
    // load factor at most 0.8: misses scan the one-byte tags, a cache line at a time
    let nslots = (n + n / 4 + 1).next_power_of_two();
    let mask = nslots - 1;
    let mut tags = vec![0u8; nslots];
    let mut slots = vec![[0u32; 3]; nslots];
    let mut blob = Vec::new();
    for (k, v) in pairs {
        let h = hash(k);
        let mut i = h as usize & mask;
        while tags[i] != 0 {
            i = (i + 1) & mask;
        }
        let off = blob.len();
        blob.extend_from_slice(k);
        blob.extend_from_slice(v);
        assert!(blob.len() < u32::MAX as usize, "frozen map blob too large");
        tags[i] = tag_of(h);
        slots[i] = [off as u32, k.len() as u32, v.len() as u32];
    }
    let mut out = Vec::with_capacity(8 + nslots * (1 + SLOT) + blob.len());
    push32(&mut out, nslots);
    push32(&mut out, n);
    out.extend_from_slice(&tags);
    for s in &slots {
        for x in s {
            out.extend_from_slice(&x.to_le_bytes());
        }
    }
    out.extend_from_slice(&blob);
    out
}

/// Write an image from its sections.
#[allow(dead_code)]
pub(crate) fn write_image(magic: &[u8; 8], sections: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(magic);
    push32(&mut out, sections.len());
    let mut off = 12 + 8 * sections.len();
    for s in sections {
        push32(&mut out, off);
        push32(&mut out, s.len());
        off += s.len();
    }
    for s in sections {
        out.extend_from_slice(s);
    }
    out
}

// ------------------------------------------------------------------ the two images

/// Magic of the gazetteer image (`gazetteer.bin`).
pub(crate) const GAZ_MAGIC: &[u8; 8] = b"DOSGAZ01";
/// Magic of the actor-dictionary image (`actors.bin`).
pub(crate) const ACT_MAGIC: &[u8; 8] = b"DOSACT01";

/// Gazetteer sections: counts `(entries, index keys)`, entry records, string pool,
/// index map (token key → `[max n-gram length as first token, X_* flags]` + candidate
/// records; every proper prefix of a key, in whole tokens, is a key too), given-name
/// set (keys only), the first-token keys flagged `X_LOWER` (keys only).
pub(crate) const GAZ_META: usize = 0;
pub(crate) const GAZ_ENTRIES: usize = 1;
pub(crate) const GAZ_POOL: usize = 2;
pub(crate) const GAZ_INDEX: usize = 3;
pub(crate) const GAZ_FIRST_NAMES: usize = 4;
/// The first-token keys flagged [`X_LOWER`] (keys only): a handful, which the reader
/// turns into a first-byte and length table, so a lower-case word is looked up only
/// when some such key could be its key.
pub(crate) const GAZ_LOWER: usize = 5;
/// Index value flags: a longer key starts with this key and a space.
pub(crate) const X_EXT: u8 = 1;
/// Index value flags, on first-token keys: some candidate of a key starting with this
/// token has a surface whose first word does not ask for a capital (so it may match
/// a word that starts in lower case).
pub(crate) const X_LOWER: u8 = 2;
/// Entry record: eight `u32`: kind | flags << 8 | has geo id << 16 | has iso << 24,
/// rank, confidence (f32 bits), geo id, canonical (pool offset, length), iso (offset, length).
pub(crate) const ENTRY_SIZE: usize = 32;
/// Candidate record: entry id, surface pool offset, surface length | shared << 31.
pub(crate) const CAND_SIZE: usize = 12;
pub(crate) const SHARED_BIT: u32 = 1 << 31;

/// Entry kinds as stored.
pub(crate) const K_COUNTRY: u8 = 0;
pub(crate) const K_NATIONALITY: u8 = 1;
pub(crate) const K_PLACE: u8 = 2;
pub(crate) const K_ORGANIZATION: u8 = 3;
pub(crate) const K_PERSON: u8 = 4;

/// Entry flags (the `flags` column of `gazetteer.tsv`).
pub(crate) const F_AMBIGUOUS: u8 = 1;
pub(crate) const F_WORD: u8 = 2;
pub(crate) const F_FIRST: u8 = 4;
pub(crate) const F_SURNAME: u8 = 8;
#[allow(dead_code)]
pub(crate) const F_CURATED: u8 = 16;

/// Actor sections: count, line table (offset, length into the text section), the
/// actor lines of `actors.tsv`, name-key map (key → actor ids as `u32`).
pub(crate) const ACT_META: usize = 0;
pub(crate) const ACT_LINES: usize = 1;
pub(crate) const ACT_TEXT: usize = 2;
pub(crate) const ACT_INDEX: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_misses() {
        let keys: Vec<String> = (0..5000).map(|i| format!("key {i} ü")).collect();
        let vals: Vec<Vec<u8>> = (0..5000u32).map(|i| i.to_le_bytes().repeat((i % 4) as usize)).collect();
        let pairs: Vec<(&[u8], &[u8])> = keys.iter().zip(&vals).map(|(k, v)| (k.as_bytes(), v.as_slice())).collect();
        let map = write_map(&pairs);
        let img = write_image(b"TESTIMG1", &[b"hello".to_vec(), map]);
        let im = Image::open(&img, b"TESTIMG1").unwrap();
        assert_eq!(im.section(0), b"hello");
        assert!(im.section(7).is_empty());
        let m = FrozenMap::open(im.section(1)).unwrap();
        assert_eq!(m.len(), 5000);
        for (k, v) in &pairs {
            assert_eq!(m.get(k), Some(*v));
        }
        assert_eq!(m.get(b"key 5000 \xc3\xbc"), None);
        assert_eq!(m.get(b""), None);
        assert_eq!(m.iter().count(), 5000);
        // an empty map and the empty key
        let e = write_map(&[]);
        assert_eq!(FrozenMap::open(&e).unwrap().get(b"x"), None);
        let one = write_map(&[(b"", b"v")]);
        assert_eq!(FrozenMap::open(&one).unwrap().get(b""), Some(&b"v"[..]));
        assert!(Image::open(&img, b"OTHERIMG").is_none());
    }

    /// The slot-by-slot probe [`FrozenMap::get`] must agree with.
    fn get_one_by_one<'a>(m: &FrozenMap<'a>, key: &[u8]) -> Option<&'a [u8]> {
        if m.tags.is_empty() {
            return None;
        }
        let h = hash(key);
        let tag = tag_of(h);
        let mut i = h as usize & m.mask;
        for _ in 0..=m.mask {
            let t = m.tag(i);
            if t == 0 {
                return None;
            }
            if t == tag {
                if let Some((k, v)) = m.pair(i) {
                    if k == key {
                        return Some(v);
                    }
                }
            }
            i = (i + 1) & m.mask;
        }
        None
    }

    #[test]
    fn word_probing_agrees_with_slot_probing() {
        // Sizes that load the table lightly and heavily (n + n/4 rounded up
        // to a power of two), hits and misses, small tables (wrap-around).
        for n in [1usize, 5, 13, 100, 409, 1638, 3000] {
            let keys: Vec<String> = (0..n).map(|i| format!("w{i}")).collect();
            let pairs: Vec<(&[u8], &[u8])> = keys.iter().map(|k| (k.as_bytes(), k.as_bytes())).collect();
            let map = write_map(&pairs);
            let m = FrozenMap::open(&map).unwrap();
            for i in 0..3 * n + 50 {
                let k = format!("w{i}");
                assert_eq!(m.get(k.as_bytes()), get_one_by_one(&m, k.as_bytes()), "{n} {k}");
                if i < n {
                    assert_eq!(m.get(k.as_bytes()), Some(k.as_bytes()));
                }
            }
        }
    }

    #[test]
    fn tail_word_is_the_padded_word() {
        let b = b"abcdefg";
        for n in 0..8 {
            let mut w = [0u8; 8];
            w[..n].copy_from_slice(&b[..n]);
            assert_eq!(tail_word(&b[..n]), u64::from_le_bytes(w), "{n}");
        }
    }

    #[test]
    fn corrupt_images_never_panic() {
        let keys: Vec<String> = (0..300).map(|i| format!("k{i}")).collect();
        let pairs: Vec<(&[u8], &[u8])> = keys.iter().map(|k| (k.as_bytes(), k.as_bytes())).collect();
        let img = write_image(b"TESTIMG1", &[write_map(&pairs)]);
        for cut in 0..img.len() {
            let t = &img[..cut];
            if let Some(im) = Image::open(t, b"TESTIMG1") {
                if let Some(m) = FrozenMap::open(im.section(0)) {
                    for k in &keys {
                        let _ = m.get(k.as_bytes());
                    }
                    let _ = m.iter().count();
                }
            }
            // the map section alone, cut anywhere
            if let Some(m) = FrozenMap::open(&img[20.min(cut)..cut]) {
                let _ = m.get(b"k1");
            }
        }
        // scrambled bytes
        let mut bad = img.clone();
        for (i, b) in bad.iter_mut().enumerate().skip(12) {
            *b = b.wrapping_mul(31).wrapping_add(i as u8);
        }
        if let Some(im) = Image::open(&bad, b"TESTIMG1") {
            if let Some(m) = FrozenMap::open(im.section(0)) {
                for k in &keys {
                    let _ = m.get(k.as_bytes());
                }
            }
        }
    }
}
