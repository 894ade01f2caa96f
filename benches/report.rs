//! Reconciliation and report rendering at scale: the hand-built fixture corpus
//! (tests/report_support) copied N times under new source names, so that the number of
//! events and documents grows while every copy holds the same discrepancies, expected
//! differences, quotes and tenures. Run: `cargo bench --bench report`.

#[path = "../tests/report_support/mod.rs"]
mod report_support;

use concord::pipeline::Analysis;
use concord::report;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

/// The fixture copied `copies` times: 4 documents and 2 events per copy.
fn scaled(copies: usize) -> Analysis {
    let base = report_support::analysis();
    let mut a = Analysis {
        corpus: concord::Corpus::default(),
        mentions: Vec::new(),
        entities: base.entities.clone(),
        claims: Vec::new(),
        duplicates: Vec::new(),
        events: Default::default(),
        store: None,
    };
    for i in 0..copies {
        let rename = |s: &str| format!("{s}#{i}");
        for (d, (m, c)) in base
            .corpus
            .documents
            .iter()
            .zip(base.mentions.iter().zip(&base.claims))
        {
            let mut d = d.clone();
            d.source = rename(&d.source);
            a.corpus.documents.push(d);
            a.mentions.push(m.clone());
            a.claims.push(
                c.iter()
                    .map(|c| concord::extract::Claim {
                        source: rename(&c.source).into(),
                        ..c.clone()
                    })
                    .collect(),
            );
        }
        for e in &base.events.events {
            let mut e = e.clone();
            e.id = format!("{}-{i}", e.id);
            e.sources = e.sources.iter().map(|s| rename(s)).collect();
            a.events.events.push(e);
        }
    }
    a
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("report");
    g.sample_size(10);
    for copies in [100, 1000] {
        let a = scaled(copies);
        g.throughput(Throughput::Elements(a.corpus.documents.len() as u64));
        g.bench_with_input(BenchmarkId::new("build", copies * 4), &a, |b, a| {
            b.iter(|| report::build(a))
        });
        let r = report::build(&a);
        g.bench_with_input(BenchmarkId::new("text", copies * 4), &r, |b, r| {
            b.iter(|| report::text::render(r, false))
        });
        g.bench_with_input(BenchmarkId::new("html", copies * 4), &r, |b, r| {
            b.iter(|| report::html::render(r))
        });
        g.bench_with_input(BenchmarkId::new("json", copies * 4), &r, |b, r| {
            b.iter(|| report::json::render(r).unwrap())
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
