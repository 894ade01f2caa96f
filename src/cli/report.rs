//! `concord report`: the main job, agreements and discrepancies across outlets.

use super::{InputArgs, emit, to_json};
use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReportFormat,
    /// Write the report to FILE instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit with code 1 when a discrepancy was found.
    #[arg(long)]
    pub fail_on_discrepancy: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
}

pub fn run(args: &ReportArgs) -> Result<ExitCode> {
    let corpus = args.input.load()?;
    let analysis = concord::analyse(corpus, &concord::Options::default());
    let report = concord::report::build(&analysis);
    let body = match args.format {
        ReportFormat::Json => to_json(&report)?,
        ReportFormat::Text => {
            let mut s = String::new();
            for d in &report.documents {
                s.push_str(&format!(
                    "{}\t{:?}\t{:?}\n",
                    d.source, d.outlet, d.published
                ));
            }
            s
        }
    };
    match &args.output {
        Some(p) => {
            std::fs::write(p, body).with_context(|| format!("{}: cannot write", p.display()))?
        }
        None => emit(&body)?,
    }
    Ok(ExitCode::SUCCESS)
}
