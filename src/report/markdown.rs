//! The report as CommonMark, for a newsroom wiki or an issue tracker. Article text is
//! backslash-escaped (CommonMark §2.4) so that a `<script>` or a `*` in an article shows as
//! written and never becomes markup.

use super::{
    EventReport, Report, ReportFinding, by_kind, compact_lines, findings_line, is_compact,
    kind_heading, short, split_highlight, summary_line,
};
use std::fmt::Write;

/// Escapes the characters CommonMark could read as inline markup, raw HTML, an entity or a
/// table cell break. Every line we write starts with our own markup ("- ", "| ", "**"), so
/// line-start markers (`#`, `1.`, `-`) inside article text cannot take effect.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\`*_[]<>|~&".contains(c) {
            out.push('\\');
        }
        if c == '\n' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

pub fn render(r: &Report) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# Cross-reference report\n");
    let _ = writeln!(
        o,
        "{}.  \nFindings: {}.",
        summary_line(&r.summary),
        findings_line(&r.summary)
    );
    for e in &r.events {
        event(&mut o, e);
    }
    if !r.across_events.is_empty() {
        let _ = writeln!(o, "\n## Across events: facts that change with time\n");
        for f in &r.across_events {
            finding(&mut o, f);
        }
    }
    let merged: Vec<_> = r.merged_entities().collect();
    if !merged.is_empty() {
        let _ = writeln!(o, "\n## Name variants across the corpus\n");
        for e in merged {
            let _ = writeln!(
                o,
                "- **{}**: {}",
                escape(&e.display),
                escape(&super::variant_list(e))
            );
        }
    }
    if !r.skipped.is_empty() {
        let _ = writeln!(o, "\n## Skipped inputs\n");
        for s in &r.skipped {
            let _ = writeln!(
                o,
                "- `{}`: {}",
                s.source.replace('`', "'"),
                escape(&s.reason)
            );
        }
    }
    o
}

fn event(o: &mut String, e: &EventReport) {
    let date = e.date_text();
    let _ = writeln!(o, "\n## Event {}: {date}\n", escape(&e.id));
    if let Some(s) = &e.story_text() {
        let _ = writeln!(o, "Story: {}\n", escape(s));
    }
    let _ = writeln!(o, "| Outlet | Title | Published |\n|---|---|---|");
    for s in &e.outlets {
        let published = s.published_text();
        let _ = writeln!(
            o,
            "| {} | {} | {published} |",
            escape(&s.label),
            escape(s.title.as_deref().unwrap_or(""))
        );
    }
    for (kind, fs) in by_kind(&e.findings) {
        let _ = writeln!(o, "\n### {}\n", kind_heading(kind));
        for f in fs.iter().filter(|f| !is_compact(f)) {
            finding(o, f);
        }
        for (subject, note) in compact_lines(&fs) {
            let _ = writeln!(o, "- {}: {}", escape(&subject), escape(&note));
        }
    }
    let variants: Vec<_> = e.variant_names().collect();
    if !variants.is_empty() {
        let _ = writeln!(o, "\n### Name variants in use\n");
        for n in variants {
            let forms = n.forms_text();
            let _ = writeln!(o, "- **{}**: {}", escape(&n.display), escape(&forms));
        }
    }
}

fn finding(o: &mut String, f: &ReportFinding) {
    let _ = writeln!(
        o,
        "**{}** ({}, how sure: {:.2})  \n{}\n",
        escape(&f.subject),
        f.kind.as_str().replace('_', " "),
        f.confidence,
        escape(&f.note)
    );
    if !f.claims.is_empty() {
        let _ = writeln!(
            o,
            "| Outlet | Phrase | Interval | Sentence |\n|---|---|---|---|"
        );
        for c in &f.claims {
            let (a, b, z) = split_highlight(&c.claim.sentence, c.highlight);
            let sentence = if b.is_empty() {
                escape(a)
            } else {
                format!("{}**{}**{}", escape(a), escape(b), escape(z))
            };
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} |",
                escape(&c.outlet),
                escape(&c.claim.phrase),
                escape(c.interval.as_deref().unwrap_or("")),
                sentence
            );
        }
        let _ = writeln!(o);
    }
    for v in &f.normalised {
        let range = crate::reconcile::interval::Interval::new(v.low, v.high).display();
        let _ = writeln!(
            o,
            "- {}: {} {} ({})",
            escape(short(&v.source)),
            v.unit,
            escape(&range),
            escape(&v.how)
        );
    }
    if !f.diff.is_empty() {
        let words: Vec<String> = f
            .diff
            .iter()
            .map(|d| match d.op.as_str() {
                "removed" => format!("~~{}~~", escape(&d.text)),
                "added" => format!("**{}**", escape(&d.text)),
                _ => escape(&d.text),
            })
            .collect();
        let _ = writeln!(
            o,
            "Word difference (~~removed~~, **added**): {}\n",
            words.join(" ")
        );
    }
}
