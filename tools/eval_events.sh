#!/usr/bin/env bash
# Event evaluations on the shared data (not unit tests):
#  - ECB+ dev: cross-document event pairs (score.py cover);
#  - the 40 shared pages: "which publications cover event X" through
#    `dossier coverage` (coverage.py), after ingesting them into a temp store.
# Usage: tools/eval_events.sh   (env: SHARED=../shared DOSSIER_BIN=target/release/dossier)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
BIN=${DOSSIER_BIN:-target/release/dossier}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

echo "== ECB+ dev: document pairs sharing an event"
python3 "$SHARED/eval/to_input.py" "$SHARED/data/ecbplus/dev.jsonl" > "$TMP/ecb_in.jsonl"
"$BIN" extract -q "$TMP/ecb_in.jsonl" > "$TMP/ecb_out.jsonl"
python3 "$SHARED/eval/score.py" cover --gold "$SHARED/data/ecbplus/dev.jsonl" --system "$TMP/ecb_out.jsonl"

echo "== pages.jsonl: document pairs sharing an event"
"$BIN" extract -q "$SHARED/data/corpus/pages.jsonl" > "$TMP/pages_out.jsonl"
python3 "$SHARED/eval/score.py" cover --gold "$SHARED/data/corpus/pages.jsonl" --system "$TMP/pages_out.jsonl"

echo "== pages.jsonl: coverage.py through dossier coverage"
"$BIN" ingest -q --store "$TMP/store" "$SHARED/data/corpus/pages.jsonl"
python3 "$SHARED/eval/coverage.py" --gold "$SHARED/data/corpus/events.json" --dossier "$BIN" --store "$TMP/store"
python3 "$SHARED/eval/coverage.py" --gold "$SHARED/data/corpus/events.json" --dossier "$BIN" --store "$TMP/store" --with-type
