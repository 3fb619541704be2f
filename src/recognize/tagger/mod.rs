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
//! and parsed once. `dossier-train` (src/bin) builds it.

mod features;
mod io;
mod perceptron;
mod train;

use features::{BuildMix, Gazetteer, HashTable, KeySet, SentInfo, Tok};
use perceptron::{Weights, NL};
use std::collections::HashMap;
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
    /// label, in perceptron update units) is below this. The default 1.5
    /// halves a CoNLL-sized model at no cost in accuracy; use 0 for tiny
    /// training sets.
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
            prune: 1.5,
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
}

const MAGIC: &[u8; 8] = b"DNERv002";
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
        T.get_or_init(|| Tagger::from_bytes(EMBEDDED_MODEL).unwrap_or_default())
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
        let mut result: Vec<Vec<NerSpan>> = vec![Vec::new(); sentences.len()];
        if self.is_empty() {
            return result;
        }
        // Split into pieces of at most MAX_SENT tokens: (sentence, offset).
        let mut pieces: Vec<(usize, usize)> = Vec::new();
        let mut prep: Vec<Prep> = Vec::new();
        let mut buf = Vec::new();
        for (si, s) in sentences.iter().enumerate() {
            let toks = s.as_ref();
            let mut off = 0;
            while off < toks.len() {
                let end = (off + MAX_SENT).min(toks.len());
                let t: Vec<Tok> = toks[off..end]
                    .iter()
                    .map(|w| features::make_tok(w.as_ref(), &self.words, &mut buf))
                    .collect();
                prep.push(self.finish_prep(t));
                pieces.push((si, off));
                off = end;
            }
        }
        let mut dt = features::doc_case_info(&prep);
        let mut feats = Vec::new();
        let mut labels: Vec<Vec<u8>> = Vec::with_capacity(prep.len());
        let mut margins: Vec<Vec<f32>> = Vec::with_capacity(prep.len());
        let mut scores: Vec<Vec<f32>> = Vec::with_capacity(prep.len());
        let mut offs: Vec<usize> = Vec::new();
        let two_pass = self.pass2.is_some();
        // Scores of the word-intrinsic features, per (word form, headline).
        let mut cache: HashMap<u64, perceptron::Acc, BuildMix> = HashMap::default();
        let mut own = Vec::new();
        for (p, d) in prep.iter().zip(&dt) {
            let n = p.0.len();
            feats.clear();
            offs.clear();
            offs.push(0);
            for i in 0..n {
                features::context_features(&p.0, p.1, d, i, &mut feats);
                offs.push(feats.len());
            }
            self.pass1.touch(&feats);
            let mut sc = vec![0f32; n * NL];
            for (i, t) in p.0.iter().enumerate() {
                let key = features::mix(t.exact, p.1.headline as u64);
                let mut acc = *cache.entry(key).or_insert_with(|| {
                    own.clear();
                    features::intrinsic_features(t, p.1, &mut own);
                    let mut a = [0i32; NL - 1];
                    self.pass1.accumulate(&own, &mut a);
                    a
                });
                self.pass1
                    .accumulate(&feats[offs[i]..offs[i + 1]], &mut acc);
                self.pass1.finish(&acc, &mut sc[i * NL..(i + 1) * NL]);
            }
            let (mut l, mut m) = (Vec::new(), Vec::new());
            perceptron::viterbi(
                &sc,
                n,
                &self.pass1.trans,
                &mut l,
                if two_pass { None } else { Some(&mut m) },
            );
            labels.push(l);
            margins.push(m);
            scores.push(sc);
        }
        if let Some(w2) = &self.pass2 {
            features::doc_pass1_info(&prep, &labels, &mut dt);
            let mut add = [0f32; NL];
            for (k, (p, d)) in prep.iter().zip(&dt).enumerate() {
                let n = p.0.len();
                feats.clear();
                offs.clear();
                offs.push(0);
                for i in 0..n {
                    features::pass2_features(&p.0, d, i, &mut feats);
                    offs.push(feats.len());
                }
                w2.touch(&feats);
                let sc = &mut scores[k];
                for i in 0..n {
                    w2.score(&feats[offs[i]..offs[i + 1]], &mut add);
                    for (s, a) in sc[i * NL..(i + 1) * NL].iter_mut().zip(&add) {
                        *s += a;
                    }
                }
                perceptron::viterbi(sc, n, &w2.trans, &mut labels[k], Some(&mut margins[k]));
            }
        }
        for (k, &(si, off)) in pieces.iter().enumerate() {
            for (s, e, ty) in perceptron::spans_of(&labels[k]) {
                let Some(label) = NerLabel::from_index(ty) else {
                    continue;
                };
                let m = margins[k][s..e]
                    .iter()
                    .cloned()
                    .fold(f32::INFINITY, f32::min);
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
        w.u64s(&self.gaz.prefixes.iter().map(|e| e.0).collect::<Vec<_>>());
        w.u64s(&self.words.iter().map(|e| e.0).collect::<Vec<_>>());
        w.bytes(&self.words.iter().flat_map(|e| e.1).collect::<Vec<_>>());
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
        let mut r = io::Reader::new(&b[MAGIC.len()..]);
        let nc = r.u32()? as usize;
        if nc > features::MAX_GAZ_CATS {
            return Err("too many gazetteer categories".into());
        }
        let mut cats = Vec::with_capacity(nc);
        for _ in 0..nc {
            cats.push(r.str()?);
        }
        let max_len = r.u32()? as usize;
        let gk = r.u64s()?;
        let gm = r.bytes()?;
        if gm.len() != gk.len() * 2 {
            return Err("gazetteer section has inconsistent sizes".into());
        }
        let masks = gm.chunks_exact(2).map(|m| u16::from_le_bytes([m[0], m[1]]));
        let unsorted = || "table keys are not sorted".to_string();
        let gtable = HashTable::from_sorted(gk.iter().copied().zip(masks)).ok_or_else(unsorted)?;
        let prefixes =
            KeySet::from_sorted(r.u64s()?.into_iter().map(|k| (k, ()))).ok_or_else(unsorted)?;
        let ck = r.u64s()?;
        let cv = r.bytes()?;
        if cv.len() != ck.len() * 2 {
            return Err("word section has inconsistent sizes".into());
        }
        let words = HashTable::from_sorted(
            ck.iter()
                .copied()
                .zip(cv.chunks_exact(2).map(|c| [c[0], c[1]])),
        )
        .ok_or_else(unsorted)?;
        let pass1 = Weights::read(&mut r)?;
        let pass2 = if r.u8()? == 1 {
            Some(Weights::read(&mut r)?)
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
