//! Stage 4: near-duplicates and syndication; events and stories across outlets.
//!
//! - [`dedup()`]: exact copies, near-duplicates (MinHash LSH, [`minhash`]), trimmed copies and
//!   reused passages (winnowing, [`passages`]), every candidate verified exactly.
//! - [`link_events`]: reports of one real-world event across outlets, and stories.

pub mod dates;
mod dedup;
pub mod events;
pub mod generate;
pub mod minhash;
pub mod passages;
pub mod terms;
pub mod tokens;

pub use dedup::{DedupStats, Sketcher, TextStore};
pub use events::LinkOptions;

use crate::extract::Claim;
use crate::model::{Document, Span};
use crate::normalize::Mention;
use crate::store::DocStore;
use jiff::civil::Date;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// A passage two documents share: `a` in the representative (or in the `via` document when
/// the member is described against that one), `b` in the member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    pub a: Span,
    pub b: Span,
    pub words: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DupMember {
    pub source: String,
    /// Jaccard similarity of word shingles with the representative.
    pub similarity: f64,
    /// Containment: the share of the smaller document's shingles found in the other (the
    /// overlap coefficient), so a trimmed copy inside a longer article scores near 1 whichever
    /// of the two is the representative.
    pub containment: f64,
    pub shared_passages: Vec<Passage>,
    /// exact | near_duplicate | contained | shared_passage (see [`DedupOptions`]).
    pub relation: String,
    /// Set when the member is linked to the group through another member rather than the
    /// representative: the numbers and passages are then against this document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DupGroup {
    /// The representative's source (earliest, else longest).
    pub representative: String,
    pub members: Vec<DupMember>,
}

/// Dedup parameters. Defaults are explained field by field.
#[derive(Debug, Clone)]
pub struct DedupOptions {
    /// Words per shingle. Five words is the usual choice for news text (Broder 1997 used
    /// word windows of this size): long enough that common phrases ("the president said
    /// that") rarely match by chance, short enough that one edited word breaks few shingles.
    pub shingle_words: usize,
    /// MinHash banding; see [`minhash`] for the S-curve behind the default 48 x 4.
    pub banding: minhash::Banding,
    /// Jaccard similarity of shingle sets from which two documents are near-duplicates.
    pub near_duplicate: f64,
    /// Containment (overlap of the smaller shingle set) from which the smaller document is a
    /// (trimmed) copy inside the other.
    pub containment: f64,
    /// Shortest shared passage, in words, that links two otherwise different documents. 25
    /// words is about one news sentence and longer than a typical shared boilerplate line.
    pub min_passage_words: usize,
    /// Candidate buckets larger than this are chained rather than expanded to all pairs.
    pub max_bucket: usize,
    /// A winnowing fingerprint found in more documents (exact copies counted once) than this
    /// proposes no candidate pairs: a run of words that many unrelated articles share is a
    /// stock phrase or boilerplate, not evidence of copying (MOSS ignores such passages too,
    /// with a default of 10: Schleimer, Wilkerson & Aiken 2003). Near-duplicates and
    /// trimmed copies of a widely syndicated story are still found by their MinHash band
    /// keys, which this bound does not touch; only a passage reused in more than this many
    /// otherwise different articles goes unlinked. It also bounds the work: a fingerprint
    /// gives at most `d (d - 1) / 2 <= (max_df - 1) / 2 * d` pairs for its `d` documents, so
    /// a document with `f` fingerprints brings at most `f (max_df - 1) / 2` candidates
    /// however large the corpus grows (without it, stock phrases made the candidate count
    /// grow with the square of the corpus).
    pub max_fingerprint_df: usize,
}

impl Default for DedupOptions {
    fn default() -> Self {
        DedupOptions {
            shingle_words: 5,
            banding: minhash::Banding::default(),
            near_duplicate: 0.5,
            containment: 0.8,
            min_passage_words: 25,
            max_bucket: 64,
            max_fingerprint_df: 10,
        }
    }
}

/// Why two documents were linked into one event: the score and its parts (see
/// [`events`] for the formula), and what the two reports share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkEvidence {
    pub a: String,
    pub b: String,
    pub score: f64,
    /// Cosine of the TF-IDF vectors of content terms after neighbour expansion, leaving out
    /// what the two reports lent each other (see `events.rs`).
    pub text_similarity: f64,
    /// Cosine of the IDF-weighted name sets (canonical entities when the normalizer ran).
    pub name_overlap: f64,
    /// Share of the smaller place set found in the other.
    pub place_overlap: f64,
    /// 1 within two days; decays beyond; 1 when a date is unknown.
    pub date_factor: f64,
    pub days_apart: Option<i64>,
    pub date_a: Option<Date>,
    pub date_b: Option<Date>,
    /// Strongest shared terms (folded, plural-stripped).
    pub shared_terms: Vec<String>,
    /// Shared names, rarest first, as written in `a`.
    pub shared_entities: Vec<String>,
    pub shared_places: Vec<String>,
    /// Word-for-word passages the two reports share (at least 25 words).
    pub shared_passages: Vec<Passage>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub sources: Vec<String>,
    pub date: Option<Date>,
    pub date_inferred: bool,
    pub story: Option<String>,
    pub evidence: Vec<LinkEvidence>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub id: String,
    pub label: String,
    pub events: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Events {
    pub events: Vec<Event>,
    pub stories: Vec<Story>,
}

/// Groups exact copies, near-duplicates, trimmed copies and documents that reuse a passage.
/// Groups are sorted by representative, members by similarity (then source).
pub fn dedup(docs: &[Document], opts: &DedupOptions) -> Vec<DupGroup> {
    dedup::run(docs, opts).0
}

/// [`dedup()`] with counts and memory sizes of the run (for benchmarks).
pub fn dedup_with_stats(docs: &[Document], opts: &DedupOptions) -> (Vec<DupGroup>, DedupStats) {
    dedup::run(docs, opts)
}

/// The documents event linking and dedup read, with their texts: in the documents, or in
/// the store the pipeline spilled them to (whose documents' `text` is empty). Reads as the
/// slice of documents.
pub struct Docs<'a> {
    docs: &'a [Document],
    store: Option<&'a DocStore>,
}

impl<'a> Docs<'a> {
    /// `docs`, with their texts in `store` when given.
    pub fn new(docs: &'a [Document], store: Option<&'a DocStore>) -> Self {
        Docs { docs, store }
    }

    /// Document `i`'s text.
    pub fn text(&self, i: usize) -> Cow<'a, str> {
        match self.store {
            Some(store) => Cow::Owned(store.text(i)),
            None => Cow::Borrowed(&self.docs[i].text),
        }
    }
}

impl std::ops::Deref for Docs<'_> {
    type Target = [Document];
    fn deref(&self) -> &[Document] {
        self.docs
    }
}

impl TextStore for Docs<'_> {
    fn texts(&self, ids: &[u32]) -> Vec<Cow<'_, str>> {
        ids.iter().map(|&d| self.text(d as usize)).collect()
    }
}

/// [`dedup()`] and [`link_events`] together, as the pipeline runs them: each document's text
/// is read once for both, its words giving dedup's sketch and the event terms in one scan
/// (each stage read every text on its own, and the word scans were a third of the two
/// stages' instructions); the words are dropped as each document is signed. Events are
/// linked before dedup verifies its candidates: their bags (all the corpus's, as event
/// linking always held them) go as the model is made, and only dedup's sketches (about 470
/// bytes a document) are held through event linking, where verifying with every bag still
/// held raised the peak by 14% at 16,000 articles. `lap(stage)` is called as event linking
/// ends (with the shared reading) and as dedup ends.
pub fn dedup_and_events(
    docs: &Docs<'_>,
    mentions: &[Vec<Mention>],
    claims: &[Vec<Claim>],
    opts: &DedupOptions,
    lap: &mut dyn FnMut(&'static str),
) -> (Vec<DupGroup>, Events) {
    let mut sketcher = Sketcher::new(opts);
    let interner = terms::TermInterner::default();
    let mut bags = Vec::with_capacity(docs.len());
    for (k, batch) in docs.chunks(dedup::SIGN_BATCH).enumerate() {
        // Spilled texts are read back a batch at a time, into documents with only what
        // signing reads (text, source, date).
        let loaded: Vec<Document>;
        let batch = match docs.store {
            None => batch,
            Some(_) => {
                let at = k * dedup::SIGN_BATCH;
                loaded = (at..at + batch.len())
                    .into_par_iter()
                    .map(|i| Document {
                        source: docs[i].source.clone(),
                        published: docs[i].published,
                        text: docs.text(i).into_owned(),
                        ..Default::default()
                    })
                    .collect();
                &loaded
            }
        };
        bags.extend(sketcher.add_with(batch, |d| {
            let mut words = Vec::with_capacity(d.text.len() / 6);
            let terms = terms::read_terms(&d.text, |reader| {
                tokens::for_each_word_hashed(&d.text, |span, hash, folded| {
                    words.push(tokens::Word { hash, span });
                    reader.word(span, hash, folded);
                })
            });
            (words, events::Bag::new(terms, &interner))
        }));
    }
    let model = events::Model::from_text_bags(docs, bags, interner, mentions, claims);
    let events = events::link_model(docs, model, &LinkOptions::default());
    lap("events");
    let (groups, _) = sketcher.finish(docs);
    lap("dedup");
    (groups, events)
}

/// Links reports of one real-world event across outlets, and events into stories.
/// `mentions` and `claims` are indexed like `docs` and used when present (they may be empty).
pub fn link_events(docs: &[Document], mentions: &[Vec<Mention>], claims: &[Vec<Claim>]) -> Events {
    events::link(docs, mentions, claims, &LinkOptions::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` realistic articles (event clusters, planted copies, curly quotes) with their
    /// publication dates.
    pub(super) fn realistic_docs(n: usize, seed: u64) -> Vec<Document> {
        let (articles, _) = crate::corpus_gen::generate(&crate::corpus_gen::RealisticOptions {
            articles: n,
            seed,
            ..Default::default()
        });
        articles
            .iter()
            .map(|a| {
                let mut d = crate::ingest::document_from_text(&a.id, &a.text);
                d.published = a.published.parse().ok();
                d
            })
            .collect()
    }

    #[test]
    fn one_pass_gives_the_duplicates_and_events_of_the_stages_apart() {
        // Realistic articles, read once for both stages against each stage on its own.
        let docs = realistic_docs(300, 7);
        let opts = DedupOptions::default();
        let mut laps = Vec::new();
        let (groups, events) =
            dedup_and_events(&Docs::new(&docs, None), &[], &[], &opts, &mut |s| {
                laps.push(s)
            });
        assert_eq!(laps, ["events", "dedup"]);
        assert!(groups.len() > 10, "{} groups", groups.len());
        assert!(events.events.iter().any(|e| e.sources.len() > 2));
        assert_eq!(groups, dedup(&docs, &opts));
        assert_eq!(events, link_events(&docs, &[], &[]));
    }
}
