//! Structured averaged perceptron over BILOU labels with first-order
//! Viterbi decoding, for the NER tagger.
//!
//! `features.rs` turns tokens into hashed `u64` features; this file scores
//! them. Training works on dense feature ids (`Trainer`); the shipped model
//! (`Weights`) keeps only the surviving features, keyed by hash, with `i16`
//! quantised weights, read in place from the model bytes (`table.rs`) behind
//! a Bloom filter. Viterbi works on reusable buffers (`ViterbiBuf`) and on
//! transitions prepared once per model (`Trans`); it uses AVX2 where
//! available, bit-for-bit equal to the portable code (row sums are inlined
//! into `mod.rs`'s driver, which is compiled the same way). `mod.rs`
//! owns the two-pass driver and serialisation.

use super::features::HashTable;
use super::io::{Reader, Writer};
use super::table::{Blob, Val};

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

/// [`spans_into`] into a new vector.
#[cfg(test)]
pub(crate) fn spans_of(labels: &[u8]) -> Vec<(usize, usize, u8)> {
    let mut out = Vec::new();
    spans_into(labels, &mut out);
    out
}

/// Entity spans `(start, end, type 1..=4)` of a well-formed BILOU sequence
/// (ill-formed pieces are repaired leniently), into `out` (cleared first,
/// so one vector serves many sentences).
pub(crate) fn spans_into(labels: &[u8], out: &mut Vec<(usize, usize, u8)>) {
    out.clear();
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
}

/// Labels that may follow a closed state (start, O, L-x, U-x): O, B-x, U-x;
/// the closed states themselves.
const CLOSED: [usize; 9] = [0, 3, 4, 7, 8, 11, 12, 15, 16];
/// Labels that may follow a closed state: O, B-x, U-x.
const CT: [usize; 9] = [0, 1, 4, 5, 8, 9, 12, 13, 16];
/// SIMD-friendly width for the 9 closed targets.
const LANES: usize = 12;

/// Viterbi over `scores` (n × NL emissions) and `trans` ((NL+1) × NL),
/// restricted to well-formed BILOU sequences. Returns the best label
/// sequence and, if `margins` is given, per token with an entity label the
/// margin between the best path through the chosen label and the best path
/// through any other label (0 for tokens labelled O).
pub(crate) fn viterbi(
    scores: &[f32],
    n: usize,
    trans: &[f32],
    out: &mut Vec<u8>,
    margins: Option<&mut Vec<f32>>,
) {
    viterbi_with(&mut ViterbiBuf::default(), scores, n, &Trans::new(trans), out, margins)
}

/// Work arrays for [`viterbi_with`], kept between sentences so decoding
/// does not allocate.
#[derive(Default, Debug)]
pub(crate) struct ViterbiBuf {
    delta: Vec<f32>,
    beta: Vec<f32>,
}

/// A transition matrix ((NL+1) × NL, the last row from the sentence
/// start) with the blocks the decoder reads laid out for it, computed once
/// per model rather than per sentence.
#[derive(Clone, Debug)]
pub(crate) struct Trans {
    raw: Vec<f32>,
    /// `tc[k][l]`: from `CLOSED[k]` to `CT[l]` (lanes by target).
    tc: [[f32; LANES]; 9],
    /// `tt[l][k]`: the same, lanes by source.
    tt: [[f32; LANES]; 9],
    /// `to[type][from B/I][to I/L]`.
    to: [[[f32; 2]; 2]; N_TYPES],
    /// A piece whose every entity-label emission is below these bounds is
    /// decoded as all O without the search (see [`all_o_bounds`]).
    all_o: [f32; NL],
}

/// Per label, the emission bound under which the all-O sequence is the
/// best one (index 0, O, unused).
///
/// Take any well-formed sequence other than all O, with entity labels at
/// positions `D`. Against all O, it loses the difference of its emissions
/// and O's at `D` (the tagger's O emission is 0, [`Weights::finish`], but
/// the test does not rely on it), and only the transitions next to `D`
/// differ. Give each such step to a position of `D`: the step into `i`
/// when `y_i` is an entity label, else the step out of `i - 1` into O.
/// Position `i` with label `l` then gains at most `into(l)` (the largest
/// allowed transition into `l`, minus `base`, the smaller of O→O and
/// start→O) plus, if positive, `out(l)` (`l`→O minus `base`). So if every
/// token's emission for every label `l` is below
/// `-(1 + into(l) + max(out(l), 0))` more than its O emission, every other
/// sequence scores at least `|D| ≥ 1` less than all O. All O is then the
/// unique best by a margin well above the rounding of the decoder's float
/// sums (pieces have at most `MAX_SENT` tokens), so the search would find
/// it too, and every entity-label margin it reports would go unused (0).
fn all_o_bounds(trans: &[f32]) -> [f32; NL] {
    let mut bound = [f32::NEG_INFINITY; NL];
    if trans.len() < (NL + 1) * NL {
        return bound;
    }
    let base = trans[0].min(trans[START * NL]);
    for (l, b) in bound.iter_mut().enumerate().skip(1) {
        let mut into = f32::NEG_INFINITY;
        for a in 0..=START {
            if allowed(a, l) {
                into = into.max(trans[a * NL + l]);
            }
        }
        let out = if allowed(l, 0) { (trans[l * NL] - base).max(0.0) } else { 0.0 };
        let x = -(1.0 + (into - base) + out);
        *b = if x.is_finite() { x } else { f32::NEG_INFINITY };
    }
    bound
}

impl Default for Trans {
    /// No transitions: nothing to decode (and no all-O shortcut).
    fn default() -> Self {
        Trans {
            raw: Vec::new(),
            tc: [[0.0; LANES]; 9],
            tt: [[0.0; LANES]; 9],
            to: [[[0.0; 2]; 2]; N_TYPES],
            all_o: [f32::NEG_INFINITY; NL],
        }
    }
}

impl Trans {
    pub fn new(trans: &[f32]) -> Self {
        let tc = closed_trans(trans);
        let mut tt = [[0f32; LANES]; 9];
        for (k, row) in tc.iter().enumerate() {
            for (l, &x) in row[..CT.len()].iter().enumerate() {
                tt[l][k] = x;
            }
        }
        Trans {
            raw: trans.to_vec(),
            tc,
            tt,
            to: open_trans(trans),
            all_o: all_o_bounds(trans),
        }
    }
    /// The plain matrix.
    pub fn raw(&self) -> &[f32] {
        &self.raw
    }
}

/// [`viterbi`] with caller-owned work arrays and prepared transitions.
/// Uses AVX2 where the CPU has it: the same operations in the same order,
/// so the results are bit-for-bit those of the portable code.
pub(crate) fn viterbi_with(
    buf: &mut ViterbiBuf,
    scores: &[f32],
    n: usize,
    trans: &Trans,
    out: &mut Vec<u8>,
    margins: Option<&mut Vec<f32>>,
) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU supports AVX2 (checked just above).
            unsafe { viterbi_avx2(buf, scores, n, trans, out, margins) };
            return;
        }
    }
    viterbi_body(buf, scores, n, trans, out, margins)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn viterbi_avx2(
    buf: &mut ViterbiBuf,
    scores: &[f32],
    n: usize,
    trans: &Trans,
    out: &mut Vec<u8>,
    margins: Option<&mut Vec<f32>>,
) {
    viterbi_body(buf, scores, n, trans, out, margins)
}

#[inline(always)]
fn viterbi_body(
    buf: &mut ViterbiBuf,
    scores: &[f32],
    n: usize,
    trans: &Trans,
    out: &mut Vec<u8>,
    margins: Option<&mut Vec<f32>>,
) {
    out.clear();
    let shortcut = all_o(scores, n, &trans.all_o);
    if shortcut {
        out.resize(n, 0);
    }
    match margins {
        Some(margins) => {
            margins.clear();
            if shortcut {
                margins.resize(n, 0.0);
            } else {
                viterbi_margins(buf, scores, n, trans, out, margins);
            }
        }
        None if !shortcut => {
            forward(buf, scores, n, trans, out);
        }
        None => {}
    }
}

/// Every entity-label emission of the `n` tokens, less the token's O
/// emission, is below its bound (so the best sequence is all O; see
/// [`all_o_bounds`]). False on NaN.
#[inline(always)]
fn all_o(scores: &[f32], n: usize, bound: &[f32; NL]) -> bool {
    n > 0
        && scores.len() >= n * NL
        && scores[..n * NL]
            .chunks_exact(NL)
            .all(|row| row.iter().zip(bound).skip(1).fold(true, |ok, (&x, &b)| ok & (x - row[0] < b)))
}

/// The search, then the max-marginal margins of the entity tokens.
#[inline(always)]
fn viterbi_margins(
    buf: &mut ViterbiBuf,
    scores: &[f32],
    n: usize,
    trans: &Trans,
    out: &mut Vec<u8>,
    margins: &mut Vec<f32>,
) {
    if !forward(buf, scores, n, trans, out) {
        return;
    }
    let delta = &buf.delta;
    const NEG: f32 = -1e30;
    // Max-marginals: best path score through each (token, label) is the
    // forward score plus the best continuation (backward pass).
    let beta = &mut buf.beta;
    beta.clear();
    beta.resize(n * NL, NEG);
    for c in 0..NL {
        if allowed_end(c) {
            beta[(n - 1) * NL + c] = 0.0;
        }
    }
    // Margins are only read inside entity spans, so the backward pass stops
    // at the first entity label (and is skipped without one).
    let Some(first) = out.iter().position(|&l| l != 0) else {
        margins.resize(n, 0.0);
        return;
    };
    let tt = &trans.tt;
    let raw = &trans.raw;
    for i in (first..n - 1).rev() {
        let (cur_rows, next_rows) = beta.split_at_mut((i + 1) * NL);
        let (Some(next), Some(cur), Some(sc)) = (
            next_rows.get(..NL).and_then(|r| <&[f32; NL]>::try_from(r).ok()),
            cur_rows.get_mut(i * NL..).and_then(|r| <&mut [f32; NL]>::try_from(r).ok()),
            scores.get((i + 1) * NL..(i + 2) * NL).and_then(|r| <&[f32; NL]>::try_from(r).ok()),
        ) else {
            break;
        };
        // Closed states: best continuation over the closed targets, for all
        // sources at once (lanes): the same sums, maximised in the same
        // order, as a per-source loop over the targets.
        let mut best = [NEG; LANES];
        for (l, &c) in CT.iter().enumerate() {
            let (s, nx) = (sc[c], next[c]);
            let row = &tt[l];
            for k in 0..LANES {
                let x = row[k] + s + nx;
                best[k] = if x > best[k] { x } else { best[k] };
            }
        }
        for (k, &p) in CLOSED.iter().enumerate() {
            cur[p] = best[k];
        }
        // Open states (B/I): continue with I or L of the same type.
        for ty in 0..N_TYPES {
            for p in [1 + ty * 4, 2 + ty * 4] {
                let mut best = NEG;
                for c in [2 + ty * 4, 3 + ty * 4] {
                    let x = raw[p * NL + c] + sc[c] + next[c];
                    if x > best {
                        best = x;
                    }
                }
                cur[p] = best;
            }
        }
    }
    margins.resize(first, 0.0);
    for i in first..n {
        let me = out[i] as usize;
        let (Some(d), Some(b)) = (
            delta.get(i * NL..(i + 1) * NL).and_then(|r| <&[f32; NL]>::try_from(r).ok()),
            beta.get(i * NL..(i + 1) * NL).and_then(|r| <&[f32; NL]>::try_from(r).ok()),
        ) else {
            break;
        };
        if me == 0 || me >= NL {
            // Outside entities (where margins are not read).
            margins.push(0.0);
            continue;
        }
        // The best other label: the maximum over all labels but `me`
        // (a maximum does not depend on the order it is taken in). The
        // first W labels are folded in halves, in lanes; the last alone.
        const W: usize = NL - 1;
        const _: () = assert!(W % 2 == 0);
        let mut v = [NEG; W];
        for c in 0..W {
            v[c] = d[c] + b[c];
        }
        let last = d[W] + b[W];
        let mine = if me == W { last } else { v[me] };
        let mut alt = if me == W { NEG } else { last };
        if me < W {
            v[me] = NEG;
        }
        let mut h = [NEG; W / 2];
        for k in 0..W / 2 {
            h[k] = if v[k + W / 2] > v[k] { v[k + W / 2] } else { v[k] };
        }
        for k in 0..W / 2 {
            alt = if h[k] > alt { h[k] } else { alt };
        }
        margins.push(if alt <= NEG / 2.0 { 1e3 } else { mine - alt });
    }
}

/// Transitions from the closed states (`CLOSED`) to their targets (`CT`),
/// laid out by lanes. `trans` has at least (NL + 1) × NL entries.
fn closed_trans(trans: &[f32]) -> [[f32; LANES]; 9] {
    let mut tc = [[0f32; LANES]; 9];
    for (k, &p) in CLOSED.iter().enumerate() {
        for (l, &c) in CT.iter().enumerate() {
            tc[k][l] = trans.get(p * NL + c).copied().unwrap_or(0.0);
        }
    }
    tc
}

/// Forward Viterbi: fills `out` with the best sequence and `buf.delta`
/// with the forward scores (n × NL); false (and nothing filled) when there
/// is nothing to decode.
///
/// The forward pass keeps only the best scores, not back-pointers: the
/// traceback recomputes the winning predecessor of the chosen label at each
/// token from the stored scores, with the same sums and the same
/// first-wins comparisons, so it finds the same path as back-pointers
/// would, at a fraction of the work (one label per token instead of all).
#[inline(always)]
fn forward(
    buf: &mut ViterbiBuf,
    scores: &[f32],
    n: usize,
    trans: &Trans,
    out: &mut Vec<u8>,
) -> bool {
    let raw = &trans.raw;
    if n == 0 || scores.len() < n * NL || raw.len() < (NL + 1) * NL {
        return false;
    }
    const NEG: f32 = -1e30;
    let delta = &mut buf.delta;
    delta.clear();
    delta.resize(n * NL, NEG);
    for c in 0..NL {
        if allowed(START, c) {
            delta[c] = scores[c] + raw[START * NL + c];
        }
    }
    let tc = &trans.tc;
    let to = &trans.to;
    for i in 1..n {
        // The scores of token i are written in place, next to those of
        // token i - 1 that they are computed from.
        let (done, rest) = delta.split_at_mut(i * NL);
        let (Some(prev), Some(cur), Some(sc)) = (
            done.get((i - 1) * NL..).and_then(|r| <&[f32; NL]>::try_from(r).ok()),
            rest.get_mut(..NL).and_then(|r| <&mut [f32; NL]>::try_from(r).ok()),
            scores.get(i * NL..(i + 1) * NL).and_then(|r| <&[f32; NL]>::try_from(r).ok()),
        ) else {
            break;
        };
        // Closed → O / B / U, all targets at once (lanes; the padding
        // lanes past CT.len() are ignored): the maximum over CLOSED, in
        // order, with strict comparisons.
        let mut best = [NEG; LANES];
        for (k, &p) in CLOSED.iter().enumerate() {
            let pv = prev[p];
            let row = &tc[k];
            for l in 0..LANES {
                let v = pv + row[l];
                best[l] = if v > best[l] { v } else { best[l] };
            }
        }
        for (l, &c) in CT.iter().enumerate() {
            cur[c] = best[l] + sc[c];
        }
        // Open (B/I of the same type) → I / L. With the closed targets,
        // every label of `cur` is set.
        for ty in 0..N_TYPES {
            let (b, ii) = (1 + ty * 4, 2 + ty * 4);
            for ci in 0..2 {
                let c = 2 + ty * 4 + ci;
                let vb = prev[b] + to[ty][0][ci];
                let vi = prev[ii] + to[ty][1][ci];
                cur[c] = if vb >= vi { vb } else { vi } + sc[c];
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
        let prev = &delta[(i - 1) * NL..i * NL];
        out[i - 1] = best_prev(prev, out[i] as usize, tc, to);
    }
    true
}

/// Transitions between the open states of each type (B, I) and their
/// targets (I, L): `[type][from B, from I][to I, to L]`.
fn open_trans(trans: &[f32]) -> [[[f32; 2]; 2]; N_TYPES] {
    let mut to = [[[0f32; 2]; 2]; N_TYPES];
    for (ty, t) in to.iter_mut().enumerate() {
        for (fi, from) in [1 + ty * 4, 2 + ty * 4].into_iter().enumerate() {
            for (ci, c) in [2 + ty * 4, 3 + ty * 4].into_iter().enumerate() {
                t[fi][ci] = trans.get(from * NL + c).copied().unwrap_or(0.0);
            }
        }
    }
    to
}

/// The predecessor of label `c` on the best path, given the forward scores
/// `prev` of the token before: the label [`forward`]'s maximisation for `c`
/// picks (first of equals in CLOSED order for closed targets, B over I for
/// open ones).
#[inline(always)]
fn best_prev(prev: &[f32], c: usize, tc: &[[f32; LANES]; 9], to: &[[[f32; 2]; 2]; N_TYPES]) -> u8 {
    const NEG: f32 = -1e30;
    if let Some(l) = CT.iter().position(|&x| x == c) {
        let mut best = NEG;
        let mut arg = 0usize;
        for (k, &p) in CLOSED.iter().enumerate() {
            let v = prev[p] + tc[k][l];
            if v > best {
                best = v;
                arg = p;
            }
        }
        arg as u8
    } else {
        // An I or L label: from B or I of its type.
        let ty = (c - 2) / 4;
        let ci = (c - 2) % 4;
        let (b, ii) = (1 + ty * 4, 2 + ty * 4);
        let vb = prev[b] + to[ty][0][ci];
        let vi = prev[ii] + to[ty][1][ci];
        if vb >= vi {
            b as u8
        } else {
            ii as u8
        }
    }
}

/// Summed quantised weights of the 16 entity labels for one token.
pub(crate) type Acc = [i32; NL - 1];

/// One feature's quantised weights (entity labels minus O), aligned so a
/// row never straddles a cache line.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[repr(C, align(32))]
pub(crate) struct Row(pub [i16; NL - 1]);

impl Val for Row {
    const SIZE: usize = 2 * (NL - 1);
    fn read(b: &[u8]) -> Self {
        let mut r = Row::default();
        for (x, c) in r.0.iter_mut().zip(b.chunks_exact(2)) {
            *x = i16::from_le_bytes([c[0], c[1]]);
        }
        r
    }
    fn write(&self, out: &mut Vec<u8>) {
        for x in self.0 {
            out.extend_from_slice(&x.to_le_bytes());
        }
    }
}

/// Add one row, as stored (16 little-endian `i16`), into `acc`.
#[inline(always)]
fn add_row(acc: &mut Acc, b: &[u8]) {
    let Ok(b) = <&[u8; 2 * (NL - 1)]>::try_from(b) else {
        return;
    };
    for j in 0..NL - 1 {
        acc[j] += i16::from_le_bytes([b[2 * j], b[2 * j + 1]]) as i32;
    }
}

/// The shipped weights of one pass. Rows hold the 16 entity labels'
/// weights minus the O weight (only differences between labels of the
/// same token matter), quantised to `i16`, in the order of the sorted keys.
#[derive(Clone, Debug, Default)]
pub(crate) struct Weights {
    table: HashTable<Row>,
    scale: f32,
    pub trans: Trans,
}

impl Weights {
    pub fn n_features(&self) -> usize {
        self.table.len()
    }

    /// [`HashTable::find_many`] over the weight keys.
    #[inline]
    pub fn find_many(&self, feats: &[u64], tmp: &mut Vec<u32>, out: &mut Vec<u32>) {
        self.table.find_many(feats, tmp, out);
    }

    /// Add the rows at positions `found` (results of [`Weights::find_many`]
    /// or [`Weights::position`]; [`NONE`](super::table::NONE) skipped) to
    /// `acc`. Always inlined: the tagger's driver, which calls it, is
    /// compiled for AVX2 where the CPU has it, and so is this loop there.
    /// Integer sums: the AVX2 and portable versions agree exactly.
    #[inline(always)]
    pub fn add_found(&self, found: &[u32], acc: &mut Acc) {
        self.add_found_body(found, acc)
    }

    #[inline(always)]
    fn add_found_body(&self, found: &[u32], acc: &mut Acc) {
        for &i in found {
            if i != super::table::NONE {
                add_row(acc, self.table.val_bytes(i as usize));
            }
        }
    }

    /// The position of feature `f` in the table ([`NONE`](super::table::NONE)
    /// if absent), for [`Weights::add_found`].
    pub fn position(&self, f: u64) -> u32 {
        self.table.find(f).map_or(super::table::NONE, |i| i as u32)
    }

    /// The quantised row of one feature (zeros if absent), widened.
    pub fn row_of(&self, f: u64) -> Acc {
        let mut a = [0i32; NL - 1];
        self.accumulate(&[f], &mut a);
        a
    }

    /// Add the quantised rows of `feats` into `acc`.
    #[inline]
    pub fn accumulate(&self, feats: &[u64], acc: &mut Acc) {
        for &f in feats {
            if let Some(i) = self.table.find(f) {
                add_row(acc, self.table.val_bytes(i));
            }
        }
    }

    /// Scale accumulated rows into emission scores (`out[0]`, O, is 0).
    #[inline(always)]
    pub fn finish(&self, acc: &Acc, out: &mut [f32]) {
        let Some(out) = out.get_mut(..NL).and_then(|o| <&mut [f32; NL]>::try_from(o).ok()) else {
            return;
        };
        out[0] = 0.0;
        for l in 0..NL - 1 {
            out[l + 1] = acc[l] as f32 * self.scale;
        }
    }

    pub fn write(&self, w: &mut Writer) {
        let keys: Vec<u64> = self.table.iter().map(|e| e.0).collect();
        w.u64s(&keys);
        w.f32(self.scale);
        let flat: Vec<i16> = self.table.iter().flat_map(|e| e.1 .0).collect();
        w.i16s(&flat);
        self.table.write_lookup(w);
        w.f32s(self.trans.raw());
    }

    /// Read a weight section of `blob` (whose bytes `r` reads), using the
    /// keys and rows in place.
    pub fn read(r: &mut Reader, blob: &Blob) -> Result<Self, String> {
        let (keys_at, n) = r.array(8)?;
        let scale = r.f32()?;
        let (rows_at, nw) = r.array(2)?;
        let table = HashTable::read_lookup(r, blob, (keys_at, rows_at, n))?;
        let trans = r.f32s()?;
        if nw != n * (NL - 1) || trans.len() != (NL + 1) * NL || !scale.is_finite() {
            return Err("weight section has inconsistent sizes".into());
        }
        Ok(Weights {
            table,
            scale,
            trans: Trans::new(&trans),
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
            Row(a)
        });
        let mut table =
            HashTable::from_sorted(kept_keys.iter().copied().zip(w)).unwrap_or_default();
        table.add_filter(16);
        Weights {
            table,
            scale,
            trans: Trans::new(&self.trans),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Plain first-order Viterbi over all allowed label pairs with
    /// back-pointers, and max-marginal margins, as the reference.
    fn reference(scores: &[f32], n: usize, trans: &[f32]) -> (Vec<u8>, Vec<f32>) {
        const NEG: f32 = -1e30;
        let mut delta = vec![NEG; n * NL];
        let mut back = vec![0u8; n * NL];
        for c in 0..NL {
            if allowed(START, c) {
                delta[c] = scores[c] + trans[START * NL + c];
            }
        }
        for i in 1..n {
            for c in 0..NL {
                let (mut best, mut arg) = (NEG, 0usize);
                for p in 0..NL {
                    if allowed(p, c) {
                        let v = delta[(i - 1) * NL + p] + trans[p * NL + c];
                        if v > best {
                            best = v;
                            arg = p;
                        }
                    }
                }
                delta[i * NL + c] = best + scores[i * NL + c];
                back[i * NL + c] = arg as u8;
            }
        }
        let (mut best, mut arg) = (NEG, 0usize);
        for c in 0..NL {
            if allowed_end(c) && delta[(n - 1) * NL + c] > best {
                best = delta[(n - 1) * NL + c];
                arg = c;
            }
        }
        let mut out = vec![0u8; n];
        out[n - 1] = arg as u8;
        for i in (1..n).rev() {
            out[i - 1] = back[i * NL + out[i] as usize];
        }
        let mut beta = vec![NEG; n * NL];
        for c in 0..NL {
            if allowed_end(c) {
                beta[(n - 1) * NL + c] = 0.0;
            }
        }
        for i in (0..n - 1).rev() {
            for p in 0..NL {
                let mut best = NEG;
                for c in 0..NL {
                    if allowed(p, c) {
                        let x = trans[p * NL + c] + scores[(i + 1) * NL + c] + beta[(i + 1) * NL + c];
                        if x > best {
                            best = x;
                        }
                    }
                }
                beta[i * NL + p] = best;
            }
        }
        let first = out.iter().position(|&l| l != 0).unwrap_or(n);
        let mut margins = vec![0f32; first];
        for i in first..n {
            let me = out[i] as usize;
            if me == 0 {
                margins.push(0.0);
                continue;
            }
            let (mut alt, mut mine) = (NEG, NEG);
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
        (out, margins)
    }

    #[test]
    fn viterbi_matches_the_plain_algorithm() {
        let mut rng = Rng(7);
        let mut buf = ViterbiBuf::default();
        let mut shortcuts = 0;
        for round in 0..800 {
            let n = 1 + (rng.next() % 40) as usize;
            // From round 400 on, O is favoured by about the all-O bounds, so
            // that the decoder's all-O shortcut is taken in some rounds and
            // only just missed in others.
            let o_bias = if round >= 400 { 8.0 + (rng.next() % 8) as f32 } else { 0.0 };
            // Coarse values in some rounds, so that ties are common.
            let coarse = round % 2 == 0;
            let mut val = |scale: f32| {
                let r = (rng.next() % 2001) as f32 / 1000.0 - 1.0;
                if coarse {
                    (r * 2.0).round() * scale
                } else {
                    r * scale
                }
            };
            let trans: Vec<f32> = (0..(NL + 1) * NL).map(|_| val(2.0)).collect();
            let mut scores: Vec<f32> = (0..n * NL).map(|_| val(5.0)).collect();
            for row in scores.chunks_exact_mut(NL) {
                row[0] += o_bias;
            }
            let (want, want_m) = reference(&scores, n, &trans);
            let (mut out, mut mar) = (Vec::new(), Vec::new());
            let tr = Trans::new(&trans);
            if all_o(&scores, n, &tr.all_o) {
                shortcuts += 1;
                assert!(want.iter().all(|&l| l == 0), "round {round}: the bound admits a sequence that is not all O");
            }
            viterbi_with(&mut buf, &scores, n, &tr, &mut out, Some(&mut mar));
            assert_eq!(out, want, "round {round}");
            assert_eq!(mar, want_m, "round {round}");
            viterbi_with(&mut buf, &scores, n, &tr, &mut out, None);
            assert_eq!(out, want, "round {round}");
            // The portable code agrees with the dispatched one.
            viterbi_body(&mut buf, &scores, n, &tr, &mut out, Some(&mut mar));
            assert_eq!(out, want, "round {round}");
            assert_eq!(mar, want_m, "round {round}");
        }
        assert!(shortcuts >= 20, "the all-O shortcut was taken in only {shortcuts} rounds");
    }
}
