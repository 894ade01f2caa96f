//! Issue 8: extraction stays linear on giant single-line text. These tests check what is
//! found on a megabyte line, not how long it takes (timings live in BENCHMARKS.md); before
//! the context windows the second one ran for minutes.

use concord::extract::{ClaimKind, extract_claims};
use concord::ingest::document_from_text;

const MB: usize = 1 << 20;

/// Repeats `unit` to about a megabyte, on one line; returns the text and the repetitions.
fn line_of(unit: &str) -> (String, usize) {
    let reps = MB / unit.len() + 1;
    (unit.repeat(reps), reps)
}

fn count(claims: &[concord::extract::Claim], kind: ClaimKind) -> usize {
    claims.iter().filter(|c| c.kind == kind).count()
}

#[test]
fn a_megabyte_line_of_news_sentences() {
    let (text, reps) = line_of(
        "Police said about 300 people were detained in Minsk on Saturday. \
         “We will not stop,” Ivan Petrov told reporters. ",
    );
    assert!(!text.contains('\n'));
    let doc = document_from_text("hostile/sentences.txt", &text);
    let claims = extract_claims(&doc, &[]);
    assert_eq!(count(&claims, ClaimKind::Detained), reps);
    assert_eq!(count(&claims, ClaimKind::Quote), reps);
    for c in &claims {
        match c.kind {
            ClaimKind::Detained => {
                assert_eq!((c.low, c.high), (Some(240.0), Some(360.0)));
                assert!(c.sentence.len() < 100, "{}", c.sentence);
            }
            ClaimKind::Quote => assert_eq!(c.speaker.as_deref(), Some("Ivan Petrov")),
            other => panic!("unexpected {other:?}: {}", c.phrase),
        }
    }
}

#[test]
fn a_megabyte_sentence_without_a_stop() {
    let (text, reps) = line_of(
        "about 300 people were detained, according to police, and \
         “we will not stop,” Ivan Petrov told reporters, and ",
    );
    let doc = document_from_text("hostile/one-sentence.txt", &text);
    let claims = extract_claims(&doc, &[]);
    assert_eq!(count(&claims, ClaimKind::Detained), reps);
    assert_eq!(count(&claims, ClaimKind::Quote), reps);
    for c in &claims {
        // A claim in a giant sentence carries a window of it, not the megabyte.
        assert!(
            c.sentence.len() <= 2 * 600 + c.phrase.len(),
            "{}",
            c.sentence.len()
        );
        if c.kind == ClaimKind::Detained {
            assert_eq!(c.attribution.as_deref(), Some("according to police"));
        } else {
            assert_eq!(c.speaker.as_deref(), Some("Ivan Petrov"));
        }
    }
}

#[test]
fn a_megabyte_of_unmatched_quote_marks() {
    // Every mark opens a quote that never closes: each must not search the rest of the line.
    let (text, _) = line_of("«ten people rallied, \"ten people marched, ");
    let doc = document_from_text("hostile/marks.txt", &text);
    let claims = extract_claims(&doc, &[]);
    assert_eq!(count(&claims, ClaimKind::Quote), 0);
}
