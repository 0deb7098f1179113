//! Web pages: dom_smoothie finds the article container and the page's metadata; dyad then splits
//! the container into blocks and decides, from markup and cue text, which are body paragraphs and
//! which are captions, bylines, datelines or boilerplate.

use std::ops::Range;

use dom_query::{Document as Dom, NodeRef};
use dom_smoothie::{Config, Readability, TextMode};
use dyad_doc::{Author, SectionKind};

use crate::{
    dates::Stamp,
    knowledge::{CueKind, Knowledge},
    web_dates::{json_string, page_dates, parse_web_date},
};

/// The most elements a page may have before it is refused as unreadable; real news pages have
/// a few thousand, and the article search is quadratic in the worst case.
const MAX_ELEMENTS: usize = 60_000;

/// The deepest element nesting read; html5ever and the article search both slow down with the
/// square of the depth (10,000 nested `<div>`s take seconds), while real pages stay under a few
/// hundred.
const MAX_DEPTH: usize = 2000;

/// The longest description taken as a subtitle, in bytes; longer ones are article text.
const MAX_SUBTITLE: usize = 400;

/// Blocks at most this long (in bytes) may be bylines, datelines or short boilerplate lines.
const SHORT_LINE: usize = 100;

/// What dyad read from a web page.
#[derive(Debug, Default)]
pub(crate) struct HtmlArticle {
    /// The article text: the title, then a subtitle and the blocks, separated by blank lines.
    pub(crate) text: String,
    /// Each block's byte range in `text`, in order.
    pub(crate) sections: Vec<(Range<usize>, SectionKind)>,
    pub(crate) title: Option<String>,
    pub(crate) subtitle: Option<String>,
    pub(crate) published: Option<Stamp>,
    pub(crate) modified: Option<Stamp>,
    pub(crate) authors: Vec<Author>,
    pub(crate) language: Option<String>,
    /// The newspaper section, from `article:section` or JSON-LD `articleSection`.
    pub(crate) news_section: Option<String>,
    /// The page's canonical URL.
    pub(crate) canonical: Option<String>,
    /// Why the article could not be found, or dates that could not be read.
    pub(crate) notes: Vec<String>,
}

/// Reads the article in a decoded page; `url` is where the page came from, if known.
pub(crate) fn read_html(html: &str, url: Option<&str>, knowledge: &Knowledge) -> HtmlArticle {
    let mut article = HtmlArticle::default();
    if nesting(html) > MAX_DEPTH {
        let note = format!("elements nested deeper than {MAX_DEPTH}; page not read");
        article.notes.push(note);
        return article;
    }
    let dom = Dom::from(html);
    // These look at the whole page, so they run before readability prunes it.
    let first_attr = |selector: &str, name: &str| {
        let value = dom.select_single(selector).attr(name)?;
        let value = value.trim();
        (!value.is_empty()).then(|| value.to_string())
    };
    article.canonical = first_attr("link[rel=canonical]", "href");
    article.news_section =
        first_attr("meta[property='article:section']", "content").or_else(|| {
            dom.select("script[type=\"application/ld+json\"]")
                .nodes()
                .iter()
                .filter_map(|node| serde_json::from_str::<serde_json::Value>(&node.text()).ok())
                .find_map(|json| {
                    let section = json_string(&json, "articleSection")?.trim();
                    (!section.is_empty()).then(|| section.to_string())
                })
        });
    let short_titles = [
        first_attr("meta[property='og:title']", "content"),
        Some(dom.select_single("h1").text().trim().to_string()),
    ];
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let page_dates = page_dates(&dom, url, knowledge);
    let config = Config {
        text_mode: TextMode::Raw,
        max_elements_to_parse: MAX_ELEMENTS,
        ..Config::default()
    };
    let found = Readability::with_document(dom, url, Some(config)).and_then(|mut r| r.parse());
    let found = match found {
        Ok(found) => found,
        Err(e) => {
            article.notes.push(format!("no article found: {e}"));
            return article;
        }
    };
    let title = without_site_name(found.title.trim(), &short_titles);
    let mut writer = Writer::default();
    if !title.is_empty() {
        writer.push(title, SectionKind::Headline);
        article.title = Some(title.to_string());
    }
    let blocks = blocks(&Dom::fragment(found.content), knowledge);
    // A description that repeats the opening of a block (the first paragraph, or the whole
    // article as some sites put in JSON-LD) is not a subtitle.
    let opening = |text: &str| {
        let end = (0..=text.len().min(60))
            .rev()
            .find(|&i| text.is_char_boundary(i));
        text[..end.unwrap_or(0)].to_string()
    };
    let body_has = |text: &str| blocks.iter().any(|b| b.text.contains(&opening(text)));
    if let Some(excerpt) = found.excerpt.as_deref().map(str::trim) {
        let fits = !excerpt.is_empty() && excerpt.len() <= MAX_SUBTITLE;
        if fits && excerpt != title && !body_has(excerpt) {
            writer.push(excerpt, SectionKind::Subtitle);
            article.subtitle = Some(excerpt.to_string());
        }
    }
    for block in &blocks {
        writer.push(&block.text, block.kind);
    }
    (article.text, article.sections) = (writer.text, writer.sections);
    let mut date = |value: Option<&str>, what: &str| {
        let value = value?.trim();
        let stamp = parse_web_date(value, knowledge);
        if stamp.is_none() {
            article
                .notes
                .push(format!("could not read {what} date `{value}`"));
        }
        stamp
    };
    article.published = date(found.published_time.as_deref(), "published").or(page_dates.published);
    article.modified = date(found.modified_time.as_deref(), "modified").or(page_dates.modified);
    article.notes.extend(page_dates.notes);
    article.authors = found
        .byline
        .as_deref()
        .map(|byline| authors(byline, knowledge))
        .unwrap_or_default();
    article.language = found.lang.filter(|l| !l.trim().is_empty());
    article
}

/// An upper estimate of how deeply the page's elements nest, from a scan of its tags: opening
/// tags count one deeper unless they are void or self-closing, closing tags one shallower.
/// Elements the parser closes implicitly (`<p>`, `<li>`) make it overcount, never undercount.
fn nesting(html: &str) -> usize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "p", "li", "option",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0);
    for (at, _) in html.match_indices('<') {
        let rest = &bytes[at + 1..];
        if rest.first() == Some(&b'/') {
            depth = depth.saturating_sub(1);
            continue;
        }
        let name_len = rest
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !rest[0].is_ascii_alphabetic() {
            continue;
        }
        let name = &rest[..name_len];
        let void = VOID.iter().any(|v| v.as_bytes().eq_ignore_ascii_case(name));
        let end = rest.iter().position(|&b| b == b'>');
        let self_closing = end.is_some_and(|end| end > 0 && rest[end - 1] == b'/');
        if !void && !self_closing {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// The people in a byline: `By Robert Burns and Lolita C. Baldor, AP` gives two; a part that
/// names a job (`AP National Security Writer`) is the role of the person before it.
///
/// The byline may open with a byline cue of `data/cues.tsv` (`By`, `Von`, `Autor:`), and a date
/// after the names (`Jane Doe Stand: 05.02.2020`) is left out.
fn authors(byline: &str, knowledge: &Knowledge) -> Vec<Author> {
    const ROLES: &[&str] = &[
        "writer",
        "correspondent",
        "reporter",
        "editor",
        "staff",
        "contributor",
        "columnist",
    ];
    let byline = byline.trim();
    let byline = match knowledge.cue_at(byline, &[CueKind::Byline]) {
        Some(cue) => byline[cue.phrase.len()..].trim_start_matches([':', ' ']),
        None => byline,
    };
    let dated = knowledge.find_cue(byline, &[CueKind::Published, CueKind::Modified]);
    let byline = &byline[..dated.unwrap_or(byline.len())];
    let mut authors: Vec<Author> = Vec::new();
    let parts = byline
        .split([',', '|', '\n'])
        .flat_map(|part| part.split(" and "))
        .flat_map(|part| part.split(" und "));
    for part in parts.map(str::trim) {
        let lower = part.to_lowercase();
        if ROLES.iter().any(|role| lower.contains(role)) {
            if let Some(last) = authors.last_mut().filter(|a| a.role.is_none()) {
                last.role = Some(part.to_string());
            }
            continue;
        }
        // Agency names are not people; a name has two words or more.
        let name = part.split_whitespace().count() >= 2
            && part.chars().next().is_some_and(char::is_uppercase);
        if name {
            authors.push(Author {
                name: part.to_string(),
                role: None,
            });
        }
    }
    authors
}

/// Builds the article text, remembering where each block lies.
#[derive(Default)]
struct Writer {
    text: String,
    sections: Vec<(Range<usize>, SectionKind)>,
}

impl Writer {
    fn push(&mut self, block: &str, kind: SectionKind) {
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        self.text.push_str(block);
        self.sections.push((start..self.text.len(), kind));
    }
}

/// A run of text between block boundaries, whitespace collapsed.
#[derive(Debug)]
struct Block {
    text: String,
    kind: SectionKind,
}

/// What the markup around a piece of text says it is.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Context {
    kind: SectionKind,
    in_link: bool,
    in_heading: bool,
    in_list_item: bool,
}

/// Collects the text of `dom` into blocks and classifies each.
///
/// The walk keeps its own stack, so deeply nested markup cannot overflow the thread's stack.
fn blocks(dom: &Dom, knowledge: &Knowledge) -> Vec<Block> {
    enum Step<'a> {
        Enter(NodeRef<'a>),
        Exit { block: bool },
    }
    let mut blocks = Vec::new();
    let mut current = Pending::default();
    let root = Context {
        kind: SectionKind::Body,
        in_link: false,
        in_heading: false,
        in_list_item: false,
    };
    let mut contexts = vec![root];
    let mut steps = vec![Step::Enter(dom.root())];
    while let Some(step) = steps.pop() {
        let context = *contexts.last().unwrap_or(&root);
        match step {
            Step::Exit { block } => {
                contexts.pop();
                if block {
                    current.flush(&mut blocks);
                }
            }
            Step::Enter(node) if node.is_text() => current.add(&node.text(), context),
            Step::Enter(node) => {
                let name = node.node_name();
                let name = name.as_deref().unwrap_or("");
                if SKIPPED.contains(&name) {
                    continue;
                }
                let block = !node.is_element() || BLOCKS.contains(&name);
                if block {
                    current.flush(&mut blocks);
                }
                // A table row is one block, its cells words apart: `1 Kyle Busch 5040`.
                current.space |= matches!(name, "td" | "th");
                contexts.push(element_context(&node, name, context));
                steps.push(Step::Exit { block });
                steps.extend(node.children_it(true).map(Step::Enter));
            }
        }
    }
    current.flush(&mut blocks);
    classify(&mut blocks, knowledge);
    blocks
}

/// Elements whose text is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "button", "select", "textarea", "input",
    "iframe", "form",
];

/// Elements that start and end a block of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "table",
    "tr",
    "br",
    "hr",
    "address",
];

/// The context of an element's content, from its parent's and its own name, class and id.
fn element_context(node: &NodeRef, name: &str, parent: Context) -> Context {
    let mut context = parent;
    context.in_link |= name == "a";
    context.in_heading |= matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
    context.in_list_item |= name == "li";
    if parent.kind != SectionKind::Body {
        // The outermost marked element decides: a byline inside a caption is still a caption.
        return context;
    }
    let by_name = match name {
        "figure" | "figcaption" => Some(SectionKind::Caption),
        "time" => Some(SectionKind::Dateline),
        "aside" | "nav" | "footer" => Some(SectionKind::Boilerplate),
        _ => None,
    };
    let by_marks = || {
        let class = node.attr("class");
        let id = node.attr("id");
        let rel = node.attr("rel");
        let itemprop = node.attr("itemprop");
        let words = [&class, &id, &rel, &itemprop]
            .into_iter()
            .flatten()
            .flat_map(|value| {
                value
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .map(str::to_ascii_lowercase)
                    .collect::<Vec<_>>()
            });
        let mut kind = None;
        for word in words {
            let found = MARKS.iter().find(|(mark, _)| *mark == word);
            if let Some(&(_, found)) = found {
                kind = Some(found);
                break;
            }
        }
        kind
    };
    if let Some(kind) = by_name.or_else(by_marks) {
        context.kind = kind;
    }
    context
}

/// Words in class names, ids, `rel` and `itemprop` that mark what an element holds.
const MARKS: &[(&str, SectionKind)] = &[
    ("caption", SectionKind::Caption),
    ("wp-caption-text", SectionKind::Caption),
    ("credit", SectionKind::Credit),
    ("byline", SectionKind::Byline),
    ("author", SectionKind::Byline),
    ("dateline", SectionKind::Dateline),
    ("timestamp", SectionKind::Dateline),
    ("related", SectionKind::Boilerplate),
    ("share", SectionKind::Boilerplate),
    ("sharing", SectionKind::Boilerplate),
    ("social", SectionKind::Boilerplate),
    ("newsletter", SectionKind::Boilerplate),
    ("promo", SectionKind::Boilerplate),
    ("advertisement", SectionKind::Boilerplate),
    ("subscribe", SectionKind::Boilerplate),
    ("recommended", SectionKind::Boilerplate),
    ("comments", SectionKind::Boilerplate),
];

/// The text of the block being collected, and how much of it sits in links.
#[derive(Default)]
struct Pending {
    text: String,
    link_bytes: usize,
    /// Whether whitespace came after the last word.
    space: bool,
    /// The context of the block's first text.
    context: Option<Context>,
}

impl Pending {
    fn add(&mut self, text: &str, context: Context) {
        // Inline elements split text without whitespace (`<b>Seo</b>ul`), so a space is written
        // only where the markup had whitespace.
        self.space |= text.starts_with(char::is_whitespace);
        for word in text.split_whitespace() {
            if self.space && !self.text.is_empty() {
                self.text.push(' ');
            }
            self.text.push_str(word);
            if context.in_link {
                self.link_bytes += word.len();
            }
            self.space = true;
            self.context.get_or_insert(context);
        }
        self.space = text.ends_with(char::is_whitespace);
    }

    fn flush(&mut self, blocks: &mut Vec<Block>) {
        let text = std::mem::take(&mut self.text);
        let link_bytes = std::mem::take(&mut self.link_bytes);
        self.space = false;
        let Some(context) = self.context.take() else {
            return;
        };
        let linked = link_bytes * 10 >= text.len() * 9;
        let kind = match context.kind {
            SectionKind::Body if linked && (context.in_list_item || context.in_heading) => {
                SectionKind::Boilerplate
            }
            SectionKind::Body
                if context.in_heading
                    && text.starts_with(char::is_uppercase)
                    && is_boilerplate_heading(&text) =>
            {
                SectionKind::Boilerplate
            }
            kind => kind,
        };
        blocks.push(Block {
            text: text.to_string(),
            kind,
        });
    }
}

/// Headings that introduce lists of other articles.
fn is_boilerplate_heading(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "related",
        "you may also like",
        "more from",
        "read more",
        "recommended",
        "most popular",
        "trending",
    ]
    .iter()
    .any(|cue| lower.starts_with(cue))
}

/// The page title without a site name joined to it (`Talks set | Example News`), when the page
/// names the article alone elsewhere (its `og:title` or first `<h1>`) and that name is the
/// title's first or last part.
fn without_site_name<'t>(title: &'t str, short_titles: &[Option<String>]) -> &'t str {
    const SEPARATORS: [&str; 5] = [" | ", " - ", " – ", " — ", " :: "];
    for short in short_titles.iter().flatten() {
        let short = short.as_str();
        if short.is_empty() || short.len() >= title.len() {
            continue;
        }
        let rest_is_site = |rest: &str| SEPARATORS.iter().any(|sep| rest.starts_with(sep));
        if title.starts_with(short) && rest_is_site(&title[short.len()..]) {
            return &title[..short.len()];
        }
        if let Some(head) = title.strip_suffix(short) {
            if SEPARATORS.iter().any(|sep| head.ends_with(sep)) {
                return &title[head.len()..];
            }
        }
    }
    title
}

/// Reclassifies body blocks by their text: bylines, datelines, photo credits and gallery
/// controls, repeated blocks, and lines that end the article (`boilerplate-tail` cues of
/// `data/cues.tsv`, such as `Mehr zum Thema`) or belong to the page (`boilerplate` cues).
fn classify(blocks: &mut [Block], knowledge: &Knowledge) {
    let mut counts = std::collections::HashMap::new();
    for block in blocks.iter() {
        *counts.entry(block.text.as_str()).or_insert(0) += 1;
    }
    // Long blocks printed twice are photo captions shown again in a gallery; short ones may be
    // table headings or recipe steps, which repeat in real articles.
    let repeated: Vec<bool> = blocks
        .iter()
        .map(|b| counts[b.text.as_str()] > 1 && b.text.split_whitespace().count() >= REPEATED_WORDS)
        .collect();
    // A list of other stories has headlines and teasers, not paragraphs: a line like `Mehr zum
    // Thema` followed later by a paragraph of prose heads a box inside the article.
    let mut prose_follows = vec![false; blocks.len()];
    for i in (0..blocks.len().saturating_sub(1)).rev() {
        let next = &blocks[i + 1];
        let prose =
            next.kind == SectionKind::Body && next.text.split_whitespace().count() >= PROSE_WORDS;
        prose_follows[i] = prose || prose_follows[i + 1];
    }
    let mut ended = false;
    for ((block, repeated), prose_follows) in blocks.iter_mut().zip(repeated).zip(prose_follows) {
        if block.kind != SectionKind::Body {
            continue;
        }
        let text = block.text.as_str();
        let short = text.len() <= SHORT_LINE;
        let starts = |cues: &[&str]| cues.iter().any(|cue| text.starts_with(cue));
        let lower = short.then(|| text.to_lowercase());
        let lower_starts = |cues: &[&str]| {
            lower
                .as_deref()
                .is_some_and(|l| cues.iter().any(|c| l.starts_with(c)))
        };
        let tail = lower_starts(END_CUES) || short && knowledge.is_tail_line(text);
        ended |= tail && !prose_follows;
        let gallery = starts(GALLERY_CUES)
            || lower_starts(LINK_LIST_CUES)
            || knowledge.cue_at(text, &[CueKind::Boilerplate]).is_some();
        let contact = !text.contains(' ') && (text.contains('@') || text.contains(".com/"));
        let footer = text.contains('\u{a9}') || starts(&["Copyright"]);
        let tagged = text.ends_with(']') || text.ends_with("]|");
        let dated = starts(&["Updated ", "Published ", "Posted ", "Last updated"])
            && text.contains(|c: char| c.is_ascii_digit());
        block.kind =
            if ended || tail || repeated || short && (gallery || contact || footer || tagged) {
                SectionKind::Boilerplate
            } else if is_photo_caption(text) {
                SectionKind::Caption
            } else if short && starts(&["By ", "BY "]) && text[3..].starts_with(char::is_uppercase)
            {
                SectionKind::Byline
            } else if short && dated {
                SectionKind::Dateline
            } else {
                SectionKind::Body
            };
    }
}

/// Blocks with at least this many words are paragraphs of prose, which lists of other stories
/// do not have.
const PROSE_WORDS: usize = 50;

/// Blocks with at least this many words that appear twice are boilerplate.
const REPEATED_WORDS: usize = 12;

/// Short lines (lowercased) after which the article is over: what follows is other stories.
const END_CUES: &[&str] = &[
    "you may also like",
    "want more stories",
    "more stories",
    "related stories",
    "related articles",
    "recommended for you",
    "most popular",
    "trending now",
];

/// Short lines (lowercased) that introduce a list of links inside the article.
const LINK_LIST_CUES: &[&str] = &["see more:", "read more:", "don't miss", "related:", "tags"];

/// Gallery and advertising controls, and photo credits.
const GALLERY_CUES: &[&str] = &[
    "Photo:",
    "Photograph:",
    "Image ",
    "Caption",
    "Close",
    "Advertisement",
];

/// A caption with its credit in brackets at the end, as tabloids print them:
/// `Protesters gather in the square (Image: GETTY )`.
fn is_photo_caption(text: &str) -> bool {
    let Some(open) = text.rfind('(') else {
        return false;
    };
    let credit = &text[open + 1..];
    credit.ends_with(')')
        && ["Image:", "Photo:", "Picture:"]
            .iter()
            .any(|c| credit.starts_with(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `html` and shows the article as `kind: text` lines, then the metadata, one per
    /// line: `published`, `modified`, `authors`, `language`, `canonical`, notes.
    fn check(html: &str, url: Option<&str>, expected: &str) {
        let knowledge = Knowledge::get().unwrap();
        let article = read_html(html, url, knowledge);
        let mut got: Vec<String> = article
            .sections
            .iter()
            .map(|(range, kind)| format!("{}: {}", kind.as_str(), &article.text[range.clone()]))
            .collect();
        let date = |s: &Option<Stamp>| s.as_ref().map(|s| s.at.to_rfc3339());
        let names: Vec<&str> = article.authors.iter().map(|a| a.name.as_str()).collect();
        got.push(format!("published {:?}", date(&article.published)));
        got.push(format!("modified {:?}", date(&article.modified)));
        got.push(format!("authors {names:?}"));
        got.push(format!("language {:?}", article.language));
        got.push(format!("section {:?}", article.news_section));
        got.push(format!("canonical {:?}", article.canonical));
        got.extend(article.notes);
        assert_eq!(got.join("\n"), expected.trim());
    }

    /// A page around `article`, with enough prose for the article search to find it.
    fn page(head: &str, article: &str) -> String {
        let prose = ["first", "second", "third"].map(|n| {
            format!(
                "<p>The envoys met in Seoul on Friday and agreed to hold a {n} round of talks \
                 on the nuclear issue next month, officials said, after weeks of quiet contacts.</p>"
            )
        });
        let prose = prose.concat();
        format!(
            "<!doctype html><html lang=\"en\"><head>{head}</head><body>\
             <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\
             <article>{article}{prose}</article>\
             <footer><p>Copyright 2021 Example News. All rights reserved.</p></footer></body></html>"
        )
    }

    /// The body lines of [`page`]'s prose.
    fn body() -> String {
        ["first", "second", "third"]
            .map(|n| {
                format!(
                    "body: The envoys met in Seoul on Friday and agreed to hold a {n} round of \
                     talks on the nuclear issue next month, officials said, after weeks of quiet \
                     contacts.\n"
                )
            })
            .concat()
    }

    #[test]
    fn site_names_leave_the_title() {
        let names = |a: &str, b: &str| [Some(a.to_string()), Some(b.to_string())];
        assert_eq!(
            without_site_name("Talks set | Example", &names("", "Talks set")),
            "Talks set"
        );
        assert_eq!(
            without_site_name("Example - Talks set", &names("Talks set", "")),
            "Talks set"
        );
        // A title that merely starts like the heading keeps its words.
        assert_eq!(
            without_site_name("Talks set to resume", &names("Talks set", "")),
            "Talks set to resume"
        );
        assert_eq!(without_site_name("Talks", &[None, None]), "Talks");
    }

    #[test]
    fn meta_tags_give_dates_and_authors() {
        let head = r#"<title>Talks set | Example News</title>
            <meta property="article:published_time" content="2021-05-07T16:59:00+09:00">
            <meta name="author" content="Hwang Joon-bum">
            <meta property="article:section" content="North Korea">
            <link rel="canonical" href="https://news.example/talks">"#;
        check(
            &page(head, ""),
            None,
            &format!(
                "headline: Talks set | Example News\n{}\
                 published Some(\"2021-05-07T16:59:00+09:00\")\nmodified None\n\
                 authors [\"Hwang Joon-bum\"]\nlanguage Some(\"en\")\n\
                 section Some(\"North Korea\")\ncanonical Some(\"https://news.example/talks\")",
                body()
            ),
        );
    }

    #[test]
    fn json_ld_and_bylines_and_captions() {
        let head = r#"<title>Talks</title><script type="application/ld+json">
            {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Talks",
             "datePublished": "2021-05-07T07:59:00Z", "dateModified": "2021-05-08T09:00:00+0900",
             "articleSection": "Politics",
             "author": [{"@type": "Person", "name": "Kim Ji-eun"}, {"@type": "Person", "name": "Lee Min"}]}
            </script>"#;
        let article = r#"<p class="byline">By Kim Ji-eun and Lee Min</p>
            <figure><img src="a.jpg"><figcaption>Envoys shake hands in Seoul.</figcaption></figure>
            <div class="share-bar"><a href="/s">Share</a><a href="/t">Tweet</a></div>"#;
        let html = page(head, article);
        let knowledge = Knowledge::get().unwrap();
        let got = read_html(&html, None, knowledge);
        let kinds: Vec<(&str, &str)> = got
            .sections
            .iter()
            .map(|(r, k)| (k.as_str(), &got.text[r.clone()]))
            .collect();
        assert!(
            kinds.contains(&("byline", "By Kim Ji-eun and Lee Min")),
            "{kinds:?}"
        );
        assert!(!kinds.iter().any(|(_, t)| t.contains("Tweet")), "{kinds:?}");
        assert!(
            !kinds
                .iter()
                .any(|&(k, t)| k == "body" && t.contains("shake hands")),
            "{kinds:?}"
        );
        assert_eq!(
            got.published.map(|s| s.at.to_rfc3339()).as_deref(),
            Some("2021-05-07T07:59:00+00:00")
        );
        assert_eq!(
            got.modified.map(|s| s.at.to_rfc3339()).as_deref(),
            Some("2021-05-08T09:00:00+09:00")
        );
        assert_eq!(got.news_section.as_deref(), Some("Politics"));
        let names: Vec<&str> = got.authors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Kim Ji-eun", "Lee Min"]);
    }

    #[test]
    fn dates_from_time_elements_and_urls() {
        let html = page(
            "<title>T</title>",
            r#"<time datetime="2021-05-07">May 7</time>"#,
        );
        let knowledge = Knowledge::get().unwrap();
        let got = read_html(&html, None, knowledge);
        let published = got.published.unwrap();
        assert_eq!(published.at.to_rfc3339(), "2021-05-07T00:00:00+00:00");
        let got = read_html(
            &page("<title>T</title>", ""),
            Some("https://news.example/2019/11/20/story.html"),
            knowledge,
        );
        assert_eq!(
            got.published.map(|s| (s.at.to_rfc3339(), s.assumed_utc)),
            Some(("2019-11-20T00:00:00+00:00".to_string(), true))
        );
    }

    #[test]
    fn pages_without_an_article_say_so() {
        let knowledge = Knowledge::get().unwrap();
        let got = read_html("", None, knowledge);
        assert_eq!(got.sections, []);
        assert_eq!(got.notes, ["no article found: failed to grab the article"]);
        let nested = format!(
            "{}<p>deep</p>{}",
            "<div>".repeat(10_000),
            "</div>".repeat(10_000)
        );
        let got = read_html(&nested, None, knowledge);
        assert_eq!(
            got.notes,
            ["elements nested deeper than 2000; page not read"]
        );
        assert_eq!(
            nesting("<div><p>a<br><img src=x/></div><div><span>b</span></div>"),
            2
        );
    }

    #[test]
    fn tail_lines_end_the_article_unless_prose_follows() {
        let knowledge = Knowledge::get().unwrap();
        let kinds = |html: &str| -> Vec<&str> {
            let blocks = blocks(&Dom::fragment(html), knowledge);
            blocks.iter().map(|b| b.kind.as_str()).collect()
        };
        assert_eq!(
            kinds("<p>Talks resumed.</p><p>Mehr zum Thema:</p><p>Other talks</p>"),
            ["body", "boilerplate", "boilerplate"]
        );
        let prose = "The envoys met again. ".repeat(15);
        assert_eq!(
            kinds(&format!(
                "<p>Mehr zum Thema</p><p>Other talks</p><p>{prose}</p><p>Anzeige</p>"
            )),
            ["boilerplate", "body", "body", "boilerplate"]
        );
    }

    #[test]
    fn bylines_name_people() {
        let knowledge = Knowledge::get().unwrap();
        let names = |byline: &str| -> Vec<String> {
            authors(byline, knowledge)
                .into_iter()
                .map(|a| a.name)
                .collect()
        };
        assert_eq!(
            names("By Robert Burns and Lolita C. Baldor, AP"),
            ["Robert Burns", "Lolita C. Baldor"]
        );
        assert_eq!(names("Reuters"), Vec::<String>::new());
        assert_eq!(
            names("Von Benjamin Fischer und Marcus Theurer"),
            ["Benjamin Fischer", "Marcus Theurer"]
        );
        assert_eq!(
            names("Autor: Sara Zinnecker Stand: 05. Februar 2020"),
            ["Sara Zinnecker"]
        );
        let burns = authors("ROBERT BURNS, AP National Security Writer", knowledge);
        assert_eq!(
            burns[0].role.as_deref(),
            Some("AP National Security Writer")
        );
        assert_eq!(burns.len(), 1);
    }
}
