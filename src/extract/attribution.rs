//! Who a figure is attributed to: "according to police", "organisers said",
//! "the rights group Viasna said".
//!
//! Read from the figure's sentence: an "according to ..." phrase wins; else a short subject
//! before a reporting verb ("police said", "the rights group Viasna estimated"). A subject
//! longer than [`MAX_SUBJECT_WORDS`] words is the sentence's own clause, not a source.

use super::words::{PrefixIndex, for_each_word_start};
use regex::Regex;
use std::sync::LazyLock;

/// Verbs that attribute a figure to a source.
pub const REPORTING_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "estimated",
    "estimates",
    "estimate",
    "reported",
    "reports",
    "report",
    "claimed",
    "claims",
    "claim",
    "counted",
    "told",
    "announced",
    "put the number",
    "put the figure",
    "put the crowd",
];

/// Longest subject read as a source.
pub const MAX_SUBJECT_WORDS: usize = 6;

static ACCORDING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)according to ((?:[^,.;:()“”\x22](?:\.[A-Z])?)+)").expect("valid regex")
});

/// [`REPORTING_VERBS`] and then "according to" (the last index) by their first two bytes.
static CUES: LazyLock<PrefixIndex> =
    LazyLock::new(|| PrefixIndex::new(REPORTING_VERBS.iter().copied().chain([ACCORDING_TO])));

const ACCORDING_TO: &str = "according to";

/// The attribution of a sentence's figures, if it names one.
///
/// The cues (a verb, "according to") are looked for only at the starts of words, eight
/// bytes at a time ([`for_each_word_start`]), each against the cues with its first two
/// bytes: the sentence is neither lower-cased nor cut into words, which cost more than the
/// rest of the attribution.
pub fn find(sentence: &str) -> Option<String> {
    let b = sentence.as_bytes();
    let ix: &PrefixIndex = &CUES;
    let according = REPORTING_VERBS.len();
    // Hits (verb index, offset): a verb whose letters (ASCII case folded) start at a word
    // and end at one, with no alphanumeric character on either side (what a whole word of
    // the text equal to it is). The phrases ("put the number") start with the word "put".
    let mut hits: Vec<(usize, usize)> = Vec::new();
    let mut according_at_word = false;
    for_each_word_start(b, true, |k| {
        let mut m = ix.candidates(b, k);
        if m == 0 {
            return;
        }
        // A byte outside ASCII is no cue's start; an ASCII word start may follow a letter
        // outside ASCII ("ésaid"), which makes it no word start.
        if sentence[..k]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            // "according to" is a substring test in the regex's gate below, where `\b` is
            // ASCII: a non-ASCII letter before it does not stop it.
            m &= 1 << according;
        }
        while m != 0 {
            let vi = m.trailing_zeros() as usize;
            m &= m - 1;
            let v = if vi == according {
                ACCORDING_TO
            } else {
                REPORTING_VERBS[vi]
            };
            let end = k + v.len();
            if !b
                .get(k..end)
                .is_some_and(|t| t.eq_ignore_ascii_case(v.as_bytes()))
            {
                continue;
            }
            if vi == according {
                according_at_word = true;
            } else if sentence[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
            {
                hits.push((vi, k));
            }
        }
    });
    // The regex matches only where the sentence reads "according to" in any ASCII case (none
    // of its letters has a non-ASCII case variant) after `\b`, so at an ASCII word start:
    // the test spares most sentences the regex.
    if according_at_word && let Some(a) = according_to(sentence) {
        return Some(a);
    }
    best_subject(sentence, hits)
}

/// The "according to ..." phrase of a sentence, if it names someone.
fn according_to(sentence: &str) -> Option<String> {
    let c = ACCORDING.captures(sentence)?;
    let who = c[1].trim();
    (!who.is_empty()).then(|| format!("according to {who}"))
}

/// "..., organisers said." / "Police said ..." / "..., the rights group Viasna said.": the
/// shortest subject before a reporting verb at one of `hits` (verb index, offset).
/// Candidates are taken in the order of the verb table, then of the text, as the shortest
/// one wins the first tie.
fn best_subject(sentence: &str, mut hits: Vec<(usize, usize)>) -> Option<String> {
    hits.sort_unstable();
    let mut best: Option<String> = None;
    for (vi, k) in hits {
        let v = REPORTING_VERBS[vi];
        let end = k + v.len();
        let clause_start = sentence[..k]
            .rfind([',', ';', '—', '–', '(', '”', '"'])
            .map(|p| p + sentence[p..].chars().next().map_or(1, char::len_utf8))
            .unwrap_or(0);
        let subject = sentence[clause_start..k].trim();
        let n = subject.split_whitespace().count();
        if n == 0 || n > MAX_SUBJECT_WORDS {
            continue;
        }
        // Pronouns and figures are not sources.
        let first = subject
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_lowercase();
        if matches!(
            first.as_str(),
            "it" | "this" | "that" | "there" | "which" | "who"
        ) || subject.chars().any(|c| c.is_ascii_digit())
        {
            continue;
        }
        let cand = format!("{subject} {}", &sentence[k..end]);
        if best.as_ref().is_none_or(|b| b.len() > cand.len()) {
            best = Some(cand);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::{REPORTING_VERBS, find};

    #[test]
    fn sources() {
        assert_eq!(
            find("About 300 people were detained, according to police.").as_deref(),
            Some("according to police")
        );
        assert_eq!(
            find("More than 5,000 people rallied, organisers said.").as_deref(),
            Some("organisers said")
        );
        assert_eq!(
            find("At least 200 were detained, the rights group Viasna said.").as_deref(),
            Some("the rights group Viasna said")
        );
        assert_eq!(find("Several hundred people gathered in Minsk."), None);
    }

    /// The cue search before the word-start scan: it lower-cased the sentence and compared
    /// every word with the verb table. The scan must agree with it everywhere.
    fn find_by_lowercasing(sentence: &str) -> Option<String> {
        let lower = sentence.to_ascii_lowercase();
        if lower.contains("according to")
            && let Some(a) = super::according_to(sentence)
        {
            return Some(a);
        }
        let mut hits: Vec<(usize, usize)> = Vec::new();
        for (k, w) in crate::extract::words::alnum_words(&lower) {
            if w == "put" {
                for (vi, v) in REPORTING_VERBS.iter().enumerate() {
                    let end = k + v.len();
                    if v.contains(' ')
                        && lower[k..].starts_with(v)
                        && lower[end..]
                            .chars()
                            .next()
                            .is_none_or(|c| !c.is_alphanumeric())
                    {
                        hits.push((vi, k));
                    }
                }
            } else if let Some(vi) = REPORTING_VERBS.iter().position(|v| *v == w) {
                hits.push((vi, k));
            }
        }
        super::best_subject(sentence, hits)
    }

    #[test]
    fn word_start_scan_agrees_with_lowercasing_every_word() {
        let pieces = [
            "Police",
            "SAID",
            "said",
            "says",
            "say",
            "saidx",
            "ésaid",
            "saidé",
            "2said",
            "put",
            "PUT the Number",
            "put the figure",
            "put the crowdé",
            "put  the crowd",
            "According to",
            "according to",
            "éaccording to",
            "_according to",
            "xaccording to",
            "ACCORDING TO",
            "organisers",
            "the rights group Viasna",
            "it",
            "It",
            "which",
            "claims",
            "Claimed",
            "told",
            "announced",
            "estimate",
            "reports",
            "counted",
            ",",
            ";",
            "—",
            "(",
            "”",
            "\"",
            ".",
            "300",
            "people",
            "K",
            "ſ",
            " ",
            "  ",
        ];
        let mut rng = 0x2545_f491_4f6c_dd1du64;
        let (mut according, mut verb) = (0, 0);
        for _ in 0..20_000 {
            let mut s = String::new();
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let n = (rng % 12) as usize;
            let mut r = rng;
            for _ in 0..n {
                s.push_str(pieces[(r % pieces.len() as u64) as usize]);
                r /= pieces.len() as u64;
                if r % 3 != 0 {
                    s.push(' ');
                }
                r /= 3;
                if r == 0 {
                    r = rng.rotate_left(17);
                }
            }
            let found = find(&s);
            assert_eq!(found, find_by_lowercasing(&s), "{s:?}");
            match found {
                Some(a) if a.starts_with("according to") => according += 1,
                Some(_) => verb += 1,
                None => {}
            }
        }
        // The sentences reach both kinds of source.
        assert!(according > 1000 && verb > 1000, "{according} {verb}");
    }
}
