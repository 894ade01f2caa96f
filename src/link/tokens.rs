//! Words of a document in the matching form, each with its byte span in `Document::text`, and
//! the word shingles built from them.
//!
//! Words are maximal runs of alphanumeric characters (invisible characters such as a soft
//! hyphen stay inside the word they split, and the matching form then drops them), so
//! "No\u{00AD}vaya" and "Novaya" are the same word. Each word is folded with
//! [`matching_form`] and lower-cased; offsets always point into the display text so evidence
//! can be shown as the article's own words.

use crate::memo::{Memo, remembered};
use crate::model::Span;
use crate::normalize::text::{is_invisible, matching_form};
use std::cell::RefCell;
use std::sync::Arc;

/// One word: its 64-bit hash ([`word_hash`] of the folded form) and its span in the display
/// text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub hash: u64,
    pub span: Span,
}

/// SplitMix64's finaliser (Steele, Lea & Flood 2014): a bijection on 64-bit words whose
/// output bits all depend on every input bit.
pub(super) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

const WORD_SEED: u64 = 0x636f_6e63_776f_7264; // "concword"
/// Multiplier of the lengths mixed into seeds (the golden ratio, odd).
const LENGTH: u64 = 0x9E37_79B9_7F4A_7C15;

/// The hash of a folded word's bytes: the bytes read as little-endian 64-bit chunks (the last
/// one zero-padded), each XORed into the state and mixed, the length in the seed. A word of at
/// most 8 bytes (most words) costs one load and one `mix`, and since `mix` is a bijection two
/// different words of one length up to 8 bytes never collide; other pairs collide with
/// probability about 2^-64. xxh3 cost several times more per word, and words were the largest
/// share of dedup's instructions.
pub fn word_hash(bytes: &[u8]) -> u64 {
    word_hash_at(bytes, 0, bytes.len(), 0)
}

/// Bytes `at..at + len` of `text` (`len` at most 8) as a little-endian word, zero-padded:
/// one unaligned load when 8 bytes are readable there.
fn load_le(text: &[u8], at: usize, len: usize) -> u64 {
    let mask = if len >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * len)) - 1
    };
    match text.get(at..at + 8) {
        Some(b) => u64::from_le_bytes(b.try_into().expect("8 bytes")) & mask,
        None => text[at..at + len]
            .iter()
            .rev()
            .fold(0u64, |v, &b| (v << 8) | u64::from(b)),
    }
}

/// [`word_hash`] of `text[start..end]` with every byte ORed with `or` (`0x20` lower-cases an
/// ASCII letter and leaves digits as they are, so an ASCII alphanumeric word is hashed in its
/// lower-case form where it stands, without copying it).
#[inline]
fn word_hash_at(text: &[u8], start: usize, end: usize, or: u8) -> u64 {
    let len = end - start;
    let or = u64::from_ne_bytes([or; 8]);
    let mut h = WORD_SEED ^ (len as u64).wrapping_mul(LENGTH);
    let mut at = start;
    while end - at >= 8 {
        h = mix(h ^ (load_le(text, at, 8) | or));
        at += 8;
    }
    let rest = end - at;
    if rest > 0 || len == 0 {
        h = mix(h ^ ((load_le(text, at, rest) | or) & ((1u64 << (8 * rest)) - 1)));
    }
    h
}

/// The folded form of one word: matching form, lower case.
pub fn fold_word(w: &str) -> String {
    matching_form(w).to_lowercase()
}

/// [`fold_word`] of a word with characters outside ASCII, and the [`word_hash`] of that
/// form, remembered per thread ([`crate::memo`]): the NFKC pass cost some 5,000 instructions
/// a word, and news repeats the few names and words it writes outside ASCII, where each
/// document was read three or four times by the linking stages.
fn folded(raw: &str) -> (u64, Arc<str>) {
    thread_local! {
        static FOLDED: Memo<(u64, Arc<str>)> = RefCell::default();
    }
    remembered(&FOLDED, raw, |w| {
        let f = fold_word(w);
        (word_hash(f.as_bytes()), f.into())
    })
}

/// `c.is_alphanumeric()`, answering for General Punctuation (U+2000 to U+206F: the curly
/// quotes, dashes and spaces of news text, and no letter or digit) without the table search.
#[inline]
fn alphanumeric(c: char) -> bool {
    !('\u{2000}'..='\u{206F}').contains(&c) && c.is_alphanumeric()
}

/// Calls `f(start, end, ascii)` for every word of `text` in order: a maximal run of
/// alphanumeric characters, with the invisible characters inside it; `ascii` when the run is
/// all ASCII.
///
/// News text is mostly ASCII around a few curly quotes and dashes (three texts in four in the
/// realistic corpora have a dozen such characters and nothing else outside ASCII). An ASCII
/// byte that is not a letter or digit ends every word and starts none (no ASCII character is
/// invisible), so cutting the text next to one never splits a word: the stretch around each
/// non-ASCII character, out to the nearest such byte on either side, is read character by
/// character ([`mixed_runs`]), and the rest by the ASCII bitmap scan ([`ascii_runs`]). One
/// curly quote once sent the whole text down the character path (a third of event linking's
/// words, and 40% of dedup's instructions before dedup split the text itself).
#[inline]
fn each_run(text: &str, mut f: impl FnMut(usize, usize, bool)) {
    let b = text.as_bytes();
    let separator = |c: u8| c < 0x80 && !c.is_ascii_alphanumeric();
    // `done`: where the text not yet read starts (0 or just after a separator).
    let mut done = 0;
    loop {
        let p = next_non_ascii(b, done);
        // The stretch read by characters, `start..end` (empty after the last one).
        let (start, end) = p.map_or((b.len(), b.len()), |p| {
            let start = b[done..p]
                .iter()
                .rposition(|&c| separator(c))
                .map_or(done, |q| done + q + 1);
            let end = b[p..]
                .iter()
                .position(|&c| separator(c))
                .map_or(b.len(), |q| p + q);
            (start, end)
        });
        // One call site for the ASCII scan, so that `f` is inlined into its loop.
        ascii_runs(b, done, start, |s, e| f(s, e, true));
        if p.is_none() {
            return;
        }
        mixed_runs(text, start, end, &mut f);
        done = end;
    }
}

/// The position of the first non-ASCII byte of `b` from `from` on, skipping ASCII 16 bytes at
/// a time.
fn next_non_ascii(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while b.len() - i >= 16 && b[i..i + 16].is_ascii() {
        i += 16;
    }
    b[i..].iter().position(|&c| c >= 0x80).map(|p| i + p)
}

/// [`each_run`] over `text[from..to]`, character by character: bytes below 0x80 are
/// classified by a compare, and only the other characters are decoded.
#[inline(never)]
fn mixed_runs(text: &str, from: usize, to: usize, f: &mut impl FnMut(usize, usize, bool)) {
    let b = text.as_bytes();
    let at = |i: usize| text[i..].chars().next().expect("a char boundary");
    let mut i = from;
    while i < to {
        if b[i] < 0x80 {
            if !b[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
        } else {
            let c = at(i);
            if !alphanumeric(c) {
                i += c.len_utf8();
                continue;
            }
        }
        let start = i;
        let mut ascii = true;
        while i < to {
            if b[i] < 0x80 {
                if !b[i].is_ascii_alphanumeric() {
                    break;
                }
                i += 1;
            } else {
                let c = at(i);
                if !(alphanumeric(c) || is_invisible(c)) {
                    break;
                }
                ascii = false;
                i += c.len_utf8();
            }
        }
        f(start, i, ascii);
    }
}

/// Calls `f(span, folded)` for every word of `text`, in order. An ASCII word is handed over
/// where it stands when it has no capital (most words), else lower-cased in a buffer.
pub fn for_each_word(text: &str, mut f: impl FnMut(Span, &str)) {
    let mut buf = String::new();
    each_run(text, |s, e, ascii| {
        let raw = &text[s..e];
        if !ascii {
            let folded = fold_word(raw);
            if !folded.is_empty() {
                f(Span::new(s, e), &folded);
            }
        } else if raw.bytes().any(|b| b.is_ascii_uppercase()) {
            buf.clear();
            buf.push_str(raw);
            buf.make_ascii_lowercase();
            f(Span::new(s, e), &buf);
        } else {
            f(Span::new(s, e), raw);
        }
    });
}

/// Calls `f(span, hash, folded)` for every word of `text`, in order: `hash` is the word's
/// [`word_hash`] as [`words`] gives it, and `folded` its folded form when the word has
/// characters outside ASCII (an ASCII word's folded form is its lower case, left to the
/// caller to make only when it needs it).
pub fn for_each_word_hashed(text: &str, mut f: impl FnMut(Span, u64, Option<&str>)) {
    each_run(text, |s, e, ascii| {
        if ascii {
            f(
                Span::new(s, e),
                ascii_word_hash(text.as_bytes(), s, e),
                None,
            );
        } else {
            let (hash, folded) = folded(&text[s..e]);
            if !folded.is_empty() {
                f(Span::new(s, e), hash, Some(&folded));
            }
        }
    });
}

/// The words of `text` with their hashes and spans. ASCII words are hashed where they stand,
/// in lower case, without copying them; only the others are folded.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::with_capacity(text.len() / 6);
    each_run(text, |s, e, ascii| {
        let hash = if ascii {
            ascii_word_hash(text.as_bytes(), s, e)
        } else {
            match folded_hash(&text[s..e]) {
                Some(h) => h,
                None => return,
            }
        };
        out.push(Word {
            hash,
            span: Span::new(s, e),
        });
    });
    out
}

/// The hash of a word with characters outside ASCII, folded; `None` when nothing is left.
/// Kept out of line so that the per-word closure of [`words`] stays small enough to inline.
#[cold]
#[inline(never)]
fn folded_hash(raw: &str) -> Option<u64> {
    let (hash, folded) = folded(raw);
    (!folded.is_empty()).then_some(hash)
}

/// Calls `f(start, end)` for every word of the ASCII stretch `b[from..to]` (which starts and
/// ends at a word boundary), by bytes: in ASCII a word character is a letter or a digit and no
/// invisible character can occur, so no character is decoded.
///
/// The stretch is classified 64 bytes at a time into a bitmap of word bytes (see
/// [`alnum_mask64`]), each 64-byte word of it when the scan reaches it, and each word is found
/// by two bit scans instead of a table lookup and a branch per byte.
#[inline]
fn ascii_runs(b: &[u8], from: usize, to: usize, mut f: impl FnMut(usize, usize)) {
    let text = &b[from..to];
    let chunks = text.len().div_ceil(64);
    if chunks == 0 {
        return;
    }
    // The word bits of 64-byte word `w` of the stretch (bits past its end are clear).
    let mask = |w: usize| match text.get(w * 64..w * 64 + 64) {
        Some(chunk) => alnum_mask64(chunk.try_into().expect("64 bytes")),
        None => {
            let rest = &text[w * 64..];
            let mut last = [0u8; 64];
            last[..rest.len()].copy_from_slice(rest);
            alnum_mask64(&last)
        }
    };
    // `cur`: the word bits of bitmap word `w` not yet consumed.
    let (mut w, mut cur) = (0, mask(0));
    loop {
        while cur == 0 {
            w += 1;
            if w >= chunks {
                return;
            }
            cur = mask(w);
        }
        let s = cur.trailing_zeros();
        let start = w * 64 + s as usize;
        // The first clear bit from `start` on ends the word.
        let mut gaps = !cur & (u64::MAX << s);
        let mut bits = cur;
        while gaps == 0 {
            w += 1;
            bits = if w < chunks { mask(w) } else { 0 };
            gaps = !bits;
        }
        let e = gaps.trailing_zeros();
        let end = (w * 64 + e as usize).min(text.len());
        cur = bits & (u64::MAX << e);
        f(from + start, from + end);
    }
}

/// [`word_hash_at`] of the ASCII word `text[start..end]` in lower case: for a word of at most
/// 8 bytes with 8 bytes readable from its start (nearly every word), one load, a mask and one
/// `mix`, inline; for one of 9 to 16 bytes with 16 readable (most of the rest, a tenth of
/// news words), two of each, where the general loop cost some 85 instructions.
#[inline(always)]
fn ascii_word_hash(text: &[u8], start: usize, end: usize) -> u64 {
    const LOWER: u64 = 0x2020_2020_2020_2020;
    let len = end - start;
    let seed = WORD_SEED ^ (len as u64).wrapping_mul(LENGTH);
    let load = |b: &[u8]| u64::from_le_bytes(b.try_into().expect("8 bytes")) | LOWER;
    // The low `n` bytes (1 to 8) of a little-endian load.
    let low = |n: usize| u64::MAX >> (64 - 8 * n);
    match (len, text.get(start..start + 16)) {
        (1..=8, _) if start + 8 <= text.len() => {
            mix(seed ^ (load(&text[start..start + 8]) & low(len)))
        }
        (9..=16, Some(b)) => mix(mix(seed ^ load(&b[..8])) ^ (load(&b[8..]) & low(len - 8))),
        _ => word_hash_at(text, start, end, 0x20),
    }
}

/// Bit `i` set when byte `i` of `chunk` is an ASCII letter or digit. Written as a flag byte
/// per byte, then eight flags gathered at a time by one multiplication, so that the compiler
/// turns the first loop into 16-byte vector compares (about 1.6 instructions a byte, where
/// arithmetic on eight bytes in a `u64` took 4.4).
fn alnum_mask64(chunk: &[u8; 64]) -> u64 {
    let mut flags = [0u8; 64];
    for (f, &b) in flags.iter_mut().zip(chunk) {
        // `| 0x20` maps 'A'..='Z' onto 'a'..='z' and no other byte into that range.
        let letter = (b | 0x20).wrapping_sub(b'a') < 26;
        let digit = b.wrapping_sub(b'0') < 10;
        *f = u8::from(letter | digit);
    }
    let mut m = 0u64;
    for (j, eight) in flags.chunks_exact(8).enumerate() {
        let x = u64::from_le_bytes(eight.try_into().expect("8 bytes"));
        // Gathers the low bit of every byte into the top byte (byte i to bit 56 + i).
        m |= (x.wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * j);
    }
    m
}

/// Seed of the shingle hash; fixed so signatures are the same on every run and machine.
const SHINGLE_SEED: u64 = 0x636f_6e63_6f72_6431; // "concord1"

/// The base of the polynomial hashes below (odd, so every power is invertible mod 2^64).
const BASE: u64 = 0xC2B2_AE3D_27D4_EB4F;

/// The hash of a short sequence of well-mixed 64-bit values: the polynomial
/// `S B^n + v_0 B^(n-1) + ... + v_(n-1)` mod 2^64 (`S` the seed with the length in it), then
/// `mix`ed. Order matters, and two different sequences of one length collide only when the
/// polynomial of their differences vanishes, with probability about 2^-64 for hashed values.
pub(super) fn combine(seed: u64, values: &[u64]) -> u64 {
    let start = seed ^ (values.len() as u64).wrapping_mul(LENGTH);
    mix(values
        .iter()
        .fold(start, |acc, &v| acc.wrapping_mul(BASE).wrapping_add(v)))
}

/// Hashes of the `k`-word shingles of `words`, in text order (shingle `i` covers words
/// `i..i+k`). A text shorter than `k` words gives one shingle of all its words, so short
/// texts still compare.
///
/// Shingle `i` is [`combine`] of its word hashes, computed by rolling the polynomial along the
/// text (drop the first word's term, multiply by the base, add the next word): two
/// multiplications and a `mix` per shingle, where hashing the `8 k` bytes with xxh3 cost about
/// a hundred instructions.
pub fn shingles(words: &[Word], k: usize) -> Vec<u64> {
    let k = k.max(1);
    if words.len() < k {
        let hashes: Vec<u64> = words.iter().map(|w| w.hash).collect();
        return if hashes.is_empty() {
            Vec::new()
        } else {
            vec![combine(SHINGLE_SEED, &hashes)]
        };
    }
    // combine(seed, w_i..w_i+k) = mix(S B^k + P_i), P_i = w_i B^(k-1) + ... + w_(i+k-1).
    let pow = |e: usize| (0..e).fold(1u64, |p, _| p.wrapping_mul(BASE));
    let top = pow(k - 1);
    let seed = (SHINGLE_SEED ^ (k as u64).wrapping_mul(LENGTH)).wrapping_mul(pow(k));
    let mut p = words[..k]
        .iter()
        .fold(0u64, |acc, w| acc.wrapping_mul(BASE).wrapping_add(w.hash));
    let mut out = Vec::with_capacity(words.len() - k + 1);
    out.push(mix(seed.wrapping_add(p)));
    // `extend` from a zip of slices writes without a capacity check per shingle.
    out.extend(words.iter().zip(&words[k..]).map(|(gone, new)| {
        p = p
            .wrapping_sub(gone.hash.wrapping_mul(top))
            .wrapping_mul(BASE)
            .wrapping_add(new.hash);
        mix(seed.wrapping_add(p))
    }));
    out
}

/// Sorted, de-duplicated copy of a shingle list (a set for exact Jaccard).
pub fn shingle_set(shingles: &[u64]) -> Vec<u64> {
    let mut s = sort_by_hash(shingles.to_vec(), |&h| h);
    s.dedup();
    s
}

/// `items` sorted (as `sort_unstable` sorts them), when their order is led by `hash(item)`, a
/// well-mixed 64-bit hash: items are dealt into about `n / 4` buckets by the hash's top bits,
/// then each bucket is insertion-sorted on its own. About 30 instructions an item where a
/// comparison sort of a few hundred shingle hashes took 80; a bucket that
/// crowded (repeated hashes, or crafted ones) falls back to `sort_unstable`, so the worst
/// case stays `n log n`.
pub fn sort_by_hash<T: Copy + Ord>(items: Vec<T>, hash: impl Fn(&T) -> u64) -> Vec<T> {
    let n = items.len();
    if n < 32 {
        let mut items = items;
        items.sort_unstable();
        return items;
    }
    // About four items a bucket: fewer buckets would lengthen the insertion sorts, more
    // would cost more to count and walk than they save.
    let bits = (usize::BITS - n.leading_zeros() - 2).min(20);
    let bucket = |x: &T| (hash(x) >> (64 - bits)) as usize;
    let mut starts = vec![0u32; (1 << bits) + 1];
    for x in &items {
        starts[bucket(x) + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut next = starts.clone();
    let mut out = items.clone();
    for x in &items {
        let b = bucket(x);
        out[next[b] as usize] = *x;
        next[b] += 1;
    }
    for w in starts.windows(2) {
        let run = &mut out[w[0] as usize..w[1] as usize];
        if run.len() > 16 {
            run.sort_unstable();
        } else {
            for i in 1..run.len() {
                let mut j = i;
                while j > 0 && run[j] < run[j - 1] {
                    run.swap(j, j - 1);
                    j -= 1;
                }
            }
        }
    }
    out
}

/// Size of the intersection of two sorted sets.
pub fn intersection_len<T: Ord>(a: &[T], b: &[T]) -> usize {
    intersection_len_by(a, b, |x| x)
}

/// [`intersection_len`] of two lists sorted by `key` (keys distinct within each).
pub fn intersection_len_by<T, K: Ord>(a: &[T], b: &[T], key: impl Fn(&T) -> &K) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match key(&a[i]).cmp(key(&b[j])) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `len` characters, each `pick` of the next state of a linear congruential generator.
    fn random_text(x: &mut u64, len: usize, pick: impl Fn(u64) -> char) -> String {
        (0..len)
            .map(|_| {
                *x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                pick(*x)
            })
            .collect()
    }

    /// [`for_each_word`] as it was, char by char: the byte scan must give the same words.
    fn for_each_word_by_chars(text: &str, mut f: impl FnMut(Span, &str)) {
        let mut start: Option<usize> = None;
        let mut buf = String::new();
        let mut flush = |start: &mut Option<usize>, end: usize| {
            if let Some(s) = start.take() {
                buf.clear();
                let raw = &text[s..end];
                if raw.is_ascii() {
                    buf.push_str(raw);
                    buf.make_ascii_lowercase();
                } else {
                    buf.push_str(&fold_word(raw));
                }
                if !buf.is_empty() {
                    f(Span::new(s, end), &buf);
                }
            }
        };
        for (i, c) in text.char_indices() {
            if c.is_alphanumeric() || (start.is_some() && is_invisible(c)) {
                if start.is_none() {
                    start = Some(i);
                }
            } else {
                flush(&mut start, i);
            }
        }
        flush(&mut start, text.len());
    }

    #[test]
    fn mixed_texts_give_the_words_of_the_char_by_char_path() {
        // Texts mixing ASCII with curly quotes, dashes, Cyrillic, combining and invisible
        // characters (a soft hyphen or zero-width space inside a word, or starting one, next
        // to the cut between the ASCII and the character stretches), then pseudo-random texts
        // mixing ASCII with letters, digits, ligatures, invisible characters, quotes and
        // dashes from outside ASCII, at every length up to 200 (some long ASCII stretches
        // between them, so that a stretch spans several 64-byte bitmap words).
        let fixed = [
            "",
            "plain ASCII, with punctuation.",
            "\u{201c}We want our votes counted,\u{201d} she said \u{2014} in Minsk.",
            "Lukashenka\u{2019}s men; \u{41b}\u{443}\u{43a}\u{430}\u{448}\u{435}\u{43d}\u{43a}\u{43e} 2020",
            "No\u{ad}vaya Gazeta \u{200b}zero x\u{200b}y",
            "\u{e9} at the start and at the end \u{e9}",
            "cafe\u{301}\u{2014}bar na\u{ef}ve",
            "a\u{201c}b\u{201d}c",
        ];
        let alphabet: Vec<char> = "aZ9 .,-'qQ0x\n\tMm“”’—éÉßﬁ\u{00AD}\u{200B}Жж٣½ǅ"
            .chars()
            .collect();
        let ascii: Vec<char> = "ab cd ef, Gh 12 ij.".chars().collect();
        let mut x = 11u64;
        let random = (0..400).map(|len| {
            let long = len >= 200;
            random_text(&mut x, len % 200, |r| {
                if long && (r >> 20) % 8 != 0 {
                    ascii[(r >> 40) as usize % ascii.len()]
                } else {
                    alphabet[(r >> 40) as usize % alphabet.len()]
                }
            })
        });
        for t in fixed.iter().map(|t| t.to_string()).chain(random) {
            let (mut got, mut expected) = (Vec::new(), Vec::new());
            for_each_word(&t, |s, w| got.push((s, w.to_string())));
            for_each_word_by_chars(&t, |s, w| expected.push((s, w.to_string())));
            assert_eq!(got, expected, "{t:?}");
            let hashed: Vec<Word> = expected
                .iter()
                .map(|(span, w)| Word {
                    hash: word_hash(w.as_bytes()),
                    span: *span,
                })
                .collect();
            assert_eq!(words(&t), hashed, "{t:?}");
            // The scan dedup and event terms share gives the same words and hashes.
            let mut scanned = Vec::new();
            for_each_word_hashed(&t, |span, hash, _| scanned.push(Word { hash, span }));
            assert_eq!(scanned, hashed, "{t:?}");
        }
    }

    #[test]
    fn general_punctuation_holds_no_letter_or_digit() {
        for c in '\u{2000}'..='\u{206F}' {
            assert!(!c.is_alphanumeric(), "{c:?}");
            assert!(!alphanumeric(c));
        }
        for c in [
            'a', '\u{e9}', '\u{416}', '\u{661}', '\u{1ff0}', '\u{2070}', '\u{2071}', '.',
        ] {
            assert_eq!(alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn words_fold_case_quotes_and_soft_hyphens() {
        let t = "“No to occu\u{00AD}pation,” Minsk";
        let mut got = Vec::new();
        for_each_word(t, |s, w| got.push((s.slice(t).to_string(), w.to_string())));
        assert_eq!(
            got.iter().map(|g| g.1.as_str()).collect::<Vec<_>>(),
            ["no", "to", "occupation", "minsk"]
        );
        assert_eq!(got[2].0, "occu\u{00AD}pation");
    }

    #[test]
    fn same_words_same_shingles_despite_spacing_and_case() {
        let a = shingles(&words("The quick  brown fox jumps over"), 3);
        let b = shingles(&words("the QUICK brown fox, jumps over!"), 3);
        assert_eq!(a, b);
        assert_eq!(a.len(), 4);
        assert_eq!(shingles(&words("two words"), 5).len(), 1);
    }

    #[test]
    fn ascii_words_are_the_words_of_the_general_path() {
        let long = "x".repeat(70);
        // Words of every length up to 20 (the inline hashes take up to 8 and 9 to 16 bytes
        // when 8 or 16 are readable), in the middle of a text and at its end.
        let lengths: Vec<String> = (1..=20)
            .flat_map(|n| {
                let w: String = "QuickBrownFox9Jumps0".chars().take(n).collect();
                [
                    format!("a {w} b, {w} longer tail text here"),
                    format!("end {w}"),
                ]
            })
            .collect();
        let fixed = [
            "The QUICK brown fox, 2024-03-05: it's 12,000 people!",
            "",
            "...",
            "a",
            "trailing word",
            " lead",
            long.as_str(),
        ];
        for t in fixed.into_iter().chain(lengths.iter().map(String::as_str)) {
            let mut expected = Vec::new();
            for_each_word(t, |span, w| {
                expected.push(Word {
                    hash: word_hash(w.as_bytes()),
                    span,
                })
            });
            assert_eq!(words(t), expected, "{t:?}");
        }
    }

    #[test]
    fn word_hashes_tell_words_apart() {
        // Every word of up to two letters, and longer words differing in one byte or in
        // trailing zero bytes: all distinct.
        let mut words: Vec<Vec<u8>> = vec![vec![]];
        for a in b'a'..=b'z' {
            words.push(vec![a]);
            for b in b'0'..=b'z' {
                words.push(vec![a, b]);
            }
        }
        for n in 7..=17 {
            words.push(vec![b'x'; n]);
            let mut w = vec![b'x'; n];
            w[n / 2] = b'y';
            words.push(w);
        }
        words.push(b"ab\0".to_vec());
        let mut hashes: Vec<u64> = words.iter().map(|w| word_hash(w)).collect();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), words.len());
        // The ASCII path hashes the lower-case form.
        assert_eq!(word_hash_at(b"QuIcK9", 0, 6, 0x20), word_hash(b"quick9"));
        assert_eq!(
            word_hash_at(b" ABCDEFGHIJ.", 1, 11, 0x20),
            word_hash(b"abcdefghij")
        );
    }

    #[test]
    fn shingle_hashes_depend_on_word_order_and_length() {
        let a = shingles(&words("one two three"), 3);
        let b = shingles(&words("three two one"), 3);
        let c = shingles(&words("one two"), 3);
        let d = shingles(&words("one two three"), 2);
        assert_ne!(a, b);
        assert_ne!(a[0], c[0]);
        assert!(!d.contains(&a[0]));
        // The rolling hash is `combine` of each window.
        let ws = words("a b c d e f g h i j k l");
        let hashes: Vec<u64> = ws.iter().map(|w| w.hash).collect();
        let rolled = shingles(&ws, 5);
        assert_eq!(rolled.len(), 8);
        for (i, h) in rolled.iter().enumerate() {
            assert_eq!(*h, combine(SHINGLE_SEED, &hashes[i..i + 5]));
        }
    }

    #[test]
    fn ascii_words_match_the_general_path_across_bitmap_words() {
        // Pseudo-random ASCII texts of every length up to 300 (words, digits, punctuation
        // and runs longer than 8 and 64 bytes), against the char-by-char path.
        let alphabet = b"aZ9 .,-'qQ0x\n\tMm";
        let mut x = 7u64;
        for len in 0..300 {
            let t = random_text(&mut x, len, |r| {
                // Every 37th text is one long word.
                if len % 37 == 0 {
                    'w'
                } else {
                    alphabet[(r >> 59) as usize % alphabet.len()] as char
                }
            });
            let mut expected = Vec::new();
            for_each_word(&t, |span, w| {
                expected.push(Word {
                    hash: word_hash(w.as_bytes()),
                    span,
                })
            });
            assert_eq!(words(&t), expected, "{t:?}");
        }
        // Every byte classified as `is_ascii_alphanumeric` does, in every lane.
        for b in 0u8..=255 {
            for lane in 0..64 {
                let mut chunk = [b'.'; 64];
                chunk[lane] = b;
                let expected = u64::from(b.is_ascii_alphanumeric()) << lane;
                assert_eq!(alnum_mask64(&chunk), expected, "byte {b} lane {lane}");
            }
        }
    }

    #[test]
    fn sorting_by_hash_is_sorting() {
        let mut x = 3u64;
        for n in [0usize, 1, 31, 32, 33, 100, 1000, 5000] {
            let items: Vec<(u64, u32)> = (0..n)
                .map(|i| {
                    x = mix(x.wrapping_add(1));
                    // Some repeated hashes, to fill buckets beyond the insertion sort.
                    let h = if i % 5 == 0 { 42 << 40 } else { x };
                    (h, (x >> 7) as u32 % 3)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_unstable();
            assert_eq!(sort_by_hash(items, |e| e.0), expected, "n = {n}");
        }
    }

    #[test]
    fn intersection_of_sorted_sets() {
        assert_eq!(intersection_len(&[1, 3, 5, 7], &[2, 3, 4, 7, 9]), 2);
    }
}
