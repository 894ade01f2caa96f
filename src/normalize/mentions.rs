//! Mentions in cleaned news text: runs of capitalised words are split by the gazetteer
//! (places, organisations, outlets, demonyms), person cues (titles and roles) and stop words;
//! what remains is a person when a cue announces it or it starts with a known given name, an
//! organisation or place when it ends in such a word (Council, Avenue). A surname alone is a
//! person when the article names that person in full (in-article coreference).
//! Possessives ("Lukashenko's", "Belarus'") and Russian/Belarusian case endings ("Тихановской")
//! are removed from the base form.

use super::fold::Keys;
use super::text::{has_invisible, is_invisible};
use super::{EntityKind, Mention, MentionRule, gazetteer, given_names};
use crate::memo::{Memo, remembered};
use crate::model::{Document, Span};
use crate::shared::SharedStr;
use std::borrow::Cow;
use std::rc::Rc;

/// One word of the text.
#[derive(Debug, Clone, PartialEq)]
struct Tok {
    start: usize,
    /// End of the letters.
    end: usize,
    /// End including a possessive 's or '.
    outer: usize,
    possessive: bool,
    cap: bool,
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// The character at byte `i` of `text` (a character boundary) and its length in bytes,
/// without the decoder for ASCII: most of a news text, and the tokenizer reads every
/// character of it (issue 7).
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b.is_ascii() {
        return (char::from(b), 1);
    }
    let c = text[i..]
        .chars()
        .next()
        .unwrap_or(char::REPLACEMENT_CHARACTER);
    (c, c.len_utf8())
}

/// What a byte is to the tokenizer: an ASCII letter or digit, other ASCII, or part of a
/// longer character (decoded). A table look-up in its inner loops, which read every byte.
const ASCII_WORD: u8 = 0;
const ASCII_OTHER: u8 = 1;
const NOT_ASCII: u8 = 2;
const BYTE_CLASS: [u8; 256] = {
    let mut t = [NOT_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = if (b as u8).is_ascii_alphanumeric() {
            ASCII_WORD
        } else {
            ASCII_OTHER
        };
        b += 1;
    }
    t
};

/// Whether an apostrophe followed by `rest` stands inside a word: a letter other than a
/// possessive s follows it.
fn inner_apostrophe(rest: &str) -> bool {
    let next = rest.chars().next();
    let next2 = rest.chars().nth(1);
    let poss_s = next == Some('s') && !next2.is_some_and(char::is_alphanumeric);
    next.is_some_and(char::is_alphanumeric) && !poss_s
}

/// The end of the word `text[start..end]` with a possessive after it ('s, or ' after an s),
/// and whether it has one.
fn possessive_end(text: &str, start: usize, end: usize) -> (usize, bool) {
    let mut ac = text[end..].chars();
    if let Some(a) = ac.next()
        && is_apostrophe(a)
    {
        let rest = ac.as_str();
        if rest.starts_with('s') && !rest[1..].starts_with(char::is_alphanumeric) {
            return (end + a.len_utf8() + 1, true);
        } else if text[start..end].ends_with('s') && !rest.starts_with(char::is_alphanumeric) {
            return (end + a.len_utf8(), true);
        }
    }
    (end, false)
}

/// The end of the run of ASCII letters and digits from `i`: eight bytes at a time, each
/// tested by range arithmetic on its low seven bits (no carry crosses a byte) and ruled out
/// when its high bit is set, then a byte at a time by [`BYTE_CLASS`]. The tokenizer reads
/// every letter of a text here (a byte-at-a-time loop was a tenth of mention finding).
fn ascii_word_end(bytes: &[u8], mut i: usize) -> usize {
    const fn splat(b: u8) -> u64 {
        b as u64 * 0x0101_0101_0101_0101
    }
    const HIGH: u64 = splat(0x80);
    // The high bit of each byte of `y + splat(0x80 - lo)` says `byte >= lo`, and of
    // `y + splat(0x7F - hi)` says `byte > hi`, for bytes below 0x80.
    let in_range = |y: u64, lo: u8, hi: u8| {
        y.wrapping_add(splat(0x80 - lo)) & !y.wrapping_add(splat(0x7F - hi))
    };
    while let Some(chunk) = bytes.get(i..i + 8) {
        let v = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let y = v & !HIGH;
        let word = (in_range(y, b'0', b'9') | in_range(y | splat(0x20), b'a', b'z')) & !v & HIGH;
        let other = !word & HIGH;
        if other != 0 {
            return i + (other.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && BYTE_CLASS[usize::from(bytes[i])] == ASCII_WORD {
        i += 1;
    }
    i
}

fn tokenize(text: &str) -> Vec<Tok> {
    // About one word in six bytes of news text.
    let mut toks = Vec::with_capacity(text.len() / 6);
    let bytes = text.as_bytes();
    let class = |i: usize| BYTE_CLASS[usize::from(bytes[i])];
    let mut i = 0;
    while i < text.len() {
        // Spaces and punctuation between words, a byte at a time.
        if class(i) == ASCII_OTHER {
            i += 1;
            continue;
        }
        let (c, n) = char_at(text, i);
        if !c.is_alphanumeric() {
            i += n;
            continue;
        }
        let start = i;
        let mut end = i + n;
        // Letters, with inner apostrophes kept only when a letter other than a possessive s
        // follows (O'Brien, д'Артаньян, Belarusian z'ezd).
        loop {
            // ASCII letters and digits, eight bytes at a time.
            end = ascii_word_end(bytes, end);
            // Most words end at an ASCII space or punctuation mark: neither a letter nor an
            // apostrophe, so the word ends without decoding it.
            if end == text.len() || (bytes[end].is_ascii() && bytes[end] != b'\'') {
                break;
            }
            let (d, dn) = char_at(text, end);
            // A letter or digit continues the word, and so does an apostrophe inside it.
            if d.is_alphanumeric() || (is_apostrophe(d) && inner_apostrophe(&text[end + dn..])) {
                end += dn;
            } else {
                break;
            }
        }
        // A possessive needs an apostrophe next: not the end of the text, nor an ASCII byte
        // other than `'` (most words), which are ruled out without slicing or decoding.
        let maybe_apostrophe = end < text.len() && (!bytes[end].is_ascii() || bytes[end] == b'\'');
        let (outer, possessive) = if maybe_apostrophe {
            possessive_end(text, start, end)
        } else {
            (end, false)
        };
        let cap = c.is_uppercase();
        toks.push(Tok {
            start,
            end,
            outer,
            possessive,
            cap,
        });
        // The next word starts after the possessive, never at its s.
        i = outer;
    }
    toks
}

/// Abbreviations after which a full stop does not end a capitalised run.
const ABBREVIATIONS: &[&str] = &["St", "Mr", "Mrs", "Ms", "Dr", "U", "S", "N", "Jr"];

/// True when the gap between two capitalised words keeps them in one run.
fn joins(text: &str, a: &Tok, b: &Tok) -> bool {
    if a.possessive {
        return false;
    }
    let gap = &text[a.outer..b.start];
    let word = &text[a.start..a.end];
    match gap {
        " " | "\n" | "-" | "/" | "\u{a0}" => true,
        "." | ". " | ".\n" => ABBREVIATIONS.contains(&word) || word.chars().count() == 1,
        _ => false,
    }
}

/// Case endings of Russian and Belarusian surnames in oblique cases → nominative, longest
/// first. Only endings that cannot be a nominative are listed (-ова is Ivanova, not Ivanov's
/// genitive, and is kept).
const SURNAME_CASES: &[(&str, &str)] = &[
    ("ского", "ский"),
    ("скому", "ский"),
    ("ским", "ский"),
    ("ском", "ский"),
    ("цкого", "цкий"),
    ("цкому", "цкий"),
    ("ской", "ская"),
    ("скую", "ская"),
    ("овым", "ов"),
    ("ову", "ов"),
    ("ове", "ов"),
    ("евым", "ев"),
    ("еву", "ев"),
    ("иным", "ин"),
    ("ину", "ин"),
    ("овой", "ова"),
    ("евой", "ева"),
    ("иной", "ина"),
    ("аўскай", "аўская"),
    ("оўскай", "оўская"),
    ("авым", "аў"),
    ("аву", "аў"),
];

/// Oblique endings of given names → nominative: masculine consonant stems (Владимиром),
/// feminine -а stems (Светланой).
const GIVEN_CASES: &[(&str, &str)] = &[
    ("ом", ""),
    ("ем", ""),
    ("у", ""),
    ("ю", ""),
    ("е", ""),
    ("ой", "а"),
    ("ы", "а"),
    ("у", "а"),
    ("е", "а"),
];

/// The nominative of a Cyrillic name word (Latin words are returned unchanged).
pub fn cyrillic_base(word: &str) -> Cow<'_, str> {
    if !super::translit::has_cyrillic(word) {
        return Cow::Borrowed(word);
    }
    let lower = word.to_lowercase();
    for (from, to) in SURNAME_CASES {
        if lower.ends_with(from) && lower.chars().count() > from.chars().count() + 2 {
            let cut = word.len() - from.len();
            return Cow::Owned(format!("{}{}", &word[..cut], to));
        }
    }
    if !given_names::is_given_name(word) {
        for (e, nominative) in GIVEN_CASES {
            if let Some(stem) = word.strip_suffix(e) {
                let candidate = format!("{stem}{nominative}");
                if stem.chars().count() >= 3 && given_names::is_given_name(&candidate) {
                    return Cow::Owned(candidate);
                }
            }
        }
    }
    Cow::Borrowed(word)
}

/// The words in lower case, borrowed when they already are (most words before a run).
fn lower_cows<'t>(text: &'t str, toks: &[Tok]) -> Vec<Cow<'t, str>> {
    toks.iter()
        .map(|t| lower_cow(&text[t.start..t.end]))
        .collect()
}

fn lower_cow(w: &str) -> Cow<'_, str> {
    if w.bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        Cow::Borrowed(w)
    } else {
        Cow::Owned(w.to_lowercase())
    }
}

/// Whether the (at most two) words `toks` end in a person cue: asked before every run, so
/// without a vector.
fn cue_before(text: &str, toks: &[Tok]) -> bool {
    let word = |k: usize| lower_cow(&text[toks[k].start..toks[k].end]);
    match toks.len() {
        0 => false,
        1 => gazetteer::cue_len(&[word(0)]) > 0,
        _ => gazetteer::cue_len(&[word(0), word(1)]) > 0,
    }
}

/// For each token, whether its line is a Title Case heading: at least four words with at
/// least three in four of them capitalised, or two or more words all capitalised (small
/// function words aside).
fn title_case_lines(text: &str, toks: &[Tok]) -> Vec<bool> {
    let mut out = vec![false; toks.len()];
    let mut i = 0;
    while i < toks.len() {
        let line_end = text[toks[i].start..]
            .find('\n')
            .map_or(text.len(), |p| toks[i].start + p);
        let j = toks[i..]
            .iter()
            .position(|t| t.start >= line_end)
            .map_or(toks.len(), |p| i + p);
        let (mut words, mut caps) = (0, 0);
        for t in toks[i..j]
            .iter()
            .filter(|t| t.end - t.start > 4 || !is_small_word(&text.as_bytes()[t.start..t.end]))
        {
            words += 1;
            caps += usize::from(t.cap);
        }
        let title = (words >= 4 && caps * 4 >= words * 3) || (words >= 2 && caps == words);
        out[i..j].iter_mut().for_each(|o| *o = title);
        i = j.max(i + 1);
    }
    out
}

/// Function words that Title Case leaves in lower case (a match, not a list search: this
/// is asked of every word of a text).
fn is_small_word(w: &[u8]) -> bool {
    matches!(
        w,
        [b'a']
            | [b'a', b'n' | b't' | b's']
            | [b't', b'h', b'e']
            | [b'a', b'n', b'd']
            | [b'o', b'r' | b'f' | b'n']
            | [b'i', b'n']
            | [b't', b'o']
            | [b'f', b'o', b'r']
            | [b'w', b'i', b't', b'h']
            | [b'b', b'y']
    )
}

/// A candidate segment of a run before classification.
#[derive(Clone)]
struct Found {
    from: usize,
    to: usize,
    kind: EntityKind,
    rule: MentionRule,
    /// The base form of the segment (without an initialism's last full stop), when known.
    base: Option<SharedStr>,
}

/// Finds the mentions of a document (see the module documentation).
///
/// Invisible characters (zero-width, bidi controls, soft hyphens: `text::is_invisible`) are
/// not allowed to split or disguise a name: "Luka\u{200B}shenko" is Lukashenko. The mentions
/// are found in the text without them and their spans mapped back, so a mention's `text` and
/// span are still the article's own bytes while its `base` is the visible name.
pub fn find_mentions(doc: &Document) -> Vec<Mention> {
    let text = doc.text.as_str();
    if !has_invisible(text) {
        return find_in(text);
    }
    // visible[k] = offset in `text` of the k-th byte of the visible text.
    let mut visible = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices().filter(|(_, c)| !is_invisible(*c)) {
        visible.push(c);
        offsets.extend(i..i + c.len_utf8());
    }
    let mut out = find_in(&visible);
    for m in &mut out {
        // Spans are never empty: the end is one past the last byte of the last character.
        m.span = Span::new(offsets[m.span.start], offsets[m.span.end - 1] + 1);
        m.text = surface(m.span.slice(text), &m.base);
    }
    out
}

/// `s` as a string shared with every equal one this thread has interned: news repeats its
/// names, so a corpus's mentions hold a few thousand distinct forms.
pub fn interned(s: &str) -> SharedStr {
    thread_local! {
        static FORMS: Memo<SharedStr> = Memo::default();
    }
    remembered(&FORMS, s, |s| SharedStr::from(s))
}

/// A mention's surface form: its base itself when the two are equal (most mentions).
fn surface(text: &str, base: &SharedStr) -> SharedStr {
    if text == base.as_str() {
        base.clone()
    } else {
        interned(text)
    }
}

fn find_in(text: &str) -> Vec<Mention> {
    let toks = tokenize(text);
    // Runs of capitalised words (sized once: about one word in six starts one in news text).
    let mut runs: Vec<(usize, usize)> = Vec::with_capacity(toks.len() / 6);
    let mut i = 0;
    while i < toks.len() {
        if !toks[i].cap {
            i += 1;
            continue;
        }
        let s = i;
        while i + 1 < toks.len() {
            if toks[i + 1].cap && joins(text, &toks[i], &toks[i + 1]) {
                i += 1;
            } else if i + 2 < toks.len()
                && &text[toks[i + 1].start..toks[i + 1].end] == "of"
                && toks[i + 2].cap
                && joins(text, &toks[i], &toks[i + 1])
                && joins(text, &toks[i + 1], &toks[i + 2])
            {
                i += 2;
            } else {
                break;
            }
        }
        runs.push((s, i + 1));
        i += 1;
    }

    let title_line = title_case_lines(text, &toks);
    // Most runs are one segment or none.
    let mut found: Vec<Found> = Vec::with_capacity(runs.len());
    let mut pending: Vec<(usize, usize, SharedStr, Keys)> = Vec::new();
    // The fold keys of the last words of the persons named in full (for in-article
    // coreference).
    let mut surnames: Vec<Keys> = Vec::new();
    let mut key = String::new();
    for (rs, re) in runs {
        // A cue right before the run (lower case: "strongman", "opposition leader").
        let adjacent = rs > 0 && text[toks[rs - 1].outer..toks[rs].start].trim().is_empty();
        let cued = adjacent && cue_before(text, &toks[rs.saturating_sub(2)..rs]);
        // Read only before a second word (a sentence opener before a name).
        let opens = re - rs > 1 && opens_sentence(text, toks[rs].start);
        let run = Run {
            text,
            toks: &toks[rs..re],
            title_line: &title_line[rs..re],
            cued,
            opens,
        };
        let segs = run.segments(&mut key);
        found.extend(segs.found.iter().map(|f| Found {
            from: rs + f.from,
            to: rs + f.to,
            base: f.base.clone(),
            ..*f
        }));
        pending.extend(
            segs.pending
                .iter()
                .map(|(i, j, base, keys)| (rs + i, rs + j, base.clone(), keys.clone())),
        );
        surnames.extend(segs.surnames.iter().cloned());
    }

    // In-article coreference: a word alone that is the surname of a person named in full.
    // A cued phrase that starts with such a surname is that person followed by other words
    // ("President Lukashenko Quips" in a heading run into the text).
    // The keys come with the remembered segments: no word is folded, or looked up in the
    // fold's memo, per article (a third of a million look-ups at 2,000 articles).
    let is_surname = |keys: &Keys| surnames.iter().any(|s| s.shares(keys));
    for f in found.iter_mut() {
        if f.kind == EntityKind::Person && f.rule == MentionRule::TitleOrRole && f.to - f.from > 1 {
            if surnames.is_empty() {
                break;
            }
            let first = base_of(text, &toks[f.from..f.from + 1]);
            if is_surname(&Keys::of(&first)) {
                f.to = f.from + 1;
                f.base = None;
            }
        }
    }
    for (i, j, word, keys) in pending {
        if is_surname(&keys) {
            found.push(Found {
                from: i,
                to: j,
                kind: EntityKind::Person,
                rule: MentionRule::Surname,
                base: Some(word),
            });
        }
    }

    let mut out: Vec<Mention> = found
        .into_iter()
        .map(|f| {
            let seg = &toks[f.from..f.to];
            let mut span = Span::new(seg[0].start, seg[seg.len() - 1].outer);
            // An initialism keeps its last full stop: "U.S." (also "U.S.-funded"), not "U.S".
            let dot = is_initialism(text, seg) && text[span.end..].starts_with('.');
            let base = match f.base {
                Some(base) if !dot => base,
                _ => {
                    let mut base = base_of(text, seg);
                    if dot {
                        span.end += 1;
                        base.push('.');
                    }
                    interned(&base)
                }
            };
            Mention {
                span,
                text: surface(span.slice(text), &base),
                base,
                kind: f.kind,
                rule: f.rule,
                entity: None,
            }
        })
        .collect();
    out.sort_by_key(|m| (m.span.start, m.span.end));
    out.dedup_by_key(|m| m.span);
    out
}

/// One run of capitalised words and what its segmentation depends on beyond its own text.
struct Run<'a> {
    /// The whole text (the run's words are sliced from it).
    text: &'a str,
    toks: &'a [Tok],
    /// [`title_case_lines`] for each word of the run.
    title_line: &'a [bool],
    /// A person cue stands right before the run.
    cued: bool,
    /// The run's first word opens a sentence ([`opens_sentence`]).
    opens: bool,
}

/// The segments of a run, with token indices relative to the run's first word.
struct Segments {
    /// Each word's (start, end, outer) relative to the run's start: a remembered
    /// segmentation is used only for a run tokenised the same way.
    layout: Vec<[usize; 3]>,
    found: Vec<Found>,
    /// Single words that are persons if the article names one in full with that surname,
    /// with their base forms and the fold keys of those.
    pending: Vec<(usize, usize, SharedStr, Keys)>,
    /// The fold keys of the base forms of the last words of the persons of `found` named by
    /// two or more words.
    surnames: Vec<Keys>,
}

impl Run<'_> {
    fn layout(&self) -> impl Iterator<Item = [usize; 3]> + '_ {
        let base = self.toks[0].start;
        self.toks
            .iter()
            .map(move |t| [t.start - base, t.end - base, t.outer - base])
    }

    /// The run's segments, remembered per thread by the run's text and context: news
    /// repeats its names, and segmenting (lower-casing, gazetteer phrases of up to six
    /// words, cue and stop-word sets) was most of mention finding (issue 7). Everything
    /// the segmentation reads is in the key: the run's text from its first word to the end
    /// of its last (with a possessive), the cue and sentence-start flags and the heading flag
    /// of each word; the words' boundaries are checked on every hit.
    fn segments(&self, key: &mut String) -> Rc<Segments> {
        thread_local! {
            static RUNS: Memo<Rc<Segments>> = Memo::default();
        }
        let (first, last) = (&self.toks[0], &self.toks[self.toks.len() - 1]);
        key.clear();
        key.push_str(&self.text[first.start..last.outer]);
        key.push('\u{0}');
        key.push(char::from(
            b'0' + u8::from(self.cued) + 2 * u8::from(self.opens),
        ));
        key.extend(self.title_line.iter().map(|&t| if t { '1' } else { '0' }));
        let segs = remembered(&RUNS, key, |_| Rc::new(self.segment()));
        if segs.layout.iter().copied().eq(self.layout()) {
            segs
        } else {
            Rc::new(self.segment())
        }
    }

    /// Splits the run into gazetteer entries, organisations and places by their last word,
    /// person segments and single words pending coreference (see the module documentation).
    fn segment(&self) -> Segments {
        let (text, toks, title_line) = (self.text, self.toks, self.title_line);
        let re = toks.len();
        let mut cued = self.cued;
        let mut found: Vec<Found> = Vec::new();
        let mut pending: Vec<(usize, usize)> = Vec::new();
        let words = lower_cows(text, toks);
        let mut i = 0;
        while i < re {
            let w = &words[i];
            // Organisation or place by its last word (Coordination Council, Independence
            // Avenue), over the longest stretch that ends in one.
            let kind_word = (i + 1..re).rev().find_map(|j| {
                let lw = words[j].as_ref();
                if gazetteer::ORG_WORDS.contains(&lw) {
                    Some((j, EntityKind::Organisation))
                } else if gazetteer::PLACE_WORDS.contains(&lw) {
                    Some((j, EntityKind::Place))
                } else {
                    None
                }
            });
            let gaz = (i + 1..=re.min(i + 6)).rev().find_map(|j| {
                let phrase = &text[toks[i].start..toks[j - 1].end];
                gazetteer::lookup(phrase).map(|k| (j, k))
            });
            // A demonym before a two-word name is an adjective (Ukrainian Black Sea), but
            // part of a one-word one (Russian Empire).
            let demonym_first = gaz.is_some_and(|(j, k)| {
                k.kind == EntityKind::Demonym && kind_word.is_some_and(|(kj, _)| kj > j)
            });
            // Headings capitalise every word: "Lohan Checks Into Court" is no court's name.
            let starts_org = kind_word.is_some()
                && !title_line[i]
                && !demonym_first
                && !gazetteer::is_stop_word(w)
                && gazetteer::cue_len(std::slice::from_ref(w)) == 0;
            if let Some((j, k)) = gaz
                && !(starts_org && kind_word.is_some_and(|(kj, _)| kj >= j))
            {
                found.push(Found {
                    from: i,
                    to: j,
                    kind: k.kind,
                    rule: MentionRule::Gazetteer,
                    base: None,
                });
                cued = false;
                i = j;
                continue;
            }
            if starts_org && let Some((j, kind)) = kind_word {
                // "Academy of Sciences": the of-phrase belongs to the name.
                let end = if j + 1 < re && words[j + 1] == "of" {
                    re
                } else {
                    j + 1
                };
                found.push(Found {
                    from: i,
                    to: end,
                    kind,
                    rule: if kind == EntityKind::Organisation {
                        MentionRule::OrganisationWord
                    } else {
                        MentionRule::PlaceWord
                    },
                    base: None,
                });
                cued = false;
                i = end;
                continue;
            }
            // Person cues inside the run ("President", "Economy Minister").
            let cue2 = i + 1 < re && gazetteer::cue_len(&words[i..i + 2]) == 2;
            if cue2 || gazetteer::cue_len(std::slice::from_ref(w)) == 1 {
                cued = true;
                i += if cue2 { 2 } else { 1 };
                continue;
            }
            if gazetteer::is_stop_word(w) {
                cued = false;
                i += 1;
                continue;
            }
            // A capitalised sentence opener before a name ("Later Alexander Lukashenko
            // said", "Later Lukashenko said") is no part of it: the name starts after it.
            if i + 1 < re
                && opens_sentence(text, toks[i].start)
                && !given_names::is_given_name(&cyrillic_base(w))
                && (i + 2 == re || given_names::is_given_name(&cyrillic_base(&words[i + 1])))
            {
                cued = false;
                i += 1;
                continue;
            }
            // A person segment: up to the next stop word, cue or gazetteer entry.
            let mut j = i + 1;
            while j < re {
                let wj = &words[j];
                let phrase = &text[toks[j].start..toks[j].end];
                if gazetteer::is_stop_word(wj)
                    || gazetteer::cue_len(std::slice::from_ref(wj)) > 0
                    || gazetteer::lookup(phrase).is_some()
                    || toks[j - 1].possessive
                {
                    break;
                }
                j += 1;
            }
            let seg = &toks[i..j];
            let first = &text[seg[0].start..seg[0].end];
            let initial = first.chars().count() == 1 && seg.len() > 1;
            if title_line[i] && !(seg.len() > 1 && given_names::is_given_name(first)) {
                // In a Title Case heading every word is capitalised: cues and runs say
                // nothing, so each word is only a candidate for coreference.
                pending.extend((i..j).map(|k| (k, k + 1)));
            } else if cued {
                found.push(Found {
                    from: i,
                    to: j,
                    kind: EntityKind::Person,
                    rule: MentionRule::TitleOrRole,
                    base: None,
                });
            } else if seg.len() > 1
                && (given_names::is_given_name(&cyrillic_base(first)) || initial)
            {
                found.push(Found {
                    from: i,
                    to: j,
                    kind: EntityKind::Person,
                    rule: MentionRule::GivenName,
                    base: None,
                });
            } else if seg.len() == 1 {
                pending.push((i, j));
            }
            cued = false;
            i = j;
        }
        let base = |from: usize, to: usize| interned(&base_of(text, &toks[from..to]));
        for f in &mut found {
            f.base = Some(base(f.from, f.to));
        }
        Segments {
            layout: self.layout().collect(),
            surnames: found
                .iter()
                .filter(|f| f.kind == EntityKind::Person && f.to - f.from > 1)
                .map(|f| Keys::of(&base(f.to - 1, f.to)))
                .collect(),
            pending: pending
                .into_iter()
                .map(|(i, j)| {
                    let b = base(i, j);
                    let keys = Keys::of(&b);
                    (i, j, b, keys)
                })
                .collect(),
            found,
        }
    }
}

/// Whether the word at `pos` opens a sentence: nothing but spaces and opening quotes or
/// brackets stand between it and the start of the text, a line break, or a full stop,
/// question or exclamation mark.
fn opens_sentence(text: &str, pos: usize) -> bool {
    let before = text[..pos].trim_end_matches(|c: char| {
        (c.is_whitespace() && c != '\n') || matches!(c, '"' | '“' | '«' | '„' | '(' | '\'' | '‘')
    });
    before.is_empty() || before.ends_with(['\n', '.', '!', '?', '…'])
}

/// Two or more single capital letters joined by full stops (U.S, U.K, E.U).
fn is_initialism(text: &str, seg: &[Tok]) -> bool {
    seg.len() > 1
        && seg.iter().all(|t| {
            let w = &text[t.start..t.end];
            w.chars().count() == 1 && w.chars().all(char::is_uppercase)
        })
        && seg.windows(2).all(|p| &text[p[0].outer..p[1].start] == ".")
}

/// The base form of a segment: its words without possessives, joined by single spaces (or by
/// the original hyphen or slash), Cyrillic words in the nominative.
fn base_of(text: &str, seg: &[Tok]) -> String {
    let mut s =
        String::with_capacity(seg.last().map_or(0, |t| t.end) - seg.first().map_or(0, |t| t.start));
    for (k, t) in seg.iter().enumerate() {
        if k > 0 {
            let gap = &text[seg[k - 1].outer..t.start];
            s.push_str(match gap {
                "-" => "-",
                "/" => "/",
                "." => ".",
                g if g.starts_with('.') => ". ",
                _ => " ",
            });
        }
        s.push_str(&cyrillic_base(&text[t.start..t.end]));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::document_from_text;

    /// The tokenizer without its ASCII fast paths (as in session 10): every word end and
    /// possessive decoded and tested character by character.
    fn tokenize_reference(text: &str) -> Vec<Tok> {
        let mut toks = Vec::new();
        let mut i = 0;
        while i < text.len() {
            let (c, n) = char_at(text, i);
            if !c.is_alphanumeric() {
                i += n;
                continue;
            }
            let (start, mut end) = (i, i + n);
            while end < text.len() {
                let (d, dn) = char_at(text, end);
                if d.is_alphanumeric() || is_apostrophe(d) && inner_apostrophe(&text[end + dn..]) {
                    end += dn;
                } else {
                    break;
                }
            }
            let (outer, possessive) = possessive_end(text, start, end);
            let cap = c.is_uppercase();
            toks.push(Tok {
                start,
                end,
                outer,
                possessive,
                cap,
            });
            i = outer;
        }
        toks
    }

    #[test]
    fn ascii_word_end_reads_eight_bytes_as_one_at_a_time() {
        let slow = |b: &[u8], mut i: usize| {
            while i < b.len() && BYTE_CLASS[usize::from(b[i])] == ASCII_WORD {
                i += 1;
            }
            i
        };
        // Every byte value at every position of a word of 20 letters and digits, read
        // from several starts.
        for pos in 0..20 {
            for byte in 0..=255u8 {
                let mut b = b"aZ09mzAM19xyXY5Qq7wW".to_vec();
                b[pos] = byte;
                for start in [0, 1, 3, 8, 13] {
                    assert_eq!(ascii_word_end(&b, start), slow(&b, start), "{pos} {byte}");
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The fast paths change no word: texts of letters (Latin, Cyrillic, Greek, accented),
        /// digits, apostrophes of three kinds, possessive s, spaces and punctuation.
        #[test]
        fn tokenizer_agrees_with_the_reference(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", "S", "s", "Lukashenko", "Ł", "ё", "Тихановская", "β", "é", "7", "42",
                "'", "\u{2019}", "\u{2bc}", "'s", "\u{2019}s", " ", "  ", "\n", ".", ",",
                "-", "\"", "\u{201c}", "\u{a0}", "\u{200b}", "(", "!", "\u{2014}",
            ]), 0..40)
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(tokenize(&text), tokenize_reference(&text), "{:?}", text);
        }
    }

    fn found(text: &str) -> Vec<(String, String, EntityKind)> {
        let doc = document_from_text("t", text);
        find_mentions(&doc)
            .into_iter()
            .map(|m| (m.text.to_string(), m.base.to_string(), m.kind))
            .collect()
    }

    fn has(ms: &[(String, String, EntityKind)], base: &str, kind: EntityKind) -> bool {
        ms.iter().any(|(_, b, k)| b == base && *k == kind)
    }

    #[test]
    fn persons_places_outlets_and_demonyms() {
        let ms = found(
            "Russian President Vladimir Putin met Belarusian strongman Alexander Lukashenko in \
             Sochi, the RBC news website and Ekho Moskvy radio reported. The Kremlin said so.",
        );
        assert!(has(&ms, "Vladimir Putin", EntityKind::Person), "{ms:?}");
        assert!(has(&ms, "Alexander Lukashenko", EntityKind::Person));
        assert!(has(&ms, "Sochi", EntityKind::Place));
        assert!(has(&ms, "RBC", EntityKind::Outlet));
        assert!(has(&ms, "Ekho Moskvy", EntityKind::Outlet));
        assert!(has(&ms, "Kremlin", EntityKind::Organisation));
        assert!(has(&ms, "Russian", EntityKind::Demonym));
        assert!(has(&ms, "Belarusian", EntityKind::Demonym));
        assert!(!ms.iter().any(|(_, b, _)| b == "The"));
    }

    #[test]
    fn possessives_and_coreference() {
        let ms = found(
            "Alexander Lukashenko spoke. Lukashenko's talks in Belarus' capital went on. \
             Belarus’s economy and RFE/RL's service.",
        );
        let luk: Vec<_> = ms.iter().filter(|(_, b, _)| b == "Lukashenko").collect();
        assert_eq!(luk.len(), 1, "{ms:?}");
        assert_eq!(luk[0].0, "Lukashenko's");
        assert_eq!(luk[0].2, EntityKind::Person);
        assert_eq!(
            ms.iter()
                .filter(|(_, b, k)| b == "Belarus" && *k == EntityKind::Place)
                .count(),
            2
        );
        assert!(ms.iter().any(|(t, _, _)| t == "Belarus'"));
        assert!(has(&ms, "RFE/RL", EntityKind::Outlet), "{ms:?}");
    }

    #[test]
    fn a_capitalised_sentence_opener_is_not_part_of_the_name() {
        let ms = found("Later Alexander Lukashenko said it. \"Then Lukashenko left,\" she said.");
        assert!(
            has(&ms, "Alexander Lukashenko", EntityKind::Person),
            "{ms:?}"
        );
        assert!(has(&ms, "Lukashenko", EntityKind::Person), "{ms:?}");
        assert!(
            !ms.iter()
                .any(|(_, b, _)| b.starts_with("Later") || b.starts_with("Then"))
        );
        // Inside a sentence nothing is dropped, and a given name opening a sentence stays.
        let ms = found("Alexander Lukashenko met Maria Kolesnikova. Maria Kolesnikova left.");
        assert_eq!(
            ms.iter()
                .filter(|(_, b, _)| b == "Maria Kolesnikova")
                .count(),
            2,
            "{ms:?}"
        );
    }

    #[test]
    fn a_surname_alone_without_the_full_name_is_not_guessed() {
        let ms = found("Yesterday Zhukov went home.");
        assert!(!has(&ms, "Zhukov", EntityKind::Person));
        let ms = found("Opposition leader Zhukov went home.");
        assert!(has(&ms, "Zhukov", EntityKind::Person), "{ms:?}");
    }

    #[test]
    fn words_possessives_and_inner_apostrophes() {
        let text = "O'Brien's RFE/RL, Belarus' Jones’s д'Артаньян z'ezd it's 2020 Тихановской.";
        let words: Vec<(&str, &str, bool)> = tokenize(text)
            .iter()
            .map(|t| (&text[t.start..t.end], &text[t.start..t.outer], t.cap))
            .collect();
        assert_eq!(
            words,
            [
                ("O'Brien", "O'Brien's", true),
                ("RFE", "RFE", true),
                ("RL", "RL", true),
                ("Belarus", "Belarus'", true),
                ("Jones", "Jones’s", true),
                ("д'Артаньян", "д'Артаньян", false),
                ("z'ezd", "z'ezd", false),
                ("it", "it's", false),
                ("2020", "2020", false),
                ("Тихановской", "Тихановской", true),
            ]
        );
    }

    #[test]
    fn a_remembered_run_is_not_reused_in_another_context() {
        // The same run of words is segmented once per context and remembered: a cue before
        // it, a sentence start and a Title Case heading each change what it is.
        for _ in 0..2 {
            let cued = found("Opposition leader Zhukov went home.");
            assert!(has(&cued, "Zhukov", EntityKind::Person), "{cued:?}");
            let bare = found("Yesterday Zhukov went home.");
            assert!(!has(&bare, "Zhukov", EntityKind::Person), "{bare:?}");
            // "Later" is part of the run inside a sentence, a mere opener at its start.
            let inside = found("Then we met Later Alexander Lukashenko there.");
            assert!(
                !has(&inside, "Alexander Lukashenko", EntityKind::Person),
                "{inside:?}"
            );
            let opener = found("We met. Later Alexander Lukashenko said it.");
            assert!(
                has(&opener, "Alexander Lukashenko", EntityKind::Person),
                "{opener:?}"
            );
            let org = "Lohan Checks Into Court";
            let heading = found("She left.\n\nLohan Checks Into Court\n\nThe rest follows.");
            assert!(!has(&heading, org, EntityKind::Organisation), "{heading:?}");
            let text = found("She left. Lohan Checks Into Court today and then went home.");
            assert!(has(&text, org, EntityKind::Organisation), "{text:?}");
        }
    }

    #[test]
    fn initialisms_keep_their_last_full_stop() {
        let ms =
            found("Footage shared by the U.S.-funded broadcaster. Aid came from the U.K. too.");
        assert!(has(&ms, "U.S.", EntityKind::Place), "{ms:?}");
        assert!(ms.iter().any(|(t, _, _)| t == "U.S."), "{ms:?}");
        assert!(!ms.iter().any(|(t, _, _)| t == "U.S"), "{ms:?}");
    }

    #[test]
    fn invisible_characters_do_not_split_a_name() {
        let text = "President Alexander Luka\u{200B}shenko met Svet\u{202E}lana Tikhanovskaya.";
        let doc = document_from_text("t", text);
        let ms = find_mentions(&doc);
        let luk = ms.iter().find(|m| m.base == "Alexander Lukashenko");
        let luk = luk.unwrap_or_else(|| panic!("{ms:?}"));
        assert_eq!(
            luk.text, "Alexander Luka\u{200B}shenko",
            "the article's own bytes"
        );
        assert_eq!(luk.span.slice(&doc.text), luk.text.as_str());
        assert!(
            ms.iter().any(|m| m.base == "Svetlana Tikhanovskaya"),
            "{ms:?}"
        );
    }

    #[test]
    fn cyrillic_case_forms() {
        assert_eq!(cyrillic_base("Тихановской"), "Тихановская");
        assert_eq!(cyrillic_base("Лукашенко"), "Лукашенко");
        assert_eq!(cyrillic_base("Путину"), "Путин");
        assert_eq!(cyrillic_base("Владимиром"), "Владимир");
        assert_eq!(cyrillic_base("Иванова"), "Иванова");
        assert_eq!(cyrillic_base("Светланой"), "Светлана");
        let ms = found("Президент Лукашенко заявил, что Тихановская уехала.");
        assert!(has(&ms, "Лукашенко", EntityKind::Person), "{ms:?}");
        assert!(!ms.iter().any(|(_, b, _)| b == "Президент"));
        let ms = found("Встреча со Светланой Тихановской и Владимиром Путиным.");
        assert!(has(&ms, "Владимир Путин", EntityKind::Person), "{ms:?}");
        assert!(
            has(&ms, "Светлана Тихановская", EntityKind::Person),
            "{ms:?}"
        );
    }

    #[test]
    fn organisations_by_their_last_word() {
        let ms =
            found("The opposition formed a Coordination Council. Minsk Academy of Sciences said.");
        assert!(
            has(&ms, "Coordination Council", EntityKind::Organisation),
            "{ms:?}"
        );
        assert!(
            has(&ms, "Minsk Academy of Sciences", EntityKind::Organisation),
            "{ms:?}"
        );
    }
}
