//! Line-level boilerplate rules: navigation, promos, related links, captions and photo
//! credits, cited URLs. Each rule is a table of markers, not a chain of special cases, so a
//! new outlet's boilerplate is a new row.

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use std::sync::LazyLock;

/// What a single line is, judged on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineKind {
    Body,
    Navigation,
    Promo,
    /// "Related article: TITLE", "Read more: TITLE" (label kind, title).
    Related {
        kind: &'static str,
        title: String,
    },
    /// A photo credit on its own, or glued to the end of a caption line.
    PhotoCredit,
    /// An image placeholder or a caption marker ("16x9 Image", "(file photo)").
    CaptionMarker,
    /// A bare URL (a list of cited links, or the article's own URL after a label).
    Url(String),
    /// "Original url:", "Source URL:" (the next URL is the article's own).
    OwnUrlLabel(Option<String>),
    /// A wire or contribution credit ("Reuters contributed reporting"), with the names.
    Credit(Vec<String>),
}

/// Whole lines that are site navigation, compared case-insensitively after trimming list
/// numbering and bullets.
const NAV_LINES: &[&str] = &[
    "accessibility links",
    "breaking news",
    "main menu",
    "menu",
    "search",
    "share",
    "share this article",
    "share on facebook",
    "share on twitter",
    "print",
    "advertisement",
    "home",
    "sign in",
    "log in",
    "close",
    "copy link",
    "comments",
    "more from",
    "top stories",
    "most read",
    "latest news",
    "back to top",
];

/// Line prefixes that are navigation.
const NAV_PREFIXES: &[&str] = &["skip to ", "jump to ", "go to ", "cookie", "we use cookies"];

/// Phrases that make a short line a newsletter or promotion.
const PROMO_MARKERS: &[&str] = &[
    "sign up to receive",
    "sign up for",
    "sign up here",
    "you can sign up",
    "newsletter",
    "subscribe to our",
    "subscribe now",
    "download our app",
    "follow us on",
    "support our journalism",
    "support independent journalism",
    "become a member",
    "donate now",
    "send out a selection of the day",
];

/// Labels that introduce a link to another article.
const RELATED_LABELS: &[(&str, &str)] = &[
    ("related article:", "related"),
    ("related articles:", "related"),
    ("related:", "related"),
    ("related content:", "related"),
    ("read more:", "read_more"),
    ("read also:", "read_more"),
    ("also read:", "read_more"),
    ("see also:", "read_more"),
    ("more on this:", "read_more"),
];

/// Labels that introduce the article's own URL.
const OWN_URL_LABELS: &[&str] = &[
    "original url:",
    "source url:",
    "canonical url:",
    "original article:",
];

/// Photo agencies and photo credit words that make "A / B / C" a credit, not prose.
const PHOTO_SOURCES: &[&str] = &[
    "EPA",
    "TASS",
    "AP",
    "AFP",
    "Reuters",
    "POOL",
    "Pool",
    "Getty Images",
    "Getty",
    "Sputnik",
    "Kremlin.ru",
    "ZUMA",
    "Imago",
    "SIPA",
    "Shutterstock",
    "dpa",
    "picture-alliance",
    "picture alliance",
    "RIA Novosti",
    "Belta",
    "BelTA",
    "Scanpix",
    "AP Photo",
    "Twitter",
    "Telegram",
    "Facebook",
    "YouTube",
    "social media",
    "Handout",
    "press service",
];

static NUMBERING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\d{1,2}[.)]|[•*·▪–-])\s*").expect("numbering"));
static URL_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^<?(https?://[^\s<>]+)>?$").expect("url"));
/// "Image: picture-alliance/AP Photo/S. Grits", possibly glued to the caption before it.
static IMAGE_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[\p{Ll}\p{N}.)])(?:Image|Photo|Picture|Foto|Photograph|Credit)s?: ?\S.{0,80}$",
    )
    .expect("image credit")
});
/// The labels IMAGE_CREDIT starts with.
const IMAGE_LABELS: [&str; 5] = ["Image", "Photo", "Picture", "Foto", "Credit"];
static SLASH_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\.\s)(?P<credit>[\p{Lu}][\p{L}.'\- ]{1,40}(?:\s?/\s?[\p{L}][\p{L}.'\- ]{1,30}){1,3})$")
        .expect("slash credit")
});
static IMAGE_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\d+x\d+ image|image|photo|video|gallery|\(file photo\)|file photo)$")
        .expect("image marker")
});

/// Finds any of [`PROMO_MARKERS`] in an ASCII-lower-cased line (see [`may_contain_lower`]).
static PROMO_FINDER: LazyLock<AhoCorasick> = LazyLock::new(|| lower_case_finder(PROMO_MARKERS));

/// An automaton for lower-case ASCII `needles`, searched case-sensitively: a leftmost match
/// kind lets it use its vectorised (Teddy) prefilter, which ASCII case-insensitive searching
/// cannot (that one scanned some 8 instructions a byte).
pub(super) fn lower_case_finder(needles: &[&str]) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(needles)
        .expect("lower-case needles")
}

/// Whether the lower-cased `text` can contain one of `finder`'s needles (lower-case ASCII),
/// by a test on `text` with only its ASCII letters lower-cased (one vectorised pass over a
/// copy): the needle then occurs in it.
///
/// It cannot be missed: lower-casing maps an ASCII letter to its lower case, and a
/// non-ASCII character to characters outside ASCII, save two (see the unit test): the Kelvin
/// sign to `k`, and `İ` to `i` followed by a combining dot, which no needle ends with. So a
/// needle without `k` found in the lower-cased text is the image of ASCII characters of
/// `text`. The classifiers test only lines that pass (lower-casing every line and searching
/// it for each marker was a third of reading an article).
pub(super) fn may_contain_lower(finder: &AhoCorasick, text: &str) -> bool {
    with_ascii_lower(text, |lower| finder.is_match(lower))
}

/// `f` of `text` with its ASCII letters lower-cased, in a buffer reused by the thread (see
/// [`may_contain_lower`] for why a lower-case ASCII needle found there cannot be missed).
pub(super) fn with_ascii_lower<R>(text: &str, f: impl FnOnce(&[u8]) -> R) -> R {
    thread_local! {
        static LOWER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    LOWER.with_borrow_mut(|buf| {
        buf.clear();
        buf.extend_from_slice(text.as_bytes());
        buf.make_ascii_lowercase();
        f(buf.as_slice())
    })
}

/// [`may_contain_lower`] for a prefix: `lower` can start with one of the ASCII `labels`.
fn may_start_with_lower(text: &str, labels: &[&str]) -> bool {
    labels.iter().any(|l| {
        text.as_bytes()
            .get(..l.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(l.as_bytes()))
    })
}

/// The line with list numbering or a bullet removed.
pub fn strip_numbering(line: &str) -> &str {
    // The pattern is anchored: a line whose first character is no digit and no bullet is
    // returned as it is without running it.
    let first = line.chars().next();
    if !first.is_some_and(|c| c.is_numeric() || matches!(c, '•' | '*' | '·' | '▪' | '–' | '-'))
    {
        return line;
    }
    match NUMBERING.find(line) {
        Some(m) => &line[m.end()..],
        None => line,
    }
}

/// Classifies one trimmed, non-empty line.
pub fn classify(line: &str) -> LineKind {
    let l = line.trim();
    let bare = strip_numbering(l).trim();
    // Each rule first asks a test that every line it matches passes (a literal prefix or
    // last character, or `may_contain_lower`); the line is lower-cased, once, only for a rule
    // whose test it passes.
    let lowered = std::cell::OnceCell::new();
    let lower = || lowered.get_or_init(|| bare.to_lowercase()).as_str();
    if (l.starts_with("http") || l.starts_with("<http"))
        && let Some(c) = URL_ONLY.captures(l)
    {
        return LineKind::Url(c[1].to_string());
    }
    if may_start_with_lower(bare, OWN_URL_LABELS) {
        for label in OWN_URL_LABELS {
            // The labels are ASCII, so a line that starts with one in any ASCII case holds
            // it in its first `label.len()` bytes. (The rest was once sliced by the length of
            // the lower-cased rest, which differs when a letter's lower case has another
            // length, as ẞ's has: "Original URL:ẞẞ" panicked.)
            if may_start_with_lower(bare, &[label]) {
                let rest = bare[label.len()..].trim();
                let url = URL_ONLY.captures(rest).map(|c| c[1].to_string());
                return LineKind::OwnUrlLabel(url);
            }
        }
    }
    if RELATED_LABELS
        .iter()
        .any(|(label, _)| may_start_with_lower(bare, &[label]))
    {
        for (label, kind) in RELATED_LABELS {
            if lower().starts_with(label) {
                let title = bare[label.len()..].trim().to_string();
                return LineKind::Related { kind, title };
            }
        }
    }
    if let Some(names) = super::metadata::parse_credit_line(l) {
        return LineKind::Credit(names);
    }
    // At most 60 characters (a character is one to four bytes: most lines are decided by
    // their length in bytes, without counting).
    if l.len() <= 60 || (l.len() <= 240 && l.chars().count() <= 60) {
        let lower = lower();
        if NAV_LINES.contains(&lower.trim_end_matches(['.', ':']))
            || NAV_PREFIXES.iter().any(|p| lower.starts_with(p))
        {
            return LineKind::Navigation;
        }
    }
    if l.len() <= 400
        && may_contain_lower(&PROMO_FINDER, bare)
        && PROMO_MARKERS.iter().any(|m| lower().contains(m))
    {
        return LineKind::Promo;
    }
    // Every marker ends in one of these (and no other character folds to them ignoring case).
    if bare.ends_with(['e', 'E', 'o', 'O', 'y', 'Y', ')']) && IMAGE_MARKER.is_match(bare) {
        return LineKind::CaptionMarker;
    }
    if is_photo_credit_line(l) {
        return LineKind::PhotoCredit;
    }
    LineKind::Body
}

/// A photo credit alone on a line ("Tatyana Zenkovich / EPA / TASS").
pub fn is_photo_credit_line(l: &str) -> bool {
    if l.len() > 120 {
        return false;
    }
    // Both patterns must match from the line's start, which literal tests rule out for
    // nearly every body line before the (slow, Unicode-class) regexes run: IMAGE_CREDIT
    // starts with its label at the first or second character, and SLASH_CREDIT allows only
    // letters, spaces and . ' - / over the whole line.
    let labelled = |s: &str| IMAGE_LABELS.iter().any(|w| s.starts_with(w));
    let second = l.chars().next().map_or("", |c| &l[c.len_utf8()..]);
    if l.contains(':')
        && (labelled(l) || labelled(second))
        && IMAGE_CREDIT.find(l).is_some_and(|m| m.start() == 0)
    {
        return true;
    }
    l.contains('/')
        && l.chars().all(in_slash_credit)
        && slash_credit_may_match(l, true)
        && SLASH_CREDIT.captures(l).is_some_and(|c| {
            c.get(0).is_some_and(|m| m.start() == 0) && names_photo_source(&c["credit"])
        })
}

/// True when a line ends with a photo credit glued to a caption: "...in MinskImage: dpa/V. Drachev"
/// or "...photos of Putin. Tatyana Zenkovich / EPA / TASS".
pub fn ends_with_photo_credit(l: &str) -> bool {
    // The Unicode classes in these patterns are too big for the lazy DFA, so the regex engine
    // falls back to its slow NFA on every body line; both need a literal ':' or '/', which a
    // byte search rules out first (it made ingest of long paragraphs several times slower).
    // (`memchr` rather than `str::contains`: this is asked of the last line of every block,
    // mostly long paragraphs, and its vectorised search takes a fraction of the portable one.)
    let has = |b: u8| memchr::memchr(b, l.as_bytes()).is_some();
    if has(b':') && IMAGE_LABELS.iter().any(|w| l.contains(w)) && IMAGE_CREDIT.is_match(l) {
        return true;
    }
    has(b'/')
        && slash_credit_may_match(l, false)
        && SLASH_CREDIT
            .captures(l)
            .is_some_and(|c| names_photo_source(&c["credit"]))
}

/// A character [`SLASH_CREDIT`] can match: its classes are letters (`\p{L}`, within
/// `is_alphabetic`), white space, `.`, `'`, `-` and `/`.
fn in_slash_credit(c: char) -> bool {
    c.is_alphabetic() || c.is_whitespace() || matches!(c, '.' | '\'' | '-' | '/')
}

/// Whether [`SLASH_CREDIT`] can match `l` (from its first character when `at_start`), by the
/// lengths its pattern allows: the match ends the line and holds only [`in_slash_credit`]
/// characters; it starts at the line's start or after ". ", and reaches its first `/` within 42
/// characters of there (an upper-case letter, at most 40 more and a space); after its last
/// `/` come at most 32 (a space, a letter and at most 30 more). Lines that fail are nearly
/// all prose ending in "RFE/RL." or citing "A/B", on which the regex (too large for the lazy
/// DFA) ran slowly, and had to be compiled first.
fn slash_credit_may_match(l: &str, at_start: bool) -> bool {
    let chars: Vec<char> = l.chars().collect();
    let Some(last) = chars.iter().rposition(|&c| c == '/') else {
        return false;
    };
    if chars.len() - last - 1 > 32 {
        return false;
    }
    // The match lies within `chars[tail..]`.
    let tail = chars
        .iter()
        .rposition(|&c| !in_slash_credit(c))
        .map_or(0, |i| i + 1);
    let after_stop =
        |i: usize| chars[i] == '.' && chars.get(i + 1).is_some_and(|c| c.is_whitespace());
    let stops = if at_start { 0..1 } else { tail..chars.len() };
    let starts = (tail == 0)
        .then_some(0)
        .into_iter()
        .chain(stops.filter(|&i| i >= tail && after_stop(i)).map(|i| i + 2));
    starts.into_iter().any(|s| {
        chars
            .get(s..)
            .and_then(|rest| rest.iter().position(|&c| c == '/'))
            .is_some_and(|p| p <= 42)
    })
}

fn names_photo_source(credit: &str) -> bool {
    credit.split('/').map(str::trim).any(|part| {
        PHOTO_SOURCES
            .iter()
            .any(|s| part.eq_ignore_ascii_case(s) || part.starts_with(s))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn navigation_and_promo() {
        assert_eq!(classify("1. Skip to content"), LineKind::Navigation);
        assert_eq!(classify("  3. Skip to more DW sites"), LineKind::Navigation);
        assert_eq!(classify("Accessibility links"), LineKind::Navigation);
        assert_eq!(classify("Breaking News"), LineKind::Navigation);
        assert_eq!(
            classify(
                "Each evening at 1830 UTC, DW's editors send out a selection of the day's hard news and quality feature journalism. You can sign up to receive it directly here."
            ),
            LineKind::Promo
        );
        assert_eq!(
            classify("Breaking news came from Minsk on Saturday."),
            LineKind::Body
        );
    }

    #[test]
    fn related_and_urls() {
        assert_eq!(
            classify("Related article: Latest Russia-Belarus Integration Talks Fall Flat"),
            LineKind::Related {
                kind: "related",
                title: "Latest Russia-Belarus Integration Talks Fall Flat".into()
            }
        );
        assert!(matches!(
            classify("Read more: Belarus releases DW journalist Paulyuk Bykowski"),
            LineKind::Related {
                kind: "read_more",
                ..
            }
        ));
        assert_eq!(
            classify("https://news.tut.by/economics/664245.html"),
            LineKind::Url("https://news.tut.by/economics/664245.html".into())
        );
        assert_eq!(classify("Original url:"), LineKind::OwnUrlLabel(None));
        // A rest whose lower case is shorter or longer in bytes (ẞ -> ß, İ -> i̇).
        assert_eq!(classify("Original URL:ẞẞ"), LineKind::OwnUrlLabel(None));
        assert_eq!(
            classify("SOURCE URL: https://example.org/İ"),
            LineKind::OwnUrlLabel(Some("https://example.org/İ".into()))
        );
    }

    #[test]
    fn literal_pre_checks_cannot_miss_a_lower_cased_match() {
        // `may_contain_lower` rests on these two facts of Unicode lower-casing...
        let to_ascii: Vec<char> = (0x80..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.to_lowercase().any(|l| l.is_ascii()))
            .collect();
        assert_eq!(to_ascii, ['\u{130}', '\u{212a}']);
        // ...and on the needles: none has a `k`, none ends with `i`.
        let needles = PROMO_MARKERS
            .iter()
            .chain(OWN_URL_LABELS)
            .chain(RELATED_LABELS.iter().map(|(l, _)| l))
            .chain(crate::ingest::article::SELF_DESCRIPTION_MARKERS)
            .chain(crate::ingest::article::SELF_DESCRIPTION_CUES);
        for n in needles {
            assert!(!n.contains('k') && !n.ends_with('i'), "{n}");
        }
        // Lines the pre-checks must let through, in any case.
        for line in [
            "SIGN UP FOR our daily briefing",
            "\u{201c}Subscribe to our\u{201d} channel",
            "Read More: the talks",
            "Original URL: https://example.com/a",
            "Related:\u{130}stanbul talks",
        ] {
            assert_ne!(classify(line), LineKind::Body, "{line}");
        }
    }

    #[test]
    fn slash_credit_pre_check_lets_every_match_through() {
        // Random lines over the characters the credit pattern reads (and a few it does not):
        // whenever the regex matches, the length pre-check must have said it may.
        let alphabet = [
            "A",
            "b",
            "\u{e9}",
            "\u{416}",
            " ",
            ".",
            "/",
            "'",
            "-",
            ",",
            "\u{a0}",
            ". ",
            "EPA",
            "Reuters",
            " / ",
            "aaaaaaaaaa",
        ];
        let mut x = 5u64;
        let (mut matched, mut ruled_out) = (0, 0);
        for n in 0..20_000u64 {
            let line: String = (0..n % 24)
                .map(|_| {
                    x = x
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407 ^ n);
                    alphabet[((x >> 33) % alphabet.len() as u64) as usize]
                })
                .collect();
            if let Some(c) = SLASH_CREDIT.captures(&line) {
                matched += 1;
                assert!(slash_credit_may_match(&line, false), "{line:?}");
                if c.get(0).is_some_and(|m| m.start() == 0) {
                    assert!(slash_credit_may_match(&line, true), "{line:?}");
                }
            } else if line.contains('/') && !slash_credit_may_match(&line, false) {
                ruled_out += 1;
            }
        }
        assert!(matched > 100 && ruled_out > 100, "{matched} {ruled_out}");
    }

    #[test]
    fn photo_credits() {
        assert_eq!(
            classify("Tatyana Zenkovich / EPA / TASS"),
            LineKind::PhotoCredit
        );
        assert_eq!(
            classify("Alexander Astafyev / POOL / TASS"),
            LineKind::PhotoCredit
        );
        assert_eq!(
            classify("Image: picture-alliance/AP Photo/S. Grits"),
            LineKind::PhotoCredit
        );
        assert_eq!(classify("16x9 Image"), LineKind::CaptionMarker);
        assert!(ends_with_photo_credit(
            "tearing up photos of Putin. Tatyana Zenkovich / EPA / TASS"
        ));
        assert!(ends_with_photo_credit(
            "the anti-Russia protests in MinskImage: picture-alliance/dpa/V. Drachev"
        ));
        // Prose with slashes is not a credit.
        assert_eq!(
            classify("Russia and Belarus / EU relations remain tense"),
            LineKind::Body
        );
        assert!(!ends_with_photo_credit(
            "The talks ended. Minsk and Moscow / Sochi were named"
        ));
    }
}
