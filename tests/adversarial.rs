//! Hostile input (issue 8): hidden characters and look-alike letters inside names, giant
//! lines, deep HTML, script-only pages, article text carrying markup and JavaScript, broken
//! bytes, directory entries that cannot be read, broken JSON Lines, a million empty lines.
//! Each gives a document, or a skipped record naming the file (and line), and never a panic;
//! the CLI accounts for every input (given = read + skipped) on stderr and in the JSON.
//!
//! Small cases are files in fixtures/adversarial (see fixtures/adversarial.md); big or
//! special ones (10 MB lines, a million empty lines, 100,000 nested elements, NUL bytes,
//! symlinks, a FIFO) are made at run time in a temporary directory.

use concord::ingest::{self, IngestOptions, Source};
use concord::normalize::Entity;
use concord::{Corpus, Options, analyse};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/adversarial")
}

fn load(paths: &[PathBuf]) -> Corpus {
    let sources: Vec<Source> = paths.iter().cloned().map(Source::Path).collect();
    ingest::load(&sources, &IngestOptions::default()).unwrap()
}

fn entities_of(files: &[&str]) -> Vec<Entity> {
    let paths: Vec<PathBuf> = files.iter().map(|f| fixtures().join(f)).collect();
    analyse(load(&paths), &Options::default()).entities
}

fn entity_with<'a>(es: &'a [Entity], form: &str) -> &'a Entity {
    es.iter()
        .find(|e| e.variants.iter().any(|v| v.form == form))
        .unwrap_or_else(|| panic!("no entity has the form {form:?}: {es:#?}"))
}

fn concord(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(args)
        .output()
        .unwrap()
}

/// Runs `f` and fails when it takes longer than `limit` (a hang guard, not a benchmark: the
/// limits are several times the time measured on a machine loaded by five builds).
fn within<T>(limit: Duration, what: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    assert!(
        t.elapsed() < limit,
        "{what} took {:?} (limit {limit:?})",
        t.elapsed()
    );
    out
}

#[test]
fn zero_width_and_bidi_characters_do_not_split_a_name() {
    let es = entities_of(&["names-hidden.txt"]);
    let luk = entity_with(&es, "Alexander Lukashenko");
    // Three mentions: one with a zero-width space, one clean, one with a soft hyphen and a
    // word joiner. All are one variant of one entity.
    let v = &luk.variants[0];
    assert_eq!((luk.variants.len(), v.count), (1, 3), "{luk:#?}");
    for piece in ["Alexander Luka", "Luka", "shenko", "Lukashen", "ko"] {
        assert!(
            !es.iter()
                .any(|e| e.variants.iter().any(|v| v.form == piece)),
            "a hidden character split the name: {es:#?}"
        );
    }
    // A bidi override inside the surname does not hide it either.
    entity_with(&es, "Sviatlana Tsikhanouskaya");
}

#[test]
fn a_cyrillic_lookalike_letter_is_matched_and_flagged() {
    let es = entities_of(&["names-lookalike.txt"]);
    let luk = entity_with(&es, "Alexander Lukashenko");
    let mixed = luk
        .variants
        .iter()
        .find(|v| v.form == "Alexander Lukashen\u{043A}o")
        .unwrap_or_else(|| panic!("the look-alike spelling was not merged: {es:#?}"));
    assert!(mixed.mixed_script);
    assert_eq!(luk.display, "Alexander Lukashenko", "never the look-alike");
    for v in luk.variants.iter().filter(|v| v.form != mixed.form) {
        assert!(!v.mixed_script, "{v:?}");
    }

    // The flag is in the names output users script against, and only where it is true.
    let f = fixtures().join("names-lookalike.txt");
    let out = concord(&["names", "--format", "json", f.to_str().unwrap()]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let flagged: Vec<&str> = v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["variants"].as_array().unwrap())
        .filter(|v| v["mixed_script"] == true)
        .map(|v| v["form"].as_str().unwrap())
        .collect();
    assert_eq!(flagged, vec!["Alexander Lukashen\u{043A}o"]);

    // And in the text table, on that variant's line only.
    let out = concord(&["names", f.to_str().unwrap()]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let marked: Vec<&str> = text
        .lines()
        .filter(|l| l.ends_with("[mixed script]"))
        .collect();
    assert_eq!(marked.len(), 1, "{text}");
    assert!(
        marked[0]
            .trim_start()
            .starts_with("Alexander Lukashen\u{043A}o"),
        "{text}"
    );
}

/// Prose sentences, `n` bytes or a little more, on one line.
fn one_line_of_prose(n: usize) -> String {
    const S: &str = "More than 5,000 people marched in Minsk on Sunday, police said, and \
                     Alexander Lukashenko said on Monday that \"nothing will change\". ";
    S.repeat(n / S.len() + 1)
}

/// One sentence of `n` bytes or a little more: no full stop anywhere.
fn one_giant_sentence(n: usize) -> String {
    const S: &str = "and more than 5,000 people marched in Minsk while Alexander Lukashenko \
                     said nothing will change according to the police ";
    S.repeat(n / S.len() + 1)
}

#[test]
fn a_ten_megabyte_line_is_read_as_one_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("prose.txt", one_line_of_prose(10 << 20)),
        ("sentence.txt", one_giant_sentence(10 << 20)),
    ] {
        let p = dir.path().join(name);
        std::fs::write(&p, &text).unwrap();
        let c = within(Duration::from_secs(120), name, || load(&[p]));
        assert_eq!((c.documents.len(), c.skipped.len()), (1, 0), "{name}");
        let d = &c.documents[0];
        assert_eq!(d.paragraphs.len(), 1, "{name}");
        assert!(d.text.len() >= 10 << 20, "{name}: text lost");
    }
}

#[test]
fn a_ten_megabyte_line_of_sentences_goes_through_the_pipeline() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("prose.txt");
    std::fs::write(&p, one_line_of_prose(10 << 20)).unwrap();
    // No time limit: about 2 CPU-minutes, and wall time on a shared machine says little.
    let a = analyse(load(&[p]), &Options::default());
    let claims = &a.claims[0];
    assert!(claims.len() > 10_000, "{} claims", claims.len());
}

#[test]
fn a_ten_megabyte_sentence_goes_through_the_pipeline() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("sentence.txt");
    let text = one_giant_sentence(10 << 20);
    let repeats = text.matches("more than 5,000 people").count();
    std::fs::write(&p, text).unwrap();
    let a = within(Duration::from_secs(300), "analyse", || {
        analyse(load(&[p]), &Options::default())
    });
    // Extraction is linear (bounded context windows), so every figure of the sentence is
    // found, each with a bounded excerpt as its sentence.
    assert_eq!(a.corpus.documents.len(), 1);
    let crowds = a.claims[0]
        .iter()
        .filter(|c| c.phrase == "more than 5,000 people")
        .count();
    assert_eq!(crowds, repeats);
    assert!(a.claims[0].iter().all(|c| c.sentence.len() < 4096));
}

fn nested_html(depth: usize) -> String {
    format!(
        "<!DOCTYPE html><html><body>{}<p>Thousands of people marched in Minsk on Sunday, \
         police said.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    )
}

#[test]
fn deeply_nested_html_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("nested.html");
    std::fs::write(&p, nested_html(100_000)).unwrap();
    let c = within(Duration::from_secs(120), "nested.html", || load(&[p]));
    assert_eq!(c.documents.len(), 1, "{:?}", c.skipped);
    assert!(c.documents[0].text.contains("Thousands of people marched"));
    // Unclosed, the same depth.
    let p = dir.path().join("unclosed.html");
    std::fs::write(
        &p,
        "<html><body>".to_string() + &"<div><span>".repeat(50_000),
    )
    .unwrap();
    let c = within(Duration::from_secs(120), "unclosed.html", || load(&[p]));
    assert_eq!(c.given(), 1);
}

#[test]
fn script_and_style_only_pages_are_skipped_with_a_reason() {
    let c = load(&[
        fixtures().join("script-only.html"),
        fixtures().join("style-only.html"),
    ]);
    assert!(c.documents.is_empty(), "{:#?}", c.documents);
    assert_eq!(c.skipped.len(), 2);
    for (s, file) in c
        .skipped
        .iter()
        .zip(["script-only.html", "style-only.html"])
    {
        assert!(s.source.ends_with(file));
        assert_eq!(s.reason, "no article text found in the HTML page");
    }
}

#[test]
fn markup_and_javascript_in_articles_reach_the_html_report_only_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    let run = concord(&[
        "report",
        "--format",
        "html",
        "-o",
        out.to_str().unwrap(),
        fixtures().join("script-in-text.txt").to_str().unwrap(),
        fixtures().join("escaped-script.html").to_str().unwrap(),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let html = std::fs::read_to_string(&out).unwrap();
    // The article's words are in the report ...
    for text in [
        "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;",
        "&lt;img src=x onerror=alert(",
        "&lt;/textarea&gt;&lt;svg onload=alert(3)&gt;",
        // An HTML page's &lt;script&gt; is text in the article, and text in the report.
        "&lt;script&gt;alert(&#39;escaped&#39;)&lt;/script&gt;",
    ] {
        assert!(html.contains(text), "{text} missing from the report");
    }
    // ... and no element or attribute of theirs is live: every tag is one the report itself
    // writes, with no event handler and no javascript: URL.
    const OURS: &[&str] = &[
        "!doctype",
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "main",
        "header",
        "h1",
        "h2",
        "h3",
        "h4",
        "p",
        "ul",
        "ol",
        "li",
        "section",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "span",
        "a",
        "code",
        "blockquote",
        "mark",
        "del",
        "ins",
        "svg",
        "g",
        "line",
        "rect",
        "text",
        "footer",
        "nav",
        "div",
        "details",
        "summary",
        "small",
        "strong",
        "em",
        "br",
        "circle",
        "path",
        "figure",
        "figcaption",
        "abbr",
    ];
    let lower = html.to_lowercase();
    for tag in lower.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap();
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect();
        assert!(OURS.contains(&name.as_str()), "unexpected tag <{tag}>");
        let handler = tag
            .split(|c: char| c.is_whitespace())
            .any(|attr| attr.starts_with("on") && attr.contains('='));
        assert!(!handler, "event handler in <{tag}>");
        assert!(!tag.contains("javascript:"), "script URL in <{tag}>");
    }
}

#[test]
fn invalid_utf8_and_nul_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let article = "Talks in Minsk\n\nThousands of people marched in Minsk on Sunday, police \
                   said. Alexander Lukashenko said nothing would change.\n";
    let mut broken = "Марш у Мінску. ".repeat(20).into_bytes();
    broken.extend_from_slice(&[0xC3, 0x28, 0xFF, 0xFE]);
    broken.extend_from_slice(article.as_bytes());
    let mut nul_early = article.as_bytes().to_vec();
    nul_early.insert(20, 0);
    let mut nul_late = article.repeat(100).into_bytes();
    nul_late.splice(9000..9000, [0u8, 0, 0]);
    for (name, bytes) in [
        ("broken.txt", broken),
        ("nul-early.txt", nul_early),
        ("nul-late.txt", nul_late),
    ] {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let c = load(&[dir.path().to_path_buf()]);
    assert_eq!(c.given(), 3);
    let doc = |n: &str| c.documents.iter().find(|d| d.source.ends_with(n));
    let b = doc("broken.txt").expect("damaged UTF-8 is read");
    assert!(b.warnings.iter().any(|w| w.contains("invalid UTF-8")));
    assert!(b.text.contains('\u{FFFD}'));
    let s = c
        .skipped
        .iter()
        .find(|s| s.source.ends_with("nul-early.txt"));
    assert_eq!(s.unwrap().reason, "binary file (not text)");
    // A NUL past the binary sniff is not text: it never reaches the document.
    let late = doc("nul-late.txt").expect("text with a stray NUL is read");
    assert!(!late.text.contains('\0'));
    assert!(
        late.warnings
            .iter()
            .any(|w| w.contains("control characters"))
    );
}

/// A directory with a symlink loop, a FIFO, a dangling symlink and one good article.
/// Root reads every file whatever its mode, so "unreadable" is an entry that is not a file
/// to read: a FIFO (opening it would block until a writer came) and a symlink to nowhere.
#[cfg(unix)]
fn hostile_tree(dir: &Path) {
    let sub = dir.join("sub");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(
        sub.join("good.txt"),
        "Talks in Minsk\n\nThe talks ended on Friday, officials said.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(dir, sub.join("loop")).unwrap();
    std::os::unix::fs::symlink(dir.join("nowhere.txt"), dir.join("dangling.txt")).unwrap();
    let fifo = Command::new("mkfifo")
        .arg(dir.join("pipe.txt"))
        .status()
        .unwrap();
    assert!(fifo.success());
}

#[cfg(unix)]
#[test]
fn unreadable_entries_and_symlink_loops_are_skipped_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    hostile_tree(dir.path());
    let c = within(Duration::from_secs(30), "walk", || {
        load(&[dir.path().to_path_buf()])
    });
    assert_eq!(c.documents.len(), 1);
    let reason = |name: &str| {
        c.skipped
            .iter()
            .find(|s| s.source.ends_with(name))
            .unwrap_or_else(|| panic!("{name} not skipped: {:#?}", c.skipped))
            .reason
            .clone()
    };
    assert!(reason("dangling.txt").contains("No such file"));
    assert_eq!(reason("pipe.txt"), "not a regular file");
    assert!(reason("loop").contains("symlink loop"));
    assert_eq!(c.skipped.len(), 3);
}

#[test]
fn jsonl_with_duplicate_ids_and_a_truncated_last_line() {
    let c = load(&[fixtures().join("feed.jsonl")]);
    assert_eq!((c.documents.len(), c.skipped.len()), (2, 1));
    assert!(c.documents[1].warnings[0].starts_with("duplicate id \"wire-7\": also on line 1"));
    assert!(c.skipped[0].source.ends_with("feed.jsonl#4"));
    assert!(c.skipped[0].reason.contains("feed.jsonl:4: malformed JSON"));
}

#[test]
fn a_million_empty_lines() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty-lines.txt");
    std::fs::write(&empty, "\n".repeat(1_000_000)).unwrap();
    let padded = dir.path().join("padded.txt");
    std::fs::write(
        &padded,
        format!(
            "Talks in Minsk\n{}The talks ended on Friday, officials said.\n{}",
            "\n".repeat(500_000),
            "\r\n \n\t\n".repeat(250_000)
        ),
    )
    .unwrap();
    let jsonl = dir.path().join("empty-lines.jsonl");
    std::fs::write(&jsonl, "\n".repeat(1_000_000)).unwrap();
    let c = within(Duration::from_secs(120), "empty lines", || {
        load(&[empty, padded, jsonl])
    });
    assert_eq!(c.given(), 3);
    assert_eq!(c.skipped.len(), 2, "{:#?}", c.skipped);
    assert!(c.skipped[0].source.ends_with("empty-lines.txt"));
    assert_eq!(c.skipped[0].reason, "empty file");
    assert!(c.skipped[1].source.ends_with("empty-lines.jsonl"));
    assert_eq!(
        c.documents[0].text,
        "The talks ended on Friday, officials said."
    );
}

/// The whole adversarial corpus through `concord report --format json`: no panic, exit 0,
/// and the accounting on stderr and in the JSON agree with each other and with the inputs.
#[cfg(unix)]
#[test]
fn cli_accounts_for_every_input_of_the_adversarial_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    std::fs::create_dir(&root).unwrap();
    let mut committed = 0;
    for e in std::fs::read_dir(fixtures()).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), root.join(e.file_name())).unwrap();
        committed += 1;
    }
    hostile_tree(&root);
    std::fs::write(root.join("nested.html"), nested_html(100_000)).unwrap();
    std::fs::write(root.join("empty-lines.txt"), "\n".repeat(1_000_000)).unwrap();
    std::fs::write(root.join("prose-line.txt"), one_line_of_prose(1 << 20)).unwrap();
    std::fs::write(root.join("nul.txt"), b"\0\0\0binary\0").unwrap();
    let mut broken = "Марш у Мінску. ".repeat(20).into_bytes();
    broken.extend_from_slice(&[0xC3, 0x28, 0xFF]);
    std::fs::write(root.join("broken.txt"), broken).unwrap();

    let out = within(Duration::from_secs(600), "concord report", || {
        concord(&["report", "--format", "json", root.to_str().unwrap()])
    });
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let inputs = &report["inputs"];
    let (given, read, skipped) = (
        inputs["given"].as_u64().unwrap(),
        inputs["read"].as_u64().unwrap(),
        inputs["skipped"].as_u64().unwrap(),
    );
    assert_eq!(given, read + skipped);
    assert_eq!(
        stderr
            .lines()
            .filter(|l| l.contains(" inputs: "))
            .collect::<Vec<_>>(),
        vec![format!("{given} inputs: {read} read, {skipped} skipped")]
    );
    assert_eq!(report["documents"].as_array().unwrap().len() as u64, read);
    let records = report["skipped"].as_array().unwrap();
    assert_eq!(records.len() as u64, skipped);
    // Each skipped input names its file (and line, for JSON Lines), in the JSON and on stderr.
    let root_s = root.to_str().unwrap();
    for s in records {
        let source = s["source"].as_str().unwrap();
        assert!(source.starts_with(root_s), "{s}");
        let file = source.split('#').next().unwrap();
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with("concord: skipped ") && l.contains(file)),
            "{source} not on stderr"
        );
    }
    // Committed files (one JSONL of 3 records less its blank line), the tree (good.txt,
    // loop, dangling, pipe) and the 5 generated files.
    let jsonl_extra = 2;
    assert_eq!(given, committed + jsonl_extra + 4 + 5);
}

#[test]
fn code_in_article_text_gives_no_figures_and_keeps_the_real_ones() {
    let corpus = load(&[fixtures().join("script-in-text.txt")]);
    let analysis = analyse(corpus, &Options::default());
    let claims = &analysis.claims[0];
    let phrases: Vec<&str> = claims.iter().map(|c| c.phrase.as_str()).collect();
    // `onerror=alert(1)` is markup, not a count of 1.
    assert!(
        !claims
            .iter()
            .any(|c| c.point == Some(1.0) || c.low == Some(1.0)),
        "{phrases:?}"
    );
    assert!(phrases.contains(&"At least 300 people"), "{phrases:?}");
}
