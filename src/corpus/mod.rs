//! Corpus readers: turn command-line paths into [`Document`]s, and account
//! for every input that could not be read.
//!
//! This is the first stage of the pipeline (corpus → text → layout → …).
//! [`inputs`] expands the arguments (files, directories, `-` for standard
//! input) into [`Input`]s; a [`Reader`] then streams each input's
//! documents as [`Item`]s — a `Document` with its diagnostics, or a
//! [`Skip`] that names the file (and line or byte offset) and the reason.
//! Nothing is lost silently: every argument yields documents or skips.
//!
//! Submodules: `decode` (encodings, binary sniffing, bounded line reads),
//! `text` (plain text), `html` (a tolerant, non-recursive tokenizer and
//! visible-text extraction with metadata), `jsonl` (JSON Lines, streamed
//! line by line). Identifiers are unique within a run thanks to the
//! [`IdRegistry`] held by the `Reader`.

pub mod decode;
pub mod html;
pub mod jsonl;
pub mod text;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::model::{DocMeta, Document, Diagnostic, Format, Origin, PartialDate};

/// Why an input (or one line of it) produced no document.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SkipReason {
    /// I/O error, permissions, missing file.
    Unreadable,
    /// Binary content (NUL bytes or many control characters).
    NotText,
    /// Empty or whitespace-only (for HTML: no visible text).
    Empty,
    /// A JSON Lines line that is not a JSON object.
    BadJson,
    /// A JSON Lines record without `text` (or `body`/`content`).
    MissingText,
    /// A JSON Lines record whose text field is not a string.
    TextNotString,
    /// A record whose explicit id was already used in this run.
    DuplicateId,
    /// A symbolic link that leads back to one of its ancestor directories.
    SymlinkLoop,
    /// A file (or a JSON Lines line) larger than `ReadOptions::max_bytes`.
    TooLarge,
    /// An extension known not to be text (`.pdf`, `.png`, …), a special
    /// file met while walking a directory, or binary content under an
    /// unknown extension.
    Unsupported,
    /// The same file or directory reached a second time (same canonical path).
    DuplicateInput,
    /// A hidden entry (name starting with `.`) met while walking a directory.
    Hidden,
    /// A symbolic link met while walking a directory with
    /// `follow_symlinks` off.
    SymlinkNotFollowed,
}

impl SkipReason {
    /// Kebab-case code for messages and machine-readable reports.
    pub fn as_str(&self) -> &'static str {
        match self {
            SkipReason::Unreadable => "unreadable",
            SkipReason::NotText => "not-text",
            SkipReason::Empty => "empty",
            SkipReason::BadJson => "bad-json",
            SkipReason::MissingText => "missing-text",
            SkipReason::TextNotString => "text-not-string",
            SkipReason::DuplicateId => "duplicate-id",
            SkipReason::SymlinkLoop => "symlink-loop",
            SkipReason::TooLarge => "too-large",
            SkipReason::Unsupported => "unsupported",
            SkipReason::DuplicateInput => "duplicate-input",
            SkipReason::Hidden => "hidden",
            SkipReason::SymlinkNotFollowed => "symlink-not-followed",
        }
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An input, or one record of it, that produced no document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skip {
    /// The file (`None` = stdin) and, for JSON Lines, the 1-based line.
    pub origin: Origin,
    pub reason: SkipReason,
    pub message: String,
    /// Byte offset in the file where the problem lies: the start of the
    /// offending line for JSON Lines, the first binary byte for `NotText`,
    /// 0 when the whole file is at fault; `None` when the file could not be
    /// opened at all.
    pub offset: Option<usize>,
}

impl Skip {
    pub fn new(origin: Origin, reason: SkipReason, message: impl Into<String>, offset: Option<usize>) -> Self {
        Skip { origin, reason, message: message.into(), offset }
    }
}

impl fmt::Display for Skip {
    /// `path:line: reason: message (byte N)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.origin, self.reason, self.message)?;
        if let (Some(o), None) = (self.offset, self.origin.line) {
            write!(f, " (byte {o})")?;
        }
        Ok(())
    }
}

/// What reading yields: a document with its diagnostics, or a skip.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Doc(Document, Vec<Diagnostic>),
    Skip(Skip),
}

/// Options for reading.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadOptions {
    /// `--date`: fills `meta.published` when the input gives none.
    pub default_date: Option<PartialDate>,
    /// Largest document accepted, in bytes (per line for JSON Lines).
    pub max_bytes: u64,
    /// Follow symbolic links met while walking directories (links named
    /// on the command line are always followed). Loops are detected.
    pub follow_symlinks: bool,
}

impl Default for ReadOptions {
    fn default() -> Self {
        // 16 MB: hundreds of times a long article. Analysis memory grows with
        // the document (about 60 bytes per byte of text), so the cap bounds a
        // worker's memory to about 1 GB; larger inputs are skipped as too-large.
        ReadOptions { default_date: None, max_bytes: 16 * 1024 * 1024, follow_symlinks: true }
    }
}

/// Where an input's bytes come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputSource {
    Path(PathBuf),
    Stdin,
}

/// One input to read: a file or standard input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    pub source: InputSource,
    /// The format from the extension; `None` means sniff the content
    /// (JSON Lines if it starts with `{`, HTML if it looks like HTML,
    /// else text).
    pub format: Option<Format>,
    /// True when the file had an extension this reader does not know;
    /// binary content is then reported as `Unsupported` rather than `NotText`.
    pub unknown_ext: bool,
    /// Id derived from the path: the file stem, or, when several inputs
    /// share a stem, the shortest distinguishing tail of the path.
    pub id: String,
}

impl Input {
    pub fn origin(&self) -> Origin {
        match &self.source {
            InputSource::Path(p) => Origin { path: Some(p.clone()), line: None },
            InputSource::Stdin => Origin::default(),
        }
    }
    /// Stem used for JSON Lines records without id or url (`<stem>-<line>`).
    pub fn stem(&self) -> String {
        match &self.source {
            InputSource::Path(p) => file_stem(p),
            InputSource::Stdin => "stdin".to_string(),
        }
    }
}

const TEXT_EXT: &[&str] = &["txt", "text", "md", "markdown", "rst", "log"];
const HTML_EXT: &[&str] = &["html", "htm", "xhtml", "shtml", "php", "asp", "aspx", "jsp"];
const JSONL_EXT: &[&str] = &["jsonl", "ndjson", "jsonlines"];
const BINARY_EXT: &[&str] = &[
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "epub", "png", "jpg", "jpeg",
    "gif", "webp", "bmp", "tif", "tiff", "ico", "svg", "heic", "mp3", "mp4", "m4a", "wav", "ogg", "avi", "mov",
    "mkv", "webm", "zip", "gz", "tgz", "bz2", "xz", "zst", "7z", "rar", "tar", "exe", "dll", "so", "dylib", "o",
    "a", "class", "jar", "wasm", "pyc", "sqlite", "db", "parquet", "arrow", "woff", "woff2", "ttf", "otf", "eot",
    "json", "warc",
];

/// Classify a path by extension: `Ok(Some(format))`, `Ok(None)` to sniff
/// (no or unknown extension; second value: unknown), or `Err` for an
/// extension known not to be readable.
fn classify(path: &Path) -> Result<(Option<Format>, bool), String> {
    let ext = match path.extension().and_then(|e| e.to_str()) {
        Some(e) => e.to_ascii_lowercase(),
        None => return Ok((None, false)),
    };
    if TEXT_EXT.contains(&ext.as_str()) {
        Ok((Some(Format::Text), false))
    } else if HTML_EXT.contains(&ext.as_str()) {
        Ok((Some(Format::Html), false))
    } else if JSONL_EXT.contains(&ext.as_str()) {
        Ok((Some(Format::JsonLines), false))
    } else if BINARY_EXT.contains(&ext.as_str()) {
        if ext == "json" {
            Err("`.json` is not read; write one JSON object per line in a `.jsonl` file".into())
        } else {
            Err(format!("`.{ext}` files are not supported"))
        }
    } else {
        Ok((None, true))
    }
}

fn file_stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| p.to_string_lossy().into_owned())
}

fn path_origin(p: &Path) -> Origin {
    Origin { path: Some(p.to_path_buf()), line: None }
}

/// Expand the arguments into inputs: files, directories (walked
/// depth-first without recursion, entries sorted by name; hidden entries,
/// symlink loops and repeated files are reported as skips), or `-` for
/// standard input. Arguments are kept in the order given.
pub fn inputs(args: &[PathBuf], opts: &ReadOptions) -> (Vec<Input>, Vec<Skip>) {
    let mut out: Vec<Input> = Vec::new();
    let mut skips = Vec::new();
    let mut seen_files: HashMap<PathBuf, PathBuf> = HashMap::new();
    let mut seen_dirs: HashSet<PathBuf> = HashSet::new();
    let mut stdin_seen = false;

    // Add one file, deduplicated by canonical path.
    let mut add_file = |p: PathBuf, out: &mut Vec<Input>, skips: &mut Vec<Skip>, from_walk: bool| {
        let canon = fs::canonicalize(&p).unwrap_or_else(|_| p.clone());
        if let Some(first) = seen_files.get(&canon) {
            skips.push(Skip::new(
                path_origin(&p),
                SkipReason::DuplicateInput,
                format!("same file as {}", first.display()),
                Some(0),
            ));
            return;
        }
        if from_walk {
            match fs::metadata(&p) {
                Ok(m) if !m.is_file() => {
                    skips.push(Skip::new(path_origin(&p), SkipReason::Unsupported, "not a regular file", Some(0)));
                    return;
                }
                _ => {}
            }
        }
        match classify(&p) {
            Ok((format, unknown_ext)) => {
                seen_files.insert(canon, p.clone());
                out.push(Input { source: InputSource::Path(p), format, unknown_ext, id: String::new() });
            }
            Err(msg) => skips.push(Skip::new(path_origin(&p), SkipReason::Unsupported, msg, Some(0))),
        }
    };

    for arg in args {
        if arg.as_os_str() == "-" {
            if stdin_seen {
                skips.push(Skip::new(Origin::default(), SkipReason::DuplicateInput, "`-` given twice", None));
            } else {
                stdin_seen = true;
                out.push(Input { source: InputSource::Stdin, format: None, unknown_ext: false, id: String::new() });
            }
            continue;
        }
        let meta = match fs::metadata(arg) {
            Ok(m) => m,
            Err(e) => {
                let reason = if e.raw_os_error() == Some(40) { SkipReason::SymlinkLoop } else { SkipReason::Unreadable };
                skips.push(Skip::new(path_origin(arg), reason, e.to_string(), None));
                continue;
            }
        };
        if !meta.is_dir() {
            add_file(arg.clone(), &mut out, &mut skips, false);
            continue;
        }
        // Iterative depth-first walk. Each frame carries the canonical
        // paths of its ancestors for loop detection.
        let root_canon = fs::canonicalize(arg).unwrap_or_else(|_| arg.clone());
        if !seen_dirs.insert(root_canon.clone()) {
            skips.push(Skip::new(path_origin(arg), SkipReason::DuplicateInput, "directory already read", Some(0)));
            continue;
        }
        let mut stack: Vec<(PathBuf, Vec<PathBuf>)> = vec![(arg.clone(), vec![root_canon])];
        while let Some((dir, ancestors)) = stack.pop() {
            let rd = match fs::read_dir(&dir) {
                Ok(rd) => rd,
                Err(e) => {
                    skips.push(Skip::new(path_origin(&dir), SkipReason::Unreadable, e.to_string(), None));
                    continue;
                }
            };
            let mut entries = Vec::new();
            for ent in rd {
                match ent {
                    Ok(ent) => entries.push(ent.path()),
                    Err(e) => skips.push(Skip::new(path_origin(&dir), SkipReason::Unreadable, e.to_string(), None)),
                }
            }
            entries.sort();
            let mut subdirs = Vec::new();
            for p in entries {
                let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                if name.starts_with('.') {
                    skips.push(Skip::new(path_origin(&p), SkipReason::Hidden, "hidden entry not read", Some(0)));
                    continue;
                }
                let lmeta = match fs::symlink_metadata(&p) {
                    Ok(m) => m,
                    Err(e) => {
                        skips.push(Skip::new(path_origin(&p), SkipReason::Unreadable, e.to_string(), None));
                        continue;
                    }
                };
                let is_link = lmeta.file_type().is_symlink();
                if is_link && !opts.follow_symlinks {
                    skips.push(Skip::new(
                        path_origin(&p),
                        SkipReason::SymlinkNotFollowed,
                        "symbolic link not followed",
                        Some(0),
                    ));
                    continue;
                }
                let meta = if is_link {
                    match fs::metadata(&p) {
                        Ok(m) => m,
                        Err(e) => {
                            let reason =
                                if e.raw_os_error() == Some(40) { SkipReason::SymlinkLoop } else { SkipReason::Unreadable };
                            skips.push(Skip::new(path_origin(&p), reason, e.to_string(), None));
                            continue;
                        }
                    }
                } else {
                    lmeta
                };
                if meta.is_dir() {
                    let canon = fs::canonicalize(&p).unwrap_or_else(|_| p.clone());
                    if ancestors.contains(&canon) {
                        skips.push(Skip::new(
                            path_origin(&p),
                            SkipReason::SymlinkLoop,
                            format!("leads back to {}", canon.display()),
                            Some(0),
                        ));
                    } else if !seen_dirs.insert(canon.clone()) {
                        skips.push(Skip::new(
                            path_origin(&p),
                            SkipReason::DuplicateInput,
                            "directory already read",
                            Some(0),
                        ));
                    } else {
                        let mut anc = ancestors.clone();
                        anc.push(canon);
                        subdirs.push((p, anc));
                    }
                } else {
                    add_file(p, &mut out, &mut skips, true);
                }
            }
            // Files of a directory come before its subdirectories; the
            // subdirectories are visited in name order.
            for s in subdirs.into_iter().rev() {
                stack.push(s);
            }
        }
    }
    assign_ids(&mut out);
    (out, skips)
}

/// Give each input a path-derived id: its stem, or for stems shared by
/// several inputs, the shortest tail of the path (without extension) that
/// tells them apart.
fn assign_ids(inputs: &mut [Input]) {
    let tails: Vec<Vec<String>> = inputs
        .iter()
        .map(|i| match &i.source {
            InputSource::Stdin => vec!["stdin".to_string()],
            InputSource::Path(p) => {
                let mut comps: Vec<String> = p
                    .components()
                    .filter_map(|c| match c {
                        std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                        _ => None,
                    })
                    .collect();
                if let Some(last) = comps.last_mut() {
                    *last = file_stem(Path::new(last.as_str()));
                }
                comps
            }
        })
        .collect();
    let tail = |c: &Vec<String>, k: usize| -> String { c[c.len().saturating_sub(k)..].join("/") };
    for (i, input) in inputs.iter_mut().enumerate() {
        let mine = &tails[i];
        let mut k = 1;
        while k < mine.len() {
            let t = tail(mine, k);
            let clash = tails.iter().enumerate().any(|(j, o)| j != i && tail(o, k) == t);
            if !clash {
                break;
            }
            k += 1;
        }
        input.id = if mine.is_empty() { "input".to_string() } else { tail(mine, k) };
    }
}

/// Ids used so far in a run. Explicit ids (a JSON Lines `id`) must be new;
/// derived ids (from a path or URL) are made unique with a `-2`, `-3`, …
/// suffix.
#[derive(Clone, Debug, Default)]
pub struct IdRegistry {
    seen: HashSet<String>,
}

impl IdRegistry {
    pub fn new() -> Self {
        Self::default()
    }
    /// Claim an explicit id; false when it was already used.
    pub fn claim(&mut self, id: &str) -> bool {
        self.seen.insert(id.to_string())
    }
    /// Claim a derived id, adding a numeric suffix when it is taken.
    pub fn claim_derived(&mut self, base: &str) -> String {
        if self.seen.insert(base.to_string()) {
            return base.to_string();
        }
        let mut n = 2usize;
        loop {
            let cand = format!("{base}-{n}");
            if self.seen.insert(cand.clone()) {
                return cand;
            }
            n += 1;
        }
    }
    pub fn contains(&self, id: &str) -> bool {
        self.seen.contains(id)
    }
    pub fn len(&self) -> usize {
        self.seen.len()
    }
    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }
}

/// Reads inputs one after another, keeping ids unique across the run.
#[derive(Debug, Default)]
pub struct Reader {
    pub opts: ReadOptions,
    pub ids: IdRegistry,
}

impl Reader {
    pub fn new(opts: ReadOptions) -> Self {
        Reader { opts, ids: IdRegistry::new() }
    }
    /// Stream the items of one input (a JSON Lines file yields many).
    pub fn read<'a>(&'a mut self, input: &Input) -> Items<'a> {
        read(input, &self.opts, &mut self.ids)
    }
    /// Stream the items of all inputs in order.
    pub fn read_all<'a>(&'a mut self, inputs: &'a [Input]) -> ReadAll<'a> {
        ReadAll { opts: &self.opts, ids: &mut self.ids, inputs, idx: 0, cur: None }
    }
}

/// The items of one input, from [`read`] or [`Reader::read`].
pub struct Items<'a> {
    inner: ItemsInner,
    ids: &'a mut IdRegistry,
}

impl Iterator for Items<'_> {
    type Item = Item;
    fn next(&mut self) -> Option<Item> {
        self.inner.next(self.ids)
    }
}

/// The items of several inputs in order, from [`Reader::read_all`].
pub struct ReadAll<'a> {
    opts: &'a ReadOptions,
    ids: &'a mut IdRegistry,
    inputs: &'a [Input],
    idx: usize,
    cur: Option<ItemsInner>,
}

impl Iterator for ReadAll<'_> {
    type Item = Item;
    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(cur) = self.cur.as_mut() {
                if let Some(item) = cur.next(self.ids) {
                    return Some(item);
                }
                self.cur = None;
            }
            let input = self.inputs.get(self.idx)?;
            self.idx += 1;
            self.cur = Some(start(input, self.opts, self.ids));
        }
    }
}

enum ItemsInner {
    Done(std::vec::IntoIter<Item>),
    Jsonl(Box<jsonl::Lines>),
}

impl ItemsInner {
    fn next(&mut self, ids: &mut IdRegistry) -> Option<Item> {
        match self {
            ItemsInner::Done(it) => it.next(),
            ItemsInner::Jsonl(lines) => lines.next_item(ids),
        }
    }
}

/// Stream the documents of one input; ids are checked against `ids`.
pub fn read<'a>(input: &Input, opts: &ReadOptions, ids: &'a mut IdRegistry) -> Items<'a> {
    let inner = start(input, opts, ids);
    Items { inner, ids }
}

fn one(item: Item) -> ItemsInner {
    ItemsInner::Done(vec![item].into_iter())
}

fn open(input: &Input, opts: &ReadOptions) -> Result<Box<dyn Read + Send>, Skip> {
    match &input.source {
        InputSource::Stdin => Ok(Box::new(io::stdin())),
        InputSource::Path(p) => {
            let f = fs::File::open(p)
                .map_err(|e| Skip::new(input.origin(), SkipReason::Unreadable, e.to_string(), None))?;
            if let Ok(m) = f.metadata() {
                if m.is_dir() {
                    return Err(Skip::new(input.origin(), SkipReason::Unsupported, "is a directory", Some(0)));
                }
                // JSON Lines: the limit applies per line, checked while streaming.
                if m.is_file() && m.len() > opts.max_bytes && input.format != Some(Format::JsonLines) {
                    return Err(too_large(input.origin(), m.len(), opts.max_bytes));
                }
            }
            Ok(Box::new(f))
        }
    }
}

fn too_large(origin: Origin, len: u64, max: u64) -> Skip {
    Skip::new(origin, SkipReason::TooLarge, format!("{len} bytes exceeds the limit of {max} bytes"), Some(0))
}

/// Sniff the format of content with no telling extension.
pub fn sniff_format(prefix: &[u8]) -> Format {
    let (head, _) = decode::decode(&prefix[..prefix.len().min(4096)], None);
    let t = head.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n', '\x0C']);
    if t.starts_with('{') {
        return Format::JsonLines;
    }
    let lower: String = t.chars().take(1024).collect::<String>().to_ascii_lowercase();
    if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.starts_with("<?xml") && lower.contains("<html")
        || lower.starts_with("<!--") && lower.contains("<html")
        || lower.starts_with('<')
            && ["<head", "<body", "<div", "<p>", "<p ", "<article", "<title", "<meta", "<h1"]
                .iter()
                .any(|t| lower.contains(t))
    {
        return Format::Html;
    }
    Format::Text
}

/// Stream the documents of bytes already in memory, exactly as if they had
/// been read from `input` (whose source only names the origin; nothing is
/// opened). The entry point for fuzzing and for callers that hold a page
/// in memory; ids are checked against `ids`.
pub fn read_bytes<'a>(bytes: Vec<u8>, input: &Input, opts: &ReadOptions, ids: &'a mut IdRegistry) -> Items<'a> {
    let inner = start_stream(input, Box::new(io::Cursor::new(bytes)), opts, ids);
    Items { inner, ids }
}

fn start(input: &Input, opts: &ReadOptions, ids: &mut IdRegistry) -> ItemsInner {
    match open(input, opts) {
        Ok(r) => start_stream(input, r, opts, ids),
        Err(s) => one(Item::Skip(s)),
    }
}

/// Sniff, then read, an opened input.
fn start_stream(input: &Input, mut r: Box<dyn Read + Send>, opts: &ReadOptions, ids: &mut IdRegistry) -> ItemsInner {
    let origin = input.origin();
    let prefix = match decode::read_prefix(&mut r, decode::SNIFF_BYTES) {
        Ok(p) => p,
        Err(e) => return one(Item::Skip(Skip::new(origin, SkipReason::Unreadable, e.to_string(), Some(0)))),
    };
    if let Some(at) = decode::binary_offset(&prefix) {
        let (reason, msg) = if input.unknown_ext {
            (SkipReason::Unsupported, format!("unknown extension and binary content (byte 0x{:02X})", prefix[at]))
        } else {
            (SkipReason::NotText, format!("binary content (byte 0x{:02X} at offset {at})", prefix[at]))
        };
        return one(Item::Skip(Skip::new(origin, reason, msg, Some(at))));
    }
    let format = input.format.unwrap_or_else(|| sniff_format(&prefix));
    if format == Format::JsonLines {
        let stream = io::Cursor::new(prefix).chain(r);
        return ItemsInner::Jsonl(Box::new(jsonl::Lines::new(stream, input, opts.clone())));
    }
    // Whole-file formats: read at most max_bytes + 1 to detect overflow.
    let mut bytes = prefix;
    let room = (opts.max_bytes + 1).saturating_sub(bytes.len() as u64);
    if let Err(e) = r.take(room).read_to_end(&mut bytes) {
        return one(Item::Skip(Skip::new(origin, SkipReason::Unreadable, e.to_string(), Some(bytes.len()))));
    }
    if bytes.len() as u64 > opts.max_bytes {
        let msg = format!("more than {} bytes", opts.max_bytes);
        return one(Item::Skip(Skip::new(origin, SkipReason::TooLarge, msg, Some(0))));
    }
    let result = match format {
        Format::Html => html::read(&bytes, origin.clone()),
        _ => text::read(&bytes, origin.clone()),
    };
    match result {
        Err(s) => one(Item::Skip(s)),
        Ok((mut doc, diags)) => {
            let base = match format {
                Format::Html => doc.meta.url.as_deref().map(url_id).unwrap_or_else(|| input.id.clone()),
                _ => input.id.clone(),
            };
            doc.id = ids.claim_derived(&base);
            finish(&mut doc, opts);
            one(Item::Doc(doc, diags))
        }
    }
}

/// Apply run-wide options to a document read from any format.
pub(crate) fn finish(doc: &mut Document, opts: &ReadOptions) {
    if doc.meta.published.is_none() {
        doc.meta.published = opts.default_date;
    }
    if doc.meta.site.is_none() {
        doc.meta.site = doc.meta.url.as_deref().and_then(site_of);
    }
}

/// An id from a URL: the URL without its fragment.
pub(crate) fn url_id(url: &str) -> String {
    let u = url.trim();
    u.split('#').next().unwrap_or(u).to_string()
}

/// Host of an absolute URL without a leading `www.`, e.g. `usip.org`.
pub fn site_of(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty() && host.contains('.')).then_some(host)
}

/// Empty metadata plus a document for readers that build one.
pub(crate) fn new_doc(format: Format, origin: Origin, text: String, meta: DocMeta) -> Document {
    Document { id: String::new(), format, origin, text, meta }
}

// ---------------------------------------------------------------------------
// Dates found in input metadata.

const MONTHS: &[&str] =
    &["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const ZONES: &[&str] =
    &["z", "utc", "gmt", "et", "est", "edt", "ct", "cst", "cdt", "mt", "mst", "mdt", "pt", "pst", "pdt", "bst", "cet", "cest"];

fn month_of(tok: &str) -> Option<u32> {
    let t = tok.to_ascii_lowercase();
    let t = t.trim_end_matches('.');
    if t.len() < 3 {
        return None;
    }
    for (i, m) in MONTHS.iter().enumerate() {
        if *m == t || (m.starts_with(t) && (t.len() == 3 || t == "sept")) {
            return Some(i as u32 + 1);
        }
    }
    None
}

fn is_weekday(tok: &str) -> bool {
    let t = tok.to_ascii_lowercase();
    let t = t.trim_end_matches('.');
    t.len() >= 3 && WEEKDAYS.iter().any(|w| *w == t || (w.starts_with(t) && (t.len() == 3 || t.len() == 4)))
}

fn is_time(tok: &str) -> bool {
    let t = tok.to_ascii_lowercase();
    let t = t.trim_end_matches("am").trim_end_matches("pm").trim_end_matches("a.m.").trim_end_matches("p.m.");
    let mut parts = t.split(':');
    let h = parts.next().unwrap_or("");
    let m = parts.next();
    !h.is_empty() && h.len() <= 2 && h.bytes().all(|b| b.is_ascii_digit()) && m.is_some_and(|m| {
        let m = m.split('.').next().unwrap_or("");
        m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit())
    }) && parts.all(|p| !p.is_empty() && p.split('.').next().unwrap_or("").bytes().all(|b| b.is_ascii_digit()))
}

/// Parse a date given in input metadata: ISO forms (`2024-01-30`,
/// `2024-01-30T10:00:00Z`, `2024/01/30`, `20240130`), English long forms
/// (`January 30, 2024`, `Tue, 30 Jan 2024 10:00:00 +0000`,
/// `Tuesday, January 30, 2024`, `Jan. 30 2024`, `January 2024`) and
/// unambiguous numeric ones (`1/30/2024`, `30/1/2024`). Every word must be
/// part of the date, so prose is rejected. The date is the one written
/// (local to the given offset).
pub fn parse_date(s: &str) -> Option<PartialDate> {
    let s = s.trim();
    if s.is_empty() || s.len() > 80 {
        return None;
    }
    if let Some(d) = PartialDate::parse(s) {
        return Some(d);
    }
    // 2024/01/30 and 20240130.
    if s.len() >= 8 && s.as_bytes()[4] == b'/' {
        if let Some(d) = PartialDate::parse(&s.replacen('/', "-", 2)) {
            return Some(d);
        }
    }
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return PartialDate::parse(&format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..]));
    }
    let (mut year, mut month, mut day): (Option<i32>, Option<u32>, Option<u32>) = (None, None, None);
    let mut numeric_md: Vec<u32> = Vec::new();
    for raw in s.split(|c: char| c.is_whitespace() || c == ',') {
        let tok = raw.trim_matches(|c: char| c == '(' || c == ')');
        if tok.is_empty() {
            continue;
        }
        let low = tok.to_ascii_lowercase();
        if let Some(m) = month_of(tok) {
            if month.is_some() {
                return None;
            }
            month = Some(m);
        } else if is_weekday(tok)
            || ["at", "on", "the", "of", "am", "pm", "a.m.", "p.m.", "-", "|", "—", "–"].contains(&low.as_str())
            || is_time(tok)
            || ZONES.contains(&low.as_str())
            || (tok.starts_with('+') || tok.starts_with('-'))
                && tok.len() >= 3
                && tok[1..].bytes().all(|b| b.is_ascii_digit() || b == b':')
        {
            // Words a date line may carry besides the date itself.
        } else if tok.contains('/') && tok.split('/').count() == 3 {
            let p: Vec<&str> = tok.split('/').collect();
            let (a, b, c) = (p[0].parse::<u32>().ok()?, p[1].parse::<u32>().ok()?, p[2]);
            if c.len() != 4 || year.is_some() {
                return None;
            }
            year = Some(c.parse().ok()?);
            numeric_md.extend([a, b]);
        } else {
            let digits = low.trim_end_matches("st").trim_end_matches("nd").trim_end_matches("rd").trim_end_matches("th");
            let digits = digits.trim_end_matches('.');
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            if digits.len() == 4 && digits == low {
                if year.is_some() {
                    return None;
                }
                year = Some(digits.parse().ok()?);
            } else if digits.len() <= 2 {
                if day.is_some() {
                    return None;
                }
                day = Some(digits.parse().ok()?);
            } else {
                return None;
            }
        }
    }
    if numeric_md.len() == 2 {
        if month.is_some() || day.is_some() {
            return None;
        }
        let (a, b) = (numeric_md[0], numeric_md[1]);
        match (a <= 12, b <= 12) {
            (true, false) => (month, day) = (Some(a), Some(b)),
            (false, true) => (month, day) = (Some(b), Some(a)),
            (true, true) if a == b => (month, day) = (Some(a), Some(b)),
            _ => return None,
        }
    }
    let month = month?;
    if day.is_some_and(|d| d == 0 || d > 31) {
        return None;
    }
    let pd = PartialDate { year, month: Some(month), day };
    if year.is_none() && day.is_none() {
        return None;
    }
    if let (Some(_), Some(_)) = (year, day) {
        pd.to_naive()?;
    }
    Some(pd)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A fresh, empty directory under the system temp dir.
    pub fn temp_dir(tag: &str) -> PathBuf {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::SeqCst);
        let d = std::env::temp_dir().join(format!("dossier-corpus-{}-{tag}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    pub fn read_paths(paths: &[PathBuf], opts: ReadOptions) -> (Vec<Item>, Vec<Skip>) {
        let (ins, skips) = inputs(paths, &opts);
        let mut reader = Reader::new(opts);
        let items: Vec<Item> = reader.read_all(&ins).collect();
        (items, skips)
    }

    pub fn docs(items: &[Item]) -> Vec<&Document> {
        items.iter().filter_map(|i| if let Item::Doc(d, _) = i { Some(d) } else { None }).collect()
    }

    pub fn skips(items: &[Item]) -> Vec<&Skip> {
        items.iter().filter_map(|i| if let Item::Skip(s) = i { Some(s) } else { None }).collect()
    }

    #[test]
    fn dates_in_metadata() {
        let d = |s| parse_date(s).map(|d| d.to_string());
        assert_eq!(d("2024-01-30").as_deref(), Some("2024-01-30"));
        assert_eq!(d("2024-01-30T10:00:00Z").as_deref(), Some("2024-01-30"));
        assert_eq!(d("2024-01-30T23:30:00-05:00").as_deref(), Some("2024-01-30"));
        assert_eq!(d("January 30, 2024").as_deref(), Some("2024-01-30"));
        assert_eq!(d("Tuesday, January 30, 2024").as_deref(), Some("2024-01-30"));
        assert_eq!(d("Jan. 30, 2024 10:15 a.m. ET").as_deref(), Some("2024-01-30"));
        assert_eq!(d("30 January 2024").as_deref(), Some("2024-01-30"));
        assert_eq!(d("Tue, 30 Jan 2024 10:00:00 +0000").as_deref(), Some("2024-01-30"));
        assert_eq!(d("Sept. 3rd, 2024").as_deref(), Some("2024-09-03"));
        assert_eq!(d("January 2024").as_deref(), Some("2024-01"));
        assert_eq!(d("2024/01/30").as_deref(), Some("2024-01-30"));
        assert_eq!(d("20240130").as_deref(), Some("2024-01-30"));
        assert_eq!(d("1/30/2024").as_deref(), Some("2024-01-30"));
        assert_eq!(d("30/1/2024").as_deref(), Some("2024-01-30"));
        assert_eq!(d("03/04/2024"), None, "ambiguous");
        assert_eq!(d("February 30, 2024"), None);
        assert_eq!(d("On January 30 Iran struck"), None);
        assert_eq!(d("May"), None);
        assert_eq!(d(""), None);
    }

    #[test]
    fn site_from_url() {
        assert_eq!(site_of("https://www.usip.org/publications/2024/01/x").as_deref(), Some("usip.org"));
        assert_eq!(site_of("http://user@News.Example.com:8080/a?b").as_deref(), Some("news.example.com"));
        assert_eq!(site_of("not a url"), None);
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff_format(b"  \n{\"id\":1}"), Format::JsonLines);
        assert_eq!(sniff_format(b"<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff_format(b"<div class=x><p>Hi</p></div>"), Format::Html);
        assert_eq!(sniff_format(b"Three U.S. troops were killed"), Format::Text);
        assert_eq!(sniff_format(b"<3 this is text"), Format::Text);
    }

    #[test]
    fn ids_disambiguate_shared_stems() {
        let d = temp_dir("ids");
        fs::create_dir_all(d.join("a")).unwrap();
        fs::create_dir_all(d.join("b")).unwrap();
        fs::write(d.join("a/report.txt"), "Strikes hit Yemen.\n").unwrap();
        fs::write(d.join("b/report.txt"), "Strikes hit Pakistan.\n").unwrap();
        fs::write(d.join("c.txt"), "Drone hits base in Jordan.\n").unwrap();
        let (items, sk) = read_paths(std::slice::from_ref(&d), ReadOptions::default());
        assert!(sk.is_empty());
        let ids: Vec<&str> = docs(&items).iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, vec!["c", "a/report", "b/report"]);
    }

    #[test]
    fn unreadable_and_unsupported_and_hidden() {
        let d = temp_dir("skips");
        fs::write(d.join("scan.pdf"), b"%PDF-1.7").unwrap();
        fs::write(d.join(".DS_Store"), b"\0\0\0\x01Bud1").unwrap();
        fs::write(d.join("blob.xyz"), b"\x00\x01\x02\x03binary").unwrap();
        fs::write(d.join("notes.xyz"), "A text file with an odd extension.\n").unwrap();
        let missing = d.join("missing.txt");
        let (items, sk) = read_paths(&[missing.clone(), d.clone()], ReadOptions::default());
        let reasons: Vec<(String, SkipReason)> = sk
            .iter()
            .chain(skips(&items))
            .map(|s| (s.origin.path.as_ref().unwrap().file_name().unwrap().to_string_lossy().into_owned(), s.reason))
            .collect();
        assert!(reasons.contains(&("missing.txt".into(), SkipReason::Unreadable)));
        assert!(reasons.contains(&("scan.pdf".into(), SkipReason::Unsupported)));
        assert!(reasons.contains(&(".DS_Store".into(), SkipReason::Hidden)));
        assert!(reasons.contains(&("blob.xyz".into(), SkipReason::Unsupported)));
        let ds = docs(&items);
        assert_eq!(ds.len(), 1);
        assert_eq!(ds[0].id, "notes");
        assert_eq!(ds[0].format, Format::Text);
        let s = sk.iter().find(|s| s.reason == SkipReason::Unreadable).unwrap();
        assert!(s.to_string().contains("missing.txt: unreadable:"), "{s}");
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_reported_not_followed() {
        let d = temp_dir("loop");
        fs::create_dir_all(d.join("inner")).unwrap();
        fs::write(d.join("inner/a.txt"), "Iran struck targets in Pakistan.\n").unwrap();
        std::os::unix::fs::symlink(&d, d.join("inner/back")).unwrap();
        std::os::unix::fs::symlink(d.join("inner/a.txt"), d.join("same.txt")).unwrap();
        let (items, sk) = read_paths(std::slice::from_ref(&d), ReadOptions::default());
        assert_eq!(docs(&items).len(), 1);
        assert!(sk.iter().any(|s| s.reason == SkipReason::SymlinkLoop
            && s.origin.path.as_ref().unwrap().ends_with("inner/back")));
        assert!(sk.iter().any(|s| s.reason == SkipReason::DuplicateInput));
        let opts = ReadOptions { follow_symlinks: false, ..Default::default() };
        let (items, sk) = read_paths(std::slice::from_ref(&d), opts);
        assert_eq!(docs(&items).len(), 1);
        assert_eq!(sk.iter().filter(|s| s.reason == SkipReason::SymlinkNotFollowed).count(), 2);
    }

    #[test]
    fn files_without_extension_are_sniffed() {
        let d = temp_dir("sniff");
        fs::write(d.join("feed"), "{\"id\":\"s1\",\"text\":\"Strikes on Houthi targets.\"}\n").unwrap();
        fs::write(d.join("page"), "<!doctype html><title>T</title><p>Drone attack in Jordan.</p>").unwrap();
        fs::write(d.join("README"), "Notes on the Tower 22 attack.\n").unwrap();
        let (items, sk) = read_paths(std::slice::from_ref(&d), ReadOptions::default());
        assert!(sk.is_empty() && skips(&items).is_empty());
        let got: Vec<(&str, Format, &str)> =
            docs(&items).iter().map(|d| (d.id.as_str(), d.format, d.text.as_str())).collect();
        assert_eq!(
            got,
            vec![
                ("README", Format::Text, "Notes on the Tower 22 attack.\n"),
                ("s1", Format::JsonLines, "Strikes on Houthi targets."),
                ("page", Format::Html, "Drone attack in Jordan."),
            ]
        );
    }

    #[test]
    fn shipped_examples_read_cleanly() {
        let d = temp_dir("examples");
        fs::write(d.join("tower22-wire.html"), include_bytes!("../../examples/corpus/tower22-wire.html")).unwrap();
        fs::write(d.join("briefs.jsonl"), include_bytes!("../../examples/corpus/briefs.jsonl")).unwrap();
        fs::write(d.join("houthi-strikes.txt"), include_bytes!("../../examples/corpus/houthi-strikes.txt")).unwrap();
        let (items, sk) = read_paths(std::slice::from_ref(&d), ReadOptions::default());
        assert!(sk.is_empty() && skips(&items).is_empty());
        let got: Vec<(String, Format, String)> = docs(&items)
            .iter()
            .map(|d| (d.id.clone(), d.format, d.meta.published.map(|p| p.to_string()).unwrap_or_default()))
            .collect();
        let want = [
            ("brief-2024-0117-iran-pakistan", Format::JsonLines, "2024-01-17"),
            ("brief-2024-0118-pakistan-response", Format::JsonLines, "2024-01-18"),
            ("brief-2024-0130-tower22", Format::JsonLines, "2024-01-30"),
            ("houthi-strikes", Format::Text, "2024-01-12"),
            (
                "https://www.meridianwire.example/world/middle-east/2024/01/29/tower-22-drone-strike-jordan",
                Format::Html,
                "2024-01-29",
            ),
        ];
        let want: Vec<(String, Format, String)> = want.iter().map(|(a, b, c)| (a.to_string(), *b, c.to_string())).collect();
        assert_eq!(got, want);
        for doc in docs(&items) {
            assert!(doc.meta.title.is_some(), "{}", doc.id);
            assert!(!doc.meta.authors.is_empty(), "{}", doc.id);
        }
    }

    #[test]
    fn too_large_and_default_date() {
        let d = temp_dir("large");
        fs::write(d.join("big.txt"), "x".repeat(2000)).unwrap();
        fs::write(d.join("small.txt"), "Houthi forces fired a missile.\n").unwrap();
        let opts = ReadOptions { max_bytes: 1000, default_date: Some(PartialDate::ymd(2024, 1, 12)), ..Default::default() };
        let (items, _) = read_paths(std::slice::from_ref(&d), opts);
        let sk = skips(&items);
        assert_eq!(sk.len(), 1);
        assert_eq!(sk[0].reason, SkipReason::TooLarge);
        assert_eq!(docs(&items)[0].meta.published, Some(PartialDate::ymd(2024, 1, 12)));
    }

    #[test]
    fn ids_are_unique_across_files_in_a_run() {
        let d = temp_dir("cross");
        fs::write(d.join("a.jsonl"), "{\"id\":\"b1\",\"text\":\"One.\"}\n{\"id\":\"b2\",\"text\":\"Two.\"}\n").unwrap();
        fs::write(d.join("b.jsonl"), "{\"id\":\"b2\",\"text\":\"Again.\"}\n{\"id\":\"b3\",\"text\":\"Three.\"}\n").unwrap();
        let (items, _) = read_paths(std::slice::from_ref(&d), ReadOptions::default());
        let ids: Vec<&str> = docs(&items).iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, vec!["b1", "b2", "b3"]);
        let s = skips(&items);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].reason, SkipReason::DuplicateId);
        assert_eq!(s[0].origin.line, Some(1));
        assert!(s[0].origin.path.as_ref().unwrap().ends_with("b.jsonl"));
    }
}
