//! Which figures talk about the same thing: same kind, a compatible counted noun, the same
//! time scope (a four-weekend total is not one day's crowd) and the same day.

use crate::extract::{Claim, ClaimKind};

/// Counted nouns that name the same population. The first class whose word occurs in the
/// counted noun wins; a noun in no class is compared as written.
pub const COUNTED_CLASSES: &[(&str, &[&str])] = &[
    (
        "people",
        &[
            "people",
            "persons",
            "person",
            "protesters",
            "protestors",
            "demonstrators",
            "participants",
            "marchers",
            "residents",
            "supporters",
            "citizens",
            "individuals",
            "crowd",
            "rallygoers",
            "belarusians",
            "opponents",
            "men",
            "women",
        ],
    ),
    (
        "arrests",
        &["arrests", "detentions", "detainees", "detained", "arrested"],
    ),
    (
        "deaths",
        &["dead", "deaths", "killed", "died", "fatalities"],
    ),
    ("injuries", &["injured", "wounded", "injuries", "hurt"]),
];

/// Kinds where a missing counted noun is taken as the kind's usual population (a crowd of
/// "more than 1,000" counts people); for other kinds the noun must be stated and match.
const COUNTED_OPTIONAL: &[ClaimKind] =
    &[ClaimKind::Crowd, ClaimKind::Detained, ClaimKind::Casualties];

/// Kinds compared as figures (quotes, dates, durations and ages have their own rules).
pub const FIGURE_KINDS: &[ClaimKind] = &[
    ClaimKind::Crowd,
    ClaimKind::Detained,
    ClaimKind::Casualties,
    ClaimKind::Money,
    ClaimKind::Percent,
    ClaimKind::Multiplier,
    ClaimKind::Count,
];

/// The class of a counted noun: "protesters" → "people"; unknown nouns lowercased.
pub fn counted_class(counted: &str) -> String {
    // The class of the first word in one, compared in place for ASCII text (whose words
    // are its ASCII words lower-cased); the words are only written out for a noun in none.
    let class_of = |w: &str, same: &dyn Fn(&str, &str) -> bool| {
        COUNTED_CLASSES
            .iter()
            .find(|(_, m)| m.iter().any(|x| same(w, x)))
            .map(|(class, _)| *class)
    };
    let first = if counted.is_ascii() {
        super::ascii_words(counted).find_map(|w| class_of(w, &|a, b| a.eq_ignore_ascii_case(b)))
    } else {
        let mut first = None;
        super::each_word(counted, |w| {
            if first.is_none() {
                first = class_of(w, &|a, b| a == b);
            }
        });
        first
    };
    if let Some(class) = first {
        return class.to_string();
    }
    let mut joined = String::with_capacity(counted.len());
    super::each_word(counted, |w| {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(w);
    });
    joined
}

/// The time scope of a figure: "day" for one day's figure, else what it totals over ("over
/// the past four weekends"). Read from the figure's date first, as the extractor may label
/// a still-unresolved "on Saturday" as a total: a date resolved to a day, or naming a
/// weekday, "today" or "yesterday", is one day; a date spanning several days (an interval,
/// a week, "the past four weekends") is a total over it; then the scope as written.
pub fn scope_key(c: &Claim) -> String {
    if let Some(d) = &c.date {
        let one_day = d.granularity == "day"
            || d.relative
                .as_deref()
                .is_some_and(|r| r.starts_with("weekday:") || r.starts_with("day:"))
            || {
                // One pass over the words for a weekday and the three words.
                let mut named = super::dates::Named::default();
                named.read(&d.text);
                named.weekday().is_some() || named.today
            };
        if one_day {
            return "day".to_string();
        }
        if matches!(
            d.granularity.as_str(),
            "interval" | "week" | "month" | "year"
        ) || d
            .relative
            .as_deref()
            .is_some_and(|r| r.starts_with("past:") || r.contains("weekend"))
        {
            let text = d.text.trim().to_lowercase();
            return if text.starts_with("over ") {
                text
            } else {
                format!("over {text}")
            };
        }
    }
    match c.scope.as_deref().map(str::trim) {
        None | Some("") | Some("day") | Some("one day") | Some("total") => "day".to_string(),
        Some(s) => s.to_lowercase(),
    }
}

/// The day a claim's figure is for, when resolved to one day.
pub fn day_of(c: &Claim) -> Option<&str> {
    let d = c.date.as_ref()?;
    let v = d.value.as_deref()?;
    (d.granularity == "day" && v.len() == 10).then_some(v)
}

/// The alignment key of a figure claim, without its day (days are compared apart, as an
/// unknown day is compatible with any).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    pub kind: ClaimKind,
    pub counted: Option<String>,
    pub unit: Option<String>,
    pub scope: String,
}

pub fn key(c: &Claim) -> Key {
    let counted = c
        .counted
        .as_deref()
        .map(counted_class)
        .filter(|s| !s.is_empty());
    Key {
        kind: c.kind,
        counted,
        unit: c.unit.clone(),
        scope: scope_key(c),
    }
}

fn keys_compatible(a: &Key, b: &Key) -> bool {
    // Units compare without case ("USD" and "usd"); "S$" and "US$" stay apart.
    let same_unit = match (&a.unit, &b.unit) {
        (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
        (None, None) => true,
        _ => false,
    };
    if a.kind != b.kind || a.scope != b.scope || !same_unit {
        return false;
    }
    match (&a.counted, &b.counted) {
        (Some(x), Some(y)) => x == y,
        _ => COUNTED_OPTIONAL.contains(&a.kind),
    }
}

/// A set of comparable figure claims.
#[derive(Debug, Clone)]
pub struct Group<'a> {
    pub key: Key,
    pub day: Option<String>,
    pub claims: Vec<&'a Claim>,
}

/// Groups comparable figure claims. Greedy and order-stable: a claim joins the first group
/// whose key is compatible and whose day is the same or unknown on either side; a group
/// takes the first known day. Claims without a figure are left out.
pub fn groups<'a>(claims: impl IntoIterator<Item = &'a Claim>) -> Vec<Group<'a>> {
    let mut out: Vec<Group<'a>> = Vec::new();
    for c in claims {
        if !FIGURE_KINDS.contains(&c.kind) || super::interval::Interval::of(c).is_none() {
            continue;
        }
        let k = key(c);
        let d = day_of(c);
        let found = out.iter_mut().find(|g| {
            keys_compatible(&g.key, &k)
                && match (&g.day, d) {
                    (Some(x), Some(y)) => x == y,
                    _ => true,
                }
        });
        match found {
            Some(g) => {
                if g.day.is_none() {
                    g.day = d.map(str::to_string);
                }
                if g.key.counted.is_none() {
                    g.key.counted = k.counted;
                }
                g.claims.push(c);
            }
            None => out.push(Group {
                key: k,
                day: d.map(str::to_string),
                claims: vec![c],
            }),
        }
    }
    out
}

/// "crowd (people), 2019-12-07, one day" / "crowd (people), total over the past four weekends".
pub fn subject(g: &Group<'_>) -> String {
    let mut s = String::from(kind_name(g.key.kind));
    let mut part = |a: &str, b: &str| {
        s.push_str(a);
        s.push_str(b);
    };
    match (&g.key.counted, &g.key.unit) {
        (Some(c), Some(u)) => {
            part(" (", c);
            part(", ", u);
            part(")", "");
        }
        (Some(x), None) | (None, Some(x)) => {
            part(" (", x);
            part(")", "");
        }
        (None, None) => {}
    }
    if let Some(d) = &g.day {
        part(", ", d);
    }
    if g.key.scope == "day" {
        if COUNTED_OPTIONAL.contains(&g.key.kind) {
            part(", one day", "");
        }
    } else {
        part(", total ", &g.key.scope);
    }
    s
}

/// A claim kind's name as claims serialise it (a test checks the two agree): serialising
/// it through a `serde_json::Value` for every subject cost more than the rest of it.
pub fn kind_name(k: ClaimKind) -> &'static str {
    match k {
        ClaimKind::Crowd => "crowd",
        ClaimKind::Detained => "detained",
        ClaimKind::Casualties => "casualties",
        ClaimKind::Money => "money",
        ClaimKind::Percent => "percent",
        ClaimKind::Multiplier => "multiplier",
        ClaimKind::Count => "count",
        ClaimKind::Duration => "duration",
        ClaimKind::Age => "age",
        ClaimKind::Quote => "quote",
        ClaimKind::Date => "date",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_are_the_serialised_names() {
        use ClaimKind::*;
        let all = [
            Crowd, Detained, Casualties, Money, Percent, Multiplier, Count, Duration, Age, Quote,
            Date,
        ];
        for k in all {
            assert_eq!(
                serde_json::to_value(k).expect("a name"),
                serde_json::Value::from(kind_name(k))
            );
        }
    }
}
