//! Text forms. Display text is NFC and keeps the article's own characters; the matching form
//! is for comparison only: NFKC, one kind of quote and dash, and no invisible characters
//! (soft hyphens, zero-width and bidi controls) that would split or disguise a word.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick, is_nfkc_quick};

/// True for characters that are invisible in print and must not take part in matching:
/// soft hyphen, zero-width space/joiners, word joiner, BOM, and the bidi controls.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// True when `s` holds an [`is_invisible`] character. Every one of them is encoded in UTF-8
/// with a lead byte of C2, E1, E2 or EF: only where one of those stands is a character
/// decoded, where decoding every character was 7% of mention finding (issue 7).
pub fn has_invisible(s: &str) -> bool {
    let lead = |b: u8| matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xEF);
    // Blocks of 32 bytes without such a byte are passed over by a branch-free test the
    // compiler vectorises; a block with one is read character by character. A character
    // cut by a block's end is read whole from its lead byte in the block that holds it.
    const BLOCK: usize = 32;
    let bytes = s.as_bytes();
    bytes.chunks(BLOCK).enumerate().any(|(k, block)| {
        block.iter().fold(false, |seen, &b| seen | lead(b))
            && block.iter().enumerate().any(|(i, &b)| {
                // Lead bytes are never continuation bytes (80..=BF): a character boundary.
                lead(b) && s[k * BLOCK + i..].chars().next().is_some_and(is_invisible)
            })
    })
}

/// Maps the many quote and dash characters to ASCII ones.
pub fn unify_punctuation(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        '\u{00A0}' | '\u{2007}' | '\u{202F}' => ' ',
        c => c,
    }
}

/// Characters outside ASCII that NFKC leaves as they are beside ASCII and one another (no
/// decomposition, no combining class) and that are not invisible: the curly quotes, dashes
/// and primes of news text, which [`unify_punctuation`] makes ASCII, and the Cyrillic
/// letters of U+0400 to U+045F (Russian and Belarusian names), which it keeps (see the unit
/// tests).
fn is_plain(c: char) -> bool {
    matches!(
        c,
        '\u{2018}'..='\u{201F}'
            | '\u{2032}'
            | '\u{02BC}'
            | '\u{00AB}'
            | '\u{00BB}'
            | '\u{2010}'
            | '\u{2012}'..='\u{2015}'
            | '\u{2212}'
            | '\u{0400}'..='\u{045F}'
    )
}

/// [`matching_form`] of a text whose characters outside ASCII are all [`is_plain`] (most
/// sentences of news text): its ASCII runs copied whole and each such character unified,
/// without the quick check and the filter decoding every character. `None` for any other
/// text.
fn plain_form(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        let next = b[i..]
            .iter()
            .position(|&x| x >= 0x80)
            .map_or(b.len(), |k| i + k);
        out.push_str(&s[i..next]);
        let Some(c) = s[next..].chars().next() else {
            break;
        };
        if !is_plain(c) {
            return None;
        }
        out.push(unify_punctuation(c));
        i = next + c.len_utf8();
    }
    Some(out)
}

/// The display form: NFC, nothing else changed.
pub fn display_form(s: &str) -> String {
    if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        return s.to_string();
    }
    s.nfc().collect()
}

/// The matching form used by later stages for comparison (never shown as the article's words).
pub fn matching_form(s: &str) -> String {
    if let Some(form) = plain_form(s) {
        return form;
    }
    // Most news text is already in NFKC; the quick check (UAX #15) says so for far less than
    // normalising costs, and then only the filter and the mapping remain.
    if is_nfkc_quick(s.chars()) == IsNormalized::Yes {
        return s
            .chars()
            .filter(|c| !is_invisible(*c))
            .map(unify_punctuation)
            .collect();
    }
    s.nfkc()
        .filter(|c| !is_invisible(*c))
        .map(unify_punctuation)
        .collect()
}

/// The writing systems whose letters look alike (Latin a, Cyrillic а, Greek α).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
}

fn script(c: char) -> Option<Script> {
    match c {
        'A'..='Z' | 'a'..='z' | '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => {
            Some(Script::Latin)
        }
        '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}' => Some(Script::Greek),
        c if super::translit::is_cyrillic(c) => Some(Script::Cyrillic),
        _ => None,
    }
}

/// True when one word mixes letters of two of Latin, Cyrillic and Greek: the mark of a
/// look-alike letter slipped into a name (a Cyrillic к in "Lukashenкo"), which Unicode's
/// confusable-detection guidance (UTS #39, mixed-script detection) flags the same way.
/// A name whose words are each in one script ("Alexander Лукашенко") is not flagged.
pub fn mixed_script(s: &str) -> bool {
    s.split(|c: char| !c.is_alphanumeric() && !is_invisible(c))
        .any(|word| {
            let mut first = None;
            word.chars()
                .filter_map(script)
                .any(|sc| *first.get_or_insert(sc) != sc)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_invisible_agrees_with_a_scan_of_every_character() {
        let invisible = [
            '\u{00AD}', '\u{180E}', '\u{200B}', '\u{200F}', '\u{202C}', '\u{2063}',
        ];
        let invisible = invisible.into_iter().chain(['\u{2067}', '\u{FEFF}']);
        for c in invisible {
            assert!(has_invisible(&format!("Luka{c}shenko")), "{:X}", c as u32);
            // Wherever it falls against the scan's blocks of 32 bytes.
            for pad in 25..40 {
                let s = format!("{}{c}{}", "’".repeat(pad / 3) + &"x".repeat(pad % 3), "a");
                assert!(has_invisible(&s), "{s:?}");
            }
        }
        // Same lead bytes, visible: no-break space, curly quote, dash, ellipsis, Ꮮ, ﻿ neighbours.
        for s in [
            "a\u{a0}b",
            "Belarus’",
            "2020–21",
            "…",
            "\u{1820}",
            "\u{FEFE}",
            "Лукашэнка",
            "",
        ] {
            assert_eq!(has_invisible(s), s.contains(is_invisible), "{s:?}");
            assert!(!has_invisible(s), "{s:?}");
        }
    }

    #[test]
    fn mixed_script_words() {
        assert!(mixed_script("Alexander Lukashen\u{043A}o"));
        assert!(
            mixed_script("\u{0410}lexander"),
            "a Cyrillic А at the start"
        );
        assert!(!mixed_script("Alexander Lukashenko"));
        assert!(!mixed_script("Аляксандр Лукашэнка"));
        assert!(
            !mixed_script("Alexander Лукашенко"),
            "whole words in each script"
        );
        assert!(!mixed_script("Łukaszenka Ciechanoŭskaja"));
    }

    #[test]
    fn matching_form_unifies_and_strips() {
        assert_eq!(
            matching_form("“No\u{00AD} to\u{200B} occupation”"),
            "\"No to occupation\""
        );
        assert_eq!(matching_form("Russia–Belarus"), "Russia-Belarus");
        assert_eq!(matching_form("Lukas\u{202E}henko"), "Lukashenko");
        // NFKC folds compatibility forms such as the ligature ﬁ.
        assert_eq!(matching_form("ﬁnal"), "final");
    }

    /// [`matching_form`] without its fast path.
    fn matching_form_by_nfkc(t: &str) -> String {
        t.nfkc()
            .filter(|c| !is_invisible(*c))
            .map(unify_punctuation)
            .collect()
    }

    #[test]
    fn plain_characters_are_left_by_nfkc_beside_ascii_and_each_other() {
        let plain: Vec<char> = ('\u{80}'..='\u{FFFF}').filter(|&c| is_plain(c)).collect();
        // The eight quotes of 2018..201F, the prime, the apostrophe letter, the guillemets,
        // the hyphen, the four dashes, the minus; 96 Cyrillic letters.
        assert_eq!(plain.len(), 18 + 96);
        for &c in &plain {
            let u = unify_punctuation(c);
            let cyrillic = ('\u{0400}'..='\u{045F}').contains(&c);
            assert!(
                if cyrillic {
                    u == c
                } else {
                    u.is_ascii() && u != c
                },
                "{c:?}"
            );
            assert!(!is_invisible(c), "{c:?}");
            for d in plain.iter().step_by(7).chain([&'x', &'.']) {
                let t = format!("x{c}{d}y");
                assert_eq!(t.nfkc().collect::<String>(), t, "{c:?} {d:?}");
                assert_eq!(is_nfkc_quick(t.chars()), IsNormalized::Yes, "{c:?} {d:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_punctuation_fast_path_is_the_matching_form(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "a", "Minsk ", "“", "”", "‘", "’", "–", "—", "«", "»", "\u{2212}", "\u{2032}",
                "\u{2033}", "\u{2011}", "\u{00A0}", "\u{200B}", "\u{00AD}", "é", "e\u{0301}",
                "\u{0301}", "\u{0306}", "ﬁ", "Ж", "Лукашэнка", "й", "ў", "\u{0460}", "…", "½", "'", "\"", "-", " ", "\n",
            ]), 0..16)
        ) {
            let t = pieces.concat();
            proptest::prop_assert_eq!(matching_form(&t), matching_form_by_nfkc(&t));
        }
    }

    #[test]
    fn display_form_composes() {
        assert_eq!(display_form("e\u{0301}"), "\u{00e9}");
    }

    #[test]
    fn the_quick_check_changes_nothing() {
        for t in [
            "Лукашэнка said “no”",
            "Łukaszenka – Ελλάδα",
            "한국어 and 한국어",
            "e\u{0301}te\u{0301}",
            "ﬁnal ½ ²",
            "Luka\u{200B}shenko",
            "plain ASCII",
        ] {
            assert_eq!(matching_form(t), matching_form_by_nfkc(t), "{t}");
            assert_eq!(display_form(t), t.nfc().collect::<String>(), "{t}");
        }
    }
}
