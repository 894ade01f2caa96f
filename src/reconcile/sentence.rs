//! The sentence around a span, for evidence of mentions (claims carry their own sentence).
//! A light splitter: a sentence ends at `.`, `!` or `?` followed by a space and a capital or
//! an opening quote, or at a paragraph break; common abbreviations do not end one.

use crate::model::Span;

/// Abbreviations that end in a full stop without ending the sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "gen", "gov", "sen", "rep", "no", "vs", "u.s", "u.k", "e.g", "i.e",
];

fn ends_sentence(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    if !matches!(b[i], b'.' | b'!' | b'?') {
        return false;
    }
    let rest = &text[i + 1..];
    let mut chars = rest.chars();
    if !chars.next().is_some_and(char::is_whitespace) {
        return false;
    }
    let next = rest.trim_start().chars().next();
    if !next.is_some_and(|c| c.is_uppercase() || "\"“‘'«„".contains(c)) {
        return false;
    }
    if b[i] == b'.' {
        let word_start = text[..i]
            .rfind(|c: char| c.is_whitespace())
            .map_or(0, |p| p + 1);
        let word = &text[word_start..i];
        if word.is_ascii() {
            // Most words: compared without case in place, not lower-cased into a new string
            // at every full stop.
            // No abbreviation is longer than four bytes.
            if word.len() == 1
                || (word.len() <= 4 && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)))
            {
                return false;
            }
        } else {
            let word = word.to_lowercase();
            if ABBREVIATIONS.contains(&word.as_str()) || word.chars().count() == 1 {
                return false;
            }
        }
    }
    true
}

/// The byte span of the sentence containing `span` in `text`: from the end of the last
/// sentence before it, or the paragraph break (a blank line) before it, whichever is nearer,
/// to the first sentence end or paragraph break after it.
///
/// Both ways are one scan that stops at the first of the two: finding the paragraph breaks
/// first read whole paragraphs for every span (most of what building the evidence of a
/// place or a tenure cost). Only `.`, `!` and `?` can end a sentence; they are ASCII, so
/// the scans are over bytes, and a `\n` is never one of them, so the order of the two tests
/// at one byte does not matter. Only those four bytes can stop either scan, so each scan
/// visits just them, found by SIMD searches ([`marks`]), in the order a byte-by-byte scan
/// would reach them.
pub fn around(text: &str, span: Span) -> Span {
    let b = text.as_bytes();
    let ends = |i: usize| matches!(b[i], b'.' | b'!' | b'?') && ends_sentence(text, i);
    let at = span.start.min(text.len());
    let mut start = 0;
    for i in marks(b, 0, at, true) {
        // A break "\n\n" wholly before `at`: the paragraph starts after it.
        if b[i] == b'\n' && i + 1 < at && b[i + 1] == b'\n' {
            start = i + 2;
            break;
        }
        if ends(i) {
            start = i + 1;
            break;
        }
    }
    while text[start..].starts_with(char::is_whitespace) && start < at {
        start += text[start..].chars().next().map_or(1, char::len_utf8);
    }
    let from = span.end.clamp(at, text.len());
    let mut end = text.len();
    for i in marks(b, from, text.len(), false) {
        if b[i] == b'\n' && b.get(i + 1) == Some(&b'\n') {
            end = i;
            break;
        }
        if ends(i) {
            end = i + 1;
            break;
        }
    }
    Span::new(start, end)
}

/// The offsets in `lo..hi` of `b` holding a stop (`.`, `!`, `?`) or a line break, ascending,
/// or descending when `back`. The next stop and the next line break are each found by one
/// SIMD search and kept until passed, so the range is searched about once for each.
fn marks(b: &[u8], lo: usize, hi: usize, back: bool) -> impl Iterator<Item = usize> + '_ {
    let stop_in = move |lo: usize, hi: usize| {
        let h = &b[lo..hi];
        if back {
            memchr::memrchr3(b'.', b'!', b'?', h)
        } else {
            memchr::memchr3(b'.', b'!', b'?', h)
        }
        .map(|p| lo + p)
    };
    let line_in = move |lo: usize, hi: usize| {
        let h = &b[lo..hi];
        if back {
            memchr::memrchr(b'\n', h)
        } else {
            memchr::memchr(b'\n', h)
        }
        .map(|p| lo + p)
    };
    let (mut stop, mut line) = (stop_in(lo, hi), line_in(lo, hi));
    std::iter::from_fn(move || {
        let i = match (stop, line) {
            (Some(s), Some(l)) if back => s.max(l),
            (Some(s), Some(l)) => s.min(l),
            (Some(x), None) | (None, Some(x)) => x,
            (None, None) => return None,
        };
        // The rest of the range past `i`, in the direction of the scan.
        let (rest_lo, rest_hi) = if back { (lo, i) } else { (i + 1, hi) };
        if stop == Some(i) {
            stop = stop_in(rest_lo, rest_hi);
        } else {
            line = line_in(rest_lo, rest_hi);
        }
        Some(i)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`around`] as it was: the paragraph first, then the sentence ends within it.
    fn around_by_paragraph(text: &str, span: Span) -> Span {
        let at = span.start.min(text.len());
        let mut start = text[..at].rfind("\n\n").map_or(0, |p| p + 2);
        for (i, _) in text[start..at].char_indices().rev() {
            if ends_sentence(text, start + i) {
                start += i + 1;
                break;
            }
        }
        while text[start..].starts_with(char::is_whitespace) && start < at {
            start += text[start..].chars().next().map_or(1, char::len_utf8);
        }
        let from = span.end.clamp(at, text.len());
        let mut end = text[from..].find("\n\n").map_or(text.len(), |p| from + p);
        for (i, _) in text[from..end].char_indices() {
            if ends_sentence(text, from + i) {
                end = from + i + 1;
                break;
            }
        }
        Span::new(start, end)
    }

    #[test]
    fn one_scan_finds_what_the_paragraph_scan_found() {
        let texts = [
            "First one. They meet on Dec. 20 in Sochi, he said. Last one.\n\nNext paragraph.",
            "A.\n\n\nB! C? «D» e. F\n\nG. \n\n",
            "No end at all\n\nand a break. Then “Quoted” words. x.\n\n",
            "Dr. Smith met Mr. Jones. U.S. talks! Ok?  Yes. ",
            "«Да». Тут. Ёж!\n\nÉté. Z",
            "Mr. A!\nB? c.\nD\n\n\n.E. F? G!\n\nH. ?\n! I",
        ];
        for t in texts {
            let bounds: Vec<usize> = (0..=t.len()).filter(|&i| t.is_char_boundary(i)).collect();
            for (k, &s) in bounds.iter().enumerate() {
                for &e in &bounds[k..] {
                    let span = Span::new(s, e);
                    assert_eq!(
                        around(t, span),
                        around_by_paragraph(t, span),
                        "{t:?} {s}..{e}"
                    );
                }
            }
        }
    }

    #[test]
    fn finds_the_sentence_and_skips_abbreviations() {
        let t = "First one. They meet on Dec. 20 in Sochi, he said. Last one.\n\nNext paragraph.";
        let at = t.find("Sochi").unwrap();
        let s = around(t, Span::new(at, at + 5));
        assert_eq!(s.slice(t), "They meet on Dec. 20 in Sochi, he said.");
        let at = t.find("Next").unwrap();
        assert_eq!(around(t, Span::new(at, at + 4)).slice(t), "Next paragraph.");
    }
}
