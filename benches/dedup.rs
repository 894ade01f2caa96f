//! Dedup throughput on generated corpora with planted duplicates (`concord::link::generate`).
//! `cargo bench --bench dedup` runs 10k and 100k articles; `cargo bench --bench dedup -- 10000`
//! only the small one. Recall, precision and peak memory at scale come from
//! `/usr/bin/time -v concord generate --articles 100000 --check`.

use concord::link::generate::{GenerateOptions, generate};
use concord::link::{DedupOptions, dedup};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::time::Duration;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("dedup");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    for n in [10_000usize, 100_000] {
        let (docs, _) = generate(&GenerateOptions {
            articles: n,
            seed: 1,
            planted_share: 0.2,
        });
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &docs, |b, docs| {
            b.iter(|| dedup(docs, &DedupOptions::default()))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
