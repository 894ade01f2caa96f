//! `concord generate`: a reproducible synthetic corpus with planted duplicates, and an
//! in-memory dedup check of it (throughput, recall and precision on the planted pairs).

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
    #[arg(long)]
    pub check: bool,
}

pub fn run(args: &GenerateArgs) -> Result<()> {
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
