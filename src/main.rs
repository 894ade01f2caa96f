//! The concord command line. Glue only: the library does the work, printers format it.

mod cli;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Cross-check news articles across outlets: name variants, duplicates, events, claims,
/// agreements and discrepancies, each with its evidence.
#[derive(Debug, Parser)]
#[command(name = "concord", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Cross-reference report: agreements and discrepancies per event (the main job).
    Report(cli::report::ReportArgs),
    /// Cleaned documents with metadata, as JSON Lines for downstream pipelines.
    Clean(cli::clean::CleanArgs),
    /// Entities with all their spellings; score or group your own lists of names.
    Names(cli::names::NamesArgs),
    /// Claims: figures as intervals, dates, quotes with speakers.
    Claims(cli::claims::ClaimsArgs),
    /// Exact and near-duplicate (syndicated) copies with shared passages.
    Dedup(cli::dedup::DedupArgs),
    /// Reports of the same real-world event linked across outlets, and stories.
    Events(cli::events::EventsArgs),
    /// Accuracy reports against outside data with ground truth.
    Eval(cli::eval::EvalArgs),
    /// A synthetic corpus with planted duplicates (for benchmarks), optionally checked.
    Generate(cli::generate::GenerateArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Report(a) => cli::report::run(a),
        Command::Clean(a) => cli::clean::run(a).map(|_| ExitCode::SUCCESS),
        Command::Names(a) => cli::names::run(a).map(|_| ExitCode::SUCCESS),
        Command::Claims(a) => cli::claims::run(a).map(|_| ExitCode::SUCCESS),
        Command::Dedup(a) => cli::dedup::run(a).map(|_| ExitCode::SUCCESS),
        Command::Events(a) => cli::events::run(a).map(|_| ExitCode::SUCCESS),
        Command::Eval(a) => cli::eval::run(a).map(|_| ExitCode::SUCCESS),
        Command::Generate(a) => cli::generate::run(a).map(|_| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("concord: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}

/// mimalloc in place of the system allocator: the pipeline allocates many small strings and
/// vectors from several rayon threads, and glibc keeps freed memory in per-thread arenas.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
