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

use super::{Report, ReportFinding};
use serde::Serialize;
use serde_json::{Map, Value, json};

fn record<T: Serialize>(kind: &str, v: &T) -> Result<String, serde_json::Error> {
    let mut m = Map::new();
    m.insert("type".into(), json!(kind));
    m.insert("schema_version".into(), json!(crate::model::SCHEMA_VERSION));
    match serde_json::to_value(v)? {
        Value::Object(o) => m.extend(o),
        other => {
            m.insert("value".into(), other);
        }
    }
    let mut s = serde_json::to_string(&Value::Object(m))?;
    s.push('\n');
    Ok(s)
}

#[derive(Serialize)]
struct FindingRecord<'a> {
    event: Option<&'a str>,
    #[serde(flatten)]
    finding: &'a ReportFinding,
}

pub fn render(r: &Report) -> Result<String, serde_json::Error> {
    let mut o = String::new();
    let mut summary = serde_json::to_value(&r.summary)?;
    if let Value::Object(m) = &mut summary {
        m.insert("inputs".into(), serde_json::to_value(&r.inputs)?);
    }
    o.push_str(&record("summary", &summary)?);
    for d in &r.documents {
        o.push_str(&record("document", d)?);
    }
    for e in &r.events {
        let mut v = serde_json::to_value(e)?;
        if let Value::Object(m) = &mut v {
            m.remove("findings");
        }
        o.push_str(&record("event", &v)?);
        for f in &e.findings {
            o.push_str(&record(
                "finding",
                &FindingRecord {
                    event: Some(&e.id),
                    finding: f,
                },
            )?);
        }
    }
    for f in &r.across_events {
        o.push_str(&record(
            "finding",
            &FindingRecord {
                event: None,
                finding: f,
            },
        )?);
    }
    for e in &r.entities {
        o.push_str(&record("entity", e)?);
    }
    for d in &r.duplicates {
        o.push_str(&record("duplicate", d)?);
    }
    for s in &r.skipped {
        o.push_str(&record("skipped", s)?);
    }
    Ok(o)
}
