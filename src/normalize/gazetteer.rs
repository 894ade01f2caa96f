//! Known places (with exonyms), organisations, outlets and demonyms, and the words that cue a
//! person (titles and roles) or the kind of a capitalised phrase (Council, Avenue). Const data;
//! a name's words are compared by fold key, so every spelling the fold joins is covered.

use super::{EntityKind, fold};
use std::sync::{LazyLock, OnceLock};

/// Places: display form first, then exonyms and other spellings (Kiev = Kyiv = Kijów,
/// Grodno = Hrodna, Gomel = Homiel), Cyrillic forms included.
pub const PLACES: &[&[&str]] = &[
    &[
        "Belarus",
        "Byelorussia",
        "Belorussia",
        "Belarussia",
        "Bielaruś",
        "Беларусь",
        "Белоруссия",
        "Білорусь",
    ],
    &[
        "Russia",
        "Russian Federation",
        "Rossiya",
        "Россия",
        "Расія",
        "Росія",
    ],
    &["Ukraine", "Ukraina", "Украина", "Україна", "Украіна"],
    &["Minsk", "Mińsk", "Менск", "Минск", "Мінск"],
    &["Moscow", "Moskva", "Moskau", "Москва", "Масква"],
    &[
        "Kyiv", "Kiev", "Kijów", "Kiew", "Kyjiv", "Київ", "Киев", "Кіеў",
    ],
    &["Hrodna", "Grodno", "Horadnia", "Гродно", "Гродна"],
    &["Homiel", "Gomel", "Homel", "Homyel", "Гомель"],
    &[
        "Mahilioŭ",
        "Mogilev",
        "Mogilyov",
        "Mahilyow",
        "Mahiliou",
        "Магілёў",
        "Могилёв",
        "Могилев",
    ],
    &[
        "Vitsebsk",
        "Vitebsk",
        "Viciebsk",
        "Vitsyebsk",
        "Віцебск",
        "Витебск",
    ],
    &["Brest", "Brześć", "Берасце", "Брест"],
    &["Lviv", "Lvov", "Lwów", "Lemberg", "Львів", "Львов"],
    &["Kharkiv", "Kharkov", "Charkiw", "Харків", "Харьков"],
    &["Odesa", "Odessa", "Одеса", "Одесса"],
    &[
        "Dnipro",
        "Dnepr",
        "Dnipropetrovsk",
        "Dnepropetrovsk",
        "Дніпро",
        "Днепр",
    ],
    &[
        "Zaporizhzhia",
        "Zaporozhye",
        "Zaporizhia",
        "Запоріжжя",
        "Запорожье",
    ],
    &["Mykolaiv", "Nikolaev", "Nikolayev", "Миколаїв", "Николаев"],
    &["Chernihiv", "Chernigov", "Чернігів", "Чернигов"],
    &["Luhansk", "Lugansk", "Луганськ", "Луганск"],
    &["Donetsk", "Донецьк", "Донецк"],
    &["Crimea", "Krym", "Крым", "Крим"],
    &["Sochi", "Сочи"],
    &[
        "St. Petersburg",
        "Saint Petersburg",
        "St Petersburg",
        "Petersburg",
        "Санкт-Петербург",
    ],
    &["Lithuania", "Lietuva", "Литва"],
    &["Latvia", "Latvija", "Латвия"],
    &["Estonia", "Eesti", "Эстония"],
    &["Poland", "Polska", "Польша"],
    &["Vilnius", "Vilna", "Wilno", "Вильнюс", "Вільнюс"],
    &["Warsaw", "Warszawa", "Варшава"],
    &["Pinsk", "Пинск", "Пінск"],
    &["Europe", "Европа"],
    &[
        "United States",
        "U.S.",
        "US",
        "USA",
        "United States of America",
        "America",
    ],
    &["Soviet Union", "USSR", "СССР"],
    &["Washington"],
    &["Germany", "Deutschland"],
    &["China"],
    &["Kazakhstan"],
    &["Georgia"],
    &["Armenia"],
    &["Azerbaijan"],
    &["Moldova"],
];

/// Organisations: display form first.
pub const ORGANISATIONS: &[&[&str]] = &[
    &["Kremlin", "Кремль"],
    &["European Union", "EU"],
    &["NATO"],
    &["United Nations", "UN"],
    &["Union State"],
    &["Coordination Council"],
    &["Gazprom", "Газпром"],
    &["Rosneft", "Роснефть"],
    &["KGB", "КГБ"],
    &["FSB", "ФСБ"],
    &["OSCE"],
    &["Higher School of Economics"],
];

/// News outlets and agencies: display form first.
pub const OUTLETS: &[&[&str]] = &[
    &["RBC", "РБК", "RosBusinessConsulting"],
    &[
        "Ekho Moskvy",
        "Echo of Moscow",
        "Echo Moskvy",
        "Ekho Moskvi",
        "Эхо Москвы",
    ],
    &[
        "RFE/RL",
        "Radio Free Europe/Radio Liberty",
        "Radio Free Europe",
        "Radio Liberty",
        "Radio Svaboda",
    ],
    &["Reuters"],
    &["AFP", "Agence France-Presse"],
    &["AP", "Associated Press"],
    &["TASS", "ТАСС"],
    &["RIA Novosti", "РИА Новости"],
    &["Interfax", "Интерфакс"],
    &["EPA"],
    &["DW", "Deutsche Welle"],
    &["BBC"],
    &["The Moscow Times", "Moscow Times"],
    &["Tut.by", "TUT.BY"],
    &["Belsat"],
    &["Nasha Niva", "Наша Ніва"],
    &["Meduza", "Медуза"],
    &["Novaya Gazeta", "Новая газета"],
    &["Kommersant", "Коммерсантъ"],
    &["Vedomosti", "Ведомости"],
    &["Izvestia", "Izvestiya", "Известия"],
    &["BelTA", "БЕЛТА"],
];

/// Demonyms and adjectives, with the place they relate to (never the same entity).
pub const DEMONYMS: &[(&str, &[&str])] = &[
    (
        "Belarus",
        &[
            "Belarusian",
            "Belarussian",
            "Byelorussian",
            "Belorussian",
            "Belarusians",
            "Belarussians",
            "Byelorussians",
        ],
    ),
    ("Russia", &["Russian", "Russians"]),
    ("Ukraine", &["Ukrainian", "Ukrainians"]),
    ("Lithuania", &["Lithuanian", "Lithuanians"]),
    ("Poland", &["Polish", "Poles"]),
    ("Europe", &["European", "Europeans"]),
    ("United States", &["American", "Americans"]),
    ("Soviet Union", &["Soviet"]),
    ("Latvia", &["Latvian", "Latvians"]),
    ("Estonia", &["Estonian", "Estonians"]),
    ("Crimea", &["Crimean"]),
];

/// Titles and roles that announce a person's name (possibly several words: "Economy
/// Minister"). Compared lower-case.
pub const PERSON_CUES: &[&str] = &[
    "president",
    "prime minister",
    "minister",
    "leader",
    "strongman",
    "ruler",
    "dictator",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "candidate",
    "opposition leader",
    "journalist",
    "chairman",
    "chairwoman",
    "head",
    "mayor",
    "governor",
    "general",
    "colonel",
    "senator",
    "deputy",
    "lawmaker",
    "activist",
    "blogger",
    "analyst",
    "economist",
    "director",
    "chief",
    "premier",
    "chancellor",
    "patriarch",
    "judge",
    "prosecutor",
    "mr",
    "mrs",
    "ms",
    "dr",
    // Russian, Belarusian and Ukrainian cues (lower case, nominative).
    "президент",
    "прэзідэнт",
    "премьер",
    "прем'єр",
    "министр",
    "міністр",
    "лидер",
    "лідар",
    "лідер",
    "глава",
    "кіраўнік",
    "посол",
    "пасол",
    "кандидат",
    "кандыдат",
    "журналист",
    "журналіст",
    "журналістка",
    "пресс-секретарь",
    "спикер",
    "оппозиционер",
    "политик",
    "палітык",
    "політик",
    "активист",
    "актывіст",
    "депутат",
    "губернатор",
    "мэр",
];

/// Last words that make a capitalised phrase an organisation.
pub const ORG_WORDS: &[&str] = &[
    "council",
    "group",
    "academy",
    "school",
    "ministry",
    "party",
    "service",
    "committee",
    "agency",
    "bank",
    "university",
    "institute",
    "parliament",
    "assembly",
    "commission",
    "court",
    "office",
    "company",
    "corporation",
    "foundation",
    "centre",
    "center",
    "union",
    "movement",
    "front",
    "army",
    "police",
    "guard",
    "fund",
    "news",
];

/// Last words that make a capitalised phrase a place.
pub const PLACE_WORDS: &[&str] = &[
    "avenue",
    "street",
    "square",
    "sea",
    "river",
    "lake",
    "region",
    "oblast",
    "mountains",
    "peninsula",
    "empire",
    "republic",
    "city",
    "district",
    "prospekt",
    "boulevard",
];

/// Words that are capitalised at the start of sentences and headings but name nothing.
pub const STOP_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "but",
    "or",
    "in",
    "on",
    "at",
    "of",
    "for",
    "to",
    "by",
    "with",
    "from",
    "as",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "you",
    "i",
    "this",
    "that",
    "these",
    "those",
    "there",
    "his",
    "her",
    "their",
    "our",
    "some",
    "many",
    "more",
    "most",
    "several",
    "hundreds",
    "thousands",
    "however",
    "meanwhile",
    "after",
    "before",
    "since",
    "while",
    "when",
    "what",
    "why",
    "who",
    "how",
    "just",
    "also",
    "image",
    "read",
    "related",
    "article",
    "breaking",
    "news",
    "photo",
    "file",
    "skip",
    "content",
    "main",
    "menu",
    "sites",
    "original",
    "url",
    "amid",
    "participants",
    "protesters",
    "residents",
    "police",
    "frustrated",
    "young",
    "people",
    "each",
    "analysts",
    "historically",
    "dependent",
    "mass",
    "take",
    "speaking",
    "exiled",
    "longtime",
    "one",
    "two",
    "three",
    "mr",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "if",
    "no",
    "yes",
    "not",
    "all",
    "any",
    "only",
    "even",
    "because",
    "although",
    "during",
    "under",
    "without",
    "about",
    "into",
    "over",
    "against",
    "between",
    "accessibility",
    "links",
    "item",
    "utc",
    "dots",
    "is",
    "was",
    "are",
    "will",
    "would",
    "could",
    "should",
    // Russian, Belarusian and Ukrainian words capitalised at a sentence start.
    "в",
    "на",
    "по",
    "с",
    "и",
    "а",
    "но",
    "как",
    "это",
    "он",
    "она",
    "они",
    "мы",
    "я",
    "не",
    "у",
    "к",
    "о",
    "об",
    "из",
    "за",
    "для",
    "при",
    "после",
    "до",
    "когда",
    "что",
    "где",
    "ў",
    "і",
    "яна",
    "ён",
    "яны",
    "гэта",
    "як",
    "пасля",
    "та",
    "це",
    "він",
    "вона",
    "вони",
];

/// The key of a phrase: its words' primary fold keys joined by spaces.
pub fn phrase_key(phrase: &str) -> String {
    let words = fold::words(phrase);
    let keys: Vec<String> = words
        .iter()
        .flat_map(|w| w.split(['-', '/', '.']))
        .filter(|w| !w.is_empty())
        .map(fold::primary_key)
        .collect();
    keys.join(" ")
}

/// What the gazetteer knows about a phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Known {
    pub kind: EntityKind,
    /// The display form of the entity (for demonyms: the demonym's first form).
    pub display: &'static str,
    /// For demonyms, the place they relate to.
    pub related: Option<&'static str>,
    /// The form is a short all-capital one (EU, US, AP) and must be written so.
    caps_only: bool,
}

fn is_caps_short(form: &str) -> bool {
    let letters: Vec<char> = form.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() <= 4 && letters.iter().all(|c| c.is_uppercase())
}

fn index() -> &'static rustc_hash::FxHashMap<String, Known> {
    static INDEX: OnceLock<rustc_hash::FxHashMap<String, Known>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut m = rustc_hash::FxHashMap::default();
        let mut add = |rows: &[&[&'static str]], kind| {
            for row in rows {
                for form in *row {
                    m.entry(phrase_key(form)).or_insert(Known {
                        kind,
                        display: row[0],
                        related: None,
                        caps_only: is_caps_short(form),
                    });
                }
            }
        };
        add(OUTLETS, EntityKind::Outlet);
        add(ORGANISATIONS, EntityKind::Organisation);
        add(PLACES, EntityKind::Place);
        for (place, forms) in DEMONYMS {
            for form in *forms {
                m.entry(phrase_key(form)).or_insert(Known {
                    kind: EntityKind::Demonym,
                    display: forms[0],
                    related: Some(place),
                    caps_only: false,
                });
            }
        }
        m
    })
}

/// Looks a phrase up; all-capital short forms (EU, AP, US) must be written in capitals.
pub fn lookup(phrase: &str) -> Option<Known> {
    // Mention finding asks this of every stretch of up to six capitalised words, and names
    // repeat across articles: a per-thread memo skips building the phrase key (a fold of
    // every word and a joined string) for a phrase already seen.
    thread_local! {
        static MEMO: crate::memo::Memo<Option<Known>> = Default::default();
    }
    let k = crate::memo::remembered(&MEMO, phrase, |p| index().get(&phrase_key(p)).copied())?;
    if k.caps_only && !is_caps_short(phrase) {
        return None;
    }
    Some(k)
}

/// [`place_id`] for a phrase whose key is already known.
pub fn place_by_key(key: &str, phrase: &str) -> Option<&'static str> {
    let k = index().get(key).copied()?;
    if k.kind != EntityKind::Place || (k.caps_only && !is_caps_short(phrase)) {
        return None;
    }
    Some(k.display)
}

/// The canonical place a name spells (exonyms included), if known.
pub fn place_id(name: &str) -> Option<&'static str> {
    lookup(name)
        .filter(|k| k.kind == EntityKind::Place)
        .map(|k| k.display)
}

/// Longest person cue ending at the end of `words` (lower case), in words.
pub fn cue_len<S: AsRef<str>>(words: &[S]) -> usize {
    static SET: LazyLock<rustc_hash::FxHashSet<&'static str>> =
        LazyLock::new(|| PERSON_CUES.iter().copied().collect());
    // First words of two-word cues ("prime", "opposition"): only after one of them is a
    // phrase built and looked up (this is asked before every capitalised run).
    static FIRST: LazyLock<rustc_hash::FxHashSet<&'static str>> = LazyLock::new(|| {
        PERSON_CUES
            .iter()
            .filter_map(|c| c.split_once(' ').map(|(a, _)| a))
            .collect()
    });
    let n = words.len();
    // Two words are joined only when both could be part of a cue (no cue is longer).
    if n >= 2 && FIRST.contains(words[n - 2].as_ref()) {
        let (a, b) = (words[n - 2].as_ref(), words[n - 1].as_ref());
        let mut phrase = String::with_capacity(a.len() + 1 + b.len());
        phrase.push_str(a);
        phrase.push(' ');
        phrase.push_str(b);
        if SET.contains(phrase.as_str()) {
            return 2;
        }
    }
    match words.last() {
        Some(w) if SET.contains(w.as_ref()) => 1,
        _ => 0,
    }
}

/// Is `w` (in any case) one of [`STOP_WORDS`]? A set lookup: mention finding asks this of
/// every capitalised word.
pub fn is_stop_word(w: &str) -> bool {
    static SET: LazyLock<rustc_hash::FxHashSet<&'static str>> =
        LazyLock::new(|| STOP_WORDS.iter().copied().collect());
    if w.chars().any(char::is_uppercase) {
        SET.contains(w.to_lowercase().as_str())
    } else {
        SET.contains(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exonyms_are_one_place() {
        assert_eq!(place_id("Kiev"), Some("Kyiv"));
        assert_eq!(place_id("Kijów"), Some("Kyiv"));
        assert_eq!(place_id("Grodno"), Some("Hrodna"));
        assert_eq!(place_id("Gomel"), Some("Homiel"));
        assert_eq!(place_id("Мінск"), Some("Minsk"));
        assert_ne!(place_id("Pinsk"), place_id("Minsk"));
    }

    #[test]
    fn demonyms_relate_to_places() {
        let b = lookup("Belarussian").unwrap();
        assert_eq!(b.kind, EntityKind::Demonym);
        assert_eq!(b.related, Some("Belarus"));
        assert_eq!(lookup("Belarusian").unwrap().display, b.display);
    }

    #[test]
    fn outlets_and_short_forms() {
        assert_eq!(lookup("Ekho Moskvy").unwrap().kind, EntityKind::Outlet);
        assert_eq!(lookup("Echo of Moscow").unwrap().display, "Ekho Moskvy");
        assert_eq!(lookup("RFE/RL").unwrap().kind, EntityKind::Outlet);
        assert_eq!(lookup("Kremlin").unwrap().kind, EntityKind::Organisation);
        // "us" and "eu" in lower case are not the United States and the EU.
        assert!(lookup("us").is_none());
        assert_eq!(lookup("US").unwrap().display, "United States");
    }
}
