//! `concord report`: the main job, agreements and discrepancies across outlets.

use super::{InputArgs, emit};
use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use concord::report::{self, Report};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit codes, as documented in the help text below and in DESIGN.md.
const EXIT_CODES: &str = "\
Exit codes:
  0  the report was written (discrepancies or not, unless --fail-on-discrepancy)
  1  --fail-on-discrepancy was given and at least one discrepancy was found
  2  usage or input error (bad option, unreadable file list, unwritable -o FILE)
A closed pipe (concord report | head) is not an error.";

#[derive(Debug, Args)]
#[command(after_help = EXIT_CODES)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format: text for a terminal, markdown, json (versioned schema), jsonl (typed
    /// records), html (one self-contained page with charts), claimreview (schema.org JSON-LD
    /// skeletons for the disputed claims, no verdict).
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReportFormat,
    /// Write the report to FILE instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Colour in the text report: auto (only on a terminal, and never when NO_COLOR is set),
    /// always, never.
    #[arg(long, value_enum, default_value = "auto", value_name = "WHEN")]
    pub color: ColorChoice,
    /// Exit with code 1 when a discrepancy was found (for newsroom pipelines).
    #[arg(long)]
    pub fail_on_discrepancy: bool,
    /// Print the seconds each stage took on stderr (for benchmarks).
    #[arg(long)]
    pub timings: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Markdown,
    Json,
    Jsonl,
    Html,
    Claimreview,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Whether to colour: `auto` colours only a terminal stdout and honours NO_COLOR
/// (https://no-color.org: set and not empty disables colour).
pub fn use_color(choice: ColorChoice, to_file: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            !to_file && !no_color && std::io::stdout().is_terminal()
        }
    }
}

/// Renders the report in the chosen format.
pub fn render(r: &Report, format: ReportFormat, color: bool) -> Result<String> {
    Ok(match format {
        ReportFormat::Text => report::text::render(r, color),
        ReportFormat::Markdown => report::markdown::render(r),
        ReportFormat::Json => report::json::render(r)?,
        ReportFormat::Jsonl => report::jsonl::render(r)?,
        ReportFormat::Html => report::html::render(r),
        ReportFormat::Claimreview => report::claimreview::render(r)?,
    })
}

pub fn run(args: &ReportArgs) -> Result<ExitCode> {
    let t0 = std::time::Instant::now();
    // CPU seconds of every thread per stage, beside the wall time: on a shared machine the
    // wall time of a stage is mostly waiting, its CPU time is not.
    let mut cpu_clock = super::process_cpu_seconds();
    let mut cpu: Vec<Option<f64>> = Vec::new();
    let mut cpu_lap = move || {
        let now = super::process_cpu_seconds();
        let d = now.zip(cpu_clock).map(|(b, a)| b - a);
        cpu_clock = now;
        d
    };
    let corpus = args.input.load()?;
    let mut times: Vec<(&str, f64)> = vec![("ingest", t0.elapsed().as_secs_f64())];
    cpu.push(cpu_lap());
    let spinner = super::stage_spinner();
    let stages = concord::pipeline::STAGES;
    if let Some(s) = &spinner {
        s.set_message(stages[0]);
    }
    let analysis =
        concord::analyse_observed(corpus, &concord::Options::default(), &mut |stage, secs| {
            times.push((stage, secs));
            cpu.push(cpu_lap());
            if let (Some(s), Some(next)) = (&spinner, stages.get(times.len() - 1)) {
                s.set_message(*next);
            }
        });
    if let Some(s) = &spinner {
        s.set_message("reconcile and report");
    }
    let t1 = std::time::Instant::now();
    let report = report::build(&analysis);
    times.push(("reconcile+report", t1.elapsed().as_secs_f64()));
    cpu.push(cpu_lap());
    let color = use_color(args.color, args.output.is_some());
    let t2 = std::time::Instant::now();
    let body = render(&report, args.format, color)?;
    times.push(("render", t2.elapsed().as_secs_f64()));
    cpu.push(cpu_lap());
    if let Some(s) = spinner {
        s.finish_and_clear();
    }
    if args.timings {
        let line: Vec<String> = times.iter().map(|(s, t)| format!("{s} {t:.2}s")).collect();
        eprintln!("concord: timings: {}", line.join(", "));
        let line: Vec<String> = times
            .iter()
            .zip(&cpu)
            .map(|((s, _), c)| match c {
                Some(c) => format!("{s} {c:.2}s"),
                None => format!("{s} unknown"),
            })
            .collect();
        eprintln!("concord: cpu time (all threads): {}", line.join(", "));
    }
    match &args.output {
        Some(p) => std::fs::write(p, body)
            .with_context(|| format!("{}: cannot write the report", p.display()))?,
        None => emit(&body)?,
    }
    let s = &report.summary;
    eprintln!(
        "concord: {} events, {} discrepancies, {} expected differences, {} agreements",
        s.events, s.discrepancies, s.expected_differences, s.agreements
    );
    if args.fail_on_discrepancy && report.has_discrepancy() {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
