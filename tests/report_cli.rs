//! `concord report` as a user runs it: formats, -o, --color, exit codes.

use std::process::{Command, Output};

fn concord(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_concord"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("report")
        .args(args);
    c.env_remove("NO_COLOR");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("concord runs")
}

const FIXTURES: &[&str] = &[
    "fixtures/report/ledger.txt",
    "fixtures/report/post.txt",
    "fixtures/report/herald.txt",
    "fixtures/report/wire.txt",
];

#[test]
fn every_format_runs_on_the_seeds() {
    for format in ["text", "markdown", "json", "jsonl", "html", "claimreview"] {
        let out = concord(&["--format", format], &[]);
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stdout.is_empty(), "{format}: empty output");
    }
}

#[test]
fn json_on_the_seeds_accounts_for_every_input() {
    let out = concord(&["--format", "json"], &[]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["inputs"]["given"], 5);
    assert_eq!(v["documents"].as_array().unwrap().len(), 5);
}

#[test]
fn fail_on_discrepancy_exits_one_exactly_when_one_is_found() {
    let mut args = vec!["--format", "json"];
    args.extend_from_slice(FIXTURES);
    let out = concord(&args, &[]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found = v["summary"]["discrepancies"].as_u64().unwrap() > 0;
    args.push("--fail-on-discrepancy");
    let out = concord(&args, &[]);
    assert_eq!(out.status.code(), Some(if found { 1 } else { 0 }));
    // Without the flag a discrepancy is not an error.
    let out = concord(&FIXTURES[..2], &[]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn usage_errors_exit_two() {
    assert_eq!(concord(&["--format", "pdf"], &[]).status.code(), Some(2));
    assert_eq!(
        concord(&["--color", "sometimes"], &[]).status.code(),
        Some(2)
    );
}

#[test]
fn output_file_receives_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    let out = concord(&["--format", "html", "-o", path.to_str().unwrap()], &[]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty(), "nothing on stdout with -o");
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    let bad = dir.path().join("missing-dir").join("r.txt");
    assert_eq!(
        concord(&["-o", bad.to_str().unwrap()], &[]).status.code(),
        Some(2)
    );
}

#[test]
fn colour_follows_color_and_no_color() {
    let esc = |o: &Output| o.stdout.contains(&0x1b);
    // Piped stdout: no colour on auto.
    assert!(!esc(&concord(&[], &[])));
    assert!(esc(&concord(&["--color", "always"], &[])));
    assert!(!esc(&concord(&["--color", "never"], &[])));
    // NO_COLOR only affects auto; always means always.
    assert!(!esc(&concord(&["--color", "auto"], &[("NO_COLOR", "1")])));
    assert!(esc(&concord(&["--color", "always"], &[("NO_COLOR", "1")])));
}

#[test]
fn help_documents_the_exit_codes() {
    let out = Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(["report", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(
        help.contains("Exit codes:") && help.contains("--fail-on-discrepancy"),
        "{help}"
    );
}
