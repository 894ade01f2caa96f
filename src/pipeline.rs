//! Runs the stages in order over a corpus: normalize, extract, link, and hands the result to
//! reconcile and the report. Parallel across documents, deterministic in output.

use crate::extract::{self, Claim};
use crate::link::{self, DedupOptions, DupGroup, Events};
use crate::model::{Corpus, Document};
use crate::normalize::{self, Entity, EntityKind, Mention, ResolveOptions};
use crate::shared::SharedStr;
use crate::store::{self, DocStore, StoreError};
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
    let linked: Vec<Mention> = mentions
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
        .collect();
    tight(linked)
}

/// Event linking reads only the entity, kind and base of the [`linked_mentions`], so each
/// base is interned across the corpus in `bases` and stands for the surface form too:
/// loaded from the store, each document's forms were its own strings, held through event
/// linking (issue 7).
fn share_bases(mentions: &mut [Mention], bases: &mut rustc_hash::FxHashSet<SharedStr>) {
    for m in mentions {
        let base = match bases.get(m.base.as_str()) {
            Some(b) => b.clone(),
            None => {
                bases.insert(m.base.clone());
                m.base.clone()
            }
        };
        m.text = base.clone();
        m.base = base;
    }
}

/// The claims event linking reads: a document's date is its publication date, else the
/// earliest date its date claims state (`link::events`), so an undated document keeps one
/// claim, that date's, without its texts, and a dated one none (the claims a document kept
/// were some 400 bytes each, and their sentences and phrases more; issue 7).
fn linked_claims(doc: &Document, claims: &[Claim]) -> Vec<Claim> {
    if doc.published.is_some() {
        return Vec::new();
    }
    let earliest = claims
        .iter()
        .filter(|c| c.kind == extract::ClaimKind::Date)
        .filter_map(|c| {
            let value = c.date.as_ref()?.value.as_deref()?;
            Some((value.parse::<jiff::civil::Date>().ok()?, c, value))
        })
        .min_by_key(|&(date, _, _)| date);
    let Some((_, claim, value)) = earliest else {
        return Vec::new();
    };
    // Not the document's source and sentence: the claim would keep them alive.
    vec![Claim {
        source: SharedStr::default(),
        phrase: String::new(),
        sentence: SharedStr::default(),
        date: Some(extract::DateValue {
            text: String::new(),
            value: Some(value.to_string()),
            granularity: String::new(),
            relative: None,
            inferred: false,
        }),
        ..claim.clone()
    }]
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
///
/// # Panics
/// When [`Options::spill`] is set and the temporary files cannot be made or written
/// ([`analyse_intake`] returns that error).
pub fn analyse_observed(
    corpus: Corpus,
    opts: &Options,
    observe: &mut dyn FnMut(&'static str, f64),
) -> Analysis {
    let mut intake = Intake::new(if opts.spill { Some(0) } else { None }, false);
    intake.corpus = corpus;
    analyse_intake(intake, opts, observe).unwrap_or_else(|e| panic!("concord: {e}"))
}

/// Ingest's [`Sink`](crate::ingest::Sink) for [`analyse_intake`]: collects the documents
/// and, once the corpus is larger than `spill_above` documents, finds the mentions of each
/// [`SPILL_CHUNK`] documents as they are read and moves their texts to a [`DocStore`], so
/// that no stage, ingest included, holds every text of a large archive (at a million
/// articles the texts are some 4 GB).
pub struct Intake {
    /// Everything read so far; the texts of documents already handled are in `store`.
    pub corpus: Corpus,
    /// Spill above so many documents; `None`: never.
    spill_above: Option<usize>,
    /// Drop what only `concord clean` reads as each document arrives
    /// ([`crate::model::Document::drop_ingest_records`]).
    drop_records: bool,
    /// The documents whose mentions were found and stored, first to last.
    handled: usize,
    /// The name forms of the mentions found, for name resolution; the mentions themselves
    /// wait in the store.
    forms: normalize::FormInput,
    store: Option<DocStore>,
    /// Why the store failed, if it did: the documents read after are dropped, and
    /// [`analyse_intake`] returns it.
    error: Option<StoreError>,
    /// Seconds spent finding mentions while reading (a part of ingest's time).
    pub mention_seconds: f64,
    /// Documents handled at a time ([`SPILL_CHUNK`]; smaller in tests).
    chunk: usize,
}

impl Intake {
    /// `spill_above`: spill once the corpus has more documents (`Some(0)`: always; `None`:
    /// never). `drop_records`: keep only what the report reads of each document.
    pub fn new(spill_above: Option<usize>, drop_records: bool) -> Self {
        Intake {
            corpus: Corpus::default(),
            spill_above,
            drop_records,
            handled: 0,
            forms: normalize::FormInput::new(),
            store: None,
            error: None,
            mention_seconds: 0.0,
            chunk: SPILL_CHUNK,
        }
    }

    /// Finds the mentions of the documents not yet handled and moves their texts to the
    /// store.
    fn spill_pending(&mut self) -> Result<(), StoreError> {
        let t = std::time::Instant::now();
        if self.store.is_none() {
            self.store = Some(DocStore::new()?);
        }
        let store = self.store.as_mut().expect("a store was made");
        let pending = &mut self.corpus.documents[self.handled..];
        for d in pending.chunks_mut(self.chunk) {
            let found: Vec<Vec<Mention>> = d.par_iter().map(normalize::find_mentions).collect();
            for (d, m) in d.iter().zip(&found) {
                self.forms.push_document(&d.source, m);
            }
            store.append_found(&found)?;
            let texts: Vec<String> = d.iter_mut().map(|d| std::mem::take(&mut d.text)).collect();
            store.append_texts(&texts)?;
            self.handled += d.len();
        }
        self.mention_seconds += t.elapsed().as_secs_f64();
        Ok(())
    }
}

impl crate::ingest::Sink for Intake {
    fn document(&mut self, mut d: Document) {
        if self.error.is_some() {
            // The analysis ends with the error: nothing more is kept.
            return;
        }
        if self.drop_records {
            d.drop_ingest_records();
        }
        self.corpus.documents.push(d);
        let n = self.corpus.documents.len();
        let spilling = self.store.is_some() || self.spill_above.is_some_and(|a| n > a);
        if spilling && n - self.handled >= self.chunk {
            self.error = self.spill_pending().err();
        }
    }
    fn skipped(&mut self, s: crate::model::Skipped) {
        self.corpus.skipped.push(s);
    }
}

/// [`analyse_observed`] of what an [`Intake`] read: the stages after ingest, the mentions
/// of documents already spilled while reading being found already. Fails when the store's
/// temporary files could not be made or written (`$TMPDIR` missing, a full disk).
pub fn analyse_intake(
    mut intake: Intake,
    opts: &Options,
    observe: &mut dyn FnMut(&'static str, f64),
) -> Result<Analysis, StoreError> {
    let mut clock = std::time::Instant::now();
    let mut lap = |stage: &'static str| {
        observe(stage, clock.elapsed().as_secs_f64());
        clock = std::time::Instant::now();
    };
    if let Some(e) = intake.error.take() {
        return Err(e);
    }
    let n = intake.corpus.documents.len();
    if intake.store.is_some() || intake.spill_above.is_some_and(|a| n > a) {
        intake.spill_pending()?;
    }
    let Intake {
        mut corpus,
        forms,
        mut store,
        ..
    } = intake;
    // Per-document lists live to the end (reconcile and the report read them): no spare
    // capacity is kept (a vector grown by pushing has a quarter spare on average). When
    // spilled, the mentions wait in the store and only their name forms are here.
    let mut mentions: Vec<Vec<Mention>> = match &store {
        Some(_) => Vec::new(),
        None => corpus
            .documents
            .par_iter()
            .map(|d| tight(normalize::find_mentions(d)))
            .collect(),
    };
    lap("mentions");
    let docs = &corpus.documents;
    // Spilled: resolution reads the name forms pushed as the mentions were found.
    let mut resolution = store
        .is_some()
        .then(|| normalize::resolve_forms(forms, &opts.resolve));
    let entities = match &mut resolution {
        Some(r) => std::mem::take(&mut r.entities),
        None => normalize::resolve(docs, &mut mentions, &opts.resolve),
    };
    lap("resolve");
    let mut claims: Vec<Vec<Claim>> = match (&mut store, &resolution) {
        // Each chunk's mentions are read back and resolved, and its mentions and claims go
        // to the store as its claims are extracted (the texts read back), so that neither
        // is ever all in memory; only what event linking reads of them stays.
        (Some(store), Some(resolution)) => {
            let n = docs.len();
            mentions.reserve_exact(n);
            let mut linked = Vec::with_capacity(n);
            let mut bases = rustc_hash::FxHashSet::default();
            for at in (0..n).step_by(SPILL_CHUNK) {
                let done: Vec<(Vec<u8>, Vec<Mention>, Vec<Claim>)> = (at..n.min(at + SPILL_CHUNK))
                    .into_par_iter()
                    .map(|i| {
                        let mut m = store.found(i);
                        resolution.apply(i, &mut m);
                        let d = Document {
                            text: store.text(i),
                            ..docs[i].clone()
                        };
                        let c = extract::extract_claims(&d, &m);
                        (
                            store::encode(&m, &c),
                            linked_mentions(&m),
                            linked_claims(&docs[i], &c),
                        )
                    })
                    .collect();
                let records: Vec<Vec<u8>> = done
                    .into_iter()
                    .map(|(record, mut lm, lc)| {
                        share_bases(&mut lm, &mut bases);
                        mentions.push(lm);
                        linked.push(lc);
                        record
                    })
                    .collect();
                store.append_records(&records)?;
            }
            store.drop_found()?;
            linked
        }
        _ => docs
            .par_iter()
            .zip(mentions.par_iter())
            .map(|(d, m)| tight(extract::extract_claims(d, m)))
            .collect(),
    };
    drop(resolution);
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

    Ok(Analysis {
        corpus,
        mentions,
        entities,
        claims,
        duplicates,
        events,
        store: store.map(Arc::new),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Sink;

    /// Event linking reads an undated document's earliest stated date: that claim alone is
    /// kept, with its value; a dated document keeps none.
    #[test]
    fn only_an_undated_documents_earliest_date_is_kept_for_linking() {
        let date = |value: Option<&str>| {
            let mut c = crate::reconcile::test_claim(extract::ClaimKind::Date, "on", "It was on.");
            c.date = value.map(|v| extract::DateValue {
                text: "on".into(),
                value: Some(v.into()),
                granularity: "day".into(),
                relative: None,
                inferred: false,
            });
            c
        };
        let crowd = crate::reconcile::test_claim(extract::ClaimKind::Crowd, "300", "300 came.");
        let claims = [
            date(Some("2021-03-12")),
            crowd,
            date(Some("2020")),
            date(Some("2020-01-03")),
            date(Some("2020-05-05")),
            date(None),
        ];
        let mut doc = crate::ingest::document_from_text("x", "Some text.");
        let kept = linked_claims(&doc, &claims);
        assert_eq!(kept.len(), 1);
        let value = kept[0].date.as_ref().and_then(|d| d.value.as_deref());
        assert_eq!(value, Some("2020-01-03"));
        assert!(kept[0].sentence.is_empty() && kept[0].phrase.is_empty());
        doc.published = Some(jiff::civil::date(2021, 3, 13));
        assert!(linked_claims(&doc, &claims).is_empty());
    }

    /// Documents handed to an intake that spills while reading, a few at a time, give the
    /// report of the same corpus analysed in memory, byte for byte.
    #[test]
    fn an_intake_spilling_while_reading_gives_the_report_in_memory() {
        let (articles, _) = crate::corpus_gen::generate(&crate::corpus_gen::RealisticOptions {
            articles: 300,
            seed: 9,
            ..Default::default()
        });
        let jsonl = crate::corpus_gen::to_jsonl(&articles);
        let mut corpus = Corpus::default();
        crate::ingest::read_bytes("g.jsonl", &jsonl, &Default::default(), &mut corpus);
        corpus.skipped.push(crate::model::Skipped {
            source: "x".into(),
            reason: "a reason".into(),
        });
        let opts = Options::default();
        let json = |a: &Analysis| crate::report::json::render(&crate::report::build(a)).unwrap();
        let in_memory = json(&analyse(corpus.clone(), &opts));
        let mut intake = Intake::new(Some(100), false);
        intake.chunk = 64;
        corpus
            .documents
            .iter()
            .for_each(|d| intake.document(d.clone()));
        corpus
            .skipped
            .iter()
            .for_each(|s| intake.skipped(s.clone()));
        // Spilled as read: the first 101 documents when the 101st came, then 64 at a time.
        assert_eq!(intake.handled, 101 + 3 * 64);
        let (spilled, held) = intake.corpus.documents.split_at(293);
        assert!(spilled.iter().all(|d| d.text.is_empty()));
        assert!(held.iter().all(|d| !d.text.is_empty()));
        let spilled = analyse_intake(intake, &opts, &mut |_, _| {}).unwrap();
        assert!(spilled.store.is_some() && spilled.mentions.is_empty());
        assert!(in_memory.contains("\"discrepancy\""));
        assert!(json(&spilled) == in_memory, "the spilled report differs");
    }
}
