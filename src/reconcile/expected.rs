//! Differences that are expected rather than contradictions: who counted (police against
//! organisers), when (an interim against a final count, the start against the peak).
//! Crowd-counting literature (e.g. Watson & Yip, "How many were there when it mattered?",
//! Significance 2011) documents that police and organiser estimates routinely differ by a
//! factor of two or more, so disjoint figures from the two are reported as such, not as a
//! contradiction between outlets.

use super::{Padded, Phrases};
use crate::extract::Claim;
use std::sync::LazyLock;

/// Who a figure is attributed to, by class. Matched as whole words in the claim's
/// attribution (else its sentence); the first class with a matching marker wins.
pub const COUNTERS: &[(&str, &[&str])] = &[
    (
        "police",
        &[
            "police",
            "interior ministry",
            "ministry of internal affairs",
            "ministry of interior",
            "mvd",
            "authorities",
            "officials",
            "official",
            "government",
            "city hall",
            "prefecture",
            "security forces",
        ],
    ),
    (
        "organisers",
        &[
            "organisers",
            "organizers",
            "organiser",
            "organizer",
            "opposition",
            "activists",
            "protest leaders",
            "campaigners",
            "unions",
        ],
    ),
    (
        "monitors",
        &[
            "viasna",
            "rights group",
            "human rights",
            "monitors",
            "observers",
            "ovd info",
            "independent count",
        ],
    ),
];

/// When a figure was taken. `start`/`interim` name an early count, `peak`/`final` a later one.
pub const PHASES: &[(&str, &[&str])] = &[
    (
        "peak",
        &[
            "at its peak",
            "at the peak",
            "at its height",
            "peak",
            "peaked",
            "swelled to",
        ],
    ),
    (
        "start",
        &[
            "at the start",
            "at first",
            "initially",
            "early on",
            "at the outset",
        ],
    ),
    (
        "interim",
        &[
            "so far",
            "as of",
            "by midday",
            "by noon",
            "preliminary",
            "interim",
            "provisional",
        ],
    ),
    (
        "final",
        &["final", "in total", "in all", "altogether", "final count"],
    ),
];

/// Phase pairs that explain a difference, with the note a reader gets.
pub const PHASE_PAIRS: &[(&str, &str, &str)] = &[
    ("interim", "final", "an interim count against a final one"),
    (
        "start",
        "peak",
        "a figure at the start against one at the peak",
    ),
    (
        "start",
        "final",
        "a figure at the start against a final one",
    ),
    ("interim", "peak", "an interim count against a peak figure"),
];

/// A class table ([`COUNTERS`], [`PHASES`]) with its markers compiled: the first class with
/// a marker in a text, in table order.
struct Classifier {
    table: &'static [(&'static str, &'static [&'static str])],
    phrases: Phrases,
}

impl Classifier {
    fn new(table: &'static [(&'static str, &'static [&'static str])]) -> Self {
        Classifier {
            table,
            phrases: Phrases::new(table.iter().map(|(_, markers)| *markers)),
        }
    }

    fn first_class(&self, text: &str) -> Option<&'static str> {
        self.first_class_in(&Padded::new(text))
    }

    fn first_class_in(&self, text: &Padded) -> Option<&'static str> {
        self.phrases.first_group_in(text).map(|g| self.table[g].0)
    }
}

static COUNTER_CLASSES: LazyLock<Classifier> = LazyLock::new(|| Classifier::new(COUNTERS));
static PHASE_CLASSES: LazyLock<Classifier> = LazyLock::new(|| Classifier::new(PHASES));

/// The counter class of a claim: from its attribution when the extractor found one, else
/// from an "according to ..." or "... said" in its sentence.
pub fn counter(c: &Claim) -> Option<&'static str> {
    counter_in(c, &mut Sentence::of(c))
}

/// A claim's sentence, with its padded form made when first asked for: [`Classes::of`]
/// reads it for both classes, and making it is most of the cost of either.
struct Sentence<'c> {
    text: &'c str,
    padded: Option<Padded>,
}

impl<'c> Sentence<'c> {
    fn of(c: &'c Claim) -> Self {
        Sentence {
            text: &c.sentence,
            padded: None,
        }
    }

    fn padded(&mut self) -> &Padded {
        let text = self.text;
        self.padded.get_or_insert_with(|| Padded::new(text))
    }
}

fn counter_in(c: &Claim, sentence: &mut Sentence<'_>) -> Option<&'static str> {
    if let Some(a) = &c.attribution {
        return COUNTER_CLASSES.first_class(a);
    }
    let s = c.sentence.to_lowercase();
    let cue = [
        "according to",
        " said",
        " say",
        " says",
        " estimated",
        "estimate",
    ];
    if cue.iter().any(|k| s.contains(k)) {
        COUNTER_CLASSES.first_class_in(sentence.padded())
    } else {
        None
    }
}

/// The phase of a claim, from its modifier ("peak"), phrase or sentence.
pub fn phase(c: &Claim) -> Option<&'static str> {
    phase_in(c, &mut Sentence::of(c))
}

fn phase_in(c: &Claim, sentence: &mut Sentence<'_>) -> Option<&'static str> {
    if let Some(m) = &c.modifier {
        if let Some(p) = PHASE_CLASSES.first_class(m) {
            return Some(p);
        }
    }
    PHASE_CLASSES
        .first_class(&c.phrase)
        .or_else(|| PHASE_CLASSES.first_class_in(sentence.padded()))
}

/// Who counted a claim's figure and when ([`counter`], [`phase`]), read once per claim: a
/// group of disjoint figures compares every pair of its claims, and reading the classes
/// again for each pair (each a normalisation of the sentence) was most of reconciling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Classes {
    pub counter: Option<&'static str>,
    pub phase: Option<&'static str>,
}

impl Classes {
    pub fn of(c: &Claim) -> Self {
        let mut sentence = Sentence::of(c);
        Classes {
            counter: counter_in(c, &mut sentence),
            phase: phase_in(c, &mut sentence),
        }
    }
}

/// Why two disjoint figures may both be right, if a rule explains it.
pub fn explain(a: &Claim, b: &Claim) -> Option<String> {
    explain_classes(Classes::of(a), Classes::of(b))
}

/// [`explain`] from the claims' classes, read beforehand.
pub fn explain_classes(a: Classes, b: Classes) -> Option<String> {
    if let (Some(x), Some(y)) = (a.counter, b.counter) {
        if x != y {
            let (x, y) = if x <= y { (x, y) } else { (y, x) };
            return Some(format!("{x} against {y}: different counters"));
        }
    }
    if let (Some(x), Some(y)) = (a.phase, b.phase) {
        if let Some((_, _, note)) = PHASE_PAIRS
            .iter()
            .find(|(p, q, _)| (*p == x && *q == y) || (*p == y && *q == x))
        {
            return Some((*note).to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::ClaimKind;

    fn claim(sentence: &str, attribution: Option<&str>) -> Claim {
        Claim {
            attribution: attribution.map(Into::into),
            ..crate::reconcile::test_claim(ClaimKind::Crowd, "x", sentence)
        }
    }

    #[test]
    fn police_against_organisers_is_explained() {
        let p = claim(
            "Police put the crowd at 5,000.",
            Some("according to police"),
        );
        let o = claim("Organisers said 20,000 people marched.", None);
        assert_eq!(counter(&p), Some("police"));
        assert_eq!(counter(&o), Some("organisers"));
        assert_eq!(
            explain(&p, &o).unwrap(),
            "organisers against police: different counters"
        );
    }

    #[test]
    fn the_same_counter_explains_nothing() {
        let a = claim("x", Some("police said"));
        let b = claim("y", Some("the interior ministry said"));
        assert_eq!(explain(&a, &b), None);
    }

    #[test]
    fn start_against_peak_is_explained() {
        let a = claim("Initially about 200 people gathered.", None);
        let b = claim("At its peak the crowd swelled to 3,000.", None);
        assert_eq!(phase(&a), Some("start"));
        assert_eq!(phase(&b), Some("peak"));
        assert!(explain(&a, &b).unwrap().contains("start"));
    }

    #[test]
    fn the_first_class_is_the_first_row_with_a_marker_in_the_text() {
        // Every marker of both tables in a sentence of its own and beside an earlier row's.
        let markers = || COUNTERS.iter().chain(PHASES).flat_map(|(_, m)| m.iter());
        let mut texts: Vec<String> = markers()
            .map(|m| format!("The count, {m}, was 5,000."))
            .chain(markers().map(|m| format!("{m} (at first) or in total; police")))
            .collect();
        texts.extend(
            [
                "",
                "peaks and finals",
                "Organisers' count",
                "OVD-Info: so far",
            ]
            .map(String::from),
        );
        for (table, classes) in [(COUNTERS, &*COUNTER_CLASSES), (PHASES, &*PHASE_CLASSES)] {
            for t in &texts {
                let padded = Padded::new(t);
                let first = table
                    .iter()
                    .find(|(_, m)| padded.has_any(m))
                    .map(|(c, _)| *c);
                assert_eq!(classes.first_class_in(&padded), first, "{t:?}");
            }
        }
    }

    #[test]
    fn a_sentence_without_a_cue_has_no_counter() {
        // "police" here is not the source of the figure.
        assert_eq!(
            counter(&claim("Police watched as 300 people gathered.", None)),
            None
        );
    }
}
