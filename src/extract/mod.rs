//! Stage 3: claims: quantities as intervals, dates resolved against publication, quotes.

use crate::model::{Document, Span};
use crate::normalize::Mention;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// What a claim is about (DESIGN.md's list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    Crowd,
    Detained,
    Casualties,
    Money,
    Percent,
    Multiplier,
    Count,
    Duration,
    Age,
    Quote,
    Date,
}

/// A date as the text gives it and as far as it can be resolved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateValue {
    /// The words in the text ("on Saturday", "Dec. 20").
    pub text: String,
    /// ISO value once resolved: "2019-12-07", "2019-12", "2019", or an interval "2019-11-09/2019-12-07".
    pub value: Option<String>,
    /// day | week | month | year | interval
    pub granularity: String,
    /// The unresolved form, kept so a later stage can resolve it once the anchor is known.
    pub relative: Option<String>,
    /// True when resolved against an inferred publication date.
    pub inferred: bool,
}

/// One thing an article claims, with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// The document's `source`.
    pub source: String,
    pub kind: ClaimKind,
    /// The words the figure was read from ("several hundred people").
    pub phrase: String,
    /// Interval ends; `None` for an open end (and for quotes).
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// A single stated figure, when the text gives one.
    pub point: Option<f64>,
    /// more than | at least | about | up to | nearly | several | peak ...
    pub modifier: Option<String>,
    /// The counted noun ("people", "protesters", "programs").
    pub counted: Option<String>,
    /// Currency or unit ("USD", "SGD", "years").
    pub unit: Option<String>,
    /// "according to police", "organisers said".
    pub attribution: Option<String>,
    /// Time scope: "day", or a total "over the past four weekends".
    pub scope: Option<String>,
    pub date: Option<DateValue>,
    /// The sentence the claim stands in, as written.
    pub sentence: String,
    /// Byte span of `phrase` in `Document::text`.
    pub span: Span,
    /// Quotes only: the speaker as named in the text and its canonical entity.
    pub speaker: Option<String>,
    pub speaker_entity: Option<String>,
    /// Quotes only: statement | chant | sign | slogan.
    pub quote_kind: Option<String>,
}

/// Extracts every claim of a document. Relative dates are resolved against
/// `doc.published` when it is known, and left relative otherwise.
pub fn extract_claims(_doc: &Document, _mentions: &[Mention]) -> Vec<Claim> {
    Vec::new()
}

/// Resolves the still-relative dates of claims once an anchor date is known (for example a
/// publication date inferred from a linked event); marks them as inferred.
pub fn resolve_relative_dates(_claims: &mut [Claim], _anchor: Date) {}
