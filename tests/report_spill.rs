//! A report whose documents' mentions and claims were spilled to a temporary file
//! (`concord::store`, chosen by corpus size or forced with `CONCORD_SPILL=1`) is byte for byte
//! the report built with everything in memory.

use concord::corpus_gen::{RealisticOptions, generate, to_jsonl};
use concord::ingest::{IngestOptions, load, read_bytes, seed_sources};
use concord::{Corpus, Options, analyse, report};
use std::process::Command;

fn realistic(articles: usize, seed: u64) -> (Corpus, Vec<u8>) {
    let (articles, _) = generate(&RealisticOptions {
        articles,
        seed,
        ..Default::default()
    });
    let jsonl = to_jsonl(&articles);
    let mut corpus = Corpus::default();
    read_bytes("gen.jsonl", &jsonl, &IngestOptions::default(), &mut corpus);
    (corpus, jsonl)
}

/// JSON and JSON Lines, built, and streamed event by event as large reports are written.
fn reports(corpus: Corpus, spill: bool) -> [String; 4] {
    let a = analyse(
        corpus,
        &Options {
            spill,
            ..Default::default()
        },
    );
    // Spilled means nothing per document left in memory, the store holding it all.
    assert_eq!(a.store.is_some(), spill);
    if spill {
        assert!(a.mentions.is_empty() && a.claims.is_empty());
        assert_eq!(a.store.as_ref().unwrap().len(), a.corpus.documents.len());
    }
    let r = report::build(&a);
    let s = report::stream(&a);
    let (mut json, mut jsonl) = (Vec::new(), Vec::new());
    report::json::write_streamed(&s, &mut json).unwrap();
    report::jsonl::write_streamed(&s, &mut jsonl).unwrap();
    [
        report::json::render(&r).unwrap(),
        report::jsonl::render(&r).unwrap(),
        String::from_utf8(json).unwrap(),
        String::from_utf8(jsonl).unwrap(),
    ]
}

#[test]
fn the_spilled_report_is_the_report_in_memory() {
    let seeds = load(&seed_sources(), &IngestOptions::default()).unwrap();
    for corpus in [seeds, realistic(500, 4).0] {
        let in_memory = reports(corpus.clone(), false);
        let spilled = reports(corpus, true);
        // A report with something to get wrong: events, findings across them, names.
        let json = &in_memory[0];
        assert!(json.contains("\"discrepancy\"") && json.contains("\"forms\""));
        for (a, b) in in_memory.iter().zip(&spilled) {
            assert!(a == b, "the spilled report differs");
        }
    }
}

/// `CONCORD_SPILL=1` makes `concord report` spill a corpus too small to spill by itself, and
/// `CONCORD_SPILL=0` keeps a corpus in memory: the same bytes both ways.
#[test]
fn concord_spill_forces_the_store_and_changes_no_byte() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("gen.jsonl");
    std::fs::write(&input, realistic(500, 9).1).unwrap();
    let run = |format: &str, spill: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_concord"))
            .args(["report", "--format", format])
            .arg(&input)
            .env("CONCORD_SPILL", spill)
            .output()
            .expect("concord runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    for format in ["json", "jsonl"] {
        let (kept, spilled) = (run(format, "0"), run(format, "1"));
        assert!(kept.len() > 100_000, "{} bytes", kept.len());
        assert!(kept == spilled, "--format {format} differs when spilled");
    }
}

/// When the store's temporary files cannot be made (`$TMPDIR` missing), `concord report`
/// ends with an error naming `$TMPDIR`, the directory and the cause, not with a panic, and
/// without a report; kept in memory, the same corpus needs no temporary file.
#[test]
fn a_tmpdir_that_cannot_be_written_is_a_clean_error() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("gen.jsonl");
    std::fs::write(&input, realistic(50, 2).1).unwrap();
    let missing = dir.path().join("no such directory");
    let run = |spill: &str| {
        Command::new(env!("CARGO_BIN_EXE_concord"))
            .args(["report", "--format", "jsonl"])
            .arg(&input)
            .env("CONCORD_SPILL", spill)
            .env("TMPDIR", &missing)
            .output()
            .expect("concord runs")
    };
    let out = run("1");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(!stderr.contains("panicked"), "{stderr}");
    let error = stderr
        .lines()
        .find(|l| l.starts_with("concord: error: "))
        .unwrap_or_else(|| panic!("no error line in {stderr}"));
    assert!(error.contains("$TMPDIR"), "{error}");
    assert!(error.contains(&*missing.to_string_lossy()), "{error}");
    assert!(error.contains("No such file or directory"), "{error}");
    let kept = run("0");
    assert!(kept.status.success() && !kept.stdout.is_empty());
}
