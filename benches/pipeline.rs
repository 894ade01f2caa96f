//! The whole pipeline (ingest of JSON Lines → names → claims → dedup → events → reconcile →
//! report) on a realistic generated corpus (`concord::corpus_gen`, issue 7).
//!
//! Run: `cargo bench --bench pipeline`. Sizes are kept small (500 and 1,000 articles) so a run
//! finishes in minutes; the throughput line is articles per second over all cores, and the
//! two sizes show whether the cost grows linearly. Large runs (10k and more) are measured
//! with the CLI and `/usr/bin/time -v` (see BENCHMARKS.md).

use concord::corpus_gen::{RealisticOptions, generate, to_jsonl};
use concord::ingest::{IngestOptions, read_bytes};
use concord::{Corpus, analyse};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

fn whole_pipeline(c: &mut Criterion) {
    let mut group = c.benchmark_group("pipeline");
    group.sample_size(10);
    for articles in [500usize, 1_000] {
        let (generated, _) = generate(&RealisticOptions {
            articles,
            seed: 1,
            copy_share: 0.3,
        });
        let jsonl = to_jsonl(&generated);
        group.throughput(Throughput::Elements(articles as u64));
        group.bench_function(format!("{articles} articles"), |b| {
            b.iter(|| {
                let mut corpus = Corpus::default();
                read_bytes(
                    "gen.jsonl",
                    black_box(&jsonl),
                    &IngestOptions::default(),
                    &mut corpus,
                );
                let analysis = analyse(corpus, &Default::default());
                black_box(concord::report::build(&analysis))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, whole_pipeline);
criterion_main!(benches);
