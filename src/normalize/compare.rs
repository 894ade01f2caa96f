//! Pairwise name comparison: a score in [0, 1], a same/different decision and the reasons.
//!
//! Names are split into words; each word of one name is aligned with its most similar word of
//! the other (order-free: "Lukashenko Alexander" = "Alexander Lukashenko"). Two words are equal
//! when they share a fold key, are forms of one given name, or are spellings of one dictionary
//! item; nearly equal when they differ only by Belarusian–Russian cognate edits (akanye o/a,
//! ts/t and dz/d before i/e, h/g); otherwise they score by Jaro–Winkler on their keys. Every
//! word of the shorter name must find a partner; extra words of the longer name (a middle name,
//! a patronymic) cost a little.
//!
//! Vetoes: for persons, a masculine/feminine pair of otherwise matching words (Ivanov/Ivanova,
//! Zelensky/Zelenska, Tsikhanouski/Tsikhanouskaya, Alexander/Alexandra) makes two persons unless
//! both names carry given names that agree. Places and organisations are never vetoed.

use super::{EntityKind, dictionary, fold, gazetteer, given_names, similarity};
use std::sync::Arc;

/// Options of [`compare_names`].
#[derive(Debug, Clone)]
pub struct CompareOptions {
    /// Consult the built-in Wikidata name dictionary.
    pub use_dictionary: bool,
    /// What the names are: the gender veto applies to persons only.
    pub kind: EntityKind,
    /// Scores at or above this are the same entity.
    pub threshold: f64,
}

impl Default for CompareOptions {
    fn default() -> Self {
        CompareOptions {
            use_dictionary: true,
            kind: EntityKind::Person,
            threshold: 0.87,
        }
    }
}

/// The result of comparing two names.
#[derive(Debug, Clone, PartialEq)]
pub struct NameMatch {
    pub score: f64,
    pub same: bool,
    /// Why: one line per aligned word pair, veto or exonym.
    pub reasons: Vec<String>,
    /// A gender veto kept the names apart (never to be merged, even through others).
    pub vetoed: bool,
}

/// Collects reasons only when they are wanted: resolution compares many candidate pairs and
/// explains only the merges.
struct Why {
    on: bool,
    lines: Vec<String>,
}

impl Why {
    fn add(&mut self, line: impl FnOnce() -> String) {
        if self.on {
            self.lines.push(line());
        }
    }
}

/// The least similarity of two words that are not given names for the names to be one. Set
/// above the closest different surnames of the news fixture (Ivanov / Ivanovsky, 0.80).
const SURNAME_FLOOR: f64 = 0.82;

/// Words that carry no identity: honorifics and name particles. They may stay unmatched.
const PARTICLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "madame",
    "monsieur",
    "herr",
    "frau",
    "al",
    "el",
    "bin",
    "ben",
    "ibn",
    "bint",
    "de",
    "da",
    "di",
    "del",
    "van",
    "von",
    "der",
    "la",
    "le",
    "du",
    "president",
    "prime",
    "minister",
    "general",
    "gen",
    "col",
    "prof",
    "sheikh",
    "shaikh",
];

/// Endings of East Slavic patronymics (Viktorovich, Oleksandrovych, Ivanovna). A word with
/// one is a patronymic only when what precedes it is a known given name (Abramovich is a
/// surname).
const PATRONYMIC_ENDINGS: &[&str] = &[
    "ovich", "evich", "ovych", "evych", "ovitch", "ievich", "yevich", "ovna", "evna", "ivna",
    "ievna", "yevna", "avich", "avna",
];

/// One word of a name with its keys, prepared once.
#[derive(Debug, Clone)]
pub struct Word {
    pub text: String,
    pub keys: Vec<String>,
    pub cognate: Vec<String>,
    pub particle: bool,
    pub initial: bool,
    pub given: bool,
    /// Given-name table rows of this word.
    pub given_rows: &'static [u16],
    /// For a patronymic, the given-name rows of the father's name.
    pub patronymic: Option<&'static [u16]>,
}

impl Word {
    /// Words a name may have or lack without changing who it names.
    fn optional(&self) -> bool {
        self.particle || self.patronymic.is_some()
    }
}

/// A name prepared for comparison.
#[derive(Debug, Clone)]
pub struct PreparedName {
    pub text: String,
    /// Shared: a corpus prepares each distinct word once.
    pub words: Vec<Arc<Word>>,
    /// The place the name spells, when the gazetteer knows it (exonyms included).
    pub place: Option<&'static str>,
    /// The primary key of all words run together (spacing differences).
    pub joined: String,
}

impl PreparedName {
    /// Number of words that carry identity.
    fn weight(&self) -> usize {
        self.words.iter().filter(|w| !w.optional()).count()
    }
}

/// Belarusian–Russian cognate edits applied to a key: soft l, akanye (unstressed o written a),
/// yakanye (unstressed e written ia: Niakliayeu / Neklyayev), ць/дзь for ть/дь before i and e
/// (Tsikhanouskaya / Tikhanovskaya), г read h (Hrodna / Grodno).
pub fn cognate_form(key: &str) -> String {
    // Łacinka writes soft l before a vowel as plain l (Bialacki = Bialiatski).
    let mut s = key
        .replace("lia", "la")
        .replace("liu", "lu")
        .replace("lio", "lo");
    s = s.replace("ia", "e");
    s = s.replace("dzi", "di").replace("dze", "de");
    s = s.replace("ci", "ti").replace("ce", "te");
    s.chars()
        .map(|c| match c {
            'o' => 'a',
            'h' => 'g',
            c => c,
        })
        .collect()
}

/// Prepares one word (public so that a corpus can prepare each distinct word once).
pub fn prepare_word(text: &str) -> Word {
    let keys = fold::word_keys(text);
    let mut cognate: Vec<String> = Vec::new();
    for k in &keys {
        let c = cognate_form(k);
        if !cognate.contains(&c) {
            cognate.push(c);
        }
    }
    let lower = text.to_lowercase();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    // Most words have no patronymic ending: test it on the cheap lower-case form first.
    let maybe_patronymic = lower.ends_with("ch")
        || lower.ends_with("na")
        || lower.ends_with("ич")
        || lower.ends_with("на")
        || lower.ends_with("іч");
    let roman = if maybe_patronymic {
        fold::prepare(text)
    } else {
        String::new()
    };
    let patronymic = PATRONYMIC_ENDINGS.iter().find_map(|e| {
        let stem = roman.strip_suffix(e)?;
        // Oleksandr-ovych, Dmitri-evich, Serge-evich: try the stem as is and with -i/-y/-ei.
        [
            stem.to_string(),
            format!("{stem}i"),
            format!("{stem}y"),
            format!("{stem}ei"),
        ]
        .iter()
        .map(|c| given_names::groups(c))
        .find(|g| !g.is_empty())
    });
    let given_rows = keys
        .first()
        .map_or(&[][..], |k| given_names::groups_of_key(k));
    Word {
        patronymic,
        particle: PARTICLES.contains(&lower.as_str()),
        initial: letters == 1,
        given: !given_rows.is_empty(),
        given_rows,
        text: text.to_string(),
        keys,
        cognate,
    }
}

/// Digits written for look-alike letters inside a word (Ig0r Sech1n), as in obfuscated lists.
fn undigit(word: &str) -> String {
    if !word.chars().any(char::is_alphabetic) {
        return word.to_string();
    }
    word.chars()
        .map(|c| match c {
            '0' => 'o',
            '1' => 'i',
            '3' => 'e',
            '4' => 'a',
            '5' => 's',
            '9' => 'g',
            c => c,
        })
        .collect()
}

/// Splits run-together words at a lower-to-upper case change (SergeiLavrov).
fn split_camel(word: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut prev_lower = false;
    for c in word.chars() {
        if c.is_uppercase() && prev_lower {
            out.push(String::new());
        }
        prev_lower = c.is_lowercase();
        if let Some(last) = out.last_mut() {
            last.push(c);
        }
    }
    out
}

/// Splits and prepares a name.
pub fn prepare_name(name: &str) -> PreparedName {
    let words = name_words(name)
        .iter()
        .map(|w| Arc::new(prepare_word(w)))
        .collect();
    assemble(name, words)
}

/// The words of a name as compared: split at spaces, hyphens and case changes, digits read
/// as the letters they stand for.
pub fn name_words(name: &str) -> Vec<String> {
    fold::words(name)
        .into_iter()
        .flat_map(|w| w.split('-'))
        .filter(|w| !w.is_empty())
        .flat_map(split_camel)
        .map(|w| undigit(&w))
        .collect()
}

/// Builds a prepared name from its prepared words (in [`name_words`] order).
pub fn assemble(name: &str, words: Vec<Arc<Word>>) -> PreparedName {
    let words: Vec<Arc<Word>> = words.into_iter().filter(|w| !w.keys.is_empty()).collect();
    let keys: Vec<&str> = words.iter().map(|w| w.keys[0].as_str()).collect();
    PreparedName {
        text: name.to_string(),
        place: gazetteer::place_by_key(&keys.join(" "), name),
        joined: keys.concat(),
        words,
    }
}

/// Grammatical gender read from a word's key: Slavic feminine surnames and given names end
/// in -a (Ivanova, Zelenska, Tsikhanouskaya, Alexandra), masculine ones in a consonant or -i
/// (Ivanov, Zelensky, Tsikhanouski, Alexander). -o/-e/-u (Lukashenko) say nothing.
fn gender(key: &str) -> Option<bool> {
    let last = key.chars().last()?;
    match last {
        'a' => Some(true),
        'o' | 'e' | 'u' => None,
        _ => Some(false),
    }
}

/// Masculine endings of East Slavic and Polish surnames (keys): -ov/-ev/-in, -sky/-ski/-cki,
/// adjectival -y/-iy (Navalny). Their feminine forms end in -a.
const MASCULINE_SURNAME_ENDINGS: &[&str] =
    &["ov", "ev", "in", "ski", "cki", "ii", "ni", "oi", "iv"];

/// True when two surnames are the masculine and feminine forms of one family name:
/// Ivanov/Ivanova, Zelensky/Zelenska, Navalny/Navalnaya, Tsikhanouski/Tsikhanouskaya.
fn gender_pair(a: &str, b: &str) -> bool {
    let (masc, fem) = match (gender(a), gender(b)) {
        (Some(false), Some(true)) => (a, b),
        (Some(true), Some(false)) => (b, a),
        _ => return false,
    };
    if !MASCULINE_SURNAME_ENDINGS.iter().any(|e| masc.ends_with(e)) {
        return false;
    }
    // Stems: the masculine form without -i, the feminine without -aia/-a.
    let ms = masc.strip_suffix('i').unwrap_or(masc);
    let fs = fem
        .strip_suffix("aia")
        .or_else(|| fem.strip_suffix('a'))
        .unwrap_or(fem);
    let (ms, fs) = (cognate_form(ms), cognate_form(fs));
    ms == fs || similarity::jaro_winkler(&ms, &fs) >= 0.9
}

/// How similar two words are, and by which rule.
fn word_sim(a: &Word, b: &Word, opts: &CompareOptions) -> (f64, &'static str) {
    match (a.patronymic, b.patronymic) {
        (Some(x), Some(y)) => {
            return if x.iter().any(|g| y.contains(g)) {
                (1.0, "same patronymic")
            } else {
                (0.0, "different patronymics")
            };
        }
        (Some(_), None) | (None, Some(_)) => return (0.0, "patronymic"),
        (None, None) => {}
    }
    if a.initial || b.initial {
        let fa = a.keys[0].chars().next();
        let fb = b.keys[0].chars().next();
        return if fa == fb && !(a.initial && b.initial) {
            (0.9, "initial")
        } else if a.initial && b.initial && fa == fb {
            (1.0, "same initial")
        } else {
            (0.0, "initials differ")
        };
    }
    if a.keys.iter().any(|k| b.keys.contains(k)) {
        return (1.0, "fold key");
    }
    if a.given && b.given {
        return if a.given_rows.iter().any(|g| b.given_rows.contains(g)) {
            (1.0, "given-name table")
        } else {
            // Two different known given names (Alexander, Alexei) are never one.
            (0.3, "different given names")
        };
    }
    if opts.use_dictionary && dictionary::equivalent_keys(&a.keys[0], &b.keys[0]) {
        return (1.0, "dictionary");
    }
    if a.cognate.iter().any(|k| b.cognate.contains(k)) {
        return (0.95, "cognate edits");
    }
    let mut best: f64 = 0.0;
    for ka in a.cognate.iter().take(2) {
        for kb in b.cognate.iter().take(2) {
            // Jaro-Winkler alone rewards a shared prefix too much (Ivanov / Ivanovsky,
            // Zakharova / Zakharenko); the edit distance alone punishes long typos too much.
            // Optimal string alignment: Damerau's transpositions without strsim's
            // allocation-heavy unrestricted variant.
            let (la, lb) = (ka.chars().count(), kb.chars().count());
            let (short, long) = (la.min(lb), la.max(lb));
            // The lengths alone bound the mean: Jaro is at most (2 + short/long) / 3, the
            // Winkler bonus adds at most 0.4 of what is left, and the edit distance is at
            // least the difference of the lengths, so the mean is at most
            // 0.4 + 0.6 short/long, below the alignment cut (0.75) when short/long < 7/12
            // (a given name against a long surname): skip both metrics (0.5833 < 7/12 leaves
            // room for rounding).
            if (short as f64) < 0.5833 * long as f64 {
                continue;
            }
            let jw = similarity::jaro_winkler(ka, kb);
            // Below 0.5 the mean cannot reach the alignment cut (0.75): skip the edit distance.
            if jw < 0.5 {
                continue;
            }
            let len = long.max(1) as f64;
            let osa = 1.0 - similarity::osa_distance(ka, kb) as f64 / len;
            best = best.max(0.5 * jw + 0.5 * osa);
        }
    }
    // Short words are easily similar by chance (Minsk/Pinsk): demand more of them.
    let len = a.keys[0].len().min(b.keys[0].len());
    if len <= 5 {
        best = (best - 0.08).max(0.0);
    }
    (best, "similar spelling")
}

/// Compares two names (see the module documentation).
pub fn compare_names(a: &str, b: &str, opts: &CompareOptions) -> NameMatch {
    compare_prepared(&prepare_name(a), &prepare_name(b), opts)
}

/// Compares two prepared names.
pub fn compare_prepared(a: &PreparedName, b: &PreparedName, opts: &CompareOptions) -> NameMatch {
    compare_with(a, b, opts, true)
}

/// [`compare_prepared`], with `reasons` left empty unless `explain`.
pub fn compare_with(
    a: &PreparedName,
    b: &PreparedName,
    opts: &CompareOptions,
    explain: bool,
) -> NameMatch {
    compare_by(a, b, opts, explain, |wa, wb| word_sim(wa, wb, opts))
}

/// Word similarities already computed, by the addresses of the two shared [`Word`]s.
///
/// Resolution compares tens of thousands of candidate name pairs but only a few thousand
/// distinct words, and the same word pairs recur in many name pairs (every given name
/// against every surname of a block): the string metrics were most of its cost (issue 7).
/// Keys are addresses, so a cache must not outlive the words it was filled with: keep one
/// per resolution (per rayon job), never across corpora.
#[derive(Default)]
pub struct SimCache {
    sims: rustc_hash::FxHashMap<(usize, usize), (f64, &'static str)>,
}

/// [`compare_with`] (without reasons) that looks word similarities up in `cache` first. The
/// words must stay alive as long as the cache is used.
pub fn compare_cached(
    a: &PreparedName,
    b: &PreparedName,
    opts: &CompareOptions,
    cache: &mut SimCache,
) -> NameMatch {
    compare_by(a, b, opts, false, |wa, wb| {
        let key = (Arc::as_ptr(wa) as usize, Arc::as_ptr(wb) as usize);
        *cache
            .sims
            .entry(key)
            .or_insert_with(|| word_sim(wa, wb, opts))
    })
}

/// The comparison itself, with the similarity of two words given by `sim` (which must be
/// [`word_sim`] or a memo of it).
fn compare_by(
    a: &PreparedName,
    b: &PreparedName,
    opts: &CompareOptions,
    explain: bool,
    mut sim: impl FnMut(&Arc<Word>, &Arc<Word>) -> (f64, &'static str),
) -> NameMatch {
    let mut why = Why {
        on: explain,
        lines: Vec::new(),
    };
    // Known places compare by the exonym table whatever kind the caller assumed.
    if let (Some(x), Some(y)) = (a.place, b.place) {
        let same = x == y;
        if same {
            why.add(|| format!("{} = {}: exonym table", a.text, b.text));
        }
        return NameMatch {
            score: if same { 1.0 } else { 0.0 },
            same,
            reasons: why.lines,
            vetoed: false,
        };
    }
    if a.words.is_empty() || b.words.is_empty() {
        return NameMatch {
            score: 0.0,
            same: false,
            reasons: vec!["no comparable letters".into()],
            vetoed: false,
        };
    }
    // The same letters with different spacing (Ramimakhlouf / Rami Makhlouf).
    if a.words.len() != b.words.len() && a.joined == b.joined {
        return NameMatch {
            score: 0.95,
            same: true,
            reasons: vec![format!(
                "{} = {}: same letters, other spacing",
                a.text, b.text
            )],
            vetoed: false,
        };
    }
    // Greedy alignment on the similarity matrix (names have few words).
    // (Sized up front: grown by pushing, the cells were a tenth of resolution.)
    let mut cells: Vec<(f64, usize, usize, &'static str)> =
        Vec::with_capacity(a.words.len() * b.words.len());
    for (i, wa) in a.words.iter().enumerate() {
        for (j, wb) in b.words.iter().enumerate() {
            let (s, why) = sim(wa, wb);
            cells.push((s, i, j, why));
        }
    }
    cells.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut used_a = vec![false; a.words.len()];
    let mut used_b = vec![false; b.words.len()];
    let mut pairs: Vec<(f64, usize, usize, &'static str)> =
        Vec::with_capacity(a.words.len().min(b.words.len()));
    for c in cells {
        if c.0 < 0.75 || used_a[c.1] || used_b[c.2] {
            continue;
        }
        used_a[c.1] = true;
        used_b[c.2] = true;
        pairs.push(c);
    }
    pairs.sort_by_key(|p| (p.1, p.2));

    let (short, short_used, long_used) = if a.weight() <= b.weight() {
        (a, &used_a, &used_b)
    } else {
        (b, &used_b, &used_a)
    };
    let long = if std::ptr::eq(short, a) { b } else { a };
    let mut total = 0.0;
    let mut strong = 0;
    for (s, i, j, rule) in &pairs {
        let (wa, wb) = (&a.words[*i], &b.words[*j]);
        if wa.optional() && wb.optional() {
            continue;
        }
        total += s;
        if *s >= 0.95 && !wa.initial && !wb.initial {
            strong += 1;
        }
        why.add(|| format!("{} ~ {}: {rule} ({s:.2})", wa.text, wb.text));
    }
    let denom = short.weight().max(1) as f64;
    let unmatched = |n: &PreparedName, used: &[bool]| {
        n.words
            .iter()
            .zip(used)
            .filter(|(w, u)| !w.optional() && !**u)
            .count()
    };
    let unmatched_short = unmatched(short, short_used);
    let extra_long = unmatched(long, long_used);
    let mut score = (total / denom).min(1.0) * 0.97f64.powi(extra_long as i32);
    if unmatched_short > 0 {
        why.add(|| format!("{unmatched_short} word(s) without a partner"));
    }

    // Gender veto (persons only).
    let mut veto = false;
    if opts.kind == EntityKind::Person {
        let given_agree = pairs.iter().any(|(s, i, j, _)| {
            let (wa, wb) = (&a.words[*i], &b.words[*j]);
            *s >= 0.95 && wa.given && wb.given && !wa.initial && !wb.initial
        });
        for (_, i, j, _) in &pairs {
            let (wa, wb) = (&a.words[*i], &b.words[*j]);
            if wa.initial || wb.initial || wa.given && wb.given {
                continue;
            }
            if gender_pair(&wa.keys[0], &wb.keys[0]) && !given_agree {
                veto = true;
                why.add(|| {
                    format!(
                        "veto: {} / {} are a masculine/feminine pair",
                        wa.text, wb.text
                    )
                });
            }
        }
        // Given names of different gender (Alexander / Alexandra).
        for (_, i, j, _) in &pairs {
            let (wa, wb) = (&a.words[*i], &b.words[*j]);
            if wa.given != wb.given && !wa.initial && !wb.initial {
                let (ga, gb) = (gender(&wa.keys[0]), gender(&wb.keys[0]));
                if matches!((ga, gb), (Some(x), Some(y)) if x != y) {
                    veto = true;
                    why.add(|| {
                        format!(
                            "veto: given names {} / {} differ in gender",
                            wa.text, wb.text
                        )
                    });
                }
            }
        }
    }
    if veto {
        score = score.min(0.5);
    }
    let anchored = strong > 0;
    // Both names give a patronymic and they differ (Sergey Viktorovich / Sergey Ivanovich).
    let patronymics_differ = a.words.iter().any(|w| w.patronymic.is_some())
        && b.words.iter().any(|w| w.patronymic.is_some())
        && !pairs
            .iter()
            .any(|(_, i, _, _)| a.words[*i].patronymic.is_some());
    if patronymics_differ {
        why.add(|| "patronymics differ".into());
    }
    // A surname carries the identity: a matching given name must not carry a weak surname
    // (Vladimir Putin / Vladimir Pugin).
    let weak_surname = pairs.iter().find(|(s, i, j, _)| {
        let (wa, wb) = (&a.words[*i], &b.words[*j]);
        *s < SURNAME_FLOOR && !wa.given && !wb.given && !wa.initial && !wb.initial
    });
    if let Some((s, i, j, _)) = weak_surname {
        why.add(|| {
            format!(
                "{} / {}: too weak a match for a surname ({s:.2})",
                a.words[*i].text, b.words[*j].text
            )
        });
    }
    let same = !veto
        && !patronymics_differ
        && weak_surname.is_none()
        && unmatched_short == 0
        && anchored
        && score >= opts.threshold;
    NameMatch {
        score: (score * 10000.0).round() / 10000.0,
        same,
        reasons: why.lines,
        vetoed: veto,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_length_bound_never_hides_a_word_pair_above_the_cut() {
        // The skipped pairs are those whose lengths alone keep the mean of Jaro-Winkler and
        // the edit-distance similarity below 0.75: check the bound on the closest of them.
        let words = [
            "ivan",
            "ivanov",
            "ivanovsky",
            "lukashenko",
            "sasha",
            "aleksandr",
            "tsikhanouski",
            "tikhanovskaya",
            "abcdefg",
            "abcdefghijkl",
            "abcd",
            "abcdefg",
        ];
        for a in words {
            for b in words {
                let (la, lb) = (a.chars().count(), b.chars().count());
                let (short, long) = (la.min(lb), la.max(lb));
                let jw = similarity::jaro_winkler(a, b);
                let osa = 1.0 - similarity::osa_distance(a, b) as f64 / long.max(1) as f64;
                let mean = 0.5 * jw + 0.5 * osa;
                assert!(
                    mean <= 0.4 + 0.6 * short as f64 / long as f64 + 1e-12,
                    "{a} {b}"
                );
                if (short as f64) < 0.5833 * long as f64 {
                    assert!(mean < 0.75, "{a} {b} {mean}");
                }
            }
        }
    }

    fn same(a: &str, b: &str) -> bool {
        compare_names(a, b, &CompareOptions::default()).same
    }

    #[test]
    fn transliteration_variants_are_one_person() {
        assert!(same("Alexander Lukashenko", "Alyaksandr Lukashenka"));
        assert!(same("Svetlana Tikhanovskaya", "Sviatlana Tsikhanouskaya"));
        assert!(same("Svyatlana Tsikhanouskaya", "Tikhanovskaya"));
        assert!(same("Maria Kolesnikova", "Maryia Kalesnikava"));
        assert!(same("Lukashenko Alexander", "Alexander Lukashenko"));
        assert!(same("Vladimir Zelensky", "Volodymyr Zelenskyy"));
        assert!(same("Владимир Путин", "Vladimir Putin"));
        assert!(same("Ціханоўская", "Tsikhanouskaya"));
    }

    #[test]
    fn gender_pairs_are_two_people() {
        assert!(!same("Volodymyr Zelensky", "Olena Zelenska"));
        assert!(!same("Zelensky", "Zelenska"));
        assert!(!same("Sviatlana Tsikhanouskaya", "Siarhei Tsikhanouski"));
        assert!(!same("Tsikhanouskaya", "Tsikhanouski"));
        assert!(!same("Ivanov", "Ivanova"));
        assert!(!same("Alexander Ivanov", "Alexandra Ivanova"));
    }

    #[test]
    fn different_people_stay_apart() {
        assert!(!same("Alexander Lukashenko", "Viktor Lukashenko"));
        assert!(!same("Dmitry Peskov", "Dmitry Medvedev"));
        assert!(!same("Maria Kolesnikova", "Maria Zakharova"));
    }

    #[test]
    fn places_are_never_vetoed() {
        let place = CompareOptions {
            kind: EntityKind::Place,
            ..CompareOptions::default()
        };
        assert!(compare_names("Kiev", "Kyiv", &place).same);
        assert!(compare_names("Grodno", "Hrodna", &place).same);
        assert!(compare_names("Gomel", "Homiel", &place).same);
        assert!(!compare_names("Minsk", "Pinsk", &place).same);
        // A feminine-looking place name is no veto.
        assert!(compare_names("Moskva", "Moskov", &place).score > 0.5);
    }
}
