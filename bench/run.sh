#!/usr/bin/env bash
# Dossier's throughput and scale benchmark (issue "Throughput and scale").
#
# For each corpus size (default: 1000 10000 100000; add 1000000 for the
# million-document run) it builds a corpus with bench/make_corpus.py, then
# measures with the release binary:
#   - extract at 1 and 2 threads: documents/s, MB/s, peak RSS, and that both
#     outputs are byte-identical (sizes up to 10k; above, 2 threads only);
#   - ingest at 2 threads into a fresh store: documents/s, peak RSS, store size;
#   - the latency of a coverage query and an events query, through
#     `dossier serve` (so process start and store opening are not counted):
#     median and p90 over 21 requests;
#   - startup: `dossier extract` on a one-line document;
# and, on the 1k corpus, the spaCy peer (../shared/eval/peers/spacy_system.py
# --ner-only, en_core_web_sm 3.8 installed in a venv) in the same run, with
# the ratio of documents per second at one thread.
#
# Results go to bench/RESULTS.md (a table with machine, date and commit) and
# bench/results/*.json.
#
# Usage: bench/run.sh [SIZE ...]
# Env: DOSSIER_BIN (default target/release/dossier, built if missing),
#      SHARED (default ../shared), WORK (default /tmp/dossier-bench),
#      SPACY_VENV (default $WORK/spacy-venv), NO_SPACY=1 to skip the peer.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
SHARED="${SHARED:-$ROOT/../shared}"
WORK="${WORK:-/tmp/dossier-bench}"
BIN="${DOSSIER_BIN:-$ROOT/target/release/dossier}"
SPACY_VENV="${SPACY_VENV:-$WORK/spacy-venv}"
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000 100000)
mkdir -p "$WORK" bench/results
if [ ! -x "$BIN" ]; then
  bash tools/setup.sh
  cargo build --release --bin dossier
fi

python3 bench/measure.py --bin "$BIN" --shared "$SHARED" --work "$WORK" \
  --spacy-venv "$SPACY_VENV" ${NO_SPACY:+--no-spacy} --sizes "${SIZES[@]}"
