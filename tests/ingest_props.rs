//! Properties of cleaning: it never panics on arbitrary bytes, it accounts for every input,
//! and cleaning a cleaned article changes nothing.

use concord::Corpus;
use concord::ingest::{self, IngestOptions, InputFormat};
use proptest::prelude::*;

fn read(name: &str, bytes: &[u8], format: Option<InputFormat>) -> Corpus {
    let mut c = Corpus::default();
    let opts = IngestOptions {
        input_format: format,
        ..IngestOptions::default()
    };
    ingest::read_bytes(name, bytes, &opts, &mut c);
    c
}

/// A line of an article-like text: prose, headline-ish lines, and boilerplate of the kinds
/// the cleaner removes.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[A-Z][a-z]{1,9}( [a-z]{1,9}| [A-Z][a-z]{1,8}| [0-9]{1,4},?){2,14}[.?]",
        3 => "[a-z]{1,9}( [a-z]{1,9}){1,10}-?",
        2 => "[A-Z][a-z]{2,8}( [A-Z][a-z]{2,8}){1,5}",
        1 => Just("Skip to content".to_string()),
        1 => Just("Related article: Talks End Without a Deal".to_string()),
        1 => Just("https://www.example.org/2025/01/01/story".to_string()),
        1 => Just("Reuters contributed reporting to this article.".to_string()),
        1 => Just("Tatyana Zenkovich / EPA / TASS".to_string()),
        1 => Just("December 7, 2019".to_string()),
        2 => Just(String::new()),
    ]
}

fn article() -> impl Strategy<Value = String> {
    proptest::collection::vec(line(), 1..40).prop_map(|ls| ls.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..3000)) {
        for format in [None, Some(InputFormat::Text), Some(InputFormat::Html), Some(InputFormat::Jsonl), Some(InputFormat::Markdown)] {
            let c = read("x", &bytes, format);
            prop_assert!(c.given() >= 1);
        }
    }

    #[test]
    fn never_panics_on_text(s in "\\PC{0,2000}") {
        let c = read("x.txt", s.as_bytes(), None);
        prop_assert!(c.given() >= 1);
        for d in &c.documents {
            let joined: Vec<&str> = d.paragraph_texts().collect();
            prop_assert_eq!(joined.join("\n\n"), d.text.clone());
        }
    }

    /// A cleaned article written back as text (title, blank line, body) cleans to itself.
    #[test]
    fn cleaning_is_idempotent(raw in article()) {
        let first = read("a.txt", raw.as_bytes(), Some(InputFormat::Text));
        if let Some(d) = first.documents.first() {
            let rendered = match &d.title {
                Some(t) => format!("{t}\n\n{}", d.text),
                None => d.text.clone(),
            };
            let second = read("a.txt", rendered.as_bytes(), Some(InputFormat::Text));
            prop_assert_eq!(second.documents.len(), 1, "{:?}", second.skipped);
            let d2 = &second.documents[0];
            prop_assert_eq!(&d2.text, &d.text);
            prop_assert_eq!(&d2.title, &d.title);
            prop_assert!(d2.boilerplate.is_empty(), "{:?}", d2.boilerplate);
        }
    }
}
