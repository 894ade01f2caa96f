//! `concord dedup`: exact and near-duplicate groups.

use super::{InputArgs, TextOrJson, emit, to_json};
use anyhow::Result;
use clap::Args;

#[derive(Debug, Args)]
pub struct DedupArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
}

pub fn run(args: &DedupArgs) -> Result<()> {
    let corpus = args.input.load()?;
    let groups = concord::link::dedup(&corpus.documents, &Default::default());
    match args.format {
        TextOrJson::Json => emit(&to_json(&serde_json::json!({ "groups": groups }))?),
        TextOrJson::Text => {
            let mut out = String::new();
            for g in &groups {
                out.push_str(&format!(
                    "{}: {} members\n",
                    g.representative,
                    g.members.len()
                ));
            }
            emit(&out)
        }
    }
}
