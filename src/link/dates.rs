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

static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:https?://|www\.)\S+").expect("valid regex"));

/// Four-digit years (1950-2099) a text names, outside URLs (a date in a cited link's path is
/// the linked page's, not this report's).
///
/// What `\b(19[5-9]\d|20\d\d)\b` finds in the text with every URL replaced by a space
/// (the reference in the tests), by a byte scan: a match is a maximal run of Unicode word
/// characters of exactly four ASCII digits (a digit from outside ASCII makes a run that
/// cannot be parsed as a year), so only the runs of ASCII digits are looked at, eight bytes
/// at a time skipping those without one, and a neighbouring character outside ASCII is
/// classified by the regex crate's own `\w`. The regex ran a Unicode word boundary, which
/// its fast engines cannot do on text outside ASCII (curly quotes are in nearly every
/// article): some 45,000 instructions an article, now a few thousand.
pub fn years_in_text(text: &str) -> std::collections::BTreeSet<i16> {
    let mut out = std::collections::BTreeSet::new();
    let mut from = 0;
    for url in URL.find_iter(text) {
        years_between(text, from, url.start(), &mut out);
        from = url.end();
    }
    years_between(text, from, text.len(), &mut out);
    out
}

/// Where the first ASCII digit of the eight bytes in `x` (little-endian) is, if any. The
/// bytes XOR `'0'` hold a digit as a value below 10: "has less than 10" (Anderson's bit
/// hacks) flags it in its top bit; a flag can be wrong only above a true one (a borrow), so
/// the lowest flag is exact.
fn first_digit(x: u64) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let t = x ^ (ONES * u64::from(b'0'));
    let flags = t.wrapping_sub(ONES * 10) & !t & (ONES * 0x80);
    (flags != 0).then(|| flags.trailing_zeros() as usize / 8)
}

/// [`years_in_text`] of `text[from..to]`, where the characters just outside the range (a URL
/// or the text's ends) count as spaces.
fn years_between(text: &str, from: usize, to: usize, out: &mut std::collections::BTreeSet<i16>) {
    let b = text.as_bytes();
    let mut i = from;
    while i < to {
        if i + 8 <= to {
            match first_digit(u64::from_le_bytes(b[i..i + 8].try_into().expect("8 bytes"))) {
                None => {
                    i += 8;
                    continue;
                }
                Some(d) => i += d,
            }
        } else if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < to && b[i].is_ascii_digit() {
            i += 1;
        }
        let run = &b[start..i];
        let year = run.len() == 4
            && matches!(
                (run[0], run[1], run[2]),
                (b'1', b'9', b'5'..=b'9') | (b'2', b'0', _)
            );
        if year
            && !(start > from && text[..start].chars().next_back().is_some_and(word_char))
            && !(i < to && text[i..].chars().next().is_some_and(word_char))
        {
            let y = run.iter().fold(0i16, |y, &d| y * 10 + i16::from(d - b'0'));
            out.insert(y);
        }
    }
}

/// A character of the regex crate's Unicode `\w` (letters, marks, digits, connector
/// punctuation, joiners), the class `\b` reads.
fn word_char(c: char) -> bool {
    static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\A\w\z").expect("valid regex"));
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        WORD.is_match(c.encode_utf8(&mut [0; 4]))
    }
}

/// The date a text most likely reports on: the first absolute date it gives (a dateline or
/// the first paragraph's date, in news style).
pub fn first_date(text: &str) -> Option<Date> {
    dates_in_text(text).first().map(|(_, d)| *d)
}

#[cfg(test)]
mod tests {
    use super::*;

    static YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b(19[5-9]\d|20\d\d)\b").expect("valid regex"));

    /// [`years_in_text`] as it was: the year regex over the text with its URLs blanked.
    fn years_by_regex(text: &str) -> std::collections::BTreeSet<i16> {
        let without_urls = URL.replace_all(text, " ");
        YEAR.captures_iter(&without_urls)
            .filter_map(|c| c[1].parse().ok())
            .collect()
    }

    #[test]
    fn years_by_scan_are_the_years_of_the_regex() {
        let fixed = [
            "In 1999 and 2024, not 1949 or 2100 or 19999, 2020s, x2020, 2020_, _2021.",
            "1950\u{2019}s \u{201c}2019\u{201d} \u{0661}2019 2019\u{0301} 2019\u{200d}x 2019\u{00e9}",
            "https://x.com/2025/12/10/a 2023www.a.b/2022 2021https://q 2018",
            "\u{0662}\u{0660}\u{0662}\u{0660} 20\u{0662}\u{0660} 1960",
            "",
            "2000",
            "12345678 2001 20012002 ..2002..",
        ];
        let alphabet: Vec<char> = "12905 x_.-/:w\u{2019}\u{e9}\u{301}\u{661}\u{200d}\u{a0}htps"
            .chars()
            .collect();
        let mut x = 5u64;
        let random = (0..3000).map(|n| {
            (0..n % 120)
                .map(|_| {
                    x = x
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    alphabet[(x >> 40) as usize % alphabet.len()]
                })
                .collect::<String>()
        });
        for t in fixed.iter().map(|t| t.to_string()).chain(random) {
            assert_eq!(years_in_text(&t), years_by_regex(&t), "{t:?}");
        }
        // The eight-byte digit search against a byte at a time, with every byte in every
        // lane, before and after a digit and a byte that borrows (0x00 and '/' lie just
        // below the digits).
        for b in 0u8..=255 {
            for lane in 0..8 {
                for fill in [b'x', b'/', 0, b'5', 0xff] {
                    let mut eight = [fill; 8];
                    eight[lane] = b;
                    let expected = eight.iter().position(u8::is_ascii_digit);
                    assert_eq!(
                        first_digit(u64::from_le_bytes(eight)),
                        expected,
                        "{eight:?}"
                    );
                }
            }
        }
    }

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
