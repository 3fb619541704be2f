#!/usr/bin/env python3
"""Write the hostile corpus: inputs that break naive readers, mixed with a
few good news documents.

    python3 tools/make_hostile.py [OUTDIR] [--small]

OUTDIR defaults to a fresh temporary directory. The
output is deterministic: the same files, byte for byte, on every run
(file modes and links aside). `--small` writes only the small files, the
ones kept in tests/fixtures/hostile/; without it the script also writes
what must not be committed: a 50 MB document, a 5 MB single-line file, a
symbolic-link loop and a file with mode 000 (root can still read it).

The integration test `tests/cli/hostile.rs` ingests the full output and
checks every skip, its reason and location, and that every good document
is in the store. The script prints a JSON manifest on standard output:
`dir` (OUTDIR), `files` (each path, what it is, the expected outcome),
`skips` (path, JSON Lines line, skip reason) and `good_ids`. Nothing but
the corpus is written into OUTDIR, so every file there is an input.
"""

import json
import os
import random
import shutil
import sys
import tempfile

# ---------------------------------------------------------------------------
# Good documents, written for this corpus (news style).

GOOD_WIRE = """\
Drone Strike Kills Three Soldiers at Jordan Outpost

January 29, 2024
By Lena Park

AMMAN, Jordan — A one-way attack drone struck a logistics base in northeastern
Jordan near the Syrian border early on Sunday, killing three American soldiers
and wounding more than 40, the Pentagon said.

President Joe Biden blamed Iran-backed militias operating in Syria and Iraq and
said the United States would respond "at a time and in a manner of our
choosing." Jordan's government condemned the attack.

On Tuesday, Kataib Hezbollah said it was suspending military operations against
American forces in Iraq, a statement issued in Baghdad said.
"""

GOOD_ANALYSIS_HTML = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Pakistan and Iran Step Back From the Brink | Harbor Review</title>
<meta property="og:url" content="https://www.harborreview.example/analysis/2024/01/22/pakistan-iran-de-escalation">
<meta name="author" content="Nadia Rahman">
<meta property="article:published_time" content="2024-01-22T09:30:00Z">
</head>
<body>
<nav><a href="/">Home</a> | <a href="/analysis">Analysis</a></nav>
<article>
<h1>Pakistan and Iran Step Back From the Brink</h1>
<p class="byline">By Nadia Rahman</p>
<p>ISLAMABAD — Pakistan and Iran agreed on Monday to return their ambassadors,
less than a week after the two neighbors traded missile strikes on each
other's territory.</p>
<p>Iran struck what it called militant bases in Pakistan's Balochistan province
on January 16. Pakistan answered two days later with strikes in Iran's
Sistan-Baluchestan province, killing at least nine people.</p>
<p>Foreign Minister Jalil Abbas Jilani said he would host his Iranian
counterpart, Hossein Amir-Abdollahian, in Islamabad on January 29.</p>
</article>
<footer>&copy; 2024 Harbor Review</footer>
</body>
</html>
"""

GOOD_RECORDS = [
    {
        "id": "hostile-good-red-sea",
        "url": "https://www.coastalwire.example/world/2024/01/12/red-sea-strikes",
        "title": "U.S. and Britain Strike Houthi Targets in Yemen",
        "published": "2024-01-12",
        "authors": ["Sam Reyes"],
        "publisher": "Coastal Wire",
        "text": "U.S. and Britain Strike Houthi Targets in Yemen\n\n"
        "American and British warplanes and warships struck more than 60 targets "
        "in Yemen on Thursday night, the first strikes on the Houthi movement "
        "since it began attacking ships in the Red Sea in November. The Houthis "
        "said five of their fighters were killed. Saudi Arabia called for restraint.",
    },
    {
        "id": "hostile-good-gaza-talks",
        "title": "Negotiators Meet in Paris on Gaza Hostage Deal",
        "published": "2024-01-28",
        "authors": "By Claire Dubois",
        "text": "PARIS — CIA Director William Burns met officials from Israel, Egypt "
        "and Qatar in Paris on Sunday to discuss a deal that would pause the "
        "fighting in Gaza and free hostages held by Hamas, according to two "
        "people familiar with the talks.",
    },
]

# One paragraph of the large documents; the number makes each one distinct.
PARAGRAPH = (
    "Report {n}. Officials in Baghdad said on Tuesday that talks with Washington "
    "on the future of the coalition would resume next month. Prime Minister "
    "Mohammed Shia al-Sudani told reporters that Iraq did not want to become a "
    "battlefield between Iran and the United States, and that the government in "
    "Baghdad would protect diplomatic missions. "
)

# ---------------------------------------------------------------------------
# Small hostile files: (relative path, bytes, what it is, expected outcome).
# Outcomes: "doc" (read as a document, maybe with a warning) or
# "skip:<reason>" with the SkipReason code the reader must report.


def small_files():
    files = []

    def add(path, data, what, expect):
        if isinstance(data, str):
            data = data.encode("utf-8")
        files.append((path, data, what, expect))

    # Good documents.
    add("good/wire-jordan.txt", GOOD_WIRE, "good plain-text news article", "doc")
    add("good/analysis-pakistan-iran.html", GOOD_ANALYSIS_HTML, "good HTML article", "doc")
    add("good/briefs.jsonl", "".join(json.dumps(r) + "\n" for r in GOOD_RECORDS), "two good JSON Lines records", "doc")

    # Encodings.
    add(
        "encoding/invalid-utf8.txt",
        b"Talks in Gen\xe8ve \xc3\x28 stalled on Monday; the \xff\xfe envoy for Syria left.\n",
        "invalid UTF-8 (stray and truncated sequences)",
        "doc",
    )
    add(
        "encoding/utf16-bom.txt",
        ("\ufeffQatar hosted talks between Israel and Hamas in Doha on Wednesday, "
         "officials said.\n").encode("utf-16-le"),
        "UTF-16 LE with a byte-order mark",
        "doc",
    )
    add(
        "encoding/windows-1252.txt",
        ("Caf\u00e9 owners in Beirut \u2014 \u201cwe are tired\u201d \u2014 closed "
         "early on Friday as Israel and Hezbollah traded fire.\n").encode("cp1252"),
        "Windows-1252 text (curly quotes, dashes, accents)",
        "doc",
    )

    # Binary content with a text name.
    rng = random.Random(20240129)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(2048))
    add("binary-named.txt", png, "binary (a PNG header and random bytes) named .txt", "skip:not-text")

    # Nothing to read.
    add("empty.txt", b"", "empty file", "skip:empty")
    add("whitespace.txt", " \t\n\r\n   \n\t\t\n", "whitespace only", "skip:empty")

    # HTML.
    add(
        "html/scripts-only.html",
        "<!DOCTYPE html><html><head><title></title>"
        "<script>window.dataLayer=[];function gtag(){dataLayer.push(arguments)}</script>"
        "<style>body{margin:0}p{color:#333}</style></head><body>"
        "<script src=\"/app.js\"></script><noscript></noscript>"
        "<style>.ad{display:none}</style><script>document.write('<p>Breaking news</p>')</script>"
        "</body></html>\n",
        "HTML with only scripts and styles",
        "skip:empty",
    )
    add(
        "html/truncated.html",
        "<!DOCTYPE html><html><head><title>Ceasefire Holds in Sudan | Nile Post</title></head>"
        "<body><article><h1>Ceasefire Holds in Sudan</h1><p>KHARTOUM — A fragile "
        "ceasefire between the Sudanese army and the Rapid Support Forces held for a "
        "second day on Sunday, residents said.</p><p>Mediators from Saudi Arabia and "
        "the United States said they would meet in Jeddah on <a href=\"/jeddah-talks",
        "HTML cut off in the middle of a tag",
        "doc",
    )

    # JSON Lines: the two good records' neighbours, one problem per line.
    lines = [
        json.dumps({"id": "hostile-feed-1", "title": "Ships Diverted From the Red Sea",
                    "published": "2024-01-15",
                    "text": "Maersk said on Monday it would divert all ships away from the "
                            "Red Sea after Houthi attacks on commercial vessels."}),
        '{"id": "hostile-feed-2", "text": "Missing brace and quote}',
        json.dumps({"id": "hostile-feed-3", "title": "No body here", "published": "2024-01-16"}),
        json.dumps({"id": "hostile-feed-4", "text": {"html": "<p>Not a string</p>"}}),
        json.dumps({"id": "hostile-feed-1", "text": "A second record that reuses the first id."}),
        json.dumps({"id": "hostile-feed-5", "published": "January 17, 2024",
                    "text": "Egypt said on Wednesday that traffic through the Suez Canal "
                            "had fallen by more than 40 percent since December."}),
    ]
    add(
        "feed.jsonl",
        "\n".join(lines) + "\n",
        "JSON Lines: good, malformed (line 2), missing text (3), text not a string (4), "
        "duplicate id (5), good (6)",
        "doc",
    )
    return files


# Expected skips among the small files, with the line for JSON Lines.
SMALL_SKIPS = [
    ("binary-named.txt", None, "not-text"),
    ("empty.txt", None, "empty"),
    ("whitespace.txt", None, "empty"),
    ("html/scripts-only.html", None, "empty"),
    ("feed.jsonl", 2, "bad-json"),
    ("feed.jsonl", 3, "missing-text"),
    ("feed.jsonl", 4, "text-not-string"),
    ("feed.jsonl", 5, "duplicate-id"),
]

# Ids of the good documents (the ones a user would want in the store).
GOOD_IDS = [
    "wire-jordan",
    "https://www.harborreview.example/analysis/2024/01/22/pakistan-iran-de-escalation",
    "hostile-good-red-sea",
    "hostile-good-gaza-talks",
    "hostile-feed-1",
    "hostile-feed-5",
]


def large_files(out):
    """The files generated at test time only: 50 MB, a 5 MB line, deep HTML."""
    made = []
    # 50 MB of news paragraphs, blank line between paragraphs.
    path = os.path.join(out, "big/fifty-megabytes.txt")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    target = 50 * 1024 * 1024
    with open(path, "wb") as f:
        f.write(b"Coalition Talks: A Running File\n\n")
        n, size = 0, 0
        while size < target:
            n += 1
            chunk = (PARAGRAPH.format(n=n) * 3 + "\n\n").encode()
            chunk = chunk[: target - size] if size + len(chunk) > target else chunk
            f.write(chunk)
            size += len(chunk)
    made.append(("big/fifty-megabytes.txt", "a 50 MB plain-text document (over the 16 MB cap)", "skip:too-large"))

    # One line of 5 MB: words, no newline at all.
    path = os.path.join(out, "big/single-line.txt")
    line = (PARAGRAPH.format(n=0) * (5 * 1024 * 1024 // len(PARAGRAPH) + 1))[: 5 * 1024 * 1024]
    with open(path, "wb") as f:
        f.write(line.encode())
    made.append(("big/single-line.txt", "one 5 MB line without a newline", "doc"))

    # HTML nested 10,000 levels deep, text at the bottom.
    path = os.path.join(out, "html/deep-nesting.html")
    depth = 10_000
    html = (
        "<!DOCTYPE html><html><head><title>Nested</title></head><body>"
        + "<div>" * depth
        + "<p>Deep inside, a report: Turkey shelled Kurdish positions in northern Syria on Friday.</p>"
        + "</div>" * depth
        + "</body></html>\n"
    )
    with open(path, "w") as f:
        f.write(html)
    made.append(("html/deep-nesting.html", "HTML nested 10,000 levels deep", "doc"))
    return made


def special_files(out):
    """A symbolic-link loop and a file with mode 000."""
    made = []
    loop = os.path.join(out, "loop/inner")
    os.makedirs(loop, exist_ok=True)
    with open(os.path.join(loop, "note.txt"), "w") as f:
        f.write("Ukraine said on Saturday that it had shot down 20 drones over Odesa.\n")
    link = os.path.join(loop, "back-to-top")
    if os.path.lexists(link):
        os.remove(link)
    os.symlink("../..", link)  # loop/inner/back-to-top -> OUTDIR
    made.append(("loop/inner/back-to-top", "a symbolic link to an ancestor directory", "skip:symlink-loop"))
    made.append(("loop/inner/note.txt", "a text file beside the loop", "doc"))

    path = os.path.join(out, "unreadable.txt")
    if os.path.exists(path):
        os.chmod(path, 0o600)
    with open(path, "w") as f:
        f.write("Officials in Kyiv said on Monday that talks would resume.\n")
    os.chmod(path, 0)
    made.append(("unreadable.txt", "mode 000 (unreadable unless root)", "skip:unreadable"))
    return made


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    small_only = "--small" in argv
    out = args[0] if args else tempfile.mkdtemp(prefix="dossier-hostile-")
    os.makedirs(out, exist_ok=True)
    manifest = {"files": [], "skips": [], "good_ids": GOOD_IDS}
    for path, data, what, expect in small_files():
        full = os.path.join(out, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(data)
        manifest["files"].append({"path": path, "what": what, "expect": expect, "bytes": len(data)})
    manifest["skips"] = [{"path": p, "line": l, "reason": r} for p, l, r in SMALL_SKIPS]
    if not small_only:
        for path, what, expect in large_files(out) + special_files(out):
            manifest["files"].append({"path": path, "what": what, "expect": expect})
            if expect.startswith("skip:"):
                manifest["skips"].append({"path": path, "line": None, "reason": expect[5:]})
    manifest["dir"] = out
    json.dump(manifest, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")

if __name__ == "__main__":
    main(sys.argv[1:])
