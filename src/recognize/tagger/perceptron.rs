//! Structured averaged perceptron over BILOU labels with first-order
//! Viterbi decoding, for the NER tagger.
//!
//! `features.rs` turns tokens into hashed `u64` features; this file scores
//! them. Training works on dense feature ids (`Trainer`); the shipped model
//! (`Weights`) keeps only the surviving features, keyed by hash, with `i16`
//! quantised weights. `mod.rs` owns the two-pass driver and serialisation.

use super::features::HashTable;
use super::io::{Reader, Writer};

/// Entity types in label order.
pub(crate) const N_TYPES: usize = 4;
/// O + 4 types × (B, I, L, U).
pub(crate) const NL: usize = 1 + N_TYPES * 4;
const START: usize = NL;

pub(crate) const POS_B: u8 = 0;
pub(crate) const POS_I: u8 = 1;
pub(crate) const POS_L: u8 = 2;
pub(crate) const POS_U: u8 = 3;

#[inline]
pub(crate) fn label(ty: u8, pos: u8) -> u8 {
    1 + ty * 4 + pos
}
/// 0 for O, else 1 + type.
#[inline]
pub(crate) fn type_of(l: u8) -> u8 {
    if l == 0 {
        0
    } else {
        1 + (l - 1) / 4
    }
}
#[inline]
fn pos_of(l: u8) -> u8 {
    (l - 1) % 4
}

/// Whether `cur` may follow `prev` (`prev == START` at sentence start).
#[inline]
fn allowed(prev: usize, cur: usize) -> bool {
    let open = prev != START && prev != 0 && matches!(pos_of(prev as u8), POS_B | POS_I);
    if open {
        cur != 0
            && type_of(cur as u8) == type_of(prev as u8)
            && matches!(pos_of(cur as u8), POS_I | POS_L)
    } else {
        cur == 0 || matches!(pos_of(cur as u8), POS_B | POS_U)
    }
}
#[inline]
fn allowed_end(l: usize) -> bool {
    l == 0 || matches!(pos_of(l as u8), POS_L | POS_U)
}

/// Entity spans `(start, end, type 1..=4)` of a well-formed BILOU sequence
/// (ill-formed pieces are repaired leniently).
pub(crate) fn spans_of(labels: &[u8]) -> Vec<(usize, usize, u8)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, u8)> = None;
    for (i, &l) in labels.iter().enumerate() {
        if l == 0 {
            if let Some((s, t)) = open.take() {
                out.push((s, i, t));
            }
            continue;
        }
        let (t, p) = (type_of(l), pos_of(l));
        match p {
            POS_B | POS_U => {
                if let Some((s, ot)) = open.take() {
                    out.push((s, i, ot));
                }
                if p == POS_U {
                    out.push((i, i + 1, t));
                } else {
                    open = Some((i, t));
                }
            }
            _ => {
                match open {
                    Some((_, ot)) if ot == t => {}
                    Some((s, ot)) => {
                        out.push((s, i, ot));
                        open = Some((i, t));
                    }
                    None => open = Some((i, t)),
                }
                if p == POS_L {
                    if let Some((s, ot)) = open.take() {
                        out.push((s, i + 1, ot));
                    }
                }
            }
        }
    }
    if let Some((s, t)) = open {
        out.push((s, labels.len(), t));
    }
    out
}

/// Labels that may follow a closed state (start, O, L-x, U-x): O, B-x, U-x;
/// the closed states themselves.
const CLOSED: [usize; 9] = [0, 3, 4, 7, 8, 11, 12, 15, 16];

/// Viterbi over `scores` (n × NL emissions) and `trans` ((NL+1) × NL),
/// restricted to well-formed BILOU sequences. Returns the best label
/// sequence and, if `margins` is given, per token the margin between the
/// best path through the chosen label and the best path through any other
/// label.
pub(crate) fn viterbi(
    scores: &[f32],
    n: usize,
    trans: &[f32],
    out: &mut Vec<u8>,
    margins: Option<&mut Vec<f32>>,
) {
    out.clear();
    let Some(margins) = margins else {
        forward(scores, n, trans, out);
        return;
    };
    margins.clear();
    let delta = forward(scores, n, trans, out);
    if out.is_empty() {
        return;
    }
    const NEG: f32 = -1e30;
    // Max-marginals: best path score through each (token, label) is the
    // forward score plus the best continuation (backward pass).
    let mut beta = vec![NEG; n * NL];
    for c in 0..NL {
        if allowed_end(c) {
            beta[(n - 1) * NL + c] = 0.0;
        }
    }
    for i in (0..n - 1).rev() {
        let (cur_rows, next_rows) = beta.split_at_mut((i + 1) * NL);
        let next = &next_rows[..NL];
        let cur = &mut cur_rows[i * NL..];
        let sc = &scores[(i + 1) * NL..(i + 2) * NL];
        for p in 0..NL {
            let open = p != 0 && matches!(pos_of(p as u8), POS_B | POS_I);
            let mut best = NEG;
            if open {
                let ty = (p - 1) / 4;
                for c in [2 + ty * 4, 3 + ty * 4] {
                    best = best.max(trans[p * NL + c] + sc[c] + next[c]);
                }
            } else {
                for c in [0usize, 1, 4, 5, 8, 9, 12, 13, 16] {
                    best = best.max(trans[p * NL + c] + sc[c] + next[c]);
                }
            }
            cur[p] = best;
        }
    }
    for i in 0..n {
        let me = out[i] as usize;
        let mut alt = NEG;
        let mut mine = NEG;
        for c in 0..NL {
            let v = delta[i * NL + c] + beta[i * NL + c];
            if c == me {
                mine = v;
            } else if v > alt {
                alt = v;
            }
        }
        margins.push(if alt <= NEG / 2.0 { 1e3 } else { mine - alt });
    }
}

/// Forward Viterbi: fills `out` with the best sequence, returns the
/// forward scores (n × NL).
fn forward(scores: &[f32], n: usize, trans: &[f32], out: &mut Vec<u8>) -> Vec<f32> {
    if n == 0 || scores.len() < n * NL || trans.len() < (NL + 1) * NL {
        return Vec::new();
    }
    const NEG: f32 = -1e30;
    let mut delta = vec![NEG; n * NL];
    let mut back = vec![0u8; n * NL];
    for c in 0..NL {
        if allowed(START, c) {
            delta[c] = scores[c] + trans[START * NL + c];
        }
    }
    for i in 1..n {
        let (prev_rows, cur_rows) = delta.split_at_mut(i * NL);
        let prev = &prev_rows[(i - 1) * NL..];
        let cur = &mut cur_rows[..NL];
        let sc = &scores[i * NL..(i + 1) * NL];
        let bk = &mut back[i * NL..(i + 1) * NL];
        // Closed → O / B / U.
        for c in [0usize, 1, 4, 5, 8, 9, 12, 13, 16] {
            let mut best = NEG;
            let mut arg = 0usize;
            for p in CLOSED {
                let v = prev[p] + trans[p * NL + c];
                if v > best {
                    best = v;
                    arg = p;
                }
            }
            cur[c] = best + sc[c];
            bk[c] = arg as u8;
        }
        // Open (B/I of the same type) → I / L.
        for ty in 0..N_TYPES {
            let (b, ii) = (1 + ty * 4, 2 + ty * 4);
            for c in [2 + ty * 4, 3 + ty * 4] {
                let vb = prev[b] + trans[b * NL + c];
                let vi = prev[ii] + trans[ii * NL + c];
                let (best, arg) = if vb >= vi { (vb, b) } else { (vi, ii) };
                cur[c] = best + sc[c];
                bk[c] = arg as u8;
            }
        }
    }
    let last = &delta[(n - 1) * NL..];
    let mut best = NEG;
    let mut arg = 0usize;
    for (c, &v) in last.iter().enumerate() {
        if allowed_end(c) && v > best {
            best = v;
            arg = c;
        }
    }
    out.resize(n, 0);
    out[n - 1] = arg as u8;
    for i in (1..n).rev() {
        out[i - 1] = back[i * NL + out[i] as usize];
    }
    delta
}

/// Summed quantised weights of the 16 entity labels for one token.
pub(crate) type Acc = [i32; NL - 1];

/// The shipped weights of one pass. Rows hold the 16 entity labels'
/// weights minus the O weight (only differences between labels of the
/// same token matter), quantised to `i16`, in the order of the sorted keys.
#[derive(Clone, Debug, Default)]
pub(crate) struct Weights {
    table: HashTable<[i16; NL - 1]>,
    scale: f32,
    pub trans: Vec<f32>,
}

impl Weights {
    pub fn n_features(&self) -> usize {
        self.table.len()
    }

    /// Load the home slot of every feature without branching on it, so the
    /// cache misses overlap; `score` then finds them in cache.
    #[inline]
    pub fn touch(&self, feats: &[u64]) {
        self.table.touch(feats);
    }

    /// Emission scores of one token's features, written to `out[..NL]`.
    #[inline]
    pub fn score(&self, feats: &[u64], out: &mut [f32]) {
        let mut acc = [0i32; NL - 1];
        self.accumulate(feats, &mut acc);
        self.finish(&acc, out);
    }

    /// Add the quantised rows of `feats` into `acc`.
    #[inline]
    pub fn accumulate(&self, feats: &[u64], acc: &mut Acc) {
        for &f in feats {
            if let Some(row) = self.table.get(f) {
                for (a, &x) in acc.iter_mut().zip(row.iter()) {
                    *a += x as i32;
                }
            }
        }
    }

    /// Scale accumulated rows into emission scores (`out[0]`, O, is 0).
    #[inline]
    pub fn finish(&self, acc: &Acc, out: &mut [f32]) {
        if let Some((o, rest)) = out.split_first_mut() {
            *o = 0.0;
            for (o, a) in rest.iter_mut().zip(acc.iter()) {
                *o = *a as f32 * self.scale;
            }
        }
    }

    pub fn write(&self, w: &mut Writer) {
        let keys: Vec<u64> = self.table.iter().map(|e| e.0).collect();
        w.u64s(&keys);
        w.f32(self.scale);
        let flat: Vec<i16> = self.table.iter().flat_map(|e| e.1).collect();
        w.i16s(&flat);
        w.f32s(&self.trans);
    }

    pub fn read(r: &mut Reader) -> Result<Self, String> {
        let keys = r.u64s()?;
        let scale = r.f32()?;
        let flat = r.i16s()?;
        let trans = r.f32s()?;
        if flat.len() != keys.len() * (NL - 1) || trans.len() != (NL + 1) * NL || !scale.is_finite()
        {
            return Err("weight section has inconsistent sizes".into());
        }
        let rows = flat.chunks_exact(NL - 1).map(|c| {
            let mut a = [0i16; NL - 1];
            a.copy_from_slice(c);
            a
        });
        let table = HashTable::from_sorted(keys.iter().copied().zip(rows))
            .ok_or("weight keys are not sorted")?;
        Ok(Weights {
            table,
            scale,
            trans,
        })
    }
}

/// Dense averaged weights, used while training (and for jackknifing).
pub(crate) struct Dense {
    pub w: Vec<f32>,
    pub trans: Vec<f32>,
}

impl Dense {
    /// Decode one instance; returns its emission scores (base included).
    pub fn decode(&self, x: &Instance, out: &mut Vec<u8>) -> Vec<f32> {
        let n = x.offs.len() - 1;
        let mut scores = vec![0f32; n * NL];
        emissions_dense(&self.w, &x.ids, &x.offs, &mut scores);
        for (s, b) in scores.iter_mut().zip(&x.base) {
            *s += b;
        }
        viterbi(&scores, n, &self.trans, out, None);
        scores
    }

    /// Keep features whose largest |weight − O weight| reaches `min_abs`
    /// (and is non-zero); quantise. `keys` must be sorted (feature id order).
    pub fn to_weights(&self, keys: &[u64], min_abs: f32) -> Weights {
        let mut kept_keys = Vec::new();
        let mut rows: Vec<[f32; NL - 1]> = Vec::new();
        let mut maxabs = 0f32;
        for (i, &k) in keys.iter().enumerate() {
            let row = &self.w[i * NL..(i + 1) * NL];
            let mut rel = [0f32; NL - 1];
            for l in 1..NL {
                rel[l - 1] = row[l] - row[0];
            }
            let m = rel.iter().fold(0f32, |a, &x| a.max(x.abs()));
            if m >= min_abs && m > 0.0 {
                kept_keys.push(k);
                rows.push(rel);
                maxabs = maxabs.max(m);
            }
        }
        let scale = if maxabs > 0.0 { maxabs / 32000.0 } else { 1.0 };
        let w = rows.iter().map(|row| {
            let mut a = [0i16; NL - 1];
            for (q, &x) in a.iter_mut().zip(row.iter()) {
                *q = (x / scale).round().clamp(-32767.0, 32767.0) as i16;
            }
            a
        });
        let table = HashTable::from_sorted(kept_keys.iter().copied().zip(w)).unwrap_or_default();
        Weights {
            table,
            scale,
            trans: self.trans.clone(),
        }
    }
}

fn emissions_dense(w: &[f32], ids: &[u32], offs: &[u32], scores: &mut [f32]) {
    let n = offs.len() - 1;
    for i in 0..n {
        let s = &mut scores[i * NL..(i + 1) * NL];
        s.iter_mut().for_each(|x| *x = 0.0);
        for &f in &ids[offs[i] as usize..offs[i + 1] as usize] {
            let row = &w[f as usize * NL..(f as usize + 1) * NL];
            for (a, &x) in s.iter_mut().zip(row) {
                *a += x;
            }
        }
    }
}

/// One training instance: feature ids per token (CSR), gold labels, and
/// fixed base emission scores (n × NL, or empty) that the features add to.
pub(crate) struct Instance {
    pub ids: Vec<u32>,
    pub offs: Vec<u32>,
    pub gold: Vec<u8>,
    pub base: Vec<f32>,
}

/// Averaged structured perceptron trainer.
pub(crate) struct Trainer {
    w: Vec<f32>,
    acc: Vec<f64>,
    tw: Vec<f32>,
    tacc: Vec<f64>,
    c: f64,
    scores: Vec<f32>,
    pred: Vec<u8>,
}

impl Trainer {
    /// A trainer starting from zero weights and the given transitions.
    pub fn new(n_features: usize, trans: Option<&[f32]>) -> Self {
        Trainer {
            w: vec![0.0; n_features * NL],
            acc: vec![0.0; n_features * NL],
            tw: trans
                .map(|t| t.to_vec())
                .unwrap_or_else(|| vec![0.0; (NL + 1) * NL]),
            tacc: vec![0.0; (NL + 1) * NL],
            c: 1.0,
            scores: Vec::new(),
            pred: Vec::new(),
        }
    }

    /// One perceptron step; returns true if the prediction was wrong.
    pub fn step(&mut self, x: &Instance) -> bool {
        let n = x.gold.len();
        if n == 0 {
            return false;
        }
        self.scores.resize(n * NL, 0.0);
        emissions_dense(&self.w, &x.ids, &x.offs, &mut self.scores);
        for (s, b) in self.scores.iter_mut().zip(&x.base) {
            *s += b;
        }
        let mut pred = std::mem::take(&mut self.pred);
        viterbi(&self.scores, n, &self.tw, &mut pred, None);
        let wrong = pred != x.gold;
        if wrong {
            let c = self.c;
            for i in 0..n {
                let (g, p) = (x.gold[i] as usize, pred[i] as usize);
                if g != p {
                    for &f in &x.ids[x.offs[i] as usize..x.offs[i + 1] as usize] {
                        let b = f as usize * NL;
                        self.w[b + g] += 1.0;
                        self.acc[b + g] += c;
                        self.w[b + p] -= 1.0;
                        self.acc[b + p] -= c;
                    }
                }
                let pg = if i == 0 {
                    START
                } else {
                    x.gold[i - 1] as usize
                };
                let pp = if i == 0 { START } else { pred[i - 1] as usize };
                if (pg, g) != (pp, p) {
                    self.tw[pg * NL + g] += 1.0;
                    self.tacc[pg * NL + g] += c;
                    self.tw[pp * NL + p] -= 1.0;
                    self.tacc[pp * NL + p] -= c;
                }
            }
        }
        self.pred = pred;
        self.c += 1.0;
        wrong
    }

    pub fn averaged(&self) -> Dense {
        let c = self.c;
        Dense {
            w: self
                .w
                .iter()
                .zip(&self.acc)
                .map(|(&w, &a)| (w as f64 - a / c) as f32)
                .collect(),
            trans: self
                .tw
                .iter()
                .zip(&self.tacc)
                .map(|(&w, &a)| (w as f64 - a / c) as f32)
                .collect(),
        }
    }
}

/// Deterministic shuffling (SplitMix64).
pub(crate) struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}
