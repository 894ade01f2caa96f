//! A hand-built analysis with known answers for the reconcile and report tests: four short
//! articles from four invented outlets about two events (a December 2019 protest in Minsk
//! and a September 2020 march), with claims, mentions, entities and events written by hand,
//! so that these tests do not depend on the extractor, the name resolver or the linker.
//!
//! What it holds, and what the report must find:
//! - event e1: "Several hundred people" (Ledger) against "More than 1,000 people" (Post),
//!   both on Saturday 2019-12-07: a discrepancy; a quote reworded between the two
//!   (Oreshkin); "Russia is a part of Belarus" given to Lukashenko (Ledger) and to Peskov
//!   (Post); a weekday that does not match its date (Friday, December 19, 2019 was a
//!   Thursday); Minsk and Sochi in both; Lukashenko / Lukashenka spelled differently;
//! - event e2: police "about 5,000" against organisers "more than 20,000": an expected
//!   difference; article text carrying `<script>` and `<img onerror>` that every printer
//!   must escape;
//! - across events: Lukashenko's tenure told four ways in 2019 and 2020 (since 1994, a quarter
//!   of a century, 26 years, 26-year rule), all agreeing on a start in 1994; his age, 66, in
//!   2020 gives a birth year in [1953, 1954].
#![allow(dead_code)]

use concord::extract::{Claim, ClaimKind, DateValue};
use concord::link::{Event, Events, Story};
use concord::model::{Corpus, Document, Skipped, Span};
use concord::normalize::{Entity, EntityKind, Mention};
use concord::pipeline::Analysis;

pub const LEDGER: &str = "fixtures/report/ledger.txt";
pub const POST: &str = "fixtures/report/post.txt";
pub const HERALD: &str = "fixtures/report/herald.txt";
pub const WIRE: &str = "fixtures/report/wire.txt";

const LEDGER_TEXT: &str = include_str!("../../fixtures/report/ledger.txt");

const POST_TEXT: &str = include_str!("../../fixtures/report/post.txt");

const HERALD_TEXT: &str = include_str!("../../fixtures/report/herald.txt");

const WIRE_TEXT: &str = include_str!("../../fixtures/report/wire.txt");

/// The four articles as files (for the CLI and the HTML check), source name and text.
pub const ARTICLES: &[(&str, &str)] = &[
    (LEDGER, LEDGER_TEXT),
    (POST, POST_TEXT),
    (HERALD, HERALD_TEXT),
    (WIRE, WIRE_TEXT),
];

fn doc(source: &str, outlet: &str, title: &str, published: &str, text: &str) -> Document {
    let mut d = concord::ingest::document_from_text(source, text);
    d.outlet = Some(outlet.into());
    d.title = Some(title.into());
    d.published = Some(published.parse().unwrap());
    d
}

/// Builds claims against one document's text: spans and sentences found, not typed.
pub struct ClaimMaker<'a> {
    pub doc: &'a Document,
}

impl ClaimMaker<'_> {
    pub fn span_of(&self, phrase: &str) -> Span {
        let at = self
            .doc
            .text
            .find(phrase)
            .unwrap_or_else(|| panic!("{phrase:?} not in {}", self.doc.source));
        Span::new(at, at + phrase.len())
    }

    pub fn claim(&self, kind: ClaimKind, phrase: &str) -> Claim {
        let span = self.span_of(phrase);
        let sentence = concord::reconcile::sentence::around(&self.doc.text, span);
        // Built through the library's constructor, not a struct literal, so this fixture
        // keeps compiling when the extractor adds fields to Claim.
        concord::reconcile::new_claim(
            &self.doc.source,
            kind,
            phrase,
            sentence.slice(&self.doc.text),
            span,
        )
    }

    pub fn figure(
        &self,
        kind: ClaimKind,
        phrase: &str,
        low: Option<f64>,
        high: Option<f64>,
    ) -> Claim {
        Claim {
            low,
            high,
            ..self.claim(kind, phrase)
        }
    }

    pub fn quote(&self, words: &str, speaker: Option<(&str, &str)>, quote_kind: &str) -> Claim {
        Claim {
            speaker: speaker.map(|s| s.0.to_string()),
            speaker_entity: speaker.map(|s| s.1.to_string()),
            quote_kind: Some(quote_kind.into()),
            ..self.claim(ClaimKind::Quote, words)
        }
    }

    pub fn date(&self, phrase: &str, value: &str, granularity: &str) -> Claim {
        Claim {
            date: Some(day(phrase, value, granularity)),
            ..self.claim(ClaimKind::Date, phrase)
        }
    }
}

pub fn day(text: &str, value: &str, granularity: &str) -> DateValue {
    DateValue {
        text: text.into(),
        value: Some(value.into()),
        granularity: granularity.into(),
        relative: None,
        inferred: false,
    }
}

/// Every whole-word occurrence of each name as a mention.
pub fn mentions(doc: &Document, names: &[(&str, EntityKind, &str)]) -> Vec<Mention> {
    let mut out = Vec::new();
    for (form, kind, entity) in names {
        for (at, _) in doc.text.match_indices(form) {
            let before = doc.text[..at].chars().next_back();
            let after = doc.text[at + form.len()..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            out.push(Mention {
                span: Span::new(at, at + form.len()),
                text: (*form).into(),
                base: (*form).into(),
                kind: *kind,
                rule: "fixture".into(),
                entity: Some((*entity).into()),
            });
        }
    }
    out.sort_by_key(|m| m.span);
    out
}

fn entity(id: &str, display: &str, kind: EntityKind, variants: &[(&str, &[&str])]) -> Entity {
    // Through serde, so that fields the name normalizer adds (with serde defaults) do not
    // break this fixture.
    let variants: Vec<serde_json::Value> = variants
        .iter()
        .map(|(form, sources)| serde_json::json!({"form": form, "count": sources.len(), "sources": sources}))
        .collect();
    serde_json::from_value(serde_json::json!({
        "id": id, "display": display, "kind": kind, "variants": variants,
        "evidence": ["fixture: written by hand"],
    }))
    .unwrap()
}

use EntityKind::{Person, Place};

const NAMES: &[(&str, EntityKind, &str)] = &[
    ("Minsk", Place, "e:minsk"),
    ("Sochi", Place, "e:sochi"),
    ("Lukashenko", Person, "e:lukashenko"),
    ("Lukashenka", Person, "e:lukashenko"),
    ("Putin", Person, "e:putin"),
    ("Oreshkin", Person, "e:oreshkin"),
    ("Peskov", Person, "e:peskov"),
    ("Tikhanovskaya", Person, "e:tsikhanouskaya"),
    ("Tsikhanouskaya", Person, "e:tsikhanouskaya"),
];

/// The analysis the report tests run on.
pub fn analysis() -> Analysis {
    let ledger = doc(
        LEDGER,
        "Daily Ledger",
        "Hundreds protest in Minsk",
        "2019-12-07",
        LEDGER_TEXT,
    );
    let post = doc(
        POST,
        "Evening Post",
        "Belarus crowds rally against Russia ties",
        "2019-12-07",
        POST_TEXT,
    );
    let herald = doc(
        HERALD,
        "Morning Herald",
        "Minsk march",
        "2020-09-13",
        HERALD_TEXT,
    );
    let wire = doc(
        WIRE,
        "Free Wire",
        "Tens of thousands <b>march</b> in Minsk",
        "2020-09-13",
        WIRE_TEXT,
    );

    let people = |c: Claim| Claim {
        counted: Some("people".into()),
        ..c
    };
    let on = |c: Claim, text: &str, value: &str| Claim {
        date: Some(day(text, value, "day")),
        ..c
    };
    let years = |c: Claim| Claim {
        unit: Some("years".into()),
        ..c
    };

    let l = ClaimMaker { doc: &ledger };
    let ledger_claims = vec![
        on(
            people(l.figure(
                ClaimKind::Crowd,
                "Several hundred people",
                Some(200.0),
                Some(999.0),
            )),
            "on Saturday",
            "2019-12-07",
        ),
        l.date("on Saturday", "2019-12-07", "day"),
        l.quote("No to occupation", None, "chant"),
        l.quote(
            "The positions have come significantly closer,",
            Some(("Maxim Oreshkin", "e:oreshkin")),
            "statement",
        ),
        l.quote(
            "Russia is a part of Belarus,",
            Some(("Lukashenko", "e:lukashenko")),
            "statement",
        ),
        l.date("since 1994", "1994", "year"),
    ];
    let p = ClaimMaker { doc: &post };
    let post_claims = vec![
        on(
            people(Claim {
                modifier: Some("more than".into()),
                ..p.figure(
                    ClaimKind::Crowd,
                    "More than 1,000 people",
                    Some(1000.0),
                    Some(1999.0),
                )
            }),
            "on Saturday",
            "2019-12-07",
        ),
        p.date("on Saturday", "2019-12-07", "day"),
        p.quote(
            "The positions have become much closer,",
            Some(("Oreshkin", "e:oreshkin")),
            "statement",
        ),
        p.quote(
            "Russia is a part of Belarus,",
            Some(("Dmitry Peskov", "e:peskov")),
            "statement",
        ),
        p.date("on Friday, December 19, 2019", "2019-12-19", "day"),
        years(p.figure(
            ClaimKind::Duration,
            "a quarter of a century",
            Some(25.0),
            Some(25.0),
        )),
    ];
    let h = ClaimMaker { doc: &herald };
    let herald_claims = vec![
        on(
            people(Claim {
                modifier: Some("about".into()),
                attribution: Some("police said".into()),
                point: Some(5000.0),
                ..h.figure(
                    ClaimKind::Crowd,
                    "about 5,000 people",
                    Some(4500.0),
                    Some(5500.0),
                )
            }),
            "Sunday",
            "2020-09-13",
        ),
        h.date("Sunday", "2020-09-13", "day"),
        years(h.figure(ClaimKind::Duration, "26 years", Some(26.0), Some(26.0))),
    ];
    let w = ClaimMaker { doc: &wire };
    let wire_claims = vec![
        on(
            people(Claim {
                modifier: Some("more than".into()),
                attribution: Some("organisers said".into()),
                ..w.figure(
                    ClaimKind::Crowd,
                    "more than 20,000 people",
                    Some(20000.0),
                    Some(29999.0),
                )
            }),
            "on Sunday",
            "2020-09-13",
        ),
        w.date("on Sunday", "2020-09-13", "day"),
        w.quote("Go away", None, "chant"),
        w.quote(
            "We will not stop <script>alert(2)</script>.",
            Some(("Svyatlana Tsikhanouskaya", "e:tsikhanouskaya")),
            "statement",
        ),
        years(w.figure(ClaimKind::Duration, "26-year rule", Some(26.0), Some(26.0))),
        years(w.figure(ClaimKind::Age, "66", Some(66.0), Some(66.0))),
    ];

    let docs = vec![ledger, post, herald, wire];
    let mentions: Vec<Vec<Mention>> = docs.iter().map(|d| mentions(d, NAMES)).collect();
    let entities = vec![
        entity(
            "e:lukashenko",
            "Alexander Lukashenko",
            Person,
            &[
                ("Lukashenko", &[LEDGER, HERALD]),
                ("Lukashenka", &[POST, WIRE]),
            ],
        ),
        entity(
            "e:minsk",
            "Minsk",
            Place,
            &[("Minsk", &[LEDGER, POST, HERALD, WIRE])],
        ),
        entity(
            "e:oreshkin",
            "Maxim Oreshkin",
            Person,
            &[("Oreshkin", &[LEDGER, POST])],
        ),
        entity("e:peskov", "Dmitry Peskov", Person, &[("Peskov", &[POST])]),
        entity(
            "e:putin",
            "Vladimir Putin",
            Person,
            &[("Putin", &[LEDGER, POST])],
        ),
        entity("e:sochi", "Sochi", Place, &[("Sochi", &[LEDGER, POST])]),
        entity(
            "e:tsikhanouskaya",
            "Sviatlana Tsikhanouskaya",
            Person,
            &[("Tikhanovskaya", &[HERALD]), ("Tsikhanouskaya", &[WIRE])],
        ),
    ];
    let events = Events {
        events: vec![
            Event {
                id: "e1".into(),
                sources: vec![LEDGER.into(), POST.into()],
                date: Some("2019-12-07".parse().unwrap()),
                date_inferred: false,
                story: Some("s1".into()),
                evidence: Vec::new(),
            },
            Event {
                id: "e2".into(),
                sources: vec![HERALD.into(), WIRE.into()],
                date: Some("2020-09-13".parse().unwrap()),
                date_inferred: false,
                story: Some("s1".into()),
                evidence: Vec::new(),
            },
        ],
        stories: vec![Story {
            id: "s1".into(),
            label: "Russia–Belarus integration".into(),
            events: vec!["e1".into(), "e2".into()],
        }],
    };
    Analysis {
        corpus: Corpus {
            documents: docs,
            skipped: vec![Skipped {
                source: "fixtures/report/empty.txt".into(),
                reason: "empty file".into(),
            }],
        },
        mentions,
        entities,
        claims: vec![ledger_claims, post_claims, herald_claims, wire_claims],
        duplicates: Vec::new(),
        events,
        store: None,
    }
}
