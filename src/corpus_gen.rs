//! A reproducible corpus of realistic news articles with planted duplicates, event clusters,
//! conflicting figures and name variants, and the ground truth for each (issue 7).
//!
//! `link::generate` draws words from a synthetic vocabulary to stress dedup alone; this
//! generator writes English news prose so that every stage has work: names to resolve
//! (Lukashenko / Lukashenka / Лукашенко), figures to read as intervals ("several hundred"
//! against "more than 1,000"), dates and weekdays, quotes, events to link and copies to find.
//!
//! How it is built, and why:
//! - The corpus is a sequence of *events* (a protest, a strike, a trial, leaders' talks), each
//!   with a date, a city, two invented landmarks and an invented organiser, so that reports
//!   of one event share rare terms and reports of different events do not.
//! - Each event is reported by two to four outlets, each in its own words: sentence templates
//!   are chosen per outlet, figures are given from the outlet's side (police, organisers, a
//!   vague phrase), and names are spelt in the outlet's transliteration style.
//! - Background paragraphs come from a template grammar with a slot every few words, plus at
//!   most two short sentences from the seed articles, so no two unrelated articles share a
//!   run of 25 words (the shortest passage dedup reports) except by planting.
//! - A share of the reports are planted copies: exact re-posts, near duplicates (an updated
//!   version: one paragraph dropped, an update added, a new title) and syndicated copies under
//!   another outlet's header and footer.
//! - Randomness is a counter hashed with the seed (xxh3), one stream per event, so events are
//!   generated in parallel and the corpus depends only on `(articles, seed)`.

use crate::ingest::SEEDS;
use jiff::civil::{Date, Weekday};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// Generator settings. The same settings give byte-identical output on every machine.
#[derive(Debug, Clone)]
pub struct RealisticOptions {
    pub articles: usize,
    pub seed: u64,
    /// Share of articles that are planted copies (exact, near, syndicated) of another.
    pub copy_share: f64,
}

impl Default for RealisticOptions {
    fn default() -> Self {
        RealisticOptions {
            articles: 1000,
            seed: 1,
            copy_share: 0.3,
        }
    }
}

/// One article as written to JSON Lines (the fields `concord` reads from JSONL records).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GeneratedArticle {
    pub id: String,
    pub url: String,
    pub outlet: String,
    pub title: String,
    pub published: String,
    pub text: String,
}

/// How an article came to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// An outlet's own report of an event.
    Report,
    /// The same text re-posted (new id and URL).
    Exact,
    /// An updated version: one paragraph dropped, an update paragraph added, a new title.
    Near,
    /// Another outlet's copy under its own header and footer.
    Syndicated,
}

/// What the generator planted in one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleTruth {
    pub id: String,
    /// 1-based line in the JSONL file (the `#N` of the source concord reports).
    pub line: usize,
    pub event: String,
    pub origin: Origin,
    /// For a copy, the id of the report it copies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copy_of: Option<String>,
    /// The crowd figure as the article gives it.
    pub crowd_phrase: String,
    /// Every planted name form in the article: (entity id, form as written).
    pub names: Vec<(String, String)>,
}

/// A planted duplicate group: the report and its copies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DupTruth {
    pub original: String,
    pub copies: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventTruth {
    pub id: String,
    pub kind: String,
    pub date: String,
    pub city: String,
    /// The crowd size the generator drew; outlets report it from their own side.
    pub crowd: u64,
    pub articles: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityTruth {
    pub id: String,
    pub kind: String,
    /// Every form the generator can write for this entity.
    pub variants: Vec<String>,
}

/// The ground truth of a generated corpus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Truth {
    pub seed: u64,
    pub articles: Vec<ArticleTruth>,
    pub duplicates: Vec<DupTruth>,
    pub events: Vec<EventTruth>,
    pub entities: Vec<EntityTruth>,
}

/// Randomness as a hashed counter: each stream is independent and reproducible, which lets
/// events be generated in parallel without the order of threads showing in the output.
struct Stream {
    key: u64,
    n: u64,
}

impl Stream {
    fn new(seed: u64, stream: u64) -> Self {
        Stream {
            key: xxhash_rust::xxh3::xxh3_64_with_seed(&stream.to_le_bytes(), seed),
            n: 0,
        }
    }
    fn u64(&mut self) -> u64 {
        self.n += 1;
        xxhash_rust::xxh3::xxh3_64_with_seed(&self.n.to_le_bytes(), self.key)
    }
    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.u64() % n.max(1) as u64) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn chance(&mut self, p: f64) -> bool {
        ((self.u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// A person with one (full, surname) spelling per transliteration style: Russian-based
/// Latin, Belarusian-based Latin (BGN/PCGN-style, as Belarusian and RFE/RL outlets write),
/// and Cyrillic (given by some outlets beside the Latin form on first mention).
struct Person {
    id: &'static str,
    role: &'static str,
    styles: [(&'static str, &'static str); 3],
}

const PEOPLE: &[Person] = &[
    Person {
        id: "lukashenko",
        role: "President",
        styles: [
            ("Alexander Lukashenko", "Lukashenko"),
            ("Alyaksandr Lukashenka", "Lukashenka"),
            ("Александр Лукашенко", "Лукашенко"),
        ],
    },
    Person {
        id: "tikhanovskaya",
        role: "opposition leader",
        styles: [
            ("Svetlana Tikhanovskaya", "Tikhanovskaya"),
            ("Sviatlana Tsikhanouskaya", "Tsikhanouskaya"),
            ("Светлана Тихановская", "Тихановская"),
        ],
    },
    Person {
        id: "kolesnikova",
        role: "opposition politician",
        styles: [
            ("Maria Kolesnikova", "Kolesnikova"),
            ("Maryia Kalesnikava", "Kalesnikava"),
            ("Мария Колесникова", "Колесникова"),
        ],
    },
    Person {
        id: "babariko",
        role: "former banker",
        styles: [
            ("Viktor Babariko", "Babariko"),
            ("Viktar Babaryka", "Babaryka"),
            ("Виктор Бабарико", "Бабарико"),
        ],
    },
    Person {
        id: "protasevich",
        role: "blogger",
        styles: [
            ("Roman Protasevich", "Protasevich"),
            ("Raman Pratasevich", "Pratasevich"),
            ("Роман Протасевич", "Протасевич"),
        ],
    },
    Person {
        id: "latushko",
        role: "former minister",
        styles: [
            ("Pavel Latushko", "Latushko"),
            ("Pavel Latushka", "Latushka"),
            ("Павел Латушко", "Латушко"),
        ],
    },
    Person {
        id: "putin",
        role: "Russian President",
        styles: [
            ("Vladimir Putin", "Putin"),
            ("Vladimir Putin", "Putin"),
            ("Владимир Путин", "Путин"),
        ],
    },
];

/// An outlet: its name, web domain, transliteration style (index into `Person::styles`),
/// whether it adds the Cyrillic form on first mention, and the header and footer it puts
/// around a syndicated copy.
struct Outlet {
    name: &'static str,
    domain: &'static str,
    style: usize,
    cyrillic_aside: bool,
    footer: &'static str,
}

const OUTLETS: &[Outlet] = &[
    Outlet {
        name: "The Moscow Times",
        domain: "themoscowtimes.com",
        style: 0,
        cyrillic_aside: false,
        footer: "The Moscow Times is an independent news source based in Amsterdam.",
    },
    Outlet {
        name: "Deutsche Welle",
        domain: "dw.com",
        style: 0,
        cyrillic_aside: false,
        footer: "DW's editors send out a selection of the day's hard news every evening.",
    },
    Outlet {
        name: "RFE/RL",
        domain: "rferl.org",
        style: 1,
        cyrillic_aside: false,
        footer: "RFE/RL's Belarus Service reports in Belarusian, Russian and English.",
    },
    Outlet {
        name: "Belsat",
        domain: "belsat.eu",
        style: 1,
        cyrillic_aside: true,
        footer: "Belsat is a television channel broadcasting to Belarus from Poland.",
    },
    Outlet {
        name: "Meduza",
        domain: "meduza.io",
        style: 0,
        cyrillic_aside: true,
        footer: "Meduza is an independent Russian-language publication based in Riga.",
    },
    Outlet {
        name: "Nasha Niva",
        domain: "nashaniva.com",
        style: 1,
        cyrillic_aside: false,
        footer: "Nasha Niva is one of the oldest Belarusian newspapers.",
    },
];

/// Cities with the forms outlets use (Russian-based, Belarusian-based).
const CITIES: &[(&str, &str)] = &[
    ("Minsk", "Minsk"),
    ("Grodno", "Hrodna"),
    ("Brest", "Brest"),
    ("Gomel", "Homel"),
    ("Vitebsk", "Vitsebsk"),
    ("Mogilev", "Mahilyow"),
    ("Bobruisk", "Babruysk"),
    ("Pinsk", "Pinsk"),
    ("Lida", "Lida"),
    ("Borisov", "Barysaw"),
    ("Orsha", "Orsha"),
    ("Soligorsk", "Salihorsk"),
];

const GIVEN: &[&str] = &[
    "Anton", "Olga", "Dmitry", "Irina", "Pavel", "Natalia", "Andrei", "Tatiana", "Igor", "Elena",
    "Yuri", "Marina", "Oleg", "Yulia", "Maxim", "Anna",
];

/// Syllables for invented proper names (landmarks, organisers): rare terms that tie the
/// reports of one event together and nothing else.
const SYLLABLES: &[&str] = &[
    "bor", "vel", "dra", "kos", "mir", "len", "tar", "gol", "vish", "ran", "sel", "dub", "zar",
    "ol", "ne", "ka", "ro", "vi", "ta", "mo", "le", "sha", "ny", "ga",
];

fn invented(s: &mut Stream, syllables: usize) -> String {
    let mut w = String::new();
    for _ in 0..syllables {
        w.push_str(s.pick::<&str>(SYLLABLES));
    }
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => w,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum EventKind {
    Protest,
    Strike,
    Trial,
    Talks,
}

impl EventKind {
    fn name(self) -> &'static str {
        match self {
            EventKind::Protest => "protest",
            EventKind::Strike => "strike",
            EventKind::Trial => "trial",
            EventKind::Talks => "talks",
        }
    }
}

/// What every report of one event agrees on.
struct Event {
    id: String,
    kind: EventKind,
    date: Date,
    city: usize,
    square: String,
    plant: String,
    organiser: (String, String),
    /// Index into PEOPLE: the person the event is about, and one who comments on it.
    subject: usize,
    commenter: usize,
    crowd: u64,
    detained: u64,
}

/// Rounds to a figure a newspaper would print (two significant digits).
fn round_news(n: u64) -> u64 {
    let mut step = 1;
    while n / step >= 100 {
        step *= 10;
    }
    (n / step).max(1) * step
}

fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The crowd as one outlet gives it: from the police, from the organisers, or a vague
/// phrase; sides disagree the way real reports do.
fn crowd_phrase(s: &mut Stream, crowd: u64) -> (String, &'static str) {
    match s.below(4) {
        0 => (
            format!("about {}", thousands(round_news(crowd * 2 / 5))),
            "according to police",
        ),
        1 => (
            format!("more than {}", thousands(round_news(crowd * 3 / 2))),
            "organisers said",
        ),
        2 => {
            let vague = match crowd {
                0..=999 => "several hundred",
                1_000..=1_999 => "more than a thousand",
                2_000..=9_999 => "thousands of",
                _ => "tens of thousands of",
            };
            (vague.trim_end_matches(" of").to_string(), "witnesses said")
        }
        _ => (
            format!("at least {}", thousands(round_news(crowd))),
            "the Viasna rights group said",
        ),
    }
}

fn weekday_name(d: Date) -> &'static str {
    match d.weekday() {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

/// Writes one outlet's names: the full form on first mention (with the Cyrillic form aside
/// when the outlet gives it), the surname afterwards; records every form it writes.
struct Namer<'a> {
    outlet: &'a Outlet,
    seen: Vec<usize>,
    names: Vec<(String, String)>,
}

impl Namer<'_> {
    fn name(&mut self, person: usize) -> String {
        let p = &PEOPLE[person];
        let (full, short) = p.styles[self.outlet.style];
        if self.seen.contains(&person) {
            self.names.push((p.id.into(), short.into()));
            return short.into();
        }
        self.seen.push(person);
        self.names.push((p.id.into(), full.into()));
        if self.outlet.cyrillic_aside && full != p.styles[2].0 {
            self.names.push((p.id.into(), p.styles[2].0.into()));
            return format!("{full} ({})", p.styles[2].0);
        }
        full.into()
    }
    fn city(&self, city: usize) -> &'static str {
        let (ru, by) = CITIES[city];
        if self.outlet.style == 1 { by } else { ru }
    }
}

/// Background sentence templates. Slots: {S} subject's name, {C} commenter's name,
/// {city}, {year}, {n}, {org}, {topic}, {verb}, {adj}, {when}. A slot every few words keeps
/// identical runs short across articles.
const BACKGROUND: &[&str] = &[
    "{S}, who has ruled since {year}, has {verb} every call for new elections {when}.",
    "Since {year}, {org} has {verb} the authorities over {topic}.",
    "{C} said in {city} that {topic} would remain {adj} for years.",
    "Analysts in {city} said {topic} had become {adj} after {year}.",
    "{org} estimated that {n} people had left the country since {year}.",
    "The {adj} dispute over {topic} has {verb} relations with {org}.",
    "{C} told reporters {when} that {org} had {verb} the plan.",
    "Officials in {city} {verb} the figures, calling them {adj}.",
    "More than {n} complaints about {topic} reached {org} {when}.",
    "{S} has repeatedly {verb} suggestions that {topic} was {adj}.",
    "In {year}, {org} {verb} a report on {topic} in {city}.",
    "The economy ministry said {topic} cost the budget {n} million roubles {when}.",
    "{org} has {verb} its staff in {city} since {year}.",
    "Residents of {city} described the mood as {adj} {when}.",
    "{C} called {topic} {adj} and urged {org} to act.",
    "The authorities have {verb} {n} websites since {year}, {org} said.",
];

const ORGS: &[&str] = &[
    "the European Union",
    "the OSCE",
    "the Kremlin",
    "the Central Election Commission",
    "the Viasna human rights centre",
    "the United Nations",
    "the interior ministry",
    "the Belarusian Association of Journalists",
    "the state television channel",
    "the Lithuanian government",
];
const TOPICS: &[&str] = &[
    "the integration road map",
    "gas prices",
    "the disputed election",
    "the union state treaty",
    "independent media",
    "political prisoners",
    "oil supplies",
    "the new constitution",
    "border checks",
    "state wages",
];
const VERBS: &[&str] = &[
    "rejected",
    "criticised",
    "welcomed",
    "questioned",
    "dismissed",
    "supported",
    "strained",
    "watched",
];
const ADJS: &[&str] = &[
    "tense",
    "uncertain",
    "fragile",
    "calm",
    "divisive",
    "costly",
    "unresolved",
    "sensitive",
];
const WHEN: &[&str] = &[
    "last year",
    "this spring",
    "in recent months",
    "earlier this week",
    "last month",
    "over the summer",
];

/// Short sentences from the seed articles (8 to 15 words), used sparingly as background.
fn seed_sentences() -> Vec<String> {
    let mut out = Vec::new();
    for (_, bytes) in SEEDS {
        let text = String::from_utf8_lossy(bytes);
        for para in text.split("\n\n") {
            let para = para.split_whitespace().collect::<Vec<_>>().join(" ");
            for sent in para.split_inclusive(". ") {
                let sent = sent.trim();
                let words = sent.split_whitespace().count();
                if (8..=15).contains(&words)
                    && sent.ends_with('.')
                    && sent.starts_with(|c: char| c.is_uppercase())
                    && !sent.contains("http")
                    && !sent.contains('"')
                {
                    out.push(sent.to_string());
                }
            }
        }
    }
    out
}

/// What a background template's slots refer to.
struct Slots<'a> {
    subject: usize,
    commenter: usize,
    city: &'a str,
}

fn fill(s: &mut Stream, template: &str, slots: &Slots, namer: &mut Namer) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = open + rest[open..].find('}').expect("template slots are closed");
        let slot = &rest[open + 1..close];
        match slot {
            "S" => out.push_str(&namer.name(slots.subject)),
            "C" => out.push_str(&namer.name(slots.commenter)),
            "city" => out.push_str(slots.city),
            "year" => out.push_str(&s.range(1994, 2020).to_string()),
            "n" => out.push_str(&thousands(s.range(2, 900) as u64 * 10)),
            "org" => out.push_str(s.pick::<&str>(ORGS)),
            "topic" => out.push_str(s.pick::<&str>(TOPICS)),
            "verb" => out.push_str(s.pick::<&str>(VERBS)),
            "adj" => out.push_str(s.pick::<&str>(ADJS)),
            "when" => out.push_str(s.pick::<&str>(WHEN)),
            other => panic!("unknown template slot {other}"),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    // A template may open with a lower-case slot ("the ...").
    let mut c = out.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => out,
    }
}

/// The paragraphs of one outlet's report of an event.
fn report(
    s: &mut Stream,
    e: &Event,
    namer: &mut Namer,
    seeds: &[String],
) -> (String, Vec<String>, String) {
    let city = namer.city(e.city);
    let day = weekday_name(e.date);
    let (crowd, side) = crowd_phrase(s, e.crowd);
    let crowd_people = counted(&crowd, "people");
    let subject = namer.name(e.subject);
    let role = PEOPLE[e.subject].role;
    let (og, os) = &e.organiser;
    let mut paras = Vec::new();
    let (title, lead) = match e.kind {
        EventKind::Protest => (
            format!(
                "{} rally in {city} against {}",
                cap(&crowd),
                short_of(&subject)
            ),
            match s.below(3) {
                0 => format!(
                    "{} gathered on {} in {city} on {day} to protest against {role} {subject}, {side}.",
                    cap(&crowd_people),
                    e.square
                ),
                1 => format!(
                    "Protesters marched through {city} on {day}: {crowd_people} walked from {} to the {} works, {side}, demanding that {subject} step down.",
                    e.square, e.plant
                ),
                _ => format!(
                    "On {day}, {crowd_people} took to the streets of {city}, {side}, in the largest rally against {subject} that {} had seen this year.",
                    e.square
                ),
            },
        ),
        EventKind::Strike => (
            format!("Workers at {} plant strike in {city}", e.plant),
            match s.below(2) {
                0 => format!(
                    "{} at the {} plant in {city} downed tools on {day}, {side}, and marched to {} to demand talks with {subject}.",
                    cap(&counted(&crowd, "workers")),
                    e.plant,
                    e.square
                ),
                _ => format!(
                    "A strike at the {} works in {city} drew {crowd_people} on {day}, {side}, in protest at the treatment of workers by {subject}'s government.",
                    e.plant
                ),
            },
        ),
        EventKind::Trial => (
            format!("Court in {city} tries {og} {os}"),
            format!(
                "A court in {city} on {day} opened the trial of {og} {os}, an organiser of the {} protests against {subject}, as {crowd_people} gathered outside, {side}.",
                e.square
            ),
        ),
        EventKind::Talks => {
            let putin = PEOPLE.iter().position(|p| p.id == "putin").unwrap_or(0);
            let other = namer.name(putin);
            (
                format!(
                    "{} and {} meet in {city}",
                    short_of(&subject),
                    short_of(&other)
                ),
                match s.below(2) {
                    0 => format!(
                        "{subject} met {other} at the {} residence near {city} on {day}, as {crowd_people} protested on {}, {side}.",
                        e.plant, e.square
                    ),
                    _ => format!(
                        "As {crowd_people} gathered on {} in {city} on {day}, {side}, {subject} was meeting {other} at the {} residence.",
                        e.square, e.plant
                    ),
                },
            )
        }
    };
    paras.push(lead);
    let commenter = namer.name(e.commenter);
    paras.push(match s.below(3) {
        0 => format!(
            "{og} {os}, who helped organise the gathering at {}, said: \u{201c}People came because they are tired of being afraid.\u{201d}",
            e.square
        ),
        1 => format!(
            "{og} {os}, one of the organisers, said the crowd had stayed calm: \u{201c}We want our votes counted.\u{201d}"
        ),
        _ => format!(
            "The organiser, {og} {os}, told {} that people had come from across the region.",
            namer.outlet.name
        ),
    });
    let detained = if s.chance(0.5) {
        e.detained
    } else {
        e.detained + s.range(1, 20) as u64
    };
    paras.push(match s.below(3) {
        0 => format!(
            "Police detained {} people near {}, the interior ministry said.",
            thousands(detained),
            e.square
        ),
        1 => format!(
            "At least {} people were detained near the {} works, the Viasna rights group said.",
            thousands(detained),
            e.plant
        ),
        _ => format!(
            "Riot police detained {} protesters near {} as the crowd moved off.",
            thousands(detained),
            e.square
        ),
    });
    paras.push(match s.below(2) {
        0 => format!(
            "{commenter} said the authorities in {city} should listen to what the people of {} were saying.",
            e.square
        ),
        _ => format!(
            "In a statement, {commenter} called the events at {} a test for {}, and praised the organiser, {og} {os}.",
            e.square,
            short_of(&subject),
        ),
    });
    let slots = Slots {
        subject: e.subject,
        commenter: e.commenter,
        city,
    };
    // Background: enough paragraphs for a 3-5 KB article.
    let target = s.range(2_800, 4_400);
    while paras.iter().map(|p| p.len() + 2).sum::<usize>() < target {
        let mut para = String::new();
        for _ in 0..s.range(2, 3) {
            if !para.is_empty() {
                para.push(' ');
            }
            let t = *s.pick(BACKGROUND);
            para.push_str(&fill(s, t, &slots, namer));
        }
        paras.push(para);
    }
    // The close. A seed sentence (context from the real articles) follows a sentence that
    // names this event's square, and the last sentence names its plant early: a shared run of
    // 25 words across events would be a duplicate that was never planted.
    let mut close = format!("{og} {os} said more rallies were planned at {}.", e.square);
    if s.chance(0.5) {
        close.push(' ');
        close.push_str(s.pick::<String>(seeds));
    }
    paras.push(close);
    paras.push(format!(
        "The management of the {} works did not answer a request for comment from {}.",
        e.plant, namer.outlet.name
    ));
    (title, paras, crowd)
}

/// "thousands" + "people" → "thousands of people"; "about 400" + "people" → "about 400 people".
fn counted(figure: &str, noun: &str) -> String {
    if figure.ends_with("thousands") {
        format!("{figure} of {noun}")
    } else {
        format!("{figure} {noun}")
    }
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The surname of a written name ("Alexander Lukashenko (Александр Лукашенко)" → "Lukashenko").
fn short_of(name: &str) -> &str {
    let latin = name.split(" (").next().unwrap_or(name);
    latin.rsplit(' ').next().unwrap_or(latin)
}

/// The articles of one event and their truth (line numbers filled in by the caller).
fn event_articles(
    seed: u64,
    index: usize,
    wanted: usize,
    copy_share: f64,
    seeds: &[String],
) -> (EventTruth, Vec<(GeneratedArticle, ArticleTruth)>) {
    let mut s = Stream::new(seed, index as u64);
    let kind = *s.pick(&[
        EventKind::Protest,
        EventKind::Protest,
        EventKind::Strike,
        EventKind::Trial,
        EventKind::Talks,
    ]);
    let start = jiff::civil::date(2019, 1, 1);
    let date = start
        .checked_add(jiff::Span::new().days(s.below(6 * 365) as i64))
        .expect("dates stay in range");
    let subject = if kind == EventKind::Talks {
        0
    } else {
        s.below(PEOPLE.len() - 1)
    };
    let mut commenter = s.below(PEOPLE.len() - 1);
    if commenter == subject {
        commenter = (commenter + 1) % (PEOPLE.len() - 1);
    }
    let e = Event {
        id: format!("e{index:07}"),
        kind,
        date,
        city: s.below(CITIES.len()),
        square: format!("{} Square", invented(&mut s, 2)),
        plant: invented(&mut s, 3),
        organiser: (
            s.pick(GIVEN).to_string(),
            format!("{}ovich", invented(&mut s, 2)),
        ),
        subject,
        commenter,
        crowd: s.range(300, 40_000) as u64,
        detained: s.range(3, 400) as u64,
    };
    let mut out: Vec<(GeneratedArticle, ArticleTruth)> = Vec::new();
    let mut outlets: Vec<usize> = (0..OUTLETS.len()).collect();
    let mut k = 0;
    while out.len() < wanted {
        let copy = !out.is_empty() && s.chance(copy_share);
        let id = format!("{}-{}", e.id, out.len());
        if copy {
            let originals: Vec<usize> = (0..out.len())
                .filter(|&i| out[i].1.origin == Origin::Report)
                .collect();
            let (orig, orig_truth) = out[*s.pick(&originals)].clone();
            let (a, t) = plant_copy(&mut s, &orig, &orig_truth, id);
            out.push((a, t));
            continue;
        }
        // Each report from a different outlet while there are outlets left.
        let pick = k + s.below(outlets.len() - k);
        outlets.swap(k, pick);
        let outlet = &OUTLETS[outlets[k]];
        k = (k + 1).min(outlets.len() - 1);
        let mut namer = Namer {
            outlet,
            seen: vec![],
            names: vec![],
        };
        let (title, paras, crowd) = report(&mut s, &e, &mut namer, seeds);
        let published = if s.chance(0.7) {
            e.date
        } else {
            e.date.tomorrow().expect("dates stay in range")
        };
        let article = GeneratedArticle {
            url: format!("https://www.{}/{}/{}", outlet.domain, published, id),
            id: id.clone(),
            outlet: outlet.name.into(),
            title,
            published: published.to_string(),
            text: paras.join("\n\n"),
        };
        let truth = ArticleTruth {
            id,
            line: 0,
            event: e.id.clone(),
            origin: Origin::Report,
            copy_of: None,
            crowd_phrase: crowd,
            names: namer.names,
        };
        out.push((article, truth));
    }
    let truth = EventTruth {
        id: e.id.clone(),
        kind: e.kind.name().into(),
        date: e.date.to_string(),
        city: CITIES[e.city].0.into(),
        crowd: e.crowd,
        articles: out.iter().map(|(a, _)| a.id.clone()).collect(),
    };
    (truth, out)
}

/// A planted copy of `orig`: exact, near (updated) or syndicated.
fn plant_copy(
    s: &mut Stream,
    orig: &GeneratedArticle,
    t: &ArticleTruth,
    id: String,
) -> (GeneratedArticle, ArticleTruth) {
    let mut a = orig.clone();
    let mut truth = t.clone();
    truth.id = id.clone();
    truth.copy_of = Some(orig.id.clone());
    a.url = format!("{}?copy={}", orig.url, id);
    a.id = id;
    truth.origin = *s.pick(&[Origin::Exact, Origin::Near, Origin::Syndicated]);
    match truth.origin {
        Origin::Exact | Origin::Report => {}
        Origin::Near => {
            let mut paras: Vec<&str> = orig.text.split("\n\n").collect();
            if paras.len() > 6 {
                let drop = s.range(4, paras.len() - 2);
                paras.remove(drop);
            }
            let update = format!(
                "Updated at {}:{:02}: this article was updated with {} from the interior ministry.",
                s.range(8, 23),
                s.below(60),
                s.pick(&["a statement", "new figures", "comment"]),
            );
            let mut text = paras.join("\n\n");
            text.push_str("\n\n");
            text.push_str(&update);
            a.text = text;
            a.title = format!("UPDATED: {}", orig.title);
        }
        Origin::Syndicated => {
            let from = OUTLETS
                .iter()
                .position(|o| o.name == orig.outlet)
                .unwrap_or(0);
            let to = &OUTLETS[(from + s.range(1, OUTLETS.len() - 1)) % OUTLETS.len()];
            a.outlet = to.name.into();
            a.url = format!("https://www.{}/syndication/{}", to.domain, a.id);
            a.text = format!(
                "This article was first published by {}. It is republished here under a content-sharing agreement.\n\n{}\n\n{}",
                orig.outlet, orig.text, to.footer
            );
        }
    }
    (a, truth)
}

/// Event sizes (1 to 6 articles), decided up front from the seed so the count is exact.
fn event_sizes(opts: &RealisticOptions) -> Vec<usize> {
    let mut sizes = Vec::new();
    let mut s = Stream::new(opts.seed, u64::MAX);
    let mut total = 0;
    while total < opts.articles {
        let n = s.range(1, 6).min(opts.articles - total);
        sizes.push(n);
        total += n;
    }
    sizes
}

/// Events generated in parallel per chunk, handed to `sink` in event order, so the output
/// depends neither on the number of threads nor on the chunk size, and a million articles
/// never sit in memory at once.
const EVENTS_PER_CHUNK: usize = 4096;

/// Generates the corpus chunk by chunk, handing each chunk of articles to `sink`, and
/// returns the truth.
pub fn generate_with<E>(
    opts: &RealisticOptions,
    mut sink: impl FnMut(&[GeneratedArticle]) -> Result<(), E>,
) -> Result<Truth, E> {
    let seeds = seed_sentences();
    let sizes = event_sizes(opts);
    let mut truth = Truth {
        seed: opts.seed,
        articles: Vec::with_capacity(opts.articles),
        duplicates: vec![],
        events: Vec::with_capacity(sizes.len()),
        entities: PEOPLE
            .iter()
            .map(|p| {
                let mut variants: Vec<String> = p
                    .styles
                    .iter()
                    .flat_map(|(f, s)| [f.to_string(), s.to_string()])
                    .collect();
                variants.sort();
                variants.dedup();
                EntityTruth {
                    id: p.id.into(),
                    kind: "person".into(),
                    variants,
                }
            })
            .collect(),
    };
    let mut dup_index: std::collections::HashMap<String, usize> = Default::default();
    for (c, chunk) in sizes.chunks(EVENTS_PER_CHUNK).enumerate() {
        let first = c * EVENTS_PER_CHUNK;
        let per_event: Vec<_> = chunk
            .par_iter()
            .enumerate()
            .map(|(i, &n)| event_articles(opts.seed, first + i, n, opts.copy_share, &seeds))
            .collect();
        let mut articles = Vec::new();
        for (event, arts) in per_event {
            for (a, mut t) in arts {
                t.line = truth.articles.len() + 1;
                if let Some(of) = &t.copy_of {
                    let next = truth.duplicates.len();
                    let g = *dup_index.entry(of.clone()).or_insert(next);
                    if g == next {
                        truth.duplicates.push(DupTruth {
                            original: of.clone(),
                            copies: vec![],
                        });
                    }
                    truth.duplicates[g].copies.push(t.id.clone());
                }
                articles.push(a);
                truth.articles.push(t);
            }
            truth.events.push(event);
        }
        sink(&articles)?;
    }
    Ok(truth)
}

/// Generates the whole corpus in memory (tests, benches).
pub fn generate(opts: &RealisticOptions) -> (Vec<GeneratedArticle>, Truth) {
    let mut all = Vec::with_capacity(opts.articles);
    let truth = generate_with(opts, |chunk| {
        all.extend_from_slice(chunk);
        Ok::<(), std::convert::Infallible>(())
    });
    match truth {
        Ok(t) => (all, t),
        Err(never) => match never {},
    }
}

/// The articles as JSON Lines bytes (one record a line), as `concord` reads them.
pub fn to_jsonl(articles: &[GeneratedArticle]) -> Vec<u8> {
    let mut out = Vec::with_capacity(articles.iter().map(|a| a.text.len() + 256).sum());
    write_jsonl(articles, &mut out).expect("writing to memory does not fail");
    out
}

/// Recall and precision of duplicate groups against the planted copies, by article id.
/// `groups` are the found groups as lists of article ids. A planted (original, copy) pair is
/// found when both are in one group; a found pair (any two in a group) is right when both
/// belong to one planted family (an original and its copies).
pub fn score_duplicates(truth: &Truth, groups: &[Vec<String>]) -> DupScore {
    use std::collections::HashMap;
    let mut family: HashMap<&str, usize> = HashMap::new();
    for (i, d) in truth.duplicates.iter().enumerate() {
        family.insert(d.original.as_str(), i);
        for c in &d.copies {
            family.insert(c.as_str(), i);
        }
    }
    let mut group_of: HashMap<&str, usize> = HashMap::new();
    let (mut found_pairs, mut right_pairs) = (0usize, 0usize);
    for (g, members) in groups.iter().enumerate() {
        for (i, a) in members.iter().enumerate() {
            group_of.insert(a.as_str(), g);
            for b in &members[i + 1..] {
                found_pairs += 1;
                if family
                    .get(a.as_str())
                    .is_some_and(|f| family.get(b.as_str()) == Some(f))
                {
                    right_pairs += 1;
                }
            }
        }
    }
    let mut planted = 0usize;
    let mut recalled = 0usize;
    for d in &truth.duplicates {
        for c in &d.copies {
            planted += 1;
            let a = group_of.get(d.original.as_str());
            if a.is_some() && a == group_of.get(c.as_str()) {
                recalled += 1;
            }
        }
    }
    DupScore {
        planted,
        recalled,
        found_pairs,
        right_pairs,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DupScore {
    pub planted: usize,
    pub recalled: usize,
    pub found_pairs: usize,
    pub right_pairs: usize,
}

impl DupScore {
    pub fn recall(&self) -> f64 {
        self.recalled as f64 / self.planted.max(1) as f64
    }
    pub fn precision(&self) -> f64 {
        if self.found_pairs == 0 {
            1.0
        } else {
            self.right_pairs as f64 / self.found_pairs as f64
        }
    }
}

/// Writes the articles as JSON Lines.
pub fn write_jsonl<W: std::io::Write>(
    articles: &[GeneratedArticle],
    mut w: W,
) -> std::io::Result<()> {
    for a in articles {
        serde_json::to_writer(&mut w, a)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_news_keeps_two_digits() {
        assert_eq!(round_news(1234), 1200);
        assert_eq!(round_news(87), 87);
        assert_eq!(round_news(40_999), 40_000);
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn templates_fill_every_slot() {
        let mut s = Stream::new(1, 1);
        let slots = Slots {
            subject: 0,
            commenter: 5,
            city: "Hrodna",
        };
        let mut namer = Namer {
            outlet: &OUTLETS[2],
            seen: vec![],
            names: vec![],
        };
        for t in BACKGROUND {
            let f = fill(&mut s, t, &slots, &mut namer);
            assert!(!f.contains('{') && !f.contains('}'), "{f}");
            assert!(f.starts_with(|c: char| c.is_uppercase()), "{f}");
        }
        // Belarusian-style outlet: the full name first, then the surname.
        assert_eq!(namer.names[0].1, "Alyaksandr Lukashenka");
        assert!(namer.names[1..].iter().any(|(_, f)| f == "Lukashenka"));
    }
}
