//! Exact copies, near-duplicates, trimmed copies and reused passages.
//!
//! 1. Every document is reduced to folded words, `k`-word shingles, a content hash (exact copies
//!    up to spacing, case and quote style), MinHash band keys and winnowing fingerprints
//!    (in parallel; only the hash, the 32-bit band keys and the fingerprints are kept, in flat
//!    arrays, so memory is linear and small: see `Sketches`).
//! 2. Candidates: documents sharing an LSH band key (near-duplicates by Jaccard, see
//!    [`super::minhash`]) or two winnowing fingerprints (shared runs of words, which catch a
//!    short copy inside a longer article and one reused paragraph: the window is set so that
//!    every passage long enough to report gives two). Keys are grouped by sorting, never by
//!    comparing all pairs; an oversized band bucket is chained instead of expanded, and a
//!    fingerprint in more than `max_fingerprint_df` documents (a stock phrase) proposes
//!    nothing, so the candidate count stays linear in the corpus. Fingerprints are grouped in
//!    passes by value, so the sort buffer stays bounded however large the corpus.
//! 3. Every candidate is verified exactly: Jaccard of the shingle sets, containment (overlap of
//!    the smaller set), and passage alignment.
//! 4. Verified links are joined into groups; each group names a representative (earliest
//!    published, else longest, else first by source) and each member is described against it.

use super::minhash::MinHasher;
use super::passages::{ShingleTable, align_matches, winnow};
use super::tokens::{Word, intersection_len, shingles, words};
use super::{DedupOptions, DupGroup, DupMember, Passage};
use crate::model::Document;
use jiff::civil::Date;
use rayon::prelude::*;
use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::BTreeMap;
use xxhash_rust::xxh3::xxh3_64;

/// Counts and sizes from one dedup run, for benchmarks and capacity planning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DedupStats {
    /// Distinct pairs that shared a band key or a fingerprint (before verification).
    pub candidate_pairs: usize,
    /// Candidates that passed verification (links between exact-copy classes).
    pub verified_pairs: usize,
    /// Pairs that shared a band key and too few fingerprints, dropped before verification
    /// (chance collisions of unrelated texts: see `resembles`); a pair is counted once for
    /// every group of `BANDS_AT_ONCE` bands it shares a key in.
    pub band_pairs_dropped: usize,
    /// Bytes of the per-document sketches kept between signing and verification.
    pub sketch_bytes: usize,
    /// Largest size, in bytes, of the candidate-generation buffers (sort buffer and pairs).
    pub candidate_bytes: usize,
}

/// What is kept of every document between signing and verification, in flat arrays (no
/// allocation per document): the content hash, the word count, `bands` 32-bit band keys and
/// the winnowing fingerprints (the high 32 bits of each selected shingle hash). About
/// `4 * bands + 4 * fingerprints + 24` bytes per document (some 480 bytes for a 400-word
/// article with the defaults); the words and shingles are dropped after signing and rebuilt
/// from the text for the few documents that are verified.
///
/// Fingerprints are 32-bit to halve the largest part of the sketch: a chance collision
/// between two unrelated passages adds at most one shared fingerprint to a pair, and a pair
/// needs two to become a candidate, which verification then checks exactly anyway.
struct Sketches {
    bands: usize,
    content: Vec<u64>,
    words: Vec<u32>,
    band_keys: Vec<u32>,
    fingerprint_end: Vec<usize>,
    fingerprints: Vec<u32>,
}

impl Sketches {
    fn new(bands: usize) -> Self {
        Sketches {
            bands,
            content: Vec::new(),
            words: Vec::new(),
            band_keys: Vec::new(),
            fingerprint_end: Vec::new(),
            fingerprints: Vec::new(),
        }
    }

    /// Signs `batch` in parallel and appends its sketches; `tokenize(doc)` gives each
    /// document's words (see [`Sketcher::add_with`]) and whatever else it read on the way,
    /// returned in batch order.
    fn add_with<T: Send>(
        &mut self,
        batch: &[Document],
        hasher: &MinHasher,
        opts: &DedupOptions,
        tokenize: impl Fn(&Document) -> (Vec<Word>, T) + Sync,
    ) -> Vec<T> {
        let (bands, window) = (self.bands, winnow_window(opts));
        let signed: Vec<(Signed, T)> = batch
            .par_iter()
            .map(|doc| {
                let (ws, extra) = tokenize(doc);
                let sh = shingles(&ws, opts.shingle_words);
                let mut content_bytes = Vec::with_capacity(ws.len() * 8);
                for w in &ws {
                    content_bytes.extend_from_slice(&w.hash.to_le_bytes());
                }
                let mut keys = vec![0; bands];
                if !sh.is_empty() {
                    hasher.band_keys_into(&hasher.signature(&sh), &mut keys);
                }
                // `winnow` gives them sorted, so their high halves are sorted too.
                let mut fps: Vec<u32> = winnow(&sh, window)
                    .into_iter()
                    .map(|f| (f >> 32) as u32)
                    .collect();
                fps.dedup();
                let n = u32::try_from(ws.len()).unwrap_or(u32::MAX);
                ((xxh3_64(&content_bytes), n, keys, fps), extra)
            })
            .collect();
        let fps_len: usize = signed.iter().map(|s| s.0.3.len()).sum();
        grow(&mut self.content, signed.len());
        grow(&mut self.words, signed.len());
        grow(&mut self.band_keys, signed.len() * bands);
        grow(&mut self.fingerprint_end, signed.len());
        grow(&mut self.fingerprints, fps_len);
        let mut extras = Vec::with_capacity(signed.len());
        for ((content, n, keys, fps), extra) in signed {
            self.content.push(content);
            self.words.push(n);
            self.band_keys.extend_from_slice(&keys);
            self.fingerprints.extend_from_slice(&fps);
            self.fingerprint_end.push(self.fingerprints.len());
            extras.push(extra);
        }
        extras
    }

    fn len(&self) -> usize {
        self.content.len()
    }

    fn shrink_to_fit(&mut self) {
        self.content.shrink_to_fit();
        self.words.shrink_to_fit();
        self.band_keys.shrink_to_fit();
        self.fingerprint_end.shrink_to_fit();
        self.fingerprints.shrink_to_fit();
    }

    fn band_key(&self, d: u32, band: usize) -> u32 {
        self.band_keys[d as usize * self.bands + band]
    }

    fn fingerprints(&self, d: u32) -> &[u32] {
        let d = d as usize;
        let start = if d == 0 {
            0
        } else {
            self.fingerprint_end[d - 1]
        };
        &self.fingerprints[start..self.fingerprint_end[d]]
    }

    fn heap_bytes(&self) -> usize {
        self.content.capacity() * 8
            + self.words.capacity() * 4
            + self.band_keys.capacity() * 4
            + self.fingerprint_end.capacity() * std::mem::size_of::<usize>()
            + self.fingerprints.capacity() * 4
    }
}

/// One document's sketch before it joins the flat arrays of [`Sketches`]: content hash, word
/// count, band keys, fingerprints.
type Signed = (u64, u32, Vec<u32>, Vec<u32>);

/// Makes room for `additional` more items, growing by a quarter at least (not doubling): the
/// sketch arrays of a streamed corpus cannot be sized in advance, and doubling would leave up
/// to half of the largest ones unused.
fn grow<T>(v: &mut Vec<T>, additional: usize) {
    if v.capacity() - v.len() < additional {
        v.reserve_exact(additional.max(v.len() / 4));
    }
}

/// The texts of documents already signed, fetched again by index for verification and for
/// describing the groups: a slice of documents in memory, or a store that streamed them
/// (`concord dedup` on JSON Lines keeps only the sketches and spills the texts to disk).
pub trait TextStore: Sync {
    /// The texts of documents `ids` (indices in signing order, sorted, distinct), in order.
    fn texts(&self, ids: &[u32]) -> Vec<Cow<'_, str>>;
}

impl TextStore for [Document] {
    fn texts(&self, ids: &[u32]) -> Vec<Cow<'_, str>> {
        ids.iter()
            .map(|&d| Cow::Borrowed(self[d as usize].text.as_str()))
            .collect()
    }
}

/// Dedup over documents given in batches: [`Sketcher::add`] signs each batch and keeps only
/// its sketch, source and date, so the documents themselves need not stay in memory;
/// [`Sketcher::finish`] finds the groups, fetching the texts it verifies from a
/// [`TextStore`]. [`super::dedup`] is this over a slice.
pub struct Sketcher {
    hasher: MinHasher,
    opts: DedupOptions,
    sk: Sketches,
    sources: Vec<String>,
    published: Vec<Option<Date>>,
}

impl Sketcher {
    pub fn new(opts: &DedupOptions) -> Self {
        Sketcher {
            hasher: MinHasher::new(opts.banding),
            opts: opts.clone(),
            sk: Sketches::new(opts.banding.bands),
            sources: Vec::new(),
            published: Vec::new(),
        }
    }

    /// Signs a batch of documents (in parallel); their indices continue from the last batch.
    pub fn add(&mut self, batch: &[Document]) {
        self.add_with(batch, |d| (words(&d.text), ()));
    }

    /// [`Sketcher::add`] with each document's words from `tokenize(doc)`, which must give
    /// [`words`] of its text, and may read the text for something else in the same scan
    /// (event terms, in [`super::dedup_and_events`]); what else it gives is returned in batch
    /// order.
    pub(super) fn add_with<T: Send>(
        &mut self,
        batch: &[Document],
        tokenize: impl Fn(&Document) -> (Vec<Word>, T) + Sync,
    ) -> Vec<T> {
        let extras = self.sk.add_with(batch, &self.hasher, &self.opts, tokenize);
        self.sources.extend(batch.iter().map(|d| d.source.clone()));
        self.published.extend(batch.iter().map(|d| d.published));
        extras
    }

    /// Documents signed so far.
    pub fn len(&self) -> usize {
        self.sk.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Candidates, verification and groups; `store` gives the texts of the signed documents.
    pub fn finish<S: TextStore + ?Sized>(self, store: &S) -> (Vec<DupGroup>, DedupStats) {
        finish(self, store, VERIFY_BLOCK_DOCS)
    }
}

/// The full comparison material of one document, rebuilt on demand for verification.
struct Full {
    words: Vec<Word>,
    shingles: Vec<u64>,
    /// Distinct shingles: the size of the set.
    distinct: usize,
}

/// `table`: scratch space, for counting the distinct shingles.
fn full(table: &mut ShingleTable, text: &str, k: usize) -> Full {
    let words = words(text);
    let shingles = shingles(&words, k);
    table.build(&shingles);
    Full {
        words,
        shingles,
        distinct: table.distinct(),
    }
}

/// How a member relates to the document it is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Relation {
    Exact,
    NearDuplicate,
    Contained,
    SharedPassage,
}

impl Relation {
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Exact => "exact",
            Relation::NearDuplicate => "near_duplicate",
            Relation::Contained => "contained",
            Relation::SharedPassage => "shared_passage",
        }
    }
}

/// What two documents share, from one pass of `b`'s shingles over `a`'s table.
struct Shared {
    /// Jaccard similarity of the shingle sets.
    similarity: f64,
    /// Containment: shared shingles over the smaller set.
    containment: f64,
}

/// A shingle table and the matches of one pair, kept by each verifying thread.
#[derive(Default)]
struct Scratch {
    table: ShingleTable,
    /// `(j, first)` for every shingle `j` of `b` that `a` has (`first`: its first position in
    /// `a`), for passage alignment.
    found: Vec<(u32, u32)>,
}

/// Compares the shingle sets of `a` and `b` and finds the shingles of `b` that `a` has, for
/// aligning `b` against `a`; `table` holds `a`'s shingles. Once one merge of the two
/// documents' sorted shingle indexes, with an entry written for every shingle of `b`: most
/// candidate pairs (an event's reports, sharing a few runs too short to link them) share a
/// few percent of their shingles, and the alignment now reads only those.
fn shared(scratch: &mut Scratch, a: &Full, b: &Full) -> Shared {
    let inter = scratch.table.matches(&b.shingles, &mut scratch.found);
    let union = a.distinct + b.distinct - inter;
    let ratio = |d: usize| if d == 0 { 0.0 } else { inter as f64 / d as f64 };
    Shared {
        similarity: ratio(union),
        containment: ratio(a.distinct.min(b.distinct)),
    }
}

/// The passages `a` and `b` share, given `a`'s table and the matches [`shared`] found.
fn passages(scratch: &Scratch, a: &Full, b: &Full, opts: &DedupOptions) -> Vec<Passage> {
    align_matches(
        &scratch.table,
        &scratch.found,
        &a.shingles,
        &a.words,
        &b.shingles,
        &b.words,
        opts.shingle_words,
        opts.min_passage_words,
    )
}

/// Which relation holds, if any, by the thresholds of `opts` (exact copies aside).
fn relation(
    similarity: f64,
    containment: f64,
    has_passage: bool,
    opts: &DedupOptions,
) -> Option<Relation> {
    if similarity >= opts.near_duplicate {
        Some(Relation::NearDuplicate)
    } else if containment >= opts.containment {
        Some(Relation::Contained)
    } else if has_passage {
        Some(Relation::SharedPassage)
    } else {
        None
    }
}

/// Whether a candidate pair is linked; passages are aligned only when the similarity and the
/// containment both fall short, and a passage links only with enough words beyond the stock
/// phrases in it (see [`beyond_stock`]).
fn linked(scratch: &mut Scratch, a: &Full, b: &Full, opts: &DedupOptions, stock: &[u32]) -> bool {
    let s = shared(scratch, a, b);
    relation(s.similarity, s.containment, false, opts).is_some()
        || (s.containment > 0.0
            && passages(scratch, a, b, opts)
                .iter()
                .any(|p| beyond_stock(b, p, stock, opts)))
}

/// Whether passage `p` (its `b` span in document `f`) holds a run of at least
/// `min_passage_words` words outside every stock phrase: a cluster of two or more shingles
/// whose fingerprint values are in `stock` (found in more than `max_fingerprint_df`
/// documents), each within a window of the next, widened by a window on both sides.
///
/// The document-frequency bound drops a stock phrase's fingerprints, but winnowing chooses
/// the shingles near the phrase's ends by their neighbours too, so some documents carrying the
/// phrase select an inner shingle that others do not: that fingerprint's count stays under the
/// bound, and two documents sharing two such could still become a candidate and be linked by
/// the stock phrase as a shared passage. Every shingle of a stock phrase lies within a window
/// of one of its counted fingerprints, so a passage that is a stock phrase keeps no words
/// here, while a copied paragraph that merely contains one keeps the rest of its words (and
/// one common five-word run inside a paragraph removes nothing: at 100,000 generated
/// articles, excluding a window around every such shingle lost 8 reused paragraphs).
fn beyond_stock(f: &Full, p: &Passage, stock: &[u32], opts: &DedupOptions) -> bool {
    if stock.is_empty() || f.shingles.is_empty() {
        return true;
    }
    let (k, w) = (opts.shingle_words.max(1), winnow_window(opts));
    // Shingles starting at the passage's words, up to the last one that ends inside it.
    let first = f.words.partition_point(|x| x.span.start < p.b.start);
    let words_end = f.words.partition_point(|x| x.span.end <= p.b.end);
    let end = (words_end + 1)
        .saturating_sub(k)
        .max(first + 1)
        .min(f.shingles.len());
    let lo = first.saturating_sub(w);
    let hi = (end + w).min(f.shingles.len());
    let stock_at: Vec<usize> = (lo..hi)
        .filter(|&i| stock.binary_search(&((f.shingles[i] >> 32) as u32)).is_ok())
        .collect();
    // A stock phrase of a passage's length gives at least two of its fingerprints, at most a
    // window apart (every window selects one); a lone common shingle is not a phrase.
    let mut excluded: Vec<(usize, usize)> = Vec::new();
    for run in stock_at.chunk_by(|x, y| y - x <= w) {
        if run.len() >= 2 {
            excluded.push((run[0].saturating_sub(w), run[run.len() - 1] + w));
        }
    }
    if excluded.is_empty() {
        return true;
    }
    let (mut run, mut best) = (0usize, 0usize);
    for i in first..end {
        if excluded.iter().all(|&(from, to)| i < from || i > to) {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best > 0 && best + k > opts.min_passage_words
}

/// Compares `b` against `a`: the member record, and its relation if any holds.
fn compare(
    a: &Full,
    b: &Full,
    same_content: bool,
    opts: &DedupOptions,
    source: &str,
) -> (DupMember, Option<Relation>) {
    let mut scratch = Scratch::default();
    scratch.table.build(&a.shingles);
    let Shared {
        similarity,
        containment,
    } = shared(&mut scratch, a, b);
    let shared_passages = if containment == 0.0 {
        Vec::new()
    } else {
        passages(&scratch, a, b, opts)
    };
    let relation = if same_content {
        Some(Relation::Exact)
    } else {
        relation(similarity, containment, !shared_passages.is_empty(), opts)
    };
    let member = DupMember {
        source: source.to_string(),
        similarity: round4(similarity),
        containment: round4(containment),
        shared_passages,
        relation: relation.map(|r| r.as_str().to_string()).unwrap_or_default(),
        via: None,
    };
    (member, relation)
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Pairs of documents that share a key. `keyed` is sorted by key, then document; buckets
/// larger than `max_bucket` are chained (each document paired with the next) to stay linear,
/// and buckets larger than `max_df` give no pairs at all.
fn bucket_pairs<K: Copy + Eq>(
    keyed: &[(K, u32)],
    max_bucket: usize,
    max_df: usize,
    out: &mut Vec<(u32, u32)>,
) {
    for bucket in keyed.chunk_by(|x, y| x.0 == y.0) {
        if bucket.len() < 2 || bucket.len() > max_df {
            continue;
        }
        if bucket.len() <= max_bucket {
            for (i, x) in bucket.iter().enumerate() {
                for y in &bucket[i + 1..] {
                    if x.1 != y.1 {
                        out.push((x.1.min(y.1), x.1.max(y.1)));
                    }
                }
            }
        } else {
            for w in bucket.windows(2) {
                if w[0].1 != w[1].1 {
                    out.push((w[0].1.min(w[1].1), w[0].1.max(w[1].1)));
                }
            }
        }
    }
}

struct UnionFind(Vec<u32>);

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind((0..n as u32).collect())
    }
    fn find(&mut self, mut x: u32) -> u32 {
        while self.0[x as usize] != x {
            let p = self.0[x as usize];
            self.0[x as usize] = self.0[p as usize];
            x = p;
        }
        x
    }
    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.0[ra.max(rb) as usize] = ra.min(rb);
        }
    }
}

/// The winnowing window: half the shingles of the shortest passage, so that every shared
/// passage of `min_passage_words` words (`min_passage_words - k + 1` shingles) holds two
/// disjoint windows and so gives both documents at least two common fingerprints (two
/// distinct ones unless a shingle repeats inside the passage). With the defaults (25 words,
/// 5-word shingles) the window is 10 shingles, about 0.18 fingerprints per shingle
/// (`2 / (w + 1)`), twice the density of a window that guarantees only one.
fn winnow_window(opts: &DedupOptions) -> usize {
    (opts.min_passage_words.saturating_sub(opts.shingle_words) + 1)
        .div_euclid(2)
        .max(1)
}

/// Pairs that occur at least twice in `multi` (pairs listed once per shared fingerprint,
/// sorted: [`keep_two`] left them so), without repeats.
fn pairs_seen_twice(multi: &[(u32, u32)]) -> Vec<(u32, u32)> {
    debug_assert!(multi.is_sorted());
    multi
        .chunk_by(|x, y| x == y)
        .filter(|run| run.len() >= 2)
        .map(|run| run[0])
        .collect()
}

/// Keeps at most two copies of each pair of a sorted list (enough to tell "seen twice").
fn keep_two(multi: &mut Vec<(u32, u32)>) {
    sort_pairs(multi);
    let mut out = 0;
    for i in 0..multi.len() {
        if out < 2 || multi[out - 2] != multi[i] {
            multi[out] = multi[i];
            out += 1;
        }
    }
    multi.truncate(out);
}

/// Sorts `v` stably by the 32-bit `key` of each item: a least-significant-digit radix sort in
/// three passes of 11 bits, each pass skipped when every item has the same digit there.
/// Band keys and fingerprints are hashes, listed with their documents in document order, so
/// this gives the order a comparison sort by (key, document) gave, in about a third of the
/// instructions (the comparison sorts of these lists were some 15% of dedup's).
fn radix_sort_by<T: Copy + Default>(v: &mut Vec<T>, key: impl Fn(&T) -> u32) {
    const BITS: u32 = 11;
    const MASK: u32 = (1 << BITS) - 1;
    if v.len() < 64 {
        v.sort_by_key(|x| key(x));
        return;
    }
    let mut counts = vec![[0usize; 1 << BITS]; 3];
    for x in v.iter() {
        let k = key(x);
        for (pass, c) in counts.iter_mut().enumerate() {
            c[((k >> (BITS * pass as u32)) & MASK) as usize] += 1;
        }
    }
    let mut buf = vec![T::default(); v.len()];
    for (pass, c) in counts.iter_mut().enumerate() {
        let shift = BITS * pass as u32;
        let digit = |x: &T| ((key(x) >> shift) & MASK) as usize;
        if c[digit(&v[0])] == v.len() {
            continue;
        }
        let mut sum = 0;
        for n in c.iter_mut() {
            (*n, sum) = (sum, sum + *n);
        }
        for x in v.iter() {
            let d = digit(x);
            buf[c[d]] = *x;
            c[d] += 1;
        }
        std::mem::swap(v, &mut buf);
    }
}

/// Sorts pairs of documents (by the first, then the second): two stable radix sorts.
pub(super) fn sort_pairs(v: &mut Vec<(u32, u32)>) {
    radix_sort_by(v, |x| x.1);
    radix_sort_by(v, |x| x.0);
}

/// Bands listed and sorted together (see [`candidates`]).
const BANDS_AT_ONCE: usize = 8;

/// Fingerprints sorted per pass: bounds the sort buffer (8 bytes an entry) to 32 MiB.
const FINGERPRINTS_PER_PASS: usize = 1 << 22;

/// Documents whose full forms one verification block holds at once.
const VERIFY_BLOCK_DOCS: usize = 4096;

/// A pair proposed only by a shared band key is kept when at least this share (as a
/// fraction `NUM / DEN`) of the smaller document's winnowing fingerprints are also the
/// other's: see [`resembles`].
const BAND_MIN_FINGERPRINT_SHARE: (usize, usize) = (3, 10);

/// Documents with fewer fingerprints than this (texts under some 90 words) are too short for
/// the fingerprint share to say anything: their band pairs are all kept.
const BAND_FILTER_MIN_FINGERPRINTS: usize = 16;

/// Whether a pair that shares a band key resembles closely enough to be worth verifying: at
/// least [`BAND_MIN_FINGERPRINT_SHARE`] of the smaller set of winnowing fingerprints shared.
///
/// Band keys propose near-duplicates (Jaccard >= 0.5) and trimmed copies (containment >=
/// 0.8): either way at least half of the smaller document's shingles are the other's, in
/// long shared runs, and a fingerprint inside a shared run is selected in both documents
/// (winnowing chooses by the window's shingles alone), so such pairs share most of their
/// fingerprints (at least 85% of the smaller set among all the near-duplicates and trimmed
/// copies of the realistic corpora at 16,000 and 100,000 articles). A band key is also
/// shared by chance, by two unrelated texts alike in the four slots of a band: in a corpus
/// written from a finite stock of sentences the chance per pair is fixed, so these pairs grow
/// with the square of the corpus (at 100,000 realistic articles 330,000 of the 428,000
/// candidates matched one band of 48 and shared at most 29% of their fingerprints, none of
/// them linked), and verifying each rebuilt both documents' words and shingles: the dedup
/// stage cost 5x for 3x the articles. Passage links need no band: every passage long enough
/// to link gives the pair two shared fingerprints, which propose it on their own.
fn resembles(sk: &Sketches, a: u32, b: u32) -> bool {
    let (fa, fb) = (sk.fingerprints(a), sk.fingerprints(b));
    let smaller = fa.len().min(fb.len());
    if smaller < BAND_FILTER_MIN_FINGERPRINTS {
        return true;
    }
    // Each document's fingerprints are sorted and distinct.
    let shared = intersection_len(fa, fb);
    let (num, den) = BAND_MIN_FINGERPRINT_SHARE;
    shared * den >= smaller * num
}

/// Candidate pairs (deduplicated, sorted) among the exact-copy class heads `heads`, and the
/// fingerprints of stock phrases (in more than `max_fingerprint_df` heads), sorted.
fn candidates(
    sk: &Sketches,
    heads: &[u32],
    opts: &DedupOptions,
    stats: &mut DedupStats,
) -> (Vec<(u32, u32)>, Vec<u32>) {
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let note = |stats: &mut DedupStats, pairs: &Vec<(u32, u32)>, buffer: usize| {
        let bytes = pairs.capacity() * 8 + buffer;
        stats.candidate_bytes = stats.candidate_bytes.max(bytes);
    };
    // Bands are listed BANDS_AT_ONCE at a time: the keys are stored document by document,
    // so listing one band read one key from every 192-byte sketch, and at a million
    // documents each band's pass went to memory for every key.
    let mut keyed: Vec<Vec<(u32, u32)>> = Vec::new();
    for first in (0..sk.bands).step_by(BANDS_AT_ONCE) {
        let n = BANDS_AT_ONCE.min(sk.bands - first);
        keyed.resize_with(n, Vec::new);
        for k in keyed.iter_mut() {
            k.clear();
            k.reserve(heads.len());
        }
        for &d in heads {
            for (k, band) in keyed.iter_mut().zip(first..) {
                k.push((sk.band_key(d, band), d));
            }
        }
        let mut fresh: Vec<(u32, u32)> = Vec::new();
        for k in keyed.iter_mut() {
            // Documents were listed in order, so a stable sort by key orders by (key,
            // document).
            radix_sort_by(k, |x| x.0);
            bucket_pairs(k, opts.max_bucket, usize::MAX, &mut fresh);
        }
        sort_pairs(&mut fresh);
        fresh.dedup();
        let (fresh_bytes, listed_pairs) = (fresh.capacity() * 8, pairs.len() + fresh.len());
        // Chance collisions of unrelated texts are dropped here, before they reach the
        // candidate list (see `resembles`).
        pairs.par_extend(fresh.into_par_iter().filter(|&(a, b)| resembles(sk, a, b)));
        stats.band_pairs_dropped += listed_pairs - pairs.len();
        // Keep the candidate list compact as bands add mostly the same pairs.
        sort_pairs(&mut pairs);
        pairs.dedup();
        // The radix sort's buffer is as large as the list it sorts.
        let listed: usize = keyed.iter().map(|k| k.capacity() * 8).sum();
        note(stats, &pairs, listed + fresh_bytes + heads.len() * 8);
    }
    drop(keyed);
    // Fingerprints in passes by value, each pass holding only its share of them.
    // Winnowing keeps window minima, so fingerprint values crowd toward zero: passes are cut
    // by counting them in 65,536 ranges of values, each pass taking consecutive ranges up to
    // FINGERPRINTS_PER_PASS fingerprints (`ends`: each pass's end, exclusive).
    let mut counts = vec![0usize; 1 << 16];
    for &d in heads {
        for &f in sk.fingerprints(d) {
            counts[(f >> 16) as usize] += 1;
        }
    }
    let mut ends: Vec<u64> = Vec::new();
    let mut in_pass = 0;
    for (range, &n) in counts.iter().enumerate() {
        if in_pass > 0 && in_pass + n > FINGERPRINTS_PER_PASS {
            ends.push((range as u64) << 16);
            in_pass = 0;
        }
        in_pass += n;
    }
    ends.push(1 << 32);
    drop(counts);
    let mut keyed: Vec<(u32, u32)> = Vec::new();
    // A pair is proposed by fingerprints only when it shares two of them: one shared
    // fingerprint is what a stock phrase shorter than a passage gives, and every passage of
    // `min_passage_words` gives two (see `winnow_window`). Pairs are listed once per shared
    // fingerprint and counted after the last pass (two fingerprints of one pair may fall in
    // different passes).
    let mut multi: Vec<(u32, u32)> = Vec::new();
    let mut stock: Vec<u32> = Vec::new();
    // Each document's fingerprints are sorted, so its share of a pass is the next run of
    // them (a cursor per document): every fingerprint is read once, where choosing them by
    // `f % passes` read all of them (and divided) in every pass, 16 times at a million.
    let mut cursor = vec![0u32; heads.len()];
    for &below in &ends {
        keyed.clear();
        for (at, &d) in cursor.iter_mut().zip(heads) {
            let fps = &sk.fingerprints(d)[*at as usize..];
            let n = fps.partition_point(|&f| u64::from(f) < below);
            keyed.extend(fps[..n].iter().map(|&f| (f, d)));
            *at += n as u32;
        }
        radix_sort_by(&mut keyed, |x| x.0);
        // A run of words in more than `max_fingerprint_df` documents is a stock phrase, not
        // evidence that one copied another (see `DedupOptions::max_fingerprint_df`).
        bucket_pairs(&keyed, opts.max_bucket, opts.max_fingerprint_df, &mut multi);
        stock.extend(
            keyed
                .chunk_by(|x, y| x.0 == y.0)
                .filter(|b| b.len() > opts.max_fingerprint_df)
                .map(|b| b[0].0),
        );
        keep_two(&mut multi);
        note(stats, &pairs, keyed.capacity() * 16 + multi.capacity() * 16);
    }
    drop(keyed);
    pairs.extend(pairs_seen_twice(&multi));
    drop(multi);
    sort_pairs(&mut pairs);
    pairs.dedup();
    stock.sort_unstable();
    (pairs, stock)
}

pub(super) fn run(docs: &[Document], opts: &DedupOptions) -> (Vec<DupGroup>, DedupStats) {
    let mut sketcher = Sketcher::new(opts);
    for batch in docs.chunks(SIGN_BATCH) {
        sketcher.add(batch);
    }
    sketcher.finish(docs)
}

/// Documents signed per parallel batch by [`run`]: per-document buffers live only for one
/// batch.
pub(super) const SIGN_BATCH: usize = 16_384;

/// Consecutive items of `items` (each naming `size(item)` documents) taken while they name at
/// most `max` documents in all (at least one item): the blocks whose texts are fetched and
/// whose full forms are built together.
fn blocks<T>(items: &[T], max: usize, size: impl Fn(&T) -> usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < items.len() {
        let mut end = start;
        let mut n = 0;
        while end < items.len() && (end == start || n + size(&items[end]) <= max) {
            n += size(&items[end]);
            end += 1;
        }
        out.push(start..end);
        start = end;
    }
    out
}

/// The full forms of documents `ids` (sorted, distinct), built in parallel from the store.
fn fulls<S: TextStore + ?Sized>(store: &S, ids: &[u32], k: usize) -> Vec<Full> {
    let texts = store.texts(ids);
    texts
        .par_iter()
        .map_init(ShingleTable::default, |table, t| full(table, t, k))
        .collect()
}

/// [`Sketcher::finish`] with blocks of at most `block_docs` documents (a parameter so that
/// tests can force components larger than a block).
fn finish<S: TextStore + ?Sized>(
    sketcher: Sketcher,
    store: &S,
    block_docs: usize,
) -> (Vec<DupGroup>, DedupStats) {
    let Sketcher {
        opts,
        mut sk,
        mut sources,
        mut published,
        ..
    } = sketcher;
    sk.shrink_to_fit();
    sources.shrink_to_fit();
    published.shrink_to_fit();
    let opts = &opts;
    let n_docs = sk.len();
    let mut stats = DedupStats {
        sketch_bytes: sk.heap_bytes(),
        ..Default::default()
    };
    let mut uf = UnionFind::new(n_docs);

    // Exact copies: equal content hash (over the folded word sequence).
    let mut by_content: Vec<(u64, u32)> = (0..n_docs)
        .filter(|&i| sk.words[i] > 0)
        .map(|i| (sk.content[i], i as u32))
        .collect();
    by_content.sort_unstable();
    let mut heads = Vec::new();
    for class in by_content.chunk_by(|x, y| x.0 == y.0) {
        heads.push(class[0].1);
        for m in &class[1..] {
            uf.union(class[0].1, m.1);
        }
    }
    drop(by_content);
    heads.sort_unstable();

    let (candidates, stock) = candidates(&sk, &heads, opts, &mut stats);
    stats.candidate_pairs = candidates.len();

    // Every group lies inside one component of the candidate graph (candidate pairs and
    // exact-copy classes), so components are verified and described together, in blocks of
    // at most VERIFY_BLOCK_DOCS documents: each document's full form (words and shingles) is
    // built once, not once to verify and again to describe (which rebuilt some 40% of them),
    // and the memory stays fixed (about 25 KB a document, so ~100 MB) whatever the corpus
    // size. Stock phrases give a document many candidate partners, and rebuilding it for each
    // pair was quadratic in practice (83-89% of a realistic 2,000-article run).
    let mut graph = UnionFind(uf.0.clone());
    for &(a, b) in &candidates {
        graph.union(a, b);
    }
    let mut rooted: Vec<(u32, u32)> = (0..n_docs as u32)
        .filter(|&i| sk.words[i as usize] > 0)
        .map(|i| (graph.find(i), i))
        .collect();
    radix_sort_by(&mut rooted, |x| x.0);
    let components: Vec<&[(u32, u32)]> = rooted
        .chunk_by(|x, y| x.0 == y.0)
        .filter(|c| c.len() > 1)
        .collect();
    // Candidate pairs by component (each pair's two documents share one), in pair order.
    let mut by_component: Vec<(u32, (u32, u32))> =
        candidates.iter().map(|&p| (graph.find(p.0), p)).collect();
    drop(candidates);
    radix_sort_by(&mut by_component, |x| x.0);
    let pairs_of = |root: u32| {
        let from = by_component.partition_point(|x| x.0 < root);
        let to = by_component.partition_point(|x| x.0 <= root);
        by_component[from..to].iter().map(|x| x.1)
    };

    let meta = Meta {
        sk: &sk,
        sources: &sources,
        published: &published,
    };
    let ctx = Context {
        opts,
        stock: &stock,
        meta: &meta,
    };
    let mut out: Vec<DupGroup> = Vec::new();
    for block in blocks(&components, block_docs, |c| c.len()) {
        let block = &components[block];
        let pairs: Vec<(u32, u32)> = block.iter().flat_map(|c| pairs_of(c[0].0)).collect();
        let mut ids: Vec<u32> = block.iter().flat_map(|c| c.iter().map(|x| x.1)).collect();
        ids.sort_unstable();
        let verified = if ids.len() <= block_docs {
            let fulls = fulls(store, &ids, opts.shingle_words);
            let of = |d: u32| {
                &fulls[ids
                    .binary_search(&d)
                    .expect("every block document is built")]
            };
            let verified = ctx.verify(&pairs, &of);
            let groups = groups_of(&mut uf, &ids, &verified);
            out.par_extend(ctx.describe(&groups, &verified, &of));
            verified
        } else {
            // One component larger than a block (a chain of near-duplicates): its pairs are
            // verified in blocks of pairs and its groups described in blocks of groups, each
            // building the full forms it needs.
            let verified = verify_in_blocks(&ctx, store, &pairs, block_docs);
            let groups = groups_of(&mut uf, &ids, &verified);
            for gb in blocks(&groups, block_docs, Vec::len) {
                let groups = &groups[gb];
                let mut ids: Vec<u32> = groups.iter().flatten().copied().collect();
                ids.sort_unstable();
                let fulls = fulls(store, &ids, opts.shingle_words);
                let of =
                    |d: u32| &fulls[ids.binary_search(&d).expect("every group member is built")];
                out.par_extend(ctx.describe(groups, &verified, &of));
            }
            verified
        };
        stats.verified_pairs += verified.len();
    }
    out.sort_by(|x, y| x.representative.cmp(&y.representative));
    (out, stats)
}

/// What verifying and describing read besides the full forms.
struct Context<'a> {
    opts: &'a DedupOptions,
    stock: &'a [u32],
    meta: &'a Meta<'a>,
}

impl Context<'_> {
    /// The candidate pairs that are linked, in the order given. Pairs come sorted, so the
    /// pairs of one first document are consecutive and share its shingle table.
    fn verify<'f>(
        &self,
        pairs: &[(u32, u32)],
        of: &(impl Fn(u32) -> &'f Full + Sync),
    ) -> Vec<(u32, u32)> {
        pairs
            .par_chunk_by(|x, y| x.0 == y.0)
            .map_init(Scratch::default, |scratch, run| {
                let fa = of(run[0].0);
                scratch.table.build(&fa.shingles);
                run.iter()
                    .filter(|&&(_, b)| linked(scratch, fa, of(b), self.opts, self.stock))
                    .copied()
                    .collect::<Vec<_>>()
            })
            .flatten_iter()
            .collect()
    }

    /// The groups described, each member against the representative or, failing a relation
    /// to it, against the verified neighbour that brought it in.
    fn describe<'f>(
        &self,
        groups: &[Vec<u32>],
        verified: &[(u32, u32)],
        of: &(impl Fn(u32) -> &'f Full + Sync),
    ) -> Vec<DupGroup> {
        let mut neighbours: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
        for &(a, b) in verified {
            neighbours.entry(a).or_default().push(b);
            neighbours.entry(b).or_default().push(a);
        }
        groups
            .par_iter()
            .map(|g| describe_group(self.meta, g, of, &neighbours, self.opts))
            .collect()
    }
}

/// Verifies `pairs` in blocks that name at most `block_docs` documents, building each
/// block's full forms once.
fn verify_in_blocks<S: TextStore + ?Sized>(
    ctx: &Context,
    store: &S,
    pairs: &[(u32, u32)],
    block_docs: usize,
) -> Vec<(u32, u32)> {
    let mut verified: Vec<(u32, u32)> = Vec::new();
    let mut start = 0;
    while start < pairs.len() {
        let mut ids: Vec<u32> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut end = start;
        while end < pairs.len() {
            let (a, b) = pairs[end];
            let new = usize::from(!seen.contains(&a)) + usize::from(!seen.contains(&b));
            if !ids.is_empty() && ids.len() + new > block_docs {
                break;
            }
            for d in [a, b] {
                if seen.insert(d) {
                    ids.push(d);
                }
            }
            end += 1;
        }
        ids.sort_unstable();
        let fulls = fulls(store, &ids, ctx.opts.shingle_words);
        let of = |d: u32| {
            &fulls[ids
                .binary_search(&d)
                .expect("every block document is built")]
        };
        verified.extend(ctx.verify(&pairs[start..end], &of));
        start = end;
    }
    verified
}

/// Joins the verified links in `uf` and returns the groups (two or more documents) among
/// `ids`, each in document order, in the order of their roots.
fn groups_of(uf: &mut UnionFind, ids: &[u32], verified: &[(u32, u32)]) -> Vec<Vec<u32>> {
    for &(a, b) in verified {
        uf.union(a, b);
    }
    let mut rooted: Vec<(u32, u32)> = ids.iter().map(|&i| (uf.find(i), i)).collect();
    rooted.sort_unstable();
    rooted
        .chunk_by(|x, y| x.0 == y.0)
        .filter(|g| g.len() > 1)
        .map(|g| g.iter().map(|x| x.1).collect())
        .collect()
}

/// What describing a group reads of every document besides its full form.
struct Meta<'a> {
    sk: &'a Sketches,
    sources: &'a [String],
    published: &'a [Option<Date>],
}

/// Earliest published, else most words, else first by source.
fn representative(meta: &Meta, g: &[u32]) -> u32 {
    *g.iter()
        .min_by_key(|&&i| {
            let i = i as usize;
            (
                meta.published[i].is_none(),
                meta.published[i],
                Reverse(meta.sk.words[i]),
                meta.sources[i].as_str(),
            )
        })
        .expect("groups are not empty")
}

fn describe_group<'f>(
    meta: &Meta,
    g: &[u32],
    of: &(impl Fn(u32) -> &'f Full + Sync),
    neighbours: &BTreeMap<u32, Vec<u32>>,
    opts: &DedupOptions,
) -> DupGroup {
    let rep = representative(meta, g);
    let frep = of(rep);
    let content = &meta.sk.content;
    let mut members: Vec<DupMember> = g
        .iter()
        .filter(|&&i| i != rep)
        .map(|&i| {
            let source = &meta.sources[i as usize];
            let fi = of(i);
            let same = content[i as usize] == content[rep as usize];
            let (m, rel) = compare(frep, fi, same, opts, source);
            if rel.is_some() {
                return m;
            }
            // Linked to the group through another member: describe it against that one.
            for &n in neighbours.get(&i).map(Vec::as_slice).unwrap_or(&[]) {
                let (mut m, rel) = compare(of(n), fi, false, opts, source);
                if rel.is_some() {
                    m.via = Some(meta.sources[n as usize].clone());
                    return m;
                }
            }
            m
        })
        .collect();
    members.sort_by(|x, y| {
        y.similarity
            .total_cmp(&x.similarity)
            .then_with(|| y.containment.total_cmp(&x.containment))
            .then_with(|| x.source.cmp(&y.source))
    });
    DupGroup {
        representative: meta.sources[rep as usize].clone(),
        members,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::generate::{GenerateOptions, generate};

    #[test]
    fn components_larger_than_a_block_give_the_same_groups() {
        // With blocks of 3 documents, every component of 4 or more (a story with several
        // planted copies) takes the path for oversized components, and the others are packed
        // several to a block; the groups and their descriptions must not change.
        let (docs, _) = generate(&GenerateOptions {
            articles: 600,
            seed: 5,
            planted_share: 0.4,
        });
        let opts = DedupOptions::default();
        let run = |block_docs: usize| {
            let mut sketcher = Sketcher::new(&opts);
            sketcher.add(&docs);
            finish(sketcher, docs.as_slice(), block_docs)
        };
        let (whole, whole_stats) = run(VERIFY_BLOCK_DOCS);
        let (small, small_stats) = run(3);
        assert!(
            whole.iter().any(|g| g.members.len() >= 3),
            "the corpus has no component larger than a block of 3"
        );
        assert_eq!(whole, small);
        assert_eq!(whole_stats, small_stats);
    }

    #[test]
    fn the_shingle_table_gives_the_sets_and_the_alignment_of_the_binary_search() {
        // Realistic articles (curly quotes; event clusters sharing sentences; planted
        // copies), every pair among the first 60: the similarity and containment of the
        // shingle sets and the passages of the binary-search alignment must come out the same.
        use super::super::passages::align_by_search;
        use super::super::tokens::shingle_set;
        let (articles, _) = crate::corpus_gen::generate(&crate::corpus_gen::RealisticOptions {
            articles: 60,
            seed: 11,
            ..Default::default()
        });
        let opts = DedupOptions::default();
        let k = opts.shingle_words;
        let mut scratch = Scratch::default();
        let fulls: Vec<Full> = articles
            .iter()
            .map(|a| full(&mut scratch.table, &a.text, k))
            .collect();
        let mut with_passages = 0;
        for a in &fulls {
            scratch.table.build(&a.shingles);
            for b in &fulls {
                let s = shared(&mut scratch, a, b);
                let (sa, sb) = (shingle_set(&a.shingles), shingle_set(&b.shingles));
                let inter = intersection_len(&sa, &sb);
                let union = sa.len() + sb.len() - inter;
                assert_eq!(s.similarity, inter as f64 / union as f64);
                assert_eq!(s.containment, inter as f64 / sa.len().min(sb.len()) as f64);
                let expected = align_by_search(
                    &a.shingles,
                    &a.words,
                    &b.shingles,
                    &b.words,
                    k,
                    opts.min_passage_words,
                );
                assert_eq!(passages(&scratch, a, b, &opts), expected);
                with_passages += usize::from(!expected.is_empty() && s.similarity < 0.5);
            }
        }
        assert!(
            with_passages > 0,
            "no pair of different documents shares a passage"
        );
    }

    #[test]
    fn band_pairs_dropped_for_few_shared_fingerprints_are_never_near_duplicates() {
        // Every pair of realistic articles (event clusters sharing sentences, planted copies):
        // each near-duplicate or trimmed copy keeps its band pairs, and some pairs that share
        // a band key by chance are dropped.
        let docs = crate::link::tests::realistic_docs(500, 3);
        let opts = DedupOptions::default();
        let mut sketcher = Sketcher::new(&opts);
        sketcher.add(&docs);
        let sk = &sketcher.sk;
        let mut scratch = Scratch::default();
        let fulls: Vec<Full> = docs
            .iter()
            .map(|d| full(&mut scratch.table, &d.text, opts.shingle_words))
            .collect();
        let (mut copies, mut dropped) = (0, 0);
        for a in 0..docs.len() as u32 {
            scratch.table.build(&fulls[a as usize].shingles);
            for b in a + 1..docs.len() as u32 {
                let s = shared(&mut scratch, &fulls[a as usize], &fulls[b as usize]);
                if relation(s.similarity, s.containment, false, &opts).is_some() {
                    copies += 1;
                    assert!(resembles(sk, a, b), "{a} and {b} are copies");
                } else if (0..sk.bands).any(|i| sk.band_key(a, i) == sk.band_key(b, i)) {
                    dropped += usize::from(!resembles(sk, a, b));
                }
            }
        }
        assert!(copies > 20, "{copies} copies");
        assert!(dropped > 0, "no chance band pair dropped ({copies} copies)");
    }

    #[test]
    fn radix_sorts_agree_with_comparison_sorts() {
        let mut x = 11u64;
        for n in [0usize, 1, 63, 64, 65, 1000, 20_000] {
            let v: Vec<(u32, u32)> = (0..n)
                .map(|i| {
                    x = super::super::tokens::mix(x.wrapping_add(i as u64));
                    // Narrow keys in some lists, so that some passes are skipped.
                    let a = if n == 1000 {
                        (x >> 60) as u32
                    } else {
                        x as u32
                    };
                    (a, (x >> 40) as u32 % 50)
                })
                .collect();
            let mut expected = v.clone();
            expected.sort_unstable();
            let mut pairs = v.clone();
            sort_pairs(&mut pairs);
            assert_eq!(pairs, expected, "n = {n}");
            // By key alone, documents already in order stay in order.
            let mut keyed: Vec<(u32, u32)> =
                v.iter().enumerate().map(|(i, p)| (p.0, i as u32)).collect();
            let mut expected = keyed.clone();
            expected.sort_unstable();
            radix_sort_by(&mut keyed, |p| p.0);
            assert_eq!(keyed, expected, "n = {n}");
        }
    }
}
