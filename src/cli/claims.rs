//! `concord claims`: what each article claims.

use super::{InputArgs, TextOrJson, emit, to_json};
use anyhow::Result;
use clap::Args;

#[derive(Debug, Args)]
pub struct ClaimsArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
}

pub fn run(args: &ClaimsArgs) -> Result<()> {
    let corpus = args.input.load()?;
    let analysis = concord::analyse(corpus, &concord::Options::default());
    let claims: Vec<_> = analysis.claims.iter().flatten().collect();
    match args.format {
        TextOrJson::Json => emit(&to_json(&serde_json::json!({ "claims": claims }))?),
        TextOrJson::Text => {
            let mut out = String::new();
            for c in claims {
                out.push_str(&format!("{}\t{:?}\t{}\n", c.source, c.kind, c.phrase));
            }
            emit(&out)
        }
    }
}
