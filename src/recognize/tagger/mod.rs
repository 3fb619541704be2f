//! Statistical named-entity tagger (PER, ORG, LOC, MISC) for tokenised
//! sentences, trained on CoNLL-2003 and embedded in the binary.
//!
//! The model is a structured averaged perceptron over BILOU labels with
//! first-order Viterbi decoding (`perceptron.rs`), fed hashed lexical,
//! shape, affix, context, gazetteer and document features (`features.rs`).
//! Tagging runs two passes over a document: pass 2 adds a small set of
//! weights on top of pass 1's scores, from pass 1's labels around the token
//! and for the same word elsewhere in the document ("extended prediction
//! history"), which fixes many inconsistent or sentence-initial decisions.
//! Training uses jackknifed pass-1 scores so pass 2 learns from realistic
//! inputs. Use [`Tagger::tag_document`] when the sentences of a document are
//! at hand; [`Tagger::tag`] treats one sentence as a whole document.
//!
//! Callers (the recognize stage) tokenise text themselves and map spans
//! back to offsets; this module never does I/O at run time: the model
//! (`data/models/ner.bin`, with its gazetteer hashes) is `include_bytes!`-ed
//! and parsed once, in place (`table.rs`: the tables' bucket indexes and
//! Bloom filters are stored in the model, so loading builds nothing and
//! takes microseconds). `dossier-train` (src/bin) builds it.
//!
//! Speed: tagging is bound by memory latency (model lookups), so the driver
//! keeps a per-thread cache of everything that depends only on a word form
//! and the model ([`WordEntry`]: descriptor, one-word gazetteer lookup, and
//! the summed weights of the word's own features and of the features it
//! gives its neighbours), and one of the model positions of every feature
//! that depends only on a token's short shape, of which there are few
//! (`Scratch::shapes`; the shape-trigram feature is cached by shape ids).
//! It sums small-domain features from dense per-tagger tables, and looks
//! the remaining features (word pairs and trigrams, a new word's lexical
//! features) up in batches whose cache misses overlap
//! (`table::HashTable::find_many`, which also prefetches the weight rows it
//! finds). The loops over a document's pieces prefetch the word-cache lines
//! of the next piece, and per-document word counts use dense word ids kept
//! in the cache instead of hash maps. Integer weight sums do not depend on
//! order, so the results are exactly those of the plain feature-by-feature
//! scoring that training uses. The driver is compiled for AVX2 as well and
//! uses it where the CPU has it, as does Viterbi, with the same results.

mod features;
mod io;
mod perceptron;
mod table;
mod train;

use features::{Gazetteer, HashTable, KeySet, SentInfo, Tok, ROLE_M1, ROLE_M2, ROLE_P1, ROLE_P2};
use perceptron::{Weights, NL};
use std::sync::OnceLock;

/// Entity type predicted by the tagger.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NerLabel {
    Per,
    Org,
    Loc,
    Misc,
}

impl NerLabel {
    fn from_index(t: u8) -> Option<NerLabel> {
        match t {
            1 => Some(NerLabel::Per),
            2 => Some(NerLabel::Org),
            3 => Some(NerLabel::Loc),
            4 => Some(NerLabel::Misc),
            _ => None,
        }
    }
    fn index(self) -> u8 {
        match self {
            NerLabel::Per => 0,
            NerLabel::Org => 1,
            NerLabel::Loc => 2,
            NerLabel::Misc => 3,
        }
    }
    /// Parse `PER`/`ORG`/`LOC`/`MISC` (case-insensitive).
    pub fn parse(s: &str) -> Option<NerLabel> {
        match s.to_ascii_uppercase().as_str() {
            "PER" | "PERSON" => Some(NerLabel::Per),
            "ORG" | "ORGANIZATION" => Some(NerLabel::Org),
            "LOC" | "LOCATION" => Some(NerLabel::Loc),
            "MISC" => Some(NerLabel::Misc),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            NerLabel::Per => "PER",
            NerLabel::Org => "ORG",
            NerLabel::Loc => "LOC",
            NerLabel::Misc => "MISC",
        }
    }
}

/// One recognised entity: a token range of the sentence given to `tag`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NerSpan {
    pub start_token: usize,
    /// Exclusive.
    pub end_token: usize,
    pub label: NerLabel,
    /// In (0, 1): the max-marginal Viterbi margin of the span squashed so
    /// that on CoNLL dev it is about the share of such spans that are
    /// exactly right (0.9+ spans: 98% right; 0.4–0.6: about half).
    pub confidence: f32,
}

/// Training settings for [`Tagger::train`] / [`Tagger::train_documents`].
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Perceptron epochs for each pass.
    pub epochs: usize,
    /// Shuffle seed (training is deterministic for a given seed).
    pub seed: u64,
    /// Train the document-level second pass.
    pub two_pass: bool,
    /// Folds for jackknifed pass-1 labels (used when `two_pass`).
    pub folds: usize,
    /// Gazetteer lists: (category, phrases). At most 16 categories.
    pub gazetteers: Vec<(String, Vec<String>)>,
    /// Extra unlabeled text (one string per document) for the
    /// capitalisation statistics; the training sentences are always used.
    pub unlabeled: Vec<String>,
    /// Number of distributional word clusters (≤ 255; 0 disables), computed
    /// by k-means over left/right neighbour counts in the training and
    /// unlabeled text. Off by default: with the ~1M words of text at hand
    /// they made no measurable difference on CoNLL dev.
    pub clusters: usize,
    /// Drop features seen fewer times than this in training.
    pub min_count: u32,
    /// Drop features whose largest averaged |weight| (relative to the O
    /// label, in perceptron update units) is below this. The default 2.0
    /// keeps 24k of CoNLL's 702k pass-1 features (1.5: 50k) at a cost of
    /// under 0.001 F1 on CoNLL dev, and a smaller model is faster to tag
    /// with (fewer cache misses); use 0 for tiny training sets.
    pub prune: f32,
    /// Print progress to stderr.
    pub verbose: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 8,
            seed: 17,
            two_pass: true,
            folds: 5,
            gazetteers: Vec::new(),
            unlabeled: Vec::new(),
            clusters: 0,
            min_count: 1,
            prune: 2.0,
            verbose: false,
        }
    }
}

/// A trained tagger.
#[derive(Clone, Debug, Default)]
pub struct Tagger {
    gaz: Gazetteer,
    /// Per lowercase word hash: [capitalisation bucket, cluster + 1].
    words: HashTable<[u8; 2]>,
    pass1: Weights,
    pass2: Option<Weights>,
    /// Names this tagger's entries in the per-thread score cache.
    cache_id: CacheId,
}

/// Identity of a tagger for the per-thread caches of [`Scratch`]: assigned
/// on first use, never shared by two live taggers (a clone gets its own).
#[derive(Debug, Default)]
struct CacheId(std::sync::atomic::AtomicU64);

impl CacheId {
    fn get(&self) -> u64 {
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT: AtomicU64 = AtomicU64::new(1);
        let v = self.0.load(Ordering::Relaxed);
        if v != 0 {
            return v;
        }
        let new = NEXT.fetch_add(1, Ordering::Relaxed);
        match self
            .0
            .compare_exchange(0, new, Ordering::Relaxed, Ordering::Relaxed)
        {
            Ok(_) => new,
            Err(cur) => cur,
        }
    }
}

impl Clone for CacheId {
    fn clone(&self) -> Self {
        CacheId::default()
    }
}

/// Per-thread working memory of the tagger, reused across calls so that
/// tagging a document allocates little: feature and slot buffers, Viterbi
/// arrays, and a bounded cache of per-word data keyed by the token text
/// ([`WordEntry`]). Everything cached depends only on the word and the
/// model, so the cache carries over between documents; it belongs to one
/// tagger (see [`CacheId`]).
#[derive(Default)]
struct Scratch {
    owner: u64,
    /// Token text hash (`features::str_key`) → index in `entries`.
    index: table::U64Map,
    entries: Vec<WordEntry>,
    /// Full descriptors of the entries being filled (`fill_entries`).
    pending: Vec<Tok>,
    chars: Vec<char>,
    firsts: Vec<u32>,
    gazbuf: features::GazBuf,
    feats: Vec<u64>,
    offs: Vec<usize>,
    small: Vec<u16>,
    segs: Vec<(u32, u8, u32)>,
    found: Vec<u32>,
    tmp: Vec<u32>,
    accs: Vec<perceptron::Acc>,
    /// Pass-1 and pass-2 scores of the small-domain features by index
    /// (`features::small1_key`, `features::small2_key`).
    dense1: Vec<perceptron::Acc>,
    dense2: Vec<perceptron::Acc>,
    vit: perceptron::ViterbiBuf,
    lab: Vec<u8>,
    mar: Vec<f32>,
    /// Lowercase word hash → dense id (`WordEntry::lid`), and the number
    /// of ids; cleared with the word cache.
    lower_ids: table::U64Map,
    n_lower: u32,
    /// Per-document counts by lowercase word id (all zero between calls).
    case_counts: Vec<(u32, u32)>,
    pass1_counts: features::Pass1Buf,
    /// Short shape → dense shape id (`WordEntry::sid`), and by shape id
    /// the model positions of its shape slots (`features::shape_slot_key`;
    /// pass-1 positions below `features::SHAPE_PASS2`, pass-2 ones from
    /// it; `table::NONE` if absent). Cleared with the word cache.
    shape_ids: table::U64Map,
    shapes: Vec<[u32; features::N_SHAPE_SLOTS]>,
    /// Packed shape ids of a token and its two neighbours ([`ss3_pack`])
    /// → pass-1 position of their shape-trigram feature.
    ss3: table::U64Map,
    /// Pass-1 scores of the small word features (`features::word_small_key`).
    dense_w: Vec<perceptron::Acc>,
    /// Role scores of the sentence padding (`Tagger::pad_roles`).
    pads: [[perceptron::Acc; 2]; 4],
    slots: Vec<u8>,
    pos: Vec<u32>,
    /// Per-token scores (`NL` each), labels and margins of a document,
    /// kept between documents: each call writes every entry it reads.
    doc_scores: Vec<f32>,
    doc_labels: Vec<u8>,
    doc_margins: Vec<f32>,
}

/// What the tagger keeps about one word form: its descriptor (without
/// gazetteer bits, which depend on the sentence), its one-word gazetteer
/// lookup, the pass-1 scores of its word-intrinsic features (in a mixed-case
/// sentence and in a headline) and of the features it gives its neighbours
/// (`features::role_features`). Laid out in whole cache lines: the
/// descriptor fields the later features read (the rest, such as affixes,
/// only feed the cached intrinsic scores) share one line, and each score
/// vector has a line of its own.
#[repr(C, align(64))]
struct WordEntry {
    lower: u64,
    sshape: u64,
    flags: u32,
    capr: u8,
    first: u32,
    /// Dense id of the lowercase hash, for per-document counts.
    lid: u32,
    /// Shape id of `sshape` (`Scratch::shapes`).
    sid: u32,
    intr: [A64; 2],
    roles: [A64; 4],
    /// Pass-2 scores of the word's own features and of the one it gives
    /// the next token.
    p2: A64,
    p2m1: A64,
}

/// A score vector on a cache line of its own.
#[derive(Clone, Copy, Default)]
#[repr(C, align(64))]
struct A64(perceptron::Acc);

impl WordEntry {
    fn new(t: &Tok) -> Self {
        WordEntry {
            lower: t.lower,
            sshape: t.sshape,
            flags: t.flags,
            capr: t.capr,
            first: 0,
            lid: 0,
            sid: 0,
            intr: [A64::default(); 2],
            roles: [A64::default(); 4],
            p2: A64::default(),
            p2m1: A64::default(),
        }
    }

    /// The token descriptor as the context, gazetteer and pass-2 features
    /// use it (the fields only intrinsic features read are zero; their
    /// scores are in `intr`).
    #[inline]
    fn tok(&self) -> Tok {
        Tok {
            lower: self.lower,
            sshape: self.sshape,
            flags: self.flags,
            capr: self.capr,
            ..Tok::default()
        }
    }
}

/// Which lines of word-cache entries [`prefetch_entries`] loads.
#[derive(Clone, Copy)]
enum Lines {
    /// The descriptor line (reading the token descriptors).
    Head,
    /// The intrinsic scores (mixed-case 0 or headline 1) and the role
    /// scores (pass 1).
    Pass1(usize),
    /// The pass-2 scores.
    Pass2,
}

/// Start loading the `lines` of the entries `es` of `entries` (a hint for
/// the CPU; see `table::prefetch`).
fn prefetch_entries(entries: &[WordEntry], es: &[u32], lines: Lines) {
    for &e in es {
        let Some(we) = entries.get(e as usize) else {
            continue;
        };
        match lines {
            Lines::Head => table::prefetch(we),
            Lines::Pass1(h) => {
                table::prefetch(&we.intr[h.min(1)]);
                for r in &we.roles {
                    table::prefetch(r);
                }
            }
            Lines::Pass2 => {
                table::prefetch(&we.p2);
                table::prefetch(&we.p2m1);
            }
        }
    }
}

/// The word cache is emptied (before a call) when it holds more entries
/// than this (an entry is 576 bytes, so about 9.4 MB per thread).
const MAX_CACHED_WORDS: usize = 1 << 14;
/// The shape-trigram cache is emptied (before a call) when it holds more
/// entries than this (shapes are few: about 100 on CoNLL, and 1,200
/// trigrams of them), and with the word cache, whose shape ids it uses.
const MAX_CACHED_SS3: usize = 1 << 16;

/// Bits of a shape id in an [`ss3_pack`] key; the two largest values
/// stand for the padding before and after a sentence.
const SID_BITS: u32 = 21;
const SID_PAD_BEFORE: u32 = (1 << SID_BITS) - 2;
const SID_PAD_AFTER: u32 = (1 << SID_BITS) - 1;

/// The `ss3` key of three shape ids (padding ids included), or `None` if
/// a real id is too large to pack (never in practice: shapes are few).
#[inline]
fn ss3_pack(m1: u32, s: u32, p1: u32, first: bool, last: bool) -> Option<u64> {
    if (!first && m1 >= SID_PAD_BEFORE) || s >= SID_PAD_BEFORE || (!last && p1 >= SID_PAD_BEFORE) {
        return None;
    }
    let m1 = if first { SID_PAD_BEFORE } else { m1 };
    let p1 = if last { SID_PAD_AFTER } else { p1 };
    Some((m1 as u64) << (2 * SID_BITS) | (s as u64) << SID_BITS | p1 as u64)
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Drop this thread's tagger scratch space: the word cache (what the tagger
/// works out once per word type and keeps across documents) and its
/// buffers, whose memory goes back to the allocator. The next document is
/// tagged as by a fresh thread, with the same result. For a benchmark that
/// must not reuse what an earlier pass over the same text cached, or to
/// give the memory back after a large run.
pub fn clear_thread_cache() {
    SCRATCH.with(|cell| {
        if let Ok(mut s) = cell.try_borrow_mut() {
            *s = Scratch::default();
        }
    });
}

const MAGIC: &[u8; 8] = b"DNERv003";
/// Longer sentences are tagged in pieces of this many tokens.
const MAX_SENT: usize = 300;

static EMBEDDED_MODEL: &[u8] = include_bytes!("../../../data/models/ner.bin");

/// A prepared sentence: token descriptors and sentence facts.
type Prep = (Vec<Tok>, SentInfo);

impl Tagger {
    /// The model shipped in the binary, parsed on first use. If the
    /// embedded bytes are unusable the tagger is empty and tags nothing.
    pub fn embedded() -> &'static Tagger {
        static T: OnceLock<Tagger> = OnceLock::new();
        T.get_or_init(|| Tagger::parse(table::Blob::Static(EMBEDDED_MODEL)).unwrap_or_default())
    }

    /// True when the tagger has no weights (e.g. a missing model).
    pub fn is_empty(&self) -> bool {
        self.pass1.n_features() == 0
    }

    /// Tag one sentence on its own.
    pub fn tag(&self, tokens: &[&str]) -> Vec<NerSpan> {
        self.tag_document(&[tokens]).pop().unwrap_or_default()
    }

    /// Tag the sentences of one document together, so that the second pass
    /// can use what the first pass found elsewhere in the document.
    /// Returns one span list per input sentence.
    pub fn tag_document<S: AsRef<[T]>, T: AsRef<str>>(&self, sentences: &[S]) -> Vec<Vec<NerSpan>> {
        if self.is_empty() {
            return vec![Vec::new(); sentences.len()];
        }
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut sc) => self.tag_with(&mut sc, sentences),
            // Re-entered on this thread (cannot happen today): use a fresh one.
            Err(_) => self.tag_with(&mut Scratch::default(), sentences),
        })
    }

    /// Tag a document with the scratch space `scr`. The whole driver is
    /// compiled twice, for AVX2 (used where the CPU has it) and portably:
    /// its weight sums are integer sums and its float steps the same
    /// IEEE operations in the same order, so both give the same results.
    fn tag_with<S: AsRef<[T]>, T: AsRef<str>>(
        &self,
        scr: &mut Scratch,
        sentences: &[S],
    ) -> Vec<Vec<NerSpan>> {
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: the CPU supports AVX2 (checked just above).
                return unsafe { self.tag_with_avx2(scr, sentences) };
            }
        }
        self.tag_with_body(scr, sentences)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn tag_with_avx2<S: AsRef<[T]>, T: AsRef<str>>(
        &self,
        scr: &mut Scratch,
        sentences: &[S],
    ) -> Vec<Vec<NerSpan>> {
        self.tag_with_body(scr, sentences)
    }

    #[inline(always)]
    fn tag_with_body<S: AsRef<[T]>, T: AsRef<str>>(
        &self,
        scr: &mut Scratch,
        sentences: &[S],
    ) -> Vec<Vec<NerSpan>> {
        let mut result: Vec<Vec<NerSpan>> = vec![Vec::new(); sentences.len()];
        let id = self.cache_id.get();
        if scr.owner != id || scr.entries.len() > MAX_CACHED_WORDS {
            scr.index.clear();
            scr.entries.clear();
            scr.lower_ids.clear();
            scr.n_lower = 0;
            scr.shape_ids.clear();
            scr.shapes.clear();
            scr.ss3.clear();
            // Room for a full cache at once: growing it by doubling would
            // copy the entries and fault in fresh pages again and again
            // (reserving only maps address space; pages come as used).
            scr.entries.reserve(MAX_CACHED_WORDS + MAX_SENT);
        }
        if scr.ss3.len() > MAX_CACHED_SS3 {
            scr.ss3.clear();
        }
        if scr.owner != id {
            scr.dense1 = (0..features::N_SMALL1)
                .map(|k| self.pass1.row_of(features::small1_key(k)))
                .collect();
            scr.dense2 = match &self.pass2 {
                Some(w2) => (0..features::N_SMALL2)
                    .map(|k| w2.row_of(features::small2_key(k)))
                    .collect(),
                None => Vec::new(),
            };
            scr.dense_w = (0..features::N_WORD_SMALL)
                .map(|k| self.pass1.row_of(features::word_small_key(k)))
                .collect();
            scr.pads = self.pad_roles();
            scr.owner = id;
        }
        // Split into pieces of at most MAX_SENT tokens: (sentence, offset).
        // `ent` holds the word-cache entry of every token of every piece.
        let mut pieces: Vec<(usize, usize)> = Vec::new();
        let mut piece_ends: Vec<usize> = Vec::new();
        let mut texts: Vec<&str> = Vec::new();
        for (si, s) in sentences.iter().enumerate() {
            let toks = s.as_ref();
            let mut off = 0;
            while off < toks.len() {
                let end = (off + MAX_SENT).min(toks.len());
                texts.extend(toks[off..end].iter().map(|w| w.as_ref()));
                pieces.push((si, off));
                piece_ends.push(texts.len());
                off = end;
            }
        }
        let ent = self.word_entries(scr, &texts);
        let mut prep: Vec<Prep> = Vec::with_capacity(pieces.len());
        // Word-cache entries are spread over megabytes: each loop over the
        // pieces below first starts loading the entry lines it will read for
        // all tokens of the next piece, so that their cache misses overlap.
        prefetch_entries(&scr.entries, &ent[..piece_ends.first().copied().unwrap_or(0)], Lines::Head);
        let mut begin = 0;
        for (k, &end) in piece_ends.iter().enumerate() {
            if let Some(&next_end) = piece_ends.get(k + 1) {
                prefetch_entries(&scr.entries, &ent[end..next_end], Lines::Head);
            }
            let mut t: Vec<Tok> = Vec::with_capacity(end - begin);
            scr.firsts.clear();
            for &e in &ent[begin..end] {
                let we = &scr.entries[e as usize];
                t.push(we.tok());
                scr.firsts.push(we.first);
            }
            self.gaz.annotate_buf(&mut t, &scr.firsts, &mut scr.gazbuf);
            let si_ = features::sent_info(&t);
            prep.push((t, si_));
            begin = end;
        }
        // Dense ids of the tokens' lowercase forms, for per-document
        // counts, and their shape ids.
        let mut ids: Vec<u32> = Vec::with_capacity(ent.len());
        let mut sids: Vec<u32> = Vec::with_capacity(ent.len());
        for &e in &ent {
            let (lid, sid) = scr.entries.get(e as usize).map_or((0, 0), |we| (we.lid, we.sid));
            ids.push(lid);
            sids.push(sid);
        }
        let n_ids = scr.n_lower as usize;
        if scr.case_counts.len() < n_ids {
            scr.case_counts.resize(n_ids, (0, 0));
        }
        scr.pass1_counts.reserve_ids(n_ids);
        let mut dt = features::doc_case_info_ids(&prep, &ids, &mut scr.case_counts);
        // Flat per-token arrays over all pieces; piece k covers
        // `starts[k]..starts[k + 1]` tokens.
        let mut starts = Vec::with_capacity(prep.len() + 1);
        starts.push(0usize);
        for p in &prep {
            starts.push(starts.last().copied().unwrap_or(0) + p.0.len());
        }
        let total = starts.last().copied().unwrap_or(0);
        // Every token's scores, label and margin are written (pass 1, and
        // pass 2 when there is one) before they are read, so the buffers
        // are only grown, never cleared.
        for (buf, len) in [(&mut scr.doc_scores, total * NL), (&mut scr.doc_margins, total)] {
            if buf.len() < len {
                buf.resize(len, 0.0);
            }
        }
        if scr.doc_labels.len() < total {
            scr.doc_labels.resize(total, 0);
        }
        let two_pass = self.pass2.is_some();
        let Scratch {
            entries,
            feats,
            offs,
            found,
            tmp,
            small,
            accs,
            vit,
            lab,
            mar,
            dense1,
            dense2,
            pass1_counts,
            shapes,
            ss3,
            pads,
            slots,
            pos,
            doc_scores,
            doc_labels,
            doc_margins,
            ..
        } = scr;
        let scores = &mut doc_scores[..total * NL];
        let labels = &mut doc_labels[..total];
        let margins = &mut doc_margins[..total];
        let piece_lines = |k: usize, lines: Lines| {
            if let (Some(&a), Some(&b)) = (starts.get(k), starts.get(k + 1)) {
                prefetch_entries(&entries[..], &ent[a..b], lines);
            }
        };
        let head_of = |k: usize| prep.get(k).map_or(0, |p| p.1.headline as usize);
        piece_lines(0, Lines::Pass1(head_of(0)));
        for (k, (p, d)) in prep.iter().zip(&dt).enumerate() {
            let n = p.0.len();
            let es = &ent[starts[k]..starts[k + 1]];
            let ss = &sids[starts[k]..starts[k + 1]];
            let e = |i: usize| &entries[es[i] as usize];
            piece_lines(k + 1, Lines::Pass1(head_of(k + 1)));
            // Word-intrinsic scores, the neighbours' cached role scores,
            // small-domain features and the cached shape features.
            accs.clear();
            feats.clear();
            offs.clear();
            offs.push(0);
            let h = p.1.headline as usize;
            for i in 0..n {
                let mut acc = e(i).intr[h].0;
                let m1 = if i >= 1 {
                    &e(i - 1).roles[ROLE_M1].0
                } else {
                    &pads[ROLE_M1][0]
                };
                let p1 = if i + 1 < n {
                    &e(i + 1).roles[ROLE_P1].0
                } else {
                    &pads[ROLE_P1][0]
                };
                let m2 = if i >= 2 {
                    &e(i - 2).roles[ROLE_M2].0
                } else {
                    &pads[ROLE_M2][1 - i]
                };
                let p2 = if i + 2 < n {
                    &e(i + 2).roles[ROLE_P2].0
                } else {
                    &pads[ROLE_P2][i + 2 - n]
                };
                for l in 0..NL - 1 {
                    acc[l] += m1[l] + p1[l] + m2[l] + p2[l];
                }
                small.clear();
                features::small1_features(&p.0, d, i, small);
                for &x in small.iter() {
                    if let Some(r) = dense1.get(x as usize) {
                        for l in 0..NL - 1 {
                            acc[l] += r[l];
                        }
                    }
                }
                // The shape trigram.
                pos.clear();
                let (first, last) = (i == 0, i + 1 == n);
                let m1s = if first { 0 } else { ss[i - 1] };
                let p1s = if last { 0 } else { ss[i + 1] };
                match ss3_pack(m1s, ss[i], p1s, first, last) {
                    Some(key) => {
                        let at = match ss3.get(key) {
                            Some(at) => at,
                            None => {
                                let at = self.pass1.position(self.ss3_feature(&p.0, i));
                                ss3.insert(key, at);
                                at
                            }
                        };
                        pos.push(at);
                    }
                    None => feats.push(self.ss3_feature(&p.0, i)),
                }
                slots.clear();
                features::pair_split(&p.0, p.1, d, i, feats, slots);
                if let Some(sh) = shapes.get(ss[i] as usize) {
                    pos.extend(slots.iter().map(|&x| sh[x as usize]));
                }
                self.pass1.add_found(pos, &mut acc);
                accs.push(acc);
                offs.push(feats.len());
            }
            // The remaining features, looked up per token.
            self.pass1.find_many(feats, tmp, found);
            let sc = &mut scores[starts[k] * NL..starts[k + 1] * NL];
            for (i, acc) in accs.iter_mut().enumerate() {
                self.pass1.add_found(&found[offs[i]..offs[i + 1]], acc);
                self.pass1.finish(acc, &mut sc[i * NL..(i + 1) * NL]);
            }
            perceptron::viterbi_with(
                vit,
                sc,
                n,
                &self.pass1.trans,
                lab,
                if two_pass { None } else { Some(mar) },
            );
            labels[starts[k]..starts[k + 1]].copy_from_slice(&lab[..n]);
            if !two_pass {
                margins[starts[k]..starts[k + 1]].copy_from_slice(&mar[..n]);
            }
        }
        if let Some(w2) = &self.pass2 {
            features::doc_pass1_info_ids(&prep, &labels, &starts, &ids, pass1_counts, &mut dt);
            let mut add = [0f32; NL];
            let pad_m1 = {
                let mut a = [0i32; NL - 1];
                feats.clear();
                features::pass2_m1_features(None, feats);
                w2.accumulate(feats, &mut a);
                a
            };
            piece_lines(0, Lines::Pass2);
            for (k, (p, d)) in prep.iter().zip(&dt).enumerate() {
                let n = p.0.len();
                let es = &ent[starts[k]..starts[k + 1]];
                let ss = &sids[starts[k]..starts[k + 1]];
                let e = |i: usize| &entries[es[i] as usize];
                piece_lines(k + 1, Lines::Pass2);
                feats.clear();
                offs.clear();
                offs.push(0);
                accs.clear();
                for i in 0..n {
                    let mut acc = e(i).p2.0;
                    let m1 = if i >= 1 { &e(i - 1).p2m1.0 } else { &pad_m1 };
                    for l in 0..NL - 1 {
                        acc[l] += m1[l];
                    }
                    small.clear();
                    slots.clear();
                    features::pass2_features_split(&p.0, d, i, feats, small, slots);
                    for &x in small.iter() {
                        if let Some(r) = dense2.get(x as usize) {
                            for l in 0..NL - 1 {
                                acc[l] += r[l];
                            }
                        }
                    }
                    if let Some(sh) = shapes.get(ss[i] as usize) {
                        pos.clear();
                        pos.extend(slots.iter().map(|&x| sh[x as usize]));
                        w2.add_found(pos, &mut acc);
                    }
                    accs.push(acc);
                    offs.push(feats.len());
                }
                if !feats.is_empty() {
                    w2.find_many(feats, tmp, found);
                }
                let sc = &mut scores[starts[k] * NL..starts[k + 1] * NL];
                for (i, acc) in accs.iter_mut().enumerate() {
                    if offs[i] < offs[i + 1] {
                        w2.add_found(&found[offs[i]..offs[i + 1]], acc);
                    }
                    w2.finish(acc, &mut add);
                    for (s, a) in sc[i * NL..(i + 1) * NL].iter_mut().zip(&add) {
                        *s += a;
                    }
                }
                perceptron::viterbi_with(vit, sc, n, &w2.trans, lab, Some(mar));
                labels[starts[k]..starts[k + 1]].copy_from_slice(&lab[..n]);
                margins[starts[k]..starts[k + 1]].copy_from_slice(&mar[..n]);
            }
        }
        let mut spans = Vec::new();
        for (k, &(si, off)) in pieces.iter().enumerate() {
            let labs = &labels[starts[k]..starts[k + 1]];
            let mars = &margins[starts[k]..starts[k + 1]];
            perceptron::spans_into(labs, &mut spans);
            for &(s, e, ty) in &spans {
                let Some(label) = NerLabel::from_index(ty) else {
                    continue;
                };
                let m = mars[s..e].iter().cloned().fold(f32::INFINITY, f32::min);
                // Calibrated on CoNLL dev: about the share of such spans that are right.
                let confidence = 1.0 / (1.0 + (-(m - 5.0) / 12.0).exp());
                result[si].push(NerSpan {
                    start_token: s + off,
                    end_token: e + off,
                    label,
                    confidence,
                });
            }
        }
        result
    }

    /// The shape-trigram feature of token `i` of a piece.
    fn ss3_feature(&self, toks: &[Tok], i: usize) -> u64 {
        let ssm1 = match i.checked_sub(1) {
            Some(j) => toks[j].sshape,
            None => features::shape_pad(true),
        };
        let ssp1 = toks.get(i + 1).map_or(features::shape_pad(false), |t| t.sshape);
        features::ss3_key(ssm1, toks[i].sshape, ssp1)
    }

    /// The word-cache entries of the token texts `texts`; words seen for
    /// the first time get entries, computed together so that the many
    /// model lookups they need overlap their cache misses.
    #[inline(always)]
    fn word_entries(&self, scr: &mut Scratch, texts: &[&str]) -> Vec<u32> {
        let keys: Vec<u64> = texts.iter().map(|w| features::str_key(w)).collect();
        scr.index.touch(&keys);
        let first_new = scr.entries.len();
        scr.pending.clear();
        let mut ent = Vec::with_capacity(texts.len());
        // Descriptors without the word statistics, which are looked up
        // below for all new words at once (`word_stats`).
        let no_stats = HashTable::<[u8; 2]>::default();
        for (&k, w) in keys.iter().zip(texts) {
            let e = match scr.index.get(k) {
                Some(e) => e,
                None => {
                    let e = scr.entries.len() as u32;
                    let tok = features::make_tok(w, &no_stats, &mut scr.chars);
                    let mut we = WordEntry::new(&tok);
                    we.sid = self.shape_id(&mut scr.shape_ids, &mut scr.shapes, tok.sshape);
                    we.lid = match scr.lower_ids.get(tok.lower) {
                        Some(id) => id,
                        None => {
                            let id = scr.n_lower;
                            scr.lower_ids.insert(tok.lower, id);
                            scr.n_lower += 1;
                            id
                        }
                    };
                    scr.entries.push(we);
                    scr.pending.push(tok);
                    scr.index.insert(k, e);
                    e
                }
            };
            ent.push(e);
        }
        if scr.entries.len() > first_new {
            self.word_stats(scr, first_new);
            self.fill_entries(scr, first_new);
        }
        ent
    }

    /// Set the word statistics (capitalisation bucket, cluster) of the new
    /// descriptors `scr.pending` and entries `scr.entries[from..]`, as
    /// `features::make_tok` does for one word, in one batch.
    #[inline(always)]
    fn word_stats(&self, scr: &mut Scratch, from: usize) {
        let Scratch {
            entries,
            pending,
            feats,
            found,
            tmp,
            ..
        } = scr;
        feats.clear();
        feats.extend(pending.iter().map(|t| t.lower));
        self.words.find_many(feats, tmp, found);
        let new = entries.get_mut(from..).unwrap_or_default();
        for ((t, e), &p) in pending.iter_mut().zip(new.iter_mut()).zip(found.iter()) {
            if p != table::NONE && t.flags & features::F_HASALPHA != 0 {
                let [c, cl] = self.words.val(p as usize);
                t.capr = c;
                t.cluster = cl;
                e.capr = c;
            }
        }
    }

    /// The shape id of short shape `ss`, given a new one (with its slots
    /// looked up) if unseen.
    fn shape_id(
        &self,
        ids: &mut table::U64Map,
        shapes: &mut Vec<[u32; features::N_SHAPE_SLOTS]>,
        ss: u64,
    ) -> u32 {
        if let Some(id) = ids.get(ss) {
            return id;
        }
        let id = shapes.len() as u32;
        let mut row = [table::NONE; features::N_SHAPE_SLOTS];
        for (slot, r) in row.iter_mut().enumerate() {
            let key = features::shape_slot_key(ss, slot);
            *r = if slot < features::SHAPE_PASS2 {
                self.pass1.position(key)
            } else {
                self.pass2.as_ref().map_or(table::NONE, |w| w.position(key))
            };
        }
        shapes.push(row);
        ids.insert(ss, id);
        id
    }

    /// Compute the gazetteer and score fields of `scr.entries[from..]`.
    #[inline(always)]
    fn fill_entries(&self, scr: &mut Scratch, from: usize) {
        let Scratch {
            entries,
            pending,
            feats,
            segs,
            found,
            tmp,
            small,
            shapes,
            dense_w,
            ..
        } = scr;
        let new = &mut entries[from..];
        // Full descriptors of the new entries, in order.
        let toks: &[Tok] = pending;
        // One-word gazetteer lookups.
        feats.clear();
        for t in toks {
            feats.push(features::mix(features::SEED_PHRASE, t.lower));
        }
        if self.gaz.table.len() > 0 {
            self.gaz.table.find_many(feats, tmp, found);
            for (e, &p) in new.iter_mut().zip(found.iter()) {
                if p != table::NONE && e.flags & features::F_HASALPHA != 0 {
                    e.first = self.gaz.table.val(p as usize) as u32;
                }
            }
            self.gaz.prefixes.find_many(feats, tmp, found);
            for (e, &p) in new.iter_mut().zip(found.iter()) {
                if p != table::NONE && e.flags & features::F_HASALPHA != 0 {
                    e.first |= features::GAZ_PREFIX;
                }
            }
        }
        // Pass-1 features: small-domain and shape ones are added at once;
        // the others are looked up in segments: (entry, what, end in
        // `feats`); what: 0 intrinsic, 1 headline extras, 2.. roles.
        feats.clear();
        segs.clear();
        for (j, (t, e)) in toks.iter().zip(new.iter_mut()).enumerate() {
            let sh = shapes.get(e.sid as usize).copied().unwrap_or([table::NONE; features::N_SHAPE_SLOTS]);
            small.clear();
            features::intrinsic_split(t, feats, small);
            segs.push((j as u32, 0, feats.len() as u32));
            for &x in small.iter() {
                if let Some(r) = dense_w.get(x as usize) {
                    for l in 0..NL - 1 {
                        e.intr[0].0[l] += r[l];
                    }
                }
            }
            self.pass1.add_found(&[sh[features::SS_SS]], &mut e.intr[0].0);
            features::headline_split(t, feats);
            segs.push((j as u32, 1, feats.len() as u32));
            self.pass1.add_found(&[sh[features::SS_HEAD]], &mut e.intr[1].0);
            for r in 0..4 {
                features::role_split(t, r, feats);
                segs.push((j as u32, 2 + r as u8, feats.len() as u32));
                self.pass1.add_found(&[sh[features::SS_ROLE + r]], &mut e.roles[r].0);
            }
        }
        self.pass1.find_many(feats, tmp, found);
        let mut begin = 0usize;
        for &(j, what, end) in segs.iter() {
            let e = &mut new[j as usize];
            let acc = match what {
                0 => &mut e.intr[0].0,
                1 => &mut e.intr[1].0,
                r => &mut e.roles[(r - 2) as usize].0,
            };
            self.pass1.add_found(&found[begin..end as usize], acc);
            if what == 1 {
                // Headline scores: the intrinsic ones plus the extras.
                for l in 0..NL - 1 {
                    e.intr[1].0[l] += e.intr[0].0[l];
                }
            }
            begin = end as usize;
        }
        if let Some(w2) = &self.pass2 {
            feats.clear();
            segs.clear();
            for (j, (t, e)) in toks.iter().zip(new.iter_mut()).enumerate() {
                features::pass2_word_split(t, feats);
                segs.push((j as u32, 0, feats.len() as u32));
                if let Some(sh) = shapes.get(e.sid as usize) {
                    w2.add_found(&[sh[features::SS_P2]], &mut e.p2.0);
                }
                features::pass2_m1_features(Some(t), feats);
                segs.push((j as u32, 1, feats.len() as u32));
            }
            w2.find_many(feats, tmp, found);
            let mut begin = 0usize;
            for &(j, what, end) in segs.iter() {
                let e = &mut new[j as usize];
                let acc = if what == 0 {
                    &mut e.p2.0
                } else {
                    &mut e.p2m1.0
                };
                w2.add_found(&found[begin..end as usize], acc);
                begin = end as usize;
            }
        }
    }

    /// Role scores of the sentence padding: `[role][dist - 1]`.
    fn pad_roles(&self) -> [[perceptron::Acc; 2]; 4] {
        let mut out = [[[0i32; NL - 1]; 2]; 4];
        let mut own = Vec::new();
        for (r, per) in out.iter_mut().enumerate() {
            for (d, a) in per.iter_mut().enumerate() {
                own.clear();
                features::pad_role_features(r, d + 1, &mut own);
                self.pass1.accumulate(&own, a);
            }
        }
        out
    }

    fn finish_prep(&self, mut t: Vec<Tok>) -> Prep {
        self.gaz.annotate(&mut t);
        let si = features::sent_info(&t);
        (t, si)
    }

    /// Serialise the model (gazetteer hashes included).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = io::Writer::new();
        w.buf.extend_from_slice(MAGIC);
        w.u32(self.gaz.categories.len() as u32);
        for c in &self.gaz.categories {
            w.str(c);
        }
        w.u32(self.gaz.max_len as u32);
        w.u64s(&self.gaz.table.iter().map(|e| e.0).collect::<Vec<_>>());
        w.bytes(
            &self
                .gaz
                .table
                .iter()
                .flat_map(|e| e.1.to_le_bytes())
                .collect::<Vec<_>>(),
        );
        self.gaz.table.write_lookup(&mut w);
        w.u64s(&self.gaz.prefixes.iter().map(|e| e.0).collect::<Vec<_>>());
        self.gaz.prefixes.write_lookup(&mut w);
        w.u64s(&self.words.iter().map(|e| e.0).collect::<Vec<_>>());
        w.bytes(&self.words.iter().flat_map(|e| e.1).collect::<Vec<_>>());
        self.words.write_lookup(&mut w);
        self.pass1.write(&mut w);
        match &self.pass2 {
            Some(p) => {
                w.u8(1);
                p.write(&mut w);
            }
            None => w.u8(0),
        }
        w.buf
    }

    /// Parse a model written by [`Tagger::to_bytes`].
    pub fn from_bytes(b: &[u8]) -> Result<Tagger, String> {
        if b.len() < MAGIC.len() || &b[..MAGIC.len()] != MAGIC {
            return Err("not a dossier NER model (bad magic)".into());
        }
        Tagger::parse(table::Blob::Shared(std::sync::Arc::new(b.to_vec())))
    }

    /// Parse a model; its tables keep using the bytes of `blob` in place.
    fn parse(blob: table::Blob) -> Result<Tagger, String> {
        let b = blob.bytes();
        if b.len() < MAGIC.len() || &b[..MAGIC.len()] != MAGIC {
            return Err("not a dossier NER model (bad magic)".into());
        }
        let mut r = io::Reader::new(b);
        r.skip(MAGIC.len())?;
        let nc = r.u32()? as usize;
        if nc > features::MAX_GAZ_CATS {
            return Err("too many gazetteer categories".into());
        }
        let mut cats = Vec::with_capacity(nc);
        for _ in 0..nc {
            cats.push(r.str()?);
        }
        let max_len = r.u32()? as usize;
        let (gk_at, gn) = r.array(8)?;
        let (gm_at, gm) = r.array(1)?;
        if gm != gn * 2 {
            return Err("gazetteer section has inconsistent sizes".into());
        }
        let gtable = HashTable::read_lookup(&mut r, &blob, (gk_at, gm_at, gn))?;
        let (pk_at, pn) = r.array(8)?;
        let prefixes = KeySet::read_lookup(&mut r, &blob, (pk_at, pk_at, pn))?;
        let (ck_at, cn) = r.array(8)?;
        let (cv_at, cv) = r.array(1)?;
        if cv != cn * 2 {
            return Err("word section has inconsistent sizes".into());
        }
        let words = HashTable::read_lookup(&mut r, &blob, (ck_at, cv_at, cn))?;
        let pass1 = Weights::read(&mut r, &blob)?;
        let pass2 = if r.u8()? == 1 {
            Some(Weights::read(&mut r, &blob)?)
        } else {
            None
        };
        if !r.done() {
            return Err("trailing bytes after model".into());
        }
        Ok(Tagger {
            gaz: Gazetteer::from_parts(cats, gtable, prefixes, max_len),
            words,
            pass1,
            pass2,
            cache_id: CacheId::default(),
        })
    }

    /// Sizes, for reports: (pass-1 features, pass-2 features, gazetteer phrases).
    pub fn stats(&self) -> (usize, usize, usize) {
        (
            self.pass1.n_features(),
            self.pass2.as_ref().map_or(0, |p| p.n_features()),
            self.gaz.table.len(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::train::bilou_from_tags;
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        s.split(' ').filter(|t| !t.is_empty()).collect()
    }

    /// (text, label) pairs of the spans found in one sentence.
    fn ents(t: &Tagger, s: &str) -> Vec<(String, NerLabel)> {
        let tk = toks(s);
        t.tag(&tk)
            .iter()
            .map(|sp| (tk[sp.start_token..sp.end_token].join(" "), sp.label))
            .collect()
    }

    fn has(e: &[(String, NerLabel)], text: &str, l: NerLabel) -> bool {
        e.iter().any(|(t, ll)| t == text && *ll == l)
    }

    fn sent(s: &str, tags: &str) -> (Vec<String>, Vec<String>) {
        let t: Vec<String> = toks(s).iter().map(|x| x.to_string()).collect();
        let g: Vec<String> = tags.split(' ').map(|x| x.to_string()).collect();
        assert_eq!(t.len(), g.len(), "{s}");
        (t, g)
    }

    fn fixture() -> Vec<(Vec<String>, Vec<String>)> {
        vec![
            sent(
                "Maria Lopez visited Lisbon on Monday .",
                "B-PER I-PER O B-LOC O O O",
            ),
            sent(
                "The Lisbon Water Board said prices rose .",
                "O B-ORG I-ORG I-ORG O O O O",
            ),
            sent(
                "Officials in Lisbon met Peter Kovac .",
                "O O B-LOC O B-PER I-PER O",
            ),
            sent(
                "Peter Kovac works for Acme Corp in Madrid .",
                "B-PER I-PER O O B-ORG I-ORG O B-LOC O",
            ),
            sent(
                "Acme Corp opened an office in Madrid .",
                "B-ORG I-ORG O O O O B-LOC O",
            ),
            sent(
                "Maria Lopez said Acme Corp would grow .",
                "B-PER I-PER O B-ORG I-ORG O O O",
            ),
            sent("Rain fell in Madrid and Lisbon .", "O O O B-LOC O B-LOC O"),
            sent("Spanish voters went to the polls .", "B-MISC O O O O O O"),
        ]
    }

    #[test]
    fn learns_a_tiny_fixture() {
        for two_pass in [false, true] {
            let opts = TrainOptions {
                epochs: 10,
                two_pass,
                folds: 2,
                prune: 0.0,
                ..TrainOptions::default()
            };
            let t = Tagger::train(&fixture(), &opts);
            let e = ents(&t, "Peter Kovac visited Madrid on Monday .");
            assert!(has(&e, "Peter Kovac", NerLabel::Per), "{e:?}");
            assert!(has(&e, "Madrid", NerLabel::Loc), "{e:?}");
            let e = ents(&t, "Maria Lopez works for Acme Corp .");
            assert!(has(&e, "Maria Lopez", NerLabel::Per), "{e:?}");
            assert!(has(&e, "Acme Corp", NerLabel::Org), "{e:?}");
            // Training sentences come back exactly.
            for (tk, tags) in fixture() {
                let refs: Vec<&str> = tk.iter().map(|s| s.as_str()).collect();
                let got: Vec<(usize, usize, u8)> = t
                    .tag(&refs)
                    .iter()
                    .map(|s| (s.start_token, s.end_token, s.label.index() + 1))
                    .collect();
                assert_eq!(got, perceptron::spans_of(&bilou_from_tags(&tags)), "{tk:?}");
            }
        }
    }

    #[test]
    fn model_bytes_round_trip() {
        let opts = TrainOptions {
            epochs: 5,
            folds: 2,
            prune: 0.0,
            gazetteers: vec![("city".into(), vec!["Madrid".into(), "New York".into()])],
            ..TrainOptions::default()
        };
        let t = Tagger::train(&fixture(), &opts);
        let b = t.to_bytes();
        let t2 = Tagger::from_bytes(&b).expect("round trip");
        assert_eq!(t2.to_bytes(), b);
        let s = toks("Maria Lopez flew from New York to Madrid .");
        assert_eq!(t.tag(&s), t2.tag(&s));
        // Corrupt or truncated models are errors, not panics.
        assert!(Tagger::from_bytes(b"").is_err());
        assert!(Tagger::from_bytes(b"DNERv001garbage").is_err());
        for cut in [9, b.len() / 3, b.len() - 1] {
            assert!(Tagger::from_bytes(&b[..cut]).is_err());
        }
    }

    #[test]
    fn tag_conversion_accepts_bio_and_iob1() {
        let bio: Vec<String> = "B-PER I-PER O B-LOC B-LOC"
            .split(' ')
            .map(String::from)
            .collect();
        let iob1: Vec<String> = "I-PER I-PER O I-LOC B-LOC"
            .split(' ')
            .map(String::from)
            .collect();
        let want = vec![(0, 2, 1), (3, 4, 3), (4, 5, 3)];
        assert_eq!(perceptron::spans_of(&bilou_from_tags(&bio)), want);
        assert_eq!(perceptron::spans_of(&bilou_from_tags(&iob1)), want);
    }

    #[test]
    fn embedded_model_tags_news_sentences() {
        let t = Tagger::embedded();
        assert!(
            !t.is_empty(),
            "data/models/ner.bin is missing or unreadable"
        );
        let e = ents(t, "Iran ’s Supreme Leader , Ayatollah Ali Khamenei said in rejecting the latest U.S. overture");
        assert!(has(&e, "Iran", NerLabel::Loc), "{e:?}");
        assert!(has(&e, "Ali Khamenei", NerLabel::Per), "{e:?}");
        assert!(has(&e, "U.S.", NerLabel::Loc), "{e:?}");
        assert!(
            !e.iter()
                .any(|(x, _)| x.contains("Supreme") || x.contains("Ayatollah")),
            "{e:?}"
        );

        let e = ents(t, "Viola Gienger is a senior writer at USIP .");
        assert!(has(&e, "Viola Gienger", NerLabel::Per), "{e:?}");
        // An unknown acronym at the end of a lone sentence is a coin toss
        // (see `document_context_is_used`); it must at least not be a person.
        assert!(
            !e.iter().any(|(x, l)| x == "USIP" && *l == NerLabel::Per),
            "{e:?}"
        );

        let e = ents(t, "President Masoud Pezeshkian met Russian Foreign Minister Sergei Lavrov in Tehran on Tuesday .");
        assert!(has(&e, "Masoud Pezeshkian", NerLabel::Per), "{e:?}");
        assert!(has(&e, "Sergei Lavrov", NerLabel::Per), "{e:?}");
        assert!(has(&e, "Tehran", NerLabel::Loc), "{e:?}");
        assert!(has(&e, "Russian", NerLabel::Misc), "{e:?}");

        let e = ents(
            t,
            "The International Atomic Energy Agency said Iran had enriched uranium at Fordow .",
        );
        assert!(
            has(&e, "International Atomic Energy Agency", NerLabel::Org),
            "{e:?}"
        );

        let e = ents(t, "Hamas and Israel agreed to a ceasefire brokered by Egypt and Qatar , according to the United Nations .");
        for c in ["Israel", "Egypt", "Qatar"] {
            assert!(has(&e, c, NerLabel::Loc), "{c}: {e:?}");
        }
        assert!(has(&e, "United Nations", NerLabel::Org), "{e:?}");

        // Split hyphenated compounds as Dossier's tokenizer produces them.
        // CoNLL marks a compound like "U.S.-Iran" as one entity (LOC or
        // MISC), so the pieces stay inside one span.
        let e = ents(
            t,
            "The talks between U.S. - Iran negotiators resumed in Oman .",
        );
        assert!(has(&e, "Oman", NerLabel::Loc), "{e:?}");
        assert!(
            e.iter()
                .any(|(x, l)| x.contains("Iran") && *l != NerLabel::Per),
            "{e:?}"
        );
    }

    #[test]
    fn document_context_is_used() {
        let t = Tagger::embedded();
        let doc: Vec<Vec<&str>> = vec![
            toks("Viola Gienger , a senior writer , covered the talks in Geneva ."),
            toks("Gienger said the negotiators met twice ."),
        ];
        let out = t.tag_document(&doc);
        assert_eq!(out.len(), 2);
        assert!(
            out[1]
                .iter()
                .any(|s| s.start_token == 0 && s.end_token == 1 && s.label == NerLabel::Per),
            "{:?}",
            out[1]
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        let t = Tagger::embedded();
        assert!(t.tag(&[]).is_empty());
        let empty: Vec<Vec<&str>> = vec![vec![], vec![""], vec!["", " "]];
        let r = t.tag_document(&empty);
        assert_eq!(r.len(), 3);
        let odd = [
            "\u{0}",
            "😀",
            "ǅ",
            "İstanbul",
            "\u{301}",
            "-",
            "’s",
            "ÉTATS-UNIS",
            "a\u{200b}b",
            "1996-08-22",
        ];
        for s in t.tag(&odd) {
            assert!(s.start_token < s.end_token && s.end_token <= odd.len());
            assert!(s.confidence > 0.0 && s.confidence <= 1.0);
        }
        // A very long "sentence" is tagged in pieces; spans stay in range.
        let long: Vec<&str> = (0..5000)
            .map(|i| if i % 7 == 0 { "Paris" } else { "and" })
            .collect();
        let spans = t.tag(&long);
        assert!(spans.iter().all(|s| s.end_token <= long.len()));
        assert!(spans.iter().any(|s| s.label == NerLabel::Loc));
        // An empty tagger tags nothing.
        assert!(Tagger::default().tag(&["Paris"]).is_empty());
    }

    #[test]
    fn word_cache_does_not_change_results() {
        let t = Tagger::embedded();
        let doc: Vec<Vec<&str>> = vec![
            toks("UN SECURITY COUNCIL MEETS ON SYRIA"),
            toks("Viola Gienger , a senior writer , covered the talks in Geneva on Monday ."),
            toks("Gienger said the U.S. and Russia disagreed at the United Nations ."),
        ];
        let cold = t.tag_document(&doc);
        assert_eq!(t.tag_document(&doc), cold, "warm cache");
        // Dropping the cache gives the same again, and tagging refills it.
        clear_thread_cache();
        SCRATCH.with(|c| assert!(c.borrow().entries.is_empty(), "cache dropped"));
        assert_eq!(t.tag_document(&doc), cold, "after clear_thread_cache");
        SCRATCH.with(|c| assert!(!c.borrow().entries.is_empty(), "cache refilled"));
        // Another tagger on the same thread keeps its own cache.
        let small = Tagger::train(
            &fixture(),
            &TrainOptions {
                epochs: 3,
                folds: 2,
                prune: 0.0,
                ..TrainOptions::default()
            },
        );
        let _ = small.tag(&toks("Maria Lopez visited Lisbon ."));
        assert_eq!(t.tag_document(&doc), cold, "after another tagger");
        // A copy parsed from bytes (cold cache, owned storage) agrees.
        let copy = Tagger::from_bytes(&t.to_bytes()).expect("round trip");
        assert_eq!(copy.tag_document(&doc), cold);
        // Sentence by sentence on another thread agrees with `tag`.
        let single: Vec<Vec<NerSpan>> = doc.iter().map(|s| t.tag(s)).collect();
        let other = std::thread::spawn(move || {
            let d: Vec<Vec<&str>> = vec![toks(
                "Gienger said the U.S. and Russia disagreed at the United Nations .",
            )];
            Tagger::embedded().tag_document(&d)
        })
        .join()
        .expect("thread");
        assert_eq!(other[0], single[2]);
        // The portable driver (on a CPU with AVX2, `tag_document` runs the
        // AVX2 build of the same code) agrees, cold and warm.
        let mut scr = Scratch::default();
        assert_eq!(t.tag_with_body(&mut scr, &doc), cold, "portable, cold");
        assert_eq!(t.tag_with_body(&mut scr, &doc), cold, "portable, warm");
        let long: Vec<&str> = (0..700)
            .map(|i| ["Gienger", "met", "Lavrov", "in", "GENEVA", ",", "the", "U.S.", "said"][i % 9])
            .collect();
        assert_eq!(t.tag_with_body(&mut Scratch::default(), &[&long]), t.tag_document(&[&long]));
    }

    #[test]
    fn long_unicode_sentences_are_tagged_in_range() {
        let t = Tagger::embedded();
        let words = [
            "Paris",
            "é",
            "😀",
            "İstanbul",
            "and",
            "ǅemal",
            "\u{301}",
            "NATO",
            "-",
            "Москва",
        ];
        let long: Vec<&str> = (0..10_000)
            .map(|i| words[(i * 7 + i / 3) % words.len()])
            .collect();
        let spans = t.tag(&long);
        assert!(spans
            .iter()
            .all(|s| s.start_token < s.end_token && s.end_token <= long.len()));
        assert!(!spans.is_empty());
    }

    #[test]
    fn token_descriptors() {
        let caps = features::HashTable::default();
        let mut buf = Vec::new();
        let us = features::make_tok("U.S.", &caps, &mut buf);
        assert!(us.flags & features::F_ALLCAPS != 0 && us.flags & features::F_PERIOD != 0);
        let mc = features::make_tok("McDonald", &caps, &mut buf);
        assert!(mc.flags & features::F_MIXED != 0 && mc.flags & features::F_INITCAP != 0);
        let j = features::make_tok("J.", &caps, &mut buf);
        assert!(j.flags & features::F_INITIAL != 0);
        // Typographic apostrophes hash like ASCII ones; case is folded.
        assert_eq!(
            features::make_tok("’s", &caps, &mut buf).lower,
            features::make_tok("'s", &caps, &mut buf).lower
        );
        assert_eq!(features::lower_hash("IRAN"), features::lower_hash("Iran"));
    }
}
