//! Text forms. Display text is NFC and keeps the article's own characters; the matching form
//! is for comparison only: NFKC, one kind of quote and dash, and no invisible characters
//! (soft hyphens, zero-width and bidi controls) that would split or disguise a word.

use unicode_normalization::UnicodeNormalization;

/// True for characters that are invisible in print and must not take part in matching:
/// soft hyphen, zero-width space/joiners, word joiner, BOM, and the bidi controls.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
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

/// The display form: NFC, nothing else changed.
pub fn display_form(s: &str) -> String {
    s.nfc().collect()
}

/// The matching form used by later stages for comparison (never shown as the article's words).
pub fn matching_form(s: &str) -> String {
    s.nfkc()
        .filter(|c| !is_invisible(*c))
        .map(unify_punctuation)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn display_form_composes() {
        assert_eq!(display_form("e\u{0301}"), "\u{00e9}");
    }
}
