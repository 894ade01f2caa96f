//! concord cross-checks news articles across outlets.
//!
//! The pipeline flows one way (see ARCHITECTURE.md):
//! [`ingest`] → [`normalize`] → [`extract`] → [`link`] → [`reconcile`] → [`report`].
//! Library code never prints and does no file I/O beyond [`ingest`].

pub mod calendar;
pub mod corpus_gen;
pub mod eval;
pub mod extract;
pub mod ingest;
pub mod link;
pub mod memo;
pub mod model;
pub mod normalize;
pub mod pipeline;
pub mod reconcile;
pub mod report;
pub mod shared;
pub mod store;

pub use model::{Corpus, Document, Skipped, Span};
pub use pipeline::{Analysis, Options, analyse, analyse_observed};
