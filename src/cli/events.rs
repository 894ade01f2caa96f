//! `concord events`: reports of one real-world event linked across outlets, and stories.

use super::{InputArgs, TextOrJson, emit, to_json};
use anyhow::{Context, Result};
use clap::Args;
use concord::link::{Events, LinkEvidence};
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct EventsArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
    /// Score the events found against planted ones instead of printing them: FILE is the
    /// ground truth of `generate --realistic` (CORPUS.jsonl.truth.json). Prints B-cubed and
    /// pairwise precision, recall and F1, with each stage's CPU time and memory; the corpus
    /// is read as `report` reads it (spilled above 20,000 articles). Articles of the truth
    /// that were not read (a prefix of the corpus) are left out.
    #[arg(long, value_name = "FILE")]
    pub truth: Option<PathBuf>,
}

pub fn run(args: &EventsArgs) -> Result<()> {
    if let Some(truth) = &args.truth {
        return check(args, truth);
    }
    let corpus = args.input.load()?;
    let analysis = concord::analyse(corpus, &concord::Options::default());
    match args.format {
        TextOrJson::Json => emit(&to_json(&analysis.events)?),
        TextOrJson::Text => emit(&text(&analysis.events)),
    }
}

fn date_or_dash(d: Option<jiff::civil::Date>) -> String {
    d.map_or_else(|| "undated".to_string(), |d| d.to_string())
}

fn link_line(out: &mut String, l: &LinkEvidence) {
    let days = l.days_apart.map_or_else(
        || "a date unknown".to_string(),
        |d| format!("{d} day(s) apart"),
    );
    let _ = writeln!(
        out,
        "    link {} <-> {}: score {:.3} = text {:.3}, names {:.3}, places {:.3}; date factor {:.2} ({}: {} / {})",
        l.a,
        l.b,
        l.score,
        l.text_similarity,
        l.name_overlap,
        l.place_overlap,
        l.date_factor,
        days,
        date_or_dash(l.date_a),
        date_or_dash(l.date_b)
    );
    if !l.shared_entities.is_empty() {
        let _ = writeln!(out, "      shared names: {}", l.shared_entities.join(", "));
    }
    if !l.shared_places.is_empty() {
        let _ = writeln!(out, "      shared places: {}", l.shared_places.join(", "));
    }
    if !l.shared_terms.is_empty() {
        let _ = writeln!(out, "      shared terms: {}", l.shared_terms.join(", "));
    }
    if !l.shared_passages.is_empty() {
        let words: usize = l.shared_passages.iter().map(|p| p.words).sum();
        let _ = writeln!(
            out,
            "      shared passages: {} ({words} words)",
            l.shared_passages.len()
        );
    }
}

fn text(ev: &Events) -> String {
    let mut out = String::new();
    for e in &ev.events {
        let inferred = if e.date_inferred { " (inferred)" } else { "" };
        let story = e
            .story
            .as_deref()
            .map(|s| format!(", story {s}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "event {}: {}{inferred}, {} report(s){story}",
            e.id,
            date_or_dash(e.date),
            e.sources.len()
        );
        for s in &e.sources {
            let _ = writeln!(out, "  {s}");
        }
        for l in &e.evidence {
            link_line(&mut out, l);
        }
    }
    for s in &ev.stories {
        let _ = writeln!(
            out,
            "story {} [{}]: events {}",
            s.id,
            s.label,
            s.events.join(", ")
        );
    }
    out
}

/// What `--truth` reads of a realistic corpus's ground truth: the planted events.
#[derive(Deserialize)]
struct PlantedEvents {
    events: Vec<PlantedEvent>,
}

#[derive(Deserialize)]
struct PlantedEvent {
    articles: Vec<String>,
}

/// Clustering scores of found events against planted ones.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Scores {
    bcubed: (f64, f64, f64),
    pairs: (f64, f64, f64),
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// B-cubed (Bagga & Baldwin 1998) and pairwise precision, recall and F1 of the clustering
/// `found` against `gold`: each document's cluster and planted event, as labels.
fn cluster_scores(found: &[usize], gold: &[usize]) -> Scores {
    let n = found.len();
    let count = |labels: &mut dyn Iterator<Item = (usize, usize)>| {
        let mut c: HashMap<(usize, usize), usize> = HashMap::new();
        for k in labels {
            *c.entry(k).or_default() += 1;
        }
        c
    };
    let size_f = count(&mut found.iter().map(|&f| (f, 0)));
    let size_g = count(&mut gold.iter().map(|&g| (0, g)));
    let joint = count(&mut found.iter().copied().zip(gold.iter().copied()));
    let (mut p, mut r) = (0.0, 0.0);
    for (&f, &g) in found.iter().zip(gold) {
        let both = joint[&(f, g)] as f64;
        p += both / size_f[&(f, 0)] as f64;
        r += both / size_g[&(0, g)] as f64;
    }
    let (bp, br) = (p / n.max(1) as f64, r / n.max(1) as f64);
    let pairs = |c: &HashMap<(usize, usize), usize>| -> f64 {
        c.values()
            .map(|&k| (k * k.saturating_sub(1) / 2) as f64)
            .sum()
    };
    let (tp, fp, gp) = (pairs(&joint), pairs(&size_f), pairs(&size_g));
    let pp = if fp > 0.0 { tp / fp } else { 1.0 };
    let pr = if gp > 0.0 { tp / gp } else { 1.0 };
    Scores {
        bcubed: (bp, br, f1(bp, br)),
        pairs: (pp, pr, f1(pp, pr)),
    }
}

/// `--truth`: the pipeline as `report` runs it up to the events, scored against the planted
/// events, with each stage's CPU time and memory.
fn check(args: &EventsArgs, truth: &Path) -> Result<()> {
    let mut intake = concord::pipeline::Intake::new(super::report::spill_above(), true);
    args.input.load_into(&mut intake)?;
    super::print_skipped(&intake.corpus.skipped);
    eprintln!("{}", intake.corpus.accounting_line());
    let mut stages = vec![(
        "ingest",
        super::process_cpu_seconds(),
        super::process_memory(),
    )];
    let analysis = concord::pipeline::analyse_intake(
        intake,
        &concord::Options::default(),
        &mut |stage, _| {
            stages.push((stage, super::process_cpu_seconds(), super::process_memory()));
        },
    )?;
    let text = std::fs::read_to_string(truth)
        .with_context(|| format!("{}: cannot read --truth file", truth.display()))?;
    let planted: PlantedEvents = serde_json::from_str(&text).with_context(|| {
        format!(
            "{}: not a `generate --realistic` truth file",
            truth.display()
        )
    })?;
    drop(text);
    // Documents by source (what events list) and by article id (what the truth lists).
    let docs = &analysis.corpus.documents;
    let by_source: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.source.as_str(), i))
        .collect();
    let by_id: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    // A document in no event (found or planted) is alone: labels past the events' own.
    let mut found: Vec<usize> = (0..docs.len()).map(|i| usize::MAX - i).collect();
    for (e, ev) in analysis.events.events.iter().enumerate() {
        for s in &ev.sources {
            if let Some(&i) = by_source.get(s.as_str()) {
                found[i] = e;
            }
        }
    }
    let mut gold: Vec<usize> = (0..docs.len()).map(|i| usize::MAX - i).collect();
    let mut planted_events = 0;
    for (e, ev) in planted.events.iter().enumerate() {
        let mut any = false;
        for a in &ev.articles {
            if let Some(&i) = by_id.get(a.as_str()) {
                gold[i] = e;
                any = true;
            }
        }
        planted_events += usize::from(any);
    }
    let s = cluster_scores(&found, &gold);
    let mut out = format!(
        "articles {}\nevents {}\nplanted events {planted_events}\n\
         bcubed precision {:.4}\nbcubed recall {:.4}\nbcubed f1 {:.4}\n\
         pairwise precision {:.4}\npairwise recall {:.4}\npairwise f1 {:.4}\n",
        docs.len(),
        analysis.events.events.len(),
        s.bcubed.0,
        s.bcubed.1,
        s.bcubed.2,
        s.pairs.0,
        s.pairs.1,
        s.pairs.2,
    );
    // Each stage's CPU seconds and its memory (peak so far / resident at its end, MB).
    for w in stages.windows(2) {
        let ((_, c0, _), (stage, c1, m)) = (&w[0], &w[1]);
        let cpu = c1
            .zip(*c0)
            .map_or("unknown".into(), |(b, a)| format!("{:.2}", b - a));
        let mem = m.map_or("unknown".into(), |(peak, now)| {
            format!("{}/{}", peak / 1_000_000, now / 1_000_000)
        });
        let _ = writeln!(out, "{stage} cpu seconds {cpu}\n{stage} memory MB {mem}");
    }
    emit(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_count_documents_and_pairs() {
        // Found {0, 1, 2} {3}; planted {0, 1} {2, 3}.
        let s = cluster_scores(&[7, 7, 7, 9], &[1, 1, 2, 2]);
        // B-cubed precision: 2/3, 2/3, 1/3, 1; recall: 1, 1, 1/2, 1/2.
        assert!((s.bcubed.0 - (2.0 / 3.0 + 2.0 / 3.0 + 1.0 / 3.0 + 1.0) / 4.0).abs() < 1e-12);
        assert!((s.bcubed.1 - 0.75).abs() < 1e-12);
        // Pairs: found 3, planted 2, shared 1.
        assert!((s.pairs.0 - 1.0 / 3.0).abs() < 1e-12);
        assert!((s.pairs.1 - 0.5).abs() < 1e-12);
        assert!((s.pairs.2 - 0.4).abs() < 1e-12);
        let same = cluster_scores(&[3, 3, 5], &[0, 0, 1]);
        assert_eq!(same.bcubed, (1.0, 1.0, 1.0));
        assert_eq!(same.pairs, (1.0, 1.0, 1.0));
    }
}
