//! Every report format on the hand-built fixture corpus (tests/report_support): snapshots
//! (insta) plus the properties each format must keep whatever the snapshot says.

mod report_support;

use concord::report::{self, Report};

fn report() -> Report {
    report::build(&report_support::analysis())
}

#[test]
fn text_snapshot() {
    insta::assert_snapshot!("text", report::text::render(&report(), false));
}

#[test]
fn text_with_colour_snapshot() {
    let t = report::text::render(&report(), true);
    assert!(t.contains("\x1b[1;31m✗ crowd (people), 2019-12-07, one day\x1b[0m"));
    insta::assert_snapshot!("text_colour", t);
}

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!("markdown", report::markdown::render(&report()));
}

/// The claim fields these snapshots pin: DESIGN.md's claim contract, the fields reconcile
/// reads, and the report's own additions. Fields the extractor adds later are its business,
/// so they are left out rather than making this snapshot fail on every upstream change.
const CLAIM_FIELDS: &[&str] = &[
    "source",
    "kind",
    "phrase",
    "low",
    "high",
    "point",
    "modifier",
    "counted",
    "unit",
    "attribution",
    "scope",
    "date",
    "sentence",
    "span",
    "speaker",
    "speaker_entity",
    "quote_kind",
    "outlet",
    "interval",
    "highlight",
];

fn pin_claim_fields(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(o) => {
            if let Some(serde_json::Value::Array(claims)) = o.get_mut("claims") {
                for c in claims.iter_mut().filter_map(|c| c.as_object_mut()) {
                    c.retain(|k, _| CLAIM_FIELDS.contains(&k.as_str()));
                }
            }
            o.values_mut().for_each(pin_claim_fields);
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(pin_claim_fields),
        _ => {}
    }
}

fn pinned(json: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(json).unwrap();
    pin_claim_fields(&mut v);
    serde_json::to_string_pretty(&v).unwrap()
}

#[test]
fn json_snapshot() {
    insta::assert_snapshot!("json", pinned(&report::json::render(&report()).unwrap()));
}

#[test]
fn jsonl_snapshot() {
    let out = report::jsonl::render(&report()).unwrap();
    let lines: Vec<String> = out
        .lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
            pin_claim_fields(&mut v);
            serde_json::to_string(&v).unwrap()
        })
        .collect();
    insta::assert_snapshot!("jsonl", lines.join("\n"));
}

#[test]
fn html_snapshot() {
    insta::assert_snapshot!("html", report::html::render(&report()));
}

#[test]
fn claimreview_snapshot() {
    insta::assert_snapshot!(
        "claimreview",
        report::claimreview::render(&report()).unwrap()
    );
}

#[test]
fn html_escapes_article_text_and_draws_a_chart_per_figure() {
    let h = report::html::render(&report());
    // Our own HTML has neither, so any would be article text that escaped.
    for bad in ["<script", "<img"] {
        assert!(
            !h.to_lowercase().contains(bad),
            "unescaped {bad:?} in the HTML"
        );
    }
    assert!(h.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        h.contains("&lt;b&gt;march&lt;/b&gt;"),
        "titles are escaped too"
    );
    // One chart per figure finding (2) and per time-normalised finding (2).
    assert_eq!(h.matches("<svg class=\"chart\"").count(), 4);
    assert!(h.contains("<mark>Several hundred people</mark>"));
    assert!(
        !h.contains("http://")
            || h.matches("http://").count() == h.matches("http://www.w3.org/2000/svg").count()
    );
    assert!(!h.contains("https://"), "no network resources");
}

#[test]
fn json_keeps_the_design_contract() {
    let v: serde_json::Value =
        serde_json::from_str(&report::json::render(&report()).unwrap()).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(
        v["inputs"],
        serde_json::json!({"given": 5, "read": 4, "skipped": 1})
    );
    for key in [
        "documents",
        "events",
        "entities",
        "duplicates",
        "skipped",
        "summary",
        "stories",
    ] {
        assert!(!v[key].is_null(), "missing {key}");
    }
    let e = &v["events"][0];
    for key in ["id", "sources", "date", "findings"] {
        assert!(!e[key].is_null(), "event misses {key}");
    }
    let kinds = [
        "agreement",
        "discrepancy",
        "expected_difference",
        "single_source",
    ];
    for f in v["events"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["findings"].as_array().unwrap())
    {
        assert!(kinds.contains(&f["kind"].as_str().unwrap()), "{f}");
        assert!(f["subject"].is_string() && f["claims"].is_array());
    }
    assert_eq!(v["events"][0]["findings"][0]["claims"][0]["low"], 200.0);
    assert_eq!(v["events"][0]["findings"][0]["claims"][1]["high"], 1999.0);
}

#[test]
fn jsonl_records_are_typed_and_complete() {
    let r = report();
    let out = report::jsonl::render(&r).unwrap();
    let mut types = std::collections::BTreeMap::<String, usize>::new();
    for line in out.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        *types
            .entry(v["type"].as_str().unwrap().to_string())
            .or_default() += 1;
        assert_eq!(v["schema_version"], 1);
    }
    assert_eq!(types["summary"], 1);
    assert_eq!(types["document"], 4);
    assert_eq!(types["event"], 2);
    assert_eq!(types["finding"], r.findings().count());
    assert_eq!(types["entity"], 7);
    assert_eq!(types["skipped"], 1);
}

#[test]
fn claimreview_gives_no_verdict() {
    let r = report();
    let v: serde_json::Value =
        serde_json::from_str(&report::claimreview::render(&r).unwrap()).unwrap();
    assert_eq!(v["@context"], "https://schema.org");
    let graph = v["@graph"].as_array().unwrap();
    let disputed: usize = r
        .findings()
        .filter(|f| f.kind == concord::reconcile::FindingKind::Discrepancy)
        .map(|f| f.claims.len())
        .sum();
    assert_eq!(graph.len(), disputed);
    for review in graph {
        assert_eq!(review["@type"], "ClaimReview");
        assert_eq!(review["itemReviewed"]["@type"], "Claim");
        assert!(review["reviewRating"]["alternateName"].is_null());
        assert!(review["reviewRating"]["ratingValue"].is_null());
    }
}

#[test]
fn claimreview_does_not_grow_with_the_square_of_a_finding() {
    use concord::reconcile::FindingKind;
    let mut r = report();
    let f = r
        .events
        .iter_mut()
        .flat_map(|e| e.findings.iter_mut())
        .find(|f| f.kind == FindingKind::Discrepancy)
        .expect("the fixture has a discrepancy");
    let first = f.claims[0].clone();
    for i in 0..300 {
        let mut c = first.clone();
        c.claim.source = format!("outlet-{i}.txt").as_str().into();
        c.outlet = format!("Outlet {i}");
        f.claims.push(c);
    }
    f.note = (0..300)
        .map(|i| format!("outlet-{i}.txt: \"{}\"", first.claim.phrase))
        .collect::<Vec<_>>()
        .join("; ");
    let claims = f.claims.len();
    let v: serde_json::Value =
        serde_json::from_str(&report::claimreview::render(&r).unwrap()).unwrap();
    let graph = v["@graph"].as_array().unwrap();
    let reviews: Vec<&str> = graph
        .iter()
        .filter(|g| g["reviewAspect"] == first_subject(&r))
        .map(|g| g["description"].as_str().unwrap())
        .collect();
    assert!(reviews.len() >= claims, "one review per disputed claim");
    for d in reviews {
        assert!(
            d.chars().count() < 2_000,
            "{} chars: {d}",
            d.chars().count()
        );
        assert!(d.contains(" more in the concord report"), "{d}");
        assert!(d.contains("; …"), "the long note is cut at an item: {d}");
    }
}

/// The subject of the report's first discrepancy.
fn first_subject(r: &concord::report::Report) -> String {
    r.findings()
        .find(|f| f.kind == concord::reconcile::FindingKind::Discrepancy)
        .map(|f| f.subject.clone())
        .unwrap()
}

#[test]
fn markdown_and_text_do_not_pass_markup_through() {
    let r = report();
    let md = report::markdown::render(&r);
    assert!(!md.replace("\\<", "").contains('<'), "raw HTML in Markdown");
    assert!(md.contains("\\<script\\>alert(1)\\</script\\>"));
    let t = report::text::render(&r, false);
    assert!(!t.contains('\x1b'), "colour when none was asked for");
}

#[test]
fn the_report_is_deterministic() {
    let a = report::json::render(&report()).unwrap();
    let b = report::json::render(&report()).unwrap();
    assert_eq!(a, b);
    assert_eq!(
        report::html::render(&report()),
        report::html::render(&report())
    );
}

#[test]
fn article_text_cannot_send_terminal_escapes() {
    let mut a = report_support::analysis();
    for c in a.claims.iter_mut().flatten() {
        c.sentence = format!("{}\x1b[2J\x1b]0;owned\x07", c.sentence).into();
    }
    let r = report::build(&a);
    let t = report::text::render(&r, true);
    assert!(
        !t.contains("\x1b[2J") && !t.contains("\x1b]0;"),
        "article escape reached the terminal"
    );
    assert!(t.contains("\x1b[1;31m"), "our own colour is kept");
    assert!(t.contains("\u{FFFD}[2J"));
}

/// The text printer copies the report only when a string holds a control character; each
/// kind must still be found: C0 (escaped in JSON as `\t` or `\u00XX`), DEL and the C1
/// controls (written raw), wherever the string sits (here an outlet's title).
#[test]
fn every_kind_of_control_character_is_replaced() {
    for control in ['\t', '\x07', '\x7f', '\u{9b}', '\u{85}'] {
        let mut a = report_support::analysis();
        for d in &mut a.corpus.documents {
            d.title = Some(format!("Title{control}end"));
        }
        let t = report::text::render(&report::build(&a), false);
        assert!(!t.contains(control), "{control:?} reached the terminal");
        assert!(t.contains("Title\u{FFFD}end"), "{control:?} not replaced");
    }
    // A backslash before a letter is not an escape: the text stays as written.
    let mut a = report_support::analysis();
    for d in &mut a.corpus.documents {
        d.title = Some("C:\\users\\tom".into());
    }
    let t = report::text::render(&report::build(&a), false);
    assert!(t.contains("C:\\users\\tom"), "{t}");
}

#[test]
fn a_full_name_beside_its_surname_is_not_a_merged_spelling() {
    let mut a = report_support::analysis();
    let putin = a.entities.iter_mut().find(|e| e.id == "e:putin").unwrap();
    let mut full = putin.variants[0].clone();
    full.form = "Vladimir Putin".into();
    putin.variants.push(full);
    let r = report::build(&a);
    assert_eq!(
        r.summary.merged_entities, 2,
        "Lukashenko and Tsikhanouskaya only"
    );
    let t = report::text::render(&r, false);
    let corpus_names = t.split("Name variants across the corpus").nth(1).unwrap();
    assert!(!corpus_names.contains("Vladimir Putin"), "{corpus_names}");
    assert!(
        corpus_names
            .contains("Alexander Lukashenko: Lukashenko (2 sources), Lukashenka (2 sources)")
    );
}

/// JSON and JSON Lines as `concord report` writes them: the events built while they are
/// written (`report::stream`), each reconciled once into a spill file while the counts at
/// the head are taken.
fn streamed(a: &concord::Analysis) -> (String, String) {
    let s = report::stream(a);
    let (mut json, mut jsonl) = (Vec::new(), Vec::new());
    report::json::write_streamed(&s, &mut json).unwrap();
    report::jsonl::write_streamed(&s, &mut jsonl).unwrap();
    (
        String::from_utf8(json).unwrap(),
        String::from_utf8(jsonl).unwrap(),
    )
}

/// The streamed report is byte for byte the built one, on the fixture corpus (with a
/// discrepancy, an expected difference and facts across events) and on the seeds.
#[test]
fn the_streamed_report_is_the_built_report() {
    let seeds = concord::ingest::load(
        &concord::ingest::seed_sources(),
        &concord::ingest::IngestOptions::default(),
    )
    .unwrap();
    for a in [
        report_support::analysis(),
        concord::analyse(seeds, &concord::Options::default()),
    ] {
        let r = report::build(&a);
        assert!(!r.events.is_empty() && r.summary.discrepancies > 0);
        let (json, jsonl) = streamed(&a);
        assert_eq!(json, report::json::render(&r).unwrap());
        assert_eq!(jsonl, report::jsonl::render(&r).unwrap());
    }
}

/// With no events the streamed JSON still has `"events": []` where the built one has it.
#[test]
fn the_streamed_report_of_an_empty_corpus_is_the_built_report() {
    let a = concord::analyse(
        concord::model::Corpus::default(),
        &concord::Options::default(),
    );
    let r = report::build(&a);
    assert!(r.events.is_empty());
    let (json, jsonl) = streamed(&a);
    assert!(json.contains("\"events\": []"), "{json}");
    assert_eq!(json, report::json::render(&r).unwrap());
    assert_eq!(jsonl, report::jsonl::render(&r).unwrap());
}
