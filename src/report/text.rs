//! The terminal report: what a fact-checker reads first. A summary line, then per event its
//! outlets and dates, discrepancies first with each outlet's phrase, interval and sentence,
//! then expected differences, agreements, single-source findings and the name variants in
//! use; then facts compared across events, name variants across the corpus, skipped inputs.
//!
//! Colour (ANSI SGR) only when the caller asks for it; the CLI decides from `--color`,
//! NO_COLOR and whether stdout is a terminal.

use super::{
    EventReport, Report, ReportFinding, by_kind, compact_lines, findings_line, is_compact, short,
    split_highlight, summary_line,
};
use crate::reconcile::{FindingKind, diff};
use std::fmt::Write;

/// ANSI styling that is a no-op when colour is off.
#[derive(Clone, Copy)]
struct Paint(bool);

impl Paint {
    fn sgr(self, code: &str, s: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn bold(self, s: &str) -> String {
        self.sgr("1", s)
    }
    fn dim(self, s: &str) -> String {
        self.sgr("2", s)
    }
    fn kind(self, k: FindingKind, s: &str) -> String {
        match k {
            FindingKind::Discrepancy => self.sgr("1;31", s),
            FindingKind::ExpectedDifference => self.sgr("1;33", s),
            FindingKind::Agreement => self.sgr("1;32", s),
            FindingKind::SingleSource => self.sgr("2", s),
        }
    }
    fn figure(self, s: &str) -> String {
        self.sgr("1;4", s)
    }
}

fn mark(k: FindingKind) -> &'static str {
    match k {
        FindingKind::Discrepancy => "✗",
        FindingKind::ExpectedDifference => "≠",
        FindingKind::Agreement => "✓",
        FindingKind::SingleSource => "·",
    }
}

/// Replaces control characters (ESC above all) in every string of the report, so that article
/// text cannot move the cursor, clear the screen or forge colours in a terminal.
fn without_controls(r: &Report) -> Report {
    fn walk(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::String(s) if s.chars().any(|c| c.is_control() && c != '\n') => {
                *s = s
                    .chars()
                    .map(|c| {
                        if c.is_control() && c != '\n' {
                            '\u{FFFD}'
                        } else {
                            c
                        }
                    })
                    .collect();
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(walk),
            serde_json::Value::Object(o) => o.values_mut().for_each(walk),
            _ => {}
        }
    }
    // The model round-trips through JSON losslessly (its own contract), so this walk reaches
    // every string without a hand-written visitor that could miss a field added later.
    let Ok(mut v) = serde_json::to_value(r) else {
        return r.clone();
    };
    walk(&mut v);
    serde_json::from_value(v).unwrap_or_else(|_| r.clone())
}

/// True when a string of the report may hold a control character other than a newline. Read
/// off the report's JSON as it is serialised into a sink, so that the usual case (ingest has
/// already replaced them in article text) costs no copy of the report: [`without_controls`]
/// holds the whole report twice, once as a JSON value.
fn has_controls(r: &Report) -> bool {
    /// serde_json writes the C0 controls as escapes (`\t`, `\r`, `\b`, `\f`, `\u00XX`; a
    /// newline, `\n`, is allowed) and DEL and the C1 controls (U+0080 to U+009F, bytes C2 80
    /// to C2 9F) as they are.
    #[derive(Default)]
    struct Scan {
        escape: bool,
        lead_c2: bool,
    }
    impl std::io::Write for Scan {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            for &b in buf {
                let control = if self.escape {
                    self.escape = false;
                    matches!(b, b't' | b'r' | b'b' | b'f' | b'u')
                } else {
                    self.escape = b == b'\\';
                    b == 0x7f || (self.lead_c2 && (0x80..=0x9f).contains(&b))
                };
                if control {
                    // Stops the serialiser: one is enough.
                    return Err(std::io::Error::other("a control character"));
                }
                self.lead_c2 = b == 0xc2;
            }
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    serde_json::to_writer(Scan::default(), r).is_err()
}

/// Renders the report for a terminal.
pub fn render(r: &Report, color: bool) -> String {
    let cleaned;
    let r = if has_controls(r) {
        cleaned = without_controls(r);
        &cleaned
    } else {
        r
    };
    let p = Paint(color);
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{}",
        p.bold(&format!("concord report: {}", summary_line(&r.summary)))
    );
    let _ = writeln!(o, "findings: {}", findings_line(&r.summary));
    for e in &r.events {
        event(&mut o, e, p);
    }
    if !r.across_events.is_empty() {
        let _ = writeln!(
            o,
            "\n{}",
            p.bold("Across events: facts that change with time")
        );
        for f in &r.across_events {
            finding(&mut o, f, p, "  ");
        }
    }
    let merged: Vec<_> = r.merged_entities().collect();
    if !merged.is_empty() {
        let _ = writeln!(o, "\n{}", p.bold("Name variants across the corpus"));
        for e in merged {
            let _ = writeln!(o, "  {}: {}", p.bold(&e.display), super::variant_list(e));
        }
    }
    if !r.skipped.is_empty() {
        let _ = writeln!(o, "\n{}", p.bold("Skipped inputs"));
        for s in &r.skipped {
            let _ = writeln!(o, "  {}: {}", s.source, s.reason);
        }
    }
    o
}

fn event(o: &mut String, e: &EventReport, p: Paint) {
    let date = e.date_text();
    let story = e
        .story_text()
        .map(|s| format!(", story {s}"))
        .unwrap_or_default();
    let _ = writeln!(o, "\n{}", p.bold(&format!("Event {}: {date}{story}", e.id)));
    for s in &e.outlets {
        let published = s.published_text();
        let title = s
            .title
            .as_deref()
            .map(|t| format!(" \"{t}\""))
            .unwrap_or_default();
        let _ = writeln!(o, "  {}{title}, published {published}", s.label);
    }
    if e.findings.is_empty() {
        let _ = writeln!(o, "  no comparable claims");
    }
    for (kind, fs) in by_kind(&e.findings) {
        let _ = writeln!(
            o,
            "  {}",
            p.kind(
                kind,
                &format!("{} ({})", super::kind_heading(kind), fs.len())
            )
        );
        for f in fs.iter().filter(|f| !is_compact(f)) {
            finding(o, f, p, "    ");
        }
        for (subject, note) in compact_lines(&fs) {
            let _ = writeln!(o, "    {} {subject}: {}", mark(kind), p.dim(&note));
        }
    }
    let variants: Vec<String> = e
        .variant_names()
        .map(|n| {
            let forms = n.forms_text();
            format!("{}: {}", n.display, forms)
        })
        .collect();
    if !variants.is_empty() {
        let _ = writeln!(o, "  Name variants in use");
        for v in variants {
            let _ = writeln!(o, "    {v}");
        }
    }
}

fn finding(o: &mut String, f: &ReportFinding, p: Paint, indent: &str) {
    let head = format!("{} {}", mark(f.kind), f.subject);
    let _ = writeln!(
        o,
        "{indent}{}  {}",
        p.kind(f.kind, &head),
        p.dim(&format!("[how sure: {:.2}]", f.confidence))
    );
    let _ = writeln!(o, "{indent}  {}", f.note);
    for c in &f.claims {
        let interval = c
            .interval
            .as_deref()
            .map(|i| format!(" {i}"))
            .unwrap_or_default();
        let speaker = c
            .claim
            .speaker
            .as_deref()
            .map(|s| format!(" by {s}"))
            .unwrap_or_default();
        let attribution = c
            .claim
            .attribution
            .as_deref()
            .map(|a| format!(" ({a})"))
            .unwrap_or_default();
        let _ = writeln!(
            o,
            "{indent}  {}: \"{}\"{interval}{speaker}{attribution}",
            c.outlet, c.claim.phrase
        );
        if !c.claim.sentence.is_empty() {
            let (a, b, z) = split_highlight(&c.claim.sentence, c.highlight);
            let _ = writeln!(o, "{indent}      {a}{}{z}", p.figure(b));
        }
    }
    for v in &f.normalised {
        let range = crate::reconcile::interval::Interval::new(v.low, v.high).display();
        let _ = writeln!(
            o,
            "{indent}  {}: {} {range} ({})",
            short(&v.source),
            v.unit,
            v.how
        );
    }
    if !f.diff.is_empty() {
        let _ = writeln!(o, "{indent}  words: {}", diff::render(&f.diff));
    }
    if f.claims.is_empty() {
        for n in &f.names {
            let _ = writeln!(o, "{indent}  {}: {} ×{}", short(&n.source), n.form, n.count);
        }
    }
}
