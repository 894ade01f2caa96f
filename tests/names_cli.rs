//! `concord names` through the built binary.

use std::process::Command;

fn concord(args: &[&str]) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(args)
        .output()
        .expect("run concord");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn temp_file(dir: &tempfile::TempDir, name: &str, body: &str) -> String {
    let p = dir.path().join(name);
    std::fs::write(&p, body).unwrap();
    p.to_string_lossy().into_owned()
}

#[test]
fn names_json_on_the_seeds_follows_the_contract() {
    let (out, _, code) = concord(&["names", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let entities = v["entities"].as_array().unwrap();
    assert!(!entities.is_empty());
    for e in entities {
        for field in ["id", "display", "kind", "variants", "evidence"] {
            assert!(e.get(field).is_some(), "{field} in {e}");
        }
        for var in e["variants"].as_array().unwrap() {
            assert!(var["form"].is_string() && var["count"].is_u64() && var["sources"].is_array());
        }
    }
    let luk = entities
        .iter()
        .find(|e| {
            e["variants"]
                .as_array()
                .unwrap()
                .iter()
                .any(|v| v["form"] == "Lukashenka")
        })
        .unwrap();
    assert_eq!(luk["kind"], "person");
    assert!(
        luk["variants"]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v["form"] == "Alexander Lukashenko")
    );
    // Same input, same bytes.
    assert_eq!(out, concord(&["names", "--format", "json"]).0);
}

#[test]
fn names_text_shows_variants_sources_and_why() {
    let (out, _, code) = concord(&["names"]);
    assert_eq!(code, 0);
    assert!(out.contains("Alexander Lukashenko  [person, "), "{out}");
    assert!(out.contains("Alyaksandr Lukashenka"));
    assert!(out.contains("  why: "));
    assert!(out.contains("Kremlin  [organisation, "));
    assert!(out.contains("[demonym, related to Belarus, "));
}

#[test]
fn pairs_scores_each_line() {
    let dir = tempfile::tempdir().unwrap();
    let f = temp_file(
        &dir,
        "pairs.tsv",
        "Alexander Lukashenko\tAlyaksandr Lukashenka\nVolodymyr Zelensky\tOlena Zelenska\n\nKiev\tKyiv\n",
    );
    let (out, _, code) = concord(&["names", "--pairs", &f]);
    assert_eq!(code, 0);
    let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(
        lines[0][..2],
        ["Alexander Lukashenko", "Alyaksandr Lukashenka"]
    );
    assert_eq!(lines[0][3], "true");
    assert_eq!(lines[1][3], "false");
    assert_eq!(lines[2][3], "true");
    assert!(lines[0][2].parse::<f64>().unwrap() > lines[1][2].parse::<f64>().unwrap());

    let bad = temp_file(&dir, "bad.tsv", "only one name\n");
    let (_, err, code) = concord(&["names", "--pairs", &bad]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("bad.tsv:1"), "{err}");
}

#[test]
fn list_groups_names_and_aliases_change_it() {
    let dir = tempfile::tempdir().unwrap();
    let list = temp_file(
        &dir,
        "names.txt",
        "Svetlana Tikhanovskaya\nSviatlana Tsikhanouskaya\nSiarhei Tsikhanouski\nSergei Tikhanovsky\n",
    );
    let (out, _, code) = concord(&["names", "--list", &list, "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["entities"].as_array().unwrap().len(), 2, "{out}");

    let aliases = temp_file(
        &dir,
        "aliases.json",
        r#"{"entities": [{"display": "S. Tsikhanouskaya", "forms": ["Svetlana Tikhanovskaya"]}],
            "forbid": [["Siarhei Tsikhanouski", "Sergei Tikhanovsky"]]}"#,
    );
    let (out, _, code) = concord(&[
        "names",
        "--list",
        &list,
        "--aliases",
        &aliases,
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let es = v["entities"].as_array().unwrap();
    assert_eq!(es.len(), 3, "{out}");
    assert!(es.iter().any(|e| e["display"] == "S. Tsikhanouskaya"));

    let broken = temp_file(&dir, "broken.json", "{\"merge\": 1}");
    let (_, err, code) = concord(&["names", "--list", &list, "--aliases", &broken]);
    assert_eq!(code, 2);
    assert!(err.contains("broken.json"), "{err}");
}

#[test]
fn no_dictionary_switches_the_dictionary_off() {
    let dir = tempfile::tempdir().unwrap();
    let f = temp_file(&dir, "pairs.tsv", "Lukashenko\tŁukaszenka\n");
    let reasons = |extra: &[&str]| {
        let mut args = vec!["names", "--pairs", f.as_str(), "--format", "json"];
        args.extend_from_slice(extra);
        let (out, _, code) = concord(&args);
        assert_eq!(code, 0);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v["pairs"][0]["reasons"].to_string()
    };
    // Wikidata lists both spellings as one name; without it, cognate edits still join them.
    assert!(reasons(&[]).contains("dictionary"));
    let without = reasons(&["--no-dictionary"]);
    assert!(
        !without.contains("dictionary") && without.contains("cognate"),
        "{without}"
    );
}
