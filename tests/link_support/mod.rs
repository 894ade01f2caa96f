//! Shared by the link tests: loading fixtures/link with hand-set publication dates.

use concord::Document;
use concord::ingest::document_from_text;

pub const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/link");

/// Reads `fixtures/link/NAME` as a document published on `published` (YYYY-MM-DD).
pub fn load(name: &str, published: Option<&str>) -> Document {
    let text = std::fs::read_to_string(format!("{DIR}/{name}")).unwrap();
    let mut d = document_from_text(name, &text);
    d.published = published.map(|p| p.parse().unwrap());
    d
}
