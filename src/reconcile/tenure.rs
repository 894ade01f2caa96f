//! Facts that change with time, compared once converted to a fixed year:
//!
//! - a tenure ("in power since 1994" in 2019, "a quarter of a century" in 2019, "for 26 years"
//!   in 2020, "his 25-year rule" in 2019) becomes a start-year interval: N years as of year Y
//!   started in [Y − N − 1, Y − N] (N whole years may have run up to a year longer);
//! - an age A in an article dated in year Y becomes a birth-year interval [Y − A − 1, Y − A].
//!
//! The person is the nearest person named before the figure in its sentence, else in the
//! text just before it ("The Belarussian leader, who has been in power since 1994" follows a
//! sentence naming Lukashenko); such a reach back lowers the confidence.

use super::interval::Interval;
use super::sentence;
use super::{Aspect, DocView, Finding, FindingKind, Normalised};
use crate::extract::{Claim, ClaimKind};
use crate::normalize::{Entity, EntityKind};
use std::collections::BTreeMap;

/// Words that make a duration or a "since" date a tenure in power.
pub const TENURE_MARKERS: &[&str] = &[
    "in power",
    "rule",
    "ruled",
    "ruler",
    "reign",
    "in office",
    "at the helm",
    "tenure",
    "has led",
    "has ruled",
    "leader since",
];

/// How far back (bytes) a person named before the figure may be taken as its subject.
const REACH_BACK: usize = 600;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fact {
    Tenure,
    Birth,
}

struct Value {
    fact: Fact,
    person: String,
    display: String,
    reached_back: bool,
    interval: Interval,
    how: String,
}

fn is_tenure(c: &Claim) -> bool {
    is_tenure_text(&c.phrase, &c.sentence)
}

/// [`is_tenure`] of a claim with this phrase and sentence, before the claim is made.
fn is_tenure_text(phrase: &str, sentence: &str) -> bool {
    static MARKERS: std::sync::LazyLock<super::Phrases> =
        std::sync::LazyLock::new(|| super::Phrases::new([TENURE_MARKERS]));
    // Most sentences with "since 1994" name no marker. In ASCII, a marker's words are words
    // of the text in some case, so a text holding no marker's longest word (in any case) has
    // no marker: it is answered without building the padded word form. (Outside ASCII the
    // matching form can make new letters, "ﬁ" to "fi", so the full test runs.)
    // The words are lower-case ASCII, searched for in the ASCII lower case of the text: an
    // ASCII-case-insensitive automaton cannot use its vectorised prefilter and stepped
    // through every byte of every sentence.
    static KEYS: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
        let longest = TENURE_MARKERS
            .iter()
            .filter_map(|m| m.split(' ').max_by_key(|w| w.len()));
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(longest)
            .expect("marker words")
    });
    let has_key = |s: &str| KEYS.is_match(&s.to_ascii_lowercase());
    if phrase.is_ascii() && sentence.is_ascii() && !(has_key(phrase) || has_key(sentence)) {
        return false;
    }
    let text = format!("{phrase} {sentence}");
    MARKERS.any_in(&super::Padded::new(&text))
}

fn year_of(s: &str) -> Option<i32> {
    s.get(..4)?.parse().ok()
}

/// The year a claim's figure holds for: its own resolved date, else the publication's.
fn as_of(c: &Claim, d: &DocView<'_>) -> Option<i32> {
    let own = c
        .date
        .as_ref()
        .and_then(|v| v.value.as_deref())
        .and_then(year_of);
    own.filter(|_| c.kind != ClaimKind::Date)
        .or_else(|| d.doc.published.map(|p| i32::from(p.year())))
}

fn years(c: &Claim) -> Option<(f64, f64)> {
    let unit_ok = c
        .unit
        .as_deref()
        .is_none_or(|u| u.to_lowercase().contains("year"));
    let iv = Interval::of(c)?;
    match (unit_ok, iv.low, iv.high) {
        (true, Some(l), Some(h)) => Some((l, h)),
        (true, Some(l), None) => Some((l, l)),
        _ => None,
    }
}

/// "since 1994": the year a tenure started, whether the extractor read the phrase as a date
/// or as a duration.
/// The extractor may keep "since" out of the phrase ("in power since [1994]"), so the few
/// words before the phrase count too; a day-resolved date ("on Saturday" in the same
/// sentence) never does, and neither does a figure that is not a year.
fn since_year(c: &Claim) -> Option<i32> {
    let date_text = c.date.as_ref().map_or("", |d| d.text.as_str());
    let before = c
        .sentence
        .find(c.phrase.as_str())
        .map(|i| super::words(&c.sentence[..i]))
        .unwrap_or_default();
    let since_before = before.iter().rev().take(2).any(|w| w == "since");
    let marked = super::contains_words(&c.phrase, "since")
        || super::contains_words(date_text, "since")
        || since_before;
    let day = c.date.as_ref().is_some_and(|d| d.granularity == "day");
    if !marked || day {
        return None;
    }
    let from_value = c
        .date
        .as_ref()
        .and_then(|d| d.value.as_deref())
        .and_then(year_of);
    let from_phrase = || {
        super::words(&c.phrase)
            .iter()
            .find_map(|w| w.parse::<i32>().ok().filter(|y| (1800..=2200).contains(y)))
    };
    from_value.or_else(from_phrase)
}

/// The fact a claim gives, as an interval, with how it was obtained. `known_tenure`: the
/// claim is known to pass [`is_tenure`] (the "since" claims made here were tested before
/// they were made); the test reads the whole sentence, so it is made once per claim.
fn value(c: &Claim, d: &DocView<'_>, known_tenure: bool) -> Option<(Fact, Interval, String)> {
    let tenure =
        matches!(c.kind, ClaimKind::Duration | ClaimKind::Date) && (known_tenure || is_tenure(c));
    if tenure {
        if let Some(y) = since_year(c) {
            let yf = f64::from(y);
            return Some((
                Fact::Tenure,
                Interval::new(Some(yf), Some(yf)),
                format!("since {y}"),
            ));
        }
    }
    match c.kind {
        ClaimKind::Duration if tenure => {
            let y = as_of(c, d)?;
            let (lo, hi) = years(c)?;
            let yf = f64::from(y);
            Some((
                Fact::Tenure,
                Interval::new(Some(yf - hi.ceil() - 1.0), Some(yf - lo.floor())),
                format!("{y} − {} years", super::interval::fmt_num(lo)),
            ))
        }
        ClaimKind::Age => {
            let y = as_of(c, d)?;
            let (lo, hi) = years(c)?;
            let yf = f64::from(y);
            Some((
                Fact::Birth,
                Interval::new(Some(yf - hi.ceil() - 1.0), Some(yf - lo.floor())),
                format!("{y} − age {}", super::interval::fmt_num(lo)),
            ))
        }
        _ => None,
    }
}

/// The person a figure is about, as (entity key, display form, reached back).
fn person(c: &Claim, d: &DocView<'_>) -> Option<(String, String, bool)> {
    let s = sentence::around(&d.doc.text, c.span);
    let people = d.mentions.iter().filter(|m| m.kind == EntityKind::Person);
    let key = |m: &crate::normalize::Mention| {
        m.entity
            .as_deref()
            .map_or_else(|| format!("name:{}", m.base), str::to_string)
    };
    let before_in_sentence = people
        .clone()
        .filter(|m| m.span.start >= s.start && m.span.end <= c.span.start.max(s.start))
        .max_by_key(|m| m.span.start);
    let in_sentence = before_in_sentence.or_else(|| {
        people
            .clone()
            .filter(|m| m.span.start >= s.start && m.span.end <= s.end)
            .min_by_key(|m| m.span.start)
    });
    if let Some(m) = in_sentence {
        return Some((key(m), m.base.to_string(), false));
    }
    people
        .filter(|m| m.span.end <= s.start && s.start - m.span.end <= REACH_BACK)
        .max_by_key(|m| m.span.start)
        .map(|m| (key(m), m.base.to_string(), true))
}

/// The start or birth year a claim gives, with how it was obtained.
pub fn normalise(c: &Claim, d: &DocView<'_>) -> Option<(Interval, String)> {
    value(c, d, false).map(|(_, iv, how)| (iv, how))
}

/// "in power since 1994" when the extractor gave no claim for it: a four-digit year after
/// "since" in a sentence with a tenure marker, not inside an existing claim's span.
pub fn since_claims(d: &DocView<'_>) -> Vec<Claim> {
    static SINCE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = SINCE.get_or_init(|| {
        // ASCII digits: the year is the match's last four bytes (`\d` took any script's
        // digits, and a year in three-byte digits, "since 19०१", cut a character in two).
        regex::Regex::new(r"\b[Ss]ince (1[89][0-9][0-9]|20[0-9][0-9])\b").expect("valid regex")
    });
    let text = &d.doc.text;
    // Matches, not captures: the year is the match's last four bytes, and finding
    // captures ran a slower engine over every match.
    re.find_iter(text)
        .filter_map(|m| {
            let span = crate::model::Span::new(m.start(), m.end());
            if d.claims.iter().any(|c| {
                c.span.start <= span.end && span.start <= c.span.end && c.kind != ClaimKind::Quote
            }) {
                return None;
            }
            let sentence = sentence::around(text, span).slice(text);
            // Most "since 1994" are no tenure: ask before building the claim.
            if !is_tenure_text(m.as_str(), sentence) {
                return None;
            }
            let mut c =
                super::new_claim(&d.doc.source, ClaimKind::Date, m.as_str(), sentence, span);
            c.date = Some(crate::extract::DateValue {
                text: m.as_str().to_string(),
                value: Some(m.as_str()[m.len() - 4..].to_string()),
                granularity: "year".into(),
                relative: None,
                inferred: false,
            });
            Some(c)
        })
        .collect()
}

pub fn findings(docs: &[DocView<'_>], entities: &[Entity]) -> Vec<Finding> {
    findings_of(docs.iter().map(doc_values).collect(), entities)
}

/// One document's tenure and birth-year values with their claims (its own, then
/// [`since_claims`]), in order: all [`findings`] keeps of a document, so that documents
/// can be read one at a time.
pub struct DocValues(Vec<(Value, Claim)>);

pub fn doc_values(d: &DocView<'_>) -> DocValues {
    let extra = since_claims(d);
    let claims = d.claims.iter().map(|c| (c, false));
    let mut out = Vec::new();
    for (c, known_tenure) in claims.chain(extra.iter().map(|c| (c, true))) {
        let Some((fact, interval, how)) = value(c, d, known_tenure) else {
            continue;
        };
        let Some((person, display, reached_back)) = person(c, d) else {
            continue;
        };
        let v = Value {
            fact,
            person,
            display,
            reached_back,
            interval,
            how,
        };
        out.push((v, c.clone()));
    }
    DocValues(out)
}

/// [`findings`] from each document's [`doc_values`], in corpus order.
pub fn findings_of(docs: Vec<DocValues>, entities: &[Entity]) -> Vec<Finding> {
    // Display names by id, looked up once per group (a search of every entity was
    // quadratic in the corpus).
    let by_id = super::entity_index(entities);
    let (values, claims): (Vec<Value>, Vec<Claim>) = docs.into_iter().flat_map(|d| d.0).unzip();
    let mut groups: BTreeMap<(Fact, String), Vec<(Value, &Claim)>> = BTreeMap::new();
    for (v, c) in values.into_iter().zip(&claims) {
        groups
            .entry((v.fact, v.person.clone()))
            .or_default()
            .push((v, c));
    }
    groups.into_values().map(|g| classify(&g, &by_id)).collect()
}

fn classify(g: &[(Value, &Claim)], by_id: &super::EntityIndex<'_>) -> Finding {
    let first = &g[0].0;
    let display = by_id
        .get(first.person.as_str())
        .map_or(first.display.clone(), |e| e.display.clone());
    let (aspect, unit, subject) = match first.fact {
        Fact::Tenure => (
            Aspect::Tenure,
            "start year",
            format!("tenure of {display}, as a start year"),
        ),
        Fact::Birth => (
            Aspect::BirthYear,
            "birth year",
            format!("birth year of {display}"),
        ),
    };
    let claims: Vec<Claim> = g.iter().map(|(_, c)| (*c).clone()).collect();
    let normalised: Vec<Normalised> = g
        .iter()
        .map(|(v, c)| Normalised {
            source: c.source.to_string(),
            low: v.interval.low,
            high: v.interval.high,
            unit: unit.to_string(),
            how: v.how.clone(),
        })
        .collect();
    let mut sources: Vec<&str> = g.iter().map(|(_, c)| c.source.as_str()).collect();
    sources.sort();
    sources.dedup();
    let each = || {
        super::note_list(
            g.len(),
            g.iter().map(|(v, c)| {
                format!(
                    "{}: \"{}\" ({}) → {}",
                    super::figures::short_source(&c.source),
                    c.phrase,
                    v.how,
                    v.interval.display()
                )
            }),
            "claims",
        )
    };
    let mut conf: f64 = 0.85;
    if g.iter().any(|(v, _)| v.reached_back) {
        conf -= 0.1;
    }
    if g.iter()
        .any(|(_, c)| c.date.as_ref().is_some_and(|d| d.inferred))
    {
        conf -= 0.05;
    }
    let ivs: Vec<Interval> = g.iter().map(|(v, _)| v.interval).collect();
    let f = if sources.len() < 2 {
        Finding::new(FindingKind::SingleSource, aspect, subject, claims)
            .with(conf, format!("one source: {}", each()))
    } else if let Some(common) = Interval::intersection(&ivs) {
        Finding::new(FindingKind::Agreement, aspect, subject, claims).with(
            conf,
            format!(
                "consistent once converted, {unit} {}: {}",
                common.display(),
                each()
            ),
        )
    } else {
        Finding::new(FindingKind::Discrepancy, aspect, subject, claims).with(
            conf - 0.1,
            format!("inconsistent once converted: {}", each()),
        )
    };
    Finding { normalised, ..f }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marker_prefilter_answers_as_the_full_test() {
        let full = |phrase: &str, sentence: &str| {
            let text = format!("{phrase} {sentence}");
            TENURE_MARKERS
                .iter()
                .any(|m| super::super::Padded::new(&text).has(m))
        };
        for (phrase, sentence) in [
            ("since 1994", "He has been IN POWER since 1994."),
            ("since 1994", "He has been in-power since 1994."),
            ("since 1994", "Prices have risen since 1994."),
            ("since 1994", "The ruler's palace, empty since 1994."),
            ("since 1994", "She has LED the party since 1994."),
            ("since 1994", "He was called a leader since 1994."),
            ("since 1994", "Powerful storms since 1994."),
            (
                "since 1994",
                "Reigning since 1994 \u{201c}in power\u{201d}.",
            ),
            ("since 1994", "ﬁve years in oﬃce since 1994"),
            ("", ""),
        ] {
            assert_eq!(
                is_tenure_text(phrase, sentence),
                full(phrase, sentence),
                "{sentence:?}"
            );
        }
    }
    use crate::extract::DateValue;
    use crate::reconcile::test_claim;

    #[test]
    fn a_since_year_is_four_ascii_digits() {
        let claims_of = |text: &str| {
            let d = crate::model::Document {
                text: text.to_string(),
                ..doc("2019-12-07")
            };
            since_claims(&DocView {
                doc: &d,
                claims: &[],
                mentions: &[],
            })
            .into_iter()
            .map(|c| c.date.and_then(|d| d.value))
            .collect::<Vec<_>>()
        };
        assert_eq!(
            claims_of("He has been in power since 1994, it said."),
            [Some("1994".to_string())]
        );
        // Other scripts' digits are no year here (three-byte ones used to panic).
        for year in ["19०१", "19٩٤", "١٩٩٤"] {
            assert_eq!(
                claims_of(&format!("He has been in power since {year}, it said.")),
                Vec::<Option<String>>::new(),
                "{year}"
            );
        }
    }

    fn doc(published: &str) -> crate::model::Document {
        crate::model::Document {
            published: Some(published.parse().unwrap()),
            ..Default::default()
        }
    }

    fn years(kind: ClaimKind, phrase: &str, sentence: &str, n: f64) -> Claim {
        Claim {
            low: Some(n),
            high: Some(n),
            unit: Some("years".into()),
            ..test_claim(kind, phrase, sentence)
        }
    }

    fn year_date(phrase: &str, sentence: &str, value: &str, granularity: &str) -> Claim {
        Claim {
            date: Some(DateValue {
                text: phrase.into(),
                value: Some(value.into()),
                granularity: granularity.into(),
                relative: None,
                inferred: false,
            }),
            ..test_claim(ClaimKind::Date, phrase, sentence)
        }
    }

    fn norm(c: &Claim, published: &str) -> Option<(Option<f64>, Option<f64>)> {
        let d = doc(published);
        let view = DocView {
            doc: &d,
            claims: &[],
            mentions: &[],
        };
        normalise(c, &view).map(|(iv, _)| (iv.low, iv.high))
    }

    #[test]
    fn tenure_phrasings_become_start_years() {
        let s = "Lukashenko, in power for 26 years, has vowed to stay.";
        assert_eq!(
            norm(
                &years(ClaimKind::Duration, "26 years", s, 26.0),
                "2020-09-11"
            ),
            Some((Some(1993.0), Some(1994.0)))
        );
        let s = "his 25-year rule over Belarus";
        assert_eq!(
            norm(
                &years(ClaimKind::Duration, "25-year", s, 25.0),
                "2019-12-10"
            ),
            Some((Some(1993.0), Some(1994.0)))
        );
        // "since" outside the phrase, the year read as a date.
        let s = "The leader, who has been in power since 1994, dismissed fears.";
        assert_eq!(
            norm(&year_date("1994", s, "1994", "year"), "2019-12-07"),
            Some((Some(1994.0), Some(1994.0)))
        );
    }

    #[test]
    fn other_durations_and_days_are_not_tenures() {
        let s = "Russia has helped prop up Lukashenko over the past 25 years with loans.";
        assert_eq!(
            norm(
                &years(ClaimKind::Duration, "the past 25 years", s, 25.0),
                "2019-12-07"
            ),
            None
        );
        let s = "Lukashenko, in power since 1994, spoke on Saturday.";
        assert_eq!(
            norm(
                &year_date("on Saturday", s, "2019-12-07", "day"),
                "2019-12-07"
            ),
            None
        );
    }

    #[test]
    fn an_age_gives_a_birth_year_interval() {
        let c = years(
            ClaimKind::Age,
            "66",
            "Lukashenko, 66, has had a volatile relationship.",
            66.0,
        );
        assert_eq!(norm(&c, "2020-09-11"), Some((Some(1953.0), Some(1954.0))));
        // Without a publication date there is nothing to convert from.
        let d = crate::model::Document::default();
        let view = DocView {
            doc: &d,
            claims: &[],
            mentions: &[],
        };
        assert!(normalise(&c, &view).is_none());
    }
}
