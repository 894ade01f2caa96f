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

use super::{DocumentSummary, Inputs, Report, ReportFinding, Streamed, Summary};
use crate::link::{DupGroup, Story};
use crate::model::Skipped;
use crate::normalize::Entity;
use serde::{Serialize, Serializer, ser::SerializeSeq};
use std::io::Write;

/// Pretty JSON with a trailing newline. Serialising the model cannot fail (no maps with
/// non-string keys, no non-finite numbers reach it); should it, the error is returned.
pub fn render(r: &Report) -> std::io::Result<String> {
    let mut out = Vec::new();
    write(r, &mut out)?;
    Ok(String::from_utf8(out).expect("serde_json writes UTF-8"))
}

/// [`render`] straight into a writer: the report is never held whole as text (at 100,000
/// articles it is about 3 GB). Give it a buffered writer.
pub fn write(r: &Report, mut w: impl Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut w, r)?;
    w.write_all(b"\n")
}

/// [`Report`]'s fields in its order, with the events given apart: serialised, it is the
/// report's JSON (a test compares the two on the seeds and the fixture corpus).
#[derive(Serialize)]
struct View<'a, E: Serialize> {
    schema_version: u32,
    inputs: &'a Inputs,
    summary: &'a Summary,
    documents: &'a [DocumentSummary],
    events: E,
    across_events: &'a [ReportFinding],
    stories: &'a [Story],
    entities: &'a [Entity],
    duplicates: &'a [DupGroup],
    skipped: &'a [Skipped],
}

/// The events of a [`Streamed`] report, built while they are written.
struct Events<'a, 'b>(&'b Streamed<'a>);

impl Serialize for Events<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.events()))?;
        self.0.for_each_event(|e| seq.serialize_element(e))?;
        seq.end()
    }
}

/// The same bytes as [`write`] on the built report, with the events built a few at a
/// time while they are written, so the report's findings are never all in memory.
pub fn write_streamed(s: &Streamed<'_>, mut w: impl Write) -> std::io::Result<()> {
    let r = &s.head;
    let view = View {
        schema_version: r.schema_version,
        inputs: &r.inputs,
        summary: &r.summary,
        documents: &r.documents,
        events: Events(s),
        across_events: &r.across_events,
        stories: &r.stories,
        entities: &r.entities,
        duplicates: &r.duplicates,
        skipped: &r.skipped,
    };
    serde_json::to_writer_pretty(&mut w, &view)?;
    w.write_all(b"\n")
}
