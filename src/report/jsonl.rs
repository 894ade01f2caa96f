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

use super::{EventReport, Report, ReportFinding, Streamed};
use serde::Serialize;
use serde_json::{Map, Value, json};
use std::io::Write;

/// Writes one record: `type`, `schema_version`, then the value's fields, and a newline.
fn record<T: Serialize>(w: &mut impl Write, kind: &str, v: &T) -> std::io::Result<()> {
    let mut m = Map::new();
    m.insert("type".into(), json!(kind));
    m.insert("schema_version".into(), json!(crate::model::SCHEMA_VERSION));
    match serde_json::to_value(v)? {
        Value::Object(o) => m.extend(o),
        other => {
            m.insert("value".into(), other);
        }
    }
    serde_json::to_writer(&mut *w, &Value::Object(m))?;
    w.write_all(b"\n")
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
/// whole as text. Give it a buffered writer.
pub fn write(r: &Report, w: impl Write) -> std::io::Result<()> {
    write_with(r, |each| r.events.iter().try_for_each(each), w)
}

/// The same bytes as [`write`] on the built report, with the events built a few at a time
/// while they are written, so the report's findings are never all in memory.
pub fn write_streamed(s: &Streamed<'_>, w: impl Write) -> std::io::Result<()> {
    write_with(&s.head, |each| s.for_each_event(each), w)
}

/// Hands each event to the callback, in report order.
type EachEvent<'f> = &'f mut dyn FnMut(&EventReport) -> std::io::Result<()>;

/// The records of `r`, with its events from `events` (not `r.events`).
fn write_with(
    r: &Report,
    events: impl FnOnce(EachEvent<'_>) -> std::io::Result<()>,
    mut w: impl Write,
) -> std::io::Result<()> {
    let o = &mut w;
    let mut summary = serde_json::to_value(&r.summary)?;
    if let Value::Object(m) = &mut summary {
        m.insert("inputs".into(), serde_json::to_value(&r.inputs)?);
    }
    record(o, "summary", &summary)?;
    for d in &r.documents {
        record(o, "document", d)?;
    }
    events(&mut |e| {
        let mut v = serde_json::to_value(e)?;
        if let Value::Object(m) = &mut v {
            m.remove("findings");
        }
        record(o, "event", &v)?;
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
    })?;
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
