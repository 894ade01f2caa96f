//! Accuracy evaluations against outside data with ground truth (../shared/data).
//! `concord eval AREA --data DIR` prints a Markdown report; the committed reports live in
//! ACCURACY.md so a regression shows in a diff.
pub mod events;
