#!/usr/bin/env bash
# Extraction speed on one core, in MB of text per second, on a gold set's
# text (default: CoNLL-2003 dev, the figure of the actors issue) or any
# JSONL/text input.
#
# Converts the gold file with ../shared/eval/to_input.py, then runs
# `dossier extract -j 1 --format jsonl` RUNS times (default 7) pinned to
# one core, and prints the median wall time, the median CPU time (user +
# system, from /usr/bin/time) and both rates. Start-up is included. The
# text size is the UTF-8 size of the documents' `text` fields.
#
# Usage: bench/extract_speed.sh [GOLD.jsonl] [RUNS]
# Env: DOSSIER_BIN (default target/release/dossier), SHARED (default ../shared).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="${SHARED:-$ROOT/../shared}"
BIN="${DOSSIER_BIN:-$ROOT/target/release/dossier}"
GOLD="${1:-$SHARED/data/conll2003/dev.jsonl}"
RUNS="${2:-7}"
[ -x "$BIN" ] || { echo "no dossier binary at $BIN: run \`cargo build --release\` or set DOSSIER_BIN" >&2; exit 1; }
WORK="$(mktemp -d /tmp/dossier-speed.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
python3 "$SHARED/eval/to_input.py" "$GOLD" > "$WORK/in.jsonl"
python3 - "$BIN" "$WORK/in.jsonl" "$RUNS" <<'PY'
import json, re, statistics, subprocess, sys, time
binary, path, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
mb = sum(len(json.loads(l).get("text", "").encode()) for l in open(path, encoding="utf-8")) / 1e6
walls, cpus = [], []
for _ in range(runs):
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%U %S", "taskset", "-c", "0", binary, "extract", "-q", "-j", "1",
                        "--format", "jsonl", path], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    walls.append(time.perf_counter() - t0)
    if p.returncode not in (0, 3):
        sys.exit(f"extract failed ({p.returncode}): {p.stderr[-1000:]}")
    u, s = map(float, re.findall(r"([\d.]+) ([\d.]+)\s*$", p.stderr.strip())[-1])
    cpus.append(u + s)
w, c = statistics.median(walls), statistics.median(cpus)
print(f"{path}: {mb:.3f} MB of text, {runs} runs on one core")
print(f"wall {w:.3f} s = {mb / w:.2f} MB/s; CPU {c:.3f} s = {mb / c:.2f} MB per CPU second (start-up included)")
PY
