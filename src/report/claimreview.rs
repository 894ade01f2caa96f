//! schema.org `ClaimReview` skeletons (JSON-LD) for the disputed claims: one per claim of
//! every discrepancy, with the `Claim` it reviews and where it appeared. concord gives no
//! verdict: `reviewRating`, `author`, `datePublished`, `url` and `reviewBody` are left null
//! for the fact-checker to fill in (see https://schema.org/ClaimReview and Google's
//! ClaimReview structured-data guidelines, which require a human rating).

use super::{DocumentSummary, Report, ReportFinding};
use crate::reconcile::FindingKind;
use serde::{Serialize, Serializer};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::Write;

/// How many of the finding's other claims a review lists, and how much of its note it
/// repeats. Every disputed claim gets a review, so a review that listed them all and repeated
/// a note naming them all grew with the square of a finding's size: 480 MB of ClaimReview
/// for 2,000 realistic articles (56 MB of JSON report), most of it one finding of 1,642
/// claims whose note is 81 KB. The whole finding is in the concord report.
const OTHERS_LISTED: usize = 10;
const NOTE_CHARS: usize = 600;

/// The note, or its head cut after the last whole item ("; " separates a note's items) that
/// ends within [`NOTE_CHARS`] characters, marked with "…".
fn shortened(note: &str) -> std::borrow::Cow<'_, str> {
    let Some((limit, _)) = note.char_indices().nth(NOTE_CHARS) else {
        return note.into();
    };
    let head = &note[..limit];
    match head.rfind("; ") {
        Some(cut) => format!("{}; …", &note[..cut]).into(),
        None => format!("{head}…").into(),
    }
}

/// The report's documents by source.
type Documents<'a> = HashMap<&'a str, &'a DocumentSummary>;

fn review(docs: &Documents<'_>, f: &ReportFinding, c: &super::EvidenceClaim) -> Value {
    let doc = docs.get(c.claim.source.as_str()).copied();
    let outlet = doc
        .and_then(|d| d.outlet.clone())
        .unwrap_or_else(|| c.outlet.clone());
    let mut others: Vec<String> = f
        .claims
        .iter()
        .filter(|o| o.claim.source != c.claim.source)
        .take(OTHERS_LISTED + 1)
        .map(|o| {
            format!(
                "{}: \"{}\" {}",
                o.outlet,
                o.claim.phrase,
                o.interval.as_deref().unwrap_or("")
            )
            .trim_end()
            .to_string()
        })
        .collect();
    if others.len() > OTHERS_LISTED {
        let all = f
            .claims
            .iter()
            .filter(|o| o.claim.source != c.claim.source)
            .count();
        others.truncate(OTHERS_LISTED);
        others.push(format!(
            "and {} more in the concord report",
            all - OTHERS_LISTED
        ));
    }
    json!({
        "@type": "ClaimReview",
        "claimReviewed": c.claim.sentence,
        "reviewAspect": f.subject,
        "description": format!(
            "concord found a {} ({}, how sure {:.2}); other outlets: {}",
            f.kind.as_str().replace('_', " "),
            shortened(&f.note),
            f.confidence,
            if others.is_empty() { "none".to_string() } else { others.join("; ") }
        ),
        "itemReviewed": {
            "@type": "Claim",
            "text": c.claim.phrase,
            "author": {"@type": "Organization", "name": outlet},
            "datePublished": doc.and_then(|d| d.published).map(|d| d.to_string()),
            "appearance": {
                "@type": "NewsArticle",
                "url": doc.and_then(|d| d.url.clone()),
                "headline": doc.and_then(|d| d.title.clone()),
                "datePublished": doc.and_then(|d| d.published).map(|d| d.to_string()),
                "publisher": {"@type": "Organization", "name": outlet},
                "identifier": c.claim.source,
            },
        },
        "reviewRating": {
            "@type": "Rating",
            "alternateName": null,
            "ratingValue": null,
            "bestRating": null,
            "worstRating": null,
        },
        "author": {"@type": "Organization", "name": null, "url": null},
        "datePublished": null,
        "url": null,
        "reviewBody": null,
    })
}

/// The `@graph`: one ClaimReview per claim of every discrepancy, built one at a time while
/// it is written (a finding with many claims repeats them all in each review's
/// description, so the whole graph can be far larger than the report).
struct Graph<'a>(&'a Report);

impl Serialize for Graph<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // The first document of a source, as a search in order would find it.
        let mut docs: Documents<'_> = HashMap::new();
        for d in &self.0.documents {
            docs.entry(d.source.as_str()).or_insert(d);
        }
        s.collect_seq(
            self.0
                .findings()
                .filter(|f| f.kind == FindingKind::Discrepancy)
                .flat_map(|f| f.claims.iter().map(move |c| (f, c)))
                .map(|(f, c)| review(&docs, f, c)),
        )
    }
}

#[derive(Serialize)]
struct JsonLd<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@graph")]
    graph: Graph<'a>,
}

/// A JSON-LD document whose `@graph` holds one ClaimReview per disputed claim.
pub fn render(r: &Report) -> std::io::Result<String> {
    let mut out = Vec::new();
    write(r, &mut out)?;
    Ok(String::from_utf8(out).expect("serde_json writes UTF-8"))
}

/// [`render`] straight into a writer, one review at a time. Give it a buffered writer.
pub fn write(r: &Report, mut w: impl Write) -> std::io::Result<()> {
    let doc = JsonLd {
        context: "https://schema.org",
        graph: Graph(r),
    };
    serde_json::to_writer_pretty(&mut w, &doc)?;
    w.write_all(b"\n")
}
