//! Stage 4: near-duplicates and syndication; events and stories across outlets.

use crate::extract::Claim;
use crate::model::{Document, Span};
use crate::normalize::Mention;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// A passage two documents share: `a` in the representative, `b` in the member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    pub a: Span,
    pub b: Span,
    pub words: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DupMember {
    pub source: String,
    /// Jaccard similarity of word shingles with the representative.
    pub similarity: f64,
    /// Share of this member's shingles found in the representative.
    pub containment: f64,
    pub shared_passages: Vec<Passage>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DupGroup {
    /// The representative's source (earliest, else longest).
    pub representative: String,
    pub members: Vec<DupMember>,
}

#[derive(Debug, Clone, Default)]
pub struct DedupOptions {}

/// Why two documents were linked into one event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkEvidence {
    pub a: String,
    pub b: String,
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub sources: Vec<String>,
    pub date: Option<Date>,
    pub date_inferred: bool,
    pub story: Option<String>,
    pub evidence: Vec<LinkEvidence>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub id: String,
    pub label: String,
    pub events: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Events {
    pub events: Vec<Event>,
    pub stories: Vec<Story>,
}

/// Groups exact and near-duplicate documents.
pub fn dedup(_docs: &[Document], _opts: &DedupOptions) -> Vec<DupGroup> {
    Vec::new()
}

/// Links reports of one real-world event across outlets, and events into stories.
/// `mentions` and `claims` are indexed like `docs`.
pub fn link_events(
    _docs: &[Document],
    _mentions: &[Vec<Mention>],
    _claims: &[Vec<Claim>],
) -> Events {
    Events::default()
}
