//! Quotes and speakers on arbitrary text, with the mentions the pipeline would give them:
//! no panic, spans on character boundaries.
#![no_main]

use concord::ingest::document_from_text;
use concord::normalize::find_mentions;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let doc = document_from_text("fuzz", text);
    let mentions = find_mentions(&doc);
    for m in &mentions {
        assert!(doc.text.get(m.span.start..m.span.end).is_some());
    }
    for q in concord::extract::quotes::find_quotes(&doc.text, &mentions) {
        assert!(doc.text.get(q.span.start..q.span.end).is_some());
    }
});
