//! Issue 4: a speaker given only as a title ("Russia's economy minister") takes the person
//! the article names with the same title, later (cataphora) or earlier; never a person with
//! another title, and not when two people fit. Cases: fixtures/quotes/title_speakers.tsv.

use concord::extract::quotes::find_quotes;

const CASES: &str = include_str!("../fixtures/quotes/title_speakers.tsv");

fn cases() -> Vec<(&'static str, &'static str, String)> {
    CASES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut f = l.splitn(3, '\t');
            let (case, speaker, text) = (f.next().unwrap(), f.next().unwrap(), f.next().unwrap());
            (case, speaker, text.replace("\\n", "\n"))
        })
        .collect()
}

#[test]
fn title_only_speakers_resolve_to_the_same_title_only() {
    let cases = cases();
    assert!(cases.len() >= 10, "fixture file read");
    for (case, want, text) in &cases {
        let quotes = find_quotes(text, &[]);
        let first = quotes.first().unwrap_or_else(|| panic!("{case}: no quote"));
        assert_eq!(first.speaker.as_deref(), Some(*want), "{case}: {text}");
    }
}

#[test]
fn the_attribution_keeps_the_title() {
    let text = "Talks \"went further than anyone expected,\" Latvia's finance minister said.\n\n\
                \"We agreed on the outline,\" Latvian Finance Minister Anna Petrova said.";
    let q = find_quotes(text, &[]);
    assert_eq!(q[0].speaker.as_deref(), Some("Anna Petrova"));
    assert_eq!(
        q[0].attribution.as_deref(),
        Some("Latvia's finance minister said")
    );
}
