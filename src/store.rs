//! [`DocStore`]: each document's text, mentions and claims in temporary files instead of
//! memory.
//!
//! At scale the per-document results that live from their stage to the end of the report
//! are most of the memory (issue 7: at 100,000 articles, text 3.9 KB, mentions 3.6 KB and
//! claims 7.7 KB an article of some 26 KB). Event linking reads each text a few times, and
//! reconcile and the report read them one event at a time, and the facts across events once
//! in corpus order, so they need not all be in memory at once: the pipeline writes each
//! document's text as soon as its mentions are found, and its mentions and claims as one
//! record as soon as its claims are extracted, and the readers load what they need ([`DocStore::text`], [`DocStore::load`]),
//! in parallel (`read_at`, no shared file position; what was read recently is in the page
//! cache).
//!
//! The files are anonymous (`tempfile::tempfile()`, in `$TMPDIR`): the OS removes it when it
//! is closed, even on a crash. Records are in a compact binary form written and read here
//! (no field names, numbers as variable-length integers); strings shared within a document
//! (its source in every claim, a sentence in each of its claims, a name's forms and entity
//! id in each of its mentions) are written once per record and shared again when read.
//!
//! The pipeline spills when asked ([`crate::pipeline::Options::spill`]); `concord report`
//! asks above a corpus size, or always when the environment variable `CONCORD_SPILL` is `1`
//! (and never when it is `0`), which the tests use to compare both paths. A failure to make
//! or write the temporary files (`$TMPDIR` missing or not writable, a full disk) is a
//! [`StoreError`] naming the directory and the cause, which the pipeline returns. Reading
//! back what was written fails only on a fault of the device, and the stages that read the
//! store return no errors: that ends the program with a panic naming the directory.

use crate::extract::{Claim, ClaimKind, DateValue};
use crate::model::Span;
use crate::normalize::{EntityKind, Mention, MentionRule};
use crate::shared::SharedStr;
use jiff::civil::Date;
use rustc_hash::FxHashMap;
use std::fs::File;
use std::io::Write;
use std::os::unix::fs::FileExt;
use std::sync::Arc;

/// One document's mentions and claims, as loaded from the store.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Payload {
    pub mentions: Vec<Mention>,
    pub claims: Vec<Claim>,
}

/// The texts and records of a corpus's documents, in document order, in anonymous temporary
/// files.
#[derive(Debug)]
pub struct DocStore {
    file: File,
    /// Where each record ends: record `i` is `[ends[i - 1], ends[i])` (from 0 for the first).
    ends: Vec<u64>,
    texts: File,
    /// Where each text ends, as `ends`.
    text_ends: Vec<u64>,
    /// Each document's mentions as found, before name resolution (records of [`encode`]
    /// without claims): held here from the mentions stage to the claims stage, so that no
    /// stage holds every mention ([`DocStore::append_found`]).
    found: File,
    /// Where each record of `found` ends, as `ends`.
    found_ends: Vec<u64>,
    /// Each text's words (`split_whitespace`), for the report's document list.
    words: Vec<u32>,
    /// Dates that documents inherited from their event after their claims were stored: the
    /// claims' relative dates are resolved against it when loaded
    /// ([`crate::extract::resolve_relative_dates`]).
    anchors: FxHashMap<u32, Date>,
}

/// The temporary files could not be made or written: `$TMPDIR` missing or not writable, or
/// the disk full.
#[derive(Debug, thiserror::Error)]
#[error(
    "cannot write the temporary files of the documents' texts, mentions and claims in $TMPDIR ({}): {cause}",
    dir.display()
)]
pub struct StoreError {
    /// The directory of the temporary files (`std::env::temp_dir()`).
    pub dir: std::path::PathBuf,
    pub cause: std::io::Error,
}

impl From<std::io::Error> for StoreError {
    fn from(cause: std::io::Error) -> Self {
        StoreError {
            dir: std::env::temp_dir(),
            cause,
        }
    }
}

/// A read of what was written failed (see the module documentation).
fn fail(e: std::io::Error) -> ! {
    panic!("concord: {}", StoreError::from(e))
}

impl DocStore {
    /// An empty store, its files made in `$TMPDIR`.
    pub fn new() -> Result<Self, StoreError> {
        Ok(DocStore {
            file: tempfile::tempfile()?,
            ends: Vec::new(),
            texts: tempfile::tempfile()?,
            text_ends: Vec::new(),
            found: tempfile::tempfile()?,
            found_ends: Vec::new(),
            words: Vec::new(),
            anchors: FxHashMap::default(),
        })
    }

    /// Documents whose mentions and claims are stored.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Appends the next documents' texts, in order.
    pub fn append_texts(&mut self, texts: &[String]) -> Result<(), StoreError> {
        append(
            &self.texts,
            &mut self.text_ends,
            texts.iter().map(|t| t.as_bytes()),
        )?;
        let words = texts.iter().map(|t| crate::report::count_words(t) as u32);
        self.words.extend(words);
        Ok(())
    }

    /// Appends the next documents' mentions as found (before name resolution), in order.
    pub fn append_found(&mut self, mentions: &[Vec<Mention>]) -> Result<(), StoreError> {
        let records: Vec<Vec<u8>> = mentions.iter().map(|m| encode(m, &[])).collect();
        append(
            &self.found,
            &mut self.found_ends,
            records.iter().map(|r| &r[..]),
        )
    }

    /// Document `i`'s mentions as found ([`DocStore::append_found`]).
    pub fn found(&self, i: usize) -> Vec<Mention> {
        decode(&read(&self.found, &self.found_ends, i)).mentions
    }

    /// Frees the found mentions once their resolved form is stored with the claims.
    pub fn drop_found(&mut self) -> Result<(), StoreError> {
        self.found.set_len(0)?;
        self.found_ends = Vec::new();
        Ok(())
    }

    /// Appends the next documents' records (made by [`encode`]), in order.
    pub fn append_records(&mut self, records: &[Vec<u8>]) -> Result<(), StoreError> {
        append(&self.file, &mut self.ends, records.iter().map(|r| &r[..]))
    }

    /// Document `i`'s text.
    pub fn text(&self, i: usize) -> String {
        String::from_utf8(read(&self.texts, &self.text_ends, i)).expect("a stored text is UTF-8")
    }

    /// The number of words of document `i`'s text (`split_whitespace`).
    pub fn words(&self, i: usize) -> usize {
        self.words[i] as usize
    }

    /// Resolves the relative dates of document `i`'s claims against `date` whenever they
    /// are loaded (see [`crate::extract::resolve_relative_dates`]).
    pub fn set_anchor(&mut self, i: usize, date: Date) {
        self.anchors.insert(i as u32, date);
    }

    /// Document `i`'s mentions and claims.
    pub fn load(&self, i: usize) -> Payload {
        let mut p = decode(&read(&self.file, &self.ends, i));
        if let Some(&date) = self.anchors.get(&(i as u32)) {
            crate::extract::resolve_relative_dates(&mut p.claims, date);
        }
        p
    }
}

/// Writes `items` at the end of `file`, whose items end at `ends`, and records their ends.
fn append<'a>(
    file: &File,
    ends: &mut Vec<u64>,
    items: impl Iterator<Item = &'a [u8]>,
) -> Result<(), StoreError> {
    let mut end = ends.last().copied().unwrap_or(0);
    let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
    for item in items {
        w.write_all(item)?;
        end += item.len() as u64;
        ends.push(end);
    }
    w.flush()?;
    Ok(())
}

/// Item `i` of `file`, whose items end at `ends`.
fn read(file: &File, ends: &[u64], i: usize) -> Vec<u8> {
    let start = if i == 0 { 0 } else { ends[i - 1] };
    let mut buf = vec![0; (ends[i] - start) as usize];
    file.read_exact_at(&mut buf, start)
        .unwrap_or_else(|e| fail(e));
    buf
}

/// One document's record: its mentions, then its claims.
pub fn encode(mentions: &[Mention], claims: &[Claim]) -> Vec<u8> {
    let mut w = Writer::default();
    w.varint(mentions.len() as u64);
    for m in mentions {
        w.mention(m);
    }
    w.varint(claims.len() as u64);
    for c in claims {
        w.claim(c);
    }
    w.buf
}

/// The record [`encode`] made, decoded: equal to what was encoded.
pub fn decode(buf: &[u8]) -> Payload {
    let mut r = Reader {
        buf,
        at: 0,
        shared: Vec::new(),
        arcs: Vec::new(),
    };
    let n = r.varint() as usize;
    let mentions = (0..n).map(|_| r.mention()).collect();
    let n = r.varint() as usize;
    let claims = (0..n).map(|_| r.claim()).collect();
    debug_assert_eq!(r.at, buf.len());
    Payload { mentions, claims }
}

fn claim_kind(k: ClaimKind) -> u8 {
    match k {
        ClaimKind::Crowd => 0,
        ClaimKind::Detained => 1,
        ClaimKind::Casualties => 2,
        ClaimKind::Money => 3,
        ClaimKind::Percent => 4,
        ClaimKind::Multiplier => 5,
        ClaimKind::Count => 6,
        ClaimKind::Duration => 7,
        ClaimKind::Age => 8,
        ClaimKind::Quote => 9,
        ClaimKind::Date => 10,
    }
}

/// [`claim_kind`]'s codes, in order.
const CLAIM_KINDS: [ClaimKind; 11] = [
    ClaimKind::Crowd,
    ClaimKind::Detained,
    ClaimKind::Casualties,
    ClaimKind::Money,
    ClaimKind::Percent,
    ClaimKind::Multiplier,
    ClaimKind::Count,
    ClaimKind::Duration,
    ClaimKind::Age,
    ClaimKind::Quote,
    ClaimKind::Date,
];

fn entity_kind(k: EntityKind) -> u8 {
    match k {
        EntityKind::Person => 0,
        EntityKind::Place => 1,
        EntityKind::Organisation => 2,
        EntityKind::Outlet => 3,
        EntityKind::Demonym => 4,
        EntityKind::Other => 5,
    }
}

/// [`entity_kind`]'s codes, in order.
const ENTITY_KINDS: [EntityKind; 6] = [
    EntityKind::Person,
    EntityKind::Place,
    EntityKind::Organisation,
    EntityKind::Outlet,
    EntityKind::Demonym,
    EntityKind::Other,
];

fn mention_rule(r: MentionRule) -> u8 {
    match r {
        MentionRule::Gazetteer => 0,
        MentionRule::OrganisationWord => 1,
        MentionRule::PlaceWord => 2,
        MentionRule::TitleOrRole => 3,
        MentionRule::GivenName => 4,
        MentionRule::Surname => 5,
        MentionRule::List => 6,
        MentionRule::Other => 7,
    }
}

/// [`mention_rule`]'s codes, in order.
const MENTION_RULES: [MentionRule; 8] = [
    MentionRule::Gazetteer,
    MentionRule::OrganisationWord,
    MentionRule::PlaceWord,
    MentionRule::TitleOrRole,
    MentionRule::GivenName,
    MentionRule::Surname,
    MentionRule::List,
    MentionRule::Other,
];

/// Bits of a claim's flag byte.
const LOW: u8 = 1;
const HIGH: u8 = 2;
const POINT: u8 = 4;
const LOW_INCLUSIVE: u8 = 8;
const HIGH_INCLUSIVE: u8 = 16;
const DATE: u8 = 32;
const DATE_INFERRED: u8 = 64;

#[derive(Default)]
struct Writer {
    buf: Vec<u8>,
    /// Shared strings written so far in this record, by address and length: their index.
    shared: FxHashMap<(usize, usize), u32>,
    /// The same for entity ids.
    arcs: FxHashMap<(usize, usize), u32>,
}

impl Writer {
    fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.buf.push(v as u8 | 0x80);
            v >>= 7;
        }
        self.buf.push(v as u8);
    }

    fn str(&mut self, s: &str) {
        self.varint(s.len() as u64);
        self.buf.extend_from_slice(s.as_bytes());
    }

    /// 0 for none, else the length plus one and the bytes.
    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            None => self.varint(0),
            Some(s) => {
                self.varint(s.len() as u64 + 1);
                self.buf.extend_from_slice(s.as_bytes());
            }
        }
    }

    /// A string shared by address: its index plus one when written before in this record,
    /// else 0 and the string.
    fn shared(&mut self, s: &SharedStr) {
        let key = (s.as_ptr() as usize, s.len());
        let next = self.shared.len() as u32;
        match self.shared.get(&key) {
            Some(&k) => self.varint(u64::from(k) + 1),
            None => {
                self.shared.insert(key, next);
                self.varint(0);
                self.str(s);
            }
        }
    }

    /// An optional entity id: 0 for none, 1 and the string when new, else its index plus 2.
    fn entity(&mut self, e: Option<&Arc<str>>) {
        let Some(e) = e else {
            return self.varint(0);
        };
        let key = (e.as_ptr() as usize, e.len());
        let next = self.arcs.len() as u32;
        match self.arcs.get(&key) {
            Some(&k) => self.varint(u64::from(k) + 2),
            None => {
                self.arcs.insert(key, next);
                self.varint(1);
                self.str(e);
            }
        }
    }

    fn span(&mut self, s: Span) {
        self.varint(s.start as u64);
        self.varint((s.end - s.start) as u64);
    }

    fn f64(&mut self, x: Option<f64>) {
        if let Some(x) = x {
            self.buf.extend_from_slice(&x.to_bits().to_le_bytes());
        }
    }

    fn mention(&mut self, m: &Mention) {
        self.span(m.span);
        self.shared(&m.text);
        self.shared(&m.base);
        self.buf.push(entity_kind(m.kind));
        self.buf.push(mention_rule(m.rule));
        self.entity(m.entity.as_ref());
    }

    fn claim(&mut self, c: &Claim) {
        let bit = |on: bool, b: u8| if on { b } else { 0 };
        let flags = bit(c.low.is_some(), LOW)
            | bit(c.high.is_some(), HIGH)
            | bit(c.point.is_some(), POINT)
            | bit(c.low_inclusive, LOW_INCLUSIVE)
            | bit(c.high_inclusive, HIGH_INCLUSIVE)
            | bit(c.date.is_some(), DATE)
            | bit(c.date.as_ref().is_some_and(|d| d.inferred), DATE_INFERRED);
        self.buf.push(claim_kind(c.kind));
        self.buf.push(flags);
        self.shared(&c.source);
        self.str(&c.phrase);
        self.f64(c.low);
        self.f64(c.high);
        self.f64(c.point);
        for s in [&c.modifier, &c.counted, &c.unit, &c.attribution, &c.scope] {
            self.opt_str(s.as_deref());
        }
        if let Some(d) = &c.date {
            self.str(&d.text);
            self.opt_str(d.value.as_deref());
            self.str(&d.granularity);
            self.opt_str(d.relative.as_deref());
        }
        self.shared(&c.sentence);
        self.span(c.span);
        for s in [&c.speaker, &c.speaker_entity, &c.quote_kind] {
            self.opt_str(s.as_deref());
        }
    }
}

struct Reader<'a> {
    buf: &'a [u8],
    at: usize,
    shared: Vec<SharedStr>,
    arcs: Vec<Arc<str>>,
}

impl Reader<'_> {
    fn byte(&mut self) -> u8 {
        let b = self.buf[self.at];
        self.at += 1;
        b
    }

    fn varint(&mut self) -> u64 {
        let (mut v, mut shift) = (0u64, 0);
        loop {
            let b = self.byte();
            v |= u64::from(b & 0x7F) << shift;
            if b < 0x80 {
                return v;
            }
            shift += 7;
        }
    }

    fn bytes(&mut self, n: usize) -> &str {
        let s = &self.buf[self.at..self.at + n];
        self.at += n;
        std::str::from_utf8(s).expect("a stored string is UTF-8")
    }

    fn str(&mut self) -> String {
        let n = self.varint() as usize;
        self.bytes(n).to_string()
    }

    fn opt_str(&mut self) -> Option<String> {
        match self.varint() as usize {
            0 => None,
            n => Some(self.bytes(n - 1).to_string()),
        }
    }

    fn shared(&mut self) -> SharedStr {
        match self.varint() as usize {
            0 => {
                let n = self.varint() as usize;
                let s = SharedStr::from(self.bytes(n));
                self.shared.push(s.clone());
                s
            }
            k => self.shared[k - 1].clone(),
        }
    }

    fn entity(&mut self) -> Option<Arc<str>> {
        match self.varint() as usize {
            0 => None,
            1 => {
                let n = self.varint() as usize;
                let e: Arc<str> = Arc::from(self.bytes(n));
                self.arcs.push(e.clone());
                Some(e)
            }
            k => Some(self.arcs[k - 2].clone()),
        }
    }

    fn span(&mut self) -> Span {
        let start = self.varint() as usize;
        let len = self.varint() as usize;
        Span::new(start, start + len)
    }

    fn f64(&mut self, present: bool) -> Option<f64> {
        present.then(|| {
            let b: [u8; 8] = self.buf[self.at..self.at + 8].try_into().expect("8 bytes");
            self.at += 8;
            f64::from_bits(u64::from_le_bytes(b))
        })
    }

    fn mention(&mut self) -> Mention {
        let span = self.span();
        let text = self.shared();
        let base = self.shared();
        let kind = ENTITY_KINDS[self.byte() as usize];
        let rule = MENTION_RULES[self.byte() as usize];
        let entity = self.entity();
        Mention {
            span,
            text,
            base,
            kind,
            rule,
            entity,
        }
    }

    fn claim(&mut self) -> Claim {
        let kind = CLAIM_KINDS[self.byte() as usize];
        let flags = self.byte();
        let on = |b: u8| flags & b != 0;
        let source = self.shared();
        let phrase = self.str();
        let low = self.f64(on(LOW));
        let high = self.f64(on(HIGH));
        let point = self.f64(on(POINT));
        let modifier = self.opt_str();
        let counted = self.opt_str();
        let unit = self.opt_str();
        let attribution = self.opt_str();
        let scope = self.opt_str();
        let date = on(DATE).then(|| DateValue {
            text: self.str(),
            value: self.opt_str(),
            granularity: self.str(),
            relative: self.opt_str(),
            inferred: on(DATE_INFERRED),
        });
        let sentence = self.shared();
        let span = self.span();
        Claim {
            source,
            kind,
            phrase,
            low,
            high,
            low_inclusive: on(LOW_INCLUSIVE),
            high_inclusive: on(HIGH_INCLUSIVE),
            point,
            modifier,
            counted,
            unit,
            attribution,
            scope,
            date,
            sentence,
            span,
            speaker: self.opt_str(),
            speaker_entity: self.opt_str(),
            quote_kind: self.opt_str(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_codes_are_their_tables_positions() {
        for (i, &k) in CLAIM_KINDS.iter().enumerate() {
            assert_eq!(claim_kind(k) as usize, i);
        }
        for (i, &k) in ENTITY_KINDS.iter().enumerate() {
            assert_eq!(entity_kind(k) as usize, i);
        }
        for (i, &r) in MENTION_RULES.iter().enumerate() {
            assert_eq!(mention_rule(r) as usize, i);
        }
    }

    /// A generated corpus's mentions and claims, stored and loaded back, are equal to the
    /// originals (every field, NaN-free figures compared exactly), and the strings a
    /// document's claims shared are shared again.
    #[test]
    fn a_corpus_stored_and_loaded_is_equal_to_the_original() {
        let (articles, _) = crate::corpus_gen::generate(&crate::corpus_gen::RealisticOptions {
            articles: 200,
            seed: 3,
            ..Default::default()
        });
        let mut corpus = crate::model::Corpus::default();
        for a in &articles {
            let mut d = crate::ingest::document_from_text(&a.id, &a.text);
            d.published = a.published.parse().ok();
            corpus.documents.push(d);
        }
        let a = crate::analyse(corpus, &Default::default());
        let mut store = DocStore::new().unwrap();
        let records: Vec<Vec<u8>> = (a.mentions.iter().zip(&a.claims))
            .map(|(m, c)| encode(m, c))
            .collect();
        let texts: Vec<String> = a.corpus.documents.iter().map(|d| d.text.clone()).collect();
        store.append_texts(&texts[..70]).unwrap();
        store.append_texts(&texts[70..]).unwrap();
        store.append_records(&records[..50]).unwrap();
        store.append_records(&records[50..]).unwrap();
        assert_eq!(store.len(), a.corpus.documents.len());
        let (mut claims, mut mentions, mut dated) = (0, 0, 0);
        for i in 0..store.len() {
            let p = store.load(i);
            let text = &a.corpus.documents[i].text;
            assert_eq!(&store.text(i), text);
            assert_eq!(store.words(i), text.split_whitespace().count());
            assert_eq!(p.mentions, a.mentions[i], "mentions of document {i}");
            assert_eq!(p.claims, a.claims[i], "claims of document {i}");
            for w in p.claims.windows(2) {
                assert!(std::ptr::eq(w[0].source.as_str(), w[1].source.as_str()));
                if w[0].sentence == w[1].sentence {
                    assert!(std::ptr::eq(w[0].sentence.as_str(), w[1].sentence.as_str()));
                }
            }
            claims += p.claims.len();
            mentions += p.mentions.len();
            dated += p.claims.iter().filter(|c| c.date.is_some()).count();
        }
        assert!(claims > 1000 && mentions > 5000 && dated > 100);
    }

    #[test]
    fn an_anchor_resolves_the_relative_dates_when_loaded() {
        let mut c =
            crate::reconcile::test_claim(ClaimKind::Date, "on Saturday", "It was on Saturday.");
        c.date = Some(DateValue {
            text: "on Saturday".into(),
            value: None,
            granularity: "day".into(),
            relative: None,
            inferred: false,
        });
        let found = crate::extract::extract_claims(
            &crate::ingest::document_from_text("x", "Thousands marched on Saturday in Minsk."),
            &[],
        );
        let relative: Vec<Claim> = found
            .into_iter()
            .filter(|c| c.date.as_ref().is_some_and(|d| d.relative.is_some()))
            .collect();
        assert!(!relative.is_empty(), "a relative date to resolve");
        let mut store = DocStore::new().unwrap();
        store
            .append_records(&[encode(&[], &[c.clone()]), encode(&[], &relative)])
            .unwrap();
        let date: Date = "2020-08-12".parse().unwrap();
        store.set_anchor(1, date);
        assert_eq!(store.load(0).claims, [c]);
        let mut want = relative.clone();
        crate::extract::resolve_relative_dates(&mut want, date);
        assert_ne!(want, relative);
        assert_eq!(store.load(1).claims, want);
    }
}
