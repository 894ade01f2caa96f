//! Terms for event linking: content words of the matching form (stop words and news verbs of
//! saying dropped, light plural stripping), names (capitalised words that are not merely
//! sentence-initial) and places (names after a locative preposition), and a TF-IDF model over
//! them with sparse, L2-normalised vectors.

use super::tokens::for_each_word_hashed;
use crate::memo::{MEMO_WORDS, Memo, remembered};
use crate::model::Span;
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::LazyLock;
use std::sync::{Arc, Mutex};

/// Function words and reporting verbs. The English list is the common core of the SMART and
/// NLTK stop lists; "said", "told", "according" and friends are added because every news
/// report uses them and they say nothing about which event it reports.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "even",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "last",
    "like",
    "made",
    "make",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "new",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "said",
    "same",
    "say",
    "says",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "told",
    "too",
    "two",
    "under",
    "until",
    "up",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "year",
    "years",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    "according",
    "added",
    "reported",
    "reports",
    "statement",
    "week",
    "day",
    "time",
    "people",
    "including",
    "news",
    "well",
    "way",
    "back",
    "get",
    "got",
    "yesterday",
    "today",
    "tomorrow",
    "http",
    "https",
    "www",
    "com",
    "html",
];

/// Capitalised words that are not names: weekdays and months (they stay content terms, as
/// reports of one event anchor it on the same day).
const NOT_NAMES: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Words after which a capitalised name is usually a place ("in Minsk", "near Sochi").
const LOCATIVES: &[&str] = &["in", "at", "near", "from", "outside", "across", "to"];

// The word sets and maps of this file are looked up once or more per word of every document,
// with short keys and no untrusted collisions to fear: FxHash (rustc's hasher) costs a few
// instructions a word where std's SipHash cost about 200 (callgrind, 2,000 articles).

fn is_stop(w: &str) -> bool {
    static SET: LazyLock<FxHashSet<&'static str>> =
        LazyLock::new(|| STOP_WORDS.iter().copied().collect());
    SET.contains(w)
}

fn is_not_name(w: &str) -> bool {
    static SET: LazyLock<FxHashSet<&'static str>> =
        LazyLock::new(|| NOT_NAMES.iter().copied().collect());
    SET.contains(w)
}

/// Light stemming for names: plural endings only ("Democrats" / "Democrat"). Names are not
/// English words; a stemmer made for English words has no business with their endings.
pub fn stem(w: &str) -> String {
    let n = w.len();
    if n > 4 && w.ends_with("ies") {
        return format!("{}y", &w[..n - 3]);
    }
    if n > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        return w[..n - 1].to_string();
    }
    w.to_string()
}

/// Content terms take the Snowball (Porter2) English stem, so "protesters", "protested" and
/// "protests" meet. Measured on ECB+ and Lee (tests/accuracy/events.md): against plural
/// stripping alone, B-cubed F1 0.902 -> 0.905 held-out and Lee's Pearson r 0.649 -> 0.673. It
/// does over-merge a few pairs ("university" / "universe"); names keep [`stem`], since a
/// stemmer made for common words would cut a surname's ending.
pub fn term_stem(w: &str) -> Arc<str> {
    stem_and_word(w).0
}

/// The stem of `w` and `w` itself, both shared (memoised per thread).
fn stem_and_word(w: &str) -> (Arc<str>, Arc<str>) {
    thread_local! {
        static STEMMER: rust_stemmers::Stemmer =
            rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
        static STEMS: Memo<(Arc<str>, Arc<str>)> = Memo::default();
    }
    remembered(&STEMS, w, |w| {
        (STEMMER.with(|s| s.stem(w).into()), w.into())
    })
}

/// Of two words with one stem, the one to show a reader: the shorter, then the first in
/// order ("country" for "countri", "president" for "presid").
pub fn plainer<'a>(a: &'a str, b: &'a str) -> &'a str {
    if (b.len(), b) < (a.len(), a) { b } else { a }
}

/// One content term of a document: its stem, its count and the plainest word for it.
pub type Term = (Arc<str>, u32, Arc<str>);

/// What event linking reads from one document's text.
#[derive(Debug, Clone, Default)]
pub struct DocTerms {
    /// Content terms (stems), their counts and the plainest word the text gives each
    /// ([`plainer`]), sorted by stem. The strings are shared with the stem memo, so a bag
    /// costs 40 bytes a term (a tree of owned strings was ~70).
    pub terms: Vec<Term>,
    /// Names (folded), each with its first surface form.
    pub names: BTreeMap<String, String>,
    /// Places (folded), each with its first surface form.
    pub places: BTreeMap<String, String>,
}

impl DocTerms {
    /// How often the content term `t` occurs.
    pub fn count(&self, t: &str) -> Option<u32> {
        let i = self.terms.binary_search_by(|x| (*x.0).cmp(t)).ok()?;
        Some(self.terms[i].1)
    }
}

/// Is the word at `span` the first of a sentence (so its capital says nothing)?
fn sentence_initial(text: &str, span: Span) -> bool {
    let before = text[..span.start].trim_end_matches([' ', '"', '\'', '“', '‘', '(', '«']);
    match before.chars().last() {
        None => true,
        Some(c) => matches!(c, '.' | '!' | '?' | '\n' | ':' | '|' | '—' | '-'),
    }
}

/// What a thread knows about a folded word it has met ([`Lexicon`]), and what the document
/// being read does with it.
struct WordInfo {
    /// The folded word (to tell apart two words whose hashes collide, and to show).
    folded: Arc<str>,
    /// Two characters or more and not a stop word: a content term, and maybe a name.
    content: bool,
    /// A weekday or a month: never a name.
    not_name: bool,
    /// A word after which a name is a place ([`LOCATIVES`]).
    locative: bool,
    /// Its Snowball stem, as an index of [`Lexicon::stems`].
    stem: u32,
    /// Its key as a name ([`stem`]), made the first time it is one.
    name_key: Option<Box<str>>,
    /// The document `count` and `inside` are about ([`Lexicon::stamp`]).
    mark: u32,
    /// How often the document gives it (as a content term).
    count: u32,
    /// Is it capitalised somewhere in the document other than at a sentence start?
    inside: bool,
    /// The document (stamp) whose names, and whose places, already hold this word's key:
    /// its later occurrences there are passed over without a look-up.
    named: u32,
    placed: u32,
}

/// One thread's words for [`doc_terms`]: each distinct folded word is looked up once per
/// occurrence by its hash ([`for_each_word_hashed`], which hashes an ASCII word where it
/// stands), and everything else about it (stop word, stem, name key) is computed once per
/// thread; per-document counts live in the word's entry, stamped with the document. Emptied
/// when it holds [`MEMO_WORDS`] words, as the other word memos are.
#[derive(Default)]
struct Lexicon {
    by_hash: HashIds,
    /// Words whose hash another word already took (about 2^-64 a pair: kept exact anyway).
    by_word: FxHashMap<Box<str>, u32>,
    words: Vec<WordInfo>,
    stems: Vec<Arc<str>>,
    stem_ids: FxHashMap<Arc<str>, u32>,
    stamp: u32,
}

impl Lexicon {
    /// The id of the word at `raw` (ASCII, folded by lower-casing) or with folded form
    /// `folded`, whose hash is `hash`.
    fn id(&mut self, hash: u64, raw: &str, folded: Option<&str>) -> usize {
        if let Some(id) = self.by_hash.get(hash) {
            let known = &self.words[id as usize].folded;
            // Two words of one length up to 8 bytes never share a hash ([`word_hash`]).
            let same = match folded {
                None => {
                    known.len() == raw.len() && (raw.len() <= 8 || raw.eq_ignore_ascii_case(known))
                }
                Some(f) => **known == *f,
            };
            if same {
                return id as usize;
            }
            let f = folded.map_or_else(|| raw.to_ascii_lowercase(), str::to_string);
            if let Some(&id) = self.by_word.get(f.as_str()) {
                return id as usize;
            }
            let id = self.add(&f);
            self.by_word.insert(f.into(), id as u32);
            return id;
        }
        let f = folded.map_or_else(|| raw.to_ascii_lowercase(), str::to_string);
        let id = self.add(&f);
        self.by_hash.insert(hash, id as u32);
        id
    }

    fn add(&mut self, w: &str) -> usize {
        thread_local! {
            static STEMMER: rust_stemmers::Stemmer =
                rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
        }
        let long = w.len() > 1 && w.chars().nth(1).is_some();
        let stem = STEMMER.with(|s| s.stem(w).into_owned());
        let next = self.stems.len() as u32;
        let stem = match self.stem_ids.get(stem.as_str()) {
            Some(&id) => id,
            None => {
                let stem: Arc<str> = stem.into();
                self.stem_ids.insert(stem.clone(), next);
                self.stems.push(stem);
                next
            }
        };
        self.words.push(WordInfo {
            folded: w.into(),
            content: long && !is_stop(w),
            not_name: is_not_name(w),
            locative: LOCATIVES.contains(&w),
            stem,
            name_key: None,
            mark: 0,
            count: 0,
            inside: false,
            named: 0,
            placed: 0,
        });
        self.words.len() - 1
    }

    /// Starts a document: a new stamp, and the lexicon emptied when full.
    fn next_document(&mut self) {
        if self.words.len() >= MEMO_WORDS || self.stamp == u32::MAX {
            *self = Lexicon::default();
        }
        self.stamp += 1;
    }
}

/// Word ids by word hash: an open-addressing table with linear probing, addressed by the
/// hash's top bits (the hashes are `mix`ed, so any bits serve), at most half full. A lookup
/// is a few instructions where a general hash map took about forty per word.
#[derive(Default)]
struct HashIds {
    /// (hash, id); `EMPTY` ids mark free slots.
    slots: Vec<(u64, u32)>,
    len: usize,
}

impl HashIds {
    const EMPTY: u32 = u32::MAX;

    fn slot(&self, hash: u64) -> usize {
        let bits = self.slots.len().trailing_zeros();
        (hash >> (64 - bits)) as usize
    }

    fn get(&self, hash: u64) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.slot(hash);
        loop {
            let (h, id) = self.slots[i];
            if id == Self::EMPTY {
                return None;
            }
            if h == hash {
                return Some(id);
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds `hash` (not yet present) with `id`.
    fn insert(&mut self, hash: u64, id: u32) {
        if 2 * (self.len + 1) > self.slots.len() {
            let size = (2 * self.slots.len()).max(1024);
            let old = std::mem::replace(&mut self.slots, vec![(0, Self::EMPTY); size]);
            self.len = 0;
            for (h, id) in old.into_iter().filter(|x| x.1 != Self::EMPTY) {
                self.insert(h, id);
            }
        }
        let mask = self.slots.len() - 1;
        let mut i = self.slot(hash);
        while self.slots[i].1 != Self::EMPTY {
            i = (i + 1) & mask;
        }
        self.slots[i] = (hash, id);
        self.len += 1;
    }
}

/// Is the first character of `span` in `text` a capital?
fn capital(text: &str, span: Span) -> bool {
    match text.as_bytes()[span.start] {
        b if b < 0x80 => b.is_ascii_uppercase(),
        _ => span
            .slice(text)
            .chars()
            .next()
            .is_some_and(char::is_uppercase),
    }
}

/// Extracts content terms, names and places from a text.
pub fn doc_terms(text: &str) -> DocTerms {
    let mut out = unsorted_doc_terms(text);
    out.terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    out
}

/// [`doc_terms`] with the terms in no particular order: event linking interns them, and
/// sorting a bag's terms by string was a fifth of the cost of making it.
pub(super) fn unsorted_doc_terms(text: &str) -> DocTerms {
    read_terms(text, |reader| {
        for_each_word_hashed(text, |span, hash, folded| reader.word(span, hash, folded))
    })
}

/// [`unsorted_doc_terms`] of `text`, whose words `scan` hands to the [`TermReader`] it is
/// given, in order, as [`for_each_word_hashed`] gives them: so a caller that reads the words
/// for something else too (dedup's sketch) scans the text once.
pub(super) fn read_terms(text: &str, scan: impl FnOnce(&mut TermReader<'_>)) -> DocTerms {
    thread_local! {
        static LEXICON: RefCell<Lexicon> = RefCell::default();
    }
    LEXICON.with(|lex| {
        let mut guard = lex.borrow_mut();
        let lex = &mut *guard;
        lex.next_document();
        let mut reader = TermReader {
            stamp: lex.stamp,
            lex,
            text,
            seen: Vec::new(),
            capitals: Vec::new(),
            prev_locative: false,
        };
        scan(&mut reader);
        reader.finish()
    })
}

/// One document's words as they are read, for [`read_terms`].
pub(super) struct TermReader<'a> {
    lex: &'a mut Lexicon,
    text: &'a str,
    stamp: u32,
    /// The document's distinct words.
    seen: Vec<u32>,
    /// The capitalised content words that may be names (with whether the word before is a
    /// locative), for the second pass: a word is a name only if it is capitalised somewhere
    /// other than a sentence start, which is known once the whole text is read.
    capitals: Vec<(Span, u32, bool)>,
    prev_locative: bool,
}

impl TermReader<'_> {
    /// The next word of the text: its span, [`super::tokens::word_hash`] and folded form
    /// when it has characters outside ASCII.
    #[inline]
    pub(super) fn word(&mut self, span: Span, hash: u64, folded: Option<&str>) {
        let (text, stamp) = (self.text, self.stamp);
        let id = self.lex.id(hash, span.slice(text), folded);
        let cap = capital(text, span);
        let w = &mut self.lex.words[id];
        if w.mark != stamp {
            w.mark = stamp;
            w.count = 0;
            w.inside = false;
            self.seen.push(id as u32);
        }
        if cap && !w.inside && !sentence_initial(text, span) {
            w.inside = true;
        }
        if w.content {
            w.count += 1;
            if cap && !w.not_name {
                self.capitals.push((span, id as u32, self.prev_locative));
            }
        }
        self.prev_locative = w.locative;
    }

    fn finish(self) -> DocTerms {
        let TermReader {
            lex,
            text,
            stamp,
            seen,
            capitals,
            ..
        } = self;
        let mut out = DocTerms::default();
        for (span, id, after_locative) in capitals {
            let w = &mut lex.words[id as usize];
            // After a word's first occurrence its key is in the names (and after its first
            // one behind a locative, in the places): only the first is looked up.
            let place = after_locative && w.placed != stamp;
            let name = w.named != stamp;
            if !w.inside || !(place || name) {
                continue;
            }
            w.named = stamp;
            if after_locative {
                w.placed = stamp;
            }
            let key: &str = w.name_key.get_or_insert_with(|| stem(&w.folded).into());
            let surface = span.slice(text);
            if place && !out.places.contains_key(key) {
                out.places.insert(key.to_string(), surface.to_string());
            }
            if name && !out.names.contains_key(key) {
                out.names.insert(key.to_string(), surface.to_string());
            }
        }
        // Content words are counted as written and summed by stem; the stem's shown word is
        // the plainest ([`plainer`] is a minimum, so the order does not matter).
        let mut by_stem: Vec<(u32, u32, u32)> = seen
            .iter()
            .map(|&id| &lex.words[id as usize])
            .zip(&seen)
            .filter(|(w, _)| w.count > 0)
            .map(|(w, &id)| (w.stem, w.count, id))
            .collect();
        by_stem.sort_unstable_by_key(|x| x.0);
        out.terms = by_stem
            .chunk_by(|a, b| a.0 == b.0)
            .map(|run| {
                let n = run.iter().map(|x| x.1).sum();
                let word = run
                    .iter()
                    .map(|x| &lex.words[x.2 as usize].folded)
                    .reduce(|a, b| if plainer(a, b) != &**a { b } else { a })
                    .expect("a non-empty run");
                (lex.stems[run[0].0 as usize].clone(), n, word.clone())
            })
            .collect();
        out
    }
}

/// A sparse vector: (term id, weight), sorted by id, L2-normalised.
pub type Sparse = Vec<(u32, f32)>;

/// A [`Sparse`] vector held in about 5 bytes an entry rather than 8: each id as its gap
/// from the one before in a byte (a zero byte is followed by the whole id in four), the
/// weights as they are. For vectors many and long enough for the bytes to count (the expanded
/// vectors of event linking, held for every document while pairs are scored).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Packed {
    gaps: Box<[u8]>,
    weights: Box<[f32]>,
}

impl Packed {
    pub fn new(v: &Sparse) -> Self {
        let mut gaps = Vec::with_capacity(v.len() + v.len() / 8);
        let mut last = 0u32;
        for (i, &(t, _)) in v.iter().enumerate() {
            match t.checked_sub(last) {
                Some(g @ 1..=255) if i > 0 => gaps.push(g as u8),
                _ => {
                    gaps.push(0);
                    gaps.extend_from_slice(&t.to_le_bytes());
                }
            }
            last = t;
        }
        Packed {
            gaps: gaps.into(),
            weights: v.iter().map(|x| x.1).collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.weights.len()
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// The entries, (id, weight) in id order.
    #[inline]
    pub fn iter(&self) -> impl Iterator<Item = (u32, f32)> + '_ {
        let (gaps, mut at, mut id) = (&self.gaps, 0usize, 0u32);
        self.weights.iter().map(move |&w| {
            let g = gaps[at];
            if g != 0 {
                id += g as u32;
                at += 1;
            } else {
                let b: [u8; 4] = gaps[at + 1..at + 5].try_into().expect("four bytes");
                id = u32::from_le_bytes(b);
                at += 5;
            }
            (id, w)
        })
    }
}

/// Cosine of two L2-normalised sparse vectors.
pub fn cosine(a: &Sparse, b: &Sparse) -> f64 {
    let (mut i, mut j, mut s) = (0, 0, 0.0f64);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 as f64 * b[j].1 as f64;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// [`cosine`] of two vectors given as their entries in id order (a [`Packed`] vector's):
/// the same products of the shared ids, `a`'s weight times `b`'s, summed in id order.
#[inline]
pub fn cosine_of(
    a: impl IntoIterator<Item = (u32, f32)>,
    b: impl IntoIterator<Item = (u32, f32)>,
) -> f64 {
    let (mut a, mut b) = (a.into_iter(), b.into_iter());
    let (mut x, mut y, mut s) = (a.next(), b.next(), 0.0f64);
    while let (Some(p), Some(q)) = (x, y) {
        match p.0.cmp(&q.0) {
            std::cmp::Ordering::Less => x = a.next(),
            std::cmp::Ordering::Greater => y = b.next(),
            std::cmp::Ordering::Equal => {
                s += p.1 as f64 * q.1 as f64;
                x = a.next();
                y = b.next();
            }
        }
    }
    s
}

/// The content terms of a corpus, interned as each document's bag is made (from several
/// threads), so that a document keeps its terms as (id, count) pairs of eight bytes rather
/// than [`Term`]s of forty while the rest of the corpus is read. Ids are provisional (in
/// order of first sight, which depends on the threads); [`TermInterner::finish`] gives the
/// [`Idf`], whose ids are in term order, and the map from one to the other.
#[derive(Debug, Default)]
pub struct TermInterner(Mutex<Interned>);

#[derive(Debug, Default)]
struct Interned {
    /// Name keys and surface forms, interned alongside the terms.
    names: NameTable,
    ids: FxHashMap<Arc<str>, u32>,
    stems: Vec<Arc<str>>,
    /// The plainest word seen for each stem ([`plainer`]: a minimum, so the order in which
    /// documents arrive does not matter).
    words: Vec<Arc<str>>,
    df: Vec<u32>,
    docs: u32,
}

impl TermInterner {
    /// Counts one document's terms and gives them as (provisional id, count), in the bag's
    /// order.
    pub fn add(&self, terms: Vec<Term>) -> Vec<(u32, u32)> {
        let mut guard = self.0.lock().unwrap_or_else(|e| e.into_inner());
        guard.add(terms)
    }

    /// [`TermInterner::add`] of a document's terms, with its names and places as (name key
    /// id, surface id) of the [`NameTable`], in key order: eight bytes a name where a tree
    /// of owned key and surface strings took about 120, for every document while the corpus
    /// is read.
    pub(super) fn add_doc(&self, terms: DocTerms) -> InternedDoc {
        let DocTerms {
            terms,
            names,
            places,
        } = terms;
        let mut guard = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let v = &mut *guard;
        let ids = |t: &mut NameTable, m: &BTreeMap<String, String>| -> Vec<(u32, u32)> {
            m.iter().map(|(k, s)| (t.key(k), t.surface(s))).collect()
        };
        InternedDoc {
            names: ids(&mut v.names, &names),
            places: ids(&mut v.names, &places),
            terms: v.add(terms),
        }
    }

    /// The name table, to add more names to (a caller that holds the interner alone).
    pub(super) fn names_mut(&mut self) -> &mut NameTable {
        &mut self.0.get_mut().unwrap_or_else(|e| e.into_inner()).names
    }
}

/// One document's terms, names and places as ids of a [`TermInterner`].
#[derive(Debug, Default)]
pub(super) struct InternedDoc {
    /// (provisional term id, count).
    pub terms: Vec<(u32, u32)>,
    /// (provisional name key id, surface id), in key order.
    pub names: Vec<(u32, u32)>,
    pub places: Vec<(u32, u32)>,
}

/// Name keys and their surface forms, each distinct string once. Key ids are provisional
/// (in order of first sight); surface ids are final (any one id per distinct form serves).
#[derive(Debug, Default)]
pub(super) struct NameTable {
    key_ids: FxHashMap<Box<str>, u32>,
    pub keys: Vec<Box<str>>,
    surface_ids: FxHashMap<Box<str>, u32>,
    pub surfaces: Vec<Box<str>>,
}

impl NameTable {
    /// The id of the name key `k`.
    pub fn key(&mut self, k: &str) -> u32 {
        Self::intern(&mut self.key_ids, &mut self.keys, k)
    }

    /// The id of the surface form `s`.
    pub fn surface(&mut self, s: &str) -> u32 {
        Self::intern(&mut self.surface_ids, &mut self.surfaces, s)
    }

    fn intern(ids: &mut FxHashMap<Box<str>, u32>, all: &mut Vec<Box<str>>, s: &str) -> u32 {
        if let Some(&id) = ids.get(s) {
            return id;
        }
        let id = all.len() as u32;
        ids.insert(s.into(), id);
        all.push(s.into());
        id
    }

    /// The surface forms, by id, and the keys, by provisional id; the look-up tables go.
    pub fn finish(self) -> (Vec<Box<str>>, Vec<Box<str>>) {
        (self.surfaces, self.keys)
    }
}

impl Interned {
    fn add(&mut self, terms: Vec<Term>) -> Vec<(u32, u32)> {
        let v = self;
        v.docs += 1;
        terms
            .into_iter()
            .map(|(stem, n, word)| {
                let id = match v.ids.get(&stem) {
                    Some(&id) => id,
                    None => {
                        let id = v.stems.len() as u32;
                        v.ids.insert(stem.clone(), id);
                        v.stems.push(stem);
                        v.words.push(word.clone());
                        v.df.push(0);
                        id
                    }
                };
                let i = id as usize;
                v.df[i] += 1;
                if plainer(&v.words[i], &word) != &*v.words[i] {
                    v.words[i] = word;
                }
                (id, n)
            })
            .collect()
    }
}

impl TermInterner {
    /// The vocabulary as an [`Idf`] (the same as [`Idf::fit`] over the bags given to
    /// [`TermInterner::add`]), the plainest word of each of its ids, and each provisional
    /// id's id in it.
    pub fn finish(self) -> (Idf, Vec<Box<str>>, Vec<u32>) {
        let (idf, words, remap, _) = self.finish_with_names();
        (idf, words, remap)
    }

    /// [`TermInterner::finish`], and the [`NameTable`].
    pub(super) fn finish_with_names(self) -> (Idf, Vec<Box<str>>, Vec<u32>, NameTable) {
        let mut v = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        let names = std::mem::take(&mut v.names);
        let mut order: Vec<u32> = (0..v.stems.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| v.stems[a as usize].cmp(&v.stems[b as usize]));
        let mut remap = vec![0u32; order.len()];
        for (new, &old) in order.iter().enumerate() {
            remap[old as usize] = new as u32;
        }
        let words = order
            .iter()
            .map(|&i| (*v.words[i as usize]).into())
            .collect();
        let idf = Idf::from_sorted(
            order
                .iter()
                .map(|&i| (v.stems[i as usize].to_string(), v.df[i as usize])),
            v.docs,
        );
        (idf, words, remap, names)
    }
}

/// [`Idf::weight`] of a term in `df` of `docs` documents.
fn weight_of(docs: u32, df: u32) -> f64 {
    ((docs as f64 + 1.0) / (df as f64 + 1.0)).ln() + 1.0
}

/// `ln(n)` as `f64`, from a table for the small counts most terms have (the same values:
/// the table is made by the same function).
fn ln_count(n: u32) -> f64 {
    static SMALL: LazyLock<[f64; 64]> = LazyLock::new(|| std::array::from_fn(|n| (n as f64).ln()));
    match SMALL.get(n as usize) {
        Some(&l) => l,
        None => (n as f64).ln(),
    }
}

/// Vocabulary and document frequencies of a collection of term bags.
#[derive(Debug, Clone, Default)]
pub struct Idf {
    ids: FxHashMap<String, u32>,
    terms: Vec<String>,
    df: Vec<u32>,
    /// [`Idf::weight_of_id`] of every id, computed once: a logarithm per term of every
    /// vector and every shared name was 2% of event linking.
    weights: Vec<f64>,
    docs: u32,
}

impl Idf {
    /// Counts document frequencies over `bags` (each bag's keys count once).
    pub fn fit<'a, I, K, T>(bags: I) -> Self
    where
        I: IntoIterator<Item = K>,
        K: IntoIterator<Item = &'a T>,
        T: AsRef<str> + ?Sized + 'a,
    {
        let mut idf = Idf::default();
        for bag in bags {
            idf.docs += 1;
            for t in bag {
                let t = t.as_ref();
                let id = match idf.ids.get(t) {
                    Some(&id) => id,
                    None => {
                        let id = idf.terms.len() as u32;
                        idf.ids.insert(t.to_string(), id);
                        idf.terms.push(t.to_string());
                        idf.df.push(0);
                        id
                    }
                };
                idf.df[id as usize] += 1;
            }
        }
        // Ids in term order, not in order of first appearance: ids break ties (which terms
        // a document is indexed by, the order sums run in), so they must not depend on the
        // order of the inputs.
        let mut order: Vec<u32> = (0..idf.terms.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| idf.terms[a as usize].cmp(&idf.terms[b as usize]));
        let terms = std::mem::take(&mut idf.terms);
        Idf::from_sorted(
            order
                .iter()
                .map(|&i| (terms[i as usize].clone(), idf.df[i as usize])),
            idf.docs,
        )
    }

    /// The vocabulary of `docs` documents from its terms in order with their document
    /// frequencies.
    pub(super) fn from_sorted(terms_df: impl Iterator<Item = (String, u32)>, docs: u32) -> Self {
        let (terms, df): (Vec<String>, Vec<u32>) = terms_df.unzip();
        debug_assert!(terms.is_sorted());
        let weights = df.iter().map(|&n| weight_of(docs, n)).collect();
        Idf {
            ids: terms
                .iter()
                .enumerate()
                .map(|(i, t)| (t.clone(), i as u32))
                .collect(),
            terms,
            df,
            weights,
            docs,
        }
    }

    /// The number of terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
    pub fn id(&self, t: &str) -> Option<u32> {
        self.ids.get(t).copied()
    }
    pub fn term(&self, id: u32) -> &str {
        &self.terms[id as usize]
    }
    pub fn df(&self, id: u32) -> u32 {
        self.df[id as usize]
    }

    /// Smoothed inverse document frequency, `ln((N + 1) / (df + 1)) + 1` (scikit-learn's
    /// default), so a term in every document still weighs a little. Unknown terms count as
    /// seen once.
    pub fn weight(&self, t: &str) -> f64 {
        self.id(t)
            .map_or_else(|| weight_of(self.docs, 1), |i| self.weight_of_id(i))
    }

    /// [`Idf::weight`] of the term with id `id`.
    pub fn weight_of_id(&self, id: u32) -> f64 {
        self.weights[id as usize]
    }

    /// The TF-IDF vector of a bag with sublinear term frequency `1 + ln tf` (Manning et al.,
    /// *Introduction to Information Retrieval*, 6.4.1); unknown terms are dropped.
    pub fn vector<'a>(&self, bag: impl IntoIterator<Item = (&'a str, u32)>) -> Sparse {
        self.vector_of_ids(
            bag.into_iter()
                .filter_map(|(t, tf)| Some((self.id(t)?, tf))),
        )
    }

    /// [`Idf::vector`] of a bag of (term id, count).
    pub fn vector_of_ids(&self, bag: impl IntoIterator<Item = (u32, u32)>) -> Sparse {
        let mut v: Sparse = bag
            .into_iter()
            .map(|(id, tf)| (id, self.raw_weight(id, tf)))
            .collect();
        v.sort_unstable_by_key(|x| x.0);
        let norm = norm_of(v.iter().map(|x| x.1));
        for x in &mut v {
            x.1 = unit(x.1, norm);
        }
        v
    }

    /// The weight of the term `id` counted `tf` times in a bag, before normalisation.
    pub fn raw_weight(&self, id: u32, tf: u32) -> f32 {
        let w = (1.0 + ln_count(tf)) * self.weight_of_id(id);
        w as f32
    }
}

/// The L2 norm of raw weights ([`Idf::raw_weight`]) given in id order.
pub fn norm_of(weights: impl Iterator<Item = f32>) -> f64 {
    weights.map(|w| (w as f64).powi(2)).sum::<f64>().sqrt()
}

/// A raw weight of a vector of norm `norm`, normalised as [`Idf::vector_of_ids`] gives it.
#[inline]
pub fn unit(w: f32, norm: f64) -> f32 {
    if norm > 0.0 {
        (w as f64 / norm) as f32
    } else {
        w
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::tokens::for_each_word;

    /// The per-word sets and maps `doc_terms` used before the thread lexicon: the
    /// reference it must agree with.
    fn reference_doc_terms(text: &str) -> DocTerms {
        // The folded words, back to back in one buffer (one allocation, not one per word).
        let mut folded = String::with_capacity(text.len());
        let mut words: Vec<(Span, std::ops::Range<usize>)> = Vec::with_capacity(text.len() / 6);
        for_each_word(text, |span, w| {
            let at = folded.len();
            folded.push_str(w);
            words.push((span, at..folded.len()));
        });
        let word = |r: &std::ops::Range<usize>| &folded[r.clone()];
        let capital = |span: Span| {
            span.slice(text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        };
        // A word counts as a name if it is capitalised somewhere other than a sentence start.
        let capitalised_inside: FxHashSet<&str> = words
            .iter()
            .filter(|(span, _)| capital(*span) && !sentence_initial(text, *span))
            .map(|(_, r)| word(r))
            .collect();
        let mut out = DocTerms::default();
        // Content words are counted as written first and stemmed once per distinct word: the
        // stem's count is the sum and its shown word the plainest ([`plainer`] is a minimum, so
        // the order does not matter).
        let mut written: FxHashMap<&str, u32> = FxHashMap::default();
        let mut prev: Option<&str> = None;
        for (span, r) in &words {
            let w = word(r);
            let long = w.len() > 1 && w.chars().nth(1).is_some();
            if long && !is_stop(w) {
                if capital(*span) && !is_not_name(w) && capitalised_inside.contains(w) {
                    let key = stem(w);
                    let surface = span.slice(text);
                    if prev.is_some_and(|p| LOCATIVES.contains(&p)) {
                        out.places
                            .entry(key.clone())
                            .or_insert_with(|| surface.to_string());
                    }
                    out.names.entry(key).or_insert_with(|| surface.to_string());
                }
                *written.entry(w).or_default() += 1;
            }
            prev = Some(w);
        }
        let mut counts: FxHashMap<Arc<str>, (u32, Arc<str>)> = FxHashMap::default();
        for (w, n) in written {
            let (stem, word) = stem_and_word(w);
            let e = counts.entry(stem).or_insert((0, word.clone()));
            e.0 += n;
            if plainer(&e.1, &word) != &*e.1 {
                e.1 = word;
            }
        }
        out.terms = counts.into_iter().map(|(t, (n, w))| (t, n, w)).collect();
        out.terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        out
    }

    #[test]
    fn words_whose_hashes_collide_stay_apart() {
        let mut lex = Lexicon::default();
        // One hash for three different words, as a collision would give.
        let a = lex.id(7, "internationally", None);
        let b = lex.id(7, "Constitutional", None);
        let c = lex.id(7, "x", Some("\u{e9}t\u{e9}"));
        assert_eq!(lex.id(7, "INTERNATIONALLY", None), a);
        assert_eq!(lex.id(7, "constitutional", None), b);
        assert_eq!(lex.id(7, "y", Some("\u{e9}t\u{e9}")), c);
        assert!(a != b && b != c && a != c);
        assert_eq!(&*lex.words[b].folded, "constitutional");
        // Many words: the table grows and keeps every one.
        let ids: Vec<usize> = (0..5000u64)
            .map(|i| {
                lex.id(
                    super::super::tokens::word_hash(format!("w{i}").as_bytes()),
                    &format!("w{i}"),
                    None,
                )
            })
            .collect();
        for (i, &id) in ids.iter().enumerate() {
            assert_eq!(&*lex.words[id].folded, format!("w{i}"));
        }
    }

    #[test]
    fn doc_terms_agrees_with_the_reference() {
        let mut texts: Vec<String> = crate::ingest::SEEDS
            .iter()
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .collect();
        for f in ["accord_signing", "march_first", "wire_original"] {
            let path = format!("{}/fixtures/link/{f}.txt", env!("CARGO_MANIFEST_DIR"));
            texts.push(std::fs::read_to_string(path).expect("a fixture"));
        }
        // Capitals inside and at sentence starts, locatives, non-ASCII words (a ligature that
        // folds to ASCII, Cyrillic, a soft hyphen), long words with one hash path each, and
        // words again in another document (the lexicon is reused across documents).
        texts.push(
            "Protesters marched in Minsk. In Minsk, \u{201c}Tsikhanouskaya\u{201d} spoke; \
             The \u{fb01}rst ﬁre near Гродно and No\u{ad}vaya Gazeta. Internationalisation \
             INTERNATIONALISATION internationalisations Saturday saturday MINSK."
                .to_string(),
        );
        texts.push("Minsk minsk Grodno. At Grodno protesters protested: countries country.".into());
        for _ in 0..2 {
            for t in &texts {
                let (a, b) = (doc_terms(t), reference_doc_terms(t));
                assert_eq!(a.names, b.names);
                assert_eq!(a.places, b.places);
                let terms = |d: &DocTerms| -> Vec<(String, u32, String)> {
                    d.terms
                        .iter()
                        .map(|(s, n, w)| (s.to_string(), *n, w.to_string()))
                        .collect()
                };
                assert_eq!(terms(&a), terms(&b));
                assert!(!a.terms.is_empty());
            }
        }
    }

    #[test]
    fn names_places_and_terms() {
        let t = "Protesters gathered in Minsk on Saturday. Putin met Lukashenko in Sochi. \
                 Protests continued.";
        let d = doc_terms(t);
        assert!(d.names.contains_key("minsk"));
        assert!(d.names.contains_key("lukashenko"));
        // Capitals at a sentence start say nothing: "Protesters" and "Putin" (never written
        // elsewhere in this text) are not taken as names.
        assert!(!d.names.contains_key("protester"));
        assert!(!d.names.contains_key("putin"));
        assert_eq!(
            d.places.keys().map(String::as_str).collect::<Vec<_>>(),
            ["minsk", "sochi"]
        );
        // "Protesters" and "Protests" share the stem.
        assert_eq!(d.count("protest"), Some(2));
        // Weekdays anchor an event: a content term, never a name.
        assert_eq!(d.count("saturday"), Some(1));
        assert!(!d.names.contains_key("saturday"));
    }

    #[test]
    fn content_terms_take_the_porter_stem() {
        let d = doc_terms("Protesters protested. The protests grew.");
        assert_eq!(d.count("protest"), Some(3));
        // Shown to a reader as the plainest word the text used (the shortest).
        assert_eq!(
            d.terms.iter().find(|t| &*t.0 == "protest").map(|t| &*t.2),
            Some("protests")
        );
        assert_eq!(plainer("countries", "country"), "country");
        assert_eq!(term_stem("elections"), term_stem("election"));
        // A stem, not a lemma dictionary: unrelated words stay apart.
        assert_ne!(term_stem("protest"), term_stem("protein"));
    }

    #[test]
    fn the_interner_gives_the_fitted_vocabulary() {
        let texts = [
            "Quakes struck the towns",
            "A quake hit the town",
            "Town vote, towns voting",
        ];
        let bags: Vec<Vec<Term>> = texts.iter().map(|s| doc_terms(s).terms).collect();
        let fitted = Idf::fit(bags.iter().map(|b| b.iter().map(|x| &*x.0)));
        let interner = TermInterner::default();
        // Another order of arrival: the provisional ids differ, the result must not.
        let ids: Vec<Vec<(u32, u32)>> =
            bags.iter().rev().map(|b| interner.add(b.clone())).collect();
        let (idf, words, remap) = interner.finish();
        assert_eq!(idf.len(), fitted.len());
        for (bag, ids) in bags.iter().rev().zip(&ids) {
            let by_name = fitted.vector(bag.iter().map(|(k, v, _)| (&**k, *v)));
            let by_id = idf.vector_of_ids(ids.iter().map(|&(p, n)| (remap[p as usize], n)));
            assert_eq!(by_name, by_id);
        }
        let town = idf.id(&term_stem("towns")).expect("a term");
        assert_eq!(&*words[town as usize], "town");
        assert_eq!(idf.df(town), 3);
    }

    #[test]
    fn packed_vectors_give_their_entries_and_the_same_cosines() {
        // Gaps of one, of 255 and 256 (the widest byte and the first escaped), id 0 first.
        let a: Sparse = vec![(0, 0.5), (1, 0.25), (256, 0.125), (512, 1.0), (70_000, 2.0)];
        let b: Sparse = vec![(3, 0.5), (256, 0.75), (511, 0.1), (70_000, 0.3)];
        for v in [&a, &b, &Sparse::new(), &vec![(7, 1.0)]] {
            let p = Packed::new(v);
            assert_eq!(p.iter().collect::<Sparse>(), *v);
            assert_eq!(p.len(), v.len());
        }
        let (pa, pb) = (Packed::new(&a), Packed::new(&b));
        let c = cosine(&a, &b);
        assert!(c > 0.0);
        assert_eq!(
            cosine_of(a.iter().copied(), b.iter().copied()).to_bits(),
            c.to_bits()
        );
        assert_eq!(
            cosine_of(pa.iter(), b.iter().copied()).to_bits(),
            c.to_bits()
        );
        assert_eq!(
            cosine_of(a.iter().copied(), pb.iter()).to_bits(),
            c.to_bits()
        );
    }

    #[test]
    fn stemming_is_light() {
        assert_eq!(stem("protests"), "protest");
        assert_eq!(stem("cities"), "city");
        assert_eq!(stem("crisis"), "crisis");
        assert_eq!(stem("congress"), "congress");
    }

    #[test]
    fn tfidf_cosine_prefers_rare_shared_terms() {
        let bags: Vec<Vec<Term>> = ["quake struck town", "quake hit town", "vote town"]
            .iter()
            .map(|s| doc_terms(s).terms)
            .collect();
        let idf = Idf::fit(bags.iter().map(|b| b.iter().map(|x| &*x.0)));
        let v: Vec<Sparse> = bags
            .iter()
            .map(|b| idf.vector(b.iter().map(|(k, v, _)| (&**k, *v))))
            .collect();
        assert!(cosine(&v[0], &v[1]) > cosine(&v[0], &v[2]));
        assert!((cosine(&v[0], &v[0]) - 1.0).abs() < 1e-6);
    }
}
