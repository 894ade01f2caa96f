//! Places and people: which ones the outlets of an event share, and how each spells them.
//! A shared place or person is an agreement on where and who ("Minsk", "Sochi", "Putin"
//! and "Lukashenko" in both reports); one named by a single outlet is a single source.

use super::sentence;
use super::{Aspect, EventView, Finding, FindingKind, NameUse};
use crate::normalize::EntityKind;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// A shared name says the outlets speak of the same place or person, not that they say the
/// same about it: agreement at 0.8; a name only one outlet gives, 0.7.
const SHARED_CONFIDENCE: f64 = 0.8;
const SINGLE_CONFIDENCE: f64 = 0.7;

/// The distinct spellings among the forms of one entity, leaving out a form whose words all
/// occur, in order, in a longer form ("Lukashenko" in "Alexander Lukashenko"): a surname
/// alone is a shorter mention, not another spelling. Sorted.
pub fn spellings<'a>(forms: &[&'a str]) -> Vec<&'a str> {
    // Each form's words, space-padded (" alexander lukashenko "): the padded form of
    // [`super::Padded`], made in one pass over the bytes for most forms.
    let padded = |f: &str| super::Padded::new(f).0;
    // Forms repeat (one a source): each distinct form is padded once. Whether a form is
    // kept depends only on the set of keys, and the distinct forms come sorted.
    let mut distinct = forms.to_vec();
    distinct.sort();
    distinct.dedup();
    let keyed: Vec<(&str, String)> = distinct.iter().map(|f| (*f, padded(f))).collect();
    keyed
        .iter()
        .filter(|(_, k)| {
            !keyed
                .iter()
                .any(|(_, other)| other.len() > k.len() && other.contains(k.as_str()))
        })
        .map(|(f, _)| *f)
        .collect()
}

/// Shared and single-source places and people. An event told by one outlet only gets none:
/// every name in it would be "single source", which says nothing.
pub fn findings(view: &EventView<'_>) -> Vec<Finding> {
    if view.docs.len() < 2 {
        return Vec::new();
    }
    // entity key -> (kind, source -> (form -> uses)). Keys borrow from the mentions (a
    // mention with no entity is keyed by its name): three strings copied per mention were
    // most of this rule's cost.
    type Uses<'a> = BTreeMap<&'a str, BTreeMap<&'a str, Vec<NameUse>>>;
    let mut by_entity: BTreeMap<(EntityKind, Cow<'_, str>), Uses<'_>> = BTreeMap::new();
    for d in &view.docs {
        for m in d.mentions {
            if !matches!(m.kind, EntityKind::Place | EntityKind::Person) {
                continue;
            }
            let key = m
                .entity
                .as_deref()
                .map_or_else(|| Cow::Owned(format!("name:{}", m.base)), Cow::Borrowed);
            let uses = by_entity
                .entry((m.kind, key))
                .or_default()
                .entry(d.doc.source.as_str())
                .or_default()
                .entry(m.base.as_str())
                .or_default();
            if uses.is_empty() {
                let s = sentence::around(&d.doc.text, m.span);
                uses.push(NameUse {
                    source: d.doc.source.clone(),
                    form: m.base.to_string(),
                    count: 0,
                    sentence: s.slice(&d.doc.text).to_string(),
                    span: m.span,
                });
            }
            uses[0].count += 1;
        }
    }

    let mut out = Vec::new();
    for ((kind, key), per_source) in by_entity {
        let names: Vec<NameUse> = per_source
            .into_values()
            .flat_map(|f| f.into_values().flatten())
            .collect();
        let display = view
            .entity(&key)
            .map(|e| e.display.clone())
            .unwrap_or_else(|| most_used(&names));
        let (aspect, what) = match kind {
            EntityKind::Place => (Aspect::Place, "place"),
            _ => (Aspect::Person, "person"),
        };
        let mut sources: Vec<&str> = names.iter().map(|n| n.source.as_str()).collect();
        sources.dedup();
        let all: Vec<&str> = names.iter().map(|n| n.form.as_str()).collect();
        let forms = spellings(&all);
        let spelled = if forms.len() > 1 {
            let each: Vec<String> = names
                .iter()
                .filter(|n| forms.contains(&n.form.as_str()))
                .map(|n| format!("{} in {}", n.form, super::figures::short_source(&n.source)))
                .collect();
            format!("; spelled {}", each.join(", "))
        } else {
            String::new()
        };
        let subject = format!("{what}: {display}");
        let mut f = if sources.len() >= 2 {
            Finding::new(FindingKind::Agreement, aspect, subject, Vec::new()).with(
                SHARED_CONFIDENCE,
                format!("{} outlets name {display}{spelled}", sources.len()),
            )
        } else {
            Finding::new(FindingKind::SingleSource, aspect, subject, Vec::new()).with(
                SINGLE_CONFIDENCE,
                format!(
                    "only {} names {display}{spelled}",
                    super::figures::short_source(sources[0])
                ),
            )
        };
        f.names = names;
        out.push(f);
    }
    out
}

fn most_used(names: &[NameUse]) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for n in names {
        *counts.entry(n.form.as_str()).or_default() += n.count;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(f, _)| f.to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_surname_alone_is_not_another_spelling() {
        let forms = [
            "Alexander Lukashenko",
            "Lukashenko",
            "Alyaksandr Lukashenka",
            "Lukashenka",
        ];
        assert_eq!(
            spellings(&forms),
            ["Alexander Lukashenko", "Alyaksandr Lukashenka"]
        );
        assert_eq!(spellings(&["Putin", "Vladimir Putin"]), ["Vladimir Putin"]);
        assert_eq!(spellings(&["Minsk", "Minsk"]), ["Minsk"]);
        // Words compare folded; a form with no words is its own spelling.
        assert_eq!(spellings(&["MINSK", "Old Minsk"]), ["Old Minsk"]);
        assert_eq!(spellings(&["--", "Minsk"]), ["--", "Minsk"]);
    }
}
