//! Extraction of real and edge-case articles, checked section by section.

use dyad_doc::{Author, RawDoc, RawFormat, RawMeta, SectionKind};
use dyad_extract::{extract, uncovered, Extracted};

const HANKYOREH: &str = include_str!("../../../data/samples/hankyoreh-2021-05-07.txt");

fn raw(bytes: &[u8], format: RawFormat, meta: RawMeta) -> RawDoc {
    RawDoc {
        source: "test".into(),
        bytes: bytes.to_vec(),
        format,
        meta,
    }
}

fn text(bytes: &[u8]) -> Extracted {
    extract(&raw(bytes, RawFormat::Text, RawMeta::default())).unwrap()
}

/// Extracts `raw` and compares its sections, rendered one per line as `kind: text` with line
/// breaks shown as `⏎`, against `expected`; checks coverage on the way.
fn check(raw: &RawDoc, expected: &[&str]) -> Extracted {
    let extracted = extract(raw).unwrap();
    let doc = &extracted.doc;
    assert_eq!(uncovered(doc), None);
    let got: Vec<String> = doc
        .sections()
        .iter()
        .map(|(span, section)| {
            let shown = doc.text_of(*span).replace("\r\n", "⏎").replace('\n', "⏎");
            format!("{}: {shown}", section.kind().as_str())
        })
        .collect();
    assert_eq!(got, expected);
    extracted
}

fn kinds_of(extracted: &Extracted, kind: SectionKind) -> Vec<&str> {
    let doc = &extracted.doc;
    doc.sections()
        .iter()
        .filter(|(_, s)| s.kind() == kind)
        .map(|(span, _)| doc.text_of(*span))
        .collect()
}

#[test]
fn hankyoreh_article() {
    let extracted = text(HANKYOREH.as_bytes());
    let doc = &extracted.doc;
    assert_eq!(doc.text(), HANKYOREH);
    assert_eq!(uncovered(doc), None);
    let meta = doc.meta();
    assert_eq!(
        meta.title.as_deref(),
        Some("US puts ball in Pyongyang’s court instead of actively seeking dialogue")
    );
    assert_eq!(
        meta.subtitle.as_deref(),
        Some("Momentum for North Korea-US talks won’t come by anytime soon")
    );
    for date in [meta.published, meta.modified] {
        assert_eq!(date.unwrap().to_rfc3339(), "2021-05-07T16:59:00+09:00");
    }
    assert_eq!(meta.zone.as_deref(), Some("KST"));
    assert_eq!(
        meta.authors,
        [Author {
            name: "Hwang Joon-bum".into(),
            role: Some("Washington correspondent".into()),
        }]
    );
    assert_eq!(
        kinds_of(&extracted, SectionKind::Headline),
        [meta.title.as_deref().unwrap()]
    );
    assert_eq!(kinds_of(&extracted, SectionKind::Dateline).len(), 1);
    let caption = "US Secretary of State Antony Blinken waves his hand as he arrives at a G7 \
                   meeting held in London on Tuesday and Wednesday.";
    assert_eq!(kinds_of(&extracted, SectionKind::Caption), [caption]);
    assert_eq!(
        kinds_of(&extracted, SectionKind::Credit),
        ["(EPA/Yonhap News)"]
    );
    assert_eq!(
        kinds_of(&extracted, SectionKind::Boilerplate),
        [
            format!("{caption} (EPA/Yonhap News)").as_str(),
            "Please direct comments or questions to []",
            "Related stories",
        ]
    );
    let body = kinds_of(&extracted, SectionKind::Body);
    assert_eq!(body.len(), 15);
    assert!(body[0].starts_with("At a meeting of senior officials from the G7 countries"));
    assert_eq!(
        kinds_of(&extracted, SectionKind::Byline),
        ["By Hwang Joon-bum, Washington correspondent"]
    );
    let messages: Vec<_> = extracted
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(messages, ["repeated caption read as boilerplate"]);
}

#[test]
fn crlf_keeps_offsets_into_the_unchanged_text() {
    let crlf = HANKYOREH.replace('\n', "\r\n");
    let unix = text(HANKYOREH.as_bytes());
    let windows = text(crlf.as_bytes());
    assert_eq!(windows.doc.text(), crlf);
    assert_eq!(uncovered(&windows.doc), None);
    assert_eq!(windows.doc.meta(), unix.doc.meta());
    let sections = |e: &Extracted| -> Vec<(SectionKind, String)> {
        e.doc
            .sections()
            .iter()
            .map(|(span, s)| (s.kind(), e.doc.text_of(*span).replace("\r\n", "\n")))
            .collect()
    };
    assert_eq!(sections(&windows), sections(&unix));
}

#[test]
fn no_header_is_untitled_body() {
    let extracted = check(
        &raw(
            b"Seoul plans to hold talks.\nIt said so on Monday.\n\nThe talks begin in May.\n",
            RawFormat::Text,
            RawMeta::default(),
        ),
        &[
            "body: Seoul plans to hold talks.⏎It said so on Monday.",
            "body: The talks begin in May.",
        ],
    );
    assert_eq!(extracted.doc.meta().title, None);
}

#[test]
fn bom_and_trailing_whitespace() {
    let extracted = check(
        &raw(
            "\u{feff}Talks stall  \r\n\r\n  The envoys met.\t \r\n \r\n".as_bytes(),
            RawFormat::Text,
            RawMeta::default(),
        ),
        &["headline: Talks stall", "body: The envoys met."],
    );
    assert!(!extracted.doc.text().starts_with('\u{feff}'));
}

#[test]
fn invalid_utf8_and_empty_text() {
    let error = extract(&raw(
        b"Talks\n\xC0stall",
        RawFormat::Text,
        RawMeta::default(),
    ));
    assert_eq!(error.unwrap_err().to_string(), "invalid UTF-8 at byte 6");
    let empty = check(&raw(b" \n\t", RawFormat::Text, RawMeta::default()), &[]);
    let messages: Vec<_> = empty
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(messages, ["no text"]);
}

#[test]
fn json_record_takes_meta_from_the_record() {
    let meta = RawMeta {
        id: Some("42".into()),
        url: Some("https://example.com/talks".into()),
        title: Some("Talks stall".into()),
        published: Some("2021-05-07".into()),
        ..RawMeta::default()
    };
    let record = raw(
        b"Posted on 2021-05-08\n\nThe envoys met. (Reuters)\n\nBy Jane Roe\nCopyright 2021",
        RawFormat::JsonRecord,
        meta,
    );
    let extracted = check(
        &record,
        &[
            "body: Posted on 2021-05-08",
            "body: The envoys met. (Reuters)",
            "byline: By Jane Roe",
            "boilerplate: Copyright 2021",
        ],
    );
    let meta = extracted.doc.meta();
    assert_eq!(meta.title.as_deref(), Some("Talks stall"));
    assert_eq!(meta.source_id.as_deref(), Some("42"));
    assert_eq!(meta.url.as_deref(), Some("https://example.com/talks"));
    assert_eq!(meta.source, "test");
    assert_eq!(
        meta.published.unwrap().to_rfc3339(),
        "2021-05-07T00:00:00+00:00"
    );
    assert_eq!(meta.authors[0].name, "Jane Roe");

    let rfc3339 = RawMeta {
        published: Some("2021-05-07T16:59:00+09:00".into()),
        ..RawMeta::default()
    };
    let extracted = extract(&raw(b"Text.", RawFormat::JsonRecord, rfc3339)).unwrap();
    let published = extracted.doc.meta().published.unwrap();
    assert_eq!(published.to_rfc3339(), "2021-05-07T16:59:00+09:00");

    let bad = RawMeta {
        published: Some("yesterday".into()),
        ..RawMeta::default()
    };
    let extracted = extract(&raw(b"Text.", RawFormat::JsonRecord, bad)).unwrap();
    assert_eq!(
        extracted.diagnostics[0].message,
        "could not read date `yesterday`"
    );
}

#[test]
fn ids_are_content_hashes() {
    assert_eq!(text(b"Same text.").doc.id(), text(b"Same text.").doc.id());
    assert_ne!(text(b"Same text.").doc.id(), text(b"Other text.").doc.id());
}
