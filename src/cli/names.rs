//! `concord names`: entities with their variants; `--pairs` and `--list` for users' own names.

use super::{InputArgs, TextOrJson, emit, to_json};
use anyhow::Result;
use clap::Args;

#[derive(Debug, Args)]
pub struct NamesArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
    /// Switch off the built-in name dictionary.
    #[arg(long)]
    pub no_dictionary: bool,
}

pub fn run(args: &NamesArgs) -> Result<()> {
    let corpus = args.input.load()?;
    let mut opts = concord::Options::default();
    opts.resolve.use_dictionary = !args.no_dictionary;
    let analysis = concord::analyse(corpus, &opts);
    match args.format {
        TextOrJson::Json => emit(&to_json(
            &serde_json::json!({ "entities": analysis.entities }),
        )?),
        TextOrJson::Text => {
            let mut out = String::new();
            for e in &analysis.entities {
                out.push_str(&format!("{}\t{:?}\n", e.display, e.kind));
            }
            emit(&out)
        }
    }
}
