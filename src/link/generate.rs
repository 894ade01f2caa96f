//! A reproducible corpus of synthetic articles with planted duplicates, for benchmarking and
//! checking dedup at scale. Same `(articles, seed)`, same corpus, on every machine.
//!
//! Words come from a synthetic vocabulary of 40,000 pronounceable tokens drawn with a Zipf
//! distribution (s = 1.05, close to English news), so shingle statistics look like real text
//! while no two unrelated articles share a long run by chance. A share of the articles are
//! planted copies of an earlier original: exact copies, copies under a header and footer,
//! trimmed copies, lightly edited copies, and new articles reusing one paragraph.

use crate::ingest::document_from_text;
use crate::model::Document;
use serde::{Deserialize, Serialize};

/// How a planted article derives from its original.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Planted {
    Exact,
    HeaderFooter,
    Trimmed,
    Edited,
    ReusedParagraph,
}

/// One planted pair: `copy` derives from `original` (indices into the corpus).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlantedPair {
    pub original: usize,
    pub copy: usize,
    pub kind: Planted,
}

/// Generator settings.
#[derive(Debug, Clone)]
pub struct GenerateOptions {
    pub articles: usize,
    pub seed: u64,
    /// Share of articles that are planted derivatives of an earlier one.
    pub planted_share: f64,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions {
            articles: 1000,
            seed: 1,
            planted_share: 0.2,
        }
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): tiny, fast and fully reproducible, which is all a
/// corpus generator needs (no cryptographic or statistical-suite requirements).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "de", "ba", "po", "len", "mar", "tis", "ov",
    "an", "el", "gra", "sto", "vel", "dim", "bor", "za", "ki", "ra", "nu", "che", "ly", "sha",
    "io",
];

const VOCABULARY: usize = 40_000;

fn word(mut i: usize) -> String {
    let mut w = String::new();
    loop {
        w.push_str(SYLLABLES[i % SYLLABLES.len()]);
        i /= SYLLABLES.len();
        if i == 0 {
            break;
        }
        i -= 1;
    }
    w
}

struct Vocabulary {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Vocabulary {
    fn new() -> Self {
        let words: Vec<String> = (0..VOCABULARY).map(word).collect();
        let mut acc = 0.0;
        let cumulative = (1..=VOCABULARY)
            .map(|r| {
                acc += 1.0 / (r as f64).powf(1.05);
                acc
            })
            .collect();
        Vocabulary { words, cumulative }
    }
    fn draw(&self, rng: &mut Rng) -> &str {
        let total = *self.cumulative.last().expect("vocabulary is not empty");
        let x = rng.unit() * total;
        let i = self.cumulative.partition_point(|&c| c < x);
        &self.words[i.min(self.words.len() - 1)]
    }
}

/// Paragraphs of sentences of Zipf-drawn words.
fn paragraphs(v: &Vocabulary, rng: &mut Rng, words: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut left = words;
    while left > 0 {
        let mut para = String::new();
        for _ in 0..rng.range(2, 4) {
            let n = rng.range(8, 22).min(left);
            for k in 0..n {
                let w = v.draw(rng);
                if k == 0 {
                    let mut c = w.chars();
                    if let Some(f) = c.next() {
                        para.extend(f.to_uppercase());
                        para.push_str(c.as_str());
                    }
                } else {
                    para.push(' ');
                    para.push_str(w);
                }
            }
            para.push_str(". ");
            left -= n;
            if left == 0 {
                break;
            }
        }
        out.push(para.trim_end().to_string());
    }
    out
}

/// Generates the corpus and the planted pairs. Sources are `gen/NNNNNNN.txt`.
pub fn generate(opts: &GenerateOptions) -> (Vec<Document>, Vec<PlantedPair>) {
    let v = Vocabulary::new();
    let mut rng = Rng(opts.seed);
    let mut texts: Vec<Vec<String>> = Vec::with_capacity(opts.articles);
    let mut originals: Vec<usize> = Vec::new();
    let mut planted = Vec::new();
    for i in 0..opts.articles {
        let derive = !originals.is_empty() && rng.unit() < opts.planted_share;
        if !derive {
            let n = rng.range(150, 600);
            texts.push(paragraphs(&v, &mut rng, n));
            originals.push(i);
            continue;
        }
        let src = originals[rng.below(originals.len())];
        let base = texts[src].clone();
        let roll = rng.unit();
        let (kind, body) = if roll < 0.2 {
            (Planted::Exact, base)
        } else if roll < 0.45 {
            let mut b = paragraphs(&v, &mut rng, 20);
            b.extend(base);
            b.extend(paragraphs(&v, &mut rng, 30));
            (Planted::HeaderFooter, b)
        } else if roll < 0.65 {
            let keep = (base.len() * rng.range(35, 60) / 100).max(1);
            (Planted::Trimmed, base[..keep].to_vec())
        } else if roll < 0.85 {
            // Replace about 3% of words (an editor's touch: names, numbers, a verb).
            let edited = base
                .iter()
                .map(|p| {
                    p.split(' ')
                        .map(|w| {
                            if rng.unit() < 0.03 {
                                v.draw(&mut rng).to_string()
                            } else {
                                w.to_string()
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            (Planted::Edited, edited)
        } else {
            let longest = base
                .iter()
                .max_by_key(|p| p.len())
                .cloned()
                .unwrap_or_default();
            let n = rng.range(150, 400);
            let mut b = paragraphs(&v, &mut rng, n);
            let at = rng.below(b.len() + 1);
            b.insert(at, longest);
            (Planted::ReusedParagraph, b)
        };
        planted.push(PlantedPair {
            original: src,
            copy: i,
            kind,
        });
        texts.push(body);
    }
    let docs = texts
        .iter()
        .enumerate()
        .map(|(i, paras)| document_from_text(&format!("gen/{i:07}.txt"), &paras.join("\n\n")))
        .collect();
    (docs, planted)
}

/// Recall and precision of dedup groups against the planted pairs. A planted pair is found
/// when both articles are in one group; a reported (representative, member) pair is right
/// when the two are related through planted pairs (same family).
pub fn score(docs: &[Document], planted: &[PlantedPair], groups: &[super::DupGroup]) -> (f64, f64) {
    let index: std::collections::HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.source.as_str(), i))
        .collect();
    let s = score_detail(docs.len(), planted, groups, |s| index.get(s).copied());
    (s.recall, s.precision)
}

/// Recall and precision against the planted pairs, with recall per kind of planted pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    pub recall: f64,
    pub precision: f64,
    /// Per kind: planted pairs found, planted pairs.
    pub by_kind: Vec<(Planted, usize, usize)>,
}

impl Score {
    /// Recall over the kinds that MinHash LSH alone is built for (exact, header and footer,
    /// edited): a trimmed copy or a reused paragraph needs containment or passage checks.
    pub fn near_duplicate_recall(&self) -> f64 {
        let (found, total) = self
            .by_kind
            .iter()
            .filter(|k| {
                matches!(
                    k.0,
                    Planted::Exact | Planted::HeaderFooter | Planted::Edited
                )
            })
            .fold((0, 0), |(f, t), k| (f + k.1, t + k.2));
        found as f64 / total.max(1) as f64
    }
}

/// [`score`] for documents known only by source, with recall per kind: `index_of` gives a
/// source's position in the generated corpus (for a JSON Lines copy read back, the record
/// number). A grouped source without a position counts as a wrong report.
pub fn score_detail(
    articles: usize,
    planted: &[PlantedPair],
    groups: &[super::DupGroup],
    index_of: impl Fn(&str) -> Option<usize>,
) -> Score {
    let index_of = |s: &str| index_of(s).filter(|&i| i < articles);
    // A truth file for a larger corpus than the one read: its extra pairs count as missed.
    let articles = planted
        .iter()
        .map(|p| p.original.max(p.copy) + 1)
        .fold(articles, usize::max);
    let mut family: Vec<usize> = (0..articles).collect();
    fn root(f: &mut [usize], mut x: usize) -> usize {
        while f[x] != x {
            f[x] = f[f[x]];
            x = f[x];
        }
        x
    }
    for p in planted {
        let (a, b) = (root(&mut family, p.original), root(&mut family, p.copy));
        family[a.max(b)] = a.min(b);
    }
    let mut group_of = vec![usize::MAX; articles];
    let (mut reported, mut right) = (0usize, 0usize);
    for (g, grp) in groups.iter().enumerate() {
        let rep = index_of(&grp.representative);
        if let Some(r) = rep {
            group_of[r] = g;
        }
        for m in &grp.members {
            reported += 1;
            let Some(i) = index_of(&m.source) else {
                continue;
            };
            group_of[i] = g;
            if rep.is_some_and(|r| root(&mut family, i) == root(&mut family, r)) {
                right += 1;
            }
        }
    }
    let mut by_kind: Vec<(Planted, usize, usize)> = Vec::new();
    let mut found = 0;
    for p in planted {
        let hit = group_of[p.original] != usize::MAX && group_of[p.original] == group_of[p.copy];
        found += usize::from(hit);
        match by_kind.iter_mut().find(|k| k.0 == p.kind) {
            Some(k) => {
                k.1 += usize::from(hit);
                k.2 += 1;
            }
            None => by_kind.push((p.kind, usize::from(hit), 1)),
        }
    }
    Score {
        recall: found as f64 / planted.len().max(1) as f64,
        precision: if reported == 0 {
            1.0
        } else {
            right as f64 / reported as f64
        },
        by_kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_is_reproducible_and_plants_every_kind() {
        let o = GenerateOptions {
            articles: 300,
            seed: 7,
            planted_share: 0.3,
        };
        let (a, pa) = generate(&o);
        let (b, pb) = generate(&o);
        assert_eq!(a, b);
        assert_eq!(pa, pb);
        for k in [
            Planted::Exact,
            Planted::HeaderFooter,
            Planted::Trimmed,
            Planted::Edited,
            Planted::ReusedParagraph,
        ] {
            assert!(pa.iter().any(|p| p.kind == k), "{k:?}");
        }
    }

    #[test]
    fn dedup_finds_the_planted_pairs() {
        let (docs, planted) = generate(&GenerateOptions {
            articles: 400,
            seed: 3,
            planted_share: 0.25,
        });
        let groups = super::super::dedup(&docs, &Default::default());
        let (recall, precision) = score(&docs, &planted, &groups);
        assert!(recall >= 0.99, "recall {recall}");
        assert!(precision >= 0.99, "precision {precision}");
    }
}
