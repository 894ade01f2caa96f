//! Words of a document in the matching form, each with its byte span in `Document::text`, and
//! the word shingles built from them.
//!
//! Words are maximal runs of alphanumeric characters (invisible characters such as a soft
//! hyphen stay inside the word they split, and the matching form then drops them), so
//! "No\u{00AD}vaya" and "Novaya" are the same word. Each word is folded with
//! [`matching_form`] and lower-cased; offsets always point into the display text so evidence
//! can be shown as the article's own words.

use crate::model::Span;
use crate::normalize::text::{is_invisible, matching_form};
use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

/// One word: its 64-bit hash (xxh3 of the folded form) and its span in the display text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub hash: u64,
    pub span: Span,
}

/// The folded form of one word: matching form, lower case.
pub fn fold_word(w: &str) -> String {
    matching_form(w).to_lowercase()
}

/// Calls `f(span, folded)` for every word of `text`, in order.
pub fn for_each_word(text: &str, mut f: impl FnMut(Span, &str)) {
    let mut start: Option<usize> = None;
    let mut buf = String::new();
    let mut flush = |start: &mut Option<usize>, end: usize| {
        if let Some(s) = start.take() {
            buf.clear();
            let raw = &text[s..end];
            // Fast path: ASCII words need no Unicode normalisation.
            if raw.is_ascii() {
                buf.push_str(raw);
                buf.make_ascii_lowercase();
            } else {
                buf.push_str(&fold_word(raw));
            }
            if !buf.is_empty() {
                f(Span::new(s, end), &buf);
            }
        }
    };
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() || (start.is_some() && is_invisible(c)) {
            if start.is_none() {
                start = Some(i);
            }
        } else {
            flush(&mut start, i);
        }
    }
    flush(&mut start, text.len());
}

/// The words of `text` with their hashes and spans.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::with_capacity(text.len() / 6);
    if text.is_ascii() {
        ascii_words(text.as_bytes(), &mut out);
        return out;
    }
    for_each_word(text, |span, w| {
        out.push(Word {
            hash: xxh3_64(w.as_bytes()),
            span,
        })
    });
    out
}

/// [`words`] of an ASCII text, by bytes: the same words, spans and hashes as
/// [`for_each_word`] gives (in ASCII, a word character is an ASCII letter or digit, and no
/// invisible character can occur), without decoding characters or copying each word into a
/// `String` (words were a third of dedup's instructions).
fn ascii_words(text: &[u8], out: &mut Vec<Word>) {
    let mut buf = [0u8; 64];
    let mut i = 0;
    while i < text.len() {
        if !text[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < text.len() && text[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let raw = &text[start..i];
        let hash = if raw.len() <= buf.len() {
            let lower = &mut buf[..raw.len()];
            lower.copy_from_slice(raw);
            lower.make_ascii_lowercase();
            xxh3_64(lower)
        } else {
            xxh3_64(&raw.to_ascii_lowercase())
        };
        out.push(Word {
            hash,
            span: Span::new(start, i),
        });
    }
}

/// Seed of the shingle hash; fixed so signatures are the same on every run and machine.
const SHINGLE_SEED: u64 = 0x636f_6e63_6f72_6431; // "concord1"

/// Hashes of the `k`-word shingles of `words`, in text order (shingle `i` covers words
/// `i..i+k`). A text shorter than `k` words gives one shingle of all its words, so short
/// texts still compare.
pub fn shingles(words: &[Word], k: usize) -> Vec<u64> {
    let k = k.max(1);
    if words.is_empty() {
        return Vec::new();
    }
    let n = words.len().saturating_sub(k) + 1;
    // The hashed bytes are the little-endian word hashes of the shingle, written into a
    // fixed buffer (no growth checks) when a shingle has at most 8 words.
    let mut buf = vec![0u8; k * 8];
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let ws = &words[i..(i + k).min(words.len())];
        for (slot, w) in buf.chunks_exact_mut(8).zip(ws) {
            slot.copy_from_slice(&w.hash.to_le_bytes());
        }
        out.push(xxh3_64_with_seed(&buf[..ws.len() * 8], SHINGLE_SEED));
    }
    out
}

/// Sorted, de-duplicated copy of a shingle list (a set for exact Jaccard).
pub fn shingle_set(shingles: &[u64]) -> Vec<u64> {
    let mut s = shingles.to_vec();
    s.sort_unstable();
    s.dedup();
    s
}

/// Size of the intersection of two sorted sets.
pub fn intersection_len<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_case_quotes_and_soft_hyphens() {
        let t = "“No to occu\u{00AD}pation,” Minsk";
        let mut got = Vec::new();
        for_each_word(t, |s, w| got.push((s.slice(t).to_string(), w.to_string())));
        assert_eq!(
            got.iter().map(|g| g.1.as_str()).collect::<Vec<_>>(),
            ["no", "to", "occupation", "minsk"]
        );
        assert_eq!(got[2].0, "occu\u{00AD}pation");
    }

    #[test]
    fn same_words_same_shingles_despite_spacing_and_case() {
        let a = shingles(&words("The quick  brown fox jumps over"), 3);
        let b = shingles(&words("the QUICK brown fox, jumps over!"), 3);
        assert_eq!(a, b);
        assert_eq!(a.len(), 4);
        assert_eq!(shingles(&words("two words"), 5).len(), 1);
    }

    #[test]
    fn ascii_words_are_the_words_of_the_general_path() {
        let long = "x".repeat(70);
        for t in [
            "The QUICK brown fox, 2024-03-05: it's 12,000 people!",
            "",
            "...",
            "a",
            "trailing word",
            " lead",
            long.as_str(),
        ] {
            let mut expected = Vec::new();
            for_each_word(t, |span, w| {
                expected.push(Word {
                    hash: xxh3_64(w.as_bytes()),
                    span,
                })
            });
            assert_eq!(words(t), expected, "{t:?}");
        }
    }

    #[test]
    fn intersection_of_sorted_sets() {
        assert_eq!(intersection_len(&[1, 3, 5, 7], &[2, 3, 4, 7, 9]), 2);
    }
}
