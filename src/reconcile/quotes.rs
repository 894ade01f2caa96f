//! Quotes: the same words across outlets, quoted verbatim, trimmed (one outlet quotes a part
//! of the other's words) or worded differently (with the word-level difference); and the
//! same words given to different speakers.
//!
//! Two quotes are taken for the same quote when one's words run inside the other's, or when
//! they share at least [`SAME_QUOTE`] of the longer one's words in order (LCS share).

use super::diff;
use super::{Aspect, EventView, Finding, FindingKind};
use crate::extract::{Claim, ClaimKind};

/// LCS share above which two wordings are one quote told twice.
pub const SAME_QUOTE: f64 = 0.5;

/// How a quote compares with the first outlet's wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Wording {
    Verbatim,
    Trimmed,
    Reworded,
}

/// True when the words of `short` run, contiguously and in order, inside `long`.
fn runs_inside(short: &[String], long: &[String]) -> bool {
    !short.is_empty() && short.len() <= long.len() && long.windows(short.len()).any(|w| w == short)
}

pub fn compare(a: &[String], b: &[String]) -> Option<(Wording, f64)> {
    if a == b {
        return Some((Wording::Verbatim, 1.0));
    }
    let sim = diff::similarity(a, b);
    if runs_inside(a, b) || runs_inside(b, a) {
        return Some((Wording::Trimmed, sim));
    }
    (sim >= SAME_QUOTE).then_some((Wording::Reworded, sim))
}

/// Chants, signs and slogans are matched only when their words are the same or one runs
/// inside the other: "No to occupation" and "No to integration" share two words of three
/// but are two different slogans. The same holds for any quote shorter than this many words.
pub const MIN_WORDS_TO_REWORD: usize = 5;

/// Shorter quotes are too common to be taken for a trimmed copy of a longer one ("poison").
pub const MIN_WORDS_TO_TRIM: usize = 3;

fn is_statement(c: &Claim) -> bool {
    c.quote_kind.as_deref().is_none_or(|k| k == "statement")
}

/// Whether two quotes from different outlets are one quote told twice.
pub fn same_quote(a: &Claim, wa: &[String], b: &Claim, wb: &[String]) -> Option<(Wording, f64)> {
    if is_statement(a) != is_statement(b) {
        return None;
    }
    let shorter = wa.len().min(wb.len());
    match compare(wa, wb)? {
        (Wording::Trimmed, _) if shorter < MIN_WORDS_TO_TRIM => None,
        (Wording::Reworded, _) if !is_statement(a) || shorter < MIN_WORDS_TO_REWORD => None,
        found => Some(found),
    }
}

/// The speaker as a comparable key: the canonical entity, else the surname, lowercased.
fn speaker_key(c: &Claim) -> Option<String> {
    if let Some(e) = &c.speaker_entity {
        return Some(e.clone());
    }
    let s = c.speaker.as_deref()?;
    super::words(s).pop()
}

fn speaker_label(c: &Claim) -> String {
    c.speaker
        .clone()
        .or_else(|| c.speaker_entity.clone())
        .unwrap_or_else(|| "an unnamed speaker".into())
}

/// The first words of a quote, for a subject line.
pub fn headline(text: &str) -> String {
    let t = text.trim_matches(|c: char| c.is_whitespace() || "\"“”‘’'«»„,;:".contains(c));
    let ws: Vec<&str> = t.split_whitespace().collect();
    if ws.len() <= 8 {
        format!("“{}”", ws.join(" "))
    } else {
        format!("“{} …”", ws[..8].join(" "))
    }
}

fn short(c: &Claim) -> &str {
    super::figures::short_source(&c.source)
}

pub fn findings(view: &EventView<'_>) -> Vec<Finding> {
    let quotes: Vec<&Claim> = view
        .claims()
        .filter(|c| c.kind == ClaimKind::Quote)
        .collect();
    let ws: Vec<Vec<String>> = quotes.iter().map(|c| super::words(&c.phrase)).collect();

    // Union-find over pairs from different sources that are the same quote.
    let mut parent: Vec<usize> = (0..quotes.len()).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for i in 0..quotes.len() {
        for j in i + 1..quotes.len() {
            // One outlet repeating its own quote word for word (a caption and the body)
            // is one quote; otherwise only quotes from different outlets are matched.
            let same = if quotes[i].source == quotes[j].source {
                !ws[i].is_empty() && ws[i] == ws[j]
            } else {
                same_quote(quotes[i], &ws[i], quotes[j], &ws[j]).is_some()
            };
            if same {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    for i in 0..quotes.len() {
        let r = root(&mut parent, i);
        match clusters.iter_mut().find(|c| c[0] == r) {
            Some(c) => c.push(i),
            None => clusters.push(vec![i]),
        }
    }

    let mut out = Vec::new();
    for cluster in clusters {
        let first = cluster[0];
        let claims: Vec<Claim> = cluster.iter().map(|&i| quotes[i].clone()).collect();
        let subject = format!("quote: {}", headline(&quotes[first].phrase));
        let mut sources: Vec<&str> = claims.iter().map(|c| c.source.as_str()).collect();
        sources.sort();
        sources.dedup();
        if sources.len() < 2 {
            let what = quotes[first].quote_kind.as_deref().unwrap_or("statement");
            let note = format!(
                "only {} quotes this {what} (by {})",
                short(quotes[first]),
                speaker_label(quotes[first])
            );
            out.push(
                Finding::new(FindingKind::SingleSource, Aspect::Quote, subject, claims)
                    .with(0.8, note),
            );
            continue;
        }
        out.push(wording_finding(
            &quotes,
            &ws,
            &cluster,
            subject.clone(),
            &claims,
        ));
        if let Some(f) = attribution_finding(&quotes, &cluster, subject, &claims) {
            out.push(f);
        }
    }
    out
}

fn wording_finding(
    quotes: &[&Claim],
    ws: &[Vec<String>],
    cluster: &[usize],
    subject: String,
    claims: &[Claim],
) -> Finding {
    let first = cluster[0];
    let mut worst = (Wording::Verbatim, 1.0, first);
    let mut parts = Vec::new();
    for &i in &cluster[1..] {
        if quotes[i].source == quotes[first].source {
            continue;
        }
        let (w, sim) = compare(&ws[first], &ws[i])
            .unwrap_or((Wording::Reworded, diff::similarity(&ws[first], &ws[i])));
        let how = match w {
            Wording::Verbatim => "verbatim",
            Wording::Trimmed => "trimmed",
            Wording::Reworded => "worded differently",
        };
        parts.push(format!(
            "{} against {}: {how}",
            short(quotes[first]),
            short(quotes[i])
        ));
        if (w, -sim) > (worst.0, -worst.1) {
            worst = (w, sim, i);
        }
    }
    let (wording, sim, other) = worst;
    let note = super::note_list(parts.len(), parts.into_iter(), "comparisons");
    let mut f = match wording {
        Wording::Verbatim => Finding::new(
            FindingKind::Agreement,
            Aspect::Quote,
            subject,
            claims.to_vec(),
        )
        .with(0.9, format!("quoted verbatim: {note}")),
        Wording::Trimmed => Finding::new(
            FindingKind::Agreement,
            Aspect::Quote,
            subject,
            claims.to_vec(),
        )
        .with(
            0.8,
            format!("the same words, one outlet quoting less: {note}"),
        ),
        // The words inside quotation marks differ: a fact-checker must know which is right,
        // though a second translation of the same remark is a common, innocent cause.
        Wording::Reworded => Finding::new(
            FindingKind::Discrepancy,
            Aspect::Quote,
            subject,
            claims.to_vec(),
        )
        .with(
            0.5 + 0.4 * sim,
            format!(
                "{note} ({}% of words in common; may be another translation)",
                (sim * 100.0).round()
            ),
        ),
    };
    if wording != Wording::Verbatim {
        f.diff = diff::word_diff(&quotes[first].phrase, &quotes[other].phrase);
    }
    f
}

fn attribution_finding(
    quotes: &[&Claim],
    cluster: &[usize],
    subject: String,
    claims: &[Claim],
) -> Option<Finding> {
    let mut speakers: Vec<(String, String, &str)> = cluster
        .iter()
        .filter_map(|&i| {
            speaker_key(quotes[i]).map(|k| (k, speaker_label(quotes[i]), short(quotes[i])))
        })
        .collect();
    speakers.sort();
    let mut keys: Vec<&str> = speakers.iter().map(|s| s.0.as_str()).collect();
    keys.dedup();
    if keys.len() < 2 {
        return None;
    }
    let given: Vec<String> = speakers
        .iter()
        .map(|(_, who, src)| format!("{who} ({src})"))
        .collect();
    let subject = subject.replacen("quote:", "who said", 1);
    Some(
        Finding::new(
            FindingKind::Discrepancy,
            Aspect::Attribution,
            subject,
            claims.to_vec(),
        )
        .with(
            0.85,
            format!(
                "the same words are given to different speakers: {}",
                given.join(", ")
            ),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reconcile::words;

    #[test]
    fn wording_classes() {
        let a = words("The positions have come significantly closer");
        assert_eq!(
            compare(&a, &words("the positions have come significantly closer!"))
                .unwrap()
                .0,
            Wording::Verbatim
        );
        assert_eq!(
            compare(&a, &words("have come significantly closer"))
                .unwrap()
                .0,
            Wording::Trimmed
        );
        assert_eq!(
            compare(&a, &words("The positions have become much closer"))
                .unwrap()
                .0,
            Wording::Reworded
        );
        assert!(compare(&a, &words("We will resist any attempts to interfere")).is_none());
    }

    #[test]
    fn slogans_and_short_quotes_are_not_taken_for_rewordings() {
        use crate::extract::ClaimKind;
        let chant = |w: &str, k: &str| Claim {
            quote_kind: Some(k.into()),
            ..crate::reconcile::test_claim(ClaimKind::Quote, w, w)
        };
        let (a, b) = (
            chant("No to occupation", "chant"),
            chant("No to integration!", "sign"),
        );
        assert!(same_quote(&a, &words(&a.phrase), &b, &words(&b.phrase)).is_none());
        let b = chant("No to integration!", "chant");
        assert!(same_quote(&a, &words(&a.phrase), &b, &words(&b.phrase)).is_none());
        let b = chant("no to occupation!", "chant");
        assert_eq!(
            same_quote(&a, &words(&a.phrase), &b, &words(&b.phrase))
                .unwrap()
                .0,
            Wording::Verbatim
        );
        let one = chant("poison", "statement");
        let long = chant(
            "not to allow politicians and propaganda to poison ties",
            "statement",
        );
        assert!(same_quote(&one, &words(&one.phrase), &long, &words(&long.phrase)).is_none());
    }

    #[test]
    fn headline_cuts_long_quotes() {
        assert_eq!(headline("“No to occupation”"), "“No to occupation”");
        assert_eq!(
            headline("one two three four five six seven eight nine"),
            "“one two three four five six seven eight …”"
        );
    }
}
