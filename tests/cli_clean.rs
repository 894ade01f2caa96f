//! The `clean` subcommand and the CLI contract shared by every subcommand: inputs, stdin,
//! file lists, exit codes, the accounting line, broken pipes.

use serde_json::Value;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn concord() -> Command {
    Command::new(env!("CARGO_BIN_EXE_concord"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    concord().args(args).current_dir(root()).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn clean_text_lists_the_seeds_with_metadata() {
    let o = run(&["clean", "seeds/", "--format", "text"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let row = |id: &str| {
        out.lines()
            .find(|l| l.starts_with(&format!("seeds/{id}")))
            .unwrap()
            .to_string()
    };
    assert!(row("001").contains("DW") && row("001").contains("2019-12-07"));
    assert!(row("002").contains("The Moscow Times") && row("002").contains("2020-09-11"));
    assert!(row("002").contains("Anna Malpas, Anna Smolchenko for AFP"));
    assert!(row("004").contains("RFE/RL") && row("004").contains("2021-11-04 (inferred)"));
    for id in ["000", "003"] {
        // No date of their own: at most one inferred from a linked event, never 2025.
        assert!(row(id).contains("The Moscow Times"), "{}", row(id));
        assert!(
            row(id).contains("unknown") || row(id).contains("(inferred)"),
            "{}",
            row(id)
        );
        assert!(!row(id).contains("2025"));
    }
    assert!(
        out.contains("seeds/000_5fd12da166f212dc.txt: date inferred by rule linked-event-date")
    );
    assert!(
        stderr(&o)
            .trim_end()
            .ends_with("5 inputs: 5 read, 0 skipped")
    );
}

#[test]
fn clean_jsonl_follows_the_contract_and_lists_skipped_inputs() {
    let o = run(&["clean", "fixtures/ingest"]);
    assert!(o.status.success());
    let records: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let docs: Vec<&Value> = records.iter().filter(|r| r["type"] == "document").collect();
    let skipped: Vec<&Value> = records.iter().filter(|r| r["type"] == "skipped").collect();
    assert_eq!((docs.len(), skipped.len()), (11, 5));
    for d in &docs {
        for field in [
            "schema_version",
            "id",
            "source",
            "title",
            "outlet",
            "url",
            "published",
            "published_inferred",
            "authors",
            "credits",
            "text",
            "paragraphs",
            "boilerplate",
            "related_links",
            "mentions",
            "claims",
        ] {
            assert!(d.get(field).is_some(), "missing {field}");
        }
        assert!(d["published"].is_null() || d["published"].as_str().unwrap().len() == 10);
    }
    for s in &skipped {
        assert!(s["source"].is_string() && s["reason"].is_string());
    }
    assert!(
        stderr(&o)
            .contains("concord: skipped fixtures/ingest/jsonl/articles.jsonl:3: malformed JSON")
    );
    assert!(
        stderr(&o)
            .trim_end()
            .ends_with("16 inputs: 11 read, 5 skipped")
    );
}

#[test]
fn missing_path_exits_2_naming_it() {
    let o = run(&["clean", "seeds/000_5fd12da166f212dc.txt", "no/such/dir"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no/such/dir: no such file or directory"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(run(&["clean", "--format", "yaml"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn stdin_and_file_lists() {
    let mut child = concord()
        .args(["clean", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Talks End in Sochi\n\nThe leaders met on Friday and agreed on nothing, officials said.\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    let rec: Value = serde_json::from_str(stdout(&o).lines().next().unwrap()).unwrap();
    assert_eq!(rec["source"], "-");
    assert_eq!(rec["title"], "Talks End in Sochi");

    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("list.txt");
    std::fs::write(
        &list,
        format!(
            "# articles to read\n{}\n\n{}\n",
            root().join("seeds/001_0dae910f3ac21531.txt").display(),
            root().join("fixtures/ingest/broken/empty.txt").display()
        ),
    )
    .unwrap();
    let o = run(&["clean", "--file-list", list.to_str().unwrap()]);
    assert!(o.status.success());
    assert!(
        stderr(&o)
            .trim_end()
            .ends_with("2 inputs: 1 read, 1 skipped")
    );
}

#[test]
fn seeds_are_built_in_from_any_directory() {
    let dir = tempfile::tempdir().unwrap();
    let o = concord()
        .args(["clean", "--format", "text"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success());
    assert_eq!(
        stdout(&o)
            .lines()
            .filter(|l| l.starts_with("seeds/"))
            .count(),
        5
    );
    let o = concord()
        .arg("report")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn output_is_deterministic() {
    let a = run(&["clean", "fixtures/ingest", "seeds"]);
    let b = run(&["clean", "fixtures/ingest", "seeds"]);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn broken_pipe_is_not_an_error() {
    let mut args = vec!["clean"];
    args.extend(std::iter::repeat_n("seeds", 30));
    let mut child = concord()
        .args(&args)
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // stdout is closed now, like `concord clean | head -c 16`.
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stderr(&o).contains("error"));
}
