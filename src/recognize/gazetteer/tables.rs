//! Builders of the frozen gazetteer and actor-dictionary images.
//!
//! Std-only. `build.rs` mounts this file (with `fold.rs` and `frozen.rs`) and writes
//! the images to `OUT_DIR`; the library compiles it only for tests, where it checks
//! that the frozen images answer exactly like these in-memory tables. The build
//! reproduces what the gazetteer used to do at startup: parse `gazetteer.tsv`, add the
//! multi-word names of the person actors of `actors.tsv`, sort each key's candidates by
//! rank and flag person clashes; and what the actor dictionary did: index every
//! actor's canonical name and aliases by [`name_key`].

use std::collections::{HashMap, HashSet};

use super::fold::{
    all_upper, first_upper, fold_key, is_org_word, is_title_word, is_word_char, key_into, name_key, strip_titles,
};
use super::frozen::*;

/// One gazetteer entry, as parsed.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct EntryB<'a> {
    pub kind: u8,
    pub canonical: &'a str,
    pub iso: Option<&'a str>,
    pub geo_id: Option<u32>,
    pub flags: u8,
    pub conf: f32,
    pub rank: u16,
}

/// One candidate of a surface key.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct CandB<'a> {
    pub entry: u32,
    pub surface: &'a str,
    pub shared: bool,
}

/// The gazetteer tables in memory.
pub(crate) struct GazTables<'a> {
    pub entries: Vec<EntryB<'a>>,
    /// Token key → candidates, best rank first.
    pub index: HashMap<String, Vec<CandB<'a>>>,
    /// First-token key → longest entry length in tokens.
    pub first: HashMap<String, u8>,
    /// Keys that a longer key extends (proper prefixes of keys in whole tokens):
    /// `X_EXT`; the ones that are not keys themselves are indexed with no candidates.
    pub ext: HashSet<String>,
    /// First-token keys under which some candidate may start with a lower-case word:
    /// `X_LOWER`.
    pub lower: HashSet<String>,
    pub first_names: HashSet<String>,
}

/// May a candidate with this surface match text whose first word is neither
/// capitalised nor in capitals? `false` only when the surface's first token is a word
/// with a letter that the gazetteer's case check holds to a capital (an acronym or a
/// capitalised word); anything else answers `true`.
pub(crate) fn may_start_lower(surface: &str) -> bool {
    let s = surface.trim_start_matches(char::is_whitespace);
    let end = s.find(|c: char| !is_word_char(c)).unwrap_or(s.len());
    let w = &s[..end];
    if w.is_empty() || w.chars().all(|c| !c.is_alphabetic()) {
        return true;
    }
    let caps = (w.chars().count() >= 2 && all_upper(w)) || first_upper(w);
    !caps
}

fn parse_flags(s: &str) -> u8 {
    let mut f = 0;
    for c in s.chars() {
        f |= match c {
            'a' => F_AMBIGUOUS,
            'w' => F_WORD,
            'f' => F_FIRST,
            's' => F_SURNAME,
            'c' => F_CURATED,
            _ => 0,
        };
    }
    f
}

/// Build the gazetteer tables from `gazetteer.tsv`, `actors.tsv` and `first_names.txt`.
pub(crate) fn build_gazetteer<'a>(gaz_tsv: &'a str, actors_tsv: &'a str, first_names: &str) -> GazTables<'a> {
    let mut g = GazTables {
        entries: Vec::with_capacity(64_000),
        index: HashMap::with_capacity(140_000),
        first: HashMap::with_capacity(100_000),
        ext: HashSet::new(),
        lower: HashSet::new(),
        first_names: HashSet::new(),
    };
    let mut buf = String::with_capacity(256);
    for line in gaz_tsv.lines() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let f: Vec<&'a str> = line.split('\t').collect();
        if f.len() < 8 {
            continue;
        }
        let kind = match f[0] {
            "C" => K_COUNTRY,
            "N" => K_NATIONALITY,
            "P" => K_PLACE,
            "O" => K_ORGANIZATION,
            _ => continue,
        };
        let id = g.entries.len() as u32;
        g.entries.push(EntryB {
            kind,
            canonical: f[1],
            iso: Some(f[2]).filter(|s| !s.is_empty()),
            geo_id: f[3].parse().ok(),
            flags: parse_flags(f[4]),
            conf: f[5].parse::<f32>().unwrap_or(70.0) / 100.0,
            rank: f[7].parse().unwrap_or(0),
        });
        for s in f[6].split('|') {
            let (shared, s) = match s.strip_prefix('~') {
                Some(r) => (true, r),
                None => (false, s),
            };
            if !s.is_empty() {
                g.add_surface(&mut buf, id, s, shared);
            }
        }
    }
    // persons: multi-word names of PETRARCH person actors, titles stripped
    for line in actors_tsv.lines() {
        if !line.starts_with("P\t") {
            continue;
        }
        let f: Vec<&'a str> = line.split('\t').collect();
        if f.len() < 3 {
            continue;
        }
        let id = g.entries.len() as u32;
        g.entries.push(EntryB { kind: K_PERSON, canonical: f[1], iso: None, geo_id: None, flags: 0, conf: 0.7, rank: 640 });
        let mut seen: Vec<&str> = Vec::new();
        for s in std::iter::once(f[1]).chain(f[2].split('|')) {
            let s = strip_titles(s);
            if s.split_whitespace().count() < 2 || seen.contains(&s) {
                continue;
            }
            // names need capitalised words and no digits
            if s.chars().any(|c| c.is_ascii_digit()) || !first_upper(s) {
                continue;
            }
            // "Russian President Vladimir Putin", "Obama Administration": not a bare name
            let mut words = s.split(' ');
            let w0 = words.next().unwrap_or("");
            if s.split(' ').any(|w| is_title_word(&fold_key(w)) || is_org_word(&fold_key(w))) {
                continue;
            }
            if g.index.get(fold_key(w0).as_str()).is_some_and(|c| {
                c.iter().any(|c| matches!(g.entries[c.entry as usize].kind, K_COUNTRY | K_NATIONALITY))
            }) {
                continue;
            }
            seen.push(s);
            g.add_surface(&mut buf, id, s, false);
        }
    }
    for cands in g.index.values_mut() {
        if cands.len() > 1 {
            let entries = &g.entries;
            cands.sort_by(|a, b| entries[b.entry as usize].rank.cmp(&entries[a.entry as usize].rank));
            // two persons with the same name, or a person and something else
            let top = &entries[cands[0].entry as usize];
            let clash = cands[1..].iter().any(|c| {
                let e = &entries[c.entry as usize];
                (e.kind == K_PERSON || top.kind == K_PERSON) && e.canonical != top.canonical
            });
            if clash {
                cands[0].shared = true;
            }
        }
    }
    for (k, cands) in &g.index {
        for (p, _) in k.match_indices(' ') {
            g.ext.insert(k[..p].to_string());
        }
        if cands.iter().any(|c| may_start_lower(c.surface)) {
            let first = k.split(' ').next().unwrap_or("");
            g.lower.insert(first.to_string());
        }
    }
    for l in first_names.lines() {
        if !l.starts_with('#') && !l.is_empty() {
            g.first_names.insert(l.to_string());
        }
    }
    g
}

impl<'a> GazTables<'a> {
    fn add_surface(&mut self, buf: &mut String, id: u32, s: &'a str, shared: bool) {
        buf.clear();
        let mut first_end = 0;
        let n = key_into(s, buf, &mut first_end);
        if n == 0 || n > 255 {
            return;
        }
        let first = &buf[..first_end.min(buf.len())];
        match self.first.get_mut(first) {
            Some(m) => *m = (*m).max(n as u8),
            None => {
                self.first.insert(first.to_string(), n as u8);
            }
        }
        let cand = CandB { entry: id, surface: s, shared };
        match self.index.get_mut(buf.as_str()) {
            Some(v) => {
                if v.last().is_none_or(|c| c.entry != id) {
                    v.push(cand);
                }
            }
            None => {
                self.index.insert(buf.clone(), vec![cand]);
            }
        }
    }

    /// The frozen image of these tables (see `frozen.rs` for the layout).
    pub(crate) fn image(&self) -> Vec<u8> {
        let mut pool = Pool::default();
        let mut entries = Vec::with_capacity(self.entries.len() * ENTRY_SIZE);
        for e in &self.entries {
            let (co, cl) = pool.add(e.canonical);
            let (io, il) = e.iso.map_or((0, 0), |s| pool.add(s));
            let w0 = e.kind as u32
                | (e.flags as u32) << 8
                | (e.geo_id.is_some() as u32) << 16
                | (e.iso.is_some() as u32) << 24;
            for w in [w0, e.rank as u32, e.conf.to_bits(), e.geo_id.unwrap_or(0), co, cl, io, il] {
                entries.extend_from_slice(&w.to_le_bytes());
            }
        }
        let mut keys: Vec<&str> =
            self.index.keys().chain(self.first.keys()).chain(self.ext.iter()).map(String::as_str).collect();
        keys.sort_unstable();
        keys.dedup();
        let mut values: Vec<Vec<u8>> = Vec::with_capacity(keys.len());
        for k in &keys {
            let flags = if self.ext.contains(*k) { X_EXT } else { 0 } | if self.lower.contains(*k) { X_LOWER } else { 0 };
            let mut v = vec![self.first.get(*k).copied().unwrap_or(0), flags];
            for c in self.index.get(*k).map(Vec::as_slice).unwrap_or(&[]) {
                let (so, sl) = pool.add(c.surface);
                assert!(sl < SHARED_BIT, "surface too long");
                for w in [c.entry, so, sl | if c.shared { SHARED_BIT } else { 0 }] {
                    v.extend_from_slice(&w.to_le_bytes());
                }
            }
            values.push(v);
        }
        let pairs: Vec<(&[u8], &[u8])> = keys.iter().zip(&values).map(|(k, v)| (k.as_bytes(), v.as_slice())).collect();
        let index = write_map(&pairs);
        let mut names: Vec<&str> = self.first_names.iter().map(String::as_str).collect();
        names.sort_unstable();
        let name_pairs: Vec<(&[u8], &[u8])> = names.iter().map(|n| (n.as_bytes(), &b""[..])).collect();
        let mut meta = Vec::new();
        for w in [self.entries.len() as u32, self.index.len() as u32] {
            meta.extend_from_slice(&w.to_le_bytes());
        }
        let mut lower: Vec<&str> = self.lower.iter().map(String::as_str).collect();
        lower.sort_unstable();
        let lower_pairs: Vec<(&[u8], &[u8])> = lower.iter().map(|k| (k.as_bytes(), &b""[..])).collect();
        write_image(GAZ_MAGIC, &[meta, entries, pool.bytes, index, write_map(&name_pairs), write_map(&lower_pairs)])
    }
}

/// A string pool with shared copies of equal strings.
#[derive(Default)]
struct Pool {
    bytes: Vec<u8>,
    at: HashMap<String, (u32, u32)>,
}

impl Pool {
    fn add(&mut self, s: &str) -> (u32, u32) {
        if let Some(&p) = self.at.get(s) {
            return p;
        }
        let p = (self.bytes.len() as u32, s.len() as u32);
        self.bytes.extend_from_slice(s.as_bytes());
        assert!(self.bytes.len() < u32::MAX as usize, "string pool too large");
        self.at.insert(s.to_string(), p);
        p
    }
}

/// The actor table in memory: each actor's line of `actors.tsv` and the name index.
pub(crate) struct ActorTables<'a> {
    pub lines: Vec<&'a str>,
    /// Name key → actor ids, in insertion order.
    pub index: HashMap<String, Vec<u32>>,
}

/// Index the actors of `actors.tsv` (lines `kind \t canonical \t aliases \t roles …`).
pub(crate) fn build_actors(actors_tsv: &str) -> ActorTables<'_> {
    let mut t = ActorTables { lines: Vec::new(), index: HashMap::new() };
    for line in actors_tsv.lines() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 4 {
            continue;
        }
        let id = t.lines.len() as u32;
        let mut keys: Vec<String> = Vec::new();
        for n in std::iter::once(f[1]).chain(f[2].split('|').filter(|s| !s.is_empty())) {
            let k = name_key(n);
            if !k.is_empty() && !keys.contains(&k) {
                keys.push(k);
            }
        }
        for k in keys {
            t.index.entry(k).or_default().push(id);
        }
        t.lines.push(line);
    }
    t
}

impl ActorTables<'_> {
    /// The frozen image of the actor table (see `frozen.rs` for the layout).
    pub(crate) fn image(&self) -> Vec<u8> {
        let mut table = Vec::with_capacity(self.lines.len() * 8);
        let mut text = Vec::new();
        for l in &self.lines {
            table.extend_from_slice(&(text.len() as u32).to_le_bytes());
            table.extend_from_slice(&(l.len() as u32).to_le_bytes());
            text.extend_from_slice(l.as_bytes());
        }
        assert!(text.len() < u32::MAX as usize, "actor table too large");
        let mut keys: Vec<&String> = self.index.keys().collect();
        keys.sort_unstable();
        let values: Vec<Vec<u8>> =
            keys.iter().map(|k| self.index[*k].iter().flat_map(|id| id.to_le_bytes()).collect()).collect();
        let pairs: Vec<(&[u8], &[u8])> = keys.iter().zip(&values).map(|(k, v)| (k.as_bytes(), v.as_slice())).collect();
        let meta = (self.lines.len() as u32).to_le_bytes().to_vec();
        write_image(ACT_MAGIC, &[meta, table, text, write_map(&pairs)])
    }
}
