#!/usr/bin/env bash
# A bounded load test of `dossier serve` on loopback (issue "Reliability").
#
# Ingests examples/corpus plus the shared pages into a temporary store, starts
# `dossier serve`, and runs wrk (Debian package, installed if missing) for
# DURATION (default 30 s) at CONNECTIONS (default 50) concurrent connections,
# mixing three requests round-robin: a coverage SELECT, an events SELECT and
# a CONSTRUCT of the actor network. wrk's Lua script counts non-2xx answers.
# Then, with the server still loaded, it checks that:
#   - a pathological query (a cross product) gets 503 at the timeout (10 s) and
#     the server keeps answering a simple query (within the timeout, behind the
#     queue of the 50 clients: queries wait for one of the per-core slots);
#   - an oversized body gets 413 and SPARQL Update gets 403.
# Prints a table: requests/s, p50/p90/p99 latency, errors.
#
# Usage: tools/load_test.sh [DURATION] [CONNECTIONS]
# Env: DOSSIER_BIN (default target/release/dossier), SHARED (default ../shared).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${DOSSIER_BIN:-$ROOT/target/release/dossier}"
SHARED="${SHARED:-$ROOT/../shared}"
DURATION="${1:-30s}"
CONNS="${2:-50}"
[ -x "$BIN" ] || { echo "no dossier binary at $BIN: run \`cargo build --release\` or set DOSSIER_BIN" >&2; exit 1; }
if ! command -v wrk >/dev/null; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get install -y -qq wrk >/dev/null
fi
WORK="$(mktemp -d /tmp/dossier-load.XXXXXX)"
STORE="$WORK/store.db"
inputs=("$ROOT/examples/corpus")
[ -f "$SHARED/data/corpus/pages.jsonl" ] && inputs+=("$SHARED/data/corpus/pages.jsonl")
"$BIN" ingest -q --store "$STORE" "${inputs[@]}"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" serve --bind "127.0.0.1:$PORT" --store "$STORE" --timeout 10 --max-body 65536 2>"$WORK/serve.log" &
SERVER=$!
stop() { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$WORK"; }
trap stop EXIT
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.1; done

cat > "$WORK/mix.lua" <<'LUA'
local bodies = {
  [[SELECT DISTINCT ?title ?document WHERE { VALUES ?country { "JO" } ?event dossier:placeCountry/dossier:iso3166 ?country ; sem:hasTimeStamp ?date . FILTER(?date >= "2024-01-27"^^xsd:date && ?date <= "2024-01-29"^^xsd:date) ?publication schema:mentions ?event ; dossier:document ?document . OPTIONAL { ?publication schema:headline ?title } }]],
  [[SELECT ?event ?plover ?date (COUNT(DISTINCT ?pub) AS ?n) WHERE { ?event a sem:Event ; dossier:plover ?plover ; sem:hasTimeStamp ?date . OPTIONAL { ?pub schema:mentions ?event } } GROUP BY ?event ?plover ?date ORDER BY ?date LIMIT 100]],
  [[CONSTRUCT { ?a dossier:coParticipant ?b } WHERE { ?e sem:hasActor ?a , ?b . FILTER(STR(?a) < STR(?b)) }]],
}
local i = 0
non2xx = 0
request = function()
  i = i + 1
  local b = bodies[(i % #bodies) + 1]
  local accept = (i % #bodies) + 1 == 3 and "text/turtle" or "application/sparql-results+json"
  return wrk.format("POST", "/sparql", {["Content-Type"] = "application/sparql-query", ["Accept"] = accept}, b)
end
response = function(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_s=%.1f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f socket_errors=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
LUA

url="http://127.0.0.1:$PORT"
wrk -t2 -c"$CONNS" -d"$DURATION" --timeout 20s -s "$WORK/mix.lua" "$url" > "$WORK/wrk.out" 2>&1 &
WRK=$!
sleep 3
# During the load: a pathological query times out, the server stays responsive.
python3 - "$url" <<'PY'
import sys, time, urllib.request, urllib.error, urllib.parse
url = sys.argv[1] + "/sparql"
def call(data=None, ctype=None, query=None):
    u = url + ("?" + urllib.parse.urlencode({"query": query}) if query else "")
    req = urllib.request.Request(u, data=data, headers={"Content-Type": ctype} if ctype else {}, method="POST" if data else "GET")
    t = time.time()
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            r.read(); code = r.status
    except urllib.error.HTTPError as e:
        code = e.code
    return code, time.time() - t
code, took = call(query="SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
print(f"CHECK cross product: HTTP {code} after {took:.1f}s (want 503 near the 10 s timeout)")
ok = code == 503 and took < 15
code, took = call(query="ASK { ?s ?p ?o }")
print(f"CHECK responsive after it: HTTP {code} in {took*1000:.0f} ms")
ok &= code == 200 and took < 10.0
code, _ = call(data=b"SELECT * WHERE { ?s ?p ?o } #" + b"x" * 70000, ctype="application/sparql-query")
print(f"CHECK oversized body: HTTP {code} (want 413)")
ok &= code == 413
code, _ = call(data=b"DELETE WHERE { ?s ?p ?o }", ctype="application/sparql-update")
print(f"CHECK update: HTTP {code} (want 403)")
ok &= code == 403
sys.exit(0 if ok else 1)
PY
checks=$?
wait "$WRK"
cat "$WORK/wrk.out"
line=$(grep '^RESULT' "$WORK/wrk.out")
echo
echo "| connections | duration | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | errors |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
eval "$(echo "$line" | sed 's/^RESULT //')"
echo "| $CONNS | ${duration_s}s | $requests | $rps | $p50_ms | $p90_ms | $p99_ms | $max_ms | $((socket_errors + non2xx)) |"
if [ "$checks" = 0 ] && [ "$((socket_errors + non2xx))" = 0 ]; then
  echo "load_test: OK"
else
  echo "load_test: FAILED"; tail -20 "$WORK/serve.log"; exit 1
fi
