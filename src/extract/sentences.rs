//! Sentence boundaries in cleaned text: every claim carries the sentence it stands in.
//!
//! A sentence ends at `.`, `!` or `?` (plus any closing quotes or brackets) followed by
//! whitespace and a capital letter, digit or opening quote, unless the word before the stop
//! is an abbreviation ("Dec.", "Mr.", "U.S.", "St."). Paragraph breaks always end a sentence.

use super::words::{WordSet, find_byte, with_lower};
use crate::model::Span;
use std::sync::LazyLock;

/// Abbreviations that end in a dot without ending the sentence (lower case, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "gov", "sen", "rep", "lt", "col", "sgt", "capt",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no",
    "vs", "etc", "inc", "ltd", "co", "corp", "jr", "sr", "mt", "ft", "approx", "est", "fig",
];

/// Splits `text` into sentence spans (trimmed, never empty).
pub fn split(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = text.as_bytes();
    let mut i = 0;
    loop {
        // Only a stop or a line break can end a sentence: step to the next one.
        i = find_byte(b, i, [b'.', b'!', b'?', b'\n'], false);
        if i >= b.len() {
            break;
        }
        let c = b[i];
        if c == b'\n' && i + 1 < b.len() && b[i + 1] == b'\n' {
            push_trimmed(text, start, i, &mut out);
            start = i + 2;
            i += 2;
            continue;
        }
        if c == b'.' || c == b'!' || c == b'?' {
            // Include closing quotes and brackets after the stop.
            let mut end = i + 1;
            while end < b.len() {
                let ch = text[end..].chars().next().unwrap_or(' ');
                if matches!(ch, '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '“') {
                    end += ch.len_utf8();
                } else {
                    break;
                }
            }
            let next = text[end..].chars().next();
            let after = text[end..].trim_start_matches([' ', '\t']);
            let next_start = after.chars().next();
            let boundary = matches!(next, Some(' ') | Some('\t') | Some('\n') | None)
                && next_start.is_none_or(|n| {
                    n.is_uppercase() || n.is_ascii_digit() || "\"“‘'«„(\n".contains(n)
                });
            if boundary && c == b'.' && is_abbreviation(text, i) {
                i += 1;
                continue;
            }
            if boundary {
                push_trimmed(text, start, end, &mut out);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn is_abbreviation(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let w_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '.'))
        .map(|(k, c)| k + c.len_utf8())
        .unwrap_or(0);
    let w = &before[w_start..];
    if w.is_empty() {
        return false;
    }
    // "U.S." and single initials ("J. Smith").
    if w.contains('.') || (w.chars().count() == 1 && w.chars().all(|c| c.is_uppercase())) {
        return true;
    }
    with_lower(w, |l| ABBREVIATION_SET.contains(l))
}

/// [`ABBREVIATIONS`] for a lookup at every full stop.
static ABBREVIATION_SET: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(ABBREVIATIONS.iter().copied()));

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
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
}
