//! Event linking on the five seed articles, with publication dates set by hand as the real
//! ingest will find them (001 2019-12-07, 002 2020-09-11, 004 2021-11-04; 000 and 003 undated).
//! The seed texts are the provisional ingest's (no boilerplate removal yet).

use concord::Document;
use concord::ingest::{SEEDS, document_from_text};
use concord::link::{Event, Events, link_events};

fn seeds() -> Vec<Document> {
    let dates = [
        None,
        Some("2019-12-07"),
        Some("2020-09-11"),
        None,
        Some("2021-11-04"),
    ];
    SEEDS
        .iter()
        .zip(dates)
        .map(|((name, bytes), date)| {
            let mut d = document_from_text(name, std::str::from_utf8(bytes).unwrap());
            d.published = date.map(|x| x.parse().unwrap());
            d
        })
        .collect()
}

fn event_of<'a>(ev: &'a Events, prefix: &str) -> &'a Event {
    ev.events
        .iter()
        .find(|e| e.sources.iter().any(|s| s.starts_with(prefix)))
        .unwrap_or_else(|| panic!("{prefix} in no event: {ev:#?}"))
}

#[test]
fn dated_seeds_months_apart_are_separate_events_of_one_story() {
    let ev = link_events(&seeds(), &[], &[]);
    let ids: Vec<&str> = ["001_", "002_", "004_"]
        .iter()
        .map(|p| event_of(&ev, p).id.as_str())
        .collect();
    assert!(
        ids[0] != ids[1] && ids[1] != ids[2] && ids[0] != ids[2],
        "{ev:#?}"
    );
    assert_eq!(event_of(&ev, "002_").sources.len(), 1);
    assert_eq!(event_of(&ev, "004_").sources.len(), 1);
    // The Russia-Belarus integration thread: one story holding every event.
    assert_eq!(ev.stories.len(), 1, "{:#?}", ev.stories);
    assert_eq!(ev.stories[0].events.len(), ev.events.len());
    assert!(
        ev.events
            .iter()
            .all(|e| e.story.as_deref() == Some(ev.stories[0].id.as_str()))
    );
    assert!(ev.stories[0].label.contains("Belarus"), "{:#?}", ev.stories);
}

/// The issue's target: 000 and 001 are one event (their leads both name Saturday, the
/// weekday of 001's stated date). 003, undated, shares a term-ending year (2024) and the
/// integration talks with 000, but its lead names Tuesday ("quipped Tuesday"): an event whose
/// day is anchored by a stated date does not take an undated report of another weekday.
#[test]
fn the_minsk_protest_reports_are_one_event() {
    let ev = link_events(&seeds(), &[], &[]);
    let minsk = event_of(&ev, "000_");
    assert_eq!(minsk.sources.len(), 2, "{minsk:#?}");
    assert!(minsk.sources[1].starts_with("001_"));
    assert_eq!(minsk.date.unwrap().to_string(), "2019-12-07");
    assert_eq!(ev.events.len(), 4);
}

/// The same through the real pipeline (`concord report` on the built-in seeds): ingest finds
/// 001's and 002's dates and infers 004's (2021-11-04) from its text; 003 stays undated. 003
/// (the "Russia is a part of Belarus" interview) shares with 004 the story's cast and only a
/// background year (2014), never 004's 2021, so the two are different events; 000 takes
/// 001's date as inferred. Four events, one story.
#[test]
fn the_pipeline_links_the_seeds_as_the_issue_asks() {
    use concord::ingest::{IngestOptions, load, seed_sources};
    let corpus = load(&seed_sources(), &IngestOptions::default()).unwrap();
    let a = concord::analyse(corpus, &concord::Options::default());
    let ev = &a.events;
    let sets: Vec<Vec<&str>> = ev
        .events
        .iter()
        .map(|e| e.sources.iter().map(|s| &s[6..9]).collect())
        .collect();
    let mut sets = sets;
    sets.sort();
    assert_eq!(
        sets,
        [vec!["000", "001"], vec!["002"], vec!["003"], vec!["004"]],
        "{ev:#?}"
    );
    assert_eq!(ev.stories.len(), 1, "{:#?}", ev.stories);
    assert_eq!(ev.stories[0].events.len(), 4);
    let d000 = &a.corpus.documents[0];
    assert!(d000.source.contains("000_"));
    assert_eq!(d000.published.unwrap().to_string(), "2019-12-07");
    assert!(d000.published_inferred);
    assert!(a.corpus.documents[3].published.is_none());
}
