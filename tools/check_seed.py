#!/usr/bin/env python3
"""Check the spine issue's expectations on the reference page.

    python3 tools/check_seed.py [--dossier target/release/dossier] [--shared ../shared]

Runs `dossier extract` on the seed page (with and without --date 2013-02-08),
ingests it into a temporary store, and checks persons, countries, places,
organizations, dates, publications, events and the coverage question. Prints
one line per check and exits non-zero when one fails. This is an evaluation
on shared data, not a unit test: the unit and integration tests use the
in-repo fixtures.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

FAILS = []


def check(name, ok, detail=""):
    print(f"{'ok  ' if ok else 'FAIL'} {name}{'' if ok else '  -- ' + str(detail)}")
    if not ok:
        FAILS.append(name)


def extract(bin_, seed, *extra):
    out = subprocess.run([bin_, "extract", "-q", *extra, seed], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.splitlines()[0])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dossier", default="target/release/dossier")
    ap.add_argument("--shared", default="../shared")
    a = ap.parse_args()
    seed = os.path.join(a.shared, "data/seed/000_c5a49b13bfc462a6.txt")
    d = extract(a.dossier, seed)
    ms = d["mentions"]
    by = lambda t: [m for m in ms if m["type"] == t]

    persons = {m["text"] for m in by("Person")}
    for p in ["Ali Khamenei", "Joe Biden", "Mahmoud Ahmadinejad", "Viola Gienger", "Sarhang Hamasaeed",
              "Mona Yacoubian", "Asfandyar Mir"]:
        check(f"person {p}", p in persons, sorted(persons))
    kh = {m["iri"] for m in by("Person") if "Khamenei" in m["text"]}
    check("all Khamenei mentions have one IRI", len(kh) == 1, kh)
    for notp in ["Twitter", "Jaish al-Adl"]:
        check(f"{notp} is not a person", notp not in persons)

    isos = {m["iso"] for m in by("Country")}
    want = {"IR", "US", "GB", "DE", "FR", "RU", "CN", "KZ", "JO", "IL", "PK", "IQ", "SY", "YE", "AU", "BH", "CA", "NL"}
    check("the 18 countries", want <= isos, sorted(want - isos))
    check("no other country", isos <= want, sorted(isos - want))
    text = open(seed, encoding="utf-8").read()
    at = len(text[: text.index("U.S.-Iran")])
    starts = {(m["start"], m["text"]) for m in by("Country")}
    check("U.S.-Iran is two mentions", (at, "U.S.") in starts and (at + 5, "Iran") in starts)
    gb = {m["text"] for m in by("Country") if m["iso"] == "GB"}
    check("Britain, U.K. and the United Kingdom are GB", {"Britain", "U.K.", "United Kingdom"} <= gb, gb)

    places = {(m["text"], m.get("iso")) for m in by("Place")}
    for p in [("Almaty", "KZ"), ("Baluchistan", "PK"), ("Sistan-Baluchistan", "IR"), ("Gaza", "PS"), ("Red Sea", None)]:
        check(f"place {p[0]}", p in places, sorted(places, key=str))
    check("nationality Iranian (IR)", ("Iranian", "IR") in {(m["text"], m.get("iso")) for m in by("Nationality")})
    orgs = {m["text"] for m in by("Organization")}
    for o in ["USIP", "Hamas", "Houthis", "Jaish al-Adl"]:
        check(f"organization {o}", o in orgs, sorted(orgs))

    dates = {(m["text"], m.get("value")) for m in ms if m["type"] == "Date"}
    check("Tuesday, January 30, 2024 -> 2024-01-30", ("Tuesday, January 30, 2024", "2024-01-30") in dates)
    check("January 28 -> 2024-01-28", ("January 28", "2024-01-28") in dates)
    check("Feb. 26 -> XXXX-02-26 without a date", ("Feb. 26", "XXXX-02-26") in dates)
    d2 = extract(a.dossier, seed, "--date", "2013-02-08")
    dates2 = {(m["text"], m.get("value")) for m in d2["mentions"] if m["type"] == "Date"}
    check("Feb. 26 -> 2013-02-26 with --date 2013-02-08", ("Feb. 26", "2013-02-26") in dates2)
    # TimeML marks the duration ("two days", P2D); the date it reaches from
    # January 16 is kept as the mention's anchor and dates the retaliation.
    later = [m for m in d2["mentions"] if m["type"] == "Duration" and "two days" in m["text"]]
    check("Less than two days later -> P2D reaching 2024-01-18",
          any(m.get("value") == "P2D" and m.get("anchor") == "2024-01-18" for m in later), later)
    check("the retaliation is dated 2024-01-18",
          any(e.get("date") == "2024-01-18" for e in d2["events"]), [e.get("date") for e in d2["events"]])

    pubs = d["publications"]
    check("four publications", len(pubs) == 4, len(pubs))
    main = pubs[0]
    check("main by Viola Gienger, published by USIP", main["authors"] == ["Viola Gienger"]
          and main["publisher"] in ("United States Institute of Peace", "USIP"), main)
    want_listed = [
        ("The United States Weighs Its Options in the Face of Iran’s Provocations", "2024-01-30",
         ["Sarhang Hamasaeed", "Mona Yacoubian"], ["Analysis", "Question and Answer"],
         ["Conflict Analysis & Prevention", "Global Policy", "Violent Extremism"]),
        ("Making Sense of Iran-Pakistan Cross-Border Strikes", "2024-01-19", ["Asfandyar Mir"], ["Analysis"],
         ["Conflict Analysis & Prevention", "Global Policy", "Violent Extremism"]),
        ("A Slippery Slope? U.S., U.K. Launch Strikes on Iran-Backed Houthis in Yemen", "2024-01-12",
         ["Sarhang Hamasaeed"], ["Analysis", "Question and Answer"], ["Conflict Analysis & Prevention", "Global Policy"]),
    ]
    for p, (title, date, authors, types, topics) in zip(pubs[1:], want_listed):
        got = (p["title"], p["published"], p["authors"], p["types"], p["topics"])
        check(f"listed: {title[:40]}", got == (title, date, authors, types, topics), got)

    evs = d2["events"]
    def ev(t, date, iso):
        return any(e["type"] == t and e["date"] == date and any(p["iso"] == iso for p in e["places"]) for e in evs)
    check("event: Almaty talks (CONSULT, 2013-02-26, KZ)", ev("CONSULT", "2013-02-26", "KZ"))
    check("event: drone strike in Jordan (ASSAULT, 2024-01-28, JO)", ev("ASSAULT", "2024-01-28", "JO"))
    check("event: Iran strikes Pakistan (ASSAULT, 2024-01-16, PK)", ev("ASSAULT", "2024-01-16", "PK"))
    check("event: Pakistan retaliates (ASSAULT, 2024-01-18, IR)", ev("ASSAULT", "2024-01-18", "IR"))
    check("event: US/UK strikes on the Houthis (ASSAULT, 2024-01-12, YE)", ev("ASSAULT", "2024-01-12", "YE"))
    check("event: sanctions on Iran (SANCTION, 2013-02-07)", any(e["type"] == "SANCTION" and e["date"] == "2013-02-07" for e in evs))

    with tempfile.TemporaryDirectory() as tmp:
        store = os.path.join(tmp, "store")
        subprocess.run([a.dossier, "ingest", "-q", "--store", store, seed], check=True)
        n1 = subprocess.run([a.dossier, "stats", "--store", store], capture_output=True, text=True, check=True).stdout
        subprocess.run([a.dossier, "ingest", "-q", "--store", store, seed], check=True)
        n2 = subprocess.run([a.dossier, "stats", "--store", store], capture_output=True, text=True, check=True).stdout
        check("re-ingest leaves the quad count unchanged", n1 == n2, (n1, n2))
        q = subprocess.run([a.dossier, "query", "--saved", "coverage-by-date-country", "--format", "json", "--store", store,
                            "--param", "country=JO", "--param", "from=2024-01-28", "--param", "to=2024-01-28"],
                           capture_output=True, text=True)
        titles = set()
        if q.returncode == 0:
            titles = {b.get("title", {}).get("value") for b in json.loads(q.stdout)["results"]["bindings"]}
        check("SPARQL: the Jordan drone strike of 2024-01-28 is covered by 'The United States Weighs Its Options…'",
              "The United States Weighs Its Options in the Face of Iran’s Provocations" in titles, titles or q.stderr)
        c = subprocess.run([a.dossier, "coverage", "--from", "2024-01-27", "--to", "2024-01-29", "--country", "JO",
                            "--format", "json", "--store", store], capture_output=True, text=True)
        got = {p["title"] for p in json.loads(c.stdout)["publications"]} if c.returncode == 0 else set()
        check("dossier coverage --country JO returns that publication",
              "The United States Weighs Its Options in the Face of Iran’s Provocations" in got, got or c.stderr)

    print(f"{len(FAILS)} failed" if FAILS else "all seed checks passed")
    sys.exit(1 if FAILS else 0)


if __name__ == "__main__":
    main()
