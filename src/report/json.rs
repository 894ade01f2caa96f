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

use super::{Report, Spill, Streamed, Summary};
use serde::Serialize;
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
pub fn write(r: &Report, w: impl Write) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::with_capacity(BUFFER, w);
    pretty(&mut w, r)?;
    w.write_all(b"\n")?;
    w.flush()
}

/// The buffer [`write`] serialises into before handing bytes to its writer.
const BUFFER: usize = 1 << 16;

/// `value` as pretty JSON, as `serde_json::to_writer_pretty` writes it (two-space indent),
/// by [`super::serializer`], which writes the same bytes at about a third of the cost.
fn pretty<T: Serialize + ?Sized>(w: impl Write, value: &T) -> std::io::Result<()> {
    pretty_nested(w, value, 0)
}

/// [`pretty`] for a value nested `levels` deep in a bigger document: every line break is
/// followed by the indent of those levels too, as when the whole document is serialised.
fn pretty_nested<T: Serialize + ?Sized>(
    w: impl Write,
    value: &T,
    levels: usize,
) -> std::io::Result<()> {
    super::serializer::write(w, value, true, levels)
}

/// Writes `"key": value` as a field of the report's top-level object, pretty, after a
/// separator: `{` before the first field, `,` before the others.
fn field<T: Serialize + ?Sized>(
    w: &mut impl Write,
    first: bool,
    key: &str,
    value: &T,
) -> std::io::Result<()> {
    w.write_all(if first { b"{\n  \"" } else { b",\n  \"" })?;
    w.write_all(key.as_bytes())?;
    w.write_all(b"\": ")?;
    pretty_nested(w, value, 1)
}

/// The same bytes as [`write`] on the built report, with the events built a few at a
/// time while they are written, so the report's findings are never all in memory. Each
/// event is reconciled once ([`spill`]), then the report is written ([`write_spilled`]).
/// Returns the summary.
pub fn write_streamed(s: &Streamed<'_>, w: impl Write) -> std::io::Result<Summary> {
    super::spill_then_write(s, w, spill, write_spilled)
}

/// The events serialised into a spill file, indented as elements of the report's
/// `events`, with the summary counted on the way.
pub fn spill(s: &Streamed<'_>) -> std::io::Result<Spill> {
    let mut first = true;
    s.spill_events(|o, e| {
        o.write_all(if first { b"\n    " } else { b",\n    " })?;
        first = false;
        pretty_nested(&mut *o, e, 2)
    })
}

/// The report around the spilled events: the head, the spill copied, the rest, field by
/// field in [`Report`]'s order.
pub fn write_spilled(s: &Streamed<'_>, mut spill: Spill, mut w: impl Write) -> std::io::Result<()> {
    let r = &s.head;
    let o = &mut w;
    field(o, true, "schema_version", &r.schema_version)?;
    field(o, false, "inputs", &r.inputs)?;
    field(o, false, "summary", &spill.summary)?;
    field(o, false, "documents", &s.documents())?;
    o.write_all(b",\n  \"events\": [")?;
    if s.events() == 0 {
        o.write_all(b"]")?;
    } else {
        std::io::copy(&mut spill.file, o)?;
        o.write_all(b"\n  ]")?;
    }
    field(o, false, "across_events", &r.across_events)?;
    field(o, false, "stories", &r.stories)?;
    field(o, false, "entities", &r.entities)?;
    field(o, false, "duplicates", &r.duplicates)?;
    field(o, false, "skipped", &r.skipped)?;
    o.write_all(b"\n}\n")
}
