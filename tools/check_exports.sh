#!/usr/bin/env bash
# Check the graph exports with the tools people open them in.
#
# Ingests examples/corpus into a temporary store with the release binary
# (target/release/dossier, or $DOSSIER_BIN), exports every graph format,
# then: (a) networkx reads the GraphML and the GEXF and finds the node and
# edge counts `dossier export` reports; (b) Graphviz renders the DOT to SVG
# and PNG; (c) headless Chromium opens the HTML export and takes a
# screenshot. Tools are installed when missing: graphviz and chromium with
# apt-get, networkx from PyPI into a venv under /tmp.
#
# Usage: tools/check_exports.sh [OUTPUT_DIR]   (default: a new temp dir)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${DOSSIER_BIN:-$ROOT/target/release/dossier}"
VENV="${DOSSIER_VENV:-/tmp/dossier-check-venv}"
OUT="${1:-$(mktemp -d /tmp/dossier-exports.XXXXXX)}"
mkdir -p "$OUT"
[ -x "$BIN" ] || { echo "no dossier binary at $BIN: run \`cargo build --release\` or set DOSSIER_BIN" >&2; exit 1; }

apt_install() { # command package
  command -v "$1" >/dev/null 2>&1 && return 0
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing $2 ..." >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$2" >/dev/null
}
apt_install dot graphviz
apt_install chromium chromium
if ! "$VENV/bin/python" -c 'import networkx' 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q networkx
fi

STORE="$OUT/store.db"
rm -rf "$STORE"
"$BIN" ingest -q --store "$STORE" "$ROOT/examples/corpus"
for f in graphml gexf dot cyjs html; do
  "$BIN" export --format "$f" -o "$OUT/graph.$f" --store "$STORE" 2>"$OUT/$f.log"
  cat "$OUT/$f.log" >&2
done
NODES=$(sed -n 's/.*nodes: \([0-9]*\).*/\1/p' "$OUT/graphml.log")
EDGES=$(sed -n 's/.*edges: \([0-9]*\).*/\1/p' "$OUT/graphml.log")
echo "dossier reports $NODES nodes and $EDGES edges" >&2
fail=0

# (a) networkx
"$VENV/bin/python" - "$OUT" "$NODES" "$EDGES" <<'PY' || fail=1
import sys, json
import networkx as nx
out, nodes, edges = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
ok = True
for name, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
    g = reader(f"{out}/graph.{name}")
    n, e = g.number_of_nodes(), g.number_of_edges()
    good = (n, e) == (nodes, edges)
    ok &= good
    print(f"networkx {nx.__version__} reads {name}: {type(g).__name__}, {n} nodes, {e} edges -> {'OK' if good else 'MISMATCH'}", file=sys.stderr)
    some = next(iter(g.nodes(data=True)))[1]
    if name == "graphml":
        for key in ("label", "kind", "iri", "x", "y", "size", "r", "g", "b"):
            if key not in some:
                ok = False
                print(f"  graphml node lacks {key}: {some}", file=sys.stderr)
        if not isinstance(some["x"], float) or not isinstance(some["r"], int):
            ok = False
            print(f"  graphml types not read as typed: {some}", file=sys.stderr)
    else:
        viz = some.get("viz", {})
        if not {"color", "position", "size"} <= set(viz):
            ok = False
            print(f"  gexf node lacks viz data: {some}", file=sys.stderr)
        if "kind" not in some or "label" not in some:
            ok = False
            print(f"  gexf node lacks attributes: {some}", file=sys.stderr)
cy = json.load(open(f"{out}/graph.cyjs"))
cn, ce = len(cy["elements"]["nodes"]), len(cy["elements"]["edges"])
good = (cn, ce) == (nodes, edges)
ok &= good
print(f"cyjs: {cn} nodes, {ce} edges -> {'OK' if good else 'MISMATCH'}", file=sys.stderr)
sys.exit(0 if ok else 1)
PY

# (b) Graphviz
if dot -Tsvg "$OUT/graph.dot" -o "$OUT/graph.svg" 2>"$OUT/dot.err" && dot -Tpng "$OUT/graph.dot" -o "$OUT/graph-dot.png" 2>>"$OUT/dot.err"; then
  svg_nodes=$(grep -c 'class="node"' "$OUT/graph.svg" || true)
  svg_edges=$(grep -c 'class="edge"' "$OUT/graph.svg" || true)
  if [ "$svg_nodes" = "$NODES" ] && [ "$svg_edges" = "$EDGES" ]; then
    echo "graphviz $(dot -V 2>&1 | awk '{print $5}') renders the DOT: $svg_nodes nodes, $svg_edges edges in graph.svg, graph-dot.png -> OK" >&2
  else
    echo "graphviz renders $svg_nodes nodes and $svg_edges edges, expected $NODES and $EDGES -> MISMATCH" >&2; fail=1
  fi
else
  echo "graphviz failed:" >&2; cat "$OUT/dot.err" >&2; fail=1
fi

# (c) headless Chromium
PROFILE="$(mktemp -d /tmp/dossier-chromium.XXXXXX)"
timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$PROFILE" --window-size=1400,900 --virtual-time-budget=5000 \
  --screenshot="$OUT/graph-html.png" "file://$OUT/graph.html" >"$OUT/chromium.log" 2>&1 || true
rm -rf "$PROFILE"
if [ -s "$OUT/graph-html.png" ] && [ "$(stat -c %s "$OUT/graph-html.png")" -gt 20000 ]; then
  echo "chromium screenshot of the HTML export: $OUT/graph-html.png ($(stat -c %s "$OUT/graph-html.png") bytes) -> look at it" >&2
else
  echo "chromium did not produce a screenshot:" >&2; tail -5 "$OUT/chromium.log" >&2; fail=1
fi

echo "outputs in $OUT" >&2
[ "$fail" = 0 ] && echo "check_exports: OK" >&2 || echo "check_exports: FAILED" >&2
exit "$fail"
