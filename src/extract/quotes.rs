//! Direct quotes and who said them.
//!
//! Quote marks: straight and curly double and single quotes, guillemets (« » and ‹ ›) and
//! German „low-high“ quotes. A quote left open at a paragraph's end continues when the next
//! paragraph opens with a quote mark (the news convention for multi-paragraph quotes).
//!
//! What a quote is:
//! - a **chant** or **sign** when the words before it in its sentence say so ("chanted",
//!   "slogans", "signs that read", "a banner reading"); these have no speaker;
//! - a **scare quote** (dropped) when it has at most [`SCARE_MAX_WORDS`] words and no speech
//!   verb attaches to it ("union state", 'Integration');
//! - otherwise a **statement**, whose speaker is found, in order: after the quote (", X said",
//!   "said X", "X told AFP", "quoted X as saying", "according to X"), before it ("X said:",
//!   "X said ... that"), or from the previous paragraph's quote when the paragraph is only a
//!   quote. Titles are separated from names ("Kremlin spokesman Dmitry Peskov" -> "Dmitry
//!   Peskov"); role phrases ("the Russian president") are resolved to the name the article
//!   gives that role; pronouns to the nearest earlier person of a compatible gender, preferring
//!   each sentence's first person (its subject).

use super::titles::{self, TitleKey};
use super::words::{
    AsciiClass, PrefixIndex, WordSet, alnum_words, byte_positions, bytes_in_range, char_at,
    find_byte, for_each_word_start, is_alphabetic, lowered_in, rfind_class, scan_class, with_lower,
};
use crate::model::Span;
use crate::normalize::{EntityKind, Mention};
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Quotes of this many words or fewer, with no speech verb attached, are scare quotes.
pub const SCARE_MAX_WORDS: usize = 3;

/// Opening mark -> closing marks it accepts.
const PAIRS: &[(char, &[char])] = &[
    ('“', &['”', '“']),
    ('„', &['“', '”']),
    ('«', &['»']),
    ('‹', &['›']),
    ('"', &['"']),
    ('‘', &['’']),
    ('\'', &['\'', '’']),
];

/// Verbs that introduce or close a direct quote.
pub const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "added",
    "adds",
    "asked",
    "asks",
    "told",
    "tells",
    "tweeted",
    "wrote",
    "writes",
    "stated",
    "declared",
    "noted",
    "explained",
    "warned",
    "insisted",
    "quipped",
    "complained",
    "claimed",
    "argued",
    "replied",
    "continued",
    "recalled",
    "stressed",
    "urged",
    "announced",
    "responded",
    "posted",
    "remarked",
    "shouted",
    "admitted",
    "conceded",
    "acknowledged",
    "predicted",
    "vowed",
    "joked",
    "cautioned",
    "observed",
    "suggested",
    "concluded",
    "saying",
    "quips",
    "threatened",
    "promised",
    "pledged",
    "demanded",
    "insists",
    "warns",
    "notes",
    "tweets",
    "asserted",
    "charged",
    "countered",
    "boasted",
];

/// [`SPEECH_VERBS`] for a lookup per word of a whole text.
static SPEECH_VERB_SET: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(SPEECH_VERBS.iter().copied()));

/// Words before a quote that make it a chant or slogan.
const CHANT_CUES: &[&str] = &[
    "chanted", "chanting", "chant", "chants", "shouted", "shouting", "slogan", "slogans", "sang",
    "singing", "cried", "yelled", "yelling", "chorus",
];

/// Words before a quote that make it the text of a sign, banner or placard.
const SIGN_CUES: &[&str] = &[
    "sign",
    "signs",
    "banner",
    "banners",
    "placard",
    "placards",
    "poster",
    "posters",
    "read",
    "reading",
    "reads",
    "inscribed",
    "inscription",
    "graffiti",
    "t-shirts",
    "flags",
];

/// Title and role words stripped from the front of a name ("Economy Minister Maxim Oreshkin").
const TITLE_WORDS: &[&str] = &[
    "president",
    "minister",
    "prime",
    "deputy",
    "first",
    "foreign",
    "economy",
    "economic",
    "interior",
    "defence",
    "defense",
    "finance",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "leader",
    "chairman",
    "chairwoman",
    "chair",
    "chief",
    "director",
    "secretary",
    "general",
    "ambassador",
    "head",
    "mayor",
    "governor",
    "senator",
    "judge",
    "opposition",
    "strongman",
    "ruler",
    "exiled",
    "longtime",
    "former",
    "ex",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "lady",
    "professor",
    "prof",
    "analyst",
    "commander",
    "officer",
    "official",
    "lawmaker",
    "mp",
    "candidate",
    "activist",
    "lawyer",
    "founder",
    "ceo",
    "sen",
    "gov",
    "rep",
    "gen",
    "col",
    "capt",
    "lt",
    "sgt",
    "vice",
    "state",
    "press",
    "deputy-head",
    "economist",
    "researcher",
    "patriarch",
    "pope",
    "king",
    "queen",
    "prince",
    "princess",
    "coach",
    "captain",
    "the",
];

/// Lower-case particles inside names ("Ursula von der Leyen", "Charles de Gaulle").
const NAME_PARTICLES: &[&str] = &[
    "von", "van", "der", "den", "de", "del", "da", "di", "du", "la", "le", "bin", "al",
];

/// The first letters of [`NAME_PARTICLES`]: a cheap test before comparing each of them.
const PARTICLE_INITIALS: &[u8] = b"vdlba";

/// Words that end the name of an organisation ("Central Election Commission").
const ORG_TAILS: &[&str] = &[
    "Commission",
    "Ministry",
    "Council",
    "Committee",
    "Party",
    "Group",
    "Agency",
    "School",
    "University",
    "Bank",
    "Court",
    "Office",
    "Service",
    "Centre",
    "Center",
    "Institute",
    "Association",
    "Union",
    "Parliament",
    "Government",
    "Kremlin",
    "Department",
    "Army",
    "Front",
];

/// Lower-case words that make a phrase a source without a name ("police", "organisers").
const ORG_WORDS: &[&str] = &[
    "police",
    "organisers",
    "organizers",
    "officials",
    "authorities",
    "ministry",
    "government",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "agency",
    "group",
    "media",
    "office",
    "service",
    "committee",
    "commission",
    "council",
    "court",
    "army",
    "military",
    "campaign",
    "party",
];

/// Words that are capitalised at a sentence start without naming anyone.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "But",
    "And",
    "In",
    "On",
    "At",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "This",
    "That",
    "These",
    "Those",
    "However",
    "Meanwhile",
    "Asked",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "As",
    "If",
    "Speaking",
    "Earlier",
    "Later",
    "Just",
    "According",
    "Last",
    "Also",
    "Still",
    "Yet",
    "So",
    "His",
    "Her",
    "Their",
    "Our",
    "Its",
    "There",
    "What",
    "Why",
    "How",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
];

/// [`NOT_NAMES`] lower-cased (a [`WordSet`] holds lower-case words), built once for the
/// life of the process, so its few hundred bytes are leaked on purpose.
static NOT_NAME_SET: LazyLock<WordSet> = LazyLock::new(|| {
    WordSet::new(
        NOT_NAMES
            .iter()
            .map(|w| &*Box::leak(w.to_ascii_lowercase().into_boxed_str())),
    )
});

/// `NOT_NAMES.contains(&w)` as a set lookup: comparing `w` with each word of the list
/// showed for every capitalised word of a run or a subject. Every entry is an ASCII
/// capital and then lower-case letters, so `w` is one exactly when it has that shape and
/// its lower-casing is in [`NOT_NAME_SET`].
fn is_not_name(w: &str) -> bool {
    let b = w.as_bytes();
    b.first().is_some_and(u8::is_ascii_uppercase)
        && !b[1..].iter().any(u8::is_ascii_uppercase)
        && NOT_NAME_SET.contains_ascii_folded(w)
}

/// Given names (lower case) that mark a capitalised run as a person; `true` = female.
/// A short list of names common in the news this tool reads (Slavic and English).
const GIVEN_NAMES: &[(&str, bool)] = &[
    ("alexander", false),
    ("alyaksandr", false),
    ("aliaksandr", false),
    ("alexei", false),
    ("alexey", false),
    ("andrei", false),
    ("andrey", false),
    ("anton", false),
    ("boris", false),
    ("dmitry", false),
    ("dmitri", false),
    ("dzmitry", false),
    ("sergei", false),
    ("sergey", false),
    ("vladimir", false),
    ("uladzimir", false),
    ("viktor", false),
    ("victor", false),
    ("mikhail", false),
    ("maxim", false),
    ("maksim", false),
    ("nikolai", false),
    ("pavel", false),
    ("paulyuk", false),
    ("konstantin", false),
    ("igor", false),
    ("ivan", false),
    ("oleg", false),
    ("yuri", false),
    ("yury", false),
    ("valery", false),
    ("valeriy", false),
    ("roman", false),
    ("ales", false),
    ("ihar", false),
    ("siarhei", false),
    ("viktar", false),
    ("franak", false),
    ("volodymyr", false),
    ("petro", false),
    ("emmanuel", false),
    ("angela", true),
    ("olaf", false),
    ("joe", false),
    ("donald", false),
    ("john", false),
    ("james", false),
    ("michael", false),
    ("david", false),
    ("robert", false),
    ("william", false),
    ("richard", false),
    ("thomas", false),
    ("mark", false),
    ("paul", false),
    ("peter", false),
    ("george", false),
    ("antony", false),
    ("anthony", false),
    ("josep", false),
    ("jens", false),
    ("charles", false),
    ("svetlana", true),
    ("sviatlana", true),
    ("svyatlana", true),
    ("maria", true),
    ("mariya", true),
    ("maryia", true),
    ("anna", true),
    ("olga", true),
    ("volha", true),
    ("tatyana", true),
    ("tatiana", true),
    ("natalia", true),
    ("natalya", true),
    ("elena", true),
    ("yelena", true),
    ("alena", true),
    ("veronika", true),
    ("irina", true),
    ("iryna", true),
    ("ekaterina", true),
    ("yekaterina", true),
    ("kate", true),
    ("mary", true),
    ("sarah", true),
    ("ursula", true),
    ("kamala", true),
    ("hillary", true),
    ("theresa", true),
    ("nancy", true),
    ("marina", true),
    ("lyudmila", true),
    ("liudmila", true),
    ("kristina", true),
    ("julia", true),
    ("yulia", true),
    ("nadezhda", true),
    ("valentina", true),
    ("margarita", true),
];

/// Surname endings that mark a woman in Slavic names.
const FEMALE_SURNAME_ENDINGS: &[&str] = &[
    "ova", "eva", "ina", "aya", "skaya", "kaja", "ska", "kaya", "ayeva",
];

/// What a quote is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteKind {
    Statement,
    Chant,
    Sign,
}

impl std::fmt::Display for QuoteKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            QuoteKind::Statement => "statement",
            QuoteKind::Chant => "chant",
            QuoteKind::Sign => "sign",
        })
    }
}

/// A direct quote found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// The quote with its marks (for a multi-paragraph quote, from first to last mark).
    pub span: Span,
    /// The quoted words without the marks.
    pub inner: Span,
    pub kind: QuoteKind,
    pub speaker: Option<String>,
    pub speaker_entity: Option<String>,
    /// The words that attribute it ("Lukashenko said", "he told AFP").
    pub attribution: Option<String>,
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric())
}

/// Quote mark spans: (open, close) byte offsets of the marks.
///
/// Whether a character closes a quote depends only on the opening mark and the characters
/// around it, never on where the search began; so when a search for one opening mark fails,
/// a later mark of the same kind before the point where it stopped fails too and is not
/// searched again. This keeps a giant line of unmatched marks linear.
fn find_marks(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // Every position read is a char boundary: each step is a whole character.
    let char_at = |p: usize| char_at(text, p);
    let char_before = |p: usize| text[..p].chars().next_back();
    let mut failed_until = [0usize; PAIRS.len()];
    let b = text.as_bytes();
    let mut k = 0;
    loop {
        // The only ASCII opening marks are the straight quotes: step over other ASCII bytes.
        k = find_byte(b, k, [b'"', b'\''], true);
        let Some(c) = char_at(k) else { break };
        let step = c.len_utf8();
        let Some(kind) = PAIRS.iter().position(|(o, _)| *o == c) else {
            k += step;
            continue;
        };
        let closers = PAIRS[kind].1;
        let prev = char_before(k);
        let next = char_at(k + step);
        // A straight or single mark opens only at a word start, never inside a word
        // ("Minsk's") or after one ("Belarus' capital").
        let ambiguous = matches!(c, '"' | '\'' | '‘');
        if ambiguous && (is_word_char(prev) || next.is_none_or(|n| n.is_whitespace())) {
            k += step;
            continue;
        }
        if c == '\'' && !next.is_some_and(|n| n.is_alphanumeric()) {
            k += step;
            continue;
        }
        if k < failed_until[kind] {
            k += step;
            continue;
        }
        let single = matches!(c, '\'' | '‘');
        // Search the closer; a paragraph break ends the search unless the next paragraph
        // opens with a quote mark (continuation).
        let mut m = k + step;
        let mut found = None;
        // Only a newline, a closer or a character outside ASCII stops the search: the ASCII
        // closers are the straight quotes, so other ASCII bytes are stepped over eight at a
        // time rather than decoded one by one.
        while let Some(ch) = char_at({
            m = find_byte(b, m, [b'\n', b'"', b'\''], true);
            m
        }) {
            if ch == '\n' && char_at(m + 1) == Some('\n') {
                let after = char_at(m + 2);
                if let Some(a) = after.filter(|a| *a == c || (c == '“' && *a == '"')) {
                    m += 2 + a.len_utf8();
                    continue;
                }
                break;
            }
            if closers.contains(&ch) {
                let before = char_before(m).unwrap_or(' ');
                let after = char_at(m + ch.len_utf8());
                // An apostrophe inside a word is not a closer.
                if single && before.is_alphanumeric() && is_word_char(after) {
                    m += ch.len_utf8();
                    continue;
                }
                // "s' " (plural possessive) inside a single quote: closes only before
                // punctuation or a space when the quote is long enough to be speech.
                if (ch == '"' || single) && before.is_whitespace() {
                    m += ch.len_utf8();
                    continue;
                }
                found = Some(m);
                break;
            }
            m += ch.len_utf8();
        }
        match found {
            Some(close) => {
                out.push((k, close));
                k = close + char_at(close).map_or(1, char::len_utf8);
            }
            None => {
                failed_until[kind] = m;
                k += step;
            }
        }
    }
    out
}

/// A capitalised run of words: its byte range and where its words lie in [`Runs::words`].
#[derive(Debug, Clone)]
struct Run {
    start: usize,
    end: usize,
    words: std::ops::Range<usize>,
}

/// The capitalised runs of a text and, in one buffer, the words of all of them: a `Vec` of
/// words per run was half the cost of [`cap_runs`] over a whole article (its allocations).
#[derive(Debug, Default)]
struct Runs<'a> {
    runs: Vec<Run>,
    words: Vec<&'a str>,
}

impl<'a> Runs<'a> {
    /// The words of `r`, a run of this list.
    fn words(&self, r: &Run) -> &[&'a str] {
        &self.words[r.words.clone()]
    }
}

/// The characters of a word inside a name: letters, hyphens, apostrophes and dots.
fn is_name_word_char(ch: char) -> bool {
    is_alphabetic(ch) || ch == '-' || ch == '\'' || ch == '’' || ch == '.'
}

/// [`is_name_word_char`] tabulated over the bytes.
static NAME_WORD_CLASS: LazyLock<AsciiClass> = LazyLock::new(|| AsciiClass::of(is_name_word_char));

/// Outside a run, at byte `i` of `s` (not inside a word): where the loop of [`cap_runs`]
/// that steps over ASCII bytes other than capitals, and over words that start lower-case,
/// would be after the bytes before the first capital or byte outside ASCII among the next
/// eight; `None` when that is `i` itself or fewer than eight bytes are left. The eight
/// bytes are classified at once: most of an article is lower-case words and spaces.
#[inline(always)]
fn skip_lower_case_ascii(s: &str, i: usize, class: &AsciiClass) -> Option<usize> {
    const HI: u64 = 0x8080_8080_8080_8080;
    let b = s.as_bytes();
    let v = u64::from_le_bytes(b.get(i..i + 8)?.try_into().ok()?);
    let x = v & !HI;
    let upper = bytes_in_range(x, b'A', b'Z');
    let stop = (upper | v) & HI;
    // The bytes before the first stop (a capital or a byte outside ASCII).
    let n = if stop == 0 {
        8
    } else {
        stop.trailing_zeros() as usize / 8
    };
    if n == 0 {
        return None;
    }
    let keep = if n == 8 {
        u64::MAX
    } else {
        (1u64 << (8 * n)) - 1
    };
    let lower = bytes_in_range(x, b'a', b'z') & keep;
    // Name-word bytes that are no letter: '-', '.' (0x2d, 0x2e) and '\''.
    let joiners = bytes_in_range(x, b'-', b'.') | bytes_in_range(x, b'\'', b'\'');
    let other = !(lower | joiners) & HI & keep;
    // A word that starts lower-case runs on over letters and joiners; other bytes end it.
    // So after the `n` bytes the loop is inside such a word when a lower-case letter
    // follows the last other byte.
    let after_other = if other == 0 {
        lower
    } else {
        let last = 63 - other.leading_zeros() as usize;
        lower.checked_shr(last as u32 + 1).unwrap_or(0)
    };
    let end = i + n;
    Some(if after_other != 0 {
        scan_class(s, end, true, class, is_name_word_char)
    } else {
        end
    })
}

/// Capitalised runs in `s` (offsets relative to `s`), joining "of"-less name sequences.
fn cap_runs(s: &str) -> Runs<'_> {
    // Sized once for news text (a capitalised word every 20 or so bytes, runs of one or two
    // words): growing by doubling from empty showed in the profile over whole articles.
    let mut runs: Vec<Run> = Vec::with_capacity(s.len() / 32);
    let mut words: Vec<&str> = Vec::with_capacity(s.len() / 24);
    let mut cur: Option<Run> = None;
    let mut i = 0;
    let b = s.as_bytes();
    let class: &AsciiClass = &NAME_WORD_CLASS;
    let in_word = is_name_word_char;
    while i < s.len() {
        if cur.is_none() {
            // Outside a run an ASCII byte that is not a letter does nothing, and a word that
            // starts lower-case is stepped over whole (below): do both here without decoding,
            // up to a capital or a character outside ASCII.
            while let Some(&x) = b.get(i) {
                if let Some(next) = skip_lower_case_ascii(s, i, class) {
                    i = next;
                    continue;
                }
                if x.is_ascii_lowercase() {
                    i = scan_class(s, i, true, class, in_word);
                } else if x < 0x80 && !x.is_ascii_uppercase() {
                    i += 1;
                } else {
                    break;
                }
            }
            if i >= s.len() {
                break;
            }
        }
        let c = char_at(s, i).unwrap_or(' ');
        if is_alphabetic(c) && cur.is_none() && !c.is_uppercase() {
            // Outside a run a word that is not capitalised neither starts nor ends one (its
            // trailing dots, read next, would not either): step over it whole.
            i = scan_class(s, i, true, class, in_word);
            continue;
        }
        if is_alphabetic(c) {
            let e = scan_class(s, i, true, class, in_word);
            let mut w = &s[i..e];
            // A trailing dot belongs to the sentence unless the word is an initial or title.
            let trimmed = w.trim_end_matches('.');
            if trimmed.len() > 2 {
                w = trimmed;
            }
            let e = i + w.len();
            if c.is_uppercase() {
                // A run's words are the last ones pushed: runs do not interleave.
                words.push(w);
                match cur.as_mut() {
                    Some(r) => {
                        r.end = e;
                        r.words.end = words.len();
                    }
                    None => {
                        cur = Some(Run {
                            start: i,
                            end: e,
                            words: words.len() - 1..words.len(),
                        })
                    }
                }
            } else if cur.is_some()
                && w.len() <= 3
                && NAME_PARTICLES.contains(&w)
                && s[e..].starts_with(' ')
                && s[e + 1..].chars().next().is_some_and(|n| {
                    n.is_uppercase()
                        || n.is_lowercase()
                            && s[e + 1..].starts_with(|x: char| {
                                NAME_PARTICLES
                                    .iter()
                                    .any(|p| s[e + 1..].starts_with(p) && x.is_lowercase())
                            })
                })
            {
                // "Ursula von der Leyen": particles stay inside a name.
                if let Some(r) = cur.as_mut() {
                    words.push(w);
                    r.end = e;
                    r.words.end = words.len();
                }
            } else if let Some(r) = cur.take() {
                runs.push(r);
            }
            i = e.max(i + 1);
            continue;
        }
        // Only a space can join two name words; slicing at `i + 1` after any other character
        // could fall inside it (a '®' in scraped text).
        let continues = c == ' '
            && (b.get(i + 1).is_some_and(|n| n.is_ascii_uppercase())
                || (cur.is_some()
                    && b.get(i + 1).is_some_and(|n| PARTICLE_INITIALS.contains(n))
                    && NAME_PARTICLES.iter().any(|p| {
                        s[i + 1..].starts_with(p) && s[i + 1 + p.len()..].starts_with(' ')
                    })));
        if !continues {
            if let Some(r) = cur.take() {
                runs.push(r);
            }
        }
        i += c.len_utf8();
    }
    if let Some(r) = cur.take() {
        runs.push(r);
    }
    Runs { runs, words }
}

/// [`TITLE_WORDS`] and the given names of [`GIVEN_NAMES`], looked up for every capitalised
/// word of an article.
static TITLE_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(TITLE_WORDS.iter().copied()));
static GIVEN_SET: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(GIVEN_NAMES.iter().map(|(g, _)| *g)));

pub(super) fn is_title(w: &str) -> bool {
    // An ASCII word is tested in place, case-insensitively (dots fold to themselves):
    // copying and lower-casing every word asked showed in the profile.
    if w.is_ascii() {
        let t = w.trim_end_matches('.');
        return TITLE_SET.contains_ascii_folded(t) || is_nationality_ascii_folded(t.as_bytes());
    }
    with_lower(w, |l| {
        let l = l.trim_end_matches('.');
        TITLE_SET.contains(l) || is_nationality(l)
    })
}

/// [`is_nationality`] of the ASCII lower-casing of `t`, without building it: a word ending
/// in "ian", "ese", "ish" or "ean" (five bytes or more), or one of a few names.
fn is_nationality_ascii_folded(t: &[u8]) -> bool {
    let ends = |e: &[u8]| t.len() >= e.len() && t[t.len() - e.len()..].eq_ignore_ascii_case(e);
    t.len() > 4 && (ends(b"ian") || ends(b"ese") || ends(b"ish") || ends(b"ean"))
        || [
            &b"u.s."[..],
            b"us",
            b"eu",
            b"un",
            b"kremlin's",
            b"polish",
            b"french",
            b"greek",
        ]
        .iter()
        .any(|x| t.eq_ignore_ascii_case(x))
}

/// Whether a lower-case word names a nationality or a body of states ("russian", "eu").
pub(super) fn is_nationality(l: &str) -> bool {
    // Lower-casing leaves no ASCII capital, so the folded test is the exact one here.
    is_nationality_ascii_folded(l.as_bytes())
}

pub(super) fn is_possessive(w: &str) -> bool {
    w.ends_with("'s") || w.ends_with("’s") || w.ends_with('\'') || w.ends_with('’')
}

/// The name words of a run (its `words`), with titles stripped from the front: a tail of
/// the run, so no copy.
fn name_words<'r, 'a>(words: &'r [&'a str]) -> &'r [&'a str] {
    let mut ws = words;
    // "Commission President Ursula von der Leyen": the name follows the last title. Only
    // when the last word is a title can the front of the run still hold one: otherwise the
    // words after the last title (or all of them, with none) start with a word that is none,
    // and the tests below would ask `is_title` again for the same answer.
    match ws.iter().rposition(|w| is_title(w)) {
        Some(k) if k + 1 == ws.len() => {
            while ws.len() > 1 && is_title(ws[0]) {
                ws = &ws[1..];
            }
            // A run of titles only ("Russian President") names nobody.
            if ws.len() == 1 {
                return &[];
            }
        }
        Some(k) => ws = &ws[k + 1..],
        None => {}
    }
    while ws.first().is_some_and(|w| is_not_name(w)) {
        ws = &ws[1..];
    }
    ws
}

fn gender_of(name: &str) -> Option<bool> {
    let mut words = name.split_whitespace();
    let first = words.next()?;
    let given = with_lower(first, |l| {
        GIVEN_SET
            .contains(l)
            .then(|| GIVEN_NAMES.iter().find(|(g, _)| *g == l).map(|(_, f)| *f))
            .flatten()
    });
    if given.is_some() {
        return given;
    }
    let last = words.next_back().unwrap_or(first);
    with_lower(last, |l| {
        FEMALE_SURNAME_ENDINGS.iter().any(|e| l.ends_with(e))
    })
    .then_some(true)
}

/// A filter on the first byte and the length of the words of a set: `may_hold` is false
/// for any word whose first byte or length no word of the set has.
#[derive(Default)]
struct ShapeFilter {
    first: [u64; 4],
    lengths: u64,
}

impl ShapeFilter {
    fn insert(&mut self, w: &str) {
        let f = w.as_bytes().first().copied().unwrap_or(0);
        self.first[usize::from(f >> 6)] |= 1 << (f & 63);
        self.lengths |= 1 << w.len().min(63);
    }

    #[inline]
    fn may_hold(&self, w: &str) -> bool {
        let f = w.as_bytes().first().copied().unwrap_or(0);
        self.first[usize::from(f >> 6)] & (1 << (f & 63)) != 0
            && self.lengths & (1 << w.len().min(63)) != 0
    }
}

/// The offsets of the paragraph breaks of `text`: what `text.match_indices("\n\n")` gives
/// (non-overlapping, so "\n\n\n" is one break), from an eight-byte scan for newlines.
fn paragraph_breaks(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = find_byte(b, 0, [b'\n'], false);
    while i + 1 < b.len() {
        if b[i + 1] == b'\n' {
            out.push(i);
            i = find_byte(b, i + 2, [b'\n'], false);
        } else {
            i = find_byte(b, i + 1, [b'\n'], false);
        }
    }
    out
}

/// Context for speaker resolution over one document.
struct Ctx<'a> {
    text: &'a str,
    /// Spans inside quotes (not searched for people).
    quoted: Vec<Span>,
    /// The capitalised runs and the titles and roles they give, read only when a speaker
    /// needs them.
    named: std::cell::OnceCell<Named<'a>>,
    /// The roles and titles before the full names of `named`, read only for a title or
    /// role speaker.
    roles: std::cell::OnceCell<Roles>,
    /// The people the article names, built on `named`, read only for a pronoun or a
    /// surname.
    known: std::cell::OnceCell<Known>,
    mentions: &'a [Mention],
    /// Last word of a person mention's base form -> the entity of the first such mention.
    entities: std::cell::OnceCell<BTreeMap<&'a str, String>>,
    /// How many times [`Ctx::may_end_a_full_name`] searched the text.
    checks: std::cell::Cell<u32>,
}

/// What the capitalised runs of an article give on their own: a title-only or role
/// speaker needs only this (and the [`Roles`] read from it), not the speech verbs and
/// subjects that [`Known`] also reads.
struct Named<'a> {
    /// The capitalised runs outside quotes.
    runs: Runs<'a>,
    /// (position, name) of each run that is a full name (a known given name first), in
    /// text order.
    full: Vec<(usize, String)>,
    /// For each entry of `full`, where its name starts in the text: the role and title
    /// words before the name end there.
    name_starts: Vec<usize>,
}

/// The roles and titles the article gives before its full names: read only for a title
/// or role speaker (a pronoun or surname needs [`Known`] alone, and computing these for
/// every full name of every article that had one was most of the cost of [`Named`]).
struct Roles {
    /// Role phrase (lower case, e.g. "russian president") -> name; each pair once, at its
    /// last occurrence, which is the one a search from the end finds.
    roles: Vec<(String, String)>,
    /// (position, role phrase, name) for every named person with a role phrase before the
    /// name ("Russian Economy Minister Maxim Oreshkin"), sorted by position.
    titled: Vec<(usize, TitleKey, String)>,
    /// Offsets of the paragraph breaks ("\n\n"), sorted.
    paragraph_ends: Vec<usize>,
}

/// People named in an article.
struct Known {
    /// Known people: (position, name), sorted.
    people: Vec<(usize, String)>,
    /// The indices in `people` of the people of two or more words, sorted by last word
    /// (the surname) and then by index, so that [`Ctx::full_name`] is a binary search
    /// rather than a pass over every person (indices rather than a map of copied names:
    /// building that map showed in the profile). Each index comes with the byte range of
    /// its person's last word in the name: finding the last word again in every comparison
    /// of the sort and of the search (a pass over the whole name) also showed.
    by_surname: Vec<(usize, std::ops::Range<usize>)>,
}

impl Known {
    /// The last word of the person of an entry of `by_surname`.
    fn surname(&self, (k, r): &(usize, std::ops::Range<usize>)) -> &str {
        &self.people[*k].1[r.clone()]
    }
}

impl<'a> Ctx<'a> {
    fn new(text: &'a str, quoted: Vec<Span>, mentions: &'a [Mention]) -> Self {
        Ctx {
            text,
            quoted,
            named: std::cell::OnceCell::new(),
            roles: std::cell::OnceCell::new(),
            known: std::cell::OnceCell::new(),
            mentions,
            entities: std::cell::OnceCell::new(),
            checks: std::cell::Cell::new(0),
        }
    }

    fn named(&self) -> &Named<'a> {
        self.named.get_or_init(|| self.collect_named())
    }

    fn roles(&self) -> &Roles {
        self.roles.get_or_init(|| self.collect_roles())
    }

    fn known(&self) -> &Known {
        self.known.get_or_init(|| self.collect_people())
    }

    /// Whether `pos` lies inside a quote (`quoted` is sorted and non-overlapping).
    fn in_quote(&self, pos: usize) -> bool {
        let i = self.quoted.partition_point(|s| s.start < pos);
        i > 0 && pos < self.quoted[i - 1].end
    }

    /// The capitalised runs outside quotes and the full names among them (a known given
    /// name first).
    fn collect_named(&self) -> Named<'a> {
        let text = self.text;
        let mut full: Vec<(usize, String)> = Vec::new();
        let mut name_starts = Vec::new();
        let mut runs = cap_runs(text);
        runs.runs.retain(|r| !self.in_quote(r.start));
        for r in &runs.runs {
            let words = runs.words(r);
            // Only a run that opens with a known given name is a full name.
            if words.len() < 2 || !words.iter().any(|w| is_given_name(w)) {
                continue;
            }
            let ws = name_words(words);
            let Some(first) = ws.first() else { continue };
            if ws.len() >= 2 && is_given_name(first) && !is_possessive(first) {
                let name = ws
                    .iter()
                    .take_while(|w| !is_possessive(w))
                    .copied()
                    .chain(
                        ws.iter()
                            .find(|w| is_possessive(w))
                            .map(|w| strip_possessive_str(w)),
                    )
                    .collect::<Vec<_>>()
                    .join(" ");
                full.push((r.start, name));
                name_starts.push(r.start + run_offset_of_name(r, ws, text));
            }
        }
        Named {
            runs,
            full,
            name_starts,
        }
    }

    /// The roles and titles before the full names of [`Named`], in text order.
    fn collect_roles(&self) -> Roles {
        let text = self.text;
        let named = self.named();
        let mut roles = Vec::new();
        let mut titled = Vec::new();
        for ((pos, name), &name_start) in named.full.iter().zip(&named.name_starts) {
            // Role: the title words before the name ("Russian President", "Kremlin spokesman").
            let before = &text[..name_start];
            let role = role_before(before);
            if let Some(key) = titles::role_phrase_before(before) {
                titled.push((*pos, key, name.clone()));
            }
            if !role.is_empty() {
                roles.push((role, name.clone()));
            }
        }
        let mut seen = std::collections::HashSet::new();
        let mut roles: Vec<(String, String)> = roles
            .into_iter()
            .rev()
            .filter(|r| seen.insert(r.clone()))
            .collect();
        roles.reverse();
        Roles {
            roles,
            titled,
            paragraph_ends: paragraph_breaks(text),
        }
    }

    /// People named in the text: full names with a known given name, subjects of speech
    /// verbs, the normalizer's person mentions; then every later mention of their surnames.
    fn collect_people(&self) -> Known {
        let text = self.text;
        let Named { runs, full, .. } = self.named();
        let mut full = full.clone();
        for m in self.mentions {
            if m.kind == EntityKind::Person {
                full.push((m.span.start, m.base.to_string()));
            }
        }
        // Subjects of speech verbs ("Kalachev said", "Andrei Sudaltsev of ... said"), found in
        // one pass over the text.
        for k in speech_verbs_in(text) {
            if self.in_quote(k) {
                continue;
            }
            if let Some((pos, name)) = subject_name(text, k)
                && !is_pronoun(&name)
                && name.chars().next().is_some_and(char::is_uppercase)
                && !name.starts_with("the ")
            {
                full.push((pos, name));
            }
        }
        full.sort();
        full.dedup();
        // Every capitalised word equal to a known surname is a later mention of that person:
        // (position, index in `full` of the person).
        let mut hits: Vec<(usize, usize)> = Vec::new();
        {
            // Surname -> the first full name with it (a name of one word is its own surname).
            let mut by_surname: std::collections::BTreeMap<&str, usize> = Default::default();
            let mut maybe_surname = ShapeFilter::default();
            for (j, (_, n)) in full.iter().enumerate() {
                let surname = n.split_whitespace().last().unwrap_or(n);
                maybe_surname.insert(surname);
                by_surname.entry(surname).or_insert(j);
            }
            for r in &runs.runs {
                let hit = runs.words(r).iter().find_map(|w| {
                    let w = strip_possessive_str(w);
                    // Most capitalised words are no known surname: two bit tests rule them
                    // out before the map compares strings.
                    maybe_surname
                        .may_hold(w)
                        .then(|| by_surname.get(w).copied())
                        .flatten()
                });
                if let Some(j) = hit {
                    hits.push((r.start, j));
                }
            }
        }
        // The people are the full names and these mentions: the list grows only at its end,
        // so the indices into `full` still hold (and `full` is not copied).
        let mut people = full;
        for (pos, j) in hits {
            let name = people[j].1.clone();
            people.push((pos, name));
        }
        people.sort();
        people.dedup();
        // Sorted by (last word, index): a total order, so the same as any sort by it.
        let mut keyed: Vec<(&str, usize)> = (0..people.len())
            .filter(|&k| people[k].1.contains(' '))
            .map(|k| (last_word(&people[k].1), k))
            .collect();
        keyed.sort_unstable();
        let by_surname = keyed
            .into_iter()
            .map(|(w, k)| {
                let start = w.as_ptr() as usize - people[k].1.as_ptr() as usize;
                (k, start..start + w.len())
            })
            .collect();
        Known { people, by_surname }
    }

    /// The person a pronoun before `pos` refers to: sentences backwards from `pos`, the first
    /// compatible person of each (its subject, in news syntax).
    fn resolve_pronoun(&self, pronoun: &str, pos: usize) -> Option<String> {
        let female = match pronoun {
            "she" | "her" => Some(true),
            "he" | "his" | "him" => Some(false),
            _ => None,
        };
        let compatible = |name: &str| match (female, gender_of(name)) {
            (Some(f), Some(g)) => f == g,
            // Without a known gender, "she" needs a female-looking name.
            (Some(true), None) => false,
            _ => true,
        };
        // Sentence starts before pos, nearest first, within 1,500 bytes.
        let window = pos.saturating_sub(1500);
        let mut window = window;
        while !self.text.is_char_boundary(window) {
            window -= 1;
        }
        let mut bounds: Vec<usize> = vec![window];
        // The stops are ASCII, so each byte equal to one is that character: found eight
        // bytes at a time rather than by decoding every character of the window.
        let b = &self.text.as_bytes()[..pos];
        let mut k = find_byte(b, window, [b'.', b'!', b'?', b'\n'], false);
        while k < pos {
            if !self.in_quote(k) {
                bounds.push(k + 1);
            }
            k = find_byte(b, k + 1, [b'.', b'!', b'?', b'\n'], false);
        }
        let mut end = pos;
        let people = &self.known().people;
        for &start in bounds.iter().rev() {
            let lo = people.partition_point(|(p, _)| *p < start);
            let hi = people.partition_point(|(p, _)| *p < end);
            if let Some((_, name)) = people[lo..hi.max(lo)].iter().find(|(_, n)| compatible(n)) {
                return Some(name.clone());
            }
            end = start;
            if pos - start > 1500 {
                break;
            }
        }
        None
    }

    /// A surname alone becomes the full name the article gave it (the nearest one).
    fn full_name(&self, name: String, pos: usize) -> String {
        if name.contains(' ') || !self.may_end_a_full_name(&name) {
            return name;
        }
        // The nearest full name, the earlier one on a tie (as a scan in text order keeps the
        // first of equally near ones).
        let known = self.known();
        let Known { people, by_surname } = known;
        let lo = by_surname.partition_point(|e| known.surname(e) < name.as_str());
        let n = by_surname[lo..].partition_point(|e| known.surname(e) == name);
        // The people with this surname, in text order.
        let list: Vec<&(usize, String)> = by_surname[lo..lo + n]
            .iter()
            .map(|(k, _)| &people[*k])
            .collect();
        let i = list.partition_point(|(p, _)| *p < pos);
        let left = i.checked_sub(1).map(|j| {
            let lp = list[j].0;
            list[list[..=j].partition_point(|(p, _)| *p < lp)]
        });
        let nearest = match (left, list.get(i).copied()) {
            (Some(l), Some(r)) => Some(if pos - l.0 <= r.0 - pos { l } else { r }),
            (l, r) => l.or(r),
        };
        nearest.map(|(_, full)| full.clone()).unwrap_or(name)
    }

    /// Whether `name` may be the last word of a person of two or more words that
    /// [`Ctx::collect_people`] would find, so that [`Ctx::full_name`] needs [`Known`]: false
    /// only when no such person can exist. Building [`Known`] reads the whole article (its
    /// capitalised runs, speech verbs and subjects); most single-word speakers the bench
    /// asks about ("the rights group Viasna") are named nowhere as the end of a longer name.
    ///
    /// Such a person is a normalizer mention whose base form ends in `name`, or a
    /// capitalised run of the text (whole, or inside a subject clause) whose last word starts
    /// with `name`: a run joins its words by one space, and the word before is capitalised,
    /// a name particle, or holds a character that is not an ASCII lower-case letter. Every
    /// occurrence of `name` is checked (overlapping ones too). After a few such checks of a
    /// text, [`Known`] is built instead, so a giant text with many quotes is not searched
    /// once per quote (issue 8).
    fn may_end_a_full_name(&self, name: &str) -> bool {
        const MAX_CHECKS: u32 = 4;
        if self.known.get().is_some() || name.is_empty() || self.checks.get() >= MAX_CHECKS {
            return true;
        }
        self.checks.set(self.checks.get() + 1);
        if self.mentions.iter().any(|m| {
            m.kind == EntityKind::Person && m.base.split_whitespace().next_back() == Some(name)
        }) {
            return true;
        }
        let text = self.text;
        let b = text.as_bytes();
        let step = name.chars().next().map_or(1, char::len_utf8);
        let mut from = 0;
        while let Some(p) = text[from..].find(name) {
            let j = from + p;
            from = j + step;
            if j < 2 || b[j - 1] != b' ' {
                continue;
            }
            let before = &text[..j - 1];
            let word_len: usize = before
                .chars()
                .rev()
                .take_while(|&c| is_name_word_char(c))
                .map(char::len_utf8)
                .sum();
            let prev = &before[before.len() - word_len..];
            let lower_word = prev.bytes().all(|x| x.is_ascii_lowercase());
            if !prev.is_empty() && (!lower_word || NAME_PARTICLES.contains(&prev)) {
                return true;
            }
        }
        false
    }

    /// Turns a subject phrase into a speaker: a name, a resolved role or pronoun, or the
    /// phrase itself.
    fn speaker_from(&self, raw: &str, pos: usize) -> Option<String> {
        let raw = raw.trim();
        let lower = raw.to_lowercase();
        // "Just last month he": the pronoun is the subject.
        if let Some(last) = lower.split_whitespace().last()
            && is_pronoun(last)
            && !raw
                .split_whitespace()
                .any(|w| w.chars().next().is_some_and(char::is_uppercase) && !is_not_name(w))
        {
            return self
                .resolve_pronoun(last, pos)
                .map(|n| self.full_name(n, pos));
        }
        // A title-only speaker names the person the article gives the same title, nearest
        // and preferably later ("Russia's economy minister said. ... Russian Economy Minister
        // Maxim Oreshkin said"); a title that names nobody keeps the reading below.
        let key = titles::title_key(raw);
        if let Some(key) = &key {
            let roles = self.roles();
            match titles::resolve(key, pos, &roles.titled, &roles.paragraph_ends) {
                Some(Some(name)) => return Some(name),
                // Two people fit: the title stays, whatever other role the article names.
                Some(None) => return Some(raw.to_string()),
                None => {}
            }
        }
        if let Some(name) = best_name(raw) {
            return Some(self.full_name(name, pos));
        }
        let role = lower.trim_start_matches("the ").trim();
        // "the economy minister" is not "deputy economy minister": a longer role counts only
        // when it names the same office.
        let same_office = |r: &str| match (&key, titles::title_key(r)) {
            (Some(a), Some(b)) => a.matches(&b),
            _ => true,
        };
        if let Some((_, name)) = self
            .roles()
            .roles
            .iter()
            .rev()
            .find(|(r, _)| r == role || r.ends_with(role) && same_office(r))
        {
            return Some(name.clone());
        }
        // A role phrase the article never names ("Russia's economy minister", "police").
        let roleish = lower.split_whitespace().any(|w| {
            let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
            is_title(bare) || ORG_WORDS.contains(&w) || titles::ROLE_WORDS.contains(&bare)
        });
        (roleish && lower.split_whitespace().count() <= 6).then(|| raw.to_string())
    }

    /// The entity of the first person mention whose last word is the speaker's (a mention
    /// equal to the speaker has it too).
    fn entity_for(&self, speaker: &str) -> Option<String> {
        let last = speaker.split_whitespace().last()?;
        let index = self.entities.get_or_init(|| {
            let mut index = BTreeMap::new();
            for m in self.mentions {
                if m.kind == EntityKind::Person
                    && let (Some(e), Some(l)) = (&m.entity, m.base.split_whitespace().last())
                {
                    index.entry(l).or_insert_with(|| e.to_string());
                }
            }
            index
        });
        index.get(last).cloned()
    }
}

/// [`SPEECH_VERBS`] by their first two bytes.
static SPEECH_VERB_INDEX: LazyLock<PrefixIndex> =
    LazyLock::new(|| PrefixIndex::new(SPEECH_VERBS.iter().copied()));

/// Offsets of the speech verbs that stand as whole words in `text` (no letter on either
/// side): the words of the text, split at every non-letter, that are verbs.
///
/// A whole-word verb starts where an ASCII letter follows a byte that is no ASCII letter
/// (the byte before it ends a character that is no letter), so only those offsets are
/// tried, each against the verbs with its first two bytes; the offsets are found eight
/// bytes at a time. This replaced an Aho-Corasick pass, which stepped its automaton
/// through every byte of the text.
fn speech_verbs_in(text: &str) -> impl Iterator<Item = usize> + '_ {
    let ix: &PrefixIndex = &SPEECH_VERB_INDEX;
    let b = text.as_bytes();
    let mut out = Vec::new();
    for_each_word_start(b, false, |i| {
        let mut m = ix.candidates(b, i);
        while m != 0 {
            let verb = SPEECH_VERBS[m.trailing_zeros() as usize];
            m &= m - 1;
            // One verb at most is the whole word here (a verb listed twice is found once).
            if b[i..].starts_with(verb.as_bytes())
                && !char_at(text, i + verb.len()).is_some_and(is_alphabetic)
                && !text[..i].chars().next_back().is_some_and(is_alphabetic)
            {
                out.push(i);
                break;
            }
        }
    });
    out.into_iter()
}

/// Whether the Unicode lower-case form of `w` is one of [`GIVEN_NAMES`] (unlike
/// [`is_given_name`], a non-ASCII word may fold to one: KELVIN SIGN to "k").
fn is_listed_given_name(w: &str) -> bool {
    with_lower(w, |l| GIVEN_SET.contains(l))
}

fn is_given_name(w: &str) -> bool {
    // An ASCII-case-insensitive match: a word with other letters is no listed name.
    GIVEN_SET.contains_ascii_folded(w)
}

pub(super) fn strip_possessive_str(w: &str) -> &str {
    // The last byte of a word that ends in none of these is none of 's', '\'' and the last
    // byte of '’' (0x99): a byte test, without decoding the last character, rules out most
    // of the capitalised words of an article.
    if !matches!(w.as_bytes().last(), Some(b's' | b'\'' | 0x99)) || !w.ends_with(['s', '\'', '’'])
    {
        return w;
    }
    // `trim_end_matches("'s")` and then `("’s")`, by suffix tests: a string pattern built a
    // two-way searcher per word, which showed in the profile (Belarus, Kremlin's).
    let mut w = w;
    while let Some(t) = w.strip_suffix("'s") {
        w = t;
    }
    while let Some(t) = w.strip_suffix("’s") {
        w = t;
    }
    w.trim_end_matches(['\'', '’'])
}

fn run_offset_of_name(r: &Run, ws: &[&str], text: &str) -> usize {
    let seg = &text[r.start..r.end];
    ws.first().and_then(|f| seg.find(f)).unwrap_or(0)
}

/// The title words right before a name, lower case ("russian president", "kremlin spokesman").
fn role_before(before: &str) -> String {
    let mut ws: Vec<&str> = Vec::new();
    for w in before.split_whitespace().rev() {
        let l = w.to_lowercase();
        let l = l.trim_matches(|c: char| !c.is_alphanumeric());
        if ws.len() < 4
            && (is_title(l)
                || (ws.is_empty()
                    && w.chars().next().is_some_and(char::is_uppercase)
                    && !is_not_name(w)))
            && l != "the"
        {
            ws.push(w);
        } else {
            break;
        }
    }
    ws.reverse();
    ws.iter()
        .map(|w| {
            w.to_lowercase()
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
                .to_string()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The last word of a name (the name itself when it has one word).
fn last_word(n: &str) -> &str {
    n.split_whitespace().last().unwrap_or(n)
}

fn is_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she" | "they" | "him" | "her")
}

/// The best name in a subject phrase: the first capitalised run of two or more name words,
/// else the first single name word that is not a possessive.
fn best_name(phrase: &str) -> Option<String> {
    let all = cap_runs(phrase);
    let runs = &all.runs;
    let mut single: Option<String> = None;
    // Preference: a run with a known given name, then a person-like run of two or more words
    // (not an organisation, not inside "of the ..."), then an organisation, then one word.
    let mut multi: Option<String> = None;
    let mut org: Option<String> = None;
    for (idx, r) in runs.iter().enumerate() {
        let words = all.words(r);
        let ws = name_words(words);
        let ws = &ws[..ws.iter().take_while(|w| !is_possessive(w)).count()];
        if ws.is_empty() {
            continue;
        }
        if ws.len() >= 2 {
            let name = ws.join(" ");
            if is_listed_given_name(ws[0]) {
                return Some(name);
            }
            let before = phrase[..r.start].trim_end().to_lowercase();
            let in_pp = before.ends_with(" of")
                || before.ends_with(" of the")
                || before.ends_with(" at")
                || before.ends_with(" at the");
            let is_org = ws.last().is_some_and(|w| ORG_TAILS.contains(w));
            if is_org || in_pp {
                org.get_or_insert(name);
            } else {
                multi.get_or_insert(name);
            }
            continue;
        }
        if single.is_none() && !is_possessive(words[words.len() - 1]) {
            let before = &phrase[..r.start];
            let the = before.trim_end().to_lowercase().ends_with("the");
            let w = &ws[0];
            single = Some(
                if the && idx == runs.len() - 1 && !is_listed_given_name(w) {
                    format!("the {w}")
                } else {
                    w.to_string()
                },
            );
        }
    }
    multi.or(org).or(single)
}

/// The subject before a verb at `verb_pos`: (position, name) using the clause before it.
fn subject_name(text: &str, verb_pos: usize) -> Option<(usize, String)> {
    let (start, phrase) = subject_phrase(text, verb_pos)?;
    let name = best_name(&phrase).or_else(|| {
        let l = phrase.trim().to_lowercase();
        is_pronoun(&l).then_some(l)
    })?;
    Some((start, name))
}

/// The clause before a verb, skipping a ", who ...," aside; at most 10 words.
fn subject_phrase(text: &str, verb_pos: usize) -> Option<(usize, String)> {
    subject_phrase_at(text, verb_pos, 0)
}

/// `s.rfind(pred)` within the last [`super::words::CONTEXT_BYTES`] of `s`; `Err(from)` when it is not
/// there, `from` being where the searched tail starts (0 when that is all of `s`).
fn rfind_near(s: &str, pred: impl FnMut(char) -> bool) -> Result<usize, usize> {
    let from = super::words::window_start(s, s.len());
    s[from..].rfind(pred).map(|p| from + p).ok_or(from)
}

/// The characters that end the clause before a speech verb.
fn is_clause_stop(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '\n'
            | '“'
            | '”'
            | '"'
            | '('
            | ')'
            | '—'
            | '–'
            | '«'
            | '»'
    )
}

/// [`is_clause_stop`] tabulated over ASCII.
static CLAUSE_STOP_CLASS: LazyLock<AsciiClass> = LazyLock::new(|| AsciiClass::of(is_clause_stop));

/// How many ", who ...," asides [`subject_phrase`] steps back over.
const MAX_ASIDES: usize = 3;

/// [`subject_phrase`] with the asides already stepped over. Every search back is bounded by
/// [`super::words::CONTEXT_BYTES`]: a clause longer than that is not a subject (it has far more than 12
/// words), and a giant unpunctuated line is not scanned once per verb.
fn subject_phrase_at(text: &str, verb_pos: usize, depth: usize) -> Option<(usize, String)> {
    let mut end = verb_pos;
    let mut before = text[..end].trim_end();
    // ", who heads the Political Expert Group," -> skip back over the aside.
    if before.ends_with(',') {
        let inner = &before[..before.len() - 1];
        if let Ok(c) = rfind_near(inner, |c| c == ',') {
            let aside = inner[c + 1..].trim_start();
            // The lower-casing of `aside` starts with one of these exactly when its first
            // bytes do up to ASCII case: no other character lower-cases to a string that
            // starts with one of their letters and goes on like them.
            let opens = |p: &str| {
                aside
                    .as_bytes()
                    .get(..p.len())
                    .is_some_and(|a| a.eq_ignore_ascii_case(p.as_bytes()))
            };
            if ["who ", "which ", "a ", "an ", "the "]
                .into_iter()
                .any(opens)
            {
                end = c;
                before = text[..end].trim_end();
            }
        }
    }
    let clause_start = {
        let from = super::words::window_start(before, before.len());
        rfind_class(&before[from..], &CLAUSE_STOP_CLASS, is_clause_stop)
            .map(|p| from + p)
            .ok_or(from)
    };
    let start = match clause_start {
        Ok(p) => p + before[p..].chars().next().map_or(1, char::len_utf8),
        Err(0) => 0,
        Err(_) => return None,
    };
    let phrase = &text[start..end];
    // Asked only when the clause follows a comma: most clauses do not.
    let has_cap = || {
        phrase
            .split_whitespace()
            .any(|w| w.chars().next().is_some_and(char::is_uppercase) && !is_not_name(w))
    };
    // "Lukashenko, who did not speak to the press, last month threatened": the name is before
    // the aside.
    if start > 0 && depth < MAX_ASIDES && text[..start].ends_with(',') && !has_cap() {
        let prev = &text[..start - 1];
        if let Ok(c) = rfind_near(prev, |c| c == ',') {
            let aside = prev[c + 1..].trim_start();
            if aside.starts_with("who ") || aside.starts_with("which ") {
                return subject_phrase_at(text, c, depth + 1);
            }
        }
    }
    let words = phrase.split_whitespace().take(13).count();
    if words == 0 || words > 12 {
        return None;
    }
    Some((start, phrase.trim().to_string()))
}

fn word_at(s: &str) -> Option<(&str, usize)> {
    let t = s.trim_start_matches(|c: char| !c.is_alphanumeric());
    let off = s.len() - t.len();
    let e = t
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '-' || *c == '\''))
        .map(|(k, _)| k)
        .unwrap_or(t.len());
    (e > 0).then(|| (&t[..e], off + e))
}

/// Speaker after the closing mark: ", X said", "said X", "he told AFP", "quoted X as saying".
fn speaker_after(ctx: &Ctx, after_start: usize) -> Option<(String, String)> {
    let text = ctx.text;
    let rest = &text[after_start..super::words::window_end(text, after_start)];
    // The attribution ends at the sentence end (read at most CONTEXT_BYTES ahead). Only
    // the ASCII stops and characters outside ASCII can end it: other bytes are stepped over
    // eight at a time.
    let rb = rest.as_bytes();
    let mut k = 0;
    let end = loop {
        k = find_byte(rb, k, [b'.', b'!', b'?', b'\n', b'"'], true);
        let Some(c) = char_at(rest, k) else {
            break rest.len();
        };
        if matches!(c, '.' | '!' | '?' | '\n' | '“' | '"' | '«' | '„')
            && !(c == '.'
                && rest[..k].ends_with(|x: char| x.is_uppercase())
                && rest[..k].rsplit(' ').next().is_some_and(|w| w.len() <= 3))
        {
            break k;
        }
        k += c.len_utf8();
    };
    let clause = &rest[..end];
    let trimmed = clause.trim_start_matches([',', ' ', '—', '–']);
    if trimmed.is_empty() {
        return None;
    }
    let base = after_start + (clause.len() - trimmed.len());
    let lower = trimmed.to_ascii_lowercase();
    // "quoted Peskov as saying"
    // ("was quoted as saying" names nobody between the words: `a` must pass "quoted ".)
    if let Some(q) = lower.find("quoted ")
        && let Some(a) = lower[q..].find(" as saying").filter(|&a| a >= 7)
    {
        let who = &trimmed[q + 7..q + a];
        let s = ctx.speaker_from(who, base + q)?;
        return Some((s, trimmed[..q + a + 10].trim().to_string()));
    }
    // The first speech verb within the first words.
    let mut off = 0;
    let mut nwords = 0;
    while let Some((w, e)) = word_at(&trimmed[off..]) {
        nwords += 1;
        if nwords > 30 {
            break;
        }
        if lowered_in(&SPEECH_VERB_SET, w) {
            let verb_start = off + trimmed[off..].find(w).unwrap_or(0);
            let subject = trimmed[..verb_start].trim().trim_end_matches(',');
            let attribution = trimmed[..off + e].trim().to_string();
            if !subject.is_empty() {
                // Subject before the verb: strip an aside.
                let (_, phrase) =
                    subject_phrase(text, base + verb_start).unwrap_or((0, subject.to_string()));
                return ctx.speaker_from(&phrase, base).map(|s| (s, attribution));
            }
            // "said X": the object up to a comma or preposition.
            let obj_start = off + e;
            let obj: String = trimmed[obj_start..]
                .split([',', ';'])
                .next()
                .unwrap_or("")
                .split(" in ")
                .next()
                .unwrap_or("")
                .split(" at ")
                .next()
                .unwrap_or("")
                .split(" on ")
                .next()
                .unwrap_or("")
                .to_string();
            let s = ctx.speaker_from(&obj, base + obj_start)?;
            return Some((s, format!("{} {}", w, obj.trim())));
        }
        off += e;
    }
    // No speech verb: "..., according to the Kremlin."
    if let Some(a) = lower.find("according to ") {
        let who = trimmed[a + 13..].split([',', ';']).next().unwrap_or("");
        let s = ctx.speaker_from(who, base + a)?;
        return Some((s, trimmed[a..a + 13 + who.len()].trim().to_string()));
    }
    None
}

/// Speaker before the opening mark: "X said:", "X said last week that ... \"".
fn speaker_before(ctx: &Ctx, open: usize) -> Option<(String, String)> {
    let text = ctx.text;
    // The sentence before the quote (at most CONTEXT_BYTES of it).
    let from = super::words::window_start(text, open);
    let start = text[from..open]
        .char_indices()
        .rev()
        .map(|(k, c)| (from + k, c))
        .find(|(k, c)| {
            matches!(c, '!' | '?' | '\n')
                || (*c == '.'
                    && !ctx.in_quote(*k)
                    && text[*k + 1..].starts_with(' ')
                    && !text[..*k].rsplit(' ').next().is_some_and(|w| {
                        w.len() <= 3 && w.chars().next().is_some_and(char::is_uppercase)
                    }))
        })
        .map(|(k, _)| k + 1)
        .unwrap_or(from);
    let seg = &text[start..open];
    let lower = seg.to_ascii_lowercase();
    // The speech verb nearest the quote: one pass over the words (a whole-word match of a
    // verb is a word equal to it).
    let mut best: Option<usize> = None;
    for (k, w) in alnum_words(&lower) {
        if SPEECH_VERB_SET.contains(w) && !ctx.in_quote(start + k) {
            best = Some(k);
        }
    }
    if let Some(q) = lower.rfind("quoted ")
        && let Some(a) = lower[q..].find(" as saying").filter(|&a| a >= 7)
    {
        let who = &seg[q + 7..q + a];
        if let Some(s) = ctx.speaker_from(who, start + q) {
            return Some((s, seg[q..q + a + 10].trim().to_string()));
        }
    }
    if let Some(a) = lower.rfind("according to ") {
        let who = seg[a + 13..].split([',', ';']).next().unwrap_or("");
        if let Some(s) = ctx.speaker_from(who, start + a) {
            return Some((s, format!("according to {}", who.trim())));
        }
    }
    let k = best?;
    let verb_end = k + lower[k..]
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(lower.len() - k);
    let (_, phrase) = subject_phrase(text, start + k)?;
    let s = ctx.speaker_from(&phrase, start + k)?;
    Some((s, format!("{} {}", phrase.trim(), &seg[k..verb_end])))
}

/// Finds the quotes of a text with their kind and speaker.
pub fn find_quotes(text: &str, mentions: &[Mention]) -> Vec<Quote> {
    let marks = find_marks(text);
    let quoted: Vec<Span> = marks.iter().map(|(o, c)| Span::new(*o, *c + 1)).collect();
    let ctx = Ctx::new(text, quoted, mentions);
    let mut out: Vec<Quote> = Vec::new();
    if marks.is_empty() {
        return out;
    }
    let b = text.as_bytes();
    // The paragraph breaks, found once when a quote first needs them (a quote with no
    // speaker of its own): the nearest one before a quote is a binary search, not a scan
    // back through a giant paragraph per quote.
    let mut breaks: Option<Vec<usize>> = None;
    let last_before = |list: &[usize], end: usize| {
        let i = list.partition_point(|&p| p < end);
        i.checked_sub(1).map(|i| list[i])
    };
    // The previous quote's opening mark and the start of its sentence. The marks come in
    // text order, so the last sentence stop before a quote is searched back only to the
    // previous mark: with none in between it is the previous quote's. Each byte is read
    // once at most (linear on a giant paragraph), and only back to the nearest stop.
    let mut prev_sentence = (0, 0);
    for (open, close) in marks {
        let sent_start = match b[prev_sentence.0..open]
            .iter()
            .rposition(|x| matches!(x, b'.' | b'!' | b'?' | b'\n'))
        {
            Some(p) => prev_sentence.0 + p + 1,
            None => prev_sentence.1,
        };
        prev_sentence = (open, sent_start);
        let open_len = text[open..]
            .chars()
            .next()
            .map(|c| c.len_utf8())
            .unwrap_or(1);
        let close_len = text[close..]
            .chars()
            .next()
            .map(|c| c.len_utf8())
            .unwrap_or(1);
        let inner = Span::new(open + open_len, close);
        let span = Span::new(open, close + close_len);
        // Only whether there are more than SCARE_MAX_WORDS words counts: a long quote's
        // words are not all counted.
        let words = inner
            .slice(text)
            .split_whitespace()
            .take(SCARE_MAX_WORDS + 1)
            .count();
        // Chants and signs: cue words earlier in the sentence (which starts at `sent_start`).
        // Cues count only after the previous quote (its words are not the narrator's).
        let cue_start = out
            .last()
            .map(|q| q.span.end)
            .filter(|&e| e > sent_start && e <= open)
            .unwrap_or(sent_start);
        // Only the last six words count: lower-case at most CONTEXT_BYTES of them.
        let cue_start = cue_start.max(super::words::window_start(text, open));
        let before = text[cue_start..open].to_lowercase();
        // The last six words, read once for the three lists of cues.
        let mut last_words = [""; 6];
        for (slot, w) in last_words.iter_mut().zip(
            before
                .split(|c: char| !(c.is_alphanumeric() || c == '-'))
                .filter(|w| !w.is_empty())
                .rev(),
        ) {
            *slot = w;
        }
        let cue = |cues: &[&str]| last_words.iter().any(|w| !w.is_empty() && cues.contains(w));
        // "signs that read "A" and "B"": a second quote joined to a chant or sign.
        let joined = out.last().filter(|q| {
            q.kind != QuoteKind::Statement
                && q.span.end >= sent_start
                && matches!(
                    text[q.span.end..open].trim(),
                    "and" | "or" | "," | ", and" | ""
                )
        });
        let kind = if let Some(q) = joined {
            q.kind
        } else if cue(CHANT_CUES) {
            QuoteKind::Chant
        } else if cue(SIGN_CUES) && !cue(&["said", "says", "told", "tweeted", "wrote"]) {
            QuoteKind::Sign
        } else {
            QuoteKind::Statement
        };
        if kind != QuoteKind::Statement {
            out.push(Quote {
                span,
                inner,
                kind,
                speaker: None,
                speaker_entity: None,
                attribution: None,
            });
            continue;
        }
        let after = speaker_after(&ctx, span.end);
        // A short quote counts only when it is punctuated as speech and a speech verb attaches
        // to it ("“Never,” he said"; the accusations were "absurd and baseless.").
        if words <= SCARE_MAX_WORDS {
            let ends_in_punct = inner.slice(text).trim_end().ends_with([',', '.', '!', '?']);
            if !(ends_in_punct && (after.is_some() || speaker_before(&ctx, open).is_some())) {
                continue;
            }
        }
        let mut found = after.or_else(|| speaker_before(&ctx, open));
        // A paragraph that is only a quote continues the previous paragraph's speaker.
        if found.is_none() {
            let breaks = breaks.get_or_insert_with(|| {
                byte_positions(b, [b'\n'])
                    .into_iter()
                    .filter(|&i| b.get(i + 1) == Some(&b'\n'))
                    .collect()
            });
            let para_start = last_before(breaks, open.saturating_sub(1)).map_or(0, |p| p + 2);
            let prev_in_para = out.iter().rev().find(|q| {
                q.kind == QuoteKind::Statement && q.speaker.is_some() && q.span.end > para_start
            });
            if let Some(prev) = prev_in_para {
                found = prev.speaker.clone().map(|s| (s, "(continued)".to_string()));
            } else if text[para_start..open].trim().is_empty()
                && let Some(prev) = out
                    .iter()
                    .rev()
                    .find(|q| q.kind == QuoteKind::Statement && q.speaker.is_some())
                && text[prev.span.end..open]
                    .rmatch_indices("\n\n")
                    .nth(1)
                    .is_none()
            {
                found = prev.speaker.clone().map(|s| (s, "(continued)".to_string()));
            }
        }
        let (speaker, attribution) = match found {
            Some((s, a)) => (Some(s), Some(a)),
            None => (None, None),
        };
        let speaker_entity = speaker.as_deref().and_then(|s| ctx.entity_for(s));
        out.push(Quote {
            span,
            inner,
            kind,
            speaker,
            speaker_entity,
            attribution,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speech_verbs_are_listed_once() {
        let mut seen = std::collections::HashSet::new();
        for v in SPEECH_VERBS {
            assert!(seen.insert(*v), "{v} is listed twice in SPEECH_VERBS");
        }
    }

    fn speakers(t: &str) -> Vec<(String, Option<String>)> {
        find_quotes(t, &[])
            .into_iter()
            .map(|q| (q.kind.to_string(), q.speaker))
            .collect()
    }

    /// Where the loop of [`cap_runs`] outside a run is after the bytes before `stop`, all
    /// ASCII and none a capital, stepped one by one.
    fn skip_one_by_one(s: &str, i: usize, stop: usize) -> usize {
        let b = s.as_bytes();
        let mut j = i;
        while j < stop {
            if b[j].is_ascii_lowercase() {
                j = scan_class(s, j, true, &NAME_WORD_CLASS, is_name_word_char);
            } else {
                j += 1;
            }
        }
        j
    }

    proptest::proptest! {
        #[test]
        fn eight_byte_skip_agrees_with_the_byte_loop(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "a", "b", "Z", " ", "-", ".", "'", "1", ",", "\u{e9}", "\u{2019}", "\u{201c}",
                "said", "Mr", "x.y", "\n",
            ]), 0..20)
        ) {
            let s: String = pieces.concat();
            for i in (0..s.len()).filter(|&i| s.is_char_boundary(i)) {
                let b = s.as_bytes();
                let Some(got) = skip_lower_case_ascii(&s, i, &NAME_WORD_CLASS) else {
                    // Only at a stop or near the end.
                    proptest::prop_assert!(
                        i + 8 > s.len() || b[i] >= 0x80 || b[i].is_ascii_uppercase()
                    );
                    continue;
                };
                let stop = (i..i + 8)
                    .find(|&j| b[j] >= 0x80 || b[j].is_ascii_uppercase())
                    .unwrap_or(i + 8);
                proptest::prop_assert_eq!(got, skip_one_by_one(&s, i, stop), "{:?} at {}", s, i);
            }
        }
    }

    #[test]
    fn title_is_separated_from_the_name() {
        let t = "“The positions have come significantly closer,” Russian Economy Minister Maxim Oreshkin said.";
        assert_eq!(
            speakers(t),
            vec![("statement".into(), Some("Maxim Oreshkin".into()))]
        );
    }

    /// The shortcut of [`Ctx::full_name`] answers as [`Known`] does: a surname the article
    /// gives as the end of a longer name gets it, in each way a run can end in it, and a
    /// word that ends no name is left alone without [`Known`] being built.
    #[test]
    fn full_name_shortcut_agrees_with_the_known_people() {
        let cases = [
            ("Dmitry Peskov spoke. Later Peskov said so.", "Peskov", true),
            ("Ursula von der Leyen spoke. Leyen said so.", "Leyen", true),
            (
                "Svetlana Tikhanovskaya's aide spoke.",
                "Tikhanovskaya",
                true,
            ),
            (
                "Stanisław Žukowski spoke. Žukowski said so.",
                "Žukowski",
                true,
            ),
            ("the rights group Viasna said so.", "Viasna", false),
            ("“No,” Viasna said, and Viasna left.", "Viasna", false),
        ];
        for (text, surname, named) in cases {
            let ctx = Ctx::new(text, Vec::new(), &[]);
            let slow = Ctx::new(text, Vec::new(), &[]);
            slow.known();
            let pos = text.rfind(surname).expect("surname in text");
            assert_eq!(
                ctx.full_name(surname.to_string(), pos),
                slow.full_name(surname.to_string(), pos),
                "{text:?}"
            );
            assert_eq!(ctx.known.get().is_some(), named, "{text:?}");
        }
    }

    /// A title or role speaker reads only the capitalised runs ([`Named`]); a pronoun needs
    /// the people ([`Known`]), which are built on the same runs.
    #[test]
    fn title_speaker_leaves_the_people_unbuilt() {
        let t = "Russian Economy Minister Maxim Oreshkin spoke on Monday. Later the economy minister said so. He left.";
        let ctx = Ctx::new(t, Vec::new(), &[]);
        let pos = t.find("the economy").expect("title in text");
        assert_eq!(
            ctx.speaker_from("the economy minister", pos).as_deref(),
            Some("Maxim Oreshkin")
        );
        assert!(ctx.named.get().is_some());
        assert!(ctx.known.get().is_none());
        let pos = t.find("He left").expect("pronoun in text");
        assert_eq!(
            ctx.speaker_from("He", pos).as_deref(),
            Some("Maxim Oreshkin")
        );
        assert!(ctx.known.get().is_some());
    }

    #[test]
    fn title_test_in_place_agrees_with_the_lower_cased_lookup() {
        let reference = |w: &str| {
            let l = w.to_lowercase();
            let l = l.trim_end_matches('.');
            TITLE_SET.contains(l)
                || (l.ends_with("ian")
                    || l.ends_with("ese")
                    || l.ends_with("ish")
                    || l.ends_with("ean"))
                    && l.len() > 4
                || matches!(
                    l,
                    "u.s." | "us" | "eu" | "un" | "kremlin's" | "polish" | "french" | "greek"
                )
        };
        let mut words: Vec<String> = Vec::new();
        for w in TITLE_WORDS.iter().chain(&[
            "Russian",
            "RUSSIAN",
            "Belarusian.",
            "Minsk",
            "U.S.",
            "u.s",
            "US",
            "Eu",
            "UN.",
            "Kremlin's",
            "Polish",
            "French",
            "GREEK",
            "Ian",
            "Asian",
            "Chinese",
            "Irish",
            "ean",
            "Said",
            "",
            ".",
            "Dr.",
            "MR",
            "Spokesman...",
            "Économie",
            "Ministre",
            "Ｍinister",
            "KELVIN\u{212a}",
            "\u{212a}remlin's",
            "Evgeniya",
        ]) {
            words.push(w.to_string());
            words.push(w.to_uppercase());
            let mut c = w.chars();
            if let Some(f) = c.next() {
                words.push(f.to_uppercase().chain(c).collect());
            }
            words.push(format!("{w}."));
        }
        for w in &words {
            assert_eq!(is_title(w), reference(w), "{w:?}");
        }
    }

    #[test]
    fn pronoun_speaker_leaves_the_roles_unread() {
        let t = "Economy Minister Maxim Oreshkin spoke on Monday. He said: “We will go.”";
        let ctx = Ctx::new(t, Vec::new(), &[]);
        let pos = t.find("He said").expect("pronoun in text");
        assert_eq!(
            ctx.speaker_from("He", pos).as_deref(),
            Some("Maxim Oreshkin")
        );
        assert!(ctx.known.get().is_some());
        assert!(ctx.roles.get().is_none());
        assert_eq!(
            ctx.speaker_from("the economy minister", pos).as_deref(),
            Some("Maxim Oreshkin")
        );
        assert!(ctx.roles.get().is_some());
    }

    #[test]
    fn chants_signs_and_scare_quotes() {
        let t = "Protesters chanted “No to occupation” near the “union state” offices.";
        assert_eq!(speakers(t), vec![("chant".into(), None)]);
        let t = "Crowds brandished signs that read \"It's not integration, it's an occupation\".";
        assert_eq!(speakers(t), vec![("sign".into(), None)]);
    }

    #[test]
    fn pronoun_takes_the_previous_subject() {
        let t = "But Andrei Sudaltsev of the Higher School of Economics said it was unwise.\n\n\"Lukashenko and integration are incompatible,\" he told AFP.";
        assert_eq!(
            speakers(t),
            vec![("statement".into(), Some("Andrei Sudaltsev".into()))]
        );
    }

    #[test]
    fn quoted_as_saying() {
        let t = "“We’ve done a titanic job,” the state-run news agency quoted Peskov as saying.";
        assert_eq!(
            speakers(t),
            vec![("statement".into(), Some("Peskov".into()))]
        );
    }

    #[test]
    fn normalizer_mentions_give_the_entity() {
        let t = "“No comment,” Dmitry Peskov said.";
        let start = t.find("Dmitry").unwrap();
        let m = Mention {
            span: Span::new(start, start + "Dmitry Peskov".len()),
            text: "Dmitry Peskov".into(),
            base: "Dmitry Peskov".into(),
            kind: EntityKind::Person,
            rule: "test".into(),
            entity: Some("person:peskov".into()),
        };
        let q = find_quotes(t, &[m]);
        assert_eq!(q[0].speaker.as_deref(), Some("Dmitry Peskov"));
        assert_eq!(q[0].speaker_entity.as_deref(), Some("person:peskov"));
        // Without mentions the speaker is still found from the text.
        assert_eq!(find_quotes(t, &[])[0].speaker_entity, None);
    }

    #[test]
    fn speech_verbs_are_the_whole_words_that_are_verbs() {
        for t in [
            "He said, she says; they say. Saidsays unsaid sayings «said»",
            "Kalachev said\u{301} and told me: it's said-so, ésaid, said1 1said",
            "",
            "said",
            "says say",
        ] {
            let words: Vec<usize> = t
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| SPEECH_VERBS.contains(w))
                .map(|w| w.as_ptr() as usize - t.as_ptr() as usize)
                .collect();
            assert_eq!(speech_verbs_in(t).collect::<Vec<_>>(), words, "{t:?}");
        }
    }

    #[test]
    fn paragraph_breaks_are_the_non_overlapping_double_newlines() {
        for t in [
            "",
            "\n",
            "\n\n",
            "a\n\n\nb\n\n",
            "\n\n\n\n\n x\ny\n\nz",
            "é\n\né",
        ] {
            let slow: Vec<usize> = t.match_indices("\n\n").map(|(k, _)| k).collect();
            assert_eq!(paragraph_breaks(t), slow, "{t:?}");
        }
    }

    #[test]
    fn not_name_test_is_the_capitalised_list() {
        for w in NOT_NAMES {
            assert!(is_not_name(w), "{w}");
            let l = w.to_ascii_lowercase();
            assert!(!is_not_name(&l), "{l}");
            assert!(w.len() < 2 || !is_not_name(&w.to_ascii_uppercase()), "{w}");
        }
        for w in ["Peskov", "", "É", "Thé", "THE", "tHe", "Mondays"] {
            assert!(!is_not_name(w), "{w}");
        }
    }

    #[test]
    fn shape_filter_keeps_every_member() {
        let mut f = ShapeFilter::default();
        for w in ["Peskov", "Lukashenko", "É", ""] {
            f.insert(w);
        }
        for w in ["Peskov", "Lukashenko", "É", "", "Pavlov"] {
            assert!(f.may_hold(w), "{w}");
        }
        assert!(!f.may_hold("Minsk") && !f.may_hold("Pesko") && !f.may_hold("peskov"));
    }

    #[test]
    fn multi_paragraph_quote() {
        let t = "Ivanov said: “We will not leave.\n\n“We will stay until the end,” he added.";
        let q = find_quotes(t, &[]);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].speaker.as_deref(), Some("Ivanov"));
    }
}
