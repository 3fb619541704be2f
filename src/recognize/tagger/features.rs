//! Feature extraction for the NER tagger: token descriptors, gazetteer
//! matching, document context and the hashed feature templates.
//!
//! Every feature is a `u64` built by mixing a template id with precomputed
//! per-token hashes, so the hot path does no string formatting and no
//! per-feature allocation. `perceptron.rs` maps these hashes to weight rows;
//! `mod.rs` drives the two passes (pass 1: `token_features`, split into
//! word-intrinsic features whose scores it caches per word form and context
//! features; pass 2: `pass2_features` from the pass-1 labels of the whole
//! document). Also home to the compact hash tables the model is made of.

/// Fixed 64-bit mixing step (multiply-fold, as in FxHash/foldhash). Not a
/// cryptographic hash; it only has to be fast, stable across runs and
/// platforms, and well spread.
#[inline]
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    let r = ((a ^ 0x243F_6A88_85A3_08D3) as u128).wrapping_mul((b ^ 0x9E37_79B9_7F4A_7C15) as u128);
    (r as u64) ^ ((r >> 64) as u64)
}

/// Map a char to the form used for case-insensitive hashing: lowercase,
/// typographic quotes folded to ASCII, digits folded to `0`.
#[inline]
fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
        c if c.is_ascii_digit() => '0',
        c if c.is_ascii() => c.to_ascii_lowercase(),
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

const SEED_LOWER: u64 = 0x51ED_27A3_9C1B_0001;
const SEED_EXACT: u64 = 0x51ED_27A3_9C1B_0002;
const SEED_SHAPE: u64 = 0x51ED_27A3_9C1B_0003;
const SEED_SSHAPE: u64 = 0x51ED_27A3_9C1B_0004;
const SEED_PRE: u64 = 0x51ED_27A3_9C1B_0005;
const SEED_SUF: u64 = 0x51ED_27A3_9C1B_0006;
pub(crate) const SEED_PHRASE: u64 = 0x51ED_27A3_9C1B_0007;

/// Case-insensitive hash of a token (see [`fold_char`]).
pub(crate) fn lower_hash(s: &str) -> u64 {
    let mut h = SEED_LOWER;
    for c in s.chars() {
        h = mix(h, fold_char(c) as u64);
    }
    h
}

// Token flags.
pub(crate) const F_INITCAP: u32 = 1 << 0;
pub(crate) const F_ALLCAPS: u32 = 1 << 1;
pub(crate) const F_HASDIGIT: u32 = 1 << 2;
pub(crate) const F_ALLDIGIT: u32 = 1 << 3;
pub(crate) const F_HYPHEN: u32 = 1 << 4;
pub(crate) const F_PERIOD: u32 = 1 << 5;
pub(crate) const F_PUNCT: u32 = 1 << 6;
pub(crate) const F_MIXED: u32 = 1 << 7;
pub(crate) const F_INITIAL: u32 = 1 << 8;
pub(crate) const F_APOS: u32 = 1 << 9;
pub(crate) const F_HASLOWER: u32 = 1 << 10;
pub(crate) const F_HASALPHA: u32 = 1 << 11;
const N_FLAGS: u32 = 12;

/// What the features need to know about one token.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Tok {
    pub lower: u64,
    pub exact: u64,
    pub shape: u64,
    pub sshape: u64,
    pub pre: [u64; 4],
    pub suf: [u64; 4],
    pub flags: u32,
    pub len: u8,
    /// Gazetteer membership: bit `cat * 4 + pos` (pos 0 B, 1 I, 2 L, 3 U).
    pub gaz: u64,
    /// Capitalisation-ratio bucket of the lowercase form in unlabeled text
    /// (0 unknown, 1..=5 from mostly lowercase to mostly capitalised).
    pub capr: u8,
    /// Distributional cluster + 1 of the lowercase form (0 unknown).
    pub cluster: u8,
}

impl Tok {
    pub fn is_cap(&self) -> bool {
        self.flags & F_INITCAP != 0
    }
}

/// A map from `u64` keys (already well-mixed hashes) to small values:
/// an ordered linear-probing table (keys sit at or just after their home
/// slot, in key order), so a lookup usually touches one cache line that
/// holds both the key and its value, and building it from sorted keys is a
/// single pass with no rehashing. Key 0 is reserved for empty slots.
#[derive(Clone, Debug)]
pub(crate) struct HashTable<V: Copy + Default> {
    slots: Vec<(u64, V)>,
    /// Number of home slots; a key's home is `(k >> 32) * cap >> 32`,
    /// which keeps homes in key order.
    cap: u64,
    len: usize,
}

impl<V: Copy + Default> Default for HashTable<V> {
    fn default() -> Self {
        HashTable {
            slots: Vec::new(),
            cap: 0,
            len: 0,
        }
    }
}

impl<V: Copy + Default> HashTable<V> {
    /// Build from pairs sorted by key without duplicates (else `None`).
    pub fn from_sorted(pairs: impl ExactSizeIterator<Item = (u64, V)>) -> Option<Self> {
        let n = pairs.len();
        // load factor about 0.8
        let cap = n + n / 4 + 1;
        let mut slots: Vec<(u64, V)> = Vec::with_capacity(cap + 64);
        let mut last = 0u64;
        let mut len = 0;
        for (k, v) in pairs {
            if k == 0 {
                continue;
            }
            if len > 0 && k <= last {
                return None;
            }
            last = k;
            let home = (((k >> 32) * cap as u64) >> 32) as usize;
            while slots.len() < home {
                slots.push((0, V::default()));
            }
            slots.push((k, v));
            len += 1;
        }
        slots.push((0, V::default()));
        while slots.len() < cap + 1 {
            slots.push((0, V::default()));
        }
        Some(HashTable {
            slots,
            cap: cap as u64,
            len,
        })
    }
    #[inline]
    pub fn get(&self, k: u64) -> Option<V> {
        let mut i = (((k >> 32) * self.cap) >> 32) as usize;
        while let Some(&(kk, v)) = self.slots.get(i) {
            if kk == k {
                return Some(v);
            }
            if kk == 0 || kk > k {
                return None;
            }
            i += 1;
        }
        None
    }
    /// Read the home slot of each key (a software prefetch without
    /// `unsafe`: the loads are independent, so their misses overlap).
    #[inline]
    pub fn touch(&self, keys: &[u64]) {
        let mut x = 0u64;
        for &k in keys {
            let i = (((k >> 32) * self.cap) >> 32) as usize;
            if let Some(s) = self.slots.get(i) {
                x ^= s.0;
            }
        }
        std::hint::black_box(x);
    }
    /// Entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (u64, V)> + '_ {
        self.slots.iter().filter(|s| s.0 != 0).copied()
    }
    pub fn len(&self) -> usize {
        self.len
    }
}

pub(crate) type KeySet = HashTable<()>;

/// Case-insensitive multi-token phrase lists (countries, names, …), stored
/// as phrase hashes with a category bit mask.
#[derive(Clone, Debug, Default)]
pub(crate) struct Gazetteer {
    pub categories: Vec<String>,
    /// Phrase hash → category mask.
    pub table: HashTable<u16>,
    /// Hashes of every proper prefix of a phrase, so matching stops early.
    pub prefixes: KeySet,
    pub max_len: usize,
}

pub(crate) const MAX_GAZ_CATS: usize = 16;
const MAX_GAZ_LEN: usize = 6;

impl Gazetteer {
    pub fn from_lists(lists: &[(String, Vec<String>)]) -> Self {
        let mut cats: Vec<String> = Vec::new();
        let mut map: std::collections::HashMap<u64, u32> = std::collections::HashMap::new();
        let mut prefixes: std::collections::HashSet<u64> = std::collections::HashSet::new();
        let mut max_len = 0;
        for (cat, phrases) in lists {
            let ci = match cats.iter().position(|c| c == cat) {
                Some(i) => i,
                None => {
                    if cats.len() >= MAX_GAZ_CATS {
                        continue;
                    }
                    cats.push(cat.clone());
                    cats.len() - 1
                }
            };
            for p in phrases {
                let toks: Vec<&str> = p.split_whitespace().collect();
                if toks.is_empty() || toks.len() > MAX_GAZ_LEN {
                    continue;
                }
                let mut h = SEED_PHRASE;
                for (j, t) in toks.iter().enumerate() {
                    h = mix(h, lower_hash(t));
                    if j + 1 < toks.len() {
                        prefixes.insert(h);
                    }
                }
                *map.entry(h).or_insert(0) |= 1 << ci;
                max_len = max_len.max(toks.len());
            }
        }
        let mut entries: Vec<(u64, u32)> = map.into_iter().collect();
        entries.sort_unstable();
        let mut prefixes: Vec<u64> = prefixes.into_iter().collect();
        prefixes.sort_unstable();
        Gazetteer {
            categories: cats,
            table: HashTable::from_sorted(entries.iter().map(|e| (e.0, e.1 as u16)))
                .unwrap_or_default(),
            prefixes: KeySet::from_sorted(prefixes.iter().map(|&k| (k, ()))).unwrap_or_default(),
            max_len: max_len.min(MAX_GAZ_LEN),
        }
    }

    pub fn from_parts(
        categories: Vec<String>,
        table: HashTable<u16>,
        prefixes: KeySet,
        max_len: usize,
    ) -> Self {
        Gazetteer {
            categories,
            table,
            prefixes,
            max_len: max_len.min(MAX_GAZ_LEN),
        }
    }

    /// Set `gaz` bits on the tokens of one sentence.
    pub fn annotate(&self, toks: &mut [Tok]) {
        if self.table.len() == 0 {
            return;
        }
        let n = toks.len();
        for i in 0..n {
            if toks[i].flags & F_HASALPHA == 0 {
                continue;
            }
            let mut h = SEED_PHRASE;
            for j in i..n.min(i + self.max_len) {
                h = mix(h, toks[j].lower);
                if let Some(mask) = self.table.get(h) {
                    let mask = mask as u32;
                    let len = j - i + 1;
                    for c in 0..self.categories.len() {
                        if mask & (1 << c) == 0 {
                            continue;
                        }
                        let base = (c * 4) as u64;
                        if len == 1 {
                            toks[i].gaz |= 1 << (base + 3);
                        } else {
                            toks[i].gaz |= 1 << base;
                            for t in toks.iter_mut().take(j).skip(i + 1) {
                                t.gaz |= 1 << (base + 1);
                            }
                            toks[j].gaz |= 1 << (base + 2);
                        }
                    }
                }
                if self.prefixes.get(h).is_none() {
                    break;
                }
            }
        }
    }
}

/// Compute the descriptor of one token (gazetteer bits are set later).
pub(crate) fn make_tok(s: &str, words: &HashTable<[u8; 2]>, buf: &mut Vec<char>) -> Tok {
    buf.clear();
    let mut t = Tok::default();
    let mut exact = SEED_EXACT;
    let mut lower = SEED_LOWER;
    let mut shape = SEED_SHAPE;
    let mut sshape = SEED_SSHAPE;
    let mut n_up = 0usize;
    let mut n_low = 0usize;
    let mut n_digit = 0usize;
    let mut n_alpha = 0usize;
    let mut n = 0usize;
    let mut last_class = 0u8;
    let mut flags = 0u32;
    let mut up_inner = false;
    for (k, c) in s.chars().enumerate() {
        n += 1;
        exact = mix(exact, c as u64);
        let f = fold_char(c);
        lower = mix(lower, f as u64);
        if buf.len() < 64 {
            buf.push(f);
        }
        let class = if c.is_uppercase() {
            n_up += 1;
            n_alpha += 1;
            if k == 0 {
                flags |= F_INITCAP;
            } else {
                up_inner = true;
            }
            b'X'
        } else if c.is_alphabetic() {
            n_low += 1;
            n_alpha += 1;
            b'x'
        } else if c.is_numeric() {
            n_digit += 1;
            b'd'
        } else {
            match c {
                '-' | '\u{2013}' | '\u{2014}' => flags |= F_HYPHEN,
                '.' => flags |= F_PERIOD,
                '\'' | '\u{2019}' => flags |= F_APOS,
                _ => {}
            }
            match c {
                '.' | ',' | '-' | '\'' | '&' | '/' => c as u8,
                '\u{2019}' => b'\'',
                _ => b'#',
            }
        };
        if k < 8 {
            shape = mix(shape, class as u64);
        }
        if class != last_class {
            sshape = mix(sshape, class as u64);
            last_class = class;
        }
    }
    if n > 8 {
        shape = mix(shape, 0xFF);
    }
    if n_alpha > 0 {
        flags |= F_HASALPHA;
    }
    if n_low > 0 {
        flags |= F_HASLOWER;
    }
    if n_up > 0 && n_low == 0 {
        flags |= F_ALLCAPS;
    }
    if up_inner && n_low > 0 {
        flags |= F_MIXED;
    }
    if n_digit > 0 {
        flags |= F_HASDIGIT;
        if n_digit == n {
            flags |= F_ALLDIGIT;
        }
    }
    if n_alpha == 0 && n_digit == 0 {
        flags |= F_PUNCT;
    }
    if n == 2 && n_up == 1 && flags & F_PERIOD != 0 {
        flags |= F_INITIAL;
    }
    t.exact = exact;
    t.lower = lower;
    t.shape = shape;
    t.sshape = sshape;
    t.flags = flags;
    t.len = n.min(255) as u8;
    if n_alpha > 0 {
        let m = buf.len();
        for k in 0..4 {
            if m > k + 1 {
                let mut p = SEED_PRE;
                for &c in &buf[..=k] {
                    p = mix(p, c as u64);
                }
                t.pre[k] = p;
                let mut q = SEED_SUF;
                for &c in &buf[m - 1 - k..] {
                    q = mix(q, c as u64);
                }
                t.suf[k] = q;
            }
        }
        let [c, cl] = words.get(lower).unwrap_or_default();
        t.capr = c;
        t.cluster = cl;
    }
    t
}

/// Sentence-level facts.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct SentInfo {
    /// No lowercase letters at all (CoNLL headlines, datelines, shouting).
    pub headline: bool,
}

pub(crate) fn sent_info(toks: &[Tok]) -> SentInfo {
    let any_alpha = toks.iter().any(|t| t.flags & F_HASALPHA != 0);
    let any_lower = toks.iter().any(|t| t.flags & F_HASLOWER != 0);
    SentInfo {
        headline: any_alpha && !any_lower,
    }
}

/// Document-level facts about one token.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct DocTok {
    /// The same word appears capitalised elsewhere in the document, in a
    /// mixed-case sentence, not sentence-initially.
    pub cap_else: bool,
    /// The same word appears all-lowercase elsewhere in the document.
    pub low_else: bool,
    /// Pass-1 label of this token (BILOU index, see `perceptron`).
    pub s1: u8,
    /// Pass-1 entity types of the same word's other occurrences:
    /// counts for O, PER, ORG, LOC, MISC (saturating).
    pub others: [u8; 5],
    /// Pass-1 type of the longest predicted entity elsewhere in the document
    /// that contains this word (0 none, 1..=4 type).
    pub in_span: u8,
}

/// Compute `cap_else` / `low_else` for a document.
pub(crate) fn doc_case_info(doc: &[(Vec<Tok>, SentInfo)]) -> Vec<Vec<DocTok>> {
    use std::collections::HashMap;
    // per lowercase hash: (cap non-initial count, lowercase count)
    let mut counts: HashMap<u64, (u32, u32), BuildMix> = HashMap::default();
    for (toks, si) in doc {
        if si.headline {
            continue;
        }
        for (i, t) in toks.iter().enumerate() {
            if t.flags & F_HASALPHA == 0 {
                continue;
            }
            let e = counts.entry(t.lower).or_insert((0, 0));
            if t.is_cap() && i > 0 {
                e.0 += 1;
            } else if t.flags & F_INITCAP == 0
                && t.flags & F_ALLCAPS == 0
                && t.flags & F_HASLOWER != 0
            {
                e.1 += 1;
            }
        }
    }
    doc.iter()
        .map(|(toks, si)| {
            toks.iter()
                .enumerate()
                .map(|(i, t)| {
                    let mut d = DocTok::default();
                    if t.flags & F_HASALPHA != 0 {
                        if let Some(&(c, l)) = counts.get(&t.lower) {
                            let self_cap = !si.headline && t.is_cap() && i > 0;
                            let self_low = !si.headline
                                && t.flags & (F_INITCAP | F_ALLCAPS) == 0
                                && t.flags & F_HASLOWER != 0;
                            d.cap_else = c > self_cap as u32;
                            d.low_else = l > self_low as u32;
                        }
                    }
                    d
                })
                .collect()
        })
        .collect()
}

/// Fill the pass-1 fields of `DocTok` from pass-1 labels.
/// `labels[s][i]` is a BILOU label index (see `perceptron`).
pub(crate) fn doc_pass1_info(
    doc: &[(Vec<Tok>, SentInfo)],
    labels: &[Vec<u8>],
    dt: &mut [Vec<DocTok>],
) {
    use super::perceptron::{spans_of, type_of};
    use std::collections::HashMap;
    let mut counts: HashMap<u64, [u32; 5], BuildMix> = HashMap::default();
    let mut span_words: HashMap<u64, (usize, u8), BuildMix> = HashMap::default();
    for ((toks, _), labs) in doc.iter().zip(labels) {
        for (t, &l) in toks.iter().zip(labs) {
            if t.flags & F_HASALPHA == 0 {
                continue;
            }
            counts.entry(t.lower).or_insert([0; 5])[type_of(l) as usize] += 1;
        }
        for (s, e, ty) in spans_of(labs) {
            for t in &toks[s..e] {
                if t.flags & F_HASALPHA == 0 || t.flags & F_INITCAP == 0 {
                    continue;
                }
                let ent = span_words.entry(t.lower).or_insert((0, 0));
                if e - s > ent.0 {
                    *ent = (e - s, ty);
                }
            }
        }
    }
    for (((toks, _), labs), dts) in doc.iter().zip(labels).zip(dt.iter_mut()) {
        for ((t, &l), d) in toks.iter().zip(labs).zip(dts.iter_mut()) {
            d.s1 = l;
            if t.flags & F_HASALPHA == 0 {
                continue;
            }
            if let Some(c) = counts.get(&t.lower) {
                let mut c = *c;
                c[type_of(l) as usize] -= 1;
                for (o, &x) in d.others.iter_mut().zip(&c) {
                    *o = x.min(255) as u8;
                }
            }
            if let Some(&(_, ty)) = span_words.get(&t.lower) {
                d.in_span = ty;
            }
        }
    }
}

/// Hasher for `HashMap`s keyed by already-mixed `u64`s.
#[derive(Default, Clone, Copy)]
pub(crate) struct MixHasher(u64);
impl std::hash::Hasher for MixHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0, b as u64);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = mix(self.0, v);
    }
}
pub(crate) type BuildMix = std::hash::BuildHasherDefault<MixHasher>;

// Template ids.
const T_BIAS: u64 = 1;
const T_W: u64 = 2;
const T_WX: u64 = 3;
const T_WM1: u64 = 4;
const T_WP1: u64 = 5;
const T_WM2: u64 = 6;
const T_WP2: u64 = 7;
const T_BM1: u64 = 8;
const T_BP1: u64 = 9;
const T_SH: u64 = 10;
const T_SS: u64 = 11;
const T_SSM1: u64 = 12;
const T_SSP1: u64 = 13;
const T_SS3: u64 = 14;
const T_WM1_SS: u64 = 15;
const T_SS_WP1: u64 = 16;
const T_PRE: u64 = 20; // + k
const T_SUF: u64 = 24; // + k
const T_FLAG: u64 = 30; // + bit
const T_FIRST_SS: u64 = 50;
const T_HEAD_W: u64 = 51;
const T_HEAD_SS: u64 = 52;
const T_GAZ: u64 = 53;
const T_GAZM1: u64 = 54;
const T_GAZP1: u64 = 55;
const T_GAZ_CAP: u64 = 56;
const T_LEN: u64 = 57;
const T_CAPR: u64 = 58;
const T_CAPR_FIRST: u64 = 59;
const T_DOC_CAP: u64 = 60;
const T_DOC_LOW: u64 = 61;
const T_DOC_CAP_FIRST: u64 = 62;
const T_WM2_WM1: u64 = 63;
const T_WP1_WP2: u64 = 64;
const T_SSM2: u64 = 65;
const T_SSP2: u64 = 66;
const T_WM1_W_WP1: u64 = 67;
const T_S1: u64 = 70;
const T_S1M1: u64 = 71;
const T_S1P1: u64 = 72;
const T_OTH: u64 = 73;
const T_OTH_MAJ: u64 = 74;
const T_OTH_MAJ_S1: u64 = 75;
const T_INSPAN: u64 = 76;
const T_INSPAN_S1: u64 = 77;
const T_OTH_MAJ_W: u64 = 78;
const T_S1M1_SS: u64 = 79;
const T_P2_W: u64 = 80;
const T_P2_WM1: u64 = 81;
const T_P2_SS: u64 = 82;
const T_CL: u64 = 83;
const T_CL_CAP: u64 = 84;
const T_CLM1: u64 = 85;
const T_CLP1: u64 = 86;

const PAD_BEFORE: u64 = 0xB0B0_0001;
const PAD_AFTER: u64 = 0xB0B0_0002;

#[inline]
fn f1(out: &mut Vec<u64>, t: u64, a: u64) {
    out.push(mix(t, a));
}
#[inline]
fn f2(out: &mut Vec<u64>, t: u64, a: u64, b: u64) {
    out.push(mix(mix(t, a), b));
}

/// Append the features of token `i` to `out`: [`intrinsic_features`]
/// followed by [`context_features`]. `dt` carries the document's case
/// information.
pub(crate) fn token_features(
    toks: &[Tok],
    si: SentInfo,
    dt: &[DocTok],
    i: usize,
    out: &mut Vec<u64>,
) {
    intrinsic_features(&toks[i], si, out);
    context_features(toks, si, dt, i, out);
}

/// The features that depend only on the token itself and whether the
/// sentence is a headline, so a tagger may cache their scores per word.
pub(crate) fn intrinsic_features(t: &Tok, si: SentInfo, out: &mut Vec<u64>) {
    out.push(mix(T_BIAS, 0));
    f1(out, T_W, t.lower);
    f1(out, T_WX, t.exact);
    f1(out, T_SH, t.shape);
    f1(out, T_SS, t.sshape);
    for k in 0..4 {
        if t.pre[k] != 0 {
            f1(out, T_PRE + k as u64, t.pre[k]);
            f1(out, T_SUF + k as u64, t.suf[k]);
        }
    }
    for b in 0..N_FLAGS {
        if t.flags & (1 << b) != 0 {
            out.push(mix(T_FLAG + b as u64, 1));
        }
    }
    f1(out, T_LEN, (t.len as u64).min(12));
    if si.headline {
        f1(out, T_HEAD_W, t.lower);
        f1(out, T_HEAD_SS, t.sshape);
    }
    if t.cluster != 0 {
        f1(out, T_CL, t.cluster as u64);
        f2(
            out,
            T_CL_CAP,
            t.cluster as u64,
            (t.flags & (F_INITCAP | F_ALLCAPS)) as u64,
        );
    }
    if t.capr != 0 {
        f2(
            out,
            T_CAPR,
            t.capr as u64,
            t.flags as u64 & (F_INITCAP | F_ALLCAPS) as u64,
        );
    }
}

/// The features of token `i` that depend on its neighbours, its position,
/// the gazetteer matches and the document.
pub(crate) fn context_features(
    toks: &[Tok],
    si: SentInfo,
    dt: &[DocTok],
    i: usize,
    out: &mut Vec<u64>,
) {
    let t = &toks[i];
    let n = toks.len();
    let lw = |k: isize| -> u64 {
        let j = i as isize + k;
        if j < 0 {
            PAD_BEFORE + (-j) as u64
        } else if j as usize >= n {
            PAD_AFTER + (j as usize - n) as u64
        } else {
            toks[j as usize].lower
        }
    };
    let ss = |k: isize| -> u64 {
        let j = i as isize + k;
        if j < 0 {
            PAD_BEFORE
        } else if j as usize >= n {
            PAD_AFTER
        } else {
            toks[j as usize].sshape
        }
    };
    let (wm1, wp1, wm2, wp2) = (lw(-1), lw(1), lw(-2), lw(2));
    f1(out, T_WM1, wm1);
    f1(out, T_WP1, wp1);
    f1(out, T_WM2, wm2);
    f1(out, T_WP2, wp2);
    f2(out, T_BM1, wm1, t.lower);
    f2(out, T_BP1, t.lower, wp1);
    f2(out, T_WM2_WM1, wm2, wm1);
    f2(out, T_WP1_WP2, wp1, wp2);
    f2(out, mix(T_WM1_W_WP1, wm1), t.lower, wp1);
    let (ssm1, ssp1) = (ss(-1), ss(1));
    f1(out, T_SSM1, ssm1);
    f1(out, T_SSP1, ssp1);
    f1(out, T_SSM2, ss(-2));
    f1(out, T_SSP2, ss(2));
    f2(out, mix(T_SS3, ssm1), t.sshape, ssp1);
    f2(out, T_WM1_SS, wm1, t.sshape);
    f2(out, T_SS_WP1, t.sshape, wp1);
    if i == 0 {
        f1(out, T_FIRST_SS, t.sshape);
    }
    if i > 0 && toks[i - 1].cluster != 0 {
        f1(out, T_CLM1, toks[i - 1].cluster as u64);
    }
    if i + 1 < n && toks[i + 1].cluster != 0 {
        f1(out, T_CLP1, toks[i + 1].cluster as u64);
    }
    if t.capr != 0 && (i == 0 || si.headline) {
        f2(out, T_CAPR_FIRST, t.capr as u64, si.headline as u64);
    }
    let mut g = t.gaz;
    while g != 0 {
        let b = g.trailing_zeros() as u64;
        g &= g - 1;
        f1(out, T_GAZ, b);
        f2(
            out,
            T_GAZ_CAP,
            b,
            (t.flags & (F_INITCAP | F_ALLCAPS)) as u64,
        );
    }
    if i > 0 {
        let mut g = toks[i - 1].gaz;
        while g != 0 {
            let b = g.trailing_zeros() as u64;
            g &= g - 1;
            f1(out, T_GAZM1, b);
        }
    }
    if i + 1 < n {
        let mut g = toks[i + 1].gaz;
        while g != 0 {
            let b = g.trailing_zeros() as u64;
            g &= g - 1;
            f1(out, T_GAZP1, b);
        }
    }
    let d = &dt[i];
    if d.cap_else {
        out.push(mix(T_DOC_CAP, 1));
        if i == 0 || si.headline {
            f1(out, T_DOC_CAP_FIRST, t.sshape);
        }
    }
    if d.low_else {
        f1(out, T_DOC_LOW, t.is_cap() as u64);
    }
}

/// The features of token `i` for the second pass, which adds its weights
/// to the first pass's scores: the first-pass labels around the token and
/// what the first pass said about the same word elsewhere in the document.
pub(crate) fn pass2_features(toks: &[Tok], dt: &[DocTok], i: usize, out: &mut Vec<u64>) {
    let t = &toks[i];
    let n = toks.len();
    let d = &dt[i];
    out.push(mix(T_BIAS, 1));
    f1(out, T_P2_W, t.lower);
    f1(
        out,
        T_P2_WM1,
        if i > 0 { toks[i - 1].lower } else { PAD_BEFORE },
    );
    f1(out, T_P2_SS, t.sshape);
    let s1m1 = if i > 0 { dt[i - 1].s1 as u64 } else { 99 };
    let s1p1 = if i + 1 < n { dt[i + 1].s1 as u64 } else { 99 };
    f1(out, T_S1, d.s1 as u64);
    f1(out, T_S1M1, s1m1);
    f1(out, T_S1P1, s1p1);
    f2(out, T_S1M1_SS, s1m1, t.sshape);
    let tot: u32 = d.others.iter().map(|&c| c as u32).sum();
    if tot > 0 {
        let mut maj = 0;
        for k in 0..5 {
            if d.others[k] > 0 {
                f1(out, T_OTH, k as u64);
            }
            if d.others[k] > d.others[maj] {
                maj = k;
            }
        }
        f1(out, T_OTH_MAJ, maj as u64);
        f2(out, T_OTH_MAJ_S1, maj as u64, d.s1 as u64);
        f2(out, T_OTH_MAJ_W, maj as u64, t.sshape);
    }
    if d.in_span != 0 {
        f1(out, T_INSPAN, d.in_span as u64);
        f2(out, T_INSPAN_S1, d.in_span as u64, d.s1 as u64);
    }
}
