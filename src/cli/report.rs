//! `concord report`: the main job, agreements and discrepancies across outlets.

use super::{InputArgs, OUTPUT_BUFFER};
use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use concord::report::{self, Report};
use std::io::{BufWriter, IsTerminal, Write};
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

/// Writes the report in the chosen format. JSON, JSON Lines and ClaimReview are serialised
/// straight into the writer, so the report is never held whole as text (at 100,000 articles
/// the JSON report is about 3 GB); the other formats are smaller and rendered first.
pub fn write_report(
    r: &Report,
    format: ReportFormat,
    color: bool,
    w: &mut dyn Write,
) -> std::io::Result<()> {
    let text = match format {
        ReportFormat::Json => return report::json::write(r, w),
        ReportFormat::Jsonl => return report::jsonl::write(r, w),
        ReportFormat::Claimreview => return report::claimreview::write(r, w),
        ReportFormat::Text => report::text::render(r, color),
        ReportFormat::Markdown => report::markdown::render(r),
        ReportFormat::Html => report::html::render(r),
    };
    w.write_all(text.as_bytes())
}

/// Where the report goes: `-o FILE` or standard output, buffered. A closed stdout pipe
/// (`concord report | head`) is not an error.
fn write_output(
    args: &ReportArgs,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    match &args.output {
        Some(p) => {
            let cannot = || format!("{}: cannot write the report", p.display());
            let file = std::fs::File::create(p).with_context(cannot)?;
            let mut w = BufWriter::with_capacity(OUTPUT_BUFFER, file);
            write(&mut w).and_then(|_| w.flush()).with_context(cannot)
        }
        None => super::emit_with(write),
    }
}

/// Above this many events, JSON and JSON Lines reports are streamed: about 14,000
/// realistic articles. Below it a built report costs little memory (at 8,000 articles,
/// 2,269 events: peak 531 MB built, 465 MB streamed) and needs no temporary file.
const STREAM_ABOVE_EVENTS: usize = 4_096;

/// Above this many documents, their texts, mentions and claims are kept in temporary files,
/// not in memory ([`concord::store`]): at 100,000 realistic articles they were some 15 KB an
/// article of the 26 KB at the peak. The texts go as they are read, a batch at a time, once
/// the corpus passes the threshold, so ingest never holds them all either. Below it they cost little memory and the file's
/// encoding and decoding would be time spent for nothing. The environment variable
/// `CONCORD_SPILL` set to `1` always spills, to `0` never (the tests compare both).
const SPILL_ABOVE_DOCUMENTS: usize = 20_000;

/// Above how many documents a corpus spills its documents' texts, mentions and claims
/// (`None`: never).
pub(super) fn spill_above() -> Option<usize> {
    match std::env::var("CONCORD_SPILL").as_deref() {
        Ok("1") => Some(0),
        Ok("0") => None,
        _ => Some(SPILL_ABOVE_DOCUMENTS),
    }
}

/// "ingest 120/110 MB": the peak RSS so far and the RSS at a stage's end, in MB.
fn memory_text(stage: &str, m: Option<(u64, u64)>) -> String {
    match m {
        Some((peak, now)) => format!("{stage} {}/{} MB", peak / 1_000_000, now / 1_000_000),
        None => format!("{stage} unknown"),
    }
}

pub fn run(args: &ReportArgs) -> Result<ExitCode> {
    let t0 = std::time::Instant::now();
    // CPU seconds of every thread per stage, beside the wall time: on a shared machine the
    // wall time of a stage is mostly waiting, its CPU time is not. Memory per stage: the
    // peak so far and the resident size at the stage's end, to see which stage holds what.
    let mut cpu_clock = super::process_cpu_seconds();
    let mut cpu: Vec<Option<f64>> = Vec::new();
    let mut memory: Vec<Option<(u64, u64)>> = Vec::new();
    let mut cpu_lap = move || {
        let now = super::process_cpu_seconds();
        let d = now.zip(cpu_clock).map(|(b, a)| b - a);
        cpu_clock = now;
        d
    };
    // Above the threshold the mentions of each batch of documents are found as they are
    // read, and their texts go to a temporary file (`pipeline::Intake`); that time is
    // counted as the mentions stage's.
    let mut intake = concord::pipeline::Intake::new(spill_above(), true);
    args.input.load_into(&mut intake)?;
    super::print_skipped(&intake.corpus.skipped);
    eprintln!("{}", intake.corpus.accounting_line());
    intake.corpus.documents.shrink_to_fit();
    let read_mentions = intake.mention_seconds;
    let mut times: Vec<(&str, f64)> = vec![("ingest", t0.elapsed().as_secs_f64() - read_mentions)];
    cpu.push(cpu_lap());
    memory.push(super::process_memory());
    let spinner = super::stage_spinner();
    let stages = concord::pipeline::STAGES;
    if let Some(s) = &spinner {
        s.set_message(stages[0]);
    }
    let opts = concord::Options::default();
    let analysis = concord::pipeline::analyse_intake(intake, &opts, &mut |stage, secs| {
        let secs = if stage == "mentions" {
            secs + read_mentions
        } else {
            secs
        };
        times.push((stage, secs));
        cpu.push(cpu_lap());
        memory.push(super::process_memory());
        if let (Some(s), Some(next)) = (&spinner, stages.get(times.len() - 1)) {
            s.set_message(*next);
        }
    })?;
    if let Some(s) = &spinner {
        s.set_message("reconcile and report");
    }
    let mut lap = |stage: &'static str, since: std::time::Instant| {
        times.push((stage, since.elapsed().as_secs_f64()));
        cpu.push(cpu_lap());
        memory.push(super::process_memory());
    };
    let t1 = std::time::Instant::now();
    let streams = matches!(args.format, ReportFormat::Json | ReportFormat::Jsonl)
        && analysis.events.events.len() > STREAM_ABOVE_EVENTS;
    let summary = match args.format {
        // On a large corpus the events are built while they are written: their findings are
        // most of the report, and they are never all in memory. Each is reconciled once and
        // serialised into a temporary file (as big as the events' part of the output) while
        // the summary at the report's head is counted; then the file is copied after the
        // head. Both give the same bytes (tests/report_formats.rs).
        ReportFormat::Json | ReportFormat::Jsonl if streams => {
            let streamed = report::stream(&analysis);
            // Each event reconciled once and serialised into a spill file; the summary at
            // the head counts their findings.
            let spill = match args.format {
                ReportFormat::Json => report::json::spill(&streamed),
                _ => report::jsonl::spill(&streamed),
            }
            .with_context(|| {
                format!(
                    "writing the events to a temporary file in $TMPDIR ({})",
                    std::env::temp_dir().display()
                )
            })?;
            let summary = spill.summary.clone();
            lap("reconcile+report", t1);
            let t2 = std::time::Instant::now();
            write_output(args, |w| match args.format {
                ReportFormat::Json => report::json::write_spilled(&streamed, spill, w),
                _ => report::jsonl::write_spilled(&streamed, spill, w),
            })?;
            lap("write", t2);
            summary
        }
        _ => {
            let report = report::build(&analysis);
            // The report holds everything the printers show: the analysis can go first.
            drop(analysis);
            lap("reconcile+report", t1);
            let color = use_color(args.color, args.output.is_some());
            let t2 = std::time::Instant::now();
            write_output(args, |w| write_report(&report, args.format, color, w))?;
            lap("write", t2);
            report.summary
        }
    };
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
        let line: Vec<String> = times
            .iter()
            .zip(&memory)
            .map(|((s, _), m)| memory_text(s, *m))
            .collect();
        eprintln!(
            "concord: memory (peak so far/resident at the end): {}",
            line.join(", ")
        );
    }
    let s = &summary;
    eprintln!(
        "concord: {}, {}, {}, {}",
        report::plural(s.events, "event", "events"),
        report::plural(s.discrepancies, "discrepancy", "discrepancies"),
        report::plural(
            s.expected_differences,
            "expected difference",
            "expected differences"
        ),
        report::plural(s.agreements, "agreement", "agreements")
    );
    if args.fail_on_discrepancy && summary.discrepancies > 0 {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
