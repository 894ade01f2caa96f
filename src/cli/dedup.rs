//! `concord dedup`: exact and near-duplicate groups, trimmed copies and reused passages.

use super::{InputArgs, TextOrJson, emit, to_json};
use anyhow::{Context, Result};
use clap::Args;
use concord::Document;
use concord::corpus_gen::{Truth, score_duplicates};
use concord::link::DupGroup;
use concord::link::generate::{PlantedPair, score_detail};
use std::collections::HashMap;
use std::fmt::Write;
use std::path::PathBuf;
use std::time::Instant;

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
    /// A run of words found in more than this many articles is taken for a stock phrase and
    /// proposes no shared-passage candidates (near-duplicates are still found).
    #[arg(long, default_value_t = 10, value_name = "ARTICLES")]
    pub max_df: usize,
    /// Score against planted pairs instead of printing groups: FILE is the truth written by
    /// `concord generate --out CORPUS.jsonl` (CORPUS.jsonl.truth.json) and the input is that
    /// JSONL file. Prints time, articles per second, recall, precision and memory.
    #[arg(long, value_name = "FILE")]
    pub truth: Option<PathBuf>,
}

pub fn run(args: &DedupArgs) -> Result<()> {
    let t0 = Instant::now();
    let corpus = args.input.load()?;
    let load_secs = t0.elapsed().as_secs_f64();
    let opts = concord::link::DedupOptions {
        near_duplicate: args.threshold,
        min_passage_words: args.min_passage,
        max_fingerprint_df: args.max_df,
        ..Default::default()
    };
    if let Some(truth) = &args.truth {
        return check(&corpus.documents, truth, &opts, load_secs);
    }
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

/// `--truth`: dedup timed on its own, scored against the generator's planted pairs. Reads
/// either truth file: the planted pairs of `generate --out` or the ground truth of
/// `generate --realistic` (its duplicate families, by article id).
fn check(
    docs: &[Document],
    truth: &std::path::Path,
    opts: &concord::link::DedupOptions,
    load_secs: f64,
) -> Result<()> {
    let text = std::fs::read_to_string(truth)
        .with_context(|| format!("{}: cannot read --truth file", truth.display()))?;
    let realistic = text.trim_start().starts_with('{');
    let planted: Vec<PlantedPair> = if realistic {
        Vec::new()
    } else {
        serde_json::from_str(&text)
            .with_context(|| format!("{}: not a planted-pairs file", truth.display()))?
    };
    let families: Option<Truth> = if realistic {
        Some(serde_json::from_str(&text).with_context(|| {
            format!(
                "{}: not a `generate --realistic` truth file",
                truth.display()
            )
        })?)
    } else {
        None
    };
    drop(text);
    if let Some(p) = planted
        .iter()
        .find(|p| p.original.max(p.copy) >= docs.len())
    {
        anyhow::bail!(
            "{}: planted pair {} -> {} is beyond the {} articles read; give the JSONL file \
             this truth was written with (and --max-size above its size)",
            truth.display(),
            p.original,
            p.copy,
            docs.len()
        );
    }
    let (hwm_before, rss_before) = (proc_status_kib("VmHWM"), proc_status_kib("VmRSS"));
    let (t, cpu) = (Instant::now(), super::process_cpu_seconds());
    let (groups, stats) = concord::link::dedup_with_stats(docs, opts);
    let secs = t.elapsed().as_secs_f64();
    let cpu = super::process_cpu_seconds().zip(cpu).map(|(b, a)| b - a);
    let scored = match &families {
        Some(truth) => realistic_score(docs, truth, &groups),
        None => planted_score(docs, &planted, &groups),
    };
    let mib = |kib: Option<u64>| {
        kib.map(|k| format!("{:.1}", k as f64 / 1024.0))
            .unwrap_or_else(|| "unknown".into())
    };
    let per_article = |bytes: usize| bytes as f64 / docs.len().max(1) as f64;
    emit(&format!(
        "articles {}\n{scored}groups {}\nload seconds {load_secs:.2}\n\
         dedup seconds {secs:.2}\narticles per second {:.0}\ndedup cpu seconds {}\n\
         articles per cpu second {}\n\
         candidate pairs {}\nverified pairs {}\n\
         sketch bytes per article {:.0}\ncandidate buffer bytes per article {:.0}\n\
         peak rss before dedup MiB {}\nrss before dedup MiB {}\npeak rss MiB {}\n",
        docs.len(),
        groups.len(),
        docs.len() as f64 / secs,
        cpu.map(|c| format!("{c:.2}"))
            .unwrap_or_else(|| "unknown".into()),
        cpu.map(|c| format!("{:.0}", docs.len() as f64 / c.max(0.01)))
            .unwrap_or_else(|| "unknown".into()),
        stats.candidate_pairs,
        stats.verified_pairs,
        per_article(stats.sketch_bytes),
        per_article(stats.candidate_bytes),
        mib(hwm_before),
        mib(rss_before),
        mib(proc_status_kib("VmHWM")),
    ))
}

/// Recall (overall and per kind) and precision against the synthetic corpus's planted pairs.
fn planted_score(docs: &[Document], planted: &[PlantedPair], groups: &[DupGroup]) -> String {
    // JSONL records are `FILE#N`, N counted from 1 in generation order.
    let index_of = |s: &str| {
        s.rsplit_once('#')
            .and_then(|(_, n)| n.parse::<usize>().ok())
            .and_then(|n| n.checked_sub(1))
    };
    let score = score_detail(docs.len(), planted, groups, index_of);
    let by_kind: String = score
        .by_kind
        .iter()
        .map(|(kind, found, total)| {
            let name = serde_json::to_value(kind).unwrap_or_default();
            let name = name.as_str().unwrap_or("?").to_string();
            format!(
                "recall {name} {:.4} ({found} of {total})\n",
                *found as f64 / *total as f64
            )
        })
        .collect();
    format!(
        "planted pairs {}\nrecall {:.4}\nrecall near-duplicate kinds {:.4}\n{by_kind}\
         precision {:.4}\n",
        planted.len(),
        score.recall,
        score.near_duplicate_recall(),
        score.precision,
    )
}

/// Recall of the realistic corpus's planted copies (exact, updated, syndicated), and the
/// precision of every pair inside the groups found (a pair is right when both articles are
/// one planted family; shared passages that join different events count as wrong).
fn realistic_score(docs: &[Document], truth: &Truth, groups: &[DupGroup]) -> String {
    let id_of: HashMap<&str, &str> = docs
        .iter()
        .map(|d| (d.source.as_str(), d.id.as_str()))
        .collect();
    let groups: Vec<Vec<String>> = groups
        .iter()
        .map(|g| {
            std::iter::once(&g.representative)
                .chain(g.members.iter().map(|m| &m.source))
                .map(|s| id_of.get(s.as_str()).copied().unwrap_or(s).to_string())
                .collect()
        })
        .collect();
    let score = score_duplicates(truth, &groups);
    format!(
        "planted pairs {}\nrecall {:.4}\nprecision {:.4}\n",
        score.planted,
        score.recall(),
        score.precision(),
    )
}

/// A `kB` field of /proc/self/status (Linux only; `None` elsewhere).
fn proc_status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find_map(|l| {
        let rest = l.strip_prefix(field)?.strip_prefix(':')?;
        rest.trim().trim_end_matches("kB").trim().parse().ok()
    })
}
