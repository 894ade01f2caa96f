//! Number recognition: figures written in digits or in words, as exact values.
//!
//! This is the layer under [`super::quantity`]: it finds every number in a text and says what
//! value the words give, nothing more (no modifier, no interval). Conventions:
//!
//! - Digit grouping: `1,000` and `1 000` (also with NBSP / narrow NBSP) are thousands; the
//!   Indian `12,34,567` grouping is read too. A dot followed by three digits is a thousands
//!   separator only when it is unambiguous: several dot groups (`1.234.567`), a dot group
//!   followed by a decimal comma (`1.111,11`), or a group of `000` (`1.000`, `20.000`);
//!   otherwise it is a decimal point (`4.800` = 4.8, `7.7`).
//! - A decimal comma (`5,00`, `1,3`) is read only when the comma is not followed by exactly
//!   three digits and no list of comma-separated numbers follows (`22,24,26` stays a list).
//! - Digits glued to letters are not numbers (`180ml`, `4th`, `1990s`), except the scale
//!   suffixes of finance writing (`10k`, `3M`, `1.2b`, `2bn`, `10 bln`).
//! - Words: cardinals to trillions with or without "and" and hyphens, Indian lakh/crore,
//!   dozens, fractions ("two thirds", "one and a half", "half a dozen", "a quarter million"),
//!   decimals spoken with "point", and "minus"/"negative".
//! - "one" after a determiner ("the one you mentioned", "which one") is a pronoun, not 1.

use super::words::{AsciiClass, WordSet, char_at, is_alphabetic, scan_class};
use std::cell::{Cell, RefCell};
use std::sync::LazyLock;

/// What kind of number the text gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subtype {
    Integer,
    Decimal,
    Fraction,
    Power,
}

/// One number found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberMatch {
    /// Byte range `[start, end)` in the text.
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub subtype: Subtype,
    /// True when the number was written (at least partly) in words.
    pub words: bool,
}

/// Values of the number words below a hundred.
const SMALL: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("nought", 0.0),
    ("naught", 0.0),
    ("nil", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fourty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
];

/// Multipliers that close a group ("three thousand", "2 million", "30 lakh").
const SCALES: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("thousands", 1e3),
    ("million", 1e6),
    ("millions", 1e6),
    ("mln", 1e6),
    ("billion", 1e9),
    ("billions", 1e9),
    ("bln", 1e9),
    ("bn", 1e9),
    ("trillion", 1e12),
    ("trillions", 1e12),
    ("tln", 1e12),
    ("lakh", 1e5),
    ("lakhs", 1e5),
    ("lac", 1e5),
    ("lkh", 1e5),
    ("lkhs", 1e5),
    ("crore", 1e7),
    ("crores", 1e7),
    ("cr", 1e7),
    ("koti", 1e7),
    ("krore", 1e7),
    ("krores", 1e7),
    ("kr", 1e7),
];

/// Scale suffixes glued to digits in finance writing ("10k", "3M", "1.2b"). Case matters:
/// a lower-case `m` after digits is metres, not millions.
const SUFFIXES: &[(&str, f64)] = &[
    ("k", 1e3),
    ("K", 1e3),
    ("M", 1e6),
    ("MM", 1e6),
    ("mm", 1e6),
    ("mil", 1e6),
    ("mln", 1e6),
    ("G", 1e9),
    ("g", 1e9),
    ("b", 1e9),
    ("B", 1e9),
    ("bn", 1e9),
    ("bln", 1e9),
    ("tln", 1e12),
    ("T", 1e12),
];

/// Denominators: ordinals read as fractions ("two thirds", "a hundredth").
const DENOMINATORS: &[(&str, f64)] = &[
    ("half", 2.0),
    ("halves", 2.0),
    ("third", 3.0),
    ("thirds", 3.0),
    ("quarter", 4.0),
    ("quarters", 4.0),
    ("fourth", 4.0),
    ("fourths", 4.0),
    ("fifth", 5.0),
    ("fifths", 5.0),
    ("sixth", 6.0),
    ("sixths", 6.0),
    ("seventh", 7.0),
    ("sevenths", 7.0),
    ("eighth", 8.0),
    ("eighths", 8.0),
    ("ninth", 9.0),
    ("ninths", 9.0),
    ("tenth", 10.0),
    ("tenths", 10.0),
    ("twentieth", 20.0),
    ("twentieths", 20.0),
    ("thirtieth", 30.0),
    ("thirtieths", 30.0),
    ("hundredth", 100.0),
    ("hundredths", 100.0),
    ("thousandth", 1e3),
    ("thousandths", 1e3),
    ("millionth", 1e6),
    ("millionths", 1e6),
    ("billionth", 1e9),
    ("billionths", 1e9),
    ("trillionth", 1e12),
    ("trillionths", 1e12),
];

/// Words that can begin a number written in words.
static NUMBER_STARTS: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(number_starts()));

fn number_starts() -> impl Iterator<Item = &'static str> {
    SMALL.iter().chain(SCALES).map(|(w, _)| *w).chain([
        "hundred", "a", "an", "half", "quarter", "minus", "negative", "point",
    ])
}

/// Longest word [`StartFilter`] tells apart by length (longer words pass to the set).
const FILTER_LEN: usize = 15;

/// A necessary condition for a lower-case word to be in [`NUMBER_STARTS`], read from its
/// first two bytes and its length without slicing the word: per first letter and length,
/// the second letters the set's words of that shape have (bit 26 for a one-letter word).
/// Nine words in ten of a news text fail it ("the" has no number word of three letters
/// starting "th"), so the number scan hands them neither to the set nor to the grammar.
struct StartFilter([[u32; FILTER_LEN + 1]; 26]);

impl StartFilter {
    fn new(words: impl Iterator<Item = &'static str>) -> StartFilter {
        let mut t = [[0u32; FILTER_LEN + 1]; 26];
        for w in words {
            let b = w.as_bytes();
            let len = b.len().min(FILTER_LEN);
            t[usize::from(b[0] - b'a')][len] |= Self::second_bit(b.get(1).copied());
        }
        StartFilter(t)
    }

    /// The bit of a word's second byte: a letter's own bit, 26 for none, 27 for any other
    /// byte (no word of the set has one).
    fn second_bit(second: Option<u8>) -> u32 {
        match second {
            None => 1 << 26,
            Some(c) if c.is_ascii_lowercase() => 1 << (c - b'a'),
            Some(_) => 1 << 27,
        }
    }

    /// Whether the word `lower[start..end]` (at least one byte, starting with an ASCII
    /// letter) may be in the set.
    #[inline(always)]
    fn may_hold(&self, lower: &[u8], start: usize, end: usize) -> bool {
        let first = usize::from(lower[start].wrapping_sub(b'a'));
        let len = (end - start).min(FILTER_LEN);
        let second = (end - start > 1).then(|| lower[start + 1]);
        first < 26 && self.0[first][len] & Self::second_bit(second) != 0
    }
}

static START_FILTER: LazyLock<StartFilter> = LazyLock::new(|| StartFilter::new(number_starts()));

/// The words after which "a" or "an" is the number one ("a hundred", "a third", "a
/// dozen"): [`Parser::unsigned`] reads the article as a number only before one of them.
static AFTER_ARTICLE: LazyLock<WordSet> = LazyLock::new(|| {
    WordSet::new(
        SCALES
            .iter()
            .chain(DENOMINATORS)
            .map(|(w, _)| *w)
            .chain(["hundred", "dozen"]),
    )
});

/// Unicode vulgar fractions.
const VULGAR: &[(char, f64)] = &[
    ('½', 0.5),
    ('⅓', 1.0 / 3.0),
    ('⅔', 2.0 / 3.0),
    ('¼', 0.25),
    ('¾', 0.75),
    ('⅕', 0.2),
    ('⅖', 0.4),
    ('⅗', 0.6),
    ('⅘', 0.8),
    ('⅙', 1.0 / 6.0),
    ('⅚', 5.0 / 6.0),
    ('⅛', 0.125),
    ('⅜', 0.375),
    ('⅝', 0.625),
    ('⅞', 0.875),
];

/// The ordinal unit of a word ("first", "fifths"), to join a tens word into one
/// denominator ("twenty-first", "thirty fifths"). Third to ninth come from [`DENOMINATORS`].
fn ordinal_unit(w: &str) -> Option<f64> {
    match w {
        "first" | "firsts" => Some(1.0),
        "second" | "seconds" => Some(2.0),
        "half" | "halves" | "quarter" | "quarters" => None,
        _ => lookup(DENOMINATORS, w).filter(|d| *d < 10.0),
    }
}

/// Words before "one" that make it a pronoun ("the one you mentioned", "which one").
const ONE_PRONOUN_BEFORE: &[&str] = &[
    "the", "this", "that", "which", "each", "every", "any", "no", "some", "another", "a", "one",
];

fn lookup(table: &[(&str, f64)], w: &str) -> Option<f64> {
    table.iter().find(|(k, _)| *k == w).map(|(_, v)| *v)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok<'a> {
    /// A word, ASCII-lower-cased, with its original form (suffixes are case-sensitive).
    Word(&'a str, &'a str),
    /// A figure in digits, already scaled by any glued suffix.
    Digits {
        value: f64,
        subtype: Subtype,
    },
    /// Digits glued to a unit or ordinal ("180ml", "4th"): never a number.
    Glued,
    Punct(char),
}

#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    tok: Tok<'a>,
    start: usize,
    end: usize,
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{a0}' || c == '\u{202f}' || c == '\t'
}

/// Reads a run of ASCII digits at `i`; returns its end.
fn digits_end(b: &[u8], i: usize) -> usize {
    let mut j = i;
    while j < b.len() && b[j].is_ascii_digit() {
        j += 1;
    }
    j
}

/// Byte length of a grouping space at `i` (space, NBSP, narrow NBSP), or 0.
fn group_space_len(text: &str, i: usize) -> usize {
    match text[i..].chars().next() {
        Some(c) if c == ' ' || c == '\u{a0}' || c == '\u{202f}' => c.len_utf8(),
        _ => 0,
    }
}

/// Lexes a figure in digits starting at `i` (a digit, or a dot before a digit).
/// Returns the token and the end offset.
fn lex_digits(text: &str, i: usize) -> (Tok<'_>, usize) {
    let b = text.as_bytes();
    let mut int = String::new();
    let mut j = i;
    let e = digits_end(b, j);
    int.push_str(&text[j..e]);
    j = e;
    let mut frac = String::new();
    let mut grouped = false;
    // Comma groups: 1,234,567 or Indian 12,34,567.
    if j < b.len() && b[j] == b',' && int.len() <= 3 {
        let mut groups = Vec::new();
        let mut k = j;
        while k < b.len() && b[k] == b',' {
            let ge = digits_end(b, k + 1);
            let len = ge - k - 1;
            if !(len == 2 || len == 3) {
                break;
            }
            groups.push((k + 1, ge));
            k = ge;
        }
        let lens: Vec<usize> = groups.iter().map(|(s, e)| e - s).collect();
        let western = !lens.is_empty() && lens.iter().all(|&l| l == 3);
        let indian = lens.len() >= 2
            && *lens.last().unwrap_or(&0) == 3
            && lens[..lens.len() - 1].iter().all(|&l| l == 2)
            && int.len() <= 2;
        if western || indian {
            for (s, e) in &groups {
                int.push_str(&text[*s..*e]);
            }
            j = groups.last().map(|g| g.1).unwrap_or(j);
            grouped = true;
        }
    }
    // Dot groups (European thousands) when unambiguous.
    if !grouped && j < b.len() && b[j] == b'.' && int.len() <= 3 && int != "0" {
        let mut groups = Vec::new();
        let mut k = j;
        while k < b.len() && b[k] == b'.' {
            let ge = digits_end(b, k + 1);
            if ge - k - 1 != 3 {
                break;
            }
            groups.push((k + 1, ge));
            k = ge;
        }
        let followed_by_decimal_comma = k < b.len() && b[k] == b',' && digits_end(b, k + 1) > k + 1;
        let next_is_digit_or_dot = k < b.len() && (b[k].is_ascii_digit() || b[k] == b'.');
        let unambiguous = !groups.is_empty()
            && !next_is_digit_or_dot
            && (groups.len() >= 2
                || followed_by_decimal_comma
                || groups.iter().all(|(s, e)| &text[*s..*e] == "000"));
        if unambiguous {
            for (s, e) in &groups {
                int.push_str(&text[*s..*e]);
            }
            j = k;
            grouped = true;
            if followed_by_decimal_comma {
                let de = digits_end(b, k + 1);
                frac.push_str(&text[k + 1..de]);
                j = de;
            }
        }
    }
    // Space groups: 1 234 567, 40 000 (a lone three-digit group after at most three digits).
    if !grouped && int.len() <= 3 {
        let mut k = j;
        let mut groups = Vec::new();
        loop {
            let sl = if k < b.len() {
                group_space_len(text, k)
            } else {
                0
            };
            if sl == 0 {
                break;
            }
            let ge = digits_end(b, k + sl);
            if ge - k - sl != 3 {
                break;
            }
            // "2  1/4": a fraction follows, not a group.
            if ge < b.len() && (b[ge] == b'/' || b[ge].is_ascii_alphabetic() || b[ge] == b',') {
                break;
            }
            groups.push((k + sl, ge));
            k = ge;
        }
        if !groups.is_empty() {
            for (s, e) in &groups {
                int.push_str(&text[*s..*e]);
            }
            j = k;
        }
    }
    // Decimal point.
    if frac.is_empty() && j + 1 < b.len() && b[j] == b'.' && b[j + 1].is_ascii_digit() {
        let de = digits_end(b, j + 1);
        // "192.168.1.2" is not a decimal, nor is its tail "1.2".
        let chain_after =
            de < b.len() && b[de] == b'.' && de + 1 < b.len() && b[de + 1].is_ascii_digit();
        let chain_before = i >= 2 && b[i - 1] == b'.' && b[i - 2].is_ascii_digit();
        if !chain_after && !chain_before {
            frac.push_str(&text[j + 1..de]);
            j = de;
        }
    }
    // Decimal comma, when it cannot be a thousands separator or a list.
    if frac.is_empty() && !grouped && j + 1 < b.len() && b[j] == b',' && b[j + 1].is_ascii_digit() {
        let de = digits_end(b, j + 1);
        let len = de - j - 1;
        let list_follows = de < b.len() && b[de] == b',';
        let list_before = i >= 2 && b[i - 1] == b',' && b[i - 2].is_ascii_digit();
        if len != 3 && !list_follows && !list_before {
            frac.push_str(&text[j + 1..de]);
            j = de;
        }
    }
    let mut value: f64 = if int.is_empty() {
        0.0
    } else {
        int.parse().unwrap_or(0.0)
    };
    let mut subtype = Subtype::Integer;
    if !frac.is_empty() {
        value += format!("0.{frac}").parse::<f64>().unwrap_or(0.0);
        subtype = if frac.bytes().all(|c| c == b'0') {
            Subtype::Integer
        } else {
            Subtype::Decimal
        };
    }
    // Exponent: 1e10, 12.32e+14, -12e-1.
    if j < b.len() && (b[j] == b'e' || b[j] == b'E') {
        let mut k = j + 1;
        let mut neg = false;
        if k < b.len() && (b[k] == b'+' || b[k] == b'-') {
            neg = b[k] == b'-';
            k += 1;
        }
        let ee = digits_end(b, k);
        if ee > k && !(ee < b.len() && b[ee].is_ascii_alphabetic()) {
            let exp: i32 = text[k..ee].parse().unwrap_or(0);
            value *= 10f64.powi(if neg { -exp } else { exp });
            return (
                Tok::Digits {
                    value,
                    subtype: Subtype::Power,
                },
                ee,
            );
        }
    }
    // Powers: 1.1^23, 2.5^-1, 1.3x10^6.
    let mut base_mult = 1.0;
    let mut pj = j;
    let times_len = if text[pj..].starts_with(['x', 'X']) {
        1
    } else if text[pj..].starts_with('×') {
        '×'.len_utf8()
    } else {
        0
    };
    if times_len > 0 && text[pj + times_len..].starts_with("10") {
        base_mult = value;
        value = 10.0;
        pj += times_len + 2;
        // "2.48×10−5": a superscript-less exponent after a minus sign.
        if let Some(rest) = text[pj..]
            .strip_prefix('−')
            .or_else(|| text[pj..].strip_prefix('-'))
        {
            let ee = rest.bytes().take_while(u8::is_ascii_digit).count();
            if ee > 0 {
                let exp: i32 = rest[..ee].parse().unwrap_or(0);
                let end = text.len() - rest.len() + ee;
                return (
                    Tok::Digits {
                        value: base_mult * 10f64.powi(-exp),
                        subtype: Subtype::Power,
                    },
                    end,
                );
            }
        }
    }
    if pj < b.len() && b[pj] == b'^' {
        let mut k = pj + 1;
        let mut negs = 0;
        while k < b.len() && (b[k] == b'+' || b[k] == b'-') {
            if b[k] == b'-' {
                negs += 1;
            }
            k += 1;
        }
        let ee = digits_end(b, k);
        if ee > k {
            let exp: f64 = text[k..ee].parse().unwrap_or(0.0);
            let exp = if negs % 2 == 1 && negs > 0 && negs < 2 {
                -exp
            } else {
                exp
            };
            return (
                Tok::Digits {
                    value: base_mult * value.powf(exp),
                    subtype: Subtype::Power,
                },
                ee,
            );
        }
    }
    // Fractions in digits: 3/4 (but not dates 5/17/2018).
    if j + 1 < b.len() && b[j] == b'/' && b[j + 1].is_ascii_digit() && frac.is_empty() {
        let de = digits_end(b, j + 1);
        let date_like = de < b.len() && b[de] == b'/';
        let before_slash = i > 0 && b[i - 1] == b'/';
        if !date_like && !before_slash {
            let den: f64 = text[j + 1..de].parse().unwrap_or(0.0);
            if den != 0.0 {
                return (
                    Tok::Digits {
                        value: value / den,
                        subtype: Subtype::Fraction,
                    },
                    de,
                );
            }
        }
    }
    // Glued suffixes and units.
    if j < b.len() && b[j].is_ascii_alphabetic() {
        let le = j + text[j..]
            .bytes()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        let word = &text[j..le];
        if let Some(scale) = lookup(SUFFIXES, word) {
            return (
                Tok::Digits {
                    value: value * scale,
                    subtype,
                },
                le,
            );
        }
        return (Tok::Glued, le);
    }
    (Tok::Digits { value, subtype }, j)
}

/// The characters of a word token: letters and the apostrophe.
fn is_word_char(c: char) -> bool {
    is_alphabetic(c) || c == '\''
}

/// The end of the word token that starts at `i`: what `scan_class(text, i, true, class,
/// is_word_char)` returns, with `class` the [`WORD_CLASS`], but eight ASCII bytes tested at
/// once (a letter is a byte that ORed with 0x20 lies in `a..=z`; an apostrophe is a zero of
/// the byte XOR 0x27, by a carry-free test so no byte's result leaks into the next). From the
/// first byte outside ASCII on, `scan_class` itself.
#[inline(always)]
fn word_end(text: &str, mut i: usize, class: &AsciiClass) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let b = text.as_bytes();
    while let Some(chunk) = b.get(i..i + 8) {
        let v = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let folded = (v | (0x20 * LO)) & LOW7;
        // No carry leaves a byte: each is at most 0x7f plus 0x1f.
        let at_least_a = folded + (0x80 - u64::from(b'a')) * LO;
        let past_z = folded + (0x80 - u64::from(b'z' + 1)) * LO;
        let letter = at_least_a & !past_z;
        let q = v ^ (u64::from(b'\'') * LO);
        let apostrophe = !(((q & LOW7) + LOW7) | q);
        let stop = (!(letter | apostrophe) | v) & HI;
        if stop != 0 {
            i += (stop.trailing_zeros() / 8) as usize;
            break;
        }
        i += 8;
    }
    scan_class(text, i, true, class, is_word_char)
}

/// [`is_word_char`] tabulated over the bytes.
static WORD_CLASS: std::sync::LazyLock<AsciiClass> =
    std::sync::LazyLock::new(|| AsciiClass::of(is_word_char));

/// Reads the tokens of a text one at a time, from any token boundary.
///
/// Tokenizing is a left-to-right segmentation whose only state is the offset it has reached
/// (every look-behind reads bytes of the text, never earlier tokens), so lexing on from the
/// start of any token gives exactly the tokens a pass over the whole text gives from there.
/// [`find_numbers_lower`] relies on that: it lexes each token once to ask whether it can
/// start a number, keeps none of them, and lexes again only the few tokens the grammar reads
/// around a number. A list of every token of the text (one per five bytes, 56 bytes each)
/// cost more to build and read than the grammar itself.
#[derive(Clone, Copy)]
struct Lexer<'a> {
    text: &'a str,
    /// The text's ASCII lower-casing (same byte offsets).
    lower: &'a str,
    word_class: &'a AsciiClass,
}

impl<'a> Lexer<'a> {
    fn new(text: &'a str, lower: &'a str) -> Lexer<'a> {
        Lexer {
            text,
            lower,
            word_class: &WORD_CLASS,
        }
    }

    /// The first token at or after byte `i` (a char boundary that is a token start or in the
    /// spaces before one), or `None` when only spaces are left.
    #[inline(always)]
    fn next(&self, mut i: usize) -> Option<Token<'a>> {
        let (text, lower, word_class) = (self.text, self.lower, self.word_class);
        let b = text.as_bytes();
        while i < b.len() {
            // An ASCII letter can only start a word (the commonest token): read it first.
            if b[i].is_ascii_alphabetic() {
                let end = word_end(text, i, word_class);
                return Some(Token {
                    tok: Tok::Word(&lower[i..end], &text[i..end]),
                    start: i,
                    end,
                });
            }
            let c = char_at(text, i).unwrap_or(' ');
            if is_space(c) || c == '\n' || c == '\r' {
                i += c.len_utf8();
                continue;
            }
            let starts_digits = c.is_ascii_digit()
                || (c == '.'
                    && i + 1 < b.len()
                    && b[i + 1].is_ascii_digit()
                    && (i == 0 || !b[i - 1].is_ascii_digit()));
            if starts_digits {
                // Digits glued after letters ("SCP-173" is fine, "B52" is not a number).
                let glued_before = i > 0 && b[i - 1].is_ascii_alphabetic();
                let (tok, end) = lex_digits(text, i);
                if end <= i {
                    // Nothing read (".9.9" after a space): step over the ASCII byte, or this
                    // loop never ends (found by the quantities fuzz target).
                    i += 1;
                    continue;
                }
                return Some(Token {
                    tok: if glued_before { Tok::Glued } else { tok },
                    start: i,
                    end,
                });
            }
            // (Every vulgar fraction is outside ASCII.)
            if !c.is_ascii()
                && let Some((_, v)) = VULGAR.iter().find(|(f, _)| *f == c)
            {
                return Some(Token {
                    tok: Tok::Digits {
                        value: *v,
                        subtype: Subtype::Fraction,
                    },
                    start: i,
                    end: i + c.len_utf8(),
                });
            }
            if is_alphabetic(c) {
                let end = scan_class(text, i, true, word_class, is_word_char);
                return Some(Token {
                    tok: Tok::Word(&lower[i..end], &text[i..end]),
                    start: i,
                    end,
                });
            }
            return Some(Token {
                tok: Tok::Punct(c),
                start: i,
                end: i + c.len_utf8(),
            });
        }
        None
    }
}

fn word<'a>(t: &Token<'a>) -> Option<&'a str> {
    match &t.tok {
        Tok::Word(w, _) => Some(w),
        _ => None,
    }
}

fn is_hyphen(t: &Token<'_>) -> bool {
    matches!(t.tok, Tok::Punct('-') | Tok::Punct('‑') | Tok::Punct('–'))
}

/// The parser over tokens: one number at a time.
struct Parser<'a> {
    lexer: Lexer<'a>,
    text: &'a str,
    /// The tokens of the number being read: the token before it (when there is one), its
    /// first token, then the tokens the grammar has read ahead, lexed as it asks for them.
    toks: RefCell<Vec<Token<'a>>>,
    /// Where lexing goes on: the end of the last token in `toks`.
    lexed_to: Cell<usize>,
}

/// What the accumulator last consumed, to know what may follow.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Last {
    Nothing,
    Unit,
    Tens,
    Teen,
    Digits,
    Hundred,
    Scale,
    Fraction,
}

struct Acc {
    total: f64,
    current: f64,
    last: Last,
    /// The value of the last small group (for "two dozens", "thirty fifths").
    last_small: f64,
    /// The value before the last "and" (for "twenty and three fifths").
    before_and: Option<f64>,
    /// The last scale word's value ("three million and a quarter" is a quarter million).
    last_scale: f64,
    /// Numerator and denominator when the number ended in a fraction.
    frac: Option<(f64, f64)>,
    subtype: Subtype,
    words: bool,
    /// Token index after the last consumed token.
    end: usize,
}

impl Acc {
    fn value(&self) -> f64 {
        self.total + self.current
    }
}

impl<'a> Parser<'a> {
    fn new(lexer: Lexer<'a>) -> Parser<'a> {
        Parser {
            lexer,
            text: lexer.text,
            toks: RefCell::new(Vec::new()),
            lexed_to: Cell::new(0),
        }
    }

    /// Starts reading a number at `first`, after `before`; returns the index of `first`.
    fn start(&self, before: Option<Token<'a>>, first: Token<'a>) -> usize {
        let mut toks = self.toks.borrow_mut();
        toks.clear();
        toks.extend(before);
        toks.push(first);
        self.lexed_to.set(first.end);
        toks.len() - 1
    }

    /// The token at index `i`, lexed now if the grammar has not read that far yet.
    fn tok(&self, i: usize) -> Option<Token<'a>> {
        let mut toks = self.toks.borrow_mut();
        while toks.len() <= i {
            let t = self.lexer.next(self.lexed_to.get())?;
            self.lexed_to.set(t.end);
            toks.push(t);
        }
        Some(toks[i])
    }

    fn word_at(&self, i: usize) -> Option<&'a str> {
        self.tok(i).as_ref().and_then(word)
    }

    /// Skips a hyphen joining two number words ("fifty-two", "fifty - two").
    fn skip_joiner(&self, i: usize) -> usize {
        if self.tok(i).as_ref().is_some_and(is_hyphen) {
            i + 1
        } else {
            i
        }
    }

    fn is_numberish(&self, i: usize) -> bool {
        match self.tok(i).map(|t| t.tok) {
            Some(Tok::Digits { .. }) => true,
            Some(Tok::Word(w, _)) => {
                lookup(SMALL, w).is_some()
                    || w == "hundred"
                    || lookup(SCALES, w).is_some()
                    || lookup(DENOMINATORS, w).is_some()
                    || w == "a"
                    || w == "an"
            }
            _ => false,
        }
    }

    /// Parses a denominator at `i`: an ordinal word, possibly compound ("twenty-first",
    /// "hundred-fifths"). Returns (denominator, next index).
    fn denominator(&self, i: usize) -> Option<(f64, usize)> {
        let w = self.word_at(i)?;
        if let Some(d) = lookup(DENOMINATORS, w) {
            return Some((d, i + 1));
        }
        None
    }

    /// Parses an unsigned number at token `i`.
    fn unsigned(&self, i: usize) -> Option<Acc> {
        let mut acc = Acc {
            total: 0.0,
            current: 0.0,
            last: Last::Nothing,
            last_small: 0.0,
            before_and: None,
            last_scale: 1.0,
            frac: None,
            subtype: Subtype::Integer,
            words: false,
            end: i,
        };
        let mut j = i;
        // A leading article counts as one only before a multiplier or denominator.
        if let Some(w) = self.word_at(j)
            && (w == "a" || w == "an")
        {
            let next = self.word_at(j + 1)?;
            if next == "hundred"
                || lookup(SCALES, next).is_some()
                || lookup(DENOMINATORS, next).is_some()
                || next == "dozen"
            {
                acc.current = 1.0;
                acc.last_small = 1.0;
                acc.last = Last::Unit;
                acc.words = true;
                j += 1;
            } else {
                return None;
            }
        }
        while let Some(t) = self.tok(j) {
            match &t.tok {
                Tok::Digits { value, subtype } => {
                    let ok = matches!(acc.last, Last::Nothing | Last::Hundred | Last::Scale);
                    if !ok || (acc.last != Last::Nothing && *subtype != Subtype::Integer) {
                        break;
                    }
                    // A second figure right after a scale needs an "and" or nothing between.
                    acc.current += value;
                    acc.last_small = *value;
                    if *subtype != Subtype::Integer {
                        acc.subtype = *subtype;
                    }
                    acc.last = Last::Digits;
                    j += 1;
                    acc.end = j;
                    // A scale letter after a space: "2.33 k", "1,674.5 G", "- 10  k".
                    if let Some(Token {
                        tok: Tok::Word(_, orig),
                        ..
                    }) = self.tok(j)
                        && orig.len() <= 2
                        && let Some(scale) = lookup(SUFFIXES, orig)
                        && self
                            .tok(j + 1)
                            .is_none_or(|t| matches!(t.tok, Tok::Punct(_)))
                    {
                        acc.current = acc.current - value + value * scale;
                        j += 1;
                        acc.end = j;
                        acc.last = Last::Scale;
                        continue;
                    }
                    // "2  1/4": a mixed fraction.
                    if let Some(Token {
                        tok:
                            Tok::Digits {
                                value: f,
                                subtype: Subtype::Fraction,
                            },
                        ..
                    }) = self.tok(j)
                        && *subtype == Subtype::Integer
                        && acc.total == 0.0
                    {
                        acc.current += f;
                        acc.subtype = Subtype::Fraction;
                        j += 1;
                        acc.end = j;
                        break;
                    }
                    if matches!(acc.subtype, Subtype::Fraction | Subtype::Power) {
                        break;
                    }
                }
                Tok::Word(w, _) => {
                    let w = *w;
                    if let Some(v) = lookup(SMALL, w) {
                        // "one twenty-fifth", "one hundred thirty fifths": after a numerator,
                        // a tens word joined to an ordinal unit is one denominator (the
                        // reading Recognizers-Text specifies).
                        let k = self.skip_joiner(j + 1);
                        if v >= 20.0
                            && v % 10.0 == 0.0
                            && acc.last != Last::Nothing
                            && let Some(u) = self.word_at(k).and_then(ordinal_unit)
                        {
                            let num = acc.value();
                            let den = v + u;
                            acc.frac = Some((num, den));
                            acc.total = 0.0;
                            acc.current = num / den;
                            acc.subtype = Subtype::Fraction;
                            acc.last = Last::Fraction;
                            acc.end = k + 1;
                            break;
                        }
                        let ok = match acc.last {
                            Last::Nothing | Last::Hundred | Last::Scale => true,
                            Last::Tens => (1.0..10.0).contains(&v),
                            _ => false,
                        };
                        if !ok {
                            break;
                        }
                        // "twenty fifths": tens + ordinal unit is a compound denominator.
                        acc.current += v;
                        acc.last_small = if acc.last == Last::Tens {
                            acc.last_small + v
                        } else {
                            v
                        };
                        acc.last = if v >= 20.0 && v % 10.0 == 0.0 {
                            Last::Tens
                        } else if v >= 10.0 {
                            Last::Teen
                        } else {
                            Last::Unit
                        };
                        acc.words = true;
                        j += 1;
                        acc.end = j;
                        j = self.skip_joiner(j);
                        continue;
                    }
                    if w == "hundred" || w == "hundreds" {
                        if matches!(acc.last, Last::Hundred | Last::Fraction) {
                            break;
                        }
                        // "322 hundred" and "one hundred": the current group times 100.
                        let small = if acc.current == 0.0 { 1.0 } else { acc.current };
                        acc.current = small * 100.0;
                        acc.last_small = acc.current;
                        acc.last = Last::Hundred;
                        acc.words = true;
                        j += 1;
                        acc.end = j;
                        j = self.skip_joiner(j);
                        continue;
                    }
                    if let Some(scale) = lookup(SCALES, w) {
                        if acc.last == Last::Scale && acc.current == 0.0 && acc.total < scale {
                            // "three thousand millions", "three lakh crore".
                            acc.total *= scale;
                        } else if acc.last == Last::Nothing {
                            // "hundred thousand dollars" / bare "thousand": one of the scale.
                            if w.ends_with('s') {
                                break;
                            }
                            acc.total += scale;
                        } else {
                            let cur = if acc.current == 0.0 { 1.0 } else { acc.current };
                            acc.total += cur * scale;
                            acc.current = 0.0;
                        }
                        acc.last = Last::Scale;
                        acc.last_scale = scale;
                        acc.words = true;
                        j += 1;
                        acc.end = j;
                        continue;
                    }
                    if matches!(w, "dozen" | "dozens" | "dz" | "dzs" | "doz" | "dozs") {
                        if acc.last == Last::Nothing {
                            break;
                        }
                        if acc.last == Last::Scale {
                            break;
                        }
                        let small = if acc.last_small == 0.0 {
                            1.0
                        } else {
                            acc.last_small
                        };
                        acc.current = acc.current - small + small * 12.0;
                        acc.last = Last::Scale;
                        acc.words = true;
                        j += 1;
                        acc.end = j;
                        continue;
                    }
                    if w == "and" {
                        // "and" continues a number only before another number part.
                        if matches!(acc.last, Last::Nothing | Last::Fraction) {
                            break;
                        }
                        let n = self.word_at(j + 1);
                        // "one and a half", "five and a quarter", "three and a fifth".
                        if matches!(n, Some("a") | Some("an"))
                            && let Some((d, k)) = self.denominator(j + 2)
                        {
                            if acc.last == Last::Scale {
                                // "one million and a half", "one billion and a quarter million".
                                let s2 = self.word_at(k).and_then(|w| lookup(SCALES, w));
                                acc.total += s2.unwrap_or(acc.last_scale) / d;
                                acc.subtype = Subtype::Fraction;
                                acc.end = k + usize::from(s2.is_some());
                                break;
                            }
                            acc.current += 1.0 / d;
                            acc.subtype = Subtype::Fraction;
                            acc.last = Last::Fraction;
                            acc.end = k;
                            j = k;
                            // "five and a half million"
                            if let Some(scale) = self.word_at(j).and_then(|w| lookup(SCALES, w)) {
                                acc.total = (acc.total + acc.current) * scale;
                                acc.current = 0.0;
                                j += 1;
                                acc.end = j;
                            }
                            break;
                        }
                        if self.is_numberish(j + 1) && !matches!(n, Some("a") | Some("an")) {
                            acc.before_and = Some(acc.value());
                            // The part after "and" is its own group for fractions.
                            let saved_total = acc.total;
                            let saved_current = acc.current;
                            // Parse the rest as a fresh number and combine.
                            if let Some(rest) = self.unsigned(j + 1) {
                                // "five billion and three quarters (million)": a fraction of
                                // the last (or the following) scale.
                                if acc.last == Last::Scale
                                    && rest.subtype == Subtype::Fraction
                                    && rest.value() < 1.0
                                {
                                    let s2 = self.word_at(rest.end).and_then(|w| lookup(SCALES, w));
                                    acc.total += rest.value() * s2.unwrap_or(acc.last_scale);
                                    acc.current = 0.0;
                                    acc.subtype = Subtype::Fraction;
                                    acc.end = rest.end + usize::from(s2.is_some());
                                    break;
                                }
                                // "two hundred and two thousand" = (200 + 2) thousand.
                                if acc.last == Last::Hundred
                                    && acc.total == 0.0
                                    && rest.last == Last::Scale
                                    && rest.last_scale >= 1000.0
                                    && rest.value() / rest.last_scale < 100.0
                                {
                                    acc.total = (acc.current + rest.value() / rest.last_scale)
                                        * rest.last_scale;
                                    acc.current = 0.0;
                                    acc.end = rest.end;
                                    break;
                                }
                                if rest.value() == 0.0 && rest.subtype == Subtype::Integer {
                                    break;
                                }
                                // "one hundred and thirty fifths" = 130/5, but "twenty and
                                // three fifths" = 20 + 3/5: an improper fraction takes it all.
                                if let Some((n, d)) = rest.frac
                                    && n >= d
                                {
                                    acc.frac = Some((saved_total + saved_current + n, d));
                                    acc.total = 0.0;
                                    acc.current = (saved_total + saved_current + n) / d;
                                    acc.subtype = Subtype::Fraction;
                                    acc.end = rest.end;
                                    acc.last = Last::Fraction;
                                    break;
                                }
                                if rest.subtype == Subtype::Fraction
                                    || (acc.last == Last::Scale && rest.value() < 1000.0)
                                    || (acc.last == Last::Hundred && rest.value() < 100.0)
                                    || (acc.last == Last::Scale && rest.value() >= 1000.0 && {
                                        // "two thousand and two hundred"
                                        rest.value() < smallest_scale_of(&acc)
                                    })
                                {
                                    acc.total = saved_total + saved_current + rest.value();
                                    acc.current = 0.0;
                                    if rest.subtype != Subtype::Integer {
                                        acc.subtype = rest.subtype;
                                    }
                                    acc.end = rest.end;
                                    acc.last = rest.last;
                                    break;
                                }
                            }
                        }
                        break;
                    }
                    if w == "point" {
                        if acc.last == Last::Nothing && acc.total == 0.0 && acc.current == 0.0 {
                            // "point 77"
                        }
                        let (digits, k) = self.decimal_digits(j + 1);
                        if digits.is_empty() {
                            break;
                        }
                        let frac: f64 = format!("0.{digits}").parse().unwrap_or(0.0);
                        acc.current += frac;
                        acc.subtype = Subtype::Decimal;
                        acc.words = true;
                        j = k;
                        acc.end = k;
                        // "two point two million"
                        if let Some(scale) = self.word_at(j).and_then(|w| lookup(SCALES, w)) {
                            acc.total = (acc.total + acc.current) * scale;
                            acc.current = 0.0;
                            acc.subtype = Subtype::Integer;
                            j += 1;
                            acc.end = j;
                        }
                        break;
                    }
                    if let Some(d) = lookup(DENOMINATORS, w) {
                        // "two thirds", "a half", "twenty one fifths", "hundred-fifths".
                        if acc.last == Last::Nothing {
                            // "half a dozen", "half million", "quarter million".
                            break;
                        }
                        if matches!(acc.last, Last::Scale) && acc.current == 0.0 {
                            break;
                        }
                        let num = acc.value();
                        acc.frac = Some((num, d));
                        acc.total = 0.0;
                        acc.current = num / d;
                        acc.subtype = Subtype::Fraction;
                        acc.last = Last::Fraction;
                        acc.words = true;
                        j += 1;
                        acc.end = j;
                        // "two thirds of a million"
                        if self.word_at(j) == Some("of")
                            && matches!(self.word_at(j + 1), Some("a") | Some("an"))
                            && let Some(scale) = self.word_at(j + 2).and_then(|w| lookup(SCALES, w))
                        {
                            acc.current *= scale;
                            j += 3;
                            acc.end = j;
                        }
                        break;
                    }
                    break;
                }
                Tok::Punct('-') | Tok::Punct('‑') if acc.last == Last::Tens => {
                    j += 1;
                }
                _ => break,
            }
        }
        if acc.end == i {
            return None;
        }
        Some(acc)
    }

    /// Digits spoken after "point": "zero three" -> "03", "seventy-one" -> "71", 77 -> "77".
    fn decimal_digits(&self, mut j: usize) -> (String, usize) {
        let mut s = String::new();
        loop {
            let t = self.tok(j);
            match t.as_ref().map(|t| &t.tok) {
                Some(Tok::Digits {
                    subtype: Subtype::Integer,
                    ..
                }) if s.is_empty() => {
                    let t = t.expect("matched");
                    s.push_str(&self.text[t.start..t.end]);
                    return (s, j + 1);
                }
                Some(Tok::Word(w, _)) => {
                    let Some(v) = lookup(SMALL, w) else { break };
                    let mut v = v as u64;
                    let mut k = j + 1;
                    if v >= 20 && v % 10 == 0 {
                        let k2 = self.skip_joiner(k);
                        if let Some(u) = self.word_at(k2).and_then(|w| lookup(SMALL, w))
                            && (1.0..10.0).contains(&u)
                        {
                            v += u as u64;
                            k = k2 + 1;
                        }
                    }
                    s.push_str(&v.to_string());
                    j = k;
                }
                _ => break,
            }
        }
        (s, j)
    }

    /// Parses a signed number at `i`, with fractions "over"/"out of", leading "half".
    fn number(&self, i: usize) -> Option<(usize, f64, Subtype, bool)> {
        let mut j = i;
        let mut sign = 1.0;
        if let Some(w) = self.word_at(j)
            && (w == "minus" || w == "negative")
            && self.is_numberish(j + 1)
        {
            sign = -1.0;
            j += 1;
        } else if let Some(t) = self.tok(j)
            && (is_hyphen(&t) || t.tok == Tok::Punct('−'))
        {
            // A sign only when nothing word-like is glued before it ("SCP-173", "1000-5000").
            let before = self.text[..t.start].chars().next_back();
            let after_figure = j > 0
                && self
                    .tok(j - 1)
                    .is_some_and(|p| matches!(p.tok, Tok::Digits { .. } | Tok::Glued));
            let glued = after_figure || before.is_some_and(|c| c.is_alphanumeric() || c == '-');
            let next = self.tok(j + 1)?;
            let gap = &self.text[t.end..next.start];
            let gap_ok = gap.is_empty()
                || (gap.chars().all(is_space) && before.is_none_or(|c| c.is_whitespace()));
            if glued || !gap_ok || !matches!(next.tok, Tok::Digits { .. }) {
                return None;
            }
            sign = -1.0;
            j += 1;
        }
        // "half a dozen", "half million", "quarter million", "half".
        if let Some(w) = self.word_at(j)
            && (w == "half" || w == "quarter")
        {
            let frac = if w == "half" { 0.5 } else { 0.25 };
            if matches!(self.word_at(j + 1), Some("a") | Some("an"))
                && self.word_at(j + 2) == Some("dozen")
            {
                return Some((j + 3, sign * frac * 12.0, Subtype::Integer, true));
            }
            if let Some(scale) = self.word_at(j + 1).and_then(|w| lookup(SCALES, w)) {
                return Some((j + 2, sign * frac * scale, Subtype::Integer, true));
            }
            if w == "half" {
                return Some((j + 1, sign * 0.5, Subtype::Fraction, true));
            }
            return None;
        }
        let acc = self.unsigned(j)?;
        let mut end = acc.end;
        let mut value = acc.value();
        let mut subtype = acc.subtype;
        // "one over three", "1 out of three", "2000 over 3": a fraction when the denominator
        // ends the clause (so "$2000 over 3 years" stays two numbers).
        let conn = match self.word_at(end) {
            Some("over") => Some(1),
            Some("out") if self.word_at(end + 1) == Some("of") => Some(2),
            _ => None,
        };
        if let Some(n) = conn
            && acc.subtype == Subtype::Integer
            && let Some(den) = self.unsigned(end + n)
        {
            let after = self.tok(den.end);
            let clause_end = after.is_none_or(|t| matches!(t.tok, Tok::Punct(_)));
            // "12 out of 10" is two figures; "2000 over 3" is a fraction.
            let proper = n == 1 || value <= den.value();
            if clause_end && den.value() != 0.0 && proper {
                value /= den.value();
                subtype = Subtype::Fraction;
                end = den.end;
            }
        }
        Some((end, sign * value, subtype, acc.words))
    }
}

/// The smallest scale used so far (for "two thousand and two hundred" vs "...and two thousand").
fn smallest_scale_of(acc: &Acc) -> f64 {
    let v = acc.total;
    let mut s = 1e12;
    while s > 1.0 && (v / s).fract() != 0.0 {
        s /= 1000.0;
    }
    s
}

/// Is the number at `start..end` part of code that slipped into article text, not prose: an
/// argument of a call (`alert(1)`, `f(2)`: a letter or `_` right before the parenthesis) or
/// the value of an attribute (`width=300`: a name right before `=`, no spaces)? Digits before
/// the parenthesis are a citation, not a call: "Article 23(1)" keeps its 1.
fn in_code(text: &str, start: usize, end: usize) -> bool {
    let before = &text.as_bytes()[..start];
    let after = &text.as_bytes()[end..];
    let name_char = |b: &u8| b.is_ascii_alphabetic() || *b == b'_';
    match before {
        [.., p, b'('] if name_char(p) => after.first() == Some(&b')'),
        [.., p, b'='] => name_char(p) || p.is_ascii_digit(),
        _ => false,
    }
}

/// Finds every number in `text`, left to right, without overlaps.
pub fn find_numbers(text: &str) -> Vec<NumberMatch> {
    find_numbers_lower(text, &text.to_ascii_lowercase())
}

/// Whether the grammar can read a number from `t`; `next` lexes the token after it.
fn can_start<'a>(t: &Token<'a>, next: impl FnOnce() -> Option<Token<'a>>) -> bool {
    match t.tok {
        // "a" and "an", the commonest words that may start one, do so only before a
        // multiplier or denominator: one set lookup, not the whole grammar.
        Tok::Word("a" | "an", _) => next()
            .as_ref()
            .and_then(word)
            .is_some_and(|n| AFTER_ARTICLE.contains(n)),
        // Most words cannot begin a number: they skip the grammar. Nor can a punctuation
        // mark other than a sign, or digits glued to letters: for them `Parser::number`
        // would find nothing.
        Tok::Word(w, _) => NUMBER_STARTS.contains(w),
        Tok::Punct(c) => matches!(c, '-' | '‑' | '–' | '−'),
        Tok::Glued => false,
        Tok::Digits { .. } => true,
    }
}

/// The number the grammar read from `first` to `last` (value, subtype, words), unless it is
/// the pronoun "one" after a determiner (`before`), not finite, or inside code.
fn accept(
    text: &str,
    before: Option<&Token<'_>>,
    first: &Token<'_>,
    last: &Token<'_>,
    (value, subtype, words): (f64, Subtype, bool),
) -> Option<NumberMatch> {
    let (start, end) = (first.start, last.end);
    let is_bare_one = first.start == last.start && word(first) == Some("one");
    let pronoun = is_bare_one
        && before
            .and_then(word)
            .is_some_and(|w| ONE_PRONOUN_BEFORE.contains(&w));
    (!pronoun && value.is_finite() && !in_code(text, start, end)).then_some(NumberMatch {
        start,
        end,
        value,
        subtype,
        words,
    })
}

/// [`find_numbers`] for a caller that holds `lower`, the ASCII lower-casing of `text`
/// (the quantity finder does): the text is not copied and lower-cased twice.
pub fn find_numbers_lower(text: &str, lower: &str) -> Vec<NumberMatch> {
    debug_assert_eq!(lower.len(), text.len());
    let lexer = Lexer::new(text, lower);
    let p = Parser::new(lexer);
    let filter: &StartFilter = &START_FILTER;
    let (b, lower_b) = (text.as_bytes(), lower.as_bytes());
    let mut out = Vec::new();
    // The start of the token before the one at `pos`.
    let mut before: Option<usize> = None;
    let mut pos = 0;
    while pos < b.len() {
        // The commonest tokens first, without building a token: a space, and an ASCII word
        // that cannot start a number.
        let c = b[pos];
        if c == b' ' {
            pos += 1;
            continue;
        }
        if c.is_ascii_alphabetic() {
            let end = word_end(text, pos, lexer.word_class);
            if !filter.may_hold(lower_b, pos, end) {
                before = Some(pos);
                pos = end;
                continue;
            }
        } else if c < 0x80 && !c.is_ascii_digit() && c != b'-' {
            // ASCII punctuation and line breaks, decided from the byte alone: `Lexer::next`
            // skips the breaks and tabs as spaces, and makes a one-byte `Punct` of the rest,
            // which cannot start a number, except a hyphen (a sign) and a dot before a digit
            // (".5"), which go to the lexer.
            if matches!(c, b'\n' | b'\r' | b'\t') {
                pos += 1;
                continue;
            }
            if c != b'.' || !b.get(pos + 1).is_some_and(u8::is_ascii_digit) {
                before = Some(pos);
                pos += 1;
                continue;
            }
        }
        let Some(t) = lexer.next(pos) else { break };
        // Most words cannot begin a number: skip them without trying the grammar.
        // Nor can a punctuation mark other than a sign, or digits glued to letters: for
        // them `Parser::number` would find nothing.
        if !can_start(&t, || lexer.next(t.end)) {
            before = Some(t.start);
            pos = t.end;
            continue;
        }
        let before_tok = before.and_then(|s| lexer.next(s));
        let i = p.start(before_tok, t);
        let next = match p.number(i) {
            Some((end, value, subtype, words)) => {
                let last = p.tok(end - 1).expect("read by the grammar");
                let read = (value, subtype, words);
                out.extend(accept(text, before_tok.as_ref(), &t, &last, read));
                end
            }
            None => i + 1,
        };
        // Go on at token `next`: lexed again from its start, or where the grammar stopped.
        before = p.tok(next - 1).map(|t| t.start);
        pos = p.tok(next).map_or(p.lexed_to.get(), |t| t.start);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(t: &str) -> Vec<f64> {
        find_numbers(t).iter().map(|m| m.value).collect()
    }

    #[test]
    fn a_dot_chain_after_a_space_ends() {
        // Used to loop for ever, pushing empty tokens.
        for t in [".9.9", "x .9.9", "ciDDDturyy.9.9 and .5.5.5"] {
            find_numbers(t);
        }
        assert!(find_numbers("x .9.9").iter().all(|n| n.start < n.end));
    }

    #[test]
    fn numbers_inside_code_are_not_figures() {
        assert_eq!(
            values("<img src=x onerror=alert(1)> were detained"),
            Vec::<f64>::new()
        );
        assert_eq!(values("<td width=300>"), Vec::<f64>::new());
        // Prose stays: a list marker, a legal citation, a parenthesised figure.
        assert_eq!(values("Article 23(1) applies"), vec![23.0, 1.0]);
        assert_eq!(values("the steps are (1) vote"), vec![1.0]);
        assert_eq!(values("turnout (80%) rose"), vec![80.0]);
        assert_eq!(values("at least 300 people <b>alert(2)</b>"), vec![300.0]);
    }

    #[test]
    fn digits_with_grouping() {
        assert_eq!(values("1,000 people"), vec![1000.0]);
        assert_eq!(values("1.000 people"), vec![1000.0]);
        assert_eq!(values("1 000 people"), vec![1000.0]);
        assert_eq!(values("7.7%"), vec![7.7]);
        assert_eq!(values("4.800"), vec![4.8]);
        assert_eq!(values("1.111,11"), vec![1111.11]);
        assert_eq!(values("12,34,567.89"), vec![1234567.89]);
        assert_eq!(values("22,24,26,31."), vec![22.0, 24.0, 26.0, 31.0]);
        assert_eq!(values("5,00"), vec![5.0]);
    }

    #[test]
    fn glued_units_are_not_numbers() {
        assert!(values("the 180ml liquid").is_empty());
        assert!(values("the May 4th").is_empty());
        assert_eq!(values("10k"), vec![10000.0]);
        assert_eq!(values("1.2b"), vec![1.2e9]);
    }

    #[test]
    fn words() {
        assert_eq!(values("one hundred and sixty-one"), vec![161.0]);
        assert_eq!(
            values("twenty-one trillion and three hundred"),
            vec![21e12 + 300.0]
        );
        assert_eq!(values("three hundred and two dozens"), vec![324.0]);
        assert_eq!(values("two thirds"), vec![2.0 / 3.0]);
        assert_eq!(values("one and a half"), vec![1.5]);
        assert_eq!(values("two hundred point zero three"), vec![200.03]);
        assert_eq!(values("minus 5"), vec![-5.0]);
        assert_eq!(values("half a dozen"), vec![6.0]);
        assert_eq!(values("4 thousand 3 hundred and 21"), vec![4321.0]);
    }

    #[test]
    fn an_article_is_one_only_before_a_multiplier_or_denominator() {
        assert_eq!(
            values("A hundred came, a thousand more, a man, an idea, a 5"),
            vec![100.0, 1000.0, 5.0]
        );
        // Inside a number too, as in "one and a half".
        assert_eq!(values("a dozen and a third"), vec![12.0 + 1.0 / 3.0]);
        assert_eq!(values("a"), Vec::<f64>::new());
    }

    /// The scan as it was before tokens were lexed on demand: every token of the text lexed
    /// first, the grammar tried at each one that can start a number, over the whole list.
    fn find_numbers_eager(text: &str) -> Vec<NumberMatch> {
        let lower = text.to_ascii_lowercase();
        let lexer = Lexer::new(text, &lower);
        let mut toks = Vec::new();
        let mut pos = 0;
        while let Some(t) = lexer.next(pos) {
            pos = t.end;
            toks.push(t);
        }
        let p = Parser::new(lexer);
        *p.toks.borrow_mut() = toks.clone();
        p.lexed_to.set(text.len());
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            if !can_start(&toks[i], || toks.get(i + 1).copied()) {
                i += 1;
                continue;
            }
            let Some((end, value, subtype, words)) = p.number(i) else {
                i += 1;
                continue;
            };
            let before = i.checked_sub(1).map(|k| &toks[k]);
            out.extend(accept(
                text,
                before,
                &toks[i],
                &toks[end - 1],
                (value, subtype, words),
            ));
            i = end;
        }
        out
    }

    /// Pieces that exercise the grammar's look-ahead and look-behind: number words, scales,
    /// fractions, signs, "and"/"over"/"out of", determiners before "one", digits in every
    /// grouping the lexer reads.
    const PIECES: &[&str] = &[
        "one",
        "two",
        "twenty",
        "thirty-five",
        "hundred",
        "hundreds",
        "thousand",
        "million",
        "a",
        "an",
        "A",
        "and",
        "half",
        "quarter",
        "third",
        "thirds",
        "dozen",
        "point",
        "minus",
        "negative",
        "over",
        "out",
        "of",
        "the",
        "which",
        "first",
        "fifths",
        "k",
        "M",
        "bn",
        "people",
        "-",
        "–",
        "−",
        ".",
        ",",
        "(",
        ")",
        "=",
        "x",
        "1",
        "12",
        "1,000",
        "2.5",
        "1.000",
        "40 000",
        "3/4",
        "½",
        "10k",
        "4th",
        "1e3",
        "x10^6",
        ".9.9",
        "2  1/4",
        "é",
        "’",
        "\t",
        "\r",
        "'",
        ".5",
        "3.",
        "!",
    ];

    proptest::proptest! {
        #[test]
        fn numbers_lexed_on_demand_are_the_numbers_of_the_whole_token_list(
            pieces in proptest::collection::vec(
                (proptest::sample::select(PIECES), proptest::sample::select(&["", " ", "  ", "-", "\n"][..])),
                0..24,
            )
        ) {
            let text: String = pieces.iter().flat_map(|(p, sep)| [*p, *sep]).collect();
            proptest::prop_assert_eq!(find_numbers(&text), find_numbers_eager(&text), "{:?}", text);
        }
    }

    proptest::proptest! {
        #[test]
        fn word_end_is_the_class_scan(s in "[a-zA-Z'’é½K\u{212A} ,.@\\[`{&(0-9-]{0,40}") {
            let class: &AsciiClass = &WORD_CLASS;
            for i in (0..=s.len()).filter(|&i| s.is_char_boundary(i)) {
                proptest::prop_assert_eq!(
                    word_end(&s, i, class),
                    scan_class(&s, i, true, class, is_word_char),
                    "{:?} at {}", s, i
                );
            }
        }

        #[test]
        fn the_start_filter_passes_every_word_of_the_set(w in "[a-z][a-z'é]{0,18}") {
            let filter: &StartFilter = &START_FILTER;
            if NUMBER_STARTS.contains(&w) {
                proptest::prop_assert!(filter.may_hold(w.as_bytes(), 0, w.len()));
            }
        }
    }

    #[test]
    fn the_start_filter_passes_the_number_words_and_stops_most_others() {
        let filter: &StartFilter = &START_FILTER;
        for w in number_starts() {
            assert!(filter.may_hold(w.as_bytes(), 0, w.len()), "{w}");
        }
        for w in [
            "the",
            "said",
            "protesters",
            "of",
            "in",
            "it's",
            "o'clock",
            "x",
        ] {
            assert!(!filter.may_hold(w.as_bytes(), 0, w.len()), "{w}");
        }
    }

    #[test]
    fn pronoun_one() {
        assert!(values("Which one do you prefer?").is_empty());
        assert_eq!(values("Let's try one last time"), vec![1.0]);
    }
}
