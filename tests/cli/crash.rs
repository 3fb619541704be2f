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
        // the store opens and answers after the kill (a kill in the first
        // round may land before the store exists: then it says so)
        let out = run(bin().args(["stats", "--store"]).arg(&store));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() || (round == 0 && err.contains("no store at")),
            "round {round}: the store does not open: {err}"
        );
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

/// Kills that land while `ingest` creates a new store. RocksDB creates a
/// database in steps (the `CURRENT` file, then one column family after
/// another); each round starts with no store and kills a little later than
/// the one before, across the time an uninterrupted run takes. Afterwards
/// the store either does not exist yet (and says so) or opens, and a re-run
/// completes it.
#[test]
fn ingest_killed_while_creating_the_store_leaves_a_store_that_opens() {
    let input = root().join("examples/corpus/houthi-strikes.txt");
    let ingest = |store: &Path| {
        let mut c = bin();
        c.args(["ingest", "-q", "--store"]).arg(store).arg(&input);
        c
    };
    let first = temp_store("create-ref");
    let t0 = Instant::now();
    ok(&mut ingest(&first));
    let full = t0.elapsed().as_micros() as u64;
    let want = dump(&first);
    const ROUNDS: u64 = 16;
    let (mut absent, mut opened) = (0, 0);
    for round in 0..ROUNDS {
        let store = temp_store(&format!("create-{round}"));
        let mut child = ingest(&store).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().expect("start ingest");
        std::thread::sleep(Duration::from_micros(full * round / ROUNDS));
        let _ = child.kill();
        let _ = child.wait();
        let out = run(bin().args(["stats", "--store"]).arg(&store));
        let err = String::from_utf8_lossy(&out.stderr);
        if out.status.success() {
            opened += 1;
            assert!(store.join("dossier.ready").exists(), "round {round}: opened without the ready mark");
        } else {
            assert!(err.contains("no store at"), "round {round}: the half-created store does not open: {err}");
            absent += 1;
        }
        ok(&mut ingest(&store));
        assert_eq!(dump(&store), want, "round {round}: the re-run differs from an uninterrupted run");
    }
    assert!(absent > 0 && opened > 0, "kills should land both before and after creation ({absent} before, {opened} after)");
}

/// A store without the ready mark (an interrupted creation, or a store made
/// before the mark existed) is completed by the first reader, which then
/// reads it.
#[test]
fn a_store_without_its_ready_mark_is_completed_by_the_first_reader() {
    let store = temp_store("unmarked");
    ok(bin().args(["ingest", "-q", "--store"]).arg(&store).arg(root().join("examples/corpus/houthi-strikes.txt")));
    let want = dump(&store);
    std::fs::remove_file(store.join("dossier.ready")).expect("the ingest wrote the ready mark");
    assert_eq!(dump(&store), want);
    assert!(store.join("dossier.ready").exists());
}
