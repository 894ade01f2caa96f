//! `concord names`: entities with their variants; `--pairs` and `--list` for users' own names.

use super::{InputArgs, TextOrJson, emit, to_json};
use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use concord::normalize::{
    Aliases, CompareOptions, Entity, EntityKind, ResolveOptions, compare_names, group_names,
};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
#[command(after_long_help = ALIAS_HELP)]
pub struct NamesArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
    /// Switch off the built-in name dictionary.
    #[arg(long)]
    pub no_dictionary: bool,
    /// Score name pairs: TSV lines `a<TAB>b` in, `a<TAB>b<TAB>score<TAB>same` out.
    #[arg(long, value_name = "FILE", conflicts_with = "list")]
    pub pairs: Option<PathBuf>,
    /// Group a list of names, one per line, into entities.
    #[arg(long, value_name = "FILE")]
    pub list: Option<PathBuf>,
    /// What the names of --pairs and --list are (the gender veto applies to persons only).
    #[arg(long, value_enum, default_value = "person")]
    pub kind: KindArg,
    /// Alias file (JSON) forcing or forbidding merges and setting display forms.
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
}

const ALIAS_HELP: &str = "Alias file (--aliases FILE), JSON:
  {\"entities\": [{\"display\": \"Sviatlana Tsikhanouskaya\", \"kind\": \"person\",
                  \"forms\": [\"Svetlana Tikhanovskaya\", \"Cichanouskaja\"]}],
   \"forbid\": [[\"Siarhei Tsikhanouski\", \"Sviatlana Tsikhanouskaya\"]]}
`entities` forces its forms into one entity (display and kind optional); `forbid` keeps
pairs apart whatever the scores say. Forms match by fold key.";

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    Person,
    Place,
    Organisation,
}

impl From<KindArg> for EntityKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Person => EntityKind::Person,
            KindArg::Place => EntityKind::Place,
            KindArg::Organisation => EntityKind::Organisation,
        }
    }
}

fn read(path: &Path, what: &str) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("{}: cannot read {what}", path.display()))
}

pub fn run(args: &NamesArgs) -> Result<()> {
    let aliases = match &args.aliases {
        Some(p) => Aliases::parse(&read(p, "--aliases file")?)
            .with_context(|| format!("{}: alias file", p.display()))?,
        None => Aliases::default(),
    };
    let resolve = ResolveOptions {
        use_dictionary: !args.no_dictionary,
        aliases,
    };
    if let Some(p) = &args.pairs {
        return pairs(p, args);
    }
    if let Some(p) = &args.list {
        let names: Vec<String> = read(p, "--list file")?
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        let entities = group_names(&names, args.kind.into(), &resolve);
        return print_entities(&entities, args.format);
    }
    let corpus = args.input.load()?;
    // Entities need mentions and their resolution only: no claims, duplicates or events.
    let docs = &corpus.documents;
    let mut mentions: Vec<Vec<_>> = docs
        .par_iter()
        .map(concord::normalize::find_mentions)
        .collect();
    let entities = concord::normalize::resolve(docs, &mut mentions, &resolve);
    print_entities(&entities, args.format)
}

fn pairs(path: &Path, args: &NamesArgs) -> Result<()> {
    let opts = CompareOptions {
        use_dictionary: !args.no_dictionary,
        kind: args.kind.into(),
        ..CompareOptions::default()
    };
    let body = read(path, "--pairs file")?;
    let mut out = String::new();
    let mut rows = Vec::new();
    for (i, line) in body.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let mut f = line.split('\t');
        let (Some(a), Some(b)) = (f.next(), f.next()) else {
            anyhow::bail!(
                "{}:{}: expected two names separated by a tab",
                path.display(),
                i + 1
            );
        };
        let m = compare_names(a, b, &opts);
        match args.format {
            TextOrJson::Text => {
                out.push_str(&format!("{a}\t{b}\t{:.4}\t{}\n", m.score, m.same));
            }
            TextOrJson::Json => rows.push(serde_json::json!({
                "a": a, "b": b, "score": m.score, "same": m.same, "reasons": m.reasons,
            })),
        }
    }
    if args.format == TextOrJson::Json {
        out = to_json(&serde_json::json!({ "pairs": rows }))?;
    }
    emit(&out)
}

fn kind_name(k: EntityKind) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn print_entities(entities: &[Entity], format: TextOrJson) -> Result<()> {
    if format == TextOrJson::Json {
        return emit(&to_json(&serde_json::json!({ "entities": entities }))?);
    }
    let mut out = String::new();
    for e in entities {
        let related = e
            .related
            .as_ref()
            .map(|r| format!(", related to {r}"))
            .unwrap_or_default();
        out.push_str(&format!(
            "{}  [{}{related}, {}]\n",
            e.display,
            kind_name(e.kind),
            e.id
        ));
        let width = e.variants.iter().map(|v| v.form.chars().count()).max();
        for v in &e.variants {
            // A form that mixes alphabets in one word is a look-alike spelling: say so, as
            // the JSON does with `mixed_script`.
            let flag = if v.mixed_script {
                "  [mixed script]"
            } else {
                ""
            };
            out.push_str(&format!(
                "  {:<w$}  {:>4}  {}{flag}\n",
                v.form,
                v.count,
                v.sources.join(", "),
                w = width.unwrap_or(0)
            ));
        }
        for ev in &e.evidence {
            out.push_str(&format!("  why: {ev}\n"));
        }
    }
    emit(&out)
}
