//! `concord events`: reports of one real-world event linked across outlets, and stories.

use super::{InputArgs, TextOrJson, emit, to_json};
use anyhow::Result;
use clap::Args;
use concord::link::{Events, LinkEvidence};
use std::fmt::Write;

#[derive(Debug, Args)]
pub struct EventsArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
}

pub fn run(args: &EventsArgs) -> Result<()> {
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
