#!/usr/bin/env python3
"""Build the event-trigger lexicon of Dossier's `events` stage.

    python3 tools/build_event_lexicon.py [LEXICONS_DIR] [--out data/events]

LEXICONS_DIR defaults to ../shared/data/lexicons (relative to the repo root,
where this script is meant to be run from). Reads
  events/CAMEO2PLOVER-2021.txt   CAMEO code -> PLOVER type, mode
  events/plover_event_types.tsv  the 16 PLOVER types
  events/plover_modes.tsv        the valid modes per type
  events/cameo_codes.json        CAMEO names (fallback: events/CAMEO.eventcodes.txt)
  petrarch/CAMEO.2.0.txt         synonym sets (&NAME) for pattern expansion
  petrarch/cameo2_verbs_flat.tsv PETRARCH2 verbs, inflections, codes
  petrarch/cameo2_patterns_flat.tsv  PETRARCH2 verb patterns
and writes (deterministic, sorted):
  triggers.tsv     form lemma pos cameo plover mode tier block
  patterns.tsv     block object cameo plover mode  (object words; &name = synset)
  synsets.tsv      synset members (|-separated), for the &names in patterns
  cameo_plover.tsv cameo plover mode name

Tier 1 triggers are a curated list of news-event verbs and nouns (below) typed
through the CAMEO->PLOVER table; tier 2 are PETRARCH2 verbs whose dictionary
code maps to a PLOVER type (the Rust side asks more evidence of them).
"""
import argparse
import json
import os
import re
import sys

PLOVER_TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]

# Modes in the 2021 conversion table that are not (or no longer) PLOVER modes
# of that type: mapped to the codebook's mode, or dropped (None).
MODE_FIXES = {
    ("ASSAULT", "assassinate"): "targeted",
    ("ASSAULT", "massacre"): "targeted",
    ("ASSAULT", "seize"): "destroy",
    ("ASSAULT", "cleansing"): None,
    ("ASSAULT", "pro_autocracy"): None,
    ("RETREAT", "return"): "release",
    ("RETREAT", "ease"): None,
    ("THREATEN", "ban"): "restrict",
    ("THREATEN", "political"): "restrict",
    ("COERCE", "ban"): "restrict",
}

# Codes where the PLOVER manual's text overrides the 2021 conversion table:
# the manual codes international sanctions as SANCTION, mode `discontinue`
# ("International (political or economic) sanctions are coded as
# 'discontinue'"), while the table sends 163 to COERCE.
CODE_OVERRIDES = {
    "163": ("SANCTION", "discontinue"),
}

# Curated tier-1 triggers: (pos, lemma, forms, cameo, mode override or "",
# or "TYPE/mode" where the PLOVER manual types the act differently from the
# CAMEO table, e.g. resignations are RETREAT `resign` in the manual).
# pos V = verb, N = noun. Forms are lower case; multiword forms allowed.
CURATED = [
    # CONSULT
    ("N", "talks", ["talks"], "046", ""),
    ("N", "negotiation", ["negotiation", "negotiations"], "046", ""),
    ("V", "negotiate", ["negotiate", "negotiated", "negotiating", "negotiates"], "046", ""),
    ("N", "summit", ["summit", "summits"], "040", "multilateral"),
    ("N", "meeting", ["meeting", "meetings"], "040", ""),
    ("V", "meet", ["met", "meet", "meets", "meeting"], "040", ""),
    ("N", "visit", ["visit", "visits"], "042", ""),
    ("V", "visit", ["visited", "visiting", "visits"], "042", ""),
    ("V", "host", ["hosted", "hosts"], "043", ""),
    ("N", "phone call", ["phone call", "telephone call", "phone conversation"], "041", ""),
    ("N", "consultations", ["consultations"], "040", ""),
    ("N", "mediation", ["mediation"], "045", ""),
    ("V", "mediate", ["mediated", "mediating"], "045", ""),
    # AGREE / SUPPORT / CONCEDE
    ("N", "deal", ["deal", "deals"], "057", ""),
    ("N", "agreement", ["agreement", "agreements"], "057", ""),
    ("N", "accord", ["accord", "accords"], "057", ""),
    ("N", "treaty", ["treaty", "treaties"], "057", ""),
    ("V", "sign", ["signed", "signs", "signing"], "057", ""),
    ("V", "agree", ["agreed", "agrees"], "030", ""),
    ("V", "offer", ["offered", "offers", "offering"], "030", ""),
    ("N", "offer", ["offer", "overture", "proposal"], "030", ""),
    ("V", "promise", ["promised", "pledged", "vowed to"], "030", ""),
    ("V", "endorse", ["endorsed", "praised", "welcomed"], "051", ""),
    ("V", "recognize", ["recognized", "recognised"], "054", ""),
    ("V", "apologize", ["apologized", "apologised"], "055", ""),
    # COOPERATE / AID
    ("N", "aid", ["aid", "assistance"], "070", ""),
    ("N", "military aid", ["military aid", "arms shipments", "weapons shipments"], "072", ""),
    ("N", "humanitarian aid", ["humanitarian aid", "humanitarian assistance", "relief"], "073", ""),
    ("V", "provide", ["provided", "sent aid", "delivered aid"], "070", ""),
    ("N", "asylum", ["asylum"], "075", ""),
    ("N", "exercises", ["joint exercises", "military exercises", "war games", "drills"], "062", ""),
    ("N", "extradition", ["extradition"], "063", ""),
    ("V", "extradite", ["extradited"], "063", ""),
    # RETREAT
    ("N", "ceasefire", ["ceasefire", "cease-fire", "ceasefires", "cease-fires", "truce", "armistice"], "0871", ""),
    ("N", "withdrawal", ["withdrawal", "pullout", "pull-out"], "0874", "withdraw"),
    ("V", "withdraw", ["withdrew", "withdraws", "withdrawn", "pulled out"], "0874", "withdraw"),
    ("V", "retreat", ["retreated", "retreats"], "0874", "withdraw"),
    ("V", "release", ["released", "freed"], "0841", ""),
    ("N", "release", ["release"], "0841", ""),
    ("N", "prisoner swap", ["prisoner swap", "prisoner exchange", "hostage deal"], "0841", ""),
    ("V", "resign", ["resigned", "stepped down", "resigns"], "0831", "RETREAT/resign"),
    ("N", "resignation", ["resignation"], "0831", "RETREAT/resign"),
    ("V", "surrender", ["surrendered"], "0874", ""),
    ("V", "flee", ["fled", "fleeing", "flee"], "0874", "withdraw"),
    # REQUEST
    ("V", "demand", ["demanded", "demands", "demanding"], "100", ""),
    ("V", "urge", ["urged", "urges", "called on", "appealed to"], "100", ""),
    ("V", "call for", ["called for", "calls for", "calling for"], "100", ""),
    # ACCUSE
    ("V", "accuse", ["accused", "accuses", "accusing", "blamed", "blames"], "112", "allege"),
    ("V", "condemn", ["condemned", "condemns", "denounced", "denounces", "criticized", "criticised", "decried"], "111", ""),
    ("N", "condemnation", ["condemnation"], "111", ""),
    ("V", "investigate", ["investigating", "investigated", "probed"], "090", ""),
    ("N", "investigation", ["investigation", "inquiry", "probe"], "090", ""),
    ("V", "sue", ["sued"], "115", ""),
    ("V", "indict", ["indicted", "charged"], "1121", ""),
    # REJECT
    ("V", "reject", ["rejected", "rejects", "rejecting", "refused", "refuses", "rebuffed", "spurned", "dismissed"], "120", ""),
    ("N", "rejection", ["rejection", "refusal"], "120", ""),
    ("V", "veto", ["vetoed"], "129", ""),
    ("N", "veto", ["veto"], "129", ""),
    # THREATEN
    ("V", "threaten", ["threatened", "threatens", "threatening", "warned"], "130", ""),
    ("N", "ultimatum", ["ultimatum"], "139", ""),
    # PROTEST
    ("N", "protest", ["protest", "protests", "demonstration", "demonstrations", "rally", "rallies", "march"], "141", ""),
    ("V", "protest", ["protested", "demonstrated", "rallied", "marched"], "141", ""),
    ("N", "riot", ["riot", "riots", "unrest"], "145", ""),
    ("V", "riot", ["rioted"], "145", ""),
    ("N", "hunger strike", ["hunger strike", "hunger strikes"], "142", ""),
    ("N", "general strike", ["general strike", "labor strike", "labour strike", "walkout"], "143", "strike"),
    ("N", "boycott", ["boycott"], "143", "boycott"),
    ("V", "boycott", ["boycotted"], "143", "boycott"),
    ("N", "blockade", ["blockade"], "191", ""),
    # SANCTION
    ("N", "sanctions", ["sanctions", "sanction"], "163", ""),
    ("V", "sanction", ["sanctioned", "sanctioning"], "163", ""),
    ("N", "embargo", ["embargo", "embargoes"], "163", ""),
    ("V", "expel", ["expelled", "expels"], "166", ""),
    ("V", "evacuate", ["evacuated", "evacuating", "evacuate"], "166", "withdraw"),
    ("N", "evacuation", ["evacuation", "evacuations"], "166", "withdraw"),
    ("V", "sever", ["severed", "suspended ties", "cut ties", "broke off"], "161", ""),
    # MOBILIZE
    ("V", "deploy", ["deployed", "deploys", "deploying"], "154", "troops"),
    ("N", "deployment", ["deployment", "buildup", "build-up", "mobilization", "mobilisation"], "154", "troops"),
    ("V", "mobilize", ["mobilized", "mobilised"], "154", "troops"),
    ("N", "missile test", ["missile test", "nuclear test", "missile launch"], "150", "weapons"),
    # COERCE
    ("N", "coup", ["coup", "coups", "coup d'etat", "coup d'état", "putsch"], "170", ""),
    ("V", "arrest", ["arrested", "detained", "jailed", "imprisoned"], "173", "arrest"),
    ("N", "arrest", ["arrest", "arrests", "detention"], "173", "arrest"),
    ("V", "deport", ["deported"], "174", "deport"),
    ("N", "crackdown", ["crackdown"], "170", ""),
    ("V", "overthrow", ["overthrew", "overthrown", "ousted", "toppled", "deposed"], "170", ""),
    ("V", "seize", ["seized", "seizes", "seizing", "captured", "took control", "taken control", "taking control",
                    "took over", "seized control", "seized power", "overran"], "192", "seize"),
    ("N", "takeover", ["takeover", "take-over", "seizure", "capture", "fall"], "192", "seize"),
    ("N", "occupation", ["occupation", "annexation"], "192", "seize"),
    ("V", "annex", ["annexed", "occupied"], "192", "seize"),
    ("N", "curfew", ["curfew"], "1723", "curfew"),
    ("N", "martial law", ["martial law", "state of emergency"], "1724", "martial-law"),
    ("N", "cyberattack", ["cyberattack", "cyberattacks", "cyber attack", "cyber-attack", "hack"], "170", "cyber"),
    # ASSAULT
    ("N", "attack", ["attack", "attacks", "assault", "offensive", "raid", "raids", "incursion", "incursions"], "190", ""),
    ("V", "attack", ["attacked", "attacks", "attacking", "assaulted", "raided"], "190", ""),
    ("N", "strike", ["strike", "strikes"], "190", ""),
    ("N", "airstrike", ["airstrike", "airstrikes", "air strike", "air strikes", "air raid", "air raids",
                        "bombing raid", "bombing campaign", "aerial bombardment"], "195", "aerial"),
    ("N", "drone strike", ["drone strike", "drone strikes", "drone attack", "drone attacks"], "195", "drone"),
    ("N", "missile strike", ["missile strike", "missile strikes", "missile attack", "missile attacks",
                             "rocket attack", "rocket attacks", "rocket fire"], "195", "heavy-weapons"),
    ("N", "shelling", ["shelling", "artillery fire", "bombardment"], "194", "heavy-weapons"),
    ("V", "shell", ["shelled"], "194", "heavy-weapons"),
    ("V", "bomb", ["bombed", "bombing"], "195", "aerial"),
    ("N", "bombing", ["bombing", "bombings", "explosion", "blast"], "183", "explosives"),
    ("N", "suicide bombing", ["suicide bombing", "suicide attack", "suicide bomber", "suicide bombings"], "1831", "suicide-attack"),
    ("N", "car bomb", ["car bomb", "car bombing", "truck bomb"], "1832", "explosives"),
    ("N", "roadside bomb", ["roadside bomb", "ied"], "1833", "explosives"),
    ("N", "invasion", ["invasion", "incursion"], "190", ""),
    ("V", "invade", ["invaded", "invades", "invading", "invade"], "190", ""),
    ("V", "kill", ["killed", "kills", "killing", "slain"], "190", ""),
    ("N", "killing", ["killing", "killings"], "190", ""),
    ("V", "injure", ["injured", "wounded"], "190", ""),
    ("V", "shoot", ["shot", "opened fire", "gunned down"], "193", "firearms"),
    ("N", "shooting", ["shooting", "shootings", "gunfire", "gunbattle", "firefight"], "193", "firearms"),
    ("N", "clashes", ["clashes", "clash", "fighting", "battle", "hostilities"], "190", ""),
    ("V", "clash", ["clashed", "fought"], "190", ""),
    ("V", "retaliate", ["retaliated", "hit back", "struck back", "retaliates"], "190", ""),
    ("N", "retaliation", ["retaliation", "reprisal", "reprisals", "counterattack", "counteroffensive"], "190", ""),
    ("V", "strike", ["struck", "hit"], "190", ""),
    ("V", "assassinate", ["assassinated"], "186", "targeted"),
    ("N", "assassination", ["assassination", "assassinations", "targeted killing"], "186", "targeted"),
    ("V", "abduct", ["abducted", "kidnapped", "hijacked", "took hostage", "taken hostage"], "181", "abduct"),
    ("N", "kidnapping", ["kidnapping", "abduction", "hijacking", "hostage-taking"], "181", "abduct"),
    ("N", "massacre", ["massacre", "massacres", "genocide", "mass killing", "mass killings"], "202", "targeted"),
    ("V", "massacre", ["massacred"], "202", "targeted"),
    ("V", "torture", ["tortured"], "1822", "torture"),
    ("N", "chemical attack", ["chemical attack", "chemical weapons attack", "gas attack"], "2041", "unconventional"),
    ("V", "destroy", ["destroyed", "demolished"], "1712", "destroy"),
]


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


def load_cameo2plover(path, modes):
    out = {}
    for line in read_lines(path):
        line = line.split("#", 1)[0].strip()
        m = re.match(r"^(\d{2,4}):\s*(.*)$", line)
        if not m:
            continue
        code, rest = m.group(1), m.group(2)
        parts = [p.strip() for p in rest.split(",")]
        ev = parts[0].upper() if parts else ""
        if ev not in PLOVER_TYPES:
            continue
        mode = parts[1].strip() if len(parts) > 1 else ""
        if (ev, mode) in MODE_FIXES:
            mode = MODE_FIXES[(ev, mode)] or ""
        if mode and mode not in modes.get(ev, set()):
            mode = ""
        if len(code) == 2:  # category header: fill in the root default
            out.setdefault(code + "0", (ev, ""))
            out.setdefault(code, (ev, ""))
            continue
        out[code] = (ev, mode)
    for code, v in CODE_OVERRIDES.items():
        out[code] = v
    return out


def plover_of(code, table):
    """PLOVER (type, mode) for a CAMEO code, walking up to its parents."""
    c = code
    while c:
        if c in table:
            return table[c]
        c = c[:-1] if len(c) > 3 else (c[:2] + "0" if len(c) == 3 and c[2] != "0" else "")
    return None


def cameo_names(lex):
    path = os.path.join(lex, "events", "cameo_codes.json")
    names = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for k, v in json.load(f).items():
                names[k] = v.get("name", "")
    else:
        for line in read_lines(os.path.join(lex, "events", "CAMEO.eventcodes.txt"))[1:]:
            p = line.split("\t")
            if len(p) >= 2:
                names[p[0]] = p[1]
    return names


def verb_forms(verb, inflections):
    """Regular English inflections of a PETRARCH headword, plus listed ones."""
    v = verb.lower().replace("_", " ").strip()
    forms = {v}
    forms.update(i.lower().replace("_", " ") for i in inflections.split())
    if inflections.strip():
        return forms
    if " " in v:
        return forms
    if v.endswith("e"):
        forms.update({v + "s", v + "d", v[:-1] + "ing"})
    elif v.endswith("y") and len(v) > 2 and v[-2] not in "aeiou":
        forms.update({v[:-1] + "ies", v[:-1] + "ied", v + "ing"})
    elif re.search(r"(s|x|z|ch|sh)$", v):
        forms.update({v + "es", v + "ed", v + "ing"})
    else:
        forms.update({v + "s", v + "ed", v + "ing"})
    return forms


def load_synsets(path):
    sets, cur = {}, None
    for line in read_lines(path):
        s = line.split("#", 1)[0].strip()
        if s.startswith("&"):
            cur = s.rstrip("_")
            sets[cur] = []
        elif cur and s.startswith("+"):
            sets[cur].append(s[1:].strip().rstrip("_").replace("_", " ").lower())
        elif cur and not s:
            cur = None
        elif s.startswith("---"):
            cur = None
    return sets


def _unused_expand_object(tokens, synsets):
    alts = [[]]
    for t in tokens:
        t = t.rstrip("_")
        if t.startswith("&"):
            words = synsets.get(t, [])
            if not words:
                return []
            alts = [a + [w] for a in alts for w in words]
        else:
            alts = [a + [t.replace("_", " ").lower()] for a in alts]
    return [" ".join(a) for a in alts]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("lexicons", nargs="?", default="../shared/data/lexicons")
    ap.add_argument("--out", default="data/events")
    a = ap.parse_args()
    lex = a.lexicons
    os.makedirs(a.out, exist_ok=True)

    modes = {}
    for line in read_lines(os.path.join(lex, "events", "plover_modes.tsv"))[1:]:
        p = line.split("\t")
        if len(p) >= 2:
            modes.setdefault(p[0], set()).add(p[1])
    types = [l.split("\t")[0] for l in read_lines(os.path.join(lex, "events", "plover_event_types.tsv"))[1:] if l]
    assert sorted(types) == sorted(PLOVER_TYPES), types
    table = load_cameo2plover(os.path.join(lex, "events", "CAMEO2PLOVER-2021.txt"), modes)
    names = cameo_names(lex)

    # cameo_plover.tsv
    rows = []
    for code in sorted(set(names) | set(table)):
        pm = plover_of(code, table)
        if pm:
            rows.append((code, pm[0], pm[1], names.get(code, "").replace("\t", " ")))
    with open(os.path.join(a.out, "cameo_plover.tsv"), "w", encoding="utf-8") as f:
        f.write("cameo\tplover\tmode\tname\n")
        for r in rows:
            f.write("\t".join(r) + "\n")

    # PETRARCH verb blocks
    verbs_path = os.path.join(lex, "petrarch", "cameo2_verbs_flat.tsv")
    block_of = {}
    triggers = {}  # (form, pos) -> row
    for line in read_lines(verbs_path)[1:]:
        p = line.split("\t")
        if len(p) < 5:
            continue
        block, bcode, verb, infl, vcode = p[:5]
        block = block.rstrip("_")
        for form in verb_forms(verb, infl):
            block_of.setdefault(form, block)
        code = (vcode or bcode).split(":")[0].strip()
        if not re.fullmatch(r"\d{3,4}", code):
            continue
        pm = plover_of(code, table)
        if not pm:
            continue
        lemma = verb.lower().replace("_", " ")
        for form in verb_forms(verb, infl):
            triggers.setdefault((form, "V"), (form, lemma, "V", code, pm[0], pm[1], "2", block))

    # curated tier 1 (overrides PETRARCH rows of the same form and pos)
    for pos, lemma, forms, code, mode in CURATED:
        pm = plover_of(code, table)
        assert pm, (lemma, code)
        ev, m = pm
        if "/" in mode:  # "TYPE/mode": the PLOVER manual overrides the table
            ev, mode = mode.split("/", 1)
            m = ""
        if mode:
            assert mode in modes.get(ev, set()), (lemma, ev, mode)
            m = mode
        for form in forms:
            blk = block_of.get(form, block_of.get(lemma, "")) if pos == "V" else ""
            triggers[(form, pos)] = (form, lemma, pos, code, ev, m, "1", blk)

    with open(os.path.join(a.out, "triggers.tsv"), "w", encoding="utf-8") as f:
        f.write("form\tlemma\tpos\tcameo\tplover\tmode\ttier\tblock\n")
        for k in sorted(triggers):
            f.write("\t".join(triggers[k]) + "\n")

    # simple PETRARCH patterns: "* OBJECT" / "* {MULTI WORD OBJECT}" / "* (PREP OBJECT)"
    synsets = load_synsets(os.path.join(lex, "petrarch", "CAMEO.2.0.txt"))
    pats = set()
    for line in read_lines(os.path.join(lex, "petrarch", "cameo2_patterns_flat.tsv"))[1:]:
        p = line.split("\t")
        if len(p) < 5:
            continue
        block, _, _, pat, code = p[:5]
        block = block.rstrip("_")
        m = re.fullmatch(r"\*\s+(?:\{([A-Z_&' ]+)\}|\(([A-Z_&' ]+)\)|([A-Z_&']+))", pat.strip())
        if not m:
            continue
        obj = (m.group(1) or m.group(2) or m.group(3)).split()
        code = code.split(":")[0].strip()
        if code == "---":
            ev, md = "-", ""
        elif re.fullmatch(r"\d{3,4}", code):
            pm = plover_of(code, table)
            if not pm:
                continue  # CAMEO 01/02 statements and appeals: no PLOVER event
            ev, md = pm
        else:
            continue
        if any(t.startswith("&") and t.rstrip("_") not in synsets for t in obj):
            continue
        o = " ".join(t.rstrip("_").lower() if t.startswith("&") else t.rstrip("_").replace("_", " ").lower() for t in obj)
        pats.add((block, o, code if ev != "-" else "---", ev, md))
    used = {w for r in pats for w in r[1].split() if w.startswith("&")}
    with open(os.path.join(a.out, "synsets.tsv"), "w", encoding="utf-8") as f:
        f.write("synset\tmembers\n")
        for name in sorted(used):
            f.write(name + "\t" + "|".join(sorted(set(synsets["&" + name[1:].upper()]))) + "\n")
    with open(os.path.join(a.out, "patterns.tsv"), "w", encoding="utf-8") as f:
        f.write("block\tobject\tcameo\tplover\tmode\n")
        for r in sorted(pats):
            f.write("\t".join(r) + "\n")

    n1 = sum(1 for r in triggers.values() if r[6] == "1")
    print(f"triggers: {len(triggers)} forms ({n1} curated, {len(triggers) - n1} PETRARCH2); "
          f"patterns: {len(pats)}; cameo codes: {len(rows)}", file=sys.stderr)


if __name__ == "__main__":
    main()
