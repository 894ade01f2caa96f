//! Word-level difference between two wordings: the longest common subsequence of words
//! (Hunt & McIlroy 1976, as in diff(1)), compared case- and punctuation-insensitively but shown
//! in the first and second text's own words.

use super::DiffPiece;

/// Longer texts are not diffed word by word (quadratic table); they are shown whole.
const MAX_WORDS: usize = 400;

fn key(token: &str) -> String {
    super::words(token).join(" ")
}

/// The pieces that turn `a` into `b`: runs of same, removed (only in `a`) and added (only in `b`).
pub fn word_diff(a: &str, b: &str) -> Vec<DiffPiece> {
    let ta: Vec<&str> = a.split_whitespace().collect();
    let tb: Vec<&str> = b.split_whitespace().collect();
    if ta.len() > MAX_WORDS || tb.len() > MAX_WORDS {
        return vec![piece("removed", a), piece("added", b)];
    }
    let ka: Vec<String> = ta.iter().map(|t| key(t)).collect();
    let kb: Vec<String> = tb.iter().map(|t| key(t)).collect();
    let (n, m) = (ka.len(), kb.len());
    // lcs[i][j]: length of the LCS of ka[i..] and kb[j..].
    let mut lcs = vec![vec![0u16; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if ka[i] == kb[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut out: Vec<DiffPiece> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && ka[i] == kb[j] {
            push(&mut out, "same", tb[j]);
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            // Removals before additions on a tie, as diff(1) prints them.
            push(&mut out, "removed", ta[i]);
            i += 1;
        } else {
            push(&mut out, "added", tb[j]);
            j += 1;
        }
    }
    out
}

fn piece(op: &str, text: &str) -> DiffPiece {
    DiffPiece {
        op: op.to_string(),
        text: text.to_string(),
    }
}

fn push(out: &mut Vec<DiffPiece>, op: &str, word: &str) {
    match out.last_mut() {
        Some(last) if last.op == op => {
            last.text.push(' ');
            last.text.push_str(word);
        }
        _ => out.push(piece(op, word)),
    }
}

/// Share of words in common: LCS length over the longer wording's length, in [0, 1].
pub fn similarity(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (n, m) = (a.len().min(MAX_WORDS), b.len().min(MAX_WORDS));
    let mut prev = vec![0usize; m + 1];
    for x in &a[..n] {
        let mut cur = vec![0usize; m + 1];
        for j in 0..m {
            cur[j + 1] = if *x == b[j] {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        prev = cur;
    }
    prev[m] as f64 / n.max(m) as f64
}

/// Renders a diff compactly: `same [-removed-] {+added+}` (as git diff --word-diff).
pub fn render(pieces: &[DiffPiece]) -> String {
    pieces
        .iter()
        .map(|p| match p.op.as_str() {
            "removed" => format!("[-{}-]", p.text),
            "added" => format!("{{+{}+}}", p.text),
            _ => p.text.clone(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reconcile::words;

    #[test]
    fn reworded_quote_shows_what_changed() {
        let d = word_diff(
            "The positions have come significantly closer",
            "The positions have become much closer",
        );
        assert_eq!(
            render(&d),
            "The positions have [-come significantly-] {+become much+} closer"
        );
    }

    #[test]
    fn case_and_punctuation_do_not_count_as_changes() {
        let d = word_diff("No to occupation!", "no to Occupation");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].op, "same");
    }

    #[test]
    fn similarity_is_the_shared_share_of_the_longer() {
        let a = words("we have passed that test");
        let b = words("we passed the test");
        assert!((similarity(&a, &b) - 3.0 / 5.0).abs() < 1e-9);
        assert_eq!(similarity(&a, &a), 1.0);
        assert_eq!(similarity(&a, &[]), 0.0);
    }
}
