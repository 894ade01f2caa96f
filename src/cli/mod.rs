//! CLI glue shared by the subcommands: input arguments, corpus loading, output handling.

pub mod claims;
pub mod clean;
pub mod dedup;
pub mod eval;
pub mod events;
pub mod generate;
pub mod names;
pub mod report;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use concord::Corpus;
use concord::ingest::{self, IngestOptions, InputFormat, Source};
use std::io::Write;
use std::path::PathBuf;

/// Inputs shared by every subcommand that reads articles.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// Files or directories (read recursively); `-` reads standard input.
    /// With no paths (and no --file-list), the five built-in seed articles.
    pub paths: Vec<PathBuf>,
    /// Read more paths from FILE, one per line (`-` for standard input).
    #[arg(long, value_name = "FILE")]
    pub file_list: Option<PathBuf>,
    /// Override format detection for every input.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormatArg>,
    /// Skip files larger than this many bytes.
    #[arg(long, default_value_t = 64 * 1024 * 1024, value_name = "BYTES")]
    pub max_size: u64,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum InputFormatArg {
    Text,
    Markdown,
    Html,
    Jsonl,
}

impl From<InputFormatArg> for InputFormat {
    fn from(f: InputFormatArg) -> Self {
        match f {
            InputFormatArg::Text => InputFormat::Text,
            InputFormatArg::Markdown => InputFormat::Markdown,
            InputFormatArg::Html => InputFormat::Html,
            InputFormatArg::Jsonl => InputFormat::Jsonl,
        }
    }
}

impl InputArgs {
    /// The sources these arguments name; the embedded seeds when none.
    pub fn sources(&self) -> Result<Vec<Source>> {
        let mut out: Vec<Source> = Vec::new();
        for p in &self.paths {
            out.push(path_source(p));
        }
        if let Some(list) = &self.file_list {
            let body = if list.as_os_str() == "-" {
                std::io::read_to_string(std::io::stdin())
                    .context("reading --file-list from stdin")?
            } else {
                std::fs::read_to_string(list)
                    .with_context(|| format!("{}: cannot read --file-list", list.display()))?
            };
            for line in body.lines() {
                let line = line.trim();
                if !line.is_empty() && !line.starts_with('#') {
                    out.push(path_source(&PathBuf::from(line)));
                }
            }
        }
        if out.is_empty() && self.file_list.is_none() {
            out = ingest::seed_sources();
        }
        Ok(out)
    }

    pub fn options(&self) -> IngestOptions {
        IngestOptions {
            input_format: self.input_format.map(Into::into),
            max_size: self.max_size,
        }
    }

    /// Loads the corpus (JSON Lines streamed in parallel batches, a progress bar on a
    /// terminal) and prints the skipped inputs and the accounting line on stderr.
    pub fn load(&self) -> Result<Corpus> {
        let mut corpus = Corpus::default();
        self.load_into(&mut corpus)?;
        print_skipped(&corpus.skipped);
        eprintln!("{}", corpus.accounting_line());
        Ok(corpus)
    }

    /// Reads the inputs into `sink` as [`Input::load`] reads them (with its progress bar),
    /// without printing the accounting: the caller prints it from what the sink kept.
    pub fn load_into(&self, sink: &mut dyn ingest::Sink) -> Result<()> {
        let sources = self.sources()?;
        let bar = progress_bar(ingest::total_bytes(&sources));
        ingest::stream_into(
            &sources,
            &self.options(),
            &mut |done| {
                if let Some(b) = &bar {
                    b.set_position(done);
                }
            },
            sink,
        )?;
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        Ok(())
    }
}

/// Prints the skipped inputs on stderr, one line each.
pub fn print_skipped(skipped: &[concord::Skipped]) {
    for s in skipped {
        // JSONL reasons already name the file and line.
        let file = s.source.split('#').next().unwrap_or(&s.source);
        if s.reason.starts_with(file) {
            eprintln!("concord: skipped {}", s.reason);
        } else {
            eprintln!("concord: skipped {}: {}", s.source, s.reason);
        }
    }
}

/// How often a progress bar redraws.
const PROGRESS_TICK: std::time::Duration = std::time::Duration::from_millis(500);

/// A byte-count progress bar on stderr, or `None` when stderr is not a terminal (pipes,
/// files, CI logs stay clean) or there is nothing to measure.
pub fn progress_bar(total_bytes: u64) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if total_bytes == 0 || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total_bytes),
        indicatif::ProgressDrawTarget::stderr(),
    );
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "reading {bar:40} {bytes}/{total_bytes} ({bytes_per_sec}, {eta})",
        )
        .expect("the template is valid"),
    );
    bar.enable_steady_tick(PROGRESS_TICK);
    Some(bar)
}

/// A spinner naming the stage running, on a terminal stderr only.
pub fn stage_spinner() -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let s = indicatif::ProgressBar::new_spinner();
    s.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
            .expect("the template is valid"),
    );
    s.enable_steady_tick(std::time::Duration::from_millis(120));
    Some(s)
}

fn path_source(p: &std::path::Path) -> Source {
    if p.as_os_str() == "-" {
        Source::Stdin
    } else {
        Source::Path(p.to_path_buf())
    }
}

/// Output formats offered by the analysis subcommands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextOrJson {
    Text,
    Json,
}

/// Writes `s` to stdout; a closed pipe (`| head`) is not an error.
pub fn emit(s: &str) -> Result<()> {
    emit_with(|out| out.write_all(s.as_bytes()))
}

/// The output buffer: large enough that the many small writes of the JSON serialiser become
/// few system calls.
pub const OUTPUT_BUFFER: usize = 1 << 20;

/// Writes to stdout through a buffer as `write` goes, so a large output is never held whole;
/// a closed pipe (`concord clean | head`) is not an error.
pub fn emit_with(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let mut out = std::io::BufWriter::with_capacity(OUTPUT_BUFFER, std::io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r.context("writing to stdout"),
    }
}

/// Serialises a value as pretty JSON with a trailing newline.
pub fn to_json<T: serde::Serialize>(v: &T) -> Result<String> {
    let mut s = serde_json::to_string_pretty(v)?;
    s.push('\n');
    Ok(s)
}

/// Peak and current resident set size of the process in bytes (VmHWM and VmRSS from
/// /proc/self/status; Linux only, `None` elsewhere). The peak is the peak so far: it is never
/// reset, so that `/usr/bin/time` still sees the whole run's peak.
pub(crate) fn process_memory() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kib = |key: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(key))?;
        let n = line[key.len()..].trim().trim_end_matches("kB").trim();
        n.parse::<u64>().ok().map(|k| k * 1024)
    };
    Some((kib("VmHWM:")?, kib("VmRSS:")?))
}

/// User and system time of the whole process (every thread) from /proc/self/stat, in
/// seconds (Linux only; clock ticks of 1/100 s, the kernel's USER_HZ).
pub(crate) fn process_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let rest = &stat[stat.rfind(')')? + 2..];
    let mut f = rest.split(' ').skip(11);
    let utime: u64 = f.next()?.parse().ok()?;
    let stime: u64 = f.next()?.parse().ok()?;
    Some((utime + stime) as f64 / 100.0)
}
