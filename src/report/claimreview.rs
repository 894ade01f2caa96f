//! schema.org `ClaimReview` skeletons (JSON-LD) for the disputed claims: one per claim of
//! every discrepancy, with the `Claim` it reviews and where it appeared. concord gives no
//! verdict: `reviewRating`, `author`, `datePublished`, `url` and `reviewBody` are left null
//! for the fact-checker to fill in (see https://schema.org/ClaimReview and Google's
//! ClaimReview structured-data guidelines, which require a human rating).

use super::{Report, ReportFinding};
use crate::reconcile::FindingKind;
use serde_json::{Value, json};

fn review(r: &Report, f: &ReportFinding, c: &super::EvidenceClaim) -> Value {
    let doc = r.documents.iter().find(|d| d.source == c.claim.source);
    let outlet = doc
        .and_then(|d| d.outlet.clone())
        .unwrap_or_else(|| c.outlet.clone());
    let others: Vec<String> = f
        .claims
        .iter()
        .filter(|o| o.claim.source != c.claim.source)
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
    json!({
        "@type": "ClaimReview",
        "claimReviewed": c.claim.sentence,
        "reviewAspect": f.subject,
        "description": format!(
            "concord found a {} ({}, how sure {:.2}); other outlets: {}",
            f.kind.as_str().replace('_', " "),
            f.note,
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

/// A JSON-LD document whose `@graph` holds one ClaimReview per disputed claim.
pub fn render(r: &Report) -> Result<String, serde_json::Error> {
    let graph: Vec<Value> = r
        .findings()
        .filter(|f| f.kind == FindingKind::Discrepancy)
        .flat_map(|f| f.claims.iter().map(move |c| review(r, f, c)))
        .collect();
    let doc = json!({
        "@context": "https://schema.org",
        "@graph": graph,
    });
    let mut s = serde_json::to_string_pretty(&doc)?;
    s.push('\n');
    Ok(s)
}
