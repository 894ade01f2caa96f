//! What the three ingest targets share: read arbitrary bytes as one format, and check that
//! the input is accounted for and every paragraph span lies on character boundaries.

use concord::Corpus;
use concord::ingest::{self, IngestOptions, InputFormat};

pub fn ingest(name: &str, bytes: &[u8], format: InputFormat) {
    let mut c = Corpus::default();
    let opts = IngestOptions {
        input_format: Some(format),
        ..IngestOptions::default()
    };
    ingest::read_bytes(name, bytes, &opts, &mut c);
    assert!(c.given() >= 1, "an input vanished from the accounting");
    for d in &c.documents {
        for p in &d.paragraphs {
            assert!(
                d.text.get(p.start..p.end).is_some(),
                "paragraph span off a char boundary"
            );
        }
    }
}
