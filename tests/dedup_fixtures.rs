//! Dedup on fixtures/link: a corpus with known answers (see fixtures/link/README.md).

use concord::Document;
use concord::link::{DedupOptions, DupGroup, DupMember, dedup};

mod link_support;
use link_support::load;

fn corpus() -> Vec<Document> {
    vec![
        load("syndicated_header_footer.txt", Some("2024-03-05")),
        load("march_first.txt", Some("2024-03-02")),
        load("trimmed_copy.txt", None),
        load("wire_original.txt", Some("2024-03-04")),
        load("reused_paragraph.txt", Some("2024-03-09")),
        load("exact_copy.txt", Some("2024-03-04")),
        load("march_second.txt", Some("2024-03-09")),
    ]
}

fn member<'a>(g: &'a DupGroup, source: &str) -> &'a DupMember {
    g.members
        .iter()
        .find(|m| m.source == source)
        .unwrap_or_else(|| panic!("{source} not in group {g:#?}"))
}

#[test]
fn copies_form_one_group_around_the_earliest_longest_original() {
    let docs = corpus();
    let groups = dedup(&docs, &DedupOptions::default());
    assert_eq!(groups.len(), 1, "{groups:#?}");
    let g = &groups[0];
    // wire_original and exact_copy share the earliest date; the tie goes to the longer text,
    // then to the first source name.
    assert_eq!(g.representative, "exact_copy.txt");
    let mut sources: Vec<&str> = g.members.iter().map(|m| m.source.as_str()).collect();
    sources.sort();
    assert_eq!(
        sources,
        [
            "reused_paragraph.txt",
            "syndicated_header_footer.txt",
            "trimmed_copy.txt",
            "wire_original.txt"
        ]
    );

    let exact = member(g, "wire_original.txt");
    assert_eq!(exact.relation, "exact");
    assert_eq!(exact.similarity, 1.0);

    let synd = member(g, "syndicated_header_footer.txt");
    assert_eq!(synd.relation, "near_duplicate");
    assert!(synd.similarity > 0.6 && synd.similarity < 1.0, "{synd:?}");
    assert_eq!(synd.containment, 1.0);

    let trimmed = member(g, "trimmed_copy.txt");
    assert_eq!(trimmed.relation, "contained");
    assert!(trimmed.similarity < 0.5, "{trimmed:?}");
    assert_eq!(trimmed.containment, 1.0);
}

#[test]
fn a_reused_paragraph_is_reported_with_offsets_in_both_documents() {
    let docs = corpus();
    let groups = dedup(&docs, &DedupOptions::default());
    let g = &groups[0];
    let m = member(g, "reused_paragraph.txt");
    assert_eq!(m.relation, "shared_passage");
    assert!(m.via.is_none());
    assert!(m.similarity < 0.2, "{m:?}");
    assert_eq!(m.shared_passages.len(), 1, "{m:#?}");
    let p = &m.shared_passages[0];
    let rep = docs.iter().find(|d| d.source == g.representative).unwrap();
    let reuse = docs
        .iter()
        .find(|d| d.source == "reused_paragraph.txt")
        .unwrap();
    let in_rep = p.a.slice(&rep.text);
    let in_reuse = p.b.slice(&reuse.text);
    assert!(in_rep.starts_with("The Union of Harbour and Ferry Workers said"));
    assert!(in_rep.ends_with("nineteen months"), "{in_rep}");
    assert_eq!(in_rep, in_reuse);
    assert_eq!(p.words, concord::link::tokens::words(in_rep).len());
}

#[test]
fn the_syndicated_copy_shares_the_whole_story_but_not_its_header() {
    let docs = corpus();
    let groups = dedup(&docs, &DedupOptions::default());
    let synd = member(&groups[0], "syndicated_header_footer.txt");
    let doc = docs
        .iter()
        .find(|d| d.source == "syndicated_header_footer.txt")
        .unwrap();
    let covered: String = synd
        .shared_passages
        .iter()
        .map(|p| p.b.slice(&doc.text))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(covered.starts_with("Ferry workers strike shuts Valdora harbour"));
    assert!(covered.contains("on the mainland"));
    assert!(!covered.contains("Northern Courier"));
}

#[test]
fn similar_events_a_week_apart_are_not_duplicates() {
    let groups = dedup(&corpus(), &DedupOptions::default());
    for g in &groups {
        assert!(!g.representative.starts_with("march_"));
        assert!(g.members.iter().all(|m| !m.source.starts_with("march_")));
    }
}

#[test]
fn output_does_not_depend_on_input_order() {
    let docs = corpus();
    let mut reversed = docs.clone();
    reversed.reverse();
    let a = dedup(&docs, &DedupOptions::default());
    assert_eq!(a, dedup(&reversed, &DedupOptions::default()));
    assert_eq!(a, dedup(&docs, &DedupOptions::default()));
}

#[test]
fn the_seeds_hold_no_near_duplicates() {
    let docs: Vec<Document> = concord::ingest::SEEDS
        .iter()
        .map(|(name, bytes)| {
            concord::ingest::document_from_text(name, std::str::from_utf8(bytes).unwrap())
        })
        .collect();
    let groups = dedup(&docs, &DedupOptions::default());
    assert!(groups.is_empty(), "{groups:#?}");
}

mod exact_copies {
    use super::*;
    use proptest::prelude::*;

    /// Articles of distinct words (so unrelated ones never share a passage) and exact copies
    /// of some of them, the copies differing only in case, spacing and quote style.
    fn article(i: usize) -> String {
        (0..40)
            .map(|w| format!("w{i}x{w}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]
        #[test]
        fn exact_copies_land_in_one_group_whatever_the_order(
            copies in proptest::collection::vec(1usize..4, 1..8),
            order in proptest::collection::vec(any::<u32>(), 30),
        ) {
            // copies[i] extra copies of article i, plus three articles without copies.
            let mut docs = Vec::new();
            for (i, &n) in copies.iter().enumerate() {
                let text = article(i);
                docs.push(concord::ingest::document_from_text(&format!("a{i}_orig.txt"), &text));
                for c in 0..n {
                    let copy = format!("  {}  ", text.to_uppercase().replace(' ', "   "));
                    docs.push(concord::ingest::document_from_text(&format!("a{i}_copy{c}.txt"), &copy));
                }
            }
            for j in 0..3 {
                let i = copies.len() + j;
                docs.push(concord::ingest::document_from_text(&format!("a{i}_orig.txt"), &article(i)));
            }
            // Shuffle by the drawn keys.
            let mut keyed: Vec<(u32, Document)> =
                docs.into_iter().enumerate().map(|(i, d)| (order[i % order.len()] ^ i as u32, d)).collect();
            keyed.sort_by_key(|k| k.0);
            let docs: Vec<Document> = keyed.into_iter().map(|k| k.1).collect();

            let groups = dedup(&docs, &DedupOptions::default());
            prop_assert_eq!(groups.len(), copies.len(), "{:#?}", groups);
            for g in &groups {
                let prefix = g.representative.split('_').next().unwrap().to_string();
                let n = copies[prefix[1..].parse::<usize>().unwrap()];
                prop_assert_eq!(g.members.len(), n);
                for m in &g.members {
                    prop_assert!(m.source.starts_with(&format!("{prefix}_")), "{:?}", m);
                    prop_assert_eq!(m.relation.as_str(), "exact");
                }
            }
        }
    }
}
