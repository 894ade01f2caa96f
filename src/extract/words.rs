//! Word tables looked up once per word of a whole text, and the bounded context windows
//! that keep every per-figure and per-quote step linear in the length of the text.
//!
//! A [`WordSet`] buckets lower-case ASCII words by first letter and length, so a lookup costs
//! a length check and a few byte comparisons, where a `HashSet<&str>` hashed every word of
//! every article with SipHash (it showed in the profile of `cargo bench --bench extract`).

/// Longest context, in bytes, that a step reads on either side of a figure or a quote when
/// its sentence or clause is longer. News sentences are far shorter (a few hundred bytes), so
/// this changes nothing for them; it stops a 10 MB single-line paragraph from being scanned
/// once per figure (issue 8).
pub const CONTEXT_BYTES: usize = 600;

/// The largest char boundary of `text` at or below `i`.
pub fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary of `text` at or above `i`.
pub fn ceil_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Start of the window of at most [`CONTEXT_BYTES`] that ends at `pos`.
pub fn window_start(text: &str, pos: usize) -> usize {
    ceil_boundary(text, pos.saturating_sub(CONTEXT_BYTES))
}

/// End of the window of at most [`CONTEXT_BYTES`] that starts at `pos`.
pub fn window_end(text: &str, pos: usize) -> usize {
    floor_boundary(text, pos.saturating_add(CONTEXT_BYTES))
}

/// Longest word a [`WordSet`] holds.
const MAX_LEN: usize = 24;

/// A set of lower-case ASCII words (each starting with `a`..=`z`).
pub struct WordSet {
    buckets: Vec<Vec<&'static str>>,
}

impl WordSet {
    /// Builds the set; panics on a word the set cannot hold (tables are constants, and a
    /// unit test builds every one of them).
    pub fn new(words: impl IntoIterator<Item = &'static str>) -> WordSet {
        let mut buckets = vec![Vec::new(); 26 * (MAX_LEN + 1)];
        for w in words {
            let i = Self::bucket(w).expect("a lower-case ASCII word of at most 24 bytes");
            if !buckets[i].contains(&w) {
                buckets[i].push(w);
            }
        }
        WordSet { buckets }
    }

    fn bucket(w: &str) -> Option<usize> {
        let first = *w.as_bytes().first()?;
        (first.is_ascii_lowercase() && w.len() <= MAX_LEN)
            .then(|| (first - b'a') as usize * (MAX_LEN + 1) + w.len())
    }

    pub fn contains(&self, w: &str) -> bool {
        Self::bucket(w).is_some_and(|i| self.buckets[i].contains(&w))
    }
}

/// The character of `s` at byte `i` (a char boundary), without decoding an ASCII byte.
#[inline]
pub fn char_at(s: &str, i: usize) -> Option<char> {
    match s.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some(b as char),
        Some(_) => s[i..].chars().next(),
        None => None,
    }
}

/// The end of the run of characters that `keep` accepts from byte `i` (a char boundary) on,
/// or from the first one it rejects when `keep_while` is false. ASCII bytes, nearly all of
/// an English news text, are tested without UTF-8 decoding: the scans of whole texts by
/// character (`str::split` with a closure, `char_indices`) showed in the profile.
#[inline(always)]
pub fn scan(s: &str, i: usize, keep_while: bool, keep: impl Fn(char) -> bool) -> usize {
    let b = s.as_bytes();
    let mut j = i;
    loop {
        while j < b.len() && b[j] < 0x80 {
            if keep(b[j] as char) != keep_while {
                return j;
            }
            j += 1;
        }
        let Some(c) = s.get(j..).and_then(|t| t.chars().next()) else {
            return j;
        };
        if keep(c) != keep_while {
            return j;
        }
        j += c.len_utf8();
    }
}

/// The maximal runs of the characters `keep` accepts, with their byte offsets: what
/// `s.split(|c| !keep(c))` gives without its empty pieces.
pub fn runs_of(s: &str, keep: impl Fn(char) -> bool + Copy) -> impl Iterator<Item = (usize, &str)> {
    let mut i = 0;
    std::iter::from_fn(move || {
        let start = scan(s, i, false, keep);
        if start >= s.len() {
            return None;
        }
        let end = scan(s, start, true, keep);
        i = end;
        Some((start, &s[start..end]))
    })
}

/// The maximal runs of alphanumeric characters of `s` with their byte offsets: the words a
/// whole-word match can start at (a match of `w` with no alphanumeric character on either
/// side is exactly such a run equal to `w`).
pub fn alnum_words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    runs_of(s, char::is_alphanumeric)
}

/// Whether one of `words` occurs in `hay` as a whole word: single words through `set`,
/// phrases with a space by a substring search with whole-word ends.
pub fn has_whole_word(hay: &str, set: &WordSet, phrases: &[&str]) -> bool {
    alnum_words(hay).any(|(_, w)| set.contains(w))
        || phrases.iter().any(|p| {
            hay.match_indices(p).any(|(k, _)| {
                hay[..k]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
                    && hay[k + p.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric())
            })
        })
}

/// Calls `f` with the lower-case form of `w`, without allocating for short ASCII words.
pub fn with_lower<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    if w.len() <= 32 && w.is_ascii() {
        let mut buf = [0u8; 32];
        let b = &mut buf[..w.len()];
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        f(std::str::from_utf8(b).unwrap_or_default())
    } else {
        f(&w.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_set_matches_whole_words_only() {
        let s = WordSet::new(["said", "says", "told"]);
        assert!(s.contains("said"));
        assert!(!s.contains("Said"));
        assert!(!s.contains("sai"));
        assert!(!s.contains("saidx"));
        assert!(!s.contains(""));
        assert!(!s.contains("Ωmega"));
        assert!(has_whole_word("police said so", &s, &[]));
        assert!(!has_whole_word("unsaid things", &s, &[]));
        assert!(has_whole_word("they took to the streets", &s, &["took to"]));
        assert!(!has_whole_word("they overtook to", &s, &["took to"]));
    }

    #[test]
    fn runs_are_the_non_empty_pieces_of_a_split() {
        for s in [
            "",
            "a",
            " a b  c ",
            "Łódź, 2020—Minsk’s ‘x’ é1",
            "\u{212A}elvin ½ ab\u{301}c",
            "--",
        ] {
            let split: Vec<(usize, &str)> = s
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
                .collect();
            assert_eq!(alnum_words(s).collect::<Vec<_>>(), split, "{s:?}");
            assert_eq!(char_at(s, 0), s.chars().next());
        }
    }

    proptest::proptest! {
        #[test]
        fn runs_match_split_on_random_text(s in "[a-zA-Z0-9 ,.'’é½ŁK\u{301}\u{212A}-]{0,40}") {
            let split: Vec<&str> = s.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).collect();
            let runs: Vec<&str> = runs_of(&s, char::is_alphabetic).map(|(_, w)| w).collect();
            proptest::prop_assert_eq!(runs, split);
        }
    }

    #[test]
    fn windows_stay_on_char_boundaries() {
        let t = "é".repeat(1000);
        let s = window_start(&t, 1001);
        assert!(t.is_char_boundary(s) && 1001 - s <= CONTEXT_BYTES);
        let e = window_end(&t, 1);
        assert!(t.is_char_boundary(e) && e - 1 <= CONTEXT_BYTES);
        assert_eq!(with_lower("Minsk", str::to_string), "minsk");
        assert_eq!(with_lower("ÉCOLE", str::to_string), "école");
    }
}
