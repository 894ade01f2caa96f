//! `concord eval`: accuracy reports against outside data with ground truth.

use anyhow::Result;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// What to evaluate.
    #[arg(value_enum)]
    pub area: Area,
    /// The outside data folder.
    #[arg(long, default_value = "../shared/data")]
    pub data: PathBuf,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Area {
    /// Transliteration keys (interscript), OpenSanctions name benchmark, news name pairs.
    Names,
    /// Number, range and percent suites (Recognizers-Text, Duckling, quantulum3) and dates (TempEval-3).
    Claims,
    /// Event clusters on ECB+ (B-cubed, pairwise) and graded similarity on Lee et al. 2005.
    Events,
}

pub fn run(args: &EvalArgs) -> Result<()> {
    if !args.data.is_dir() {
        anyhow::bail!(
            "{}: data folder not found (give it with --data)",
            args.data.display()
        );
    }
    let report = match args.area {
        Area::Names => concord::eval::names::run(&args.data)?,
        Area::Claims => concord::eval::claims::run(&args.data)?,
        Area::Events => concord::eval::events::run(&args.data)?,
    };
    super::emit(&report)
}
