//! Title-only speakers resolved to the person who carries the title.
//!
//! News writing often attributes a quote to a role first and names the person a paragraph
//! later (cataphora): «... yielded "a lot of progress", Russia's economy minister said. /
//! "The positions have come closer," Russian Economy Minister Maxim Oreshkin said.» The
//! role phrase is read as a [`TitleKey`]: its head title (the last title word, "minister"),
//! its duty words ("economy", "Kremlin", "deputy") and its place ("Russia's", "Russian").
//! Two keys match when the heads and the duty words are the same and the places agree where
//! both are given, so "the economy minister" never takes "Deputy Economy Minister X" or
//! "Defence Minister Y".
//!
//! Where the person is looked for ([`resolve`]): the rest of the quote's paragraph and the
//! two following paragraphs first (cataphora), else the text before (anaphora). Two
//! different people who fit in the searched stretch make the title ambiguous: it stays.

use super::quotes::{is_nationality, is_possessive, is_title, strip_possessive_str};
use super::words::with_lower;

/// Role words the name stripper does not treat as titles but a role phrase is made of
/// ("a presidential aide").
pub(super) const ROLE_WORDS: &[&str] = &[
    "aide",
    "adviser",
    "advisor",
    "presidential",
    "envoy",
    "negotiator",
];

/// Articles before a role phrase; a role phrase never holds one inside.
const DETERMINERS: &[&str] = &["the", "a", "an"];

/// A role phrase read for matching: its head, its duties (sorted) and its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct TitleKey {
    head: String,
    duties: Vec<String>,
    /// A country or nationality without its ending ("russ" for Russia's and Russian).
    place: Option<String>,
}

impl TitleKey {
    /// Whether two role phrases name the same office.
    pub(super) fn matches(&self, other: &TitleKey) -> bool {
        self.head == other.head
            && self.duties == other.duties
            && match (&self.place, &other.place) {
                (Some(a), Some(b)) => places_agree(a, b),
                _ => true,
            }
    }
}

/// Endings that turn a country into its nationality or a nationality into its stem,
/// longest first.
const PLACE_ENDINGS: &[&str] = &["ian", "ean", "ese", "ish", "an", "i", "a", "e", "y"];

/// A country or nationality word without its possessive and its ending: Russia's and
/// Russian -> "russ"; Ukraine's and Ukrainian -> "ukrain"; Germany and German -> "german"
/// and "germ". A stem shorter than three letters is left whole (Iran stays "iran").
fn place_stem(l: &str) -> String {
    let w = strip_possessive_str(l);
    PLACE_ENDINGS
        .iter()
        .filter_map(|e| w.strip_suffix(e))
        .find(|s| s.chars().count() >= 3)
        .unwrap_or(w)
        .to_string()
}

/// Whether two place stems name one country: one begins with the other, and the shorter
/// has at least four letters (so India and Indonesia, Poland and Polish, France and French
/// do not agree: an unresolved title is safer than a wrong person).
fn places_agree(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.chars().count() >= 4 && long.starts_with(short)
}

fn is_role_word(l: &str) -> bool {
    is_title(l) && !is_nationality(l) || ROLE_WORDS.contains(&l)
}

fn clean(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’' && c != '.')
        .trim_end_matches('.')
}

/// The key of a role phrase ("Russia's economy minister", "the Kremlin spokesman"): `None`
/// when a word is neither an article, a place, a role word nor a capitalised duty
/// ("Kremlin"), or when the phrase does not end in a role word.
pub(super) fn title_key(phrase: &str) -> Option<TitleKey> {
    // Most phrases asked about are names, not roles: their last word decides that before
    // anything is collected or lower-cased (the head is the last word whatever the first).
    let last = clean(phrase.split_whitespace().next_back()?);
    if !with_lower(last, is_role_word) {
        return None;
    }
    let words: Vec<&str> = phrase.split_whitespace().map(clean).collect();
    let words = match words.first() {
        Some(w) if DETERMINERS.contains(&w.to_lowercase().as_str()) => &words[1..],
        _ => &words[..],
    };
    let (last, rest) = words.split_last()?;
    let head = last.to_lowercase();
    if !is_role_word(&head) {
        return None;
    }
    let mut duties = Vec::new();
    let mut place = None;
    for w in rest {
        let l = w.to_lowercase();
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        if is_nationality(&l) || (capital && is_possessive(w)) {
            if place.replace(place_stem(&l)).is_some() {
                return None;
            }
        } else if is_role_word(&l) || capital {
            duties.push(l);
        } else {
            return None;
        }
    }
    duties.sort();
    Some(TitleKey {
        head,
        duties,
        place,
    })
}

/// The role phrase right before a name (at most five words, from the nearest back to an
/// article or a word that is no role word): "Russian Economy Minister", "Kremlin spokesman".
pub(super) fn role_phrase_before(before: &str) -> Option<TitleKey> {
    let mut start = before.len();
    for (n, (k, w)) in before
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - before.as_ptr() as usize, w))
        .rev()
        .enumerate()
    {
        let cw = clean(w);
        let capital = cw.chars().next().is_some_and(char::is_uppercase);
        // A comma or stop after the word ends the phrase before it ("said, Kremlin ...").
        let ends = with_lower(cw, |l| {
            let role = is_role_word(l) || is_nationality(l) || (capital && n > 0);
            n >= 5 || !role || DETERMINERS.contains(&l)
        });
        if ends || w.ends_with([',', '.', ';']) {
            break;
        }
        start = k;
    }
    title_key(&before[start..])
}

/// The person a title-only speaker at `pos` names: `titled` is (position, key, name) for
/// every named person with a role phrase, sorted by position; `paragraph_ends` are the byte
/// offsets of the paragraph breaks, sorted. `None` when nobody fits, `Some(None)` when two
/// different people do (the title stays).
pub(super) fn resolve(
    key: &TitleKey,
    pos: usize,
    titled: &[(usize, TitleKey, String)],
    paragraph_ends: &[usize],
) -> Option<Option<String>> {
    // The end of the second paragraph after the one holding `pos`.
    let i = paragraph_ends.partition_point(|&p| p < pos);
    let forward_end = paragraph_ends.get(i + 2).copied().unwrap_or(usize::MAX);
    let split = titled.partition_point(|(p, _, _)| *p < pos);
    let fits = |(_, k, _): &&(usize, TitleKey, String)| k.matches(key);
    let after = titled[split..]
        .iter()
        .take_while(|(p, _, _)| *p < forward_end)
        .filter(fits);
    let before = titled[..split].iter().rev().filter(fits);
    one_name(after).or_else(|| one_name(before))
}

/// `None` when there is nobody, `Some(None)` when two different people fit, else the name.
fn one_name<'a>(
    mut it: impl Iterator<Item = &'a (usize, TitleKey, String)>,
) -> Option<Option<String>> {
    let (_, _, first) = it.next()?;
    Some(it.all(|(_, _, n)| n == first).then(|| first.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> TitleKey {
        title_key(s).unwrap_or_else(|| panic!("no key for {s:?}"))
    }

    #[test]
    fn keys_match_on_head_duties_and_place() {
        let k = key("Russia's economy minister");
        assert!(k.matches(&key("Russian Economy Minister")));
        assert!(k.matches(&key("the economy minister")));
        assert!(!k.matches(&key("Russian Defence Minister")));
        assert!(!k.matches(&key("Ukrainian Economy Minister")));
        assert!(key("Ukraine's economy minister").matches(&key("Ukrainian Economy Minister")));
        assert!(key("Belarus's economy minister").matches(&key("Belarusian Economy Minister")));
        assert!(!key("Iran's economy minister").matches(&key("Iraqi Economy Minister")));
        assert!(!key("India's economy minister").matches(&key("Indonesian Economy Minister")));
        assert!(!k.matches(&key("Deputy Economy Minister")));
        assert!(key("the Kremlin spokesman").matches(&key("Kremlin spokesman")));
        assert!(!key("the Kremlin spokesman").matches(&key("spokesman")));
        assert!(key("a presidential aide").matches(&key("Presidential aide")));
        for not_a_role in [
            "police",
            "the Kremlin",
            "many economists",
            "minister of state",
        ] {
            assert_eq!(title_key(not_a_role), None, "{not_a_role}");
        }
    }

    #[test]
    fn role_phrase_stops_at_articles_verbs_and_commas() {
        assert_eq!(
            role_phrase_before("On Friday, Russian Economy Minister "),
            Some(key("Russian Economy Minister"))
        );
        assert_eq!(
            role_phrase_before("said the Kremlin spokesman "),
            Some(key("Kremlin spokesman"))
        );
        assert_eq!(role_phrase_before("They met "), None);
    }
}
