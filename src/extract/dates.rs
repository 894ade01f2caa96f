//! Date expressions, resolved against the publication date.
//!
//! An expression is first read into a [`DateExpr`] (what the words say, with no anchor),
//! then resolved against an anchor date. Values follow TimeML's TIMEX3 `value` forms
//! (ISO 8601): `2019-12-07` (day), `2019-W49` (week), `2019-12` (month), `2019` (year),
//! `2019-SU` (season), and intervals `2020-08-15/2020-09-06`.
//!
//! Conventions:
//! - A bare weekday ("on Saturday", "Tuesday's interview") is the last such day on or before
//!   the anchor (news reports the past), or the next one after it when the words around it
//!   are in the future tense ("will meet on Monday", "a protest is planned for Sunday").
//! - A day without a year ("Dec. 20") takes the year that puts it on the side of the anchor
//!   the tense says, or the nearest one when the tense says nothing.
//! - "the past four weekends" is the interval from the Saturday of the fourth weekend back
//!   to the Sunday of the last weekend on or before the anchor.
//! - Without an anchor nothing is guessed: the expression is kept in its `relative` key
//!   ([`DateExpr::key`]) for [`super::resolve_relative_dates`] to resolve later.

use super::words::{
    PrefixIndex, WordSet, for_each_word_start, runs_of, runs_of_rev, with_lower_as_is,
};
use crate::calendar::{MONTHS, WEEKDAYS};
use crate::model::Span;
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use regex::{Captures, Regex};
use std::sync::LazyLock;

/// What the words of a date expression say, before any anchor is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateExpr {
    /// A calendar date or part of one; `year` None means "the year around the anchor".
    Calendar {
        year: Option<i16>,
        month: Option<i8>,
        day: Option<i8>,
        tense: Tense,
    },
    /// "on Saturday".
    Weekday { weekday: Weekday, tense: Tense },
    /// "last month" (-1), "this week" (0), "next year" (+1), "yesterday" (day, -1).
    Offset { unit: Unit, n: i32 },
    /// "earlier this week": from the start of the unit to the anchor.
    EarlierThis { unit: Unit },
    /// "the past four weekends", "over the past 25 years": an interval ending at the anchor.
    PastN { unit: Unit, n: i32 },
    /// "three days ago".
    Ago { unit: Unit, n: i32 },
    /// "this summer" (0), "last spring" (-1).
    Season { season: Season, n: i32 },
    /// "now", "currently": TimeML's PRESENT_REF.
    Present,
    /// "the 20th century" (20).
    Century(i16),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Weekend,
    Month,
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

/// A date expression found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMatch {
    pub span: Span,
    pub expr: DateExpr,
}

/// A resolved value and its granularity (day | week | month | year | season | interval).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub value: String,
    pub granularity: &'static str,
}

const SMALL_COUNTS: &[(&str, i32)] = &[
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("fifteen", 15),
    ("twenty", 20),
    ("thirty", 30),
];

/// Words that put the words around a date in the future.
const FUTURE_CUES: &[&str] = &[
    "will",
    "'ll",
    "would",
    "planned",
    "plans",
    "scheduled",
    "due",
    "set",
    "next",
    "upcoming",
    "expected",
    "shall",
    "going",
    "is to",
    "are to",
    "to be held",
    "intends",
];

/// Words that put them in the past (beyond any verb in -ed).
const PAST_CUES: &[&str] = &[
    "said", "met", "told", "held", "was", "were", "took", "began", "saw", "came", "went", "gave",
    "made", "left", "won", "lost", "had", "did", "quipped", "wrote", "spoke", "say",
];

const MONTH_RE: &str = r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sep(?:tember|t\.|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)";

static MDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)({MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(\d{{4}})(?-u:\b))?"
    ))
    .expect("valid regex")
});
static DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH_RE})(?:,?\s+(\d{{4}})(?-u:\b))?"
    ))
    .expect("valid regex")
});
static MY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(?:((?i:last|next|this|early|late|mid|the end of|the start of|the beginning of))[\s-]+)?({MONTH_RE})(?:\s+(?:of\s+)?(\d{{4}})(?-u:\b))?"
    ))
    .expect("valid regex")
});
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:(?i:on|last|next|this|coming)\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:'s|’s|s)?(?-u:\b)")
        .expect("valid regex")
});
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:(earlier|later)\s+)?(last|this|next|previous|coming|the past|the last|the previous|the coming)\s+(?:fiscal\s+)?(week|month|year|weekend|spring|summer|autumn|fall|winter)(?-u:\b)")
        .expect("valid regex")
});
static PRESENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(now|currently|at present|nowadays|at the moment)(?-u:\b)")
        .expect("valid regex")
});
static CENTURY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(\d{1,2})(?:st|nd|rd|th)[\s-]+century(?-u:\b)").expect("valid regex")
});
static DEICTIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(yesterday|today|tomorrow|tonight)(?-u:\b)").expect("valid regex")
});
static PAST_N: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:the\s+)?(?:past|last|previous)\s+(\d{1,3}|a few|few|several|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)\s+(days|weeks|weekends|months|years)(?-u:\b)")
        .expect("valid regex")
});
static AGO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)\s+(days?|weeks?|months?|years?)\s+ago(?-u:\b)")
        .expect("valid regex")
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:(?i:in|since|by|until|till|from|to|of|before|after|beyond|through|during|early|late|mid|and|between|for|the year|fiscal|year)[\s-]+)?((?:19|20)\d\d)(?-u:\b)")
        .expect("valid regex")
});

// Most of the date regexes have no literal the regex engine can skip ahead to, or only a
// literal in the middle, so each would scan the whole text. All of them run instead only
// on the chunks of text that hold one of their trigger words (one pass over the word
// starts finds them all, [`triggers_in`]). A chunk is the text between two separators:
// ASCII punctuation that no match of the regex can contain, and that is not a word byte,
// so that `(?-u:\b)` reads the same at a chunk's edge as in the whole text. The result is
// then the same as a scan of the whole text: every match lies inside one chunk, and a
// chunk without any trigger word holds no match. The day-and-month regexes (MDY, DMY) read
// a comma ("Dec. 20, 2019"), so their chunks end only at other punctuation ([`GATE_WIDE`]).
const GATE_MY: u16 = 1;
const GATE_WEEKDAY: u16 = 2;
const GATE_RELATIVE: u16 = 4;
const GATE_PAST_N: u16 = 8;
const GATE_AGO: u16 = 16;
const GATE_YEAR: u16 = 32;
/// MDY and DMY: a day with a month.
const GATE_DAY_MONTH: u16 = 64;
const GATE_PRESENT: u16 = 128;
const GATE_CENTURY: u16 = 256;
const GATE_DEICTIC: u16 = 512;
const GATES: usize = 10;
/// Gates whose chunks run over commas.
const GATE_WIDE: u16 = GATE_DAY_MONTH;
/// The case-insensitive regexes also match two non-ASCII letters that Unicode folds to ASCII
/// ones: KELVIN SIGN (k) and LONG S (s). CENTURY's only such letters are in its suffix
/// ("21ſt"), and every match of it also holds "century", which has neither.
const GATE_FOLDED: u16 = GATE_RELATIVE | GATE_PAST_N | GATE_AGO | GATE_PRESENT | GATE_DEICTIC;
/// Month abbreviations open MY, MDY and DMY matches alike.
const GATE_MONTH: u16 = GATE_MY | GATE_DAY_MONTH;

/// Trigger words: every match of a regex holds at least one of the words gated to it.
/// (word, regexes, case-sensitive)
const TRIGGERS: &[(&str, u16, bool)] = &[
    ("Jan", GATE_MONTH, true),
    ("Feb", GATE_MONTH, true),
    ("Mar", GATE_MONTH, true),
    ("Apr", GATE_MONTH, true),
    ("May", GATE_MONTH, true),
    ("Jun", GATE_MONTH, true),
    ("Jul", GATE_MONTH, true),
    ("Aug", GATE_MONTH, true),
    ("Sep", GATE_MONTH, true),
    ("Oct", GATE_MONTH, true),
    ("Nov", GATE_MONTH, true),
    ("Dec", GATE_MONTH, true),
    ("Monday", GATE_WEEKDAY, true),
    ("Tuesday", GATE_WEEKDAY, true),
    ("Wednesday", GATE_WEEKDAY, true),
    ("Thursday", GATE_WEEKDAY, true),
    ("Friday", GATE_WEEKDAY, true),
    ("Saturday", GATE_WEEKDAY, true),
    ("Sunday", GATE_WEEKDAY, true),
    ("week", GATE_RELATIVE, false),
    ("month", GATE_RELATIVE, false),
    ("year", GATE_RELATIVE, false),
    ("spring", GATE_RELATIVE, false),
    ("summer", GATE_RELATIVE, false),
    ("autumn", GATE_RELATIVE, false),
    ("fall", GATE_RELATIVE, false),
    ("winter", GATE_RELATIVE, false),
    ("past", GATE_PAST_N, false),
    ("last", GATE_PAST_N, false),
    ("previous", GATE_PAST_N, false),
    ("ago", GATE_AGO, false),
    ("19", GATE_YEAR, true),
    ("20", GATE_YEAR, true),
    // "now" also opens "nowadays".
    ("now", GATE_PRESENT, false),
    ("currently", GATE_PRESENT, false),
    ("present", GATE_PRESENT, false),
    ("moment", GATE_PRESENT, false),
    ("century", GATE_CENTURY, false),
    ("yesterday", GATE_DEICTIC, false),
    ("today", GATE_DEICTIC, false),
    ("tomorrow", GATE_DEICTIC, false),
    ("tonight", GATE_DEICTIC, false),
    ("\u{212A}", GATE_FOLDED, true),
    ("\u{17F}", GATE_FOLDED, true),
];

/// [`TRIGGERS`] by their first two bytes.
static TRIGGER_INDEX: LazyLock<PrefixIndex> =
    LazyLock::new(|| PrefixIndex::new(TRIGGERS.iter().map(|t| t.0)));

/// The occurrences of [`TRIGGERS`] (ASCII case folded) that a gated regex can need, in text
/// order: (start, end, index into [`TRIGGERS`]).
///
/// In every match of a gated regex, the trigger it holds begins a word: it follows `\b`,
/// `\s` or `[\s-]` (or opens the text), so the byte before it is no ASCII letter or digit.
/// The ASCII triggers are letters and digits only, so such an occurrence is found by
/// testing the word starts alone, each against the triggers with its first two bytes. The
/// two non-ASCII triggers (KELVIN SIGN, LONG S) stand inside words ("weeK"), and are
/// tested at every byte outside ASCII. This finds a subset of what a search for every
/// occurrence finds that still holds every trigger of every match, so the chunks hold the
/// same matches. It replaced an overlapping Aho-Corasick search, which stepped its
/// automaton through every byte; the word starts are found eight bytes at a time.
fn triggers_in(text: &str) -> Vec<(usize, usize, usize)> {
    let ix: &PrefixIndex = &TRIGGER_INDEX;
    let b = text.as_bytes();
    let mut out = Vec::new();
    for_each_word_start(b, true, |i| {
        let mut m = ix.candidates(b, i);
        while m != 0 {
            let k = m.trailing_zeros() as usize;
            m &= m - 1;
            let w = TRIGGERS[k].0.as_bytes();
            if b.get(i..i + w.len())
                .is_some_and(|t| t.eq_ignore_ascii_case(w))
            {
                out.push((i, i + w.len(), k));
            }
        }
    });
    out
}

/// Abbreviations that MONTH_RE follows with a period ("Dec.", "Sept."): there a period is
/// part of a match, elsewhere it separates chunks.
const DOTTED_MONTHS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];

/// What a byte is to [`is_separator`]: 0 never a separator, 1 always, 2 a comma (one unless
/// the chunk is wide), 3 a period (one unless it follows a dotted month). ASCII punctuation
/// separates, except inside matches: the hyphen ("mid-2020"), the apostrophe ("Monday's");
/// `_` is a word byte. A table, as the searches for chunk ends test several hundred bytes
/// per article one by one.
const SEPARATOR_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        t[c] = match b {
            b'-' | b'\'' | b'_' => 0,
            b',' => 2,
            b'.' => 3,
            _ if b.is_ascii_punctuation() => 1,
            _ => 0,
        };
        c += 1;
    }
    t
};

/// Whether byte `i` ends a chunk; `wide` chunks run over commas.
#[inline(always)]
fn is_separator(b: &[u8], i: usize, wide: bool) -> bool {
    match SEPARATOR_CLASS[usize::from(b[i])] {
        0 => false,
        1 => true,
        2 => !wide,
        _ => !DOTTED_MONTHS.iter().any(|m| b[..i].ends_with(m.as_bytes())),
    }
}

/// The gates whose regexes end each of their trigger words with `\b` ([`LONGER_WORDS`]
/// aside).
const WORD_END_GATES: u16 = GATE_RELATIVE | GATE_PRESENT | GATE_CENTURY | GATE_DEICTIC | GATE_AGO;

/// The words of those regexes that are longer than the trigger they start with.
const LONGER_WORDS: &[&str] = &["weekend", "nowadays"];

/// Whether `(?-u:\b)` holds at byte `i` of `b` after a word byte: no word byte follows.
fn ends_a_word(b: &[u8], i: usize) -> bool {
    !b.get(i)
        .is_some_and(|&x| x.is_ascii_alphanumeric() || x == b'_')
}

/// For each gated regex, the chunks `(start, end)` of `text` that hold one of its
/// triggers, in order.
fn gated_chunks(text: &str) -> [Vec<(usize, usize)>; GATES] {
    let b = text.as_bytes();
    let mut chunks: [Vec<(usize, usize)>; GATES] = Default::default();
    // The last chunk found of each width (narrow, wide): triggers come in text order, so a
    // trigger inside it needs no new search for its ends.
    let mut last = [(0, 0); 2];
    for (m_start, m_end, k) in triggers_in(text) {
        let (word, gates, case_sensitive) = TRIGGERS[k];
        if case_sensitive && &b[m_start..m_end] != word.as_bytes() {
            continue;
        }
        // In a match of YEAR, the only "19" or "20" is the year's, with two digits (of any
        // script) after it: one followed by anything else ("20 people", "19-year-old")
        // gates nothing.
        let next = b.get(m_end).copied();
        if gates == GATE_YEAR && !next.is_some_and(|x| x >= 0x80 || x.is_ascii_digit()) {
            continue;
        }
        // PAST_N reads white space after its trigger (`\s` holds no ASCII byte above b' ').
        if gates == GATE_PAST_N && !next.is_some_and(|x| x <= b' ' || x >= 0x80) {
            continue;
        }
        // The other regexes put `\b` after their trigger words, or after a longer word one of
        // them opens: a trigger inside a longer word ("years", "presented") gates nothing.
        if gates & WORD_END_GATES == gates
            && !ends_a_word(b, m_end)
            && !LONGER_WORDS.iter().any(|w| {
                b.get(m_start..m_start + w.len())
                    .is_some_and(|t| t.eq_ignore_ascii_case(w.as_bytes()))
                    && ends_a_word(b, m_start + w.len())
            })
        {
            continue;
        }
        for (g, list) in chunks.iter_mut().enumerate() {
            let gate = 1 << g;
            if gates & gate == 0 {
                continue;
            }
            let wide = gate & GATE_WIDE != 0;
            let chunk = &mut last[usize::from(wide)];
            if !(chunk.0 <= m_start && m_end <= chunk.1) {
                let start = (0..m_start)
                    .rev()
                    .find(|&i| is_separator(b, i, wide))
                    .map_or(0, |i| i + 1);
                let end = (m_end..b.len())
                    .find(|&i| is_separator(b, i, wide))
                    .unwrap_or(b.len());
                *chunk = (start, end);
            }
            if list.last() != Some(chunk) {
                list.push(*chunk);
            }
        }
    }
    for list in &mut chunks {
        list.sort_unstable();
        list.dedup();
    }
    chunks
}

/// The matches of `re` in `chunks` of `text`, each with the offset of its chunk: for a
/// regex whose groups the match itself gives, as [`captures_in`] without the second engine
/// the regex crate runs over every match to place its groups (most of the regexes' cost).
fn matches_in<'t>(
    re: &'t Regex,
    text: &'t str,
    chunks: &'t [(usize, usize)],
) -> impl Iterator<Item = (usize, regex::Match<'t>)> + 't {
    chunks
        .iter()
        .flat_map(move |&(a, e)| re.find_iter(&text[a..e]).map(move |m| (a, m)))
}

/// Where the year of a [`YEAR`] match starts in it: the year ("19" or "20" and two digits,
/// which `\d` takes from any script) ends the match.
fn year_start(m: &str) -> usize {
    m.char_indices()
        .nth_back(1)
        .map_or(0, |(k, _)| k.saturating_sub(2))
}

/// The captures of `re` in `chunks` of `text`, each with the offset of its chunk.
fn captures_in<'t>(
    re: &'t Regex,
    text: &'t str,
    chunks: &'t [(usize, usize)],
) -> impl Iterator<Item = (usize, Captures<'t>)> + 't {
    chunks
        .iter()
        .flat_map(move |&(a, e)| re.captures_iter(&text[a..e]).map(move |c| (a, c)))
}

fn gate_index(gate: u16) -> usize {
    gate.trailing_zeros() as usize
}

fn lookup<T: Copy>(table: &[(&str, T)], key: &str) -> Option<T> {
    let k = key.trim_end_matches('.').to_lowercase();
    table.iter().find(|(n, _)| *n == k).map(|(_, v)| *v)
}

fn count_word(s: &str) -> Option<i32> {
    let l = s.to_lowercase();
    if let Ok(n) = l.parse() {
        return Some(n);
    }
    if l == "a few" || l == "few" || l == "several" {
        return None;
    }
    lookup(SMALL_COUNTS, &l)
}

fn unit_of(s: &str) -> Option<Unit> {
    let l = s.to_lowercase();
    let l = l.trim_end_matches('s');
    Some(match l {
        "day" => Unit::Day,
        "week" => Unit::Week,
        "weekend" => Unit::Weekend,
        "month" => Unit::Month,
        "year" => Unit::Year,
        _ => return None,
    })
}

fn season_of(s: &str) -> Option<Season> {
    Some(match s.to_lowercase().as_str() {
        "spring" => Season::Spring,
        "summer" => Season::Summer,
        "autumn" | "fall" => Season::Autumn,
        "winter" => Season::Winter,
        _ => return None,
    })
}

/// The day a [`WEEKDAY`] match names (its group 1, a capitalised name of
/// [`WEEKDAYS`]). The words that may precede the name ("on", "last", ...) hold none.
fn weekday_of(m: &str) -> Option<Weekday> {
    let b = m.as_bytes();
    WEEKDAYS
        .iter()
        .find(|(n, _)| {
            let n = n.as_bytes();
            b.windows(n.len())
                .any(|w| w[0] == n[0].to_ascii_uppercase() && w[1..] == n[1..])
        })
        .map(|&(_, d)| d)
}

/// Groups 1 to 3 of a [`RELATIVE`] match: ("earlier" | "later", the word or two saying
/// which period, the period). The match is words apart by `\s+` (what `split_whitespace`
/// splits at); none of the words that fold to "earlier", "later" or "the" is a case fold
/// of any other word of the regex (only KELVIN SIGN and LONG S fold to ASCII letters, and
/// these words hold neither k nor s), and two-word periods ("the past") are written with
/// one space, so the words tell the groups apart.
fn relative_groups(m: &str) -> (Option<&str>, &str, &str) {
    let mut words = m.split_whitespace();
    let first = words.next().unwrap_or("");
    let lead = (first.eq_ignore_ascii_case("earlier") || first.eq_ignore_ascii_case("later"))
        .then_some(first);
    let which_start = if lead.is_some() {
        words.next().unwrap_or("")
    } else {
        first
    };
    let which = if which_start.eq_ignore_ascii_case("the") {
        let next = words.next().unwrap_or("");
        let from = which_start.as_ptr() as usize - m.as_ptr() as usize;
        let to = next.as_ptr() as usize - m.as_ptr() as usize + next.len();
        &m[from..to]
    } else {
        which_start
    };
    let what = m.split_whitespace().next_back().unwrap_or("");
    (lead, which, what)
}

/// The tense around byte `pos`: the nearest cue among the few words before it, else the
/// clause around it.
pub fn tense_at(text: &str, pos: usize, end: usize) -> Tense {
    // The clause is read at most CONTEXT_BYTES on either side, so that a giant sentence is
    // not scanned once per date. The stops are ASCII, so bytes can be searched.
    let is_word = |c: char| c.is_alphanumeric() || c == '\'';
    let b = text.as_bytes();
    let from = super::words::window_start(text, pos);
    let clause_start = b[from..pos]
        .iter()
        .rposition(|c| matches!(c, b'.' | b';' | b'\n' | b'!' | b'?'))
        .map(|p| from + p + 1)
        .unwrap_or(from);
    let before = &text[clause_start..pos];
    // The nearest cue before the date wins (news syntax puts the verb before the date);
    // words are read backwards, each lower-cased once.
    let mut words = runs_of_rev(before, is_word).map(|(_, w)| w).peekable();
    while let Some(w) = words.next() {
        let t = with_lower_as_is(w, |w| {
            // Only "to" reads the word before it ("is to", "are to").
            let prev = if w == "to" {
                words.peek().map(|p| p.to_lowercase())
            } else {
                None
            };
            word_tense(w, prev.as_deref())
        });
        if let Some(t) = t {
            return t;
        }
    }
    // Then the clause after (to the next comma or stop).
    let to = super::words::window_end(text, end);
    let clause_end = b[end..to]
        .iter()
        .position(|c| matches!(c, b'.' | b';' | b'\n' | b'!' | b'?' | b','))
        .map(|p| end + p)
        .unwrap_or(to);
    for (_, w) in runs_of(&text[end..clause_end], is_word) {
        if let Some(t) = with_lower_as_is(w, |w| word_tense(w, None)) {
            return t;
        }
    }
    Tense::Unknown
}

/// The one-word cues of [`FUTURE_CUES`] and [`PAST_CUES`], looked up once per word before
/// and after every date (the phrases never equal a word, "'ll" is tested as a suffix).
static FUTURE_SET: LazyLock<WordSet> = LazyLock::new(|| one_word_set(FUTURE_CUES));
static PAST_SET: LazyLock<WordSet> = LazyLock::new(|| one_word_set(PAST_CUES));

fn one_word_set(cues: &'static [&'static str]) -> WordSet {
    WordSet::new(
        cues.iter()
            .copied()
            .filter(|w| w.starts_with(|c: char| c.is_ascii_lowercase()) && !w.contains(' ')),
    )
}

fn word_tense(w: &str, prev: Option<&str>) -> Option<Tense> {
    if FUTURE_SET.contains(w) || w.ends_with("'ll") {
        // "was set to" / "were due to" are still future relative to the report.
        return Some(Tense::Future);
    }
    if w == "to" && matches!(prev, Some("is") | Some("are")) {
        return Some(Tense::Future);
    }
    if PAST_SET.contains(w) || (w.len() > 4 && w.ends_with("ed") && !w.ends_with("eed")) {
        return Some(Tense::Past);
    }
    None
}

/// Finds the date expressions of a text, left to right, without overlaps.
pub fn find_dates(text: &str) -> Vec<DateMatch> {
    let mut found: Vec<DateMatch> = Vec::new();
    let push = |found: &mut Vec<DateMatch>, s: usize, e: usize, expr: DateExpr| {
        found.push(DateMatch {
            span: Span::new(s, e),
            expr,
        });
    };
    let chunks = gated_chunks(text);
    let gated =
        |re: &'static LazyLock<Regex>, gate: u16| captures_in(re, text, &chunks[gate_index(gate)]);
    // Month-day and day-month orders: (regex, month group, day group).
    for (re, mg, dg) in [(&MDY, 1, 2), (&DMY, 2, 1)] {
        for (a, c) in gated(re, GATE_DAY_MONTH) {
            let m = c.get(0).expect("match");
            let (start, end) = (a + m.start(), a + m.end());
            let month = lookup(MONTHS, &c[mg]);
            let day: i8 = c[dg].parse().unwrap_or(0);
            if month.is_none() || !(1..=31).contains(&day) {
                continue;
            }
            let year = c.get(3).and_then(|y| y.as_str().parse().ok());
            let tense = tense_at(text, start, end);
            let expr = DateExpr::Calendar {
                year,
                month,
                day: Some(day),
                tense,
            };
            push(&mut found, start, end, expr);
        }
    }
    for (a, c) in gated(&MY, GATE_MY) {
        let m = c.get(0).expect("match");
        let (start, end) = (a + m.start(), a + m.end());
        let name = &c[2];
        let year: Option<i16> = c.get(3).and_then(|y| y.as_str().parse().ok());
        let lead = c.get(1).map(|l| l.as_str().to_lowercase());
        // "May" alone is a verb far more often than a month.
        if name == "May" && year.is_none() {
            let prev = text[..a + c.get(2).expect("group").start()].trim_end();
            let prev_word = prev.rsplit(' ').next().unwrap_or("").to_lowercase();
            if !matches!(
                prev_word.as_str(),
                "in" | "since"
                    | "until"
                    | "by"
                    | "early"
                    | "late"
                    | "mid"
                    | "of"
                    | "last"
                    | "next"
                    | "this"
            ) {
                continue;
            }
        }
        // Abbreviations without a day or year are too ambiguous ("Mar", "Dec").
        if year.is_none() && name.len() <= 4 && !["June", "July", "May"].contains(&name) {
            continue;
        }
        let tense = match lead.as_deref() {
            Some("last") => Tense::Past,
            Some("next") => Tense::Future,
            Some("this") => Tense::Unknown,
            _ => tense_at(text, start, end),
        };
        push(
            &mut found,
            start,
            end,
            DateExpr::Calendar {
                year,
                month: lookup(MONTHS, name),
                day: None,
                tense,
            },
        );
    }
    let found_in =
        |re: &'static LazyLock<Regex>, gate: u16| matches_in(re, text, &chunks[gate_index(gate)]);
    // WEEKDAY and RELATIVE read their groups from the match ([`weekday_name`],
    // [`relative_groups`]): no second engine runs to place them.
    for (a, m) in found_in(&WEEKDAY, GATE_WEEKDAY) {
        let (start, end) = (a + m.start(), a + m.end());
        // "Saturdays" is a habit, not a date.
        if m.as_str().ends_with('s') && !m.as_str().ends_with("'s") && !m.as_str().ends_with("’s")
        {
            continue;
        }
        let Some(weekday) = weekday_of(m.as_str()) else {
            continue;
        };
        let lead = m
            .as_str()
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_lowercase();
        let tense = match lead.as_str() {
            "last" => Tense::Past,
            "next" | "coming" => Tense::Future,
            _ => tense_at(text, start, end),
        };
        push(&mut found, start, end, DateExpr::Weekday { weekday, tense });
    }
    for (a, m) in found_in(&RELATIVE, GATE_RELATIVE) {
        let (lead, which, what) = relative_groups(m.as_str());
        let which = which.to_lowercase();
        let n = match which.as_str() {
            "last" | "previous" | "the past" | "the last" | "the previous" => -1,
            "this" => 0,
            _ => 1,
        };
        let expr = if let Some(season) = season_of(what) {
            DateExpr::Season { season, n }
        } else {
            let Some(unit) = unit_of(what) else { continue };
            match lead.map(str::to_lowercase) {
                Some(e) if e == "earlier" && n == 0 => DateExpr::EarlierThis { unit },
                _ => DateExpr::Offset { unit, n },
            }
        };
        push(&mut found, a + m.start(), a + m.end(), expr);
    }
    // The word is the whole match.
    for (a, m) in found_in(&DEICTIC, GATE_DEICTIC) {
        let n = match m.as_str().to_lowercase().as_str() {
            "yesterday" => -1,
            "tomorrow" => 1,
            _ => 0,
        };
        push(
            &mut found,
            a + m.start(),
            a + m.end(),
            DateExpr::Offset { unit: Unit::Day, n },
        );
    }
    for (a, m) in found_in(&PRESENT, GATE_PRESENT) {
        push(&mut found, a + m.start(), a + m.end(), DateExpr::Present);
    }
    for (a, c) in gated(&CENTURY, GATE_CENTURY) {
        let m = c.get(0).expect("match");
        if let Ok(n) = c[1].parse::<i16>() {
            push(&mut found, a + m.start(), a + m.end(), DateExpr::Century(n));
        }
    }
    // Counted spans: "the past four weekends", "three days ago".
    type Counted = fn(Unit, i32) -> DateExpr;
    let counted: [(&'static LazyLock<Regex>, u16, Counted); 2] = [
        (&PAST_N, GATE_PAST_N, |unit, n| DateExpr::PastN { unit, n }),
        (&AGO, GATE_AGO, |unit, n| DateExpr::Ago { unit, n }),
    ];
    for (re, gate, expr) in counted {
        for (a, c) in gated(re, gate) {
            let m = c.get(0).expect("match");
            let (Some(n), Some(unit)) = (count_word(&c[1]), unit_of(&c[2])) else {
                continue;
            };
            push(&mut found, a + m.start(), a + m.end(), expr(unit, n));
        }
    }
    for (a, m) in found_in(&YEAR, GATE_YEAR) {
        let y = &m.as_str()[year_start(m.as_str())..];
        let (y_start, y_end) = (a + m.end() - y.len(), a + m.end());
        let b = text.as_bytes();
        // Not a figure: no digit, comma-group or currency around, no counted noun after.
        let before = text[..y_start].chars().next_back();
        let after = &text[y_end..];
        if before.is_some_and(|c| c == '$' || c == ',' || c == '.' || c.is_ascii_digit())
            || after.starts_with(|c: char| {
                c == ',' && after[1..].starts_with(|d: char| d.is_ascii_digit())
            })
            || after.starts_with('s')
            || (y_end < b.len() && b[y_end] == b'%')
        {
            continue;
        }
        let prefixed = m.start() != y_start - a;
        let next_word: String = after
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect();
        let noun_follows = !next_word.is_empty()
            && next_word.chars().next().is_some_and(char::is_lowercase)
            && !matches!(
                next_word.as_str(),
                "when"
                    | "and"
                    | "to"
                    | "after"
                    | "before"
                    | "as"
                    | "the"
                    | "in"
                    | "of"
                    | "was"
                    | "is"
                    | "with"
                    | "that"
                    | "which"
                    | "but"
                    | "or"
                    | "at"
                    | "on"
                    | "for"
                    | "election"
                    | "elections"
                    | "vote"
                    | "polls"
                    | "presidential"
            );
        if !prefixed && noun_follows {
            continue;
        }
        let year: i16 = y.parse().unwrap_or(0);
        push(
            &mut found,
            y_start,
            y_end,
            DateExpr::Calendar {
                year: Some(year),
                month: None,
                day: None,
                tense: Tense::Unknown,
            },
        );
    }
    // Longest first at each start; drop overlaps.
    found.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(b.span.len().cmp(&a.span.len()))
    });
    let mut out: Vec<DateMatch> = Vec::new();
    for d in found {
        if let Some(last) = out.last_mut() {
            if d.span.start < last.span.end {
                if d.span.len() > last.span.len() {
                    *last = d;
                }
                continue;
            }
        }
        out.push(d);
    }
    out
}

fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(n.days()).ok()
}

fn add_months(d: Date, n: i32) -> Option<Date> {
    d.checked_add(n.months()).ok()
}

fn week_value(d: Date) -> String {
    let w = d.iso_week_date();
    format!("{:04}-W{:02}", w.year(), w.week())
}

fn monday_of(d: Date) -> Option<Date> {
    add_days(d, -(d.weekday().to_monday_zero_offset() as i64))
}

fn day(d: Date) -> Resolved {
    Resolved {
        value: d.to_string(),
        granularity: "day",
    }
}

fn interval(a: Date, b: Date) -> Resolved {
    Resolved {
        value: format!("{a}/{b}"),
        granularity: "interval",
    }
}

fn shift(anchor: Date, unit: Unit, n: i32) -> Option<Date> {
    match unit {
        Unit::Day => add_days(anchor, n as i64),
        Unit::Week | Unit::Weekend => add_days(anchor, 7 * n as i64),
        Unit::Month => add_months(anchor, n),
        Unit::Year => anchor.checked_add((n as i64).years()).ok(),
    }
}

fn unit_value(d: Date, unit: Unit) -> Option<Resolved> {
    Some(match unit {
        Unit::Day => day(d),
        Unit::Week => Resolved {
            value: week_value(d),
            granularity: "week",
        },
        Unit::Weekend => {
            // The Saturday and Sunday of d's week.
            let sat = add_days(monday_of(d)?, 5)?;
            interval(sat, add_days(sat, 1)?)
        }
        Unit::Month => Resolved {
            value: format!("{:04}-{:02}", d.year(), d.month()),
            granularity: "month",
        },
        Unit::Year => Resolved {
            value: format!("{:04}", d.year()),
            granularity: "year",
        },
    })
}

impl DateExpr {
    /// Resolves the expression against `anchor`.
    pub fn resolve(&self, anchor: Date) -> Option<Resolved> {
        match *self {
            DateExpr::Calendar {
                year,
                month,
                day: dd,
                tense,
            } => {
                let Some(m) = month else {
                    return year.map(|y| Resolved {
                        value: format!("{y:04}"),
                        granularity: "year",
                    });
                };
                let pick_year = |make: &dyn Fn(i16) -> Option<Date>| -> Option<i16> {
                    if let Some(y) = year {
                        return Some(y);
                    }
                    let ay = anchor.year();
                    let cands: Vec<(i16, Date)> = [ay - 1, ay, ay + 1]
                        .into_iter()
                        .filter_map(|y| make(y).map(|d| (y, d)))
                        .collect();
                    let chosen = match tense {
                        Tense::Past => cands.iter().rev().find(|(_, d)| *d <= anchor),
                        Tense::Future => cands.iter().find(|(_, d)| *d >= anchor),
                        Tense::Unknown => cands.iter().min_by_key(|(_, d)| {
                            (anchor.since(*d).ok()?.get_days() as i64).checked_abs()
                        }),
                    };
                    chosen.map(|(y, _)| *y)
                };
                match dd {
                    Some(dd) => {
                        let y = pick_year(&|y| Date::new(y, m, dd).ok())?;
                        Some(day(Date::new(y, m, dd).ok()?))
                    }
                    None => {
                        // A month: compare by its last day (past) or first day (future).
                        let y = pick_year(&|y| {
                            let first = Date::new(y, m, 1).ok()?;
                            Some(match tense {
                                Tense::Past => first,
                                _ => first.last_of_month(),
                            })
                        })?;
                        Some(Resolved {
                            value: format!("{y:04}-{m:02}"),
                            granularity: "month",
                        })
                    }
                }
            }
            DateExpr::Weekday { weekday, tense } => {
                let from = anchor.weekday().to_monday_zero_offset() as i64;
                let to = weekday.to_monday_zero_offset() as i64;
                let back = (from - to).rem_euclid(7);
                let d = match tense {
                    // The anchor's own weekday in the future tense is that very day.
                    Tense::Future => add_days(anchor, (to - from).rem_euclid(7))?,
                    _ => add_days(anchor, -back)?,
                };
                Some(day(d))
            }
            DateExpr::Offset { unit, n } => unit_value(shift(anchor, unit, n)?, unit),
            DateExpr::EarlierThis { unit } => {
                let start = match unit {
                    Unit::Week | Unit::Weekend => monday_of(anchor)?,
                    Unit::Month => anchor.first_of_month(),
                    Unit::Year => Date::new(anchor.year(), 1, 1).ok()?,
                    Unit::Day => anchor,
                };
                Some(interval(start, anchor))
            }
            DateExpr::PastN { unit, n } => {
                if unit == Unit::Weekend {
                    // The last Sunday on or before the anchor ends the most recent weekend.
                    let off = (anchor.weekday().to_monday_zero_offset() as i64 - 6).rem_euclid(7);
                    let mut sunday = add_days(anchor, -off)?;
                    if anchor.weekday() == Weekday::Saturday {
                        sunday = anchor;
                    }
                    let first_sat = add_days(sunday, -(7 * (n as i64 - 1)) - 1)?;
                    let first_sat = if first_sat.weekday() == Weekday::Saturday {
                        first_sat
                    } else {
                        add_days(first_sat, 0)?
                    };
                    return Some(interval(first_sat, sunday));
                }
                Some(interval(shift(anchor, unit, -n)?, anchor))
            }
            DateExpr::Ago { unit, n } => unit_value(shift(anchor, unit, -n)?, unit),
            DateExpr::Present => Some(Resolved {
                value: "PRESENT_REF".into(),
                granularity: "present",
            }),
            DateExpr::Century(n) => Some(Resolved {
                value: format!("{:02}", n - 1),
                granularity: "century",
            }),
            DateExpr::Season { season, n } => {
                // Northern-hemisphere seasons; winter belongs to the year it starts in.
                let y = anchor.year() as i32 + n;
                let code = match season {
                    Season::Spring => "SP",
                    Season::Summer => "SU",
                    Season::Autumn => "FA",
                    Season::Winter => "WI",
                };
                Some(Resolved {
                    value: format!("{y:04}-{code}"),
                    granularity: "season",
                })
            }
        }
    }

    /// A compact key that keeps the unresolved expression, read back by [`DateExpr::from_key`].
    pub fn key(&self) -> String {
        let t = |t: Tense| match t {
            Tense::Past => "past",
            Tense::Future => "future",
            Tense::Unknown => "any",
        };
        let u = |u: Unit| match u {
            Unit::Day => "day",
            Unit::Week => "week",
            Unit::Weekend => "weekend",
            Unit::Month => "month",
            Unit::Year => "year",
        };
        let o = |x: Option<i64>| x.map(|v| v.to_string()).unwrap_or_else(|| "-".into());
        match *self {
            DateExpr::Calendar {
                year,
                month,
                day,
                tense,
            } => format!(
                "calendar:{}:{}:{}:{}",
                o(year.map(i64::from)),
                o(month.map(i64::from)),
                o(day.map(i64::from)),
                t(tense)
            ),
            DateExpr::Weekday { weekday, tense } => {
                format!("weekday:{}:{}", weekday.to_monday_one_offset(), t(tense))
            }
            DateExpr::Offset { unit, n } => format!("offset:{}:{n}", u(unit)),
            DateExpr::EarlierThis { unit } => format!("earlier:{}", u(unit)),
            DateExpr::PastN { unit, n } => format!("past:{}:{n}", u(unit)),
            DateExpr::Ago { unit, n } => format!("ago:{}:{n}", u(unit)),
            DateExpr::Season { season, n } => format!("season:{season:?}:{n}").to_lowercase(),
            DateExpr::Present => "present".into(),
            DateExpr::Century(n) => format!("century:{n}"),
        }
    }

    /// Reads a key written by [`DateExpr::key`].
    pub fn from_key(key: &str) -> Option<DateExpr> {
        let parts: Vec<&str> = key.split(':').collect();
        let tense = |s: &str| match s {
            "past" => Tense::Past,
            "future" => Tense::Future,
            _ => Tense::Unknown,
        };
        let num = |s: &str| -> Option<Option<i64>> {
            if s == "-" {
                Some(None)
            } else {
                s.parse().ok().map(Some)
            }
        };
        Some(match parts.as_slice() {
            ["calendar", y, m, d, t] => DateExpr::Calendar {
                year: num(y)?.map(|v| v as i16),
                month: num(m)?.map(|v| v as i8),
                day: num(d)?.map(|v| v as i8),
                tense: tense(t),
            },
            ["weekday", w, t] => DateExpr::Weekday {
                weekday: Weekday::from_monday_one_offset(w.parse().ok()?).ok()?,
                tense: tense(t),
            },
            ["offset", u, n] => DateExpr::Offset {
                unit: unit_of(u)?,
                n: n.parse().ok()?,
            },
            ["earlier", u] => DateExpr::EarlierThis { unit: unit_of(u)? },
            ["past", u, n] => DateExpr::PastN {
                unit: unit_of(u)?,
                n: n.parse().ok()?,
            },
            ["ago", u, n] => DateExpr::Ago {
                unit: unit_of(u)?,
                n: n.parse().ok()?,
            },
            ["present"] => DateExpr::Present,
            ["century", n] => DateExpr::Century(n.parse().ok()?),
            ["season", s, n] => DateExpr::Season {
                season: season_of(s)?,
                n: n.parse().ok()?,
            },
            _ => return None,
        })
    }

    /// True when the expression needs an anchor to be resolved.
    pub fn is_relative(&self) -> bool {
        !matches!(self, DateExpr::Calendar { year: Some(_), .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn separator_table_is_the_punctuation_rule() {
        // The rule the table was built from, byte by byte.
        let rule = |b: &[u8], i: usize, wide: bool| match b[i] {
            b'-' | b'\'' | b'_' => false,
            b',' => !wide,
            b'.' => !DOTTED_MONTHS.iter().any(|m| b[..i].ends_with(m.as_bytes())),
            c => c.is_ascii_punctuation(),
        };
        for x in 0..=255u8 {
            for prefix in [&b""[..], b"Dec", b"Sept", b"sept", b"x"] {
                let mut b = prefix.to_vec();
                b.push(x);
                for wide in [false, true] {
                    let i = b.len() - 1;
                    assert_eq!(is_separator(&b, i, wide), rule(&b, i, wide), "{b:?} {wide}");
                }
            }
        }
    }

    fn resolve(text: &str, anchor: Date) -> Vec<String> {
        find_dates(text)
            .iter()
            .filter_map(|d| d.expr.resolve(anchor).map(|r| r.value))
            .collect()
    }

    #[test]
    fn weekdays_prefer_the_past_and_follow_future_tense() {
        let a = date(2019, 12, 7); // a Saturday
        assert_eq!(
            resolve("people took to the streets on Saturday", a),
            vec!["2019-12-07"]
        );
        let a = date(2020, 9, 11); // a Friday
        assert_eq!(
            resolve("They will discuss it on Monday.", a),
            vec!["2020-09-14"]
        );
        assert_eq!(
            resolve("a new protest is planned for Sunday", a),
            vec!["2020-09-13"]
        );
        assert_eq!(resolve("the Kremlin said on Friday", a), vec!["2020-09-11"]);
        assert_eq!(resolve("In Tuesday's interview", a), vec!["2020-09-08"]);
    }

    #[test]
    fn relative_expressions() {
        let a = date(2020, 9, 11);
        assert_eq!(resolve("his win last month", a), vec!["2020-08"]);
        assert_eq!(
            resolve("over the past four weekends", a),
            vec!["2020-08-15/2020-09-06"]
        );
        assert_eq!(
            resolve("earlier this week", a),
            vec!["2020-09-07/2020-09-11"]
        );
        assert_eq!(resolve("next week", a), vec!["2020-W38"]);
        assert_eq!(resolve("last year", a), vec!["2019"]);
        assert_eq!(resolve("his term ends in 2024", a), vec!["2024"]);
    }

    #[test]
    fn explicit_dates() {
        let a = date(2019, 12, 7);
        assert_eq!(
            resolve("would meet again on Dec. 20", a),
            vec!["2019-12-20"]
        );
        assert_eq!(resolve("December 7, 2019", a), vec!["2019-12-07"]);
        assert_eq!(
            resolve("the August 9 polls", date(2020, 9, 11)),
            vec!["2020-08-09"]
        );
    }

    /// Each gated regex, its gate, and the (start, end) of its matches over the whole text
    /// and over the gated chunks.
    type Spans = Vec<(usize, usize)>;

    fn gated_vs_whole(text: &str) -> Vec<(u16, Spans, Spans)> {
        let chunks = gated_chunks(text);
        [
            (&*MDY, GATE_DAY_MONTH),
            (&*DMY, GATE_DAY_MONTH),
            (&*PRESENT, GATE_PRESENT),
            (&*CENTURY, GATE_CENTURY),
            (&*DEICTIC, GATE_DEICTIC),
            (&*MY, GATE_MY),
            (&*WEEKDAY, GATE_WEEKDAY),
            (&*RELATIVE, GATE_RELATIVE),
            (&*PAST_N, GATE_PAST_N),
            (&*AGO, GATE_AGO),
            (&*YEAR, GATE_YEAR),
        ]
        .into_iter()
        .map(|(re, gate)| {
            let whole = re.find_iter(text).map(|m| (m.start(), m.end())).collect();
            let gated: Spans = captures_in(re, text, &chunks[gate_index(gate)])
                .map(|(a, c)| {
                    let m = c.get(0).expect("match");
                    (a + m.start(), a + m.end())
                })
                .collect();
            let found: Spans = matches_in(re, text, &chunks[gate_index(gate)])
                .map(|(a, m)| (a + m.start(), a + m.end()))
                .collect();
            assert_eq!(found, gated, "gate {gate} on {text:?}");
            (gate, whole, gated)
        })
        .collect()
    }

    #[test]
    fn gated_regexes_match_as_over_the_whole_text() {
        let text = "Talks in mid-2020, then in Sept. 2021 and late Jan. 2019; \
            last\u{a0}Monday's vote (the past three\tweeks) came 2 weeks ago. \
            (this weeK) and the laſt two years; x_2019 and 2019_x, \u{201c}next winter\u{201d}, \
            on Sunday.\n\nSince 1990 the past 5 days: early May 2020, this fall. \
            On Dec. 20, 2019, and on 7 of December, 2020, as now (at present) in the \
            21st-century, yeſterday and TONIGHT.";
        for (gate, whole, gated) in gated_vs_whole(text) {
            assert!(!whole.is_empty(), "gate {gate} has no match in the sample");
            assert_eq!(whole, gated, "gate {gate}");
        }
    }

    #[test]
    fn triggers_are_found_at_every_word_start_and_inside_words_only_when_non_ascii() {
        // Word starts are letters and digits after other bytes: so must the ASCII triggers
        // be made of letters and digits.
        for (w, _, _) in TRIGGERS {
            let b = w.as_bytes();
            assert!(b[0] >= 0x80 || b.iter().all(u8::is_ascii_alphanumeric));
        }
        let text = "Jan.January xJan 2019x2020 (today)-yesterday mid-May laſt weeK \
            ſpring\u{a0}NOW nowadays ago,ago éMonday _Friday 19";
        let b = text.as_bytes();
        // Every occurrence, by brute force, kept where a regex can need it.
        let mut want = Vec::new();
        for i in 0..b.len() {
            for (k, (w, _, _)) in TRIGGERS.iter().enumerate() {
                let w = w.as_bytes();
                let word_start = i == 0 || !b[i - 1].is_ascii_alphanumeric();
                if b.get(i..i + w.len())
                    .is_some_and(|t| t.eq_ignore_ascii_case(w))
                    && (word_start || w[0] >= 0x80)
                {
                    want.push((i, i + w.len(), k));
                }
            }
        }
        assert!(want.len() > 15, "{want:?}");
        assert_eq!(triggers_in(text), want);
    }

    #[test]
    fn groups_read_from_the_match_are_the_captured_ones() {
        let text = "in 2019, the year 2020, mid-1999 and 20\u{663}\u{664}x or 19\u{ff11}9 \
            (yesterday) TODAY tonight";
        let year: Vec<_> = YEAR
            .captures_iter(text)
            .map(|c| c.get(1).expect("group").as_str())
            .collect();
        let from_match: Vec<_> = YEAR
            .find_iter(text)
            .map(|m| &m.as_str()[year_start(m.as_str())..])
            .collect();
        assert_eq!(year.len(), 5);
        assert_eq!(year, from_match);
        for c in DEICTIC.captures_iter(text) {
            assert_eq!(c.get(0).map(|m| m.range()), c.get(1).map(|m| m.range()));
        }
    }

    #[test]
    fn only_kelvin_and_long_s_fold_to_ascii_letters() {
        // The trigger search folds ASCII case only; it also looks for the two non-ASCII
        // letters that Unicode case folding maps to ASCII ones. If a regex crate update adds
        // another, the gate would miss matches.
        let re = Regex::new("(?i)^[a-z]$").expect("valid regex");
        let folded: Vec<char> = (0x80..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|c| re.is_match(c.encode_utf8(&mut [0; 4])))
            .collect();
        assert_eq!(folded, vec!['\u{17F}', '\u{212A}']);
    }

    proptest::proptest! {
        #[test]
        fn gated_regexes_match_as_over_the_whole_text_on_random_text(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                " ", "\n", "\u{a0}", "-", ".", ",", "_", "'", "’", "“", "s", "of", "the",
                "Jan", "Sept", "May", "June", "December", "Monday", "Sunday", "last",
                "next", "this", "past", "early", "in", "week", "weekend", "months", "year",
                "fall", "ago", "three", "a few", "19", "20", "2019", "7", "weeK", "laſt",
                "Dec.", "Sept.", "12", "21st", "century", "now", "nowadays", "at present",
                "preſent", "currently", "moment", "at the", "today", "yeſterday", "Tonight",
                "years", "presented", "lasting", "-", "200", "the end of", "earlier", "fiscal",
                "5th", "Saturday's", "coming", "\t", "“", "x",
            ]), 0..24)
        ) {
            let text: String = pieces.concat();
            for (gate, whole, gated) in gated_vs_whole(&text) {
                proptest::prop_assert_eq!(whole, gated, "gate {} on {:?}", gate, text);
            }
        }
    }

    /// A match's groups, as the regex places them and as read from the match.
    type Groups = (Vec<Option<String>>, Vec<Option<String>>);

    /// WEEKDAY and RELATIVE groups as the regex places them and as read from the match.
    fn groups_both_ways(text: &str) -> Vec<Groups> {
        let own = |s: Option<&str>| s.map(str::to_string);
        let day = |d: Option<Weekday>| d.map(|d| format!("{d:?}"));
        let weekdays = WEEKDAY.captures_iter(text).map(|c| {
            let m = c.get(0).expect("match").as_str();
            (
                vec![day(c.get(1).and_then(|g| lookup(WEEKDAYS, g.as_str())))],
                vec![day(weekday_of(m))],
            )
        });
        let relative = RELATIVE.captures_iter(text).map(|c| {
            let m = c.get(0).expect("match").as_str();
            let (lead, which, what) = relative_groups(m);
            let regex = (1..=3).map(|g| own(c.get(g).map(|g| g.as_str()))).collect();
            (regex, vec![own(lead), own(Some(which)), own(Some(what))])
        });
        weekdays.chain(relative).collect()
    }

    #[test]
    fn weekday_and_relative_groups_read_from_the_match_are_the_captured_ones() {
        let text = "on Saturday's rally, Last  Monday, coming\u{a0}Sundays, earlier this week, \
            Later the past fiscal year, the previous\nfiscal month, this weeK, laſt fall, \
            EARLIER THE COMING winter, next weekend";
        let pairs = groups_both_ways(text);
        assert_eq!(pairs.len(), 10, "{pairs:?}");
        for (regex, read) in pairs {
            assert_eq!(regex, read);
        }
    }

    proptest::proptest! {
        #[test]
        fn weekday_and_relative_groups_on_random_text(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                " ", "  ", "\n", "\u{a0}", "-", ".", ",", "'s", "’s", "s", "on", "On", "last",
                "LAST", "next", "this", "coming", "previous", "the", "The", "past", "earlier",
                "Later", "fiscal", "fiſcal", "week", "weeK", "weekend", "month", "year",
                "fall", "winter", "Monday", "Sunday", "Saturday", "laſt", "the past",
                "the last", "x",
            ]), 0..16)
        ) {
            let text: String = pieces.concat();
            for (regex, read) in groups_both_ways(&text) {
                proptest::prop_assert_eq!(regex, read, "{:?}", text);
            }
        }
    }

    #[test]
    fn keys_round_trip() {
        for d in find_dates("on Saturday, last month, Dec. 20, the past four weekends, 3 days ago")
        {
            assert_eq!(DateExpr::from_key(&d.expr.key()), Some(d.expr.clone()));
        }
    }
}
