#!/usr/bin/env bash
# Evaluate Dossier's temporal expressions (TIMEX3) on TempEval-3 through the real CLI:
#   to_input.py GOLD -> dossier extract --format jsonl -> score.py timex
# (the document creation time is the input's "published" field; the scorer keeps
# only Date/Time/Duration/Set mentions and prints strict/relaxed span, type and value F1).
# Usage: tools/eval_timex.sh [GOLD.jsonl]   (default ../shared/data/tempeval3/train.jsonl)
# Env: SHARED (default ../shared), DOSSIER_BIN (default target/release/dossier),
#      KEEP=DIR to keep the input/output files there.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
GOLD=${1:-$SHARED/data/tempeval3/train.jsonl}
BIN=${DOSSIER_BIN:-target/release/dossier}
if [ ! -x "$BIN" ]; then
  cargo build --release --bin dossier
fi
if [ -n "${KEEP:-}" ]; then
  work=$KEEP; mkdir -p "$work"
else
  work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fi
python3 "$SHARED/eval/to_input.py" "$GOLD" > "$work/in.jsonl"
"$BIN" extract --format jsonl "$work/in.jsonl" > "$work/out.jsonl"
python3 "$SHARED/eval/score.py" timex --gold "$GOLD" --system "$work/out.jsonl"
