#!/usr/bin/env bash
# Evaluate Dossier's named-entity mentions on CoNLL-2003 through the real CLI:
#   to_input.py GOLD -> dossier extract --format jsonl -> score.py ner --scheme conll
# Usage: tools/eval_ner.sh [GOLD.jsonl]   (default ../shared/data/conll2003/dev.jsonl)
# Env: SHARED (default ../shared), DOSSIER_BIN (default target/release/dossier),
#      KEEP=DIR to keep the input/output files there.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
GOLD=${1:-$SHARED/data/conll2003/dev.jsonl}
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
start=$(date +%s.%N)
"$BIN" extract --format jsonl "$work/in.jsonl" > "$work/out.jsonl"
end=$(date +%s.%N)
bytes=$(wc -c < "$work/in.jsonl")
python3 "$SHARED/eval/score.py" ner --scheme conll --gold "$GOLD" --system "$work/out.jsonl"
awk -v b="$bytes" -v s="$start" -v e="$end" 'BEGIN { t = e - s; printf "extract: %.2f s for %.2f MB of input (%.2f MB/s, whole pipeline)\n", t, b / 1e6, b / 1e6 / t }'
