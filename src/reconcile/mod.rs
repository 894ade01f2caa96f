//! Stage 5: align comparable claims within an event and classify them into findings.

use crate::extract::Claim;
use crate::pipeline::Analysis;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    Agreement,
    Discrepancy,
    ExpectedDifference,
    SingleSource,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub kind: FindingKind,
    /// What is compared: "crowd (people), 2019-12-07".
    pub subject: String,
    pub claims: Vec<Claim>,
}

/// The findings of one event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventFindings {
    /// The event's id (`Analysis::events`).
    pub event: String,
    pub findings: Vec<Finding>,
}

/// Reconciles the claims of every event.
pub fn reconcile(_analysis: &Analysis) -> Vec<EventFindings> {
    Vec::new()
}
