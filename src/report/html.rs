//! The report as one self-contained HTML page: inline CSS, inline SVG charts, no script, no
//! network (a Content-Security-Policy forbids both, in case anything slipped through).
//! Every piece of article text goes through [`escape`]. Each figure finding gets a chart of
//! every outlet's interval as a bar on a shared axis, so a gap between outlets shows at a
//! glance; evidence sentences have the figure highlighted from the claim's span.

use super::{
    EventReport, Report, ReportFinding, by_kind, compact_lines, is_compact, kind_heading, short,
    split_highlight, summary_line,
};
use crate::reconcile::interval::{Interval, fmt_num};
use crate::reconcile::{Aspect, FindingKind};
use std::fmt::Write;

/// Escapes text for HTML element content and quoted attribute values (also valid in SVG).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An id safe in an attribute and a fragment: ASCII alphanumerics and dashes only.
fn anchor(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

const CSS: &str = r#"
:root{--ink:#1d2330;--muted:#5b6475;--line:#dde1e8;--bg:#f6f7f9;--card:#fff;
--disc:#c62828;--exp:#b26a00;--agree:#2e7d32;--single:#6b7280;--mark:#fff1a8}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
main{max-width:980px;margin:0 auto;padding:24px 20px 48px}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:20px;margin:0 0 10px}
h3{font-size:15px;margin:0;display:flex;gap:8px;align-items:baseline;flex-wrap:wrap}
header .summary{color:var(--muted);margin:0 0 12px}
.counts{display:flex;gap:8px;flex-wrap:wrap;padding:0;margin:0 0 20px;list-style:none}
.counts li{padding:4px 10px;border-radius:999px;background:var(--card);border:1px solid var(--line);font-weight:600}
.counts .discrepancy{color:var(--disc)}.counts .expected_difference{color:var(--exp)}
.counts .agreement{color:var(--agree)}.counts .single_source{color:var(--single)}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:18px 20px;margin:0 0 20px}
table{border-collapse:collapse;width:100%;margin:0 0 12px;font-size:14px}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{color:var(--muted);font-weight:600}
h4{margin:16px 0 8px;font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.finding{border-left:4px solid var(--single);padding:8px 12px;margin:0 0 12px;background:#fbfbfc;border-radius:0 6px 6px 0}
.finding.discrepancy{border-color:var(--disc)}.finding.expected_difference{border-color:var(--exp)}
.finding.agreement{border-color:var(--agree)}
.badge{font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:.03em;color:#fff;background:var(--single);padding:1px 7px;border-radius:4px}
.discrepancy .badge{background:var(--disc)}.expected_difference .badge{background:var(--exp)}.agreement .badge{background:var(--agree)}
.conf{color:var(--muted);font-weight:400;font-size:13px}
.note{margin:4px 0 8px;color:var(--muted)}
.evidence{list-style:none;padding:0;margin:0}
.evidence li{margin:6px 0}
.outlet{font-weight:600}
.phrase{font-style:italic}
code{background:#eef0f4;border-radius:3px;padding:0 4px;font-size:13px}
blockquote{margin:2px 0 0 0;padding:2px 0 2px 10px;border-left:2px solid var(--line);color:#333}
mark{background:var(--mark);padding:0 2px;border-radius:2px;font-weight:600}
.diff del{background:#fde2e2;color:#8a1c1c}.diff ins{background:#dff5e1;color:#1b5e20;text-decoration:none}
.chart{display:block;margin:6px 0 8px;max-width:100%;height:auto}
.chart text{font:12px system-ui,sans-serif;fill:var(--ink)}
.chart .axis{stroke:#9aa3b2;stroke-width:1}.chart .tick{fill:var(--muted);font-size:11px}
.chart .grid{stroke:#edf0f4;stroke-width:1}
.single-list{margin:0;padding-left:18px;color:var(--muted)}
.nav{margin:0 0 20px;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:6px 14px}
.nav a{color:#1a56b8;text-decoration:none}
footer{color:var(--muted);font-size:13px;text-align:center}
"#;

/// Colours of the outlets' bars, in order of first appearance.
const PALETTE: &[&str] = &[
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
];

pub fn render(r: &Report) -> String {
    let mut o = String::new();
    o.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    o.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
    o.push_str("<title>concord: cross-reference report</title>\n<style>");
    o.push_str(CSS);
    o.push_str("</style>\n</head>\n<body>\n<main>\n<header>\n<h1>Cross-reference report</h1>\n");
    let _ = writeln!(
        o,
        "<p class=\"summary\">{}</p>",
        escape(&summary_line(&r.summary))
    );
    let s = &r.summary;
    o.push_str("<ul class=\"counts\">");
    for (class, n, one, many) in [
        (
            "discrepancy",
            s.discrepancies,
            "discrepancy",
            "discrepancies",
        ),
        (
            "expected_difference",
            s.expected_differences,
            "expected difference",
            "expected differences",
        ),
        ("agreement", s.agreements, "agreement", "agreements"),
        (
            "single_source",
            s.single_source,
            "single source",
            "single source",
        ),
    ] {
        let _ = write!(
            o,
            "<li class=\"{class}\">{}</li>",
            escape(&super::plural(n, one, many))
        );
    }
    o.push_str("</ul>\n</header>\n");
    if r.events.len() > 1 {
        o.push_str("<ul class=\"nav\">");
        for e in &r.events {
            let d = e
                .date
                .map(|d| d.to_string())
                .unwrap_or_else(|| "date unknown".into());
            let _ = write!(
                o,
                "<li><a href=\"#event-{}\">{} · {}</a></li>",
                anchor(&e.id),
                escape(&e.id),
                escape(&d)
            );
        }
        o.push_str("</ul>\n");
    }
    for e in &r.events {
        event(&mut o, e);
    }
    if !r.across_events.is_empty() {
        o.push_str(
            "<section id=\"across-events\">\n<h2>Across events: facts that change with time</h2>\n",
        );
        for f in &r.across_events {
            finding(&mut o, f);
        }
        o.push_str("</section>\n");
    }
    let merged: Vec<_> = r.merged_entities().collect();
    if !merged.is_empty() {
        o.push_str("<section id=\"names\">\n<h2>Name variants across the corpus</h2>\n<table><tr><th>Entity</th><th>Kind</th><th>Variants</th></tr>\n");
        for e in merged {
            let kind = serde_json::to_value(e.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&e.display),
                escape(&kind),
                escape(&super::variant_list(e))
            );
        }
        o.push_str("</table>\n</section>\n");
    }
    if !r.skipped.is_empty() {
        o.push_str("<section id=\"skipped\">\n<h2>Skipped inputs</h2>\n<ul>\n");
        for s in &r.skipped {
            let _ = writeln!(
                o,
                "<li><code>{}</code>: {}</li>",
                escape(&s.source),
                escape(&s.reason)
            );
        }
        o.push_str("</ul>\n</section>\n");
    }
    let _ = writeln!(
        o,
        "<footer>concord report, schema version {}</footer>",
        r.schema_version
    );
    o.push_str("</main>\n</body>\n</html>\n");
    o
}

fn event(o: &mut String, e: &EventReport) {
    let date = e.date_text();
    let _ = writeln!(
        o,
        "<section class=\"event\" id=\"event-{}\">",
        anchor(&e.id)
    );
    let _ = writeln!(o, "<h2>Event {} · {}</h2>", escape(&e.id), escape(&date));
    if let Some(s) = &e.story_text() {
        let _ = writeln!(o, "<p class=\"note\">Story {}</p>", escape(s));
    }
    o.push_str("<table><tr><th>Outlet</th><th>Title</th><th>Published</th></tr>\n");
    for s in &e.outlets {
        let published = s.published_text();
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&s.label),
            escape(s.title.as_deref().unwrap_or("")),
            escape(&published)
        );
    }
    o.push_str("</table>\n");
    for (kind, fs) in by_kind(&e.findings) {
        let _ = writeln!(o, "<h4>{}</h4>", kind_heading(kind));
        for f in fs.iter().filter(|f| !is_compact(f)) {
            finding(o, f);
        }
        let compact = compact_lines(&fs);
        if !compact.is_empty() {
            let _ = writeln!(o, "<ul class=\"single-list {}\">", kind.as_str());
            for (subject, note) in compact {
                let _ = writeln!(
                    o,
                    "<li><strong>{}</strong>: {}</li>",
                    escape(&subject),
                    escape(&note)
                );
            }
            o.push_str("</ul>\n");
        }
    }
    let variants: Vec<_> = e.variant_names().collect();
    if !variants.is_empty() {
        o.push_str("<h4>Name variants in use</h4>\n<ul class=\"single-list\">\n");
        for n in variants {
            let forms = n.forms_text();
            let _ = writeln!(
                o,
                "<li><strong>{}</strong>: {}</li>",
                escape(&n.display),
                escape(&forms)
            );
        }
        o.push_str("</ul>\n");
    }
    o.push_str("</section>\n");
}

fn finding(o: &mut String, f: &ReportFinding) {
    let class = f.kind.as_str();
    let _ = writeln!(o, "<div class=\"finding {class}\">");
    let _ = writeln!(
        o,
        "<h3><span class=\"badge\">{}</span> {} <span class=\"conf\">how sure: {:.2}</span></h3>",
        escape(&class.replace('_', " ")),
        escape(&f.subject),
        f.confidence
    );
    let _ = writeln!(o, "<p class=\"note\">{}</p>", escape(&f.note));
    if let Some(svg) = chart(f) {
        o.push_str(&svg);
    }
    if !f.claims.is_empty() {
        o.push_str("<ul class=\"evidence\">\n");
        for c in &f.claims {
            let interval = c
                .interval
                .as_deref()
                .map(|i| format!(" <code>{}</code>", escape(i)))
                .unwrap_or_default();
            let speaker = c
                .claim
                .speaker
                .as_deref()
                .map(|s| format!(" — {}", escape(s)))
                .unwrap_or_default();
            let attribution = c
                .claim
                .attribution
                .as_deref()
                .map(|a| format!(" <em>({})</em>", escape(a)))
                .unwrap_or_default();
            let _ = write!(
                o,
                "<li><span class=\"outlet\">{}</span>: <span class=\"phrase\">“{}”</span>{interval}{speaker}{attribution}",
                escape(&c.outlet),
                escape(&c.claim.phrase)
            );
            if !c.claim.sentence.is_empty() {
                let (a, b, z) = split_highlight(&c.claim.sentence, c.highlight);
                let mid = if b.is_empty() {
                    String::new()
                } else {
                    format!("<mark>{}</mark>", escape(b))
                };
                let _ = write!(
                    o,
                    "<blockquote>{}{mid}{}</blockquote>",
                    escape(a),
                    escape(z)
                );
            }
            o.push_str("</li>\n");
        }
        o.push_str("</ul>\n");
    } else if !f.names.is_empty() {
        o.push_str("<ul class=\"evidence\">\n");
        for n in &f.names {
            let _ = writeln!(
                o,
                "<li><span class=\"outlet\">{}</span>: {} ×{}<blockquote>{}</blockquote></li>",
                escape(short(&n.source)),
                escape(&n.form),
                n.count,
                escape(&n.sentence)
            );
        }
        o.push_str("</ul>\n");
    }
    if !f.diff.is_empty() {
        o.push_str("<p class=\"diff\">Word difference: ");
        for (i, d) in f.diff.iter().enumerate() {
            if i > 0 {
                o.push(' ');
            }
            match d.op.as_str() {
                "removed" => {
                    let _ = write!(o, "<del>{}</del>", escape(&d.text));
                }
                "added" => {
                    let _ = write!(o, "<ins>{}</ins>", escape(&d.text));
                }
                _ => o.push_str(&escape(&d.text)),
            }
        }
        o.push_str("</p>\n");
    }
    o.push_str("</div>\n");
}

/// One bar of a chart: a label and an interval.
struct Bar {
    label: String,
    /// The outlet's own words, shown on hover.
    detail: String,
    iv: Interval,
}

/// The bars of a finding: each claim's interval for figures, each normalised value for
/// tenures and ages; none for other aspects.
fn bars(f: &ReportFinding) -> Vec<Bar> {
    match f.aspect {
        Aspect::Figure => f
            .claims
            .iter()
            .filter_map(|c| {
                let iv = Interval::of(&c.claim)?;
                Some(Bar {
                    label: c.outlet.clone(),
                    detail: format!("{} “{}”", c.outlet, c.claim.phrase),
                    iv,
                })
            })
            .collect(),
        Aspect::Tenure | Aspect::BirthYear => f
            .normalised
            .iter()
            .map(|n| Bar {
                label: short(&n.source).to_string(),
                detail: format!("{} ({})", short(&n.source), n.how),
                iv: Interval::new(n.low, n.high),
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// A "nice" tick step (1, 2 or 5 times a power of ten) giving about `n` ticks over `span`.
fn nice_step(span: f64, n: f64) -> f64 {
    let raw = (span / n).max(f64::MIN_POSITIVE);
    let mag = 10f64.powf(raw.log10().floor());
    let m = raw / mag;
    let k = if m <= 1.0 {
        1.0
    } else if m <= 2.0 {
        2.0
    } else if m <= 5.0 {
        5.0
    } else {
        10.0
    };
    k * mag
}

/// An SVG interval chart: each outlet's estimate as a bar on a shared axis (log scale when
/// the figures span more than a factor of 20), open ends drawn as arrows to the edge, the
/// common range (agreement) or the gap (discrepancy) shaded.
fn chart(f: &ReportFinding) -> Option<String> {
    let bars = bars(f);
    if bars.is_empty() {
        return None;
    }
    let finite: Vec<f64> = bars
        .iter()
        .flat_map(|b| [b.iv.low, b.iv.high])
        .flatten()
        .collect();
    let lo_v = finite.iter().copied().fold(f64::INFINITY, f64::min);
    let hi_v = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !lo_v.is_finite() || !hi_v.is_finite() {
        return None;
    }
    let years = matches!(f.aspect, Aspect::Tenure | Aspect::BirthYear);
    let log = !years && lo_v > 0.0 && hi_v / lo_v > 20.0;
    let any_open_high = bars.iter().any(|b| b.iv.high.is_none());
    let (dmin, dmax) = if years {
        (lo_v.floor() - 2.0, hi_v.ceil() + 3.0)
    } else if log {
        (
            10f64.powf(lo_v.log10().floor()),
            10f64.powf(
                (hi_v * if any_open_high { 2.0 } else { 1.0 })
                    .log10()
                    .ceil(),
            ),
        )
    } else {
        let top = if hi_v == 0.0 {
            1.0
        } else {
            hi_v * if any_open_high { 1.5 } else { 1.15 }
        };
        let step = nice_step(top, 5.0);
        (0.0, (top / step).ceil() * step)
    };
    let (w, left, right, row, top) = (760.0, 210.0, 620.0, 26.0, 8.0);
    let height = top + row * bars.len() as f64 + 28.0;
    let x = |v: f64| -> f64 {
        let t = if log {
            (v.max(dmin).log10() - dmin.log10()) / (dmax.log10() - dmin.log10())
        } else {
            (v - dmin) / (dmax - dmin)
        };
        left + t.clamp(0.0, 1.0) * (right - left)
    };
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{height}\" viewBox=\"0 0 {w} {height}\" role=\"img\" aria-label=\"{}\">",
        escape(&format!("interval chart: {}", f.subject))
    );
    // Ticks and grid.
    let mut ticks = Vec::new();
    if log {
        let mut t = dmin;
        while t <= dmax * 1.0001 {
            ticks.push(t);
            t *= 10.0;
        }
    } else {
        let step = if years {
            nice_step(dmax - dmin, 6.0).max(1.0)
        } else {
            nice_step(dmax - dmin, 5.0)
        };
        let mut t = (dmin / step).ceil() * step;
        while t <= dmax + step * 1e-9 {
            ticks.push(t);
            t += step;
        }
    }
    let axis_y = top + row * bars.len() as f64 + 4.0;
    for t in &ticks {
        let tx = x(*t);
        let label = if years {
            format!("{t:.0}")
        } else {
            fmt_num(*t)
        };
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{tx:.1}\" y1=\"{top}\" x2=\"{tx:.1}\" y2=\"{axis_y:.1}\"/><text class=\"tick\" x=\"{tx:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            axis_y + 16.0,
            escape(&label)
        );
    }
    let _ = write!(
        s,
        "<line class=\"axis\" x1=\"{left}\" y1=\"{axis_y:.1}\" x2=\"{right}\" y2=\"{axis_y:.1}\"/>"
    );
    // Shade the common range, or the gap between the highest low and the lowest high.
    let ivs: Vec<Interval> = bars.iter().map(|b| b.iv).collect();
    let max_low = ivs
        .iter()
        .filter_map(|i| i.low)
        .fold(f64::NEG_INFINITY, f64::max);
    let min_high = ivs
        .iter()
        .filter_map(|i| i.high)
        .fold(f64::INFINITY, f64::min);
    if bars.len() > 1 && max_low.is_finite() && min_high.is_finite() {
        let (a, b) = (x(max_low.min(min_high)), x(max_low.max(min_high)));
        // The shade takes the finding's colour: green common range, red or amber gap.
        let colour = match f.kind {
            FindingKind::Agreement => "#2e7d32",
            FindingKind::ExpectedDifference => "#b26a00",
            FindingKind::Discrepancy => "#c62828",
            FindingKind::SingleSource => "#6b7280",
        };
        let _ = write!(
            s,
            "<rect x=\"{a:.1}\" y=\"{top}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{colour}\" fill-opacity=\"0.10\"/>",
            (b - a).max(2.0),
            axis_y - top
        );
    }
    for (i, b) in bars.iter().enumerate() {
        let y = top + row * i as f64;
        let colour = PALETTE[i % PALETTE.len()];
        let label: String = if b.label.chars().count() > 30 {
            format!("{}…", b.label.chars().take(29).collect::<String>())
        } else {
            b.label.clone()
        };
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            left - 10.0,
            y + 17.0,
            escape(&label)
        );
        let x0 = b.iv.low.map_or(left, x);
        // A year covers the whole year: [1993, 1994] runs from the start of 1993 to the end of 1994.
        let x1 =
            b.iv.high
                .map_or(right, |h| x(if years { h + 1.0 } else { h }));
        // A point (or a very narrow interval) still gets a visible 4-pixel bar, centred.
        let (bx, width) = if x1 - x0 < 4.0 {
            ((x0 + x1) / 2.0 - 2.0, 4.0)
        } else {
            (x0, x1 - x0)
        };
        let _ = write!(
            s,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{width:.1}\" height=\"14\" rx=\"3\" fill=\"{colour}\" fill-opacity=\"0.85\"><title>{}</title></rect>",
            bx,
            y + 6.0,
            escape(&format!("{}: {}", b.detail, b.iv.display()))
        );
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            right + 14.0,
            y + 17.0,
            escape(&b.iv.display())
        );
        if b.iv.high.is_none() {
            let _ = write!(
                s,
                "<path d=\"M{:.1} {:.1} l8 7 l-8 7 z\" fill=\"{colour}\"/>",
                right,
                y + 6.0
            );
        }
        if b.iv.low.is_none() {
            let _ = write!(
                s,
                "<path d=\"M{:.1} {:.1} l-8 7 l8 7 z\" fill=\"{colour}\"/>",
                left,
                y + 6.0
            );
        }
    }
    s.push_str("</svg>\n");
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_that_could_open_markup() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(escape("a\"b'c&d"), "a&quot;b&#39;c&amp;d");
    }

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(2300.0, 5.0), 500.0);
        assert_eq!(nice_step(10.0, 5.0), 2.0);
    }
}
