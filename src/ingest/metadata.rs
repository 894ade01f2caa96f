//! Metadata rules: datelines, URLs and their outlets, bylines and wire credits.
//!
//! Every value comes from evidence in the article and records the rule that found it
//! (see [`crate::model::Provenance`]). Nothing is guessed: no evidence means `None`.

use jiff::civil::Date;
use regex::Regex;
use std::sync::LazyLock;

pub use crate::calendar::month_number;

const MONTH_RE: &str = r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)";

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:(?P<m1>{MONTH_RE})\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>\d{{4}})|(?P<d2>\d{{1,2}})\s+(?P<m2>{MONTH_RE})\s+(?P<y2>\d{{4}})|(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}}))(?:(?:T|,?\s+)\d{{1,2}}:\d{{2}}\b.*)?$"
    ))
    .expect("dateline regex")
});

/// Parses a line that is only a date ("December 7, 2019", "7 December 2019", "2019-12-07",
/// "Updated: Dec. 7, 2019 10:00") — the dateline of a web page dump.
pub fn parse_dateline(line: &str) -> Option<Date> {
    let l = line.trim();
    let l = l
        .strip_prefix("Updated:")
        .or_else(|| l.strip_prefix("Published:"))
        .or_else(|| l.strip_prefix("Date:"))
        .unwrap_or(l)
        .trim();
    if l.len() > 60 {
        return None;
    }
    let c = DATELINE.captures(l)?;
    let (y, m, d) = if let Some(y) = c.name("y1") {
        (y.as_str(), month_number(&c["m1"])?, c["d1"].parse().ok()?)
    } else if let Some(y) = c.name("y2") {
        (y.as_str(), month_number(&c["m2"])?, c["d2"].parse().ok()?)
    } else {
        (&c["y3"], c["m3"].parse().ok()?, c["d3"].parse().ok()?)
    };
    Date::new(y.parse().ok()?, m, d).ok()
}

/// Parses an ISO-8601 date or date-time as found in meta tags and JSON-LD
/// ("2019-12-07", "2019-12-07T14:03:00+01:00").
pub fn parse_iso_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let day = s.get(..10)?;
    let mut it = day.split('-');
    let (y, m, d) = (it.next()?, it.next()?, it.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

static URL_PATH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})(?:/|-|$)")
        .expect("url date")
});

/// The date in a URL path ("/2020/09/11/slug"), as outlets put their own articles' dates.
/// Only ever applied to the article's *own* URL.
pub fn url_path_date(url: &str) -> Option<Date> {
    let c = URL_PATH_DATE.captures(url)?;
    Date::new(
        c["y"].parse().ok()?,
        c["m"].parse().ok()?,
        c["d"].parse().ok()?,
    )
    .ok()
}

/// Known outlets by web domain. A domain not listed is shown as the domain itself.
const OUTLET_DOMAINS: &[(&str, &str)] = &[
    ("themoscowtimes.com", "The Moscow Times"),
    ("dw.com", "DW"),
    ("rferl.org", "RFE/RL"),
    ("svaboda.org", "RFE/RL"),
    ("reuters.com", "Reuters"),
    ("apnews.com", "AP"),
    ("afp.com", "AFP"),
    ("bbc.co.uk", "BBC"),
    ("bbc.com", "BBC"),
    ("cnn.com", "CNN"),
    ("nytimes.com", "The New York Times"),
    ("wsj.com", "The Wall Street Journal"),
    ("washingtonpost.com", "The Washington Post"),
    ("theguardian.com", "The Guardian"),
    ("ft.com", "Financial Times"),
    ("aljazeera.com", "Al Jazeera"),
    ("euronews.com", "Euronews"),
    ("politico.eu", "Politico Europe"),
    ("meduza.io", "Meduza"),
    ("novayagazeta.ru", "Novaya Gazeta"),
    ("tass.com", "TASS"),
    ("tass.ru", "TASS"),
    ("ria.ru", "RIA Novosti"),
    ("rbc.ru", "RBC"),
    ("kommersant.ru", "Kommersant"),
    ("echo.msk.ru", "Ekho Moskvy"),
    ("tut.by", "TUT.BY"),
    ("belta.by", "BelTA"),
    ("nashaniva.com", "Nasha Niva"),
    ("kyivindependent.com", "The Kyiv Independent"),
    ("pravda.com.ua", "Ukrainska Pravda"),
    ("kyivpost.com", "Kyiv Post"),
];

/// The host of a URL without `www.`, lower-cased.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r)?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// The outlet that publishes at a URL: a known name, else the domain.
pub fn outlet_for_url(url: &str) -> Option<String> {
    let host = url_host(url)?;
    for (domain, name) in OUTLET_DOMAINS {
        // The domain itself or a subdomain of it, without formatting ".domain" for each of
        // the table's rows (that was most of reading an article's URL).
        let sub = host
            .strip_suffix(domain)
            .is_some_and(|h| h.is_empty() || h.ends_with('.'));
        if sub {
            return Some((*name).to_string());
        }
    }
    Some(host)
}

/// Outlet markers in navigation and self-descriptions ("Skip to more DW sites",
/// "RFE/RL's Belarus Service is one of ..."): the outlet names itself.
const OUTLET_MARKERS: &[(&str, &str)] = &[
    ("more DW sites", "DW"),
    ("DW's editors", "DW"),
    ("RFE/RL's", "RFE/RL"),
    ("The Moscow Times'", "The Moscow Times"),
    ("Meduza's", "Meduza"),
];

pub fn outlet_from_marker(line: &str) -> Option<&'static str> {
    OUTLET_MARKERS
        .iter()
        .find(|(m, _)| line.contains(m))
        .map(|&(_, o)| o)
}

/// News agencies recognised in credits and bylines.
const AGENCIES: &[&str] = &[
    "AFP",
    "AP",
    "Reuters",
    "dpa",
    "DPA",
    "TASS",
    "Interfax",
    "RIA Novosti",
    "EFE",
    "ANSA",
    "KNA",
    "epd",
    "Xinhua",
    "UPI",
    "PA",
    "Bloomberg",
    "Belta",
    "BelTA",
];

pub fn is_agency(s: &str) -> bool {
    AGENCIES.contains(&s.trim())
}

/// A regex whose bounded repetitions of Unicode classes (`[\w ,.&/-]{2,80}`) are costly to
/// compile: the four credit and byline patterns took about 400 M instructions at every start,
/// most of a small run such as the seed report. It is matched with the bounds lifted
/// (`{2,}`) and the bounds are checked on the captures. The bounded language is a subset of
/// the lifted one and both try their choices in the same order, so no lifted match means no
/// bounded match, and a lifted match within the bounds is the bounded regex's own match. Only
/// a lifted match beyond a bound, which is rare, runs the exact regex, compiled on first use.
struct Bounded {
    lifted: LazyLock<Regex>,
    exact: LazyLock<Regex>,
    /// Capture group -> the most characters it may hold.
    limits: &'static [(&'static str, usize)],
}

impl Bounded {
    fn captures<'t>(&self, text: &'t str) -> Option<regex::Captures<'t>> {
        let c = self.lifted.captures(text)?;
        let within = self.limits.iter().all(|(group, max)| {
            c.name(group)
                .is_none_or(|m| m.as_str().chars().count() <= *max)
        });
        if within {
            Some(c)
        } else {
            self.exact.captures(text)
        }
    }
}

static CREDIT_CONTRIBUTED: Bounded = Bounded {
    lifted: LazyLock::new(|| {
        Regex::new(
            r"^(?P<who>[A-Z][\w .&/-]{1,}?) contributed (?:reporting|to this report)[\w .]*\.?$",
        )
        .expect("credit")
    }),
    exact: LazyLock::new(|| {
        Regex::new(
            r"^(?P<who>[A-Z][\w .&/-]{1,40}?) contributed (?:reporting|to this report)[\w .]*\.?$",
        )
        .expect("credit")
    }),
    limits: &[("who", 41)],
};
static CREDIT_WITH: Bounded = Bounded {
    lifted: LazyLock::new(|| {
        Regex::new(r"^(?:With|Additional) reporting by (?P<who>[\w ,.&/-]{2,}?)\.?$")
            .expect("credit")
    }),
    exact: LazyLock::new(|| {
        Regex::new(r"^(?:With|Additional) reporting by (?P<who>[\w ,.&/-]{2,80}?)\.?$")
            .expect("credit")
    }),
    limits: &[("who", 80)],
};
/// DW's sign-off: editors' initials, then the agencies used: "jsi/aw (AP, AFP)".
static CREDIT_INITIALS: Bounded = Bounded {
    lifted: LazyLock::new(|| {
        Regex::new(r"^(?P<ed>[a-z]{1,4}(?:/[a-z]{1,4})*)\s*\((?P<who>[\w ,/.-]{2,})\)$")
            .expect("credit")
    }),
    exact: LazyLock::new(|| {
        Regex::new(r"^(?P<ed>[a-z]{1,4}(?:/[a-z]{1,4})*)\s*\((?P<who>[\w ,/.-]{2,60})\)$")
            .expect("credit")
    }),
    limits: &[("who", 60)],
};

/// A credit line: `Some(credited names)` when the whole line is a wire or contribution credit.
pub fn parse_credit_line(line: &str) -> Option<Vec<String>> {
    let l = line.trim();
    // Every body line is asked, and the Unicode classes push the regex engine onto its slow
    // path: test first the literal each pattern cannot match without. A pattern is
    // compiled only when a line passes its test (most articles have no credit line), and
    // then in its cheap lifted form (see [`Bounded`]).
    let tries: [(&Bounded, bool); 3] = [
        (&CREDIT_CONTRIBUTED, l.contains(" contributed ")),
        (
            &CREDIT_WITH,
            l.starts_with("With reporting by ") || l.starts_with("Additional reporting by "),
        ),
        (
            &CREDIT_INITIALS,
            l.ends_with(')') && l.starts_with(|c: char| c.is_ascii_lowercase()),
        ),
    ];
    tries
        .into_iter()
        .filter(|(_, possible)| *possible)
        .find_map(|(regex, _)| regex.captures(l))
        .map(|c| split_names(&c["who"]))
}

/// Splits "Anna Malpas and Anna Smolchenko", "AP, AFP" into names.
pub fn split_names(s: &str) -> Vec<String> {
    s.split([',', ';'])
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" & "))
        .map(|p| p.trim().trim_end_matches('.').trim())
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// A byline: authors and, after "for", the agency they wrote for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Byline {
    pub authors: Vec<String>,
    pub credits: Vec<String>,
}

static BYLINE: Bounded = Bounded {
    lifted: LazyLock::new(|| {
        Regex::new(
            r"^(?i:by)\s+(?P<who>[^\n]{2,}?)(?:\s+(?:for|from)\s+(?P<for>[\w .&/-]{2,}))?\s*$",
        )
        .expect("byline")
    }),
    exact: LazyLock::new(|| {
        Regex::new(
            r"^(?i:by)\s+(?P<who>[^\n]{2,160}?)(?:\s+(?:for|from)\s+(?P<for>[\w .&/-]{2,40}))?\s*$",
        )
        .expect("byline")
    }),
    limits: &[("who", 160), ("for", 40)],
};

/// Parses "By Anna Malpas and Anna Smolchenko for AFP". Names must look like names
/// (capitalised words), so "By Saturday, ..." in a sentence is not a byline.
pub fn parse_byline(line: &str) -> Option<Byline> {
    let l = line.trim();
    // The pattern starts with "by" in either case (no other character folds to b or y): most
    // lines are ruled out without compiling or running it.
    if l.len() > 200
        || !l
            .as_bytes()
            .get(..2)
            .is_some_and(|p| p.eq_ignore_ascii_case(b"by"))
    {
        return None;
    }
    let c = BYLINE.captures(l)?;
    let authors = split_names(&c["who"]);
    let looks_like_names = !authors.is_empty()
        && authors.iter().all(|a| {
            let words: Vec<&str> = a.split_whitespace().collect();
            (1..=5).contains(&words.len())
                && words.iter().all(|w| {
                    w.chars().next().is_some_and(|ch| ch.is_uppercase())
                        || matches!(*w, "de" | "van" | "von" | "al" | "bin" | "der" | "la")
                })
        });
    if !looks_like_names {
        return None;
    }
    let credits = c
        .name("for")
        .map(|m| split_names(m.as_str()))
        .unwrap_or_default();
    Some(Byline { authors, credits })
}

static ON_MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\bon (?P<m>{MONTH_RE}) (?P<d>\d{{1,2}})\b(?:,? (?P<y>\d{{4}}))?"
    ))
    .expect("on month day")
});

/// The day a lead paragraph reports ("state media reported on November 4"): news leads
/// report the day of publication or the day before, so this is only ever an inferred date.
/// Returns month, day, the year if given, and the words around the date as evidence.
pub fn lead_month_day(lead: &str) -> Option<(i8, i8, Option<i16>, String)> {
    let c = ON_MONTH_DAY.captures(lead)?;
    let m = c.get(0)?;
    let from = lead[..m.start()]
        .char_indices()
        .rev()
        .filter(|(_, ch)| *ch == ' ')
        .nth(3)
        .map_or(0, |(i, _)| i + 1);
    Some((
        month_number(&c["m"])?,
        c["d"].parse().ok()?,
        c.name("y").and_then(|y| y.as_str().parse().ok()),
        lead[from..m.end()].to_string(),
    ))
}

/// The events "last year's <event>" can name.
const YEARLY_EVENTS: &[&str] = &[
    "election",
    "vote",
    "elections",
    "referendum",
    "protests",
    "war",
    "invasion",
    "summit",
    "olympics",
    "games",
    "world cup",
];

static LAST_YEARS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\blast year's (?:\w+ ){{0,2}}?(?P<noun>{})\b",
        YEARLY_EVENTS.join("|")
    ))
    .expect("last year's")
});

/// "<event> in [month] <year>" for each of [`YEARLY_EVENTS`], compiled once (compiling it
/// for every document was 2% of a whole report run).
static DATED_EVENTS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    YEARLY_EVENTS
        .iter()
        .map(|noun| {
            Regex::new(&format!(
                r"\b{noun} in (?:(?:{MONTH_RE}) )?(?P<y>(?:19|20)\d{{2}})\b"
            ))
            .expect("dated event")
        })
        .collect()
});

/// Infers the publication year from "last year's <event>" when the same event is dated
/// elsewhere in the text ("an election in August 2020" -> published in 2021). Returns the
/// year and the evidence.
pub fn infer_year(text: &str) -> Option<(i16, String)> {
    let c = LAST_YEARS.captures(text)?;
    let noun = c.name("noun")?.as_str();
    let dated = &DATED_EVENTS[YEARLY_EVENTS.iter().position(|n| *n == noun)?];
    let d = dated.captures(text)?;
    let year: i16 = d["y"].parse().ok()?;
    Some((year + 1, format!("\"{}\" + \"{}\"", &c[0], &d[0])))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// The spans of every named group of a match, to compare two regexes' answers.
    fn groups(c: Option<regex::Captures>) -> Option<Vec<Option<(usize, usize)>>> {
        c.map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
    }

    /// Lines near the bounds: names, initials and agencies of any length, with and without
    /// the words each pattern needs, so that matches beyond a bound are common.
    fn credit_like_line() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let word = prop::sample::select(vec![
            "Anna",
            "Ł",
            "Malpas",
            "and",
            "for",
            "from",
            "AFP",
            "Reuters",
            "jsi/aw",
            "(AP,",
            "AFP)",
            "contributed",
            "reporting",
            "to this report",
            "By",
            "by",
            "With",
            "reporting by",
            "Additional",
            ".",
            "-",
            "Łukaszenka",
            "x",
        ]);
        let run = prop::collection::vec(word, 0..40).prop_map(|w| w.join(" "));
        (
            prop::sample::select(vec!["", "By ", "With reporting by ", "jsi/aw ("]),
            run,
            prop::sample::select(vec!["", ".", ")", " contributed reporting.", " for AFP"]),
        )
            .prop_map(|(a, b, c)| format!("{a}{b}{c}"))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(600))]
        /// Lifting the bounds never changes an answer: each pattern gives the same groups as
        /// its exact bounded form, on lines inside and beyond the bounds.
        #[test]
        fn lifted_bounds_answer_as_the_exact_patterns(line in credit_like_line()) {
            for b in [&CREDIT_CONTRIBUTED, &CREDIT_WITH, &CREDIT_INITIALS, &BYLINE] {
                proptest::prop_assert_eq!(
                    groups(b.captures(&line)),
                    groups(b.exact.captures(&line)),
                    "{}", line
                );
            }
        }
    }

    #[test]
    fn datelines() {
        assert_eq!(parse_dateline("December 7, 2019"), Some(date(2019, 12, 7)));
        assert_eq!(
            parse_dateline("September 11, 2020"),
            Some(date(2020, 9, 11))
        );
        assert_eq!(parse_dateline("Dec. 7, 2019"), Some(date(2019, 12, 7)));
        assert_eq!(parse_dateline("7 December 2019"), Some(date(2019, 12, 7)));
        assert_eq!(parse_dateline("2019-12-07"), Some(date(2019, 12, 7)));
        assert_eq!(
            parse_dateline("Saturday, December 7, 2019 10:31"),
            Some(date(2019, 12, 7))
        );
        assert_eq!(
            parse_dateline("December 7, 2019 protests were large."),
            None
        );
        assert_eq!(parse_dateline("February 30, 2019"), None);
    }

    #[test]
    fn url_dates_and_outlets() {
        let u = "https://www.themoscowtimes.com/2020/09/11/putin-lukashenko-a71419";
        assert_eq!(url_path_date(u), Some(date(2020, 9, 11)));
        assert_eq!(outlet_for_url(u).as_deref(), Some("The Moscow Times"));
        assert_eq!(
            outlet_for_url("https://news.tut.by/economics/664245.html").as_deref(),
            Some("TUT.BY")
        );
        assert_eq!(
            outlet_for_url("https://example.org/x").as_deref(),
            Some("example.org")
        );
        assert_eq!(
            url_path_date("https://www.rferl.org/a/protest/30313205.html"),
            None
        );
    }

    #[test]
    fn credits_and_bylines() {
        assert_eq!(
            parse_credit_line("Reuters contributed reporting to this article."),
            Some(vec!["Reuters".into()])
        );
        assert_eq!(
            parse_credit_line("With reporting by AFP"),
            Some(vec!["AFP".into()])
        );
        assert_eq!(
            parse_credit_line("jsi/aw (AP, AFP)"),
            Some(vec!["AP".into(), "AFP".into()])
        );
        assert_eq!(
            parse_credit_line("Police made no arrests (AFP said)."),
            None
        );
        let b = parse_byline("By Anna Malpas and Anna Smolchenko for AFP").unwrap();
        assert_eq!(b.authors, vec!["Anna Malpas", "Anna Smolchenko"]);
        assert_eq!(b.credits, vec!["AFP"]);
        assert_eq!(
            parse_byline("by the end of the week, talks had stalled"),
            None
        );
    }

    #[test]
    fn year_inference_needs_both_halves() {
        let t = "following last year's disputed presidential election ... a presidential election in August 2020 in which";
        assert_eq!(infer_year(t).map(|(y, _)| y), Some(2021));
        assert_eq!(
            infer_year("following last year's disputed presidential election"),
            None
        );
        // The dated event must be the one "last year's" names.
        assert_eq!(
            infer_year("since last year's summit, and the election in 2019"),
            None
        );
        assert_eq!(
            infer_year("after last year's world cup ... the world cup in June 2018")
                .map(|(y, _)| y),
            Some(2019)
        );
        assert_eq!(
            lead_month_day(
                "a decades-old plan to create a Union State, state media reported on November 4, as Minsk"
            ),
            Some((11, 4, None, "state media reported on November 4".into()))
        );
    }
}
