//! The document-frequency bound on winnowing fingerprints (`DedupOptions::max_fingerprint_df`):
//! a stock phrase shared by many unrelated articles links none of them, while a paragraph
//! reused by two articles and a story syndicated to many outlets are still found.

use concord::Document;
use concord::ingest::document_from_text;
use concord::link::{DedupOptions, DupGroup, dedup};

/// `n` words no other call shares: `tag` keeps articles apart, the counter keeps words apart.
fn words(tag: &str, n: usize) -> String {
    (0..n)
        .map(|i| format!("{tag}x{i}"))
        .collect::<Vec<_>>()
        .join(" ")
}

const STOCK: &str = "The ministry did not respond to a request for comment on the figures and \
    the organisers said more rallies were planned for the coming weekend in the capital and \
    in other cities.";

/// Fourteen unrelated articles that all carry `STOCK` (30 words) between their own words,
/// and two more that share one 40-word paragraph.
fn corpus() -> Vec<Document> {
    let mut docs: Vec<Document> = (0..14)
        .map(|i| {
            let own = format!("a{i}");
            let text = format!(
                "{}.\n\n{STOCK}\n\n{}.",
                words(&format!("{own}b"), 120),
                words(&format!("{own}e"), 150)
            );
            document_from_text(&format!("stock{i:02}.txt"), &text)
        })
        .collect();
    let reused = words("wire", 40);
    for i in 0..2 {
        let text = format!(
            "{}.\n\n{reused}.\n\n{}.",
            words(&format!("r{i}b"), 200),
            words(&format!("r{i}e"), 200)
        );
        docs.push(document_from_text(&format!("reuse{i}.txt"), &text));
    }
    docs
}

fn sources(g: &DupGroup) -> Vec<&str> {
    let mut s: Vec<&str> = std::iter::once(g.representative.as_str())
        .chain(g.members.iter().map(|m| m.source.as_str()))
        .collect();
    s.sort();
    s
}

#[test]
fn a_stock_phrase_in_many_articles_links_none_of_them() {
    let groups = dedup(&corpus(), &DedupOptions::default());
    assert_eq!(groups.len(), 1, "{groups:#?}");
    assert_eq!(sources(&groups[0]), ["reuse0.txt", "reuse1.txt"]);
    assert_eq!(groups[0].members[0].relation, "shared_passage");
}

#[test]
fn without_the_bound_the_stock_phrase_links_them() {
    // The same corpus with the bound lifted: the 30-word stock phrase is a shared passage
    // (min 25 words), so the fourteen articles join. This is what the bound prevents.
    let opts = DedupOptions {
        max_fingerprint_df: usize::MAX,
        ..Default::default()
    };
    let groups = dedup(&corpus(), &opts);
    let stock = groups
        .iter()
        .find(|g| g.representative.starts_with("stock"))
        .unwrap_or_else(|| panic!("no stock-phrase group: {groups:#?}"));
    assert_eq!(stock.members.len(), 13, "{stock:#?}");
}

#[test]
fn a_story_syndicated_to_more_outlets_than_the_bound_is_still_one_group() {
    // Twenty outlets run the same 400-word story under their own one-line header: every
    // fingerprint of the story is in 21 documents (above the bound), and the copies are
    // found by their MinHash band keys.
    let story = words("story", 400);
    let docs: Vec<Document> = std::iter::once(document_from_text("wire.txt", &story))
        .chain((0..20).map(|i| {
            let text = format!("{}.\n\n{story}", words(&format!("h{i}"), 12));
            document_from_text(&format!("outlet{i:02}.txt"), &text)
        }))
        .collect();
    let opts = DedupOptions::default();
    assert!(opts.max_fingerprint_df < 20);
    let groups = dedup(&docs, &opts);
    assert_eq!(groups.len(), 1, "{groups:#?}");
    assert_eq!(groups[0].members.len(), 20);
    assert!(
        groups[0]
            .members
            .iter()
            .all(|m| m.relation == "near_duplicate"),
        "{groups:#?}"
    );
}
