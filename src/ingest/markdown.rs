//! Markdown to plain lines: links become their text (their targets kept), autolinks their
//! URL, emphasis markers and heading marks go. Only what articles use; not a full CommonMark.

use regex::Regex;
use std::sync::LazyLock;

static IMAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"!\[([^\]]*)\]\(([^)\s]*)(?:\s+[^)]*)?\)").expect("image"));
static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\]]+)\]\(([^)\s]*)(?:\s+[^)]*)?\)").expect("link"));
static AUTOLINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<(https?://[^>\s]+)>").expect("autolink"));
static STRONG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\*\*([^*\n]+)\*\*|__([^_\n]+)__").expect("strong"));
static HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(#{1,6})\s+(.*?)\s*#*\s*$").expect("heading"));

/// A link found in the Markdown: its text and target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub url: String,
}

/// Converts Markdown to plain text line by line. The first heading keeps one `#` so the
/// article reader can take it as the title; later headings become plain lines.
pub fn to_plain(md: &str) -> (String, Vec<Link>) {
    let mut links = vec![];
    let mut out = String::with_capacity(md.len());
    let mut seen_heading = false;
    let mut seen_content = false;
    for line in md.lines() {
        let mut l = line
            .trim_start()
            .strip_prefix("> ")
            .unwrap_or(line)
            .to_string();
        l = IMAGE.replace_all(&l, "Image").into_owned();
        for c in LINK.captures_iter(&l.clone()) {
            links.push(Link {
                text: c[1].to_string(),
                url: c[2].to_string(),
            });
        }
        l = LINK.replace_all(&l, "$1").into_owned();
        l = AUTOLINK.replace_all(&l, "$1").into_owned();
        l = STRONG
            .replace_all(&l, |c: &regex::Captures| {
                c.get(1)
                    .or(c.get(2))
                    .map_or(String::new(), |m| m.as_str().to_string())
            })
            .into_owned();
        if let Some(c) = HEADING.captures(&l) {
            let text = c[2].to_string();
            l = if !seen_heading && !seen_content {
                format!("# {text}")
            } else {
                text
            };
            seen_heading = true;
        }
        if !l.trim().is_empty() {
            seen_content = true;
        }
        out.push_str(&l);
        out.push('\n');
    }
    (out, links)
}

/// True when text uses Markdown link or heading syntax.
pub fn looks_like_markdown(text: &str) -> bool {
    LINK.is_match(text)
        || AUTOLINK.is_match(text)
        || text.lines().take(50).any(|l| HEADING.is_match(l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_headings() {
        let (t, links) = to_plain(
            "# Title\n\nBy [Anna Malpas](#) and **bold** text\n\n## Section\n\n<https://example.com/a>\n",
        );
        assert_eq!(
            t,
            "# Title\n\nBy Anna Malpas and bold text\n\nSection\n\nhttps://example.com/a\n"
        );
        assert_eq!(
            links,
            vec![Link {
                text: "Anna Malpas".into(),
                url: "#".into()
            }]
        );
    }
}
