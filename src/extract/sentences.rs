//! Sentence boundaries in cleaned text: every claim carries the sentence it stands in.
//!
//! A sentence ends at `.`, `!` or `?` (plus any closing quotes or brackets) followed by
//! whitespace and a capital letter, digit or opening quote, unless the word before the stop
//! is an abbreviation ("Dec.", "Mr.", "U.S.", "St."). Paragraph breaks always end a sentence.

use super::words::{WordSet, char_at, scan, scan_back, with_lower_as_is};
use crate::model::Span;
use std::sync::LazyLock;

/// Abbreviations that end in a dot without ending the sentence (lower case, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "gov", "sen", "rep", "lt", "col", "sgt", "capt",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no",
    "vs", "etc", "inc", "ltd", "co", "corp", "jr", "sr", "mt", "ft", "approx", "est", "fig",
];

/// Splits `text` into sentence spans (trimmed, never empty).
///
/// Only a stop (`.`, `!`, `?`) or a paragraph break can end a sentence; the next of each is
/// found by a SIMD search (`memchr`) and kept until the scan passes it, so the text is
/// searched about once for each. (A line break that opens no paragraph break ends nothing.)
pub fn split(text: &str) -> Vec<Span> {
    let b = text.as_bytes();
    let mut stop = next_stop(b, 0);
    let mut paragraph = next_paragraph_break(b, 0);
    split_at(text, |i| {
        // Each is the first at or after the offset it was searched from, so while it is not
        // behind `i` it is the first at or after `i` too.
        if stop < i {
            stop = next_stop(b, i);
        }
        if paragraph < i {
            paragraph = next_paragraph_break(b, i);
        }
        stop.min(paragraph)
    })
}

/// The sentences of `text`, reading the offsets `next` gives (`next(i)`: the first offset at
/// or after `i` that may end a sentence, a stop or a paragraph break, at least those; or
/// `text.len()`).
fn split_at(text: &str, mut next: impl FnMut(usize) -> usize) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = text.as_bytes();
    let mut i = 0;
    loop {
        i = next(i);
        if i >= b.len() {
            break;
        }
        if b[i] == b'\n' && i + 1 < b.len() && b[i + 1] == b'\n' {
            push_trimmed(text, start, i, &mut out);
            start = i + 2;
            i += 2;
            continue;
        }
        if let Some(end) = sentence_end_at(text, i) {
            push_trimmed(text, start, end, &mut out);
            start = end;
            i = end;
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

/// Where the sentence ends when the byte at `i` is a stop that ends one: after the closing
/// quotes and brackets that follow it.
fn sentence_end_at(text: &str, i: usize) -> Option<usize> {
    let c = text.as_bytes()[i];
    if !matches!(c, b'.' | b'!' | b'?') {
        return None;
    }
    // Include closing quotes and brackets after the stop.
    let mut end = i + 1;
    while let Some(ch) = char_at(text, end) {
        if matches!(ch, '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '“') {
            end += ch.len_utf8();
        } else {
            break;
        }
    }
    let next = char_at(text, end);
    let after = scan(text, end, true, |c| c == ' ' || c == '\t');
    let next_start = char_at(text, after);
    let boundary = matches!(next, Some(' ') | Some('\t') | Some('\n') | None)
        && next_start
            .is_none_or(|n| n.is_uppercase() || n.is_ascii_digit() || "\"“‘'«„(\n".contains(n));
    (boundary && !(c == b'.' && is_abbreviation(text, i))).then_some(end)
}

/// The first stop (`.`, `!`, `?`) at or after `i`, or `b.len()`.
fn next_stop(b: &[u8], i: usize) -> usize {
    memchr::memchr3(b'.', b'!', b'?', &b[i..]).map_or(b.len(), |k| i + k)
}

/// The first offset at or after `i` that holds two line feeds, or `b.len()`.
fn next_paragraph_break(b: &[u8], mut i: usize) -> usize {
    while let Some(k) = memchr::memchr(b'\n', &b[i..]) {
        let at = i + k;
        if b.get(at + 1) == Some(&b'\n') {
            return at;
        }
        i = at + 1;
    }
    b.len()
}

fn is_abbreviation(text: &str, dot: usize) -> bool {
    let w_start = scan_back(text, dot, true, |c| c.is_alphanumeric() || c == '.');
    let w = &text[w_start..dot];
    if w.is_empty() {
        return false;
    }
    // "U.S." and single initials ("J. Smith").
    if w.contains('.') || (w.chars().count() == 1 && w.chars().all(|c| c.is_uppercase())) {
        return true;
    }
    with_lower_as_is(w, |l| ABBREVIATION_SET.contains(l))
}

/// [`ABBREVIATIONS`] for a lookup at every full stop.
static ABBREVIATION_SET: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(ABBREVIATIONS.iter().copied()));

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    // What `str::trim` removes (`char::is_whitespace`), found without decoding ASCII.
    let s = &text[start..end];
    let lead = scan(s, 0, true, char::is_whitespace);
    let trail = s.len() - scan_back(s, s.len(), true, char::is_whitespace);
    if start + lead < end - trail {
        out.push(Span::new(start + lead, end - trail));
    }
}

/// Index of the sentence containing byte `pos` (the last one starting at or before it).
pub fn containing(sentences: &[Span], pos: usize) -> Option<usize> {
    let i = sentences.partition_point(|s| s.start <= pos);
    i.checked_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        split(t).iter().map(|s| s.slice(t)).collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        let t = "They would meet on Dec. 20 in St. Petersburg. The U.S. Embassy said so.";
        assert_eq!(
            texts(t),
            vec![
                "They would meet on Dec. 20 in St. Petersburg.",
                "The U.S. Embassy said so."
            ]
        );
    }

    #[test]
    fn quotes_close_the_sentence() {
        let t = "“It is over.” He left.\n\nNext paragraph";
        assert_eq!(
            texts(t),
            vec!["“It is over.”", "He left.", "Next paragraph"]
        );
    }

    #[test]
    fn sentences_are_trimmed_as_str_trim_trims() {
        // No-break and ideographic spaces, tabs and a lone line break around the stops.
        let t = "\u{a0} First one. Second “quoted.”\n\u{2003}Third!\u{a0}\n\n\u{3000}";
        for s in split(t) {
            let piece = s.slice(t);
            assert!(!piece.is_empty());
            assert_eq!(piece, piece.trim(), "{piece:?}");
        }
        assert_eq!(texts(t), vec!["First one.", "Second “quoted.”", "Third!"]);
        // A word before the stop that ends in letters outside ASCII is read whole.
        assert_eq!(
            texts("Crowds in Zürich. Then Minsk."),
            vec!["Crowds in Zürich.", "Then Minsk."]
        );
        assert_eq!(
            texts("See Mr. Ó. Smith. Then."),
            vec!["See Mr. Ó. Smith.", "Then."]
        );
    }

    /// The splitter as it stood before the stops and breaks were searched with `memchr`:
    /// one eight-byte scan for any of the four bytes.
    fn split_by_byte_scan(text: &str) -> Vec<Span> {
        let b = text.as_bytes();
        split_at(text, |i| {
            crate::extract::words::find_byte(b, i, [b'.', b'!', b'?', b'\n'], false)
        })
    }

    proptest::proptest! {
        #[test]
        fn memchr_split_is_the_byte_scan_split(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                " ", "\n", "\n\n", "\n\n\n", "\t", "\u{a0}", ".", "!", "?", "...", "”", "’",
                ")", "\"", "Dec", "U.S", "Mr", "J", "word", "Zürich", "2.5", "One", "“", "(",
            ]), 0..40)
        ) {
            let text: String = pieces.concat();
            proptest::prop_assert_eq!(split(&text), split_by_byte_scan(&text), "{:?}", text);
        }
    }
}
