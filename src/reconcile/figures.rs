//! Figures (crowds, detentions, money, percents ...): agreement when the comparable intervals
//! share a part, discrepancy when they do not, expected difference when every disjoint pair
//! is explained by who counted or when ([`super::expected`]), single source otherwise.
//!
//! Confidence starts at 0.9 and drops for what makes the alignment or the verdict less sure:
//! no known day (−0.15), a date resolved against an inferred publication date (−0.05), a
//! counted noun missing on some claim (−0.1), and for a discrepancy, typical values (see
//! [`Interval::center`]) less than 1.2× apart (−0.2) or 1.5× apart (−0.1), where a rounding
//! convention could be the cause.

use super::align::{self, Group};
use super::expected;
use super::interval::Interval;
use super::{Aspect, EventView, Finding, FindingKind};
use crate::extract::Claim;

pub fn findings(view: &EventView<'_>) -> Vec<Finding> {
    align::groups(view.claims()).iter().map(classify).collect()
}

/// `source: "phrase" interval` of a claim, onto a note: notes are written straight into one
/// string, as a `String` formatted per item and per label was most of writing them.
fn push_label(out: &mut String, c: &Claim, iv: Option<&Interval>) {
    out.push_str(short_source(&c.source));
    out.push_str(": \"");
    out.push_str(&c.phrase);
    out.push_str("\" ");
    if let Some(iv) = iv {
        iv.push_display(out);
    }
}

/// [`super::note_list`] onto `out`, each item written by `item` (given its index): the
/// first [`super::NOTE_ITEMS`] of `total` joined by "; ", then "; and N more {what}".
pub fn push_list(
    out: &mut String,
    total: usize,
    mut item: impl FnMut(&mut String, usize),
    what: &str,
) {
    for i in 0..total.min(super::NOTE_ITEMS) {
        if i > 0 {
            out.push_str("; ");
        }
        item(out, i);
    }
    if total > super::NOTE_ITEMS {
        out.push_str("; and ");
        super::interval::push_num(out, (total - super::NOTE_ITEMS) as f64);
        out.push_str(" more ");
        out.push_str(what);
    }
}

/// The file name of a source, for notes.
pub fn short_source(source: &str) -> &str {
    source.rsplit('/').next().unwrap_or(source)
}

fn base_confidence(g: &Group<'_>) -> f64 {
    let mut conf: f64 = 0.9;
    if g.day.is_none() {
        conf -= 0.15;
    }
    if g.claims
        .iter()
        .any(|c| c.date.as_ref().is_some_and(|d| d.inferred))
    {
        conf -= 0.05;
    }
    if g.claims.iter().any(|c| c.counted.is_none()) {
        conf -= 0.1;
    }
    conf
}

/// Classifies one aligned group.
pub fn classify(g: &Group<'_>) -> Finding {
    let subject = align::subject(g);
    let claims: Vec<Claim> = g.claims.iter().map(|c| (*c).clone()).collect();
    let mut sources: Vec<&str> = g.claims.iter().map(|c| c.source.as_str()).collect();
    sources.sort();
    sources.dedup();
    // Each claim's interval, read once for the verdict and every label of the note.
    let intervals: Vec<Option<Interval>> = g.claims.iter().map(|c| Interval::of(c)).collect();
    let ivs: Vec<Interval> = intervals.iter().flatten().copied().collect();
    let conf = base_confidence(g);
    let n = g.claims.len();
    let labels = |out: &mut String, i: usize| push_label(out, g.claims[i], intervals[i].as_ref());

    if sources.len() < 2 {
        let mut note = String::with_capacity(64 + 48 * n.min(super::NOTE_ITEMS));
        note.push_str("only ");
        note.push_str(short_source(sources[0]));
        note.push_str(": ");
        push_list(
            &mut note,
            n,
            |out, i| {
                out.push('"');
                out.push_str(&g.claims[i].phrase);
                out.push_str("\" ");
                if let Some(iv) = &intervals[i] {
                    iv.push_display(out);
                }
            },
            "claims",
        );
        return Finding::new(FindingKind::SingleSource, Aspect::Figure, subject, claims)
            .with(conf, note);
    }

    if let Some(common) = Interval::intersection(&ivs) {
        let touching = common.low.is_some()
            && common.low == common.high
            && ivs.iter().any(|i| i.low != i.high);
        let mut note = String::with_capacity(64 + 64 * n.min(super::NOTE_ITEMS));
        push_list(&mut note, n, labels, "claims");
        note.push_str(" overlap in ");
        common.push_display(&mut note);
        let conf = if touching { conf - 0.1 } else { conf };
        return Finding::new(FindingKind::Agreement, Aspect::Figure, subject, claims)
            .with(conf, note);
    }

    // Disjoint: look at every pair of claims from different sources that do not overlap.
    // Each claim's interval and counter and phase classes are read once, not once per pair.
    let classes: Vec<expected::Classes> =
        g.claims.iter().map(|c| expected::Classes::of(c)).collect();
    let mut unexplained: Vec<(usize, usize)> = Vec::new();
    let mut explained = Vec::new();
    let mut widest: f64 = 1.0;
    for (i, a) in g.claims.iter().enumerate() {
        for (j, b) in g.claims.iter().enumerate().skip(i + 1) {
            if a.source == b.source {
                continue;
            }
            let (Some(x), Some(y)) = (&intervals[i], &intervals[j]) else {
                continue;
            };
            if x.overlaps(y) {
                continue;
            }
            widest = widest.max(x.center_ratio(y));
            match expected::explain_classes(classes[i], classes[j]) {
                Some(why) => explained.push(why),
                None => unexplained.push((i, j)),
            }
        }
    }
    explained.sort();
    explained.dedup();

    if unexplained.is_empty() && !explained.is_empty() {
        let mut note = String::with_capacity(96 + 64 * n.min(super::NOTE_ITEMS));
        note.push_str("expected difference (");
        note.push_str(&explained.join("; "));
        note.push_str("): ");
        push_list(&mut note, n, labels, "claims");
        return Finding::new(
            FindingKind::ExpectedDifference,
            Aspect::Figure,
            subject,
            claims,
        )
        .with(conf - 0.1, note);
    }

    let mut conf = conf;
    if widest < 1.2 {
        conf -= 0.2;
    } else if widest < 1.5 {
        conf -= 0.1;
    }
    let mut note = String::with_capacity(96 + 128 * unexplained.len().min(super::NOTE_ITEMS));
    note.push_str("no overlap: ");
    push_list(
        &mut note,
        unexplained.len(),
        |out, k| {
            let (i, j) = unexplained[k];
            labels(out, i);
            out.push_str(" against ");
            labels(out, j);
        },
        "pairs",
    );
    if widest >= 1.1 {
        note.push_str(" (typical values about ");
        super::interval::push_num(&mut note, (widest * 10.0).round() / 10.0);
        note.push_str("× apart)");
    }
    // A phase marker on one side only does not explain the gap, but the reader should know.
    for (c, classes) in g.claims.iter().zip(&classes) {
        if let Some(p) = classes.phase {
            note.push_str("; ");
            note.push_str(short_source(&c.source));
            note.push_str(" marks its figure as ");
            note.push_str(p);
        }
    }
    Finding::new(FindingKind::Discrepancy, Aspect::Figure, subject, claims).with(conf, note)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::ClaimKind;

    /// `n` crowd figures from `n` outlets, pairwise disjoint.
    fn disjoint_crowds(n: usize) -> Vec<Claim> {
        (0..n)
            .map(|i| {
                let low = 1000.0 * (i + 1) as f64;
                let phrase = format!("{low} people");
                let mut c = crate::reconcile::new_claim(
                    &format!("outlet{i}.txt"),
                    ClaimKind::Crowd,
                    &phrase,
                    &format!("{phrase} marched."),
                    crate::model::Span::default(),
                );
                (c.low, c.high, c.point) = (Some(low), Some(low), Some(low));
                c.counted = Some("people".into());
                c
            })
            .collect()
    }

    #[test]
    fn a_note_spells_out_a_bounded_number_of_pairs_and_counts_the_rest() {
        let claims = disjoint_crowds(40);
        let groups = align::groups(&claims);
        assert_eq!(groups.len(), 1);
        let f = classify(&groups[0]);
        assert_eq!(f.kind, FindingKind::Discrepancy);
        // Every claim stays in the finding; the note lists 12 of the 780 pairs.
        assert_eq!(f.claims.len(), 40);
        assert_eq!(
            f.note.matches(" against ").count(),
            crate::reconcile::NOTE_ITEMS
        );
        assert!(f.note.contains("; and 768 more pairs"), "{}", f.note);
        // A short group is spelled out whole.
        let short = disjoint_crowds(3);
        let f = classify(&align::groups(&short)[0]);
        assert_eq!(f.note.matches(" against ").count(), 3);
        assert!(!f.note.contains("more pairs"), "{}", f.note);
    }
}
