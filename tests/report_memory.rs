//! What `concord report` drops or packs to hold less per article (issue 7) must not change a
//! byte of the report: the documents without the ingest records only `clean` prints, and the
//! mentions' rules as one-byte ids.

use concord::corpus_gen::{RealisticOptions, generate, to_jsonl};
use concord::ingest::{IngestOptions, load, read_bytes, seed_sources};
use concord::normalize::{Mention, MentionRule};
use concord::{Corpus, analyse, report};

fn json_report(corpus: Corpus) -> String {
    let analysis = analyse(corpus, &concord::Options::default());
    report::json::render(&report::build(&analysis)).unwrap()
}

fn realistic(articles: usize, seed: u64) -> Corpus {
    let (articles, _) = generate(&RealisticOptions {
        articles,
        seed,
        copy_share: 0.3,
    });
    let mut corpus = Corpus::default();
    read_bytes(
        "gen.jsonl",
        &to_jsonl(&articles),
        &IngestOptions::default(),
        &mut corpus,
    );
    corpus
}

#[test]
fn the_report_is_the_same_without_the_ingest_records() {
    let seeds = load(&seed_sources(), &IngestOptions::default()).unwrap();
    for corpus in [seeds, realistic(300, 5)] {
        // The records are there to drop: otherwise this would compare a corpus with itself.
        assert!(corpus.documents.iter().any(|d| !d.provenance.is_empty()));
        assert!(corpus.documents.iter().any(|d| !d.paragraphs.is_empty()));
        let mut slim = corpus.clone();
        slim.drop_ingest_records();
        assert!(slim.documents.iter().all(|d| d.paragraphs.is_empty()
            && d.format.is_empty()
            && d.provenance.is_empty()
            && d.boilerplate.is_empty()
            && d.related_links.is_empty()
            && d.warnings.is_empty()
            && d.extra.is_empty()));
        assert_eq!(json_report(slim), json_report(corpus));
    }
}

#[test]
fn mention_rules_are_one_byte_and_serialise_as_their_names() {
    assert_eq!(std::mem::size_of::<MentionRule>(), 1);
    // Span (two usizes), two shared strings, the entity id and two one-byte fields.
    assert!(std::mem::size_of::<Mention>() <= 72);
    let seeds = load(&seed_sources(), &IngestOptions::default()).unwrap();
    let mentions: Vec<Mention> = seeds
        .documents
        .iter()
        .flat_map(concord::normalize::find_mentions)
        .collect();
    let rules: std::collections::BTreeSet<&str> =
        mentions.iter().map(|m| m.rule.as_str()).collect();
    assert!(
        rules.contains("gazetteer") && rules.contains("given name"),
        "{rules:?}"
    );
    for m in &mentions {
        let v = serde_json::to_value(m).unwrap();
        assert_eq!(v["rule"], m.rule.as_str());
        let back: Mention = serde_json::from_value(v).unwrap();
        assert_eq!(&back, m);
        assert_eq!(MentionRule::from(m.rule.as_str()), m.rule);
    }
    assert_eq!(MentionRule::from("no such rule"), MentionRule::Other);
}
