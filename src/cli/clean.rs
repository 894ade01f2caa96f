//! `concord clean`: cleaned documents as JSON Lines for downstream pipelines.

use super::{InputArgs, emit};
use anyhow::Result;
use clap::{Args, ValueEnum};

#[derive(Debug, Args)]
pub struct CleanArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: CleanFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CleanFormat {
    Jsonl,
    Text,
}

pub fn run(args: &CleanArgs) -> Result<()> {
    let corpus = args.input.load()?;
    let mut out = String::new();
    for d in &corpus.documents {
        out.push_str(&serde_json::to_string(d)?);
        out.push('\n');
    }
    emit(&out)
}
