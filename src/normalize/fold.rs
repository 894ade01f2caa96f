//! Fold keys: every Latin (or romanised Cyrillic) spelling of a name word folded into a short
//! comparison key, with a few alternative keys where a letter is ambiguous.
//!
//! The fold merges what the romanisation systems and the languages' own Latin alphabets write
//! differently for one sound (diacritics; zh/ž/ż/rz; sh/š/sz; ch/č/cz; kh/h/x; ts/tz/c; w/v;
//! y/i/j; -sky/-skiy/-skyy/-ski; doubled letters; the glide in ie/ye). Where one spelling can
//! stand for two sounds, both readings are kept as alternative keys: `ch` (č in English, x in
//! Polish and Belarusian Łacinka), `h` (x, or the Belarusian/Ukrainian г that Russian writes g),
//! `ou`/`au`/`eu` (Belarusian ў after a vowel, written ov/av in Russian cognates), `yo`/`ë`
//! (ё, which many systems write e), `c` (ts in Slavic spellings, k in English ones).
//!
//! Key alphabet: lower-case ASCII, plus `S` = sh, `Z` = zh, `C` = ch, `c` = ts.

use super::translit;
use crate::memo::{Memo, remembered};
use std::rc::Rc;
use unicode_normalization::UnicodeNormalization;

/// At most this many alternative keys per word: a word with many ambiguous letters keeps the
/// first readings only, so blocking stays cheap.
pub const MAX_KEYS: usize = 16;

/// Letters whose diacritic carries a sound and must be spelled out before marks are dropped.
const SPELLED: &[(char, &str)] = &[
    ('š', "sh"),
    ('ž', "zh"),
    ('ż', "zh"),
    ('č', "ch"),
    ('ŝ', "shch"),
    ('ĉ', "ch"),
    ('ẑ', "zh"),
    ('ŭ', "w"),
    ('ł', "l"),
    ('ë', "yo"),
    ('ö', "yo"),
    ('ü', "yu"),
    ('ä', "ya"),
    ('ß', "ss"),
    ('æ', "ae"),
    ('ø', "o"),
    ('đ', "d"),
    ('ı', "i"),
    ('ś', "s"),
    ('ź', "z"),
    ('ć', "c"),
    ('ń', "n"),
    ('ĺ', "l"),
    // ISO 9 / GOST 7.79 System A single letters for iotated vowels and Ukrainian є, ї.
    ('â', "ya"),
    ('û', "yu"),
    ('ê', "ye"),
    ('ǐ', "yi"),
];

/// Multi-letter spellings, longest first, each with its readings (the first is the primary).
const SPELLINGS: &[(&str, &[&str])] = &[
    ("schtsch", &["SC"]),
    ("shtch", &["SC"]),
    ("shch", &["SC"]),
    ("szcz", &["SC"]),
    ("tsch", &["C"]),
    ("sch", &["S", "SC"]),
    ("tch", &["C"]),
    ("zh", &["Z"]),
    ("sh", &["S"]),
    ("sz", &["S"]),
    ("cz", &["C"]),
    ("ch", &["C", "h"]),
    ("kh", &["h"]),
    ("ts", &["c"]),
    ("tz", &["c"]),
    ("ck", &["k"]),
    ("ph", &["f"]),
    ("th", &["t"]),
    ("ou", &["ou", "ov"]),
    ("au", &["au", "av"]),
    ("eu", &["eu", "ev"]),
    // ё: yo/io/ë in most systems, e in passports, o after sibilants in German (Chruschtschow).
    ("yo", &["io", "e", "o"]),
    ("io", &["io", "e", "o"]),
    ("x", &["ks"]),
    ("q", &["k"]),
    ("w", &["v"]),
    ("y", &["i"]),
    ("j", &["i"]),
    ("h", &["h", "g"]),
];

/// Lower-cases, spells out meaningful diacritics, drops the others and every character that
/// is not a letter (apostrophes, soft-sign primes, hyphens, tie bars).
pub fn prepare(word: &str) -> String {
    // ASCII has no diacritic to spell out and nothing to compose or decompose.
    if word.is_ascii() {
        return word
            .bytes()
            .filter(u8::is_ascii_alphabetic)
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect();
    }
    prepare_general(word)
}

/// [`prepare`] for any script.
fn prepare_general(word: &str) -> String {
    let word: String = if translit::has_cyrillic(word) {
        translit::romanize(word)
    } else {
        word.to_string()
    };
    let mut spelled = String::with_capacity(word.len());
    for c in word.nfc().flat_map(char::to_lowercase) {
        match SPELLED.iter().find(|(k, _)| *k == c) {
            Some((_, v)) => spelled.push_str(v),
            // Scripts concord has no table of its own for (Greek, Armenian, Georgian, Arabic,
            // Hebrew, Han...): any_ascii's general romanisation, so a name in them still folds.
            None if c.is_alphabetic() && !is_latin(c) => {
                spelled.push_str(&any_ascii::any_ascii_char(c).to_lowercase());
            }
            None => spelled.push(c),
        }
    }
    spelled
        .nfd()
        .filter(|c| c.is_ascii_alphabetic())
        .collect::<String>()
}

/// Latin script, with its diacritics (Latin-1, Latin Extended A/B, IPA, Extended Additional).
fn is_latin(c: char) -> bool {
    matches!(c, '\0'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
}

/// All fold keys of one word, primary first, at most [`MAX_KEYS`], without duplicates.
pub fn word_keys(word: &str) -> Vec<String> {
    cached_keys(word).to_vec()
}

thread_local! {
    /// Words already folded on this thread: mention finding and the gazetteer fold the same
    /// few thousand names again and again, at ~10,000 instructions each.
    static MEMO: Memo<Rc<[String]>> = Memo::default();
}

fn cached_keys(word: &str) -> Rc<[String]> {
    remembered(&MEMO, word, |w| keys_upto(w, MAX_KEYS).into())
}

/// The first `max` fold keys (at least one reading per letter is always kept, so `max` = 1
/// gives the primary key alone without building the alternatives).
fn keys_upto(word: &str, max: usize) -> Vec<String> {
    let s = prepare(word);
    let b = s.as_bytes();
    // Each position gives a list of readings; the keys are their product.
    let mut slots: Vec<&[&str]> = Vec::with_capacity(b.len());
    let mut singles: Vec<String> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let rest = &s[i..];
        if let Some((pat, readings)) = SPELLINGS.iter().find(|(p, _)| rest.starts_with(p)) {
            slots.push(readings);
            i += pat.len();
            continue;
        }
        // Polish rz reads as ž after a consonant or at the start (Przybylski, Rzepka), never
        // after a vowel (Herzog).
        if rest.starts_with("rz") && (i == 0 || !is_vowel(b[i - 1])) {
            slots.push(&["Z", "rz"]);
            i += 2;
            continue;
        }
        if b[i] == b'c' {
            // c before a front vowel is ts in every spelling that uses it; elsewhere English
            // spellings read it as k (Victor, Nicolas), Slavic ones as ts (Pacuk).
            let front = matches!(b.get(i + 1), Some(b'e' | b'i' | b'y'));
            slots.push(if front { &["c"] } else { &["k", "c"] });
            i += 1;
            continue;
        }
        singles.push(s[i..i + 1].to_string());
        slots.push(&[]);
        i += 1;
    }
    // Expand.
    let mut keys: Vec<String> = vec![String::new()];
    let mut single_idx = 0;
    for slot in &slots {
        if slot.is_empty() {
            let c = &singles[single_idx];
            single_idx += 1;
            for k in &mut keys {
                k.push_str(c);
            }
            continue;
        }
        let mut next = Vec::with_capacity(keys.len() * slot.len());
        for (ri, r) in slot.iter().enumerate() {
            for k in &keys {
                if ri > 0 && next.len() >= max {
                    break;
                }
                let mut k2 = k.clone();
                k2.push_str(r);
                next.push(k2);
            }
        }
        keys = next;
    }
    let mut out: Vec<String> = Vec::with_capacity(keys.len());
    for k in keys {
        let k = finish(&k);
        if !k.is_empty() && !out.contains(&k) {
            out.push(k);
        }
    }
    out
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// Post-processing of one reading: doubled letters, the glide before e, feminine -skaya.
fn finish(k: &str) -> String {
    let mut out = String::with_capacity(k.len());
    for c in k.chars() {
        if out.ends_with(c) {
            continue;
        }
        // The glide i before e (ye, ie, je: Yelena/Elena, Biełaruś/Belarus, Andreyev/Andreev).
        if c == 'e' && out.ends_with('i') {
            out.pop();
            if out.ends_with('e') {
                continue;
            }
        }
        out.push(c);
    }
    // Feminine -skaya / -skaja / -ska are one ending (Russian and Polish/Łacinka spellings).
    if let Some(stem) = out.strip_suffix("skaia") {
        out = format!("{stem}ska");
    } else if let Some(stem) = out.strip_suffix("ckaia") {
        out = format!("{stem}cka");
    }
    out
}

/// The primary key of a word.
pub fn primary_key(word: &str) -> String {
    cached_keys(word).first().cloned().unwrap_or_default()
}

/// A coarse blocking key: the primary key's consonants, g read as h, doubled letters once. It
/// finds candidates that differ in vowels (akanye: Kolesnikova/Kalesnikava, typos) and is
/// never a decision.
pub fn skeleton(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for c in key.chars() {
        let c = match c {
            'a' | 'e' | 'i' | 'o' | 'u' => continue,
            'g' => 'h',
            c => c,
        };
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// Splits a name into words (letters, digits and inner apostrophes or hyphens).
pub fn words(name: &str) -> Vec<&str> {
    name.split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '(' | ')' | '/' | '"'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect()
}

/// True when two words share a fold key.
pub fn share_key(a: &str, b: &str) -> bool {
    Keys::of(a).shares(&Keys::of(b))
}

/// One word's fold keys, fetched once (from this thread's memo) to be kept and tested
/// against many words: [`share_key`] looks both words up again every time it is asked (in
/// mention finding, every single capitalised word against every surname of the article: a
/// third of a million memo look-ups at 2,000 articles).
#[derive(Clone)]
pub struct Keys(Rc<[String]>);

impl Keys {
    pub fn of(word: &str) -> Keys {
        Keys(cached_keys(word))
    }

    /// [`share_key`] of the two words.
    pub fn shares(&self, other: &Keys) -> bool {
        self.0.iter().any(|k| other.0.contains(k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) -> bool {
        share_key(a, b)
    }

    #[test]
    fn folds_spelling_systems_together() {
        assert!(same("Lukashenka", "Łukašenka"));
        assert!(same("Lukashenka", "Лукашэнка"));
        assert!(same("Tsikhanouskaya", "Cichanouskaja"));
        assert!(same("Tsikhanouskaya", "Ціханоўская"));
        assert!(same("Zelenskyy", "Zelensky"));
        assert!(same("Zelenskiy", "Zelenski"));
        assert!(same("Dmitriy", "Dmitri"));
        assert!(same("Yelena", "Elena"));
        assert!(same("Bielaruś", "Belarus"));
        assert!(same("Homyel’", "Homiel"));
        assert!(same("Gorbachev", "Горбачёв"));
        assert!(same("Khrushchev", "Хрущёв"));
        assert!(same("Chruschtschow", "Хрущёв"));
        assert!(same("Mikhail", "Michail"));
        assert!(same("Victor", "Viktor"));
        assert!(same("Alexander", "Aleksander"));
    }

    #[test]
    fn keeps_different_names_apart() {
        assert!(!same("Minsk", "Pinsk"));
        assert!(!same("Ivanov", "Ivanova"));
        assert!(!same("Zelensky", "Zelenska"));
        assert!(!same("Tsikhanouski", "Tsikhanouskaya"));
        assert!(!same("Putin", "Puting"));
    }

    #[test]
    fn alternative_keys_cover_ambiguous_letters() {
        // ou is both a vowel pair and Belarusian ў after o.
        assert!(same("Tsikhanouskaya", "Tsikhanovskaya"));
        // h is the Belarusian г that Russian writes g.
        assert!(same("Hrodna", "Grodna"));
        assert!(word_keys("Mahilyow").len() <= MAX_KEYS);
    }

    #[test]
    fn shortcuts_agree_with_the_general_path() {
        let words = [
            "Lukashenko",
            "O'Brien-Smith",
            "Ig0r",
            "Tsikhanouskaya",
            "Shchedrin",
            "Łukaszenka",
            "Лукашэнка",
            "Przybylski",
            "Chruschtschow",
            "Mahilyow",
            "",
            "-'-",
        ];
        for w in words {
            if w.is_ascii() {
                assert_eq!(prepare(w), prepare_general(w), "{w}");
            }
            let all = word_keys(w);
            assert_eq!(all, keys_upto(w, MAX_KEYS), "{w}: the memo changes nothing");
            assert_eq!(
                primary_key(w),
                all.first().cloned().unwrap_or_default(),
                "{w}"
            );
            assert_eq!(keys_upto(w, 1).first(), all.first(), "{w}");
        }
    }

    #[test]
    fn skeleton_ignores_vowels() {
        assert_eq!(
            skeleton(&primary_key("Kolesnikova")),
            skeleton(&primary_key("Kalesnikava"))
        );
        assert_ne!(
            skeleton(&primary_key("Minsk")),
            skeleton(&primary_key("Pinsk"))
        );
    }
}
