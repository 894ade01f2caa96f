//! `concord clean`: cleaned documents for downstream pipelines (JSON Lines), or a table for
//! people (`--format text`).

use super::{InputArgs, emit, emit_with};
use anyhow::Result;
use clap::{Args, ValueEnum};
use concord::model::SCHEMA_VERSION;
use concord::{Analysis, Document};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::Write;

#[derive(Debug, Args)]
pub struct CleanArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: CleanFormat,
    /// Switch off the built-in name dictionary when resolving mentions.
    #[arg(long)]
    pub no_dictionary: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CleanFormat {
    /// One JSON record per line: documents, then skipped inputs.
    Jsonl,
    /// A table of documents and their metadata, then skipped inputs.
    Text,
}

pub fn run(args: &CleanArgs) -> Result<()> {
    let corpus = args.input.load()?;
    let mut opts = concord::Options::default();
    opts.resolve.use_dictionary = !args.no_dictionary;
    let analysis = concord::analyse(corpus, &opts);
    match args.format {
        CleanFormat::Jsonl => emit_with(|out| write_jsonl(&analysis, out)),
        CleanFormat::Text => emit(&table(&analysis)),
    }
}

/// The JSON Lines records of DESIGN.md's contract, written one line at a time (the output of a
/// large corpus is never held whole in memory).
pub fn write_jsonl(a: &Analysis, out: &mut dyn Write) -> std::io::Result<()> {
    // Entity id -> display name, looked up for every mention.
    let names: HashMap<&str, &str> = a
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e.display.as_str()))
        .collect();
    for (i, d) in a.corpus.documents.iter().enumerate() {
        serde_json::to_writer(&mut *out, &document_record(a, &names, i, d))?;
        out.write_all(b"\n")?;
    }
    for s in &a.corpus.skipped {
        let rec = json!({"type": "skipped", "schema_version": SCHEMA_VERSION, "source": s.source, "reason": s.reason});
        serde_json::to_writer(&mut *out, &rec)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

fn document_record(a: &Analysis, names: &HashMap<&str, &str>, i: usize, d: &Document) -> Value {
    let mentions: Vec<Value> = a.mentions[i]
        .iter()
        .map(|m| {
            let mut v = serde_json::to_value(m).unwrap_or(Value::Null);
            if let Value::Object(o) = &mut v {
                let canonical = m.entity.as_deref().and_then(|id| names.get(id));
                o.insert("canonical".into(), json!(canonical));
            }
            v
        })
        .collect();
    let mut rec = json!({
        "type": "document",
        "schema_version": SCHEMA_VERSION,
        "id": d.id,
        "source": d.source,
        "title": d.title,
        "outlet": d.outlet,
        "url": d.url,
        "published": d.published,
        "published_inferred": d.published_inferred,
        "authors": d.authors,
        "credits": d.credits,
        "text": d.text,
        "paragraphs": d.paragraphs,
        "boilerplate": d.boilerplate,
        "related_links": d.related_links,
        "mentions": mentions,
        "claims": a.claims[i],
        "provenance": d.provenance,
        "format": d.format,
        "encoding": d.encoding,
        "warnings": d.warnings,
    });
    if !d.extra.is_empty()
        && let Value::Object(o) = &mut rec
    {
        o.insert("extra".into(), Value::Object(d.extra.clone()));
    }
    rec
}

/// A table for people: one row per document, then skipped inputs with reasons.
pub fn table(a: &Analysis) -> String {
    let head = ["SOURCE", "OUTLET", "PUBLISHED", "BY", "WORDS", "TITLE"];
    let rows: Vec<[String; 6]> = a
        .corpus
        .documents
        .iter()
        .map(|d| {
            let published = match (d.published, d.published_inferred) {
                (Some(p), false) => p.to_string(),
                (Some(p), true) => format!("{p} (inferred)"),
                (None, _) => "unknown".into(),
            };
            let by = match (d.authors.is_empty(), d.credits.is_empty()) {
                (false, false) => format!("{} for {}", d.authors.join(", "), d.credits.join(", ")),
                (false, true) => d.authors.join(", "),
                (true, false) => format!("({})", d.credits.join(", ")),
                (true, true) => "-".into(),
            };
            [
                d.source.clone(),
                d.outlet.clone().unwrap_or_else(|| "unknown".into()),
                published,
                by,
                d.text.split_whitespace().count().to_string(),
                d.title.clone().unwrap_or_else(|| "(no title)".into()),
            ]
        })
        .collect();
    let mut widths = head.map(|h| h.chars().count());
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r.iter()) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                s.push_str(c);
            } else {
                s.push_str(c);
                s.push_str(&" ".repeat(widths[i] - c.chars().count() + 2));
            }
        }
        s.trim_end().to_string() + "\n"
    };
    let mut out = line(&head.map(String::from));
    for r in &rows {
        out.push_str(&line(r));
    }
    let inferred: Vec<&Document> = a
        .corpus
        .documents
        .iter()
        .filter(|d| d.published_inferred)
        .collect();
    for d in inferred {
        if let Some(p) = d.provenance.iter().rev().find(|p| p.field == "published") {
            out.push_str(&format!(
                "\n* {}: date inferred by rule {}: {}\n",
                d.source, p.rule, p.evidence
            ));
        }
    }
    if !a.corpus.skipped.is_empty() {
        out.push_str("\nSKIPPED\n");
        for s in &a.corpus.skipped {
            out.push_str(&format!("{}  {}\n", s.source, s.reason));
        }
    }
    out
}
