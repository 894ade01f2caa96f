//! The report as one JSON document (`concord report --format json`).
//!
//! # Schema, version 1 (`schema_version`)
//!
//! Field names are a contract (DESIGN.md): extend freely, rename only with a version bump.
//!
//! ```text
//! {
//!   "schema_version": 1,
//!   "inputs":   {"given": N, "read": N, "skipped": N},
//!   "summary":  {"inputs_given", "inputs_read", "inputs_skipped", "events", "stories",
//!                "duplicate_groups", "merged_entities", "discrepancies",
//!                "expected_differences", "agreements", "single_source"},
//!   "documents": [{"id", "source", "label", "title", "outlet", "url", "published"
//!                  (YYYY-MM-DD | null), "published_inferred", "authors", "credits", "words"}],
//!   "events": [{
//!     "id", "sources": [source], "outlets": [{"source", "label", "title", "published",
//!     "published_inferred"}], "date" (YYYY-MM-DD | null), "date_inferred", "story" (id | null),
//!     "findings": [FINDING],           // discrepancies first, then expected differences,
//!                                      // agreements, single sources
//!     "names": [{"entity", "display", "kind", "forms": [{"form", "count", "sources"}]}]
//!   }],
//!   "across_events": [FINDING],        // tenures and ages compared across the corpus
//!   "stories":  [{"id", "label", "events"}],
//!   "entities": [{"id", "display", "kind", "variants": [{"form", "count", "sources"}],
//!                 "evidence"}],
//!   "duplicates": [{"representative", "members": [{"source", "similarity", "containment",
//!                   "shared_passages"}]}],
//!   "skipped":  [{"source", "reason"}]
//! }
//!
//! FINDING = {
//!   "kind": "agreement" | "discrepancy" | "expected_difference" | "single_source",
//!   "aspect": "figure" | "date" | "place" | "person" | "quote" | "attribution" | "tenure"
//!             | "birth_year",
//!   "subject": "crowd (people), 2019-12-07, one day",
//!   "confidence": 0.0..1.0,            // how sure
//!   "note": "a short explanation for a human",
//!   "claims": [CLAIM + {"outlet", "interval" ("[200, 999]" | null),
//!              "highlight" ([start, end] byte range of the phrase in the sentence | null)}],
//!   "diff": [{"op": "same" | "removed" | "added", "text"}],        // quotes, when present
//!   "normalised": [{"source", "low", "high", "unit", "how"}],      // tenures and ages
//!   "names": [{"source", "form", "count", "sentence", "span"}]     // places and people
//! }
//! CLAIM = the fields of `concord claims --format json`: "source", "kind", "phrase", "low",
//!   "high" (numbers, null for an open end), "point", "modifier", "counted", "unit",
//!   "attribution", "scope", "date" ({"text", "value", "granularity", "relative",
//!   "inferred"} | null), "sentence", "span" ([start, end] in the document's text),
//!   "speaker", "speaker_entity", "quote_kind".
//! ```

use super::Report;

/// Pretty JSON with a trailing newline. Serialising the model cannot fail (no maps with
/// non-string keys, no non-finite numbers reach it); should it, the error is returned.
pub fn render(r: &Report) -> Result<String, serde_json::Error> {
    let mut s = serde_json::to_string_pretty(r)?;
    s.push('\n');
    Ok(s)
}
