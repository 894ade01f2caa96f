//! From lines to an article: title, header metadata, boilerplate blocks, and the body
//! reflowed into paragraphs. Shared by the text, Markdown, HTML and JSONL readers: each gives
//! blocks of lines (a block is what a blank line separates), this module does the rest.
//!
//! Order of the passes, and why:
//! 1. line rules ([`super::boilerplate::classify`]) see each line alone;
//! 2. the title is taken from the first block with body lines, before captions are judged,
//!    because PDF extraction glues the title to the first caption (seed 000);
//! 3. datelines and bylines are read only near the top, where pages put them;
//! 4. block rules see whole blocks: a block ending in a photo credit is a caption;
//! 5. trailing teasers are judged last, once the last real paragraph is known;
//! 6. body blocks are reflowed, and a paragraph cut by removed boilerplate is joined again
//!    when it continues in lower case (seed 000's list of cited URLs inside a sentence).

use super::boilerplate::{self, LineKind};
use super::metadata;
use crate::model::{Boilerplate, Provenance, RelatedLink};
use jiff::civil::Date;
use std::collections::HashSet;
use std::sync::LazyLock;

/// The result of cleaning one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    pub title: Option<String>,
    pub paragraphs: Vec<String>,
    pub boilerplate: Vec<Boilerplate>,
    pub related_links: Vec<RelatedLink>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<Date>,
    pub published_inferred: bool,
    pub authors: Vec<String>,
    pub credits: Vec<String>,
    pub provenance: Vec<Provenance>,
}

impl Article {
    fn prov(&mut self, field: &str, rule: &str, evidence: &str) {
        self.provenance.push(Provenance {
            field: field.into(),
            rule: rule.into(),
            evidence: evidence.into(),
        });
    }
    fn boiler(&mut self, kind: &str, text: &str) {
        self.boilerplate.push(Boilerplate {
            kind: kind.into(),
            text: text.into(),
        });
    }
    fn add_credits(&mut self, names: Vec<String>, rule: &str, evidence: &str) {
        for n in names {
            if !self.credits.contains(&n) {
                self.credits.push(n);
            }
        }
        self.prov("credits", rule, evidence);
    }
}

/// What the reader already knows (from HTML meta tags or a JSONL record).
#[derive(Debug, Clone, Default)]
pub struct Known {
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<Date>,
}

/// Splits text into blocks of trimmed, whitespace-collapsed lines.
pub fn blocks_of(text: &str) -> Vec<Vec<String>> {
    let mut blocks = vec![];
    let mut cur: Vec<String> = vec![];
    for line in text.lines() {
        let line = collapse_ws(line);
        if line.is_empty() {
            if !cur.is_empty() {
                blocks.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(line);
        }
    }
    if !cur.is_empty() {
        blocks.push(cur);
    }
    blocks
}

/// Trims and collapses runs of white space (not wording, so not a change of the text).
pub fn collapse_ws(line: &str) -> String {
    if is_collapsed(line) {
        return line.to_string();
    }
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Is `line` already what [`collapse_ws`] makes of it: no whitespace at either end, and only
/// single ASCII spaces between words? (Most lines of an article are, and then nothing needs
/// splitting and joining.)
fn is_collapsed(line: &str) -> bool {
    let b = line.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    // Tab, line feed, vertical tab, form feed or carriage return, and then a double space,
    // each by a vectorised pass (a byte-by-byte loop over every line with a curly quote or
    // dash was a tenth of reading an article).
    if super::any_byte(b, |c| (b'\t'..=b'\r').contains(&c)) || has_double_space(b) {
        return false;
    }
    // White space beyond ASCII: every such character (U+0085, U+00A0, U+1680, U+2000 to
    // U+205F, U+3000) starts with one of these four bytes, and only those are decoded.
    let white_at = |i: usize| line[i..].chars().next().is_some_and(char::is_whitespace);
    !memchr::memchr3_iter(0xC2, 0xE2, 0xE3, b)
        .chain(memchr::memchr_iter(0xE1, b))
        .any(white_at)
}

/// Whether two ASCII spaces follow each other in `b`: 32 pairs at a time with no exit inside
/// a chunk, a loop the compiler vectorises (as [`super::any_byte`]).
fn has_double_space(b: &[u8]) -> bool {
    let Some(n) = b.len().checked_sub(1) else {
        return false;
    };
    let (mut first, mut second) = (b[..n].chunks_exact(32), b[1..].chunks_exact(32));
    for (x, y) in (&mut first).zip(&mut second) {
        let x: &[u8; 32] = x.try_into().expect("32 bytes");
        let y: &[u8; 32] = y.try_into().expect("32 bytes");
        let mut seen = false;
        for k in 0..32 {
            seen |= (x[k] == b' ') & (y[k] == b' ');
        }
        if seen {
            return true;
        }
    }
    let pair = |(&x, &y): (&u8, &u8)| x == b' ' && y == b' ';
    first.remainder().iter().zip(second.remainder()).any(pair)
}

#[derive(Debug, Clone)]
struct Line {
    text: String,
    kind: LineKind,
}

/// Cleans blocks of lines into an article.
pub fn assemble(blocks: Vec<Vec<String>>, known: &Known) -> Article {
    let mut a = Article::default();
    let mut blocks: Vec<Vec<Line>> = blocks
        .into_iter()
        .map(|b| {
            b.into_iter()
                .map(|text| Line {
                    kind: boilerplate::classify(&text),
                    text,
                })
                .collect()
        })
        .collect();

    take_header(&mut blocks, &mut a);
    take_title(&mut blocks, known, &mut a);

    // Block rules, in document order. `body` keeps (block index, lines) of body text.
    let mut body: Vec<Vec<String>> = vec![];
    let mut cited_urls: Vec<String> = vec![];
    let mut expect_own_url = false;
    let mut prev_single: Option<String> = None;
    let mut trailing_candidates: Vec<(usize, String)> = vec![]; // (index in body, text)
    let mut boiler_after_last_body = false;

    for block in blocks.into_iter().filter(|b| !b.is_empty()) {
        if is_caption_block(&block) {
            for l in &block {
                if let LineKind::Credit(names) = &l.kind {
                    // A wire credit printed beside an image placeholder is still a credit.
                    a.boiler("credit", &l.text);
                    a.add_credits(names.clone(), "credit-line", &l.text);
                    continue;
                }
                let kind = if matches!(l.kind, LineKind::PhotoCredit) {
                    "credit"
                } else {
                    "caption"
                };
                a.boiler(kind, &l.text);
            }
            boiler_after_last_body = true;
            prev_single = None;
            continue;
        }
        let mut kept: Vec<String> = vec![];
        // Lines by value: a body line's text moves to `kept`, not copied.
        for l in block {
            match &l.kind {
                LineKind::Credit(names) => {
                    a.boiler("credit", &l.text);
                    a.add_credits(names.clone(), "credit-line", &l.text);
                    boiler_after_last_body = true;
                }
                LineKind::Body => {
                    if is_self_description(&l.text, prev_single.as_deref()) {
                        if let Some(h) = prev_single.take()
                            && body.last().is_some_and(|b| b.len() == 1 && b[0] == h)
                        {
                            body.pop();
                            trailing_candidates.retain(|(i, _)| *i < body.len());
                            a.boiler("self_description", &h);
                        }
                        a.boiler("self_description", &l.text);
                        note_outlet_marker(&mut a, &l.text);
                        boiler_after_last_body = true;
                    } else {
                        kept.push(l.text);
                    }
                }
                LineKind::Navigation => {
                    a.boiler("navigation", &l.text);
                    note_outlet_marker(&mut a, &l.text);
                }
                LineKind::Promo => {
                    a.boiler("promo", &l.text);
                    note_outlet_marker(&mut a, &l.text);
                    boiler_after_last_body = true;
                }
                LineKind::Related { kind, title } => {
                    a.boiler("related", &l.text);
                    a.related_links.push(RelatedLink {
                        title: Some(title.clone()),
                        url: None,
                        kind: (*kind).into(),
                    });
                }
                LineKind::OwnUrlLabel(url) => {
                    a.boiler("source_url", &l.text);
                    match url {
                        Some(u) => set_own_url(&mut a, u, "original-url-line", &l.text),
                        None => expect_own_url = true,
                    }
                    boiler_after_last_body = true;
                }
                LineKind::Url(u) => {
                    if expect_own_url {
                        a.boiler("source_url", &l.text);
                        set_own_url(
                            &mut a,
                            u,
                            "original-url-line",
                            &format!("Original url: {u}"),
                        );
                        expect_own_url = false;
                    } else {
                        a.boiler("cited_urls", &l.text);
                        cited_urls.push(u.clone());
                    }
                    boiler_after_last_body = true;
                }
                LineKind::PhotoCredit | LineKind::CaptionMarker => {
                    let kind = if matches!(l.kind, LineKind::PhotoCredit) {
                        "credit"
                    } else {
                        "caption"
                    };
                    a.boiler(kind, &l.text);
                    boiler_after_last_body = true;
                }
            }
        }
        if kept.is_empty() {
            continue;
        }
        let single = kept.len() == 1;
        // A paragraph of one trimmed line is that line ([`reflow`] would copy it).
        let whole_line = single && !kept[0].is_empty() && kept[0].trim().len() == kept[0].len();
        let para = if whole_line {
            kept.pop().expect("one line")
        } else {
            reflow(&kept)
        };
        prev_single = single.then(|| kept.first().unwrap_or(&para).clone());
        if ends_sentence(&para) {
            trailing_candidates.clear();
            boiler_after_last_body = false;
        } else if single {
            trailing_candidates.push((body.len(), para.clone()));
        }
        body.push(vec![para]);
    }

    // Trailing teasers: single lines without final punctuation after the last real
    // paragraph, followed by boilerplate (a credit, a newsletter line). Without the
    // boilerplate after them they could be the article's last line, so they stay.
    if boiler_after_last_body && !trailing_candidates.is_empty() {
        let drop: HashSet<usize> = trailing_candidates.iter().map(|(i, _)| *i).collect();
        for (_, t) in &trailing_candidates {
            a.boiler("promo", t);
        }
        body = body
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !drop.contains(i))
            .map(|(_, b)| b)
            .collect();
    }

    a.paragraphs = join_continuations(body.into_iter().flatten().collect());
    resolve_related(&mut a, cited_urls);
    if a.url.is_none()
        && let Some(u) = &known.url
    {
        set_own_url(&mut a, u, "given-url", u);
    }
    finish_dates(&mut a, known);
    a
}

/// The title: a Markdown heading, a short first block without final punctuation (a web
/// dump's headline line, or a headline wrapped over a few lines), or up to three leading
/// title-case lines glued to a caption (PDF text, seed 000). A block that is a caption is
/// never the title itself; the search goes on past it.
fn take_title(blocks: &mut [Vec<Line>], known: &Known, a: &mut Article) {
    let has_body = |b: &Vec<Line>| b.iter().any(|l| l.kind == LineKind::Body);
    let Some(first_bi) = blocks.iter().position(has_body) else {
        return;
    };
    if let Some(t) = &known.title {
        a.title = Some(t.clone());
        if let Some(i) = blocks[first_bi].iter().position(|l| l.text == *t) {
            blocks[first_bi].remove(i);
        }
        return;
    }
    if let Some(l) = blocks[first_bi]
        .iter()
        .position(|l| l.kind == LineKind::Body)
        && let Some(h) = blocks[first_bi][l].text.strip_prefix('#')
    {
        let first = blocks[first_bi][l].text.clone();
        a.prov("title", "markdown-heading", &first);
        a.title = Some(h.trim_start_matches('#').trim().to_string());
        blocks[first_bi].remove(l);
        return;
    }
    for bi in first_bi..blocks.len() {
        if !has_body(&blocks[bi]) {
            continue;
        }
        // Only body lines count: navigation lines among them are not part of the title
        // and would be gone on a second cleaning.
        let body_idx: Vec<usize> = (0..blocks[bi].len())
            .filter(|&i| blocks[bi][i].kind == LineKind::Body)
            .collect();
        let texts: Vec<String> = body_idx
            .iter()
            .map(|&i| blocks[bi][i].text.clone())
            .collect();
        let captioned = is_caption_block(&blocks[bi]);
        let n = title_case_prefix(&texts);
        let taken = if captioned {
            // Title-case lines glued to a caption; else the caption is skipped.
            (n > 0 && n < texts.len()).then_some((n, "title-case-lines"))
        } else {
            // A title never is the whole article: some body must follow it.
            let more_follows = blocks[bi + 1..].iter().any(has_body);
            let joined = reflow(&texts);
            if more_follows && is_headline(&joined) && !has_inner_sentence_end(&joined) {
                Some((texts.len(), "first-block"))
            } else {
                (n > 0 && n < texts.len()).then_some((n, "title-case-lines"))
            }
        };
        if let Some((n, rule)) = taken {
            a.prov("title", rule, &texts[..n].join(" / "));
            a.title = Some(reflow(&texts[..n]));
            for &i in body_idx[..n].iter().rev() {
                blocks[bi].remove(i);
            }
        }
        if !captioned || taken.is_some() {
            return;
        }
    }
}

/// How many leading lines (at most three) read as a wrapped headline in title case.
fn title_case_prefix(texts: &[String]) -> usize {
    let mut n = 0;
    let mut len = 0;
    for t in texts.iter().take(3) {
        len += t.len() + 1;
        if !is_title_case(t) || ends_sentence(t) || len > MAX_TITLE {
            break;
        }
        n += 1;
    }
    if n > 0 && has_inner_sentence_end(&reflow(&texts[..n])) {
        return 0;
    }
    n
}

/// Datelines and bylines in the header become metadata. The header is every block before
/// the first one (not a caption) whose body text ends a sentence; all date-only and byline lines there are
/// taken (the first of each gives the value), so a second cleaning finds none.
fn take_header(blocks: &mut [Vec<Line>], a: &mut Article) {
    for block in blocks.iter_mut() {
        let mut i = 0;
        while i < block.len() {
            let t = block[i].text.clone();
            if block[i].kind == LineKind::Body {
                if let Some(d) = metadata::parse_dateline(&t) {
                    if a.published.is_none() {
                        a.published = Some(d);
                        a.prov("published", "dateline", &t);
                    }
                    a.boiler("dateline", &t);
                    block.remove(i);
                    continue;
                }
                if let Some(b) = metadata::parse_byline(&t) {
                    if a.authors.is_empty() {
                        a.authors = b.authors;
                        a.prov("authors", "byline", &t);
                        if !b.credits.is_empty() {
                            a.add_credits(b.credits, "byline-for", &t);
                        }
                    }
                    a.boiler("byline", &t);
                    block.remove(i);
                    continue;
                }
            }
            i += 1;
        }
        let body: Vec<String> = block
            .iter()
            .filter(|l| l.kind == LineKind::Body)
            .map(|l| l.text.clone())
            .collect();
        // A caption's sentence is not the body: the header goes on past it.
        if !body.is_empty() && ends_sentence(&reflow(&body)) && !is_caption_block(block) {
            return;
        }
    }
}

/// A block is a caption when it carries a photo credit or an image marker, or repeats one
/// line (pages print a caption twice: as alt text and as the visible caption).
fn is_caption_block(block: &[Line]) -> bool {
    let has_marker = block
        .iter()
        .any(|l| matches!(l.kind, LineKind::PhotoCredit | LineKind::CaptionMarker));
    let last_credit = block
        .last()
        .is_some_and(|l| l.kind == LineKind::Body && boilerplate::ends_with_photo_credit(&l.text));
    let repeated = block.len() >= 2 && block.windows(2).any(|w| w[0].text == w[1].text);
    // Each ending is `)`, and only `)` lower-cases to a string ending in it.
    let file_photo = block.iter().any(|l| {
        if !l.text.ends_with(')') {
            return false;
        }
        let t = l.text.to_lowercase();
        t.ends_with("(file photo)") || t.ends_with("(file)") || t.ends_with("(archive photo)")
    });
    let only_body_or_credit = block.iter().all(|l| {
        matches!(
            l.kind,
            LineKind::Body | LineKind::PhotoCredit | LineKind::CaptionMarker | LineKind::Credit(_)
        )
    });
    only_body_or_credit && (has_marker || last_credit || repeated || file_photo)
}

/// What outlets say of themselves in a self-description line.
pub(super) const SELF_DESCRIPTION_MARKERS: &[&str] = &[
    "is one of the leading providers of news",
    "is an independent news",
    "is a public broadcaster",
    "is the international broadcaster",
];

/// A part of each of [`SELF_DESCRIPTION_MARKERS`] without their common "is ": a line holding
/// a marker holds its cue (a test checks that each marker contains one), so a line without
/// any cue is no self-description. Searched for one by one with `memchr::memmem`, whose
/// vectorised scan looks for rare bytes of the cue: an automaton over the markers stopped at
/// every `i` of the line to verify (its single-byte prefilter), some 2,000 instructions a
/// line and a fifth of reading an article (issue 7); over these cues, with no prefilter it
/// could use, it took 7,000.
pub(super) const SELF_DESCRIPTION_CUES: &[&str] = &[
    "broadcaster",
    "independent news",
    "leading providers of news",
];

static SELF_DESCRIPTION_FINDERS: LazyLock<Vec<memchr::memmem::Finder<'static>>> =
    LazyLock::new(|| {
        SELF_DESCRIPTION_CUES
            .iter()
            .map(|c| memchr::memmem::Finder::new(c.as_bytes()))
            .collect()
    });

/// "RFE/RL's Belarus Service is one of the leading providers ..." after the heading
/// "RFE/RL's Belarus Service": the outlet describing itself.
fn is_self_description(line: &str, prev_single: Option<&str>) -> bool {
    let may = boilerplate::with_ascii_lower(line, |lower| {
        SELF_DESCRIPTION_FINDERS
            .iter()
            .any(|f| f.find(lower).is_some())
    });
    if may
        && SELF_DESCRIPTION_MARKERS
            .iter()
            .any(|m| line.to_lowercase().contains(m))
    {
        return true;
    }
    prev_single.is_some_and(|h| {
        h.len() >= 4
            && !ends_sentence(h)
            && line.starts_with(h)
            && line[h.len()..].starts_with(" is ")
    })
}

fn note_outlet_marker(a: &mut Article, line: &str) {
    if a.outlet.is_none()
        && let Some(o) = metadata::outlet_from_marker(line)
    {
        a.outlet = Some(o.to_string());
        a.prov("outlet", "outlet-marker", line);
    }
}

fn set_own_url(a: &mut Article, url: &str, rule: &str, evidence: &str) {
    if a.url.is_some() {
        return;
    }
    a.url = Some(url.to_string());
    a.prov("url", rule, evidence);
    if let Some(o) = metadata::outlet_for_url(url) {
        // The article's own URL is the strongest outlet evidence.
        a.provenance.retain(|p| p.field != "outlet");
        a.outlet = Some(o);
        a.prov("outlet", "own-url-domain", url);
    }
}

/// Attaches cited URLs to the related-article lines whose titles they spell (outlets put
/// the headline in the slug), keeps the rest as cited links, and, when every resolved
/// related link is on one domain, takes that domain as the outlet: outlets link related
/// articles on their own site.
fn resolve_related(a: &mut Article, cited: Vec<String>) {
    let mut used = vec![false; cited.len()];
    let mut domains: Vec<(String, String)> = vec![];
    for link in a.related_links.iter_mut() {
        let Some(title) = &link.title else { continue };
        let tt = slug_tokens(title);
        if let Some((i, u)) = cited
            .iter()
            .enumerate()
            .find(|(i, u)| !used[*i] && slug_matches(&tt, u))
        {
            used[i] = true;
            link.url = Some(u.clone());
            if let Some(h) = metadata::url_host(u) {
                domains.push((h, format!("{title} -> {u}")));
            }
        }
    }
    for (i, u) in cited.into_iter().enumerate() {
        if !used[i] {
            a.related_links.push(RelatedLink {
                title: None,
                url: Some(u),
                kind: "cited".into(),
            });
        }
    }
    if a.outlet.is_none()
        && let Some((host, ev)) = domains.first()
        && domains.iter().all(|(h, _)| h == host)
        && let Some(o) = metadata::outlet_for_url(&format!("https://{host}/"))
    {
        a.outlet = Some(o);
        let ev = ev.clone();
        a.prov("outlet", "related-link-domain", &ev);
    }
}

fn slug_tokens(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// True when the last path segment of `url` spells most of the title's words.
fn slug_matches(title_tokens: &[String], url: &str) -> bool {
    let path = url
        .split(['?', '#'])
        .next()
        .unwrap_or(url)
        .trim_end_matches('/');
    let seg = path.rsplit('/').next().unwrap_or("");
    let seg = seg.split('.').next().unwrap_or(seg);
    let st = slug_tokens(seg);
    let st: Vec<&String> = st
        .iter()
        .filter(|t| !t.chars().all(|c| c.is_ascii_digit()))
        .collect();
    if st.len() < 3 || title_tokens.is_empty() {
        return false;
    }
    let in_title = st.iter().filter(|t| title_tokens.contains(t)).count();
    let in_slug = title_tokens.iter().filter(|t| st.contains(t)).count();
    in_title * 10 >= st.len() * 8 && in_slug * 10 >= title_tokens.len() * 6
}

/// Publication date rules after the body is known: the own URL's path date, else the day a
/// lead paragraph reports, with the year only when the text lets it be inferred.
fn finish_dates(a: &mut Article, known: &Known) {
    if a.published.is_none()
        && let Some(d) = known.published
    {
        a.published = Some(d);
        a.prov("published", "given-date", &d.to_string());
    }
    if a.published.is_none()
        && let Some(u) = a.url.clone()
        && let Some(d) = metadata::url_path_date(&u)
    {
        a.published = Some(d);
        a.prov("published", "own-url-date", &u);
    }
    if a.published.is_some() {
        return;
    }
    let Some(lead) = a.paragraphs.first() else {
        return;
    };
    let Some((m, d, y, said)) = metadata::lead_month_day(lead) else {
        return;
    };
    let full = a.paragraphs.join("\n");
    let (year, ev) = match y {
        Some(y) => (y, "the lead".to_string()),
        None => match metadata::infer_year(&full) {
            Some((y, ev)) => (y, ev),
            None => return,
        },
    };
    if let Ok(date) = Date::new(year, m, d) {
        a.published = Some(date);
        a.published_inferred = true;
        a.prov(
            "published",
            "lead-day+inferred-year",
            &format!("day from the lead \"{said}\"; year from {ev}"),
        );
    }
}

/// The longest title taken, in bytes.
const MAX_TITLE: usize = 250;

/// A headline: short, at least two words, no final sentence punctuation (a question in
/// title case is a headline too).
fn is_headline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let short = (2..=40).contains(&words) && line.len() <= MAX_TITLE;
    short && (!ends_sentence(line) || (line.ends_with('?') && is_title_case(line)))
}

/// True when a sentence ends inside the text (not at its end): "…of Putin. Tatyana …".
/// A period after a short abbreviation ("U.S.", "Dec.", "Mr.") does not end a sentence.
fn has_inner_sentence_end(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    words.iter().take(words.len().saturating_sub(1)).any(|w| {
        let w = w.trim_end_matches(['"', '\'', '”', '’', ')']);
        if w.ends_with(['!', '?']) {
            return true;
        }
        if !w.ends_with('.') {
            return false;
        }
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        let abbreviation = letters <= 3 && w.chars().all(|c| c.is_alphabetic() || c == '.');
        !abbreviation
    })
}

/// Words that stay lower case in English title case.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "as", "by", "with",
    "from", "into", "over", "vs", "via", "per", "amid", "after", "than", "is",
];

/// Headline style: nearly every word that is not a small word is capitalised.
pub fn is_title_case(line: &str) -> bool {
    let words: Vec<&str> = line
        .split_whitespace()
        .map(|w| w.trim_start_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    if words.len() < 2 {
        return false;
    }
    let content: Vec<&&str> = words
        .iter()
        .filter(|w| !SMALL_WORDS.contains(&w.to_lowercase().as_str()))
        .collect();
    let caps = content
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    !content.is_empty()
        && words[0].chars().next().is_some_and(char::is_uppercase)
        && caps * 10 >= content.len() * 8
}

/// True when a paragraph ends like a sentence (closing quotes and brackets aside).
pub fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']', ' ']);
    t.ends_with(['.', '!', '?', '…', ':', ';'])
}

/// First words of compounds that keep their hyphen across a line break ("so-called").
const COMPOUND_FIRST: &[&str] = &[
    "so", "well", "self", "ex", "non", "anti", "pro", "co", "half", "long", "short", "high", "low",
    "full", "all", "cross", "far", "post", "pre", "multi", "semi", "mid", "much", "ever", "old",
    "new", "hard", "top", "record", "state", "one", "two", "three", "four", "five", "six", "seven",
    "eight", "nine", "ten", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
    "ninety", "first", "second", "third", "year", "decades", "wide", "would", "vice", "under",
    "over", "re", "de", "e", "x",
];

/// Joins the lines of one paragraph. A line-end hyphen joins without a space; it is dropped
/// only when the two halves make one word (the joined word is known from the text, or the
/// first half is no compound-former), and kept for compounds and capitalised halves.
pub fn reflow(lines: &[String]) -> String {
    let mut out = String::new();
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if out.is_empty() {
            out.push_str(line);
            continue;
        }
        if out.ends_with('-') && !out.ends_with(" -") && !out.ends_with("--") {
            let before: String = out[..out.len() - 1]
                .chars()
                .rev()
                .take_while(|c| c.is_alphabetic())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let after: String = line.chars().take_while(|c| c.is_alphabetic()).collect();
            if !before.is_empty() && !after.is_empty() && !keep_hyphen(&before, &after, lines) {
                out.pop();
            }
            out.push_str(line);
        } else {
            out.push(' ');
            out.push_str(line);
        }
    }
    out
}

fn keep_hyphen(a: &str, b: &str, lines: &[String]) -> bool {
    if a.chars().next().is_some_and(char::is_uppercase)
        || b.chars().next().is_some_and(char::is_uppercase)
    {
        return true;
    }
    let joined = format!("{a}{b}").to_lowercase();
    let hyphened = format!("{a}-{b}").to_lowercase();
    let text = lines.join(" ").to_lowercase();
    if text.contains(&hyphened) {
        return true;
    }
    if text
        .split(|c: char| !c.is_alphabetic())
        .any(|w| w == joined)
    {
        return false;
    }
    COMPOUND_FIRST.contains(&a.to_lowercase().as_str())
}

/// Joins a paragraph to the next when it stops mid-sentence and the next goes on in lower
/// case: one paragraph cut by an inserted block (a list of links, a page break).
pub fn join_continuations(paras: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    for p in paras {
        if let Some(last) = out.last_mut()
            && !ends_sentence(last)
            && p.chars().next().is_some_and(char::is_lowercase)
        {
            last.push(' ');
            last.push_str(&p);
            continue;
        }
        out.push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_fast_path_agrees_with_split_and_join() {
        let slow = |l: &str| l.split_whitespace().collect::<Vec<_>>().join(" ");
        for l in [
            "",
            " ",
            "one",
            "one two",
            "one  two",
            " one",
            "one ",
            "one\ttwo",
            "one\r",
            "caf\u{e9} “quoted” words",
            "no\u{a0}break",
            "thin\u{2009}space",
            "ideographic\u{3000}space",
            "next\u{85}line",
            "Лукашэнка і Пуцін",
            "\u{a0}lead",
            "one\u{b}two",
            "one\u{c}two",
            "one\ntwo",
            "bell\u{7}inside",
            "one two  three four five six seven eight nine ten eleven twelve",
        ] {
            assert_eq!(collapse_ws(l), slow(l), "{l:?}");
            assert_eq!(is_collapsed(l), collapse_ws(l) == l, "{l:?}");
        }
        // A double space at every position of a line longer than one 32-byte chunk.
        for k in 0..79 {
            let mut l = "a".repeat(80);
            l.replace_range(k..k + 2, "  ");
            assert!(!is_collapsed(&l), "{k}");
            assert_eq!(has_double_space(l.as_bytes()), l.contains("  "), "{k}");
            l.replace_range(k..k + 2, " b");
            assert_eq!(has_double_space(l.as_bytes()), l.contains("  "), "{k}");
        }
        // Every character up to U+FFFF between two words, alone and doubled: the lead-byte
        // pre-check must let every non-ASCII white space through.
        for c in (0x80..=0xFFFF).filter_map(char::from_u32) {
            for l in [format!("a{c}b"), format!("a{c}{c}b"), format!("{c}a")] {
                assert_eq!(collapse_ws(&l), slow(&l), "{l:?}");
                assert_eq!(is_collapsed(&l), collapse_ws(&l) == l, "{l:?}");
            }
        }
    }

    fn lines(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn hyphens_across_lines() {
        assert_eq!(
            reflow(&lines(&["the so-", "called Union State"])),
            "the so-called Union State"
        );
        assert_eq!(
            reflow(&lines(&["unified Russian-", "Belarussian state"])),
            "unified Russian-Belarussian state"
        );
        assert_eq!(
            reflow(&lines(&["deepening inte-", "gration talks"])),
            "deepening integration talks"
        );
        assert_eq!(
            reflow(&lines(&["the U.S.-", "funded site"])),
            "the U.S.-funded site"
        );
        assert_eq!(
            reflow(&lines(&["a long-", "term deal and a long-term plan"])),
            "a long-term deal and a long-term plan"
        );
    }

    #[test]
    fn every_self_description_marker_holds_a_cue() {
        for m in SELF_DESCRIPTION_MARKERS {
            assert!(SELF_DESCRIPTION_CUES.iter().any(|c| m.contains(c)), "{m}");
        }
        let line = "RFE/RL's Belarus Service Is One Of The Leading Providers Of News";
        assert!(is_self_description(line, None));
        assert!(!is_self_description(
            "The service is one of the leading news sites",
            None
        ));
    }

    #[test]
    fn title_case() {
        assert!(is_title_case("Hundreds Protest Russia-Belarus"));
        assert!(is_title_case("‘Russia Is a Part of Belarus,’ President"));
        assert!(!is_title_case(
            "Russia should join its smaller neighbor Belarus rather than"
        ));
    }

    #[test]
    fn continuation_join() {
        let p = join_continuations(lines(&[
            "Protesters formed a human chain",
            "alongside the avenue.",
            "Next.",
        ]));
        assert_eq!(
            p,
            lines(&[
                "Protesters formed a human chain alongside the avenue.",
                "Next."
            ])
        );
    }
}
