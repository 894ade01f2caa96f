//! Transliteration and name keys on arbitrary text: no panic, a bounded number of keys per
//! word, and comparing a name with itself scores within [0, 1].
#![no_main]

use concord::normalize::{CompareOptions, compare_names, fold, translit};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let lang = translit::detect(text);
    translit::romanize_as(text, lang);
    translit::romanize(text);
    for w in fold::words(text).into_iter().take(8) {
        assert!(fold::word_keys(w).len() <= fold::MAX_KEYS);
    }
    if text.len() < 200 {
        let m = compare_names(text, text, &CompareOptions::default());
        assert!((0.0..=1.0).contains(&m.score), "score {}", m.score);
    }
});
