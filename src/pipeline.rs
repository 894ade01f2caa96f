//! Runs the stages in order over a corpus: normalize, extract, link, and hands the result to
//! reconcile and the report. Parallel across documents, deterministic in output.

use crate::extract::{self, Claim};
use crate::link::{self, DedupOptions, DupGroup, Events};
use crate::model::{Corpus, Document};
use crate::normalize::{self, Entity, EntityKind, Mention, ResolveOptions};
use crate::store::{self, DocStore};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// The vector without spare capacity.
fn tight<T>(mut v: Vec<T>) -> Vec<T> {
    v.shrink_to_fit();
    v
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub resolve: ResolveOptions,
    pub dedup: DedupOptions,
    /// Keep each document's text, mentions and claims in temporary files, not in memory
    /// ([`DocStore`]): for large corpora, at a small cost in time. Then the documents'
    /// `text`, [`Analysis::mentions`] and [`Analysis::claims`] are empty and
    /// [`Analysis::store`] holds them; reconcile and the report read either.
    pub spill: bool,
}

/// Everything the stages found. Vectors of per-document results are indexed like
/// `corpus.documents`.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub corpus: Corpus,
    /// Empty when spilled ([`Options::spill`]): see `store`.
    pub mentions: Vec<Vec<Mention>>,
    pub entities: Vec<Entity>,
    /// Empty when spilled ([`Options::spill`]): see `store`.
    pub claims: Vec<Vec<Claim>>,
    pub duplicates: Vec<DupGroup>,
    pub events: Events,
    /// Each document's text, mentions and claims when spilled, else `None`.
    pub store: Option<Arc<DocStore>>,
}

/// How many documents' claims are extracted (in parallel) and spilled at a time: enough to
/// keep the cores busy, few enough that their claims take little memory.
const SPILL_CHUNK: usize = 4_096;

/// The mentions event linking reads ([`link::dedup_and_events`] names each entity by the
/// base form of its first mention, and each place by its first mention as a place): per
/// entity, its first mention and its first place mention, in order.
fn linked_mentions(mentions: &[Mention]) -> Vec<Mention> {
    let mut seen: rustc_hash::FxHashSet<(&str, bool)> = Default::default();
    mentions
        .iter()
        .filter(|m| {
            let Some(id) = m.entity.as_deref() else {
                return false;
            };
            let first = seen.insert((id, false));
            let first_place = m.kind == EntityKind::Place && seen.insert((id, true));
            first || first_place
        })
        .cloned()
        .collect()
}

/// The claims event linking reads: the dates (a document's date is its earliest stated).
fn linked_claims(claims: &[Claim]) -> Vec<Claim> {
    claims
        .iter()
        .filter(|c| c.kind == extract::ClaimKind::Date)
        .cloned()
        .collect()
}

/// The stages in the order [`analyse_observed`] runs them ("events" includes reading the
/// texts for dedup's sketches, which shares the event terms' scan: see
/// [`link::dedup_and_events`]).
pub const STAGES: &[&str] = &["mentions", "resolve", "claims", "events", "dedup"];

/// Runs every stage. The corpus may be changed: an undated document that links to a dated
/// event inherits the event's date, marked as inferred.
pub fn analyse(corpus: Corpus, opts: &Options) -> Analysis {
    analyse_observed(corpus, opts, &mut |_, _| {})
}

/// [`analyse`], calling `observe(stage, seconds)` as each of [`STAGES`] ends, so a caller
/// can show progress or time the stages (the library itself never prints).
pub fn analyse_observed(
    mut corpus: Corpus,
    opts: &Options,
    observe: &mut dyn FnMut(&'static str, f64),
) -> Analysis {
    let mut clock = std::time::Instant::now();
    let mut lap = |stage: &'static str| {
        observe(stage, clock.elapsed().as_secs_f64());
        clock = std::time::Instant::now();
    };
    // Per-document lists live to the end (reconcile and the report read them): no spare
    // capacity is kept (a vector grown by pushing has a quarter spare on average).
    let mut store = opts.spill.then(DocStore::new);
    let mut mentions: Vec<Vec<Mention>> = match &mut store {
        None => corpus
            .documents
            .par_iter()
            .map(|d| tight(normalize::find_mentions(d)))
            .collect(),
        // Each chunk's texts go to the store once its mentions are found: from here on the
        // texts are never all in memory.
        Some(store) => {
            let mut mentions = Vec::with_capacity(corpus.documents.len());
            for d in corpus.documents.chunks_mut(SPILL_CHUNK) {
                let found = d.par_iter().map(|d| tight(normalize::find_mentions(d)));
                mentions.par_extend(found);
                let texts: Vec<String> =
                    d.iter_mut().map(|d| std::mem::take(&mut d.text)).collect();
                store.append_texts(&texts);
            }
            mentions
        }
    };
    lap("mentions");
    let docs = &corpus.documents;
    let entities = normalize::resolve(docs, &mut mentions, &opts.resolve);
    lap("resolve");
    let mut claims: Vec<Vec<Claim>> = match &mut store {
        // Each chunk's mentions and claims go to the store as its claims are extracted (the
        // texts read back), so that the claims are never all in memory; only what event
        // linking reads of them stays.
        Some(store) => {
            let mut linked = Vec::with_capacity(mentions.len());
            for (k, m) in mentions.chunks_mut(SPILL_CHUNK).enumerate() {
                let at = k * SPILL_CHUNK;
                let done: Vec<(Vec<u8>, Vec<Mention>, Vec<Claim>)> = (m.par_iter().enumerate())
                    .map(|(j, m)| {
                        let d = Document {
                            text: store.text(at + j),
                            ..docs[at + j].clone()
                        };
                        let c = extract::extract_claims(&d, m);
                        (store::encode(m, &c), linked_mentions(m), linked_claims(&c))
                    })
                    .collect();
                let records: Vec<Vec<u8>> = done
                    .into_iter()
                    .zip(m.iter_mut())
                    .map(|((record, lm, lc), m)| {
                        *m = lm;
                        linked.push(lc);
                        record
                    })
                    .collect();
                store.append_records(&records);
            }
            linked
        }
        None => docs
            .par_iter()
            .zip(mentions.par_iter())
            .map(|(d, m)| tight(extract::extract_claims(d, m)))
            .collect(),
    };
    lap("claims");
    let docs = link::Docs::new(&corpus.documents, store.as_ref());
    let (duplicates, events) =
        link::dedup_and_events(&docs, &mentions, &claims, &opts.dedup, &mut lap);

    // Date inheritance: an undated report of a dated event takes the event's date, but only
    // when some report states that date. An event date that is itself inferred (from a day in
    // a lead and a year guessed from context) is too weak to date another article: a wrong
    // date would then convert that article's "25-year rule" into a false discrepancy.
    // Each undated document takes the first such event (in event order) that holds it; the
    // events are looked up by source, not searched for every document.
    let mut first_dated: HashMap<&str, &crate::link::Event> = HashMap::new();
    for event in events
        .events
        .iter()
        .filter(|e| e.date.is_some() && !e.date_inferred)
    {
        for s in &event.sources {
            first_dated.entry(s.as_str()).or_insert(event);
        }
    }
    for (i, doc) in corpus.documents.iter_mut().enumerate() {
        if doc.published.is_some() {
            continue;
        }
        let Some(event) = first_dated.get(doc.source.as_str()) else {
            continue;
        };
        let Some(date) = event.date else { continue };
        doc.published = Some(date);
        doc.published_inferred = true;
        let others: Vec<&str> = event
            .sources
            .iter()
            .filter(|s| **s != doc.source)
            .map(String::as_str)
            .collect();
        doc.provenance.push(crate::model::Provenance {
            field: "published".into(),
            rule: "linked-event-date".into(),
            evidence: format!("event {} with {}", event.id, others.join(", ")),
        });
        match &mut store {
            Some(store) => store.set_anchor(i, date),
            None => extract::resolve_relative_dates(&mut claims[i], date),
        }
    }
    if store.is_some() {
        // Only what event linking read: the store has them all.
        mentions = Vec::new();
        claims = Vec::new();
    }

    Analysis {
        corpus,
        mentions,
        entities,
        claims,
        duplicates,
        events,
        store: store.map(Arc::new),
    }
}
