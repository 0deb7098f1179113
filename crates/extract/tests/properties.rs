//! Invariants of extraction on arbitrary text and on random mixes of the layout's cue lines.

use dyad_doc::{RawDoc, RawFormat, RawMeta};
use dyad_extract::{extract, uncovered};
use proptest::prelude::*;

/// Lines that trigger each rule of the layout, plus near misses.
const CUE_LINES: &[&str] = &[
    "US puts ball in Pyongyang’s court",
    "Posted on : 2021-05-07 16:59 KST Modified on : 2021-05-07 16:59 KST",
    "Published: May 7, 2021 4:59 PM EDT | Updated: never",
    "Updated 07.05.2021 XYZ",
    "Posted on",
    "Momentum for talks won’t come soon",
    "Blinken arrives in London. (EPA/Yonhap News)",
    "(Reuters)",
    "A rally (AP Photo/John Doe)",
    "By Hwang Joon-bum, Washington correspondent",
    "By John Doe, Jane Roe and Bob Smith, staff writers",
    "Reporting by Josh Smith; Editing by",
    "By",
    "Please direct comments or questions to []",
    "Related stories",
    "Copyright 2021",
    "© ",
    "The envoys met on Monday.",
    "",
    " \t",
    "\u{feff}",
];

const SEPARATORS: &[&str] = &[
    "\n", "\r\n", "\r", "\n\n", "\r\n\r\n", " \n", "\u{2028}", "",
];

fn article() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        3 => proptest::sample::select(CUE_LINES).prop_map(str::to_string),
        1 => "\\PC{0,30}",
        1 => "[ \t\r\n(),.:;/a-zA-Z0-9’©\u{a0}\u{3000}]{0,30}",
    ];
    let separator = proptest::sample::select(SEPARATORS);
    proptest::collection::vec((line, separator), 0..16)
        .prop_map(|parts| parts.into_iter().map(|(line, sep)| line + sep).collect())
}

fn raw(bytes: Vec<u8>, json: bool) -> RawDoc {
    RawDoc {
        source: "prop".into(),
        bytes,
        format: if json {
            RawFormat::JsonRecord
        } else {
            RawFormat::Text
        },
        meta: RawMeta::default(),
    }
}

/// Sections are non-empty, sorted and disjoint, cover every non-whitespace byte, and give back
/// the text when joined with the whitespace between them.
fn check(text: &str, json: bool) -> Result<(), TestCaseError> {
    let extracted = extract(&raw(text.as_bytes().to_vec(), json)).unwrap();
    let doc = &extracted.doc;
    let expected = text.strip_prefix('\u{feff}').unwrap_or(text);
    prop_assert_eq!(doc.text(), expected);
    prop_assert_eq!(uncovered(doc), None);
    let mut rebuilt = String::new();
    for (span, _) in doc.sections() {
        prop_assert!(!span.is_empty());
        let gap = &doc.text()[rebuilt.len()..span.start()];
        prop_assert!(gap.chars().all(char::is_whitespace), "gap {:?}", gap);
        rebuilt += gap;
        rebuilt += doc.text_of(*span);
    }
    let tail = &doc.text()[rebuilt.len()..];
    prop_assert!(tail.chars().all(char::is_whitespace));
    rebuilt += tail;
    prop_assert_eq!(rebuilt, doc.text());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn cue_line_mixes_keep_the_invariants(text in article(), json in any::<bool>()) {
        check(&text, json)?;
    }

    #[test]
    fn arbitrary_text_keeps_the_invariants(text in "\\PC{0,200}|(?s).{0,200}", json in any::<bool>()) {
        check(&text, json)?;
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        match extract(&raw(bytes, false)) {
            Ok(extracted) => prop_assert_eq!(uncovered(&extracted.doc), None),
            Err(e) => prop_assert!(e.to_string().starts_with("invalid UTF-8 at byte ")),
        }
    }
}
