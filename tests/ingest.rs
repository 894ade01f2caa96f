//! Ingest over the seeds and over fixtures/ingest: metadata, bodies, boilerplate, skipped
//! reasons and the accounting.

use concord::ingest::{self, IngestOptions, InputFormat, Source};
use concord::{Corpus, Document};
use jiff::civil::date;
use std::path::PathBuf;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/ingest")
}

fn seeds() -> Corpus {
    ingest::load(&ingest::seed_sources(), &IngestOptions::default()).unwrap()
}

fn seed(c: &Corpus, prefix: &str) -> Document {
    c.documents
        .iter()
        .find(|d| d.source.starts_with(&format!("seeds/{prefix}")))
        .unwrap()
        .clone()
}

fn load(rel: &str) -> Corpus {
    ingest::load(
        &[Source::Path(fixtures().join(rel))],
        &IngestOptions::default(),
    )
    .unwrap()
}

#[test]
fn seed_metadata_matches_the_articles() {
    let c = seeds();
    assert_eq!((c.documents.len(), c.skipped.len()), (5, 0));

    let d = seed(&c, "000");
    assert_eq!(
        d.title.as_deref(),
        Some("Hundreds Protest Russia-Belarus Integration Pact in Minsk")
    );
    assert_eq!(d.outlet.as_deref(), Some("The Moscow Times"));
    assert_eq!(
        d.published, None,
        "000 cites 2025 links but has no date of its own"
    );
    assert_eq!(d.credits, vec!["Reuters"]);

    let d = seed(&c, "001");
    assert_eq!(d.outlet.as_deref(), Some("DW"));
    assert_eq!(d.published, Some(date(2019, 12, 7)));
    assert!(!d.published_inferred);
    assert_eq!(
        d.title.as_deref(),
        Some("Belarus crowds rally against closer Russia relations")
    );
    assert_eq!(d.credits, vec!["AP", "AFP"]);

    let d = seed(&c, "002");
    assert_eq!(d.outlet.as_deref(), Some("The Moscow Times"));
    assert_eq!(d.published, Some(date(2020, 9, 11)));
    assert_eq!(d.authors, vec!["Anna Malpas", "Anna Smolchenko"]);
    assert_eq!(d.credits, vec!["AFP"]);
    assert_eq!(
        d.url.as_deref(),
        Some(
            "https://www.themoscowtimes.com/2020/09/11/putin-lukashenko-to-talk-integration-amid-belarus-protests-a71419"
        )
    );

    let d = seed(&c, "003");
    assert_eq!(d.outlet.as_deref(), Some("The Moscow Times"));
    assert_eq!(d.published, None);
    assert_eq!(
        d.title.as_deref(),
        Some("‘Russia Is a Part of Belarus,’ President Lukashenko Quips")
    );

    let d = seed(&c, "004");
    assert_eq!(d.outlet.as_deref(), Some("RFE/RL"));
    assert_eq!(d.published, Some(date(2021, 11, 4)));
    assert!(
        d.published_inferred,
        "004 states November 4; the year is only inferred"
    );
    assert_eq!(d.credits, vec!["AFP"]);
}

#[test]
fn every_metadata_value_has_provenance() {
    for d in seeds().documents {
        for (field, present) in [
            ("title", d.title.is_some()),
            ("outlet", d.outlet.is_some()),
            ("published", d.published.is_some()),
            ("url", d.url.is_some()),
            ("authors", !d.authors.is_empty()),
            ("credits", !d.credits.is_empty()),
        ] {
            assert_eq!(
                present,
                d.provenance.iter().any(|p| p.field == field),
                "{} {field}",
                d.source
            );
        }
    }
}

#[test]
fn seed_bodies_hold_no_boilerplate() {
    const NOT_BODY: &[&str] = &[
        "Skip to",
        "Accessibility links",
        "Breaking News",
        "Image:",
        "Zenkovich",
        "Astafyev",
        "16x9",
        "You can sign up",
        "Related article",
        "Read more:",
        "http",
        "jsi/aw",
        "contributed reporting",
        "With reporting by",
        "leading providers of news",
        "(file photo)",
        "Saving one of Europe",
        "picture-alliance",
        "Original url",
    ];
    for d in seeds().documents {
        for bad in NOT_BODY {
            assert!(!d.text.contains(bad), "{}: body contains {bad:?}", d.source);
        }
        if let Some(t) = &d.title {
            assert!(
                !d.text.starts_with(t.as_str()),
                "{}: title left in body",
                d.source
            );
        }
    }
}

#[test]
fn seed_text_is_reflowed_faithfully() {
    let c = seeds();
    let d000 = seed(&c, "000");
    // A sentence cut by a list of cited URLs is one paragraph again.
    assert!(d000.text.contains(
        "Protesters also formed a human chain alongside Minsk’s main street, Independence Avenue"
    ));
    // Line-end hyphens: real compounds keep theirs.
    assert!(d000.text.contains("the so-called Union State"));
    assert!(d000.text.contains("unified Russian-Belarussian state"));
    assert!(d000.text.contains("U.S.-funded"));
    // Paragraphs are reflowed: no hard line breaks inside a paragraph.
    for p in d000.paragraph_texts() {
        assert!(!p.contains('\n'));
    }
    // Every paragraph span points at its text, and text = paragraphs joined by blank lines.
    for d in &c.documents {
        let joined: Vec<&str> = d.paragraph_texts().collect();
        assert_eq!(joined.join("\n\n"), d.text);
    }
    let d003 = seed(&c, "003");
    assert!(
        d003.text
            .starts_with("Russia should join its smaller neighbor Belarus")
    );
    assert_eq!(d003.paragraphs.len(), 13);
}

#[test]
fn related_and_cited_links_are_kept_apart_from_the_body() {
    let d = seed(&seeds(), "000");
    let related: Vec<_> = d
        .related_links
        .iter()
        .filter(|l| l.kind == "related")
        .collect();
    assert_eq!(related.len(), 2);
    assert_eq!(
        related[0].url.as_deref(),
        Some(
            "https://www.themoscowtimes.com/2025/12/10/russia-belarus-integration-talks-fall-flat"
        )
    );
    assert_eq!(
        d.related_links.iter().filter(|l| l.kind == "cited").count(),
        2
    );
    let d001 = seed(&seeds(), "001");
    assert_eq!(d001.related_links[0].kind, "read_more");
}

#[test]
fn captions_and_credits_are_boilerplate() {
    let c = seeds();
    let kinds = |d: &Document, kind: &str| d.boilerplate.iter().filter(|b| b.kind == kind).count();
    let d001 = seed(&c, "001");
    assert_eq!(kinds(&d001, "navigation"), 3);
    assert!(kinds(&d001, "caption") >= 2);
    assert!(kinds(&d001, "promo") >= 1);
    let d004 = seed(&c, "004");
    assert_eq!(kinds(&d004, "navigation"), 2);
    assert_eq!(kinds(&d004, "self_description"), 2);
}

#[test]
fn html_article_with_json_ld() {
    let c = load("html/article.html");
    assert_eq!(c.documents.len(), 1);
    let d = &c.documents[0];
    assert_eq!(d.format, "html");
    assert_eq!(
        d.title.as_deref(),
        Some("Minsk protesters reject integration with Russia")
    );
    assert_eq!(d.outlet.as_deref(), Some("Example Herald"));
    // article:published_time (local date in +03:00), not the URL's 2019/12/08.
    assert_eq!(d.published, Some(date(2019, 12, 7)));
    assert_eq!(
        d.url.as_deref(),
        Some("https://www.example-herald.com/world/2019/12/08/minsk-protest")
    );
    assert_eq!(d.authors, vec!["Olga Petrova", "John Smith"]);
    assert!(
        d.text
            .starts_with("Hundreds of people marched through central Minsk")
    );
    for bad in [
        "Home",
        "Sport",
        "newsletter",
        "tracking",
        "All rights reserved",
        "Related article",
        "Photo:",
    ] {
        assert!(!d.text.contains(bad), "body contains {bad:?}: {}", d.text);
    }
    assert!(
        d.boilerplate
            .iter()
            .any(|b| b.kind == "caption" && b.text.contains("Independence Avenue"))
    );
    assert_eq!(
        d.related_links[0].title.as_deref(),
        Some("Sochi talks end without a signed road map")
    );
    assert_eq!(d.paragraphs.len(), 4);
}

#[test]
fn html_time_element_and_author_meta() {
    let c = load("html/meta-only-time.html");
    let d = &c.documents[0];
    assert_eq!(d.published, Some(date(2022, 3, 14)));
    assert!(
        d.provenance
            .iter()
            .any(|p| p.field == "published" && p.rule == "html:time[datetime]")
    );
    assert_eq!(d.authors, vec!["Maria Kovalenko"]);
    assert_eq!(
        d.outlet, None,
        "no evidence of the outlet: null, not a guess"
    );
}

#[test]
fn jsonl_records_broken_lines_and_unknown_fields() {
    let c = load("jsonl/articles.jsonl");
    let sources: Vec<&str> = c.documents.iter().map(|d| d.source.as_str()).collect();
    assert!(sources[0].ends_with("articles.jsonl#1"));
    assert_eq!(c.documents.len(), 3);
    assert_eq!(c.skipped.len(), 2);
    let d = &c.documents[0];
    assert_eq!(d.id, "wire-1");
    assert_eq!(d.outlet.as_deref(), Some("Example Wire"));
    assert_eq!(d.published, Some(date(2020, 9, 14)));
    assert_eq!(d.extra["section"], "world");
    assert_eq!(d.extra["tags"][1], "russia");
    assert_eq!(d.paragraphs.len(), 2);
    assert_eq!(
        c.documents[1].published,
        Some(date(2020, 9, 13)),
        "a dateline string is accepted"
    );
    let broken = &c.skipped[0];
    assert!(broken.source.ends_with("articles.jsonl#3"));
    assert!(
        broken.reason.contains("articles.jsonl:3: malformed JSON"),
        "{}",
        broken.reason
    );
    assert!(c.skipped[1].reason.contains(":5: no article text"));
}

#[test]
fn legacy_and_unicode_encodings() {
    let c = load("encodings");
    let by = |name: &str| {
        c.documents
            .iter()
            .find(|d| d.source.ends_with(name))
            .unwrap()
    };
    assert_eq!(c.documents.len(), 5);
    for (file, enc) in [
        ("cp1251.txt", "windows-1251"),
        ("koi8r.txt", "KOI8-R"),
        ("utf8-bom.txt", "utf-8"),
        ("utf16le.txt", "utf-16le"),
    ] {
        let d = by(file);
        assert_eq!(d.encoding, enc, "{file}");
    }
    assert!(
        by("cp1251.txt")
            .text
            .starts_with("Президент Александр Лукашенко встретился")
    );
    assert_eq!(by("cp1251.txt").text, by("koi8r.txt").text);
    assert!(
        by("utf8-bom.txt").text.starts_with("Lukashenka met Putin"),
        "BOM removed"
    );
    assert!(by("utf16le.txt").text.starts_with("Лукашэнка і Пуцін"));
    let bad = by("invalid-utf8.txt");
    assert!(bad.text.contains('\u{FFFD}'));
    assert!(bad.warnings.iter().any(|w| w.contains("invalid UTF-8")));
}

#[test]
fn broken_inputs_are_skipped_with_reasons() {
    let c = load("broken");
    assert!(c.documents.is_empty());
    let reasons: Vec<(&str, &str)> = c
        .skipped
        .iter()
        .map(|s| (s.source.rsplit('/').next().unwrap(), s.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        vec![
            ("empty.txt", "empty file"),
            ("image.png", "binary file (not text)"),
            (
                "only-boilerplate.txt",
                "no article text (only boilerplate, titles or links)"
            ),
        ]
    );
}

#[test]
fn oversize_files_are_skipped() {
    let opts = IngestOptions {
        max_size: 100,
        ..IngestOptions::default()
    };
    let c = ingest::load(&[Source::Path(fixtures().join("html/article.html"))], &opts).unwrap();
    assert_eq!(c.documents.len(), 0);
    assert!(
        c.skipped[0]
            .reason
            .contains("over the size limit of 100 bytes")
    );
}

#[test]
fn markdown_heading_byline_and_own_url() {
    let c = load("markdown/article.md");
    let d = &c.documents[0];
    assert_eq!(d.format, "markdown");
    assert_eq!(
        d.title.as_deref(),
        Some("Lukashenko Visits Sochi for Talks With Putin")
    );
    assert_eq!(d.authors, vec!["Maria Ivanova"]);
    assert_eq!(d.published, Some(date(2020, 9, 14)));
    assert_eq!(
        d.url.as_deref(),
        Some("https://example.org/2020/09/14/lukashenko-visits-sochi")
    );
    assert!(!d.text.contains("**") && d.text.contains("state media reported"));
    assert_eq!(
        d.related_links[0].url.as_deref(),
        Some("https://example.org/2020/08/10/opposition-says-election-was-rigged")
    );
}

#[test]
fn whole_fixture_tree_accounts_for_every_input() {
    let c = ingest::load(&[Source::Path(fixtures())], &IngestOptions::default()).unwrap();
    // 12 files, one of them a JSONL file of 5 records: 16 inputs.
    assert_eq!(c.given(), 16);
    assert_eq!(c.given(), c.documents.len() + c.skipped.len());
    assert_eq!(c.accounting_line(), "16 inputs: 11 read, 5 skipped");
}

#[test]
fn missing_path_is_an_error_naming_it() {
    let e = ingest::load(
        &[Source::Path("no/such/file.txt".into())],
        &IngestOptions::default(),
    )
    .unwrap_err();
    assert_eq!(e.to_string(), "no/such/file.txt: no such file or directory");
}

#[test]
fn input_format_override() {
    let opts = IngestOptions {
        input_format: Some(InputFormat::Text),
        ..IngestOptions::default()
    };
    let c = ingest::load(
        &[Source::Path(fixtures().join("markdown/article.md"))],
        &opts,
    )
    .unwrap();
    // Read as plain text, the Markdown link syntax stays as written.
    assert!(c.documents[0].text.contains("**state media**"));
}

#[test]
fn ids_are_stable_content_hashes() {
    let a = seeds();
    let b = seeds();
    for (x, y) in a.documents.iter().zip(&b.documents) {
        assert_eq!(x.id, y.id);
        assert!(x.id.starts_with('d') && x.id.len() == 17);
    }
}

#[test]
fn jsonl_duplicate_ids_and_truncated_last_line() {
    let mut c = Corpus::default();
    let body = "{\"id\": \"a\", \"text\": \"First report of the march in Minsk, officials said.\"}\n\
                {\"id\": \"a\", \"text\": \"Second report of the march in Minsk, witnesses said.\"}\n\
                {\"id\": \"b\", \"text\": \"Third report, cut off";
    ingest::read_bytes(
        "feed.jsonl",
        body.as_bytes(),
        &IngestOptions::default(),
        &mut c,
    );
    assert_eq!((c.documents.len(), c.skipped.len()), (2, 1));
    assert_eq!(
        c.documents[1].warnings,
        vec!["duplicate id \"a\": also on line 1 of feed.jsonl"]
    );
    assert_eq!(c.skipped[0].source, "feed.jsonl#3");
    assert!(
        c.skipped[0]
            .reason
            .starts_with("feed.jsonl:3: malformed JSON")
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_skipped_not_followed_forever() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(
        sub.join("a.txt"),
        "Talks in Minsk\n\nThe talks ended on Friday, officials said.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(dir.path(), sub.join("loop")).unwrap();
    let c = ingest::load(
        &[Source::Path(dir.path().to_path_buf())],
        &IngestOptions::default(),
    )
    .unwrap();
    assert_eq!(c.documents.len(), 1);
    assert_eq!(c.skipped.len(), 1);
    assert!(
        c.skipped[0].reason.contains("symlink loop"),
        "{:?}",
        c.skipped
    );
}
