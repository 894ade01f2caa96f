//! Stage 1: read inputs (files, directories, stdin, file lists, embedded seeds), decode,
//! detect the format, clean faithfully, and account for every input.
//!
//! Nothing is lost: every input becomes a [`Document`] or a [`Skipped`] record with its
//! reason, so `given = read + skipped` always holds. A path the user names that does not
//! exist, or a directory that cannot be listed, is an error instead: the run cannot mean
//! what the user asked.

pub mod article;
pub mod boilerplate;
pub mod decode;
pub mod html;
pub mod jsonl;
pub mod markdown;
pub mod metadata;

use crate::model::{Corpus, Document, Skipped, Span};
use crate::normalize::text::display_form;
use article::{Article, Known};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The built-in demo corpus, embedded so `concord report` runs from any directory.
pub const SEEDS: &[(&str, &[u8])] = &[
    (
        "000_5fd12da166f212dc.txt",
        include_bytes!("../../seeds/000_5fd12da166f212dc.txt"),
    ),
    (
        "001_0dae910f3ac21531.txt",
        include_bytes!("../../seeds/001_0dae910f3ac21531.txt"),
    ),
    (
        "002_d119ae042e5b7cac.txt",
        include_bytes!("../../seeds/002_d119ae042e5b7cac.txt"),
    ),
    (
        "003_a0e76fd59e285df6.txt",
        include_bytes!("../../seeds/003_a0e76fd59e285df6.txt"),
    ),
    (
        "004_fd6d0e2d25a92aed.txt",
        include_bytes!("../../seeds/004_fd6d0e2d25a92aed.txt"),
    ),
];

/// Where an input comes from.
#[derive(Debug, Clone)]
pub enum Source {
    Path(PathBuf),
    Stdin,
    Embedded { name: String, bytes: &'static [u8] },
}

/// The built-in seeds as sources (`seeds/NAME`).
pub fn seed_sources() -> Vec<Source> {
    SEEDS
        .iter()
        .map(|(name, bytes)| Source::Embedded {
            name: format!("seeds/{name}"),
            bytes,
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    Text,
    Markdown,
    Html,
    Jsonl,
}

impl InputFormat {
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Markdown => "markdown",
            InputFormat::Html => "html",
            InputFormat::Jsonl => "jsonl",
        }
    }
}

#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Override format detection for every input.
    pub input_format: Option<InputFormat>,
    /// Files larger than this are skipped (default 64 MiB).
    pub max_size: u64,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            input_format: None,
            max_size: 64 * 1024 * 1024,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{path}: no such file or directory")]
    NotFound { path: String },
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Reads every source into a corpus, in the order given (directories in sorted order).
pub fn load(sources: &[Source], opts: &IngestOptions) -> Result<Corpus, IngestError> {
    let mut corpus = Corpus::default();
    for s in sources {
        match s {
            Source::Embedded { name, bytes } => read_bytes(name, bytes, opts, &mut corpus),
            Source::Stdin => {
                use std::io::Read;
                let mut b = Vec::new();
                std::io::stdin()
                    .read_to_end(&mut b)
                    .map_err(|e| IngestError::Io {
                        path: "-".into(),
                        source: e,
                    })?;
                read_bytes("-", &b, opts, &mut corpus);
            }
            Source::Path(p) => load_path(p, opts, &mut corpus)?,
        }
    }
    Ok(corpus)
}

fn load_path(p: &Path, opts: &IngestOptions, corpus: &mut Corpus) -> Result<(), IngestError> {
    let name = p.display().to_string();
    let meta = std::fs::metadata(p).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => IngestError::NotFound { path: name.clone() },
        _ => IngestError::Io {
            path: name.clone(),
            source: e,
        },
    })?;
    if meta.is_dir() {
        let mut files = vec![];
        let mut visited = HashSet::new();
        walk(p, &mut files, &mut visited, corpus, true)?;
        for f in files {
            read_file(&f, opts, corpus);
        }
    } else {
        read_file(p, opts, corpus);
    }
    Ok(())
}

/// Collects the files under `dir`, sorted, following symlinks once (a loop is skipped with
/// its reason). Hidden entries (`.git`, `.DS_Store`) are not inputs. Only the top directory,
/// which the user named, is an error when it cannot be listed; below it, a skipped record.
fn walk(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    visited: &mut HashSet<PathBuf>,
    corpus: &mut Corpus,
    top: bool,
) -> Result<(), IngestError> {
    let canon = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !visited.insert(canon) {
        corpus.skipped.push(Skipped {
            source: dir.display().to_string(),
            reason: "directory already visited (symlink loop)".into(),
        });
        return Ok(());
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) if top => {
            return Err(IngestError::Io {
                path: dir.display().to_string(),
                source: e,
            });
        }
        Err(e) => {
            corpus.skipped.push(Skipped {
                source: dir.display().to_string(),
                reason: format!("cannot list directory: {e}"),
            });
            return Ok(());
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    paths.sort();
    for p in paths {
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => walk(&p, files, visited, corpus, false)?,
            Ok(_) => files.push(p),
            Err(e) => corpus.skipped.push(Skipped {
                source: p.display().to_string(),
                reason: format!("cannot read: {e}"),
            }),
        }
    }
    Ok(())
}

fn read_file(p: &Path, opts: &IngestOptions, corpus: &mut Corpus) {
    let name = p.display().to_string();
    let skip = |corpus: &mut Corpus, reason: String| {
        corpus.skipped.push(Skipped {
            source: name.clone(),
            reason,
        })
    };
    match std::fs::metadata(p) {
        Ok(m) if m.len() > opts.max_size => {
            return skip(
                corpus,
                format!(
                    "file is {} bytes, over the size limit of {} bytes (--max-size)",
                    m.len(),
                    opts.max_size
                ),
            );
        }
        Ok(m) if !m.is_file() => return skip(corpus, "not a regular file".into()),
        Err(e) => return skip(corpus, format!("cannot read: {e}")),
        _ => {}
    }
    match std::fs::read(p) {
        Ok(bytes) => read_bytes(&name, &bytes, opts, corpus),
        Err(e) => skip(corpus, format!("cannot read: {e}")),
    }
}

/// Detects the format from the file name and the text.
pub fn detect_format(name: &str, text: &str) -> InputFormat {
    let ext = Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" | "xhtml" => return InputFormat::Html,
        "jsonl" | "ndjson" => return InputFormat::Jsonl,
        "md" | "markdown" => return InputFormat::Markdown,
        _ => {}
    }
    let head: String = text
        .trim_start()
        .chars()
        .take(2048)
        .collect::<String>()
        .to_lowercase();
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with('<')
            && (head.contains("<body") || head.contains("<p>") || head.contains("<head")))
    {
        return InputFormat::Html;
    }
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if first.starts_with('{')
        && serde_json::from_str::<serde_json::Value>(first).is_ok_and(|v| v.is_object())
    {
        return InputFormat::Jsonl;
    }
    if markdown::looks_like_markdown(text) {
        return InputFormat::Markdown;
    }
    InputFormat::Text
}

/// Reads one input's bytes into the corpus: documents, or skipped records with reasons.
pub fn read_bytes(name: &str, bytes: &[u8], opts: &IngestOptions, corpus: &mut Corpus) {
    let skip = |corpus: &mut Corpus, reason: &str| {
        corpus.skipped.push(Skipped {
            source: name.to_string(),
            reason: reason.to_string(),
        })
    };
    if bytes.len() as u64 > opts.max_size {
        return skip(
            corpus,
            &format!(
                "input is {} bytes, over the size limit of {} bytes (--max-size)",
                bytes.len(),
                opts.max_size
            ),
        );
    }
    let decoded = match decode::decode(bytes) {
        Ok(d) => d,
        Err(decode::NotText::Empty) => return skip(corpus, "empty file"),
        Err(decode::NotText::Binary) => return skip(corpus, "binary file (not text)"),
    };
    let text = nfc_display_form(&decoded.text.replace("\r\n", "\n").replace('\r', "\n"));
    let mut decoded = decoded;
    let text = without_controls(text, &mut decoded.warnings);
    let format = opts
        .input_format
        .unwrap_or_else(|| detect_format(name, &text));
    let base = |a: Article, source: String| {
        let mut d = to_document(a, source);
        d.format = format.name().into();
        d.encoding = decoded.encoding.into();
        d.warnings = decoded.warnings.clone();
        d
    };
    match format {
        InputFormat::Jsonl => {
            let mut file = JsonlFile::new(name);
            for (i, line) in text.lines().enumerate() {
                let read = file.read(i + 1, line, false);
                file.push(read, |d| base(d, String::new()), corpus);
            }
            if file.records == 0 {
                skip(corpus, "JSON Lines file with no records");
            }
        }
        InputFormat::Html => match html::read(&text) {
            Some(a) => corpus.documents.push(base(a, name.to_string())),
            None => skip(corpus, "no article text found in the HTML page"),
        },
        InputFormat::Text | InputFormat::Markdown => {
            let (plain, links) = if format == InputFormat::Markdown {
                markdown::to_plain(&text)
            } else {
                (text.clone(), vec![])
            };
            let mut a = article::assemble(article::blocks_of(&plain), &Known::default());
            for link in a.related_links.iter_mut().filter(|l| l.url.is_none()) {
                if let Some(l) = links
                    .iter()
                    .find(|l| Some(&l.text) == link.title.as_ref() && l.url.starts_with("http"))
                {
                    link.url = Some(l.url.clone());
                }
            }
            if a.paragraphs.is_empty() {
                skip(
                    corpus,
                    "no article text (only boilerplate, titles or links)",
                );
            } else {
                corpus.documents.push(base(a, name.to_string()));
            }
        }
    }
}

/// [`display_form`], with the NFC quick check run only on the text's non-ASCII stretches: an
/// ASCII character is a starter that is always allowed, so the check over the whole text
/// answers yes exactly when it does over each stretch, and decoding every ASCII character
/// for it cost more than parsing the JSON (most articles are ASCII but for a few quotes and
/// dashes).
pub(crate) fn nfc_display_form(s: &str) -> String {
    if is_quick_nfc(s) {
        s.to_string()
    } else {
        display_form(s)
    }
}

/// [`display_form`] of a JSON Lines record, normalised between its escapes only: the last
/// character of an escape is JSON syntax, not text, and must not compose with a combining
/// mark after it (`\n` and U+0301 would become `\ń`, and the record would no longer parse).
/// Everywhere else this is the whole line's display form: a backslash composes with nothing,
/// so cutting before an escape changes nothing.
fn display_form_json(line: &str) -> String {
    let b = line.as_bytes();
    let mut out = String::with_capacity(line.len() + 8);
    let mut start = 0;
    while let Some(k) = memchr::memchr(b'\\', &b[start..]) {
        let at = start + k;
        out.push_str(&display_form(&line[start..at]));
        // The escape: the backslash and one character, and after `u` up to four hex digits.
        let mut end = at + 1;
        if let Some(c) = line[end..].chars().next() {
            end += c.len_utf8();
            if c == 'u' {
                let hex = b[end..]
                    .iter()
                    .take(4)
                    .take_while(|x| x.is_ascii_hexdigit());
                end += hex.count();
            }
        }
        out.push_str(&line[at..end]);
        start = end;
    }
    out.push_str(&display_form(&line[start..]));
    out
}

/// Whether the NFC quick check answers yes for `s` (then [`display_form`] leaves it as it
/// is), asked of its non-ASCII stretches only (see [`nfc_display_form`]).
fn is_quick_nfc(s: &str) -> bool {
    use unicode_normalization::{IsNormalized, is_nfc_quick};
    let b = s.as_bytes();
    let mut i = 0;
    let mut nfc = true;
    while nfc && i < b.len() {
        if b.len() - i >= 16 && b[i..i + 16].is_ascii() {
            i += 16;
        } else if b[i] < 0x80 {
            i += 1;
        } else {
            let start = i;
            while i < b.len() && b[i] >= 0x80 {
                i += 1;
            }
            nfc = is_nfc_quick(s[start..i].chars()) == IsNormalized::Yes;
        }
    }
    nfc
}

/// Whether any byte of `b` passes `f`: 32 bytes at a time with no exit inside a chunk, a loop
/// the compiler vectorises (`Iterator::any` exits after each byte, and took 6 instructions a
/// byte where this takes under one).
pub(crate) fn any_byte(b: &[u8], f: impl Fn(u8) -> bool) -> bool {
    let mut chunks = b.chunks_exact(32);
    for chunk in &mut chunks {
        let chunk: &[u8; 32] = chunk.try_into().expect("32 bytes");
        if chunk.iter().fold(false, |seen, &x| seen | f(x)) {
            return true;
        }
    }
    chunks.remainder().iter().any(|&x| f(x))
}

/// Removes C0 control characters other than tab, newline and form feed (and DEL). A NUL past
/// the binary sniff (`decode`) would otherwise reach the document text, the JSON and the HTML
/// report, where it means nothing to a reader and breaks C-string consumers downstream.
/// A warning says how many were removed.
fn without_controls(text: String, warnings: &mut Vec<String>) -> String {
    let is_control = |c: char| (c < ' ' && !matches!(c, '\t' | '\n' | '\u{0c}')) || c == '\u{7f}';
    // Every control character is one ASCII byte, and no byte of a longer character is ASCII:
    // looked for by bytes (vectorised), and counted by bytes, without decoding the text.
    if !any_byte(text.as_bytes(), |b| b < b' ' || b == 0x7f) {
        return text;
    }
    let n = text
        .bytes()
        .filter(|&b| (b < b' ' && !matches!(b, b'\t' | b'\n' | 0x0c)) || b == 0x7f)
        .count();
    if n == 0 {
        return text;
    }
    warnings.push(format!("{n} control characters (NUL and the like) removed"));
    text.chars().filter(|&c| !is_control(c)).collect()
}

/// One JSON Lines file being read, record by record (whole or streamed): the record count
/// and the ids seen, so a repeated id is flagged (ids are kept as given; sources stay unique).
struct JsonlFile<'a> {
    name: &'a str,
    records: usize,
    seen_ids: std::collections::HashMap<String, usize>,
}

/// One line's outcome, computed independently of the others (so lines can be read in
/// parallel) and then pushed in order.
enum LineRead {
    Blank,
    Article {
        line: usize,
        article: Box<Article>,
        id: Option<String>,
        extra: serde_json::Map<String, serde_json::Value>,
    },
    Skip(Skipped),
}

impl<'a> JsonlFile<'a> {
    fn new(name: &'a str) -> Self {
        JsonlFile {
            name,
            records: 0,
            seen_ids: Default::default(),
        }
    }

    /// `text_nfc`: the line is known to give a text field the NFC quick check passes
    /// ([`jsonl::read_line_with`]).
    fn read(&self, line_no: usize, line: &str, text_nfc: bool) -> LineRead {
        if line.trim().is_empty() {
            return LineRead::Blank;
        }
        match jsonl::read_line_with(line, text_nfc) {
            jsonl::Record::Article { article, id, extra } => LineRead::Article {
                line: line_no,
                article,
                id,
                extra,
            },
            jsonl::Record::Skip(reason) => LineRead::Skip(Skipped {
                source: format!("{}#{line_no}", self.name),
                reason: format!("{}:{line_no}: {reason}", self.name),
            }),
        }
    }

    /// Hands one line's outcome to the sink; `base` makes the document (format, encoding).
    fn push(&mut self, read: LineRead, base: impl Fn(Article) -> Document, sink: &mut dyn Sink) {
        match read {
            LineRead::Blank => {}
            LineRead::Skip(s) => {
                self.records += 1;
                sink.skipped(s);
            }
            LineRead::Article {
                line,
                article,
                id,
                extra,
            } => {
                self.records += 1;
                let mut d = base(*article);
                d.source = format!("{}#{line}", self.name);
                if let Some(id) = id {
                    if let Some(first) = self.seen_ids.get(&id) {
                        d.warnings.push(format!(
                            "duplicate id {id:?}: also on line {first} of {}",
                            self.name
                        ));
                    } else {
                        self.seen_ids.insert(id.clone(), line);
                    }
                    d.id = id;
                }
                d.extra = extra;
                sink.document(d);
            }
        }
    }
}

/// Lines read per parallel batch when streaming a JSON Lines file: enough to keep every core
/// busy, few enough that only a few megabytes of raw lines are held at once.
const STREAM_BATCH_LINES: usize = 2048;

/// Reads every source into a corpus like [`load`], but streams JSON Lines files: lines are
/// read in batches through a buffered reader and parsed in parallel (rayon), so neither the
/// file's bytes nor its decoded text are ever held whole, and `--max-size` applies to each
/// record instead of the file (a JSONL archive of a million articles is one input of
/// gigabytes). Other files are read whole, one at a time. `progress` is called after each
/// batch or file with the bytes read so far.
pub fn load_streaming(
    sources: &[Source],
    opts: &IngestOptions,
    progress: &mut dyn FnMut(u64),
) -> Result<Corpus, IngestError> {
    let mut corpus = Corpus::default();
    stream_into(sources, opts, progress, &mut corpus)?;
    Ok(corpus)
}

/// Where [`stream_into`] hands each input's outcome, in input order: a document read, or an
/// input skipped with its reason. A [`Corpus`] collects them; a caller that processes the
/// documents as they come (and keeps only what it needs of each) never holds every text.
pub trait Sink {
    fn document(&mut self, d: Document);
    fn skipped(&mut self, s: Skipped);
}

impl Sink for Corpus {
    fn document(&mut self, d: Document) {
        self.documents.push(d);
    }
    fn skipped(&mut self, s: Skipped) {
        self.skipped.push(s);
    }
}

/// [`load_streaming`] into a [`Sink`]: the same documents and skipped inputs in the same
/// order, handed over as they are read. A JSON Lines file reaches the sink a batch of lines
/// at a time; other files one at a time.
pub fn stream_into(
    sources: &[Source],
    opts: &IngestOptions,
    progress: &mut dyn FnMut(u64),
    sink: &mut dyn Sink,
) -> Result<(), IngestError> {
    // Inputs read whole go through a corpus of their own first.
    let forward = |part: Corpus, sink: &mut dyn Sink| {
        part.documents.into_iter().for_each(|d| sink.document(d));
        part.skipped.into_iter().for_each(|s| sink.skipped(s));
    };
    let mut done = 0u64;
    for s in sources {
        match s {
            Source::Path(p) if is_jsonl_path(p, opts) => {
                stream_jsonl(p, opts, sink, &mut done, progress)?
            }
            Source::Path(p) if std::fs::metadata(p).is_ok_and(|m| m.is_dir()) => {
                let mut files = vec![];
                let mut visited = HashSet::new();
                let mut walked = Corpus::default();
                walk(p, &mut files, &mut visited, &mut walked, true)?;
                forward(walked, sink);
                for f in files {
                    if is_jsonl_path(&f, opts) {
                        stream_jsonl(&f, opts, sink, &mut done, progress)?;
                    } else {
                        let mut part = Corpus::default();
                        read_file(&f, opts, &mut part);
                        forward(part, sink);
                        done += std::fs::metadata(&f).map(|m| m.len()).unwrap_or(0);
                        progress(done);
                    }
                }
            }
            other => forward(load(std::slice::from_ref(other), opts)?, sink),
        }
    }
    Ok(())
}

/// The document of a streamed JSON Lines record (its source is set by `JsonlFile::push`).
fn jsonl_document(a: Article, warnings: &[String]) -> Document {
    let mut d = to_document(a, String::new());
    d.format = InputFormat::Jsonl.name().into();
    d.encoding = "utf-8".into();
    d.warnings = warnings.to_vec();
    d
}

/// One line of a JSON Lines file read exactly as [`load_streaming`] reads it, for callers
/// that stream the records themselves (`concord dedup` keeps only sketches): the document
/// (source `NAME#LINE`), or why the record was skipped; `None` for a blank line. Repeated ids
/// are not flagged (that needs the whole file).
pub fn read_jsonl_record(
    name: &str,
    line_no: usize,
    raw: &[u8],
    opts: &IngestOptions,
) -> Option<Result<Document, Skipped>> {
    let mut file = JsonlFile::new(name);
    let (read, warnings) = read_streamed_line(&file, line_no, raw, opts);
    let mut corpus = Corpus::default();
    file.push(read, |a| jsonl_document(a, &warnings), &mut corpus);
    match (corpus.documents.pop(), corpus.skipped.pop()) {
        (Some(d), _) => Some(Ok(d)),
        (None, Some(s)) => Some(Err(s)),
        (None, None) => None,
    }
}

/// Total bytes of the named files (directories walked), for a progress bar's length.
pub fn total_bytes(sources: &[Source]) -> u64 {
    fn size(p: &Path) -> u64 {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => std::fs::read_dir(p)
                .map(|rd| rd.filter_map(Result::ok).map(|e| size(&e.path())).sum())
                .unwrap_or(0),
            Ok(m) => m.len(),
            Err(_) => 0,
        }
    }
    sources
        .iter()
        .map(|s| match s {
            Source::Path(p) => size(p),
            _ => 0,
        })
        .sum()
}

fn is_jsonl_path(p: &Path, opts: &IngestOptions) -> bool {
    match opts.input_format {
        Some(f) => f == InputFormat::Jsonl && p.is_file(),
        None => {
            let ext = p
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            (ext == "jsonl" || ext == "ndjson") && p.is_file()
        }
    }
}

fn stream_jsonl(
    p: &Path,
    opts: &IngestOptions,
    sink: &mut dyn Sink,
    done: &mut u64,
    progress: &mut dyn FnMut(u64),
) -> Result<(), IngestError> {
    use rayon::prelude::*;
    use std::io::BufRead;
    let name = p.display().to_string();
    let io_err = |e| IngestError::Io {
        path: name.clone(),
        source: e,
    };
    let mut reader =
        std::io::BufReader::with_capacity(1 << 20, std::fs::File::open(p).map_err(io_err)?);
    let mut file = JsonlFile::new(&name);
    let mut line_no = 0usize;
    let mut bytes_read = 0u64;
    let mut batch: Vec<(usize, Vec<u8>)> = Vec::with_capacity(STREAM_BATCH_LINES);
    loop {
        batch.clear();
        while batch.len() < STREAM_BATCH_LINES {
            let mut buf = Vec::new();
            let n = reader.read_until(b'\n', &mut buf).map_err(io_err)?;
            if n == 0 {
                break;
            }
            bytes_read += n as u64;
            line_no += 1;
            batch.push((line_no, buf));
        }
        if batch.is_empty() {
            break;
        }
        let reads: Vec<(LineRead, Vec<String>)> = batch
            .par_iter()
            .map(|(no, raw)| read_streamed_line(&file, *no, raw, opts))
            .collect();
        for (read, warnings) in reads {
            file.push(read, |a| jsonl_document(a, &warnings), sink);
        }
        *done += bytes_read;
        bytes_read = 0;
        progress(*done);
    }
    if line_no == 0 {
        sink.skipped(Skipped {
            source: name.clone(),
            reason: "empty file".into(),
        });
    } else if file.records == 0 {
        sink.skipped(Skipped {
            source: name.clone(),
            reason: "JSON Lines file with no records".into(),
        });
    }
    Ok(())
}

/// One raw line of a streamed JSONL file: size limit, decoding (a BOM on the first line,
/// damaged UTF-8 replaced and flagged), the display form, then the record.
fn read_streamed_line(
    file: &JsonlFile,
    line_no: usize,
    raw: &[u8],
    opts: &IngestOptions,
) -> (LineRead, Vec<String>) {
    let source = || format!("{}#{line_no}", file.name);
    if raw.len() as u64 > opts.max_size {
        let reason = format!(
            "{}:{line_no}: record is {} bytes, over the size limit of {} bytes (--max-size)",
            file.name,
            raw.len(),
            opts.max_size
        );
        return (
            LineRead::Skip(Skipped {
                source: source(),
                reason,
            }),
            vec![],
        );
    }
    let raw = raw.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(raw);
    let (text, warnings) = match std::str::from_utf8(raw) {
        Ok(t) => (std::borrow::Cow::Borrowed(t), vec![]),
        Err(_) => (
            String::from_utf8_lossy(raw),
            vec!["invalid UTF-8 replaced with U+FFFD".to_string()],
        ),
    };
    let line = text.trim_end_matches(['\n', '\r']);
    let mut warnings = warnings;
    let nfc = is_quick_nfc(line);
    let line = if nfc {
        line.to_string()
    } else {
        display_form_json(line)
    };
    let before = line.len();
    let line = without_controls(line, &mut warnings);
    // The record's text is the line's own characters with JSON escapes replaced by ASCII
    // characters, and trimmed. The quick check reads only runs of non-ASCII characters,
    // which those replacements neither join nor change, so it passes on the text when it
    // passed on the line, unless a `\u` escape brought in other characters or removed
    // control characters joined two runs: then the text is checked again.
    let text_nfc =
        nfc && line.len() == before && memchr::memmem::find(line.as_bytes(), b"\\u").is_none();
    (file.read(line_no, &line, text_nfc), warnings)
}

/// A content-hash id: the same cleaned text always gets the same id.
pub fn content_id(text: &str) -> String {
    format!("d{:016x}", xxhash_rust::xxh3::xxh3_64(text.as_bytes()))
}

fn to_document(a: Article, source: String) -> Document {
    // The exact length, so that the text every later stage keeps has no spare capacity
    // (grown by pushing, it had a quarter spare on average).
    let len = a.paragraphs.iter().map(|p| p.len() + 2).sum::<usize>();
    let mut text = String::with_capacity(len.saturating_sub(2));
    let mut paragraphs = Vec::with_capacity(a.paragraphs.len());
    for p in &a.paragraphs {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(p);
        paragraphs.push(Span::new(start, text.len()));
    }
    Document {
        id: content_id(&text),
        source,
        title: a.title,
        outlet: a.outlet,
        url: a.url,
        published: a.published,
        published_inferred: a.published_inferred,
        authors: a.authors,
        credits: a.credits,
        text,
        paragraphs,
        boilerplate: a.boilerplate,
        related_links: a.related_links,
        provenance: a.provenance,
        warnings: vec![],
        format: String::new(),
        encoding: String::new(),
        extra: Default::default(),
    }
}

/// Builds a document from text that is already clean (tests, library users): paragraphs
/// split at blank lines, the lines of a paragraph joined, nothing removed.
pub fn document_from_text(source: &str, raw: &str) -> Document {
    let raw = display_form(raw);
    let paras: Vec<String> = raw
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    let mut d = to_document(
        Article {
            paragraphs: paras,
            ..Article::default()
        },
        source.to_string(),
    );
    d.format = "text".into();
    d.encoding = "utf-8".into();
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_display_form_agrees_with_display_form() {
        // Combining marks after ASCII letters (not NFC), after non-ASCII ones, in the wrong
        // order, Hangul jamo, and texts that are NFC; some longer than one 16-byte step.
        for s in [
            "",
            "plain ascii text that is longer than sixteen bytes",
            "cafe\u{301} au lait",
            "caf\u{e9} au lait, \u{201c}quoted\u{201d} \u{2014} dash",
            "a\u{323}\u{302} and a\u{302}\u{323}",
            "\u{1100}\u{1161} hangul",
            "Lukashenko \u{41b}\u{443}\u{43a}\u{430}\u{448}\u{435}\u{43d}\u{43a}\u{430} \u{439}",
            "\u{418}\u{306} decomposed short i, sixteen bytes on",
            "0123456789abcdef\u{301}",
            "\u{212b} angstrom sign",
        ] {
            assert_eq!(nfc_display_form(s), display_form(s), "{s:?}");
        }
    }

    /// A streamed record's text is checked for NFC once, on its line, unless a `\\u` escape or
    /// a removed control character could make the text other than the line: it is the
    /// text the record reader gives when it checks the text itself.
    #[test]
    fn streamed_text_skips_a_second_nfc_check_only_when_it_is_the_lines() {
        let opts = IngestOptions::default();
        for text in [
            r"plain text\nwith an escape",
            "caf\u{e9} \u{201c}quoted\u{201d} \u{41b}\u{443}\u{43a}\u{430}",
            "cafe\u{301} decomposed in the line",
            r"cafe\u0301 decomposed by an escape",
            r"\u00e9 and e\u0301 and \\u0301",
            "a\u{316}\u{1}\u{300} marks joined when a control goes",
            "\u{a0}\u{e9}\u{a0} trimmed ends",
            "x\\n\u{301} escape before a mark",
        ] {
            let line = format!("{{\"text\": \"{text}\"}}");
            let streamed = read_jsonl_record("f.jsonl", 1, line.as_bytes(), &opts);
            let read = without_controls(display_form_json(&line), &mut vec![]);
            let checked = match jsonl::read_line_with(&read, false) {
                jsonl::Record::Article { article, .. } => Some(article.paragraphs.join("\n\n")),
                jsonl::Record::Skip(_) => None,
            };
            let streamed = streamed.and_then(Result::ok).map(|d| d.text);
            assert_eq!(streamed, checked, "{line:?}");
        }
    }

    /// An escape followed by a combining mark stays an escape: the record is read, with the
    /// mark in its text (it used to compose with the escape's letter, and the line was
    /// skipped as malformed JSON). Elsewhere the line's display form is unchanged.
    #[test]
    fn escapes_do_not_compose_with_a_following_mark() {
        let opts = IngestOptions::default();
        for (text, want) in [
            ("Minsk protest.\\n\u{301}Second line", "\u{301}Second"),
            ("a tab\\t\u{301} and more", "\u{301} and"),
            ("\\u00e9\u{301} after a hex escape", "\u{e9}\u{301} after"),
            (
                "\\\\n\u{301} a backslash, then n and a mark",
                "\\\u{144} a backslash",
            ),
        ] {
            let line = format!("{{\"text\": \"{text}\"}}");
            let doc = read_jsonl_record("f.jsonl", 1, line.as_bytes(), &opts)
                .and_then(Result::ok)
                .unwrap_or_else(|| panic!("{line:?} was not read"));
            assert!(doc.text.contains(want), "{line:?} gave {:?}", doc.text);
        }
        for line in [
            "{\"text\": \"cafe\u{301} \\u0301 e\\\"\u{301}\"}",
            "{\"title\": \"A\u{30a}ngstro\u{308}m\", \"text\": \"x\\\\ e\u{301}\"}",
            "\u{1e0b}\u{323} \\q\u{1e63}\u{307} no escapes: \u{212b}",
        ] {
            assert_eq!(display_form_json(line), display_form(line), "{line:?}");
        }
    }

    #[test]
    fn control_characters_are_counted_by_bytes() {
        let mut warnings = Vec::new();
        let text = "a\u{0}b\tc\u{7f}d\u{c}e \u{1b}\u{80}\u{9f}\u{e9}".to_string();
        assert_eq!(
            without_controls(text, &mut warnings),
            "ab\tcd\u{c}e \u{80}\u{9f}\u{e9}"
        );
        assert_eq!(
            warnings,
            ["3 control characters (NUL and the like) removed"]
        );
    }

    /// A sink sees what [`load_streaming`] collects, in the same order, as it is read:
    /// documents and skipped inputs interleaved as the inputs give them.
    #[test]
    fn a_sink_is_handed_what_loading_collects_in_input_order() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let d = dir.path();
        std::fs::write(
            d.join("a.jsonl"),
            "{\"text\": \"Police detained 12 people in Minsk.\"}\nnot json\n\n{\"id\": \"x\", \"text\": \"A second record.\"}\n",
        )
        .expect("written");
        std::fs::write(d.join("b.txt"), "Thousands marched on Sunday.").expect("written");
        std::fs::write(d.join("c.jsonl"), "").expect("written");
        std::fs::create_dir(d.join("sub")).expect("made");
        std::fs::write(d.join("sub/d.md"), "# Title\n\nA third article.").expect("written");
        let sources = [Source::Path(d.to_path_buf())];
        let opts = IngestOptions::default();
        #[derive(Default)]
        struct Log(Vec<String>);
        impl Sink for Log {
            fn document(&mut self, doc: Document) {
                self.0.push(format!("doc {} {}", doc.source, doc.text));
            }
            fn skipped(&mut self, s: Skipped) {
                self.0.push(format!("skip {} {}", s.source, s.reason));
            }
        }
        let mut log = Log::default();
        stream_into(&sources, &opts, &mut |_| {}, &mut log).expect("read");
        let corpus = load_streaming(&sources, &opts, &mut |_| {}).expect("read");
        let name = |f: &str| d.join(f).display().to_string();
        let kinds: Vec<&str> = log.0.iter().map(|l| &l[..4]).collect();
        assert_eq!(
            kinds,
            ["doc ", "skip", "doc ", "doc ", "skip", "doc "],
            "{:?}",
            log.0
        );
        assert!(log.0[0].starts_with(&format!("doc {}#1 Police", name("a.jsonl"))));
        assert!(log.0[1].starts_with(&format!("skip {}#2", name("a.jsonl"))));
        assert!(log.0[4].starts_with(&format!("skip {} empty file", name("c.jsonl"))));
        let docs: Vec<&String> = log.0.iter().filter(|l| l.starts_with("doc ")).collect();
        assert_eq!(docs.len(), corpus.documents.len());
        for (l, doc) in docs.iter().zip(&corpus.documents) {
            assert_eq!(**l, format!("doc {} {}", doc.source, doc.text));
        }
        assert_eq!(corpus.skipped.len(), 2);
    }
}
