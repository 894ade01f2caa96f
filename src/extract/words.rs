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
    /// Per bucket: each word with its [`key`], so a lookup compares two integers and calls
    /// no `memcmp` for a word of up to 16 bytes.
    buckets: Vec<Vec<(Key, &'static str)>>,
}

type Key = (u64, u64);

/// Two integers that tell apart any two words of one length up to 16 bytes: the first and
/// the last bytes of the word, read as overlapping little-endian integers (8 + 8, 4 + 4,
/// 2 + 2 or 1 bytes by its length). A few loads, where comparing slices called `memcmp`.
#[inline]
fn key(b: &[u8]) -> Key {
    let n = b.len();
    let u16_at = |i: usize| u64::from(u16::from_le_bytes([b[i], b[i + 1]]));
    let u32_at = |i: usize| u64::from(u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]));
    let u64_at = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().expect("eight bytes"));
    match n {
        0 => (0, 0),
        1 => (u64::from(b[0]), 0),
        2..4 => (u16_at(0) | (u16_at(n - 2) << 16), 0),
        4..8 => (u32_at(0) | (u32_at(n - 4) << 32), 0),
        _ => (u64_at(0), u64_at(n - 8)),
    }
}

impl WordSet {
    /// Builds the set; panics on a word the set cannot hold (tables are constants, and a
    /// unit test builds every one of them).
    pub fn new(words: impl IntoIterator<Item = &'static str>) -> WordSet {
        let mut buckets = vec![Vec::new(); 26 * (MAX_LEN + 1)];
        for w in words {
            let i = Self::bucket(w).expect("a lower-case ASCII word of at most 24 bytes");
            if !buckets[i].iter().any(|&(_, x)| x == w) {
                buckets[i].push((key(w.as_bytes()), w));
            }
        }
        WordSet { buckets }
    }

    fn bucket(w: &str) -> Option<usize> {
        let first = *w.as_bytes().first()?;
        (first.is_ascii_lowercase() && w.len() <= MAX_LEN)
            .then(|| (first - b'a') as usize * (MAX_LEN + 1) + w.len())
    }

    /// Inlined at every caller: most words of a text fall in an empty bucket, and for them
    /// the call itself was most of the cost (the number scan asks about every word).
    #[inline(always)]
    pub fn contains(&self, w: &str) -> bool {
        let Some(i) = Self::bucket(w) else {
            return false;
        };
        let bucket = &self.buckets[i];
        !bucket.is_empty() && Self::bucket_holds(bucket, w.as_bytes())
    }

    /// Whether `b` is in `bucket`, whose words all have its length and first byte.
    fn bucket_holds(bucket: &[(Key, &'static str)], b: &[u8]) -> bool {
        let k = key(b);
        // Words in one bucket have the same length: equal keys decide up to 16 bytes.
        bucket
            .iter()
            .any(|&(p, x)| p == k && (b.len() <= 16 || x.as_bytes() == b))
    }
}

impl WordSet {
    /// Whether the ASCII lower-casing of `w` is in the set: [`WordSet::contains`] of
    /// [`with_lower`]`(w)` for an ASCII word, false for any other (the set holds ASCII words
    /// only). The bucket of the folded word is known from its first byte and its length, so
    /// most words (every capitalised word of an article is asked whether it is a given name)
    /// are ruled out before they are copied and lower-cased.
    #[inline]
    pub fn contains_ascii_folded(&self, w: &str) -> bool {
        let b = w.as_bytes();
        let Some(first) = b.first() else {
            return false;
        };
        let first = first.to_ascii_lowercase();
        if !first.is_ascii_lowercase() || b.len() > MAX_LEN {
            return false;
        }
        let bucket = &self.buckets[usize::from(first - b'a') * (MAX_LEN + 1) + b.len()];
        if bucket.is_empty() || !w.is_ascii() {
            return false;
        }
        let mut buf = [0u8; MAX_LEN];
        let l = &mut buf[..b.len()];
        l.copy_from_slice(b);
        l.make_ascii_lowercase();
        Self::bucket_holds(bucket, l)
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

/// [`char::is_alphabetic`] without the Unicode table search for the punctuation of news
/// text: curly quotes, dashes and ellipses (the General Punctuation block, U+2000..=U+206F,
/// holds no letter) were most of the non-ASCII characters whose test showed in the profile
/// (`alphabetic::lookup_slow`, a few hundred instructions each).
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if ('\u{2000}'..='\u{206f}').contains(&c) {
        false
    } else {
        c.is_alphabetic()
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

/// The first index at or after `i` where `b` holds one of `needles`, or (when `non_ascii`)
/// a byte outside ASCII; `b.len()` when there is none. Eight bytes are tested at once (a
/// SWAR "has zero byte" test per needle), then the chunk that holds a hit byte by byte: the
/// whole-text passes that look for a few punctuation bytes (sentence stops, quote marks)
/// spent several instructions per byte of text stepping one byte at a time.
#[inline]
pub fn find_byte<const N: usize>(
    b: &[u8],
    mut i: usize,
    needles: [u8; N],
    non_ascii: bool,
) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = b.get(i..i + 8) {
        let v = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let mut m = if non_ascii { v & HI } else { 0 };
        for n in needles {
            // Zero exactly where `v` holds `n`; the test is exact for "some byte is zero".
            let w = v ^ (LO * u64::from(n));
            m |= w.wrapping_sub(LO) & !w & HI;
        }
        if m != 0 {
            break;
        }
        i += 8;
    }
    while i < b.len() && !(needles.contains(&b[i]) || (non_ascii && b[i] >= 0x80)) {
        i += 1;
    }
    i
}

/// The high bit of each byte of `x` in `lo..=hi`, eight bytes at once; every byte of `x`
/// must be below 0x80 (clear the high bits first).
#[inline(always)]
pub fn bytes_in_range(x: u64, lo: u8, hi: u8) -> u64 {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // A byte below 0x80 plus a constant below 0x81 stays below 0x100, so no carry crosses
    // into the next byte: the high bit of `y + (0x80 - lo)` says `y >= lo`.
    (x + LO * u64::from(0x80 - lo)) & !(x + LO * u64::from(0x7f - hi)) & HI
}

/// The high bit of each byte of `v` that is an ASCII letter, or (with `digits`) an ASCII
/// letter or digit, eight bytes at once.
#[inline(always)]
pub fn ascii_word_bytes(v: u64, digits: bool) -> u64 {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let x = v & !HI;
    let mut m = bytes_in_range(x | (LO * 0x20), b'a', b'z');
    if digits {
        m |= bytes_in_range(x, b'0', b'9');
    }
    // A byte outside ASCII had its high bit cleared above: it is neither.
    m & !v
}

/// Calls `f` with every offset of `b`, in order, that starts an ASCII word (a letter, or
/// with `digits` a letter or digit, at the start or after a byte that is none) or holds a
/// byte outside ASCII. Eight bytes are classified at once, so a pass costs a few
/// instructions per word rather than per byte.
#[inline]
pub fn for_each_word_start(b: &[u8], digits: bool, mut f: impl FnMut(usize)) {
    const HI: u64 = 0x8080_8080_8080_8080;
    let mut prev = 0u64;
    let mut i = 0;
    while i < b.len() {
        let v = match b.get(i..i + 8) {
            Some(c) => u64::from_le_bytes(c.try_into().expect("eight bytes")),
            None => {
                // The tail, padded with NUL bytes: neither word bytes nor outside ASCII.
                let mut pad = [0u8; 8];
                pad[..b.len() - i].copy_from_slice(&b[i..]);
                u64::from_le_bytes(pad)
            }
        };
        let word = ascii_word_bytes(v, digits);
        // A word byte whose predecessor (the byte before, or the last of the previous eight)
        // is none.
        let mut m = (word & !((word << 8) | (prev >> 56))) | (v & HI);
        prev = word;
        while m != 0 {
            f(i + (m.trailing_zeros() / 8) as usize);
            m &= m - 1;
        }
        i += 8;
    }
}

/// At most 64 words indexed by their first two bytes (either ASCII case): the few that may
/// start at an offset of a text, as a bit set over the words, from two table loads.
pub struct PrefixIndex {
    first: [u64; 256],
    second: [u64; 256],
}

impl PrefixIndex {
    /// The index of `words`, each of two bytes or more, at most 64 of them.
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> PrefixIndex {
        let mut ix = PrefixIndex {
            first: [0; 256],
            second: [0; 256],
        };
        for (k, w) in words.into_iter().enumerate() {
            assert!(k < 64 && w.len() >= 2, "index of {w:?}");
            let w = w.as_bytes();
            for (table, c) in [(&mut ix.first, w[0]), (&mut ix.second, w[1])] {
                table[usize::from(c.to_ascii_lowercase())] |= 1 << k;
                table[usize::from(c.to_ascii_uppercase())] |= 1 << k;
            }
        }
        ix
    }

    /// The words whose first two bytes are those at `i` of `b`, ASCII case folded.
    #[inline(always)]
    pub fn candidates(&self, b: &[u8], i: usize) -> u64 {
        self.first[usize::from(b[i])] & b.get(i + 1).map_or(0, |&y| self.second[usize::from(y)])
    }
}

/// Every index of `b` that holds one of `needles`, in order.
pub fn byte_positions<const N: usize>(b: &[u8], needles: [u8; N]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = find_byte(b, 0, needles, false);
    while i < b.len() {
        out.push(i);
        i = find_byte(b, i + 1, needles, false);
    }
    out
}

/// A character class (a `keep` predicate) tabulated over the bytes: 1 for an ASCII byte it
/// accepts, 0 for one it rejects, 2 for a byte outside ASCII (decoded and asked directly).
pub struct AsciiClass([u8; 256]);

impl AsciiClass {
    /// The table of `keep`, built by asking it about every ASCII character, so it cannot
    /// disagree with `keep`.
    pub fn of(keep: impl Fn(char) -> bool) -> AsciiClass {
        AsciiClass(std::array::from_fn(|b| match u8::try_from(b) {
            Ok(b) if b < 0x80 => u8::from(keep(char::from(b))),
            _ => 2,
        }))
    }
}

/// [`scan`] where the ASCII bytes are looked up in `class`, which must be
/// `AsciiClass::of(keep)`: one table load per byte instead of a call of `keep`; from the
/// first byte outside ASCII on, [`scan`] itself.
#[inline(always)]
pub fn scan_class(
    s: &str,
    i: usize,
    keep_while: bool,
    class: &AsciiClass,
    keep: impl Fn(char) -> bool,
) -> usize {
    let b = s.as_bytes();
    let want = u8::from(keep_while);
    let mut j = i;
    while j < b.len() {
        let t = class.0[usize::from(b[j])];
        if t != want {
            return if t == 2 {
                scan(s, j, keep_while, keep)
            } else {
                j
            };
        }
        j += 1;
    }
    j
}

/// `s.rfind(keep)` where `class` is `AsciiClass::of(keep)`: the start of the last character
/// `keep` accepts. Scanned back byte by byte with one table load per ASCII byte; a byte
/// outside ASCII is decoded only where a character starts (continuation bytes are stepped
/// over), where `str::rfind` decoded every character backwards.
#[inline]
pub fn rfind_class(s: &str, class: &AsciiClass, keep: impl Fn(char) -> bool) -> Option<usize> {
    let b = s.as_bytes();
    let mut j = b.len();
    while j > 0 {
        j -= 1;
        match class.0[usize::from(b[j])] {
            1 => return Some(j),
            0 => {}
            // Outside ASCII: a continuation byte (0b10xx_xxxx) starts no character.
            _ if b[j] & 0xc0 == 0x80 => {}
            _ => {
                if char_at(s, j).is_some_and(&keep) {
                    return Some(j);
                }
            }
        }
    }
    None
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

/// [`char::is_alphanumeric`] tabulated for [`alnum_words`].
static ALNUM: std::sync::LazyLock<AsciiClass> =
    std::sync::LazyLock::new(|| AsciiClass::of(char::is_alphanumeric));

/// The maximal runs of alphanumeric characters of `s` with their byte offsets: the words a
/// whole-word match can start at (a match of `w` with no alphanumeric character on either
/// side is exactly such a run equal to `w`). [`runs_of`] with the ASCII bytes looked up in a
/// table.
pub fn alnum_words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let class: &AsciiClass = &ALNUM;
    let keep = char::is_alphanumeric;
    let mut i = 0;
    std::iter::from_fn(move || {
        let start = scan_class(s, i, false, class, keep);
        if start >= s.len() {
            return None;
        }
        let end = scan_class(s, start, true, class, keep);
        i = end;
        Some((start, &s[start..end]))
    })
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
    fn rfind_class_is_rfind() {
        let stop = |c: char| matches!(c, ',' | '.' | '“' | '—' | 'é');
        let class = AsciiClass::of(stop);
        for t in [
            "",
            ",",
            "a, b. c",
            "“Peskov—said",
            "no stop here",
            "x\u{201c}é\u{2014}yz",
            "Łódź, 東京 “",
        ] {
            assert_eq!(rfind_class(t, &class, stop), t.rfind(stop), "{t:?}");
        }
    }

    #[test]
    fn eight_byte_classes_are_the_byte_classes() {
        // Every byte value in every lane, beside neighbours that could carry into it.
        for x in 0..=255u8 {
            for lane in 0..8 {
                for fill in [0u8, b'z', 0x7f, 0x80, 0xff] {
                    let mut bytes = [fill; 8];
                    bytes[lane] = x;
                    for digits in [false, true] {
                        let got = ascii_word_bytes(u64::from_le_bytes(bytes), digits);
                        for (k, y) in bytes.iter().enumerate() {
                            let bit = (got >> (8 * k + 7)) & 1 == 1;
                            let want = y.is_ascii_alphabetic() || (digits && y.is_ascii_digit());
                            assert_eq!(bit, want, "{y:#x} in lane {k}");
                        }
                        assert_eq!(got & !0x8080_8080_8080_8080, 0);
                    }
                }
            }
        }
    }

    #[test]
    fn word_starts_are_the_word_bytes_after_other_bytes_and_the_non_ascii_bytes() {
        for t in [
            "",
            "a",
            "Dec. 20, 2019: the past 3 weeks",
            "abcdefgh ijklmnop-qrstuvwx_yz",
            "x\u{212a}y \u{201c}Now\u{201d} caf\u{e9}s 12345678 9",
            " \t\n7",
        ] {
            let b = t.as_bytes();
            for digits in [false, true] {
                let word = |x: u8| x.is_ascii_alphabetic() || (digits && x.is_ascii_digit());
                let want: Vec<usize> = (0..b.len())
                    .filter(|&i| b[i] >= 0x80 || (word(b[i]) && (i == 0 || !word(b[i - 1]))))
                    .collect();
                let mut got = Vec::new();
                for_each_word_start(b, digits, |i| got.push(i));
                assert_eq!(got, want, "{t:?}");
            }
        }
    }

    #[test]
    fn folded_lookup_is_the_lookup_of_the_lower_case_ascii_word() {
        let s = WordSet::new(["said", "alexander", "konstantinopolskayaova"]);
        for w in [
            "said",
            "Said",
            "SAID",
            "sai",
            "saidx",
            "",
            "Alexander",
            "ALEXANDER",
            "Alexandr",
            "Älexander",
            "alexandér",
            "Konstantinopolskayaova",
            "KonstantinopolskayaovA",
            "Konstantinopolskayaovb",
            "1said",
            "Ωmega",
        ] {
            let slow = w.is_ascii() && with_lower(w, |l| s.contains(l));
            assert_eq!(s.contains_ascii_folded(w), slow, "{w:?}");
        }
    }

    #[test]
    fn is_alphabetic_agrees_with_char_is_alphabetic_everywhere() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn word_set_matches_whole_words_only() {
        let s = WordSet::new(["said", "says", "told"]);
        assert!(s.contains("said"));
        assert!(!s.contains("Said"));
        assert!(!s.contains("sai"));
        assert!(!s.contains("saidx"));
        assert!(!s.contains(""));
        assert!(!s.contains("Ωmega"));
        let long = WordSet::new([
            "acknowledged",
            "acknowledges",
            "ab",
            "abc",
            "abcdefghijklmnopqrstuvwx",
        ]);
        assert!(long.contains("abc") && !long.contains("abd") && !long.contains("bbc"));
        assert!(long.contains("abcdefghijklmnopqrstuvwx"));
        assert!(
            !long.contains("abcdefghijklmnopqrstuvwy")
                && !long.contains("abcdefghijkXmnopqrstuvwx")
        );
        assert!(long.contains("acknowledged") && long.contains("acknowledges"));
        assert!(
            !long.contains("acknowledgex") && !long.contains("acknowledge") && !long.contains("a")
        );
        assert!(long.contains("ab") && !long.contains("ac"));
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
            let alnum: Vec<(usize, &str)> = alnum_words(&s).collect();
            let by_keep: Vec<(usize, &str)> = runs_of(&s, char::is_alphanumeric).collect();
            proptest::prop_assert_eq!(alnum, by_keep);
            let class = AsciiClass::of(|c| c.is_alphabetic() || c == '\'');
            for i in (0..=s.len()).filter(|&i| s.is_char_boundary(i)) {
                for w in [false, true] {
                    let keep = |c: char| c.is_alphabetic() || c == '\'';
                    proptest::prop_assert_eq!(scan_class(&s, i, w, &class, keep), scan(&s, i, w, keep));
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn word_set_is_a_list_lookup(
            words in proptest::collection::vec("[ab][a-c]{0,17}", 1..12),
            probe in "[ab][a-c]{0,17}",
        ) {
            let words: Vec<&'static str> =
                words.into_iter().map(|w| &*Box::leak(w.into_boxed_str())).collect();
            let set = WordSet::new(words.iter().copied());
            proptest::prop_assert_eq!(set.contains(&probe), words.contains(&probe.as_str()));
            for w in &words {
                proptest::prop_assert!(set.contains(w));
            }
        }

        #[test]
        fn find_byte_is_a_byte_scan(s in "[a-c.!?\n\"'’é ]{0,70}", from in 0usize..80) {
            let b = s.as_bytes();
            let from = from.min(b.len());
            let slow = |non_ascii: bool| (from..b.len())
                .find(|&i| matches!(b[i], b'.' | b'!' | b'\n') || (non_ascii && b[i] >= 0x80))
                .unwrap_or(b.len());
            proptest::prop_assert_eq!(find_byte(b, from, [b'.', b'!', b'\n'], false), slow(false));
            proptest::prop_assert_eq!(find_byte(b, from, [b'.', b'!', b'\n'], true), slow(true));
            let all: Vec<usize> = (0..b.len()).filter(|&i| matches!(b[i], b'"' | b'?')).collect();
            proptest::prop_assert_eq!(byte_positions(b, [b'"', b'?']), all);
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

/// The start of the run of characters that end at byte `i` (a char boundary) and that
/// `keep` accepts, or rejects when `keep_while` is false: [`scan`] backwards, with the
/// ASCII bytes tested without UTF-8 decoding.
#[inline(always)]
pub fn scan_back(s: &str, i: usize, keep_while: bool, keep: impl Fn(char) -> bool) -> usize {
    let b = s.as_bytes();
    let mut j = i;
    loop {
        while j > 0 && b[j - 1] < 0x80 {
            if keep(b[j - 1] as char) != keep_while {
                return j;
            }
            j -= 1;
        }
        let Some(c) = s[..j].chars().next_back() else {
            return j;
        };
        if keep(c) != keep_while {
            return j;
        }
        j -= c.len_utf8();
    }
}

/// [`runs_of`] last first: what `s.split(|c| !keep(c))` gives without its empty pieces,
/// reversed, without the character-by-character reverse search of `str::split`.
pub fn runs_of_rev(
    s: &str,
    keep: impl Fn(char) -> bool + Copy,
) -> impl Iterator<Item = (usize, &str)> {
    let mut i = s.len();
    std::iter::from_fn(move || {
        let end = scan_back(s, i, false, keep);
        if end == 0 {
            return None;
        }
        let start = scan_back(s, end, true, keep);
        i = start;
        Some((start, &s[start..end]))
    })
}

#[cfg(test)]
mod reverse_tests {
    use super::{runs_of, runs_of_rev};

    #[test]
    fn runs_backwards_are_the_split_pieces_reversed() {
        let keep = |c: char| c.is_alphanumeric() || c == '\'';
        for s in [
            "",
            " ",
            "a",
            "they'll meet, é.g. Zürich—Minsk  2019 ſtop…",
            "—école—",
            "x y",
        ] {
            let want: Vec<&str> = s.split(|c| !keep(c)).filter(|w| !w.is_empty()).collect();
            let mut got: Vec<&str> = runs_of_rev(s, keep).map(|(_, w)| w).collect();
            got.reverse();
            assert_eq!(got, want, "{s:?}");
            let forward: Vec<(usize, &str)> = runs_of(s, keep).collect();
            let mut back: Vec<(usize, &str)> = runs_of_rev(s, keep).collect();
            back.reverse();
            assert_eq!(back, forward, "{s:?}");
        }
    }
}

/// Whether the lower-case form of `w` is in `set`: `with_lower(w, |l| set.contains(l))`,
/// without copying an ASCII word (tested in place, case-insensitively). A word outside
/// ASCII is lower-cased as before: one may fold to a listed word (KELVIN SIGN to "k").
pub fn lowered_in(set: &WordSet, w: &str) -> bool {
    if w.is_ascii() {
        set.contains_ascii_folded(w)
    } else {
        with_lower(w, |l| set.contains(l))
    }
}

/// [`with_lower`], passing a word that is already lower-case ASCII (most words of a text)
/// to `f` as it is, without copying it to a buffer and validating the copy.
pub fn with_lower_as_is<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    if w.bytes().all(|c| c.is_ascii() && !c.is_ascii_uppercase()) {
        f(w)
    } else {
        with_lower(w, f)
    }
}

#[cfg(test)]
mod lowered_tests {
    use super::{WordSet, lowered_in, with_lower};

    #[test]
    fn lowered_in_is_the_lower_cased_lookup() {
        let set = WordSet::new(["said", "asked", "a", "told"]);
        for w in [
            "said",
            "SAID",
            "Said",
            "saidx",
            "",
            "a",
            "A",
            "As\u{212a}ed",
            "asked",
            "Told.",
            "t\u{f6}ld",
            "\u{e9}",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        ] {
            assert_eq!(
                lowered_in(&set, w),
                with_lower(w, |l| set.contains(l)),
                "{w:?}"
            );
        }
        assert!(lowered_in(&set, "As\u{212a}ed") && lowered_in(&set, "SAID"));
    }
}

#[cfg(test)]
mod lower_as_is_tests {
    use super::{with_lower, with_lower_as_is};

    #[test]
    fn lower_as_is_is_with_lower() {
        for w in [
            "",
            "said",
            "Said",
            "ÉCOLE",
            "école",
            "x'll",
            "ſtop",
            "K\u{212A}",
            "MR",
        ] {
            let want = with_lower(w, str::to_string);
            assert_eq!(with_lower_as_is(w, str::to_string), want, "{w:?}");
        }
    }
}
