//! Web pages through `extract`: charsets, sections that cover the article text, and pages
//! without an article.

use dyad_doc::{RawDoc, RawFormat, RawMeta, SectionKind};
use dyad_extract::{extract, uncovered};

/// A small news page in windows-1252, written for this test.
const PAGE: &[u8] = b"<!doctype html><html lang=\"fr\"><head><title>Caf\xe9 talks</title>\
    <meta property=\"article:published_time\" content=\"2021-05-07T16:59:00+02:00\"></head>\
    <body><nav><a href=\"/\">Accueil</a></nav><article><h1>Caf\xe9 talks</h1>\
    <p class=\"byline\">By Marie Dupont</p>\
    <p>The envoys met at a caf\xe9 in Paris on Friday and agreed to hold talks next month, \
    officials said after the meeting ended.</p>\
    <figure><img src=\"a.jpg\"><figcaption>The caf\xe9 where the envoys met.</figcaption></figure>\
    <p>Both sides called the meeting \x93useful\x94 and said their teams would meet again \
    before the summer, without naming a date.</p>\
    <p>Neither government would say who had asked for the meeting, which had not been \
    announced in advance.</p></article>\
    <footer>Copyright 2021</footer></body></html>";

/// Extracts `bytes` as a page fetched with `charset` in its HTTP header, and shows the sections
/// as `kind: text` and the diagnostics.
fn check(bytes: &[u8], charset: Option<&str>, expected: &[&str], diagnostics: &[&str]) {
    let raw = RawDoc {
        source: "page.html".into(),
        bytes: bytes.to_vec(),
        format: RawFormat::Html,
        meta: RawMeta {
            charset: charset.map(str::to_string),
            ..RawMeta::default()
        },
    };
    let extracted = extract(&raw).unwrap();
    let doc = &extracted.doc;
    assert_eq!(uncovered(doc), None);
    let got: Vec<String> = doc
        .sections()
        .iter()
        .filter(|(_, s)| s.kind() != SectionKind::Boilerplate)
        .map(|(span, s)| format!("{}: {}", s.kind().as_str(), doc.text_of(*span)))
        .collect();
    assert_eq!(got, expected);
    let notes: Vec<&str> = extracted
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(notes, diagnostics);
}

#[test]
fn a_legacy_charset_page_reads_cleanly() {
    let expected = [
        "headline: Caf\u{e9} talks",
        "body: The envoys met at a caf\u{e9} in Paris on Friday and agreed to hold talks next \
         month, officials said after the meeting ended.",
        "caption: The caf\u{e9} where the envoys met.",
        "body: Both sides called the meeting \u{201c}useful\u{201d} and said their teams would \
         meet again before the summer, without naming a date.",
        "body: Neither government would say who had asked for the meeting, which had not been \
         announced in advance.",
    ];
    // The byline element is taken out of the text by the article search, into the metadata.
    check(PAGE, Some("windows-1252"), &expected, &[]);
    let raw = RawDoc {
        source: "page.html".into(),
        bytes: PAGE.to_vec(),
        format: RawFormat::Html,
        meta: RawMeta::default(),
    };
    let meta = extract(&raw).unwrap().doc.meta().clone();
    assert_eq!(meta.authors[0].name, "Marie Dupont");
    assert_eq!(meta.language.as_deref(), Some("fr"));
    assert_eq!(
        meta.published.map(|p| p.to_rfc3339()).as_deref(),
        Some("2021-05-07T16:59:00+02:00")
    );
    // Without a declared charset the bytes are not UTF-8, so the encoding is guessed, and said.
    check(
        PAGE,
        None,
        &expected,
        &["no charset declared; guessed windows-1252"],
    );
}

#[test]
fn pages_without_an_article_are_empty_documents_with_a_warning() {
    check(
        b"",
        None,
        &[],
        &["no article found: failed to grab the article", "no text"],
    );
}
