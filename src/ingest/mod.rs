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
    let text = display_form(&decoded.text.replace("\r\n", "\n").replace('\r', "\n"));
    let (text, controls) = without_controls(text);
    let mut decoded = decoded;
    if controls > 0 {
        decoded.warnings.push(format!(
            "{controls} control characters (NUL and the like) removed"
        ));
    }
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
            let mut records = 0;
            // Given ids are kept as given; a repeated one is flagged (sources stay unique).
            let mut seen_ids: std::collections::HashMap<String, usize> = Default::default();
            for (i, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                records += 1;
                let source = format!("{name}#{}", i + 1);
                match jsonl::read_line(line) {
                    jsonl::Record::Article { article, id, extra } => {
                        let mut d = base(*article, source);
                        if let Some(id) = id {
                            if let Some(first) = seen_ids.get(&id) {
                                d.warnings.push(format!(
                                    "duplicate id {id:?}: also on line {first} of {name}"
                                ));
                            } else {
                                seen_ids.insert(id.clone(), i + 1);
                            }
                            d.id = id;
                        }
                        d.extra = extra;
                        corpus.documents.push(d);
                    }
                    jsonl::Record::Skip(reason) => corpus.skipped.push(Skipped {
                        source,
                        reason: format!("{name}:{}: {reason}", i + 1),
                    }),
                }
            }
            if records == 0 {
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

/// Removes C0 control characters other than tab, newline and form feed (and DEL). A NUL past
/// the binary sniff (`decode`) would otherwise reach the document text, the JSON and the HTML
/// report, where it means nothing to a reader and breaks C-string consumers downstream.
fn without_controls(text: String) -> (String, usize) {
    let is_control = |c: char| (c < ' ' && !matches!(c, '\t' | '\n' | '\u{0c}')) || c == '\u{7f}';
    let n = text.chars().filter(|&c| is_control(c)).count();
    if n == 0 {
        return (text, 0);
    }
    (text.chars().filter(|&c| !is_control(c)).collect(), n)
}

/// A content-hash id: the same cleaned text always gets the same id.
pub fn content_id(text: &str) -> String {
    format!("d{:016x}", xxhash_rust::xxh3::xxh3_64(text.as_bytes()))
}

fn to_document(a: Article, source: String) -> Document {
    let mut text = String::new();
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
