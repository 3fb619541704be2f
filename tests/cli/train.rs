//! The training command, `dossier-train`, end to end on a tiny CoNLL-style
//! fixture (`tests/fixtures/train/tiny_conll.jsonl`: three hand-written
//! documents): it trains, writes a model the library loads, scores the dev
//! file, and rejects bad arguments and input with a message naming them.

use super::*;
use dossier::recognize::tagger::{NerLabel, Tagger};

fn train_bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dossier-train"))
}

#[test]
fn the_training_command_runs_on_a_tiny_fixture() {
    let data = fixture("train/tiny_conll.jsonl");
    let dir = temp_dir("train");
    let model = dir.join("tiny.bin");
    let out = ok(train_bin()
        .args(["--epochs", "8", "--folds", "2", "--prune", "0", "--train"])
        .arg(&data)
        .arg("--dev")
        .arg(&data)
        .arg("--out")
        .arg(&model));
    // The dev file is scored: one micro line over the three types.
    let micro = out.lines().find(|l| l.starts_with("PER+ORG+LOC micro")).expect("micro score line");
    let f1: f64 = micro.rsplit(' ').next().unwrap().parse().unwrap();
    assert!(f1 > 0.8, "a model scored on its own training data: {micro}");
    // The model file loads, and tags the training sentences' names.
    let bytes = std::fs::read(&model).expect("model written");
    let tagger = Tagger::from_bytes(&bytes).expect("model loads");
    let spans = tagger.tag(&["Anna", "Novak", "flew", "from", "Vienna", "to", "Oslo", "."]);
    let got: Vec<(usize, usize, NerLabel)> = spans.iter().map(|s| (s.start_token, s.end_token, s.label)).collect();
    assert!(got.contains(&(0, 2, NerLabel::Per)), "{got:?}");
    assert!(got.contains(&(4, 5, NerLabel::Loc)), "{got:?}");
    // Same input, same options: the same bytes.
    let again = dir.join("again.bin");
    ok(train_bin().args(["--epochs", "8", "--folds", "2", "--prune", "0", "--train"]).arg(&data).arg("--out").arg(&again));
    assert!(std::fs::read(&again).unwrap() == bytes, "training is deterministic");
}

#[test]
fn the_training_command_names_what_it_cannot_use() {
    let out = train_bin().args(["--train", "/nonexistent/train.jsonl"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/train.jsonl"));
    let out = train_bin().args(["--epochs", "many", "--train", "x"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--epochs"));
    let out = train_bin().arg("--frobnicate").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown argument --frobnicate"));
}
