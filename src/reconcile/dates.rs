//! Dates: a weekday named beside a date must be that date's weekday ("Saturday, December 8,
//! 2019" is wrong: the 8th was a Sunday); days that several outlets give agree; the event's
//! own day given by one outlet only is a single source.

use super::{Aspect, EventView, Finding, FindingKind};
use crate::extract::{Claim, ClaimKind};
use crate::model::Span;
use jiff::civil::{Date, Weekday};
use std::collections::BTreeMap;

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Monday),
    ("tuesday", Weekday::Tuesday),
    ("wednesday", Weekday::Wednesday),
    ("thursday", Weekday::Thursday),
    ("friday", Weekday::Friday),
    ("saturday", Weekday::Saturday),
    ("sunday", Weekday::Sunday),
];

/// The weekday a text names ("on Saturday", "Tuesday's interview"), if exactly one.
pub fn named_weekday(text: &str) -> Option<Weekday> {
    let mut named = Named::default();
    named.read(text);
    named.weekday()
}

/// What the words of a date's text name: the weekdays (a bit per row of [`WEEKDAYS`]) and
/// whether one is "today", "yesterday" or "tonight". Read in one pass over the words,
/// compared in place: a vector of lower-cased words per text was most of [`named_weekday`]
/// and of telling one day's figure from a total ([`super::align::scope_key`]).
#[derive(Default)]
pub struct Named {
    weekdays: u8,
    pub today: bool,
}

impl Named {
    pub fn read(&mut self, text: &str) {
        if text.is_ascii() {
            // [`super::words`] of ASCII text are its ASCII words lower-cased: compared
            // without case instead.
            for w in super::ascii_words(text) {
                self.word(w, |a, b| a.eq_ignore_ascii_case(b));
            }
        } else {
            super::each_word(text, |w| self.word(w, |a, b| a == b));
        }
    }

    /// One word, lower-case when `same` is exact equality.
    fn word(&mut self, w: &str, same: impl Fn(&str, &str) -> bool) {
        let stem = match w.len().checked_sub(2) {
            Some(at) if w.is_char_boundary(at) && same(&w[at..], "'s") => Some(&w[..at]),
            _ => None,
        };
        for (i, (name, _)) in WEEKDAYS.iter().enumerate() {
            if same(w, name) || stem.is_some_and(|s| same(s, name)) {
                self.weekdays |= 1 << i;
            }
        }
        if ["today", "yesterday", "tonight"].iter().any(|t| same(w, t)) {
            self.today = true;
        }
    }

    /// The weekday named, if exactly one.
    pub fn weekday(&self) -> Option<Weekday> {
        (self.weekdays.count_ones() == 1)
            .then(|| WEEKDAYS[self.weekdays.trailing_zeros() as usize].1)
    }
}

pub fn weekday_name(d: Weekday) -> &'static str {
    WEEKDAYS
        .iter()
        .find(|(_, w)| *w == d)
        .map_or("", |(n, _)| n)
}

fn day(c: &Claim) -> Option<Date> {
    super::align::day_of(c)?.parse().ok()
}

/// "Saturday 2019-12-07".
pub fn describe(d: Date) -> String {
    let name = weekday_name(d.weekday());
    let mut cap = name[..1].to_uppercase();
    cap.push_str(&name[1..]);
    format!("{cap} {d}")
}

/// A weekday that is not the date's weekday; checked only when the text itself carries a
/// full date (a weekday alone is resolved to the right day by construction).
pub fn weekday_mismatch(c: &Claim) -> Option<Finding> {
    weekday_mismatch_on(c, day(c)?)
}

/// [`weekday_mismatch`] of a claim whose day `d` was read already.
fn weekday_mismatch_on(c: &Claim, d: Date) -> Option<Finding> {
    let date = c.date.as_ref()?;
    let named = named_weekday(&date.text)?;
    let has_digits = date.text.chars().any(|ch| ch.is_ascii_digit());
    if !has_digits || named == d.weekday() {
        return None;
    }
    let note = format!(
        "\"{}\" names a {} but {} was a {}",
        date.text,
        weekday_name(named),
        d,
        weekday_name(d.weekday())
    );
    Some(
        Finding::new(
            FindingKind::Discrepancy,
            Aspect::Date,
            format!("weekday of {d}"),
            vec![c.clone()],
        )
        .with(0.9, note),
    )
}

/// The date a claim carries, as a date claim of its own: the date's words as the phrase, and
/// their span in the text when they can be found in the claim's sentence. The extractor
/// attaches dates to figures and quotes ("More than 1,000 people ... on Saturday") rather
/// than always emitting date claims, so this is where most dates come from.
pub fn carried_date(c: &Claim) -> Option<Claim> {
    if c.kind == ClaimKind::Date {
        return Some(c.clone());
    }
    let date = c.date.as_ref()?;
    let sentence_start = c
        .sentence
        .find(c.phrase.as_str())
        .and_then(|i| c.span.start.checked_sub(i));
    let span = match (sentence_start, c.sentence.find(date.text.as_str())) {
        (Some(s), Some(i)) => Span::new(s + i, s + i + date.text.len()),
        _ => Span::default(),
    };
    Some(Claim {
        kind: ClaimKind::Date,
        phrase: date.text.clone(),
        span,
        low: None,
        high: None,
        point: None,
        modifier: None,
        counted: None,
        unit: None,
        attribution: None,
        speaker: None,
        speaker_entity: None,
        quote_kind: None,
        ..c.clone()
    })
}

pub fn findings(view: &EventView<'_>) -> Vec<Finding> {
    // Each claim with a day, with the day read once; a claim is copied into its date claim
    // only when it has one.
    let mut dated: Vec<(Date, Claim)> = view
        .claims()
        .filter_map(|c| Some((day(c)?, c)))
        .filter_map(|(d, c)| Some((d, carried_date(c)?)))
        .collect();
    // One date said once: several figures in a sentence carry the same "on Saturday".
    dated.sort_by(|(_, a), (_, b)| {
        (&a.source, a.span, &a.sentence).cmp(&(&b.source, b.span, &b.sentence))
    });
    dated.dedup_by(|(_, a), (_, b)| {
        a.source == b.source && a.span == b.span && a.sentence == b.sentence && a.phrase == b.phrase
    });
    let mut out: Vec<Finding> = dated
        .iter()
        .filter_map(|(d, c)| weekday_mismatch_on(c, *d))
        .collect();

    // The date claims move into their day's finding.
    let mut by_day: BTreeMap<Date, Vec<Claim>> = BTreeMap::new();
    for (d, c) in dated {
        by_day.entry(d).or_default().push(c);
    }
    for (d, claims) in by_day {
        let mut sources: Vec<&str> = claims.iter().map(|c| c.source.as_str()).collect();
        sources.sort();
        sources.dedup();
        let is_event_day = view.date == Some(d);
        let inferred = claims
            .iter()
            .any(|c| c.date.as_ref().is_some_and(|v| v.inferred));
        let what = if is_event_day {
            "the event's day"
        } else {
            "a day"
        };
        let subject = format!("date {}", describe(d));
        let words = || {
            let mut s = String::new();
            super::figures::push_list(
                &mut s,
                claims.len(),
                |out, i| {
                    let c = &claims[i];
                    out.push_str(super::figures::short_source(&c.source));
                    out.push_str(": \"");
                    out.push_str(
                        c.date
                            .as_ref()
                            .map_or(c.phrase.as_str(), |v| v.text.as_str()),
                    );
                    out.push('"');
                },
                "claims",
            );
            s
        };
        let conf = if inferred { 0.75 } else { 0.9 };
        if sources.len() >= 2 {
            let note = format!("{} outlets agree on {what}: {}", sources.len(), words());
            out.push(
                Finding::new(FindingKind::Agreement, Aspect::Date, subject, claims)
                    .with(conf, note),
            );
        } else if is_event_day {
            let note = format!("only one outlet states {what}: {}", words());
            out.push(
                Finding::new(FindingKind::SingleSource, Aspect::Date, subject, claims)
                    .with(conf, note),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::DateValue;

    fn date_claim(text: &str, value: &str) -> Claim {
        Claim {
            date: Some(DateValue {
                text: text.into(),
                value: Some(value.into()),
                granularity: "day".into(),
                relative: None,
                inferred: false,
            }),
            ..crate::reconcile::test_claim(ClaimKind::Date, text, &format!("It happened {text}."))
        }
    }

    #[test]
    fn a_wrong_weekday_beside_a_full_date_is_a_discrepancy() {
        let c = date_claim("Saturday, December 8, 2019", "2019-12-08");
        let f = weekday_mismatch(&c).expect("8 December 2019 was a Sunday");
        assert_eq!(f.kind, FindingKind::Discrepancy);
        assert!(f.note.contains("sunday"), "{}", f.note);
        assert!(
            weekday_mismatch(&date_claim("Saturday, December 7, 2019", "2019-12-07")).is_none()
        );
    }

    #[test]
    fn a_weekday_alone_is_not_checked() {
        // "on Saturday" was resolved to a Saturday by the extractor: nothing to check.
        assert!(weekday_mismatch(&date_claim("on Saturday", "2019-12-08")).is_none());
        assert_eq!(named_weekday("Tuesday's interview"), Some(Weekday::Tuesday));
        assert_eq!(named_weekday("Monday or Tuesday"), None);
    }
}
