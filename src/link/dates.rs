//! Absolute calendar dates written in a text ("December 7, 2019", "7 Dec. 2019",
//! "2019-12-07"), used to date an event when neither the publication date nor the claims
//! extractor gives one. Relative dates ("on Saturday") are the claims extractor's job.

use jiff::civil::Date;
use regex::Regex;
use std::sync::LazyLock;

use crate::calendar::month_number as month;

const MONTH_RE: &str = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)";

static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b{MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b"
    ))
    .expect("valid regex")
});
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH_RE}\s+((?:19|20)\d\d)\b"
    ))
    .expect("valid regex")
});
static ISO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b").expect("valid regex"));

/// Every valid absolute date in `text`, with its byte offset, in text order.
pub fn dates_in_text(text: &str) -> Vec<(usize, Date)> {
    let mut out = Vec::new();
    let mut push = |at: usize, y: &str, m: Option<i8>, d: &str| {
        if let (Ok(y), Some(m), Ok(d)) = (y.parse::<i16>(), m, d.parse::<i8>())
            && let Ok(date) = Date::new(y, m, d)
        {
            out.push((at, date));
        }
    };
    for c in MONTH_DAY_YEAR.captures_iter(text) {
        push(
            c.get(0).map_or(0, |m| m.start()),
            &c[3],
            month(&c[1]),
            &c[2],
        );
    }
    for c in DAY_MONTH_YEAR.captures_iter(text) {
        push(
            c.get(0).map_or(0, |m| m.start()),
            &c[3],
            month(&c[2]),
            &c[1],
        );
    }
    for c in ISO.captures_iter(text) {
        push(
            c.get(0).map_or(0, |m| m.start()),
            &c[1],
            c[2].parse().ok(),
            &c[3],
        );
    }
    out.sort();
    out.dedup();
    out
}

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(19[5-9]\d|20\d\d)\b").expect("valid regex"));

static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:https?://|www\.)\S+").expect("valid regex"));

/// Four-digit years (1950-2099) a text names, outside URLs (a date in a cited link's path is
/// the linked page's, not this report's).
pub fn years_in_text(text: &str) -> std::collections::BTreeSet<i16> {
    let without_urls = URL.replace_all(text, " ");
    YEAR.captures_iter(&without_urls)
        .filter_map(|c| c[1].parse().ok())
        .collect()
}

/// The date a text most likely reports on: the first absolute date it gives (a dateline or
/// the first paragraph's date, in news style).
pub fn first_date(text: &str) -> Option<Date> {
    dates_in_text(text).first().map(|(_, d)| *d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_news_style_dates() {
        let t = "December 7, 2019. On 7 Dec. 2019 and 2020-09-11, not on May 40, 2013.";
        let got: Vec<String> = dates_in_text(t)
            .iter()
            .map(|(_, d)| d.to_string())
            .collect();
        assert_eq!(got, ["2019-12-07", "2019-12-07", "2020-09-11"]);
        assert_eq!(
            first_date("Sept. 3rd, 2021 | 5:03pm").unwrap().to_string(),
            "2021-09-03"
        );
        assert_eq!(first_date("in May, 2013 or so"), None);
        let years: Vec<i16> = years_in_text("In 1999 (see https://x.com/2025/12/10/a) and 2024")
            .into_iter()
            .collect();
        assert_eq!(years, [1999, 2024]);
    }
}
