#!/usr/bin/env bash
# Check `dossier push` against Oxigraph's own server.
#
# Installs the `oxigraph` server (crate oxigraph-cli, from crates.io, into
# $OXIGRAPH_ROOT; the first install compiles RocksDB, about 10 minutes on 2
# cores), ingests examples/corpus into a temporary store with the release
# binary (target/release/dossier, or $DOSSIER_BIN), starts `oxigraph serve`
# on a free loopback port, and checks:
#   1. `dossier push` of the store: the server then holds the same named
#      graphs and the same number of quads as the store;
#   2. a second push changes nothing (document graphs are replaced with PUT,
#      the shared graph is appended to with POST, so nothing doubles);
#   3. a push of `dossier extract --format nquads` output into a second,
#      empty server gives the same quads as the store push (compared as
#      sorted N-Quads dumps);
#   4. a push to a port where nothing listens fails after its retries,
#      with exit code 1 and the graph named.
#
# Usage: tools/check_push.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${DOSSIER_BIN:-$ROOT/target/release/dossier}"
OXROOT="${OXIGRAPH_ROOT:-/tmp/oxigraph-cli}"
OX="$OXROOT/bin/oxigraph"
[ -x "$BIN" ] || { echo "no dossier binary at $BIN: run \`cargo build --release\` or set DOSSIER_BIN" >&2; exit 1; }
if [ ! -x "$OX" ]; then
  bash "$ROOT/tools/setup.sh"
  cargo install --locked --root "$OXROOT" oxigraph-cli
fi
"$OX" --version

WORK="$(mktemp -d /tmp/dossier-push.XXXXXX)"
PIDS=()
stop() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap stop EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
start_server() { # $1: directory, $2: port
  "$OX" serve --location "$1" --bind "127.0.0.1:$2" 2>"$1.log" &
  PIDS+=($!)
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$2/query?query=ASK%7B%7D" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "oxigraph did not start on port $2" >&2; cat "$1.log" >&2; exit 1
}
count() { # $1: port, $2: SPARQL SELECT with one ?n
  curl -fsS -H 'Accept: text/csv' --data-urlencode "query=$2" "http://127.0.0.1:$1/query" | tail -n 1 | tr -d '\r'
}
QUADS='SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }'
GRAPHS='SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }'

STORE="$WORK/store.db"
"$BIN" ingest -q --store "$STORE" "$ROOT/examples/corpus"
"$BIN" export --format nquads --store "$STORE" | sort -u > "$WORK/store.nq"
want_quads=$(wc -l < "$WORK/store.nq")
want_graphs=$(awk '{print $NF == "." ? $(NF-1) : $NF}' "$WORK/store.nq" | sort -u | wc -l)
echo "store: $want_quads quads in $want_graphs named graphs"

fail=0
check() { # $1: what, $2: got, $3: want
  if [ "$2" = "$3" ]; then echo "ok   $1: $2"; else echo "FAIL $1: got $2, want $3"; fail=1; fi
}

P1=$(free_port); start_server "$WORK/ox1" "$P1"
"$BIN" push -q --endpoint "http://127.0.0.1:$P1/store" --store "$STORE"
check "store push: quads" "$(count "$P1" "$QUADS")" "$want_quads"
check "store push: named graphs" "$(count "$P1" "$GRAPHS")" "$want_graphs"
"$BIN" push -q --endpoint "http://127.0.0.1:$P1/store" --store "$STORE"
check "second push: quads unchanged" "$(count "$P1" "$QUADS")" "$want_quads"

"$BIN" extract -q --format nquads "$ROOT/examples/corpus" > "$WORK/extract.nq"
P2=$(free_port); start_server "$WORK/ox2" "$P2"
"$BIN" push -q --endpoint "http://127.0.0.1:$P2/store" "$WORK/extract.nq"
curl -fsS -H 'Accept: application/n-quads' "http://127.0.0.1:$P2/store" | grep -v '^$' | sort -u > "$WORK/ox2.nq"
if cmp -s "$WORK/ox2.nq" "$WORK/store.nq"; then
  echo "ok   file push: the server holds exactly the store's quads"
else
  echo "FAIL file push: the server's quads differ from the store's"; diff "$WORK/ox2.nq" "$WORK/store.nq" | head -5; fail=1
fi

P3=$(free_port)
set +e
"$BIN" push -q --retries 2 --endpoint "http://127.0.0.1:$P3/store" --store "$STORE" 2>"$WORK/refused.err"
rc=$?
set -e
check "push to a closed port: exit code" "$rc" "1"
if grep -q "error: graph https://w3id.org/dossier/id/graph/" "$WORK/refused.err"; then
  echo "ok   push to a closed port: the failed graphs are named"
else
  echo "FAIL push to a closed port: no graph named"; head -3 "$WORK/refused.err"; fail=1
fi
exit $fail
