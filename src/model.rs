//! The document model shared by every stage.
//!
//! A [`Document`] is what ingest produces and every later stage reads. Byte spans in later
//! stages (mentions, claims, passages) are offsets into [`Document::text`], the cleaned display
//! text in NFC, so that evidence can always be shown as the article's own words.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The JSON schema version of every output record. Bump on any rename (DESIGN.md).
pub const SCHEMA_VERSION: u32 = 1;

/// A half-open byte range `[start, end)` into a document's cleaned `text`.
/// Serialised as a two-element array `[start, end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// The text this span covers; empty when out of range or not on char boundaries.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(s)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let [start, end] = <[usize; 2]>::deserialize(d)?;
        Ok(Span { start, end })
    }
}

/// A metadata value together with the rule that found it (provenance, never a guess).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    /// Which field: "title", "published", "outlet", "url", "authors", "credits".
    pub field: String,
    /// The rule that produced the value, e.g. "dateline", "url-path-date", "meta:article:published_time".
    pub rule: String,
    /// The raw evidence text the rule read.
    pub evidence: String,
}

/// A line or block separated from the article body, with why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Boilerplate {
    /// navigation | promo | newsletter | related | caption | credit | self_description |
    /// cited_urls | section_heading | byline | dateline | title
    pub kind: String,
    pub text: String,
}

/// A link the article points readers to ("Related article:", "Read more:") or cites.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelatedLink {
    pub title: Option<String>,
    pub url: Option<String>,
    /// related | read_more | cited
    pub kind: String,
}

/// One cleaned article. Field names follow DESIGN.md's output contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Document {
    /// Stable id from a hash of the cleaned text: `d` + 16 hex digits.
    pub id: String,
    /// The path as given, plus `#N` for the N-th record of a JSONL file; `<seed>/NAME` for
    /// the built-in seeds; `-` for stdin.
    pub source: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    /// The article's own URL (never one it only cites).
    pub url: Option<String>,
    /// Publication date, only from evidence; see `published_inferred`.
    pub published: Option<Date>,
    /// True when `published` was inferred (from text or from a linked event), not stated.
    pub published_inferred: bool,
    pub authors: Vec<String>,
    /// Wire and contribution credits: "AFP", "Reuters contributed reporting".
    pub credits: Vec<String>,
    /// Cleaned body text (NFC), paragraphs separated by a blank line ("\n\n").
    pub text: String,
    /// Byte spans of the paragraphs in `text`.
    pub paragraphs: Vec<Span>,
    pub boilerplate: Vec<Boilerplate>,
    pub related_links: Vec<RelatedLink>,
    /// How each metadata value was found.
    pub provenance: Vec<Provenance>,
    /// Things a user should know about this input (e.g. invalid UTF-8 replaced).
    pub warnings: Vec<String>,
    /// Detected input format and encoding, e.g. "text", "html", "jsonl"; "utf-8", "windows-1251".
    pub format: String,
    pub encoding: String,
    /// Unknown fields of a JSONL record, kept as given.
    #[serde(skip_serializing_if = "serde_json::Map::is_empty", default)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Document {
    /// The paragraphs as string slices.
    pub fn paragraph_texts(&self) -> impl Iterator<Item = &str> {
        self.paragraphs.iter().map(|s| s.slice(&self.text))
    }
    /// Drops what ingest recorded for `concord clean` that no later stage reads (see
    /// [`Corpus::drop_ingest_records`]).
    pub fn drop_ingest_records(&mut self) {
        self.paragraphs = Vec::new();
        self.format = String::new();
        self.encoding = String::new();
        self.boilerplate = Vec::new();
        self.related_links = Vec::new();
        self.provenance = Vec::new();
        self.warnings = Vec::new();
        self.extra = serde_json::Map::new();
    }
    /// A short human name: the outlet, else the file name of the source.
    pub fn label(&self) -> String {
        let file = self.source.rsplit('/').next().unwrap_or(&self.source);
        match &self.outlet {
            Some(o) => format!("{o} ({file})"),
            None => file.to_string(),
        }
    }
}

/// An input that was not read, with why. Nothing is lost: every input is a Document or this.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    pub source: String,
    pub reason: String,
}

/// Everything ingest produced from the inputs given.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Corpus {
    pub documents: Vec<Document>,
    pub skipped: Vec<Skipped>,
}

impl Corpus {
    /// Inputs given = read + skipped (a JSONL file counts once per record).
    pub fn given(&self) -> usize {
        self.documents.len() + self.skipped.len()
    }
    /// Drops what ingest recorded about each document for `concord clean` that no later stage
    /// and no report reads (paragraph spans, boilerplate, related links, provenance,
    /// warnings, the input's format and encoding, unknown JSON Lines fields), and the
    /// documents' spare capacity: the documents live to the end of the report, so this is
    /// about 1 KB an article less at its peak (issue 7).
    pub fn drop_ingest_records(&mut self) {
        self.documents
            .iter_mut()
            .for_each(Document::drop_ingest_records);
        self.documents.shrink_to_fit();
    }
    /// The closing accounting line printed on stderr.
    pub fn accounting_line(&self) -> String {
        format!(
            "{} inputs: {} read, {} skipped",
            self.given(),
            self.documents.len(),
            self.skipped.len()
        )
    }
}
