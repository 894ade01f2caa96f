//! Stage 1: read inputs (files, directories, stdin, file lists, embedded seeds), decode, detect
//! the format, clean faithfully, and account for every input.

use crate::model::{Corpus, Document, Skipped, Span};
use std::path::PathBuf;

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

#[derive(Debug, Clone)]
pub struct IngestOptions {
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
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Reads every source into a corpus. (Provisional: full ingest lands with issue 2.)
pub fn load(sources: &[Source], _opts: &IngestOptions) -> Result<Corpus, IngestError> {
    let mut corpus = Corpus::default();
    for s in sources {
        let (name, bytes) = match s {
            Source::Embedded { name, bytes } => (name.clone(), bytes.to_vec()),
            Source::Path(p) => (
                p.display().to_string(),
                std::fs::read(p).map_err(|e| IngestError::Io {
                    path: p.display().to_string(),
                    source: e,
                })?,
            ),
            Source::Stdin => {
                use std::io::Read;
                let mut b = Vec::new();
                std::io::stdin()
                    .read_to_end(&mut b)
                    .map_err(|e| IngestError::Io {
                        path: "-".into(),
                        source: e,
                    })?;
                ("-".to_string(), b)
            }
        };
        let text = String::from_utf8_lossy(&bytes);
        if text.trim().is_empty() {
            corpus.skipped.push(Skipped {
                source: name,
                reason: "empty file".into(),
            });
            continue;
        }
        corpus.documents.push(document_from_text(&name, &text));
    }
    Ok(corpus)
}

/// Builds a document from plain text: paragraphs split at blank lines, lines joined.
pub fn document_from_text(source: &str, raw: &str) -> Document {
    let raw = crate::normalize::text::display_form(raw);
    let mut text = String::new();
    let mut paragraphs = Vec::new();
    for para in raw.split("\n\n") {
        let joined = para.split_whitespace().collect::<Vec<_>>().join(" ");
        if joined.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(&joined);
        paragraphs.push(Span::new(start, text.len()));
    }
    Document {
        id: format!("d{:016x}", xxhash_rust::xxh3::xxh3_64(text.as_bytes())),
        source: source.to_string(),
        text,
        paragraphs,
        format: "text".into(),
        encoding: "utf-8".into(),
        ..Document::default()
    }
}
