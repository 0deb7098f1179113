//! The tagger and parser: any sequence of words (the input split on spaces, so empty words,
//! control characters and very long sentences all occur) gets one analysis per word and a tree
//! with one root, and never panics. Also decodes the input as a model file, which must fail
//! cleanly or give a working analyzer.
#![no_main]

use std::sync::OnceLock;

use dyad_syntax::Analyzer;
use libfuzzer_sys::fuzz_target;

fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(|| Analyzer::new().expect("the embedded model loads"))
}

fuzz_target!(|data: &[u8]| {
    if let Ok(other) = Analyzer::from_bytes(data) {
        other.analyze(&["a", "word"], 0);
    }
    let text = String::from_utf8_lossy(data);
    let words: Vec<&str> = text.split(' ').collect();
    let analyses = analyzer().analyze(&words, 0);
    assert_eq!(analyses.len(), words.len());
    assert_eq!(analyses.iter().filter(|a| a.head().is_none()).count(), 1);
    assert!(analyses
        .iter()
        .all(|a| a.head().is_none_or(|h| h < words.len())));
});
