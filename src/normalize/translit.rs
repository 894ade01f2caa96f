//! Cyrillic → Latin romanisation for Russian, Belarusian and Ukrainian.
//!
//! The language is told from the letters (issue 3): `ў`, or `і` together with `ы`/`э`, is
//! Belarusian; `ї`/`є`/`ґ`, or `і` together with `и`, is Ukrainian; anything else is Russian.
//! Each language is romanised with one official system, kept as const data:
//!
//! * Russian: BGN/PCGN 1947 (the system of English-language news: Yelena, Tikhanovskaya),
//!   without its optional middle dot that separates ambiguous digraphs (`Y·A`).
//! * Belarusian: BGN/PCGN 1979 (Hrodna, Lukashenka, Vitsyebsk; `ў` = w).
//! * Ukrainian: the national system of 2010 (KMU resolution 55: Volodymyr, Zelenskyi, Kyiv),
//!   which is also BGN/PCGN 2019.
//!
//! Soft and hard signs are kept as the systems write them (’ and ”); the fold keys drop them.

/// A language written in Cyrillic that concord romanises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    Russian,
    Belarusian,
    Ukrainian,
}

impl Lang {
    /// ISO 639-3 code, as interscript names its systems.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Russian => "rus",
            Lang::Belarusian => "bel",
            Lang::Ukrainian => "ukr",
        }
    }
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "rus" | "ru" => Some(Lang::Russian),
            "bel" | "be" => Some(Lang::Belarusian),
            "ukr" | "uk" => Some(Lang::Ukrainian),
            _ => None,
        }
    }
}

/// One romanisation system: a letter table, plus the forms used at the start of a word and
/// after a vowel or a sign (where iotated vowels are written with a leading y).
struct System {
    /// Default romanisation of each lower-case letter.
    letters: &'static [(char, &'static str)],
    /// Romanisation at the start of a word or after a vowel, `й`, `ь`, `ъ` or apostrophe.
    initial: &'static [(char, &'static str)],
    /// Letter pairs with their own romanisation (Ukrainian зг = zgh, not zh).
    pairs: &'static [(&'static str, &'static str)],
}

const COMMON: &[(char, &str)] = &[
    ('а', "a"),
    ('б', "b"),
    ('в', "v"),
    ('д', "d"),
    ('ж', "zh"),
    ('з', "z"),
    ('к', "k"),
    ('л', "l"),
    ('м', "m"),
    ('н', "n"),
    ('о', "o"),
    ('п', "p"),
    ('р', "r"),
    ('с', "s"),
    ('т', "t"),
    ('у', "u"),
    ('ф', "f"),
    ('х', "kh"),
    ('ц', "ts"),
    ('ч', "ch"),
    ('ш', "sh"),
    ('щ', "shch"),
];

const RU_LETTERS: &[(char, &str)] = &[
    ('г', "g"),
    ('е', "e"),
    ('ё', "ë"),
    ('и', "i"),
    ('й', "y"),
    ('ъ', "”"),
    ('ы', "y"),
    ('ь', "’"),
    ('э', "e"),
    ('ю', "yu"),
    ('я', "ya"),
    // Pre-1918 and Belarusian/Ukrainian letters met in Russian text.
    ('і', "i"),
];
const RU_INITIAL: &[(char, &str)] = &[('е', "ye"), ('ё', "yë")];

const BE_LETTERS: &[(char, &str)] = &[
    ('г', "h"),
    ('ґ', "g"),
    ('е', "ye"),
    ('ё', "yo"),
    ('і', "i"),
    ('и', "i"),
    ('й', "y"),
    ('ў', "w"),
    ('ы', "y"),
    ('ь', "’"),
    ('ъ', "”"),
    ('\'', "”"),
    ('’', "”"),
    ('´', "”"),
    ('э', "e"),
    ('ю', "yu"),
    ('я', "ya"),
];

const UK_LETTERS: &[(char, &str)] = &[
    ('г', "h"),
    ('ґ', "g"),
    ('е', "e"),
    ('є', "ie"),
    ('и', "y"),
    ('і', "i"),
    ('ї', "i"),
    ('й', "i"),
    ('ь', ""),
    ('\'', ""),
    ('’', ""),
    ('ʼ', ""),
    ('ю', "iu"),
    ('я', "ia"),
    // Russian letters met in Ukrainian text.
    ('ы', "y"),
    ('э', "e"),
    ('ё', "io"),
    ('ъ', ""),
];
/// KMU 2010: iotated letters are written with y only at the start of a word.
const UK_INITIAL: &[(char, &str)] = &[
    ('є', "ye"),
    ('ї', "yi"),
    ('й', "y"),
    ('ю', "yu"),
    ('я', "ya"),
];

const RUSSIAN: System = System {
    letters: RU_LETTERS,
    initial: RU_INITIAL,
    pairs: &[],
};
const BELARUSIAN: System = System {
    letters: BE_LETTERS,
    initial: &[],
    pairs: &[],
};
const UKRAINIAN: System = System {
    letters: UK_LETTERS,
    initial: UK_INITIAL,
    pairs: &[("зг", "zgh")],
};

/// True for Cyrillic letters (and the Belarusian/Ukrainian apostrophe inside a word).
pub fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}')
}

/// True when the string contains any Cyrillic letter.
pub fn has_cyrillic(s: &str) -> bool {
    s.chars().any(is_cyrillic)
}

/// Tells Russian, Belarusian and Ukrainian apart from the letters alone (issue 3's rule, plus
/// the Ukrainian soft sign in -ськ-, and Belarusian э inside a word and шч).
/// A text with `і` and none of the deciding companions is taken as Belarusian when it has the
/// Belarusian-only digraph `дз`/`дж` and Ukrainian otherwise.
pub fn detect(text: &str) -> Lang {
    let lower = text.to_lowercase();
    let has = |c: char| lower.contains(c);
    if has('ў') {
        return Lang::Belarusian;
    }
    // -ський/-цький: the soft sign before к is Ukrainian spelling (Russian writes -ский).
    if has('ї') || has('є') || has('ґ') || lower.contains("ськ") || lower.contains("цьк") {
        return Lang::Ukrainian;
    }
    if has('і') {
        if has('ы') || has('э') {
            return Lang::Belarusian;
        }
        if has('и') {
            return Lang::Ukrainian;
        }
        if lower.contains("дз") || lower.contains("дж") || lower.contains("шч") || has('ё') {
            return Lang::Belarusian;
        }
        return Lang::Ukrainian;
    }
    // Russian writes э almost only at the start of a word; Belarusian everywhere (Лукашэнка),
    // and шч where Russian has щ.
    let inner_e = lower
        .split(|c: char| !is_cyrillic(c))
        .any(|w| w.chars().skip(1).any(|c| c == 'э'));
    if inner_e || lower.contains("шч") {
        return Lang::Belarusian;
    }
    if has('ы') || has('э') || has('ъ') || has('ё') {
        return Lang::Russian;
    }
    Lang::Russian
}

fn system(lang: Lang) -> &'static System {
    match lang {
        Lang::Russian => &RUSSIAN,
        Lang::Belarusian => &BELARUSIAN,
        Lang::Ukrainian => &UKRAINIAN,
    }
}

fn lookup(table: &[(char, &'static str)], c: char) -> Option<&'static str> {
    table.iter().find(|(k, _)| *k == c).map(|(_, v)| *v)
}

fn is_cyr_vowel(c: char) -> bool {
    "аеёиіоуыэюяєї".contains(c)
}

/// Romanises with the language detected from the text itself.
pub fn romanize(text: &str) -> String {
    romanize_as(text, detect(text))
}

/// Romanises `text` with the system of `lang`. Non-Cyrillic characters pass through; the case
/// of each letter is kept (an all-capital word stays all capitals).
pub fn romanize_as(text: &str, lang: Lang) -> String {
    let sys = system(lang);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let lc = c.to_lowercase().next().unwrap_or(c);
        if !is_cyrillic(c) && lookup(sys.letters, lc).is_none() {
            out.push(c);
            i += 1;
            continue;
        }
        let prev = if i == 0 {
            None
        } else {
            chars[i - 1].to_lowercase().next()
        };
        let word_start = prev.is_none_or(|p| !(is_cyrillic(p) || p == '\'' || p == '’'));
        let after_vowel_or_sign = prev.is_some_and(|p| {
            is_cyr_vowel(p) || matches!(p, 'й' | 'ь' | 'ъ' | '\'' | '’' | 'ʼ' | '´')
        });
        // Letter pairs first (Ukrainian зг).
        let mut consumed = 1;
        let mut latin: Option<&str> = None;
        if i + 1 < chars.len() {
            let pair: String = chars[i..i + 2]
                .iter()
                .flat_map(|c| c.to_lowercase())
                .collect();
            if let Some((_, v)) = sys.pairs.iter().find(|(k, _)| *k == pair) {
                latin = Some(v);
                consumed = 2;
            }
        }
        let latin = latin.unwrap_or_else(|| {
            let initial = if word_start || (lang == Lang::Russian && after_vowel_or_sign) {
                lookup(sys.initial, lc)
            } else {
                None
            };
            initial
                .or_else(|| lookup(sys.letters, lc))
                .or_else(|| lookup(COMMON, lc))
                // Letters of other Cyrillic alphabets (Kazakh қ, Serbian ђ): a general table.
                .unwrap_or_else(|| any_ascii::any_ascii_char(lc))
        });
        let upper = c.is_uppercase();
        if upper {
            // All capitals when a neighbouring letter is a capital too; otherwise title case.
            let next_upper = chars
                .get(i + consumed)
                .is_some_and(|n| n.is_uppercase() && is_cyrillic(*n));
            let prev_upper = i > 0 && chars[i - 1].is_uppercase() && is_cyrillic(chars[i - 1]);
            if next_upper || prev_upper {
                out.push_str(&latin.to_uppercase());
            } else {
                let mut cs = latin.chars();
                if let Some(f) = cs.next() {
                    out.extend(f.to_uppercase());
                    out.push_str(cs.as_str());
                }
            }
        } else {
            out.push_str(latin);
        }
        i += consumed;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_languages_by_letters() {
        assert_eq!(detect("Ціханоўская"), Lang::Belarusian);
        assert_eq!(detect("Лукашэнка Аляксандр Рыгоравіч"), Lang::Belarusian);
        assert_eq!(detect("Київ"), Lang::Ukrainian);
        assert_eq!(detect("Зеленський Володимир"), Lang::Ukrainian);
        assert_eq!(detect("Лукашенко"), Lang::Russian);
        assert_eq!(detect("Тихановская"), Lang::Russian);
    }

    #[test]
    fn romanizes_each_language_with_its_table() {
        assert_eq!(romanize("Тихановская"), "Tikhanovskaya");
        assert_eq!(romanize("Ціханоўская"), "Tsikhanowskaya");
        assert_eq!(romanize("Лукашэнка"), "Lukashenka");
        assert_eq!(romanize("Зеленський"), "Zelenskyi");
        assert_eq!(romanize_as("Елена Ёлкина", Lang::Russian), "Yelena Yëlkina");
        assert_eq!(romanize_as("Андреев", Lang::Russian), "Andreyev");
        assert_eq!(romanize_as("Згурський", Lang::Ukrainian), "Zghurskyi");
        assert_eq!(romanize_as("ЁЖ", Lang::Russian), "YËZH");
    }

    #[test]
    fn latin_passes_through() {
        assert_eq!(romanize("Putin (Путин)"), "Putin (Putin)");
    }
}
