//! Event linking: reports of one real-world event across outlets, and events into stories.
//!
//! Pair score (every part in 0..1, see [`LinkOptions`] for the weights):
//!
//! ```text
//! content = w_text * cos(TF-IDF terms) + w_names * cos(IDF-weighted names) + w_places * overlap(places)
//! score   = content * date_factor(days apart)
//! date_factor(d) = 1 for d <= 2 days, exp(-(d - 2) / 4) beyond; when either date is
//!                  unknown, 0.5 if the years the texts name rule out one event
//!                  (`years_disagree`), else 1
//! ```
//!
//! Each term vector is expanded by its nearest neighbours ([`Model::expand`],
//! [`LinkOptions::expand_neighbours`]; 0 turns it off), and two reports are compared without
//! what they lent each other, so they meet through the neighbours they share (on ECB+ the
//! held-out B-cubed F1 rises from 0.864 to 0.902; tests/accuracy/events.md).
//!
//! News reports of one event are published within a day or two of it; a report a week later
//! is a follow-up or another occurrence (the second Sunday march), and months apart is
//! another event. Dates come from the publication date, else a day-precise date claim, else the
//! first absolute date in the text.
//!
//! Candidates come from an inverted index over each document's strongest terms and names
//! (never all pairs); postings longer than [`LinkOptions::max_posting`] are skipped as too
//! common to identify an event. As a corpus grows, most terms pass that cap, so such a term
//! that is still rare in any one week is also posted by date window (eight days wide, each
//! window paired with itself and the next, the same cap inside it), and two dated reports at
//! most [`LinkOptions::max_event_span_days`] apart that share
//! [`LinkOptions::window_min_shared`] such terms or names are candidates too
//! ([`Model::windowed_candidates`]): without it, a million realistic articles gave 998,413
//! events for 285,862 planted. Events are formed by average-link agglomerative clustering
//! (missing edges count as 0, which guards against chaining: a document joins a cluster only
//! if it is close to most of its members), with a hard guard that no event spans more than
//! [`LinkOptions::max_event_span_days`] between its dated reports, and a day guard: an event
//! whose day is anchored by a report with a stated date whose lead names that weekday takes no
//! undated report whose lead names another weekday (`same_day`). Events are then grouped
//! into stories by the same clustering on `content` alone (without expansion), at a lower
//! threshold, without the date guard: a story is the longer thread several events belong to.

use super::dates::{first_date, years_in_text};
use super::passages::align;
use super::terms::{
    DocTerms, Idf, Packed, Sparse, TermInterner, cosine, cosine_of, norm_of, unit,
    unsorted_doc_terms,
};
use super::tokens::{Word, intersection_len, intersection_len_by, shingles, words};
use super::{Docs, Event, Events, LinkEvidence, Story};
use crate::extract::{Claim, ClaimKind};
use crate::model::Document;
use crate::normalize::{EntityKind, Mention};
use jiff::civil::{Date, Weekday};
use rayon::prelude::*;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};
use xxhash_rust::xxh3::xxh3_64;

/// Event-linking parameters. The thresholds were chosen on ECB+ (see `concord eval events`
/// and tests/accuracy/events.md), never on the seeds.
#[derive(Debug, Clone)]
pub struct LinkOptions {
    pub w_text: f64,
    pub w_names: f64,
    pub w_places: f64,
    /// Average-link threshold on `score` for one event.
    pub event_threshold: f64,
    /// Average-link threshold on `content` for one story.
    pub story_threshold: f64,
    /// Reports of one event are published within this many days of each other.
    pub max_event_span_days: i64,
    /// Neighbours each document borrows terms from ([`Model::expand`]); 0 turns it off.
    pub expand_neighbours: usize,
    /// Weight of the neighbours' mean against the document's own vector.
    pub expand_weight: f64,
    /// Neighbours less similar than this (term cosine) are not borrowed from.
    pub expand_min_similarity: f64,
    /// Date factor for two undated reports whose texts name only different years.
    pub year_mismatch_factor: f64,
    /// Terms per document put in the candidate index.
    pub index_terms: usize,
    /// Terms and names in more documents than this make no candidate pairs (see
    /// [`Model::candidates`] for the arithmetic).
    pub max_posting: usize,
    /// Neighbours dated further apart than [`LinkOptions::max_event_span_days`] lend no
    /// words in [`Model::expand`].
    pub expand_within_span: bool,
    /// Lists longer than `max_posting` are posted by date window when the corpus's dated
    /// reports name them at most this many times a window on average: names and words
    /// that are rare in any one week but not over the years ([`Model::windowed_candidates`]).
    pub window_density: f64,
    /// Two reports are a windowed candidate pair when they share at least this many such
    /// lists (one shared name may make two: its rare word and the whole name).
    pub window_min_shared: usize,
}

impl Default for LinkOptions {
    fn default() -> Self {
        LinkOptions {
            w_text: 0.5,
            w_names: 0.4,
            w_places: 0.1,
            event_threshold: 0.28,
            story_threshold: 0.1,
            max_event_span_days: 7,
            year_mismatch_factor: 0.5,
            expand_neighbours: 5,
            expand_weight: 2.0,
            expand_min_similarity: 0.05,
            index_terms: 40,
            max_posting: 32,
            expand_within_span: true,
            window_density: 0.5,
            window_min_shared: 2,
        }
    }
}

/// Where a document's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum DateFrom {
    Published,
    PublishedInferred,
    Claim,
    Text,
}

/// What linking knows about one document.
#[derive(Debug, Clone)]
struct Features {
    terms: Sparse,
    /// `terms` expanded by neighbours, when [`Model::expand`] ran.
    expanded: Option<Expanded>,
    /// The norm of the document's name vector: the vector itself (the IDF weights of the
    /// names of its [`NameBag`], divided by this) is made where a pair score reads it
    /// ([`Model::names_cosine`]), not held for every document.
    names_norm: f64,
    date: Option<(Date, DateFrom)>,
    /// Years the text mentions, plus the year of `date`, sorted (a few per document: a
    /// vector costs a tenth of a tree).
    years: Vec<i16>,
    /// The weekday the lead names, if any.
    lead_weekday: Option<jiff::civil::Weekday>,
}

/// A term vector expanded by its neighbours ([`Model::expand`]), kept unnormalised with
/// what each neighbour lent, so a pair can be compared without what the two lent each other.
#[derive(Debug, Clone)]
struct Expanded {
    /// `terms + sum(lent_j * terms_j)`, packed: these are the longest vectors linking holds
    /// (half as long again as the documents' own), for every document while pairs are scored.
    vec: Packed,
    /// `|vec|^2`.
    norm2: f64,
    /// `vec . terms` (the document's own normalised vector).
    own: f64,
    /// (neighbour, weight it lent), sorted by neighbour.
    lenders: Vec<(u32, f64)>,
}

impl Expanded {
    fn lent_by(&self, j: u32) -> f64 {
        self.lenders
            .binary_search_by_key(&j, |x| x.0)
            .map_or(0.0, |i| self.lenders[i].1)
    }
}

/// How much of the start of an article counts as its lead.
const LEAD_BYTES: usize = 700;

/// The first weekday named in the lead ("on Saturday", "quipped Tuesday", "Tuesday's
/// interview"): the day of the event a news lead reports. Used as positive evidence only:
/// penalising leads that name different weekdays was measured on ECB+ and merged more
/// topics' two events (22.7% -> 27.3% on the held-out half), so it is not done.
fn lead_weekday(text: &str) -> Option<jiff::civil::Weekday> {
    use jiff::civil::Weekday::*;
    const DAYS: &[(&str, jiff::civil::Weekday)] = &[
        ("Monday", Monday),
        ("Tuesday", Tuesday),
        ("Wednesday", Wednesday),
        ("Thursday", Thursday),
        ("Friday", Friday),
        ("Saturday", Saturday),
        ("Sunday", Sunday),
    ];
    let mut end = text.len().min(LEAD_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let lead = &text[..end];
    DAYS.iter()
        .filter_map(|(name, day)| {
            lead.match_indices(name)
                .find(|(i, _)| {
                    let before = lead[..*i].chars().next_back();
                    let after = lead[i + name.len()..].chars().next();
                    !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric)
                })
                .map(|(i, _)| (i, *day))
        })
        .min_by_key(|(i, _)| *i)
        .map(|(_, d)| d)
}

/// Do two reports, at least one of them undated, name years that rule out one event? Both
/// must name some year. When one report has a publication date (stated or inferred by
/// ingest), the other must name that date's year: the other years a report names are
/// background (the treaty of 1999, the annexation of 2014), and sharing one shows a shared
/// story, not a shared event. A date found only in the text may itself be background, so
/// without a publication date any common year will do (ECB+, which has none, is untouched).
fn years_disagree(a: &Features, b: &Features) -> bool {
    if a.years.is_empty() || b.years.is_empty() {
        return false;
    }
    let published = |f: &Features| match f.date {
        Some((d, DateFrom::Published | DateFrom::PublishedInferred)) => Some(d.year()),
        _ => None,
    };
    let names = |f: &Features, y: Option<i16>| f.years.binary_search(&y.unwrap_or(0)).is_ok();
    match (a.date, b.date) {
        (Some(_), None) if published(a).is_some() => !names(b, published(a)),
        (None, Some(_)) if published(b).is_some() => !names(a, published(b)),
        _ => intersection_len(&a.years, &b.years) == 0,
    }
}

/// One document's terms while the corpus is read: content terms as (provisional id from a
/// [`TermInterner`], count), names and places as (provisional name key id, surface id), each
/// key once, with the text's names in key order and the normalizer's entities after them.
#[derive(Debug, Default)]
pub(super) struct Bag {
    terms: Vec<(u32, u32)>,
    names: Vec<(u32, u32)>,
    places: Vec<(u32, u32)>,
}

impl Bag {
    /// A document's bag from its terms, interned in `interner` as soon as they are made: as
    /// strings, all the corpus's bags were most of event linking's peak (the names' trees of
    /// owned strings alone were 4 KB a document, 40% of the events stage's peak at 100,000
    /// articles).
    pub(super) fn new(terms: DocTerms, interner: &TermInterner) -> Self {
        let d = interner.add_doc(terms);
        Bag {
            terms: d.terms,
            names: d.names,
            places: d.places,
        }
    }
}

/// A document's names and places for evidence and story labels: (id in the name
/// vocabulary, id of the surface form the document first gives it), sorted by name id,
/// which is the order of the name keys (see [`Idf::fit`]). Eight bytes a name, where a
/// tree of owned key and surface strings took about 120.
#[derive(Debug, Clone, Default)]
struct NameBag {
    names: Vec<(u32, u32)>,
    places: Vec<(u32, u32)>,
}

/// The fitted model of a corpus: vocabularies and per-document features.
pub struct Model {
    term_idf: Idf,
    /// Per term id, the plainest word the corpus gives for that stem: evidence shows
    /// "country", not the stem "countri".
    term_words: Vec<Box<str>>,
    name_idf: Idf,
    /// [`Idf::raw_weight`] of each name id (a name counts once in a document).
    name_weights: Vec<f32>,
    /// The distinct surface forms of names, indexed by [`NameBag`]'s surface ids.
    surfaces: Vec<Box<str>>,
    bags: Vec<NameBag>,
    features: Vec<Features>,
}

/// The parts of one pair score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Parts {
    pub text: f64,
    pub names: f64,
    pub places: f64,
    pub content: f64,
    /// `content` with the reports' own words only (no neighbour expansion): stories are
    /// grouped on it, as a loose threshold on expanded vectors joins every report of a place.
    pub story: f64,
    pub days_apart: Option<i64>,
    pub date_factor: f64,
    pub score: f64,
}

fn doc_date(doc: &Document, text: &str, claims: &[Claim]) -> Option<(Date, DateFrom)> {
    if let Some(d) = doc.published {
        let from = if doc.published_inferred {
            DateFrom::PublishedInferred
        } else {
            DateFrom::Published
        };
        return Some((d, from));
    }
    let claimed = claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Date)
        .filter_map(|c| c.date.as_ref()?.value.as_deref()?.parse::<Date>().ok())
        .min();
    if let Some(d) = claimed {
        return Some((d, DateFrom::Claim));
    }
    first_date(text).map(|d| (d, DateFrom::Text))
}

impl Model {
    /// Builds features for `docs`; `mentions` and `claims` are used when present (indexed like
    /// `docs`; shorter or empty slices are fine).
    pub fn fit(docs: &[Document], mentions: &[Vec<Mention>], claims: &[Vec<Claim>]) -> Self {
        let interner = TermInterner::default();
        let bags: Vec<Bag> = docs
            .par_iter()
            .map(|d| Bag::new(unsorted_doc_terms(&d.text), &interner))
            .collect();
        Self::from_text_bags(&Docs::new(docs, None), bags, interner, mentions, claims)
    }

    /// [`Model::fit`] from the bags of `docs` ([`Bag::new`] of each text's terms, interned
    /// in `interner`).
    pub(super) fn from_text_bags(
        docs: &Docs<'_>,
        mut bags: Vec<Bag>,
        interner: TermInterner,
        mentions: &[Vec<Mention>],
        claims: &[Vec<Claim>],
    ) -> Self {
        // Canonical entities from the name normalizer join the names found in the text, each
        // key with the first surface form the document gives it. A document names an entity
        // many times: the key is made in one buffer, and whether the document already has it
        // is a mark by key id (the document's number) rather than a search.
        let mut interner = interner;
        let table = interner.names_mut();
        let mut key = String::new();
        let (mut named, mut placed): (Vec<u32>, Vec<u32>) = (Vec::new(), Vec::new());
        for (d, (bag, ms)) in bags.iter_mut().zip(mentions).enumerate() {
            let stamp = d as u32 + 1;
            if ms.iter().all(|m| m.entity.is_none()) {
                continue;
            }
            let mark = |marks: &mut Vec<u32>, k: u32| {
                if marks.len() <= k as usize {
                    marks.resize(k as usize + 1, 0);
                }
                std::mem::replace(&mut marks[k as usize], stamp) != stamp
            };
            for &(k, _) in &bag.names {
                mark(&mut named, k);
            }
            for &(k, _) in &bag.places {
                mark(&mut placed, k);
            }
            for m in ms {
                let Some(id) = &m.entity else { continue };
                key.clear();
                key.push_str("entity:");
                key.push_str(id);
                let k = table.key(&key);
                if mark(&mut named, k) {
                    bag.names.push((k, table.surface(&m.base)));
                }
                if m.kind == EntityKind::Place && mark(&mut placed, k) {
                    bag.places.push((k, table.surface(&m.base)));
                }
            }
        }
        Self::from_bags(docs, bags, interner, claims)
    }

    /// A copy with the neighbour expansion undone (to report the plain term cosine beside).
    pub fn clone_without_expansion(&self) -> Self {
        Model {
            term_idf: self.term_idf.clone(),
            term_words: self.term_words.clone(),
            name_idf: self.name_idf.clone(),
            name_weights: self.name_weights.clone(),
            surfaces: self.surfaces.clone(),
            bags: self.bags.clone(),
            features: self
                .features
                .iter()
                .map(|f| Features {
                    expanded: None,
                    ..f.clone()
                })
                .collect(),
        }
    }

    fn from_bags(
        docs: &Docs<'_>,
        mut bags: Vec<Bag>,
        interner: TermInterner,
        claims: &[Vec<Claim>],
    ) -> Self {
        let (term_idf, term_words, remap, table) = interner.finish_with_names();
        let (surfaces, keys) = table.finish();
        // The name vocabulary: the keys some document names, with ids in key order, as
        // `Idf::fit` over the documents' name keys gives it (each bag holds a key once).
        let mut df = vec![0u32; keys.len()];
        for b in &bags {
            for &(k, _) in &b.names {
                df[k as usize] += 1;
            }
        }
        let mut order: Vec<u32> = (0..keys.len() as u32)
            .filter(|&k| df[k as usize] > 0)
            .collect();
        order.sort_unstable_by(|&a, &b| keys[a as usize].cmp(&keys[b as usize]));
        let mut name_ids = vec![u32::MAX; keys.len()];
        for (new, &old) in order.iter().enumerate() {
            name_ids[old as usize] = new as u32;
        }
        let name_idf = Idf::from_sorted(
            order
                .iter()
                .map(|&k| (keys[k as usize].to_string(), df[k as usize])),
            bags.len() as u32,
        );
        drop((keys, df, order));
        let name_weights: Vec<f32> = (0..name_idf.len() as u32)
            .map(|k| name_idf.raw_weight(k, 1))
            .collect();
        let (features, names): (Vec<Features>, Vec<NameBag>) = bags
            .par_iter_mut()
            .enumerate()
            .map(|(i, b)| {
                // Only vectors and ids are kept: the strings are most of a bag's memory.
                let Bag {
                    terms,
                    names,
                    places,
                } = std::mem::take(b);
                let text = docs.text(i);
                let claims = claims.get(i).map(Vec::as_slice).unwrap_or(&[]);
                let date = doc_date(&docs[i], &text, claims);
                let mut years: Vec<i16> = years_in_text(&text).into_iter().collect();
                if let Some(y) = date.map(|d| d.0.year())
                    && let Err(at) = years.binary_search(&y)
                {
                    years.insert(at, y);
                }
                years.shrink_to_fit();
                let lead_weekday = lead_weekday(&text);
                // Keys by their vocabulary ids (places outside it, were there any, dropped),
                // sorted: the order of the keys.
                let ids = |mut v: Vec<(u32, u32)>| -> Vec<(u32, u32)> {
                    v.retain_mut(|x| {
                        x.0 = name_ids[x.0 as usize];
                        x.0 != u32::MAX
                    });
                    v.sort_unstable_by_key(|x| x.0);
                    v
                };
                let bag = NameBag {
                    names: ids(names),
                    places: ids(places),
                };
                let features = Features {
                    // Made in the bag's own memory (the pairs are the same size).
                    terms: term_idf
                        .vector_of_ids(terms.into_iter().map(|(t, n)| (remap[t as usize], n))),
                    expanded: None,
                    names_norm: norm_of(bag.names.iter().map(|&(k, _)| name_weights[k as usize])),
                    date,
                    years,
                    lead_weekday,
                };
                (features, bag)
            })
            .unzip();
        Model {
            term_idf,
            term_words,
            name_idf,
            name_weights,
            surfaces,
            bags: names,
            features,
        }
    }

    /// Frees what only the pair scores read (the expanded vectors), once every candidate
    /// pair is scored.
    fn scored(&mut self) {
        for f in &mut self.features {
            f.expanded = None;
        }
    }

    /// The score parts of a scored pair, made again from what its [`Edge`] keeps (the
    /// expanded vectors may be gone): the same functions of the same inputs.
    fn edge_parts(&self, e: &Edge, o: &LinkOptions) -> Parts {
        let p = self.parts_with(e.a as usize, e.b as usize, e.text, f64::NAN, o);
        debug_assert_eq!(p.score.to_bits(), e.score.to_bits());
        Parts {
            story: e.story,
            ..p
        }
    }

    /// Cosine of the IDF-weighted name vectors of documents `i` and `j` ([`Idf::vector`] of
    /// their name keys, each counted once), from their [`NameBag`]s: the same products in
    /// the same order, so the same sum bit for bit.
    fn names_cosine(&self, i: usize, j: usize) -> f64 {
        let (a, b) = (&self.bags[i].names, &self.bags[j].names);
        let (na, nb) = (self.features[i].names_norm, self.features[j].names_norm);
        let (mut x, mut y, mut s) = (0, 0, 0.0f64);
        while x < a.len() && y < b.len() {
            match a[x].0.cmp(&b[y].0) {
                std::cmp::Ordering::Less => x += 1,
                std::cmp::Ordering::Greater => y += 1,
                std::cmp::Ordering::Equal => {
                    let w = self.name_weights[a[x].0 as usize];
                    s += unit(w, na) as f64 * unit(w, nb) as f64;
                    x += 1;
                    y += 1;
                }
            }
        }
        s
    }

    /// Document expansion by neighbours (pseudo-relevance feedback, Rocchio 1971; as
    /// document expansion, Tao et al. 2006, "Language model information retrieval with
    /// document expansion"): each term vector becomes itself plus `weight` times the
    /// similarity-weighted mean of its `k` nearest neighbours (by term cosine, among the
    /// candidate pairs, and only those at least [`LinkOptions::expand_min_similarity`] close,
    /// so a report with no close companion borrows nothing) and of no neighbour dated more
    /// than [`LinkOptions::max_event_span_days`] away (with [`LinkOptions::expand_within_span`]:
    /// a report of another day tells of another event). Short reports borrow the vocabulary
    /// of their closest companions, so two reports of one event that happen to use different
    /// words still meet through the reports they both resemble; pairs are compared without
    /// what they lent each other ([`Model::expanded_cosine`]).
    pub fn expand(&mut self, k: usize, weight: f64, o: &LinkOptions) {
        if k == 0 || weight <= 0.0 {
            return;
        }
        let pairs = self.candidates(o);
        self.expand_over(&pairs, k, weight, o);
    }

    /// [`Model::expand`] over candidate pairs already found.
    fn expand_over(&mut self, pairs: &[(u32, u32)], k: usize, weight: f64, o: &LinkOptions) {
        if k == 0 || weight <= 0.0 {
            return;
        }
        let far = |a: u32, b: u32| match (
            self.features[a as usize].date,
            self.features[b as usize].date,
        ) {
            (Some((x, _)), Some((y, _))) => (x - y).get_days().abs() as i64 > o.max_event_span_days,
            _ => false,
        };
        // Each document's `k` nearest, most similar first (ties to the lower id: a total
        // order, as each neighbour comes once), kept as the pairs' similarities are made a
        // block at a time: the first `k` of all its neighbours sorted, without a list of
        // every pair's similarity and every document's neighbours (which were held at once).
        let n = self.len();
        let mut near: Vec<(f64, u32)> = vec![(0.0, u32::MAX); n * k];
        let mut count = vec![0usize; n];
        let before =
            |x: &(f64, u32), y: &(f64, u32)| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).is_lt();
        for block in pairs.chunks(1 << 16) {
            let sims: Vec<(u32, u32, f64)> = block
                .par_iter()
                .copied()
                .filter(|&(a, b)| !(o.expand_within_span && far(a, b)))
                .map(|(a, b)| {
                    let c = cosine(
                        &self.features[a as usize].terms,
                        &self.features[b as usize].terms,
                    );
                    (a, b, c)
                })
                .filter(|x| x.2 > 0.0)
                .collect();
            for (a, b, c) in sims {
                for (d, x) in [(a, (c, b)), (b, (c, a))] {
                    let d = d as usize;
                    let top = &mut near[d * k..(d + 1) * k];
                    let len = count[d];
                    if len == k && !before(&x, &top[k - 1]) {
                        continue;
                    }
                    let at = top[..len].partition_point(|y| before(y, &x));
                    let end = len.min(k - 1);
                    top.copy_within(at..end, at + 1);
                    top[at] = x;
                    count[d] = (len + 1).min(k);
                }
            }
        }
        let terms = self.term_idf.len();
        let expanded: Vec<Expanded> = (0..n)
            .into_par_iter()
            .map_init(
                || Accumulator::new(terms),
                |acc, i| {
                    let mut ns = near[i * k..i * k + count[i]].to_vec();
                    ns.retain(|x| x.0 >= o.expand_min_similarity);
                    let total: f64 = ns.iter().map(|x| x.0).sum();
                    let own = &self.features[i].terms;
                    for &(t, w) in own {
                        acc.add(t, w as f64);
                    }
                    let mut lenders = Vec::with_capacity(ns.len());
                    for (c, j) in &ns {
                        let lent = weight * c / total;
                        lenders.push((*j, lent));
                        for &(t, w) in &self.features[*j as usize].terms {
                            acc.add(t, lent * w as f64);
                        }
                    }
                    lenders.sort_by_key(|x| x.0);
                    let vec: Sparse = acc.take();
                    Expanded {
                        norm2: cosine(&vec, &vec),
                        own: cosine(&vec, own),
                        vec: Packed::new(&vec),
                        lenders,
                    }
                },
            )
            .collect();
        for (f, e) in self.features.iter_mut().zip(expanded) {
            f.expanded = Some(e);
        }
    }

    /// Cosine of two expanded vectors, each without what the other document lent it: two
    /// reports come closer only through the neighbours they share, never by lending each
    /// other their own words (which in a small corpus made any two related reports look
    /// alike: in fixtures/link the accord signing and the interview days later).
    /// `side` gives dot products with `i`'s vectors (`x` is `i`'s expansion) and `own_text`
    /// is the cosine of the two documents' own vectors.
    fn expanded_cosine(
        &self,
        (i, j): (usize, usize),
        (x, y): (&Expanded, &Expanded),
        side: &impl Side,
        own_text: f64,
    ) -> f64 {
        let mut dot = side.expanded(y.vec.iter());
        let (mut nx, mut ny) = (x.norm2, y.norm2);
        let (wx, wy) = (x.lent_by(j as u32), y.lent_by(i as u32));
        if wx > 0.0 || wy > 0.0 {
            let tj = &self.features[j].terms;
            // <x - wx tj, y - wy ti> and the two norms, from dot products of the parts.
            dot = dot - wy * x.own - wx * y.own + wx * wy * own_text;
            nx += -2.0 * wx * side.expanded(tj.iter().copied()) + wx * wx;
            ny += -2.0 * wy * side.own(y.vec.iter()) + wy * wy;
        }
        dot / (nx.max(1e-12) * ny.max(1e-12)).sqrt()
    }

    pub fn len(&self) -> usize {
        self.features.len()
    }
    pub fn is_empty(&self) -> bool {
        self.features.is_empty()
    }

    /// The score parts of documents `i` and `j`.
    pub fn parts(&self, i: usize, j: usize, o: &LinkOptions) -> Parts {
        self.parts_against(&Merged(&self.features[i]), i, j, o)
    }

    /// [`Model::parts`], with the dot products against `i`'s vectors from `side`.
    fn parts_against(&self, side: &impl Side, i: usize, j: usize, o: &LinkOptions) -> Parts {
        let (a, b) = (&self.features[i], &self.features[j]);
        let own_text = side.own(b.terms.iter().copied());
        let text = match (&a.expanded, &b.expanded) {
            (Some(x), Some(y)) => self.expanded_cosine((i, j), (x, y), side, own_text),
            _ => own_text,
        };
        self.parts_with(i, j, text, own_text, o)
    }

    /// The score parts of documents `i` and `j` from their text similarities (expanded and
    /// own): the names, places and dates are read from the model.
    fn parts_with(&self, i: usize, j: usize, text: f64, own_text: f64, o: &LinkOptions) -> Parts {
        let (a, b) = (&self.features[i], &self.features[j]);
        let names = self.names_cosine(i, j);
        let (pa, pb) = (&self.bags[i].places, &self.bags[j].places);
        let places = if pa.is_empty() || pb.is_empty() {
            0.0
        } else {
            let shared = intersection_len_by(pa, pb, |x| &x.0) as f64;
            shared / pa.len().min(pb.len()) as f64
        };
        let content = o.w_text * text + o.w_names * names + o.w_places * places;
        let story = o.w_text * own_text + o.w_names * names + o.w_places * places;
        let days_apart = match (a.date, b.date) {
            (Some((x, _)), Some((y, _))) => Some((x - y).get_days().abs() as i64),
            _ => None,
        };
        // Both leads name the same weekday, and it is the weekday of the one report's date:
        // specific evidence of one day, which outweighs the background years below.
        let day_agrees = a.lead_weekday.is_some()
            && a.lead_weekday == b.lead_weekday
            && match (a.date, b.date) {
                (Some((d, _)), None) | (None, Some((d, _))) => a.lead_weekday == Some(d.weekday()),
                _ => false,
            };
        let date_factor = match days_apart {
            Some(d) if d <= 2 => 1.0,
            Some(d) => (-((d - 2) as f64) / 4.0).exp(),
            None if day_agrees => 1.0,
            // Without two dates, two reports that name only different years are unlikely to
            // tell of one event.
            None if years_disagree(a, b) => o.year_mismatch_factor,
            None => 1.0,
        };
        Parts {
            text,
            names,
            places,
            content,
            story,
            days_apart,
            date_factor,
            score: content * date_factor,
        }
    }

    /// A document's lists in the candidate index: its strongest `index_terms` terms, ties
    /// to the lower id (a total order, so selecting the first `index_terms` gives the same
    /// set as sorting all), then its names (list `terms + name id`). Made again where they
    /// are read rather than held.
    fn index_lists(
        &self,
        d: usize,
        o: &LinkOptions,
        top: &mut Vec<(u32, f32)>,
        out: &mut Vec<usize>,
    ) {
        let terms = self.term_idf.len();
        top.clear();
        top.extend_from_slice(&self.features[d].terms);
        let by = |x: &(u32, f32), y: &(u32, f32)| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0));
        if top.len() > o.index_terms && o.index_terms > 0 {
            top.select_nth_unstable_by(o.index_terms - 1, by);
        }
        out.clear();
        out.extend(top.iter().take(o.index_terms).map(|x| x.0 as usize));
        out.extend(self.bags[d].names.iter().map(|x| terms + x.0 as usize));
    }

    /// Candidate pairs from an inverted index over each document's strongest terms and its
    /// names; sorted and de-duplicated.
    ///
    /// A term's posting of `p` documents yields `p (p - 1) / 2` pairs, so a few common terms
    /// make the index all pairs (on 2,000 realistic articles with postings up to 512 long,
    /// 1.87 million candidates of the 2 million pairs). Postings longer than
    /// [`LinkOptions::max_posting`] (`cap`, a document-frequency cap) are therefore skipped:
    /// each document sits in at most `index_terms + names` postings and gains at most
    /// `cap - 1` partners from each, so there are at most `n (index_terms + names) (cap - 1)
    /// / 2` candidates, linear in `n`. The cap is a count, not a share of the corpus: a share
    /// grows with `n` and brings the quadratic growth back. A term in more than 32 reports
    /// names a story, a country or a genre ("police", "Belarus"), not one event: the reports
    /// of one event, a handful of outlets, still meet on their rarer shared terms and names.
    ///
    /// But as a corpus grows, every term of a finite vocabulary passes the cap: at a million
    /// realistic articles over six years nearly no posting was short, and 998,413 events
    /// were found for 285,862 planted. So the lists too long corpus-wide are also posted by
    /// date window ([`Model::windowed_candidates`]): a square or an organiser named in
    /// hundreds of reports over six years is named in a few in one week, which is where the
    /// reports of one event are. Undated documents keep to the corpus-wide postings (pairing
    /// them with every dated report of a term would be quadratic again).
    pub fn candidates(&self, o: &LinkOptions) -> Vec<(u32, u32)> {
        let cap = o.max_posting;
        let n = self.features.len();
        // Postings are indexed by list: term ids, then name ids after them.
        let lists = self.term_idf.len() + self.name_idf.len();
        let mut top: Vec<(u32, f32)> = Vec::new();
        let mut of_doc: Vec<usize> = Vec::new();
        let mut len = vec![0u32; lists + 1];
        for d in 0..n {
            self.index_lists(d, o, &mut top, &mut of_doc);
            for &l in &of_doc {
                len[l] += 1;
            }
        }
        let mut windowed =
            self.windowed_candidates(o, |l| (len[l] as usize > cap).then_some(len[l]));
        // Only the lists that make pairs are listed: neither alone nor longer than the cap
        // (most of the corpus's entries are in the long lists of common terms and names).
        // Flat, made to size: list `l` is `docs[start[l]..start[l + 1]]`, its documents in
        // increasing order; each document's such lists after `doc_end[d - 1]` in `doc_lists`.
        let short = |x: u32| x >= 2 && x as usize <= cap;
        let mut start = len;
        let mut at = 0u32;
        for x in &mut start {
            let l = if short(*x) { *x } else { 0 };
            *x = at;
            at += l;
        }
        let mut docs = vec![0u32; at as usize];
        let mut doc_lists: Vec<u32> = Vec::with_capacity(at as usize);
        let mut doc_end: Vec<usize> = Vec::with_capacity(n);
        let mut fill = start.clone();
        for d in 0..n {
            self.index_lists(d, o, &mut top, &mut of_doc);
            for &l in &of_doc {
                if start[l + 1] > start[l] {
                    docs[fill[l] as usize] = d as u32;
                    fill[l] += 1;
                    doc_lists.push(l as u32);
                }
            }
            doc_end.push(doc_lists.len());
        }
        drop(fill);
        // Each document's later partners over its lists and its windowed pairs, sorted and
        // de-duplicated: the pairs come sorted, without the corpus's pairs listed once per
        // shared list and then sorted.
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        let mut partners: Vec<u32> = Vec::new();
        let mut w = 0;
        for d in 0..n {
            partners.clear();
            let from = if d == 0 { 0 } else { doc_end[d - 1] };
            for &l in &doc_lists[from..doc_end[d]] {
                let list = &docs[start[l as usize] as usize..start[l as usize + 1] as usize];
                let after = list.partition_point(|&x| x <= d as u32);
                partners.extend_from_slice(&list[after..]);
            }
            while w < windowed.len() && windowed[w].0 == d as u32 {
                partners.push(windowed[w].1);
                w += 1;
            }
            partners.sort_unstable();
            partners.dedup();
            pairs.extend(partners.iter().map(|&b| (d as u32, b)));
        }
        windowed.clear();
        pairs
    }

    /// Pairs of dated documents at most [`LinkOptions::max_event_span_days`] apart that
    /// share at least [`LinkOptions::window_min_shared`] lists that are `long` corpus-wide
    /// (`long(l)` is the list's length then), bursty (named on average at most
    /// [`LinkOptions::window_density`] times a window) and short (at most
    /// [`LinkOptions::max_posting`] documents) in their date windows; sorted and
    /// de-duplicated.
    ///
    /// Windows are `max_event_span_days + 1` days wide, so two reports that may be of one
    /// event are in one window or in two neighbouring ones: each window's postings are
    /// paired with themselves and with the next window's. A document gains at most `cap`
    /// partners from each of its window's and the two neighbours' postings, so the pairs
    /// stay linear in `n` as long as the reports of a week are bounded; a list named by more
    /// than `cap` reports in one window makes no pairs there. Windows are paired in
    /// parallel, each holding only its own and the next window's postings.
    ///
    /// Why the two further conditions: candidates are also what keeps reports of different
    /// events apart (on the realistic corpus two reports of one kind of event share most of
    /// their words, and score above the event threshold whatever their names). Posting
    /// every long list by window paired the reports of a week that share a city or a
    /// common word: at 20,000 articles 3,495 events for 5,695 planted (B-cubed F1 0.996 ->
    /// 0.819). Only lists rare over the years are posted (a city or a kind of event is named
    /// every week), and a pair must share more than one: a landmark from a finite list is
    /// now and then named by two events of one week. With a density of 0.5 the B-cubed F1
    /// at 20,000 / 100,000 / 300,000 articles is 0.984 / 0.992 / 0.993 sharing two lists,
    /// 0.989 / - / - sharing three, 0.996 / - / 0.923 sharing four (0.996 / 0.996 / 0.923
    /// with the corpus-wide postings alone).
    fn windowed_candidates(
        &self,
        o: &LinkOptions,
        long: impl Fn(usize) -> Option<u32> + Sync,
    ) -> Vec<(u32, u32)> {
        let cap = o.max_posting;
        let span = o.max_event_span_days.max(0);
        let epoch = Date::constant(1970, 1, 1);
        let day = |d: u32| {
            self.features[d as usize]
                .date
                .map(|(x, _)| (x - epoch).get_days() as i64)
        };
        let mut dated: Vec<(i64, u32)> = (0..self.len() as u32)
            .filter_map(|d| Some((day(d)?.div_euclid(span + 1), d)))
            .collect();
        dated.sort_unstable();
        let windows: Vec<&[(i64, u32)]> = dated.chunk_by(|x, y| x.0 == y.0).collect();
        // Lists named on average at most `window_density` times a window: rare in a week,
        // where a list named every week would pair reports of different events.
        let most = o.window_density * windows.len() as f64;
        let bursty = |l: usize| long(l).is_some_and(|df| df as f64 <= most);
        let near = |a: u32, b: u32| match (day(a), day(b)) {
            (Some(x), Some(y)) => (x - y).abs() <= span,
            _ => false,
        };
        let per_window: Vec<Vec<(u32, u32)>> = (0..windows.len())
            .into_par_iter()
            .map_init(
                || (Vec::new(), Vec::new()),
                |(top, of_doc), i| {
                    let this = windows[i];
                    let next = windows
                        .get(i + 1)
                        .filter(|w| w[0].0 == this[0].0 + 1)
                        .copied()
                        .unwrap_or(&[]);
                    // (list, in the next window, document): sorted, each list's documents
                    // of this window, then of the next, in increasing order.
                    let mut entries: Vec<(u32, bool, u32)> = Vec::new();
                    for (later, docs) in [(false, this), (true, next)] {
                        for &(_, d) in docs {
                            self.index_lists(d as usize, o, top, of_doc);
                            entries.extend(
                                of_doc
                                    .iter()
                                    .filter(|&&l| bursty(l))
                                    .map(|&l| (l as u32, later, d)),
                            );
                        }
                    }
                    entries.sort_unstable();
                    let mut pairs: Vec<(u32, u32)> = Vec::new();
                    for list in entries.chunk_by(|x, y| x.0 == y.0) {
                        let (here, there) = list.split_at(list.partition_point(|x| !x.1));
                        if here.is_empty() || here.len() > cap {
                            continue;
                        }
                        let there = if there.len() <= cap { there } else { &[] };
                        for (k, &(_, _, a)) in here.iter().enumerate() {
                            for &(_, _, b) in here[k + 1..].iter().chain(there) {
                                if near(a, b) {
                                    pairs.push((a.min(b), a.max(b)));
                                }
                            }
                        }
                    }
                    // Each pair is listed once per list it shares (in one window's job only).
                    pairs.sort_unstable();
                    pairs
                        .chunk_by(|x, y| x == y)
                        .filter(|g| g.len() >= o.window_min_shared)
                        .map(|g| g[0])
                        .collect::<Vec<_>>()
                },
            )
            .collect();
        let mut pairs: Vec<(u32, u32)> = per_window.into_iter().flatten().collect();
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }

    /// Terms both documents share, strongest first.
    fn shared_terms(&self, i: usize, j: usize, n: usize) -> Vec<String> {
        let (a, b) = (&self.features[i].terms, &self.features[j].terms);
        let mut shared: Vec<(f32, u32)> = Vec::new();
        let (mut x, mut y) = (0, 0);
        while x < a.len() && y < b.len() {
            match a[x].0.cmp(&b[y].0) {
                std::cmp::Ordering::Less => x += 1,
                std::cmp::Ordering::Greater => y += 1,
                std::cmp::Ordering::Equal => {
                    shared.push((a[x].1 * b[y].1, a[x].0));
                    x += 1;
                    y += 1;
                }
            }
        }
        // A total order (ids are distinct): the first `n` chosen, then sorted, are the first
        // `n` of the whole list sorted, without sorting the rest.
        let by = |p: &(f32, u32), q: &(f32, u32)| q.0.total_cmp(&p.0).then(p.1.cmp(&q.1));
        if shared.len() > n && n > 0 {
            shared.select_nth_unstable_by(n - 1, by);
            shared.truncate(n);
        }
        shared.sort_unstable_by(by);
        shared
            .into_iter()
            .take(n)
            .map(|(_, t)| self.term_words[t as usize].to_string())
            .collect()
    }

    /// Names (surface forms) both documents give, rarest first.
    fn shared_names(&self, i: usize, j: usize, places: bool) -> Vec<String> {
        let (a, b) = if places {
            (&self.bags[i].places, &self.bags[j].places)
        } else {
            (&self.bags[i].names, &self.bags[j].names)
        };
        // Each key's weight is looked up once, not at every comparison of the sort. Ids are
        // in key order, so ties go to the first key as they did by string.
        let mut shared: Vec<(f64, u32, u32)> = a
            .iter()
            .filter(|(k, _)| b.binary_search_by_key(k, |x| x.0).is_ok())
            .map(|&(k, s)| (self.name_idf.weight_of_id(k), k, s))
            .collect();
        shared.sort_by(|p, q| q.0.total_cmp(&p.0).then(p.1.cmp(&q.1)));
        // Several keys can share one surface form (a name's words and the whole name): list
        // each form once (one form, one id).
        let mut seen = rustc_hash::FxHashSet::default();
        shared
            .into_iter()
            .filter(|(_, _, s)| seen.insert(*s))
            .map(|(_, _, s)| self.surfaces[s as usize].to_string())
            .collect()
    }
}

/// Average-link agglomerative clustering over a sparse graph. `start` gives the initial
/// clusters (singletons or events); `edges` are document-level scores (missing pairs count as
/// 0); `may_merge` can veto a merge. Deterministic: ties go to the smaller cluster ids.
fn average_link(
    start: Vec<Vec<u32>>,
    n_docs: usize,
    edges: &[(u32, u32, f64)],
    threshold: f64,
    may_merge: impl Fn(&[u32], &[u32]) -> bool,
) -> Vec<Vec<u32>> {
    let mut owner = vec![u32::MAX; n_docs];
    for (c, members) in start.iter().enumerate() {
        for &d in members {
            owner[d as usize] = c as u32;
        }
    }
    let mut clusters: Vec<Option<Vec<u32>>> = start.into_iter().map(Some).collect();
    let mut version = vec![0u32; clusters.len()];
    // Summed document scores between clusters.
    let mut sums: Vec<BTreeMap<u32, f64>> = vec![BTreeMap::new(); clusters.len()];
    for &(a, b, s) in edges {
        let (ca, cb) = (owner[a as usize], owner[b as usize]);
        if ca == u32::MAX || cb == u32::MAX || ca == cb {
            continue;
        }
        *sums[ca as usize].entry(cb).or_default() += s;
        *sums[cb as usize].entry(ca).or_default() += s;
    }
    // Scores as integers (1e-9 steps) make the heap order total and reproducible.
    type Item = (i64, Reverse<u32>, Reverse<u32>, u32, u32);
    let key = |s: f64| (s * 1e9).round() as i64;
    let avg = |clusters: &[Option<Vec<u32>>], sums: &[BTreeMap<u32, f64>], a: u32, b: u32| {
        let (na, nb) = (
            clusters[a as usize].as_ref().map_or(0, Vec::len),
            clusters[b as usize].as_ref().map_or(0, Vec::len),
        );
        sums[a as usize].get(&b).copied().unwrap_or(0.0) / (na * nb).max(1) as f64
    };
    let mut heap: BinaryHeap<Item> = BinaryHeap::new();
    for a in 0..sums.len() as u32 {
        for &b in sums[a as usize].keys() {
            if a < b {
                let s = avg(&clusters, &sums, a, b);
                if s >= threshold {
                    heap.push((key(s), Reverse(a), Reverse(b), 0, 0));
                }
            }
        }
    }
    while let Some((_, Reverse(a), Reverse(b), va, vb)) = heap.pop() {
        if version[a as usize] != va || version[b as usize] != vb {
            continue;
        }
        let (Some(ma), Some(mb)) = (&clusters[a as usize], &clusters[b as usize]) else {
            continue;
        };
        if !may_merge(ma, mb) {
            continue;
        }
        let mb = clusters[b as usize].take().expect("checked above");
        clusters[a as usize]
            .as_mut()
            .expect("checked above")
            .extend(mb);
        version[a as usize] += 1;
        version[b as usize] += 1;
        let from_b = std::mem::take(&mut sums[b as usize]);
        for (c, s) in from_b {
            sums[c as usize].remove(&b);
            if c == a {
                continue;
            }
            *sums[a as usize].entry(c).or_default() += s;
            *sums[c as usize].entry(a).or_default() += s;
        }
        sums[a as usize].remove(&b);
        let neighbours: Vec<u32> = sums[a as usize].keys().copied().collect();
        for c in neighbours {
            let s = avg(&clusters, &sums, a, c);
            if s >= threshold {
                let (x, y) = (a.min(c), a.max(c));
                heap.push((
                    key(s),
                    Reverse(x),
                    Reverse(y),
                    version[x as usize],
                    version[y as usize],
                ));
            }
        }
    }
    let mut out: Vec<Vec<u32>> = clusters
        .into_iter()
        .flatten()
        .map(|mut c| {
            c.sort_unstable();
            c
        })
        .collect();
    out.sort();
    out
}

/// Sums of weights by term id, in an array indexed by term with the touched ids listed (a
/// tree of the sums cost a search per addition). Each sum adds its terms in the order given,
/// from 0.0, as the tree's entries did, so the sums are the same bit for bit.
struct Accumulator {
    sums: Vec<f64>,
    touched: Vec<u32>,
    seen: Vec<bool>,
}

impl Accumulator {
    fn new(terms: usize) -> Self {
        Accumulator {
            sums: vec![0.0; terms],
            touched: Vec::new(),
            seen: vec![false; terms],
        }
    }

    fn add(&mut self, t: u32, w: f64) {
        let i = t as usize;
        if !self.seen[i] {
            self.seen[i] = true;
            self.touched.push(t);
        }
        self.sums[i] += w;
    }

    /// The sums by term id, in id order, as a vector of `f32` weights; clears them.
    fn take(&mut self) -> Sparse {
        self.touched.sort_unstable();
        let out = self
            .touched
            .iter()
            .map(|&t| (t, self.sums[t as usize] as f32))
            .collect();
        for &t in &self.touched {
            self.sums[t as usize] = 0.0;
            self.seen[t as usize] = false;
        }
        self.touched.clear();
        out
    }
}

/// A scored candidate pair.
///
/// Only what clustering reads and what the rest of its [`Parts`] cannot be made again from
/// once the expanded vectors are gone (the text similarity; [`Model::edge_parts`] gives the
/// rest): 32 bytes, where the parts took 80, for every candidate pair.
struct Edge {
    a: u32,
    b: u32,
    /// [`Parts::text`], [`Parts::story`] and [`Parts::score`].
    text: f64,
    story: f64,
    score: f64,
}

/// Dot products with one document's own term vector and its expansion (the first document
/// of a pair: every sparse product of a pair score has one of these on one side).
/// The other side's vector comes as its entries in id order (a [`Sparse`] or [`Packed`]).
trait Side {
    fn own(&self, v: impl IntoIterator<Item = (u32, f32)>) -> f64;
    fn expanded(&self, v: impl IntoIterator<Item = (u32, f32)>) -> f64;
}

/// [`Side`] by merging the two sparse vectors ([`cosine`]).
struct Merged<'a>(&'a Features);

impl Side for Merged<'_> {
    fn own(&self, v: impl IntoIterator<Item = (u32, f32)>) -> f64 {
        cosine_of(self.0.terms.iter().copied(), v)
    }
    fn expanded(&self, v: impl IntoIterator<Item = (u32, f32)>) -> f64 {
        self.0
            .expanded
            .as_ref()
            .map_or(0.0, |x| cosine_of(x.vec.iter(), v))
    }
}

/// [`Side`] with the document's vectors scattered into arrays indexed by term, for a
/// document scored against many partners: a product then reads only the partner's vector,
/// where merging also read the document's (its expansion is several reports long). The sum
/// is the same, bit for bit: it runs over the partner's terms in id order, as the merge does
/// over the shared ones, and the others add products of zero.
struct Scattered {
    own: Vec<f64>,
    expanded: Vec<f64>,
}

impl Scattered {
    fn new(terms: usize) -> Self {
        Scattered {
            own: vec![0.0; terms],
            expanded: vec![0.0; terms],
        }
    }

    /// Holds `f`'s vectors (`clear` with the same `f` before holding another's).
    fn hold(&mut self, f: &Features) {
        for &(t, w) in &f.terms {
            self.own[t as usize] = w as f64;
        }
        for (t, w) in f.expanded.iter().flat_map(|x| x.vec.iter()) {
            self.expanded[t as usize] = w as f64;
        }
    }

    fn clear(&mut self, f: &Features) {
        for &(t, _) in &f.terms {
            self.own[t as usize] = 0.0;
        }
        for (t, _) in f.expanded.iter().flat_map(|x| x.vec.iter()) {
            self.expanded[t as usize] = 0.0;
        }
    }

    fn dot(dense: &[f64], v: impl IntoIterator<Item = (u32, f32)>) -> f64 {
        let mut s = 0.0f64;
        for (t, w) in v {
            s += dense[t as usize] * w as f64;
        }
        s
    }
}

impl Side for Scattered {
    fn own(&self, v: impl IntoIterator<Item = (u32, f32)>) -> f64 {
        Self::dot(&self.own, v)
    }
    fn expanded(&self, v: impl IntoIterator<Item = (u32, f32)>) -> f64 {
        Self::dot(&self.expanded, v)
    }
}

/// The score parts of the pair `key` (`key.0 < key.1`), if it was scored: edges are sorted
/// by pair ([`scored_edges`]), so a binary search replaces a map of them.
fn edge_at(edges: &[Edge], key: (u32, u32)) -> Option<&Edge> {
    edges
        .binary_search_by_key(&key, |e| (e.a, e.b))
        .ok()
        .map(|i| &edges[i])
}

/// Scores every candidate pair (in parallel); pairs with no content in common are dropped.
/// The pairs come sorted, so each document's pairs with its later partners are a run scored
/// against its vectors held once ([`Scattered`]), and the edges come sorted by pair.
///
/// The runs are scored a block at a time into one vector made for every pair, so the edges
/// are held once (collecting all the runs' vectors and then their concatenation held them
/// twice, the events stage's peak).
fn scored_edges(model: &Model, pairs: &[(u32, u32)], o: &LinkOptions) -> Vec<Edge> {
    const BLOCK: usize = 4096;
    let terms = model.term_idf.len();
    let runs: Vec<&[(u32, u32)]> = pairs.chunk_by(|x, y| x.0 == y.0).collect();
    let mut edges: Vec<Edge> = Vec::with_capacity(pairs.len());
    for block in runs.chunks(BLOCK) {
        let scored: Vec<Vec<Edge>> = block
            .par_iter()
            .map_init(
                || Scattered::new(terms),
                |side, run| {
                    let first = &model.features[run[0].0 as usize];
                    side.hold(first);
                    let edges: Vec<Edge> = run
                        .iter()
                        .map(|&(a, b)| (a, b, model.parts_against(side, a as usize, b as usize, o)))
                        .filter(|(_, _, p)| p.content > 0.0)
                        .map(|(a, b, p)| Edge {
                            a,
                            b,
                            text: p.text,
                            story: p.story,
                            score: p.score,
                        })
                        .collect();
                    side.clear(first);
                    edges
                },
            )
            .collect();
        edges.extend(scored.into_iter().flatten());
    }
    edges.shrink_to_fit();
    debug_assert!(edges.is_sorted_by_key(|e| (e.a, e.b)));
    edges
}

/// Clusters documents into events (lists of document indices, sorted).
pub fn cluster_events(model: &Model, o: &LinkOptions) -> Vec<Vec<u32>> {
    let edges = scored_edges(model, &model.candidates(o), o);
    event_clusters(model, &edges, o)
}

fn event_clusters(model: &Model, edges: &[Edge], o: &LinkOptions) -> Vec<Vec<u32>> {
    let n = model.len();
    let weighted: Vec<(u32, u32, f64)> = edges.iter().map(|e| (e.a, e.b, e.score)).collect();
    let anchors = day_anchors(model, edges, o);
    let span_ok = |a: &[u32], b: &[u32]| {
        let dates = a
            .iter()
            .chain(b)
            .filter_map(|&d| model.features[d as usize].date.map(|x| x.0));
        let (lo, hi) = dates.fold((None::<Date>, None::<Date>), |(lo, hi), d| {
            (
                Some(lo.map_or(d, |l| l.min(d))),
                Some(hi.map_or(d, |h| h.max(d))),
            )
        });
        match (lo, hi) {
            (Some(l), Some(h)) => ((h - l).get_days() as i64) <= o.max_event_span_days,
            _ => true,
        }
    };
    average_link(
        (0..n as u32).map(|i| vec![i]).collect(),
        n,
        &weighted,
        o.event_threshold,
        |a, b| span_ok(a, b) && same_day(model, &anchors, a, b),
    )
}

/// The weekday of the event each report tells, where a stated date fixes it: a report with a
/// stated publication date whose lead names a weekday, and an undated report whose lead names
/// that same weekday and that links to such a report above the event threshold (it will take
/// the event's date). Computed before clustering, so the order of merges does not matter.
fn day_anchors(model: &Model, edges: &[Edge], o: &LinkOptions) -> Vec<Option<Weekday>> {
    let stated = |d: u32| {
        let f = &model.features[d as usize];
        match f.date {
            Some((_, DateFrom::Published)) => f.lead_weekday,
            _ => None,
        }
    };
    let mut out: Vec<Option<Weekday>> = (0..model.len() as u32).map(stated).collect();
    for e in edges.iter().filter(|e| e.score >= o.event_threshold) {
        for (u, x) in [(e.a, e.b), (e.b, e.a)] {
            let f = &model.features[u as usize];
            if f.date.is_none() && f.lead_weekday.is_some() && f.lead_weekday == stated(x) {
                out[u as usize] = f.lead_weekday;
            }
        }
    }
    out
}

/// Does no undated report of the merged cluster name another weekday in its lead than the
/// event's day ([`day_anchors`])? An undated report whose lead names another weekday reports
/// another day's news: the follow-up interview, not the protest ("quipped Tuesday" against
/// "on Saturday"). Only stated publication dates anchor a day, so a corpus without them
/// (ECB+) is untouched by this rule; the pair rule for any two leads naming different
/// weekdays was measured there and did harm (see [`lead_weekday`]).
fn same_day(model: &Model, anchors: &[Option<Weekday>], a: &[u32], b: &[u32]) -> bool {
    let members = || a.iter().chain(b).map(|&d| d as usize);
    let days: Vec<Weekday> = members().filter_map(|d| anchors[d]).collect();
    days.is_empty()
        || members()
            .filter(|&d| anchors[d].is_none() && model.features[d].date.is_none())
            .filter_map(|d| model.features[d].lead_weekday)
            .all(|w| days.contains(&w))
}

fn stable_id(prefix: &str, parts: impl Iterator<Item = String>) -> String {
    let joined: Vec<String> = parts.collect();
    format!(
        "{prefix}{:012x}",
        xxh3_64(joined.join("\n").as_bytes()) >> 16
    )
}

/// Links reports into events and events into stories, with evidence for every link.
pub fn link(
    docs: &[Document],
    mentions: &[Vec<Mention>],
    claims: &[Vec<Claim>],
    o: &LinkOptions,
) -> Events {
    link_model(
        &Docs::new(docs, None),
        Model::fit(docs, mentions, claims),
        o,
    )
}

/// [`link`] with the model fitted.
pub(super) fn link_model(docs: &Docs<'_>, mut model: Model, o: &LinkOptions) -> Events {
    // One candidate search serves the expansion and the scores.
    let pairs = model.candidates(o);
    model.expand_over(&pairs, o.expand_neighbours, o.expand_weight, o);
    let edges = scored_edges(&model, &pairs, o);
    drop(pairs);
    model.scored();
    let events = event_clusters(&model, &edges, o);
    let n = model.len();

    // Stories: the same clustering over events, on content alone.
    let content: Vec<(u32, u32, f64)> = edges.iter().map(|e| (e.a, e.b, e.story)).collect();
    let stories = average_link(events.clone(), n, &content, o.story_threshold, |_, _| true);

    // Events are built independently (their evidence aligns passages): across the cores,
    // collected in order.
    let mut out_events: Vec<Event> = events
        .par_iter()
        .map(|members| build_event(docs, &model, members, &edges, o))
        .collect();
    let mut out_stories: Vec<Story> = Vec::new();
    // A story's events are the events all of whose documents it holds. Only an event that
    // shares a document with the story (or an empty one) can be: they are found through the
    // events holding each document, not by testing every event against every story, which
    // at a million articles (285,000 events, 63,000 stories) ran for hours.
    let mut holding: Vec<(u32, u32)> = events
        .iter()
        .enumerate()
        .flat_map(|(i, m)| m.iter().map(move |&d| (d, i as u32)))
        .collect();
    holding.sort_unstable();
    let empty: Vec<usize> = (0..events.len())
        .filter(|&i| events[i].is_empty())
        .collect();
    for members in &stories {
        let mut ev: Vec<usize> = empty.clone();
        for &d in members {
            let from = holding.partition_point(|&(x, _)| x < d);
            let held = holding[from..].iter().take_while(|&&(x, _)| x == d);
            ev.extend(held.map(|&(_, i)| i as usize));
        }
        ev.sort_unstable();
        ev.dedup();
        ev.retain(|&i| events[i].iter().all(|d| members.binary_search(d).is_ok()));
        if ev.len() < 2 {
            continue;
        }
        let mut ids: Vec<String> = ev.iter().map(|&i| out_events[i].id.clone()).collect();
        ids.sort();
        let id = stable_id("s", ids.iter().cloned());
        for &i in &ev {
            out_events[i].story = Some(id.clone());
        }
        out_stories.push(Story {
            label: story_label(&model, members),
            id,
            events: ids,
        });
    }
    out_events.sort_by(|x, y| {
        (x.date.is_none(), x.date, &x.sources).cmp(&(y.date.is_none(), y.date, &y.sources))
    });
    // Stories list their events in the events' order.
    let order: BTreeMap<&str, usize> = out_events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    for s in &mut out_stories {
        s.events.sort_by_key(|e| order.get(e.as_str()).copied());
    }
    out_stories.sort_by(|x, y| {
        x.events
            .first()
            .map(|e| order.get(e.as_str()))
            .cmp(&y.events.first().map(|e| order.get(e.as_str())))
    });
    Events {
        events: out_events,
        stories: out_stories,
    }
}

/// The names most of a story's documents give (display forms), at most three.
fn story_label(model: &Model, members: &[u32]) -> String {
    // Name ids are in key order, so ties go to the first key as they did by string.
    let mut count: BTreeMap<u32, (usize, u32)> = BTreeMap::new();
    for &d in members {
        for &(k, surface) in &model.bags[d as usize].names {
            let e = count.entry(k).or_insert((0, surface));
            e.0 += 1;
        }
    }
    let mut ranked: Vec<(u32, usize, u32)> =
        count.into_iter().map(|(k, (c, s))| (k, c, s)).collect();
    ranked.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    ranked
        .into_iter()
        .take(3)
        .map(|x| model.surfaces[x.2 as usize].to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// An event from its member documents: date, sources and the maximum spanning tree of its
/// links as evidence (every member is tied in by its strongest link).
fn build_event(
    docs: &Docs<'_>,
    model: &Model,
    members: &[u32],
    edges: &[Edge],
    o: &LinkOptions,
) -> Event {
    let mut sources: Vec<String> = members
        .iter()
        .map(|&d| docs[d as usize].source.clone())
        .collect();
    sources.sort();
    let dated: Vec<(Date, DateFrom)> = members
        .iter()
        .filter_map(|&d| model.features[d as usize].date)
        .collect();
    // The earliest stated publication date; else the earliest date of any kind (inferred).
    let stated = dated
        .iter()
        .filter(|d| d.1 == DateFrom::Published)
        .map(|d| d.0)
        .min();
    let (date, date_inferred) = match stated {
        Some(d) => (Some(d), false),
        None => (dated.iter().map(|d| d.0).min(), !dated.is_empty()),
    };

    // Prim's algorithm on the strongest links, from the first member. Each member's words
    // and shingles are read once, though it may be in several links.
    let mut tokens: BTreeMap<usize, Tokens> = BTreeMap::new();
    let mut evidence = Vec::new();
    let mut inside: BTreeSet<u32> = members.iter().take(1).copied().collect();
    while inside.len() < members.len() {
        let best = members
            .iter()
            .filter(|d| !inside.contains(d))
            .flat_map(|&d| {
                inside.iter().filter_map(move |&c| {
                    let key = (c.min(d), c.max(d));
                    edge_at(edges, key).map(|e| (e.score, key, d))
                })
            })
            .max_by(|x, y| x.0.total_cmp(&y.0).then(y.1.cmp(&x.1)));
        let Some((_, (a, b), d)) = best else {
            // Members with no direct link (possible in average-link) are added without one.
            inside.extend(members.iter().copied());
            break;
        };
        inside.insert(d);
        evidence.push(evidence_for(
            docs,
            model,
            a,
            b,
            &model.edge_parts(edge_at(edges, (a, b)).expect("a scored pair"), o),
            &mut tokens,
        ));
    }
    evidence.sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
    Event {
        id: stable_id("e", sources.iter().cloned()),
        sources,
        date,
        date_inferred,
        story: None,
        evidence,
    }
}

fn evidence_for(
    docs: &Docs<'_>,
    model: &Model,
    a: u32,
    b: u32,
    p: &Parts,
    tokens: &mut BTreeMap<usize, Tokens>,
) -> LinkEvidence {
    // `a` is the first by source, whatever the input order.
    let (a, b) = if docs[a as usize].source <= docs[b as usize].source {
        (a as usize, b as usize)
    } else {
        (b as usize, a as usize)
    };
    let date = |i: usize| model.features[i].date.map(|d| d.0);
    let r = |x: f64| (x * 1000.0).round() / 1000.0;
    LinkEvidence {
        a: docs[a].source.clone(),
        b: docs[b].source.clone(),
        score: r(p.score),
        text_similarity: r(p.text),
        name_overlap: r(p.names),
        place_overlap: r(p.places),
        date_factor: r(p.date_factor),
        days_apart: p.days_apart,
        date_a: date(a),
        date_b: date(b),
        shared_terms: model.shared_terms(a, b, 8),
        shared_entities: model
            .shared_names(a, b, false)
            .into_iter()
            .take(8)
            .collect(),
        shared_places: model.shared_names(a, b, true),
        shared_passages: shared_passages(docs, a, b, tokens),
    }
}

/// A document's words and their shingles.
type Tokens = (Vec<Word>, Vec<u64>);

/// Word-for-word passages two reports share, with the dedup stage's shingles and minimum;
/// `tokens` keeps each document's words and shingles for its other links.
fn shared_passages(
    docs: &Docs<'_>,
    a: usize,
    b: usize,
    tokens: &mut BTreeMap<usize, Tokens>,
) -> Vec<super::Passage> {
    let o = super::DedupOptions::default();
    for i in [a, b] {
        tokens.entry(i).or_insert_with(|| {
            let w = words(&docs.text(i));
            let s = shingles(&w, o.shingle_words);
            (w, s)
        });
    }
    let ((wa, sa), (wb, sb)) = (&tokens[&a], &tokens[&b]);
    align(sa, wa, sb, wb, o.shingle_words, o.min_passage_words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn average_link_does_not_chain() {
        // 0-1 and 1-2 are close, 0-2 unrelated: average link keeps 2 out of {0, 1}.
        let edges = [(0, 1, 0.9), (1, 2, 0.5)];
        let c = average_link(vec![vec![0], vec![1], vec![2]], 3, &edges, 0.4, |_, _| true);
        assert_eq!(c, vec![vec![0, 1], vec![2]]);
        // Single link would have joined all three.
        let c = average_link(vec![vec![0], vec![1], vec![2]], 3, &edges, 0.2, |_, _| true);
        assert_eq!(c, vec![vec![0, 1, 2]]);
    }

    #[test]
    fn an_undated_report_of_another_weekday_stays_out_of_a_dated_event() {
        let protest = "Thousands marched in Varnel on Saturday against the harbour closure \
                       ordered by governor Adric Palm, chanting and waving flags.";
        let text = [
            protest,
            protest,
            "Governor Adric Palm defended the harbour closure on Tuesday, days after \
             thousands marched in Varnel against it waving flags.",
        ];
        let docs: Vec<Document> = text
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mut d = crate::ingest::document_from_text(&format!("{i}.txt"), t);
                // 2024-03-02 is a Saturday; the other two reports are undated.
                d.published = (i == 0).then(|| Date::constant(2024, 3, 2));
                d
            })
            .collect();
        let o = LinkOptions::default();
        let model = Model::fit(&docs, &[], &[]);
        // The Tuesday report is close enough in words to join on content alone.
        let undated = Model::fit(&docs[1..], &[], &[]);
        assert!(undated.parts(0, 1, &o).score >= o.event_threshold);
        assert_eq!(cluster_events(&undated, &o), vec![vec![0, 1]]);
        // With the Saturday report dated, the Tuesday one is another day's news.
        assert_eq!(cluster_events(&model, &o), vec![vec![0, 1], vec![2]]);
    }

    /// A fitted model of realistic articles (event clusters, planted copies), with dates.
    fn realistic_model(n: usize) -> Model {
        Model::fit(&crate::link::tests::realistic_docs(n, 3), &[], &[])
    }

    /// Candidates as the rules say, by listing every posting and testing every pair: the
    /// pairs of each corpus-wide posting of 2..=cap documents, and the dated pairs at most
    /// the span apart that share enough long, bursty lists short in both their windows.
    fn candidates_by_rule(model: &Model, o: &LinkOptions) -> Vec<(u32, u32)> {
        let n = model.len();
        let cap = o.max_posting;
        let lists: Vec<BTreeSet<(bool, u32)>> = (0..n)
            .map(|d| {
                let mut top = model.features[d].terms.clone();
                top.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
                let terms = top.iter().take(o.index_terms).map(|&(t, _)| (false, t));
                let names = model.bags[d].names.iter().map(|&(k, _)| (true, k));
                terms.chain(names).collect()
            })
            .collect();
        let day = |d: usize| {
            let epoch = Date::constant(1970, 1, 1);
            model.features[d]
                .date
                .map(|x| (x.0 - epoch).get_days() as i64)
        };
        let window = |d: usize| day(d).map(|x| x.div_euclid(o.max_event_span_days + 1));
        let mut postings: BTreeMap<(bool, u32), Vec<u32>> = BTreeMap::new();
        let mut windowed: BTreeMap<((bool, u32), i64), usize> = BTreeMap::new();
        for (d, l) in lists.iter().enumerate() {
            for &k in l {
                postings.entry(k).or_default().push(d as u32);
                if let Some(w) = window(d) {
                    *windowed.entry((k, w)).or_default() += 1;
                }
            }
        }
        let windows: BTreeSet<i64> = (0..n).filter_map(window).collect();
        let most = o.window_density * windows.len() as f64;
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for a in 0..n {
            for b in a + 1..n {
                let short = lists[a].intersection(&lists[b]).any(|k| {
                    let p = postings[k].len();
                    p <= cap
                });
                let (Some(x), Some(y)) = (day(a), day(b)) else {
                    if short {
                        pairs.push((a as u32, b as u32));
                    }
                    continue;
                };
                let (wa, wb) = (window(a).unwrap(), window(b).unwrap());
                let bursty = lists[a]
                    .intersection(&lists[b])
                    .filter(|&&k| {
                        let p = postings[&k].len();
                        p > cap
                            && p as f64 <= most
                            && windowed[&(k, wa)] <= cap
                            && windowed[&(k, wb)] <= cap
                    })
                    .count();
                if short
                    || ((x - y).abs() <= o.max_event_span_days && bursty >= o.window_min_shared)
                {
                    pairs.push((a as u32, b as u32));
                }
            }
        }
        pairs
    }

    #[test]
    fn candidates_are_the_pairs_that_share_a_short_posting() {
        let model = realistic_model(300);
        let o = LinkOptions::default();
        let pairs = candidates_by_rule(&model, &o);
        assert!(pairs.len() > 300, "{} pairs", pairs.len());
        assert_eq!(model.candidates(&o), pairs);
        // With a lower cap, many lists are long corpus-wide and some pairs come only from
        // the windowed postings.
        let low = LinkOptions {
            max_posting: 6,
            window_min_shared: 2,
            ..LinkOptions::default()
        };
        let global_only = LinkOptions {
            window_density: 0.0,
            ..low.clone()
        };
        let (with, without) = (model.candidates(&low), model.candidates(&global_only));
        assert_eq!(with, candidates_by_rule(&model, &low));
        assert_eq!(without, candidates_by_rule(&model, &global_only));
        let gained = with
            .iter()
            .filter(|p| without.binary_search(p).is_err())
            .count();
        assert!(gained > 20, "{gained} pairs from the windows");
    }

    #[test]
    fn windowed_postings_pair_reports_of_one_week_a_global_cap_misses() {
        // 140 reports, two a day ten days apart (70 windows). Four made-up words are in the
        // first 35: more than the cap of 32 corpus-wide, but at most one report in two
        // windows on average, and only the two reports of one day name them in a week.
        let shared = "zorblat quenmor virdashk plontevy";
        let docs: Vec<Document> = (0..140u32)
            .map(|i| {
                let letter = |x: u32| char::from(b'a' + (x % 26) as u8);
                let own = format!("kwa{}{}ep", letter(i / 26), letter(i));
                let text = if i < 35 {
                    format!("{shared} {own}.")
                } else {
                    format!("{own}.")
                };
                let mut d = crate::ingest::document_from_text(&format!("{i}.txt"), &text);
                d.published = Date::constant(2024, 1, 1)
                    .checked_add(jiff::Span::new().days(10 * (i / 2) as i64))
                    .ok();
                d
            })
            .collect();
        let model = Model::fit(&docs, &[], &[]);
        let o = LinkOptions::default();
        let same_day: Vec<(u32, u32)> = (0..17).map(|k| (2 * k, 2 * k + 1)).collect();
        assert_eq!(model.candidates(&o), same_day);
        assert_eq!(candidates_by_rule(&model, &o), same_day);
        // Without the windows, the global cap makes no pair; nor does a pair share five.
        let global_only = LinkOptions {
            window_density: 0.0,
            ..LinkOptions::default()
        };
        assert!(model.candidates(&global_only).is_empty());
        let five = LinkOptions {
            window_min_shared: 5,
            ..LinkOptions::default()
        };
        assert!(model.candidates(&five).is_empty());
    }

    #[test]
    fn name_similarity_is_the_cosine_of_the_name_vectors() {
        let model = realistic_model(200);
        let vector = |d: usize| {
            let names = model.bags[d].names.iter().map(|&(k, _)| (k, 1));
            model.name_idf.vector_of_ids(names)
        };
        let mut shared = 0;
        for i in 0..model.len() {
            for j in i + 1..model.len() {
                let c = cosine(&vector(i), &vector(j));
                assert_eq!(model.names_cosine(i, j).to_bits(), c.to_bits());
                shared += usize::from(c > 0.0);
            }
        }
        assert!(shared > 100, "{shared} pairs share a name");
    }

    #[test]
    fn a_veto_keeps_clusters_apart() {
        let edges = [(0, 1, 0.9)];
        let c = average_link(vec![vec![0], vec![1]], 2, &edges, 0.4, |_, _| false);
        assert_eq!(c, vec![vec![0], vec![1]]);
    }
}
