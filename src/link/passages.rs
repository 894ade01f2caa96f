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
    let mut table = ShingleTable::default();
    table.build(sa);
    let mut found = Vec::new();
    table.matches(sb, &mut found);
    align_matches(&table, &found, sa, wa, sb, wb, k, min_words)
}

/// One document's shingles in an open-addressing hash table: for each distinct shingle its
/// first position, and for each position the next one with the same shingle, so a lookup
/// gives the positions in ascending order.
///
/// Aligning looked each shingle of `b` up in a sorted index of `a` by a binary search (event
/// linking's evidence) or by one merge of both documents' sorted indexes (dedup), and wrote an
/// entry for every shingle of `b`; a lookup here is one or two probes, the sort of each
/// document's index is gone, and only the shingles `b` shares with `a` are listed, which for
/// the many candidate pairs an event's reports make (sharing a few short runs) is a few
/// percent of them. The slot of a key is the top bits of the key times a random odd
/// multiplier, drawn once per process: multiply-shift hashing, so no text can be written to
/// put its shingles in one run of slots (the shingle hashes use a fixed seed, and a crafted
/// article whose hashes shared their top bits made every insert probe past all the others,
/// quadratic in its length). The layout varies between runs; what a lookup finds does not.
#[derive(Debug, Default)]
pub struct ShingleTable {
    /// Zeroed when empty (so clearing them is a `memset`).
    slots: Vec<Slot>,
    /// `next[p]`: one more than the next position after `p` with the same shingle, or 0.
    next: Vec<u32>,
    shift: u32,
    /// The odd multiplier of [`slot_multiplier`].
    mult: u64,
    /// Marks the slots counted by the current [`ShingleTable::matches`] call.
    stamp: u32,
    distinct: usize,
}

#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: u64,
    /// One more than the first position of `key`, or 0 for an empty slot.
    head: u32,
    stamp: u32,
}

/// A random odd 64-bit number, the same for every table of the process.
fn slot_multiplier() -> u64 {
    static MULT: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *MULT.get_or_init(|| {
        use std::hash::BuildHasher;
        std::collections::hash_map::RandomState::new().hash_one(0x5eed_u64) | 1
    })
}

impl ShingleTable {
    /// Fills the table with the shingles of `sa` (fewer than `u32::MAX` of them), replacing
    /// what it held; the slots are reused across documents.
    pub fn build(&mut self, sa: &[u64]) {
        // At most half full, so a lookup of an absent shingle ends after one or two probes.
        let bits = (2 * sa.len()).next_power_of_two().trailing_zeros().max(4);
        self.slots.clear();
        self.slots.resize(1 << bits, Slot::default());
        self.next.clear();
        self.next.resize(sa.len(), 0);
        self.shift = 64 - bits;
        self.mult = slot_multiplier();
        self.stamp = 0;
        let (slots, shift, mult) = (&mut self.slots[..], self.shift, self.mult);
        // Indices are masked, which also tells the compiler they are in bounds.
        let mask = slots.len() - 1;
        let mut distinct = 0;
        // From the last position back, so that each chain is in ascending order.
        for (p, (&h, next)) in sa.iter().zip(self.next.iter_mut()).enumerate().rev() {
            let mut i = (h.wrapping_mul(mult) >> shift) as usize & mask;
            while slots[i].head != 0 && slots[i].key != h {
                i = (i + 1) & mask;
            }
            let slot = &mut slots[i];
            if slot.head == 0 {
                slot.key = h;
                distinct += 1;
            }
            *next = slot.head;
            slot.head = p as u32 + 1;
        }
        self.distinct = distinct;
    }

    /// Distinct shingles in the table: the size of the document's shingle set.
    pub fn distinct(&self) -> usize {
        self.distinct
    }

    /// Lists `(j, first)` for every shingle `j` of `sb` found in the table (`first`: its first
    /// position there), in order of `j`, into `found` (cleared first), and returns how many
    /// distinct shingles `sb` shares with the table's document (the size of the intersection
    /// of the two shingle sets).
    pub fn matches(&mut self, sb: &[u64], found: &mut Vec<(u32, u32)>) -> usize {
        found.clear();
        if self.slots.is_empty() {
            return 0;
        }
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            // Stamps wrapped: forget every mark (once in 2^32 calls).
            self.slots.iter_mut().for_each(|s| s.stamp = 0);
            self.stamp = 1;
        }
        let (slots, shift, stamp, mult) = (&mut self.slots[..], self.shift, self.stamp, self.mult);
        let mask = slots.len() - 1;
        let mut shared = 0;
        for (j, &h) in sb.iter().enumerate() {
            let mut i = (h.wrapping_mul(mult) >> shift) as usize & mask;
            while slots[i].head != 0 {
                let slot = &mut slots[i];
                if slot.key == h {
                    found.push((j as u32, slot.head - 1));
                    shared += usize::from(slot.stamp != stamp);
                    slot.stamp = stamp;
                    break;
                }
                i = (i + 1) & mask;
            }
        }
        shared
    }

    /// The longest distance from a key's own slot to the slot holding it: the probes of the
    /// slowest lookup.
    #[cfg(test)]
    fn longest_probe(&self) -> usize {
        let mask = self.slots.len() - 1;
        self.slots
            .iter()
            .enumerate()
            .filter(|(_, s)| s.head != 0)
            .map(|(i, s)| {
                let home = (s.key.wrapping_mul(self.mult) >> self.shift) as usize & mask;
                i.wrapping_sub(home) & mask
            })
            .max()
            .unwrap_or(0)
    }

    /// The positions of a shingle from its first one (as [`ShingleTable::matches`] gives it),
    /// in ascending order.
    fn positions(&self, first: u32) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(first + 1), |&p| {
            Some(self.next[p as usize - 1]).filter(|&n| n != 0)
        })
        .map(|p| p as usize - 1)
    }
}

/// [`align`] given `a`'s table and the matches of `b`'s shingles in it
/// ([`ShingleTable::matches`]): only the shingles the two share are read.
#[allow(clippy::too_many_arguments)]
pub fn align_matches(
    table: &ShingleTable,
    found: &[(u32, u32)],
    sa: &[u64],
    wa: &[Word],
    sb: &[u64],
    wb: &[Word],
    k: usize,
    min_words: usize,
) -> Vec<Passage> {
    // Runs, joined as they end.
    let mut runs: Vec<Run> = Vec::new();
    let mut cur: Option<Run> = None;
    for &(j, first) in found {
        let j = j as usize;
        if let Some(r) = cur.as_mut() {
            // A shingle `b` does not share ends the run, as one that `a` does not continue.
            let next = r.a + r.len;
            if r.b + r.len == j && next < sa.len() && sa[next] == sb[j] {
                r.len += 1;
                continue;
            }
            join(&mut runs, *r, k);
        }
        // Prefer the occurrence whose next shingle also matches (repeated phrases); else the
        // first.
        let pick = table
            .positions(first)
            .find(|&p| p + 1 < sa.len() && j + 1 < sb.len() && sa[p + 1] == sb[j + 1]);
        cur = Some(Run {
            a: pick.unwrap_or(first as usize),
            b: j,
            len: 1,
        });
    }
    if let Some(r) = cur {
        join(&mut runs, r, k);
    }
    passages_of(runs, wa, wb, k, min_words)
}

/// Appends run `r` (the next in `b`'s order) to `joined`, joining it to the last one when
/// they are separated by a small gap in both documents.
fn join(joined: &mut Vec<Run>, r: Run, k: usize) {
    if let Some(p) = joined.last_mut() {
        let (ea, eb) = (p.a + p.len, p.b + p.len);
        if r.a >= ea && r.b >= eb && r.a - ea <= k && r.b - eb <= k {
            p.len = r.b + r.len - p.b;
            return;
        }
    }
    joined.push(r);
}

/// The passages of the `joined` runs of at least `min_words` words, with their spans.
fn passages_of(
    joined: Vec<Run>,
    wa: &[Word],
    wb: &[Word],
    k: usize,
    min_words: usize,
) -> Vec<Passage> {
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
/// The runs of [`align`] as they were found before the shingle table: a binary search of
/// `a`'s sorted index for every shingle of `b`, and a walk over all of `b`.
pub(crate) fn align_by_search(
    sa: &[u64],
    wa: &[Word],
    sb: &[u64],
    wb: &[Word],
    k: usize,
    min_words: usize,
) -> Vec<Passage> {
    let mut index: Vec<(u64, u32)> = sa.iter().enumerate().map(|(i, &h)| (h, i as u32)).collect();
    index.sort_unstable();
    let found = |h: u64| {
        let from = index.partition_point(|e| e.0 < h);
        let to = from + index[from..].partition_point(|e| e.0 == h);
        &index[from..to]
    };
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
        let (mut first, mut pick) = (None, None);
        for p in found(*h).iter().map(|e| e.1 as usize) {
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
    let mut joined = Vec::new();
    for r in runs {
        join(&mut joined, r, k);
    }
    passages_of(joined, wa, wb, k, min_words)
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
    fn the_shingle_table_aligns_as_the_binary_search_did() {
        // Pseudo-random shingle lists over small alphabets (repeated shingles, runs shared
        // with edits, shingles shared out of order), one table reused for many lists: the
        // passages, the shared count and the set sizes must be those of the sorted index.
        let mut x = 5u64;
        let mut next = |n: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) % n
        };
        let mut table = ShingleTable::default();
        let mut found = Vec::new();
        let mut with_passages = 0;
        for round in 0..3000u64 {
            let alphabet = [2, 5, 40, 1000][(round % 4) as usize];
            let la = next(120) as usize;
            let sa: Vec<u64> = (0..la).map(|_| next(alphabet) << 40).collect();
            // `b`: pieces copied from `a` (some edited) between fresh shingles.
            let mut sb: Vec<u64> = Vec::new();
            while sb.len() < next(120) as usize {
                if la > 0 && next(2) == 0 {
                    let from = next(la as u64) as usize;
                    let to = (from + next(40) as usize).min(la);
                    sb.extend(sa[from..to].iter().map(|&h| {
                        if next(12) == 0 {
                            next(alphabet) << 40
                        } else {
                            h
                        }
                    }));
                } else {
                    sb.push(next(alphabet) << 40);
                }
            }
            let word = |i: usize| Word {
                hash: 0,
                span: Span::new(3 * i, 3 * i + 2),
            };
            let (k, min_words) = (1 + next(5) as usize, 1 + next(30) as usize);
            let wa: Vec<Word> = (0..la + k - 1).map(word).collect();
            let wb: Vec<Word> = (0..sb.len() + k - 1).map(word).collect();
            table.build(&sa);
            let shared = table.matches(&sb, &mut found);
            let expected = align_by_search(&sa, &wa, &sb, &wb, k, min_words);
            let got = align_matches(&table, &found, &sa, &wa, &sb, &wb, k, min_words);
            assert_eq!(got, expected, "round {round}");
            assert_eq!(align(&sa, &wa, &sb, &wb, k, min_words), expected);
            with_passages += usize::from(!expected.is_empty());
            let set = |s: &[u64]| s.iter().copied().collect::<std::collections::BTreeSet<_>>();
            let (xa, xb) = (set(&sa), set(&sb));
            assert_eq!(table.distinct(), xa.len());
            assert_eq!(shared, xa.intersection(&xb).count());
            // A second list against the same table counts its own shared shingles.
            assert_eq!(table.matches(&sa, &mut found), xa.len());
        }
        assert!(with_passages > 300, "{with_passages} rounds with passages");
    }

    #[test]
    fn keys_sharing_their_top_bits_do_not_pile_into_one_run_of_slots() {
        // 50,000 distinct hashes below 2^16: the top bits of every one are zero, so slots
        // addressed by them put all the keys in one run and each insert probed past the
        // keys before it (1.25 billion probes).
        let keys: Vec<u64> = (0..50_000u64).collect();
        let mut table = ShingleTable::default();
        table.build(&keys);
        assert_eq!(table.distinct(), keys.len());
        assert!(table.longest_probe() < 64, "{}", table.longest_probe());
        // Every key is still found, at its own position.
        let mut found = Vec::new();
        assert_eq!(table.matches(&keys, &mut found), keys.len());
        assert!(found.iter().all(|&(j, first)| j == first));
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
