//! `dossier-train`: train the NER tagger (`dossier::recognize::tagger`) on
//! CoNLL-2003 JSONL and write the model that the library embeds.
//!
//! Input files are JSONL documents `{"id","text","entities":[{"start","end","type"}]}`
//! where `text` is space-separated tokens, one sentence per line, and offsets
//! are Unicode code points (the layout of `../shared/data/conll2003`).
//!
//! Usage (from the repo root; deterministic, a few minutes on one core):
//!   python3 tools/build_tagger_lists.py
//!   cargo run --release --bin dossier-train -- \
//!     --train ../shared/data/conll2003/train.jsonl --dev ../shared/data/conll2003/dev.jsonl \
//!     --lists data/models/tagger_lists.tsv \
//!     --unlabeled ../shared/data/ecbplus/train.jsonl --unlabeled ../shared/data/tempeval3/train.jsonl \
//!     --out data/models/ner.bin
//! `--dev` is only scored (exact-match span F1 per type), never trained on.

use dossier::recognize::tagger::{NerLabel, Tagger, TrainOptions};
use std::collections::BTreeMap;
use std::process::ExitCode;

type Sentence = (Vec<String>, Vec<String>);

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dossier-train: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut train = None;
    let mut dev = None;
    let mut out = None;
    let mut lists = None;
    let mut unlabeled = Vec::new();
    let mut augment = true;
    let mut opts = TrainOptions {
        verbose: true,
        ..TrainOptions::default()
    };
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--train" => train = Some(val()?),
            "--dev" => dev = Some(val()?),
            "--out" => out = Some(val()?),
            "--lists" => lists = Some(val()?),
            "--unlabeled" => unlabeled.push(val()?),
            "--epochs" => opts.epochs = val()?.parse().map_err(|e| format!("--epochs: {e}"))?,
            "--seed" => opts.seed = val()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--folds" => opts.folds = val()?.parse().map_err(|e| format!("--folds: {e}"))?,
            "--clusters" => {
                opts.clusters = val()?.parse().map_err(|e| format!("--clusters: {e}"))?
            }
            "--min-count" => {
                opts.min_count = val()?.parse().map_err(|e| format!("--min-count: {e}"))?
            }
            "--prune" => opts.prune = val()?.parse().map_err(|e| format!("--prune: {e}"))?,
            "--one-pass" => opts.two_pass = false,
            "--no-hyphen-augment" => augment = false,
            "-h" | "--help" => {
                println!("usage: dossier-train --train FILE [--dev FILE] [--lists TSV] [--unlabeled JSONL]... [--out FILE] [--epochs N] [--seed N] [--folds N] [--clusters N] [--min-count N] [--prune X] [--one-pass] [--no-hyphen-augment]");
                return Ok(());
            }
            _ => return Err(format!("unknown argument {a}")),
        }
    }
    let train = train.ok_or("--train is required")?;
    let mut docs = read_conll_jsonl(&train)?;
    eprintln!("read {} training documents", docs.len());
    if augment {
        // Dossier's tokenizer may split hyphenated compounds ("U.S.-Iran" →
        // "U.S.", "-", "Iran"); CoNLL keeps them whole. Train on both forms:
        // every second document is re-tokenised that way.
        for d in docs.iter_mut().skip(1).step_by(2) {
            *d = d.iter().map(split_hyphens).collect();
        }
    }
    if let Some(l) = &lists {
        opts.gazetteers = read_lists(l)?;
    }
    for u in &unlabeled {
        opts.unlabeled.extend(read_texts(u)?);
    }
    let t0 = std::time::Instant::now();
    let tagger = Tagger::train_documents(&docs, &opts);
    eprintln!(
        "trained in {:.1}s; features (pass 1, pass 2, gazetteer) = {:?}",
        t0.elapsed().as_secs_f64(),
        tagger.stats()
    );
    let bytes = tagger.to_bytes();
    if let Some(o) = &out {
        std::fs::write(o, &bytes).map_err(|e| format!("{o}: {e}"))?;
        eprintln!("wrote {o} ({:.1} MB)", bytes.len() as f64 / 1e6);
    }
    if let Some(d) = &dev {
        let tagger = Tagger::from_bytes(&bytes)?;
        let docs = read_conll_jsonl(d)?;
        score(&tagger, &docs);
        println!("-- same, hyphenated tokens split:");
        let split: Vec<Vec<Sentence>> = docs
            .iter()
            .map(|d| d.iter().map(split_hyphens).collect())
            .collect();
        score(&tagger, &split);
    }
    Ok(())
}

/// Read CoNLL JSONL into documents of (tokens, BIO tags).
fn read_conll_jsonl(path: &str) -> Result<Vec<Vec<Sentence>>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut docs = Vec::new();
    for (ln, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{path}:{}: {e}", ln + 1))?;
        let t = v["text"].as_str().unwrap_or("");
        let mut ents: BTreeMap<usize, (usize, String)> = BTreeMap::new();
        if let Some(es) = v["entities"].as_array() {
            for e in es {
                let s = e["start"].as_u64().unwrap_or(0) as usize;
                let en = e["end"].as_u64().unwrap_or(0) as usize;
                let ty = e["type"].as_str().unwrap_or("").to_string();
                ents.insert(s, (en, ty));
            }
        }
        let mut doc = Vec::new();
        let mut pos = 0usize; // code point offset
        for sent in t.split('\n') {
            let mut toks = Vec::new();
            let mut tags = Vec::new();
            let mut open: Option<(usize, String)> = None;
            for tok in sent.split(' ') {
                let len = tok.chars().count();
                if !tok.is_empty() {
                    if let Some((end, ty)) = ents.get(&pos) {
                        tags.push(format!("B-{ty}"));
                        open = Some((*end, ty.clone()));
                    } else if let Some((end, ty)) = open.as_ref().filter(|(end, _)| pos < *end) {
                        let _ = end;
                        tags.push(format!("I-{ty}"));
                    } else {
                        open = None;
                        tags.push("O".to_string());
                    }
                    toks.push(tok.to_string());
                }
                pos += len + 1;
            }
            if !toks.is_empty() {
                doc.push((toks, tags));
            }
        }
        docs.push(doc);
    }
    Ok(docs)
}

/// Split tokens at inner hyphens ("Bosnia-Herzegovina" → "Bosnia", "-",
/// "Herzegovina"); the pieces continue the token's entity, if any.
fn split_hyphens(s: &Sentence) -> Sentence {
    let (mut toks, mut tags) = (Vec::new(), Vec::new());
    for (t, g) in s.0.iter().zip(&s.1) {
        let pieces: Vec<&str> = t.split('-').collect();
        if pieces.len() < 2 || pieces.iter().any(|p| p.is_empty()) {
            toks.push(t.clone());
            tags.push(g.clone());
            continue;
        }
        let cont = match g.split_once('-') {
            Some((_, ty)) => format!("I-{ty}"),
            None => "O".to_string(),
        };
        for (k, p) in pieces.iter().enumerate() {
            if k > 0 {
                toks.push("-".to_string());
                tags.push(cont.clone());
            }
            toks.push(p.to_string());
            tags.push(if k == 0 { g.clone() } else { cont.clone() });
        }
    }
    (toks, tags)
}

fn read_lists(path: &str) -> Result<Vec<(String, Vec<String>)>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut m: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in text.lines() {
        if let Some((c, p)) = line.split_once('\t') {
            m.entry(c.to_string()).or_default().push(p.to_string());
        }
    }
    Ok(m.into_iter().collect())
}

/// The `text` field of every JSONL line, with naive punctuation splitting.
fn read_texts(path: &str) -> Result<Vec<String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut out = Vec::new();
    for line in text.lines() {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
            if let Some(t) = v["text"].as_str() {
                let mut s = String::with_capacity(t.len() + 16);
                for c in t.chars() {
                    if matches!(c, ',' | ';' | '(' | ')' | '"' | '\u{201C}' | '\u{201D}') {
                        s.push(' ');
                        s.push(c);
                        s.push(' ');
                    } else {
                        s.push(c);
                    }
                }
                out.push(s);
            }
        }
    }
    Ok(out)
}

/// Exact-match span precision/recall/F1 per type on gold documents.
fn score(tagger: &Tagger, docs: &[Vec<Sentence>]) {
    let types = [NerLabel::Per, NerLabel::Org, NerLabel::Loc, NerLabel::Misc];
    let mut tp = [0usize; 4];
    let mut np = [0usize; 4];
    let mut ng = [0usize; 4];
    let t0 = std::time::Instant::now();
    let mut ntok = 0;
    for d in docs {
        let sents: Vec<Vec<&str>> = d
            .iter()
            .map(|(t, _)| t.iter().map(|s| s.as_str()).collect())
            .collect();
        ntok += sents.iter().map(|s| s.len()).sum::<usize>();
        let pred = tagger.tag_document(&sents);
        for ((_, tags), spans) in d.iter().zip(pred) {
            let gold = gold_spans(tags);
            for s in &spans {
                let k = types.iter().position(|&t| t == s.label).unwrap_or(0);
                np[k] += 1;
                if gold.contains(&(s.start_token, s.end_token, s.label)) {
                    tp[k] += 1;
                }
            }
            for g in &gold {
                ng[types.iter().position(|&t| t == g.2).unwrap_or(0)] += 1;
            }
        }
    }
    let el = t0.elapsed().as_secs_f64();
    let f = |tp: usize, np: usize, ng: usize| {
        let p = tp as f64 / np.max(1) as f64;
        let r = tp as f64 / ng.max(1) as f64;
        (
            p,
            r,
            if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            },
        )
    };
    for k in 0..4 {
        let (p, r, f1) = f(tp[k], np[k], ng[k]);
        println!(
            "{:5} P {:.4} R {:.4} F1 {:.4}  (gold {})",
            types[k].as_str(),
            p,
            r,
            f1,
            ng[k]
        );
    }
    let (p, r, f1) = f(
        tp[..3].iter().sum(),
        np[..3].iter().sum(),
        ng[..3].iter().sum(),
    );
    println!("PER+ORG+LOC micro P {p:.4} R {r:.4} F1 {f1:.4}");
    let (p, r, f1) = f(tp.iter().sum(), np.iter().sum(), ng.iter().sum());
    println!("all-4 micro  P {p:.4} R {r:.4} F1 {f1:.4}");
    println!(
        "tagged {ntok} tokens in {el:.2}s ({:.0} tokens/s)",
        ntok as f64 / el
    );
}

fn gold_spans(tags: &[String]) -> Vec<(usize, usize, NerLabel)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, NerLabel)> = None;
    for (i, t) in tags.iter().enumerate() {
        let parsed = t
            .split_once('-')
            .and_then(|(p, ty)| NerLabel::parse(ty).map(|l| (p, l)));
        match parsed {
            Some((p, l)) if p == "I" && matches!(open, Some((_, ol)) if ol == l) => {}
            Some((_, l)) => {
                if let Some((s, ol)) = open.take() {
                    out.push((s, i, ol));
                }
                open = Some((i, l));
            }
            None => {
                if let Some((s, ol)) = open.take() {
                    out.push((s, i, ol));
                }
            }
        }
    }
    if let Some((s, ol)) = open {
        out.push((s, tags.len(), ol));
    }
    out
}
