#!/usr/bin/env python3
"""Build a benchmark corpus of N documents as JSON Lines (id, url, text, published).

The base documents are the 40 page excerpts of ../shared/data/corpus/pages.jsonl
and the documents of examples/corpus (text files, JSONL briefs; HTML pages are
reduced to their visible text). Document i is base document i mod B with:

- a new id and URL;
- a publication date shifted by a deterministic number of days (0..3650), so
  events spread over ten years instead of piling up on a handful of days;
- every four-digit year 1990..2029 in the text shifted by the same number of
  years as the date, so the text stays consistent with its date;
- one person name in four swapped for another name of the same base set
  (the first capitalised two-word name), so the actor graph does not collapse
  onto a few dozen people.

The output is deterministic for a given N: the harness checks that 1 and 2
threads give byte-identical output, and reruns compare like with like.

  bench/make_corpus.py N OUT.jsonl [--shared ../shared]
"""
import argparse
import datetime as dt
import html
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SURNAMES = ["Okafor", "Lindqvist", "Haddad", "Moreau", "Tanaka", "Kowalski", "Ferreira", "Nakamura",
            "Abiodun", "Castellano", "Petrov", "Rahimi", "Osei", "Varga", "Dubois", "Khalil",
            "Sorensen", "Mbeki", "Alvarez", "Chaudhry"]
GIVEN = ["Amina", "Lars", "Yusuf", "Claire", "Kenji", "Marta", "Diego", "Hana", "Tunde", "Lucia",
         "Ivan", "Leila", "Kwame", "Eszter", "Julien", "Nadia", "Soren", "Thabo", "Rosa", "Imran"]


def visible_text(raw):
    raw = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", raw)
    raw = re.sub(r"(?i)<br\s*/?>|</p>|</h[1-6]>|</li>|</div>", "\n", raw)
    raw = re.sub(r"<[^>]+>", " ", raw)
    raw = html.unescape(raw)
    lines = [re.sub(r"[ \t]+", " ", l).strip() for l in raw.splitlines()]
    return "\n".join(l for l in lines if l)


def base_documents(shared):
    docs = []
    with open(os.path.join(shared, "data/corpus/pages.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                docs.append({"text": d["text"], "published": None, "url": d.get("url")})
    ex = os.path.join(ROOT, "examples/corpus")
    for name in sorted(os.listdir(ex)):
        p = os.path.join(ex, name)
        with open(p, encoding="utf-8") as f:
            raw = f.read()
        if name.endswith(".jsonl"):
            for line in raw.splitlines():
                if line.strip():
                    d = json.loads(line)
                    docs.append({"text": d["text"], "published": d.get("published"), "url": d.get("url")})
        elif name.endswith((".html", ".htm")):
            docs.append({"text": visible_text(raw), "published": None, "url": None})
        else:
            docs.append({"text": raw, "published": None, "url": None})
    return docs


YEAR = re.compile(r"\b(199\d|20[0-2]\d)\b")
NAME = re.compile(r"\b([A-Z][a-z]+) ([A-Z][a-z]{2,})\b")


def vary(base, i):
    shift_days = (i * 7919) % 3650
    shift_years = shift_days // 365
    text = base["text"]
    if shift_years:
        text = YEAR.sub(lambda m: str(int(m.group(1)) + shift_years), text)
    if i % 4 == 1:
        m = NAME.search(text)
        if m:
            new = f"{GIVEN[i % len(GIVEN)]} {SURNAMES[(i // len(GIVEN)) % len(SURNAMES)]}"
            text = text.replace(m.group(0), new).replace(m.group(2), new.split()[1])
    pub = base["published"] or "2020-01-01"
    try:
        d = dt.date.fromisoformat(pub) + dt.timedelta(days=shift_days)
    except ValueError:
        d = dt.date(2020, 1, 1) + dt.timedelta(days=shift_days)
    return {
        "id": f"bench-{i:07d}",
        "url": f"https://bench.example/{i:07d}",
        "published": d.isoformat(),
        "text": text,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    a = ap.parse_args()
    bases = base_documents(a.shared)
    if not bases:
        sys.exit("no base documents")
    with open(a.out, "w", encoding="utf-8") as f:
        for i in range(a.n):
            f.write(json.dumps(vary(bases[i % len(bases)], i), ensure_ascii=False))
            f.write("\n")


if __name__ == "__main__":
    main()
