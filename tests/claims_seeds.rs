//! The claims extractor on the five seed articles, built with `document_from_text` and, where
//! the article states it, a publication date set by hand (ingest's metadata is not used here).

use concord::extract::{Claim, ClaimKind, extract_claims, resolve_relative_dates};
use concord::ingest::{SEEDS, document_from_text};
use jiff::civil::{Date, date};

fn claims(prefix: &str, published: Option<Date>) -> Vec<Claim> {
    let (name, bytes) = SEEDS
        .iter()
        .find(|(n, _)| n.starts_with(prefix))
        .expect("seed present");
    let mut doc = document_from_text(name, &String::from_utf8_lossy(bytes));
    doc.published = published;
    extract_claims(&doc, &[])
}

fn find<'a>(cs: &'a [Claim], kind: ClaimKind, phrase: &str) -> &'a Claim {
    cs.iter()
        .find(|c| c.kind == kind && c.phrase.contains(phrase))
        .unwrap_or_else(|| panic!("no {kind:?} claim {phrase:?} in {cs:#?}"))
}

fn speaker_of<'a>(cs: &'a [Claim], words: &str) -> Option<&'a str> {
    cs.iter()
        .find(|c| c.kind == ClaimKind::Quote && c.phrase.contains(words))
        .unwrap_or_else(|| panic!("no quote {words:?}"))
        .speaker
        .as_deref()
}

#[test]
fn seed_000_several_hundred_on_an_unresolved_saturday() {
    let mut cs = claims("000", None);
    let c = find(&cs, ClaimKind::Crowd, "Several hundred");
    assert_eq!((c.low, c.high), (Some(200.0), Some(999.0)));
    assert!(c.low_inclusive && c.high_inclusive);
    assert_eq!(c.counted.as_deref(), Some("people"));
    let d = c.date.as_ref().expect("a date");
    assert_eq!(d.text, "on Saturday");
    assert_eq!(d.value, None, "no publication date: nothing is guessed");
    assert!(d.relative.is_some());
    // Once the pipeline knows the date (from a linked event), the Saturday resolves.
    resolve_relative_dates(&mut cs, date(2019, 12, 7));
    let d = find(&cs, ClaimKind::Crowd, "Several hundred")
        .date
        .clone()
        .unwrap();
    assert_eq!(d.value.as_deref(), Some("2019-12-07"));
    assert!(d.inferred);
    // The chant is a chant, the Union State is not a quote.
    assert!(cs.iter().any(|c| c.quote_kind.as_deref() == Some("chant")));
    assert!(
        !cs.iter()
            .any(|c| c.kind == ClaimKind::Quote && c.phrase.contains("Union State"))
    );
    assert_eq!(
        speaker_of(&cs, "significantly closer"),
        Some("Maxim Oreshkin")
    );
}

#[test]
fn seed_001_more_than_a_thousand_on_saturday_and_no_arrests() {
    let cs = claims("001", Some(date(2019, 12, 7)));
    let c = find(&cs, ClaimKind::Crowd, "More than 1,000");
    assert_eq!((c.low, c.high), (Some(1000.0), Some(1999.0)));
    assert!(!c.low_inclusive && c.high_inclusive);
    assert_eq!(c.modifier.as_deref(), Some("more than"));
    let d = c.date.as_ref().unwrap();
    assert_eq!(d.value.as_deref(), Some("2019-12-07"));
    assert_eq!(
        c.scope.as_deref(),
        Some("day"),
        "one day's crowd, not a total"
    );
    let arrests = find(&cs, ClaimKind::Detained, "no arrests");
    assert_eq!((arrests.low, arrests.high), (Some(0.0), Some(0.0)));
    assert_eq!(find(&cs, ClaimKind::Percent, "36%").point, Some(36.0));
    let p = find(&cs, ClaimKind::Percent, "7.7%");
    assert_eq!(p.point, Some(7.7));
    assert_eq!(p.attribution.as_deref(), Some("according to the study"));
    let half = find(&cs, ClaimKind::Percent, "fraction shy of half");
    assert_eq!((half.low, half.high), (Some(45.0), Some(50.0)));
    assert_eq!(
        speaker_of(&cs, "It is forbidden").map(|s| s.ends_with("Neklyayev")),
        Some(true)
    );
    assert_eq!(speaker_of(&cs, "key issues"), Some("the Kremlin"));
    let signs = cs
        .iter()
        .filter(|c| c.quote_kind.as_deref() == Some("sign"))
        .count();
    assert_eq!(signs, 3, "the banner and both signs");
}

#[test]
fn seed_002_a_total_over_four_weekends_thousands_detained_and_an_age() {
    let cs = claims("002", Some(date(2020, 9, 11)));
    let c = find(&cs, ClaimKind::Crowd, "More than 100,000");
    assert_eq!(c.scope.as_deref(), Some("total"));
    let d = c.date.as_ref().unwrap();
    assert_eq!(d.value.as_deref(), Some("2020-08-15/2020-09-06"));
    assert_eq!(d.granularity, "interval");
    let t = find(&cs, ClaimKind::Detained, "thousands");
    assert_eq!((t.low, t.high), (Some(2000.0), Some(9999.0)));
    assert_eq!(find(&cs, ClaimKind::Age, "66").point, Some(66.0));
    let y = find(&cs, ClaimKind::Duration, "26 years");
    assert_eq!(y.unit.as_deref(), Some("years"));
    assert_eq!(
        speaker_of(&cs, "Key issues of the further"),
        Some("the Kremlin")
    );
    assert_eq!(
        speaker_of(&cs, "fully capitalise"),
        Some("Konstantin Kalachev")
    );
    assert_eq!(
        speaker_of(&cs, "He is fully dependent"),
        Some("Konstantin Kalachev"),
        "a quote-only paragraph continues the previous speaker"
    );
    assert_eq!(speaker_of(&cs, "incompatible"), Some("Andrei Sudaltsev"));
    assert!(
        !cs.iter()
            .any(|c| c.kind == ClaimKind::Quote && c.phrase.contains("union state")),
        "a scare quote is not a quote"
    );
}

#[test]
fn seed_003_a_multiplier_and_peskov() {
    let cs = claims("003", None);
    let m = find(&cs, ClaimKind::Multiplier, "29 times");
    assert_eq!(m.point, Some(29.0));
    assert!(speaker_of(&cs, "rough edges").unwrap().ends_with("Peskov"));
    assert!(speaker_of(&cs, "titanic job").unwrap().ends_with("Peskov"));
    assert!(
        speaker_of(&cs, "Take a listen")
            .unwrap()
            .ends_with("Lukashenko")
    );
}

#[test]
fn seed_004_twenty_eight_programs_and_the_speakers() {
    let cs = claims("004", None);
    let c = find(&cs, ClaimKind::Count, "28");
    assert_eq!(c.counted.as_deref(), Some("programs"));
    assert_eq!(c.point, Some(28.0));
    assert!(
        speaker_of(&cs, "In 2020 our people")
            .unwrap()
            .ends_with("Tsikhanouskaya")
    );
    assert!(
        speaker_of(&cs, "unprecedented external")
            .unwrap()
            .ends_with("Lukashenka")
    );
    assert!(
        speaker_of(&cs, "We will together resist")
            .unwrap()
            .ends_with("Putin")
    );
}

#[test]
fn json_has_the_contract_fields() {
    let cs = claims("001", Some(date(2019, 12, 7)));
    let v = serde_json::to_value(&cs[0]).unwrap();
    for key in [
        "source",
        "kind",
        "phrase",
        "low",
        "high",
        "modifier",
        "counted",
        "attribution",
        "date",
        "sentence",
        "span",
    ] {
        assert!(v.get(key).is_some(), "missing {key} in {v}");
    }
}

#[test]
fn spans_point_at_the_phrase_and_output_is_sorted() {
    for p in ["000", "001", "002", "003", "004"] {
        let (name, bytes) = SEEDS.iter().find(|(n, _)| n.starts_with(p)).unwrap();
        let doc = document_from_text(name, &String::from_utf8_lossy(bytes));
        let cs = extract_claims(&doc, &[]);
        for c in &cs {
            assert_eq!(c.span.slice(&doc.text), c.phrase);
            assert!(
                c.sentence.contains(c.phrase.lines().next().unwrap_or(""))
                    || c.kind == ClaimKind::Quote
            );
        }
        assert!(
            cs.windows(2)
                .all(|w| (w[0].span, w[0].kind) <= (w[1].span, w[1].kind))
        );
    }
}
