//! `concord eval`: accuracy reports against outside data with ground truth.

use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// What to evaluate.
    pub area: String,
    /// The outside data folder.
    #[arg(long, default_value = "../shared/data")]
    pub data: PathBuf,
}

pub fn run(args: &EvalArgs) -> Result<()> {
    match args.area.as_str() {
        "events" => super::emit(&concord::eval::events::run(&args.data)?),
        _ => anyhow::bail!(
            "no evaluation named {:?} yet (data folder {})",
            args.area,
            args.data.display()
        ),
    }
}
