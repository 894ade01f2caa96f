//! Properties of names, similarity, linking and the JSON report (issue 8): name keys do not
//! change with case, accents or hidden characters; similarity is symmetric and within [0, 1];
//! events and duplicate groups do not depend on the order of the inputs; an exact copy always
//! lands with its original; the JSON report round-trips.
//!
//! The corpora are the seeds and the link and report fixtures, sampled and shuffled.

use concord::ingest::{self, IngestOptions, Source};
use concord::link::{self, DedupOptions, minhash, tokens};
use concord::normalize::{CompareOptions, compare_names, fold};
use concord::report;
use concord::{Document, Options, analyse};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// Seeds plus the link and report fixtures: 16 articles, some of them copies of each other.
fn pool() -> &'static [Document] {
    static POOL: OnceLock<Vec<Document>> = OnceLock::new();
    POOL.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut sources = ingest::seed_sources();
        sources.push(Source::Path(root.join("link")));
        sources.push(Source::Path(root.join("report")));
        let c = ingest::load(&sources, &IngestOptions::default()).unwrap();
        assert!(c.documents.len() >= 14, "{}", c.accounting_line());
        c.documents
    })
}

fn corpus_of(docs: Vec<Document>) -> concord::Corpus {
    concord::Corpus {
        documents: docs,
        ..Default::default()
    }
}

/// Events as sets of sources with their dates: what clustering decided, whatever the order.
fn event_sets(a: &concord::Analysis) -> BTreeSet<(Vec<String>, Option<String>)> {
    a.events
        .events
        .iter()
        .map(|e| {
            let mut s = e.sources.clone();
            s.sort();
            (s, e.date.map(|d| d.to_string()))
        })
        .collect()
}

fn dup_sets(groups: &[link::DupGroup]) -> BTreeSet<Vec<String>> {
    groups
        .iter()
        .map(|g| {
            let mut s: Vec<String> = g.members.iter().map(|m| m.source.clone()).collect();
            s.push(g.representative.clone());
            s.sort();
            s.dedup();
            s
        })
        .collect()
}

/// Name words as the articles write them, in Latin and Cyrillic.
const NAME_WORDS: &[&str] = &[
    "Alexander",
    "Aliaksandr",
    "Lukashenko",
    "Lukashenka",
    "Łukaszenka",
    "Svetlana",
    "Sviatlana",
    "Tikhanovskaya",
    "Tsikhanouskaya",
    "Ciechanoŭskaja",
    "Maria",
    "Kolesnikova",
    "Kalesnikava",
    "Vladimir",
    "Putin",
    "Poutine",
    "Александр",
    "Лукашенко",
    "Аляксандр",
    "Лукашэнка",
    "Светлана",
    "Тихановская",
    "Olga",
    "Petrova",
    "Ivanova",
    "Ivanov",
    "Zelensky",
    "Zelenskyy",
    "Navalny",
];

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::collection::vec(proptest::sample::select(NAME_WORDS), 1..4)
            .prop_map(|w| w.join(" ")),
        1 => "[A-Z][a-z]{2,9}( [A-Z][a-z]{2,12}){0,2}",
        1 => "\\PC{1,24}",
    ]
}

/// Marks that only decorate a vowel (acute, grave, tilde, macron): the fold drops them. Not the breve: ŭ is the Belarusian
/// Łacinka letter for ў and folds to w.
const MARKS: &[char] = &['\u{0301}', '\u{0300}', '\u{0303}', '\u{0304}'];

/// `word` with decorative accents on some vowels and hidden characters between some letters.
fn decorate(word: &str, picks: &[usize]) -> String {
    let mut out = String::new();
    for (i, c) in word.chars().enumerate() {
        out.push(c);
        let p = picks[i % picks.len()];
        if "aeiouAEIOU".contains(c) && p % 3 == 0 {
            out.push(MARKS[p % MARKS.len()]);
        }
        if p % 7 == 1 {
            out.push(['\u{200B}', '\u{00AD}', '\u{2060}', '\u{202E}'][p % 4]);
        }
    }
    out.nfc().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// The keys of a name word are the same in any case, with decorative accents and with
    /// zero-width or bidi characters inside it.
    #[test]
    fn name_keys_stable_under_case_and_diacritics(
        word in "[A-Za-z]{2,14}",
        picks in proptest::collection::vec(0usize..21, 1..8),
    ) {
        let keys = fold::word_keys(&word);
        prop_assert!(!keys.is_empty());
        prop_assert_eq!(&fold::word_keys(&word.to_uppercase()), &keys);
        prop_assert_eq!(&fold::word_keys(&word.to_lowercase()), &keys);
        let decorated = decorate(&word, &picks);
        prop_assert_eq!(&fold::word_keys(&decorated), &keys, "{:?}", decorated);
    }

    /// Whole names: changing case and adding decorative accents never changes the decision.
    #[test]
    fn name_decisions_stable_under_case_and_diacritics(
        a in proptest::collection::vec(proptest::sample::select(NAME_WORDS), 1..4),
        picks in proptest::collection::vec(0usize..21, 1..8),
    ) {
        let a = a.join(" ");
        let opts = CompareOptions::default();
        let decorated = decorate(&a, &picks);
        let m = compare_names(&a, &decorated, &opts);
        prop_assert!(m.same, "{a:?} vs {decorated:?}: {m:?}");
        prop_assert!(compare_names(&a, &a.to_uppercase(), &opts).same);
    }

    /// Name similarity is symmetric, in [0, 1], and a name is the same as itself.
    #[test]
    fn name_similarity_symmetric_and_bounded(a in name(), b in name()) {
        let opts = CompareOptions::default();
        let ab = compare_names(&a, &b, &opts);
        let ba = compare_names(&b, &a, &opts);
        prop_assert!((0.0..=1.0).contains(&ab.score), "{a:?} {b:?}: {}", ab.score);
        prop_assert_eq!(ab.score, ba.score, "{:?} vs {:?}", a, b);
        prop_assert_eq!(ab.same, ba.same);
        prop_assert_eq!(ab.vetoed, ba.vetoed);
    }

    /// MinHash estimates and exact shingle Jaccard are symmetric and in [0, 1], and the
    /// estimate of a text against itself is 1.
    #[test]
    fn text_similarity_symmetric_and_bounded(
        i in 0usize..16, j in 0usize..16, cut in 0usize..400,
    ) {
        let pool = pool();
        let a = &pool[i % pool.len()].text;
        let b = &pool[j % pool.len()].text;
        // A trimmed copy as well, so pairs with partial overlap occur.
        let cut = (0..=cut.min(b.len())).rev().find(|&k| b.is_char_boundary(k)).unwrap_or(0);
        let b = &b[cut..];
        let hasher = minhash::MinHasher::new(minhash::Banding::default());
        let sh = |t: &str| tokens::shingles(&tokens::words(t), 5);
        let (sa, sb) = (sh(a), sh(b));
        let (ga, gb) = (hasher.signature(&sa), hasher.signature(&sb));
        let est = minhash::estimate(&ga, &gb);
        prop_assert!((0.0..=1.0).contains(&est));
        prop_assert_eq!(est, minhash::estimate(&gb, &ga));
        prop_assert_eq!(minhash::estimate(&ga, &ga), 1.0);
        let (xa, xb) = (tokens::shingle_set(&sa), tokens::shingle_set(&sb));
        let inter = tokens::intersection_len(&xa, &xb);
        prop_assert_eq!(inter, tokens::intersection_len(&xb, &xa));
        let union = xa.len() + xb.len() - inter;
        let jaccard = if union == 0 { 0.0 } else { inter as f64 / union as f64 };
        prop_assert!((0.0..=1.0).contains(&jaccard));
    }
}

proptest! {
    // The whole pipeline per case: fewer cases.
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Events, duplicate groups and entities do not depend on the order of the inputs.
    #[test]
    fn clustering_does_not_depend_on_input_order(
        picked in proptest::sample::subsequence((0..16usize).collect::<Vec<_>>(), 3..9)
            .prop_flat_map(|p| (Just(p.clone()), Just(p).prop_shuffle())),
    ) {
        let (sorted, shuffled) = picked;
        let pool = pool();
        let take = |ix: &[usize]| -> Vec<Document> {
            ix.iter().filter_map(|&i| pool.get(i).cloned()).collect()
        };
        let opts = Options::default();
        let a = analyse(corpus_of(take(&sorted)), &opts);
        let b = analyse(corpus_of(take(&shuffled)), &opts);
        prop_assert_eq!(event_sets(&a), event_sets(&b));
        prop_assert_eq!(dup_sets(&a.duplicates), dup_sets(&b.duplicates));
        let ents = |x: &concord::Analysis| -> BTreeSet<String> {
            x.entities.iter().map(|e| e.id.clone()).collect()
        };
        prop_assert_eq!(ents(&a), ents(&b));
    }

    /// A byte-for-byte copy of an article under another name always lands in the same
    /// duplicate group and the same event as the original, wherever it sits in the input.
    #[test]
    fn exact_duplicates_always_land_together(
        picked in proptest::sample::subsequence((0..16usize).collect::<Vec<_>>(), 2..7),
        which in 0usize..7,
        at in 0usize..8,
    ) {
        let pool = pool();
        let mut docs: Vec<Document> = picked.iter().filter_map(|&i| pool.get(i).cloned()).collect();
        let mut copy = docs[which % docs.len()].clone();
        let original = copy.source.clone();
        copy.source = format!("copy-of/{original}");
        let copy_source = copy.source.clone();
        docs.insert(at.min(docs.len()), copy);
        let groups = link::dedup(&docs, &DedupOptions::default());
        prop_assert!(
            dup_sets(&groups).iter().any(|g| g.contains(&original) && g.contains(&copy_source)),
            "{original} and its copy apart: {groups:#?}"
        );
        let a = analyse(corpus_of(docs), &Options::default());
        prop_assert!(
            a.events.events.iter().any(|e| e.sources.contains(&original) && e.sources.contains(&copy_source)),
            "{original} and its copy in different events"
        );
    }

    /// The JSON report parses back into the report model and prints the same bytes.
    #[test]
    fn json_report_round_trips(
        picked in proptest::sample::subsequence((0..16usize).collect::<Vec<_>>(), 1..8),
    ) {
        let pool = pool();
        let docs: Vec<Document> = picked.iter().filter_map(|&i| pool.get(i).cloned()).collect();
        let r = report::build(&analyse(corpus_of(docs), &Options::default()));
        let first = report::json::render(&r).unwrap();
        let back: report::Report = serde_json::from_str(&first).unwrap();
        let second = report::json::render(&back).unwrap();
        prop_assert!(first == second, "JSON changed on a round trip");
        // And as untyped JSON: nothing the model drops or renames on the way.
        let v: serde_json::Value = serde_json::from_str(&first).unwrap();
        prop_assert_eq!(serde_json::to_string_pretty(&v).unwrap() + "\n", first);
    }
}
