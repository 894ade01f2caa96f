//! Stage 3: claims: quantities as intervals, dates resolved against publication, quotes.
//!
//! One file per step: [`numbers`] reads figures in digits and words, [`quantity`] turns them
//! into intervals with a kind (its module doc lists the interval conventions), [`dates`]
//! resolves date expressions against the publication date, [`quotes`] finds direct quotes
//! and their speakers, [`attribution`] reads who a figure is attributed to ("according to
//! police"), [`sentences`] gives every claim its sentence.

pub mod attribution;
pub mod dates;
pub mod numbers;
pub mod quantity;
pub mod quotes;
pub mod sentences;
mod titles;
pub mod words;

use crate::model::{Document, Span};
use crate::normalize::Mention;
pub use crate::shared::SharedStr;
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

/// How the text qualifies a figure. Serialised in claims as its phrase (`as_str`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Modifier {
    MoreThan,
    /// ">" in the text: an open lower bound without the next-step estimate.
    MoreThanStrict,
    AtLeast,
    LessThan,
    AtMost,
    About,
    UpTo,
    Nearly,
    Several,
    Peak,
    Exactly,
    Between,
}

impl Modifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Modifier::MoreThan | Modifier::MoreThanStrict => "more than",
            Modifier::AtLeast => "at least",
            Modifier::LessThan => "less than",
            Modifier::AtMost => "at most",
            Modifier::About => "about",
            Modifier::UpTo => "up to",
            Modifier::Nearly => "nearly",
            Modifier::Several => "several",
            Modifier::Peak => "peak",
            Modifier::Exactly => "exactly",
            Modifier::Between => "between",
        }
    }
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
    /// The document's `source`: one allocation shared by every claim of the document.
    pub source: SharedStr,
    pub kind: ClaimKind,
    /// The words the figure was read from ("several hundred people").
    pub phrase: String,
    /// Interval ends; `None` for an open end (and for quotes).
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// Whether `low` / `high` belong to the interval ("more than 1,000" = (1000, 1999]).
    pub low_inclusive: bool,
    pub high_inclusive: bool,
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
    /// The sentence the claim stands in, as written: one allocation shared by every claim
    /// of the sentence.
    pub sentence: SharedStr,
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
///
/// Cost is linear in the length of the text: dates are found by binary search in the sorted
/// date list, and a claim in a sentence longer than twice [`words::CONTEXT_BYTES`] reads a
/// window of that many bytes on either side of its phrase as its sentence (attribution,
/// scope, date and the `sentence` field), so a giant single-line paragraph is not copied or
/// scanned once per figure.
pub fn extract_claims(doc: &Document, mentions: &[Mention]) -> Vec<Claim> {
    let text = &doc.text;
    let sents = sentences::split(text);
    let found_dates = dates::find_dates(text);
    let date_spans: Vec<Span> = found_dates.iter().map(|d| d.span).collect();
    let date_value = |d: &dates::DateMatch| date_value(text, d, doc.published);
    let sentence_of = |span: Span| -> Span {
        let sent = sentences::containing(&sents, span.start)
            .map(|i| sents[i])
            .unwrap_or(Span::new(span.start, span.start));
        claim_context(text, sent, span)
    };
    // Dates whose span lies inside `sent`, in text order (the list is sorted, no overlaps).
    let dates_in = |sent: Span| {
        let lo = found_dates.partition_point(|d| d.span.start < sent.start);
        found_dates[lo..]
            .iter()
            .take_while(move |d| d.span.start < sent.end)
            .filter(move |d| d.span.end <= sent.end && d.expr != dates::DateExpr::Present)
    };
    let quantities = quantity::find_quantities(text, &date_spans);
    let quotes = quotes::find_quotes(text, mentions);
    // Sized once: a claim is a few hundred bytes, and growing by doubling copied them.
    let mut claims = Vec::with_capacity(quantities.len() + quotes.len());
    let source = SharedStr::from(doc.source.as_str());
    // Claims of one sentence share its text: one allocation per sentence (claims come in
    // text order within each kind, so the last sentence is the one to reuse).
    let mut shared_sentence: Option<(Span, SharedStr)> = None;
    let mut sentence_text = |sent: Span| -> SharedStr {
        match &shared_sentence {
            Some((s, t)) if *s == sent => t.clone(),
            _ => {
                let t = SharedStr::from(sent.slice(text));
                shared_sentence = Some((sent, t.clone()));
                t
            }
        }
    };
    // Figures of one sentence share its attribution and scope cue: read them once.
    let mut per_sentence: Option<(Span, Option<String>, bool)> = None;
    for q in quantities {
        let span = q.relation.span;
        let sent = sentence_of(span);
        let sentence = sent.slice(text);
        if per_sentence.as_ref().is_none_or(|(s, _, _)| *s != sent) {
            per_sentence = Some((sent, attribution::find(sentence), has_total_cue(sentence)));
        }
        let (_, attribution, total) = per_sentence.as_ref().expect("just set");
        let (low, low_inclusive, high, high_inclusive) = q.relation.interval();
        // The date of a figure: the nearest date expression in its sentence.
        // Ages and durations are not events on a date.
        let dated = !matches!(q.kind, ClaimKind::Age | ClaimKind::Duration);
        let nearest_date = dates_in(sent)
            .filter(|_| dated)
            .min_by_key(|d| d.span.start.abs_diff(span.start));
        let date = nearest_date.map(date_value);
        let scope = scope_of(*total, nearest_date.map(|d| &d.expr));
        claims.push(Claim {
            source: source.clone(),
            kind: q.kind,
            phrase: span.slice(text).to_string(),
            low,
            high,
            low_inclusive,
            high_inclusive,
            point: q.relation.point,
            modifier: q.relation.modifier.map(|m| m.as_str().to_string()),
            counted: q.counted,
            unit: q.unit,
            attribution: attribution.clone(),
            scope,
            date,
            sentence: sentence_text(sent),
            span,
            speaker: None,
            speaker_entity: None,
            quote_kind: None,
        });
    }
    for qt in quotes {
        let sent = sentence_of(qt.span);
        // The date of a statement is in its attribution, next to the quote, not inside it.
        // Only dates ending less than 60 bytes before the quote or starting less than 60
        // after it can qualify; date spans are sorted and disjoint, so their ends are too.
        let lo = found_dates.partition_point(|d| d.span.end <= qt.span.start.saturating_sub(60));
        let date = found_dates[lo..]
            .iter()
            .take_while(|d| d.span.start < qt.span.end + 60)
            .filter(|d| d.expr != dates::DateExpr::Present)
            .filter(|d| d.span.start >= sent.start && d.span.end <= sent.end)
            .find(|d| {
                (d.span.start >= qt.span.end && d.span.start - qt.span.end < 60)
                    || (d.span.end <= qt.span.start && qt.span.start - d.span.end < 60)
            })
            .map(date_value);
        claims.push(Claim {
            source: source.clone(),
            kind: ClaimKind::Quote,
            phrase: qt.span.slice(text).to_string(),
            low: None,
            high: None,
            low_inclusive: false,
            high_inclusive: false,
            point: None,
            modifier: None,
            counted: None,
            unit: None,
            attribution: qt.attribution,
            scope: None,
            date,
            sentence: sentence_text(sent),
            span: qt.span,
            speaker: qt.speaker,
            speaker_entity: qt.speaker_entity,
            quote_kind: Some(qt.kind.to_string()),
        });
    }
    claims.sort_by_key(|c| (c.span, c.kind));
    claims
}

/// The part of `sent` a claim at `span` reads: the whole sentence, or for a sentence longer
/// than twice [`words::CONTEXT_BYTES`] a window of that many bytes around the claim.
fn claim_context(text: &str, sent: Span, span: Span) -> Span {
    if sent.len() <= 2 * words::CONTEXT_BYTES {
        return sent;
    }
    let start = words::window_start(text, span.start).max(sent.start);
    let end = words::window_end(text, span.end).min(sent.end).max(start);
    Span::new(start, end)
}

/// Words that make a figure a total over a period rather than one day's count.
const TOTAL_CUES: &[&str] = &[
    "in total",
    "in all",
    "a total of",
    "altogether",
    "so far",
    "to date",
    "cumulative",
    "combined",
];

/// [`TOTAL_CUES`] in one pass, searched for in the ASCII lower case of a sentence (the cues
/// are lower-case ASCII, so a match there is a match in any ASCII case): a leftmost
/// automaton uses its vectorised prefilter, which an ASCII-case-insensitive one cannot.
static TOTAL_CUES_AC: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(TOTAL_CUES)
            .expect("valid automaton")
    });

/// Whether a sentence says its figures are totals ([`TOTAL_CUES`]), a cue anywhere in it,
/// inside words too ("also far" holds "so far"). (Two hand scans, a two-byte prefix index
/// at every offset and an eight-byte scan for the cues' rarer letters, cost as much or more
/// on the bench corpus.)
fn has_total_cue(sentence: &str) -> bool {
    TOTAL_CUES_AC.is_match(&sentence.to_ascii_lowercase())
}

/// The time scope of a figure: "total" when its sentence says so (`total_cue`) or its date
/// is a period ("over the past four weekends", "last month"), "day" when its date is one day.
fn scope_of(total_cue: bool, date: Option<&dates::DateExpr>) -> Option<String> {
    use dates::{DateExpr, Unit};
    if total_cue {
        return Some("total".into());
    }
    let scope = match date? {
        DateExpr::Weekday { .. } | DateExpr::Calendar { day: Some(_), .. } => "day",
        DateExpr::Offset {
            unit: Unit::Day, ..
        }
        | DateExpr::Ago {
            unit: Unit::Day, ..
        } => "day",
        _ => "total",
    };
    Some(scope.into())
}

/// A date expression as a claim's date: resolved when an anchor is known, else relative.
fn date_value(text: &str, d: &dates::DateMatch, anchor: Option<Date>) -> DateValue {
    let resolved = match anchor {
        Some(a) => d.expr.resolve(a),
        None if !d.expr.is_relative() => d.expr.resolve(Date::constant(2000, 1, 1)),
        None => None,
    };
    DateValue {
        text: d.span.slice(text).to_string(),
        granularity: resolved
            .as_ref()
            .map(|r| r.granularity.to_string())
            .unwrap_or_else(|| "relative".to_string()),
        value: resolved.map(|r| r.value),
        relative: d.expr.is_relative().then(|| d.expr.key()),
        inferred: false,
    }
}

/// Resolves the still-relative dates of claims once an anchor date is known (for example a
/// publication date inferred from a linked event); marks them as inferred.
pub fn resolve_relative_dates(claims: &mut [Claim], anchor: Date) {
    for c in claims {
        let Some(d) = c.date.as_mut() else { continue };
        if d.value.is_some() {
            continue;
        }
        let Some(expr) = d.relative.as_deref().and_then(dates::DateExpr::from_key) else {
            continue;
        };
        if let Some(r) = expr.resolve(anchor) {
            d.value = Some(r.value);
            d.granularity = r.granularity.to_string();
            d.inferred = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::has_total_cue;

    #[test]
    fn total_cues_match_anywhere_in_either_case() {
        for (s, want) in [
            ("In Total, 300 were held.", true),
            ("It was also far from over.", true),
            ("a TOTAL OF 5", true),
            ("to dat", false),
            ("to date", true),
            ("combine", false),
            ("so fa", false),
            ("ſo far", false),
            ("", false),
        ] {
            assert_eq!(has_total_cue(s), want, "{s:?}");
        }
    }
}
