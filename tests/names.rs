//! Name normalizer (issue 3): entities on the seeds and on hand-built documents, the news
//! fixture with zero false merges, and floors on the outside data.

use concord::eval::names as eval;
use concord::ingest::{self, document_from_text};
use concord::normalize::{
    self, Aliases, CompareOptions, Entity, EntityKind, Mention, ResolveOptions, compare_names,
};
use std::path::Path;

fn analyse_docs(
    docs: &[concord::model::Document],
    opts: &ResolveOptions,
) -> (Vec<Vec<Mention>>, Vec<Entity>) {
    let mut mentions: Vec<Vec<Mention>> = docs.iter().map(normalize::find_mentions).collect();
    let entities = normalize::resolve(docs, &mut mentions, opts);
    (mentions, entities)
}

fn entity_with<'a>(entities: &'a [Entity], form: &str) -> Vec<&'a Entity> {
    entities
        .iter()
        .filter(|e| e.display == form || e.variants.iter().any(|v| v.form == form))
        .collect()
}

fn seeds() -> (Vec<Vec<Mention>>, Vec<Entity>) {
    let corpus = ingest::load(&ingest::seed_sources(), &Default::default()).expect("seeds load");
    analyse_docs(&corpus.documents, &ResolveOptions::default())
}

#[test]
fn seeds_lukashenko_and_lukashenka_are_one_person_with_both_given_names() {
    let (_, entities) = seeds();
    let luk = entity_with(&entities, "Lukashenka");
    assert_eq!(luk.len(), 1, "Lukashenka in one entity");
    let e = luk[0];
    assert_eq!(e.kind, EntityKind::Person);
    for form in [
        "Lukashenko",
        "Alexander Lukashenko",
        "Alyaksandr Lukashenka",
    ] {
        assert!(e.variants.iter().any(|v| v.form == form), "{form} in {e:?}");
    }
    assert!(!e.evidence.is_empty());
}

#[test]
fn seeds_tikhanovskaya_putin_and_organisations() {
    let (_, entities) = seeds();
    let t = entity_with(&entities, "Svetlana Tikhanovskaya");
    assert_eq!(t.len(), 1);
    assert!(
        t[0].variants
            .iter()
            .any(|v| v.form == "Svyatlana Tsikhanouskaya")
    );

    let putin: Vec<&Entity> = entities
        .iter()
        .filter(|e| e.variants.iter().any(|v| v.form.contains("Putin")))
        .collect();
    assert_eq!(putin.len(), 1, "one Putin entity");
    let sources: std::collections::BTreeSet<&str> = putin[0]
        .variants
        .iter()
        .flat_map(|v| v.sources.iter().map(|s| &**s))
        .collect();
    assert_eq!(sources.len(), 5, "Putin in all five seeds");

    for (form, kinds) in [
        ("Kremlin", &[EntityKind::Organisation][..]),
        ("RBC", &[EntityKind::Outlet, EntityKind::Organisation][..]),
        (
            "Ekho Moskvy",
            &[EntityKind::Outlet, EntityKind::Organisation][..],
        ),
        (
            "RFE/RL",
            &[EntityKind::Outlet, EntityKind::Organisation][..],
        ),
    ] {
        let es = entity_with(&entities, form);
        assert_eq!(es.len(), 1, "{form}");
        assert!(kinds.contains(&es[0].kind), "{form} is {:?}", es[0].kind);
    }
    let demonym = entity_with(&entities, "Belarussian");
    assert_eq!(demonym.len(), 1);
    assert_eq!(demonym[0].kind, EntityKind::Demonym);
    assert!(demonym[0].variants.iter().any(|v| v.form == "Belarusian"));
    assert_eq!(demonym[0].related.as_deref(), Some("Belarus"));
}

#[test]
fn seeds_no_two_people_merged() {
    let (_, entities) = seeds();
    for e in entities.iter().filter(|e| e.kind == EntityKind::Person) {
        // Full names (two words or more) of one entity must all compare as one person.
        let full: Vec<&str> = e
            .variants
            .iter()
            .map(|v| v.form.as_str())
            .filter(|f| f.split_whitespace().count() > 1)
            .collect();
        for a in &full {
            for b in &full {
                assert!(
                    compare_names(a, b, &CompareOptions::default()).same,
                    "{a} / {b} merged in {}",
                    e.display
                );
            }
        }
    }
}

#[test]
fn mentions_point_to_their_entities_deterministically() {
    let (m1, e1) = seeds();
    let (m2, e2) = seeds();
    assert_eq!(e1, e2);
    assert_eq!(m1, m2);
    let ids: std::collections::BTreeSet<&str> = e1.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), e1.len(), "ids are unique");
    for ms in &m1 {
        for m in ms {
            let id = m.entity.as_deref().expect("every mention resolved");
            assert!(ids.contains(id));
        }
    }
}

#[test]
fn family_members_and_gender_pairs_stay_apart_in_a_corpus() {
    let docs = vec![
        document_from_text(
            "a.txt",
            "Opposition leader Sviatlana Tsikhanouskaya spoke in Vilnius. Her husband Siarhei \
             Tsikhanouski remains in prison. Tsikhanouskaya said he was a hostage.",
        ),
        document_from_text(
            "b.txt",
            "President Volodymyr Zelensky and his wife Olena Zelenska visited Kyiv. Zelenska \
             spoke first.",
        ),
        document_from_text(
            "c.txt",
            "Svetlana Tikhanovskaya met Sergei Tikhanovsky's lawyers in Kiev. Zelensky did not.",
        ),
    ];
    let (mentions, entities) = analyse_docs(&docs, &ResolveOptions::default());
    let one = |a: &str, b: &str| {
        let ea = entity_with(&entities, a);
        let eb = entity_with(&entities, b);
        assert_eq!(ea.len(), 1, "{a}: {entities:#?}");
        assert_eq!(eb.len(), 1, "{b}");
        ea[0].id == eb[0].id
    };
    assert!(one("Sviatlana Tsikhanouskaya", "Svetlana Tikhanovskaya"));
    assert!(one("Siarhei Tsikhanouski", "Sergei Tikhanovsky"));
    assert!(!one("Sviatlana Tsikhanouskaya", "Siarhei Tsikhanouski"));
    assert!(!one("Volodymyr Zelensky", "Olena Zelenska"));
    assert!(one("Olena Zelenska", "Zelenska"));
    assert!(one("Kyiv", "Kiev"), "exonyms");
    // The surname alone in a.txt is Sviatlana, not her husband.
    let tsikh = mentions[0]
        .iter()
        .find(|m| m.base == "Tsikhanouskaya")
        .expect("surname alone found");
    let sviat = entity_with(&entities, "Sviatlana Tsikhanouskaya")[0];
    assert_eq!(tsikh.entity.as_deref(), Some(sviat.id.as_str()));
    // Every merge says why.
    assert!(
        sviat
            .evidence
            .iter()
            .any(|e| e.contains("given-name table"))
    );
}

#[test]
fn alias_file_forces_forbids_and_sets_display() {
    let docs = vec![
        document_from_text("a.txt", "Opposition leader Sviatlana Tsikhanouskaya spoke."),
        document_from_text(
            "b.txt",
            "Svetlana Tikhanovskaya spoke. Journalist Ihar Losik did too.",
        ),
        document_from_text("c.txt", "Journalist Igor Losik was sentenced."),
    ];
    let aliases = Aliases::parse(
        r#"{"entities": [{"display": "Tsikhanouskaya (opposition leader)",
                          "forms": ["Sviatlana Tsikhanouskaya"]}],
            "forbid": [["Ihar Losik", "Igor Losik"]]}"#,
    )
    .unwrap();
    let opts = ResolveOptions {
        aliases,
        ..ResolveOptions::default()
    };
    let (_, entities) = analyse_docs(&docs, &opts);
    let t = entity_with(&entities, "Svetlana Tikhanovskaya");
    assert_eq!(t[0].display, "Tsikhanouskaya (opposition leader)");
    assert_ne!(
        entity_with(&entities, "Ihar Losik")[0].id,
        entity_with(&entities, "Igor Losik")[0].id
    );
    // Without the alias file they are one person.
    let (_, plain) = analyse_docs(&docs, &ResolveOptions::default());
    assert_eq!(
        entity_with(&plain, "Ihar Losik")[0].id,
        entity_with(&plain, "Igor Losik")[0].id
    );
}

fn data_dir() -> Option<&'static Path> {
    let p = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data"));
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: ../shared/data is absent");
        None
    }
}

#[test]
fn news_fixture_has_enough_pairs_and_no_false_merge() {
    let path = eval::fixture_path();
    let pairs = eval::fixture_pairs(&std::fs::read_to_string(&path).unwrap(), &path).unwrap();
    let same = pairs.iter().filter(|p| p.same).count();
    let different = pairs.len() - same;
    assert!(
        same >= 60 && different >= 20,
        "{same} variant pairs, {different} negatives"
    );
    let mut missed = 0;
    for p in &pairs {
        let m = compare_names(&p.a, &p.b, &CompareOptions::default());
        if !p.same {
            assert!(
                !m.same,
                "false merge: {} / {} ({}): {:?}",
                p.a, p.b, p.note, m.reasons
            );
        } else if !m.same {
            missed += 1;
        }
    }
    // Level reached when this test was written: every variant pair found.
    assert!(missed <= 1, "{missed} variant pairs missed");
}

#[test]
fn interscript_key_agreement_floor() {
    let Some(data) = data_dir() else { return };
    let tsv = std::fs::read_to_string(data.join("names/interscript_cyrl_latn_tests.tsv")).unwrap();
    let agreement = eval::interscript_agreement(&tsv);
    for lang in ["rus", "bel", "ukr"] {
        let a = &agreement[lang];
        assert!(
            a.rate() >= 0.95,
            "{lang}: {:.3} ({:?})",
            a.rate(),
            a.failures
        );
        assert!(
            a.rate() > a.plain_rate(),
            "{lang}: the fold beats a plain fold"
        );
    }
    // The tables give the official output exactly (middle-dot vectors aside).
    for (system, n, ok, bad) in eval::table_exactness(&tsv) {
        assert!(n > 0, "{system}");
        assert!(ok * 10 >= n * 9, "{system}: {ok}/{n} exact: {bad:?}");
    }
}

#[test]
fn opensanctions_person_benchmark_floor() {
    let Some(data) = data_dir() else { return };
    let read = |f: &str| std::fs::read_to_string(data.join("names").join(f)).unwrap();
    let cases = eval::bench_cases(&read("nomenklatura_name_bench_cases.csv"));
    assert!(cases.len() > 500);
    let baseline = eval::score_frozen(&read("nomenklatura_name_bench_logicv2_frozen.csv"));
    let with = eval::score_cases(&cases, &CompareOptions::default());
    let without = eval::score_cases(
        &cases,
        &CompareOptions {
            use_dictionary: false,
            ..CompareOptions::default()
        },
    );
    assert!(
        (baseline.f1() - 0.742).abs() < 0.002,
        "baseline {}",
        baseline.f1()
    );
    // Levels reached: 0.782 with the dictionary, 0.752 without.
    assert!(with.f1() > 0.775, "with dictionary {:.3}", with.f1());
    assert!(
        without.f1() > 0.745,
        "without dictionary {:.3}",
        without.f1()
    );
    assert!(with.f1() > baseline.f1() && without.f1() > baseline.f1());
}

#[test]
fn grouping_does_not_depend_on_input_order() {
    let names: Vec<String> = [
        "Svetlana Tikhanovskaya",
        "Sviatlana Tsikhanouskaya",
        "Siarhei Tsikhanouski",
        "Sergei Tikhanovsky",
        "Volodymyr Zelensky",
        "Olena Zelenska",
        "Vladimir Zelensky",
        "Maryia Kalesnikava",
        "Maria Kolesnikova",
        "Tsikhanouskaya",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let summary = |names: &[String]| {
        let mut groups: Vec<Vec<String>> =
            normalize::group_names(names, EntityKind::Person, &ResolveOptions::default())
                .into_iter()
                .map(|e| e.variants.into_iter().map(|v| v.form).collect())
                .collect();
        groups.sort();
        groups
    };
    let forward = summary(&names);
    let mut reversed = names.clone();
    reversed.reverse();
    assert_eq!(forward, summary(&reversed));
    assert_eq!(forward.len(), 5, "{forward:?}");
}

mod fold_properties {
    use concord::normalize::fold::{MAX_KEYS, word_keys};
    use proptest::prelude::*;

    proptest! {
        /// Any input, Latin, Cyrillic or other, folds without panicking into a bounded set of
        /// keys drawn from the key alphabet.
        #[test]
        fn keys_are_bounded_and_in_the_key_alphabet(word in "\\PC{0,24}") {
            let keys = word_keys(&word);
            prop_assert!(keys.len() <= MAX_KEYS);
            for k in &keys {
                prop_assert!(k.chars().all(|c| c.is_ascii_lowercase() || "SZC".contains(c)), "{k}");
            }
        }

        /// Case never changes a key.
        #[test]
        fn keys_ignore_case(word in "[a-zA-Zа-яА-ЯёЁіІўЎ]{1,16}") {
            prop_assert_eq!(word_keys(&word), word_keys(&word.to_uppercase()));
        }
    }
}
