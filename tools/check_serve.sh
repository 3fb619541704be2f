#!/usr/bin/env bash
# Check `dossier serve` with a real SPARQL client.
#
# Ingests examples/corpus into a temporary store with the release binary
# (target/release/dossier, or $DOSSIER_BIN), starts `dossier serve` on a
# free loopback port, and queries it with SPARQLWrapper (from PyPI, in a
# venv under /tmp): content negotiation (JSON, XML, CSV), the per-query
# timeout (a cross product, 503), the request body limit (413) and the
# refusal of SPARQL Update on a read-only endpoint (403). Then it stops the
# server.
#
# Usage: tools/check_serve.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${DOSSIER_BIN:-$ROOT/target/release/dossier}"
VENV="${DOSSIER_VENV:-/tmp/dossier-check-venv}"
[ -x "$BIN" ] || { echo "no dossier binary at $BIN: run \`cargo build --release\` or set DOSSIER_BIN" >&2; exit 1; }
if ! "$VENV/bin/python" -c 'import SPARQLWrapper' 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q SPARQLWrapper
fi

WORK="$(mktemp -d /tmp/dossier-serve.XXXXXX)"
STORE="$WORK/store.db"
"$BIN" ingest -q --store "$STORE" "$ROOT/examples/corpus"
PORT=$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" serve --bind "127.0.0.1:$PORT" --store "$STORE" --timeout 2 --max-body 4096 2>"$WORK/serve.log" &
SERVER=$!
stop() { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$WORK"; }
trap stop EXIT

status=0
"$VENV/bin/python" - "http://127.0.0.1:$PORT/sparql" <<'PY' || status=$?
import sys, time, socket, urllib.error, urllib.request
from SPARQLWrapper import SPARQLWrapper, JSON, XML, CSV, POST
url = sys.argv[1]
host, port = url.split("/")[2].split(":")
for _ in range(100):
    try:
        socket.create_connection((host, int(port)), timeout=1).close()
        break
    except OSError:
        time.sleep(0.1)
else:
    sys.exit("the server did not start")

failures = []
def check(name, cond, detail=""):
    print(f"{'OK  ' if cond else 'FAIL'} {name}{': ' + detail if detail else ''}", file=sys.stderr)
    if not cond:
        failures.append(name)

def client(query, fmt=None, method=None):
    sw = SPARQLWrapper(url)
    sw.setQuery(query)
    if fmt:
        sw.setReturnFormat(fmt)
    if method:
        sw.setMethod(method)
    return sw

def status_of(sw):
    try:
        sw.query()
        return 200
    except urllib.error.HTTPError as e:
        return e.code
    except Exception as e:  # SPARQLWrapper wraps some codes in its own exceptions
        code = getattr(getattr(e, "__cause__", None), "code", None)
        text = str(e)
        for c in (400, 401, 403, 404, 413, 500, 503):
            if code == c or f"{c}" in text:
                return c
        raise

Q = "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name"
# Content negotiation.
r = client(Q, JSON).query()
ct = r.info().get("content-type", "")
data = r.convert()
names = [b["name"]["value"] for b in data["results"]["bindings"]]
check("JSON results", ct.startswith("application/sparql-results+json") and len(names) > 5, f"{ct}, {len(names)} names")
r = client(Q, XML).query()
ct = r.info().get("content-type", "")
doc = r.convert()
check("XML results", ct.startswith("application/sparql-results+xml") and len(doc.getElementsByTagName("result")) == len(names), ct)
r = client(Q, CSV).query()
ct = r.info().get("content-type", "")
body = r.convert().decode("utf-8")
check("CSV results", ct.startswith("text/csv") and body.splitlines()[0].strip() == "name" and len(body.splitlines()) == len(names) + 1, ct)
r = client(Q, JSON, POST).query()
check("POST form query", len(r.convert()["results"]["bindings"]) == len(names))
ask = client("ASK { ?e a sem:Event }", JSON).query().convert()
check("ASK", ask.get("boolean") is True)
g = client("CONSTRUCT { ?c rdfs:label ?l } WHERE { ?c a schema:Country ; rdfs:label ?l }")
g.setReturnFormat("turtle")
r = g.query()
check("CONSTRUCT as Turtle", r.info().get("content-type", "").startswith("text/turtle"))

# The per-query timeout (2 s): a cross product of every triple with every
# other, counted, does not finish in time.
t = time.time()
code = status_of(client("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", JSON))
took = time.time() - t
check("timeout", code == 503 and took < 10, f"HTTP {code} after {took:.1f}s")

# The request body limit (4096 bytes).
big = Q + "\n# " + "x" * 8000
check("body limit", status_of(client(big, JSON, POST)) == 413)

# SPARQL Update on a read-only endpoint.
upd = client("DELETE WHERE { ?s ?p ?o }", None, POST)
check("update refused", status_of(upd) == 403)
req = urllib.request.Request(url, data=b"INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }",
                             headers={"Content-Type": "application/sparql-update"}, method="POST")
try:
    urllib.request.urlopen(req)
    code = 200
except urllib.error.HTTPError as e:
    code = e.code
check("update body refused", code == 403, f"HTTP {code}")
left = client("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", JSON).query().convert()
check("store untouched", int(left["results"]["bindings"][0]["n"]["value"]) > 500)
sys.exit(1 if failures else 0)
PY
[ "$status" = 0 ] && echo "check_serve: OK" >&2 || { echo "check_serve: FAILED" >&2; cat "$WORK/serve.log" >&2; }
exit "$status"
