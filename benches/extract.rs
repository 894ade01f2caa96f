//! Claims extraction throughput over ~10,000 generated news articles.
//!
//! Articles are built deterministically from the seed paragraphs with varied figures, dates
//! and speakers, so every code path (numbers, vague words, dates, quotes) is exercised.
//! Run: `cargo bench --bench extract`. Throughput is bytes of article text per second on one
//! core (extraction of one document is single-threaded).
//!
//! Two switches for profiling and for checking that a speed change changes no output:
//! `CONCORD_EXTRACT_ARTICLES=N` sets the corpus size, and `CONCORD_EXTRACT_ONCE=FILE` runs
//! one pass without criterion (for `valgrind --tool=callgrind` or `perf record`) and writes
//! every claim as JSON Lines to FILE (`-` writes nothing), so two builds can be diffed;
//! with `CONCORD_EXTRACT_FILE=PATH` that pass reads one document from PATH.

use concord::extract::extract_claims;
use concord::ingest::{SEEDS, document_from_text};
use concord::model::Document;
use criterion::{Criterion, Throughput, criterion_group};
use std::hint::black_box;

/// The allocator the `concord` binary ships with (src/main.rs), so the bench measures
/// extraction as users run it rather than with the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SPEAKERS: &[&str] = &[
    "Kremlin spokesman Dmitry Peskov",
    "opposition leader Svetlana Tikhanovskaya",
    "Interior Minister Ivan Kubrakov",
    "the rights group Viasna",
];
const FIGURES: &[&str] = &[
    "several hundred",
    "more than 1,000",
    "about 2,500",
    "tens of thousands of",
    "at least 30",
    "nearly 200",
    "up to 5,000",
];
const DAYS: &[&str] = &[
    "on Saturday",
    "last week",
    "on Dec. 20",
    "earlier this week",
    "yesterday",
];

/// A small deterministic generator (xorshift), so the corpus is the same on every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.next() % xs.len()]
    }
}

fn corpus(n: usize) -> Vec<Document> {
    let paragraphs: Vec<String> = SEEDS
        .iter()
        .flat_map(|(_, b)| {
            String::from_utf8_lossy(b)
                .split("\n\n")
                .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|p| p.len() > 80)
                .collect::<Vec<_>>()
        })
        .collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    (0..n)
        .map(|i| {
            let mut text = String::new();
            for _ in 0..8 {
                text.push_str(&paragraphs[rng.next() % paragraphs.len()]);
                text.push_str("\n\n");
            }
            text.push_str(&format!(
                "{} {} people rallied in Minsk {}, {} said.\n\n“We will not stop,” {} told reporters.\n",
                capitalise(rng.pick(FIGURES)),
                "protesters and",
                rng.pick(DAYS),
                rng.pick(SPEAKERS),
                rng.pick(SPEAKERS),
            ));
            let mut doc = document_from_text(&format!("gen/{i}.txt"), &text);
            if i % 2 == 0 {
                doc.published = jiff::civil::Date::new(2020, 9, 11).ok();
            }
            doc
        })
        .collect()
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn articles() -> usize {
    std::env::var("CONCORD_EXTRACT_ARTICLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000)
}

/// One pass over the corpus outside criterion; the claims go to `out` unless it is `-`.
/// `CONCORD_EXTRACT_FILE=PATH` reads one document from PATH instead (a giant single line,
/// issue 8: ingest itself does not take a one-line file as an article).
fn once(out: &str) {
    use std::io::Write;
    let docs = match std::env::var("CONCORD_EXTRACT_FILE") {
        Ok(path) => vec![document_from_text(
            &path,
            &std::fs::read_to_string(&path).expect("readable UTF-8 file"),
        )],
        Err(_) => corpus(articles()),
    };
    let mut w: Box<dyn Write> = if out == "-" {
        Box::new(std::io::sink())
    } else {
        Box::new(std::io::BufWriter::new(
            std::fs::File::create(out).expect("writable dump file"),
        ))
    };
    for d in &docs {
        for claim in extract_claims(d, &[]) {
            serde_json::to_writer(&mut w, &claim).expect("serialisable claim");
            writeln!(w).expect("write");
        }
    }
}

fn bench(c: &mut Criterion) {
    let docs = corpus(articles());
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut g = c.benchmark_group("extract");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("claims_10k_articles", |b| {
        b.iter(|| {
            let n: usize = docs
                .iter()
                .map(|d| extract_claims(black_box(d), &[]).len())
                .sum();
            black_box(n)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);

fn main() {
    if let Ok(out) = std::env::var("CONCORD_EXTRACT_ONCE") {
        once(&out);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
