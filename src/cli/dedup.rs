//! `concord dedup`: exact and near-duplicate groups, trimmed copies and reused passages.

use super::{InputArgs, InputFormatArg, TextOrJson, emit, to_json};
use anyhow::{Context, Result};
use clap::Args;
use concord::corpus_gen::{Truth, score_duplicates};
use concord::ingest::{self, IngestOptions};
use concord::link::generate::{PlantedPair, score_detail};
use concord::link::{DedupStats, DupGroup, Sketcher, TextStore};
use concord::{Document, Skipped};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Instant;

#[derive(Debug, Args)]
pub struct DedupArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
    /// Jaccard similarity of 5-word shingles from which two articles are near-duplicates.
    #[arg(long, default_value_t = 0.5, value_name = "0..1")]
    pub threshold: f64,
    /// Shortest shared passage (in words) that links two otherwise different articles.
    #[arg(long, default_value_t = 25, value_name = "WORDS")]
    pub min_passage: usize,
    /// A run of words found in more than this many articles is taken for a stock phrase and
    /// proposes no shared-passage candidates (near-duplicates are still found).
    #[arg(long, default_value_t = 10, value_name = "ARTICLES")]
    pub max_df: usize,
    /// Score against planted pairs instead of printing groups: FILE is the truth written by
    /// `concord generate --out CORPUS.jsonl` (CORPUS.jsonl.truth.json) and the input is that
    /// JSONL file. Prints time, articles per second, recall, precision and memory.
    #[arg(long, value_name = "FILE")]
    pub truth: Option<PathBuf>,
}

pub fn run(args: &DedupArgs) -> Result<()> {
    let opts = concord::link::DedupOptions {
        near_duplicate: args.threshold,
        min_passage_words: args.min_passage,
        max_fingerprint_df: args.max_df,
        ..Default::default()
    };
    let truth = args.truth.as_deref().map(read_truth).transpose()?;
    // JSON Lines inputs are streamed (only sketches in memory) unless the text printer or a
    // realistic truth file needs the documents themselves.
    let needs_documents = match &truth {
        Some(t) => t.families.is_some(),
        None => matches!(args.format, TextOrJson::Text),
    };
    if let Some(paths) = jsonl_inputs(&args.input).filter(|_| !needs_documents) {
        let t0 = Instant::now();
        let streamed = stream(&paths, &args.input.options(), &opts)?;
        let streamed_secs = t0.elapsed().as_secs_f64();
        let articles = streamed.sketcher.len();
        let (t, cpu) = (Instant::now(), super::process_cpu_seconds());
        let (groups, stats) = streamed.sketcher.finish(&streamed.spill);
        let timing = Timing {
            load_secs: streamed_secs - streamed.sign_secs,
            secs: streamed.sign_secs + t.elapsed().as_secs_f64(),
            cpu: super::process_cpu_seconds()
                .zip(cpu)
                .zip(streamed.sign_cpu)
                .map(|((b, a), s)| b - a + s),
            before: streamed.before,
        };
        return match &truth {
            Some(t) => emit(&check_report(
                articles,
                planted_score(articles, &t.planted, &groups, &t.path)?,
                &groups,
                &stats,
                &timing,
            )),
            None => emit(&to_json(&serde_json::json!({ "groups": groups }))?),
        };
    }
    let t0 = Instant::now();
    let corpus = args.input.load()?;
    let load_secs = t0.elapsed().as_secs_f64();
    if let Some(truth) = &truth {
        return check(&corpus.documents, truth, &opts, load_secs);
    }
    let groups = concord::link::dedup(&corpus.documents, &opts);
    match args.format {
        TextOrJson::Json => emit(&to_json(&serde_json::json!({ "groups": groups }))?),
        TextOrJson::Text => emit(&text(&corpus.documents, &groups)),
    }
}

/// The inputs when every one is a JSON Lines file (by extension, or `--input-format jsonl`).
fn jsonl_inputs(input: &InputArgs) -> Option<Vec<PathBuf>> {
    let forced = match input.input_format {
        Some(f) => matches!(f, InputFormatArg::Jsonl),
        None => false,
    };
    if input.file_list.is_some()
        || input.paths.is_empty()
        || (input.input_format.is_some() && !forced)
    {
        return None;
    }
    let jsonl = |p: &PathBuf| {
        let ext = p
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        p.is_file() && (forced || ext == "jsonl" || ext == "ndjson")
    };
    input.paths.iter().all(jsonl).then(|| input.paths.clone())
}

/// Lines parsed per parallel batch while streaming (as ingest's streaming reader does).
const STREAM_BATCH_LINES: usize = 4096;

/// What streaming the inputs leaves: the sketches, the spilled texts, and the time signing
/// took (reading and parsing the JSON excluded, as `load seconds` is for in-memory runs).
struct Streamed {
    sketcher: Sketcher,
    spill: Spill,
    sign_secs: f64,
    sign_cpu: Option<f64>,
    before: (Option<u64>, Option<u64>),
}

/// Reads JSON Lines files in batches of lines, parsed in parallel exactly as ingest reads
/// them, signs each batch and writes its texts to a spill file, then drops it: memory holds
/// only the sketches (about 500 bytes an article) and one batch, whatever the corpus size.
fn stream(
    paths: &[PathBuf],
    ingest_opts: &IngestOptions,
    opts: &concord::link::DedupOptions,
) -> Result<Streamed> {
    use rayon::prelude::*;
    use std::io::BufRead;
    let mut sketcher = Sketcher::new(opts);
    let mut spill = Spill::create()?;
    let mut out = std::io::BufWriter::with_capacity(
        1 << 20,
        spill
            .file
            .get_mut()
            .map_err(|_| anyhow::anyhow!("spill file lock"))?
            .try_clone()?,
    );
    let mut skipped: Vec<Skipped> = Vec::new();
    let (mut sign_secs, mut sign_cpu) = (0.0, Some(0.0));
    let mut before = (None, None);
    let mut pos = 0u64;
    for p in paths {
        let name = p.display().to_string();
        let file = std::fs::File::open(p).with_context(|| format!("{name}: cannot read"))?;
        let mut reader = std::io::BufReader::with_capacity(1 << 20, file);
        let (mut line_no, mut records) = (0usize, 0usize);
        loop {
            let mut batch: Vec<(usize, Vec<u8>)> = Vec::with_capacity(STREAM_BATCH_LINES);
            while batch.len() < STREAM_BATCH_LINES {
                let mut buf = Vec::new();
                if reader
                    .read_until(b'\n', &mut buf)
                    .with_context(|| format!("{name}: cannot read"))?
                    == 0
                {
                    break;
                }
                line_no += 1;
                batch.push((line_no, buf));
            }
            if batch.is_empty() {
                break;
            }
            let reads: Vec<_> = batch
                .par_iter()
                .map(|(no, raw)| ingest::read_jsonl_record(&name, *no, raw, ingest_opts))
                .collect();
            drop(batch);
            let mut docs = Vec::with_capacity(reads.len());
            for r in reads.into_iter().flatten() {
                records += 1;
                match r {
                    Ok(d) => docs.push(d),
                    Err(s) => skipped.push(s),
                }
            }
            if before.0.is_none() {
                before = (proc_status_kib("VmHWM"), proc_status_kib("VmRSS"));
            }
            let (t, cpu) = (Instant::now(), super::process_cpu_seconds());
            for d in &docs {
                out.write_all(d.text.as_bytes())
                    .context("writing the dedup spill file")?;
                pos += d.text.len() as u64;
                spill.ends.push(pos);
            }
            sketcher.add(&docs);
            sign_secs += t.elapsed().as_secs_f64();
            sign_cpu = sign_cpu
                .zip(super::process_cpu_seconds().zip(cpu))
                .map(|(s, (b, a))| s + b - a);
        }
        if line_no == 0 {
            skipped.push(Skipped {
                source: name,
                reason: "empty file".into(),
            });
        } else if records == 0 {
            skipped.push(Skipped {
                source: name,
                reason: "JSON Lines file with no records".into(),
            });
        }
    }
    out.flush().context("writing the dedup spill file")?;
    drop(out);
    super::print_skipped(&skipped);
    eprintln!(
        "{} inputs: {} read, {} skipped",
        sketcher.len() + skipped.len(),
        sketcher.len(),
        skipped.len()
    );
    Ok(Streamed {
        sketcher,
        spill,
        sign_secs,
        sign_cpu,
        before,
    })
}

/// The texts of a streamed corpus, one after another in a temporary file (removed on drop),
/// read back by offset for the documents dedup verifies: the corpus's text is on disk and
/// in the page cache, not in the process's memory.
struct Spill {
    path: PathBuf,
    file: Mutex<std::fs::File>,
    /// End offset of every document's text.
    ends: Vec<u64>,
}

impl Spill {
    fn create() -> Result<Self> {
        let path = std::env::temp_dir().join(format!(
            "concord-dedup-{}-{:x}.txt",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default()
        ));
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)
            .with_context(|| format!("{}: cannot create the dedup spill file", path.display()))?;
        Ok(Spill {
            path,
            file: Mutex::new(file),
            ends: Vec::new(),
        })
    }
}

impl Drop for Spill {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

impl TextStore for Spill {
    fn texts(&self, ids: &[u32]) -> Vec<Cow<'_, str>> {
        let mut file = self.file.lock().unwrap_or_else(|e| e.into_inner());
        ids.iter()
            .map(|&d| {
                let d = d as usize;
                let start = if d == 0 { 0 } else { self.ends[d - 1] };
                let mut buf = vec![0u8; (self.ends[d] - start) as usize];
                file.seek(SeekFrom::Start(start))
                    .and_then(|_| file.read_exact(&mut buf))
                    .unwrap_or_else(|e| {
                        panic!(
                            "{}: cannot read the dedup spill file: {e}",
                            self.path.display()
                        )
                    });
                Cow::Owned(String::from_utf8(buf).expect("the spill file holds UTF-8 texts"))
            })
            .collect()
    }
}

/// A short excerpt of a passage: its first and last words.
fn excerpt(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() <= 14 {
        words.join(" ")
    } else {
        format!(
            "{} ... {}",
            words[..7].join(" "),
            words[words.len() - 5..].join(" ")
        )
    }
}

fn text(docs: &[Document], groups: &[DupGroup]) -> String {
    let by_source = |s: &str| docs.iter().find(|d| d.source == s);
    let mut out = String::new();
    if groups.is_empty() {
        out.push_str("no duplicates or reused passages found\n");
    }
    for g in groups {
        let rep = by_source(&g.representative);
        let date = rep
            .and_then(|d| d.published)
            .map(|d| format!(", published {d}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "group: {} (representative{date}), {} member(s)",
            g.representative,
            g.members.len()
        );
        for m in &g.members {
            let via = m
                .via
                .as_deref()
                .map(|v| format!(", against {v}"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {} {}: similarity {:.2}, containment {:.2}{via}",
                m.relation, m.source, m.similarity, m.containment
            );
            let b_doc = by_source(&m.source);
            for p in &m.shared_passages {
                let words = b_doc
                    .map(|d| excerpt(p.b.slice(&d.text)))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "    passage of {} words at bytes {}..{} (representative {}..{}): \"{}\"",
                    p.words, p.b.start, p.b.end, p.a.start, p.a.end, words
                );
            }
        }
    }
    out
}

/// A `--truth` file: the planted pairs of `generate --out`, or the ground truth of
/// `generate --realistic` (its duplicate families, by article id).
struct TruthFile {
    path: PathBuf,
    planted: Vec<PlantedPair>,
    families: Option<Truth>,
}

fn read_truth(truth: &std::path::Path) -> Result<TruthFile> {
    let text = std::fs::read_to_string(truth)
        .with_context(|| format!("{}: cannot read --truth file", truth.display()))?;
    let realistic = text.trim_start().starts_with('{');
    let planted: Vec<PlantedPair> = if realistic {
        Vec::new()
    } else {
        serde_json::from_str(&text)
            .with_context(|| format!("{}: not a planted-pairs file", truth.display()))?
    };
    let families: Option<Truth> = if realistic {
        Some(serde_json::from_str(&text).with_context(|| {
            format!(
                "{}: not a `generate --realistic` truth file",
                truth.display()
            )
        })?)
    } else {
        None
    };
    Ok(TruthFile {
        path: truth.to_path_buf(),
        planted,
        families,
    })
}

/// How long dedup took, and the memory before it.
struct Timing {
    load_secs: f64,
    secs: f64,
    cpu: Option<f64>,
    /// Peak and current RSS (KiB) before dedup started.
    before: (Option<u64>, Option<u64>),
}

/// `--truth`: dedup timed on its own, scored against the generator's planted pairs or the
/// realistic corpus's families.
fn check(
    docs: &[Document],
    truth: &TruthFile,
    opts: &concord::link::DedupOptions,
    load_secs: f64,
) -> Result<()> {
    let before = (proc_status_kib("VmHWM"), proc_status_kib("VmRSS"));
    let (t, cpu) = (Instant::now(), super::process_cpu_seconds());
    let (groups, stats) = concord::link::dedup_with_stats(docs, opts);
    let timing = Timing {
        load_secs,
        secs: t.elapsed().as_secs_f64(),
        cpu: super::process_cpu_seconds().zip(cpu).map(|(b, a)| b - a),
        before,
    };
    let scored = match &truth.families {
        Some(families) => realistic_score(docs, families, &groups),
        None => planted_score(docs.len(), &truth.planted, &groups, &truth.path),
    };
    emit(&check_report(docs.len(), scored?, &groups, &stats, &timing))
}

/// The `--truth` report: scores, time, throughput and memory, one `key value` a line.
fn check_report(
    articles: usize,
    scored: String,
    groups: &[DupGroup],
    stats: &DedupStats,
    timing: &Timing,
) -> String {
    let mib = |kib: Option<u64>| {
        kib.map(|k| format!("{:.1}", k as f64 / 1024.0))
            .unwrap_or_else(|| "unknown".into())
    };
    let per_article = |bytes: usize| bytes as f64 / articles.max(1) as f64;
    let Timing {
        load_secs,
        secs,
        cpu,
        before,
    } = timing;
    format!(
        "articles {articles}\n{scored}groups {}\nload seconds {load_secs:.2}\n\
         dedup seconds {secs:.2}\narticles per second {:.0}\ndedup cpu seconds {}\n\
         articles per cpu second {}\n\
         band pairs dropped {}\ncandidate pairs {}\nverified pairs {}\n\
         sketch bytes per article {:.0}\ncandidate buffer bytes per article {:.0}\n\
         peak rss before dedup MiB {}\nrss before dedup MiB {}\npeak rss MiB {}\n",
        groups.len(),
        articles as f64 / secs,
        cpu.map(|c| format!("{c:.2}"))
            .unwrap_or_else(|| "unknown".into()),
        cpu.map(|c| format!("{:.0}", articles as f64 / c.max(0.01)))
            .unwrap_or_else(|| "unknown".into()),
        stats.band_pairs_dropped,
        stats.candidate_pairs,
        stats.verified_pairs,
        per_article(stats.sketch_bytes),
        per_article(stats.candidate_bytes),
        mib(before.0),
        mib(before.1),
        mib(proc_status_kib("VmHWM")),
    )
}

/// Recall (overall and per kind) and precision against the synthetic corpus's planted pairs.
fn planted_score(
    articles: usize,
    planted: &[PlantedPair],
    groups: &[DupGroup],
    truth: &std::path::Path,
) -> Result<String> {
    if let Some(p) = planted.iter().find(|p| p.original.max(p.copy) >= articles) {
        anyhow::bail!(
            "{}: planted pair {} -> {} is beyond the {articles} articles read; give the JSONL \
             file this truth was written with (and --max-size above its size)",
            truth.display(),
            p.original,
            p.copy,
        );
    }
    // JSONL records are `FILE#N`, N counted from 1 in generation order.
    let index_of = |s: &str| {
        s.rsplit_once('#')
            .and_then(|(_, n)| n.parse::<usize>().ok())
            .and_then(|n| n.checked_sub(1))
    };
    let score = score_detail(articles, planted, groups, index_of);
    let by_kind: String = score
        .by_kind
        .iter()
        .map(|(kind, found, total)| {
            let name = serde_json::to_value(kind).unwrap_or_default();
            let name = name.as_str().unwrap_or("?").to_string();
            format!(
                "recall {name} {:.4} ({found} of {total})\n",
                *found as f64 / *total as f64
            )
        })
        .collect();
    Ok(format!(
        "planted pairs {}\nrecall {:.4}\nrecall near-duplicate kinds {:.4}\n{by_kind}\
         precision {:.4}\n",
        planted.len(),
        score.recall,
        score.near_duplicate_recall(),
        score.precision,
    ))
}

/// Recall of the realistic corpus's planted copies (exact, updated, syndicated), and the
/// precision of every pair inside the groups found (a pair is right when both articles are
/// one planted family; shared passages that join different events count as wrong).
fn realistic_score(docs: &[Document], truth: &Truth, groups: &[DupGroup]) -> Result<String> {
    let id_of: HashMap<&str, &str> = docs
        .iter()
        .map(|d| (d.source.as_str(), d.id.as_str()))
        .collect();
    let groups: Vec<Vec<String>> = groups
        .iter()
        .map(|g| {
            std::iter::once(&g.representative)
                .chain(g.members.iter().map(|m| &m.source))
                .map(|s| id_of.get(s.as_str()).copied().unwrap_or(s).to_string())
                .collect()
        })
        .collect();
    let score = score_duplicates(truth, &groups);
    Ok(format!(
        "planted pairs {}\nrecall {:.4}\nprecision {:.4}\n",
        score.planted,
        score.recall(),
        score.precision(),
    ))
}

/// A `kB` field of /proc/self/status (Linux only; `None` elsewhere).
fn proc_status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find_map(|l| {
        let rest = l.strip_prefix(field)?.strip_prefix(':')?;
        rest.trim().trim_end_matches("kB").trim().parse().ok()
    })
}
