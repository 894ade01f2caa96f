//! `concord generate`: reproducible corpora for benchmarks. The default mode writes
//! synthetic-vocabulary articles with planted duplicates and can check dedup on them in
//! memory (throughput, recall and precision on the planted pairs); `--realistic` writes
//! English news articles from templates and the seeds with planted copies, event clusters,
//! conflicting figures and name variants, and their ground truth (`concord::corpus_gen`).

use super::emit;
use anyhow::{Context, Result};
use clap::Args;
use concord::link::generate::{GenerateOptions, generate, score};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// How many articles.
    #[arg(long, default_value_t = 1000)]
    pub articles: usize,
    /// Seed: the same seed and count give the same corpus.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Share of articles planted as derivatives of an earlier one.
    #[arg(long, default_value_t = 0.2)]
    pub planted_share: f64,
    /// Write the articles as JSON Lines ({"source","text"}) and the planted pairs to
    /// FILE.truth.json.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Run dedup on the corpus in memory and report time, recall and precision.
    #[arg(long, conflicts_with = "realistic")]
    pub check: bool,
    /// Realistic news articles (3-5 KB, names, figures, events, copies) as JSON Lines
    /// ({"id","url","outlet","title","published","text"}) to --out FILE (or standard output),
    /// and the ground truth as JSON to --truth FILE (default FILE.truth.json with --out).
    #[arg(long)]
    pub realistic: bool,
    /// With --realistic: where to write the ground truth.
    #[arg(long, value_name = "FILE", requires = "realistic")]
    pub truth: Option<PathBuf>,
}

pub fn run(args: &GenerateArgs) -> Result<()> {
    if args.realistic {
        return run_realistic(args);
    }
    let t0 = std::time::Instant::now();
    let (docs, planted) = generate(&GenerateOptions {
        articles: args.articles,
        seed: args.seed,
        planted_share: args.planted_share,
    });
    eprintln!(
        "generated {} articles, {} planted pairs in {:.1}s",
        docs.len(),
        planted.len(),
        t0.elapsed().as_secs_f64()
    );
    if let Some(path) = &args.out {
        let file = std::fs::File::create(path)
            .with_context(|| format!("{}: cannot create", path.display()))?;
        let mut w = std::io::BufWriter::new(file);
        for d in &docs {
            serde_json::to_writer(
                &mut w,
                &serde_json::json!({"source": d.source, "text": d.text}),
            )?;
            w.write_all(b"\n")?;
        }
        w.flush()?;
        let truth = PathBuf::from(format!("{}.truth.json", path.display()));
        std::fs::write(&truth, serde_json::to_string_pretty(&planted)?)
            .with_context(|| format!("{}: cannot write", truth.display()))?;
    }
    if args.check {
        let t1 = std::time::Instant::now();
        let groups = concord::link::dedup(&docs, &Default::default());
        let secs = t1.elapsed().as_secs_f64();
        let (recall, precision) = score(&docs, &planted, &groups);
        emit(&format!(
            "articles {}\nplanted pairs {}\ngroups {}\ndedup seconds {:.2}\narticles per second {:.0}\nrecall {:.4}\nprecision {:.4}\n",
            docs.len(),
            planted.len(),
            groups.len(),
            secs,
            docs.len() as f64 / secs,
            recall,
            precision
        ))?;
    }
    Ok(())
}

fn run_realistic(args: &GenerateArgs) -> Result<()> {
    use concord::corpus_gen::{RealisticOptions, generate_with, write_jsonl};
    let t0 = std::time::Instant::now();
    let opts = RealisticOptions {
        articles: args.articles,
        seed: args.seed,
        copy_share: args.planted_share,
    };
    let mut out: Box<dyn Write> = match &args.out {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("{}: cannot create", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let mut bytes = 0usize;
    let written = generate_with(&opts, |chunk| {
        bytes += chunk.iter().map(|a| a.text.len()).sum::<usize>();
        write_jsonl(chunk, &mut out)
    });
    match written.and_then(|truth| out.flush().map(|_| truth)) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(e).context("writing the articles"),
        Ok(truth) => {
            let truth_path = args.truth.clone().or_else(|| {
                args.out
                    .as_ref()
                    .map(|p| PathBuf::from(format!("{}.truth.json", p.display())))
            });
            if let Some(p) = &truth_path {
                let f = std::fs::File::create(p)
                    .with_context(|| format!("{}: cannot create", p.display()))?;
                let mut w = std::io::BufWriter::new(f);
                serde_json::to_writer(&mut w, &truth)?;
                w.write_all(b"\n")?;
                w.flush()?;
            }
            let copies: usize = truth.duplicates.iter().map(|d| d.copies.len()).sum();
            eprintln!(
                "generated {} articles ({:.1} MB of text, {} events, {} planted copies) in {:.1}s",
                truth.articles.len(),
                bytes as f64 / 1e6,
                truth.events.len(),
                copies,
                t0.elapsed().as_secs_f64()
            );
            Ok(())
        }
    }
}
