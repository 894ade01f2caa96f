//! Quantities as intervals: figures with their modifier, counted noun, kind, unit,
//! attribution and time scope.
//!
//! # Interval conventions
//! A figure becomes `[low, high]` with open ends as `None`, each end marked inclusive or not.
//! The text's own relation is kept apart ([`Relation`], what Recognizers-Text calls a range);
//! the claim interval adds what a fact-checker reads into it (DESIGN.md):
//!
//! | text | interval |
//! |---|---|
//! | "1,000" | [1000, 1000] (a point) |
//! | "more than / over / above N" | (N, N + step − 1] for whole N ≥ 10, (N, 9] below ten, else (N, N + step); step = 10^⌊log10 N⌋ ("more than 1,000" = (1000, 1999]) |
//! | "at least / no fewer than / N or more" | [N, open) |
//! | "about / around / some / roughly / an estimated N" | N ± 20% when N has one significant digit, ± 10% otherwise |
//! | "nearly / almost / just under / a fraction shy of N" | [0.9 N, N) |
//! | "up to / as many as N" | (0, N] |
//! | "fewer than / less than / under / below N" | [0, N) |
//! | "at most / no more than / N or fewer" | [0, N] |
//! | "between N and M", "N to M", "N-M" | [N, M] |
//! | vague words ([`VAGUE`]) | the table's interval ("several hundred" = [200, 999]) |
//! | "no arrests", "no one was killed" | [0, 0] |
//!
//! Fractions of a group ("half of Belarusians", "a quarter of voters") are percents
//! (half = 50). Whole-number intervals are rounded outward to integers.

use super::numbers::{NumberMatch, Subtype, find_numbers_lower};
use super::words::{WordSet, alnum_words, find_byte, has_whole_word, window_end, window_start};
use super::{ClaimKind, Modifier};
use crate::model::Span;
use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::LazyLock;

/// Vague quantity words and the interval each stands for (lower case, longest first wins).
/// "a few" is [2, 5] where Duckling says 3: a news reader cannot tell three from five.
pub const VAGUE: &[(&str, f64, f64)] = &[
    ("hundreds of millions", 200e6, 999_999_999.0),
    ("tens of millions", 20e6, 99_999_999.0),
    ("hundreds of thousands", 200_000.0, 999_999.0),
    ("tens of thousands", 20_000.0, 99_999.0),
    ("several hundred thousand", 200_000.0, 999_999.0),
    ("several thousand", 2000.0, 9999.0),
    ("several hundred", 200.0, 999.0),
    ("several dozen", 24.0, 99.0),
    ("a few hundred", 200.0, 499.0),
    ("a few thousand", 2000.0, 4999.0),
    ("a few dozen", 24.0, 60.0),
    ("a couple of hundred", 200.0, 300.0),
    ("a couple hundred", 200.0, 300.0),
    ("a couple of thousand", 2000.0, 3000.0),
    ("a couple thousand", 2000.0, 3000.0),
    ("billions", 2e9, 9_999_999_999.0),
    ("millions", 2e6, 9_999_999.0),
    ("thousands", 2000.0, 9999.0),
    ("hundreds", 200.0, 999.0),
    ("dozens", 24.0, 99.0),
    ("scores", 40.0, 99.0),
    ("a handful", 2.0, 9.0),
    ("a couple of", 2.0, 3.0),
    ("a few", 2.0, 5.0),
    ("several", 3.0, 9.0),
];

/// Fixed phrases that are durations ("a quarter of a century" = 25 years).
pub const DURATION_PHRASES: &[(&str, f64, &str)] = &[
    ("a quarter of a century", 25.0, "years"),
    ("a quarter-century", 25.0, "years"),
    ("half a century", 50.0, "years"),
    ("a half-century", 50.0, "years"),
    ("a century", 100.0, "years"),
    ("a decade", 10.0, "years"),
    ("two decades", 20.0, "years"),
    ("three decades", 30.0, "years"),
];

/// Words before a figure that qualify it (lower case, matched on whole words, longest first).
pub const MODIFIERS: &[(&str, Modifier)] = &[
    ("a fraction shy of", Modifier::Nearly),
    ("just shy of", Modifier::Nearly),
    ("shy of", Modifier::Nearly),
    ("at least or equal to", Modifier::AtLeast),
    ("equal to or more than", Modifier::AtLeast),
    ("equal to or greater than", Modifier::AtLeast),
    ("equal to or less than", Modifier::AtMost),
    ("equal to or fewer than", Modifier::AtMost),
    ("more or equal than", Modifier::AtLeast),
    ("greater or equal than", Modifier::AtLeast),
    ("bigger or equal than", Modifier::AtLeast),
    ("higher or equal than", Modifier::AtLeast),
    ("larger or equal than", Modifier::AtLeast),
    ("less or equal than", Modifier::AtMost),
    ("smaller or equal than", Modifier::AtMost),
    ("lower or equal than", Modifier::AtMost),
    ("fewer or equal than", Modifier::AtMost),
    ("more than or equal to", Modifier::AtLeast),
    ("greater than or equal to", Modifier::AtLeast),
    ("less than or equal to", Modifier::AtMost),
    ("no fewer than", Modifier::AtLeast),
    ("no less than", Modifier::AtLeast),
    ("not less than", Modifier::AtLeast),
    ("no more than", Modifier::AtMost),
    ("not more than", Modifier::AtMost),
    ("at least", Modifier::AtLeast),
    ("at most", Modifier::AtMost),
    ("well over", Modifier::MoreThan),
    ("just over", Modifier::MoreThan),
    ("more than", Modifier::MoreThan),
    ("greater than", Modifier::MoreThan),
    ("larger than", Modifier::MoreThan),
    ("bigger than", Modifier::MoreThan),
    ("higher than", Modifier::MoreThan),
    ("upwards of", Modifier::MoreThan),
    ("in excess of", Modifier::MoreThan),
    ("over", Modifier::MoreThan),
    ("above", Modifier::MoreThan),
    ("exceeding", Modifier::MoreThan),
    ("exceed", Modifier::MoreThan),
    ("surpass", Modifier::MoreThan),
    ("fewer than", Modifier::LessThan),
    ("less than", Modifier::LessThan),
    ("lower than", Modifier::LessThan),
    ("smaller than", Modifier::LessThan),
    ("just under", Modifier::Nearly),
    ("under", Modifier::LessThan),
    ("below", Modifier::LessThan),
    ("up to", Modifier::UpTo),
    ("as many as", Modifier::UpTo),
    ("as much as", Modifier::UpTo),
    ("nearly", Modifier::Nearly),
    ("almost", Modifier::Nearly),
    ("close to", Modifier::About),
    ("an estimated", Modifier::About),
    ("estimated", Modifier::About),
    ("approximately", Modifier::About),
    ("roughly", Modifier::About),
    ("around", Modifier::About),
    ("about", Modifier::About),
    ("some", Modifier::About),
    ("circa", Modifier::About),
    ("at its peak", Modifier::Peak),
    ("a peak of", Modifier::Peak),
    ("peaked at", Modifier::Peak),
    ("equal to", Modifier::Exactly),
    ("equals to", Modifier::Exactly),
    ("equaling to", Modifier::Exactly),
    ("equalling to", Modifier::Exactly),
    ("equals", Modifier::Exactly),
    ("exactly", Modifier::Exactly),
];

/// Words after a figure that qualify it ("500 or more").
const POST_MODIFIERS: &[(&str, Modifier)] = &[
    ("or equal to", Modifier::Exactly),
    ("or equal", Modifier::Exactly),
    ("or more", Modifier::AtLeast),
    ("and more", Modifier::AtLeast),
    ("or greater", Modifier::AtLeast),
    ("or above", Modifier::AtLeast),
    ("-plus", Modifier::AtLeast),
    ("or less", Modifier::AtMost),
    ("or fewer", Modifier::AtMost),
    ("or below", Modifier::AtMost),
];

/// Currency signs and codes before a figure (longest first so "S$" is not "$").
pub const CURRENCY_PREFIXES: &[(&str, &str)] = &[
    ("US$", "USD"),
    ("HK$", "HKD"),
    ("NZ$", "NZD"),
    ("S$", "SGD"),
    ("A$", "AUD"),
    ("C$", "CAD"),
    ("R$", "BRL"),
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("₽", "RUB"),
    ("₹", "INR"),
    ("₴", "UAH"),
    ("USD", "USD"),
    ("EUR", "EUR"),
    ("GBP", "GBP"),
    ("RUB", "RUB"),
    ("BYN", "BYN"),
    ("SGD", "SGD"),
];

/// Whether a byte is the last byte of one of [`CURRENCY_PREFIXES`].
static CURRENCY_PREFIX_ENDS: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < CURRENCY_PREFIXES.len() {
        let p = CURRENCY_PREFIXES[i].0.as_bytes();
        t[p[p.len() - 1] as usize] = true;
        i += 1;
    }
    t
};

/// Currency words after a figure ("2 billion euros"); two-word names first.
pub const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("singapore dollars", "SGD"),
    ("hong kong dollars", "HKD"),
    ("australian dollars", "AUD"),
    ("canadian dollars", "CAD"),
    ("belarusian rubles", "BYN"),
    ("belarusian roubles", "BYN"),
    ("us dollars", "USD"),
    ("u.s. dollars", "USD"),
    ("dollars", "USD"),
    ("dollar", "USD"),
    ("euros", "EUR"),
    ("euro", "EUR"),
    ("pounds sterling", "GBP"),
    ("pounds", "GBP"),
    ("rubles", "RUB"),
    ("roubles", "RUB"),
    ("yuan", "CNY"),
    ("renminbi", "CNY"),
    ("yen", "JPY"),
    ("hryvnias", "UAH"),
    ("hryvnia", "UAH"),
    ("rupees", "INR"),
    ("usd", "USD"),
    ("eur", "EUR"),
];

/// Units of time: a figure counting them is a duration.
const TIME_UNITS: &[&str] = &[
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "weekend",
    "weekends",
    "day",
    "days",
    "hour",
    "hours",
    "minute",
    "minutes",
    "decade",
    "decades",
    "century",
    "centuries",
];

/// Nouns that name people gathered: a figure counting them is a crowd.
const CROWD_NOUNS: &[&str] = &[
    "protesters",
    "protestors",
    "demonstrators",
    "marchers",
    "participants",
    "rallygoers",
    "supporters",
    "opponents",
    "activists",
];

/// Words that make counted people a crowd when they occur in the sentence.
const CROWD_CUES: &[&str] = &[
    "gathered",
    "gather",
    "rallied",
    "rally",
    "rallies",
    "marched",
    "march",
    "protest",
    "protested",
    "protests",
    "demonstrated",
    "demonstration",
    "demonstrations",
    "streets",
    "turned out",
    "turnout",
    "took to",
    "attended",
    "joined",
    "crowd",
    "crowds",
    "assembled",
];

/// Words near a figure that make it a count of detentions.
const DETAINED_CUES: &[&str] = &[
    "detained",
    "arrested",
    "detentions",
    "arrests",
    "detainees",
    "jailed",
    "held",
    "custody",
    "imprisoned",
    "rounded",
];

/// Words near a figure that make it a count of casualties.
const CASUALTY_CUES: &[&str] = &[
    "killed",
    "dead",
    "died",
    "deaths",
    "injured",
    "wounded",
    "casualties",
    "hurt",
    "hospitalised",
    "hospitalized",
    "victims",
    "fatalities",
];

/// Nouns that a figure commonly counts; searched a few words past the figure so that
/// "28 integration programs" counts programs.
const COUNTED_NOUNS: &[&str] = &[
    "people",
    "persons",
    "protesters",
    "protestors",
    "demonstrators",
    "participants",
    "marchers",
    "supporters",
    "opponents",
    "activists",
    "students",
    "workers",
    "police",
    "officers",
    "policemen",
    "troops",
    "soldiers",
    "journalists",
    "detainees",
    "prisoners",
    "arrests",
    "detentions",
    "deaths",
    "casualties",
    "victims",
    "civilians",
    "children",
    "women",
    "men",
    "residents",
    "voters",
    "votes",
    "seats",
    "members",
    "programs",
    "programmes",
    "roadmaps",
    "countries",
    "cities",
    "towns",
    "companies",
    "cases",
    "signatures",
    "candidates",
    "ministers",
    "officials",
    "delegates",
    "deputies",
    "refugees",
    "migrants",
    "citizens",
    "users",
    "jobs",
    "tonnes",
    "tons",
    "barrels",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
];

/// Words that end a counted-noun search (function words and common verbs).
const STOP_WORDS: &[&str] = &[
    "the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "or", "but", "with", "by",
    "from", "as", "is", "are", "was", "were", "be", "been", "have", "has", "had", "who", "which",
    "that", "this", "it", "its", "their", "his", "her", "than", "more", "less", "said", "says",
    "took", "gathered", "times", "per", "percent", "while", "when", "after", "before", "since",
    "during", "over", "under", "about", "into", "out", "up", "not", "no", "will", "would",
];

/// A relation the text states between a quantity and figures (Recognizers-Text's "range").
#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    pub span: Span,
    /// (value, inclusive)
    pub low: Option<(f64, bool)>,
    pub high: Option<(f64, bool)>,
    pub modifier: Option<Modifier>,
    /// The figure the relation is about (the first when two are given).
    pub point: Option<f64>,
    /// Whether the figure is a whole number written as such (counts round outward).
    pub integer: bool,
    /// The currency of a sign between the modifier and the figure ("more than $5 million"):
    /// the span then starts at the modifier, before the sign.
    pub currency: Option<&'static str>,
}

/// A quantity found in text, before it is turned into a claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub relation: Relation,
    pub kind: ClaimKind,
    pub counted: Option<String>,
    pub unit: Option<String>,
    /// True when the figure came from a vague word ("several hundred").
    pub vague: bool,
}

/// Whole-word phrase match of `phrase` (lower case) ending exactly at `end` in `lower`.
fn ends_with_phrase(lower: &str, end: usize, phrase: &str) -> Option<usize> {
    ends_before(lower, trimmed_before(lower, end)?, phrase)
}

/// `lower` up to `end` without its trailing white space: what [`ends_before`] reads, taken
/// once for a whole list of phrases (a figure is tested against every modifier, and
/// trimming per phrase was most of that cost).
fn trimmed_before(lower: &str, end: usize) -> Option<&str> {
    Some(lower.get(..end)?.trim_end())
}

/// [`ends_with_phrase`] where `before` is `trimmed_before(lower, end)`.
fn ends_before(lower: &str, before: &str, phrase: &str) -> Option<usize> {
    // Most phrases differ in their last byte: test it before comparing the whole phrase.
    if before.as_bytes().last() != phrase.as_bytes().last() && !phrase.is_empty()
        || !before.ends_with(phrase)
    {
        return None;
    }
    let start = before.len() - phrase.len();
    let ok = lower[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    ok.then_some(start)
}

/// Whole-word phrase match of `phrase` starting at `start` (after spaces).
fn starts_with_phrase(lower: &str, start: usize, phrase: &str) -> Option<usize> {
    starts_after(lower, trimmed_after(lower, start)?, phrase)
}

/// `lower` from `start` on without its leading spaces, with its offset: what
/// [`starts_after`] reads, taken once for a whole list of phrases.
fn trimmed_after(lower: &str, start: usize) -> Option<(usize, &str)> {
    let rest = lower.get(start..)?;
    let trimmed = rest.trim_start_matches([' ', '\u{a0}']);
    Some((start + rest.len() - trimmed.len(), trimmed))
}

/// [`starts_with_phrase`] where `after` is `trimmed_after(lower, start)`.
fn starts_after(lower: &str, (off, trimmed): (usize, &str), phrase: &str) -> Option<usize> {
    // Most phrases differ in their first byte: test it before comparing the whole phrase.
    if trimmed.as_bytes().first() != phrase.as_bytes().first() && !phrase.is_empty()
        || !trimmed.starts_with(phrase)
    {
        return None;
    }
    let end = off + phrase.len();
    let ok = phrase.starts_with('-')
        || lower[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
    ok.then_some(end)
}

/// Spans of URLs and e-mail-like tokens, where nothing is a quantity. A "www." counts only
/// after the last "://"; both are located in one pass each, so a line of many addresses
/// stays linear. Neither mark can overlap itself or the other, so a search for each finds
/// every occurrence; `memchr`'s substring search skips ahead on the marks' rarer bytes (an
/// Aho-Corasick search over both stopped at every "w" of the text).
fn url_spans(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let schemes: Vec<usize> = memchr::memmem::find_iter(b, b"://").collect();
    let hosts: Vec<usize> = memchr::memmem::find_iter(b, b"www.").collect();
    let next_at = |list: &[usize], i: usize| list.get(list.partition_point(|&k| k < i)).copied();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(at) = next_at(&schemes, i).or_else(|| next_at(&hosts, i)) {
        let start = text[..at]
            .rfind(|c: char| c.is_whitespace() || c == '(' || c == '<')
            .map(|p| p + 1)
            .unwrap_or(0);
        let end = text[at..]
            .find(|c: char| c.is_whitespace() || c == ')' || c == '>')
            .map(|p| at + p)
            .unwrap_or(text.len());
        out.push((start, end));
        i = end.max(at + 3);
        if i >= text.len() {
            break;
        }
    }
    out
}

/// Whether `[start, end)` overlaps one of `spans`, given as (start, end) sorted by start,
/// with `max_end[i]` the largest end among the first `i + 1` of them.
fn overlaps_any(spans: &[(usize, usize)], max_end: &[usize], start: usize, end: usize) -> bool {
    let i = spans.partition_point(|s| s.0 < end);
    i > 0 && max_end[i - 1] > start
}

/// Spans sorted by start with their running maximum end, for [`overlaps_any`].
fn overlap_index(mut spans: Vec<(usize, usize)>) -> (Vec<(usize, usize)>, Vec<usize>) {
    spans.sort_unstable();
    let max_end = spans
        .iter()
        .scan(0, |m, s| {
            *m = (*m).max(s.1);
            Some(*m)
        })
        .collect();
    (spans, max_end)
}

/// A figure: a number match or a vague phrase.
#[derive(Debug, Clone)]
struct Figure {
    start: usize,
    end: usize,
    value: Option<f64>,
    vague: Option<(f64, f64)>,
    subtype: Subtype,
}

/// One automaton over the vague phrases (leftmost-longest: "several hundred" beats "several").
static VAGUE_AC: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(VAGUE.iter().map(|v| v.0))
        .expect("valid patterns")
});

fn vague_figures(lower: &str) -> Vec<Figure> {
    let b = lower.as_bytes();
    VAGUE_AC
        .find_iter(lower)
        .filter(|m| {
            let at_word = m.start() == 0 || !b[m.start() - 1].is_ascii_alphanumeric();
            let ends_word = m.end() == b.len() || !b[m.end()].is_ascii_alphanumeric();
            at_word && ends_word
        })
        .map(|m| {
            let (_, lo, hi) = VAGUE[m.pattern().as_usize()];
            Figure {
                start: m.start(),
                end: m.end(),
                value: None,
                vague: Some((lo, hi)),
                subtype: Subtype::Integer,
            }
        })
        .collect()
}

/// Every figure in the text: numbers, and vague words where no number overlaps.
fn figures(text: &str, lower: &str) -> Vec<Figure> {
    let (urls, urls_end) = overlap_index(url_spans(text));
    let nums: Vec<NumberMatch> = find_numbers_lower(text, lower)
        .into_iter()
        .filter(|m| !overlaps_any(&urls, &urls_end, m.start, m.end))
        .collect();
    let mut out: Vec<Figure> = vague_figures(lower);
    let (vague, vague_end) = overlap_index(out.iter().map(|f| (f.start, f.end)).collect());
    for m in nums {
        if overlaps_any(&vague, &vague_end, m.start, m.end) {
            continue;
        }
        out.push(Figure {
            start: m.start,
            end: m.end,
            value: Some(m.value),
            vague: None,
            subtype: m.subtype,
        });
    }
    out.sort_by_key(|f| f.start);
    out
}

/// Next round step above `n`: 10^floor(log10 n).
fn step(n: f64) -> f64 {
    if n <= 0.0 {
        return 1.0;
    }
    10f64.powi(n.abs().log10().floor() as i32)
}

fn significant_digits(n: f64) -> usize {
    let s = format!("{}", n.abs());
    let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    let t = digits.trim_start_matches('0').trim_end_matches('0');
    t.len().max(1)
}

impl Relation {
    /// The claim interval under the module's conventions: (low, low incl., high, high incl.).
    pub fn interval(&self) -> (Option<f64>, bool, Option<f64>, bool) {
        let Some(n) = self.point else {
            return (
                self.low.map(|l| l.0),
                self.low.is_none_or(|l| l.1),
                self.high.map(|h| h.0),
                self.high.is_none_or(|h| h.1),
            );
        };
        let whole = self.integer && n.fract() == 0.0;
        match self.modifier {
            Some(Modifier::MoreThan) if self.high.is_none() => {
                let s = step(n);
                if whole && n < 10.0 {
                    (Some(n), false, Some(9.0), true)
                } else if whole {
                    (Some(n), false, Some(n + s - 1.0), true)
                } else {
                    (Some(n), false, Some(n + s), false)
                }
            }
            Some(Modifier::About) => {
                let rel = if significant_digits(n) <= 1 { 0.2 } else { 0.1 };
                let (mut lo, mut hi) = (n * (1.0 - rel), n * (1.0 + rel));
                if whole {
                    lo = lo.floor();
                    hi = hi.ceil();
                }
                (Some(lo), true, Some(hi), true)
            }
            Some(Modifier::Nearly) => {
                let mut lo = n * 0.9;
                if whole {
                    lo = lo.floor();
                }
                (Some(lo), true, Some(n), false)
            }
            Some(Modifier::UpTo) => (Some(0.0), false, Some(n), true),
            _ => (
                self.low.map(|l| l.0),
                self.low.is_none_or(|l| l.1),
                self.high.map(|h| h.0),
                self.high.is_none_or(|h| h.1),
            ),
        }
    }
}

/// Finds the stated relations (figures with modifiers and ranges) in a text.
/// Used directly by the Recognizers-Text range scoreboard.
pub fn find_relations(text: &str) -> Vec<Relation> {
    // ASCII lower-casing keeps byte offsets aligned with the text.
    let lower = text.to_ascii_lowercase();
    relations_from(text, &lower, &figures(text, &lower))
}

/// The modifier phrase that ends right before `pos` (white space between) and where it
/// starts; the first in table order.
fn modifier_before(lower: &str, pos: usize) -> Option<(usize, Modifier)> {
    let before = trimmed_before(lower, pos);
    ending_with_last_byte_of(&MODIFIERS_BY_LAST, before)
        .iter()
        .find_map(|(p, m)| Some((ends_before(lower, before?, p)?, *m)))
}

fn relations_from(text: &str, lower: &str, figs: &[Figure]) -> Vec<Relation> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < figs.len() {
        let f = &figs[i];
        let mut start = f.start;
        let mut end = f.end;
        let mut modifier = None;
        // Modifier right before ("more than 40 and less than 10": not "less than" for 40),
        // or before a currency sign that stands between it and the figure: "more than $5
        // million", "about €300,000" (the figure's own start is after the sign).
        let mut currency = None;
        if let Some((s, m)) = modifier_before(lower, f.start) {
            start = s;
            modifier = Some(m);
        } else if let Some((code, sign)) = currency_before(text, f.start)
            && let Some((s, m)) = modifier_before(lower, sign)
        {
            start = s;
            modifier = Some(m);
            currency = Some(code);
        }
        // Symbols: >, >=, <, <=, "< =".
        if modifier.is_none() {
            let before = text[..f.start].trim_end_matches([' ', '\u{a0}']);
            let sym = [
                (">=", Modifier::AtLeast),
                ("> =", Modifier::AtLeast),
                ("<=", Modifier::AtMost),
                ("< =", Modifier::AtMost),
                (">", Modifier::MoreThanStrict),
                ("<", Modifier::LessThan),
            ];
            for (s, m) in sym {
                if before.ends_with(s) {
                    let at = before.len() - s.len();
                    let prev = text[..at].chars().next_back();
                    if prev.is_none_or(|c| !"<>=".contains(c)) {
                        start = at;
                        modifier = Some(m);
                    }
                    break;
                }
            }
        }
        let mut low = None;
        let mut high = None;
        let point = f.value;
        if let Some((lo, hi)) = f.vague {
            low = Some((lo, true));
            high = Some((hi, true));
            if modifier.is_none() {
                modifier = Some(Modifier::Several);
            }
        }
        // Ranges: "between X and Y", "from X to Y", "X to Y", "X-Y", "X through Y".
        let mut consumed_next = false;
        if let (Some(v), Some(next)) = (f.value, figs.get(i + 1))
            && let Some(nv) = next.value
        {
            let gap = &lower[f.end..next.start];
            let gap_t = gap.trim();
            let between = ends_with_phrase(lower, f.start, "between");
            let from = ends_with_phrase(lower, f.start, "from");
            let joined = match gap_t {
                "and" => between.is_some(),
                "to" | "through" | "thru" => true,
                "-" | "–" | "—" | "~" => !gap.starts_with(' ') || gap.ends_with(' '),
                _ => false,
            };
            if joined && nv > v {
                if let Some(s) = between.or(from) {
                    start = s;
                }
                low = Some((v, true));
                high = Some((nv, true));
                modifier = Some(Modifier::Between);
                end = next.end;
                consumed_next = true;
            }
        }
        if !consumed_next && let Some(v) = f.value {
            // Post-modifiers: "500 or more".
            let after = trimmed_after(lower, f.end);
            for (p, m) in POST_MODIFIERS {
                if let Some(e) = after.and_then(|a| starts_after(lower, a, p)) {
                    // "5000 or less than 6000": the words open the next figure's relation.
                    let than_figure = starts_with_phrase(lower, e, "than")
                        .and_then(|t| figs.get(i + 1).map(|n| (t, n)))
                        .is_some_and(|(t, n)| lower[t..n.start].trim().is_empty());
                    let to_figure = p.ends_with(" to")
                        && figs
                            .get(i + 1)
                            .is_some_and(|n| lower[e..n.start].trim().is_empty());
                    if than_figure || to_figure {
                        break;
                    }
                    // "less than 5000 or equal": the bound becomes inclusive.
                    let m = match (*m, modifier) {
                        (Modifier::Exactly, Some(Modifier::LessThan)) => Modifier::AtMost,
                        (Modifier::Exactly, Some(Modifier::MoreThan)) => Modifier::AtLeast,
                        (Modifier::Exactly, other) => other.unwrap_or(Modifier::Exactly),
                        (m, _) => m,
                    };
                    modifier = Some(m);
                    end = e;
                    // "or more than" with nothing after.
                    if let Some(e2) = starts_with_phrase(lower, end, "than") {
                        end = e2;
                    }
                    break;
                }
            }
            match modifier {
                Some(Modifier::MoreThan) | Some(Modifier::MoreThanStrict) => {
                    low = Some((v, false));
                }
                Some(Modifier::AtLeast) => low = Some((v, true)),
                Some(Modifier::LessThan) => high = Some((v, false)),
                Some(Modifier::AtMost) => high = Some((v, true)),
                Some(Modifier::UpTo) => high = Some((v, true)),
                Some(Modifier::Exactly) => {
                    low = Some((v, true));
                    high = Some((v, true));
                }
                Some(Modifier::Nearly) => high = Some((v, false)),
                _ => {
                    low = Some((v, true));
                    high = Some((v, true));
                }
            }
            // "more than 10 and less than 40": two bounds on one quantity.
            if let Some(next) = figs.get(i + 1)
                && let Some(nv) = next.value
                && matches!(
                    modifier,
                    Some(
                        Modifier::MoreThan
                            | Modifier::AtLeast
                            | Modifier::LessThan
                            | Modifier::AtMost
                    )
                )
            {
                let gap_start = end;
                if let Some((ms, m)) = modifier_before(lower, next.start)
                    && ms >= gap_start
                    && matches!(
                        lower[gap_start..ms].trim().trim_matches(',').trim(),
                        "and" | "but" | "," | ""
                    )
                {
                    let lower_bound =
                        matches!(modifier, Some(Modifier::MoreThan | Modifier::AtLeast));
                    let (lo2, hi2) = match m {
                        Modifier::LessThan if lower_bound => (None, Some((nv, false))),
                        Modifier::AtMost if lower_bound => (None, Some((nv, true))),
                        Modifier::MoreThan if !lower_bound => (Some((nv, false)), None),
                        Modifier::AtLeast if !lower_bound => (Some((nv, true)), None),
                        _ => (None, None),
                    };
                    if lo2.is_some() || hi2.is_some() {
                        let (l, h) = if lower_bound { (low, hi2) } else { (lo2, high) };
                        if let (Some(l), Some(h)) = (l, h)
                            && l.0 < h.0
                        {
                            low = Some(l);
                            high = Some(h);
                            end = next.end;
                            modifier = Some(Modifier::Between);
                            consumed_next = true;
                        }
                    }
                }
            }
        }
        out.push(Relation {
            span: Span::new(start, end),
            low,
            high,
            modifier,
            point: if modifier == Some(Modifier::Between) {
                None
            } else {
                point
            },
            integer: f.subtype == Subtype::Integer,
            currency,
        });
        i += if consumed_next { 2 } else { 1 };
    }
    out
}

/// Percents: "36%", "20 percent", "per cent of 210", "minus five percent".
pub fn find_percents(text: &str) -> Vec<(Span, f64)> {
    let lower = text.to_ascii_lowercase();
    let figs = figures(text, &lower);
    let mut out = Vec::new();
    for (i, f) in figs.iter().enumerate() {
        let Some(v) = f.value else { continue };
        if let Some(e) = percent_sign_after(&lower, f.end) {
            out.push((Span::new(f.start, e), v));
            continue;
        }
        // "percent of 10", "per cent of twenty-two": the sign before the figure.
        for p in ["percents of", "percent of", "per cent of", "percentage of"] {
            if let Some(s) = ends_with_phrase(&lower, f.start, p) {
                let prev_fig_adjacent = i > 0 && figs[i - 1].end + 1 >= s;
                if !prev_fig_adjacent {
                    out.push((Span::new(s, f.end), v));
                }
                break;
            }
        }
    }
    out
}

fn percent_sign_after(lower: &str, end: usize) -> Option<usize> {
    if lower[end..].starts_with('%') {
        return Some(end + 1);
    }
    let after = trimmed_after(lower, end);
    for w in [
        "percentage points",
        "percentage point",
        "percentage",
        "percents",
        "percent",
        "per cent",
        "pct",
    ] {
        if let Some(e) = after.and_then(|a| starts_after(lower, a, w)) {
            return Some(e);
        }
    }
    if lower[end..].starts_with(" %") {
        return Some(end + 2);
    }
    None
}

/// The words right after `pos`, lower case, up to `n`, stopping at sentence punctuation.
fn words_after(lower: &str, pos: usize, n: usize) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut i = pos;
    let b = lower.as_bytes();
    while out.len() < n && i < b.len() {
        let c = lower[i..].chars().next().unwrap_or(' ');
        if c.is_alphabetic() {
            let e = i + lower[i..]
                .char_indices()
                .find(|(_, ch)| !(ch.is_alphabetic() || *ch == '-' || *ch == '\''))
                .map(|(k, _)| k)
                .unwrap_or(lower.len() - i);
            out.push((i, e, &lower[i..e]));
            i = e;
        } else if c.is_whitespace() || "“”\"‘’'".contains(c) {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    out
}

fn currency_before(text: &str, start: usize) -> Option<(&'static str, usize)> {
    let before = text[..start].trim_end_matches([' ', '\u{a0}']);
    // A text that ends with a prefix ends with its last byte: most figures follow a word or
    // a space, which no prefix ends with, and need no test of every prefix.
    if !before
        .as_bytes()
        .last()
        .is_some_and(|&b| CURRENCY_PREFIX_ENDS[usize::from(b)])
    {
        return None;
    }
    for (p, code) in CURRENCY_PREFIXES {
        if before.ends_with(p) {
            let s = before.len() - p.len();
            // "US$" must not be the tail of a longer word.
            let glued = text[..s]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric());
            if !glued {
                return Some((code, s));
            }
        }
    }
    None
}

fn currency_after(lower: &str, end: usize) -> Option<(&'static str, usize)> {
    let mut pos = end;
    // "hundreds of millions of dollars", "2 billion of euros".
    if let Some(e) = starts_with_phrase(lower, pos, "of") {
        pos = e;
    }
    let after = trimmed_after(lower, pos);
    let first = after.and_then(|(_, a)| a.as_bytes().first());
    let words = first.map_or(&[][..], |&c| &CURRENCY_WORDS_BY_FIRST[usize::from(c)]);
    for (w, code) in words {
        if let Some(e) = after.and_then(|a| starts_after(lower, a, w)) {
            return Some((code, e));
        }
    }
    None
}

/// Finds the quantities of a text (the claim layer adds sentence, attribution and date).
/// `exclude` lists spans (dates) whose figures are not quantities.
pub fn find_quantities(text: &str, exclude: &[Span]) -> Vec<Quantity> {
    let lower = text.to_ascii_lowercase();
    let (excluded, excluded_end) =
        overlap_index(exclude.iter().map(|s| (s.start, s.end)).collect());
    let figs: Vec<Figure> = figures(text, &lower)
        .into_iter()
        .filter(|f| !overlaps_any(&excluded, &excluded_end, f.start, f.end))
        .collect();
    let rels = relations_from(text, &lower, &figs);
    let mut out = Vec::new();
    for rel in rels {
        if let Some(q) = classify(text, &lower, rel) {
            out.push(q);
        }
    }
    out.extend(fixed_phrases(&lower));
    // Longest first at each start, so "a quarter of a century" beats "a quarter".
    out.sort_by_key(|q| {
        (
            q.relation.span.start,
            std::cmp::Reverse(q.relation.span.end),
        )
    });
    out.dedup_by(|a, b| {
        a.relation.span.start < b.relation.span.end && b.relation.span.start < a.relation.span.end
    });
    out
}

/// Fixed phrases whose figure the words settle: stated zeros ("made no arrests") and
/// duration phrases ([`DURATION_PHRASES`]). (phrase, value, kind, counted, unit)
/// A fixed phrase: (phrase, value, kind, counted noun, unit).
type Fixed = (String, f64, ClaimKind, &'static str, Option<&'static str>);

static FIXED: LazyLock<Vec<Fixed>> = LazyLock::new(|| {
    const ZERO_NOUNS: &[(&str, ClaimKind)] = &[
        ("arrests", ClaimKind::Detained),
        ("detentions", ClaimKind::Detained),
        ("casualties", ClaimKind::Casualties),
        ("deaths", ClaimKind::Casualties),
        ("injuries", ClaimKind::Casualties),
        ("fatalities", ClaimKind::Casualties),
    ];
    let zeros = ZERO_NOUNS
        .iter()
        .map(|(n, k)| (format!("no {n}"), 0.0, *k, *n, None));
    let durations = DURATION_PHRASES
        .iter()
        .map(|(p, v, u)| (p.to_string(), *v, ClaimKind::Duration, *u, Some(*u)));
    zeros.chain(durations).collect()
});

static FIXED_AC: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(FIXED.iter().map(|f| f.0.as_str()))
        .expect("valid patterns")
});

/// Stated zeros and fixed duration phrases, in one pass.
fn fixed_phrases(lower: &str) -> Vec<Quantity> {
    let b = lower.as_bytes();
    FIXED_AC
        .find_iter(lower)
        .filter(|m| {
            (m.start() == 0 || !b[m.start() - 1].is_ascii_alphanumeric())
                && (m.end() == b.len() || !b[m.end()].is_ascii_alphanumeric())
        })
        .map(|m| {
            let (_, v, kind, counted, unit) = &FIXED[m.pattern().as_usize()];
            Quantity {
                relation: Relation {
                    span: Span::new(m.start(), m.end()),
                    low: Some((*v, true)),
                    high: Some((*v, true)),
                    modifier: None,
                    point: Some(*v),
                    integer: true,
                    currency: None,
                },
                kind: *kind,
                counted: Some(counted.to_string()),
                unit: unit.map(str::to_string),
                vague: false,
            }
        })
        .collect()
}

/// Sentence bounds around `pos` (cheap: to the nearest stop or paragraph break), at most
/// [`super::words::CONTEXT_BYTES`] on either side so that a giant sentence is not scanned per figure.
fn clause_around(lower: &str, pos: usize) -> &str {
    let from = window_start(lower, pos);
    let to = window_end(lower, pos);
    let s = lower[from..pos]
        .rfind(['.', '!', '?', '\n'])
        .map(|p| from + p + 1)
        .unwrap_or(from);
    let e = lower[pos..to]
        .find(['.', '!', '?', '\n'])
        .map(|p| pos + p)
        .unwrap_or(to);
    &lower[s..e]
}

/// Whether one of `cues` is among the two words right before `pos` ("detained about 300"
/// has its modifier inside the figure's span, so the words before the span are read).
fn verb_before(lower: &str, pos: usize, cues: &[&str]) -> bool {
    lower[..pos]
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .rev()
        .take(2)
        .any(|w| cues.contains(&w))
}

/// Cue tables as word sets; the only cues of two words are looked up as phrases.
static DETAINED_SET: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(DETAINED_CUES.iter().copied()));
static CASUALTY_SET: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(CASUALTY_CUES.iter().copied()));
static CROWD_SET: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(CROWD_CUES.iter().copied().filter(|c| !c.contains(' '))));
static CROWD_PHRASES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    CROWD_CUES
        .iter()
        .copied()
        .filter(|c| c.contains(' '))
        .collect()
});

/// Whether a detention cue and whether a casualty cue is among the words of `hay`: one pass
/// for both, which each of [`has_whole_word`] with [`DETAINED_SET`] and with
/// [`CASUALTY_SET`] would give (a figure without either cue read the words twice).
fn cue_words(hay: &str) -> (bool, bool) {
    let (mut detained, mut casualty) = (false, false);
    for (_, w) in alnum_words(hay) {
        detained |= DETAINED_SET.contains(w);
        casualty |= CASUALTY_SET.contains(w);
        if detained && casualty {
            break;
        }
    }
    (detained, casualty)
}

/// Word tables read for every figure, as sets (a `contains` on the lists compared each
/// word with every entry).
static STOP_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(STOP_WORDS.iter().copied()));
static COUNTED_SET: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(COUNTED_NOUNS.iter().copied()));
static TIME_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(TIME_UNITS.iter().copied()));

/// A phrase table split by one byte of each phrase (its last with `last`, else its first),
/// each part in table order: a figure is tested only against the phrases that can end right
/// before it or start right after it, and the first match in table order is the same.
type ByByte<T> = Vec<Vec<(&'static str, T)>>;

fn by_byte<T: Copy>(table: &[(&'static str, T)], last: bool) -> ByByte<T> {
    let mut parts = vec![Vec::new(); 256];
    for &(p, v) in table {
        let b = if last {
            p.as_bytes().last()
        } else {
            p.as_bytes().first()
        };
        parts[usize::from(*b.expect("a non-empty phrase"))].push((p, v));
    }
    parts
}

static MODIFIERS_BY_LAST: LazyLock<ByByte<Modifier>> = LazyLock::new(|| by_byte(MODIFIERS, true));
static CURRENCY_WORDS_BY_FIRST: LazyLock<ByByte<&'static str>> =
    LazyLock::new(|| by_byte(CURRENCY_WORDS, false));

/// The phrases of `parts` (split by last byte) that can end `before`, the trimmed text
/// before a figure: [`ends_before`] fails for every other phrase.
fn ending_with_last_byte_of<'a, T>(
    parts: &'a ByByte<T>,
    before: Option<&str>,
) -> &'a [(&'static str, T)] {
    before
        .and_then(|b| b.as_bytes().last())
        .map_or(&[], |&c| &parts[usize::from(c)])
}

fn classify(text: &str, lower: &str, mut rel: Relation) -> Option<Quantity> {
    let start = rel.span.start;
    let fig_end = rel.span.end;
    // Money: a currency before or after, or a sign between the modifier and the figure
    // (the span already starts at the modifier).
    let cur_before = currency_before(text, start).or(rel.currency.map(|code| (code, start)));
    if let Some((code, s)) = cur_before {
        rel.span.start = s;
        return Some(Quantity {
            relation: rel,
            kind: ClaimKind::Money,
            counted: None,
            unit: Some(code.to_string()),
            vague: false,
        });
    }
    if let Some((code, e)) = currency_after(lower, fig_end) {
        rel.span.end = e;
        let vague = rel.point.is_none();
        return Some(Quantity {
            relation: rel,
            kind: ClaimKind::Money,
            counted: None,
            unit: Some(code.to_string()),
            vague,
        });
    }
    if let Some(e) = percent_sign_after(lower, fig_end) {
        rel.span.end = e;
        return Some(Quantity {
            relation: rel,
            kind: ClaimKind::Percent,
            counted: None,
            unit: Some("%".into()),
            vague: false,
        });
    }
    let vague = rel.point.is_none() && rel.modifier == Some(Modifier::Several);
    let words = words_after(lower, fig_end, 4);
    // Multipliers: "29 times the size", "twice", "3-fold".
    if words.first().is_some_and(|w| w.2 == "times") {
        rel.span.end = words[0].1;
        return Some(Quantity {
            relation: rel,
            kind: ClaimKind::Multiplier,
            counted: None,
            unit: Some("times".into()),
            vague,
        });
    }
    if lower[fig_end..].starts_with("-fold") {
        rel.span.end = fig_end + 5;
        return Some(Quantity {
            relation: rel,
            kind: ClaimKind::Multiplier,
            counted: None,
            unit: Some("times".into()),
            vague,
        });
    }
    // Fractions of a group: "half of Belarusians" -> 50 percent.
    let v = rel.point;
    if let Some(v) = v
        && v > 0.0
        && v < 1.0
        && words.first().is_some_and(|w| w.2 == "of")
    {
        let counted = words.get(1).map(|w| w.2.trim_matches('\'').to_string());
        let scale = |b: Option<(f64, bool)>| b.map(|(x, inc)| (x * 100.0, inc));
        rel.low = scale(rel.low);
        rel.high = scale(rel.high);
        rel.point = Some(v * 100.0);
        rel.integer = false;
        return Some(Quantity {
            relation: rel,
            kind: ClaimKind::Percent,
            counted,
            unit: Some("%".into()),
            vague,
        });
    }
    // Ordinals and fractions not of a group ("a sixth term") are not quantities.
    if v.is_some_and(|v| v > 0.0 && v < 1.0) {
        return None;
    }
    // Ages: "Lukashenko, 66," and "aged 66", "66-year-old".
    if let Some(v) = v
        && (1.0..=120.0).contains(&v)
        && v.fract() == 0.0
    {
        let before = text[..start].trim_end();
        let after = text[fig_end..].trim_start();
        let name_before = before.ends_with(',')
            && before[..before.len() - 1]
                .split_whitespace()
                .next_back()
                .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
        let comma_after = after.starts_with(',') || after.starts_with('.');
        let aged = ends_with_phrase(lower, start, "aged").is_some();
        let year_old =
            lower[fig_end..].starts_with("-year-old") || lower[fig_end..].starts_with(" years old");
        if (name_before && comma_after && rel.modifier.is_none()) || aged || year_old {
            return Some(Quantity {
                relation: rel,
                kind: ClaimKind::Age,
                counted: None,
                unit: Some("years".into()),
                vague: false,
            });
        }
    }
    // Hyphenated durations: "his 25-year rule".
    if let Some(rest) = lower[fig_end..].strip_prefix('-') {
        let unit: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
        if TIME_UNITS.contains(&unit.as_str()) {
            let unit_plural = if unit.ends_with('s') {
                unit.clone()
            } else {
                format!("{unit}s")
            };
            rel.span.end = fig_end + 1 + unit.len();
            return Some(Quantity {
                relation: rel,
                kind: ClaimKind::Duration,
                counted: Some(unit_plural.clone()),
                unit: Some(unit_plural),
                vague,
            });
        }
        return None;
    }
    // The counted noun: a known noun among the next words, else the first content word.
    let mut ws: &[(usize, usize, &str)] = &words;
    // Vague words take "of": "hundreds of people".
    if ws.first().is_some_and(|w| w.2 == "of") {
        ws = &ws[1..];
        if ws.first().is_some_and(|w| w.2 == "the") {
            ws = &ws[1..];
        }
    }
    let known = ws
        .iter()
        .take(3)
        .take_while(|w| !STOP_SET.contains(w.2) || COUNTED_SET.contains(w.2))
        .find(|w| COUNTED_SET.contains(w.2) || TIME_SET.contains(w.2));
    // "two consecutive terms": the first plural among the next two content words.
    let content: Vec<&(usize, usize, &str)> = ws
        .iter()
        .take(2)
        .take_while(|w| !STOP_SET.contains(w.2) && !w.2.contains('\''))
        .collect();
    let first_content = content
        .iter()
        .find(|w| w.2.ends_with('s') && !w.2.ends_with("ss"))
        .or(content.first())
        .copied();
    // Title Case after a figure is a headline ("Hundreds Protest"), not a counted noun.
    let first_content = first_content.filter(|w| {
        text[w.0..w.1]
            .chars()
            .next()
            .is_some_and(|c| !c.is_uppercase())
    });
    let counted_w = known.or(first_content);
    let counted = counted_w.map(|w| w.2.trim_matches(|c| c == '\'' || c == '-').to_string());
    if let Some(c) = &counted {
        if TIME_UNITS.contains(&c.as_str()) {
            // A year standing alone ("in 2024") is a date, not a duration.
            rel.span.end = counted_w.map(|w| w.1).unwrap_or(fig_end);
            return Some(Quantity {
                relation: rel,
                kind: ClaimKind::Duration,
                counted: Some(c.clone()),
                unit: Some(c.clone()),
                vague,
            });
        }
    }
    // A bare four-digit year is a date; bare figures without a noun are not claims.
    if let Some(v) = v
        && (1000.0..=2100.0).contains(&v)
        && v.fract() == 0.0
        && !text[start..fig_end].contains([',', ' ', '.'])
        && rel.modifier.is_none()
    {
        return None;
    }
    let mut window_end = (fig_end + 60).min(lower.len());
    while !lower.is_char_boundary(window_end) {
        window_end -= 1;
    }
    let after_window = &lower[fig_end..window_end];
    // Up to the first stop or semicolon (both ASCII, so the first such byte).
    let after_window = &after_window[..find_byte(after_window.as_bytes(), 0, [b'.', b';'], false)];
    let detained_noun = counted
        .as_deref()
        .is_some_and(|c| DETAINED_CUES.contains(&c));
    let (detained_after, casualty_after) = if detained_noun {
        (true, false)
    } else {
        cue_words(after_window)
    };
    let kind = if detained_noun || detained_after {
        ClaimKind::Detained
    } else if counted
        .as_deref()
        .is_some_and(|c| CASUALTY_CUES.contains(&c))
        || casualty_after
    {
        ClaimKind::Casualties
    } else if counted.as_deref().is_some_and(|c| CROWD_NOUNS.contains(&c))
        || (counted
            .as_deref()
            .is_some_and(|c| c == "people" || c == "persons")
            && has_whole_word(clause_around(lower, start), &CROWD_SET, &CROWD_PHRASES))
    {
        ClaimKind::Crowd
    } else if counted.is_none() && verb_before(lower, start, DETAINED_CUES) {
        // "police detained about 300": the verb before a bare figure says what it counts.
        ClaimKind::Detained
    } else if counted.is_none() && verb_before(lower, start, CASUALTY_CUES) {
        ClaimKind::Casualties
    } else if counted.is_some() {
        // "two leaders", "one of the": small figures in words are not claims worth checking.
        let small_word = v.is_some_and(|v| v < 10.0)
            && text[start..fig_end].chars().any(char::is_alphabetic)
            && rel.modifier.is_none();
        if small_word {
            return None;
        }
        ClaimKind::Count
    } else {
        return None;
    };
    if let Some(w) = counted_w {
        rel.span.end = rel.span.end.max(w.1);
        // Keep a closing quote mark with the noun ("28 integration “programs”").
        if let Some(c) = text[rel.span.end..].chars().next()
            && matches!(c, '”' | '"' | '’' | '\'')
            && text[rel.span.start..rel.span.end].contains(['“', '"', '‘', '\''])
        {
            rel.span.end += c.len_utf8();
        }
    }
    Some(Quantity {
        relation: rel,
        kind,
        counted,
        unit: None,
        vague,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(t: &str) -> Quantity {
        let q = find_quantities(t, &[]);
        assert_eq!(q.len(), 1, "{t}: {q:?}");
        q.into_iter().next().unwrap()
    }

    #[test]
    fn currency_before_is_the_test_of_every_prefix() {
        // The prefix test of every prefix, without the last-byte filter.
        let every = |text: &str, start: usize| {
            let before = text[..start].trim_end_matches([' ', '\u{a0}']);
            CURRENCY_PREFIXES.iter().find_map(|(p, code)| {
                let s = before.strip_suffix(p).map(|b| b.len())?;
                let glued = text[..s]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
                (!glued).then_some((*code, s))
            })
        };
        let mut texts = vec![String::new()];
        for (p, _) in CURRENCY_PREFIXES {
            for lead in ["", " ", "x", "5", "é", "(", "US"] {
                for gap in ["", " ", "\u{a0}", "  \u{a0} "] {
                    texts.push(format!("{lead}{p}{gap}"));
                }
            }
        }
        texts.extend(
            [
                "at least ",
                "about $",
                "for \u{20ac}",
                "ab",
                "$$",
                "5 ",
                "D",
                "\u{a0}",
            ]
            .map(String::from),
        );
        for t in &texts {
            for (start, _) in t.char_indices().chain([(t.len(), ' ')]) {
                assert_eq!(currency_before(t, start), every(t, start), "{t:?} {start}");
            }
        }
    }

    #[test]
    fn url_marks_are_every_occurrence_of_each() {
        // The marks overlap neither themselves nor each other, so the substring searches
        // find each mark's every occurrence, as `match_indices` does.
        let text = "see http://x.org/a?n=5 or wwww.y.com:// www.www. (https://z) ::// 7";
        let b = text.as_bytes();
        for mark in ["://", "www."] {
            let found: Vec<usize> = memchr::memmem::find_iter(b, mark.as_bytes()).collect();
            let all: Vec<usize> = (0..b.len())
                .filter(|&i| b[i..].starts_with(mark.as_bytes()))
                .collect();
            assert_eq!(found, all, "{mark}");
        }
        let spans: Vec<&str> = url_spans(text).iter().map(|s| &text[s.0..s.1]).collect();
        assert_eq!(
            spans,
            vec!["http://x.org/a?n=5", "wwww.y.com://", "https://z", ":://"]
        );
        // Hosts count after the last scheme.
        let spans: Vec<&str> = url_spans("a www.b.c d www.e")
            .iter()
            .map(|s| &"a www.b.c d www.e"[s.0..s.1])
            .collect();
        assert_eq!(spans, vec!["www.b.c", "www.e"]);
    }

    #[test]
    fn several_hundred_is_a_crowd_interval() {
        let q = one("Several hundred people gathered in Minsk on Saturday.");
        assert_eq!(q.kind, ClaimKind::Crowd);
        assert_eq!(
            q.relation.interval(),
            (Some(200.0), true, Some(999.0), true)
        );
        assert_eq!(q.counted.as_deref(), Some("people"));
    }

    #[test]
    fn more_than_rounds_to_the_next_step() {
        let q = one("More than 1,000 people took to the streets.");
        assert_eq!(q.kind, ClaimKind::Crowd);
        assert_eq!(
            q.relation.interval(),
            (Some(1000.0), false, Some(1999.0), true)
        );
    }

    #[test]
    fn money_keeps_its_currency() {
        let q = one("The fund holds S$2 billion.");
        assert_eq!(q.kind, ClaimKind::Money);
        assert_eq!(q.unit.as_deref(), Some("SGD"));
        assert_eq!(q.relation.point, Some(2e9));
        let q = one("It lost US$2 billion.");
        assert_eq!(q.unit.as_deref(), Some("USD"));
    }

    #[test]
    fn a_currency_sign_after_the_modifier_keeps_both() {
        // The sign between modifier and figure reads as the currency word after it does.
        for (sign, word, code) in [
            ("more than $5 million", "more than 5 million dollars", "USD"),
            ("about €300,000", "about 300,000 euros", "EUR"),
            (
                "up to S$2 billion",
                "up to 2 billion Singapore dollars",
                "SGD",
            ),
        ] {
            let a = one(&format!("The fund raised {sign} last year."));
            let b = one(&format!("The fund raised {word} last year."));
            assert_eq!(a.kind, ClaimKind::Money, "{sign}");
            assert_eq!(a.unit.as_deref(), Some(code), "{sign}");
            assert_eq!(a.relation.modifier, b.relation.modifier, "{sign}");
            assert!(a.relation.modifier.is_some(), "{sign}");
            assert_eq!(a.relation.interval(), b.relation.interval(), "{sign}");
            // The phrase runs from the modifier over the sign.
            let t = format!("The fund raised {sign} last year.");
            assert_eq!(a.relation.span.slice(&t), sign);
        }
    }

    #[test]
    fn kinds() {
        assert_eq!(
            one("an economy 29 times the size").kind,
            ClaimKind::Multiplier
        );
        assert_eq!(one("Lukashenko, 66, has ruled").kind, ClaimKind::Age);
        assert_eq!(one("in power for 26 years").kind, ClaimKind::Duration);
        assert_eq!(one("with thousands detained").kind, ClaimKind::Detained);
        assert_eq!(one("Police made no arrests.").kind, ClaimKind::Detained);
        assert_eq!(one("numbered 36% in the poll").kind, ClaimKind::Percent);
        assert_eq!(
            one("a total of 28 integration programs").kind,
            ClaimKind::Count
        );
        assert_eq!(
            one("a total of 28 integration programs").counted.as_deref(),
            Some("programs")
        );
        assert_eq!(
            one("at least 12 people were killed").kind,
            ClaimKind::Casualties
        );
    }

    #[test]
    fn a_fraction_shy_of_half() {
        let q = one("A fraction shy of half of Belarusians want independence.");
        assert_eq!(q.kind, ClaimKind::Percent);
        assert_eq!(q.relation.interval(), (Some(45.0), true, Some(50.0), false));
    }

    #[test]
    fn about_is_wider_for_round_numbers() {
        let q = one("about 2,000 protesters");
        assert_eq!(
            q.relation.interval(),
            (Some(1600.0), true, Some(2400.0), true)
        );
        let q = one("about 2,500 protesters");
        assert_eq!(
            q.relation.interval(),
            (Some(2250.0), true, Some(2750.0), true)
        );
    }

    #[test]
    fn ranges() {
        let r = find_relations("between 20 and 30 people");
        assert_eq!(r[0].low, Some((20.0, true)));
        assert_eq!(r[0].high, Some((30.0, true)));
    }
}
