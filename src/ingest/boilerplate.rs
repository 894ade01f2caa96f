//! Line-level boilerplate rules: navigation, promos, related links, captions and photo
//! credits, cited URLs. Each rule is a table of markers, not a chain of special cases, so a
//! new outlet's boilerplate is a new row.

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

/// The line with list numbering or a bullet removed.
pub fn strip_numbering(line: &str) -> &str {
    match NUMBERING.find(line) {
        Some(m) => &line[m.end()..],
        None => line,
    }
}

/// Classifies one trimmed, non-empty line.
pub fn classify(line: &str) -> LineKind {
    let l = line.trim();
    let bare = strip_numbering(l).trim();
    let lower = bare.to_lowercase();
    if let Some(c) = URL_ONLY.captures(l) {
        return LineKind::Url(c[1].to_string());
    }
    for label in OWN_URL_LABELS {
        if let Some(rest) = lower.strip_prefix(label) {
            let rest = bare[bare.len() - rest.len()..].trim();
            let url = URL_ONLY.captures(rest).map(|c| c[1].to_string());
            return LineKind::OwnUrlLabel(url);
        }
    }
    for (label, kind) in RELATED_LABELS {
        if lower.starts_with(label) {
            let title = bare[label.len()..].trim().to_string();
            return LineKind::Related { kind, title };
        }
    }
    if let Some(names) = super::metadata::parse_credit_line(l) {
        return LineKind::Credit(names);
    }
    if l.chars().count() <= 60
        && (NAV_LINES.contains(&lower.trim_end_matches(['.', ':']))
            || NAV_PREFIXES.iter().any(|p| lower.starts_with(p)))
    {
        return LineKind::Navigation;
    }
    if l.len() <= 400 && PROMO_MARKERS.iter().any(|m| lower.contains(m)) {
        return LineKind::Promo;
    }
    if IMAGE_MARKER.is_match(bare) {
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
        && l.chars()
            .all(|c| c.is_alphabetic() || c.is_whitespace() || matches!(c, '.' | '\'' | '-' | '/'))
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
    if l.contains(':') && IMAGE_CREDIT.is_match(l) {
        return true;
    }
    l.contains('/')
        && SLASH_CREDIT
            .captures(l)
            .is_some_and(|c| names_photo_source(&c["credit"]))
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
