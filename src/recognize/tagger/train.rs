//! Training for the NER tagger: turns tagged documents into `Tagger`s.
//!
//! Builds the gazetteer and word statistics, extracts features
//! (`features.rs`), trains pass 1 with the averaged perceptron
//! (`perceptron.rs`), computes jackknifed pass-1 scores and labels for the
//! training documents, and trains pass 2 on top of them. Deterministic for a
//! given `TrainOptions::seed`. Run through `dossier-train` (src/bin).

use super::features::{self, BuildMix, DocTok, Gazetteer, HashTable, Tok};
use super::perceptron::{self, Dense, Instance, Rng, Trainer, Weights, NL};
use super::{NerLabel, Prep, Tagger, TrainOptions};
use std::collections::HashMap;

impl Tagger {
    /// Train on sentences, each treated as its own document. Tags are BIO
    /// (IOB2) or IOB1 (`B-PER`, `I-ORG`, `O`, …); unknown types are O.
    pub fn train(sentences: &[(Vec<String>, Vec<String>)], opts: &TrainOptions) -> Tagger {
        let docs: Vec<Vec<(Vec<String>, Vec<String>)>> =
            sentences.iter().map(|s| vec![s.clone()]).collect();
        Tagger::train_documents(&docs, opts)
    }

    /// Train on documents (lists of tagged sentences).
    pub fn train_documents(
        docs: &[Vec<(Vec<String>, Vec<String>)>],
        opts: &TrainOptions,
    ) -> Tagger {
        let log = |s: String| {
            if opts.verbose {
                eprintln!("[train] {s}");
            }
        };
        let gaz = Gazetteer::from_lists(&opts.gazetteers);
        let capr_entries = capitalisation_stats(docs, &opts.unlabeled);
        let clusters = word_clusters(docs, &opts.unlabeled, opts.clusters, opts.seed);
        let mut merged: std::collections::BTreeMap<u64, [u8; 2]> =
            std::collections::BTreeMap::new();
        for &(k, b) in &capr_entries {
            merged.entry(k).or_default()[0] = b as u8;
        }
        for &(k, c) in &clusters {
            merged.entry(k).or_default()[1] = c;
        }
        let words = HashTable::from_sorted(merged.into_iter()).unwrap_or_default();
        let mut tagger = Tagger {
            gaz,
            words,
            pass1: Weights::default(),
            pass2: None,
            cache_id: Default::default(),
        };
        log(format!(
            "gazetteer {} phrases, capitalisation stats {} words, clusters for {} words",
            tagger.gaz.table.len(),
            capr_entries.len(),
            clusters.len()
        ));

        // Prepare documents.
        let mut buf = Vec::new();
        let mut prep: Vec<Vec<Prep>> = Vec::with_capacity(docs.len());
        let mut gold: Vec<Vec<Vec<u8>>> = Vec::with_capacity(docs.len());
        for d in docs {
            let mut ps = Vec::new();
            let mut gs = Vec::new();
            for (toks, tags) in d {
                if toks.is_empty() || toks.len() != tags.len() {
                    continue;
                }
                let t: Vec<Tok> = toks
                    .iter()
                    .map(|w| features::make_tok(w, &tagger.words, &mut buf))
                    .collect();
                ps.push(tagger.finish_prep(t));
                gs.push(bilou_from_tags(tags));
            }
            prep.push(ps);
            gold.push(gs);
        }
        let dcase: Vec<Vec<Vec<DocTok>>> =
            prep.iter().map(|d| features::doc_case_info(d)).collect();

        // Pass 1.
        let feats1 = extract_all(&prep, &dcase, false);
        let (keys1, inst1) = index_features(&feats1, &gold, opts.min_count, None);
        log(format!("pass 1: {} features", keys1.len()));
        let all: Vec<usize> = (0..docs.len()).collect();
        let dense1 = train_pass(&inst1, &all, keys1.len(), None, opts, &log);
        tagger.pass1 = dense1.to_weights(&keys1, opts.prune);

        if opts.two_pass {
            // Jackknifed pass-1 labels for the training documents.
            let k = opts.folds.max(2).min(docs.len().max(2));
            let mut labels1: Vec<Vec<Vec<u8>>> = inst1
                .iter()
                .map(|d| d.iter().map(|x| vec![0; x.gold.len()]).collect())
                .collect();
            let mut base1: Vec<Vec<Vec<f32>>> = inst1
                .iter()
                .map(|d| d.iter().map(|x| vec![0.0; x.gold.len() * NL]).collect())
                .collect();
            if docs.len() >= 2 {
                for f in 0..k {
                    let train_docs: Vec<usize> = (0..docs.len()).filter(|d| d % k != f).collect();
                    let held: Vec<usize> = (0..docs.len()).filter(|d| d % k == f).collect();
                    if held.is_empty() || train_docs.is_empty() {
                        continue;
                    }
                    log(format!("jackknife fold {}/{}", f + 1, k));
                    let dense = train_pass(&inst1, &train_docs, keys1.len(), None, opts, &|_| {});
                    for &d in &held {
                        for (s, x) in inst1[d].iter().enumerate() {
                            base1[d][s] = dense.decode(x, &mut labels1[d][s]);
                        }
                    }
                }
            }
            let mut dt2 = dcase.clone();
            for d in 0..docs.len() {
                features::doc_pass1_info(&prep[d], &labels1[d], &mut dt2[d]);
            }
            let feats2 = extract_all(&prep, &dt2, true);
            let (keys2, inst2) = index_features(&feats2, &gold, opts.min_count, Some(base1));
            log(format!("pass 2: {} features", keys2.len()));
            let dense2 = train_pass(&inst2, &all, keys2.len(), Some(&dense1.trans), opts, &log);
            tagger.pass2 = Some(dense2.to_weights(&keys2, opts.prune));
        }
        tagger
    }
}

/// Convert BIO/IOB1 tags to BILOU label indices.
pub(super) fn bilou_from_tags(tags: &[String]) -> Vec<u8> {
    let n = tags.len();
    let mut spans: Vec<(usize, usize, u8)> = Vec::new();
    let mut open: Option<(usize, u8)> = None;
    for (i, t) in tags.iter().enumerate() {
        let (prefix, ty) = match t.split_once('-') {
            Some((p, ty)) => (p, NerLabel::parse(ty).map(|l| l.index())),
            None => ("O", None),
        };
        match ty {
            None => {
                if let Some((s, ot)) = open.take() {
                    spans.push((s, i, ot));
                }
            }
            Some(ty) => {
                let cont =
                    matches!(open, Some((_, ot)) if ot == ty) && prefix.eq_ignore_ascii_case("I");
                if !cont {
                    if let Some((s, ot)) = open.take() {
                        spans.push((s, i, ot));
                    }
                    open = Some((i, ty));
                }
            }
        }
    }
    if let Some((s, ot)) = open {
        spans.push((s, n, ot));
    }
    let mut out = vec![0u8; n];
    for (s, e, ty) in spans {
        if e - s == 1 {
            out[s] = perceptron::label(ty, perceptron::POS_U);
        } else {
            out[s] = perceptron::label(ty, perceptron::POS_B);
            for o in out.iter_mut().take(e - 1).skip(s + 1) {
                *o = perceptron::label(ty, perceptron::POS_I);
            }
            out[e - 1] = perceptron::label(ty, perceptron::POS_L);
        }
    }
    out
}

/// Capitalisation-ratio buckets of lowercase word forms, counted in
/// mixed-case sentences outside sentence-initial position.
fn capitalisation_stats(
    docs: &[Vec<(Vec<String>, Vec<String>)>],
    unlabeled: &[String],
) -> Vec<(u64, u32)> {
    let mut counts: HashMap<u64, (u32, u32), BuildMix> = HashMap::default();
    let mut count_sentence = |toks: &[&str]| {
        if !toks.iter().any(|t| t.chars().any(|c| c.is_lowercase())) {
            return;
        }
        let mut initial = true;
        for t in toks {
            let t =
                t.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'' && c != '-');
            let first = t.chars().next();
            match first {
                Some(c) if c.is_alphabetic() => {
                    if !initial {
                        let e = counts.entry(features::lower_hash(t)).or_insert((0, 0));
                        if c.is_uppercase() {
                            e.0 += 1;
                        } else {
                            e.1 += 1;
                        }
                    }
                    initial = false;
                }
                _ => {}
            }
            if t.ends_with(['.', '!', '?', ':'])
                && !(t.len() <= 3 && t.chars().filter(|c| c.is_uppercase()).count() == 1)
                || t == "\""
            {
                initial = true;
            }
        }
    };
    for d in docs {
        for (toks, _) in d {
            let v: Vec<&str> = toks.iter().map(|s| s.as_str()).collect();
            count_sentence(&v);
        }
    }
    for text in unlabeled {
        for line in text.lines() {
            let v: Vec<&str> = line.split_whitespace().collect();
            count_sentence(&v);
        }
    }
    let mut out: Vec<(u64, u32)> = counts
        .into_iter()
        .filter(|(_, (c, l))| c + l >= 3)
        .map(|(k, (c, l))| {
            let r = c as f32 / (c + l) as f32;
            let b = if r < 0.05 {
                1
            } else if r < 0.3 {
                2
            } else if r < 0.7 {
                3
            } else if r < 0.95 {
                4
            } else {
                5
            };
            (k, b)
        })
        .collect();
    out.sort_unstable();
    out
}

/// Distributional word clusters: k-means (cosine) over log-scaled counts
/// of the left and right neighbours (among the most frequent words) of
/// every lowercase word form seen at least 3 times. Returns sorted
/// (word hash, cluster + 1) pairs.
fn word_clusters(
    docs: &[Vec<(Vec<String>, Vec<String>)>],
    unlabeled: &[String],
    k: usize,
    seed: u64,
) -> Vec<(u64, u8)> {
    let k = k.min(255);
    if k == 0 {
        return Vec::new();
    }
    const N_CTX: usize = 400;
    let mut sents: Vec<Vec<u64>> = Vec::new();
    for d in docs {
        for (toks, _) in d {
            sents.push(toks.iter().map(|t| features::lower_hash(t)).collect());
        }
    }
    for text in unlabeled {
        for line in text.lines() {
            sents.push(line.split_whitespace().map(features::lower_hash).collect());
        }
    }
    let mut freq: HashMap<u64, u32, BuildMix> = HashMap::default();
    for s in &sents {
        for &w in s {
            *freq.entry(w).or_insert(0) += 1;
        }
    }
    let mut by_freq: Vec<(u32, u64)> = freq.iter().map(|(&w, &c)| (c, w)).collect();
    by_freq.sort_unstable_by(|a, b| b.cmp(a));
    let ctx: HashMap<u64, usize, BuildMix> = by_freq
        .iter()
        .take(N_CTX)
        .enumerate()
        .map(|(i, &(_, w))| (w, i))
        .collect();
    let vocab: Vec<u64> = by_freq
        .iter()
        .filter(|(c, _)| *c >= 3)
        .map(|&(_, w)| w)
        .collect();
    let vid: HashMap<u64, usize, BuildMix> =
        vocab.iter().enumerate().map(|(i, &w)| (w, i)).collect();
    let dim = 2 * (N_CTX + 1);
    let mut counts: Vec<HashMap<u32, f32, BuildMix>> = vec![HashMap::default(); vocab.len()];
    for s in &sents {
        for (i, w) in s.iter().enumerate() {
            let Some(&v) = vid.get(w) else { continue };
            let l = if i == 0 {
                N_CTX
            } else {
                ctx.get(&s[i - 1]).copied().unwrap_or(usize::MAX)
            };
            let r = if i + 1 == s.len() {
                N_CTX
            } else {
                ctx.get(&s[i + 1]).copied().unwrap_or(usize::MAX)
            };
            if l != usize::MAX {
                *counts[v].entry(l as u32).or_insert(0.0) += 1.0;
            }
            if r != usize::MAX {
                *counts[v].entry((N_CTX + 1 + r) as u32).or_insert(0.0) += 1.0;
            }
        }
    }
    // Sparse, L2-normalised vectors (sorted by dimension for determinism).
    let vecs: Vec<Vec<(u32, f32)>> = counts
        .into_iter()
        .map(|m| {
            let mut v: Vec<(u32, f32)> = m.into_iter().map(|(d, c)| (d, (1.0 + c).ln())).collect();
            v.sort_unstable_by_key(|e| e.0);
            let norm = v.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt().max(1e-6);
            v.iter_mut().for_each(|e| e.1 /= norm);
            v
        })
        .collect();
    if vecs.len() < k {
        return Vec::new();
    }
    // Initialise with k words spread over the 20·k most frequent ones.
    let mut rng = Rng(seed ^ 0xC1u64);
    let pool = (20 * k).min(vecs.len());
    let mut idx: Vec<usize> = (0..pool).collect();
    rng.shuffle(&mut idx);
    let mut cent = vec![0f32; k * dim];
    for (c, &i) in idx.iter().take(k).enumerate() {
        for &(d, x) in &vecs[i] {
            cent[c * dim + d as usize] = x;
        }
    }
    let mut assign = vec![0usize; vecs.len()];
    for _ in 0..8 {
        for (i, v) in vecs.iter().enumerate() {
            let mut best = f32::MIN;
            for c in 0..k {
                let row = &cent[c * dim..(c + 1) * dim];
                let s: f32 = v.iter().map(|&(d, x)| row[d as usize] * x).sum();
                if s > best {
                    best = s;
                    assign[i] = c;
                }
            }
        }
        cent.iter_mut().for_each(|x| *x = 0.0);
        for (i, v) in vecs.iter().enumerate() {
            let c = assign[i];
            for &(d, x) in v {
                cent[c * dim + d as usize] += x;
            }
        }
        for c in 0..k {
            let row = &mut cent[c * dim..(c + 1) * dim];
            let norm = row.iter().map(|x| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                row.iter_mut().for_each(|x| *x /= norm);
            }
        }
    }
    let mut out: Vec<(u64, u8)> = vocab
        .iter()
        .zip(&assign)
        .map(|(&w, &c)| (w, (c + 1) as u8))
        .collect();
    out.sort_unstable();
    out
}

fn extract_all(
    prep: &[Vec<Prep>],
    dt: &[Vec<Vec<DocTok>>],
    pass2: bool,
) -> Vec<Vec<(Vec<u64>, Vec<u32>)>> {
    prep.iter()
        .zip(dt)
        .map(|(doc, ddt)| {
            doc.iter()
                .zip(ddt)
                .map(|((toks, si), d)| {
                    let mut f = Vec::new();
                    let mut offs = vec![0u32];
                    for i in 0..toks.len() {
                        if pass2 {
                            features::pass2_features(toks, d, i, &mut f);
                        } else {
                            features::token_features(toks, *si, d, i, &mut f);
                        }
                        offs.push(f.len() as u32);
                    }
                    (f, offs)
                })
                .collect()
        })
        .collect()
}

/// Assign dense ids to features seen at least `min_count` times.
fn index_features(
    feats: &[Vec<(Vec<u64>, Vec<u32>)>],
    gold: &[Vec<Vec<u8>>],
    min_count: u32,
    base: Option<Vec<Vec<Vec<f32>>>>,
) -> (Vec<u64>, Vec<Vec<Instance>>) {
    let mut counts: HashMap<u64, u32, BuildMix> = HashMap::default();
    for d in feats {
        for (f, _) in d {
            for &h in f {
                *counts.entry(h).or_insert(0) += 1;
            }
        }
    }
    let mut keys: Vec<u64> = counts
        .iter()
        .filter(|(_, &c)| c >= min_count)
        .map(|(&k, _)| k)
        .collect();
    keys.sort_unstable();
    let ids: HashMap<u64, u32, BuildMix> = keys
        .iter()
        .enumerate()
        .map(|(i, &k)| (k, i as u32))
        .collect();
    let mut base = base.unwrap_or_default();
    let inst = feats
        .iter()
        .zip(gold)
        .enumerate()
        .map(|(di, (d, gd))| {
            let mut bd = std::mem::take(base.get_mut(di).unwrap_or(&mut Vec::new()));
            d.iter()
                .zip(gd)
                .enumerate()
                .map(|(si, ((f, offs), g))| {
                    let mut out = Vec::with_capacity(f.len());
                    let mut o2 = vec![0u32];
                    for w in offs.windows(2) {
                        for &h in &f[w[0] as usize..w[1] as usize] {
                            if let Some(&id) = ids.get(&h) {
                                out.push(id);
                            }
                        }
                        o2.push(out.len() as u32);
                    }
                    let b = bd.get_mut(si).map(std::mem::take).unwrap_or_default();
                    Instance {
                        ids: out,
                        offs: o2,
                        gold: g.clone(),
                        base: b,
                    }
                })
                .collect()
        })
        .collect();
    (keys, inst)
}

fn train_pass(
    inst: &[Vec<Instance>],
    docs: &[usize],
    n_features: usize,
    trans: Option<&[f32]>,
    opts: &TrainOptions,
    log: &dyn Fn(String),
) -> Dense {
    let mut order: Vec<(usize, usize)> = docs
        .iter()
        .flat_map(|&d| (0..inst[d].len()).map(move |s| (d, s)))
        .collect();
    let mut tr = Trainer::new(n_features, trans);
    let mut rng = Rng(opts.seed);
    for e in 0..opts.epochs {
        rng.shuffle(&mut order);
        let mut wrong = 0;
        for &(d, s) in &order {
            wrong += tr.step(&inst[d][s]) as usize;
        }
        log(format!(
            "epoch {}: {} / {} sentences wrong",
            e + 1,
            wrong,
            order.len()
        ));
    }
    tr.averaged()
}
