//! The hostile corpus: `tools/make_hostile.py` writes inputs that break
//! naive readers (bad encodings, binary, empty files, a 50 MB document, a
//! 5 MB line, HTML nested 10,000 deep, broken JSON Lines, a symlink loop, an
//! unreadable file) mixed with good news documents. `dossier ingest` must
//! finish with exit code 3 ("done, with skips"), report every problem on
//! standard error with its file and line or byte offset, account for every
//! input in its summary, and store every good document.

use super::*;
use std::collections::BTreeMap;

/// Run the generator into a fresh directory; returns its manifest.
fn make_hostile(tag: &str) -> (PathBuf, Value) {
    let dir = std::env::temp_dir().join(format!("dossier-hostile-{tag}-{}", std::process::id()));
    if dir.exists() {
        // A mode-000 file from an earlier run must be writable to remove it.
        let _ = std::fs::set_permissions(dir.join("unreadable.txt"), std::os::unix::fs::PermissionsExt::from_mode(0o600));
        let _ = std::fs::remove_dir_all(&dir);
    }
    let out = std::process::Command::new("python3")
        .arg(root().join("tools/make_hostile.py"))
        .arg(&dir)
        .output()
        .expect("run python3 tools/make_hostile.py");
    assert!(out.status.success(), "make_hostile.py failed: {}", String::from_utf8_lossy(&out.stderr));
    let manifest: Value = serde_json::from_slice(&out.stdout).expect("manifest on stdout");
    assert_eq!(manifest["dir"].as_str(), Some(dir.to_str().unwrap()));
    (dir, manifest)
}

/// `documents read: R  ingested: I  skipped: S` and the per-reason lines.
fn summary(stdout: &str, verb: &str) -> (usize, usize, usize, BTreeMap<String, usize>) {
    let line = stdout.lines().find(|l| l.starts_with("documents read:")).expect("summary line");
    let nums: Vec<usize> = line.split_whitespace().filter_map(|w| w.parse().ok()).collect();
    assert!(line.contains(&format!("{verb}:")), "{line}");
    let by_reason = stdout
        .lines()
        .filter_map(|l| l.trim().strip_prefix("skipped ("))
        .map(|r| {
            let (reason, n) = r.split_once("): ").expect("skipped (reason): n");
            (reason.to_string(), n.trim().parse().unwrap())
        })
        .collect();
    (nums[0], nums[1], nums[2], by_reason)
}

/// The whole corpus, 50 MB document included: it is over the 16 MB cap on a
/// document (`ReadOptions::max_bytes`), so it is reported as too-large at
/// byte 0 and memory stays bounded; the 5 MB line is read and stored.
#[cfg(unix)]
#[test]
fn hostile_corpus_is_ingested_with_every_problem_reported() {
    check_hostile("full");
}

fn check_hostile(tag: &str) {
    let (dir, manifest) = make_hostile(tag);
    // Root reads a mode-000 file anyway; then it is a document, not a skip.
    let unreadable = dir.join("unreadable.txt");
    let root_reads_it = std::fs::read(&unreadable).is_ok();

    let mut expected: Vec<(String, Option<u64>, String)> = manifest["skips"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["path"].as_str().unwrap().to_string(), s["line"].as_u64(), s["reason"].as_str().unwrap().to_string()))
        .collect();
    if root_reads_it {
        expected.retain(|(p, _, _)| p != "unreadable.txt");
    }

    let store = temp_store(&format!("hostile-{tag}"));
    let out = run(bin().args(["ingest", "--store"]).arg(&store).arg(&dir));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(3), "exit code 3 = done, with skips\n{stderr}\n{stdout}");

    // Every problem is on stderr, with its file, its line (JSON Lines) or
    // byte offset, and its reason; and nothing else is reported skipped.
    let skip_lines: Vec<&str> = stderr.lines().filter(|l| l.starts_with("skipped: ")).collect();
    for (path, line, reason) in &expected {
        let file = dir.join(path);
        let at = match line {
            Some(n) => format!("skipped: {}:{n}: {reason}: ", file.display()),
            None => format!("skipped: {}: {reason}: ", file.display()),
        };
        let found = skip_lines.iter().find(|l| l.starts_with(&at));
        let found = found.unwrap_or_else(|| panic!("no `{at}` on stderr:\n{stderr}"));
        // A whole-file problem gives the byte offset, except when the file
        // could not be opened or followed at all.
        if line.is_none() && reason != "unreadable" {
            assert!(found.contains(" (byte "), "no byte offset in `{found}`");
        }
    }
    assert_eq!(skip_lines.len(), expected.len(), "unexpected skips:\n{}", skip_lines.join("\n"));
    if root_reads_it {
        assert!(!stderr.contains("unreadable.txt"), "root reads a mode-000 file: {stderr}");
    }
    // The binary file is reported at the first binary byte.
    let bin_line = skip_lines.iter().find(|l| l.contains("binary-named.txt")).unwrap();
    assert!(bin_line.contains("(byte 8)"), "{bin_line}");

    // The summary accounts for every input: read = ingested + skipped.
    let (read, ingested, skipped, by_reason) = summary(&stdout, "ingested");
    assert_eq!(read, ingested + skipped, "{stdout}");
    assert_eq!(skipped, expected.len(), "{stdout}");
    let mut want: BTreeMap<String, usize> = BTreeMap::new();
    for (_, _, r) in &expected {
        *want.entry(r.clone()).or_default() += 1;
    }
    assert_eq!(by_reason, want, "{stdout}");
    // Documents: the good ones, the three odd encodings, the truncated and
    // the deep HTML, the two large files, the note beside the loop, and the
    // mode-000 file when root reads it.
    let docs_expected = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["expect"] == "doc")
        .map(|f| if f["path"].as_str().unwrap().ends_with(".jsonl") { 0 } else { 1 })
        .sum::<usize>()
        + 2 // good/briefs.jsonl
        + 2 // feed.jsonl lines 1 and 6
        + usize::from(root_reads_it);
    assert_eq!(ingested, docs_expected, "{stdout}");

    // Every good document is in the store, and so is every ingested one.
    let csv = ok(bin()
        .args(["query", "--format", "csv", "--store"])
        .arg(&store)
        .arg("SELECT ?id WHERE { ?d a dossier:Document ; dossier:documentId ?id }"));
    let ids: Vec<&str> = csv.lines().skip(1).map(|l| l.trim().trim_matches('"')).collect();
    for good in manifest["good_ids"].as_array().unwrap() {
        let good = good.as_str().unwrap();
        assert!(ids.contains(&good), "good document {good} not in the store: {ids:?}");
    }
    assert_eq!(ids.len(), ingested, "{ids:?}");
    let odd = vec!["invalid-utf8", "utf16-bom", "windows-1252", "truncated", "deep-nesting", "single-line"];
    // the 50 MB document is over the 16 MB cap: skipped as too-large
    assert!(skip_lines.iter().any(|l| l.contains("fifty-megabytes.txt") && l.contains("too-large")), "{stderr}");
    for id in odd {
        assert!(ids.contains(&id), "{id} not in the store: {ids:?}");
    }

    let _ = std::fs::set_permissions(&unreadable, std::os::unix::fs::PermissionsExt::from_mode(0o600));
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(store.parent().unwrap());
}

/// The small files kept in tests/fixtures/hostile are what the script
/// writes with `--small` (so the script is deterministic and the fixtures
/// are current), and `extract` reads them with the documented outcomes and
/// a warning for each decoding fallback.
#[test]
fn committed_small_fixtures_match_the_generator() {
    let dir = std::env::temp_dir().join(format!("dossier-hostile-small-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = std::process::Command::new("python3")
        .arg(root().join("tools/make_hostile.py"))
        .arg(&dir)
        .arg("--small")
        .output()
        .expect("run python3 tools/make_hostile.py");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let manifest: Value = serde_json::from_slice(&out.stdout).unwrap();
    for f in manifest["files"].as_array().unwrap() {
        let p = f["path"].as_str().unwrap();
        let made = std::fs::read(dir.join(p)).unwrap();
        let kept = std::fs::read(fixture("hostile").join(p)).unwrap_or_else(|e| panic!("tests/fixtures/hostile/{p}: {e}"));
        assert!(made == kept, "tests/fixtures/hostile/{p} differs from the generator's output; rerun tools/make_hostile.py --small");
    }

    let out = run(bin().arg("extract").arg(fixture("hostile")));
    assert_eq!(out.status.code(), Some(3), "{}", String::from_utf8_lossy(&out.stderr));
    let docs: Vec<Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let by_id = |id: &str| docs.iter().find(|d| d["id"] == id).unwrap_or_else(|| panic!("{id} missing"));
    let codes = |d: &Value| -> Vec<String> {
        let ds = d["diagnostics"].as_array().cloned().unwrap_or_default();
        ds.iter().filter_map(|x| x["code"].as_str().map(String::from)).collect()
    };
    assert!(codes(by_id("invalid-utf8")).contains(&"decoded-as-windows-1252".to_string()));
    assert!(codes(by_id("windows-1252")).contains(&"decoded-as-windows-1252".to_string()));
    assert!(!codes(by_id("utf16-bom")).iter().any(|c| c.starts_with("invalid")));
    // The decoded text is right: Qatar and Israel are found in the UTF-16
    // file, Beirut in the Windows-1252 one.
    let has = |d: &Value, text: &str| d["mentions"].as_array().unwrap().iter().any(|m| m["text"] == text);
    assert!(has(by_id("utf16-bom"), "Qatar") && has(by_id("utf16-bom"), "Israel"));
    assert!(has(by_id("windows-1252"), "Beirut"));
    let _ = std::fs::remove_dir_all(&dir);
}
