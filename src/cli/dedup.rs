//! `concord dedup`: exact and near-duplicate groups, trimmed copies and reused passages.

use super::{InputArgs, TextOrJson, emit, to_json};
use anyhow::Result;
use clap::Args;
use concord::Document;
use concord::link::DupGroup;
use std::fmt::Write;

#[derive(Debug, Args)]
pub struct DedupArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
    /// Jaccard similarity of 5-word shingles from which two articles are near-duplicates.
    #[arg(long, default_value_t = 0.5, value_name = "0..1")]
    pub threshold: f64,
    /// Shortest shared passage (in words) that links two otherwise different articles.
    #[arg(long, default_value_t = 25, value_name = "WORDS")]
    pub min_passage: usize,
}

pub fn run(args: &DedupArgs) -> Result<()> {
    let corpus = args.input.load()?;
    let opts = concord::link::DedupOptions {
        near_duplicate: args.threshold,
        min_passage_words: args.min_passage,
        ..Default::default()
    };
    let groups = concord::link::dedup(&corpus.documents, &opts);
    match args.format {
        TextOrJson::Json => emit(&to_json(&serde_json::json!({ "groups": groups }))?),
        TextOrJson::Text => emit(&text(&corpus.documents, &groups)),
    }
}

/// A short excerpt of a passage: its first and last words.
fn excerpt(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() <= 14 {
        words.join(" ")
    } else {
        format!(
            "{} ... {}",
            words[..7].join(" "),
            words[words.len() - 5..].join(" ")
        )
    }
}

fn text(docs: &[Document], groups: &[DupGroup]) -> String {
    let by_source = |s: &str| docs.iter().find(|d| d.source == s);
    let mut out = String::new();
    if groups.is_empty() {
        out.push_str("no duplicates or reused passages found\n");
    }
    for g in groups {
        let rep = by_source(&g.representative);
        let date = rep
            .and_then(|d| d.published)
            .map(|d| format!(", published {d}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "group: {} (representative{date}), {} member(s)",
            g.representative,
            g.members.len()
        );
        for m in &g.members {
            let via = m
                .via
                .as_deref()
                .map(|v| format!(", against {v}"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {} {}: similarity {:.2}, containment {:.2}{via}",
                m.relation, m.source, m.similarity, m.containment
            );
            let b_doc = by_source(&m.source);
            for p in &m.shared_passages {
                let words = b_doc
                    .map(|d| excerpt(p.b.slice(&d.text)))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "    passage of {} words at bytes {}..{} (representative {}..{}): \"{}\"",
                    p.words, p.b.start, p.b.end, p.a.start, p.a.end, words
                );
            }
        }
    }
    out
}
