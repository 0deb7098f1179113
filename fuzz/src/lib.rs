//! The invariants the fuzz targets assert: after extraction, and after loading time rules.
#![deny(missing_docs)]

use dyad_doc::{Document, Meta, RawDoc, RawFormat, Stage};
use dyad_extract::{extract, uncovered, Error};
use dyad_time::{Language, RuleFile, TimeTagger};

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

/// Loads `text` as a time lexicon file and as a time pattern file, each beside the English
/// rules, and panics if an invariant breaks: loading never panics, an error names a line of
/// the fuzzed file, and a tagger that loads finds disjoint expressions on valid spans of a
/// sample text.
pub fn check_time_rules(text: &str) {
    let fuzzed = [RuleFile {
        name: "fuzz.tsv",
        text,
    }];
    let english = dyad_time::ENGLISH;
    let languages = [
        Language {
            lexicons: &[english.lexicons, &fuzzed].concat(),
            patterns: english.patterns,
        },
        Language {
            lexicons: english.lexicons,
            patterns: &[english.patterns, &fuzzed].concat(),
        },
    ];
    for language in &languages {
        match TimeTagger::new(language) {
            Ok(tagger) => check_tagger(&tagger),
            Err(dyad_time::Error::Rule { file, line, .. }) => {
                assert_eq!(file, "fuzz.tsv");
                assert!(line >= 1 && line <= text.lines().count());
            }
            Err(e) => panic!("unexpected error: {e}"),
        }
    }
}

/// Runs a tagger on a sample article and checks its expressions.
fn check_tagger(tagger: &TimeTagger) {
    const SAMPLE: &str = "Blinken said Monday that talks held on Tuesday and Wednesday will \
        resume on May 21, 18 years after the end of February 2003, every Tuesday at 3:30 p.m.";
    let mut meta = Meta::new("fuzz.txt");
    meta.published = chrono::DateTime::parse_from_rfc3339("2021-05-07T16:59:00+09:00").ok();
    let mut doc = Document::single_body(SAMPLE, meta).expect("the sample is a valid document");
    let tokenize = dyad_nlp::TokenizeStage::new().expect("embedded data files parse");
    for layer in tokenize.run(&doc).expect("tokenizing succeeds").layers {
        doc.attach(layer).expect("tokenize layers are valid");
    }
    let times = tagger.annotate(&doc);
    for pair in times.windows(2) {
        assert!(pair[0].0.end() <= pair[1].0.start());
    }
    for (span, timex) in &times {
        assert!(!span.is_empty() && doc.text().get(span.range()).is_some());
        assert!(!timex.value().is_empty());
    }
}
