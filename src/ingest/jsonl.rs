//! JSON Lines: one article per line.
//!
//! Known fields: `id`, `url`, `outlet`, `title`, `published` (YYYY-MM-DD, an ISO date-time or
//! a dateline such as "December 7, 2019"), `text` (also accepted as `body` or `content`),
//! `authors` (a string or a list). Every other field is kept as given in `extra`.

use super::article::{self, Article, Known};
use super::metadata;
use serde_json::{Map, Value};

/// One record's outcome.
pub enum Record {
    Article {
        article: Box<Article>,
        id: Option<String>,
        extra: Map<String, Value>,
    },
    /// Why the record was not read (the caller adds the file and line).
    Skip(String),
}

const TEXT_FIELDS: &[&str] = &["text", "body", "content"];
const KNOWN_FIELDS: &[&str] = &[
    "id",
    "url",
    "outlet",
    "title",
    "published",
    "authors",
    "text",
    "body",
    "content",
];

/// Reads one JSONL line.
pub fn read_line(line: &str) -> Record {
    read_line_with(line, false)
}

/// [`read_line`], told whether the line is known to give a text the NFC quick check passes
/// (`text_nfc`), so that the text is not checked again (see `ingest::read_streamed_line`).
pub fn read_line_with(line: &str, text_nfc: bool) -> Record {
    let v: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => return Record::Skip(format!("malformed JSON: {e}")),
    };
    let Value::Object(obj) = v else {
        return Record::Skip("not a JSON object".into());
    };
    let s = |k: &str| {
        obj.get(k)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|x| !x.is_empty())
    };
    let Some(text) = TEXT_FIELDS.iter().find_map(|k| s(k)) else {
        return Record::Skip("no article text (fields text, body or content)".into());
    };
    let published = s("published")
        .and_then(|p| metadata::parse_iso_date(p).or_else(|| metadata::parse_dateline(p)));
    let known = Known {
        title: s("title").map(str::to_string),
        url: s("url").map(str::to_string),
        published,
    };
    let text = if text_nfc {
        text.to_string()
    } else {
        super::nfc_display_form(text)
    };
    let mut a = article::assemble(article::blocks_of(&text), &known);
    if a.paragraphs.is_empty() {
        return Record::Skip("no article text after cleaning".into());
    }
    if let Some(t) = &known.title {
        a.provenance.retain(|p| p.field != "title");
        a.provenance.push(prov("title", "given-field", t));
    }
    if let Some(o) = s("outlet") {
        a.provenance.retain(|p| p.field != "outlet");
        a.outlet = Some(o.to_string());
        a.provenance.push(prov("outlet", "given-field", o));
    }
    if let Some(raw) = s("published")
        && published.is_none()
    {
        a.provenance
            .push(prov("published", "given-field-unparsed", raw));
    }
    match obj.get("authors") {
        Some(Value::String(x)) => a.authors = metadata::split_names(x),
        Some(Value::Array(xs)) => {
            a.authors = xs
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        }
        _ => {}
    }
    let id = match obj.get("id") {
        Some(Value::String(x)) if !x.trim().is_empty() => Some(x.trim().to_string()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let extra: Map<String, Value> = obj
        .into_iter()
        .filter(|(k, _)| !KNOWN_FIELDS.contains(&k.as_str()))
        .collect();
    Record::Article {
        article: Box::new(a),
        id,
        extra,
    }
}

fn prov(field: &str, rule: &str, evidence: &str) -> crate::model::Provenance {
    crate::model::Provenance {
        field: field.into(),
        rule: rule.into(),
        evidence: evidence.into(),
    }
}
