//! Web-page extraction throughput: the sample article laid out as a news site's page (menus,
//! share bar, related links, comments, footer, scripts, JSON-LD), in pages and bytes per second.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dyad_doc::{RawDoc, RawFormat, RawMeta};

const ARTICLE: &str = include_str!("../../../data/samples/hankyoreh-2021-05-07.txt");

/// A page around the article's paragraphs, written for this benchmark.
fn page() -> String {
    let mut lines = ARTICLE.lines().filter(|l| !l.trim().is_empty());
    let title = lines.next().unwrap_or_default();
    let paragraphs: String = lines
        .skip(3)
        .map(|p| format!("<p>{}</p>\n", p.replace('&', "&amp;").replace('<', "&lt;")))
        .collect();
    let menu: String = (1..=40)
        .map(|i| format!("<li><a href=\"/section/{i}\">Section {i}</a></li>"))
        .collect();
    let related: String = (1..=12)
        .map(|i| {
            format!("<li><a href=\"/story/{i}\">Related story number {i} about the region</a></li>")
        })
        .collect();
    let comments: String = (1..=8)
        .map(|i| {
            format!(
                "<div class=\"comment\"><b>reader{i}</b><p>Comment {i} on the article.</p></div>"
            )
        })
        .collect();
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} : News</title>\
         <meta property=\"article:published_time\" content=\"2021-05-07T16:59:00+09:00\">\
         <meta property=\"article:section\" content=\"North Korea\">\
         <script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"headline\":\"{title}\",\
         \"datePublished\":\"2021-05-07T16:59:00+09:00\"}}</script>\
         <script>var tracking = {{ id: 42, pages: [1, 2, 3] }};</script></head>\
         <body><header><nav><ul>{menu}</ul></nav></header>\
         <div class=\"share\"><a>Facebook</a><a>Twitter</a><a>Email</a></div>\
         <article><h1>{title}</h1><p class=\"byline\">By Hwang Joon-bum, Washington correspondent</p>\
         <figure><img src=\"a.jpg\"><figcaption>US Secretary of State Antony Blinken arrives at a G7 \
         meeting in London. (EPA/Yonhap News)</figcaption></figure>\n{paragraphs}</article>\
         <aside><h2>Related stories</h2><ul>{related}</ul></aside>\
         <section class=\"comments\">{comments}</section>\
         <footer><p>Copyright The Hankyoreh. All rights reserved.</p></footer></body></html>"
    )
}

fn html(c: &mut Criterion) {
    let raw = RawDoc {
        source: "page.html".into(),
        bytes: page().into_bytes(),
        format: RawFormat::Html,
        meta: RawMeta::default(),
    };
    let extracted = dyad_extract::extract(&raw).expect("the page extracts");
    assert!(extracted.doc.text().contains("Blinken"));
    let mut group = c.benchmark_group("news_page");
    group.throughput(Throughput::Bytes(raw.bytes.len() as u64));
    group.bench_function("extract_bytes", |b| b.iter(|| dyad_extract::extract(&raw)));
    group.throughput(Throughput::Elements(1));
    group.bench_function("extract_pages", |b| b.iter(|| dyad_extract::extract(&raw)));
    group.finish();
}

criterion_group!(benches, html);
criterion_main!(benches);
