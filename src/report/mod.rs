//! The report model and one printer per format. Printers are pure functions of the model
//! (as ripgrep's printers are): [`text`], [`markdown`], [`json`], [`jsonl`], [`html`],
//! [`claimreview`]. The model is built once by [`build`] and holds everything a printer
//! shows, already sorted, so that every format tells the same story in the same order.

pub mod claimreview;
pub mod html;
pub mod json;
pub mod jsonl;
pub mod markdown;
mod serializer;
pub mod text;

use crate::extract::Claim;
use crate::link::{DupGroup, Event, Story};
use crate::model::{Corpus, Document, SCHEMA_VERSION, Skipped, Span};
use crate::normalize::{Entity, EntityKind};
use crate::pipeline::Analysis;
use crate::reconcile::interval::Interval;
use crate::reconcile::{self, Aspect, DiffPiece, Finding, FindingKind, NameUse, Normalised};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Inputs {
    pub given: usize,
    pub read: usize,
    pub skipped: usize,
}

impl Inputs {
    pub fn of(corpus: &Corpus) -> Self {
        Inputs {
            given: corpus.given(),
            read: corpus.documents.len(),
            skipped: corpus.skipped.len(),
        }
    }
}

/// One line per document in the report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocumentSummary {
    pub id: String,
    pub source: String,
    /// A short human name: the outlet and file name.
    pub label: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<jiff::civil::Date>,
    pub published_inferred: bool,
    pub authors: Vec<String>,
    pub credits: Vec<String>,
    pub words: usize,
}

/// The counts a reader sees first.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Summary {
    pub inputs_given: usize,
    pub inputs_read: usize,
    pub inputs_skipped: usize,
    pub events: usize,
    pub stories: usize,
    pub duplicate_groups: usize,
    /// Entities spelled in more than one way across the corpus (see `Report::merged_entities`).
    pub merged_entities: usize,
    pub discrepancies: usize,
    pub expected_differences: usize,
    pub agreements: usize,
    pub single_source: usize,
}

/// A claim as evidence: the claim itself plus what a printer needs to show it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EvidenceClaim {
    #[serde(flatten)]
    pub claim: Claim,
    /// The outlet label of the claim's document.
    pub outlet: String,
    /// The figure's interval in DESIGN.md notation ("[200, 999]"), for figures.
    pub interval: Option<String>,
    /// Byte range of `phrase` inside `sentence`, to highlight the figure.
    pub highlight: Option<Span>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportFinding {
    /// agreement | discrepancy | expected_difference | single_source
    pub kind: FindingKind,
    /// figure | date | place | person | quote | attribution | tenure | birth_year
    pub aspect: Aspect,
    pub subject: String,
    /// How sure, in [0, 1].
    pub confidence: f64,
    pub note: String,
    pub claims: Vec<EvidenceClaim>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diff: Vec<DiffPiece>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub normalised: Vec<Normalised>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<NameUse>,
}

/// One outlet's report within an event.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EventSource {
    pub source: String,
    pub label: String,
    pub title: Option<String>,
    pub published: Option<jiff::civil::Date>,
    pub published_inferred: bool,
}

/// A spelling and the sources that use it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FormUse {
    pub form: String,
    pub count: usize,
    pub sources: Vec<String>,
}

/// How an entity is written within an event.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NameVariants {
    pub entity: String,
    pub display: String,
    pub kind: EntityKind,
    pub forms: Vec<FormUse>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EventReport {
    pub id: String,
    pub sources: Vec<String>,
    pub outlets: Vec<EventSource>,
    pub date: Option<jiff::civil::Date>,
    pub date_inferred: bool,
    pub story: Option<String>,
    /// The story's label, when the linker gave one.
    pub story_label: Option<String>,
    /// Discrepancies first, then expected differences, agreements, single sources.
    pub findings: Vec<ReportFinding>,
    /// Entities named in the event, with each spelling in use.
    pub names: Vec<NameVariants>,
}

impl EventSource {
    /// "2019-12-07", "2019-12-07 (inferred)" or "unknown".
    pub fn published_text(&self) -> String {
        match self.published {
            Some(d) if self.published_inferred => format!("{d} (inferred)"),
            Some(d) => d.to_string(),
            None => "unknown".into(),
        }
    }
}

impl NameVariants {
    /// "Lukashenka (post.txt) / Lukashenko (ledger.txt)": the spellings, not every shorter
    /// mention.
    pub fn forms_text(&self) -> String {
        let all: Vec<&str> = self.forms.iter().map(|f| f.form.as_str()).collect();
        let spellings = reconcile::places::spellings(&all);
        self.forms
            .iter()
            .filter(|f| spellings.contains(&f.form.as_str()))
            .map(|f| {
                let sources: Vec<&str> = f.sources.iter().map(|s| short(s)).collect();
                format!("{} ({})", f.form, sources.join(", "))
            })
            .collect::<Vec<_>>()
            .join(" / ")
    }
}

impl EventReport {
    /// "Saturday 2019-12-07", with " (inferred)" when the date was inferred, or "date unknown".
    pub fn date_text(&self) -> String {
        match self.date {
            Some(d) if self.date_inferred => format!("{} (inferred)", describe_date(d)),
            Some(d) => describe_date(d),
            None => "date unknown".into(),
        }
    }

    /// "Russia–Belarus integration (s1)", or the story id alone when it has no label.
    pub fn story_text(&self) -> Option<String> {
        let id = self.story.as_deref()?;
        Some(match &self.story_label {
            Some(l) => format!("{l} ({id})"),
            None => id.to_string(),
        })
    }

    /// The people, places and organisations spelled in more than one way within the event
    /// (a surname alone next to the full name is not another spelling).
    pub fn variant_names(&self) -> impl Iterator<Item = &NameVariants> {
        self.names.iter().filter(|n| {
            let forms: Vec<&str> = n.forms.iter().map(|f| f.form.as_str()).collect();
            matches!(
                n.kind,
                EntityKind::Person | EntityKind::Place | EntityKind::Organisation
            ) && reconcile::places::spellings(&forms).len() > 1
        })
    }
}

/// The whole report. The JSON schema is documented in [`json`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Report {
    pub schema_version: u32,
    pub inputs: Inputs,
    pub summary: Summary,
    pub documents: Vec<DocumentSummary>,
    pub events: Vec<EventReport>,
    /// Facts that change with time (tenures, ages), compared across the corpus.
    pub across_events: Vec<ReportFinding>,
    pub stories: Vec<Story>,
    pub entities: Vec<Entity>,
    pub duplicates: Vec<DupGroup>,
    pub skipped: Vec<Skipped>,
}

impl Report {
    /// Every finding, per event then across events.
    pub fn findings(&self) -> impl Iterator<Item = &ReportFinding> {
        self.events
            .iter()
            .flat_map(|e| e.findings.iter())
            .chain(self.across_events.iter())
    }

    pub fn has_discrepancy(&self) -> bool {
        self.summary.discrepancies > 0
    }

    /// Entities spelled in more than one way (not counting a surname alone beside the full
    /// name).
    pub fn merged_entities(&self) -> impl Iterator<Item = &Entity> {
        self.entities.iter().filter(|e| distinct_forms(e) > 1)
    }
}

/// The entity's spellings (see [`reconcile::places::spellings`]): "Putin" beside
/// "Vladimir Putin" is a shorter mention, not a second spelling.
fn entity_spellings(e: &Entity) -> Vec<&str> {
    let forms: Vec<&str> = e.variants.iter().map(|v| v.form.as_str()).collect();
    reconcile::places::spellings(&forms)
}

fn distinct_forms(e: &Entity) -> usize {
    entity_spellings(e).len()
}

/// Where the claim's phrase sits inside its sentence: from the claim's span when the
/// sentence is found around it in the text, else the first occurrence of the phrase.
pub fn highlight(doc: Option<&Document>, c: &Claim) -> Option<Span> {
    if c.sentence.is_empty() || c.phrase.is_empty() {
        return None;
    }
    if let Some(doc) = doc.filter(|d| c.span.slice(&d.text) == c.phrase) {
        let (text, len) = (doc.text.as_str(), c.sentence.len());
        match first_occurrence_near(text, c.sentence.as_bytes(), c.span) {
            // No occurrence holds the span: neither would a scan find one.
            None => {}
            // The first occurrence near the span holds it, and none starts in the
            // `len - 1` bytes before it, so none overlaps it from the left: a scan of the
            // whole text from the start reaches it, and it is the first one holding the
            // span that the scan finds.
            Some((s, true)) => return Some(Span::new(c.span.start - s, c.span.end - s)),
            // An occurrence overlapping the one that holds the span (the sentence has a
            // border, "ab ab" in "ab ab ab"): a scan skips the overlapped occurrences,
            // and its answer is kept. Rare, so the whole-text scan is affordable.
            Some((_, false)) => {
                for (s, _) in text.match_indices(c.sentence.as_str()) {
                    if s <= c.span.start && c.span.end <= s + len {
                        return Some(Span::new(c.span.start - s, c.span.end - s));
                    }
                }
            }
        }
    }
    c.sentence
        .find(c.phrase.as_str())
        .map(|i| Span::new(i, i + c.phrase.len()))
}

/// The first place `needle` occurs in `text` starting in `[span.end - 2 * needle.len() + 1,
/// span.start]` (the starts of the occurrences that hold `span`, and of those that could
/// overlap one of them from the left), and whether that occurrence holds `span`. Each start
/// whose byte is the needle's first is compared in full. Building a substring searcher for
/// every claim's sentence, or a Knuth–Morris–Pratt table to test it for a border, cost more
/// than this.
fn first_occurrence_near(text: &str, needle: &[u8], span: Span) -> Option<(usize, bool)> {
    let (&first, bytes) = (needle.first()?, text.as_bytes());
    let holds_from = span.end.saturating_sub(needle.len());
    let lo = holds_from.saturating_sub(needle.len() - 1);
    let hi = span.start.min(bytes.len().checked_sub(needle.len())?);
    (lo..=hi)
        .find(|&s| bytes[s] == first && bytes[s..s + needle.len()] == *needle)
        .map(|s| (s, s >= holds_from))
}

/// The claim as evidence. Takes the claim: the findings are consumed as the report is
/// built, so no claim is held twice.
fn evidence(c: Claim, docs: &ShownDocs<'_, '_>) -> EvidenceClaim {
    let shown = docs.shown.get(c.source.as_str());
    let doc = (docs.texts.get(c.source.as_str()).copied()).or(shown.map(|s| s.doc));
    let is_figure = reconcile::align::FIGURE_KINDS.contains(&c.kind)
        || matches!(
            c.kind,
            crate::extract::ClaimKind::Duration | crate::extract::ClaimKind::Age
        );
    EvidenceClaim {
        outlet: shown.map_or_else(|| c.source.to_string(), |s| s.label.clone()),
        interval: is_figure
            .then(|| Interval::of(&c).map(|i| i.display()))
            .flatten(),
        highlight: highlight(doc, &c),
        claim: c,
    }
}

/// The documents a finding's evidence shows: each source's label and document, and when
/// the texts were spilled, the documents with their texts loaded (by source).
struct ShownDocs<'m, 'a> {
    shown: &'m FxHashMap<&'a str, Shown<'a>>,
    texts: FxHashMap<&'m str, &'m Document>,
}

fn report_finding(f: Finding, docs: &ShownDocs<'_, '_>) -> ReportFinding {
    ReportFinding {
        kind: f.kind,
        aspect: f.aspect,
        subject: f.subject,
        confidence: f.confidence,
        note: f.note,
        claims: f.claims.into_iter().map(|c| evidence(c, docs)).collect(),
        diff: f.diff,
        normalised: f.normalised,
        names: f.names,
    }
}

/// Per entity: its kind and, per spelling, the number of uses and the sources using it
/// (borrowed from the analysis: only what is shown is copied, once per entity and form, not
/// once per mention).
type FormsByEntity<'a> =
    BTreeMap<&'a str, (EntityKind, BTreeMap<&'a str, (usize, BTreeSet<&'a str>)>)>;

/// The names of an event's documents (`view`, whose documents are those at `at` in the
/// corpus), read in the order of their sources.
fn event_names(
    view: &reconcile::EventView<'_>,
    at: &[usize],
    index: &FxHashMap<&str, usize>,
    entities: &FxHashMap<&str, &Entity>,
    sources: &[String],
) -> Vec<NameVariants> {
    // entity -> form -> (count, sources)
    let mut by: FormsByEntity<'_> = BTreeMap::new();
    for i in sources
        .iter()
        .filter_map(|s| index.get(s.as_str()).copied())
    {
        let Ok(k) = at.binary_search(&i) else {
            continue;
        };
        let (doc, mentions) = (view.docs[k].doc, view.docs[k].mentions);
        for m in mentions {
            let Some(id) = &m.entity else { continue };
            let forms = &mut by.entry(&**id).or_insert((m.kind, BTreeMap::new())).1;
            let e = forms.entry(m.base.as_str()).or_default();
            e.0 += 1;
            e.1.insert(doc.source.as_str());
        }
    }
    let mut out: Vec<NameVariants> = by
        .into_iter()
        .map(|(id, (kind, forms))| NameVariants {
            display: entities.get(id).map_or_else(
                || {
                    forms
                        .keys()
                        .next()
                        .map_or_else(String::new, |f| f.to_string())
                },
                |e| e.display.clone(),
            ),
            entity: id.to_string(),
            kind,
            forms: forms
                .into_iter()
                .map(|(form, (count, sources))| FormUse {
                    form: form.to_string(),
                    count,
                    sources: sources.into_iter().map(str::to_string).collect(),
                })
                .collect(),
        })
        .collect();
    out.sort_by(|a, b| (&a.display, &a.entity).cmp(&(&b.display, &b.entity)));
    out
}

/// Items by id, the first of each id (as a search in order finds it).
fn first_by_id<'a, T>(items: &'a [T], id: impl Fn(&'a T) -> &'a str) -> FxHashMap<&'a str, &'a T> {
    let mut m = FxHashMap::with_capacity_and_hasher(items.len(), Default::default());
    for t in items {
        m.entry(id(t)).or_insert(t);
    }
    m
}

/// A document and its label ([`Document::label`]), made once per document: a claim's
/// evidence shows its document's label, and formatting it for every claim cost more than
/// the rest of the evidence.
struct Shown<'a> {
    doc: &'a Document,
    label: String,
}

/// What building one event's report needs, made once per analysis: the reconciler and the
/// look-ups by source and id. By source the last document of a source wins, by id the
/// first entity or story, as the ordered map and the searches these replaced chose.
struct Builder<'a> {
    analysis: &'a Analysis,
    reconciler: reconcile::Reconciler<'a>,
    index: FxHashMap<&'a str, usize>,
    docs: FxHashMap<&'a str, Shown<'a>>,
    entities: FxHashMap<&'a str, &'a Entity>,
    stories: FxHashMap<&'a str, &'a Story>,
}

impl<'a> Builder<'a> {
    fn new(analysis: &'a Analysis) -> Self {
        let documents = &analysis.corpus.documents;
        Builder {
            analysis,
            reconciler: reconcile::Reconciler::new(analysis),
            index: documents
                .iter()
                .enumerate()
                .map(|(i, d)| (d.source.as_str(), i))
                .collect(),
            docs: documents
                .iter()
                .map(|d| {
                    let label = d.label();
                    (d.source.as_str(), Shown { doc: d, label })
                })
                .collect(),
            entities: first_by_id(&analysis.entities, |e| e.id.as_str()),
            stories: first_by_id(&analysis.events.stories, |s| s.id.as_str()),
        }
    }

    /// One event with its findings, reconciled now.
    fn event(&self, e: &Event) -> EventReport {
        let mut sources = e.sources.clone();
        sources.sort();
        sources.dedup();
        // The event's claims and mentions, loaded once for both when spilled.
        let (findings, names) = self.reconciler.with_event(e, |view, at| {
            // Spilled, the view's documents are the ones with their texts.
            let texts = match self.analysis.store {
                Some(_) => view
                    .docs
                    .iter()
                    .map(|d| (d.doc.source.as_str(), d.doc))
                    .collect(),
                None => FxHashMap::default(),
            };
            let shown = ShownDocs {
                shown: &self.docs,
                texts,
            };
            let findings = reconcile::reconcile_event(view)
                .into_iter()
                .map(|f| report_finding(f, &shown))
                .collect();
            let names = event_names(view, at, &self.index, &self.entities, &sources);
            (findings, names)
        });
        EventReport {
            id: e.id.clone(),
            outlets: sources
                .iter()
                .map(|s| {
                    let shown = self.docs.get(s.as_str());
                    let d = shown.map(|x| x.doc);
                    EventSource {
                        source: s.clone(),
                        label: shown.map_or_else(|| s.clone(), |x| x.label.clone()),
                        title: d.and_then(|d| d.title.clone()),
                        published: d.and_then(|d| d.published),
                        published_inferred: d.is_some_and(|d| d.published_inferred),
                    }
                })
                .collect(),
            date: e.date,
            date_inferred: e.date_inferred,
            story: e.story.clone(),
            story_label: e
                .story
                .as_deref()
                .and_then(|id| self.stories.get(id))
                .map(|s| s.label.clone()),
            findings,
            names,
            sources,
        }
    }

    /// When the texts were spilled, the documents of `claims` with their texts loaded;
    /// else none (the documents have theirs).
    fn with_texts(&self, claims: &[Claim]) -> Vec<Document> {
        let Some(store) = &self.analysis.store else {
            return Vec::new();
        };
        let mut at: Vec<usize> = (claims.iter())
            .filter_map(|c| self.index.get(c.source.as_str()).copied())
            .collect();
        at.sort_unstable();
        at.dedup();
        let docs = &self.analysis.corpus.documents;
        (at.into_iter())
            .map(|i| Document {
                text: store.text(i),
                ..docs[i].clone()
            })
            .collect()
    }

    /// The indices of the events in report order: by date, then id.
    fn event_order(&self) -> Vec<usize> {
        let events = &self.analysis.events.events;
        let mut order: Vec<usize> = (0..events.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&events[a], &events[b]);
            (a.date, &a.id).cmp(&(b.date, &b.id))
        });
        order
    }

    /// Document `i`'s line in the report's document list.
    fn document_summary(&self, i: usize) -> DocumentSummary {
        let d = &self.analysis.corpus.documents[i];
        DocumentSummary {
            id: d.id.clone(),
            source: d.source.clone(),
            label: d.label(),
            title: d.title.clone(),
            outlet: d.outlet.clone(),
            url: d.url.clone(),
            published: d.published,
            published_inferred: d.published_inferred,
            authors: d.authors.clone(),
            credits: d.credits.clone(),
            words: match &self.analysis.store {
                Some(store) => store.words(i),
                None => count_words(&d.text),
            },
        }
    }

    /// Everything of the report but the events and the summary; the document list too
    /// when `documents`.
    fn rest(&self, events: Vec<EventReport>, documents: bool) -> Report {
        let analysis = self.analysis;
        let corpus = &analysis.corpus;
        let across_events: Vec<ReportFinding> = reconcile::reconcile_across(analysis)
            .into_iter()
            .map(|f| {
                // One finding's documents at a time: together they are much of the corpus.
                let loaded = self.with_texts(&f.claims);
                let shown = ShownDocs {
                    shown: &self.docs,
                    texts: loaded.iter().map(|d| (d.source.as_str(), d)).collect(),
                };
                report_finding(f, &shown)
            })
            .collect();
        let mut entities = analysis.entities.clone();
        entities.sort_by(|a, b| (&a.display, &a.id).cmp(&(&b.display, &b.id)));
        let mut duplicates = analysis.duplicates.clone();
        duplicates.sort_by(|a, b| a.representative.cmp(&b.representative));
        let mut skipped = corpus.skipped.clone();
        skipped.sort_by(|a, b| a.source.cmp(&b.source));
        Report {
            schema_version: SCHEMA_VERSION,
            inputs: Inputs::of(corpus),
            summary: Summary::default(),
            documents: if documents {
                (0..corpus.documents.len())
                    .map(|i| self.document_summary(i))
                    .collect()
            } else {
                Vec::new()
            },
            events,
            across_events,
            stories: analysis.events.stories.clone(),
            entities,
            duplicates,
            skipped,
        }
    }
}

/// `text.split_whitespace().count()`, by bytes: eight ASCII bytes at a time as a bit mask of
/// their white space (a word starts where a non-space follows a space), and only the
/// characters outside ASCII decoded (to test them for Unicode white space).
pub fn count_words(text: &str) -> usize {
    let b = text.as_bytes();
    let (mut i, mut words, mut inside) = (0, 0, false);
    while i < b.len() {
        if let Some(lane) = b.get(i..i + 8) {
            let x = u64::from_le_bytes(lane.try_into().expect("eight bytes"));
            if x & HIGH == 0 {
                let space = ascii_space_mask(x);
                // Bit k of `before`: whether the byte before byte k is white space.
                let before = (space << 1) | u32::from(!inside);
                words += (!space & before & 0xFF).count_ones() as usize;
                inside = space & 0x80 == 0;
                i += 8;
                continue;
            }
        }
        let (space, len) = if b[i] < 0x80 {
            (matches!(b[i], b' ' | b'\t'..=b'\r'), 1)
        } else {
            let c = text[i..].chars().next().expect("a char boundary");
            (c.is_whitespace(), c.len_utf8())
        };
        words += usize::from(!space && !inside);
        inside = !space;
        i += len;
    }
    words
}

/// The high bit of each byte of a word.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Which of eight ASCII bytes (little-endian in `x`, every high bit clear) are white space
/// (space, or tab to carriage return), as bits 0-7. No byte's sum carries into the next, as
/// every byte is below 0x80 and every addend too.
fn ascii_space_mask(x: u64) -> u32 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let y = x ^ (ONES * b' ' as u64);
    // High bit set where `y` is zero: where the byte is a space.
    let blank = !((y + ONES * 0x7F) | y) & HIGH;
    // High bit set where the byte is at least 9, and where it is at least 14.
    let from_tab = (x + ONES * (0x80 - 9)) & HIGH;
    let from_14 = (x + ONES * (0x80 - 14)) & HIGH;
    let m = (blank | (from_tab & !from_14)) >> 7;
    // Byte k's low bit to bit k.
    (m.wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32
}

/// Builds the report model from an analysis: reconciles every event and the facts across
/// events, and sorts everything for a deterministic output.
pub fn build(analysis: &Analysis) -> Report {
    let b = Builder::new(analysis);
    // Events are independent: build them across the cores (collect keeps the order).
    let events: Vec<EventReport> = b
        .event_order()
        .par_iter()
        .map(|&i| b.event(&analysis.events.events[i]))
        .collect();
    let mut report = b.rest(events, true);
    report.summary = summarise(
        &report,
        report.events.len(),
        report.findings().map(|f| f.kind),
    );
    report
}

/// How many events [`Streamed`] builds at a time: enough to keep the cores busy, few enough
/// that their findings take little memory (a few MB).
const EVENTS_AT_A_TIME: usize = 256;

/// The report without its events, which are built when they are written, a few at a time:
/// at scale the events' findings are most of the report (about 20 KB per article), so
/// holding them all grows without bound. The summary at the report's head counts the
/// findings, so each printer writes the events to a spill file first (reconciling each
/// event once, counting the kinds as it goes), then the head, then copies the spill
/// ([`Streamed::spill_events`]).
pub struct Streamed<'a> {
    builder: Builder<'a>,
    order: Vec<usize>,
    /// Everything but `events` and `documents` (left empty) and the summary, which is
    /// counted while the events are written: the printers return it. The document list is
    /// made as it is written ([`Streamed::documents`]).
    pub head: Report,
}

/// Prepares a report to be written event by event: the same report as [`build`] gives,
/// printed by [`json::write_streamed`] and [`jsonl::write_streamed`].
pub fn stream(analysis: &Analysis) -> Streamed<'_> {
    let builder = Builder::new(analysis);
    let head = builder.rest(Vec::new(), false);
    Streamed {
        order: builder.event_order(),
        builder,
        head,
    }
}

/// Where [`Streamed::spill_events`] writes the events: a concrete type, so that the many
/// small writes of serialising are not calls through a `dyn Write`.
pub type SpillWriter = std::io::BufWriter<std::fs::File>;

/// The events of a [`Streamed`] report written out, and the summary they complete.
pub struct Spill {
    /// The events' bytes, rewound to the start: copy them after the head.
    pub file: std::fs::File,
    pub summary: Summary,
}

impl Streamed<'_> {
    /// Builds the events in report order, [`EVENTS_AT_A_TIME`] at a time across the cores,
    /// writes each with `write` into an anonymous temporary file (in `$TMPDIR`, removed
    /// when closed), and counts their findings for the summary. At a million articles the
    /// events are gigabytes, so they go to a file, not memory.
    pub fn spill_events(
        &self,
        mut write: impl FnMut(&mut SpillWriter, &EventReport) -> std::io::Result<()>,
    ) -> std::io::Result<Spill> {
        use std::io::{Seek, Write};
        let events = &self.builder.analysis.events.events;
        let mut kinds = [0usize; 4];
        let mut count = |k: FindingKind| kinds[k as usize] += 1;
        let mut out = std::io::BufWriter::with_capacity(1 << 20, tempfile::tempfile()?);
        for chunk in self.order.chunks(EVENTS_AT_A_TIME) {
            let built: Vec<EventReport> = chunk
                .par_iter()
                .map(|&i| self.builder.event(&events[i]))
                .collect();
            for e in &built {
                e.findings.iter().for_each(|f| count(f.kind));
                write(&mut out, e)?;
            }
        }
        out.flush()?;
        let mut file = out.into_inner().map_err(|e| e.into_error())?;
        file.rewind()?;
        let head = &self.head;
        head.across_events.iter().for_each(|f| count(f.kind));
        let summary = summarise_counts(head, self.order.len(), kinds);
        Ok(Spill { file, summary })
    }

    /// The number of events.
    pub fn events(&self) -> usize {
        self.order.len()
    }

    /// The report's document list, each line made as it is serialised: at a million
    /// articles the list is some 500 MB (issue 7), and the documents hold it all already.
    pub fn documents(&self) -> Documents<'_, '_> {
        Documents(self)
    }
}

/// [`Streamed::documents`]: serialises as the list [`build`] makes, or iterates its lines.
pub struct Documents<'s, 'a>(&'s Streamed<'a>);

impl Documents<'_, '_> {
    pub fn iter(&self) -> impl ExactSizeIterator<Item = DocumentSummary> + '_ {
        let b = &self.0.builder;
        (0..b.analysis.corpus.documents.len()).map(|i| b.document_summary(i))
    }
}

impl Serialize for Documents<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// A printer's `write_streamed`: its `spill`, then its `write_spilled`; returns the summary.
fn spill_then_write<W>(
    s: &Streamed<'_>,
    w: W,
    spill: impl FnOnce(&Streamed<'_>) -> std::io::Result<Spill>,
    write: impl FnOnce(&Streamed<'_>, Spill, W) -> std::io::Result<()>,
) -> std::io::Result<Summary> {
    let spill = spill(s)?;
    let summary = spill.summary.clone();
    write(s, spill, w)?;
    Ok(summary)
}

/// The counts of a report whose events number `events` and whose findings (in events and
/// across them) are of `kinds`.
fn summarise(r: &Report, events: usize, kinds: impl Iterator<Item = FindingKind>) -> Summary {
    let mut counts = [0usize; 4];
    kinds.for_each(|k| counts[k as usize] += 1);
    summarise_counts(r, events, counts)
}

/// [`summarise`] with the findings counted by kind, indexed by `FindingKind as usize`.
fn summarise_counts(r: &Report, events: usize, kinds: [usize; 4]) -> Summary {
    let count = |k: FindingKind| kinds[k as usize];
    Summary {
        inputs_given: r.inputs.given,
        inputs_read: r.inputs.read,
        inputs_skipped: r.inputs.skipped,
        events,
        stories: r.stories.len(),
        duplicate_groups: r.duplicates.len(),
        merged_entities: r.merged_entities().count(),
        discrepancies: count(FindingKind::Discrepancy),
        expected_differences: count(FindingKind::ExpectedDifference),
        agreements: count(FindingKind::Agreement),
        single_source: count(FindingKind::SingleSource),
    }
}

/// "1 discrepancy", "2 agreements": a count with its noun, singular or plural.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The summary line every human-readable format opens with.
pub fn summary_line(s: &Summary) -> String {
    format!(
        "{} given, {} read, {} skipped; {}, {}, {}, {}",
        plural(s.inputs_given, "input", "inputs"),
        s.inputs_read,
        s.inputs_skipped,
        plural(s.events, "event", "events"),
        plural(s.stories, "story", "stories"),
        plural(s.duplicate_groups, "duplicate group", "duplicate groups"),
        plural(s.merged_entities, "merged entity", "merged entities"),
    )
}

/// The findings line: "1 discrepancy, 0 expected differences, 7 agreements, 3 single-source".
pub fn findings_line(s: &Summary) -> String {
    format!(
        "{}, {}, {}, {}",
        plural(s.discrepancies, "discrepancy", "discrepancies"),
        plural(
            s.expected_differences,
            "expected difference",
            "expected differences"
        ),
        plural(s.agreements, "agreement", "agreements"),
        plural(
            s.single_source,
            "single-source finding",
            "single-source findings"
        ),
    )
}

/// A heading for a kind of finding.
pub fn kind_heading(k: FindingKind) -> &'static str {
    match k {
        FindingKind::Discrepancy => "Discrepancies",
        FindingKind::ExpectedDifference => "Expected differences",
        FindingKind::Agreement => "Agreements",
        FindingKind::SingleSource => "Single source",
    }
}

/// The short file name of a source.
pub fn short(source: &str) -> &str {
    reconcile::figures::short_source(source)
}

/// A date with its weekday: "Saturday 2019-12-07".
pub fn describe_date(d: jiff::civil::Date) -> String {
    reconcile::dates::describe(d)
}

/// Splits a sentence into (before, figure, after) for highlighting.
pub fn split_highlight(sentence: &str, h: Option<Span>) -> (&str, &str, &str) {
    match h {
        Some(s) if sentence.get(s.start..s.end).is_some() => (
            &sentence[..s.start],
            &sentence[s.start..s.end],
            &sentence[s.end..],
        ),
        _ => (sentence, "", ""),
    }
}

/// Entity variants as "Lukashenko (3 sources), Lukashenka (1 source)".
pub fn variant_list(e: &Entity) -> String {
    let spellings = entity_spellings(e);
    e.variants
        .iter()
        .filter(|v| spellings.contains(&v.form.as_str()))
        .map(|v| {
            format!(
                "{} ({})",
                v.form,
                plural(v.sources.len(), "source", "sources")
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Findings shown on one line: single sources, and the places and people the outlets share
/// (their evidence, one sentence per outlet naming them, is in the JSON).
pub fn is_compact(f: &ReportFinding) -> bool {
    f.kind == FindingKind::SingleSource || matches!(f.aspect, Aspect::Place | Aspect::Person)
}

/// The one-line form of the compact findings among `fs`, as (subject, note) pairs: one line
/// each, except that places and people named by a single outlet share one line, as there can
/// be dozens of them.
pub fn compact_lines(fs: &[&ReportFinding]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut named = Vec::new();
    for f in fs.iter().filter(|f| is_compact(f)) {
        if f.kind == FindingKind::SingleSource && matches!(f.aspect, Aspect::Place | Aspect::Person)
        {
            let who = f.names.first().map(|n| short(&n.source)).unwrap_or("");
            named.push(format!("{} ({who})", f.subject));
        } else {
            out.push((f.subject.clone(), f.note.clone()));
        }
    }
    if !named.is_empty() {
        out.push(("named by one outlet only".to_string(), named.join(", ")));
    }
    out
}

/// The findings grouped by kind in reading order (discrepancies first), skipping empty kinds.
pub fn by_kind(findings: &[ReportFinding]) -> Vec<(FindingKind, Vec<&ReportFinding>)> {
    let mut kinds: Vec<FindingKind> = findings.iter().map(|f| f.kind).collect();
    kinds.sort_by_key(|k| k.rank());
    kinds.dedup();
    kinds
        .into_iter()
        .map(|k| (k, findings.iter().filter(|f| f.kind == k).collect()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::ClaimKind;

    /// [`highlight`] as it was, scanning the whole text: the windowed search must agree.
    fn whole_text_highlight(doc: &Document, c: &Claim) -> Option<Span> {
        if c.span.slice(&doc.text) == c.phrase {
            for (s, _) in doc.text.match_indices(c.sentence.as_str()) {
                if s <= c.span.start && c.span.end <= s + c.sentence.len() {
                    return Some(Span::new(c.span.start - s, c.span.end - s));
                }
            }
        }
        c.sentence
            .find(c.phrase.as_str())
            .map(|i| Span::new(i, i + c.phrase.len()))
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for t in [
            "",
            " ",
            "one",
            " two  words ",
            "tab\tand\nlines\x0bvt\x0cff\r\n",
            "no\u{a0}break\u{2003}em\u{3000}ideo “quoted” — dash",
            "\u{85}next\u{1680}ogham x\u{200b}zero-width is not a space",
        ] {
            assert_eq!(count_words(t), t.split_whitespace().count(), "{t:?}");
        }
    }

    #[test]
    fn the_lane_mask_marks_exactly_the_ascii_white_space() {
        for c in 0u8..0x80 {
            for k in 0..8 {
                let mut lane = [b'a'; 8];
                lane[k] = c;
                let want = u32::from(c.is_ascii_whitespace() || c == 0x0b) << k;
                assert_eq!(
                    ascii_space_mask(u64::from_le_bytes(lane)),
                    want,
                    "{c:#x} at {k}"
                );
            }
        }
    }

    proptest::proptest! {
        /// Runs of ASCII longer than the sixteen-byte lanes, spaces at the lane edges and
        /// characters outside ASCII between them.
        #[test]
        fn words_in_lanes_are_counted_as_split_whitespace_counts_them(
            t in "([a-z]{0,20}[ \t\n\r\x0b\x0c]{0,3}(\u{a0}|\u{2003}|é|“|x)?){0,12}"
        ) {
            proptest::prop_assert_eq!(count_words(&t), t.split_whitespace().count());
        }
    }

    proptest::proptest! {
        /// Texts of few letters repeat their sentences, overlapping ones too ("aba" in
        /// "ababa"): the windowed search must answer as the whole-text scan, for a sentence
        /// that holds the span where it stands and for one taken from elsewhere.
        #[test]
        fn the_highlight_window_agrees_with_the_whole_text_scan_on_repeats(
            text in "[ab .]{1,30}",
            cuts in proptest::array::uniform4(0usize..31),
            elsewhere in proptest::bool::ANY,
        ) {
            let n = text.len();
            let mut c4 = cuts.map(|x| x % (n + 1));
            c4.sort_unstable();
            let [k, i, j, l] = c4;
            proptest::prop_assume!(i < j);
            // The phrase is text[i..j]; the sentence text[k..l] holds it where it stands, or
            // (elsewhere) is the text's first l - k bytes.
            let sentence = if elsewhere { &text[..l - k] } else { &text[k..l] };
            let doc = crate::model::Document {
                text: text.clone(),
                ..Default::default()
            };
            let mut c = crate::reconcile::test_claim(ClaimKind::Crowd, &text[i..j], sentence);
            c.span = Span::new(i, j);
            proptest::prop_assert_eq!(highlight(Some(&doc), &c), whole_text_highlight(&doc, &c));
        }
    }

    #[test]
    fn the_highlight_window_finds_what_the_whole_text_scan_finds() {
        // (text, sentence, phrase, which occurrence of the phrase in the text)
        let cases = [
            // A repeated sentence: the occurrence holding the span, not the first.
            (
                "Police said 300. Police said 300. Police said 300.",
                "Police said 300.",
                "300",
                2,
            ),
            // Overlapping occurrences ("ab ab" in "ab ab ab"): the scan skips the second,
            // so the phrase's first place in the sentence is taken.
            ("ab ab ab", "ab ab", "ab", 2),
            ("ab ab ab", "ab ab", "ab", 1),
            // A sentence shorter than the phrase holds it nowhere.
            ("about 5,000 people", "5,000", "about 5,000 people", 0),
            // Non-ASCII around the window's edges.
            (
                "«Да», 300 человек. «Да», 300 человек.",
                "«Да», 300 человек.",
                "300",
                1,
            ),
        ];
        for (text, sentence, phrase, nth) in cases {
            let doc = crate::ingest::document_from_text("a.txt", text);
            let at = doc.text.match_indices(phrase).nth(nth).unwrap().0;
            let mut c = crate::reconcile::test_claim(ClaimKind::Crowd, phrase, sentence);
            c.span = Span::new(at, at + phrase.len());
            assert_eq!(
                highlight(Some(&doc), &c),
                whole_text_highlight(&doc, &c),
                "{text:?} {sentence:?} {phrase:?} {nth}"
            );
        }
    }
}
