//! Stage 5: align comparable claims within an event and classify them into findings.
//!
//! Each rule lives in its own file and turns the claims (or mentions) of one event into
//! [`Finding`]s:
//!
//! - [`figures`]: crowd sizes, detentions and other figures, aligned by [`align`] (same kind,
//!   compatible counted noun, same time scope, same day) and classified by interval overlap;
//!   the differences that are expected (police against organisers, interim against final,
//!   start against peak) come from the tables in [`expected`].
//! - [`dates`]: does a stated weekday agree with the date; which days the outlets agree on.
//! - [`places`]: places and people the outlets share, and the spellings each one uses.
//! - [`quotes`]: verbatim, trimmed or reworded quotes (with a word-level [`diff`]), and the
//!   same words given to different speakers.
//! - [`tenure`]: facts that change with time ("in power since 1994", "for 26 years", an age),
//!   compared across the whole corpus once converted to a start or birth year.
//!
//! Every finding carries a confidence in [0, 1] ("how sure"), a short note for a human, and
//! the claims it rests on, each with its sentence and span.

pub mod align;
pub mod dates;
pub mod diff;
pub mod expected;
pub mod figures;
pub mod interval;
pub mod places;
pub mod quotes;
pub mod sentence;
pub mod tenure;

use crate::extract::Claim;
use crate::model::{Document, Span};
use crate::normalize::{Entity, Mention};
use crate::pipeline::Analysis;
use crate::store::{DocStore, Payload};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    Agreement,
    Discrepancy,
    ExpectedDifference,
    SingleSource,
}

impl FindingKind {
    /// Reading order for a fact-checker: what disagrees comes first.
    pub fn rank(self) -> u8 {
        match self {
            FindingKind::Discrepancy => 0,
            FindingKind::ExpectedDifference => 1,
            FindingKind::Agreement => 2,
            FindingKind::SingleSource => 3,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Agreement => "agreement",
            FindingKind::Discrepancy => "discrepancy",
            FindingKind::ExpectedDifference => "expected_difference",
            FindingKind::SingleSource => "single_source",
        }
    }
}

/// What a finding compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aspect {
    /// A figure: crowd, detained, casualties, money, percent, count ...
    Figure,
    Date,
    Place,
    Person,
    Quote,
    /// The same words given to different speakers.
    Attribution,
    /// How long someone has held power, as a start year.
    Tenure,
    /// An age in a dated article, as a birth year.
    BirthYear,
}

impl Aspect {
    pub fn as_str(self) -> &'static str {
        match self {
            Aspect::Figure => "figure",
            Aspect::Date => "date",
            Aspect::Place => "place",
            Aspect::Person => "person",
            Aspect::Quote => "quote",
            Aspect::Attribution => "attribution",
            Aspect::Tenure => "tenure",
            Aspect::BirthYear => "birth_year",
        }
    }
}

/// One piece of a word-level difference between two wordings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffPiece {
    /// same | removed | added
    pub op: String,
    pub text: String,
}

/// A claim's value after conversion to common terms (a start year, a birth year).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Normalised {
    pub source: String,
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// What the value is: "start year", "birth year".
    pub unit: String,
    /// How it was obtained: "2019 − 25 years".
    pub how: String,
}

/// A name as one source writes it (places, people).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameUse {
    pub source: String,
    pub form: String,
    pub count: usize,
    /// The sentence of its first use, as written.
    pub sentence: String,
    /// Byte span of the first use in `Document::text`.
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub kind: FindingKind,
    pub aspect: Aspect,
    /// What is compared: "crowd (people), 2019-12-07, one day".
    pub subject: String,
    pub claims: Vec<Claim>,
    /// How sure the finding is, in [0, 1].
    pub confidence: f64,
    /// A short note for a human: why this kind, what differs.
    pub note: String,
    /// Quotes: the word-level difference between the first two wordings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diff: Vec<DiffPiece>,
    /// Time-normalised values, one per claim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub normalised: Vec<Normalised>,
    /// Places and people: how each source names the entity.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<NameUse>,
}

impl Finding {
    pub fn new(kind: FindingKind, aspect: Aspect, subject: String, claims: Vec<Claim>) -> Self {
        Finding {
            kind,
            aspect,
            subject,
            claims,
            confidence: 0.0,
            note: String::new(),
            diff: Vec::new(),
            normalised: Vec::new(),
            names: Vec::new(),
        }
    }

    pub fn with(mut self, confidence: f64, note: impl Into<String>) -> Self {
        self.confidence = round2(confidence.clamp(0.0, 1.0));
        self.note = note.into();
        self
    }

    /// The distinct sources this finding rests on, sorted.
    pub fn sources(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .claims
            .iter()
            .map(|c| c.source.as_str())
            .chain(self.names.iter().map(|n| n.source.as_str()))
            .collect();
        v.sort();
        v.dedup();
        v
    }
}

/// At most this many items of a list are spelled out in a finding's note. The finding's
/// `claims` hold every one; a note is for reading, and a list of 1,642 "since YEAR" claims
/// made an 81 KB note.
pub const NOTE_ITEMS: usize = 12;

/// The first [`NOTE_ITEMS`] of `total` items joined by "; ", then "and N more {what}".
/// Only the items spelled out are formatted, so a long group costs no more than a short one.
pub fn note_list(total: usize, items: impl Iterator<Item = String>, what: &str) -> String {
    let mut s = String::new();
    for (i, item) in items.take(NOTE_ITEMS).enumerate() {
        if i > 0 {
            s.push_str("; ");
        }
        s.push_str(&item);
    }
    if total > NOTE_ITEMS {
        s.push_str(&format!(
            "; and {} more {what}",
            interval::fmt_num((total - NOTE_ITEMS) as f64)
        ));
    }
    s
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The findings of one event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventFindings {
    /// The event's id (`Analysis::events`).
    pub event: String,
    pub findings: Vec<Finding>,
}

/// The documents of one event with their claims and mentions, in corpus order.
pub struct EventView<'a> {
    pub date: Option<jiff::civil::Date>,
    pub docs: Vec<DocView<'a>>,
    /// The corpus's entities, for display names.
    pub entities: &'a [Entity],
    /// The first of `entities` with each id (see [`EventView::entity`]).
    pub by_id: &'a EntityIndex<'a>,
}

/// Entities by id, the first of each id.
pub type EntityIndex<'a> = rustc_hash::FxHashMap<&'a str, &'a Entity>;

/// The first entity of `entities` with each id.
pub fn entity_index(entities: &[Entity]) -> EntityIndex<'_> {
    let mut m = EntityIndex::with_capacity_and_hasher(entities.len(), Default::default());
    for e in entities {
        m.entry(e.id.as_str()).or_insert(e);
    }
    m
}

/// One document with what the earlier stages found in it.
#[derive(Clone, Copy)]
pub struct DocView<'a> {
    pub doc: &'a Document,
    pub claims: &'a [Claim],
    pub mentions: &'a [Mention],
}

impl<'a> EventView<'a> {
    /// The first entity with this id, as a search of `entities` in order finds it, without
    /// the search (it ran once per name per event, over every entity of the corpus).
    pub fn entity(&self, id: &str) -> Option<&'a Entity> {
        self.by_id.get(id).copied()
    }

    /// All claims of the event's documents, in corpus then text order.
    pub fn claims(&self) -> impl Iterator<Item = &'a Claim> + '_ {
        self.docs.iter().flat_map(|d| d.claims.iter())
    }
}

/// The per-document views of an analysis, indexed like `corpus.documents`.
pub fn doc_views(analysis: &Analysis) -> Vec<DocView<'_>> {
    analysis
        .corpus
        .documents
        .iter()
        .enumerate()
        .map(|(i, doc)| DocView {
            doc,
            claims: analysis.claims.get(i).map_or(&[][..], |c| c.as_slice()),
            mentions: analysis.mentions.get(i).map_or(&[][..], |m| m.as_slice()),
        })
        .collect()
}

/// What reconciling one event needs, built once per analysis, so that events can be
/// reconciled one at a time (the report is written event by event) or all at once. When
/// the analysis spilled its documents' claims and mentions ([`Analysis::store`]), each
/// event's are loaded as it is reconciled, and dropped after.
pub struct Reconciler<'a> {
    entities: &'a [Entity],
    by_id: EntityIndex<'a>,
    views: Vec<DocView<'a>>,
    by_source: std::collections::HashMap<&'a str, usize>,
    store: Option<&'a DocStore>,
}

impl<'a> Reconciler<'a> {
    pub fn new(analysis: &'a Analysis) -> Self {
        let views = doc_views(analysis);
        let by_source = views
            .iter()
            .enumerate()
            .map(|(i, v)| (v.doc.source.as_str(), i))
            .collect();
        Reconciler {
            entities: &analysis.entities,
            by_id: entity_index(&analysis.entities),
            views,
            by_source,
            store: analysis.store.as_deref(),
        }
    }

    /// The findings of one event of the analysis.
    pub fn event(&self, event: &crate::link::Event) -> Vec<Finding> {
        self.with_event(event, |view, _| reconcile_event(view))
    }

    /// Calls `f` with the view of one event (its documents' claims and mentions, loaded
    /// from the store when spilled) and the documents' indices in the corpus, in the
    /// view's order.
    pub fn with_event<R>(
        &self,
        event: &crate::link::Event,
        f: impl FnOnce(&EventView<'_>, &[usize]) -> R,
    ) -> R {
        // Corpus order, whatever the order of the event's sources.
        let mut at: Vec<usize> = event
            .sources
            .iter()
            .filter_map(|s| self.by_source.get(s.as_str()).copied())
            .collect();
        at.sort_unstable();
        at.dedup();
        let loaded: Vec<(Document, Payload)> = match self.store {
            Some(store) => at
                .iter()
                .map(|&i| load(store, self.views[i].doc, i))
                .collect(),
            None => Vec::new(),
        };
        let docs = at
            .iter()
            .enumerate()
            .map(|(k, &i)| match loaded.get(k) {
                Some((doc, p)) => DocView {
                    doc,
                    claims: &p.claims,
                    mentions: &p.mentions,
                },
                None => self.views[i],
            })
            .collect();
        let view = EventView {
            date: event.date,
            entities: self.entities,
            by_id: &self.by_id,
            docs,
        };
        f(&view, &at)
    }
}

/// Document `i` (`doc`, whose text was spilled) with its text, mentions and claims from
/// `store`.
pub fn load(store: &DocStore, doc: &Document, i: usize) -> (Document, Payload) {
    let doc = Document {
        text: store.text(i),
        ..doc.clone()
    };
    (doc, store.load(i))
}

/// Reconciles the claims of every event, in the order of `analysis.events.events`.
pub fn reconcile(analysis: &Analysis) -> Vec<EventFindings> {
    let r = Reconciler::new(analysis);
    // Events are independent: reconcile them across the cores (collect keeps their order).
    analysis
        .events
        .events
        .par_iter()
        .map(|event| EventFindings {
            event: event.id.clone(),
            findings: r.event(event),
        })
        .collect()
}

/// Every rule over one event, sorted for reading: discrepancies first.
pub fn reconcile_event(view: &EventView<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    out.extend(figures::findings(view));
    out.extend(dates::findings(view));
    out.extend(quotes::findings(view));
    out.extend(places::findings(view));
    sort_findings(&mut out);
    out
}

/// Facts that change with time (tenures, ages), compared across the whole corpus: the same
/// person's tenure told in 2019 and in 2020 agrees once both are converted to a start year.
/// Each document is read once, in parallel (loaded from the store when spilled), and only
/// its tenure and birth-year claims are kept.
pub fn reconcile_across(analysis: &Analysis) -> Vec<Finding> {
    let docs = &analysis.corpus.documents;
    let values: Vec<tenure::DocValues> = match &analysis.store {
        None => doc_views(analysis)
            .par_iter()
            .map(tenure::doc_values)
            .collect(),
        Some(store) => (0..docs.len())
            .into_par_iter()
            .map(|i| {
                let (doc, p) = load(store, &docs[i], i);
                tenure::doc_values(&DocView {
                    doc: &doc,
                    claims: &p.claims,
                    mentions: &p.mentions,
                })
            })
            .collect(),
    };
    let mut out = tenure::findings_of(values, &analysis.entities);
    sort_findings(&mut out);
    out
}

/// Deterministic reading order: kind (discrepancies first), aspect, subject, then sources.
pub fn sort_findings(findings: &mut [Finding]) {
    for f in findings.iter_mut() {
        f.claims
            .sort_by(|a, b| (&a.source, a.span).cmp(&(&b.source, b.span)));
        f.names
            .sort_by(|a, b| (&a.source, a.span).cmp(&(&b.source, b.span)));
        f.normalised.sort_by(|a, b| a.source.cmp(&b.source));
    }
    findings.sort_by(|a, b| {
        (a.kind.rank(), a.aspect, &a.subject)
            .cmp(&(b.kind.rank(), b.aspect, &b.subject))
            .then_with(|| a.sources().cmp(&b.sources()))
            .then_with(|| {
                let sa: Vec<Span> = a.claims.iter().map(|c| c.span).collect();
                let sb: Vec<Span> = b.claims.iter().map(|c| c.span).collect();
                sa.cmp(&sb)
            })
    });
}

/// Lowercase words of a text, letters and digits only: the form in which wordings compare.
pub fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_word(s, |w| out.push(w.to_string()));
    out
}

/// Hands each of [`words`] to `f`. ASCII text is its own matching form (NFKC leaves it
/// alone, and only non-ASCII characters are invisible or unified), and its letters lowercase
/// as ASCII, so it is split in place without normalising: most sentences are ASCII, and the
/// rules read thousands of them.
fn each_word(s: &str, mut f: impl FnMut(&str)) {
    if s.is_ascii() {
        for w in ascii_words(s) {
            if w.bytes().any(|b| b.is_ascii_uppercase()) {
                f(&w.to_ascii_lowercase());
            } else {
                f(w);
            }
        }
        return;
    }
    each_normalised_word(s, f);
}

/// The words of an ASCII text as written (not lower-cased): maximal runs of letters, digits
/// and apostrophes, with the apostrophes at either end trimmed, skipping what is left empty.
/// By bytes: splitting on a `char` predicate decoded every character.
fn ascii_words(s: &str) -> impl Iterator<Item = &str> {
    let b = s.as_bytes();
    let inside = |x: u8| x.is_ascii_alphanumeric() || x == b'\'';
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            while i < b.len() && !inside(b[i]) {
                i += 1;
            }
            if i == b.len() {
                return None;
            }
            let start = i;
            while i < b.len() && inside(b[i]) {
                i += 1;
            }
            let w = s[start..i].trim_matches('\'');
            if !w.is_empty() {
                return Some(w);
            }
        }
    })
}

/// [`each_word`] for any text: split in the matching form, lowercased.
fn each_normalised_word(s: &str, f: impl FnMut(&str)) {
    each_matching_word(&crate::normalize::text::matching_form(s), f);
}

/// [`each_normalised_word`] of a text already in its matching form.
fn each_matching_word(matching: &str, mut f: impl FnMut(&str)) {
    let apart = |c: char| !c.is_alphanumeric() && c != '\'';
    // An ASCII word (most words of most texts) lower-cases in a buffer, not a new string.
    let mut lower = String::new();
    for w in matching.split(apart) {
        let w = w.trim_matches('\'');
        if w.is_empty() {
            continue;
        }
        if !w.is_ascii() {
            f(&w.to_lowercase());
        } else if w.bytes().any(|b| b.is_ascii_uppercase()) {
            lower.clear();
            lower.push_str(w);
            lower.make_ascii_lowercase();
            f(&lower);
        } else {
            f(w);
        }
    }
}

/// A text's words, lowercased and space-padded, for repeated whole-word phrase tests
/// without normalising the text again for every phrase (see [`Padded::has`]).
pub struct Padded(String);

impl Padded {
    pub fn new(text: &str) -> Self {
        // " w1 w2 ... " (two spaces when there is no word).
        // Most sentences are ASCII, or become ASCII in the matching form (which makes curly
        // quotes and dashes ASCII ones): then one pass over the bytes serves ([`pad_ascii`]).
        if text.is_ascii() {
            return Padded(pad_ascii(text));
        }
        let matching = crate::normalize::text::matching_form(text);
        if matching.is_ascii() {
            return Padded(pad_ascii(&matching));
        }
        let mut padded = String::with_capacity(text.len() + 2);
        padded.push(' ');
        each_matching_word(&matching, |w| {
            padded.push_str(w);
            padded.push(' ');
        });
        if padded.len() == 1 {
            padded.push(' ');
        }
        Padded(padded)
    }

    /// True when `phrase` occurs as whole words. Phrases are table entries: plain lowercase
    /// words separated by single spaces.
    pub fn has(&self, phrase: &str) -> bool {
        let at = self.0.match_indices(phrase);
        let bytes = self.0.as_bytes();
        at.into_iter().any(|(i, _)| {
            bytes.get(i.wrapping_sub(1)) == Some(&b' ')
                && bytes.get(i + phrase.len()) == Some(&b' ')
        })
    }

    /// True when any of the phrases occurs.
    pub fn has_any(&self, phrases: &[&str]) -> bool {
        phrases.iter().any(|p| self.has(p))
    }
}

/// Each byte as [`pad_ascii`] writes it: a letter lower-cased, a digit or an apostrophe as
/// it is, anything else 0 (a separator). One look-up a byte instead of the range tests of
/// `is_ascii_alphanumeric` and `to_ascii_lowercase`.
static PAD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || c == b'\'' {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// [`Padded::new`] of an ASCII text, in one pass over its bytes: each run of letters, digits
/// and apostrophes, without the apostrophes at its ends, lower-cased, followed by a space
/// (the words of [`each_word`]). Written into a buffer of the most it can take (a byte a
/// byte and the two spaces), then cut to what was written.
fn pad_ascii(text: &str) -> String {
    let src = text.as_bytes();
    let mut out = vec![b' '; src.len() + 2];
    let mut n = 1;
    // Whether the current run has had a letter or digit yet: apostrophes before that are its
    // leading ones, dropped; those at its end are dropped when it ends.
    let mut word = false;
    let end = |out: &mut [u8], n: &mut usize| {
        while out[*n - 1] == b'\'' {
            *n -= 1;
        }
        out[*n] = b' ';
        *n += 1;
    };
    for &b in src {
        let c = PAD[usize::from(b)];
        if c == 0 {
            if std::mem::take(&mut word) {
                end(&mut out, &mut n);
            }
        } else if c != b'\'' || word {
            out[n] = c;
            n += 1;
            word = true;
        }
    }
    if word {
        end(&mut out, &mut n);
    }
    // No word: the two spaces already there.
    out.truncate(n.max(2));
    String::from_utf8(out).expect("ASCII in, ASCII out")
}

/// Table phrases found as whole words in one pass over a [`Padded`] text: an Aho–Corasick
/// automaton of the phrases with a space either side, so a match is exactly a [`Padded::has`]
/// hit. Testing each phrase in turn built a substring searcher per phrase per text, most of
/// what reading a claim's counter, phase or tenure marker cost.
pub struct Phrases {
    automaton: aho_corasick::AhoCorasick,
    /// The group (table row) of each phrase, by pattern id.
    group: Vec<usize>,
    /// Each phrase with the space after it ("at its peak ") and its group, listed under its
    /// first byte in table order, for [`Phrases::first_group_in`]; `None` when a phrase is
    /// empty or starts with a space (then the automaton serves).
    by_first: Option<Vec<Vec<(String, usize)>>>,
}

impl Phrases {
    /// The phrases of each group, groups in table order.
    pub fn new<'a>(groups: impl IntoIterator<Item = &'a [&'a str]>) -> Self {
        let mut patterns = Vec::new();
        let mut group = Vec::new();
        let mut by_first = Some(vec![Vec::new(); 256]);
        for (g, phrases) in groups.into_iter().enumerate() {
            for p in phrases {
                patterns.push(format!(" {p} "));
                group.push(g);
                match (p.as_bytes().first(), by_first.as_mut()) {
                    (Some(&b), Some(lists)) if b != b' ' => {
                        lists[usize::from(b)].push((format!("{p} "), g));
                    }
                    _ => by_first = None,
                }
            }
        }
        Phrases {
            automaton: aho_corasick::AhoCorasick::new(patterns).expect("table phrases"),
            group,
            by_first,
        }
    }

    /// True when any phrase occurs in `text` ([`Padded::has_any`]).
    pub fn any_in(&self, text: &Padded) -> bool {
        self.automaton.is_match(text.0.as_str())
    }

    /// The first group, in table order, with a phrase in `text`.
    ///
    /// A phrase " p " occurs in a padded text exactly where a word starts (a byte after a
    /// space) and the text there starts with "p ": so only the phrases beginning with the
    /// byte a word starts with are tried there, and none of a group no better than the best
    /// found. Every overlapping match of the automaton, which this replaces, cost about 24
    /// instructions a byte of a claim's sentence.
    pub fn first_group_in(&self, text: &Padded) -> Option<usize> {
        let Some(by_first) = &self.by_first else {
            return self
                .automaton
                .find_overlapping_iter(text.0.as_str())
                .map(|m| self.group[m.pattern().as_usize()])
                .min();
        };
        let t = text.0.as_bytes();
        let mut best: Option<usize> = None;
        for i in 1..t.len() {
            if t[i - 1] != b' ' {
                continue;
            }
            for (p, g) in &by_first[usize::from(t[i])] {
                if best.is_none_or(|b| *g < b) && t[i..].starts_with(p.as_bytes()) {
                    best = Some(*g);
                }
            }
            if best == Some(0) {
                break;
            }
        }
        best
    }
}

/// True when `needle` occurs as a whole word (or words) in `hay`, both lowercased.
pub fn contains_words(hay: &str, needle: &str) -> bool {
    Padded::new(hay).has(&words(needle).join(" "))
}

/// A new claim with its kind, phrase, sentence and span and nothing else, for the claims
/// this stage derives itself (a date read off a figure's date, a "since 1994" the extractor
/// left out) and for tests. Built through serde so that it keeps compiling when the extractor
/// adds fields to [`Claim`]: unknown keys are ignored, and the two interval flags it may have
/// are given.
pub fn new_claim(
    source: &str,
    kind: crate::extract::ClaimKind,
    phrase: &str,
    sentence: &str,
    span: Span,
) -> Claim {
    // The empty claim is read through serde once; each new claim is a copy with its own
    // values (a JSON round trip per claim was a third of finding tenures).
    static EMPTY: std::sync::LazyLock<Claim> = std::sync::LazyLock::new(|| {
        let v = serde_json::json!({
            "source": "", "kind": crate::extract::ClaimKind::Date, "phrase": "",
            "low": null, "high": null, "low_inclusive": true, "high_inclusive": true,
            "point": null, "modifier": null, "counted": null, "unit": null,
            "attribution": null, "scope": null, "date": null, "sentence": "",
            "span": Span::default(), "speaker": null, "speaker_entity": null, "quote_kind": null,
        });
        serde_json::from_value(v).expect("a claim with every field of the claim schema")
    });
    let mut c = EMPTY.clone();
    c.source = source.into();
    c.kind = kind;
    c.phrase = phrase.to_string();
    c.sentence = sentence.into();
    c.span = span;
    c
}

/// A claim with nothing but its kind, phrase and sentence, for the rules' unit tests.
#[cfg(test)]
pub(crate) fn test_claim(kind: crate::extract::ClaimKind, phrase: &str, sentence: &str) -> Claim {
    new_claim("a", kind, phrase, sentence, Span::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_list_stops_after_its_limit_and_counts_the_rest() {
        let items = |n: usize| (0..n).map(|i| format!("item {i}"));
        assert_eq!(note_list(2, items(2), "claims"), "item 0; item 1");
        let exact = note_list(NOTE_ITEMS, items(NOTE_ITEMS), "claims");
        assert_eq!(exact.matches("item").count(), NOTE_ITEMS);
        assert!(!exact.contains("more"));
        let long = note_list(1642, items(1642), "claims");
        assert_eq!(long.matches("item").count(), NOTE_ITEMS);
        assert!(long.ends_with("; item 11; and 1630 more claims"), "{long}");
    }

    #[test]
    fn ascii_words_are_split_as_the_matching_form_splits_them() {
        for s in [
            "Police SAID 'about 5,000' people marched -- Organisers' count: 20,000.",
            "''' x'y ''z'' O'Brien's",
            "",
            "  \t\n ",
            "in-power since1994 (in power since 1994)",
        ] {
            let (mut fast, mut slow) = (Vec::new(), Vec::new());
            each_word(s, |w| fast.push(w.to_string()));
            each_normalised_word(s, |w| slow.push(w.to_string()));
            assert_eq!(fast, slow, "{s:?}");
        }
        // The padded form, by bytes for ASCII text and for text whose matching form is
        // ASCII, against the words of the matching form.
        for s in [
            "“Police SAID ‘about 5,000’ people” — Organisers’ count",
            "in\u{00AD}power ﬁve Ёлка O’Brien’s",
            "Police SAID 'about 5,000' people marched -- Organisers' count: 20,000.",
            "''' x'y ''z'' O'Brien's '",
            "x' 'y a''b 'Z'' 9'",
            "",
            "'",
            "  \t\n ",
            "in-power since1994 (in power since 1994)",
        ] {
            let mut slow = String::from(" ");
            each_normalised_word(s, |w| {
                slow.push_str(w);
                slow.push(' ');
            });
            if slow.len() == 1 {
                slow.push(' ');
            }
            assert_eq!(Padded::new(s).0, slow, "{s:?}");
            if s.is_ascii() {
                assert_eq!(pad_ascii(s), slow, "{s:?}");
            }
        }
        assert_eq!(Padded::new("").0, "  ");
        assert_eq!(
            Padded::new("In power, SINCE 1994").0,
            " in power since 1994 "
        );
        assert!(Padded::new("He has RULED since 1994.").has_any(&["has ruled"]));
    }

    #[test]
    fn a_new_claim_is_the_claim_serde_reads() {
        use crate::extract::ClaimKind;
        let c = new_claim(
            "a.txt",
            ClaimKind::Date,
            "since 1994",
            "In power since 1994.",
            Span::new(3, 13),
        );
        let v = serde_json::json!({
            "source": "a.txt", "kind": ClaimKind::Date, "phrase": "since 1994",
            "low": null, "high": null, "low_inclusive": true, "high_inclusive": true,
            "point": null, "modifier": null, "counted": null, "unit": null,
            "attribution": null, "scope": null, "date": null, "sentence": "In power since 1994.",
            "span": Span::new(3, 13), "speaker": null, "speaker_entity": null, "quote_kind": null,
        });
        let read: Claim = serde_json::from_value(v).unwrap();
        assert_eq!(c, read);
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            serde_json::to_string(&read).unwrap()
        );
    }

    #[test]
    fn phrases_find_what_padded_finds() {
        let table: &[&[&str]] = &[
            &["police", "interior ministry"],
            &["organisers"],
            &["in power"],
        ];
        let phrases = Phrases::new(table.iter().copied());
        for text in [
            "Organisers said the police counted 5,000.",
            "the interior-ministry count",
            "policemen and ministry interior",
            "He has been in power since 1994, organisers said.",
            "",
            "in power; police: organisers, the police",
            "the Interior Ministry's count, then organisers and police",
            "organisers'",
        ] {
            let padded = Padded::new(text);
            let first = table.iter().position(|p| padded.has_any(p));
            assert_eq!(phrases.first_group_in(&padded), first, "{text:?}");
            assert_eq!(phrases.any_in(&padded), first.is_some(), "{text:?}");
        }
    }
}
