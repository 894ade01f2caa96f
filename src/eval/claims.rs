//! `concord eval claims`: the claims extractor scored against peer test suites.
//!
//! Numbers: Microsoft Recognizers-Text (NumberModel, NumberRangeModel, PercentModel),
//! Duckling's English numeral corpus, quantulum3's unitless counts. Dates: TempEval-3
//! platinum (TimeML, `<DCT>` as the anchor) and Duckling's English time corpus. Quotes: the
//! project's own speaker fixtures (fixtures/quotes/quotes.tsv).
//!
//! A case where concord deliberately reads the text differently from the suite (Duckling's
//! "a few" = 3, a bare weekday resolved to the future) is listed apart with the reason, never
//! counted as passed or failed.

use crate::extract::dates::{DateExpr, Tense, find_dates};
use crate::extract::numbers::find_numbers;
use crate::extract::quantity::{find_percents, find_relations};
use crate::extract::quotes::{QuoteKind, find_quotes};
use crate::model::Span;
use jiff::civil::Date;
use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The quote fixtures, embedded so the report needs no file beyond the outside data.
pub const QUOTE_FIXTURES: &str = include_str!("../../fixtures/quotes/quotes.tsv");

/// Quote fixtures written after tuning and never used to change the code.
pub const QUOTE_HOLDOUT: &str = include_str!("../../fixtures/quotes/holdout.tsv");

#[derive(Debug, thiserror::Error)]
pub enum ClaimsEvalError {
    #[error("{path}: {source} (is ../shared/data present? pass --data DIR)")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not the JSON this suite expects: {source}")]
    Json {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
}

/// A case concord reads differently on purpose.
#[derive(Debug, Clone, PartialEq)]
pub struct Deliberate {
    pub input: String,
    pub suite_says: String,
    pub concord_says: String,
    pub why: &'static str,
}

/// One suite's score.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SuiteScore {
    pub name: String,
    pub passed: usize,
    pub failed: usize,
    /// Cases the suite's own reference implementation does not support (not scored).
    pub unsupported: usize,
    pub deliberate: Vec<Deliberate>,
    /// Failed cases: input, expected, got.
    pub failures: Vec<(String, String, String)>,
}

impl SuiteScore {
    fn new(name: &str) -> Self {
        SuiteScore {
            name: name.to_string(),
            ..Default::default()
        }
    }
    /// Passed / (passed + failed), in percent.
    pub fn accuracy(&self) -> f64 {
        let n = self.passed + self.failed;
        if n == 0 {
            0.0
        } else {
            100.0 * self.passed as f64 / n as f64
        }
    }
    /// Records a case, or lists it apart when it is a deliberate disagreement of `suite`.
    fn score(&mut self, suite: &str, ok: bool, input: &str, expected: String, got: String) {
        match deliberate(suite, input) {
            Some(why) if !ok => self.deliberate.push(Deliberate {
                input: input.to_string(),
                suite_says: expected,
                concord_says: got,
                why,
            }),
            _ => self.record(ok, input, expected, got),
        }
    }

    fn record(&mut self, ok: bool, input: &str, expected: String, got: String) {
        if ok {
            self.passed += 1;
        } else {
            self.failed += 1;
            self.failures.push((input.to_string(), expected, got));
        }
    }
}

/// Readings concord chooses on purpose: (suite, input, why).
const DELIBERATE: &[(&str, &str, &str)] = &[
    (
        "duckling numerals",
        "a few",
        "a vague quantity: concord reads [2, 5], not the point 3",
    ),
    (
        "duckling numerals",
        "few",
        "a vague quantity: concord reads [2, 5], not the point 3",
    ),
    (
        "duckling numerals",
        "a couple",
        "a vague quantity in news ([2, 3]), not the point 2",
    ),
    (
        "duckling numerals",
        "a couple of",
        "a vague quantity in news ([2, 3]), not the point 2",
    ),
    (
        "duckling numerals",
        "a pair",
        "'a pair of talks' is not a figure worth checking",
    ),
    (
        "duckling numerals",
        "single",
        "'a single day' is an adjective in news, not the figure 1",
    ),
    (
        "quantulum3 unitless counts",
        "It increased by 35% by the end of the 1960s [1960]",
        "'the 1960s' is a decade, a date, not the count 1960",
    ),
    (
        "quantulum3 unitless counts",
        "This means that the USDA hardiness zones relevant to Britain and Ireland are quite high, from 7 to 10, as shown below [7 to 10]",
        "a range is kept as the interval [7, 10], not collapsed to its mean 8.5",
    ),
    (
        "PercentModel",
        "Only a small percent attain the top ranks",
        "no figure is given: nothing to check",
    ),
    (
        "PercentModel",
        "The table shows the % of increase in the last month",
        "no figure is given: nothing to check",
    ),
    (
        "PercentModel",
        "How do I calculate a percentage?",
        "no figure is given: nothing to check",
    ),
];

fn deliberate(suite: &str, input: &str) -> Option<&'static str> {
    DELIBERATE
        .iter()
        .find(|(s, i, _)| *s == suite && i.eq_ignore_ascii_case(input.trim()))
        .map(|(_, _, w)| *w)
}

fn read_json(path: &Path) -> Result<Value, ClaimsEvalError> {
    let raw = std::fs::read_to_string(path).map_err(|source| ClaimsEvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let raw = raw.trim_start_matches('\u{feff}');
    serde_json::from_str(raw).map_err(|source| ClaimsEvalError::Json {
        path: path.to_path_buf(),
        source,
    })
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * b.abs().max(1.0)
}

fn fmt_values(v: &[f64]) -> String {
    format!("{v:?}")
}

fn recognizers_cases(data: &Path, file: &str) -> Result<Vec<Value>, ClaimsEvalError> {
    let v = read_json(&data.join("numbers/recognizers-text").join(file))?;
    Ok(v.as_array().cloned().unwrap_or_default())
}

/// The .NET implementation is the reference; a case it does not support is not scored.
fn reference_unsupported(case: &Value) -> bool {
    case.get("NotSupported")
        .and_then(Value::as_str)
        .is_some_and(|s| s.contains("dotnet"))
}

fn results(case: &Value) -> Vec<Value> {
    case.get("Results")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

fn input(case: &Value) -> String {
    case.get("Input")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string()
}

fn resolution_value(r: &Value) -> Option<String> {
    r.get("Resolution")?
        .get("value")?
        .as_str()
        .map(str::to_string)
}

/// Recognizers-Text NumberModel: every number of the input, in order, with its value.
pub fn number_model(data: &Path) -> Result<SuiteScore, ClaimsEvalError> {
    let mut s = SuiteScore::new("Recognizers NumberModel");
    for case in recognizers_cases(data, "Number-English-NumberModel.json")? {
        if reference_unsupported(&case) {
            s.unsupported += 1;
            continue;
        }
        let text = input(&case);
        let expected: Vec<f64> = results(&case)
            .iter()
            .filter_map(|r| resolution_value(r)?.parse().ok())
            .collect();
        let got: Vec<f64> = find_numbers(&text).iter().map(|m| m.value).collect();
        let ok =
            got.len() == expected.len() && got.iter().zip(&expected).all(|(a, b)| close(*a, *b));
        s.record(ok, &text, fmt_values(&expected), fmt_values(&got));
    }
    Ok(s)
}

type Bounds = (Option<f64>, bool, Option<f64>, bool);

fn parse_range(v: &str) -> Option<Bounds> {
    let v = v.trim();
    let low_inc = v.starts_with('[');
    let high_inc = v.ends_with(']');
    let inner = &v[1..v.len() - 1];
    let (a, b) = inner.split_once(',')?;
    let p = |x: &str| -> Option<Option<f64>> {
        let x = x.trim();
        if x.is_empty() {
            Some(None)
        } else {
            x.parse().ok().map(Some)
        }
    };
    Some((p(a)?, low_inc, p(b)?, high_inc))
}

fn fmt_bounds(b: &Bounds) -> String {
    let f = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
    format!(
        "{}{},{}{}",
        if b.1 { '[' } else { '(' },
        f(b.0),
        f(b.2),
        if b.3 { ']' } else { ')' }
    )
}

fn bounds_eq(a: &Bounds, b: &Bounds) -> bool {
    let same = |x: Option<f64>, y: Option<f64>| match (x, y) {
        (Some(x), Some(y)) => close(x, y),
        (None, None) => true,
        _ => false,
    };
    same(a.0, b.0)
        && same(a.2, b.2)
        && (a.0.is_none() || a.1 == b.1)
        && (a.2.is_none() || a.3 == b.3)
}

/// Recognizers-Text NumberRangeModel: the stated relation ("more than 1,000" = (1000,)).
pub fn number_range_model(data: &Path) -> Result<SuiteScore, ClaimsEvalError> {
    let mut s = SuiteScore::new("Recognizers NumberRangeModel");
    for case in recognizers_cases(data, "Number-English-NumberRangeModel.json")? {
        if reference_unsupported(&case) {
            s.unsupported += 1;
            continue;
        }
        let text = input(&case);
        let expected: Vec<Bounds> = results(&case)
            .iter()
            .filter_map(|r| parse_range(&resolution_value(r)?))
            .collect();
        let got: Vec<Bounds> = find_relations(&text)
            .iter()
            .filter(|r| r.modifier.is_some_and(|m| m.as_str() != "several"))
            .map(|r| {
                (
                    r.low.map(|l| l.0),
                    r.low.is_some_and(|l| l.1),
                    r.high.map(|h| h.0),
                    r.high.is_some_and(|h| h.1),
                )
            })
            .collect();
        let ok =
            got.len() == expected.len() && got.iter().zip(&expected).all(|(a, b)| bounds_eq(a, b));
        // "between 20 and 30" and "20-30": Recognizers leaves the top open, news means it.
        let closed_top_only = !ok
            && got.len() == expected.len()
            && got
                .iter()
                .zip(&expected)
                .all(|(a, b)| bounds_eq(a, &(b.0, b.1, b.2, true)) || bounds_eq(a, b));
        let fmt = |v: &[Bounds]| v.iter().map(fmt_bounds).collect::<Vec<_>>().join(" ");
        if closed_top_only {
            s.deliberate.push(Deliberate {
                input: text,
                suite_says: fmt(&expected),
                concord_says: fmt(&got),
                why: "a range 'between N and M' / 'N-M' in news includes M",
            });
            continue;
        }
        s.record(ok, &text, fmt(&expected), fmt(&got));
    }
    Ok(s)
}

/// Recognizers-Text PercentModel.
pub fn percent_model(data: &Path) -> Result<SuiteScore, ClaimsEvalError> {
    let mut s = SuiteScore::new("Recognizers PercentModel");
    for case in recognizers_cases(data, "Number-English-PercentModel.json")? {
        let text = input(&case);
        let expected: Vec<f64> = results(&case)
            .iter()
            .filter_map(|r| resolution_value(r)?.trim_end_matches('%').parse().ok())
            .collect();
        let got: Vec<f64> = find_percents(&text).iter().map(|p| p.1).collect();
        let ok =
            got.len() == expected.len() && got.iter().zip(&expected).all(|(a, b)| close(*a, *b));
        if let Some(why) = deliberate("PercentModel", &text) {
            s.deliberate.push(Deliberate {
                input: text,
                suite_says: "a percent without a value".into(),
                concord_says: fmt_values(&got),
                why,
            });
            continue;
        }
        s.record(ok, &text, fmt_values(&expected), fmt_values(&got));
    }
    Ok(s)
}

/// Duckling's English numeral corpus: the text as a whole reads as the value.
pub fn duckling_numerals(data: &Path) -> Result<SuiteScore, ClaimsEvalError> {
    let mut s = SuiteScore::new("Duckling numeral-en");
    let v = read_json(&data.join("numbers/duckling/numeral-en.json"))?;
    for case in v["cases"].as_array().cloned().unwrap_or_default() {
        let text = case["text"].as_str().unwrap_or("").to_string();
        let expected = case["value"].as_f64().unwrap_or(f64::NAN);
        let got: Vec<f64> = find_numbers(&text).iter().map(|m| m.value).collect();
        let ok = got.first().is_some_and(|g| close(*g, expected));
        s.score(
            "duckling numerals",
            ok,
            &text,
            expected.to_string(),
            fmt_values(&got),
        );
    }
    Ok(s)
}

/// quantulum3's unitless ("dimensionless") quantities: each one found with its value.
pub fn quantulum_counts(data: &Path) -> Result<SuiteScore, ClaimsEvalError> {
    let mut s = SuiteScore::new("quantulum3 unitless counts");
    let v = read_json(&data.join("numbers/quantulum3/quantities.json"))?;
    for case in v.as_array().cloned().unwrap_or_default() {
        let text = case["req"].as_str().unwrap_or("");
        let got: Vec<f64> = find_numbers(text).iter().map(|m| m.value).collect();
        for r in case["res"].as_array().cloned().unwrap_or_default() {
            if r["unit"].as_str() != Some("dimensionless") {
                continue;
            }
            let expected = r["value"].as_f64().unwrap_or(f64::NAN);
            let surface = r["surface"].as_str().unwrap_or("");
            let ok = got.iter().any(|g| close(*g, expected));
            let name = format!("{text} [{surface}]");
            s.score(
                "quantulum3 unitless counts",
                ok,
                &name,
                expected.to_string(),
                fmt_values(&got),
            );
        }
    }
    Ok(s)
}

/// Every number suite that is present under `data`.
pub fn number_suites(data: &Path) -> Result<Vec<SuiteScore>, ClaimsEvalError> {
    Ok(vec![
        number_model(data)?,
        number_range_model(data)?,
        percent_model(data)?,
        duckling_numerals(data)?,
        quantulum_counts(data)?,
    ])
}

/// A gold TIMEX3 in plain text.
struct Timex {
    span: Span,
    kind: String,
    value: String,
}

/// Strips TimeML tags from a document body, keeping the TIMEX3 spans of the plain text.
fn timeml_plain(body: &str) -> (String, Vec<Timex>) {
    let mut plain = String::with_capacity(body.len());
    let mut timexes = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        plain.push_str(&unescape(&rest[..lt]));
        let Some(gt) = rest[lt..].find('>') else {
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        if let Some(attrs) = tag.strip_prefix("TIMEX3") {
            let attr = |name: &str| {
                let key = format!("{name}=\"");
                attrs
                    .find(&key)
                    .map(|p| {
                        let v = &attrs[p + key.len()..];
                        v[..v.find('"').unwrap_or(v.len())].to_string()
                    })
                    .unwrap_or_default()
            };
            open = Some((plain.len(), attr("type"), attr("value")));
        } else if tag == "/TIMEX3"
            && let Some((start, kind, value)) = open.take()
        {
            timexes.push(Timex {
                span: Span::new(start, plain.len()),
                kind,
                value,
            });
        }
        rest = &rest[lt + gt + 1..];
    }
    plain.push_str(&unescape(rest));
    (plain, timexes)
}

fn unescape(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
}

/// TempEval-3 platinum: DATE expressions resolved against each article's DCT.
/// Reports value accuracy over gold DATE expressions (recall), precision over concord's
/// dates that overlap no gold expression of any type, and their F1.
pub fn tempeval3(data: &Path) -> Result<(SuiteScore, f64, f64), ClaimsEvalError> {
    let dir = data.join("dates/te3-platinum");
    let mut s = SuiteScore::new("TempEval-3 platinum (DATE values)");
    let mut ours_total = 0usize;
    let mut ours_correct = 0usize;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|source| ClaimsEvalError::Io {
            path: dir.clone(),
            source,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tml"))
        .collect();
    entries.sort();
    for path in entries {
        let raw = std::fs::read_to_string(&path).map_err(|source| ClaimsEvalError::Io {
            path: path.clone(),
            source,
        })?;
        let dct = raw
            .find("<DCT>")
            .and_then(|p| raw[p..].find("value=\"").map(|q| p + q + 7))
            .and_then(|p| raw.get(p..p + 10))
            .and_then(|v| v.parse::<Date>().ok());
        let Some(dct) = dct else { continue };
        let body_start = raw.find("<TEXT>").map(|p| p + 6).unwrap_or(0);
        let body_end = raw.find("</TEXT>").unwrap_or(raw.len());
        let (plain, gold) = timeml_plain(&raw[body_start..body_end]);
        let ours = find_dates(&plain);
        for g in gold.iter().filter(|g| g.kind == "DATE") {
            let hit = ours
                .iter()
                .find(|d| d.span.start < g.span.end && d.span.end > g.span.start);
            let got = hit.and_then(|d| d.expr.resolve(dct)).map(|r| r.value);
            let ok = got.as_deref() == Some(g.value.as_str());
            let name = path
                .file_name()
                .map(|f| f.to_string_lossy().to_string())
                .unwrap_or_default();
            s.record(
                ok,
                &format!("{name}: {}", g.span.slice(&plain)),
                g.value.clone(),
                got.unwrap_or_else(|| "-".into()),
            );
        }
        for d in &ours {
            let overlapping: Vec<&Timex> = gold
                .iter()
                .filter(|g| d.span.start < g.span.end && d.span.end > g.span.start)
                .collect();
            // Dates inside gold durations or times are not scored either way.
            if overlapping.iter().any(|g| g.kind != "DATE") {
                continue;
            }
            ours_total += 1;
            let v = d.expr.resolve(dct).map(|r| r.value);
            if overlapping.iter().any(|g| Some(&g.value) == v.as_ref()) {
                ours_correct += 1;
            }
        }
    }
    let precision = if ours_total == 0 {
        0.0
    } else {
        100.0 * ours_correct as f64 / ours_total as f64
    };
    let recall = s.accuracy();
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Ok((s, precision, f1))
}

/// Duckling's time corpus, the cases at day, week, month or year grain. A bare weekday or
/// day that Duckling puts in the future and concord in the past is listed apart.
pub fn duckling_time(data: &Path) -> Result<SuiteScore, ClaimsEvalError> {
    let mut s = SuiteScore::new("Duckling time-en (day/week/month/year instants)");
    let v = read_json(&data.join("dates/duckling/time-en.json"))?;
    for case in v["cases"].as_array().cloned().unwrap_or_default() {
        let exp = &case["expected"];
        let grain = exp["grain"].as_str().unwrap_or("");
        if exp["kind"].as_str() != Some("instant")
            || !matches!(grain, "day" | "week" | "month" | "year")
        {
            continue;
        }
        let text = case["text"].as_str().unwrap_or("");
        let Some(anchor) = case["reference_time"]
            .as_str()
            .and_then(|r| r.get(..10))
            .and_then(|r| r.parse::<Date>().ok())
        else {
            continue;
        };
        let Some(day) = exp["value"]
            .as_str()
            .and_then(|r| r.get(..10))
            .and_then(|r| r.parse::<Date>().ok())
        else {
            continue;
        };
        let expected = match grain {
            "day" => day.to_string(),
            "week" => {
                let w = day.iso_week_date();
                format!("{:04}-W{:02}", w.year(), w.week())
            }
            "month" => format!("{:04}-{:02}", day.year(), day.month()),
            _ => format!("{:04}", day.year()),
        };
        let found = find_dates(text);
        let best = found.iter().max_by_key(|d| d.span.len());
        let got = best.and_then(|d| d.expr.resolve(anchor)).map(|r| r.value);
        let ok = got.as_deref() == Some(expected.as_str());
        // Listed apart only when the future reading of the same words gives Duckling's answer.
        let past_default = best.is_some_and(|d| {
            let future = match d.expr.clone() {
                DateExpr::Weekday { weekday, tense } if tense != Tense::Future => {
                    DateExpr::Weekday {
                        weekday,
                        tense: Tense::Future,
                    }
                }
                DateExpr::Calendar {
                    year: None,
                    month,
                    day,
                    tense,
                } if tense != Tense::Future => DateExpr::Calendar {
                    year: None,
                    month,
                    day,
                    tense: Tense::Future,
                },
                _ => return false,
            };
            future.resolve(anchor).map(|r| r.value).as_deref() == Some(expected.as_str())
        });
        if !ok && past_default && day > anchor {
            s.deliberate.push(Deliberate {
                input: text.to_string(),
                suite_says: expected,
                concord_says: got.unwrap_or_default(),
                why: "no tense in the words: news reports the past, Duckling assumes the future",
            });
            continue;
        }
        s.record(ok, text, expected, got.unwrap_or_else(|| "-".into()));
    }
    Ok(s)
}

/// One quote fixture: kind, gold speaker, text.
pub struct QuoteFixture<'a> {
    pub kind: &'a str,
    pub speaker: &'a str,
    pub text: &'a str,
}

/// Reads quotes.tsv: `kind<TAB>speaker<TAB>text`, `#` comments; `\n` in text is a newline.
pub fn quote_fixtures(tsv: &str) -> Vec<QuoteFixture<'_>> {
    tsv.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut it = l.splitn(3, '\t');
            Some(QuoteFixture {
                kind: it.next()?,
                speaker: it.next()?,
                text: it.next()?,
            })
        })
        .collect()
}

/// Speaker accuracy on the quote fixtures. A statement passes when its first quote's speaker
/// ends with the gold speaker's last word (case-insensitive: "Dmitry Peskov" for "Peskov");
/// a chant or sign when the first quote has that kind; a scare quote when no quote is found.
pub fn quote_speakers(name: &str, tsv: &str) -> SuiteScore {
    let mut s = SuiteScore::new(name);
    for f in quote_fixtures(tsv) {
        let text = f.text.replace("\\n", "\n");
        let quotes = find_quotes(&text, &[]);
        let first = quotes.first();
        let (ok, got) = match f.kind {
            "scare" => (quotes.is_empty(), format!("{} quotes", quotes.len())),
            "chant" | "sign" => {
                let k = first.map(|q| q.kind.to_string()).unwrap_or_default();
                (k == f.kind, k)
            }
            _ => {
                let sp = first
                    .filter(|q| q.kind == QuoteKind::Statement)
                    .and_then(|q| q.speaker.clone())
                    .unwrap_or_default();
                let gold_last = f
                    .speaker
                    .split_whitespace()
                    .last()
                    .unwrap_or("")
                    .to_lowercase();
                let got_last = sp.split_whitespace().last().unwrap_or("").to_lowercase();
                (!gold_last.is_empty() && gold_last == got_last, sp)
            }
        };
        s.record(ok, &text, format!("{} {}", f.kind, f.speaker), got);
    }
    s
}

fn suite_section(out: &mut String, s: &SuiteScore, max_failures: usize) {
    let _ = writeln!(
        out,
        "### {}\n\n{} passed, {} failed ({:.1}%){}{}\n",
        s.name,
        s.passed,
        s.failed,
        s.accuracy(),
        if s.unsupported > 0 {
            format!(
                "; {} not supported by the reference .NET implementation, not scored",
                s.unsupported
            )
        } else {
            String::new()
        },
        if s.deliberate.is_empty() {
            String::new()
        } else {
            format!(
                "; {} deliberate disagreements listed apart",
                s.deliberate.len()
            )
        }
    );
    if !s.deliberate.is_empty() {
        out.push_str(
            "Deliberate disagreements:\n\n| input | suite | concord | why |\n|---|---|---|---|\n",
        );
        for d in &s.deliberate {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                cell(&d.input),
                cell(&d.suite_says),
                cell(&d.concord_says),
                d.why
            );
        }
        out.push('\n');
    }
    if !s.failures.is_empty() {
        let _ = writeln!(
            out,
            "Failures (first {} of {}):\n\n| input | expected | concord |\n|---|---|---|",
            max_failures.min(s.failures.len()),
            s.failures.len()
        );
        for (i, e, g) in s.failures.iter().take(max_failures) {
            let _ = writeln!(out, "| {} | {} | {} |", cell(i), cell(e), cell(g));
        }
        out.push('\n');
    }
}

fn cell(s: &str) -> String {
    let s: String = s.replace('|', "\\|").replace('\n', " ");
    if s.chars().count() > 90 {
        format!("{}…", s.chars().take(89).collect::<String>())
    } else {
        s
    }
}

/// The Markdown report written to tests/accuracy/claims.md.
pub fn run(data: &Path) -> Result<String, ClaimsEvalError> {
    let numbers = number_suites(data)?;
    let (te3, te3_precision, te3_f1) = tempeval3(data)?;
    let duck_time = duckling_time(data)?;
    let quotes = quote_speakers(
        "quote speakers (fixtures/quotes/quotes.tsv)",
        QUOTE_FIXTURES,
    );
    let holdout = quote_speakers(
        "quote speakers, held out (fixtures/quotes/holdout.tsv)",
        QUOTE_HOLDOUT,
    );
    let mut out = String::from(
        "# Claims extractor accuracy\n\nGenerated by `concord eval claims --data ../shared/data`. \
         Each suite: cases passed and failed; cases the suite's reference does not support and \
         deliberate disagreements (with the reason) are listed apart, never counted.\n\n\
         | suite | passed | failed | accuracy | goal |\n|---|---|---|---|---|\n",
    );
    let goals: &[(&str, &str)] = &[
        ("Recognizers NumberModel", ">= 95%"),
        ("Recognizers NumberRangeModel", ">= 90%"),
        ("Recognizers PercentModel", "100%"),
        ("Duckling numeral-en", ">= 95%"),
        ("quantulum3 unitless counts", ">= 90%"),
        (
            "TempEval-3 platinum (DATE values)",
            "> 77.61 (HeidelTime value F1, all types)",
        ),
        ("Duckling time-en (day/week/month/year instants)", "-"),
        (
            "quote speakers (fixtures/quotes/quotes.tsv)",
            "> 90% (development set)",
        ),
        (
            "quote speakers, held out (fixtures/quotes/holdout.tsv)",
            "> 90%",
        ),
    ];
    let all: Vec<&SuiteScore> = numbers
        .iter()
        .chain([&te3, &duck_time, &quotes, &holdout])
        .collect();
    for s in &all {
        let goal = goals
            .iter()
            .find(|(n, _)| *n == s.name)
            .map(|g| g.1)
            .unwrap_or("-");
        let _ = writeln!(
            out,
            "| {} | {} | {} | {:.1}% | {} |",
            s.name,
            s.passed,
            s.failed,
            s.accuracy(),
            goal
        );
    }
    let _ = writeln!(
        out,
        "\nTempEval-3: value recall over gold DATE expressions {:.1}%, precision of concord's dates \
         (those overlapping no gold duration or time) {:.1}%, value F1 {:.1}. HeidelTime's 77.61 is \
         over all TIMEX3 types (durations, times and sets too), so the figures compare only \
         roughly.\n",
        te3.accuracy(),
        te3_precision,
        te3_f1
    );
    out.push_str("## Suites\n\n");
    for s in &all {
        suite_section(&mut out, s, 40);
    }
    Ok(out)
}
