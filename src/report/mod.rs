//! The report model and one printer per format. Printers are pure functions of the model.

use crate::model::{Corpus, SCHEMA_VERSION};
use crate::pipeline::Analysis;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Inputs {
    pub given: usize,
    pub read: usize,
    pub skipped: usize,
}

impl Inputs {
    pub fn of(corpus: &Corpus) -> Self {
        Inputs {
            given: corpus.given(),
            read: corpus.documents.len(),
            skipped: corpus.skipped.len(),
        }
    }
}

/// One line per document in the report.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentSummary {
    pub id: String,
    pub source: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<jiff::civil::Date>,
    pub published_inferred: bool,
    pub authors: Vec<String>,
    pub credits: Vec<String>,
    pub words: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub schema_version: u32,
    pub inputs: Inputs,
    pub documents: Vec<DocumentSummary>,
    pub skipped: Vec<crate::model::Skipped>,
}

/// Builds the report model from an analysis.
pub fn build(analysis: &Analysis) -> Report {
    let corpus = &analysis.corpus;
    Report {
        schema_version: SCHEMA_VERSION,
        inputs: Inputs::of(corpus),
        documents: corpus
            .documents
            .iter()
            .map(|d| DocumentSummary {
                id: d.id.clone(),
                source: d.source.clone(),
                title: d.title.clone(),
                outlet: d.outlet.clone(),
                url: d.url.clone(),
                published: d.published,
                published_inferred: d.published_inferred,
                authors: d.authors.clone(),
                credits: d.credits.clone(),
                words: d.text.split_whitespace().count(),
            })
            .collect(),
        skipped: corpus.skipped.clone(),
    }
}
