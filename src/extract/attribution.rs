//! Who a figure is attributed to: "according to police", "organisers said",
//! "the rights group Viasna said".
//!
//! Read from the figure's sentence: an "according to ..." phrase wins; else a short subject
//! before a reporting verb ("police said", "the rights group Viasna estimated"). A subject
//! longer than [`MAX_SUBJECT_WORDS`] words is the sentence's own clause, not a source.

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

/// The attribution of a sentence's figures, if it names one.
pub fn find(sentence: &str) -> Option<String> {
    let lower = sentence.to_ascii_lowercase();
    // The regex matches only where the ASCII-lowercased sentence reads "according to" (none of
    // its letters has a non-ASCII case variant): a substring test spares most sentences it.
    if lower.contains("according to")
        && let Some(c) = ACCORDING.captures(sentence)
    {
        let who = c[1].trim();
        if !who.is_empty() {
            return Some(format!("according to {who}"));
        }
    }
    // "..., organisers said." / "Police said ..." / "..., the rights group Viasna said."
    // One pass over the words: a whole-word verb starts at a word. Candidates are taken in
    // the order of the verb table, then of the text, as the shortest one wins the first tie.
    let mut hits: Vec<(usize, usize)> = Vec::new();
    for (k, w) in super::words::alnum_words(&lower) {
        // A one-word verb is a word equal to it; the phrases ("put the number") start "put".
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
    use super::find;

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
}
