//! Shared passages: where two documents use the same run of words, with offsets in both.
//!
//! Candidate pairs for passage reuse come from winnowing fingerprints (Schleimer, Wilkerson &
//! Aiken 2003, "Winnowing: local algorithms for document fingerprinting"): of every window of
//! `w` consecutive shingle hashes the smallest is kept. Any run of at least `w + k - 1` words
//! that two documents share gives both at least one identical fingerprint, so a reused wire
//! paragraph is found even when the rest of the two articles differs and their Jaccard
//! similarity is tiny. The expected density is `2 / (w + 1)` fingerprints per shingle.

use super::Passage;
use super::tokens::{Word, sort_by_hash};
use crate::model::Span;

/// Winnowing fingerprints of a shingle list with window `w`, sorted and de-duplicated.
/// The guarantee threshold is `w + k - 1` words.
pub fn winnow(shingles: &[u64], w: usize) -> Vec<u64> {
    let w = w.max(1);
    let mut out = Vec::with_capacity(2 * shingles.len() / (w + 1) + 1);
    if shingles.len() <= w {
        if let Some(&m) = shingles.iter().min() {
            out.push(m);
        }
        return out;
    }
    // Robust winnowing: in each window keep the rightmost minimum; record it once. The
    // minimum is rescanned only when it leaves the window, so the cost is linear in practice.
    let mut best = 0;
    let mut last: Option<usize> = None;
    for end in w - 1..shingles.len() {
        let start = end + 1 - w;
        if end == w - 1 || best < start {
            best = start;
            for i in start + 1..=end {
                if shingles[i] <= shingles[best] {
                    best = i;
                }
            }
        } else if shingles[end] <= shingles[best] {
            best = end;
        }
        if last != Some(best) {
            out.push(shingles[best]);
            last = Some(best);
        }
    }
    let mut out = sort_by_hash(out, |&h| h);
    out.dedup();
    out
}

/// A run of equal consecutive shingles: `a..a+len` in one document, `b..b+len` in the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    a: usize,
    b: usize,
    len: usize,
}

/// The passages `a` and `b` share, in `b`'s order, each of at least `min_words` words.
/// `sa`/`sb` are the documents' shingle lists (`k` words each) and `wa`/`wb` their words.
/// Runs broken by one or two edited words (gaps shorter than a shingle in both documents) are
/// joined, so a lightly edited wire paragraph shows as one passage.
pub fn align(
    sa: &[u64],
    wa: &[Word],
    sb: &[u64],
    wb: &[Word],
    k: usize,
    min_words: usize,
) -> Vec<Passage> {
    align_indexed(&shingle_index(sa), sa, wa, sb, wb, k, min_words)
}

/// `a`'s shingles sorted with their positions, so a lookup is a binary search (no hash map);
/// built once per document when it is aligned against many others.
pub fn shingle_index(sa: &[u64]) -> Vec<(u64, u32)> {
    let where_in_a: Vec<(u64, u32)> = sa.iter().enumerate().map(|(i, &h)| (h, i as u32)).collect();
    sort_by_hash(where_in_a, |e| e.0)
}

/// [`align`] with `a`'s [`shingle_index`] given.
pub fn align_indexed(
    where_in_a: &[(u64, u32)],
    sa: &[u64],
    wa: &[Word],
    sb: &[u64],
    wb: &[Word],
    k: usize,
    min_words: usize,
) -> Vec<Passage> {
    let found = |_: usize, h: u64| {
        let from = where_in_a.partition_point(|e| e.0 < h);
        let to = from + where_in_a[from..].partition_point(|e| e.0 == h);
        &where_in_a[from..to]
    };
    align_found(found, sa, wa, sb, wb, k, min_words)
}

/// [`align`] given `found(j, sb[j])`: the entries of `a`'s [`shingle_index`] for `b`'s shingle
/// `j` (none when `a` lacks it). Dedup answers these for all of `b` at once by merging the two
/// documents' indexes, where a binary search per shingle cost some 65,000 instructions a pair.
pub fn align_found<'i>(
    found: impl Fn(usize, u64) -> &'i [(u64, u32)],
    sa: &[u64],
    wa: &[Word],
    sb: &[u64],
    wb: &[Word],
    k: usize,
    min_words: usize,
) -> Vec<Passage> {
    let mut runs: Vec<Run> = Vec::new();
    let mut cur: Option<Run> = None;
    for (j, h) in sb.iter().enumerate() {
        if let Some(r) = cur.as_mut() {
            let next = r.a + r.len;
            if next < sa.len() && sa[next] == *h {
                r.len += 1;
                continue;
            }
            runs.push(*r);
            cur = None;
        }
        let ps = found(j, *h).iter().map(|e| e.1 as usize);
        // Prefer the occurrence whose next shingle also matches (repeated phrases); else the
        // first.
        let mut first = None;
        let mut pick = None;
        for p in ps {
            first.get_or_insert(p);
            if p + 1 < sa.len() && j + 1 < sb.len() && sa[p + 1] == sb[j + 1] {
                pick = Some(p);
                break;
            }
        }
        if let Some(p) = pick.or(first) {
            cur = Some(Run { a: p, b: j, len: 1 });
        }
    }
    runs.extend(cur);

    // Join runs separated by a small gap in both documents.
    let mut joined: Vec<Run> = Vec::new();
    for r in runs {
        if let Some(p) = joined.last_mut() {
            let (ea, eb) = (p.a + p.len, p.b + p.len);
            if r.a >= ea && r.b >= eb && r.a - ea <= k && r.b - eb <= k {
                p.len = r.b + r.len - p.b;
                continue;
            }
        }
        joined.push(r);
    }

    joined
        .into_iter()
        .filter_map(|r| {
            // A run of `len` shingles covers `len + k - 1` words (fewer at a text's end).
            let end_a = (r.a + r.len + k - 1).min(wa.len());
            let end_b = (r.b + r.len + k - 1).min(wb.len());
            let words = end_b - r.b;
            (words >= min_words && end_a > r.a).then(|| Passage {
                a: Span::new(wa[r.a].span.start, wa[end_a - 1].span.end),
                b: Span::new(wb[r.b].span.start, wb[end_b - 1].span.end),
                words,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::tokens::{shingles, words};
    use super::*;

    #[test]
    fn winnowing_shares_a_fingerprint_for_a_long_enough_shared_run() {
        let shared = "one two three four five six seven eight nine ten eleven twelve";
        let a = format!("alpha beta gamma {shared} delta epsilon");
        let b = format!("zeta eta theta iota kappa {shared} lambda");
        let (sa, sb) = (shingles(&words(&a), 3), shingles(&words(&b), 3));
        // 12 shared words >= w + k - 1 = 8 + 3 - 1.
        let (fa, fb) = (winnow(&sa, 8), winnow(&sb, 8));
        assert!(fa.iter().any(|h| fb.binary_search(h).is_ok()));
    }

    #[test]
    fn winnowing_keeps_the_minimum_of_every_window() {
        // The incremental scan against the definition: the minimum of every window.
        let mut x = 1u64;
        let hashes: Vec<u64> = (0..500)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                x >> 58 // few distinct values, so ties are frequent
            })
            .collect();
        for w in [1, 2, 5, 21] {
            let mut expected: Vec<u64> = hashes
                .windows(w)
                .map(|win| *win.iter().min().unwrap())
                .collect();
            expected.sort_unstable();
            expected.dedup();
            assert_eq!(winnow(&hashes, w), expected, "w = {w}");
        }
    }

    #[test]
    fn align_reports_offsets_in_both_documents() {
        let shared = "the wire paragraph says that several hundred people gathered in the capital";
        let a = format!("Header of outlet A. {shared}. Footer A text here.");
        let b = format!("Completely different opening words. {shared}. Other ending.");
        let (wa, wb) = (words(&a), words(&b));
        let (sa, sb) = (shingles(&wa, 3), shingles(&wb, 3));
        let ps = align(&sa, &wa, &sb, &wb, 3, 8);
        assert_eq!(ps.len(), 1, "{ps:?}");
        assert_eq!(ps[0].a.slice(&a), shared);
        assert_eq!(ps[0].b.slice(&b), shared);
        assert_eq!(ps[0].words, 12);
    }

    #[test]
    fn one_edited_word_does_not_split_a_passage() {
        let a = "a b c d e f g h i j k l m n o p q r s t";
        let b = "a b c d e f g h i X k l m n o p q r s t";
        let (wa, wb) = (words(a), words(b));
        let ps = align(&shingles(&wa, 3), &wa, &shingles(&wb, 3), &wb, 3, 5);
        assert_eq!(ps.len(), 1, "{ps:?}");
        assert_eq!(ps[0].words, 20);
    }
}
