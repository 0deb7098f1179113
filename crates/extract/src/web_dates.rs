//! When a web page says its article was published and last changed: schema.org JSON-LD and
//! microdata, `<meta>` tags, `<time>` elements, the URL, and last a date printed in an element
//! the page marks as a date.
//!
//! Which markup keys and class words count is data: `data/web-dates.tsv`.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};
use dom_query::{Document as Dom, NodeRef};

use crate::{
    dates::{find_date, parse_date, Stamp},
    knowledge::{CueKind, DateKind, Knowledge},
};

/// The longest text, in bytes, of an element read for a printed date; longer ones are article
/// text or whole page parts, where a date is more likely to be about something else.
const MAX_PRINTED_DATE: usize = 200;

/// The most date-marked elements read for a printed date on one page.
const MAX_PRINTED_CANDIDATES: usize = 50;

/// A page's dates, and notes on values that could not be read.
#[derive(Debug, Default)]
pub(crate) struct PageDates {
    pub(crate) published: Option<Stamp>,
    pub(crate) modified: Option<Stamp>,
    pub(crate) notes: Vec<String>,
}

/// Reads the dates of a whole page (before the article search prunes it), the most trusted source
/// first: dates in markup (JSON-LD and the keys of `data/web-dates.tsv`, by their rank there), the
/// first `<time datetime>`, a date in `url`, and last a date printed in an element marked as one
/// (`<span class="post-date">14. März 2019</span>`).
/// Elements inside comments and lists of other articles are passed over.
pub(crate) fn page_dates(dom: &Dom, url: Option<&str>, knowledge: &Knowledge) -> PageDates {
    let mut dates = PageDates::default();
    let mut candidates = markup_dates(dom, knowledge);
    // A stable sort: equal ranks keep document order.
    candidates.sort_by_key(|candidate| candidate.rank);
    for candidate in &candidates {
        let slot = match candidate.kind {
            DateKind::Published => &mut dates.published,
            DateKind::Modified => &mut dates.modified,
        };
        if slot.is_some() {
            continue;
        }
        *slot = parse_web_date(&candidate.value, knowledge);
        if slot.is_none() {
            let note = format!(
                "could not read {} date `{}`",
                candidate.key, candidate.value
            );
            dates.notes.push(note);
        }
    }
    if dates.published.is_none() {
        let time = dom
            .select("time[datetime]")
            .nodes()
            .iter()
            .find(|node| !in_other_content(node, knowledge))
            .and_then(|node| node.attr("datetime"));
        let time = time.as_deref().map(str::trim).filter(|t| !t.is_empty());
        dates.published = time.and_then(|time| {
            let stamp = parse_web_date(time, knowledge);
            if stamp.is_none() {
                dates
                    .notes
                    .push(format!("could not read <time> date `{time}`"));
            }
            stamp
        });
    }
    dates.published = dates
        .published
        .or_else(|| url.and_then(date_in_url))
        .or_else(|| printed_date(dom, knowledge));
    dates
}

/// A date value found in markup, with the key that named it and that key's rank.
struct Candidate {
    kind: DateKind,
    rank: usize,
    key: String,
    value: String,
}

/// The date values in `<meta>` tags, microdata and RDFa properties, and JSON-LD.
fn markup_dates(dom: &Dom, knowledge: &Knowledge) -> Vec<Candidate> {
    const JSON_LD: &str = "script[type=\"application/ld+json\"]";
    let mut candidates = Vec::new();
    let selector = format!("meta, [itemprop], [property], {JSON_LD}");
    for node in dom.select(&selector).nodes() {
        if node.has_name("script") {
            let Ok(json) = serde_json::from_str::<serde_json::Value>(&node.text()) else {
                continue;
            };
            for key in ["datePublished", "dateModified"] {
                let value = json_string(&json, key);
                if let (Some((kind, rank)), Some(value)) = (knowledge.date_key(key), value) {
                    let (key, value) = (key.to_string(), value.trim().to_string());
                    candidates.push(Candidate {
                        kind,
                        rank,
                        key,
                        value,
                    });
                }
            }
            continue;
        }
        let keys = ["name", "property", "itemprop"].map(|attr| node.attr(attr));
        let found = keys
            .iter()
            .flatten()
            .find_map(|key| Some((key.to_string(), knowledge.date_key(key)?)));
        let Some((key, (kind, rank))) = found else {
            continue;
        };
        // Comments and related articles carry their own microdata dates.
        if !node.has_name("meta") && in_other_content(node, knowledge) {
            continue;
        }
        let value = ["content", "datetime", "title"]
            .iter()
            .find_map(|attr| node.attr(attr))
            .unwrap_or_else(|| node.text());
        let value = value.trim();
        if !value.is_empty() {
            let value = value.to_string();
            candidates.push(Candidate {
                kind,
                rank,
                key,
                value,
            });
        }
    }
    candidates
}

/// The first date printed on the page where a reader would see it as the article's: in a short
/// `<time>` element or one whose class or id marks it as a date, or in a short line that starts with a
/// published or modified cue of `data/cues.tsv` (`Veröffentlicht am 14. März 2019`,
/// `<b>Stand:</b> 05.02.2020`), in document order, outside comments and lists of other
/// articles; failing that, a date in the page's `<title>` (`Talks resume | 14.03.2019`).
///
/// A page that prints only when it was last updated is dated by that.
fn printed_date(dom: &Dom, knowledge: &Knowledge) -> Option<Stamp> {
    const CUES: &[CueKind] = &[CueKind::Published, CueKind::Modified];
    let mut read = 0;
    let mut steps = vec![dom.root()];
    while let Some(node) = steps.pop() {
        let candidate = if node.is_text() {
            let text = node.text();
            let cued = knowledge.cue_at(text.trim_start(), CUES).is_some();
            cued.then(|| node.parent().and_then(line_around)).flatten()
        } else {
            if node.is_element() && SKIPPED.iter().any(|name| node.has_name(name)) {
                continue;
            }
            steps.extend(node.children_it(true));
            let marked = node.has_name("time")
                || mark_words(&node).any(|word| knowledge.is_date_mark(&word));
            marked.then_some(node)
        };
        let Some(candidate) = candidate else {
            continue;
        };
        read += 1;
        if read > MAX_PRINTED_CANDIDATES {
            break;
        }
        let text = candidate.text();
        let text = text.trim();
        if text.is_empty() || text.len() > MAX_PRINTED_DATE {
            continue;
        }
        if in_other_content(&candidate, knowledge) {
            continue;
        }
        if let Some(stamp) = find_date(text, knowledge) {
            return Some(stamp);
        }
    }
    find_date(&dom.select_single("title").text(), knowledge)
}

/// The element holding a cue's whole line: its parent when the cue is in bold or a label, whose
/// date follows in the next element (`<b>Stand:</b> 05.02.2020`).
fn line_around(element: NodeRef<'_>) -> Option<NodeRef<'_>> {
    const INLINE: &[&str] = &["b", "strong", "em", "i", "span", "label"];
    if INLINE.iter().any(|name| element.has_name(name)) {
        element.parent()
    } else {
        Some(element)
    }
}

/// Elements whose text a reader never sees.
const SKIPPED: &[&str] = &["script", "style", "noscript", "template", "svg", "head"];

/// Whether `node` or an element around it is marked as a part of the page other than the
/// article: comments, related articles, sidebars.
///
/// `<body>` and `<html>` are not looked at: their classes describe the page's layout
/// (`has-sidebar`), not the part of it the node is in.
fn in_other_content(node: &NodeRef, knowledge: &Knowledge) -> bool {
    let mut current = Some(*node);
    while let Some(node) = current.filter(|n| !n.has_name("body") && !n.has_name("html")) {
        if mark_words(&node).any(|word| knowledge.is_not_article(&word)) {
            return true;
        }
        current = node.parent();
    }
    false
}

/// The words of an element's `class` and `id`, split at non-alphanumerics and lowercased:
/// `entry-date published` gives `entry`, `date`, `published`.
fn mark_words(node: &NodeRef) -> impl Iterator<Item = String> {
    let marks = [node.attr("class"), node.attr("id")];
    marks.into_iter().flatten().flat_map(|value| {
        value
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|word| !word.is_empty())
            .map(str::to_ascii_lowercase)
            .collect::<Vec<_>>()
    })
}

/// The first string value of `key` anywhere in a JSON value, depth first, with the depth capped
/// so hostile JSON cannot exhaust the stack (serde_json already caps parsing at 128 levels).
pub(crate) fn json_string<'a>(value: &'a serde_json::Value, key: &str) -> Option<&'a str> {
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            serde_json::Value::Object(map) => {
                if let Some(found) = map.get(key).and_then(serde_json::Value::as_str) {
                    return Some(found);
                }
                stack.extend(map.values().rev());
            }
            serde_json::Value::Array(items) => stack.extend(items.iter().rev()),
            _ => {}
        }
    }
    None
}

/// A date as web pages write it: RFC 3339 and the formats of `data/dates.tsv`, plus ISO 8601
/// with an offset lacking its colon (`+0000`) or minutes without seconds, JavaScript's
/// `Tue Nov 19 2019 03:05:46 GMT+0000`, RFC 2822 (`Wed, 20 Nov 2019 05:27:00 GMT`), and ISO 8601
/// without a zone but with fractional seconds, taken as UTC and marked assumed.
pub(crate) fn parse_web_date(value: &str, knowledge: &Knowledge) -> Option<Stamp> {
    const WITH_OFFSET: &[&str] = &[
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
        "%a %b %d %Y %H:%M:%S GMT%z",
    ];
    let exact = |at| Stamp {
        at,
        zone: None,
        assumed_utc: false,
    };
    // chrono's `%z` does not read `Z`, which ISO 8601 allows for UTC.
    let zulu = value.strip_suffix('Z').map(|v| format!("{v}+0000"));
    let with_offset = zulu.as_deref().unwrap_or(value);
    parse_date(value, knowledge)
        .or_else(|| {
            WITH_OFFSET
                .iter()
                .find_map(|f| DateTime::parse_from_str(with_offset, f).ok())
                .map(exact)
        })
        .or_else(|| DateTime::parse_from_rfc2822(value).ok().map(exact))
        .or_else(|| {
            let naive = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S%.f").ok()?;
            Some(Stamp {
                at: naive.and_utc().fixed_offset(),
                zone: None,
                assumed_utc: true,
            })
        })
}

/// A date in a URL path, as news sites write them: `/2019/11/20/` or `/2019-11-20/`; the time
/// is unknown, so it is midnight UTC and marked assumed.
pub(crate) fn date_in_url(url: &str) -> Option<Stamp> {
    let path = url.splitn(4, '/').nth(3)?;
    let parts: Vec<&str> = path.split(['/', '-', '_']).collect();
    parts.windows(3).find_map(|w| {
        let [y, m, d] = [w[0], w[1], w[2]].map(|p| p.parse::<u32>().ok());
        let (y, m, d) = (y?, m?, d?);
        if w[0].len() != 4 || !(1990..=2100).contains(&y) {
            return None;
        }
        let at = NaiveDate::from_ymd_opt(y as i32, m, d)?
            .and_time(NaiveTime::MIN)
            .and_utc()
            .fixed_offset();
        Some(Stamp {
            at,
            zone: None,
            assumed_utc: true,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The published and modified dates of a page with `head` and `body`, in RFC 3339.
    fn check(head: &str, body: &str, url: Option<&str>, expected: [Option<&str>; 2]) {
        let knowledge = Knowledge::get().unwrap();
        let dom = Dom::from(format!(
            "<html><head>{head}</head><body>{body}</body></html>"
        ));
        let dates = page_dates(&dom, url, knowledge);
        let show = |stamp: Option<Stamp>| stamp.map(|s| s.at.to_rfc3339());
        let got = [show(dates.published), show(dates.modified)];
        assert_eq!(
            got.each_ref().map(Option::as_deref),
            expected,
            "{head} {body}"
        );
    }

    #[test]
    fn markup_dates_by_rank() {
        let graph = r#"<script type="application/ld+json">{"@graph": [{"@type": "WebPage"},
            {"@type": "Article", "datePublished": "2018-01-22T02:13:30+00:00"}]}</script>"#;
        check(
            graph,
            r#"<meta itemprop="dateModified" content="2018-01-23">"#,
            None,
            [
                Some("2018-01-22T02:13:30+00:00"),
                Some("2018-01-23T00:00:00+00:00"),
            ],
        );
        // `article:published_time` outranks `DC.date`, wherever each stands.
        check(
            r#"<meta name="DC.Date" content="2006-12-16T08:00+01:00">
               <meta property="article:published_time" content="2006-12-17T08:00:00+01:00">"#,
            "",
            None,
            [Some("2006-12-17T08:00:00+01:00"), None],
        );
        check(
            r#"<meta name="DC.Date" content="2006-12-16T08:00+01:00">"#,
            "",
            None,
            [Some("2006-12-16T08:00:00+01:00"), None],
        );
        // An unreadable value gives way to the next.
        check(
            r#"<meta name="sailthru.date" content="soon"><meta name="date" content="2019-03-14">"#,
            "",
            None,
            [Some("2019-03-14T00:00:00+00:00"), None],
        );
        check(
            "",
            r#"<abbr itemprop="datePublished" title="2019-10-16T14:33:00-07:00">2:33 PM</abbr>"#,
            None,
            [Some("2019-10-16T14:33:00-07:00"), None],
        );
    }

    #[test]
    fn comments_do_not_date_the_article() {
        let comments = r#"<ol class="comment-list"><li><time datetime="2020-08-16T12:56:12+02:00">
            </time><span itemprop="datePublished">2020-08-17</span></li></ol>"#;
        check(
            "",
            &format!(r#"{comments}<time datetime="2020-08-11">11 Aug</time>"#),
            None,
            [Some("2020-08-11T00:00:00+00:00"), None],
        );
        check("", comments, None, [None, None]);
        let layout = r#"<body class="single has-sidebar"><time datetime="2020-08-11">x</time>"#;
        check("", layout, None, [Some("2020-08-11T00:00:00+00:00"), None]);
    }

    #[test]
    fn urls_then_printed_dates() {
        let printed = r#"<p>Text</p><span class="node__publication-date">Veröffentlicht am
            06.10.2023</span><div class="comments"><span class="date">01.01.2024</span></div>"#;
        check(
            "",
            printed,
            Some("https://news.example/2019/11/20/story.html"),
            [Some("2019-11-20T00:00:00+00:00"), None],
        );
        check("", printed, None, [Some("2023-10-06T00:00:00+00:00"), None]);
        check(
            "<title>Talks | 14.03.2019</title>",
            r#"<p><b>Stand:</b> 05. Februar 2020</p><p>Erschienen am: 01.11.2023</p>"#,
            None,
            [Some("2020-02-05T00:00:00+00:00"), None],
        );
        check(
            "<title>Talks | 14.03.2019</title>",
            "<p>Text</p>",
            None,
            [Some("2019-03-14T00:00:00+00:00"), None],
        );
        check(
            "",
            r#"<span class="date">vor 2 Stunden</span><time>14. März 2019</time>"#,
            None,
            [Some("2019-03-14T00:00:00+00:00"), None],
        );
        assert!(date_in_url("https://news.example/story-20191120.html").is_none());
        assert!(date_in_url("https://news.example/1999/13/01/x").is_none());
    }

    #[test]
    fn web_date_formats() {
        let knowledge = Knowledge::get().unwrap();
        let check = |value: &str, expected: Option<(&str, bool)>| {
            let got = parse_web_date(value, knowledge).map(|s| (s.at.to_rfc3339(), s.assumed_utc));
            let expected = expected.map(|(at, assumed)| (at.to_string(), assumed));
            assert_eq!(got, expected, "{value}");
        };
        check(
            "2019-11-20T07:29:39+0000",
            Some(("2019-11-20T07:29:39+00:00", false)),
        );
        check(
            "2019-11-20T10:43Z",
            Some(("2019-11-20T10:43:00+00:00", false)),
        );
        check(
            "Tue Nov 19 2019 03:05:46 GMT+0000",
            Some(("2019-11-19T03:05:46+00:00", false)),
        );
        check(
            "Wed, 20 Nov 2019 05:27:00 GMT",
            Some(("2019-11-20T05:27:00+00:00", false)),
        );
        check(
            "2019-11-18T17:01:27.893",
            Some(("2019-11-18T17:01:27.893+00:00", true)),
        );
        check("yesterday", None);
    }
}
