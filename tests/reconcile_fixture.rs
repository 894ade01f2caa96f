//! Reconciliation on the hand-built fixture corpus (tests/report_support): each rule finds
//! what the fixture was written to hold.

mod report_support;

use concord::reconcile::{Aspect, Finding, FindingKind, reconcile, reconcile_across};

fn event(id: &str) -> Vec<Finding> {
    let a = report_support::analysis();
    reconcile(&a)
        .into_iter()
        .find(|e| e.event == id)
        .expect("event")
        .findings
}

fn find<'a>(
    fs: &'a [Finding],
    kind: FindingKind,
    aspect: Aspect,
    subject_has: &str,
) -> &'a Finding {
    fs.iter()
        .find(|f| f.kind == kind && f.aspect == aspect && f.subject.contains(subject_has))
        .unwrap_or_else(|| {
            panic!(
                "no {kind:?} {aspect:?} with {subject_has:?} in {:#?}",
                fs.iter()
                    .map(|f| (&f.kind, &f.aspect, &f.subject))
                    .collect::<Vec<_>>()
            )
        })
}

/// Gives document `doc`'s crowd figure a still-relative date and the extractor's "total"
/// scope label, as the extractor does before the date is resolved.
fn relative_crowd(a: &mut concord::Analysis, doc: usize, text: &str, relative: &str) {
    let c = a.claims[doc]
        .iter_mut()
        .find(|c| c.kind == concord::extract::ClaimKind::Crowd)
        .unwrap();
    c.scope = Some("total".into());
    c.attribution = None;
    c.date = Some(concord::extract::DateValue {
        text: text.into(),
        value: None,
        granularity: "relative".into(),
        relative: Some(relative.into()),
        inferred: false,
    });
}

fn findings_of(a: &concord::Analysis, id: &str) -> Vec<Finding> {
    reconcile(a)
        .into_iter()
        .find(|e| e.event == id)
        .unwrap()
        .findings
}

#[test]
fn several_hundred_against_more_than_a_thousand_is_a_discrepancy() {
    let fs = event("e1");
    let f = find(
        &fs,
        FindingKind::Discrepancy,
        Aspect::Figure,
        "crowd (people), 2019-12-07",
    );
    let phrases: Vec<&str> = f.claims.iter().map(|c| c.phrase.as_str()).collect();
    assert_eq!(
        phrases,
        ["Several hundred people", "More than 1,000 people"]
    );
    assert!(f.confidence >= 0.7, "{}", f.confidence);
    assert!(f.note.contains("no overlap"), "{}", f.note);
    // Discrepancies come first.
    assert_eq!(fs[0].kind, FindingKind::Discrepancy);
}

#[test]
fn police_against_organisers_is_an_expected_difference() {
    let fs = event("e2");
    let f = find(
        &fs,
        FindingKind::ExpectedDifference,
        Aspect::Figure,
        "crowd (people), 2020-09-13",
    );
    assert!(f.note.contains("organisers against police"), "{}", f.note);
    assert!(
        !fs.iter()
            .any(|f| f.kind == FindingKind::Discrepancy && f.aspect == Aspect::Figure)
    );
}

#[test]
fn a_reworded_quote_is_shown_with_its_word_difference() {
    let fs = event("e1");
    let f = find(
        &fs,
        FindingKind::Discrepancy,
        Aspect::Quote,
        "The positions have",
    );
    assert_eq!(
        concord::reconcile::diff::render(&f.diff),
        "The positions have [-come significantly-] {+become much+} closer,"
    );
    assert_eq!(f.claims.len(), 2);
}

#[test]
fn the_same_words_given_to_two_speakers_is_an_attribution_discrepancy() {
    let fs = event("e1");
    let f = find(
        &fs,
        FindingKind::Discrepancy,
        Aspect::Attribution,
        "Russia is a part of Belarus",
    );
    assert!(
        f.note.contains("Lukashenko") && f.note.contains("Dmitry Peskov"),
        "{}",
        f.note
    );
    // The words themselves agree verbatim.
    find(
        &fs,
        FindingKind::Agreement,
        Aspect::Quote,
        "Russia is a part of Belarus",
    );
}

#[test]
fn a_weekday_that_does_not_match_its_date_is_flagged() {
    let fs = event("e1");
    let f = find(&fs, FindingKind::Discrepancy, Aspect::Date, "2019-12-19");
    assert!(f.note.contains("thursday"), "{}", f.note);
    let agree = find(
        &fs,
        FindingKind::Agreement,
        Aspect::Date,
        "Saturday 2019-12-07",
    );
    assert_eq!(agree.sources().len(), 2);
}

#[test]
fn shared_places_agree_and_name_variants_are_noted() {
    let fs = event("e1");
    find(&fs, FindingKind::Agreement, Aspect::Place, "Minsk");
    find(&fs, FindingKind::Agreement, Aspect::Place, "Sochi");
    let l = find(
        &fs,
        FindingKind::Agreement,
        Aspect::Person,
        "Alexander Lukashenko",
    );
    assert!(l.note.contains("Lukashenka in post.txt"), "{}", l.note);
    // Peskov is only in the Post.
    find(
        &fs,
        FindingKind::SingleSource,
        Aspect::Person,
        "Dmitry Peskov",
    );
}

#[test]
fn tenures_told_in_different_years_agree_once_converted() {
    let a = report_support::analysis();
    let across = reconcile_across(&a);
    let f = find(
        &across,
        FindingKind::Agreement,
        Aspect::Tenure,
        "Lukashenko",
    );
    assert_eq!(f.claims.len(), 4, "{:#?}", f.normalised);
    assert!(f.note.contains("start year 1994"), "{}", f.note);
    let birth = find(
        &across,
        FindingKind::SingleSource,
        Aspect::BirthYear,
        "Luka",
    );
    assert_eq!(
        (birth.normalised[0].low, birth.normalised[0].high),
        (Some(1953.0), Some(1954.0))
    );
}

#[test]
fn a_since_year_the_extractor_left_out_is_read_from_the_text() {
    let mut a = report_support::analysis();
    a.claims[0].retain(|c| c.phrase != "since 1994");
    let across = reconcile_across(&a);
    let f = find(
        &across,
        FindingKind::Agreement,
        Aspect::Tenure,
        "Lukashenko",
    );
    let ledger = f
        .claims
        .iter()
        .find(|c| c.source == report_support::LEDGER)
        .expect("the ledger's year");
    assert_eq!(ledger.phrase, "since 1994");
    assert_eq!(ledger.span.slice(&a.corpus.documents[0].text), "since 1994");
    assert_eq!(f.claims.len(), 4);
}

#[test]
fn a_tenure_that_does_not_fit_is_a_discrepancy() {
    let mut a = report_support::analysis();
    // The Herald now says 16 years in 2020: a start in 2003 or 2004, not 1994.
    let c = a.claims[2]
        .iter_mut()
        .find(|c| c.phrase == "26 years")
        .unwrap();
    c.low = Some(16.0);
    c.high = Some(16.0);
    let across = reconcile_across(&a);
    let f = find(
        &across,
        FindingKind::Discrepancy,
        Aspect::Tenure,
        "Lukashenko",
    );
    assert!(f.note.contains("herald.txt"), "{}", f.note);
}

#[test]
fn a_four_weekend_total_is_not_compared_with_one_day() {
    let mut a = report_support::analysis();
    // As the extractor gives it: a total, dated by a still-relative span of days.
    relative_crowd(&mut a, 3, "the past four weekends", "past:weekend:4");
    let fs = findings_of(&a, "e2");
    let figures: Vec<&Finding> = fs.iter().filter(|f| f.aspect == Aspect::Figure).collect();
    assert_eq!(figures.len(), 2, "{figures:#?}");
    assert!(figures.iter().all(|f| f.kind == FindingKind::SingleSource));
    assert!(
        figures
            .iter()
            .any(|f| f.subject.contains("total over the past four weekends"))
    );
}

#[test]
fn an_unresolved_saturday_labelled_total_is_still_one_day() {
    // The extractor labels a figure whose "on Saturday" is not yet resolved as a total; it
    // is one day's crowd and must still be compared with the other outlet's.
    let mut a = report_support::analysis();
    relative_crowd(&mut a, 0, "on Saturday", "weekday:6:past");
    let fs = findings_of(&a, "e1");
    let f = find(
        &fs,
        FindingKind::Discrepancy,
        Aspect::Figure,
        "crowd (people), 2019-12-07, one day",
    );
    assert_eq!(f.claims.len(), 2);
}

#[test]
fn dates_carried_by_figures_are_compared_too() {
    // The extractor may give no date claims of its own, only dates attached to figures.
    let mut a = report_support::analysis();
    for claims in &mut a.claims {
        claims.retain(|c| c.kind != concord::extract::ClaimKind::Date);
    }
    let fs = findings_of(&a, "e1");
    let f = find(
        &fs,
        FindingKind::Agreement,
        Aspect::Date,
        "Saturday 2019-12-07",
    );
    let phrases: Vec<&str> = f.claims.iter().map(|c| c.phrase.as_str()).collect();
    assert_eq!(phrases, ["on Saturday", "on Saturday"]);
    let t = &a.corpus.documents[0].text;
    assert_eq!(f.claims[0].span.slice(t), "on Saturday");
}

#[test]
fn output_is_deterministic() {
    let a = report_support::analysis();
    assert_eq!(reconcile(&a), reconcile(&a));
    assert_eq!(reconcile_across(&a), reconcile_across(&a));
}

#[test]
fn an_outlet_repeating_its_own_quote_gives_one_finding() {
    let mut a = report_support::analysis();
    let chant = a.claims[0]
        .iter()
        .find(|c| c.phrase == "No to occupation")
        .unwrap()
        .clone();
    // A caption repeating the chant, as the Moscow Times seed does.
    a.claims[0].push(concord::extract::Claim {
        span: concord::Span::new(chant.span.start + 1000, chant.span.end + 1000),
        phrase: "“No to occupation,”".into(),
        ..chant
    });
    let fs = findings_of(&a, "e1");
    let chants: Vec<&Finding> = fs
        .iter()
        .filter(|f| f.subject.contains("No to occupation"))
        .collect();
    assert_eq!(chants.len(), 1, "{chants:#?}");
    assert_eq!(chants[0].claims.len(), 2);
    assert_eq!(chants[0].kind, FindingKind::SingleSource);
}

#[test]
fn a_one_outlet_event_lists_no_names() {
    let mut a = report_support::analysis();
    a.events.events[0].sources.truncate(1);
    let fs = findings_of(&a, "e1");
    assert!(
        fs.iter()
            .all(|f| !matches!(f.aspect, Aspect::Place | Aspect::Person)),
        "{fs:#?}"
    );
    assert!(fs.iter().all(|f| f.kind == FindingKind::SingleSource));
}
