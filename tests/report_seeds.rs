//! Every report format on the built-in seeds, through the whole pipeline: snapshots that
//! show in a diff what any stage's change does to what a fact-checker reads. When a stage
//! improves on purpose, review the new snapshot and accept it (INSTA_UPDATE=always).

use concord::ingest::{self, IngestOptions};
use concord::report::{self, Report};

fn report() -> Report {
    let corpus = ingest::load(&ingest::seed_sources(), &IngestOptions::default()).unwrap();
    report::build(&concord::analyse(corpus, &concord::Options::default()))
}

#[test]
fn seeds_every_format() {
    let r = report();
    insta::assert_snapshot!("seeds_text", report::text::render(&r, false));
    insta::assert_snapshot!("seeds_markdown", report::markdown::render(&r));
    insta::assert_snapshot!("seeds_json", report::json::render(&r).unwrap());
    insta::assert_snapshot!("seeds_jsonl", report::jsonl::render(&r).unwrap());
    insta::assert_snapshot!("seeds_html", report::html::render(&r));
    insta::assert_snapshot!(
        "seeds_claimreview",
        report::claimreview::render(&r).unwrap()
    );
}

#[test]
fn seeds_report_shows_the_minsk_discrepancy() {
    let t = report::text::render(&report(), false);
    assert!(t.contains("✗ crowd (people), 2019-12-07, one day"), "{t}");
    assert!(t.contains("\"Several hundred people\" [200, 999]"));
    assert!(t.contains("\"More than 1,000 people\" (1000, 1999]"));
    assert!(t.contains("Alyaksandr Lukashenka"));
    assert!(t.contains("Svyatlana Tsikhanouskaya"));
    assert!(t.contains("tenure of Alexander Lukashenko, as a start year"));
}
