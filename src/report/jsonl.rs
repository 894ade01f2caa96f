//! The report as JSON Lines of typed records, for pipelines that stream: one object per
//! line, each with a `type` and the `schema_version`:
//!
//! - `summary`: the fields of the JSON report's `summary`, plus `inputs`;
//! - `document`: one per document read (the JSON report's `documents` entries);
//! - `event`: an event without its findings (`id`, `sources`, `outlets`, `date`,
//!   `date_inferred`, `story`, `names`);
//! - `finding`: one per finding, with `event` (the event id, or null for a finding across
//!   events) and the JSON report's finding fields;
//! - `entity`, `duplicate`, `skipped`: one per entry of the JSON report's lists.
//!
//! Record order: summary, documents, then each event followed by its findings, findings
//! across events, entities, duplicates, skipped.

use super::{
    EventReport, EventSource, Inputs, NameVariants, Report, ReportFinding, Spill, Streamed, Summary,
};
use serde::Serialize;
use std::io::Write;

/// One record: `type`, `schema_version`, then the value's fields. Serialised straight into
/// the writer: building a `serde_json::Value` tree first (as this printer once did) cost
/// more than twice the JSON report's writing. The bytes are the same, as the value's fields
/// keep their order.
#[derive(Serialize)]
struct Record<'a, T: Serialize> {
    #[serde(rename = "type")]
    kind: &'a str,
    schema_version: u32,
    #[serde(flatten)]
    value: &'a T,
}

/// Writes one record and a newline.
fn record<T: Serialize>(
    w: &mut (impl Write + ?Sized),
    kind: &str,
    value: &T,
) -> std::io::Result<()> {
    let r = Record {
        kind,
        schema_version: crate::model::SCHEMA_VERSION,
        value,
    };
    super::serializer::write(&mut *w, &r, false, 0)?;
    w.write_all(b"\n")
}

/// The summary record's fields: the report's summary, then its inputs.
#[derive(Serialize)]
struct SummaryRecord<'a> {
    #[serde(flatten)]
    summary: &'a Summary,
    inputs: &'a Inputs,
}

/// An event record: [`EventReport`]'s fields in its order, without the findings (each is a
/// record of its own).
#[derive(Serialize)]
struct EventRecord<'a> {
    id: &'a str,
    sources: &'a [String],
    outlets: &'a [EventSource],
    date: Option<jiff::civil::Date>,
    date_inferred: bool,
    story: Option<&'a str>,
    story_label: Option<&'a str>,
    names: &'a [NameVariants],
}

impl<'a> EventRecord<'a> {
    fn of(e: &'a EventReport) -> Self {
        // Every field but `findings`, named so that a field added to the event breaks this.
        let EventReport {
            id,
            sources,
            outlets,
            date,
            date_inferred,
            story,
            story_label,
            findings: _,
            names,
        } = e;
        EventRecord {
            id,
            sources,
            outlets,
            date: *date,
            date_inferred: *date_inferred,
            story: story.as_deref(),
            story_label: story_label.as_deref(),
            names,
        }
    }
}

#[derive(Serialize)]
struct FindingRecord<'a> {
    event: Option<&'a str>,
    #[serde(flatten)]
    finding: &'a ReportFinding,
}

pub fn render(r: &Report) -> std::io::Result<String> {
    let mut out = Vec::new();
    write(r, &mut out)?;
    Ok(String::from_utf8(out).expect("serde_json writes UTF-8"))
}

/// [`render`] straight into a writer, one record at a time, so the report is never held
/// whole as text. Serialised through a buffer of its own, so that the many small writes of
/// a record are not calls through the caller's `dyn Write`.
pub fn write(r: &Report, w: impl Write) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
    write_with(r, &mut w)?;
    w.flush()
}

/// The same bytes as [`write`] on the built report, with the events built a few at a time
/// while they are written, so the report's findings are never all in memory. Each event is
/// reconciled once ([`spill`]), then the report is written ([`write_spilled`]). Returns
/// the summary.
pub fn write_streamed(s: &Streamed<'_>, w: impl Write) -> std::io::Result<Summary> {
    super::spill_then_write(s, w, spill, write_spilled)
}

/// The events' records written into a spill file, with the summary counted on the way.
pub fn spill(s: &Streamed<'_>) -> std::io::Result<Spill> {
    s.spill_events(event_records)
}

/// The report around the spilled events: summary and documents, the spill copied, the rest.
pub fn write_spilled(s: &Streamed<'_>, mut spill: Spill, mut w: impl Write) -> std::io::Result<()> {
    head(&s.head, &spill.summary, s.documents().iter(), &mut w)?;
    std::io::copy(&mut spill.file, &mut w)?;
    tail(&s.head, &mut w)
}

/// The records of `r` (its summary, documents, events with their findings, then the rest).
fn write_with(r: &Report, mut w: impl Write) -> std::io::Result<()> {
    head(r, &r.summary, &r.documents, &mut w)?;
    for e in &r.events {
        event_records(&mut w, e)?;
    }
    tail(r, &mut w)
}

/// The summary record and the documents.
fn head<D: Serialize>(
    r: &Report,
    summary: &Summary,
    documents: impl IntoIterator<Item = D>,
    o: &mut impl Write,
) -> std::io::Result<()> {
    let summary = SummaryRecord {
        summary,
        inputs: &r.inputs,
    };
    record(o, "summary", &summary)?;
    for d in documents {
        record(o, "document", &d)?;
    }
    Ok(())
}

/// An event's record followed by its findings'.
fn event_records(o: &mut (impl Write + ?Sized), e: &EventReport) -> std::io::Result<()> {
    record(o, "event", &EventRecord::of(e))?;
    for f in &e.findings {
        record(
            o,
            "finding",
            &FindingRecord {
                event: Some(&e.id),
                finding: f,
            },
        )?;
    }
    Ok(())
}

/// The records after the events: findings across events, entities, duplicates, skipped.
fn tail(r: &Report, o: &mut impl Write) -> std::io::Result<()> {
    for f in &r.across_events {
        record(
            o,
            "finding",
            &FindingRecord {
                event: None,
                finding: f,
            },
        )?;
    }
    for e in &r.entities {
        record(o, "entity", e)?;
    }
    for d in &r.duplicates {
        record(o, "duplicate", d)?;
    }
    for s in &r.skipped {
        record(o, "skipped", s)?;
    }
    Ok(())
}
