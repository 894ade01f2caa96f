//! Entity resolution speed: 100,000 person mentions of 10,000 entities (issue 3's goal: under
//! one second on 2 cores). Names are synthetic: given names from the equivalence table in
//! their language forms, surnames built from syllables and endings, spelled with the usual
//! transliteration variants (w/v, kh/h, y/i), sometimes as a surname alone.
//!
//! Run: `cargo bench --bench names`.

use concord::model::{Document, Span};
use concord::normalize::given_names::GIVEN_NAMES;
use concord::normalize::{EntityKind, Mention, ResolveOptions, resolve};
use criterion::{Criterion, criterion_group, criterion_main};
use std::time::Duration;

const ENTITIES: usize = 10_000;
const MENTIONS: usize = 100_000;
const DOCS: usize = 2_000;

/// A small deterministic generator (no crate needed for a benchmark's input).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.next() % xs.len()]
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ne", "ru", "sha", "to", "vo", "zhi", "bra", "gor", "dan", "pel", "tre",
    "khu", "sta", "vel", "mar", "kor", "lin", "bor", "sev", "yar", "dub", "chal",
];
const ENDINGS: &[&str] = &["ov", "in", "enko", "sky", "evich", "uk", "ev", "chuk"];

fn respell(s: &str, rng: &mut Lcg) -> String {
    match rng.next() % 4 {
        0 => s.replace("ov", "ow"),
        1 => s.replace("kh", "h").replace("sky", "ski"),
        2 => s.replace('y', "i"),
        _ => s.to_string(),
    }
}

fn corpus() -> (Vec<Document>, Vec<Vec<Mention>>) {
    let mut rng = Lcg(7);
    let people: Vec<(usize, String)> = (0..ENTITIES)
        .map(|_| {
            let row = rng.next() % GIVEN_NAMES.len();
            let n = 2 + rng.next() % 2;
            let mut surname: String = (0..n).map(|_| *rng.pick(SYLLABLES)).collect();
            let ending: &&str = rng.pick(ENDINGS);
            surname.push_str(ending);
            let mut c = surname.chars();
            let surname = c
                .next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default();
            (row, surname)
        })
        .collect();
    let docs: Vec<Document> = (0..DOCS)
        .map(|i| Document {
            source: format!("doc{i}.txt"),
            ..Document::default()
        })
        .collect();
    let mut mentions: Vec<Vec<Mention>> = vec![Vec::new(); DOCS];
    for i in 0..MENTIONS {
        let (row, surname) = &people[i % ENTITIES];
        let given = rng.pick(GIVEN_NAMES[*row]);
        let surname = respell(surname, &mut rng);
        let base = if rng.next() % 4 == 0 {
            surname
        } else {
            format!("{given} {surname}")
        };
        mentions[rng.next() % DOCS].push(Mention {
            span: Span::new(0, base.len()),
            text: base.as_str().into(),
            base: base.into(),
            kind: EntityKind::Person,
            rule: "bench".into(),
            entity: None,
        });
    }
    (docs, mentions)
}

fn bench(c: &mut Criterion) {
    let (docs, mentions) = corpus();
    let opts = ResolveOptions::default();
    // Load the dictionary outside the timing (it is loaded once per process).
    let mut warm = mentions.clone();
    let entities = resolve(&docs, &mut warm, &opts);
    assert!(
        entities.len() >= ENTITIES / 2,
        "{} entities",
        entities.len()
    );
    let mut g = c.benchmark_group("names");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("resolve_100k_mentions_10k_entities", |b| {
        b.iter_batched(
            || mentions.clone(),
            |mut m| resolve(&docs, &mut m, &opts),
            criterion::BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
