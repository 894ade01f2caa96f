//! Every crash input the fuzzers found (fuzz/regressions/TARGET/*) replayed through the same
//! code path as its target, so a fixed crash stays fixed on stable and in CI, without
//! cargo-fuzz. A new target directory must be taught here, or this test fails.

use concord::ingest::document_from_text;
use concord::normalize::find_mentions;
use std::path::Path;

fn quotes(text: &str) {
    let doc = document_from_text("fuzz", text);
    let mentions = find_mentions(&doc);
    for m in &mentions {
        assert!(doc.text.get(m.span.start..m.span.end).is_some());
    }
    for q in concord::extract::quotes::find_quotes(&doc.text, &mentions) {
        assert!(doc.text.get(q.span.start..q.span.end).is_some());
    }
    // The whole extractor too: quotes are found there with the same mentions.
    concord::extract::extract_claims(&doc, &mentions);
}

fn quantities(text: &str) {
    use concord::extract::quantity;
    for q in quantity::find_quantities(text, &[]) {
        assert!(
            text.get(q.relation.span.start..q.relation.span.end)
                .is_some()
        );
    }
    quantity::find_percents(text);
    quantity::find_relations(text);
}

#[test]
fn fuzz_crash_inputs_no_longer_crash() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut replayed = 0;
    for target in std::fs::read_dir(&root).expect("fuzz/regressions") {
        let target = target.expect("entry").path();
        let name = target
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        for input in std::fs::read_dir(&target).expect("target dir") {
            let input = input.expect("entry").path();
            let bytes = std::fs::read(&input).expect("crash input");
            // libFuzzer hands `&str` targets only valid UTF-8.
            let Ok(text) = std::str::from_utf8(&bytes) else {
                continue;
            };
            match name.as_str() {
                "quotes" => quotes(text),
                "quantities" => quantities(text),
                other => panic!("fuzz/regressions/{other}: no replay for this target yet"),
            }
            replayed += 1;
        }
    }
    assert!(
        replayed > 0,
        "no crash inputs found under {}",
        root.display()
    );
}
