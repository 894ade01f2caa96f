//! HTML pages: metadata from meta tags, `<time datetime>` and JSON-LD, each with its rule;
//! the article body through dom_smoothie (a port of Mozilla's readability.js), then the same
//! block rules as plain text (captions, related links, credits).

use super::article::{self, Article, Known, collapse_ws};
use super::metadata;
use dom_query::{Document as Dom, NodeRef};

/// Elements whose text is one paragraph of the body.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "figcaption",
    "dt",
    "dd",
    "td",
    "th",
];

/// Elements never read as text.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "head", "nav", "button", "form",
];

/// Metadata found in the page, each value with the rule that found it.
#[derive(Debug, Default)]
struct PageMeta {
    title: Option<(String, &'static str)>,
    url: Option<(String, &'static str)>,
    published: Option<(String, &'static str)>,
    outlet: Option<(String, &'static str)>,
    authors: Vec<(String, &'static str)>,
}

/// Pages whose tags nest deeper than this are not parsed as a tree: html5ever checks the
/// stack of open elements on every tag, which is quadratic in depth (100,000 nested divs
/// never finish). Such a page is read as text with its tags stripped.
const MAX_PARSE_DEPTH: usize = 2_000;

/// Elements that never have a closing tag.
const VOID_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Reads one HTML page. `None` when it has no article text.
pub fn read(html: &str) -> Option<Article> {
    if estimated_depth(html) > MAX_PARSE_DEPTH {
        let text = strip_tags(html);
        let a = article::assemble(article::blocks_of(&text), &Known::default());
        return (!a.paragraphs.is_empty()).then_some(a);
    }
    let dom = Dom::from(html);
    let meta = page_meta(&dom);
    let known = Known {
        title: meta.title.as_ref().map(|(t, _)| t.clone()),
        url: None,
        published: None,
    };
    let (blocks, captions) = body_blocks(html, &dom);
    if blocks.is_empty() {
        return None;
    }
    let mut a = article::assemble(blocks, &known);
    if a.paragraphs.is_empty() {
        return None;
    }
    for c in captions {
        a.boilerplate.push(crate::model::Boilerplate {
            kind: "caption".into(),
            text: c,
        });
    }
    apply_meta(&mut a, meta);
    Some(a)
}

/// The deepest tag nesting, estimated from the tags alone (no tree is built).
pub fn estimated_depth(html: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let name_len = html[start..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            continue;
        }
        let name = html[start..start + name_len].to_ascii_lowercase();
        let end = html[start..].find('>').map_or(html.len(), |e| start + e);
        let self_closing = end > 0 && bytes.get(end - 1) == Some(&b'/');
        if closing {
            depth = depth.saturating_sub(1);
        } else if !self_closing && !VOID_TAGS.contains(&name.as_str()) {
            depth += 1;
            deepest = deepest.max(depth);
        }
        i = end.min(html.len());
    }
    deepest
}

/// Text of a page without building a tree: script and style content dropped, block tags
/// turned into blank lines, other tags removed, common entities decoded.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let lower = html.to_ascii_lowercase();
    let mut i = 0;
    while i < html.len() {
        let Some(off) = html[i..].find('<') else {
            out.push_str(&html[i..]);
            break;
        };
        out.push_str(&html[i..i + off]);
        i += off;
        let rest = &lower[i..];
        let skip_to = ["script", "style"].iter().find_map(|t| {
            rest.strip_prefix('<')
                .filter(|r| r.starts_with(t))
                .and_then(|_| rest.find(&format!("</{t}")).map(|e| i + e))
        });
        if let Some(e) = skip_to {
            i = e;
        }
        let end = html[i..].find('>').map_or(html.len(), |e| i + e + 1);
        let tag = &lower[i..end];
        let name: String = tag
            .trim_start_matches(['<', '/'])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if BLOCK_TAGS.contains(&name.as_str())
            || matches!(name.as_str(), "div" | "br" | "section" | "article")
        {
            out.push_str("\n\n");
        }
        i = end;
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
}

fn apply_meta(a: &mut Article, m: PageMeta) {
    let prov = |a: &mut Article, field: &str, rule: &str, ev: &str| {
        a.provenance.push(crate::model::Provenance {
            field: field.into(),
            rule: rule.into(),
            evidence: ev.into(),
        })
    };
    if let Some((t, rule)) = m.title {
        a.provenance.retain(|p| p.field != "title");
        prov(a, "title", rule, &t);
        a.title = Some(t);
    }
    if let Some((u, rule)) = m.url {
        a.url = Some(u.clone());
        prov(a, "url", rule, &u);
    }
    if let Some((o, rule)) = m.outlet {
        a.outlet = Some(o.clone());
        prov(a, "outlet", rule, &o);
    } else if let Some(u) = &a.url
        && let Some(o) = metadata::outlet_for_url(u)
    {
        let u = u.clone();
        a.outlet = Some(o);
        prov(a, "outlet", "own-url-domain", &u);
    }
    if let Some((raw, rule)) = m.published
        && let Some(d) = metadata::parse_iso_date(&raw).or_else(|| metadata::parse_dateline(&raw))
    {
        a.provenance.retain(|p| p.field != "published");
        a.published = Some(d);
        a.published_inferred = false;
        prov(a, "published", rule, &raw);
    }
    if a.published.is_none()
        && let Some(u) = a.url.clone()
        && let Some(d) = metadata::url_path_date(&u)
    {
        a.published = Some(d);
        prov(a, "published", "own-url-date", &u);
    }
    if a.authors.is_empty() && !m.authors.is_empty() {
        for (name, rule) in m.authors {
            prov(a, "authors", rule, &name);
            if !a.authors.contains(&name) {
                a.authors.push(name);
            }
        }
    }
}

fn meta_content(dom: &Dom, sel: &str) -> Option<String> {
    dom.select(sel)
        .iter()
        .filter_map(|s| s.attr("content"))
        .map(|c| collapse_ws(&c))
        .find(|c| !c.is_empty())
}

fn page_meta(dom: &Dom) -> PageMeta {
    let mut m = PageMeta::default();
    let ld = json_ld_article(dom);
    let ld_str = |k: &str| -> Option<String> {
        ld.as_ref()?
            .get(k)?
            .as_str()
            .map(collapse_ws)
            .filter(|s| !s.is_empty())
    };
    m.title = meta_content(dom, r#"meta[property="og:title"]"#)
        .map(|t| (t, "meta:og:title"))
        .or_else(|| ld_str("headline").map(|t| (t, "json-ld:headline")))
        .or_else(|| {
            let t = collapse_ws(&dom.select("title").text());
            (!t.is_empty()).then_some((t, "html:title"))
        });
    m.url = dom
        .select(r#"link[rel="canonical"]"#)
        .attr("href")
        .map(|h| h.to_string())
        .filter(|h| h.starts_with("http"))
        .map(|h| (h, "link:canonical"))
        .or_else(|| meta_content(dom, r#"meta[property="og:url"]"#).map(|u| (u, "meta:og:url")))
        .or_else(|| ld_str("url").map(|u| (u, "json-ld:url")));
    m.published = meta_content(dom, r#"meta[property="article:published_time"]"#)
        .map(|d| (d, "meta:article:published_time"))
        .or_else(|| ld_str("datePublished").map(|d| (d, "json-ld:datePublished")))
        .or_else(|| {
            dom.select("time[datetime]")
                .attr("datetime")
                .map(|d| (d.to_string(), "html:time[datetime]"))
        })
        .or_else(|| {
            meta_content(dom, r#"meta[name="date"], meta[name="pubdate"], meta[name="dc.date"], meta[itemprop="datePublished"]"#)
                .map(|d| (d, "meta:date"))
        });
    m.outlet = meta_content(dom, r#"meta[property="og:site_name"]"#)
        .map(|o| (o, "meta:og:site_name"))
        .or_else(|| {
            let p = ld.as_ref()?.get("publisher")?;
            let name = p
                .get("name")
                .and_then(|n| n.as_str())
                .or_else(|| p.as_str())?;
            Some((collapse_ws(name), "json-ld:publisher"))
        });
    if let Some(a) = ld.as_ref().and_then(|l| l.get("author")) {
        let list: Vec<&serde_json::Value> = match a {
            serde_json::Value::Array(v) => v.iter().collect(),
            v => vec![v],
        };
        for v in list {
            let name = v
                .get("name")
                .and_then(|n| n.as_str())
                .or_else(|| v.as_str());
            if let Some(n) = name.map(collapse_ws).filter(|n| !n.is_empty()) {
                m.authors.push((n, "json-ld:author"));
            }
        }
    }
    if m.authors.is_empty()
        && let Some(a) = meta_content(dom, r#"meta[name="author"]"#)
        && !a.starts_with("http")
    {
        for n in metadata::split_names(&a) {
            m.authors.push((n, "meta:author"));
        }
    }
    m
}

/// The first JSON-LD object whose @type is a kind of article (also inside @graph).
fn json_ld_article(dom: &Dom) -> Option<serde_json::Value> {
    fn is_article(v: &serde_json::Value) -> bool {
        let t = |s: &str| s.ends_with("Article") || s == "Report" || s == "BlogPosting";
        match v.get("@type") {
            Some(serde_json::Value::String(s)) => t(s),
            Some(serde_json::Value::Array(a)) => a.iter().filter_map(|x| x.as_str()).any(t),
            _ => false,
        }
    }
    fn find(v: serde_json::Value) -> Option<serde_json::Value> {
        match v {
            serde_json::Value::Array(a) => a.into_iter().find_map(find),
            serde_json::Value::Object(ref o) => {
                if is_article(&v) {
                    return Some(v);
                }
                o.get("@graph").cloned().and_then(find)
            }
            _ => None,
        }
    }
    dom.select(r#"script[type="application/ld+json"]"#)
        .iter()
        .filter_map(|s| serde_json::from_str::<serde_json::Value>(s.text().trim()).ok())
        .find_map(find)
}

/// Pages nested deeper than this skip readability, whose scoring walks every ancestor of
/// every node (quadratic: 5,000 nested divs took minutes); real articles nest a few dozen deep.
const MAX_READABILITY_DEPTH: usize = 256;

/// The deepest element nesting of the page, by an iterative walk.
fn max_depth(dom: &Dom) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(dom.html_root(), 0usize)];
    while let Some((n, d)) = stack.pop() {
        deepest = deepest.max(d);
        for c in n.children() {
            if c.is_element() {
                stack.push((c, d + 1));
            }
        }
    }
    deepest
}

/// The body as blocks of one line each, plus figure captions (kept apart). Readability first;
/// if it finds nothing, or the page is nested too deep for it, every block element of the
/// page's body.
fn body_blocks(html: &str, dom: &Dom) -> (Vec<Vec<String>>, Vec<String>) {
    if max_depth(dom) > MAX_READABILITY_DEPTH {
        return collect_blocks(dom);
    }
    let from_readability = dom_smoothie::Readability::new(html, None, None)
        .ok()
        .and_then(|mut r| r.parse().ok())
        .map(|art| {
            let content = Dom::from(art.content.to_string());
            collect_blocks(&content)
        });
    match from_readability {
        Some((b, c)) if !b.is_empty() => (b, c),
        _ => collect_blocks(dom),
    }
}

fn collect_blocks(dom: &Dom) -> (Vec<Vec<String>>, Vec<String>) {
    let mut blocks = vec![];
    let mut captions = vec![];
    let root = dom.select("body");
    let start: Vec<NodeRef> = if root.exists() {
        root.nodes().to_vec()
    } else {
        vec![dom.html_root()]
    };
    // Iterative walk: deeply nested pages must not overflow the stack.
    let mut stack: Vec<NodeRef> = start.into_iter().rev().collect();
    while let Some(node) = stack.pop() {
        if !node.is_element() {
            continue;
        }
        let name = node
            .node_name()
            .map(|n| n.to_lowercase())
            .unwrap_or_default();
        if SKIP_TAGS.contains(&name.as_str()) {
            continue;
        }
        let has_block_child = || {
            node.descendants_it().any(|d| {
                d.node_name()
                    .is_some_and(|n| BLOCK_TAGS.contains(&n.to_lowercase().as_str()))
            })
        };
        if BLOCK_TAGS.contains(&name.as_str())
            && !(matches!(name.as_str(), "li" | "blockquote" | "td" | "dd") && has_block_child())
        {
            let text = collapse_ws(&visible_text(&node));
            if !text.is_empty() {
                if name == "figcaption" {
                    captions.push(text);
                } else {
                    blocks.push(vec![text]);
                }
            }
            continue;
        }
        for child in node.children().into_iter().rev() {
            stack.push(child);
        }
    }
    (blocks, captions)
}

/// Text of a node without script/style content.
fn visible_text(node: &NodeRef) -> String {
    let mut out = String::new();
    let mut stack = vec![*node];
    while let Some(n) = stack.pop() {
        if n.is_text() {
            out.push_str(&n.text());
            continue;
        }
        let name = n.node_name().map(|x| x.to_lowercase()).unwrap_or_default();
        if SKIP_TAGS.contains(&name.as_str()) {
            continue;
        }
        if name == "br" {
            out.push(' ');
        }
        for c in n.children().into_iter().rev() {
            stack.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head>
<title>Crowds rally in Minsk | Example News</title>
<meta property="og:title" content="Crowds rally in Minsk against integration">
<meta property="og:site_name" content="Example News">
<link rel="canonical" href="https://example.com/2019/12/08/minsk-rally">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Crowds rally in Minsk","datePublished":"2019-12-07T18:00:00Z","author":[{"@type":"Person","name":"Jane Roe"}]}</script>
<style>p { color: red }</style></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Crowds rally in Minsk against integration</h1>
<p>More than 1,000 people took to the streets of Minsk on Saturday to protest against closer ties with Russia, witnesses said.</p>
<figure><img src="x.jpg"><figcaption>Protesters in Minsk. Photo: Reuters</figcaption></figure>
<p>Related article: Talks in Sochi end without a deal</p>
<p>Police were quickly on the scene but made no arrests, according to the organisers of the rally in the capital.</p>
<script>alert("x")</script>
<p>The two presidents will meet again on Dec. 20 in St. Petersburg, the Kremlin said in a statement on Sunday.</p>
</article><footer><p>Sign up for our newsletter</p></footer></body></html>"#;

    #[test]
    fn html_metadata_with_provenance() {
        let a = read(PAGE).expect("article");
        assert_eq!(
            a.title.as_deref(),
            Some("Crowds rally in Minsk against integration")
        );
        assert_eq!(
            a.url.as_deref(),
            Some("https://example.com/2019/12/08/minsk-rally")
        );
        assert_eq!(a.outlet.as_deref(), Some("Example News"));
        // JSON-LD datePublished wins over the date in the URL path.
        assert_eq!(a.published, Some(jiff::civil::date(2019, 12, 7)));
        assert!(
            a.provenance
                .iter()
                .any(|p| p.field == "published" && p.rule == "json-ld:datePublished")
        );
        assert_eq!(a.authors, vec!["Jane Roe"]);
    }

    #[test]
    fn html_body_is_clean() {
        let a = read(PAGE).unwrap();
        let body = a.paragraphs.join("\n");
        assert!(body.contains("More than 1,000 people"));
        assert!(body.contains("made no arrests"));
        assert!(!body.contains("alert"), "{body}");
        assert!(!body.contains("Related article"));
        assert!(!body.contains("newsletter"));
        assert!(!body.contains("Photo: Reuters"));
        assert_eq!(
            a.related_links[0].title.as_deref(),
            Some("Talks in Sochi end without a deal")
        );
    }

    #[test]
    fn deep_nesting_is_read_without_a_tree() {
        let deep = format!(
            "<html><body>{}<p>Police said more than 1,000 people marched in Minsk on Saturday.</p>{}</body></html>",
            "<div>".repeat(50_000),
            "</div>".repeat(50_000)
        );
        assert!(estimated_depth(&deep) > MAX_PARSE_DEPTH);
        let a = read(&deep).expect("text");
        assert_eq!(
            a.paragraphs,
            vec!["Police said more than 1,000 people marched in Minsk on Saturday."]
        );
        assert_eq!(
            estimated_depth("<p>a<br>b<img src=x/></p><div><p>c</p></div>"),
            2
        );
    }

    #[test]
    fn script_only_page_has_no_article() {
        assert!(read("<html><head><script>var a=1;</script><style>b{}</style></head><body><script>x()</script></body></html>").is_none());
    }
}
