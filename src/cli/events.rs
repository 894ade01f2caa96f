//! `concord events`: reports of one real-world event linked across outlets, and stories.

use super::{InputArgs, TextOrJson, emit, to_json};
use anyhow::Result;
use clap::Args;

#[derive(Debug, Args)]
pub struct EventsArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
}

pub fn run(args: &EventsArgs) -> Result<()> {
    let corpus = args.input.load()?;
    let analysis = concord::analyse(corpus, &concord::Options::default());
    match args.format {
        TextOrJson::Json => emit(&to_json(&analysis.events)?),
        TextOrJson::Text => {
            let mut out = String::new();
            for e in &analysis.events.events {
                out.push_str(&format!("{}\t{}\n", e.id, e.sources.join(", ")));
            }
            emit(&out)
        }
    }
}
