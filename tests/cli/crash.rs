//! Crash safety: `ingest` killed with SIGKILL at random points leaves a store
//! that opens, and a re-run gives exactly the quads of an uninterrupted run.

use super::*;
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

/// The store's quads, one N-Quads line each (no blank nodes in our graphs,
/// so lines compare across runs).
fn dump(store: &Path) -> BTreeSet<String> {
    let out = ok(bin().args(["export", "--format", "nquads", "--store"]).arg(store));
    out.lines().map(str::to_string).collect()
}

/// A small deterministic generator (xorshift64*), so a failing run can be replayed.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1)
    }
}

/// Kill rounds: each is a killed run, a check that the store opens, and a
/// full re-run compared with the reference (about 2.5 s a round).
const ROUNDS: u64 = 12;

#[test]
fn ingest_killed_at_random_points_recovers_exactly() {
    let mut inputs = vec![root().join("examples/corpus")];
    let pages = root().join("../shared/data/corpus/pages.jsonl");
    if pages.exists() {
        inputs.push(pages);
    }
    let ingest = |store: &Path| {
        let mut c = bin();
        // small commits (3 documents) so kills land between and inside transactions
        c.args(["ingest", "-q", "-j", "2", "--batch", "3", "--commit-every", "3", "--store"]).arg(store).args(&inputs);
        c
    };
    let reference = temp_store("crash-ref");
    let t0 = Instant::now();
    ok(&mut ingest(&reference));
    let full = t0.elapsed();
    let want = dump(&reference);
    assert!(want.len() > 1000, "{}", want.len());

    let store = temp_store("crash");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut killed_mid_run = 0;
    let span = (full.as_millis() as u64).max(50);
    for round in 0..ROUNDS {
        let mut child = ingest(&store).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().expect("start ingest");
        std::thread::sleep(Duration::from_millis(rng.below(span)));
        if child.try_wait().expect("poll ingest").is_none() {
            child.kill().expect("SIGKILL"); // SIGKILL on Unix
            killed_mid_run += 1;
        }
        let _ = child.wait();
        // the store opens and answers after the kill
        let out = run(bin().args(["stats", "--store"]).arg(&store));
        assert!(out.status.success(), "round {round}: the store does not open: {}", String::from_utf8_lossy(&out.stderr));
        // a re-run completes and leaves exactly the reference quads
        ok(&mut ingest(&store));
        let got = dump(&store);
        if got != want {
            let missing = want.difference(&got).count();
            let extra = got.difference(&want).count();
            panic!("round {round}: {missing} quads missing, {extra} extra after the re-run");
        }
    }
    assert!(killed_mid_run >= ROUNDS / 2, "only {killed_mid_run} of {ROUNDS} kills landed during a run");
}
