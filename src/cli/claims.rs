//! `concord claims`: what each article claims.

use super::{InputArgs, TextOrJson, emit, to_json};
use anyhow::Result;
use clap::Args;
use concord::extract::{Claim, ClaimKind};

#[derive(Debug, Args)]
pub struct ClaimsArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
}

pub fn run(args: &ClaimsArgs) -> Result<()> {
    let corpus = args.input.load()?;
    let analysis = concord::analyse(corpus, &concord::Options::default());
    match args.format {
        TextOrJson::Json => {
            let claims: Vec<_> = analysis.claims.iter().flatten().collect();
            emit(&to_json(&serde_json::json!({ "claims": claims }))?)
        }
        TextOrJson::Text => {
            let mut out = String::new();
            for (doc, claims) in analysis.corpus.documents.iter().zip(&analysis.claims) {
                out.push_str(&table(&doc.source, doc.published, claims));
            }
            emit(&out)
        }
    }
}

/// One readable table per document: kind, phrase, interval, counted, date, speaker.
fn table(source: &str, published: Option<jiff::civil::Date>, claims: &[Claim]) -> String {
    let published = published
        .map(|d| d.to_string())
        .unwrap_or_else(|| "unknown".into());
    let mut rows: Vec<[String; 6]> = vec![[
        "KIND".into(),
        "PHRASE".into(),
        "INTERVAL".into(),
        "COUNTED".into(),
        "DATE".into(),
        "SPEAKER / SOURCE".into(),
    ]];
    for c in claims {
        let kind = match (&c.kind, &c.quote_kind) {
            (ClaimKind::Quote, Some(q)) if q != "statement" => q.clone(),
            (k, _) => serde_json::to_value(k)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
        };
        let interval = if c.kind == ClaimKind::Quote {
            String::new()
        } else {
            format_interval(c)
        };
        let mut date = c
            .date
            .as_ref()
            .map(|d| match &d.value {
                Some(v) => format!("{v} ({})", d.text),
                None => format!("? ({})", d.text),
            })
            .unwrap_or_default();
        if c.scope.as_deref() == Some("total") {
            date.push_str(" total");
        }
        let who = c
            .speaker
            .clone()
            .or_else(|| c.attribution.clone())
            .unwrap_or_default();
        let counted = match (&c.counted, &c.unit) {
            (Some(n), _) => n.clone(),
            (None, Some(u)) => u.clone(),
            _ => String::new(),
        };
        rows.push([kind, shorten(&c.phrase, 48), interval, counted, date, who]);
    }
    let mut widths = [0usize; 6];
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = format!("{source} (published {published})\n");
    for r in &rows {
        let mut line = String::from("  ");
        for (i, cell) in r.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < r.len() {
                let pad = widths[i] - cell.chars().count() + 2;
                line.push_str(&" ".repeat(pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push('\n');
    out
}

fn shorten(s: &str, max: usize) -> String {
    let s = s.replace('\n', " ");
    if s.chars().count() <= max {
        return s;
    }
    let cut: String = s.chars().take(max - 1).collect();
    format!("{cut}…")
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// "[200, 999]", "(1000, 1999]", "[5000, ∞)".
fn format_interval(c: &Claim) -> String {
    let lo = c.low.map(num).unwrap_or_else(|| "-∞".into());
    let hi = c.high.map(num).unwrap_or_else(|| "∞".into());
    let open = if c.low.is_some() && c.low_inclusive {
        '['
    } else {
        '('
    };
    let close = if c.high.is_some() && c.high_inclusive {
        ']'
    } else {
        ')'
    };
    format!("{open}{lo}, {hi}{close}")
}
