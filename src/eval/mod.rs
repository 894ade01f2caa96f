//! Accuracy evaluations against outside data with ground truth (../shared/data).
//! `concord eval AREA --data DIR` prints a Markdown report; the committed reports live in
//! tests/accuracy/AREA.md so a regression shows in a diff.

pub mod claims;
pub mod events;
pub mod names;
