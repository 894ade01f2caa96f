//! Exact copies, near-duplicates, trimmed copies and reused passages.
//!
//! 1. Every document is reduced to folded words, `k`-word shingles, a content hash (exact copies
//!    up to spacing, case and quote style), MinHash band keys and winnowing fingerprints
//!    (in parallel; only the keys and fingerprints are kept, so memory is linear and small).
//! 2. Candidates: documents sharing an LSH band key (near-duplicates by Jaccard, see
//!    [`super::minhash`]) or a winnowing fingerprint (a shared run of words, which catches a
//!    short copy inside a longer article and one reused paragraph). Keys are grouped by sorting,
//!    never by comparing all pairs; an oversized bucket (a phrase in hundreds of documents) is
//!    chained instead of expanded, so the candidate count stays linear.
//! 3. Every candidate is verified exactly: Jaccard of the shingle sets, containment (overlap of
//!    the smaller set), and passage alignment.
//! 4. Verified links are joined into groups; each group names a representative (earliest
//!    published, else longest, else first by source) and each member is described against it.

use super::minhash::MinHasher;
use super::passages::{align, winnow};
use super::tokens::{Word, intersection_len, shingle_set, shingles, words};
use super::{DedupOptions, DupGroup, DupMember};
use crate::model::Document;
use rayon::prelude::*;
use std::cmp::Reverse;
use xxhash_rust::xxh3::xxh3_64;

/// What is kept of a document between candidate generation and verification.
struct Sketch {
    content: u64,
    words: usize,
    band_keys: Vec<u64>,
    fingerprints: Vec<u64>,
}

fn sketch(doc: &Document, hasher: &MinHasher, opts: &DedupOptions) -> Sketch {
    let ws = words(&doc.text);
    let sh = shingles(&ws, opts.shingle_words);
    let mut content_bytes = Vec::with_capacity(ws.len() * 8);
    for w in &ws {
        content_bytes.extend_from_slice(&w.hash.to_le_bytes());
    }
    let window = opts
        .min_passage_words
        .saturating_sub(opts.shingle_words)
        .max(1);
    Sketch {
        content: xxh3_64(&content_bytes),
        words: ws.len(),
        band_keys: if sh.is_empty() {
            Vec::new()
        } else {
            hasher.band_keys(&hasher.signature(&sh))
        },
        fingerprints: winnow(&sh, window),
    }
}

/// The full comparison material of one document, rebuilt on demand for verification.
struct Full {
    words: Vec<Word>,
    shingles: Vec<u64>,
    set: Vec<u64>,
}

fn full(doc: &Document, k: usize) -> Full {
    let words = words(&doc.text);
    let shingles = shingles(&words, k);
    let set = shingle_set(&shingles);
    Full {
        words,
        shingles,
        set,
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

/// Compares `b` against `a`: the member record, and its relation if any holds.
fn compare(
    a: &Full,
    b: &Full,
    same_content: bool,
    opts: &DedupOptions,
    source: &str,
) -> (DupMember, Option<Relation>) {
    let inter = intersection_len(&a.set, &b.set);
    let union = a.set.len() + b.set.len() - inter;
    let similarity = if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    };
    let smaller = a.set.len().min(b.set.len());
    let containment = if smaller == 0 {
        0.0
    } else {
        inter as f64 / smaller as f64
    };
    let shared_passages = if inter == 0 {
        Vec::new()
    } else {
        align(
            &a.shingles,
            &a.words,
            &b.shingles,
            &b.words,
            opts.shingle_words,
            opts.min_passage_words,
        )
    };
    let relation = if same_content {
        Some(Relation::Exact)
    } else if similarity >= opts.near_duplicate {
        Some(Relation::NearDuplicate)
    } else if containment >= opts.containment {
        Some(Relation::Contained)
    } else if !shared_passages.is_empty() {
        Some(Relation::SharedPassage)
    } else {
        None
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

/// Pairs of documents that share a key. `keyed` is sorted by key; buckets larger than
/// `max_bucket` are chained (each document paired with the next) to stay linear.
fn bucket_pairs(keyed: &mut [(u64, u32)], max_bucket: usize, out: &mut Vec<(u32, u32)>) {
    keyed.sort_unstable();
    for bucket in keyed.chunk_by(|x, y| x.0 == y.0) {
        if bucket.len() < 2 {
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

/// Candidate pairs (deduplicated, sorted) among the exact-copy class heads `heads`.
fn candidates(sketches: &[Sketch], heads: &[u32], opts: &DedupOptions) -> Vec<(u32, u32)> {
    let mut pairs = Vec::new();
    let bands = opts.banding.bands;
    let mut keyed: Vec<(u64, u32)> = Vec::with_capacity(heads.len());
    for band in 0..bands {
        keyed.clear();
        keyed.extend(heads.iter().filter_map(|&d| {
            sketches[d as usize]
                .band_keys
                .get(band)
                .map(|&key| (key, d))
        }));
        bucket_pairs(&mut keyed, opts.max_bucket, &mut pairs);
        // Keep the candidate list compact as bands add mostly the same pairs.
        if band % 8 == 7 {
            pairs.par_sort_unstable();
            pairs.dedup();
        }
    }
    let mut keyed: Vec<(u64, u32)> = heads
        .iter()
        .flat_map(|&d| {
            sketches[d as usize]
                .fingerprints
                .iter()
                .map(move |&f| (f, d))
        })
        .collect();
    bucket_pairs(&mut keyed, opts.max_bucket, &mut pairs);
    drop(keyed);
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

pub(super) fn run(docs: &[Document], opts: &DedupOptions) -> Vec<DupGroup> {
    let hasher = MinHasher::new(opts.banding);
    let sketches: Vec<Sketch> = docs.par_iter().map(|d| sketch(d, &hasher, opts)).collect();
    let mut uf = UnionFind::new(docs.len());

    // Exact copies: equal content hash (over the folded word sequence).
    let mut by_content: Vec<(u64, u32)> = sketches
        .iter()
        .enumerate()
        .filter(|(_, s)| s.words > 0)
        .map(|(i, s)| (s.content, i as u32))
        .collect();
    by_content.sort_unstable();
    let mut heads = Vec::new();
    for class in by_content.chunk_by(|x, y| x.0 == y.0) {
        heads.push(class[0].1);
        for m in &class[1..] {
            uf.union(class[0].1, m.1);
        }
    }
    heads.sort_unstable();

    let k = opts.shingle_words;
    let verified: Vec<(u32, u32)> = candidates(&sketches, &heads, opts)
        .into_par_iter()
        .filter(|&(a, b)| {
            let (fa, fb) = (full(&docs[a as usize], k), full(&docs[b as usize], k));
            compare(&fa, &fb, false, opts, "").1.is_some()
        })
        .collect();
    for &(a, b) in &verified {
        uf.union(a, b);
    }

    // Gather groups; neighbours remember which verified link brought a member in.
    let mut groups: std::collections::BTreeMap<u32, Vec<u32>> = Default::default();
    for i in 0..docs.len() as u32 {
        if sketches[i as usize].words > 0 {
            let r = uf.find(i);
            groups.entry(r).or_default().push(i);
        }
    }
    let mut neighbours: std::collections::BTreeMap<u32, Vec<u32>> = Default::default();
    for &(a, b) in &verified {
        neighbours.entry(a).or_default().push(b);
        neighbours.entry(b).or_default().push(a);
    }
    let groups: Vec<Vec<u32>> = groups.into_values().filter(|g| g.len() > 1).collect();

    let mut out: Vec<DupGroup> = groups
        .par_iter()
        .map(|g| describe_group(docs, &sketches, g, &neighbours, opts))
        .collect();
    out.sort_by(|x, y| x.representative.cmp(&y.representative));
    out
}

/// Earliest published, else most words, else first by source.
fn representative(docs: &[Document], sketches: &[Sketch], g: &[u32]) -> u32 {
    *g.iter()
        .min_by_key(|&&i| {
            let d = &docs[i as usize];
            (
                d.published.is_none(),
                d.published,
                Reverse(sketches[i as usize].words),
                d.source.as_str(),
            )
        })
        .expect("groups are not empty")
}

fn describe_group(
    docs: &[Document],
    sketches: &[Sketch],
    g: &[u32],
    neighbours: &std::collections::BTreeMap<u32, Vec<u32>>,
    opts: &DedupOptions,
) -> DupGroup {
    let k = opts.shingle_words;
    let rep = representative(docs, sketches, g);
    let frep = full(&docs[rep as usize], k);
    let mut members: Vec<DupMember> = g
        .iter()
        .filter(|&&i| i != rep)
        .map(|&i| {
            let d = &docs[i as usize];
            let fi = full(d, k);
            let same = sketches[i as usize].content == sketches[rep as usize].content;
            let (m, rel) = compare(&frep, &fi, same, opts, &d.source);
            if rel.is_some() {
                return m;
            }
            // Linked to the group through another member: describe it against that one.
            for &n in neighbours.get(&i).map(Vec::as_slice).unwrap_or(&[]) {
                let fnb = full(&docs[n as usize], k);
                let (mut m, rel) = compare(&fnb, &fi, false, opts, &d.source);
                if rel.is_some() {
                    m.via = Some(docs[n as usize].source.clone());
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
        representative: docs[rep as usize].source.clone(),
        members,
    }
}
