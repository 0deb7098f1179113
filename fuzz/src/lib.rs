//! The invariants every fuzz target asserts after extraction.
#![deny(missing_docs)]

use dyad_doc::{RawDoc, RawFormat};
use dyad_extract::{extract, uncovered, Error};

/// Extracts `raw` and panics if an invariant breaks: extraction fails only on invalid UTF-8, the
/// text of a text document is the input minus at most a byte-order mark (a web page's text is
/// the article extracted from it), sections are non-empty valid spans, and every non-whitespace
/// byte lies in a section.
pub fn check_extract(raw: &RawDoc) {
    let extracted = match extract(raw) {
        Ok(extracted) => extracted,
        Err(Error::InvalidUtf8 { .. }) => return,
        Err(e) => panic!("extraction failed: {e}"),
    };
    let doc = &extracted.doc;
    let text = doc.text().as_bytes();
    if raw.format != RawFormat::Html {
        assert!(raw.bytes.ends_with(text) && raw.bytes.len() - text.len() <= 3);
    }
    for (span, _) in doc.sections() {
        assert!(!span.is_empty());
        assert!(doc.text().get(span.range()).is_some());
    }
    assert_eq!(uncovered(doc), None);
}
