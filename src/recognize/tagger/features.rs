//! Feature extraction for the NER tagger: token descriptors, gazetteer
//! matching, document context and the hashed feature templates.
//!
//! Every feature is a `u64` built by mixing a template id with precomputed
//! per-token hashes, so the hot path does no string formatting and no
//! per-feature allocation. `perceptron.rs` maps these hashes to weight rows;
//! `mod.rs` drives the two passes (pass 1: `token_features`; pass 2:
//! `pass2_features` from the pass-1 labels of the whole document). Training
//! uses those functions as they are; tagging uses exact decompositions of
//! them (word-intrinsic features, neighbour "role" features, pairs, and
//! small-domain features scored from dense tables), whose scores `mod.rs`
//! caches per word form. Unit tests check that the pieces add up to the
//! same feature multisets. The model's tables are in `table.rs`.

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

pub(crate) use super::table::HashTable;

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
        let mut table =
            HashTable::from_sorted(entries.iter().map(|e| (e.0, e.1 as u16))).unwrap_or_default();
        let mut prefixes =
            KeySet::from_sorted(prefixes.iter().map(|&k| (k, ()))).unwrap_or_default();
        // Most multi-word candidates are not phrases: reject them cheaply.
        // (The filters are saved with the model.)
        table.add_filter(8);
        prefixes.add_filter(12);
        Gazetteer {
            categories: cats,
            table,
            prefixes,
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
        let firsts: Vec<u32> = toks.iter().map(|t| self.first_word(t.lower)).collect();
        self.annotate_with(toks, &firsts);
    }

    /// What the gazetteer knows about the one-word phrase with lowercase
    /// hash `lower`: its category mask in the low 16 bits, and
    /// [`GAZ_PREFIX`] if longer phrases start with it. A pure function of
    /// the word, so callers may cache it.
    pub fn first_word(&self, lower: u64) -> u32 {
        if self.table.len() == 0 {
            return 0;
        }
        let h = mix(SEED_PHRASE, lower);
        let mut r = self.table.get(h).unwrap_or(0) as u32;
        if self.prefixes.get(h).is_some() {
            r |= GAZ_PREFIX;
        }
        r
    }

    /// [`Gazetteer::annotate`] given `first_word` of every token. Longer
    /// phrases are matched one length at a time for all starts together,
    /// so that their table lookups overlap their cache misses.
    pub fn annotate_with(&self, toks: &mut [Tok], firsts: &[u32]) {
        self.annotate_buf(toks, firsts, &mut GazBuf::default());
    }

    /// [`Gazetteer::annotate_with`] with caller-owned work space.
    pub fn annotate_buf(&self, toks: &mut [Tok], firsts: &[u32], buf: &mut GazBuf) {
        if self.table.len() == 0 || self.max_len == 0 {
            return;
        }
        let n = toks.len().min(firsts.len());
        let GazBuf {
            cand,
            next,
            hs,
            tmp,
            hit,
            pre,
        } = buf;
        cand.clear();
        for i in 0..n {
            if toks[i].flags & F_HASALPHA == 0 {
                continue;
            }
            let first = firsts[i];
            self.mark(toks, i, i, first & 0xFFFF);
            if first & GAZ_PREFIX != 0 {
                cand.push((i, mix(SEED_PHRASE, toks[i].lower)));
            }
        }
        // Phrases of `len` tokens starting at each surviving candidate.
        let mut len = 2;
        while !cand.is_empty() && len <= self.max_len {
            hs.clear();
            next.clear();
            for &(i, h) in cand.iter() {
                let j = i + len - 1;
                if j < n {
                    let h2 = mix(h, toks[j].lower);
                    hs.push(h2);
                    next.push((i, h2));
                }
            }
            self.table.find_many(hs, tmp, hit);
            self.prefixes.find_many(hs, tmp, pre);
            cand.clear();
            for (k, &(i, h2)) in next.iter().enumerate() {
                if let Some(&p) = hit.get(k).filter(|&&p| p != super::table::NONE) {
                    let mask = self.table.val(p as usize) as u32;
                    self.mark(toks, i, i + len - 1, mask);
                }
                if pre.get(k).is_some_and(|&p| p != super::table::NONE) {
                    cand.push((i, h2));
                }
            }
            len += 1;
        }
    }

    /// Set the bits of a phrase match `toks[i..=j]` with category `mask`.
    #[inline]
    fn mark(&self, toks: &mut [Tok], i: usize, j: usize, mask: u32) {
        // The categories in the mask, lowest first.
        let mut m = mask & ((1u32 << self.categories.len().min(MAX_GAZ_CATS)) - 1);
        while m != 0 {
            let c = m.trailing_zeros();
            m &= m - 1;
            let base = (c * 4) as u64;
            if i == j {
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
}

/// Work space for [`Gazetteer::annotate_buf`].
#[derive(Default, Debug)]
pub(crate) struct GazBuf {
    cand: Vec<(usize, u64)>,
    next: Vec<(usize, u64)>,
    hs: Vec<u64>,
    tmp: Vec<u32>,
    hit: Vec<u32>,
    pre: Vec<u32>,
}

/// Flag in [`Gazetteer::first_word`]: longer phrases start with the word.
pub(crate) const GAZ_PREFIX: u32 = 1 << 16;

/// Fast hash of a token's text (UTF-8 bytes, 8 at a time), the key of
/// per-word caches. Different strings collide with probability 2^-64.
#[inline]
pub(crate) fn str_key(s: &str) -> u64 {
    let b = s.as_bytes();
    let mut h = mix(0x51ED_27A3_9C1B_00A0, b.len() as u64);
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        h = mix(h, u64::from_le_bytes(a));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut a = [0u8; 8];
        a[..rest.len()].copy_from_slice(rest);
        h = mix(h, u64::from_le_bytes(a));
    }
    h
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

/// Number the distinct lowercase word hashes of a document densely:
/// `(ids, count)`, one id per token (pieces in order; tokens without
/// letters get an id too, unused). The `*_ids` functions below count per
/// id in plain arrays; the tagger keeps such ids in its word cache.
pub(crate) fn number_words(doc: &[(Vec<Tok>, SentInfo)]) -> (Vec<u32>, usize) {
    use std::collections::HashMap;
    let n: usize = doc.iter().map(|(t, _)| t.len()).sum();
    let mut map: HashMap<u64, u32, BuildMix> = HashMap::with_capacity_and_hasher(n, BuildMix::default());
    let mut ids = Vec::with_capacity(n);
    for (toks, _) in doc {
        for t in toks {
            let next = map.len() as u32;
            ids.push(*map.entry(t.lower).or_insert(next));
        }
    }
    (ids, map.len())
}

/// Compute `cap_else` / `low_else` for a document.
pub(crate) fn doc_case_info(doc: &[(Vec<Tok>, SentInfo)]) -> Vec<Vec<DocTok>> {
    let (ids, n) = number_words(doc);
    doc_case_info_ids(doc, &ids, &mut vec![(0, 0); n])
}

/// [`doc_case_info`] given [`number_words`]-style ids of the tokens;
/// `counts` (indexed by id) must be all zero and is left so.
pub(crate) fn doc_case_info_ids(
    doc: &[(Vec<Tok>, SentInfo)],
    ids: &[u32],
    counts: &mut [(u32, u32)],
) -> Vec<Vec<DocTok>> {
    // per word id: (cap non-initial count, lowercase count)
    let mut j = 0;
    for (toks, si) in doc {
        let first = j;
        j += toks.len();
        if si.headline {
            continue;
        }
        for (i, (t, &id)) in toks.iter().zip(ids.get(first..).unwrap_or(&[])).enumerate() {
            if t.flags & F_HASALPHA == 0 {
                continue;
            }
            let Some(e) = counts.get_mut(id as usize) else {
                continue;
            };
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
    let mut j = 0;
    let out = doc
        .iter()
        .map(|(toks, si)| {
            let first = j;
            j += toks.len();
            let tids = ids.get(first..).unwrap_or(&[]);
            toks.iter()
                .enumerate()
                .map(|(i, t)| {
                    let mut d = DocTok::default();
                    if t.flags & F_HASALPHA != 0 {
                        if let Some(&(c, l)) = tids.get(i).and_then(|&id| counts.get(id as usize)) {
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
        .collect();
    for &id in ids {
        if let Some(e) = counts.get_mut(id as usize) {
            *e = (0, 0);
        }
    }
    out
}

/// Fill the pass-1 fields of `DocTok` from pass-1 labels.
/// `labels[s][i]` is a BILOU label index (see `perceptron`).
pub(crate) fn doc_pass1_info(
    doc: &[(Vec<Tok>, SentInfo)],
    labels: &[Vec<u8>],
    dt: &mut [Vec<DocTok>],
) {
    let (ids, n) = number_words(doc);
    let mut buf = Pass1Buf::default();
    buf.counts.resize(n, [0; 5]);
    buf.spans.resize(n, (0, 0));
    pass1_info(
        doc,
        |s| labels.get(s).map_or(&[][..], |l| &l[..]),
        &ids,
        &mut buf,
        dt,
    )
}

/// Work arrays of [`doc_pass1_info_ids`], indexed by word id: all zero
/// between calls.
#[derive(Default, Debug)]
pub(crate) struct Pass1Buf {
    counts: Vec<[u32; 5]>,
    spans: Vec<(usize, u8)>,
}

impl Pass1Buf {
    /// Make room for ids below `n`.
    pub fn reserve_ids(&mut self, n: usize) {
        if self.counts.len() < n {
            self.counts.resize(n, [0; 5]);
            self.spans.resize(n, (0, 0));
        }
    }
}

/// [`doc_pass1_info`] with the labels of all sentences in one array
/// (sentence `s` has `labels[starts[s]..starts[s + 1]]`) and
/// [`number_words`]-style ids of the tokens (`buf` must have room for them).
pub(crate) fn doc_pass1_info_ids(
    doc: &[(Vec<Tok>, SentInfo)],
    labels: &[u8],
    starts: &[usize],
    ids: &[u32],
    buf: &mut Pass1Buf,
    dt: &mut [Vec<DocTok>],
) {
    pass1_info(
        doc,
        |s| match (starts.get(s), starts.get(s + 1)) {
            (Some(&a), Some(&b)) => labels.get(a..b).unwrap_or(&[]),
            _ => &[],
        },
        ids,
        buf,
        dt,
    )
}

fn pass1_info<'a>(
    doc: &[(Vec<Tok>, SentInfo)],
    labels: impl Fn(usize) -> &'a [u8],
    ids: &[u32],
    buf: &mut Pass1Buf,
    dt: &mut [Vec<DocTok>],
) {
    use super::perceptron::{spans_into, type_of};
    let Pass1Buf { counts, spans } = buf;
    let mut found = Vec::new();
    let mut j = 0;
    for (k, (toks, _)) in doc.iter().enumerate() {
        let labs = labels(k);
        let tids = ids.get(j..).unwrap_or(&[]);
        j += toks.len();
        for ((t, &l), &id) in toks.iter().zip(labs).zip(tids) {
            if t.flags & F_HASALPHA == 0 {
                continue;
            }
            if let Some(c) = counts.get_mut(id as usize) {
                c[type_of(l) as usize] += 1;
            }
        }
        spans_into(labs, &mut found);
        for &(s, e, ty) in &found {
            for (t, &id) in toks.get(s..e).unwrap_or(&[]).iter().zip(tids.get(s..).unwrap_or(&[])) {
                if t.flags & F_HASALPHA == 0 || t.flags & F_INITCAP == 0 {
                    continue;
                }
                if let Some(ent) = spans.get_mut(id as usize) {
                    if e - s > ent.0 {
                        *ent = (e - s, ty);
                    }
                }
            }
        }
    }
    let mut j = 0;
    for (k, ((toks, _), dts)) in doc.iter().zip(dt.iter_mut()).enumerate() {
        let labs = labels(k);
        let tids = ids.get(j..).unwrap_or(&[]);
        j += toks.len();
        for (((t, &l), d), &id) in toks.iter().zip(labs).zip(dts.iter_mut()).zip(tids) {
            d.s1 = l;
            if t.flags & F_HASALPHA == 0 {
                continue;
            }
            if let Some(c) = counts.get(id as usize) {
                let mut c = *c;
                c[type_of(l) as usize] = c[type_of(l) as usize].saturating_sub(1);
                for (o, &x) in d.others.iter_mut().zip(&c) {
                    *o = x.min(255) as u8;
                }
            }
            if let Some(&(len, ty)) = spans.get(id as usize) {
                if len > 0 {
                    d.in_span = ty;
                }
            }
        }
    }
    for &id in ids {
        if let Some(c) = counts.get_mut(id as usize) {
            *c = [0; 5];
        }
        if let Some(e) = spans.get_mut(id as usize) {
            *e = (0, 0);
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
        headline_features(t, out);
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

/// The features [`intrinsic_features`] adds in a headline.
pub(crate) fn headline_features(t: &Tok, out: &mut Vec<u64>) {
    f1(out, T_HEAD_W, t.lower);
    f1(out, T_HEAD_SS, t.sshape);
}

/// The lower-cased word `k` tokens from `i`, or a padding value that says
/// how far outside the sentence it falls.
fn neighbour_word(toks: &[Tok], i: usize, k: isize) -> u64 {
    let n = toks.len();
    let j = i as isize + k;
    if j < 0 {
        PAD_BEFORE + (-j) as u64
    } else if j as usize >= n {
        PAD_AFTER + (j as usize - n) as u64
    } else {
        toks[j as usize].lower
    }
}

/// The short shape of the token `k` from `i`, or padding outside the sentence.
fn neighbour_shape(toks: &[Tok], i: usize, k: isize) -> u64 {
    let j = i as isize + k;
    if j < 0 {
        PAD_BEFORE
    } else if j as usize >= toks.len() {
        PAD_AFTER
    } else {
        toks[j as usize].sshape
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
    let lw = |k: isize| neighbour_word(toks, i, k);
    let ss = |k: isize| neighbour_shape(toks, i, k);
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

/// How a token relates to the token whose features it feeds: one before
/// it, one after, two before, two after. [`context_features`] equals the
/// [`role_features`] of the (up to) four neighbours, or
/// [`pad_role_features`] past the sentence edges, plus
/// [`pair_features`]; the tagger caches each word's role scores.
pub(crate) const ROLE_M1: usize = 0;
pub(crate) const ROLE_P1: usize = 1;
pub(crate) const ROLE_M2: usize = 2;
pub(crate) const ROLE_P2: usize = 3;

/// The features that neighbour `t` gives the token `role` away from it.
// The tagger uses split forms of this; the tests check them against it.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn role_features(t: &Tok, role: usize, out: &mut Vec<u64>) {
    match role {
        ROLE_M1 => {
            f1(out, T_WM1, t.lower);
            f1(out, T_SSM1, t.sshape);
            if t.cluster != 0 {
                f1(out, T_CLM1, t.cluster as u64);
            }
        }
        ROLE_P1 => {
            f1(out, T_WP1, t.lower);
            f1(out, T_SSP1, t.sshape);
            if t.cluster != 0 {
                f1(out, T_CLP1, t.cluster as u64);
            }
        }
        ROLE_M2 => {
            f1(out, T_WM2, t.lower);
            f1(out, T_SSM2, t.sshape);
        }
        _ => {
            f1(out, T_WP2, t.lower);
            f1(out, T_SSP2, t.sshape);
        }
    }
}

/// [`role_features`] of the padding `dist` (≥ 1) positions outside the
/// sentence: before it for `ROLE_M*`, after it for `ROLE_P*`.
pub(crate) fn pad_role_features(role: usize, dist: usize, out: &mut Vec<u64>) {
    let before = PAD_BEFORE + dist as u64;
    let after = PAD_AFTER + dist.saturating_sub(1) as u64;
    match role {
        ROLE_M1 => {
            f1(out, T_WM1, before);
            f1(out, T_SSM1, PAD_BEFORE);
        }
        ROLE_P1 => {
            f1(out, T_WP1, after);
            f1(out, T_SSP1, PAD_AFTER);
        }
        ROLE_M2 => {
            f1(out, T_WM2, before);
            f1(out, T_SSM2, PAD_BEFORE);
        }
        _ => {
            f1(out, T_WP2, after);
            f1(out, T_SSP2, PAD_AFTER);
        }
    }
}

/// The features of [`context_features`] not covered by the neighbours'
/// [`role_features`]: word and shape combinations, position, gazetteer and
/// document features.
// The tagger uses split forms of this; the tests check them against it.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn pair_features(
    toks: &[Tok],
    si: SentInfo,
    dt: &[DocTok],
    i: usize,
    out: &mut Vec<u64>,
) {
    let t = &toks[i];
    let lw = |k: isize| neighbour_word(toks, i, k);
    let ss = |k: isize| neighbour_shape(toks, i, k);
    let (wm1, wp1, wm2, wp2) = (lw(-1), lw(1), lw(-2), lw(2));
    f2(out, T_BM1, wm1, t.lower);
    f2(out, T_BP1, t.lower, wp1);
    f2(out, T_WM2_WM1, wm2, wm1);
    f2(out, T_WP1_WP2, wp1, wp2);
    f2(out, mix(T_WM1_W_WP1, wm1), t.lower, wp1);
    let (ssm1, ssp1) = (ss(-1), ss(1));
    f2(out, mix(T_SS3, ssm1), t.sshape, ssp1);
    f2(out, T_WM1_SS, wm1, t.sshape);
    f2(out, T_SS_WP1, t.sshape, wp1);
    if i == 0 {
        f1(out, T_FIRST_SS, t.sshape);
    }
    if t.capr != 0 && (i == 0 || si.headline) {
        f2(out, T_CAPR_FIRST, t.capr as u64, si.headline as u64);
    }
    if dt[i].cap_else && (i == 0 || si.headline) {
        f1(out, T_DOC_CAP_FIRST, t.sshape);
    }
}

/// Number of small-domain pass-1 features (see [`small1_features`]).
pub(crate) const N_SMALL1: usize = 451;

/// The hash key of small pass-1 feature `idx` (< [`N_SMALL1`]): gazetteer
/// bit `b` of the token (`b`), with its capitalisation (`64 + 4b + cap`),
/// of the previous (`320 + b`) and next token (`384 + b`); the document
/// case features (448, 449 + is_cap).
pub(crate) fn small1_key(idx: usize) -> u64 {
    let v = |a: usize| a as u64;
    match idx {
        0..=63 => mix(T_GAZ, v(idx)),
        64..=319 => mix(mix(T_GAZ_CAP, v((idx - 64) / 4)), v((idx - 64) % 4)),
        320..=383 => mix(T_GAZM1, v(idx - 320)),
        384..=447 => mix(T_GAZP1, v(idx - 384)),
        448 => mix(T_DOC_CAP, 1),
        _ => mix(T_DOC_LOW, v(idx.saturating_sub(449))),
    }
}

/// The rest of [`context_features`] beyond [`pair_features`]: features
/// whose values come from small domains, as indices into a dense table of
/// [`small1_key`] scores.
pub(crate) fn small1_features(toks: &[Tok], dt: &[DocTok], i: usize, out: &mut Vec<u16>) {
    let t = &toks[i];
    let n = toks.len();
    let cap = (t.flags & (F_INITCAP | F_ALLCAPS)) as u16;
    let mut g = t.gaz;
    while g != 0 {
        let b = g.trailing_zeros() as u16;
        g &= g - 1;
        out.push(b);
        out.push(64 + 4 * b + cap);
    }
    if i > 0 {
        let mut g = toks[i - 1].gaz;
        while g != 0 {
            let b = g.trailing_zeros() as u16;
            g &= g - 1;
            out.push(320 + b);
        }
    }
    if i + 1 < n {
        let mut g = toks[i + 1].gaz;
        while g != 0 {
            let b = g.trailing_zeros() as u16;
            g &= g - 1;
            out.push(384 + b);
        }
    }
    let d = &dt[i];
    if d.cap_else {
        out.push(448);
    }
    if d.low_else {
        out.push(449 + t.is_cap() as u16);
    }
}

/// Number of small-domain pass-2 features (see [`small2_features`]).
pub(crate) const N_SMALL2: usize = 1 + 3 * 100 + 5 + 5 + 5 * 100 + 5 + 5 * 100;

/// The hash key of small pass-2 feature `idx` (< [`N_SMALL2`]), laid out
/// as [`small2_features`] emits them.
pub(crate) fn small2_key(idx: usize) -> u64 {
    let v = |a: usize| a as u64;
    match idx {
        0 => mix(T_BIAS, 1),
        1..=100 => mix(T_S1, v(idx - 1)),
        101..=200 => mix(T_S1M1, v(idx - 101)),
        201..=300 => mix(T_S1P1, v(idx - 201)),
        301..=305 => mix(T_OTH, v(idx - 301)),
        306..=310 => mix(T_OTH_MAJ, v(idx - 306)),
        311..=810 => mix(
            mix(T_OTH_MAJ_S1, v((idx - 311) / 100)),
            v((idx - 311) % 100),
        ),
        811..=815 => mix(T_INSPAN, v(idx - 811)),
        _ => {
            let j = idx.saturating_sub(816);
            mix(mix(T_INSPAN_S1, v(j / 100)), v(j % 100))
        }
    }
}

/// The pass-2 features of a word on its own ([`pass2_features`] has them).
// The tagger uses split forms of this; the tests check them against it.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn pass2_word_features(t: &Tok, out: &mut Vec<u64>) {
    f1(out, T_P2_W, t.lower);
    f1(out, T_P2_SS, t.sshape);
}

/// The pass-2 feature a word gives the next token (`None`: the padding
/// before the sentence).
pub(crate) fn pass2_m1_features(t: Option<&Tok>, out: &mut Vec<u64>) {
    f1(out, T_P2_WM1, t.map_or(PAD_BEFORE, |t| t.lower));
}

/// [`pass2_features`] without [`pass2_word_features`] and
/// [`pass2_m1_features`], split in three: features with small value
/// domains as [`small2_key`] indices in `small`, the ones that pair a
/// small value with the token's short shape as [`shape_slot_key`] slots in
/// `slots`, and the others as hash keys in `out`. Labels are < 99 (99 is
/// the padding label).
pub(crate) fn pass2_features_split(
    toks: &[Tok],
    dt: &[DocTok],
    i: usize,
    out: &mut Vec<u64>,
    small: &mut Vec<u16>,
    slots: &mut Vec<u8>,
) {
    let t = &toks[i];
    let n = toks.len();
    let d = &dt[i];
    if d.s1 > 98 || (i > 0 && dt[i - 1].s1 > 98) || (i + 1 < n && dt[i + 1].s1 > 98) {
        // Out of the dense domain (never for real labels): hash the rest.
        small.push(0);
        let mut all = Vec::new();
        pass2_features(toks, dt, i, &mut all);
        out.extend(all.iter().skip(4));
        return;
    }
    let s1 = d.s1 as u16;
    let s1m1 = if i > 0 { dt[i - 1].s1 as u64 } else { 99 };
    let s1p1 = if i + 1 < n { dt[i + 1].s1 as u64 } else { 99 };
    small.extend_from_slice(&[0, 1 + s1, 101 + s1m1 as u16, 201 + s1p1 as u16]);
    match s1m1_slot(s1m1) {
        Some(sl) => slots.push(sl),
        None => f2(out, T_S1M1_SS, s1m1, t.sshape),
    }
    let tot: u32 = d.others.iter().map(|&c| c as u32).sum();
    if tot > 0 {
        let mut maj = 0;
        for k in 0..5 {
            if d.others[k] > 0 {
                small.push(301 + k as u16);
            }
            if d.others[k] > d.others[maj] {
                maj = k;
            }
        }
        small.push(306 + maj as u16);
        small.push(311 + maj as u16 * 100 + s1);
        slots.push((SS_OTH_MAJ + maj) as u8);
    }
    if d.in_span != 0 {
        if d.in_span < 5 {
            small.push(811 + d.in_span as u16);
            small.push(816 + d.in_span as u16 * 100 + s1);
        } else {
            f1(out, T_INSPAN, d.in_span as u64);
            f2(out, T_INSPAN_S1, d.in_span as u64, d.s1 as u64);
        }
    }
}

// Shape slots: the features whose only token-dependent input is one
// token's short shape (`Tok::sshape`, a small domain), so a tagger can look
// them up once per shape. Slots below `SHAPE_PASS2` are pass-1 features,
// the others pass-2 ones.
/// `T_SS`: the token's own shape.
pub(crate) const SS_SS: usize = 0;
/// `T_HEAD_SS`: the shape in a headline.
pub(crate) const SS_HEAD: usize = 1;
/// `T_SSM1`, `T_SSP1`, `T_SSM2`, `T_SSP2` at `SS_ROLE + role`: the shape a
/// neighbour gives the token `role` away from it.
pub(crate) const SS_ROLE: usize = 2;
/// `T_FIRST_SS`: the shape of a sentence's first token.
pub(crate) const SS_FIRST: usize = 6;
/// `T_DOC_CAP_FIRST`.
pub(crate) const SS_DOC_CAP_FIRST: usize = 7;
/// First pass-2 slot: `T_P2_SS`.
pub(crate) const SHAPE_PASS2: usize = 8;
pub(crate) const SS_P2: usize = 8;
/// `T_S1M1_SS` for previous pass-1 labels 0..=16 (`+ label`) and the
/// padding label 99 (`+ 17`).
pub(crate) const SS_S1M1: usize = 9;
/// `T_OTH_MAJ_W` for majority types 0..5 (`+ type`).
pub(crate) const SS_OTH_MAJ: usize = 27;
pub(crate) const N_SHAPE_SLOTS: usize = 32;

/// The slot of `T_S1M1_SS` for previous label `s1m1`, if it has one.
#[inline]
fn s1m1_slot(s1m1: u64) -> Option<u8> {
    match s1m1 {
        0..=16 => Some((SS_S1M1 as u64 + s1m1) as u8),
        99 => Some((SS_S1M1 + 17) as u8),
        _ => None,
    }
}

/// The hash key of shape slot `slot` (< [`N_SHAPE_SLOTS`]) for short shape
/// `ss`.
pub(crate) fn shape_slot_key(ss: u64, slot: usize) -> u64 {
    let mut o = Vec::with_capacity(1);
    match slot {
        SS_SS => f1(&mut o, T_SS, ss),
        SS_HEAD => f1(&mut o, T_HEAD_SS, ss),
        2 => f1(&mut o, T_SSM1, ss),
        3 => f1(&mut o, T_SSP1, ss),
        4 => f1(&mut o, T_SSM2, ss),
        5 => f1(&mut o, T_SSP2, ss),
        SS_FIRST => f1(&mut o, T_FIRST_SS, ss),
        SS_DOC_CAP_FIRST => f1(&mut o, T_DOC_CAP_FIRST, ss),
        SS_P2 => f1(&mut o, T_P2_SS, ss),
        9..=26 => {
            let l = slot - SS_S1M1;
            f2(&mut o, T_S1M1_SS, if l == 17 { 99 } else { l as u64 }, ss)
        }
        _ => f2(&mut o, T_OTH_MAJ_W, slot.saturating_sub(SS_OTH_MAJ) as u64, ss),
    }
    o[0]
}

/// Number of small-domain word features (see [`word_small_key`]).
pub(crate) const N_WORD_SMALL: usize = 1 + N_FLAGS as usize + 13 + 32;

/// The hash key of small word feature `idx` (< [`N_WORD_SMALL`]): the bias
/// (0), flag bit `b` (`1 + b`), length `l` (`13 + l`, l ≤ 12) and the
/// capitalisation-ratio bucket `c` < 8 with the token's capitalisation
/// bits `cap` (`26 + 4c + cap`).
pub(crate) fn word_small_key(idx: usize) -> u64 {
    let v = |a: usize| a as u64;
    let nf = N_FLAGS as usize;
    match idx {
        0 => mix(T_BIAS, 0),
        i if i <= nf => mix(T_FLAG + v(i - 1), 1),
        i if i <= nf + 13 => mix(T_LEN, v(i - 1 - nf)),
        i => {
            let j = i - 14 - nf;
            mix(mix(T_CAPR, v(j / 4)), v(j % 4))
        }
    }
}

/// [`intrinsic_features`] outside a headline, split: small-domain features
/// as [`word_small_key`] indices in `small`, the rest as hash keys in `out`
/// except `T_SS`, which is shape slot [`SS_SS`].
pub(crate) fn intrinsic_split(t: &Tok, out: &mut Vec<u64>, small: &mut Vec<u16>) {
    let nf = N_FLAGS as u16;
    small.push(0);
    f1(out, T_W, t.lower);
    f1(out, T_WX, t.exact);
    f1(out, T_SH, t.shape);
    for k in 0..4 {
        if t.pre[k] != 0 {
            f1(out, T_PRE + k as u64, t.pre[k]);
            f1(out, T_SUF + k as u64, t.suf[k]);
        }
    }
    for b in 0..N_FLAGS {
        if t.flags & (1 << b) != 0 {
            small.push(1 + b as u16);
        }
    }
    small.push(1 + nf + (t.len as u16).min(12));
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
        let cap = (t.flags & (F_INITCAP | F_ALLCAPS)) as u16;
        if t.capr < 8 {
            small.push(14 + nf + 4 * t.capr as u16 + cap);
        } else {
            f2(out, T_CAPR, t.capr as u64, cap as u64);
        }
    }
}

/// [`headline_features`] without `T_HEAD_SS` (shape slot [`SS_HEAD`]).
pub(crate) fn headline_split(t: &Tok, out: &mut Vec<u64>) {
    f1(out, T_HEAD_W, t.lower);
}

/// [`role_features`] without the shape feature (shape slot
/// `SS_ROLE + role`).
pub(crate) fn role_split(t: &Tok, role: usize, out: &mut Vec<u64>) {
    let (tw, tc) = match role {
        ROLE_M1 => (T_WM1, Some(T_CLM1)),
        ROLE_P1 => (T_WP1, Some(T_CLP1)),
        ROLE_M2 => (T_WM2, None),
        _ => (T_WP2, None),
    };
    f1(out, tw, t.lower);
    if let Some(tc) = tc {
        if t.cluster != 0 {
            f1(out, tc, t.cluster as u64);
        }
    }
}

/// [`pass2_word_features`] without `T_P2_SS` (shape slot [`SS_P2`]).
pub(crate) fn pass2_word_split(t: &Tok, out: &mut Vec<u64>) {
    f1(out, T_P2_W, t.lower);
}

/// The shape-trigram feature of [`pair_features`] from the short shapes of
/// the previous token, the token and the next one (`PAD_*` outside the
/// sentence: see [`shape_pad`]).
#[inline]
pub(crate) fn ss3_key(ssm1: u64, ss: u64, ssp1: u64) -> u64 {
    mix(mix(mix(T_SS3, ssm1), ss), ssp1)
}

/// The short shape [`pair_features`] uses for the neighbour outside the
/// sentence, before it or after it.
pub(crate) fn shape_pad(before: bool) -> u64 {
    if before {
        PAD_BEFORE
    } else {
        PAD_AFTER
    }
}

/// [`pair_features`] without the shape trigram ([`ss3_key`]), which a
/// tagger caches by shape, as hash keys in `out`, except the shape
/// features of sentence-initial and headline tokens, which are shape slots
/// of the token in `slots`.
pub(crate) fn pair_split(
    toks: &[Tok],
    si: SentInfo,
    dt: &[DocTok],
    i: usize,
    out: &mut Vec<u64>,
    slots: &mut Vec<u8>,
) {
    let t = &toks[i];
    let n = toks.len();
    // As `neighbour_word` gives them.
    let wm1 = if i >= 1 { toks[i - 1].lower } else { PAD_BEFORE + 1 };
    let wm2 = if i >= 2 { toks[i - 2].lower } else { PAD_BEFORE + (2 - i) as u64 };
    let wp1 = match toks.get(i + 1) {
        Some(x) => x.lower,
        None => PAD_AFTER + (i + 1 - n) as u64,
    };
    let wp2 = match toks.get(i + 2) {
        Some(x) => x.lower,
        None => PAD_AFTER + (i + 2 - n) as u64,
    };
    let w = t.lower;
    out.extend_from_slice(&[
        mix(mix(T_BM1, wm1), w),
        mix(mix(T_BP1, w), wp1),
        mix(mix(T_WM2_WM1, wm2), wm1),
        mix(mix(T_WP1_WP2, wp1), wp2),
        mix(mix(mix(T_WM1_W_WP1, wm1), w), wp1),
        mix(mix(T_WM1_SS, wm1), t.sshape),
        mix(mix(T_SS_WP1, t.sshape), wp1),
    ]);
    if i == 0 {
        slots.push(SS_FIRST as u8);
    }
    if t.capr != 0 && (i == 0 || si.headline) {
        f2(out, T_CAPR_FIRST, t.capr as u64, si.headline as u64);
    }
    if dt[i].cap_else && (i == 0 || si.headline) {
        slots.push(SS_DOC_CAP_FIRST as u8);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Sentences in the style of news copy, with gazetteer hits, a
    /// headline, clusters and document-level case information.
    fn doc() -> (Vec<(Vec<Tok>, SentInfo)>, Vec<Vec<DocTok>>) {
        let gaz = Gazetteer::from_lists(&[
            ("city".into(), vec!["New York".into(), "Geneva".into()]),
            ("first".into(), vec!["Maria".into(), "New".into()]),
        ]);
        let words = HashTable::from_sorted(
            [
                (lower_hash("said"), [1u8, 3]),
                (lower_hash("maria"), [5, 0]),
                (lower_hash("geneva"), [9, 0]),
            ]
            .into_iter()
            .collect::<std::collections::BTreeMap<_, _>>()
            .into_iter(),
        )
        .unwrap();
        let mut buf = Vec::new();
        let sents = [
            "Maria Lopez said in New York on Monday that talks in Geneva would resume .",
            "GENEVA TALKS RESUME",
            "Lopez said so .",
            "x",
        ];
        let mut prep = Vec::new();
        for s in sents {
            let mut t: Vec<Tok> = s
                .split(' ')
                .map(|w| make_tok(w, &words, &mut buf))
                .collect();
            gaz.annotate(&mut t);
            let si = sent_info(&t);
            prep.push((t, si));
        }
        let mut dt = doc_case_info(&prep);
        let labels: Vec<Vec<u8>> = prep
            .iter()
            .map(|(t, _)| {
                (0..t.len())
                    .map(|i| [1u8, 3, 0, 12, 0, 16][i % 6])
                    .collect()
            })
            .collect();
        doc_pass1_info(&prep, &labels, &mut dt);
        (prep, dt)
    }

    #[test]
    fn doc_counts_do_not_depend_on_word_numbering() {
        let (prep, dt) = doc();
        // Sparse, reversed ids, as a long-lived word cache hands them out.
        let (ids, n) = number_words(&prep);
        let ids2: Vec<u32> = ids.iter().map(|&i| (n as u32 - 1 - i) * 3 + 2).collect();
        let n2 = n * 3 + 2;
        let mut counts = vec![(0, 0); n2];
        let mut dt2 = doc_case_info_ids(&prep, &ids2, &mut counts);
        assert!(counts.iter().all(|&c| c == (0, 0)), "counts are reset");
        let mut flat = Vec::new();
        let mut starts = vec![0];
        for (t, _) in &prep {
            flat.extend((0..t.len()).map(|i| [1u8, 3, 0, 12, 0, 16][i % 6]));
            starts.push(flat.len());
        }
        let mut buf = Pass1Buf::default();
        buf.reserve_ids(n2);
        doc_pass1_info_ids(&prep, &flat, &starts, &ids2, &mut buf, &mut dt2);
        assert_eq!(format!("{dt:?}"), format!("{dt2:?}"));
        assert!(buf.counts.iter().all(|c| *c == [0; 5]) && buf.spans.iter().all(|s| *s == (0, 0)));
        let all: Vec<&DocTok> = dt.iter().flatten().collect();
        assert!(all.iter().any(|d| d.cap_else) && all.iter().any(|d| d.low_else));
        assert!(all.iter().any(|d| d.in_span != 0) && all.iter().any(|d| d.others.iter().any(|&c| c > 0)));
    }

    fn sorted(mut v: Vec<u64>) -> Vec<u64> {
        v.sort_unstable();
        v
    }

    #[test]
    fn context_features_split_into_roles_pairs_and_small_ones() {
        let (prep, dt) = doc();
        assert!(prep[0].0.iter().any(|t| t.gaz != 0));
        for ((toks, si), d) in prep.iter().zip(&dt) {
            let n = toks.len();
            for i in 0..n {
                let mut whole = Vec::new();
                context_features(toks, *si, d, i, &mut whole);
                let mut parts = Vec::new();
                for (role, j) in [
                    (ROLE_M1, i as isize - 1),
                    (ROLE_P1, i as isize + 1),
                    (ROLE_M2, i as isize - 2),
                    (ROLE_P2, i as isize + 2),
                ] {
                    if j < 0 {
                        pad_role_features(role, (-j) as usize, &mut parts);
                    } else if j as usize >= n {
                        pad_role_features(role, j as usize - n + 1, &mut parts);
                    } else {
                        role_features(&toks[j as usize], role, &mut parts);
                    }
                }
                pair_features(toks, *si, d, i, &mut parts);
                let mut small = Vec::new();
                small1_features(toks, d, i, &mut small);
                assert!(small.iter().all(|&x| (x as usize) < N_SMALL1));
                parts.extend(small.iter().map(|&x| small1_key(x as usize)));
                assert_eq!(sorted(whole), sorted(parts), "token {i}");
            }
        }
    }

    #[test]
    fn pass2_and_headline_features_split_exactly() {
        let (prep, dt) = doc();
        for ((toks, si), d) in prep.iter().zip(&dt) {
            for i in 0..toks.len() {
                let mut whole = Vec::new();
                pass2_features(toks, d, i, &mut whole);
                let mut parts = Vec::new();
                pass2_word_features(&toks[i], &mut parts);
                pass2_m1_features(i.checked_sub(1).map(|j| &toks[j]), &mut parts);
                let (mut small, mut slots) = (Vec::new(), Vec::new());
                pass2_features_split(toks, d, i, &mut parts, &mut small, &mut slots);
                assert!(small.iter().all(|&x| (x as usize) < N_SMALL2));
                parts.extend(small.iter().map(|&x| small2_key(x as usize)));
                assert!(slots.iter().all(|&x| (SHAPE_PASS2..N_SHAPE_SLOTS).contains(&(x as usize))));
                parts.extend(slots.iter().map(|&x| shape_slot_key(toks[i].sshape, x as usize)));
                assert_eq!(sorted(whole), sorted(parts), "token {i}");

                let mut head = Vec::new();
                intrinsic_features(&toks[i], SentInfo { headline: true }, &mut head);
                let mut plain = Vec::new();
                intrinsic_features(&toks[i], SentInfo { headline: false }, &mut plain);
                headline_features(&toks[i], &mut plain);
                assert_eq!(sorted(head), sorted(plain));
            }
            let _ = si;
        }
        // Out-of-range labels fall back to hashing, with the same result.
        let (prep, mut dt) = doc();
        dt[0][1].s1 = 200;
        let toks = &prep[0].0;
        for i in 0..3 {
            let mut whole = Vec::new();
            pass2_features(toks, &dt[0], i, &mut whole);
            let mut parts = Vec::new();
            pass2_word_features(&toks[i], &mut parts);
            pass2_m1_features(i.checked_sub(1).map(|j| &toks[j]), &mut parts);
            let (mut small, mut slots) = (Vec::new(), Vec::new());
            pass2_features_split(toks, &dt[0], i, &mut parts, &mut small, &mut slots);
            parts.extend(small.iter().map(|&x| small2_key(x as usize)));
            parts.extend(slots.iter().map(|&x| shape_slot_key(toks[i].sshape, x as usize)));
            assert_eq!(sorted(whole), sorted(parts), "token {i}");
        }
    }

    #[test]
    fn word_features_split_into_hashes_small_ones_and_shape_slots() {
        let (prep, _) = doc();
        let toks: Vec<&Tok> = prep.iter().flat_map(|(t, _)| t.iter()).collect();
        assert!(toks.iter().any(|t| t.cluster != 0) && toks.iter().any(|t| t.capr >= 8));
        assert!(toks.iter().any(|t| t.capr > 0 && t.capr < 8));
        for t in toks {
            let mut whole = Vec::new();
            intrinsic_features(t, SentInfo { headline: false }, &mut whole);
            let (mut parts, mut small) = (Vec::new(), Vec::new());
            intrinsic_split(t, &mut parts, &mut small);
            assert!(small.iter().all(|&x| (x as usize) < N_WORD_SMALL));
            parts.extend(small.iter().map(|&x| word_small_key(x as usize)));
            parts.push(shape_slot_key(t.sshape, SS_SS));
            assert_eq!(sorted(whole), sorted(parts));

            let mut whole = Vec::new();
            headline_features(t, &mut whole);
            let mut parts = vec![shape_slot_key(t.sshape, SS_HEAD)];
            headline_split(t, &mut parts);
            assert_eq!(sorted(whole), sorted(parts));

            for role in 0..4 {
                let mut whole = Vec::new();
                role_features(t, role, &mut whole);
                let mut parts = vec![shape_slot_key(t.sshape, SS_ROLE + role)];
                role_split(t, role, &mut parts);
                assert_eq!(sorted(whole), sorted(parts), "role {role}");
            }

            let mut whole = Vec::new();
            pass2_word_features(t, &mut whole);
            let mut parts = vec![shape_slot_key(t.sshape, SS_P2)];
            pass2_word_split(t, &mut parts);
            assert_eq!(sorted(whole), sorted(parts));
        }
        // Every slot key is distinct from every other for one shape.
        let keys: std::collections::HashSet<u64> =
            (0..N_SHAPE_SLOTS).map(|k| shape_slot_key(42, k)).collect();
        assert_eq!(keys.len(), N_SHAPE_SLOTS);
        let keys: std::collections::HashSet<u64> = (0..N_WORD_SMALL).map(word_small_key).collect();
        assert_eq!(keys.len(), N_WORD_SMALL);
    }

    #[test]
    fn pair_features_split_into_shape_trigram_slots_and_rest() {
        let (prep, dt) = doc();
        let mut with_slots = 0;
        for ((toks, si), d) in prep.iter().zip(&dt) {
            let n = toks.len();
            for i in 0..n {
                let mut whole = Vec::new();
                pair_features(toks, *si, d, i, &mut whole);
                let ssm1 = if i == 0 { shape_pad(true) } else { toks[i - 1].sshape };
                let ssp1 = if i + 1 == n { shape_pad(false) } else { toks[i + 1].sshape };
                let mut parts = vec![ss3_key(ssm1, toks[i].sshape, ssp1)];
                let mut slots = Vec::new();
                pair_split(toks, *si, d, i, &mut parts, &mut slots);
                assert!(slots.iter().all(|&x| (x as usize) < SHAPE_PASS2));
                with_slots += slots.len();
                parts.extend(slots.iter().map(|&x| shape_slot_key(toks[i].sshape, x as usize)));
                assert_eq!(sorted(whole), sorted(parts), "token {i}");
            }
        }
        assert!(with_slots > prep.len(), "first tokens and a headline");
    }

    #[test]
    fn cached_gazetteer_lookups_match_plain_annotation() {
        let gaz = Gazetteer::from_lists(&[
            ("city".into(), vec!["New York".into(), "York".into()]),
            ("org".into(), vec!["New York Times".into()]),
        ]);
        let words = HashTable::default();
        let mut buf = Vec::new();
        let mut a: Vec<Tok> = "the New York Times said York"
            .split(' ')
            .map(|w| make_tok(w, &words, &mut buf))
            .collect();
        let mut b = a.clone();
        gaz.annotate(&mut a);
        let firsts: Vec<u32> = b.iter().map(|t| gaz.first_word(t.lower)).collect();
        assert!(firsts[1] & GAZ_PREFIX != 0 && firsts[5] & 1 != 0);
        gaz.annotate_with(&mut b, &firsts);
        assert_eq!(
            a.iter().map(|t| t.gaz).collect::<Vec<_>>(),
            b.iter().map(|t| t.gaz).collect::<Vec<_>>()
        );
        assert!(a[1].gaz != 0 && a[3].gaz != 0 && a[0].gaz == 0);
        assert_ne!(str_key("York"), str_key("york"));
        assert_eq!(str_key("Genève"), str_key("Genève"));
    }
}
